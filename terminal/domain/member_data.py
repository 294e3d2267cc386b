"""What a store PC may know about a member, and how it finds a coupon by number (issue 13, section 5: least privilege), pure.

A counter shows a member's MASKED name, decides birthday rules by the BIRTH MONTH and finds a
member by a scanned card number through a salted HASH of the number. The central server keeps the
full record (name, birthday, card number) and sends a store PC only this minimised form; the
terminal stores it (card hashes re-keyed with its replica secret, `terminal/storage/replica_secret.py`).

Masking (`mask_name`), one rule per script, idempotent (masking a masked name changes nothing,
so the server's messages and the replica's already masked names agree):

* a name with a CJK character (Han, kana, Hangul) and no spaces: the first and the last
  character stay, every character between becomes "*": 王小明 -> 王*明, 歐陽小明 -> 歐**明,
  王明 -> 王*, a single character stays. (The length shows, as on Taiwanese receipts.)
* any other name, word by word (split on spaces): the first word keeps its first letter and
  gets a fixed "***" (the length does not show), every later word is its initial and a dot:
  John Doe -> J*** D., Alice Chen -> A*** C., Mary Ann Smith -> M*** A. S., Madonna -> M***.

Card hash (`card_hash`): hex SHA-256 of a domain tag, the chain's salt (hex, from the server;
a catalog-initialised replica makes its own) and the card number's digits. The salt is not a
secret: it makes a table of hashes useless for another chain; the replica file is protected by
the HMAC under the replica secret on top of it.

Coupon number hash (`coupon_number_hash`): the same construction with the same chain salt and
its own tag ("coupon number"), so a store PC finds a coupon by its printed number without
holding the number (`terminal/storage/keyed.py`). One salt: it already travels signed on every
pull page, and a new one already makes a terminal pull everything again. Its own tag: a coupon
hash never equals the card hash of the same digits, so neither can stand for the other.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date

_CARD_TAG = b"loyalty-terminal card number v1\x00"
_COUPON_TAG = b"loyalty-terminal coupon number v1\x00"


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF or 0xFF66 <= o <= 0xFF9D
            or 0x20000 <= o <= 0x3FFFF)


def mask_name(name: str) -> str:
    """The name a counter may show (rule in the module docstring); "" for an empty name."""
    name = " ".join(str(name or "").split())
    if not name:
        return ""
    if " " not in name and any(_is_cjk(ch) for ch in name):
        if len(name) <= 1:
            return name
        if len(name) == 2:
            return name[0] + "*"
        return name[0] + "*" * (len(name) - 2) + name[-1]
    words = name.split(" ")
    return " ".join([words[0][0] + "***"] + [w[0] + "." for w in words[1:]])


def birth_month(birthday: date | str | None) -> int | None:
    """1..12 of a birthday (a date or an ISO date text), None when there is none or it cannot be read."""
    if birthday is None or birthday == "":
        return None
    try:
        d = birthday if isinstance(birthday, date) else date.fromisoformat(str(birthday))
    except ValueError:
        return None
    return d.month


def valid_birth_month(value: object) -> int | None:
    """`value` when it is an int 1..12 (not a bool), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12 else None


def normalise_card_number(number: str) -> str:
    """The digits of a card number as scanned or typed (NFKC: full-width digits count), spaces removed."""
    return "".join(unicodedata.normalize("NFKC", str(number)).split())


def _salted(tag: bytes, salt_hex: str, number: str) -> str:
    salt = bytes.fromhex(salt_hex)
    return hashlib.sha256(tag + salt + b"\x00" + normalise_card_number(number).encode()).hexdigest()


def card_hash(salt_hex: str, number: str) -> str:
    """Hex SHA-256 over the tag, the salt and the normalised card number. ValueError for a salt that is not hex."""
    return _salted(_CARD_TAG, salt_hex, number)


def coupon_number_hash(salt_hex: str, number: str) -> str:
    """Hex SHA-256 over the coupon tag, the salt and the normalised coupon number (64 hex digits).
    ValueError for a salt that is not hex."""
    return _salted(_COUPON_TAG, salt_hex, number)
