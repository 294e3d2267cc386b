"""Per-point-type figures are sums over rules and lots (terminal/domain/figures.py), pure, no database."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from terminal.domain.burn import LotBurn
from terminal.domain.checkout import preview_checkout
from terminal.domain.figures import balances_after, points_by_type
from terminal.domain.models import Basket, BasketLine, CheckoutContext, EarnKind, EarnRule, Member, PointLot, PointType, Store
from terminal.domain.settlement import plan_settlement

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
STORE = Store("B-001", "B", "B Daan")
MEMBER = Member("M2", "Alice Chen", "gold")
TYPES = {"bonus": PointType("bonus", "Bonus points", burn_points=20, burn_value=1),
         "diamond": PointType("diamond", "Diamond points", burn_points=10, burn_value=1)}
RULES = (
    EarnRule("standard", "Standard: 1 per 10", "bonus", EarnKind.PER_SPEND, 10, 1, group="standard"),
    EarnRule("latte-week", "Latte week: 8 per latte", "bonus", EarnKind.PER_QUANTITY, 1, 8, products=frozenset({"LATTE"}),
             group="product"),
    EarnRule("diamond", "Diamond: 1 per 50", "diamond", EarnKind.PER_SPEND, 50, 1),
)


def test_points_by_type_sums_every_row_of_a_type():
    rows = [LotBurn("a", "bonus", 30), LotBurn("b", "diamond", 5), LotBurn("c", "bonus", 70), LotBurn("d", "stamp", 0)]
    assert points_by_type(rows) == {"bonus": 100, "diamond": 5}
    assert list(points_by_type(reversed(rows))) == ["bonus", "diamond"]
    assert points_by_type([]) == {}


@pytest.mark.parametrize("bad", [1.5, True, "3"])
def test_points_by_type_takes_integers_only(bad):
    with pytest.raises(TypeError):
        points_by_type([LotBurn("a", "bonus", bad)])


def test_balances_after_covers_every_type():
    assert balances_after({"bonus": 100, "diamond": 0}, {"bonus": 18, "stamp": 2}, {"bonus": 40}) == \
        {"bonus": 78, "diamond": 0, "stamp": 2}


def test_two_rules_on_one_type_add_up_in_preview_and_plan():
    """10 (standard) + 8 (latte week) bonus and 2 diamond on one latte at 100, with 60 bonus spent from two lots."""
    lots = (PointLot("L1", "M2", "bonus", 40, AT.replace(year=2025)), PointLot("L2", "M2", "bonus", 30, AT.replace(year=2025)))
    ctx = CheckoutContext(store=STORE, at=AT, member=MEMBER, lots=lots, point_types=TYPES, earn_rules=RULES)
    basket = Basket((BasketLine(1, "Latte", 100, 1, "LATTE", "coffee"), BasketLine(2, "Cake", 23, 1)))
    p = preview_checkout(ctx, basket, [], {"bonus": 60})
    assert p.points_spent == {"bonus": 60} and len(p.burns) == 2
    # 123 - 3 = 120 paid: standard 12, latte week 8, diamond 2
    assert sorted((e.rule_id, e.points) for e in p.earns) == [("diamond", 2), ("latte-week", 8), ("standard", 12)]
    assert p.points_earned == {"bonus": 20, "diamond": 2}
    assert p.balances_after == {"bonus": 70 - 60 + 20, "diamond": 2}
    plan = plan_settlement(checkout_id="c1", ctx=ctx, basket=basket, preview=p, cashier_id="C01", terminal_id="T1")
    assert plan.points_earned == p.points_earned and plan.points_spent == p.points_spent
    assert len(plan.earned) == 3 and len({e.lot_id for e in plan.earned}) == 3  # one lot per rule, none overwritten
    assert points_by_type(LotBurn(e["lot_id"], e["point_type"], e["points"]) for e in plan.payload["earns"]) == {"bonus": 20, "diamond": 2}
