"""Member value that is money: stored value (a member's wallet, 儲值金) and bearer gift cards.

    resolve_account(ctx, code, member=)   -> (ValueAccount, ValueProgram)   a gift card by its number or
                                             signed `LT1G…` code (never its account id: MALFORMED), a wallet
                                             by its account id (its member's card needed); code None: the member's wallet usable here
    value_view(ctx, member, at=)          -> [{account_id, program_id, kind, currency, balance, ...}]
    account_view(ctx, code, at=)          -> the same for one gift card (what `scan` shows)
    tender_plan(ctx, cctx, tenders, total) -> TenderPlan   (payments of a sale; nothing written)
    topup(ctx, TopupRequest, cashier_id=, at=) -> the receipt (a dict), one transaction with its
                                             `value_topup` outbox event; same topup id + same request = replay
    void_topup(ctx, topup_id, manager_id=, pin=, reason=, at=) -> its exact reversal (`value_topup_void` event)

Paying with stored value or a gift card is a payment (tender), not a discount: checkout.py asks
`tender_plan` after the preview, the sale's total and every line net stay as they are (points are
earned on the full amount) and the receipt lists the payments and the balances left. Refusals are
DomainError with a reason (terminal/domain/stored_value.py); nothing is written then.
Amounts: integer minor units of the program's currency; times UTC.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from terminal import __version__
from terminal.domain import codes
from terminal.domain.clock import local
from terminal.domain.events import canonical_json
from terminal.domain.models import Member
from terminal.domain.reasons import AuthorizationError, CheckoutError, CodeError, DomainError, Reason
from terminal.domain.stored_value import (TenderPlan, ValueAccount, ValueProgram, bonus_lot_id, bonus_points_expiry, check_usable,
                                          plan_tenders, plan_topup, valid_until_of)
from terminal.domain.validity import mask_name
from terminal.storage import value_store
from terminal.storage.db import transaction
from terminal.usecases.context import ServiceContext

log = logging.getLogger("terminal.services")
TENDERS = ("cash", "card")


@dataclass(frozen=True)
class ValueTender:
    """Pay `amount` (minor units) with a gift card (`account`: its printed number or id) or, with
    `account` None, with the member's stored value."""

    amount: int
    account: str | None = None


@dataclass(frozen=True)
class TopupRequest:
    """Top up `amount` (minor units) paid by `tender` ("cash" | "card") onto a gift card (`account`) or
    the wallet of the member whose card is `member_code`. `topup_id` is the idempotency key."""

    topup_id: str
    amount: int
    tender: str = "cash"
    account: str | None = None
    member_code: str | None = None

    def fingerprint(self) -> str:
        return hashlib.sha256(canonical_json(asdict(self)).encode("utf-8", "surrogatepass")).hexdigest()


def currency(ctx: ServiceContext) -> str:
    """The currency this counter takes (the catalog's)."""
    return ctx.replica.get_meta("currency", "TWD") or "TWD"


def resolve_account(ctx: ServiceContext, code: str | None, *, member: Member | None) -> tuple[ValueAccount, ValueProgram]:
    """The account a tender or top-up names. CodeError(UNKNOWN / MEMBER_REQUIRED ...) when there is none."""
    progs = value_store.programs(ctx.replica.conn)
    if code is None:
        if member is None:
            raise CodeError(Reason.MEMBER_REQUIRED, "Scan the member card to use stored value.")
        wallets = [a for a in value_store.member_accounts(ctx.replica.conn, member.id) if a.program_id in progs
                   and progs[a.program_id].kind == "wallet"]
        if not wallets:
            raise CodeError(Reason.UNKNOWN, f"Member {member.id} has no stored value account.", member_id=member.id)
        # the first usable here (brand, currency, validity); else the first, whose refusal says why
        for a in wallets:
            try:
                check_usable(a, progs[a.program_id], store=ctx.store, member=member, currency=currency(ctx), at=ctx.now())
                return a, progs[a.program_id]
            except DomainError:
                continue
        return wallets[0], progs[wallets[0].program_id]
    text = codes.normalise(code) if isinstance(code, str) else ""
    if text.upper().startswith(codes.PREFIX):
        return _signed_account(ctx, text, progs)
    if not text or len(text) > 64:
        raise CodeError(Reason.MALFORMED, "Not a gift card number.", field="account")
    acct = None
    if text.isdigit():
        if len(text) < 8 or codes.gs1_check_digit(text[:-1]) != int(text[-1]):
            raise CodeError(Reason.BAD_CHECK_DIGIT, "Gift card number: check digit wrong - scan again.", field="account")
        secret = ctx.replica_secret("look up a gift card number")
        from terminal.storage import keyed

        salt = keyed.salt(ctx.replica.conn)
        if secret is not None and salt:
            acct = value_store.account_by_number_key(ctx.replica.conn, keyed.number_key_of(secret, salt, text))
    by_id = False
    if acct is None:
        acct, by_id = value_store.account(ctx.replica.conn, text), True
    if acct is None or acct.program_id not in progs:
        raise CodeError(Reason.UNKNOWN, f"No gift card or stored value account {text[:20]}.", field="account")
    if by_id and progs[acct.program_id].kind == "gift_card":
        # a bearer card is its number (or signed code): the store PC holds the numbers only as keyed
        # hashes, so that nobody at a counter can spend a card they do not hold by typing its id
        raise CodeError(Reason.MALFORMED, f"{acct.id} is a gift card's account id: scan or type the number printed on the "
                        "card, or its signed code.", field="account", account_id=acct.id)
    if ctx.replica.is_revoked("member", acct.member_id or "") if acct.member_id else False:
        raise CodeError(Reason.REVOKED, f"The member of account {acct.id} is blocked.", account_id=acct.id)
    return acct, progs[acct.program_id]


def _signed_account(ctx: ServiceContext, text: str, progs: dict[str, ValueProgram]) -> tuple[ValueAccount, ValueProgram]:
    """A gift card by its signed code: verified offline with the issuer keys (`forged`, `unknown_key`,
    `revoked`, `malformed` as for coupons), then found in the replica by the account it names. A card
    the replica does not hold yet (issued after the last pull) is refused `unreplicated_not_allowed`:
    unlike a coupon (whose template's `unreplicated` policy may accept it), its balance is only known
    centrally and may have been spent at other stores since, so the counter cannot pay with it offline."""
    from terminal.usecases.lookup import parse

    parsed = parse(ctx, text)
    if not isinstance(parsed, codes.SignedGiftCard):
        raise CodeError(Reason.WRONG_KIND, "This signed code is a member card or coupon, not a gift card.", field="account")
    acct = value_store.account(ctx.replica.conn, parsed.account_id)
    if acct is None or acct.program_id not in progs:
        raise CodeError(Reason.UNREPLICATED_NOT_ALLOWED,
                        f"Genuine gift card {parsed.account_id} (issued {parsed.issued_on.isoformat()}), but this terminal does not "
                        "know it yet: it was issued after the last sync and its balance is only known centrally. Sync the "
                        "terminal, then scan it again.", account_id=parsed.account_id, field="account")
    if acct.program_id != parsed.program_id:
        raise CodeError(Reason.UNKNOWN, f"The signed code names gift card {parsed.account_id} of {parsed.program_id}; this "
                        f"terminal holds it as {acct.program_id}: not this card.", account_id=acct.id, field="account")
    return acct, progs[acct.program_id]


def _view(a: ValueAccount, p: ValueProgram, ctx: ServiceContext, member: Member | None, at: datetime) -> dict[str, Any]:
    try:
        check_usable(a, p, store=ctx.store, member=member if a.member_id else None, currency=currency(ctx), at=at)
        usable, reason = True, None
    except DomainError as err:
        usable, reason = False, err.reason.value
    return {"account_id": a.id, "program_id": p.id, "program": p.name, "kind": p.kind, "currency": p.currency,
            "balance": a.balance, "valid_until": (lambda u: u.isoformat() if u else None)(valid_until_of(a, p)),
            "usable": usable, "reason": reason}


def value_view(ctx: ServiceContext, member_id: str, at: datetime | None = None) -> list[dict[str, Any]]:
    """The member's wallets with their balances (replica + unsynced local rows) and whether each is usable here."""
    at = ctx.now(at)
    progs = value_store.programs(ctx.replica.conn)
    owner = Member(member_id, "", "")
    return [_view(a, progs[a.program_id], ctx, owner, at) for a in value_store.member_accounts(ctx.replica.conn, member_id)
            if a.program_id in progs]


def account_view(ctx: ServiceContext, code: str, at: datetime | None = None) -> dict[str, Any]:
    """A gift card's balance and whether it is usable here (`scan`, `gift-card`)."""
    at = ctx.now(at)
    a, p = resolve_account(ctx, code, member=None)
    return _view(a, p, ctx, None, at)


def tender_plan(ctx: ServiceContext, *, member: Member | None, tenders, total: int, at: datetime) -> TenderPlan:
    """The sale's value payments (domain `plan_tenders`), refused with the reason of the first that cannot pay."""
    resolved = [(*resolve_account(ctx, t.account, member=member), t.amount) for t in tenders]
    plan = plan_tenders(total, resolved, store=ctx.store, member=member, currency=currency(ctx), at=at)
    signed = {a.id: codes.normalise(t.account).upper() for t, (a, _, _) in zip(tenders, resolved)
              if isinstance(t.account, str) and codes.normalise(t.account).upper().startswith(codes.PREFIX)}
    if not signed:
        return plan
    return replace(plan, spends=tuple(replace(s, code=signed.get(s.account_id)) for s in plan.spends))


def allowance_exceeded(ctx: ServiceContext, plan: TenderPlan | None, *, at: datetime, ceiling: bool) -> list[dict[str, Any]]:
    """What the value payments exceed of the offline allowance (`ceiling`: of what a manager may approve)."""
    if plan is None or not plan.spends or ctx.allowances is None or not hasattr(ctx.allowances, "value_exceeded"):
        return []
    return ctx.allowances.value_exceeded(ctx.replica, plan.spends, at=at, ceiling=ceiling)


def payload_of(plan: TenderPlan) -> list[dict[str, Any]]:
    """The settlement payload's `value_payments` (the server re-judges each against its own ledger)."""
    return [{"account_id": s.account_id, "program_id": s.program_id, "kind": s.kind, "currency": s.currency, "amount": s.amount,
             **({"code": s.code} if s.code else {})} for s in plan.spends]


def receipt_of(plan: TenderPlan | None, total: int, payment_method: str) -> dict[str, Any]:
    """Receipt fields: each payment with the balance left, and what the rest was paid by."""
    spends = plan.spends if plan else ()
    rest = plan.rest if plan else total
    return {"payments": [{"method": s.kind, "account_id": s.account_id, "amount": s.amount, "currency": s.currency,
                          "balance_after": s.balance_after} for s in spends]
                        + ([{"method": payment_method, "amount": rest}] if rest else []),
            "value_paid": total - rest, "rest_due": rest}


# ---- top-up -------------------------------------------------------------------------------------
def topup(ctx: ServiceContext, req: TopupRequest, *, cashier_id: str, at: datetime | None = None) -> dict[str, Any]:
    """Top up a wallet or gift card; one transaction with its outbox event. Logged either way."""
    try:
        receipt = _topup(ctx, req, cashier_id=cashier_id, at=at)
    except DomainError as err:
        log.info("refused top-up %s by %s: [%s] %s", req.topup_id, cashier_id, err.reason.value, err.message)
        raise
    log.info("%s top-up %s seq %s: %s + bonus %s on %s, balance %s, cashier %s", "replayed" if receipt.get("replayed") else "booked",
             req.topup_id, receipt["terminal_seq"], receipt["amount"], receipt["bonus_value"], receipt["account_id"],
             receipt["balance_after"], cashier_id)
    return receipt


def _topup(ctx: ServiceContext, req: TopupRequest, *, cashier_id: str, at: datetime | None) -> dict[str, Any]:
    from terminal.usecases.lookup import resolve_member

    at = ctx.now(at)
    staff = ctx.replica.staff(cashier_id)
    if staff is None or (staff["stores"] and ctx.store_id not in staff["stores"]):
        raise AuthorizationError(Reason.NOT_AUTHORIZED, f"Staff {cashier_id!r} may not take top-ups at store {ctx.store_id}.")
    if req.tender not in TENDERS:
        raise CheckoutError(Reason.INVALID_REQUEST, f"tender must be one of {', '.join(TENDERS)}, not {req.tender!r}.", field="tender")
    if not isinstance(req.topup_id, str) or not (1 <= len(req.topup_id) <= 64) or not req.topup_id.isprintable():
        raise CheckoutError(Reason.INVALID_REQUEST, "topup_id must be 1..64 printable characters.", field="topup_id")
    fingerprint = req.fingerprint()
    with transaction(ctx.replica.db):
        existing = value_store.topup(ctx.replica.conn, req.topup_id)
        if existing is not None:
            if existing["request_sha256"] != fingerprint:
                raise CheckoutError(Reason.CHECKOUT_ID_REUSED, f"Top-up {req.topup_id} was already booked with different content.")
            return {**existing["receipt"], "replayed": True}
        member = resolve_member(ctx, req.member_code) if req.member_code else None
        acct, prog = resolve_account(ctx, req.account, member=member)
        plan = plan_topup(acct, prog, amount=req.amount, bonuses=value_store.bonuses(ctx.replica.conn), store=ctx.store,
                          member=member, currency=currency(ctx), at=at)
        points_member = member if member is not None else (ctx.replica.member(acct.member_id) if acct.member_id else None)
        expires = None
        if plan.bonus_points:  # "top up 1,000, get 50 points": a lot of the wallet's member
            if points_member is None or points_member.id != acct.member_id or ctx.replica.member(acct.member_id) is None:
                raise CodeError(Reason.UNKNOWN, f"{acct.id}: its member {acct.member_id} is not on this terminal; a top-up with "
                                "a points bonus needs them (sync, or scan the member card).", account_id=acct.id)
            pt = ctx.replica.catalog()["point_types"].get(plan.point_type)
            if pt is None:
                raise CodeError(Reason.UNKNOWN_POINT_TYPE, f"Bonus {plan.bonus_rule_id} gives {plan.point_type} points, unknown here.")
            expires = bonus_points_expiry(at, ctx.store.timezone, pt.validity_days)
        payload = {"topup_id": req.topup_id, "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "cashier_id": cashier_id,
                   "member_id": points_member.id if points_member else None, "account_id": plan.account_id,
                   "program_id": plan.program_id, "currency": plan.currency, "amount": plan.amount, "tender": req.tender,
                   "bonus_value": plan.bonus_value, "bonus_rule_id": plan.bonus_rule_id,
                   "bonus_points": plan.bonus_points, "point_type": plan.point_type,
                   "occurred_at": at.isoformat(), "based_on_cursor": ctx.replica.applied_cursor(), "app_version": __version__}
        event_id, seq = ctx.append_event("value_topup", payload, at)
        lot_id = bonus_lot_id(event_id) if plan.bonus_points else None
        receipt = {"topup_id": req.topup_id, "topped_up_at": at.isoformat(), "local_time": local(at, ctx.store.timezone).strftime("%Y-%m-%d %H:%M"),
                   "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "cashier_id": cashier_id,
                   "member": None if points_member is None else {"id": points_member.id, "masked_name": mask_name(points_member.name)},
                   "account_id": plan.account_id, "program": prog.name, "kind": prog.kind, "currency": plan.currency,
                   "amount": plan.amount, "tender": req.tender, "bonus_value": plan.bonus_value, "bonus_rule_id": plan.bonus_rule_id,
                   "bonus_points": plan.bonus_points, "point_type": plan.point_type, "points_lot_id": lot_id,
                   "points_expire_at": expires.isoformat() if expires else None,
                   "valid_until": plan.valid_until.isoformat() if plan.valid_until else None,
                   "balance_before": plan.balance_before,
                   "balance_after": plan.balance_after, "event_id": event_id, "terminal_seq": seq, "replayed": False}
        value_store.write_topup(ctx.replica.conn, plan, topup_id=req.topup_id, event_id=event_id, request_sha256=fingerprint,
                                tender=req.tender, cashier_id=cashier_id, at=at, receipt=receipt)
        if plan.bonus_points:
            value_store.write_bonus_points(ctx.replica.conn, plan, topup_id=req.topup_id, member_id=acct.member_id, lot_id=lot_id,
                                           expires_at=expires, event_id=event_id, store_id=ctx.store_id, terminal_id=ctx.terminal_id,
                                           cashier_id=cashier_id, at=at, receipt=receipt)
    ctx.written()
    return receipt


# ---- void of a top-up ---------------------------------------------------------------------------
def void_topup(ctx: ServiceContext, topup_id: str, *, manager_id: str, pin: str, reason: str,
               at: datetime | None = None) -> dict[str, Any]:
    """Void a top-up within the void window with a manager's PIN: the exact negation of its top-up and
    bonus rows and of its points bonus (`void_earn`: spent points leave a debt, as a sale's void does),
    one transaction with its `value_topup_void` event (naming only the original: the server
    derives the reversal) and the audit row. Refused (INSUFFICIENT_BALANCE) when the account no longer
    holds the top-up and its bonus (it was spent meanwhile), ALREADY_VOIDED, VOID_WINDOW_PASSED, NOT_FOUND."""
    from terminal.domain.settlement import check_void_allowed
    from terminal.usecases.staff import verify_staff

    at = ctx.now(at)
    reason = (reason or "").strip()
    if not reason:
        raise CheckoutError(Reason.INVALID_REQUEST, "A void needs a reason.", field="reason")
    verify_staff(ctx, manager_id, pin, role="manager")
    with transaction(ctx.replica.db):
        t = value_store.topup(ctx.replica.conn, topup_id)
        if t is None:
            raise CheckoutError(Reason.NOT_FOUND, f"No top-up {topup_id} on this terminal.")
        r = t["receipt"]
        voided = value_store.topup_voided(ctx.replica.conn, r["event_id"])
        check_void_allowed(datetime.fromisoformat(r["topped_up_at"]), at, ctx.void_window, voided, topup_id)
        acct = value_store.account(ctx.replica.conn, r["account_id"])
        back = r["amount"] + r["bonus_value"]
        if acct is None or acct.balance < back:
            have = acct.balance if acct else 0
            raise CodeError(Reason.INSUFFICIENT_BALANCE, f"{r['account_id']} holds {have}; voiding the top-up takes back {back} "
                            "(it was spent meanwhile).", account_id=r["account_id"], balance=have, requested=back)
        payload = {"topup_id": topup_id, "voids_event_id": r["event_id"], "store_id": ctx.store_id, "terminal_id": ctx.terminal_id,
                   "manager_id": manager_id, "reason": reason, "occurred_at": at.isoformat(),
                   "based_on_cursor": ctx.replica.applied_cursor(), "app_version": __version__}
        event_id, seq = ctx.append_event("value_topup_void", payload, at)
        rows = value_store.write_void(ctx.replica.conn, original_event_id=r["event_id"], event_id=event_id, checkout_id=None, at=at)
        points = value_store.void_bonus_points(ctx.replica.conn, topup_id=topup_id, original_event_id=r["event_id"],
                                               event_id=event_id, at=at)
        ctx.replica.audit(at=at, actor_id=manager_id, action="void_topup", reason=reason, details={"topup_id": topup_id})
    ctx.written()
    log.warning("voided top-up %s (seq %s) by manager %s: %r", topup_id, seq, manager_id, reason)
    return {"topup_id": topup_id, "voided_at": at.isoformat(), "event_id": event_id, "terminal_seq": seq, "value": rows,
            "points": points, "balance_after": acct.balance - back}
