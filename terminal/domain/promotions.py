"""Automatic promotions: discounts the basket or the member triggers with no code (pure).

    applicable(promotions, store=, member=, at=) -> list[Promotion]   in the order they are tried
    apply_promotions(basket, promotions, rem, free_units, unit, store=, member=, at=) -> tuple[PromotionUse, ...]

Money is integer minor units. `at` is a UTC-aware datetime (a promotion's window is compared in
UTC; `valid_until` is exclusive). Nothing here reads a clock or raises for a basket: a promotion
that does not fit simply gives nothing.

Order of application (the one documented in docs/catalog.md, "Promotions"; the same on the
terminal and the server because both call this module):

1. Eligible promotions: inside their validity window, at a store of their brand / store scope,
   for a member of one of their tiers (a tier-scoped promotion needs a scanned member).
2. Combination: if an `exclusive` promotion gives anything, the one of highest priority (then
   smallest id) applies ALONE; check-catalog refuses two overlapping exclusive promotions of the
   same priority, so this choice is never arbitrary. Otherwise every `stackable` promotion
   applies, plus the ONE `best` promotion that, applied with them, takes most off in all (best for
   the customer; ties: higher priority, then smaller id; none if it would take less than the
   stackable ones alone).
3. Stages, each on what is still to pay after the stage before:
   a. `member_price` (tier prices): the unit price of a scoped product becomes the member price
      (the lowest when several apply);
   b. item promotions on units: `buy_x_get_y`, `cheapest_item`, `nth_item`. A unit is freed or
      reduced by one item promotion at most. Free or reduced units are the CHEAPEST eligible
      units not yet taken (ties: lower line id first), so "12 pens, buy 5
      get 1" frees the 2 cheapest pens; `nth_item` sorts eligible units dearest first and reduces
      every n-th one ("2nd item half price" reduces the cheaper of each pair);
   c. basket promotions: `percent_off` (tier discounts: "gold 5 % off drinks") and
      `spend_threshold` ("spend 3,000 in kitchen, 500 off"; the threshold is checked on what is
      still to pay on the scoped lines), split over the scoped lines in proportion to what each
      still costs (domain/allocation.py, exact).
   Within a stage: priority high to low, then id.
4. Then coupons (vouchers, then amount/percent off; checkout.py), then points, then earn rules on
   what the member actually pays. Minimum spends of coupons are checked after promotions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from .allocation import split_proportionally
from .models import Basket, BasketLine, Member, Store


class PromotionKind(str, Enum):
    MEMBER_PRICE = "member_price"  # tier price: scoped products cost `price` per unit for the tiers
    BUY_X_GET_Y = "buy_x_get_y"  # per `buy` eligible units, `get` units free (rewards or the same scope)
    CHEAPEST_ITEM = "cheapest_item"  # `percent` off the cheapest eligible unit, with at least `min_units`
    NTH_ITEM = "nth_item"  # `percent` off every `nth` eligible unit, dearest first
    PERCENT_OFF = "percent_off"  # `percent` off the scoped lines (tier discount), at most `max_discount`
    SPEND_THRESHOLD = "spend_threshold"  # scoped amount >= `threshold` -> `amount` off (`repeat`: per threshold)


class Combine(str, Enum):
    EXCLUSIVE = "exclusive"
    STACKABLE = "stackable"
    BEST = "best"


_STAGE = {PromotionKind.MEMBER_PRICE: 0, PromotionKind.BUY_X_GET_Y: 1, PromotionKind.CHEAPEST_ITEM: 1,
          PromotionKind.NTH_ITEM: 1, PromotionKind.PERCENT_OFF: 2, PromotionKind.SPEND_THRESHOLD: 2}


@dataclass(frozen=True, slots=True)
class Promotion:
    """One automatic promotion. Empty scope sets mean "any". Money in minor units."""

    id: str
    name: str
    kind: PromotionKind
    combine: Combine = Combine.STACKABLE
    priority: int = 0
    products: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    brands: frozenset[str] = frozenset()
    stores: frozenset[str] = frozenset()
    tiers: frozenset[str] = frozenset()
    valid_from: datetime | None = None
    valid_until: datetime | None = None  # exclusive
    buy: int = 0
    get: int = 0
    reward_products: frozenset[str] = frozenset()
    reward_categories: frozenset[str] = frozenset()
    nth: int = 0
    min_units: int = 1
    percent: int = 0
    max_discount: int | None = None
    price: int = 0
    threshold: int = 0
    amount: int = 0
    repeat: bool = False

    @property
    def stage(self) -> int:
        return _STAGE[self.kind]

    def in_scope(self, ln: BasketLine) -> bool:
        if ln.points_price is not None:
            return False
        if not (self.products or self.categories):
            return True
        return ln.sku in self.products or (ln.category_id is not None and ln.category_id in self.categories)

    def is_reward(self, ln: BasketLine) -> bool:
        if not (self.reward_products or self.reward_categories):
            return self.in_scope(ln)
        return ln.points_price is None and (
            ln.sku in self.reward_products or (ln.category_id is not None and ln.category_id in self.reward_categories))


@dataclass(frozen=True, slots=True)
class PromotionUse:
    """What one promotion took off: `lines` = ((line_id, discount), ...), `units` freed or reduced."""

    promotion_id: str
    name: str
    kind: str
    discount: int
    lines: tuple[tuple[int, int], ...]
    units: int = 0

    def to_dict(self) -> dict:
        return {"promotion_id": self.promotion_id, "kind": self.kind, "discount": self.discount,
                "lines": [list(x) for x in self.lines], "units": self.units}


def applicable(promotions: tuple[Promotion, ...] | list[Promotion], *, store: Store, member: Member | None,
               at: datetime) -> list[Promotion]:
    """Promotions valid at `at` (UTC-aware), at `store`, for `member` (None: no tier-scoped one)."""
    out = []
    for p in promotions:
        if p.valid_from is not None and at < p.valid_from:
            continue
        if p.valid_until is not None and at >= p.valid_until:
            continue
        if p.brands and store.brand_id not in p.brands:
            continue
        if p.stores and store.id not in p.stores:
            continue
        if p.tiers and (member is None or member.tier_id not in p.tiers):
            continue
        out.append(p)
    return sorted(out, key=lambda p: (p.stage, -p.priority, p.id))


class _State:
    def __init__(self, basket: Basket, rem: dict[int, int], free_units: dict[int, int], unit: dict[int, int]) -> None:
        self.lines = [ln for ln in basket.lines if ln.points_price is None]
        self.rem, self.free_units, self.unit = dict(rem), dict(free_units), dict(unit)
        self.taken = dict(free_units)  # units an item promotion already freed or reduced: not taken twice

    def copy(self) -> "_State":
        s = object.__new__(_State)
        s.lines, s.rem, s.free_units, s.unit = self.lines, dict(self.rem), dict(self.free_units), dict(self.unit)
        s.taken = dict(self.taken)
        return s


def _units(state: _State, pick) -> list[tuple[int, int]]:
    """Every unit of the lines `pick` accepts that no item promotion took yet: (effective unit price, line id)."""
    return [(state.unit[ln.line_id], ln.line_id) for ln in state.lines if pick(ln)
            for _ in range(ln.quantity - state.taken[ln.line_id])]


def _take_units(state: _State, chosen: list[tuple[int, int]], percent: int, free: bool) -> dict[int, int]:
    per_line: dict[int, int] = {}
    for price, lid in chosen:
        d = min(price * percent // 100, state.rem[lid])
        if d <= 0:
            continue
        state.rem[lid] -= d
        state.taken[lid] += 1
        if free:
            state.free_units[lid] += 1
        per_line[lid] = per_line.get(lid, 0) + d
    return per_line


def _apply_one(state: _State, p: Promotion) -> tuple[dict[int, int], int]:
    """Apply `p` to `state` in place: ({line_id: discount}, units)."""
    k = p.kind
    if k == PromotionKind.MEMBER_PRICE:
        per_line = {}
        for ln in state.lines:
            if p.in_scope(ln) and state.unit[ln.line_id] > p.price and state.free_units[ln.line_id] == 0:
                cut = (state.unit[ln.line_id] - p.price) * ln.quantity
                cut = min(cut, state.rem[ln.line_id])
                state.unit[ln.line_id] = p.price
                state.rem[ln.line_id] -= cut
                per_line[ln.line_id] = cut
        return per_line, sum(ln.quantity for ln in state.lines if ln.line_id in per_line)
    if k == PromotionKind.BUY_X_GET_Y:
        same = not (p.reward_products or p.reward_categories)
        cond = _units(state, p.in_scope)
        if same:
            n_free = len(cond) // (p.buy + p.get) * p.get
        else:
            n_free = len(cond) // p.buy * p.get
        rewards = sorted(_units(state, p.is_reward))[:n_free]
        return _take_units(state, rewards, 100, True), len(rewards)
    if k == PromotionKind.CHEAPEST_ITEM:
        units = sorted(_units(state, p.in_scope))
        if len(units) < max(p.min_units, 1):
            return {}, 0
        return _take_units(state, units[:1], p.percent, p.percent >= 100), 1
    if k == PromotionKind.NTH_ITEM:
        units = sorted(_units(state, p.in_scope), key=lambda u: (-u[0], u[1]))
        chosen = units[p.nth - 1::p.nth]
        return _take_units(state, chosen, p.percent, p.percent >= 100), len(chosen)
    # basket stage
    weights = {ln.line_id: state.rem[ln.line_id] for ln in state.lines if p.in_scope(ln)}
    subtotal = sum(weights.values())
    if subtotal <= 0:
        return {}, 0
    if k == PromotionKind.PERCENT_OFF:
        disc = subtotal * p.percent // 100
        if p.max_discount is not None:
            disc = min(disc, p.max_discount)
    else:  # SPEND_THRESHOLD
        if subtotal < p.threshold:
            return {}, 0
        times = subtotal // p.threshold if p.repeat else 1
        disc = min(p.amount * times, subtotal)
    if disc <= 0:
        return {}, 0
    parts = split_proportionally(disc, weights)
    for lid, d in parts.items():
        state.rem[lid] -= d
    return {lid: d for lid, d in parts.items() if d}, 0


def _run(state: _State, promos: list[Promotion]) -> list[PromotionUse]:
    uses = []
    for p in sorted(promos, key=lambda p: (p.stage, -p.priority, p.id)):
        per_line, units = _apply_one(state, p)
        disc = sum(per_line.values())
        if disc > 0:
            uses.append(PromotionUse(p.id, p.name, p.kind.value, disc, tuple(sorted(per_line.items())), units))
    return uses


def apply_promotions(basket: Basket, promotions: tuple[Promotion, ...] | list[Promotion], rem: dict[int, int],
                     free_units: dict[int, int], unit: dict[int, int], *, store: Store, member: Member | None,
                     at: datetime) -> tuple[PromotionUse, ...]:
    """Apply the automatic promotions (order in the module docstring). `rem` (what is left to pay per
    line), `free_units` (units freed per line) and `unit` (effective unit price per line) are updated
    in place; returns the uses, each with its exact per-line split (sums equal the discount)."""
    lines = [ln for ln in basket.lines if ln.points_price is None]
    # a promotion none of whose scoped products is in the basket gives nothing: skipped at once
    live = [p for p in applicable(promotions, store=store, member=member, at=at)
            if any(p.in_scope(ln) for ln in lines) and (p.kind != PromotionKind.BUY_X_GET_Y or any(p.is_reward(ln) for ln in lines))]
    if not live:
        return ()
    base = _State(basket, rem, free_units, unit)
    chosen: tuple[_State, list[PromotionUse]] | None = None
    for p in sorted((p for p in live if p.combine == Combine.EXCLUSIVE), key=lambda p: (-p.priority, p.id)):
        s = base.copy()
        uses = _run(s, [p])
        if uses:
            chosen = (s, uses)
            break
    if chosen is None:
        stack = [p for p in live if p.combine == Combine.STACKABLE]
        s = base.copy()
        uses = _run(s, stack)
        best: tuple[int, int, str, _State, list[PromotionUse]] | None = None
        last_stage = max((q.stage for q in stack), default=-1)
        for p in (p for p in live if p.combine == Combine.BEST):
            if p.stage >= last_stage:  # applies after every stackable one: start from their result
                trial = s.copy()
                trial_uses = uses + _run(trial, [p])
            else:
                trial = base.copy()
                trial_uses = _run(trial, stack + [p])
            total = sum(u.discount for u in trial_uses)
            key = (total, p.priority, p.id)
            if best is None or (key[0], key[1]) > (best[0], best[1]) or ((key[0], key[1]) == (best[0], best[1]) and p.id < best[2]):
                best = (total, p.priority, p.id, trial, trial_uses)
        if best is not None and best[0] > sum(u.discount for u in uses):
            s, uses = best[3], best[4]
        chosen = (s, uses)
    s, uses = chosen
    rem.update(s.rem)
    free_units.update(s.free_units)
    unit.update(s.unit)
    return tuple(uses)
