"""Scan and look up: what a scanned code is, and what a member holds.

    scan(ctx, code, at=, member_id=) -> ScanResult   member | coupon | product, or CodeError with the reason
    parse(ctx, code)                                 parse and verify offline (revoked keys refused; terminal-signed
                                                     vouchers `LT1V…` with the brand's device keys)
    resolve_member(ctx, code) -> Member              a usable member card (signed, or a keyed number)
    resolve_coupon(ctx, code, uses) -> CouponClaim   a coupon as claimed in a basket (bundle children too)
    member_view(ctx, member, at) -> MemberView       balances, points expiring soon, usable coupons

Reads only; card and coupon numbers are keyed with the replica secret (a locked vault refuses
them, not products).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from terminal.domain import codes, layouts
from terminal.domain.device_issuance import check_issuable
from terminal.storage import member_value as mv
from terminal.domain.burn import balance
from terminal.domain.clock import zone
from terminal.domain.gifting import gifted_message
from terminal.domain.models import CouponClaim, CouponInstance, CouponTemplate, Member
from terminal.domain.ownership import Ownership, ownership, resolve_ownership
from terminal.domain.reasons import AuthorizationError, CodeError, Reason
from terminal.domain.validity import check_coupon, mask_name
from terminal.storage.member_history import purchase_history
from terminal.storage.replica_secret import ReplicaSecret
from terminal.usecases.context import ServiceContext

log = logging.getLogger("terminal.services")

EXPIRING_SOON = timedelta(days=30)  # points expiring within this are listed in the member view


@dataclass(frozen=True)
class CouponView:
    code: str
    template_id: str
    name: str
    kind: str
    remaining_uses: int
    total_uses: int
    status: str
    valid_until: str | None
    usable: bool
    reason: str | None
    message: str
    partner: str | None = None
    details: dict[str, Any] = field(default_factory=dict)  # a refusal's figures (CodeError.details)


@dataclass(frozen=True)
class MemberView:
    id: str
    masked_name: str
    tier_id: str
    tier_name: str
    status: str
    balances: dict[str, int]
    expiring_soon: list[dict[str, Any]]
    coupons: list[CouponView]


@dataclass(frozen=True)
class ScanResult:
    kind: str  # member | coupon | product
    member: MemberView | None = None
    coupon: CouponView | None = None
    product: dict[str, Any] | None = None


def _number_secret(ctx: ServiceContext, doing: str) -> tuple[ReplicaSecret | None, AuthorizationError | None]:
    """The replica secret that keys card and coupon numbers, read once per scanned number (a
    locked vault may prompt at every read): (secret, None), or (None, the VAULT_UNAVAILABLE
    refusal) for the caller to raise when no product answers the number instead."""
    try:
        return ctx.replica_secret(doing), None
    except AuthorizationError as err:
        return None, err


def _cards_not_here_yet(ctx: ServiceContext) -> bool:
    """This replica has members but no card hashes yet (upgraded by migration 0008 and not synced since)."""
    return (ctx.replica.card_hash_salt() is None
            and ctx.replica.conn.execute("SELECT 1 FROM members LIMIT 1").fetchone() is not None)


def _numbers_not_here_yet(ctx: ServiceContext, digits: str, *, cards: bool = True, coupons: bool = True) -> None:
    """CodeError(UNKNOWN) saying so when the numbers a scanned `digits` could be have not arrived
    yet: member card numbers (`cards`; migration 0008) or coupon numbers (`coupons`; migration 0009,
    until the next full pull). Nothing when they are all here."""
    cards = cards and _cards_not_here_yet(ctx)
    coupons = coupons and ctx.replica.coupon_numbers_pending()
    if cards or coupons:
        what = "member card and coupon numbers" if cards and coupons else "member card numbers" if cards else "coupon numbers"
        meanwhile = ("a signed member card works" if not coupons else "signed QR codes work" if cards
                     else "the coupon's QR code works")
        raise CodeError(Reason.UNKNOWN, f"No {'member card or ' if cards else ''}coupon with number {digits} on this terminal "
                        f"yet: {what} arrive with the next sync ({meanwhile} meanwhile).")


def _day_bounds(ctx: ServiceContext, d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=zone(ctx.store.timezone))


def parse(ctx: ServiceContext, code: str) -> codes.ParsedCode:
    """Parse and verify offline. A code signed with a revoked issuer key (a `key` revocation
    pulled from the server, or a key the server retired) raises CodeError(Reason.REVOKED)
    naming the key and the reason, whether or not the key is still in the replica. A code typed by a
    scanner on a German or French keyboard layout is mapped back when exactly one mapping verifies,
    else refused KEYBOARD_LAYOUT (terminal/domain/layouts.py)."""
    keyring, devices = ctx.keyring(), ctx.device_check()
    try:
        parsed = layouts.parse_scanned(code, lambda text: codes.parse(text, keyring, devices))
    except CodeError as exc:
        if exc.reason is Reason.UNKNOWN_KEY:
            _check_key_usable(ctx, exc.details.get("key_id"))
        raise
    if isinstance(parsed, (codes.SignedCoupon, codes.SignedMember, codes.SignedGiftCard)):
        _check_key_usable(ctx, parsed.key_id)
    return parsed


def canonical_code(ctx: ServiceContext, code: str) -> str:
    """`code` as the scanner meant it: a code garbled by a German/French keyboard layout becomes
    the one spelling that verifies (terminal/domain/layouts.py); anything else is returned as is.
    CodeError KEYBOARD_LAYOUT when the layout shows but no single spelling verifies."""
    keyring, devices = ctx.keyring(), ctx.device_check()
    return layouts.canonical_text(code, lambda text: codes.parse(text, keyring, devices))


def _check_key_usable(ctx: ServiceContext, key_id: int | None) -> None:
    if key_id is None:
        return
    why = ctx.replica.is_revoked("key", str(key_id))
    if why is not None:
        raise CodeError(Reason.REVOKED, f"Code is signed with issuer key {key_id}, which was revoked: {why}.", key_id=key_id)


MEMBER_REF = "member-id:"  # a member attached by search at this counter (terminal/usecases/member_search.py), never scanned


def resolve_member(ctx: ServiceContext, code: str, parsed: codes.ParsedCode | None = None) -> Member:
    if parsed is None and code.startswith(MEMBER_REF):  # found by phone or name and attached: a member of the replica
        member = ctx.replica.member(code[len(MEMBER_REF):])
        if member is None:
            raise CodeError(Reason.UNKNOWN, "The member found by search is not on this terminal (any more): search again.")
        _check_member_usable(ctx, member)
        return member
    parsed = parsed or parse(ctx, code)
    if isinstance(parsed, codes.SignedMember):
        member = ctx.replica.member(parsed.member_id)
        if member is None and ctx.unknown_members is not None:
            member = ctx.unknown_members.signed_card(parsed)  # looked up online, else the offline allowance
        if member is None:
            raise CodeError(Reason.UNKNOWN, "Genuine member card, but the member is not on this terminal yet (sync needed).")
    elif isinstance(parsed, codes.PlainCode):
        secret = ctx.replica_secret("look up a member card number")  # card and coupon numbers are keyed
        if ctx.replica.coupon_by_number(parsed.digits, secret) is not None:
            raise CodeError(Reason.WRONG_KIND, "This is a coupon, not a member card.")
        member = ctx.replica.member_by_number(parsed.digits, secret)
        if member is None and ctx.unknown_members is not None:
            member = ctx.unknown_members.card_number(parsed.digits)  # online only
        if member is None:
            _numbers_not_here_yet(ctx, parsed.digits, coupons=False)
            raise CodeError(Reason.UNKNOWN, f"No member with card number {parsed.digits}.")
    elif isinstance(parsed, codes.RefCode):
        raise CodeError(Reason.UNKNOWN, "Not a member card: scan the card or type its number.")
    elif isinstance(parsed, codes.SignedGiftCard):
        raise CodeError(Reason.WRONG_KIND, "This is a gift card, not a member card.", gift_card=True)
    else:
        raise CodeError(Reason.WRONG_KIND, "This is a coupon, not a member card.")
    _check_member_usable(ctx, member)
    return member


def _check_member_usable(ctx: ServiceContext, member: Member) -> None:
    why = ctx.replica.is_revoked("member", member.id)
    if why is not None or member.status != "active":
        raise CodeError(Reason.REVOKED, f"This member card is blocked{': ' + why if why else ''}.")


def resolve_coupon(ctx: ServiceContext, code: str, uses: int = 1, parsed: codes.ParsedCode | None = None) -> CouponClaim:
    parsed = parsed or parse(ctx, code)
    tpls = ctx.replica.catalog()["templates"]
    if isinstance(parsed, (codes.SignedCoupon, codes.DeviceVoucher)):
        inst = ctx.replica.coupon(parsed.code)
        if inst is None:  # genuine, not replicated yet: accepted within the template's `unreplicated` policy
            if parsed.template_id not in tpls:
                raise CodeError(Reason.UNKNOWN, "Genuine coupon of a type this terminal does not know yet (sync needed).")
            if isinstance(parsed, codes.DeviceVoucher):  # issued by a terminal of the brand, maybe offline
                # only what a counter issues (exchange / next-order rules): CodeError(device_not_issuer)
                check_issuable(parsed, templates=tpls, offers=mv.offers(ctx.replica.conn).values(), at=ctx.now(None))
                inst = parsed.instance()
            else:
                inst = CouponInstance(
                    code=parsed.code, template_id=parsed.template_id, member_id=parsed.member_id, total_uses=parsed.uses,
                    valid_until=_day_bounds(ctx, parsed.valid_until + timedelta(days=1)) if parsed.valid_until else None,
                    issued_at=_day_bounds(ctx, parsed.issued_on), in_replica=False,
                )
        elif parsed.member_id and parsed.member_id != inst.member_id and parsed.member_id in inst.gifted_from:
            # the old owner's signed code of a gifted voucher (issue 15): refused at every store
            raise CodeError(Reason.GIFTED, gifted_message(inst, tpls[inst.template_id]), code=inst.code)
    elif isinstance(parsed, codes.PlainCode):
        secret = ctx.replica_secret("look up a coupon number")
        inst = ctx.replica.coupon_by_number(parsed.digits, secret)
        if inst is None:
            if ctx.replica.member_by_number(parsed.digits, secret) is not None:
                raise CodeError(Reason.WRONG_KIND, "This is a member card, not a coupon.")
            _numbers_not_here_yet(ctx, parsed.digits, cards=False)
            raise CodeError(Reason.UNKNOWN, f"No coupon with number {parsed.digits}.")
    elif isinstance(parsed, codes.RefCode):
        inst = ctx.replica.coupon(parsed.text)
        if inst is None:
            raise CodeError(Reason.UNKNOWN, f"No coupon with code {parsed.text}.")
    elif isinstance(parsed, codes.SignedGiftCard):  # paid with (--gift-card), not redeemed
        raise CodeError(Reason.WRONG_KIND, "This is a gift card, not a coupon: pay with it.", gift_card=True)
    else:
        raise CodeError(Reason.WRONG_KIND, "This is a member card, not a coupon.")
    why = ctx.replica.is_revoked("coupon", inst.code)
    if why is not None:
        raise CodeError(Reason.VOIDED, f"Coupon {inst.code} was revoked: {why}.")
    tpl = tpls[inst.template_id]
    children = tuple((c, tpls[c.template_id]) for c in ctx.replica.coupon_children(inst.code)) if tpl.kind.value == "bundle" else ()
    return CouponClaim(code, inst, tpl, uses, children, owner=coupon_ownership(ctx, inst, tpl))


def coupon_ownership(ctx: ServiceContext, inst: CouponInstance, tpl: CouponTemplate) -> Ownership:
    """Who may use `inst`: its own member, or its bundle's owner (terminal/domain/ownership.py), the
    bundles found in the replica."""
    tpls = ctx.replica.catalog()["templates"]

    def bundle(code: str) -> tuple[CouponInstance, CouponTemplate] | None:
        b = ctx.replica.coupon(code)
        return (b, tpls[b.template_id]) if b is not None and b.template_id in tpls else None

    return resolve_ownership(inst, tpl, bundle)


def scan(ctx: ServiceContext, code: str, *, at: datetime | None = None, member_id: str | None = None) -> ScanResult:
    """What did the cashier scan? Raises CodeError with the precise reason."""
    at = ctx.now(at)
    parsed = parse(ctx, code)
    if isinstance(parsed, codes.SignedMember):
        return ScanResult("member", member=member_view(ctx, resolve_member(ctx, code, parsed), at))
    if isinstance(parsed, codes.PlainCode):
        # a product number is found without the replica secret; member card and coupon numbers
        # need it (keyed: a locked vault refuses them, not products)
        secret, refusal = _number_secret(ctx, "look up a member card or coupon number")
        coupon = ctx.replica.coupon_by_number(parsed.digits, secret)
        member = ctx.replica.member_by_number(parsed.digits, secret)
        if member is not None:
            _check_member_usable(ctx, member)
            return ScanResult("member", member=member_view(ctx, member, at))
        product = _product_by_barcode(ctx, parsed.digits)
        if product is not None and coupon is None:
            return ScanResult("product", product={"sku": product.sku, "name": product.name, "price": product.price})
        if coupon is None:
            if refusal is not None:  # the locked vault is why nothing was found
                raise refusal
            if ctx.unknown_members is not None and (member := ctx.unknown_members.card_number(parsed.digits)):
                _check_member_usable(ctx, member)  # a member outside this store's slice, looked up online
                return ScanResult("member", member=member_view(ctx, member, at))
            _numbers_not_here_yet(ctx, parsed.digits)
    if isinstance(parsed, codes.RefCode) and ctx.replica.coupon(parsed.text) is None:
        product = ctx.replica.product(parsed.text)
        if product is not None:
            return ScanResult("product", product={"sku": product.sku, "name": product.name, "price": product.price})
    claim = resolve_coupon(ctx, code, parsed=parsed)
    member = ctx.replica.member(member_id) if member_id else None
    return ScanResult("coupon", coupon=_coupon_view(ctx, claim.instance, claim.template, member, at, claim.owner))


def _product_by_barcode(ctx: ServiceContext, digits: str):
    """The product whose SKU or barcode is `digits` in any of its forms (UPC-E / UPC-A / EAN-13,
    `codes.barcode_forms`), or None."""
    for form in codes.barcode_forms(digits):
        product = ctx.replica.product(form)
        if product is not None:
            return product
    return None


def _coupon_view(ctx: ServiceContext, inst: CouponInstance, tpl, member: Member | None, at: datetime,
                 owner: Ownership | None = None) -> CouponView:
    history = ctx.replica.template_history(member.id, tpl.id) if member else ()
    owner = owner or coupon_ownership(ctx, inst, tpl)
    prior = purchase_history(ctx.replica.conn, member.id).purchases if member else 0
    try:
        check_coupon(inst, tpl, store=ctx.store, member=member, at=at, history=history, owner=owner, prior_purchases=prior)
        usable, reason, message, details = True, None, f"{tpl.name}: valid", {}
    except CodeError as err:
        usable, reason, message, details = False, err.reason.value, err.message, dict(err.details)
        if err.reason == Reason.MEMBER_REQUIRED and member is None:
            usable, reason, message, details = True, None, f"{tpl.name}: valid for its member", {}
    return CouponView(
        inst.code, tpl.id, tpl.name, tpl.kind.value, inst.remaining_uses, inst.total_uses, inst.status,
        inst.valid_until.isoformat() if inst.valid_until else None, usable, reason, message, tpl.partner, details,
    )


def _held_bundle(ctx: ServiceContext, view: CouponView, inst: CouponInstance, tpl: CouponTemplate, member: Member,
                 at: datetime) -> CouponView:
    """A held bundle as the checkout will take it: usable only while one of its vouchers is (the
    checkout frees items through the children, `terminal.domain.checkout._apply_bundle`), its uses
    those of its usable children (left / all). Any other coupon: `view` unchanged."""
    if tpl.kind.value != "bundle":
        return view
    tpls = ctx.replica.catalog()["templates"]
    owner = coupon_ownership(ctx, inst, tpl)
    usable, refusals, total = [], [], 0
    for child in ctx.replica.coupon_children(inst.code):
        ctpl = tpls.get(child.template_id)
        if ctpl is None:
            continue
        total += child.total_uses
        try:
            check_coupon(child, ctpl, store=ctx.store, member=member, at=at, owner=ownership(child, ctpl, (inst.code, owner)))
        except CodeError as err:
            refusals.append(err)
            continue
        usable.append(child)
    left = sum(c.remaining_uses for c in usable)
    view = replace(view, remaining_uses=left, total_uses=total)
    if not view.usable or usable:
        return view
    if not refusals or all(e.reason == Reason.USED_UP for e in refusals):
        return replace(view, usable=False, reason=Reason.USED_UP.value,
                       message=f"{tpl.name}: every voucher in this bundle is used ({total} of {total}).")
    err = refusals[0]
    return replace(view, usable=False, reason=err.reason.value, message=f"{tpl.name}: {err.message}")


def member_view(ctx: ServiceContext, member: Member, at: datetime | None = None) -> MemberView:
    at = ctx.now(at)
    cat = ctx.replica.catalog()
    lots = ctx.replica.lots(member.id)
    balances = {pt: balance(lots, pt, at) for pt in cat["point_types"]}
    soon = [
        {"point_type": lot.point_type, "points": lot.points, "expires_at": lot.expires_at.isoformat()}
        for lot in sorted(lots, key=lambda lot: lot.expires_at or datetime.max.replace(tzinfo=timezone.utc))
        if lot.usable_at(at) and lot.expires_at is not None and lot.expires_at - at <= EXPIRING_SOON
    ]
    coupons = [
        _held_bundle(ctx, _coupon_view(ctx, c, cat["templates"][c.template_id], member, at), c,
                     cat["templates"][c.template_id], member, at)
        for c in ctx.replica.member_coupons(member.id)
        if c.status == "active" and (c.remaining_uses > 0 or cat["templates"][c.template_id].kind.value == "bundle")
    ]
    tier = cat["tiers"].get(member.tier_id)
    return MemberView(member.id, mask_name(member.name), member.tier_id, tier.name if tier else member.tier_id, member.status,
                      balances, soon, coupons)
