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

**The slice-driven read** (`slice_driven_rows`), used when the chain has member slices on, the
cursor is more than SCAN_WINDOW positions behind the head (a bootstrap, a long-offline terminal)
and the store's slice is small against the rest of the feed (`use_slice_read`). The same rows, found from the slice instead of from the positions, as the union of
three disjoint parts, each read in seq order (at most `limit` rows each) and merged:

    members   store_members (store_id = S, its primary key) -> entities of those members
              through `entities_member_seq` (member_id, seq), seq > cursor, scope filter
    catalog   member-less rows except slice entries: `entities_memberless` (seq) WHERE
              member_id IS NULL AND kind <> 'slice', seq > cursor, scope filter
    entries   the store's own slice entries (and their tombstones, a member who left):
              `entities_slice_scope` (scope, seq) WHERE kind = 'slice', scope = ' s:S '

The parts are exact because a `slice` row is always written with no member_id and the scope
`frame({"s:<its store>"})` (slices.py `slice_enter`, `slice_leave`, `_home_enter`; never a
catalog kind, so it never gets exit tokens): such a row matches S's scope filter exactly when its
scope is ' s:S '. Each part is bounded by `limit` rows in seq order, so the first `limit` rows of
their merge are the first `limit` rows of the union.

The members part is the only one no index hands over in seq order (one range per member), so a
page first finds its end (`slice_page_end`): the seq of the members' `limit`-th row after the
cursor, read from the index alone (covering: no row is loaded). The union is then read over
(cursor, that end] only — it holds the same first `limit` rows, and each member's range is a short
index seek — and when fewer than `limit` rows pass the scope filter the next cursor is that end.
What a page costs no longer depends on the length of the feed but on the slice: one index seek
per member of the store plus its remaining index entries (sorted, no rows), at most `limit` rows
loaded, plus the store's catalog rows in range. Over a bootstrap of R slice rows that is about
R^2 / (2 limit) sorted index entries against one pass over the remaining positions for the window
scan, hence the rule of `use_slice_read`: at 2,000 members x ~8 rows and 1,000-row pages the slice
read wins from ~260,000 positions behind the head on; a store holding 10 % of a small chain keeps
the window scan (where the slice read measured 2x slower). docs/benchmarks.md has the figures.

On PostgreSQL the pages run with `plan_cache_mode = force_custom_plan` (feed.py): a cached generic
plan, made without the cursor's value, walked millions of positions per slice-driven page.

Both paths return rows (kind, key, seq, deleted, body, scope) with seq in (after, upper], at most
`limit`, in seq order; a caller that gets fewer than `limit` knows there is nothing more up to
`upper`. tests/sync/test_feed_slice_read.py proves the pages a device receives are the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sync.server.slices import frame, like

SCAN_WINDOW = 50_000  # positions one window-scan page reads at most (its filter may skip most of them)
SLICE_ROWS_PER_MEMBER = 8  # rows a slice member has in the feed, for `use_slice_read` (member, lots, coupons)
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


def slice_page_end(conn, f: DeviceFilter, after: int, head: int, limit: int) -> int:
    """The end of a slice-driven page after `after`: the seq of the `limit`-th row (any kind, any scope) of the
    store's members after `after`, or `head` when they have fewer (index entries only; module docstring)."""
    r = conn.execute("""SELECT e.seq FROM store_members sm CROSS JOIN entities e
                        WHERE sm.store_id = ? AND e.member_id = sm.member_id AND e.seq > ? AND e.seq <= ?
                        ORDER BY e.seq LIMIT 1 OFFSET ?""", (f.store_id, after, head, limit - 1)).fetchone()
    return head if r is None else r[0]


def use_slice_read(conn, f: DeviceFilter, after: int, head: int, limit: int) -> bool:
    """Whether a page after `after` is cheaper read from the slice than by window scan (module docstring):
    member slices on, the cursor more than SCAN_WINDOW behind the head, and the slice small against the
    rest of the feed — (members of the store x SLICE_ROWS_PER_MEMBER)^2 < limit x (head - after): the
    slice-driven pages sort what remains of the slice each time (about R^2 / 2 limit entries over a
    bootstrap of R rows), the window scan passes each remaining position once."""
    if f.all_members or head - after <= SCAN_WINDOW:
        return False
    members = conn.execute("SELECT COUNT(*) FROM store_members WHERE store_id = ?", (f.store_id,)).fetchone()[0]
    rows = int(members) * SLICE_ROWS_PER_MEMBER
    return rows * rows < limit * (head - after)


def device_rows(conn, f: DeviceFilter, after: int, head: int, limit: int, *, slice_read: str = "auto"):
    """The rows of a device page after `after`: (upper, rows) — rows in (after, upper], at most `limit`
    (fewer: nothing more of the device's up to `upper`). The slice-driven read (upper = `slice_page_end`)
    when `use_slice_read` says so, else the window scan (upper = after + SCAN_WINDOW at most).
    `slice_read` "auto" (the rule), "slice" or "window" (one path only: tests, measurements)."""
    if slice_read not in ("auto", "slice", "window"):
        raise ValueError(f"slice_read must be 'auto', 'slice' or 'window', not {slice_read!r}")
    if not f.all_members and (slice_read == "slice" or (slice_read == "auto" and use_slice_read(conn, f, after, head, limit))):
        upper = slice_page_end(conn, f, after, head, limit)
        return upper, slice_driven_rows(conn, f, after, upper, limit)
    upper = min(head, after + SCAN_WINDOW)
    return upper, window_rows(conn, f, after, upper, limit)
