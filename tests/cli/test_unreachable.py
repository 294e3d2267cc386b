"""A central server that cannot be reached (refused, DNS, timeout, 5xx) is exit 5 with a message
that says sales continue offline; not enrolled stays exit 4; `status` shows the last sync error
from any process until a sync succeeds. Everything networked stays on 127.0.0.1."""

from __future__ import annotations

import io
import json
import socket
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import keyring
import pytest

from terminal.entry.cli import EXIT_OK, EXIT_SETUP, run
from tests.conftest import BASE_CATALOG
from tests.sync.conftest import ServerProcess, free_port
from tests.sync.test_enrolment import MemoryKeyring

AT = "2026-11-20T12:00:00+08:00"


def cli(*args) -> tuple[int, str]:
    out = io.StringIO()
    code = run([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def vault():
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def catalog(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(BASE_CATALOG, ensure_ascii=False), encoding="utf-8")
    return p


@pytest.fixture
def enrolled(tmp_path, catalog, vault):
    """A terminal enrolled with the real reference server (127.0.0.1), and that server."""
    srv = ServerProcess(tmp_path / "central.db", catalog)
    db = tmp_path / "t.db"
    try:
        code, out = cli("--db", db, "enroll", "--server", srv.url, "--token", srv.store.create_enrol_token("A-001"),
                        "--terminal", "PC-1")
        assert code == EXIT_OK, out
        yield db, srv
    finally:
        srv.stop()


def _point_at(db, url: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'sync_server_url'", (url,))
    conn.commit()
    conn.close()


def _status(db) -> dict:
    code, out = cli("--db", db, "--json", "status")
    assert code == EXIT_OK, out
    return json.loads(out)


def _assert_unreachable(code: int, out: str, url: str, reason: str, then: str) -> None:
    assert code == 5, out
    assert out.count("\n") == 1 and out.startswith(f"error: central server {url} unreachable: "), out
    assert reason in out and then in out and "try again later" in out, out


def test_sync_with_the_server_down_exits_5_and_status_keeps_the_error(tmp_path, enrolled, catalog):
    db, srv = enrolled
    srv.stop()
    assert cli("--db", db, "settle", "--amount", "120", "--cashier", "C01", "--pin", "1234", "--at", AT)[0] == EXIT_OK  # offline sale
    code, out = cli("--db", db, "sync")
    _assert_unreachable(code, out, srv.url, "connection refused", "sales continue offline")
    st = _status(db)  # another process (a new CLI call) sees it: it is kept in the replica
    assert "unreachable" in st["last_error"] and "connection refused" in st["last_error"], st
    assert st["last_error_at"] and st["pending"] == 1
    code, out = cli("--db", db, "--json", "sync")
    assert code == 5 and json.loads(out)["exit_code"] == 5 and "unreachable" in json.loads(out)["error"]

    back = ServerProcess(srv.db, None)  # the server is back (on another port): the next sync clears the error
    try:
        _point_at(db, back.url)
        code, out = cli("--db", db, "sync")
        assert code == EXIT_OK, out
        st = _status(db)
        assert st["last_error"] is None and st["last_error_at"] is None and st["pending"] == 0, st
    finally:
        back.stop()


class _Unavailable(BaseHTTPRequestHandler):
    def _answer(self):
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer

    def log_message(self, *args):  # quiet
        pass


def test_status_in_a_later_process_shows_the_last_sync_error(enrolled):
    db, srv = enrolled
    srv.stop()
    cli("--db", db, "sync")  # fails: the server is down
    code, out = cli("--db", db, "status")
    assert code == EXIT_OK and "last_error: None" not in out, out
    line = next(ln for ln in out.splitlines() if ln.startswith("last_error: "))
    assert f"central server {srv.url} unreachable: connection refused" in line, out


def test_a_5xx_answer_is_unreachable_too(enrolled):
    db, _ = enrolled
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Unavailable)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        _point_at(db, url)
        code, out = cli("--db", db, "sync")
        _assert_unreachable(code, out, url, "server answered 503 Service Unavailable", "sales continue offline")
        assert "503" in _status(db)["last_error"]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_enroll_with_the_server_unreachable_is_exit_5_not_a_setup_error(tmp_path, vault, monkeypatch):
    url = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    code, out = cli("--db", tmp_path / "a.db", "enroll", "--server", url, "--token", "tok", "--terminal", "PC-1")
    _assert_unreachable(code, out, url, "connection refused", "not enrolled yet")

    def no_dns(host, *a, **kw):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    code, out = cli("--db", tmp_path / "b.db", "enroll", "--server", "https://central.example:8443", "--token", "tok",
                    "--terminal", "PC-1")  # https: plain http:// is refused for any host but this PC itself
    _assert_unreachable(code, out, "https://central.example:8443", "host name central.example not found (DNS)", "not enrolled yet")
    monkeypatch.undo()

    def slow(self, request):
        raise httpx.ReadTimeout("timed out", request=request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", slow)
    code, out = cli("--db", tmp_path / "c.db", "enroll", "--server", url, "--token", "tok", "--terminal", "PC-1")
    _assert_unreachable(code, out, url, "(timeout)", "not enrolled yet")


def test_not_enrolled_is_still_a_setup_error(tmp_path, catalog, vault):
    db = tmp_path / "t.db"
    assert cli("--db", db, "init", "--catalog", catalog, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    code, out = cli("--db", db, "sync")
    assert code == EXIT_SETUP and "not enrolled" in out and "unreachable" not in out, out
