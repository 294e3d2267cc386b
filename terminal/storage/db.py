"""Connection setup and the one way to write: `transaction()` = BEGIN IMMEDIATE.

Python's sqlite3 would open a *deferred* transaction implicitly; a deferred transaction
that later writes can hit SQLITE_BUSY that busy_timeout does not cure. So connections
run with isolation_level=None (no implicit BEGIN) and every write goes through
`transaction()`, which takes the write lock up front and rolls back on any exception.
sqlite-utils 4 write methods join an open transaction instead of committing it.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 65536  # 64 MiB page cache: keeps the interior pages of the big replica indexes resident


def open_database(path: str | Path, *, readonly: bool = False) -> Database:
    """Open a replica with WAL, synchronous=FULL, foreign keys and a busy timeout."""
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
    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    return Database(conn)


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """All-or-nothing write: BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any exception."""
    conn = db.conn
    if conn.in_transaction:
        raise RuntimeError("nested write transaction: one settlement = one transaction")
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
