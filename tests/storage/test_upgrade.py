"""Upgrading a replica made by the previous release keeps every row and stays usable.

`fixtures/replica-0.1.0.sql` is a dump of a replica written by loyalty-terminal 0.1.0
(migrations 0001-0003): three settlements (stored voucher, coupon + points, plain), one
void, nothing synced. Opening it with this version must run the new migrations, keep a
backup made before them, keep all data, and settle and void as before.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from terminal import __version__
from terminal.provisioning.bootstrap import open_replica
from terminal.infra.errors import SetupError
from terminal.domain.member_data import birth_month, mask_name
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from terminal.storage.migrations import MIGRATIONS, applied_migrations
from tests.conftest import FixedClock, card, tpe

FIXTURE = Path(__file__).parent / "fixtures" / "replica-0.1.0.sql"
PREVIOUS = ["0001_replica", "0002_local_ledgers_outbox", "0003_sync"]
KEPT_TABLES = ("settlements", "voids", "outbox", "coupon_ledger", "point_ledger", "point_lots", "coupon_instances",
               "members", "meta", "audit_log")


def load_previous(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    return path


def snapshot(conn) -> dict[str, list[tuple]]:
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in KEPT_TABLES}


def test_the_fixture_is_the_previous_schema(tmp_path):
    conn = sqlite3.connect(load_previous(tmp_path / "old.db"))
    assert [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")] == PREVIOUS
    assert conn.execute("SELECT COUNT(*) FROM settlements").fetchone()[0] == 3
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'app_versions'").fetchone()


def test_upgrade_keeps_every_row_and_backs_up_first(tmp_path):
    db = load_previous(tmp_path / "replica.db")
    before = snapshot(sqlite3.connect(db))
    replica = open_replica(db)
    assert applied_migrations(replica.db) == [name for name, _ in MIGRATIONS]
    after = snapshot(replica.conn)
    for table in KEPT_TABLES:
        if table in ("meta", "members", "coupon_instances"):
            continue
        if table == "settlements":  # 0012 added `kind`: every earlier row is a sale
            assert [r[:-1] for r in after[table]] == before[table] and {r[-1] for r in after[table]} == {"sale"}
            continue
        assert after[table] == before[table], f"{table} changed in the upgrade"
    # coupons are kept with their numbers keyed (0009_keyed_coupon_numbers): every other column as it was
    keys = dict(replica.conn.execute("SELECT code, number_key FROM coupon_instances").fetchall())
    plain = dict(sqlite3.connect(db.with_name("replica.db.before-" + MIGRATIONS[3][0] + ".bak")).execute(
        "SELECT code, plain_code FROM coupon_instances").fetchall())
    assert [r[:3] + (None,) + r[4:12] for r in before["coupon_instances"]] == [r[:12] for r in after["coupon_instances"]]
    assert any(plain.values()) and all((keys[c] is not None and len(keys[c]) == 64) == bool(n) for c, n in plain.items())
    # members are kept minimised (0008_keyed_secrets): masked name, birth month, keyed card number
    assert [(r[0], r[2], r[5]) for r in after["members"]] == [(r[0], r[2], r[5]) for r in before["members"]]
    minimised = replica.conn.execute("SELECT id, name, birth_month, birthday, plain_code, card_key FROM members ORDER BY id").fetchall()
    assert [r[:5] for r in minimised] == [(r[0], mask_name(r[1]), birth_month(r[3]), None, None) for r in before["members"]]
    assert all(r[5] and len(r[5]) == 64 for r, old in zip(minimised, before["members"]) if old[4])
    assert set(before["meta"]) <= set(after["meta"])
    # the new table is back-filled from the events 0.1.0 wrote, then this version is recorded
    versions = [v for v, _ in replica.app_versions()]
    assert versions[0] == "0.1.0" and __version__ in versions
    assert replica.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert replica.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # the backup is the untouched previous-schema replica
    bak = tmp_path / f"replica.db.before-{MIGRATIONS[3][0]}.bak"
    assert bak.is_file()
    old = sqlite3.connect(bak)
    assert [r[0] for r in old.execute("SELECT name FROM schema_migrations ORDER BY name")] == PREVIOUS
    assert snapshot(old) == before
    replica.conn.close()
    # a second open neither migrates nor backs up again
    again = open_replica(db)
    assert sorted(p.name for p in tmp_path.glob("*.bak")) == [bak.name]
    again.conn.close()


def test_the_upgraded_replica_settles_voids_and_keeps_balances(tmp_path):
    db = load_previous(tmp_path / "replica.db")
    svc = RedemptionService(open_replica(db), store_id="A-001", terminal_id="T1", clock=FixedClock(tpe(2026, 11, 20, 13)))
    m1 = card("290000000001")
    balance_before = svc.scan(m1).member.balances["bonus"]
    sv = card("980000000001")
    uses_before = svc.scan(sv).coupon.remaining_uses
    # the 0.1.0 settlement is still idempotent: same id + same content returns the stored receipt
    again = svc.settle(CheckoutRequest("OLD-1", (LineRequest("LATTE", 2),), member_code=m1,
                                       coupons=(CouponRequest(sv, 2),)), cashier_id="C01")
    assert again["checkout_id"] == "OLD-1" and again["replayed"] is True
    r = svc.settle(CheckoutRequest("NEW-1", (LineRequest("LATTE", 1),), member_code=m1, coupons=(CouponRequest(sv, 1),)),
                   cashier_id="C01")
    assert svc.scan(sv).coupon.remaining_uses == uses_before - 1
    assert svc.scan(m1).member.balances["bonus"] == balance_before + r["points_earned"].get("bonus", 0)
    svc.void("NEW-1", manager_id="MGR1", pin="9999", reason="test upgrade")
    assert svc.scan(sv).coupon.remaining_uses == uses_before
    assert svc.scan(m1).member.balances["bonus"] == balance_before
    seqs = [r[0] for r in svc.replica.conn.execute("SELECT terminal_seq FROM outbox ORDER BY terminal_seq")]
    assert seqs == list(range(1, len(seqs) + 1))  # gap-free across the upgrade


def test_a_replica_from_a_newer_version_is_refused_untouched(tmp_path):
    db = load_previous(tmp_path / "replica.db")
    open_replica(db).conn.close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_migrations VALUES ('0099_from_the_future', '2027-01-01T00:00:00+00:00')")
    conn.commit()
    before = snapshot(conn)
    conn.close()
    with pytest.raises(SetupError, match="newer Loyalty Terminal.*0099_from_the_future"):
        open_replica(db)
    assert snapshot(sqlite3.connect(db)) == before


def test_a_synced_replica_keeps_its_cursor_as_the_shown_state(tmp_path):
    """0005 adds pull staging: the cursor a synced 0.1.0/0.2.0 replica had is the state it shows."""
    path = load_previous(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO meta(key, value) VALUES ('pull_cursor', 'e43bc8b6.481')")
    conn.commit()
    conn.close()
    replica = open_replica(path)
    try:
        assert "0005_pull_staging" in applied_migrations(replica.db)
        assert replica.get_meta("replica_cursor") == replica.applied_cursor() == "e43bc8b6.481"
        assert replica.conn.execute("SELECT COUNT(*) FROM pull_staging").fetchone()[0] == 0
    finally:
        replica.conn.close()
