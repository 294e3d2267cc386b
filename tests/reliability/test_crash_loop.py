"""Crash loop: a writer process settles checkouts and is SIGKILLed at random moments, again and
again; nothing it acknowledged may be lost or doubled.

The writer (tests/reliability/writer.py) prints a checkout id only after `settle()` returned:
that is what the cashier saw. After every kill the test opens the replica and checks the
invariants of `tests/reliability/durability.py` (`INVARIANTS`): integrity_check ok; every
acknowledged checkout present with its terminal_seq and event; ledgers exactly = outbox payloads,
nothing without its outbox event and no settlement event without its rows; terminal_seq 1..N
without gaps; coupon uses within limits; balances = ledger sums = the receipts' chain.

The next lifetime first retries the checkout that was in flight at the kill (same id, same
content): if the kill came after COMMIT but before the acknowledgement, the retry must return
the stored receipt (`replayed`), else settle it now; either way it ends up exactly once. Each
lifetime also asks some acknowledged checkouts again: they must come back as stored receipts.

Kill moments: seeded random delays after the lifetime starts, scaled to the measured settle
rate so a lifetime settles about LT_CRASH_PER_LIFE checkouts (10% very early kills hit the
open/migrate/first-transaction path). Lifetimes are forked from a pre-imported "zygote"
process (a fresh interpreter costs ~0.7 s of imports, which would make 1,000 cycles take
12 minutes); every LT_CRASH_FRESH_EVERY-th lifetime is a brand-new interpreter instead.

    .venv/bin/python -m pytest tests/reliability/test_crash_loop.py              # short: 20 kill cycles
    .venv/bin/python -m pytest -m slow tests/reliability/test_crash_loop.py -s   # long: >= 1,000 cycles, >= 10,000 settlements
    LT_CRASH_CYCLES=3000 LT_CRASH_SETTLEMENTS=30000 LT_CRASH_SEED=7 .venv/bin/python -m pytest -m slow tests/reliability/test_crash_loop.py -s

Env: LT_CRASH_CYCLES, LT_CRASH_SETTLEMENTS (minimum acknowledged settlements; cycles continue
until both are reached), LT_CRASH_SEED, LT_CRASH_PER_LIFE (default 10), LT_CRASH_FRESH_EVERY
(default 25; 0 = never).
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import parse_catalog
from tests.reliability.durability import Auditor, InvariantViolation, durability_catalog, parse_lines

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
WRITER = [sys.executable, "-m", "tests.reliability.writer"]
TIMEOUT = 60


def _int_env(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


class Lines:
    """Lines of a child's stdout, read on a thread, so that every wait has a timeout."""

    def __init__(self, stream) -> None:
        self.q: queue.Queue[str | None] = queue.Queue()
        self.t = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.t.start()

    def _read(self, stream) -> None:
        for raw in iter(stream.readline, b""):
            self.q.put(raw.decode().rstrip("\n"))
        self.q.put(None)

    def get(self, what: str) -> str | None:
        try:
            return self.q.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"no output from the writer for {TIMEOUT} s while waiting for {what}") from None

    def until(self, prefix: str) -> tuple[str, list[str]]:
        seen = []
        while True:
            line = self.get(prefix)
            if line is None:
                raise AssertionError(f"writer output ended before {prefix!r}; got {seen[-5:]}")
            if line.startswith(prefix):
                return line, seen
            seen.append(line)


class _WriterProcess:
    """A `writer MODE` process fed JSON commands; `start` begins one writer lifetime."""

    MODE = ""

    def __init__(self, db: Path, stderr) -> None:
        self.proc = subprocess.Popen(WRITER + [self.MODE, "--db", str(db)], cwd=ROOT, env=ENV, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=stderr)
        self.lines = Lines(self.proc.stdout)
        self.lines.until("READY")

    def start(self, cmd: dict) -> tuple[int, list[str]]:
        self.proc.stdin.write((json.dumps(cmd) + "\n").encode())
        self.proc.stdin.flush()
        line, early = self.lines.until("CHILD ")
        return int(line.split()[1]), early


class Zygote(_WriterProcess):
    """`writer zygote`: imports once, forks one writer lifetime per command."""

    MODE = "zygote"

    def end(self, pid: int) -> tuple[list[str], int]:
        self.proc.stdin.write((json.dumps({"cmd": "reap", "pid": pid}) + "\n").encode())
        self.proc.stdin.flush()
        line, seen = self.lines.until(f"DEAD {pid} ")
        return seen, int(line.split()[2])

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Fresh(_WriterProcess):
    """`writer life` in a brand-new interpreter (a real cold start)."""

    MODE = "life"

    def end(self, pid: int) -> tuple[list[str], int]:
        code = self.proc.wait(TIMEOUT)
        seen = []
        while (line := self.lines.get("EOF")) is not None:
            seen.append(line)
        self.proc.stdin.close()
        return seen, code

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def run_crash_loop(workdir: Path, *, cycles: int, min_settlements: int, seed: int, per_life: int = 10,
                   fresh_every: int = 25) -> dict:
    db = workdir / "replica.db"
    init_replica(db, parse_catalog(json.dumps(durability_catalog())), store_id="A-001", terminal_id="T1").db.conn.close()
    auditor = Auditor(db)
    stderr_path = workdir / "writer-stderr.txt"
    stderr = open(stderr_path, "wb")
    rng = random.Random(seed)
    acked: dict[str, tuple[int, str]] = {}
    acked_list: list[str] = []
    refused: set[str] = set()
    next_index = 0
    pending: tuple[str, int, str] | None = None  # committed at a kill but never acknowledged: (id, seq, event)
    stats: Counter[str] = Counter()
    alive_total, lines_total = 0.0, 0
    open_times: list[float] = []
    scale = 1.0
    started = time.monotonic()
    check_time = 0.0

    def fail(msg: str) -> None:
        stderr.flush()
        tail = stderr_path.read_text(errors="replace")[-3000:]
        pytest.fail(f"seed {seed}, cycle {stats['cycles']}: {msg}\nwriter stderr:\n{tail}", pytrace=False)

    def take(lines: list[str]) -> None:
        nonlocal next_index, pending
        for parts in parse_lines(lines):
            tag = parts[0]
            if tag == "CHILD":
                continue
            if tag == "O":
                open_times.append(float(parts[1]))
                continue
            if tag in ("A", "R"):
                cid = parts[1]
                if cid != f"c-{next_index}":
                    fail(f"writer answered {cid} out of order (expected c-{next_index})")
                retry_of_committed = pending is not None and pending[0] == cid
                if tag == "A":
                    seq, ev, replayed = int(parts[2]), parts[3], parts[4] == "1"
                    if cid in acked:
                        fail(f"{cid} acknowledged twice")
                    if retry_of_committed:
                        if not replayed or (seq, ev) != pending[1:]:
                            fail(f"{cid} committed before the kill (seq {pending[1]}) but its retry gave seq {seq} "
                                 f"event {ev} replayed={replayed}: settled twice or lost")
                        stats["retry_returned_stored_receipt"] += 1
                    elif replayed:
                        fail(f"{cid} came back as 'replayed' although it was never settled before")
                    acked[cid] = (seq, ev)
                    acked_list.append(cid)
                    stats["settled"] += 1
                else:
                    if retry_of_committed:
                        fail(f"{cid} committed before the kill but its retry was refused ({parts[2]})")
                    refused.add(cid)
                    stats["refused"] += 1
                if retry_of_committed:
                    pending = None
                next_index += 1
            elif tag == "P":
                cid, seq, ev = parts[1], int(parts[2]), parts[3]
                if acked.get(cid) != (seq, ev):
                    fail(f"{cid} asked again returned seq {seq} event {ev}; acknowledged was {acked.get(cid)}")
                stats["asked_again"] += 1
            else:
                fail(f"unexpected writer line {' '.join(parts)!r}")

    def audit(unacked_ok: set[str], full: bool = False) -> dict:
        nonlocal check_time
        t = time.monotonic()
        try:
            res = auditor.check(acked=acked, refused=refused, unacked_ok=unacked_ok, full=full)
        except InvariantViolation as exc:
            fail(str(exc))
        check_time += time.monotonic() - t
        return res

    zygote = Zygote(db, stderr)
    try:
        while stats["cycles"] < cycles or stats["settled"] < min_settlements:
            if stats["cycles"] > 20 * max(cycles, 1) + 1000:
                fail(f"only {stats['settled']} settlements after {stats['cycles']} cycles")
            fresh = fresh_every > 0 and stats["cycles"] % fresh_every == fresh_every - 1
            runner = Fresh(db, stderr) if fresh else zygote
            cmd = {"cmd": "life", "start": next_index, "replay": rng.sample(acked_list, min(5, len(acked_list)))}
            pid, early_lines = runner.start(cmd)
            t0 = time.monotonic()
            # kill moment: 10% while opening, else uniform over ~2 x per_life settlements after the open
            open_cost = sorted(open_times)[len(open_times) // 2] if open_times else 0.02
            per_settle = alive_total / lines_total if lines_total >= 20 else 0.005
            span = min(5.0, max(0.005, 2 * per_life * per_settle * scale))
            early = rng.random() < 0.1
            delay = rng.uniform(0, open_cost) if early else open_cost + rng.uniform(0, span)
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            alive = time.monotonic() - t0
            lines, code = runner.end(pid)
            if fresh:
                runner.close()
                stats["fresh_interpreters"] += 1
            if code != -signal.SIGKILL:
                take(early_lines + lines)
                fail(f"writer lifetime ended with {code} instead of being killed")
            n_lines = sum(1 for ln in early_lines + lines if ln[:1] in "ARP")
            if not early:  # feedback: first settlements of a lifetime are slower (cold cache); aim at per_life answers
                scale = min(50.0, scale * 1.08) if n_lines < per_life else max(0.05, scale / 1.08)
            if n_lines:
                alive_total += max(0.0, alive - (open_times[-1] if open_times else 0.0))
                lines_total += n_lines
            stats["cycles"] += 1
            stats["killed_before_any_answer"] += n_lines == 0
            stats["killed_while_opening"] += not any(ln.startswith("O ") for ln in early_lines + lines)
            take(early_lines + lines)
            inflight = f"c-{next_index}"
            res = audit({inflight})
            committed = res["unacked_settled"].get(inflight)
            if committed is not None:
                if pending is None:
                    pending = (inflight, *committed)
                    stats["killed_between_commit_and_ack"] += 1
                elif pending != (inflight, *committed):
                    fail(f"in-flight {inflight} changed from {pending[1:]} to {committed}")
            elif pending is not None:
                fail(f"{pending[0]} was committed at an earlier kill and is now gone")
        # a last clean lifetime settles the one still in flight, then exits by itself
        pid, early = zygote.start({"cmd": "life", "start": next_index, "replay": [], "stop_after": 1})
        lines, code = zygote.end(pid)
        take(early + lines)
        if code != 0:
            fail(f"final lifetime exited with {code}")
        res = audit(set(), full=True)
        if res["settlements"] != len(acked) or res["unacked_settled"]:
            fail(f"{res['settlements']} settlements stored, {len(acked)} acknowledged")
    finally:
        zygote.close()
        stderr.close()
    wall = time.monotonic() - started
    summary = {"seed": seed, **stats, "settlements_stored": res["settlements"], "events": res["events"],
               "coupon_ledger_rows": res["coupon_ledger_rows"], "point_ledger_rows": res["point_ledger_rows"],
               "audits": auditor.checks, "audit_seconds": round(check_time, 1),
               "median_open_seconds": round(sorted(open_times)[len(open_times) // 2], 4) if open_times else None, "wall_seconds": round(wall, 1),
               "db_mib": round(sum(p.stat().st_size for p in workdir.glob("replica.db*")) / 2**20, 1)}
    print("\ncrash loop:", json.dumps(summary))
    return summary


def test_crash_loop_short(tmp_path):
    s = run_crash_loop(tmp_path, cycles=_int_env("LT_CRASH_SHORT_CYCLES", 20), min_settlements=100,
                       seed=_int_env("LT_CRASH_SEED", 1), fresh_every=10)
    assert s["cycles"] >= 20 and s["settled"] >= 100
    assert s["fresh_interpreters"] >= 2
    assert s["asked_again"] > 0


@pytest.mark.slow
def test_crash_loop_long(tmp_path):
    cycles = _int_env("LT_CRASH_CYCLES", 1000)
    settlements = _int_env("LT_CRASH_SETTLEMENTS", 10_000)
    s = run_crash_loop(tmp_path, cycles=cycles, min_settlements=settlements, seed=_int_env("LT_CRASH_SEED", 2026),
                       per_life=_int_env("LT_CRASH_PER_LIFE", 10), fresh_every=_int_env("LT_CRASH_FRESH_EVERY", 25))
    assert s["cycles"] >= cycles and s["settled"] >= settlements


def test_the_auditor_catches_a_lost_and_a_doubled_settlement(tmp_path):
    """The checks can fail: an acknowledged checkout that is not stored, a ledger row doubled
    without its event, a terminal_seq gap."""
    db = tmp_path / "replica.db"
    init_replica(db, parse_catalog(json.dumps(durability_catalog())), store_id="A-001", terminal_id="T1").db.conn.close()
    auditor = Auditor(db)
    from tests.reliability.writer import service
    from tests.reliability.durability import request_for

    svc = service(str(db))
    acked = {}
    for i in range(30):
        try:
            rec = svc.settle(request_for(f"c-{i}"), cashier_id="C01")
        except Exception:
            continue
        acked[f"c-{i}"] = (rec["terminal_seq"], rec["event_id"])
    auditor.check(acked=acked)
    with pytest.raises(InvariantViolation, match="LOST"):
        auditor.check(acked={**acked, "c-999": (999, "nope")})
    some = next(iter(acked))
    with pytest.raises(InvariantViolation, match="never acknowledged"):
        auditor.check(acked={k: v for k, v in acked.items() if k != some})
    auditor.check(acked={k: v for k, v in acked.items() if k != some}, unacked_ok={some})
    conn = svc.replica.conn
    row = conn.execute("SELECT event_id, checkout_id, code, template_id, member_id, uses, discount, at FROM coupon_ledger LIMIT 1").fetchone()
    conn.execute("INSERT INTO coupon_ledger(event_id, checkout_id, code, template_id, member_id, uses, discount, kind, at) "
                 "VALUES (?,?,?,?,?,?,?,'redeem',?)", row)
    with pytest.raises(InvariantViolation, match="I5"):
        auditor.check(acked=acked)
    svc.replica.conn.close()
