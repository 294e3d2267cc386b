"""Connection setup and the one way to write: `transaction()` = BEGIN IMMEDIATE.

Python's sqlite3 would open a *deferred* transaction implicitly; a deferred transaction
that later writes can hit SQLITE_BUSY that busy_timeout does not cure. So connections
run with isolation_level=None (no implicit BEGIN) and every write goes through
`transaction()`, which takes the write lock up front and rolls back on any exception.
sqlite-utils 4 write methods join an open transaction instead of committing it.

A write that fails because the disk (or the database's size limit) is full is rolled back
as a whole and raised as `StorageFullError`, with a message the counter can show as is.
"""

from __future__ import annotations

import random
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 65536  # 64 MiB page cache: keeps the interior pages of the big replica indexes resident


def open_database(path: str | Path, *, readonly: bool = False) -> Database:
    """Open a replica with WAL, synchronous=FULL, foreign keys, secure_delete (deleted or replaced content
    is overwritten with zeros, so a replaced plain PIN hash or member row cannot be read back from
    free pages) and a busy timeout."""
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    else:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        uri = f"file:{p}?mode=ro" if readonly else str(p)
        conn = sqlite3.connect(uri, uri=readonly, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if not readonly and str(path) != ":memory:":
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise RuntimeError(f"could not enable WAL on {path} (got {mode}); is it on a network drive?")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")  # replaced rows (keyed PIN hashes, minimised members) leave no old bytes behind
    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    return Database(conn)


class StorageError(sqlite3.OperationalError):
    """The replica could not be written. The transaction was rolled back: nothing was saved.
    (A subclass of sqlite3.OperationalError, so existing handlers keep working.)"""


class StorageFullError(StorageError):
    """SQLITE_FULL: the disk, or the database's size limit, is full."""


STORAGE_FULL_MESSAGE = ("The disk is full: nothing was saved (the whole operation was undone). "
                        "Free disk space on this computer, then try again.")


def _storage_error(exc: BaseException) -> StorageError | None:
    if not isinstance(exc, sqlite3.Error) or isinstance(exc, StorageError):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    if (code is not None and code & 0xFF == sqlite3.SQLITE_FULL) or "database or disk is full" in str(exc):
        err = StorageFullError(STORAGE_FULL_MESSAGE)
        err.sqlite_errorcode, err.sqlite_errorname = getattr(exc, "sqlite_errorcode", 13), getattr(exc, "sqlite_errorname", "SQLITE_FULL")
        return err
    return None


_JITTER = random.Random()  # its own generator: seeded simulations keep their global random sequence


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the write lock, waiting up to BUSY_TIMEOUT_MS for another process to release it.

    SQLite's own busy handler sleeps ever longer between tries (1, 2, 5 ... then 100 ms), so a
    process that writes in a loop can keep the lock from another one for seconds: measured
    2-4 s with 4-8 writer processes, and past busy_timeout that is "database is locked".
    Trying again after short random sleeps catches the gaps between the other's transactions."""
    conn.execute("PRAGMA busy_timeout=0")
    try:
        deadline = None
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF != sqlite3.SQLITE_BUSY:
                    raise
                now = time.monotonic()
                deadline = deadline or now + BUSY_TIMEOUT_MS / 1000
                if now >= deadline:
                    raise
                time.sleep(_JITTER.uniform(0.0002, 0.002))
    finally:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """All-or-nothing write: BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any exception, including a
    failed COMMIT (disk full while writing the WAL), so the connection stays usable."""
    conn = db.conn
    if conn.in_transaction:
        raise RuntimeError("nested write transaction: one settlement = one transaction")
    _begin_immediate(conn)
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:  # SQLite may have rolled back already; the original error is what matters
                pass
        mapped = _storage_error(exc)
        if mapped is not None:
            raise mapped from exc
        raise
