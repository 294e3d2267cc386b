"""What each terminal holds in quarantine, as it reported it (issue 13, section 7).

A terminal applies a pulled page row by row when it must and keeps each row its replica cannot
hold aside (`pull_quarantine`, sync/client.py) while the pull goes on. It reports that table to
the server (`POST /v1/quarantine`, `sync.protocol.QuarantineReport`) whenever it changes: kind,
key, reason, the SHA-256 of the copy it kept, the cursor and when — never the row (a member's
data, a PIN hash). HQ lists the reports with `admin list-quarantine` and repairs the feed
(`drop-row`, or fixes and re-issues the row); the terminal's next pull applies the repair, its
next report no longer lists the row, and the server marks it cleared.

Tables (migration 0006_quarantine_reports, sync/server/schema.py):

    quarantine_reports    (store_id, terminal_id, kind, key) -> reason, row_sha256, cursor, seen_at
                          (terminal clock), device_id, first_reported_at / last_reported_at /
                          cleared_at (server clock)
    quarantine_terminals  (store_id, terminal_id) -> device_id, total, listed, reported_at

A report is a **snapshot**: a complete one (`more` = 0) clears every open row it does not list;
one cut at MAX_QUARANTINE_REPORT rows (`more` > 0) only adds and refreshes. Sending
the same report again changes nothing but `last_reported_at` (idempotent). Storage is bounded
per terminal: at most MAX_OPEN open rows (beyond them the least recently reported go) and the
KEEP_CLEARED most recently cleared ones. Rows are keyed by store and terminal, not by device, so
a re-enrolled PC (a new device, the same replica) goes on clearing what it reported before.
"""

from __future__ import annotations

from typing import Any

from sync.protocol import QuarantineReport

MAX_OPEN = 1000  # open rows kept per terminal (reports cut at 200 rows cannot grow it further)
KEEP_CLEARED = 200  # cleared rows kept per terminal, the most recent


def record_report(store, device: dict[str, str], report: QuarantineReport) -> dict[str, Any]:
    """Store one terminal's quarantine snapshot for the authenticated `device` ({device_id,
    store_id, terminal_id}: a device reports only for its own store and terminal).

    Returns {store_id, terminal_id, open, cleared, received_at} (`QuarantineReportResponse`)."""
    now = store.clock().isoformat()
    sid, tid, did = device["store_id"], device["terminal_id"], device["device_id"]
    rows = list({(r.kind, r.key): r for r in report.rows}.values())  # a row listed twice: the last copy
    listed = {(r.kind, r.key) for r in rows}
    complete = report.more == 0
    with store.write():
        conn = store.conn
        conn.executemany(
            """INSERT INTO quarantine_reports(store_id, terminal_id, kind, key, reason, row_sha256, cursor, seen_at, device_id,
                   first_reported_at, last_reported_at, cleared_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,NULL)
               ON CONFLICT(store_id, terminal_id, kind, key) DO UPDATE SET reason = excluded.reason,
                   row_sha256 = excluded.row_sha256, cursor = excluded.cursor, seen_at = excluded.seen_at,
                   device_id = excluded.device_id, last_reported_at = excluded.last_reported_at,
                   first_reported_at = CASE WHEN quarantine_reports.cleared_at IS NULL
                       THEN quarantine_reports.first_reported_at ELSE excluded.first_reported_at END,
                   cleared_at = NULL""",
            [(sid, tid, r.kind, r.key, r.reason, r.row_sha256, r.cursor, r.seen_at.isoformat(), did, now, now)
             for r in rows])
        open_rows = conn.execute("SELECT kind, key, last_reported_at FROM quarantine_reports WHERE store_id = ? AND "
                                 "terminal_id = ? AND cleared_at IS NULL", (sid, tid)).fetchall()
        gone = [(k, key) for k, key, _ in open_rows if (k, key) not in listed]
        cleared = 0
        if complete:
            conn.executemany("UPDATE quarantine_reports SET cleared_at = ? WHERE store_id = ? AND terminal_id = ? AND kind = ? "
                             "AND key = ?", [(now, sid, tid, k, key) for k, key in gone])
            cleared = len(gone)
        elif len(open_rows) > MAX_OPEN:  # a cut report never clears: bound what such reports can pile up
            stale = sorted((at, k, key) for k, key, at in open_rows if (k, key) not in listed)[:len(open_rows) - MAX_OPEN]
            conn.executemany("DELETE FROM quarantine_reports WHERE store_id = ? AND terminal_id = ? AND kind = ? AND key = ?",
                             [(sid, tid, k, key) for _, k, key in stale])
        conn.execute(
            """DELETE FROM quarantine_reports WHERE store_id = ? AND terminal_id = ? AND cleared_at IS NOT NULL AND (kind, key) NOT IN
               (SELECT kind, key FROM quarantine_reports WHERE store_id = ? AND terminal_id = ? AND cleared_at IS NOT NULL
                ORDER BY cleared_at DESC LIMIT ?)""", (sid, tid, sid, tid, KEEP_CLEARED))
        conn.execute(
            """INSERT INTO quarantine_terminals(store_id, terminal_id, device_id, total, listed, reported_at) VALUES (?,?,?,?,?,?)
               ON CONFLICT(store_id, terminal_id) DO UPDATE SET device_id = excluded.device_id, total = excluded.total,
                   listed = excluded.listed, reported_at = excluded.reported_at""",
            (sid, tid, did, len(rows) + report.more, len(rows), now))
        still_open = conn.execute("SELECT COUNT(*) FROM quarantine_reports WHERE store_id = ? AND terminal_id = ? "
                                  "AND cleared_at IS NULL", (sid, tid)).fetchone()[0]
    return {"store_id": sid, "terminal_id": tid, "open": still_open, "cleared": cleared, "received_at": now}


def reported_rows(store, store_id: str | None = None, *, cleared: bool = False) -> list[dict[str, Any]]:
    """The reported rows (open ones; with `cleared`, the cleared ones kept as well), oldest first,
    each with the server's own state of the row: `server_seq` (its change number, or None when the
    server never had it) and `server_deleted` (dropped: the terminal clears it at its next pull)."""
    where = "WHERE (CAST(? AS TEXT) IS NULL OR q.store_id = ?)" + ("" if cleared else " AND q.cleared_at IS NULL")
    cols = ("store_id", "terminal_id", "device_id", "kind", "key", "reason", "row_sha256", "cursor", "seen_at",
            "first_reported_at", "last_reported_at", "cleared_at", "server_seq", "server_deleted")
    rows = store.conn.execute(
        f"""SELECT q.store_id, q.terminal_id, q.device_id, q.kind, q.key, q.reason, q.row_sha256, q.cursor, q.seen_at,
                   q.first_reported_at, q.last_reported_at, q.cleared_at, e.seq, e.deleted
            FROM quarantine_reports q LEFT JOIN entities e ON e.kind = q.kind AND e.key = q.key {where}
            ORDER BY q.store_id, q.terminal_id, q.first_reported_at, q.kind, q.key""", (store_id, store_id)).fetchall()
    out = []
    for r in rows:
        d = dict(zip(cols, r))
        d["server_deleted"] = None if d["server_seq"] is None else bool(d["server_deleted"])
        out.append(d)
    return out


def reporting_terminals(store, store_id: str | None = None) -> list[dict[str, Any]]:
    """The last report of each terminal: {store_id, terminal_id, device_id, total, listed, reported_at}."""
    cols = ("store_id", "terminal_id", "device_id", "total", "listed", "reported_at")
    return [dict(zip(cols, r)) for r in store.conn.execute(
        "SELECT store_id, terminal_id, device_id, total, listed, reported_at FROM quarantine_terminals "
        "WHERE (CAST(? AS TEXT) IS NULL OR store_id = ?) ORDER BY store_id, terminal_id", (store_id, store_id))]
