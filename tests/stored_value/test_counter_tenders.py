"""Paying at the counter (issue 17 §4.4, terminal/usecases/counter/_tenders.py): the payment method
for the rest (earn rules scoped by payment method show in the preview), stored value and gift card
payments (keyed, scanned, signed), split tender, remainder, removing a payment, refusals that change
and write nothing. Exact figures; the server's side is tests/sync/test_counter_tenders_server.py."""

from __future__ import annotations

import json

import pytest

from terminal.catalog import CatalogError, parse_catalog
from terminal.storage import value_store
from terminal.usecases import payment_methods
from terminal.usecases.counter import Counter
from tests.conftest import card, tpe
from tests.stored_value.test_value_gaps import signed_gift
from tests.stored_value.value_catalog import GIFT, GIFT_B, GIFT_LOW, GIFT_OLD, GIFT_USD, value_catalog

M1 = card("290000000001")
M2 = card("290000000002")
LATTE = card("471000000001")
AT = tpe(2026, 11, 20, 12)
LINEPAY_RULE = {"id": "LP", "name": "LINE Pay: 1 per 20", "point_type": "bonus", "kind": "per_spend", "every": 20, "points": 1,
                "scope": {"payment_methods": ["linepay"]}, "group": "payment"}


def tender_catalog() -> dict:
    cat = value_catalog()
    cat["earn_rules"].append(LINEPAY_RULE)
    return cat


@pytest.fixture
def svc(make_service):
    return make_service(catalog=tender_catalog())


@pytest.fixture
def counter(svc):
    c = Counter(svc)
    assert c.login("C01", "1234").cashier is not None
    return c


def balance(svc, account_id: str) -> int:
    return value_store.account(svc.replica.conn, account_id).balance


def rows(svc) -> tuple[int, int, int]:
    conn = svc.replica.conn
    return tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("outbox", "value_ledger", "settlements"))


def test_the_methods_offered_are_the_catalogs_then_the_earn_rules_own(svc, make_service):
    assert payment_methods.available(svc) == ("cash", "card", "linepay")
    cat = tender_catalog()
    cat["payment_methods"] = ["card", "jkopay"]
    other = make_service(catalog=cat, name="other.db")
    assert payment_methods.available(other) == ("card", "jkopay", "linepay")
    assert Counter(other).view().payment_method == "card"  # the first one is the default
    cat["payment_methods"] = ["cash", "cash"]
    with pytest.raises(CatalogError, match="payment_methods: each method once"):
        parse_catalog(json.dumps(cat))
    cat["payment_methods"] = []
    with pytest.raises(CatalogError):
        parse_catalog(json.dumps(cat))


def test_the_payment_method_changes_the_points_to_earn_and_is_settled(counter, svc):
    counter.scan(M1, AT)
    v = counter.scan(LATTE, AT)  # 120: 1 per 50 (A-base) = 2
    assert v.payment_method == "cash" and v.payment_methods == ("cash", "card", "linepay")
    cash_points = v.preview.points_earned["bonus"]
    v = counter.set_payment_method("linepay", AT)
    assert v.notice.level == "ok" and v.notice.event == "payment_method" and v.payment_method == "linepay"
    assert v.preview.points_earned["bonus"] == cash_points + 120 // 20
    assert any(e.rule_id == "LP" and e.points == 6 for e in v.preview.earns)
    assert v.remaining_due == 120
    v = counter.set_payment_method("bitcoin", AT)
    assert v.notice.reason == "invalid_request" and v.payment_method == "linepay"  # refused: unchanged
    v = counter.settle(AT)
    assert v.receipt["points_earned"]["bonus"] == cash_points + 6
    assert v.receipt["payments"] == [{"method": "linepay", "amount": 120}]
    payload = json.loads(svc.replica.conn.execute("SELECT payload FROM outbox ORDER BY terminal_seq DESC").fetchone()[0])
    assert payload["payment_method"] == "linepay" and "value_payments" not in payload
    assert counter.scan(LATTE, AT).payment_method == "cash"  # the next sale starts over


def test_wallet_and_gift_card_split_tender_the_rest_by_card(counter, svc):
    counter.scan(M1, AT)
    counter.add_amount(1000, "Gift box", AT)
    v = counter.add_stored_value(at=AT)  # default: all the wallet holds (500), less than what is due
    assert v.notice.level == "ok" and v.notice.event == "tender"
    assert [(t.kind, t.account, t.amount, t.balance_after) for t in v.tenders] == [("wallet", "****V-M1", 500, 0)]
    assert v.remaining_due == 500
    v = counter.add_gift_card(GIFT, 300, AT)
    assert [(t.kind, t.account, t.amount, t.balance_after) for t in v.tenders][1] == ("gift_card", "****GC-1", 300, 4700)
    assert v.remaining_due == 200 and v.preview.total == 1000  # a payment, not a discount
    v = counter.set_payment_method("card", AT)
    assert v.remaining_due == 200 and len(v.tenders) == 2
    v = counter.settle(AT)
    assert v.state == "settled"
    assert v.receipt["payments"] == [
        {"method": "wallet", "account_id": "SV-M1", "amount": 500, "currency": "TWD", "balance_after": 0},
        {"method": "gift_card", "account_id": "GC-1", "amount": 300, "currency": "TWD", "balance_after": 4700},
        {"method": "card", "amount": 200}]
    assert v.receipt["points_earned"]["bonus"] == 1000 // 50  # earned on the full amount
    assert balance(svc, "SV-M1") == 0 and balance(svc, "GC-1") == 4700


def test_a_gift_card_pays_the_whole_total_by_default_and_scanning_it_adds_it(counter, svc):
    counter.scan(LATTE, AT)
    v = counter.scan(GIFT, AT)  # the number scanned into the scan field: a payment, not "unknown code"
    assert v.notice.level == "ok" and v.notice.event == "tender" and v.notice.details["balance_after"] == 4880
    assert [(t.amount, t.balance_after) for t in v.tenders] == [(120, 4880)] and v.remaining_due == 0
    assert v.lines[0].quantity == 1 and not v.coupons
    signed = signed_gift("GC-LOW")  # 100 on it: pays 100 of 240 once the second latte is in
    counter.remove_tender(0, AT)
    counter.scan(LATTE, AT)
    v = counter.scan(signed, AT)
    assert v.notice.level == "ok" and [(t.account, t.amount, t.balance_after) for t in v.tenders] == [("****-LOW", 100, 0)]
    assert v.remaining_due == 140
    v = counter.settle(AT)
    payload = json.loads(svc.replica.conn.execute("SELECT payload FROM outbox ORDER BY terminal_seq DESC").fetchone()[0])
    assert payload["value_payments"][0]["code"] == signed  # the server verifies the signed code again
    assert balance(svc, "GC-LOW") == 0 and v.receipt["payments"][-1] == {"method": "cash", "amount": 140}


def test_the_total_drops_later_tenders_pay_less_and_get_it_back(counter):
    counter.scan(M1, AT)
    counter.scan(LATTE, AT)
    counter.scan(LATTE, AT)  # 240
    counter.add_stored_value(200, AT)
    v = counter.add_gift_card(GIFT, at=AT)  # default: the 40 left
    assert [t.amount for t in v.tenders] == [200, 40] and v.remaining_due == 0
    v = counter.set_quantity(0, 1, AT)  # 120 now
    assert [(t.requested, t.amount) for t in v.tenders] == [(200, 120), (40, 0)] and v.remaining_due == 0
    assert [t.amount for t in counter.request().value_tenders] == [120]  # the card left out of the sale
    v = counter.set_quantity(0, 3, AT)  # 360: each asks what it asked again
    assert [t.amount for t in v.tenders] == [200, 40] and v.remaining_due == 120
    v = counter.set_tender_amount(1, 100, AT)
    assert [t.amount for t in v.tenders] == [200, 100] and v.remaining_due == 60
    v = counter.set_quantity(0, 1, AT)  # 120 again: the wallet pays all, the card nothing
    v = counter.set_tender_amount(1, 20, AT)  # the card asks 20: the wallet (added first) still asks 200 of 120
    assert v.notice.reason == "tender_exceeds_total" and [t.amount for t in v.tenders] == [120, 0]
    v = counter.set_tender_amount(0, 50, AT)  # the wallet asks less: changed at once, the card pays what it asked
    assert v.notice.level == "ok" and [t.amount for t in v.tenders] == [50, 70] and v.remaining_due == 0
    v = counter.set_tender_amount(1, 0, AT)
    assert v.notice.reason == "invalid_amount" and [t.amount for t in v.tenders] == [50, 70]
    v = counter.set_quantity(0, 3, AT)  # 360
    assert [t.amount for t in v.tenders] == [50, 100] and v.remaining_due == 210
    v = counter.remove_tender(0, AT)
    assert v.notice.event == "tender_removed" and [t.account for t in v.tenders] == ["****GC-1"] and v.remaining_due == 260
    v = counter.remove_member(AT)  # a wallet payment would leave with its member; the gift card stays
    assert len(v.tenders) == 1


def test_a_wallet_leaves_with_its_member(counter):
    counter.scan(M1, AT)
    counter.scan(LATTE, AT)
    assert len(counter.add_stored_value(at=AT).tenders) == 1
    v = counter.remove_member(AT)
    assert v.tenders == () and v.remaining_due == 120 and v.tender_error is None


@pytest.mark.parametrize("code,amount,reason", [
    (GIFT_LOW, 101, "insufficient_balance"),
    (GIFT_OLD, None, "expired"),
    (GIFT_USD, None, "currency_mismatch"),
    (GIFT_B, None, "wrong_brand"),
    ("GC-1", None, "malformed"),  # a gift card's account id is not payable: its number or signed code only
    (card("770000000099"), None, "unknown"),
    (GIFT, 0, "invalid_amount"),
    (GIFT, 121, "tender_exceeds_total"),
], ids=["insufficient", "expired", "currency", "brand", "account-id", "unknown", "zero", "over-total"])
def test_refusals_add_nothing_and_write_nothing(counter, svc, code, amount, reason):
    counter.scan(LATTE, AT)
    before = rows(svc)
    v = counter.add_gift_card(code, amount, AT)
    assert v.notice.level == "error" and v.notice.reason == reason, v.notice
    assert v.tenders == () and v.remaining_due == 120 and v.tender_error is None
    assert rows(svc) == before
    v = counter.settle(AT)  # the sale itself still settles, all by the payment method
    assert v.receipt["payments"] == [{"method": "cash", "amount": 120}]


def test_wallet_refusals(counter, svc):
    counter.scan(LATTE, AT)
    v = counter.add_stored_value(at=AT)
    assert v.notice.reason == "member_required" and v.tenders == ()
    counter.scan(M2, AT)  # M2's wallet holds 0
    v = counter.add_stored_value(at=AT)
    assert v.notice.reason == "insufficient_balance" and v.tenders == ()
    counter.remove_member(AT)
    counter.scan(M1, AT)
    counter.add_stored_value(100, AT)
    v = counter.add_stored_value(at=AT)
    assert v.notice.reason == "already_in_checkout" and len(v.tenders) == 1
    v = counter.set_tender_amount(0, 600, AT)  # more than its balance (500): refused, it keeps asking 100
    assert v.notice.reason == "insufficient_balance" and v.tenders[0].amount == 100
    counter.add_gift_card(GIFT, at=AT)  # the other 20
    v = counter.add_gift_card(GIFT_LOW, at=AT)
    assert v.notice.reason == "tender_exceeds_total" and len(v.tenders) == 2  # nothing left to pay
    assert rows(svc) == (0, 0, 0)


def test_without_items_a_scanned_gift_card_says_scan_the_items_first(counter, svc):
    v = counter.scan(GIFT, AT)
    assert v.notice.reason == "tender_exceeds_total" and v.tenders == () and not v.lines
    assert counter.scan("12345678", AT).notice.reason in ("malformed", "bad_check_digit", "unknown")  # not a gift card either


def test_settled_then_a_gift_card_scan_starts_the_next_sale(counter):
    counter.scan(LATTE, AT)
    counter.add_gift_card(GIFT, at=AT)
    assert counter.settle(AT).state == "settled"
    v = counter.add_gift_card(GIFT, at=AT)  # not accepted in SETTLED: the receipt stands
    assert v.state == "settled" and v.receipt is not None


def test_locked_counter_refuses_tenders(svc):
    c = Counter(svc)
    v = c.set_payment_method("card", AT)
    assert v.notice.reason == "not_authorized"
    assert c.add_gift_card(GIFT, at=AT).notice.reason == "not_authorized"


def test_offline_the_stored_value_allowance_bounds_the_tenders_a_manager_may_approve_within_the_ceiling(counter, svc):
    """The server's grant: 1000 per account unsynced, a manager may approve up to 4500. Beyond the grant
    the settle asks for a manager; beyond the ceiling even a manager cannot; refusals write nothing."""
    from sync.allowances import OfflineAllowances

    grant = {"stored_voucher_uses": 0, "points_per_member": 0, "unreplicated_coupon_max_age_hours": 0,
             "stored_value_per_account": 1000, "override_stored_value_per_account": 4500}
    with svc.replica.conn:
        svc.replica.conn.execute("INSERT INTO sync_allowances (id, body, granted_at, valid_until) VALUES (1, ?, ?, ?)",
                                 (json.dumps(grant), AT.isoformat(), AT.replace(year=2027).isoformat()))
    svc.allowances = OfflineAllowances()
    approval = {"manager_id": "MGR1", "pin": "9999", "reason": "regular customer"}
    counter.add_amount(6000, "Hamper", AT)
    counter.add_gift_card(GIFT, at=AT)  # 5000 of the 6000
    v = counter.settle(AT)
    assert v.state != "settled" and v.notice.reason == "offline_allowance_exceeded"
    assert [x["kind"] for x in v.notice.details["allowance_exceeded"]] == ["stored_value_per_account"]
    assert rows(svc) == (0, 0, 0) and len(v.tenders) == 1  # the payment stays for the manager's approval
    v = counter.settle(AT, override=approval)  # 5000 > 4500: not even a manager
    assert v.state != "settled" and v.notice.details.get("beyond_override") and rows(svc) == (0, 0, 0)
    v = counter.set_tender_amount(0, 4000, AT)
    v = counter.settle(AT, override=approval)
    assert v.state == "settled" and v.receipt["payments"][0]["amount"] == 4000 and balance(svc, "GC-1") == 1000
    assert ("allowance_override",) in svc.replica.conn.execute("SELECT action FROM audit_log").fetchall()
    counter.new_checkout()
    counter.scan(LATTE, AT)
    counter.scan(M1, AT)
    counter.add_stored_value(at=AT)  # 120 of the wallet: within the grant, no manager
    v = counter.settle(AT)
    assert v.state == "settled" and balance(svc, "SV-M1") == 380


def test_the_service_refuses_a_method_not_offered_for_preview_and_settle(svc):
    """The CLI's --payment and any other front end: the same check, nothing written."""
    from terminal.domain.reasons import DomainError
    from terminal.usecases.checkout import CheckoutRequest, LineRequest

    for method in ("bitcoin", "", "CASH", "linepay " * 20):
        req = CheckoutRequest(f"PM-{len(method)}", (LineRequest(sku="LATTE"),), payment_method=method)
        with pytest.raises(DomainError) as err:
            svc.preview(req)
        assert err.value.reason.value == "invalid_request" and err.value.details["field"] == "payment_method"
        with pytest.raises(DomainError):
            svc.settle(req, cashier_id="C01")
    assert rows(svc) == (0, 0, 0)
    r = svc.settle(CheckoutRequest("PM-OK", (LineRequest(sku="LATTE"),), payment_method="linepay"), cashier_id="C01")
    assert r["payments"] == [{"method": "linepay", "amount": 120}]


def test_a_replica_holds_only_a_list_the_catalog_could_have_held(svc):
    with svc.replica.conn:
        svc.replica.conn.execute("UPDATE meta SET value = ? WHERE key = 'payment_methods'", (json.dumps(["cash", 7, "x" * 99]),))
    assert payment_methods.available(svc) == ("cash", "card", "linepay")  # the default, then the earn rules' own
