"""Stored value and gift cards on the server: fetch what an event names, then judge (pure,
`sync.server.value_judge`), for the three event types that move value:

    value_topup   (fetch_topup, judge_topup)                      its own event
    value_topup_void (fetch_topup_void, judge_topup_void)         the exact reversal of a top-up the server booked
    settlement    (fetch_settlement, judge_settlement_with_value) the settlement's judgement + its value payments
    void          (fetch_void, judge_void_with_value)             the void's reversal + the original's value rows reversed

`JUDGES` (sync/server/intake.py) holds these pairs. Reads happen on the writer connection inside
the event's transaction, after advisory locks on each named account (PostgreSQL; `value:<id>`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from terminal.catalog import TopupBonusIn, ValueProgramIn, to_topup_bonus, to_value_program
from terminal.domain import models as m

from sync.server.archive import events_all
from sync.server import facts as fetch
from sync.server.judge import Facts, Verdict, judge_settlement, judge_void
from sync.server.value_judge import ValueFacts, judge_value_payments, judge_value_void
from sync.server.value_topup_judge import judge_topup, judge_topup_void

if TYPE_CHECKING:
    from sync.server.store import CentralStore

MAX_NAMED = 16  # accounts one event may name (10 payments at the counter)


def _ids(v: Any) -> list[str]:
    if not isinstance(v, list):
        return []
    return [x["account_id"] for x in v[:MAX_NAMED] if isinstance(x, dict) and isinstance(x.get("account_id"), str)
            and len(x["account_id"]) <= 64]


def value_facts(store: CentralStore, env: dict, account_ids: list[str]) -> ValueFacts:
    currency = store.get("meta", "currency")
    vf = ValueFacts(now=store.clock(), currency=(currency or {}).get("value", "TWD") if isinstance(currency, dict) else "TWD")
    s = store.get("store", env["store_id"])
    if isinstance(s, dict):
        vf.store = m.Store(s["id"], s["brand_id"], s["name"], s.get("timezone", "Asia/Taipei"))
    store.lock_keys(*[f"value:{a}" for a in account_ids])
    for aid in account_ids:
        vf.accounts[aid] = store.get("value_account", aid)
    for (body,) in store.conn.execute("SELECT body FROM entities WHERE kind = 'value_program' AND deleted = 0"):
        p = to_value_program(ValueProgramIn.model_validate_json(json.loads(body)["body"]))
        vf.programs[p.id] = p
    vf.bonuses = tuple(to_topup_bonus(TopupBonusIn.model_validate_json(json.loads(b)["body"])) for (b,) in store.conn.execute(
        "SELECT body FROM entities WHERE kind = 'topup_bonus' AND deleted = 0 ORDER BY key"))
    vf.allowances = store.allowances({})
    return vf


def _member_points(store: CentralStore, vf: ValueFacts, member_id) -> None:
    """A points bonus's facts: the point types (expiry) and every lot of the wallet's member (debts)."""
    vf.point_types = fetch._cached(store, "point_type", fetch._point_type, fetch._probe(store))
    if isinstance(member_id, str):
        vf.lots = {lot["lot_id"]: lot for lot in store.lots(member_id)}


def fetch_topup(store: CentralStore, env: dict) -> ValueFacts:
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    aid = p.get("account_id")
    vf = value_facts(store, env, [aid] if isinstance(aid, str) and len(aid) <= 64 else [])
    body = vf.accounts.get(aid) if isinstance(aid, str) else None
    if body is not None and body.get("member_id") and any(b.bonus_points for b in vf.bonuses):
        _member_points(store, vf, body["member_id"])
    tid = p.get("topup_id")
    if isinstance(tid, str) and len(tid) <= 64:
        r = store.conn.execute("SELECT event_id FROM value_ledger WHERE topup_id = ? AND store_id = ? AND terminal_id = ? "
                               "AND kind = 'topup' LIMIT 1", (tid, env["store_id"], env["terminal_id"])).fetchone()
        vf.topup_booked_as = r[0] if r else None
    return vf


def fetch_settlement(store: CentralStore, env: dict):
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    facts = fetch.settlement_facts(store, env)  # first, as before (the order its locks are taken in)
    vf = value_facts(store, env, _ids(p.get("value_payments")))
    if isinstance(p.get("value_payments"), list) and any(isinstance(v, dict) and v.get("code") for v in p["value_payments"]):
        vf.signatures = fetch.issuer_keyring(store)  # signed gift-card codes are verified again
    return facts, vf


def judge_settlement_with_value(env: dict, both) -> Verdict:
    facts, vf = both
    verdict = judge_settlement(env, facts)
    override = any(c.get("kind") == "allowance_overridden" for c in verdict.conflicts)
    judge_value_payments(env, vf, verdict, override=override)
    return verdict


def fetch_void(store: CentralStore, env: dict):
    from sync.server.member_value_facts import void_facts  # what an exchange issued / a claim booked, too

    facts = void_facts(store, env)
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    rows = []
    if isinstance(p.get("voids_event_id"), str):
        rows = [{"account_id": r[0], "program_id": r[1], "amount": r[2], "kind": r[3]} for r in store.conn.execute(
            "SELECT account_id, program_id, amount, kind FROM value_ledger WHERE event_id = ? AND kind IN ('spend','topup','bonus') "
            "ORDER BY id", (p["voids_event_id"],))]
    vf = value_facts(store, env, sorted({r["account_id"] for r in rows}))
    vf.original_value = rows
    return facts, vf


def judge_void_with_value(env: dict, both) -> Verdict:
    facts, vf = both
    verdict = judge_void(env, facts)
    judge_value_void(env, vf, verdict)
    return verdict


def fetch_topup_void(store: CentralStore, env: dict) -> ValueFacts:
    """The voided top-up event, the value rows the server booked for it, whether it was voided already, the manager."""
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    orig_id = p.get("voids_event_id")
    rows, original = [], None
    if isinstance(orig_id, str) and len(orig_id) <= 64:
        r = store.conn.execute(f"SELECT store_id, type, status, payload FROM {events_all()} WHERE event_id = ?", (orig_id,)).fetchone()
        if r is not None:
            original = {"store_id": r[0], "type": r[1], "status": r[2], "payload": r[3]}
            rows = [{"account_id": x[0], "program_id": x[1], "amount": x[2], "kind": x[3]} for x in store.conn.execute(
                "SELECT account_id, program_id, amount, kind FROM value_ledger WHERE event_id = ? AND kind IN ('topup','bonus') "
                "ORDER BY id", (orig_id,))]
    vf = value_facts(store, env, sorted({x["account_id"] for x in rows}))
    vf.original, vf.original_value = original, rows
    if rows:  # its points bonus, as the server booked it
        vf.original_points = [dict(zip(("member_id", "lot_id", "point_type", "delta"), x)) for x in store.conn.execute(
            "SELECT member_id, lot_id, point_type, delta FROM point_ledger WHERE event_id = ? AND kind = 'earn' ORDER BY id",
            (orig_id,))]
        if vf.original_points:
            _member_points(store, vf, vf.original_points[0]["member_id"])
    if rows:  # voided: a top-up void of this very event was accepted (top-up ids are only unique per terminal)
        vf.already_voided = store.conn.execute(
            f"SELECT 1 FROM {events_all()} WHERE type = 'value_topup_void' AND status != 'rejected' "
            "AND json_extract(payload, '$.voids_event_id') = ? LIMIT 1", (orig_id,)).fetchone() is not None
    facts = Facts(epoch=store.epoch, now=store.clock())
    fetch.staff_facts(store, facts, p.get("manager_id"))
    vf.manager = facts.manager
    return vf


JUDGES = {"value_topup": (fetch_topup, judge_topup), "value_topup_void": (fetch_topup_void, judge_topup_void), "settlement": (fetch_settlement, judge_settlement_with_value),
          "void": (fetch_void, judge_void_with_value)}
