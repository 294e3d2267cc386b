"""The chain-wide campaign report (issue 16 section 4) from the real server's ledgers, against the
stores' own reports: two stores sell with coupons, one sale is voided, the server's figures are
the stores' summed (issued: the chain's coupons, the same in each replica)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from sync.server.admin import main as admin
from sync.server.campaigns import chain_campaigns
from terminal.usecases.campaign_report import campaign_report
from terminal.usecases.checkout import CouponRequest, LineRequest
from tests.conftest import card
from tests.history.test_campaign_roi import roi_catalog

pytestmark = pytest.mark.both_engines(postgresql="slow")  # the PostgreSQL half with -m slow

M1, M2 = card("290000000001"), card("290000000002")
DAYS = (date(2026, 11, 19), date(2026, 11, 20))


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(roi_catalog()))
    return p


def test_chain_figures_are_the_stores_figures_summed(server, make_terminal, tmp_path):
    a, b = make_terminal("A-001", "T1"), make_terminal("B-001", "T1")
    a.settle("a1", amount=600, member=M1, coupons=["C-100OFF-1"])
    a.settle("a2", amount=200)
    b.settle("b1", amount=800, member=M2, coupons=["C-100OFF-2"])
    b.settle("b2", lines=[LineRequest("CROISSANT", 5)], member=M1, coupons=[CouponRequest("C-10PCT-1")])
    b.settle("b3", amount=900, coupons=["C-100OFF-3"])
    b.svc.void("b3", manager_id="MGR1", pin="9999", reason="test")
    for t in (a, b):
        t.client.push()
    chain = {ln.campaign_id: ln for ln in chain_campaigns(server.store, *DAYS, "Asia/Taipei")}
    t = chain["T-100OFF"]
    assert (t.issued, t.redeemed, t.redemption_rate_percent, t.discount, t.baskets, t.revenue) == (3, 2, 66.7, 200, 2, 1200)
    assert (t.avg_basket_with, t.avg_basket_without, t.first_time_members) == (600, 235, 2)
    p = chain["T-10PCT"]
    assert (p.issued, p.redeemed, p.discount, p.baskets, p.revenue, p.avg_basket_with, p.avg_basket_without,
            p.first_time_members) == (1, 1, 30, 1, 270, 270, 466, 1)
    stores = [{ln.campaign_id: ln for ln in campaign_report(t.svc.replica, store_id=t.svc.store_id, first_day=DAYS[0],
                                                             last_day=DAYS[1]).lines} for t in (a, b)]
    for cid, line in chain.items():
        for f in ("redeemed", "discount", "baskets", "revenue", "first_time_members"):
            assert getattr(line, f) == sum(getattr(s[cid], f) for s in stores if cid in s), (cid, f)
        assert all(s[cid].issued == line.issued for s in stores if cid in s)
    # the admin CLI: CSV and JSON
    out = io.StringIO()
    assert admin(["--db", str(server.db), "campaign-report", "--from", "2026-11-19", "--to", "2026-11-20",
                  "--csv", str(tmp_path / "chain.csv"), "--json"], out=out) == 0
    rows = json.loads(out.getvalue())
    assert rows[0]["campaign"] == "T-100OFF" and rows[0]["name"] == "100 off over 500" and rows[0]["revenue"] == 1200
    table = list(csv.reader(io.StringIO((tmp_path / "chain.csv").read_bytes().decode("utf-8-sig"))))
    assert table[4] == ["coupon_template", "T-100OFF", "100 off over 500", "3", "2", "66.7", "200", "2", "1200", "600", "235", "2"]


def test_admin_refuses_a_bad_range(server, capsys):
    assert admin(["--db", str(server.db), "campaign-report", "--from", "2026-11-20", "--to", "2026-11-19"]) == 2
    assert "--to" in capsys.readouterr().err
    assert admin(["--db", str(server.db), "campaign-report", "--from", "2026-11-20", "--to", "2026-11-20", "--tz", "Mars/Base"]) == 2
    assert admin(["--db", str(server.db), "campaign-report", "--from", "20/11", "--to", "2026-11-20"]) == 2


def test_a_hostile_total_does_not_inflate_the_revenue(server):
    from tests.sync.handmade import HandDevice

    h = HandDevice(server, "A-001", "TH")
    coupon = {"code": "C-100OFF-1", "template_id": "T-100OFF", "kind": "amount_off", "uses": 1, "discount": 100,
              "partner": None, "in_replica": True, "parent_code": None}
    h.push(h.settlement(member="M1", amount=600, net=500, coupons=[coupon], total=10**9))
    [line] = [ln for ln in chain_campaigns(server.store, *DAYS, "Asia/Taipei") if ln.campaign_id == "T-100OFF"]
    assert line.revenue == 600  # bounded by what its lines cost
