"""A split-tender sale made at the counter (issue 17 §4.4: the window's Counter, LINE Pay for the rest,
the member's stored value and a gift card first) is accepted by the real server as it was made: the
central value ledger takes both payments, the server's own re-judgement of the earn rules scoped by
payment method books the same points. A store PC that claims another payment method's points, or pays
with a method no counter offers to earn them, gets the server's figures instead."""

from __future__ import annotations

import json

import pytest

from terminal.storage import value_store
from terminal.usecases.counter import Counter
from tests.conftest import card
from tests.stored_value.test_counter_tenders import tender_catalog
from tests.stored_value.value_catalog import GIFT

from .conftest import AT, ENGINE_PARAMS, engine_server, enrolled_counter
from .handmade import HandDevice

M1 = card("290000000001")
LATTE = card("471000000001")


@pytest.fixture(scope="module", params=ENGINE_PARAMS)
def server(request, tmp_path_factory):
    d = tmp_path_factory.mktemp("tender-server")
    (d / "catalog.json").write_text(json.dumps({**tender_catalog(), "payment_methods": ["cash", "card", "jkopay"]}))
    yield from engine_server(request, d)


@pytest.fixture(scope="module")
def hand(server):
    return HandDevice(server, "A-001", "TV-PM")


@pytest.fixture
def terminal(server, tmp_path):
    yield from enrolled_counter(server, tmp_path)


def central_balance(server, account_id: str) -> tuple[int, int]:
    body = server.store.get("value_account", account_id)
    ledger = server.store.conn.execute("SELECT COALESCE(SUM(amount), 0) FROM value_ledger WHERE account_id = ?",
                                       (account_id,)).fetchone()[0]
    return body["balance"], int(ledger)


def central_earned(server, event_id: str) -> int:
    return int(server.store.conn.execute("SELECT COALESCE(SUM(delta), 0) FROM point_ledger WHERE event_id = ? AND kind = 'earn'",
                                         (event_id,)).fetchone()[0])


def test_a_window_made_split_tender_sale_is_accepted_as_made(server, terminal):
    client, svc = terminal
    c = Counter(svc)
    assert c.login("C01", "1234").cashier is not None
    c.scan(M1, AT)
    c.scan(LATTE, AT)
    c.add_amount(880, "Gift box", AT)  # 1000
    v = c.set_payment_method("linepay", AT)
    assert v.payment_methods == ("cash", "card", "jkopay", "linepay")  # the catalog's, pulled; then the earn rule's
    wallet, gift = central_balance(server, "SV-M1")[0], central_balance(server, "GC-1")[0]
    c.add_stored_value(300, AT)
    v = c.scan(GIFT, AT)  # the rest of the value: the gift card pays the 700 left
    assert [t.amount for t in v.tenders] == [300, 700] and v.remaining_due == 0 and v.tender_error is None
    v = c.set_tender_amount(1, 400, AT)
    assert v.remaining_due == 300  # by LINE Pay
    v = c.settle(AT)
    assert v.state == "settled", v.notice
    r = v.receipt
    assert [(p["method"], p["amount"]) for p in r["payments"]] == [("wallet", 300), ("gift_card", 400), ("linepay", 300)]
    earned = r["points_earned"]["bonus"]
    assert earned == 1000 // 50 + 1000 // 20  # A-base and the LINE Pay rule, on the full 1000
    event_id = svc.replica.conn.execute("SELECT event_id FROM settlements WHERE checkout_id = ?", (r["checkout_id"],)).fetchone()[0]

    report = client.sync_once()["push"]
    assert report.statuses == {"accepted": 1}
    assert central_balance(server, "SV-M1") == (wallet - 300, wallet - 300)
    assert central_balance(server, "GC-1") == (gift - 400, gift - 400)
    assert central_earned(server, event_id) == earned  # the server re-judged LINE Pay's rule the same way
    assert client.conflicts() == []
    # the feed brings the balances back; nothing local is left over
    assert value_store.account(svc.replica.conn, "GC-1").balance == gift - 400
    assert value_store.account(svc.replica.conn, "SV-M1").balance == wallet - 300


@pytest.mark.parametrize("method,booked", [("linepay", 70), ("cash", 20), ("bitcoin", 20), (7, 20), (None, 20), ("linepay" * 100, 20)],
                         ids=["linepay-control", "cash", "unknown", "int", "none", "long"])
def test_points_of_a_method_the_sale_was_not_paid_by_are_not_booked(server, hand, method, booked):
    """A hostile store PC claims the LINE Pay rule's points on a sale paid by another method (or by a
    method no counter offers, or a payment_method that is no method at all): the server books its own figures."""
    dev = hand
    earns = [{"rule_id": "A-base", "point_type": "bonus", "points": 20, "lot_id": "hand-lot-1"},
             {"rule_id": "LP", "point_type": "bonus", "points": 50, "lot_id": "hand-lot-2"}]
    payload = dev.settlement(amount=1000, earns=earns, payment_method=method)
    ans = dev.push(payload)
    assert ans["status"] in ("accepted", "accepted_with_conflict"), ans
    assert central_earned(server, ans["event_id"]) == booked  # 1 per 50 (+ 1 per 20 only when paid by LINE Pay)
