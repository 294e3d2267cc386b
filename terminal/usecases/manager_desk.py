"""The store manager's desk, UI-neutral: day report, the day's settlements and voids,
end-of-day close, the conflict inbox with resolutions sent back through the outbox, and the
staff ids locked after wrong PINs (terminal/storage/lockout.py) with the manager's unlock.

Every write goes through one BEGIN IMMEDIATE transaction; a conflict resolution marks
the local case resolved, writes the audit row and appends a `conflict_resolution` outbox
event together, so the decision reaches the server exactly once like any settlement.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from terminal import __version__

from terminal.storage import lockout
from terminal.domain.clock import local
from terminal.domain.reasons import CheckoutError, Reason
from terminal.usecases.campaign_report import CampaignReport, campaign_report
from terminal.usecases.reports import DailyReport, daily_report, day_range_utc
from terminal.usecases.service import RedemptionService
from terminal.storage.db import transaction

RESOLUTIONS = ("absorb", "charge_member", "block_card")


class ManagerDesk:
    def __init__(self, service: RedemptionService) -> None:
        self.service = service
        self.replica = service.replica

    def today(self) -> date:
        return local(self.service.now(), self.service.store.timezone).date()

    def report(self, day: date) -> DailyReport:
        return daily_report(self.replica, store_id=self.service.store_id, day=day)

    def campaigns(self, first_day: date, last_day: date) -> CampaignReport:
        """What each campaign earned at this store over its local days first_day..last_day
        (terminal/usecases/campaign_report.py); CheckoutError(INVALID_REQUEST) for a bad range."""
        return campaign_report(self.replica, store_id=self.service.store_id, first_day=first_day, last_day=last_day)

    def settlements(self, day: date) -> list[dict[str, Any]]:
        lo, hi = day_range_utc(day, self.service.store.timezone)
        rows = self.replica.conn.execute(
            """SELECT s.checkout_id, s.settled_at, s.cashier_id, s.member_id, s.total, s.coupon_discount + s.points_discount,
                      v.voided_at, v.reason
               FROM settlements s LEFT JOIN voids v ON v.checkout_id = s.checkout_id
               WHERE s.store_id = ? AND s.settled_at >= ? AND s.settled_at < ? ORDER BY s.settled_at DESC""",
            (self.service.store_id, lo, hi),
        ).fetchall()
        tz = self.service.store.timezone
        return [
            {"checkout_id": r[0], "time": local(datetime.fromisoformat(r[1]), tz).strftime("%H:%M"), "cashier_id": r[2],
             "member_id": r[3], "total": r[4], "discounts": r[5], "voided": r[6] is not None, "void_reason": r[7]}
            for r in rows
        ]

    def void(self, checkout_id: str, *, manager_id: str, pin: str, reason: str) -> dict[str, Any]:
        return self.service.void(checkout_id, manager_id=manager_id, pin=pin, reason=reason)

    def return_items(self, req, *, manager_id: str, pin: str) -> dict[str, Any]:
        """A partial return (`terminal.usecases.returns.ReturnRequest`) with the manager's PIN: its receipt."""
        return self.service.return_items(req, manager_id=manager_id, pin=pin)

    def returns(self, day: date) -> list[dict[str, Any]]:
        """The day's partial returns, newest first: checkout, time, manager, reason, units, refund, points taken back."""
        lo, hi = day_range_utc(day, self.service.store.timezone)
        tz = self.service.store.timezone
        return [{"return_id": r[0], "checkout_id": r[1], "time": local(datetime.fromisoformat(r[2]), tz).strftime("%H:%M"),
                 "manager_id": r[3], "reason": r[4], "units": json.loads(r[5]), "refund": r[6], "points_clawed": r[7]}
                for r in self.replica.conn.execute(
                    """SELECT r.return_id, r.checkout_id, r.returned_at, r.manager_id, r.reason, r.units, r.refund, r.points_clawed
                       FROM returns r JOIN settlements s ON s.checkout_id = r.checkout_id
                       WHERE s.store_id = ? AND r.returned_at >= ? AND r.returned_at < ? ORDER BY r.returned_at DESC, r.rowid DESC""",
                    (self.service.store_id, lo, hi))]

    def close_day(self, day: date, *, manager_id: str, pin: str, override_reason: str | None = None) -> dict[str, Any]:
        return self.service.close_day(day, manager_id=manager_id, pin=pin, override_reason=override_reason)

    # ---- staff locked after wrong PINs (issue 13 section 5) ---------------------------------
    def locked_staff(self, at: datetime | None = None) -> list[dict[str, Any]]:
        """Staff ids of this terminal locked at `at` (default: the service clock), soonest to pass first.

        Each: {staff_id, name, role, failures (wrong PINs in a row), since, until}; since (the last
        wrong PIN, when the current lock began) and until are aware datetimes in the store's time
        zone. Ids no longer in the staff table are left out: the service refuses an unknown id
        before it looks at a lock, so such a row locks nobody.
        """
        tz = self.service.store.timezone
        out = []
        for lock in lockout.current_locks(self.replica.conn, self.service.now(at)):
            staff = self.replica.staff(lock.staff_id)
            if staff is None:
                continue
            out.append({"staff_id": lock.staff_id, "name": staff["name"], "role": staff["role"], "failures": lock.failures,
                        "since": local(lock.since, tz), "until": local(lock.until, tz)})
        return out

    def unlock(self, staff_id: str, *, manager_id: str, pin: str) -> dict[str, Any]:
        """A manager of this store clears `staff_id`'s lock: the CLI's `unlock-staff`, same audit row.

        Returns {staff_id, cleared (False: nothing was counted any more), failures}; raises
        AuthorizationError (bad_pin / staff_locked / not_authorized) for the manager's id and PIN,
        CheckoutError(not_found) for an id that is not staff here. On refusal nothing is cleared or
        audited; a wrong manager PIN counts against the manager's own id, like any wrong PIN.
        """
        return self.service.clear_pin_lockout(staff_id, manager_id=manager_id, pin=pin)

    # ---- conflict inbox ----------------------------------------------------------------
    def conflicts(self, *, include_resolved: bool = False) -> list[dict[str, Any]]:
        """The conflict inbox, newest first: the stored row (`recorded_at` UTC ISO, the server's English
        `message` for support) plus `recorded_at_local`, the store's wall clock to the minute."""
        q = "SELECT id, event_id, terminal_seq, kind, decision, message, details, recorded_at, resolved_at FROM sync_conflicts"
        if not include_resolved:
            q += " WHERE resolved_at IS NULL"
        out = []
        tz = self.service.store.timezone
        for r in self.replica.conn.execute(q + " ORDER BY id DESC"):
            details = json.loads(r[6])
            out.append({"id": r[0], "event_id": r[1], "terminal_seq": r[2], "kind": r[3], "decision": r[4], "message": r[5],
                        "details": details, "recorded_at": r[7], "resolved_at": r[8],
                        "recorded_at_local": _local_minute(r[7], tz),
                        "winner": details.get("winner"), "loser": details.get("loser")})
        return out

    def resolve(self, conflict_id: int, *, resolution: str, reason: str, manager_id: str, pin: str,
                at: datetime | None = None) -> dict[str, Any]:
        """Resolve conflict `conflict_id` (RESOLUTIONS) with a manager's PIN and a reason, in one transaction.

        Returns {conflict_id, resolution, event_id, terminal_seq}. CheckoutError(INVALID_REQUEST) for an
        unknown resolution, an empty reason, a case already resolved or text that is not valid Unicode;
        CheckoutError(NOT_FOUND) for no such case; AuthorizationError for the manager. Nothing is written then.
        """
        if resolution not in RESOLUTIONS:
            raise CheckoutError(Reason.INVALID_REQUEST, f"Resolution must be one of {', '.join(RESOLUTIONS)}.")
        reason = (reason or "").strip()
        if not reason:
            raise CheckoutError(Reason.INVALID_REQUEST, "A resolution needs a reason.")
        self.service.verify_staff(manager_id, pin, role="manager")
        at = self.service.now(at)
        with transaction(self.replica.db):
            row = self.replica.conn.execute(
                "SELECT event_id, kind, resolved_at FROM sync_conflicts WHERE id = ?", (conflict_id,)
            ).fetchone()
            if row is None:
                raise CheckoutError(Reason.NOT_FOUND, f"No conflict {conflict_id} on this terminal.")
            if row[2] is not None:
                raise CheckoutError(Reason.INVALID_REQUEST, f"Conflict {conflict_id} was already resolved.")
            payload = {
                "conflict_event_id": row[0], "kind": row[1], "resolution": resolution, "reason": reason,
                "manager_id": manager_id, "store_id": self.service.store_id, "terminal_id": self.service.terminal_id,
                "occurred_at": at.isoformat(), "based_on_cursor": self.replica.applied_cursor(), "app_version": __version__,
            }
            # the one guarded append: text that is not valid Unicode is CheckoutError(INVALID_REQUEST), nothing written
            event_id, seq = self.service.append_event("conflict_resolution", payload, at)
            self.replica.conn.execute("UPDATE sync_conflicts SET resolved_at = ? WHERE id = ?", (at.isoformat(), conflict_id))
            self.replica.audit(at=at, actor_id=manager_id, action=f"conflict_{resolution}", reason=reason,
                               details={"conflict_id": conflict_id, "event_id": row[0], "kind": row[1]})
        self.service.written()
        return {"conflict_id": conflict_id, "resolution": resolution, "event_id": event_id, "terminal_seq": seq}


def _local_minute(iso: str | None, tz: str) -> str:
    """"YYYY-MM-DD HH:MM" on the store's wall clock of a stored ISO time ("" if none; a naive one is UTC)."""
    if not iso:
        return ""
    at = datetime.fromisoformat(iso)
    return local(at if at.tzinfo is not None else at.replace(tzinfo=timezone.utc), tz).strftime("%Y-%m-%d %H:%M")
