"""Issue 15's pure rules with the issue's figures: exchange, giveaway claims, gifting."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from terminal.catalog import CatalogError, parse_catalog, to_campaign, to_exchange_offer
from terminal.domain.exchange import issued_code, plan_exchange
from terminal.domain.gifting import check_transfer
from terminal.domain.giveaway import ClaimTally, check_claim
from terminal.domain.models import CouponInstance, Member, PointLot, Store
from terminal.domain.reasons import CheckoutError, CodeError, Reason
from terminal.domain.validity import check_coupon

from tests.conftest import tpe
from tests.member_value.catalog import CAMPAIGN, value_catalog

STORE = Store("A-001", "A", "A Xinyi")
M1 = Member("M1", "M", "normal")
CAT = parse_catalog(json.dumps(value_catalog()))
G = to_campaign(CAT.giveaway_campaigns[0])
TEMPLATES = {t.id: t for t in CAT.coupon_templates}


def reason(fn, *a, **kw) -> Reason:
    with pytest.raises((CheckoutError, CodeError)) as exc:
        fn(*a, **kw)
    return exc.value.reason


def test_giveaway_once_a_day_at_most_three_times():
    day1, day2, day3 = tpe(2026, 11, 20, 10), tpe(2026, 11, 21, 10), tpe(2026, 11, 22, 23, 59)
    check_claim(G, store=STORE, member=M1, at=day1, tally=ClaimTally())
    # a second claim the same store day (Taipei): refused, whatever the hour
    assert reason(check_claim, G, store=STORE, member=M1, at=tpe(2026, 11, 20, 23, 59), tally=ClaimTally(50, (day1,))) \
        is Reason.CLAIM_DAILY_LIMIT
    check_claim(G, store=STORE, member=M1, at=day2, tally=ClaimTally(50, (day1,)))
    check_claim(G, store=STORE, member=M1, at=day3, tally=ClaimTally(100, (day1, day2)))
    # the 4th claim: refused with the campaign's limit (a 4th day would be outside the window anyway)
    with pytest.raises(CheckoutError) as exc:
        check_claim(G, store=STORE, member=M1, at=day3 + timedelta(seconds=30), tally=ClaimTally(150, (day1, day2, day3 - timedelta(days=1))))
    assert exc.value.reason is Reason.CLAIM_CAMPAIGN_LIMIT and exc.value.details["limit"] == 3 and exc.value.details["claims"] == 3
    assert reason(check_claim, G, store=STORE, member=M1, at=tpe(2026, 11, 23, 0, 0), tally=ClaimTally()) is Reason.CAMPAIGN_NOT_ACTIVE
    assert reason(check_claim, G, store=STORE, member=M1, at=tpe(2026, 11, 19, 23, 59), tally=ClaimTally()) is Reason.CAMPAIGN_NOT_ACTIVE


def test_the_chains_201st_claim_is_refused():
    assert G.max_claims == 200
    check_claim(G, store=STORE, member=M1, at=tpe(2026, 11, 20, 10), tally=ClaimTally(199 * 50))  # the 200th: 9,950 + 50
    with pytest.raises(CheckoutError) as exc:
        check_claim(G, store=STORE, member=M1, at=tpe(2026, 11, 20, 10), tally=ClaimTally(200 * 50))
    assert exc.value.reason is Reason.CAMPAIGN_CAP_REACHED
    assert exc.value.details == {"campaign_id": "G-3DAYS", "claimed": 10_000, "total": 10_000}
    assert "10,000" in exc.value.message
    assert reason(check_claim, G, store=STORE, member=None, at=tpe(2026, 11, 20, 10), tally=ClaimTally()) is Reason.MEMBER_REQUIRED


def test_exchange_spends_soonest_expiring_lots_and_issues_a_derived_code():
    offer = to_exchange_offer(CAT.exchange_offers[0])
    lots = (PointLot("M1-L1", "M1", "bonus", 100, tpe(2026, 1, 10), tpe(2026, 12, 31)),
            PointLot("M1-L2", "M1", "bonus", 30, tpe(2026, 3, 10), tpe(2026, 12, 1)),
            PointLot("M1-L0", "M1", "bonus", 500, tpe(2025, 1, 10), tpe(2026, 1, 1)))
    at = tpe(2026, 11, 20, 12)
    plan = plan_exchange(offer, TEMPLATES["T-FREELATTE"], store=STORE, member=M1, lots=lots, at=at, event_id="e-1")
    assert [(b.lot_id, b.points) for b in plan.burns] == [("M1-L2", 30), ("M1-L1", 70)]
    assert plan.code == issued_code("e-1") and plan.code.startswith("EX-") and len(plan.code) == 19
    assert plan.code != issued_code("e-2")
    assert plan.valid_until == at + timedelta(days=30)
    big = to_exchange_offer(CAT.exchange_offers[1])  # 150 points with 130 usable (the 500 expired)
    with pytest.raises(CheckoutError) as exc:
        plan_exchange(big, TEMPLATES["T-FREELATTE"], store=STORE, member=M1, lots=lots, at=at, event_id="e-3")
    assert exc.value.reason is Reason.INSUFFICIENT_POINTS and exc.value.details == {"needed": 150, "usable": 130}
    assert reason(plan_exchange, offer, TEMPLATES["T-FREELATTE"], store=Store("B-001", "B", "B"), member=M1, lots=lots, at=at,
                  event_id="e") is Reason.WRONG_BRAND
    assert reason(plan_exchange, offer, TEMPLATES["T-FREELATTE"], store=STORE, member=None, lots=lots, at=at,
                  event_id="e") is Reason.MEMBER_REQUIRED


def test_gifted_code_is_refused_with_its_own_reason():
    tpl = TEMPLATES["T-10COFFEE"]
    inst = CouponInstance("SV-0001", "T-10COFFEE", "M2", 10, 3, gifted_from=("M1",))
    at = tpe(2026, 11, 20, 12)
    with pytest.raises(CodeError) as exc:
        check_coupon(inst, tpl, store=STORE, member=M1, at=at)
    assert exc.value.reason is Reason.GIFTED and "transferred" in exc.value.message
    check_coupon(inst, tpl, store=STORE, member=Member("M2", "A", "gold"), at=at)  # the friend: 7 uses left
    assert reason(check_coupon, inst, tpl, store=STORE, member=Member("M3", "L", "silver"), at=at) is Reason.WRONG_MEMBER


def test_transfer_rules():
    tpl = TEMPLATES["T-10COFFEE"]
    inst = CouponInstance("SV-0001", "T-10COFFEE", "M1", 10, 3)
    m2 = Member("M2", "A", "gold")
    at = datetime(2026, 11, 20, 4, tzinfo=timezone.utc)
    check_transfer(inst, tpl, from_member_id="M1", to_member=m2, at=at)
    assert reason(check_transfer, inst, tpl, from_member_id="M3", to_member=m2, at=at) is Reason.WRONG_MEMBER
    assert reason(check_transfer, CouponInstance("SV-0001", "T-10COFFEE", "M2", 10, 3, gifted_from=("M1",)), tpl,
                  from_member_id="M1", to_member=Member("M3", "L", "silver"), at=at) is Reason.GIFTED
    assert reason(check_transfer, inst, tpl, from_member_id="M1", to_member=Member("M1", "M", "normal"), at=at) \
        is Reason.TRANSFER_NOT_ALLOWED
    assert reason(check_transfer, CouponInstance("SV-0001", "T-10COFFEE", "M1", 10, 10), tpl, from_member_id="M1", to_member=m2,
                  at=at) is Reason.USED_UP
    assert reason(check_transfer, CouponInstance("BND-1-a", "T-FREELATTE", "M1", 1, parent_code="BND-1"), TEMPLATES["T-FREELATTE"],
                  from_member_id="M1", to_member=m2, at=at) is Reason.TRANSFER_NOT_ALLOWED
    assert reason(check_transfer, inst, tpl, from_member_id="M1", to_member=None, at=at) is Reason.NOT_FOUND
    assert reason(check_transfer, inst, tpl, from_member_id="M1", to_member=Member("M2", "A", "gold", status="blocked"),
                  at=at) is Reason.REVOKED


@pytest.mark.parametrize("change, where", [
    (lambda c: c["giveaway_campaigns"][0].update(point_type="nope"), "giveaway_campaigns[0].point_type"),
    (lambda c: c["giveaway_campaigns"][0].update(ends_at="2026-11-19T00:00:00+08:00"), "giveaway_campaigns[0].ends_at"),
    (lambda c: c["giveaway_campaigns"][0].update(points_per_claim=0), "giveaway_campaigns.0.points_per_claim"),
    (lambda c: c["giveaway_campaigns"][0].update(per_member_per_day=5), "giveaway_campaigns[0].per_member_per_day"),
    (lambda c: c["exchange_offers"][0].update(template="T-BUNDLE"), "exchange_offers[0].template"),
    (lambda c: c["exchange_offers"][0].update(template="T-100OFF"), "exchange_offers[0].template"),
    (lambda c: c["exchange_offers"][0].update(points=-5), "exchange_offers.0.points"),
    (lambda c: c["exchange_offers"][0].update(brands=["Z"]), "exchange_offers[0].brands[0]"),
    (lambda c: c["exchange_offers"][0].update(surprise=1), "exchange_offers.0.surprise"),
])
def test_catalog_names_the_bad_field(change, where):
    cat = value_catalog()
    change(cat)
    with pytest.raises(CatalogError) as exc:
        parse_catalog(json.dumps(cat))
    assert any(p.replace("[", ".").replace("]", "").startswith(where.replace("[", ".").replace("]", "")) for p in exc.value.problems), \
        exc.value.problems
