"""Replica retention (terminal/storage/prune.py): old finished copies of central rows go, and nothing the
counter shows or does changes: balances, held coupons, the overlay of unsynced sales, a void inside the
window, the day report."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone

import pytest

from terminal.entry.cli import run
from terminal.domain.reasons import DomainError
from terminal.usecases.reports import daily_report
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.storage.db import transaction
from terminal.storage.prune import RetentionPolicy, prune_if_due, prune_replica, table_counts
from tests.conftest import card, signed_coupon

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
OLD = "2025-03-01T10:00:00+08:00"  # long before the cutoff (AT - 90 days = 2026-08-22)
RECENT = "2026-11-01T10:00:00+08:00"
N = 300  # rows per kind of old finished row: more than one batch of the small policy below
SMALL = RetentionPolicy(days=90, batch_rows=64, scan_rows=256, pause_s=0)


def _lots(conn, rows):
    conn.executemany("INSERT INTO point_lots(lot_id, member_id, point_type, points, earned_at, expires_at) VALUES (?,?,?,?,?,?)", rows)


def _coupons(conn, rows):
    conn.executemany("""INSERT INTO coupon_instances(code, template_id, member_id, total_uses, used_uses, status, valid_until,
                        issued_at, parent_code) VALUES (?,?,?,?,?,?,?,?,?)""", rows)


def old_history(svc) -> dict[str, int]:
    """Rows as a long-running replica pulls them: finished long ago (prunable) and ones that must stay."""
    conn = svc.replica.conn
    with transaction(svc.replica.db):
        _lots(conn, [(f"SPENT-{i}", "M2", "bonus", 0, OLD, None) for i in range(N)])  # spent long ago
        _lots(conn, [(f"EXPIRED-{i}", "M3", "bonus", 40, OLD, "2025-12-31T00:00:00+08:00") for i in range(N)])
        _lots(conn, [("KEEP-DEBT", "M2", "bonus", -25, OLD, "2025-12-31T00:00:00+08:00"),  # a debt counts even expired
                     ("KEEP-SPENT-RECENTLY-EARNED", "M2", "bonus", 0, RECENT, None),
                     ("KEEP-EXPIRED-RECENTLY", "M3", "bonus", 70, OLD, "2026-10-01T00:00:00+08:00"),
                     ("KEEP-LIVE", "M3", "diamond", 90, OLD, "2027-06-01T00:00:00+08:00")])
        _coupons(conn, [(f"USED-{i}", "T-100OFF", None, 1, 1, "active", None, OLD, None) for i in range(N)])
        _coupons(conn, [(f"VOID-{i}", "T-FREELATTE", "M2", 1, 0, "voided", None, OLD, None) for i in range(N // 3)])
        _coupons(conn, [(f"GONE-{i}", "T-FREELATTE", "M2", 1, 0, "active", "2025-06-01T00:00:00+08:00", OLD, None)
                        for i in range(N // 3)])
        _coupons(conn, [
            ("KEEP-SIGNED-RECENT", "T-SIGNED", None, 1, 1, "active", None, "2026-11-15T10:00:00+08:00", None),  # unreplicated window
            ("SIGNED-OLD", "T-SIGNED", None, 1, 1, "active", None, OLD, None),
            ("KEEP-SIGNED-NO-ISSUE", "T-SIGNED", None, 1, 1, "active", None, None, None),
            ("KEEP-LIVE-C", "T-FREELATTE", "M2", 1, 0, "active", "2027-01-01T00:00:00+08:00", OLD, None),
            ("KEEP-EXPIRED-RECENTLY-C", "T-FREELATTE", "M2", 1, 0, "active", "2026-10-01T00:00:00+08:00", OLD, None),
            # a finished bundle goes as a family; one with a live child stays whole
            ("BND-DONE", "T-BUNDLE", "M2", 1, 0, "voided", None, OLD, None),
            ("BND-DONE-a", "T-FREELATTE", "M2", 1, 1, "active", None, OLD, "BND-DONE"),
            ("BND-DONE-b", "T-CROISSANT", "M2", 1, 0, "voided", None, OLD, "BND-DONE"),
            ("KEEP-BND", "T-BUNDLE", "M2", 1, 1, "active", None, OLD, None),
            ("KEEP-BND-a", "T-FREELATTE", "M2", 1, 1, "active", None, OLD, "KEEP-BND"),
            ("KEEP-BND-b", "T-CROISSANT", "M2", 1, 0, "active", None, OLD, "KEEP-BND"),
            ("KEEP-BND-USED", "T-BUNDLE", "M2", 1, 1, "active", None, OLD, None),  # active: the counter lists it
            ("KEEP-BND-USED-a", "T-FREELATTE", "M2", 1, 1, "active", None, OLD, "KEEP-BND-USED"),
            ("ORPHAN", "T-FREELATTE", "M2", 1, 1, "active", None, OLD, "NOT-REPLICATED"),  # its parent is not here
        ])
    return {"point_lots": 2 * N, "coupon_instances": N + 2 * (N // 3) + 1 + 3 + 1}


def sell(svc, checkout_id, *, member=None, coupons=(), points=None, amount=600, sku=None, at=AT):
    line = LineRequest(sku=sku) if sku else LineRequest(amount=amount, name="Amount")
    req = CheckoutRequest(checkout_id, (line,), member_code=member,
                          coupons=tuple(CouponRequest(c) for c in coupons), points=points or {})
    return svc.settle(req, cashier_id="C01", at=at)


def local_history(svc):
    """Sales at this counter, none synced yet: the overlay holds them. One is voided, one can still be."""
    sell(svc, "s1", member=card("290000000001"), coupons=[card("980000000002")], points={"bonus": 60})
    sell(svc, "s2", member=card("290000000001"), coupons=[card("980000000001")], sku="LATTE")
    sell(svc, "s3", member=card("290000000001"), points={"bonus": 40}, at=AT + timedelta(minutes=1))
    svc.void("s2", manager_id="MGR1", pin="9999", reason="wrong member", at=AT + timedelta(minutes=2))


def settled_traffic(svc, n_old=40):
    """Acknowledged, reflected sync traffic: old conflict resolutions (nothing references them) and answers."""
    conn = svc.replica.conn
    with transaction(svc.replica.db):
        base = conn.execute("SELECT COALESCE(MAX(terminal_seq), 0) FROM outbox").fetchone()[0]
        # the local sales so far were acknowledged and reflected long ago (their answers may go; the events stay)
        conn.execute("UPDATE outbox SET state = 'acked', reflected = 1, created_at = ?", (OLD,))
        rows = [(f"res-{i}", base + 1 + i, "conflict_resolution", 1, "{}", "x", OLD, "acked", 1) for i in range(n_old)]
        rows.append(("res-open", base + n_old + 1, "conflict_resolution", 1, "{}", "x", OLD, "acked", 1))
        rows.append(("res-newest", base + n_old + 2, "conflict_resolution", 1, "{}", "x", OLD, "acked", 1))
        conn.executemany("""INSERT INTO outbox(event_id, terminal_seq, type, schema_version, payload, payload_sha256, created_at,
                            state, reflected) VALUES (?,?,?,?,?,?,?,?,?)""", rows)
        conn.execute("""INSERT INTO sync_results(event_id, terminal_seq, status, visible_seq, result, received_at)
                        SELECT event_id, terminal_seq, 'accepted', terminal_seq, '{}', created_at FROM outbox""")
        conn.execute("""INSERT INTO sync_conflicts(event_id, terminal_seq, kind, message, recorded_at)
                        VALUES ('res-open', 0, 'points_short', 'still open', ?)""", (OLD,))
        conn.executemany("INSERT INTO sync_seen(kind, key) VALUES ('coupon', ?)", [(f"X{i}",) for i in range(70)])


def counter_view(svc, at=AT):
    """Everything the counter shows or decides from: member views (balances, expiring points, usable held
    coupons), overlay figures of every remaining lot and coupon, the day report."""
    view = {}
    for mid in ("M1", "M2", "M3"):
        mv = svc.member_view(svc.replica.member(mid), at)
        view[mid] = {"balances": mv.balances, "soon": mv.expiring_soon,
                     "coupons": [asdict(c) for c in mv.coupons if c.usable]}
        # the lots that count (replica + overlay): usable ones and debts, as in burn.balance; an expired or empty
        # lot is in no figure and no allocation
        view[mid + "-lots"] = sorted((lot.lot_id, lot.points, lot.expires_at) for lot in svc.replica.lots(mid)
                                     if lot.usable_at(at) or lot.points < 0)
    view["coupons"] = {code: (asdict(c) if (c := svc.replica.coupon(code)) else None) for code in
                       ("SV-0001", "C-100OFF-1", "C-LATTE-1", "BND-1", "BND-1-a", "KEEP-BND", "KEEP-BND-b", "KEEP-SIGNED-RECENT")}
    rep = daily_report(svc.replica, store_id=svc.store_id, day=date(2026, 11, 20))
    view["report"] = json.loads(json.dumps(asdict(rep), default=str))
    view["audit"] = svc.replica.conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    view["ledgers"] = svc.replica.conn.execute("SELECT COUNT(*) FROM point_ledger").fetchone()[0], \
        svc.replica.conn.execute("SELECT COUNT(*) FROM coupon_ledger").fetchone()[0]
    return view


def test_an_old_replica_shrinks_and_the_counter_sees_exactly_the_same(make_service):
    svc = make_service()
    expected = old_history(svc)
    local_history(svc)
    before_view = counter_view(svc)
    before = table_counts(svc.replica.conn)

    dry = prune_replica(svc.replica.db, SMALL, now=AT, dry_run=True)
    assert table_counts(svc.replica.conn) == before  # a dry run writes nothing
    rep = prune_replica(svc.replica.db, SMALL, now=AT)

    assert rep.pruned == dry.pruned
    # the catalog's own finished rows go too: M1-L0 expired 2026-01-01; C-VOID-1 voided, C-OLD-1 expired 2026-01-01
    assert rep.pruned["point_lots"] == expected["point_lots"] + 1
    assert rep.pruned["coupon_instances"] == expected["coupon_instances"] + 2
    assert rep.after == table_counts(svc.replica.conn)
    assert rep.transactions > 10  # small batches, not one long transaction
    left = {r[0] for r in svc.replica.conn.execute("SELECT lot_id FROM point_lots")}
    assert {"KEEP-DEBT", "KEEP-SPENT-RECENTLY-EARNED", "KEEP-EXPIRED-RECENTLY", "KEEP-LIVE", "M1-L1", "M1-L2"} <= left
    assert not any(x.startswith(("SPENT", "EXPIRED")) for x in left)
    codes = {r[0] for r in svc.replica.conn.execute("SELECT code FROM coupon_instances")}
    assert {c for c in codes if c.startswith("KEEP")} == {"KEEP-SIGNED-RECENT", "KEEP-SIGNED-NO-ISSUE", "KEEP-LIVE-C",
                                                         "KEEP-EXPIRED-RECENTLY-C", "KEEP-BND", "KEEP-BND-a", "KEEP-BND-b",
                                                         "KEEP-BND-USED", "KEEP-BND-USED-a"}
    assert not codes & {"SIGNED-OLD", "BND-DONE", "BND-DONE-a", "BND-DONE-b", "C-VOID-1", "C-OLD-1", "ORPHAN"}
    assert "C-100OFF-1" in codes  # used up here, but this terminal's ledger holds it (and its void may still come)

    assert counter_view(svc) == before_view
    # the void window is still honoured after pruning; the figures stay right
    svc.void("s1", manager_id="MGR1", pin="9999", reason="customer left", at=AT + timedelta(minutes=3))
    assert svc.replica.coupon("C-100OFF-1").remaining_uses == 1
    assert prune_replica(svc.replica.db, SMALL, now=AT).total == 0  # nothing more: idempotent


def test_a_pruned_coupon_scanned_again_is_refused_not_taken_as_new(make_service):
    svc = make_service()
    old_history(svc)
    prune_replica(svc.replica.db, SMALL, now=AT)
    # a signed coupon of a template that accepts unreplicated ones: pruned only when it is older than that window
    code = signed_coupon("SIGNED-OLD", "T-SIGNED", issued=(2025, 3, 1))
    assert not svc.scan(code, at=AT).coupon.usable
    with pytest.raises(DomainError):
        sell(svc, "again", coupons=[code])
    # the one inside the window stays in the replica, used up: still refused as used up
    recent = signed_coupon("KEEP-SIGNED-RECENT", "T-SIGNED", issued=(2026, 11, 15))
    assert svc.scan(recent, at=AT).coupon.reason == "used_up"


def test_acknowledged_old_events_and_their_answers_go_the_rest_stays(make_service):
    svc = make_service()
    local_history(svc)
    settled_traffic(svc)
    conn = svc.replica.conn
    events_before = {r[0] for r in conn.execute("SELECT event_id FROM outbox")}
    rep = prune_replica(svc.replica.db, SMALL, now=AT)
    left = {r[0] for r in conn.execute("SELECT event_id FROM outbox")}
    assert events_before - left == {f"res-{i}" for i in range(40)}
    assert {"res-newest", "res-open"} <= left  # the newest keeps next_terminal_seq; an open conflict keeps its event
    assert rep.pruned["outbox"] == 40
    answered = {r[0] for r in conn.execute("SELECT event_id FROM sync_results")}
    assert answered == {"res-open"}  # the settlements' answers went; their outbox rows keep the status
    assert conn.execute("SELECT COUNT(*) FROM settlements").fetchone()[0] == 3
    assert rep.pruned["sync_seen"] == 70  # leftovers: no resync under way
    seq = svc.replica.next_terminal_seq()
    assert seq == conn.execute("SELECT MAX(terminal_seq) FROM outbox").fetchone()[0] + 1 == len(events_before) + 1


def test_nothing_unreflected_or_unacknowledged_is_pruned(make_service):
    svc = make_service()
    local_history(svc)
    conn = svc.replica.conn
    with transaction(svc.replica.db):  # old, but still pending: the overlay and the push need all of it
        conn.execute("UPDATE outbox SET created_at = ?", (OLD,))
        conn.execute("UPDATE point_lots SET points = 0, earned_at = ?", (OLD,))
        conn.execute("UPDATE coupon_instances SET used_uses = total_uses, issued_at = ? WHERE code IN (SELECT code FROM coupon_ledger)",
                     (OLD,))
        conn.execute("INSERT INTO meta(key, value) VALUES ('sync_resync', '1')")
        conn.execute("INSERT INTO sync_seen(kind, key) VALUES ('coupon', 'C-1')")
    view = counter_view(svc)
    prune_replica(svc.replica.db, SMALL, now=AT)
    assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 4
    assert conn.execute("SELECT COUNT(*) FROM sync_results").fetchone()[0] == 0
    referenced = conn.execute("""SELECT COUNT(*) FROM point_lots l WHERE NOT EXISTS
                                 (SELECT 1 FROM point_ledger p WHERE p.lot_id = l.lot_id)""").fetchone()[0]
    assert referenced == 0  # only the lots the ledgers reference are left
    assert conn.execute("SELECT COUNT(*) FROM sync_seen").fetchone()[0] == 1  # a resync is under way
    assert counter_view(svc) == view


def test_runs_at_most_once_a_day(make_service):
    svc = make_service()
    old_history(svc)
    first = prune_if_due(svc.replica.db, SMALL, now=AT)
    assert first is not None and first.total > 0
    assert prune_if_due(svc.replica.db, SMALL, now=AT + timedelta(hours=23)) is None
    assert prune_if_due(svc.replica.db, SMALL, now=AT + timedelta(hours=25)) is not None
    assert prune_if_due(svc.replica.db, SMALL, now=AT - timedelta(days=3)) is not None  # a clock set back runs it


@pytest.mark.parametrize("kw", [{"days": 29}, {"days": 3651}, {"days": True}, {"days": "90"}, {"batch_rows": 0},
                                {"batch_rows": 500, "scan_rows": 100}, {"pause_s": -1}])
def test_a_bad_policy_is_refused(kw):
    with pytest.raises(ValueError):
        RetentionPolicy(**kw)


def test_cli_prune_dry_run_then_prune(make_service, tmp_path, capsys):
    svc = make_service()
    old_history(svc)
    db = str(tmp_path / "replica.db")
    before = table_counts(svc.replica.conn)
    assert run(["--db", db, "prune", "--dry-run", "--at", "2026-11-20T12:00+08:00"]) == 0
    out = capsys.readouterr().out
    assert "would prune" in out
    assert f"  {'point_lots':<18}{before['point_lots']:>10}{2 * N + 1:>10}{before['point_lots'] - 2 * N - 1:>10}" in out
    assert table_counts(svc.replica.conn) == before
    assert run(["--db", db, "--json", "prune", "--at", "2026-11-20T12:00+08:00", "--vacuum"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["pruned"]["point_lots"] == 2 * N + 1 and res["after"]["point_lots"] == before["point_lots"] - 2 * N - 1
    assert res["vacuum"]["bytes_after"] < res["vacuum"]["bytes_before"]
    fresh = sqlite3.connect(db)
    assert fresh.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # later prunes give pages back
    fresh.close()
    assert run(["--db", db, "prune", "--retention-days", "7"]) == 2
    assert "retention must be 30..3650 days, not 7" in "".join(capsys.readouterr())


def test_retention_is_configured_with_a_safe_default(monkeypatch):
    from terminal.infra.config import ConfigError, load_config

    cfg = load_config(environ={})
    assert (cfg.replica.retention_days, cfg.replica.auto_prune) == (90, True)
    assert load_config(environ={"LT_RETENTION_DAYS": "120"}).replica.retention_days == 120
    with pytest.raises(ConfigError, match="LT_RETENTION_DAYS"):
        load_config(environ={"LT_RETENTION_DAYS": "7"})
