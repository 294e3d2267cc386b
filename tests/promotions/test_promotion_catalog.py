"""Catalog contradictions of promotions and shared promo codes are refused by check-catalog, naming
the field (issue 16, "Bad input"); a good promotions catalog loads into a replica."""

from __future__ import annotations

import json

import pytest

from terminal.catalog import CatalogError, parse_catalog
from tests.conftest import catalog_dict

EXCL = {"id": "wk", "name": "Store week 10%", "kind": "percent_off", "percent": 10, "combine": "exclusive", "priority": 5}
EXCL2 = {"id": "vip", "name": "VIP night 20%", "kind": "percent_off", "percent": 20, "combine": "exclusive", "priority": 5}
SHARED = {"id": "T-SUMMER", "name": "SUMMER10", "kind": "amount_off", "amount": 100, "member_bound": False,
          "shared": {"cap": 500, "budget": 40000}}


def problems(change) -> list[str]:
    cat = catalog_dict()
    change(cat)
    with pytest.raises(CatalogError) as exc:
        parse_catalog(json.dumps(cat))
    return exc.value.problems


def ok(change):
    cat = catalog_dict()
    change(cat)
    return parse_catalog(json.dumps(cat))


def test_overlapping_exclusive_promotions_with_no_order_are_refused_naming_priority():
    found = problems(lambda c: c.update(promotions=[EXCL, EXCL2]))
    assert len(found) == 1 and found[0].startswith("promotions[1].priority: exclusive promotions 'wk' and 'vip' overlap")
    # an order (different priorities), or scopes that cannot meet (two brands, disjoint windows), is fine
    assert len(ok(lambda c: c.update(promotions=[EXCL, {**EXCL2, "priority": 6}])).promotions) == 2
    assert len(ok(lambda c: c.update(promotions=[{**EXCL, "brands": ["A"]}, {**EXCL2, "brands": ["B"]}])).promotions) == 2
    assert len(ok(lambda c: c.update(promotions=[
        {**EXCL, "valid_until": "2026-12-01T00:00:00+08:00"},
        {**EXCL2, "valid_from": "2026-12-01T00:00:00+08:00"}])).promotions) == 2


def test_buy_x_get_y_whose_reward_product_does_not_exist_is_refused():
    promo = {"id": "b2g1", "name": "b2g1", "kind": "buy_x_get_y", "products": ["CROISSANT"], "buy": 2, "get": 1,
             "reward_products": ["GHOST"]}
    found = problems(lambda c: c.update(promotions=[promo]))
    assert found == ["promotions[0].reward_products[0]: unknown product 'GHOST' (the reward of a buy_x_get_y must exist)"]


@pytest.mark.parametrize("promo,where,words", [
    ({"kind": "buy_x_get_y", "buy": 0, "get": 1}, "promotions[0]", "buy"),
    ({"kind": "nth_item", "nth": 1, "percent": 50}, "promotions[0]", "nth"),
    ({"kind": "member_price", "products": ["LATTE"], "price": 100}, "promotions[0]", "tiers"),
    ({"kind": "spend_threshold", "threshold": 100, "amount": 500}, "promotions[0]", "more than"),
    ({"kind": "percent_off", "percent": 10, "tiers": ["platinum"]}, "promotions[0].tiers[0]", "platinum"),
    ({"kind": "percent_off", "percent": 10, "colour": "red"}, "promotions[0].colour", "extra"),
])
def test_malformed_promotions_name_the_field(promo, where, words):
    found = problems(lambda c: c.update(promotions=[{"id": "p", "name": "p", **promo}]))
    assert any(p.split(": ", 1)[0] == where and words.lower() in p.lower() for p in found), found


def test_a_shared_code_budget_below_one_use_is_refused():
    found = problems(lambda c: c["coupon_templates"].append({**SHARED, "shared": {"cap": 5, "budget": 99}}))
    assert any("shared.budget: 99 is below one use (100)" in p and p.startswith("coupon_templates[") for p in found), found
    found = problems(lambda c: c["coupon_templates"].append({**SHARED, "member_bound": True}))
    assert any("set member_bound false" in p for p in found), found
    found = problems(lambda c: c["coupon_templates"].append({**SHARED, "shared": {"cap": 0}}))
    assert any(".shared.cap:" in p for p in found), found


def test_a_shared_code_instance_gets_the_cap_as_its_total_uses(tmp_path):
    from terminal.provisioning.bootstrap import open_replica

    def add(c):
        c["coupon_templates"].append(SHARED)
        c["coupons"].append({"code": "SUMMER10", "template": "T-SUMMER"})
        c["promotions"] = [EXCL]
    cat = ok(add)
    replica = open_replica(tmp_path / "r.db")
    with replica.db.conn:
        replica.import_catalog(cat)
    inst = replica.coupon("SUMMER10")
    assert (inst.total_uses, inst.used_uses, inst.discount_given) == (500, 0, 0)
    assert [p.id for p in replica.catalog()["promotions"]] == ["wk"]
    assert replica.catalog()["templates"]["T-SUMMER"].shared_budget == 40000


def test_cli_preview_and_settle_json_show_promotions(tmp_path):
    """check-catalog accepts the promotions; preview and `settle --json` carry them (explanation, figures)."""
    import io

    from terminal.entry.cli import EXIT_OK, run

    cat = catalog_dict()
    cat["promotions"] = [{"id": "cro-b2g1", "name": "Croissant buy 2 get 1", "kind": "buy_x_get_y",
                          "products": ["CROISSANT"], "buy": 2, "get": 1}]
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(cat, ensure_ascii=False), encoding="utf-8")

    def cli(*args):
        out = io.StringIO()
        return run([str(a) for a in args], out=out), out.getvalue()

    assert cli("check-catalog", path)[0] == EXIT_OK
    db = tmp_path / "t.db"
    assert cli("--db", db, "init", "--catalog", path, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    code, out = cli("--db", db, "preview", "--line", "CROISSANTx3", "--at", "2026-11-05T12:00:00+08:00")
    assert code == EXIT_OK and "Croissant buy 2 get 1: -60" in out and "promotions -60" in out
    code, out = cli("--db", db, "--json", "settle", "--line", "CROISSANTx3", "--cashier", "C01", "--pin", "1234",
                    "--at", "2026-11-05T12:00:00+08:00")
    r = json.loads(out)
    assert code == EXIT_OK and r["total"] == 120 and r["promotion_discount"] == 60
    assert [(e["kind"], e["ref"], e["amount"]) for e in r["explanation"]][0] == ("promotion", "cro-b2g1", -60)


def test_settle_writes_the_promotion_ledger_void_negates_it_and_the_day_report_counts_it(make_service):
    from datetime import date

    from terminal.usecases.checkout import CheckoutRequest, LineRequest
    from terminal.usecases.reports import daily_report

    cat = catalog_dict()
    cat["promotions"] = [{"id": "cro-b2g1", "name": "Croissant buy 2 get 1", "kind": "buy_x_get_y",
                          "products": ["CROISSANT"], "buy": 2, "get": 1}]
    svc = make_service(catalog=cat)
    r = svc.settle(CheckoutRequest("k1", (LineRequest("CROISSANT", 6),)), cashier_id="C01")
    assert (r["gross"], r["promotion_discount"], r["total"]) == (360, 120, 240)
    rep = daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 20))
    assert rep.gross - rep.discount_total == rep.total == 240 and rep.promotion_discount == 120
    svc.void("k1", manager_id="MGR1", pin="9999", reason="test")
    rows = svc.replica.conn.execute("SELECT promotion_id, discount, units, kind FROM promotion_ledger ORDER BY rowid").fetchall()
    assert rows == [("cro-b2g1", 120, 2, "apply"), ("cro-b2g1", -120, -2, "void")]


# ---- campaigns over several shared promo codes ---------------------------------------------------------
def _campaign(cat, budget=250, cap=None, campaign="SUMMER", amounts=(100, 60)):
    cat["promo_campaigns"] = [{"id": "SUMMER", "name": "Summer", **({"budget": budget} if budget else {}),
                               **({"cap": cap} if cap else {})}]
    cat["coupon_templates"] += [{"id": f"T-S{i}", "name": f"S{i}", "kind": "amount_off", "amount": a, "member_bound": False,
                                 "shared": {"campaign": campaign}} for i, a in enumerate(amounts)]


def test_a_code_naming_an_unknown_campaign_is_refused():
    assert problems(lambda c: _campaign(c, campaign="SUMER")) == [
        "coupon_templates[11].shared.campaign: unknown promo campaign 'SUMER'",
        "coupon_templates[12].shared.campaign: unknown promo campaign 'SUMER'"]


def test_a_campaign_budget_below_one_use_of_its_cheapest_code_is_refused():
    assert problems(lambda c: _campaign(c, budget=59)) == [
        "promo_campaigns[0].budget: 59 is below one use of its cheapest code 'T-S1' (60); no customer could use it"]
    cat = ok(lambda c: _campaign(c, budget=60))
    assert cat.promo_campaigns[0].budget == 60 and cat.coupon_templates[-1].shared.campaign == "SUMMER"


def test_a_campaign_bounding_nothing_or_repeated_is_refused():
    found = problems(lambda c: _campaign(c, budget=None))
    assert found[0].startswith("promo_campaigns[0]: Value error, a promo campaign needs a 'budget' or a 'cap'")
    found = problems(lambda c: (_campaign(c), c["promo_campaigns"].append({"id": "SUMMER", "name": "again", "cap": 3})))
    assert found == ["promo_campaigns[1].id: duplicate 'SUMMER' (also at [0])"]


# ---- visit gifts (來店禮) ------------------------------------------------------------------------------
GIFT = {"id": "NOV", "name": "Spend 3,000", "starts_at": "2026-11-01T00:00:00+08:00", "ends_at": "2026-12-01T00:00:00+08:00",
        "threshold": 3000, "template": "T-FREELATTE"}


@pytest.mark.parametrize("change,where", [
    ({"template": "T-GHOST"}, "visit_gifts[0].template: unknown template 'T-GHOST'"),
    ({"template": "T-100OFF"}, "visit_gifts[0].template: 'T-100OFF' must be a member-bound voucher"),
    ({"tiers": ["platinum"]}, "visit_gifts[0].tiers[0]: unknown tier 'platinum'"),
    ({"stores": ["Z-9"]}, "visit_gifts[0].stores[0]: unknown store 'Z-9'"),
    ({"template": None, "point_type": "stars", "points": 5}, "visit_gifts[0].point_type: unknown point type 'stars'"),
    ({"template": None}, "visit_gifts[0]: Value error, a visit gift gives either a voucher"),
    ({"point_type": "bonus", "points": 5}, "visit_gifts[0]: Value error, a visit gift gives either a voucher"),
    ({"ends_at": "2026-11-01T00:00:00+08:00"}, "visit_gifts[0]: Value error, ends_at must be after starts_at"),
    ({"claim_until": "2026-11-15T00:00:00+08:00"}, "visit_gifts[0]: Value error, claim_until must not be before ends_at"),
    ({"threshold": 0}, "visit_gifts[0].threshold"),
])
def test_bad_visit_gifts_are_refused_naming_the_field(change, where):
    found = problems(lambda c: c.update(visit_gifts=[{**GIFT, **change}]))
    assert len(found) == 1 and found[0].startswith(where), found


def test_a_good_visit_gift_loads():
    cat = ok(lambda c: c.update(visit_gifts=[GIFT, {**GIFT, "id": "PTS", "template": None, "point_type": "bonus", "points": 200}]))
    assert [g.id for g in cat.visit_gifts] == ["NOV", "PTS"]
