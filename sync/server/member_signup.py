"""A new member signed up at the counter (issue 17 section 4.1; POST /v1/members), online only.

The request is hostile until checked: the name (`terminal.domain.phones.clean_name`: 1..60
letters, marks, spaces and joiners after NFKC; no digits, control or format characters), the
phone (`normalise_phone`, E.164), the birth month (an int 1..12 or absent) and the consent (must
be true: the member agreed to the program's terms and privacy notice; its time is kept).

The member gets a new id (`M-` + 12 hex digits), a new card number (13 digits, the in-store GS1
prefix 29, its check digit; not any member's card yet), the chain's lowest tier, the device's store
as home store, and enters that store's slice in the same transaction, so the counter's next pull
brings it (`visible_seq`). A phone already a member's: PhoneTaken (HTTP 409 `phone_taken`, with
that member masked, so the counter can attach them instead); saying so is a phone search, bounded
and audited as one (else a till could probe phones through sign-ups). Bounded per device (SIGNUPS_PER_HOUR,
counted in the audit `member_searches`, kind `signup`); the same `request_id` from the same device
answers the first sign-up (`repeated`, with its card number again: that device made it), so a retry after
a lost answer makes no second member.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any

from terminal.domain.codes import gs1_check_digit
from terminal.domain.member_data import card_hash, mask_name
from terminal.domain.phones import PhoneError, clean_name, mask_phone, normalise_phone

from sync.server.member_search import (SEARCH_LIMITS, SIGNUPS_PER_HOUR, InvalidQuery, PhoneTaken, audit, check_rate, masked,
                                      member_by_phone)

CARD_PREFIX = "29"  # GS1 restricted circulation (in-store numbers): never a product's barcode from a supplier


class NoCatalog(Exception):
    """The chain has no tier yet: nobody can be signed up."""


def checked(name: Any, phone: Any, birth_month: Any, consent: Any) -> tuple[str, str, int | None]:
    """(clean name, E.164 phone, birth month) of a sign-up; InvalidQuery naming the field."""
    if consent is not True:
        raise InvalidQuery("consent_required", "The member must agree to the terms and privacy notice (consent: true).", "consent")
    try:
        clean = clean_name(name)
    except ValueError as err:
        raise InvalidQuery("invalid_name", str(err), "name") from None
    try:
        e164 = normalise_phone(phone)
    except PhoneError as err:
        raise InvalidQuery("invalid_phone", str(err), "phone") from None
    if birth_month is not None and (not isinstance(birth_month, int) or isinstance(birth_month, bool) or not 1 <= birth_month <= 12):
        raise InvalidQuery("invalid_birth_month", "The birth month is 1..12 (or left out).", "birth_month")
    return clean, e164, birth_month


def _new_card(store) -> str:
    salt = store.card_salt()
    for _ in range(20):
        body = CARD_PREFIX + "".join(str(secrets.randbelow(10)) for _ in range(10))
        number = body + str(gs1_check_digit(body))
        if store.conn.execute("SELECT 1 FROM member_cards WHERE card_hash = ?", (card_hash(salt, number),)).fetchone() is None:
            return number
    raise RuntimeError("no free card number after 20 draws")


def _new_id(store) -> str:
    for _ in range(20):
        member_id = "M-" + secrets.token_hex(6).upper()
        if store.conn.execute("SELECT 1 FROM entities WHERE kind = 'member' AND key = ?", (member_id,)).fetchone() is None:
            return member_id
    raise RuntimeError("no free member id after 20 draws")


def _answer(store, member_id: str, card: str | None, visible: int, repeated: bool) -> dict[str, Any]:
    m = masked(store, member_id) or {"member_id": member_id, "name": "", "phone": None, "tier_id": None, "status": "active"}
    return {**m, "card_number": card, "visible_seq": visible, "repeated": repeated}


def sign_up(store, device: dict, *, name: Any, phone: Any, birth_month: Any = None, consent: Any = None,
            request_id: str) -> dict[str, Any]:
    """Create the member (module docstring). Returns {member_id, name, phone (both masked), tier_id, status, card_number,
    visible_seq, repeated}. Raises InvalidQuery, RateLimited, PhoneTaken, NoCatalog; nothing written then."""
    clean, e164, month = checked(name, phone, birth_month, consent)
    store.card_salt()  # made before the write (member_cards keeps salted card hashes)
    with store.write() as tx:
        store.lock_keys(f"member-search:{device['device_id']}", f"phone:{e164}")
        now = store.clock()
        r = store.conn.execute("SELECT member_ids FROM member_searches WHERE device_id = ? AND request_id = ?",
                               (device["device_id"], request_id)).fetchone()
        if r is not None:  # a retry of a sign-up this device made: the same member, nothing new
            ids = json.loads(r[0])
            if not ids:
                raise InvalidQuery("invalid_request", f"Sign-up request {request_id} was already used.", "request_id")
            again = store.get("member", ids[0]) or {}
            return _answer(store, ids[0], again.get("plain_code"), store.head(), True)
        check_rate(store, device, ("signup",), [(SIGNUPS_PER_HOUR, timedelta(hours=1), "member sign-ups")], now)
        existing = member_by_phone(store, e164)
        if existing is not None:
            # saying who has the phone is a phone search: bounded and audited as one (else a till could probe
            # phones through sign-ups); committed, then refused below
            check_rate(store, device, ("phone", "name"), SEARCH_LIMITS, now)
            audit(store, device, "phone", mask_phone(e164) or "", [existing], now)
        else:
            member_id, card = _create(store, device, clean, e164, month, now, request_id)
    if existing is not None:
        raise PhoneTaken(e164, existing)
    feed = tx.state.get("changefeed")
    visible = feed.stamp.last if feed is not None and feed.stamp is not None else store.head()
    return _answer(store, member_id, card, visible, False)


def _create(store, device: dict, clean: str, e164: str, month: int | None, now, request_id: str) -> tuple[str, str]:
    """Inside the write: the new member row, its slice entry and audit row; returns (id, card number). NoCatalog
    without a tier."""
    tier = store.conn.execute("SELECT key, body FROM entities WHERE kind = 'tier' AND deleted = 0").fetchall()
    if not tier:
        raise NoCatalog("no tier in the catalog yet")
    tier_id = min(tier, key=lambda t: (json.loads(t[1]).get("rank", 0), t[0]))[0]
    member_id, card = _new_id(store), _new_card(store)
    store.lock_keys(f"member:{member_id}")
    body = {"id": member_id, "name": clean, "tier_id": tier_id, "birthday": None, "birth_month": month, "plain_code": card,
            "status": "active", "home_store": device["store_id"], "phone": e164, "consent_at": now.isoformat(),
            "signed_up_at": now.isoformat(), "signed_up_by": device["device_id"]}
    store.put("member", member_id, body, member_id)
    store.slice_enter(device["store_id"], member_id, "home")
    audit(store, device, "signup", f"{mask_name(clean)} {mask_phone(e164)}", [member_id], now, request_id)
    return member_id, card


def existing_masked(store, member_id: str) -> dict | None:
    with store.read():
        return masked(store, member_id)
