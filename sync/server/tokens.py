"""Enrolment tokens of the reference central server (a mixin of `CentralStore`, via `DeviceRegistry`).

A token is a one-time secret the admin gives IT to enrol one PC of one store. The server keeps
only its SHA-256; the admin CLI names a token by the first hex digits of that hash (its "id"),
never by the secret. A token is::

    unused    created, not expired, not revoked              -> POST /v1/enrol reserves it
    pending   an enrolment made with it awaits confirmation  (at most one per token)
    used      confirmed: it made device `device_id`         -> refused from then on (401)
    expired   `expires_at` passed unused                     -> refused (401), also at confirmation
    revoked   the admin withdrew it (`revoke-token`)         -> refused (401); its pending
                                                                enrolment is cancelled

A token made with `replace_terminal` (`enrol-token --store S --replace T1`) may enrol only
terminal T1 of store S, and confirming it revokes T1's active device ("replace this PC").
A plain token never takes over a terminal id that has an active device (see devices.py).

Errors: `AdminError` (admin requests: unknown store, bad validity, unknown or ambiguous token id,
a used token), `AuthError` (a request's token: 401 bad_enrolment_token, enrolment_token_used,
enrolment_token_expired, enrolment_token_revoked).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sync.server.errors import AdminError, AuthError

TTL_HOURS_MAX = 2160  # 90 days: a token lives days, not years (and a bigger value overflows datetime)
ID_LEN = 12  # hex digits of the token's SHA-256 shown by list-tokens
ID_MIN = 6  # the shortest prefix revoke-token accepts


def sha256_hex(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()


def check_ttl_hours(ttl_hours: object) -> int:
    """`ttl_hours` as an int in 1..TTL_HOURS_MAX. Raises AdminError otherwise."""
    if isinstance(ttl_hours, bool) or not isinstance(ttl_hours, int) or not 1 <= ttl_hours <= TTL_HOURS_MAX:
        raise AdminError(f"--ttl-hours must be a whole number of hours from 1 to {TTL_HOURS_MAX} (90 days), not {ttl_hours!r}")
    return ttl_hours


class TokenRow:
    """One row of `enrol_tokens` as the checks need it."""

    __slots__ = ("token_sha256", "store_id", "expires_at", "used_at", "device_id", "revoked_at", "replace_terminal",
                 "superseded_sha256")
    COLUMNS = ", ".join(__slots__)

    def __init__(self, row: tuple) -> None:
        for name, value in zip(self.__slots__, row):
            setattr(self, name, value)


class TokenRegistry:
    """Enrolment tokens: create, check, list, revoke. Uses `conn`, `write()`, `clock`, `get()` of `CentralStore`."""

    # ---- admin -----------------------------------------------------------------------------------
    def create_enrol_token(self, store_id: str, *, ttl_hours: int = 72, replace_terminal: str | None = None) -> str:
        """A new one-time token for `store_id`, valid `ttl_hours` (1..2160); only its hash is kept.

        `replace_terminal`: the token may enrol only that terminal and replaces its active device
        (which must exist: a typo in the id is refused rather than giving a token that replaces
        nothing). Raises AdminError (unknown store, bad ttl, no active device of that terminal)."""
        check_ttl_hours(ttl_hours)
        # "lte_" prefix: a bare urlsafe token starts with "-" one time in 64, and `enroll --token -x...`
        # (the CLI, the Windows installer) would read it as an option; the prefix also makes a leaked
        # token easy to recognise in a log or a secret scanner.
        token = "lte_" + secrets.token_urlsafe(24)
        now = self.clock()
        with self.write():
            if self.get("store", store_id) is None:
                raise AdminError(f"unknown store {store_id!r}")
            if replace_terminal is not None and not self._active_devices(store_id, replace_terminal):
                raise AdminError(f"terminal {replace_terminal!r} of store {store_id} has no active device to replace; "
                                 "a token without --replace enrols it (list-devices shows the terminals)")
            self.conn.execute("""INSERT INTO enrol_tokens(token_sha256, store_id, created_at, expires_at, replace_terminal)
                                 VALUES (?,?,?,?,?)""",
                              (sha256_hex(token), store_id, now.isoformat(), (now + timedelta(hours=ttl_hours)).isoformat(),
                               replace_terminal))
        return token

    def enrol_tokens(self, store_id: str | None = None) -> list[dict]:
        """Tokens, oldest first, without secrets: [{id (hex prefix of the hash), store_id, replace_terminal,
        created_at, expires_at, state: unused | pending | used | expired | revoked, device_id (used by, or
        the pending enrolment's), terminal_id (of the pending enrolment or the device), at (used/revoked time)}]."""
        now_dt = self.clock()
        now = now_dt.isoformat()
        rows = self.conn.execute(
            """SELECT t.token_sha256, t.store_id, t.replace_terminal, t.created_at, t.expires_at, t.used_at, t.device_id,
                      t.revoked_at, p.device_id, p.terminal_id, d.terminal_id
               FROM enrol_tokens t
               LEFT JOIN pending_enrolments p ON p.token_sha256 = t.token_sha256 AND p.state = 'pending' AND p.expires_at >= ?
               LEFT JOIN devices d ON d.device_id = t.device_id
               WHERE CAST(? AS TEXT) IS NULL OR t.store_id = ? ORDER BY t.created_at, t.token_sha256""", (now, store_id, store_id))
        out = []
        for h, store, replace, created, expires, used_at, device, revoked_at, p_dev, p_term, d_term in rows:
            state = ("revoked" if revoked_at else "used" if used_at else "expired" if datetime.fromisoformat(expires) < now_dt
                     else "pending" if p_dev else "unused")
            out.append({"id": h[:ID_LEN], "store_id": store, "replace_terminal": replace, "created_at": created,
                        "expires_at": expires, "state": state, "device_id": device or p_dev,
                        "terminal_id": d_term or p_term, "at": revoked_at or used_at})
        return out

    def revoke_enrol_token(self, *, token: str | None = None, token_id: str | None = None) -> dict:
        """Withdraw an unused token, given as the secret or as a hex prefix of its hash (at least 6 digits).

        Its pending enrolment, if any, is cancelled (its confirmation then answers 401
        enrolment_token_revoked). Returns {id, store_id}. Raises AdminError (neither or both given,
        no such token, an ambiguous prefix, a token already used or revoked)."""
        if (token is None) == (token_id is None):
            raise AdminError("give --token TOKEN or --id PREFIX (from list-tokens)")
        with self.write():
            if token is not None:
                rows = self.conn.execute(f"SELECT {TokenRow.COLUMNS} FROM enrol_tokens WHERE token_sha256 = ?",
                                         (sha256_hex(token),)).fetchall()
            else:
                prefix = token_id.strip().lower()
                if not re.fullmatch(r"[0-9a-f]{%d,64}" % ID_MIN, prefix):
                    raise AdminError(f"--id must be at least {ID_MIN} hex digits of a token id from list-tokens, "
                                     f"not {token_id!r}")
                rows = self.conn.execute(f"SELECT {TokenRow.COLUMNS} FROM enrol_tokens WHERE substr(token_sha256, 1, ?) = ? LIMIT 2",
                                         (len(prefix), prefix)).fetchall()
            if not rows:
                raise AdminError("no such enrolment token (list-tokens shows them)")
            if len(rows) > 1:
                raise AdminError(f"token id {token_id!r} matches several tokens; give more digits")
            t = TokenRow(rows[0])
            if t.used_at:
                raise AdminError(f"token {t.token_sha256[:ID_LEN]} was already used by device {t.device_id} "
                                 f"({t.used_at}); revoke that device instead: revoke-device --device {t.device_id}")
            if t.revoked_at:
                raise AdminError(f"token {t.token_sha256[:ID_LEN]} was already revoked ({t.revoked_at})")
            self.conn.execute("UPDATE enrol_tokens SET revoked_at = ? WHERE token_sha256 = ?",
                              (self.clock().isoformat(), t.token_sha256))
            self.conn.execute("UPDATE pending_enrolments SET state = 'cancelled' WHERE token_sha256 = ? AND state = 'pending'",
                              (t.token_sha256,))
        return {"id": t.token_sha256[:ID_LEN], "store_id": t.store_id}

    # ---- requests ----------------------------------------------------------------------------------
    def _usable_token(self, token_hash: str, now: datetime) -> TokenRow:
        """The token row if it may enrol now. Raises AuthError 401 (unknown, used, revoked, expired)."""
        r = self.conn.execute(f"SELECT {TokenRow.COLUMNS} FROM enrol_tokens WHERE token_sha256 = ?", (token_hash,)).fetchone()
        if r is None:
            raise AuthError(401, "bad_enrolment_token", "This enrolment token is not valid.")
        t = TokenRow(r)
        if t.used_at is not None:
            raise AuthError(401, "enrolment_token_used", "This enrolment token was already used; ask for a new one.")
        if t.revoked_at is not None:
            raise AuthError(401, "enrolment_token_revoked", "This enrolment token was revoked by the server admin; "
                            "ask for a new one.")
        if datetime.fromisoformat(t.expires_at) < now:
            raise AuthError(401, "enrolment_token_expired", "This enrolment token has expired; ask for a new one.")
        return t

    def _active_devices(self, store_id: str, terminal_id: str) -> list[str]:
        """Device ids of the active (not revoked) devices of one terminal, oldest first."""
        return [r[0] for r in self.conn.execute(
            """SELECT device_id FROM devices WHERE store_id = ? AND terminal_id = ? AND revoked_at IS NULL
               ORDER BY enrolled_at""", (store_id, terminal_id))]
