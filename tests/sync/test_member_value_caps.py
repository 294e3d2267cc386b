"""Property: a giveaway campaign's cap and per-member counts are never exceeded chain-wide, whatever
the interleaving of claims at two stores (with offline periods: claims made between syncs), against
the real server on 127.0.0.1 (one server and two counters per module, a fresh campaign per example)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.allowances import OfflineAllowances
from sync.client import MemoryCredentialStore, SyncClient
from terminal.domain.reasons import DomainError
from terminal.provisioning.bootstrap import open_replica
from terminal.storage.member_value import claim_tally
from terminal.usecases.service import RedemptionService

from tests.conftest import FixedClock, tpe
from tests.member_value.catalog import value_catalog
from tests.sync.conftest import ServerProcess

MEMBERS = [f"G{i:03d}" for i in range(6)]
FAST = dict(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


class World:
    def __init__(self, tmp) -> None:
        cat = tmp / "catalog.json"
        cat.write_text(json.dumps(value_catalog(len(MEMBERS))))
        self.server = ServerProcess(tmp / "central.db", cat)
        self.server.store.set_allowances(giveaway_claims=3)
        self.n = 0
        self.t = {}
        for name, store_id in (("A", "A-001"), ("B", "B-001")):
            path = tmp / f"{store_id}.db"
            client = SyncClient(open_replica(path), self.server.url, MemoryCredentialStore(), backoff_base=0.02, backoff_cap=0.2)
            client.enrol(self.server.store.create_enrol_token(store_id), "T1")
            client.bootstrap()
            svc = RedemptionService(open_replica(path), store_id=store_id, terminal_id="T1",
                                    clock=FixedClock(tpe(2026, 11, 20, 12)), allowances=OfflineAllowances())
            self.t[name] = (client, svc)

    def campaign(self, total: int, per_day: int, per_member: int) -> str:
        self.n += 1
        cid = f"G-P{self.n}"
        body = {"id": cid, "name": f"Property giveaway {self.n}", "point_type": "bonus", "points_per_claim": 50,
                "total_points": total, "per_member_per_day": per_day, "per_member_total": per_member,
                "starts_at": "2026-11-20T00:00:00+08:00", "ends_at": "2026-11-23T00:00:00+08:00", "lot_validity_days": 30}
        self.server.store.put("giveaway_campaign", cid, {"id": cid, "body": json.dumps(body)})
        for client, _ in self.t.values():
            client.sync_once()
        return cid

    def close(self) -> None:
        for client, svc in self.t.values():
            client.close()
            client.conn.close()
            svc.replica.conn.close()
        self.server.stop()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    w = World(tmp_path_factory.mktemp("caps"))
    yield w
    w.close()


steps = st.lists(st.one_of(
    st.tuples(st.just("claim"), st.sampled_from("AB"), st.integers(0, len(MEMBERS) - 1), st.sampled_from([9, 15, 21])),
    st.tuples(st.just("claim"), st.sampled_from("AB"), st.integers(0, len(MEMBERS) - 1), st.sampled_from([9, 15, 21])),
    st.tuples(st.just("sync"), st.sampled_from("AB"), st.just(0), st.just(0)),
    st.tuples(st.just("push"), st.sampled_from("AB"), st.just(0), st.just(0)),
), min_size=4, max_size=18)


@settings(max_examples=25, **FAST)
@given(steps=steps, total=st.sampled_from([100, 150, 250]), per_day=st.integers(1, 2), per_member=st.integers(1, 3))
def test_caps_never_exceeded_chain_wide(world, steps, total, per_day, per_member):
    per_day = min(per_day, per_member)
    cid = world.campaign(total, per_day, per_member)
    days = {9: tpe(2026, 11, 20, 9), 15: tpe(2026, 11, 21, 15), 21: tpe(2026, 11, 22, 21)}
    made: list[str] = []
    for kind, t, m, day in steps:
        client, svc = world.t[t]
        if kind == "claim":
            try:
                made.append(svc.claim(cid, member_id=MEMBERS[m], cashier_id="C01", at=days[day])["event_id"])
            except DomainError:
                pass  # refused at the counter (its tally, or the offline allowance): nothing written
        elif kind == "sync":
            client.sync_once()
        else:
            client.push()
    for name in ("A", "B", "A"):
        world.t[name][0].sync_once()
    conn = world.server.store.conn
    booked = conn.execute("SELECT event_id, member_id, at FROM giveaway_claims WHERE campaign_id = ? AND count = 1", (cid,)).fetchall()
    assert len(booked) * 50 <= total  # the cap, chain-wide
    per: dict[str, list[str]] = {}
    for _e, member, at in booked:
        per.setdefault(member, []).append(at[:10])
    for member, ats in per.items():
        assert len(ats) <= per_member
        assert all(ats.count(d) <= per_day for d in set(ats))  # UTC dates = Taipei dates at 09:00, 15:00, 21:00 (+8: 01, 07, 13 UTC)
    # every booked claim earned exactly its lot; claims not booked earned nothing
    for event_id in made:
        lot = world.server.store.get("point_lot", f"claim/{event_id}")
        assert (lot is not None and lot["points"] == 50) == (event_id in {b[0] for b in booked})
    # both counters now show the server's tally
    tally = world.server.store.get("giveaway_tally", cid)
    assert (tally or {"claimed_points": 0})["claimed_points"] == len(booked) * 50
    for client, _ in world.t.values():
        assert claim_tally(client.conn, cid, None).claimed_points == len(booked) * 50


def test_the_property_met_over_claims(world):
    """The streams above did reach the bounds through offline claims (else the property proves nothing)."""
    kinds = dict(world.server.store.conn.execute(
        "SELECT kind, COUNT(*) FROM conflicts WHERE kind IN ('giveaway_over_cap', 'giveaway_over_limit') GROUP BY kind").fetchall())
    assert kinds.get("giveaway_over_cap", 0) > 0 and kinds.get("giveaway_over_limit", 0) > 0, kinds
