"""Checks of a terminal's pull staging and overlay, shared by the simulation and the sync-kill tests.

* `staged_rows(conn)`: what `pull_staging` holds, as the replica will hold it (last copy wins).
* `counted_twice(conn, store)`: invariant S12, no event both in the shown replica and in the overlay.
"""

from __future__ import annotations

import json

from sync.protocol import split_cursor


def staged_rows(conn) -> dict[tuple[str, str], dict | None]:
    """(kind, key) -> body of the last staged copy (None for a tombstone)."""
    out: dict[tuple[str, str], dict | None] = {}
    for kind, key, op, body in conn.execute("SELECT kind, key, op, body FROM pull_staging ORDER BY pos"):
        out[(kind, key)] = json.loads(body) if op == "upsert" else None
    return out


def counted_twice(conn, store) -> tuple[int, list[int]]:
    """(shown seq, terminal_seqs) of events the server holds, not rejected, that changed rows (central
    ledger entries), with visible_seq <= the cursor of the state the replica shows, and that the
    overlay still counts. An event that changed nothing (a plain sale) carries the head of its time
    as visible_seq and has nothing to count twice. Skipped (empty) during a resync or across epochs."""
    shown = conn.execute("SELECT value FROM meta WHERE key = 'replica_cursor'").fetchone()
    resync = conn.execute("SELECT value FROM meta WHERE key = 'sync_resync'").fetchone()
    if shown is None or resync == ("1",):
        return 0, []
    s_epoch, s_seq = split_cursor(shown[0])
    counted = dict(conn.execute("SELECT event_id, terminal_seq FROM outbox WHERE reflected = 0").fetchall())
    if s_epoch != store.epoch or not counted:
        return s_seq, []
    marks = ",".join("?" * len(counted))
    twice = [counted[eid] for (eid,) in store.conn.execute(
        f"""SELECT e.event_id FROM events e WHERE e.event_id IN ({marks}) AND e.status != 'rejected' AND e.visible_seq <= ?
            AND (EXISTS (SELECT 1 FROM coupon_ledger c WHERE c.event_id = e.event_id)
                 OR EXISTS (SELECT 1 FROM point_ledger p WHERE p.event_id = e.event_id))""", (*counted, s_seq))]
    return s_seq, sorted(twice)


def receives(store, store_id: str):
    """scope -> bool: does a terminal of `store_id` receive a row of that `entities.scope` (its brand's
    catalog, chain-wide rows; sync.server.slices.device_match)? For checks that compare a replica
    with the server's rows."""
    from sync.server.slices import device_match

    brand = store.store_brand(store_id)
    return lambda scope: device_match(scope, brand, store_id) == "upsert"
