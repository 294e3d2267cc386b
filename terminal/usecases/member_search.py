"""Find a member by phone or name, attach them, sign a new one up (issue 17 section 4.1).

    search(ctx, query) -> SearchResult            a phone (any typed form) or a name (>= 2 characters)
    attach(ctx, member_id) -> Member              the chosen one, in this replica (looked up online if needed)
    sign_up(ctx, SignUpRequest, cashier_id=)      online only: the new member, in the replica at once
    phone_instead(code, err) -> DomainError       a scan refused but the code is a phone number: LOOKS_LIKE_PHONE

`ctx.member_directory` is the sync client (`search_members`, `sign_up_member`, `lookup_member`),
None when the terminal is not enrolled. What a counter may see follows issue 13: the server answers
at most five MASKED members (王*明, ****-***-678) and bounds each till (429 -> RATE_LIMITED); the
chosen member enters this store's slice only then (POST /v1/member-lookup by id).

**Offline**, an exact phone search finds only the members signed up at this till (their phone is
kept as an HMAC under the replica secret, terminal/storage/keyed.py `phone_key`, never the number).
The server sends no phone of any other member, not even hashed: a store PC could try every mobile
number against a hash it can check (sync/server/feed.py `member_for_device`). A phone is looked up
in the replica first (no network, no count against the bound), the server only when the replica has
nobody. A name search needs the server (the replica holds masked names only) and so does a sign-up:
NEEDS_NETWORK, nothing written.

Every refusal is a DomainError with its reason; the sign-up's field errors name the field
(`details["field"]`: name, phone, birth_month, consent).
"""

from __future__ import annotations

import logging
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

from terminal.domain.member_data import mask_name
from terminal.domain.models import Member
from terminal.domain.phones import PhoneError, clean_name, looks_like_phone, mask_phone, name_query, normalise_phone
from terminal.domain.reasons import CodeError, DomainError, Reason
from terminal.storage.db import transaction
from terminal.usecases.context import ServiceContext
from terminal.usecases.lookup import _check_member_usable

log = logging.getLogger("terminal.member_search")


@dataclass(frozen=True)
class FoundMember:
    member_id: str
    name: str  # masked
    phone: str | None  # masked (****-***-678), None when unknown (found offline: the replica keeps no number)
    tier_name: str
    status: str  # active | blocked
    here: bool  # already on this terminal (no lookup needed to attach)


@dataclass(frozen=True)
class SearchResult:
    kind: str  # phone | name
    query: str  # as shown back: the phone masked, or the name typed
    members: tuple[FoundMember, ...]
    truncated: bool  # more names matched than were answered: type more of the name, or ask the phone
    online: bool  # False: answered from this replica only


@dataclass(frozen=True)
class SignUpRequest:
    name: str
    phone: str
    birth_month: int | None
    consent: bool
    request_id: str = ""  # the same for a retry of one sign-up (a lost answer makes no second member); "" = new


@dataclass(frozen=True)
class SignUpResult:
    member: Member
    card_number: str | None  # the new card's number, to write on a card or read to the member (None: a repeated answer)
    phone: str | None  # masked


def is_phone_query(text: str) -> bool:
    """A query with a digit or a leading + is a phone number (names have no digits)."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    return s.startswith("+") or any(ch.isdigit() for ch in s)


def phone_instead(code: str, err: DomainError) -> DomainError:
    """`err` for a refused scan, or LOOKS_LIKE_PHONE (details: phone in E.164, masked) when `code` is a Taiwan mobile number."""
    if err.reason not in (Reason.BAD_CHECK_DIGIT, Reason.MALFORMED, Reason.UNKNOWN, Reason.KEYBOARD_LAYOUT):
        return err
    phone = looks_like_phone(code)
    if phone is None:
        return err
    return CodeError(Reason.LOOKS_LIKE_PHONE, f"This is a phone number ({mask_phone(phone)}), not a code: find the member by phone.",
                     phone=phone, masked=mask_phone(phone))


def _tier_name(ctx: ServiceContext, tier_id: str | None) -> str:
    tier = ctx.replica.catalog()["tiers"].get(tier_id) if tier_id else None
    return tier.name if tier else (tier_id or "")


def _refused(exc: Exception, doing: str) -> DomainError:
    """A server refusal (sync.client.RequestRefused) as a DomainError with the server's reason and message."""
    import json

    code = "rate_limited" if getattr(exc, "status", None) == 429 else getattr(exc, "code", None) or "invalid_request"
    try:
        reason = Reason(code)
    except ValueError:
        reason = Reason.INVALID_REQUEST
    details: dict[str, Any] = {}
    try:
        err = json.loads(getattr(exc, "body", "") or "{}")["error"]
        message, details = str(err.get("message", exc)), dict(err.get("details") or {})
    except (ValueError, KeyError, TypeError, AttributeError):
        message = str(exc)
    return DomainError(reason, f"{doing}: {message}", **details)


def search(ctx: ServiceContext, query: str) -> SearchResult:
    """Members whose phone is `query` (exact) or whose name starts with it. DomainError: INVALID_PHONE,
    INVALID_NAME (fewer than 2 characters...), NEEDS_NETWORK (a name offline), RATE_LIMITED, VAULT_UNAVAILABLE."""
    from sync.client import RequestRefused, TransientError

    client = ctx.member_directory
    if is_phone_query(query):
        try:
            phone = normalise_phone(query)
        except PhoneError as err:
            raise DomainError(Reason.INVALID_PHONE, str(err), field="phone") from None
        try:
            secret = ctx.replica_secret("find a member by phone")
        except DomainError:  # the vault is locked: the replica's keyed phones cannot be read; the server still can
            if client is None:
                raise
            secret = None
        here = ctx.replica.member_by_phone(phone, secret)
        if here is not None:
            return SearchResult("phone", mask_phone(phone) or "", (FoundMember(here.id, mask_name(here.name), mask_phone(phone),
                                                                                _tier_name(ctx, here.tier_id), here.status, True),),
                                False, False)
        if client is None:
            return SearchResult("phone", mask_phone(phone) or "", (), False, False)
        body: dict[str, Any] = {"phone": phone}
    else:
        try:
            name_query(query)
        except ValueError as err:
            raise DomainError(Reason.INVALID_NAME, str(err), field="name") from None
        if client is None:
            raise DomainError(Reason.NEEDS_NETWORK, "A name search needs the central server: this terminal is not enrolled. "
                              "Search by phone or scan the card.")
        body = {"name": query.strip()}
    try:
        answer = client.search_members(**body)
    except TransientError as exc:
        if "phone" in body:  # the replica had nobody; the server cannot be asked now
            return SearchResult("phone", mask_phone(body["phone"]) or "", (), False, False)
        raise DomainError(Reason.NEEDS_NETWORK, f"A name search needs the central server, which cannot be reached ({exc}). "
                          "Search by phone or scan the card.") from None
    except RequestRefused as exc:
        raise _refused(exc, "Member search refused") from None
    found = tuple(FoundMember(str(r["member_id"]), str(r.get("name") or ""), r.get("phone"), _tier_name(ctx, r.get("tier_id")),
                              str(r.get("status") or "active"), ctx.replica.member(str(r["member_id"])) is not None)
                  for r in answer.get("results", []) if isinstance(r, dict) and r.get("member_id"))
    shown = mask_phone(body["phone"]) if "phone" in body else body["name"]
    return SearchResult(answer.get("kind", "phone" if "phone" in body else "name"), shown or "", found,
                        bool(answer.get("truncated")), True)


def attach(ctx: ServiceContext, member_id: str) -> Member:
    """The chosen member as this replica holds it: looked up online (it enters the store's slice, the pull brings it)
    when it is not here yet. CodeError UNKNOWN (not found, or offline and not here), REVOKED (blocked); DomainError
    RATE_LIMITED (this till's member lookups are over their bound: its message says for how long)."""
    member = ctx.replica.member(member_id)
    if member is None and ctx.member_directory is not None and not ctx.replica.conn.in_transaction:
        try:
            ctx.member_directory.lookup_member(member_id=member_id)
        except Exception as exc:  # offline, refused: said below
            log.info("member lookup of a found member failed (%s)", type(exc).__name__)
            if getattr(exc, "status", None) == 429:  # this till's lookup bound (sync/server/member_lookup_bound.py)
                raise _refused(exc, "Member lookup") from None
        member = ctx.replica.member(member_id)
    if member is None or member.name == "?":
        raise CodeError(Reason.UNKNOWN, "That member is not on this terminal and the central server cannot be reached: "
                        "scan the member's card, or try again when online.")
    _check_member_usable(ctx, member)
    return member


def check_sign_up(req: SignUpRequest) -> tuple[str, str, int | None]:
    """(name, E.164 phone, birth month) as the server will check them; DomainError naming the field first wrong."""
    try:
        name = clean_name(req.name)
    except ValueError as err:
        raise DomainError(Reason.INVALID_NAME, str(err), field="name") from None
    try:
        phone = normalise_phone(req.phone)
    except PhoneError as err:
        raise DomainError(Reason.INVALID_PHONE, str(err), field="phone") from None
    month = req.birth_month
    if month is not None and (not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12):
        raise DomainError(Reason.INVALID_BIRTH_MONTH, "The birth month is 1..12 (or left empty).", field="birth_month")
    if req.consent is not True:
        raise DomainError(Reason.CONSENT_REQUIRED, "The member must agree to the terms and the privacy notice first.",
                          field="consent")
    return name, phone, month


def sign_up(ctx: ServiceContext, req: SignUpRequest, *, cashier_id: str) -> SignUpResult:
    """Sign a new member up at the counter, online only (module docstring); an audit row says who. DomainError:
    the field errors of `check_sign_up`, NEEDS_NETWORK, PHONE_TAKEN (details.existing: that member, masked),
    RATE_LIMITED; nothing is written then."""
    from sync.client import RequestRefused, TransientError

    name, phone, month = check_sign_up(req)
    client = ctx.member_directory
    if client is None:
        raise DomainError(Reason.NEEDS_NETWORK, "Sign-up needs the network: this terminal is not enrolled with a central server.")
    try:
        answer = client.sign_up_member(name=name, phone=phone, birth_month=month, consent=True,
                                       request_id=req.request_id or str(uuid.uuid4()))
    except TransientError as exc:
        raise DomainError(Reason.NEEDS_NETWORK, f"Sign-up needs the network and the central server cannot be reached ({exc}). "
                          "Nothing was signed up, or its answer was lost: sign up again with the same form when the "
                          "network is back (it makes no second member).") from None
    except RequestRefused as exc:
        raise _refused(exc, "Sign-up refused") from None
    member_id = str(answer.get("member_id"))
    member = ctx.replica.member(member_id)
    if member is None:  # signed up, but the pull did not bring the row (cut meanwhile): attach looks it up again
        try:
            member = attach(ctx, member_id)
        except DomainError:
            raise DomainError(Reason.NEEDS_NETWORK, f"Signed up as {answer.get('name')} (card {answer.get('card_number')}), "
                              "but the member could not be brought to this till: press Sign up again when the network "
                              "is back (the same member, not a second one).", member_id=member_id,
                              card_number=answer.get("card_number")) from None
    at = ctx.now()
    secret = ctx.replica_secret("key the new member's phone")
    with transaction(ctx.replica.db):
        ctx.replica.set_member_phone(member.id, phone, secret)  # this till finds them by phone offline too
        ctx.replica.audit(at=at, actor_id=cashier_id, action="member_signup", reason="counter",
                          details={"member_id": member.id, "repeated": bool(answer.get("repeated"))})
    return SignUpResult(member, answer.get("card_number"), answer.get("phone"))
