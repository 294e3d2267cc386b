"""Shared fixtures: a small chain that carries the issue's worked examples."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # any Qt use in any test: no display needed

import copy
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import parse_catalog
from terminal.infra.crypto import Signer
from terminal.domain import codes
from terminal.infra.pins import hash_pin
from terminal.usecases.service import RedemptionService

TPE = ZoneInfo("Asia/Taipei")

pytest_plugins = ("tests.barcode_samples", "tests.pg")  # barcode samples; the throwaway PostgreSQL cluster (pg_cluster, pg_url, central_url)


@pytest.fixture(autouse=True)
def _isolated_machine(tmp_path_factory, monkeypatch):
    """No test reads this machine's config files or writes to its log directory."""
    import sys
    import threading

    from terminal.infra.logs import teardown_logging

    base = tmp_path_factory.mktemp("machine")
    monkeypatch.setenv("LT_SITE_CONFIG", str(base / "site" / "config.toml"))
    monkeypatch.setenv("LT_USER_CONFIG", str(base / "user" / "config.toml"))
    monkeypatch.setenv("LT_LOG_DIR", str(base / "logs"))
    for name in ("LT_STORE_ID", "LT_TERMINAL_ID", "LT_DB", "LT_SERVER_URL", "LT_LANG", "LT_PRINTER"):
        monkeypatch.delenv(name, raising=False)
    hooks = (sys.excepthook, threading.excepthook)
    yield base
    sys.excepthook, threading.excepthook = hooks
    teardown_logging()
SIGNER = Signer.from_b64("nWGxne/9WmC6hedPSw/TnzIeU8JmzEuOVmUs6FyjHhU=")  # test-only key
CASHIER_PIN_HASH = hash_pin("1234", salt=b"0123456789abcdef", log_n=10)
MANAGER_PIN_HASH = hash_pin("9999", salt=b"fedcba9876543210", log_n=10)


def tpe(*args) -> datetime:
    return datetime(*args, tzinfo=TPE)


def card(body: str) -> str:
    return codes.with_check_digit(body)


BASE_CATALOG = {
    "format": "loyalty-catalog/1",
    "name": "Test group",
    "issuer_keys": [{"key_id": 1, "public_key": SIGNER.public_b64()}],
    "brands": [{"id": "A", "name": "Brand A Cafe"}, {"id": "B", "name": "Brand B Bakery"}],
    "stores": [
        {"id": "A-001", "brand": "A", "name": "A Xinyi"},
        {"id": "A-NEW", "brand": "A", "name": "A Newly Opened"},
        {"id": "B-001", "brand": "B", "name": "B Daan"},
        {"id": "X", "brand": "A", "name": "Store X"},
        {"id": "Y", "brand": "B", "name": "Store Y"},
    ],
    "tiers": [{"id": "normal", "name": "Normal", "rank": 0}, {"id": "silver", "name": "Silver", "rank": 1},
              {"id": "gold", "name": "Gold", "rank": 2}],
    "point_types": [
        {"id": "bonus", "name": "Bonus points", "burn": {"points": 20, "value": 1}, "validity_days": 365},
        {"id": "diamond", "name": "Diamond points", "burn": {"points": 10, "value": 1, "max_percent": 50}, "validity_days": 730},
    ],
    "categories": [{"id": "coffee", "name": "Coffee"}, {"id": "bakery", "name": "Bakery"}, {"id": "goods", "name": "Goods"}],
    "products": [
        {"sku": "LATTE", "name": "Latte", "category": "coffee", "price": 120, "barcode": card("471000000001")},
        {"sku": "AMERICANO", "name": "Americano", "category": "coffee", "price": 90},
        {"sku": "CROISSANT", "name": "Croissant", "category": "bakery", "price": 60},
        {"sku": "TISSUE", "name": "Tissue pack", "category": "goods", "price": 30},
        {"sku": "MUG", "name": "Mug", "category": "goods", "price": 500, "points_price": {"point_type": "bonus", "points": 200, "cash": 100}},
    ],
    "earn_rules": [
        {"id": "A-base", "name": "Brand A: 1 per 50", "point_type": "bonus", "kind": "per_spend", "every": 50, "points": 1,
         "scope": {"brands": ["A"]}, "multipliers": [{"kind": "day_of_month", "days": [5], "factor": 3}]},
        {"id": "A-new-store", "name": "New store week: 2 per 50", "point_type": "bonus", "kind": "per_spend", "every": 50, "points": 2,
         "scope": {"stores": ["A-NEW"]}, "valid_from": "2026-11-16T00:00:00+08:00", "valid_until": "2026-11-23T00:00:00+08:00"},
        {"id": "B-base", "name": "Brand B: 1 per 10", "point_type": "bonus", "kind": "per_spend", "every": 10, "points": 1,
         "scope": {"brands": ["B"]}},
        {"id": "B-gold", "name": "Brand B gold: 2 per 10", "point_type": "bonus", "kind": "per_spend", "every": 10, "points": 2,
         "scope": {"brands": ["B"], "tiers": ["gold"]}},
    ],
    "coupon_templates": [
        {"id": "T-10COFFEE", "name": "10 coffees", "kind": "stored_voucher", "uses": 10, "categories": ["coffee"],
         "member_bound": True},
        {"id": "T-100OFF", "name": "100 off over 500", "kind": "amount_off", "amount": 100, "min_spend": 500,
         "member_bound": False, "stacking": {"group": "discount"}},
        {"id": "T-10PCT", "name": "10% off bakery", "kind": "percent_off", "percent": 10, "categories": ["bakery"],
         "member_bound": False, "stacking": {"group": "discount"}},
        {"id": "T-FREELATTE", "name": "Free latte", "kind": "product_voucher", "products": ["LATTE"], "member_bound": True},
        {"id": "T-CAP100", "name": "Any coffee up to 100", "kind": "product_voucher", "categories": ["coffee"], "price_cap": 100,
         "member_bound": False, "stacking": {"exclusive": True}},
        {"id": "T-BANK", "name": "Bank partner 50 off", "kind": "amount_off", "amount": 50, "partner": "First Bank",
         "member_bound": False, "brands": ["B"]},
        {"id": "T-BUNDLE", "name": "Breakfast bundle", "kind": "bundle", "items": [{"template": "T-FREELATTE", "count": 1},
         {"template": "T-CROISSANT", "count": 1}], "member_bound": True},
        {"id": "T-CROISSANT", "name": "Free croissant", "kind": "product_voucher", "products": ["CROISSANT"], "member_bound": True},
        {"id": "T-SIGNED", "name": "Online-issued 30 off", "kind": "amount_off", "amount": 30, "member_bound": False,
         "unreplicated": {"accept": True, "max_days_since_issue": 7}},
        {"id": "T-SIGNED-STRICT", "name": "Strict 30 off", "kind": "amount_off", "amount": 30, "member_bound": False},
        {"id": "T-ONCE-A-DAY", "name": "Daily 5 off", "kind": "amount_off", "amount": 5, "member_bound": False,
         "per_member_limit": {"count": 1, "period": "day"}},
    ],
    "members": [
        {"id": "M1", "name": "王小明", "tier": "normal", "birthday": "1990-11-02", "card_number": card("290000000001"),
         "lots": [{"id": "M1-L1", "point_type": "bonus", "points": 100, "earned_at": "2026-01-10T10:00:00+08:00", "expires_at": "2026-12-31T00:00:00+08:00"},
                  {"id": "M1-L2", "point_type": "bonus", "points": 30, "earned_at": "2026-03-10T10:00:00+08:00", "expires_at": "2026-12-01T00:00:00+08:00"},
                  {"id": "M1-L0", "point_type": "bonus", "points": 500, "earned_at": "2025-01-10T10:00:00+08:00", "expires_at": "2026-01-01T00:00:00+08:00"}]},
        {"id": "M2", "name": "Alice Chen", "tier": "gold", "card_number": card("290000000002")},
        {"id": "M3", "name": "林美", "tier": "silver", "card_number": card("290000000003")},
    ],
    "coupons": [
        {"code": "SV-0001", "template": "T-10COFFEE", "member": "M1", "number": card("980000000001")},
        {"code": "C-100OFF-1", "template": "T-100OFF", "number": card("980000000002")},
        {"code": "C-100OFF-2", "template": "T-100OFF", "number": card("980000000007")},
        {"code": "C-10PCT-1", "template": "T-10PCT", "number": card("980000000003")},
        {"code": "C-LATTE-1", "template": "T-FREELATTE", "member": "M1", "number": card("980000000004")},
        {"code": "C-CAP-1", "template": "T-CAP100"},
        {"code": "C-BANK-1", "template": "T-BANK"},
        {"code": "C-VOID-1", "template": "T-100OFF", "status": "voided"},
        {"code": "C-OLD-1", "template": "T-100OFF", "valid_until": "2026-01-01T00:00:00+08:00"},
        {"code": "C-LATER-1", "template": "T-100OFF", "valid_from": "2027-01-01T00:00:00+08:00"},
        {"code": "BND-1", "template": "T-BUNDLE", "member": "M1"},
        {"code": "BND-1-a", "template": "T-FREELATTE", "member": "M1", "parent": "BND-1"},
        {"code": "BND-1-b", "template": "T-CROISSANT", "member": "M1", "parent": "BND-1"},
        {"code": "C-DAILY-1", "template": "T-ONCE-A-DAY"},
        {"code": "C-DAILY-2", "template": "T-ONCE-A-DAY"},
    ],
    "staff": [
        {"id": "C01", "name": "Cashier Lin", "role": "cashier", "pin_hash": CASHIER_PIN_HASH},
        {"id": "MGR1", "name": "Manager Wu", "role": "manager", "pin_hash": MANAGER_PIN_HASH},
    ],
}


def catalog_dict() -> dict:
    return copy.deepcopy(BASE_CATALOG)


def signed_coupon(code, template, member=None, issued=(2026, 11, 20), until=None, uses=1, key_id=1, signer=SIGNER) -> str:
    from datetime import date

    fields = codes.coupon_fields(code, template, member, date(*issued), date(*until) if until else None, uses)
    return codes.encode_signed("C", key_id, fields, signer.sign)


def signed_member(member_id, key_id=1, signer=SIGNER) -> str:
    from datetime import date

    return codes.encode_signed("M", key_id, codes.member_fields(member_id, date(2026, 1, 1)), signer.sign)


class FixedClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def make_service(tmp_path):
    """Build a service for a store over a fresh replica of the test catalog."""
    import json

    made = []

    def _make(store_id="A-001", catalog=None, terminal_id="T1", at=None, name="replica.db", demo=None):
        cat = parse_catalog(json.dumps(catalog or BASE_CATALOG))
        if demo is None:  # a test on the demo catalog runs as the demo: it trusts the demo key
            from terminal.catalog import demo_key_ids
            demo = bool(demo_key_ids(cat))
        replica = init_replica(tmp_path / name, cat, store_id=store_id, terminal_id=terminal_id, demo=demo)
        svc = RedemptionService(replica, store_id=store_id, terminal_id=terminal_id,
                                clock=FixedClock(at or datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)))
        made.append(replica)
        return svc

    yield _make
    for r in made:
        r.db.conn.close()
