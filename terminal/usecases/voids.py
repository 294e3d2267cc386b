"""Voids: reverse a whole settlement within the void window, with a manager's PIN and a reason.

    void(ctx, checkout_id, manager_id=, pin=, reason=, at=) -> {checkout_id, voided_at, event_id,
        terminal_seq, coupons, points}   (the rows it reverses locally, negated, for the receipt)

One transaction writes the void, its outbox event (naming only the original: the server derives
the reversal from what it recorded) and the audit row; stored value and gift cards paid with are put back
exactly (`value_store.write_void`). Partial returns give it back in proportion instead
(terminal/usecases/returns.py: per tender, `refund` rows of the value ledger).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from terminal import __version__
from terminal.domain.reasons import CheckoutError, DomainError, Reason
from terminal.domain.settlement import check_void_allowed
from terminal.storage import value_store
from terminal.storage.db import transaction
from terminal.storage.member_value import write_value_void
from terminal.usecases.context import ServiceContext
from terminal.usecases.staff import verify_staff

log = logging.getLogger("terminal.services")


def void(ctx: ServiceContext, checkout_id: str, *, manager_id: str, pin: str, reason: str, at: datetime | None = None) -> dict[str, Any]:
    """Void within the window with a manager's PIN; logged either way."""
    try:
        res = _void(ctx, checkout_id, manager_id=manager_id, pin=pin, reason=reason, at=at)
    except DomainError as err:
        log.warning("void of %s by %s refused: [%s] %s", checkout_id, manager_id, err.reason.value, err.message)
        raise
    log.warning("voided checkout %s (seq %s) by manager %s: %r", checkout_id, res["terminal_seq"], manager_id, reason)
    return res


def _void(ctx: ServiceContext, checkout_id: str, *, manager_id: str, pin: str, reason: str, at: datetime | None = None) -> dict[str, Any]:
    at = ctx.now(at)
    reason = (reason or "").strip()
    if not reason:
        raise CheckoutError(Reason.INVALID_BASKET, "A void needs a reason.")
    verify_staff(ctx, manager_id, pin, role="manager")
    with transaction(ctx.replica.db):
        s = ctx.replica.settlement(checkout_id)
        if s is None:
            raise CheckoutError(Reason.NOT_FOUND, f"No settlement {checkout_id} on this terminal.")
        if checkout_id.startswith(value_store.topup_checkout_id("")):
            raise CheckoutError(Reason.INVALID_REQUEST, f"{checkout_id} is a top-up's points bonus: void the top-up with "
                                "void-topup.", checkout_id=checkout_id)
        check_void_allowed(s["settled_at"], at, ctx.void_window, s["voided_at"] is not None, checkout_id)
        if ctx.replica.conn.execute("SELECT 1 FROM returns WHERE checkout_id = ? LIMIT 1", (checkout_id,)).fetchone():
            # a void reverses the whole sale: with items already returned it would give them back twice
            raise CheckoutError(Reason.INVALID_REQUEST, f"Checkout {checkout_id} has returns already: return the rest "
                                "of its items instead of voiding it.", checkout_id=checkout_id)
        rows_preview = _void_rows(ctx, s["event_id"])  # what this void reverses locally (shown on the receipt)
        # the event names only the original, the manager and the reason: the server derives
        # the reversal from what it recorded for the original
        payload = {"checkout_id": checkout_id, "voids_event_id": s["event_id"], "store_id": ctx.store_id,
                   "terminal_id": ctx.terminal_id, "manager_id": manager_id, "reason": reason, "occurred_at": at.isoformat(),
                   "based_on_cursor": ctx.replica.applied_cursor(), "app_version": __version__}
        event_id, seq = ctx.append_event("void", payload, at)
        ctx.replica.write_void(checkout_id=checkout_id, original_event_id=s["event_id"], event_id=event_id,
                                manager_id=manager_id, reason=reason, at=at)
        # stored value and gift cards paid with: put back exactly (the server derives the same from its ledger)
        value = value_store.write_void(ctx.replica.conn, original_event_id=s["event_id"], event_id=event_id,
                                       checkout_id=checkout_id, at=at)
        if value:
            rows_preview["value"] = value
        # an exchange's voucher is voided with it (refused once used), a giveaway claim stops counting (issue 15)
        rows_preview.update(write_value_void(ctx.replica.conn, checkout_id=checkout_id, original_event_id=s["event_id"],
                                             event_id=event_id, at=at))
        ctx.replica.audit(at=at, actor_id=manager_id, action="void", reason=reason, details={"checkout_id": checkout_id})
    ctx.written()
    return {"checkout_id": checkout_id, "voided_at": at.isoformat(), "event_id": event_id, "terminal_seq": seq, **rows_preview}


def _void_rows(ctx: ServiceContext, original_event_id: str) -> dict[str, Any]:
    c = ctx.replica.conn
    coupons = [{"code": r[0], "template_id": r[1], "uses": -r[2], "discount": -r[3]}
               for r in c.execute("SELECT code, template_id, uses, discount FROM coupon_ledger WHERE event_id = ? ORDER BY id", (original_event_id,))]
    points = [{"lot_id": r[0], "point_type": r[1], "delta": -r[2]}
              for r in c.execute("SELECT lot_id, point_type, delta FROM point_ledger WHERE event_id = ? ORDER BY id", (original_event_id,))]
    return {"coupons": coupons, "points": points}
