"""The CLI's stored value and gift card commands: topup, gift-card, --pay-stored-value, --gift-card,
balances in `balance` / `scan`, the daily report's figures; --json and --at, refusals exit 3 with the reason."""

from __future__ import annotations

import io
import json

import pytest

from terminal.entry.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, run
from tests.conftest import card
from tests.stored_value.value_catalog import GIFT, GIFT_B, value_catalog

M1 = card("290000000001")
AT = ("--at", "2026-11-20T12:00+08:00")
OVERRIDE = ("--override-manager", "MGR1", "--override-pin", "9999", "--override-reason", "offline")  # no grant: allowance 0


def cli(*args) -> tuple[int, str]:
    out = io.StringIO()
    code = run([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def db(tmp_path):
    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(value_catalog(), ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "t.db"
    code, out = cli("--db", path, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")
    assert code == EXIT_OK, out
    return path


def test_topup_pay_and_report(db):
    code, out = cli("--db", db, "--json", "topup", "--amount", 1000, "--member", M1, "--cashier", "C01", "--pin", "1234",
                    "--topup-id", "TU1", *AT)
    assert code == EXIT_OK, out
    r = json.loads(out)
    assert (r["amount"], r["bonus_value"], r["balance_before"], r["balance_after"]) == (1000, 100, 500, 1600)
    code, out = cli("--db", db, "--json", "preview", "--amount", 320, "--gift-card", f"{GIFT}:320", *AT)
    assert code == EXIT_OK and json.loads(out)["payments"][0]["balance_after"] == 4680
    code, out = cli("--db", db, "settle", "--amount", 320, "--gift-card", f"{GIFT}:320", "--cashier", "C01", "--pin", "1234",
                    "--checkout-id", "S1", *AT)
    assert code == EXIT_REFUSED and "offline_allowance_exceeded" in out  # never synced: a manager approves
    code, out = cli("--db", db, "--json", "settle", "--amount", 320, "--gift-card", f"{GIFT}:320", "--cashier", "C01", "--pin",
                    "1234", "--checkout-id", "S1", *OVERRIDE, *AT)
    assert code == EXIT_OK and json.loads(out)["payments"] == [
        {"method": "gift_card", "account_id": "GC-1", "amount": 320, "currency": "TWD", "balance_after": 4680}]
    code, out = cli("--db", db, "settle", "--line", "LATTE", "--line", "CROISSANT", "--member", M1, "--pay-stored-value", 100,
                    "--cashier", "C01", "--pin", "1234", "--checkout-id", "S2", *OVERRIDE, *AT)
    assert code == EXIT_OK and "paid 100 by wallet SV-M1 (balance left 1500)" in out and "paid 80 by cash" in out
    assert "earned {'bonus': 3}" in out
    code, out = cli("--db", db, "--json", "balance", M1, *AT)
    assert json.loads(out)["stored_value"][0]["balance"] == 1500
    code, out = cli("--db", db, "--json", "scan", M1, *AT)
    assert json.loads(out)["stored_value"][0]["balance"] == 1500
    code, out = cli("--db", db, "--json", "gift-card", GIFT, *AT)
    assert json.loads(out)["balance"] == 4680
    code, out = cli("--db", db, "--json", "report", "--day", "2026-11-20")
    assert json.loads(out)["extras"]["stored_value"] == {"topups": 1000, "topup_bonus": 100, "stored_value_spent": 100,
                                                         "gift_card_spent": 320, "topup_count": 1,
                                                         "stored_value_refunded": 0, "gift_card_refunded": 0,
                                                         "topup_bonus_points": 0}
    cli("--db", db, "void", "S1", "--manager", "MGR1", "--pin", "9999", "--reason", "x", *AT)
    code, out = cli("--db", db, "--json", "report", "--day", "2026-11-20")
    assert json.loads(out)["extras"]["stored_value"]["gift_card_spent"] == 0


@pytest.mark.parametrize("args,code,text", [
    (("gift-card", GIFT_B), EXIT_REFUSED, None),  # usable: false (another brand)
    (("preview", "--amount", 100, "--gift-card", f"{GIFT_B}:100"), EXIT_REFUSED, "wrong_brand"),
    (("preview", "--amount", 100, "--gift-card", f"{GIFT}:5001"), EXIT_REFUSED, "insufficient_balance"),
    (("preview", "--amount", 100, "--gift-card", f"{GIFT}"), EXIT_USAGE, "CODE:AMOUNT"),
    (("preview", "--amount", 100, "--pay-stored-value", "-5"), EXIT_USAGE, "--pay-stored-value"),
    (("topup", "--amount", 100, "--cashier", "C01", "--pin", "1234"), EXIT_USAGE, "--member"),
    (("topup", "--amount", 100, "--gift-card", GIFT, "--cashier", "C01", "--pin", "1234"), EXIT_REFUSED, "invalid_amount"),
])
def test_refusals(db, args, code, text):
    got, out = cli("--db", db, *args, *AT)
    assert got == code, out
    if text:
        assert text in out


def test_scan_of_a_gift_card_number_shows_its_balance(db):
    code, out = cli("--db", db, "--json", "scan", GIFT, *AT)
    assert code == EXIT_OK, out
    assert json.loads(out)["kind"] == "gift_card" and json.loads(out)["balance"] == 5000
    code, out = cli("--db", db, "scan", GIFT_B, *AT)
    assert code == EXIT_REFUSED and "[wrong_brand]" in out
    code, out = cli("--db", db, "scan", card("770000000099"), *AT)
    assert code == EXIT_REFUSED and "unknown" in out.lower()


def test_a_partial_return_gives_the_gift_card_its_share(db):
    code, out = cli("--db", db, "settle", "--line", "LATTE", "--line", "CROISSANTx2", "--gift-card", f"{GIFT}:100", "--cashier", "C01",
                    "--pin", "1234", "--checkout-id", "SR", *OVERRIDE, *AT)
    assert code == EXIT_OK, out  # 240 in all: 100 by the gift card, 140 cash
    code, out = cli("--db", db, "return-items", "SR", "--line", "2=1", "--reason", "stale", "--manager", "MGR1", "--pin", "9999", *AT)
    assert code == EXIT_OK and "refund 60" in out and "back by gift card GC-1 25 (balance 4925), cash 35" in out, out
    code, out = cli("--db", db, "--json", "report", "--day", "2026-11-20")
    assert json.loads(out)["extras"]["stored_value"]["gift_card_refunded"] == 25
