"""Stored value and gift cards at the counter: top-up with bonus, payment (a tender, not a
discount), split payments, partial use across sales, void, refusal reasons; exact figures."""

from __future__ import annotations

import pytest

from terminal.domain.reasons import DomainError, Reason
from terminal.storage import value_store
from terminal.usecases import stored_value as sv
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.stored_value import TopupRequest, ValueTender
from tests.conftest import card
from tests.stored_value.value_catalog import GIFT, GIFT_B, GIFT_LOW, GIFT_OLD, GIFT_USD, value_catalog

M1 = card("290000000001")
M2 = card("290000000002")


@pytest.fixture
def svc(make_service):
    return make_service(catalog=value_catalog())


def balance(svc, account_id: str) -> int:
    return value_store.account(svc.replica.conn, account_id).balance


def sale(svc, cid, lines, *, tenders=(), member=None, payment_method="cash"):
    req = CheckoutRequest(cid, tuple(lines), member_code=member, value_tenders=tuple(tenders), payment_method=payment_method)
    return svc.settle(req, cashier_id="C01")


def test_gift_card_of_5000_pays_a_320_item_and_keeps_4680_then_pays_again(svc):
    r = sale(svc, "S1", [LineRequest(amount=320, name="Cake")], tenders=[ValueTender(320, GIFT)])
    assert r["total"] == 320 and r["rest_due"] == 0 and r["value_paid"] == 320
    assert r["payments"] == [{"method": "gift_card", "account_id": "GC-1", "amount": 320, "currency": "TWD", "balance_after": 4680}]
    assert balance(svc, "GC-1") == 4680
    r2 = sale(svc, "S2", [LineRequest(sku="LATTE")], tenders=[ValueTender(120, GIFT)])
    assert r2["payments"][0]["balance_after"] == 4560 and balance(svc, "GC-1") == 4560


def test_a_gift_card_is_not_paid_by_its_account_id_nor_a_wallet_without_its_members_card(svc):
    """A bearer card is its number or signed code: anybody at a counter could type an account id
    ("GC-1") and spend a card they do not hold. A wallet by its account id needs its member's card."""
    before = svc.replica.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    with pytest.raises(DomainError) as err:
        sale(svc, "S3", [LineRequest(sku="LATTE")], tenders=[ValueTender(120, "GC-1")])
    assert err.value.reason is Reason.MALFORMED and "number printed on the card" in str(err.value)
    with pytest.raises(DomainError) as err:
        sale(svc, "S4", [LineRequest(sku="LATTE")], tenders=[ValueTender(120, "SV-M1")])
    assert err.value.reason in (Reason.MEMBER_REQUIRED, Reason.WRONG_MEMBER)
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == before
    assert balance(svc, "GC-1") == 5000 and balance(svc, "SV-M1") == 500


def test_split_payment_earns_points_on_the_full_amount(svc):
    lines = [LineRequest(sku="LATTE"), LineRequest(sku="CROISSANT")]  # 120 + 60 = 180
    plain = svc.preview(CheckoutRequest("P", tuple(lines), member_code=M1))
    r = sale(svc, "S1", lines, member=M1, tenders=[ValueTender(100)])
    assert r["total"] == 180 and r["coupon_discount"] == 0 and r["points_discount"] == 0
    assert r["points_earned"] == plain.points_earned == {"bonus": 3}  # 180 // 50 = 3: stored value is a payment
    assert r["payments"] == [{"method": "wallet", "account_id": "SV-M1", "amount": 100, "currency": "TWD", "balance_after": 400},
                             {"method": "cash", "amount": 80}]
    assert r["rest_due"] == 80 and balance(svc, "SV-M1") == 400
    # a gift card and the wallet together, the rest by card
    r2 = sale(svc, "S2", [LineRequest(amount=1000, name="Gift box")], member=M1, payment_method="card",
              tenders=[ValueTender(400), ValueTender(450, GIFT)])
    assert [p["amount"] for p in r2["payments"]] == [400, 450, 150] and r2["payments"][2]["method"] == "card"
    assert balance(svc, "SV-M1") == 0 and balance(svc, "GC-1") == 4550


def test_topup_with_bonus_and_receipt_balance(svc):
    r = svc_topup(svc, "TU1", 1000, member=M1)
    assert (r["amount"], r["bonus_value"], r["bonus_rule_id"]) == (1000, 100, "TOP-1000")
    assert (r["balance_before"], r["balance_after"]) == (500, 1600) and balance(svc, "SV-M1") == 1600
    r = svc_topup(svc, "TU2", 3500, member=M1, tender="card")  # the highest threshold reached: 400, never 100 + 400
    assert (r["bonus_value"], r["balance_after"]) == (400, 5500)
    r = svc_topup(svc, "TU3", 999, member=M1)
    assert (r["bonus_value"], r["balance_after"]) == (0, 6499)
    assert svc_topup(svc, "TU3", 999, member=M1)["replayed"] is True and balance(svc, "SV-M1") == 6499
    ev = svc.replica.outbox_events()[-1]
    assert ev["type"] == "value_topup"


def svc_topup(svc, tid, amount, *, member=None, account=None, tender="cash"):
    return sv.topup(svc, TopupRequest(tid, amount, tender, account, member), cashier_id="C01")


def test_void_puts_the_value_back_exactly(svc):
    sale(svc, "S1", [LineRequest(amount=320, name="Cake")], tenders=[ValueTender(300, GIFT)])
    sale(svc, "S2", [LineRequest(sku="LATTE")], member=M1, tenders=[ValueTender(120)])
    assert (balance(svc, "GC-1"), balance(svc, "SV-M1")) == (4700, 380)
    v = svc.void("S1", manager_id="MGR1", pin="9999", reason="customer changed mind")
    assert v["value"] == [{"account_id": "GC-1", "kind": "void_spend", "amount": 300}]
    assert balance(svc, "GC-1") == 5000 and balance(svc, "SV-M1") == 380
    svc.void("S2", manager_id="MGR1", pin="9999", reason="wrong item")
    assert balance(svc, "SV-M1") == 500


@pytest.mark.parametrize("tenders,member,reason", [
    ([ValueTender(120, GIFT_LOW)], None, Reason.INSUFFICIENT_BALANCE),
    ([ValueTender(120, GIFT_OLD)], None, Reason.EXPIRED),
    ([ValueTender(120, GIFT_B)], None, Reason.WRONG_BRAND),
    ([ValueTender(120, GIFT_USD)], None, Reason.CURRENCY_MISMATCH),
    ([ValueTender(120)], None, Reason.MEMBER_REQUIRED),
    ([ValueTender(600)], M1, Reason.TENDER_EXCEEDS_TOTAL),  # wallet 500 < 600 is checked first
    ([ValueTender(121, GIFT)], None, Reason.TENDER_EXCEEDS_TOTAL),
    ([ValueTender(0, GIFT)], None, Reason.INVALID_AMOUNT),
    ([ValueTender(-5, GIFT)], None, Reason.INVALID_AMOUNT),
    ([ValueTender(60, GIFT), ValueTender(60, GIFT)], None, Reason.ALREADY_IN_CHECKOUT),
    ([ValueTender(10, card("770000000099"))], None, Reason.UNKNOWN),
    ([ValueTender(10, "770000000098")], None, Reason.BAD_CHECK_DIGIT),
    ([ValueTender(10, "SV-M1")], M2, Reason.WRONG_MEMBER),  # another member's wallet
])
def test_refusals_name_the_reason_and_write_nothing(svc, tenders, member, reason):
    before = svc.replica.outbox_stats()
    with pytest.raises(DomainError) as err:
        sale(svc, "S1", [LineRequest(sku="LATTE")], tenders=tenders, member=member)
    expected = Reason.INSUFFICIENT_BALANCE if tenders[0].amount == 600 else reason
    assert err.value.reason == expected
    assert svc.replica.outbox_stats() == before and svc.replica.settlement("S1") is None
    assert balance(svc, "GC-1") == 5000 and balance(svc, "SV-M1") == 500


@pytest.mark.parametrize("kw,reason", [
    (dict(amount=0, member=M1), Reason.INVALID_AMOUNT),
    (dict(amount=20_001, member=M1), Reason.INVALID_AMOUNT),  # beyond max_topup
    (dict(amount=100, account=GIFT), Reason.INVALID_AMOUNT),  # the gift card program takes no top-ups
    (dict(amount=100, account=GIFT_B), Reason.WRONG_BRAND),
    (dict(amount=100, account=GIFT_OLD), Reason.EXPIRED),
    (dict(amount=100), Reason.MEMBER_REQUIRED),
])
def test_topup_refusals(svc, kw, reason):
    with pytest.raises(DomainError) as err:
        svc_topup(svc, "TU-x", **kw)
    assert err.value.reason == reason
    assert svc.replica.outbox_stats()["pending"] == 0
    assert balance(svc, "SV-M1") == 500


def test_topup_beyond_max_balance_refused(svc):
    svc_topup(svc, "TU1", 20_000, member=M1)  # 500 + 20000 + 400 = 20900
    svc_topup(svc, "TU2", 20_000, member=M1)  # 41300
    with pytest.raises(DomainError) as err:
        svc_topup(svc, "TU3", 9_000, member=M1)  # 41300 + 9000 + 400 > 50000
    assert err.value.reason == Reason.INVALID_AMOUNT and "50000" in err.value.message


def test_settlement_payload_carries_the_payments(svc):
    sale(svc, "S1", [LineRequest(amount=320, name="Cake")], tenders=[ValueTender(320, GIFT)])
    ev = svc.replica.outbox_events()[-1]
    import json

    payload = ev["payload"]
    assert payload["value_payments"] == [{"account_id": "GC-1", "program_id": "GIFT", "kind": "gift_card", "currency": "TWD",
                                          "amount": 320}]
    assert "4680" not in json.dumps(payload)  # the balance is a terminal's view; the server judges on its own


def test_a_sale_without_tenders_hashes_as_before(svc):
    req = CheckoutRequest("X", (LineRequest(sku="LATTE"),))
    import dataclasses
    import hashlib

    from terminal.domain.events import canonical_json

    body = dataclasses.asdict(req)
    body.pop("expected_total")
    body.pop("value_tenders")
    body.pop("referral_code")  # absent, as before referrals (issue 16)
    assert req.fingerprint() == hashlib.sha256(canonical_json(body).encode()).hexdigest()


def test_a_topup_void_takes_back_the_topup_and_its_bonus_exactly(svc):
    svc_topup(svc, "TU1", 1000, member=M1)
    assert balance(svc, "SV-M1") == 1600
    v = sv.void_topup(svc, "TU1", manager_id="MGR1", pin="9999", reason="wrong amount")
    assert v["value"] == [{"account_id": "SV-M1", "kind": "void_topup", "amount": -1000},
                          {"account_id": "SV-M1", "kind": "void_bonus", "amount": -100}]
    assert balance(svc, "SV-M1") == 500
    with pytest.raises(DomainError) as err:
        sv.void_topup(svc, "TU1", manager_id="MGR1", pin="9999", reason="again")
    assert err.value.reason == Reason.ALREADY_VOIDED
    assert svc.replica.outbox_events()[-1]["type"] == "value_topup_void"


def test_a_topup_already_spent_cannot_be_voided(svc):
    svc_topup(svc, "TU1", 1000, member=M1)  # 500 -> 1600
    sale(svc, "S1", [LineRequest(amount=700, name="x")], member=M1, tenders=[ValueTender(700)])  # 900 left
    with pytest.raises(DomainError) as err:
        sv.void_topup(svc, "TU1", manager_id="MGR1", pin="9999", reason="x")
    assert err.value.reason == Reason.INSUFFICIENT_BALANCE and balance(svc, "SV-M1") == 900
    with pytest.raises(DomainError) as err:
        sv.void_topup(svc, "TU1", manager_id="C01", pin="1234", reason="x")  # a cashier
    assert err.value.reason in (Reason.NOT_AUTHORIZED, Reason.BAD_PIN)
