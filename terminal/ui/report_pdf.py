"""Daily report as PDF: QTextDocument (HTML) printed by QPdfWriter with a CJK font.

Lives in terminal/ui because it needs Qt; callable without a window (the CLI uses it
under the offscreen platform). Text stays text in the PDF (extractable, searchable).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from terminal.usecases.reports import DailyReport
from terminal.ui import fonts
from terminal.ui.report_close import close_html, counts_html


def _ensure_app() -> None:
    """Fonts need a GUI application. Make a QApplication (not just a QGuiApplication): the
    process may open windows later (the CLI in tests, the window after an export)."""
    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QApplication([])


def report_families() -> list[str]:
    """The PDF's font families: a Latin face (digits and codes stay plain, extractable text), then the
    bundled Traditional-Chinese font and the PC's CJK fonts (terminal.ui.fonts.ui_families)."""
    _ensure_app()
    latin = [f for f in ("DejaVu Sans", "Arial", "Segoe UI") if f in QFontDatabase.families()]
    return list(dict.fromkeys(latin + fonts.ui_families(QFont().defaultFamily())))


def report_html(rep: DailyReport) -> str:
    e = html.escape

    def table(head: list[str], rows: list[list[object]]) -> str:
        th = "".join(f"<th>{e(h)}</th>" for h in head)
        trs = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{th}</tr>{trs}</table>"

    tr = QCoreApplication.translate
    parts = [
        f"<h2>{e(tr('Report', 'Daily redemption report'))} — {e(rep.store_name)} ({e(rep.store_id)})</h2>",
        f"<p>{e(tr('Report', 'Day'))}: {rep.day.isoformat()} ({e(rep.timezone)}) · {e(tr('Report', 'Terminal'))}: {e(rep.terminal_id)}</p>",
        table(
            [tr("Report", "Sales settled"), tr("Report", "Gross"), tr("Report", "Coupon discount"), tr("Report", "Points discount"),
             tr("Report", "Total"), tr("Report", "Voided"), tr("Report", "Net")],
            [[rep.settlements, rep.gross, rep.coupon_discount, rep.points_discount, rep.total, rep.voided_total, rep.net_total]],
        ),
        counts_html(rep),  # settled - voided = settlements (terminal/ui/report_close.py)
        close_html(rep),  # when, who, override and its reason, unsynced count, sales after the close
        f"<h3>{e(tr('Report', 'Coupons'))}</h3>",
        table([tr("Report", "Coupon"), tr("Report", "Kind"), tr("Report", "Uses"), tr("Report", "Discount"), tr("Report", "Voided uses")],
              [[t.name, t.kind + (f" ({t.partner})" if t.partner else ""), t.uses, t.discount, t.voided_uses] for t in rep.templates]),
        f"<h3>{e(tr('Report', 'Points'))}</h3>",
        table([tr("Report", "Point type"), tr("Report", "Earned"), tr("Report", "Spent"), tr("Report", "Earned reversed"), tr("Report", "Spent reversed")],
              [[p.name, p.earned, p.spent, p.earned_reversed, p.spent_reversed] for p in rep.points]),
        f"<h3>{e(tr('Report', 'Cashiers'))}</h3>",
        table([tr("Report", "Cashier"), tr("Report", "Settlements"), tr("Report", "Discounts"), tr("Report", "Total")],
              [[c.name, c.settlements, c.discounts, c.total] for c in rep.cashiers]),
        f"<h3>{e(tr('Report', 'By hour'))}</h3>",
        table([tr("Report", "Hour"), tr("Report", "Settlements"), tr("Report", "Total")],
              [[f"{h.hour:02d}:00", h.settlements, h.total] for h in rep.hours]),
        f"<h3>{e(tr('Report', 'Voids and overrides'))}</h3>",
        table([tr("Report", "When"), tr("Report", "Who"), tr("Report", "What"), tr("Report", "Reason")],
              [[v.voided_at, v.manager_id, f"void {v.checkout_id} ({v.total})", v.reason] for v in rep.voids]
              + [[o.at, o.actor_id, o.action, o.reason] for o in rep.overrides if o.action != "void"]),
    ]
    return "<html><body>" + "".join(parts) + "</body></html>"


def write_report_pdf(rep: DailyReport, path: str | Path) -> Path:
    _ensure_app()
    return write_html_pdf(report_html(rep), path, title=f"Daily report {rep.store_id} {rep.day.isoformat()}",
                          orientation=QPageLayout.Orientation.Portrait, point_size=9)


def write_html_pdf(body: str, path: str | Path, *, title: str, orientation: QPageLayout.Orientation,
                   point_size: int) -> Path:
    """Lay out the HTML `body` on A4 (12 mm margins, 300 dpi) in the report fonts and write it to `path`
    (returned). The caller has made the application (`_ensure_app`)."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(12, 12, 12, 12)))
    writer.setResolution(300)
    writer.setTitle(title)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)  # point sizes follow the PDF's resolution
    font = QFont()
    # Latin text in a Latin face keeps digits extractable; CJK falls back to the bundled CJK face
    font.setFamilies(report_families())
    font.setPointSize(point_size)
    doc.setDefaultFont(font)
    doc.setHtml(body)
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    del writer  # finishes the file
    return path
