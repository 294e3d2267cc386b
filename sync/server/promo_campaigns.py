"""Campaigns over several shared promo codes, on the server (issue 16 section 2): fetching and the tally.

    campaign_facts(store, facts, template_ids)   facts.value["promo_campaigns"] = {campaign id: CampaignState}
        for the campaigns of the shared templates named (the catalog's `promo_campaign` entity and its
        `promo_campaign_tally` row: uses and discount booked over all its codes, chain-wide)
    campaign_ids_for_codes(conn, codes) -> list[str]   the campaigns of the named codes (lock keys)
The tally row (`promo_campaign_tally`, key campaign id, body {campaign_id, uses, discount_given}, no
member: every terminal pulls it) is written by the judge (`_tally_put`).

The judgement itself is pure (sync/server/judge.py `_shared_bound` with
terminal/domain/promo_campaign.campaign_bound): the uses and discount of a campaign's codes are
counted in the order events arrive; what an offline till gave beyond them is not booked and is a
`campaign_over_cap` / `campaign_over_budget` conflict (docs/sync.md). A void gives them back.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from terminal.catalog import promo_campaign_from_json, template_from_json
from terminal.domain.promo_campaign import CampaignState

if TYPE_CHECKING:
    from sync.server.judge import Facts
    from sync.server.store import CentralStore

TALLY = "promo_campaign_tally"


def _state(store: CentralStore, campaign_id: str) -> CampaignState | None:
    c = store.get("promo_campaign", campaign_id)
    if c is None:
        return None
    t = store.get(TALLY, campaign_id) or {}
    return CampaignState(promo_campaign_from_json(c["body"]), int(t.get("uses", 0)), int(t.get("discount_given", 0)))


def campaign_facts(store: CentralStore, facts: Facts, template_ids: list[str]) -> None:
    """The states of the campaigns the named shared templates belong to, into facts.value["promo_campaigns"]."""
    out: dict[str, CampaignState] = facts.value.setdefault("promo_campaigns", {})
    for tid in dict.fromkeys(template_ids):
        body = store.get("coupon_template", tid) if isinstance(tid, str) and len(tid) <= 200 else None
        if body is None:
            continue
        tpl = template_from_json(body["body"])
        if tpl.shared and tpl.shared_campaign and tpl.shared_campaign not in out:
            state = _state(store, tpl.shared_campaign)
            if state is not None:
                out[tpl.shared_campaign] = state


def campaign_ids_for_codes(conn, codes: list[str]) -> list[str]:
    """Campaign ids of the shared promo codes among `codes` (unknown codes and others: none)."""
    out: list[str] = []
    for code in codes[:64]:
        r = conn.execute("SELECT body FROM entities WHERE kind = 'coupon' AND key = ? AND deleted = 0", (code,)).fetchone()
        tid = json.loads(r[0]).get("template_id") if r else None
        t = conn.execute("SELECT body FROM entities WHERE kind = 'coupon_template' AND key = ? AND deleted = 0",
                         (tid,)).fetchone() if isinstance(tid, str) else None
        if t is not None:
            shared = json.loads(json.loads(t[0]).get("body", "{}")).get("shared") or {}
            if isinstance(shared.get("campaign"), str):
                out.append(shared["campaign"])
    return sorted(set(out))

