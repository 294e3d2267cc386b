"""The simulated network: the real server app in-process, behind a faulty, seeded wire.

`ServerEndpoint` runs the real FastAPI app (``sync.server.app.create_app``) on a private
asyncio loop through `httpx.ASGITransport`: no sockets, no threads of ours, one request at
a time, so the order in which the server sees requests is decided by the simulation only.

`FaultyTransport` is the httpx transport one terminal's `SyncClient` uses. For each request
the seeded RNG decides its fate:

    partitioned     the terminal is cut off: ConnectError, nothing reaches the server
    drop_request    lost on the way: ConnectError, nothing reaches the server
    delay           held in flight (delivered at a later step, in any order); the client
                    sees a ReadTimeout and will usually send it again (duplicate, reordered)
    drop_response   the server handled it, the answer is lost: ReadError
    duplicate       delivered twice (the second copy now or held in flight)
    gateway_error   the server handled it, a proxy answers 502
    ok              delivered, answer returned

A 5xx produced by the app itself (not injected) or a 4xx to the real client is a bug and
is recorded in `ServerEndpoint.unexpected`.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field

import httpx


@dataclass
class Faults:
    drop_request: float = 0.0
    delay: float = 0.0
    drop_response: float = 0.0
    duplicate: float = 0.0
    gateway_error: float = 0.0

    @classmethod
    def random(cls, rng: random.Random) -> "Faults":
        """Per-seed weather: some seeds are calm, some stormy."""
        scale = rng.choice([0.0, 0.05, 0.15, 0.3])
        return cls(*(round(rng.random() * scale, 3) for _ in range(5)))

    def as_tuple(self) -> tuple[float, ...]:
        return (self.drop_request, self.delay, self.drop_response, self.duplicate, self.gateway_error)


@dataclass
class Held:
    """A request held in flight."""

    terminal: str
    method: str
    url: str
    headers: list[tuple[bytes, bytes]]
    content: bytes


class ServerEndpoint:
    """The real server app, called synchronously on a private event loop.

    `ServerEndpoint(app)`: one server process. `ServerEndpoint(app1, app2, ..., pick=rng)`: several
    workers, each an app on its own `CentralStore` (own engine and pool) over one PostgreSQL
    database, as `python -m sync.server --workers N` runs them; each request goes to the worker
    `pick` (a seeded RNG of its own, so the run's other choices do not move) chooses, the way the
    kernel spreads connections. `served[i]` counts the requests worker i handled."""

    def __init__(self, app, *more_apps, pick: random.Random | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        self.workers = [httpx.ASGITransport(app=a, raise_app_exceptions=False) for a in (app, *more_apps)]
        self.asgi = self.workers[0]
        self.pick = pick or random.Random(0)
        self.served = [0] * len(self.workers)
        self.requests = 0
        self.unexpected: list[str] = []  # app-made 5xx: always a bug

    def call(self, method: str, url: str, headers, content: bytes) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        worker = self.pick.randrange(len(self.workers)) if len(self.workers) > 1 else 0
        self.served[worker] += 1

        async def go():
            req = httpx.Request(method, url, headers=headers, content=content)
            resp = await self.workers[worker].handle_async_request(req)
            body = await resp.aread()  # decoded (the app gzips answers of 1 KiB+): passed on without its encoding
            return resp.status_code, [(k, v) for k, v in resp.headers.raw if k.lower() not in (b"content-encoding", b"content-length")], body

        self.requests += 1
        status, hdrs, body = self.loop.run_until_complete(go())
        if status >= 500:
            self.unexpected.append(f"{method} {httpx.URL(url).path} -> {status}: {body[:300]!r}")
        return status, hdrs, body

    def close(self) -> None:
        try:
            self.loop.run_until_complete(self.loop.shutdown_default_executor())
        finally:
            self.loop.close()


class Network:
    """All terminals' wires: partitions, fault rates, and the requests held in flight."""

    def __init__(self, server: ServerEndpoint, rng: random.Random, faults: Faults) -> None:
        self.server, self.rng, self.faults = server, rng, faults
        self.partitioned: set[str] = set()
        self.in_flight: list[Held] = []
        self.log: list[str] = []  # fates, for the trace
        self.client_errors: list[str] = []  # 4xx answers to a real terminal's request: a bug in client or server
        # the fates of enrolment confirmations (added with two-phase enrolment) come from their own
        # RNG, so that the recorded seeds (REGRESSION_SEEDS, docs/reliability.md) replay the same runs
        self.confirm_rng = random.Random(0)
        # likewise quarantine reports (POST /v1/quarantine, added with issue 13 section 7)
        self.report_rng = random.Random(1)

    def transport(self, terminal: str) -> "FaultyTransport":
        return FaultyTransport(self, terminal)

    def _deliver(self, h: Held) -> tuple[int, list, bytes]:
        status, hdrs, body = self.server.call(h.method, h.url, h.headers, h.content)
        if 400 <= status < 500:
            self.client_errors.append(f"{h.terminal} {h.method} {httpx.URL(h.url).path} -> {status}: {body[:300]!r}")
        return status, hdrs, body

    def deliver_one_held(self) -> str:
        """Deliver one request held in flight (chosen at random: reordering); its answer is lost."""
        ready = [i for i, h in enumerate(self.in_flight) if h.terminal not in self.partitioned]
        if not ready:
            return "none"
        h = self.in_flight.pop(self.rng.choice(ready))
        status, _, _ = self._deliver(h)
        return f"{h.terminal} {h.method} {httpx.URL(h.url).path} late -> {status}"

    def drop_held(self, terminal: str | None = None) -> int:
        before = len(self.in_flight)
        self.in_flight = [h for h in self.in_flight if terminal is not None and h.terminal != terminal]
        return before - len(self.in_flight)

    def handle(self, terminal: str, request: httpx.Request) -> httpx.Response:
        content = request.read()
        held = Held(terminal, request.method, str(request.url), list(request.headers.raw), content)
        path = request.url.path
        if terminal in self.partitioned:
            self.log.append(f"{terminal} {path} partitioned")
            raise httpx.ConnectError("simulated partition", request=request)
        f, r = self.faults, {"/v1/enrol/confirm": self.confirm_rng, "/v1/quarantine": self.report_rng}.get(path, self.rng).random
        if r() < f.drop_request:
            self.log.append(f"{terminal} {path} drop_request")
            raise httpx.ConnectError("simulated lost request", request=request)
        if r() < f.delay:
            self.in_flight.append(held)
            self.log.append(f"{terminal} {path} delayed")
            raise httpx.ReadTimeout("simulated delay", request=request)
        status, hdrs, body = self._deliver(held)
        if r() < f.duplicate:
            if r() < 0.5:
                self._deliver(held)
                self.log.append(f"{terminal} {path} duplicated_now")
            else:
                self.in_flight.append(held)
                self.log.append(f"{terminal} {path} duplicated_later")
        if r() < f.drop_response:
            self.log.append(f"{terminal} {path} drop_response({status})")
            raise httpx.ReadError("simulated lost response", request=request)
        if r() < f.gateway_error:
            self.log.append(f"{terminal} {path} 502({status})")
            return httpx.Response(502, content=b"bad gateway", request=request)
        self.log.append(f"{terminal} {path} ok({status})")
        return httpx.Response(status, headers=hdrs, content=body, request=request)


class FaultyTransport(httpx.BaseTransport):
    def __init__(self, network: Network, terminal: str) -> None:
        self.network, self.terminal = network, terminal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.network.handle(self.terminal, request)
