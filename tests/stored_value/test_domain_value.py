"""terminal/domain/stored_value.py on its own: tenders, bonus choice, refusals, the refund share hook."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from terminal.domain.models import Member, Store
from terminal.domain.reasons import DomainError, Reason
from terminal.domain.stored_value import (TopupBonus, ValueAccount, ValueProgram, plan_tenders, plan_topup,
                                          topup_bonus)

AT = datetime(2026, 11, 20, 4, tzinfo=timezone.utc)
A = Store("A-001", "A", "A Xinyi")
GIFT = ValueProgram("GIFT", "Gift card", "gift_card", "TWD")
WALLET = ValueProgram("W", "Stored value", "wallet", "TWD", max_balance=10_000, max_topup=5_000)
M1 = Member("M1", "x", "normal")


def test_a_gift_card_worth_5000_pays_320_and_keeps_4680():
    plan = plan_tenders(320, [(ValueAccount("GC", "GIFT", 5000), GIFT, 320)], store=A, member=None, currency="TWD", at=AT)
    assert (plan.value_paid, plan.rest, plan.spends[0].balance_after) == (320, 0, 4680)


def test_split_rest_in_cash():
    plan = plan_tenders(1000, [(ValueAccount("W1", "W", 400, "M1"), WALLET, 400), (ValueAccount("GC", "GIFT", 5000), GIFT, 450)],
                        store=A, member=M1, currency="TWD", at=AT)
    assert ([s.balance_after for s in plan.spends], plan.rest) == ([0, 4550], 150)


def test_bonus_is_the_highest_threshold_reached_never_summed():
    rules = (TopupBonus("B1", "W", 1000, 100), TopupBonus("B3", "W", 3000, 400),
             TopupBonus("OLD", "W", 500, 999, valid_until=datetime(2026, 1, 1, tzinfo=timezone.utc)))
    assert topup_bonus(rules, program_id="W", amount=999, at=AT) is None
    assert topup_bonus(rules, program_id="W", amount=1000, at=AT).id == "B1"
    assert topup_bonus(rules, program_id="W", amount=3500, at=AT).id == "B3"
    plan = plan_topup(ValueAccount("W1", "W", 500, "M1"), WALLET, amount=1000, bonuses=rules, store=A, member=M1, currency="TWD", at=AT)
    assert (plan.bonus_value, plan.balance_after, plan.bonus_rule_id) == (100, 1600, "B1")


@pytest.mark.parametrize("account,program,amount,reason", [
    (ValueAccount("GC", "GIFT", 100), GIFT, 101, Reason.INSUFFICIENT_BALANCE),
    (ValueAccount("GC", "GIFT", 100, valid_until=AT), GIFT, 10, Reason.EXPIRED),
    (ValueAccount("GC", "GIFT", 100, valid_from=datetime(2027, 1, 1, tzinfo=timezone.utc)), GIFT, 10, Reason.NOT_YET_VALID),
    (ValueAccount("GC", "GIFT", 100, status="blocked"), GIFT, 10, Reason.VOIDED),
    (ValueAccount("GC", "GB", 100), ValueProgram("GB", "B card", "gift_card", "TWD", frozenset({"B"})), 10, Reason.WRONG_BRAND),
    (ValueAccount("GC", "GU", 100), ValueProgram("GU", "USD card", "gift_card", "USD"), 10, Reason.CURRENCY_MISMATCH),
    (ValueAccount("W2", "W", 100, "M2"), WALLET, 10, Reason.WRONG_MEMBER),
    (ValueAccount("GC", "GIFT", 100), GIFT, 0, Reason.INVALID_AMOUNT),
    (ValueAccount("GC", "GIFT", 100), GIFT, True, Reason.INVALID_AMOUNT),
])
def test_refusal_reasons(account, program, amount, reason):
    with pytest.raises(DomainError) as err:
        plan_tenders(1000, [(account, program, amount)], store=A, member=M1, currency="TWD", at=AT)
    assert err.value.reason == reason


def test_topup_limits():
    with pytest.raises(DomainError) as err:
        plan_topup(ValueAccount("W1", "W", 6000, "M1"), WALLET, amount=4500, bonuses=(), store=A, member=M1, currency="TWD", at=AT)
    assert err.value.reason == Reason.INVALID_AMOUNT and err.value.details["max_balance"] == 10_000
    with pytest.raises(DomainError) as err:
        plan_topup(ValueAccount("W1", "W", 0, "M1"), WALLET, amount=5001, bonuses=(), store=A, member=M1, currency="TWD", at=AT)
    assert err.value.details["max_topup"] == 5000


