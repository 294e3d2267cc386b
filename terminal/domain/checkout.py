"""Checkout preview: basket + member + coupons + points in, final price and reasons out.

Order of application (documented in docs/catalog.md):
0. Automatic promotions (member prices, item promotions, basket promotions; promotions.py)
   on the gross basket; everything below works on what they leave to pay.
1. Every coupon is checked on its own (validity, store, member, uses) in scan order, then
   for stacking against the coupons accepted before it.
2. Vouchers (product, stored, bundle children) free their items first, most expensive
   eligible unit first, each unit costing at most the voucher's price cap.
3. Amount-off and percent-off coupons, in scan order, on what is still to pay on their
   eligible lines; minimum spend is checked on that amount.
4. Points as a discount on what is left (points-plus-cash lines pay their points apart).
5. Earn rules on what the member actually pays (see earn.py).
A shared promo code (template `shared`) is refused when its cap of uses or its budget is spent
(validity.py: CAP_REACHED, BUDGET_SPENT); its last use gives at most what is left of the budget.
A coupon refused for its basket fit never blocks another coupon's stacking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .allocation import split_proportionally
from .burn import LotBurn, allocate, balance, discount_for, max_discount_points
from .earn import EarnResult, compute_earn
from .figures import balances_after as sum_balances
from .figures import points_by_type
from .promotions import PromotionUse, apply_promotions
from .models import Basket, BasketLine, CheckoutContext, CouponClaim, CouponInstance, CouponKind, CouponTemplate
from .reasons import CheckoutError, CodeError, DomainError, Reason
from .ownership import ownership
from .validity import check_coupon

MAX_LINES = 200
MAX_COUPONS = 20
MAX_QUANTITY = 999
MAX_UNIT_PRICE = 10_000_000


@dataclass(frozen=True, slots=True)
class RefusedClaim:
    """A scanned code that failed before it became a claim (parse, signature, lookup)."""

    scanned: str
    error: DomainError


@dataclass(frozen=True, slots=True)
class CouponUse:
    code: str
    template_id: str
    kind: str
    uses: int
    discount: int
    partner: str | None
    in_replica: bool
    parent_code: str | None = None
    lines: tuple[tuple[int, int], ...] = ()  # (line_id, discount share)


@dataclass(frozen=True, slots=True)
class CouponVerdict:
    scanned: str
    ok: bool
    message: str
    reason: Reason | None = None
    code: str | None = None
    template_id: str | None = None
    template_name: str | None = None
    kind: str | None = None
    uses: int = 0
    discount: int = 0
    applications: tuple[CouponUse, ...] = ()
    details: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PointsVerdict:
    point_type: str
    requested: int
    ok: bool
    message: str
    value: int = 0
    reason: Reason | None = None
    purpose: str = "discount"  # "discount" | "item"


@dataclass(frozen=True, slots=True)
class Explanation:
    kind: str  # coupon | coupon_refused | points | points_refused | earn | item_points
    text: str
    amount: int = 0  # money change (negative = discount)
    points: int = 0  # points change (negative = spent)
    ref: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class CheckoutPreview:
    gross: int
    coupon_discount: int
    points_discount: int
    total: int
    coupon_verdicts: tuple[CouponVerdict, ...]
    points_verdicts: tuple[PointsVerdict, ...]
    burns: tuple[LotBurn, ...]
    earns: tuple[EarnResult, ...]
    explanation: tuple[Explanation, ...]
    line_net: dict[int, int]
    balances_before: dict[str, int]
    balances_after: dict[str, int]
    max_points: dict[str, int]
    # per point type, summed over every earning rule / every lot (figures.points_by_type)
    points_earned: dict[str, int] = field(default_factory=dict)
    points_spent: dict[str, int] = field(default_factory=dict)
    # automatic promotions (promotions.py), applied before the coupons
    promotion_discount: int = 0
    promotion_uses: tuple[PromotionUse, ...] = ()

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.coupon_verdicts) and all(v.ok for v in self.points_verdicts)

    @property
    def coupon_uses(self) -> tuple[CouponUse, ...]:
        return tuple(a for v in self.coupon_verdicts if v.ok for a in v.applications)

    @property
    def refusals(self) -> list[str]:
        return [v.message for v in self.coupon_verdicts if not v.ok] + [v.message for v in self.points_verdicts if not v.ok]


def validate_basket(basket: Basket) -> None:
    if not basket.lines:
        raise CheckoutError(Reason.INVALID_BASKET, "The basket is empty.")
    if len(basket.lines) > MAX_LINES:
        raise CheckoutError(Reason.INVALID_BASKET, f"Too many basket lines ({len(basket.lines)} > {MAX_LINES}).")
    seen = set()
    for ln in basket.lines:
        if ln.line_id in seen:
            raise CheckoutError(Reason.INVALID_BASKET, f"Basket line id {ln.line_id} appears twice.")
        seen.add(ln.line_id)
        if not (1 <= ln.quantity <= MAX_QUANTITY):
            raise CheckoutError(Reason.INVALID_BASKET, f"Line {ln.line_id} ({ln.name}): quantity must be 1..{MAX_QUANTITY}.")
        if not (0 <= ln.unit_price <= MAX_UNIT_PRICE):
            raise CheckoutError(Reason.INVALID_BASKET, f"Line {ln.line_id} ({ln.name}): price must be 0..{MAX_UNIT_PRICE}.")


class _Basket:
    """Mutable running state: what is left to pay per line, units already freed."""

    def __init__(self, basket: Basket) -> None:
        self.basket = basket
        self.rem = {ln.line_id: ln.gross for ln in basket.lines}
        self.free_units = {ln.line_id: 0 for ln in basket.lines}
        self.unit = {ln.line_id: ln.unit_price for ln in basket.lines}  # after member prices

    def money_lines(self) -> list[BasketLine]:
        return [ln for ln in self.basket.lines if ln.points_price is None]

    def scoped(self, tpl: CouponTemplate) -> list[BasketLine]:
        lines = self.money_lines()
        if not tpl.has_product_scope:
            return lines
        return [ln for ln in lines if (ln.sku in tpl.products) or (ln.category_id is not None and ln.category_id in tpl.categories)]


def _free_units(state: _Basket, tpl: CouponTemplate, units: int) -> list[tuple[int, int]] | None:
    """Pick `units` eligible units, dearest first. None if there are not enough."""
    candidates = sorted(state.scoped(tpl), key=lambda ln: (-state.unit[ln.line_id], ln.line_id))
    picks: list[tuple[int, int]] = []
    need = units
    for ln in candidates:
        avail = ln.quantity - state.free_units[ln.line_id]
        while avail > 0 and need > 0:
            price = state.unit[ln.line_id]
            disc = price if tpl.price_cap is None else min(price, tpl.price_cap)
            disc = min(disc, state.rem[ln.line_id] - sum(d for lid, d in picks if lid == ln.line_id))
            picks.append((ln.line_id, disc))
            avail -= 1
            need -= 1
    if need:
        return None
    return picks


def _apply_voucher(state: _Basket, inst: CouponInstance, tpl: CouponTemplate, uses: int, parent: str | None) -> CouponUse:
    picks = _free_units(state, tpl, uses)
    if picks is None:
        have = sum(ln.quantity - state.free_units[ln.line_id] for ln in state.scoped(tpl))
        raise CodeError(
            Reason.NO_ELIGIBLE_ITEM,
            f"{tpl.name}: needs {uses} eligible item(s) in the basket, found {have}.",
            needed=uses,
            found=have,
        )
    per_line: dict[int, int] = {}
    for lid, disc in picks:
        state.free_units[lid] += 1
        state.rem[lid] -= disc
        per_line[lid] = per_line.get(lid, 0) + disc
    total = sum(per_line.values())
    return CouponUse(inst.code, tpl.id, tpl.kind.value, uses, total, tpl.partner, inst.in_replica, parent, tuple(sorted(per_line.items())))


def _apply_discount(state: _Basket, inst: CouponInstance, tpl: CouponTemplate) -> CouponUse:
    lines = state.scoped(tpl)
    if not lines:
        raise CodeError(Reason.NO_ELIGIBLE_ITEM, f"{tpl.name}: no eligible item in the basket.")
    subtotal = sum(state.rem[ln.line_id] for ln in lines)
    if subtotal < tpl.min_spend:
        short = tpl.min_spend - subtotal
        raise CodeError(
            Reason.MIN_SPEND_NOT_MET,
            f"{tpl.name}: minimum spend {tpl.min_spend}, eligible amount {subtotal}; {short} short.",
            min_spend=tpl.min_spend,
            eligible=subtotal,
            shortfall=short,
        )
    if subtotal == 0:
        raise CodeError(Reason.NOTHING_LEFT_TO_DISCOUNT, f"{tpl.name}: nothing left to discount.")
    if tpl.kind == CouponKind.AMOUNT_OFF:
        disc = min(tpl.amount, subtotal)
    else:
        disc = subtotal * tpl.percent // 100
        if tpl.max_discount is not None:
            disc = min(disc, tpl.max_discount)
    if tpl.shared and tpl.shared_budget is not None:
        # a shared promo code's last use gives what is left of the campaign budget, never more
        disc = min(disc, max(tpl.shared_budget - inst.discount_given, 0))
    if tpl.shared and inst.campaign is not None and inst.campaign.budget_left is not None:
        disc = min(disc, inst.campaign.budget_left)  # the campaign's budget over all its codes (domain/promo_campaign.py)
    parts = split_proportionally(disc, {ln.line_id: state.rem[ln.line_id] for ln in lines})
    for lid, d in parts.items():
        state.rem[lid] -= d
    return CouponUse(
        inst.code, tpl.id, tpl.kind.value, 1, disc, tpl.partner, inst.in_replica, None, tuple(sorted((k, v) for k, v in parts.items() if v))
    )


def _stacking_conflict(tpl: CouponTemplate, accepted: list[tuple[str, CouponTemplate]]) -> CodeError | None:
    """The NOT_COMBINABLE refusal of `tpl` against the coupons accepted so far (details: `with_name`,
    the coupon it clashes with; `exclusive` when one of them must be used alone), or None."""
    for code, other in accepted:
        s, o = tpl.stacking, other.stacking
        if s.exclusive or o.exclusive:
            return CodeError(Reason.NOT_COMBINABLE, f"{tpl.name} cannot be combined with {other.name} (one of them must be "
                             "used alone).", with_name=other.name, with_code=code, exclusive=True)
        if s.group is not None and s.group == o.group:
            return CodeError(Reason.NOT_COMBINABLE, f"{tpl.name} cannot be combined with {other.name}: only one '{s.group}' "
                             "coupon per checkout.", with_name=other.name, with_code=code, exclusive=False)
        if (o.group is not None and o.group in s.not_with) or (s.group is not None and s.group in o.not_with):
            return CodeError(Reason.NOT_COMBINABLE, f"{tpl.name} cannot be combined with {other.name}.",
                             with_name=other.name, with_code=code, exclusive=False)
    return None


def _verdict_fail(claim: CouponClaim, err: DomainError) -> CouponVerdict:
    return CouponVerdict(
        claim.scanned, False, err.message, err.reason, claim.instance.code, claim.template.id, claim.template.name,
        claim.template.kind.value, claim.uses, 0, (), dict(err.details),
    )


def preview_checkout(
    ctx: CheckoutContext,
    basket: Basket,
    claims: list[CouponClaim | RefusedClaim],
    points_to_use: dict[str, int] | None = None,
) -> CheckoutPreview:
    validate_basket(basket)
    if len(claims) > MAX_COUPONS:
        raise CheckoutError(Reason.INVALID_BASKET, f"Too many coupons in one checkout ({len(claims)} > {MAX_COUPONS}).")
    basket_misfits: set[int] = set()
    # A coupon refused for its basket fit must not block another's stacking: retry without it.
    for _ in range(len(claims) + 1):
        result, new_misfits = _evaluate(ctx, basket, claims, points_to_use or {}, basket_misfits)
        if new_misfits <= basket_misfits:
            return result
        basket_misfits |= new_misfits
    return result


def _evaluate(
    ctx: CheckoutContext,
    basket: Basket,
    claims: list[CouponClaim | RefusedClaim],
    points_to_use: dict[str, int],
    known_misfits: set[int],
) -> tuple[CheckoutPreview, set[int]]:
    state = _Basket(basket)
    promotion_uses = apply_promotions(basket, ctx.promotions, state.rem, state.free_units, state.unit, store=ctx.store,
                                      member=ctx.member, at=ctx.at) if ctx.promotions else ()
    verdicts: dict[int, CouponVerdict] = {}
    accepted: list[tuple[int, CouponClaim]] = []
    seen_codes: set[str] = set()
    stack_seen: list[tuple[str, CouponTemplate]] = []
    # uses of each template by the coupons accepted so far in this checkout: a per-member limit
    # counts them too ("1 per member per day" is one use, not one per coupon of the checkout)
    in_checkout: dict[str, tuple[datetime, ...]] = {}
    for i, claim in enumerate(claims):
        if isinstance(claim, RefusedClaim):
            verdicts[i] = CouponVerdict(claim.scanned, False, claim.error.message, claim.error.reason, details=dict(claim.error.details))
            continue
        code = claim.instance.code
        if code in seen_codes:
            verdicts[i] = _verdict_fail(claim, CodeError(Reason.ALREADY_IN_CHECKOUT, f"{claim.template.name} is already in this checkout."))
            continue
        seen_codes.add(code)
        try:
            check_coupon(
                claim.instance, claim.template, store=ctx.store, member=ctx.member, at=ctx.at, uses=claim.uses,
                history=ctx.history_by_template.get(claim.template.id, ()) + in_checkout.get(claim.template.id, ()),
                owner=claim.owner,
                prior_purchases=ctx.prior_purchases,
            )
        except DomainError as err:
            verdicts[i] = _verdict_fail(claim, err)
            continue
        if i not in known_misfits:
            conflict = _stacking_conflict(claim.template, stack_seen)
            if conflict is not None:
                verdicts[i] = _verdict_fail(claim, conflict)
                continue
            stack_seen.append((code, claim.template))
        accepted.append((i, claim))
        in_checkout[claim.template.id] = in_checkout.get(claim.template.id, ()) + (ctx.at,) * claim.uses

    # A known misfit is evaluated again without holding a stacking slot: applying more
    # coupons only leaves less to pay, so it cannot start to fit in this round.
    misfits: set[int] = set()
    # vouchers first, then discounts, each in scan order
    ordered = [ac for ac in accepted if ac[1].template.kind != CouponKind.AMOUNT_OFF and ac[1].template.kind != CouponKind.PERCENT_OFF]
    ordered += [ac for ac in accepted if ac not in ordered]
    for i, claim in ordered:
        tpl, inst = claim.template, claim.instance
        try:
            if tpl.kind == CouponKind.BUNDLE:
                uses = _apply_bundle(state, claim, ctx)
            elif tpl.is_voucher:
                uses = (_apply_voucher(state, inst, tpl, claim.uses, None),)
            else:
                uses = (_apply_discount(state, inst, tpl),)
        except DomainError as err:
            verdicts[i] = _verdict_fail(claim, err)
            misfits.add(i)
            continue
        disc = sum(u.discount for u in uses)
        verdicts[i] = CouponVerdict(
            claim.scanned, True, f"{tpl.name}: -{disc}", None, inst.code, tpl.id, tpl.name, tpl.kind.value,
            sum(u.uses for u in uses), disc, uses,
        )
    coupon_verdicts = tuple(verdicts[i] for i in range(len(claims)))
    coupon_discount = sum(v.discount for v in coupon_verdicts if v.ok)

    # points
    points_verdicts: list[PointsVerdict] = []
    burns: list[LotBurn] = []
    balances_before = {pt: balance(ctx.lots, pt, ctx.at) for pt in ctx.point_types}
    item_points: dict[str, int] = {}
    for ln in basket.lines:
        if ln.points_price is not None:
            item_points[ln.points_price.point_type] = item_points.get(ln.points_price.point_type, 0) + ln.points_price.points * ln.quantity
    points_discount = 0
    max_points: dict[str, int] = {}
    payable = sum(state.rem[ln.line_id] for ln in state.money_lines())
    for pt_id in sorted(set(item_points) | set(points_to_use) | set(ctx.point_types)):
        pt = ctx.point_types.get(pt_id)
        want_item = item_points.get(pt_id, 0)
        want_disc = points_to_use.get(pt_id, 0)
        if pt is None:
            if want_item or want_disc:
                points_verdicts.append(PointsVerdict(pt_id, want_item + want_disc, False, f"Unknown point type {pt_id!r}.", 0, Reason.UNKNOWN_POINT_TYPE))
            continue
        usable = balances_before.get(pt_id, 0)
        if (want_item or want_disc) and ctx.member is None:
            points_verdicts.append(PointsVerdict(pt_id, want_item + want_disc, False, "Scan the member card to use points.", 0, Reason.MEMBER_REQUIRED))
            continue
        if want_item:
            if want_item > usable:
                points_verdicts.append(
                    PointsVerdict(pt_id, want_item, False, f"Points-plus-cash items need {want_item} {pt.name}, {usable} usable.", 0, Reason.INSUFFICIENT_POINTS, "item")
                )
                want_item = 0
            else:
                points_verdicts.append(PointsVerdict(pt_id, want_item, True, f"{want_item} {pt.name} for points-plus-cash items", 0, None, "item"))
        remaining_usable = usable - want_item
        max_points[pt_id] = max_discount_points(pt, remaining_usable, payable) if ctx.member is not None else 0
        disc_points = 0
        if want_disc:
            try:
                value = discount_for(pt, want_disc, remaining_usable, payable)
            except DomainError as err:
                points_verdicts.append(PointsVerdict(pt_id, want_disc, False, err.message, 0, err.reason))
            else:
                points_verdicts.append(PointsVerdict(pt_id, want_disc, True, f"{want_disc} {pt.name} = -{value}", value))
                parts = split_proportionally(value, {ln.line_id: state.rem[ln.line_id] for ln in state.money_lines()})
                for lid, d in parts.items():
                    state.rem[lid] -= d
                payable -= value
                points_discount += value
                disc_points = want_disc
        if want_item + disc_points:
            burns.extend(allocate(ctx.lots, pt_id, want_item + disc_points, ctx.at))

    paid_units = {ln.line_id: ln.quantity - state.free_units[ln.line_id] for ln in basket.lines}
    earns = compute_earn(
        ctx.earn_rules, basket=basket, line_net=dict(state.rem), paid_units=paid_units, member=ctx.member, store=ctx.store, at=ctx.at
    )
    points_earned, points_spent = points_by_type(earns), points_by_type(burns)
    balances_after = sum_balances(balances_before, points_earned, points_spent)

    explanation: list[Explanation] = [
        Explanation("promotion", f"{u.name}: -{u.discount}", -u.discount, 0, u.promotion_id) for u in promotion_uses]
    for v in coupon_verdicts:
        if v.ok:
            explanation.append(Explanation("coupon", v.message, -v.discount, 0, v.code))
        else:
            explanation.append(Explanation("coupon_refused", v.message, 0, 0, v.code or v.scanned, v.reason.value if v.reason else None))
    for pv in points_verdicts:
        kind = ("item_points" if pv.purpose == "item" else "points") if pv.ok else "points_refused"
        explanation.append(Explanation(kind, pv.message, -pv.value, -pv.requested if pv.ok else 0, pv.point_type, pv.reason.value if pv.reason else None))
    for e in earns:
        explanation.append(Explanation("earn", e.explanation, 0, e.points, e.rule_id))

    total = sum(state.rem.values())
    preview = CheckoutPreview(
        gross=basket.gross,
        coupon_discount=coupon_discount,
        points_discount=points_discount,
        total=total,
        coupon_verdicts=coupon_verdicts,
        points_verdicts=tuple(points_verdicts),
        burns=tuple(burns),
        earns=earns,
        explanation=tuple(explanation),
        line_net=dict(state.rem),
        balances_before=balances_before,
        balances_after=balances_after,
        max_points=max_points,
        points_earned=points_earned,
        points_spent=points_spent,
        promotion_discount=sum(u.discount for u in promotion_uses),
        promotion_uses=promotion_uses,
    )
    return preview, misfits


def _apply_bundle(state: _Basket, claim: CouponClaim, ctx: CheckoutContext) -> tuple[CouponUse, ...]:
    """Each usable child voucher frees one eligible item if the basket has one."""
    uses: list[CouponUse] = []
    bundle = (claim.instance.code, claim.owner or ownership(claim.instance, claim.template))
    for child, ctpl in claim.children:
        try:
            check_coupon(child, ctpl, store=ctx.store, member=ctx.member, at=ctx.at, owner=ownership(child, ctpl, bundle),
                         prior_purchases=ctx.prior_purchases)
        except DomainError:
            continue
        left = child.remaining_uses
        while left > 0:
            try:
                uses.append(_apply_voucher(state, child, ctpl, 1, claim.instance.code))
            except DomainError:
                break
            left -= 1
    if not uses:
        raise CodeError(Reason.NO_ELIGIBLE_ITEM, f"{claim.template.name}: no voucher in this bundle fits the basket.")
    merged: dict[str, CouponUse] = {}
    for u in uses:
        if u.code in merged:
            m = merged[u.code]
            lines = dict(m.lines)
            for lid, d in u.lines:
                lines[lid] = lines.get(lid, 0) + d
            merged[u.code] = CouponUse(m.code, m.template_id, m.kind, m.uses + u.uses, m.discount + u.discount, m.partner, m.in_replica, m.parent_code, tuple(sorted(lines.items())))
        else:
            merged[u.code] = u
    return tuple(merged.values())
