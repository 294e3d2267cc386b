"""A campaign over several shared promo codes (issue 16, section 2): `promo_campaigns` with a total
budget / cap, `shared.campaign` on each code. The server counts the budget and cap over all the
campaign's codes chain-wide (the `promo_campaign_tally` row every terminal pulls); the counter
refuses `campaign_budget_spent` / `campaign_cap_reached`; what two offline stores gave beyond it is
not booked and is a `campaign_over_budget` / `campaign_over_cap` conflict. Real server on 127.0.0.1."""

from __future__ import annotations

import copy
import json

import pytest

from terminal.domain.reasons import DomainError, Reason
from tests.conftest import BASE_CATALOG

from .conftest import ServerProcess
from .test_shared_codes import tills  # noqa: F401 (fixture: tills on this module's `srv`)

BUDGET = 250  # SUMMER: codes of 100 and 60 off


def campaign_catalog() -> dict:
    cat = copy.deepcopy(BASE_CATALOG)
    cat["promo_campaigns"] = [{"id": "SUMMER", "name": "Summer 2026", "budget": BUDGET},
                              {"id": "WINTER", "name": "Winter 2026", "cap": 3}]
    shared = lambda cid, amount, name: {"id": cid, "name": name, "kind": "amount_off", "amount": amount,  # noqa: E731
                                        "member_bound": False, "shared": {"campaign": name.split("-")[0]}}
    cat["coupon_templates"] += [shared("T-SA", 100, "SUMMER-A"), shared("T-SB", 60, "SUMMER-B"),
                                shared("T-WA", 10, "WINTER-A"), shared("T-WB", 10, "WINTER-B")]
    cat["coupons"] += [{"code": c, "template": t} for c, t in (("SUMMER-A", "T-SA"), ("SUMMER-B", "T-SB"),
                                                                ("WINTER-A", "T-WA"), ("WINTER-B", "T-WB"))]
    return cat


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgresql, pytest.mark.slow])])
def srv(request, tmp_path):
    """A server per test and engine (the PostgreSQL half runs with -m slow)."""
    (tmp_path / "catalog.json").write_text(json.dumps(campaign_catalog()))
    cluster = db = None
    if request.param == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        db = cluster.create_database()
    s = ServerProcess(tmp_path / "central.db" if cluster is None else cluster.url(db), tmp_path / "catalog.json")
    s.store.set_allowances(shared_code_uses=2)
    yield s
    s.stop()
    if cluster is not None:
        cluster.drop_database(db)



def tally(srv, campaign: str) -> tuple[int, int]:
    body = srv.store.get("promo_campaign_tally", campaign) or {}
    return body.get("uses", 0), body.get("discount_given", 0)


def ledger(srv, *codes: str) -> tuple[int, int]:
    r = srv.store.conn.execute(f"SELECT COALESCE(SUM(uses), 0), COALESCE(SUM(discount), 0) FROM coupon_ledger "
                               f"WHERE code IN ({','.join('?' * len(codes))})", codes).fetchone()
    return int(r[0]), int(r[1])


def test_the_budget_counts_every_code_of_the_campaign(tills, srv):
    a, b = tills("A-001"), tills("B-001")
    assert a.sale("SUMMER-A")["coupon_discount"] == 100
    assert a.sale("SUMMER-B")["coupon_discount"] == 60
    a.sync()
    assert tally(srv, "SUMMER") == (2, 160)
    b.sync()  # store B pulls the tally: 90 of the 250 left over both codes
    assert b.svc.replica.conn.execute("SELECT uses, discount_given FROM promo_campaign_tallies").fetchall() == [(2, 160)]
    assert b.sale("SUMMER-A")["coupon_discount"] == 90  # the last use gives what is left of the campaign
    b.sync()
    assert tally(srv, "SUMMER") == (3, 250) and ledger(srv, "SUMMER-A", "SUMMER-B") == (3, 250)
    a.sync()
    v = a.preview("SUMMER-B")  # the other code of the campaign: refused with the campaign's figures
    assert not v.ok and v.reason == Reason.CAMPAIGN_BUDGET_SPENT
    assert "budget of 250 (250 given by all its codes)" in v.message
    assert not srv.store.conn.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0]
    # a void gives its use and discount back to the campaign
    a.svc.void("s2", manager_id="MGR1", pin="9999", reason="test")
    a.sync()
    assert tally(srv, "SUMMER") == (2, 190) and ledger(srv, "SUMMER-A", "SUMMER-B") == (2, 190)
    assert a.sale("SUMMER-B")["coupon_discount"] == 60


def test_two_offline_stores_beyond_the_budget_are_not_booked_beyond_it(tills, srv):
    a, b = tills("A-001"), tills("B-001")
    # both offline: each sees the whole budget left; 2 unsynced uses per code is the grant
    assert [a.sale("SUMMER-A")["coupon_discount"] for _ in range(2)] == [100, 100]
    assert [b.sale("SUMMER-B")["coupon_discount"] for _ in range(2)] == [60, 60]
    with pytest.raises(DomainError) as err:
        b.sale("SUMMER-B")
    assert err.value.reason == Reason.OFFLINE_ALLOWANCE_EXCEEDED
    a.sync()  # 200 booked
    b.sync()  # 50 of b's first 60 booked; its second use finds nothing left: not booked
    assert tally(srv, "SUMMER") == (3, 250) and ledger(srv, "SUMMER-A", "SUMMER-B") == (3, 250)
    rows = srv.store.conn.execute("SELECT kind, decision, amount, store_id, subject FROM conflicts ORDER BY id").fetchall()
    assert rows == [("campaign_over_budget", "not_booked_beyond_budget", 10, "B-001", "SUMMER-B"),
                    ("campaign_over_budget", "not_booked_beyond_budget", 60, "B-001", "SUMMER-B")]
    details = json.loads(srv.store.conn.execute("SELECT details FROM conflicts ORDER BY id LIMIT 1").fetchone()[0])
    assert (details["reason"], details["given_before"], details["booked_discount"]) == ("campaign_budget_spent", 200, 50)
    a.sync()
    assert a.preview("SUMMER-A").reason == Reason.CAMPAIGN_BUDGET_SPENT


def test_two_offline_stores_beyond_the_cap(tills, srv):
    a, b = tills("A-001"), tills("B-001")
    for _ in range(2):
        a.sale("WINTER-A")
        b.sale("WINTER-B")
    a.sync()
    b.sync()
    assert tally(srv, "WINTER") == (3, 30) and ledger(srv, "WINTER-A", "WINTER-B") == (3, 30)
    rows = srv.store.conn.execute("SELECT kind, decision, amount, store_id FROM conflicts").fetchall()
    assert rows == [("campaign_over_cap", "not_booked_beyond_cap", 10, "B-001")]
    a.sync()
    v = a.preview("WINTER-B")
    assert v.reason == Reason.CAMPAIGN_CAP_REACHED and "all 3 of its uses" in v.message
