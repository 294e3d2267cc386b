"""Visit gifts (來店禮, issue 16 section 3) against the real server on 127.0.0.1: the member's spend
is counted chain-wide (sales at any store, voids) on the `member_purchases` row the terminals
pull; a claim is booked once; two stores claiming offline for the same member make the later one a
visible `visit_gift_claimed_twice` conflict (not booked); a claim the server's spend does not
support is quarantined with the figures; a void of the claim reverses it."""

from __future__ import annotations

import copy
import json
import uuid

import httpx
import pytest

from sync.server.purchases import add_sale_spend, gifts_of, take_sale_spend
from terminal.domain.events import payload_sha256
from terminal.domain.reasons import DomainError, Reason
from terminal.domain.visit_gift import gift_code
from tests.conftest import BASE_CATALOG, card

from .handmade import AT as HAND_AT
from .handmade import HandDevice

pytestmark = pytest.mark.both_engines(postgresql="slow")  # the PostgreSQL half with -m slow

M1 = card("290000000001")
GIFT = {"id": "CHAIN3000", "name": "Spend 3,000 in November", "starts_at": "2026-11-01T00:00:00+08:00",
        "ends_at": "2026-12-01T00:00:00+08:00", "threshold": 3000, "template": "T-FREELATTE"}


@pytest.fixture
def catalog_file(tmp_path):
    cat = copy.deepcopy(BASE_CATALOG)
    cat["visit_gifts"] = [GIFT]
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(cat))
    return p


def row(server, member="M1") -> dict:
    return gifts_of(server.store.get("member_purchases", member))


def test_spend_chain_wide_claim_once_void(make_terminal, server):
    a, b = make_terminal("A-001", "T1"), make_terminal("B-001", "T1")
    a.settle("a1", amount=2000, member=M1)
    a.settle("a2", amount=500, member=M1)
    a.client.sync_once()
    assert row(server)["spend"] == {"CHAIN3000": 2500}
    b.client.sync_once()  # store B pulls the member's row: 2,500 spent at store A
    [g] = b.svc.visit_gifts("M1")
    assert (g["spent"], g["short"], g["reason"]) == (2500, 500, "visit_gift_threshold_not_met")
    b.settle("b1", amount=700, member=M1)  # offline at B: counted at once
    assert b.svc.visit_gifts("M1")[0]["spent"] == 3200
    r = b.svc.claim_visit_gift("CHAIN3000", member_id="M1", cashier_id="C01", claim_id="vg-b")
    b.client.sync_once()
    assert row(server)["spend"] == {"CHAIN3000": 3200}
    assert row(server)["claims"]["CHAIN3000"]["event_id"] == r["event_id"]
    voucher = server.store.get("coupon", r["voucher"]["code"])
    assert (voucher["member_id"], voucher["template_id"], voucher["status"]) == ("M1", "T-FREELATTE", "active")
    assert not server.store.conn.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0]
    a.client.sync_once()  # store A knows the claim: refused there
    with pytest.raises(DomainError) as err:
        a.svc.claim_visit_gift("CHAIN3000", member_id="M1", cashier_id="C01")
    assert err.value.reason == Reason.VISIT_GIFT_ALREADY_CLAIMED
    a.svc.void("a2", manager_id="MGR1", pin="9999", reason="test")  # a void takes its spend off, chain-wide
    a.client.sync_once()
    assert row(server)["spend"] == {"CHAIN3000": 2700}
    b.svc.void("vg-b", manager_id="MGR1", pin="9999", reason="wrong member")  # the claim reversed: voucher voided
    b.client.sync_once()
    assert "CHAIN3000" not in row(server)["claims"]
    assert server.store.get("coupon", r["voucher"]["code"])["status"] == "voided"


def test_two_offline_stores_claiming_the_same_gift(make_terminal, server):
    a, b = make_terminal("A-001", "T1"), make_terminal("B-001", "T1")
    a.settle("a1", amount=3000, member=M1)
    a.client.sync_once()
    b.client.sync_once()
    ra = a.svc.claim_visit_gift("CHAIN3000", member_id="M1", cashier_id="C01")  # both offline now
    rb = b.svc.claim_visit_gift("CHAIN3000", member_id="M1", cashier_id="C01")
    a.client.sync_once()
    b.client.sync_once()
    rows = server.store.conn.execute("SELECT kind, decision, store_id, subject, details FROM conflicts").fetchall()
    assert [r[:4] for r in rows] == [("visit_gift_claimed_twice", "not_booked", "B-001", "M1")]
    assert json.loads(rows[0][4])["reason"] == "visit_gift_already_claimed"
    assert server.store.get("coupon", ra["voucher"]["code"]) is not None
    assert server.store.get("coupon", rb["voucher"]["code"]) is None  # the gift is not given twice
    assert row(server)["claims"]["CHAIN3000"]["store_id"] == "A-001"
    assert [k for (k,) in b.client.conn.execute("SELECT kind FROM sync_conflicts")] == ["visit_gift_claimed_twice"]


def _push(h: HandDevice, payload: dict, event_id: str) -> dict:
    h.seq += 1
    env = {"event_id": event_id, "terminal_id": h.terminal_id, "store_id": h.store_id, "terminal_seq": h.seq,
           "type": "visit_gift_claim", "schema_version": 1, "payload": payload, "payload_sha256": payload_sha256(payload),
           "occurred_at": HAND_AT, "based_on_cursor": h.server.store.cursor(), "app_version": "hand"}
    r = httpx.post(h.server.url + "/v1/push", json={"events": [env]}, headers=h.headers, timeout=30)
    r.raise_for_status()
    return r.json()["results"][0]


def test_a_claim_the_server_spend_does_not_support_is_not_booked(server):
    h = HandDevice(server, "A-001", "TH")
    h.push(h.settlement(member="M2", amount=1000))
    eid = str(uuid.uuid4())
    claim = {"checkout_id": "forged-1", "store_id": "A-001", "terminal_id": "TH", "member_id": "M2", "gift_id": "CHAIN3000",
             "spent": 3000, "occurred_at": HAND_AT, "cashier_id": "C01",
             "gift": {"code": gift_code(eid), "template_id": "T-FREELATTE", "valid_until": "2026-12-20T04:00:00+00:00"}}
    ans = _push(h, claim, eid)
    assert ans["status"] == "accepted_with_conflict"
    [c] = ans["conflicts"]
    assert c["kind"] == "quarantined" and c["details"]["reason"] == "visit_gift_threshold_not_met"
    assert (c["details"]["spent"], c["details"]["threshold"], c["details"]["short"], c["details"]["claimed"]) == (1000, 3000, 2000, 3000)
    assert server.store.get("coupon", gift_code(eid)) is None and "CHAIN3000" not in row(server, "M2")["claims"]
    # a code the event does not derive is refused outright
    other = str(uuid.uuid4())
    ans = _push(h, {**claim, "checkout_id": "forged-2"}, other)
    assert ans["status"] == "rejected" and ans["error"]["code"] == "invalid_payload"
    ans = _push(h, {**claim, "checkout_id": "forged-3", "gift_id": "NOPE"}, str(uuid.uuid4()))
    assert ans["status"] == "rejected" and ans["error"]["code"] == "unknown_visit_gift"


def test_returns_and_voids_take_off_what_the_sale_counted():
    body = add_sale_spend(None, "M1", "e1", {"G": 1500, "H": 1500})
    body = add_sale_spend(body, "M1", "e2", {"G": 900})
    assert gifts_of(body)["spend"] == {"G": 2400, "H": 1500}
    body = take_sale_spend(body, "M1", "e1", 400)  # a return refunding 400 of e1
    assert gifts_of(body)["spend"] == {"G": 2000, "H": 1100} and gifts_of(body)["sales"]["e1"] == {"G": 1100, "H": 1100}
    body = take_sale_spend(body, "M1", "e1", None)  # then its void: what it still counts
    assert gifts_of(body)["spend"] == {"G": 900, "H": 0} and "e1" not in gifts_of(body)["sales"]
    assert take_sale_spend(body, "M1", "e1", None) is None  # nothing left to take
