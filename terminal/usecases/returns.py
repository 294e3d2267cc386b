"""Partial returns: give back some units of an earlier sale of this terminal, within the return
window, with a manager's PIN and a reason (issue 15, section 5).

    return_items(ctx, req, manager_id=, pin=, at=) -> the return receipt (a dict)

The figures are `terminal.domain.returns.plan_return` on the sale as this terminal recorded it
(its settlement payload and ledger rows) and its earlier returns. One transaction writes the
`return` outbox event, the return row, its exact compensating ledger rows
(terminal/storage/returns_store.py) and the audit row; the same `return_id` asked again with the
same lines returns the first receipt (replayed), with other lines it is refused. The server judges
the return against what it recorded for the sale (sync.server.judge.judge_return).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from terminal import __version__
from terminal.domain.clock import local
from terminal.domain.reasons import CheckoutError, DomainError, Reason
from terminal.domain.returns import VALUE_TENDER, ReturnPlan, Sale, plan_return, sale_from_record, value_refunds
from terminal.storage import returns_store, value_store
from terminal.storage.db import transaction
from terminal.usecases.context import ServiceContext
from terminal.usecases.staff import verify_staff

log = logging.getLogger("terminal.services")

DEFAULT_RETURN_WINDOW_DAYS = 30


@dataclass(frozen=True)
class ReturnRequest:
    """`lines`: (line_id, quantity) of the sale's receipt lines (numbered from 1); `return_id`: the
    idempotency key of this return (a retry with the same id and lines replays it)."""

    return_id: str
    checkout_id: str
    lines: tuple[tuple[int, int], ...]
    reason: str


def return_window(ctx: ServiceContext) -> timedelta:
    """The catalog's `policies.return_window_days` (docs/catalog.md), 30 when unset."""
    try:
        return timedelta(days=int(ctx.replica.get_meta("return_window_days", str(DEFAULT_RETURN_WINDOW_DAYS))))
    except (TypeError, ValueError):
        return timedelta(days=DEFAULT_RETURN_WINDOW_DAYS)


def recorded_sale(ctx: ServiceContext, checkout_id: str) -> tuple[dict, Sale]:
    """(settlement row, its `Sale` as this terminal recorded it). CheckoutError NOT_FOUND /
    ALREADY_VOIDED."""
    s = ctx.replica.settlement(checkout_id)
    if s is None or checkout_id.startswith("topup:"):  # a top-up's points-bonus row (value_store.topup_checkout_id): no sale
        raise CheckoutError(Reason.NOT_FOUND, f"No settlement {checkout_id} on this terminal.", checkout_id=checkout_id)
    if s["voided_at"] is not None:
        raise CheckoutError(Reason.ALREADY_VOIDED, f"Checkout {checkout_id} was voided: nothing is left to return.")
    c = ctx.replica.conn
    payload = json.loads(c.execute("SELECT payload FROM outbox WHERE event_id = ?", (s["event_id"],)).fetchone()[0])
    coupons = [(r[0], r[1], r[2]) for r in c.execute(
        "SELECT code, MIN(template_id), SUM(discount) FROM coupon_ledger WHERE event_id = ? AND kind = 'redeem' GROUP BY code "
        "ORDER BY MIN(id)", (s["event_id"],))]
    moves = c.execute("SELECT lot_id, point_type, delta, kind FROM point_ledger WHERE event_id = ? AND kind IN ('earn', 'burn') "
                      "ORDER BY id", (s["event_id"],)).fetchall()
    cat = ctx.replica.catalog()
    sale = sale_from_record(payload, settled_at=s["settled_at"], store_id=s["store_id"], coupons=coupons,
                            earned=[(lot, pt, d) for lot, pt, d, k in moves if k == "earn"],
                            burnt=[(lot, pt, -d) for lot, pt, d, k in moves if k == "burn"],
                            templates=cat["templates"], categories={p.sku: p.category_id for p in ctx.replica.products()},
                            value_spends=[(v["account_id"], v["amount"]) for v in value_store.spends_of(c, s["event_id"])])
    return s, sale


def return_items(ctx: ServiceContext, req: ReturnRequest, *, manager_id: str, pin: str, at: datetime | None = None) -> dict[str, Any]:
    """Return some units of a sale; logged either way. DomainError with the reason, nothing written."""
    try:
        res = _return(ctx, req, manager_id=manager_id, pin=pin, at=at)
    except DomainError as err:
        log.warning("return %s of %s by %s refused: [%s] %s", req.return_id, req.checkout_id, manager_id, err.reason.value, err.message)
        raise
    log.warning("%s return %s of checkout %s (seq %s) by manager %s: refund %s",
                "replayed" if res.get("replayed") else "recorded", req.return_id, req.checkout_id, res["terminal_seq"], manager_id,
                res["refund"])
    return res


def preview_return(ctx: ServiceContext, checkout_id: str, lines: tuple[tuple[int, int], ...], *,
                   at: datetime | None = None) -> dict[str, Any]:
    """What returning `lines` ((line_id, units)) of `checkout_id` at `at` would give, before a manager
    approves it; reads only. {"units", "returned_net", "coupon_takeback", "refund", "takebacks",
    "points_clawed", "points_returned" ({point type: points}), "tenders" (as on the return receipt)};
    money in minor units. Raises what `return_items` would (CheckoutError NOT_FOUND, ALREADY_VOIDED,
    RETURN_WINDOW_PASSED, INVALID_REQUEST, RETURN_EXCEEDS_SOLD) except the manager's PIN."""
    at = ctx.now(at)
    units = _units(ReturnRequest("preview", checkout_id, tuple(lines), "preview"))
    _s, sale = recorded_sale(ctx, checkout_id)
    plan = plan_return(sale, units, earlier=returns_store.earlier_units(ctx.replica.conn, checkout_id), at=at,
                       window=return_window(ctx))
    return {"units": [[lid, q] for lid, q in plan.units], "returned_net": plan.returned_net,
            "coupon_takeback": plan.coupon_takeback, "refund": plan.refund,
            "takebacks": [{"code": t.code, "amount": t.amount, "message": t.message} for t in plan.takebacks],
            "points_clawed": plan.points_clawed_by_type, "points_returned": plan.points_returned_by_type,
            "tenders": _tenders(ctx, plan)}


def _units(req: ReturnRequest) -> dict[int, int]:
    units: dict[int, int] = {}
    for lid, q in req.lines:
        if not isinstance(lid, int) or isinstance(lid, bool) or lid in units:
            raise CheckoutError(Reason.INVALID_REQUEST, f"Line {lid!r} is named more than once or is not a line number.", line=lid)
        units[lid] = q
    return units


def _return(ctx: ServiceContext, req: ReturnRequest, *, manager_id: str, pin: str, at: datetime | None) -> dict[str, Any]:
    at = ctx.now(at)
    reason = (req.reason or "").strip()
    if not reason:
        raise CheckoutError(Reason.INVALID_REQUEST, "A return needs a reason.")
    if not (req.return_id or "").strip() or len(req.return_id) > 200:
        raise CheckoutError(Reason.INVALID_REQUEST, "A return needs a return id (1..200 characters).")
    units = _units(req)
    verify_staff(ctx, manager_id, pin, role="manager")
    with transaction(ctx.replica.db):
        first = returns_store.by_return_id(ctx.replica.conn, req.return_id)
        if first is not None:
            if first["checkout_id"] != req.checkout_id or dict(map(tuple, first["receipt"]["units"])) != units:
                raise CheckoutError(Reason.CHECKOUT_ID_REUSED, f"Return {req.return_id} was already recorded with other lines.")
            return {**first["receipt"], "replayed": True}
        s, sale = recorded_sale(ctx, req.checkout_id)
        plan = plan_return(sale, units, earlier=returns_store.earlier_units(ctx.replica.conn, req.checkout_id), at=at,
                           window=return_window(ctx))
        payload = {"return_id": req.return_id, "checkout_id": req.checkout_id, "sale_event_id": s["event_id"],
                   "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "manager_id": manager_id, "reason": reason,
                   "occurred_at": at.isoformat(), "lines": [{"line_id": lid, "quantity": q} for lid, q in plan.units],
                   "refund": plan.refund, "points_clawed": plan.points_clawed_by_type,
                   "points_returned": plan.points_returned_by_type,
                   **({"value_refunds": [{"account_id": a, "amount": v} for a, v in value_refunds(plan)]} if value_refunds(plan) else {}),
                   "based_on_cursor": ctx.replica.applied_cursor(), "app_version": __version__}
        event_id, seq = ctx.append_event("return", payload, at)
        receipt = _receipt(ctx, req, s, plan, manager_id, at, event_id, seq)
        returns_store.write_return(ctx.replica.conn, plan, return_id=req.return_id, event_id=event_id, member_id=sale.member_id,
                                   manager_id=manager_id, reason=reason, at=at, receipt=receipt)
        value_store.write_refunds(ctx.replica.conn, event_id=event_id, checkout_id=req.checkout_id, sale_event_id=s["event_id"],
                                  refunds=value_refunds(plan), at=at)
        ctx.replica.audit(at=at, actor_id=manager_id, action="return", reason=reason,
                          details={"checkout_id": req.checkout_id, "return_id": req.return_id, "refund": plan.refund})
    ctx.written()
    return receipt


def _receipt(ctx: ServiceContext, req: ReturnRequest, s: dict, plan: ReturnPlan, manager_id: str, at: datetime, event_id: str,
             seq: int) -> dict[str, Any]:
    names = {i: ln.get("name") for i, ln in enumerate(s["receipt"].get("lines", []), start=1)}
    return {
        "return_id": req.return_id, "checkout_id": req.checkout_id, "returned_at": at.isoformat(),
        "local_time": local(at, ctx.store.timezone).strftime("%Y-%m-%d %H:%M"), "store_id": ctx.store_id,
        "terminal_id": ctx.terminal_id, "manager_id": manager_id,
        "units": [[lid, q] for lid, q in plan.units],
        "lines": [{"line_id": lid, "name": names.get(lid), "quantity": q} for lid, q in plan.units],
        "returned_net": plan.returned_net, "coupon_takeback": plan.coupon_takeback, "refund": plan.refund,
        "takebacks": [{"code": t.code, "amount": t.amount, "message": t.message} for t in plan.takebacks],
        "points_clawed": plan.points_clawed_by_type, "points_returned": plan.points_returned_by_type,
        "tenders": _tenders(ctx, plan),
        "event_id": event_id, "terminal_seq": seq, "replayed": False,
    }


def _tenders(ctx: ServiceContext, plan: ReturnPlan) -> list[dict[str, Any]]:
    """What goes back per tender: {"tender": "cash"|"card"|..., "amount"} or, for stored value and
    gift cards, {"tender": "stored_value"|"gift_card", "account_id", "amount", "balance_after"}
    (the balance once this refund is booked; minor units)."""
    out: list[dict[str, Any]] = []
    progs = value_store.programs(ctx.replica.conn) if any(k.startswith(VALUE_TENDER) for k, _ in plan.tenders) else {}
    for k, v in plan.tenders:
        if not k.startswith(VALUE_TENDER):
            out.append({"tender": k, "amount": v})
            continue
        aid = k.removeprefix(VALUE_TENDER)
        acc = value_store.account(ctx.replica.conn, aid)
        prog = progs.get(acc.program_id) if acc else None
        out.append({"tender": "gift_card" if prog is not None and prog.kind == "gift_card" else "stored_value", "account_id": aid,
                    "amount": v, "balance_after": acc.balance + v if acc else None})
    return out
