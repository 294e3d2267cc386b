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
from terminal.bootstrap import open_replica
from terminal.domain.reasons import AuthorizationError, CodeError
from terminal.replica_secret import ReplicaSecrets, forget_unlocked
from terminal.services import RedemptionService
from terminal.storage.db import transaction
from tests.conftest import FixedClock, card, tpe
from tests.storage.test_upgrade import load_previous

OLD_HASH = "scrypt$10$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$qJqAyKaGFmaB7op8/cbZyUa6sWNcVN0Mvs9VMBzRlBg="  # C01's, PIN 1234
PLAIN = ["王小明".encode(), "Alice Chen".encode(), "林美".encode(), b"1990-11-02", b"2900000000018", b"2900000000025",
         OLD_HASH.split("$")[-1].encode()]


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
    from terminal.replica_secret import ReplicaSecret

    a, text = ReplicaSecret.generate(protected=True)
    b = ReplicaSecret.from_text(text, protected=True)
    assert a.mac("staff-pin", b"x") == b.mac("staff-pin", b"x") != a.mac("member-card", b"x")
    assert a.key_id == b.key_id and a.mac("staff-pin", b"x") != ReplicaSecret.generate(protected=True)[0].mac("staff-pin", b"x")
    assert "key" not in repr(a).lower().replace("key_id", "")
    with pytest.raises(ValueError):
        ReplicaSecret.from_text("c2hvcnQ=", protected=True)  # 5 bytes


def test_a_full_member_row_from_an_earlier_server_is_minimised_before_it_is_stored():
    from terminal.domain.member_data import card_hash
    from terminal.replica_secret import ReplicaSecret
    from terminal.storage.keyed import card_key, member_body

    secret, salt = ReplicaSecret.generate(protected=True)[0], "ab" * 16
    full = {"id": "M1", "name": "王小明", "tier_id": "normal", "birthday": "1990-11-02", "plain_code": "2900000000018",
            "status": "active"}
    row = member_body(full, secret, salt)
    assert row == {"id": "M1", "name": "王*明", "tier_id": "normal", "birth_month": 11,
                   "card_key": card_key(secret, card_hash(salt, "2900000000018")), "status": "active"}
    minimised = {"id": "M1", "name": "王*明", "tier_id": "normal", "birth_month": 11,
                 "card_hash": card_hash(salt, "2900000000018"), "status": "active"}
    assert member_body(minimised, secret, None) == row  # the same key from the server's hash
    with pytest.raises(ValueError):
        member_body({**minimised, "card_hash": "zz"}, secret, None)
    with pytest.raises(ValueError):
        member_body(minimised, None, None)
