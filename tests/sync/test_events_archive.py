"""The central events table bounded by time (issue 14, item 4; sync/server/archive.py).

Real server, both engines: events moved to `events_archive` still answer their duplicates and
replays exactly as before, a void of an archived sale is judged (and booked) exactly as before,
the ledgers are untouched by the move, and the archive refuses changes.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from terminal.domain.events import payload_sha256
from tests.sync.handmade import AT, HandDevice

pytestmark = pytest.mark.both_engines

LATER = datetime.now(timezone.utc) + timedelta(days=1)  # "now" for the archiver: every event is older than 0 days


def envelope(dev: HandDevice, payload: dict, *, type_: str = "settlement", seq: int | None = None, event_id: str | None = None):
    if seq is None:
        dev.seq += 1
        seq = dev.seq
    return {"event_id": event_id or str(uuid.uuid4()), "terminal_id": dev.terminal_id, "store_id": dev.store_id,
            "terminal_seq": seq, "type": type_, "schema_version": 1, "payload": payload,
            "payload_sha256": payload_sha256(payload), "occurred_at": AT, "based_on_cursor": dev.server.store.cursor(),
            "app_version": "hand"}


def send(dev: HandDevice, env: dict) -> dict:
    r = httpx.post(dev.server.url + "/v1/push", json={"events": [env]}, headers=dev.headers, timeout=30)
    r.raise_for_status()
    return r.json()["results"][0]


def ledgers(store) -> tuple:
    c = store.conn
    return (c.execute("SELECT event_id, lot_id, point_type, delta, kind FROM point_ledger ORDER BY id").fetchall(),
            c.execute("SELECT event_id, code, uses, kind FROM coupon_ledger ORDER BY id").fetchall(),
            c.execute("SELECT kind, key, body, deleted FROM entities WHERE kind IN ('point_lot', 'coupon') ORDER BY kind, key").fetchall())


def counts(store) -> tuple[int, int]:
    return (store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
            store.conn.execute("SELECT COUNT(*) FROM events_archive").fetchone()[0])


def lot(dev: HandDevice, n: int) -> dict:
    return {"lot_id": f"A-001/{dev.terminal_id}/hand-{dev.terminal_id}-{n}:bonus:A-base", "point_type": "bonus", "points": 12,
            "rule_id": "A-base", "expires_at": None}


def test_archived_events_answer_duplicates_and_replays_and_leave_the_ledgers_alone(server):
    a = HandDevice(server, "A-001", "TA")
    sale = a.settlement(amount=600, earns=[lot(a, 1)])
    env = envelope(a, sale)
    first = send(a, env)
    assert first["status"] == "accepted", first
    before = ledgers(server.store)
    assert server.store.archive_events(days=90) == 0  # nothing is 90 days old
    moved = server.store.archive_events(days=0, now=LATER, batch=1)  # one per transaction
    assert moved == 1 and counts(server.store) == (0, 1)
    assert server.store.archive_events(days=0, now=LATER) == 0  # idempotent

    again = send(a, env)  # the same event id, the same content: the first answer, as a duplicate
    assert again["status"] == "duplicate" and again["original_status"] == "accepted" and again["event_id"] == env["event_id"]
    assert again["visible_seq"] == first["visible_seq"]
    reused = send(a, {**envelope(a, {**sale, "gross": 601}, seq=env["terminal_seq"]), "event_id": env["event_id"]})
    assert reused["status"] == "rejected" and reused["error"]["code"] == "event_id_reused"
    same_sale = send(a, envelope(a, sale, seq=env["terminal_seq"]))  # the same sale under a new event id
    assert same_sale["status"] == "duplicate" and same_sale["original_status"] == "accepted"
    other = send(a, envelope(a, {**sale, "gross": 601}, seq=env["terminal_seq"]))
    assert other["status"] == "rejected" and other["error"]["code"] == "terminal_seq_reused"
    replay = send(a, envelope(a, sale))  # the same checkout id under a new terminal_seq
    assert replay["status"] == "rejected" and replay["error"]["code"] == "checkout_replayed"
    assert ledgers(server.store) == before  # nothing booked twice, nothing lost by the move


def test_a_void_of_an_archived_sale_is_judged_as_before_and_only_once(server):
    a = HandDevice(server, "A-001", "TA")
    sale = a.settlement(amount=600, earns=[lot(a, 1)])
    first = a.push(sale)
    assert first["status"] == "accepted"
    assert server.store.get("point_lot", lot(a, 1)["lot_id"])["points"] == 12
    assert server.store.archive_events(days=0, now=LATER) == 1

    void = a.void(sale, first)
    v = a.push(void, type_="void")
    assert v["status"] == "accepted", v
    assert server.store.get("point_lot", lot(a, 1)["lot_id"])["points"] == 0  # the exact compensating entry
    reversal = server.store.conn.execute("SELECT lot_id, delta FROM point_ledger WHERE event_id = ?", (v["event_id"],)).fetchall()
    assert reversal == [(lot(a, 1)["lot_id"], -12)]
    assert server.store.archive_events(days=0, now=LATER) == 1  # the void
    before = ledgers(server.store)
    twice = a.push(a.void(sale, first), type_="void")  # the sale and its void both archived: still voided once
    assert twice["status"] == "rejected" and twice["error"]["code"] == "already_voided", twice
    assert ledgers(server.store) == before


def test_the_archive_is_kept_unchanged(server):
    a = HandDevice(server, "A-001", "TA")
    a.push(a.settlement(amount=100))
    assert server.store.archive_events(days=0, now=LATER) == 1
    for sql in ("UPDATE events_archive SET status = 'rejected'", "DELETE FROM events_archive"):
        with pytest.raises(Exception, match="archived events are kept"):
            with server.store.write():
                server.store.conn.execute(sql)
    assert counts(server.store) == (0, 1)


def test_the_daily_upkeep_archives_old_events():
    from sync.server.maintenance import central_maintenance

    class Store:
        def prune_slices(self):
            return 0

        def archive_events(self):
            return 7

    assert set(central_maintenance(Store()).jobs) == {"prune_slices", "archive_events", "prune_member_searches"}
