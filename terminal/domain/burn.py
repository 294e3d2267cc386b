"""Spending points: as a discount ("20 points = 1") and for points-plus-cash items.

Lots are consumed soonest-expiry first (then oldest earned, then lot id); a lot that has
expired at checkout time is unusable. Discount points must be a multiple of the point
type's `burn_points`, may not exceed the balance, and may pay at most
`max_burn_percent` of what is left to pay after coupons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .models import PointLot, PointType
from .reasons import CheckoutError, Reason



@dataclass(frozen=True, slots=True)
class LotBurn:
    lot_id: str
    point_type: str
    points: int


def usable_lots(lots: tuple[PointLot, ...], point_type: str, at: datetime) -> list[PointLot]:
    usable = [lot for lot in lots if lot.point_type == point_type and lot.usable_at(at)]
    usable.sort(key=lambda lot: (lot.expires_at.timestamp() if lot.expires_at else float("inf"), lot.earned_at.timestamp(), lot.lot_id))
    return usable


def balance(lots: tuple[PointLot, ...], point_type: str, at: datetime) -> int:
    """Usable points minus debts. A lot below zero is a debt (e.g. a voided earn whose points
    were already spent); like the server, which pays debts from the usable lots, it never
    expires. Without netting it the counter would show and let spend points the member
    no longer has. Negative when the debts exceed the usable points."""
    debts = sum(lot.points for lot in lots if lot.point_type == point_type and lot.points < 0)
    return sum(lot.points for lot in usable_lots(lots, point_type, at)) + debts


def allocate(lots: tuple[PointLot, ...], point_type: str, points: int, at: datetime) -> tuple[LotBurn, ...]:
    """Take `points` from the soonest-expiring usable lots. Raises if the balance is short."""
    if points < 0:
        raise CheckoutError(Reason.INVALID_BASKET, "Points to spend cannot be negative.")
    need = points
    burns: list[LotBurn] = []
    for lot in usable_lots(lots, point_type, at):
        if need == 0:
            break
        take = min(lot.points, need)
        burns.append(LotBurn(lot.lot_id, point_type, take))
        need -= take
    if need:
        have = points - need
        raise CheckoutError(
            Reason.INSUFFICIENT_POINTS,
            f"Not enough {point_type} points: {points} needed, {have} usable.",
            needed=points,
            usable=have,
        )
    return tuple(burns)


def max_discount_points(pt: PointType, usable: int, payable: int) -> int:
    """Most points that may be spent as a discount on `payable` with `usable` points."""
    if not pt.burnable or pt.burn_points <= 0:
        return 0
    cap_value = payable * pt.max_burn_percent // 100
    by_bill = (cap_value // pt.burn_value) * pt.burn_points
    by_balance = (usable // pt.burn_points) * pt.burn_points
    return max(0, min(by_bill, by_balance))


def discount_for(pt: PointType, points: int, usable: int, payable: int) -> int:
    """Money value of spending `points`, or CheckoutError with the precise reason."""
    if not pt.burnable:
        raise CheckoutError(Reason.UNKNOWN_POINT_TYPE, f"{pt.name} cannot be spent as a discount.")
    if points <= 0:
        raise CheckoutError(Reason.INVALID_BASKET, "Points to spend must be a positive number.")
    if points % pt.burn_points:
        lower = points - points % pt.burn_points
        raise CheckoutError(
            Reason.POINTS_NOT_MULTIPLE,
            f"{pt.name} are spent in steps of {pt.burn_points}: use {lower} or {lower + pt.burn_points}.",
            step=pt.burn_points,
        )
    if points > usable:
        raise CheckoutError(
            Reason.INSUFFICIENT_POINTS,
            f"Not enough {pt.name}: {points} asked, {usable} usable.",
            needed=points,
            usable=usable,
        )
    value = points // pt.burn_points * pt.burn_value
    cap = payable * pt.max_burn_percent // 100
    if value > cap:
        most = max_discount_points(pt, usable, payable)
        raise CheckoutError(
            Reason.POINTS_EXCEED_BILL,
            f"{points} {pt.name} are worth {value}, more than the {cap} points may pay here; at most {most}.",
            max_points=most,
        )
    return value
