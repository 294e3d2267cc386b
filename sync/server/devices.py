"""Devices and two-phase enrolment of the reference central server (a mixin of `CentralStore`).

A terminal becomes a device in two steps, so that a PC whose credential vault refuses the
credential neither spends its one-time token nor leaves an orphan device behind::

    enrol token (enrol_tokens)
      | POST /v1/enrol {token, terminal_id}          the token is checked, RESERVED (not used)
      v
    pending enrolment (pending_enrolments)           credential returned once, only its hash kept;
      |                                              refused by push/pull/allowances (403
      |                                              enrolment_not_confirmed)
      |-- POST /v1/enrol/confirm {token}, Bearer the pending credential
      |       -> device (devices), token USED, older devices of the same store+terminal revoked
      |-- POST /v1/enrol/cancel, Bearer the pending credential      -> cancelled, token free
      |-- another POST /v1/enrol with the same token                -> superseded, token free
      '-- PENDING_TTL passes unconfirmed                            -> expired, token free
    device
      |-- POST /v1/device/revoke, Bearer its credential (the terminal's `unenroll`)  -> revoked
      '-- admin `revoke-device --device ID`                                          -> revoked

Why the confirmation carries the token: whoever holds the TOKEN may enrol (that is what the
token is for); a party that got hold of a pending CREDENTIAL alone (a crash dump, a vault
that kept a copy) can neither use it (pending) nor confirm it, so it cannot spend the
legitimate terminal's token; at worst it cancels that attempt, and the same token enrols again.
Confirming twice with the same credential and token answers the same device again
(`already_confirmed`): a terminal that crashed after the server confirmed and before it wrote
its own state finishes with the same token. See docs/sync.md, "Enrolment".

Errors are `AuthError` (status, code, message) for requests, `AdminError` for the admin CLI.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from sync.server.errors import AdminError, AuthError

PENDING_TTL = timedelta(minutes=15)  # an unconfirmed enrolment lapses; its token can be used again
PENDING_KEEP = timedelta(days=1)  # lapsed pending rows kept this long (to say why a late confirm fails)

DEVICE_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS devices (device_id TEXT PRIMARY KEY, store_id TEXT NOT NULL, terminal_id TEXT NOT NULL,
        credential_sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '', enrolled_at TEXT NOT NULL,
        revoked_at TEXT, revoked_reason TEXT)""",
    """CREATE TABLE IF NOT EXISTS enrol_tokens (token_sha256 TEXT PRIMARY KEY, store_id TEXT NOT NULL, created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL, used_at TEXT, device_id TEXT)""",
    # an enrolment between POST /v1/enrol and its confirmation; never a device, never authenticates a sync call
    """CREATE TABLE IF NOT EXISTS pending_enrolments (credential_sha256 TEXT PRIMARY KEY, device_id TEXT NOT NULL UNIQUE,
        token_sha256 TEXT NOT NULL, store_id TEXT NOT NULL, terminal_id TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'superseded', 'cancelled')))""",
    "CREATE INDEX IF NOT EXISTS pending_enrolments_token ON pending_enrolments(token_sha256)",
]


def sha256_hex(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()


class DeviceRegistry:
    """Enrolment tokens, pending enrolments and devices. Mixed into `CentralStore`, whose
    `conn`, `write()`, `_reader()`, `clock`, `get()` and `epoch` it uses."""

    # ---- admin -----------------------------------------------------------------------------------
    def create_enrol_token(self, store_id: str, *, ttl_hours: int = 72) -> str:
        # "lte_" prefix: a bare urlsafe token starts with "-" one time in 64, and `enroll --token -x...`
        # (the CLI, the Windows installer) would read it as an option; the prefix also makes a leaked
        # token easy to recognise in a log or a secret scanner.
        token = "lte_" + secrets.token_urlsafe(24)
        now = self.clock()
        with self.write():
            if self.get("store", store_id) is None:
                raise AdminError(f"unknown store {store_id!r}")
            self.conn.execute("INSERT INTO enrol_tokens(token_sha256, store_id, created_at, expires_at) VALUES (?,?,?,?)",
                              (sha256_hex(token), store_id, now.isoformat(), (now + timedelta(hours=ttl_hours)).isoformat()))
        return token

    def revoke_device(self, device_id: str, reason: str = "") -> None:
        """Admin: lock a device out (its credential then gets 403 device_revoked). AdminError when no such active device."""
        with self.write():
            cur = self.conn.execute("UPDATE devices SET revoked_at = ?, revoked_reason = ? WHERE device_id = ? AND revoked_at IS NULL",
                                    (self.clock().isoformat(), reason, device_id))
            if cur.rowcount == 0:
                raise AdminError(f"no active device {device_id!r}")

    def devices(self) -> list[dict]:
        cols = ("device_id", "store_id", "terminal_id", "name", "enrolled_at", "revoked_at")
        return [dict(zip(cols, r)) for r in self.conn.execute(f"SELECT {', '.join(cols)} FROM devices ORDER BY enrolled_at")]

    def pending_enrolments(self) -> list[dict]:
        """Enrolments not confirmed yet and not lapsed: [{device_id, store_id, terminal_id, name, created_at, expires_at}]."""
        cols = ("device_id", "store_id", "terminal_id", "name", "created_at", "expires_at")
        now = self.clock().isoformat()
        return [dict(zip(cols, r)) for r in self.conn.execute(
            f"SELECT {', '.join(cols)} FROM pending_enrolments WHERE state = 'pending' AND expires_at >= ? ORDER BY created_at",
            (now,))]

    # ---- phase 1: POST /v1/enrol ------------------------------------------------------------------
    def enrol(self, token: str, terminal_id: str, device_name: str = "", *, expected_store: str | None = None) -> dict[str, str]:
        """Check and reserve the token; a PENDING enrolment with a new credential (returned once).

        Returns {device_id, credential, store_id, terminal_id, server_epoch, status: "pending",
        confirm_before (ISO time)}. A pending enrolment made earlier with the same token is
        superseded. Raises AuthError 401 (unknown, used or expired token), 409 (another store's
        token than `expected_store`; the token is left as it was)."""
        now = self.clock()
        token_hash = sha256_hex(token)
        with self.write():
            self.conn.execute("DELETE FROM pending_enrolments WHERE expires_at < ?", ((now - PENDING_KEEP).isoformat(),))
            r = self.conn.execute("SELECT store_id, expires_at, used_at FROM enrol_tokens WHERE token_sha256 = ?",
                                  (token_hash,)).fetchone()
            if r is None:
                raise AuthError(401, "bad_enrolment_token", "This enrolment token is not valid.")
            if r[2] is not None:
                raise AuthError(401, "enrolment_token_used", "This enrolment token was already used; ask for a new one.")
            if datetime.fromisoformat(r[1]) < now:
                raise AuthError(401, "enrolment_token_expired", "This enrolment token has expired; ask for a new one.")
            if expected_store is not None and expected_store != r[0]:  # checked before the token is reserved
                raise AuthError(409, "wrong_store", f"This token is for store {r[0]}, but this terminal's data is of store "
                                f"{expected_store}; ask for a token of {expected_store}.")
            self.conn.execute("UPDATE pending_enrolments SET state = 'superseded' WHERE token_sha256 = ? AND state = 'pending'",
                              (token_hash,))
            device_id = "dev-" + uuid.uuid4().hex[:12]
            credential = secrets.token_urlsafe(32)
            until = now + PENDING_TTL
            self.conn.execute(
                """INSERT INTO pending_enrolments(credential_sha256, device_id, token_sha256, store_id, terminal_id, name,
                       created_at, expires_at, state) VALUES (?,?,?,?,?,?,?,?,'pending')""",
                (sha256_hex(credential), device_id, token_hash, r[0], terminal_id, device_name, now.isoformat(), until.isoformat()))
        return {"device_id": device_id, "credential": credential, "store_id": r[0], "terminal_id": terminal_id,
                "server_epoch": self.epoch, "status": "pending", "confirm_before": until.isoformat()}

    # ---- phase 2: POST /v1/enrol/confirm, /v1/enrol/cancel ----------------------------------------
    def confirm_enrolment(self, credential: str | None, token: str) -> dict[str, Any]:
        """Make the pending enrolment of `credential` a device and use up `token` (which must be its token).

        Returns {device_id, store_id, terminal_id, server_epoch, status: "active",
        already_confirmed, replaced: [device ids revoked because this device replaces them]}.
        Idempotent: the same credential and token again answer the same device
        (`already_confirmed` true). Raises AuthError 401 (no or unknown credential), 403
        (another token than the enrolment's, or the device was revoked since), 409 (the
        enrolment was superseded, cancelled or lapsed: enrol again with the token)."""
        if not credential:
            raise AuthError(401, "not_authenticated", "Missing bearer credential (the one POST /v1/enrol returned).")
        now = self.clock()
        cred_hash, token_hash = sha256_hex(credential), sha256_hex(token)
        with self.write():
            p = self.conn.execute("""SELECT device_id, token_sha256, store_id, terminal_id, name, expires_at, state
                                     FROM pending_enrolments WHERE credential_sha256 = ?""", (cred_hash,)).fetchone()
            if p is None:
                return self._confirmed_before(cred_hash, token_hash)
            device_id, p_token, store_id, terminal_id, name, expires_at, state = p
            if not hmac.compare_digest(p_token, token_hash):
                raise AuthError(403, "enrolment_token_mismatch", "This is not the token this enrolment was made with.")
            if state == "superseded":
                raise AuthError(409, "enrolment_superseded",
                                "A newer enrolment with the same token replaced this one; enrol again with the token.")
            if state == "cancelled":
                raise AuthError(409, "enrolment_cancelled", "This enrolment was cancelled; enrol again with the token.")
            if datetime.fromisoformat(expires_at) < now:
                raise AuthError(409, "enrolment_expired", f"This enrolment was not confirmed within "
                                f"{int(PENDING_TTL.total_seconds() // 60)} minutes; enrol again with the token.")
            self.conn.execute("DELETE FROM pending_enrolments WHERE credential_sha256 = ?", (cred_hash,))
            self.conn.execute(
                "INSERT INTO devices(device_id, store_id, terminal_id, credential_sha256, name, enrolled_at) VALUES (?,?,?,?,?,?)",
                (device_id, store_id, terminal_id, cred_hash, name, now.isoformat()))
            self.conn.execute("UPDATE enrol_tokens SET used_at = ?, device_id = ? WHERE token_sha256 = ?",
                              (now.isoformat(), device_id, token_hash))
            # one terminal id, one device: the credential an earlier enrolment of this terminal left
            # (a re-imaged PC, a lost vault) stops working instead of lingering as an orphan
            replaced = [r[0] for r in self.conn.execute(
                """SELECT device_id FROM devices WHERE store_id = ? AND terminal_id = ? AND device_id <> ?
                   AND revoked_at IS NULL ORDER BY enrolled_at""", (store_id, terminal_id, device_id))]
            self.conn.executemany("UPDATE devices SET revoked_at = ?, revoked_reason = ? WHERE device_id = ?",
                                  [(now.isoformat(), f"replaced by {device_id} (re-enrolment)", d) for d in replaced])
        return {"device_id": device_id, "store_id": store_id, "terminal_id": terminal_id, "server_epoch": self.epoch,
                "status": "active", "already_confirmed": False, "replaced": replaced}

    def _confirmed_before(self, cred_hash: str, token_hash: str) -> dict[str, Any]:
        d = self.conn.execute("SELECT device_id, store_id, terminal_id, revoked_at FROM devices WHERE credential_sha256 = ?",
                              (cred_hash,)).fetchone()
        if d is None:
            raise AuthError(401, "bad_credential", "Unknown enrolment credential; enrol again with the token.")
        t = self.conn.execute("SELECT device_id FROM enrol_tokens WHERE token_sha256 = ?", (token_hash,)).fetchone()
        if t is None or t[0] != d[0]:
            raise AuthError(403, "enrolment_token_mismatch", "This is not the token this device was enrolled with.")
        if d[3] is not None:
            raise AuthError(403, "device_revoked", f"Device {d[0]} was revoked; enrol it again with a new token.")
        return {"device_id": d[0], "store_id": d[1], "terminal_id": d[2], "server_epoch": self.epoch, "status": "active",
                "already_confirmed": True, "replaced": []}

    def cancel_enrolment(self, credential: str | None) -> dict[str, str]:
        """Drop the pending enrolment of `credential` (its token can be used again at once).

        Returns {device_id, status: "cancelled"}; cancelling twice is fine. Raises AuthError 401
        (no or unknown credential), 409 (already confirmed: revoke the device instead)."""
        if not credential:
            raise AuthError(401, "not_authenticated", "Missing bearer credential (the one POST /v1/enrol returned).")
        cred_hash = sha256_hex(credential)
        with self.write():
            p = self.conn.execute("SELECT device_id FROM pending_enrolments WHERE credential_sha256 = ?", (cred_hash,)).fetchone()
            if p is None:
                if self.conn.execute("SELECT 1 FROM devices WHERE credential_sha256 = ?", (cred_hash,)).fetchone():
                    raise AuthError(409, "enrolment_confirmed", "This enrolment is confirmed; revoke the device instead.")
                raise AuthError(401, "bad_credential", "Unknown enrolment credential.")
            self.conn.execute("UPDATE pending_enrolments SET state = 'cancelled' WHERE credential_sha256 = ? AND state = 'pending'",
                              (cred_hash,))
        return {"device_id": p[0], "status": "cancelled"}

    # ---- every other call -------------------------------------------------------------------------
    def authenticate(self, credential: str | None) -> dict[str, str]:
        """The active device of a bearer credential: {device_id, store_id, terminal_id}.

        Raises AuthError 401 (missing or unknown), 403 (revoked, or an enrolment not confirmed yet)."""
        if not credential:
            raise AuthError(401, "not_authenticated", "Missing bearer credential.")
        reader = self._reader()
        cred_hash = sha256_hex(credential)
        r = reader.execute("SELECT device_id, store_id, terminal_id, revoked_at FROM devices WHERE credential_sha256 = ?",
                           (cred_hash,)).fetchone()
        if r is None:
            p = reader.execute("SELECT device_id FROM pending_enrolments WHERE credential_sha256 = ? AND state = 'pending'",
                               (cred_hash,)).fetchone()
            if p is not None:
                raise AuthError(403, "enrolment_not_confirmed",
                                f"The enrolment of device {p[0]} is not confirmed yet (POST /v1/enrol/confirm).")
            raise AuthError(401, "bad_credential", "Unknown device credential.")
        if r[3] is not None:
            raise AuthError(403, "device_revoked", f"Device {r[0]} was revoked; enrol it again.")
        return {"device_id": r[0], "store_id": r[1], "terminal_id": r[2]}

    def revoke_self(self, device: dict, reason: str = "unenrolled by the terminal") -> dict[str, str]:
        """POST /v1/device/revoke: the authenticated `device` gives up its credential. Returns {device_id, revoked_at}."""
        at = self.clock().isoformat()
        with self.write():
            self.conn.execute("UPDATE devices SET revoked_at = ?, revoked_reason = ? WHERE device_id = ? AND revoked_at IS NULL",
                              (at, reason, device["device_id"]))
        return {"device_id": device["device_id"], "revoked_at": at}
