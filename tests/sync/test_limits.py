"""Limits (issue 13, section 8), against the real server with a real device credential."""

from __future__ import annotations

import json
import uuid

import httpx

from terminal.domain.events import payload_sha256

from .handmade import HandDevice


def _raw_push(a: HandDevice, payload: dict) -> httpx.Response:
    a.seq += 1
    env = {"event_id": str(uuid.uuid4()), "terminal_id": a.terminal_id, "store_id": a.store_id, "terminal_seq": a.seq,
           "type": "settlement", "schema_version": 1, "payload": payload, "payload_sha256": payload_sha256(payload),
           "occurred_at": "2026-11-20T04:00:00+00:00", "based_on_cursor": None, "app_version": "hand"}
    return httpx.post(a.server.url + "/v1/push", content=json.dumps({"events": [env]}).encode(),
                      headers={**a.headers, "content-type": "application/json"}, timeout=60)


def _events(server) -> int:
    return server.store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]


def test_a_huge_body_is_refused_before_it_is_read(server):
    a = HandDevice(server, "A-001", "TA")
    r = _raw_push(a, a.settlement(junk="x" * (9 * 1024 * 1024)))
    assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"
    assert _events(server) == 0


def test_a_large_payload_is_not_stored(server):
    a = HandDevice(server, "A-001", "TA")
    r = _raw_push(a, a.settlement(note="x" * (300 * 1024)))
    res = r.json()["results"][0]
    assert res["status"] == "rejected" and res["error"]["code"] == "payload_too_large"
    assert _events(server) == 0


def test_overlong_ids_and_too_many_entries_never_reach_the_feed(server):
    a = HandDevice(server, "A-001", "TA")
    long_lot = a.settlement(earns=[{"lot_id": "L" * 5000, "point_type": "bonus", "points": 1, "rule_id": "A-base",
                                    "expires_at": None}])
    many = a.settlement(burns=[{"lot_id": f"junk-{i}", "point_type": "bonus", "points": 0} for i in range(1000)])
    for p in (long_lot, many):
        res = a.push(p)
        assert res["status"] == "rejected" and res["error"]["code"] == "invalid_payload", res
    n = server.store.conn.execute("SELECT COUNT(*) FROM entities WHERE kind = 'point_lot' AND (length(key) > 200 OR key LIKE 'junk-%')")
    assert n.fetchone()[0] == 0


def test_deeply_nested_payloads_answer_4xx_or_a_refusal_never_500(server):
    a = HandDevice(server, "A-001", "TA")
    for depth in (256, 600, 999):
        nested = "[" * depth + "]" * depth
        a.seq += 1
        body = ('{"events": [{"event_id": "%s", "terminal_id": "TA", "store_id": "A-001", "terminal_seq": %d, '
                '"type": "settlement", "schema_version": 1, "payload": {"x": %s}, "payload_sha256": "%s", '
                '"occurred_at": "2026-11-20T04:00:00+00:00", "based_on_cursor": null, "app_version": "t"}]}'
                % (uuid.uuid4(), a.seq, nested, "0" * 64))
        r = httpx.post(server.url + "/v1/push", content=body.encode(), headers={**a.headers, "content-type": "application/json"})
        assert r.status_code < 500, (depth, r.status_code, r.text[:200])
        if r.status_code == 200:
            assert r.json()["results"][0]["status"] == "rejected"


def test_429_with_retry_after_and_the_client_honours_it(tmp_path, catalog_file):
    import time

    from sync.client import MemoryCredentialStore, SyncClient, TransientError
    from terminal.provisioning.bootstrap import open_replica

    from .conftest import ServerProcess

    srv = ServerProcess(tmp_path / "limited.db", catalog_file, extra=("--rate-limit", "1", "--burst", "3"))
    client = SyncClient(open_replica(tmp_path / "t.db"), srv.url, MemoryCredentialStore(), backoff_base=0.01, backoff_cap=0.02)
    try:
        client.enrol(srv.store.create_enrol_token("A-001"), "T1")
        r = None
        for _ in range(6):  # more than the burst at once
            r = httpx.get(srv.url + "/v1/allowances", headers=client._auth())
            if r.status_code == 429:
                break
        assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limited"
        assert int(r.headers["retry-after"]) >= 1
        try:
            client.fetch_allowances()
        except TransientError as exc:
            # sync_with_retry and SyncRunner wait retry_delay: never less than the server asked
            delay = client.retry_delay(exc, 0)
            assert exc.retry_after is not None and delay >= exc.retry_after >= 1 > client.backoff_cap
        else:
            raise AssertionError("the bucket should still be empty")
        time.sleep(delay)
        assert client.fetch_allowances()["points_per_member"] == 500  # waiting as told is enough
        assert httpx.get(srv.url + "/v1/health").status_code == 200  # health is never limited
    finally:
        client.close()
        client.conn.close()
        srv.stop()


def test_a_body_sent_too_slowly_gets_408(tmp_path, catalog_file):
    import socket
    import time

    from .conftest import ServerProcess

    srv = ServerProcess(tmp_path / "slow.db", catalog_file, extra=("--body-timeout", "1"))
    try:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as sock:
            sock.sendall(b"POST /v1/enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 100\r\n\r\n{\"token\": ")
            t0 = time.monotonic()
            answer = sock.recv(4096)
            waited = time.monotonic() - t0
            while b"}}" not in answer and time.monotonic() - t0 < 8:  # the JSON body may come in a second packet
                answer += sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b"body_timeout" in answer and waited < 8
        assert httpx.get(srv.url + "/v1/health").status_code == 200  # the server is not held up
    finally:
        srv.stop()


def test_a_push_body_streamed_past_the_limit_or_too_slowly_is_refused_in_the_documented_shape(tmp_path, catalog_file):
    """POST /v1/push bodies are read by the write gate (sync/server/limits.py WriteGate) before a slot is taken:
    BodyLimit's 413 and 408 still come in the API's error shape, not as a 500."""
    import socket
    import time

    from .conftest import ServerProcess

    srv = ServerProcess(tmp_path / "gate.db", catalog_file, extra=("--body-timeout", "1"))
    try:
        a = HandDevice(srv, "A-001", "TA")

        def chunks():  # no Content-Length: 9 MiB in 1 MiB chunks
            for _ in range(9):
                yield b"x" * (1024 * 1024)

        r = httpx.post(srv.url + "/v1/push", content=chunks(), headers={**a.headers, "content-type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large", r.text[:200]
        with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as sock:
            sock.sendall(b"POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         + f"Authorization: {a.headers['Authorization']}\r\n".encode()
                         + b"Content-Length: 100\r\n\r\n{\"events\": ")
            t0 = time.monotonic()
            answer = b""
            while b"}}" not in answer and time.monotonic() - t0 < 8:
                answer += sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b'"code": "body_timeout"' in answer or b'"code":"body_timeout"' in answer
        assert _events(srv) == 0
        assert a.push(a.settlement())["status"] in ("accepted", "accepted_with_conflict")  # and the gate is free again
    finally:
        srv.stop()
