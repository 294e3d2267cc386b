"""A conflict resolution's outbox event goes through `ServiceContext.append_event`, the one
Unicode-guarded append settlements use.

Before: `ManagerDesk.resolve` built its own event with `payload_sha256`; a note holding an unpaired
surrogate escaped as a bare UnicodeEncodeError (shown as `UnicodeEncodeError: ...` in the desk)
instead of the `invalid_request` refusal a settlement gives.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

import pytest

from terminal.domain.reasons import CheckoutError, Reason
from terminal.usecases.context import event_sha256
from terminal.usecases.counter import Counter
from terminal.usecases.manager_desk import ManagerDesk

# combining accent, fullwidth letters, an emoji with a ZWJ sequence, a right-to-left override, CJK
UNUSUAL = "cafe\u0301 ＦＵＬＬ 👩\u200d💼 \u202eabc\u202c 汉字"


def _conflict(svc) -> int:
    svc.replica.conn.execute(
        "INSERT INTO sync_conflicts(event_id, terminal_seq, kind, decision, message, details, recorded_at) VALUES (?,?,?,?,?,?,?)",
        ("e-1", 1, "duplicate_redemption", "first_received_wins", "already redeemed elsewhere", json.dumps({}),
         datetime(2026, 11, 5, 13, tzinfo=timezone.utc).isoformat()),
    )
    return svc.replica.conn.execute("SELECT max(id) FROM sync_conflicts").fetchone()[0]


def _outbox(svc) -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in svc.replica.conn.execute("SELECT type, payload, payload_sha256 FROM outbox")}


def test_a_resolution_note_in_unusual_unicode_is_hashed_like_a_settlement(make_service):
    svc = make_service("A-001")
    c = Counter(svc)
    c.login("C01", "1234")
    c.add_amount(120, UNUSUAL)
    assert c.settle().state == "settled"
    res = ManagerDesk(svc).resolve(_conflict(svc), resolution="absorb", reason=UNUSUAL, manager_id="MGR1", pin="9999")
    events = _outbox(svc)
    assert set(events) == {"settlement", "conflict_resolution"}
    for payload_json, sha in events.values():  # both the guarded way: canonical JSON, UTF-8, SHA-256
        assert sha == event_sha256(json.loads(payload_json)) == hashlib.sha256(payload_json.encode("utf-8")).hexdigest()
        assert UNUSUAL in payload_json  # kept as typed (canonical JSON does not escape it)
    assert json.loads(events["conflict_resolution"][0])["reason"] == UNUSUAL and res["terminal_seq"] == 2


def test_a_resolution_note_that_is_not_unicode_is_refused_and_nothing_is_written(make_service):
    svc = make_service("A-001")
    desk = ManagerDesk(svc)
    cid = _conflict(svc)
    with pytest.raises(CheckoutError) as e:
        desk.resolve(cid, resolution="block_card", reason="shared card \ud800", manager_id="MGR1", pin="9999")
    assert e.value.reason is Reason.INVALID_REQUEST and "not valid Unicode" in e.value.message
    assert _outbox(svc) == {}
    assert [c["id"] for c in desk.conflicts()] == [cid]  # still open
    assert svc.replica.conn.execute("SELECT count(*) FROM audit_log WHERE action LIKE 'conflict_%'").fetchone()[0] == 0
