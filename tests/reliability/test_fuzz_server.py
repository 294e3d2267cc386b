"""Junk against every route of the central server: never a 5xx, a clear 4xx, nothing written.

Hypothesis builds requests to each route of `sync.server.app` (health, enrol, push, pull,
allowances, plus unknown paths and wrong methods): random bytes, random JSON (with NaN,
Infinity, huge numbers, deep nesting), and near-valid push batches whose events or
payloads have one field replaced, removed or added (with the payload hash recomputed,
so the junk reaches the store's event semantics). Headers: a valid, a revoked, an unknown,
a malformed or no credential; random content types.

Checked for every request:
  * status < 500, and the body is JSON;
  * a 4xx carries the documented error object: a non-empty machine `code` and a human
    `message` (validation errors also keep FastAPI's `detail` list);
  * without a valid credential an authenticated route never answers 2xx;
  * a 4xx writes nothing (events, conflicts, entities, devices, tokens, ledgers unchanged);
  * a 2xx push answers every event with one of the four documented statuses and never
    reports an internal error: bad payloads are `rejected`, not server failures.

The schemathesis contract test (tests/sync/test_auth_api.py) covers the OpenAPI schema
with generated valid/invalid data against the real server process; this adds raw junk,
credentials and semantic payload junk, in-process (the app behind httpx.ASGITransport).

    .venv/bin/python -m pytest tests/reliability/test_fuzz_server.py             # ~300 examples per test
    .venv/bin/python -m pytest -m slow tests/reliability/test_fuzz_server.py     # ~5,000 per test
"""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.server.app import create_app
from sync.server.store import CentralStore
from terminal.catalog import parse_catalog
from terminal.domain.events import payload_sha256
from tests.conftest import BASE_CATALOG
from tests.reliability.sim.junk import dumps, junk_json, mutated, scalars
from tests.reliability.sim.network import ServerEndpoint

NORMAL = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
LONG = settings(max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))

AUTHED = {"/v1/push", "/v1/pull", "/v1/allowances"}
ROUTES = [("GET", "/v1/health"), ("POST", "/v1/enrol"), ("POST", "/v1/push"), ("GET", "/v1/pull"), ("GET", "/v1/allowances"),
          ("POST", "/v1/enrol/confirm"), ("POST", "/v1/enrol/cancel")]  # not /v1/device/revoke: it would revoke "good"
STATUSES = {"accepted", "duplicate", "accepted_with_conflict", "rejected"}


class Server:
    def __init__(self, tmp) -> None:
        self.store = CentralStore(tmp / "central.db")
        self.store.import_catalog(parse_catalog(json.dumps(BASE_CATALOG)))
        self.endpoint = ServerEndpoint(create_app(self.store))
        self.good = self.enrol("T1")
        revoked = self.enrol("T2")
        dev = self.store.conn.execute("SELECT device_id FROM devices WHERE terminal_id = 'T2'").fetchone()[0]
        self.store.revoke_device(dev, "fuzz")
        self.revoked = revoked
        self.seq = 0

    def enrol(self, terminal_id: str) -> str:
        tok = self.store.create_enrol_token("A-001")
        status, _, body = self.endpoint.call("POST", "http://central/v1/enrol", [(b"content-type", b"application/json")],
                                             json.dumps({"token": tok, "terminal_id": terminal_id}).encode())
        assert status == 200, body
        cred = json.loads(body)["credential"]
        status, _, body = self.endpoint.call("POST", "http://central/v1/enrol/confirm", [
            (b"content-type", b"application/json"), (b"authorization", f"Bearer {cred}".encode())], json.dumps({"token": tok}).encode())
        assert status == 200, body  # two-phase enrolment: the credential works once confirmed
        return cred

    def snapshot(self) -> tuple:
        c = self.store.conn
        q = lambda sql: c.execute(sql).fetchone()  # noqa: E731
        return (q("SELECT COUNT(*) FROM events"), q("SELECT COUNT(*) FROM conflicts"), q("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM entities"),
                q("SELECT COUNT(*) FROM devices"), q("SELECT COUNT(*), COUNT(used_at) FROM enrol_tokens"),
                q("SELECT COUNT(*) FROM coupon_ledger"), q("SELECT COUNT(*) FROM point_ledger"), q("SELECT COUNT(*) FROM conflict_resolutions"))

    def close(self) -> None:
        self.endpoint.close()
        self.store.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("fuzz-server"))
    yield s
    s.close()


# ---- strategies ------------------------------------------------------------------------------

def good_payload(kind: str, ref: uuid.UUID) -> dict:
    base = {"checkout_id": "fz-" + ref.hex[:8], "store_id": "A-001", "terminal_id": "T1", "cashier_id": "C01",
            "occurred_at": "2026-11-20T04:00:00+00:00", "based_on_cursor": None, "app_version": "fuzz"}
    if kind == "settlement":
        return {**base, "member_id": "M1", "gross": 600, "total": 500, "coupon_discount": 100, "points_discount": 0,
                "coupons": [{"code": "C-100OFF-2", "template_id": "T-100OFF", "uses": 1, "discount": 100, "in_replica": True}],
                "burns": [{"lot_id": "M1-L1", "point_type": "bonus", "points": 20}],
                "earns": [{"lot_id": "fz:bonus:A-base", "point_type": "bonus", "points": 10, "rule_id": "A-base",
                           "expires_at": "2027-11-21T00:00:00+08:00"}]}
    if kind == "void":
        return {**base, "voids_event_id": str(ref), "manager_id": "MGR1", "reason": "fuzz",
                "coupons": [{"code": "C-100OFF-2", "uses": -1, "discount": -100}], "points": [{"lot_id": "M1-L1", "point_type": "bonus", "delta": 20}]}
    return {**base, "conflict_event_id": str(ref), "kind": "duplicate_redemption", "resolution": "absorb", "reason": "fuzz",
            "manager_id": "MGR1"}


@st.composite
def push_bodies(draw, envelope_junk: bool = True):
    n = draw(st.integers(1, 3))
    events = []
    for i in range(n):
        kind = draw(st.sampled_from(["settlement", "void", "conflict_resolution"]))
        payload = good_payload(kind, draw(st.uuids()))
        if draw(st.booleans()):
            payload = draw(mutated(payload))
        try:
            sha = payload_sha256(payload)
        except (ValueError, TypeError):
            sha = "0" * 64
        ev = {"event_id": str(draw(st.uuids())), "terminal_id": "T1", "store_id": "A-001", "terminal_seq": 10_000 + i,
              "type": kind, "schema_version": 1, "payload": payload, "payload_sha256": sha if draw(st.integers(0, 5)) else "f" * 64,
              "occurred_at": "2026-11-20T04:00:00+00:00", "based_on_cursor": draw(st.none() | st.just("abc.1") | st.text(max_size=20)),
              "app_version": "fuzz"}
        if envelope_junk and draw(st.integers(0, 7)) == 0:
            ev = draw(mutated(ev))
        events.append(ev)
    body = {"events": events}
    if envelope_junk and draw(st.integers(0, 9)) == 0:
        body = draw(mutated(body))
    return dumps(body)


specials = st.sampled_from([b"1e999999", b"-1e999999", b"NaN", b'{"events": NaN}', b'{"events": [Infinity]}', b"[" * 5000,
                           b'{"events": [' + b'{}, ' * 600 + b'{}]}', b"\xff\xfe\x00", b"", b"null", b'"x"'])
enrol_bodies = st.builds(lambda t, tid, extra: dumps({"token": t, "terminal_id": tid, **extra}), st.text(max_size=140) | st.just("A" * 40),
                         st.text(max_size=70) | st.just("T9"), st.dictionaries(st.text(max_size=8), scalars, max_size=2))
any_body = st.binary(max_size=300) | junk_json.map(dumps) | specials
confirm_bodies = st.builds(lambda t: dumps({"token": t}), st.text(max_size=140) | st.just("lte_" + "A" * 32))
BODIES = {"/v1/push": st.one_of(push_bodies(), push_bodies(), push_bodies(), any_body), "/v1/enrol": st.one_of(enrol_bodies, enrol_bodies, any_body),
          "/v1/enrol/confirm": st.one_of(confirm_bodies, any_body)}

credentials = st.sampled_from(["good", "good", "good", "revoked", "unknown", "none", "basic", "junk"])
content_types = st.sampled_from([b"application/json", b"text/plain", b"application/x-www-form-urlencoded", b"", b"application/json; charset=latin-1",
                                 b"multipart/form-data; boundary=x"])
query_values = st.text(max_size=40) | st.sampled_from(["abc.1", "0.0", "ffffffff.999999999999999999", "-1", "0", "10001", "1e3", "", "a" * 70])


@st.composite
def requests(draw):
    if draw(st.integers(0, 14)) == 0:
        method = draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]))
        path = draw(st.sampled_from([p for _, p in ROUTES] + ["/", "/v1", "/v2/push", "/v1/push/", "/v1/pull/x", "/docs/../v1/push"]))
    else:
        method, path = draw(st.sampled_from(ROUTES + [("POST", "/v1/push")] * 4))
    query = ""
    if path == "/v1/pull" or draw(st.integers(0, 5)) == 0:
        params = draw(st.dictionaries(st.sampled_from(["cursor", "limit", "x"]), query_values, max_size=3))
        from urllib.parse import urlencode

        query = "?" + urlencode(params) if params else ""
    body = draw(BODIES.get(path, any_body)) if method in ("POST", "PUT", "PATCH") else b""
    ctype = draw(st.sampled_from([b"application/json"] * 6) | content_types)
    return method, path + query, draw(credentials), ctype, body


def header_for(server: Server, cred: str) -> list[tuple[bytes, bytes]]:
    return {"good": [(b"authorization", f"Bearer {server.good}".encode())],
            "revoked": [(b"authorization", f"Bearer {server.revoked}".encode())],
            "unknown": [(b"authorization", b"Bearer " + uuid.uuid4().hex.encode())],
            "none": [], "basic": [(b"authorization", b"Basic dXNlcjpwYXNz")],
            "junk": [(b"authorization", "Bearer \u00ff\u00fe\t x".encode("latin-1"))]}[cred]


def check_request(server: Server, req) -> None:
    method, url, cred, ctype, body = req
    headers = header_for(server, cred) + ([(b"content-type", ctype)] if ctype else [])
    before = server.snapshot()
    status, _, raw = server.endpoint.call(method, "http://central" + url, headers, body)
    path = url.split("?")[0]
    assert status < 500, (status, method, url, body[:200], raw[:300])
    server.endpoint.unexpected.clear()
    if method == "HEAD":
        return
    if 300 <= status < 400:  # e.g. the trailing-slash redirect
        return
    try:
        answer = json.loads(raw)
    except ValueError:
        raise AssertionError(f"not JSON: {status} {raw[:200]!r}") from None
    if status >= 400:
        err = answer.get("error") if isinstance(answer, dict) else None
        assert isinstance(err, dict), (status, answer)
        assert isinstance(err.get("code"), str) and err["code"], answer
        assert isinstance(err.get("message"), str) and len(err["message"]) >= 5, answer
        assert "Traceback" not in err["message"]
        assert server.snapshot() == before, f"a {status} answer wrote something: {method} {url} {body[:200]!r}"
    if path in AUTHED and method in ("GET", "POST") and cred != "good":
        assert not 200 <= status < 300, (cred, method, url, status)
        assert server.snapshot() == before
    if path != "/v1/push" or status != 200:
        assert server.snapshot()[:3] == before[:3] or path == "/v1/enrol", (method, url, status)
    if path == "/v1/push" and status == 200:
        assert answer["error"] is None, f"the server failed on bad input instead of rejecting it: {answer['error']}"
        sent = json.loads(body, parse_constant=lambda c: float(c))["events"]
        assert [r["event_id"] for r in answer["results"]] == [e["event_id"] for e in sent]
        assert all(r["status"] in STATUSES for r in answer["results"])
        for r in answer["results"]:
            if r["status"] == "rejected":
                assert isinstance(r["error"]["code"], str) and r["error"]["message"]
        new_events = server.snapshot()[0][0] - before[0][0]
        assert new_events <= len(sent)


@NORMAL
@given(req=requests())
def test_every_route_survives_junk(server, req):
    check_request(server, req)


@pytest.mark.slow
@LONG
@given(req=requests())
def test_every_route_survives_junk_long(server, req):
    check_request(server, req)


@NORMAL
@given(body=push_bodies(envelope_junk=False))
def test_push_payload_junk_is_rejected_never_a_server_failure(server, body):
    """Well-formed envelopes, junk payloads: every event reaches the store and gets an answer."""
    check_request(server, ("POST", "/v1/push", "good", b"application/json", body))


@pytest.mark.slow
@LONG
@given(body=push_bodies(envelope_junk=False))
def test_push_payload_junk_is_rejected_never_a_server_failure_long(server, body):
    check_request(server, ("POST", "/v1/push", "good", b"application/json", body))


@pytest.mark.parametrize("body", [b"1e999999", b"-1e999", b"NaN", b'{"events": NaN}', b'{"events": [Infinity]}',
                                  b'{"token": 1e999, "terminal_id": "T1"}'])
@pytest.mark.parametrize("path", ["/v1/push", "/v1/enrol"])
def test_non_finite_numbers_in_the_body_are_a_4xx_not_a_500(server, body, path):
    """Regression: FastAPI's default validation handler could not encode NaN/Infinity back: 500."""
    status, _, raw = server.endpoint.call("POST", "http://central" + path,
                                          header_for(server, "good") + [(b"content-type", b"application/json")], body)
    assert status in (400, 422), (status, raw)
    err = json.loads(raw)["error"]
    assert err["code"] in ("bad_request", "invalid_request") and err["message"]


def test_body_that_is_not_json_is_400_as_documented(server):
    status, _, raw = server.endpoint.call("POST", "http://central/v1/push", header_for(server, "good") + [(b"content-type", b"application/json")],
                                          b"{not json")
    assert status == 400 and json.loads(raw)["error"]["code"] == "bad_request"


def test_validation_errors_name_the_field(server):
    ev = {"event_id": "not-a-uuid", "terminal_id": "T1", "store_id": "A-001", "terminal_seq": 1, "type": "settlement",
          "schema_version": 1, "payload": {}, "payload_sha256": "0" * 64, "occurred_at": "2026-11-20T04:00:00+00:00", "app_version": "x"}
    status, _, raw = server.endpoint.call("POST", "http://central/v1/push", header_for(server, "good") + [(b"content-type", b"application/json")],
                                          dumps({"events": [ev]}))
    assert status == 422
    ans = json.loads(raw)
    assert ans["error"]["code"] == "invalid_request" and "body.events.0.event_id" in ans["error"]["message"]
    assert ans["detail"][0]["loc"] == ["body", "events", 0, "event_id"]


def test_huge_input_is_not_echoed_back(server):
    status, _, raw = server.endpoint.call("POST", "http://central/v1/enrol", [(b"content-type", b"application/json")],
                                          dumps({"token": "x" * 100_000, "terminal_id": "T1"}))
    assert status == 422 and len(raw) < 5000


# ---- payload values the store could not bind or parse: each was an internal error (or a 500) ------

def _push(server: Server, kind: str, change, *, app_version: str = "fuzz", ref: uuid.UUID | None = None) -> dict:
    """One event; a void refers to the settlement `ref` (so the junk reaches the void's effects)."""
    ref = ref or uuid.uuid4()
    server.seq += 1
    payload = good_payload(kind, ref)
    if kind == "void":
        payload["checkout_id"] = "fz-" + ref.hex[:8]
    change(payload)
    ev = {"event_id": str(uuid.uuid4() if kind == "void" else ref), "terminal_id": "T1", "store_id": "A-001", "terminal_seq": server.seq, "type": kind,
          "schema_version": 1, "payload": payload, "payload_sha256": payload_sha256(payload),
          "occurred_at": "2026-11-20T04:00:00+00:00", "app_version": app_version}
    status, _, raw = server.endpoint.call("POST", "http://central/v1/push",
                                          header_for(server, "good") + [(b"content-type", b"application/json")], dumps({"events": [ev]}))
    assert status < 500, raw
    return {"status": status, **json.loads(raw)}


def _set(path, value):
    def change(p):
        target = p
        for k in path[:-1]:
            target = target[k]
        target[path[-1]] = value
    return change


@pytest.mark.parametrize("kind,path,value", [
    ("settlement", ("member_id",), ["M1"]),
    ("settlement", ("member_id",), {"id": "M1"}),
    ("settlement", ("checkout_id",), ["x"]),
    ("settlement", ("coupons", 0, "uses"), 2**70),
    ("settlement", ("coupons", 0, "discount"), 2**70),
    ("settlement", ("burns", 0, "points"), 2**63),
    ("settlement", ("earns", 0, "points"), 2**64),
    ("settlement", ("earns", 0, "expires_at"), "next tuesday"),
    ("settlement", ("earns", 0, "expires_at"), ["2027-01-01"]),
    ("settlement", ("earns", 0, "expires_at"), "2027-01-01T00:00:00"),
    ("void", ("checkout_id",), ["x"]),
    ("void", ("manager_id",), ["MGR1"]),
    ("void", ("reason",), 5),
    ("conflict_resolution", ("reason",), ["x"]),
])
def test_junk_payload_values_are_rejected_not_server_errors(server, kind, path, value):
    ref = None
    if kind == "void":
        ref = uuid.UUID(_push(server, "settlement", lambda p: None)["results"][0]["event_id"])
    before = server.snapshot()
    ans = _push(server, kind, _set(path, value), ref=ref)
    assert ans["status"] == 200 and ans["error"] is None, ans
    res = ans["results"][0]
    assert res["status"] == "rejected", res
    assert res["error"]["code"] and res["error"]["message"]
    after = server.snapshot()
    assert after[5:7] == before[5:7], "a rejected event moved a ledger"


@pytest.mark.parametrize("path,value", [(("coupons", 0, "discount"), [1]), (("coupons", 0, "uses"), -(2**70)),
                                        (("points", 0, "point_type"), ["bonus"]), (("points", 0, "delta"), 2**70)])
def test_junk_in_a_voids_ignored_claims_is_never_a_server_error(server, path, value):
    """A void's coupons / points lists are ignored (the server derives the reversal): junk there
    is neither a 500 nor booked."""
    ref = uuid.UUID(_push(server, "settlement", lambda p: None)["results"][0]["event_id"])
    ans = _push(server, "void", _set(path, value), ref=ref)
    assert ans["status"] == 200 and ans["error"] is None, ans
    assert ans["results"][0]["status"] in ("accepted", "accepted_with_conflict"), ans


def test_a_bad_expiry_does_not_poison_the_member(server):
    """An earn with an unparseable expires_at used to be stored; every later balance of the member then failed."""
    _push(server, "settlement", _set(("earns", 0, "expires_at"), "garbage"))
    ans = _push(server, "settlement", lambda p: None)
    assert ans["error"] is None and ans["results"][0]["status"] in ("accepted", "accepted_with_conflict"), ans


@pytest.mark.parametrize("field", ["app_version"])
def test_unpaired_surrogates_in_envelope_text_are_a_4xx(server, field):
    ans = _push(server, "settlement", lambda p: None, app_version="v\ud800")
    assert ans["status"] == 422 and ans["error"]["code"] == "invalid_request", ans


def test_unpaired_surrogates_in_the_device_name_are_a_4xx(server):
    tok = server.store.create_enrol_token("A-001")
    before = server.snapshot()[3]
    status, _, raw = server.endpoint.call("POST", "http://central/v1/enrol", [(b"content-type", b"application/json")],
                                          json.dumps({"token": tok, "terminal_id": "T7", "device_name": "pc\ud800"}).encode())
    assert status == 422, raw
    assert server.snapshot()[3] == before
