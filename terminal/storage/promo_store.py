"""Replica reads of campaigns grouping shared promo codes (issue 16 section 2; migration 0015).

    SCHEMA                                   the migration's statements
    import_promo_campaigns(conn, cat)        a catalog file's `promo_campaigns` (fresh replica)
    campaign_state(conn, templates, campaign_id) -> CampaignState | None
        the campaign as the server last said (`promo_campaign_tallies`, a pulled `promo_campaign_tally`
        row: uses and discount of all its codes chain-wide) plus this terminal's uses of its codes whose
        events the replica does not reflect yet
    with_campaign(conn, templates, inst) -> CouponInstance   the instance with `campaign` set (its
        template's `shared_campaign`), unchanged otherwise

`templates`: {id: CouponTemplate} (Replica.catalog()["templates"]). Read-only; SQL lives here.
"""

from __future__ import annotations

import dataclasses

from terminal.catalog import CatalogIn, promo_campaign_from_json
from terminal.domain.models import CouponInstance, CouponTemplate
from terminal.domain.promo_campaign import CampaignState

SCHEMA = [
    # catalog objects: {id, name, budget, cap} as JSON (pulled like coupon templates)
    """CREATE TABLE promo_campaigns (id TEXT PRIMARY KEY, body TEXT NOT NULL)""",
    # what the server has booked of each campaign over all its codes, chain-wide
    """CREATE TABLE promo_campaign_tallies (campaign_id TEXT PRIMARY KEY, uses INTEGER NOT NULL, discount_given INTEGER NOT NULL)""",
]


def import_promo_campaigns(conn, cat: CatalogIn) -> None:
    conn.execute("DELETE FROM promo_campaigns")
    conn.executemany("INSERT INTO promo_campaigns(id, body) VALUES (?, ?)", [(c.id, c.model_dump_json()) for c in cat.promo_campaigns])


def campaign_state(conn, templates: dict[str, CouponTemplate], campaign_id: str) -> CampaignState | None:
    r = conn.execute("SELECT body FROM promo_campaigns WHERE id = ?", (campaign_id,)).fetchone()
    if r is None:
        return None
    t = conn.execute("SELECT uses, discount_given FROM promo_campaign_tallies WHERE campaign_id = ?", (campaign_id,)).fetchone()
    uses, given = (t[0], t[1]) if t else (0, 0)
    ids = sorted(tid for tid, tpl in templates.items() if tpl.shared and tpl.shared_campaign == campaign_id)
    if ids:
        local = conn.execute(
            f"""SELECT COALESCE(SUM(cl.uses), 0), COALESCE(SUM(cl.discount), 0) FROM coupon_ledger cl
                JOIN outbox o ON o.event_id = cl.event_id WHERE o.reflected = 0 AND cl.template_id IN ({','.join('?' * len(ids))})""",
            ids).fetchone()
        uses, given = uses + local[0], given + local[1]
    return CampaignState(promo_campaign_from_json(r[0]), uses, given)


def with_campaign(conn, templates: dict[str, CouponTemplate], inst: CouponInstance | None) -> CouponInstance | None:
    tpl = templates.get(inst.template_id) if inst is not None else None
    if tpl is None or not tpl.shared or tpl.shared_campaign is None:
        return inst
    return dataclasses.replace(inst, campaign=campaign_state(conn, templates, tpl.shared_campaign))
