"""Client behaviour: offline allowances, dead letter, reset/resync, bootstrap, runner and status, admin CLI."""

from __future__ import annotations

from datetime import datetime, timedelta

import subprocess
import sys
import time
import uuid

import pytest

from sync.allowances import OfflineAllowances
from sync.client import SyncRunner
from terminal.domain.reasons import AuthorizationError
from terminal.usecases.checkout import AllowanceOverride, CouponRequest, LineRequest
from tests.conftest import card

from .conftest import ROOT

pytestmark = pytest.mark.both_engines  # the server runs on SQLite and on PostgreSQL

M1 = card("290000000001")
SV = card("980000000001")


def test_offline_allowances_need_a_manager_override_beyond_the_grant(server, make_terminal):
    server.store.set_allowances(stored_voucher_uses=2, points_per_member=40)
    t = make_terminal("A-001", "T1", allowances=OfflineAllowances())
    a = t.client.conn.execute("SELECT body FROM sync_allowances").fetchone()
    assert a is not None
    # offline: 2 uses of the stored voucher pass, the 3rd needs a manager
    t.settle("a1", member=M1, lines=[LineRequest("LATTE", 2)], coupons=[CouponRequest(SV, 2)])
    with pytest.raises(AuthorizationError) as err:
        t.settle("a2", member=M1, lines=[LineRequest("LATTE")], coupons=[CouponRequest(SV, 1)])
    assert err.value.details["allowance_exceeded"][0]["kind"] == "stored_voucher_uses"
    assert t.client.conn.execute("SELECT COUNT(*) FROM settlements").fetchone()[0] == 1  # nothing written
    with pytest.raises(AuthorizationError):  # a cashier's PIN is not an override
        t.settle("a2", member=M1, lines=[LineRequest("LATTE")], coupons=[CouponRequest(SV, 1)],
                 override=AllowanceOverride("C01", "1234", "regular customer"))
    r = t.settle("a2", member=M1, lines=[LineRequest("LATTE")], coupons=[CouponRequest(SV, 1)],
                 override=AllowanceOverride("MGR1", "9999", "regular customer"))
    assert r["coupon_discount"] == 120
    audit = t.client.conn.execute("SELECT actor_id, action, reason FROM audit_log").fetchall()
    assert audit == [("MGR1", "allowance_override", "regular customer")]
    # points: 40 per member offline
    with pytest.raises(AuthorizationError) as err:
        t.settle("p1", member=M1, amount=100, points={"bonus": 60})
    assert err.value.details["allowance_exceeded"][0]["kind"] == "points_per_member"
    t.settle("p1", member=M1, amount=100, points={"bonus": 40})
    # once synced, the server knows: the allowance is free again
    t.client.sync_once()
    t.settle("a3", member=M1, lines=[LineRequest("LATTE", 2)], coupons=[CouponRequest(SV, 2)])
    ev = server.store.conn.execute("SELECT payload FROM events WHERE json_extract(payload, '$.checkout_id') = 'a2'").fetchone()[0]
    assert "allowance_override" in ev


def test_a_managers_override_stops_at_the_grants_ceiling(server, make_terminal):
    """An override is no blank cheque: beyond the grant's `override_stored_voucher_uses` the counter
    refuses even with a manager (`beyond_override`), writing nothing; the server cuts the same."""
    server.store.set_allowances(stored_voucher_uses=1, override_stored_voucher_uses=3)
    t = make_terminal("A-001", "T1", allowances=OfflineAllowances())
    boss = AllowanceOverride("MGR1", "9999", "server down")
    t.settle("v1", member=M1, lines=[LineRequest("LATTE")], coupons=[CouponRequest(SV, 1)])
    t.settle("v2", member=M1, lines=[LineRequest("LATTE", 2)], coupons=[CouponRequest(SV, 2)], override=boss)  # 3 unsynced
    with pytest.raises(AuthorizationError) as err:
        t.settle("v3", member=M1, lines=[LineRequest("LATTE")], coupons=[CouponRequest(SV, 1)], override=boss)
    (beyond,) = err.value.details["beyond_override"]
    assert (beyond["kind"], beyond["limit"], beyond["unsynced"]) == ("stored_voucher_uses", 3, 3)
    assert t.client.conn.execute("SELECT COUNT(*) FROM settlements").fetchone()[0] == 2  # nothing written
    t.client.sync_once()  # once synced the server knows: a new allowance
    t.settle("v3", member=M1, lines=[LineRequest("LATTE")], coupons=[CouponRequest(SV, 1)])


def test_past_the_grants_end_every_coupon_and_points_spend_needs_a_manager(server, make_terminal):
    """The offline age is bounded: once the last grant has ended (the server's `valid_hours`
    without a sync), a single-use coupon, which no allowance meters, needs a manager too."""
    server.store.set_allowances(valid_hours=24)
    t = make_terminal("A-001", "T1", allowances=OfflineAllowances())
    ends = datetime.fromisoformat(t.client.conn.execute("SELECT valid_until FROM sync_allowances").fetchone()[0])
    later = ends + timedelta(minutes=1)
    t.settle("plain", amount=100, at=later)  # a sale without coupons or points goes on
    with pytest.raises(AuthorizationError) as err:
        t.settle("c1", coupons=[card("980000000002")], at=later)
    assert [x["kind"] for x in err.value.details["allowance_exceeded"]] == ["offline_too_long"]
    with pytest.raises(AuthorizationError):
        t.settle("p1", member=M1, amount=100, points={"bonus": 20}, at=later)
    r = t.settle("c1", coupons=[card("980000000002")], at=later, override=AllowanceOverride("MGR1", "9999", "offline 2 days"))
    assert r["coupon_discount"] == 100
    t.settle("c2", coupons=[card("980000000007")], at=ends - timedelta(minutes=1))  # before the end: as always


def test_dead_letter_after_repeated_refusals_does_not_block_the_rest(server, make_terminal):
    t = make_terminal("A-001", "T1", max_attempts=2)
    t.settle("d1", amount=100)
    # a corrupt row the server refuses as malformed (event id is not a UUID)
    c = t.client.conn
    c.execute("BEGIN IMMEDIATE")
    c.execute("INSERT INTO outbox(event_id, terminal_seq, type, schema_version, payload, payload_sha256, created_at) "
              "VALUES ('broken', 2, 'settlement', 1, '{}', 'x', '2026-11-20T04:00:00+00:00')")
    c.execute("COMMIT")
    t.settle("d3", amount=100)
    r1 = t.client.push()
    assert r1.acked == 1 and r1.dead == 0 and t.client.pending_count() == 2  # stops at the bad event, retried later
    r2 = t.client.push()
    assert r2.dead == 1 and t.client.pending_count() == 0
    st = t.client.status()
    assert st.dead == 1 and st.pending == 0
    assert c.execute("SELECT event_id, attempts FROM sync_dead_letter").fetchall() == [("broken", 2)]
    assert server.store.totals()["events"] == 2


def test_reset_forces_a_full_resync_and_bootstrap_from_the_server(server, make_terminal):
    t = make_terminal("A-001", "T1")
    assert t.svc.scan(M1).member.balances["bonus"] == 130  # bootstrapped from the server alone
    t.settle("r1", member=M1, amount=100, points={"bonus": 20})
    t.client.sync_once()
    # a row the server does not have, and a server-side change made before the reset
    c = t.client.conn
    c.execute("BEGIN IMMEDIATE")
    c.execute("INSERT INTO revocations(kind, value, reason, revoked_at) VALUES ('member', 'M3', 'stale', '2026-01-01')")
    c.execute("COMMIT")
    server.store.revoke_code("coupon", "C-CAP-1", "fraud")
    server.store.reset_epoch()
    rep = t.client.pull()
    assert rep.reset
    revs = c.execute("SELECT kind, value FROM revocations ORDER BY kind").fetchall()
    assert revs == [("coupon", "C-CAP-1")]  # stale row swept, new one present
    assert t.svc.scan(M1).member.balances["bonus"] == server.store.balance("M1", "bonus", t.svc.clock())
    # an incremental pull after a small change brings exactly that change
    server.store.adjust_points("M2", "bonus", 50, "goodwill")
    rep = t.client.pull()
    assert rep.items == 1 and not rep.reset
    assert t.svc.scan(card("290000000002")).member.balances["bonus"] == 50


def test_runner_syncs_on_timer_and_on_wake_and_status(server, make_terminal):
    t = make_terminal("A-001", "T1")
    st = t.client.status()
    assert st.online and st.pending == 0 and st.last_success_at is None and st.enrolled
    t.settle("w1", amount=100)
    t.settle("w2", amount=100)
    st = t.client.status()
    assert st.pending == 2 and st.oldest_pending_age_s is not None
    runner = SyncRunner(t.client, interval_s=60)
    runner.start()
    try:
        deadline = time.monotonic() + 10
        while t.client.status().pending and time.monotonic() < deadline:
            time.sleep(0.05)
        assert t.client.status().pending == 0
        t.settle("w3", amount=100)
        runner.wake()  # e.g. reconnect or a new local write: no waiting for the 60 s timer
        deadline = time.monotonic() + 10
        while t.client.status().pending and time.monotonic() < deadline:
            time.sleep(0.05)
        st = t.client.status()
        assert st.pending == 0 and st.last_success_at is not None and st.conflicts == 0
    finally:
        runner.stop()


def test_admin_cli(server, tmp_path):
    def admin(*args):
        p = subprocess.run([sys.executable, "-m", "sync.server.admin", "--db", str(server.db), *args], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout + p.stderr

    code, out = admin("create-store", "--id", "A-002", "--brand", "A", "--name", "A Songshan")
    assert code == 0, out
    code, out = admin("enrol-token", "--store", "A-002")
    assert code == 0 and len(out.strip()) >= 16
    code, out = admin("issue-coupon", "--template", "T-100OFF", "--code", f"C-{uuid.uuid4().hex[:6]}")
    assert code == 0 and '"total_uses": 1' in out
    assert admin("void-coupon", "--code", "C-100OFF-1", "--reason", "test")[0] == 0
    assert admin("adjust-points", "--member", "M1", "--point-type", "bonus", "--delta", "5", "--reason", "test")[0] == 0
    code, out = admin("list-conflicts")
    assert code == 0 and "0 conflict(s)" in out
    code, out = admin("enrol-token", "--store", "NOPE")
    assert code == 2 and "unknown store" in out
