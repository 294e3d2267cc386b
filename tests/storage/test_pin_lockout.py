"""Staff PIN lockout (issue 13, section 5). Before: 40 wrong PINs, then the right one was accepted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from terminal.domain.reasons import AuthorizationError, CheckoutError
from terminal.storage.lockout import lock_delay
from terminal.usecases.service import RedemptionService
from terminal.provisioning.bootstrap import open_replica


def wrong(svc, staff="C01", n=1):
    for _ in range(n):
        with pytest.raises(AuthorizationError) as e:
            svc.verify_staff(staff, "0000")
    return e.value


def test_five_wrong_pins_lock_the_id_even_for_the_right_pin(make_service):
    svc = make_service()
    assert wrong(svc, n=4).reason.value == "bad_pin"
    assert svc.verify_staff("C01", "1234")["id"] == "C01"  # a right PIN ends the run
    assert wrong(svc, n=5).reason.value == "bad_pin"  # the 5th wrong PIN locks
    with pytest.raises(AuthorizationError) as e:
        svc.verify_staff("C01", "1234")
    assert e.value.reason.value == "staff_locked" and "5 wrong PINs" in e.value.message and "unlock-staff" in e.value.message
    assert svc.verify_staff("MGR1", "9999")["id"] == "MGR1"  # other ids are not affected


def test_the_lock_grows_and_passes(make_service):
    svc = make_service()
    t0 = svc.clock.at
    wrong(svc, n=5)
    svc.clock.at = t0 + timedelta(seconds=31)  # 5 wrong: 30 s
    assert wrong(svc).reason.value == "bad_pin"  # 6th wrong: now 60 s
    svc.clock.at += timedelta(seconds=45)
    with pytest.raises(AuthorizationError, match="locked"):
        svc.verify_staff("C01", "1234")
    svc.clock.at += timedelta(seconds=20)
    assert svc.verify_staff("C01", "1234")["id"] == "C01"
    assert [lock_delay(n).total_seconds() for n in (4, 5, 6, 7, 12, 40)] == [0, 30, 60, 120, 3600, 3600]


def test_the_lock_survives_a_restart(make_service, tmp_path):
    svc = make_service()
    wrong(svc, n=5)
    again = RedemptionService(open_replica(tmp_path / "replica.db"), store_id="A-001", terminal_id="T1", clock=svc.clock)
    try:
        with pytest.raises(AuthorizationError, match="locked"):
            again.verify_staff("C01", "1234")
    finally:
        again.replica.db.conn.close()


def test_a_manager_clears_the_lock(make_service):
    svc = make_service()
    wrong(svc, n=6)
    with pytest.raises(AuthorizationError):
        svc.clear_pin_lockout("C01", manager_id="C01", pin="1234")  # not a manager (and locked)
    with pytest.raises(CheckoutError):
        svc.clear_pin_lockout("NOBODY", manager_id="MGR1", pin="9999")
    assert svc.clear_pin_lockout("C01", manager_id="MGR1", pin="9999") == {"staff_id": "C01", "cleared": True, "failures": 5}  # refusals while locked are not counted
    assert svc.verify_staff("C01", "1234")["id"] == "C01"
    audit = svc.replica.conn.execute("SELECT actor_id, action FROM audit_log WHERE action = 'unlock_staff'").fetchall()
    assert audit == [("MGR1", "unlock_staff")]


def test_unknown_ids_are_not_counted(make_service):
    svc = make_service()
    for i in range(20):
        with pytest.raises(AuthorizationError, match="wrong PIN"):
            svc.verify_staff(f"GHOST{i}", "0000")
    assert svc.replica.conn.execute("SELECT count(*) FROM pin_lockout").fetchone()[0] == 0
