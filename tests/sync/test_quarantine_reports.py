"""The terminal reports what it quarantined (issue 13, section 7): "quarantines what fails with a
reason IT REPORTS ... An admin command lists and repairs quarantined rows."

Against the real server: rows planted in the feed (as in test_poison_rows.py), a real terminal
pulls and reports them, `admin list-quarantine` shows them, a repair clears them. The route is
attacked with hand-made reports under a real device credential."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import httpx

from sync.server.admin import main as admin

from .handmade import HandDevice
from .test_poison_rows import plant_bad_rows

PIN_HASH = "scrypt$14$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo"


def _plant(s) -> None:
    plant_bad_rows(s)


def _reports(server) -> list[dict]:
    conn = sqlite3.connect(server.db)
    try:
        cols = [c[1] for c in conn.execute("PRAGMA table_info(quarantine_reports)")]
        return [dict(zip(cols, r)) for r in conn.execute("SELECT * FROM quarantine_reports ORDER BY kind, key")]
    finally:
        conn.close()


def _list(server, capsys, *args) -> list[dict]:
    capsys.readouterr()
    assert admin(["--db", str(server.db), "list-quarantine", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_terminal_reports_its_quarantine_and_a_repair_clears_it(server, make_terminal, capsys):
    t = make_terminal()
    _plant(server.store)
    t.client.sync_once()
    kept = {(q["kind"], q["key"]): q for q in t.client.quarantined()}
    assert set(kept) == {("point_lot", "BAD-TYPE"), ("coupon", "BAD-USES"), ("member", "BAD-BODY")}

    rows = _list(server, capsys)
    assert sorted((r["kind"], r["key"]) for r in rows) == sorted(kept)
    for r in rows:
        q = kept[(r["kind"], r["key"])]
        assert r["store_id"] == "A-001" and r["terminal_id"] == "T1" and r["device_id"].startswith("dev-")
        assert r["reason"] == q["reason"][:500] and r["reason"]
        assert r["row_sha256"] == hashlib.sha256(q["body"].encode()).hexdigest()  # the copy, not the copy itself
        assert r["cursor"] == q["cursor"] and r["seen_at"] and r["first_reported_at"] and r["cleared_at"] is None
        assert r["server_seq"] is not None and r["server_deleted"] is False
    # never the row's body: no column for it, and the member id M1 of the lot's body is nowhere
    stored = _reports(server)
    assert "body" not in stored[0] and "M1" not in json.dumps(stored) and "no-such-type" not in json.dumps(stored)

    # the text listing says which terminal, which row, why, since when, and what to do
    capsys.readouterr()
    assert admin(["--db", str(server.db), "list-quarantine", "--store", "A-001"]) == 0
    text = capsys.readouterr().out
    assert "A-001/T1 point_lot 'BAD-TYPE' since " in text and "FOREIGN KEY" in text.upper()
    assert "3 quarantined row(s) at 1 terminal(s)" in text and "drop-row --kind" in text
    assert _list(server, capsys, "--store", "B-001") == []

    # a second round with nothing new sends nothing and changes nothing (idempotent)
    first = {(r["kind"], r["key"]): r["first_reported_at"] for r in _reports(server)}
    t.client.sync_once()
    assert {(r["kind"], r["key"]): r["first_reported_at"] for r in _reports(server)} == first

    # HQ repairs the feed: two rows dropped, one fixed and issued again
    for kind, key in (("point_lot", "BAD-TYPE"), ("member", "BAD-BODY")):
        assert admin(["--db", str(server.db), "drop-row", "--kind", kind, "--key", key, "--reason", "typo"]) == 0
    rows = {(r["kind"], r["key"]): r for r in _list(server, capsys)}
    assert rows[("point_lot", "BAD-TYPE")]["server_deleted"] is True  # dropped; the terminal has not pulled it yet
    server.store.issue_coupon("T-100OFF", code="FINE-1")
    with server.store.write():
        server.store.put("coupon", "BAD-USES", {**server.store.get("coupon", "FINE-1"), "code": "BAD-USES"})
    t.client.sync_once()
    assert t.client.quarantined() == []
    assert _list(server, capsys) == []  # nothing open any more
    cleared = _list(server, capsys, "--cleared")
    assert {(r["kind"], r["key"]) for r in cleared} == set(kept)
    assert all(r["cleared_at"] for r in cleared)


def test_a_row_quarantined_again_after_it_cleared_starts_a_new_episode(server, make_terminal, capsys):
    t = make_terminal()
    _plant(server.store)
    t.client.sync_once()
    with server.store.write():
        server.store.tombstone("member", "BAD-BODY")
    t.client.sync_once()
    before = {r["key"]: r for r in _list(server, capsys, "--cleared")}
    assert before["BAD-BODY"]["cleared_at"] and before["BAD-TYPE"]["cleared_at"] is None
    with server.store.write():
        server.store.put("member", "BAD-BODY", ["still", "not", "an", "object"])
    t.client.sync_once()
    after = {r["key"]: r for r in _list(server, capsys)}
    assert after["BAD-BODY"]["cleared_at"] is None and after["BAD-BODY"]["first_reported_at"] > before["BAD-BODY"]["first_reported_at"]
    assert after["BAD-TYPE"]["first_reported_at"] == before["BAD-TYPE"]["first_reported_at"]


def _row(**kw) -> dict:
    return {"kind": "member", "key": "M-X", "reason": "IntegrityError: CHECK constraint failed", "row_sha256": "a" * 64,
            "cursor": "ab12.7", "seen_at": "2026-11-20T04:00:00+00:00", **kw}


HOSTILE = [
    ({"rows": [_row(kind="no_such_kind")], "more": 0}, "unknown kind"),
    ({"rows": [_row(key="")], "more": 0}, "empty key"),
    ({"rows": [_row(key="K" * 1001)], "more": 0}, "overlong key"),
    ({"rows": [_row(key="M1\x1b[2J")], "more": 0}, "ANSI escape in the key"),
    ({"rows": [_row(reason="x\u202egnp.exe")], "more": 0}, "bidi override in the reason"),
    ({"rows": [_row(reason="r" * 501)], "more": 0}, "overlong reason"),
    ({"rows": [_row(reason="")], "more": 0}, "empty reason"),
    ({"rows": [_row(row_sha256="xyz")], "more": 0}, "not a sha256"),
    ({"rows": [_row(cursor="../../etc")], "more": 0}, "not a cursor"),
    ({"rows": [_row(seen_at="2026-11-20T04:00:00")], "more": 0}, "a time without a zone"),
    ({"rows": [_row(body={"name": "Chen", "pin_hash": PIN_HASH})], "more": 0}, "a row body"),
    ({"rows": [_row()], "more": -1}, "a negative count"),
    ({"rows": [_row()], "more": True}, "a count that is not a number"),
    ({"rows": [_row()], "more": 10**10}, "an absurd count"),
    ({"rows": [_row(seen_at=1790000000)], "more": 0}, "a time as a number"),
    ({"rows": [_row(key=f"K{i}") for i in range(201)], "more": 0}, "more than 200 rows"),
    ({"rows": [_row()], "more": 0, "store_id": "B-001"}, "another store"),
    ({"rows": "all of them", "more": 0}, "rows not a list"),
]


def test_hostile_reports_are_refused_and_write_nothing(server):
    a = HandDevice(server, "A-001", "TA")
    for body, why in HOSTILE:
        r = httpx.post(server.url + "/v1/quarantine", json=body, headers=a.headers)
        assert r.status_code == 422, (why, r.status_code, r.text[:300])
        assert r.json()["error"]["code"] == "invalid_request"
    assert _reports(server) == []
    ok = httpx.post(server.url + "/v1/quarantine", json={"rows": [_row()], "more": 0}, headers=a.headers)
    assert ok.status_code == 200 and len(_reports(server)) == 1  # the same route takes a sound report


def test_reports_need_an_active_device_and_are_kept_per_terminal(server):
    body = {"rows": [_row()], "more": 0}
    assert httpx.post(server.url + "/v1/quarantine", json=body).status_code == 401
    assert httpx.post(server.url + "/v1/quarantine", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert httpx.post(server.url + "/v1/quarantine", content=b"\xff{",
                      headers={**HandDevice(server, "A-001", "TB").headers, "content-type": "application/json"}).status_code == 400
    a, b = HandDevice(server, "A-001", "TA"), HandDevice(server, "B-001", "TB")
    ans = httpx.post(server.url + "/v1/quarantine", json=body, headers=a.headers).json()
    assert (ans["store_id"], ans["terminal_id"], ans["open"], ans["cleared"]) == ("A-001", "TA", 1, 0)
    again = httpx.post(server.url + "/v1/quarantine", json=body, headers=a.headers).json()  # idempotent
    assert (again["open"], again["cleared"]) == (1, 0)
    twice = {"rows": [_row(reason="first"), _row(reason="second")], "more": 0}  # a row listed twice counts once
    assert httpx.post(server.url + "/v1/quarantine", json=twice, headers=a.headers).json()["open"] == 1
    assert [r["reason"] for r in _reports(server)] == ["second"]
    # another terminal's empty report clears nothing of TA's
    assert httpx.post(server.url + "/v1/quarantine", json={"rows": [], "more": 0}, headers=b.headers).json()["cleared"] == 0
    assert [(r["store_id"], r["terminal_id"], r["cleared_at"]) for r in _reports(server)] == [("A-001", "TA", None)]
    # a report cut at 200 rows (more > 0) never clears what it does not list
    cut = httpx.post(server.url + "/v1/quarantine", json={"rows": [_row(key="OTHER")], "more": 300}, headers=a.headers).json()
    assert (cut["open"], cut["cleared"]) == (2, 0)
    done = httpx.post(server.url + "/v1/quarantine", json={"rows": [], "more": 0}, headers=a.headers).json()
    assert (done["open"], done["cleared"]) == (0, 2)


def test_storage_per_terminal_is_bounded(server, monkeypatch):
    """A device cannot grow the table without bound: cleared rows beyond KEEP_CLEARED go, and cut
    reports (which never clear) keep at most MAX_OPEN open rows."""
    from sync.server import quarantine

    a = HandDevice(server, "A-001", "TA")
    for n in range(3):
        rows = [_row(key=f"R{n}-{i}") for i in range(200)]
        assert httpx.post(server.url + "/v1/quarantine", json={"rows": rows, "more": 0}, headers=a.headers).status_code == 200
        assert httpx.post(server.url + "/v1/quarantine", json={"rows": [], "more": 0}, headers=a.headers).json()["cleared"] == 200
    assert len(_reports(server)) == quarantine.KEEP_CLEARED
    for n in range(7):  # 1,400 distinct rows in cut reports
        rows = [_row(key=f"C{n}-{i}") for i in range(200)]
        httpx.post(server.url + "/v1/quarantine", json={"rows": rows, "more": 10**6}, headers=a.headers).raise_for_status()
    open_rows = [r for r in _reports(server) if r["cleared_at"] is None]
    assert len(open_rows) == quarantine.MAX_OPEN
    assert not any(r["key"].startswith("C0-") for r in open_rows)  # the least recently reported went first


def test_the_client_reports_only_what_changed_and_never_a_body(server, make_terminal):
    sent: list[dict] = []

    class Spy(httpx.HTTPTransport):
        def handle_request(self, request):
            if request.url.path == "/v1/quarantine":
                sent.append(json.loads(request.read()))
            return super().handle_request(request)

    t = make_terminal(transport=Spy())
    t.client.sync_once()
    assert sent == []  # nothing quarantined, nothing ever reported: no call
    with server.store.write():  # a staff row whose body carries a PIN hash and a name
        server.store.put("staff", "S-BAD", {**server.store.get("staff", "C01"), "id": "S-BAD", "name": "Chen Mei-Ling",
                                            "role": "no-such-role", "pin_hash": PIN_HASH})
        server.store.put("member", "BAD-BODY", ["Lin Zhi-Hao", "0912-345-678"])
    t.client.sync_once()
    assert {(q["kind"], q["key"]) for q in t.client.quarantined()} == {("staff", "S-BAD"), ("member", "BAD-BODY")}
    assert len(sent) == 1 and sent[0]["more"] == 0 and len(sent[0]["rows"]) == 2
    wire = json.dumps(sent[0])
    kept = json.dumps(t.client.quarantined(), ensure_ascii=False)
    assert "Chen Mei-Ling" in kept and "0912-345-678" in kept  # the terminal keeps its copy ...
    for secret in ("pin_hash", PIN_HASH, "Chen", "Lin", "0912"):  # ... and it never leaves the PC
        assert secret not in wire
    assert set(sent[0]["rows"][0]) == {"kind", "key", "reason", "row_sha256", "cursor", "seen_at"}
    t.client.sync_once()
    assert len(sent) == 1  # unchanged: not sent again
    with server.store.write():
        server.store.tombstone("member", "BAD-BODY")
    t.client.sync_once()
    assert len(sent) == 2 and ("member", "BAD-BODY") not in {(r["kind"], r["key"]) for r in sent[1]["rows"]}
