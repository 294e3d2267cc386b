"""The counter window offscreen: a full checkout by simulated wedge scans, screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from terminal.usecases.counter import Counter  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from tests.conftest import card, signed_coupon  # noqa: E402
from tests.ui.helpers import FakeMonotonic, wedge_scan  # noqa: E402

SHOTS = Path(__file__).resolve().parent / "screenshots"
M1 = card("290000000001")
LATTE = card("471000000001")
C10PCT = card("980000000003")  # 10% off bakery: refused, no bakery item in the basket
C100OFF = card("980000000002")  # 100 off over 500


@pytest.fixture
def counter_window(qtbot, make_service):
    svc = make_service("A-001")
    clock = FakeMonotonic()
    window, wedge, worker = build_window(Counter(svc), WindowOptions(ask_login=False, title="A Xinyi (A-001 / T1)"),
                                         wedge_clock=clock)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.focus_scan()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.scan_field)
    yield window, wedge, clock, svc
    QApplication.instance().removeEventFilter(wedge)
    worker.shutdown()


def settle_views(window, qtbot, fn, check, timeout=5000):
    fn()
    qtbot.waitUntil(lambda: window.view is not None and bool(check(window.view)), timeout=timeout)
    return window.view


def test_full_checkout_by_wedge_scans(counter_window, qtbot):
    window, wedge, clock, svc = counter_window
    settle_views(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    window.focus_scan()

    wedge_scan(M1, clock)
    v = settle_views(window, qtbot, lambda: None, lambda v: v.member is not None)
    assert v.member.id == "M1" and "王" in window.member_name.text() and "*" in window.member_name.text()
    assert window.scan_field.text() == ""

    wedge_scan(LATTE, clock)
    clock.advance(1.1)  # a second latte, not a double read (terminal/ui/main_window.py REPEAT_WINDOW_S)
    wedge_scan(LATTE, clock)
    v = settle_views(window, qtbot, lambda: None, lambda v: v.lines and v.lines[0].quantity == 2)
    # the amount field has focus while a coupon is scanned: no characters may leak into it
    window.amount_field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.amount_field)
    wedge_scan(signed_coupon("ON-1", "T-SIGNED"), clock)
    v = settle_views(window, qtbot, lambda: None, lambda v: len(v.coupons) == 1)
    assert window.amount_field.text() == ""
    assert v.coupons[0].ok is True and v.coupons[0].discount == 30
    window.focus_scan()
    wedge_scan(C100OFF, clock)
    v = settle_views(window, qtbot, lambda: None, lambda v: len(v.coupons) == 2)
    bad = v.coupons[1]
    assert bad.ok is False and bad.reason == "min_spend_not_met"
    # the reason is on screen in the cashier's language: the headline in the banner, and under it (and in the
    # coupon table) the figures and what to do: the minimum, what the basket has, what is missing
    assert "✗" in window.notice_headline.text()
    assert "$500" in window.notice_detail.text() and "$290" in window.notice_detail.text()
    cell = window.coupons.item(1, 3)
    assert "$500" in cell.toolTip() and "$290" in cell.toolTip()
    # in the cell too where the table has room for two rows (one row of room: the detail would make the row
    # taller than the view, coupon_panel.CouponPanel.render)
    assert ("$500" in cell.text()) == (window.coupons.whole_rows.rows_fit >= 2)
    assert "minimum" not in window.notice_detail.text()  # zh_TW: not the domain's English sentence
    assert window.total.text() == "$210"
    assert window.settle_button.isEnabled()

    v = settle_views(window, qtbot, window.settle, lambda v: v.receipt is not None)
    assert v.receipt["total"] == 210 and v.receipt["coupon_discount"] == 30
    row = svc.replica.conn.execute("SELECT total, coupon_discount, member_id, cashier_id FROM settlements WHERE checkout_id = ?",
                                   (v.checkout_id,)).fetchone()
    assert tuple(row) == (210, 30, "M1", "C01")
    used = svc.replica.conn.execute("SELECT code FROM coupon_ledger").fetchall()
    assert [r[0] for r in used] == ["ON-1"]
    assert svc.replica.outbox_stats()["pending"] == 1
    assert "$210" in window.total.text()
    qtbot.waitUntil(lambda: "1" in window.sync_label.text())


def test_manual_entry_still_works(counter_window, qtbot):
    window, wedge, clock, svc = counter_window
    settle_views(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    window.focus_scan()
    from tests.ui.helpers import HUMAN_GAP, type_keys

    type_keys(LATTE, clock, HUMAN_GAP)  # a person typing a damaged card's number
    v = settle_views(window, qtbot, lambda: None, lambda v: v.lines)
    assert v.lines[0].name == "Latte"


def test_price_override_and_void_need_manager(counter_window, qtbot):
    window, wedge, clock, svc = counter_window
    settle_views(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    window.scan(LATTE)
    settle_views(window, qtbot, lambda: None, lambda v: v.lines)
    v = settle_views(window, qtbot, lambda: window.override_price(0, value=99, manager_id="C01", pin="1234", reason="x"),
                     lambda v: v.notice and v.notice.event == "override")
    assert v.notice.reason == "not_authorized" and v.preview.total == 120
    v = settle_views(window, qtbot, lambda: window.override_price(0, value=99, manager_id="MGR1", pin="9999", reason="dented"),
                     lambda v: v.preview and v.preview.total == 99)
    v = settle_views(window, qtbot, window.settle, lambda v: v.receipt is not None)
    v = settle_views(window, qtbot, lambda: window.void(None, manager_id="MGR1", pin="9999", reason="wrong item"),
                     lambda v: v.notice and v.notice.event == "voided")
    audit = svc.replica.conn.execute("SELECT action, reason FROM audit_log ORDER BY id").fetchall()
    assert [tuple(r) for r in audit] == [("price_override", "dented"), ("void", "wrong item")]


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_screenshot(counter_window, qtbot, language):
    window, wedge, clock, svc = counter_window
    window.set_language(language)
    settle_views(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    for code in (M1, LATTE, LATTE):
        window.scan(code)
    window.run(lambda: window.counter.add_amount(60, "Croissant" if language == "en" else "可頌"))
    window.scan(C10PCT)
    settle_views(window, qtbot, lambda: None, lambda v: len(v.coupons) == 1)
    settle_views(window, qtbot, lambda: window.use_max_points("bonus"), lambda v: v.points.get("bonus"))
    window.scan(C100OFF)
    settle_views(window, qtbot, lambda: None, lambda v: len(v.coupons) == 2)
    qtbot.wait(50)
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"main-{language}.png"
    assert window.grab().save(str(path))  # docs/screenshots/ has the demo at each screen size: test_window_fits.py
    if language == "zh_TW":
        assert window.settle_button.text().startswith("結帳")
    else:
        assert window.settle_button.text().startswith("Settle")


def test_a_full_disk_is_said_in_the_cashiers_words_and_the_basket_is_kept(counter_window, qtbot, monkeypatch):
    """The service's disk-full path is proven in tests/reliability/test_disk_full.py; here: what the cashier sees."""
    from terminal.storage.db import STORAGE_FULL_MESSAGE, StorageFullError
    from terminal.ui import i18n

    window, wedge, clock, svc = counter_window
    i18n.install(QApplication.instance(), "en")
    settle_views(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    window.focus_scan()
    wedge_scan(LATTE, clock)
    settle_views(window, qtbot, lambda: None, lambda v: v.lines)
    real_settle = svc.settle

    def disk_full(*args, **kwargs):
        raise StorageFullError(STORAGE_FULL_MESSAGE)

    monkeypatch.setattr(svc, "settle", disk_full)
    window.settle()
    qtbot.waitUntil(lambda: "Disk full" in window.notice_headline.text(), timeout=5000)
    assert "nothing was saved" in window.notice_headline.text()
    assert "Free disk space" in window.notice_detail.text() and "StorageFullError" not in window.notice_detail.text()
    assert window.view.lines and window.settle_button.isEnabled()  # the basket is still there to retry
    monkeypatch.setattr(svc, "settle", real_settle)
    v = settle_views(window, qtbot, window.settle, lambda v: v.receipt is not None)
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM settlements").fetchone()[0] == 1 and v.receipt["total"] == 120


def test_a_locked_staff_id_is_refused_with_its_reason_on_screen(counter_window, qtbot):
    """Before: 40 wrong PINs, then the right one signed in."""
    window, wedge, clock, svc = counter_window
    for _ in range(5):
        settle_views(window, qtbot, lambda: window.login("C01", "0000"), lambda v: v.notice and v.notice.reason == "bad_pin")
        window.view = None
    v = settle_views(window, qtbot, lambda: window.login("C01", "1234"),
                     lambda v: v.notice and v.notice.reason == "staff_locked")
    assert v.cashier is None
    qtbot.waitUntil(lambda: "鎖定" in window.notice_headline.text())  # the translated reason (zh_TW)
    # how many wrong PINs, until when (store time) and what to do, in the cashier's language
    detail = window.notice_detail.text()
    until = v.notice.details["locked_until"][11:16]
    assert "5" in detail and until in detail and "F10" in detail and "unlock-staff" not in detail
