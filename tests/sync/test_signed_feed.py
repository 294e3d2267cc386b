"""Signed security rows (issue 13, section 6): issuer keys, staff, revocations (and their
tombstones) and the allowance grant are signed by the server's feed key, pinned at enrolment.
A fake server on 127.0.0.1 (an httpx MockTransport in front of the real one) serving an unsigned
or forged issuer key, manager and allowance: all refused and reported."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from sync.client import SyncError
from sync.feedsig import PIN_META, allowances_message, row_message
from sync.protocol import split_cursor
from terminal.infra.crypto import Signer
from terminal.infra.pins import hash_pin

pytestmark = pytest.mark.both_engines(postgresql="slow")  # SQLite by default; on PostgreSQL too with -m slow

ATTACKER = Signer.generate()


class Fake:
    """Forwards to the real server until `forge` is set; then answers pull and allowances itself."""

    def __init__(self, server):
        self.real = httpx.Client(base_url=server.url)
        self.forge: dict | None = None
        self.allowances: dict | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.forge is not None and request.url.path == "/v1/pull":
            return httpx.Response(200, json=self.forge)
        if self.allowances is not None and request.url.path == "/v1/allowances":
            return httpx.Response(200, json=self.allowances)
        ans = self.real.request(request.method, request.url.path, params=request.url.params, headers=request.headers,
                                content=request.content)
        return httpx.Response(ans.status_code, headers=_decoded_headers(ans), content=ans.content)


def _decoded_headers(resp: httpx.Response) -> list:
    """`resp`'s headers for a copy holding its decoded content: without content-encoding (the server gzips) and length."""
    return [(k, v) for k, v in resp.headers.raw if k.lower() not in (b"content-encoding", b"content-length")]


def _page(t, items):
    cur = t.client.replica.get_meta("pull_cursor")
    epoch, seq = split_cursor(cur)
    items = [{**it, "seq": seq + i + 1} for i, it in enumerate(items)]
    return {"cursor": cur, "next_cursor": f"{epoch}:{seq + len(items)}" if ":" in cur else cur, "has_more": False,
            "reset": False, "head": seq + len(items), "items": items, "answers": []}, epoch


def _sign(signer, it, epoch):
    return base64.b64encode(signer.sign(row_message(it["kind"], it["key"], it["body"], it["seq"], epoch))).decode()


@pytest.fixture
def fake(server):
    f = Fake(server)
    yield f
    f.real.close()


def test_the_pinned_key_is_the_servers_and_genuine_rows_verify(server, make_terminal):
    t = make_terminal("A-001", "T1")
    pin = t.client.replica.get_meta(PIN_META)
    assert pin and pin == server.store.feed_signer().public_b64()
    server.store.revoke_code("coupon", "C-CAP-1", "fraud")
    server.store.unrevoke_code("coupon", "C-CAP-1")
    server.store.revoke_code("member", "M3", "stolen")
    rep = t.client.pull()
    assert rep.quarantined == 0 and t.client.quarantined() == []
    assert t.client.conn.execute("SELECT value FROM revocations").fetchall() == [("M3",)]
    assert t.client.fetch_allowances()["sig"]


def test_forged_issuer_key_manager_revocation_tombstone_and_allowance_are_refused(server, make_terminal, fake):
    t = make_terminal("A-001", "T1", transport=httpx.MockTransport(fake))
    keys_before = t.client.conn.execute("SELECT key_id, public_key FROM issuer_keys").fetchall()
    evil = [
        {"kind": "issuer_key", "key": "7", "op": "upsert", "body": {"key_id": 7, "public_key": ATTACKER.public_b64(), "status": "active"}},
        {"kind": "staff", "key": "EVIL", "op": "upsert",
         "body": {"id": "EVIL", "name": "Evil", "role": "manager", "pin_hash": hash_pin("0000"), "stores": json.dumps(["A-001"])}},
        {"kind": "revocation", "key": "member:M1", "op": "upsert",
         "body": {"kind": "member", "value": "M1", "reason": "x", "revoked_at": "2026-01-01T00:00:00+00:00"}},
        {"kind": "issuer_key", "key": "1", "op": "delete", "body": None},
    ]
    page, epoch = _page(t, evil)
    page["items"][1]["sig"] = _sign(ATTACKER, page["items"][1], epoch)  # signed, but not by the pinned key
    page["items"][2]["sig"] = "not base64!"
    fake.forge = page
    rep = t.client.pull()
    assert rep.quarantined == 4
    q = {(r["kind"], r["key"]): r["reason"] for r in t.client.quarantined()}
    assert set(q) == {("issuer_key", "7"), ("staff", "EVIL"), ("revocation", "member:M1"), ("issuer_key", "1")}
    assert all("pinned at enrolment" in why for why in q.values())
    c = t.client.conn
    assert c.execute("SELECT key_id, public_key FROM issuer_keys").fetchall() == keys_before
    assert c.execute("SELECT COUNT(*) FROM staff WHERE id = 'EVIL'").fetchone()[0] == 0
    assert c.execute("SELECT COUNT(*) FROM revocations").fetchone()[0] == 0
    # an allowance of 10^8, unsigned then forged: refused, the stored grant unchanged
    before = c.execute("SELECT body FROM sync_allowances").fetchall()
    now = datetime.now(timezone.utc)
    grant = {"stored_voucher_uses": 10**8, "points_per_member": 10**8, "unreplicated_coupon_max_age_hours": 10**8,
             "granted_at": now.isoformat(), "valid_until": (now + timedelta(days=999)).isoformat()}
    for sig in (None, base64.b64encode(ATTACKER.sign(allowances_message(grant))).decode()):
        fake.allowances = {**grant, "sig": sig}
        with pytest.raises(SyncError, match="not signed by the key pinned at enrolment"):
            t.client.fetch_allowances()
    assert c.execute("SELECT body FROM sync_allowances").fetchall() == before


def test_a_replica_enrolled_before_pinning_accepts_with_a_warning_until_enrolled_again(server, make_terminal, caplog):
    t = make_terminal("A-001", "T1")
    c = t.client.conn
    c.execute("BEGIN IMMEDIATE")
    c.execute("DELETE FROM meta WHERE key = ?", (PIN_META,))
    c.execute("COMMIT")
    server.store.revoke_code("member", "M3", "stolen")
    rep = t.client.pull()
    assert rep.quarantined == 0 and "no pinned feed key" in caplog.text
    t.client.enrol(server.store.create_enrol_token("A-001", replace_terminal="T1"), "T1")
    assert t.client.replica.get_meta(PIN_META) == server.store.feed_signer().public_b64()
