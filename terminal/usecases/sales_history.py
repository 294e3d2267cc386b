"""The day's sales of this store, searchable, with a detail for reprints, returns and voids
(issue 17 section 4.3; the counter's and the desk's "Sales" dialog, terminal/ui/sales_dialog.py).

    search_sales(ctx, SalesQuery) -> SalesPage        one page (<= MAX_PAGE rows), newest first, and the match count
    sale_detail(ctx, checkout_id, at=) -> SaleDetail   lines with units already returned, tenders, coupons, points,
                                                       the returns made, the void, what may still be done
    copy_receipt(detail, printed_at) -> dict           the slip of a reprint: marked as a copy, its void and returns
    reprint(ctx, checkout_id, actor_id) -> (slip, detail)   the same, recorded in the audit log (who, when, which sale)

Only sales (`settlements.kind = 'sale'`: not top-up, exchange or claim rows) of this store, on one
store-local day. A sale's status is one of STATUSES: `voided` (a void row), else `fully_returned`
(every unit sold has come back), `partly_returned` (some), `settled`. The list reads the day through
the `settlements_at` index and parses a sale's JSON receipt only where a filter or the page needs
it: a day of 5,000 sales pages in a few milliseconds (docs/architecture.md). Reads only: the
writes are returns.return_items / voids.void, with the manager's PIN.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from terminal.domain.clock import local, zone
from terminal.domain.reasons import CheckoutError, DomainError, Reason
from terminal.domain.settlement import check_void_allowed
from terminal.usecases.context import ServiceContext
from terminal.usecases.returns import return_window

STATUSES = ("settled", "voided", "partly_returned", "fully_returned")
MAX_PAGE = 200
DEFAULT_PAGE = 50
MAX_TEXT = 100

# units returned so far and units sold, only computed for a sale that has returns (CASE is lazy in SQLite)
_RETURNED = "(SELECT SUM(j.value) FROM returns r, json_each(r.units) j WHERE r.checkout_id = s.checkout_id)"
_SOLD = "(SELECT SUM(json_extract(l.value, '$.quantity')) FROM json_each(s.receipt, '$.lines') l)"
_STATUS = (f"CASE WHEN v.checkout_id IS NOT NULL THEN 'voided' "
           f"WHEN NOT EXISTS (SELECT 1 FROM returns r0 WHERE r0.checkout_id = s.checkout_id) THEN 'settled' "
           f"WHEN {_RETURNED} >= {_SOLD} THEN 'fully_returned' ELSE 'partly_returned' END")
# text in a receipt: a plain scan of its JSON first (cheap, rules out most sales), then the exact field
_IN_RECEIPT = "instr(lower(s.receipt), ?) > 0"
_NAMED = ("EXISTS (SELECT 1 FROM json_each(s.receipt, '$.lines') l "
          "WHERE instr(lower(json_extract(l.value, '$.name')), ?) > 0)")
_MASKED = "instr(lower(json_extract(s.receipt, '$.member.masked_name')), ?) > 0"
_PRODUCT = f"({_IN_RECEIPT} AND {_NAMED})"
_MEMBER = f"(s.member_id = ? OR ({_IN_RECEIPT} AND {_MASKED}))"


@dataclass(frozen=True)
class SalesQuery:
    """What to list. `day`: the store-local day; `time_from` / `time_to`: store-local wall clock on that
    day, from inclusive, to exclusive (None: the day's start / end); `min_total` / `max_total`: the
    amount collected in minor units, inclusive; `checkout_prefix`: the start of the checkout id;
    `product`: part of a line's name; `member`: a member id, or part of the masked name on the
    receipt; `text`: any of the last three (the dialog's one search field); `status`: one of STATUSES;
    `offset` / `limit`: the page (limit 1..MAX_PAGE). Text is matched case-insensitively."""

    day: date
    time_from: time | None = None
    time_to: time | None = None
    min_total: int | None = None
    max_total: int | None = None
    checkout_prefix: str = ""
    product: str = ""
    member: str = ""
    text: str = ""
    status: str | None = None
    offset: int = 0
    limit: int = DEFAULT_PAGE


@dataclass(frozen=True)
class SaleRow:
    """One sale of the list: `time` "HH:MM" store-local, `total` collected (minor units), `items` units
    sold, `products` the first line names, `member` the masked name ("" without a member)."""

    checkout_id: str
    time: str
    cashier_id: str
    member: str
    items: int
    products: str
    total: int
    status: str


@dataclass(frozen=True)
class SalesPage:
    rows: tuple[SaleRow, ...]
    matches: int  # every sale of the query, all pages
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.matches


@dataclass(frozen=True)
class SaleLine:
    """A receipt line (numbered from 1, as returns name them); money in minor units."""

    line_id: int
    name: str
    quantity: int
    gross: int
    net: int
    returned: int

    @property
    def left(self) -> int:
        return self.quantity - self.returned


@dataclass(frozen=True)
class SaleDetail:
    """A sale as recorded, with what happened to it since. `tenders`: {"method", "amount", "account_id"?}
    (stored value / gift cards first, then the rest); `coupons`: {"name", "code_tail", "discount"};
    `points_earned` / `points_spent`: {point type: points}; `returns`: {"return_id", "time", "manager_id",
    "reason", "lines": [(name, units)], "refund", "points_clawed", "points_returned"} oldest first;
    `void`: {"time", "manager_id", "reason"} or None; `can_void` / `can_return`: None when allowed, else the
    refusal (a DomainError, not raised) the action would meet now; `receipt`: the settlement's slip."""

    checkout_id: str
    local_time: str
    cashier_id: str
    member: str
    status: str
    gross: int
    promotion_discount: int
    coupon_discount: int
    points_discount: int
    total: int
    lines: tuple[SaleLine, ...]
    tenders: tuple[dict[str, Any], ...]
    coupons: tuple[dict[str, Any], ...]
    points_earned: dict[str, int]
    points_spent: dict[str, int]
    point_names: dict[str, str]
    returns: tuple[dict[str, Any], ...]
    void: dict[str, Any] | None
    can_void: DomainError | None
    can_return: DomainError | None
    receipt: dict[str, Any] = field(repr=False)

    @property
    def refunded(self) -> int:
        return sum(r["refund"] for r in self.returns)


def _check_query(q: SalesQuery) -> None:
    """CheckoutError(INVALID_REQUEST) naming the field."""
    def bad(msg: str, **details: Any) -> CheckoutError:
        return CheckoutError(Reason.INVALID_REQUEST, msg, **details)

    if not isinstance(q.day, date) or isinstance(q.day, datetime):
        raise bad("The day must be a date.", field="day")
    if not isinstance(q.limit, int) or isinstance(q.limit, bool) or not 1 <= q.limit <= MAX_PAGE:
        raise bad(f"A page has 1..{MAX_PAGE} sales, not {q.limit!r}.", field="limit")
    if not isinstance(q.offset, int) or isinstance(q.offset, bool) or q.offset < 0:
        raise bad(f"The page offset must be 0 or more, not {q.offset!r}.", field="offset")
    for name in ("min_total", "max_total"):
        v = getattr(q, name)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            raise bad(f"{name} must be a whole amount >= 0 in minor units, not {v!r}.", field=name)
    if q.min_total is not None and q.max_total is not None and q.min_total > q.max_total:
        raise bad(f"The smallest amount ({q.min_total}) is above the largest ({q.max_total}).", field="min_total")
    for name in ("time_from", "time_to"):
        v = getattr(q, name)
        if v is not None and (not isinstance(v, time) or v.tzinfo is not None):
            raise bad(f"{name} must be a wall-clock time of the store's day (no time zone), not {v!r}.", field=name)
    if q.time_from is not None and q.time_to is not None and q.time_from >= q.time_to:
        raise bad(f"The time range ends ({q.time_to:%H:%M}) before it starts ({q.time_from:%H:%M}).", field="time_to")
    if q.status is not None and q.status not in STATUSES:
        raise bad(f"Status must be one of {', '.join(STATUSES)}, not {q.status!r}.", field="status")
    for name in ("checkout_prefix", "product", "member", "text"):
        if not isinstance(getattr(q, name), str) or len(getattr(q, name)) > MAX_TEXT:
            raise bad(f"{name} is text of at most {MAX_TEXT} characters.", field=name)


def _bounds(q: SalesQuery, tz_name: str) -> tuple[str, str]:
    """The query's UTC range as the ISO strings `settlements.settled_at` holds."""
    tz = zone(tz_name)
    start = datetime.combine(q.day, q.time_from or time.min, tzinfo=tz)
    end = datetime.combine(q.day, q.time_to, tzinfo=tz) if q.time_to else datetime.combine(q.day + timedelta(days=1), time.min, tzinfo=tz)
    return start.astimezone(timezone.utc).isoformat(), end.astimezone(timezone.utc).isoformat()


def search_sales(ctx: ServiceContext, q: SalesQuery) -> SalesPage:
    """One page of the store-local day's sales matching every filter, newest first (ties by checkout id).
    CheckoutError(INVALID_REQUEST) for a bad query (nothing is read then)."""
    _check_query(q)
    lo, hi = _bounds(q, ctx.store.timezone)
    where = ["s.store_id = ?", "s.kind = 'sale'", "s.settled_at >= ?", "s.settled_at < ?"]
    args: list[Any] = [ctx.store_id, lo, hi]
    if q.min_total is not None:
        where.append("s.total >= ?")
        args.append(q.min_total)
    if q.max_total is not None:
        where.append("s.total <= ?")
        args.append(q.max_total)
    prefix = q.checkout_prefix.strip()
    if prefix:
        where.append("substr(s.checkout_id, 1, ?) = ?")
        args += [len(prefix), prefix]
    if q.product.strip():
        where.append(_PRODUCT)
        args += [q.product.strip().lower()] * 2
    if q.member.strip():
        where.append(_MEMBER)
        args += [q.member.strip(), q.member.strip().lower(), q.member.strip().lower()]
    text = q.text.strip()
    if text:
        where.append(f"(substr(s.checkout_id, 1, ?) = ? OR s.member_id = ? OR ({_IN_RECEIPT} AND ({_MASKED} OR {_NAMED})))")
        args += [len(text), text, text, *[text.lower()] * 3]
    if q.status is not None:
        where.append(f"({_STATUS}) = ?")
        args.append(q.status)
    sql_where = " AND ".join(where)
    base = f"FROM settlements s LEFT JOIN voids v ON v.checkout_id = s.checkout_id WHERE {sql_where}"
    c = ctx.replica.conn
    (matches,) = c.execute(f"SELECT COUNT(*) {base}", args).fetchone()
    rows = c.execute(f"SELECT s.checkout_id, s.settled_at, s.cashier_id, s.total, s.receipt, {_STATUS} {base} "
                     "ORDER BY s.settled_at DESC, s.checkout_id DESC LIMIT ? OFFSET ?", [*args, q.limit, q.offset]).fetchall()
    tz = ctx.store.timezone
    out = []
    for cid, at, cashier, total, receipt, status in rows:
        rec = json.loads(receipt)
        lines = rec.get("lines") or []
        names = [str(ln.get("name") or "") for ln in lines]
        products = ", ".join(names[:2]) + (f" +{len(names) - 2}" if len(names) > 2 else "")
        out.append(SaleRow(cid, local(datetime.fromisoformat(at), tz).strftime("%H:%M"), cashier,
                           (rec.get("member") or {}).get("masked_name", ""), sum(int(ln.get("quantity") or 0) for ln in lines),
                           products, total, status))
    return SalesPage(tuple(out), matches, q.offset, q.limit)


def sale_detail(ctx: ServiceContext, checkout_id: str, *, at: datetime | None = None) -> SaleDetail:
    """The sale `checkout_id` of this store with its returns and void; `can_void` / `can_return` judged at
    `at` (default: the service clock). CheckoutError(NOT_FOUND) for no such sale of this store."""
    at = ctx.now(at)
    c = ctx.replica.conn
    r = c.execute("""SELECT s.settled_at, s.cashier_id, s.receipt, s.event_id, s.total, s.gross, s.coupon_discount,
                            s.points_discount, s.kind, s.store_id, v.voided_at, v.manager_id, v.reason
                     FROM settlements s LEFT JOIN voids v ON v.checkout_id = s.checkout_id WHERE s.checkout_id = ?""",
                  (checkout_id,)).fetchone()
    if r is None or r[8] != "sale" or r[9] != ctx.store_id:
        raise CheckoutError(Reason.NOT_FOUND, f"No sale {checkout_id} of this store on this terminal.", checkout_id=checkout_id)
    settled_at, cashier, receipt_s, event_id, total, gross, coupon_discount, points_discount = r[:8]
    tz = ctx.store.timezone
    hm = lambda iso: local(datetime.fromisoformat(iso), tz).strftime("%Y-%m-%d %H:%M")  # noqa: E731
    receipt = json.loads(receipt_s)
    rets = c.execute("SELECT return_id, returned_at, manager_id, reason, units, refund, receipt FROM returns "
                     "WHERE checkout_id = ? ORDER BY returned_at, rowid", (checkout_id,)).fetchall()
    returned: dict[int, int] = {}
    names = {i: str(ln.get("name") or "") for i, ln in enumerate(receipt.get("lines") or [], start=1)}
    returns = []
    for rid, rat, mgr, why, units_s, refund, rrec_s in rets:
        units = {int(k): int(v) for k, v in json.loads(units_s).items()}
        for lid, u in units.items():
            returned[lid] = returned.get(lid, 0) + u
        rrec = json.loads(rrec_s)
        returns.append({"return_id": rid, "time": hm(rat), "manager_id": mgr, "reason": why,
                        "lines": [(names.get(lid, str(lid)), u) for lid, u in sorted(units.items())], "refund": refund,
                        "points_clawed": rrec.get("points_clawed") or {}, "points_returned": rrec.get("points_returned") or {}})
    lines = tuple(SaleLine(i, names[i], int(ln.get("quantity") or 0), int(ln.get("gross") or 0), int(ln.get("net") or 0),
                           returned.get(i, 0)) for i, ln in enumerate(receipt.get("lines") or [], start=1))
    templates = ctx.replica.catalog()["templates"]
    coupons = tuple({"name": getattr(templates.get(tid), "name", tid), "code_tail": code[-4:], "discount": disc}
                    for code, tid, disc in c.execute(
                        "SELECT code, MIN(template_id), SUM(discount) FROM coupon_ledger WHERE event_id = ? AND kind = 'redeem' "
                        "GROUP BY code ORDER BY MIN(id)", (event_id,)))
    payments = receipt.get("payments")
    if payments:
        tenders = tuple({k: p[k] for k in ("method", "amount", "account_id") if k in p} for p in payments)
    else:
        row = c.execute("SELECT json_extract(payload, '$.payment_method') FROM outbox WHERE event_id = ?", (event_id,)).fetchone()
        method = row[0] if row and isinstance(row[0], str) and row[0] else "cash"
        tenders = ({"method": method, "amount": total},) if total else ()
    voided = r[10] is not None
    status = "voided" if voided else ("settled" if not returned else
                                      "fully_returned" if all(ln.left <= 0 for ln in lines) else "partly_returned")
    sold_at = datetime.fromisoformat(settled_at)
    can_void: DomainError | None = None
    try:
        check_void_allowed(sold_at, at, ctx.void_window, voided, checkout_id)
        if rets:
            raise CheckoutError(Reason.INVALID_REQUEST, f"Checkout {checkout_id} has returns already: return the rest of its "
                                "items instead of voiding it.", checkout_id=checkout_id)
    except DomainError as err:
        can_void = err
    can_return: DomainError | None = None
    if voided:
        can_return = CheckoutError(Reason.ALREADY_VOIDED, f"Checkout {checkout_id} was voided: nothing is left to return.")
    elif at - sold_at > return_window(ctx):
        days = return_window(ctx).total_seconds() / 86400
        can_return = CheckoutError(Reason.RETURN_WINDOW_PASSED, f"Checkout {checkout_id} was settled more than {days:g} day(s) "
                                   f"ago; returns are accepted within {days:g} day(s).", window_days=days)
    elif all(ln.left <= 0 for ln in lines):
        can_return = CheckoutError(Reason.RETURN_EXCEEDS_SOLD, f"Every item of checkout {checkout_id} was returned already.")
    point_names = {pt_id: pt.name for pt_id, pt in ctx.replica.catalog()["point_types"].items()}
    return SaleDetail(
        checkout_id=checkout_id, local_time=hm(settled_at), cashier_id=cashier,
        member=(receipt.get("member") or {}).get("masked_name", ""), status=status, gross=gross,
        promotion_discount=int(receipt.get("promotion_discount") or 0), coupon_discount=coupon_discount,
        points_discount=points_discount, total=total, lines=lines, tenders=tenders, coupons=coupons,
        points_earned=dict(receipt.get("points_earned") or {}), points_spent=dict(receipt.get("points_spent") or {}),
        point_names=point_names, returns=tuple(returns),
        void=None if not voided else {"time": hm(r[10]), "manager_id": r[11], "reason": r[12]},
        can_void=can_void, can_return=can_return, receipt=receipt)


def copy_receipt(detail: SaleDetail, printed_at: str) -> dict[str, Any]:
    """The slip of a reprint (terminal.infra.printing.receipt_lines): the sale's own receipt marked as a
    copy printed at `printed_at` (store-local "YYYY-MM-DD HH:MM"), with its void and its returns
    ({"time", "refund"} each), so a copy never passes for a sale still standing whole."""
    out = dict(detail.receipt)
    out["reprint"] = {"printed_at": printed_at}
    if detail.void is not None:
        out["voided_at"] = detail.void["time"]
    out["returns"] = [{"time": r["time"], "refund": r["refund"]} for r in detail.returns]
    return out


def reprint(ctx: ServiceContext, checkout_id: str, actor_id: str, *, at: datetime | None = None) -> tuple[dict[str, Any], SaleDetail]:
    """The copy slip of sale `checkout_id` (copy_receipt, printed at `at` in store-local time) and the sale, with
    an audit row `reprint` (actor `actor_id`, UTC time, the checkout id and how many copies of it so far), so the
    manager's report shows every copy made: a reprinted slip is how a refund is claimed twice at a service desk.
    CheckoutError(NOT_FOUND) for no such sale of this store (nothing written)."""
    from terminal.storage.db import transaction

    at = ctx.now(at)
    detail = sale_detail(ctx, checkout_id, at=at)
    with transaction(ctx.replica.db):
        before = ctx.replica.conn.execute(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'reprint' AND json_extract(details, '$.checkout_id') = ?",
            (checkout_id,)).fetchone()[0]
        ctx.replica.audit(at=at, actor_id=actor_id, action="reprint", reason=checkout_id,  # a code: no words to translate
                          details={"checkout_id": checkout_id, "copy": before + 1})
    return copy_receipt(detail, local(at, ctx.store.timezone).strftime("%Y-%m-%d %H:%M")), detail
