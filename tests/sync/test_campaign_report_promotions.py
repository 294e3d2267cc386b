"""Automatic promotions in the chain-wide campaign report (issue 16 section 4): rows of kind
"promotion" from the server's promotion_ledger, equal to the stores' own rows summed and to
independent sums over the central ledger. Real server on 127.0.0.1."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from sync.server.admin import main as admin
from sync.server.campaigns import chain_campaigns
from terminal.usecases.campaign_report import campaign_report
from terminal.usecases.checkout import LineRequest
from tests.conftest import card
from tests.history.test_campaign_roi import promo_catalog

pytestmark = pytest.mark.both_engines(postgresql="slow")  # the PostgreSQL half with -m slow

M1, M2 = card("290000000001"), card("290000000002")
DAYS = (date(2026, 11, 19), date(2026, 11, 20))


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(promo_catalog()))
    return p


def test_promotion_rows_chain_wide(server, make_terminal):
    a, a2 = make_terminal("A-001", "T1"), make_terminal("A-NEW", "T1")
    cro, lat = (lambda n: LineRequest("CROISSANT", n)), (lambda n: LineRequest("LATTE", n))
    a.settle("a1", lines=[cro(3), lat(2)], member=M2)  # 60 + 12 off, pays 348
    a.settle("a2", lines=[cro(3)])  # 60 off, 120
    a2.settle("n1", lines=[cro(6)], member=M1)  # 120 off, 240
    a2.settle("n2", lines=[lat(1)], member=M2)  # gold 6 off, 114
    a2.settle("n3", lines=[cro(3)], member=M1)  # voided: not counted
    a2.svc.void("n3", manager_id="MGR1", pin="9999", reason="test")
    for t in (a, a2):
        t.client.push()
    chain = {ln.campaign_id: ln for ln in chain_campaigns(server.store, *DAYS, "Asia/Taipei") if ln.kind == "promotion"}
    c = chain["cro-b2g1"]
    assert (c.issued, c.redeemed, c.redemption_rate_percent, c.discount, c.baskets, c.revenue) == (0, 3, None, 240, 3, 708)
    assert (c.avg_basket_with, c.avg_basket_without, c.first_time_members) == (236, 114, 2)  # M2 (a1), M1 (n1)
    g = chain["gold-coffee"]
    assert (g.redeemed, g.discount, g.baskets, g.revenue, g.avg_basket_with, g.avg_basket_without, g.first_time_members) == (
        2, 18, 2, 462, 231, 180, 1)
    # independent sums over the central promotion_ledger: apply rows of events not voided
    for pid, line in chain.items():
        n, disc = server.store.conn.execute(
            """SELECT COUNT(*), SUM(discount) FROM promotion_ledger WHERE promotion_id = ? AND kind = 'apply' AND event_id NOT IN
               (SELECT event_id FROM promotion_ledger WHERE kind = 'apply' AND checkout_id = 'n3')""", (pid,)).fetchone()
        assert (line.redeemed, line.discount) == (n, int(disc))
    stores = [{ln.campaign_id: ln for ln in campaign_report(t.svc.replica, store_id=t.svc.store_id, first_day=DAYS[0],
                                                             last_day=DAYS[1]).lines if ln.kind == "promotion"} for t in (a, a2)]
    for pid, line in chain.items():
        for f in ("redeemed", "discount", "baskets", "revenue"):
            assert getattr(line, f) == sum(getattr(s[pid], f) for s in stores if pid in s), (pid, f)
    out = io.StringIO()
    assert admin(["--db", str(server.db), "campaign-report", "--from", "2026-11-19", "--to", "2026-11-20", "--json"], out=out) == 0
    rows = {r["campaign"]: r for r in json.loads(out.getvalue()) if r["kind"] == "promotion"}
    assert rows["cro-b2g1"]["name"] == "Croissant buy 2 get 1" and rows["cro-b2g1"]["revenue"] == 708
