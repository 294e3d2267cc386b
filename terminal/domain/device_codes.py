"""Vouchers signed by the terminal that issued them (`LT1V…`): an exchange's voucher and a sale's
next-order coupons, printed on the receipt and usable at any store of the brand, offline too.

A terminal holds no issuer key, so it cannot make `LT1C` codes. Each enrolled terminal (device) has
its own Ed25519 key instead (private key in its OS vault, public key registered with the server,
which publishes it in the change feed to every terminal of the brand: `device_key` rows). Format,
in the style of the issuer's signed codes (terminal/domain/codes.py)::

    "LT1V" + base32( version (1 byte: 1) | payload length (1 byte) | payload (UTF-8) | Ed25519 signature (64) )

The signature covers ``b"LT1V" + version + payload``. Payload fields, ``|`` separated::

    code|template|member|issued|valid_from|valid_until|uses|device|brand

`code` is the coupon's code (`EX-…` / `NX-…`, derived from the issuing event: the server creates the
same coupon when it books that event), times are UTC seconds since 1970 in decimal (empty
valid_from / valid_until: none; member empty: bearer), `device` the issuing device id and `brand`
its store's brand. About 260 characters (a version 9-10 QR code, 80 mm slip); the reference code is
printed beside it.

Checking is injected (`DeviceCheck`) so this module stays pure; the answer is a state:
``valid``, ``forged`` (the device's key does not verify it), ``unknown`` (no key of that device
here), ``unregistered`` (the device exists but registered no key: the server only), ``revoked``.
Refusals (CodeError): `malformed`, `forged`, `device_unknown`, `device_key_unregistered`,
`device_revoked`, `device_wrong_brand` (the device, or for an unknown key the code's own claim, is
of another brand than the store checking it).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Protocol

from .models import CouponInstance
from .reasons import CodeError, Reason

PREFIX = "LT1V"
VERSION = 1
SIG_LEN = 64
VALID, FORGED, UNKNOWN, UNREGISTERED, REVOKED = "valid", "forged", "unknown", "unregistered", "revoked"
_FIELD_OK = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class DeviceCheck(Protocol):
    """Verifies a device's signature. `brand_id`: the brand of the store checking (its devices only)."""

    brand_id: str

    def __call__(self, device_id: str, message: bytes, signature: bytes) -> tuple[str, str | None, str | None]:
        """(state, the device's brand or None, why it was revoked or None); state as in the module docstring."""


@dataclass(frozen=True, slots=True)
class DeviceVoucher:
    code: str
    template_id: str
    member_id: str | None
    issued_at: datetime  # aware UTC, whole seconds
    valid_from: datetime | None
    valid_until: datetime | None  # exclusive
    uses: int
    device_id: str
    brand_id: str

    def instance(self) -> CouponInstance:
        """The coupon as the code states it (not in the replica: accepted within the unreplicated policy)."""
        return CouponInstance(code=self.code, template_id=self.template_id, member_id=self.member_id, total_uses=self.uses,
                              valid_from=self.valid_from, valid_until=self.valid_until, issued_at=self.issued_at,
                              in_replica=False)


def _secs(t: datetime | None) -> str:
    if t is None:
        return ""
    if t.tzinfo is None:
        raise ValueError("naive datetime: pass a timezone-aware time")
    return str(int((t - _EPOCH).total_seconds()))


def _time(s: str) -> datetime | None:
    if s == "":
        return None
    if not s.isdigit() or len(s) > 11:
        raise ValueError(s)
    return datetime.fromtimestamp(int(s), tz=timezone.utc)


def signed_message(payload: bytes) -> bytes:
    return PREFIX.encode() + bytes([VERSION]) + payload


def encode_voucher(v: DeviceVoucher, sign: Callable[[bytes], bytes]) -> str:
    """The `LT1V…` code of `v`, signed with the device's private-key signer. ValueError when a field
    has characters codes do not allow, or the payload is longer than 255 bytes."""
    fields = [v.code, v.template_id, v.member_id or "", _secs(v.issued_at), _secs(v.valid_from), _secs(v.valid_until),
              str(v.uses), v.device_id, v.brand_id]
    for f in (v.code, v.template_id, v.member_id or "", v.device_id, v.brand_id):
        if not set(f) <= _FIELD_OK:
            raise ValueError(f"field {f!r} has characters not allowed in codes")
    payload = "|".join(fields).encode()
    if len(payload) > 255:
        raise ValueError("payload too long")
    sig = sign(signed_message(payload))
    if len(sig) != SIG_LEN:
        raise ValueError("signature must be 64 bytes (Ed25519)")
    return PREFIX + base64.b32encode(bytes([VERSION, len(payload)]) + payload + sig).decode().rstrip("=")


def parse_blob(blob: bytes, check: DeviceCheck | None) -> DeviceVoucher:
    """The voucher of a decoded `LT1V` body, verified with `check`; CodeError with the reason."""
    if len(blob) < 2 + SIG_LEN:
        raise CodeError(Reason.MALFORMED, "Signed code is truncated.")
    version, plen = blob[0], blob[1]
    if version != VERSION:
        raise CodeError(Reason.MALFORMED, f"Terminal-signed voucher of unknown version {version}.")
    if len(blob) != 2 + plen + SIG_LEN:
        raise CodeError(Reason.MALFORMED, "Signed code has the wrong length (truncated or padded).")
    payload, sig = blob[2:2 + plen], blob[2 + plen:]
    try:
        code, tpl, member, issued, start, end, uses, device, brand = payload.decode("utf-8").split("|")
        v = DeviceVoucher(code, tpl, member or None, _time(issued), _time(start), _time(end), int(uses), device, brand)  # type: ignore[arg-type]
        if v.issued_at is None or not (code and tpl and device and brand) or not 1 <= v.uses <= 1000:
            raise ValueError("missing field")
    except (UnicodeDecodeError, ValueError, TypeError, OverflowError, OSError) as exc:
        raise CodeError(Reason.MALFORMED, "Signed payload fields are malformed.") from exc
    if check is None:
        raise CodeError(Reason.DEVICE_UNKNOWN, f"Voucher signed by terminal {device}: this terminal holds no terminal keys "
                        "(not enrolled, or not synced yet).", device_id=device)
    state, key_brand, why = check(device, signed_message(payload), sig)
    if state == UNKNOWN:
        if brand != check.brand_id:
            raise CodeError(Reason.DEVICE_WRONG_BRAND, f"Voucher issued at a store of brand {brand}, not valid at brand "
                            f"{check.brand_id} stores.", device_id=device, brand_id=brand)
        raise CodeError(Reason.DEVICE_UNKNOWN, f"Voucher signed by terminal {device}, whose key this terminal does not have "
                        "(a terminal of another brand, one that never registered a key, or not synced yet).", device_id=device)
    if state == UNREGISTERED:
        raise CodeError(Reason.DEVICE_KEY_UNREGISTERED, f"Voucher signed by terminal {device}, which never registered a "
                        "signing key.", device_id=device)
    if state == FORGED:
        raise CodeError(Reason.FORGED, "Signature does not match: this code was altered or forged.", device_id=device)
    if state == REVOKED:
        raise CodeError(Reason.DEVICE_REVOKED, f"Voucher signed by terminal {device}, whose key was revoked"
                        f"{': ' + why if why else ''}.", device_id=device)
    if state != VALID:
        raise CodeError(Reason.FORGED, f"Voucher of terminal {device} could not be verified ({state}).", device_id=device)
    if key_brand != check.brand_id or brand != key_brand:
        raise CodeError(Reason.DEVICE_WRONG_BRAND, f"Voucher signed by terminal {device} of brand {key_brand}, not valid at "
                        f"brand {check.brand_id} stores.", device_id=device, brand_id=key_brand)
    return v


def peek_device(text: str) -> str | None:
    """The device id an `LT1V` code names, UNVERIFIED (the server fetches that device's key before
    judging); None for anything else."""
    if not isinstance(text, str) or not text.upper().startswith(PREFIX) or len(text) > 512:
        return None
    body = text[len(PREFIX):].upper()
    try:
        blob = base64.b32decode(body + "=" * (-len(body) % 8))
        fields = blob[2:2 + blob[1]].decode("utf-8").split("|")
    except (binascii.Error, ValueError, IndexError, UnicodeDecodeError):
        return None
    return fields[7] if len(fields) == 9 and fields[7] else None
