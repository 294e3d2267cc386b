"""Partial returns of sales paid with stored value, a gift card and cash (issue 15, sections 1 and
5), as properties: over random sales and random sequences of returns, no tender ever gets back more
than it paid, each return's tender parts sum to its refund, a sale returned whole gives each tender
back exactly what it paid; at the counter (a real replica), every account's balance equals its
opening balance plus its value ledger rows, and the refund rows of a sale never exceed its spends."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terminal.domain.returns import VALUE_TENDER, plan_return, tender_amounts, value_refunds
from terminal.storage import value_store
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.returns import ReturnRequest
from terminal.usecases.stored_value import ValueTender
from tests.conftest import card
from tests.stored_value.value_catalog import GIFT, value_catalog

from .test_returns_properties import AT, WINDOW, sale_and_returns

M1 = card("290000000001")


@st.composite
def paid_sale_and_returns(draw):
    sale, steps, left = draw(sale_and_returns())
    wallet = draw(st.integers(0, sale.net))
    gift = draw(st.integers(0, sale.net - wallet))
    tenders = tuple((k, v) for k, v in ((VALUE_TENDER + "SV-M1", wallet), (VALUE_TENDER + "GC-1", gift), ("cash", sale.net - wallet - gift))
                    if v) or (("cash", 0),)
    return dataclasses.replace(sale, tenders=tenders), steps, left


@settings(max_examples=100, deadline=None)
@given(paid_sale_and_returns())
def test_no_tender_gets_back_more_than_it_paid_and_a_whole_return_gives_each_its_own(case):
    sale, steps, left = case
    paid = tender_amounts(sale)
    back = dict.fromkeys(paid, 0)
    for i, step in enumerate(steps):
        plan = plan_return(sale, step, earlier=steps[:i], at=AT + timedelta(days=1), window=WINDOW)
        assert sum(v for _, v in plan.tenders) == plan.refund
        assert all(v > 0 for _, v in plan.tenders)
        for k, v in plan.tenders:
            back[k] += v
            assert back[k] <= paid[k], (k, back, paid)
        assert dict(value_refunds(plan)) == {k.removeprefix(VALUE_TENDER): v for k, v in plan.tenders if k.startswith(VALUE_TENDER)}
    if not any(left.values()):
        assert back == paid


COUNTER = itertools.count()


@st.composite
def counter_case(draw):
    amounts = draw(st.lists(st.integers(1, 400), min_size=1, max_size=4))
    total = sum(amounts)
    wallet = draw(st.integers(0, min(500, total)))
    gift = draw(st.integers(0, total - wallet))
    order = draw(st.permutations(list(range(1, len(amounts) + 1))))
    cut = draw(st.integers(1, len(amounts)))  # returned one line at a time; the first `cut` lines
    return amounts, wallet, gift, order[:cut]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(counter_case())
def test_at_the_counter_balances_equal_ledgers_and_refunds_never_exceed_spends(make_service, case):
    amounts, wallet, gift, returned = case
    svc = make_service(catalog=value_catalog(), name=f"p{next(COUNTER)}.db")
    tenders = tuple(t for t in (ValueTender(wallet, "SV-M1") if wallet else None, ValueTender(gift, GIFT) if gift else None) if t)
    svc.settle(CheckoutRequest("P1", tuple(LineRequest(amount=a, name=f"L{i}") for i, a in enumerate(amounts)), member_code=M1,
                               value_tenders=tenders), cashier_id="C01")
    for n, lid in enumerate(returned):
        r = svc.return_items(ReturnRequest(f"P1-R{n}", "P1", ((lid, 1),), "x"), manager_id="MGR1", pin="9999")
        assert sum(t["amount"] for t in r["tenders"]) == r["refund"]
    conn = svc.replica.conn
    for aid, opening, spent in (("SV-M1", 500, wallet), ("GC-1", 5000, gift)):
        rows = conn.execute("SELECT kind, SUM(amount) FROM value_ledger WHERE account_id = ? GROUP BY kind", (aid,)).fetchall()
        by_kind = dict(rows)
        assert value_store.account(conn, aid).balance == opening + sum(by_kind.values())
        assert -by_kind.get("spend", 0) == spent
        assert 0 <= by_kind.get("refund", 0) <= spent
        if len(returned) == len(amounts):
            assert by_kind.get("refund", 0) == spent
