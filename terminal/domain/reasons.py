"""Reason codes: the precise, stable answer to "why not?".

Every refusal carries one `Reason` (stable machine code, used by the UI to pick a
translated message and by reports to count refusals) plus an English human message with
the specifics (dates, amounts, names). Exception hierarchy::

    DomainError                 carries .reason, .message, .details
      CodeError                 a scanned/typed code could not be accepted
      CatalogRuleError          a rule/template is inconsistent (caught at load time)
      CheckoutError             a checkout request is invalid as a whole
      AuthorizationError        a role/PIN check failed
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class Reason(str, Enum):
    # code parsing / lookup
    EMPTY = "empty"
    OVERLONG = "overlong"
    MALFORMED = "malformed"
    BAD_CHECK_DIGIT = "bad_check_digit"
    UNKNOWN = "unknown"
    FORGED = "forged"
    UNKNOWN_KEY = "unknown_key"
    REVOKED = "revoked"
    WRONG_KIND = "wrong_kind"
    KEYBOARD_LAYOUT = "keyboard_layout"  # a wedge scanner typing with a non-US keyboard layout (terminal/domain/layouts.py)
    # validity
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    USED_UP = "used_up"
    VOIDED = "voided"
    WRONG_STORE = "wrong_store"
    WRONG_BRAND = "wrong_brand"
    WRONG_MEMBER = "wrong_member"
    MEMBER_REQUIRED = "member_required"
    NOT_BIRTHDAY_MONTH = "not_birthday_month"
    LIMIT_REACHED = "limit_reached"
    UNREPLICATED_NOT_ALLOWED = "unreplicated_not_allowed"
    CAP_REACHED = "cap_reached"  # a shared promo code's total uses are all taken
    BUDGET_SPENT = "budget_spent"  # a shared promo code's campaign budget is spent
    WRONG_TIER = "wrong_tier"  # a member of another tier than the offer's (visit gifts)
    VISIT_GIFT_NOT_ACTIVE = "visit_gift_not_active"  # a visit gift claimed outside its claim window
    VISIT_GIFT_ALREADY_CLAIMED = "visit_gift_already_claimed"  # once per member per visit gift
    VISIT_GIFT_THRESHOLD_NOT_MET = "visit_gift_threshold_not_met"  # the member's spend in the period is below the threshold
    CAMPAIGN_BUDGET_SPENT = "campaign_budget_spent"  # the budget of a campaign grouping several promo codes is spent
    NOT_FIRST_PURCHASE = "not_first_purchase"  # a first-purchase-only coupon on a later purchase
    SELF_REFERRAL = "self_referral"  # a member typed their own referral code
    NOT_NEW_MEMBER = "not_new_member"  # a referral code for a member who has purchased before
    NO_REFERRAL_CAMPAIGN = "no_referral_campaign"  # a referral code while no campaign runs here
    # basket fit
    MIN_SPEND_NOT_MET = "min_spend_not_met"
    NO_ELIGIBLE_ITEM = "no_eligible_item"
    NOT_COMBINABLE = "not_combinable"
    ALREADY_IN_CHECKOUT = "already_in_checkout"
    TOO_MANY_USES = "too_many_uses"
    NOTHING_LEFT_TO_DISCOUNT = "nothing_left_to_discount"
    # points
    INSUFFICIENT_POINTS = "insufficient_points"
    POINTS_NOT_MULTIPLE = "points_not_multiple"
    POINTS_EXCEED_BILL = "points_exceed_bill"
    UNKNOWN_POINT_TYPE = "unknown_point_type"
    # stored value and gift cards (terminal/domain/stored_value.py)
    INSUFFICIENT_BALANCE = "insufficient_balance"
    CURRENCY_MISMATCH = "currency_mismatch"
    INVALID_AMOUNT = "invalid_amount"
    TENDER_EXCEEDS_TOTAL = "tender_exceeds_total"
    # checkout as a whole
    INVALID_BASKET = "invalid_basket"
    UNKNOWN_PRODUCT = "unknown_product"
    PREVIEW_CHANGED = "preview_changed"
    CHECKOUT_ID_REUSED = "checkout_id_reused"
    # voids / roles
    NOT_FOUND = "not_found"
    ALREADY_VOIDED = "already_voided"
    VOID_WINDOW_PASSED = "void_window_passed"
    # returns (terminal/domain/returns.py)
    RETURN_WINDOW_PASSED = "return_window_passed"
    RETURN_EXCEEDS_SOLD = "return_exceeds_sold"
    NOT_AUTHORIZED = "not_authorized"
    OFFLINE_ALLOWANCE_EXCEEDED = "offline_allowance_exceeded"
    BAD_PIN = "bad_pin"
    STAFF_LOCKED = "staff_locked"
    VAULT_UNAVAILABLE = "vault_unavailable"  # the replica secret (OS vault) is locked: PINs / card numbers cannot be checked
    # member value that moves (issue 15): points exchange, giveaway claims, gifting
    OFFER_NOT_AVAILABLE = "offer_not_available"  # exchange offer outside its window, brand or stores
    CAMPAIGN_NOT_ACTIVE = "campaign_not_active"  # giveaway campaign before its start or after its end
    CAMPAIGN_CAP_REACHED = "campaign_cap_reached"  # the campaign's total points are given out (chain-wide)
    CLAIM_DAILY_LIMIT = "claim_daily_limit"  # the member's claims of the campaign today (store day)
    CLAIM_CAMPAIGN_LIMIT = "claim_campaign_limit"  # the member's claims of the whole campaign
    GIFTED = "gifted"  # the coupon was transferred to another member: the old owner's code is refused
    TRANSFER_NOT_ALLOWED = "transfer_not_allowed"  # a coupon that cannot be gifted (used up, voided, bundle, bearer)
    # vouchers signed by the issuing terminal (`LT1V…`, terminal/domain/device_codes.py)
    DEVICE_UNKNOWN = "device_unknown"  # no key of the signing device is known here (never registered, or not synced yet)
    DEVICE_KEY_UNREGISTERED = "device_key_unregistered"  # the device exists centrally but registered no key (server)
    DEVICE_REVOKED = "device_revoked"  # the signing device (or its key) was revoked
    DEVICE_WRONG_BRAND = "device_wrong_brand"  # signed by a device of another brand
    DEVICE_NOT_ISSUER = "device_not_issuer"  # signed a voucher no counter issues (terminal/domain/device_issuance.py)
    # the server only: more of the device's vouchers used before their issuing events than its allowance
    DEVICE_VOUCHERS_BEYOND_ALLOWANCE = "device_vouchers_beyond_allowance"
    # members found and signed up at the counter (issue 17; terminal/usecases/member_search.py)
    LOOKS_LIKE_PHONE = "looks_like_phone"  # a phone number typed into the scan field: offer the phone search
    INVALID_PHONE = "invalid_phone"
    INVALID_NAME = "invalid_name"
    INVALID_BIRTH_MONTH = "invalid_birth_month"
    CONSENT_REQUIRED = "consent_required"  # a sign-up without the member's consent
    PHONE_TAKEN = "phone_taken"  # a sign-up with a phone that is already a member's
    NEEDS_NETWORK = "needs_network"  # sign-up and name search are online only
    RATE_LIMITED = "rate_limited"  # this till's member searches / sign-ups are beyond the server's bound
    # end of day
    UNSYNCED_EVENTS = "unsynced_events"
    INVALID_REQUEST = "invalid_request"
    ALREADY_CLOSED = "already_closed"


class DomainError(Exception):
    """A refusal with a precise reason; nothing was written."""

    def __init__(self, reason: Reason, message: str, **details: Any) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.details = details

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.reason.value!r}, {self.message!r})"

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason.value, "message": self.message, **self.details}


class CodeError(DomainError):
    """A scanned or typed code could not be accepted."""


class CatalogRuleError(DomainError):
    """A rule or template is internally inconsistent."""


class CheckoutError(DomainError):
    """The checkout request as a whole is invalid."""


class AuthorizationError(DomainError):
    """A role or PIN check failed."""
