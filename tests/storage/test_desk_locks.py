"""The manager desk's locked staff ids and their unlock, service level (issue 13 section 5 follow-up).

Before: a cashier locked after wrong PINs could only be unlocked with the CLI (`unlock-staff`);
the desk had no list of locks and no unlock, and the sign-in refusal did not say until when.
"""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from terminal.storage import lockout
from terminal.entry.cli import EXIT_OK, EXIT_REFUSED, run
from terminal.usecases.counter import Counter
from terminal.domain.reasons import AuthorizationError, CheckoutError
from terminal.usecases.manager_desk import ManagerDesk
from tests.conftest import BASE_CATALOG, TPE

T0 = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)  # the make_service clock: 12:00 in Taipei


def wrong(svc, staff: str, n: int) -> None:
    for _ in range(n):
        with pytest.raises(AuthorizationError):
            svc.verify_staff(staff, "0000")


def test_the_desk_lists_locked_ids_in_store_time_and_drops_passed_locks(make_service):
    svc = make_service()
    desk = ManagerDesk(svc)
    assert desk.locked_staff() == []
    wrong(svc, "MGR1", 3)  # counted, not locked: not listed
    wrong(svc, "C01", 5)
    locks = desk.locked_staff()
    assert locks == [{"staff_id": "C01", "name": "Cashier Lin", "role": "cashier", "failures": 5,
                      "since": T0.astimezone(TPE), "until": (T0 + timedelta(seconds=30)).astimezone(TPE)}]
    assert locks[0]["until"].utcoffset() == timedelta(hours=8) and locks[0]["until"].strftime("%H:%M:%S") == "12:00:30"
    assert desk.locked_staff(at=T0 + timedelta(seconds=30)) == []  # the lock has passed at its `until`
    svc.clock.at = T0 + timedelta(seconds=31)
    wrong(svc, "C01", 1)  # the 6th wrong PIN locks anew, from its own time, for 60 s
    (again,) = desk.locked_staff()
    assert (again["failures"], again["since"], again["until"]) == (6, svc.clock.at, svc.clock.at + timedelta(seconds=60))


def test_a_lock_row_of_an_id_no_longer_staff_is_not_listed(make_service):
    svc = make_service()
    wrong(svc, "C01", 5)
    svc.replica.conn.execute("INSERT INTO pin_lockout(staff_id, failures, locked_until, last_failure) VALUES (?,?,?,?)",
                             ("GONE", 7, (T0 + timedelta(hours=1)).isoformat(), T0.isoformat()))
    assert [x.staff_id for x in lockout.current_locks(svc.replica.conn, T0)] == ["C01", "GONE"]
    assert [x["staff_id"] for x in ManagerDesk(svc).locked_staff()] == ["C01"]


def test_locks_with_and_without_microseconds_compare_as_times(make_service):
    """Stored ISO text with and without microseconds does not sort as text; the list compares datetimes."""
    svc = make_service()
    conn = svc.replica.conn
    rows = [("C01", 5, "2026-11-20T04:00:30+00:00", "2026-11-20T04:00:00+00:00"),
            ("MGR1", 5, "2026-11-20T04:00:29.500000+00:00", "2026-11-20T03:59:59.500000+00:00")]
    conn.executemany("INSERT INTO pin_lockout(staff_id, failures, locked_until, last_failure) VALUES (?,?,?,?)", rows)
    assert [x.staff_id for x in lockout.current_locks(conn, T0 + timedelta(seconds=29, microseconds=600_000))] == ["C01"]
    assert [x.staff_id for x in lockout.current_locks(conn, T0)] == ["MGR1", "C01"]  # soonest to pass first
    assert lockout.current_lock(conn, "MGR1", T0 + timedelta(seconds=29, microseconds=500_000)) is None


def test_the_desk_unlock_needs_a_manager_and_refusals_clear_nothing(make_service):
    svc = make_service()
    desk = ManagerDesk(svc)
    wrong(svc, "C01", 5)
    with pytest.raises(AuthorizationError) as e:
        desk.unlock("C01", manager_id="MGR1", pin="0000")
    assert e.value.reason.value == "bad_pin"
    with pytest.raises(AuthorizationError) as e:
        desk.unlock("C01", manager_id="C01", pin="1234")  # the locked cashier cannot unlock themselves
    assert e.value.reason.value == "staff_locked"
    with pytest.raises(CheckoutError) as e:
        desk.unlock("NOBODY", manager_id="MGR1", pin="9999")
    assert e.value.reason.value == "not_found"
    assert [x["staff_id"] for x in desk.locked_staff()] == ["C01"]
    assert svc.replica.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'unlock_staff'").fetchone()[0] == 0
    assert desk.unlock("C01", manager_id="MGR1", pin="9999") == {"staff_id": "C01", "cleared": True, "failures": 5}
    assert desk.locked_staff() == [] and svc.verify_staff("C01", "1234")["id"] == "C01"
    assert desk.unlock("C01", manager_id="MGR1", pin="9999")["cleared"] is False  # nothing left to clear


def _cli(*args) -> tuple[int, str]:
    out = io.StringIO()
    return run([str(a) for a in args], out=out), out.getvalue()


def _unlock_rows(conn: sqlite3.Connection) -> list[tuple]:
    return [(r[0], r[1], r[2], json.loads(r[3])) for r in
            conn.execute("SELECT actor_id, action, reason, details FROM audit_log WHERE action = 'unlock_staff'")]


def test_the_desk_unlock_writes_the_audit_row_the_cli_writes(make_service, tmp_path):
    svc = make_service()
    wrong(svc, "C01", 5)
    ManagerDesk(svc).unlock("C01", manager_id="MGR1", pin="9999")
    desk_rows = _unlock_rows(svc.replica.conn)

    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(BASE_CATALOG, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "cli.db"
    assert _cli("--db", db, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    settle = ["--db", db, "--json", "settle", "--amount", "120", "--cashier", "C01", "--pin", "0000"]
    for _ in range(5):
        assert _cli(*settle)[0] == EXIT_REFUSED
    assert _cli("--db", db, "unlock-staff", "C01", "--manager", "MGR1", "--pin", "9999")[0] == EXIT_OK
    conn = sqlite3.connect(db)
    try:
        cli_rows = _unlock_rows(conn)
    finally:
        conn.close()
    assert desk_rows == cli_rows == [("MGR1", "unlock_staff", "PIN lockout cleared", {"staff_id": "C01", "failures": 5})]


def test_the_counter_refusal_carries_until_when_in_store_time(make_service):
    svc = make_service()
    counter = Counter(svc)
    wrong(svc, "C01", 5)
    view = counter.login("C01", "1234")
    assert view.cashier is None and view.notice.reason == "staff_locked"
    assert view.notice.details["locked_until"] == "2026-11-20T12:00:30+08:00" and view.notice.details["failures"] == 5
    assert counter.login("C01", "0000").notice.details["locked_until"] == "2026-11-20T12:00:30+08:00"  # any PIN, same lock
    svc.clock.at = T0 + timedelta(seconds=30)
    assert counter.login("C01", "1234").cashier is not None  # passed: no stale details, the right PIN signs in
