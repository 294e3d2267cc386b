"""Issue 15, section 5 against the real server: the server judges a partial return against what
IT recorded for the sale (its payload's lines, its own ledger rows, the returns it accepted
before), books the same compensating rows as the counter, and refuses what no counter sends."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.returns.test_partial_returns import M1, returns_catalog
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.returns import ReturnRequest

from .handmade import AT, HandDevice, reasons

pytestmark = pytest.mark.both_engines(postgresql="slow")  # the PostgreSQL half with -m slow


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(returns_catalog()))
    return p


def rows(server, sql, *args):
    return server.store.conn.execute(sql, args).fetchall()


def test_a_terminals_returns_are_booked_with_the_same_figures(server, make_terminal):
    t = make_terminal("A-001", "T1")
    t.svc.settle(CheckoutRequest("S1", (LineRequest(sku="LATTE"), LineRequest(sku="CROISSANT", quantity=2), LineRequest(sku="TISSUE")),
                                 member_code=M1, coupons=(CouponRequest("C-10ALL-1"),)), cashier_id="C01")
    receipts = [t.svc.return_items(ReturnRequest(rid, "S1", lines, "changed mind"), manager_id="MGR1", pin="9999")
                for rid, lines in (("R1", ((2, 1),)), ("R2", ((1, 1),)))]
    assert [r["refund"] for r in receipts] == [54, 99]
    report = t.client.push()
    assert report is not None
    answers = rows(server, "SELECT type, status FROM events ORDER BY visible_seq")
    assert answers == [("settlement", "accepted"), ("return", "accepted"), ("return", "accepted")]
    assert rows(server, "SELECT discount, uses, kind FROM coupon_ledger WHERE code = 'C-10ALL-1' ORDER BY id") == [
        (27, 1, "redeem"), (-6, 0, "return"), (-12 - 9, 0, "return")]  # the latte's 12, and the kept items' 9 taken back
    assert rows(server, "SELECT SUM(delta) FROM point_ledger WHERE member_id = 'M1' AND kind = 'return_earn'") == [(-3,)]  # ceil(4 * 162 / 243)
    local = t.svc.replica.conn.execute("SELECT SUM(delta) FROM point_ledger WHERE kind = 'return_earn'").fetchone()
    assert local == (-3,)


@pytest.fixture
def a(server):
    return HandDevice(server, "A-001", "TA")


def hand_sale(a: HandDevice) -> tuple[dict, dict]:
    lines = [{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": 1, "net": 120, "points_price": None},
             {"line_id": 2, "sku": "CROISSANT", "name": "Croissant", "unit_price": 60, "quantity": 2, "net": 120, "points_price": None}]
    sale = a.settlement(member="M1", amount=240, lines=lines)
    ans = a.push(sale)
    assert ans["status"] == "accepted", ans
    return sale, ans


def a_return(a: HandDevice, sale: dict, ans: dict, lines, **kw) -> dict:
    p = {"return_id": str(uuid.uuid4()), "checkout_id": sale["checkout_id"], "sale_event_id": ans["event_id"], "store_id": a.store_id,
         "terminal_id": a.terminal_id, "manager_id": "MGR1", "reason": "x", "occurred_at": AT,
         "lines": [{"line_id": lid, "quantity": q} for lid, q in lines], "refund": 0, "points_clawed": {}, "points_returned": {}}
    p.update(kw)
    return a.push(p, type_="return")


def test_hostile_returns_are_refused_with_their_reason(server, a):
    sale, ans = hand_sale(a)
    assert a_return(a, sale, ans, [(2, 3)])["error"]["code"] == "return_exceeds_sold"
    assert a_return(a, sale, ans, [(7, 1)])["error"]["code"] == "invalid_request"
    assert a_return(a, sale, {"event_id": str(uuid.uuid4())}, [(1, 1)])["error"]["code"] == "unknown_sale"
    assert a_return(a, sale, ans, [(1, 1)], occurred_at="2026-12-05T04:00:00+00:00")["error"]["code"] == "return_window_passed"
    assert a_return(a, sale, ans, [(1, 1)], manager_id="C01")["error"]["code"] == "not_a_manager"
    b = HandDevice(server, "B-001", "TB")
    assert a_return(b, sale, ans, [(1, 1)])["error"]["code"] == "wrong_store"
    assert rows(server, "SELECT COUNT(*) FROM coupon_ledger WHERE kind = 'return'") == [(0,)]
    assert rows(server, "SELECT COUNT(*) FROM point_ledger WHERE kind LIKE 'return%'") == [(0,)]


def test_a_claimed_refund_is_not_believed_and_units_add_up_across_returns(server, a):
    sale, ans = hand_sale(a)
    first = a_return(a, sale, ans, [(2, 1)], refund=10**6)
    assert first["status"] == "accepted_with_conflict" and "refund_differs" in reasons(first)
    conflict = next(c for c in first["conflicts"] if c["details"].get("reason") == "refund_differs")
    assert conflict["details"]["server"] == 60 and conflict["details"]["claimed"] == 10**6
    assert a_return(a, sale, ans, [(2, 1)], refund=60)["status"] == "accepted"
    assert a_return(a, sale, ans, [(2, 1)])["error"]["code"] == "return_exceeds_sold"  # 2 sold, 2 returned
    # a return id used again (another event) is refused
    again = a_return(a, sale, ans, [(1, 1)], return_id=json.loads(
        rows(server, "SELECT payload FROM events WHERE type = 'return' AND status != 'rejected' ORDER BY visible_seq")[0][0])["return_id"])
    assert again["error"]["code"] == "return_id_reused"


def test_a_voided_sale_cannot_be_returned_and_a_returned_one_not_voided(server, a):
    sale, ans = hand_sale(a)
    assert a_return(a, sale, ans, [(1, 1)], refund=120)["status"] == "accepted"
    void = a.push(a.void(sale, ans), type_="void")
    assert void["error"]["code"] == "sale_has_returns"
    sale2, ans2 = hand_sale(a)
    assert a.push(a.void(sale2, ans2), type_="void")["status"] == "accepted"
    assert a_return(a, sale2, ans2, [(1, 1)])["error"]["code"] == "already_voided"
