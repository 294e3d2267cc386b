"""`return-items` on the command line: --json, --at, the manager's PIN, refusals with their reason."""

from __future__ import annotations

import json

from tests.cli.test_cli import cli, db  # noqa: F401 (the fixture)
from terminal.entry.cli import EXIT_OK, EXIT_REFUSED
from tests.conftest import card

AT = "2026-11-20T12:00:00+08:00"
M1 = card("290000000001")


def test_return_items_json_at_and_refusals(db):  # noqa: F811
    code, out = cli("--db", db, "--json", "settle", "--member", M1, "--line", "LATTE", "--line", "CROISSANTx2",
                    "--cashier", "C01", "--pin", "1234", "--checkout-id", "CK-R", "--at", AT)
    assert code == EXIT_OK, out
    base = ["--db", db, "--json", "return-items", "CK-R", "--reason", "customer changed mind"]
    code, out = cli(*base, "--line", "2=1", "--manager", "MGR1", "--pin", "0000", "--at", AT)
    assert code == EXIT_REFUSED and json.loads(out)["reason"] == "bad_pin"
    code, out = cli(*base, "--line", "2=1", "--manager", "MGR1", "--pin", "9999", "--at", AT, "--return-id", "RT-1")
    r = json.loads(out)
    assert code == EXIT_OK and (r["refund"], r["units"], r["points_clawed"]) == (60, [[2, 1]], {"bonus": 1})
    # 240 paid: 4 points; 1 croissant of 60 = a quarter: ceil(4 * 60 / 240) = 1
    code, out = cli(*base, "--line", "2=2", "--manager", "MGR1", "--pin", "9999", "--at", AT)
    assert code == EXIT_REFUSED and json.loads(out)["reason"] == "return_exceeds_sold"
    code, out = cli(*base, "--line", "2=1", "--manager", "MGR1", "--pin", "9999", "--at", "2026-12-25T12:00:00+08:00")
    assert code == EXIT_REFUSED and json.loads(out)["reason"] == "return_window_passed"  # 30 days by default
    code, out = cli(*base, "--line", "two", "--manager", "MGR1", "--pin", "9999", "--at", AT)
    assert code == EXIT_REFUSED and json.loads(out)["reason"] == "invalid_request"
    code, out = cli("--db", db, "return-items", "CK-R", "--reason", "x", "--line", "1=1", "--manager", "MGR1", "--pin", "9999",
                    "--at", AT)
    assert code == EXIT_OK and "refund 120" in out, out
