"""Close of day: a manager closes a store day once, refused while events are unsynced unless overridden.

    close_day(ctx, day, manager_id=, pin=, override_reason=, at=) -> {closed, overridden, report,
        day, store_id, pending, settlements, voids, net_total, closed_at, by}
    closed_day(conn, store_id=, day=) -> {closed_at (UTC ISO), by, reason, overridden, pending} | None
    closed_today(ctx, at) -> {day, closed_at, by, overridden} | None   (the store's current day; cached)

`settlements` is the day's net count: sales settled that day less the sales voided that day (a void is
never a settlement; `voids` is their count). The report computed after the close (the one saved as PDF
and CSV) carries the close: when, who, the override and its reason, the unsynced count.

A sale after the close (issue 17 §4.6) is booked at its real time, on the closed day: moving it to the
next business day would misstate when it happened (the server judges the time it claims). The counter
warns (the strip under the top bar) and asks the cashier to confirm before settling (the CLI's `settle`
warns on stderr); the day's report
lists such sales apart (`DailyReport.after_close`), so the closed figures stay as they were closed.

CheckoutError(ALREADY_CLOSED) for a day closed before; CheckoutError(UNSYNCED_EVENTS) when the
outbox holds unconfirmed events and no reason is given. Audited (and the override too).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from terminal.domain.clock import local
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
        details = {"day": day.isoformat(), "store_id": ctx.store_id, "pending": pending, "settlements": rep.net_settlements,
                   "voids": rep.voided_sales, "net_total": rep.net_total, "overridden": bool(pending)}
        ctx.replica.audit(at=at, actor_id=manager_id, action="close_day",
                           reason=reason or "all events synced", details=details)
        if pending:
            ctx.replica.audit(at=at, actor_id=manager_id, action="override", reason=reason,
                               details={"what": "close_day with unsynced events", **details})
        rep = daily_report(ctx.replica, store_id=ctx.store_id, day=day)  # with its close, for the saved summary
    ctx.closed_cache = None
    return {"closed": True, "report": rep, "closed_at": at.isoformat(), "by": manager_id, **details}


def closed_day(conn, *, store_id: str, day: date) -> dict[str, Any] | None:
    """The close of `day` at `store_id`, or None if it is not closed (module docstring)."""
    r = conn.execute(
        """SELECT at, actor_id, reason, details FROM audit_log WHERE action = 'close_day'
           AND json_extract(details, '$.day') = ? AND json_extract(details, '$.store_id') = ? ORDER BY id LIMIT 1""",
        (day.isoformat(), store_id)).fetchone()
    if r is None:
        return None
    details = json.loads(r[3])
    pending = int(details.get("pending", 0))
    return {"closed_at": r[0], "by": r[1], "reason": r[2], "overridden": bool(details.get("overridden", pending > 0)),
            "pending": pending}


def closed_today(ctx: ServiceContext, at: datetime) -> dict[str, Any] | None:
    """The close of the store's current local day at `at`, or None. Cached until the audit log grows (one
    primary-key lookup per counter view)."""
    day = local(at, ctx.store.timezone).date()
    top = ctx.replica.conn.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
    cached = getattr(ctx, "closed_cache", None)
    if cached is not None and cached[0] == (day, top):
        return cached[1]
    close = closed_day(ctx.replica.conn, store_id=ctx.store_id, day=day)
    value = None if close is None else {"day": day.isoformat(), "closed_at": close["closed_at"], "by": close["by"],
                                        "overridden": close["overridden"]}
    ctx.closed_cache = ((day, top), value)
    return value
