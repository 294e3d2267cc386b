"""Every rule and coupon kind, every refusal reason, through the service on the test chain."""

from __future__ import annotations

import pytest

from terminal.domain.reasons import CodeError, Reason
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from tests.conftest import SIGNER, card, catalog_dict, signed_coupon, signed_member, tpe

AT = tpe(2026, 11, 20, 12)  # a Friday, not member day, within the new-store week
M1, M2, M3 = card("290000000001"), card("290000000002"), card("290000000003")


def req(lines, member=None, coupons=(), points=None, payment="cash", cid="c1"):
    return CheckoutRequest(cid, tuple(lines), member_code=member, coupons=tuple(CouponRequest(*c) if isinstance(c, tuple) else CouponRequest(c) for c in coupons),
                           points=points or {}, payment_method=payment)


def amt(n):
    return LineRequest(amount=n, name="Amount")


def verdict(p, i=0):
    return p.coupon_verdicts[i]


# ---- coupons: kinds -------------------------------------------------------------------

def test_product_voucher_frees_the_item(make_service):
    p = make_service().preview(req([LineRequest("LATTE"), LineRequest("CROISSANT")], M1, [card("980000000004")]), at=AT)
    assert verdict(p).ok and verdict(p).discount == 120 and p.total == 60


def test_product_voucher_without_the_item_is_refused(make_service):
    p = make_service().preview(req([LineRequest("CROISSANT")], M1, [card("980000000004")]), at=AT)
    assert verdict(p).reason == Reason.NO_ELIGIBLE_ITEM and p.total == 60


def test_voucher_with_price_cap_pays_up_to_the_cap_on_the_dearest_item(make_service):
    p = make_service().preview(req([LineRequest("AMERICANO"), LineRequest("LATTE")], None, ["C-CAP-1"]), at=AT)
    assert verdict(p).ok and verdict(p).discount == 100 and p.total == 90 + 20


def test_percent_off_only_on_its_category(make_service):
    p = make_service().preview(req([LineRequest("CROISSANT", 3), LineRequest("LATTE")], None, [card("980000000003")]), at=AT)
    assert verdict(p).discount == 18 and p.total == 180 + 120 - 18
    assert make_service(name="b.db").preview(req([LineRequest("LATTE")], None, [card("980000000003")]), at=AT).coupon_verdicts[0].reason == Reason.NO_ELIGIBLE_ITEM


def test_partner_coupon_is_recorded_with_its_partner_and_brand_restricted(make_service):
    b = make_service("B-001")
    r = b.settle(req([amt(200)], None, ["C-BANK-1"]), cashier_id="C01", at=AT)
    assert r["total"] == 150
    row = b.replica.conn.execute("SELECT partner, discount FROM coupon_ledger").fetchone()
    assert row == ("First Bank", 50)
    p = make_service("A-001", name="a.db").preview(req([amt(200)], None, ["C-BANK-1"]), at=AT)
    assert verdict(p).reason == Reason.WRONG_BRAND


def test_bundle_applies_each_child_voucher_that_fits(make_service):
    svc = make_service()
    p = svc.preview(req([LineRequest("LATTE"), LineRequest("CROISSANT"), amt(10)], M1, ["BND-1"]), at=AT)
    v = verdict(p)
    assert v.ok and v.discount == 180 and {a.code for a in v.applications} == {"BND-1-a", "BND-1-b"}
    svc.settle(req([LineRequest("LATTE")], M1, ["BND-1"]), cashier_id="C01", at=AT)
    p = svc.preview(req([LineRequest("LATTE"), LineRequest("CROISSANT")], M1, ["BND-1"], cid="c2"), at=AT)
    assert [a.code for a in verdict(p).applications] == ["BND-1-b"] and p.total == 120


def test_stored_voucher_asking_more_uses_than_left_or_items_present(make_service):
    svc = make_service()
    sv = card("980000000001")
    p = svc.preview(req([LineRequest("LATTE", 2)], M1, [(sv, 3)]), at=AT)
    assert verdict(p).reason == Reason.NO_ELIGIBLE_ITEM and verdict(p).details == {"needed": 3, "found": 2}
    p = svc.preview(req([LineRequest("LATTE", 12)], M1, [(sv, 11)]), at=AT)
    assert verdict(p).reason == Reason.TOO_MANY_USES


# ---- coupons: refusals ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("code", "reason"),
    [("C-VOID-1", Reason.VOIDED), ("C-OLD-1", Reason.EXPIRED), ("C-LATER-1", Reason.NOT_YET_VALID)],
)
def test_coupon_state_refusals(make_service, code, reason):
    p = make_service().preview(req([amt(600)], None, [code]), at=AT)
    assert verdict(p).reason == reason and p.total == 600


def test_member_bound_coupon_needs_its_member(make_service):
    svc = make_service()
    lat = card("980000000004")
    assert verdict(svc.preview(req([LineRequest("LATTE")], None, [lat]), at=AT)).reason == Reason.MEMBER_REQUIRED
    assert verdict(svc.preview(req([LineRequest("LATTE")], M2, [lat]), at=AT)).reason == Reason.WRONG_MEMBER


def test_unknown_and_malformed_coupon_codes(make_service):
    svc = make_service()
    p = svc.preview(req([amt(100)], None, [card("980000000999"), "hello", "hello world!", "9800000000011"]), at=AT)
    assert [v.reason for v in p.coupon_verdicts] == [Reason.UNKNOWN, Reason.UNKNOWN, Reason.MALFORMED, Reason.BAD_CHECK_DIGIT]


def test_same_coupon_twice_in_one_checkout(make_service):
    p = make_service().preview(req([amt(1200)], None, [card("980000000002"), "C-100OFF-1"]), at=AT)
    assert verdict(p, 0).ok and verdict(p, 1).reason == Reason.ALREADY_IN_CHECKOUT


def test_stacking_group_allows_one_per_group(make_service):
    p = make_service().preview(req([amt(1200), LineRequest("CROISSANT")], None, [card("980000000002"), card("980000000003")]), at=AT)
    assert verdict(p, 0).ok and verdict(p, 1).reason == Reason.NOT_COMBINABLE
    assert "cannot be combined" in verdict(p, 1).message


def test_exclusive_coupon_is_used_alone(make_service):
    p = make_service().preview(req([LineRequest("LATTE"), amt(600)], None, [card("980000000002"), "C-CAP-1"]), at=AT)
    assert verdict(p, 0).ok and verdict(p, 1).reason == Reason.NOT_COMBINABLE


def test_a_coupon_refused_for_its_basket_does_not_block_stacking(make_service):
    # the 100-off is refused for min spend, so the 10% (same group) may apply
    p = make_service().preview(req([LineRequest("CROISSANT", 2)], None, [card("980000000002"), card("980000000003")]), at=AT)
    assert verdict(p, 0).reason == Reason.MIN_SPEND_NOT_MET
    assert verdict(p, 1).ok and p.total == 120 - 12


def test_per_member_daily_limit(make_service):
    svc = make_service()
    svc.settle(req([amt(100)], M3, ["C-DAILY-1"]), cashier_id="C01", at=AT)
    p = svc.preview(req([amt(100)], M3, ["C-DAILY-2"], cid="c2"), at=AT)
    assert verdict(p).reason == Reason.LIMIT_REACHED
    assert verdict(svc.preview(req([amt(100)], M3, ["C-DAILY-2"], cid="c3"), at=tpe(2026, 11, 21, 9))).ok


def test_birthday_coupon_only_in_birthday_month(make_service):
    cat = catalog_dict()
    cat["coupon_templates"].append({"id": "T-BDAY", "name": "Birthday cake", "kind": "product_voucher", "products": ["CROISSANT"],
                                    "birthday_month_only": True})
    cat["coupons"].append({"code": "BDAY-1", "template": "T-BDAY", "member": "M1"})
    svc = make_service(catalog=cat)
    assert verdict(svc.preview(req([LineRequest("CROISSANT")], M1, ["BDAY-1"]), at=AT)).ok  # M1 born in November
    p = svc.preview(req([LineRequest("CROISSANT")], M1, ["BDAY-1"]), at=tpe(2026, 12, 1, 12))
    assert verdict(p).reason == Reason.NOT_BIRTHDAY_MONTH


def test_store_restricted_coupon(make_service):
    cat = catalog_dict()
    cat["coupon_templates"].append({"id": "T-X", "name": "Store X only", "kind": "amount_off", "amount": 10, "stores": ["X"], "member_bound": False})
    cat["coupons"].append({"code": "X-1", "template": "T-X"})
    assert verdict(make_service("A-001", catalog=cat).preview(req([amt(100)], None, ["X-1"]), at=AT)).reason == Reason.WRONG_STORE
    assert verdict(make_service("X", catalog=cat, name="x.db").preview(req([amt(100)], None, ["X-1"]), at=AT)).ok


# ---- signed codes ---------------------------------------------------------------------

def test_signed_coupon_not_in_replica_accepted_within_policy_then_counted(make_service):
    svc = make_service()
    code = signed_coupon("NEW-1", "T-SIGNED", issued=(2026, 11, 18))
    r = svc.settle(req([amt(100)], None, [code]), cashier_id="C01", at=AT)
    assert r["total"] == 70
    p = svc.preview(req([amt(100)], None, [code], cid="c2"), at=AT)
    assert verdict(p).reason == Reason.USED_UP  # the local use is counted although the server never sent it


def test_signed_coupon_not_in_replica_refused_when_too_old_or_template_strict(make_service):
    svc = make_service()
    old = signed_coupon("NEW-2", "T-SIGNED", issued=(2026, 11, 1))
    strict = signed_coupon("NEW-3", "T-SIGNED-STRICT")
    p = svc.preview(req([amt(100)], None, [old, strict]), at=AT)
    assert [v.reason for v in p.coupon_verdicts] == [Reason.UNREPLICATED_NOT_ALLOWED, Reason.UNREPLICATED_NOT_ALLOWED]


def test_signed_coupon_of_a_replica_coupon_uses_replica_state(make_service):
    svc = make_service()
    p = svc.preview(req([amt(100)], None, [signed_coupon("C-VOID-1", "T-100OFF")]), at=AT)
    assert verdict(p).reason == Reason.VOIDED


def test_forged_and_foreign_key_codes_rejected_offline(make_service):
    from terminal.infra.crypto import Signer

    svc = make_service()
    good = signed_coupon("NEW-9", "T-SIGNED")
    mallory = Signer.generate()
    forged = signed_coupon("NEW-9", "T-SIGNED", signer=mallory)
    foreign = signed_coupon("NEW-9", "T-SIGNED", key_id=7, signer=mallory)
    with pytest.raises(CodeError) as e:
        svc.scan(forged, at=AT)
    assert e.value.reason == Reason.FORGED
    with pytest.raises(CodeError) as e:
        svc.scan(foreign, at=AT)
    assert e.value.reason == Reason.UNKNOWN_KEY
    assert svc.scan(good, at=AT).coupon.usable


def test_signed_member_card(make_service):
    svc = make_service()
    assert svc.scan(signed_member("M2"), at=AT).member.tier_id == "gold"
    with pytest.raises(CodeError) as e:
        svc.scan(signed_member("M404"), at=AT)
    assert e.value.reason == Reason.UNKNOWN


def test_wrong_kind_and_blocked_member(make_service):
    cat = catalog_dict()
    cat["members"][2]["status"] = "blocked"
    svc = make_service(catalog=cat)
    with pytest.raises(CodeError) as e:
        svc.resolve_member(card("980000000002"))
    assert e.value.reason == Reason.WRONG_KIND
    with pytest.raises(CodeError) as e:
        svc.scan(M3, at=AT)
    assert e.value.reason == Reason.REVOKED
    p = svc.preview(req([amt(10)], None, [M1]), at=AT)
    assert verdict(p).reason == Reason.WRONG_KIND


def test_product_barcode_scan(make_service):
    res = make_service().scan(card("471000000001"), at=AT)
    assert res.kind == "product" and res.product["sku"] == "LATTE"


# ---- earn rules -------------------------------------------------------------------------

def _earn_catalog():
    cat = catalog_dict()
    cat["earn_rules"] += [
        {"id": "LATTE-SERIES", "name": "Latte series every 100 -> 5", "point_type": "bonus", "kind": "per_product_amount",
         "every": 100, "points": 5, "products": ["LATTE"], "group": "product"},
        {"id": "TISSUE-3", "name": "3 packs -> 5", "point_type": "bonus", "kind": "per_quantity", "every": 3, "points": 5,
         "products": ["TISSUE"], "group": "quantity"},
        {"id": "TUESDAY", "name": "Diamond Tuesdays", "point_type": "diamond", "kind": "per_spend", "every": 100, "points": 1,
         "scope": {"brands": ["A"], "payment_methods": ["card"]}, "multipliers": [{"kind": "weekday", "weekdays": [2], "factor": 6},
                                                                                 {"kind": "birthday_month", "factor": 2}]},
    ]
    return cat


def test_per_product_amount_and_per_quantity_add_to_base(make_service):
    svc = make_service(catalog=_earn_catalog())
    p = svc.preview(req([LineRequest("LATTE", 2), LineRequest("TISSUE", 7)], M3), at=AT)
    by_rule = {e.rule_id: e.points for e in p.earns}
    # base: 450 / 50 = 9; latte 240 -> 2 x 5 = 10; tissue 7 units -> 2 x 5 = 10
    assert by_rule == {"A-base": 9, "LATTE-SERIES": 10, "TISSUE-3": 10}


def test_units_freed_by_a_voucher_do_not_earn(make_service):
    svc = make_service(catalog=_earn_catalog())
    p = svc.preview(req([LineRequest("LATTE", 2)], M1, [card("980000000004")]), at=AT)
    by_rule = {e.rule_id: e.points for e in p.earns}
    assert by_rule["LATTE-SERIES"] == 5 and by_rule["A-base"] == 2  # paid 120


def test_payment_method_scope_and_largest_multiplier_wins(make_service):
    svc = make_service(catalog=_earn_catalog())
    tuesday = tpe(2026, 11, 24, 12)  # Tuesday in M1's birthday month: x6 beats x2, they do not compound
    cash = svc.preview(req([amt(300)], M1), at=tuesday)
    card_pay = svc.preview(req([amt(300)], M1, payment="card"), at=tuesday)
    assert "diamond" not in {e.point_type for e in cash.earns}
    assert {e.rule_id: e.points for e in card_pay.earns}["TUESDAY"] == 18
    friday = svc.preview(req([amt(300)], M1, payment="card"), at=AT)
    assert {e.rule_id: e.points for e in friday.earns}["TUESDAY"] == 6  # birthday month x2


def test_no_member_no_points(make_service):
    p = make_service().preview(req([amt(1000)]), at=AT)
    assert p.earns == () and p.balances_after == {"bonus": 0, "diamond": 0}


def test_earn_counts_what_is_paid_after_discounts(make_service):
    p = make_service().preview(req([amt(600)], M3, [card("980000000002")]), at=tpe(2026, 11, 5, 12))
    assert p.total == 500 and {e.rule_id: e.points for e in p.earns} == {"A-base": 30}  # 500/50 x3


# ---- burn -------------------------------------------------------------------------------

def test_points_plus_cash_item(make_service):
    svc = make_service()
    p = svc.preview(req([LineRequest("MUG", pay_with_points=True)], M1), at=AT)
    # M1 has 130 usable: a 200-point mug is refused, nothing is burnt
    assert p.points_verdicts[0].reason == Reason.INSUFFICIENT_POINTS and p.burns == ()
    cat = catalog_dict()
    cat["members"][0]["lots"][0]["points"] = 400
    svc2 = make_service(catalog=cat, name="b.db")
    p = svc2.preview(req([LineRequest("MUG", pay_with_points=True), amt(100)], M1, points={"bonus": 100}), at=AT)
    assert p.ok and p.total == 100 + 100 - 5 and sum(b.points for b in p.burns) == 300
    # the points-plus-cash line never earns; the money line pays 100 - 5 = 95 -> 1 point
    assert {e.rule_id: e.points for e in p.earns} == {"A-base": 1}


def test_point_type_cap_percent(make_service):
    cat = catalog_dict()
    cat["members"][1]["lots"] = [{"id": "M2-D", "point_type": "diamond", "points": 5000, "earned_at": "2026-01-01T00:00:00+08:00"}]
    svc = make_service(catalog=cat)
    p = svc.preview(req([amt(100)], M2, points={"diamond": 600}), at=AT)
    assert p.points_verdicts[0].reason == Reason.POINTS_EXCEED_BILL and p.max_points["diamond"] == 500
    assert svc.preview(req([amt(100)], M2, points={"diamond": 500}), at=AT).total == 50


def test_points_need_a_member(make_service):
    p = make_service().preview(req([amt(100)], points={"bonus": 20}), at=AT)
    assert p.points_verdicts[0].reason == Reason.MEMBER_REQUIRED


# ---- voids ------------------------------------------------------------------------------

def test_void_window_comes_from_the_catalog_policy(make_service):
    from datetime import timedelta

    from terminal.domain.reasons import CheckoutError

    cat = catalog_dict()
    cat["policies"] = {"void_window_minutes": 30}
    svc = make_service(catalog=cat)
    assert svc.void_window == timedelta(minutes=30)
    svc.settle(req([amt(100)], M3, cid="v1"), cashier_id="C01", at=AT)
    svc.settle(req([amt(100)], M3, cid="v2"), cashier_id="C01", at=AT)
    with pytest.raises(CheckoutError) as e:
        svc.void("v1", manager_id="MGR1", pin="9999", reason="late", at=AT + timedelta(minutes=31))
    assert e.value.reason == Reason.VOID_WINDOW_PASSED
    svc.void("v2", manager_id="MGR1", pin="9999", reason="in time", at=AT + timedelta(minutes=30))
    with pytest.raises(CheckoutError) as e:
        svc.void("v2", manager_id="MGR1", pin="9999", reason="again", at=AT + timedelta(minutes=30))
    assert e.value.reason == Reason.ALREADY_VOIDED
    with pytest.raises(CheckoutError) as e:
        svc.void("nope", manager_id="MGR1", pin="9999", reason="x", at=AT)
    assert e.value.reason == Reason.NOT_FOUND
    audit = svc.replica.conn.execute("SELECT actor_id, action, reason FROM audit_log").fetchall()
    assert audit == [("MGR1", "void", "in time")]


def test_settle_rejects_changed_total_and_reused_checkout_id(make_service):
    from terminal.domain.reasons import AuthorizationError, CheckoutError

    svc = make_service()
    r = CheckoutRequest("k1", (amt(100),), expected_total=99)
    with pytest.raises(CheckoutError) as e:
        svc.settle(r, cashier_id="C01", at=AT)
    assert e.value.reason == Reason.PREVIEW_CHANGED
    svc.settle(CheckoutRequest("k1", (amt(100),), expected_total=100), cashier_id="C01", at=AT)
    with pytest.raises(CheckoutError) as e:
        svc.settle(CheckoutRequest("k1", (amt(101),)), cashier_id="C01", at=AT)
    assert e.value.reason == Reason.CHECKOUT_ID_REUSED
    with pytest.raises(AuthorizationError):
        svc.settle(CheckoutRequest("k2", (amt(101),)), cashier_id="nobody", at=AT)
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 1
