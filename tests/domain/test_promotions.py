"""Automatic promotions and the ONE order of application (terminal/domain/promotions.py,
docs/catalog.md "Promotions"): a table of baskets, tiers, promotions and coupons with the exact
lines and discounts they must give, plus an exactness property over random baskets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.domain.checkout import preview_checkout
from terminal.domain.models import (
    Basket, BasketLine, CheckoutContext, CouponClaim, CouponInstance, CouponKind, CouponTemplate, Member, PointLot, PointType,
    Store,
)
from terminal.domain.promotions import Combine, Promotion, PromotionKind as K

AT = datetime(2026, 11, 30, 4, tzinfo=timezone.utc)
STORE = Store("A-001", "A", "Store A")
OTHER = Store("B-001", "B", "Store B")
FS = frozenset

PEN, PEN2, PAN, POT, TEA, JUICE, CAKE = "PEN", "PEN2", "PAN", "POT", "TEA", "JUICE", "CAKE"
CAT = {PEN: "stationery", PEN2: "stationery", PAN: "kitchen", POT: "kitchen", TEA: "drinks", JUICE: "drinks", CAKE: "bakery"}
PRICE = {PEN: 10, PEN2: 15, PAN: 1800, POT: 1500, TEA: 60, JUICE: 80, CAKE: 120}


def basket(*items: tuple[str, int]) -> Basket:
    return Basket(tuple(BasketLine(i, sku, PRICE[sku], q, sku, CAT[sku]) for i, (sku, q) in enumerate(items, start=1)))


def member(tier: str) -> Member:
    return Member("m1", "Wang", tier)


# the promotions of the table
B2G1 = Promotion("b2g1-cake", "Cake buy 2 get 1", K.BUY_X_GET_Y, products=FS({CAKE}), buy=2, get=1)
PENS = Promotion("pens-5+1", "Pens: buy 5 get 1", K.BUY_X_GET_Y, categories=FS({"stationery"}), buy=5, get=1)
TEA_FOR_CAKE = Promotion("cake-tea", "Buy 2 cakes, a tea free", K.BUY_X_GET_Y, products=FS({CAKE}), buy=2, get=1,
                         reward_products=FS({TEA}))
CHEAP = Promotion("cheapest-half", "Cheapest drink half price", K.CHEAPEST_ITEM, categories=FS({"drinks"}), percent=50,
                  min_units=3)
SECOND = Promotion("2nd-half", "2nd drink half price", K.NTH_ITEM, categories=FS({"drinks"}), nth=2, percent=50)
KITCHEN = Promotion("kitchen-3000", "Spend 3,000 in kitchen, 500 off", K.SPEND_THRESHOLD, categories=FS({"kitchen"}),
                    threshold=3000, amount=500)
SILVER_PRICE = Promotion("silver-tea", "Silver member price tea 50", K.MEMBER_PRICE, products=FS({TEA}), tiers=FS({"silver"}),
                         price=50)
GOLD_PRICE = Promotion("gold-tea", "Gold member price tea 45", K.MEMBER_PRICE, products=FS({TEA}), tiers=FS({"gold"}),
                       price=45)
GOLD_DRINKS = Promotion("gold-5", "Gold 5% off drinks", K.PERCENT_OFF, categories=FS({"drinks"}), tiers=FS({"gold"}),
                        percent=5)
EXCL_10 = Promotion("excl-10", "Store week: 10% off all", K.PERCENT_OFF, percent=10, combine=Combine.EXCLUSIVE, priority=5)
EXCL_B = Promotion("excl-b", "Brand B only", K.PERCENT_OFF, percent=50, combine=Combine.EXCLUSIVE, brands=FS({"B"}),
                   priority=9)
BEST_A = Promotion("best-a", "200 off 2,000", K.SPEND_THRESHOLD, threshold=2000, amount=200, combine=Combine.BEST)
BEST_B = Promotion("best-b", "8% off everything", K.PERCENT_OFF, percent=8, combine=Combine.BEST)
LATE = Promotion("late", "Starts tomorrow", K.PERCENT_OFF, percent=50, valid_from=AT + timedelta(days=1))
ENDED = Promotion("ended", "Ended", K.PERCENT_OFF, percent=50, valid_until=AT)
STORE_B = Promotion("only-b", "Store B only", K.PERCENT_OFF, percent=50, stores=FS({"B-001"}))


def tpl(tid, kind, **kw) -> CouponTemplate:
    return CouponTemplate(tid, tid, kind, member_bound=False, **kw)


AMT300_MIN3000 = tpl("amt300", CouponKind.AMOUNT_OFF, amount=300, min_spend=3000)
PCT10 = tpl("pct10", CouponKind.PERCENT_OFF, percent=10)
CAKE_VOUCHER = tpl("cake-v", CouponKind.PRODUCT_VOUCHER, products=FS({CAKE}))
TEA_VOUCHER = tpl("tea-v", CouponKind.PRODUCT_VOUCHER, products=FS({TEA}))


def claim(t: CouponTemplate) -> CouponClaim:
    return CouponClaim(t.id, CouponInstance(f"C-{t.id}", t.id, None, 1), t)


BONUS = PointType("bonus", "Bonus", burn_points=20, burn_value=1)
LOTS = (PointLot("l1", "m1", "bonus", 10_000, AT - timedelta(days=1)),)

# basket, tier (None: no member), promotions, coupons, points -> promotion discounts by id, coupon discounts, points
# discount, total
ROWS = [
    # 1 buy 2 get 1 on a product: 3 cakes -> the 3rd free
    ("b2g1", basket((CAKE, 3)), None, [B2G1], [], 0, {"b2g1-cake": 120}, [], 0, 240),
    # 2 "12 pens: 2 free": 10 + 2 pens with buy 5 get 1 -> the 2 cheapest free
    ("pens", basket((PEN2, 2), (PEN, 10)), None, [PENS], [], 0, {"pens-5+1": 20}, [], 0, 30 + 100 - 20),
    # 3 buy X get Y with another reward: 2 cakes -> 1 tea free; no tea, nothing
    ("reward", basket((CAKE, 2), (TEA, 2)), None, [TEA_FOR_CAKE], [], 0, {"cake-tea": 60}, [], 0, 240 + 120 - 60),
    ("reward-absent", basket((CAKE, 2)), None, [TEA_FOR_CAKE], [], 0, {}, [], 0, 240),
    # 4 cheapest item (needs 3 units): 60 half off
    ("cheapest", basket((TEA, 1), (JUICE, 2)), None, [CHEAP], [], 0, {"cheapest-half": 30}, [], 0, 220 - 30),
    ("cheapest-too-few", basket((TEA, 1), (JUICE, 1)), None, [CHEAP], [], 0, {}, [], 0, 140),
    # 5 every 2nd item dearest first: 80 80 60 60 -> 2nd (80) and 4th (60) half
    ("nth", basket((TEA, 2), (JUICE, 2)), None, [SECOND], [], 0, {"2nd-half": 40 + 30}, [], 0, 280 - 70),
    # a unit is freed or reduced by one item promotion at most: after "2nd half price" took 2 of the 4
    # drinks, "cheapest of 3" finds only 2 untaken units and gives nothing
    ("one-promo-per-unit", basket((TEA, 2), (JUICE, 2)), None, [SECOND, CHEAP], [], 0, {"2nd-half": 70}, [], 0, 210),
    # 6 spend threshold per category: kitchen 3,300 -> 500 off; 1,800 -> nothing
    ("threshold", basket((PAN, 1), (POT, 1), (CAKE, 1)), None, [KITCHEN], [], 0, {"kitchen-3000": 500}, [], 0, 3420 - 500),
    ("threshold-short", basket((PAN, 1), (CAKE, 1)), None, [KITCHEN], [], 0, {}, [], 0, 1920),
    # 7 tier prices: silver 50, gold 45; no member -> list price
    ("silver", basket((TEA, 2)), "silver", [SILVER_PRICE, GOLD_PRICE], [], 0, {"silver-tea": 20}, [], 0, 100),
    ("gold", basket((TEA, 2)), "gold", [SILVER_PRICE, GOLD_PRICE], [], 0, {"gold-tea": 30}, [], 0, 90),
    ("no-member", basket((TEA, 2)), None, [SILVER_PRICE, GOLD_PRICE], [], 0, {}, [], 0, 120),
    # 8 tier price then tier discount on what is left: 2 x 45 = 90 + 80 -> 5 % of 170 = 8
    ("gold-both", basket((TEA, 2), (JUICE, 1)), "gold", [GOLD_PRICE, GOLD_DRINKS], [], 0,
     {"gold-tea": 30, "gold-5": 8}, [], 0, 200 - 38),
    # 9 exclusive wins alone over stackables; an exclusive of another brand does not apply here
    ("exclusive", basket((CAKE, 3), (TEA, 1)), None, [B2G1, EXCL_10, EXCL_B], [], 0, {"excl-10": 42}, [], 0, 420 - 42),
    # 10 best for the customer: 200 off 2,000 vs 8 % -> 8 % of 3,300 = 264 wins; on 2,100, 200 wins (8 % = 168)
    ("best-pct", basket((PAN, 1), (POT, 1)), None, [BEST_A, BEST_B], [], 0, {"best-b": 264}, [], 0, 3300 - 264),
    ("best-amt", basket((PAN, 1), (TEA, 5)), None, [BEST_A, BEST_B], [], 0, {"best-a": 200}, [], 0, 2100 - 200),
    # 11 windows and store scope
    ("window", basket((CAKE, 1)), None, [LATE, ENDED, STORE_B], [], 0, {}, [], 0, 120),
    # 12 promotions before coupons: min spend checked on what is left (3,300 - 500 = 2,800 < 3,000: refused)
    ("coupon-min-spend", basket((PAN, 1), (POT, 1)), None, [KITCHEN], [AMT300_MIN3000], 0, {"kitchen-3000": 500},
     [None], 0, 2800),
    # 13 percent coupon on what promotions left: 10 % of 240 = 24
    ("coupon-after", basket((CAKE, 3)), None, [B2G1], [PCT10], 0, {"b2g1-cake": 120}, [24], 0, 216),
    # 14 a voucher frees a unit the promotion did not: 4 cakes, 1 free by promo, voucher frees another (120)
    ("voucher-after", basket((CAKE, 4)), None, [B2G1], [CAKE_VOUCHER], 0, {"b2g1-cake": 120}, [120], 0, 240),
    # 15 a voucher on a member-priced item pays the member price, not the list price
    ("voucher-member-price", basket((TEA, 2)), "gold", [GOLD_PRICE], [TEA_VOUCHER], 0, {"gold-tea": 30}, [45], 0, 45),
    # 16 points come last: 1,000 points = 50 off what promotions and coupons left
    ("points-last", basket((CAKE, 3)), "normal", [B2G1], [PCT10], 1000, {"b2g1-cake": 120}, [24], 50, 166),
]


@pytest.mark.parametrize("name,bk,tier,promos,coupons,points,want_promo,want_coupons,want_points,want_total", ROWS,
                         ids=[r[0] for r in ROWS])
def test_order_of_application(name, bk, tier, promos, coupons, points, want_promo, want_coupons, want_points, want_total):
    ctx = CheckoutContext(STORE, AT, member(tier) if tier else None, lots=LOTS if tier else (), point_types={"bonus": BONUS},
                          promotions=tuple(promos))
    p = preview_checkout(ctx, bk, [claim(t) for t in coupons], {"bonus": points} if points else None)
    assert {u.promotion_id: u.discount for u in p.promotion_uses} == want_promo
    assert [v.discount if v.ok else None for v in p.coupon_verdicts] == want_coupons
    assert p.points_discount == want_points
    assert p.total == want_total == bk.gross - p.promotion_discount - p.coupon_discount - p.points_discount
    assert sum(p.line_net.values()) == p.total
    for u in p.promotion_uses:  # exact allocation over lines
        assert sum(d for _, d in u.lines) == u.discount
    promo_lines = [e for e in p.explanation if e.kind == "promotion"]
    assert [(e.ref, -e.amount) for e in promo_lines] == [(u.promotion_id, u.discount) for u in p.promotion_uses]


def test_promotions_do_not_apply_at_another_brand_or_store():
    ctx = CheckoutContext(OTHER, AT, promotions=(EXCL_B, STORE_B))
    p = preview_checkout(ctx, basket((CAKE, 1)), [])
    assert {u.promotion_id: u.discount for u in p.promotion_uses} == {"excl-b": 60}  # exclusive: STORE_B not stacked


_units = st.lists(st.tuples(st.sampled_from(sorted(PRICE)), st.integers(1, 13)), min_size=1, max_size=6, unique_by=lambda t: t[0])
_promos = st.lists(st.sampled_from([B2G1, PENS, TEA_FOR_CAKE, CHEAP, SECOND, KITCHEN, SILVER_PRICE, GOLD_PRICE, GOLD_DRINKS,
                                    EXCL_10, BEST_A, BEST_B]), max_size=8, unique=True)


@settings(max_examples=80, deadline=None)
@given(items=_units, promos=_promos, tier=st.sampled_from([None, "silver", "gold"]))
def test_promotions_are_exact_and_never_exceed_the_basket(items, promos, tier):
    bk = basket(*items)
    ctx = CheckoutContext(STORE, AT, member(tier) if tier else None, promotions=tuple(promos))
    p = preview_checkout(ctx, bk, [claim(PCT10)])
    assert 0 <= p.total <= bk.gross
    assert all(0 <= n <= ln.gross for ln in bk.lines for n in [p.line_net[ln.line_id]])
    assert p.total == bk.gross - p.promotion_discount - p.coupon_discount
    for u in p.promotion_uses:
        assert u.discount > 0 and sum(d for _, d in u.lines) == u.discount
    # the same inputs give the same answer (the server re-applies them)
    assert preview_checkout(ctx, bk, [claim(PCT10)]).promotion_uses == p.promotion_uses
