"""First purchase only across stores, judged by the real server (127.0.0.1) with the terminal's rule.

The server counts every booked purchase of a member (a `member_purchases` row in the feed); a
terminal refuses a first-purchase coupon once that count, or its own unsynced sales, say the
member bought before. Offline at two stores at once: the server books the first and honours the
other with a `first_purchase_repeated` conflict, bounded by `stale_state_uses`.
"""

from __future__ import annotations

import json
import random

import pytest

from terminal.domain.reasons import DomainError, Reason
from terminal.storage.member_history import purchase_history
from tests.conftest import card
from tests.sync.handmade import HandDevice, reasons

from tests.history.test_first_purchase import first_purchase_catalog, req

pytestmark = pytest.mark.both_engines(postgresql="slow")  # the PostgreSQL half with -m slow

M2, M3 = card("290000000002"), card("290000000003")


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(first_purchase_catalog()))
    return p


def server_count(server, member):
    body = server.store.get("member_purchases", member)
    return 0 if body is None else body["purchases"]


def fp(code="FP-1", discount=50):
    return {"code": code, "template_id": "T-FIRST50", "kind": "amount_off", "uses": 1, "discount": discount, "partner": None,
            "in_replica": True, "parent_code": None}


def used(server, code):
    return server.store.get("coupon", code)["used_uses"]


def test_refused_after_a_purchase_at_another_store_without_it(server, make_terminal):
    a, b = make_terminal("A-001", "T1"), make_terminal("B-001", "T1")
    b.settle("b1", member=M2, amount=300)  # M2's first purchase, at a store of the other brand, no coupon
    b.client.push()
    assert server_count(server, "M2") == 1
    v = a.svc.preview(req("a0", M2, ["FP-1"])).coupon_verdicts[0]
    assert v.ok  # store A has not pulled yet: it cannot know (the server's case below)
    a.client.pull()
    assert a.client.conn.execute("SELECT purchases FROM member_purchases WHERE member_id = 'M2'").fetchone() == (1,)
    v = a.svc.preview(req("a1", M2, ["FP-1"])).coupon_verdicts[0]
    assert not v.ok and v.reason == Reason.NOT_FIRST_PURCHASE
    with pytest.raises(DomainError):
        a.settle("a1", member=M2, coupons=["FP-1"])


def test_offline_at_two_stores_the_server_books_one_and_flags_the_other(server, make_terminal):
    a, b = make_terminal("A-001", "T1"), make_terminal("B-001", "T1")
    assert a.settle("a1", member=M3, amount=300, coupons=["FP-1"])["total"] == 250
    assert b.settle("b1", member=M3, amount=300, coupons=["FP-2"])["total"] == 250  # offline: B cannot know
    a.client.push()
    b.client.push()
    kinds = [(c["kind"], c["decision"], c["subject"], c["amount"]) for c in server.store.conflicts()]
    assert kinds == [("first_purchase_repeated", "honoured_terminal_could_not_know", "FP-2", 50)]
    assert (used(server, "FP-1"), used(server, "FP-2")) == (1, 1)
    assert server_count(server, "M3") == 2
    for t in (a, b):  # after sync both terminals refuse a third
        t.client.pull()
        assert t.svc.preview(req("x", M3, ["FP-3"])).coupon_verdicts[0].reason == Reason.NOT_FIRST_PURCHASE


def test_beyond_the_offline_allowance_the_second_is_not_booked(server, make_terminal, deployed):
    deployed(stale_state_uses=0)
    a, b = make_terminal("A-001", "T1"), make_terminal("B-001", "T1")
    a.settle("a1", member=M3, amount=300, coupons=["FP-1"])
    b.settle("b1", member=M3, amount=300, coupons=["FP-2"])
    a.client.push()
    b.client.push()
    [c] = server.store.conflicts()
    assert c["kind"] == "quarantined" and c["details"]["reason"] == "stale_beyond_allowance"
    assert c["details"]["stale_kind"] == "first_purchase_repeated"
    assert (used(server, "FP-1"), used(server, "FP-2")) == (1, 0)
    assert server_count(server, "M3") == 2  # the sale itself is booked: a purchase


def test_hostile_claims_are_quarantined(server):
    a, b = HandDevice(server, "A-001", "TA"), HandDevice(server, "B-001", "TB")
    assert reasons(a.push(a.settlement(member="M2"))) == []  # M2's first purchase, without the coupon
    # its own earlier sale: no honest counter accepts the coupon
    ans = a.push(a.settlement(member="M2", net=550, coupons=[fp()]), cursor=None)
    assert reasons(ans) == ["not_first_purchase"] and used(server, "FP-1") == 0
    assert ans["conflicts"][0]["details"]["prior_purchases"] == 1
    # another terminal whose cursor shows the purchase knew of it too
    ans = b.push(b.settlement(member="M2", net=550, coupons=[fp("FP-2")]))
    assert reasons(ans) == ["not_first_purchase"] and used(server, "FP-2") == 0
    # without a member the coupon is no counter's claim
    ans = b.push(b.settlement(member=None, net=550, coupons=[fp("FP-3")]))
    assert reasons(ans) == ["member_required"] and used(server, "FP-3") == 0
    assert server_count(server, "M2") == 3  # the sales themselves are purchases


def test_a_void_takes_the_purchase_off_the_count(server):
    a = HandDevice(server, "A-001", "TA")
    sale = a.settlement(member="M3")
    ans = a.push(sale)
    assert server_count(server, "M3") == 1
    assert a.push(a.void(sale, ans), type_="void")["status"] == "accepted"
    assert server.store.get("member_purchases", "M3") == {
        "member_id": "M3", "purchases": 0, "first_purchase_at": None, "first_event_id": None, "first_store_id": None,
        "first_terminal_id": None}
    assert reasons(a.push(a.settlement(member="M3", net=550, coupons=[fp()]))) == []
    assert used(server, "FP-1") == 1


@pytest.mark.parametrize("seed", [1, 2])
def test_terminal_and_server_agree_on_the_history(server, make_terminal, seed):
    """Random sales and voids of two members at two stores, synced at random: after a full sync
    each terminal's count equals the server's equals the sales not voided, and the terminal's
    verdict on a first-purchase coupon is the server's rule on its own count."""
    rnd = random.Random(seed)
    ts = {"A": make_terminal("A-001", "T1"), "B": make_terminal("B-001", "T1")}
    live: dict[str, list[tuple[str, str]]] = {"M2": [], "M3": []}
    cards = {"M2": M2, "M3": M3}
    for i in range(14):
        name = rnd.choice("AB")
        t, member = ts[name], rnd.choice(["M2", "M3"])
        mine = [cid for cid, owner in live[member] if owner == name]
        if mine and rnd.random() < 0.3:
            cid = rnd.choice(mine)
            t.svc.void(cid, manager_id="MGR1", pin="9999", reason="test")
            live[member].remove((cid, name))
        else:
            cid = f"{name}{i}"
            t.settle(cid, member=cards[member], amount=300)
            live[member].append((cid, name))
        if rnd.random() < 0.5:
            t.client.push()
            t.client.pull()
    for _ in range(2):
        for t in ts.values():
            t.client.push()
            t.client.pull()
    for member in ("M2", "M3"):
        expected = len(live[member])
        assert server_count(server, member) == expected
        for t in ts.values():
            assert purchase_history(t.client.conn, member).purchases == expected
            ok = t.svc.preview(req("probe", cards[member], ["FP-5"])).coupon_verdicts[0].ok
            assert ok == (expected == 0)
