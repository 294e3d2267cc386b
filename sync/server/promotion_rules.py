"""Re-judging the automatic promotions a settlement claims (pure; part of `sync.server.rules`).

The server applies the central catalog's promotions to the payload's basket with the same pure
code the counter used (`terminal/domain/promotions.py`), for the sale's member, store and time,
and books for each claimed promotion at most what the rules give (docs/sync.md, "Judgement"):

* claimed <= the rules' figure: booked as claimed;
* claimed > the rules' figure (0 when the rules give nothing, the promotion is unknown, outside
  its window, another store's or tier's): the rules' figure is booked and a `quarantined`
  conflict (`promotion_exceeds_rules`) names the claim and the figure;
* a malformed entry (not an object, no id, a discount that is not a natural number) or a
  promotion listed twice: `quarantined` (`malformed_promotion` / `repeated_promotion`), not booked.

Money is integer minor units. Raises nothing.
"""

from __future__ import annotations

from datetime import datetime

from terminal.domain.models import Basket, Member, Store
from terminal.domain.promotions import Promotion, apply_promotions

MAX_PROMOTIONS = 50  # entries of one payload judged; the rest are quarantined unread


def server_promotions(basket: Basket, promotions: tuple[Promotion, ...], *, store: Store, member: Member | None,
                      at: datetime) -> dict[str, int]:
    """{promotion id: discount} the rules give this basket (gross lines), as the counter computes it."""
    rem = {ln.line_id: ln.gross for ln in basket.lines}
    free = {ln.line_id: 0 for ln in basket.lines}
    unit = {ln.line_id: ln.unit_price for ln in basket.lines}
    return {u.promotion_id: u.discount
            for u in apply_promotions(basket, promotions, rem, free, unit, store=store, member=member, at=at)}


def judge_promotions(claimed: object, basket: Basket | None, promotions: tuple[Promotion, ...], *, store: Store | None,
                     member: Member | None, at: datetime, quarantine) -> tuple[list[dict], list[dict]]:
    """(rows to book [{promotion_id, discount, units}], conflicts). `quarantine` builds a conflict
    (sync.server.rules.quarantine)."""
    rows = claimed if isinstance(claimed, list) else []
    conflicts: list[dict] = []
    if claimed is not None and not isinstance(claimed, list):
        conflicts.append(quarantine("malformed_promotion", "payload.promotions is not a list: no promotion booked.",
                                    subject=None))
    allowed = server_promotions(basket, promotions, store=store, member=member, at=at) \
        if basket is not None and store is not None else {}
    booked: list[dict] = []
    seen: set[str] = set()
    for i, r in enumerate(rows):
        if i >= MAX_PROMOTIONS:
            conflicts.append(quarantine("malformed_promotion", f"More than {MAX_PROMOTIONS} promotions listed: the rest "
                                        "were not booked.", subject=None, claimed=len(rows)))
            break
        pid = r.get("promotion_id") if isinstance(r, dict) else None
        disc = r.get("discount") if isinstance(r, dict) else None
        if not (isinstance(pid, str) and 0 < len(pid) <= 64) or not (isinstance(disc, int) and not isinstance(disc, bool)
                                                                      and 0 <= disc <= 100_000_000):
            conflicts.append(quarantine("malformed_promotion", f"payload.promotions[{i}] is malformed: not booked.",
                                        subject=pid if isinstance(pid, str) else None))
            continue
        if pid in seen:
            conflicts.append(quarantine("repeated_promotion", f"Promotion {pid} is listed more than once: only its first "
                                        "entry is booked.", subject=pid, claimed=disc))
            continue
        seen.add(pid)
        units = r.get("units") if isinstance(r.get("units"), int) and not isinstance(r.get("units"), bool) else 0
        bound = allowed.get(pid, 0)
        if disc > bound:
            conflicts.append(quarantine("promotion_exceeds_rules", f"Promotion {pid}: discount {disc} claimed, the "
                                        f"promotions give {bound} on this basket; {bound} booked.", subject=pid,
                                        claimed=disc, server=bound, booked="server_figure" if bound else "not_booked"))
            disc = bound
        if disc > 0:
            booked.append({"promotion_id": pid, "discount": disc, "units": max(0, min(units, 100_000))})
    return booked, conflicts
