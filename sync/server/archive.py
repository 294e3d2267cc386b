"""The central `events` table bounded by time: old events move to `events_archive` (issue 14, item 4).

Every pushed event is stored once, with its answer, in `events`; nothing ever deleted it, so the
table and its indexes grew with every settlement of the chain (tens of millions a month at the
lunch-peak rates of docs/benchmarks.md). `archive_events` moves the events received more than
`days` ago (EVENTS_HOT_DAYS, 90 by default) from `events` to `events_archive` (the same columns plus
`archived_at`, the same indexes; revision 0009), in batches of `batch` events, each batch one
transaction (INSERT ... SELECT, then DELETE; one commit, so every statement of another transaction
sees each event in exactly one of the two tables). The daily upkeep runs it
(sync/server/maintenance.py); `python -m sync.server.admin archive-events [--days 90]` runs it by hand.

What still reads an archived event, through `events_all()` (both tables in one statement, so one
snapshot; the predicates reach each table's indexes on both engines):

* idempotency — a push of an archived event id is answered `duplicate` with the first answer
  (or `event_id_reused` for other content), the same sale under a new event id likewise, and a
  reused terminal_seq or checkout id is still refused (intake.py);
* judgement — a void of an archived sale, the "already voided" check, a conflict's sale and a
  member's per-template use history (facts.py) see the archived rows exactly as before: the
  ledgers (`coupon_ledger`, `point_ledger`), balances and positions are never touched;
* answers on the last pull page (feed.py).

`events_archive` is append-only (UPDATE and DELETE refused by trigger): it is the legal record of
what each terminal sent and what the server answered. On PostgreSQL it can live in its own tablespace
on cheaper disk (`ALTER TABLE events_archive SET TABLESPACE ...`); range-partitioning it by month
(`PARTITION BY RANGE (archived_at)`, old months detached and dumped) is the next step for a chain
that must move the record off the database (PLAN, docs/central.md), not built: a detached month
would no longer answer its duplicates.
"""

from __future__ import annotations

from datetime import datetime, timedelta

EVENTS_HOT_DAYS = 90  # days an event stays in `events` after it was received
ARCHIVE_BATCH = 5_000  # events moved per transaction
EVENT_COLUMNS = ("event_id", "device_id", "store_id", "terminal_id", "terminal_seq", "type", "schema_version", "payload",
                 "payload_sha256", "occurred_at", "based_on_cursor", "app_version", "status", "result", "visible_seq",
                 "received_at")
_COLS = ", ".join(EVENT_COLUMNS)


def events_all(alias: str = "events") -> str:
    """SQL for a FROM item holding every stored event, hot and archived, named `alias`."""
    return f"(SELECT {_COLS} FROM events UNION ALL SELECT {_COLS} FROM events_archive) {alias}"


class ArchiveMixin:
    """`archive_events` of CentralStore (needs `read`, `write`, `conn`, `clock`)."""

    def archive_events(self, *, days: int = EVENTS_HOT_DAYS, now: datetime | None = None, batch: int = ARCHIVE_BATCH,
                       max_batches: int | None = None) -> int:
        """Move the events received before `now` - `days` (UTC; `now` defaults to the store's clock) from
        `events` to `events_archive`, oldest first, `batch` per transaction, until none is left (or
        `max_batches` transactions). Returns how many moved. Idempotent; two processes running it at
        once take turns (an advisory lock per batch on PostgreSQL, the write lock on SQLite)."""
        if days < 0 or batch < 1:
            raise ValueError("days must be >= 0 and batch >= 1")
        cut = ((now or self.clock()) - timedelta(days=days)).isoformat()
        moved = done = 0
        while max_batches is None or done < max_batches:
            with self.write():
                self.lock_keys("archive:events")  # PostgreSQL: archivers (every worker's upkeep) take turns
                ids = [r[0] for r in self.conn.execute(
                    "SELECT event_id FROM events WHERE received_at < ? ORDER BY received_at, event_id LIMIT ?", (cut, batch))]
                if not ids:
                    break
                at = self.clock().isoformat()
                for i in range(0, len(ids), 500):
                    chunk = ids[i:i + 500]
                    marks = ",".join("?" * len(chunk))
                    self.conn.execute(
                        f"""INSERT INTO events_archive ({_COLS}, archived_at) SELECT {_COLS}, ? FROM events
                            WHERE event_id IN ({marks}) AND NOT EXISTS (
                                SELECT 1 FROM events_archive a WHERE a.event_id = events.event_id)""", (at, *chunk))
                    moved += self.conn.execute(f"DELETE FROM events WHERE event_id IN ({marks})", chunk).rowcount
            done += 1
        return moved
