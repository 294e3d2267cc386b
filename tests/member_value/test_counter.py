"""At the counter, without a server: exchange, claims, voids, refusals; one transaction each."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from terminal.domain.exchange import issued_code
from terminal.domain.reasons import CheckoutError, Reason
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest

from tests.conftest import FixedClock, card, tpe
from tests.member_value.catalog import value_catalog

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)  # 12:00 in Taipei


@pytest.fixture
def svc(make_service):
    return make_service(catalog=value_catalog(3))


def bonus(svc, member="M1", at=AT) -> int:
    return svc.member_view(svc.replica.member(member), at).balances["bonus"]


def counts(svc) -> tuple:
    c = svc.replica.conn
    return tuple(c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("outbox", "settlements", "point_ledger",
                                                                                 "claim_ledger", "coupon_instances"))


def test_exchange_spends_points_and_the_voucher_is_usable_at_once(svc):
    assert bonus(svc) == 130
    r = svc.exchange("X-LATTE", member_id="M1", cashier_id="C01", exchange_id="EXC-1")
    code = r["voucher"]["code"]
    assert code == issued_code(r["event_id"]) and r["points_spent"] == 100
    assert r["burns"] == [{"lot_id": "M1-L2", "points": 30}, {"lot_id": "M1-L1", "points": 70}]
    assert r["voucher"]["valid_until"] == "2026-12-20T04:00:00+00:00"
    assert bonus(svc) == 30
    ev = svc.replica.outbox_events()[-1]
    assert ev["type"] == "exchange" and ev["payload"]["coupon"]["code"] == code and ev["payload"]["points"] == 100
    # the same exchange id again: the first receipt, nothing more written
    before = counts(svc)
    assert svc.exchange("X-LATTE", member_id="M1", cashier_id="C01", exchange_id="EXC-1")["replayed"] is True
    assert counts(svc) == before
    with pytest.raises(CheckoutError) as exc:
        svc.exchange("X-LATTE", member_id="M2", cashier_id="C01", exchange_id="EXC-1")
    assert exc.value.reason is Reason.CHECKOUT_ID_REUSED
    # usable now: a free latte (120) on the next sale, for M1 only
    scan = svc.scan(code, member_id="M1")
    assert scan.coupon.usable
    assert svc.scan(code, member_id="M2").coupon.reason == "wrong_member"
    receipt = svc.settle(CheckoutRequest("S-1", (LineRequest(sku="LATTE"),), member_code=card("290000000001"), coupons=(CouponRequest(code),)),
                         cashier_id="C01")
    assert receipt["total"] == 0 and receipt["coupon_discount"] == 120
    # a used voucher: the exchange cannot be voided before the sale that used it
    with pytest.raises(CheckoutError) as exc:
        svc.void("EXC-1", manager_id="MGR1", pin="9999", reason="customer changed mind")
    assert exc.value.reason is Reason.USED_UP
    svc.void("S-1", manager_id="MGR1", pin="9999", reason="wrong item")
    res = svc.void("EXC-1", manager_id="MGR1", pin="9999", reason="customer changed mind")
    assert res["voided_voucher"] == code
    assert sorted(p["delta"] for p in res["points"]) == [30, 70]
    assert bonus(svc) == 130  # the points came back
    assert svc.scan(code, member_id="M1").coupon.reason == "voided"


def test_exchange_refusals_write_nothing(svc):
    before = counts(svc)
    for offer, member, why in (("X-LATTE-L", "M1", Reason.INSUFFICIENT_POINTS), ("NOPE", "M1", Reason.NOT_FOUND),
                               ("X-LATTE", "M2", Reason.INSUFFICIENT_POINTS), ("X-LATTE", "NOBODY", Reason.NOT_FOUND)):
        with pytest.raises(CheckoutError) as exc:
            svc.exchange(offer, member_id=member, cashier_id="C01")
        assert exc.value.reason is why, (offer, member)
    assert counts(svc) == before


def test_exchange_offer_scope(make_service):
    svc_b = make_service(store_id="B-001", catalog=value_catalog(), name="b.db")
    with pytest.raises(CheckoutError) as exc:
        svc_b.exchange("X-LATTE", member_id="M1", cashier_id="C01")
    assert exc.value.reason is Reason.WRONG_BRAND


def test_claims_once_a_day_at_most_three(svc):
    days = [tpe(2026, 11, 20, 9), tpe(2026, 11, 21, 9), tpe(2026, 11, 22, 9)]
    for i, at in enumerate(days):
        r = svc.claim("G-3DAYS", member_id="M2", cashier_id="C01", at=at)
        assert r["points_earned"] == 50 and r["claims_by_member"] == i + 1 and r["lot_id"] == f"claim/{r['event_id']}"
    assert bonus(svc, "M2", days[-1]) == 150
    with pytest.raises(CheckoutError) as exc:
        svc.claim("G-3DAYS", member_id="M2", cashier_id="C01", at=tpe(2026, 11, 22, 21))
    assert exc.value.reason is Reason.CLAIM_DAILY_LIMIT
    with pytest.raises(CheckoutError) as exc:  # same day rule first; the 4th claim on another day is the campaign limit
        svc.claim("G-3DAYS", member_id="M2", cashier_id="C01", at=tpe(2026, 11, 22, 23, 59))
    assert exc.value.reason is Reason.CLAIM_DAILY_LIMIT
    svc.claim("G-3DAYS", member_id="M3", cashier_id="C01", at=days[0])
    with pytest.raises(CheckoutError) as exc:
        svc.claim("G-3DAYS", member_id="M3", cashier_id="C01", at=tpe(2026, 11, 20, 23))
    assert exc.value.reason is Reason.CLAIM_DAILY_LIMIT
    with pytest.raises(CheckoutError) as exc:
        svc.claim("G-3DAYS", member_id="M3", cashier_id="C01", at=tpe(2026, 11, 23, 0, 0))
    assert exc.value.reason is Reason.CAMPAIGN_NOT_ACTIVE


def test_fourth_claim_refused_by_campaign_limit(make_service):
    cat = value_catalog()
    cat["giveaway_campaigns"][0]["per_member_per_day"] = 3  # three claims on one day, then the 4th
    svc = make_service(catalog=cat)
    for h in (9, 10, 11):
        svc.claim("G-3DAYS", member_id="M2", cashier_id="C01", at=tpe(2026, 11, 20, h))
    with pytest.raises(CheckoutError) as exc:
        svc.claim("G-3DAYS", member_id="M2", cashier_id="C01", at=tpe(2026, 11, 21, 9))
    assert exc.value.reason is Reason.CLAIM_CAMPAIGN_LIMIT and exc.value.details["claims"] == 3


def test_the_cap_and_a_voided_claim(svc):
    for i in range(4):  # G-SMALL: 200 points, 50 a claim
        svc.claim("G-SMALL", member_id=f"G{i:03d}" if i < 3 else "M1", cashier_id="C01", claim_id=f"CL-{i}")
    with pytest.raises(CheckoutError) as exc:
        svc.claim("G-SMALL", member_id="M2", cashier_id="C01")
    assert exc.value.reason is Reason.CAMPAIGN_CAP_REACHED and exc.value.details["claimed"] == 200
    res = svc.void("CL-3", manager_id="MGR1", pin="9999", reason="claimed by mistake")
    assert res["claims_voided"] == [{"campaign_id": "G-SMALL", "points": 50}]
    assert bonus(svc) == 130
    assert svc.claim("G-SMALL", member_id="M2", cashier_id="C01")["campaign_left_points"] == 0


def test_offline_claims_bounded_by_the_grant(make_service):
    from sync.allowances import OfflineAllowances

    svc = make_service(catalog=value_catalog(5))
    svc.allowances = OfflineAllowances()
    with pytest.raises(CheckoutError) as exc:  # no grant: held to zero
        svc.claim("G-3DAYS", member_id="M2", cashier_id="C01")
    assert exc.value.reason is Reason.OFFLINE_ALLOWANCE_EXCEEDED
    svc.replica.conn.execute("INSERT INTO sync_allowances(id, body, granted_at, valid_until) VALUES (1, ?, ?, ?)",
                             (json.dumps({"stored_voucher_uses": 2, "points_per_member": 100, "unreplicated_coupon_max_age_hours": 72,
                                          "giveaway_claims": 2}), AT.isoformat(), "2026-11-23T00:00:00+00:00"))
    svc.claim("G-3DAYS", member_id="G000", cashier_id="C01")
    svc.claim("G-3DAYS", member_id="G001", cashier_id="C01")
    with pytest.raises(CheckoutError) as exc:
        svc.claim("G-3DAYS", member_id="G002", cashier_id="C01")
    assert exc.value.reason is Reason.OFFLINE_ALLOWANCE_EXCEEDED and exc.value.details["unsynced"] == 2
    svc.exchange("X-LATTE", member_id="M1", cashier_id="C01")  # 100 points within points_per_member 100
    svc.clock = FixedClock(AT)
    with pytest.raises(CheckoutError) as exc:
        svc.exchange("X-LATTE", member_id="M1", cashier_id="C01")
    assert exc.value.reason in (Reason.OFFLINE_ALLOWANCE_EXCEEDED, Reason.INSUFFICIENT_POINTS)


def test_daily_report_rows(svc):
    from datetime import date

    from terminal.usecases.reports import daily_report, report_csv

    svc.settle(CheckoutRequest("S-1", (LineRequest(sku="LATTE"),), member_code=card("290000000001")), cashier_id="C01")
    svc.exchange("X-LATTE", member_id="M1", cashier_id="C01", exchange_id="EXC-1")
    svc.claim("G-3DAYS", member_id="M2", cashier_id="C01", claim_id="CL-1")
    svc.claim("G-3DAYS", member_id="M3", cashier_id="C01", claim_id="CL-2")
    svc.void("CL-2", manager_id="MGR1", pin="9999", reason="mistake")
    rep = daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 20))
    assert rep.settlements == 1 and rep.total == 120  # exchanges and claims are not sales
    assert rep.extras["member_value"] == {"exchanges": [{"offer_id": "X-LATTE", "exchanges": 1, "points": 100}], "exchange_voids": 0,
                                          "claims": [{"campaign_id": "G-3DAYS", "claims": 2, "voided": 1, "points": 50}],
                                          "transfers": 0}
    text = report_csv(rep).decode("utf-8-sig")
    assert "member value,exchange,X-LATTE,1,100" in text and "member value,giveaway claims,G-3DAYS,1,50" in text


def test_the_chains_201st_claim_at_the_counter(make_service):
    """The issue's campaign: 10,000 points, 50 a claim: 200 members claim, the 201st is refused."""
    svc = make_service(catalog=value_catalog(201))
    for i in range(200):
        r = svc.claim("G-3DAYS", member_id=f"G{i:03d}", cashier_id="C01", claim_id=f"CL-{i}")
    assert r["campaign_left_points"] == 0
    with pytest.raises(CheckoutError) as exc:
        svc.claim("G-3DAYS", member_id="G200", cashier_id="C01")
    assert exc.value.reason is Reason.CAMPAIGN_CAP_REACHED
    assert exc.value.details == {"campaign_id": "G-3DAYS", "claimed": 10_000, "total": 10_000}
    assert svc.replica.conn.execute("SELECT SUM(points * count) FROM claim_ledger").fetchone()[0] == 10_000
