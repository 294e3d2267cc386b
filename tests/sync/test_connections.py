"""Connections held by the real server (issue 13, section 8: "1,100 idle half-open connections
were held"), and how `python -m sync.server` starts: the ready line, a busy port.

Raw sockets play the slow clients; an honest terminal (a real SyncClient with a real device
credential) settles and pushes meanwhile."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
import time

import httpx

from sync.client import MemoryCredentialStore, SyncClient
from terminal.provisioning.bootstrap import open_replica
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.service import RedemptionService
from tests.conftest import FixedClock

from .conftest import AT, ROOT, ServerProcess


def _honest_terminal(srv: ServerProcess, path):
    client = SyncClient(open_replica(path), srv.url, MemoryCredentialStore(), timeout=10)
    client.enrol(srv.store.create_enrol_token("A-001"), "T1")
    client.bootstrap()
    svc = RedemptionService(open_replica(path), store_id="A-001", terminal_id="T1", clock=FixedClock(AT))
    return client, svc


def _stop(srv: ServerProcess, socks: list, client, svc) -> None:
    for s in socks:
        s.close()
    if client is not None:
        client.close()
        client.conn.close()
        svc.replica.conn.close()
    srv.stop()


def _settle_and_push(client: SyncClient, svc: RedemptionService, checkout_id: str) -> dict:
    svc.settle(CheckoutRequest(checkout_id, (LineRequest(amount=300, name="Amount"),)), cashier_id="C01")
    t0 = time.monotonic()
    report = client.push()
    return {"acked": report.acked, "statuses": report.statuses, "seconds": time.monotonic() - t0}


def _closed(sock: socket.socket) -> bool:
    """True once the server has closed the connection (EOF or reset); never blocks."""
    sock.setblocking(False)
    try:
        return sock.recv(1024) == b""
    except BlockingIOError:
        return False
    except (ConnectionResetError, ConnectionAbortedError):
        return True


def _wait_closed(socks: list[socket.socket], deadline_s: float, want: int | None = None) -> tuple[int, float]:
    """How many of `socks` the server closes within `deadline_s` (stop early once `want`, default
    all, are closed), and when the last one was seen closed (seconds)."""
    start, open_ = time.monotonic(), set(range(len(socks)))
    want = len(socks) if want is None else want
    last = 0.0
    while len(socks) - len(open_) < want and time.monotonic() - start < deadline_s:
        for i in list(open_):
            if _closed(socks[i]):
                open_.discard(i)
                last = time.monotonic() - start
        time.sleep(0.05)
    return len(socks) - len(open_), last


def test_half_sent_requests_are_dropped_after_the_header_timeout_and_a_terminal_still_pushes(tmp_path, catalog_file):
    srv = ServerProcess(tmp_path / "central.db", catalog_file, extra=("--header-timeout", "2"))
    socks: list[socket.socket] = []
    client = svc = None
    try:
        client, svc = _honest_terminal(srv, tmp_path / "t1.db")
        opened = time.monotonic()
        for i in range(300):  # silent, half a request line, a request line and half its headers
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            s.sendall([b"", b"POST /v1/pu", b"POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le"][i % 3])
            socks.append(s)
        drip = socket.create_connection(("127.0.0.1", srv.port), timeout=5)  # slowloris: a byte at a time
        # meanwhile an honest terminal settles and pushes
        pushed = _settle_and_push(client, svc, "honest-1")
        assert pushed["acked"] == 1 and pushed["statuses"] == {"accepted": 1}, pushed
        assert pushed["seconds"] < 5
        for b in b"GET /v1/health HTTP/1.1\r\n":  # bytes keep coming, but the deadline is not reset by them
            if time.monotonic() - opened > 3.5:
                break
            try:
                drip.send(bytes([b]))
            except OSError:
                break
            time.sleep(0.1)
        closed, last = _wait_closed(socks + [drip], deadline_s=8)
        assert closed == 301, f"{301 - closed} slow connection(s) still held"
        assert time.monotonic() - opened < 8
        # the server is still fine for everyone
        assert httpx.get(srv.url + "/v1/health", timeout=5).status_code == 200
        assert _settle_and_push(client, svc, "honest-2")["acked"] == 1
    finally:
        _stop(srv, socks, client, svc)


def test_idle_connections_beyond_the_bound_make_room_for_a_terminal(tmp_path, catalog_file):
    """With --max-connections 50, 200 silent connections (a long header timeout) cannot starve a
    terminal: the longest-waiting idle ones are closed to make room."""
    srv = ServerProcess(tmp_path / "central.db", catalog_file, extra=("--header-timeout", "60", "--max-connections", "50"))
    socks: list[socket.socket] = []
    client = svc = None
    try:
        client, svc = _honest_terminal(srv, tmp_path / "t1.db")
        for _ in range(200):
            socks.append(socket.create_connection(("127.0.0.1", srv.port), timeout=5))
        closed, _ = _wait_closed(socks, deadline_s=5, want=150)
        assert closed >= 150, closed  # at most 50 held (the header timeout of 60 s did not close them)
        assert not any(_closed(s) for s in socks[-40:])  # the newest ones were kept, the oldest evicted
        pushed = _settle_and_push(client, svc, "honest-1")
        assert pushed["acked"] == 1 and pushed["seconds"] < 5, pushed
    finally:
        _stop(srv, socks, client, svc)


def test_a_keep_alive_connection_is_not_cut_by_the_header_timeout(tmp_path, catalog_file):
    """The head deadline runs from the first byte of a request, not from the last response: a
    keep-alive connection idle for longer than it (but within uvicorn's 5 s keep-alive) still works."""
    srv = ServerProcess(tmp_path / "central.db", catalog_file, extra=("--header-timeout", "1"))
    try:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as s:
            for i in range(2):
                s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                answer = b""
                while b"}" not in answer:
                    chunk = s.recv(4096)
                    assert chunk, "the server closed a keep-alive connection between requests"
                    answer += chunk
                assert answer.startswith(b"HTTP/1.1 200"), answer[:100]
                if i == 0:
                    time.sleep(1.8)  # longer than the header timeout, shorter than the keep-alive
    finally:
        srv.stop()


def _server_cmd(tmp_path, port: str) -> list[str]:
    return [sys.executable, "-m", "sync.server", "--db", str(tmp_path / "c.db"), "--port", port]


def _first_line(stream, timeout_s: float) -> str:
    """The first line of `stream`, or "" if none comes within `timeout_s` (a reader thread: portable)."""
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout_s).strip()
    except queue.Empty:
        return ""


def test_the_server_says_where_it_listens(tmp_path):
    proc = subprocess.Popen(_server_cmd(tmp_path, "0"), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = _first_line(proc.stdout, 20)  # the first line, once it accepts connections
        assert line.startswith("listening on http://127.0.0.1:"), line
        url = line.removeprefix("listening on ")
        assert httpx.get(url + "/v1/health", timeout=5).json()["status"] == "ok"
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()


def test_a_busy_port_is_one_clear_line_and_exit_4(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run(_server_cmd(tmp_path, str(port)), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 4, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "in use" in lines[0] and "--port" in lines[0], r.stderr
    assert "Traceback" not in r.stderr and "Errno" not in r.stderr
    assert not (tmp_path / "c.db").exists()  # nothing was written: the port is checked first


def test_responses_are_not_held_back_by_nagle():
    """The server's own listening socket must say TCP, and every accepted connection gets TCP_NODELAY:
    h11 writes a response's head and body in two writes, and with Nagle on the body waited for the
    client's delayed ACK, 44 ms a request instead of 1.2 ms (found by the tampered-stream property test)."""
    import asyncio

    from sync.server.__main__ import listen_socket
    from sync.server.connections import protocol_class

    sock = listen_socket(0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
        sock.listen()
        accepted: dict = {}

        async def main() -> None:
            loop = asyncio.get_running_loop()
            # a plain socket (proto 0) as some callers hand uvicorn: the protocol must set NODELAY itself
            raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            raw.bind(("127.0.0.1", 0))
            raw.listen()
            cls = protocol_class(header_timeout=5, max_connections=10)

            class Probe(cls):
                def __init__(self) -> None:  # uvicorn's config and state are not needed to see the socket option
                    self.loop = loop

                def connection_made(self, transport) -> None:
                    try:
                        super().connection_made(transport)
                    except AttributeError:
                        pass  # uvicorn's own set-up needs its config; the option is set before that
                    s = transport.get_extra_info("socket")
                    accepted["nodelay"] = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
                    transport.close()

            server = await loop.create_server(Probe, sock=raw)
            r, w = await asyncio.open_connection(*raw.getsockname())
            for _ in range(100):
                if "nodelay" in accepted:
                    break
                await asyncio.sleep(0.01)
            w.close()
            server.close()

        asyncio.run(main())
        assert accepted.get("nodelay")
    finally:
        sock.close()
