"""Next-order coupons issued by the real server (127.0.0.1) when it books the settlement: the code
the receipt printed is the member's coupon after sync, usable from the next day; a void voids it;
a rejected settlement issues nothing; a claimed total beyond the basket earns nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from terminal.domain.next_order import next_order_code
from terminal.domain.reasons import Reason
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from tests.conftest import FixedClock, card
from tests.history.test_next_order import next_catalog
from tests.sync.conftest import AT
from tests.sync.handmade import HandDevice

pytestmark = pytest.mark.both_engines(postgresql="slow")  # the PostgreSQL half with -m slow

M1 = card("290000000001")


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(next_catalog()))
    return p


def test_issued_by_the_server_held_after_sync_usable_tomorrow(server, make_terminal):
    a, b = make_terminal("A-001", "T1"), make_terminal("A-NEW", "T1")
    r = a.settle("a1", amount=1200, member=M1)
    [printed] = r["next_order_coupons"]
    a.client.push()
    body = server.store.get("coupon", printed["code"])
    assert (body["template_id"], body["member_id"], body["status"], body["issued_by_event"]) == ("T-NEXT100", "M1", "active",
                                                                                                r["event_id"])
    assert body["valid_from"].startswith("2026-11-21T00:00:00+08:00")
    b.client.pull()  # another store of the brand: the member holds it there
    held = {c.code: c for c in b.svc.member_view(b.svc.replica.member("M1")).coupons}
    assert printed["code"] in held
    req = CheckoutRequest("b1", (LineRequest(amount=300, name="Amount"),), member_code=M1, coupons=(CouponRequest(printed["code"]),))
    assert b.svc.preview(req).coupon_verdicts[0].reason == Reason.NOT_YET_VALID  # the same day
    b.svc.clock = FixedClock(AT + timedelta(days=1))
    assert b.settle("b1", amount=300, member=M1, coupons=[printed["code"]])["total"] == 200


def test_a_void_voids_the_issued_coupon(server, make_terminal):
    a = make_terminal("A-001", "T1")
    r = a.settle("a1", amount=1500, member=M1)
    code = r["next_order_coupons"][0]["code"]
    a.svc.void("a1", manager_id="MGR1", pin="9999", reason="returned")
    a.client.push()
    assert server.store.get("coupon", code)["status"] == "voided"
    a.client.pull()
    assert a.client.conn.execute("SELECT status FROM coupon_instances WHERE code = ?", (code,)).fetchone() == ("voided",)


def test_nothing_issued_for_a_rejected_or_inflated_settlement(server):
    h = HandDevice(server, "A-001", "TH")
    # a total beyond what the lines cost earns nothing: the lines say 600
    ans = h.push(h.settlement(member="M1", amount=600, total=10**6))
    assert server.store.get("coupon", next_order_code(ans["event_id"], "T-NEXT100")) is None
    # a settlement the server rejects (an unknown member) issues nothing
    ans = h.push(h.settlement(member="NOBODY", amount=5000))
    assert ans["status"] == "rejected"
    assert server.store.get("coupon", next_order_code(ans["event_id"], "T-NEXT100")) is None
    # an honest one of 1,000 does; the brand-B template does not at a brand-A store
    ans = h.push(h.settlement(member="M1", amount=1000))
    assert server.store.get("coupon", next_order_code(ans["event_id"], "T-NEXT100"))["status"] == "active"
    assert server.store.get("coupon", next_order_code(ans["event_id"], "T-NEXT-B")) is None
