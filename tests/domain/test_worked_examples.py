"""The issue's worked examples, with exact points and prices, through the real service."""

from __future__ import annotations

import pytest

from terminal.domain.reasons import Reason
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest

from ..conftest import card, tpe

M1 = card("290000000001")
M2 = card("290000000002")
M3 = card("290000000003")


def amount(n: int) -> tuple[LineRequest, ...]:
    return (LineRequest(amount=n, name="Amount"),)


def earned(preview, point_type="bonus") -> int:
    return sum(e.points for e in preview.earns if e.point_type == point_type)


@pytest.mark.parametrize(
    ("spend", "day", "points"),
    [(50, 5, 3), (49, 5, 0), (50, 6, 1), (99, 5, 3), (100, 5, 6), (100, 6, 2), (0 + 149, 4, 2)],
)
def test_brand_a_member_day_triple_points(make_service, spend, day, points):
    svc = make_service("A-001")
    p = svc.preview(CheckoutRequest("c1", amount(spend), member_code=M3), at=tpe(2026, 12, day, 12, 0))
    assert earned(p) == points
    assert p.total == spend


def test_member_day_uses_store_local_date_not_utc(make_service):
    svc = make_service("A-001")
    # 2026-12-04 17:30 UTC is already the 5th in Taipei (UTC+8)
    from datetime import datetime, timezone

    p = svc.preview(CheckoutRequest("c1", amount(50), member_code=M3), at=datetime(2026, 12, 4, 17, 30, tzinfo=timezone.utc))
    assert earned(p) == 3


def test_brand_b_base_and_gold_rate(make_service):
    svc = make_service("B-001")
    normal = svc.preview(CheckoutRequest("c1", amount(100), member_code=M3), at=tpe(2026, 11, 20, 12))
    gold = svc.preview(CheckoutRequest("c2", amount(100), member_code=M2), at=tpe(2026, 11, 20, 12))
    assert earned(normal) == 10
    assert earned(gold) == 20  # gold rule replaces the base rule in group "base", it does not add
    assert [e.rule_id for e in gold.earns] == ["B-gold"]


def test_new_store_rate_this_week_only(make_service):
    svc = make_service("A-NEW")
    in_week = svc.preview(CheckoutRequest("c1", amount(100), member_code=M3), at=tpe(2026, 11, 20, 12))
    after = svc.preview(CheckoutRequest("c2", amount(100), member_code=M3), at=tpe(2026, 11, 23, 0, 0))
    assert earned(in_week) == 4  # 2 per 50
    assert earned(after) == 2  # back to brand A's 1 per 50
    other_store = make_service("A-001", name="other.db").preview(
        CheckoutRequest("c3", amount(100), member_code=M3), at=tpe(2026, 11, 20, 12)
    )
    assert earned(other_store) == 2


def test_points_pay_20_for_1_up_to_120_of_130_soonest_expiring_first(make_service):
    svc = make_service("A-001")
    at = tpe(2026, 11, 20, 12)
    p = svc.preview(CheckoutRequest("c1", amount(100), member_code=M1), at=at)
    assert p.balances_before["bonus"] == 130  # the 500-point lot expired on 2026-01-01
    assert p.max_points["bonus"] == 120
    p = svc.preview(CheckoutRequest("c1", amount(100), member_code=M1, points={"bonus": 120}), at=at)
    assert p.ok and p.points_discount == 6 and p.total == 94
    # the 30-point lot expires first (Dec 1) so it is used up first, then 90 of the 100-point lot
    assert [(b.lot_id, b.points) for b in p.burns] == [("M1-L2", 30), ("M1-L1", 90)]
    too_many = svc.preview(CheckoutRequest("c1", amount(100), member_code=M1, points={"bonus": 140}), at=at)
    assert not too_many.ok and too_many.points_verdicts[0].reason == Reason.INSUFFICIENT_POINTS
    odd = svc.preview(CheckoutRequest("c1", amount(100), member_code=M1, points={"bonus": 130}), at=at)
    assert odd.points_verdicts[0].reason == Reason.POINTS_NOT_MULTIPLE


def test_stored_voucher_ten_coffees_two_then_eight_then_used_up(make_service, tmp_path):
    x = make_service("X")
    at = tpe(2026, 11, 20, 12)
    sv = card("980000000001")
    r1 = x.settle(CheckoutRequest("c1", (LineRequest("LATTE", 2),), member_code=M1, coupons=(CouponRequest(sv, 2),)),
                  cashier_id="C01", at=at)
    assert r1["total"] == 0 and r1["coupon_discount"] == 240
    assert x.scan(sv, at=at, member_id="M1").coupon.remaining_uses == 8
    # store Y works on the same replica file (same chain, later synced state)
    from terminal.usecases.service import RedemptionService

    y = RedemptionService(x.replica, store_id="Y", terminal_id="T1", clock=x.clock)
    r2 = y.settle(CheckoutRequest("c2", (LineRequest("AMERICANO", 8),), member_code=M1, coupons=(CouponRequest(sv, 8),)),
                  cashier_id="C01", at=at)
    assert r2["coupon_discount"] == 8 * 90
    assert y.scan(sv, at=at, member_id="M1").coupon.remaining_uses == 0
    p = y.preview(CheckoutRequest("c3", (LineRequest("LATTE", 1),), member_code=M1, coupons=(CouponRequest(sv, 1),)), at=at)
    v = p.coupon_verdicts[0]
    assert not v.ok and v.reason == Reason.USED_UP
    assert "used up" in v.message


def test_amount_off_min_spend_500_refused_on_499_with_shortfall(make_service):
    svc = make_service("A-001")
    at = tpe(2026, 11, 20, 12)
    code = card("980000000002")
    p = svc.preview(CheckoutRequest("c1", amount(499), coupons=(CouponRequest(code),)), at=at)
    v = p.coupon_verdicts[0]
    assert not v.ok and v.reason == Reason.MIN_SPEND_NOT_MET
    assert v.details["shortfall"] == 1 and "1 short" in v.message
    assert p.total == 499
    p = svc.preview(CheckoutRequest("c1", amount(500), coupons=(CouponRequest(code),)), at=at)
    assert p.coupon_verdicts[0].ok and p.total == 400 and p.coupon_discount == 100
