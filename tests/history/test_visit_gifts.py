"""Visit gifts (來店禮, issue 16 section 3): the member's spend in the campaign period shown with
progress, the claim recorded once, refused with the precise reason and figures; voids and returns
take spend off; a void of the claim reverses it. Terminal only (the server: tests/sync/test_visit_gifts.py)."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone

import pytest

from terminal.domain.models import Member, Store
from terminal.domain.reasons import DomainError, Reason
from terminal.domain.visit_gift import GiftProgress, VisitGift, check_visit_gift, gift_code, spend_delta
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from tests.conftest import card, catalog_dict, tpe

M1, M2 = card("290000000001"), card("290000000002")  # M1 normal, M2 gold
AT = tpe(2026, 11, 20, 12)
GIFTS = [
    {"id": "NOV3000", "name": "Spend 3,000 in November: a free latte", "starts_at": "2026-11-01T00:00:00+08:00",
     "ends_at": "2026-12-01T00:00:00+08:00", "claim_until": "2026-12-08T00:00:00+08:00", "threshold": 3000, "brands": ["A"],
     "template": "T-FREELATTE", "voucher_valid_days": 14},
    {"id": "GOLD1000", "name": "Gold: spend 1,000, get 200 points", "starts_at": "2026-11-01T00:00:00+08:00",
     "ends_at": "2026-12-01T00:00:00+08:00", "threshold": 1000, "tiers": ["gold"], "point_type": "bonus", "points": 200},
]


def gift_catalog():
    cat = catalog_dict()
    cat["visit_gifts"] = GIFTS
    return cat


def sale(svc, cid, amount, member=M1, at=AT):
    return svc.settle(CheckoutRequest(cid, (LineRequest(amount=amount, name="Amount"),), member_code=member), cashier_id="C01",
                      at=at)


def test_spend_delta_counts_the_period_and_scope_only():
    g = VisitGift("G", "G", datetime(2026, 11, 1, tzinfo=timezone.utc), datetime(2026, 12, 1, tzinfo=timezone.utc), 3000,
                  brands=frozenset({"A"}))
    a, b = Store("A-001", "A", "A", "Asia/Taipei"), Store("B-001", "B", "B", "Asia/Taipei")
    nov = datetime(2026, 11, 5, tzinfo=timezone.utc)
    assert spend_delta((g,), a, nov, 1500) == {"G": 1500}
    assert spend_delta((g,), a, nov, -1500) == {"G": -1500}  # a void
    assert spend_delta((g,), b, nov, 1500) == {}  # another brand's store
    assert spend_delta((g,), a, datetime(2026, 12, 1, tzinfo=timezone.utc), 1500) == {}  # ends_at is exclusive
    assert spend_delta((g,), a, datetime(2026, 10, 31, 23, tzinfo=timezone.utc), 1500) == {}


@pytest.mark.parametrize("at,member,progress,reason", [
    (datetime(2026, 10, 31, tzinfo=timezone.utc), "M", (3000, None), Reason.VISIT_GIFT_NOT_ACTIVE),
    (datetime(2026, 12, 8, tzinfo=timezone.utc), "M", (3000, None), Reason.VISIT_GIFT_NOT_ACTIVE),
    (datetime(2026, 11, 5, tzinfo=timezone.utc), None, (3000, None), Reason.MEMBER_REQUIRED),
    (datetime(2026, 11, 5, tzinfo=timezone.utc), "silver", (3000, None), Reason.WRONG_TIER),
    (datetime(2026, 11, 5, tzinfo=timezone.utc), "M", (3000, datetime(2026, 11, 2, tzinfo=timezone.utc)),
     Reason.VISIT_GIFT_ALREADY_CLAIMED),
    (datetime(2026, 11, 5, tzinfo=timezone.utc), "M", (2999, None), Reason.VISIT_GIFT_THRESHOLD_NOT_MET),
    (datetime(2026, 12, 3, tzinfo=timezone.utc), "M", (3000, None), None),  # after the period, within claim_until
])
def test_check_visit_gift_table(at, member, progress, reason):
    g = VisitGift("G", "G", datetime(2026, 11, 1, tzinfo=timezone.utc), datetime(2026, 12, 1, tzinfo=timezone.utc), 3000,
                  claim_until=datetime(2026, 12, 8, tzinfo=timezone.utc), tiers=frozenset({"gold", "normal"}))
    m = None if member is None else Member("M1", "王小明", "silver" if member == "silver" else "normal")
    store = Store("A-001", "A", "A", "Asia/Taipei")
    try:
        check_visit_gift(g, store=store, member=m, at=at, progress=GiftProgress(g, *progress))
    except DomainError as err:
        assert err.reason == reason
        if reason == Reason.VISIT_GIFT_THRESHOLD_NOT_MET:
            assert (err.details["spent"], err.details["threshold"], err.details["short"]) == (2999, 3000, 1)
    else:
        assert reason is None


def test_progress_claim_once_and_void(make_service):
    svc = make_service(catalog=gift_catalog())
    sale(svc, "s1", 1500)
    sale(svc, "s2", 900)
    sale(svc, "s3", 800)
    svc.void("s3", manager_id="MGR1", pin="9999", reason="test", at=AT + timedelta(minutes=1))  # voided: not counted
    sale(svc, "old", 5000, at=tpe(2026, 10, 31, 12))  # before the period
    [g] = svc.visit_gifts("M1", AT)  # GOLD1000 is not listed: M1 is not a gold member
    assert (g["gift_id"], g["spent"], g["threshold"], g["short"], g["eligible"], g["reason"]) == (
        "NOV3000", 2400, 3000, 600, False, "visit_gift_threshold_not_met")
    assert g["progress"] == "Spend 3,000 in November: a free latte: spent 2,400 of 3,000 (600 short)"
    with pytest.raises(DomainError) as err:
        svc.claim_visit_gift("NOV3000", member_id="M1", cashier_id="C01", at=AT)
    assert err.value.reason == Reason.VISIT_GIFT_THRESHOLD_NOT_MET
    assert (err.value.details["spent"], err.value.details["short"]) == (2400, 600)
    assert "spent 2,400 of 3,000" in err.value.message
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM settlements WHERE kind = 'visit_gift'").fetchone()[0] == 0
    sale(svc, "s4", 700)
    r = svc.claim_visit_gift("NOV3000", member_id="M1", cashier_id="C01", claim_id="vg1", at=AT)
    assert (r["spent"], r["threshold"], r["voucher"]["code"]) == (3100, 3000, gift_code(r["event_id"]))
    assert r["voucher"]["valid_until"].startswith("2026-12-04")
    assert svc.replica.coupon(r["voucher"]["code"]).member_id == "M1"  # usable here at once
    assert svc.claim_visit_gift("NOV3000", member_id="M1", cashier_id="C01", claim_id="vg1", at=AT)["replayed"]
    with pytest.raises(DomainError) as err:
        svc.claim_visit_gift("NOV3000", member_id="M1", cashier_id="C01", at=AT + timedelta(hours=1))
    assert err.value.reason == Reason.VISIT_GIFT_ALREADY_CLAIMED
    [g] = svc.visit_gifts("M1", AT)
    assert datetime.fromisoformat(g["claimed_at"]) == AT and g["progress"].endswith("claimed 2026-11-20")
    # the claim is no purchase (first-purchase rule) and no basket (reports)
    from terminal.storage.member_history import purchase_history
    assert purchase_history(svc.replica.conn, "M1").purchases == 4
    svc.void("vg1", manager_id="MGR1", pin="9999", reason="wrong member", at=AT + timedelta(minutes=5))
    assert svc.replica.coupon(r["voucher"]["code"]).status == "voided"
    assert svc.visit_gifts("M1", AT)[0]["eligible"]  # claimable again
    r2 = svc.claim_visit_gift("NOV3000", member_id="M1", cashier_id="C01", at=AT + timedelta(minutes=6))
    assert r2["voucher"]["code"] != r["voucher"]["code"]


def test_a_points_gift_for_gold_members(make_service):
    svc = make_service(catalog=gift_catalog())
    sale(svc, "g1", 1000, member=M2)
    gifts = {g["gift_id"]: g for g in svc.visit_gifts("M2", AT)}
    assert gifts["GOLD1000"]["eligible"] and gifts["NOV3000"]["short"] == 2000
    r = svc.claim_visit_gift("GOLD1000", member_id="M2", cashier_id="C01", at=AT)
    assert r["points"]["points"] == 200 and r["points"]["lot_id"] == f"visit/{r['event_id']}"
    assert svc.member_view(svc.replica.member("M2"), AT).balances["bonus"] == 200 + 20  # the gift + 1 per 50 at brand A
    with pytest.raises(DomainError) as err:
        svc.claim_visit_gift("GOLD1000", member_id="M1", cashier_id="C01", at=AT)
    assert err.value.reason == Reason.WRONG_TIER


def test_cli_scan_shows_progress_and_claims(tmp_path):
    from terminal.entry.cli import EXIT_OK, EXIT_REFUSED, run

    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(gift_catalog(), ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.db"

    def cli(*args):
        out = io.StringIO()
        return run([str(a) for a in args], out=out), out.getvalue()

    assert cli("--db", db, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    for cid, amount in (("k1", 1500), ("k2", 900)):
        assert cli("--db", db, "settle", "--member", M1, "--amount", amount, "--cashier", "C01", "--pin", "1234",
                   "--at", "2026-11-20T12:00+08:00", "--checkout-id", cid)[0] == EXIT_OK
    code, out = cli("--db", db, "scan", M1, "--at", "2026-11-20T12:00+08:00")
    assert code == EXIT_OK
    assert "visit gift NOV3000 Spend 3,000 in November: a free latte: spent 2,400 of 3,000 (600 short) " \
           "[visit_gift_threshold_not_met]" in out
    code, out = cli("--db", db, "claim-visit-gift", M1, "NOV3000", "--cashier", "C01", "--pin", "1234",
                    "--at", "2026-11-20T12:05+08:00")
    assert code == EXIT_REFUSED
    assert cli("--db", db, "settle", "--member", M1, "--amount", 600, "--cashier", "C01", "--pin", "1234",
               "--at", "2026-11-20T12:10+08:00", "--checkout-id", "k3")[0] == EXIT_OK
    code, out = cli("--db", db, "claim-visit-gift", M1, "NOV3000", "--cashier", "C01", "--pin", "1234",
                    "--at", "2026-11-20T12:12+08:00")
    assert code == EXIT_REFUSED and "offline_allowance_exceeded" in out  # no grant: held to zero, as for a giveaway claim
    from tests.member_value.test_cli import grant

    grant(db, giveaway_claims=1)
    code, out = cli("--db", db, "--json", "claim-visit-gift", M1, "NOV3000", "--cashier", "C01", "--pin", "1234",
                    "--at", "2026-11-20T12:15+08:00", "--claim-id", "c1")
    assert code == EXIT_OK, out
    r = json.loads(out)
    assert (r["spent"], r["threshold"], r["voucher"]["template_id"]) == (3000, 3000, "T-FREELATTE")
    code, out = cli("--db", db, "--json", "balance", M1, "--at", "2026-11-20T12:20+08:00")
    assert datetime.fromisoformat(json.loads(out)["visit_gifts"][0]["claimed_at"]) == tpe(2026, 11, 20, 12, 15), out
    code, out = cli("--db", db, "claim-visit-gift", M1, "NOV3000", "--cashier", "C01", "--pin", "1234",
                    "--at", "2026-11-20T12:25+08:00")
    assert code == EXIT_REFUSED and "visit_gift_already_claimed" in out
