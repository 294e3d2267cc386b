"""Request limits of the reference server: a bound on every request body.

`BodyLimit` is a pure ASGI middleware: a request whose `Content-Length` exceeds the limit, or
whose streamed (chunked) body grows past it, is answered **413** `body_too_large` in the API's
error shape before the body reaches the application (a 60 MiB event used to be parsed, judged
and stored). Sizes are bytes.
"""

from __future__ import annotations

import json

MAX_BODY = 8 * 1024 * 1024  # bytes: a push of 500 events of a few KiB each fits many times over


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app, max_body: int = MAX_BODY) -> None:
        self.app, self.max_body = app, max_body

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
        started = False

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send) -> None:
        body = json.dumps({"error": {"code": "body_too_large", "message": f"The request body exceeds {self.max_body:,} bytes.",
                                     "details": {"limit": self.max_body}}}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
