"""Fetch, before judging: everything a pushed event names, read on the writer connection inside
the event's transaction, into a `sync.server.judge.Facts`.

Each function reads only rows named by the event (its member, codes, templates, lot ids,
original event, conflict) plus the member's lots: a settlement costs a handful of indexed reads.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sync.server.judge import Facts

if TYPE_CHECKING:
    from sync.server.store import CentralStore

_FIRST_COLS = ("event_id", "store_id", "terminal_id", "checkout_id", "discount", "at")


def _dicts(v) -> list[dict]:
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _strs(rows: list[dict], key: str) -> list[str]:
    return [x[key] for x in rows if isinstance(x.get(key), str)]


def coupon_facts(store: CentralStore, facts: Facts, codes: list[str], template_ids: list[str]) -> None:
    """Coupon rows, central voids and first redemptions of `codes`; template bodies of `template_ids`."""
    conn = store.conn
    for code in codes:
        if code in facts.coupons:
            continue
        facts.coupons[code] = store.get("coupon", code)
        v = conn.execute("SELECT seq, reason, at FROM coupon_voids WHERE code = ?", (code,)).fetchone()
        if v is not None:
            facts.voids[code] = {"seq": v[0], "reason": v[1], "at": v[2]}
        first = conn.execute(f"SELECT {', '.join(_FIRST_COLS)} FROM coupon_ledger WHERE code = ? AND kind = 'redeem' "
                             "ORDER BY id LIMIT 1", (code,)).fetchone()
        if first is not None:
            facts.first_redemptions[code] = dict(zip(_FIRST_COLS, first))
    for tid in template_ids:
        if tid not in facts.templates and (tpl := store.get("coupon_template", tid)) is not None:
            facts.templates[tid] = json.loads(tpl["body"])


def lot_facts(store: CentralStore, facts: Facts, member_id: str | None, lot_ids: list[str]) -> None:
    """Every lot of the member, and each named lot (which may belong to someone else)."""
    if isinstance(member_id, str):
        for lot in store.lots(member_id):
            facts.lots[lot["lot_id"]] = lot
    for lot_id in lot_ids:
        if lot_id not in facts.lots and (lot := store.get("point_lot", lot_id)) is not None:
            facts.lots[lot_id] = lot


def settlement_facts(store: CentralStore, env: dict) -> Facts:
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    facts = Facts(epoch=store.epoch, now=store.clock())
    member_id = p.get("member_id")
    if isinstance(member_id, str):
        facts.member = store.get("member", member_id)
    coupons = _dicts(p.get("coupons"))
    coupon_facts(store, facts, _strs(coupons, "code"), [str(c.get("template_id")) for c in coupons])
    moves = _dicts(p.get("burns")) + _dicts(p.get("earns"))
    lot_facts(store, facts, member_id, _strs(moves, "lot_id"))
    facts.point_types = frozenset(pt for pt in set(_strs(moves, "point_type")) if store.get("point_type", pt) is not None)
    return facts


def void_facts(store: CentralStore, env: dict) -> Facts:
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    facts = Facts(epoch=store.epoch, now=store.clock())
    orig_id = p.get("voids_event_id")
    if not isinstance(orig_id, str):
        return facts
    r = store.conn.execute("SELECT store_id, status, payload FROM events WHERE event_id = ?", (orig_id,)).fetchone()
    if r is None:
        return facts
    facts.original = {"store_id": r[0], "status": r[1], "payload": r[2]}
    facts.already_voided = store.conn.execute(
        "SELECT 1 FROM events WHERE type = 'void' AND status != 'rejected' AND json_extract(payload, '$.voids_event_id') = ?",
        (orig_id,)).fetchone() is not None
    coupon_facts(store, facts, _strs(_dicts(p.get("coupons")), "code"), [])
    lot_facts(store, facts, json.loads(r[2]).get("member_id"), _strs(_dicts(p.get("points")), "lot_id"))
    return facts


def resolution_facts(store: CentralStore, env: dict) -> Facts:
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    facts = Facts(epoch=store.epoch, now=store.clock())
    if not (isinstance(p.get("conflict_event_id"), str) and isinstance(p.get("kind"), str)):
        return facts
    row = store.conn.execute(
        "SELECT id, store_id, amount, resolved_at FROM conflicts WHERE event_id = ? AND kind = ? ORDER BY id LIMIT 1",
        (p["conflict_event_id"], p["kind"])).fetchone()
    if row is None:
        return facts
    ev = store.conn.execute("SELECT payload FROM events WHERE event_id = ?", (p["conflict_event_id"],)).fetchone()
    facts.conflict = {"id": row[0], "store_id": row[1], "amount": row[2], "resolved_at": row[3],
                      "member_id": json.loads(ev[0]).get("member_id") if ev else None}
    return facts
