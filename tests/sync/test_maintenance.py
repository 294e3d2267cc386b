"""The central server's daily upkeep (sync/server/maintenance.py): slices pruned while it runs."""

from __future__ import annotations

import json
import logging
import time

import pytest

from sync.server.maintenance import Maintenance

from .test_slices import slice_catalog


@pytest.fixture
def catalog_file(tmp_path):  # the chain turns store slices on (tests/sync/test_slices.py)
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(slice_catalog()))
    return p


def test_jobs_run_on_their_interval_and_a_failing_one_does_not_stop_the_others(caplog):
    calls: list[str] = []

    def broken():
        calls.append("broken")
        raise RuntimeError("database gone")

    upkeep = Maintenance({"broken": broken, "ok": lambda: calls.append("ok")}, every_s=0.05, first_s=0.01).start()
    try:
        deadline = time.monotonic() + 5
        while upkeep.runs < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        upkeep.stop()
    assert upkeep.runs >= 3 and calls.count("ok") >= 3  # the failure of one job is logged, the next still runs
    assert any("maintenance broken failed" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)


def test_the_app_prunes_store_slices_while_it_is_up(server, make_terminal, monkeypatch):
    """A member looked up at store X long ago leaves X's slice without anyone running prune-slices."""
    from fastapi.testclient import TestClient

    from sync.server import maintenance
    from sync.server.app import create_app

    x = make_terminal("X", "T1")
    x.client.lookup_member(member_id="M3")
    with server.store.write():
        server.store.conn.execute("UPDATE store_members SET looked_up_at = '2020-01-01T00:00:00+00:00' WHERE store_id = 'X'")
    monkeypatch.setattr(maintenance.random, "uniform", lambda a, b: 0.01)  # the first round at once, not within the hour

    def left() -> int:
        with server.store.read():
            return server.store.conn.execute("SELECT COUNT(*) FROM store_members WHERE store_id = 'X'").fetchone()[0]

    assert left() == 1
    with TestClient(create_app(server.store, maintenance_every_s=0.05)):
        deadline = time.monotonic() + 10
        while left() and time.monotonic() < deadline:
            time.sleep(0.05)
    assert left() == 0
