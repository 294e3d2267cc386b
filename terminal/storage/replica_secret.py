"""The replica secret: one random 32-byte key per replica, kept OUT of the replica file, that keys
what a stolen replica must not give away (issue 13, section 5): staff PIN hashes
(`terminal/infra/pins.py`), member card and coupon numbers (`terminal/storage/keyed.py`).

    ReplicaSecret     the key. mac(purpose, data) -> 32 bytes: HMAC-SHA256 under the HKDF-SHA256
                      subkey of `purpose` ("staff-pin", "member-card", "coupon-number"); key_id
                      (8 hex digits) names it inside keyed values; check (hex) is kept in the
                      replica to recognise it
    ReplicaSecrets    finds one replica's secret: get(), vault_secret() (the sync client), and the
                      unprotected key of a catalog-initialised or demo replica (unprotected())

Where a replica's secret lives (meta `replica_secret`):

    "vault"        the OS credential vault, entry service "loyalty-terminal.replica-secret",
                   account = the replica id (meta `replica_id`), through the keyring machinery of
                   sync/credentials.py. Every replica that syncs: the sync client makes the secret
                   at its first pull (a replica made from a catalog file switches to it then, and
                   is pulled again in full) and migration 0008 sets it for replicas that synced
                   before. Once "vault", a replica never goes back to an unprotected key.
    "unprotected"  a key in the replica's own meta (`replica_secret_key`): `init --catalog` and the
                   demo replica, which have never synced. Such a file protects nothing the catalog
                   file it was made from does not already show (names, PIN hashes, card numbers);
                   the demo's PINs are public.
    absent         an empty replica: nothing keyed yet.

A secret read from the vault is kept in memory for the process (`_UNLOCKED`, by replica id, checked
against meta `replica_secret_check`): a locked vault may prompt at every read, and the counter and
the sync thread of one window share it.

Errors: whatever goes wrong inside the vault is `CredentialVaultUnavailable` (sync.client; its
`state` "locked", "unavailable", or "missing": the vault holds no secret for this replica, or
another one), with a message naming the replica secret and what to do; never a silent fallback.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import threading
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from sync.client import CredentialVaultUnavailable
    from sync.credentials import CredentialStore
    from terminal.storage.replica import Replica

from sync.credentials import REPLICA_SECRET_SERVICE as SERVICE  # noqa: E402 (vault entry: this service, account = replica id)

KEY_BYTES = 32
META_MODE, META_KEY, META_CHECK, META_ID = "replica_secret", "replica_secret_key", "replica_secret_check", "replica_id"
META_REWRAP = "replica_rewrap"  # "1": plain scrypt staff hashes wait for the secret (an upgraded replica)
VAULT, UNPROTECTED = "vault", "unprotected"
_HKDF_SALT = b"loyalty-terminal replica secret v1"

_UNLOCKED: dict[str, "ReplicaSecret"] = {}
_LOCK = threading.Lock()


class ReplicaSecret:
    """A replica's 32-byte key. `protected`: it came from the OS vault (False: the replica's own meta)."""

    __slots__ = ("_prk", "_sub", "protected", "key_id", "check")

    def __init__(self, key: bytes, *, protected: bool) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"a replica secret is {KEY_BYTES} bytes, not {len(key)}")
        self._prk = hmac.new(_HKDF_SALT, key, hashlib.sha256).digest()  # HKDF-Extract (RFC 5869)
        self._sub: dict[str, bytes] = {}
        self.protected = protected
        self.check = self.mac("check", b"").hex()
        self.key_id = self.check[:8]

    def __repr__(self) -> str:
        return f"ReplicaSecret(key_id={self.key_id!r}, protected={self.protected})"

    def subkey(self, purpose: str) -> bytes:
        """HKDF-Expand (RFC 5869, one block) of the purpose: 32 bytes, one per purpose."""
        k = self._sub.get(purpose)
        if k is None:
            k = self._sub[purpose] = hmac.new(self._prk, b"loyalty-terminal/" + purpose.encode() + b"\x01", hashlib.sha256).digest()
        return k

    def mac(self, purpose: str, data: bytes) -> bytes:
        """HMAC-SHA256 of `data` under the subkey of `purpose`: 32 bytes."""
        return hmac.new(self.subkey(purpose), data, hashlib.sha256).digest()

    @staticmethod
    def generate(*, protected: bool) -> tuple[ReplicaSecret, str]:
        """A new random secret and its text form (base64) for the vault or meta."""
        key = os.urandom(KEY_BYTES)
        return ReplicaSecret(key, protected=protected), base64.b64encode(key).decode()

    @staticmethod
    def from_text(text: str, *, protected: bool) -> ReplicaSecret:
        """ValueError for a text that is not base64 of 32 bytes."""
        try:
            key = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise ValueError("not a replica secret (base64 of 32 bytes)") from None
        return ReplicaSecret(key, protected=protected)


def _vault_error(message: str, state: str, cause: str = "", backend: str = "") -> CredentialVaultUnavailable:
    from sync.client import CredentialVaultUnavailable

    return CredentialVaultUnavailable(message, state=state, cause=cause, backend=backend)


def keyring_entry(replica_id: str) -> CredentialStore:
    """The production vault entry of a replica's secret (keyring: Windows Credential Manager, macOS
    Keychain, Secret Service). CredentialVaultUnavailable ("unavailable") when there is no usable vault."""
    import keyring
    from keyring.backends import fail

    from sync.credentials import KeyringCredentialStore, backend_name

    kr = keyring.get_keyring()
    if isinstance(kr, fail.Keyring) or getattr(kr, "priority", 1) <= 0:
        raise _vault_error(f"no OS credential vault is available (keyring backend: {backend_name()}) for the replica "
                           "secret", "unavailable", "no keyring backend", backend_name())
    return KeyringCredentialStore(replica_id, service=SERVICE)


VaultFor = Callable[[str], "CredentialStore"]


class ReplicaSecrets:
    """Finds the secret of one replica (see the module docstring). `vault`: replica id -> the vault
    entry holding its secret (default: the OS keyring, `keyring_entry`); the sync client passes its
    credential store's (`CredentialStore.replica_secret`), so tests with an in-memory vault work."""

    def __init__(self, replica: Replica, vault: VaultFor | None = None) -> None:
        self.replica = replica
        self.vault = vault or keyring_entry

    # ---- reading -----------------------------------------------------------------------------
    @property
    def mode(self) -> str | None:
        return self.replica.get_meta(META_MODE)

    def get(self) -> ReplicaSecret | None:
        """The secret; None when the replica has none yet (nothing is keyed then). Raises
        CredentialVaultUnavailable for a vault replica whose vault is locked, unavailable, or
        holds no (or another) secret for it ("missing")."""
        mode = self.mode
        if mode is None:
            return None
        if mode == UNPROTECTED:
            return ReplicaSecret.from_text(self.replica.get_meta(META_KEY) or "", protected=False)
        if mode != VAULT:
            raise ValueError(f"replica secret mode {mode!r} is unknown to this version")
        check = self.replica.get_meta(META_CHECK)
        if check is None:
            return None  # an upgraded replica before its first sync: nothing keyed yet
        rid = self.replica.get_meta(META_ID) or ""
        with _LOCK:
            cached = _UNLOCKED.get(rid)
        if cached is not None and cached.check == check:
            return cached
        text = self._read(rid)
        if not text:
            raise self._missing(rid, "the vault holds no secret for it")
        try:
            secret = ReplicaSecret.from_text(text, protected=True)
        except ValueError:
            raise self._missing(rid, "the vault's entry is not a replica secret") from None
        if secret.check != check:
            raise self._missing(rid, "the vault holds another replica's secret under its id")
        with _LOCK:
            _UNLOCKED[rid] = secret
        return secret

    def _read(self, rid: str) -> str | None:
        from sync.client import CredentialVaultUnavailable
        from sync.credentials import vault_error

        try:
            return self.vault(rid).get()
        except CredentialVaultUnavailable as exc:
            raise _vault_error(self._say(rid, exc.state, exc.cause or str(exc)), exc.state, exc.cause, exc.backend) from exc
        except Exception as exc:  # a vault object that is not a KeyringCredentialStore
            err = vault_error(exc, "reading", type(exc).__module__)
            raise _vault_error(self._say(rid, err.state, err.cause), err.state, err.cause, err.backend) from exc

    def _say(self, rid: str, state: str, cause: str) -> str:
        what = {"locked": "is locked", "missing": "does not hold it"}.get(state, "is unavailable")
        return (f"the replica secret of this terminal (OS credential vault, service {SERVICE!r}, account {rid!r}) cannot "
                f"be read: the vault {what} ({cause}). Staff PINs, member card and coupon numbers cannot be checked until "
                "it can: unlock the vault (log in to the desktop session; see the IT guide, 'Credential vault')")

    def _missing(self, rid: str, cause: str) -> CredentialVaultUnavailable:
        return _vault_error(self._say(rid, "missing", cause) + "; a sync makes a new secret and pulls staff, members and coupons "
                            "again", "missing", cause)

    # ---- the sync client: a secret in the vault ----------------------------------------------
    def vault_secret(self, *, renew: bool = False) -> tuple[ReplicaSecret, bool]:
        """The vault secret of a replica that syncs, made when it has none (or `renew`: the vault lost
        it). Returns (secret, rekeyed): rekeyed True when rows keyed under an earlier key (the
        unprotected one, or a lost one) may remain, so the caller pulls everything again.

        Made in a write transaction of the replica (two processes cannot both make one): a new key is
        written to the vault and read back before the replica records it. Raises
        CredentialVaultUnavailable when the vault refuses or does not give it back (nothing recorded)."""
        from terminal.storage.db import transaction

        if not renew and self.mode == VAULT and self.replica.get_meta(META_CHECK):
            return self.get(), False  # type: ignore[return-value]
        with transaction(self.replica.db):
            mode, check = self.mode, self.replica.get_meta(META_CHECK)
            if not renew and mode == VAULT and check:
                secret = None  # made by another process meanwhile: read it after the transaction
            else:
                rid = self.replica.get_meta(META_ID) or os.urandom(16).hex()
                secret, text = ReplicaSecret.generate(protected=True)
                self._write(rid, text)
                self.replica.set_meta(META_ID, rid)
                self.replica.set_meta(META_MODE, VAULT)
                self.replica.set_meta(META_CHECK, secret.check)
                self.replica.conn.execute("DELETE FROM meta WHERE key = ?", (META_KEY,))
                with _LOCK:
                    _UNLOCKED[rid] = secret
                rekeyed = renew or mode == UNPROTECTED or (mode == VAULT and check is not None)
                from terminal.storage import keyed

                keyed.rewrap_plain_staff(self.replica.conn, secret)  # plain hashes of an upgraded replica
        if secret is None:
            return self.get(), False  # type: ignore[return-value]
        return secret, rekeyed

    def _write(self, rid: str, text: str) -> None:
        from sync.client import CredentialVaultUnavailable
        from sync.credentials import vault_error

        try:
            entry = self.vault(rid)
            entry.set(text)
            back = entry.get()
        except CredentialVaultUnavailable as exc:
            raise _vault_error(f"could not keep a new replica secret in the OS credential vault: {exc}", exc.state,
                               exc.cause, exc.backend) from exc
        except Exception as exc:
            err = vault_error(exc, "storing", type(exc).__module__)
            raise _vault_error(f"could not keep a new replica secret in the OS credential vault: {err}", err.state,
                               err.cause, err.backend) from exc
        if back != text:
            raise _vault_error("the OS credential vault did not give the new replica secret back (a write dropped); "
                               "nothing was changed", "unavailable", "write not kept")

    # ---- catalog-initialised and demo replicas -----------------------------------------------
    def unprotected(self) -> ReplicaSecret:
        """The key of a replica that has never synced, kept in its own meta (made on first use; the
        caller holds the write transaction). ValueError for a replica whose secret is in the vault:
        it never falls back to a key in the file."""
        mode = self.mode
        if mode == VAULT:
            raise ValueError("this replica's secret is in the OS credential vault: a catalog cannot initialise a "
                             "replica that syncs")
        if mode == UNPROTECTED:
            return ReplicaSecret.from_text(self.replica.get_meta(META_KEY) or "", protected=False)
        secret, text = ReplicaSecret.generate(protected=False)
        self.replica.set_meta(META_ID, self.replica.get_meta(META_ID) or os.urandom(16).hex())
        self.replica.set_meta(META_MODE, UNPROTECTED)
        self.replica.set_meta(META_KEY, text)
        self.replica.set_meta(META_CHECK, secret.check)
        return secret


def forget_unlocked() -> None:
    """Drop the secrets read from vaults in this process (tests: the next read asks the vault)."""
    with _LOCK:
        _UNLOCKED.clear()

