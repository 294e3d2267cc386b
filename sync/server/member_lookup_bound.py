"""The per-device bound and audit of POST /v1/member-lookup (a member outside the store's slice).

A lookup puts the member in the store's slice, so the till's next pull brings the member's rows: a
hostile store PC looking up member ids in sequence (catalog ids are often M1, M2, ...) or card
hashes (it holds the chain's salt) would copy the member base into its replica. So every lookup is
an audit row in `member_searches` (the table of the member search, sync/server/member_search.py):
kind `lookup` (found: its member id answered) or `lookup_miss` (no such member), the query masked
(`id` or the card hash's first 8 hex digits), written in the lookup's transaction under the
device's lock, and counted from there, so the bound is the same on every worker and process:

LOOKUPS_PER_MINUTE and LOOKUPS_PER_DAY lookups, found or not (a miss is counted: guessing ids or
card hashes misses a lot; an honest counter misses too, on a scanned barcode that is nobody's card,
terminal/usecases/lookup.py, so misses get no tighter bound of their own).

A sale pushed for a member outside the store's slice puts the member in it too (sync/server/intake.py),
and so does a voucher given to one (POST /v1/transfer, sync/server/member_value_facts.py):
that entry counts the same (kind `sale_entry`, `enter_by_purchase`), else a till would push small
sales naming member after member instead of looking them up; only LOOKUPS_PER_DAY applies (a till back
online pushes the sales it made offline in a burst). Beyond the bound the sale is booked all
the same (it happened) but the member does not enter the slice (its rows are not sent to the store);
pushes of one terminal are serialised by its own lock, so the count can overshoot by one at most.

A refused transfer (POST /v1/transfer) counts as well, kind `transfer_miss`: its answer tells whether a
coupon code exists (404) and whether a member id does (409 not_found), so unbounded it was a member and
coupon oracle beside the bounded lookup; a transfer beyond the bound is refused 429 with nothing written.

Beyond them RateLimited (HTTP 429 `rate_limited`, Retry-After: seconds until the oldest lookup in
the window leaves it); nothing is written then. The honest counter looks a member up once: the
pull that follows caches it in the replica (terminal/usecases/unknown_member.py also remembers a
miss and a refusal for a while, so a card scanned again does not ask again).
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

from sync.server.member_search import RateLimited, audit, check_rate

log = logging.getLogger("sync.server.member_lookup")

LOOKUPS_PER_MINUTE = 20  # per device: a queue of customers new to the store, each looked up once
LOOKUPS_PER_DAY = 500  # per device
LOOKUP_LIMITS = [(LOOKUPS_PER_MINUTE, timedelta(minutes=1), "member lookups"),
                 (LOOKUPS_PER_DAY, timedelta(days=1), "member lookups")]
COUNTED = ("lookup", "lookup_miss", "sale_entry", "transfer_miss")  # the audit kinds the bound counts


def member_lookup(store, device: dict, *, member_id: str | None = None, card_hash: str | None = None) -> dict[str, Any]:
    """POST /v1/member-lookup, bounded and audited (module docstring): {member_id, status, entered, visible_seq}.
    Raises RateLimited (nothing written), LookupError (no such member: only the audit row `lookup_miss` is written)."""
    shown = f"id {member_id}" if member_id is not None else f"card {str(card_hash)[:8]}…"
    found = None
    with store.write() as tx:
        store.lock_keys(f"member-search:{device['device_id']}")  # the count and the audit row of one device, in order
        now = store.clock()
        check_rate(store, device, COUNTED, LOOKUP_LIMITS, now)
        mid = member_id
        if mid is None:
            r = store.conn.execute("SELECT member_id FROM member_cards WHERE card_hash = ?", (card_hash,)).fetchone()
            mid = r[0] if r is not None else None
        if mid is not None:
            store.lock_keys(f"member:{mid}")
            r = store.conn.execute("SELECT body FROM entities WHERE kind = 'member' AND key = ? AND deleted = 0", (mid,)).fetchone()
            if r is not None:
                found = (mid, json.loads(r[0]).get("status", "active"))
        if found is None:  # committed: a miss is counted (guessing ids or card hashes misses a lot)
            audit(store, device, "lookup_miss", shown, [], now)
        else:
            entered = store.slice_enter(device["store_id"], found[0], "lookup")
            audit(store, device, "lookup", shown, [found[0]], now)
    if found is None:
        raise LookupError("no such member")
    feed = tx.state.get("changefeed")
    visible = feed.stamp.last if feed is not None and feed.stamp is not None else store.head()
    return {"member_id": found[0], "status": found[1], "entered": entered, "visible_seq": visible}


def enter_by_purchase(store, device: dict, member_id: str, reason: str = "bought") -> bool:
    """Inside a settlement's (or a voucher gift's, `reason` 'lookup') write holding `member:<id>`: the member is in
    the device's store slice. A member new to the slice counts against the device's lookup bound (audit row
    `sale_entry`); beyond it the member does not enter (the sale or gift stays booked). True when it entered now."""
    store_id = device["store_id"]
    known = store.conn.execute("SELECT 1 FROM store_members WHERE store_id = ? AND member_id = ?", (store_id, member_id)).fetchone()
    if known is not None or not store.member_slices():
        return store.slice_enter(store_id, member_id, reason)
    now = store.clock()
    try:  # the day's bound only: a till back online pushes its offline sales in a burst
        check_rate(store, device, COUNTED, LOOKUP_LIMITS[1:], now)
    except RateLimited:
        log.warning("device %s: sale of member %s booked, but the member does not enter store %s's slice: beyond the "
                    "device's member lookup bound", device.get("device_id"), member_id, store_id)
        return False
    audit(store, device, "sale_entry", f"id {member_id}", [member_id], now)
    return store.slice_enter(store_id, member_id, reason)
