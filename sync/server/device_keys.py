"""Voucher signing keys of the devices (a mixin of `CentralStore`): registration, revocation, the feed.

Each enrolled terminal signs the vouchers it issues (`LT1V…`, terminal/domain/device_codes.py) with
its own Ed25519 key; the private key never leaves the PC (its OS vault), the public key is
registered here and published to every terminal of the device's brand as a `device_key` entity
(key = device id; body {device_id, store_id, brand_id, terminal_id, public_key, status, registered_at,
revoked_at, revoked_reason}; scope `b:<brand>`; signed by the feed key like issuer keys).

Policy (docs/sync.md "Vouchers signed by the issuing terminal"):
  * POST /v1/device/key {public_key[, device_id]}, Bearer the device's credential: a device registers
    a key for ITSELF only (a `device_id` other than the credential's: 403 `not_your_device`; the
    device id is never taken from the body), ONCE: the same key again answers the same row
    (`already_registered`), another key is 409 `device_key_registered` (a silent replacement would
    let whoever holds the credential re-sign vouchers), a revoked key 409 `device_key_revoked`.
  * a new key comes only with a new device id: re-enrolment (or IT's replacement token) makes a new
    device, and the new device registers its own key. There is no admin "replace": the admin only
    revokes (`revoke-device-key`, or `revoke-device`, which revokes the key with the device).
  * every revocation of a device (admin, its own unenroll, replaced by a re-enrolment) revokes its
    key in the same transaction: every terminal of the brand then refuses its vouchers
    (`device_revoked`); the printed reference code stays usable once the issuing store has synced.

Errors: AuthError (status, code, message) for requests, AdminError for the admin CLI.
"""

from __future__ import annotations

from typing import Any

from sync.server.errors import AdminError, AuthError
from terminal.infra.crypto import public_key_ok

KIND = "device_key"


class DeviceKeyRegistry:
    """Mixed into `CentralStore` (uses its conn, write(), lock_keys(), put(), get(), clock)."""

    def register_device_key(self, device: dict, body: Any) -> dict[str, Any]:
        """Register the authenticated `device`'s public key (module docstring). Returns the feed row's
        body plus `already_registered`. Raises AuthError 400 (malformed key), 403 not_your_device,
        409 device_key_registered / device_key_revoked."""
        if not isinstance(body, dict):
            raise AuthError(400, "invalid_request", "The body must be a JSON object {public_key}.")
        device_id = device["device_id"]
        claimed = body.get("device_id")
        if claimed is not None and claimed != device_id:
            raise AuthError(403, "not_your_device", f"This credential is device {device_id}'s; a device registers a signing "
                            f"key for itself only, not for {str(claimed)[:64]!r}.")
        public = body.get("public_key")
        if not public_key_ok(public):
            raise AuthError(400, "invalid_public_key", "public_key must be a raw Ed25519 public key in base64 (32 bytes).")
        with self.write():
            self.lock_keys(f"{KIND}:{device_id}")
            old = self.get(KIND, device_id)
            if old is not None:
                if old.get("status") != "active":
                    raise AuthError(409, "device_key_revoked", f"The signing key of device {device_id} was revoked "
                                    f"({old.get('revoked_reason') or 'revoked'}); enrol the terminal again for a new one.")
                if old.get("public_key") != public:
                    raise AuthError(409, "device_key_registered", f"Device {device_id} already registered another signing "
                                    "key; a key is never replaced silently: enrol the terminal again (a new device gets a new "
                                    "key), or have the server admin revoke this one (revoke-device-key).")
                return {**old, "already_registered": True}
            st = self.get("store", device["store_id"]) or {}
            row = {"device_id": device_id, "store_id": device["store_id"], "brand_id": st.get("brand_id") or "",
                   "terminal_id": device["terminal_id"], "public_key": public, "status": "active",
                   "registered_at": self.clock().isoformat(), "revoked_at": None, "revoked_reason": None}
            if not row["brand_id"]:
                raise AuthError(409, "unknown_store", f"Store {device['store_id']} is not in the central catalog.")
            self.put(KIND, device_id, row)
        return {**row, "already_registered": False}

    def revoke_device_key(self, device_id: str, reason: str = "") -> dict[str, Any]:
        """Admin: revoke a device's signing key (its vouchers are refused everywhere once pulled).
        AdminError when the device has no active key."""
        with self.write():
            if not self._revoke_key(device_id, reason or "revoked by the server admin"):
                raise AdminError(f"device {device_id!r} has no active signing key")
        return self.get(KIND, device_id) or {}

    def _revoke_key(self, device_id: str, reason: str) -> bool:
        """Inside a write: mark the device's key revoked (a new feed position). False when it has no active key."""
        old = self.get(KIND, device_id)
        if old is None or old.get("status") != "active":
            return False
        self.put(KIND, device_id, {**old, "status": "revoked", "revoked_at": self.clock().isoformat(),
                                   "revoked_reason": reason[:200] or "revoked"})
        return True

    def device_keys(self) -> list[dict]:
        """Every registered key (admin `list-device-keys`), oldest first."""
        import json

        rows = [json.loads(r[0]) for r in self.conn.execute("SELECT body FROM entities WHERE kind = ? AND deleted = 0", (KIND,))]
        return sorted(rows, key=lambda b: (b.get("registered_at") or "", b.get("device_id") or ""))

    def device_key_facts(self, device_ids: list[str]) -> dict[str, dict]:
        """For judging `LT1V` codes: device id -> the `DeviceKeyRing` row: the key's body (status as
        stored; a device revoked without a key row answers revoked), {"registered": False} for a
        device with no key, absent for no such device."""
        out: dict[str, dict] = {}
        for device_id in device_ids[:20]:
            if not isinstance(device_id, str) or len(device_id) > 64 or device_id in out:
                continue
            key = self.get(KIND, device_id)
            if key is not None:
                out[device_id] = key
                continue
            d = self.conn.execute("SELECT store_id FROM devices WHERE device_id = ?", (device_id,)).fetchone()
            if d is not None:
                st = self.get("store", d[0]) or {}
                out[device_id] = {"registered": False, "brand_id": st.get("brand_id")}
        return out
