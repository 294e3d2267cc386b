"""How a device page finds the rows of its store's slice: two read paths, one result (issue 14).

A device of store S (brand B) may receive a row of `entities` when (sync/server/slices.py)

    (member_id IS NULL OR (S, member_id) in store_members)     -- the member slice (when on)
    AND (scope IS NULL OR scope holds s:S, -s:S, -*, b:B or -b:B)   -- brand/store scope, exits

and it receives those rows in position order after its cursor. Two ways to read them:

**The window scan** (`window_rows`): `seq > cursor AND seq <= cursor + SCAN_WINDOW`, the filter
applied to each position of the window. Cheap near the head (an incremental pull: the window
holds the few new positions). Far behind the head it walks the whole position range: at 10M
members / 50M coupons a new terminal asked 1,401 mostly empty pages of 50,000 positions
(docs/benchmarks.md, bootstrap 150 s), the whole table read once for 14,034 rows.

**The slice-driven read** (`slice_driven_rows`), used when the chain has member slices on and
the cursor is more than SCAN_WINDOW positions behind the head (a bootstrap, a long-offline
terminal). The same rows, found from the slice instead of from the positions, as the union of
three disjoint parts, each read in seq order (at most `limit` rows each) and merged:

    members   store_members (store_id = S, its primary key) -> entities of those members
              through `entities_member_id`, seq > cursor, scope filter
    catalog   member-less rows except slice entries: `entities_memberless` (seq) WHERE
              member_id IS NULL AND kind <> 'slice', seq > cursor, scope filter
    entries   the store's own slice entries (and their tombstones, a member who left):
              `entities_slice_scope` (scope, seq) WHERE kind = 'slice', scope = ' s:S '

The parts are exact because a `slice` row is always written with no member_id and the scope
`frame({"s:<its store>"})` (slices.py `slice_enter`, `slice_leave`, `_home_enter`; never a
catalog kind, so it never gets exit tokens): such a row matches S's scope filter exactly when its
scope is ' s:S '. Each part is bounded by `limit` rows in seq order, so the first `limit` rows of
their merge are the first `limit` rows of the union. What it costs no longer depends on the
length of the feed but on the slice: one probe per member of the store per page, plus the
store's catalog rows after the cursor.

Both paths return rows (kind, key, seq, deleted, body, scope) with seq in (after, upper], at most
`limit`, in seq order; a caller that gets fewer than `limit` knows there is nothing more up to
`upper`. tests/sync/test_feed_slice_read.py proves the pages a device receives are the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sync.server.slices import frame, like

SCAN_WINDOW = 50_000  # positions one window-scan page reads at most (its filter may skip most of them)
COLUMNS = "kind, key, seq, deleted, body, scope"


@dataclass(frozen=True)
class DeviceFilter:
    """What a device of `store_id` may receive: its store's `brand` (None when the store row is
    missing), whether every member is in every slice (`all_members`: the chain has member slices
    off), and the scope tokens it matches (`tokens`, receive or exit)."""

    store_id: str
    brand: str | None
    all_members: bool
    tokens: tuple[str, ...]

    def scope_sql(self, column: str = "scope") -> tuple[str, tuple[str, ...]]:
        """`(column IS NULL OR column LIKE ... OR ...)` and its LIKE patterns."""
        likes = " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in self.tokens)
        return f"({column} IS NULL OR {likes})", tuple(like(t) for t in self.tokens)


def device_filter(conn, store_id: str) -> DeviceFilter:
    """The filter of a device of `store_id`, read on `conn` (the page's snapshot)."""
    r = conn.execute("SELECT body FROM entities WHERE kind = 'store' AND key = ?", (store_id,)).fetchone()
    brand = json.loads(r[0]).get("brand_id") if r and r[0] else None
    slices = conn.execute("SELECT value FROM meta WHERE key = 'member_slices'").fetchone()
    tokens = (f"s:{store_id}", f"-s:{store_id}", "-*") + ((f"b:{brand}", f"-b:{brand}") if brand else ())
    return DeviceFilter(store_id, brand, slices is None or slices[0] != "1", tokens)


def window_rows(conn, f: DeviceFilter, after: int, upper: int, limit: int):
    """The window scan: the device's rows in (after, upper], seq order, at most `limit` (a lazy result)."""
    scope_sql, patterns = f.scope_sql()
    member_sql = "1 = 1" if f.all_members else (
        "member_id IS NULL OR EXISTS (SELECT 1 FROM store_members sm WHERE sm.store_id = ? AND sm.member_id = entities.member_id)")
    return conn.execute(
        f"""SELECT {COLUMNS} FROM entities WHERE seq > ? AND seq <= ?
            AND ({member_sql}) AND {scope_sql} ORDER BY seq LIMIT ?""",
        (after, upper, *(() if f.all_members else (f.store_id,)), *patterns, limit))


def slice_driven_rows(conn, f: DeviceFilter, after: int, upper: int, limit: int):
    """The slice-driven read (module docstring): the same rows as `window_rows` over (after, upper],
    found through the store's slice. Only for a chain with member slices on (raises ValueError otherwise:
    without slices every member's rows are the device's, and the window scan finds them densely)."""
    if f.all_members:
        raise ValueError("slice_driven_rows needs member slices on (meta member_slices = '1')")
    e_scope, patterns = f.scope_sql("e.scope")
    c_scope, _ = f.scope_sql()
    # SQLite: CROSS JOIN keeps store_members the outer loop (its primary key), PostgreSQL plans it freely
    sql = f"""SELECT {COLUMNS} FROM (
        SELECT {COLUMNS} FROM (SELECT e.kind, e.key, e.seq, e.deleted, e.body, e.scope
            FROM store_members sm CROSS JOIN entities e
            WHERE sm.store_id = ? AND e.member_id = sm.member_id AND e.seq > ? AND e.seq <= ? AND {e_scope}
            ORDER BY e.seq LIMIT ?) AS members_part
        UNION ALL
        SELECT {COLUMNS} FROM (SELECT {COLUMNS} FROM entities
            WHERE member_id IS NULL AND kind <> 'slice' AND seq > ? AND seq <= ? AND {c_scope}
            ORDER BY seq LIMIT ?) AS catalog_part
        UNION ALL
        SELECT {COLUMNS} FROM (SELECT {COLUMNS} FROM entities
            WHERE kind = 'slice' AND scope = ? AND seq > ? AND seq <= ?
            ORDER BY seq LIMIT ?) AS entries_part
        ) AS slice_rows ORDER BY seq LIMIT ?"""
    return conn.execute(sql, (f.store_id, after, upper, *patterns, limit,
                              after, upper, *patterns, limit,
                              frame({f"s:{f.store_id}"}), after, upper, limit,
                              limit))


def device_rows(conn, f: DeviceFilter, after: int, head: int, limit: int, *, slice_read_after: int | None = None):
    """The rows of a device page after `after`: (upper, rows) — rows in (after, upper], at most `limit`
    (fewer: nothing more of the device's up to `upper`). The slice-driven read when the chain has member
    slices on and `head - after > slice_read_after`, else the window scan (upper = after + SCAN_WINDOW
    at most); `slice_read_after` None = SCAN_WINDOW."""
    if not f.all_members and head - after > (SCAN_WINDOW if slice_read_after is None else slice_read_after):
        return head, slice_driven_rows(conn, f, after, head, limit)
    upper = min(head, after + SCAN_WINDOW)
    return upper, window_rows(conn, f, after, upper, limit)
