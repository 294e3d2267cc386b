"""Fetch, before judging a partial return (sync.server.judge_returns): the returned sale as the
server stored and booked it, the returns of it accepted before, the manager, the lots its rows
name, the catalog's templates and product categories, the return window (meta
`return_window_days`, from the catalog's `policies`) and the value spends of the sale with their
accounts (sync.server.value_facts.value_facts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sync.server.archive import events_all
from sync.server.facts import _cached, _probe, _product, staff_facts, visit_gifts
from sync.server.judge import Facts
from sync.server.judge_returns import ReturnFacts, sale_payload
from terminal.catalog import template_from_json

if TYPE_CHECKING:
    from sync.server.store import CentralStore


def return_facts(store: CentralStore, env: dict) -> ReturnFacts:
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    facts = ReturnFacts(now=store.clock())
    staffed = Facts(epoch="", now=facts.now)
    staff_facts(store, staffed, p.get("manager_id"))
    facts.manager = staffed.manager
    meta = store.get("meta", "return_window_days")
    try:
        facts.window_days = int(meta["value"]) if meta else 30
    except (TypeError, ValueError, KeyError):
        facts.window_days = 30
    orig = p.get("sale_event_id")
    if not isinstance(orig, str) or len(orig) > 200:
        return facts
    r = store.conn.execute(f"SELECT store_id, status, payload, occurred_at FROM {events_all()} WHERE event_id = ? "
                           "AND type = 'settlement'", (orig,)).fetchone()
    if r is None:
        return facts
    facts.sale = {"store_id": r[0], "status": r[1], "payload": sale_payload(r[2]), "occurred_at": r[3]}
    conn = store.conn
    facts.voided = conn.execute(f"SELECT 1 FROM {events_all()} WHERE type = 'void' AND status != 'rejected' "
                                "AND json_extract(payload, '$.voids_event_id') = ?", (orig,)).fetchone() is not None
    facts.coupons = [(c, t, d) for c, t, d in conn.execute(
        "SELECT code, MIN(template_id), CAST(SUM(discount) AS BIGINT) FROM coupon_ledger WHERE event_id = ? AND kind = 'redeem' "
        "GROUP BY code ORDER BY MIN(id)", (orig,))]
    for lot, pt, delta, kind in conn.execute(
            "SELECT lot_id, point_type, delta, kind FROM point_ledger WHERE event_id = ? AND kind IN ('earn', 'burn') ORDER BY id",
            (orig,)):
        (facts.earned if kind == "earn" else facts.burnt).append((lot, pt, delta if kind == "earn" else -delta))
    for body, in conn.execute(f"SELECT payload FROM {events_all()} WHERE type = 'return' AND status != 'rejected' "
                              "AND json_extract(payload, '$.sale_event_id') = ? ORDER BY visible_seq, received_at", (orig,)):
        earlier = sale_payload(body)
        facts.return_ids.add(str(earlier.get("return_id")))
        facts.earlier.append({ln["line_id"]: ln["quantity"] for ln in earlier.get("lines") or []})
    for lot_id in {m[0] for m in facts.earned + facts.burnt}:
        if (lot := store.get("point_lot", lot_id)) is not None:
            facts.lots[lot_id] = lot
    member = facts.sale["payload"].get("member_id")
    if isinstance(member, str):
        for lot in store.lots(member):
            facts.lots.setdefault(lot["lot_id"], lot)
        if (row := store.get("member_purchases", member)) is not None:  # its spend towards visit gifts
            facts.purchases = row
            facts.visit_gifts = visit_gifts(store)
    spends = conn.execute("SELECT account_id, amount FROM value_ledger WHERE event_id = ? AND kind = 'spend' ORDER BY id",
                          (orig,)).fetchall()
    if spends:  # stored value / gift cards the sale spent, as the server booked them (locks those accounts)
        from sync.server.value_facts import value_facts

        facts.value_spends = [(a, -amount) for a, amount in spends]
        facts.value = value_facts(store, env, sorted({a for a, _ in spends}))
    probe = _probe(store)
    facts.templates = _cached(store, "coupon_template", lambda b: template_from_json(b["body"]), probe)
    facts.categories = {sku: prod.category_id for sku, prod in _cached(store, "product", _product, probe).items()}
    return facts


