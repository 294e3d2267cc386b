"""Opening a replica a second time in one process must not drop the first connection's locks.

On POSIX, closing any descriptor of a file releases every fcntl lock the process holds on it.
A header check done with a plain open()/close() did exactly that: another process then
believed it was the last connection, checkpointed and deleted the WAL under the first one,
which went on reading a stale snapshot (found by tests/reliability/test_sync_kills.py: the
parent read a pull cursor two pages old). sqlite.org "How To Corrupt An SQLite Database File" 2.2.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from terminal.provisioning.bootstrap import check_replica_file, open_replica, verify_replica


def _other_process_opens_and_closes(db: Path) -> None:
    code = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM sqlite_master').fetchone(); c.close()"
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)


def test_a_second_open_in_this_process_keeps_the_first_connections_wal(tmp_path):
    db = tmp_path / "t.db"
    first = open_replica(db)
    first.db.conn.execute("CREATE TABLE probe (x)")
    first.db.conn.execute("INSERT INTO probe VALUES (1)")
    wal = Path(f"{db}-wal")
    assert wal.exists()
    check_replica_file(db)
    verify_replica(db)
    open_replica(db, check="full").db.conn.close()
    _other_process_opens_and_closes(db)
    # with our locks intact the other process was not the last connection: it left the WAL alone
    assert wal.exists(), "the other process checkpointed and removed the WAL: this process's locks were dropped"
    assert first.db.conn.execute("SELECT x FROM probe").fetchall() == [(1,)]
    first.db.conn.close()
