"""The central server on PostgreSQL with several worker processes (issue 14), and its refusals.

Concurrent terminals pushing sales that touch the same member and the same stored voucher
through 2 workers; the database restarted mid-load; a worker SIGKILLed mid-request; and the
one-line refusals of a database the server cannot use. Pushes go over HTTP with a retry loop
like the terminal's (the same envelope again after a 503, a timeout or a cut connection).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import make_url

from terminal.domain.events import payload_sha256

from .conftest import ROOT, ServerProcess
from .handmade import AT, HandDevice

pytestmark = pytest.mark.postgresql

SV = "SV-0001"  # a stored voucher of M1 with 10 uses (tests/conftest.py)
LATTE = {"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": 1, "net": 0, "points_price": None}
COFFEE = {"code": SV, "template_id": "T-10COFFEE", "kind": "stored_voucher", "uses": 1, "discount": 120, "partner": None,
          "in_replica": True, "parent_code": None}


def envelope(dev: HandDevice, payload: dict) -> dict:
    dev.seq += 1
    return {"event_id": str(uuid.uuid4()), "terminal_id": dev.terminal_id, "store_id": dev.store_id,
            "terminal_seq": dev.seq, "type": "settlement", "schema_version": 1, "payload": payload,
            "payload_sha256": payload_sha256(payload), "occurred_at": AT, "based_on_cursor": None, "app_version": "load"}


def push_until_answered(url: str, dev: HandDevice, env: dict, seen: dict, deadline: float) -> dict:
    """Push `env` until the server answers it (as the terminal does: the same event again after a
    503 with Retry-After, a timeout or a cut connection); `seen` counts the 503s and their headers."""
    while time.monotonic() < deadline:
        try:
            r = httpx.post(url + "/v1/push", json={"events": [env]}, headers=dev.headers, timeout=10)
        except httpx.HTTPError:
            seen["cut"] = seen.get("cut", 0) + 1
            time.sleep(0.1)
            continue
        if r.status_code == 503:
            seen["503"] = seen.get("503", 0) + 1
            seen.setdefault("retry_after", set()).add(r.headers.get("retry-after"))
            time.sleep(0.2)
            continue
        assert r.status_code == 200, r.text
        body = r.json()
        if body["error"] is not None:  # database_busy and the like: transient, nothing applied
            assert body["error"]["code"] == "database_busy", body["error"]
            seen["busy"] = seen.get("busy", 0) + 1
            time.sleep(0.1)
            continue
        return body["results"][0]
    raise AssertionError(f"event {env['event_id']} not answered in time ({seen})")


def run_load(server, devices, per_device: int, *, during=None) -> tuple[list[dict], dict]:
    """Each device pushes `per_device` sales of M1 using 1 use of SV, from its own thread;
    `during()` runs meanwhile in this thread. Returns (answers, counters)."""
    answers: list[dict] = []
    seen: dict = {}
    errors: list[BaseException] = []
    deadline = time.monotonic() + 120

    def work(dev: HandDevice) -> None:
        try:
            for _ in range(per_device):
                p = dev.settlement(member="M1", amount=120, net=0, coupons=[COFFEE], lines=[LATTE])
                answers.append(push_until_answered(server.url, dev, envelope(dev, p), seen, deadline))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    if during is not None:
        during()
    for t in threads:
        t.join()
    assert not errors, errors[0]
    return answers, seen


def check_ledgers(server, n_events: int) -> None:
    """Every event once; the voucher's row agrees with its ledger; lots agree with the point ledger."""
    c = server.store.conn
    assert c.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events").fetchone() == (n_events, n_events)
    assert c.execute("SELECT COUNT(*) FROM (SELECT store_id, terminal_id, terminal_seq FROM events "
                     "GROUP BY store_id, terminal_id, terminal_seq HAVING COUNT(*) > 1) d").fetchone()[0] == 0
    used = c.execute("SELECT CAST(COALESCE(SUM(uses), 0) AS BIGINT) FROM coupon_ledger WHERE code = ?", (SV,)).fetchone()[0]
    body = server.store.get("coupon", SV)
    assert body["used_uses"] == used <= body["total_uses"]
    for lot_id, delta in c.execute("SELECT lot_id, CAST(SUM(delta) AS BIGINT) FROM point_ledger WHERE kind = 'earn' "
                                   "GROUP BY lot_id").fetchall():
        lot = server.store.get("point_lot", lot_id)
        assert lot is not None and lot["points"] == delta, (lot_id, lot, delta)


def feed_reader(server, dev: HandDevice, stop: threading.Event, state: dict) -> None:
    """Pull 3 rows at a time while the load runs, keeping the newest version of each row."""
    cursor = None
    while True:
        r = httpx.get(server.url + "/v1/pull", params={"limit": 3, **({"cursor": cursor} if cursor else {})},
                      headers=dev.headers, timeout=10)
        if r.status_code == 200:
            page = r.json()
            for it in page["items"]:
                state[(it["kind"], it["key"])] = it["seq"]
            cursor = page["next_cursor"]
            if not page["has_more"] and stop.is_set():
                return
        else:
            time.sleep(0.1)


def full_feed(server, dev: HandDevice) -> dict:
    state: dict = {}
    cursor = None
    while True:
        page = httpx.get(server.url + "/v1/pull", params={"limit": 1000, **({"cursor": cursor} if cursor else {})},
                         headers=dev.headers, timeout=30).json()
        for it in page["items"]:
            state[(it["kind"], it["key"])] = it["seq"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return state


@pytest.fixture
def workers(pg_url, catalog_file):
    srv = ServerProcess(pg_url, catalog_file, extra=("--workers", "2"))
    yield srv
    srv.stop()


def test_two_workers_judge_concurrent_sales_of_one_member_and_voucher_exactly_once(workers):
    devices = [HandDevice(workers, "A-001", f"T{i}") for i in range(1, 5)]
    stop, seen_by_reader = threading.Event(), {}
    reader = threading.Thread(target=feed_reader, args=(workers, devices[0], stop, seen_by_reader))
    reader.start()
    answers, _ = run_load(workers, devices, 5)
    stop.set()
    reader.join(60)
    assert len(answers) == 20 and all(a["status"] in ("accepted", "accepted_with_conflict") for a in answers)
    check_ledgers(workers, 20)
    assert workers.store.get("coupon", SV)["used_uses"] == 10  # 20 sales asked for a use each: 10 uses exist
    # the paging reader never skipped a row: it holds the newest position of every row, as a fresh full pull does
    assert seen_by_reader == full_feed(workers, devices[0])


def test_postgresql_restarted_mid_load_loses_and_doubles_nothing(pg_cluster, pg_url, catalog_file):
    # the throwaway cluster runs with synchronous_commit off (speed): a crash would lose commits the server
    # already answered, which no production server is configured to do; this database commits durably
    name = make_url(pg_url).database
    pg_cluster.psql(f'ALTER DATABASE "{name}" SET synchronous_commit = on')
    workers = ServerProcess(pg_url, catalog_file, extra=("--workers", "2"))
    try:
        _restart_mid_load(workers, pg_cluster)
    finally:
        workers.stop()


def _restart_mid_load(workers, pg_cluster) -> None:
    devices = [HandDevice(workers, "A-001", f"T{i}") for i in range(1, 4)]

    def restart() -> None:
        time.sleep(0.5)
        pg_cluster.stop_server()
        time.sleep(1.5)
        down = httpx.post(workers.url + "/v1/push", json={"events": []}, headers=devices[0].headers, timeout=10)
        assert down.status_code == 503 and down.headers["retry-after"] == "1", down.text  # never a 500
        pg_cluster.start_server()

    answers, seen = run_load(workers, devices, 6, during=restart)
    assert len(answers) == 18
    check_ledgers(workers, 18)


def _workers_of(proc: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    return [int(p) for p in children if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]


def test_a_worker_killed_mid_request_leaves_every_event_exactly_once(workers):
    import os
    import signal

    devices = [HandDevice(workers, "A-001", f"T{i}") for i in range(1, 4)]
    pids = _workers_of(workers.proc)
    assert len(pids) == 2

    def kill() -> None:
        time.sleep(0.7)
        os.kill(pids[0], signal.SIGKILL)  # a worker we started, by its pid

    answers, seen = run_load(workers, devices, 6, during=kill)
    assert len(answers) == 18
    check_ledgers(workers, 18)
    deadline = time.monotonic() + 30
    while len(_workers_of(workers.proc)) < 2 and time.monotonic() < deadline:  # the supervisor replaces it
        time.sleep(0.2)
    assert len(_workers_of(workers.proc)) == 2


def _start(db: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sync.server", "--db", db, "--port", "0", *extra], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_a_database_the_server_cannot_use_is_refused_with_one_line_and_nothing_changed(pg_cluster, pg_url, tmp_path):
    from tests.pg import PG_LOGIN_PASSWORD

    name = make_url(pg_url).database
    cases = {
        "mysql://root@localhost/central": "unsupported database engine",
        f"postgresql+psycopg://lt_login:{PG_LOGIN_PASSWORD}x@/{name}?host={pg_cluster.socket_dir}": "password authentication failed",
        f"postgresql+psycopg://lt@/no_such_db?host={pg_cluster.socket_dir}": 'database "no_such_db" does not exist',
        f"sqlite:///{tmp_path / 'no-such-folder' / 'central.db'}": "does not exist",
    }
    for url, reason in cases.items():
        res = _start(url)
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 5 and len(lines) == 1 and reason in lines[0], (url, res.returncode, res.stderr)
        assert PG_LOGIN_PASSWORD not in res.stderr
    assert pg_cluster.psql("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'", name) == "0"  # nothing made
    # a schema newer than this code: refused, the database left exactly as it was
    pg_cluster.psql("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY); "
                    "INSERT INTO alembic_version VALUES ('9999_from_the_future')", name)
    res = _start(pg_url)
    assert res.returncode == 5 and len(res.stderr.strip().splitlines()) == 1 and "newer than this server" in res.stderr
    assert pg_cluster.psql("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'", name) == "alembic_version"
    # SQLite has one writer: several workers are refused
    res = _start(str(tmp_path / "central.db"), "--workers", "2")
    assert res.returncode == 2 and "needs PostgreSQL" in res.stderr and not (tmp_path / "central.db").exists()
