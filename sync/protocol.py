"""The sync wire protocol: pure pydantic models shared by the client and the server.

Version 1, JSON over HTTP, every call but `enrol` and `health` authenticated with
``Authorization: Bearer <device credential>``. See docs/sync.md.

Enrolment (two phases)
    ``POST /v1/enrol`` answers a PENDING credential; the terminal stores it in its vault,
    reads it back, then ``POST /v1/enrol/confirm {token}`` (Bearer that credential) makes it
    a device and uses the token up, or ``POST /v1/enrol/cancel`` gives the token back.
    A terminal id with an active device is enrolled again only with a replacement token or
    with that device's credential as the Bearer of ``POST /v1/enrol`` (else 409 terminal_in_use).
    ``POST /v1/device/revoke`` is the terminal giving its credential up (``unenroll``).

Push (``POST /v1/push``)
    A batch of `EventEnvelope` in ``terminal_seq`` order. The server applies each event in
    its own transaction and answers every event with one of ``accepted``, ``duplicate``,
    ``accepted_with_conflict`` or ``rejected`` - all inside a 2xx, all acknowledged.
    ``acked_through_seq`` is the highest ``terminal_seq`` such that it and every event
    before it in the batch were answered; the terminal marks them acknowledged at once.

Pull (``GET /v1/pull?cursor=&limit=``)
    Pages of upserts and tombstones (`Change`) in the order of the server's change
    sequence, at most ``limit`` rows and PAGE_BYTES of JSON items each. A cursor is
    ``"<epoch>.<seq>"``; an unknown epoch or a cursor beyond the head answers
    ``reset: true`` (full resync from the cursor in ``next_cursor``).

Wire: answers of 1 KiB and more are gzip-compressed when the request accepts gzip
(httpx sends ``Accept-Encoding: gzip`` and decodes). A push answered **503** (overloaded,
database busy; nothing applied) and any call answered **429** carry ``Retry-After`` in seconds.

Cursor semantics: an event is visible in pulled state once the terminal's cursor has
reached the event's ``visible_seq`` (returned in its push answer).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

PROTOCOL_VERSION = 1
MAX_BATCH = 500
MAX_PAGE = 10_000
MAX_ANSWERS = 1000  # event answers carried by a pull's last page
DEFAULT_PAGE = 1000
PAGE_BYTES = 1024 * 1024  # bytes of JSON in a pull page's `items`: the page ends before a row that would pass it
#                           (a single larger row is sent alone); `limit` bounds the rows, this the memory and the wire
PUSH_BODY_BYTES = 4 * 1024 * 1024  # bytes: the client keeps a push body within this, half the server's 8 MiB
#                                    body limit (sync/server/limits.py MAX_BODY); a single larger event goes alone

def _unicode_text(v: str) -> str:
    """Refuse unpaired surrogates (JSON can carry them as \\udXXX escapes; UTF-8 and SQLite cannot)."""
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text (an unpaired surrogate was sent)") from None
    return v


Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
Uuid = Annotated[str, Field(pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Cursor = Annotated[str, Field(max_length=64, pattern=r"^[0-9a-f]{1,32}\.[0-9]{1,18}$")]

EventStatus = Literal["accepted", "duplicate", "accepted_with_conflict", "rejected"]
ConflictKind = Literal[
    "duplicate_redemption",  # single-use coupon already redeemed elsewhere; first received wins
    "voucher_overuse",  # stored voucher used beyond its remaining uses
    "points_overdraft",  # points spent beyond the member's balance; debit posted, debt recorded
    "redeemed_after_void",  # coupon redeemed after a central void
    "unknown_coupon",  # a coupon the server had never issued (created from its template)
    "unknown_lot",  # points burnt from a lot the server does not know
    "rejected_event",  # the server refused the event as a whole (see error)
    "quarantined",  # a claim the rules cannot produce: not booked as claimed (details: reason, claimed, server)
    "blocked_member",  # a sale of a member blocked after the terminal's last pull (posted)
    "limit_exceeded",  # a per-member limit exceeded through uses at other terminals (posted, counted chain-wide)
    "shared_code_over_cap",  # a shared promo code used offline beyond its cap: not booked beyond (issue 16)
    "shared_code_over_budget",  # a shared promo code's discount beyond its campaign budget: not booked beyond
    "allowance_overridden",  # a manager approved a sale beyond the offline allowance (booked within the override ceilings)
    "stored_value_overdraft",  # stored value / a gift card paid beyond the balance the server knows (posted within the allowance)
    "giveaway_over_cap",  # a giveaway claim beyond the campaign's total, found at sync (not booked)
    "giveaway_over_limit",  # a giveaway claim beyond the member's per-day / per-campaign claims chain-wide (not booked)
    "redeemed_after_transfer",  # the old owner's code of a gifted voucher used offline before the terminal knew (honoured)
    "first_purchase_repeated",  # a first-purchase coupon after a purchase elsewhere the terminal could not know (posted)
    "referral_not_rewarded",  # a referral the server does not reward (an earlier purchase elsewhere, already referred)
    "visit_gift_claimed_twice",  # a visit gift claimed offline at two stores for one member: the later not booked
    "visit_gift_spend_withdrawn",  # a void / return took a claimed visit gift's spend below its threshold (gift kept, shown)
    "campaign_over_cap",  # a promo code's use beyond its campaign's cap of uses over all its codes (not booked beyond)
    "campaign_over_budget",  # a promo code's discount beyond its campaign's budget over all its codes (not booked beyond)
    "device_voucher_not_backed",  # a terminal-signed voucher used elsewhere whose issuing event did not issue it (honoured)
]
EntityKind = Literal[
    "meta", "brand", "store", "tier", "point_type", "category", "product", "earn_rule", "coupon_template",
    "promotion", "member", "point_lot", "coupon", "revocation", "issuer_key", "staff", "slice",
    "member_purchases", "referral",
    "value_program", "topup_bonus", "value_account",  # stored value and gift cards (issue 15)
    "exchange_offer", "giveaway_campaign", "giveaway_tally", "giveaway_claims", "visit_gift",
    "promo_campaign", "promo_campaign_tally",  # campaigns over several shared promo codes (issue 16)
    "device_key",  # a terminal's voucher signing key (sync/server/device_keys.py)
]
CATALOG_KINDS = frozenset({"meta", "brand", "store", "tier", "point_type", "category", "product", "earn_rule",
                           "coupon_template", "issuer_key", "staff", "promotion", "exchange_offer", "giveaway_campaign",
                           "promo_campaign", "visit_gift"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(BaseModel):
    """Every non-validation error body: a stable machine code and a human message."""

    code: str
    message: str
    details: dict[str, Any] = {}


class ErrorResponse(BaseModel):
    error: ErrorOut


# ---- enrolment --------------------------------------------------------------------------

class EnrolRequest(_Strict):
    token: str = Field(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")
    terminal_id: Id
    device_name: Annotated[str, AfterValidator(_unicode_text)] = Field(default="", max_length=200)
    store_id: Id | None = Field(default=None, description="re-enrolment: the store this replica belongs to; a token "
                                "of another store is refused (409) before it is spent")


class EnrolResponse(BaseModel):
    device_id: str
    credential: str = Field(description="Bearer credential; shown once, the server keeps only its hash. PENDING until "
                            "confirmed with POST /v1/enrol/confirm: sync calls refuse it (403 enrolment_not_confirmed)")
    store_id: str
    terminal_id: str
    server_epoch: str
    status: Literal["pending"] = Field(default="pending", description="confirm once the credential is stored safely; "
                                       "the token is reserved, not used, until then")
    confirm_before: str = Field(description="ISO time; an unconfirmed enrolment lapses then and the token is free again")
    replaces: list[str] = Field(default_factory=list, description="the terminal's active devices, which confirming revokes "
                                "(allowed for a replacement token, or a request proving the current credential)")
    feed_public_key: str = Field(description="the server's feed-signing Ed25519 public key (base64): the terminal pins it "
                                 "and checks the signed rows of the feed and the allowances with it (sync.feedsig)")


class EnrolConfirmRequest(_Strict):
    token: str = Field(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_-]+$",
                       description="the same one-time token as in POST /v1/enrol: a pending credential alone cannot be confirmed")


class EnrolConfirmResponse(BaseModel):
    device_id: str
    store_id: str
    terminal_id: str
    server_epoch: str
    status: Literal["active"]
    already_confirmed: bool = Field(description="true when this credential and token had been confirmed before")
    replaced: list[str] = Field(description="earlier devices of the same store and terminal id, revoked by this one")


class EnrolCancelResponse(BaseModel):
    device_id: str
    status: Literal["cancelled"]


class DeviceRevokeResponse(BaseModel):
    device_id: str
    revoked_at: str


class DeviceKeyRequest(_Strict):
    """POST /v1/device/key: the calling device's voucher signing key (sync/server/device_keys.py)."""

    public_key: str = Field(pattern=r"^[A-Za-z0-9+/]{43}=$", description="raw Ed25519 public key, base64 (32 bytes)")
    device_id: str | None = Field(default=None, max_length=64, description="if given, must be the credential's own device")


class DeviceKeyResponse(BaseModel):
    device_id: str
    store_id: str
    brand_id: str
    terminal_id: str
    public_key: str
    status: str
    registered_at: str
    revoked_at: str | None = None
    revoked_reason: str | None = None
    already_registered: bool


# ---- push -------------------------------------------------------------------------------

class EventEnvelope(_Strict):
    event_id: Uuid
    terminal_id: Id
    store_id: Id
    terminal_seq: Annotated[int, Field(ge=1, le=10**12)]
    type: Literal["settlement", "void", "conflict_resolution", "return", "value_topup", "value_topup_void", "exchange",
                  "points_claim", "visit_gift_claim"]
    schema_version: Annotated[int, Field(ge=1, le=1000)]
    payload: dict[str, Any] = Field(description="exactly the JSON stored in the terminal's outbox row")
    payload_sha256: Sha256 = Field(description="sha256 of the canonical JSON of payload (terminal.domain.events)")
    occurred_at: AwareDatetime = Field(description="terminal clock; informational only")
    based_on_cursor: Cursor | None = Field(default=None, description="last pull cursor the terminal had when the cashier acted")
    app_version: Annotated[str, AfterValidator(_unicode_text)] = Field(max_length=64)


class PushRequest(_Strict):
    events: list[EventEnvelope] = Field(max_length=MAX_BATCH)


class ConflictOut(BaseModel):
    kind: ConflictKind
    decision: str = Field(description="what the server did, e.g. 'posted_as_overuse', 'debt_recorded'")
    message: str
    details: dict[str, Any] = {}


class EventResult(BaseModel):
    event_id: str
    terminal_seq: int
    status: EventStatus
    conflicts: list[ConflictOut] = []
    error: ErrorOut | None = None
    visible_seq: int = Field(description="the change sequence from which pulled state includes this event's effects")
    original_status: EventStatus | None = Field(default=None, description="for a duplicate: the first answer")


class PushResponse(BaseModel):
    results: list[EventResult]
    acked_through_seq: int | None
    server_cursor: str
    error: ErrorOut | None = Field(default=None, description="set when the server stopped before the end of the batch: "
                                   "`database_busy` (transient: the write lock was held elsewhere; send the rest again later, "
                                   "no attempt counted) or `internal_error`")


# ---- pull -------------------------------------------------------------------------------

class Change(BaseModel):
    kind: EntityKind
    key: str
    seq: int
    op: Literal["upsert", "delete"]
    body: dict[str, Any] | None = Field(default=None, description="the replica row for an upsert; null for a tombstone")
    sig: str | None = Field(default=None, description="issuer_key, staff, revocation rows: Ed25519 signature (base64) by "
                            "the feed key over sync.feedsig.row_message(kind, key, body, seq, epoch)")


class PullPage(BaseModel):
    cursor: str
    next_cursor: str
    has_more: bool
    reset: bool = Field(default=False, description="the cursor is unusable: drop it, resync fully from next_cursor")
    head: int
    items: list[Change]
    answers: list[EventResult] = Field(default=[], description=(
        "last page only, when asked with answers_from: the answers to this terminal's events from that terminal_seq "
        "on that the page's state includes (a push whose answer was lost is acknowledged here)"))
    card_salt: str | None = Field(default=None, description=(
        "the chain's card hash salt (hex): a member row carries card_hash = SHA-256 over a tag, this salt and the card "
        "number (terminal.domain.member_data.card_hash), so the terminal hashes a scanned number the same way"))
    card_salt_sig: str | None = Field(default=None, description=(
        "Ed25519 signature (base64) by the feed key over sync.feedsig.row_message('card_salt', 'card_salt', "
        "{'salt': card_salt}, 0, epoch)"))


# ---- allowances ---------------------------------------------------------------------------

class Allowances(BaseModel):
    """Offline risk limits for one terminal: what it may do the server does not know yet."""

    stored_voucher_uses: int = Field(ge=0, description="unsynced uses per stored voucher")
    points_per_member: int = Field(ge=0, description="unsynced points a member may spend, per point type")
    unreplicated_coupon_max_age_hours: int = Field(ge=0, description="max age of a signed coupon not yet in the replica")
    override_stored_voucher_uses: int = Field(default=10, ge=0, description="the most unsynced uses per stored voucher a "
                                              "manager's override may approve")
    override_points_per_member: int = Field(default=5000, ge=0, description="the most unsynced points per member and point "
                                            "type a manager's override may approve")
    stored_value_per_account: int = Field(default=0, ge=0, description="unsynced stored value / gift card spending per "
                                          "account (minor units)")
    override_stored_value_per_account: int = Field(default=5000, ge=0, description="the most unsynced value per account a "
                                                   "manager's override may approve (minor units)")
    stale_state_uses: int = Field(default=3, ge=0, description="redemptions of coupons voided/revoked, or sales of members "
                                  "blocked, after the terminal's last pull that the server posts per unsynced window (judged "
                                  "by the server only: the counter cannot know them)")
    shared_code_uses: int = Field(default=2, ge=0, description="unsynced uses per shared promo code (SUMMER10), "
                                  "beyond which a manager must approve; caps and budgets are counted by the server")
    override_shared_code_uses: int = Field(default=10, ge=0, description="the most unsynced uses per shared promo code a "
                                           "manager's override may approve")
    giveaway_claims: int = Field(default=0, ge=0, description="giveaway claims of one campaign this terminal may grant "
                                 "while its earlier claims of it are unsynced (the campaign's cap is judged by the server)")
    device_vouchers_unbacked: int = Field(default=20, ge=0, description="coupons the server creates from one terminal's "
                                          "signed vouchers (LT1V) before their issuing event arrived, unadopted, beyond "
                                          "which a use is quarantined (judged by the server only)")
    granted_at: AwareDatetime
    valid_until: AwareDatetime
    sig: str | None = Field(default=None, description="Ed25519 signature (base64) by the feed key over "
                            "sync.feedsig.allowances_message(the other fields)")


class Health(BaseModel):
    status: Literal["ok"]
    protocol: int
    epoch: str
    head: int


# ---- quarantine reports (POST /v1/quarantine) ----------------------------------------------

MAX_QUARANTINE_REPORT = 200  # rows listed in one report; a terminal holding more says how many in `more`
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_control(ch: str) -> bool:
    """A character that would drive or mislead a terminal it is printed on: C0, DEL, C1 (ANSI escape
    sequences) or a bidirectional override/isolate. One test for every place that refuses or escapes them."""
    return ch < " " or "\x7f" <= ch <= "\x9f" or ch in _BIDI
# no control characters (C0, DEL, C1: ANSI escape sequences) and no bidirectional overrides, as a
# JSON Schema pattern too (Python, Rust and ECMAScript regex read it alike)
PRINTABLE = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+$"


def printable_text(v: str) -> str:
    """Refuse text that would mislead or corrupt an admin's terminal: control characters (C0, DEL,
    C1: ANSI escape sequences), bidirectional overrides (the PRINTABLE pattern), unpaired
    surrogates. Returns `v`; raises ValueError."""
    _unicode_text(v)
    for ch in v:
        if is_control(ch):
            raise ValueError(f"must not contain control characters (U+{ord(ch):04X} was sent)")
    return v


def _iso_text(v: Any) -> Any:
    """A time on the wire is ISO 8601 text (pydantic would read a number as Unix seconds)."""
    if not isinstance(v, str):
        raise ValueError("must be an ISO 8601 time as text")
    return v


def _not_bool(v: Any) -> Any:
    """JSON true/false is not a count (pydantic would read it as 1/0)."""
    if isinstance(v, bool):
        raise ValueError("must be a whole number, not true/false")
    return v


class QuarantinedRow(_Strict):
    """One pulled row the terminal keeps aside (its `pull_quarantine` table), described without its
    body: a row may carry personal data or a PIN hash, so only its SHA-256 is sent."""

    kind: EntityKind
    key: Annotated[str, AfterValidator(printable_text)] = Field(
        min_length=1, max_length=1000, pattern=PRINTABLE, description="the row's key in the feed (as for drop-row)")
    reason: Annotated[str, AfterValidator(printable_text)] = Field(
        min_length=1, max_length=500, pattern=PRINTABLE, description="why the replica could not hold it")
    row_sha256: Sha256 | None = Field(default=None, description="SHA-256 of the copy the terminal kept (the UTF-8 JSON "
                                      "text of pull_quarantine.body), or null when it kept none")
    cursor: Cursor | None = Field(default=None, description="the pull cursor of the page that carried it")
    seen_at: Annotated[AwareDatetime, BeforeValidator(_iso_text)] = Field(
        description="terminal clock, ISO 8601 with a zone: when it was (last) quarantined")


class QuarantineReport(_Strict):
    """The terminal's whole quarantine, as a snapshot: `rows` (at most MAX_QUARANTINE_REPORT, oldest
    first) and `more`, the rows it holds beyond them. A COMPLETE report (`more` = 0) clears every
    row the server holds for this terminal that it no longer lists; a row listed twice counts once
    (the last copy)."""

    rows: list[QuarantinedRow] = Field(max_length=MAX_QUARANTINE_REPORT)
    more: Annotated[int, BeforeValidator(_not_bool)] = Field(
        default=0, ge=0, le=10**9, description="rows the terminal holds in quarantine beyond those listed (0: the list is complete)")


class QuarantineReportResponse(BaseModel):
    store_id: str
    terminal_id: str
    open: int = Field(description="rows the server now holds as quarantined at this terminal")
    cleared: int = Field(description="rows this report cleared (quarantined before, not any more)")
    received_at: str


# ---- member lookup (store slices, issue 14) ----------------------------------------------------

class MemberLookupById(_Strict):
    """A signed member card names the member."""

    member_id: Id


class MemberLookupByCard(_Strict):
    """A typed or scanned card number, hashed with the chain's salt (`terminal.domain.member_data.card_hash`);
    the number itself never travels."""

    card_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


# a counter asks for a member outside its store's slice: exactly one of the two (both, neither or
# another field: 422)
MemberLookupRequest = MemberLookupById | MemberLookupByCard


class MemberLookupResponse(BaseModel):
    member_id: str
    status: str = Field(description="active | blocked")
    entered: bool = Field(description="true when the member entered this store's slice now (false: it was in already)")
    visible_seq: int = Field(description="a pull that reaches this position holds the member's rows")


class MemberSearchRequest(_Strict):
    """Find a member at the counter (issue 17): exactly one of `phone` (any typed form; matched exactly in
    E.164) or `name` (at least 2 characters; the names starting with it). Checked again by the server
    (sync/server/member_search.py): 422 `invalid_phone`, `invalid_name`, `invalid_request`."""

    phone: Annotated[str, Field(strict=True, max_length=40)] | None = None
    name: Annotated[str, Field(strict=True, max_length=240)] | None = None


class MemberFound(BaseModel):
    member_id: str
    name: str = Field(description="masked (王*明, J*** D.)")
    phone: str | None = Field(description="masked: the last three digits (****-***-678)")
    tier_id: str | None
    status: str = Field(description="active | blocked")


class MemberSearchResponse(BaseModel):
    kind: str = Field(description="phone | name")
    results: list[MemberFound] = Field(description="at most 5, exact name matches first")
    truncated: bool = Field(description="more members matched the name than were answered: type more of it")


class MemberSignupRequest(_Strict):
    """Sign a new member up at the counter (issue 17; online only). `consent` must be true (the member
    agreed to the terms and privacy notice); `request_id` makes a retry answer the first sign-up."""

    name: Annotated[str, Field(strict=True, max_length=240)]
    phone: Annotated[str, Field(strict=True, max_length=40)]
    birth_month: Annotated[int, Field(strict=True, ge=1, le=12)] | None = None
    consent: Annotated[bool, Field(strict=True)]
    request_id: Id


class MemberSignupResponse(MemberFound):
    card_number: str | None = Field(description="the new member's card number (13 digits), again when `repeated`")
    visible_seq: int = Field(description="a pull that reaches this position holds the member's rows")
    repeated: bool = Field(description="true when this request id was answered before (no second member)")


class TransferRequest(_Strict):
    """Give a voucher to another member (issue 15): both members named, the request id makes a retry
    answer the first transfer."""

    code: Id
    from_member: Id
    to_member: Id
    request_id: Id


class TransferResponse(BaseModel):
    code: str
    from_member: str
    to_member: str
    remaining_uses: int
    visible_seq: int = Field(description="a pull that reaches this position shows the new owner")
    at: str
    request_id: str
    repeated: bool = Field(description="true when this request id was answered before (nothing changed now)")


# ---- cursors ------------------------------------------------------------------------------

def make_cursor(epoch: str, seq: int) -> str:
    return f"{epoch}.{seq}"


def split_cursor(cursor: str | None) -> tuple[str | None, int]:
    if not cursor:
        return None, 0
    epoch, _, seq = cursor.partition(".")
    try:
        return epoch, int(seq)
    except ValueError:
        return None, 0
