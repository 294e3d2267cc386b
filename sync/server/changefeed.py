"""The change feed's positions under concurrent writers: commit order = position order (issue 14).

Terminals pull `entities` rows by position: `seq > cursor ORDER BY seq LIMIT n`, then move their
cursor to the last `seq` they got. That is only correct if a row can never become visible
later with a LOWER position than one a reader already passed: the reader would skip it for
good (and the balance overlay's no-double-count rule, docs/sync.md "Balance overlay", counts
on having every row up to its cursor). With one SQLite writer that holds by construction. With
several PostgreSQL writers, a sequence taken at write time breaks it:

    T1 takes seq 7 ....................................... commits
    T2 takes seq 8, commits
    reader: seq > 6 -> [8], cursor 8                        row 7 is now behind every cursor

The rule here (the "stamp at commit" design): rows are written with a provisional NEGATIVE
position (no reader's `seq > cursor >= 0` ever matches one), and just before COMMIT the
transaction takes the one-row `feed_head` under its row lock (`UPDATE feed_head SET seq =
seq + n RETURNING seq`), gives its rows the next n positions in write order, and commits. The
row lock is held until that commit, so the next writer gets its positions only after this
one is committed and visible: positions are handed out in commit order, a reader's snapshot
that holds position p holds every position below p, and positions have no gaps (a transaction
that rolls back, even after stamping, gives its positions back with the head).

Costs and why this and not the alternatives (docs/central.md has the long form):
  - the feed lock is the LAST lock a transaction takes, held only for the stamp and the commit
    (one WAL flush), so it never forms a deadlock with member/coupon/lot row locks, and the
    judging before it runs in parallel; transactions that change no entity never take it;
  - an advisory lock + sequence would do the same (Postgres-only SQL); a "visible-up-to"
    horizon from pg_snapshot_xmin (Marten's high-water mark) keeps writers fully parallel but
    needs a transaction-id column, holds readers back behind the oldest open transaction, and
    reorders nothing for a cursor that is one integer;
  - SQLite runs the very same statements (its BEGIN IMMEDIATE makes them trivially ordered).

Provisional positions: `-nextval('feed_provisional')` on PostgreSQL (unique across concurrent
transactions, so the unique index on `seq` never makes one writer wait for another), a counter
local to the transaction on SQLite (one writer at a time).

Use (inside sync.server.db.write):

    feed = FeedWriter.of(tx)
    feed.put("member", "M1", {...}, member_id="M1")      # any number of puts/tombstones
    feed.on_stamped(lambda conn, stamp: ...)             # e.g. events.visible_seq = stamp.last
    # commit: positions stamped; feed.stamp.seq_of("member", "M1") tells the final one

The stamp is queued with `tx.before_commit` at the first put; a step queued after it runs
after the stamp, while the feed lock is held (keep such steps short, or queue them earlier).

and for readers (inside sync.server.db.read: one snapshot): `head(conn)`, `read_page(conn, after, limit)`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sync.server.db import Tx, is_postgresql
from sync.server.sqlconn import run_pg
from sync.server.tables import entities, feed_head, feed_provisional

__all__ = ["FeedWriter", "Page", "Stamp", "head", "read_page"]

# PostgreSQL: `FeedWriter.put` and the stamp's row update as written once (what the Core statements compiled to)
_PG_PUT = ("INSERT INTO entities (kind, key, member_id, body, seq, deleted, scope) "
           "VALUES (%s, %s, %s, %s, -nextval('feed_provisional'), 0, %s) ON CONFLICT (kind, key) DO UPDATE SET "
           "member_id = excluded.member_id, body = excluded.body, seq = excluded.seq, deleted = 0, scope = excluded.scope")
_PG_STAMP = ("UPDATE entities AS e SET seq = v.seq FROM unnest(CAST(%s AS TEXT[]), CAST(%s AS TEXT[]), CAST(%s AS BIGINT[])) "
             "AS v(kind, key, seq) WHERE e.kind = v.kind AND e.key = v.key")


@dataclass(frozen=True)
class Stamp:
    """The positions one transaction got: `first`..`last` (inclusive), per (kind, key) in `seqs`."""

    first: int
    last: int
    seqs: dict[tuple[str, str], int]

    def seq_of(self, kind: str, key: str) -> int:
        return self.seqs[(kind, key)]


@dataclass
class FeedWriter:
    """The entity writes of one write transaction; positions are given at commit (module docstring)."""

    tx: Tx
    _pending: dict[tuple[str, str], None] = field(default_factory=dict)  # ordered: last write last
    _callbacks: list[Callable[[Connection, Stamp], None]] = field(default_factory=list)
    _local: int = 0
    stamp: Stamp | None = None

    @classmethod
    def of(cls, tx: Tx) -> FeedWriter:
        """The transaction's writer (made, and its stamp queued before commit, on first use)."""
        writer = tx.state.get("changefeed")
        if writer is None:
            writer = tx.state["changefeed"] = cls(tx)
            tx.before_commit(writer._stamp)
        return writer

    def _provisional(self):
        if is_postgresql(self.tx.conn):
            return -feed_provisional.next_value()
        self._local += 1
        return -self._local

    def _touch(self, kind: str, key: str) -> None:
        if self.stamp is not None:
            raise RuntimeError("the change feed of this transaction is already stamped")
        memo = self.tx.state.get("memo")
        if memo:  # CentralStore.memo: what was read from entity rows is read again
            for name in [n for n in memo if n.startswith("entities:")]:
                del memo[name]
        self._pending.pop((kind, key), None)
        self._pending[(kind, key)] = None

    def put(self, kind: str, key: str, body: dict | str, member_id: str | None = None, scope: str | None = None) -> None:
        """Insert or replace the row (kind, key); `body` a dict (stored as compact JSON) or JSON text;
        `scope` who may receive it (sync/server/slices.py; None = every device)."""
        if not isinstance(body, str):
            body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        self._touch(kind, key)
        if is_postgresql(self.tx.conn):  # the same statement, written once: no Core statement built per row
            run_pg(self.tx.conn, _PG_PUT, (kind, key, member_id, body, scope))
            return
        values = {"kind": kind, "key": key, "member_id": member_id, "body": body, "seq": self._provisional(), "deleted": 0,
                  "scope": scope}
        make = pg_insert if is_postgresql(self.tx.conn) else sqlite_insert
        stmt = make(entities).values(**values)
        stmt = stmt.on_conflict_do_update(index_elements=["kind", "key"], set_={
            "body": stmt.excluded.body, "member_id": stmt.excluded.member_id, "seq": stmt.excluded.seq, "deleted": 0,
            "scope": stmt.excluded.scope})
        self.tx.conn.execute(stmt)

    def touch(self, kind: str, key: str) -> bool:
        """Give an existing live row a new position (same body): it is sent again to every reader
        behind the new position (a member entering a store's slice). False when there is no such row."""
        res = self.tx.conn.execute(update(entities).where(entities.c.kind == kind, entities.c.key == key, entities.c.deleted == 0)
                                   .values(seq=self._provisional()))
        if res.rowcount:
            self._touch(kind, key)
        return bool(res.rowcount)

    def put_many(self, rows) -> int:
        """`put` for many rows in one statement (a catalog import): `rows` of (kind, key, member_id,
        body as dict or JSON text[, scope]); a (kind, key) given twice keeps the last. Returns the count."""
        by_key: dict[tuple[str, str], dict] = {}  # one statement may not touch a row twice (PostgreSQL)
        for kind, key, member_id, body, *rest in rows:
            if not isinstance(body, str):
                body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
            self._touch(kind, key)
            by_key.pop((kind, key), None)
            by_key[(kind, key)] = {"kind": kind, "key": key, "member_id": member_id, "body": body, "deleted": 0,
                                   "scope": rest[0] if rest else None}
        values = list(by_key.values())
        if not values:
            return 0
        make = pg_insert if is_postgresql(self.tx.conn) else sqlite_insert
        if is_postgresql(self.tx.conn):
            stmt = make(entities).values(seq=-feed_provisional.next_value())
        else:
            stmt = make(entities)
            for v in values:
                self._local += 1
                v["seq"] = -self._local
        stmt = stmt.on_conflict_do_update(index_elements=["kind", "key"], set_={
            "body": stmt.excluded.body, "member_id": stmt.excluded.member_id, "seq": stmt.excluded.seq, "deleted": 0,
            "scope": stmt.excluded.scope})
        self.tx.conn.execute(stmt, values)
        return len(values)

    def tombstone(self, kind: str, key: str) -> bool:
        """Mark (kind, key) deleted (body NULL) at a new position; False when there is no such row."""
        res = self.tx.conn.execute(update(entities).where(entities.c.kind == kind, entities.c.key == key)
                                   .values(deleted=1, body=None, seq=self._provisional()))
        if res.rowcount:
            self._touch(kind, key)
        return bool(res.rowcount)

    def on_stamped(self, fn: Callable[[Connection, Stamp], None]) -> None:
        """Run fn(conn, stamp) after the positions are given, still inside the transaction
        (only when this transaction wrote entity rows)."""
        self._callbacks.append(fn)

    def _stamp(self, conn: Connection) -> None:
        n = len(self._pending)
        if n == 0:
            return
        if is_postgresql(conn):  # two statements for any number of rows
            last = run_pg(conn, "UPDATE feed_head SET seq = seq + %s WHERE id = 1 RETURNING seq", (n,)).fetchone()[0]
            first = last - n + 1
            seqs = {k: first + i for i, k in enumerate(self._pending)}
            run_pg(conn, _PG_STAMP, ([k for k, _ in seqs], [key for _, key in seqs], list(seqs.values())))
            self._stamped(conn, Stamp(first, last, seqs))
            return
        last = conn.execute(update(feed_head).where(feed_head.c.id == 1).values(seq=feed_head.c.seq + n)
                            .returning(feed_head.c.seq)).scalar_one()
        first = last - n + 1
        seqs = {k: first + i for i, k in enumerate(self._pending)}
        conn.execute(update(entities).where(entities.c.kind == bindparam("k_kind"), entities.c.key == bindparam("k_key"))
                     .values(seq=bindparam("k_seq")),
                     [{"k_kind": kind, "k_key": key, "k_seq": s} for (kind, key), s in seqs.items()])
        self._stamped(conn, Stamp(first, last, seqs))

    def _stamped(self, conn: Connection, stamp: Stamp) -> None:
        self.stamp = stamp
        for fn in self._callbacks:
            fn(conn, self.stamp)


def head(conn: Connection) -> int:
    """The last position handed out (0 for an empty feed), as of the reader's snapshot."""
    return conn.execute(select(feed_head.c.seq).where(feed_head.c.id == 1)).scalar_one()


@dataclass(frozen=True)
class Page:
    """Rows (kind, key, seq, deleted, body) with seq > `after`, in position order; `head` in the same snapshot."""

    rows: list
    head: int
    after: int

    @property
    def last(self) -> int:
        return self.rows[-1].seq if self.rows else self.after

    @property
    def has_more(self) -> bool:
        return self.last < self.head


def read_page(conn: Connection, after: int, limit: int) -> Page:
    """One page of the feed after position `after` (call inside sync.server.db.read: one snapshot)."""
    if after < 0 or limit < 1:
        raise ValueError(f"read_page needs after >= 0 and limit >= 1 (got {after}, {limit})")
    h = head(conn)
    rows = list(conn.execute(select(entities.c.kind, entities.c.key, entities.c.seq, entities.c.deleted, entities.c.body)
                             .where(entities.c.seq > after).order_by(entities.c.seq).limit(limit)))
    return Page(rows=rows, head=h, after=after)

