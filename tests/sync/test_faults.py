"""Network faults between terminal and server: the outbox drains after healing, ledgers agree."""

from __future__ import annotations

import httpx

from sync.client import TransientError
from tests.conftest import card

from .faultproxy import FaultProxy

M1 = card("290000000001")


def test_outbox_drains_through_drops_delays_and_cut_responses(server, make_terminal):
    proxy = FaultProxy(server.port, seed=11, fault_rate=0.6, max_faults=30)
    try:
        # no keep-alive: every request is a new connection, so each one meets its own fate
        transport = httpx.HTTPTransport(limits=httpx.Limits(max_keepalive_connections=0))
        direct = make_terminal("A-001", "T1")  # bootstrapped directly
        t = direct
        t.client.http = httpx.Client(base_url=proxy.url, transport=transport, timeout=1.0)
        t.client.batch_size = 5
        for i in range(40):
            t.settle(f"f{i}", member=M1, amount=50 + i, points={"bonus": 20} if i == 0 else None)
        t.settle("fc", coupons=[card("980000000002")])
        failures = 0
        for _ in range(15):  # while the network is bad: some rounds fail, some get through
            try:
                t.client.sync_once()
            except TransientError:
                failures += 1
        assert failures > 0 and sum(proxy.faults.values()) > 0
        proxy.heal()
        t.client.sync_with_retry(deadline_s=30)
        assert t.client.pending_count() == 0
        st = t.client.status()
        assert st.online and st.pending == 0 and st.dead == 0
        # central and local ledgers agree, each event exactly once
        c = server.store.conn
        assert c.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 41
        local_pts = t.client.conn.execute("SELECT member_id, SUM(delta) FROM point_ledger GROUP BY member_id").fetchall()
        central_pts = c.execute("SELECT member_id, SUM(delta) FROM point_ledger WHERE event_id IS NOT NULL GROUP BY member_id").fetchall()
        assert local_pts == central_pts
        local_cp = t.client.conn.execute("SELECT code, SUM(uses) FROM coupon_ledger GROUP BY code").fetchall()
        central_cp = c.execute("SELECT code, SUM(uses) FROM coupon_ledger WHERE event_id IS NOT NULL GROUP BY code").fetchall()
        assert local_cp == central_cp
        # and the replica shows the same balance the server holds
        bal = t.svc.member_view(t.svc.replica.member("M1")).balances["bonus"]
        assert bal == server.store.balance("M1", "bonus", t.svc.clock())
        print("faults", proxy.faults, "passed", proxy.passed)
    finally:
        proxy.close()
