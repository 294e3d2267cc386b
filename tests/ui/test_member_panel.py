"""The member panel shows the ledger after every write: settle and void re-read balances and held coupons.

The fault: the panel kept the `MemberView` of the moment the card was scanned, so after a
settlement it still said 1,500 points next to a receipt with the new balance.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from tests.ui.helpers import demo_counter  # noqa: E402

CASHIER, MANAGER = ("CAFE-XINYI-C1", "1234"), ("HQ-MANAGER", "9999")
MEMBER = "2900000000018"  # 陳怡君: 1,500 bonus points usable, holds SV-DEMO-7LEFT (7 of 10 left)
LATTE = "4712468000022"
VOUCHER = "9900000000011"  # SV-DEMO-7LEFT


@pytest.fixture
def window(qtbot, make_service):
    counter = demo_counter(make_service)
    win, _wedge, worker = build_window(counter, WindowOptions(language="en", ask_login=False, wedge=False))
    qtbot.addWidget(win)
    win.resize(1280, 760)
    win.show()
    qtbot.waitExposed(win)
    yield win
    worker.shutdown()


def step(win, qtbot, fn, done):
    before = win.view.seq if win.view else 0
    fn()
    qtbot.waitUntil(lambda: win.view is not None and win.view.seq > before and bool(done(win.view)), timeout=10_000)
    return win.view


def ledger_balance(svc, member_id: str, point_type: str, before: int) -> int:
    """`before` plus every ledger row this terminal wrote for the member (earn, burn and their voids)."""
    row = svc.replica.conn.execute("SELECT COALESCE(SUM(delta), 0) FROM point_ledger WHERE member_id = ? AND point_type = ?",
                                   (member_id, point_type)).fetchone()
    return before + row[0]


def voucher_line(win) -> str:
    items = [win.member_coupons.item(r) for r in range(win.member_coupons.count())]
    return next(i.text() for i in items if i.data(0x0100) == "SV-DEMO-7LEFT")


def test_balance_and_held_coupons_follow_the_ledger_after_settle_and_void(window, qtbot):
    win, svc = window, window.counter.service
    step(win, qtbot, lambda: win.login(*CASHIER), lambda v: v.cashier is not None)
    v = step(win, qtbot, lambda: win.scan(MEMBER), lambda v: v.member is not None)
    member_id, start = v.member.id, v.member.balances["bonus"]
    assert start == 1500 and win.member_panel.balance_shown("bonus") == 1500 and "1,500" in win.member_panel.balances.text()
    assert "(7/10)" in voucher_line(win)
    for n in (1, 2):
        step(win, qtbot, lambda: win.scan(LATTE), lambda v, n=n: v.lines and v.lines[0].quantity == n)
    step(win, qtbot, lambda: win.scan(VOUCHER), lambda v: v.coupons and v.coupons[0].ok)
    step(win, qtbot, lambda: win.set_points("bonus", 1000), lambda v: v.points.get("bonus") == 1000)
    v = step(win, qtbot, win.settle, lambda v: v.receipt is not None)

    after_settle = ledger_balance(svc, member_id, "bonus", start)
    assert after_settle == start - 1000 + v.receipt["points_earned"].get("bonus", 0) != start
    assert win.member_panel.balance_shown("bonus") == after_settle
    assert f"{after_settle:,}" in win.member_panel.balances.text() and "1,500" not in win.member_panel.balances.text()
    assert "(6/10)" in voucher_line(win)  # one use of the stored voucher went into this sale

    v = step(win, qtbot, lambda: win.void(None, manager_id=MANAGER[0], pin=MANAGER[1], reason="wrong member"),
             lambda v: v.notice is not None and v.notice.event == "voided")
    after_void = ledger_balance(svc, member_id, "bonus", start)
    assert after_void == start
    assert win.member_panel.balance_shown("bonus") == after_void and "1,500" in win.member_panel.balances.text()
    assert "(7/10)" in voucher_line(win)
