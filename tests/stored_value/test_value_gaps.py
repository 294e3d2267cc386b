"""Issue 15 gaps: a top-up bonus in points, gift cards by signed code, validity of gift cards and
wallets, brand scope. Exact figures; the server's side is tests/sync/test_value_gaps_server.py."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.catalog import CatalogError, parse_catalog
from terminal.domain import codes
from terminal.domain.models import Member, Store
from terminal.domain.reasons import DomainError, Reason
from terminal.domain.stored_value import (TopupBonus, ValueAccount, ValueProgram, extended_until, issued_until, plan_topup,
                                          topup_bonus)
from terminal.infra.crypto import Signer
from terminal.storage import value_store
from terminal.usecases import stored_value as sv
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.reports import daily_report
from terminal.usecases.stored_value import TopupRequest, ValueTender
from tests.conftest import SIGNER, card
from tests.stored_value.value_catalog import GIFT, GIFT_B, GIFT_Y, GIFT_Y_OLD, gaps_catalog

M2 = card("290000000002")
AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)


@pytest.fixture
def svc(make_service):
    return make_service(catalog=gaps_catalog())


def points(svc, member_code: str) -> int:
    return svc.scan(member_code).member.balances.get("bonus", 0)


def signed_gift(account_id: str, program: str = "GIFT", key_id: int = 1, signer: Signer = SIGNER) -> str:
    return codes.encode_signed("G", key_id, codes.gift_card_fields(account_id, program, date(2026, 11, 1)), signer.sign)


# ---- 1. top-up bonus in points ----------------------------------------------------------------------
@pytest.mark.parametrize("bonus,path", [
    ({"min_topup": 1000}, "topup_bonuses[0].bonus_value: give bonus_value (minor units) or bonus_points"),
    ({"min_topup": 1000, "bonus_value": 100, "bonus_points": 50, "point_type": "bonus"}, "topup_bonuses[0].bonus_points: give "
     "bonus_value or bonus_points, not both"),
    ({"min_topup": 1000, "bonus_points": 50}, "topup_bonuses[0].point_type: a bonus_points rule names its point type"),
    ({"min_topup": 1000, "bonus_points": 50, "point_type": "nope"}, "topup_bonuses[0].point_type: unknown point type 'nope'"),
    ({"min_topup": 1000, "bonus_value": 100, "point_type": "bonus"}, "topup_bonuses[0].point_type: only a bonus_points rule"),
    ({"program": "GIFT-B", "min_topup": 1000, "bonus_points": 50, "point_type": "bonus"},
     "topup_bonuses[0].bonus_points: 'GIFT-B' is a gift card (a bearer card, no member): it cannot earn points"),
])
def test_the_catalog_refuses_a_bonus_of_neither_both_or_points_on_a_gift_card(bonus, path):
    cat = gaps_catalog()
    cat["topup_bonuses"] = [{"id": "X", "program": "WALLET", **bonus}]
    with pytest.raises(CatalogError) as err:
        parse_catalog(json.dumps(cat))
    assert any(p.startswith(path) for p in err.value.problems), err.value.problems


def test_the_highest_threshold_met_wins_whatever_its_kind():
    rules = (TopupBonus("TOP-PTS", "W", 1000, 0, bonus_points=50, point_type="bonus"), TopupBonus("TOP-3000", "W", 3000, 400))
    assert topup_bonus(rules, program_id="W", amount=999, at=AT) is None
    assert topup_bonus(rules, program_id="W", amount=1000, at=AT).id == "TOP-PTS"
    assert topup_bonus(rules, program_id="W", amount=2999, at=AT).id == "TOP-PTS"
    assert topup_bonus(rules, program_id="W", amount=3500, at=AT).id == "TOP-3000"
    wallet = ValueProgram("W", "Wallet", "wallet", "TWD")
    store, m1 = Store("A-001", "A", "A"), Member("M1", "", "")
    plan = plan_topup(ValueAccount("W1", "W", 0, "M1"), wallet, amount=3500, bonuses=rules, store=store, member=m1, currency="TWD", at=AT)
    assert (plan.bonus_value, plan.bonus_points, plan.balance_after) == (400, 0, 3900)  # 400 value only, no points
    plan = plan_topup(ValueAccount("W1", "W", 0, "M1"), wallet, amount=1000, bonuses=rules, store=store, member=m1, currency="TWD", at=AT)
    assert (plan.bonus_value, plan.bonus_points, plan.point_type, plan.balance_after) == (0, 50, "bonus", 1000)
    gift = ValueProgram("W", "Card", "gift_card", "TWD")  # a bearer card earns no points, whatever the rules say
    plan = plan_topup(ValueAccount("G1", "W", 0), gift, amount=1000, bonuses=rules, store=store, member=None, currency="TWD", at=AT)
    assert plan.bonus_points == 0


def test_topup_of_1000_books_50_points_on_a_lot_expiring_with_the_point_type(svc):
    assert points(svc, M2) == 0
    r = sv.topup(svc, TopupRequest("TP1", 1000, "cash", None, M2), cashier_id="C01")
    assert (r["bonus_value"], r["bonus_points"], r["point_type"], r["bonus_rule_id"]) == (0, 50, "bonus", "TOP-PTS")
    assert r["points_lot_id"] == f"topup/{r['event_id']}"
    # the bonus point type's validity_days, at the end of the local day, as points earned at the counter
    assert r["points_expire_at"] == "2027-11-21T00:00:00+08:00"
    assert (r["balance_before"], r["balance_after"]) == (0, 1000)
    assert points(svc, M2) == 50
    ev = svc.replica.outbox_events()[-1]["payload"]
    assert (ev["bonus_points"], ev["point_type"], ev["bonus_value"]) == (50, "bonus", 0)
    rep = daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 20))
    assert rep.extras["stored_value"]["topup_bonus_points"] == 50
    assert {p.point_type: p.earned for p in rep.points}["bonus"] == 50


def test_3500_gets_the_3000_rule_only(svc):
    r = sv.topup(svc, TopupRequest("TP2", 3500, "card", None, M2), cashier_id="C01")
    assert (r["bonus_value"], r["bonus_points"], r["balance_after"]) == (400, 0, 3900)
    assert points(svc, M2) == 0


def test_void_of_the_topup_takes_the_points_back_exactly_even_when_spent(svc):
    sv.topup(svc, TopupRequest("TP3", 1000, "cash", None, M2), cashier_id="C01")
    # 40 of the 50 points spent meanwhile (20 points = 1): the void's void_earn leaves a debt of 40, as a sale's void does
    svc.settle(CheckoutRequest("SP1", (LineRequest(sku="LATTE"),), member_code=M2, points={"bonus": 40}), cashier_id="C01")
    assert points(svc, M2) == 12  # 50 - 40, + 2 the latte earned (120 // 50)
    v = sv.void_topup(svc, "TP3", manager_id="MGR1", pin="9999", reason="card declined")
    assert v["points"] == [{"lot_id": v["points"][0]["lot_id"], "point_type": "bonus", "delta": -50, "kind": "void_earn"}]
    assert points(svc, M2) == -38  # the topup lot's debt of 40, less the latte's 2
    lot = svc.replica.conn.execute("SELECT points + COALESCE((SELECT SUM(delta) FROM point_ledger WHERE lot_id = ?), 0) FROM point_lots "
                                   "WHERE lot_id = ?", (v["points"][0]["lot_id"],) * 2).fetchone()[0]
    assert lot == -40
    assert value_store.account(svc.replica.conn, "SV-M2").balance == 0
    rep = daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 20))
    assert rep.extras["stored_value"]["topup_bonus_points"] == 0  # 50 - 50


def test_a_topup_points_row_is_not_a_sale_to_void_or_return(svc):
    sv.topup(svc, TopupRequest("TP4", 1000, "cash", None, M2), cashier_id="C01")
    with pytest.raises(DomainError) as err:
        svc.void("topup:TP4", manager_id="MGR1", pin="9999", reason="x")
    assert err.value.reason is Reason.INVALID_REQUEST and "void-topup" in err.value.message


# ---- 2. gift cards by signed code -------------------------------------------------------------------
def test_a_signed_gift_card_pays_its_exact_balance(svc):
    code = signed_gift("GC-1")
    view = sv.account_view(svc, code)
    assert (view["account_id"], view["balance"], view["usable"]) == ("GC-1", 5000, True)
    r = svc.settle(CheckoutRequest("SG1", (LineRequest(amount=5000, name="Hamper"),), value_tenders=(ValueTender(5000, code),)),
                   cashier_id="C01")
    assert r["payments"] == [{"method": "gift_card", "account_id": "GC-1", "amount": 5000, "currency": "TWD", "balance_after": 0}]
    assert value_store.account(svc.replica.conn, "GC-1").balance == 0
    pay = json.loads(svc.replica.conn.execute("SELECT payload FROM outbox WHERE type = 'settlement'").fetchone()[0])["value_payments"]
    assert pay[0]["code"] == code and pay[0]["account_id"] == "GC-1"  # the server verifies it again
    with pytest.raises(DomainError) as err:  # the same card by its number: nothing left
        svc.settle(CheckoutRequest("SG2", (LineRequest(amount=1, name="x"),), value_tenders=(ValueTender(1, GIFT),)), cashier_id="C01")
    assert err.value.reason is Reason.INSUFFICIENT_BALANCE


def _tampered(code: str) -> str:
    i = len(code) - 20  # inside the signature: still canonical base32, no longer genuine
    return code[:i] + ("A" if code[i] != "A" else "B") + code[i + 1:]


@pytest.mark.parametrize("make,reason", [
    (lambda: _tampered(signed_gift("GC-1")), Reason.FORGED),
    (lambda: signed_gift("GC-1", signer=Signer.generate()), Reason.FORGED),  # another key under key id 1
    (lambda: signed_gift("GC-1", key_id=9), Reason.UNKNOWN_KEY),  # a key this terminal does not know
    (lambda: signed_gift("GC-NEW"), Reason.UNREPLICATED_NOT_ALLOWED),  # genuine, issued after the last pull
    (lambda: codes.encode_signed("M", 1, codes.member_fields("M1", date(2026, 1, 1)), SIGNER.sign), Reason.WRONG_KIND),
])
def test_a_bad_signed_gift_card_is_refused_with_its_reason(svc, make, reason):
    code = make()
    with pytest.raises(DomainError) as err:
        svc.settle(CheckoutRequest("SGX", (LineRequest(amount=100, name="x"),), value_tenders=(ValueTender(100, code),)),
                   cashier_id="C01")
    assert err.value.reason is reason, err.value
    if reason is Reason.UNREPLICATED_NOT_ALLOWED:
        assert "Sync the terminal" in err.value.message
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0
    assert value_store.account(svc.replica.conn, "GC-1").balance == 5000


def test_scan_of_a_signed_gift_card_shows_it(svc, capsys):
    from terminal.entry.cli_value import gift_card_scan

    code = signed_gift("GC-1")
    with pytest.raises(DomainError) as err:
        svc.scan(code)
    assert err.value.reason is Reason.WRONG_KIND
    assert gift_card_scan(svc, code, err.value, None)["balance"] == 5000


# ---- 3. validity and brand scope --------------------------------------------------------------------
def test_gift_card_validity_runs_from_issue():
    prog = ValueProgram("G", "G", "gift_card", "TWD", validity_days=365)
    issued = datetime(2026, 6, 1, tzinfo=timezone.utc)
    assert issued_until(prog, valid_until=None, issued_at=issued) == datetime(2027, 6, 1, tzinfo=timezone.utc)
    own = datetime(2026, 7, 1, tzinfo=timezone.utc)
    assert issued_until(prog, valid_until=own, issued_at=issued) == own  # its own end wins
    assert issued_until(prog, valid_until=None, issued_at=None) is None


def test_an_expired_gift_card_is_refused_with_its_date(svc):
    with pytest.raises(DomainError) as err:
        svc.settle(CheckoutRequest("EX1", (LineRequest(amount=100, name="x"),), value_tenders=(ValueTender(100, GIFT_Y_OLD),)),
                   cashier_id="C01")
    assert err.value.reason is Reason.EXPIRED and "expired on 2026-11-01 (valid until 2026-11-01T00:00:00+08:00)" in err.value.message
    r = svc.settle(CheckoutRequest("EX2", (LineRequest(amount=100, name="x"),), value_tenders=(ValueTender(100, GIFT_Y),)),
                   cashier_id="C01")
    assert r["payments"][0]["balance_after"] == 700
    assert sv.account_view(svc, GIFT_Y)["valid_until"] == "2027-06-01T00:00:00+08:00"


def test_a_wallet_topup_extends_its_validity_by_validity_days():
    prog = ValueProgram("W", "W", "wallet", "TWD", validity_days=365)
    soon = datetime(2026, 11, 21, tzinfo=timezone.utc)
    assert extended_until(prog, soon, AT) == AT + timedelta(days=365)
    later = datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert extended_until(prog, later, AT) == later  # never shortened


def test_a_wallet_expires_and_a_topup_keeps_it_alive(make_service):
    m3 = card("290000000003")
    svc = make_service(catalog=_with_m3(gaps_catalog()))
    r = sv.topup(svc, TopupRequest("TV1", 500, "cash", None, m3), cashier_id="C01")
    assert r["valid_until"] == (AT + timedelta(days=365)).isoformat()
    later = datetime(2026, 12, 20, tzinfo=timezone.utc)  # past the catalog's end (2026-11-21), within the extension
    svc.replica.conn.commit()
    svc2 = make_service(catalog=_with_m3(gaps_catalog()), name="other.db", at=later)
    with pytest.raises(DomainError) as err:  # without the top-up: expired, with the date
        svc2.settle(CheckoutRequest("W1", (LineRequest(amount=100, name="x"),), member_code=m3, value_tenders=(ValueTender(100),)),
                    cashier_id="C01")
    assert err.value.reason is Reason.EXPIRED and "expired on 2026-11-21" in err.value.message
    r = svc.settle(CheckoutRequest("W2", (LineRequest(amount=100, name="x"),), member_code=m3, value_tenders=(ValueTender(100),)),
                   cashier_id="C01", at=later)
    assert r["payments"][0]["balance_after"] == 700


def _with_m3(cat: dict) -> dict:
    return cat  # M3 is a member of the base test catalog


def test_a_card_of_brand_b_is_refused_at_a_brand_a_store_naming_both(svc):
    with pytest.raises(DomainError) as err:
        svc.settle(CheckoutRequest("BR1", (LineRequest(amount=100, name="x"),), value_tenders=(ValueTender(100, GIFT_B),)),
                   cashier_id="C01")
    assert err.value.reason is Reason.WRONG_BRAND
    assert "brand(s) B only" in err.value.message and "brand A" in err.value.message


# ---- the CLI ------------------------------------------------------------------------------------------
def test_cli_topup_points_signed_gift_card_and_report(tmp_path):
    import io

    from terminal.entry.cli import EXIT_OK, EXIT_REFUSED, run

    def cli(*args):
        out = io.StringIO()
        return run([str(x) for x in args], out=out), out.getvalue()

    at = ("--at", "2026-11-20T12:00+08:00")
    override = ("--override-manager", "MGR1", "--override-pin", "9999", "--override-reason", "offline")
    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(gaps_catalog(), ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.db"
    assert cli("--db", db, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    code, out = cli("--db", db, "topup", "--amount", 1000, "--member", M2, "--cashier", "C01", "--pin", "1234", "--topup-id", "T1", *at)
    assert code == EXIT_OK and "+ 50 bonus points (TOP-PTS, lot topup/" in out and "expiring 2027-11-21" in out
    code, out = cli("--db", db, "--json", "topup", "--amount", 3500, "--member", M2, "--cashier", "C01", "--pin", "1234", *at)
    r = json.loads(out)
    assert (r["bonus_value"], r["bonus_points"], r["balance_after"]) == (400, 0, 4900)
    signed = signed_gift("GC-1")
    code, out = cli("--db", db, "--json", "settle", "--amount", 5000, "--gift-card", f"{signed}:5000", "--cashier", "C01",
                    "--pin", "1234", "--checkout-id", "G1", *override, *at)
    assert code == EXIT_OK and json.loads(out)["payments"][0] == {
        "method": "gift_card", "account_id": "GC-1", "amount": 5000, "currency": "TWD", "balance_after": 0}
    code, out = cli("--db", db, "scan", _tampered(signed), *at)
    assert code == EXIT_REFUSED and "forged" in out
    code, out = cli("--db", db, "--json", "scan", signed, *at)
    assert code == EXIT_OK and (json.loads(out)["kind"], json.loads(out)["balance"]) == ("gift_card", 0)
    code, out = cli("--db", db, "--json", "report", "--day", "2026-11-20")
    assert json.loads(out)["extras"]["stored_value"]["topup_bonus_points"] == 50
    code, out = cli("--db", db, "report", "--day", "2026-11-20")
    assert "+50 bonus points" in out


# ---- invariants ------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5000), st.integers(0, 1), st.integers(1, 500)), min_size=0, max_size=6),
       st.integers(1, 6000))
def test_one_rule_applies_the_highest_threshold_met(rules, amount):
    bonuses = tuple(TopupBonus(f"R{i}", "W", m, v if kind == 0 else 0, bonus_points=v if kind else 0,
                               point_type="bonus" if kind else None) for i, (m, kind, v) in enumerate(rules))
    hit = topup_bonus(bonuses, program_id="W", amount=amount, at=AT)
    met = [b.min_topup for b in bonuses if b.min_topup <= amount]
    assert (hit is None) == (not met)
    if hit is not None:
        assert hit.min_topup == max(met)
        wallet = ValueProgram("W", "Wallet", "wallet", "TWD")
        plan = plan_topup(ValueAccount("W1", "W", 0, "M1"), wallet, amount=amount, bonuses=bonuses, store=Store("A-001", "A", "A"),
                          member=Member("M1", "", ""), currency="TWD", at=AT)
        assert (plan.bonus_value, plan.bonus_points) == (hit.bonus_value, hit.bonus_points)  # never both, never added up


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.integers(-800, 800)), st.integers(0, 800), st.integers(1, 400))
def test_a_topup_never_shortens_a_wallet(end_days, topup_days, validity):
    prog = ValueProgram("W", "W", "wallet", "TWD", validity_days=validity)
    end = None if end_days is None else AT + timedelta(days=end_days)
    at = AT + timedelta(days=topup_days)
    new = extended_until(prog, end, at)
    assert new >= at + timedelta(days=validity) and (end is None or new >= end)
