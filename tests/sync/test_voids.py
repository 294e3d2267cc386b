"""Voids reverse exactly what the original did (issue 13, section 2).

On the server: a void names only the original, the manager and the reason; the reversal is
derived from what the server recorded for the original. On the terminal: a void frees the
use of the sale it voids under a per-member limit, not the latest one."""

from __future__ import annotations

from datetime import datetime

from terminal.domain.reasons import DomainError
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from tests.conftest import card, tpe

from .handmade import HandDevice, reasons

M1 = card("290000000001")


def test_void_frees_the_use_of_the_voided_sale_not_the_latest(make_service):
    svc = make_service()

    def sale(cid, code, at):
        return svc.settle(CheckoutRequest(cid, (LineRequest(amount=100, name="Amount"),), member_code=M1,
                                          coupons=(CouponRequest(code),)), cashier_id="C01", at=at)

    sale("d21", "C-DAILY-1", tpe(2026, 11, 21, 20))
    sale("d22", "C-DAILY-2", tpe(2026, 11, 22, 10))
    svc.void("d21", manager_id="MGR1", pin="9999", reason="wrong member", at=tpe(2026, 11, 22, 10, 30))
    try:
        sale("d22b", "C-DAILY-1", tpe(2026, 11, 22, 11))
    except DomainError as err:
        assert err.reason.value == "invalid_basket" and "limit" in str(err.details) + err.message
    else:
        raise AssertionError("a second use on the 22nd was accepted")
    # the 21st is free again
    assert sale("d21b", "C-DAILY-1", tpe(2026, 11, 21, 23))["coupon_discount"] == 5


def _points(server, lot_id):
    body = server.store.get("point_lot", lot_id)
    return None if body is None else body["points"]


def test_void_payload_claims_are_ignored(server):
    a = HandDevice(server, "A-001", "TA")
    sale = a.settlement(amount=100, earns=[{"lot_id": "A-001/TA/h:bonus:A-base", "point_type": "bonus", "points": 2,
                                            "rule_id": "A-base", "expires_at": None}])
    first = a.push(sale)
    assert first["status"] == "accepted"
    sv_before = server.store.get("coupon", "SV-0001")["used_uses"]
    void = a.void(sale, first, reason="harmless", coupons=[{"code": "SV-0001", "uses": -100000, "discount": 0}],
                  points=[{"lot_id": "INVENTED", "point_type": "bonus", "delta": 10**9}])
    ans = a.push(void, type_="void")
    assert ans["status"] == "accepted", ans
    assert server.store.get("coupon", "SV-0001")["used_uses"] == sv_before  # another member's voucher untouched
    assert _points(server, "INVENTED") is None  # no invented lot
    assert _points(server, f"A-001/TA/{sale['checkout_id']}:bonus:A-base") == 0  # exactly the original's earn reversed


def test_manager_actions_name_an_active_manager_of_the_store(server):
    a = HandDevice(server, "A-001", "TA")
    sale = a.settlement(amount=100)
    first = a.push(sale)
    void = a.void(sale, first, manager_id="NOBODY")
    assert reasons(a.push(void, type_="void")) == ["rejected_event"]
    for who in ("NOBODY", "C01"):  # unknown staff, a cashier
        res = {"conflict_event_id": first["event_id"], "kind": "rejected_event", "resolution": "block_card", "reason": "x",
               "manager_id": who, "store_id": "A-001", "terminal_id": "TA", "checkout_id": "r"}
        ans = a.push(res, type_="conflict_resolution")
        assert ans["status"] == "rejected" and ans["error"]["code"] == "not_a_manager", ans
    assert server.store.get("revocation", "member:M1") is None


def test_the_same_sale_under_a_new_event_id_is_applied_once(server):
    """Issue 13, section 3: replays by terminal_seq or by checkout id."""
    a = HandDevice(server, "A-001", "TA")
    sale = a.settlement(amount=600, earns=[{"lot_id": "A-001/TA/r:bonus:A-base", "point_type": "bonus", "points": 12,
                                            "rule_id": "A-base", "expires_at": None}])
    first = a.push(sale)
    assert first["status"] == "accepted"
    again = a.push(sale, seq=a.seq)  # same terminal_seq, same content, new event id
    assert again["status"] == "duplicate" and again["original_status"] == "accepted"
    other = a.push({**sale, "gross": 601}, seq=a.seq)  # same terminal_seq, other content
    assert other["status"] == "rejected" and other["error"]["code"] == "terminal_seq_reused"
    replay = a.push(sale)  # same checkout id under a new terminal_seq
    assert replay["status"] == "rejected" and replay["error"]["code"] == "checkout_replayed"
    assert _points(server, f"A-001/TA/{sale['checkout_id']}:bonus:A-base") == 12  # booked on the sale's own lot
