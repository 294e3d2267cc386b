"""Staff PINs, stored only as scrypt hashes (a memory-hard KDF from the standard library).

Format: ``scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>``. Verification is constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

_LOG_N, _R, _P = 14, 8, 1


def hash_pin(pin: str, *, salt: bytes | None = None, log_n: int = _LOG_N) -> str:
    if not pin.isdigit() or not (4 <= len(pin) <= 12):
        raise ValueError("a PIN is 4 to 12 digits")
    salt = salt or os.urandom(16)
    h = hashlib.scrypt(pin.encode(), salt=salt, n=1 << log_n, r=_R, p=_P, dklen=32)
    return f"scrypt${log_n}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(h).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, log_n, r, p, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, want = base64.b64decode(salt_b64), base64.b64decode(hash_b64)
        got = hashlib.scrypt(pin.encode(), salt=salt, n=1 << int(log_n), r=int(r), p=int(p), dklen=len(want))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, want)
