"""What each campaign earned (券統計, issue 16 section 4): pure figures over ledger rows.

The same function makes the store's report (terminal/usecases/campaign_report.py, from the
terminal's ledgers) and the chain's (sync/server/campaigns.py, from the central ledgers). A
*campaign* is `(kind, id)`: kind "coupon_template" (a coupon template: its instances are issued, its
uses are `coupon_ledger` redeem rows) or "promotion" (an automatic promotion: nothing is issued,
each `promotion_ledger` apply row of a sale is one `Use` with `uses` 1, so `redeemed` = times
applied; `issued` is 0 and `redemption_rate_percent` None).

Definitions (docs/catalog.md, "Campaign report"), for the UTC range `lo <= t < hi` (the store's
local days, converted by the caller):

* a *sale* counts when it was settled in the range and is not voided (a voided sale and its
  coupon uses are left out altogether: the report says what the campaign earned);
* `issued`: instances of the campaign issued in the range (`Issue` rows);
* `redeemed`: uses of the campaign in counted sales; `baskets`: those sales; `discount`: the
  discount its uses gave (minor units);
* `redemption_rate_percent`: of the instances issued in the range, the share with a use in a
  counted sale at or before `hi` (one decimal; None when none was issued);
* `revenue`: what the customers paid (sale totals, minor units) in its baskets;
  `avg_basket_with` / `avg_basket_without`: mean total of the counted sales with / without the
  campaign, floored to a minor unit (None when there is none);
* `first_time_members`: members whose first use of the campaign in a sale not voided (over the
  whole ledger given, before the range too) falls in the range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Sale:
    """A settlement: `total` paid (minor units), `at` its time (aware), voided or not."""

    checkout_id: str
    member_id: str | None
    total: int
    at: datetime
    voided: bool = False


@dataclass(frozen=True, slots=True)
class Use:
    """One campaign applied in a sale (`uses` > 0, `discount` >= 0 minor units)."""

    checkout_id: str
    campaign_id: str
    uses: int
    discount: int
    code: str | None = None
    kind: str = "coupon_template"


@dataclass(frozen=True, slots=True)
class Issue:
    """One coupon instance of a campaign issued at `issued_at` (aware)."""

    campaign_id: str
    code: str
    issued_at: datetime
    kind: str = "coupon_template"


@dataclass(frozen=True, slots=True)
class CampaignLine:
    kind: str  # "coupon_template" | "promotion"
    campaign_id: str
    issued: int
    redeemed: int
    redemption_rate_percent: float | None
    discount: int
    baskets: int
    revenue: int
    avg_basket_with: int | None
    avg_basket_without: int | None
    first_time_members: int


def _mean(total: int, n: int) -> int | None:
    return None if n == 0 else total // n


def campaign_roi(sales: list[Sale], uses: list[Use], issues: list[Issue], lo: datetime, hi: datetime) -> tuple[CampaignLine, ...]:
    """One line per campaign that was issued or used in the range, sorted by (kind, id); linear in
    the rows given. Uses naming a checkout not in `sales` are ignored (the caller gives every sale
    they name; for `first_time_members` also a member's earlier uses, at least the first)."""
    by_id = {s.checkout_id: s for s in sales}
    counted = {s.checkout_id for s in sales if not s.voided and lo <= s.at < hi}
    all_totals = sum(by_id[c].total for c in counted)
    uses_of: dict[tuple[str, str], list[Use]] = {}
    for u in uses:
        if u.checkout_id in by_id and not by_id[u.checkout_id].voided:
            uses_of.setdefault((u.kind, u.campaign_id), []).append(u)
    issued_of: dict[tuple[str, str], list[Issue]] = {}
    for i in issues:
        if lo <= i.issued_at < hi:
            issued_of.setdefault((i.kind, i.campaign_id), []).append(i)
    keys = {k for k, us in uses_of.items() if any(u.checkout_id in counted for u in us)} | set(issued_of)
    out = []
    for key in sorted(keys):
        mine = uses_of.get(key, [])
        in_range = [u for u in mine if u.checkout_id in counted]
        baskets = {u.checkout_id for u in in_range}
        revenue = sum(by_id[c].total for c in baskets)
        issued = issued_of.get(key, [])
        used_codes = {u.code for u in mine if by_id[u.checkout_id].at < hi}
        rate = None if not issued else round(100 * sum(1 for i in issued if i.code in used_codes) / len(issued), 1)
        first: dict[str, datetime] = {}
        for u in mine:
            s = by_id[u.checkout_id]
            if s.member_id is not None and (s.member_id not in first or s.at < first[s.member_id]):
                first[s.member_id] = s.at
        out.append(CampaignLine(
            key[0], key[1], len(issued), sum(u.uses for u in in_range), rate, sum(u.discount for u in in_range), len(baskets),
            revenue, _mean(revenue, len(baskets)), _mean(all_totals - revenue, len(counted) - len(baskets)),
            sum(1 for at in first.values() if lo <= at < hi)))
    return tuple(out)


def name_of(line: "CampaignLine", names: dict) -> str:
    """The display name of a line: `names[(kind, id)]`, else `names[id]` (templates), else the id."""
    return names.get((line.kind, line.campaign_id)) or names.get(line.campaign_id) or line.campaign_id


HEADER = ["kind", "campaign", "name", "issued", "redeemed", "redemption rate %", "discount", "baskets", "revenue",
          "avg basket with", "avg basket without", "first-time members"]


def campaign_rows(lines, names: dict[str, str]) -> list[list]:
    """The CSV rows of `lines` (HEADER order; empty cells for figures that do not exist)."""
    def cell(v):
        return "" if v is None else v
    return [[ln.kind, ln.campaign_id, name_of(ln, names), ln.issued, ln.redeemed,
             cell(ln.redemption_rate_percent), ln.discount, ln.baskets, ln.revenue, cell(ln.avg_basket_with),
             cell(ln.avg_basket_without), ln.first_time_members] for ln in lines]
