"""Fetching for a visit gift claim (來店禮; judged by sync.server.visit_gifts, pure).

    visit_gift_facts(store, env) -> Facts   member, store, allowances (as for a giveaway claim), and
        value["visit_gift"] (the catalog's gift), value["template"] (its voucher's template),
        value["code_taken"], value["own_claims"] (visible_seq of this terminal's earlier claims of the
        gift in `events`: the offline allowance; archived events are older than any unsynced window), facts.purchases (the member's `member_purchases` row: spend
        and claims, chain-wide)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from terminal.catalog import template_from_json, visit_gift_from_json
from terminal.domain.visit_gift import gift_code

from sync.server import facts as base
from sync.server.judge import Facts
from sync.server.member_value_facts import _common

if TYPE_CHECKING:
    from sync.server.store import CentralStore


def visit_gift_facts(store: CentralStore, env: dict) -> Facts:
    facts, p = _common(store, env)
    gid = p.get("gift_id")
    if isinstance(gid, str) and len(gid) <= 200 and (g := store.get("visit_gift", gid)) is not None:
        gift = visit_gift_from_json(g["body"])
        facts.value["visit_gift"] = gift
        if gift.template_id is not None and (t := store.get("coupon_template", gift.template_id)) is not None:
            facts.value["template"] = template_from_json(t["body"])
        facts.value["own_claims"] = [v for (v,) in store.conn.execute(
            """SELECT e.visible_seq FROM events e WHERE e.type = 'visit_gift_claim' AND e.status <> 'rejected'
                AND e.store_id = ? AND e.terminal_id = ? AND json_extract(e.payload, '$.gift_id') = ?""",
            (env["store_id"], env["terminal_id"], gid)) if v is not None]
    facts.value["code_taken"] = store.get("coupon", gift_code(env["event_id"])) is not None
    if facts.member is not None:
        base.purchase_facts(store, facts, p.get("member_id"))
    return facts
