"""Re-judging a settlement with the terminal's own pure rules (`terminal/domain`): pure code.

A settlement payload is a claim. `recheck_settlement` compares each claimed figure with what
the rules can produce on the server's facts (`RuleFacts`, fetched beforehand) and sorts every
difference into one of two policies (table in docs/sync.md, "Judgement"):

* **honest offline difference** — something the terminal could not have known (a revocation or
  block newer than its `based_on_cursor`, uses at other terminals under a per-member limit):
  posted as claimed, with a conflict; points debts bounded by the offline allowance;
* **claim the rules cannot produce** — never-issued or unsigned code, expired or not yet valid
  coupon, wrong store or brand, another member's coupon, a revocation the terminal had already
  pulled, more discount than the template gives, more points than the earn rules give, an
  unknown point type: not booked as claimed. The use is dropped (or the server's figure is
  booked instead) and a `quarantined` conflict names the reason, the claim and the figure.

Bounds, not re-pricing: each coupon's discount is checked against the most its template can
give on this basket, and earned points against the earn rules on the claimed line amounts
(each at most the line's gross), so an honest terminal's choices are never second-guessed.
Money and points are integers (minor units, points).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from terminal.domain import codes, device_codes
from terminal.domain.device_issuance import check_issuable
from terminal.domain.clock import local, zone
from terminal.domain.earn import compute_earn
from terminal.domain.ownership import Ownership, ownership
from terminal.domain.history import PurchaseHistory, check_first_purchase
from terminal.domain.models import (
    Basket, BasketLine, CouponInstance, CouponKind, CouponTemplate, EarnRule, Member, PointsPrice, PointType, Product, Store,
)
from terminal.domain.reasons import CodeError, DomainError, Reason
from terminal.domain.settlement import earned_expiry
from terminal.domain.promotions import Promotion
from terminal.domain.validity import check_coupon

# reasons a coupon is refused that an honest terminal cannot produce (it refuses them at the counter)
CLAIM_REASONS = {Reason.EXPIRED, Reason.NOT_YET_VALID, Reason.WRONG_BRAND, Reason.WRONG_STORE, Reason.MEMBER_REQUIRED,
                 Reason.WRONG_MEMBER, Reason.NOT_BIRTHDAY_MONTH, Reason.UNREPLICATED_NOT_ALLOWED}


@dataclass
class RuleFacts:
    """The server's state the rules need, fetched before judging (models of terminal/domain).

    `coupons` are the central instances of the codes the event names (absent: unknown);
    `revoked` maps a code, and `member_block` the member, to {"seq", "reason"}: the change
    sequence at which the revocation or block became visible, compared with the event's
    `based_on_cursor`. `history` holds the member's uses of each named template chain-wide as
    (time, store_id, terminal_id), voided sales excluded."""

    store: Store | None
    member: Member | None = None
    member_block: dict | None = None
    templates: dict[str, CouponTemplate] = field(default_factory=dict)
    coupons: dict[str, CouponInstance] = field(default_factory=dict)
    revoked: dict[str, dict] = field(default_factory=dict)
    earn_rules: tuple[EarnRule, ...] = ()
    point_types: dict[str, PointType] = field(default_factory=dict)
    products: dict[str, Product] = field(default_factory=dict)
    history: dict[str, tuple[tuple[datetime, str, str], ...]] = field(default_factory=dict)
    signatures: codes.SignatureCheck | None = None  # the issuer keys' check (terminal.infra.crypto.KeyRing)
    # terminal-signed vouchers (`LT1V…`): the device keys of the devices the payload's codes name, as the
    # server holds them (terminal.infra.crypto.DeviceKeyRing over sync.server.device_keys.device_key_facts)
    devices: Any = None
    offers: tuple = ()  # the catalog's exchange offers (terminal.domain.exchange.ExchangeOffer), when a device voucher is met
    device_stores: dict[str, Store] = field(default_factory=dict)  # signing device id -> its store (device_key row)
    # signing device id -> coupons created from its vouchers that no issuing event adopted yet (`device_vouchers`)
    device_unbacked: dict[str, int] = field(default_factory=dict)
    allowances: dict = field(default_factory=dict)
    promotions: tuple[Promotion, ...] = ()  # the central catalog's automatic promotions (issue 16)
    # whose each central coupon is (terminal/domain/ownership.py, its bundles as the server holds them);
    # a coupon missing here is judged by its own row only (a bundle's child is then refused)
    owners: dict[str, Ownership] = field(default_factory=dict)
    transfers: dict[str, int] = field(default_factory=dict)  # code -> feed position of its last gift (issue 15)
    # the member's booked purchases before this one, and where the first became visible
    # ({"seq", "store_id", "terminal_id"}, sync.server.facts.first_purchase; None: none)
    purchases: PurchaseHistory = field(default_factory=PurchaseHistory)
    first_purchase: dict | None = None


@dataclass
class Recheck:
    """What to book: coupon uses (with the discount to record), burns and earns; plus conflicts.

    `new_coupons` are rows to create for genuine signed codes not yet known centrally."""

    coupons: list[dict] = field(default_factory=list)
    burns: list[dict] = field(default_factory=list)
    earns: list[dict] = field(default_factory=list)
    new_coupons: dict[str, dict] = field(default_factory=dict)
    conflicts: list[dict] = field(default_factory=list)
    points_blocked: bool = False
    promotions: list[dict] = field(default_factory=list)  # [{promotion_id, discount, units}] booked


def quarantine(reason: str, message: str, /, *, subject: str | None, claimed=None, server=None, booked: str = "not_booked",
               **details) -> dict:
    """A `quarantined` conflict: the claim was not booked as claimed (`booked`: not_booked | server_figure)."""
    return {"kind": "quarantined", "decision": booked, "subject": subject, "message": message,
            "amount": claimed if isinstance(claimed, int) else None,
            "details": {"reason": reason, "claimed": claimed, "server": server, **details}}


def basket_of(p: dict, products: dict[str, Product]) -> tuple[Basket, dict[int, int]] | None:
    """The basket of a payload's lines (categories from the catalog) and each line's net, clamped
    to 0..gross; None when the lines are malformed."""
    lines, net = [], {}
    raw = p.get("lines")
    if not isinstance(raw, list) or len(raw) > 200:
        return None
    for ln in raw:
        if not isinstance(ln, dict):
            return None
        lid, price, qty = ln.get("line_id"), ln.get("unit_price"), ln.get("quantity")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (lid, price, qty)) or not (1 <= qty <= 999) \
                or not (0 <= price <= 10_000_000) or lid in net:
            return None
        sku = ln.get("sku") if isinstance(ln.get("sku"), str) else None
        prod = products.get(sku) if sku else None
        pp = ln.get("points_price")
        points_price = None
        if isinstance(pp, dict) and prod is not None and prod.points_price is not None:
            points_price = prod.points_price  # the catalog's price, not the claim's
        elif isinstance(pp, dict):
            points_price = PointsPrice(str(pp.get("point_type")), _nat(pp.get("points")), _nat(pp.get("cash")))
        line = BasketLine(lid, str(ln.get("name") or ""), price, qty, sku, prod.category_id if prod else None, points_price)
        lines.append(line)
        n = ln.get("net")
        net[lid] = min(max(n, 0), line.gross) if isinstance(n, int) and not isinstance(n, bool) else line.gross
    pm = p.get("payment_method")
    return Basket(tuple(lines), pm if isinstance(pm, str) else "cash"), net


def _nat(v) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else 0


def max_discount(tpl: CouponTemplate, basket: Basket, uses: int) -> tuple[int, str | None]:
    """The most `tpl` can take off this basket for `uses` uses, and why it gives nothing (or None)."""
    money = [ln for ln in basket.lines if ln.points_price is None]
    if tpl.has_product_scope:
        money = [ln for ln in money if ln.sku in tpl.products or (ln.category_id is not None and ln.category_id in tpl.categories)]
    if not money:
        return 0, "no eligible item in the basket"
    if tpl.is_voucher or tpl.kind == CouponKind.BUNDLE:
        units = sorted((ln.unit_price if tpl.price_cap is None else min(ln.unit_price, tpl.price_cap)
                        for ln in money for _ in range(ln.quantity)), reverse=True)
        return sum(units[:uses]), None if len(units) >= uses else f"needs {uses} eligible item(s), found {len(units)}"
    subtotal = sum(ln.gross for ln in money)
    if subtotal < tpl.min_spend:
        return 0, f"minimum spend {tpl.min_spend}, eligible amount {subtotal}"
    if tpl.kind == CouponKind.AMOUNT_OFF:
        return min(tpl.amount, subtotal), None
    disc = subtotal * tpl.percent // 100
    return (disc if tpl.max_discount is None else min(disc, tpl.max_discount)), None


def eligible_units(tpl: CouponTemplate, basket: Basket) -> int:
    """Items of the basket a voucher of `tpl` can take (one use each), as `max_discount` counts them."""
    return sum(ln.quantity for ln in basket.lines if ln.points_price is None and (
        not tpl.has_product_scope or ln.sku in tpl.products or (ln.category_id is not None and ln.category_id in tpl.categories)))


def _within_basket(out: Recheck, basket: Basket, promoted: int = 0) -> None:
    """Coupon discounts together at most what the basket's money lines cost: each coupon is bounded
    by its template alone, so ten of them each "within" a 120 basket took 1,200 off it. In the
    order listed; a coupon cut to 0 keeps its use (the use happened), its discount is the server's."""
    room = max(sum(ln.gross for ln in basket.lines if ln.points_price is None) - promoted, 0)  # promotions come first
    for i, c in enumerate(out.coupons):
        d = c.get("discount", 0)
        if d > room:
            out.conflicts.append(quarantine("discounts_exceed_basket", f"Coupon {c['code']}: discount {d} claimed, {room} of "
                                            f"the basket was left after the coupons before it; {room} booked.",
                                            subject=c["code"], claimed=d, server=room, booked="server_figure"))
            out.coupons[i] = {**c, "discount": room}
            d = room
        room -= d


def signed_instance(c: dict, rf: RuleFacts, at: datetime | None = None) -> tuple[CouponInstance | None, CodeError | None]:
    """(the instance a genuine signed code names, None), or (None, why) — `why` is the precise refusal
    of a terminal-signed voucher (`LT1V…`: forged, device_unknown, device_key_unregistered,
    device_revoked, device_wrong_brand), None for anything else (no token, bad signature, another code)."""
    token = c.get("signed")
    if not isinstance(token, str) or len(token) > 400 or rf.store is None or rf.signatures is None:
        return None, None
    try:
        parsed = codes.parse(token, rf.signatures, rf.devices)
    except CodeError as err:
        return None, err if token.upper().startswith(device_codes.PREFIX) else None
    except (DomainError, ValueError):
        return None, None
    if isinstance(parsed, codes.DeviceVoucher):
        if parsed.code != c.get("code"):
            return None, None
        try:  # only what a counter issues, the counter's own rule (terminal/domain/device_issuance.py)
            check_issuable(parsed, templates=rf.templates, offers=rf.offers, at=at or parsed.issued_at,
                           issuer_store=rf.device_stores.get(parsed.device_id))
        except CodeError as err:
            return None, err
        return parsed.instance(), None
    if not isinstance(parsed, codes.SignedCoupon) or parsed.code != c.get("code"):
        return None, None

    def day_start(d: date) -> datetime:
        return datetime.combine(d, time.min, tzinfo=zone(rf.store.timezone))

    return CouponInstance(code=parsed.code, template_id=parsed.template_id, member_id=parsed.member_id, total_uses=parsed.uses,
                          valid_until=day_start(parsed.valid_until + timedelta(days=1)) if parsed.valid_until else None,
                          issued_at=day_start(parsed.issued_on), in_replica=False), None


def recheck_settlement(p: dict, rf: RuleFacts, *, at: datetime, earn_at: datetime, based_seq: int, ctx: dict,
                       override: bool = False) -> Recheck:
    """Sort each claimed figure of a structurally valid settlement payload into booked / honest
    conflict / quarantined. `override`: a manager of the store approved going beyond the offline
    allowance (signed codes not yet replicated are then not bounded by its age limit). `at` judges coupon windows and limits (never later than the server's
    now), `earn_at` the earn rules (the terminal's time: multipliers and campaigns are bounded by
    the rules either way). Raises nothing: every finding is a conflict."""
    out = Recheck()
    made = basket_of(p, rf.products)
    basket, net = made if made is not None else (None, {})
    member = replace(rf.member, status="active") if rf.member is not None else None
    if rf.member is not None and rf.member_block is not None:
        _member_block(out, rf, based_seq, ctx)
    history = {t: list(h) for t, h in rf.history.items()}
    from sync.server.promotion_rules import judge_promotions

    out.promotions, found = judge_promotions(p.get("promotions"), basket, rf.promotions, store=rf.store, member=member,
                                             at=at, quarantine=quarantine)
    out.conflicts += found
    seen: set[str] = set()
    for c in p["coupons"]:
        if out.points_blocked:  # the counter refuses a blocked card outright: no sale of it, so no coupon use
            out.conflicts.append(quarantine("member_blocked", f"Coupon {c['code']} was used in a sale of member "
                                            f"{rf.member.id}, already blocked in this terminal's replica: not booked.",
                                            subject=c["code"], claimed=c.get("discount", 0)))
        elif c["code"] in seen:  # the counter merges a code's uses into one entry (terminal/domain/checkout.py)
            out.conflicts.append(quarantine("repeated_code", f"Coupon {c['code']} is listed more than once in one "
                                            "settlement: only its first entry is booked.", subject=c["code"],
                                            claimed=c.get("discount", 0)))
        else:
            seen.add(c["code"])
            _coupon(out, c, rf, basket, member, at, based_seq, history, ctx, override)
    if basket is not None:
        _within_basket(out, basket, sum(r["discount"] for r in out.promotions))
    if not out.points_blocked:
        _points(out, p, rf, basket, net, member, earn_at, ctx)
    return out


def _member_block(out: Recheck, rf: RuleFacts, based_seq: int, ctx: dict) -> None:
    blk, mid = rf.member_block, rf.member.id
    if blk["seq"] > based_seq:
        out.conflicts.append({"kind": "blocked_member", "decision": "honoured_terminal_could_not_know", "subject": mid,
                              "amount": None, "message": f"Member {mid} was blocked centrally ({blk['reason']}) after this "
                              "terminal's last pull; the sale was posted.", "details": {"member_id": mid, **blk, **ctx}})
        return
    out.points_blocked = True
    out.conflicts.append(quarantine("member_blocked", f"Member {mid} was already blocked ({blk['reason']}) in this terminal's "
                                    "replica: no points were earned or spent.", subject=mid, block_seq=blk["seq"],
                                    block_reason=blk["reason"]))


def _coupon(out: Recheck, c: dict, rf: RuleFacts, basket: Basket | None, member: Member | None, at: datetime,
            based_seq: int, history: dict[str, list], ctx: dict, override: bool) -> None:
    code, claimed = c["code"], c.get("discount", 0)
    inst = rf.coupons.get(code)
    if inst is None:
        if c.get("in_replica", False) is not False:
            out.conflicts.append(quarantine("unknown_code", f"Coupon {code} was never issued: not booked.", subject=code,
                                            claimed=claimed))
            return
        inst, refused = signed_instance(c, rf, at)
        if inst is None and refused is not None:  # a terminal-signed voucher refused with its precise reason
            out.conflicts.append(quarantine(refused.reason.value, f"Coupon {code}: {refused.message} Not booked.", subject=code,
                                            claimed=claimed, **{k: v for k, v in refused.details.items()
                                                                if k in ("device_id", "template_id", "field")}))
            return
        if inst is None:
            out.conflicts.append(quarantine("unsigned_code", f"Coupon {code} is neither issued nor validly signed: not booked.",
                                            subject=code, claimed=claimed))
            return
    tpl = rf.templates.get(inst.template_id)
    if tpl is None:
        out.conflicts.append(quarantine("unknown_template", f"Coupon {code} is of an unknown template: not booked.", subject=code))
        return
    rev = rf.revoked.get(code)
    if rev is not None and rev["seq"] <= based_seq:
        out.conflicts.append(quarantine("revoked", f"Coupon {code} was revoked ({rev['reason']}) and this terminal had pulled "
                                        "the revocation: not booked.", subject=code, claimed=claimed, revoked_seq=rev["seq"]))
        return
    if rev is not None:
        out.conflicts.append({"kind": "redeemed_after_void", "decision": "honoured_terminal_could_not_know", "subject": code,
                              "amount": claimed, "message": f"Coupon {code} was revoked centrally ({rev['reason']}) after this "
                              "terminal's last pull (honoured).", "details": {"code": code, "revoked_seq": rev["seq"],
                                                                              "based_on_seq": based_seq, **ctx}})
    probe = replace(inst, status="active", used_uses=0, total_uses=max(inst.total_uses, c["uses"]))
    owner = rf.owners.get(code) or ownership(inst, tpl)  # never the payload's parent_code
    if owner.missing is not None:  # a pack's voucher whose pack the server does not hold: its owner is unknown
        out.conflicts.append(quarantine("unknown_bundle", f"Coupon {code} belongs to bundle {owner.missing}, unknown centrally: "
                                        "its owner is unknown. Not booked.", subject=code, claimed=claimed, bundle=owner.missing))
        return
    try:
        check_coupon(probe, tpl, store=rf.store, member=member, at=at, uses=c["uses"], owner=owner)
    except CodeError as err:
        if err.reason is Reason.GIFTED:  # the old owner's code of a gifted voucher (issue 15)
            _after_transfer(out, code, claimed, rf, based_seq, ctx)
            return
        if err.reason in CLAIM_REASONS:
            out.conflicts.append(quarantine(err.reason.value, f"Coupon {code}: {err.message} Not booked.", subject=code,
                                            claimed=claimed))
            return
    if tpl.first_purchase_only and member is not None and not _first_purchase(out, c, tpl, rf, member, based_seq, ctx):
        return
    if tpl.per_member_limit is not None and member is not None and not _within_limit(out, c, probe, tpl, rf, member, at,
                                                                                      history, ctx, owner):
        return
    if basket is not None and tpl.is_voucher and c["uses"] > (units := eligible_units(tpl, basket)):
        # a voucher use takes one eligible item: ten uses on one latte is no counter's claim
        out.conflicts.append(quarantine("uses_exceed_items", f"Voucher {code}: {c['uses']} uses claimed on {units} eligible "
                                        f"item(s); {units} booked.", subject=code, claimed=c["uses"], server=units,
                                        booked="server_figure" if units else "not_booked"))
        if units == 0:
            return
        c = {**c, "uses": units, "discount": c.get("discount", 0) * units // c["uses"]}
        claimed = c["discount"]
    bound, why = max_discount(tpl, basket, c["uses"]) if basket is not None else (0, "malformed basket")
    if claimed > bound:
        out.conflicts.append(quarantine("discount_exceeds_template", f"Coupon {code}: discount {claimed} claimed, the template "
                                        f"gives at most {bound} here{' (' + why + ')' if why else ''}; {bound} booked.",
                                        subject=code, claimed=claimed, server=bound, booked="server_figure"))
        c = {**c, "discount": bound}
    if code not in rf.coupons:
        max_h = rf.allowances.get("unreplicated_coupon_max_age_hours")
        if isinstance(max_h, int) and not override and inst.issued_at is not None and at - inst.issued_at > timedelta(hours=max_h):
            out.conflicts.append(quarantine("unreplicated_beyond_allowance", f"Coupon {code} was not in the terminal's replica "
                                            f"and was issued more than {max_h} h before its use, with no manager's override: "
                                            "not booked.", subject=code, claimed=claimed))
            return
        device = device_codes.peek_device(c.get("signed"))
        if device is not None and not _within_unbacked(out, code, claimed, device, rf):
            return
        out.new_coupons[code] = {
            "code": code, "template_id": inst.template_id, "member_id": inst.member_id, "plain_code": None,
            "total_uses": inst.total_uses, "used_uses": 0, "status": "active", "valid_from": None,
            "valid_until": inst.valid_until.isoformat() if inst.valid_until else None,
            "issued_at": inst.issued_at.isoformat() if inst.issued_at else None,
            "parent_code": None}  # a signed code is in no bundle: a claimed parent_code would lend it another's owner
        if device is not None:  # a terminal's voucher met before its issuing event: that event adopts it (same code)
            out.new_coupons[code]["valid_from"] = inst.valid_from.isoformat() if inst.valid_from else None
            out.new_coupons[code]["signed_by_device"] = device
    out.coupons.append({**c, "template_id": inst.template_id})


def _within_unbacked(out: Recheck, code: str, claimed: int, device: str, rf: RuleFacts) -> bool:
    """May one more coupon be created from `device`'s signature before its issuing event arrived? At
    most the allowance `device_vouchers_unbacked` of them per device, unadopted (`device_vouchers`) plus
    those this event creates; beyond it the use is quarantined `device_vouchers_beyond_allowance`."""
    limit = rf.allowances.get("device_vouchers_unbacked")
    if not isinstance(limit, int):
        return True
    have = rf.device_unbacked.get(device, 0) + sum(1 for b in out.new_coupons.values() if b.get("signed_by_device") == device)
    if have < limit:
        return True
    out.conflicts.append(quarantine(Reason.DEVICE_VOUCHERS_BEYOND_ALLOWANCE.value, f"Coupon {code}: terminal {device} already "
                                    f"has {have} vouchers used before their issuing event reached the server; the allowance is "
                                    f"{limit}. Not booked.", subject=code, claimed=claimed, device_id=device, unbacked=have,
                                    allowance=limit))
    return False


def _after_transfer(out: Recheck, code: str, claimed: int, rf: RuleFacts, based_seq: int, ctx: dict) -> None:
    """A use of a gifted voucher by an earlier owner. The terminal's cursor held the gift: a claim no
    counter makes, quarantined `gifted`. It did not (offline since): an honest offline difference,
    `redeemed_after_transfer`, honoured like a use after a central void (counted against
    `stale_state_uses`) but never taken from the friend's voucher: the chain carries it, and the
    manager sees it. Either way the use is not booked on the coupon."""
    seq = rf.transfers.get(code, 0)
    if seq <= based_seq:
        out.conflicts.append(quarantine("gifted", f"Coupon {code} was given to another member (transfer visible at {seq}) and "
                                        "this terminal had pulled the transfer: the old owner's use is not booked.", subject=code,
                                        claimed=claimed, transfer_seq=seq))
        return
    out.conflicts.append({"kind": "redeemed_after_transfer", "decision": "honoured_terminal_could_not_know", "subject": code,
                          "amount": claimed, "message": f"Coupon {code} was used by its earlier owner at {ctx['store_id']}/"
                          f"{ctx['terminal_id']} after it was given to another member; the terminal could not have known "
                          "(honoured, not taken from the new owner's voucher).",
                          "details": {"code": code, "transfer_seq": seq, "based_on_seq": based_seq, **ctx}})
def _first_purchase(out: Recheck, c: dict, tpl: CouponTemplate, rf: RuleFacts, member: Member, based_seq: int,
                    ctx: dict) -> bool:
    """A first-purchase coupon judged on the server's full history with the terminal's rule
    (`terminal.domain.history.check_first_purchase`). An earlier purchase this terminal knew of (its
    own, or visible at its cursor): quarantined `not_first_purchase` (False). One it could not know (made
    elsewhere, after its last pull): honoured with a `first_purchase_repeated` conflict, bounded with the
    other "could not know" postings by `stale_state_uses` (sync.server.judge)."""
    try:
        check_first_purchase(tpl.name, member, rf.purchases.purchases)
        return True
    except CodeError as err:
        first = rf.first_purchase or {}
        own = (first.get("store_id"), first.get("terminal_id")) == (ctx["store_id"], ctx["terminal_id"])
        if own or first.get("seq", 0) <= based_seq:
            out.conflicts.append(quarantine("not_first_purchase", f"Coupon {c['code']}: {err.message} This terminal knew of "
                                            "an earlier purchase: not booked.", subject=c["code"], claimed=c.get("discount", 0),
                                            prior_purchases=rf.purchases.purchases))
            return False
        out.conflicts.append({"kind": "first_purchase_repeated", "decision": "honoured_terminal_could_not_know",
                              "subject": c["code"], "amount": c.get("discount", 0),
                              "message": f"Coupon {c['code']}: {err.message} The earlier purchase was made at "
                              f"{first.get('store_id')} after this terminal's last pull; posted.",
                              "details": {"code": c["code"], "template_id": tpl.id, "member_id": member.id,
                                          "prior_purchases": rf.purchases.purchases, "first_seq": first.get("seq"),
                                          "based_on_seq": based_seq, **ctx}})
        return True


def _within_limit(out: Recheck, c: dict, probe: CouponInstance, tpl: CouponTemplate, rf: RuleFacts, member: Member,
                  at: datetime, history: dict[str, list], ctx: dict, owner: Ownership) -> bool:
    """Per-member limits counted chain-wide. Over it only through uses elsewhere: posted with a
    `limit_exceeded` conflict; over it on this terminal's own uses: quarantined (False)."""
    hist = history.setdefault(tpl.id, [])
    own = tuple(h[0] for h in hist if (h[1], h[2]) == (ctx["store_id"], ctx["terminal_id"]))
    code = c["code"]
    try:
        check_coupon(probe, tpl, store=rf.store, member=member, at=at, uses=c["uses"], history=tuple(h[0] for h in hist),
                     owner=owner)
    except CodeError as err:
        if err.reason != Reason.LIMIT_REACHED:
            raise
        try:
            check_coupon(probe, tpl, store=rf.store, member=member, at=at, uses=c["uses"], history=own, owner=owner)
        except CodeError:
            out.conflicts.append(quarantine("limit_reached", f"Coupon {code}: {err.message} (on this terminal's own uses). "
                                            "Not booked.", subject=code, claimed=c.get("discount", 0)))
            return False
        out.conflicts.append({"kind": "limit_exceeded", "decision": "posted_counted_chain_wide", "subject": code,
                              "amount": c["uses"], "message": f"Coupon {code}: {err.message} Counted chain-wide with uses at "
                              "other terminals; posted.", "details": {"code": code, "template_id": tpl.id,
                                                                      "member_id": member.id, **ctx}})
    hist.extend([(at, ctx["store_id"], ctx["terminal_id"])] * c["uses"])
    return True


def _points(out: Recheck, p: dict, rf: RuleFacts, basket: Basket | None, net: dict[int, int], member: Member | None,
            earn_at: datetime, ctx: dict) -> None:
    item_points: dict[str, int] = {}
    for ln in basket.lines if basket else ():
        if ln.points_price is not None:
            item_points[ln.points_price.point_type] = item_points.get(ln.points_price.point_type, 0) + ln.points_price.points * ln.quantity
    burnt: dict[str, int] = {}
    for b in p["burns"]:
        if b["point_type"] not in rf.point_types:
            out.conflicts.append(quarantine("unknown_point_type", f"{b['points']} points of unknown type {b['point_type']!r} "
                                            "were not booked.", subject=b["lot_id"], claimed=b["points"]))
            continue
        out.burns.append(b)
        burnt[b["point_type"]] = burnt.get(b["point_type"], 0) + b["points"]
    bound = 0
    for pt, pts in burnt.items():
        t = rf.point_types[pt]
        disc = max(0, pts - item_points.get(pt, 0))
        bound += disc // t.burn_points * t.burn_value if t.burnable and t.burn_points > 0 else 0
    claimed = p.get("points_discount", 0)
    if isinstance(claimed, int) and not isinstance(claimed, bool) and claimed > bound:
        out.conflicts.append(quarantine("points_discount_exceeds_rules", f"A points discount of {claimed} was claimed for "
                                        f"points worth {bound}; the points were debited, the discount flagged.",
                                        subject=ctx["checkout_id"], claimed=claimed, server=bound, booked="server_figure"))
    _earns(out, p, rf, basket, net, member, earn_at, ctx)


def earn_lot_id(ctx: dict, point_type: str, rule_id) -> str:
    """The lot an earn is booked on: `<store>/<terminal>/<checkout>:<point type>:<rule>`, the event's own
    (a rule id that is not a short string is booked as rule "claimed")."""
    rule = rule_id if isinstance(rule_id, str) and 0 < len(rule_id) <= 64 else "claimed"
    return f"{ctx['store_id']}/{ctx['terminal_id']}/{ctx['checkout_id']}:{point_type}:{rule}"


def _earns(out: Recheck, p: dict, rf: RuleFacts, basket: Basket | None, net: dict[int, int], member: Member | None,
           earn_at: datetime, ctx: dict) -> None:
    server = ()
    if basket is not None and member is not None and rf.store is not None:
        server = compute_earn(rf.earn_rules, basket=basket, line_net=net, paid_units={ln.line_id: ln.quantity for ln in basket.lines},
                              member=member, store=rf.store, at=earn_at)
    by_type: dict[str, list[dict]] = {}
    for e in p["earns"]:
        if e["point_type"] not in rf.point_types:
            out.conflicts.append(quarantine("unknown_point_type", f"{e['points']} points of unknown type {e['point_type']!r} "
                                            "were not booked.", subject=e["lot_id"], claimed=e["points"]))
            continue
        by_type.setdefault(e["point_type"], []).append(e)
    for pt, claimed_rows in by_type.items():
        claimed = sum(e["points"] for e in claimed_rows)
        rules = [r for r in server if r.point_type == pt and r.points > 0]
        allowed = sum(r.points for r in rules)
        if claimed <= allowed:
            # booked on the lot the event's own store, terminal and checkout name (as the counter names it,
            # terminal/domain/settlement.py), never on a claimed id: that could be another counter's future
            # lot (its honest sale then rejected) or another member's debt lot (overwritten by that debt)
            # and expiring when the point type's validity says, from the judged time: a claimed
            # expires_at (null: never) was booked as claimed
            exp = earned_expiry(earn_at, rf.store.timezone, rf.point_types[pt].validity_days) if rf.store is not None else None
            out.earns += [{**e, "lot_id": earn_lot_id(ctx, pt, e.get("rule_id")), "expires_at": exp.isoformat() if exp else None}
                          for e in claimed_rows]
            continue
        out.conflicts.append(quarantine("earn_exceeds_rules", f"{claimed} {pt} points claimed, the earn rules give {allowed} "
                                        f"for this basket; {allowed} booked.", subject=p.get("member_id"), claimed=claimed,
                                        server=allowed, booked="server_figure"))
        validity = rf.point_types[pt].validity_days
        for r in rules:
            exp = earned_expiry(earn_at, rf.store.timezone, validity)
            out.earns.append({"lot_id": earn_lot_id(ctx, pt, r.rule_id),
                              "point_type": pt, "points": r.points, "rule_id": r.rule_id,
                              "expires_at": exp.isoformat() if exp else None})
