"""Member value at the counter (issue 15): points exchange, giveaway claims, gifting a voucher.

    exchange(ctx, offer_id, member_id=, cashier_id=, exchange_id=, at=) -> receipt dict
        spend the offer's points (lots soonest expiry first) and issue its voucher at once: the voucher
        (code `EX-…`, derived from the event id) is the member's and usable here now, at any store of
        its scope once synced, and before that by its signed code (`voucher.signed_code`, `LT1V…`
        signed with this terminal's device key; None when it cannot sign: terminal/usecases/voucher_codes.py). One transaction: settlements row (kind 'exchange'), burns, the voucher,
        the `exchange` outbox event.
    claim(ctx, campaign_id, member_id=, cashier_id=, claim_id=, at=) -> receipt dict
        a giveaway claim: `points_per_claim` earned on lot `claim/<event id>`, refused with the precise
        reason (cap, per day, per campaign) counted from the server's tallies plus this terminal's
        unsynced claims; offline at most the grant's `giveaway_claims` unsynced claims per campaign.
    transfer(ctx, client, code, from_member=, to_member=, cashier_id=) -> answer dict
        ONLY online: both members' cards scanned at the counter; the server moves the coupon
        (POST /v1/transfer) and the pull brings the new owner. Offline: CheckoutError(NOT_AUTHORIZED).
    Voids: `voids.void(ctx, exchange_id | claim_id, ...)`: the points come back, the voucher is voided
    (refused if it was used), a claim stops counting.

Refusals are DomainErrors with a Reason (nothing written); ids are 1..64 characters.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from terminal import __version__
from terminal.domain.events import canonical_json
from terminal.domain.exchange import plan_exchange
from terminal.domain.giveaway import check_claim
from terminal.domain.reasons import CheckoutError, DomainError, Reason
from terminal.storage import member_value as mv
from terminal.storage.db import transaction
from terminal.usecases.context import ServiceContext
from terminal.usecases.voucher_codes import signed_code

log = logging.getLogger("terminal.services")


def _fingerprint(kind: str, *parts: str) -> str:
    return hashlib.sha256(canonical_json({"kind": kind, "parts": list(parts)}).encode()).hexdigest()


def _replayed(ctx: ServiceContext, checkout_id: str, fingerprint: str) -> dict[str, Any] | None:
    existing = ctx.replica.settlement(checkout_id)
    if existing is None:
        return None
    if existing["request_sha256"] != fingerprint:
        raise CheckoutError(Reason.CHECKOUT_ID_REUSED, f"Id {checkout_id} was already used for something else on this terminal.")
    return {**existing["receipt"], "replayed": True}


def _member(ctx: ServiceContext, member_id: str):
    member = ctx.replica.member(member_id)
    if member is None:
        raise CheckoutError(Reason.NOT_FOUND, f"No member {member_id} on this terminal.")
    if member.status != "active" or ctx.replica.is_revoked("member", member.id):
        raise CheckoutError(Reason.REVOKED, f"Member {member_id} is blocked.")
    return member


def _grant(ctx: ServiceContext, at: datetime) -> dict | None:
    """The offline allowance grant in force (None: none, which holds the counter to zero), or {} when not checked (demo)."""
    if ctx.allowances is None:
        return {}
    from sync.allowances import current_grant

    return current_grant(ctx.replica.conn, at) or None


def exchange(ctx: ServiceContext, offer_id: str, *, member_id: str, cashier_id: str, exchange_id: str | None = None,
             at: datetime | None = None) -> dict[str, Any]:
    """Exchange points for the offer's voucher (module docstring). The same `exchange_id` again returns the first receipt."""
    at = ctx.now(at)
    exchange_id = exchange_id or str(uuid.uuid4())
    fingerprint = _fingerprint("exchange", offer_id, member_id)
    try:
        with transaction(ctx.replica.db):
            again = _replayed(ctx, exchange_id, fingerprint)
            if again is not None:
                return again
            offer = mv.offers(ctx.replica.conn).get(offer_id)
            if offer is None:
                raise CheckoutError(Reason.NOT_FOUND, f"No exchange offer {offer_id}.")
            template = ctx.replica.catalog()["templates"].get(offer.template_id)
            if template is None:
                raise CheckoutError(Reason.NOT_FOUND, f"Exchange offer {offer_id} issues template {offer.template_id}, not on this terminal.")
            member = _member(ctx, member_id)
            event_id = str(uuid.uuid4())
            plan = plan_exchange(offer, template, store=ctx.store, member=member, lots=ctx.replica.lots(member.id), at=at,
                                 event_id=event_id)
            _within_points_allowance(ctx, member.id, offer.point_type, offer.points, at)
            receipt = {"kind": "exchange", "exchange_id": exchange_id, "offer_id": offer.id, "offer": offer.name,
                       "member_id": member.id, "point_type": offer.point_type, "points_spent": offer.points,
                       "burns": [{"lot_id": b.lot_id, "points": b.points} for b in plan.burns],
                       "voucher": {"code": plan.code, "template_id": template.id, "name": template.name, "uses": template.uses,
                                   "valid_until": plan.valid_until.isoformat() if plan.valid_until else None,
                                   # any store of the brand accepts it before this one syncs (terminal/domain/device_codes.py)
                                   "signed_code": signed_code(ctx, code=plan.code, template_id=template.id, member_id=member.id,
                                                              issued_at=at, valid_from=None, valid_until=plan.valid_until,
                                                              uses=template.uses)},
                       "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "cashier_id": cashier_id, "at": at.isoformat()}
            payload = {"checkout_id": exchange_id, "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "member_id": member.id,
                       "offer_id": offer.id, "point_type": offer.point_type, "points": offer.points,
                       "burns": [{"lot_id": b.lot_id, "point_type": b.point_type, "points": b.points} for b in plan.burns],
                       "coupon": {"code": plan.code, "template_id": template.id,
                                  "valid_until": plan.valid_until.isoformat() if plan.valid_until else None},
                       "cashier_id": cashier_id, "occurred_at": at.isoformat(),
                       "based_on_cursor": ctx.replica.applied_cursor(), "app_version": __version__}
            _, seq = ctx.append_event("exchange", payload, at, event_id=event_id)
            receipt.update(event_id=event_id, terminal_seq=seq)
            mv.write_exchange(ctx.replica.conn, plan, checkout_id=exchange_id, request_sha256=fingerprint, event_id=event_id,
                              store_id=ctx.store_id, terminal_id=ctx.terminal_id, cashier_id=cashier_id, at=at,
                              total_uses=template.uses, receipt=receipt)
    except DomainError as err:
        log.warning("exchange %s of %s refused: [%s] %s", offer_id, member_id, err.reason.value, err.message)
        raise
    log.info("exchange %s: member %s spent %s %s for voucher %s", exchange_id, member_id, offer.points, offer.point_type, plan.code)
    ctx.written()
    return receipt


def _within_points_allowance(ctx: ServiceContext, member_id: str, point_type: str, points: int, at: datetime) -> None:
    """Offline, the points a member spends are bounded by the grant's `points_per_member` (unsynced spends + this)."""
    grant = _grant(ctx, at)
    if grant == {}:
        return
    from sync.allowances import unsynced_points_spent

    limit = (grant or {}).get("points_per_member", 0)
    unsynced = unsynced_points_spent(ctx.replica.conn, member_id, point_type)
    if unsynced + points > limit:
        raise CheckoutError(Reason.OFFLINE_ALLOWANCE_EXCEEDED,
                            f"{unsynced} {point_type} point(s) spent offline not yet synced + {points} now is more than the offline "
                            f"allowance of {limit}{'' if grant else ' (no current allowance from the server)'}: sync first.",
                            limit=limit, unsynced=unsynced, requested=points)


def claim(ctx: ServiceContext, campaign_id: str, *, member_id: str, cashier_id: str, claim_id: str | None = None,
          at: datetime | None = None) -> dict[str, Any]:
    """Claim a giveaway campaign's points for the member (module docstring)."""
    at = ctx.now(at)
    claim_id = claim_id or str(uuid.uuid4())
    fingerprint = _fingerprint("claim", campaign_id, member_id)
    try:
        with transaction(ctx.replica.db):
            again = _replayed(ctx, claim_id, fingerprint)
            if again is not None:
                return again
            campaign = mv.campaigns(ctx.replica.conn).get(campaign_id)
            if campaign is None:
                raise CheckoutError(Reason.NOT_FOUND, f"No giveaway campaign {campaign_id}.")
            if campaign.point_type not in ctx.replica.catalog()["point_types"]:
                raise CheckoutError(Reason.UNKNOWN_POINT_TYPE, f"{campaign.name} gives {campaign.point_type} points, unknown here.")
            member = _member(ctx, member_id)
            tally = mv.claim_tally(ctx.replica.conn, campaign.id, member.id)
            check_claim(campaign, store=ctx.store, member=member, at=at, tally=tally)
            grant = _grant(ctx, at)
            if grant != {}:
                limit = (grant or {}).get("giveaway_claims", 0)
                unsynced = mv.unsynced_claims(ctx.replica.conn, campaign.id)
                if unsynced + 1 > limit:
                    raise CheckoutError(Reason.OFFLINE_ALLOWANCE_EXCEEDED,
                                        f"{campaign.name}: {unsynced} claim(s) at this terminal not yet synced; the offline "
                                        f"allowance is {limit}{'' if grant else ' (no current allowance from the server)'}: "
                                        "sync first (the campaign's cap is counted by the server).",
                                        limit=limit, unsynced=unsynced, campaign_id=campaign.id)
            event_id = str(uuid.uuid4())
            lot_id = f"claim/{event_id}"
            expires = at + timedelta(days=campaign.lot_validity_days) if campaign.lot_validity_days else None
            receipt = {"kind": "claim", "claim_id": claim_id, "campaign_id": campaign.id, "campaign": campaign.name,
                       "member_id": member.id, "point_type": campaign.point_type, "points_earned": campaign.points_per_claim,
                       "lot_id": lot_id, "expires_at": expires.isoformat() if expires else None,
                       "claims_by_member": len(tally.member_claims) + 1, "per_member_total": campaign.per_member_total,
                       "campaign_left_points": campaign.total_points - tally.claimed_points - campaign.points_per_claim,
                       "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "cashier_id": cashier_id, "at": at.isoformat()}
            payload = {"checkout_id": claim_id, "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "member_id": member.id,
                       "campaign_id": campaign.id, "points": campaign.points_per_claim, "lot_id": lot_id, "cashier_id": cashier_id,
                       "occurred_at": at.isoformat(), "based_on_cursor": ctx.replica.applied_cursor(), "app_version": __version__}
            _, seq = ctx.append_event("points_claim", payload, at, event_id=event_id)
            receipt.update(event_id=event_id, terminal_seq=seq)
            mv.write_claim(ctx.replica.conn, campaign=campaign, member_id=member.id, lot_id=lot_id, expires_at=expires,
                           checkout_id=claim_id, request_sha256=fingerprint, event_id=event_id, store_id=ctx.store_id,
                           terminal_id=ctx.terminal_id, cashier_id=cashier_id, at=at, receipt=receipt)
    except DomainError as err:
        log.warning("claim of %s by %s refused: [%s] %s", campaign_id, member_id, err.reason.value, err.message)
        raise
    ctx.written()
    return receipt


def transfer(ctx: ServiceContext, client: Any, code: str, *, from_member: str, to_member: str, cashier_id: str,
             request_id: str | None = None) -> dict[str, Any]:
    """Give coupon `code` of `from_member` to `to_member`, online only (both cards scanned at the counter).

    `client`: the terminal's `sync.client.SyncClient` (None: not enrolled). The server decides (the
    domain's `check_transfer` on its rows) and the pull that follows brings the new owner. Raises
    CheckoutError(NOT_AUTHORIZED) offline or not enrolled; the server's refusal as a CheckoutError with
    its reason (`gifted`, `wrong_member`, `transfer_not_allowed`, `used_up`, ...). Nothing is written
    locally but what the pull brings and an audit row."""
    if client is None:
        raise CheckoutError(Reason.NOT_AUTHORIZED, "Gifting a voucher is done online only, with the central server: this terminal is not enrolled.")
    _member(ctx, from_member)
    from sync.client import RequestRefused, TransientError

    try:
        answer = client.transfer_coupon(code=code, from_member=from_member, to_member=to_member,
                                        request_id=request_id or str(uuid.uuid4()))
    except TransientError as exc:
        raise CheckoutError(Reason.NOT_AUTHORIZED, f"Gifting a voucher is done online only and the server cannot be reached "
                            f"({exc}); nothing was changed.") from None
    except RequestRefused as exc:
        code_ = getattr(exc, "code", None) or "invalid_request"
        try:
            reason = Reason(code_)
        except ValueError:
            reason = Reason.INVALID_REQUEST
        raise CheckoutError(reason, str(getattr(exc, "message", exc))) from None
    at = ctx.now()
    with transaction(ctx.replica.db):
        ctx.replica.audit(at=at, actor_id=cashier_id, action="transfer_coupon", reason="gift",
                          details={"code": code, "from_member": from_member, "to_member": to_member})
    return answer
