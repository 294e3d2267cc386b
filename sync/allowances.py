"""Offline allowances: bounded risk for what the server does not know yet (escrow).

The server grants each terminal, while online, limits on its *unsynchronised* effects:
uses of one stored voucher, points one member may spend per point type, and the age of a
signed coupon that is not in the replica yet. "Unsynchronised" = ledger rows of outbox
events the pulled replica does not reflect (`outbox.reflected = 0`), so a terminal that
syncs normally is never limited, and one that stays offline is limited to the grant.
No current grant (never synced, or the grant expired) means zero: every such redemption
needs a manager override, which `RedemptionService.settle(override=...)` records.

`OfflineAllowances` is the hook `RedemptionService(allowances=...)` calls inside the
settlement transaction; it only reads.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any


def current_grant(conn, at: datetime) -> dict[str, Any] | None:
    r = conn.execute("SELECT body, valid_until FROM sync_allowances WHERE id = 1").fetchone()
    if r is None or datetime.fromisoformat(r[1]) <= at:
        return None
    return json.loads(r[0])


class OfflineAllowances:
    """Checks a settlement preview against the current grant; returns what is exceeded."""

    def check(self, replica, *, member, preview, claims, at: datetime) -> list[dict[str, Any]]:
        conn = replica.conn
        grant = current_grant(conn, at)
        limits = grant or {"stored_voucher_uses": 0, "points_per_member": 0, "unreplicated_coupon_max_age_hours": 0}
        why = "" if grant else " (no current allowance from the server)"
        out: list[dict[str, Any]] = []
        issued = {getattr(c, "instance", None).code: c.instance.issued_at for c in claims if getattr(c, "instance", None) is not None}
        for use in preview.coupon_uses:
            if use.kind == "stored_voucher":
                local = conn.execute(
                    """SELECT COALESCE(SUM(cl.uses), 0) FROM coupon_ledger cl JOIN outbox o ON o.event_id = cl.event_id
                       WHERE cl.code = ? AND o.reflected = 0""", (use.code,)).fetchone()[0]
                limit = limits["stored_voucher_uses"]
                if local + use.uses > limit:
                    out.append({"kind": "stored_voucher_uses", "code": use.code, "limit": limit, "unsynced": local,
                                "requested": use.uses,
                                "message": f"Stored voucher {use.code}: {local} use(s) not yet synced + {use.uses} now is more than "
                                           f"the offline allowance of {limit}{why}."})
            if not use.in_replica:
                max_h = limits["unreplicated_coupon_max_age_hours"]
                at_issue = issued.get(use.code)
                if at_issue is None or at - at_issue > timedelta(hours=max_h):
                    out.append({"kind": "unreplicated_coupon_age", "code": use.code, "limit_hours": max_h,
                                "issued_at": at_issue.isoformat() if at_issue else None,
                                "message": f"Coupon {use.code} is not in this terminal's replica and was issued more than "
                                           f"{max_h} h ago{why}."})
        spent: dict[str, int] = {}
        for b in preview.burns:
            spent[b.point_type] = spent.get(b.point_type, 0) + b.points
        if member is not None:
            for pt, pts in spent.items():
                local = conn.execute(
                    """SELECT COALESCE(-SUM(pl.delta), 0) FROM point_ledger pl JOIN outbox o ON o.event_id = pl.event_id
                       WHERE pl.member_id = ? AND pl.point_type = ? AND pl.kind IN ('burn', 'void_burn') AND o.reflected = 0""",
                    (member.id, pt)).fetchone()[0]
                limit = limits["points_per_member"]
                if local + pts > limit:
                    out.append({"kind": "points_per_member", "member_id": member.id, "point_type": pt, "limit": limit,
                                "unsynced": local, "requested": pts,
                                "message": f"{local} {pt} point(s) spent offline not yet synced + {pts} now is more than the "
                                           f"offline allowance of {limit}{why}."})
        return out


def offline_allowances_for(*, demo: bool = False) -> OfflineAllowances | None:
    """The allowance hook every settling front end (window, CLI) passes to `RedemptionService`.

    `demo=True` (the bundled training replica, which has no server and is never pushed) gets
    none; every real replica is checked, and one that never received a grant is held to zero.
    """
    return None if demo else OfflineAllowances()
