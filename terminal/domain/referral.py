"""Referral (MGM, issue 16 section 3): member referral codes and who may use one. Pure.

A member's referral code is `REF-<member id>-<4 hex>` (`referral_code`): the check digits (of
SHA-256("referral:<member id>")) catch a mistyped code; the code names its referrer, so a
terminal needs no table to read it and the server none to resolve it. A new member types or
scans it at their first purchase (`check_referral`, the same rule on the terminal and the
server): the referrer is someone else, and the member has no purchase before this one. The
rewards are the server's (sync/server/referrals.py): the referral campaign's coupon (the template
with `referral`) for the new member, the referrer's points, once per new member.
"""

from __future__ import annotations

import hashlib

from .models import CouponTemplate, Member
from .next_order import next_order_code
from .reasons import CodeError, Reason

PREFIX = "REF-"
MAX_LENGTH = 64


def _check(member_id: str) -> str:
    return hashlib.sha256(f"referral:{member_id}".encode()).hexdigest()[:4].upper()


def referral_code(member_id: str) -> str:
    """The code member `member_id` hands out."""
    return f"{PREFIX}{member_id}-{_check(member_id)}"


def parse_referral(code: str) -> str:
    """The referrer's member id in `code` (case of the check digits ignored, spaces trimmed). Raises
    CodeError MALFORMED (not a referral code) or BAD_CHECK_DIGIT (mistyped), details field=referral_code."""
    text = code.strip() if isinstance(code, str) else ""
    if not text.upper().startswith(PREFIX) or len(text) > MAX_LENGTH or text.count("-") < 2:
        raise CodeError(Reason.MALFORMED, f"{text[:MAX_LENGTH]!r} is not a referral code (REF-...).", field="referral_code")
    member_id, _, check = text[len(PREFIX):].rpartition("-")
    if not member_id or check.upper() != _check(member_id):
        raise CodeError(Reason.BAD_CHECK_DIGIT, f"Referral code {text!r} is mistyped (check digits).", field="referral_code")
    return member_id


def referral_campaign(templates) -> CouponTemplate | None:
    """The template carrying the referral campaign (at most one; the catalog refuses two)."""
    items = templates.values() if isinstance(templates, dict) else templates
    return next((t for t in sorted(items, key=lambda t: t.id) if t.referral is not None), None)


def check_referral(code: str, member: Member | None, prior_purchases: int) -> str:
    """The referrer's id when `member` may use referral `code` on this purchase. Raises CodeError:
    MALFORMED / BAD_CHECK_DIGIT (the code), MEMBER_REQUIRED (no member: the new member's card is
    scanned first), SELF_REFERRAL (their own code), NOT_NEW_MEMBER (`prior_purchases` > 0: an
    existing customer); details name field=referral_code."""
    referrer = parse_referral(code)
    if member is None:
        raise CodeError(Reason.MEMBER_REQUIRED, "A referral code is for a new member: scan the member card first.",
                        field="referral_code")
    if referrer == member.id:
        raise CodeError(Reason.SELF_REFERRAL, "A member cannot refer themselves.", field="referral_code")
    if prior_purchases > 0:
        raise CodeError(Reason.NOT_NEW_MEMBER, f"A referral code is for a new member's first purchase; this member has "
                        f"{prior_purchases} purchase(s) already.", field="referral_code", prior_purchases=prior_purchases)
    return referrer


def referee_coupon_code(event_id: str) -> str:
    """The code of the coupon a referred first purchase (event `event_id`) earns the new member."""
    return next_order_code(event_id, "referral")

