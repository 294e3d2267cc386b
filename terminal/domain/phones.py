"""Members' phone numbers and names as the counter searches them (issue 17 section 4.1), pure.

Phone numbers are kept in E.164 (`+` country code and number, no spaces): the central server
stores that form, searches by it exactly and refuses a second member with the same one.

`normalise_phone(text)` accepts what a cashier types or a customer dictates, strictly:

* a Taiwan mobile number in the national form `09` + 8 digits (`0912345678`, `0912-345-678`,
  `0912 345 678`) -> `+886912345678`;
* the same in international form (`+886912345678`, `+886 912 345 678`, `+886-9…`, `886912345678`,
  `+886 0912…` with the trunk 0 some people keep) -> `+886912345678`;
* another country's number with its `+` (`+81 90 1234 5678`): `+`, a country code not starting
  with 0, 8 to 15 digits in all (E.164's maximum). A Taiwan (+886) number must be a mobile one.

Full-width digits count (NFKC); spaces, `-`, `.` and one pair of parentheses may separate the
digits; anything else (letters, control characters, a second `+`) is refused with PhoneError,
whose message says what is wrong.

`mask_phone(e164)`: what a counter may show: the last three digits (`****-***-678` for a Taiwan
mobile, `+*********678` elsewhere).

`phone_hash(salt_hex, e164)`: hex SHA-256 of a tag of its own, the chain's card hash salt and the
E.164 text: what a store PC receives in a member row (never the number), keyed again there with
its replica secret (terminal/storage/keyed.py), so exact phone search works offline.

`looks_like_phone(text)`: the E.164 form when a scanned or typed code is a Taiwan mobile number
(national or `+886`), else None: the counter offers the phone search instead of "check digit".

`clean_name(text)` / `name_key(text)`: a member's name as signed up (NFKC, spaces collapsed, 1..60
characters of letters, combining marks, spaces and the joiners `-` `'` `.` `·` `・`; no digits, no
control or format characters; a space between two CJK characters dropped: 陳 大文 -> 陳大文) and its
search key (the clean name case-folded).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from terminal.domain.member_data import _is_cjk

_PHONE_TAG = b"loyalty-terminal phone number v1\x00"
MAX_NAME = 60
MIN_NAME_QUERY = 2  # characters (spaces not counted) a name search needs
MAX_PHONE_TEXT = 40  # characters of typed phone text looked at (longer: refused)
_SEPARATORS = re.compile(r"[ \-.]")
_NAME_JOINERS = frozenset("-'.·・")


class PhoneError(ValueError):
    """A phone number that cannot be accepted; the message says why (English, for the detail line)."""


def normalise_phone(text: object) -> str:
    """The E.164 form of a typed phone number (rules in the module docstring). PhoneError otherwise."""
    if not isinstance(text, str):
        raise PhoneError("A phone number is text.")
    if len(text) > MAX_PHONE_TEXT:
        raise PhoneError(f"A phone number has at most {MAX_PHONE_TEXT} characters.")
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        raise PhoneError("No phone number given.")
    if s.count("(") > 1 or s.count("(") != s.count(")"):
        raise PhoneError("Unbalanced parentheses in the phone number.")
    s = _SEPARATORS.sub("", s.replace("(", "").replace(")", ""))
    plus = s.startswith("+")
    digits = s[1:] if plus else s
    if not digits or not all("0" <= ch <= "9" for ch in digits):
        raise PhoneError("A phone number has only digits (and +, spaces, dashes).")
    if not plus:
        if len(digits) == 10 and digits.startswith("09"):
            return "+886" + digits[1:]
        if digits.startswith("886"):
            return _taiwan(digits[3:])
        raise PhoneError("Type a Taiwan mobile number (09xxxxxxxx) or the number with its country code (+…).")
    if digits.startswith("886"):
        return _taiwan(digits[3:])
    if digits[0] == "0":
        raise PhoneError("A country code does not start with 0.")
    if not 8 <= len(digits) <= 15:
        raise PhoneError("An international number has 8 to 15 digits.")
    return "+" + digits


def _taiwan(national: str) -> str:
    if national.startswith("0"):
        national = national[1:]  # "+886 0912…": the trunk 0 kept by habit
    if len(national) == 9 and national.startswith("9"):
        return "+886" + national
    raise PhoneError("A Taiwan number must be a mobile number: 09 and 8 more digits.")


def looks_like_phone(text: object) -> str | None:
    """The E.164 form when `text` is a Taiwan mobile number as typed (09xxxxxxxx, +8869…), else None."""
    if not isinstance(text, str) or len(text) > MAX_PHONE_TEXT:
        return None
    s = unicodedata.normalize("NFKC", text).strip()
    bare = _SEPARATORS.sub("", s)
    if not (re.fullmatch(r"09[0-9]{8}", bare) or re.fullmatch(r"\+?8869[0-9]{8}", bare)):
        return None
    try:
        return normalise_phone(s)
    except PhoneError:
        return None


def mask_phone(e164: str | None) -> str | None:
    """The last three digits only: `****-***-678` (Taiwan mobile), `+*********678` elsewhere."""
    if not e164:
        return None
    if e164.startswith("+8869") and len(e164) == 13:
        return "****-***-" + e164[-3:]
    digits = e164.lstrip("+")
    return "+" + "*" * (len(digits) - 3) + digits[-3:]


def phone_hash(salt_hex: str, e164: str) -> str:
    """Hex SHA-256 over the phone tag, the chain's salt and the E.164 text. ValueError for a salt that is not hex."""
    return hashlib.sha256(_PHONE_TAG + bytes.fromhex(salt_hex) + b"\x00" + e164.encode()).hexdigest()


def clean_name(text: object) -> str:
    """A member's name as stored (rules in the module docstring). ValueError saying what is wrong."""
    if not isinstance(text, str):
        raise ValueError("A name is text.")
    if len(text) > 4 * MAX_NAME:
        raise ValueError(f"A name has at most {MAX_NAME} characters.")
    s = unicodedata.normalize("NFKC", text)
    bad = next((ch for ch in s if ch != " " and unicodedata.category(ch)[0] in "CZ"), None)
    if bad is not None:  # tabs, line breaks, control and format characters (bidi overrides...), other spaces
        raise ValueError(f"A name cannot contain the character U+{ord(bad):04X}.")
    s = " ".join(s.split())
    if not s:
        raise ValueError("No name given.")
    if len(s) > MAX_NAME:
        raise ValueError(f"A name has at most {MAX_NAME} characters.")
    for ch in s:
        cat = unicodedata.category(ch)
        if cat[0] in "LM" or ch == " " or ch in _NAME_JOINERS:
            continue
        if cat[0] == "N":
            raise ValueError("A name has no digits.")
        raise ValueError(f"A name cannot contain the character U+{ord(ch):04X}.")
    if not any(unicodedata.category(ch)[0] == "L" for ch in s):
        raise ValueError("A name needs at least one letter.")
    # 陳 大文 -> 陳大文: a space between two CJK characters is a typing habit, not part of the name
    return "".join(ch for i, ch in enumerate(s) if not (ch == " " and 0 < i < len(s) - 1 and _is_cjk(s[i - 1]) and _is_cjk(s[i + 1])))


def name_key(text: str) -> str:
    """The search key of a name: NFKC, spaces collapsed, case-folded ("" for no name)."""
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).split()).casefold()


def name_query(text: object) -> str:
    """The search key of a typed name query: ValueError when it is not a valid name part or has fewer
    than MIN_NAME_QUERY characters (spaces not counted)."""
    key = name_key(clean_name(text))
    if len(key.replace(" ", "")) < MIN_NAME_QUERY:
        raise ValueError(f"Type at least {MIN_NAME_QUERY} characters of the name.")
    return key
