"""Referral rewards judged by the real server (127.0.0.1): once per new member, after the first
purchase is booked; refused referrals earn nothing; a void reverses the reward exactly."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from terminal.domain.reasons import DomainError, Reason
from terminal.domain.referral import referee_coupon_code, referral_code
from tests.conftest import card
from tests.history.test_referral import referral_catalog, req
from tests.sync.handmade import HandDevice, reasons

pytestmark = pytest.mark.both_engines(postgresql="slow")  # the PostgreSQL half with -m slow

M2, M3 = card("290000000002"), card("290000000003")
NOW = datetime.fromisoformat("2026-11-20T04:00:00+00:00")


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(referral_catalog()))
    return p


def bonus(server, member):
    return server.store.balance(member, "bonus", NOW)


def test_first_purchase_rewards_the_referrer_once_and_the_new_member_holds_the_coupon(server, make_terminal):
    before = bonus(server, "M1")
    a, b = make_terminal("A-001", "T1"), make_terminal("B-001", "T1")
    ra = a.svc.settle(req("a1", M3, referral_code("M1")), cashier_id="C01")
    rb = b.svc.settle(req("b1", M3, referral_code("M1")), cashier_id="C01")  # offline at another store: B cannot know
    a.client.push()
    b.client.push()
    assert bonus(server, "M1") == before + 200  # once
    assert server.store.get("referral", "M3")["referrer_id"] == "M1"
    kinds = [(c["kind"], c["decision"]) for c in server.store.conflicts()]
    assert kinds == [("referral_not_rewarded", "not_rewarded")]
    coupon = server.store.get("coupon", ra["referral"]["coupon_code"])
    assert (coupon["template_id"], coupon["member_id"], coupon["status"]) == ("T-WELCOME", "M3", "active")
    assert server.store.get("coupon", rb["referral"]["coupon_code"]) is None
    a.client.pull()
    assert ra["referral"]["coupon_code"] in {c.code for c in a.svc.member_view(a.svc.replica.member("M3")).coupons}
    # the terminal now knows M3 has purchased: the same rule refuses a code there
    with pytest.raises(DomainError) as e:
        a.svc.settle(req("a2", M3, referral_code("M2")), cashier_id="C01")
    assert e.value.reason == Reason.NOT_NEW_MEMBER


def test_a_void_reverses_the_reward_and_the_coupon(server, make_terminal):
    before = bonus(server, "M1")
    a = make_terminal("A-001", "T1")
    r = a.svc.settle(req("a1", M2, referral_code("M1")), cashier_id="C01")
    a.client.push()
    assert bonus(server, "M1") == before + 200
    a.svc.void("a1", manager_id="MGR1", pin="9999", reason="returned")
    a.client.push()
    assert bonus(server, "M1") == before
    rows = server.store.conn.execute("SELECT delta, kind FROM point_ledger WHERE lot_id = 'referral/M1/M2' ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [(200, "earn"), (-200, "void_earn")]
    assert server.store.get("coupon", r["referral"]["coupon_code"])["status"] == "voided"
    assert server.store.get("referral", "M2")["status"] == "voided"
    # M2 has no purchase left: a new first purchase may be referred again (by someone else)
    a.client.pull()
    a.svc.settle(req("a2", M2, referral_code("M3")), cashier_id="C01")
    a.client.push()
    assert bonus(server, "M3") == 200 and server.store.get("referral", "M2")["referrer_id"] == "M3"


@pytest.mark.parametrize("member,code,prior,why", [
    ("M1", referral_code("M1"), False, "self_referral"),
    (None, referral_code("M1"), False, "member_required"),
    ("M2", "REF-M1-ZZZZ", False, "bad_check_digit"),
    ("M2", "REF-NOBODY-" + referral_code("NOBODY")[-4:], False, "unknown_referrer"),
    ("M2", referral_code("M1"), True, "not_new_member"),
    ("M2", ["not", "a", "string"], False, "malformed"),
])
def test_hostile_referrals_are_quarantined_and_earn_nothing(server, member, code, prior, why):
    before = bonus(server, "M1")
    h = HandDevice(server, "A-001", "TH")
    if prior:
        assert reasons(h.push(h.settlement(member=member))) == []
    ans = h.push(h.settlement(member=member, referral_code=code))
    assert ans["status"] != "rejected" and reasons(ans) == [why]  # the sale itself is booked
    assert bonus(server, "M1") == before and server.store.get("referral", "M2") is None
    assert server.store.get("coupon", referee_coupon_code(ans["event_id"])) is None


def test_terminal_and_server_judge_the_same(server, make_terminal):
    """Each case judged by a synced terminal (its refusal) and by the server (a hand-made push of the
    same claim): the same reason, and accepted by both when the rule allows it."""
    t = make_terminal("A-001", "T1")
    h = HandDevice(server, "A-001", "TH")
    h.push(h.settlement(member="M2"))  # M2 has purchased before; M3 has not
    for member, card_code, code in (("M3", M3, referral_code("M1")), ("M2", M2, referral_code("M1")),
                                    ("M3", M3, referral_code("M2")), ("M1", card("290000000001"), referral_code("M1"))):
        t.client.pull()  # the terminal knows what the server knows (each push below is a purchase)
        try:
            t.svc.preview(req("p", card_code, code))
            here = None
        except DomainError as err:
            here = err.reason.value
        there = reasons(h.push(h.settlement(member=member, referral_code=code)))
        assert (here, there) in ((None, []), ("not_new_member", ["not_new_member"]), ("self_referral", ["self_referral"])), \
            (member, code, here, there)
        assert there == ([] if here is None else [here])
