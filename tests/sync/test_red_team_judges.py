"""Red team of the judge-process path (sync/server/judges.py; a helper's attack of 2026-11-30): a hostile
store terminal with a real device credential against a real `--workers 2` PostgreSQL server (the default:
one judge process per worker). The max-size batch attacks are `-m slow`. Each test: what the server answers,
and that an honest push afterwards is still accepted exactly once."""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import httpx
import pytest

from terminal.domain.events import payload_sha256
from tests.conftest import BASE_CATALOG
from tests.sync.conftest import ServerProcess
from tests.sync.handmade import HandDevice
from tests.sync.test_judges import envelope

pytestmark = pytest.mark.postgresql


@pytest.fixture(scope="module")
def srv(pg_cluster, tmp_path_factory):
    d = tmp_path_factory.mktemp("rt")
    catalog = d / "catalog.json"
    catalog.write_text(json.dumps(BASE_CATALOG))
    name = pg_cluster.create_database()
    s = ServerProcess(pg_cluster.url(name), catalog, extra=("--workers", "2"))
    yield s
    s.stop()
    pg_cluster.drop_database(name)


@pytest.fixture(scope="module")
def dev(srv):
    return HandDevice(srv, "A-001", "TA")


_seq = [1000]


def nxt() -> int:
    _seq[0] += 1
    return _seq[0]


def post(srv, dev, body, timeout=120, raw=False):
    if raw:
        return httpx.post(srv.url + "/v1/push", content=body, headers={**dev.headers, "Content-Type": "application/json"},
                          timeout=timeout)
    return httpx.post(srv.url + "/v1/push", json=body, headers=dev.headers, timeout=timeout)


def count(srv, event_id: str) -> int:
    return srv.store.conn.execute("SELECT COUNT(*) FROM events WHERE event_id = ?", (event_id,)).fetchone()[0]


def honest(srv, dev, *, timeout=120) -> httpx.Response:
    env = envelope(dev.settlement(amount=600), nxt())
    r = post(srv, dev, {"events": [env]}, timeout=timeout)
    r.env = env
    return r


def push_until_all_answered(srv, dev, events: list[dict], *, within_s: float = 240) -> list:
    """What a terminal does with its outbox: send what is not acknowledged yet; on 429/503 wait Retry-After and
    send again; a 200 acknowledges through `acked_through_seq` (a push past its judging budget answers part of
    the batch). The answers' status codes, in order."""
    left, codes = list(events), []
    deadline = time.monotonic() + within_s
    while left:
        assert time.monotonic() < deadline, (codes[-10:], len(left))
        r = post(srv, dev, {"events": left}, timeout=300)
        codes.append(r.status_code)
        assert r.status_code in (200, 429, 503), (r.status_code, r.text[:300])
        if r.status_code != 200:
            time.sleep(float(r.headers.get("Retry-After", "1")))
            continue
        ans = r.json()
        through = ans["acked_through_seq"]
        if through is not None:
            left = [e for e in left if e["terminal_seq"] > through]
        elif ans["error"] is not None:
            time.sleep(1)
    return codes


def assert_honest_ok(srv, dev):
    r = honest(srv, dev)
    assert r.status_code == 200, (r.status_code, r.text[:300])
    assert r.json()["results"][0]["status"] == "accepted", r.text[:300]
    assert count(srv, r.env["event_id"]) == 1


def _children(pid: int) -> list[int]:
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            stat = open(f"/proc/{p}/stat").read()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(p))
    return out


def _cmd(pid: int) -> str:
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def judge_pids(srv) -> list[int]:
    """The judge processes: children of the worker processes running spawn_main, not the resource tracker."""
    found = []
    for worker in _children(srv.proc.pid):
        for c in _children(worker):
            cmd = _cmd(c)
            if "spawn_main" in cmd and "resource_tracker" not in cmd:
                found.append(c)
    return found


# --- payload contents ------------------------------------------------------------------------------------


@pytest.mark.parametrize("junk", ["1" + "0" * 4000, "1" + "0" * 5000, "1e400", "-1e400", "NaN", "Infinity",
                                  '"\\ud800"', '"\\u0000"', '{"\\ud800": 1}', '"' + "x" * 1_000_000 + '"'],
                         ids=["int4000", "int5000", "1e400", "-1e400", "NaN", "Infinity", "surrogate", "nul",
                              "surrogate_key", "1MB_string"])
def test_hostile_values_in_extra_field(srv, dev, junk):
    env = envelope(dev.settlement(amount=600), nxt())
    head = json.dumps({"events": [{**env, "payload": {**env["payload"], "junk": "@@"}}]})
    r = post(srv, dev, head.replace('"@@"', junk).encode(), raw=True)
    assert r.status_code < 500, (r.status_code, r.text[:300])
    assert count(srv, env["event_id"]) <= 1
    assert_honest_ok(srv, dev)


@pytest.mark.parametrize("field,junk", [("gross", "1" + "0" * 4000), ("total", "1e400"), ("total", "NaN"),
                                        ("member_id", '"\\ud800"'), ("member_id", '"M\\u0000"'),
                                        ("checkout_id", '"\\udfff"'), ("cashier_id", '"\\u0000"')])
def test_hostile_values_in_judged_fields(srv, dev, field, junk):
    """Found by this red team, fixed: an unpaired surrogate in a judged id (member_id "\\ud800", checkout_id
    "\\udfff") reached store.key_hash (PostgreSQL lock_keys) and raised UnicodeEncodeError: the batch stopped
    with error internal_error, every retry the same. Now refused as invalid_payload before any lock."""
    env = envelope(dev.settlement(amount=600), nxt())
    head = json.dumps({"events": [{**env, "payload": {**env["payload"], field: "@@"}}]})
    r = post(srv, dev, head.replace('"@@"', junk).encode(), raw=True)
    assert r.status_code < 500, (r.status_code, r.text[:300])
    if r.status_code == 200:
        assert r.json()["error"] is None or r.json()["error"]["code"] != "internal_error", r.text[:400]
    assert_honest_ok(srv, dev)


# --- size ------------------------------------------------------------------------------------------------


@pytest.mark.slow  # 9-25 s each: the default suite keeps the fast attacks
def test_max_batch_near_body_limit(srv, dev):
    """500 events, ~8 MiB together: judged (or refused) without a 500, and the judge still works."""
    pad = "p" * 15_000
    events = [envelope(dev.settlement(amount=600, pad=pad), nxt()) for _ in range(500)]
    body = json.dumps({"events": events}).encode()
    assert len(body) < 8 * 1024 * 1024
    t = time.monotonic()
    r = post(srv, dev, body, raw=True, timeout=300)
    took = time.monotonic() - t
    assert r.status_code < 500, (r.status_code, r.text[:300])
    print("max batch:", r.status_code, round(took, 1), "s", r.text[:200] if r.status_code != 200 else "")
    assert_honest_ok(srv, dev)


# --- concurrency -----------------------------------------------------------------------------------------


def test_same_event_pushed_concurrently_lands_once(srv, dev):
    env = envelope(dev.settlement(amount=600), nxt())
    body = {"events": [env]}

    def one(_):
        with httpx.Client() as c:  # a fresh connection each: spread over both workers
            return c.post(srv.url + "/v1/push", json=body, headers=dev.headers, timeout=120)

    with ThreadPoolExecutor(12) as ex:
        rs = list(ex.map(one, range(12)))
    codes = [r.status_code for r in rs]
    assert all(c in (200, 429, 503) for c in codes), [(r.status_code, r.text[:200]) for r in rs]
    statuses = [r.json()["results"][0]["status"] for r in rs if r.status_code == 200 and r.json()["results"]]
    assert statuses.count("accepted") <= 1, statuses
    assert count(srv, env["event_id"]) == 1
    assert_honest_ok(srv, dev)


@pytest.mark.slow  # 9-25 s each: the default suite keeps the fast attacks
def test_many_concurrent_big_pushes_never_500(srv, dev):
    """16 concurrent 100-event pushes of one device (4x the WriteGate's slots per worker): 200, 429
    push_in_progress (one push of a device at a time) or 503, never 500; nothing doubled."""
    pad = "q" * 2_000
    bodies = [{"events": [envelope(dev.settlement(amount=600, pad=pad), nxt()) for _ in range(100)]} for _ in range(16)]

    def one(b):
        with httpx.Client() as c:
            return c.post(srv.url + "/v1/push", json=b, headers=dev.headers, timeout=300)

    with ThreadPoolExecutor(16) as ex:
        rs = list(ex.map(one, bodies))
    assert all(r.status_code in (200, 429, 503) for r in rs), [(r.status_code, r.text[:200]) for r in rs]
    for r, b in zip(rs, bodies):
        for env in b["events"]:
            assert count(srv, env["event_id"]) <= 1
    print("codes:", [r.status_code for r in rs])
    assert_honest_ok(srv, dev)


@pytest.mark.slow  # builds and sends 4 x 8 MiB
def test_other_store_waits_behind_a_hostile_big_batch(srv, dev):
    """Found by this red team, fixed (one push of a device at a time, 429 push_in_progress; a judging time
    budget per push, intake.PUSH_BUDGET_S) — before: store B-001's one-event push took 105.7 s, answered 200): a hostile terminal keeps each
    worker's single judge process busy with max-size batches (4 x 500 events, ~7.7 s each alone); another
    store's honest push is admitted by the WriteGate and then queues behind them in the judge pool."""
    other = HandDevice(srv, "B-001", "TB") if "B-001" in json.dumps(BASE_CATALOG) else HandDevice(srv, "A-001", "TA2")
    pad = "r" * 15_000

    def hostile(_):
        b = {"events": [envelope(dev.settlement(amount=600, pad=pad), nxt()) for _ in range(500)]}
        with httpx.Client() as c:
            return c.post(srv.url + "/v1/push", json=b, headers=dev.headers, timeout=300)

    with ThreadPoolExecutor(4) as ex:
        fut = list(ex.map(lambda i: ex.submit(hostile, i), range(4)))
        time.sleep(2.0)
        t = time.monotonic()
        r = honest(srv, other)
        took = time.monotonic() - t
        hs = [f.result() for f in fut]
    print("hostile:", [h.status_code for h in hs], "other store:", r.status_code, round(took, 2), "s")
    assert r.status_code == 200, (r.status_code, r.text[:300], round(took, 2))
    assert took < 5, took


# --- dropped connections ---------------------------------------------------------------------------------


@pytest.mark.slow  # 9-25 s each: the default suite keeps the fast attacks
def test_client_drops_mid_judgement_then_retries_exactly_once(srv, dev):
    pad = "s" * 10_000
    events = [envelope(dev.settlement(amount=600, pad=pad), nxt()) for _ in range(300)]
    try:
        post(srv, dev, {"events": events}, timeout=0.5)
    except httpx.TimeoutException:
        pass
    time.sleep(1)
    push_until_all_answered(srv, dev, events)  # 429 push_in_progress while the dropped push is still judged
    for env in events:
        assert count(srv, env["event_id"]) == 1
    assert_honest_ok(srv, dev)


def test_slow_body_does_not_wedge(srv, dev):
    """A body trickled slowly (one byte per 0.2 s): refused or waited for; honest pushes meanwhile go through."""
    env = envelope(dev.settlement(amount=600), nxt())
    body = json.dumps({"events": [env]}).encode()
    u = urlparse(srv.url)
    socks = []
    for _ in range(6):
        s = socket.create_connection((u.hostname, u.port))
        s.sendall(f"POST /v1/push HTTP/1.1\r\nHost: x\r\nAuthorization: {dev.headers['Authorization']}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body[:10])
        socks.append(s)
    time.sleep(1.5)
    t = time.monotonic()
    assert_honest_ok(srv, dev)
    assert time.monotonic() - t < 5
    for s in socks:
        s.close()


# --- judge processes killed ------------------------------------------------------------------------------


def test_honest_push_after_idle_judges_killed_is_accepted(srv, dev):
    """Found by this red team, fixed: SIGKILL of an idle judge process (out-of-memory killer, an operator) was
    noticed only by the next push, answered 503 `database_unavailable` although nothing of it was ever
    judged. Now new judge processes take that push (judges.JudgeProcesses.push)."""
    pids = judge_pids(srv)
    assert len(pids) == 2, pids
    for p in pids:
        os.kill(p, signal.SIGKILL)
    time.sleep(1.0)
    codes = []
    for _ in range(4):  # over both workers
        with httpx.Client() as c:
            env = envelope(dev.settlement(amount=600), nxt())
            r = c.post(srv.url + "/v1/push", json={"events": [env]}, headers=dev.headers, timeout=120)
            codes.append((r.status_code, r.text[:160] if r.status_code != 200 else ""))
    new = judge_pids(srv)
    assert len(new) >= 1 and not set(new) & set(pids), (pids, new)
    assert all(c == 200 for c, _ in codes), codes


@pytest.mark.slow  # 9-25 s each: the default suite keeps the fast attacks
def test_judge_killed_mid_judgement_then_retry_exactly_once(srv, dev):
    pad = "t" * 10_000
    events = [envelope(dev.settlement(amount=600, pad=pad), nxt()) for _ in range(400)]
    before = set(judge_pids(srv))
    box = {}

    def push():
        box["r"] = post(srv, dev, {"events": events}, timeout=300)

    th = threading.Thread(target=push)
    th.start()
    time.sleep(2.5)
    for p in judge_pids(srv):
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass
    th.join()
    r = box["r"]
    assert r.status_code in (200, 503), (r.status_code, r.text[:300])
    print("killed mid judgement:", r.status_code, r.text[:160], "before", before)
    print("retries:", push_until_all_answered(srv, dev, events))
    for env in events:
        assert count(srv, env["event_id"]) == 1
    assert_honest_ok(srv, dev)
