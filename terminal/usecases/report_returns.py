"""The daily report's returns (issue 15, section 5): how many partial returns a store's terminal
recorded on a local day, the money refunded and the points taken back and given back, by the
day the return happened (like voids: a day's figures never change once it is over)."""

from __future__ import annotations

from typing import Any


def returns_summary(conn, *, store_id: str, lo: str, hi: str) -> dict[str, Any]:
    """{"count", "refunded" (minor units), "points_clawed", "points_returned" ({point type: points})}
    of the returns of `store_id`'s sales recorded in [lo, hi) (UTC ISO bounds)."""
    r = conn.execute("""SELECT COUNT(*), COALESCE(SUM(r.refund), 0) FROM returns r JOIN settlements s ON s.checkout_id = r.checkout_id
                        WHERE s.store_id = ? AND r.returned_at >= ? AND r.returned_at < ?""", (store_id, lo, hi)).fetchone()
    clawed, back = {}, {}
    for pt, kind, delta in conn.execute(
            """SELECT pl.point_type, pl.kind, SUM(pl.delta) FROM point_ledger pl JOIN settlements s ON s.checkout_id = pl.checkout_id
               WHERE s.store_id = ? AND pl.kind IN ('return_earn', 'return_burn') AND pl.at >= ? AND pl.at < ?
               GROUP BY pl.point_type, pl.kind ORDER BY pl.point_type""", (store_id, lo, hi)):
        if kind == "return_earn":
            clawed[pt] = -delta
        else:
            back[pt] = delta
    return {"count": r[0], "refunded": r[1], "points_clawed": clawed, "points_returned": back}
