"""The day report's close section (PDF, issue 17 §4.6): how the settlements add up, and the close itself.

    close_html(rep) -> HTML: sales settled, voided, settlements that count (settled - voided); and, once the
        day is closed, when, by whom, whether a manager overrode unsynced sales (and why), how many events
        were not yet synced at the close, and the sales booked after the close.

In the cashier's language (context "ReportClose"), for `report_pdf.report_html`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from terminal.usecases.reports import DailyReport


def _table(head: list[str], rows: list[list[object]]) -> str:
    e = html.escape
    th = "".join(f"<th>{e(h)}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{th}</tr>{trs}</table>"


def counts_html(rep: DailyReport) -> str:
    """Sales settled - voided = settlements (a void is never a settlement)."""
    return _table([QCoreApplication.translate("ReportClose", "Sales settled"),
                   QCoreApplication.translate("ReportClose", "Sales voided"),
                   QCoreApplication.translate("ReportClose", "Settlements (voids excluded)"),
                   QCoreApplication.translate("ReportClose", "Returns")],
                  [[rep.settlements, rep.voided_sales, rep.net_settlements, rep.returns["count"]]])


def close_html(rep: DailyReport) -> str:
    """The close of day section (module docstring); says plainly when the day is not closed."""
    e = html.escape
    heading = QCoreApplication.translate("ReportClose", "Close of day")
    title = f"<h3>{e(heading)}</h3>"
    c = rep.close
    if c is None:
        not_closed = QCoreApplication.translate("ReportClose", "This day is not closed.")
        return title + f"<p>{e(not_closed)} " + e(
            QCoreApplication.translate("ReportClose", "Not yet synced now: %1").replace("%1", str(rep.pending_events))) + "</p>"
    yes, no = QCoreApplication.translate("ReportClose", "Yes"), QCoreApplication.translate("ReportClose", "No")
    override = yes if c["overridden"] else no
    rows = [[c["closed_at"], f"{c['by_name']} ({c['by']})" if c["by_name"] != c["by"] else c["by"], override,
             c["reason"] if c["overridden"] else QCoreApplication.translate("ReportClose", "all events synced"), c["pending"]]]
    body = title + _table([QCoreApplication.translate("ReportClose", "Closed at"), QCoreApplication.translate("ReportClose", "Closed by"),
                           QCoreApplication.translate("ReportClose", "Manager override"),
                           QCoreApplication.translate("ReportClose", "Reason"),
                           QCoreApplication.translate("ReportClose", "Not yet synced at the close")], rows)
    after = rep.after_close
    if after["count"]:
        body += "<p><b>" + e(QCoreApplication.translate("ReportClose", "Sales after the close: %1, total %2 (included above)")
                             .replace("%1", str(after["count"])).replace("%2", f"${after['total']:,}")) + "</b></p>"
    return body
