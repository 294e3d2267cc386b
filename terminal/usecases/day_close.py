"""Close of day: a manager closes a store day once, refused while events are unsynced unless overridden.

    close_day(ctx, day, manager_id=, pin=, override_reason=, at=) -> {closed, overridden, report,
        day, store_id, pending, settlements, net_total}

CheckoutError(ALREADY_CLOSED) for a day closed before; CheckoutError(UNSYNCED_EVENTS) when the
outbox holds unconfirmed events and no reason is given. Audited (and the override too).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from terminal.domain.reasons import CheckoutError, Reason
from terminal.storage.db import transaction
from terminal.usecases.context import ServiceContext
from terminal.usecases.staff import verify_staff


def close_day(ctx: ServiceContext, day: date, *, manager_id: str, pin: str, override_reason: str | None = None,
              at: datetime | None = None) -> dict[str, Any]:
    """End-of-day close. Refused while events are unsynced unless a manager overrides with a reason."""
    from terminal.usecases.reports import daily_report

    at = ctx.now(at)
    verify_staff(ctx, manager_id, pin, role="manager")
    with transaction(ctx.replica.db):
        closed = ctx.replica.conn.execute(
            "SELECT 1 FROM audit_log WHERE action = 'close_day' AND json_extract(details, '$.day') = ? AND json_extract(details, '$.store_id') = ?",
            (day.isoformat(), ctx.store_id),
        ).fetchone()
        if closed:
            raise CheckoutError(Reason.ALREADY_CLOSED, f"{day.isoformat()} is already closed.")
        pending = ctx.replica.outbox_stats()["pending"]
        reason = (override_reason or "").strip()
        if pending and not reason:
            raise CheckoutError(
                Reason.UNSYNCED_EVENTS,
                f"{pending} settlement(s) are not yet confirmed by the server; sync first, or a manager overrides with a reason.",
                pending=pending,
            )
        rep = daily_report(ctx.replica, store_id=ctx.store_id, day=day)
        details = {"day": day.isoformat(), "store_id": ctx.store_id, "pending": pending, "settlements": rep.settlements,
                   "net_total": rep.net_total}
        ctx.replica.audit(at=at, actor_id=manager_id, action="close_day",
                           reason=reason or "all events synced", details=details)
        if pending:
            ctx.replica.audit(at=at, actor_id=manager_id, action="override", reason=reason,
                               details={"what": "close_day with unsynced events", **details})
    return {"closed": True, "overridden": bool(pending), "report": rep, **details}
