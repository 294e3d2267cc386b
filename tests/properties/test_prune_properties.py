"""Pruning never changes what the counter shows (terminal/storage/prune.py), over random histories.

A random replica history on a real temporary SQLite file: lots of every shape (debts, empty, expired
long ago or lately, live) and coupons (used up, voided, expired, live, signed of a template that accepts
unreplicated coupons, issued long ago or lately, bundles with children), random local sales at this
counter using some of them (unsynced, so in the overlay; some acknowledged and reflected), one voided.
Then: balances, expiring points, usable held coupons, every lot that counts, the day report and the
ledgers are the same after pruning; every coupon that went is refused when scanned; a second run prunes
nothing; the dry run predicted the counts exactly.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import parse_catalog
from terminal.domain.reasons import DomainError
from terminal.usecases.reports import daily_report
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from terminal.storage.db import transaction
from terminal.storage.prune import RetentionPolicy, prune_replica
from tests.conftest import BASE_CATALOG, FixedClock, card

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
POLICY = RetentionPolicy(days=90, batch_rows=7, scan_rows=23, pause_s=0)
DAYS = st.integers(min_value=-800, max_value=400)  # offsets from AT, in days


def _t(days: int | None) -> str | None:
    return None if days is None else (AT + timedelta(days=days)).isoformat()


lot = st.tuples(st.sampled_from(["M1", "M2", "M3"]), st.sampled_from(["bonus", "diamond"]),
                st.sampled_from([-30, 0, 0, 20, 60]), st.integers(-800, 0), st.one_of(st.none(), DAYS))
coupon = st.tuples(st.sampled_from(["T-100OFF", "T-FREELATTE", "T-SIGNED", "T-10PCT"]),
                   st.sampled_from([None, "M1", "M2"]), st.integers(1, 3), st.integers(0, 3),
                   st.sampled_from(["active", "active", "voided"]), st.one_of(st.none(), DAYS),
                   st.one_of(st.none(), st.integers(-800, 0)), st.integers(0, 2))


def build(path: Path, lots, coupons, sales):
    cat = parse_catalog(json.dumps(BASE_CATALOG))
    replica = init_replica(path, cat, store_id="A-001", terminal_id="T1")
    svc = RedemptionService(replica, store_id="A-001", terminal_id="T1", clock=FixedClock(AT))
    conn = replica.conn
    with transaction(replica.db):
        conn.executemany("INSERT INTO point_lots(lot_id, member_id, point_type, points, earned_at, expires_at) VALUES (?,?,?,?,?,?)",
                         [(f"L{i}", m, pt, p, _t(e), _t(x)) for i, (m, pt, p, e, x) in enumerate(lots)])
        rows = []
        for i, (tpl, member, total, used, status, until, issued, kids) in enumerate(coupons):
            member = member if tpl == "T-FREELATTE" else None
            if tpl == "T-FREELATTE" and member is None:
                member = "M1"
            rows.append((f"K{i}", tpl if not kids else "T-BUNDLE", member or ("M1" if kids else None), total, min(used, total),
                         status, _t(until), _t(issued), None))
            for j in range(kids):
                rows.append((f"K{i}-{j}", "T-FREELATTE", member or "M1", 1, used % 2, status if j else "active", None,
                             _t(issued), f"K{i}"))
        conn.executemany("""INSERT INTO coupon_instances(code, template_id, member_id, total_uses, used_uses, status, valid_until,
                            issued_at, parent_code) VALUES (?,?,?,?,?,?,?,?,?)""", rows)
    done = []
    for k, (member, coupon_index, points, acked) in enumerate(sales):
        codes = [f"K{coupon_index}"] if coupon_index is not None and coupon_index < len(coupons) else []
        req = CheckoutRequest(f"s{k}", (LineRequest(sku="LATTE"), LineRequest(amount=600, name="Amount")),
                              member_code=card(member) if member else None, coupons=tuple(CouponRequest(c) for c in codes),
                              points={"bonus": points} if points and member else {})
        try:
            svc.settle(req, cashier_id="C01", at=AT - timedelta(minutes=5 - k))
        except DomainError:
            continue
        done.append((f"s{k}", acked))
    with transaction(replica.db):  # some sales were synced long ago: acknowledged and reflected
        for checkout_id, acked in done:
            if acked:
                conn.execute("""UPDATE outbox SET state = 'acked', reflected = 1, created_at = ?
                                WHERE event_id = (SELECT event_id FROM settlements WHERE checkout_id = ?)""",
                             (_t(-400), checkout_id))
    if done:
        svc.void(done[-1][0], manager_id="MGR1", pin="9999", reason="property", at=AT)
    return svc


def counter_view(svc):
    out = {}
    for mid in ("M1", "M2", "M3"):
        mv = svc.member_view(svc.replica.member(mid), AT)
        out[mid] = (mv.balances, mv.expiring_soon, [asdict(c) for c in mv.coupons if c.usable],
                    sorted((x.lot_id, x.points) for x in svc.replica.lots(mid) if x.usable_at(AT) or x.points < 0))
    out["report"] = json.dumps(asdict(daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 20))), default=str)
    out["ledgers"] = (svc.replica.conn.execute("SELECT * FROM point_ledger ORDER BY id").fetchall(),
                      svc.replica.conn.execute("SELECT * FROM coupon_ledger ORDER BY id").fetchall())
    return out


def scan_usable(svc, code: str, member_id: str | None) -> bool:
    """Scanned with its member, if it has one (scanned alone, a member's coupon says "valid for its member")."""
    try:
        return svc.scan(code, at=AT, member_id=member_id).coupon.usable
    except DomainError:
        return False


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lots=st.lists(lot, max_size=25), coupons=st.lists(coupon, max_size=14),
       sales=st.lists(st.tuples(st.sampled_from([None, "290000000001", "290000000002"]),
                                st.one_of(st.none(), st.integers(0, 14)), st.sampled_from([0, 20, 40]), st.booleans()),
                      max_size=5))
def test_pruning_random_histories_changes_nothing_the_counter_shows(lots, coupons, sales):
    with tempfile.TemporaryDirectory() as tmp:
        svc = build(Path(tmp) / "replica.db", lots, coupons, sales)
        try:
            before = counter_view(svc)
            codes = dict(svc.replica.conn.execute("SELECT code, member_id FROM coupon_instances"))
            usable_before = {code: scan_usable(svc, code, member) for code, member in codes.items()}
            dry = prune_replica(svc.replica.db, POLICY, now=AT, dry_run=True)
            rep = prune_replica(svc.replica.db, POLICY, now=AT)
            assert rep.pruned == dry.pruned
            assert counter_view(svc) == before
            left = {r[0] for r in svc.replica.conn.execute("SELECT code FROM coupon_instances")}
            for code, member in codes.items():  # a pruned coupon was not usable and is refused now
                if code not in left:
                    assert not usable_before[code]
                    assert not scan_usable(svc, code, member)
            assert prune_replica(svc.replica.db, POLICY, now=AT).total == 0
        finally:
            svc.replica.conn.close()
