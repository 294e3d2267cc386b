"""Store slices (issue 14, section 3): each terminal pulls its brand's catalog and its store's members.

Real server (both engines), real terminals. The chain's catalog turns member slices on and gives
M1 the home store A-001 and M2 the home store B-001; M3 has no home store.
"""

from __future__ import annotations

import copy
import json

import httpx
import pytest

from sync.client import RequestRefused
from terminal.domain.member_data import card_hash
from terminal.usecases.unknown_member import PLACEHOLDER_NAME, UnknownMembers
from tests.conftest import BASE_CATALOG, card, signed_member, tpe
from tests.sync.handmade import HandDevice

pytestmark = pytest.mark.both_engines

AT = tpe(2026, 11, 20, 12)
M3_CARD = card("290000000003")


def slice_catalog() -> dict:
    cat = copy.deepcopy(BASE_CATALOG)
    cat["policies"] = {**cat.get("policies", {}), "member_slices": True}
    for m in cat["members"]:
        m["home_store"] = {"M1": "A-001", "M2": "B-001"}.get(m["id"])
        if m["home_store"] is None:
            del m["home_store"]
    return cat


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(slice_catalog()))
    return p


def rows(t, sql: str) -> set:
    return {r[0] for r in t.client.conn.execute(sql)}


def brand_b_keys() -> set[tuple[str, str]]:
    cat = BASE_CATALOG
    b_stores = {s["id"] for s in cat["stores"] if s["brand"] == "B"}
    keys = {("brand", "B")} | {("store", s) for s in b_stores}
    keys |= {("earn_rule", r["id"]) for r in cat["earn_rules"] if r.get("scope", {}).get("brands") == ["B"]}
    b_tpl = {t["id"] for t in cat["coupon_templates"] if t.get("brands") == ["B"]}
    keys |= {("coupon_template", t) for t in b_tpl} | {("coupon", c["code"]) for c in cat["coupons"] if c["template"] in b_tpl}
    keys |= {("staff", s["id"]) for s in cat["staff"] if s.get("stores") and set(s["stores"]) <= b_stores}
    assert len(keys) > 6  # the catalog has brand-B rows of most kinds
    return keys


def test_a_terminal_of_brand_a_never_holds_brand_b_rows(server, make_terminal):
    a = make_terminal("A-001", "T1")
    assert rows(a, "SELECT id FROM brands") == {"A"}
    assert rows(a, "SELECT brand_id FROM stores") == {"A"}
    assert not rows(a, "SELECT id FROM earn_rules") & {"B-base", "B-gold"}
    assert "A-base" in rows(a, "SELECT id FROM earn_rules")
    assert "T-BANK" not in rows(a, "SELECT id FROM coupon_templates")
    assert not rows(a, "SELECT code FROM coupon_instances WHERE template_id = 'T-BANK'")
    # on the wire: not even a tombstone key of a brand-B row
    hand = HandDevice(server, "A-001", "HX")
    page = httpx.get(server.url + "/v1/pull", params={"limit": 1000}, headers=hand.headers).json()
    sent = {(it["kind"], it["key"]) for it in page["items"]}
    assert not sent & brand_b_keys()
    assert page["has_more"] is False
    b = make_terminal("B-001", "T1")
    assert rows(b, "SELECT id FROM brands") == {"B"} and "B-base" in rows(b, "SELECT id FROM earn_rules")


def test_a_store_holds_its_home_members_only_and_a_chain_without_slices_holds_all(server, make_terminal):
    a, b, x = make_terminal("A-001", "T1"), make_terminal("B-001", "T1"), make_terminal("X", "T1")
    assert rows(a, "SELECT id FROM members") == {"M1"}
    assert rows(b, "SELECT id FROM members") == {"M2"}
    assert rows(x, "SELECT id FROM members") == set()
    assert rows(a, "SELECT DISTINCT member_id FROM point_lots") == {"M1"}
    assert rows(x, "SELECT code FROM coupon_instances WHERE member_id IS NOT NULL") == set()
    assert rows(a, "SELECT code FROM coupon_instances WHERE member_id = 'M1'") >= {"SV-0001"}


def test_a_member_buying_at_a_second_store_enters_its_slice_without_double_count(server, make_terminal):
    home, x = make_terminal("A-001", "T1"), make_terminal("X", "T1")
    x.svc.unknown_members = UnknownMembers(x.svc.replica)  # offline: the allowance for unknown members
    assert x.settle("x-1", amount=600, member=signed_member("M1"))["member"]["id"] == "M1"
    local = x.svc.replica.lots("M1")
    assert sum(lot.points for lot in local) == 12  # 600 at brand A: 1 per 50; no replica lots known yet
    assert x.client.conn.execute("SELECT name FROM members WHERE id = 'M1'").fetchone()[0] == PLACEHOLDER_NAME
    x.client.sync_once()
    assert x.client.conn.execute("SELECT name FROM members WHERE id = 'M1'").fetchone()[0] != PLACEHOLDER_NAME
    with server.store.read():
        assert server.store.conn.execute("SELECT bought_at FROM store_members WHERE store_id = 'X' AND member_id = 'M1'").fetchone()[0]
        want = server.store.balance("M1", "bonus", AT)
    assert want == 100 + 30 + 12
    have = sum(lot.points for lot in x.svc.replica.lots("M1") if lot.point_type == "bonus" and lot.points > 0
               and (lot.expires_at is None or lot.expires_at > AT))
    assert have == want  # the terminal's own sale counted once: pulled lots replace the overlay
    assert rows(x, "SELECT code FROM coupon_instances WHERE member_id = 'M1'") >= {"SV-0001"}
    home.client.sync_once()
    assert rows(home, "SELECT lot_id FROM point_lots WHERE member_id = 'M1'") == rows(x, "SELECT lot_id FROM point_lots WHERE member_id = 'M1'")


def test_a_member_leaving_a_slice_is_removed_from_that_stores_terminals(server, make_terminal):
    x = make_terminal("X", "T1")
    x.client.lookup_member(member_id="M3")
    assert rows(x, "SELECT id FROM members") == {"M3"}
    with server.store.write():
        server.store.conn.execute("UPDATE store_members SET looked_up_at = '2020-01-01T00:00:00+00:00' WHERE store_id = 'X'")
    from sync.server import admin

    assert admin.main(["--db", str(server.db), "prune-slices", "--bought-days", "0"]) == 2  # bad input: nothing done
    assert rows(x, "SELECT id FROM members") == {"M3"}
    assert admin.main(["--db", str(server.db), "prune-slices"]) == 0
    with server.store.read():
        assert server.store.conn.execute("SELECT COUNT(*) FROM store_members WHERE store_id = 'X'").fetchone()[0] == 0
    x.client.sync_once()
    assert rows(x, "SELECT id FROM members") == set()


def test_an_out_of_slice_member_is_looked_up_online_and_cached(server, make_terminal):
    x = make_terminal("X", "T1")
    assert x.svc.replica.member("M3") is None
    x.svc.unknown_members = UnknownMembers(x.svc.replica, lookup=x.client.lookup_member)
    found = x.svc.scan(M3_CARD)
    assert found.kind == "member" and found.member.id == "M3"
    assert x.svc.replica.member("M3").name not in ("林美", PLACEHOLDER_NAME)  # the masked name, cached
    x.svc.unknown_members = None  # offline now: the cached member still resolves
    assert x.svc.scan(M3_CARD).member.id == "M3"
    # by a signed card too (M2: home B-001; brand A's X may still serve the chain's member)
    x.svc.unknown_members = UnknownMembers(x.svc.replica, lookup=x.client.lookup_member)
    assert x.svc.scan(signed_member("M2")).member.id == "M2"
    assert rows(x, "SELECT id FROM members") == {"M2", "M3"}


def test_an_unknown_member_offline_sells_within_the_allowance(server, make_terminal):
    x = make_terminal("X", "T1")
    x.svc.unknown_members = UnknownMembers(x.svc.replica, lookup=None)
    view = x.svc.scan(signed_member("M1")).member
    assert view.id == "M1"
    with pytest.raises(Exception) as burn:  # no balance known: no burn
        x.settle("x-burn", amount=600, member=signed_member("M1"), points={"bonus": 100})
    assert "point" in str(burn.value).lower()
    with pytest.raises(Exception, match="SV-0001"):  # the member's own coupons are not on this terminal
        x.settle("x-coupon", amount=600, member=signed_member("M1"), coupons=["SV-0001"])
    assert x.client.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0
    receipt = x.settle("x-earn", amount=600, member=signed_member("M1"))  # earn is posted
    assert receipt["member"]["id"] == "M1"
    assert sum(lot.points for lot in x.svc.replica.lots("M1")) == 12
    assert x.client.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 1
    # a typed card number of a member not held cannot be trusted offline
    with pytest.raises(Exception, match="(?i)no member|no coupon with number|not on this terminal"):
        x.svc.scan(card("290000000001"))


def test_member_lookup_refuses_malformed_or_hostile_bodies_and_writes_nothing(server):
    hand = HandDevice(server, "X", "HL")
    url = server.url + "/v1/member-lookup"
    with server.store.read():
        before = server.store.conn.execute("SELECT COUNT(*) FROM store_members").fetchone()[0], server.store.head()
    bad = [{}, {"member_id": "M1", "card_hash": "0" * 64}, {"member_id": "M1'; DROP TABLE entities;--"},
           {"member_id": "x" * 65}, {"card_hash": "ZZ"}, {"member_id": "M1", "extra": 1}, {"member_id": ["M1"]}, [1, 2], "M1"]
    for body in bad:
        ans = httpx.post(url, json=body, headers=hand.headers)
        assert ans.status_code == 422, (body, ans.text)
        assert ans.json()["error"]["code"] == "invalid_request"
    assert httpx.post(url, content=b"{not json", headers={**hand.headers, "Content-Type": "application/json"}).status_code == 400
    missing = httpx.post(url, json={"member_id": "NOBODY"}, headers=hand.headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "unknown_member"
    assert httpx.post(url, json={"card_hash": card_hash("00" * 16, "12345678")}, headers=hand.headers).status_code == 404
    assert httpx.post(url, json={"member_id": "M1"}).status_code == 401
    with server.store.read():
        after = server.store.conn.execute("SELECT COUNT(*) FROM store_members").fetchone()[0], server.store.head()
    assert after == before  # nothing written
    ok = httpx.post(url, json={"member_id": "M1"}, headers=hand.headers)
    assert ok.status_code == 200 and ok.json()["entered"] is True
    assert httpx.post(url, json={"member_id": "M1"}, headers=hand.headers).json()["entered"] is False


def test_lookup_client_raises_refused_for_an_unknown_member(server, make_terminal):
    x = make_terminal("X", "T1")
    with pytest.raises(RequestRefused):
        x.client.lookup_member(member_id="NOBODY")
