"""What the counter may still do offline, in figures: the offline allowance in force (issue 17 §4.5).

    allowance_status(conn, at, member_id=None) -> {
        "state":        "granted" | "lapsed" | "none"   (a current grant / its end passed / never granted),
        "valid_until":  ISO time the grant ends on this terminal's clock (None: never granted),
        "hours_left":   whole hours until then (0 once lapsed; None: never granted),
        "limits":       {kind: limit} of the grant in force; zero for every kind without one,
        "ceilings":     {kind: what a manager may approve offline beyond it} (the grant's `override_*`),
        "member_left":  {point type: points the member `member_id` may still spend offline} (a member given),
    }

Read only, two primary-key lookups and (with a member) one indexed sum per point type: cheap enough
for every counter view. The figures are the ones `sync.allowances.OfflineAllowances` enforces, so
what the offline strip says is what the counter will do. Kinds (all per entity, not per day):
`stored_voucher_uses` (per stored voucher), `points_per_member` (per member and point type),
`shared_code_uses` (per shared promo code), `stored_value_per_account` (minor units per wallet or
gift card), `giveaway_claims` (per campaign), `unreplicated_coupon_max_age_hours`,
`stale_state_uses` (postings the server books although this terminal could not know).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sync.allowances import DEFAULT_CEILINGS, unsynced_points_spent

LIMIT_KINDS = ("stored_voucher_uses", "points_per_member", "shared_code_uses", "stored_value_per_account",
               "giveaway_claims", "unreplicated_coupon_max_age_hours", "stale_state_uses")
CEILING_KINDS = tuple(DEFAULT_CEILINGS)


def allowance_status(conn, at: datetime, *, member_id: str | None = None) -> dict[str, Any]:
    """The allowance in force at `at` (aware; the terminal's clock), see the module docstring."""
    row = conn.execute("SELECT body, valid_until FROM sync_allowances WHERE id = 1").fetchone()
    body: dict[str, Any] = json.loads(row[0]) if row else {}
    until = datetime.fromisoformat(row[1]) if row else None
    if until is None:
        state = "none"
    elif until > at:
        state = "granted"
    else:
        state = "lapsed"
    limits = {k: int(body.get(k, 0) or 0) if state == "granted" else 0 for k in LIMIT_KINDS}
    out: dict[str, Any] = {
        "state": state, "valid_until": until.isoformat() if until else None,
        "hours_left": None if until is None else max(0, int((until - at).total_seconds() // 3600)),
        "limits": limits, "ceilings": {k: int(body.get(k, DEFAULT_CEILINGS[k])) for k in CEILING_KINDS},
    }
    if member_id:
        types = [r[0] for r in conn.execute("SELECT DISTINCT point_type FROM point_lots WHERE member_id = ?", (member_id,))]
        out["member_left"] = {pt: max(0, limits["points_per_member"] - unsynced_points_spent(conn, member_id, pt))
                              for pt in types}
    return out
