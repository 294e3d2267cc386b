"""Points giveaway campaigns (點數大放送): a member claims points at the counter.

A `GiveawayCampaign` ("3 days, 10,000 points in total, 50 per claim, once a day, at most 3
times") bounds claims three ways: the campaign's total points (chain-wide), the member's claims
per store-local day and the member's claims over the campaign. `check_claim` raises the
precise reason of the first bound a claim would break:

    campaign_not_active    before `starts_at` / from `ends_at` on (aware instants)
    wrong_brand / wrong_store   outside the campaign's scope
    member_required        no member
    campaign_cap_reached   claimed points + points_per_claim > total_points (details: claimed, total)
    claim_daily_limit      the member's claims on that store day >= per_member_per_day
    claim_campaign_limit   the member's claims in the campaign >= per_member_total

The `ClaimTally` is what the caller knows: the terminal its replica plus its own unsynced claims,
the server its ledger (authoritative, chain-wide). Days are the store's calendar (`store.timezone`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .clock import fmt_day, in_window, local
from .models import Member, Store
from .reasons import CheckoutError, Reason


@dataclass(frozen=True, slots=True)
class GiveawayCampaign:
    id: str
    name: str
    point_type: str
    points_per_claim: int
    total_points: int
    per_member_per_day: int
    per_member_total: int
    starts_at: datetime
    ends_at: datetime
    lot_validity_days: int | None = 365
    brands: frozenset[str] = frozenset()
    stores: frozenset[str] = frozenset()

    @property
    def max_claims(self) -> int:
        """Claims the total allows (10,000 / 50 = 200)."""
        return self.total_points // self.points_per_claim


@dataclass(frozen=True, slots=True)
class ClaimTally:
    """`claimed_points`: the campaign's points claimed so far (all members); `member_claims`: the
    aware times of this member's claims of the campaign (voided ones left out)."""

    claimed_points: int = 0
    member_claims: tuple[datetime, ...] = ()


def check_claim(campaign: GiveawayCampaign, *, store: Store, member: Member | None, at: datetime, tally: ClaimTally) -> None:
    """Raise CheckoutError with the precise reason (module docstring) or return None."""
    c = campaign
    if not in_window(at, c.starts_at, c.ends_at):
        when = (f"starts on {fmt_day(local(c.starts_at, store.timezone))}" if at < c.starts_at
                else f"ended on {fmt_day(local(c.ends_at, store.timezone))}")
        raise CheckoutError(Reason.CAMPAIGN_NOT_ACTIVE, f"{c.name} {when}.", campaign_id=c.id,
                            starts_at=c.starts_at.isoformat(), ends_at=c.ends_at.isoformat())
    if c.brands and store.brand_id not in c.brands:
        raise CheckoutError(Reason.WRONG_BRAND, f"{c.name} is not run at brand {store.brand_id} stores.", campaign_id=c.id)
    if c.stores and store.id not in c.stores:
        raise CheckoutError(Reason.WRONG_STORE, f"{c.name} is not run at store {store.id}.", campaign_id=c.id)
    if member is None:
        raise CheckoutError(Reason.MEMBER_REQUIRED, f"{c.name}: scan the member card first.", campaign_id=c.id)
    if tally.claimed_points + c.points_per_claim > c.total_points:
        raise CheckoutError(Reason.CAMPAIGN_CAP_REACHED,
                            f"{c.name}: all {c.total_points:,} points are given out ({tally.claimed_points:,} claimed, "
                            f"{c.points_per_claim} per claim).", campaign_id=c.id, claimed=tally.claimed_points,
                            total=c.total_points)
    day = local(at, store.timezone).date()
    today = sum(1 for t in tally.member_claims if local(t, store.timezone).date() == day)
    if today >= c.per_member_per_day:
        raise CheckoutError(Reason.CLAIM_DAILY_LIMIT,
                            f"{c.name}: already claimed {today} time(s) today ({fmt_day(day)}), {c.per_member_per_day} "
                            "per member per day.", campaign_id=c.id, claims_today=today, limit=c.per_member_per_day)
    if len(tally.member_claims) >= c.per_member_total:
        raise CheckoutError(Reason.CLAIM_CAMPAIGN_LIMIT,
                            f"{c.name}: already claimed {len(tally.member_claims)} time(s), at most {c.per_member_total} "
                            "per member.", campaign_id=c.id, claims=len(tally.member_claims), limit=c.per_member_total)
