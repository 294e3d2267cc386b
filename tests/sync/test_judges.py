"""Where pushes are judged (issue 14, pulls under push load): on judge threads of their own
(sync/server/limits.JudgePool), or on PostgreSQL in judge processes (sync/server/judges.py), never
on the thread pool that serves the pulls; the answers are the same either way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

import httpx
import pytest
from fastapi.testclient import TestClient

from sync.server.app import create_app
from sync.server.limits import JUDGE_PROCESS_NICE
from sync.server.store import CentralStore
from terminal.catalog import parse_catalog
from terminal.domain.events import payload_sha256
from tests.conftest import BASE_CATALOG
from tests.sync.conftest import ROOT, ServerProcess
from tests.sync.handmade import AT, HandDevice


def settlement(store_id: str, terminal_id: str, n: int) -> dict:
    hand = object.__new__(HandDevice)  # its payload builder only
    hand.store_id, hand.terminal_id, hand.n = store_id, terminal_id, n - 1
    return hand.settlement(amount=100)


def envelope(payload: dict, seq: int) -> dict:
    return {"event_id": str(uuid.uuid4()), "terminal_id": payload["terminal_id"], "store_id": payload["store_id"],
            "terminal_seq": seq, "type": "settlement", "schema_version": 1, "payload": payload,
            "payload_sha256": payload_sha256(payload), "occurred_at": AT, "based_on_cursor": None, "app_version": "hand"}


@pytest.mark.parametrize("judge_threads", [2, 0])
def test_pushes_are_judged_on_judge_threads_and_pulls_on_the_shared_pool(tmp_path, judge_threads):
    store = CentralStore(tmp_path / "central.db")
    store.import_catalog(parse_catalog(json.dumps(BASE_CATALOG)))
    seen: dict[str, set] = {"push": set(), "pull": set()}
    push, pull = store.push, store.pull_page_json

    def spy(kind, fn):
        def run(*a, **k):
            seen[kind].add(threading.current_thread().name)
            return fn(*a, **k)
        return run

    store.push, store.pull_page_json = spy("push", push), spy("pull", pull)
    with TestClient(create_app(store, judge_threads=judge_threads)) as c:
        token = store.create_enrol_token("A-001")
        cred = c.post("/v1/enrol", json={"token": token, "terminal_id": "T1"}).json()["credential"]
        auth = {"Authorization": f"Bearer {cred}"}
        assert c.post("/v1/enrol/confirm", json={"token": token}, headers=auth).status_code == 200
        for n in (1, 2, 3):
            ans = c.post("/v1/push", json={"events": [envelope(settlement("A-001", "T1", n), n)]}, headers=auth).json()
            assert ans["results"][0]["status"] == "accepted", ans
            assert c.get("/v1/pull", headers=auth).status_code == 200
    judged_apart = {name.startswith("judge") for name in seen["push"]}
    assert judged_apart == {judge_threads > 0}
    assert not any(name.startswith("judge") for name in seen["pull"])
    store.close()


def test_judge_processes_need_postgresql(tmp_path):
    res = subprocess.run([sys.executable, "-m", "sync.server", "--db", str(tmp_path / "c.db"), "--judge-processes", "1",
                          "--port", "0"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and "--judge-processes needs PostgreSQL" in res.stderr
    assert not (tmp_path / "c.db").exists()  # nothing made


@pytest.mark.postgresql
def test_judge_processes_answer_as_the_worker_would(pg_url, tmp_path):
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(BASE_CATALOG))
    srv = ServerProcess(pg_url, catalog, extra=("--workers", "2", "--judge-processes", "1"))
    try:
        a = HandDevice(srv, "A-001", "TA")
        sale = a.settlement(amount=600)
        env = envelope(sale, 1)
        post = lambda e: httpx.post(srv.url + "/v1/push", json={"events": [e]}, headers=a.headers, timeout=30).json()  # noqa: E731
        first = post(env)["results"][0]
        assert first["status"] == "accepted", first
        again = post(env)["results"][0]
        assert again["status"] == "duplicate" and again["original_status"] == "accepted"
        wrong = httpx.post(srv.url + "/v1/push", json={"events": [{**env, "store_id": "B-001"}]}, headers=a.headers, timeout=30)
        assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "wrong_store"
        assert srv.store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
    finally:
        srv.stop()


def _descendants(pid: int) -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) of every live process below `pid` (Linux /proc)."""
    table = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                ppid = int(open(f"/proc/{entry.name}/stat").read().rsplit(")", 1)[1].split()[1])
                cmd = open(f"/proc/{entry.name}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            table[int(entry.name)] = (ppid, cmd)
    out, todo = {}, [pid]
    while todo:
        p = todo.pop()
        for child, (ppid, cmd) in table.items():
            if ppid == p and child not in out:
                out[child] = (ppid, cmd)
                todo.append(child)
    return out


@pytest.mark.postgresql
def test_a_judge_process_killed_is_replaced_and_the_event_stored_once(pg_url, tmp_path):
    """With `--workers 2` and no judge options, the default: one judge process per worker, 10 steps lower
    in CPU priority (limits.JUDGE_PROCESSES, JUDGE_PROCESS_NICE)."""
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(BASE_CATALOG))
    srv = ServerProcess(pg_url, catalog, extra=("--workers", "2"))
    try:
        a = HandDevice(srv, "A-001", "TA")
        deadline = time.monotonic() + 60  # a loaded machine: the workers and their judges may still be starting
        while True:
            workers = {p for p, (ppid, cmd) in _descendants(srv.proc.pid).items() if ppid == srv.proc.pid and "spawn_main" in cmd}
            judges = [p for p, (ppid, cmd) in _descendants(srv.proc.pid).items()
                      if ppid in workers and "spawn_main" in cmd and "resource_tracker" not in cmd]
            if (len(workers) == 2 and len(judges) == 2) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert len(workers) == 2 and len(judges) == 2, _descendants(srv.proc.pid)
        assert [_nice(p) for p in judges] == [_nice(w) + JUDGE_PROCESS_NICE for w in workers]
        for p in judges:
            os.kill(p, signal.SIGKILL)
        env = envelope(a.settlement(amount=600), 1)

        def push_until_answered() -> dict:
            """The terminal's loop: a 503 is sent again (same event id) after Retry-After. Either worker
            may take the push, and each replaces its own killed judge when a push reaches it."""
            statuses = []
            for _ in range(8):
                r = httpx.post(srv.url + "/v1/push", json={"events": [env]}, headers=a.headers, timeout=60)
                statuses.append(r.status_code)
                if r.status_code == 200:
                    return r.json()["results"][0]
                assert r.status_code == 503 and r.headers.get("retry-after"), r.text
            raise AssertionError(f"never answered: {statuses}")

        assert push_until_answered()["status"] in ("accepted", "duplicate")
        assert srv.store.conn.execute("SELECT COUNT(*) FROM events WHERE event_id = ?", (env["event_id"],)).fetchone()[0] == 1
        assert push_until_answered()["status"] == "duplicate"
        judges = [p for p, (ppid, cmd) in _descendants(srv.proc.pid).items()
                  if ppid in workers and "spawn_main" in cmd and "resource_tracker" not in cmd]
        assert judges  # the replacements
        for w in workers:  # a worker killed outright: its judge processes end too, no orphan keeps a connection
            os.kill(w, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while [p for p in judges if _alive(p)] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in judges if _alive(p)]
    finally:
        srv.stop()


def _nice(pid: int) -> int:
    """The nice value of a live process (/proc/PID/stat, field 19)."""
    return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[16])


def _alive(pid: int) -> bool:
    """A process that runs (not gone, not a zombie waiting to be reaped)."""
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def test_hostile_nesting_is_refused_never_a_500(engine, request, tmp_path):
    """The default multi-worker server hands each push to a judge process (pickled across, and pickling
    recurses: depth 900 was a 500); the one-process server judges on threads. On both, a payload nested
    up to and past what the JSON parser takes is refused (a per-event `invalid_payload`, or 400 for a body
    the parser cannot read), never a 500, and the judges keep judging."""
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(BASE_CATALOG))
    if engine == "sqlite":
        srv = ServerProcess(tmp_path / "central.db", catalog)
    else:
        srv = ServerProcess(request.getfixturevalue("pg_url"), catalog, extra=("--workers", "2"))
    try:
        a = HandDevice(srv, "A-001", "TA")
        for seq, depth in enumerate((33, 200, 900, 990, 2000, 20000), start=1):
            env = envelope(a.settlement(amount=600), seq)
            head = json.dumps({"events": [{**env, "payload": {**env["payload"], "junk": "@"}}]})
            raw = head.replace('"@"', "[" * depth + "]" * depth).encode()
            r = httpx.post(srv.url + "/v1/push", content=raw, headers={**a.headers, "Content-Type": "application/json"},
                           timeout=60)
            assert r.status_code < 500, (depth, r.status_code, r.text[:300])
            if r.status_code == 200 or depth <= 900:  # within the parser's limits: judged, and refused by the judge
                assert r.status_code == 200, (depth, r.status_code, r.text[:300])
                assert r.json()["results"][0]["error"]["code"] == "invalid_payload", (depth, r.text[:300])
            else:
                assert r.status_code == 400, (depth, r.status_code, r.text[:300])
        for seq, field in enumerate(("member_id", "checkout_id"), start=50):  # a lone surrogate in a judged id: it
            # reached the PostgreSQL lock keys (UnicodeEncodeError: internal_error, every retry the same)
            env = envelope(a.settlement(amount=600), seq)
            raw = json.dumps({"events": [{**env, "payload": {**env["payload"], field: "@"}}]}).replace('"@"', '"\\ud800"')
            r = httpx.post(srv.url + "/v1/push", content=raw.encode(), headers={**a.headers, "Content-Type": "application/json"},
                           timeout=60)
            assert r.status_code == 200 and r.json()["error"] is None, r.text[:300]
            assert r.json()["results"][0]["error"]["code"] == "invalid_payload", r.text[:300]
        ok = httpx.post(srv.url + "/v1/push", json={"events": [envelope(a.settlement(amount=600), 100)]},
                        headers=a.headers, timeout=60)
        assert ok.status_code == 200 and ok.json()["results"][0]["status"] == "accepted", ok.text
    finally:
        srv.stop()
