"""Connection limits of the reference server, below HTTP: a deadline for the request head and a
bound on the connections held (issue 13, section 8).

uvicorn reads request heads itself and has no timeout for them: its keep-alive timer is armed
only after a response, so a client that connects and sends nothing, or half a request line, or
one header byte every few seconds (slowloris), holds its socket for ever; 1,100 such idle
half-open connections were held. ASGI middleware (`sync.server.limits`) cannot help: it runs
only once the head is complete. So the server runs uvicorn with this protocol class
(`protocol_class`, a subclass of uvicorn's `H11Protocol`):

* **Head deadline.** A timer of `header_timeout` seconds is armed when a connection is made
  and again whenever a keep-alive connection starts sending its next request. It is NOT reset by
  each byte (a byte every few seconds must not keep a socket), and it is cancelled as soon as
  h11 has parsed a complete request line and headers. When it fires, the connection is closed
  without an answer (nothing was asked yet); the request body has its own deadline (408,
  `--body-timeout`, `sync.server.limits.BodyLimit`).
* **Bound.** At most `max_connections` connections are held. One more evicts the connection
  that has waited longest for its request head (an idle keep-alive connection or a half-open
  one); a connection busy with a request is never evicted. If every connection is busy, the
  new one is closed at once (the client retries: TransientError). An honest terminal sends its
  head at once, so a flood of idle connections costs it nothing but the eviction of idle ones.

Counters (`ConnectionStats`: `timed_out`, `evicted`, `refused`) are kept per server and logged at
INFO; nothing here logs per connection at WARNING (a flood must not flood the log).
"""

from __future__ import annotations

import asyncio
import socket
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("sync.server.connections")

HEADER_TIMEOUT = 10.0  # seconds from the first byte a request may take until its head is complete
MAX_CONNECTIONS = 500  # connections held at once; one more evicts the longest-waiting idle one


@dataclass
class ConnectionStats:
    timed_out: int = 0  # connections closed because their request head was not complete in time
    evicted: int = 0  # idle connections closed to make room under max_connections
    refused: int = 0  # new connections closed at once because every held connection was busy


def protocol_class(header_timeout: float = HEADER_TIMEOUT, max_connections: int = MAX_CONNECTIONS) -> type[H11Protocol]:
    """A uvicorn HTTP protocol class (pass as `uvicorn.Config(http=...)`) with the head deadline
    `header_timeout` (seconds, > 0) and the bound `max_connections` (>= 1); see the module
    docstring. Each call makes a new class with its own registry and `stats` (one per server).
    Raises ValueError for a bound out of range."""
    if not header_timeout > 0:
        raise ValueError(f"header_timeout must be a positive number of seconds, not {header_timeout!r}")
    if max_connections < 1:
        raise ValueError(f"max_connections must be at least 1, not {max_connections!r}")

    class BoundedH11Protocol(_Bounded):
        pass

    BoundedH11Protocol.header_timeout = float(header_timeout)
    BoundedH11Protocol.max_connections = int(max_connections)
    BoundedH11Protocol.held = set()
    BoundedH11Protocol.waiting = OrderedDict()
    BoundedH11Protocol.stats = ConnectionStats()
    return BoundedH11Protocol


class _Bounded(H11Protocol):
    header_timeout: float
    max_connections: int
    held: set  # every open connection of this server
    waiting: OrderedDict  # connections waiting for a request head, oldest first -> time they started waiting
    stats: ConnectionStats

    _head_timer: asyncio.TimerHandle | None = None

    # ---- asyncio.Protocol ------------------------------------------------------------------
    def connection_made(self, transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            # h11 writes a response's head and body separately: with Nagle on, the body waits for the
            # client's delayed ACK (~40 ms a request). asyncio sets this itself only for sockets made as TCP.
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)
        cls = type(self)
        cls.held.add(self)
        self._wait_for_head()
        if len(cls.held) > cls.max_connections:
            self._make_room()

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_done()
        type(self).held.discard(self)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing():
            self._head_done()
        elif self.conn.their_state is h11.IDLE:
            # no complete head yet (a first request, or the next one on a keep-alive connection):
            # the deadline runs from the first byte after the last response, not reset by later ones
            self._wait_for_head()
        else:
            self._head_done()

    def handle_websocket_upgrade(self, event) -> None:
        # the connection leaves this protocol (the server runs with ws="none", so this is a safeguard)
        self._head_done()
        type(self).held.discard(self)
        super().handle_websocket_upgrade(event)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # idle between requests: uvicorn's keep-alive timer closes it; it may be evicted meanwhile
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            type(self).waiting.pop(self, None)
            type(self).waiting[self] = time.monotonic()

    # ---- the head deadline ---------------------------------------------------------------------
    def _wait_for_head(self) -> None:
        cls = type(self)
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(cls.header_timeout, self._head_timed_out)
        cls.waiting.setdefault(self, time.monotonic())

    def _head_done(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        type(self).waiting.pop(self, None)

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        cls = type(self)
        cls.stats.timed_out += 1
        if cls.stats.timed_out in (1, 10, 100) or cls.stats.timed_out % 1000 == 0:
            log.info("closed %d connection(s) whose request head did not arrive within %g s (slow or idle clients)",
                     cls.stats.timed_out, cls.header_timeout)
        self._close()

    # ---- the bound ---------------------------------------------------------------------------
    def _make_room(self) -> None:
        """Over the bound: close the connection that has waited longest for a head (never one
        busy with a request); if there is none but this one, close this one."""
        cls = type(self)
        victim = next((c for c in cls.waiting if c is not self), None)
        if victim is None:
            cls.stats.refused += 1
            victim = self
        else:
            cls.stats.evicted += 1
        if (cls.stats.evicted + cls.stats.refused) in (1, 10, 100) or (cls.stats.evicted + cls.stats.refused) % 1000 == 0:
            log.info("connection bound %d reached: %d idle connection(s) evicted, %d new one(s) refused so far",
                     cls.max_connections, cls.stats.evicted, cls.stats.refused)
        victim._close()

    def _close(self) -> None:
        self._head_done()
        type(self).held.discard(self)
        if not self.transport.is_closing():
            self.transport.close()
