"""Chain-wide campaign report (券統計, issue 16 section 4) from the central ledgers.

The same figures as a store's report (`terminal.domain.campaign_roi.campaign_roi`, definitions
there and in docs/catalog.md), over every store: sales are the settlement events the server
accepted (`events`, not rejected), voided when an accepted void names them; uses are the
`coupon_ledger` redeem rows the server booked (quarantined claims never reach it) and the
`promotion_ledger` apply rows (kind "promotion": the promotions the server re-applied); issued are
the central coupon rows' `issued_at`. A sale's time is its event's `occurred_at`; its total is
the payload's, bounded by its lines (0 .. what the lines cost: a terminal's claim cannot inflate
the revenue beyond its basket). Days are local days of `tz` (an IANA name).

    python -m sync.server.admin --db central.db campaign-report --from 2026-11-01 --to 2026-11-30 [--tz Asia/Taipei] [--csv F] [--json]
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from sync.server.judge import MAX_AMOUNT, parse_at
from terminal.domain.campaign_roi import CampaignLine, Issue, Sale, Use, campaign_roi
from terminal.domain.clock import zone

MAX_DAYS = 366
_BATCH = 500


def day_bounds(first_day: date, last_day: date, tz: str) -> tuple[datetime, datetime]:
    """[start of first_day, start of the day after last_day) in `tz`, as aware datetimes."""
    z = zone(tz)
    return (datetime.combine(first_day, datetime.min.time(), tzinfo=z),
            datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=z))


def _total(p: dict) -> int:
    lines = p.get("lines") if isinstance(p.get("lines"), list) else []
    cost = 0
    for ln in lines:
        if isinstance(ln, dict):
            price, qty = ln.get("unit_price"), ln.get("quantity")
            if all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (price, qty)):
                cost += price * qty
    t = p.get("total")
    return min(t, cost, MAX_AMOUNT) if isinstance(t, int) and not isinstance(t, bool) and t > 0 else 0


def _batches(xs: list) -> list[list]:
    return [xs[i:i + _BATCH] for i in range(0, len(xs), _BATCH)]


def chain_campaigns(store, first_day: date, last_day: date, tz: str) -> tuple[CampaignLine, ...]:
    """The chain's figures for local days first_day..last_day of `tz`. ValueError naming the
    option for a range that ends before it starts or spans more than MAX_DAYS days."""
    if last_day < first_day:
        raise ValueError(f"--to {last_day} is before --from {first_day}")
    if (last_day - first_day).days + 1 > MAX_DAYS:
        raise ValueError(f"a campaign report covers at most {MAX_DAYS} days (--to)")
    lo, hi = day_bounds(first_day, last_day, tz)
    # stored times keep the offset they were sent with: compared as text only with a day of margin, then exactly
    pre_lo, pre_hi = (lo - timedelta(days=1)).isoformat(), (hi + timedelta(days=1)).isoformat()
    with store.read():
        sales: dict[str, Sale] = {}
        rows = store.conn.execute(
            "SELECT event_id, payload, occurred_at FROM events WHERE type = 'settlement' AND status <> 'rejected' "
            "AND occurred_at >= ? AND occurred_at < ?", (pre_lo, pre_hi)).fetchall()
        for event_id, payload, occurred in rows:
            at = parse_at(occurred)
            if at is not None and lo <= at < hi:
                p = json.loads(payload)
                member = p.get("member_id") if isinstance(p.get("member_id"), str) else None
                sales[event_id] = Sale(event_id, member, _total(p), at)
        uses = _uses(store, list(sales))
        # first-time members: the earlier uses of the same campaigns by the members who used them now
        pairs = {(u.kind, u.campaign_id, sales[u.checkout_id].member_id) for u in uses if sales[u.checkout_id].member_id}
        earlier: dict[str, Sale] = {}
        for chunk in _batches(sorted({m for _, _, m in pairs})):
            marks = ','.join('?' * len(chunk))
            rows = [("coupon_template", *r) for r in store.conn.execute(
                "SELECT cl.event_id, cl.template_id, cl.member_id, cl.uses, cl.discount, cl.code, e.occurred_at "
                "FROM coupon_ledger cl JOIN events e ON e.event_id = cl.event_id "
                f"WHERE cl.kind = 'redeem' AND cl.member_id IN ({marks})", chunk).fetchall()]
            rows += [("promotion", *r) for r in store.conn.execute(
                "SELECT pl.event_id, pl.promotion_id, pl.member_id, 1, pl.discount, NULL, e.occurred_at "
                "FROM promotion_ledger pl JOIN events e ON e.event_id = pl.event_id "
                f"WHERE pl.kind = 'apply' AND pl.member_id IN ({marks})", chunk).fetchall()]
            for kind, event_id, cid, member, n, disc, code, occurred in rows:
                at = parse_at(occurred)
                if event_id not in sales and (kind, cid, member) in pairs and at is not None and at < lo:
                    earlier.setdefault(event_id, Sale(event_id, member, 0, at))
                    uses.append(Use(event_id, cid, int(n), int(disc), code, kind))
        everything = {**sales, **earlier}
        voided = _voided(store, list(everything))
        issues = [Issue(tpl, code, at) for tpl, code, issued in store.conn.execute(
            "SELECT json_extract(body, '$.template_id'), key, json_extract(body, '$.issued_at') FROM entities "
            "WHERE kind = 'coupon' AND deleted = 0 AND json_extract(body, '$.issued_at') >= ? "
            "AND json_extract(body, '$.issued_at') < ?", (pre_lo, pre_hi)).fetchall()
            if isinstance(tpl, str) and (at := parse_at(issued)) is not None]
    all_sales = [Sale(s.checkout_id, s.member_id, s.total, s.at, s.checkout_id in voided) for s in everything.values()]
    return campaign_roi(all_sales, uses, issues, lo, hi)


def _uses(store, event_ids: list[str]) -> list[Use]:
    out = []
    for chunk in _batches(event_ids):
        out += [Use(r[0], r[1], r[2], r[3], r[4]) for r in store.conn.execute(
            "SELECT event_id, template_id, uses, discount, code FROM coupon_ledger WHERE kind = 'redeem' "
            f"AND template_id IS NOT NULL AND event_id IN ({','.join('?' * len(chunk))})", chunk).fetchall()]
        out += [Use(r[0], r[1], 1, int(r[2]), None, "promotion") for r in store.conn.execute(
            "SELECT event_id, promotion_id, discount FROM promotion_ledger WHERE kind = 'apply' "
            f"AND event_id IN ({','.join('?' * len(chunk))})", chunk).fetchall()]
    return out


def _voided(store, event_ids: list[str]) -> set[str]:
    out: set[str] = set()
    for chunk in _batches(event_ids):
        out |= {r[0] for r in store.conn.execute(
            "SELECT json_extract(payload, '$.voids_event_id') FROM events WHERE type = 'void' AND status <> 'rejected' "
            f"AND json_extract(payload, '$.voids_event_id') IN ({','.join('?' * len(chunk))})", chunk).fetchall()}
    return out
