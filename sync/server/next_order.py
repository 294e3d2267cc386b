"""Next-order coupons issued by the server when it books a settlement (issue 16 section 3): pure.

The rule is the terminal's (`terminal.domain.next_order`): the same codes, derived from the
settlement's event id, so what the receipt printed is what the member holds after sync. The
total judged is the payload's `total` bounded by its lines' nets (each at most its line's gross,
`rules.basket_of`): a claimed total cannot earn a coupon its basket did not. A settlement the
server rejects issues nothing; its void voids what it issued (`voided_next_order`).
"""

from __future__ import annotations

from datetime import datetime

from sync.server.rules import RuleFacts, basket_of
from terminal.domain.next_order import next_order_code, next_order_coupons


def judged_total(p: dict, rf: RuleFacts) -> int:
    """min(claimed total, sum of the lines' nets); 0 for a malformed basket or total."""
    made = basket_of(p, rf.products)
    t = p.get("total")
    if made is None or not isinstance(t, int) or isinstance(t, bool) or t < 0:
        return 0
    return min(t, sum(made[1].values()))


def issued_next_order(p: dict, rf: RuleFacts, *, event_id: str, at: datetime) -> list[dict]:
    """Central coupon bodies for the next-order coupons this settlement earns (none without a
    member or a store). `at`: the judged time (aware)."""
    if rf.member is None or rf.store is None:
        return []
    out = []
    for c in next_order_coupons(rf.templates, total=judged_total(p, rf), member=rf.member, store=rf.store, at=at,
                                event_id=event_id):
        tpl = rf.templates[c.template_id]
        out.append({"code": c.code, "template_id": c.template_id, "member_id": c.member_id, "plain_code": None,
                    "total_uses": tpl.uses, "used_uses": 0, "status": "active", "valid_from": c.valid_from.isoformat(),
                    "valid_until": c.valid_until.isoformat(), "issued_at": at.isoformat(), "parent_code": None,
                    "issued_by_event": event_id})
    return out


def next_order_codes(event_id: str, template_ids) -> list[str]:
    """Every code a settlement could have issued (one per template with `issue_after`)."""
    return [next_order_code(event_id, t) for t in sorted(template_ids)]


def voided_next_order(coupons: dict[str, dict | None], event_id: str) -> list[dict]:
    """The coupon bodies a void of settlement `event_id` voids: those it issued, not voided yet."""
    return [{**b, "status": "voided"} for b in coupons.values()
            if isinstance(b, dict) and b.get("issued_by_event") == event_id and b.get("status") != "voided"]
