"""Conflicts the server decides: two terminals offline, then sync in either order."""

from __future__ import annotations

import pytest

from terminal.usecases.checkout import CouponRequest
from tests.conftest import card

pytestmark = pytest.mark.both_engines(postgresql="slow")  # SQLite by default; on PostgreSQL too with -m slow

M1 = card("290000000001")
C100 = card("980000000002")  # C-100OFF-1, single use, bearer
SV = card("980000000001")  # SV-0001, 10 coffees, member M1


def _converged(a, b):
    # the coupons both hold: of templates of both stores' brands (store slices: a brand's coupons stay with it)
    common = set.intersection(*({r[0] for r in t.client.conn.execute("SELECT id FROM coupon_templates")} for t in (a, b)))
    assert [r for r in a.coupon_rows() if r[1] in common] == [r for r in b.coupon_rows() if r[1] in common]
    assert len(common) >= 5
    assert a.lot_rows() == b.lot_rows()
    for t in (a, b):  # nothing left in the overlay: the replica alone is the truth
        assert t.client.conn.execute("SELECT COUNT(*) FROM outbox WHERE reflected = 0").fetchone()[0] == 0


@pytest.mark.parametrize("first", ["x", "y"])
def test_same_single_use_coupon_at_two_offline_terminals(server, make_terminal, first):
    x = make_terminal("A-001", "TX")
    y = make_terminal("B-001", "TY")
    # both offline (no sync): each counter accepts the coupon
    rx = x.settle("cx", coupons=[C100])
    ry = y.settle("cy", coupons=[C100])
    assert rx["coupon_discount"] == ry["coupon_discount"] == 100
    order = (x, y) if first == "x" else (y, x)
    winner, loser = order
    win_report = winner.client.sync_once()["push"]
    lose_report = loser.client.sync_once()["push"]
    assert win_report.statuses == {"accepted": 1}
    assert lose_report.statuses == {"accepted_with_conflict": 1}
    conflicts = server.store.conflicts()
    assert len(conflicts) == 1
    c = conflicts[0]
    assert c["kind"] == "duplicate_redemption" and c["decision"] == "first_received_wins"
    assert c["subject"] == "C-100OFF-1" and c["amount"] == 100
    assert (c["store_id"], c["other_store_id"]) == (loser.svc.store_id, winner.svc.store_id)
    assert c["checkout_id"] == ("cy" if first == "x" else "cx") and c["other_checkout_id"] == ("cx" if first == "x" else "cy")
    # the loser stores the conflict for its manager; the winner has none
    assert [k["kind"] for k in loser.client.conflicts()] == ["duplicate_redemption"]
    assert winner.client.conflicts() == []
    assert loser.client.status().conflicts == 1
    winner.client.sync_once()
    _converged(x, y)
    row = next(r for r in x.coupon_rows() if r[0] == "C-100OFF-1")
    assert row[3:5] == (1, 2)  # both redemptions are facts: 2 uses of 1, nothing was edited away
    assert x.svc.scan(C100).coupon.remaining_uses == 0 == y.svc.scan(C100).coupon.remaining_uses


def test_stored_voucher_overuse_and_points_overdraft(server, make_terminal, deployed):
    # the chain lets a till use a stored voucher 8 times and spend 500 points per member offline
    allowances = deployed(stored_voucher_uses=8, points_per_member=500)
    x = make_terminal("A-001", "TX", allowances=allowances)
    y = make_terminal("A-001", "TY", allowances=allowances)
    from terminal.usecases.checkout import LineRequest

    # SV-0001 has 10 uses; 8 at X and 5 at Y while offline (each within its grant)
    x.settle("sx", member=M1, lines=[LineRequest("LATTE", 8)], coupons=[CouponRequest(SV, 8)])
    y.settle("sy", member=M1, lines=[LineRequest("LATTE", 5)], coupons=[CouponRequest(SV, 5)])
    # M1 has 130 bonus points usable; each spends 120 offline
    x.settle("px", member=M1, amount=100, points={"bonus": 120})
    y.settle("py", member=M1, amount=100, points={"bonus": 120})
    x.client.sync_once()
    rep = y.client.sync_once()["push"]
    assert rep.statuses == {"accepted_with_conflict": 2}
    kinds = {c["kind"]: c for c in server.store.conflicts()}
    assert set(kinds) == {"voucher_overuse", "points_overdraft"}
    assert kinds["voucher_overuse"]["details"]["over"] == 3 and kinds["voucher_overuse"]["details"]["remaining"] == 2
    od = kinds["points_overdraft"]["details"]
    assert (od["requested"], od["available"], od["debt"]) == (120, 10 + x_earned(x), 110 - x_earned(x))
    x.client.sync_once()
    _converged(x, y)
    # the debt is netted centrally: the total stays the true sum of all movements
    lots = [r for r in x.lot_rows() if r[1] == "M1" and r[2] == "bonus" and r[0] != "M1-L0"]
    assert sum(r[3] for r in lots) == 130 - 240 + x_earned(x) + y_earned(y)


def x_earned(t) -> int:
    return t.client.conn.execute("SELECT COALESCE(SUM(delta),0) FROM point_ledger WHERE kind='earn' AND member_id='M1'").fetchone()[0]


y_earned = x_earned


def test_redeemed_after_central_void_could_not_know_vs_had_the_void(server, make_terminal):
    x = make_terminal("A-001", "TX")
    y = make_terminal("A-001", "TY")
    server.store.void_coupon("C-100OFF-1", "reported stolen")
    server.store.void_coupon("C-100OFF-2", "reported stolen")
    # X redeems offline without having pulled the void: it could not have known
    x.settle("vx", coupons=[C100])
    # Y redeems C-100OFF-2 with a cursor that already includes the void (e.g. a tampered counter)
    y.svc.replica.set_meta("replica_cursor", server.store.cursor())
    y.settle("vy", coupons=[card("980000000007")])
    x.client.push()
    y.client.push()
    by_code = {c["subject"]: c for c in server.store.conflicts()}
    assert by_code["C-100OFF-1"]["kind"] == "redeemed_after_void"
    assert by_code["C-100OFF-1"]["decision"] == "honoured_terminal_could_not_know"
    # a counter that had the void cannot honestly redeem it: quarantined, the use is not booked
    assert by_code["C-100OFF-2"]["kind"] == "quarantined" and by_code["C-100OFF-2"]["details"]["reason"] == "voided"
    assert server.store.get("coupon", "C-100OFF-2")["used_uses"] == 0
    assert server.store.get("coupon", "C-100OFF-1")["used_uses"] == 1
    # after a pull the counter refuses the voided coupon
    x.client.pull()
    assert not x.svc.scan(card("980000000007")).coupon.usable
