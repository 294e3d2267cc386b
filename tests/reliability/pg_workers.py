"""Reaching into a 2-worker central server on PostgreSQL: hold a request inside a worker, find that
worker, kill it (tests/reliability/test_sync_kills.py, issue 14).

* `workers_of(proc)`: the worker pids of `python -m sync.server --workers N` (the supervisor's
  children started by multiprocessing's spawn), from /proc (Linux).
* `worker_serving(server_proc, server_port, client_pid)`: the worker holding the TCP connection a
  client process has open to the server (its local port, matched in /proc/net/tcp with the
  server-side socket, whose inode one worker has among its file descriptors).
* `Hold(cluster, database, mode, ...)`: a session of the test's own that makes the next request of
  one kind wait inside the database, so the worker can be killed in the middle of it:

      event_lock      an advisory lock on "event:<id>" (the key intake takes first thing in that
                      event's transaction): a push is held at that event, the batch's earlier events
                      already committed in their own transactions
      before_commit   the feed_head row locked: a push is held at the stamp taken just before COMMIT
                      (its ledger and entity rows written, not committed; events that change no row
                      pass)
      pull            the entities table locked (ACCESS EXCLUSIVE): a pull is held reading its page

  `wait_blocked(timeout)` is True once a server session waits on that lock; `release()` ends the
  hold (the killed worker's session then finds its client gone and rolls back).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sync.server.store import key_hash

MODES = ("event_lock", "before_commit", "pull")


def workers_of(proc) -> list[int]:
    """Pids of the worker processes the supervisor `proc` (a Popen) runs now."""
    try:
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    except FileNotFoundError:
        return []
    out = []
    for p in children:
        try:
            if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes():
                out.append(int(p))
        except FileNotFoundError:
            continue
    return out


def _socket_inodes(pid: int) -> set[int]:
    out = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            out.add(int(target[8:-1]))
    return out


def _tcp_rows() -> list[tuple[int, int, int]]:
    """(local port, remote port, inode) of every IPv4/IPv6 TCP socket of this network namespace."""
    rows = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            f = line.split()
            rows.append((int(f[1].rsplit(":", 1)[1], 16), int(f[2].rsplit(":", 1)[1], 16), int(f[9])))
    return rows


def worker_serving(server_proc, server_port: int, client_pid: int) -> int | None:
    """The worker pid whose socket is the server end of a connection `client_pid` has to `server_port`."""
    rows = _tcp_rows()
    mine = _socket_inodes(client_pid)
    client_ports = {lp for lp, rp, ino in rows if rp == server_port and ino in mine}
    if not client_ports:
        return None
    server_side = {ino for lp, rp, ino in rows if lp == server_port and rp in client_ports}
    for pid in workers_of(server_proc):
        if _socket_inodes(pid) & server_side:
            return pid
    return None


class Hold:
    """See the module docstring. `event_id` is needed for mode event_lock."""

    def __init__(self, cluster, database: str, mode: str, event_id: str | None = None) -> None:
        import psycopg

        if mode not in MODES or (mode == "event_lock" and not event_id):
            raise ValueError(f"unknown hold {mode!r} (event_lock needs an event id)")
        self.mode, self.database = mode, database
        self.conn = psycopg.connect(host=str(cluster.socket_dir), user="lt", dbname=database, autocommit=True)
        self.watch = psycopg.connect(host=str(cluster.socket_dir), user="lt", dbname=database, autocommit=True)
        self.pid = self.conn.info.backend_pid
        if mode == "event_lock":
            self.key = key_hash(f"event:{event_id}")
            self.conn.execute("SELECT pg_advisory_lock(%s)", (self.key,))
        else:
            self.conn.execute("BEGIN")
            if mode == "before_commit":
                self.conn.execute("SELECT seq FROM feed_head WHERE id = 1 FOR UPDATE")
            else:
                self.conn.execute("LOCK TABLE entities IN ACCESS EXCLUSIVE MODE")

    def blocked(self) -> list[int]:
        """Backend pids of other sessions waiting for a lock in this database."""
        return [r[0] for r in self.watch.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock' AND pid <> %s",
            (self.database, self.pid)).fetchall()]

    def wait_blocked(self, timeout: float, gave_up=lambda: False) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not gave_up():
            if self.blocked():
                return True
            time.sleep(0.02)
        return False

    def release(self) -> None:
        if self.conn.closed:
            return
        if self.mode == "event_lock":
            self.conn.execute("SELECT pg_advisory_unlock(%s)", (self.key,))
        else:
            self.conn.execute("ROLLBACK")
        self.conn.close()
        self.watch.close()
