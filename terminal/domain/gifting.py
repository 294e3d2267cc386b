"""Gifting a voucher to a friend (轉贈): who may transfer what, and the refusal of a gifted code.

A member gives an unused voucher, or a stored voucher with its remaining uses, to another
member. Transfers are made online only (the server is the one place that knows both owners);
afterwards the coupon's `member_id` is the friend's and `gifted_from` lists the earlier owners,
whose code is refused with reason `gifted` at every store.

    check_transfer(instance, template, from_member_id=, to_member=, at=)   CheckoutError or None
    gifted_message(instance, template)                                     the refusal's text
"""

from __future__ import annotations

from datetime import datetime

from .clock import fmt_day, in_window
from .models import CouponInstance, CouponKind, CouponTemplate, Member
from .reasons import CheckoutError, Reason

GIFTABLE = frozenset({CouponKind.PRODUCT_VOUCHER, CouponKind.STORED_VOUCHER, CouponKind.AMOUNT_OFF, CouponKind.PERCENT_OFF})


def gifted_message(instance: CouponInstance, template: CouponTemplate) -> str:
    return (f"{template.name} ({instance.code}) was given to another member (coupon transferred): "
            "this code is no longer this member's; the friend who received it can redeem it.")


def check_transfer(instance: CouponInstance, template: CouponTemplate, *, from_member_id: str, to_member: Member | None,
                   at: datetime) -> None:
    """Raise CheckoutError unless `from_member_id` may give `instance` to `to_member` at `at` (aware):

    not_found (no such receiving member), gifted (the giver is no longer the owner), wrong_member
    (the giver never owned it), transfer_not_allowed (a bearer code, a bundle or a bundle's
    voucher, giving to oneself), voided, expired, used_up, member_blocked as revoked."""
    if to_member is None:
        raise CheckoutError(Reason.NOT_FOUND, "The receiving member is not known.")
    if to_member.status != "active":
        raise CheckoutError(Reason.REVOKED, f"Member {to_member.id} is blocked and cannot receive a voucher.")
    if instance.member_id != from_member_id:
        if from_member_id in instance.gifted_from:
            raise CheckoutError(Reason.GIFTED, gifted_message(instance, template), code=instance.code)
        raise CheckoutError(Reason.WRONG_MEMBER, f"Coupon {instance.code} is not member {from_member_id}'s.")
    if to_member.id == from_member_id:
        raise CheckoutError(Reason.TRANSFER_NOT_ALLOWED, "A member cannot give a voucher to themselves.")
    if template.kind not in GIFTABLE or instance.parent_code is not None or not template.member_bound:
        raise CheckoutError(Reason.TRANSFER_NOT_ALLOWED,
                            f"{template.name} cannot be gifted (bearer codes, bundles and a bundle's vouchers stay as issued).")
    if instance.status == "voided":
        raise CheckoutError(Reason.VOIDED, f"Coupon {instance.code} was voided by the issuer.")
    ends = [t for t in (instance.valid_until, template.valid_until) if t is not None]
    end = min(ends) if ends else None
    if not in_window(at, None, end):
        raise CheckoutError(Reason.EXPIRED, f"{template.name} expired on {fmt_day(end)}.")
    if instance.remaining_uses <= 0:
        raise CheckoutError(Reason.USED_UP, f"{template.name} is used up: nothing left to give.")
