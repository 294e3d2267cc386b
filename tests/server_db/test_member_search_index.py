"""The counter's member search reads its indexes on both engines (issue 17): an exact phone by the
unique index, a name prefix by `member_search_keys_name` (PostgreSQL: LIKE on text_pattern_ops;
SQLite: the byte range of the case-folded keys), never a scan of every member."""

from __future__ import annotations

import pytest

from sync.server.member_search import _name_query
from sync.server.store import CentralStore
from terminal.domain.phones import name_key

N = 20_000


@pytest.fixture
def store(central_url):
    s = CentralStore(central_url)
    with s.write():
        s.conn.executemany("INSERT INTO member_search_keys(member_id, phone, name_key) VALUES (?, ?, ?)",
                           [(f"M{i:06d}", f"+8869{i:08d}", name_key(f"{'王陳林黃'[i % 4]}{'小大志'[i % 3]}{chr(0x4E00 + i % 500)}"))
                            for i in range(N)] + [("MX1", None, "alice chen"), ("MX2", None, "alice"), ("MX3", None, "alicia")])
    if s.engine.dialect.name == "postgresql":
        s.conn.execute("ANALYZE member_search_keys")
    else:
        s.conn.execute("ANALYZE")
    yield s
    s.close()


def plan(store, sql: str, params: tuple) -> str:
    pg = store.engine.dialect.name == "postgresql"
    rows = store.conn.execute(("EXPLAIN " if pg else "EXPLAIN QUERY PLAN ") + sql, params).fetchall()
    return "\n".join(str(r[0] if pg else r[-1]) for r in rows)


def test_name_and_phone_searches_use_their_indexes(store):
    sql, params = _name_query(store, name_key("王小"))
    p = plan(store, sql, params)
    assert "member_search_keys_name" in p, p
    found = [r[0] for r in store.conn.execute(sql, params).fetchall()]
    assert len(found) == 6  # MAX_RESULTS + 1: the caller says `truncated`
    sql, params = _name_query(store, "alice")
    assert [r[0] for r in store.conn.execute(sql, params).fetchall()] == ["MX2", "MX1"]  # exact first, not "alicia"
    p = plan(store, "SELECT member_id FROM member_search_keys WHERE phone = ?", ("+886900000042",))
    assert "member_search_keys_phone" in p or "sqlite_autoindex_member_search_keys" in p or "Index" in p, p
