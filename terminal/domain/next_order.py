"""Next-order coupons (issue 16 section 3): a settlement that meets a template's `issue_after`
condition issues a coupon of it for a later visit. Pure: the terminal prints the codes on the
receipt, the server issues the same instances when it books the settlement (sync/server/judge.py).

The code is derived from the settlement's event id and the template id (`next_order_code`), so
the terminal and the server name the same coupon without talking, and one settlement never
issues a template twice. Validity: from the start of the next store-local day, for `valid_days`
days (the instant stored is aware; the store's zone decides the day).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .clock import in_window, local, zone
from .models import CouponTemplate, Member, Store

CODE_PREFIX = "NX-"


@dataclass(frozen=True, slots=True)
class NextOrderCoupon:
    code: str
    template_id: str
    name: str
    member_id: str
    valid_from: datetime  # aware, start of the next store-local day
    valid_until: datetime  # aware, exclusive


def next_order_code(event_id: str, template_id: str) -> str:
    """`NX-` + 16 upper-case hex digits of SHA-256("<event id>:<template id>")."""
    return CODE_PREFIX + hashlib.sha256(f"{event_id}:{template_id}".encode()).hexdigest()[:16].upper()


def next_order_coupons(templates: dict[str, CouponTemplate] | list[CouponTemplate], *, total: int, member: Member | None,
                       store: Store, at: datetime, event_id: str) -> tuple[NextOrderCoupon, ...]:
    """The coupons a settlement paying `total` (minor units) at `at` (aware) earns: one per template
    with `issue_after` whose `min_total` it reaches, valid at `at` and in scope at `store`; none without
    a member. Sorted by template id."""
    if member is None:
        return ()
    items = templates.values() if isinstance(templates, dict) else templates
    start = datetime.combine(local(at, store.timezone).date() + timedelta(days=1), time.min, tzinfo=zone(store.timezone))
    out = []
    for t in sorted(items, key=lambda t: t.id):
        rule = t.issue_after
        if rule is None or total < rule.min_total or not in_window(at, t.valid_from, t.valid_until):
            continue
        if (t.brands and store.brand_id not in t.brands) or (t.stores and store.id not in t.stores):
            continue
        until = datetime.combine(start.date() + timedelta(days=rule.valid_days), time.min, tzinfo=zone(store.timezone))
        out.append(NextOrderCoupon(next_order_code(event_id, t.id), t.id, t.name, member.id, start, until))
    return tuple(out)
