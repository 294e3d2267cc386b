"""No row can stop the chain (issue 13, section 7): a row a terminal's replica cannot hold is
quarantined with its reason and the pull goes on, so later rows (a revocation) still arrive."""

from __future__ import annotations

import pytest

from terminal.domain.reasons import CodeError
from tests.conftest import card

C100 = card("980000000002")



def plant_bad_rows(s) -> None:
    """Rows that slipped past validation (an older server, a hand edit of the database): a lot of an
    unknown point type, a coupon with negative uses, a member whose body is not an object."""
    with s.write():
        s.put("point_lot", "BAD-TYPE", {"lot_id": "BAD-TYPE", "member_id": "M1", "point_type": "no-such-type", "points": 1,
                                        "earned_at": "2026-11-20T00:00:00+00:00", "expires_at": None}, "M1")
        s.put("coupon", "BAD-USES", {"code": "BAD-USES", "template_id": "T-100OFF", "member_id": None, "plain_code": None,
                                     "total_uses": -5, "used_uses": 0, "status": "active", "valid_from": None,
                                     "valid_until": None, "issued_at": None, "parent_code": None})
        s.put("member", "BAD-BODY", "not an object")

def test_a_row_the_replica_cannot_hold_is_quarantined_and_later_rows_arrive(server, make_terminal):
    t = make_terminal()
    s = server.store
    plant_bad_rows(s)
    s.revoke_code("coupon", "C-100OFF-1", "reported stolen")
    rep = t.client.pull()
    assert rep.quarantined == 3
    assert {(q["kind"], q["key"]) for q in t.client.quarantined()} == {("point_lot", "BAD-TYPE"), ("coupon", "BAD-USES"),
                                                                         ("member", "BAD-BODY")}
    assert all(q["reason"] for q in t.client.quarantined())
    with pytest.raises(CodeError) as err:  # the later revocation arrived
        t.svc.scan(C100)
    assert err.value.reason.value == "voided"
    # a repaired row replaces its quarantine entry
    s.issue_coupon("T-100OFF", code="FINE-1")
    with s.write():
        s.put("coupon", "BAD-USES", {**s.get("coupon", "FINE-1"), "code": "BAD-USES"})
    t.client.pull()
    assert {(q["kind"], q["key"]) for q in t.client.quarantined()} == {("point_lot", "BAD-TYPE"), ("member", "BAD-BODY")}
    # HQ repairs the feed: the dropped row leaves every terminal's quarantine
    from sync.server.admin import main as admin

    assert admin(["--db", str(server.db), "drop-row", "--kind", "point_lot", "--key", "BAD-TYPE", "--reason", "typo"]) == 0
    t.client.pull()
    assert {(q["kind"], q["key"]) for q in t.client.quarantined()} == {("member", "BAD-BODY")}


def test_hq_lists_quarantined_claims(server, capsys):
    import json

    from sync.server.admin import main as admin

    from .handmade import HandDevice

    a = HandDevice(server, "A-001", "TA")
    a.push(a.settlement(amount=0, lines=[], earns=[{"lot_id": "x", "point_type": "bonus", "points": 10**9}]))
    capsys.readouterr()
    assert admin(["--db", str(server.db), "list-conflicts", "--kind", "quarantined", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["details"]["reason"], r["store_id"]) for r in rows] == [("quarantined", "earn_exceeds_rules", "A-001")]


def test_conflict_text_from_a_terminal_cannot_drive_the_admins_terminal(server, capsys):
    """Ids and reasons in a conflict come from a terminal: `list-conflicts` shows escape sequences and
    bidirectional overrides escaped (a hostile checkout id cleared the screen and recoloured the listing)."""
    from sync.server.admin import main as admin

    from .handmade import HandDevice

    a = HandDevice(server, "A-001", "TA")
    hostile = "\x1b[2J\x1b[31mOK\u202e"
    a.push(a.settlement(checkout_id=hostile, amount=0, lines=[], earns=[{"lot_id": "x", "point_type": "bonus", "points": 10**9}]))
    capsys.readouterr()
    assert admin(["--db", str(server.db), "list-conflicts"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\u001b[2J\\u001b[31mOK\\u202e" in out
