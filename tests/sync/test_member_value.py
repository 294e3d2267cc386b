"""Issue 15 against the real server on 127.0.0.1: exchange, giveaway caps across two stores,
gifting a voucher, and hostile pushes under a real device credential."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from terminal.domain.events import payload_sha256
from terminal.domain.exchange import issued_code
from terminal.domain.reasons import CheckoutError, Reason
from terminal.usecases.checkout import LineRequest

from tests.conftest import card, tpe
from tests.member_value.catalog import value_catalog
from tests.sync.conftest import AT
from tests.sync.handmade import HandDevice, reasons

M1_CARD, M2_CARD = card("290000000001"), card("290000000002")
# the server on SQLite; on PostgreSQL too with -m slow (tests/sync/conftest.py)
pytestmark = pytest.mark.both_engines(postgresql="slow")


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(value_catalog(6)))
    return p


def push(dev: HandDevice, type_: str, payload: dict, *, event_id: str | None = None, cursor: str | None = "now") -> dict:
    dev.seq += 1
    env = {"event_id": event_id or str(uuid.uuid4()), "terminal_id": dev.terminal_id, "store_id": dev.store_id,
           "terminal_seq": dev.seq, "type": type_, "schema_version": 1, "payload": payload,
           "payload_sha256": payload_sha256(payload), "occurred_at": AT.isoformat(),
           "based_on_cursor": dev.server.store.cursor() if cursor == "now" else cursor, "app_version": "hand"}
    r = httpx.post(dev.server.url + "/v1/push", json={"events": [env]}, headers=dev.headers, timeout=30)
    r.raise_for_status()
    assert r.json()["error"] is None, r.json()
    return r.json()["results"][0]


def lots(server, member: str) -> dict[str, int]:
    return {lot["lot_id"]: lot["points"] for lot in server.store.lots(member)}


def claims_booked(server, campaign: str) -> int:
    return server.store.conn.execute("SELECT COALESCE(SUM(points * count), 0) FROM giveaway_claims WHERE campaign_id = ?",
                                     (campaign,)).fetchone()[0]


# ---- exchange ----------------------------------------------------------------------------------------
def test_exchange_judged_and_voucher_redeemable_at_another_store(make_terminal, deployed):
    grant = deployed(points_per_member=500, giveaway_claims=5)
    a, x = make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant)
    r = a.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01", exchange_id="EXC-1")
    code = r["voucher"]["code"]
    res = a.client.sync_once()
    assert res["push"].acked == 1
    answer = json.loads(a.client.conn.execute("SELECT result FROM sync_results").fetchone()[0])
    assert answer["status"] == "accepted", answer
    x.client.sync_once()
    inst = x.svc.replica.coupon(code)
    assert inst is not None and inst.member_id == "M1" and inst.total_uses == 1
    receipt = x.settle("S-X-1", lines=[LineRequest(sku="LATTE")], member=M1_CARD, coupons=[code])
    assert receipt["total"] == 0
    x.client.sync_once()
    assert a.svc.member_view(a.svc.replica.member("M1"), AT).balances["bonus"] == 30


def test_exchange_void_gives_points_back_and_voids_voucher(server, make_terminal, deployed):
    grant = deployed(points_per_member=500)
    a = make_terminal("A-001", "T1", allowances=grant)
    r = a.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01", exchange_id="EXC-V")
    a.client.sync_once()
    assert lots(server, "M1")["M1-L2"] == 0 and lots(server, "M1")["M1-L1"] == 30
    a.svc.void("EXC-V", manager_id="MGR1", pin="9999", reason="changed mind")
    a.client.sync_once()
    assert lots(server, "M1")["M1-L2"] == 30 and lots(server, "M1")["M1-L1"] == 100
    assert server.store.get("coupon", r["voucher"]["code"])["status"] == "voided"
    assert a.svc.scan(r["voucher"]["code"], member_id="M1").coupon.reason == "voided"


# ---- giveaway caps across two stores -------------------------------------------------------------------
def test_cap_and_member_counts_hold_across_stores(server, make_terminal, deployed):
    grant = deployed(giveaway_claims=5)
    a, b = make_terminal("A-001", "T1", allowances=grant), make_terminal("B-001", "T1", allowances=grant)
    # G-SMALL: 200 points, 50 a claim = 4 claims; two stores offline claim 3 each
    for i in range(3):
        a.svc.claim("G-SMALL", member_id=f"G00{i}", cashier_id="C01", claim_id=f"A-{i}")
        b.svc.claim("G-SMALL", member_id=f"G00{i + 3}" if i < 2 else "M3", cashier_id="C01", claim_id=f"B-{i}")
    a.client.sync_once()
    b.client.sync_once()
    assert claims_booked(server, "G-SMALL") == 200  # never beyond the cap
    over = server.store.conn.execute("SELECT kind, decision, checkout_id FROM conflicts WHERE kind = 'giveaway_over_cap' "
                                     "ORDER BY id").fetchall()
    assert over == [("giveaway_over_cap", "not_booked_over_cap", "B-1"), ("giveaway_over_cap", "not_booked_over_cap", "B-2")]
    # the conflict is the manager's at store B, and the over-claimed points are not the member's
    assert {r[0] for r in b.client.conn.execute("SELECT kind FROM sync_conflicts")} == {"giveaway_over_cap"}
    assert "claim/" not in "".join(k for k in lots(server, "M3"))
    assert b.svc.member_view(b.svc.replica.member("M3"), AT).balances.get("bonus", 0) == 0
    # after the pull both counters refuse the next claim with the cap, from the server's tally
    a.client.sync_once()
    for t in (a, b):
        with pytest.raises(CheckoutError) as exc:
            t.svc.claim("G-SMALL", member_id="M2", cashier_id="C01")
        assert exc.value.reason is Reason.CAMPAIGN_CAP_REACHED and exc.value.details["claimed"] == 200
    # per member chain-wide: M2 claimed at A (synced) -> refused at B the same day, with the day's limit
    a.svc.claim("G-3DAYS", member_id="M2", cashier_id="C01")
    a.client.sync_once()
    b.client.sync_once()
    with pytest.raises(CheckoutError) as exc:
        b.svc.claim("G-3DAYS", member_id="M2", cashier_id="C01")
    assert exc.value.reason is Reason.CLAIM_DAILY_LIMIT
    # a till that had not heard of it (offline since) claims again: not booked, a conflict at sync
    a.svc.claim("G-3DAYS", member_id="M1", cashier_id="C01", claim_id="A-M1")
    b_stale = b.svc.claim("G-3DAYS", member_id="M1", cashier_id="C01", claim_id="B-M1")
    a.client.sync_once()
    b.client.sync_once()
    kinds = [r[0] for r in server.store.conn.execute("SELECT kind FROM conflicts WHERE checkout_id = 'B-M1'")]
    assert kinds == ["giveaway_over_limit"]
    assert claims_booked(server, "G-3DAYS") == 100 and b_stale["points_earned"] == 50


# ---- gifting -----------------------------------------------------------------------------------------------
def test_transfer_online_then_old_code_refused_everywhere_and_offline_use_is_a_conflict(server, make_terminal, deployed):
    grant = deployed(stored_voucher_uses=2)
    a, x, b = (make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant),
               make_terminal("A-001", "T2", allowances=grant))
    x.settle("S-X-0", lines=[LineRequest(sku="LATTE")], member=M1_CARD, coupons=["SV-0001"])  # one use before the gift: 9 left
    x.client.sync_once()
    answer = a.svc.transfer(a.client, "SV-0001", from_member="M1", to_member="M2", cashier_id="C01")
    assert answer["remaining_uses"] == 9 and answer["to_member"] == "M2" and not answer["repeated"]
    body = server.store.get("coupon", "SV-0001")
    assert body["member_id"] == "M2" and json.loads(body["gifted_from"]) == ["M1"]
    assert a.svc.replica.coupon("SV-0001").member_id == "M2"  # the transfer's pull
    # the old owner's code at another store that synced: refused `gifted`; the friend redeems it there
    x.client.sync_once()
    scan = x.svc.scan("SV-0001", member_id="M1")
    assert scan.coupon.reason == "gifted" and "transferred" in scan.coupon.message
    x.settle("S-X-1", lines=[LineRequest(sku="LATTE")], member=M2_CARD, coupons=["SV-0001"])
    x.client.sync_once()
    assert server.store.get("coupon", "SV-0001")["used_uses"] == 2
    # transferring again from the old owner: refused with `gifted`, nothing changes
    with pytest.raises(CheckoutError) as exc:
        a.svc.transfer(a.client, "SV-0001", from_member="M1", to_member="M3", cashier_id="C01")
    assert exc.value.reason is Reason.GIFTED
    # terminal b was offline since before the gift: it accepts M1's code; at sync a visible conflict, the friend keeps her uses
    b.settle("S-B-1", lines=[LineRequest(sku="LATTE")], member=M1_CARD, coupons=["SV-0001"])
    b.client.sync_once()
    row = server.store.conn.execute("SELECT kind, decision FROM conflicts WHERE checkout_id = 'S-B-1'").fetchall()
    assert row == [("redeemed_after_transfer", "honoured_terminal_could_not_know")]
    assert server.store.get("coupon", "SV-0001")["used_uses"] == 2 and server.store.get("coupon", "SV-0001")["member_id"] == "M2"
    assert b.client.conn.execute("SELECT kind FROM sync_conflicts").fetchall() == [("redeemed_after_transfer",)]


def test_transfer_is_online_only_and_admin_can_do_it(server, make_terminal, deployed, tmp_path):
    a = make_terminal("A-001", "T1", allowances=deployed())
    with pytest.raises(CheckoutError) as exc:
        a.svc.transfer(None, "SV-0001", from_member="M1", to_member="M2", cashier_id="C01")
    assert exc.value.reason is Reason.NOT_AUTHORIZED
    from sync.server.member_value_facts import list_transfers, transfer_coupon

    first = transfer_coupon(server.store, code="C-LATTE-1", from_member="M1", to_member="M3", request_id="app-1", admin="app")
    again = transfer_coupon(server.store, code="C-LATTE-1", from_member="M1", to_member="M3", request_id="app-1", admin="app")
    assert again["repeated"] and again["visible_seq"] == first["visible_seq"]
    assert [t["to_member"] for t in list_transfers(server.store, "C-LATTE-1")] == ["M3"]
    dev = HandDevice(server, "A-001", "T8")
    for code, frm, to, status, why in (("BND-1-a", "M1", "M2", 409, "transfer_not_allowed"),
                                       ("C-100OFF-1", "M1", "M2", 409, "wrong_member"),
                                       ("SV-0001", "M1", "NOBODY", 409, "not_found"), ("SV-0001", "M1", "M1", 409, "transfer_not_allowed"),
                                       ("SV-0001", "M3", "M2", 409, "wrong_member"), ("NO-SUCH", "M1", "M2", 404, "unknown_coupon"),
                                       ("C-LATTE-1", "M1", "M2", 409, "gifted")):
        r = httpx.post(server.url + "/v1/transfer", json={"code": code, "from_member": frm, "to_member": to,
                                                          "request_id": str(uuid.uuid4())}, headers=dev.headers)
        assert (r.status_code, r.json()["error"]["code"]) == (status, why), r.text
    r = httpx.post(server.url + "/v1/transfer", json={"code": "SV-0001", "from_member": "M1", "to_member": "M2", "request_id": "x"})
    assert r.status_code == 401  # a device credential is needed
    r = httpx.post(server.url + "/v1/transfer", json={"code": "SV-0001", "from_member": "M1", "to_member": "M2", "request_id": "x",
                                                      "uses": 99}, headers=dev.headers)
    assert r.status_code == 422
    assert server.store.get("coupon", "SV-0001")["member_id"] == "M1"


# ---- hostile pushes ------------------------------------------------------------------------------------------
def test_hostile_exchange_and_claim_pushes_book_nothing_beyond_the_rules(server, deployed):
    deployed(points_per_member=50, giveaway_claims=1)
    dev = HandDevice(server, "A-001", "T9")

    def exchange(eid, **over):
        p = {"checkout_id": f"hx-{eid}", "store_id": "A-001", "terminal_id": "T9", "member_id": "M2", "offer_id": "X-LATTE",
             "point_type": "bonus", "points": 100, "burns": [{"lot_id": "M1-L1", "point_type": "bonus", "points": 100}],
             "coupon": {"code": issued_code(eid), "template_id": "T-FREELATTE"}, "occurred_at": AT.isoformat()}
        p.update(over)
        return p

    # M2 has no points: an exchange of 100 with an allowance of 50 books nothing, no voucher; another member's lot untouched
    eid = str(uuid.uuid4())
    ans = push(dev, "exchange", exchange(eid), event_id=eid)
    assert "points_beyond_allowance" in reasons(ans) and server.store.get("coupon", issued_code(eid)) is None
    assert lots(server, "M1")["M1-L1"] == 100 and not [v for v in lots(server, "M2").values() if v]
    # a forged voucher code (not derived from the event id): rejected, nothing booked
    eid = str(uuid.uuid4())
    ans = push(dev, "exchange", exchange(eid, member_id="M1", coupon={"code": "EX-FORGED00000000", "template_id": "T-FREELATTE"}),
               event_id=eid)
    assert ans["status"] == "rejected" and ans["error"]["code"] == "invalid_payload"
    # a price below the offer: the offer's price is booked (M1: 130 usable -> 30), flagged
    eid = str(uuid.uuid4())
    ans = push(dev, "exchange", exchange(eid, member_id="M1", points=1, burns=[{"lot_id": "M1-L1", "point_type": "bonus", "points": 1}]),
               event_id=eid)
    assert "exchange_price_mismatch" in reasons(ans)
    assert sum(v for v in lots(server, "M1").values() if v > 0 and True) - 500 == 30  # M1-L0 (500) expired, untouched
    assert server.store.get("coupon", issued_code(eid))["member_id"] == "M1"
    # another brand's store: the offer is brand A's
    devb = HandDevice(server, "B-001", "T9")
    eid = str(uuid.uuid4())
    ans = push(devb, "exchange", {**exchange(eid, member_id="M3", burns=[]), "store_id": "B-001"}, event_id=eid)
    assert "wrong_brand" in reasons(ans) and server.store.get("coupon", issued_code(eid)) is None

    def claim(eid, **over):
        p = {"checkout_id": f"hc-{eid}", "store_id": "A-001", "terminal_id": "T9", "member_id": "M3", "campaign_id": "G-3DAYS",
             "points": 50, "lot_id": f"claim/{eid}", "occurred_at": AT.isoformat()}
        p.update(over)
        return p

    eid = str(uuid.uuid4())
    ans = push(dev, "points_claim", claim(eid, points=5000), event_id=eid)  # inflated: the campaign's 50 booked
    assert "claim_points_mismatch" in reasons(ans) and lots(server, "M3")[f"claim/{eid}"] == 50
    eid2 = str(uuid.uuid4())  # the same member again the same day: over the limit, not booked
    ans = push(dev, "points_claim", claim(eid2), event_id=eid2)
    assert "giveaway_over_limit" in reasons(ans) and f"claim/{eid2}" not in lots(server, "M3")
    eid3 = str(uuid.uuid4())  # a lot id of its own choosing: rejected
    ans = push(dev, "points_claim", claim(eid3, member_id="G000", lot_id="M1-L1"), event_id=eid3)
    assert ans["status"] == "rejected"
    late = HandDevice(server, "A-001", "T7")  # a claim outside the window (a clock set back; no earlier claim bounds it)
    eid4 = str(uuid.uuid4())
    ans = push(late, "points_claim", {**claim(eid4, member_id="G001", occurred_at="2026-11-01T04:00:00+00:00"), "terminal_id": "T7"},
               event_id=eid4)
    assert "campaign_not_active" in reasons(ans) and f"claim/{eid4}" not in lots(server, "G001")
    assert claims_booked(server, "G-3DAYS") == 50
    # a terminal that always claims to know nothing: its second unsynced claim is beyond the allowance of 1
    blind = HandDevice(server, "A-001", "T6")
    for i, member in enumerate(("G002", "G003")):
        e = str(uuid.uuid4())
        ans = push(blind, "points_claim", {**claim(e, member_id=member), "terminal_id": "T6"}, event_id=e, cursor=None)
        assert ("claims_beyond_allowance" in reasons(ans)) == (i == 1), ans
    assert claims_booked(server, "G-3DAYS") == 100
    # a forged old-owner redemption after a transfer the terminal had pulled: quarantined `gifted`
    from sync.server.member_value_facts import transfer_coupon

    transfer_coupon(server.store, code="SV-0001", from_member="M1", to_member="M2", request_id="r-1", admin="hq")
    sale = dev.settlement(member="M1", amount=120, lines=[{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120,
                                                           "quantity": 1, "net": 0, "points_price": None}],
                          coupons=[{"code": "SV-0001", "uses": 1, "discount": 120, "template_id": "T-10COFFEE"}])
    ans = dev.push(sale)
    assert "gifted" in reasons(ans) and server.store.get("coupon", "SV-0001")["used_uses"] == 0


def test_admin_cli_transfer_and_campaign_caps(server, make_terminal, deployed, central_db):
    import io

    from sync.server.admin import main as admin

    a = make_terminal("A-001", "T1", allowances=deployed(giveaway_claims=5))
    for i in range(3):
        a.svc.claim("G-SMALL" if i < 2 else "G-3DAYS", member_id=f"G00{i}", cashier_id="C01")
    a.client.sync_once()
    out = io.StringIO()
    assert admin(["--db", str(central_db), "list-campaigns"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert "G-SMALL Small giveaway: 100 of 200 points claimed (2 claim(s) of 50; 100 left); per store: A-001 2" in lines
    assert "G-3DAYS Points giveaway: 50 of 10,000 points claimed (1 claim(s) of 50; 9,950 left); per store: A-001 1" in lines
    out = io.StringIO()
    assert admin(["--db", str(central_db), "transfer-coupon", "--code", "SV-0001", "--from", "M1", "--to", "M2", "--json"], out=out) == 0
    assert json.loads(out.getvalue())["remaining_uses"] == 10
    assert admin(["--db", str(central_db), "transfer-coupon", "--code", "SV-0001", "--from", "M1", "--to", "M3"]) == 2  # gifted
    out = io.StringIO()
    assert admin(["--db", str(central_db), "list-transfers"], out=out) == 0
    assert "SV-0001: M1 -> M2 (10 use(s)) by admin-cli" in out.getvalue()
    a.client.sync_once()
    assert a.svc.scan("SV-0001", member_id="M1").coupon.reason == "gifted"


def test_a_transfer_cannot_be_pushed_as_an_event(server, deployed):
    """Gifts are online calls only: a pushed `transfer` event (offline or forged) is refused as a request,
    and a settlement naming the friend as member cannot take over the voucher either."""
    deployed()
    dev = HandDevice(server, "A-001", "T5")
    payload = {"code": "SV-0001", "from_member": "M1", "to_member": "M3", "store_id": "A-001", "terminal_id": "T5"}
    env = {"event_id": str(uuid.uuid4()), "terminal_id": "T5", "store_id": "A-001", "terminal_seq": 1, "type": "transfer",
           "schema_version": 1, "payload": payload, "payload_sha256": payload_sha256(payload), "occurred_at": AT.isoformat(),
           "based_on_cursor": None, "app_version": "hand"}
    r = httpx.post(server.url + "/v1/push", json={"events": [env]}, headers=dev.headers, timeout=30)
    assert r.status_code == 422
    sale = dev.settlement(member="M3", amount=120, lines=[{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120,
                                                           "quantity": 1, "net": 0, "points_price": None}],
                          coupons=[{"code": "SV-0001", "uses": 1, "discount": 120, "template_id": "T-10COFFEE"}])
    ans = dev.push(sale)
    assert "wrong_member" in reasons(ans)
    body = server.store.get("coupon", "SV-0001")
    assert body["member_id"] == "M1" and body["used_uses"] == 0 and not body.get("gifted_from")


def test_an_exchange_the_server_does_not_book_issues_no_voucher(server, make_terminal, deployed):
    """Points spent elsewhere meanwhile beyond the allowance: the server books nothing, and the counter's
    local voucher (issued on the spot) is voided when the answer comes back; the points come back too."""
    grant = deployed(points_per_member=500)
    a, b = make_terminal("A-001", "T1", allowances=grant), make_terminal("A-001", "T2", allowances=grant)
    r = a.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01")  # 130 -> 30 at A
    server.store.set_allowances(points_per_member=0)  # HQ lowers the allowance before A syncs
    b.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01")  # B spends the same points first
    b.client.sync_once()
    a.client.sync_once()
    code = r["voucher"]["code"]
    assert server.store.get("coupon", code) is None
    assert a.svc.scan(code, member_id="M1").coupon.reason == "voided"
    assert a.svc.member_view(a.svc.replica.member("M1"), AT).balances["bonus"] == 30  # the server's figure: B's exchange only
