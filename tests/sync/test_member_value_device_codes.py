"""Vouchers signed by the issuing terminal (`LT1V…`) against the real server on 127.0.0.1: an exchange
offline at store A, its code scanned at store X (same brand) before A synced, one use after both
sync; key registration rules; hostile codes refused at the counter and by the server."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import httpx
import pytest

from sync.device_key import DeviceKeys
from terminal.domain.device_codes import DeviceVoucher, encode_voucher
from terminal.domain.exchange import issued_code
from terminal.domain.reasons import CodeError, Reason
from terminal.infra.crypto import Signer
from terminal.usecases.checkout import LineRequest

from tests.conftest import FixedClock, card
from tests.member_value.catalog import value_catalog
from tests.sync.conftest import AT, enrol_device
from tests.sync.handmade import HandDevice, reasons

M1_CARD = card("290000000001")
pytestmark = pytest.mark.both_engines(postgresql="slow")  # the server on SQLite; on PostgreSQL too with -m slow


@pytest.fixture
def catalog_file(tmp_path):
    cat = value_catalog(0)
    for t in cat["coupon_templates"]:  # the exchange's voucher may be accepted before it is replicated (7 days)
        if t["id"] == "T-FREELATTE":
            t["unreplicated"] = {"accept": True, "max_days_since_issue": 7}
    cat["coupon_templates"].append({"id": "T-NEXT100", "name": "100 off your next visit", "kind": "amount_off", "amount": 100,
                                    "issue_after": {"min_total": 1000, "valid_days": 30},
                                    "unreplicated": {"accept": True, "max_days_since_issue": 7}})
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(cat))
    return p


def key_row(server, device_id: str) -> dict | None:
    return server.store.get("device_key", device_id)


def conflicts(server, checkout_id: str) -> list[str]:
    return [r[0] for r in server.store.conn.execute("SELECT kind FROM conflicts WHERE checkout_id = ?", (checkout_id,))]


def forged_voucher(device_id: str, brand: str, key: Signer, code: str = "EX-00000000DEADBEEF") -> str:
    return encode_voucher(DeviceVoucher(code, "T-FREELATTE", "M1", AT.astimezone().replace(microsecond=0), None, None, 1,
                                        device_id, brand), key.sign)


# ---- the example of the brief --------------------------------------------------------------------------
def test_offline_exchange_at_a_scanned_at_x_before_a_syncs_one_use_no_conflict(server, make_terminal, deployed):
    grant = deployed(points_per_member=500, unreplicated_coupon_max_age_hours=72)
    a, x = make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant)
    a_dev = a.client.replica.get_meta("sync_device_id")
    assert key_row(server, a_dev)["status"] == "active" and key_row(server, a_dev)["brand_id"] == "A"  # at enrolment
    x.client.sync_once()  # X pulls A's key (the feed row, signed by the feed key)
    assert x.client.conn.execute("SELECT brand_id, status FROM device_keys WHERE device_id = ?", (a_dev,)).fetchone() == ("A", "active")

    r = a.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01", exchange_id="EXC-OFF")  # A offline: not synced
    v = r["voucher"]
    assert v["code"] == issued_code(r["event_id"]) and v["signed_code"].startswith("LT1V") and len(v["signed_code"]) < 280
    assert server.store.get("coupon", v["code"]) is None  # the server has not heard of it

    view = x.svc.scan(v["signed_code"], member_id="M1").coupon
    assert (view.code, view.usable, view.remaining_uses) == (v["code"], True, 1)
    sale = x.settle("S-X-DEV", lines=[LineRequest(sku="LATTE")], member=M1_CARD, coupons=[v["signed_code"]])
    assert sale["total"] == 0 and sale["coupon_discount"] == 120
    with pytest.raises(Exception):  # the same code again at X: its one use is taken (local ledger)
        x.settle("S-X-DEV2", lines=[LineRequest(sku="LATTE")], member=M1_CARD, coupons=[v["signed_code"]])

    x.client.sync_once()  # X first: the server meets the code before the exchange
    body = server.store.get("coupon", v["code"])
    assert body["used_uses"] == 1 and body["signed_by_device"] == a_dev and body["member_id"] == "M1"
    a.client.sync_once()  # then A: its exchange adopts the coupon, keeping the use
    body = server.store.get("coupon", v["code"])
    assert (body["used_uses"], body["total_uses"], body["issued_by_event"], body["status"]) == (1, 1, r["event_id"], "active")
    assert conflicts(server, "S-X-DEV") == [] and conflicts(server, "EXC-OFF") == []
    assert server.store.conn.execute("SELECT COUNT(*) FROM coupon_ledger WHERE code = ? AND kind = 'redeem'",
                                     (v["code"],)).fetchone()[0] == 1
    x.client.sync_once()
    a.client.sync_once()
    for t in (a, x):  # both replicas: used up, and the code refused as such
        assert t.svc.replica.coupon(v["code"]).remaining_uses == 0
        assert t.svc.scan(v["signed_code"], member_id="M1").coupon.reason == "used_up"
    assert [r[0] for r in a.client.conn.execute("SELECT kind FROM sync_conflicts")] == []
    assert [r[0] for r in x.client.conn.execute("SELECT kind FROM sync_conflicts")] == []


def test_exchange_synced_first_then_signed_code_uses_the_central_coupon(server, make_terminal, deployed):
    grant = deployed(points_per_member=500)
    a, x = make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant)
    r = a.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01")
    x.client.sync_once()
    a.client.sync_once()  # the exchange is booked; X has not pulled it: the code is still unreplicated there
    x.settle("S-X-2", lines=[LineRequest(sku="LATTE")], member=M1_CARD, coupons=[r["voucher"]["signed_code"]])
    x.client.sync_once()
    body = server.store.get("coupon", r["voucher"]["code"])
    assert body["used_uses"] == 1 and body["issued_by_event"] == r["event_id"] and conflicts(server, "S-X-2") == []


def test_next_order_coupon_signed_used_at_x_tomorrow_before_a_syncs(server, make_terminal, deployed):
    grant = deployed(unreplicated_coupon_max_age_hours=72)
    a, x = make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant)
    x.client.sync_once()
    r = a.settle("S-A-NX", amount=1200, member=M1_CARD)  # A offline from here
    [c] = r["next_order_coupons"]
    assert c["code"].startswith("NX-") and c["signed_code"].startswith("LT1V") and c["valid_from"] == "2026-11-21"
    assert x.svc.scan(c["signed_code"], member_id="M1").coupon.reason == "not_yet_valid"  # from tomorrow, as printed
    x.svc.clock = FixedClock(AT + timedelta(days=1))
    assert x.settle("S-X-NX", amount=300, member=M1_CARD, coupons=[c["signed_code"]])["total"] == 200
    x.client.sync_once()
    a.client.sync_once()
    body = server.store.get("coupon", c["code"])
    assert (body["used_uses"], body["issued_by_event"], body["template_id"], body["member_id"]) == \
        (1, r["event_id"], "T-NEXT100", "M1")
    assert conflicts(server, "S-X-NX") == [] and conflicts(server, "S-A-NX") == []


# ---- registration --------------------------------------------------------------------------------------
def test_a_device_registers_its_own_key_once(server, make_terminal):
    a = make_terminal("A-001", "T1")
    a_dev = a.client.replica.get_meta("sync_device_id")
    registered = key_row(server, a_dev)["public_key"]
    other = enrol_device(server.url, server.store.create_enrol_token("A-001"), "T9")
    h = {"Authorization": f"Bearer {other['credential']}"}
    new = Signer.generate().public_b64()
    # for another device: refused, A's key unchanged
    r = httpx.post(server.url + "/v1/device/key", json={"device_id": a_dev, "public_key": new}, headers=h)
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_your_device"
    assert key_row(server, a_dev)["public_key"] == registered
    # malformed, then its own once; the same again is idempotent; another key is never a silent replacement
    for bad in ("", "not base64!", base64.b64encode(b"x" * 31).decode()):
        r = httpx.post(server.url + "/v1/device/key", json={"public_key": bad}, headers=h)
        assert r.status_code in (400, 422), r.text
    r = httpx.post(server.url + "/v1/device/key", json={"public_key": new}, headers=h)
    assert r.status_code == 200 and r.json()["already_registered"] is False and r.json()["device_id"] == other["device_id"]
    r = httpx.post(server.url + "/v1/device/key", json={"public_key": new}, headers=h)
    assert r.status_code == 200 and r.json()["already_registered"] is True
    r = httpx.post(server.url + "/v1/device/key", json={"public_key": Signer.generate().public_b64()}, headers=h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "device_key_registered"
    assert key_row(server, other["device_id"])["public_key"] == new
    r = httpx.post(server.url + "/v1/device/key", json={"public_key": new})
    assert r.status_code == 401


def test_a_terminal_whose_vault_lost_its_key_prints_reference_codes(server, make_terminal, deployed):
    grant = deployed(points_per_member=500)
    a = make_terminal("A-001", "T1", allowances=grant)
    dev = a.client.replica.get_meta("sync_device_id")
    from sync import device_key

    a.credentials.device_key(dev).delete()
    device_key.forget_unlocked()
    with a.client.db.conn:
        a.client.conn.execute("DELETE FROM meta WHERE key IN ('device_key_device', 'device_key_public')")
    a.client.sync_once()  # a new key is made, its registration refused: never replaced silently
    assert "refused" in (a.client.replica.get_meta("device_key_problem") or "")
    assert a.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01")["voucher"]["signed_code"] is None


def test_upgraded_terminal_registers_at_first_sync(server, make_terminal):
    a = make_terminal("A-001", "T1")
    dev = a.client.replica.get_meta("sync_device_id")
    # as if enrolled before device keys: no key on the server, none in the replica
    server.store.conn  # noqa: B018
    with server.store.write():
        server.store.tombstone("device_key", dev)
    with a.client.db.conn:
        a.client.conn.execute("DELETE FROM meta WHERE key IN ('device_key_device', 'device_key_public')")
    a.credentials.device_key(dev).delete()
    assert DeviceKeys(a.client.replica).signer() is None
    a.client.sync_once()
    assert key_row(server, dev)["public_key"] == a.client.replica.get_meta("device_key_public")


# ---- hostile codes --------------------------------------------------------------------------------------
def test_hostile_codes_refused_at_the_counter_and_by_the_server(server, make_terminal, deployed):
    grant = deployed(points_per_member=500)
    a, x, b = (make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant),
               make_terminal("B-001", "T1", allowances=grant))
    x.client.sync_once()
    a_dev, b_dev = (t.client.replica.get_meta("sync_device_id") for t in (a, b))
    b_key = DeviceKeys(b.client.replica, vault=b.credentials.device_key).signer()[1]
    nokey = enrol_device(server.url, server.store.create_enrol_token("A-001"), "T7")["device_id"]  # never registered a key
    good = a.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01")["voucher"]["signed_code"]
    raw = bytearray(base64.b32decode(good[4:] + "=" * (-len(good[4:]) % 8)))
    raw[2 + raw[1] - 30] ^= 1  # one payload bit changed
    tampered = "LT1V" + base64.b32encode(bytes(raw)).decode().rstrip("=")
    cases = {  # name: (code, the counter's reason, the server's when it knows more: None = the same)
        "tampered": (tampered, Reason.FORGED, None),
        "other_brand": (forged_voucher(b_dev, "B", b_key), Reason.DEVICE_WRONG_BRAND, None),
        "claims_our_brand": (forged_voucher(b_dev, "A", b_key), Reason.DEVICE_UNKNOWN, Reason.DEVICE_WRONG_BRAND),
        "unknown_device": (forged_voucher("dev-000000000000", "A", Signer.generate()), Reason.DEVICE_UNKNOWN, None),
        "no_key_registered": (forged_voucher(nokey, "A", Signer.generate()), Reason.DEVICE_UNKNOWN,
                              Reason.DEVICE_KEY_UNREGISTERED),
        "a_key_not_a_s": (forged_voucher(a_dev, "A", b_key), Reason.FORGED, None),  # a terminal's claimed key for another id
    }
    for name, (code, counter, _) in cases.items():
        with pytest.raises(CodeError) as exc:
            x.svc.scan(code, member_id="M1")
        assert exc.value.reason is counter, (name, exc.value.message)
    # the server judges each as pushed by a hostile till of X (its own credential), whatever the counter said
    hand = HandDevice(server, "X", "T5")
    for name, (code, counter, server_reason) in cases.items():
        claimed = {"code": _code_of(a) if name == "tampered" else "EX-00000000DEADBEEF", "uses": 1, "discount": 120,
                   "template_id": "T-FREELATTE", "kind": "product_voucher", "in_replica": False, "signed": code}
        ans = hand.push(hand.settlement(lines=[{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": 1,
                                                "net": 0, "points_price": None}], amount=120, net=0, coupons=[claimed]))
        want = (server_reason or counter).value
        assert reasons(ans) == [want], (name, reasons(ans))
        assert server.store.get("coupon", claimed["code"]) is None or name == "tampered"  # nothing created from it
    # revoked: the admin revokes A's device; X pulls it and refuses A's genuine voucher, so does the server
    server.store.revoke_device(a_dev, "stolen")
    assert key_row(server, a_dev)["status"] == "revoked"
    x.client.sync_once()
    with pytest.raises(CodeError) as exc:
        x.svc.scan(good, member_id="M1")
    assert exc.value.reason is Reason.DEVICE_REVOKED and "stolen" in exc.value.message
    ans = hand.push(hand.settlement(lines=[{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": 1,
                                            "net": 0, "points_price": None}], amount=120, net=0,
                                    coupons=[{"code": _code_of(a), "uses": 1, "discount": 120,
                                              "template_id": "T-FREELATTE", "kind": "product_voucher", "in_replica": False,
                                              "signed": good}]))
    assert "device_revoked" in reasons(ans)


def _code_of(t) -> str:
    return t.svc.replica.conn.execute("SELECT code FROM coupon_instances WHERE code LIKE 'EX-%'").fetchone()[0]
