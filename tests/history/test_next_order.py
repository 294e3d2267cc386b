"""Next-order coupons (issue 16 section 3): the pure rule and the receipt of a settlement."""

from __future__ import annotations

from datetime import timedelta

import pytest

from terminal.catalog import CatalogError, parse_catalog
from terminal.domain.models import CouponKind, CouponTemplate, IssueAfter, Member, Store
from terminal.domain.next_order import next_order_code, next_order_coupons
from terminal.domain.reasons import Reason
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from tests.conftest import card, catalog_dict, tpe

AT = tpe(2026, 11, 20, 23, 30)  # late evening in Taipei: "tomorrow" is the 21st there (15:30 UTC)
M1 = card("290000000001")
STORE = Store("A-001", "A", "A Xinyi")
NEXT = CouponTemplate("T-NEXT100", "100 off your next visit", CouponKind.AMOUNT_OFF, amount=100,
                      issue_after=IssueAfter(min_total=1000, valid_days=30))


def next_catalog() -> dict:
    cat = catalog_dict()
    cat["coupon_templates"].append({"id": "T-NEXT100", "name": "100 off your next visit", "kind": "amount_off", "amount": 100,
                                    "issue_after": {"min_total": 1000, "valid_days": 30}})
    cat["coupon_templates"].append({"id": "T-NEXT-B", "name": "Brand B only", "kind": "amount_off", "amount": 50,
                                    "brands": ["B"], "issue_after": {"min_total": 1}})
    return cat


def test_the_rule_exact_dates_and_code():
    m = Member("M1", "王小明", "normal")
    [c] = next_order_coupons([NEXT], total=1000, member=m, store=STORE, at=AT, event_id="ev-1")
    assert c.code == next_order_code("ev-1", "T-NEXT100") and c.code.startswith("NX-") and len(c.code) == 19
    assert c.valid_from == tpe(2026, 11, 21) and c.valid_until == tpe(2026, 12, 21) and c.member_id == "M1"
    assert next_order_coupons([NEXT], total=999, member=m, store=STORE, at=AT, event_id="ev-1") == ()
    assert next_order_coupons([NEXT], total=5000, member=None, store=STORE, at=AT, event_id="ev-1") == ()
    assert next_order_code("ev-1", "T-NEXT100") != next_order_code("ev-2", "T-NEXT100")


@pytest.mark.parametrize("change,field", [({"member_bound": False}, "member_bound"),
                                          ({"issue_after": {"min_total": 0}}, "min_total"),
                                          ({"kind": "bundle", "items": [{"template": "T-FREELATTE", "count": 1}]}, "bundle")])
def test_bad_catalog_is_refused_naming_the_field(change, field):
    import json

    cat = next_catalog()
    cat["coupon_templates"][-2].update(change)
    with pytest.raises(Exception) as e:
        parse_catalog(json.dumps(cat))
    assert field in str(e.value)


def test_the_receipt_prints_the_code_and_the_next_visit_uses_it_after_sync(make_service):
    svc = make_service(catalog=next_catalog())
    r = svc.settle(CheckoutRequest("c1", (LineRequest(amount=1200, name="Amount"),), member_code=M1), cashier_id="C01", at=AT)
    [c] = r["next_order_coupons"]
    assert c == {"code": next_order_code(r["event_id"], "T-NEXT100"), "template_id": "T-NEXT100",
                 "name": "100 off your next visit", "valid_from": "2026-11-21", "valid_until": "2026-12-20",
                 "signed_code": None}  # a terminal that is not enrolled has no device key: the reference code only
    # below the threshold, or without a member: nothing
    r2 = svc.settle(CheckoutRequest("c2", (LineRequest(amount=999, name="Amount"),), member_code=M1), cashier_id="C01", at=AT)
    r3 = svc.settle(CheckoutRequest("c3", (LineRequest(amount=5000, name="Amount"),)), cashier_id="C01", at=AT)
    assert r2["next_order_coupons"] == [] and r3["next_order_coupons"] == []
    # before the server has issued it, the code is unknown here (it is usable after sync: tests/sync/test_next_order.py)
    p = svc.preview(CheckoutRequest("c4", (LineRequest(amount=300, name="Amount"),), member_code=M1,
                                    coupons=(CouponRequest(c["code"]),)), at=AT + timedelta(days=1))
    assert p.coupon_verdicts[0].reason == Reason.UNKNOWN


def test_the_slip_prints_the_code(make_service):
    from terminal.infra.printing import receipt_lines

    svc = make_service(catalog=next_catalog())
    r = svc.settle(CheckoutRequest("c1", (LineRequest(amount=1200, name="Amount"),), member_code=M1), cashier_id="C01", at=AT)
    lines = receipt_lines(r, "zh_TW", 32)
    code = r["next_order_coupons"][0]["code"]
    assert code in lines and "有效期間 2026-11-21 ~ 2026-12-20" in lines
    assert code not in receipt_lines(svc.settle(CheckoutRequest("c2", (LineRequest(amount=10, name="A"),), member_code=M1),
                                                cashier_id="C01", at=AT), "en", 32)
