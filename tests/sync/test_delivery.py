"""Exactly-once effect: duplicate delivery, a restored outbox, altered payloads, a crash before the ack."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import httpx

from sync.client import MemoryCredentialStore, SyncClient
from terminal.provisioning.bootstrap import open_replica
from terminal.domain.events import payload_sha256
from tests.conftest import card

from .conftest import ROOT

M1 = card("290000000001")


class TriplePush(httpx.BaseTransport):
    """Sends every push batch three times to the real server and returns the last answer."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.answers: list[dict] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/v1/push":
            return self.inner.handle_request(request)
        for _ in range(3):
            resp = self.inner.handle_request(request)
            resp.read()
            self.answers.append(json.loads(resp.content))
        return httpx.Response(resp.status_code, headers=[(k, v) for k, v in resp.headers.raw  # content is decoded (gzip)
                                                         if k.lower() not in (b"content-encoding", b"content-length")],
                              content=resp.content)

    def close(self) -> None:
        self.inner.close()


def _sales(t, n, prefix="s"):
    for i in range(n):
        t.settle(f"{prefix}{i}", member=M1, amount=100 + i)


def test_every_batch_three_times_and_a_restored_outbox(server, make_terminal, tmp_path):
    triple = TriplePush()
    t = make_terminal("A-001", "T1", transport=triple, batch_size=4)
    _sales(t, 10)
    t.settle("cpn", coupons=[card("980000000002")])
    backup = tmp_path / "backup.db"
    with sqlite3.connect(backup) as dst:  # the outbox as it was before any push (backup API, not a file copy)
        t.client.conn.backup(dst)
    t.client.sync_once()
    once = server.store.totals()
    assert once["events"] == 11 and once["coupon_uses"] == 1
    statuses = [r["status"] for a in triple.answers for r in a["results"]]
    assert statuses.count("duplicate") == 2 * 11 and len(statuses) == 3 * 11
    assert all(r["original_status"] == "accepted" for a in triple.answers for r in a["results"] if r["status"] == "duplicate")
    # restore the terminal from the backup: everything is pending again and is replayed
    restored = open_replica(backup)
    client = SyncClient(restored, server.url, MemoryCredentialStore(t.credentials.get()))
    assert client.pending_count() == 11
    rep = client.push()
    assert rep.statuses == {"duplicate": 11} and client.pending_count() == 0
    assert server.store.totals() == once
    client.close()


def test_same_event_id_with_an_altered_payload_is_rejected(server, make_terminal):
    t = make_terminal("A-001", "T1")
    _sales(t, 1)
    t.client.push()
    row = t.client.pending_rows(1) or t.client.conn.execute(
        "SELECT event_id, terminal_seq, type, schema_version, payload, payload_sha256, created_at FROM outbox").fetchall()
    env = t.client._envelope(row[0], "A-001", "T1")
    env["payload"]["total"] += 1
    env["payload_sha256"] = payload_sha256(env["payload"])
    ans = httpx.post(server.url + "/v1/push", json={"events": [env]},
                     headers={"Authorization": f"Bearer {t.credentials.get()}"}).json()
    res = ans["results"][0]
    assert res["status"] == "rejected" and res["error"]["code"] == "event_id_reused"
    # a payload that does not match its hash is refused, and does not claim the id
    env2 = t.client._envelope(row[0], "A-001", "T1")
    env2["event_id"] = "00000000-0000-4000-8000-000000000001"
    env2["payload"]["total"] += 5
    res2 = httpx.post(server.url + "/v1/push", json={"events": [env2]},
                      headers={"Authorization": f"Bearer {t.credentials.get()}"}).json()["results"][0]
    assert res2["status"] == "rejected" and res2["error"]["code"] == "payload_hash_mismatch"
    assert server.store.totals()["events"] == 1


CRASHER = """
import os, sys
from sync.client import MemoryCredentialStore, SyncClient
from terminal.provisioning.bootstrap import open_replica
c = SyncClient(open_replica(sys.argv[1]), sys.argv[2], MemoryCredentialStore(os.environ["LT_CRED"]), batch_size=5)
c.push(die_before_ack=lambda: os._exit(9))  # the server has committed; the process dies before the local ack
"""


def test_crash_after_server_commit_before_local_ack(server, make_terminal):
    t = make_terminal("A-001", "T1")
    _sales(t, 12)
    proc = subprocess.run([sys.executable, "-c", CRASHER, str(t.path), server.url], cwd=ROOT, timeout=60,
                          env={**os.environ, "LT_CRED": t.credentials.get(), "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 9
    assert server.store.totals()["events"] == 5  # first batch committed centrally ...
    assert t.client.pending_count() == 12  # ... but not acknowledged locally
    # restart: the first batch comes back as duplicates, the rest is applied; each event exactly once
    rep = t.client.push()
    assert rep.statuses == {"duplicate": 5, "accepted": 7}
    assert t.client.pending_count() == 0
    counts = server.store.conn.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events").fetchone()
    assert counts == (12, 12)
    local = t.client.conn.execute("SELECT COALESCE(SUM(delta),0) FROM point_ledger").fetchone()[0]
    central = server.store.conn.execute("SELECT COALESCE(SUM(delta),0) FROM point_ledger WHERE event_id IS NOT NULL").fetchone()[0]
    assert local == central


def test_the_same_checkout_id_on_two_terminals_earns_two_lots(server, make_terminal):
    """Checkout ids are unique per terminal only (the CLI takes any): earned lots must not collide."""
    t1, t2 = make_terminal("A-001", "T1"), make_terminal("A-001", "T2")
    member = card("290000000003")
    r1 = t1.settle("SAME-1", amount=600, member=member)
    t1.client.sync_once()
    t2.client.sync_once()  # T2 now holds T1's earned lot in its replica
    r2 = t2.settle("SAME-1", amount=600, member=member)
    t2.client.sync_once()
    t1.client.sync_once()
    earned = r1["points_earned"]["bonus"]
    assert earned > 0 and r2["points_earned"]["bonus"] == earned
    lots = server.store.conn.execute(
        "SELECT COUNT(DISTINCT lot_id), COALESCE(SUM(delta), 0) FROM point_ledger WHERE member_id = 'M3' AND kind = 'earn'").fetchone()
    assert lots == (2, 2 * earned)
    assert t1.svc.scan(member).member.balances["bonus"] == t2.svc.scan(member).member.balances["bonus"]
