"""The manager's conflict inbox: a conflict arrives, is resolved at the counter, the decision
travels through the outbox, the server records it, and "block the card" reaches every terminal."""

from __future__ import annotations

import pytest

from terminal.domain.reasons import AuthorizationError, CheckoutError, CodeError, Reason
from terminal.usecases.manager_desk import ManagerDesk
from terminal.usecases.checkout import CouponRequest, LineRequest
from tests.conftest import card

pytestmark = pytest.mark.both_engines(postgresql="slow")  # SQLite by default; on PostgreSQL too with -m slow

M1 = card("290000000001")
SV = card("980000000001")  # 10 coffees of member M1


def _overuse(make_terminal, deployed):
    allowances = deployed(stored_voucher_uses=8)  # each till may use a voucher 8 times offline
    x = make_terminal("A-001", "TX", allowances=allowances)
    y = make_terminal("A-001", "TY", allowances=allowances)
    x.settle("sx", member=M1, lines=[LineRequest("LATTE", 8)], coupons=[CouponRequest(SV, 8)])
    y.settle("sy", member=M1, lines=[LineRequest("LATTE", 5)], coupons=[CouponRequest(SV, 5)])
    x.client.sync_once()
    y.client.sync_once()
    return x, y


def test_resolve_block_card_travels_to_the_server_and_back(server, make_terminal, deployed):
    x, y = _overuse(make_terminal, deployed)
    desk = ManagerDesk(y.svc)
    inbox = desk.conflicts()
    assert len(inbox) == 1 and inbox[0]["kind"] == "voucher_overuse"
    assert "loser" in inbox[0]["details"] or inbox[0]["message"]
    cid = inbox[0]["id"]
    with pytest.raises(AuthorizationError):
        desk.resolve(cid, resolution="block_card", reason="abuse", manager_id="C01", pin="1234")
    with pytest.raises(CheckoutError) as e:
        desk.resolve(cid, resolution="forgive", reason="x", manager_id="MGR1", pin="9999")
    assert e.value.reason == Reason.INVALID_REQUEST
    with pytest.raises(CheckoutError):
        desk.resolve(cid, resolution="block_card", reason="  ", manager_id="MGR1", pin="9999")
    res = desk.resolve(cid, resolution="block_card", reason="voucher shared between friends", manager_id="MGR1", pin="9999")
    assert desk.conflicts() == [] and len(desk.conflicts(include_resolved=True)) == 1
    with pytest.raises(CheckoutError):
        desk.resolve(cid, resolution="absorb", reason="again", manager_id="MGR1", pin="9999")
    report = y.client.sync_once()["push"]
    assert report.statuses == {"accepted": 1}
    (central,) = [c for c in server.store.conflicts() if c["kind"] == "voucher_overuse"]
    row = server.store.conn.execute("SELECT resolution, reason, manager_id, member_id FROM conflict_resolutions").fetchone()
    assert row == ("block_card", "voucher shared between friends", "MGR1", "M1")
    assert server.store.conn.execute("SELECT resolved_at FROM conflicts WHERE id = ?", (central["id"],)).fetchone()[0]
    # the other terminal pulls the revocation: the card is refused at its counter
    x.client.sync_once()
    with pytest.raises(CodeError) as e:
        x.svc.scan(M1)
    assert e.value.reason == Reason.REVOKED and "voucher shared" in e.value.message
    audit = y.client.conn.execute("SELECT action, reason FROM audit_log WHERE action LIKE 'conflict_%'").fetchall()
    assert audit == [("conflict_block_card", "voucher shared between friends")]
    assert res["event_id"]


def test_absorb_is_recorded_without_effects_and_repeats_change_nothing(server, make_terminal, deployed):
    x, y = _overuse(make_terminal, deployed)
    desk = ManagerDesk(y.svc)
    cid = desk.conflicts()[0]["id"]
    desk.resolve(cid, resolution="absorb", reason="goodwill", manager_id="MGR1", pin="9999")
    y.client.sync_once()
    assert server.store.conn.execute("SELECT resolution FROM conflict_resolutions").fetchall() == [("absorb",)]
    x.client.sync_once()
    assert x.svc.scan(M1).member.id == "M1"  # not blocked
