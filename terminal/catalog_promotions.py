"""Catalog objects of automatic promotions (`promotions` in the catalog; docs/catalog.md, "Promotions").

    PromotionIn                              strict pydantic model of one promotion
    cross_check_promotions(cat, known) -> list[str]   'path: message' problems (references, contradictions)
    to_promotion(p) -> Promotion / promotion_from_json(body) -> Promotion

Contradictions refused by `check-catalog`, each naming the field: two exclusive promotions of
the same priority that can apply to the same sale (windows, brand/store, tier and product
scopes overlap: which one wins would be arbitrary) -> `promotions[i].priority`; a buy-X-get-Y
whose reward product or category does not exist -> `promotions[i].reward_products[j]`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from terminal.domain.promotions import Combine, Promotion, PromotionKind

_Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
_Money = Annotated[int, Field(ge=0, le=100_000_000)]
_Count = Annotated[int, Field(ge=0, le=999)]


class PromotionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: _Id
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["member_price", "buy_x_get_y", "cheapest_item", "nth_item", "percent_off", "spend_threshold"]
    combine: Literal["exclusive", "stackable", "best"] = "stackable"
    priority: Annotated[int, Field(ge=-1000, le=1000)] = 0
    products: list[_Id] = []
    categories: list[_Id] = []
    brands: list[_Id] = []
    stores: list[_Id] = []
    tiers: list[_Id] = []
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None
    buy: _Count = 0
    get: _Count = 0
    reward_products: list[_Id] = []
    reward_categories: list[_Id] = []
    nth: _Count = 0
    min_units: _Count = 1
    percent: Annotated[int, Field(ge=0, le=100)] = 0
    max_discount: _Money | None = None
    price: _Money = 0
    threshold: _Money = 0
    amount: _Money = 0
    repeat: bool = False

    @model_validator(mode="after")
    def _check(self) -> "PromotionIn":
        k = self.kind
        if k == "buy_x_get_y" and (self.buy < 1 or self.get < 1):
            raise ValueError("buy_x_get_y needs 'buy' >= 1 and 'get' >= 1")
        if k == "nth_item" and self.nth < 2:
            raise ValueError("nth_item needs 'nth' >= 2")
        if k in ("cheapest_item", "nth_item", "percent_off") and not (0 < self.percent <= 100):
            raise ValueError(f"{k} needs 'percent' between 1 and 100")
        if k == "member_price" and not self.tiers:
            raise ValueError("member_price needs 'tiers' (whose price it is)")
        if k == "member_price" and not (self.products or self.categories):
            raise ValueError("member_price needs 'products' or 'categories'")
        if k == "spend_threshold" and (self.threshold < 1 or self.amount < 1):
            raise ValueError("spend_threshold needs 'threshold' >= 1 and 'amount' >= 1")
        if k == "spend_threshold" and self.amount > self.threshold:
            raise ValueError("spend_threshold 'amount' is more than its 'threshold'")
        if (self.reward_products or self.reward_categories) and k != "buy_x_get_y":
            raise ValueError("only buy_x_get_y has reward_products / reward_categories")
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValueError("valid_until must be after valid_from")
        return self


def _overlap(a: list, b: list) -> bool:
    return not a or not b or bool(set(a) & set(b))


def _windows_overlap(a: PromotionIn, b: PromotionIn) -> bool:
    lo = max((t for t in (a.valid_from, b.valid_from) if t is not None), default=None)
    hi = min((t for t in (a.valid_until, b.valid_until) if t is not None), default=None)
    return lo is None or hi is None or lo < hi


def cross_check_promotions(promotions: list[PromotionIn], *, skus: set, cats: set, brands: set, stores: set,
                           tiers: set) -> list[str]:
    """Problems of the catalog's `promotions` as 'path: message' (empty: none)."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    for i, p in enumerate(promotions):
        if p.id in seen:
            problems.append(f"promotions[{i}].id: duplicate {p.id!r} (also at [{seen[p.id]}])")
        seen.setdefault(p.id, i)
        for field, known, what in (("products", skus, "product"), ("categories", cats, "category"),
                                   ("brands", brands, "brand"), ("stores", stores, "store"), ("tiers", tiers, "tier"),
                                   ("reward_products", skus, "product"), ("reward_categories", cats, "category")):
            for j, v in enumerate(getattr(p, field)):
                if v not in known:
                    extra = " (the reward of a buy_x_get_y must exist)" if field.startswith("reward") else ""
                    problems.append(f"promotions[{i}].{field}[{j}]: unknown {what} {v!r}{extra}")
    for i, a in enumerate(promotions):
        if a.combine != "exclusive":
            continue
        for j in range(i + 1, len(promotions)):
            b = promotions[j]
            if b.combine != "exclusive" or b.priority != a.priority:
                continue
            if (_windows_overlap(a, b) and _overlap(a.brands, b.brands) and _overlap(a.stores, b.stores)
                    and _overlap(a.tiers, b.tiers) and (_overlap(a.products, b.products) or _overlap(a.categories, b.categories)
                                                        or not (a.products or a.categories) or not (b.products or b.categories))):
                problems.append(f"promotions[{j}].priority: exclusive promotions {a.id!r} and {b.id!r} overlap (window, "
                                f"scope) with the same priority {a.priority}: give them different priorities so one "
                                "order decides which applies")
    return problems


def _dt(v: datetime | None) -> datetime | None:
    return v


def to_promotion(p: PromotionIn) -> Promotion:
    fs = frozenset
    return Promotion(
        id=p.id, name=p.name, kind=PromotionKind(p.kind), combine=Combine(p.combine), priority=p.priority,
        products=fs(p.products), categories=fs(p.categories), brands=fs(p.brands), stores=fs(p.stores), tiers=fs(p.tiers),
        valid_from=_dt(p.valid_from), valid_until=_dt(p.valid_until), buy=p.buy, get=p.get,
        reward_products=fs(p.reward_products), reward_categories=fs(p.reward_categories), nth=p.nth, min_units=p.min_units,
        percent=p.percent, max_discount=p.max_discount, price=p.price, threshold=p.threshold, amount=p.amount, repeat=p.repeat,
    )


def promotion_from_json(body: str) -> Promotion:
    """A promotion from its stored JSON body (replica `promotions.body`, central entity body["body"])."""
    return to_promotion(PromotionIn.model_validate_json(body))
