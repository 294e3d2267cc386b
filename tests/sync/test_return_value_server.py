"""Partial returns of sales paid partly with stored value or a gift card, against the real server
(127.0.0.1): the counter and the server give the value back in proportion with the same exact
figures, judged by the server from ITS spend rows; a hostile return's value claim is quarantined
and the server's figures are booked; a cash-only sale gives no value back whatever is claimed."""

from __future__ import annotations

import uuid

from terminal.storage import value_store
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.returns import ReturnRequest
from terminal.usecases.stored_value import ValueTender
from tests.stored_value.value_catalog import GIFT

from .handmade import AT, reasons
from .test_stored_value_server import a, central, pay, server, terminal  # noqa: F401  (fixtures)


def ledger(server, sql: str, *args):
    return server.store.conn.execute(sql, args).fetchall()


def test_two_partial_returns_give_the_gift_card_back_in_proportion(server, terminal):  # noqa: F811
    client, svc = terminal
    client.sync_once()
    before = central(server, "GC-1")[0]
    r = svc.settle(CheckoutRequest("RV1", (LineRequest(amount=400, name="Cake"), LineRequest(amount=600, name="Tea set")),
                                   value_tenders=(ValueTender(400, GIFT),)), cashier_id="C01")
    assert r["payments"][1] == {"method": "cash", "amount": 600}
    r1 = svc.return_items(ReturnRequest("RV1-R1", "RV1", ((1, 1),), "too sweet"), manager_id="MGR1", pin="9999")
    assert r1["refund"] == 400
    assert r1["tenders"] == [{"tender": "gift_card", "account_id": "GC-1", "amount": 160, "balance_after": before - 400 + 160},
                             {"tender": "cash", "amount": 240}]  # 40 % of the sale was paid by the card
    r2 = svc.return_items(ReturnRequest("RV1-R2", "RV1", ((2, 1),), "wrong set"), manager_id="MGR1", pin="9999")
    assert r2["tenders"] == [{"tender": "gift_card", "account_id": "GC-1", "amount": 240, "balance_after": before},
                             {"tender": "cash", "amount": 360}]  # the whole sale back: exactly 400 to the card, 600 cash
    local = svc.replica.conn.execute("SELECT amount FROM value_ledger WHERE kind = 'refund' AND checkout_id = 'RV1' ORDER BY id")
    assert [x[0] for x in local] == [160, 240]
    assert value_store.account(svc.replica.conn, "GC-1").balance == before
    client.sync_once()
    assert [tuple(x) for x in ledger(server, "SELECT e.type, e.status FROM events e WHERE json_extract(e.payload, '$.checkout_id') = "
                                     "'RV1' ORDER BY visible_seq")] == [("settlement", "accepted"), ("return", "accepted"),
                                                                        ("return", "accepted")]
    assert [x[0] for x in ledger(server, "SELECT amount FROM value_ledger WHERE kind = 'refund' AND checkout_id = 'RV1' ORDER BY id")] \
        == [160, 240]
    assert central(server, "GC-1") == (before, before)  # the balance is the sum of its ledger rows
    assert ledger(server, "SELECT COUNT(*) FROM conflicts WHERE json_extract(details, '$.checkout_id') = 'RV1'") == [(0,)]
    assert value_store.account(svc.replica.conn, "GC-1").balance == before  # the feed brings the server's balance back


def hand_return(a, sale: dict, ans: dict, lines, **kw) -> dict:  # noqa: F811
    p = {"return_id": str(uuid.uuid4()), "checkout_id": sale["checkout_id"], "sale_event_id": ans["event_id"], "store_id": a.store_id,
         "terminal_id": a.terminal_id, "manager_id": "MGR1", "reason": "x", "occurred_at": AT,
         "lines": [{"line_id": lid, "quantity": q} for lid, q in lines], "points_clawed": {}, "points_returned": {}}
    p.update(kw)
    return a.push(p, type_="return")


def two_lines(a, **extra) -> tuple[dict, dict]:  # noqa: F811
    lines = [{"line_id": 1, "sku": None, "name": "A", "unit_price": 300, "quantity": 1, "net": 300, "points_price": None},
             {"line_id": 2, "sku": None, "name": "B", "unit_price": 700, "quantity": 1, "net": 700, "points_price": None}]
    sale = a.settlement(member=None, amount=1000, lines=lines, **extra)
    ans = a.push(sale)
    assert ans["status"] == "accepted", ans
    return sale, ans


def test_a_hostile_value_claim_is_quarantined_and_the_servers_share_booked(server, a):  # noqa: F811
    before = central(server, "GC-1")[0]
    sale, ans = two_lines(a, value_payments=[pay("GC-1", 250)])
    assert central(server, "GC-1")[0] == before - 250
    # 300 of 1000 returned: 75 (a quarter of 300) belongs to the card; the terminal claims the whole 250 and another card
    r = hand_return(a, sale, ans, [(1, 1)], refund=300, value_refunds=[{"account_id": "GC-1", "amount": 250},
                                                                          {"account_id": "SV-M1", "amount": 50}])
    assert r["status"] == "accepted_with_conflict" and "value_refund_differs" in reasons(r), r
    assert [x[0] for x in ledger(server, "SELECT amount FROM value_ledger WHERE kind = 'refund' AND event_id = ?", r["event_id"])] == [75]
    assert central(server, "GC-1") == (before - 250 + 75, before - 250 + 75)
    # the rest returned: the card gets exactly what it paid in all (75 + 175), whatever is claimed
    r = hand_return(a, sale, ans, [(2, 1)], refund=700, value_refunds=[{"account_id": "GC-1", "amount": 175}])
    assert r["status"] == "accepted" and reasons(r) == [], r
    assert central(server, "GC-1") == (before, before)
    for bad in ("lots", [{"account_id": "GC-1", "amount": -5}], [{"account_id": 7, "amount": 5}]):
        sale, ans = two_lines(a, value_payments=[pay("GC-1", 100)])
        r = hand_return(a, sale, ans, [(1, 1)], refund=300, value_refunds=bad)
        assert r["status"] == "accepted_with_conflict" and "value_refund_differs" in reasons(r), (bad, r)
        assert [x[0] for x in ledger(server, "SELECT amount FROM value_ledger WHERE kind = 'refund' AND event_id = ?",
                                     r["event_id"])] == [30]


def test_a_cash_sale_gives_no_value_back_whatever_is_claimed(server, a):  # noqa: F811
    before = central(server, "GC-1")[0]
    sale, ans = two_lines(a)
    r = hand_return(a, sale, ans, [(1, 1), (2, 1)], refund=1000, value_refunds=[{"account_id": "GC-1", "amount": 1000}])
    assert r["status"] == "accepted_with_conflict" and "value_refund_differs" in reasons(r), r
    assert ledger(server, "SELECT COUNT(*) FROM value_ledger WHERE event_id = ?", r["event_id"]) == [(0,)]
    assert central(server, "GC-1") == (before, before)
