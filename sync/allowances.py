"""Offline allowances: bounded risk for what the server does not know yet (escrow).

The server grants each terminal, while online, limits on its *unsynchronised* effects:
uses of one stored voucher, uses of one shared promo code (`shared_code_uses`: its cap and
budget are counted chain-wide by the server), points one member may spend per point type, and
the age of a signed coupon that is not in the replica yet. "Unsynchronised" = ledger rows of outbox
events the pulled replica does not reflect (`outbox.reflected = 0`), so a terminal that
syncs normally is never limited, and one that stays offline is limited to the grant.
No current grant (never synced, or the grant expired) means zero: every such redemption
needs a manager override, which `RedemptionService.settle(override=...)` records. A grant
that has expired also bounds the offline age: past it, every coupon use and points spend
needs a manager (`offline_too_long`). And an override is itself bounded: at most the grant's
`override_*` ceilings (`beyond_override`), the same figures the server books at most.

`OfflineAllowances` is the hook `RedemptionService(allowances=...)` calls inside the
settlement transaction; it only reads.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any


# What a manager may approve offline beyond the grant (the grant's `override_*` fields; these
# defaults for a grant from a server that does not send them): an override is no blank cheque.
DEFAULT_CEILINGS = {"override_stored_voucher_uses": 10, "override_points_per_member": 5000, "override_shared_code_uses": 10,
                    "override_stored_value_per_account": 5000}


def current_grant(conn, at: datetime) -> dict[str, Any] | None:
    """The grant in force at `at` (the terminal's clock), or None (never granted, or expired)."""
    r = conn.execute("SELECT body, valid_until FROM sync_allowances WHERE id = 1").fetchone()
    if r is None or datetime.fromisoformat(r[1]) <= at:
        return None
    return json.loads(r[0])


def lapsed_grant(conn, at: datetime) -> tuple[dict[str, Any], datetime] | None:
    """The last grant and its end, if this terminal had one and it has expired by `at`: the
    terminal has been offline longer than the server allows (its `valid_hours`)."""
    r = conn.execute("SELECT body, valid_until FROM sync_allowances WHERE id = 1").fetchone()
    if r is None or datetime.fromisoformat(r[1]) > at:
        return None
    return json.loads(r[0]), datetime.fromisoformat(r[1])


class OfflineAllowances:
    """Checks a settlement preview against the current grant; returns what is exceeded.

    Each exceeded limit is a dict {"kind", "message", ...figures}; kinds: `stored_voucher_uses`,
    `points_per_member`, `unreplicated_coupon_age`, `offline_too_long` (the last grant expired:
    every coupon use and points spend needs a manager; see docs/sync.md, "Offline allowances").
    """

    def check(self, replica, *, member, preview, claims, at: datetime) -> list[dict[str, Any]]:
        """What the settlement exceeds of the grant (a manager's override may approve it)."""
        grant = current_grant(replica.conn, at)
        limits = grant or {"stored_voucher_uses": 0, "points_per_member": 0, "unreplicated_coupon_max_age_hours": 0}
        out = self._exceeded(replica.conn, member=member, preview=preview, claims=claims, at=at, limits=limits,
                             why="" if grant else " (no current allowance from the server)")
        lapsed = lapsed_grant(replica.conn, at)
        if lapsed is not None and (preview.coupon_uses or preview.burns):
            out.append({"kind": "offline_too_long", "grant_ended_at": lapsed[1].isoformat(),
                        "message": f"This terminal has not reached the server since its offline allowance ended at "
                                   f"{lapsed[1].isoformat(timespec='minutes')}: coupons and points need a manager until it syncs."})
        return out

    def value_exceeded(self, replica, spends, *, at: datetime, ceiling: bool = False) -> list[dict[str, Any]]:
        """Stored value and gift card payments beyond the grant (or, `ceiling`, beyond an override): `value_exceeded`."""
        return value_exceeded(replica.conn, spends, at=at, ceiling=ceiling)

    def beyond_override(self, replica, *, member, preview, claims, at: datetime) -> list[dict[str, Any]]:
        """What even a manager's override may not approve: the grant's `override_*` ceilings (of the
        current or the last grant; `DEFAULT_CEILINGS` without one). The server cuts the same
        (sync/server/judge.py), so a till never books what the server would not."""
        r = replica.conn.execute("SELECT body FROM sync_allowances WHERE id = 1").fetchone()
        body = {**DEFAULT_CEILINGS, **(json.loads(r[0]) if r else {})}
        limits = {"stored_voucher_uses": body["override_stored_voucher_uses"],
                  "points_per_member": body["override_points_per_member"], "unreplicated_coupon_max_age_hours": None,
                  "shared_code_uses": body.get("override_shared_code_uses", DEFAULT_CEILINGS["override_shared_code_uses"])}
        return self._exceeded(replica.conn, member=member, preview=preview, claims=claims, at=at, limits=limits,
                              why=" (the most a manager may approve offline)")

    @staticmethod
    def _exceeded(conn, *, member, preview, claims, at: datetime, limits: dict, why: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        issued = {getattr(c, "instance", None).code: c.instance.issued_at for c in claims if getattr(c, "instance", None) is not None}
        shared = {c.instance.code for c in claims if getattr(c, "instance", None) is not None and c.template.shared}
        for use in preview.coupon_uses:
            if use.code in shared:  # a shared promo code: its cap and budget are counted by the server
                local = conn.execute(
                    """SELECT COALESCE(SUM(cl.uses), 0) FROM coupon_ledger cl JOIN outbox o ON o.event_id = cl.event_id
                       WHERE cl.code = ? AND o.reflected = 0""", (use.code,)).fetchone()[0]
                limit = limits.get("shared_code_uses", 0)
                if local + use.uses > limit:
                    out.append({"kind": "shared_code_uses", "code": use.code, "limit": limit, "unsynced": local,
                                "requested": use.uses,
                                "message": f"Promo code {use.code}: {local} use(s) not yet synced + {use.uses} now is more than "
                                           f"the offline allowance of {limit}{why}."})
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
            max_h = limits["unreplicated_coupon_max_age_hours"]
            if not use.in_replica and max_h is not None:
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
                local = unsynced_points_spent(conn, member.id, pt)
                limit = limits["points_per_member"]
                if local + pts > limit:
                    out.append({"kind": "points_per_member", "member_id": member.id, "point_type": pt, "limit": limit,
                                "unsynced": local, "requested": pts,
                                "message": f"{local} {pt} point(s) spent offline not yet synced + {pts} now is more than the "
                                           f"offline allowance of {limit}{why}."})
        return out


def unsynced_points_spent(conn, member_id: str, point_type: str) -> int:
    """Points of `point_type` the member spent at this terminal in events the replica does not reflect
    yet (burns less their voids): what the grant's `points_per_member` bounds."""
    return conn.execute(
        """SELECT COALESCE(-SUM(pl.delta), 0) FROM point_ledger pl JOIN outbox o ON o.event_id = pl.event_id
           WHERE pl.member_id = ? AND pl.point_type = ? AND pl.kind IN ('burn', 'void_burn') AND o.reflected = 0""",
        (member_id, point_type)).fetchone()[0]


def value_exceeded(conn, spends, *, at: datetime, ceiling: bool = False) -> list[dict[str, Any]]:
    """Stored value / gift card payments beyond the grant: per account, the value spent offline and not
    yet synced (terminal/storage/value_store.unsynced_spent) plus this sale's, in minor units, at most
    `stored_value_per_account` (no current grant: 0), or with `ceiling` at most
    `override_stored_value_per_account` (what a manager may approve). Kind `stored_value_per_account`."""
    from terminal.storage.value_store import unsynced_spent

    if ceiling:
        r = conn.execute("SELECT body FROM sync_allowances WHERE id = 1").fetchone()
        body = {**DEFAULT_CEILINGS, **(json.loads(r[0]) if r else {})}
        limit, why = body["override_stored_value_per_account"], " (the most a manager may approve offline)"
    else:
        grant = current_grant(conn, at)
        limit = (grant or {}).get("stored_value_per_account", 0)
        why = "" if grant else " (no current allowance from the server)"
    out = []
    for s in spends:
        local = unsynced_spent(conn, s.account_id)
        if local + s.amount > limit:
            out.append({"kind": "stored_value_per_account", "account_id": s.account_id, "limit": limit, "unsynced": local,
                        "requested": s.amount,
                        "message": f"Account {s.account_id}: {local} spent offline not yet synced + {s.amount} now is more than "
                                   f"the offline allowance of {limit}{why}."})
    return out


def offline_allowances_for(*, demo: bool = False) -> OfflineAllowances | None:
    """The allowance hook every settling front end (window, CLI) passes to `RedemptionService`.

    `demo=True` (the bundled training replica, which has no server and is never pushed) gets
    none; every real replica is checked, and one that never received a grant is held to zero.
    """
    return None if demo else OfflineAllowances()
