"""Request limits of the reference server: a bound on every request body, and a request rate
per credential (`RateLimit`, off unless `python -m sync.server --rate-limit N` turns it on).

`BodyLimit` is a pure ASGI middleware: a request whose `Content-Length` exceeds the limit, or
whose streamed (chunked) body grows past it, is answered **413** in the API's error shape before
the body reaches the application (a 60 MiB event used to be parsed, judged and stored); a body
whose next part does not arrive within `body_timeout` seconds gets **408**. Sizes are bytes.
"""

from __future__ import annotations

import asyncio
import json

from fastapi import HTTPException

MAX_BODY = 8 * 1024 * 1024  # bytes: a push of 500 events of a few KiB each fits many times over
BODY_TIMEOUT = 30.0  # seconds the server waits for each part of a request body (408 beyond)


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
        body = json.dumps({"error": {"code": "body_too_large", "message": f"The request body exceeds {self.max_body:,} bytes.",
                                     "details": {"limit": self.max_body}}}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


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
        body = json.dumps({"error": {"code": "rate_limited", "message": f"Too many requests; retry in {seconds} s.",
                                     "details": {"retry_after": seconds}}}).encode()
        await send({"type": "http.response.start", "status": 429,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"retry-after", str(seconds).encode())]})
        await send({"type": "http.response.body", "body": body})
