"""Devices and two-phase enrolment of the reference central server (a mixin of `CentralStore`).

A terminal becomes a device in two steps, so that a PC whose credential vault refuses the
credential neither spends its one-time token nor leaves an orphan device behind::

    enrol token (enrol_tokens, sync/server/tokens.py)
      | POST /v1/enrol {token, terminal_id}          the token is checked, RESERVED (not used);
      |   [Bearer the PC's current credential]       a terminal id with an active device is
      v                                              refused unless replacing it is allowed (below)
    pending enrolment (pending_enrolments)           credential returned once, only its hash kept;
      |                                              refused by push/pull/allowances (403
      |                                              enrolment_not_confirmed); at most ONE per token
      |-- POST /v1/enrol/confirm {token}, Bearer the pending credential
      |       -> device (devices), token USED, the device it replaces (if allowed) revoked
      |-- POST /v1/enrol/cancel, Bearer the pending credential      -> cancelled, token free
      |-- another POST /v1/enrol with the same token                -> superseded (row replaced), token free
      '-- PENDING_TTL passes unconfirmed                            -> lapsed, token free
    device
      |-- POST /v1/device/revoke, Bearer its credential (the terminal's `unenroll`)  -> revoked
      |-- admin `revoke-device --device ID`                                          -> revoked
      '-- a confirmed enrolment that replaces it                                     -> revoked, `replaced_by`
    (each of the three revokes the device's voucher signing key too: sync/server/device_keys.py)

**One terminal id, one device, and never taken over silently.** Enrolling a terminal id that
has an active device is refused (409 `terminal_in_use`) unless

  (a) the token was issued to replace exactly that terminal (`enrol-token --replace T1`:
      IT's "replace this PC"), or
  (b) the enrol request carries, as its Bearer, the current credential of that terminal's
      active device: the same PC re-enrolling itself with a new token.

Confirming then revokes the old device with the reason "replaced by dev-… (…)". The check is
made again at confirmation, so two new PCs racing for a free terminal id cannot displace
each other: the second confirmation is refused.

Why the confirmation carries the token: whoever holds the TOKEN may enrol (that is what the
token is for); a party that got hold of a pending CREDENTIAL alone (a crash dump, a vault
that kept a copy) can neither use it (pending) nor confirm it, so it cannot spend the
legitimate terminal's token; at worst it cancels that attempt, and the same token enrols again.
Confirming twice with the same credential and token answers the same device again
(`already_confirmed`): a terminal that crashed after the server confirmed and before it wrote
its own state finishes with the same token. See docs/sync.md, "Enrolment".

Bounded storage: a new POST /v1/enrol with a token DELETES that token's earlier row (only the
superseded credential's hash stays, on the token, to answer a late confirmation truthfully),
and each POST /v1/enrol purges at most PURGE_BATCH lapsed rows through an index.

Errors are `AuthError` (status, code, message) for requests, `AdminError` for the admin CLI.
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from sync.server.errors import AdminError, AuthError
from sync.server.tokens import TokenRegistry, sha256_hex

__all__ = ["DEVICE_SCHEMA", "DeviceRegistry", "PENDING_KEEP", "PENDING_TTL", "sha256_hex"]

PENDING_TTL = timedelta(minutes=15)  # an unconfirmed enrolment lapses; its token can be used again
PENDING_KEEP = timedelta(days=1)  # lapsed pending rows kept this long (to say why a late confirm fails)
PURGE_BATCH = 64  # lapsed rows deleted per POST /v1/enrol (each call adds at most one)

# The base tables; their later columns and indexes are named migrations (sync/server/schema.py, 0005).
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
]


class DeviceRegistry(TokenRegistry):
    """Enrolment tokens (TokenRegistry), pending enrolments and devices. Mixed into `CentralStore`,
    whose `conn`, `write()`, `_reader()`, `clock`, `get()` and `epoch` it uses."""

    # ---- admin -----------------------------------------------------------------------------------
    def revoke_device(self, device_id: str, reason: str = "") -> None:
        """Admin: lock a device out (its credential then gets 403 device_revoked). AdminError when no such active device."""
        with self.write():
            cur = self.conn.execute("UPDATE devices SET revoked_at = ?, revoked_reason = ? WHERE device_id = ? AND revoked_at IS NULL",
                                    (self.clock().isoformat(), reason, device_id))
            if cur.rowcount == 0:
                raise AdminError(f"no active device {device_id!r}")
            self._revoke_key(device_id, f"device revoked{': ' + reason if reason else ''}")  # its vouchers too

    def devices(self) -> list[dict]:
        """Every device, oldest first: [{device_id, store_id, terminal_id, name, enrolled_at, revoked_at,
        revoked_reason, replaced_by (the device that replaced it, or None)}]."""
        cols = ("device_id", "store_id", "terminal_id", "name", "enrolled_at", "revoked_at", "revoked_reason", "replaced_by")
        return [dict(zip(cols, r)) for r in self.conn.execute(f"SELECT {', '.join(cols)} FROM devices ORDER BY enrolled_at")]

    def pending_enrolments(self) -> list[dict]:
        """Enrolments not confirmed yet and not lapsed: [{device_id, store_id, terminal_id, name, created_at, expires_at,
        replaces: [active devices its confirmation revokes (a replacement token, or the PC's proven credential)]}]."""
        cols = ("device_id", "store_id", "terminal_id", "name", "created_at", "expires_at")
        now = self.clock().isoformat()
        out = []
        for r in self.conn.execute(
                f"""SELECT {', '.join('p.' + c for c in cols)}, p.replace_device, t.replace_terminal
                    FROM pending_enrolments p JOIN enrol_tokens t ON t.token_sha256 = p.token_sha256
                    WHERE p.state = 'pending' AND p.expires_at >= ? ORDER BY p.created_at""", (now,)):
            d = dict(zip(cols, r))
            by_token = r[-1] is not None and r[-1] == d["terminal_id"]
            d["replaces"] = self._active_devices(d["store_id"], d["terminal_id"]) if by_token else [r[-2]] if r[-2] else []
            out.append(d)
        return out

    # ---- phase 1: POST /v1/enrol ------------------------------------------------------------------
    def enrol(self, token: str, terminal_id: str, device_name: str = "", *, expected_store: str | None = None,
              current_credential: str | None = None) -> dict[str, Any]:
        """Check and reserve the token; a PENDING enrolment with a new credential (returned once).

        `current_credential`: the Bearer of the request, the PC's current device credential, which
        proves it is the device of `terminal_id` re-enrolling itself. Returns {device_id, credential,
        store_id, terminal_id, server_epoch, status: "pending", confirm_before (ISO time), replaces:
        [the terminal's active device ids, which confirming revokes]}. A pending enrolment made
        earlier with the same token is superseded (deleted). Raises AuthError 401 (unknown, used, revoked or expired
        token), 409 wrong_store (another store's token than `expected_store`), 409
        token_for_other_terminal (a replacement token of another terminal), 409 terminal_in_use
        (the terminal has an active device and replacing it is not allowed); the token is left as
        it was on every error."""
        now = self.clock()
        token_hash = sha256_hex(token)
        with self.write():
            self._purge_lapsed(now)
            t = self._usable_token(token_hash, now)
            if expected_store is not None and expected_store != t.store_id:  # checked before the token is reserved
                raise AuthError(409, "wrong_store", f"This token is for store {t.store_id}, but this terminal's data is of store "
                                f"{expected_store}; ask for a token of {expected_store}.")
            if t.replace_terminal is not None and t.replace_terminal != terminal_id:
                raise AuthError(409, "token_for_other_terminal", f"This token was issued to replace terminal "
                                f"{t.replace_terminal} of store {t.store_id}; enrol as {t.replace_terminal}, or ask for a "
                                f"token for terminal {terminal_id}.")
            active = self._active_devices(t.store_id, terminal_id)
            proven = None
            if active and t.replace_terminal is None:  # only the terminal's own device may re-enrol it
                proven = self._proven_device(current_credential, t.store_id, terminal_id)
                if proven is None or any(d != proven for d in active):
                    raise self._in_use(t.store_id, terminal_id, active)
            old = self.conn.execute("SELECT credential_sha256, state FROM pending_enrolments WHERE token_sha256 = ?",
                                    (token_hash,)).fetchone()
            if old is not None:  # at most one row per token: the earlier attempt is superseded
                if old[1] == "pending":
                    self.conn.execute("UPDATE enrol_tokens SET superseded_sha256 = ? WHERE token_sha256 = ?",
                                      (old[0], token_hash))
                self.conn.execute("DELETE FROM pending_enrolments WHERE token_sha256 = ?", (token_hash,))
            device_id = "dev-" + uuid.uuid4().hex[:12]
            credential = secrets.token_urlsafe(32)
            until = now + PENDING_TTL
            self.conn.execute(
                """INSERT INTO pending_enrolments(credential_sha256, device_id, token_sha256, store_id, terminal_id, name,
                       created_at, expires_at, state, replace_device) VALUES (?,?,?,?,?,?,?,?,'pending',?)""",
                (sha256_hex(credential), device_id, token_hash, t.store_id, terminal_id, device_name, now.isoformat(),
                 until.isoformat(), proven))
        return {"device_id": device_id, "credential": credential, "store_id": t.store_id, "terminal_id": terminal_id,
                "server_epoch": self.epoch, "status": "pending", "confirm_before": until.isoformat(), "replaces": active}

    def _purge_lapsed(self, now: datetime) -> None:
        """Delete at most PURGE_BATCH pending rows lapsed more than PENDING_KEEP ago (indexed on expires_at)."""
        self.conn.execute("""DELETE FROM pending_enrolments WHERE credential_sha256 IN
                             (SELECT credential_sha256 FROM pending_enrolments WHERE expires_at < ? ORDER BY expires_at LIMIT ?)""",
                          ((now - PENDING_KEEP).isoformat(), PURGE_BATCH))

    def _proven_device(self, credential: str | None, store_id: str, terminal_id: str) -> str | None:
        """The active device of this terminal whose credential is `credential`, or None."""
        if not credential:
            return None
        r = self.conn.execute("""SELECT device_id FROM devices WHERE credential_sha256 = ? AND store_id = ? AND terminal_id = ?
                                 AND revoked_at IS NULL""", (sha256_hex(credential), store_id, terminal_id)).fetchone()
        return r[0] if r else None

    @staticmethod
    def _in_use(store_id: str, terminal_id: str, active: list[str]) -> AuthError:
        return AuthError(409, "terminal_in_use", (
            f"Terminal {terminal_id} of store {store_id} is in use by device {', '.join(active)}; a token does not take "
            f"it over. To replace that PC, the server admin makes a replacement token: enrol-token --store {store_id} "
            f"--replace {terminal_id}. To re-enrol the same PC, run enroll on it while its current credential is in its "
            "vault. Or revoke the old device first (revoke-device)."))

    # ---- phase 2: POST /v1/enrol/confirm, /v1/enrol/cancel ----------------------------------------
    def confirm_enrolment(self, credential: str | None, token: str) -> dict[str, Any]:
        """Make the pending enrolment of `credential` a device and use up `token` (which must be its token).

        Returns {device_id, store_id, terminal_id, server_epoch, status: "active",
        already_confirmed, replaced: [device ids revoked because this device replaces them]}.
        Idempotent: the same credential and token again answer the same device
        (`already_confirmed` true, the same `replaced`). Raises AuthError 401 (no or unknown
        credential; the token was revoked or has expired), 403 (another token than the
        enrolment's, or the device was revoked since), 409 (the enrolment was superseded,
        cancelled or lapsed: enrol again with the token; terminal_in_use: another device took
        the terminal id meanwhile)."""
        if not credential:
            raise AuthError(401, "not_authenticated", "Missing bearer credential (the one POST /v1/enrol returned).")
        now = self.clock()
        cred_hash, token_hash = sha256_hex(credential), sha256_hex(token)
        with self.write():
            p = self.conn.execute("""SELECT device_id, token_sha256, store_id, terminal_id, name, expires_at, state,
                                     replace_device FROM pending_enrolments WHERE credential_sha256 = ?""",
                                  (cred_hash,)).fetchone()
            if p is None:
                return self._confirmed_before(cred_hash, token_hash)
            device_id, p_token, store_id, terminal_id, name, expires_at, state, replace_device = p
            if not hmac.compare_digest(p_token, token_hash):
                raise AuthError(403, "enrolment_token_mismatch", "This is not the token this enrolment was made with.")
            t = self._usable_token(token_hash, now)  # revoked or expired since phase 1: 401
            if state == "cancelled":
                raise AuthError(409, "enrolment_cancelled", "This enrolment was cancelled; enrol again with the token.")
            if datetime.fromisoformat(expires_at) < now:
                raise AuthError(409, "enrolment_expired", f"This enrolment was not confirmed within "
                                f"{int(PENDING_TTL.total_seconds() // 60)} minutes; enrol again with the token.")
            active = self._active_devices(store_id, terminal_id)
            by_token = t.replace_terminal == terminal_id
            allowed = set(active) if by_token else {replace_device} if replace_device else set()
            if any(d not in allowed for d in active):  # someone else enrolled this terminal id since phase 1
                raise self._in_use(store_id, terminal_id, active)
            self.conn.execute("DELETE FROM pending_enrolments WHERE credential_sha256 = ?", (cred_hash,))
            self.conn.execute(
                "INSERT INTO devices(device_id, store_id, terminal_id, credential_sha256, name, enrolled_at) VALUES (?,?,?,?,?,?)",
                (device_id, store_id, terminal_id, cred_hash, name, now.isoformat()))
            self.conn.execute("UPDATE enrol_tokens SET used_at = ?, device_id = ? WHERE token_sha256 = ?",
                              (now.isoformat(), device_id, token_hash))
            how = "replacement token" if by_token else "re-enrolment of the same PC"
            self.conn.executemany("UPDATE devices SET revoked_at = ?, revoked_reason = ?, replaced_by = ? WHERE device_id = ?",
                                  [(now.isoformat(), f"replaced by {device_id} ({how})", device_id, d) for d in active])
            for d in active:  # a replaced device signs no more vouchers (sync/server/device_keys.py)
                self._revoke_key(d, f"replaced by {device_id} ({how})")
        return {"device_id": device_id, "store_id": store_id, "terminal_id": terminal_id, "server_epoch": self.epoch,
                "status": "active", "already_confirmed": False, "replaced": active}

    def _confirmed_before(self, cred_hash: str, token_hash: str) -> dict[str, Any]:
        d = self.conn.execute("SELECT device_id, store_id, terminal_id, revoked_at FROM devices WHERE credential_sha256 = ?",
                              (cred_hash,)).fetchone()
        if d is None:
            t = self.conn.execute("SELECT superseded_sha256 FROM enrol_tokens WHERE token_sha256 = ?", (token_hash,)).fetchone()
            if t is not None and t[0] is not None and hmac.compare_digest(t[0], cred_hash):
                raise AuthError(409, "enrolment_superseded",
                                "A newer enrolment with the same token replaced this one; enrol again with the token.")
            raise AuthError(401, "bad_credential", "Unknown enrolment credential; enrol again with the token.")
        t = self.conn.execute("SELECT device_id FROM enrol_tokens WHERE token_sha256 = ?", (token_hash,)).fetchone()
        if t is None or t[0] != d[0]:
            raise AuthError(403, "enrolment_token_mismatch", "This is not the token this device was enrolled with.")
        if d[3] is not None:
            raise AuthError(403, "device_revoked", f"Device {d[0]} was revoked; enrol it again with a new token.")
        replaced = [r[0] for r in self.conn.execute("SELECT device_id FROM devices WHERE replaced_by = ? ORDER BY enrolled_at",
                                                    (d[0],))]
        return {"device_id": d[0], "store_id": d[1], "terminal_id": d[2], "server_epoch": self.epoch, "status": "active",
                "already_confirmed": True, "replaced": replaced}

    def cancel_enrolment(self, credential: str | None) -> dict[str, str]:
        """Drop the pending enrolment of `credential` (its token can be used again at once).

        Returns {device_id, status: "cancelled"}. Raises AuthError 401 (no or unknown credential),
        409 with what is true otherwise: enrolment_confirmed (revoke the device instead),
        enrolment_cancelled (already), enrolment_superseded, enrolment_expired (lapsed; left as it is)."""
        if not credential:
            raise AuthError(401, "not_authenticated", "Missing bearer credential (the one POST /v1/enrol returned).")
        cred_hash = sha256_hex(credential)
        with self.write():
            p = self.conn.execute("SELECT device_id, state, expires_at FROM pending_enrolments WHERE credential_sha256 = ?",
                                  (cred_hash,)).fetchone()
            if p is None:
                if self.conn.execute("SELECT 1 FROM devices WHERE credential_sha256 = ?", (cred_hash,)).fetchone():
                    raise AuthError(409, "enrolment_confirmed", "This enrolment is confirmed; revoke the device instead.")
                if self.conn.execute("SELECT 1 FROM enrol_tokens WHERE superseded_sha256 = ?", (cred_hash,)).fetchone():
                    raise AuthError(409, "enrolment_superseded", "This enrolment was already superseded by a newer one "
                                    "with the same token; there is nothing to cancel.")
                raise AuthError(401, "bad_credential", "Unknown enrolment credential.")
            device_id, state, expires_at = p
            if state == "cancelled":
                raise AuthError(409, "enrolment_cancelled", f"The enrolment of device {device_id} was already cancelled.")
            if datetime.fromisoformat(expires_at) < self.clock():
                raise AuthError(409, "enrolment_expired", f"The enrolment of device {device_id} had already lapsed "
                                "unconfirmed; there is nothing to cancel.")
            self.conn.execute("UPDATE pending_enrolments SET state = 'cancelled' WHERE credential_sha256 = ?", (cred_hash,))
        return {"device_id": device_id, "status": "cancelled"}

    # ---- every other call -------------------------------------------------------------------------
    def authenticate(self, credential: str | None) -> dict[str, str]:
        """The active device of a bearer credential: {device_id, store_id, terminal_id}.

        Raises AuthError 401 (missing or unknown), 403 (revoked, or an enrolment not confirmed yet)."""
        if not credential:
            raise AuthError(401, "not_authenticated", "Missing bearer credential.")
        reader = self._reader()
        cred_hash = sha256_hex(credential)
        r = reader.execute("""SELECT device_id, store_id, terminal_id, revoked_at, revoked_reason, replaced_by FROM devices
                              WHERE credential_sha256 = ?""", (cred_hash,)).fetchone()
        if r is None:
            p = reader.execute("SELECT device_id FROM pending_enrolments WHERE credential_sha256 = ? AND state = 'pending'",
                               (cred_hash,)).fetchone()
            if p is not None:
                raise AuthError(403, "enrolment_not_confirmed",
                                f"The enrolment of device {p[0]} is not confirmed yet (POST /v1/enrol/confirm).")
            raise AuthError(401, "bad_credential", "Unknown device credential.")
        if r[3] is not None:
            if r[5]:
                raise AuthError(403, "device_revoked", f"Device {r[0]} was {r[4]}; this credential no longer works (a PC "
                                "whose re-enrolment was interrupted finishes it by running the same enroll command again).")
            raise AuthError(403, "device_revoked", f"Device {r[0]} was revoked{f' ({r[4]})' if r[4] else ''}; enrol it "
                            "again with a new token.")
        return {"device_id": r[0], "store_id": r[1], "terminal_id": r[2]}

    def revoke_self(self, device: dict, reason: str = "unenrolled by the terminal") -> dict[str, str]:
        """POST /v1/device/revoke: the authenticated `device` gives up its credential. Returns {device_id, revoked_at}."""
        at = self.clock().isoformat()
        with self.write():
            self.conn.execute("UPDATE devices SET revoked_at = ?, revoked_reason = ? WHERE device_id = ? AND revoked_at IS NULL",
                              (at, reason, device["device_id"]))
            self._revoke_key(device["device_id"], reason)
        return {"device_id": device["device_id"], "revoked_at": at}
