"""What each campaign earned (issue 16 section 4): the pure figures against independent sums,
and the store's report from a terminal's own ledgers with exact figures."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.domain.campaign_roi import Issue, Sale, Use, campaign_roi
from terminal.domain.reasons import CheckoutError, Reason
from terminal.usecases.campaign_report import campaign_csv, campaign_report
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.manager_desk import ManagerDesk
from tests.conftest import card, catalog_dict, tpe

T0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
LO, HI = T0 + timedelta(days=3), T0 + timedelta(days=6)
CAMPAIGNS = ["T-A", "T-B", "T-C"]
PROMOTIONS = ["P-A", "T-A"]  # a promotion may share an id with a template: (kind, id) tells them apart


@st.composite
def ledgers(draw):
    n = draw(st.integers(0, 25))
    sales = [Sale(f"c{i}", draw(st.sampled_from([None, "M1", "M2", "M3"])), draw(st.integers(0, 5000)),
                  T0 + timedelta(hours=draw(st.integers(0, 24 * 9))), draw(st.booleans())) for i in range(n)]
    uses = []
    for s in sales:
        for cid in draw(st.lists(st.sampled_from(CAMPAIGNS), max_size=2, unique=True)):
            uses.append(Use(s.checkout_id, cid, draw(st.integers(1, 3)), draw(st.integers(0, 300)), f"{cid}-{draw(st.integers(0, 6))}"))
        for pid in draw(st.lists(st.sampled_from(PROMOTIONS), max_size=2, unique=True)):  # promotion_ledger apply rows
            uses.append(Use(s.checkout_id, pid, 1, draw(st.integers(0, 400)), None, "promotion"))
    issues = [Issue(cid, f"{cid}-{k}", T0 + timedelta(hours=draw(st.integers(0, 24 * 9))))
              for cid in CAMPAIGNS for k in range(draw(st.integers(0, 7)))]
    return sales, uses, issues


@settings(max_examples=80, deadline=None)
@given(ledgers())
def test_figures_equal_independent_sums(data):
    sales, uses, issues = data
    lines = {(ln.kind, ln.campaign_id): ln for ln in campaign_roi(sales, uses, issues, LO, HI)}
    sale = {s.checkout_id: s for s in sales}
    ok = [s for s in sales if not s.voided and LO <= s.at < HI]
    for kind, cid in [("coupon_template", c) for c in CAMPAIGNS] + [("promotion", p) for p in PROMOTIONS]:
        mine = [u for u in uses if u.kind == kind and u.campaign_id == cid and sale[u.checkout_id] in ok]
        issued = [i for i in issues if i.kind == kind and i.campaign_id == cid and LO <= i.issued_at < HI]
        if not mine and not issued:
            assert (kind, cid) not in lines
            continue
        ln = lines[(kind, cid)]
        assert ln.issued == len(issued)
        assert ln.redeemed == sum(u.uses for u in mine)
        assert ln.discount == sum(u.discount for u in mine)
        with_ = {u.checkout_id for u in mine}
        assert ln.baskets == len(with_)
        assert ln.revenue == sum(s.total for s in ok if s.checkout_id in with_)
        without = [s.total for s in ok if s.checkout_id not in with_]
        assert ln.avg_basket_with == (ln.revenue // len(with_) if with_ else None)
        assert ln.avg_basket_without == (sum(without) // len(without) if without else None)
        # every counted sale is in exactly one of the two averages' populations
        assert ln.baskets + len(without) == len(ok)
        if kind == "promotion":  # times applied = its apply rows in counted sales; nothing is issued
            assert ln.redeemed == len(mine) and ln.issued == 0 and ln.redemption_rate_percent is None
        redeemed_codes = {u.code for u in uses if u.kind == kind and u.campaign_id == cid and not sale[u.checkout_id].voided
                          and sale[u.checkout_id].at < HI}
        assert ln.redemption_rate_percent == (round(100 * len([i for i in issued if i.code in redeemed_codes]) / len(issued), 1)
                                              if issued else None)
        firsts = {}
        for u in sorted((u for u in uses if u.kind == kind and u.campaign_id == cid and not sale[u.checkout_id].voided),
                        key=lambda u: sale[u.checkout_id].at):
            m = sale[u.checkout_id].member_id
            if m is not None:
                firsts.setdefault(m, sale[u.checkout_id].at)
        assert ln.first_time_members == sum(1 for at in firsts.values() if LO <= at < HI)


def test_an_example_by_hand():
    sales = [Sale("s1", "M1", 500, LO), Sale("s2", "M2", 900, LO), Sale("s3", None, 300, LO), Sale("s4", "M1", 800, LO, voided=True),
             Sale("s0", "M2", 100, LO - timedelta(days=1))]
    uses = [Use("s1", "T-A", 1, 100, "A1"), Use("s2", "T-A", 1, 100, "A2"), Use("s4", "T-A", 1, 100, "A3"),
            Use("s0", "T-A", 1, 100, "A0")]
    issues = [Issue("T-A", f"A{i}", LO) for i in range(1, 5)]
    [ln] = campaign_roi(sales, uses, issues, LO, HI)
    assert (ln.issued, ln.redeemed, ln.redemption_rate_percent, ln.discount, ln.baskets, ln.revenue) == (4, 2, 50.0, 200, 2, 1400)
    assert (ln.avg_basket_with, ln.avg_basket_without, ln.first_time_members) == (700, 300, 1)  # M2 used it the day before


# ---- the store's report from the terminal's ledgers -------------------------------------------------------
AT = tpe(2026, 11, 20, 12)
M1, M2 = card("290000000001"), card("290000000002")


def roi_catalog():
    cat = catalog_dict()
    for c in cat["coupons"]:
        if c["code"] in ("C-100OFF-1", "C-100OFF-2", "C-10PCT-1"):
            c["issued_at"] = "2026-11-19T10:00:00+08:00"
    cat["coupons"].append({"code": "C-100OFF-3", "template": "T-100OFF", "issued_at": "2026-11-20T09:00:00+08:00"})
    cat["coupons"].append({"code": "C-100OFF-OLD", "template": "T-100OFF", "issued_at": "2026-10-01T09:00:00+08:00"})
    return cat


def req(cid, lines, member=None, coupons=()):
    return CheckoutRequest(cid, tuple(lines), member_code=member, coupons=tuple(CouponRequest(c) for c in coupons))


def test_store_report_exact_figures_and_csv(make_service):
    svc = make_service(catalog=roi_catalog())
    amt = lambda n: LineRequest(amount=n, name="Amount")  # noqa: E731
    svc.settle(req("s1", [amt(600)], M1, ["C-100OFF-1"]), cashier_id="C01", at=AT)  # 500 paid
    svc.settle(req("s2", [amt(800)], M2, ["C-100OFF-2"]), cashier_id="C01", at=AT)  # 700 paid
    svc.settle(req("s3", [LineRequest("CROISSANT", 5)], M1, ["C-10PCT-1"]), cashier_id="C01", at=AT)  # 300 - 30
    svc.settle(req("s4", [amt(200)]), cashier_id="C01", at=AT)
    svc.settle(req("s5", [amt(900)], None, ["C-100OFF-3"]), cashier_id="C01", at=AT)  # voided below
    svc.void("s5", manager_id="MGR1", pin="9999", reason="test", at=AT + timedelta(minutes=5))
    svc.settle(req("s6", [amt(700)], M1, ["C-100OFF-OLD"]), cashier_id="C01", at=AT + timedelta(days=2))  # after the range
    rep = ManagerDesk(svc).campaigns(date(2026, 11, 19), date(2026, 11, 20))
    lines = {ln.campaign_id: ln for ln in rep.lines}
    assert set(lines) == {"T-100OFF", "T-10PCT"}
    t = lines["T-100OFF"]
    # issued in the range: C-100OFF-1, -2, -3 (not -OLD); redeemed and not voided by the end: -1, -2
    assert (t.issued, t.redeemed, t.redemption_rate_percent, t.discount, t.baskets, t.revenue) == (3, 2, 66.7, 200, 2, 1200)
    # without it: s3 (270) and s4 (200); M1 and M2 used it for the first time
    assert (t.avg_basket_with, t.avg_basket_without, t.first_time_members) == (600, 235, 2)
    p = lines["T-10PCT"]
    assert (p.issued, p.redeemed, p.discount, p.baskets, p.revenue, p.avg_basket_with, p.avg_basket_without) == (1, 1, 30, 1, 270, 270, 466)
    # the same figures as independent SQL sums over the ledgers
    c = svc.replica.conn
    assert c.execute("""SELECT SUM(cl.discount), SUM(cl.uses), SUM(s.total) FROM coupon_ledger cl JOIN settlements s USING (checkout_id)
                        WHERE cl.template_id = 'T-100OFF' AND cl.kind = 'redeem' AND s.settled_at < ?
                        AND checkout_id NOT IN (SELECT checkout_id FROM voids)""",
                     ((AT + timedelta(days=1)).isoformat(),)).fetchone() == (200, 2, 1200)
    rows = list(csv.reader(io.StringIO(campaign_csv(rep).decode("utf-8-sig"))))
    assert rows[4][:4] == ["kind", "campaign", "name", "issued"]
    assert rows[5] == ["coupon_template", "T-100OFF", "100 off over 500", "3", "2", "66.7", "200", "2", "1200", "600", "235", "2"]
    # the later day alone: only the use of an old coupon, first time for nobody new
    later = {ln.campaign_id: ln for ln in campaign_report(svc.replica, store_id="A-001", first_day=date(2026, 11, 22),
                                                             last_day=date(2026, 11, 22)).lines}
    assert (later["T-100OFF"].issued, later["T-100OFF"].redeemed, later["T-100OFF"].first_time_members) == (0, 1, 0)
    assert later["T-100OFF"].redemption_rate_percent is None and later["T-100OFF"].avg_basket_without is None


def test_bad_range_is_refused_naming_the_field(make_service):
    svc = make_service()
    for first, last in ((date(2026, 11, 20), date(2026, 11, 19)), (date(2025, 1, 1), date(2026, 11, 19))):
        try:
            campaign_report(svc.replica, store_id="A-001", first_day=first, last_day=last)
        except CheckoutError as err:
            assert err.reason == Reason.INVALID_REQUEST and err.details["field"] == "to"
        else:
            raise AssertionError("accepted")


def test_cli_json_and_csv(tmp_path):
    from terminal.entry.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, run

    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(roi_catalog(), ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.db"

    def cli(*args):
        out = io.StringIO()
        return run([str(a) for a in args], out=out), out.getvalue()

    assert cli("--db", db, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    code, out = cli("--db", db, "--json", "settle", "--amount", "600", "--coupon", "C-100OFF-1", "--cashier", "C01",
                    "--pin", "1234", "--at", "2026-11-20T12:00+08:00", "--checkout-id", "k1")
    assert code == EXIT_OK, out
    code, out = cli("--db", db, "--json", "campaign-report", "--from", "2026-11-19", "--at", "2026-11-20T18:00+08:00",
                    "--csv", tmp_path / "c.csv")
    assert code == EXIT_OK, out
    data = json.loads(out)
    assert data["last_day"] == "2026-11-20"
    [line] = [c for c in data["campaigns"] if c["campaign_id"] == "T-100OFF"]
    assert (line["issued"], line["redeemed"], line["discount"], line["revenue"], line["name"]) == (3, 1, 100, 500, "100 off over 500")
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert cli("--db", db, "campaign-report", "--from", "2026-11-21", "--to", "2026-11-20")[0] == EXIT_REFUSED
    assert cli("--db", db, "campaign-report", "--from", "20/11")[0] == EXIT_USAGE


# ---- automatic promotions: rows of kind "promotion" from the promotion ledger ------------------------------------
PROMOS = [
    {"id": "cro-b2g1", "name": "Croissant buy 2 get 1", "kind": "buy_x_get_y", "products": ["CROISSANT"], "buy": 2, "get": 1,
     "brands": ["A"]},
    {"id": "gold-coffee", "name": "Gold 5% off coffee", "kind": "percent_off", "categories": ["coffee"], "tiers": ["gold"],
     "percent": 5},
]


def promo_catalog():
    cat = roi_catalog()
    cat["promotions"] = PROMOS
    return cat


def promo_sales(svc):
    """s1: 3 croissants + 2 lattes, gold M2 (60 + 12 off, pays 348); s2: 3 croissants, no member (60 off, 120);
    s3: 2 lattes, M1 normal (no promotion, 240); s4: 6 croissants of M1 (120 off), voided."""
    cro, lat = (lambda n: LineRequest("CROISSANT", n)), (lambda n: LineRequest("LATTE", n))
    svc.settle(req("s1", [cro(3), lat(2)], M2), cashier_id="C01", at=AT)
    svc.settle(req("s2", [cro(3)]), cashier_id="C01", at=AT)
    svc.settle(req("s3", [lat(2)], M1), cashier_id="C01", at=AT)
    svc.settle(req("s4", [cro(6)], M1), cashier_id="C01", at=AT)
    svc.void("s4", manager_id="MGR1", pin="9999", reason="test", at=AT + timedelta(minutes=5))


def test_promotion_rows_exact_figures_equal_the_promotion_ledger(make_service):
    svc = make_service(catalog=promo_catalog())
    promo_sales(svc)
    rep = campaign_report(svc.replica, store_id="A-001", first_day=date(2026, 11, 20), last_day=date(2026, 11, 20))
    lines = {(ln.kind, ln.campaign_id): ln for ln in rep.lines if ln.kind == "promotion"}
    assert set(lines) == {("promotion", "cro-b2g1"), ("promotion", "gold-coffee")}
    assert [ln.kind for ln in rep.lines] == ["coupon_template", "promotion", "promotion"]  # T-100OFF: C-100OFF-3 issued that day
    cro, gold = lines[("promotion", "cro-b2g1")], lines[("promotion", "gold-coffee")]
    # applied in s1 and s2 (s4 voided): 60 + 60 off; baskets 348 + 120; without it: s3 (240)
    assert (cro.issued, cro.redeemed, cro.redemption_rate_percent, cro.discount, cro.baskets, cro.revenue) == (0, 2, None, 120, 2, 468)
    assert (cro.avg_basket_with, cro.avg_basket_without, cro.first_time_members) == (234, 240, 1)  # M2; s2 had no member
    assert (gold.redeemed, gold.discount, gold.baskets, gold.revenue, gold.avg_basket_with, gold.avg_basket_without,
            gold.first_time_members) == (1, 12, 1, 348, 348, 180, 1)
    # independent sums over the terminal's ledgers: apply rows of sales not voided
    c = svc.replica.conn
    for (kind, pid), ln in lines.items():
        n, disc, revenue = c.execute(
            """SELECT COUNT(*), SUM(pl.discount), SUM(s.total) FROM promotion_ledger pl JOIN settlements s USING (checkout_id)
               WHERE pl.promotion_id = ? AND pl.kind = 'apply' AND checkout_id NOT IN (SELECT checkout_id FROM voids)""",
            (pid,)).fetchone()
        assert (ln.redeemed, ln.discount, ln.revenue) == (n, disc, revenue)
    assert rep.to_dict()["campaigns"][1]["name"] == "Croissant buy 2 get 1"
    rows = list(csv.reader(io.StringIO(campaign_csv(rep).decode("utf-8-sig"))))
    assert rows[6] == ["promotion", "cro-b2g1", "Croissant buy 2 get 1", "0", "2", "", "120", "2", "468", "234", "240", "1"]
