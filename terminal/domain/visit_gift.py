"""Visit gift claims (來店禮 / anniversary gifts, issue 16 section 3): pure rules.

A `VisitGift` ("spend 3,000 between 1 and 30 November, claim a voucher once") is earned by a
member's *qualifying spend*: what the member paid (settlement totals, net of discounts) in
settlements of the gift's period (`starts_at` <= sale time < `ends_at`) at stores of its
brand / store scope, not voided, less what returns of those sales refunded. It is claimed once
per member, between `starts_at` and `claim_until` (default `ends_at`), at a store of its scope,
by a member of one of its `tiers` (empty: any). The gift is a coupon of `template_id` (valid
`voucher_valid_days` from the claim) or `points` of `point_type`.

The terminal and the server count the same spend with `spend_delta` (every sale, void and return
adds its delta to each gift it counts for: sync/server/purchases.py on the server's
`member_purchases` row, terminal/storage/visit_gift_store.py over the replica plus unsynced
local effects) and judge a claim with `check_visit_gift`:

    visit_gift_not_active      the claim's time outside [starts_at, claim_until)
    wrong_brand / wrong_store  a store outside the gift's scope
    member_required            no member
    wrong_tier                 the member's tier is not one of `tiers`
    visit_gift_already_claimed the member claimed it already (details: claimed_at)
    visit_gift_threshold_not_met   spend < threshold (details: spent, threshold, short)

Money in integer minor units; times aware (UTC in storage).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from .clock import fmt_day, local
from .member_data import mask_name
from .models import Member, Store
from .reasons import CheckoutError, Reason

GIFT_CODE_PREFIX = "VG-"


@dataclass(frozen=True, slots=True)
class VisitGift:
    id: str
    name: str
    starts_at: datetime
    ends_at: datetime
    threshold: int
    claim_until: datetime | None = None
    tiers: frozenset[str] = frozenset()
    brands: frozenset[str] = frozenset()
    stores: frozenset[str] = frozenset()
    template_id: str | None = None
    voucher_valid_days: int = 30
    point_type: str | None = None
    points: int = 0
    lot_validity_days: int | None = 365

    @property
    def claim_ends(self) -> datetime:
        return self.claim_until or self.ends_at

    def in_scope(self, store: Store) -> bool:
        return (not self.brands or store.brand_id in self.brands) and (not self.stores or store.id in self.stores)


@dataclass(frozen=True, slots=True)
class GiftProgress:
    """What a member has towards a gift: `spent` (qualifying spend, minor units), `claimed_at`
    (the claim's time, None: not claimed)."""

    gift: VisitGift
    spent: int
    claimed_at: datetime | None = None

    @property
    def short(self) -> int:
        return max(self.gift.threshold - self.spent, 0)

    @property
    def met(self) -> bool:
        return self.spent >= self.gift.threshold

    def line(self) -> str:
        """'spent 2,400 of 3,000 (600 short)' / 'spent 3,200 of 3,000: can claim' / '... claimed on 2026-11-20'."""
        head = f"{self.gift.name}: spent {self.spent:,} of {self.gift.threshold:,}"
        if self.claimed_at is not None:
            return f"{head}, claimed {self.claimed_at.isoformat()[:10]}"
        return f"{head}: can claim" if self.met else f"{head} ({self.short:,} short)"


def spend_delta(gifts, store: Store, sale_at: datetime, amount: int) -> dict[str, int]:
    """{gift id: amount} for each gift a sale at `store` made at `sale_at` counts for (its period
    and scope); `amount` is the sale's total (> 0), or its negation for a void, or minus a return's
    refund (the sale's time and store decide, not the return's)."""
    return {g.id: amount for g in gifts if g.starts_at <= sale_at < g.ends_at and g.in_scope(store)} if amount else {}


def check_visit_gift(gift: VisitGift, *, store: Store, member: Member | None, at: datetime, progress: GiftProgress) -> None:
    """Raise CheckoutError with the precise reason (module docstring), or return None: the claim may be recorded."""
    g = gift
    if not (g.starts_at <= at < g.claim_ends):
        when = (f"starts on {fmt_day(local(g.starts_at, store.timezone))}" if at < g.starts_at
                else f"could be claimed until {fmt_day(local(g.claim_ends, store.timezone))}")
        raise CheckoutError(Reason.VISIT_GIFT_NOT_ACTIVE, f"{g.name} {when}.", gift_id=g.id,
                            starts_at=g.starts_at.isoformat(), claim_until=g.claim_ends.isoformat())
    if g.brands and store.brand_id not in g.brands:
        raise CheckoutError(Reason.WRONG_BRAND, f"{g.name} is not given at brand {store.brand_id} stores.", gift_id=g.id)
    if g.stores and store.id not in g.stores:
        raise CheckoutError(Reason.WRONG_STORE, f"{g.name} is not given at store {store.id}.", gift_id=g.id)
    if member is None:
        raise CheckoutError(Reason.MEMBER_REQUIRED, f"{g.name}: scan the member card first.", gift_id=g.id)
    if g.tiers and member.tier_id not in g.tiers:
        raise CheckoutError(Reason.WRONG_TIER, f"{g.name} is for {', '.join(sorted(g.tiers))} members; "
                            f"{mask_name(member.name)} is {member.tier_id}.", gift_id=g.id, tier=member.tier_id)
    if progress.claimed_at is not None:
        raise CheckoutError(Reason.VISIT_GIFT_ALREADY_CLAIMED,
                            f"{g.name} was already claimed for {mask_name(member.name)} on "
                            f"{fmt_day(local(progress.claimed_at, store.timezone))}; once per member.",
                            gift_id=g.id, claimed_at=progress.claimed_at.isoformat())
    if not progress.met:
        raise CheckoutError(Reason.VISIT_GIFT_THRESHOLD_NOT_MET,
                            f"{g.name}: spent {progress.spent:,} of {g.threshold:,} between "
                            f"{fmt_day(local(g.starts_at, store.timezone))} and {fmt_day(local(g.ends_at - timedelta(microseconds=1), store.timezone))}; "
                            f"{progress.short:,} short.", gift_id=g.id, spent=progress.spent, threshold=g.threshold,
                            short=progress.short)


def gift_code(event_id: str) -> str:
    """The code of the voucher a claim gives: derived from the claim's event id, terminal and server alike."""
    return GIFT_CODE_PREFIX + hashlib.sha256(f"visit-gift|{event_id}".encode()).hexdigest()[:16].upper()


def gift_lot_id(event_id: str) -> str:
    """The lot a points gift earns on."""
    return f"visit/{event_id}"
