"""A member's purchase history as this terminal knows it (issue 16, section 3).

The server's count (`member_purchases` rows of the feed: every purchase it has booked for the
member, in the member's store slice) overlaid with this terminal's own settlements the feed
does not reflect yet (outbox `reflected = 0`; sales only: an exchange, a claim or a visit gift is no purchase): a sale made here offline counts at once, and a
local void of a sale the server already counted takes it off again. Read-only.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from terminal.domain.history import PurchaseHistory


def purchase_history(conn: sqlite3.Connection, member_id: str) -> PurchaseHistory:
    """The member's purchases (not voided) known here: the replica's row plus the local overlay.
    Times are the stored UTC-aware ISO texts parsed back."""
    row = conn.execute("SELECT purchases, first_purchase_at FROM member_purchases WHERE member_id = ?", (member_id,)).fetchone()
    purchases = row[0] if row else 0
    first = datetime.fromisoformat(row[1]) if row and row[1] else None
    hist = PurchaseHistory(max(0, purchases), first if purchases > 0 else None)
    # sales made here and not yet in the server's count (their void, if any, not counted either)
    for (at,) in conn.execute(
            """SELECT s.settled_at FROM settlements s JOIN outbox o ON o.event_id = s.event_id
               WHERE s.member_id = ? AND s.kind = 'sale' AND o.reflected = 0
               AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.checkout_id = s.checkout_id)""", (member_id,)):
        hist = hist.plus(datetime.fromisoformat(at))
    # voids made here of sales the server has counted, the void itself not yet reflected
    (voided,) = conn.execute(
        """SELECT COUNT(*) FROM voids v JOIN settlements s ON s.checkout_id = v.checkout_id
           JOIN outbox so ON so.event_id = s.event_id JOIN outbox vo ON vo.event_id = v.event_id
           WHERE s.member_id = ? AND s.kind = 'sale' AND so.reflected = 1 AND vo.reflected = 0""", (member_id,)).fetchone()
    for _ in range(voided):
        hist = hist.minus()
    return hist
