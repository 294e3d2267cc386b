"""Fewer statements per push, the same guarantees (sync/server/store.py `lock_keys`, `memo`;
sync/server/sqlconn.py): every advisory lock of one `lock_keys` call is held (taken in one
statement on PostgreSQL), a transaction's memo of meta values and the catalog probe is read again
after a lock or a write, and a statement's error on PostgreSQL's direct cursor is the SQLAlchemy
error the callers (and `limits.is_busy`) expect — on both engines alike.
"""

from __future__ import annotations

import pytest
from sqlalchemy import exc, text

from sync.server.facts import _probe
from sync.server.limits import is_busy
from sync.server.store import CentralStore, key_hash


@pytest.fixture
def store(central_url):
    s = CentralStore(central_url)
    yield s
    s.close()


def _held_elsewhere(store: CentralStore, key: str) -> bool:
    """Whether another connection is refused the advisory lock of `key` (PostgreSQL)."""
    with store.engine.connect() as other:
        got = other.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key_hash(key)}).scalar()
        other.rollback()
    return not got


def test_lock_keys_holds_every_key_until_the_transaction_ends(store):
    keys = ("member:M1", "coupon:C-1", "lot:L9", "member:M1")  # a key twice is locked once
    with store.write():
        store.lock_keys(*keys)
        if store.postgresql:
            assert all(_held_elsewhere(store, k) for k in keys)
            assert not _held_elsewhere(store, "member:M2")
        store.lock_keys("member:M2")  # one key alone: its own statement
        if store.postgresql:
            assert _held_elsewhere(store, "member:M2")
    if store.postgresql:
        assert not any(_held_elsewhere(store, k) for k in keys + ("member:M2",))


def test_a_meta_value_is_read_once_per_transaction_and_again_after_a_write(store):
    with store.write():
        assert store.meta("probe_key") is None
        store.set_meta("probe_key", "1")  # a write forgets what was read
        assert store.meta("probe_key") == "1"
        store.set_meta("probe_key", "2")
        assert store.meta("probe_key") == "2"
    assert store.meta("probe_key") == "2"


@pytest.mark.postgresql
def test_a_value_committed_elsewhere_is_seen_after_the_next_lock(pg_url):
    store = CentralStore(pg_url)
    try:
        with store.write():
            assert store.meta("probe_key") is None
            with store.engine.begin() as other:  # another worker stores it meanwhile (READ COMMITTED)
                other.execute(text("INSERT INTO meta(key, value) VALUES ('probe_key', 'elsewhere')"))
            assert store.meta("probe_key") is None  # one value per transaction until it locks
            store.lock_keys("meta:probe_key")  # the read-lock-read-again pattern (feed._meta_once)
            assert store.meta("probe_key") == "elsewhere"
    finally:
        store.close()


def test_the_catalog_probe_is_read_again_after_an_entity_write(store):
    with store.write():
        before = _probe(store)
        assert _probe(store) is before  # the memo: one statement per transaction
        store.feed().put("store", "S-PROBE", {"id": "S-PROBE"})
        after = _probe(store)
        assert after is not before
        assert after.get("store", (None, 0))[1] == before.get("store", (None, 0))[1] + 1
    with store.write():  # a new transaction reads it again: the row's position given at commit
        again = _probe(store)
        assert again["store"][1] == after["store"][1] and again["store"][0] > 0


def test_rows_are_plain_tuples_on_both_engines(store):
    with store.read():
        row = store.conn.execute("SELECT key, value FROM meta WHERE key = ?", ("epoch",)).fetchone()
        assert tuple(row) == ("epoch", store.epoch) and row[1] == store.epoch
        assert [tuple(r) for r in store.conn.execute("SELECT key FROM meta WHERE key = ?1 OR key = ?1", ("epoch",))] == [("epoch",)]
    with store.write():
        res = store.conn.execute("UPDATE meta SET value = value WHERE key = ?", ("epoch",))
        assert res.rowcount == 1


def test_a_failing_statement_raises_the_sqlalchemy_error_and_nothing_is_written(store):
    with pytest.raises(exc.IntegrityError) as caught:
        with store.write():
            store.conn.execute("INSERT INTO meta(key, value) VALUES ('kept', 'no')")
            store.conn.execute("INSERT INTO meta(key, value) VALUES ('epoch', 'duplicate')")
    assert type(caught.value.orig).__module__.split(".")[0] == ("psycopg" if store.postgresql else "sqlite3")
    assert is_busy(caught.value) == is_busy(caught.value.orig)  # classified as the driver's own error is
    assert not caught.value.connection_invalidated
    assert store.meta("kept") is None
    with store.write():  # the connection is usable again
        store.set_meta("kept", "yes")
    assert store.meta("kept") == "yes"


def test_one_select_outside_a_transaction_then_writes_stay_all_or_nothing(store):
    for _ in range(3):  # PostgreSQL: in autocommit on a pooled connection, given back as it was
        assert store.conn.execute("SELECT value FROM meta WHERE key = ?", ("epoch",)).fetchone()[0] == store.epoch
        assert store.conn.execute("SELECT value FROM meta WHERE key = ?", ("nothing",)).fetchone() is None
    if store.postgresql:
        with store.engine.connect() as c:
            assert c.connection.dbapi_connection.autocommit is False
    with pytest.raises(exc.IntegrityError):
        with store.write():
            store.conn.execute("INSERT INTO meta(key, value) VALUES ('half', 'no')")
            store.conn.execute("INSERT INTO meta(key, value) VALUES ('epoch', 'duplicate')")
    assert store.conn.execute("SELECT value FROM meta WHERE key = ?", ("half",)).fetchone() is None
