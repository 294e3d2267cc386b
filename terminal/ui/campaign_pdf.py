"""Campaign report (券統計) as PDF: the same figures as the CSV / `--json`, laid out like the daily
report's PDF (terminal/ui/report_pdf.py: QTextDocument HTML printed by QPdfWriter, the bundled CJK
font after a Latin face so digits stay extractable text).

    write_campaign_pdf(rep, path, language="zh_TW") -> Path

Headings are `QCoreApplication.translate("CampaignReport", ...)` literals (pyside6-lupdate collects
them into resources/translations/terminal_<lang>.ts); `language` (zh_TW | en) installs that .qm
first (terminal.ui.i18n), so a store PC prints 活動成效報表, an English one "Campaign report".
One row per campaign, `kind` coupon_template or promotion, columns as campaign_roi.HEADER.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPageLayout

from terminal.domain.campaign_roi import name_of
from terminal.ui import i18n
from terminal.ui.report_pdf import _ensure_app, write_html_pdf
from terminal.usecases.campaign_report import CampaignReport


def _headings() -> list[str]:
    return [
        QCoreApplication.translate("CampaignReport", "Kind"),
        QCoreApplication.translate("CampaignReport", "Campaign"),
        QCoreApplication.translate("CampaignReport", "Name"),
        QCoreApplication.translate("CampaignReport", "Issued"),
        QCoreApplication.translate("CampaignReport", "Redeemed"),
        QCoreApplication.translate("CampaignReport", "Redemption rate %"),
        QCoreApplication.translate("CampaignReport", "Discount"),
        QCoreApplication.translate("CampaignReport", "Baskets"),
        QCoreApplication.translate("CampaignReport", "Revenue"),
        QCoreApplication.translate("CampaignReport", "Avg basket with"),
        QCoreApplication.translate("CampaignReport", "Avg basket without"),
        QCoreApplication.translate("CampaignReport", "First-time members"),
    ]


def _kind(kind: str) -> str:
    kinds = {"coupon_template": QCoreApplication.translate("CampaignReport", "Coupon"),
             "promotion": QCoreApplication.translate("CampaignReport", "Promotion")}
    return kinds.get(kind, kind)


def campaign_html(rep: CampaignReport) -> str:
    """The report's HTML (headings in the installed language; figures as in the CSV, '-' where none)."""
    e = html.escape

    def cell(v: object) -> str:
        return "-" if v is None else str(v)

    th = "".join(f"<th>{e(h)}</th>" for h in _headings())
    rows = "".join(
        "<tr>" + "".join(f"<td>{e(cell(c))}</td>" for c in (
            _kind(ln.kind), ln.campaign_id, name_of(ln, rep.names), ln.issued, ln.redeemed, ln.redemption_rate_percent,
            ln.discount, ln.baskets, ln.revenue, ln.avg_basket_with, ln.avg_basket_without, ln.first_time_members)) + "</tr>"
        for ln in rep.lines)
    title = QCoreApplication.translate("CampaignReport", "Campaign report")
    days = QCoreApplication.translate("CampaignReport", "Days")
    count = QCoreApplication.translate("CampaignReport", "Campaigns")
    return ("<html><body>"
            f"<h2>{e(title)} — {e(rep.store_name)} ({e(rep.store_id)})</h2>"
            f"<p>{e(days)}: {rep.first_day.isoformat()} .. {rep.last_day.isoformat()} ({e(rep.timezone)})</p>"
            f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{th}</tr>{rows}</table>"
            f"<p>{e(count)}: {len(rep.lines)}</p>"
            "</body></html>")


def write_campaign_pdf(rep: CampaignReport, path: str | Path, language: str = i18n.DEFAULT_LANGUAGE) -> Path:
    """Write the PDF (A4 landscape) to `path` and return it. `language`: zh_TW or en (others: zh_TW)."""
    _ensure_app()
    i18n.install(QCoreApplication.instance(), language)
    return write_html_pdf(campaign_html(rep), path,
                          title=QCoreApplication.translate("CampaignReport", "Campaign report %1 %2..%3")
                          .replace("%1", rep.store_id).replace("%2", rep.first_day.isoformat()).replace("%3", rep.last_day.isoformat()),
                          orientation=QPageLayout.Orientation.Landscape, point_size=8)
