"""Pure judgement of a pushed partial return (issue 15, section 5): against what the server
recorded for the sale, never the terminal's figures.

    verdict = judge_return(env, facts)     # facts: sync.server.return_facts.return_facts

The sale is what the server stored and booked for it: its settlement payload's lines (net clamped
to 0..gross), its own coupon_ledger redeem rows, its own point_ledger earn and burn rows, and the
returns of that sale it accepted before (their units, in order). `terminal.domain.returns`
computes the refund and the compensating rows, the same function the counter ran. Refused (a
`Reject`, nothing written): an unknown or rejected sale, another store's sale, a voided sale, a
return id already used, units beyond what was sold less returned (`return_exceeds_sold`), outside
the return window (`return_window_passed`), no manager, a malformed payload. A claimed refund,
points or stored-value figure that differs from the server's is a `quarantined` conflict; the
server's figures are booked. Stored value and gift cards the sale spent (the server's own `spend`
rows) are tenders: their share of the refund goes back to them as `refund` value rows
(sync.server.value_judge.judge_value_refunds).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from terminal.domain.models import CouponTemplate
from terminal.domain.reasons import CheckoutError
from terminal.domain.returns import MAX_RETURN_LINES, plan_return, sale_from_record, value_refunds
from sync.server.errors import Reject
from sync.server.judge import (MAX_ID, Book, _id, CouponEntry, Facts, Put, Verdict, claimed_time, parse_at, require,
                               require_manager)
from sync.server.purchases import KIND as PURCHASES
from sync.server.purchases import take_sale_spend, withdrawn_claims
from sync.server.rules import quarantine


@dataclass
class ReturnFacts:
    """What the judge of a return may know, fetched before it decides. `sale`: {"store_id",
    "status", "payload", "occurred_at" (its envelope's)} of the returned settlement (None: never
    received); `coupons`: the server's redeem rows of it (code, template_id, discount); `earned` /
    `burnt`: its earn and burn rows (lot_id, point_type, points > 0); `earlier`: units of the returns of it accepted before,
    oldest first; `return_ids`: their return ids; `lots`: the lots those rows name."""

    now: datetime
    manager: dict | None = None
    sale: dict | None = None
    voided: bool = False
    coupons: list[tuple[str, str, int]] = field(default_factory=list)
    earned: list[tuple[str, str, int]] = field(default_factory=list)
    burnt: list[tuple[str, str, int]] = field(default_factory=list)
    earlier: list[dict[int, int]] = field(default_factory=list)
    return_ids: set[str] = field(default_factory=set)
    lots: dict[str, dict] = field(default_factory=dict)
    templates: dict[str, CouponTemplate] = field(default_factory=dict)
    categories: dict[str, str | None] = field(default_factory=dict)
    window_days: int = 30
    value_spends: list[tuple[str, int]] = field(default_factory=list)  # the sale's spend rows the server booked (account_id, amount > 0)
    value: object | None = None  # sync.server.value_judge.ValueFacts of those accounts (None: the sale spent no value)
    purchases: dict | None = None  # the sale member's `member_purchases` row (its spend towards visit gifts)
    visit_gifts: tuple = ()  # the catalog's VisitGift rules (a claimed gift whose spend the return takes below its threshold)


def _units(p: dict) -> dict[int, int]:
    lines = require(p, "lines", list)
    if not lines or len(lines) > MAX_RETURN_LINES:
        raise Reject("invalid_payload", f"payload.lines has 1..{MAX_RETURN_LINES} entries", field="lines")
    units: dict[int, int] = {}
    for ln in lines:
        lid, q = (ln.get("line_id"), ln.get("quantity")) if isinstance(ln, dict) else (None, None)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (lid, q)) or lid in units or not (1 <= q <= 10**6):
            raise Reject("invalid_payload", "payload.lines has a malformed entry", field="lines")
        units[lid] = q
    return units


def judge_return(env: dict, facts: ReturnFacts) -> Verdict:
    p = env["payload"]
    if p.get("store_id") != env["store_id"] or p.get("terminal_id") != env["terminal_id"]:
        raise Reject("envelope_mismatch", "The payload's store/terminal differ from the envelope's.")
    sale_event = require(p, "sale_event_id", str)
    checkout_id = require(p, "checkout_id", str)
    return_id = require(p, "return_id", str)
    if not _id(return_id) or not _id(checkout_id):
        raise Reject("invalid_payload", f"payload ids are 1..{MAX_ID} printable characters", field="return_id")
    if not require(p, "reason", str).strip():
        raise Reject("invalid_payload", "a return needs a reason", field="reason")
    units = _units(p)
    if facts.sale is None:
        raise Reject("unknown_sale", f"Return of sale {sale_event}, which the server never received.", sale_event_id=sale_event)
    if facts.sale["store_id"] != env["store_id"]:
        raise Reject("wrong_store", "A store can only take back its own sales.")
    sale_payload = facts.sale["payload"]
    if sale_payload.get("checkout_id") != checkout_id:
        raise Reject("invalid_payload", "the return's checkout_id is not the sale's", field="checkout_id")
    if facts.sale["status"] == "rejected":
        raise Reject("unknown_sale", f"Sale {checkout_id} was rejected by the server: nothing of it can be returned.")
    require_manager(p, _as_facts(facts), env["store_id"])
    if facts.voided:
        raise Reject("already_voided", f"Checkout {checkout_id} was voided: nothing is left to return.")
    if return_id in facts.return_ids:
        raise Reject("return_id_reused", f"Return {return_id} of checkout {checkout_id} was already booked.")
    at = claimed_time(p, env)
    # the sale's time as the server judged it (its payload's, else its envelope's): never the return's own,
    # which made a sale pushed without a payload time returnable for ever
    settled_at = parse_at(sale_payload.get("occurred_at")) or parse_at(facts.sale.get("occurred_at"))
    if settled_at is None:
        raise Reject("invalid_payload", "the returned sale has no time to count the return window from", field="sale_event_id")
    if at < settled_at:
        raise Reject("invalid_payload", "a return cannot come before its sale", field="occurred_at")
    sale = sale_from_record(sale_payload, settled_at=settled_at, store_id=facts.sale["store_id"], coupons=facts.coupons,
                            earned=facts.earned, burnt=facts.burnt, templates=facts.templates, categories=facts.categories,
                            value_spends=facts.value_spends)
    try:
        plan = plan_return(sale, units, earlier=facts.earlier, at=at, window=timedelta(days=facts.window_days))
    except CheckoutError as err:
        raise Reject(err.reason.value, err.message, **{k: v for k, v in err.details.items() if isinstance(v, (int, float, str))})
    book = Book(Facts(epoch="", now=facts.now, lots=facts.lots))
    ctx = {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"], "checkout_id": checkout_id,
           "at": at.isoformat()}
    claimed = p.get("refund")
    if claimed != plan.refund:
        book.conflict(quarantine("refund_differs", f"Return {return_id} of checkout {checkout_id}: refund {str(claimed)[:40]} claimed, "
                                 f"{plan.refund} by the sale the server recorded; {plan.refund} booked.", subject=checkout_id,
                                 claimed=claimed if isinstance(claimed, int) else None, server=plan.refund, booked="server_figure",
                                 return_id=return_id))
    for name, mine in (("points_clawed", plan.points_clawed_by_type), ("points_returned", plan.points_returned_by_type)):
        if p.get(name) != mine:
            book.conflict(quarantine(f"{name}_differs", f"Return {return_id}: {name} {str(p.get(name))[:80]} claimed, {mine} by the "
                                     "server's records; the server's booked.", subject=checkout_id, server=mine,
                                     booked="server_figure", return_id=return_id))
    member_id = sale.member_id
    for code, tid, delta in plan.coupons:
        book.ops.append(CouponEntry(ctx["event_id"], code, 0, delta, "return", ctx["store_id"], ctx["terminal_id"], checkout_id,
                                    ctx["at"], member_id, tid))
    touched: list[str] = []
    if member_id is not None:
        for m in plan.points_clawed:
            book.move_points(member_id, m.lot_id, m.point_type, -m.points, "return_earn", ctx)
            touched.append(m.point_type)
        for m in plan.points_returned:
            book.move_points(member_id, m.lot_id, m.point_type, m.points, "return_burn", ctx)
            touched.append(m.point_type)
        for t in dict.fromkeys(touched):
            book.settle_debts(member_id, t, at, ctx)
    if member_id is not None and plan.refund > 0:  # what the sale counted towards visit gifts, less the refund
        row = take_sale_spend(facts.purchases, member_id, str(p.get("sale_event_id")), plan.refund)
        if row is not None:
            book.ops.append(Put(PURCHASES, member_id, row, member_id))
            book.verdict.conflicts.extend(withdrawn_claims(facts.purchases, row, facts.visit_gifts, member_id, ctx))
    if facts.value is not None or p.get("value_refunds"):  # stored value / gift cards spent: given back in proportion
        from sync.server.value_judge import ValueFacts, judge_value_refunds

        judge_value_refunds(env, facts.value or ValueFacts(now=facts.now, currency=""), book.verdict, value_refunds(plan))
    return book.verdict


def _as_facts(facts: ReturnFacts) -> Facts:
    return Facts(epoch="", now=facts.now, manager=facts.manager)


def sale_payload(raw: str) -> dict:
    try:
        v = json.loads(raw)
    except ValueError:
        return {}
    return v if isinstance(v, dict) else {}
