"""Sync benchmark on loopback: push 10,000 queued events, bootstrap 100,000 members + 500,000
coupons, incremental pull of 1,000 changes, full resync while the overlay is open (every page
staged, then applied with the last one). Prints a Markdown table.

    .venv/bin/python -m benchmarks.bench_sync [--members 100000] [--coupons 500000] [--events 10000]

The server is the real reference server (`python -m sync.server`) in a subprocess on
127.0.0.1; the terminal is a real replica file driven by `sync.client.SyncClient`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]



def wait_healthy(url: str, tries: int = 400) -> None:
    """Poll GET /v1/health until the server answers (0.05 s apart; gives up silently after `tries`)."""
    for _ in range(tries):
        try:
            httpx.get(url + "/v1/health", timeout=0.5)
            return
        except httpx.HTTPError:
            time.sleep(0.05)

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_catalog(members: int, coupons: int) -> dict:
    from terminal.domain.codes import with_check_digit
    from tests.conftest import BASE_CATALOG

    cat = json.loads(json.dumps(BASE_CATALOG))
    cat["members"] = [
        {"id": f"BM{i}", "name": f"Member {i}", "tier": "normal", "card_number": with_check_digit(f"{300000000000 + i}"),
         "lots": [{"id": f"BM{i}-L1", "point_type": "bonus", "points": 500, "earned_at": "2026-01-10T10:00:00+08:00",
                   "expires_at": "2027-12-31T00:00:00+08:00"}]}
        for i in range(members)
    ]
    cat["coupons"] = [{"code": f"BC{i}", "template": "T-100OFF", "number": with_check_digit(f"{900000000000 + i}")}
                      for i in range(coupons)]
    return cat


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of process `pid` so far (Linux /proc), NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def _reset_peak_rss() -> bool:
    """Linux: writing 5 to clear_refs resets the peak RSS (VmHWM), so one step's own peak can be read."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def queue_events(replica, n: int, members: int, start: int = 0) -> None:
    """Queue n settlement events as the counter would (member earns; every 10th redeems a coupon)."""
    from terminal.domain.events import canonical_json, payload_sha256
    from terminal.storage.db import transaction

    rows = []
    for i in range(start, start + n):
        m = f"BM{i % members}"
        cid = f"bench-{i}"
        payload = {"checkout_id": cid, "store_id": "A-001", "terminal_id": "T1", "cashier_id": "C01", "member_id": m,
                   "occurred_at": "2026-11-20T04:00:00+00:00", "payment_method": "cash",
                   "lines": [{"line_id": 1, "sku": None, "name": "Amount", "unit_price": 600, "quantity": 1, "net": 600, "points_price": None}],
                   "gross": 600, "coupon_discount": 0, "points_discount": 0, "total": 600, "coupons": [], "burns": [],
                   "earns": [{"lot_id": f"{cid}:bonus:A-base", "point_type": "bonus", "points": 12, "rule_id": "A-base",
                              "expires_at": "2027-11-21T00:00:00+08:00"}],
                   "based_on_cursor": None, "app_version": "bench"}
        if i % 10 == 0:
            payload["coupons"] = [{"code": f"BC{i}", "template_id": "T-100OFF", "kind": "amount_off", "uses": 1, "discount": 100,
                                   "partner": None, "in_replica": True, "parent_code": None}]
            payload["coupon_discount"], payload["total"] = 100, 500
        rows.append((str(uuid.uuid4()), i + 1, "settlement", 1, canonical_json(payload), payload_sha256(payload), payload["occurred_at"]))
    with transaction(replica.db):
        replica.conn.executemany(
            "INSERT INTO outbox(event_id, terminal_seq, type, schema_version, payload, payload_sha256, created_at) VALUES (?,?,?,?,?,?,?)", rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=100_000)
    ap.add_argument("--coupons", type=int, default=500_000)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--changes", type=int, default=1_000)
    ap.add_argument("--page-size", type=int, default=10_000)
    args = ap.parse_args(argv)

    from sync.client import MemoryCredentialStore, SyncClient
    from sync.server.store import CentralStore
    from terminal.provisioning.bootstrap import open_replica
    from terminal.catalog import parse_catalog

    results: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        t0 = time.perf_counter()
        cat = parse_catalog(json.dumps(build_catalog(args.members, args.coupons)))
        store = CentralStore(d / "central.db")
        store.import_catalog(cat)
        setup_s = time.perf_counter() - t0
        del cat
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "sync.server", "--db", str(d / "central.db"), "--port", str(port)], cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, tries=200)
            replica = open_replica(d / "terminal.db")
            client = SyncClient(replica, url, MemoryCredentialStore(), page_size=args.page_size, timeout=60)
            client.enrol(store.create_enrol_token("A-001"), "T1")

            t0 = time.perf_counter()
            rep = client.bootstrap()
            boot_s = time.perf_counter() - t0
            n_m = replica.conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]
            n_c = replica.conn.execute("SELECT COUNT(*) FROM coupon_instances").fetchone()[0]
            results.append(("bootstrap replica from server", f"{n_m:,} members + {n_c:,} coupons ({rep.items:,} rows, {rep.pages} pages)",
                            f"{boot_s:.1f} s", f"{rep.items / boot_s:,.0f} rows/s; goal < 60 s: {'met' if boot_s < 60 else 'NOT met'}"))

            queue_events(replica, args.events, args.members)
            cpu0 = _cpu_s(proc.pid)
            t0 = time.perf_counter()
            prep = client.push()
            push_s = time.perf_counter() - t0
            cpu_ms = (_cpu_s(proc.pid) - cpu0) * 1000 / max(prep.acked, 1)
            assert client.pending_count() == 0, "outbox not drained"
            results.append(("push queued events (batches of 100)", f"{prep.acked:,} events {prep.statuses}", f"{push_s:.1f} s",
                            f"{prep.acked / push_s:,.0f} events/s; goal < 10 s: {'met' if push_s < 10 else 'NOT met'}"))
            results.append(("server CPU per pushed event", f"{prep.acked:,} events", f"{cpu_ms:.2f} ms",
                            f"user + system CPU of the server process; goal <= 2 ms: {'met' if cpu_ms <= 2 else 'NOT met'}"))

            client.pull()  # catch up with the pushes' effects
            for i in range(args.changes):  # 1,000 central changes: new coupons
                store.issue_coupon("T-100OFF", code=f"INC{i}")
            t0 = time.perf_counter()
            irep = client.pull()
            inc_s = time.perf_counter() - t0
            results.append(("incremental pull", f"{irep.items:,} changes, {irep.pages} page(s)", f"{inc_s * 1000:.0f} ms",
                            f"{irep.items / inc_s:,.0f} changes/s"))

            # full resync (e.g. the server restored from a backup) while one sale is pending:
            # every page is staged and applied together with the last one
            queue_events(replica, 1, args.members, start=args.events)
            store.reset_epoch()
            import gc

            gc.collect()
            own_peak = _reset_peak_rss()
            rss_before = _peak_rss_mb()
            t0 = time.perf_counter()
            rrep = client.pull()
            resync_s = time.perf_counter() - t0
            assert rrep.reset and replica.conn.execute("SELECT COUNT(*) FROM pull_staging").fetchone()[0] == 0
            peak = _peak_rss_mb()
            results.append(("full resync, overlay open (staged)", f"{rrep.items:,} rows, {rrep.pages} pages", f"{resync_s:.1f} s",
                            f"{rrep.items / resync_s:,.0f} rows/s; peak RSS during it {peak:,.0f} MB, "
                            + (f"{rss_before:,.0f} MB at its start" if own_peak else "process peak (could not reset it)")))
            client.close()
        finally:
            proc.terminate()
            proc.wait(10)
            store.close()

    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"Command: .venv/bin/python -m benchmarks.bench_sync {' '.join(argv or sys.argv[1:])}".rstrip())
    print(f"Setup (not timed below): catalog of {args.members:,} members + {args.coupons:,} coupons parsed and imported "
          f"centrally in {setup_s:.1f} s\n")
    print("| Measure | Size | Time | Rate / goal |")
    print("|---|---|---|---|")
    for r in results:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
