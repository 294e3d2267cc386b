"""Campaigns of shared promo codes (issue 16 section 2): one budget and cap over several codes.

A `PromoCampaign` ("SUMMER": 40,000 of discount and 500 uses in all) groups shared promo codes
(`CouponTemplate.shared_campaign`, the catalog's `shared.campaign`): every use of any of its codes
counts against the campaign's `cap` (uses) and `budget` (discount, minor units), chain-wide, on
top of each code's own cap and budget. The server counts them (sync/server/promo_campaigns.py,
the `promo_campaign_tally` feed row); a terminal sees that tally plus its own uses not yet
reflected. Both judge with the functions below:

    check_campaign(state, name)                     CodeError CAMPAIGN_CAP_REACHED / CAMPAIGN_BUDGET_SPENT
    campaign_bound(state, uses, discount) -> Cut    what of a claimed use the campaign still allows

Pure: no clock, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from .reasons import CodeError, Reason


@dataclass(frozen=True, slots=True)
class PromoCampaign:
    """`budget`: total discount of all its codes (minor units), `cap`: total uses; None = unbounded."""

    id: str
    name: str
    budget: int | None = None
    cap: int | None = None


@dataclass(frozen=True, slots=True)
class CampaignState:
    """A campaign and what its codes gave so far: `uses` and `given` (discount, minor units)."""

    campaign: PromoCampaign
    uses: int = 0
    given: int = 0

    @property
    def uses_left(self) -> int | None:
        return None if self.campaign.cap is None else max(self.campaign.cap - self.uses, 0)

    @property
    def budget_left(self) -> int | None:
        return None if self.campaign.budget is None else max(self.campaign.budget - self.given, 0)

    def plus(self, uses: int, discount: int) -> "CampaignState":
        return CampaignState(self.campaign, self.uses + uses, self.given + discount)


@dataclass(frozen=True, slots=True)
class Cut:
    """What may be booked of a claim (`uses`, `discount`), and why the rest not (None: nothing cut;
    "cap": the campaign's uses; "budget": its discount)."""

    uses: int
    discount: int
    reason: str | None = None


def check_campaign(state: CampaignState, name: str) -> None:
    """Refuse a code (`name`) of a campaign whose cap of uses is reached or budget spent, with the figures."""
    c = state.campaign
    if state.uses_left == 0:
        raise CodeError(Reason.CAMPAIGN_CAP_REACHED,
                        f"{name}: campaign {c.name} has used all {c.cap:,} of its uses (all its codes together).",
                        campaign_id=c.id, cap=c.cap, uses=state.uses)
    if state.budget_left == 0:
        raise CodeError(Reason.CAMPAIGN_BUDGET_SPENT,
                        f"{name}: campaign {c.name} has spent its budget of {c.budget:,} ({state.given:,} given by all its codes).",
                        campaign_id=c.id, budget=c.budget, given=state.given)


def campaign_bound(state: CampaignState, uses: int, discount: int) -> Cut:
    """The part of a claim of `uses` (>= 0) and `discount` (>= 0) the campaign still allows: uses up to
    what its cap leaves (the discount pro rata), then the discount up to what its budget leaves (none
    left: no use either)."""
    reason = None
    left = state.uses_left
    if left is not None and uses > left:
        discount, uses, reason = (discount * left // uses if uses else 0), left, "cap"
    budget = state.budget_left
    if budget is not None and uses > 0 and discount > budget:
        discount, reason = budget, "budget"
        if budget == 0:
            uses = 0
    return Cut(uses, discount, reason)
