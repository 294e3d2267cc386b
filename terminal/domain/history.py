"""Conditions on a member's purchase history (issue 16, section 3): pure rules.

A *purchase* is a settlement naming the member that is not voided. The terminal knows the
member's purchases from its replica (`member_history` rows the server sends: every purchase the
server has booked) plus its own settlements not yet reflected in them (the overlay,
terminal/usecases/checkout.py); the server counts its own booked ones (sync/server/rules.py).
Both judge with the same functions below, so they agree on the same history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .member_data import mask_name
from .models import Member
from .reasons import CodeError, Reason


@dataclass(frozen=True, slots=True)
class PurchaseHistory:
    """What the rules know of a member's past purchases. `purchases`: count of settlements
    naming the member, not voided (>= 0); `first_purchase_at`: the earliest one (UTC-aware), None
    when there is none."""

    purchases: int = 0
    first_purchase_at: datetime | None = None

    def plus(self, at: datetime) -> "PurchaseHistory":
        """The history after one more purchase at `at`."""
        first = at if self.first_purchase_at is None or at < self.first_purchase_at else self.first_purchase_at
        return PurchaseHistory(self.purchases + 1, first)

    def minus(self) -> "PurchaseHistory":
        """The history after one purchase was voided (`first_purchase_at` kept unless none is left)."""
        n = max(0, self.purchases - 1)
        return PurchaseHistory(n, self.first_purchase_at if n else None)


def check_first_purchase(name: str, member: Member | None, prior_purchases: int) -> None:
    """A first-purchase-only coupon (`CouponTemplate.first_purchase_only`, 首購禮) named `name`:
    usable only by a member with no purchase before this one, wherever it was made and whether
    or not it used a coupon. Raises CodeError MEMBER_REQUIRED (no member) or NOT_FIRST_PURCHASE
    (details: `prior_purchases`)."""
    if member is None:
        raise CodeError(Reason.MEMBER_REQUIRED, f"{name} is for a member's first purchase: scan the member card first.")
    if prior_purchases > 0:
        raise CodeError(Reason.NOT_FIRST_PURCHASE,
                        f"{name} is valid only on a member's first purchase; {mask_name(member.name)} has "
                        f"{prior_purchases} purchase(s) already.", prior_purchases=prior_purchases)
