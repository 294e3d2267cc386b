"""The wire and backpressure (issue 14, items 4 and 5), against the real server on 127.0.0.1:
gzip on answers, pull pages bounded by bytes, push bodies bounded by bytes, load shedding
(503 + Retry-After) that the client honours, push batches that shrink after a timeout or a 503
and grow again, and the jittered sync timer."""

from __future__ import annotations

import gzip
import json
import random
import sqlite3
import threading
import time
import uuid

import httpx
import pytest

from sync.client import MemoryCredentialStore, SyncClient, SyncRunner, TransientError
from sync.protocol import PAGE_BYTES, PUSH_BODY_BYTES
from sync.server.limits import MAX_BODY
from terminal.provisioning.bootstrap import open_replica
from terminal.domain.events import canonical_json, payload_sha256
from terminal.usecases.service import RedemptionService

from .conftest import AT, ServerProcess
from .handmade import HandDevice
from tests.conftest import FixedClock


def _envelope(dev: HandDevice, payload: dict) -> dict:
    dev.seq += 1
    return {"event_id": str(uuid.uuid4()), "terminal_id": dev.terminal_id, "store_id": dev.store_id, "terminal_seq": dev.seq,
            "type": "settlement", "schema_version": 1, "payload": payload, "payload_sha256": payload_sha256(payload),
            "occurred_at": "2026-11-20T04:00:00+00:00", "based_on_cursor": None, "app_version": "hand"}


def _events(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]


class DatabaseLock:
    """Another process's write transaction on the central database (an admin command, a backup tool)."""

    def __init__(self, path) -> None:
        self.conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)

    def __enter__(self) -> "DatabaseLock":
        self.take()
        return self

    def take(self) -> None:
        from terminal.storage.db import _begin_immediate

        _begin_immediate(self.conn)  # between the server's own transactions (waits up to 5 s)

    def release(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def __exit__(self, *exc) -> None:
        self.release()
        self.conn.close()


def _terminal(srv: ServerProcess, tmp_path, terminal_id: str = "T1", **client_kw) -> tuple[SyncClient, RedemptionService]:
    path = tmp_path / f"{terminal_id}.db"
    client = SyncClient(open_replica(path), srv.url, MemoryCredentialStore(), backoff_base=0.02, backoff_cap=0.2, **client_kw)
    client.enrol(srv.store.create_enrol_token("A-001"), terminal_id)
    client.bootstrap()
    return client, RedemptionService(open_replica(path), store_id="A-001", terminal_id=terminal_id, clock=FixedClock(AT))


def _close(client: SyncClient, svc: RedemptionService) -> None:
    client.close()
    client.conn.close()
    svc.replica.conn.close()


def _sell(svc: RedemptionService, n: int, prefix: str = "s") -> None:
    from terminal.usecases.checkout import CheckoutRequest, LineRequest

    for i in range(n):
        svc.settle(CheckoutRequest(f"{prefix}{i}", (LineRequest(amount=100 + i, name="Amount"),)), cashier_id="C01")


def _pushed_sizes(client: SyncClient) -> list[int]:
    """Records the number of events in every push request `client` sends (an httpx request hook)."""
    sizes: list[int] = []

    def hook(request: httpx.Request) -> None:
        if request.url.path == "/v1/push":
            sizes.append(len(json.loads(request.content)["events"]))

    client.http.event_hooks["request"].append(hook)
    return sizes


# ---- gzip ------------------------------------------------------------------------------------

def test_pull_pages_are_gzipped_for_a_client_that_accepts_it_and_the_client_decodes_them(server, make_terminal):
    t = make_terminal()  # bootstrapped through gzipped pages already
    assert "gzip" in t.client.http.headers["accept-encoding"]  # httpx asks for it by itself
    auth = t.client._auth()
    with t.client.http.stream("GET", "/v1/pull", params={"limit": 1000}, headers=auth) as r:
        raw = b"".join(r.iter_raw())
        assert r.status_code == 200 and r.headers["content-encoding"] == "gzip" and "accept-encoding" in r.headers["vary"].lower()
    page = gzip.decompress(raw)
    plain = httpx.get(server.url + "/v1/pull", params={"limit": 1000}, headers={**auth, "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == page  # the same page, compressed on the wire
    assert len(json.loads(page)["items"]) > 50 and len(raw) * 3 < len(page), (len(raw), len(page))
    # the client's own request decodes it transparently
    assert t.client._request("GET", "/v1/pull", params={"limit": 1000}) == json.loads(page)
    small = httpx.get(server.url + "/v1/health")  # under 1 KiB: not worth compressing
    assert "content-encoding" not in small.headers


def test_an_answer_that_does_not_decompress_is_a_transient_error(tmp_path):
    def mangled(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-encoding": "gzip", "content-type": "application/json"},
                              content=b"\x1f\x8b\x08\x00garbage, cut on the way")

    client = SyncClient(open_replica(tmp_path / "t.db"), "http://127.0.0.1:9", MemoryCredentialStore(),
                        transport=httpx.MockTransport(mangled))
    try:
        with pytest.raises(TransientError) as err:
            client._request("GET", "/v1/health", auth=False)
        assert "could not be decoded" in err.value.reason
    finally:
        client.close()
        client.conn.close()


# ---- pull pages bounded by bytes ----------------------------------------------------------------

def test_pull_pages_stop_at_the_byte_budget_and_cover_every_row_exactly_once(server):
    s = server.store
    sizes = [300_000, 50_000, 700_000, 200_000, 1_500_000, 90_000, 400_000, 400_000, 400_000, 10_000] * 2
    with s.write():  # big rows (bodies are bounded where rows enter the feed; these are planted)
        for i, n in enumerate(sizes):
            s.put("product", f"BIG-{i}", {"sku": f"BIG-{i}", "name": "x" * n})  # chain-wide: every device gets them
    for i in range(300):
        s.issue_coupon("T-100OFF", code=f"SMALL-{i}")  # small rows after them
    from sync.server.slices import device_match

    # what a device of A-001 (brand A) receives: its brand's and the chain-wide rows (store slices)
    every = [r[0] for r in s.conn.execute("SELECT seq, scope FROM entities ORDER BY seq") if device_match(r[1], "A", "A-001")]
    dev = HandDevice(server, "A-001", "TA")
    seen, cursor, pages = [], None, []
    while True:
        r = httpx.get(server.url + "/v1/pull", params={"limit": 1000, **({"cursor": cursor} if cursor else {})},
                      headers=dev.headers, timeout=30)
        page = r.json()
        items = page["items"]
        items_bytes = sum(len(json.dumps(it, ensure_ascii=False, separators=(",", ":")).encode()) + 1 for it in items)
        pages.append((len(items), items_bytes))
        assert items_bytes <= PAGE_BYTES or len(items) == 1, (len(items), items_bytes)
        if items:
            assert page["next_cursor"].endswith(f".{items[-1]['seq']}")  # the cursor is the last row sent
        seen += [it["seq"] for it in items]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == every  # every row once, in order: none skipped, none repeated
    assert any(n == 1 and b > PAGE_BYTES for n, b in pages)  # the 1.5 MB row came alone
    assert len(pages) >= 8  # 8.1 MB of rows: 1 page before the budget
    # `limit` still bounds the rows
    assert len(httpx.get(server.url + "/v1/pull", params={"limit": 5}, headers=dev.headers).json()["items"]) == 5


def test_a_terminal_pulls_byte_bounded_pages_to_the_head(server, make_terminal):
    t = make_terminal()
    s = server.store
    with s.write():
        for i in range(6):  # 6 x 400 KB of product rows: 3 pages at 1 MiB each
            s.put("product", f"BIGSKU-{i}", {"sku": f"BIGSKU-{i}", "name": "N" * 400_000, "category_id": None, "price": 10,
                                             "barcode": None, "pp_point_type": None, "pp_points": None, "pp_cash": None})
    rep = t.client.pull()
    assert rep.pages >= 3 and rep.items == 6 and rep.cursor == s.cursor()
    assert t.client.replica.get_meta("pull_cursor") == s.cursor()


# ---- push bodies bounded by bytes ------------------------------------------------------------------

def test_push_bodies_stay_within_the_budget_and_below_the_servers_limit(server, make_terminal):
    assert 2 * PUSH_BODY_BYTES <= MAX_BODY
    t = make_terminal()
    big = []
    for i in range(45):  # 45 events of 200 KB: 9 MB, past the server's 8 MiB body limit in one batch of 100
        payload = {"checkout_id": f"big-{i}", "store_id": "A-001", "terminal_id": "T1", "cashier_id": "C01", "member_id": None,
                   "occurred_at": "2026-11-20T04:00:00+00:00", "payment_method": "cash", "note": "n" * 200_000,
                   "lines": [{"line_id": 1, "sku": None, "name": "Amount", "unit_price": 100, "quantity": 1, "net": 100,
                              "points_price": None}], "gross": 100, "coupon_discount": 0, "points_discount": 0, "total": 100,
                   "coupons": [], "burns": [], "earns": []}
        big.append((str(uuid.uuid4()), i + 1, "settlement", 1, canonical_json(payload), payload_sha256(payload), payload["occurred_at"]))
    c = t.client.conn
    c.execute("BEGIN IMMEDIATE")
    c.executemany("INSERT INTO outbox(event_id, terminal_seq, type, schema_version, payload, payload_sha256, created_at) "
                  "VALUES (?,?,?,?,?,?,?)", big)
    c.execute("COMMIT")
    bodies, statuses = [], []
    t.client.http.event_hooks["request"].append(lambda r: bodies.append(len(r.content)) if r.url.path == "/v1/push" else None)
    t.client.http.event_hooks["response"].append(lambda r: statuses.append(r.status_code))
    rep = t.client.push()
    assert rep.acked == 45 and t.client.pending_count() == 0
    assert 413 not in statuses and all(n <= PUSH_BODY_BYTES for n in bodies), (statuses, bodies)
    assert len(bodies) <= 4  # about 20 events a body, not one at a time


# ---- load shedding ---------------------------------------------------------------------------

def test_a_saturated_write_path_answers_503_with_retry_after_instead_of_queueing(tmp_path, catalog_file):
    srv = ServerProcess(tmp_path / "central.db", catalog_file, extra=("--max-writes", "1", "--write-wait", "0.3"))
    try:
        a, b = HandDevice(srv, "A-001", "TA"), HandDevice(srv, "A-001", "TB")
        batch = {"events": [_envelope(a, a.settlement(amount=100)) for _ in range(500)]}
        answers: list[httpx.Response] = []
        lock = DatabaseLock(srv.db)
        try:
            slow = threading.Thread(target=lambda: answers.append(httpx.post(srv.url + "/v1/push", json=batch, headers=a.headers,
                                                                             timeout=60)))
            slow.start()
            deadline = time.monotonic() + 20
            while _events(srv.store) == 0:  # A's batch holds the only slot and is being judged
                assert time.monotonic() < deadline
                time.sleep(0.005)
            lock.take()  # and now it waits for the database: it keeps its slot
            t0 = time.monotonic()
            r = httpx.post(srv.url + "/v1/push", json={"events": [_envelope(b, b.settlement(amount=100))]}, headers=b.headers,
                           timeout=10)
            waited = time.monotonic() - t0
        finally:
            lock.__exit__()
        slow.join(60)
        assert r.status_code == 503 and r.json()["error"]["code"] == "overloaded", r.text
        assert int(r.headers["retry-after"]) >= 1 and 0.25 < waited < 3, waited  # told at once to come back later
        assert srv.store.conn.execute("SELECT COUNT(*) FROM events WHERE terminal_id = 'TB'").fetchone()[0] == 0
        assert answers and answers[0].status_code == 200  # the batch inside went on
        # later, B's push is taken
        ok = httpx.post(srv.url + "/v1/push", json={"events": [_envelope(b, b.settlement(amount=100))]}, headers=b.headers)
        assert ok.status_code == 200 and ok.json()["results"][0]["status"] == "accepted"
    finally:
        srv.stop()


def test_a_locked_database_answers_503_and_the_client_waits_at_least_retry_after(tmp_path, catalog_file):
    srv = ServerProcess(tmp_path / "central.db", catalog_file, extra=("--write-wait", "0.3"))
    slept: list[float] = []
    client, svc = _terminal(srv, tmp_path, batch_size=8, sleep=slept.append)
    try:
        _sell(svc, 20)
        sizes = _pushed_sizes(client)
        with DatabaseLock(srv.db) as lock:
            t0 = time.monotonic()
            with pytest.raises(TransientError) as err:
                client.push()
            assert time.monotonic() - t0 < 3  # not 5 s of busy wait per event, nor the client's 10 s timeout
            assert err.value.retry_after is not None and err.value.retry_after >= 1 and err.value.overloaded
            assert "503" in err.value.reason and _events(srv.store) == 0
            assert client.push_size == 4  # the next attempt sends half
            for attempt in range(3):  # honoured: never sooner than Retry-After, with jitter above it
                assert err.value.retry_after <= client.retry_delay(err.value, attempt) <= 1.5 * err.value.retry_after
            client.sleep = lambda s: (slept.append(s), lock.release())  # the lock is gone when it retries
            client.sync_with_retry(deadline_s=30)
        assert slept and slept[0] >= 1.0, slept
        assert client.pending_count() == 0 and _events(srv.store) == 20
        # halved after each 503 (the second came from sync_with_retry's first try), doubled back after quick answers
        assert sizes == [8, 4, 2, 4, 8, 6], sizes
    finally:
        _close(client, svc)
        srv.stop()


def test_a_batch_that_timed_out_is_not_sent_again_in_full(tmp_path, catalog_file):
    # an old-style server (no shedding) behind a locked database: the terminal's requests time out
    srv = ServerProcess(tmp_path / "central.db", catalog_file, extra=("--max-writes", "0"))
    client, svc = _terminal(srv, tmp_path, batch_size=16, timeout=1.5)
    try:
        _sell(svc, 40)
        sizes = _pushed_sizes(client)
        with DatabaseLock(srv.db):
            for _ in range(2):
                with pytest.raises(TransientError) as err:
                    client.push()
                # the first send times out; the second too, or — its first push still being judged behind the
                # lock — is answered 429 push_in_progress (one push of a device at a time): both shed, halved
                assert err.value.overloaded and ("timeout" in err.value.reason or "429" in err.value.reason), err.value.reason
        assert sizes == [16, 8] and client.push_size == 4
        deadline = time.monotonic() + 20
        while _events(srv.store) < 16:  # the server goes on with the batch the terminal gave up on
            assert time.monotonic() < deadline
            time.sleep(0.05)
        client.push()
        assert client.pending_count() == 0
        assert sizes[2] == 4 and sum(sizes[2:]) == 40, sizes  # small first (growing back: the test below)
        assert srv.store.conn.execute("SELECT COUNT(DISTINCT terminal_seq), COUNT(*) FROM events").fetchone() == (40, 40)
    finally:
        _close(client, svc)
        srv.stop()


def test_the_batch_size_halves_when_shed_and_doubles_when_answered_quickly(tmp_path):
    client = SyncClient(open_replica(tmp_path / "t.db"), "http://127.0.0.1:9", MemoryCredentialStore(), batch_size=16,
                        timeout=8.0)
    try:
        seen = []
        for sent, took in ((16, None), (8, None), (4, 0.1), (8, 1.9), (16, 2.5), (16, 0.1), (3, 0.1), (16, None), (8, None),
                           (4, None), (2, None), (1, None), (1, 0.0)):
            client._batch_answered(sent, took)
            seen.append(client.push_size)
        # halved down to 1; doubled (up to 16) only when a full batch came back within a quarter of the 8 s timeout
        assert seen == [8, 4, 8, 16, 16, 16, 16, 8, 4, 2, 1, 1, 2]
        fixed = SyncClient(client.replica, "http://127.0.0.1:9", MemoryCredentialStore(), batch_size=16, adaptive_batch=False)
        fixed._batch_answered(16, None)
        assert fixed.push_size == 16  # the behaviour before (benchmarks)
        fixed.close()
    finally:
        client.close()
        client.conn.close()


# ---- the sync timer ------------------------------------------------------------------------------

def test_the_sync_timer_has_seeded_jitter(server, make_terminal):
    t = make_terminal()
    runner = SyncRunner(t.client, interval_s=10.0, rng=random.Random(42))
    draws = [runner.next_interval() for _ in range(500)]
    expected = random.Random(42)
    assert draws == [10.0 * expected.uniform(0.8, 1.2) for _ in range(500)]  # deterministic with a seeded rng
    assert 8.0 <= min(draws) < 8.2 and 11.8 < max(draws) <= 12.0  # spread over the whole +-20 %
    with pytest.raises(ValueError):
        SyncRunner(t.client, jitter=1.5)

    class Waits(threading.Event):
        """Records how long the runner waits between rounds (and waits only briefly)."""

        def __init__(self) -> None:
            super().__init__()
            self.asked: list[float] = []

        def wait(self, timeout=None):
            self.asked.append(timeout)
            return super().wait(min(timeout or 0.0, 0.01))

    runner = SyncRunner(t.client, interval_s=10.0, rng=random.Random(7))
    runner._wake = waits = Waits()
    runner.start()
    deadline = time.monotonic() + 30
    while len(waits.asked) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    runner.stop()
    seeded = random.Random(7)
    assert waits.asked[0] == 0.0  # the first round at once
    assert waits.asked[1:4] == [10.0 * seeded.uniform(0.8, 1.2) for _ in range(3)]  # then jittered, as seeded


# ---- a write lock held elsewhere in the middle of a batch -----------------------------------------

def test_a_lock_held_elsewhere_mid_batch_is_a_transient_answer_not_an_event_failure(server, monkeypatch, tmp_path):
    """Another process (an admin command, a backup) took the write lock after the push's gate: the event
    that met it is answered `database_busy`, not `internal_error`, and the terminal retries it later
    without counting an attempt towards the dead letter (an admin lock of a few seconds dead-lettered
    good events before: WIRE review, 2026-11-30)."""
    import sqlite3

    from sync.server.store import CentralStore

    store = CentralStore(server.db)
    calls = []
    holder = sqlite3.connect(tmp_path / "lock.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:  # a real "database is locked" (with SQLite's result code), as another process's lock gives
        sqlite3.connect(tmp_path / "lock.db", timeout=0, isolation_level=None).execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        locked = exc
    holder.close()

    def apply_event(self, device, env):
        calls.append(env["event_id"])
        if len(calls) == 2:
            raise locked
        return {"event_id": env["event_id"], "status": "accepted"}

    monkeypatch.setattr(CentralStore, "apply_event", apply_event)
    envs = [{"event_id": f"e{i}", "terminal_seq": i} for i in (1, 2, 3)]
    ans = store.push({"store_id": "A-001", "terminal_id": "T1"}, envs)
    assert [r["event_id"] for r in ans["results"]] == ["e1"] and ans["acked_through_seq"] == 1
    assert ans["error"]["code"] == "database_busy" and calls == ["e1", "e2"]
    store.conn.close()
    monkeypatch.undo()

    # the terminal: a push answered database_busy counts no attempt, and the event goes out next time
    client, svc = _terminal(server, tmp_path)
    try:
        _sell(svc, 3)
        real = client.http.request
        busy = {"left": 3}

        def request(method, url, *a, **kw):
            if method == "POST" and str(url).endswith("/v1/push") and busy["left"]:
                busy["left"] -= 1
                return httpx.Response(200, json={"results": [], "acked_through_seq": None, "server_cursor": None,
                                                 "error": {"code": "database_busy", "message": "busy", "details": {}}},
                                      request=httpx.Request(method, "http://127.0.0.1/v1/push"))
            return real(method, url, *a, **kw)

        failed = []
        monkeypatch.setattr(client, "_failed_attempt", lambda row, why: failed.append(why) or False)
        monkeypatch.setattr(client.http, "request", request)
        for _ in range(3):
            report = client.push()
            assert report.acked == 0 and report.stopped == "busy"
        assert failed == [] and client.pending_count() == 3
        report = client.push()
        assert report.acked == 3 and client.pending_count() == 0
    finally:
        _close(client, svc)
