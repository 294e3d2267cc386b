"""Ed25519 signatures for member cards and coupons.

Terminals hold only issuer *public* keys (from the catalog / key updates) and verify
offline. Signing lives here too for the reference server and the demo generator.
"""

from __future__ import annotations

import base64

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat


class KeyRing:
    """`SignatureCheck` over a set of raw base64 public keys by key id."""

    def __init__(self, keys: dict[int, str]) -> None:
        self._keys = {kid: Ed25519PublicKey.from_public_bytes(base64.b64decode(pk)) for kid, pk in keys.items()}

    def __call__(self, key_id: int, message: bytes, signature: bytes) -> bool | None:
        key = self._keys.get(key_id)
        if key is None:
            return None
        try:
            key.verify(signature, message)
        except InvalidSignature:
            return False
        return True


class Signer:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key

    @classmethod
    def generate(cls) -> "Signer":
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_b64(cls, raw_b64: str) -> "Signer":
        return cls(Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw_b64)))

    def private_b64(self) -> str:
        return base64.b64encode(self._key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode()

    def public_b64(self) -> str:
        return base64.b64encode(self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)


def verify_b64(public_b64: str, message: bytes, signature: bytes) -> bool:
    """True only when `signature` is `public_b64`'s (raw Ed25519, base64) over `message`; never raises."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        key.verify(signature, message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def public_key_ok(public_b64: object) -> bool:
    """Is this text a raw Ed25519 public key in base64 (32 bytes)?"""
    if not isinstance(public_b64, str) or len(public_b64) > 64:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
    except (ValueError, TypeError):
        return False
    return True


class DeviceKeyRing:
    """A `terminal.domain.device_codes.DeviceCheck` over device key rows found by `lookup(device_id)`:
    {public_key, brand_id, status ("active" | "revoked"), revoked_reason} or None (no key known);
    a row {"registered": False} means the device exists without a key (the server knows that)."""

    def __init__(self, lookup, brand_id: str) -> None:
        self._lookup, self.brand_id = lookup, brand_id

    def __call__(self, device_id: str, message: bytes, signature: bytes) -> tuple[str, str | None, str | None]:
        row = self._lookup(device_id)
        if row is None:
            return "unknown", None, None
        if row.get("registered") is False:
            return "unregistered", row.get("brand_id"), None
        if not verify_b64(str(row.get("public_key") or ""), message, signature):
            return "forged", row.get("brand_id"), None
        if row.get("status", "active") != "active":
            return "revoked", row.get("brand_id"), row.get("revoked_reason") or None
        return "valid", row.get("brand_id"), None
