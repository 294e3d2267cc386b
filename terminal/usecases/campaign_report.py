"""Campaign report of one store (券統計, issue 16 section 4), from this terminal's ledgers.

Per coupon template and per automatic promotion (the `kind` column: coupon_template / promotion), for a
range of the store's local calendar days: issued, redeemed, redemption rate, discount given,
revenue of the baskets it was used in, average basket with and without it, and members who used
it for the first time. The figures are `terminal.domain.campaign_roi.campaign_roi` over
this terminal's settlements, voids, coupon ledger and promotion ledger (and the coupon instances its
replica holds, for `issued`); definitions in that module and docs/catalog.md. The chain-wide report is the
server's (sync/server/campaigns.py, same function). CSV is UTF-8 with a BOM like the daily report;
the PDF is terminal/ui/campaign_pdf.py.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date, datetime

from terminal.domain.campaign_roi import HEADER, CampaignLine, Issue, Sale, Use, campaign_roi, campaign_rows, name_of
from terminal.domain.reasons import CheckoutError, Reason
from terminal.storage.replica import Replica
from terminal.usecases.reports import day_range_utc

MAX_DAYS = 366


@dataclass(frozen=True)
class CampaignReport:
    store_id: str
    store_name: str
    first_day: date
    last_day: date
    timezone: str
    lines: tuple[CampaignLine, ...]
    names: dict  # template id, or (kind, id) -> display name (campaign_roi.name_of)

    def to_dict(self) -> dict:
        return {"store_id": self.store_id, "store_name": self.store_name, "first_day": self.first_day.isoformat(),
                "last_day": self.last_day.isoformat(), "timezone": self.timezone,
                "campaigns": [{**asdict(line), "name": name_of(line, self.names)} for line in self.lines]}


def check_range(first_day: date, last_day: date) -> None:
    """CheckoutError(INVALID_REQUEST) naming the field for a range that ends before it starts or
    spans more than MAX_DAYS days."""
    if last_day < first_day:
        raise CheckoutError(Reason.INVALID_REQUEST, f"--to {last_day} is before --from {first_day}.", field="to")
    if (last_day - first_day).days + 1 > MAX_DAYS:
        raise CheckoutError(Reason.INVALID_REQUEST, f"A campaign report covers at most {MAX_DAYS} days.", field="to")


def campaign_report(replica: Replica, *, store_id: str, first_day: date, last_day: date) -> CampaignReport:
    """The store's figures for its local days first_day..last_day (inclusive). Raises
    CheckoutError(INVALID_REQUEST) for a bad range (`check_range`)."""
    check_range(first_day, last_day)
    cat = replica.catalog()
    store = cat["stores"][store_id]
    lo, _ = day_range_utc(first_day, store.timezone)
    _, hi = day_range_utc(last_day, store.timezone)
    c = replica.conn
    # the range's sales, and every earlier sale of this store that used a coupon or got a promotion
    # (first-time members)
    sales = [Sale(r[0], r[1], r[2], datetime.fromisoformat(r[3]), bool(r[4])) for r in c.execute(
        """SELECT s.checkout_id, s.member_id, s.total, s.settled_at,
                  EXISTS (SELECT 1 FROM voids v WHERE v.checkout_id = s.checkout_id)
           FROM settlements s WHERE s.store_id = ? AND s.settled_at < ? AND s.kind = 'sale'
           AND (s.settled_at >= ? OR EXISTS (SELECT 1 FROM coupon_ledger cl WHERE cl.checkout_id = s.checkout_id)
                OR EXISTS (SELECT 1 FROM promotion_ledger pl WHERE pl.checkout_id = s.checkout_id))""",
        (store_id, hi, lo))]
    uses = [Use(r[0], r[1], r[2], r[3], r[4]) for r in c.execute(
        """SELECT cl.checkout_id, cl.template_id, cl.uses, cl.discount, cl.code FROM coupon_ledger cl
           JOIN settlements s ON s.checkout_id = cl.checkout_id
           WHERE cl.kind = 'redeem' AND s.store_id = ? AND s.settled_at < ?""", (store_id, hi))]
    # an automatic promotion: each apply row is one use (times applied); its void is the sale's void
    uses += [Use(r[0], r[1], 1, r[2], None, "promotion") for r in c.execute(
        """SELECT pl.checkout_id, pl.promotion_id, pl.discount FROM promotion_ledger pl
           JOIN settlements s ON s.checkout_id = pl.checkout_id
           WHERE pl.kind = 'apply' AND s.store_id = ? AND s.settled_at < ?""", (store_id, hi))]
    issues = [Issue(r[0], r[1], datetime.fromisoformat(r[2])) for r in c.execute(
        # issued_at keeps the offset it was issued with: compared as instants
        """SELECT template_id, code, issued_at FROM coupon_instances WHERE issued_at IS NOT NULL
           AND julianday(issued_at) >= julianday(?) AND julianday(issued_at) < julianday(?)""", (lo, hi))]
    lines = campaign_roi(sales, uses, issues, datetime.fromisoformat(lo), datetime.fromisoformat(hi))
    names: dict = {t.id: t.name for t in cat["templates"].values()}
    names.update({("promotion", pid): name for pid, name in c.execute("SELECT id, json_extract(body, '$.name') FROM promotions")})
    return CampaignReport(store_id, store.name, first_day, last_day, store.timezone, lines, names)


def campaign_csv(rep: CampaignReport) -> bytes:
    """The report as CSV, UTF-8 with BOM (spreadsheets show Traditional Chinese names)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["report", "campaigns"])
    w.writerow(["store", rep.store_id, rep.store_name])
    w.writerow(["days", rep.first_day.isoformat(), rep.last_day.isoformat(), rep.timezone])
    w.writerow([])
    w.writerow(HEADER)
    w.writerows(campaign_rows(rep.lines, rep.names))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
