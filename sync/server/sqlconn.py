"""`store.conn`: the central server's SQL call sites on either engine (issue 14).

The server's modules (intake, facts, ledgers, feed, backoffice, devices, tokens, quarantine) and
the tests speak DB-API style: `store.conn.execute(sql, params).fetchone()`, with `?` (or `?N`)
placeholders. `StoreConn` keeps that shape and runs the statement on the transaction the calling
thread has open (`CentralStore.write()` / `read()`, sync/server/db.py), through SQLAlchemy's
`exec_driver_sql`:

    SQLite       the statement as written (qmark is sqlite3's own style)
    PostgreSQL   translated once per statement text (`to_postgresql`, cached): `?`/`?N` -> `%s`
                 (params reordered for `?N`), a literal `%` doubled, and
                 `json_extract(col, '$.field')` -> `((col)::jsonb ->> 'field')` (the form the
                 expression indexes of sync/server/tables.py are built on)

Everything else in the server's SQL is written to run on both (ON CONFLICT, no rowid, CAST of a
parameter compared with NULL, CAST of SUM to BIGINT). A statement run with NO open transaction
on the thread gets its own: a read snapshot for SELECT (rows fetched before it ends; on PostgreSQL
a plain SELECT runs in autocommit, one statement being one snapshot there), else a write
transaction (committed at once) — a credential check per request, the admin checks of the tests.

Results: `fetchone()`, `fetchall()`, iteration, `rowcount`, `close()`; rows are tuples as sqlite3
gave them. On SQLite a SQLAlchemy result. On PostgreSQL, inside the thread's transaction, the
statement runs on that transaction's own psycopg connection, through a plain psycopg cursor (its
rows are tuples): SQLAlchemy's statement and result machinery was a third of a push's server CPU
(profiled, docs/benchmarks.md). Same transaction, same connection, same prepared statements; a
psycopg error is raised as SQLAlchemy would have raised it (`sqlalchemy.exc.DBAPIError` subclass,
`.orig`, `connection_invalidated` when the connection broke), so callers and `limits.is_busy` /
`is_unreachable` see one kind of error.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any, Iterable

__all__ = ["StoreConn", "run_pg", "to_postgresql"]

_JSON = re.compile(r"json_extract\(\s*([A-Za-z_][\w.]*)\s*,\s*'\$\.([a-z_][a-z0-9_]*)'\s*\)")
_PARAM = re.compile(r"'(?:[^']|'')*'|\?(\d*)|%")


@lru_cache(maxsize=1024)
def to_postgresql(sql: str) -> tuple[str, tuple[int, ...] | None]:
    """(PostgreSQL text, order) for a qmark statement: `order` lists the 0-based parameter each
    `%s` takes when the statement used numbered `?N` placeholders (None: in the order given).
    String literals are left alone (a `?` inside quotes is not a placeholder)."""
    sql = _JSON.sub(lambda m: f"(({m.group(1)})::jsonb ->> '{m.group(2)}')", sql)
    order: list[int] = []
    numbered = False

    def repl(m: re.Match) -> str:
        nonlocal numbered
        text = m.group(0)
        if text.startswith("'"):
            return text.replace("%", "%%")
        if text == "%":
            return "%%"
        if m.group(1):
            numbered = True
            order.append(int(m.group(1)) - 1)
        else:
            order.append(len(order))
        return "%s"

    out = _PARAM.sub(repl, sql)
    return out, tuple(order) if numbered else None


class _Rows:
    """Rows fetched from a statement whose own transaction has ended (same calls as a result)."""

    def __init__(self, rows: list, rowcount: int) -> None:
        self._rows, self._i, self.rowcount = rows, 0, rowcount

    def fetchone(self):
        if self._i >= len(self._rows):
            return None
        self._i += 1
        return self._rows[self._i - 1]

    def fetchall(self) -> list:
        rest, self._i = self._rows[self._i:], len(self._rows)
        return rest

    def __iter__(self):
        while (row := self.fetchone()) is not None:
            yield row

    def close(self) -> None:
        self._i = len(self._rows)


def run_pg(conn, text: str, args: tuple):
    """`text` with `args` on the SQLAlchemy Connection `conn`'s psycopg connection, in its open
    transaction: the psycopg cursor (module docstring); errors wrapped as SQLAlchemy wraps them."""
    import psycopg
    from sqlalchemy import exc as sa_exc

    dbapi = conn.connection.dbapi_connection
    cur = dbapi.cursor()
    try:
        cur.execute(text, args)
    except psycopg.Error as error:
        cur.close()
        raise sa_exc.DBAPIError.instance(text, args, error, psycopg.Error, connection_invalidated=dbapi.broken,
                                         dialect=conn.dialect) from error
    return cur


class StoreConn:
    """DB-API-shaped statements on the calling thread's open transaction (module docstring)."""

    def __init__(self, store) -> None:
        self._store = store
        self._local = threading.local()
        self._pg = store.engine.dialect.name == "postgresql"

    # the transaction the thread works in (set by CentralStore.write / read)
    @property
    def current(self):
        return getattr(self._local, "conn", None)

    def bind(self, conn) -> Any:
        prev = self.current
        self._local.conn = conn
        return prev

    @property
    def in_transaction(self) -> bool:
        return self.current is not None

    def _prepare(self, sql: str, params) -> tuple[str, Any]:
        if not self._pg:
            return sql, tuple(params) if params is not None else ()
        text, order = to_postgresql(sql)
        params = tuple(params) if params is not None else ()
        if order is not None:
            params = tuple(params[i] for i in order)
        return text, params

    def execute(self, sql: str, params: Iterable = ()):
        conn = self.current
        text, args = self._prepare(sql, params)
        if conn is not None:
            return run_pg(conn, text, args) if self._pg else conn.exec_driver_sql(text, args)
        if self._pg and sql.lstrip()[:6].upper() == "SELECT":
            # one SELECT sees one snapshot by itself: autocommit, no BEGIN ... COMMIT round trips (a
            # credential check per request goes this way)
            with self._store.engine.connect() as c:
                cur = run_pg(c.execution_options(isolation_level="AUTOCOMMIT"), text, args)
                return _Rows(cur.fetchall(), cur.rowcount)
        if sql.lstrip()[:6].upper().startswith(("SELECT", "WITH")):
            with self._store.read() as c:
                res = c.exec_driver_sql(text, args)
                return _Rows(res.fetchall(), res.rowcount)
        with self._store.write() as _:
            res = self.current.exec_driver_sql(text, args)
            rows = res.fetchall() if res.returns_rows else []
            return _Rows(rows, res.rowcount)

    def executemany(self, sql: str, seq: Iterable[Iterable]):
        rows = list(seq)
        if not rows:
            return _Rows([], 0)
        prepared = [self._prepare(sql, p) for p in rows]
        text = prepared[0][0]
        conn = self.current
        if conn is not None:
            return conn.exec_driver_sql(text, [p for _, p in prepared])
        with self._store.write():
            res = self.current.exec_driver_sql(text, [p for _, p in prepared])
            return _Rows([], res.rowcount)

    def close(self) -> None:
        self._store.close()
