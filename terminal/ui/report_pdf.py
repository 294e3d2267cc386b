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
from terminal.ui import desk_texts, fonts
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
    """The report's HTML in the installed language (literal QCoreApplication.translate calls: lupdate
    collects them into the "Report" context); coupon kinds and audit actions worded by desk_texts."""
    e = html.escape

    def table(head: list[str], rows: list[list[object]]) -> str:
        th = "".join(f"<th>{e(h)}</th>" for h in head)
        trs = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{th}</tr>{trs}</table>"

    def h3(text: str) -> str:
        return f"<h3>{e(text)}</h3>"

    title = QCoreApplication.translate("Report", "Daily redemption report")
    day, terminal = QCoreApplication.translate("Report", "Day"), QCoreApplication.translate("Report", "Terminal")
    settlements, total = QCoreApplication.translate("Report", "Settlements"), QCoreApplication.translate("Report", "Total")
    parts = [
        f"<h2>{e(title)} — {e(rep.store_name)} ({e(rep.store_id)})</h2>",
        f"<p>{e(day)}: {rep.day.isoformat()} ({e(rep.timezone)}) · {e(terminal)}: {e(rep.terminal_id)}</p>",
        table(
            [QCoreApplication.translate("Report", "Sales settled"), QCoreApplication.translate("Report", "Gross"),
             QCoreApplication.translate("Report", "Coupon discount"), QCoreApplication.translate("Report", "Points discount"),
             total, QCoreApplication.translate("Report", "Voided"), QCoreApplication.translate("Report", "Net")],
            [[rep.settlements, rep.gross, rep.coupon_discount, rep.points_discount, rep.total, rep.voided_total, rep.net_total]],
        ),
        counts_html(rep),  # settled - voided = settlements (terminal/ui/report_close.py)
        close_html(rep),  # when, who, override and its reason, unsynced count, sales after the close
        h3(QCoreApplication.translate("Report", "Coupons")),
        table([QCoreApplication.translate("Report", "Coupon"), QCoreApplication.translate("Report", "Kind"),
               QCoreApplication.translate("Report", "Uses"), QCoreApplication.translate("Report", "Discount"),
               QCoreApplication.translate("Report", "Voided uses")],
              [[t.name, desk_texts.kind_label(t.kind) + (f" ({t.partner})" if t.partner else ""), t.uses, t.discount, t.voided_uses]
               for t in rep.templates]),
        h3(QCoreApplication.translate("Report", "Points")),
        table([QCoreApplication.translate("Report", "Point type"), QCoreApplication.translate("Report", "Earned"),
               QCoreApplication.translate("Report", "Spent"), QCoreApplication.translate("Report", "Earned reversed"),
               QCoreApplication.translate("Report", "Spent reversed")],
              [[p.name, p.earned, p.spent, p.earned_reversed, p.spent_reversed] for p in rep.points]),
        h3(QCoreApplication.translate("Report", "Cashiers")),
        table([QCoreApplication.translate("Report", "Cashier"), settlements, QCoreApplication.translate("Report", "Discounts"), total],
              [[c.name, c.settlements, c.discounts, c.total] for c in rep.cashiers]),
        h3(QCoreApplication.translate("Report", "By hour")),
        table([QCoreApplication.translate("Report", "Hour"), settlements, total],
              [[f"{h.hour:02d}:00", h.settlements, h.total] for h in rep.hours]),
        h3(QCoreApplication.translate("Report", "Voids and overrides")),
        table([QCoreApplication.translate("Report", "When"), QCoreApplication.translate("Report", "Who"),
               QCoreApplication.translate("Report", "What"), QCoreApplication.translate("Report", "Reason")],
              [[v.voided_at, v.manager_id, QCoreApplication.translate("Report", "Void %1 (%2)").replace("%1", v.checkout_id)
                .replace("%2", str(v.total)), v.reason] for v in rep.voids]
              + [[o.at, o.actor_id, desk_texts.action_label(o.action), desk_texts.audit_reason(o.reason)]
                 for o in rep.overrides if o.action != "void"]),
    ]
    return "<html><body>" + "".join(parts) + "</body></html>"


def write_report_pdf(rep: DailyReport, path: str | Path) -> Path:
    _ensure_app()
    title = QCoreApplication.translate("Report", "Daily report %1 %2").replace("%1", rep.store_id).replace("%2", rep.day.isoformat())
    return write_html_pdf(report_html(rep), path, title=title,
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
