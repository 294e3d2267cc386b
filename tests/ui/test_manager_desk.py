"""The manager's desk offscreen: figures match the report, exports, void, close of day,
conflict inbox; screenshots in zh_TW."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from terminal.usecases.manager_desk import ManagerDesk  # noqa: E402
from terminal.usecases.reports import daily_report  # noqa: E402
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest  # noqa: E402
from terminal.ui import i18n  # noqa: E402
from terminal.ui.manager_desk import ManagerDeskWindow  # noqa: E402
from terminal.ui.worker import DbWorker  # noqa: E402
from tests.ui.helpers import screenshot_dir  # noqa: E402
from tests.conftest import FixedClock, card, tpe  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 5)


@pytest.fixture
def desk(qtbot, make_service, tmp_path):
    svc = make_service("A-001")
    svc.clock = FixedClock(tpe(2026, 11, 5, 20))
    for i, (hour, amount) in enumerate([(9, 120), (9, 300), (12, 640), (13, 90), (18, 560)]):
        coupons = (CouponRequest(card("980000000002")),) if amount == 640 else ()
        svc.settle(CheckoutRequest(f"S{i}", (LineRequest(amount=amount, name="商品"),), member_code=card("290000000001"),
                                   coupons=coupons), cashier_id="C01", at=tpe(2026, 11, 5, hour, 10 + i))
    answers: list[str] = []
    worker = DbWorker()
    window = ManagerDeskWindow(ManagerDesk(svc), worker, {"id": "MGR1", "pin": "9999", "name": "Manager Wu"},
                               ask_text=lambda title, label: answers.pop(0) if answers else None,
                               reports_dir=tmp_path / "reports")
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    window.refresh()
    qtbot.waitUntil(lambda: window.report is not None, timeout=5000)
    yield window, svc, answers, qtbot
    worker.shutdown()


def test_figures_match_the_report_and_exports_work(desk, tmp_path):
    window, svc, _answers, qtbot = desk
    rep = daily_report(svc.replica, store_id="A-001", day=DAY)
    assert window.summary["settlements"].text() == "5"
    assert window.summary["gross"].text() == f"${rep.gross:,}"
    assert window.summary["net"].text() == f"${rep.net_total:,}"
    assert window.coupons.rowCount() == 1 and window.coupons.text(0, 4) == "100"
    assert [h[0] for h in window.chart.hours] == [9, 12, 13, 18]
    window.export_csv(str(tmp_path / "r.csv"))
    window.export_pdf(str(tmp_path / "r.pdf"))
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_void_from_the_list_and_close_the_day_with_override(desk):
    window, svc, answers, qtbot = desk
    window.tabs.setCurrentIndex(1)
    row = next(i for i, s in enumerate(window._sales) if s["checkout_id"] == "S4")
    window.sales.selectRow(row)
    answers.append("客人退貨")
    window.void_selected()
    qtbot.waitUntil(lambda: any(s["voided"] for s in window._sales), timeout=5000)
    assert svc.replica.conn.execute("SELECT reason FROM voids WHERE checkout_id = 'S4'").fetchone() == ("客人退貨",)
    # close: refused (unsynced), the manager overrides with a reason
    answers.append("network down tonight")
    window.close_day()
    def closed_rows():
        return window.worker.call(lambda: svc.replica.conn.execute(
            "SELECT action, reason FROM audit_log WHERE action IN ('close_day','override')").fetchall())

    qtbot.waitUntil(lambda: len(closed_rows()) == 2, timeout=5000)
    rows = closed_rows()
    qtbot.waitUntil(lambda: getattr(window, "closed_summary", None) is not None, timeout=5000)
    assert window.closed_summary.read_bytes().startswith(b"%PDF")
    assert window.closed_summary.with_suffix(".csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert rows == [("close_day", "network down tonight"), ("override", "network down tonight")]


def test_conflict_inbox_records_a_decision(desk):
    window, svc, answers, qtbot = desk
    _fake_conflict(svc)
    window.refresh()
    qtbot.waitUntil(lambda: window.inbox.rowCount() == 1, timeout=5000)
    window.tabs.setCurrentIndex(window.conflicts_tab_index)
    window.inbox.selectRow(0)
    window.resolution.setCurrentIndex(window.resolution.findData("charge_member"))
    window.resolve_selected()
    assert window.notice.text() in ("A reason is required.", "請填寫原因。")
    window.resolution_reason.setText("member agreed to pay")
    window.resolve_selected()
    qtbot.waitUntil(lambda: window.inbox.rowCount() == 0, timeout=5000)
    ev = svc.replica.conn.execute("SELECT type, payload FROM outbox WHERE type = 'conflict_resolution'").fetchone()
    assert ev is not None and json.loads(ev[1])["resolution"] == "charge_member"


def _fake_conflict(svc) -> None:
    """What the sync client stores when the server answers accepted_with_conflict."""
    event_id, seq = svc.replica.conn.execute("SELECT event_id, terminal_seq FROM outbox ORDER BY terminal_seq LIMIT 1").fetchone()
    details = {"code": "C-100OFF-1", "winner": {"store_id": "B-001", "terminal_id": "TY", "checkout_id": "cy"},
               "loser": {"store_id": "A-001", "terminal_id": "T1", "checkout_id": "S2", "discount": 100}}
    svc.replica.conn.execute(
        "INSERT INTO sync_conflicts(event_id, terminal_seq, kind, decision, message, details, recorded_at) VALUES (?,?,?,?,?,?,?)",
        (event_id, seq, "duplicate_redemption", "first_received_wins",
         "Single-use coupon C-100OFF-1 was already redeemed at B-001/TY (checkout cy); this redemption at A-001/T1 "
         "(checkout S2) was posted as a conflict.", json.dumps(details), datetime(2026, 11, 5, 13, tzinfo=timezone.utc).isoformat()),
    )


def test_screenshots_zh_tw(desk, tmp_path):
    window, svc, _answers, qtbot = desk
    i18n.install(QApplication.instance(), "zh_TW")
    try:
        _fake_conflict(svc)
        window2 = ManagerDeskWindow(window.desk, window.worker, window.manager, reports_dir=window.reports_dir)
        qtbot.addWidget(window2)
        window2.resize(1100, 760)
        window2.show()
        window2.refresh()
        qtbot.waitUntil(lambda: window2.report is not None and window2.inbox.rowCount() == 1, timeout=5000)
        qtbot.wait(50)
        docs = screenshot_dir(tmp_path)
        assert window2.grab().save(str(docs / "report-zh_TW.png"))
        window2.tabs.setCurrentIndex(window2.conflicts_tab_index)
        window2.inbox.resizeRowsToContents()
        qtbot.wait(50)
        assert window2.grab().save(str(docs / "conflicts-zh_TW.png"))
        assert window2.tabs.tabText(0) == "報表"
    finally:
        i18n.install(QApplication.instance(), "en")
