"""The change feed stays commit-ordered under concurrent writers (sync/server/changefeed.py).

A reader that pages `seq > cursor` while many writers commit must, in the end, have read every
committed row exactly once and in order; positions have no gaps. The same harness catches the
design it replaces (a position taken at write time): `test_the_reader_check_catches_positions_taken_at_write_time`.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from sqlalchemy import exc, insert, select, text

from sync.server import db, migrate
from sync.server.changefeed import FeedWriter, head, read_page
from sync.server.limits import is_busy
from sync.server.tables import coupon_voids, entities

WRITERS = 24
TXS_PER_WRITER = 12


@pytest.fixture
def engine(central_url):
    e = db.connect(central_url, pool_size=WRITERS + 4)
    migrate.upgrade(e)
    yield e
    e.dispose()


class Reader:
    """Pages the feed in small pages while writers run; records (seq, kind, key) in read order."""

    def __init__(self, engine, limit: int = 5) -> None:
        self.engine, self.limit, self.cursor, self.seen = engine, limit, 0, []

    def page(self) -> bool:
        with db.read(self.engine) as conn:
            p = read_page(conn, self.cursor, self.limit)
        self.seen += [(r.seq, r.kind, r.key) for r in p.rows]
        self.cursor = p.last
        return p.has_more

    def drain(self) -> None:
        while self.page():
            pass


def check_no_skip(seen: list, committed: set) -> list[str]:
    """What is wrong with what a reader saw: [] when every committed key was read exactly once, in position order."""
    problems = []
    seqs = [s for s, _, _ in seen]
    if seqs != sorted(set(seqs)):
        problems.append("positions not strictly increasing (a duplicate or out of order)")
    keys = [(k, key) for _, k, key in seen]
    if len(keys) != len(set(keys)):
        problems.append("a row was read twice")
    if set(keys) != committed:
        missing = committed - set(keys)
        problems.append(f"{len(missing)} committed rows never read (skipped): {sorted(missing)[:5]}")
    return problems


def test_many_concurrent_writers_and_a_paging_reader_never_skip_a_row(engine):
    committed: set[tuple[str, str]] = set()
    lock = threading.Lock()
    inflight = [0, 0]  # now, max: transactions open at once (PostgreSQL must really overlap them)
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS + 1)

    def writer(w: int) -> None:
        rnd = random.Random(w)
        try:
            start.wait()
            for t in range(TXS_PER_WRITER):
                keys = [("test", f"w{w:02}-t{t:02}-r{r}") for r in range(rnd.randint(1, 3))]
                abort = rnd.random() < 0.15
                try:
                    with db.write(engine) as tx:
                        with lock:
                            inflight[0] += 1
                            inflight[1] = max(inflight)
                        try:
                            feed = FeedWriter.of(tx)
                            for kind, key in keys:
                                feed.put(kind, key, {"w": w, "t": t}, member_id=f"M{w}")
                                time.sleep(rnd.random() * 0.004)  # hold the transaction open: others commit meanwhile
                            if abort:
                                raise KeyError("abort")
                        finally:
                            with lock:
                                inflight[0] -= 1
                except KeyError:
                    continue
                except Exception as err:  # noqa: BLE001 - only a busy write lock is retried
                    if not is_busy(err):
                        raise
                    # SQLite's write lock stayed busy past busy_timeout (a loaded machine): the
                    # server answers 503 and the terminal sends again; nothing of it committed
                    time.sleep(rnd.random() * 0.05)
                    continue
                with lock:
                    committed.update(keys)
        except BaseException as err:  # noqa: BLE001 - reported by the test
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    [t.start() for t in threads]
    reader = Reader(engine)
    start.wait()
    pages = 0
    while any(t.is_alive() for t in threads):
        reader.page()
        pages += 1
    [t.join() for t in threads]
    reader.drain()
    assert errors == []
    assert check_no_skip(reader.seen, committed) == []
    assert [s for s, _, _ in reader.seen] == list(range(1, len(committed) + 1))  # no gaps, aborted ones included
    with db.read(engine) as conn:
        assert head(conn) == len(committed)
        assert conn.execute(select(entities.c.seq).where(entities.c.seq < 0)).all() == []  # nothing left provisional
    assert pages > 10  # the reader really read while the writers wrote
    if engine.dialect.name == "postgresql":
        assert inflight[1] > 4, inflight  # writers overlapped: positions were not simply handed out one transaction at a time


def test_a_later_commit_of_an_earlier_writer_is_not_skipped(engine):
    """T1 writes first and commits last: its row gets the higher position, so a reader that read T2's row still gets it."""
    t1_wrote, t2_done = threading.Event(), threading.Event()

    def t1():
        with db.write(engine) as tx:
            FeedWriter.of(tx).put("member", "M1", {"id": "M1"})
            t1_wrote.set()
            t2_done.wait(10)

    th = threading.Thread(target=t1)
    th.start()
    t1_wrote.wait(10)
    reader = Reader(engine)
    if engine.dialect.name == "postgresql":  # SQLite: T2 waits for T1's write lock; PostgreSQL: T2 commits while T1 is open
        with db.write(engine) as tx:
            FeedWriter.of(tx).put("member", "M2", {"id": "M2"})
        reader.drain()
        assert reader.seen == [(1, "member", "M2")]
    t2_done.set()
    th.join()
    reader.drain()
    assert [k for _, _, k in reader.seen][-1] == "M1"
    assert check_no_skip(reader.seen, {("member", "M1")} | ({("member", "M2")} if engine.dialect.name == "postgresql" else set())) == []


def test_the_reader_check_catches_positions_taken_at_write_time(pg_url):
    """The harness is not blind: a position taken when the row is written (a plain sequence) skips a row."""
    engine = db.connect(pg_url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE SEQUENCE naive_seq")
    naive = text("INSERT INTO entities (kind, key, body, seq) VALUES ('member', :key, '{}', nextval('naive_seq'))")
    reader = Reader(engine)

    def read_max():  # the naive reader's head: the highest visible position
        with db.read(engine) as conn:
            rows = conn.execute(select(entities.c.seq, entities.c.kind, entities.c.key)
                                .where(entities.c.seq > reader.cursor).order_by(entities.c.seq)).all()
        reader.seen += [tuple(r) for r in rows]
        reader.cursor = rows[-1][0] if rows else reader.cursor

    with engine.connect() as c1, engine.connect() as c2:
        t1 = c1.begin()
        c1.execute(naive, {"key": "M1"})  # takes position 1, commits last
        with c2.begin():
            c2.execute(naive, {"key": "M2"})  # takes position 2, commits first
        read_max()
        t1.commit()
    read_max()
    assert check_no_skip(reader.seen, {("member", "M1"), ("member", "M2")}) == [
        "1 committed rows never read (skipped): [('member', 'M1')]"]
    engine.dispose()


def test_rows_are_only_stamped_at_commit_and_a_rollback_gives_positions_back(engine):
    with pytest.raises(RuntimeError, match="late failure"):
        with db.write(engine) as tx:
            feed = FeedWriter.of(tx)
            feed.put("coupon", "C1", {"code": "C1"})
            assert tx.conn.execute(select(entities.c.seq)).scalar_one() < 0  # provisional until commit

            def fail(conn, stamp):
                assert stamp.first == 1
                raise RuntimeError("late failure")  # after the stamp, before COMMIT

            feed.on_stamped(fail)
    with db.write(engine) as tx:
        feed = FeedWriter.of(tx)
        feed.put("coupon", "C2", {"code": "C2"})
        feed.put("coupon", "C3", '{"code":"C3"}')
        feed.put("coupon", "C2", {"code": "C2", "v": 2})  # written again: one row, the later position
    assert feed.stamp.first == 1 and feed.stamp.seqs == {("coupon", "C3"): 1, ("coupon", "C2"): 2}
    with db.read(engine) as conn:
        page = read_page(conn, 0, 10)
    assert [(r.key, r.seq, r.body) for r in page.rows] == [("C3", 1, '{"code":"C3"}'), ("C2", 2, '{"code":"C2","v":2}')]
    assert (page.head, page.has_more) == (2, False)


def test_tombstones_take_a_new_position_and_callbacks_see_the_final_ones(engine):
    with db.write(engine) as tx:
        FeedWriter.of(tx).put("coupon", "C1", {"code": "C1"})
    with db.write(engine) as tx:
        feed = FeedWriter.of(tx)
        assert feed.tombstone("coupon", "C1") is True
        assert feed.tombstone("coupon", "NOPE") is False  # nothing to delete: no position used
        feed.on_stamped(lambda conn, stamp: conn.execute(insert(coupon_voids).values(
            code="C1", seq=stamp.seq_of("coupon", "C1"), reason="lost", at="2026-11-20T12:00:00+08:00")))
    with db.read(engine) as conn:
        page = read_page(conn, 1, 10)
        assert [(r.key, r.seq, r.deleted, r.body) for r in page.rows] == [("C1", 2, 1, None)]
        assert conn.execute(select(coupon_voids.c.seq)).scalar_one() == 2
    with db.write(engine) as tx:  # a transaction without entity writes never takes the feed's head
        tx.conn.execute(insert(coupon_voids).values(code="C9", seq=0, reason="x", at="now"))
    with db.read(engine) as conn:
        assert head(conn) == 2


def test_row_locks_are_per_key_on_postgresql(engine):
    with db.write(engine) as tx:
        feed = FeedWriter.of(tx)
        for m in ("M1", "M2"):
            feed.put("member", m, {"id": m}, member_id=m)
    with db.write(engine) as t1:
        rows = db.lock_rows(t1.conn, entities, [("member", "M1")])
        assert [r.key for r in rows] == ["M1"]
        if engine.dialect.name != "postgresql":
            return  # SQLite: one writer at a time; the SELECT is all there is to it
        with db.write(engine) as t2:
            assert [r.key for r in db.lock_rows(t2.conn, entities, [("member", "M2")], nowait=True)] == ["M2"]  # another member: free
        with pytest.raises(exc.OperationalError, match="could not obtain lock"):
            with db.write(engine) as t2:
                db.lock_rows(t2.conn, entities, [("member", "M2"), ("member", "M1")], nowait=True)


@pytest.mark.postgresql
def test_sums_are_integers_on_postgresql_as_on_sqlite(pg_url):
    """SUM of a BIGINT is NUMERIC on PostgreSQL (psycopg: Decimal); integral ones are read as int, as
    SQLite gives them (a Decimal in a conflict's details failed json.dumps and the push)."""
    engine = db.connect(pg_url)
    try:
        with engine.connect() as conn:
            total, frac = conn.exec_driver_sql("SELECT SUM(x), 1.5::numeric FROM (VALUES (2::bigint), (3::bigint)) v(x)").one()
        assert (type(total), total) == (int, 5)
        assert str(frac) == "1.5"  # a real fraction stays a Decimal
    finally:
        engine.dispose()
