"""This terminal's signing key for the vouchers it issues (`LT1V…`, terminal/domain/device_codes.py).

    DeviceKeys(replica, vault=None)
      .ensure_registered(client) -> str   the sync client: make the key if the vault has none for this
                                          device, register its public half (POST /v1/device/key); at
                                          enrolment (sync.enrol) and, for a terminal enrolled before device
                                          keys existed, at its first sync (SyncClient.sync_once)
      .signer() -> (device_id, Signer) | None
                                          the counter: the key to sign with, only once the server has
                                          registered it (else None: the receipt shows the reference code)
      .check(brand_id) -> DeviceKeyRing   verifies `LT1V` codes with the brand's pulled keys (+ this one)

Where things are kept:
  * the private key: the OS vault, entry service "loyalty-terminal.device-key", account = the device
    id (`CredentialStore.device_key`); it never leaves the PC and is never in the replica;
  * the registered public key: replica meta `device_key_device` + `device_key_public`
    (terminal/storage/device_keys.py); `device_key_problem` says why a registration was refused.

One key per device, registered once (the server refuses another key for the same device: 409
`device_key_registered`). A new key comes only with a new device id, i.e. a re-enrolment (its new
device id gets a new key here); a vault that lost the key leaves the terminal printing reference
codes, with `device_key_problem` saying to re-enrol. A key read from the vault is kept in memory for
the process (`_UNLOCKED`, by device id, checked against the registered public key).

Errors: `ensure_registered` raises nothing the sync round must stop for: vault and server refusals
are logged and recorded (`device_key_problem`); transient server errors are raised (the next round
tries again). `signer` never raises (None, logged).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Callable

from terminal.infra.crypto import DeviceKeyRing, Signer
from terminal.storage.db import transaction
from terminal.storage.device_keys import META_DEVICE, META_PUBLIC, key_row

if TYPE_CHECKING:
    from sync.client import SyncClient
    from sync.credentials import CredentialStore
    from terminal.storage.replica import Replica

log = logging.getLogger("sync.device_key")

META_PROBLEM = "device_key_problem"
_UNLOCKED: dict[str, Signer] = {}
_LOCK = threading.Lock()


def keyring_entry(device_id: str) -> CredentialStore:
    """The production vault entry of a device's signing key."""
    from sync.credentials import DEVICE_KEY_SERVICE, KeyringCredentialStore

    return KeyringCredentialStore(device_id, service=DEVICE_KEY_SERVICE)


class DeviceKeys:
    """This replica's device signing key (module docstring). `vault`: device id -> its vault entry
    (default: the OS keyring; the sync client passes its credential store's `device_key`)."""

    def __init__(self, replica: Replica, vault: Callable[[str], CredentialStore] | None = None) -> None:
        self.replica = replica
        self.vault = vault or keyring_entry

    # ---- the counter -----------------------------------------------------------------------------
    def signer(self) -> tuple[str, Signer] | None:
        """(device id, signer) when this device's key is registered and its vault entry readable; else None."""
        device = self.replica.get_meta("sync_device_id")
        public = self.replica.get_meta(META_PUBLIC)
        if not device or not public or self.replica.get_meta(META_DEVICE) != device:
            return None
        with _LOCK:
            cached = _UNLOCKED.get(device)
        if cached is not None and cached.public_b64() == public:
            return device, cached
        try:
            signer = Signer.from_b64(self.vault(device).get() or "")
        except Exception as exc:  # a locked vault, an unreadable entry: the receipt shows the reference code
            log.warning("device signing key of %s unavailable (%s): vouchers get reference codes only", device, exc)
            return None
        if signer.public_b64() != public:
            log.error("the vault's signing key of %s is not the registered one: vouchers get reference codes only", device)
            return None
        with _LOCK:
            _UNLOCKED[device] = signer
        return device, signer

    def check(self, brand_id: str) -> DeviceKeyRing:
        """The `DeviceCheck` of a store of `brand_id`: pulled keys, and this device's own registered key."""
        conn = self.replica.conn
        return DeviceKeyRing(lambda device_id: key_row(conn, device_id, brand_id), brand_id)

    # ---- the sync client ---------------------------------------------------------------------------
    def ensure_registered(self, client: SyncClient) -> str:
        """Make and register this device's key if not done yet. Returns "registered" (now), "done"
        (earlier), "not_enrolled", or "refused" (recorded in meta `device_key_problem`). Raises
        TransientError (server unreachable: the next round tries again)."""
        from sync.client import AuthFailed, RequestRefused

        device = self.replica.get_meta("sync_device_id")
        if not device:
            return "not_enrolled"
        if self.replica.get_meta(META_DEVICE) == device and self.replica.get_meta(META_PUBLIC):
            return "done"
        problem = self.replica.get_meta(META_PROBLEM) or ""
        if problem.startswith(device + ": "):
            return "refused"
        try:
            signer = self._vault_key(device)
        except Exception as exc:  # the vault refused: try again next round
            log.warning("device signing key of %s could not be kept in the vault (%s); trying again at the next sync", device, exc)
            return "refused"
        try:
            ans = client._request("POST", "/v1/device/key", json={"device_id": device, "public_key": signer.public_b64()})
        except (AuthFailed, RequestRefused) as exc:
            why = f"{device}: the server refused this PC's voucher signing key ({exc}); vouchers get reference codes only " \
                  "until the terminal is enrolled again"
            log.error("%s", why)
            with transaction(self.replica.db):
                self.replica.set_meta(META_PROBLEM, why[:1000])
            return "refused"
        if not isinstance(ans, dict) or ans.get("public_key") != signer.public_b64() or ans.get("device_id") != device:
            log.error("the server's answer to the key registration of %s does not name this key: not used", device)
            return "refused"
        with transaction(self.replica.db):
            self.replica.set_meta(META_DEVICE, device)
            self.replica.set_meta(META_PUBLIC, signer.public_b64())
            self.replica.conn.execute("DELETE FROM meta WHERE key = ?", (META_PROBLEM,))
        with _LOCK:
            _UNLOCKED[device] = signer
        log.info("voucher signing key of device %s registered", device)
        return "registered"

    def _vault_key(self, device: str) -> Signer:
        """The vault's key of `device`, made (and read back) when it holds none."""
        entry = self.vault(device)
        text = entry.get()
        if text:
            try:
                return Signer.from_b64(text)
            except ValueError:
                log.warning("the vault's signing key entry of %s is unreadable: a new key replaces it", device)
        signer = Signer.generate()
        entry.set(signer.private_b64())
        if entry.get() != signer.private_b64():
            raise RuntimeError("the vault did not give the new signing key back")
        return signer


def forget_unlocked() -> None:
    """Drop the signing keys read from vaults in this process (tests)."""
    with _LOCK:
        _UNLOCKED.clear()

