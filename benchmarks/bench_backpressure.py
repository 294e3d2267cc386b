"""Backpressure benchmark (issue 14): N terminals come back online with a backlog and push it to one
reference server at once, with the client's real 10 s timeout and batches of 100, for a fixed time;
once without load shedding and the client's old fixed batches (before), once as shipped (after).
Prints a Markdown table.

    .venv/bin/python -m benchmarks.bench_backpressure [--terminals 10,50,100] [--seconds 30] [--backlog 5000]

Each terminal is a real replica file driven by `sync.client.SyncRunner` (push, pull, allowances;
backoff, Retry-After); the server is the real `python -m sync.server` in a subprocess on 127.0.0.1
(before: `--max-writes 0`, after: its defaults), wrapped only to count what it processed: every
event answer it produced, duplicates (the same event judged again because its terminal gave up
waiting and sent it again) among them, including answers nobody received any more.

Columns: accepted = new events stored per second over the window; push p50/p99 = seconds per push
request that ended in the window (timeouts count with the time they took, a 503 with its short
wait), and the p99 of those answered 200 (a batch judged); timeouts and 503 =
push requests that ended so; duplicate share = duplicates / every event answer the server
produced. All terminals and the server share this machine's CPUs and disk.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

from benchmarks.bench_sync import build_catalog, free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = 2000
COUPONS = 3000


class TimingTransport(httpx.HTTPTransport):
    """The real HTTP transport, recording (path, started, seconds, outcome) of every request."""

    def __init__(self, log: list, lock: threading.Lock) -> None:
        super().__init__()
        self.log, self.lock = log, lock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        t0 = time.monotonic()
        try:
            resp = super().handle_request(request)
            resp.read()
        except httpx.TimeoutException:
            self._note(request, t0, "timeout")
            raise
        except httpx.TransportError:
            self._note(request, t0, "error")
            raise
        self._note(request, t0, resp.status_code)
        return resp

    def _note(self, request: httpx.Request, t0: float, outcome) -> None:
        with self.lock:
            self.log.append((request.url.path, t0, time.monotonic() - t0, outcome))


def queue_backlog(replica, terminal_id: str, n: int) -> None:
    """n honest settlements in the outbox, as the counter writes them (a member earning 12 points)."""
    from terminal.domain.events import canonical_json, payload_sha256
    from terminal.storage.db import transaction

    rows = []
    for i in range(n):
        cid = f"{terminal_id}-{i}"
        payload = {"checkout_id": cid, "store_id": "A-001", "terminal_id": terminal_id, "cashier_id": "C01",
                   "member_id": f"BM{i % MEMBERS}", "occurred_at": "2026-11-20T04:00:00+00:00", "payment_method": "cash",
                   "lines": [{"line_id": 1, "sku": None, "name": "Amount", "unit_price": 600, "quantity": 1, "net": 600,
                              "points_price": None}],
                   "gross": 600, "coupon_discount": 0, "points_discount": 0, "total": 600, "coupons": [], "burns": [],
                   "earns": [{"lot_id": f"{cid}:bonus:A-base", "point_type": "bonus", "points": 12, "rule_id": "A-base",
                              "expires_at": "2027-11-21T00:00:00+08:00"}],
                   "based_on_cursor": None, "app_version": "bench"}
        rows.append((str(uuid.uuid4()), i + 1, "settlement", 1, canonical_json(payload), payload_sha256(payload),
                     payload["occurred_at"]))
    with transaction(replica.db):
        replica.conn.executemany("INSERT INTO outbox(event_id, terminal_seq, type, schema_version, payload, payload_sha256, "
                                 "created_at) VALUES (?,?,?,?,?,?,?)", rows)


def counting_server(counts_path: str, argv: list[str]) -> int:
    """`python -m sync.server ARGV`, counting every event answer of every push into `counts_path` (JSON)."""
    from sync.server import __main__ as server_main
    from sync.server.store import CentralStore

    lock = threading.Lock()
    counts = {"requests": 0, "answers": 0, "duplicate": 0}
    original = CentralStore.push
    out, tmp = Path(counts_path), Path(counts_path + ".tmp")

    def push(self, device, events):
        ans = original(self, device, events)
        with lock:
            counts["requests"] += 1
            counts["answers"] += len(ans["results"])
            counts["duplicate"] += sum(r["status"] == "duplicate" for r in ans["results"])
            tmp.write_text(json.dumps(counts))
            os.replace(tmp, out)
        return ans

    CentralStore.push = push
    return server_main.main(argv)


def _events(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        conn.close()


def _quantile(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def scenario(template: Path, work: Path, n: int, shedding: bool, seconds: float, backlog: int) -> dict:
    from sync.client import MemoryCredentialStore, SyncClient, SyncRunner
    from sync.server.store import CentralStore
    from terminal.provisioning.bootstrap import open_replica

    work.mkdir(parents=True)
    db = work / "central.db"
    shutil.copy(template, db)
    counts = work / "counts.json"
    port = free_port()
    extra = [] if shedding else ["--max-writes", "0"]
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.bench_backpressure", "--counting-server", str(counts), "--",
                             "--db", str(db), "--port", str(port), *extra],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    log: list = []
    lock = threading.Lock()
    clients, runners = [], []
    try:
        wait_healthy(url)
        admin = CentralStore(db)
        for i in range(n):
            tid = f"T{i + 1:02d}"
            replica = open_replica(work / f"{tid}.db")
            client = SyncClient(replica, url, MemoryCredentialStore(), transport=TimingTransport(log, lock),
                                adaptive_batch=shedding)  # before: always batches of 100, as the client did
            client.enrol(admin.create_enrol_token("A-001"), tid)
            client.bootstrap()
            queue_backlog(replica, tid, backlog)
            clients.append(client)
        admin.close()
        with lock:
            log.clear()
        stored0 = _events(db)
        t0 = time.monotonic()
        for c in clients:  # all back online at once
            r = SyncRunner(c)
            r.start()
            runners.append(r)
        time.sleep(seconds)
        t1 = time.monotonic()
        stored = _events(db) - stored0
        served = json.loads(counts.read_text()) if counts.exists() else {"requests": 0, "answers": 0, "duplicate": 0}
        with lock:
            pushes = [(d, o) for p, s, d, o in log if p == "/v1/push" and s + d <= t1]
    finally:
        proc.terminate()  # the runners' pushes end with a network error now; stop() returns at once
        proc.wait(30)
        for r in runners:
            r.stop(30)
        for c in clients:
            c.close()
            c.conn.close()
    lat = [d for d, _ in pushes]
    return {"terminals": n, "shedding": shedding, "accepted_per_s": stored / (t1 - t0), "stored": stored,
            "p50": _quantile(lat, 0.50), "p99": _quantile(lat, 0.99), "pushes": len(pushes),
            "timeouts": sum(o == "timeout" for _, o in pushes), "shed": sum(o == 503 for _, o in pushes),
            "answers": served["answers"], "duplicates": served["duplicate"],
            "dup_share": served["duplicate"] / served["answers"] if served["answers"] else 0.0,
            "p99_ok": _quantile([d for d, o in pushes if o == 200], 0.99)}


def wire(template: Path, work: Path, repeat: int = 7) -> list[tuple]:
    """Pull pages of 1,000 rows (members, coupons) with and without gzip: (what, bytes plain, bytes gzip, ms plain,
    ms gzip), the times the median of `repeat` requests on loopback (decompression included)."""
    from sync.server.store import CentralStore
    from tests.sync.conftest import enrol_device

    work.mkdir(parents=True)
    db = work / "central.db"
    shutil.copy(template, db)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sync.server", "--db", str(db), "--port", str(port)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    out = []
    try:
        wait_healthy(url)
        admin = CentralStore(db)
        auth = {"Authorization": f"Bearer {enrol_device(url, admin.create_enrol_token('A-001'), 'TW')['credential']}"}
        first = dict(admin.conn.execute("SELECT kind, MIN(seq) FROM entities GROUP BY kind").fetchall())
        epoch = admin.epoch
        admin.close()
        with httpx.Client(base_url=url, timeout=60) as http:
            for what, kind in (("members (masked, card hash, signed salt)", "member"), ("coupons", "coupon")):
                params = {"limit": 1000, "cursor": f"{epoch}.{first[kind] - 1}"}
                row = [what]
                for encoding in ("identity", "gzip"):
                    times, size = [], 0
                    for _ in range(repeat):
                        t0 = time.perf_counter()
                        with http.stream("GET", "/v1/pull", params=params, headers={**auth, "Accept-Encoding": encoding}) as r:
                            raw = b"".join(r.iter_raw())
                            assert r.headers.get("content-encoding", "identity") == encoding
                        if encoding == "gzip":
                            import gzip

                            gzip.decompress(raw)
                        times.append(time.perf_counter() - t0)
                        size = len(raw)
                    row += [size, statistics.median(times) * 1000]
                out.append((row[0], row[1], row[3], row[2], row[4]))
    finally:
        proc.terminate()
        proc.wait(30)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--counting-server"]:
        return counting_server(argv[1], argv[3:])
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_backpressure", description=__doc__.splitlines()[0])
    ap.add_argument("--terminals", default="10,50,100", help="comma-separated terminal counts (default 10,50,100)")
    ap.add_argument("--seconds", type=float, default=30.0, help="length of each run's window (default 30)")
    ap.add_argument("--backlog", type=int, default=5000, help="events each terminal has queued at the start (default 5000)")
    args = ap.parse_args(argv)
    counts = [int(x) for x in args.terminals.split(",")]

    from sync.server.store import CentralStore
    from terminal.catalog import parse_catalog

    logging.getLogger("sync").setLevel(logging.ERROR)  # 100 runners each saying "server busy" once
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        template = d / "template.db"
        store = CentralStore(template)
        store.import_catalog(parse_catalog(json.dumps(build_catalog(MEMBERS, COUPONS))))
        store.close()
        pages = wire(template, d / "wire")
        for n in counts:
            for shedding in (False, True):
                res = scenario(template, d / f"run-{n}-{int(shedding)}", n, shedding, args.seconds, args.backlog)
                rows.append(res)
                print(f"  {n} terminals, shedding {'on' if shedding else 'off'}: {res['accepted_per_s']:,.0f} events/s, "
                      f"p99 {res['p99']:.2f} s, duplicates {res['dup_share']:.0%}", file=sys.stderr)

    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"Command: .venv/bin/python -m benchmarks.bench_backpressure {' '.join(argv)}".rstrip())
    print(f"Each run: every terminal starts with {args.backlog:,} queued events, client timeout 10 s, batches of 100, "
          f"{args.seconds:g} s window\n")
    print("| terminals | server | client batches | accepted events/s | push p50 s | push p99 s | p99 of pushes answered 200 s | "
          "pushes | timeouts | 503 | duplicate share |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['terminals']} | {'sheds (503 + Retry-After)' if r['shedding'] else 'no shedding (before)'} | "
              f"{'adaptive' if r['shedding'] else 'fixed 100'} | {r['accepted_per_s']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | "
              f"{r['p99_ok']:.2f} | {r['pushes']:,} | {r['timeouts']:,} | {r['shed']:,} | {r['dup_share']:.1%} |")
    print()
    for n in counts:
        before = next(r for r in rows if r["terminals"] == n and not r["shedding"])
        after = next(r for r in rows if r["terminals"] == n and r["shedding"])
        ratio = after["accepted_per_s"] / before["accepted_per_s"] if before["accepted_per_s"] else float("inf")
        print(f"- {n} terminals: accepted events/s x{ratio:.2f}; push p99 {before['p99']:.1f} s -> {after['p99']:.1f} s; "
              f"duplicate share {before['dup_share']:.1%} -> {after['dup_share']:.1%}")
    print("\nPull pages of 1,000 rows on loopback, with and without gzip (median of 7 requests, decompression included):\n")
    print("| page | bytes plain | bytes gzip | ratio | ms plain | ms gzip |")
    print("|---|---:|---:|---:|---:|---:|")
    for what, plain, gz, ms_plain, ms_gz in pages:
        print(f"| {what} | {plain:,} | {gz:,} | {plain / gz:.1f}x | {ms_plain:.1f} | {ms_gz:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
