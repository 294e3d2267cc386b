"""`exchange`, `claim` and `transfer` on the CLI: --json, --at, refusals with their reasons and exit codes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from terminal.entry.cli import EXIT_OK, EXIT_REFUSED, run

from tests.conftest import card
from tests.member_value.catalog import value_catalog

AT = "2026-11-20T12:00:00+08:00"


def cli(*args) -> tuple[int, str]:
    import io

    out = io.StringIO()
    code = run([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def db(tmp_path):
    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(value_catalog(), ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "t.db"
    assert cli("--db", path, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    return path


def grant(path, **values) -> None:
    body = {"stored_voucher_uses": 2, "points_per_member": 500, "unreplicated_coupon_max_age_hours": 72, "giveaway_claims": 5, **values}
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT OR REPLACE INTO sync_allowances(id, body, granted_at, valid_until) VALUES (1, ?, ?, ?)",
                     (json.dumps(body), "2026-11-19T00:00:00+00:00", "2026-11-25T00:00:00+00:00"))


def test_exchange_and_claim_json(db):
    code, out = cli("--db", db, "exchange", "X-LATTE", "--member", card("290000000001"), "--cashier", "C01", "--pin", "1234",
                    "--at", AT)
    assert code == EXIT_REFUSED and "offline_allowance_exceeded" in out  # no grant: held to zero, as for a sale
    grant(db)
    code, out = cli("--db", db, "--json", "exchange", "X-LATTE", "--member", card("290000000001"), "--cashier", "C01", "--pin",
                    "1234", "--at", AT, "--exchange-id", "EXC-CLI")
    assert code == EXIT_OK, out
    r = json.loads(out)
    assert r["points_spent"] == 100 and r["voucher"]["code"].startswith("EX-") and r["at"] == "2026-11-20T04:00:00+00:00"
    code, out = cli("--db", db, "--json", "scan", r["voucher"]["code"], "--member", "M1", "--at", AT)
    assert code == EXIT_OK and json.loads(out)["coupon"]["usable"] is True
    code, out = cli("--db", db, "--json", "claim", "G-3DAYS", "--member", card("290000000002"), "--cashier", "C01", "--pin", "1234",
                    "--at", AT)
    assert code == EXIT_OK and json.loads(out)["points_earned"] == 50
    code, out = cli("--db", db, "--json", "claim", "G-3DAYS", "--member", card("290000000002"), "--cashier", "C01", "--pin", "1234",
                    "--at", "2026-11-20T22:00:00+08:00")
    assert code == EXIT_REFUSED and json.loads(out)["reason"] == "claim_daily_limit"
    code, out = cli("claim", "G-3DAYS", "--member", card("290000000002"), "--cashier", "C01", "--pin", "0000", "--db", db)
    assert code != EXIT_OK  # a wrong PIN: nothing written
    code, out = cli("--db", db, "void", "EXC-CLI", "--manager", "MGR1", "--pin", "9999", "--reason", "changed mind", "--at", AT)
    assert code == EXIT_OK, out


def test_transfer_needs_the_server(db):
    code, out = cli("--db", db, "--json", "transfer", "SV-0001", "--from", card("290000000001"), "--to", card("290000000002"),
                    "--cashier", "C01", "--pin", "1234")
    assert code == EXIT_REFUSED and json.loads(out)["reason"] == "not_authorized" and "online" in json.loads(out)["message"]
