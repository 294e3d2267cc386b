"""Close of day that means it (issue 17 §4.6): voids are not settlements, the close is on the report and its PDF
(override, its reason, who, when, the unsynced count), and sales after the close are told apart."""

from __future__ import annotations

import os
import unicodedata

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

from pypdf import PdfReader  # noqa: E402

from terminal.usecases.checkout import CheckoutRequest, LineRequest  # noqa: E402
from terminal.usecases.reports import daily_report, report_csv  # noqa: E402
from tests.conftest import FixedClock, tpe  # noqa: E402

DAY = date(2026, 11, 5)


def _sale(svc, cid: str, amount: int, hour: int = 12) -> None:
    svc.settle(CheckoutRequest(cid, (LineRequest(amount=amount),)), cashier_id="C01", at=tpe(2026, 11, 5, hour))


def _language(language: str) -> None:
    """The PDF's words follow the installed translation: install `language` (another test may have left one)."""
    from terminal.ui import i18n
    from terminal.ui.report_pdf import _ensure_app
    from PySide6.QtWidgets import QApplication

    _ensure_app()
    i18n.install(QApplication.instance(), language)


def _pdf_text(path) -> str:
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return unicodedata.normalize("NFKC", "".join(text.split()))


def test_voids_are_not_settlements_and_the_figures_add_up(make_service):
    svc = make_service()
    for cid, amount in (("a", 100), ("b", 250), ("c", 400)):
        _sale(svc, cid, amount)
    svc.void("b", manager_id="MGR1", pin="9999", reason="wrong card", at=tpe(2026, 11, 5, 13))
    rep = daily_report(svc.replica, store_id="A-001", day=DAY)
    assert (rep.settlements, rep.voided_sales, rep.net_settlements) == (3, 1, 2)
    assert rep.total - rep.voided_total - rep.returns["refunded"] == rep.net_total == 500
    assert [v.checkout_id for v in rep.voids] == ["b"] and rep.voids[0].kind == "sale"
    res = svc.close_day(DAY, manager_id="MGR1", pin="9999", override_reason="line down", at=tpe(2026, 11, 5, 21))
    assert res["settlements"] == 2 and res["voids"] == 1 and res["net_total"] == 500
    csv = report_csv(res["report"]).decode("utf-8-sig")
    assert "summary,sales settled,3" in csv and "summary,sales voided,1" in csv and "summary,settlements,2" in csv


def test_a_void_of_another_day_counts_on_its_own_day(make_service):
    svc = make_service()
    _sale(svc, "late", 300, hour=23)
    svc.void("late", manager_id="MGR1", pin="9999", reason="next morning", at=tpe(2026, 11, 6, 9))
    day1 = daily_report(svc.replica, store_id="A-001", day=DAY)
    day2 = daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 6))
    assert (day1.settlements, day1.voided_sales, day1.net_settlements, day1.net_total) == (1, 0, 1, 300)
    assert (day2.settlements, day2.voided_sales, day2.net_total) == (0, 1, -300)


def test_the_close_is_on_the_report_csv_and_pdf_with_override_reason_who_when_and_pending(make_service, tmp_path):
    from terminal.ui.report_pdf import write_report_pdf

    svc = make_service()
    _sale(svc, "a", 120)
    _sale(svc, "b", 80)
    before = daily_report(svc.replica, store_id="A-001", day=DAY)
    assert before.close is None and before.after_close == {"count": 0, "total": 0}
    res = svc.close_day(DAY, manager_id="MGR1", pin="9999", override_reason="伺服器斷線整晚", at=tpe(2026, 11, 5, 21, 30))
    rep = res["report"]
    assert res["overridden"] and res["pending"] == 2 and res["by"] == "MGR1"
    assert rep.close == {"closed_at": "2026-11-05 21:30", "by": "MGR1", "by_name": rep.close["by_name"],
                         "reason": "伺服器斷線整晚", "overridden": True, "pending": 2}
    assert rep.close["by_name"] not in ("", "MGR1")  # the manager's name from the staff list
    csv = report_csv(rep).decode("utf-8-sig")
    assert f"close,2026-11-05 21:30,MGR1 {rep.close['by_name']},yes,伺服器斷線整晚,2" in csv
    _language("en")
    text = _pdf_text(write_report_pdf(rep, tmp_path / "close.pdf"))
    assert "Closeofday" in text and "2026-11-0521:30" in text and "伺服器斷線整晚" in text and "MGR1" in text
    assert "Yes" in text  # the override flag
    assert "Settlements(voidsexcluded)" in text
    _language("zh_TW")
    text = _pdf_text(write_report_pdf(rep, tmp_path / "close-zh.pdf"))
    assert "強制核准" in text and "關帳時尚未同步" in text and "伺服器斷線整晚" in text and "關帳" in text  # 長 may come out as a radical
    _language("en")


def test_a_close_without_override_says_all_synced_and_no(make_service, tmp_path):
    from terminal.ui.report_pdf import write_report_pdf

    svc = make_service()
    _sale(svc, "a", 120)
    svc.replica.conn.execute("UPDATE outbox SET state = 'acked'")
    rep = svc.close_day(DAY, manager_id="MGR1", pin="9999", at=tpe(2026, 11, 5, 21))["report"]
    assert rep.close["overridden"] is False and rep.close["pending"] == 0
    _language("en")
    text = _pdf_text(write_report_pdf(rep, tmp_path / "close.pdf"))
    assert "alleventssynced" in text and "No" in text


def test_the_counter_knows_the_day_is_closed_and_sales_after_it_are_listed_apart(make_service):
    svc = make_service()
    svc.clock = FixedClock(tpe(2026, 11, 5, 20))
    _sale(svc, "a", 120)
    assert svc.status()["day_closed"] is None
    svc.close_day(DAY, manager_id="MGR1", pin="9999", override_reason="test", at=tpe(2026, 11, 5, 21))
    svc.clock = FixedClock(tpe(2026, 11, 5, 22))
    closed = svc.status()["day_closed"]
    assert (closed["day"], closed["by"], closed["overridden"]) == ("2026-11-05", "MGR1", True)
    assert closed["closed_at"].startswith("2026-11-05T13:00")  # UTC
    _sale(svc, "after", 75, hour=22)
    rep = daily_report(svc.replica, store_id="A-001", day=DAY)
    assert rep.after_close == {"count": 1, "total": 75} and rep.settlements == 2
    svc.clock = FixedClock(tpe(2026, 11, 6, 8))  # the next business day is open
    assert svc.status()["day_closed"] is None
