"""Stored value and gift cards: balances always equal their ledgers, on the terminal and on the server,
over random top-up / spend / void sequences (hypothesis)."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.server.errors import Reject
from sync.server.judge import Put
from sync.server.value_judge import ValueEntry, ValueFacts, judge_value_payments, judge_value_void
from sync.server.value_topup_judge import judge_topup
from terminal.catalog import parse_catalog, to_topup_bonus, to_value_program, ValueProgramIn, TopupBonusIn
from terminal.domain.models import Store
from terminal.domain.reasons import DomainError
from terminal.provisioning.bootstrap import init_replica
from terminal.storage import value_store
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.service import RedemptionService
from terminal.usecases.stored_value import TopupRequest, ValueTender, topup
from tests.conftest import FixedClock, card
from tests.stored_value.value_catalog import GIFT, value_catalog

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
M1 = card("290000000001")
OPENING = {"SV-M1": 500, "GC-1": 5000}
BONUS = ((3000, 400), (1000, 100))  # the catalog's rules, highest threshold first

op = st.one_of(
    st.tuples(st.just("topup"), st.integers(1, 4000)),
    st.tuples(st.just("spend"), st.sampled_from(["SV-M1", "GC-1"]), st.integers(1, 2500)),
    st.tuples(st.just("void"), st.integers(0, 30)),
)


def bonus(amount: int) -> int:
    return next((b for m, b in BONUS if amount >= m), 0)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(op, max_size=14))
def test_terminal_balances_equal_their_ledgers(ops):
    with tempfile.TemporaryDirectory() as d:
        cat = parse_catalog(json.dumps(value_catalog()))
        replica = init_replica(Path(d) / "r.db", cat, store_id="A-001", terminal_id="T1", demo=False)
        svc = RedemptionService(replica, store_id="A-001", terminal_id="T1", clock=FixedClock(AT))
        model = dict(OPENING)
        sales: list[tuple[str, str, int]] = []
        try:
            for i, o in enumerate(ops):
                if o[0] == "topup":
                    topup(svc, TopupRequest(f"TU{i}", o[1], "cash", None, M1), cashier_id="C01")
                    model["SV-M1"] += o[1] + bonus(o[1])
                elif o[0] == "spend":
                    acct, amount = o[1], o[2]
                    tender = ValueTender(amount, None if acct == "SV-M1" else GIFT)
                    req = CheckoutRequest(f"S{i}", (LineRequest(amount=amount, name="x"),), member_code=M1, value_tenders=(tender,))
                    try:
                        svc.settle(req, cashier_id="C01")
                    except DomainError as err:
                        assert amount > model[acct] and err.reason.value == "insufficient_balance"
                        continue
                    model[acct] -= amount
                    sales.append((f"S{i}", acct, amount))
                elif sales:
                    cid, acct, amount = sales.pop(o[1] % len(sales))
                    svc.void(cid, manager_id="MGR1", pin="9999", reason="x")
                    model[acct] += amount
                for acct, opening in OPENING.items():
                    shown = value_store.account(replica.conn, acct).balance
                    ledger = replica.conn.execute("SELECT COALESCE(SUM(amount), 0) FROM value_ledger WHERE account_id = ?",
                                                  (acct,)).fetchone()[0]
                    assert shown == model[acct] == opening + ledger
                    assert shown >= 0
        finally:
            replica.db.conn.close()


# ---- the server's judgement (pure), applied to an in-memory book --------------------------------------
def _facts(accounts: dict[str, dict], limit: int) -> ValueFacts:
    raw = value_catalog()
    return ValueFacts(now=AT, currency="TWD", store=Store("A-001", "A", "A Xinyi"), accounts={k: dict(v) for k, v in accounts.items()},
                      programs={p["id"]: to_value_program(ValueProgramIn.model_validate(p)) for p in raw["value_programs"]},
                      bonuses=tuple(to_topup_bonus(TopupBonusIn.model_validate(b)) for b in raw["topup_bonuses"]),
                      allowances={"stored_value_per_account": limit})


def _env(n: int, type_: str, payload: dict) -> dict:
    return {"event_id": f"e{n}", "store_id": "A-001", "terminal_id": "T1", "type": type_, "payload": payload,
            "occurred_at": AT.isoformat()}


server_op = st.one_of(
    st.tuples(st.just("topup"), st.integers(-100, 30_000), st.integers(0, 2000)),  # amounts and bonuses a hostile PC may claim
    st.tuples(st.just("spend"), st.sampled_from(["SV-M1", "GC-1"]), st.integers(1, 4000)),
    st.tuples(st.just("void"), st.integers(0, 30)),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(server_op, max_size=25), st.integers(0, 2000))
def test_server_balances_equal_their_ledgers_and_stay_within_the_allowance(ops, limit):
    accounts = {"SV-M1": {"account_id": "SV-M1", "program_id": "WALLET", "member_id": "M1", "balance": 500, "status": "active"},
                "GC-1": {"account_id": "GC-1", "program_id": "GIFT", "member_id": None, "balance": 5000, "status": "active"}}
    ledger: list[ValueEntry] = []
    booked_sales: list[tuple[str, list[dict]]] = []

    def apply(verdict) -> list[ValueEntry]:
        rows = [o for o in verdict.ops if isinstance(o, ValueEntry)]
        for o in verdict.ops:
            if isinstance(o, Put) and o.kind == "value_account":
                accounts[o.key] = o.body
        ledger.extend(rows)
        return rows

    for n, o in enumerate(ops):
        vf = _facts(accounts, limit)
        try:
            if o[0] == "topup":
                p = {"topup_id": f"t{n}", "store_id": "A-001", "terminal_id": "T1", "account_id": "SV-M1", "currency": "TWD",
                     "amount": o[1], "tender": "cash", "bonus_value": o[2], "occurred_at": AT.isoformat()}
                if apply(judge_topup(_env(n, "value_topup", p), vf)):
                    assert accounts["SV-M1"]["balance"] <= 50_000  # a top-up never takes the wallet past max_balance
            elif o[0] == "spend":
                from sync.server.judge import Verdict

                aid, amount = o[1], o[2]
                p = {"checkout_id": f"c{n}", "member_id": "M1", "total": amount, "occurred_at": AT.isoformat(),
                     "value_payments": [{"account_id": aid, "program_id": accounts[aid]["program_id"], "kind": "x",
                                         "currency": "TWD", "amount": amount}]}
                rows = apply(_with(judge_value_payments, _env(n, "settlement", p), vf, Verdict()))
                booked_sales.append((f"e{n}", [{"account_id": r.account_id, "program_id": r.program_id, "amount": r.amount,
                                                "kind": r.kind} for r in rows]))
            elif booked_sales:
                from sync.server.judge import Verdict

                _, rows = booked_sales.pop(o[1] % len(booked_sales))
                vf.original_value = rows
                apply(_with(judge_value_void, _env(n, "void", {"checkout_id": "x", "occurred_at": AT.isoformat()}), vf, Verdict()))
        except Reject:
            pass
        for aid, opening in (("SV-M1", 500), ("GC-1", 5000)):
            assert accounts[aid]["balance"] == opening + sum(r.amount for r in ledger if r.account_id == aid)
            assert accounts[aid]["balance"] >= -limit  # an account goes below zero by at most the allowance
    # no top-up of an amount no counter can make was booked
    assert all(0 < r.amount <= 20_000 for r in ledger if r.kind == "topup")


def _with(fn, env, vf, verdict):
    fn(env, vf, verdict)
    return verdict
