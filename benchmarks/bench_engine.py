"""Engine benchmark (issue 2): scan, checkout preview and settlement on a large replica.

Run:  .venv/bin/python -m benchmarks.bench_engine [--members 1000000] [--coupons 5000000]
          [--out bench-data/replica.db] [--iterations 2000] [--reuse] [--quick] [--profile] [--promotions 50] [--mix]

Builds (or with --reuse, reuses) a replica of 1,000,000 members, ~2,000,000 point lots
and 5,000,000 coupon instances (see benchmarks/replica_gen.py), reopens it the way the
terminal does (`open_replica`: WAL, synchronous=FULL) and times, per call with
time.perf_counter_ns and after a warm-up that is not counted, the public service:

* ``RedemptionService.scan`` of member card numbers, coupon numbers, signed coupon codes
  and signed member cards (random, seeded);
* ``.preview`` of a 4-line basket with a member, 3 coupons (numbered member-bound voucher,
  numbered bearer percent-off, signed amount-off), 40 points burned and 5 earn rules that
  apply (each preview is checked: all coupons accepted, 5 earn results);
* ``.settle`` of the same shape with unique checkout ids and unused coupons.

With ``--mix`` (issue 15, benchmarks/bench_mix.py), then rounds of preview + settle paid partly with
stored value and a gift card, a points exchange and a partial return of that sale, each row also
as a ratio to the plain cash settle of the same run.

Prints a Markdown table (metric, n, p50/p95/p99/max, goal, pass/fail), build time and
file size (db + wal), and the query plan of every statement the service ran, flagging
full scans of the large tables. ``--quick`` = 20k members, 100k coupons, few iterations.
``--promotions N`` (issue 16) installs N automatic promotions in the replica's catalog before
measuring (`bench_promotions`: every kind and combination mode, most scoped so they are evaluated
and skipped, a few that apply to the basket); each preview then must show at least one.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import os
import platform
import pstats
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from benchmarks.replica_gen import (
    AT,
    CASHIER_ID,
    FULL_COUPONS,
    FULL_MEMBERS,
    NUMBERED,
    QUICK_COUPONS,
    QUICK_MEMBERS,
    STORE_ID,
    TERMINAL_ID,
    BuildStats,
    Layout,
    build_replica,
    stored_layout,
)
from terminal.provisioning.bootstrap import open_replica
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService

SEED = 20261120
BIG_TABLES = {"members", "point_lots", "coupon_instances", "coupon_ledger", "point_ledger", "outbox", "settlements", "voids"}
LINES = (LineRequest("LATTE", 1), LineRequest("CROISSANT", 2), LineRequest("AMERICANO", 1), LineRequest("TISSUE", 3))
POINTS = {"bonus": 40}
GOALS = {"scan": 2.0, "preview": 5.0, "settle": 20.0}


def bench_promotions(n: int) -> list[dict]:
    """`n` catalog promotions (docs/catalog.md, "Promotions") for the benchmark basket at S-001 at AT:
    every 10th applies to it with a small discount (so the 3 coupons still fit), the others are
    evaluated and skipped (another store or brand, another tier, products not in the basket, a
    threshold not met, a window not open)."""
    out: list[dict] = []
    for i in range(n):
        pid, r = f"P{i:03d}", i % 10
        if r == 0:  # applies: each kind in turn, tiny discounts
            kind = ("nth_item", "cheapest_item", "percent_off", "buy_x_get_y", "spend_threshold")[(i // 10) % 5]
            body = {"nth_item": {"categories": ["goods"], "nth": 3, "percent": 10},
                    "cheapest_item": {"categories": ["goods"], "percent": 10, "min_units": 2},
                    "percent_off": {"categories": ["goods"], "percent": 2},
                    "buy_x_get_y": {"products": ["TISSUE"], "buy": 2, "get": 1},
                    "spend_threshold": {"categories": ["goods"], "threshold": 60, "amount": 5}}[kind]
            combine = "best" if kind == "percent_off" else "stackable"
        elif r == 1:
            kind, body, combine = "member_price", {"products": ["MOCHA"], "tiers": ["silver", "gold"], "price": 110}, "stackable"
        elif r == 2:
            kind, body, combine = "percent_off", {"percent": 50, "stores": ["S-002"]}, "exclusive"
        elif r == 3:
            kind, body, combine = "percent_off", {"percent": 30, "brands": ["B"]}, "best"
        elif r == 4:
            kind, body, combine = "buy_x_get_y", {"products": ["BAGEL"], "buy": 2, "get": 1}, "stackable"
        elif r == 5:
            kind, body, combine = "spend_threshold", {"threshold": 100_000, "amount": 500}, "stackable"
        elif r == 6:
            kind, body, combine = "percent_off", {"percent": 5, "valid_from": "2027-01-01T00:00:00+08:00"}, "stackable"
        elif r == 7:
            kind, body, combine = "nth_item", {"products": ["MUG"], "nth": 2, "percent": 50}, "stackable"
        elif r == 8:
            kind, body, combine = "cheapest_item", {"products": ["MOCHA"], "percent": 100, "min_units": 3}, "best"
        else:
            kind, body, combine = "percent_off", {"percent": 10, "stores": ["S-NEW"], "priority": i}, "exclusive"
        out.append({"id": pid, "name": f"Bench promotion {i}", "kind": kind, "combine": combine, **body})
    return out


def install_promotions(replica, n: int) -> None:
    """Replace the replica's promotions by `bench_promotions(n)` (validated as a catalog would be)."""
    from terminal.catalog_promotions import PromotionIn
    from terminal.storage.db import transaction

    rows = [PromotionIn.model_validate_json(json.dumps(p)) for p in bench_promotions(n)]
    with transaction(replica.db):
        replica.conn.execute("DELETE FROM promotions")
        replica.conn.executemany("INSERT INTO promotions(id, body) VALUES (?, ?)", [(p.id, p.model_dump_json()) for p in rows])
        replica.bump_catalog_version()


def _pct(values: list[int], p: float) -> float:
    """Nearest-rank percentile, in ms."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)] / 1e6


@dataclass
class Row:
    metric: str
    goal_kind: str
    samples_ns: list[int]
    cpu_ns: list[int]
    preempted: list[bool]
    note: str = ""

    @property
    def n(self) -> int:
        return len(self.samples_ns)

    def pct(self, p: float, cpu: bool = False) -> float:
        return _pct(self.cpu_ns if cpu else self.samples_ns, p)

    def pct_not_preempted(self, p: float) -> float:
        return _pct([t for t, pre in zip(self.samples_ns, self.preempted) if not pre], p)

    @property
    def preempted_share(self) -> float:
        return sum(self.preempted) / max(1, len(self.preempted))

    @property
    def goal_ms(self) -> float:
        return GOALS[self.goal_kind]

    @property
    def passed(self) -> bool:
        return self.pct(99) < self.goal_ms


@dataclass
class Report:
    layout: Layout
    path: Path
    build: BuildStats | None
    size_after_build: tuple[int, int]
    size_after_run: tuple[int, int] = (0, 0)
    synchronous: str = ""
    journal_mode: str = ""
    rows: list[Row] = field(default_factory=list)
    plans: list[tuple[str, list[str]]] = field(default_factory=list)
    full_scans: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    counts: dict[str, int] = field(default_factory=dict)
    cache_mb: int = 0
    os_cached_before: str = "?"
    os_cached_after: str = "?"
    mix: bool = False


def _sizes(path: Path) -> tuple[int, int]:
    wal = Path(str(path) + "-wal")
    return (path.stat().st_size if path.exists() else 0, wal.stat().st_size if wal.exists() else 0)


def _os_cached(path: Path) -> str:
    """How much of the file sits in the OS page cache (util-linux `fincore`), if we can tell."""
    exe = shutil.which("fincore")
    if not exe or not path.exists():
        return "?"
    try:
        res = subprocess.run([exe, "--noheadings", "--bytes", "--output", "RES", str(path)], capture_output=True, text=True,
                             timeout=30, check=True)
        return _mb(int(res.stdout.split()[0]))
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return "?"


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


class _Tracer:
    """Collects the distinct statements the service runs (literals folded to ?)."""

    _lit = re.compile(r"'(?:[^']|'')*'|\b\d+\b")

    def __init__(self) -> None:
        self.statements: dict[str, str] = {}

    def __call__(self, sql: str) -> None:
        head = sql.lstrip()[:10].upper()
        if sql.lstrip().startswith("--") or head.startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "SAVEPOINT", "RELEASE")):
            return
        key = " ".join(self._lit.sub("?", sql).split())
        self.statements.setdefault(key, sql)


def _query_plans(conn: sqlite3.Connection, tracer: _Tracer) -> tuple[list[tuple[str, list[str]]], list[str]]:
    plans, scans = [], []
    for key, sql in tracer.statements.items():
        try:
            rows = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        except sqlite3.Error as exc:
            plans.append((key, [f"(could not explain: {exc})"]))
            continue
        lines = [r[3] for r in rows]
        plans.append((key, lines))
        for line in lines:
            m = re.match(r"SCAN (\w+)", line)
            if m and m.group(1) in BIG_TABLES:  # with USING (COVERING) INDEX it is a full index scan
                scans.append(f"{line}  <-  {key[:160]}")
    return plans, scans


def _timed(name: str, calls: list[Callable[[], Any]], check: Callable[[Any], None], warmup: int, tracer: _Tracer,
           conn: sqlite3.Connection, profile: bool, report: Report, goal_kind: str, note: str = "") -> Row:
    """Warm up on the first `warmup` calls (tracing the first), then time the rest one by one."""
    for k, call in enumerate(calls[:warmup]):
        if k == 0:
            conn.set_trace_callback(tracer)
        try:
            check(call())
        finally:
            if k == 0:
                conn.set_trace_callback(None)
    prof = cProfile.Profile() if profile else None
    samples: list[int] = []
    cpu: list[int] = []
    preempted: list[bool] = []
    perf, tcpu = time.perf_counter_ns, time.thread_time_ns
    usage, who = resource.getrusage, getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF)
    # The prepared calls are the benchmark's own heap, not the terminal's: keep them out of
    # the cyclic GC's way (new garbage is still collected as in the application).
    gc.collect()
    gc.freeze()
    if prof:
        prof.enable()
    try:
        for call in calls[warmup:]:
            sw = usage(who).ru_nivcsw
            c = tcpu()
            t = perf()
            res = call()
            t = perf() - t
            c = tcpu() - c
            samples.append(t)
            cpu.append(c)
            preempted.append(usage(who).ru_nivcsw != sw)  # the scheduler took the core away mid-call
            check(res)  # not timed
    finally:
        if prof:
            prof.disable()
        gc.unfreeze()
    if prof:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
        report.profiles[name] = out.getvalue()
    return Row(name, goal_kind, samples, cpu, preempted, note)


def _pick(rng: random.Random, n: int, pool: Callable[[random.Random], int], used: set[int]) -> list[int]:
    out: list[int] = []
    seen = set(used)
    tries = 0
    while len(out) < n:
        x = pool(rng)
        tries += 1
        if tries > 50 * n + 1000:
            raise RuntimeError("not enough unused samples left in this replica; rebuild it (drop --reuse)")
        if x in seen:
            continue
        seen.add(x)
        out.append(x)
    return out


def run_benchmark(*, members: int, coupons: int, out: Path, iterations: int, scan_iterations: int, reuse: bool,
                  profile: bool = False, cache_mb: int = 0, promotions: int = 0, mix: bool = False,
                  log: Callable[[str], None] = print) -> Report:
    layout = Layout(members, coupons)
    if layout.bound < members:
        raise SystemExit("--coupons must be at least 5/3 x --members (every member needs a free-latte voucher)")
    out = Path(out)
    build: BuildStats | None = None
    if reuse and out.exists():
        conn = sqlite3.connect(out)
        have = stored_layout(conn)
        conn.close()
        if have != layout:
            log(f"{out} holds {have}, not {layout}: rebuilding")
            reuse = False
    if not (reuse and out.exists()):
        _remove(out)
        log(f"building {out}: {members:,} members, {members * layout.lots_per_member:,} lots, {coupons:,} coupons")
        build = build_replica(out, layout, log)
        log(f"built in {build.seconds:.1f} s")
    size_after_build = _sizes(out)

    os_cached_before = _os_cached(out)
    replica = open_replica(out)  # what the terminal does: WAL, synchronous=FULL, foreign keys
    install_promotions(replica, promotions)  # 0: none (a reused replica loses those of an earlier run)
    conn = replica.conn
    if cache_mb:
        conn.execute(f"PRAGMA cache_size=-{cache_mb * 1024}")  # experiment only: not what the terminal does
    report = Report(layout, out, build, size_after_build, cache_mb=cache_mb, os_cached_before=os_cached_before)
    report.synchronous = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[conn.execute("PRAGMA synchronous").fetchone()[0]]
    report.journal_mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    report.counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                     for t in ("members", "point_lots", "coupon_instances", "outbox")}
    svc = RedemptionService(replica, store_id=STORE_ID, terminal_id=TERMINAL_ID, clock=lambda: AT)
    tracer = _Tracer()
    rng = random.Random(SEED)
    used_codes = {r[0] for r in conn.execute("SELECT DISTINCT code FROM coupon_ledger")}
    used = {int(c[1:]) for c in used_codes if re.fullmatch(r"C\d{10}", c)}
    warm = max(10, min(200, iterations // 10))
    swarm = max(10, min(500, scan_iterations // 10))
    report.load_before = os.getloadavg()

    def expect(kind: str) -> Callable[[Any], None]:
        def check(res: Any) -> None:
            if res.kind != kind:
                raise AssertionError(f"expected a {kind} scan, got {res.kind}")
        return check

    # ---- scans ------------------------------------------------------------------------
    n = scan_iterations + swarm
    log(f"scan: member card numbers x{n}")
    cards = [layout.member_card(rng.randrange(members)) for _ in range(n)]
    report.rows.append(_timed("scan: member card number (plain, GS1)", [lambda c=c: svc.scan(c, at=AT) for c in cards],
                              expect("member"), swarm, tracer, conn, profile, report, "scan"))

    log(f"scan: coupon numbers x{n}")
    nums: list[int] = []
    while len(nums) < n:
        j = rng.randrange(coupons)
        if layout.coupon_template(j) in NUMBERED:
            nums.append(j)
    codes_ = [layout.coupon_number(j) for j in nums]
    report.rows.append(_timed("scan: coupon number (plain, GS1)", [lambda c=c: svc.scan(c, at=AT) for c in codes_],
                              expect("coupon"), swarm, tracer, conn, profile, report, "scan"))

    log(f"scan: signed coupon codes x{n}")
    signed_j: list[int] = []
    while len(signed_j) < n:
        j = rng.randrange(coupons)
        if layout.coupon_template(j) not in NUMBERED:
            signed_j.append(j)
    signed = [layout.signed_coupon(j) for j in signed_j]
    report.rows.append(_timed("scan: signed coupon code (Ed25519)", [lambda c=c: svc.scan(c, at=AT) for c in signed],
                              expect("coupon"), swarm, tracer, conn, profile, report, "scan"))

    log(f"scan: signed member cards x{n}")
    smembers = [layout.signed_member(rng.randrange(members)) for _ in range(n)]
    report.rows.append(_timed("scan: signed member card (Ed25519)", [lambda c=c: svc.scan(c, at=AT) for c in smembers],
                              expect("member"), swarm, tracer, conn, profile, report, "scan"))

    # ---- checkout requests -------------------------------------------------------------
    pct = layout.bearer_indexes("T-10PCT")
    online = layout.bearer_indexes("T-ONLINE30")
    pm = layout.preview_members()

    def request(cid: str, i: int, p: int, o: int) -> CheckoutRequest:
        return CheckoutRequest(
            checkout_id=cid, lines=LINES, member_code=layout.member_card(i),
            coupons=(CouponRequest(layout.coupon_number(i)),  # the member's free latte (coupon j = member i)
                     CouponRequest(layout.coupon_number(p)),  # bearer 10% off bakery
                     CouponRequest(layout.signed_coupon(o))),  # signed online 30 off
            points=dict(POINTS), payment_method="cash",
        )

    def check_preview(pv: Any) -> None:
        if not pv.ok or len([v for v in pv.coupon_verdicts if v.ok]) != 3:
            raise AssertionError(f"preview refused something: {pv.refusals}")
        if len(pv.earns) != 5 or not all(e.points > 0 for e in pv.earns):
            raise AssertionError(f"expected 5 earn results, got {[(e.rule_id, e.points) for e in pv.earns]}")
        if promotions and not pv.promotion_uses:
            raise AssertionError("expected automatic promotions to apply")

    n = iterations + warm
    log(f"preview x{n}")
    ids = _pick(rng, n, lambda r: r.randrange(pm), used)
    ps = _pick(rng, n, lambda r: pct[r.randrange(len(pct))], used)
    os_ = _pick(rng, n, lambda r: online[r.randrange(len(online))], used)
    reqs = [request(f"preview-{k}", i, p, o) for k, (i, p, o) in enumerate(zip(ids, ps, os_))]
    label = "preview: 4 lines, 3 coupons, 5 earn rules, points" + (f", {promotions} promotions" if promotions else "")
    report.rows.append(_timed(label, [lambda q=q: svc.preview(q, at=AT) for q in reqs],
                              check_preview, warm, tracer, conn, profile, report, "preview"))

    log(f"settle x{n}")
    run_id = uuid.uuid4().hex[:8]
    ids = _pick(rng, n, lambda r: r.randrange(pm), used)
    used |= set(ids)
    ps = _pick(rng, n, lambda r: pct[r.randrange(len(pct))], used)
    used |= set(ps)
    os_ = _pick(rng, n, lambda r: online[r.randrange(len(online))], used)
    reqs = [request(f"bench-{run_id}-{k}", i, p, o) for k, (i, p, o) in enumerate(zip(ids, ps, os_))]

    def check_receipt(rc: Any) -> None:
        if rc["replayed"] or rc["coupon_discount"] <= 0 or len(rc["points_earned"]) != 2:
            raise AssertionError(f"unexpected receipt: {rc}")

    report.rows.append(_timed(f"settle: same basket, one transaction ({report.synchronous} sync)",
                              [lambda q=q: svc.settle(q, cashier_id=CASHIER_ID, at=AT) for q in reqs],
                              check_receipt, warm, tracer, conn, profile, report, "settle"))

    if mix:
        used |= set(os_)  # the signed online codes the plain settles used
        _run_mix(svc, replica, layout, rng, used, n, warm, report, pm, pct, online, request, log, profile, tracer)

    report.load_after = os.getloadavg()
    report.plans, report.full_scans = _query_plans(conn, tracer)
    report.size_after_run = _sizes(out)  # before close: the last close checkpoints and deletes the WAL
    report.os_cached_after = _os_cached(out)
    conn.close()
    return report


def _run_mix(svc, replica, layout, rng, used, n, warm, report, pm, pct, online, request, log, profile: bool, tracer) -> None:
    """Issue 15's mix (benchmarks/bench_mix.py): rows appended to the report."""
    from benchmarks import bench_mix
    from benchmarks.replica_gen import MANAGER_ID, bench_catalog

    report.mix = True
    sellers = _pick(rng, n, lambda r: r.randrange(pm), used)
    used |= set(sellers)
    exchangers = _pick(rng, n, lambda r: r.randrange(pm), used)
    used |= set(exchangers)
    ps = _pick(rng, n, lambda r: pct[r.randrange(len(pct))], used)
    used |= set(ps)
    os_ = _pick(rng, n, lambda r: online[r.randrange(len(online))], used)
    used |= set(os_)
    log(f"mix: loading {n:,} wallets, {n:,} gift cards and an exchange offer")
    bench_mix.load_value_objects(replica, bench_catalog(), layout, sellers, n)
    perf, tcpu = time.perf_counter_ns, time.thread_time_ns
    usage, who = resource.getrusage, getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF)

    profs = {k: cProfile.Profile() for k in ("preview", "settle", "exchange", "return")} if profile else {}

    traced: set[str] = set()

    def timer(kind, call):
        if kind not in traced:  # the first call of each kind: its statements' query plans go into the report
            traced.add(kind)
            replica.conn.set_trace_callback(tracer)
            try:
                call()
            finally:
                replica.conn.set_trace_callback(None)
            return 0, 0, False
        prof = profs.get(kind)
        if prof:
            prof.enable()
        sw = usage(who).ru_nivcsw
        c = tcpu()
        t = perf()
        call()
        t = perf() - t
        c = tcpu() - c
        if prof:
            prof.disable()
        return t, c, usage(who).ru_nivcsw != sw

    log(f"mix x{n}: preview, settle with stored value + gift card, exchange, return")
    gc.collect()
    res = bench_mix.run_mix(svc, layout, sellers=sellers, exchangers=exchangers, request=request, coupons=list(zip(ps, os_)), warm=warm,
                            timer=timer, manager=(MANAGER_ID, "9999"), cashier=CASHIER_ID, at=AT)
    names = {"preview": ("preview: same basket + wallet and gift card tenders resolved (mix)", "preview"),
             "settle": ("settle: same basket, 100 wallet + 50 gift card + cash (mix)", "settle"),
             "exchange": ("exchange: 100 points for a voucher (mix)", "settle"),
             "return": ("return: 1 croissant of a value-paid sale, manager PIN (mix)", "settle")}
    for kind, (wall, cpu, pre) in res.items():
        report.rows.append(Row(names[kind][0], names[kind][1], wall, cpu, pre))
    for kind, prof in profs.items():
        text = io.StringIO()
        pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(20)
        report.profiles[names[kind][0]] = text.getvalue()


def _ratios(report: Report) -> list[str]:
    """Each row's p50 and p99 as a ratio to the plain cash settle of the same run."""
    base = next((r for r in report.rows if r.metric.startswith("settle: same basket, one transaction")), None)
    if base is None:
        return []
    out = ["", "Ratios to the plain cash settle of this run (p50 " + f"{base.pct(50):.3f} ms, p99 {base.pct(99):.3f} ms):", "",
           "| metric | p50 / plain settle p50 | p99 / plain settle p99 |", "|---|---:|---:|"]
    for r in report.rows:
        if r.metric.startswith(("preview", "settle", "exchange", "return")):
            out.append(f"| {r.metric} | {r.pct(50) / base.pct(50):.2f} | {r.pct(99) / base.pct(99):.2f} |")
    return out


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def render(report: Report) -> str:
    lay = report.layout
    out = [f"## Engine benchmark: {lay.members:,} members, {report.counts.get('point_lots', 0):,} point lots, "
           f"{lay.coupons:,} coupon instances", ""]
    out.append(f"Machine: {os.cpu_count()} CPUs ({_cpu_model()}), {_ram()} RAM, Python {platform.python_version()}, "
               f"SQLite {sqlite3.sqlite_version}. Load average before/after: "
               f"{' '.join(f'{x:.2f}' for x in report.load_before)} / {' '.join(f'{x:.2f}' for x in report.load_after)}.")
    out.append("")
    out.append("| metric | n | p50 ms | p95 ms | p99 ms | max ms | goal (p99) | result | CPU p50 / p99 ms "
               "| calls preempted | p99 ms of calls not preempted |")
    out.append("|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|")
    for r in report.rows:
        out.append(f"| {r.metric} | {r.n:,} | {r.pct(50):.3f} | {r.pct(95):.3f} | {r.pct(99):.3f} | {max(r.samples_ns) / 1e6:.3f} "
                   f"| < {r.goal_ms:g} ms | {'pass' if r.passed else 'FAIL'} | {r.pct(50, True):.3f} / {r.pct(99, True):.3f} "
                   f"| {100 * r.preempted_share:.1f}% | {r.pct_not_preempted(99):.3f} |")
    if report.mix:
        out += _ratios(report)
    b = report.build
    out += ["", "| replica | value |", "|---|---|"]
    if b is None:
        out.append("| build time | reused an existing replica (--reuse) |")
    else:
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in b.steps.items())
        out.append(f"| build time | {b.seconds:.1f} s ({steps}) |")
    db, wal = report.size_after_build
    out.append(f"| file size after build | db {_mb(db)} + wal {_mb(wal)} = {_mb(db + wal)} |")
    db, wal = report.size_after_run
    out.append(f"| file size after the run | db {_mb(db)} + wal {_mb(wal)} = {_mb(db + wal)} |")
    out.append(f"| rows | " + ", ".join(f"{k} {v:,}" for k, v in report.counts.items()) + " (before the run) |")
    cache = (f"cache_size={report.cache_mb} MiB (EXPERIMENT, not the terminal's default)" if report.cache_mb
             else "the terminal's own cache_size (terminal.storage.db.CACHE_KIB, 64 MiB)")
    out.append(f"| measuring connection | `open_replica`: journal_mode={report.journal_mode}, synchronous={report.synchronous}, {cache} |")
    out.append(f"| file in OS page cache (fincore) | {report.os_cached_before} before the run, {report.os_cached_after} after |")
    out.append("")
    out.append("The bulk build ran with synchronous=OFF and a 256 MiB page cache "
               "on its own connection, restored to FULL and closed before measuring. Times are per call "
               "(time.perf_counter_ns), warm-up calls excluded; samples are seeded-random members/coupons. "
               "CPU = this thread's CPU time per call (time.thread_time_ns): wall minus CPU is waiting "
               "(fsync, disk reads, or other processes holding the 2 cores). A call is 'preempted' when the "
               "scheduler switched this thread out involuntarily during it (getrusage ru_nivcsw); the goal is "
               "judged on all calls, the last column only shows how much of the tail is the shared machine.")
    out.append("")
    out.append("### Query plans of the statements the service ran")
    out.append("")
    if report.full_scans:
        out.append("Full scans of large tables found:")
        out += [f"- `{s}`" for s in report.full_scans]
    else:
        out.append("No full scan of a large table (members, point_lots, coupon_instances, ledgers, outbox, settlements).")
    out.append("")
    out.append("```")
    for key, lines in report.plans:
        out.append(key[:200])
        out += [f"    {ln}" for ln in lines]
    out.append("```")
    for name, text in report.profiles.items():
        out += ["", f"### cProfile: {name}", "", "```", text.strip(), "```"]
    return "\n".join(out)


def options(argv: list[str] | None = None) -> dict[str, Any]:
    """Command-line options as `run_benchmark` keyword arguments."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--members", type=int, default=None, help=f"default {FULL_MEMBERS:,} ({QUICK_MEMBERS:,} with --quick)")
    ap.add_argument("--coupons", type=int, default=None, help=f"default {FULL_COUPONS:,} ({QUICK_COUPONS:,} with --quick)")
    ap.add_argument("--out", type=Path, default=Path("bench-data/replica.db"))
    ap.add_argument("--iterations", type=int, default=None,
                    help="timed previews and settles (default 2000, 100 with --quick); scans get 5x as many")
    ap.add_argument("--reuse", action="store_true", help="reuse --out if it was built with the same sizes")
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_MEMBERS:,} members, {QUICK_COUPONS:,} coupons, 100 iterations")
    ap.add_argument("--cache-mb", type=int, default=0,
                    help="experiment: PRAGMA cache_size on the measuring connection (default: the terminal's own)")
    ap.add_argument("--profile", action="store_true", help="cProfile each timed loop (inflates times) and print the top")
    ap.add_argument("--promotions", type=int, default=0, help="automatic promotions active in the catalog (issue 16; e.g. 50)")
    ap.add_argument("--mix", action="store_true", help="also time issue 15's mix: stored value and gift card tenders, an "
                    "exchange and a partial return (benchmarks/bench_mix.py), with ratios to the plain settle")
    a = ap.parse_args(argv)
    iterations = a.iterations or (100 if a.quick else 2000)
    return {"members": a.members or (QUICK_MEMBERS if a.quick else FULL_MEMBERS),
            "coupons": a.coupons or (QUICK_COUPONS if a.quick else FULL_COUPONS),
            "out": a.out, "iterations": iterations, "scan_iterations": iterations * 5, "reuse": a.reuse, "profile": a.profile,
            "cache_mb": a.cache_mb, "promotions": a.promotions, "mix": a.mix}


def main(argv: list[str] | None = None) -> int:
    report = run_benchmark(**options(argv), log=lambda s: print(s, file=sys.stderr, flush=True))
    print(render(report))
    return 0 if all(r.passed for r in report.rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
