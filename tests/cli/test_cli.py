"""The CLI end to end on a replica file: init, scan, preview, settle (idempotent), void, balance."""

from __future__ import annotations

import io
import json

import pytest

from terminal.entry.cli import EXIT_OK, EXIT_REFUSED, EXIT_SETUP, EXIT_USAGE, run
from tests.conftest import BASE_CATALOG, card

AT = "2026-11-05T12:00:00+08:00"  # member day, both lots still valid
M1 = card("290000000001")


def cli(*args) -> tuple[int, str]:
    out = io.StringIO()
    code = run([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def db(tmp_path):
    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(BASE_CATALOG, ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "t.db"
    code, out = cli("--db", path, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")
    assert code == EXIT_OK, out
    return path


def test_init_refuses_existing_db_and_unknown_store(tmp_path, db):
    cat = tmp_path / "catalog.json"
    assert cli("--db", db, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_SETUP
    code, out = cli("--db", tmp_path / "x.db", "init", "--catalog", cat, "--store", "NOPE", "--terminal", "T1")
    assert code == EXIT_SETUP and "NOPE" in out


def test_scan_member_and_coupon_json(db):
    code, out = cli("--db", db, "--json", "scan", M1, "--at", AT)
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["kind"] == "member" and data["member"]["balances"]["bonus"] == 130
    assert data["member"]["masked_name"] == "王*明"
    code, out = cli("--db", db, "--json", "scan", card("980000000001"), "--member", "M1", "--at", AT)
    assert json.loads(out)["coupon"]["remaining_uses"] == 10


def test_scan_bad_code_is_refused_with_reason(db):
    code, out = cli("--db", db, "--json", "scan", "2900000000019")
    assert code == EXIT_REFUSED and json.loads(out)["reason"] == "bad_check_digit"


def test_preview_settle_replay_void_balance(db):
    args = ["--member", M1, "--amount", "500", "--coupon", card("980000000002"), "--points", "bonus=120", "--at", AT]
    code, out = cli("--db", db, "--json", "preview", *args)
    p = json.loads(out)
    assert code == EXIT_OK and p["total"] == 500 - 100 - 6
    # a replica that never received an allowance grant: spending points needs a manager (issue 13 section 4)
    code, out = cli("--db", db, "settle", *args, "--cashier", "C01", "--pin", "1234", "--checkout-id", "CK-1")
    assert code == EXIT_REFUSED and "[offline_allowance_exceeded]" in out and "no current allowance" in out
    override = ["--override-manager", "MGR1", "--override-pin", "9999", "--override-reason", "server down, regular"]
    code, out = cli("--db", db, "--json", "settle", *args, "--cashier", "C01", "--pin", "1234", "--checkout-id", "CK-1", *override)
    r = json.loads(out)
    assert code == EXIT_OK and r["total"] == 394 and r["points_earned"] == {"bonus": 21} and r["replayed"] is False
    # 394 at brand A on the 5th: floor(394/50)=7 x3 = 21 points
    code, out = cli("--db", db, "--json", "settle", *args, "--cashier", "C01", "--pin", "1234", "--checkout-id", "CK-1")
    assert json.loads(out)["replayed"] is True and json.loads(out)["event_id"] == r["event_id"]
    code, out = cli("--db", db, "--json", "balance", M1, "--at", AT)
    assert json.loads(out)["balances"]["bonus"] == 130 - 120 + 21
    code, out = cli("--db", db, "void", "CK-1", "--manager", "MGR1", "--pin", "0000", "--reason", "wrong", "--at", AT)
    assert code == EXIT_REFUSED and "bad_pin" in out
    code, out = cli("--db", db, "void", "CK-1", "--manager", "C01", "--pin", "1234", "--reason", "wrong", "--at", AT)
    assert code == EXIT_REFUSED and "not_authorized" in out
    code, out = cli("--db", db, "void", "CK-1", "--manager", "MGR1", "--pin", "9999", "--reason", "customer changed mind", "--at", AT)
    assert code == EXIT_OK, out
    code, out = cli("--db", db, "--json", "balance", M1, "--at", AT)
    assert json.loads(out)["balances"]["bonus"] == 130
    code, out = cli("--db", db, "--json", "status")
    assert json.loads(out)["pending"] == 2


def test_settle_refuses_with_refused_coupon_and_writes_nothing(db):
    code, out = cli("--db", db, "--json", "settle", "--amount", "499", "--coupon", card("980000000002"), "--cashier", "C01", "--pin", "1234", "--at", AT)
    assert code == EXIT_REFUSED and "minimum spend" in json.loads(out)["message"]
    assert json.loads(cli("--db", db, "--json", "status")[1])["pending"] == 0


def test_usage_errors(db):
    assert cli("--db", db, "preview", "--at", AT)[0] == EXIT_USAGE
    assert cli("--db", db, "preview", "--amount", "12a")[0] == EXIT_USAGE
    assert cli("--db", db, "preview", "--amount", "10", "--at", "2026-12-05")[0] == EXIT_USAGE
    assert cli("--db", db, "preview", "--amount", "10", "--points", "bonus")[0] == EXIT_USAGE


def test_missing_replica(tmp_path):
    code, out = cli("--db", tmp_path / "none.db", "scan", "123")
    assert code == EXIT_SETUP and "init" in out


def test_report_command_writes_csv_and_pdf(db, tmp_path):
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    cli("--db", db, "settle", "--amount", "120", "--cashier", "C01", "--pin", "1234", "--at", AT)
    code, out = cli("--db", db, "--json", "report", "--day", "2026-11-05", "--csv", tmp_path / "r.csv", "--pdf", tmp_path / "r.pdf")
    data = json.loads(out)
    assert code == EXIT_OK and data["settlements"] == 1 and data["net_total"] == 120
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert cli("--db", db, "report", "--day", "5/11")[0] == EXIT_USAGE


def test_settle_needs_the_cashiers_pin(db):
    """Before: `settle --cashier C01` booked a sale in C01's name with no PIN at all."""
    args = ["--db", db, "--json", "settle", "--amount", "120", "--at", AT, "--cashier", "C01"]
    code, out = cli(*args)
    assert code == EXIT_USAGE and "--pin" in out
    code, out = cli(*args, "--pin", "0000", "--checkout-id", "CK-PIN")
    assert code == EXIT_REFUSED and json.loads(out)["reason"] == "bad_pin"
    code, out = cli(*args, "--pin", "1234", "--checkout-id", "CK-PIN")
    assert code == EXIT_OK and json.loads(out)["replayed"] is False  # the refused attempt wrote nothing


def test_cli_refuses_a_locked_cashier_and_a_manager_unlocks(db):
    args = ["--db", db, "--json", "settle", "--amount", "120", "--at", AT, "--cashier", "C01"]
    for _ in range(5):
        assert cli(*args, "--pin", "0000")[0] == EXIT_REFUSED
    code, out = cli(*args, "--pin", "1234")
    assert code == EXIT_REFUSED and json.loads(out)["reason"] == "staff_locked"
    code, out = cli("--db", db, "unlock-staff", "C01", "--manager", "MGR1", "--pin", "9999")
    assert code == EXIT_OK and "unlocked" in out
    assert cli(*args, "--pin", "1234")[0] == EXIT_OK


def test_settle_beyond_allowance_cli_override_must_be_complete_and_a_manager(db):
    """Issue 13 section 4: the CLI enforces the offline allowance; an override is all three flags, by a manager."""
    args = ["--member", M1, "--amount", "500", "--points", "bonus=120", "--at", AT, "--cashier", "C01", "--pin", "1234"]
    code, out = cli("--db", db, "settle", *args, "--override-manager", "MGR1", "--override-pin", "9999")
    assert code == EXIT_REFUSED and "[invalid_request]" in out and "--override-reason" in out
    code, out = cli("--db", db, "settle", *args, "--override-manager", "C01", "--override-pin", "1234", "--override-reason", "x")
    assert code == EXIT_REFUSED and "[not_authorized]" in out
    code, out = cli("--db", db, "--json", "status")
    assert json.loads(out)["pending"] == 0
