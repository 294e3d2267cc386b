"""The UI-neutral checkout state machine, driven without Qt."""

from __future__ import annotations

from terminal.usecases.counter import Counter
from tests.conftest import card, signed_coupon, tpe

M1 = card("290000000001")
LATTE = card("471000000001")
C10PCT = card("980000000003")
C100OFF = card("980000000002")


def test_full_checkout_and_db(make_service):
    svc = make_service("A-001")
    c = Counter(svc)
    v = c.scan(M1)
    assert v.state == "locked" and v.notice.reason == "not_authorized"
    v = c.login("C01", "0000")
    assert v.notice.level == "error" and v.notice.reason == "bad_pin"
    v = c.login("C01", "1234")
    assert v.state == "ready"
    at = tpe(2026, 11, 20, 12)
    v = c.scan(M1, at)
    assert v.member.id == "M1" and v.notice.event == "member"
    v = c.scan(LATTE, at)
    assert v.lines[0].name == "Latte" and v.preview.total == 120
    v = c.scan(LATTE, at)
    assert v.lines[0].quantity == 2 and v.preview.total == 240
    v = c.scan(C100OFF, at)
    assert v.coupons[0].ok is False and v.coupons[0].reason == "min_spend_not_met"
    assert v.notice.level == "error" and v.notice.reason == "min_spend_not_met"
    v = c.scan("12345", at)
    assert v.notice.reason == "malformed" and len(v.coupons) == 1
    v = c.add_amount(60, "Croissant", at)
    v = c.scan(C10PCT, at)  # 10% off bakery; no category on an amount line -> no eligible item
    assert v.coupons[1].ok is False
    v = c.use_max_points("bonus", at)
    assert v.points["bonus"] > 0 and v.preview.points_discount > 0
    total = v.preview.total
    v = c.settle(at)
    assert v.state == "settled" and v.receipt["total"] == total
    assert len(v.receipt["left_out"]) == 2
    row = svc.replica.conn.execute("SELECT total FROM settlements WHERE checkout_id = ?", (v.checkout_id,)).fetchone()
    assert row[0] == total
    # next scan starts a new checkout
    v = c.scan(LATTE, at)
    assert v.state == "building" and v.receipt is None and v.member is None


def test_override_needs_manager_and_is_audited(make_service):
    svc = make_service("A-001")
    c = Counter(svc)
    c.login("C01", "1234")
    at = tpe(2026, 11, 20, 12)
    c.scan(LATTE, at)
    v = c.override_price(0, 100, manager_id="C01", pin="1234", reason="damaged cup", at=at)
    assert v.notice.reason == "not_authorized" and v.preview.total == 120
    v = c.override_price(0, 100, manager_id="MGR1", pin="9999", reason="damaged cup", at=at)
    assert v.preview.total == 100 and v.lines[0].overridden
    rows = svc.replica.conn.execute("SELECT actor_id, action, reason FROM audit_log").fetchall()
    assert rows == [("MGR1", "price_override", "damaged cup")]
    v = c.settle(at)
    v = c.void(None, manager_id="MGR1", pin="9999", reason="customer changed mind", at=at)
    assert v.notice.event == "voided"


def test_signed_coupon_and_stored_voucher(make_service):
    svc = make_service("A-001")
    c = Counter(svc)
    c.login("C01", "1234")
    at = tpe(2026, 11, 20, 12)
    c.scan(M1, at)
    c.scan(LATTE, at)
    v = c.scan(signed_coupon("ON-1", "T-SIGNED"), at)
    assert v.coupons[0].ok is True and v.preview.total == 90
    v = c.add_held_coupon("SV-0001", at)
    assert v.coupons[1].ok is False and v.coupons[1].reason == "not_combinable" or v.coupons[1].ok


def test_a_held_coupon_is_added_by_its_code_id_the_replica_holds_no_number(make_service):
    svc = make_service("A-001")
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM coupon_instances WHERE plain_code IS NOT NULL").fetchone() == (0,)
    c = Counter(svc)
    c.login("C01", "1234")
    at = tpe(2026, 11, 20, 12)
    c.scan(M1, at)
    c.scan(LATTE, at)
    v = c.add_held_coupon("C-LATTE-1", at)  # M1's free latte, shown in the member panel by its code id
    assert [(x.scanned, x.ok) for x in v.coupons] == [("C-LATTE-1", True)] and v.preview.total == 0
    v = c.settle(at)
    assert v.notice.event == "settled" and v.receipt["coupon_discount"] == 120
    assert svc.scan(card("980000000004"), member_id="M1").coupon.remaining_uses == 0  # the printed number: the same coupon
    c.scan(M1, at)
    v = c.add_held_coupon("C-100OFF-1", at)  # not held by M1
    assert v.notice.reason == "wrong_member" and not v.coupons


def test_every_action_is_checked_against_the_state_table():
    """Each public action goes through `@action` and names a row the table knows."""
    from terminal.usecases.counter import ACCEPTS, State

    known = set().union(*ACCEPTS.values())
    not_actions = {"view", "refresh", "request", "point_type_names", "log_override", "state", "last_receipt"}
    public = {n for n in dir(Counter) if not n.startswith("_") and n not in not_actions}
    guarded = {n: getattr(getattr(Counter, n), "action", None) for n in public}
    assert {n: a for n, a in guarded.items() if a != n} == {}
    assert public == known and set(ACCEPTS) == set(State)


def test_what_a_locked_and_a_settled_counter_refuse(make_service):
    svc = make_service("A-001")
    c = Counter(svc)
    at = tpe(2026, 11, 20, 12)
    v = c.set_points("bonus", 50, at)  # signed out: nothing is taken, the cashier is told to sign in
    assert v.state == "locked" and v.points == {} and v.notice.reason == "not_authorized"
    v = c.settle(at)
    assert v.notice.reason == "not_authorized" and v.receipt is None
    c.login("C01", "1234")
    c.scan(LATTE, at)
    v = c.settle(at)
    assert v.state == "settled" and v.last_receipt == v.receipt
    settled_notice, receipt = v.notice, v.receipt
    for edit in (lambda: c.set_quantity(0, 5, at), lambda: c.remove_line(0, at), lambda: c.set_points("bonus", 5, at),
                 lambda: c.remove_member(at), lambda: c.use_max_points("bonus", at)):
        v = edit()  # a settled checkout is not edited; the receipt and its notice stand
        assert v.state == "settled" and v.receipt == receipt and v.lines[0].quantity == 1 and v.notice == settled_notice
    v = c.settle(at)  # a second F12 is ignored: "Settled $X" and the receipt stay
    assert v.notice is settled_notice and v.receipt == receipt
    v = c.add_amount(80, "Cake", at)  # the next customer's first line starts a new checkout
    assert v.state == "building" and v.checkout_id != receipt["checkout_id"] and [ln.name for ln in v.lines] == ["Cake"]
    assert v.receipt is None and v.last_receipt == receipt
