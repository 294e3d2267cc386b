"""Automatic promotions end to end (issue 16, section 1): catalog -> server -> terminal replica ->
preview/settle (explanation, receipt) -> push -> the server re-applies them with the same domain and
books promotion_ledger rows; a claim the rules do not give is not booked as claimed; a void books the
exact negation. Real server on 127.0.0.1."""

from __future__ import annotations

import copy
import json

import pytest

from terminal.usecases.checkout import CheckoutRequest, LineRequest
from tests.conftest import BASE_CATALOG, card

from .handmade import HandDevice, reasons

M1, M2 = card("290000000001"), card("290000000002")  # M1 normal, M2 gold

PROMOS = [
    {"id": "cro-b2g1", "name": "Croissant buy 2 get 1", "kind": "buy_x_get_y", "products": ["CROISSANT"], "buy": 2, "get": 1,
     "brands": ["A"]},
    {"id": "gold-coffee", "name": "Gold 5% off coffee", "kind": "percent_off", "categories": ["coffee"], "tiers": ["gold"],
     "percent": 5},
    {"id": "b-only", "name": "Brand B 50% off", "kind": "percent_off", "percent": 50, "brands": ["B"]},
]


@pytest.fixture
def catalog_file(tmp_path):
    cat = copy.deepcopy(BASE_CATALOG)
    cat["promotions"] = PROMOS
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(cat))
    return p


def ledger(server):
    return server.store.conn.execute(
        "SELECT promotion_id, discount, units, kind FROM promotion_ledger ORDER BY id").fetchall()


def test_promotions_reach_the_terminal_are_shown_settled_and_booked_by_the_server(make_terminal, server):
    t = make_terminal("A-001", "T1")
    req = CheckoutRequest("p1", (LineRequest("CROISSANT", 3), LineRequest("LATTE", 2)), member_code=M2)
    pv = t.svc.preview(req)
    # 3 croissants (60): the cheapest eligible unit free = 60; gold 5 % off the lattes (240) = 12
    assert {u.promotion_id: u.discount for u in pv.promotion_uses} == {"cro-b2g1": 60, "gold-coffee": 12}
    assert pv.total == 180 + 240 - 72
    assert [(e.kind, e.ref, e.amount) for e in pv.explanation if e.kind == "promotion"] == [
        ("promotion", "cro-b2g1", -60), ("promotion", "gold-coffee", -12)]
    receipt = t.settle("p1", lines=req.lines, member=M2)
    assert receipt["promotion_discount"] == 72 and receipt["total"] == 348
    assert [p["promotion_id"] for p in receipt["promotions"]] == ["cro-b2g1", "gold-coffee"]
    assert t.svc.replica.conn.execute("SELECT SUM(discount) FROM promotion_ledger").fetchone()[0] == 72
    report = t.client.sync_once()
    assert ledger(server) == [("cro-b2g1", 60, 1, "apply"), ("gold-coffee", 12, 0, "apply")]
    assert not server.store.conn.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0], report
    t.svc.void("p1", manager_id="MGR1", pin="9999", reason="customer changed mind")
    assert t.svc.replica.conn.execute("SELECT SUM(discount) FROM promotion_ledger").fetchone()[0] == 0
    t.client.sync_once()
    assert ledger(server)[2:] == [("cro-b2g1", -60, -1, "void"), ("gold-coffee", -12, 0, "void")]


def _croissants(n):
    return [{"line_id": 1, "sku": "CROISSANT", "name": "Croissant", "unit_price": 60, "quantity": n, "net": 60 * n,
             "points_price": None}]


def test_a_promotion_the_rules_do_not_give_is_not_booked_as_claimed(server):
    a = HandDevice(server, "A-001", "TA")
    # 3 croissants: the rules give 60; 180 is claimed
    ans = a.push(a.settlement(member=None, lines=_croissants(3), amount=180, net=0,
                              promotions=[{"promotion_id": "cro-b2g1", "discount": 180, "units": 3}]))
    assert ans["status"] == "accepted_with_conflict" and reasons(ans) == ["promotion_exceeds_rules"]
    # another brand's promotion, an invented one, a repeated one and garbage: none booked
    ans = a.push(a.settlement(member=None, lines=_croissants(2), amount=120, net=0, promotions=[
        {"promotion_id": "b-only", "discount": 60}, {"promotion_id": "INVENTED", "discount": 60},
        {"promotion_id": "cro-b2g1", "discount": -5}, "x", {"promotion_id": "gold-coffee", "discount": True}]))
    assert ans["status"] == "accepted_with_conflict"
    assert reasons(ans) == ["promotion_exceeds_rules", "promotion_exceeds_rules", "malformed_promotion",
                            "malformed_promotion", "malformed_promotion"]
    ans = a.push(a.settlement(member=None, lines=_croissants(3), amount=180, net=120, promotions="all of them"))
    assert reasons(ans) == ["malformed_promotion"]
    assert ledger(server) == [("cro-b2g1", 60, 3, "apply")]
