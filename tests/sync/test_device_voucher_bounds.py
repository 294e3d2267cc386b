"""Bounds on what a terminal may sign (`LT1V…`) against the real server: a hostile till holds a genuine
device key, so the server trusts none of its figures (terminal/domain/device_issuance.py,
sync/server/device_vouchers.py)."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest

from sync.device_key import DeviceKeys
from terminal.domain.device_codes import DeviceVoucher, encode_voucher
from terminal.domain.reasons import CodeError, Reason
from terminal.usecases.checkout import LineRequest

from tests.conftest import card
from tests.sync.conftest import AT
from tests.sync.handmade import HandDevice, reasons
from tests.sync.test_member_value_device_codes import catalog_file, conflicts  # noqa: F401 - the fixture

M1_CARD = card("290000000001")
ISSUED = AT.astimezone(timezone.utc).replace(microsecond=0)
LATTE = [{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": 1, "net": 0, "points_price": None}]
pytestmark = pytest.mark.both_engines(postgresql="slow")


def hostile(t, code: str, *, template: str = "T-FREELATTE", uses: int = 1, until=ISSUED + timedelta(days=30)) -> str:
    """A voucher signed with terminal `t`'s genuine device key, any figures."""
    dev, signer = DeviceKeys(t.client.replica, vault=t.credentials.device_key).signer()
    return encode_voucher(DeviceVoucher(code, template, "M1", ISSUED, None, until, uses, dev, "A"), signer.sign)


def push_use(hand: HandDevice, code: str, signed: str, template: str = "T-FREELATTE") -> dict:
    claimed = {"code": code, "uses": 1, "discount": 120, "template_id": template, "kind": "product_voucher",
               "in_replica": False, "signed": signed}
    return hand.push(hand.settlement(lines=LATTE, amount=120, net=0, coupons=[claimed]))


@pytest.mark.parametrize("template, uses", [("T-CAP100", 1), ("T-FREELATTE", 99)], ids=["not_issuable_template", "99_uses"])
def test_a_voucher_no_counter_issues_is_refused_at_the_counter_and_by_the_server(server, make_terminal, deployed, template, uses):
    grant = deployed(points_per_member=500)
    a, x = make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant)
    x.client.sync_once()
    signed = hostile(a, "EX-00000000000000AA", template=template, uses=uses)
    with pytest.raises(CodeError) as exc:
        x.svc.scan(signed, member_id="M1")
    assert exc.value.reason is Reason.DEVICE_NOT_ISSUER, exc.value.message
    assert exc.value.details["field"] == ("template" if template == "T-CAP100" else "uses")
    ans = push_use(HandDevice(server, "X", "T5"), "EX-00000000000000AA", signed, template)
    assert reasons(ans) == ["device_not_issuer"]
    assert server.store.get("coupon", "EX-00000000000000AA") is None


def test_wrong_validity_or_a_future_issue_is_refused(server, make_terminal, deployed):
    grant = deployed(points_per_member=500)
    a, x = make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant)
    x.client.sync_once()
    hand = HandDevice(server, "X", "T5")
    for code, signed in (("EX-00000000000000B1", hostile(a, "EX-00000000000000B1", until=ISSUED + timedelta(days=3650))),
                         ("EX-00000000000000B2", hostile(a, "EX-00000000000000B2", until=None)),
                         ("XX-00000000000000B3", hostile(a, "XX-00000000000000B3"))):
        with pytest.raises(CodeError) as exc:
            x.svc.scan(signed, member_id="M1")
        assert exc.value.reason is Reason.DEVICE_NOT_ISSUER, (code, exc.value.message)
        assert reasons(push_use(hand, code, signed)) == ["device_not_issuer"], code
    # the genuine figures (30 days of the offer from the exchange) are accepted by both
    ok = hostile(a, "EX-00000000000000B4")
    assert x.svc.scan(ok, member_id="M1").coupon.usable
    assert reasons(push_use(hand, "EX-00000000000000B4", ok)) == []


def test_the_21st_unbacked_voucher_of_a_device_is_quarantined(server, make_terminal, deployed):
    grant = deployed(points_per_member=500)
    a = make_terminal("A-001", "T1", allowances=grant)
    assert server.store.allowances({})["device_vouchers_unbacked"] == 20
    hand = HandDevice(server, "X", "T5")
    for i in range(21):
        code = f"EX-{i:016X}"
        ans = push_use(hand, code, hostile(a, code))
        if i < 20:
            assert reasons(ans) == [] and server.store.get("coupon", code)["used_uses"] == 1, (i, ans)
    assert reasons(ans) == ["device_vouchers_beyond_allowance"]
    assert server.store.get("coupon", "EX-0000000000000014") is None
    dev = a.client.replica.get_meta("sync_device_id")
    assert server.store.unbacked_device_vouchers([dev]) == {dev: 20}


def test_an_exchange_refused_after_its_voucher_was_used_elsewhere_is_a_visible_conflict(server, make_terminal, deployed):
    grant = deployed(points_per_member=500)
    a, x = make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant)
    x.client.sync_once()
    r = a.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01", exchange_id="EXC-A")  # A offline: 100 of M1's 130
    v = r["voucher"]
    x.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01", exchange_id="EXC-X")  # the same points spent at X
    x.settle("S-X-USE", lines=[LineRequest(sku="LATTE")], member=M1_CARD, coupons=[v["signed_code"]])
    x.client.sync_once()
    dev = a.client.replica.get_meta("sync_device_id")
    assert server.store.unbacked_device_vouchers([dev]) == {dev: 1}
    server.store.set_allowances(points_per_member=50)  # A's debt of 70 is beyond it: its exchange is not booked
    a.client.sync_once()
    assert sorted(conflicts(server, "EXC-A")) == ["device_voucher_not_backed", "quarantined"]
    row = server.store.conn.execute("SELECT subject, amount, details FROM conflicts WHERE checkout_id = 'EXC-A' "
                                    "AND kind = 'device_voucher_not_backed'").fetchone()
    assert row[0] == v["code"] and row[1] == 120
    assert all(s in row[2] for s in (dev, "A-001", v["code"], '"discount_given": 120'))
    assert server.store.unbacked_device_vouchers([dev]) == {dev: 1}  # still unbacked: it keeps counting
    # the manager's inbox of store A lists it (pulled conflicts)
    a.client.sync_once()
    assert "device_voucher_not_backed" in [r[0] for r in a.client.conn.execute("SELECT kind FROM sync_conflicts")]


def test_an_adopted_voucher_leaves_the_count(server, make_terminal, deployed):
    grant = deployed(points_per_member=500)
    a, x = make_terminal("A-001", "T1", allowances=grant), make_terminal("X", "T1", allowances=grant)
    x.client.sync_once()
    r = a.svc.exchange("X-LATTE", member_id="M1", cashier_id="C01")
    x.settle("S-X-AD", lines=[LineRequest(sku="LATTE")], member=M1_CARD, coupons=[r["voucher"]["signed_code"]])
    x.client.sync_once()
    dev = a.client.replica.get_meta("sync_device_id")
    assert server.store.unbacked_device_vouchers([dev]) == {dev: 1}
    a.client.sync_once()
    assert server.store.unbacked_device_vouchers([dev]) == {}
