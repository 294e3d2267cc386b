"""Catalog objects of issue 16's campaigns (docs/catalog.md): campaigns over several shared promo
codes (`promo_campaigns`) and visit gifts (`visit_gifts`, 來店禮). Strict pydantic models like the
rest of terminal/catalog.py (cross-references are checked there), and their domain records.

    PromoCampaignIn -> terminal.domain.promo_campaign.PromoCampaign   (promo_campaign_from_json)
    VisitGiftIn     -> terminal.domain.visit_gift.VisitGift           (to_visit_gift, visit_gift_from_json)
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from terminal.domain.promo_campaign import PromoCampaign
from terminal.domain.visit_gift import VisitGift

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _fs(xs) -> frozenset:
    return frozenset(xs)


class PromoCampaignIn(_M):
    """A campaign grouping several shared promo codes (`shared.campaign` on each): `budget` (discount of
    all its codes together, minor units) and `cap` (their uses together), counted chain-wide by the server."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    budget: Annotated[int, Field(ge=1, le=10_000_000_000)] | None = None
    cap: Annotated[int, Field(ge=1, le=100_000_000)] | None = None

    @model_validator(mode="after")
    def _check(self) -> "PromoCampaignIn":
        if self.budget is None and self.cap is None:
            raise ValueError("a promo campaign needs a 'budget' or a 'cap' (else it bounds nothing)")
        return self



class VisitGiftIn(_M):
    """Visit gift (來店禮): a member whose spend in [starts_at, ends_at) at stores of its scope reaches
    `threshold` (minor units, net of discounts, voids and returns) claims it once: a voucher of
    `template` or `points` of `point_type` (terminal/domain/visit_gift.py)."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    claim_until: AwareDatetime | None = None
    threshold: Annotated[int, Field(ge=1, le=100_000_000)]
    tiers: list[Id] = []
    brands: list[Id] = []
    stores: list[Id] = []
    template: Id | None = None
    voucher_valid_days: Annotated[int, Field(ge=1, le=3650)] = 30
    point_type: Id | None = None
    points: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    lot_validity_days: Annotated[int, Field(ge=1, le=3650)] | None = 365

    @model_validator(mode="after")
    def _check(self) -> "VisitGiftIn":
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if self.claim_until is not None and self.claim_until < self.ends_at:
            raise ValueError("claim_until must not be before ends_at (the spend period ends first)")
        if (self.template is None) == (self.point_type is None):
            raise ValueError("a visit gift gives either a voucher ('template') or points ('point_type' and 'points')")
        if self.point_type is not None and self.points < 1:
            raise ValueError("a points gift needs 'points' >= 1")
        return self


def promo_campaign_from_json(body: str) -> PromoCampaign:
    c = PromoCampaignIn.model_validate_json(body)
    return PromoCampaign(c.id, c.name, c.budget, c.cap)


def to_visit_gift(g: VisitGiftIn) -> VisitGift:
    return VisitGift(g.id, g.name, g.starts_at, g.ends_at, g.threshold, g.claim_until, _fs(g.tiers), _fs(g.brands), _fs(g.stores),
                     g.template, g.voucher_valid_days, g.point_type, g.points, g.lot_validity_days)


def visit_gift_from_json(body: str) -> VisitGift:
    return to_visit_gift(VisitGiftIn.model_validate_json(body))
