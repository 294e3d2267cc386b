"""A pruned replica keeps syncing right (terminal/storage/prune.py, docs/sync.md "Replica retention"): a row
the server changes after it was pruned is simply inserted again, an unsynced local effect is counted once,
and the pruned terminal ends up showing what a terminal that never pruned shows."""

from __future__ import annotations

from dataclasses import asdict

from terminal.domain.reasons import DomainError
from terminal.usecases.checkout import LineRequest
from terminal.storage.prune import RetentionPolicy, prune_replica
from tests.conftest import card
from tests.sync.conftest import AT

M1 = card("290000000001")
C100 = card("980000000002")  # C-100OFF-1, single use
SV = card("980000000001")  # SV-0001, 10 coffees, M1's
POLICY = RetentionPolicy(days=90, batch_rows=16, scan_rows=64, pause_s=0)


def usable(t, code: str) -> bool:
    try:
        return t.svc.scan(code, at=AT).coupon.usable
    except DomainError:  # unknown here (a pruned used-up coupon): refused just the same
        return False


def view(t) -> dict:
    svc = t.svc
    mv = svc.member_view(svc.replica.member("M1"), AT)
    lots = sorted((lot.lot_id, lot.points) for lot in svc.replica.lots("M1") if lot.usable_at(AT) or lot.points < 0)
    coupons = {"SV-0001": (svc.replica.coupon("SV-0001").remaining_uses, svc.replica.coupon("SV-0001").status),
               "C-100OFF-1 usable": usable(t, C100)}
    return {"balances": mv.balances, "soon": mv.expiring_soon, "held": [asdict(c) for c in mv.coupons], "lots": lots,
            "coupons": coupons}


def test_rows_pruned_then_changed_on_the_server_come_back_and_nothing_counts_twice(server, make_terminal):
    t1, t2 = make_terminal(terminal_id="T1"), make_terminal(terminal_id="T2")
    t1.settle("s1", member=M1, coupons=[C100], points={"bonus": 120})  # M1-L2 spent (30), M1-L1 down to 10, C-100OFF-1 used up
    t1.client.sync_once()
    t2.client.sync_once()
    assert t2.client.conn.execute("SELECT points FROM point_lots WHERE lot_id = 'M1-L2'").fetchone() == (0,)
    # T2 sells offline: its effects wait in the overlay (unreflected), on rows the prune must keep
    t2.settle("t2-1", member=M1, coupons=[SV], lines=[LineRequest(sku="LATTE")])
    shown = view(t2)
    assert shown["coupons"]["SV-0001"][0] == 9

    rep = prune_replica(t2.client.db, POLICY, now=AT)
    gone_lots = {"M1-L0", "M1-L2"}  # expired 2026-01-01; spent, earned in March
    assert rep.pruned["point_lots"] == 2 and rep.pruned["coupon_instances"] == 3  # C-100OFF-1, C-VOID-1, C-OLD-1
    left = {r[0] for r in t2.client.conn.execute("SELECT lot_id FROM point_lots")}
    assert not left & gone_lots
    assert view(t2) == shown  # the counter shows the same

    # the sale at T1 is voided: the server gives the points and the coupon use back; T2 pulls the rows again
    t1.svc.void("s1", manager_id="MGR1", pin="9999", reason="wrong member", at=AT)
    t1.client.sync_once()
    t2.client.sync_once()
    assert t2.client.conn.execute("SELECT points FROM point_lots WHERE lot_id = 'M1-L2'").fetchone() == (30,)
    assert t2.client.conn.execute("SELECT used_uses FROM coupon_instances WHERE code = 'C-100OFF-1'").fetchone() == (0,)
    assert t2.client.conn.execute("SELECT COUNT(*) FROM outbox WHERE reflected = 0").fetchone() == (0,)
    after = view(t2)
    assert after["coupons"] == {"C-100OFF-1 usable": True, "SV-0001": (9, "active")}  # T2's use counted once
    assert t2.svc.replica.coupon("C-100OFF-1").remaining_uses == 1

    # the same as a terminal that never pruned
    t3 = make_terminal(terminal_id="T3")
    assert view(t3) == after
    # and a pruned row that comes back can be pruned again by the same rules, with no harm
    assert prune_replica(t2.client.db, POLICY, now=AT).pruned["point_lots"] == 0  # M1-L2 holds points again


def test_the_sync_thread_prunes_after_a_successful_round_and_survives_a_failing_prune(make_terminal):
    import threading

    from sync.client import SyncRunner
    from terminal.storage.prune import META_LAST_AT, prune_if_due

    t = make_terminal()
    calls: list[str] = []
    done = threading.Event()

    def maintenance():
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            raise RuntimeError("simulated: the prune failed")  # logged; the sync thread goes on
        prune_if_due(t.client.db, POLICY, now=AT)
        done.set()

    runner = SyncRunner(t.client, interval_s=0.05, jitter=0.0, maintenance=maintenance)
    runner.start()
    try:
        assert done.wait(20)
    finally:
        runner.stop()
    assert set(calls) == {"sync"}  # on the sync thread, never the window's
    assert t.client.replica.get_meta(META_LAST_AT) == AT.isoformat()
    assert t.client.conn.execute("SELECT COUNT(*) FROM point_lots WHERE lot_id = 'M1-L0'").fetchone() == (0,)  # expired: pruned
