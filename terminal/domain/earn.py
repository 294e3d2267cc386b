"""Points earned by a checkout.

How rules combine (documented in docs/catalog.md, tested in tests/domain):
1. A rule applies when the member is known, its scope matches (brand of the store, store,
   member tier, payment method) and the checkout time is inside its validity window.
2. A rule's base is what the member actually pays: line amounts after coupon and points
   discounts; points-plus-cash lines never earn. PER_SPEND counts every paid line,
   PER_PRODUCT_AMOUNT only the scoped products/categories, PER_QUANTITY the paid units of
   them (units made free by a voucher do not count).
3. points = floor(base / every) * points * multiplier. Of several multipliers that match
   the day (member day, weekday, birthday month), the LARGEST applies; they never compound.
4. Rules sharing (point type, group) compete: only the one giving the most points applies
   (ties: higher priority, then rule id). Different groups add up. So a gold-tier or a
   new-store rule in group "base" replaces the base rate, and a product bonus in group
   "product" is earned on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .clock import in_window, local
from .models import Basket, EarnKind, EarnRule, Member, Multiplier, MultiplierKind, Store


@dataclass(frozen=True, slots=True)
class EarnResult:
    rule_id: str
    rule_name: str
    point_type: str
    base: int  # money or units counted
    blocks: int  # floor(base / every)
    multiplier: int
    points: int
    explanation: str  # English, for the CLI and the logs; a window words the fields below itself
    multiplier_kind: str | None = None  # MultiplierKind value of the multiplier that applied (day_of_month, weekday, birthday_month)
    every: int = 0  # the rule's block: money (minor units) or units per `per_block` points
    per_block: int = 0  # points per block, before the multiplier
    counts_units: bool = False  # PER_QUANTITY: `base` and `every` are units, not money


def applicable_multiplier(rule: EarnRule, member: Member, store: Store, at: datetime) -> tuple[int, Multiplier | None]:
    here = local(at, store.timezone)
    best: tuple[int, Multiplier | None] = (1, None)
    for m in rule.multipliers:
        hit = (
            (m.kind == MultiplierKind.DAY_OF_MONTH and here.day in m.days)
            or (m.kind == MultiplierKind.WEEKDAY and here.isoweekday() in m.weekdays)
            or (m.kind == MultiplierKind.BIRTHDAY_MONTH and member.birth_month is not None and member.birth_month == here.month)
        )
        if hit and m.factor > best[0]:
            best = (m.factor, m)
    return best


def rule_applies(rule: EarnRule, *, store: Store, member: Member, payment_method: str, at: datetime) -> bool:
    s = rule.scope
    return (
        (not s.brands or store.brand_id in s.brands)
        and (not s.stores or store.id in s.stores)
        and (not s.tiers or member.tier_id in s.tiers)
        and (not s.payment_methods or payment_method in s.payment_methods)
        and in_window(at, rule.valid_from, rule.valid_until)
    )


def _line_matches(rule: EarnRule, sku: str | None, category: str | None) -> bool:
    return (sku is not None and sku in rule.products) or (category is not None and category in rule.categories)


def compute_rule(
    rule: EarnRule,
    *,
    basket: Basket,
    line_net: dict[int, int],
    paid_units: dict[int, int],
    member: Member,
    store: Store,
    at: datetime,
) -> EarnResult:
    earning_lines = [ln for ln in basket.lines if ln.points_price is None]
    if rule.kind == EarnKind.PER_SPEND:
        base = sum(line_net[ln.line_id] for ln in earning_lines)
        unit = ""
    elif rule.kind == EarnKind.PER_PRODUCT_AMOUNT:
        base = sum(line_net[ln.line_id] for ln in earning_lines if _line_matches(rule, ln.sku, ln.category_id))
        unit = ""
    else:
        base = sum(paid_units[ln.line_id] for ln in earning_lines if _line_matches(rule, ln.sku, ln.category_id))
        unit = " units"
    blocks = base // rule.every
    factor, mult = applicable_multiplier(rule, member, store, at)
    points = blocks * rule.points * factor
    text = f"{rule.name}: {base}{unit} -> {blocks} x {rule.points}"
    if factor > 1:
        text += f" x{factor} ({mult.kind.value if mult else ''})"
    text += f" = {points} {rule.point_type}"
    if blocks == 0:
        text += f" (needs {rule.every}{unit})"
    return EarnResult(rule.id, rule.name, rule.point_type, base, blocks, factor, points, text,
                      mult.kind.value if mult is not None and factor > 1 else None, rule.every, rule.points, bool(unit))


def compute_earn(
    rules: tuple[EarnRule, ...],
    *,
    basket: Basket,
    line_net: dict[int, int],
    paid_units: dict[int, int],
    member: Member | None,
    store: Store,
    at: datetime,
) -> tuple[EarnResult, ...]:
    """The winning rule of each (point type, group), in a stable order."""
    if member is None or member.status != "active":
        return ()
    candidates: dict[tuple[str, str], list[tuple[EarnResult, EarnRule]]] = {}
    for rule in rules:
        if not rule_applies(rule, store=store, member=member, payment_method=basket.payment_method, at=at):
            continue
        res = compute_rule(rule, basket=basket, line_net=line_net, paid_units=paid_units, member=member, store=store, at=at)
        candidates.setdefault((rule.point_type, rule.group), []).append((res, rule))
    return tuple(
        min(candidates[key], key=lambda rr: (-rr[0].points, -rr[1].priority, rr[1].id))[0] for key in sorted(candidates)
    )
