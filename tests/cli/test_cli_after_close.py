"""A sale settled by the CLI after the day's close is booked, with a warning on stderr (issue 17 §4.6)."""

from __future__ import annotations

import io
import json
from datetime import date

from terminal.entry.cli import EXIT_OK, run
from terminal.provisioning.bootstrap import open_replica
from terminal.usecases.reports import daily_report
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, tpe


def cli(*args) -> tuple[int, str]:
    out = io.StringIO()
    return run([str(a) for a in args], out=out), out.getvalue()


def test_a_cli_sale_after_the_close_warns_and_is_listed_apart(tmp_path, capsys):
    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(BASE_CATALOG, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.db"
    assert cli("--db", db, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    sale = ["--amount", "120", "--cashier", "C01", "--pin", "1234"]
    assert cli("--db", db, "settle", *sale, "--at", tpe(2026, 11, 5, 12).isoformat())[0] == EXIT_OK
    assert "closed" not in capsys.readouterr().err
    replica = open_replica(db)
    svc = RedemptionService(replica, store_id="A-001", terminal_id="T1")
    svc.close_day(date(2026, 11, 5), manager_id="MGR1", pin="9999", override_reason="test", at=tpe(2026, 11, 5, 21))
    code, _out = cli("--db", db, "settle", *sale, "--at", tpe(2026, 11, 5, 22).isoformat())
    err = capsys.readouterr().err
    assert code == EXIT_OK and "warning: day 2026-11-05 was closed by MGR1" in err
    assert daily_report(replica, store_id="A-001", day=date(2026, 11, 5)).after_close == {"count": 1, "total": 120}
    replica.db.conn.close()
