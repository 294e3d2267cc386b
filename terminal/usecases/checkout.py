"""Checkout: build the basket, preview it, settle it in one transaction with its outbox event.

    preview(ctx, req, at=) -> CheckoutPreview        what the basket costs now (nothing written)
    settle(ctx, req, cashier_id=, at=, override=)    settle atomically -> the receipt (a dict); the same
                                                     checkout id with the same request returns the first
                                                     receipt (replayed), with other content it is refused
    build_basket(ctx, req) -> Basket

A settlement beyond the offline allowance needs an `AllowanceOverride` (a manager's PIN and a
reason, audited). Refusals are DomainError subclasses with a reason; StorageError when the disk
refuses the write (nothing is written either way).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from terminal import __version__
from terminal.domain.checkout import CheckoutPreview, RefusedClaim, preview_checkout
from terminal.domain.clock import local
from terminal.domain.events import canonical_json
from terminal.domain.figures import balances_after as sum_balances
from terminal.domain.models import Basket, BasketLine, CheckoutContext, CouponClaim
from terminal.domain.next_order import next_order_coupons
from terminal.domain.referral import check_referral, parse_referral, referee_coupon_code, referral_campaign
from terminal.domain.reasons import AuthorizationError, CheckoutError, CodeError, DomainError, Reason
from terminal.domain.settlement import SettlementPlan, plan_settlement
from terminal.storage.member_history import purchase_history
from terminal.domain.validity import mask_name
from terminal.storage.db import StorageError, transaction
from terminal.storage import value_store
from terminal.usecases import payment_methods, stored_value
from terminal.usecases.context import ServiceContext
from terminal.usecases.lookup import resolve_coupon, resolve_member
from terminal.usecases.staff import verify_staff
from terminal.usecases.voucher_codes import signed_code

log = logging.getLogger("terminal.services")


@dataclass(frozen=True)
class LineRequest:
    """A product by SKU/barcode, or an open amount (`amount` + `name`)."""

    sku: str | None = None
    quantity: int = 1
    amount: int | None = None
    name: str | None = None
    pay_with_points: bool = False


@dataclass(frozen=True)
class CouponRequest:
    code: str
    uses: int = 1


@dataclass(frozen=True)
class CheckoutRequest:
    checkout_id: str
    lines: tuple[LineRequest, ...]
    member_code: str | None = None
    coupons: tuple[CouponRequest, ...] = ()
    points: dict[str, int] = field(default_factory=dict)
    payment_method: str = "cash"
    expected_total: int | None = None
    # payments with stored value / gift cards (usecases/stored_value.py ValueTender); the rest by payment_method
    value_tenders: tuple = ()
    referral_code: str | None = None  # a new member's referral code (terminal/domain/referral.py)

    def fingerprint(self) -> str:
        """Hash of what was asked (not of the expected total): same id + same ask = same settlement."""
        body = asdict(self)
        body.pop("expected_total")
        if not body["value_tenders"]:
            body.pop("value_tenders")  # a sale without them hashes as before they existed
        if body["referral_code"] is None:  # the hash of a checkout without one is what it was before referrals
            body.pop("referral_code")
        # surrogatepass: a scanned code with an unpaired surrogate must reach the parser and get its
        # reason (malformed), not fail here with UnicodeEncodeError
        return hashlib.sha256(canonical_json(body).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class AllowanceOverride:
    """A manager's approval to settle beyond the terminal's offline allowance (recorded in the audit log)."""

    manager_id: str
    pin: str
    reason: str


def build_basket(ctx: ServiceContext, req: CheckoutRequest) -> Basket:
    lines = []
    for i, lr in enumerate(req.lines, start=1):
        if lr.sku is not None:
            p = ctx.replica.product(lr.sku)
            if p is None:
                raise CheckoutError(Reason.UNKNOWN_PRODUCT, f"Line {i}: no product {lr.sku!r}.", line=i)
            pp = None
            if lr.pay_with_points:
                if p.points_price is None:
                    raise CheckoutError(Reason.INVALID_BASKET, f"Line {i}: {p.name} has no points price.", line=i)
                pp = p.points_price
            lines.append(BasketLine(i, p.name, p.price, lr.quantity, p.sku, p.category_id, pp))
        elif lr.amount is not None:
            lines.append(BasketLine(i, lr.name or "Amount", lr.amount, lr.quantity))
        else:
            raise CheckoutError(Reason.INVALID_BASKET, f"Line {i}: give a product or an amount.", line=i)
    return Basket(tuple(lines), payment_methods.check(ctx, req.payment_method))


def _context(ctx: ServiceContext, req: CheckoutRequest, at: datetime) -> tuple[CheckoutContext, Basket, list]:
    cat = ctx.replica.catalog()
    basket = build_basket(ctx, req)
    member = resolve_member(ctx, req.member_code) if req.member_code else None
    claims: list[CouponClaim | RefusedClaim] = []
    history: dict[str, tuple[datetime, ...]] = {}
    for cr in req.coupons:
        try:
            if not (1 <= cr.uses <= 1000):
                raise CodeError(Reason.TOO_MANY_USES, f"Uses must be 1..1000, not {cr.uses}.")
            claim = resolve_coupon(ctx, cr.code, cr.uses)
        except DomainError as err:
            claims.append(RefusedClaim(cr.code, err))
            continue
        if member is not None and claim.template.id not in history:
            history[claim.template.id] = ctx.replica.template_history(member.id, claim.template.id)
        claims.append(claim)
    if ctx.unknown_members is not None:
        claims = ctx.unknown_members.claims(member, claims)
    prior = purchase_history(ctx.replica.conn, member.id).purchases if member else 0
    if req.referral_code is not None:
        check_referral_here(cat["templates"], req.referral_code, member, prior)
    cctx = CheckoutContext(
        store=ctx.store, at=at, member=member, lots=ctx.replica.lots(member.id) if member else (),
        point_types=cat["point_types"], earn_rules=cat["earn_rules"], history_by_template=history,
        promotions=cat.get("promotions", ()),
        prior_purchases=prior,
    )
    return cctx, basket, claims


def check_referral_here(templates, code: str, member, prior_purchases: int) -> str:
    """The referrer of `code` for this purchase (terminal/domain/referral.py), from what this terminal
    knows (the member's purchases: replica + its own unsynced sales). Raises CodeError with the reason
    (no_referral_campaign, malformed, bad_check_digit, member_required, self_referral, not_new_member)."""
    if referral_campaign(templates) is None:
        raise CodeError(Reason.NO_REFERRAL_CAMPAIGN, "No referral campaign runs here: the referral code cannot be used.",
                        field="referral_code")
    return check_referral(code, member, prior_purchases)


def preview(ctx: ServiceContext, req: CheckoutRequest, *, at: datetime | None = None) -> CheckoutPreview:
    at = ctx.now(at)
    cctx, basket, claims = _context(ctx, req, at)
    return preview_checkout(cctx, basket, claims, req.points)


def settle(ctx: ServiceContext, req: CheckoutRequest, *, cashier_id: str, at: datetime | None = None,
           override: AllowanceOverride | None = None) -> dict[str, Any]:
    """Settle atomically; the same checkout id asked again returns the first receipt.
    Each outcome is one log line IT can read (no member names, no codes' secrets)."""
    try:
        receipt = _settle(ctx, req, cashier_id=cashier_id, at=at, override=override)
    except DomainError as err:
        log.info("refused checkout %s by %s: [%s] %s", req.checkout_id, cashier_id, err.reason.value, err.message)
        raise
    except StorageError as err:
        log.error("checkout %s not saved: %s", req.checkout_id, err)
        raise
    log.info("%s checkout %s seq %s: gross %s, promotions -%s, coupons -%s, points -%s, total %s, member %s, cashier %s%s",
             "replayed" if receipt.get("replayed") else "settled", req.checkout_id, receipt["terminal_seq"],
             receipt["gross"], receipt.get("promotion_discount", 0), receipt["coupon_discount"], receipt["points_discount"], receipt["total"],
             (receipt.get("member") or {}).get("id", "-"), cashier_id,
             f", allowance override by {override.manager_id}: {override.reason!r}" if override else "")
    return receipt


def _settle(ctx: ServiceContext, req: CheckoutRequest, *, cashier_id: str, at: datetime | None,
            override: AllowanceOverride | None) -> dict[str, Any]:
    at = ctx.now(at)
    staff = ctx.replica.staff(cashier_id)
    if staff is None or (staff["stores"] and ctx.store_id not in staff["stores"]):
        raise AuthorizationError(Reason.NOT_AUTHORIZED, f"Staff {cashier_id!r} may not settle at store {ctx.store_id}.")
    if override is not None:
        if not (override.reason or "").strip():
            raise CheckoutError(Reason.INVALID_BASKET, "An allowance override needs a reason.")
        verify_staff(ctx, override.manager_id, override.pin, role="manager")
    fingerprint = req.fingerprint()
    with transaction(ctx.replica.db):
        existing = ctx.replica.settlement(req.checkout_id)
        if existing is not None:
            if existing["request_sha256"] != fingerprint:
                raise CheckoutError(Reason.CHECKOUT_ID_REUSED, f"Checkout {req.checkout_id} was already settled with different content.")
            return {**existing["receipt"], "replayed": True}
        cctx, basket, claims = _context(ctx, req, at)
        preview = preview_checkout(cctx, basket, claims, req.points)
        if req.expected_total is not None and req.expected_total != preview.total:
            raise CheckoutError(
                Reason.PREVIEW_CHANGED,
                f"The total changed from {req.expected_total} to {preview.total} since the preview; check and settle again.",
                expected=req.expected_total, actual=preview.total,
            )
        tenders = stored_value.tender_plan(ctx, member=cctx.member, tenders=req.value_tenders, total=preview.total,
                                           at=at) if req.value_tenders else None
        exceeded = ctx.allowances.check(ctx.replica, member=cctx.member, preview=preview, claims=claims, at=at) if ctx.allowances else []
        exceeded += stored_value.allowance_exceeded(ctx, tenders, at=at, ceiling=False)
        beyond = ctx.allowances.beyond_override(ctx.replica, member=cctx.member, preview=preview, claims=claims,
                                                 at=at) if exceeded and override is not None else []
        if exceeded and override is not None:
            beyond += stored_value.allowance_exceeded(ctx, tenders, at=at, ceiling=True)
        if beyond:
            raise AuthorizationError(
                Reason.OFFLINE_ALLOWANCE_EXCEEDED,
                "Beyond what a manager may approve offline: " + " ".join(x["message"] for x in beyond)
                + " Sync with the server first.",
                allowance_exceeded=exceeded, beyond_override=beyond,
            )
        if exceeded and override is None:
            raise AuthorizationError(
                Reason.OFFLINE_ALLOWANCE_EXCEEDED,
                "Beyond this terminal's offline allowance: " + " ".join(x["message"] for x in exceeded)
                + " A manager must approve (override).",
                allowance_exceeded=exceeded,
            )
        plan = plan_settlement(checkout_id=req.checkout_id, ctx=cctx, basket=basket, preview=preview, cashier_id=cashier_id,
                               terminal_id=ctx.terminal_id)
        if ctx.unknown_members is not None:
            ctx.unknown_members.ensure_row(cctx.member)
        for claim in claims:
            if isinstance(claim, CouponClaim) and not claim.instance.in_replica:
                ctx.replica.ensure_signed_coupon(claim.instance)
        payload = {**plan.payload, "based_on_cursor": ctx.replica.applied_cursor(), "app_version": __version__}
        if tenders is not None:
            payload["value_payments"] = stored_value.payload_of(tenders)
        signed = {c.instance.code: c.scanned for c in claims if isinstance(c, CouponClaim) and not c.instance.in_replica}
        if signed:  # the server verifies the signature of a code it has never seen
            payload["coupons"] = [{**u, "signed": signed[u["code"]]} if u["code"] in signed else u for u in payload["coupons"]]
        if exceeded:
            payload["allowance_override"] = {"manager_id": override.manager_id, "reason": override.reason.strip(),
                                             "exceeded": [{k: v for k, v in x.items() if k != "message"} for x in exceeded]}
            ctx.replica.audit(at=at, actor_id=override.manager_id, action="allowance_override", reason=override.reason.strip(),
                               details={"checkout_id": req.checkout_id, "exceeded": exceeded})
        if req.referral_code is not None:
            payload["referral_code"] = req.referral_code.strip()
        event_id, seq = ctx.append_event("settlement", payload, at)
        receipt = _receipt(ctx, req.checkout_id, at, cashier_id, cctx.member, basket, preview, plan, event_id, seq)
        if tenders is not None:
            receipt.update(stored_value.receipt_of(tenders, plan.total, req.payment_method))
        else:  # how it was paid, on every receipt (the counter's payment method: issue 17 §4.4)
            receipt["payments"] = [{"method": req.payment_method, "amount": plan.total}] if plan.total else []
        receipt["next_order_coupons"] = next_order_receipt(ctx, cctx.member, plan.total, at, event_id)
        if req.referral_code is not None:  # the server rewards it when it books the sale (sync/server/referrals.py)
            receipt["referral"] = {"referrer_id": parse_referral(req.referral_code), "coupon_code": referee_coupon_code(event_id)}
        ctx.replica.write_settlement(plan, event_id=event_id, request_sha256=fingerprint, store_id=ctx.store_id,
                                      terminal_id=ctx.terminal_id, cashier_id=cashier_id, at=at, receipt=receipt)
        if tenders is not None:
            value_store.write_spends(ctx.replica.conn, event_id=event_id, checkout_id=req.checkout_id, spends=tenders.spends, at=at)
    ctx.written()
    return receipt


def next_order_receipt(ctx: ServiceContext, member, total: int, at: datetime, event_id: str) -> list[dict[str, Any]]:
    """The next-order coupons this settlement earns (terminal/domain/next_order.py), as printed on the
    receipt: code, template, name and the store-local days it is valid (from, until inclusive). The server
    issues them when it books the settlement; the member holds them after the next sync. `signed_code`: the
    `LT1V…` code signed by this terminal (any store of the brand accepts it before this one syncs), or None."""
    tz = ctx.store.timezone
    templates = ctx.replica.catalog()["templates"]
    return [{"code": c.code, "template_id": c.template_id, "name": c.name, "valid_from": local(c.valid_from, tz).date().isoformat(),
             "valid_until": (local(c.valid_until, tz).date() - timedelta(days=1)).isoformat(),
             "signed_code": signed_code(ctx, code=c.code, template_id=c.template_id, member_id=c.member_id, issued_at=at,
                                        valid_from=c.valid_from, valid_until=c.valid_until, uses=templates[c.template_id].uses)}
            for c in next_order_coupons(templates, total=total, member=member, store=ctx.store, at=at, event_id=event_id)]


def _receipt(ctx: ServiceContext, checkout_id, at, cashier_id, member, basket, preview: CheckoutPreview, plan: SettlementPlan,
             event_id, seq) -> dict[str, Any]:
    """What the member is told. Money and points figures come from `plan`, the rows written to the
    ledgers in the same transaction: points per type are sums over every earned / spent lot."""
    return {
        "checkout_id": checkout_id,
        "settled_at": at.isoformat(),
        "local_time": local(at, ctx.store.timezone).strftime("%Y-%m-%d %H:%M"),
        "store_id": ctx.store_id,
        "terminal_id": ctx.terminal_id,
        "cashier_id": cashier_id,
        "member": None if member is None else {"id": member.id, "masked_name": mask_name(member.name)},
        "lines": [{"name": ln.name, "quantity": ln.quantity, "gross": ln.gross, "net": preview.line_net[ln.line_id]} for ln in basket.lines],
        "gross": plan.gross,
        "promotion_discount": plan.promotion_discount,
        "promotions": [{"promotion_id": u.promotion_id, "name": u.name, "discount": u.discount} for u in plan.promotion_uses],
        "coupon_discount": plan.coupon_discount,
        "points_discount": plan.points_discount,
        "total": plan.total,
        "explanation": [{"kind": e.kind, "text": e.text, "amount": e.amount, "points": e.points, "ref": e.ref}
                        for e in preview.explanation],
        "points_earned": plan.points_earned,
        "points_spent": plan.points_spent,
        "balances_after": sum_balances(preview.balances_before, plan.points_earned, plan.points_spent),
        "event_id": event_id,
        "terminal_seq": seq,
        "replayed": False,
    }
