"""Rows a store PC keeps in a minimised or keyed form (issue 13, section 5; docs/sync.md "Least privilege").

    staff      pin_hash: `kscrypt$...`, the feed's scrypt hash keyed with the replica secret
               (`terminal/infra/pins.py`); a stolen replica file gives no hash a PIN search can use
    members    name: masked (`terminal.domain.member_data.mask_name`); birth_month 1..12 (no
               birthday); card_key: hex HMAC ("member-card") under the replica secret of the card
               hash, itself SHA-256 of the chain's salt and the card number (`card_hash`); the
               columns `birthday` and `plain_code` stay NULL (triggers refuse anything else);
               phone_key: hex HMAC ("member-phone") of the phone hash the server sends
               (`terminal.domain.phones.phone_hash`: the chain's salt, a tag of its own), never the
               number, so an exact phone search works offline (migration 0019_member_phone_keys)
    coupons    number_key: hex HMAC ("coupon-number") under the replica secret of the coupon number
               hash (`coupon_number_hash`: the chain's salt, a tag of its own); `plain_code` stays
               NULL (migration 0009_keyed_coupon_numbers; triggers refuse anything else). A counter
               shows a coupon by its code id, never by its number.

The card hash salt: meta `card_hash_salt` (hex), from the server (each pull page carries it) or,
for a replica made from a catalog file, made here; coupon numbers are hashed with the same salt.
A scanned number is found by hashing it the same way (`card_key_of_number`, `number_key_of`).

Functions never log a body or a hash. ValueError for malformed input, named.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import Any

from terminal.domain.member_data import birth_month, card_hash, coupon_number_hash, mask_name, valid_birth_month
from terminal.infra.pins import is_plain, wrap_hash
from terminal.storage.replica_secret import META_REWRAP, ReplicaSecret

CARD_PURPOSE = "member-card"
PHONE_PURPOSE = "member-phone"
COUPON_PURPOSE = "coupon-number"
META_SALT = "card_hash_salt"
META_COUPONS_PENDING = "coupon_numbers_pending"  # "1": an upgraded synced replica waits for its coupons' number keys
MEMBER_COLUMNS = ("id", "name", "tier_id", "birth_month", "card_key", "status", "phone_key")
COUPON_COLUMNS = ("code", "template_id", "member_id", "number_key", "total_uses", "used_uses", "status", "valid_from",
                  "valid_until", "issued_at", "parent_code", "origin", "discount_given", "gifted_from")
INVALID_PIN_HASH = "invalid"  # a hash that was not a well-formed scrypt text: it matches no PIN


def _hash_bytes(hex_text: Any, what: str) -> bytes:
    """The 32 bytes of a hash given as 64 hex digits. ValueError (naming `what`) for anything else."""
    try:
        raw = bytes.fromhex(hex_text) if isinstance(hex_text, str) else b""
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise ValueError(f"a {what} is 64 hex digits")
    return raw


def card_key(secret: ReplicaSecret, card_hash_hex: str) -> str:
    """Hex HMAC of a card hash (64 hex digits) under the replica secret. ValueError for a malformed hash."""
    return secret.mac(CARD_PURPOSE, _hash_bytes(card_hash_hex, "card hash")).hex()


def phone_key(secret: ReplicaSecret, phone_hash_hex: str) -> str:
    """Hex HMAC of a phone hash (64 hex digits) under the replica secret. ValueError for a malformed hash."""
    return secret.mac(PHONE_PURPOSE, _hash_bytes(phone_hash_hex, "phone hash")).hex()


def phone_key_of(secret: ReplicaSecret, salt_hex: str, e164: str) -> str:
    """The phone_key a member with phone `e164` (E.164, `terminal.domain.phones.normalise_phone`) is stored under."""
    from terminal.domain.phones import phone_hash

    return phone_key(secret, phone_hash(salt_hex, e164))


def number_key(secret: ReplicaSecret, number_hash_hex: str) -> str:
    """Hex HMAC of a coupon number hash (64 hex digits) under the replica secret. ValueError for a malformed hash."""
    return secret.mac(COUPON_PURPOSE, _hash_bytes(number_hash_hex, "coupon number hash")).hex()


def number_key_of(secret: ReplicaSecret, salt_hex: str, number: str) -> str:
    """The number_key a coupon with printed number `number` is stored under."""
    return number_key(secret, coupon_number_hash(salt_hex, number))


def card_key_of_number(secret: ReplicaSecret, salt_hex: str, number: str) -> str:
    """The card_key a member with card `number` is stored under."""
    return card_key(secret, card_hash(salt_hex, number))


def salt(conn: sqlite3.Connection, *, create: bool = False) -> str | None:
    """The replica's card hash salt; `create` makes a random one (catalog-initialised replicas; the caller
    holds the write transaction) when there is none."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_SALT,)).fetchone()
    if row is not None or not create:
        return row[0] if row else None
    value = os.urandom(16).hex()
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (META_SALT, value))
    return value


def keyed_pin_hash(stored: Any, secret: ReplicaSecret) -> Any:
    """What a staff row's pin_hash becomes on this terminal: a plain scrypt hash keyed; a keyed one kept;
    a text that starts like scrypt but is malformed replaced by INVALID_PIN_HASH; anything else kept
    (it matches no PIN: verify_pin knows no other scheme)."""
    if not is_plain(stored):
        return stored
    try:
        return wrap_hash(stored, secret)
    except ValueError:
        return INVALID_PIN_HASH


def staff_body(body: dict, secret: ReplicaSecret) -> dict:
    """A pulled staff row with its pin_hash keyed (a copy)."""
    return {**body, "pin_hash": keyed_pin_hash(body.get("pin_hash"), secret)} if "pin_hash" in body else dict(body)


def member_body(body: dict, secret: ReplicaSecret | None, salt_hex: str | None) -> dict:
    """A pulled member row in the replica's form (MEMBER_COLUMNS): masked name, birth month, card key.

    Takes the server's minimised row (`name` masked, `birth_month`, `card_hash`) and, from a server of
    an earlier version, a full one (`birthday`, `plain_code`: hashed here with `salt_hex`). A card
    needs `secret`: ValueError when a card is given without one (or without a salt for a plain number).
    A malformed card hash is ValueError too (the row is then quarantined by the caller)."""
    month = valid_birth_month(body.get("birth_month"))
    if month is None and body.get("birthday") is not None:
        month = birth_month(body.get("birthday"))
    h = body.get("card_hash")
    if h is None and body.get("plain_code"):
        if not salt_hex:
            raise ValueError("a card number without a card hash salt")
        h = card_hash(salt_hex, str(body["plain_code"]))
    if h is not None:
        if secret is None:
            raise ValueError("a member card needs the replica secret")
        if not isinstance(h, str):
            raise ValueError("card_hash is not text")
        key = card_key(secret, h)
    else:
        key = None
    ph = body.get("phone_hash")  # never a plain phone: a row carrying one keeps no phone here
    if ph is not None:
        if secret is None:
            raise ValueError("a member phone needs the replica secret")
        if not isinstance(ph, str):
            raise ValueError("phone_hash is not text")
        pkey = phone_key(secret, ph)
    else:
        pkey = None
    name = body.get("name")
    return {"id": body.get("id"), "name": mask_name(name) if isinstance(name, str) else name, "tier_id": body.get("tier_id"),
            "birth_month": month, "card_key": key, "status": body.get("status", "active"), "phone_key": pkey}


def coupon_body(body: dict, secret: ReplicaSecret | None, salt_hex: str | None) -> dict:
    """A pulled coupon row in the replica's form (a copy): `number_key` instead of a number or its hash.

    Takes the server's row (`number_hash`, or none for a coupon without a printed number) and, from a
    server of an earlier version, one with `plain_code` (hashed here with `salt_hex`). A number needs
    `secret`: ValueError when one is given without it (or a plain number without a salt), and for a
    malformed hash (the caller quarantines the row without its body)."""
    h = body.get("number_hash")
    plain = body.get("plain_code")
    if h is None and plain:
        if not salt_hex:
            raise ValueError("a coupon number without a hash salt")
        h = coupon_number_hash(salt_hex, str(plain))
    if h is not None:
        if secret is None:
            raise ValueError("a coupon number needs the replica secret")
        key = number_key(secret, h)
    else:
        key = None
    return {**{k: v for k, v in body.items() if k not in ("plain_code", "number_hash", "number_key")}, "number_key": key}


def rewrap_plain_staff(conn: sqlite3.Connection, secret: ReplicaSecret) -> int:
    """Key every plain scrypt hash still held (staff, staged and quarantined staff bodies) with `secret`;
    clears META_REWRAP. The caller holds the write transaction. Returns how many were keyed."""
    n = 0
    for sid, h in conn.execute("SELECT id, pin_hash FROM staff WHERE pin_hash LIKE 'scrypt$%'").fetchall():
        conn.execute("UPDATE staff SET pin_hash = ? WHERE id = ?", (keyed_pin_hash(h, secret), sid))
        n += 1
    for table, key in (("pull_staging", "pos"), ("pull_quarantine", "rowid")):
        rows = conn.execute(f"SELECT {key}, body FROM {table} WHERE kind = 'staff' AND body LIKE '%scrypt$%'").fetchall()
        for k, text in rows:
            try:
                body = json.loads(text)
            except (TypeError, ValueError):
                body = None
            new = json.dumps(staff_body(body, secret), ensure_ascii=False) if isinstance(body, dict) else None
            conn.execute(f"UPDATE {table} SET body = ? WHERE {key} = ?", (new, k))
            n += 1
    conn.execute("DELETE FROM meta WHERE key = ?", (META_REWRAP,))
    return n


# ---- migration 0008_keyed_secrets ---------------------------------------------------------------

_SYNCED_META = ("pull_cursor", "replica_cursor", "sync_server_url", "sync_device_id", "sync_previous_server_url",
                "sync_previous_device_id")


def migrate_0008(conn: sqlite3.Connection) -> None:
    """Data step of migration 0008 (inside its transaction, after the columns were added).

    Every replica: member names masked, birthdays cut to the month, `birthday`/`plain_code` emptied,
    pulled bodies of members and staff dropped from `pull_quarantine` (a later copy comes again).
    A replica that never synced (made from a catalog file, or the demo): an unprotected key in meta
    and a local card hash salt; card keys and staff hashes keyed at once. A replica that synced:
    its secret belongs in the OS vault, which a migration cannot reach: mode "vault" without a
    secret yet, staff hashes marked for keying (META_REWRAP; keyed by the first sync, or the first
    PIN check that can reach the vault), card keys empty and the pull cursor dropped, so the next
    sync pulls everything again (with card hashes) and staged pages are fetched again."""
    from terminal.storage.replica_secret import META_ID, META_MODE, VAULT, ReplicaSecrets

    if not conn.execute("SELECT 1 FROM members UNION ALL SELECT 1 FROM staff UNION ALL SELECT 1 FROM meta LIMIT 1").fetchone():
        return  # a new replica: nothing to key (its secret is made when something is)
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    synced = any(k in meta for k in _SYNCED_META)
    rows = conn.execute("SELECT id, name, birthday, plain_code FROM members").fetchall()
    secret = salt_hex = None
    if not synced:
        from sqlite_utils import Database

        from terminal.storage.replica import Replica

        secret = ReplicaSecrets(Replica(Database(conn))).unprotected()
        salt_hex = salt(conn, create=bool(rows))
    for mid, name, birthday, plain in rows:
        key = card_key_of_number(secret, salt_hex, plain) if (plain and secret is not None and salt_hex) else None
        conn.execute("UPDATE members SET name = ?, birth_month = ?, card_key = ?, birthday = NULL, plain_code = NULL WHERE id = ?",
                     (mask_name(name), birth_month(birthday), key, mid))
    conn.execute("UPDATE pull_quarantine SET body = NULL WHERE kind IN ('staff', 'member')")
    if secret is not None:
        rewrap_plain_staff(conn, secret)
        return
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (META_MODE, VAULT))
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (META_ID, os.urandom(16).hex()))
    if conn.execute("SELECT 1 FROM staff WHERE pin_hash LIKE 'scrypt$%' LIMIT 1").fetchone() or conn.execute(
            "SELECT 1 FROM pull_staging WHERE kind = 'staff' LIMIT 1").fetchone():
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", (META_REWRAP,))
    conn.execute("DELETE FROM pull_staging")
    conn.execute("DELETE FROM meta WHERE key = 'pull_cursor'")


# ---- migration 0009_keyed_coupon_numbers ----------------------------------------------------------

def migrate_0009(conn: sqlite3.Connection) -> None:
    """Data step of migration 0009 (inside its transaction, after `number_key` was added).

    Every replica: `plain_code` of every coupon emptied, coupon bodies dropped from `pull_quarantine`
    (a later copy comes again). A replica that never synced (catalog file, demo; secret mode
    "unprotected" or none yet): each number keyed at once under its unprotected key and salt (made
    now when it has none). A replica whose secret is in the OS vault (a migration cannot reach it):
    number keys empty, meta META_COUPONS_PENDING set (a typed number is answered "arrives with the
    next sync"), pull cursor and staged pages dropped, so the next sync pulls everything again with
    number hashes; the sync client clears the mark when that full pull is complete."""
    from terminal.storage.replica_secret import META_MODE, VAULT, ReplicaSecrets

    rows = conn.execute("SELECT code, plain_code FROM coupon_instances WHERE plain_code IS NOT NULL").fetchall()
    staged = conn.execute("SELECT 1 FROM pull_staging WHERE kind = 'coupon' LIMIT 1").fetchone() is not None
    conn.execute("UPDATE pull_quarantine SET body = NULL WHERE kind = 'coupon'")
    if not rows and not staged:
        return
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get(META_MODE) != VAULT and not any(k in meta for k in _SYNCED_META):
        from sqlite_utils import Database

        from terminal.storage.replica import Replica

        secret = ReplicaSecrets(Replica(Database(conn))).unprotected()
        salt_hex = salt(conn, create=True)
        for code, plain in rows:
            conn.execute("UPDATE coupon_instances SET number_key = ?, plain_code = NULL WHERE code = ?",
                         (number_key_of(secret, salt_hex, str(plain)), code))
        for pos, text in conn.execute("SELECT pos, body FROM pull_staging WHERE kind = 'coupon'").fetchall():
            try:
                body = json.loads(text) if text is not None else None
                new = json.dumps(coupon_body(body, secret, salt_hex), ensure_ascii=False) if isinstance(body, dict) else None
            except ValueError:
                new = None
            conn.execute("UPDATE pull_staging SET body = ? WHERE pos = ?", (new, pos))
        return
    conn.execute("UPDATE coupon_instances SET plain_code = NULL WHERE plain_code IS NOT NULL")
    if rows:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", (META_COUPONS_PENDING,))
    conn.execute("DELETE FROM pull_staging")
    conn.execute("DELETE FROM meta WHERE key = 'pull_cursor'")
