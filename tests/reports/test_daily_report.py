"""A generated day of settlements (with voids and a refused coupon) against independent sums."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from datetime import date, timedelta

from terminal.usecases.reports import daily_report, report_csv
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from tests.conftest import card, catalog_dict, tpe

M = [card("290000000001"), card("290000000002"), card("290000000003")]


def _chain():
    cat = catalog_dict()
    # plenty of bearer coupons and a cashier #2 so the day has variety
    for i in range(40):
        cat["coupons"].append({"code": f"OFF-{i}", "template": "T-100OFF"})
        cat["coupons"].append({"code": f"PCT-{i}", "template": "T-10PCT"})
    cat["coupons"].append({"code": "SV-M2", "template": "T-10COFFEE", "member": "M2"})
    cat["staff"].append({**cat["staff"][0], "id": "C02", "name": "收銀員 陳"})
    return cat


def test_generated_day_matches_independent_sums(make_service):
    svc = make_service("A-001", catalog=_chain())
    rng = random.Random(7)
    receipts = {}
    voided = []
    next_off = iter(range(40))
    next_pct = iter(range(40))
    for i in range(120):
        at = tpe(2026, 11, 5, 8) + timedelta(minutes=6 * i)  # 08:00 .. 19:54 local
        lines = [LineRequest(rng.choice(["LATTE", "AMERICANO", "CROISSANT", "TISSUE"]), rng.randint(1, 3)) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.4:
            lines.append(LineRequest(amount=rng.randint(100, 700), name="Misc"))
        member = rng.choice([None, *M])
        coupons = []
        r = rng.random()
        if r < 0.2:
            coupons.append(CouponRequest(f"OFF-{next(next_off)}"))
        elif r < 0.35:
            coupons.append(CouponRequest(f"PCT-{next(next_pct)}"))
        elif r < 0.45 and member == M[1]:
            coupons.append(CouponRequest("SV-M2", 1))
        req = CheckoutRequest(f"CK-{i}", tuple(lines), member_code=member, coupons=tuple(coupons))
        preview = svc.preview(req, at=at)
        if not preview.ok:  # the cashier removes refused coupons, as the counter does
            req = CheckoutRequest(f"CK-{i}", tuple(lines), member_code=member)
        cashier = "C01" if i % 3 else "C02"
        receipts[f"CK-{i}"] = (svc.settle(req, cashier_id=cashier, at=at), cashier, at)
        if rng.random() < 0.08:
            svc.void(f"CK-{i}", manager_id="MGR1", pin="9999", reason=f"返品 {i}", at=at + timedelta(minutes=2))
            voided.append(f"CK-{i}")
    # a settlement on the next local day must not count
    svc.settle(CheckoutRequest("NEXT", (LineRequest(amount=999),)), cashier_id="C01", at=tpe(2026, 11, 6, 0, 0))

    rep = daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 5))
    rs = [r for r, _, _ in receipts.values()]
    assert rep.settlements == 120
    assert rep.gross == sum(r["gross"] for r in rs)
    assert rep.coupon_discount == sum(r["coupon_discount"] for r in rs)
    assert rep.points_discount == 0
    assert rep.total == sum(r["total"] for r in rs)
    assert rep.net_total == rep.total - sum(receipts[c][0]["total"] for c in voided)
    assert [v.checkout_id for v in rep.voids] == voided and all(v.reason.startswith("返品") for v in rep.voids)
    earned = sum(r["points_earned"].get("bonus", 0) for r in rs)
    earned_voided = sum(receipts[c][0]["points_earned"].get("bonus", 0) for c in voided)
    bonus = {p.point_type: p for p in rep.points}.get("bonus")
    assert bonus is not None and bonus.earned == earned and bonus.earned_reversed == earned_voided
    tpl_disc = {t.template_id: t.discount for t in rep.templates}
    exp_disc = Counter()
    for cid, (r, _, _) in receipts.items():
        row = svc.replica.conn.execute("SELECT template_id, discount FROM coupon_ledger WHERE checkout_id = ? AND kind='redeem'", (cid,)).fetchall()
        for t, d in row:
            exp_disc[t] += d
    assert tpl_disc == dict(exp_disc)
    assert sum(t.discount for t in rep.templates) == rep.coupon_discount
    per_cashier = Counter()
    for r, cashier, _ in receipts.values():
        per_cashier[cashier] += r["total"]
    assert {c.cashier_id: c.total for c in rep.cashiers} == dict(per_cashier)
    assert {c.cashier_id: c.name for c in rep.cashiers}["C02"] == "收銀員 陳"
    per_hour = Counter()
    for r, _, at in receipts.values():
        per_hour[at.hour] += 1
    assert {h.hour: h.settlements for h in rep.hours} == dict(per_hour)
    assert len(rep.overrides) == len(voided)
    assert rep.pending_events == 120 + len(voided) + 1


def test_csv_export_has_bom_and_chinese_intact(make_service):
    svc = make_service("A-001", catalog=_chain())
    at = tpe(2026, 11, 5, 12)
    svc.settle(CheckoutRequest("A", (LineRequest("LATTE", 2),), member_code=M[0], coupons=(CouponRequest(card("980000000001"), 2),)),
               cashier_id="C02", at=at)
    svc.void("A", manager_id="MGR1", pin="9999", reason="客人退貨", at=at)
    data = report_csv(daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 5)))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert ["cashiers", "C02", "收銀員 陳", "1", "240", "240", "0"] in rows
    assert any(r[:2] == ["voids", "A"] and "客人退貨" in r for r in rows)
    assert ["summary", "stored voucher uses", "0"] in rows  # 2 used, 2 voided the same day
    coupon_row = next(r for r in rows if r[:2] == ["coupons", "T-10COFFEE"])
    assert coupon_row[5:] == ["1", "2", "240", "2", "240"]
