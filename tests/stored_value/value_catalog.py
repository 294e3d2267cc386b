"""The test catalog with stored value and gift cards (shared by the stored-value tests)."""

from __future__ import annotations

from tests.conftest import card, catalog_dict

GIFT = card("770000000001")  # a 5000 gift card, every brand
GIFT_B = card("770000000002")  # brand B only
GIFT_OLD = card("770000000003")  # expired
GIFT_USD = card("770000000004")  # held in USD
GIFT_LOW = card("770000000005")  # 100 left
GIFT_Y_OLD = card("770000000006")  # gaps_catalog: issued 2025-11-01 with 365 days, expired 2026-11-01
GIFT_Y = card("770000000007")  # gaps_catalog: issued 2026-06-01, valid until 2027-06-01


def value_catalog() -> dict:
    cat = catalog_dict()
    cat["value_programs"] = [
        {"id": "WALLET", "name": "Stored value", "kind": "wallet", "currency": "TWD", "max_balance": 50_000, "max_topup": 20_000},
        {"id": "GIFT", "name": "Gift card", "kind": "gift_card", "currency": "TWD", "topup": False},
        {"id": "GIFT-B", "name": "Bakery gift card", "kind": "gift_card", "currency": "TWD", "brands": ["B"]},
        {"id": "GIFT-USD", "name": "Travel gift card", "kind": "gift_card", "currency": "USD"},
    ]
    cat["topup_bonuses"] = [
        {"id": "TOP-1000", "program": "WALLET", "min_topup": 1000, "bonus_value": 100},
        {"id": "TOP-3000", "program": "WALLET", "min_topup": 3000, "bonus_value": 400},
    ]
    cat["value_accounts"] = [
        {"id": "SV-M1", "program": "WALLET", "member": "M1", "balance": 500},
        {"id": "SV-M2", "program": "WALLET", "member": "M2", "balance": 0},
        {"id": "GC-1", "program": "GIFT", "number": GIFT, "balance": 5000},
        {"id": "GC-B", "program": "GIFT-B", "number": GIFT_B, "balance": 1000},
        {"id": "GC-OLD", "program": "GIFT", "number": GIFT_OLD, "balance": 1000, "valid_until": "2026-01-01T00:00:00+08:00"},
        {"id": "GC-USD", "program": "GIFT-USD", "number": GIFT_USD, "balance": 1000},
        {"id": "GC-LOW", "program": "GIFT", "number": GIFT_LOW, "balance": 100},
    ]
    return cat


def gaps_catalog() -> dict:
    """value_catalog() with a points rule below a value rule, a wallet valid 365 days after its last
    top-up and a gift card program valid 365 days after issue."""
    cat = value_catalog()
    cat["value_programs"][0]["validity_days"] = 365  # WALLET
    cat["value_programs"].append({"id": "GIFT-Y", "name": "Yearly gift card", "kind": "gift_card", "currency": "TWD",
                                  "validity_days": 365})
    cat["topup_bonuses"] = [{"id": "TOP-PTS", "program": "WALLET", "min_topup": 1000, "bonus_points": 50, "point_type": "bonus"},
                            {"id": "TOP-3000", "program": "WALLET", "min_topup": 3000, "bonus_value": 400}]
    cat["value_accounts"] += [
        {"id": "GC-Y-OLD", "program": "GIFT-Y", "number": GIFT_Y_OLD, "balance": 800, "issued_at": "2025-11-01T00:00:00+08:00"},
        {"id": "GC-Y", "program": "GIFT-Y", "number": GIFT_Y, "balance": 800, "issued_at": "2026-06-01T00:00:00+08:00"},
        {"id": "SV-SOON", "program": "WALLET", "member": "M3", "balance": 300, "valid_until": "2026-11-21T00:00:00+08:00"},
    ]
    return cat
