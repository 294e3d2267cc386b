"""First purchase only (首購禮, issue 16 section 3): the pure rule and the terminal's view of the
member's history (replica row + its own unsynced sales)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from terminal.domain.history import PurchaseHistory, check_first_purchase
from terminal.domain.models import Member
from terminal.domain.reasons import CodeError, Reason
from terminal.storage.member_history import purchase_history
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from tests.conftest import card, catalog_dict, tpe

AT = tpe(2026, 11, 20, 12)
M1, M2 = card("290000000001"), card("290000000002")


def first_purchase_catalog() -> dict:
    cat = catalog_dict()
    cat["coupon_templates"].append({"id": "T-FIRST50", "name": "50 off your first purchase", "kind": "amount_off", "amount": 50,
                                    "member_bound": False, "first_purchase_only": True})
    cat["coupons"] += [{"code": f"FP-{i}", "template": "T-FIRST50"} for i in range(1, 6)]
    return cat


def req(cid, member, coupons=(), amount=300):
    return CheckoutRequest(cid, (LineRequest(amount=amount, name="Amount"),), member_code=member,
                           coupons=tuple(CouponRequest(c) for c in coupons))


@pytest.fixture
def svc(make_service):
    return make_service(catalog=first_purchase_catalog())


def test_the_rule():
    m = Member("M1", "王小明", "normal")
    check_first_purchase("50 off", m, 0)
    with pytest.raises(CodeError) as e:
        check_first_purchase("50 off", m, 1)
    assert e.value.reason == Reason.NOT_FIRST_PURCHASE and e.value.details == {"prior_purchases": 1}
    with pytest.raises(CodeError) as e:
        check_first_purchase("50 off", None, 0)
    assert e.value.reason == Reason.MEMBER_REQUIRED


def test_history_plus_and_minus_keep_the_earliest():
    h = PurchaseHistory().plus(AT).plus(AT - timedelta(days=1))
    assert (h.purchases, h.first_purchase_at) == (2, AT - timedelta(days=1))
    assert h.minus().purchases == 1 and h.minus().minus() == PurchaseHistory()
    assert PurchaseHistory().minus() == PurchaseHistory()


def test_first_purchase_coupon_on_the_first_purchase_takes_50_off(svc):
    p = svc.preview(req("c1", M1, ["FP-1"]), at=AT)
    assert p.coupon_verdicts[0].ok and p.coupon_verdicts[0].discount == 50 and p.total == 250


def test_refused_on_the_second_purchase_even_if_the_first_used_no_coupon(svc):
    svc.settle(req("c1", M1), cashier_id="C01", at=AT)  # first purchase: no coupon
    assert purchase_history(svc.replica.conn, "M1").purchases == 1  # the overlay: unsynced here
    p = svc.preview(req("c2", M1, ["FP-1"]), at=AT + timedelta(minutes=5))
    v = p.coupon_verdicts[0]
    assert not v.ok and v.reason == Reason.NOT_FIRST_PURCHASE and p.total == 300
    assert "1 purchase(s) already" in v.message
    # another member's first purchase is still one
    assert svc.preview(req("c3", M2, ["FP-1"]), at=AT).coupon_verdicts[0].ok


def test_without_a_member_it_needs_the_card(svc):
    v = svc.preview(req("c1", None, ["FP-1"]), at=AT).coupon_verdicts[0]
    assert v.reason == Reason.MEMBER_REQUIRED


def test_a_purchase_made_elsewhere_and_synced_counts(svc):
    # the server's count arrives as a member_purchases row (sync/server/purchases.py)
    svc.replica.conn.execute("INSERT INTO member_purchases(member_id, purchases, first_purchase_at) VALUES ('M1', 1, ?)",
                             (AT.isoformat(),))
    assert svc.preview(req("c1", M1, ["FP-1"]), at=AT).coupon_verdicts[0].reason == Reason.NOT_FIRST_PURCHASE
    assert svc.scan("FP-2", at=AT, member_id="M1").coupon.reason == Reason.NOT_FIRST_PURCHASE.value


def test_a_voided_first_purchase_no_longer_counts(svc):
    svc.settle(req("c1", M1), cashier_id="C01", at=AT)
    svc.void("c1", manager_id="MGR1", pin="9999", reason="wrong member", at=AT + timedelta(minutes=1))
    assert purchase_history(svc.replica.conn, "M1").purchases == 0
    r = svc.settle(req("c2", M1, ["FP-1"]), cashier_id="C01", at=AT + timedelta(minutes=2))
    assert r["total"] == 250


def test_a_local_void_of_a_counted_sale_takes_it_off(svc):
    svc.settle(req("c1", M1), cashier_id="C01", at=AT)
    # the server counted it and the feed reflected it
    svc.replica.conn.execute("UPDATE outbox SET reflected = 1")
    svc.replica.conn.execute("INSERT INTO member_purchases(member_id, purchases, first_purchase_at) VALUES ('M1', 1, ?)",
                             (AT.isoformat(),))
    assert purchase_history(svc.replica.conn, "M1").purchases == 1
    svc.void("c1", manager_id="MGR1", pin="9999", reason="x", at=AT + timedelta(minutes=1))
    assert purchase_history(svc.replica.conn, "M1").purchases == 0
