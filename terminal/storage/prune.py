"""Replica retention: delete copies of central state that can no longer matter at the counter.

A terminal's replica would otherwise grow forever (a point lot per sale chain-wide, every coupon
ever used up). `prune_replica` deletes, in small transactions, rows of the REPLICA tables (copies of
the server's state, which the server keeps) and bookkeeping that belongs only to old, settled sync
traffic. Policy (docs/sync.md, "Replica retention"), with ``cutoff = now - retention_days``:

* ``point_lots``: a lot with 0 points earned before the cutoff, or a lot with points >= 0 that
  expired before the cutoff. A negative lot (a debt) counts in the balance even when expired, so it
  is never pruned.
* ``coupon_instances``: voided, used up, or valid only until before the cutoff; and, for a template
  that accepts unreplicated coupons, issued before ``now - max(retention, its unreplicated window)``
  (so a pruned signed coupon shown again is refused as unreplicated and too old, never taken as new);
  a bundle goes as a whole, with its children, once it is voided or expired before the cutoff and every
  child is finished (a bundle's own uses are not its state: the counter lists an active bundle, so an
  active one stays); a child alone only when its parent is not in the replica.
* ``outbox``: acknowledged events reflected in the replica, created before the cutoff, that nothing
  references (settlements, voids and the ledgers keep theirs: in practice `conflict_resolution`
  events), with no open conflict, never the newest one (`next_terminal_seq` = MAX + 1 must not go
  back); ``sync_results`` of acknowledged and reflected events created before the cutoff with no
  open conflict (`outbox.result` keeps the status; the server keeps the answer for ever).
* ``sync_seen``: leftovers only, i.e. when no full resync is under way.

Never pruned: anything an UNREFLECTED or any other ledger row references (the ledgers hold
foreign keys to lots and coupons: the balance overlay, voids and the day reports read them), the
local ledgers, settlements, voids, the audit log, sync_conflicts, the dead letter, pull_staging (a
pull in progress), pull_quarantine (reported to HQ), members, revocations, the catalog.

Each batch is one `BEGIN IMMEDIATE` transaction that re-checks every condition and deletes at most
`batch_rows` rows out of at most `scan_rows` rowids, then sleeps `pause_s`, so a settlement waits
for at most one small batch. A pruned row the server sends again is simply upserted again.
VACUUM is not run at the counter (it rewrites the whole file under an exclusive lock and needs
up to the file's size free): freed pages are reused by later rows; `PRAGMA incremental_vacuum`
runs when the replica is in auto_vacuum=INCREMENTAL mode (`vacuum()` converts it, e.g.
`loyalty-terminal prune --vacuum` with the counter closed).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlite_utils import Database

from terminal.storage.db import transaction

DEFAULT_RETENTION_DAYS = 90
#: at least a month: longer than any void window (minutes), offline allowance grant (at most 31 days)
#: and unclosed business day, so nothing a counter still acts on is ever that old
MIN_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 3650
AUTO_EVERY = timedelta(days=1)
META_LAST_AT = "prune_last_at"
META_LAST_REPORT = "prune_last_report"
#: tables whose row counts a report shows
COUNTED = ("point_lots", "coupon_instances", "outbox", "sync_results", "sync_seen")


@dataclass(frozen=True)
class RetentionPolicy:
    """How old a finished row must be before it is pruned, and how big one transaction may be.

    days: retention in days (MIN_RETENTION_DAYS..MAX_RETENTION_DAYS); batch_rows: rows deleted per
    transaction at most (1..10,000); scan_rows: rowids examined per transaction at most (so a table
    with few prunable rows does not hold the write lock for a long scan); pause_s: seconds between
    transactions (the counter's BEGIN IMMEDIATE gets in). Raises ValueError on a bad value."""

    days: int = DEFAULT_RETENTION_DAYS
    batch_rows: int = 500
    scan_rows: int = 20_000
    pause_s: float = 0.005

    def __post_init__(self) -> None:
        if isinstance(self.days, bool) or not isinstance(self.days, int) or not MIN_RETENTION_DAYS <= self.days <= MAX_RETENTION_DAYS:
            raise ValueError(f"retention must be {MIN_RETENTION_DAYS}..{MAX_RETENTION_DAYS} days, not {self.days!r}")
        if not 1 <= self.batch_rows <= 10_000:
            raise ValueError(f"batch_rows must be 1..10000, not {self.batch_rows!r}")
        if self.scan_rows < self.batch_rows:
            raise ValueError(f"scan_rows ({self.scan_rows}) must be at least batch_rows ({self.batch_rows})")
        if not 0 <= self.pause_s <= 1:
            raise ValueError(f"pause_s must be 0..1 s, not {self.pause_s!r}")


@dataclass
class PruneReport:
    """What a run pruned (or, with dry_run, would prune): rows per table; counts before/after."""

    cutoff: str
    dry_run: bool
    pruned: dict[str, int] = field(default_factory=dict)
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)
    transactions: int = 0
    freed_pages: int = 0  # released to the file system by incremental_vacuum
    free_pages: int = 0  # still free inside the file (reused by later rows)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.pruned.values())

    def to_dict(self) -> dict:
        return {**asdict(self), "total": self.total}


# ---- conditions (SQL on an alias; every one is re-checked inside the deleting transaction) ----
# A time that is missing or unreadable compares as "not old" (COALESCE(..., 0)): such a row is kept, and a
# negated condition (a bundle's live child) stays true instead of turning NULL.

_LOT = """{a}.points >= 0
    AND ((({a}.points = 0 AND COALESCE(julianday({a}.earned_at) < :cut, 0)) OR COALESCE(julianday({a}.expires_at) < :cut, 0)))
    AND NOT EXISTS (SELECT 1 FROM point_ledger pl WHERE pl.lot_id = {a}.lot_id)"""


def _coupon_done(a: str) -> str:
    """The coupon row `a` is finished long enough ago on its own (family rules aside)."""
    return f"""(({a}.status = 'voided' OR {a}.used_uses >= {a}.total_uses OR COALESCE(julianday({a}.valid_until) < :cut, 0))
        AND NOT EXISTS (SELECT 1 FROM coupon_ledger cl WHERE cl.code = {a}.code)
        AND EXISTS (SELECT 1 FROM temp.prune_templates t WHERE t.template_id = {a}.template_id
                    AND (t.issued_before IS NULL OR COALESCE(julianday({a}.issued_at) < t.issued_before, 0))))"""


_COUPON = f"""{_coupon_done('{a}')}
    AND (NOT EXISTS (SELECT 1 FROM coupon_instances k WHERE k.parent_code = {{a}}.code)
         OR (({{a}}.status = 'voided' OR COALESCE(julianday({{a}}.valid_until) < :cut, 0))
             AND NOT EXISTS (SELECT 1 FROM coupon_instances k WHERE k.parent_code = {{a}}.code AND NOT {_coupon_done('k')})))
    AND ({{a}}.parent_code IS NULL OR NOT EXISTS (SELECT 1 FROM coupon_instances p WHERE p.code = {{a}}.parent_code))"""
#: a bundle's children go with it (every one is finished: checked by _COUPON in the same transaction)
_CHILDREN = "DELETE FROM coupon_instances WHERE parent_code = (SELECT code FROM coupon_instances WHERE rowid = ?)"

_SETTLED_EVENT = """{a}.state = 'acked' AND {a}.reflected = 1 AND COALESCE(julianday({a}.created_at) < :cut, 0)
    AND NOT EXISTS (SELECT 1 FROM sync_conflicts k WHERE k.event_id = {a}.event_id AND k.resolved_at IS NULL)"""

_EVENT = _SETTLED_EVENT + """
    AND {a}.terminal_seq < (SELECT MAX(terminal_seq) FROM outbox)
    AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.event_id = {a}.event_id)
    AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.event_id = {a}.event_id)
    AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.event_id = {a}.event_id)
    AND NOT EXISTS (SELECT 1 FROM coupon_ledger cl WHERE cl.event_id = {a}.event_id)
    AND NOT EXISTS (SELECT 1 FROM point_ledger pl WHERE pl.event_id = {a}.event_id)
    AND NOT EXISTS (SELECT 1 FROM value_ledger vl WHERE vl.event_id = {a}.event_id)
    AND NOT EXISTS (SELECT 1 FROM topups tu WHERE tu.event_id = {a}.event_id)
    AND NOT EXISTS (SELECT 1 FROM sync_dead_letter d WHERE d.event_id = {a}.event_id)"""

_RESULT = "EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = {a}.event_id AND " + _SETTLED_EVENT.format(a="o") + ")"

_SEEN = "NOT EXISTS (SELECT 1 FROM meta WHERE key = 'sync_resync' AND value = '1')"

#: (label, table, condition on alias x); in this order: results before their events
_STEPS: tuple[tuple[str, str, str], ...] = (
    ("point_lots", "point_lots", _LOT.format(a="x")),
    ("coupon_instances", "coupon_instances", _COUPON.format(a="x")),
    ("sync_results", "sync_results", _RESULT.format(a="x")),
    ("outbox", "outbox", _EVENT.format(a="x")),
    ("sync_seen", "sync_seen", _SEEN),
)


def _julian(dt: datetime) -> float:
    return dt.timestamp() / 86400.0 + 2440587.5


def _template_cutoffs(conn, now: datetime, days: int) -> None:
    """temp.prune_templates: per coupon template, the issue time (julian day) before which a coupon may
    go (NULL: any; a template that never accepts unreplicated coupons cannot take a pruned one back).
    A template whose body cannot be read gets no row: its coupons are kept."""
    from terminal.catalog import template_from_json

    conn.execute("CREATE TEMP TABLE IF NOT EXISTS prune_templates (template_id TEXT PRIMARY KEY, issued_before REAL)")
    conn.execute("DELETE FROM temp.prune_templates")
    rows = []
    for tid, body in conn.execute("SELECT id, body FROM coupon_templates"):
        try:
            policy = template_from_json(body).unreplicated
        except Exception:  # noqa: BLE001 - an unreadable template: keep its coupons
            continue
        if not policy.accept:
            rows.append((tid, None))
        else:
            rows.append((tid, _julian(now - timedelta(days=max(days, policy.max_days_since_issue)))))
    conn.executemany("INSERT INTO temp.prune_templates(template_id, issued_before) VALUES (?, ?)", rows)


def table_counts(conn, tables=COUNTED) -> dict[str, int]:
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def _count(conn, table: str, cond: str, cut: float) -> int:
    n = conn.execute(f"SELECT COUNT(*) FROM {table} AS x WHERE {cond}", {"cut": cut}).fetchone()[0]
    if table == "coupon_instances":  # and the children that go with their bundle
        n += conn.execute(f"""SELECT COUNT(*) FROM coupon_instances c WHERE c.parent_code IN
                              (SELECT x.code FROM coupon_instances AS x WHERE {cond})""", {"cut": cut}).fetchone()[0]
    return n


def _prune_table(db: Database, table: str, cond: str, cut: float, policy: RetentionPolicy,
                 sleep: Callable[[float], None]) -> tuple[int, int]:
    """Delete matching rows in rowid windows; returns (rows deleted, transactions)."""
    conn = db.conn
    if table == "sync_seen":  # WITHOUT ROWID: no rowid windows; its condition does not depend on the row
        return _prune_seen(db, cond, policy, sleep)
    top = conn.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0] or 0
    last, deleted, txs = 0, 0, 0
    while last < top:
        with transaction(db):
            ids = [r[0] for r in conn.execute(
                f"SELECT x.rowid FROM {table} AS x WHERE x.rowid > :lo AND x.rowid <= :hi AND {cond} ORDER BY x.rowid LIMIT :n",
                {"lo": last, "hi": last + policy.scan_rows, "cut": cut, "n": policy.batch_rows})]
            if ids and table == "coupon_instances":
                deleted += conn.executemany(_CHILDREN, [(i,) for i in ids]).rowcount
            if ids and table == "outbox":  # their answers go with them (sync_results references outbox)
                conn.executemany("DELETE FROM sync_results WHERE event_id = (SELECT event_id FROM outbox WHERE rowid = ?)",
                                 [(i,) for i in ids])
            if ids:
                conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i in ids])
        txs += 1
        deleted += len(ids)
        last = ids[-1] if len(ids) == policy.batch_rows else last + policy.scan_rows
        if last < top and policy.pause_s:
            sleep(policy.pause_s)
    return deleted, txs


def _prune_seen(db: Database, cond: str, policy: RetentionPolicy, sleep: Callable[[float], None]) -> tuple[int, int]:
    deleted, txs = 0, 0
    while True:
        with transaction(db):
            n = db.conn.execute(f"""DELETE FROM sync_seen WHERE {cond} AND (kind, key) IN
                (SELECT kind, key FROM sync_seen LIMIT :n)""", {"n": policy.batch_rows}).rowcount
        txs += 1
        deleted += n
        if n < policy.batch_rows:
            return deleted, txs
        if policy.pause_s:
            sleep(policy.pause_s)


def _vacuum_step(db: Database, max_pages: int = 4096) -> int:
    """Give free pages back to the file system if the replica is in incremental auto_vacuum mode."""
    conn = db.conn
    if conn.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:
        return 0
    before = conn.execute("PRAGMA freelist_count").fetchone()[0]
    conn.execute(f"PRAGMA incremental_vacuum({int(max_pages)})").fetchall()
    return before - conn.execute("PRAGMA freelist_count").fetchone()[0]


def prune_replica(db: Database, policy: RetentionPolicy = RetentionPolicy(), *, now: datetime | None = None,
                  dry_run: bool = False, sleep: Callable[[float], None] = time.sleep) -> PruneReport:
    """Prune the replica `db` (a sqlite_utils Database on its own connection, not inside a
    transaction) by `policy` as of `now` (aware; default: the clock). dry_run: count only, write
    nothing. Returns a PruneReport; records it in meta (`prune_last_at`, `prune_last_report`) unless
    dry_run. Raises ValueError for a naive `now`, StorageError/sqlite3 errors from the database (the
    batches committed before stay committed: each is correct on its own)."""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    started = time.monotonic()
    conn = db.conn
    cutoff = now - timedelta(days=policy.days)
    cut = _julian(cutoff)
    _template_cutoffs(conn, now, policy.days)
    report = PruneReport(cutoff=cutoff.isoformat(), dry_run=dry_run, before=table_counts(conn))
    for label, table, cond in _STEPS:
        if dry_run:
            report.pruned[label] = _count(conn, table, cond, cut)
        else:
            report.pruned[label], txs = _prune_table(db, table, cond, cut, policy, sleep)
            report.transactions += txs
    if dry_run:
        report.after = {t: report.before[t] - report.pruned.get(t, 0) for t in report.before}
    else:
        report.freed_pages = _vacuum_step(db)
        report.after = table_counts(conn)
    report.free_pages = conn.execute("PRAGMA freelist_count").fetchone()[0]
    report.seconds = round(time.monotonic() - started, 3)
    if not dry_run:
        with transaction(db):
            for key, value in ((META_LAST_AT, now.isoformat()), (META_LAST_REPORT, json.dumps(report.to_dict()))):
                conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                             (key, value))
    return report


def prune_if_due(db: Database, policy: RetentionPolicy = RetentionPolicy(), *, now: datetime | None = None,
                 every: timedelta = AUTO_EVERY, sleep: Callable[[float], None] = time.sleep) -> PruneReport | None:
    """`prune_replica` if the last run is at least `every` ago (or never ran, or is in the future:
    a clock set back); else None. Meant for the sync thread after a successful round."""
    now = now or datetime.now(timezone.utc)
    row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (META_LAST_AT,)).fetchone()
    if row:
        try:
            last = datetime.fromisoformat(row[0])
        except ValueError:
            last = None
        if last is not None and last.tzinfo is not None and timedelta(0) <= now - last < every:
            return None
    return prune_replica(db, policy, now=now, sleep=sleep)


def vacuum(db: Database) -> dict[str, int]:
    """Rewrite the file (VACUUM) in auto_vacuum=INCREMENTAL mode, so later prunes can give pages back.

    Needs no other connection in a transaction and up to the file's size in free disk space: run it with
    the counter closed. Returns {"bytes_before", "bytes_after"} (page_size x page_count)."""
    conn = db.conn

    def size() -> int:
        return conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]

    before = size()
    conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return {"bytes_before": before, "bytes_after": size()}
