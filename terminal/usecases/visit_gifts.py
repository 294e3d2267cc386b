"""Visit gifts at the counter (來店禮, issue 16 section 3).

    member_gifts(ctx, member_id, at=) -> list[dict]
        the gifts running at this store (claim window, scope) for the member's tier: for each, the member's qualifying spend
        and the threshold ("spent 2,400 of 3,000"), whether it is claimed, and `eligible` with the
        reason it is not (the domain's `check_visit_gift`); shown by the CLI's `scan` of a member card
        and `balance`.
    claim_visit_gift(ctx, gift_id, member_id=, cashier_id=, claim_id=, at=) -> receipt dict
        records the claim once: refused with `visit_gift_not_active`, `visit_gift_already_claimed`,
        `visit_gift_threshold_not_met` (details: spent, threshold, short), `wrong_tier`, `wrong_store`,
        `wrong_brand`; offline at most the grant's `giveaway_claims` unsynced claims of the gift at this
        terminal (the same allowance as giveaway claims). One transaction: settlements row (kind
        'visit_gift'), the voucher (`VG-…`, derived from the event id, the member's, usable here at once)
        or the points lot, a visit_gift_ledger row, the `visit_gift_claim` outbox event.
    A void is `voids.void(ctx, claim_id, ...)`: the points reversed, the voucher voided (refused once
    used), the claim no longer counts.

Spend and claims: terminal/storage/visit_gift_store.py (the server's count plus unsynced local effects).
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from terminal import __version__
from terminal.domain.reasons import CheckoutError, DomainError, Reason
from terminal.domain.visit_gift import check_visit_gift, gift_code, gift_lot_id
from terminal.storage import visit_gift_store as vgs
from terminal.storage.db import transaction
from terminal.usecases.context import ServiceContext
from terminal.usecases.member_value import _fingerprint, _grant, _member, _replayed

log = logging.getLogger("terminal.services")


def member_gifts(ctx: ServiceContext, member_id: str, at: datetime | None = None) -> list[dict[str, Any]]:
    """The visit gifts claimable at this store now, with the member's progress (module docstring)."""
    at = ctx.now(at)
    member = ctx.replica.member(member_id)
    out = []
    for gift in vgs.gifts(ctx.replica.conn).values():
        if not (gift.starts_at <= at < gift.claim_ends) or not gift.in_scope(ctx.store):
            continue
        if gift.tiers and (member is None or member.tier_id not in gift.tiers):  # not for this member at all
            continue
        prog = vgs.progress(ctx.replica.conn, gift, member_id, ctx.store)
        try:
            check_visit_gift(gift, store=ctx.store, member=member, at=at, progress=prog)
            reason, message = None, None
        except CheckoutError as err:
            reason, message = err.reason.value, err.message
        out.append({"gift_id": gift.id, "name": gift.name, "spent": prog.spent, "threshold": gift.threshold, "short": prog.short,
                    "claimed_at": prog.claimed_at.isoformat() if prog.claimed_at else None, "eligible": reason is None,
                    "reason": reason, "message": message, "progress": prog.line(),
                    "gift": ({"template_id": gift.template_id} if gift.template_id else
                             {"point_type": gift.point_type, "points": gift.points})})
    return out


def claim_visit_gift(ctx: ServiceContext, gift_id: str, *, member_id: str, cashier_id: str, claim_id: str | None = None,
                     at: datetime | None = None) -> dict[str, Any]:
    """Record the member's claim of a visit gift (module docstring). The same `claim_id` again returns the first receipt."""
    at = ctx.now(at)
    claim_id = claim_id or str(uuid.uuid4())
    fingerprint = _fingerprint("visit_gift", gift_id, member_id)
    try:
        with transaction(ctx.replica.db):
            again = _replayed(ctx, claim_id, fingerprint)
            if again is not None:
                return again
            gift = vgs.gifts(ctx.replica.conn).get(gift_id)
            if gift is None:
                raise CheckoutError(Reason.NOT_FOUND, f"No visit gift {gift_id}.")
            cat = ctx.replica.catalog()
            template = cat["templates"].get(gift.template_id) if gift.template_id else None
            if gift.template_id and template is None:
                raise CheckoutError(Reason.NOT_FOUND, f"Visit gift {gift_id} gives template {gift.template_id}, not on this terminal.")
            if gift.point_type and gift.point_type not in cat["point_types"]:
                raise CheckoutError(Reason.UNKNOWN_POINT_TYPE, f"{gift.name} gives {gift.point_type} points, unknown here.")
            member = _member(ctx, member_id)
            prog = vgs.progress(ctx.replica.conn, gift, member.id, ctx.store)
            check_visit_gift(gift, store=ctx.store, member=member, at=at, progress=prog)
            grant = _grant(ctx, at)
            if grant != {}:
                limit = (grant or {}).get("giveaway_claims", 0)
                unsynced = vgs.unsynced_claims(ctx.replica.conn, gift.id)
                if unsynced + 1 > limit:
                    raise CheckoutError(Reason.OFFLINE_ALLOWANCE_EXCEEDED,
                                        f"{gift.name}: {unsynced} claim(s) at this terminal not yet synced; the offline "
                                        f"allowance is {limit}{'' if grant else ' (no current allowance from the server)'}: "
                                        "sync first (a member's claims are counted by the server).",
                                        limit=limit, unsynced=unsynced, gift_id=gift.id)
            event_id = str(uuid.uuid4())
            voucher = lot = None
            if template is not None:
                voucher = {"code": gift_code(event_id), "template_id": template.id, "uses": template.uses,
                           "valid_until": (at + timedelta(days=gift.voucher_valid_days)).isoformat()}
                payload_gift = {k: voucher[k] for k in ("code", "template_id", "valid_until")}
            else:
                expires = at + timedelta(days=gift.lot_validity_days) if gift.lot_validity_days else None
                lot = {"lot_id": gift_lot_id(event_id), "point_type": gift.point_type, "points": gift.points,
                       "expires_at": expires.isoformat() if expires else None}
                payload_gift = {k: lot[k] for k in ("lot_id", "point_type", "points")}
            receipt = {"kind": "visit_gift", "claim_id": claim_id, "gift_id": gift.id, "gift": gift.name, "member_id": member.id,
                       "spent": prog.spent, "threshold": gift.threshold, "voucher": voucher, "points": lot,
                       "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "cashier_id": cashier_id, "at": at.isoformat()}
            payload = {"checkout_id": claim_id, "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "member_id": member.id,
                       "gift_id": gift.id, "spent": prog.spent, "gift": payload_gift, "cashier_id": cashier_id,
                       "occurred_at": at.isoformat(), "based_on_cursor": ctx.replica.applied_cursor(), "app_version": __version__}
            _, seq = ctx.append_event("visit_gift_claim", payload, at, event_id=event_id)
            receipt.update(event_id=event_id, terminal_seq=seq)
            vgs.write_claim(ctx.replica.conn, gift=gift, member_id=member.id, checkout_id=claim_id, request_sha256=fingerprint,
                            event_id=event_id, store_id=ctx.store_id, terminal_id=ctx.terminal_id, cashier_id=cashier_id, at=at,
                            receipt=receipt, voucher=voucher, lot=lot)
    except DomainError as err:
        log.warning("visit gift %s of %s refused: [%s] %s", gift_id, member_id, err.reason.value, err.message)
        raise
    log.info("visit gift %s claimed for member %s (%s, spent %s of %s)", gift_id, member_id, claim_id, prog.spent, gift.threshold)
    ctx.written()
    return receipt
