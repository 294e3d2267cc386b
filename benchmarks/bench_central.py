"""Central server benchmark (issue 14, "Figures"): N simulated terminals on loopback, each pushing ONE
settlement per sale and pulling its own cursor every few seconds, against the real reference server
(`python -m sync.server`) in a subprocess on 127.0.0.1. Prints Markdown tables.

    .venv/bin/python -m benchmarks.bench_central [--db sqlite|postgresql] [--terminals 1,10,50,200] [--seconds 20]
        [--members 20000] [--coupons 20000] [--pull-every 5] [--think 0] [--workers 2] [--judge t0,t2,p1]
        [--scale --scale-members M --scale-coupons C]

Engines: `--db sqlite` (default) a temporary central file, one server process; `--db postgresql` a
throwaway cluster (tests/pg.py) and `--db <url> --workers N` for the server. Every N starts from a
copy of the same central database (the catalog of benchmarks/bench_sync.build_catalog) and a fresh
server.

A simulated terminal (two asyncio tasks, sales and pulls, each on its own keep-alive HTTP/1.1
connection: see `Connection` for why not httpx) is enrolled over HTTP with a real device credential
(stores of tests/conftest.BASE_CATALOG, round robin). Sales are back to back (closed loop:
the next sale as soon as the last one is acknowledged, `--think` s apart) so the table shows what the
server can take. Each settlement is honest: a member of the catalog, one amount line, every tenth with
a T-100OFF coupon; its earn and payload come from the terminal's own pure code
(terminal.domain.checkout.preview_checkout, terminal.domain.settlement.plan_settlement) at the current
time, based on the terminal's pull cursor. Requests use the real client's timeout
(sync.client.SyncClient's default, 10 s); a push that timed out, was shed (503/429, Retry-After) or
failed is sent again with the SAME event id after the real client's delay (SyncClient.retry_delay),
which is how duplicates arise. Pulls: GET /v1/pull from the terminal's own cursor, pages of the
client's page size until caught up, every `--pull-every` s x uniform(0.8, 1.2).

Columns (over the `--seconds` window, after a 1 s warm-up):
  accepted/s    settlements the server stored (answers accepted or accepted_with_conflict) per second
  push p50/p99  seconds per POST /v1/push that ended in the window (a timeout with its 10 s, a 503 with its wait)
  timeouts, 503 push requests that ended so (503 and 429 together)
  pull p99      seconds per GET /v1/pull page under the push load; idle: 200 incremental pulls one at a time,
                round robin over the terminals, before the load (nothing new to fetch then); idle, same pages: up to
                200 of the pages pulled under load (each its cursor and its number of rows as the limit), asked
                again one at a time 2 s after the load stopped (what those pages cost without the pushes)
  judged on     where the server judged pushes (`--judge`: tK judge threads per worker, pK judge processes per
                worker, nJ lower CPU priority; default: the server's own default)
  server CPU    user + system CPU seconds of the server process and all its children (uvicorn workers), and
                on PostgreSQL of the cluster's processes too, per accepted settlement, in ms
  duplicates    duplicate answers / every event answer the server produced (counted inside the server,
                in every worker, including answers nobody received any more)
  conflicts     accepted_with_conflict + rejected answers (0 for honest sales)
  load gen CPU  this process's CPU seconds / (its own + the server's [+ the cluster's]) in the window
All processes share this machine's CPUs.

`--scale` (PostgreSQL only): a generated chain of `--scale-members` members and `--scale-coupons`
coupons; a new terminal bootstraps from the server with the real SyncClient: bytes on the wire, time,
replica size on disk, extrapolated linearly (by rows) to `--target-members` / `--target-coupons`.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import inspect
import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
COUNTS_ENV = "LT_BENCH_CENTRAL_COUNTS"  # folder where each server process writes its answer counts
PG_UNAVAILABLE = "PostgreSQL support not available in this checkout"
WARMUP_S = 1.0
IDLE_PULLS = 200
COUPON_EVERY = 10  # every tenth sale redeems a coupon


# ---- inside the server: count every event answer, in every worker process -------------------------------------
def install_answer_counter(folder: str) -> None:
    """Wrap CentralStore.push so this process counts the statuses of the answers it produces, written to
    `folder`/<pid>.json ({status: n, "answers": n, "requests": n, "gen": n}) now and whenever the process
    gets SIGUSR1 (`snapshot_counts`): no thread of its own, so the counting costs the server nothing
    between two snapshots (a thread polling every 0.05 s did, and its CPU counted as the server's)."""
    from sync.server.store import CentralStore

    counts: Counter = Counter()
    lock = threading.Lock()
    original = CentralStore.push

    def push(self, device, events):
        ans = original(self, device, events)
        with lock:
            counts["requests"] += 1
            for r in ans.get("results", ()):
                counts["answers"] += 1
                counts[r.get("status", "?")] += 1
        return ans

    CentralStore.push = push
    out = Path(folder) / f"{os.getpid()}.json"
    gen = [0]

    def flush(*_) -> None:  # a signal handler: no lock (the main thread may hold it in `push`); a dict copy is atomic
        gen[0] += 1
        tmp = out.with_suffix(".tmp")
        tmp.write_text(json.dumps({**dict(counts), "gen": gen[0]}))
        os.replace(tmp, out)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGUSR1, flush)
        signal.siginterrupt(signal.SIGUSR1, False)  # a system call it arrives in is resumed, not failed
        flush()


if os.environ.get(COUNTS_ENV):  # the server process, and each worker it spawns (they import this module again)
    install_answer_counter(os.environ[COUNTS_ENV])


def _read_count_files(folder: Path) -> dict[int, dict]:
    out = {}
    for f in folder.glob("*.json"):
        try:
            out[int(f.stem)] = json.loads(f.read_text())
        except (OSError, ValueError):  # being replaced this instant: the next read has it
            pass
    return out


def read_counts(folder: Path, timeout: float = 2.0, wait_all: bool = False) -> Counter:
    """The answer counts of every server process now, summed: each process that wrote counts is
    asked for fresh ones (SIGUSR1, `install_answer_counter`) and waited for, up to `timeout`, if its
    last counts show pushes answered (or `wait_all`: a first call after the warm-up; the supervisor of
    the workers answers no push and is slow to run a signal handler); one that is gone gives its
    last ones. Blocking: call it off the terminals' event loop (`asyncio.to_thread`)."""
    before = _read_count_files(folder)
    waiting = set()
    for pid, c in before.items():
        try:
            os.kill(pid, signal.SIGUSR1)
        except (ProcessLookupError, PermissionError):
            continue
        if wait_all or c.get("requests"):
            waiting.add(pid)
    deadline = time.monotonic() + timeout
    files = before
    while waiting and time.monotonic() < deadline:
        time.sleep(0.005)
        files = _read_count_files(folder)
        waiting = {p for p in waiting if files.get(p, {}).get("gen", 0) <= before[p].get("gen", 0)}
    total: Counter = Counter()
    for c in files.values():
        total.update({k: v for k, v in c.items() if k != "gen"})
    return total


# ---- CPU of a process tree (Linux /proc) ----------------------------------------------------------------------
def tree_cpu_s(root: int | None) -> float:
    """User + system CPU seconds of `root` and every live descendant, plus what `root` has reaped of
    children that ended (cutime + cstime). NaN without /proc or when `root` is gone."""
    if root is None or not os.path.isdir("/proc"):
        return float("nan")
    tick = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, int, int]] = {}  # pid -> (ppid, own ticks, reaped children's ticks)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]))
    if root not in table:
        return float("nan")
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = table[root][2], [root]
    while todo:
        pid = todo.pop()
        total += table[pid][1]
        todo.extend(children.get(pid, ()))
    return total / tick


# ---- honest settlements, from the terminal's own pure code ----------------------------------------------------
class SaleMaker:
    """Settlement payloads a counter would write: `payload(...)` runs preview_checkout + plan_settlement on
    the catalog's rules (loaded the way a terminal loads them, from a replica of the catalog without members)."""

    def __init__(self, workdir: Path, members: int, coupons: int) -> None:
        from terminal.provisioning.bootstrap import init_replica
        from terminal.catalog import parse_catalog
        from tests.conftest import BASE_CATALOG

        cat = json.loads(json.dumps(BASE_CATALOG))
        cat["members"], cat["coupons"] = [], []
        replica = init_replica(workdir / "rules.db", parse_catalog(json.dumps(cat)), store_id=cat["stores"][0]["id"],
                               terminal_id="RULES")
        self.catalog = replica.catalog()
        replica.db.conn.close()
        self.stores = [s["id"] for s in BASE_CATALOG["stores"]]
        self.members, self.coupons = members, coupons
        self.next_coupon = 0  # coupons BC0.. are used once each, across all terminals

    def payload(self, store_id: str, terminal_id: str, checkout_id: str, rng: random.Random, cursor: str | None) -> dict:
        from terminal import __version__
        from terminal.domain.checkout import preview_checkout
        from terminal.domain.models import Basket, BasketLine, CheckoutContext, CouponClaim, CouponInstance, Member
        from terminal.domain.settlement import plan_settlement

        cat = self.catalog
        i = rng.randrange(self.members)
        member = Member(f"BM{i}", f"Member {i}", "normal")
        claims = []
        if rng.randrange(COUPON_EVERY) == 0 and self.next_coupon < self.coupons:
            code = f"BC{self.next_coupon}"
            self.next_coupon += 1
            claims.append(CouponClaim(code, CouponInstance(code, "T-100OFF", None, 1), cat["templates"]["T-100OFF"]))
            amount = rng.randrange(500, 1500, 10)  # the coupon's minimum spend
        else:
            amount = rng.randrange(60, 1500, 10)
        ctx = CheckoutContext(store=cat["stores"][store_id], at=datetime.now(timezone.utc), member=member,
                              point_types=cat["point_types"], earn_rules=cat["earn_rules"])
        basket = Basket((BasketLine(1, "Amount", amount, 1),))
        preview = preview_checkout(ctx, basket, claims)
        plan = plan_settlement(checkout_id=checkout_id, ctx=ctx, basket=basket, preview=preview, cashier_id="C01",
                               terminal_id=terminal_id)
        return {**plan.payload, "based_on_cursor": cursor, "app_version": __version__}


# ---- the engines ----------------------------------------------------------------------------------------------
class Unavailable(Exception):
    """This checkout or machine cannot run the asked engine; the message is the one line to print."""


class SqliteEngine:
    """A template central file with the catalog; each run gets a copy. One server process."""

    name = "SQLite"

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.template = workdir / "template.db"

    def load(self, catalog: dict) -> None:
        from sync.server.store import CentralStore
        from terminal.catalog import parse_catalog

        store = CentralStore(self.template)
        store.import_catalog(parse_catalog(json.dumps(catalog)))
        store.close()

    def new_database(self, label: str) -> str:
        db = self.workdir / f"{label}.db"
        shutil.copy(self.template, db)
        return str(db)

    def server_args(self, db: str) -> list[str]:
        return ["--db", db]

    def db_pid(self) -> int | None:
        return None  # the database is inside the server process

    def drop(self, db: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)

    def close(self) -> None:
        pass


def start_pg_cluster():
    """A running throwaway cluster from tests/pg.py (its `start_cluster()` when it has one, else the same
    steps as its `pg_cluster` fixture). Raises Unavailable with one line when it cannot."""
    try:
        import tests.pg as pg
    except ImportError:
        raise Unavailable(f"{PG_UNAVAILABLE} (no tests/pg.py cluster helper)") from None
    help_text = subprocess.run([sys.executable, "-m", "sync.server", "--help"], cwd=ROOT, capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    if "--workers" not in help_text:
        raise Unavailable(f"{PG_UNAVAILABLE} (python -m sync.server has no --workers)")
    if hasattr(pg, "start_cluster"):
        return pg.start_cluster()
    try:
        folder = pg.locate_pg_bin()
    except pg.PgNotFound as exc:
        raise Unavailable(f"{PG_UNAVAILABLE}: {exc}") from None
    prefix, uid, gid = pg._os_user_prefix()
    base = Path(tempfile.mkdtemp(prefix="lt-pg-bench-", dir="/tmp" if os.path.isdir("/tmp") else None))
    if uid is not None:
        os.chown(base, uid, gid)
    cluster = pg.PgCluster(bin=folder, base=base, run_as=prefix)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    return cluster


class PgEngine:
    """A throwaway cluster; a template database with the catalog; each run a fresh CREATE DATABASE ... TEMPLATE
    copy. The server runs with `--workers`."""

    name = "PostgreSQL"

    def __init__(self, workdir: Path, workers: int) -> None:
        self.workers = workers
        self.cluster = start_pg_cluster()
        self.name = f"PostgreSQL ({workers} workers)"
        self.template = ""

    def load(self, catalog: dict) -> None:
        from sync.server.store import CentralStore
        from terminal.catalog import parse_catalog

        self.template = self.cluster.create_database("bench_template")
        store = CentralStore(self.cluster.url(self.template))
        store.import_catalog(parse_catalog(json.dumps(catalog)))
        store.close()

    def new_database(self, label: str) -> str:
        name = f"bench_{label.replace('-', '_')}_{uuid.uuid4().hex[:6]}"
        self.cluster.psql(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return self.cluster.url(name)

    def server_args(self, db: str) -> list[str]:
        return ["--db", db, "--workers", str(self.workers)]

    def db_pid(self) -> int | None:
        try:
            return int((self.cluster.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def drop(self, db: str) -> None:
        self.cluster.psql(f'DROP DATABASE IF EXISTS "{db.rsplit("/", 1)[1].split("?")[0]}" WITH (FORCE)')

    def close(self) -> None:
        self.cluster.stop()


# ---- the server -----------------------------------------------------------------------------------------------
class Server:
    """`python -m sync.server ARGS --port 0` wrapped by this module (answer counting), started and ready."""

    def __init__(self, args: list[str], counts: Path) -> None:
        counts.mkdir(parents=True)
        self.counts = counts
        env = {**os.environ, "PYTHONPATH": str(ROOT), COUNTS_ENV: str(counts)}
        self.proc = subprocess.Popen([sys.executable, "-m", "benchmarks.bench_central", "--serve", "--", *args, "--port", "0"],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ready: list[str] = []
        reader = threading.Thread(target=lambda: ready.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(120)
        line = ready[0].strip() if ready else ""
        if not line.startswith("listening on http://"):
            self.stop()
            raise RuntimeError(f"the server did not start: {line!r} {self.proc.stderr.read()[-2000:]}")
        self.url = line.split()[2]
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()  # keep its stderr pipe from filling
        for _ in range(400):  # with workers the line comes before they accept
            try:
                httpx.get(self.url + "/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


# ---- the simulated terminals ----------------------------------------------------------------------------------
def client_defaults() -> dict:
    """The real client's timeout, page size and backoff (sync.client.SyncClient's defaults)."""
    from sync.client import SyncClient

    p = inspect.signature(SyncClient.__init__).parameters
    return {k: p[k].default for k in ("timeout", "page_size", "backoff_base", "backoff_cap")}


class RetryPolicy:
    """The real client's delay before a retry (SyncClient.backoff / retry_delay, bound to this object)."""

    def __init__(self, base: float, cap: float, rng: random.Random) -> None:
        from sync.client import SyncClient

        self.backoff_base, self.backoff_cap, self.rng = base, cap, rng
        self._backoff, self._retry_delay = SyncClient.backoff, SyncClient.retry_delay

    def backoff(self, attempt: int) -> float:
        return self._backoff(self, attempt)

    def delay(self, retry_after: float | None, attempt: int) -> float:
        from sync.client import TransientError

        return self._retry_delay(self, TransientError("x", retry_after=retry_after), attempt)


@dataclass
class Log:
    """Every request: (kind "push"/"pull", started, seconds, outcome: status code, "timeout" or "error")."""

    requests: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # 4xx bodies (a benchmark bug)


class Connection:
    """One keep-alive HTTP/1.1 connection to the server on asyncio streams: the terminal side of the load kept
    cheap (measured on this machine: 0.07 ms of client CPU per request, against 0.42 for a thread with httpx.Client
    and 0.9 for httpx.AsyncClient; the load generator shares the 2 cores with the server). It sends what the real
    client sends (bearer credential, Accept-Encoding: gzip, JSON bodies) and reads Content-Length, chunked and
    gzip answers. A connection the server closed while idle is replaced before use (as httpx does); after a
    timeout or a broken answer it is dropped."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host, self.port = host, port
        self.fixed = "".join(f"{k}: {v}\r\n" for k, v in {"Host": f"{host}:{port}", "Accept-Encoding": "gzip",
                                                           **headers}.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method: str, target: str, body: bytes = b"", content_type: str | None = None):
        """(status, {header: value} lower-case names, body bytes decoded from gzip). Raises OSError,
        asyncio.IncompleteReadError or ValueError on a broken exchange (the connection is closed then)."""
        try:
            if self.reader is None or self.reader.at_eof():
                self.close()
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            extra = (f"Content-Type: {content_type}\r\n" if content_type else "") + \
                    (f"Content-Length: {len(body)}\r\n" if body or method == "POST" else "")
            self.writer.write(f"{method} {target} HTTP/1.1\r\n{self.fixed}{extra}\r\n".encode() + body)
            await self.writer.drain()
            head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            status = int(head[0].split(" ", 2)[1])
            headers = {}
            for line in head[1:]:
                if line:
                    k, _, v = line.partition(":")
                    headers[k.strip().lower()] = v.strip()
            if "content-length" in headers:
                data = await self.reader.readexactly(int(headers["content-length"]))
            elif headers.get("transfer-encoding", "").lower() == "chunked":
                parts = []
                while True:
                    size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    parts.append(await self.reader.readexactly(size + 2))
                    if size == 0:
                        break
                data = b"".join(p[:-2] for p in parts)
            else:
                data = await self.reader.read()
            if headers.get("connection", "").lower() == "close":
                self.close()
            if headers.get("content-encoding") == "gzip":
                data = gzip.decompress(data)
            return status, headers, data
        except BaseException:
            self.close()
            raise


class SimTerminal:
    """One terminal: a sales loop on one connection, a pull loop on another (httpx's pool would open the second
    one too when both are busy)."""

    def __init__(self, url: str, credential: str, store_id: str, terminal_id: str, cursor: str, sales: SaleMaker,
                 log: Log, defaults: dict, seed: int) -> None:
        self.store_id, self.terminal_id, self.cursor, self.sales, self.log = store_id, terminal_id, cursor, sales, log
        self.timeout, self.page_size = defaults["timeout"], defaults["page_size"]
        self.rng = random.Random(seed)
        self.retry = RetryPolicy(defaults["backoff_base"], defaults["backoff_cap"], self.rng)
        host, port = url.split("//", 1)[1].rsplit(":", 1)
        headers = {"Authorization": f"Bearer {credential}", "User-Agent": "bench-central"}
        self.push_conn, self.pull_conn = Connection(host, int(port), headers), Connection(host, int(port), headers)
        self.seq = 0
        self.pages: list[tuple[float, str]] = []  # (started, target) of every pull page under load, limit = its rows

    def close(self) -> None:
        self.push_conn.close()
        self.pull_conn.close()

    async def _request(self, kind: str, conn: Connection, method: str, target: str, body: bytes = b"",
                       content_type: str | None = None):
        """(status or "timeout"/"error", headers, body), logged with its time; the real client's timeout."""
        t0 = time.monotonic()
        try:
            status, headers, data = await asyncio.wait_for(conn.request(method, target, body, content_type), self.timeout)
            outcome = status
        except asyncio.TimeoutError:
            outcome, headers, data = "timeout", {}, b""
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            outcome, headers, data = "error", {}, b""
        self.log.requests.append((kind, t0, time.monotonic() - t0, outcome))
        return outcome, headers, data

    def envelope(self) -> bytes:
        from terminal.domain.events import EVENT_SCHEMA_VERSION, payload_sha256

        self.seq += 1
        p = self.sales.payload(self.store_id, self.terminal_id, f"{self.terminal_id}-{self.seq}", self.rng, self.cursor)
        env = {"event_id": str(uuid.uuid4()), "terminal_id": self.terminal_id, "store_id": self.store_id,
               "terminal_seq": self.seq, "type": "settlement", "schema_version": EVENT_SCHEMA_VERSION, "payload": p,
               "payload_sha256": payload_sha256(p), "occurred_at": p["occurred_at"], "based_on_cursor": self.cursor,
               "app_version": p["app_version"]}
        return json.dumps({"events": [env]}, ensure_ascii=False, separators=(",", ":")).encode()

    async def sell(self, stop: asyncio.Event, think_s: float) -> None:
        """Sale after sale; each pushed until answered, the same body (same event id) on every retry."""
        from sync.client import retry_after

        while not stop.is_set():
            body, attempt = self.envelope(), 0
            while not stop.is_set():
                outcome, headers, data = await self._request("push", self.push_conn, "POST", "/v1/push", body,
                                                             "application/json")
                if outcome == 200:
                    if json.loads(data)["results"]:
                        break
                    continue  # a transient answer error (database_busy): the real client's next round sends it again
                if isinstance(outcome, int) and 400 <= outcome < 500 and outcome not in (408, 429):
                    self.log.refused.append((outcome, data[:300].decode(errors="replace")))
                    break  # the real client would dead-letter it after retries; here it is a benchmark bug
                await _sleep(stop, self.retry.delay(retry_after(headers.get("retry-after")), attempt))
                attempt += 1
            if think_s:
                await _sleep(stop, think_s)

    async def pull_once(self, stop: asyncio.Event | None = None) -> None:
        """Pages from this terminal's cursor until caught up (or a failure: the next round tries again)."""
        while stop is None or not stop.is_set():
            target = "/v1/pull?" + urlencode({"limit": self.page_size, "cursor": self.cursor})
            asked = time.monotonic()
            outcome, _, data = await self._request("pull", self.pull_conn, "GET", target)
            if outcome != 200:
                return
            page = json.loads(data)
            if stop is not None:  # the same page for the idle replay: this cursor, as many rows as it held
                self.pages.append((asked, "/v1/pull?" + urlencode({"limit": max(1, len(page["items"])), "cursor": self.cursor})))
            self.cursor = page["next_cursor"] or self.cursor
            if not page["has_more"]:
                return

    async def pulls(self, stop: asyncio.Event, every_s: float) -> None:
        await _sleep(stop, self.rng.uniform(0, every_s))
        while not stop.is_set():
            await self.pull_once(stop)
            await _sleep(stop, every_s * self.rng.uniform(0.8, 1.2))


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except asyncio.TimeoutError:
        pass


def _quantile(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def enrol(url: str, token: str, terminal_id: str) -> str:
    """Both phases of enrolment over HTTP, as a terminal does; its credential."""
    from tests.sync.conftest import enrol_device

    return enrol_device(url, token, terminal_id)["credential"]


def run_one(engine, sales: SaleMaker, n: int, seconds: float, pull_every: float, think: float, workdir: Path,
            judge: str | None = None) -> dict:
    """One row of the table: N terminals against a fresh server on a fresh copy of the central database
    (`judge`: where the server judges pushes, `judge_args(judge)`; None its default)."""
    from sync.server.store import CentralStore

    db = engine.new_database(f"n{n}")
    server = Server(engine.server_args(db) + judge_args(judge), workdir / f"counts-{n}-{judge}")
    defaults = client_defaults()
    try:
        admin = CentralStore(db)
        creds = []
        for i in range(n):
            store_id = sales.stores[i % len(sales.stores)]
            creds.append((store_id, f"T{i + 1:03d}", enrol(server.url, admin.create_enrol_token(store_id), f"T{i + 1:03d}")))
        head = admin.cursor()  # every terminal starts caught up (as after its bootstrap)
        admin.close()
        row = asyncio.run(_load(server, engine, sales, creds, head, n, seconds, pull_every, think, defaults))
        row["judge"] = judge or "default"
    finally:
        server.stop()
        engine.drop(db)
    return row


async def _load(server: Server, engine, sales, creds, head, n, seconds, pull_every, think, defaults) -> dict:
    log = Log()
    terms = [SimTerminal(server.url, cred, store_id, tid, head, sales, log, defaults, seed=i)
             for i, (store_id, tid, cred) in enumerate(creds)]
    try:
        for t in terms:  # connections open, first pull done: not measured
            await t.pull_once()
        log.requests.clear()
        for i in range(IDLE_PULLS):  # idle: one at a time, nothing new to fetch
            await terms[i % n].pull_once()
        idle = [d for k, _, d, o in log.requests if k == "pull" and o == 200]
        log.requests.clear()
        stop = asyncio.Event()
        tasks = [asyncio.create_task(t.sell(stop, think)) for t in terms] + \
                [asyncio.create_task(t.pulls(stop, pull_every)) for t in terms]
        await asyncio.sleep(WARMUP_S)
        # each edge: the counts (off the event loop: the terminals keep running), then at once the clock and
        # the CPU, so both edges lag their counts alike (by one snapshot's few milliseconds)
        await asyncio.to_thread(read_counts, server.counts, 2.0, True)  # every process's counts after the warm-up
        c0 = await asyncio.to_thread(read_counts, server.counts)
        t0, s0, d0, g0 = time.monotonic(), tree_cpu_s(server.pid), tree_cpu_s(engine.db_pid()), time.process_time()
        await asyncio.sleep(seconds)
        c1 = await asyncio.to_thread(read_counts, server.counts)
        t1, s1, d1, g1 = time.monotonic(), tree_cpu_s(server.pid), tree_cpu_s(engine.db_pid()), time.process_time()
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        load_log = list(log.requests)
        # the same pages again, one at a time, once the server is idle: what those pulls cost without the load
        await asyncio.sleep(2.0)
        asked = [(t, target) for t in terms for s0, target in t.pages if t0 <= s0 <= t1]
        random.Random(7).shuffle(asked)
        log.requests.clear()
        for t, target in asked[:IDLE_PULLS]:
            await t._request("pull", t.pull_conn, "GET", target)
        same_idle = [d for k, _, d, o in log.requests if k == "pull" and o == 200]
    finally:
        for t in terms:
            t.close()
    window = [(k, d, o) for k, s, d, o in load_log if t0 <= s + d <= t1]
    pushes = [(d, o) for k, d, o in window if k == "push"]
    pulls = [d for k, d, o in window if k == "pull" and o == 200]
    delta = Counter({k: c1[k] - c0[k] for k in c1})
    accepted = delta["accepted"] + delta["accepted_with_conflict"]
    server_cpu = s1 - s0
    db_cpu = (d1 - d0) if engine.db_pid() is not None else 0.0
    gen_cpu = g1 - g0
    return {"terminals": n, "seconds": t1 - t0, "accepted": accepted, "accepted_per_s": accepted / (t1 - t0),
            "p50": _quantile([d for d, _ in pushes], 0.5), "p99": _quantile([d for d, _ in pushes], 0.99),
            "pushes": len(pushes), "timeouts": sum(o == "timeout" for _, o in pushes),
            "shed": sum(o in (503, 429) for _, o in pushes), "errors": sum(o == "error" for _, o in pushes),
            "pull_idle_p99": _quantile(idle, 0.99), "pull_same_idle_p99": _quantile(same_idle, 0.99), "pull_p99": _quantile(pulls, 0.99), "pulls": len(pulls),
            "cpu_ms_per_event": (server_cpu + db_cpu) * 1000 / accepted if accepted else float("nan"),
            "server_cpu_s": server_cpu, "db_cpu_s": db_cpu, "gen_cpu_s": gen_cpu,
            "gen_share": gen_cpu / (gen_cpu + server_cpu + db_cpu) if gen_cpu + server_cpu + db_cpu else float("nan"),
            "answers": delta["answers"], "duplicates": delta["duplicate"],
            "dup_share": delta["duplicate"] / delta["answers"] if delta["answers"] else 0.0,
            "conflicts": delta["accepted_with_conflict"] + delta["rejected"], "refused": len(log.refused),
            "refused_sample": log.refused[:1]}


# ---- --scale: what a new terminal downloads ---------------------------------------------------------------------
class CountingTransport(httpx.HTTPTransport):
    """The real transport, counting response bytes as they came over the wire (before gzip decoding)."""

    def __init__(self) -> None:
        super().__init__()
        self.bytes = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        resp = super().handle_request(request)
        raw = resp.stream
        outer = self

        class Counted(httpx.SyncByteStream):
            def __iter__(self):
                for chunk in raw:
                    outer.bytes += len(chunk)
                    yield chunk

            def close(self):
                raw.close()

        resp.stream = Counted()
        return resp


def run_scale(engine: PgEngine, members: int, coupons: int, workdir: Path) -> dict:
    """Bootstrap one new terminal (the real SyncClient and replica) from a chain of `members` / `coupons`."""
    from benchmarks.bench_sync import build_catalog
    from sync.client import MemoryCredentialStore, SyncClient
    from sync.server.store import CentralStore
    from terminal.provisioning.bootstrap import open_replica
    from terminal.catalog import parse_catalog

    t0 = time.perf_counter()
    name = engine.cluster.create_database("bench_scale")
    url = engine.cluster.url(name)
    store = CentralStore(url)
    store.import_catalog(parse_catalog(json.dumps(build_catalog(members, coupons))))
    token = store.create_enrol_token("A-001")
    store.close()
    load_s = time.perf_counter() - t0
    server = Server(engine.server_args(url), workdir / "counts-scale")
    try:
        path = workdir / "scale-terminal.db"
        transport = CountingTransport()
        client = SyncClient(open_replica(path), server.url, MemoryCredentialStore(), transport=transport,
                            timeout=max(60.0, client_defaults()["timeout"]))
        client.enrol(token, "TS1")
        enrol_bytes = transport.bytes
        t0 = time.perf_counter()
        rep = client.bootstrap()
        boot_s = time.perf_counter() - t0
        client.close()
        client.conn.close()
        size = sum(p.stat().st_size for p in workdir.glob("scale-terminal.db*"))
    finally:
        server.stop()
        engine.cluster.drop_database(name)
    return {"members": members, "coupons": coupons, "rows": rep.items, "pages": rep.pages,
            "bytes": transport.bytes - enrol_bytes, "seconds": boot_s, "replica_bytes": size, "load_s": load_s}


# ---- output ---------------------------------------------------------------------------------------------------
def render(rows: list[dict], meta: dict) -> str:
    out = [f"Machine: {meta['machine']}",
           f"Command: {meta['command']}",
           f"Engine: {meta['engine']}; catalog {meta['members']:,} members / {meta['coupons']:,} coupons; window "
           f"{meta['seconds']:g} s per N after {WARMUP_S:g} s warm-up; client timeout {meta['timeout']:g} s; pulls every "
           f"{meta['pull_every']:g} s per terminal; sales back to back" + (f", {meta['think']:g} s apart" if meta["think"] else ""),
           "",
           "| terminals | judged on | accepted settlements/s | push p50 s | push p99 s | pushes | timeouts | 503/429 | pull p99 idle s | "
           "pull p99 idle, same pages s | pull p99 under load s | pulls | server CPU ms/settlement | duplicate share | conflicts | load gen CPU share |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['terminals']} | {r.get('judge', 'default')} | {r['accepted_per_s']:,.0f} | {r['p50']:.3f} | {r['p99']:.3f} | {r['pushes']:,} | "
                   f"{r['timeouts']:,} | {r['shed']:,} | {r['pull_idle_p99']:.3f} | {r['pull_same_idle_p99']:.3f} | {r['pull_p99']:.3f} | {r['pulls']:,} | "
                   f"{r['cpu_ms_per_event']:.2f} | {r['dup_share']:.1%} | {r['conflicts']:,} | {r['gen_share']:.0%} |")
    out.append("")
    for r in rows:
        cores = 500 * r["cpu_ms_per_event"] / 1000
        line = (f"- {r['terminals']} terminal{'s' if r['terminals'] != 1 else ''} (judged on {r.get('judge', 'default')}): {r['accepted']:,} settlements in {r['seconds']:.1f} s; server CPU "
                f"{r['server_cpu_s']:.1f} s" + (f" + database {r['db_cpu_s']:.1f} s" if r["db_cpu_s"] else "")
                + f", load generator {r['gen_cpu_s']:.1f} s; {r['answers']:,} event answers, {r['duplicates']:,} duplicates; "
                f"pull p99 under load / idle x{r['pull_p99'] / r['pull_idle_p99']:.1f}, / idle same pages "
                f"x{r['pull_p99'] / r['pull_same_idle_p99']:.1f}; "
                f"500 settlements/s would need ~{cores:.1f} cores at this CPU per settlement")
        if r["refused"]:
            line += f"; {r['refused']} pushes REFUSED (4xx), e.g. {r['refused_sample']}"
        out.append(line)
    return "\n".join(out)


def render_scale(r: dict, target_members: int, target_coupons: int) -> str:
    factor = (target_members + target_coupons) / (r["members"] + r["coupons"])
    mb = 1024 * 1024
    return "\n".join([
        "",
        f"New terminal bootstrap, generated chain on PostgreSQL (import took {r['load_s']:.0f} s); the target row is "
        f"EXTRAPOLATED linearly by rows (x{factor:,.0f}) from the measured one, not measured:",
        "",
        "| chain | rows pulled | pages | bytes downloaded | bootstrap s | replica on disk |",
        "|---|---:|---:|---:|---:|---:|",
        f"| {r['members']:,} members / {r['coupons']:,} coupons (measured) | {r['rows']:,} | {r['pages']:,} | "
        f"{r['bytes'] / mb:,.1f} MB | {r['seconds']:.1f} | {r['replica_bytes'] / mb:,.1f} MB |",
        f"| {target_members:,} members / {target_coupons:,} coupons (extrapolated) | {r['rows'] * factor:,.0f} | "
        f"{r['pages'] * factor:,.0f} | {r['bytes'] * factor / mb:,.0f} MB | {r['seconds'] * factor:,.0f} | "
        f"{r['replica_bytes'] * factor / mb:,.0f} MB |",
        "",
        "Goals (issue 14): replica under 300 MB on disk, bootstrap under 2 minutes."])


def _counts(text: str) -> list[int]:
    try:
        values = [int(x) for x in text.split(",")]
    except ValueError:
        values = []
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"comma-separated terminal counts >= 1, e.g. 1,10,50, not {text!r}")
    return values


JUDGE_SPEC = re.compile(r"([tp])(\d+)(?:n(\d+))?")


def judge_args(spec: str | None) -> list[str]:
    """The server options of a --judge place: "t4" -> --judge-threads 4, "p1n5" -> --judge-processes 1 --judge-nice 5."""
    if spec is None:
        return []
    m = JUDGE_SPEC.fullmatch(spec)
    out = ["--judge-threads", m[2]] if m[1] == "t" else ["--judge-processes", m[2]]
    return out + (["--judge-nice", m[3]] if m[3] else [])


def _judges(text: str) -> list[str]:
    values = text.split(",")
    if not all(JUDGE_SPEC.fullmatch(v) for v in values):
        raise argparse.ArgumentTypeError(f"comma-separated places like t0,t1,p1,p1n5, not {text!r}")
    return values


def _positive(kind):
    def parse(text: str):
        try:
            v = kind(text)
        except ValueError:
            v = None
        if v is None or not v > 0:
            raise argparse.ArgumentTypeError(f"a positive number, not {text!r}")
        return v
    return parse


def options(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_central", description=__doc__.splitlines()[0])
    ap.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite", help="central engine (default sqlite)")
    ap.add_argument("--terminals", type=_counts, default=[1, 10, 50, 200], help="comma-separated N (default 1,10,50,200)")
    ap.add_argument("--seconds", type=_positive(float), default=20.0, help="measured window per N (default 20)")
    ap.add_argument("--members", type=_positive(int), default=20_000, help="members in the catalog (default 20000)")
    ap.add_argument("--coupons", type=_positive(int), default=20_000, help="coupons in the catalog (default 20000)")
    ap.add_argument("--pull-every", type=_positive(float), default=5.0, help="seconds between a terminal's pulls (default 5)")
    ap.add_argument("--think", type=float, default=0.0, help="seconds between a terminal's sales (default 0: back to back)")
    ap.add_argument("--workers", type=_positive(int), default=2, help="server worker processes on PostgreSQL (default 2)")
    ap.add_argument("--judge", type=_judges, default=None,
                    help="comma-separated places where the server judges pushes, each N run once per place: tK = K judge "
                         "threads per worker (t0: the shared thread pool), pK = K judge processes per worker, a suffix nJ "
                         "= J steps lower CPU priority (e.g. t0,p1n5; default: the server's default)")
    ap.add_argument("--scale", action="store_true", help="also the bootstrap table (PostgreSQL only)")
    ap.add_argument("--scale-members", type=_positive(int), default=20_000, help="members of the generated chain (default 20000)")
    ap.add_argument("--scale-coupons", type=_positive(int), default=100_000, help="coupons of the generated chain (default 100000)")
    ap.add_argument("--target-members", type=_positive(int), default=10_000_000, help="extrapolate to (default 10M)")
    ap.add_argument("--target-coupons", type=_positive(int), default=50_000_000, help="extrapolate to (default 50M)")
    args = ap.parse_args(argv)
    if args.think < 0:
        ap.error("--think must be >= 0")
    if args.scale and args.db != "postgresql":
        ap.error("--scale needs --db postgresql")
    return args


def machine() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load}"


def run_benchmark(args: argparse.Namespace, argv: list[str], progress=lambda line: None) -> tuple[list[dict], dict, dict | None]:
    """(one row per N, the run's description, the --scale row or None). Raises Unavailable when the engine
    cannot run here."""
    from benchmarks.bench_sync import build_catalog

    with tempfile.TemporaryDirectory(prefix="bench-central-") as tmp:
        work = Path(tmp)
        engine = PgEngine(work, args.workers) if args.db == "postgresql" else SqliteEngine(work)
        try:
            meta = {"machine": machine(), "command": " ".join([".venv/bin/python -m benchmarks.bench_central", *argv]),
                    "engine": engine.name, "members": args.members, "coupons": args.coupons, "seconds": args.seconds,
                    "timeout": client_defaults()["timeout"], "pull_every": args.pull_every, "think": args.think}
            engine.load(build_catalog(args.members, args.coupons))
            sales = SaleMaker(work, args.members, args.coupons)
            rows = []
            for n, judges in [(n, j) for n in args.terminals for j in (args.judge or [None])]:
                sales.next_coupon = 0  # every run starts from a fresh copy: the coupons are unused again
                row = run_one(engine, sales, n, args.seconds, args.pull_every, args.think, work, judges)
                rows.append(row)
                progress(f"  {n} terminal{'s' if n != 1 else ''}: {row['accepted_per_s']:,.0f} settlements/s, push p99 {row['p99']:.2f} s, "
                         f"duplicates {row['dup_share']:.1%}")
            scale = run_scale(engine, args.scale_members, args.scale_coupons, work) if args.scale else None
        finally:
            engine.close()
    return rows, meta, scale


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve"]:  # the server subprocess (answer counting installed at import)
        from sync.server.__main__ import main as server_main

        return server_main(argv[2:] if argv[1:2] == ["--"] else argv[1:])
    args = options(argv)
    import logging

    logging.getLogger("sync").setLevel(logging.ERROR)
    started = time.monotonic()
    try:
        rows, meta, scale = run_benchmark(args, argv, progress=lambda line: print(line, file=sys.stderr))
    except Unavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    print(render(rows, meta))
    if scale is not None:
        print(render_scale(scale, args.target_members, args.target_coupons))
    print(f"\n(total run time {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
