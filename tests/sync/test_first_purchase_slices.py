"""The member's purchase count travels with the member's store slice (sync/server/slices.py): a
store that does not hold the member never receives it; a lookup brings it with the member, and the
first-purchase rule then refuses there too."""

from __future__ import annotations

import json

import pytest

from terminal.domain.reasons import Reason
from terminal.usecases.unknown_member import UnknownMembers
from tests.conftest import card
from tests.history.test_first_purchase import first_purchase_catalog, req
from tests.sync.test_slices import rows

pytestmark = pytest.mark.both_engines(postgresql="slow")  # the PostgreSQL half with -m slow

M3_CARD = card("290000000003")


@pytest.fixture
def catalog_file(tmp_path):
    cat = first_purchase_catalog()
    cat["policies"] = {**cat.get("policies", {}), "member_slices": True}
    cat["members"][0]["home_store"] = "A-001"  # M1
    cat["members"][1]["home_store"] = "B-001"  # M2; M3 has no home store
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(cat))
    return p


def test_the_count_reaches_only_the_members_stores(server, make_terminal):
    a, x = make_terminal("A-001", "T1"), make_terminal("X", "T1")
    a.settle("a1", member=card("290000000001"), amount=300)  # M1 at home
    a.client.push()
    a.client.pull()
    x.client.pull()
    assert rows(a, "SELECT member_id FROM member_purchases") == {"M1"}
    assert rows(x, "SELECT member_id FROM member_purchases") == set()  # M1 is not in store X's slice
    # M3 buys at A (looked up online there), then comes to X: the lookup brings M3's count along
    a.svc.unknown_members = UnknownMembers(a.svc.replica, lookup=a.client.lookup_member)
    a.svc.scan(M3_CARD)
    a.settle("a2", member=M3_CARD, amount=300)
    a.client.push()
    x.svc.unknown_members = UnknownMembers(x.svc.replica, lookup=x.client.lookup_member)
    assert x.svc.scan(M3_CARD).member.id == "M3"
    assert x.client.conn.execute("SELECT purchases FROM member_purchases WHERE member_id = 'M3'").fetchone() == (1,)
    assert x.svc.preview(req("x1", M3_CARD, ["FP-1"])).coupon_verdicts[0].reason == Reason.NOT_FIRST_PURCHASE
