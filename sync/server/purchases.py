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

from datetime import datetime

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
