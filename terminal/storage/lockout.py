"""Staff PIN lockout: after repeated wrong PINs a staff id is refused for a growing delay.

Policy (`lock_delay`): the first `FREE_FAILURES` - 1 wrong PINs in a row cost nothing; the
`FREE_FAILURES`-th and every later one locks the id for `BASE_DELAY` * 2^(failures -
FREE_FAILURES), at most `MAX_DELAY` (5 wrong: 30 s, 6: 60 s, ... 12: 1 h, then 1 h each). A
right PIN clears the count. The state lives in the replica (`pin_lockout`, migration
0007), so closing and reopening the terminal does not reset it; a manager clears it
(`RedemptionService.clear_pin_lockout`: CLI `unlock-staff`, or the manager desk's "Locked staff"
tab, which lists `current_locks`). Only known staff ids are counted (an unknown id has nothing
to protect and must not grow the table).

With 10,000 four-digit PINs, guessing at the counter then takes about 9,990 hours at the cap:
over a year per staff id. Times are aware datetimes (stored ISO 8601 UTC).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

FREE_FAILURES = 5
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)


def lock_delay(failures: int) -> timedelta:
    """How long `failures` wrong PINs in a row lock the id (timedelta(0): not locked)."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(MAX_DELAY, BASE_DELAY * (2 ** min(failures - FREE_FAILURES, 20)))


def locked_until(conn: sqlite3.Connection, staff_id: str, now: datetime) -> tuple[int, datetime] | None:
    """(failures, until) while `staff_id` is locked at `now`, else None."""
    r = conn.execute("SELECT failures, locked_until FROM pin_lockout WHERE staff_id = ?", (staff_id,)).fetchone()
    if r is None or r[1] is None:
        return None
    until = datetime.fromisoformat(r[1])
    return (r[0], until) if until > now else None


@dataclass(frozen=True)
class Lock:
    """One staff id refused for wrong PINs at the time asked about.

    `since`: the last wrong PIN, the moment the current lock began (each wrong PIN from the
    `FREE_FAILURES`-th on locks anew from its own time); `until`: when it passes. Both aware, UTC.
    """

    staff_id: str
    failures: int
    since: datetime
    until: datetime


def current_locks(conn: sqlite3.Connection, now: datetime) -> list[Lock]:
    """Every staff id locked at `now` (aware), the soonest to pass first.

    Compared as datetimes, not as stored text (an ISO string with microseconds does not sort
    with one without); the table holds at most one row per known staff id.
    """
    rows = conn.execute(_LOCKS + " WHERE locked_until IS NOT NULL").fetchall()
    return sorted((x for x in map(_lock, rows) if x.until > now), key=lambda x: (x.until, x.staff_id))


def current_lock(conn: sqlite3.Connection, staff_id: str, now: datetime) -> Lock | None:
    """`staff_id`'s lock at `now` (aware), None when it is not locked."""
    r = conn.execute(_LOCKS + " WHERE staff_id = ? AND locked_until IS NOT NULL", (staff_id,)).fetchone()
    lock = _lock(r) if r else None
    return lock if lock and lock.until > now else None


_LOCKS = "SELECT staff_id, failures, last_failure, locked_until FROM pin_lockout"


def _lock(r: tuple) -> Lock:
    return Lock(r[0], r[1], datetime.fromisoformat(r[2]), datetime.fromisoformat(r[3]))


def failures(conn: sqlite3.Connection, staff_id: str) -> int:
    """Wrong PINs in a row counted for `staff_id` (0: none)."""
    r = conn.execute("SELECT failures FROM pin_lockout WHERE staff_id = ?", (staff_id,)).fetchone()
    return r[0] if r else 0


def record_failure(conn: sqlite3.Connection, staff_id: str, now: datetime) -> tuple[int, datetime | None]:
    """Count one wrong PIN (caller holds the write transaction): (failures, locked until or None)."""
    r = conn.execute("SELECT failures FROM pin_lockout WHERE staff_id = ?", (staff_id,)).fetchone()
    failures = (r[0] if r else 0) + 1
    delay = lock_delay(failures)
    until = (now + delay).astimezone(timezone.utc) if delay else None
    conn.execute("""INSERT INTO pin_lockout(staff_id, failures, locked_until, last_failure) VALUES (?,?,?,?)
                    ON CONFLICT(staff_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
                    last_failure = excluded.last_failure""",
                 (staff_id, failures, until.isoformat() if until else None, now.astimezone(timezone.utc).isoformat()))
    return failures, until


def clear(conn: sqlite3.Connection, staff_id: str) -> bool:
    """Forget `staff_id`'s wrong PINs (caller holds the write transaction); False if none were counted."""
    return conn.execute("DELETE FROM pin_lockout WHERE staff_id = ?", (staff_id,)).rowcount > 0
