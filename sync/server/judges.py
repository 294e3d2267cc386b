"""Judge processes: pushes judged outside the HTTP worker, so pulls never wait behind them (issue 14).

`python -m sync.server --db postgresql+psycopg://... --workers 2 --judge-processes 1` gives each
HTTP worker its own pool of `--judge-processes` processes (spawned; each opens its own engine and pool
on the same database) that run `CentralStore.push`, at `--judge-nice` steps lower CPU priority.
The HTTP worker keeps parsing requests, checking credentials and serving pulls on its own
interpreter at normal priority; an admitted push (limits.WriteGate) waits for a judge process
without holding the worker's GIL or a core.

Why (measured, docs/benchmarks.md "Pulls under push load"): judged on the worker's own threads,
four CPU-bound judgements per worker held the GIL and both cores; a pull page needing ~3 ms of CPU
took 0.11 s p99 inside its handler (each of its database round trips waited for the GIL again) and
0.22 s end to end at 50 terminals pushing flat out. Lower-priority judge THREADS made it worse (a
pull then waited for the GIL held by a thread the kernel ran last); separate processes have no
shared GIL, so the kernel's priorities apply.

Failures keep the push protocol's meaning: a judge process that dies while idle is replaced when the
next push comes, and judges it (a red team found that push answered 503 although nothing of it had been
judged); one that dies while judging (killed, out of memory) is replaced and its push answered 503 `database_unavailable` with Retry-After (the event's own
transaction committed or rolled back in the database; the terminal sends it again and gets the
stored answer as a duplicate); a database that is down or busy is answered as in the worker.
SQLite: not offered (one writer; `--judge-processes` > 0 is refused).

What crosses to a judge process is pickled, and pickling recurses: a hostile payload nested 900 deep
(the JSON parser takes ~1,000) raised RecursionError in the worker, a 500. `crossing` replaces a payload
nested past `intake.MAX_NESTING` — refused as `invalid_payload` whatever it holds — by the smallest such
payload, so the judge gives the answer it gives on judge threads (tests/sync/test_judges.py).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sync.server.intake import MAX_NESTING, nesting
from sync.server.limits import DatabaseDown, is_busy, is_unreachable

log = logging.getLogger("sync.server")

_STORE = None  # the CentralStore of this judge process


def _over_nested() -> dict:
    """The smallest payload nested past MAX_NESTING (what the judge refuses as invalid_payload)."""
    inner: list = []
    for _ in range(MAX_NESTING):
        inner = [inner]
    return {"over_nested": inner}


def crossing(events: list[dict]) -> list[dict]:
    """`events` as they are sent to a judge process: each payload nested past MAX_NESTING replaced by
    `_over_nested()` (the same answer from the judge; pickling never meets the real depth). `nesting`
    counts without recursion, so any depth is safe to measure here."""
    return [{**env, "payload": _over_nested()} if nesting(env.get("payload")) > MAX_NESTING else env for env in events]


def _watch_parent(parent: int, every_s: float = 0.5) -> None:
    """End this judge process once its worker is gone (killed, even by SIGKILL, or stopped): the pool's
    queues keep their pipes open in the children themselves, so they would never see an end of file
    and would live on as orphans holding database connections. A judgement in flight is cut: its
    transaction rolls back, and the terminal sends the event again."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every_s)
        os._exit(0)

    threading.Thread(target=watch, name="judge-parent-watch", daemon=True).start()


def _start(db: str, nice: int, parent: int, push_budget_s: float) -> None:
    global _STORE
    _watch_parent(parent)
    if nice > 0 and hasattr(os, "nice"):
        try:
            os.nice(nice)
        except OSError:
            pass
    from sync.server.store import CentralStore

    _STORE = CentralStore(db)
    _STORE.push_budget_s = push_budget_s


def _ready() -> int:
    return os.getpid()


def _judge(device: dict, events: list[dict]) -> tuple[str, object]:
    """In a judge process: ("ok", the push answer) | ("unavailable" | "busy" | "error", a message)."""
    try:
        return "ok", _STORE.push(device, events)
    except Exception as exc:  # never pickled across: exceptions of SQLAlchemy/psycopg do not always survive it
        if is_unreachable(exc):
            return "unavailable", str(exc)[:200]
        if is_busy(exc):
            return "busy", str(exc)[:200]
        log.exception("judging a push failed")
        return "error", type(exc).__name__


class JudgeProcesses:
    """`processes` judge processes on database `db` (a URL), `nice` steps lower in CPU priority, each push
    judged for at most `push_budget_s` s (intake.PUSH_BUDGET_S)."""

    def __init__(self, db: str, processes: int, nice: int, push_budget_s: float) -> None:
        self.db, self.processes, self.nice, self.push_budget_s = db, processes, nice, push_budget_s
        self.pool = self._make()

    def _make(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"), initializer=_start,
                                   initargs=(self.db, self.nice, os.getpid(), self.push_budget_s))

    def warm(self) -> None:
        """Start every process now (the first push would otherwise wait for a process's imports)."""
        for f in [self.pool.submit(_ready) for _ in range(self.processes)]:
            f.result(timeout=120)

    async def push(self, device: dict, events: list[dict]) -> dict:
        """The push answer of `events` from `device`. Raises DatabaseDown (503 + Retry-After) when a judge
        process died or the database is down, BusyDatabase when it stayed busy, RuntimeError otherwise."""
        sent = crossing(events)
        pool = self.pool
        try:
            future = pool.submit(_judge, device, sent)
        except BrokenProcessPool:  # a judge died while idle (nothing of this push was judged): new ones take it
            pool = self._replace(pool)
            future = pool.submit(_judge, device, sent)
        try:
            kind, value = await asyncio.wrap_future(future)
        except BrokenProcessPool:
            self._replace(pool)
            raise DatabaseDown("a judge process ended while judging this push") from None
        if kind == "ok":
            return value
        if kind == "unavailable":
            raise DatabaseDown(value)
        if kind == "busy":
            raise BusyDatabase(value)
        raise RuntimeError(f"judging failed: {value}")

    def _replace(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        """New judge processes in place of the `broken` pool (once: a push that finds it replaced already
        uses the new one)."""
        if self.pool is broken:
            log.warning("a judge process died; starting new ones")
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = self._make()
        return self.pool

    def close(self) -> None:
        """Stop the judge processes (each finishes the push it judges, if any)."""
        self.pool.shutdown(wait=True, cancel_futures=True)


class BusyDatabase(Exception):
    """The database stayed busy for this push (answered 503 `database_busy` with Retry-After)."""
