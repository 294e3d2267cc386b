"""Issue 15, section 5, as properties of `terminal.domain.returns.plan_return` over random sales
(lines, a coupon with or without a minimum spend, earned and spent points) and random sequences
of partial returns: never more money, units or points back than were sold, earned or spent;
each refund >= 0; the whole sale returned gives back exactly its net, its earned points and its
spent points, and the coupon's ledger discount nets to zero; the order of the returns does not
change the totals once everything is back."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.domain.allocation import split_proportionally
from terminal.domain.models import CouponKind, CouponTemplate
from terminal.domain.reasons import CheckoutError, Reason
from terminal.domain.returns import LotMove, Sale, SoldCoupon, SoldLine, plan_return

AT = datetime(2026, 11, 20, 4, tzinfo=timezone.utc)
WINDOW = timedelta(days=30)


@st.composite
def sales(draw) -> Sale:
    n = draw(st.integers(1, 5))
    lines = []
    for i in range(1, n + 1):
        q, price = draw(st.integers(1, 5)), draw(st.integers(0, 500))
        lines.append((i, q, price * q))
    gross = sum(g for _, _, g in lines)
    kind = draw(st.sampled_from([CouponKind.AMOUNT_OFF, CouponKind.PERCENT_OFF, None]))
    coupons = ()
    alloc = {i: 0 for i, _, _ in lines}
    if kind is not None and gross > 0:
        tpl = CouponTemplate("T", "coupon", kind, amount=draw(st.integers(1, 300)), percent=draw(st.integers(1, 50)),
                             min_spend=draw(st.sampled_from([0, gross // 2, gross])))
        disc = min(tpl.amount, gross) if kind is CouponKind.AMOUNT_OFF else gross * tpl.percent // 100
        alloc = split_proportionally(disc, {i: g for i, _, g in lines})
        coupons = (SoldCoupon("C", "T", disc, tuple(sorted(alloc.items())), tpl),)
    after = {i: g - alloc[i] for i, _, g in lines}
    points = min(sum(after.values()), draw(st.integers(0, 100)))  # a points discount, spread by what is left
    pshare = split_proportionally(points, after) if points else {i: 0 for i in after}
    sold = tuple(SoldLine(i, q, g, after[i] - pshare[i]) for i, q, g in lines)
    earned = tuple(LotMove(f"e{k}", "bonus", draw(st.integers(1, 50))) for k in range(draw(st.integers(0, 2))))
    burnt = tuple(LotMove(f"b{k}", "bonus", draw(st.integers(1, 200))) for k in range(draw(st.integers(0, 2))))
    return Sale("S", "A-001", "M1", AT, sold, coupons, earned, burnt)


@st.composite
def sale_and_returns(draw):
    sale = draw(sales())
    left = {ln.line_id: ln.quantity for ln in sale.lines}
    steps = []
    for _ in range(draw(st.integers(1, 6))):
        avail = [lid for lid, u in left.items() if u]
        if not avail:
            break
        step = {}
        for lid in draw(st.lists(st.sampled_from(avail), min_size=1, max_size=len(avail), unique=True)):
            step[lid] = draw(st.integers(1, left[lid]))
            left[lid] -= step[lid]
        steps.append(step)
    return sale, steps, left


def run(sale: Sale, steps: list[dict[int, int]]):
    plans = []
    for i, step in enumerate(steps):
        plans.append(plan_return(sale, step, earlier=steps[:i], at=AT + timedelta(days=1), window=WINDOW))
    return plans


@settings(max_examples=100, deadline=None)
@given(sale_and_returns())
def test_returns_never_give_back_more_than_the_sale(case):
    sale, steps, left = case
    plans = run(sale, steps)
    assert all(p.refund >= 0 for p in plans)
    assert sum(p.refund for p in plans) <= sale.net
    earned, spent = sum(m.points for m in sale.earned), sum(m.points for m in sale.burnt)
    clawed = [sum(m.points for m in p.points_clawed) for p in plans]
    back = [sum(m.points for m in p.points_returned) for p in plans]
    assert all(c >= 0 for c in clawed) and sum(clawed) <= earned
    assert all(b >= 0 for b in back) and sum(back) <= spent
    for lot in sale.earned:  # per lot too: no lot loses more than it earned
        assert sum(m.points for p in plans for m in p.points_clawed if m.lot_id == lot.lot_id) <= lot.points
    for lot in sale.burnt:
        assert sum(m.points for p in plans for m in p.points_returned if m.lot_id == lot.lot_id) <= lot.points
    coupon_back = sum(d for p in plans for _, _, d in p.coupons)
    assert -sum(c.discount for c in sale.coupons) <= coupon_back <= 0  # a coupon never gives back more than it gave
    for p in plans:
        assert sum(v for _, v in p.tenders) == p.refund
    if not any(left.values()):  # everything returned: the ledgers balance exactly
        assert sum(p.refund for p in plans) == sale.net
        assert sum(clawed) == earned and sum(back) == spent
        assert coupon_back == -sum(c.discount for c in sale.coupons)
    # one unit more than is left of any line is refused, and nothing is planned
    for ln in sale.lines:
        with pytest.raises(CheckoutError) as exc:
            plan_return(sale, {ln.line_id: left[ln.line_id] + 1}, earlier=steps, at=AT, window=WINDOW)
        assert exc.value.reason in (Reason.RETURN_EXCEEDS_SOLD, Reason.INVALID_REQUEST)


@settings(max_examples=50, deadline=None)
@given(sales(), st.randoms(use_true_random=False))
def test_returning_everything_in_any_order_gives_back_the_same(sale, rnd):
    units = [(ln.line_id, 1) for ln in sale.lines for _ in range(ln.quantity)]
    one = run(sale, [dict([u]) for u in units])
    rnd.shuffle(units)
    other = run(sale, [dict([u]) for u in units])
    for plans in (one, other):
        assert sum(p.refund for p in plans) == sale.net
        assert sum(m.points for p in plans for m in p.points_clawed) == sum(m.points for m in sale.earned)


def test_the_window_is_the_catalogs():
    sale = Sale("S", "A-001", None, AT, (SoldLine(1, 1, 100, 100),))
    plan_return(sale, {1: 1}, at=AT + WINDOW, window=WINDOW)
    with pytest.raises(CheckoutError) as exc:
        plan_return(sale, {1: 1}, at=AT + WINDOW + timedelta(seconds=1), window=WINDOW)
    assert exc.value.reason is Reason.RETURN_WINDOW_PASSED
