"""Points exchange (點數商城): spend points at the counter, get a voucher issued on the spot.

An `ExchangeOffer` ("150 points for a large-latte voucher") names a point type, a number of
points, the coupon template issued and how long the issued voucher is valid. At the counter:

    plan = plan_exchange(offer, template, store=, member=, lots=, at=, event_id=)
    plan.burns        the lots spent, soonest expiry first (`burn.allocate`)
    plan.code         the issued voucher's code: `issued_code(event_id)`, deterministic, so the
                      server creates the same coupon when it judges the event (a terminal holds
                      no issuer key and cannot sign; the server accepts this code only for the
                      event it derives from)
    plan.valid_until  aware UTC end of the voucher (None: the template's own window)

Refusals (`CheckoutError`): `member_required`, `offer_not_available` (before/after its window),
`wrong_brand` / `wrong_store`, `insufficient_points` (with `needed` / `usable`), `unknown_point_type`.
Times are aware datetimes; the store's zone is not needed (windows are instants).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from .burn import LotBurn, allocate
from .clock import fmt_day, in_window
from .models import CouponTemplate, Member, PointLot, Store
from .reasons import CheckoutError, Reason

CODE_PREFIX = "EX-"


@dataclass(frozen=True, slots=True)
class ExchangeOffer:
    """A catalog exchange offer. `points` > 0 of `point_type` buy one voucher of `template_id`,
    valid `voucher_valid_days` days from the exchange (None: the template's window)."""

    id: str
    name: str
    point_type: str
    points: int
    template_id: str
    voucher_valid_days: int | None = 30
    brands: frozenset[str] = frozenset()
    stores: frozenset[str] = frozenset()
    valid_from: datetime | None = None
    valid_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class ExchangePlan:
    offer_id: str
    member_id: str
    point_type: str
    points: int
    burns: tuple[LotBurn, ...]
    code: str
    template_id: str
    valid_until: datetime | None


def issued_code(event_id: str) -> str:
    """The code of the voucher an exchange event issues: "EX-" + 16 hex digits of SHA-256 of the
    event id (a reference code: 19 characters of A-Z 0-9 -). Terminal and server derive it alike."""
    return CODE_PREFIX + hashlib.sha256(b"exchange:" + event_id.encode("utf-8")).hexdigest()[:16].upper()


def check_offer(offer: ExchangeOffer, *, store: Store, member: Member | None, at: datetime) -> None:
    """Raise CheckoutError with the precise reason unless `member` may take `offer` at `store` at `at`."""
    if member is None:
        raise CheckoutError(Reason.MEMBER_REQUIRED, f"{offer.name}: scan the member card first (points are the member's).")
    if not in_window(at, offer.valid_from, offer.valid_until):
        if offer.valid_from is not None and at < offer.valid_from:
            raise CheckoutError(Reason.OFFER_NOT_AVAILABLE, f"{offer.name} is offered from {fmt_day(offer.valid_from)}.",
                                offer_id=offer.id, valid_from=offer.valid_from.isoformat())
        assert offer.valid_until is not None
        raise CheckoutError(Reason.OFFER_NOT_AVAILABLE, f"{offer.name} ended on {fmt_day(offer.valid_until)}.",
                            offer_id=offer.id, valid_until=offer.valid_until.isoformat())
    if offer.brands and store.brand_id not in offer.brands:
        raise CheckoutError(Reason.WRONG_BRAND, f"{offer.name} is not offered at brand {store.brand_id} stores.",
                            offer_id=offer.id, valid_brands=sorted(offer.brands))
    if offer.stores and store.id not in offer.stores:
        raise CheckoutError(Reason.WRONG_STORE, f"{offer.name} is not offered at store {store.id}.",
                            offer_id=offer.id, valid_stores=sorted(offer.stores))


def voucher_valid_until(offer: ExchangeOffer, template: CouponTemplate, at: datetime) -> datetime | None:
    """End of the issued voucher: `at` + the offer's days, never beyond the template's own end."""
    ends = [t for t in (template.valid_until, at + timedelta(days=offer.voucher_valid_days)
                        if offer.voucher_valid_days is not None else None) if t is not None]
    return min(ends) if ends else None


def plan_exchange(offer: ExchangeOffer, template: CouponTemplate, *, store: Store, member: Member | None,
                  lots: tuple[PointLot, ...], at: datetime, event_id: str) -> ExchangePlan:
    """The burns and the voucher of one exchange, or CheckoutError (nothing to write)."""
    check_offer(offer, store=store, member=member, at=at)
    assert member is not None
    burns = allocate(lots, offer.point_type, offer.points, at)
    return ExchangePlan(offer.id, member.id, offer.point_type, offer.points, burns, issued_code(event_id), template.id,
                        voucher_valid_until(offer, template, at))
