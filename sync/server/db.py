"""One storage interface for the central server over SQLAlchemy Core: SQLite or PostgreSQL (issue 14).

    engine = connect("sqlite:///var/central.db")                          embedded: demo, small chains, quick tests
    engine = connect("postgresql+psycopg://loyalty@/central?host=/run/postgresql")   production
    with write(engine) as tx:         one all-or-nothing write transaction (tx.conn, tx.before_commit)
        rows = lock_rows(tx.conn, entities, [("member", "M1")])     row locks, in key order
    with read(engine) as conn:        one consistent snapshot for a multi-statement read

Engines, and what each call means on them:

    connect()      SQLite: the file's pragmas as the store had them (WAL, synchronous=FULL,
                   foreign_keys=ON, busy_timeout), a connection pool of its own.
                   PostgreSQL (driver psycopg 3; `postgresql://` means `postgresql+psycopg://`):
                   a QueuePool (pool_size, max_overflow), pre-ping, connect_timeout.
                   Both: one probe connection at once; see errors below.
    write()        SQLite: BEGIN IMMEDIATE (the one writer lock, taken up front, with the jittered
                   retry of terminal.storage.db). PostgreSQL: READ COMMITTED; concurrency is by
                   row locks (`lock_rows`), so several worker processes write at once.
                   `tx.before_commit(fn)` runs fn(conn) in order just before COMMIT, inside the
                   transaction: the change feed stamps its positions there (sync/server/changefeed.py).
    read()         SQLite: BEGIN (deferred; a WAL reader never blocks the writer).
                   PostgreSQL: REPEATABLE READ READ ONLY: every statement sees one snapshot.
    lock_rows()    SELECT ... FOR UPDATE on PostgreSQL, ordered by key so two writers locking the
                   same rows always queue instead of deadlocking; on SQLite a plain SELECT (the
                   transaction already holds the database's one write lock).

Errors (each message is one line, with the URL's password hidden; nothing was changed):

    DatabaseError            base class
    ├── DatabaseUnavailable  not a database URL, an engine or driver this server does not use,
    │                        a SQLite file or folder that is not there (when it must exist),
    │                        a server that does not answer, a login that is refused
    └── SchemaTooNew         (sync/server/migrate.py) the database's schema revision is newer
                             than this code knows: upgrade the server, not the database
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from psycopg.types.numeric import NumericBinaryLoader, NumericLoader
from sqlalchemy import Connection, Engine, Table, create_engine, event, exc, make_url, select, tuple_
from sqlalchemy.engine import URL

from terminal.storage.db import BUSY_TIMEOUT_MS, _begin_immediate

__all__ = ["DatabaseError", "DatabaseUnavailable", "Tx", "connect", "describe_url", "lock_rows", "read", "write"]

ENGINES = ("sqlite", "postgresql")
URL_HELP = "use sqlite:///path/to/central.db or postgresql+psycopg://user@host/dbname"
CONNECT_TIMEOUT_S = 10


class DatabaseError(Exception):
    """The central database cannot be used as asked; the message is one line for the operator."""


class DatabaseUnavailable(DatabaseError):
    """Wrong connection string, missing file, unreachable server or refused login (see module docstring)."""


def describe_url(url: URL | str) -> str:
    """The URL as text with its password hidden (safe for logs and error lines)."""
    try:
        return (url if isinstance(url, URL) else make_url(url)).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return "<unparseable URL>"


def _first_line(error: BaseException) -> str:
    orig = getattr(error, "orig", None) or error
    text = " ".join(str(orig).split("\n")[:1]).strip()
    # psycopg: 'connection failed: connection to server on socket "..." failed: FATAL:  password ...'
    if "FATAL:" in text:
        text = text.split("FATAL:", 1)[1].strip()
    return " ".join(text.split()) or type(orig).__name__


def parse_url(url: str | URL) -> URL:
    """A SQLAlchemy URL for one of ENGINES (psycopg 3 for PostgreSQL); DatabaseUnavailable otherwise."""
    if isinstance(url, str) and not url.strip():
        raise DatabaseUnavailable(f"no database URL given: {URL_HELP}")
    try:
        u = make_url(url) if isinstance(url, str) else url
    except exc.ArgumentError:
        raise DatabaseUnavailable(f"not a database URL: {str(url)[:80]!r}: {URL_HELP}") from None
    if u.get_backend_name() not in ENGINES:
        raise DatabaseUnavailable(f"unsupported database engine {u.get_backend_name()!r} in {describe_url(u)}: {URL_HELP}")
    if u.get_backend_name() == "postgresql":
        if u.drivername not in ("postgresql", "postgresql+psycopg"):  # plain postgresql:// means psycopg 3 here
            raise DatabaseUnavailable(f"unsupported PostgreSQL driver {u.get_driver_name()!r} in {describe_url(u)}: "
                                      "use postgresql+psycopg:// (psycopg 3)")
        u = u.set(drivername="postgresql+psycopg")
    elif u.drivername != "sqlite":
        raise DatabaseUnavailable(f"unsupported SQLite driver in {describe_url(u)}: use sqlite:///path")
    elif not u.database or u.database == ":memory:":
        raise DatabaseUnavailable(f"the central store needs a SQLite FILE, not {describe_url(u)!r}: {URL_HELP}")
    return u


def connect(url: str | URL, *, must_exist: bool = False, pool_size: int = 5, max_overflow: int = 10,
            pool_timeout: float = 30.0) -> Engine:
    """An Engine for `url`, checked with one connection now.

    `must_exist`: a SQLite file that is not there is refused instead of created (a typo in the
    path must not start a new, empty chain). PostgreSQL databases are never created here.
    Raises DatabaseUnavailable (one line: what, where, the database's own reason).
    """
    u = parse_url(url)
    if u.get_backend_name() == "sqlite":
        path = Path(u.database)
        if must_exist and not path.is_file():
            raise DatabaseUnavailable(f"no central database file at {path} (check the path; nothing was created)")
        if not path.parent.is_dir():
            raise DatabaseUnavailable(f"cannot open the central database {describe_url(u)}: folder {path.parent} does not exist")
        engine = create_engine(u, pool_size=pool_size, max_overflow=max_overflow, pool_timeout=pool_timeout,
                               connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    else:
        engine = create_engine(u, pool_size=pool_size, max_overflow=max_overflow, pool_timeout=pool_timeout,
                               pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S,
                                                                 "application_name": "loyalty-central"})
        event.listen(engine, "connect", _pg_on_connect)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except (exc.DBAPIError, sqlite3.Error, OSError, RuntimeError) as error:
        engine.dispose()
        raise DatabaseUnavailable(f"cannot open the central database {describe_url(u)}: {_first_line(error)}") from None
    return engine


class _IntegralNumericLoader(NumericLoader):
    """PostgreSQL's SUM of a BIGINT is NUMERIC, which psycopg reads as Decimal; SQLite's is an int.
    Every amount here is an integer (minor units, points, uses), so an integral NUMERIC is read as
    an int on PostgreSQL too: one answer per query on both engines (a Decimal reached json.dumps in
    a conflict's details and failed the push)."""

    def load(self, data):
        return _integral(super().load(data))


class _IntegralNumericBinaryLoader(NumericBinaryLoader):
    def load(self, data):
        return _integral(super().load(data))


def _integral(value):
    """An integral finite Decimal as int; anything else unchanged (both loaders above)."""
    return int(value) if value.is_finite() and value == value.to_integral_value() else value


def _pg_on_connect(dbapi_conn, _record) -> None:
    dbapi_conn.adapters.register_loader("numeric", _IntegralNumericLoader)
    dbapi_conn.adapters.register_loader("numeric", _IntegralNumericBinaryLoader)


def _sqlite_on_connect(dbapi_conn, _record) -> None:
    """The store's pragmas on every new SQLite connection; no implicit BEGIN (we issue our own)."""
    dbapi_conn.isolation_level = None
    dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    mode = dbapi_conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise RuntimeError(f"could not enable WAL (got {mode}); is the file on a network drive?")
    dbapi_conn.execute("PRAGMA synchronous=FULL")
    dbapi_conn.execute("PRAGMA foreign_keys=ON")


def _sqlite_on_begin(conn: Connection) -> None:
    dbapi_conn = conn.connection.dbapi_connection
    if conn.get_execution_options().get("lt_read"):
        dbapi_conn.execute("BEGIN")
    else:
        _begin_immediate(dbapi_conn)


def is_postgresql(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "postgresql"


@dataclass
class Tx:
    """An open write transaction: `conn` to run statements on, `before_commit` to queue last steps."""

    conn: Connection
    _last: list[Callable[[Connection], None]] = field(default_factory=list)
    state: dict = field(default_factory=dict)  # per-transaction state of helpers (e.g. the feed writer)

    def before_commit(self, fn: Callable[[Connection], None]) -> None:
        """Run fn(conn) inside this transaction right before COMMIT (in the order queued)."""
        self._last.append(fn)


@contextmanager
def write(engine: Engine) -> Iterator[Tx]:
    """One all-or-nothing write transaction (see the module docstring per engine).

    Commits when the block ends, after the `before_commit` steps; rolls back on any exception,
    which is raised again. Nested use on one thread is a programming error of the caller.
    """
    with engine.connect() as conn:
        with conn.begin():
            tx = Tx(conn)
            yield tx
            while tx._last:  # a step may queue another (run once each, in order)
                tx._last.pop(0)(conn)


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """One read-only snapshot for several statements (REPEATABLE READ on PostgreSQL, BEGIN on SQLite)."""
    with engine.connect() as conn:
        if is_postgresql(conn):
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        else:
            conn = conn.execution_options(lt_read=True)
        with conn.begin():
            yield conn


def lock_rows(conn: Connection, table: Table, keys: Sequence[Sequence], *, key_columns: Sequence[str] | None = None,
              nowait: bool = False) -> list:
    """Lock the rows of `table` whose primary key is in `keys` (tuples, in any order) until the
    transaction ends, and return them (ordered by key). Missing keys are simply absent.

    PostgreSQL: SELECT ... ORDER BY key FOR UPDATE [NOWAIT] (NOWAIT raises instead of waiting:
    for tests and probes). SQLite: the same SELECT without FOR UPDATE (the writer lock covers it).
    """
    cols = [table.c[name] for name in key_columns] if key_columns else list(table.primary_key.columns)
    wanted = sorted({tuple(k) for k in keys})
    if not wanted:
        return []
    if len(cols) == 1:
        cond = cols[0].in_([k[0] for k in wanted])
    else:
        cond = tuple_(*cols).in_(wanted)
    stmt = select(table).where(cond).order_by(*cols)
    if is_postgresql(conn):
        stmt = stmt.with_for_update(nowait=nowait)
    return list(conn.execute(stmt))
