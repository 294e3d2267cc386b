"""The test catalog plus issue 15's objects: an exchange offer and the giveaway campaign of the issue."""

from __future__ import annotations

import copy

from tests.conftest import catalog_dict

# "150 points for a large-latte voucher" (here 100 for a free latte: M1 has 130 usable bonus points)
OFFER = {"id": "X-LATTE", "name": "Free latte for 100 points", "point_type": "bonus", "points": 100, "template": "T-FREELATTE",
         "voucher_valid_days": 30, "brands": ["A"]}
OFFER_150 = {"id": "X-LATTE-L", "name": "Large latte for 150 points", "point_type": "bonus", "points": 150,
             "template": "T-FREELATTE", "voucher_valid_days": 30}
# "3 days, 10,000 points in total, 50 per claim, once a day, at most 3 times"
CAMPAIGN = {"id": "G-3DAYS", "name": "Points giveaway", "point_type": "bonus", "points_per_claim": 50, "total_points": 10_000,
            "per_member_per_day": 1, "per_member_total": 3, "starts_at": "2026-11-20T00:00:00+08:00",
            "ends_at": "2026-11-23T00:00:00+08:00", "lot_validity_days": 90}
# a small campaign to reach the cap in a test: 4 claims in all
SMALL = {"id": "G-SMALL", "name": "Small giveaway", "point_type": "bonus", "points_per_claim": 50, "total_points": 200,
         "per_member_per_day": 1, "per_member_total": 1, "starts_at": "2026-11-20T00:00:00+08:00",
         "ends_at": "2026-11-23T00:00:00+08:00"}


def value_catalog(n_members: int = 0) -> dict:
    cat = catalog_dict()
    cat["exchange_offers"] = copy.deepcopy([OFFER, OFFER_150])
    cat["giveaway_campaigns"] = copy.deepcopy([CAMPAIGN, SMALL])
    for i in range(n_members):
        cat["members"].append({"id": f"G{i:03d}", "name": f"Guest {i}", "tier": "normal"})
    return cat
