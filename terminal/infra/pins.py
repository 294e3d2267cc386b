"""Staff PINs, stored only as scrypt hashes (a memory-hard KDF from the standard library), and on a
terminal only KEYED with the replica secret (issue 13, section 5).

Formats:

    scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>               the catalog and the server's feed
    kscrypt$<key id>$<log2 n>$<r>$<p>$<dklen>$<salt b64>$<mac b64>  what a terminal stores

`mac` = HMAC-SHA256 of the scrypt output under the replica secret's subkey for "staff-pin"
(`terminal/storage/replica_secret.py`); `key id` names the secret (8 hex digits of its own MAC). A
keyed hash alone tells an offline search nothing: every guess needs the secret, which lives in
the OS credential vault, not in the replica file. Checking a PIN costs one scrypt and one HMAC.

Errors: `hash_pin` raises ValueError for a PIN that is not 4 to 12 digits; `wrap_hash` raises
ValueError for a text that is not a well-formed scrypt hash; `verify_pin` raises
`PinKeyUnavailable` for a keyed hash when the secret it was keyed with is not given (never a
silent "wrong PIN"). Verification is constant time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from typing import Protocol

_LOG_N, _R, _P = 14, 8, 1
PLAIN, KEYED = "scrypt", "kscrypt"
PIN_PURPOSE = "staff-pin"  # the replica secret's subkey for PIN hashes


class Secret(Protocol):
    """What a keyed hash needs of the replica secret (`terminal.storage.replica_secret.ReplicaSecret`)."""

    key_id: str

    def mac(self, purpose: str, data: bytes) -> bytes: ...


class PinKeyUnavailable(Exception):
    """A keyed PIN hash cannot be checked: its secret (`key_id`) was not given (`given` None: the vault
    is locked or unavailable) or another secret was (`given`: that one's id; the replica's secret was
    replaced and this row was not pulled again yet)."""

    def __init__(self, key_id: str, given: str | None) -> None:
        super().__init__(f"PIN hash keyed with replica secret {key_id}, " + (
            "which is not available" if given is None else f"not with the current one ({given}): sync to pull it again"))
        self.key_id, self.given = key_id, given


def hash_pin(pin: str, *, salt: bytes | None = None, log_n: int = _LOG_N) -> str:
    if not pin.isdigit() or not (4 <= len(pin) <= 12):
        raise ValueError("a PIN is 4 to 12 digits")
    salt = salt or os.urandom(16)
    h = hashlib.scrypt(pin.encode(), salt=salt, n=1 << log_n, r=_R, p=_P, dklen=32)
    return f"scrypt${log_n}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(h).decode()}"


def _parse(stored: str, scheme: str, n_parts: int) -> list[str]:
    if not isinstance(stored, str):
        raise ValueError("a PIN hash is text")
    parts = stored.split("$")
    if len(parts) != n_parts or parts[0] != scheme:
        raise ValueError(f"not a {scheme} PIN hash")
    return parts


def is_keyed(stored: object) -> bool:
    return isinstance(stored, str) and stored.startswith(KEYED + "$")


def is_plain(stored: object) -> bool:
    return isinstance(stored, str) and stored.startswith(PLAIN + "$")


def wrap_hash(stored: str, secret: Secret) -> str:
    """`scrypt$...` -> `kscrypt$<key id>$...`: the same parameters, output length and salt, the hash
    replaced by its HMAC under `secret`. ValueError when `stored` is not a well-formed scrypt hash."""
    _, log_n, r, p, salt_b64, hash_b64 = _parse(stored, PLAIN, 6)
    try:
        int(log_n), int(r), int(p)
        base64.b64decode(salt_b64, validate=True)
        h = base64.b64decode(hash_b64, validate=True)
    except (ValueError, binascii.Error) as exc:
        raise ValueError(f"not a scrypt PIN hash: {exc}") from None
    if not h:
        raise ValueError("not a scrypt PIN hash: empty hash")
    mac = base64.b64encode(secret.mac(PIN_PURPOSE, h)).decode()
    return f"{KEYED}${secret.key_id}${log_n}${r}${p}${len(h)}${salt_b64}${mac}"


def verify_pin(pin: str, stored: str, secret: Secret | None = None) -> bool:
    """Whether `pin` matches `stored` (plain or keyed). A keyed hash needs the `secret` it was keyed
    with: PinKeyUnavailable otherwise. A malformed hash or scheme never matches."""
    try:
        if is_keyed(stored):
            _, key_id, log_n, r, p, dklen, salt_b64, want_b64 = _parse(stored, KEYED, 8)
            if secret is None or secret.key_id != key_id:
                raise PinKeyUnavailable(key_id, None if secret is None else secret.key_id)
            salt, want = base64.b64decode(salt_b64), base64.b64decode(want_b64)
            h = hashlib.scrypt(pin.encode(), salt=salt, n=1 << int(log_n), r=int(r), p=int(p), dklen=int(dklen))
            return hmac.compare_digest(secret.mac(PIN_PURPOSE, h), want)
        _, log_n, r, p, salt_b64, hash_b64 = _parse(stored, PLAIN, 6)
        salt, want = base64.b64decode(salt_b64), base64.b64decode(hash_b64)
        got = hashlib.scrypt(pin.encode(), salt=salt, n=1 << int(log_n), r=int(r), p=int(p), dklen=len(want))
    except (ValueError, TypeError, binascii.Error, OverflowError, MemoryError):
        return False
    return hmac.compare_digest(got, want)
