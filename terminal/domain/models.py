"""Immutable domain records. Money is integer minor units; points are integers.

Datetimes are timezone-aware; a store's local time zone decides calendar rules.
Empty `frozenset` scopes mean "any".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ownership import Ownership
    from .promo_campaign import CampaignState


class CouponKind(str, Enum):
    PRODUCT_VOUCHER = "product_voucher"  # one free item (optionally up to a price cap)
    AMOUNT_OFF = "amount_off"
    PERCENT_OFF = "percent_off"
    STORED_VOUCHER = "stored_voucher"  # multi-use: "10 coffees", redeem 1..n at a time
    BUNDLE = "bundle"  # container of child vouchers


class EarnKind(str, Enum):
    PER_SPEND = "per_spend"  # every `every` paid -> `points`
    PER_PRODUCT_AMOUNT = "per_product_amount"  # same, counting only scoped products
    PER_QUANTITY = "per_quantity"  # every `every` units of scoped products -> `points`


class MultiplierKind(str, Enum):
    DAY_OF_MONTH = "day_of_month"
    WEEKDAY = "weekday"  # ISO weekday 1=Monday .. 7=Sunday
    BIRTHDAY_MONTH = "birthday_month"


@dataclass(frozen=True, slots=True)
class Brand:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Store:
    id: str
    brand_id: str
    name: str
    timezone: str = "Asia/Taipei"


@dataclass(frozen=True, slots=True)
class Tier:
    id: str
    name: str
    rank: int = 0


@dataclass(frozen=True, slots=True)
class PointType:
    """A kind of points. `burn_points` points pay `burn_value` money at checkout."""

    id: str
    name: str
    burn_points: int = 20
    burn_value: int = 1
    validity_days: int | None = 365
    max_burn_percent: int = 100  # share of the bill points may pay
    burnable: bool = True


@dataclass(frozen=True, slots=True)
class PointsPrice:
    """Points-plus-cash price of a product: pay `points` of `point_type` and `cash`."""

    point_type: str
    points: int
    cash: int


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Product:
    sku: str
    name: str
    category_id: str | None
    price: int
    barcode: str | None = None
    points_price: PointsPrice | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """Where/for whom a rule or coupon applies. Empty set = no restriction."""

    brands: frozenset[str] = frozenset()
    stores: frozenset[str] = frozenset()
    tiers: frozenset[str] = frozenset()
    payment_methods: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Multiplier:
    kind: MultiplierKind
    factor: int
    days: frozenset[int] = frozenset()  # DAY_OF_MONTH
    weekdays: frozenset[int] = frozenset()  # WEEKDAY, ISO numbering


@dataclass(frozen=True, slots=True)
class EarnRule:
    id: str
    name: str
    point_type: str
    kind: EarnKind
    every: int
    points: int
    products: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    scope: Scope = Scope()
    valid_from: datetime | None = None
    valid_until: datetime | None = None  # exclusive
    group: str = "base"
    priority: int = 0
    multipliers: tuple[Multiplier, ...] = ()


@dataclass(frozen=True, slots=True)
class Stacking:
    """Which coupons combine in one checkout.

    exclusive: the coupon must be alone. group: at most one coupon of a group per
    checkout (None = no group limit). not_with: groups it never combines with.
    """

    exclusive: bool = False
    group: str | None = None
    not_with: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class MemberLimit:
    count: int
    period: str  # "day" | "month" | "ever"


@dataclass(frozen=True, slots=True)
class UnreplicatedPolicy:
    """May a validly signed coupon that is not (yet) in the replica be accepted offline?"""

    accept: bool = False
    max_days_since_issue: int = 7


@dataclass(frozen=True, slots=True)
class IssueAfter:
    """Next-order coupon: a member's settlement paying at least `min_total` (minor units) issues one
    coupon of the template, valid `valid_days` store-local days from the next day (domain/next_order.py)."""

    min_total: int
    valid_days: int = 30


@dataclass(frozen=True, slots=True)
class Referral:
    """Referral campaign on the template issued to a referred new member (domain/referral.py): the
    referrer earns `referrer_points` of `point_type`; the new member's coupon is valid `valid_days` days."""

    point_type: str
    referrer_points: int
    valid_days: int = 30


@dataclass(frozen=True, slots=True)
class BundleItem:
    template_id: str
    count: int


@dataclass(frozen=True, slots=True)
class CouponTemplate:
    id: str
    name: str
    kind: CouponKind
    partner: str | None = None  # partner coupons are cleared with this partner
    amount: int = 0  # AMOUNT_OFF
    percent: int = 0  # PERCENT_OFF
    max_discount: int | None = None  # PERCENT_OFF cap
    price_cap: int | None = None  # vouchers: pay at most this for the item
    min_spend: int = 0  # on the eligible subtotal
    products: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    uses: int = 1  # STORED_VOUCHER total uses per instance
    bundle_items: tuple[BundleItem, ...] = ()
    valid_from: datetime | None = None
    valid_until: datetime | None = None  # exclusive
    brands: frozenset[str] = frozenset()
    stores: frozenset[str] = frozenset()
    member_bound: bool = True
    per_member_limit: MemberLimit | None = None
    birthday_month_only: bool = False
    first_purchase_only: bool = False  # 首購禮: only on the member's first purchase (domain/history.py)
    issue_after: IssueAfter | None = None  # next-order coupon: issued by a settlement (domain/next_order.py)
    referral: Referral | None = None  # referral campaign: issued to a referred new member (domain/referral.py)
    stacking: Stacking = Stacking()
    unreplicated: UnreplicatedPolicy = UnreplicatedPolicy()
    # a shared promo code (issue 16): one bearer code, many customers; `shared_cap` total uses and
    # `shared_budget` total discount (minor units) chain-wide, None = unbounded
    shared: bool = False
    shared_cap: int | None = None
    shared_budget: int | None = None
    shared_campaign: str | None = None  # the PromoCampaign grouping this code with others (domain/promo_campaign.py)

    @property
    def has_product_scope(self) -> bool:
        return bool(self.products or self.categories)

    @property
    def is_voucher(self) -> bool:
        return self.kind in (CouponKind.PRODUCT_VOUCHER, CouponKind.STORED_VOUCHER)


@dataclass(frozen=True, slots=True)
class CouponInstance:
    """One issued coupon. `used_uses` already includes this terminal's local uses. `plain_code`: the
    printed number, known to the server only (a terminal finds a coupon by a keyed hash of it)."""

    code: str
    template_id: str
    member_id: str | None
    total_uses: int
    used_uses: int = 0
    status: str = "active"  # "active" | "voided"
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    issued_at: datetime | None = None
    plain_code: str | None = None
    parent_code: str | None = None
    in_replica: bool = True
    discount_given: int = 0  # shared promo codes: discount given so far chain-wide (+ local unsynced), minor units
    gifted_from: tuple[str, ...] = ()  # earlier owners who gave it away (transfer, issue 15): their code is refused `gifted`
    # a shared promo code of a campaign: the campaign and what all its codes gave (domain/promo_campaign.py), else None
    campaign: CampaignState | None = None

    @property
    def remaining_uses(self) -> int:
        return max(0, self.total_uses - self.used_uses)


@dataclass(frozen=True, slots=True)
class Member:
    """A member as the rules see it. `name`: on a terminal the masked name (`member_data.mask_name`),
    on the server the full one; `birth_month` 1..12 (birthday rules need no more); `plain_code`: the
    card number, known to the server only (a terminal finds members by a keyed hash of it)."""

    id: str
    name: str
    tier_id: str
    birth_month: int | None = None
    card_code: str | None = None
    plain_code: str | None = None
    status: str = "active"  # "active" | "blocked"


@dataclass(frozen=True, slots=True)
class PointLot:
    """Points earned together, expiring together. `points` = what is left of it."""

    lot_id: str
    member_id: str
    point_type: str
    points: int
    earned_at: datetime
    expires_at: datetime | None = None

    def usable_at(self, at: datetime) -> bool:
        return self.points > 0 and (self.expires_at is None or at < self.expires_at)


@dataclass(frozen=True, slots=True)
class BasketLine:
    line_id: int
    name: str
    unit_price: int
    quantity: int
    sku: str | None = None
    category_id: str | None = None
    points_price: PointsPrice | None = None  # set when paid as points-plus-cash

    @property
    def gross(self) -> int:
        if self.points_price is not None:
            return self.points_price.cash * self.quantity
        return self.unit_price * self.quantity


@dataclass(frozen=True, slots=True)
class Basket:
    lines: tuple[BasketLine, ...]
    payment_method: str = "cash"

    @property
    def gross(self) -> int:
        return sum(line.gross for line in self.lines)


@dataclass(frozen=True, slots=True)
class CouponClaim:
    """A coupon the cashier added, after code parsing and replica lookup."""

    scanned: str
    instance: CouponInstance
    template: CouponTemplate
    uses: int = 1
    children: tuple[tuple[CouponInstance, CouponTemplate], ...] = ()  # bundles
    redemption_history: tuple[datetime, ...] = ()  # member's past uses of the template
    # who may use it (terminal/domain/ownership.py), resolved with its bundles; None: the instance's own
    owner: Ownership | None = None


@dataclass(frozen=True, slots=True)
class CheckoutContext:
    """Everything the pure checkout computation needs, loaded by the service."""

    store: Store
    at: datetime
    member: Member | None = None
    lots: tuple[PointLot, ...] = ()
    point_types: dict[str, PointType] = field(default_factory=dict)
    earn_rules: tuple[EarnRule, ...] = ()
    history_by_template: dict[str, tuple[datetime, ...]] = field(default_factory=dict)
    promotions: tuple = ()  # automatic promotions of the catalog (domain/promotions.Promotion)
    prior_purchases: int = 0  # the member's purchases before this one (domain/history.py)
