"""Request limits of the reference server: a bound on every request body, a request rate per
credential (`RateLimit`, off unless `python -m sync.server --rate-limit N` turns it on), and load
shedding on the write path (`WriteGate`, `write_lock_free`; `--max-writes 0` turns it off).

`BodyLimit` is a pure ASGI middleware: a request whose `Content-Length` exceeds the limit, or
whose streamed (chunked) body grows past it, is answered **413** in the API's error shape before
the body reaches the application (a 60 MiB event used to be parsed, judged and stored); a body
whose next part does not arrive within `body_timeout` seconds gets **408**. Sizes are bytes.

These run once uvicorn has read a request's head; the deadline for the head itself and the bound
on the connections held are below HTTP, in sync/server/connections.py.

Load shedding (issue 14): `WriteGate` lets at most `max_writes` pushes be judged at once; one that
finds no free slot within `wait` seconds is answered **503** `overloaded` with `Retry-After`
instead of queueing until the terminal's 10 s timeout fires (it then sent the same batch again:
77 % of the events processed at 50 terminals were such duplicates). `write_lock_free` is the
second check, in the push endpoint: a central database whose write lock another process holds
for longer than `wait` gives **503** `database_busy` at once rather than a push stuck for the
5 s busy timeout of every event. The terminal treats both like 429 (`SyncClient.retry_delay`).

Judge threads (issue 14, pulls under push load): `JudgePool` runs the judgement of admitted pushes on
its own small thread pool (`JUDGE_THREADS` per server process; `JUDGE_NICE` steps lower CPU
priority, 0 by default); pulls, enrolment and everything else keep the shared thread pool. Measured
on the 2-CPU VM (docs/benchmarks.md, "Pulls under push load"): with pushes judged on the shared
pool, the 4 admitted CPU-bound judgements of each process contended for its GIL with the pull
threads, and a pull waited again at each of its database round trips (a page needs ~3 ms of CPU but
took 0.11 s p99 inside the handler and 0.22 s p99 end to end at 50 terminals pushing flat out). The
WriteGate still admits `max_writes` pushes (they queue for a judge thread without holding the GIL);
at most `JUDGE_THREADS` of them are judged at once. A lower priority for judge threads made pulls
slower, not faster (a pull then waits for the GIL held by a thread the kernel runs last): on
PostgreSQL, `--judge-processes` (sync/server/judges.py) moves judgement out of the worker instead.
There, a lower priority works: no GIL is shared, so the kernel runs a worker's pulls, lookups and
enrolments first and the judge process takes the rest of the CPU. A server with `--workers` 2 or more
judges in `JUDGE_PROCESSES` process per worker at `JUDGE_PROCESS_NICE` by default: on the 2-CPU VM at
50 terminals pushing flat out, 183 settlements/s against 134 on judge threads, pull p99 under load
0.064 s against 0.204 s (docs/benchmarks.md, "Judge processes at a lower priority").
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from fastapi import HTTPException

MAX_BODY = 8 * 1024 * 1024  # bytes: a push of 500 events of a few KiB each fits many times over
BODY_TIMEOUT = 30.0  # seconds the server waits for each part of a request body (408 beyond)
MAX_WRITES = 4  # pushes judged at once; the writes themselves are serialised by one lock (CentralStore.write)
WRITE_WAIT = 1.0  # seconds a push waits for a slot, or for the database's write lock, before 503
RETRY_AFTER = 1  # seconds (whole: the header's unit) a shed push is told to wait; the client adds jitter
JUDGE_THREADS = 2  # pushes judged at once per server process (0: on the shared thread pool, as before)
JUDGE_NICE = 0  # how much lower the CPU priority of a judge thread or process is (Linux: per thread); 0: the same
JUDGE_PROCESSES = 1  # judge processes per worker of a multi-worker (PostgreSQL) server (`--judge-processes`)
JUDGE_PROCESS_NICE = 10  # ... each this much lower in CPU priority: pulls and lookups first, judgement with the rest
WRITE_PATHS = frozenset({"/v1/push"})  # the write path a terminal hammers; enrolment and reports are rare


async def send_error(send, status: int, code: str, message: str, headers: tuple = (), **details) -> None:
    """Answer in the API's error shape from ASGI middleware ({"error": {code, message, details}})."""
    body = json.dumps({"error": {"code": code, "message": message, "details": details}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app, max_body: int = MAX_BODY, body_timeout: float = BODY_TIMEOUT) -> None:
        self.app, self.max_body, self.body_timeout = app, max_body, body_timeout

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_body
                except ValueError:
                    too_big = False
                if too_big:
                    return await self._refuse(send)
        seen = 0
        complete = False

        async def limited_receive():
            nonlocal seen, complete
            if complete:  # after the body (e.g. waiting for a disconnect): no deadline
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.body_timeout)
            except asyncio.TimeoutError:  # a client sending its body too slowly holds a worker: cut it
                raise HTTPException(408, f"The request body did not arrive within {self.body_timeout:g} s.") from None
            if message["type"] == "http.request":
                complete = not message.get("more_body", False)
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, f"The request body exceeds {self.max_body:,} bytes.")
            return message

        await self.app(scope, limited_receive, send)

    async def _refuse(self, send) -> None:
        await send_error(send, 413, "body_too_large", f"The request body exceeds {self.max_body:,} bytes.",
                         ((b"connection", b"close"),), limit=self.max_body)


class RateLimit:
    """At most `rate` requests per second per credential (bursts of `burst`) on /v1/ routes other
    than health: beyond it **429** `rate_limited` with `Retry-After` (whole seconds), which the
    client honours (`SyncClient.retry_delay`). Requests without a credential share one bucket per
    client address. At most MAX_BUCKETS buckets are kept (the least recently used go first)."""

    MAX_BUCKETS = 10_000

    def __init__(self, app, rate: float, burst: float, clock=None) -> None:
        import time
        from collections import OrderedDict

        self.app, self.rate, self.burst = app, rate, burst
        self.clock = clock or time.monotonic
        self.buckets: OrderedDict = OrderedDict()

    def _key(self, scope) -> bytes:
        for name, value in scope.get("headers", ()):
            if name == b"authorization":
                return value[-64:]
        client = scope.get("client") or ("?", 0)
        return f"addr:{client[0]}".encode()

    def _wait(self, key: bytes) -> float:
        """0 if a token was taken, else the seconds until one is there."""
        now = self.clock()
        tokens, last = self.buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
        self.buckets[key] = (tokens - 1 if wait == 0 else tokens, now)
        while len(self.buckets) > self.MAX_BUCKETS:
            self.buckets.popitem(last=False)
        return wait

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith("/v1/") or path == "/v1/health":
            return await self.app(scope, receive, send)
        wait = self._wait(self._key(scope))
        if wait == 0:
            return await self.app(scope, receive, send)
        seconds = max(1, int(wait + 0.999))
        await send_error(send, 429, "rate_limited", f"Too many requests; retry in {seconds} s.",
                         ((b"retry-after", str(seconds).encode()),), retry_after=seconds)


class WriteGate:
    """At most `max_writes` requests on the write path (`paths`: POST /v1/push) in the application at
    once; a request that finds no free slot within `wait` seconds is answered **503** `overloaded`
    with `Retry-After: retry_after` (seconds) and nothing of it is read by the application.

    Why: every event is judged and written under one lock (`CentralStore.write`), so a server
    handed more batches than it can judge only queues them; at 50 terminals a batch waited 21.6 s
    (p99), past the client's 10 s timeout, and the client sent it again while the server still
    worked on the first copy. A slot is taken only once the whole body has arrived (a slow sender,
    bounded by BodyLimit's body timeout, holds none) and is held until the answer is sent, also when
    the terminal has given up waiting (the work is still being done). `max_writes` 0 turns it off
    (`python -m sync.server --max-writes 0`). `shed` counts the requests refused so far.
    Must sit inside BodyLimit (it reads the body through BodyLimit's bounded receive).
    """

    def __init__(self, app, max_writes: int = MAX_WRITES, wait: float = WRITE_WAIT, retry_after: int = RETRY_AFTER,
                 paths: frozenset[str] = WRITE_PATHS) -> None:
        self.app, self.max_writes, self.wait, self.retry_after, self.paths = app, max_writes, wait, retry_after, paths
        self.slots = asyncio.Semaphore(max_writes) if max_writes > 0 else None
        self.shed = 0

    async def __call__(self, scope, receive, send):
        if (self.slots is None or scope["type"] != "http" or scope.get("method") != "POST"
                or scope.get("path") not in self.paths):
            return await self.app(scope, receive, send)
        chunks: list[bytes] = []
        try:
            while True:  # the whole body first (BodyLimit bounds its size and its pace)
                message = await receive()
                if message["type"] == "http.disconnect":
                    return  # the terminal is gone: nothing to judge, nothing to answer
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
        except HTTPException as exc:  # 408 / 413 from BodyLimit: outside the app's own error handlers here
            code = {408: "body_timeout", 413: "body_too_large"}.get(exc.status_code, "bad_request")
            return await send_error(send, exc.status_code, code, str(exc.detail), ((b"connection", b"close"),))
        try:
            await asyncio.wait_for(self.slots.acquire(), self.wait)
        except asyncio.TimeoutError:
            self.shed += 1
            return await send_error(send, 503, "overloaded", f"The server is busy judging other pushes; retry in "
                                    f"{self.retry_after} s.", ((b"retry-after", str(self.retry_after).encode()),),
                                    retry_after=self.retry_after)
        body, delivered = b"".join(chunks), False

        async def replay():
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: e.g. waiting for a disconnect

        try:
            await self.app(scope, replay, send)
        finally:
            self.slots.release()


class JudgePool:
    """The threads that judge pushes (module docstring): `threads` of them, each `nice` steps below the
    process's CPU priority (Linux applies setpriority to one thread; elsewhere, or when refused, the
    priority stays as it is and `niced` is False). `run(fn, *args)` awaits fn(*args) on one of them;
    `threads` 0: on the shared thread pool (Starlette's run_in_threadpool), as before. `close()` at shutdown."""

    def __init__(self, threads: int = JUDGE_THREADS, nice: int = JUDGE_NICE) -> None:
        self.threads, self.nice, self.niced = threads, nice, False
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="judge", initializer=self._lower) if threads > 0 else None

    def _lower(self) -> None:
        if self.nice <= 0 or not hasattr(os, "setpriority"):
            return
        try:
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + self.nice))
            self.niced = True
        except OSError:
            pass

    async def run(self, fn, *args):
        if self.executor is None:
            from starlette.concurrency import run_in_threadpool

            return await run_in_threadpool(fn, *args)
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)


class DatabaseDown(Exception):
    """The central database cannot be reached right now (the API answers 503 with Retry-After)."""


# PostgreSQL SQLSTATEs of a transaction that lost a race and may simply be run again
PG_TRANSIENT = frozenset({"40001", "40P01", "55P03", "23505"})  # serialization, deadlock, lock not available, unique key


def _orig(exc: BaseException) -> BaseException:
    return getattr(exc, "orig", None) or exc


def is_busy(exc: BaseException) -> bool:
    """Is `exc` a transient conflict of writers, never the event's fault: SQLite's "the write lock is
    held elsewhere" (SQLITE_BUSY / SQLITE_LOCKED, by the primary result code, not the message), or on
    PostgreSQL a serialization failure, a deadlock, a lock not available or a unique key another
    transaction took meanwhile (PG_TRANSIENT). Raw or wrapped by SQLAlchemy."""
    orig = _orig(exc)
    if isinstance(orig, sqlite3.OperationalError):
        code = (getattr(orig, "sqlite_errorcode", None) or 0) & 0xFF
        return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return getattr(orig, "sqlstate", None) in PG_TRANSIENT


def is_unreachable(exc: BaseException) -> bool:
    """Is `exc` a lost or refused connection to the database server (PostgreSQL down, restarting,
    or the pool unable to connect): SQLAlchemy marks it `connection_invalidated`, or psycopg raises an
    OperationalError without a SQLSTATE (no server answered), or an admin shutdown (57P01-57P03)."""
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, DatabaseDown):
        return True
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, sa_exc.TimeoutError):  # the pool could not hand out a connection
        return True
    orig = _orig(exc)
    module = type(orig).__module__ or ""
    if module.startswith("psycopg"):
        state = getattr(orig, "sqlstate", None)
        return (state is None and type(orig).__name__ in ("OperationalError", "InterfaceError")) or \
            (state or "").startswith(("57P", "08"))
    return False


def write_lock_free(store, wait: float = WRITE_WAIT) -> bool:
    """Whether the central database's write lock could be had within `wait` seconds (then released at once).

    SQLite only (PostgreSQL has no database-wide write lock: writers lock what they judge, so this
    is True there). False when another writer kept it: another process (an admin command, a backup
    tool) holding a write transaction, or, in this process, the store's own lock (`store.lock`) held
    longer. Every event of a push is its own write transaction that waits up to BUSY_TIMEOUT_MS (5 s)
    for this lock, so a push to a database locked from outside took 5 s per event before its first
    answer; the push endpoint answers 503 `database_busy` instead. `store`: a CentralStore. Not a
    guarantee (the lock may be taken right after): it sheds a database that is busy, and the events'
    own transactions still wait as before."""
    from terminal.storage.db import BUSY_TIMEOUT_MS

    if store.postgresql:
        return True
    deadline = time.monotonic() + wait
    if not store.lock.acquire(timeout=wait):
        return False
    try:
        with store.engine.connect() as sa_conn:
            conn = sa_conn.connection.dbapi_connection
            conn.execute("PRAGMA busy_timeout=0")
            try:
                while True:
                    try:
                        conn.execute("BEGIN IMMEDIATE")
                        conn.execute("ROLLBACK")
                        return True
                    except sqlite3.OperationalError as exc:
                        if not is_busy(exc):
                            raise
                    if time.monotonic() >= deadline:
                        return False
                    time.sleep(random.uniform(0.002, 0.02))
            finally:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        store.lock.release()
