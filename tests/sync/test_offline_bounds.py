"""Issue 13 section 4, server side: what a terminal claims about being offline is bounded.

Hand-made payloads under a real device credential against the real server on 127.0.0.1:
* a missing, foreign-epoch or beyond-head `based_on_cursor` is judged as the state the server last
  served the device to the end, not as "knew nothing";
* an event based on that state cannot be backdated before the server first served it."""

from __future__ import annotations

import pytest

from .handmade import HandDevice, reasons
from .test_authority import coupon, uses

BACKDATED = "2025-12-31T12:00:00+08:00"  # C-OLD-1 expired 2026-01-01 (Taipei)


@pytest.fixture
def a(server):
    return HandDevice(server, "A-001", "TA")


@pytest.mark.parametrize("cursor", [None, "0123abcd.5", "beyond"])
def test_a_missing_or_implausible_cursor_is_judged_as_the_last_served_state(server, a, cursor):
    server.store.revoke_code("coupon", "C-100OFF-2", "fraud")
    a.pull_all()  # the device was served the revocation
    if cursor == "beyond":
        cursor = server.store.cursor().split(".")[0] + ".999999999"
    ans = a.push(a.settlement(coupons=[coupon("C-100OFF-2")], net=500), cursor=cursor)
    assert reasons(ans) == ["revoked"] and uses(server, "C-100OFF-2") == 0


def test_without_a_served_state_a_missing_cursor_still_knows_nothing(server, a):
    server.store.revoke_code("coupon", "C-100OFF-2", "fraud")  # never pulled: honest, could not know
    ans = a.push(a.settlement(coupons=[coupon("C-100OFF-2")], net=500), cursor=None)
    assert reasons(ans) == ["redeemed_after_void"]


def test_a_backdated_event_cannot_pass_an_expired_coupons_window(server, a):
    a.pull_all()
    ans = a.push(a.settlement(coupons=[coupon("C-OLD-1", discount=50)], net=550, occurred_at=BACKDATED), occurred_at=BACKDATED)
    assert reasons(ans) == ["expired"] and uses(server, "C-OLD-1") == 0
    # claiming an older state than it was served does not help: it is then judged as knowing less, not earlier
    ans = a.push(a.settlement(coupons=[coupon("C-OLD-1", discount=50)], net=550, occurred_at=BACKDATED), cursor=None,
                 occurred_at=BACKDATED)
    assert reasons(ans) == ["expired"] and uses(server, "C-OLD-1") == 0
