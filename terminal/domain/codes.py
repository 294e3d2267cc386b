"""Scanned code formats, parsed and verified offline.

Two families:

* Signed codes, for QR (and long 1D) symbols: ``LT1`` + kind letter (``M`` member card,
  ``C`` coupon, ``G`` gift card) + RFC 4648 base32 (no padding, upper case: only ``A-Z2-7``, which every
  keyboard-wedge layout types the same way and QR encodes in alphanumeric mode) of::

      key_id (1 byte) | payload length (1 byte) | payload (UTF-8) | Ed25519 signature (64)

  The signature covers ``b"LT1" + kind + key_id + payload``. Payload fields are ``|``
  separated; coupon: ``code|template|member|issued|valid_until|uses`` (dates YYYYMMDD,
  empty member = bearer), member: ``member_id|issued``, gift card: ``account_id|program|issued``
  (the card's balance is never in the code: it lives in the ledgers). The terminal holds only public
  keys; checking is injected as a `SignatureCheck` so this module stays pure.

* Vouchers signed by the terminal that issued them: ``LT1V`` + base32, verified with the
  device keys of the brand (terminal/domain/device_codes.py; `devices` of `parse`).

* Plain numeric codes (EAN-13 / Code128 style), 8-20 digits ending in a GS1 mod-10 check
  digit, looked up in the replica. The check digit catches most typing slips at once.
  An 8-digit code starting 0 or 1 whose check digit is wrong for EAN-8 is read as UPC-E: its
  check digit belongs to the expanded 12-digit UPC-A form (`upce_to_upca`), and products are
  matched in every equivalent form (`barcode_forms`: UPC-E, UPC-A, EAN-13 with a leading 0).

* Reference codes: 3-64 characters of ``A-Z a-z 0-9 . _ -`` (partner coupons printed as
  Code128, support look-ups), looked up in the replica by coupon code.

Input is NFKC-normalised first (a Chinese IME may type full-width digits) and trimmed.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Callable, Protocol

from .reasons import CodeError, Reason

MAX_CODE_LENGTH = 512
PREFIX = "LT1"
SIG_LEN = 64
_FIELD_OK = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


class SignatureCheck(Protocol):
    def __call__(self, key_id: int, message: bytes, signature: bytes) -> bool | None:
        """True valid, False invalid, None when the key is unknown to this terminal."""


@dataclass(frozen=True, slots=True)
class SignedCoupon:
    code: str
    template_id: str
    member_id: str | None
    issued_on: date
    valid_until: date | None
    uses: int
    key_id: int


@dataclass(frozen=True, slots=True)
class SignedMember:
    member_id: str
    issued_on: date
    key_id: int


@dataclass(frozen=True, slots=True)
class SignedGiftCard:
    """A gift card's signed code: names the value account (its balance is the ledgers')."""

    account_id: str
    program_id: str
    issued_on: date
    key_id: int


@dataclass(frozen=True, slots=True)
class PlainCode:
    digits: str


@dataclass(frozen=True, slots=True)
class RefCode:
    """An alphanumeric coupon reference (partner Code128 codes, support look-ups)."""

    text: str


from .device_codes import DeviceCheck, DeviceVoucher  # noqa: E402 (after the records it sits beside)

ParsedCode = SignedCoupon | SignedMember | SignedGiftCard | PlainCode | RefCode | DeviceVoucher
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,63}")


def normalise(raw: str) -> str:
    if raw is None:
        raise CodeError(Reason.EMPTY, "No code was scanned.")
    if len(raw) > MAX_CODE_LENGTH * 4:
        raise CodeError(Reason.OVERLONG, f"Code is too long ({len(raw)} characters, at most {MAX_CODE_LENGTH}).")
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        raise CodeError(Reason.EMPTY, "No code was scanned.")
    if len(text) > MAX_CODE_LENGTH:
        raise CodeError(Reason.OVERLONG, f"Code is too long ({len(text)} characters, at most {MAX_CODE_LENGTH}).")
    if not all(33 <= ord(c) < 127 for c in text):
        raise CodeError(Reason.MALFORMED, "Code contains characters no card or coupon uses (spaces, control or non-ASCII).")
    return text


def gs1_check_digit(body: str) -> int:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def with_check_digit(body: str) -> str:
    return body + str(gs1_check_digit(body))


def upce_to_upca(code: str) -> str | None:
    """The 12-digit UPC-A form of an 8-digit UPC-E code (number system 0 or 1, six digits, check
    digit), or None when `code` is not UPC-E or its check digit (computed on the UPC-A form) is
    wrong. GS1 General Specifications, UPC-E zero suppression: 04252614 -> 042100005264."""
    if len(code) != 8 or not code.isdigit() or code[0] not in "01":
        return None
    ns, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = ns + d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = ns + d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = ns + d[0:4] + "00000" + d[4]
    else:
        body = ns + d[0:5] + "0000" + last
    return body + check if gs1_check_digit(body) == int(check) else None


def upca_to_upce(code: str) -> str | None:
    """The 8-digit UPC-E form of a UPC-A code (12 digits, or 13 with a leading 0), or None when it
    has no zero-suppressed form. The inverse of `upce_to_upca` (same check digit)."""
    if len(code) == 13 and code[0] == "0":
        code = code[1:]
    if len(code) != 12 or not code.isdigit() or code[0] not in "01":
        return None
    ns, m, p, check = code[0], code[1:6], code[6:11], code[11]
    if m[2] in "012" and m[3:] == "00" and p[:2] == "00":
        d = m[:2] + p[2:] + m[2]
    elif m[3:] == "00" and p[:3] == "000":
        d = m[:3] + p[3:] + "3"
    elif m[4] == "0" and p[:4] == "0000":
        d = m[:4] + p[4] + "4"
    elif p[:4] == "0000" and p[4] in "56789":
        d = m + p[4]
    else:
        return None
    return ns + d + check


def barcode_forms(digits: str) -> tuple[str, ...]:
    """Every spelling of the same product barcode, `digits` first: a UPC-E code with its UPC-A
    and EAN-13 (leading 0) forms, a UPC-A or EAN-13 code with its UPC-E form. Catalogs store
    either; scanners and cameras report either."""
    forms = [digits]
    if len(digits) == 8:
        upca = upce_to_upca(digits)
        if upca is not None:
            forms += [upca, "0" + upca]
    elif len(digits) in (12, 13):
        upca = digits if len(digits) == 12 else (digits[1:] if digits[0] == "0" else None)
        if upca is not None:
            forms += [upca, "0" + upca]
            upce = upca_to_upce(upca)
            if upce is not None:
                forms.append(upce)
    return tuple(dict.fromkeys(forms))


def parse(raw: str, check: SignatureCheck, devices: DeviceCheck | None = None) -> ParsedCode:
    """What `raw` is, verified offline: issuer-signed codes with `check`, terminal-signed vouchers
    (`LT1V`) with `devices` (None: refused `device_unknown`). CodeError with the reason."""
    text = normalise(raw)
    upper = text.upper()
    if upper.startswith(PREFIX):
        return _parse_signed(upper, check, devices)
    if text.isdigit():
        if not (8 <= len(text) <= 20):
            raise CodeError(Reason.MALFORMED, f"Numeric codes have 8 to 20 digits; this one has {len(text)}.")
        if gs1_check_digit(text[:-1]) != int(text[-1]) and upce_to_upca(text) is None:
            raise CodeError(Reason.BAD_CHECK_DIGIT, "Check digit is wrong: the code was mistyped or misread. Scan or type it again.")
        return PlainCode(text)
    if _REF.fullmatch(text):
        return RefCode(text)
    raise CodeError(Reason.MALFORMED, "Not a member card or coupon code of this program.")


def _b32decode(text: str) -> bytes:
    pad = "=" * (-len(text) % 8)
    try:
        blob = base64.b32decode(text + pad, casefold=False)
    except (binascii.Error, ValueError) as exc:
        raise CodeError(Reason.MALFORMED, "Signed code is damaged (not valid base32).") from exc
    # b32decode ignores the spare low bits of the last character: insist on the one
    # canonical spelling, so an altered character can never still be accepted.
    if base64.b32encode(blob).decode().rstrip("=") != text:
        raise CodeError(Reason.MALFORMED, "Signed code is damaged (not valid base32).")
    return blob


def _parse_signed(upper: str, check: SignatureCheck, devices: DeviceCheck | None = None) -> ParsedCode:
    if len(upper) < len(PREFIX) + 2:
        raise CodeError(Reason.MALFORMED, "Signed code is truncated.")
    kind = upper[len(PREFIX)]
    if kind == "V":
        from .device_codes import parse_blob

        return parse_blob(_b32decode(upper[len(PREFIX) + 1:]), devices)
    if kind not in ("M", "C", "G"):
        raise CodeError(Reason.MALFORMED, f"Unknown signed code kind {kind!r}.")
    blob = _b32decode(upper[len(PREFIX) + 1 :])
    if len(blob) < 2 + SIG_LEN:
        raise CodeError(Reason.MALFORMED, "Signed code is truncated.")
    key_id, plen = blob[0], blob[1]
    if len(blob) != 2 + plen + SIG_LEN:
        raise CodeError(Reason.MALFORMED, "Signed code has the wrong length (truncated or padded).")
    payload, sig = blob[2 : 2 + plen], blob[2 + plen :]
    ok = check(key_id, signed_message(kind, key_id, payload), sig)
    if ok is None:
        raise CodeError(Reason.UNKNOWN_KEY, f"Code is signed with key {key_id}, which this terminal does not know (revoked, or not yet synced).", key_id=key_id)
    if not ok:
        raise CodeError(Reason.FORGED, "Signature does not match: this code was altered or forged.")
    try:
        fields = payload.decode("utf-8").split("|")
    except UnicodeDecodeError as exc:
        raise CodeError(Reason.MALFORMED, "Signed payload is not text.") from exc
    try:
        if kind == "C":
            code, tpl, member, issued, until, uses = fields
            return SignedCoupon(code, tpl, member or None, _day(issued), _day(until) if until else None, int(uses), key_id)
        if kind == "G":
            account_id, program_id, issued = fields
            if not account_id or not program_id:
                raise ValueError("empty id")
            return SignedGiftCard(account_id, program_id, _day(issued), key_id)
        member_id, issued = fields
        return SignedMember(member_id, _day(issued), key_id)
    except (ValueError, TypeError) as exc:
        raise CodeError(Reason.MALFORMED, "Signed payload fields are malformed.") from exc


def _day(s: str) -> date:
    if len(s) != 8 or not s.isdigit():
        raise ValueError(s)
    return date(int(s[:4]), int(s[4:6]), int(s[6:]))


def signed_message(kind: str, key_id: int, payload: bytes) -> bytes:
    return PREFIX.encode() + kind.encode() + bytes([key_id]) + payload


def encode_signed(kind: str, key_id: int, fields: list[str], sign: Callable[[bytes], bytes]) -> str:
    """Build a signed code. `sign` is the issuer's private-key signer (server/demo only)."""
    for f in fields:
        if not set(f) <= _FIELD_OK:
            raise ValueError(f"field {f!r} has characters not allowed in codes")
    payload = "|".join(fields).encode()
    if len(payload) > 255:
        raise ValueError("payload too long")
    sig = sign(signed_message(kind, key_id, payload))
    if len(sig) != SIG_LEN:
        raise ValueError("signature must be 64 bytes (Ed25519)")
    blob = bytes([key_id, len(payload)]) + payload + sig
    return PREFIX + kind + base64.b32encode(blob).decode().rstrip("=")


def coupon_fields(code: str, template_id: str, member_id: str | None, issued_on: date, valid_until: date | None, uses: int) -> list[str]:
    return [code, template_id, member_id or "", issued_on.strftime("%Y%m%d"), valid_until.strftime("%Y%m%d") if valid_until else "", str(uses)]


def gift_card_fields(account_id: str, program_id: str, issued_on: date) -> list[str]:
    return [account_id, program_id, issued_on.strftime("%Y%m%d")]


def member_fields(member_id: str, issued_on: date) -> list[str]:
    return [member_id, issued_on.strftime("%Y%m%d")]


def day_start_utc(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=timezone.utc)
