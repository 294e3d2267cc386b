"""Partial returns: what giving back some units of an earlier sale returns, exactly (pure).

The terminal (terminal/usecases/returns.py) and the server (sync.server.judge.judge_return) call
`plan_return` with the sale as each of them recorded it (`Sale`), the units of the earlier
returns of that sale in order, and this return's units; both get the same `ReturnPlan`.

Every figure is a cumulative function of the units returned so far (`returned`), so a sale
returned in any number of steps gives back exactly what one return of the same units gives, and
never more than was sold:

* **money** (`refund`): a line's net (after every discount: coupons and points) is spread over its
  units by cumulative floor: returning units up to `U` of `q` gives back `floor(net * U / q)`; the
  last unit takes the remainder, so a whole line gives back its net exactly. Money is integer
  minor units.
* **coupon conditions** (policy, docs/catalog.md "Returns"): an amount-off or percent-off coupon
  with a minimum spend that the kept items (their gross, within the coupon's scope) no longer meet
  loses the discount it gave on the kept items: that share is taken back from the refund
  (`coupon_takeback`); the coupon's use stays used (it is not restored). The refund is never
  negative: what the refund cannot cover is not charged (the cumulative refund is
  `max(0, returned net - takeback)`, and never goes down). Returning the rest later gives it back:
  a sale returned whole refunds exactly its net.
* **points earned** on the sale are taken back per earned lot in proportion to the returned share
  of the sale's net (`ceil(earned * returned net / net)`; by units when the net is 0): the whole
  sale returned takes back exactly what it earned.
* **points spent** are given back: a points-plus-cash item's points per unit returned, exactly;
  points spent as a discount in proportion (`floor(spent * returned net / net)`), onto the lots
  they came from, the last burnt first.
* **tenders** (`Sale.tenders`: each stored-value account or gift card the sale spent, as
  "value:<account_id>", then the payment method for the rest): each refund is split over what each
  tender has left to give back (`refund_by_tender`, replayed over the earlier returns as they were
  booked): a tender never gets back more than it paid, and the whole sale returned gives each
  exactly what it paid (40 of a 100 sale paid 40 by gift card and 60 cash: 16 to the card, 24 cash).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Mapping, Sequence

from .allocation import split_proportionally
from .models import CouponKind, CouponTemplate
from .reasons import CheckoutError, Reason

MAX_RETURN_LINES = 200


@dataclass(frozen=True, slots=True)
class SoldLine:
    """A line as recorded: `gross` and `net` (after coupons and points) in minor units;
    `item_points` points of `item_point_type` per unit when paid as points-plus-cash."""

    line_id: int
    quantity: int
    gross: int
    net: int
    sku: str | None = None
    category_id: str | None = None
    item_points: int = 0
    item_point_type: str | None = None


@dataclass(frozen=True, slots=True)
class SoldCoupon:
    """A coupon use as recorded: its discount and that discount per line (`lines`: (line_id, share),
    summing to `discount`); `template` None: not known (no condition is checked)."""

    code: str
    template_id: str
    discount: int
    lines: tuple[tuple[int, int], ...]
    template: CouponTemplate | None = None


@dataclass(frozen=True, slots=True)
class LotMove:
    lot_id: str
    point_type: str
    points: int  # > 0


@dataclass(frozen=True, slots=True)
class Sale:
    """What was recorded for one settlement. `settled_at`: aware, UTC or any zone. `tenders`:
    (tender, amount) paid; empty means one tender "cash" of the lines' total net."""

    checkout_id: str
    store_id: str
    member_id: str | None
    settled_at: datetime
    lines: tuple[SoldLine, ...]
    coupons: tuple[SoldCoupon, ...] = ()
    earned: tuple[LotMove, ...] = ()
    burnt: tuple[LotMove, ...] = ()
    tenders: tuple[tuple[str, int], ...] = ()

    @property
    def net(self) -> int:
        return sum(ln.net for ln in self.lines)


@dataclass(frozen=True, slots=True)
class Takeback:
    code: str
    template_id: str
    amount: int  # taken back from this refund (negative: given back, the rest of the sale returned)
    message: str


@dataclass(frozen=True, slots=True)
class ReturnPlan:
    """One return. Money in minor units, points in points; every figure is this return's alone.

    `coupons`: (code, template_id, discount delta) compensating coupon rows (uses unchanged);
    `points_clawed`: earned points taken back (debits); `points_returned`: spent points given back."""

    checkout_id: str
    units: tuple[tuple[int, int], ...]
    returned_net: int
    coupon_takeback: int
    refund: int
    takebacks: tuple[Takeback, ...]
    coupons: tuple[tuple[str, str, int], ...]
    points_clawed: tuple[LotMove, ...]
    points_returned: tuple[LotMove, ...]
    tenders: tuple[tuple[str, int], ...]

    @property
    def points_clawed_by_type(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.points_clawed:
            out[m.point_type] = out.get(m.point_type, 0) + m.points
        return out

    @property
    def points_returned_by_type(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.points_returned:
            out[m.point_type] = out.get(m.point_type, 0) + m.points
        return out


# ---- the cumulative figures after `returned` units ---------------------------------------------
def _share(sale: Sale, returned: Mapping[int, int]) -> tuple[int, int]:
    """(numerator, denominator) of the returned share of the sale: by net, by units when the net is 0."""
    n = sale.net
    if n > 0:
        return sum(ln.net * returned.get(ln.line_id, 0) // ln.quantity for ln in sale.lines), n
    return sum(returned.get(ln.line_id, 0) for ln in sale.lines), max(1, sum(ln.quantity for ln in sale.lines))


def _eligible(tpl: CouponTemplate, ln: SoldLine) -> bool:
    if ln.item_point_type is not None:
        return False
    return not tpl.has_product_scope or ln.sku in tpl.products or (ln.category_id is not None and ln.category_id in tpl.categories)


def _coupon_state(sale: Sale, c: SoldCoupon, returned: Mapping[int, int]) -> tuple[int, int, str | None]:
    """(discount share of the returned units, takeback on the kept units, why) for one coupon."""
    q = {ln.line_id: ln for ln in sale.lines}
    on_returned = sum(a * returned.get(lid, 0) // q[lid].quantity for lid, a in c.lines if lid in q)
    tpl = c.template
    if tpl is None or tpl.kind not in (CouponKind.AMOUNT_OFF, CouponKind.PERCENT_OFF) or tpl.min_spend <= 0:
        return on_returned, 0, None
    kept_units = sum(ln.quantity - returned.get(ln.line_id, 0) for ln in sale.lines if _eligible(tpl, ln))
    kept_gross = sum(ln.gross * (ln.quantity - returned.get(ln.line_id, 0)) // ln.quantity for ln in sale.lines
                     if _eligible(tpl, ln))
    if kept_units == 0 or kept_gross >= tpl.min_spend:
        return on_returned, 0, None
    on_kept = c.discount - on_returned
    return on_returned, on_kept, (f"{tpl.name}: the kept items ({kept_gross}) no longer meet its minimum spend "
                                  f"{tpl.min_spend}; its discount on them ({on_kept}) is taken back")


def _cum_refund(sale: Sale, returned: Mapping[int, int]) -> int:
    net = sum(ln.net * returned.get(ln.line_id, 0) // ln.quantity for ln in sale.lines)
    return max(0, net - sum(_coupon_state(sale, c, returned)[1] for c in sale.coupons))


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _cum_clawed(sale: Sale, returned: Mapping[int, int]) -> dict[str, int]:
    num, den = _share(sale, returned)
    return {m.lot_id: _ceil_div(m.points * num, den) for m in sale.earned}


def _cum_given_back(sale: Sale, returned: Mapping[int, int]) -> dict[int, int]:
    """Spent points given back after `returned`, per burn (index into `sale.burnt`), last burnt first."""
    num, den = _share(sale, returned)
    by_type: dict[str, int] = {}
    for m in sale.burnt:
        by_type[m.point_type] = by_type.get(m.point_type, 0) + m.points
    out: dict[int, int] = {}
    for pt, spent in by_type.items():
        items_all = sum(ln.item_points * ln.quantity for ln in sale.lines if ln.item_point_type == pt)
        items_back = sum(ln.item_points * returned.get(ln.line_id, 0) for ln in sale.lines if ln.item_point_type == pt)
        as_discount = max(0, spent - items_all)
        back = min(spent, items_back + as_discount * num // den)
        for i in reversed(range(len(sale.burnt))):
            m = sale.burnt[i]
            if m.point_type != pt:
                continue
            take = min(m.points, back)
            out[i] = take
            back -= take
    return out


def _refunded(sale: Sale, steps: Sequence[Mapping[int, int]]) -> tuple[dict[int, int], int, dict[str, int]]:
    """Units returned, money refunded and what each tender has left to give back after `steps`:
    each refund is `max(0, cumulative - refunded)`, split over the tenders' rest (`refund_by_tender`),
    replayed step by step exactly as each return was booked."""
    returned: dict[int, int] = {}
    refunded = 0
    left = tender_amounts(sale)
    for step in steps:
        for lid, u in step.items():
            returned[lid] = returned.get(lid, 0) + u
        cum = _cum_refund(sale, returned)
        for k, v in refund_by_tender(left, max(0, cum - refunded)):
            left[k] -= v
        refunded = max(refunded, cum)
    return returned, refunded, left


# ---- the plan ----------------------------------------------------------------------------------
def check_return_window(sale: Sale, at: datetime, window: timedelta) -> None:
    """CheckoutError(RETURN_WINDOW_PASSED) when `at` is more than `window` after the sale."""
    if at - sale.settled_at > window:
        days = window.total_seconds() / 86400
        raise CheckoutError(Reason.RETURN_WINDOW_PASSED, f"Checkout {sale.checkout_id} was settled more than {days:g} day(s) "
                            f"ago; returns are accepted within {days:g} day(s).", window_days=days)


def validate_units(sale: Sale, units: Mapping[int, int], returned: Mapping[int, int]) -> None:
    """CheckoutError naming the line: INVALID_REQUEST (no line, unknown line, not 1..quantity) or
    RETURN_EXCEEDS_SOLD (more than sold less returned before)."""
    if not units:
        raise CheckoutError(Reason.INVALID_REQUEST, "A return needs at least one line and quantity.")
    if len(units) > MAX_RETURN_LINES:
        raise CheckoutError(Reason.INVALID_REQUEST, f"A return has at most {MAX_RETURN_LINES} lines.")
    lines = {ln.line_id: ln for ln in sale.lines}
    for lid, u in units.items():
        if not isinstance(lid, int) or isinstance(lid, bool) or lid not in lines:
            raise CheckoutError(Reason.INVALID_REQUEST, f"Checkout {sale.checkout_id} has no line {lid!r}.", line=lid)
        if not isinstance(u, int) or isinstance(u, bool) or u < 1:
            raise CheckoutError(Reason.INVALID_REQUEST, f"Line {lid}: the quantity returned must be a whole number >= 1, "
                                f"not {u!r}.", line=lid)
        sold, before = lines[lid].quantity, returned.get(lid, 0)
        if before + u > sold:
            raise CheckoutError(Reason.RETURN_EXCEEDS_SOLD, f"Line {lid}: {u} asked back, {sold} sold and {before} already "
                                f"returned ({sold - before} left).", line=lid, sold=sold, returned=before, asked=u)


def plan_return(sale: Sale, units: Mapping[int, int], *, earlier: Sequence[Mapping[int, int]] = (), at: datetime,
                window: timedelta) -> ReturnPlan:
    """This return of `units` ({line_id: units}) of `sale`, after the `earlier` returns (their
    units, in order). Raises CheckoutError (RETURN_WINDOW_PASSED, INVALID_REQUEST,
    RETURN_EXCEEDS_SOLD); nothing is written by the caller then."""
    check_return_window(sale, at, window)
    before, refunded, left = _refunded(sale, earlier)
    validate_units(sale, units, before)
    after = dict(before)
    for lid, u in units.items():
        after[lid] = after.get(lid, 0) + u
    refund = max(0, _cum_refund(sale, after) - refunded)
    net_of = lambda r: sum(ln.net * r.get(ln.line_id, 0) // ln.quantity for ln in sale.lines)  # noqa: E731
    returned_net = net_of(after) - net_of(before)
    takebacks, coupons = [], []
    for c in sale.coupons:
        on_ret0, kept0, _ = _coupon_state(sale, c, before)
        on_ret1, kept1, why = _coupon_state(sale, c, after)
        if kept1 != kept0:
            takebacks.append(Takeback(c.code, c.template_id, kept1 - kept0, why or f"{c.code}: the rest of the sale returned; "
                                      "its discount taken back before is given back"))
        delta = -(on_ret1 - on_ret0) - (kept1 - kept0)
        if delta:
            coupons.append((c.code, c.template_id, delta))
    c0, c1 = _cum_clawed(sale, before), _cum_clawed(sale, after)
    clawed = tuple(LotMove(m.lot_id, m.point_type, c1[m.lot_id] - c0[m.lot_id]) for m in sale.earned
                   if c1[m.lot_id] > c0[m.lot_id])
    g0, g1 = _cum_given_back(sale, before), _cum_given_back(sale, after)
    given = tuple(LotMove(m.lot_id, m.point_type, g1.get(i, 0) - g0.get(i, 0)) for i, m in enumerate(sale.burnt)
                  if g1.get(i, 0) > g0.get(i, 0))
    return ReturnPlan(sale.checkout_id, tuple(sorted(units.items())), returned_net, returned_net - refund, refund,
                      tuple(takebacks), tuple(coupons), clawed, given, refund_by_tender(left, refund))


VALUE_TENDER = "value:"  # a tender key naming a stored-value or gift-card account: "value:<account_id>"


def tender_amounts(sale: Sale) -> dict[str, int]:
    """{tender: amount paid} of the sale (amounts summed per tender, negatives left out); no
    tenders: one "cash" tender of the sale's net."""
    out: dict[str, int] = {}
    for k, a in sale.tenders or (("cash", sale.net),):
        out[k] = out.get(k, 0) + max(0, a)
    return out


def refund_by_tender(left: Mapping[str, int], refund: int) -> tuple[tuple[str, int], ...]:
    """`refund` (minor units) split over the tenders in proportion to what each has `left` to give
    back (exact largest-remainder split, ties by tender key): no tender gets back more than it has
    left, so several returns never give a tender more than it paid, and a sale returned whole gives
    each tender back exactly what it paid (the refunds then sum to the sale's net = the tenders'
    total). Parts of 0 are left out."""
    parts = split_proportionally(min(max(0, refund), sum(left.values())), dict(left))
    return tuple((k, v) for k, v in parts.items() if v)


def value_refunds(plan: "ReturnPlan") -> tuple[tuple[str, int], ...]:
    """(account_id, amount > 0) of the stored value / gift cards this return gives back (minor units)."""
    return tuple((k.removeprefix(VALUE_TENDER), v) for k, v in plan.tenders if k.startswith(VALUE_TENDER))


# ---- the sale as recorded (terminal replica or central server), from its settlement payload ------
def _int(v, lo: int = 0) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= lo else None


def sale_from_record(payload: dict, *, settled_at: datetime, store_id: str, coupons: Sequence[tuple[str, str, int]],
                     earned: Sequence[tuple[str, str, int]], burnt: Sequence[tuple[str, str, int]],
                     templates: Mapping[str, CouponTemplate], categories: Mapping[str, str | None],
                     value_spends: Sequence[tuple[str, int]] = ()) -> Sale:
    """The `Sale` of a recorded settlement: its lines from the payload (net clamped to 0..gross less
    the booked coupons' discount on the line, the nets together at most the payload's `total`;
    categories from the catalog, `categories`: sku -> category), its coupons as the recorder booked
    them (`coupons`: (code, template_id, discount), one per code), their per-line discount from the
    payload when it names the sale's lines and sums to the booked discount, else spread over the
    coupon's eligible lines by gross; earned and burnt points as booked ((lot_id, point_type, points > 0)).
    Tenders: the stored value and gift cards the recorder booked as spent (`value_spends`: (account_id,
    amount > 0), each a tender "value:<account_id>"), then the payload's `payment_method` for the rest
    of the net (none when value paid it all). Malformed lines are left out (nothing of them can be returned)."""
    lines: list[SoldLine] = []
    raw = payload.get("lines") if isinstance(payload.get("lines"), list) else []
    for ln in raw[:MAX_RETURN_LINES]:
        if not isinstance(ln, dict):
            continue
        lid, qty, price = _int(ln.get("line_id"), 1), _int(ln.get("quantity"), 1), _int(ln.get("unit_price"))
        if lid is None or qty is None or price is None or any(x.line_id == lid for x in lines):
            continue
        pp = ln.get("points_price") if isinstance(ln.get("points_price"), dict) else None
        cash = _int(pp.get("cash")) if pp else None
        gross = (cash if cash is not None else 0) * qty if pp else price * qty
        net = _int(ln.get("net"))
        sku = ln.get("sku") if isinstance(ln.get("sku"), str) else None
        lines.append(SoldLine(lid, qty, gross, min(net if net is not None else gross, gross), sku, categories.get(sku) if sku else None,
                              (_int(pp.get("points")) or 0) if pp else 0,
                              pp.get("point_type") if pp and isinstance(pp.get("point_type"), str) else None))
    claimed = {c.get("code"): c.get("lines") for c in payload.get("coupons") or [] if isinstance(c, dict)}
    by_id = {ln.line_id: ln for ln in lines}
    sold: list[SoldCoupon] = []
    for code, tid, discount in coupons:
        tpl = templates.get(tid)
        alloc = _claimed_allocation(claimed.get(code), by_id, discount, tpl)
        if alloc is None:
            pool = {ln.line_id: ln.gross for ln in lines if tpl is None or _eligible(tpl, ln)} or {ln.line_id: ln.gross for ln in lines}
            alloc = split_proportionally(min(discount, sum(pool.values())), pool) if pool else {}
        sold.append(SoldCoupon(code, tid, sum(alloc.values()), tuple(sorted((k, v) for k, v in alloc.items() if v)), tpl))
    # a line's net is at most its gross less what the booked coupons paid of it: a net claimed higher
    # would refund as cash what a voucher paid (a free latte returned for 120)
    paid = {lid: 0 for lid in by_id}
    for c in sold:
        for lid, d in c.lines:
            paid[lid] += d
    lines = [replace(ln, net=max(0, min(ln.net, ln.gross - paid[ln.line_id]))) for ln in lines]
    # and together at most what the sale says was paid (`total`): nets left at gross beside a points
    # discount refunded the points' share as cash too (the burnt points come back as well)
    total = _int(payload.get("total"))
    if total is not None and sum(ln.net for ln in lines) > total:
        capped = split_proportionally(total, {ln.line_id: ln.net for ln in lines})
        lines = [replace(ln, net=min(ln.net, capped.get(ln.line_id, 0))) for ln in lines]
    tender = payload.get("payment_method") if isinstance(payload.get("payment_method"), str) else "cash"
    sale = Sale(str(payload.get("checkout_id")), store_id, payload.get("member_id") if isinstance(payload.get("member_id"), str) else None,
                settled_at, tuple(lines), tuple(sold), tuple(LotMove(*e) for e in earned if e[2] > 0),
                tuple(LotMove(*b) for b in burnt if b[2] > 0))
    value: dict[str, int] = {}
    for aid, amount in value_spends:
        if amount > 0:
            value[VALUE_TENDER + aid] = value.get(VALUE_TENDER + aid, 0) + amount
    rest = max(0, sale.net - sum(value.values()))
    tenders = tuple(value.items()) + (((tender, rest),) if rest or not value else ())
    return Sale(sale.checkout_id, sale.store_id, sale.member_id, sale.settled_at, sale.lines, sale.coupons, sale.earned, sale.burnt,
                tenders)


def _claimed_allocation(v, lines: Mapping[int, SoldLine], discount: int, tpl: CouponTemplate | None = None) -> dict[int, int] | None:
    """The recorder's per-line split of a coupon's `discount`, or None (then spread by gross) unless it
    names known lines once each, each at most its gross and, when `tpl` is known, only lines the
    coupon could pay for (a free latte's discount claimed on the croissants made the latte refundable)."""
    if not isinstance(v, list) or len(v) > MAX_RETURN_LINES:
        return None
    out: dict[int, int] = {}
    for pair in v:
        if not (isinstance(pair, list) and len(pair) == 2):
            return None
        lid, d = _int(pair[0], 1), _int(pair[1])
        if lid is None or d is None or lid not in lines or lid in out or d > lines[lid].gross:
            return None
        if d and tpl is not None and not _eligible(tpl, lines[lid]):
            return None
        out[lid] = d
    return out if sum(out.values()) == discount else None
