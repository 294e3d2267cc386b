"""The catalog file: one JSON document describing a chain (see docs/catalog.md).

Parsed strictly with pydantic (unknown fields are errors, so a typo never silently
drops a rule), then cross-checked (every reference resolves, codes are unique). Any
problem raises `CatalogError` listing each bad field by its path, e.g.
``members[12].tier: unknown tier 'platinum'``; callers load nothing in that case.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from terminal.catalog_campaigns import (PromoCampaignIn, VisitGiftIn, promo_campaign_from_json,  # noqa: F401 (re-exported)
                                        visit_gift_from_json)
from terminal.catalog_promotions import PromotionIn, cross_check_promotions
from terminal.domain import models as m
from terminal.domain import stored_value as sv
from terminal.domain.codes import gs1_check_digit
from terminal.domain.exchange import ExchangeOffer
from terminal.domain.giveaway import GiveawayCampaign

FORMAT = "loyalty-catalog/1"
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]
Money = Annotated[int, Field(ge=0, le=100_000_000)]
Positive = Annotated[int, Field(gt=0, le=1_000_000)]


class CatalogError(ValueError):
    """The catalog has errors; `problems` lists each as 'path: message'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n  ".join(problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"catalog has {len(problems)} error(s):\n  {shown}{more}")


class _M(BaseModel):
    # strict: "120", true or 120.0 are not an integer price; JSON strings still parse as dates
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class BrandIn(_M):
    id: Id
    name: str = Field(min_length=1, max_length=200)


class StoreIn(_M):
    id: Id
    brand: Id
    name: str = Field(min_length=1, max_length=200)
    timezone: str = "Asia/Taipei"

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(v)
        except Exception as exc:  # ZoneInfoNotFoundError, ValueError
            raise ValueError(f"unknown time zone {v!r}") from exc
        return v


class TierIn(_M):
    id: Id
    name: str
    rank: int = 0


class BurnIn(_M):
    points: Positive = 20
    value: Positive = 1
    max_percent: Annotated[int, Field(ge=0, le=100)] = 100


class PointTypeIn(_M):
    id: Id
    name: str
    burn: BurnIn | None = BurnIn()
    validity_days: Positive | None = 365


Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
KeyOrder = Annotated[int, Field(ge=0, le=9999)]


class CategoryIn(_M):
    id: Id
    name: str
    name_en: str | None = Field(default=None, min_length=1, max_length=200)  # the English UI's tab label
    key_order: KeyOrder | None = None  # position of its quick-key tab (lower first; unset: after, by name)


class QuickKeyIn(_M):
    """A product's key on the counter's quick-key grid (terminal/ui/quick_keys.py)."""

    order: KeyOrder = 0  # position in its category's grid (lower first, then by name)
    colour: Colour | None = None  # the key's background, #RRGGBB


class PointsPriceIn(_M):
    point_type: Id
    points: Positive
    cash: Money = 0


class ProductIn(_M):
    sku: Id
    name: str
    category: Id | None = None
    price: Money
    barcode: Annotated[str, Field(pattern=r"^[0-9]{8,14}$")] | None = None
    points_price: PointsPriceIn | None = None
    name_en: str | None = Field(default=None, min_length=1, max_length=200)  # English name (search, English UI)
    quick_key: QuickKeyIn | None = None  # on the quick-key grid; a product without barcode is there anyway


class ScopeIn(_M):
    brands: list[Id] = []
    stores: list[Id] = []
    tiers: list[Id] = []
    payment_methods: list[Id] = []


class MultiplierIn(_M):
    kind: Literal["day_of_month", "weekday", "birthday_month"]
    factor: Annotated[int, Field(ge=1, le=100)]
    days: list[Annotated[int, Field(ge=1, le=31)]] = []
    weekdays: list[Annotated[int, Field(ge=1, le=7)]] = []

    @model_validator(mode="after")
    def _needs_days(self) -> "MultiplierIn":
        if self.kind == "day_of_month" and not self.days:
            raise ValueError("day_of_month multiplier needs 'days'")
        if self.kind == "weekday" and not self.weekdays:
            raise ValueError("weekday multiplier needs 'weekdays' (1=Monday .. 7=Sunday)")
        return self


class EarnRuleIn(_M):
    id: Id
    name: str
    point_type: Id
    kind: Literal["per_spend", "per_product_amount", "per_quantity"]
    every: Positive
    points: Positive
    products: list[Id] = []
    categories: list[Id] = []
    scope: ScopeIn = ScopeIn()
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None
    group: Id = "base"
    priority: int = 0
    multipliers: list[MultiplierIn] = []

    @model_validator(mode="after")
    def _check(self) -> "EarnRuleIn":
        if self.kind != "per_spend" and not (self.products or self.categories):
            raise ValueError(f"{self.kind} rule needs 'products' or 'categories'")
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValueError("valid_until must be after valid_from")
        return self


class StackingIn(_M):
    exclusive: bool = False
    group: Id | None = None
    not_with: list[Id] = []


class LimitIn(_M):
    count: Positive
    period: Literal["day", "month", "ever"]


class IssueAfterIn(_M):
    """Next-order coupon (issue 16 section 3): a member's settlement paying at least `min_total` issues
    one coupon of this template, valid from the next store-local day for `valid_days` days."""

    min_total: Annotated[int, Field(gt=0, le=100_000_000)]
    valid_days: Annotated[int, Field(ge=1, le=3650)] = 30


class ReferralIn(_M):
    """Referral campaign (MGM, issue 16 section 3) on the template issued to a referred new member:
    the referrer earns `referrer_points` of `point_type` once that member's first purchase is booked."""

    point_type: Id
    referrer_points: Annotated[int, Field(gt=0, le=1_000_000)]
    valid_days: Annotated[int, Field(ge=1, le=3650)] = 30


class UnreplicatedIn(_M):
    accept: bool = False
    max_days_since_issue: Annotated[int, Field(ge=0, le=3650)] = 7


class SharedIn(_M):
    """A shared promo code (`SUMMER10`): one code, many customers. `cap`: total uses chain-wide;
    `budget`: discount the campaign may give in all, minor units (None: no cap / no budget).
    The per-member limit is the template's `per_member_limit`. Counted by the server."""

    cap: Annotated[int, Field(ge=1, le=100_000_000)] | None = None
    budget: Annotated[int, Field(ge=1, le=10_000_000_000)] | None = None
    campaign: Id | None = None  # a `promo_campaigns` entry whose budget and cap count this code's uses too


def one_use(t: "TemplateIn") -> int:
    """The most one use of a shared code can give: its amount (amount_off) or max_discount (percent_off; 1 if uncapped)."""
    return t.amount if t.kind == "amount_off" else (t.max_discount or 1)


SHARED_UNCAPPED = 1_000_000_000  # total_uses of a shared code with no cap


def default_total_uses(t: "TemplateIn") -> int:
    """An instance's total uses when the catalog does not give them: a shared code's cap, else the template's uses."""
    if t.shared is not None:
        return t.shared.cap if t.shared.cap is not None else SHARED_UNCAPPED
    return t.uses


class BundleItemIn(_M):
    template: Id
    count: Annotated[int, Field(ge=1, le=100)] = 1


class TemplateIn(_M):
    id: Id
    name: str
    kind: Literal["product_voucher", "amount_off", "percent_off", "stored_voucher", "bundle"]
    partner: str | None = None
    amount: Money = 0
    percent: Annotated[int, Field(ge=0, le=100)] = 0
    max_discount: Money | None = None
    price_cap: Money | None = None
    min_spend: Money = 0
    products: list[Id] = []
    categories: list[Id] = []
    uses: Annotated[int, Field(ge=1, le=1000)] = 1
    items: list[BundleItemIn] = []
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None
    brands: list[Id] = []
    stores: list[Id] = []
    member_bound: bool = True
    per_member_limit: LimitIn | None = None
    birthday_month_only: bool = False
    first_purchase_only: bool = False
    issue_after: IssueAfterIn | None = None
    referral: ReferralIn | None = None
    stacking: StackingIn = StackingIn()
    unreplicated: UnreplicatedIn = UnreplicatedIn()
    shared: SharedIn | None = None  # a shared promo code (issue 16): caps and budget counted by the server

    @model_validator(mode="after")
    def _check(self) -> "TemplateIn":
        k = self.kind
        if self.shared is not None:
            if self.member_bound:
                raise ValueError("shared: a shared promo code is typed by many customers; set member_bound false")
            if k not in ("amount_off", "percent_off"):
                raise ValueError("shared: only amount_off and percent_off templates can be shared promo codes")
            if self.shared.budget is not None and self.shared.budget < one_use(self):
                raise ValueError(f"shared.budget: {self.shared.budget} is below one use ({one_use(self)}); no customer could use it")
        if k == "amount_off" and self.amount <= 0:
            raise ValueError("amount_off needs 'amount' > 0")
        if k == "percent_off" and not (0 < self.percent <= 100):
            raise ValueError("percent_off needs 'percent' between 1 and 100")
        if k in ("product_voucher", "stored_voucher") and not (self.products or self.categories):
            raise ValueError(f"{k} needs 'products' or 'categories' (which items it pays for)")
        if k == "bundle" and not self.items:
            raise ValueError("bundle needs 'items'")
        if k != "stored_voucher" and k != "bundle" and self.uses != 1:
            raise ValueError("only stored_voucher has 'uses' > 1")
        if self.issue_after is not None and k == "bundle":
            raise ValueError("issue_after: a bundle is not issued after a purchase (issue its vouchers)")
        if self.issue_after is not None and not self.member_bound:
            raise ValueError("issue_after: a next-order coupon is bound to its member (member_bound must be true)")
        if self.referral is not None and (k == "bundle" or not self.member_bound):
            raise ValueError("referral: the new member's coupon is one member-bound coupon (not a bundle, member_bound true)")
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValueError("valid_until must be after valid_from")
        return self


class LotIn(_M):
    id: Id | None = None
    point_type: Id
    points: Annotated[int, Field(ge=-10_000_000, le=10_000_000)]
    earned_at: AwareDatetime
    expires_at: AwareDatetime | None = None


class MemberIn(_M):
    id: Id
    name: str = Field(min_length=1, max_length=200)
    tier: Id
    birthday: date | None = None
    card_number: Annotated[str, Field(pattern=r"^[0-9]{8,20}$")] | None = None
    status: Literal["active", "blocked"] = "active"
    lots: list[LotIn] = []
    home_store: Id | None = None  # the store whose terminals always hold this member (docs/central.md, "Store slices")
    phone: str | None = None  # E.164 after `terminal.domain.phones.normalise_phone` (0912345678 -> +886912345678); issue 17

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str | None) -> str | None:
        from terminal.domain.phones import PhoneError, normalise_phone

        if v is None:
            return None
        try:
            return normalise_phone(v)
        except PhoneError as err:
            raise ValueError(f"phone: {err}") from None

    @field_validator("card_number")
    @classmethod
    def _check_digit(cls, v: str | None) -> str | None:
        if v is not None and gs1_check_digit(v[:-1]) != int(v[-1]):
            raise ValueError(f"card number {v} has a wrong check digit")
        return v


class CouponIn(_M):
    code: Id
    template: Id
    member: Id | None = None
    number: Annotated[str, Field(pattern=r"^[0-9]{8,20}$")] | None = None
    total_uses: Annotated[int, Field(ge=0, le=1000)] | None = None
    used_uses: Annotated[int, Field(ge=0, le=1000)] = 0
    status: Literal["active", "voided"] = "active"
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None
    issued_at: AwareDatetime | None = None
    parent: Id | None = None

    @field_validator("number")
    @classmethod
    def _check_digit(cls, v: str | None) -> str | None:
        if v is not None and gs1_check_digit(v[:-1]) != int(v[-1]):
            raise ValueError(f"coupon number {v} has a wrong check digit")
        return v


class ValueProgramIn(_M):
    """A stored-value program (kind `wallet`: a member's e-wallet) or a gift card definition (kind
    `gift_card`: bearer cards found by number). Amounts in minor units of `currency`."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["wallet", "gift_card"]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    brands: list[Id] = []  # empty: every brand of the chain
    max_balance: Annotated[int, Field(gt=0, le=100_000_000)] = 100_000_000
    max_topup: Annotated[int, Field(gt=0, le=100_000_000)] = 100_000_000
    topup: bool = True
    validity_days: Annotated[int, Field(gt=0, le=36600)] | None = None


class TopupBonusIn(_M):
    """"Top up `min_topup` or more, get `bonus_value` extra value" (minor units) or "... get
    `bonus_points` points of `point_type`" (a wallet's member earns them; exactly one of the two is
    given, checked in `value_problems`, which names the field). The highest `min_topup` met applies."""

    id: Id
    program: Id
    min_topup: Annotated[int, Field(gt=0, le=100_000_000)]
    bonus_value: Annotated[int, Field(gt=0, le=100_000_000)] | None = None
    bonus_points: Annotated[int, Field(gt=0, le=1_000_000)] | None = None
    point_type: Id | None = None
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None

    @model_validator(mode="after")
    def _check(self) -> "TopupBonusIn":
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValueError("valid_until must be after valid_from")
        return self


class ValueAccountIn(_M):
    """A member's wallet (`member` given) or a gift card (`number` given), with its opening balance.
    A gift card of a program with `validity_days` and no `valid_until` ends `validity_days` after
    `issued_at` (`terminal.domain.stored_value.issued_until`); without `issued_at` it has no end."""

    id: Id
    program: Id
    member: Id | None = None
    number: Annotated[str, Field(pattern=r"^[0-9]{8,20}$")] | None = None
    balance: Money = 0
    status: Literal["active", "blocked"] = "active"
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None
    issued_at: AwareDatetime | None = None

    @field_validator("number")
    @classmethod
    def _check_digit(cls, v: str | None) -> str | None:
        if v is not None and gs1_check_digit(v[:-1]) != int(v[-1]):
            raise ValueError(f"gift card number {v} has a wrong check digit")
        return v
class ExchangeOfferIn(_M):
    """Points exchange offer (點數商城): `points` of `point_type` buy one voucher of `template`."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    point_type: Id
    points: Annotated[int, Field(ge=1, le=10_000_000)]
    template: Id
    voucher_valid_days: Annotated[int, Field(ge=1, le=3650)] | None = 30
    brands: list[Id] = []
    stores: list[Id] = []
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None


class GiveawayCampaignIn(_M):
    """Points giveaway campaign (點數大放送): `points_per_claim` a claim, `total_points` in all."""

    id: Id
    name: str = Field(min_length=1, max_length=200)
    point_type: Id
    points_per_claim: Annotated[int, Field(ge=1, le=1_000_000)]
    total_points: Annotated[int, Field(ge=1, le=10**10)]
    per_member_per_day: Annotated[int, Field(ge=1, le=1000)] = 1
    per_member_total: Annotated[int, Field(ge=1, le=100_000)] = 1
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    lot_validity_days: Annotated[int, Field(ge=1, le=3650)] | None = 365
    brands: list[Id] = []
    stores: list[Id] = []


class IssuerKeyIn(_M):
    key_id: Annotated[int, Field(ge=0, le=255)]
    public_key: str = Field(pattern=r"^[A-Za-z0-9+/]{43}=$", description="Ed25519 raw public key, base64")


class StaffIn(_M):
    id: Id
    name: str
    role: Literal["cashier", "manager"]
    pin_hash: str = Field(pattern=r"^scrypt\$")
    stores: list[Id] = []


class PoliciesIn(_M):
    """Chain-wide counter policies."""

    void_window_minutes: Annotated[int, Field(ge=0, le=60 * 24 * 31)] = 24 * 60
    # how many days after a sale its items may be returned (partial returns, terminal/domain/returns.py)
    return_window_days: Annotated[int, Field(ge=0, le=366)] = 30
    # true: a store's terminals hold only the members of its slice (home store, bought there, looked
    # up there); false (small chains, the demo): every member on every terminal (docs/central.md)
    member_slices: bool = False


class CatalogIn(_M):
    format: Literal["loyalty-catalog/1"]
    policies: PoliciesIn = PoliciesIn()
    name: str = ""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "TWD"
    # what the counter offers for the part of a sale not paid with stored value or gift cards; the
    # methods named by earn rules' `scope.payment_methods` are offered too (usecases/payment_methods.py)
    payment_methods: list[Id] = Field(default=["cash", "card"], min_length=1, max_length=20)
    issuer_keys: list[IssuerKeyIn] = []
    brands: list[BrandIn]
    stores: list[StoreIn]
    tiers: list[TierIn]
    point_types: list[PointTypeIn]
    categories: list[CategoryIn] = []
    products: list[ProductIn] = []
    earn_rules: list[EarnRuleIn] = []
    coupon_templates: list[TemplateIn] = []
    promo_campaigns: list[PromoCampaignIn] = []  # budgets and caps over several shared promo codes (issue 16)
    promotions: list[PromotionIn] = []  # automatic promotions (terminal/catalog_promotions.py)
    members: list[MemberIn] = []
    coupons: list[CouponIn] = []
    staff: list[StaffIn] = []
    value_programs: list[ValueProgramIn] = []
    topup_bonuses: list[TopupBonusIn] = []
    value_accounts: list[ValueAccountIn] = []
    exchange_offers: list[ExchangeOfferIn] = []
    giveaway_campaigns: list[GiveawayCampaignIn] = []
    visit_gifts: list[VisitGiftIn] = []  # 來店禮 (issue 16)


def _loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_catalog(data: bytes | str) -> CatalogIn:
    """Parse and fully validate; raise CatalogError naming every bad field."""
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CatalogError([f"(file): not valid JSON: {exc}"]) from exc
    if not isinstance(raw, dict):
        raise CatalogError(["(top level): a catalog is a JSON object"])
    try:
        cat = CatalogIn.model_validate_json(data)
    except ValidationError as exc:
        raise CatalogError([f"{_loc(e['loc'])}: {e['msg']}" for e in exc.errors()]) from None
    problems = cross_check(cat)
    if problems:
        raise CatalogError(problems)
    return cat


def load_catalog_file(path: str | Path) -> CatalogIn:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise CatalogError([f"(file): cannot read {p}: {exc.strerror}"]) from exc
    return parse_catalog(data)


def _campaign_checks(cat: CatalogIn, point_types: set) -> list[str]:
    """Issue 16: one referral campaign at most, on a known point type; a shared code's `campaign` names a
    known promo campaign, and a campaign's budget covers at least one use of its cheapest code."""
    problems = []
    campaigns: dict[str, int] = {}
    for i, c in enumerate(cat.promo_campaigns):
        if c.id in campaigns:
            problems.append(f"promo_campaigns[{i}].id: duplicate {c.id!r} (also at [{campaigns[c.id]}])")
        campaigns.setdefault(c.id, i)
    cheapest: dict[str, tuple[int, str]] = {}
    for i, t in enumerate(cat.coupon_templates):
        if t.shared is None or t.shared.campaign is None:
            continue
        if t.shared.campaign not in campaigns:
            problems.append(f"coupon_templates[{i}].shared.campaign: unknown promo campaign {t.shared.campaign!r}")
        elif t.shared.campaign not in cheapest or one_use(t) < cheapest[t.shared.campaign][0]:
            cheapest[t.shared.campaign] = (one_use(t), t.id)
    for i, c in enumerate(cat.promo_campaigns):
        if c.budget is not None and c.id in cheapest and c.budget < cheapest[c.id][0]:
            problems.append(f"promo_campaigns[{i}].budget: {c.budget} is below one use of its cheapest code "
                            f"{cheapest[c.id][1]!r} ({cheapest[c.id][0]}); no customer could use it")
    referral = [i for i, t in enumerate(cat.coupon_templates) if t.referral is not None]
    for i in referral[1:]:
        problems.append(f"coupon_templates[{i}].referral: a second referral campaign (the first is coupon_templates[{referral[0]}])")
    for i in referral:
        if cat.coupon_templates[i].referral.point_type not in point_types:
            problems.append(f"coupon_templates[{i}].referral.point_type: unknown point type "
                            f"{cat.coupon_templates[i].referral.point_type!r}")
    return problems


def cross_check(cat: CatalogIn) -> list[str]:
    problems: list[str] = []
    if len(set(cat.payment_methods)) != len(cat.payment_methods):
        problems.append("payment_methods: each method once (duplicates: "
                        f"{', '.join(sorted({m for m in cat.payment_methods if cat.payment_methods.count(m) > 1}))})")

    def unique(items, key, path):
        seen: dict = {}
        for i, it in enumerate(items):
            k = key(it)
            if k is None:
                continue
            if k in seen:
                problems.append(f"{path}[{i}]: duplicate {k!r} (also at [{seen[k]}])")
            else:
                seen[k] = i
        return set(seen)

    brands = unique(cat.brands, lambda b: b.id, "brands")
    stores = unique(cat.stores, lambda s: s.id, "stores")
    tiers = unique(cat.tiers, lambda t: t.id, "tiers")
    pts = unique(cat.point_types, lambda p: p.id, "point_types")
    cats = unique(cat.categories, lambda c: c.id, "categories")
    skus = unique(cat.products, lambda p: p.sku, "products")
    unique(cat.products, lambda p: p.barcode, "products(barcode)")
    unique(cat.earn_rules, lambda r: r.id, "earn_rules")
    tpls = {t.id: t for t in cat.coupon_templates}
    unique(cat.coupon_templates, lambda t: t.id, "coupon_templates")
    members = unique(cat.members, lambda mm: mm.id, "members")
    codes = unique(cat.coupons, lambda c: c.code, "coupons")
    unique(cat.staff, lambda s: s.id, "staff")
    unique(cat.issuer_keys, lambda k: k.key_id, "issuer_keys")
    numbers: dict[str, str] = {}
    for i, mm in enumerate(cat.members):
        if mm.card_number:
            if mm.card_number in numbers:
                problems.append(f"members[{i}].card_number: {mm.card_number} already used by {numbers[mm.card_number]}")
            numbers[mm.card_number] = f"member {mm.id}"
    phones: dict[str, str] = {}
    for i, mm in enumerate(cat.members):
        if mm.phone:
            if mm.phone in phones:
                problems.append(f"members[{i}].phone: already the phone of member {phones[mm.phone]}")
            phones[mm.phone] = mm.id
    for i, c in enumerate(cat.coupons):
        if c.number:
            if c.number in numbers:
                problems.append(f"coupons[{i}].number: {c.number} already used by {numbers[c.number]}")
            numbers[c.number] = f"coupon {c.code}"

    def ref(value, known, path, what):
        if value is not None and value not in known:
            problems.append(f"{path}: unknown {what} {value!r}")

    for i, s in enumerate(cat.stores):
        ref(s.brand, brands, f"stores[{i}].brand", "brand")
    for i, p in enumerate(cat.products):
        ref(p.category, cats, f"products[{i}].category", "category")
        if p.points_price:
            ref(p.points_price.point_type, pts, f"products[{i}].points_price.point_type", "point type")

    def scope_refs(path, products=(), categories=(), brand_ids=(), store_ids=(), tier_ids=()):
        for j, v in enumerate(products):
            ref(v, skus, f"{path}.products[{j}]", "product")
        for j, v in enumerate(categories):
            ref(v, cats, f"{path}.categories[{j}]", "category")
        for j, v in enumerate(brand_ids):
            ref(v, brands, f"{path}.brands[{j}]", "brand")
        for j, v in enumerate(store_ids):
            ref(v, stores, f"{path}.stores[{j}]", "store")
        for j, v in enumerate(tier_ids):
            ref(v, tiers, f"{path}.tiers[{j}]", "tier")

    for i, r in enumerate(cat.earn_rules):
        ref(r.point_type, pts, f"earn_rules[{i}].point_type", "point type")
        scope_refs(f"earn_rules[{i}]", r.products, r.categories)
        scope_refs(f"earn_rules[{i}].scope", (), (), r.scope.brands, r.scope.stores, r.scope.tiers)
    for i, t in enumerate(cat.coupon_templates):
        scope_refs(f"coupon_templates[{i}]", t.products, t.categories, t.brands, t.stores)
        for j, it in enumerate(t.items):
            ref(it.template, tpls, f"coupon_templates[{i}].items[{j}].template", "template")
            if it.template in tpls and tpls[it.template].kind == "bundle":
                problems.append(f"coupon_templates[{i}].items[{j}].template: a bundle cannot contain a bundle")
    lot_ids: dict[str, str] = {}
    for i, mm in enumerate(cat.members):
        ref(mm.tier, tiers, f"members[{i}].tier", "tier")
        ref(mm.home_store, stores, f"members[{i}].home_store", "store")
        for j, lot in enumerate(mm.lots):
            ref(lot.point_type, pts, f"members[{i}].lots[{j}].point_type", "point type")
            lot_id = lot.id or f"{mm.id}:{j}"  # the id the replica import gives it
            if lot_id in lot_ids:
                problems.append(f"members[{i}].lots[{j}].id: duplicate lot id {lot_id!r} (also at {lot_ids[lot_id]})")
            else:
                lot_ids[lot_id] = f"members[{i}].lots[{j}]"
    by_code = {c.code: c for c in cat.coupons}
    for i, c in enumerate(cat.coupons):
        ref(c.template, tpls, f"coupons[{i}].template", "template")
        ref(c.member, members, f"coupons[{i}].member", "member")
        ref(c.parent, codes, f"coupons[{i}].parent", "coupon")
        t = tpls.get(c.template)
        if t is not None:
            total = c.total_uses if c.total_uses is not None else default_total_uses(t)
            if c.used_uses > total:
                problems.append(f"coupons[{i}].used_uses: {c.used_uses} is more than total uses {total}")
            if t.member_bound and c.member is None and c.parent is None:
                problems.append(f"coupons[{i}].member: template {t.id!r} is member-bound; give the member")
        parent = by_code.get(c.parent) if c.parent is not None else None
        if parent is not None and c.member is not None and parent.member is not None and c.member != parent.member:
            # a pack's voucher belongs to the pack's owner (terminal/domain/ownership.py): never to someone else
            problems.append(f"coupons[{i}].member: {c.member} differs from its bundle {c.parent}'s member {parent.member}")
    for i, s in enumerate(cat.staff):
        for j, st in enumerate(s.stores):
            ref(st, stores, f"staff[{i}].stores[{j}]", "store")
    unique(cat.exchange_offers, lambda o: o.id, "exchange_offers")
    for i, o in enumerate(cat.exchange_offers):
        ref(o.point_type, pts, f"exchange_offers[{i}].point_type", "point type")
        ref(o.template, tpls, f"exchange_offers[{i}].template", "template")
        scope_refs(f"exchange_offers[{i}]", (), (), o.brands, o.stores)
        t = tpls.get(o.template)
        if t is not None and (t.kind == "bundle" or not t.member_bound):
            problems.append(f"exchange_offers[{i}].template: {o.template!r} must be a member-bound voucher, not a bundle or bearer code")
        if o.valid_from and o.valid_until and o.valid_until <= o.valid_from:
            problems.append(f"exchange_offers[{i}].valid_until: must be after valid_from")
    unique(cat.giveaway_campaigns, lambda c: c.id, "giveaway_campaigns")
    for i, c in enumerate(cat.giveaway_campaigns):
        ref(c.point_type, pts, f"giveaway_campaigns[{i}].point_type", "point type")
        scope_refs(f"giveaway_campaigns[{i}]", (), (), c.brands, c.stores)
        if c.ends_at <= c.starts_at:
            problems.append(f"giveaway_campaigns[{i}].ends_at: must be after starts_at")
        if c.points_per_claim > c.total_points:
            problems.append(f"giveaway_campaigns[{i}].total_points: {c.total_points} is less than one claim ({c.points_per_claim})")
        if c.per_member_per_day > c.per_member_total:
            problems.append(f"giveaway_campaigns[{i}].per_member_per_day: more than per_member_total ({c.per_member_total})")
    unique(cat.visit_gifts, lambda g: g.id, "visit_gifts")
    for i, g in enumerate(cat.visit_gifts):
        scope_refs(f"visit_gifts[{i}]", (), (), g.brands, g.stores, g.tiers)
        ref(g.point_type, pts, f"visit_gifts[{i}].point_type", "point type")
        ref(g.template, tpls, f"visit_gifts[{i}].template", "template")
        t = tpls.get(g.template) if g.template else None
        if t is not None and (t.kind == "bundle" or not t.member_bound):
            problems.append(f"visit_gifts[{i}].template: {g.template!r} must be a member-bound voucher, not a bundle or bearer code")
    problems += cross_check_promotions(cat.promotions, skus=skus, cats=cats, brands=brands, stores=stores, tiers=tiers)
    problems += _campaign_checks(cat, pts)
    problems += value_problems(cat, brands, pts, members, numbers)
    return problems


def _bonus_kind_problems(path: str, b: TopupBonusIn, program: ValueProgramIn | None, pts: set) -> list[str]:
    """A top-up bonus gives value or points, exactly one; points name a known point type and need a
    member to earn them (a wallet, not a bearer gift card)."""
    if b.bonus_value is None and b.bonus_points is None:
        return [f"{path}.bonus_value: give bonus_value (minor units) or bonus_points (with point_type), one of them"]
    if b.bonus_value is not None and b.bonus_points is not None:
        return [f"{path}.bonus_points: give bonus_value or bonus_points, not both"]
    if b.bonus_value is not None:
        return [f"{path}.point_type: only a bonus_points rule names a point type"] if b.point_type is not None else []
    out = []
    if b.point_type is None:
        out.append(f"{path}.point_type: a bonus_points rule names its point type")
    elif b.point_type not in pts:
        out.append(f"{path}.point_type: unknown point type {b.point_type!r}")
    if program is not None and program.kind == "gift_card":
        out.append(f"{path}.bonus_points: {program.id!r} is a gift card (a bearer card, no member): it cannot earn points")
    return out


def value_problems(cat: CatalogIn, brands: set, pts: set, members: set, numbers: dict[str, str]) -> list[str]:
    """Cross-references of stored-value programs, top-up bonuses and accounts (wallets, gift cards)."""
    problems: list[str] = []
    programs: dict[str, ValueProgramIn] = {}
    for i, p in enumerate(cat.value_programs):
        if p.id in programs:
            problems.append(f"value_programs[{i}].id: duplicate {p.id!r}")
        programs[p.id] = p
        for j, b in enumerate(p.brands):
            if b not in brands:
                problems.append(f"value_programs[{i}].brands[{j}]: unknown brand {b!r}")
        if p.max_topup > p.max_balance:
            problems.append(f"value_programs[{i}].max_topup: {p.max_topup} is more than max_balance {p.max_balance}")
    seen: set[str] = set()
    for i, b in enumerate(cat.topup_bonuses):
        if b.id in seen:
            problems.append(f"topup_bonuses[{i}].id: duplicate {b.id!r}")
        seen.add(b.id)
        if b.program not in programs:
            problems.append(f"topup_bonuses[{i}].program: unknown value program {b.program!r}")
        elif not programs[b.program].topup:
            problems.append(f"topup_bonuses[{i}].program: {b.program!r} cannot be topped up")
        problems += _bonus_kind_problems(f"topup_bonuses[{i}]", b, programs.get(b.program), pts)
    seen = set()
    wallets: dict[tuple[str, str], int] = {}
    for i, a in enumerate(cat.value_accounts):
        if a.id in seen:
            problems.append(f"value_accounts[{i}].id: duplicate {a.id!r}")
        seen.add(a.id)
        p = programs.get(a.program)
        if p is None:
            problems.append(f"value_accounts[{i}].program: unknown value program {a.program!r}")
            continue
        if a.balance > p.max_balance:
            problems.append(f"value_accounts[{i}].balance: {a.balance} is more than the program's max_balance {p.max_balance}")
        if a.valid_from and a.valid_until and a.valid_until <= a.valid_from:
            problems.append(f"value_accounts[{i}].valid_until: must be after valid_from")
        if a.issued_at is not None and p.kind != "gift_card":
            problems.append(f"value_accounts[{i}].issued_at: only a gift card has an issue date (a wallet's validity runs "
                            "from its last top-up)")
        if p.kind == "wallet":
            if a.member is None:
                problems.append(f"value_accounts[{i}].member: a wallet of {p.id!r} needs its member")
            elif a.member not in members:
                problems.append(f"value_accounts[{i}].member: unknown member {a.member!r}")
            elif (a.member, p.id) in wallets:
                problems.append(f"value_accounts[{i}].member: {a.member!r} already has a wallet of {p.id!r} "
                                f"(value_accounts[{wallets[(a.member, p.id)]}])")
            else:
                wallets[(a.member, p.id)] = i
            if a.number is not None:
                problems.append(f"value_accounts[{i}].number: a wallet is found by its member, not a number")
        else:
            if a.member is not None:
                problems.append(f"value_accounts[{i}].member: a gift card is a bearer card; give no member")
            if a.number is None:
                problems.append(f"value_accounts[{i}].number: a gift card needs its number")
            elif a.number in numbers:
                problems.append(f"value_accounts[{i}].number: {a.number} already used by {numbers[a.number]}")
            else:
                numbers[a.number] = f"gift card {a.id}"
    return problems


# ---- conversion to domain records ---------------------------------------------------

def _fs(xs) -> frozenset:
    return frozenset(xs)


def to_earn_rule(r: EarnRuleIn) -> m.EarnRule:
    return m.EarnRule(
        id=r.id, name=r.name, point_type=r.point_type, kind=m.EarnKind(r.kind), every=r.every, points=r.points,
        products=_fs(r.products), categories=_fs(r.categories),
        scope=m.Scope(_fs(r.scope.brands), _fs(r.scope.stores), _fs(r.scope.tiers), _fs(r.scope.payment_methods)),
        valid_from=r.valid_from, valid_until=r.valid_until, group=r.group, priority=r.priority,
        multipliers=tuple(
            m.Multiplier(m.MultiplierKind(x.kind), x.factor, _fs(x.days), _fs(x.weekdays)) for x in r.multipliers
        ),
    )


def to_template(t: TemplateIn) -> m.CouponTemplate:
    return m.CouponTemplate(
        id=t.id, name=t.name, kind=m.CouponKind(t.kind), partner=t.partner, amount=t.amount, percent=t.percent,
        max_discount=t.max_discount, price_cap=t.price_cap, min_spend=t.min_spend, products=_fs(t.products),
        categories=_fs(t.categories), uses=t.uses, bundle_items=tuple(m.BundleItem(i.template, i.count) for i in t.items),
        valid_from=t.valid_from, valid_until=t.valid_until, brands=_fs(t.brands), stores=_fs(t.stores),
        member_bound=t.member_bound,
        per_member_limit=m.MemberLimit(t.per_member_limit.count, t.per_member_limit.period) if t.per_member_limit else None,
        birthday_month_only=t.birthday_month_only, first_purchase_only=t.first_purchase_only,
        issue_after=m.IssueAfter(t.issue_after.min_total, t.issue_after.valid_days) if t.issue_after else None,
        referral=m.Referral(t.referral.point_type, t.referral.referrer_points, t.referral.valid_days) if t.referral else None,
        stacking=m.Stacking(t.stacking.exclusive, t.stacking.group, _fs(t.stacking.not_with)),
        unreplicated=m.UnreplicatedPolicy(t.unreplicated.accept, t.unreplicated.max_days_since_issue),
        shared=t.shared is not None, shared_cap=t.shared.cap if t.shared else None,
        shared_budget=t.shared.budget if t.shared else None, shared_campaign=t.shared.campaign if t.shared else None,
    )


def to_point_type(p: PointTypeIn) -> m.PointType:
    b = p.burn
    return m.PointType(
        p.id, p.name, b.points if b else 1, b.value if b else 0, p.validity_days, b.max_percent if b else 0, b is not None
    )


def to_value_program(p: ValueProgramIn) -> sv.ValueProgram:
    return sv.ValueProgram(p.id, p.name, p.kind, p.currency, frozenset(p.brands), p.max_balance, p.max_topup, p.topup, p.validity_days)


def to_topup_bonus(b: TopupBonusIn) -> sv.TopupBonus:
    return sv.TopupBonus(b.id, b.program, b.min_topup, b.bonus_value or 0, b.valid_from, b.valid_until, b.bonus_points or 0,
                         b.point_type if b.bonus_points else None)


def account_valid_until(a: ValueAccountIn, program: ValueProgramIn | None) -> datetime | None:
    """A catalog account's end (`stored_value.issued_until`): its `valid_until`, else a gift card's
    `issued_at` + the program's `validity_days`."""
    if program is None:
        return a.valid_until
    return sv.issued_until(to_value_program(program), valid_until=a.valid_until, issued_at=a.issued_at)
def to_exchange_offer(o: ExchangeOfferIn) -> ExchangeOffer:
    return ExchangeOffer(o.id, o.name, o.point_type, o.points, o.template, o.voucher_valid_days, _fs(o.brands), _fs(o.stores),
                         o.valid_from, o.valid_until)


def to_campaign(c: GiveawayCampaignIn) -> GiveawayCampaign:
    return GiveawayCampaign(c.id, c.name, c.point_type, c.points_per_claim, c.total_points, c.per_member_per_day,
                            c.per_member_total, c.starts_at, c.ends_at, c.lot_validity_days, _fs(c.brands), _fs(c.stores))


def exchange_offer_from_json(body: str) -> ExchangeOffer:
    return to_exchange_offer(ExchangeOfferIn.model_validate_json(body))


def campaign_from_json(body: str) -> GiveawayCampaign:
    return to_campaign(GiveawayCampaignIn.model_validate_json(body))


def earn_rule_from_json(body: str) -> m.EarnRule:
    return to_earn_rule(EarnRuleIn.model_validate_json(body))


def template_from_json(body: str) -> m.CouponTemplate:
    return to_template(TemplateIn.model_validate_json(body))


def iso(v: datetime | date | None) -> str | None:
    return None if v is None else v.isoformat()


# ---- the public DEMO issuer key ----------------------------------------------------------
# Trusted only by a server or terminal started as the demo.
#
# resources/demo/DEMO-ONLY-issuer-key.txt is published with the program, so anyone can sign member
# cards and coupons with it. A catalog that lists its public key (the bundled demo catalog does,
# as key 200) is trusted with it only by `loyalty-terminal demo` / `--demo`, `init --demo`, and a
# server or `import-catalog` given `--demo`; everywhere else the key is dropped with
# `DEMO_KEY_WARNING`, and `check-catalog` warns.

# the raw Ed25519 public key (base64) of resources/demo/DEMO-ONLY-issuer-key.txt
DEMO_PUBLIC_KEYS = frozenset({"scKa6JOltT1vEoLUqUJP87K98fN6VTd1xpQqvUwbWJk="})

DEMO_KEY_WARNING = ("issuer key {ids} is the public DEMO key (resources/demo/DEMO-ONLY-issuer-key.txt): anyone can sign "
                    "cards and coupons with it, so it is not trusted here and was left out; only the demo "
                    "(`loyalty-terminal demo`, or --demo) trusts it")


def demo_key_ids(cat: CatalogIn) -> list[int]:
    """Key ids of the catalog whose public key is the demo key (empty for a real catalog)."""
    return [k.key_id for k in cat.issuer_keys if k.public_key in DEMO_PUBLIC_KEYS]


def without_demo_keys(cat: CatalogIn) -> tuple[CatalogIn, list[int]]:
    """(the catalog minus the demo key, the key ids left out). The catalog is not modified."""
    ids = demo_key_ids(cat)
    if not ids:
        return cat, []
    return cat.model_copy(update={"issuer_keys": [k for k in cat.issuer_keys if k.key_id not in ids]}), ids


def demo_key_warning(ids: list[int]) -> str:
    """The warning naming the demo key ids left out of a catalog."""
    return DEMO_KEY_WARNING.format(ids=", ".join(map(str, ids)))
