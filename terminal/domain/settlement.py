"""From an accepted preview to the exact rows a settlement (or its void) writes.

Pure: the storage layer writes a `SettlementPlan` in one transaction and nothing else.
The outbox payload carries every fact the server needs to apply the event on its own
ledgers (coupons used per instance, points per lot, earned points), so the central
ledgers can be rebuilt from events alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .burn import LotBurn
from .checkout import CheckoutPreview, CouponUse
from .clock import local
from .figures import points_by_type
from .models import Basket, CheckoutContext
from .reasons import CheckoutError, Reason


@dataclass(frozen=True, slots=True)
class EarnedLot:
    lot_id: str
    point_type: str
    points: int
    rule_id: str
    expires_at: datetime | None


@dataclass(frozen=True, slots=True)
class SettlementPlan:
    checkout_id: str
    member_id: str | None
    gross: int
    coupon_discount: int
    points_discount: int
    total: int
    coupon_uses: tuple[CouponUse, ...]
    burns: tuple[tuple[str, str, int], ...]  # (lot_id, point_type, points)
    earned: tuple[EarnedLot, ...]
    payload: dict
    promotion_discount: int = 0  # automatic promotions (domain/promotions.py), before coupons
    promotion_uses: tuple = ()  # PromotionUse rows

    @property
    def points_earned(self) -> dict[str, int]:
        """{point type: points} credited, summed over every earned lot (one per earning rule)."""
        return points_by_type(self.earned)

    @property
    def points_spent(self) -> dict[str, int]:
        """{point type: points} debited, summed over every lot spent from."""
        return points_by_type(LotBurn(lot, pt, pts) for lot, pt, pts in self.burns)


def earned_expiry(at: datetime, tz_name: str, validity_days: int | None) -> datetime | None:
    """Earned points expire at the end of the local day `validity_days` after earning."""
    if validity_days is None:
        return None
    day = local(at, tz_name).date() + timedelta(days=validity_days + 1)
    start = datetime(day.year, day.month, day.day, tzinfo=local(at, tz_name).tzinfo)
    return start


def plan_settlement(
    *, checkout_id: str, ctx: CheckoutContext, basket: Basket, preview: CheckoutPreview, cashier_id: str, terminal_id: str
) -> SettlementPlan:
    if not preview.ok:
        raise CheckoutError(
            Reason.INVALID_BASKET,
            "Cannot settle while something is refused: " + "; ".join(preview.refusals),
            refusals=preview.refusals,
        )
    earned = tuple(
        EarnedLot(
            f"{ctx.store.id}/{terminal_id}/{checkout_id}:{e.point_type}:{e.rule_id}",  # checkout ids are only unique per terminal
            e.point_type,
            e.points,
            e.rule_id,
            earned_expiry(ctx.at, ctx.store.timezone, ctx.point_types[e.point_type].validity_days if e.point_type in ctx.point_types else None),
        )
        for e in preview.earns
        if e.points > 0
    )
    burns = tuple((b.lot_id, b.point_type, b.points) for b in preview.burns)
    payload = {
        "checkout_id": checkout_id,
        "store_id": ctx.store.id,
        "terminal_id": terminal_id,
        "cashier_id": cashier_id,
        "member_id": ctx.member.id if ctx.member else None,
        "occurred_at": ctx.at.isoformat(),
        "payment_method": basket.payment_method,
        "lines": [
            {"line_id": ln.line_id, "sku": ln.sku, "name": ln.name, "unit_price": ln.unit_price, "quantity": ln.quantity,
             "net": preview.line_net[ln.line_id],
             "points_price": None if ln.points_price is None else {"point_type": ln.points_price.point_type, "points": ln.points_price.points, "cash": ln.points_price.cash}}
            for ln in basket.lines
        ],
        "gross": preview.gross,
        "promotion_discount": preview.promotion_discount,
        "promotions": [u.to_dict() for u in preview.promotion_uses],
        "coupon_discount": preview.coupon_discount,
        "points_discount": preview.points_discount,
        "total": preview.total,
        "coupons": [
            {"code": u.code, "template_id": u.template_id, "kind": u.kind, "uses": u.uses, "discount": u.discount,
             "partner": u.partner, "in_replica": u.in_replica, "parent_code": u.parent_code,
             "lines": [[lid, d] for lid, d in u.lines]}  # the discount per line: what a partial return gives back
            for u in preview.coupon_uses
        ],
        "burns": [{"lot_id": lot, "point_type": pt, "points": pts} for lot, pt, pts in burns],
        "earns": [
            {"lot_id": e.lot_id, "point_type": e.point_type, "points": e.points, "rule_id": e.rule_id,
             "expires_at": e.expires_at.isoformat() if e.expires_at else None}
            for e in earned
        ],
    }
    return SettlementPlan(
        checkout_id, ctx.member.id if ctx.member else None, preview.gross, preview.coupon_discount, preview.points_discount,
        preview.total, preview.coupon_uses, burns, earned, payload, preview.promotion_discount, preview.promotion_uses,
    )


def check_void_allowed(settled_at: datetime, at: datetime, window: timedelta, already_voided: bool, checkout_id: str) -> None:
    if already_voided:
        raise CheckoutError(Reason.ALREADY_VOIDED, f"Checkout {checkout_id} was already voided.")
    if at - settled_at > window:
        hours = window.total_seconds() / 3600
        raise CheckoutError(
            Reason.VOID_WINDOW_PASSED,
            f"Checkout {checkout_id} was settled more than {hours:g} h ago; voids are allowed within {hours:g} h.",
        )
