"""The member's purchase count the server keeps and sends (issue 16, section 3): pure code.

One `member_purchases` entity per member (key: member id, `member_id` set, so it travels with the
member's store slice, sync/server/slices.py), body::

    {"member_id": "M1", "purchases": 2, "first_purchase_at": "2026-11-30T02:00:00+00:00",
     "first_event_id": "...", "first_store_id": "S1", "first_terminal_id": "T1"}

`purchases` counts the member's booked settlements, voided ones taken off again; the `first_*`
fields name the first purchase booked (kept when a later one is voided; cleared when none is
left): the judge uses them to tell a terminal that knew of an earlier purchase (its own, or one
visible at its cursor) from one that could not (docs/sync.md, "first_purchase_repeated").
Terminals keep `member_id`, `purchases` and `first_purchase_at` (terminal/storage/member_history.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from terminal.domain.history import PurchaseHistory

KIND = "member_purchases"


def history_of(body: dict | None) -> PurchaseHistory:
    """The domain's view of a stored row (None or malformed: no purchase)."""
    if not isinstance(body, dict):
        return PurchaseHistory()
    n = body.get("purchases")
    at = body.get("first_purchase_at")
    try:
        first = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        first = None
    return PurchaseHistory(n if isinstance(n, int) and not isinstance(n, bool) and n > 0 else 0, first)


def count_purchase(body: dict | None, member_id: str, at: datetime, ctx: dict) -> dict:
    """The row after one more booked purchase of `member_id` at `at` (the judged time, aware); `ctx`
    names the event ("event_id", "store_id", "terminal_id")."""
    before = history_of(body)
    after = before.plus(at)
    new = {**(body or {}), "member_id": member_id, "purchases": after.purchases,
           "first_purchase_at": after.first_purchase_at.isoformat() if after.first_purchase_at else None}
    if before.purchases == 0:
        new.update(first_event_id=ctx["event_id"], first_store_id=ctx["store_id"], first_terminal_id=ctx["terminal_id"])
    return new


def uncount_purchase(body: dict | None, member_id: str) -> dict:
    """The row after a voided purchase was taken off `member_id`'s count."""
    after = history_of(body).minus()
    new = {**(body or {}), "member_id": member_id, "purchases": after.purchases,
           "first_purchase_at": after.first_purchase_at.isoformat() if after.first_purchase_at else None}
    if after.purchases == 0:
        new.update(first_event_id=None, first_store_id=None, first_terminal_id=None)
    return new


# ---- visit gifts (來店禮): the member's qualifying spend and claims, in the same row ------------------------
# body["visit_gifts"] is JSON text (terminals keep it as it comes, like giveaway claim times):
#   {"spend": {gift id: minor units}, "claims": {gift id: {"event_id", "at", "store_id"}},
#    "sales": {sale event id: {gift id: what it still counts}}}
# `sales` makes a void or a return take off exactly what its sale added (terminal/domain/visit_gift.py); the
# detail of gifts whose claim window closed more than SALES_KEPT ago is dropped at the member's next sale (prune_sales).

def gifts_of(body: dict | None) -> dict:
    """The parsed visit-gift part of a row (malformed or missing: empty)."""
    import json

    raw = body.get("visit_gifts") if isinstance(body, dict) else None
    try:
        v = json.loads(raw) if isinstance(raw, str) else {}
    except ValueError:
        v = {}
    v = v if isinstance(v, dict) else {}
    return {k: v.get(k) if isinstance(v.get(k), dict) else {} for k in ("spend", "claims", "sales")}


def _with(body: dict | None, member_id: str, g: dict) -> dict:
    import json

    base = body or {"member_id": member_id, "purchases": 0, "first_purchase_at": None}
    return {**base, "member_id": member_id, "visit_gifts": json.dumps(g, sort_keys=True, separators=(",", ":"))}


def booked_total(p: dict, max_amount: int) -> int:
    """A settlement payload's total as the server counts spend: the claim bounded by what its lines
    cost (0 .. cost; a terminal's claim cannot inflate a member's spend beyond its basket)."""
    cost = 0
    for ln in p.get("lines") if isinstance(p.get("lines"), list) else []:
        if isinstance(ln, dict):
            price, qty = ln.get("unit_price"), ln.get("quantity")
            if all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (price, qty)):
                cost += price * qty
    t = p.get("total")
    return min(t, cost, max_amount) if isinstance(t, int) and not isinstance(t, bool) and t > 0 else 0


def add_sale_spend(body: dict | None, member_id: str, event_id: str, deltas: dict[str, int]) -> dict | None:
    """The row after a booked sale added `deltas` ({gift id: total}); None: nothing to change."""
    if not deltas:
        return None
    g = gifts_of(body)
    for gid, amount in deltas.items():
        g["spend"][gid] = int(g["spend"].get(gid, 0)) + amount
    g["sales"][event_id] = dict(deltas)
    return _with(body, member_id, g)


SALES_KEPT = timedelta(days=31)  # after a gift's claim window: a late void/return still takes its sale's spend off


def prune_sales(body: dict | None, member_id: str, gifts, now: datetime) -> dict | None:
    """The row without the per-sale detail (`sales`) of gifts (VisitGift) whose claim window closed more
    than SALES_KEPT before `now` (the server's clock): the row every terminal of the member's stores
    pulls grew by one entry per sale for ever (a regular's two coffees a day: ~50 KB a year, re-sent on
    each sale). The totals (`spend`) and claims stay; a void or return of such a sale changes no spend
    any more (its gift can no longer be claimed). None: nothing to drop."""
    g = gifts_of(body)
    ended = {gift.id for gift in gifts if gift.claim_ends + SALES_KEPT < now}
    if not ended or not any(isinstance(v, dict) and ended & v.keys() for v in g["sales"].values()):
        return None
    sales = {}
    for eid, counted in g["sales"].items():
        left = {gid: v for gid, v in counted.items() if gid not in ended} if isinstance(counted, dict) else {}
        if left:
            sales[eid] = left
    g["sales"] = sales
    return _with(body, member_id, g)


def take_sale_spend(body: dict | None, member_id: str, sale_event_id: str, amount: int | None) -> dict | None:
    """The row after a void (`amount` None: all the sale still counts) or a return refunding `amount`
    of the sale: each gift it counted for loses that much (never more than the sale still counts)."""
    g = gifts_of(body)
    counted = g["sales"].get(sale_event_id)
    if not isinstance(counted, dict) or not counted:
        return None
    left = {}
    for gid, was in counted.items():
        take = was if amount is None else min(was, amount)
        g["spend"][gid] = int(g["spend"].get(gid, 0)) - take
        if was - take > 0:
            left[gid] = was - take
    if left:
        g["sales"][sale_event_id] = left
    else:
        g["sales"].pop(sale_event_id)
    return _with(body, member_id, g)


def gift_progress(body: dict | None, gift):
    """The domain's GiftProgress of `gift` from a row."""
    from terminal.domain.visit_gift import GiftProgress

    g = gifts_of(body)
    claim = g["claims"].get(gift.id)
    at = None
    if isinstance(claim, dict) and isinstance(claim.get("at"), str):
        try:
            at = datetime.fromisoformat(claim["at"])
        except ValueError:
            at = None
    spent = g["spend"].get(gift.id, 0)
    return GiftProgress(gift, spent if isinstance(spent, int) else 0, at)


def add_claim(body: dict | None, member_id: str, gift_id: str, claim: dict) -> dict:
    g = gifts_of(body)
    g["claims"][gift_id] = claim
    return _with(body, member_id, g)


def remove_claim(body: dict | None, member_id: str, gift_id: str, event_id: str) -> dict | None:
    g = gifts_of(body)
    c = g["claims"].get(gift_id)
    if not isinstance(c, dict) or c.get("event_id") != event_id:
        return None
    g["claims"].pop(gift_id)
    return _with(body, member_id, g)


def withdrawn_claims(before: dict | None, after: dict | None, gifts, member_id: str, ctx: dict) -> list[dict]:
    """Conflicts `visit_gift_spend_withdrawn` (decision `gift_kept`) for each gift of `gifts` (VisitGift)
    the member has claimed whose qualifying spend a void or return (`before` -> `after` rows) took
    below its threshold: the reversal is booked (the money went back at the counter) and the gift stays
    with the member, but the store's manager sees it (a sale voided after the gift it earned was given).
    `amount` = the spend now short (minor units); details: gift_id, spent, threshold, short, claim_event_id."""
    if after is None:
        return []
    was, now = gifts_of(before), gifts_of(after)
    out = []
    for gift in gifts:
        claim = now["claims"].get(gift.id)
        spent, spent_before = now["spend"].get(gift.id, 0), was["spend"].get(gift.id, 0)
        if not isinstance(claim, dict) or not isinstance(spent, int) or not isinstance(spent_before, int):
            continue
        if spent < gift.threshold and spent < spent_before:
            short = gift.threshold - spent
            out.append({"kind": "visit_gift_spend_withdrawn", "decision": "gift_kept", "subject": member_id, "amount": short,
                        "message": f"Visit gift {gift.id} was claimed for member {member_id} (event {str(claim.get('event_id'))[:64]}); "
                                   f"{ctx['store_id']}/{ctx['terminal_id']} took back {spent_before - spent} of the spend it stood on: "
                                   f"{spent} of {gift.threshold} left ({short} short). The gift stays given.",
                        "details": {"gift_id": gift.id, "spent": spent, "threshold": gift.threshold, "short": short,
                                    "claim_event_id": claim.get("event_id"), **ctx}})
    return out
