"""Migration 0008_keyed_secrets and the replica secret (issue 13, section 5).

A replica of an earlier version holds plain scrypt PIN hashes and members' full names, birthdays
and card numbers. Upgraded, its file holds none of them (secure_delete: not even in free space): a
replica that never synced is keyed at once with an unprotected key of its own (it was made from a
catalog file that shows all of it anyway); one that synced belongs to the OS vault, which a
migration cannot reach, so its PIN hashes wait (marked) for the first PIN check or sync that can
reach the vault, and its members are pulled again with card hashes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sync.client import CredentialVaultUnavailable, MemoryCredentialStore
from terminal.provisioning.bootstrap import open_replica
from terminal.domain.reasons import AuthorizationError, CodeError
from terminal.storage.replica_secret import ReplicaSecrets, forget_unlocked
from terminal.usecases.service import RedemptionService
from terminal.storage.db import transaction
from tests.conftest import FixedClock, card, tpe
from tests.storage.test_upgrade import load_previous

OLD_HASH = "scrypt$10$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$qJqAyKaGFmaB7op8/cbZyUa6sWNcVN0Mvs9VMBzRlBg="  # C01's, PIN 1234
COUPON_NUMBERS = [b"9800000000014", b"9800000000021", b"9800000000076", b"9800000000038", b"9800000000045"]  # the fixture's
PLAIN = ["王小明".encode(), "Alice Chen".encode(), "林美".encode(), b"1990-11-02", b"2900000000018", b"2900000000025",
         OLD_HASH.split("$")[-1].encode(), *COUPON_NUMBERS]


def file_bytes(path: Path) -> bytes:
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def service(path: Path, secrets=None) -> RedemptionService:
    replica = open_replica(path)
    return RedemptionService(replica, store_id="A-001", terminal_id="T1", clock=FixedClock(tpe(2026, 11, 20, 13)),
                             secrets=secrets(replica) if secrets else None)


def test_an_upgraded_replica_that_never_synced_is_keyed_at_once_and_its_file_holds_no_plain_data(tmp_path):
    db = load_previous(tmp_path / "replica.db")
    assert all(p in file_bytes(db) for p in PLAIN[:1])  # before
    svc = service(db)
    c = svc.replica.conn
    meta = dict(c.execute("SELECT key, value FROM meta").fetchall())
    assert meta["replica_secret"] == "unprotected" and meta["replica_secret_key"] and "replica_rewrap" not in meta
    (h,) = c.execute("SELECT pin_hash FROM staff WHERE id = 'C01'").fetchone()
    assert h.startswith("kscrypt$" + meta["replica_secret_check"][:8] + "$10$8$1$32$MDEyMzQ1Njc4OWFiY2RlZg==$")
    assert svc.verify_staff("C01", "1234")["id"] == "C01"
    assert svc.scan(card("290000000001")).member.masked_name == "王*明"
    assert svc.scan("9800000000021").coupon.code == "C-100OFF-1"  # a printed coupon number still scans
    assert c.execute("SELECT COUNT(*) FROM coupon_instances WHERE plain_code IS NOT NULL").fetchone() == (0,)
    svc.replica.conn.close()
    data = file_bytes(db)
    for p in PLAIN:  # secure_delete: the replaced rows left nothing behind, not even in free space
        assert p not in data, p
    assert b"scrypt$10" not in data.replace(b"kscrypt$", b"")


def test_an_upgraded_replica_that_synced_keys_its_pins_when_the_vault_can_give_a_secret(tmp_path):
    db = load_previous(tmp_path / "replica.db")
    conn = sqlite3.connect(db)
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [("pull_cursor", "e43bc8b6.481"),
                                                                     ("sync_server_url", "https://central.example")])
    conn.commit()
    conn.close()
    vault = MemoryCredentialStore()
    svc = service(db, secrets=lambda r: ReplicaSecrets(r, vault=vault.replica_secret))
    c = svc.replica.conn
    meta = dict(c.execute("SELECT key, value FROM meta").fetchall())
    # the vault is not reachable from a migration: marked, never an unprotected key for a replica that syncs
    assert meta["replica_secret"] == "vault" and "replica_secret_key" not in meta and "replica_secret_check" not in meta
    assert meta["replica_rewrap"] == "1" and "pull_cursor" not in meta  # the next sync pulls everything again
    assert c.execute("SELECT name, birth_month, birthday, plain_code, card_key FROM members WHERE id = 'M1'").fetchone() == (
        "王*明", 11, None, None, None)
    with pytest.raises(CodeError, match="arrive with the next sync"):
        svc.scan(card("290000000001"))
    # coupon numbers too (0009): emptied, not keyed, marked; the next sync's full pull brings their hashes
    assert c.execute("SELECT COUNT(*) FROM coupon_instances WHERE plain_code IS NOT NULL OR number_key IS NOT NULL"
                     ).fetchone() == (0,)
    assert meta["coupon_numbers_pending"] == "1"
    with pytest.raises(CodeError, match="coupon numbers arrive with the next sync"):
        svc.scan("9800000000021")
    # the first PIN check that reaches the vault makes the secret and keys every plain hash
    assert svc.verify_staff("C01", "1234")["id"] == "C01"
    meta = dict(c.execute("SELECT key, value FROM meta").fetchall())
    assert "replica_rewrap" not in meta and vault.replica_secret(meta["replica_id"]).get()
    hashes = [r[0] for r in c.execute("SELECT pin_hash FROM staff")]
    assert hashes and all(h.startswith("kscrypt$" + meta["replica_secret_check"][:8]) for h in hashes)
    assert svc.verify_staff("C01", "1234")["id"] == "C01"
    with pytest.raises(AuthorizationError) as exc:
        svc.verify_staff("C01", "0000")
    assert exc.value.reason.value == "bad_pin"
    svc.replica.conn.close()
    assert b"scrypt$10" not in file_bytes(db).replace(b"kscrypt$", b"")


def test_an_upgraded_synced_replica_checks_plain_pins_while_the_vault_is_locked(tmp_path):
    db = load_previous(tmp_path / "replica.db")
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO meta(key, value) VALUES ('sync_device_id', 'dev-1')")
    conn.commit()
    conn.close()

    class Locked(MemoryCredentialStore):
        def get(self):
            raise CredentialVaultUnavailable("locked", state="locked")

        set = get  # type: ignore[assignment]

    svc = service(db, secrets=lambda r: ReplicaSecrets(r, vault=lambda rid: Locked()))
    assert svc.verify_staff("C01", "1234")["id"] == "C01"  # as before the upgrade, until the vault opens
    assert svc.replica.get_meta("replica_rewrap") == "1"
    svc.replica.conn.close()


def test_a_vault_replica_never_falls_back_to_a_key_in_the_file(make_service):
    svc = make_service()
    replica = svc.replica
    vault = MemoryCredentialStore()
    with transaction(replica.db):  # as a replica that syncs: its secret moved into the vault
        replica.conn.execute("UPDATE staff SET pin_hash = ? WHERE id = 'C01'", (OLD_HASH,))
    secrets = ReplicaSecrets(replica, vault=vault.replica_secret)
    secret, rekeyed = secrets.vault_secret()
    assert rekeyed and secret.protected and replica.get_meta("replica_secret_key") is None
    forget_unlocked()
    with transaction(replica.db):  # a key planted in the file is never used
        replica.set_meta("replica_secret_key", "A" * 43 + "=")
    vault.replica_secret(replica.get_meta("replica_id")).delete()
    with pytest.raises(CredentialVaultUnavailable) as exc:
        secrets.get()
    assert exc.value.state == "missing"
    svc.secrets = secrets
    with pytest.raises(AuthorizationError) as err:
        svc.verify_staff("C01", "1234")
    assert err.value.reason.value == "vault_unavailable"
    with pytest.raises(ValueError, match="catalog cannot initialise"):
        secrets.unprotected()


def test_a_replica_secret_is_32_random_bytes_with_a_subkey_per_purpose():
    from terminal.storage.replica_secret import ReplicaSecret

    a, text = ReplicaSecret.generate(protected=True)
    b = ReplicaSecret.from_text(text, protected=True)
    assert a.mac("staff-pin", b"x") == b.mac("staff-pin", b"x") != a.mac("member-card", b"x")
    assert a.key_id == b.key_id and a.mac("staff-pin", b"x") != ReplicaSecret.generate(protected=True)[0].mac("staff-pin", b"x")
    assert "key" not in repr(a).lower().replace("key_id", "")
    with pytest.raises(ValueError):
        ReplicaSecret.from_text("c2hvcnQ=", protected=True)  # 5 bytes


def test_a_full_member_row_from_an_earlier_server_is_minimised_before_it_is_stored():
    from terminal.domain.member_data import card_hash
    from terminal.storage.replica_secret import ReplicaSecret
    from terminal.storage.keyed import card_key, member_body

    secret, salt = ReplicaSecret.generate(protected=True)[0], "ab" * 16
    full = {"id": "M1", "name": "王小明", "tier_id": "normal", "birthday": "1990-11-02", "plain_code": "2900000000018",
            "status": "active"}
    row = member_body(full, secret, salt)
    assert row == {"id": "M1", "name": "王*明", "tier_id": "normal", "birth_month": 11,
                   "card_key": card_key(secret, card_hash(salt, "2900000000018")), "status": "active", "phone_key": None}
    minimised = {"id": "M1", "name": "王*明", "tier_id": "normal", "birth_month": 11,
                 "card_hash": card_hash(salt, "2900000000018"), "status": "active"}
    assert member_body(minimised, secret, None) == row  # the same key from the server's hash
    with pytest.raises(ValueError):
        member_body({**minimised, "card_hash": "zz"}, secret, None)
    with pytest.raises(ValueError):
        member_body(minimised, None, None)


# ---- coupon numbers (0009_keyed_coupon_numbers) --------------------------------------------------

def at_0008(path: Path, meta: tuple[tuple[str, str], ...] = (), after: tuple[str, ...] = ()) -> Path:
    """A replica as the release before 0009 left it: the 0.1.0 fixture (with `meta` rows added)
    migrated up to 0008_keyed_secrets, then the SQL statements `after` (what it did since)."""
    from terminal.storage.db import open_database
    from terminal.storage.migrations import MIGRATIONS, migrate

    db = open_database(load_previous(path))
    db.conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta)
    migrate(db, MIGRATIONS[:[name for name, _ in MIGRATIONS].index("0008_keyed_secrets") + 1])
    for stmt in after:
        db.conn.execute(stmt)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


def test_migration_0009_keys_the_coupon_numbers_of_a_replica_that_never_synced(tmp_path):
    db = at_0008(tmp_path / "replica.db")
    conn = sqlite3.connect(db)
    numbers = dict(conn.execute("SELECT code, plain_code FROM coupon_instances WHERE plain_code IS NOT NULL").fetchall())
    key_before = conn.execute("SELECT value FROM meta WHERE key = 'replica_secret_key'").fetchone()
    conn.close()
    assert len(numbers) == 5 and key_before and all(n.encode() in file_bytes(db) for n in numbers.values())
    svc = service(db)
    c = svc.replica.conn
    assert c.execute("SELECT value FROM meta WHERE key = 'replica_secret_key'").fetchone() == key_before  # the same key
    rows = dict(c.execute("SELECT code, number_key FROM coupon_instances").fetchall())
    assert all(rows[code] and len(rows[code]) == 64 for code in numbers)
    assert sum(k is not None for k in rows.values()) == len(numbers)
    assert c.execute("SELECT COUNT(*) FROM coupon_instances WHERE plain_code IS NOT NULL").fetchone() == (0,)
    assert svc.replica.get_meta("coupon_numbers_pending") is None
    for code, number in numbers.items():  # every printed number still scans, to its own coupon
        assert svc.scan(number, member_id="M1").coupon.code == code
    assert svc.scan(card("290000000001")).member.id == "M1"  # a card number is not taken for a coupon
    with pytest.raises(CodeError) as exc:
        svc.scan(card("980000000099"))
    assert exc.value.reason.value == "unknown"
    # plain numbers are refused from now on, by the replica itself
    with pytest.raises(sqlite3.IntegrityError, match="plain_code stays empty"):
        with transaction(svc.replica.db):
            c.execute("UPDATE coupon_instances SET plain_code = '9800000000021' WHERE code = 'C-100OFF-1'")
    with pytest.raises(sqlite3.IntegrityError, match="plain_code stays empty"):
        with transaction(svc.replica.db):
            c.execute("INSERT INTO coupon_instances(code, template_id, plain_code, total_uses) VALUES ('X', 'T-100OFF', '1', 1)")
    svc.replica.conn.close()
    data = file_bytes(db)
    for n in numbers.values():  # secure_delete and the WAL checkpoint: not even in free space
        assert n.encode() not in data, n


def test_migration_0009_of_a_synced_replica_drops_its_numbers_and_waits_for_the_next_full_pull(tmp_path):
    db = at_0008(tmp_path / "replica.db", meta=(("pull_cursor", "e43bc8b6.481"), ("sync_device_id", "dev-1")), after=(
        "INSERT INTO meta(key, value) VALUES ('pull_cursor', 'e43bc8b6.500')",  # it synced after 0008
        """INSERT INTO pull_staging(kind, key, op, body) VALUES ('coupon', 'C-NEW', 'upsert',
           '{"code": "C-NEW", "plain_code": "9800000000113"}')""",
        """INSERT INTO pull_quarantine(kind, key, body, reason, cursor, at) VALUES ('coupon', 'C-BAD',
           '{"plain_code": "9800000000120"}', 'test', NULL, '2026-11-20T00:00:00+00:00')"""))
    assert b"9800000000113" in file_bytes(db) and b"9800000000021" in file_bytes(db)
    svc = service(db, secrets=lambda r: ReplicaSecrets(r, vault=MemoryCredentialStore().replica_secret))
    c = svc.replica.conn
    meta = dict(c.execute("SELECT key, value FROM meta").fetchall())
    assert meta["coupon_numbers_pending"] == "1" and "pull_cursor" not in meta  # the next sync pulls everything again
    assert c.execute("SELECT COUNT(*) FROM coupon_instances WHERE plain_code IS NOT NULL OR number_key IS NOT NULL"
                     ).fetchone() == (0,)
    assert c.execute("SELECT COUNT(*) FROM pull_staging").fetchone() == (0,)
    assert c.execute("SELECT key, body FROM pull_quarantine").fetchall() == [("C-BAD", None)]
    with pytest.raises(CodeError, match="coupon numbers arrive with the next sync"):
        svc.scan("9800000000021")
    assert svc.scan("C-CAP-1").coupon.code == "C-CAP-1"  # a coupon without a number is found as before
    svc.replica.conn.close()
    data = file_bytes(db)
    for n in COUPON_NUMBERS + [b"9800000000113", b"9800000000120"]:
        assert n not in data, n


def test_a_coupon_row_is_stored_with_its_number_keyed_whatever_the_server_sends():
    from terminal.domain.member_data import card_hash, coupon_number_hash
    from terminal.storage.replica_secret import ReplicaSecret
    from terminal.storage.keyed import coupon_body, number_key

    secret, salt = ReplicaSecret.generate(protected=True)[0], "ab" * 16
    row = {"code": "C-1", "template_id": "T", "member_id": None, "total_uses": 1, "used_uses": 0, "status": "active",
           "valid_from": None, "valid_until": None, "issued_at": None, "parent_code": None}
    n = "9800000000021"
    assert coupon_number_hash(salt, n) != card_hash(salt, n)  # a tag of its own
    want = {**row, "number_key": number_key(secret, coupon_number_hash(salt, n))}
    assert coupon_body({**row, "number_hash": coupon_number_hash(salt, n)}, secret, None) == want  # this server
    assert coupon_body({**row, "plain_code": n}, secret, salt) == want  # an earlier server's plain number
    assert coupon_body({**row, "number_hash": None, "number_key": "planted"}, None, None) == {**row, "number_key": None}
    h = coupon_number_hash(salt, n)
    assert number_key(secret, h) != secret.mac("member-card", bytes.fromhex(h)).hex()  # a purpose of its own
    for bad in ({"number_hash": "zz"}, {"number_hash": 5}, {"plain_code": n}):
        with pytest.raises(ValueError):
            coupon_body({**row, **bad}, secret, None)
    with pytest.raises(ValueError):
        coupon_body({**row, "number_hash": coupon_number_hash(salt, n)}, None, None)


def test_the_demo_replica_holds_no_coupon_number_and_its_printed_numbers_scan(tmp_path):
    from terminal.provisioning import demo
    from terminal.provisioning.bootstrap import init_replica
    from terminal.catalog import load_catalog_file

    cat = load_catalog_file(demo.demo_catalog_path())
    path = tmp_path / "demo.db"
    replica = init_replica(path, cat, store_id="CAFE-XINYI", terminal_id="T1", demo=True)
    svc = RedemptionService(replica, store_id="CAFE-XINYI", terminal_id="T1", clock=FixedClock(demo.DEMO_NOW))
    numbered = [c for c in cat.coupons if c.number]
    assert len(numbered) > 100
    for c in numbered[:: max(1, len(numbered) // 40)] + [x for x in numbered if x.code == "SV-DEMO-7LEFT"]:
        assert svc.scan(c.number).coupon.code == c.code
    replica.conn.close()
    data = file_bytes(path)
    leaked = [c.number for c in numbered if c.number.encode() in data]
    assert not leaked, leaked[:5]
