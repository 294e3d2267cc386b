"""The bundled demo catalog: a Taiwanese group with a coffee chain and a bakery chain.

``python -m terminal.provisioning.demo`` (re)writes ``resources/demo/catalog.json`` and the testers'
cheat sheet ``resources/demo/codes.md``. The output is deterministic: a fixed random seed,
fixed PIN salts derived from the staff id, and Ed25519 (deterministic signatures) with the
demo issuer key in ``resources/demo/DEMO-ONLY-issuer-key.txt``. That key is public and is
for the demo only; it must never be used in production.

Every scenario in ``codes.md`` is a `Scenario` below, and tests/demo checks each one
against the real `RedemptionService` at `DEMO_NOW` (2026-11-22 12:00 Asia/Taipei).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from terminal.infra.crypto import Signer
from terminal.provisioning.demo_keys import with_quick_keys
from terminal.domain import codes
from terminal.infra.pins import hash_pin

FORMAT = "loyalty-catalog/1"
SEED = 20261122
KEY_ID = 200  # a demo key id no production issuer uses: demo codes never verify there
TPE = timezone(timedelta(hours=8), "Asia/Taipei")  # Taiwan has no daylight saving time
DEMO_NOW = datetime(2026, 11, 22, 12, 0, tzinfo=TPE)
KEY_FILE = "DEMO-ONLY-issuer-key.txt"


# ---- where the files are -----------------------------------------------------------

def resources_dir() -> Path:
    """`resources/` next to the package, or inside a PyInstaller bundle (sys._MEIPASS)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def demo_dir() -> Path:
    return resources_dir() / "demo"


def demo_catalog_path() -> Path:
    return demo_dir() / "catalog.json"


def demo_codes_path() -> Path:
    return demo_dir() / "codes.md"


def load_demo_signer(path: Path | None = None) -> Signer:
    p = path or demo_dir() / KEY_FILE
    lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines()]
    keys = [ln for ln in lines if ln and not ln.startswith("#")]
    if len(keys) != 1:
        raise ValueError(f"{p}: expected exactly one base64 key line")
    return Signer.from_b64(keys[0])


# ---- small helpers -----------------------------------------------------------------

def t(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TPE)


def iso(v: datetime | date | None) -> str | None:
    return None if v is None else v.isoformat()


def card_number(n: int) -> str:
    """13-digit member card number: 29 (GS1 in-store range) + 10 digits + check digit."""
    return codes.with_check_digit(f"29{n:010d}")


def coupon_number(n: int) -> str:
    """13-digit coupon number: 99 (GS1 coupon range) + 10 digits + check digit."""
    return codes.with_check_digit(f"99{n:010d}")


def gift_card_number(n: int) -> str:
    """13-digit gift card number: 27 (GS1 in-store range) + 10 digits + check digit."""
    return codes.with_check_digit(f"27{n:010d}")


# stored value (儲值金) and gift cards (issue 15), paid with at the counter (issue 17 section 4.4)
VALUE_PROGRAMS = [
    {"id": "SUN-WALLET", "name": "日光儲值金", "kind": "wallet", "currency": "TWD", "max_balance": 50_000, "max_topup": 20_000},
    {"id": "SUN-GIFT", "name": "日光禮物卡", "kind": "gift_card", "currency": "TWD", "topup": False},
]
GIFT_CARDS = [(1, 1000), (2, 150)]  # (number, balance)


def _value_accounts() -> list[dict]:
    return ([{"id": "SV-M000001", "program": "SUN-WALLET", "member": "M000001", "balance": 500}]
            + [{"id": f"GC-{n:04d}", "program": "SUN-GIFT", "number": gift_card_number(n), "balance": bal} for n, bal in GIFT_CARDS])


def ean13(item: int) -> str:
    """EAN-13 with Taiwan's 471 prefix and a made-up company number 2468."""
    return codes.with_check_digit(f"4712468{item:05d}")


def first_of_next_month(d: datetime) -> datetime:
    return t(d.year + (d.month == 12), d.month % 12 + 1, 1)


def staff_salt(staff_id: str) -> bytes:
    return hashlib.sha256(b"loyalty-terminal demo staff salt:" + staff_id.encode()).digest()[:16]


# ---- static parts of the chain -----------------------------------------------------

BRANDS = [
    {"id": "CAFE", "name": "日光咖啡 Sunlight Coffee"},
    {"id": "BAKERY", "name": "麥香烘焙 Wheat & Co. Bakery"},
]

STORES = [
    {"id": "CAFE-XINYI", "brand": "CAFE", "name": "日光咖啡 信義店", "timezone": "Asia/Taipei"},
    {"id": "CAFE-DAAN", "brand": "CAFE", "name": "日光咖啡 大安店", "timezone": "Asia/Taipei"},
    {"id": "CAFE-BANQIAO", "brand": "CAFE", "name": "日光咖啡 板橋新站店 (2026-11-16 開幕)", "timezone": "Asia/Taipei"},
    {"id": "BAKERY-ZHONGSHAN", "brand": "BAKERY", "name": "麥香烘焙 中山店", "timezone": "Asia/Taipei"},
    {"id": "BAKERY-SHILIN", "brand": "BAKERY", "name": "麥香烘焙 士林店", "timezone": "Asia/Taipei"},
    {"id": "BAKERY-TAICHUNG", "brand": "BAKERY", "name": "麥香烘焙 台中公益店", "timezone": "Asia/Taipei"},
]

TIERS = [
    {"id": "normal", "name": "一般", "rank": 0},
    {"id": "silver", "name": "銀卡", "rank": 1},
    {"id": "gold", "name": "金卡", "rank": 2},
]

POINT_TYPES = [
    {"id": "bonus", "name": "紅利點數", "burn": {"points": 20, "value": 1, "max_percent": 100}, "validity_days": 365},
    {"id": "diamond", "name": "鑽石點數", "burn": {"points": 10, "value": 1, "max_percent": 50}, "validity_days": 730},
]

CATEGORIES = [
    {"id": "coffee", "name": "咖啡"},
    {"id": "tea", "name": "茶飲"},
    {"id": "bread", "name": "麵包"},
    {"id": "cake", "name": "蛋糕"},
    {"id": "gift", "name": "伴手禮盒"},
    {"id": "goods", "name": "周邊商品"},
]

# sku, name, category, price, points_price
_PRODUCTS = [
    ("CF-AMERICANO", "美式咖啡", "coffee", 80, None),
    ("CF-LATTE", "拿鐵", "coffee", 120, None),
    ("CF-VANILLA-LATTE", "香草拿鐵", "coffee", 135, None),
    ("CF-CARAMEL-LATTE", "焦糖拿鐵", "coffee", 140, None),
    ("CF-OAT-LATTE", "燕麥拿鐵", "coffee", 145, None),
    ("CF-CAPPUCCINO", "卡布奇諾", "coffee", 120, None),
    ("CF-MOCHA", "摩卡", "coffee", 140, None),
    ("CF-COLDBREW", "冷萃咖啡", "coffee", 110, None),
    ("CF-ESPRESSO", "濃縮咖啡", "coffee", 70, None),
    ("TEA-BLACK", "錫蘭紅茶", "tea", 70, None),
    ("TEA-OOLONG", "凍頂烏龍茶", "tea", 75, None),
    ("TEA-MATCHA-LATTE", "抹茶拿鐵", "tea", 130, None),
    ("BR-CROISSANT", "可頌", "bread", 55, None),
    ("BR-PINEAPPLE", "菠蘿麵包", "bread", 40, None),
    ("BR-SCALLION", "蔥花麵包", "bread", 45, None),
    ("BR-RED-BEAN", "紅豆麵包", "bread", 40, None),
    ("BR-MILK-TOAST", "鮮奶吐司", "bread", 85, None),
    ("BR-BAGEL", "原味貝果", "bread", 50, None),
    ("BR-CHEESE", "起司麵包", "bread", 55, None),
    ("CK-CHEESECAKE", "重乳酪蛋糕", "cake", 120, None),
    ("CK-TIRAMISU", "提拉米蘇", "cake", 130, None),
    ("CK-CHIFFON", "戚風蛋糕切片", "cake", 80, None),
    ("CK-STRAWBERRY-6", "草莓鮮奶油蛋糕 6吋", "cake", 680, None),
    ("GF-PINEAPPLE-CAKE", "鳳梨酥禮盒 12入", "gift", 480, None),
    ("GF-NOUGAT", "牛軋糖 300g", "gift", 220, None),
    ("GF-COOKIES", "手工餅乾禮盒", "gift", 360, None),
    ("GD-DRIP", "濾掛咖啡 單包", "goods", 35, None),
    ("GD-DRIP-10", "濾掛咖啡 10入", "goods", 300, None),
    ("GD-MUG", "日光馬克杯", "goods", 450, {"point_type": "bonus", "points": 3000, "cash": 150}),
    ("GD-TUMBLER", "不鏽鋼隨行杯", "goods", 680, {"point_type": "bonus", "points": 4000, "cash": 480}),
    ("GD-BEANS", "日光綜合咖啡豆 半磅", "goods", 380, {"point_type": "diamond", "points": 1500, "cash": 230}),
]

LATTE_SERIES = ["CF-LATTE", "CF-VANILLA-LATTE", "CF-CARAMEL-LATTE", "CF-OAT-LATTE", "TEA-MATCHA-LATTE"]


def products() -> list[dict]:
    out = []
    for i, (sku, name, cat, price, pp) in enumerate(_PRODUCTS, start=1):
        p = {"sku": sku, "name": name, "category": cat, "price": price, "barcode": ean13(i)}
        if pp:
            p["points_price"] = pp
        out.append(p)
    return out


CALENDAR = [
    {"kind": "day_of_month", "days": [5], "factor": 3},  # 每月 5 日會員日 3 倍
    {"kind": "birthday_month", "factor": 2},  # 生日當月 2 倍
]

EARN_RULES = [
    {"id": "CAFE-BASE", "name": "日光咖啡 每 50 元 1 點", "point_type": "bonus", "kind": "per_spend", "every": 50, "points": 1,
     "scope": {"brands": ["CAFE"]}, "group": "base", "multipliers": CALENDAR},
    {"id": "CAFE-GOLD", "name": "日光咖啡 金卡 每 50 元 2 點", "point_type": "bonus", "kind": "per_spend", "every": 50, "points": 2,
     "scope": {"brands": ["CAFE"], "tiers": ["gold"]}, "group": "base", "priority": 1, "multipliers": CALENDAR},
    {"id": "CAFE-BANQIAO-OPENING", "name": "板橋新站店開幕 每 50 元 3 點", "point_type": "bonus", "kind": "per_spend", "every": 50,
     "points": 3, "scope": {"stores": ["CAFE-BANQIAO"]}, "group": "base", "priority": 2,
     "valid_from": "2026-11-16T00:00:00+08:00", "valid_until": "2026-12-16T00:00:00+08:00"},
    {"id": "BAKERY-BASE", "name": "麥香烘焙 每 30 元 1 點", "point_type": "bonus", "kind": "per_spend", "every": 30, "points": 1,
     "scope": {"brands": ["BAKERY"]}, "group": "base",
     "multipliers": CALENDAR + [{"kind": "weekday", "weekdays": [2], "factor": 6}]},  # 週二 6 倍
    {"id": "LATTE-SERIES", "name": "拿鐵系列 每 100 元加贈 5 點", "point_type": "bonus", "kind": "per_product_amount", "every": 100,
     "points": 5, "products": LATTE_SERIES, "group": "product"},
    {"id": "DRIP-3-PACKS", "name": "濾掛咖啡 每 3 包加贈 5 點", "point_type": "bonus", "kind": "per_quantity", "every": 3,
     "points": 5, "products": ["GD-DRIP"], "group": "quantity"},
    {"id": "LINEPAY-DIAMOND", "name": "LINE Pay 付款 每 100 元 1 鑽石點數", "point_type": "diamond", "kind": "per_spend",
     "every": 100, "points": 1, "scope": {"payment_methods": ["linepay"]}, "group": "payment"},
]

TEMPLATES = [
    {"id": "T-FREE-AMERICANO", "name": "美式咖啡兌換券", "kind": "product_voucher", "products": ["CF-AMERICANO"],
     "brands": ["CAFE"], "member_bound": True},
    {"id": "T-FREE-CROISSANT", "name": "可頌兌換券", "kind": "product_voucher", "products": ["BR-CROISSANT"], "member_bound": True},
    {"id": "T-DRINK-CAP-120", "name": "任選飲品一杯 (120 元內)", "kind": "product_voucher", "categories": ["coffee", "tea"],
     "price_cap": 120, "member_bound": False},
    {"id": "T-100-OFF-500", "name": "滿 500 折 100", "kind": "amount_off", "amount": 100, "min_spend": 500, "member_bound": False,
     "stacking": {"group": "discount"}},
    {"id": "T-CAKE-15PCT", "name": "蛋糕 85 折 (最高折 100 元)", "kind": "percent_off", "percent": 15, "max_discount": 100,
     "categories": ["cake"], "brands": ["BAKERY"], "member_bound": False, "stacking": {"group": "discount"}},
    {"id": "T-10-COFFEE", "name": "10 杯咖啡 (美式/拿鐵)", "kind": "stored_voucher", "uses": 10,
     "products": ["CF-AMERICANO", "CF-LATTE"], "brands": ["CAFE"], "member_bound": True},
    {"id": "T-BANK-50", "name": "福爾摩沙銀行卡友 滿 300 折 50", "kind": "amount_off", "amount": 50, "min_spend": 300,
     "partner": "福爾摩沙銀行 Formosa Bank", "brands": ["BAKERY"], "member_bound": False, "stacking": {"group": "partner"}},
    {"id": "T-BREAKFAST", "name": "早餐組合券 (美式 + 可頌)", "kind": "bundle",
     "items": [{"template": "T-FREE-AMERICANO", "count": 1}, {"template": "T-FREE-CROISSANT", "count": 1}], "member_bound": True},
    {"id": "T-BIRTHDAY", "name": "生日禮 蛋糕一份 (150 元內)", "kind": "product_voucher", "categories": ["cake"], "price_cap": 150,
     "birthday_month_only": True, "member_bound": True},
    {"id": "T-DAILY-TEA", "name": "會員每日茶飲折 10 元", "kind": "amount_off", "amount": 10, "categories": ["tea"],
     "member_bound": True, "per_member_limit": {"count": 1, "period": "day"}},
    {"id": "T-GOLD-20PCT", "name": "金卡禮遇 全單 8 折 (最高折 300 元)", "kind": "percent_off", "percent": 20, "max_discount": 300,
     "member_bound": True, "stacking": {"exclusive": True}},
    {"id": "T-APP-30", "name": "App 下載禮 滿 100 折 30", "kind": "amount_off", "amount": 30, "min_spend": 100, "member_bound": False,
     "unreplicated": {"accept": True, "max_days_since_issue": 7}},
    {"id": "T-BANQIAO-OPEN", "name": "板橋新站店開幕 折 30 元", "kind": "amount_off", "amount": 30, "stores": ["CAFE-BANQIAO"],
     "member_bound": False, "valid_from": "2026-11-16T00:00:00+08:00", "valid_until": "2026-12-16T00:00:00+08:00",
     "stacking": {"group": "discount"}},
    {"id": "T-XMAS", "name": "聖誕節 全單 9 折", "kind": "percent_off", "percent": 10, "member_bound": False,
     "valid_from": "2026-12-20T00:00:00+08:00", "valid_until": "2026-12-26T00:00:00+08:00", "stacking": {"group": "discount"}},
]

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴"
GIVEN = ["怡君", "志明", "雅婷", "冠宇", "家豪", "宗翰", "淑芬", "美玲", "佳穎", "承恩", "宥廷", "品妍", "子晴", "柏翰", "思妤",
         "俊傑", "詩涵", "彥廷", "欣怡", "建宏", "雅雯", "文傑", "婉婷", "家瑋", "心怡", "信宏", "珮瑜", "明哲", "郁婷", "宇軒",
         "佩君", "俊宏", "筱涵", "哲瑋", "曉雯", "振宇", "嘉玲", "冠廷", "怡萱", "政達", "秀英", "金龍", "麗華", "志偉", "淑惠"]
ENGLISH = ["Alice", "Kevin", "Grace", "Jason", "Vivian", "Eric", "Cindy", "Tony", "Irene", "Leo"]
ROMAN = {"陳": "Chen", "林": "Lin", "黃": "Huang", "張": "Chang", "李": "Lee", "王": "Wang", "吳": "Wu", "劉": "Liu"}


# ---- the hand-made members and coupons the cheat sheet uses -----------------------

M_CHEN, M_LIN, M_CHANG, M_HUANG = "M000001", "M000002", "M000003", "M000004"

FEATURED_MEMBERS = [
    {"id": M_CHEN, "name": "陳怡君", "tier": "normal", "birthday": "1991-11-08", "card_number": card_number(1),
     "lots": [
         {"id": "M000001-L1", "point_type": "bonus", "points": 1200, "earned_at": "2026-03-14T10:20:00+08:00",
          "expires_at": "2027-04-01T00:00:00+08:00"},
         {"id": "M000001-L2", "point_type": "bonus", "points": 300, "earned_at": "2025-11-08T09:05:00+08:00",
          "expires_at": "2026-12-01T00:00:00+08:00"},
         {"id": "M000001-L0", "point_type": "bonus", "points": 800, "earned_at": "2025-09-02T18:40:00+08:00",
          "expires_at": "2026-10-01T00:00:00+08:00"},
     ]},
    {"id": M_LIN, "name": "林志明", "tier": "gold", "birthday": "1982-03-17", "card_number": card_number(2),
     "lots": [
         {"id": "M000002-L1", "point_type": "bonus", "points": 12000, "earned_at": "2026-05-20T12:30:00+08:00",
          "expires_at": "2027-06-01T00:00:00+08:00"},
         {"id": "M000002-D1", "point_type": "diamond", "points": 3000, "earned_at": "2026-01-10T15:00:00+08:00",
          "expires_at": "2028-02-01T00:00:00+08:00"},
     ]},
    {"id": M_CHANG, "name": "張雅婷", "tier": "silver", "birthday": "1995-06-30", "card_number": card_number(3), "status": "blocked",
     "lots": [{"id": "M000003-L1", "point_type": "bonus", "points": 640, "earned_at": "2026-08-01T11:00:00+08:00",
               "expires_at": "2027-09-01T00:00:00+08:00"}]},
    {"id": M_HUANG, "name": "黃冠宇", "tier": "normal", "birthday": "1999-07-21", "card_number": card_number(4), "lots": []},
]


def _fc(code, template, n, member=None, **kw) -> dict:
    c = {"code": code, "template": template, "member": member, "number": coupon_number(n) if n else None,
         "issued_at": kw.pop("issued_at", "2026-11-01T09:00:00+08:00")}
    c.update(kw)
    return {k: v for k, v in c.items() if v is not None}


FEATURED_COUPONS = [
    _fc("SV-DEMO-7LEFT", "T-10-COFFEE", 1, M_CHEN, used_uses=3, issued_at="2026-09-15T10:00:00+08:00",
        valid_until="2027-09-15T00:00:00+08:00"),
    _fc("SV-DEMO-USEDUP", "T-10-COFFEE", 2, M_LIN, used_uses=10, issued_at="2026-03-01T10:00:00+08:00",
        valid_until="2027-03-01T00:00:00+08:00"),
    _fc("CP-DEMO-AMERICANO", "T-FREE-AMERICANO", 3, M_CHEN, valid_until="2027-02-01T00:00:00+08:00"),
    _fc("CP-DEMO-VOIDED", "T-100-OFF-500", 4, status="voided", valid_until="2027-01-01T00:00:00+08:00"),
    _fc("CP-DEMO-EXPIRED", "T-DRINK-CAP-120", 5, issued_at="2026-08-01T09:00:00+08:00", valid_until="2026-11-01T00:00:00+08:00"),
    _fc("CP-DEMO-XMAS", "T-XMAS", 6, issued_at="2026-11-20T09:00:00+08:00"),
    _fc("CP-DEMO-500", "T-100-OFF-500", 7, valid_until="2027-01-01T00:00:00+08:00"),
    _fc("CP-DEMO-CAKE", "T-CAKE-15PCT", 8, valid_until="2027-01-01T00:00:00+08:00"),
    _fc("CP-DEMO-DRINK120", "T-DRINK-CAP-120", 9, valid_until="2027-01-01T00:00:00+08:00"),
    _fc("CP-DEMO-BANK", "T-BANK-50", 10, valid_until="2027-01-01T00:00:00+08:00"),
    _fc("CP-DEMO-BANQIAO", "T-BANQIAO-OPEN", 11, issued_at="2026-11-16T09:00:00+08:00"),
    _fc("BD-DEMO-BREAKFAST", "T-BREAKFAST", 12, M_CHEN, valid_until="2027-01-01T00:00:00+08:00"),
    _fc("BD-DEMO-BREAKFAST-1", "T-FREE-AMERICANO", None, M_CHEN, parent="BD-DEMO-BREAKFAST", valid_until="2027-01-01T00:00:00+08:00"),
    _fc("BD-DEMO-BREAKFAST-2", "T-FREE-CROISSANT", None, M_CHEN, parent="BD-DEMO-BREAKFAST", valid_until="2027-01-01T00:00:00+08:00"),
    _fc("CP-DEMO-BDAY", "T-BIRTHDAY", 13, M_CHEN, valid_from="2026-11-01T00:00:00+08:00", valid_until="2026-12-01T00:00:00+08:00"),
    _fc("CP-DEMO-BDAY-MAR", "T-BIRTHDAY", 14, M_LIN, issued_at="2026-03-01T09:00:00+08:00",
        valid_until="2027-04-01T00:00:00+08:00"),
    _fc("CP-DEMO-TEA-1", "T-DAILY-TEA", 15, M_CHEN, valid_until="2027-01-01T00:00:00+08:00"),
    _fc("CP-DEMO-TEA-2", "T-DAILY-TEA", 16, M_CHEN, valid_until="2027-01-01T00:00:00+08:00"),
    _fc("CP-DEMO-GOLD", "T-GOLD-20PCT", 17, M_LIN, valid_until="2027-01-01T00:00:00+08:00"),
]

# signed codes whose coupons are NOT in the catalog (issued online after the last sync)
UNREPLICATED = [
    # code, template, member, issued, valid until (last valid day)
    ("CP-ONLINE-APP30", "T-APP-30", None, date(2026, 11, 20), date(2026, 12, 31)),
    ("CP-ONLINE-500", "T-100-OFF-500", None, date(2026, 11, 21), date(2026, 12, 31)),
]


# ---- the generated bulk --------------------------------------------------------------

def _members(rng: random.Random) -> list[dict]:
    out = [dict(m) for m in FEATURED_MEMBERS]
    for n in range(5, 301):
        tier = rng.choices(["normal", "silver", "gold"], weights=[70, 20, 10])[0]
        if rng.random() < 0.05:
            sur = rng.choice(list(ROMAN))
            name = f"{rng.choice(ENGLISH)} {ROMAN[sur]}"
        else:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        birthday = date(rng.randint(1955, 2008), rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.9 else None
        mid = f"M{n:06d}"
        lots = []
        for j in range(rng.randint(0, 4)):
            earned = t(2025, 1, 1, 9) + timedelta(days=rng.randint(0, 688), minutes=rng.randint(0, 720))
            lots.append({"id": f"{mid}-L{j + 1}", "point_type": "bonus", "points": rng.choice([20, 40, 60, 100, 150, 240, 500, 880, 1200]),
                         "earned_at": iso(earned), "expires_at": iso(first_of_next_month(earned.replace(year=earned.year + 1)))})
        if tier != "normal" and rng.random() < 0.7:
            earned = t(2025, 6, 1, 9) + timedelta(days=rng.randint(0, 500))
            lots.append({"id": f"{mid}-D1", "point_type": "diamond", "points": rng.choice([100, 300, 500, 1000, 2500]),
                         "earned_at": iso(earned), "expires_at": iso(first_of_next_month(earned.replace(year=earned.year + 2)))})
        m = {"id": mid, "name": name, "tier": tier}
        if birthday:
            m["birthday"] = birthday.isoformat()
        m["card_number"] = card_number(n)
        if rng.random() < 0.01:
            m["status"] = "blocked"
        m["lots"] = lots
        out.append(m)
    return out


def _coupons(rng: random.Random, members: list[dict]) -> list[dict]:
    out = [dict(c) for c in FEATURED_COUPONS]
    seq = [1000]

    def issue(template: str, member: str | None, *, days: int = 90, parent: str | None = None, **kw) -> dict:
        seq[0] += 1
        n = seq[0]
        issued = DEMO_NOW - timedelta(days=rng.randint(1, 150), hours=rng.randint(0, 8))
        issued = issued.replace(minute=0)
        c = {"code": f"CP{n:07d}", "template": template}
        if member:
            c["member"] = member
        if parent is None:
            c["number"] = coupon_number(n)
        c["issued_at"] = iso(issued)
        c["valid_until"] = iso(t(issued.year, issued.month, issued.day) + timedelta(days=days + 1))
        if parent:
            c["parent"] = parent
        c.update(kw)
        if rng.random() < 0.015 and parent is None:
            c["status"] = "voided"
        out.append(c)
        return c

    for m in members[4:]:
        mid = m["id"]
        if m.get("status") == "blocked":
            continue
        if rng.random() < 0.45:
            issue("T-FREE-AMERICANO", mid)
        if rng.random() < 0.2:
            issue("T-10-COFFEE", mid, days=365, used_uses=rng.randint(0, 10))
        if rng.random() < 0.12:
            b = issue("T-BREAKFAST", mid, days=60)
            issue("T-FREE-AMERICANO", mid, days=60, parent=b["code"], used_uses=rng.choice([0, 0, 1]))
            issue("T-FREE-CROISSANT", mid, days=60, parent=b["code"], used_uses=rng.choice([0, 0, 1]))
        if rng.random() < 0.3:
            issue("T-DAILY-TEA", mid, days=30)
        if m["tier"] == "gold":
            issue("T-GOLD-20PCT", mid, days=120)
        bmonth = int(m["birthday"][5:7]) if "birthday" in m else None
        if bmonth in (10, 11):
            c = issue("T-BIRTHDAY", mid)
            c["issued_at"] = iso(t(2026, bmonth, 1, 8))
            c["valid_from"] = iso(t(2026, bmonth, 1))
            c["valid_until"] = iso(t(2026, bmonth + 1, 1))
    bearer = ["T-DRINK-CAP-120"] * 3 + ["T-100-OFF-500"] * 3 + ["T-CAKE-15PCT"] * 2 + ["T-BANK-50"] * 2 + ["T-BANQIAO-OPEN", "T-XMAS"]
    while len(out) < 600:
        tpl = rng.choice(bearer)
        c = issue(tpl, None, days=rng.choice([30, 60, 90]))
        if tpl == "T-BANQIAO-OPEN":
            c["issued_at"] = iso(t(2026, 11, 16, 9))
            del c["valid_until"]
    return out


def _staff() -> list[dict]:
    out = []
    for s in STORES:
        short = s["id"].split("-", 1)[1].title()
        for role, pin, who in (("cashier", "1234", "店員"), ("manager", "9999", "店長")):
            sid = f"{s['id']}-{'C' if role == 'cashier' else 'M'}1"
            out.append({"id": sid, "name": f"{s['name'].split(' ')[1]} {who} ({short} {role})", "role": role,
                        "pin_hash": hash_pin(pin, salt=staff_salt(sid)), "stores": [s["id"]]})
    out.append({"id": "HQ-MANAGER", "name": "總部 營運經理 (chain-wide manager)", "role": "manager",
                "pin_hash": hash_pin("9999", salt=staff_salt("HQ-MANAGER")), "stores": []})
    return out


def build_catalog(signer: Signer) -> dict:
    rng = random.Random(SEED)
    members = _members(rng)
    return {
        "format": FORMAT,
        "policies": {"void_window_minutes": 24 * 60},
        "name": "日光餐飲集團 Sunlight Group (DEMO DATA)",
        "currency": "TWD",
        "payment_methods": ["cash", "card", "linepay", "jkopay"],
        "issuer_keys": [{"key_id": KEY_ID, "public_key": signer.public_b64()}],
        "brands": BRANDS,
        "stores": STORES,
        "tiers": TIERS,
        "point_types": POINT_TYPES,
        **dict(zip(("categories", "products"), with_quick_keys(CATEGORIES, products()))),
        "earn_rules": EARN_RULES,
        "coupon_templates": TEMPLATES,
        "members": members,
        "coupons": _coupons(rng, members),
        "staff": _staff(),
        "value_programs": VALUE_PROGRAMS,
        "value_accounts": _value_accounts(),
    }


# ---- scenarios (the cheat sheet, checked by tests/demo) ----------------------------

@dataclass(frozen=True)
class Scenario:
    """One thing a tester can try. `check` is what tests/demo asserts.

    section "member"/"coupon": `scan` the code (coupons after `member` if given).
    section "checkout": preview a basket `lines` (sku, quantity) with `member`, `coupons`
    ((code, uses), in scan order; the LAST is the one the scenario is about), `points`.
    check keys: reason (None = accepted), masked_name, tier, balances, expiring, remaining,
    total, discount, earned ({point type: points}), burns, points_reason.
    """

    id: str
    section: str
    title: str
    store: str
    scan: str | None = None
    member: str | None = None
    lines: tuple[tuple[str, int], ...] = ()
    coupons: tuple[tuple[str, int], ...] = ()
    points: dict = field(default_factory=dict)
    pay_with_points: tuple[str, ...] = ()
    payment_method: str = "cash"
    settle_first: tuple[str, ...] = ()  # coupons redeemed in an earlier checkout the same day
    expect: str = ""
    check: dict = field(default_factory=dict)


def signed_member(signer: Signer, member_id: str, issued: date = date(2026, 1, 1)) -> str:
    return codes.encode_signed("M", KEY_ID, codes.member_fields(member_id, issued), signer.sign)


def signed_coupon(signer: Signer, c: dict) -> str:
    """The QR of a catalog coupon; dates are the local calendar days (valid_until is the last valid day)."""
    issued = datetime.fromisoformat(c.get("issued_at", "2026-11-01T00:00:00+08:00")).date()
    until = None
    if c.get("valid_until"):
        until = (datetime.fromisoformat(c["valid_until"]) - timedelta(seconds=1)).date()
    tpl = next(x for x in TEMPLATES if x["id"] == c["template"])
    uses = c.get("total_uses", tpl.get("uses", 1))
    return codes.encode_signed("C", KEY_ID, codes.coupon_fields(c["code"], c["template"], c.get("member"), issued, until, uses), signer.sign)


def tampered(code: str) -> str:
    """Change one character inside the signature: still well-formed, no longer genuine."""
    i = len(code) - 20
    return code[:i] + ("A" if code[i] != "A" else "B") + code[i + 1 :]


def build_scenarios(signer: Signer) -> list[Scenario]:
    by_code = {c["code"]: c for c in FEATURED_COUPONS}
    num = {code: c["number"] for code, c in by_code.items() if "number" in c}
    chen, lin, chang, huang = card_number(1), card_number(2), card_number(3), card_number(4)
    mistyped = chen[:-1] + str((int(chen[-1]) + 1) % 10)
    qr_chen = signed_member(signer, M_CHEN)
    online = {code: codes.encode_signed("C", KEY_ID, codes.coupon_fields(code, tpl, mem, iss, until, 1), signer.sign)
              for code, tpl, mem, iss, until in UNREPLICATED}
    XY, BQ, ZS = "CAFE-XINYI", "CAFE-BANQIAO", "BAKERY-ZHONGSHAN"
    S = Scenario
    return [
        # members
        S("M1", "member", "Member card number: normal tier, birthday this month, points expiring soon", XY, chen,
          expect="陳*君, 一般; 紅利點數 1500 usable (the 800-point lot expired 2026-10-01); 300 expire 2026-12-01",
          check={"reason": None, "masked_name": "陳*君", "tier": "normal", "balances": {"bonus": 1500, "diamond": 0}, "expiring": 300}),
        S("M2", "member", "Member QR (signed) of the same member", XY, qr_chen,
          expect="same member as M1, verified offline by its signature",
          check={"reason": None, "masked_name": "陳*君", "tier": "normal"}),
        S("M3", "member", "Gold member QR with diamond points", XY, signed_member(signer, M_LIN),
          expect="林*明, 金卡; 紅利點數 12000, 鑽石點數 3000",
          check={"reason": None, "masked_name": "林*明", "tier": "gold", "balances": {"bonus": 12000, "diamond": 3000}}),
        S("M4", "member", "Blocked member card", XY, chang, expect="refused: revoked (card blocked)", check={"reason": "revoked"}),
        S("M5", "member", "Mistyped card number (last digit wrong)", XY, mistyped,
          expect="refused at once: bad_check_digit", check={"reason": "bad_check_digit"}),
        S("M6", "member", "Tampered member QR (one character changed)", XY, tampered(qr_chen),
          expect="refused: forged", check={"reason": "forged"}),
        # coupons, scanned on their own
        S("C1", "coupon", "Stored voucher 10 杯咖啡 with 7 left (number)", XY, num["SV-DEMO-7LEFT"], member=chen,
          expect="valid, 7 of 10 uses left", check={"reason": None, "remaining": 7}),
        S("C2", "coupon", "Same stored voucher, signed QR", XY, signed_coupon(signer, by_code["SV-DEMO-7LEFT"]), member=chen,
          expect="valid, 7 of 10 uses left", check={"reason": None, "remaining": 7}),
        S("C3", "coupon", "Stored voucher used up", XY, num["SV-DEMO-USEDUP"], member=lin,
          expect="refused: used_up (10 of 10 used)", check={"reason": "used_up", "remaining": 0}),
        S("C4", "coupon", "Voided coupon", XY, num["CP-DEMO-VOIDED"], expect="refused: voided", check={"reason": "voided"}),
        S("C5", "coupon", "Expired coupon (valid until 2026-10-31)", XY, num["CP-DEMO-EXPIRED"],
          expect="refused: expired", check={"reason": "expired"}),
        S("C6", "coupon", "Christmas coupon, not valid yet (from 2026-12-20)", XY, num["CP-DEMO-XMAS"],
          expect="refused: not_yet_valid", check={"reason": "not_yet_valid"}),
        S("C7", "coupon", "Banqiao opening coupon at another store", XY, num["CP-DEMO-BANQIAO"],
          expect="refused: wrong_store", check={"reason": "wrong_store"}),
        S("C8", "coupon", "Banqiao opening coupon at Banqiao", BQ, num["CP-DEMO-BANQIAO"],
          expect="valid", check={"reason": None}),
        S("C9", "coupon", "Partner (bank) coupon of the bakery brand at a coffee store", XY, num["CP-DEMO-BANK"],
          expect="refused: wrong_brand", check={"reason": "wrong_brand"}),
        S("C10", "coupon", "Member-bound voucher scanned with another member's card", XY, num["CP-DEMO-AMERICANO"], member=lin,
          expect="refused: wrong_member", check={"reason": "wrong_member"}),
        S("C11", "coupon", "Birthday coupon outside the member's birthday month (March)", XY, num["CP-DEMO-BDAY-MAR"], member=lin,
          expect="refused: not_birthday_month", check={"reason": "not_birthday_month"}),
        S("C12", "coupon", "Coupon issued online after the last sync (template accepts unreplicated)", XY, online["CP-ONLINE-APP30"],
          expect="valid offline: genuine signature, issued 2 days ago", check={"reason": None}),
        S("C13", "coupon", "Coupon issued online after the last sync (template does not accept unreplicated)", XY,
          online["CP-ONLINE-500"], expect="refused: unreplicated_not_allowed", check={"reason": "unreplicated_not_allowed"}),
        # checkouts
        S("K1", "checkout", "Minimum spend not met", XY, lines=(("CF-LATTE", 2),), coupons=((num["CP-DEMO-500"], 1),),
          expect="滿 500 折 100 refused: min_spend_not_met (240, 260 short); total 240",
          check={"reason": "min_spend_not_met", "total": 240}),
        S("K2", "checkout", "Minimum spend met", XY, lines=(("CF-LATTE", 2), ("GF-PINEAPPLE-CAKE", 1)),
          coupons=((num["CP-DEMO-500"], 1),), expect="720 - 100 = 620", check={"reason": None, "discount": 100, "total": 620}),
        S("K3", "checkout", "Product voucher with a price cap on a dearer drink", XY, lines=(("CF-CARAMEL-LATTE", 1),),
          coupons=((num["CP-DEMO-DRINK120"], 1),), expect="焦糖拿鐵 140, voucher pays 120, customer pays 20",
          check={"reason": None, "discount": 120, "total": 20}),
        S("K4", "checkout", "Stored voucher: redeem 2 of the 7 at once", XY, member=chen, lines=(("CF-AMERICANO", 2),),
          coupons=((num["SV-DEMO-7LEFT"], 2),), expect="2 美式 free (-160), total 0; 5 uses left after settling",
          check={"reason": None, "discount": 160, "total": 0}),
        S("K5", "checkout", "Bundle: breakfast set (美式 + 可頌)", XY, member=chen, lines=(("CF-AMERICANO", 1), ("BR-CROISSANT", 1)),
          coupons=((num["BD-DEMO-BREAKFAST"], 1),), expect="both items free via the two child vouchers (-135), total 0",
          check={"reason": None, "discount": 135, "total": 0}),
        S("K6", "checkout", "Birthday coupon in the birthday month", XY, member=chen, lines=(("CK-CHEESECAKE", 1), ("CF-LATTE", 1)),
          coupons=((num["CP-DEMO-BDAY"], 1),), expect="重乳酪蛋糕 free (-120), total 120",
          check={"reason": None, "discount": 120, "total": 120}),
        S("K7", "checkout", "Percent off a category with a maximum discount", ZS, lines=(("CK-STRAWBERRY-6", 1),),
          coupons=((num["CP-DEMO-CAKE"], 1),), expect="15% of 680 = 102, capped at 100; total 580",
          check={"reason": None, "discount": 100, "total": 580}),
        S("K8", "checkout", "Two coupons of the same stacking group", ZS, lines=(("CK-STRAWBERRY-6", 1),),
          coupons=((num["CP-DEMO-500"], 1), (num["CP-DEMO-CAKE"], 1)),
          expect="滿 500 折 100 applies; the cake coupon is refused: not_combinable; total 580",
          check={"reason": "not_combinable", "total": 580}),
        S("K9", "checkout", "Exclusive coupon with another coupon", XY, member=lin, lines=(("CF-LATTE", 1),),
          coupons=((num["CP-DEMO-GOLD"], 1), (num["CP-DEMO-DRINK120"], 1)),
          expect="金卡 8 折 applies (-24); the drink voucher is refused: not_combinable; total 96",
          check={"reason": "not_combinable", "total": 96}),
        S("K10", "checkout", "Partner coupon at the right brand", ZS, lines=(("BR-MILK-TOAST", 4),),
          coupons=((num["CP-DEMO-BANK"], 1),), expect="340 - 50 = 290 (cleared with 福爾摩沙銀行)",
          check={"reason": None, "discount": 50, "total": 290}),
        S("K11", "checkout", "Bonus points as a discount, soonest-expiring lot first", XY, member=chen, lines=(("CF-LATTE", 2),),
          points={"bonus": 1000}, expect="1000 紅利點數 = -50, total 190; 300 from the lot expiring 2026-12-01, then 700",
          check={"points_reason": None, "total": 190, "burns": [("M000001-L2", 300), ("M000001-L1", 700)]}),
        S("K12", "checkout", "Diamond points over the 50% cap", XY, member=lin, lines=(("CF-LATTE", 2),),
          points={"diamond": 3000}, expect="refused: points_exceed_bill (at most 1200 鑽石點數 = 120 = 50% of 240)",
          check={"points_reason": "points_exceed_bill", "total": 240, "max_points": {"diamond": 1200}}),
        S("K13", "checkout", "Points plus cash item", XY, member=lin, lines=(("GD-MUG", 1),), pay_with_points=("GD-MUG",),
          expect="日光馬克杯 for 3000 紅利點數 + 150; no points earned on it",
          check={"points_reason": None, "total": 150, "earned": {}, "burns": [("M000002-L1", 3000)]}),
        S("K14", "checkout", "Earn: birthday month x2 plus the latte-series bonus", XY, member=chen, lines=(("CF-LATTE", 2),),
          expect="240: 4 x 1 x2 (birthday month) = 8, plus 拿鐵系列 2 x 5 = 10; 18 紅利點數",
          check={"total": 240, "earned": {"bonus": 18}}),
        S("K15", "checkout", "Earn: gold rate replaces the base rate", XY, member=lin, lines=(("CF-AMERICANO", 3),),
          expect="240: gold 4 x 2 = 8 紅利點數 (not 8 + 4)", check={"total": 240, "earned": {"bonus": 8}}),
        S("K16", "checkout", "Earn: new-store campaign at Banqiao", BQ, member=huang, lines=(("CF-AMERICANO", 2),),
          expect="160: 3 x 3 = 9 紅利點數 (campaign until 2026-12-15)", check={"total": 160, "earned": {"bonus": 9}}),
        S("K17", "checkout", "Earn: per quantity (濾掛咖啡 3 packs -> 5)", XY, member=huang, lines=(("GD-DRIP", 6),),
          expect="210: base 4 + 2 x 5 = 14 紅利點數", check={"total": 210, "earned": {"bonus": 14}}),
        S("K18", "checkout", "Earn: LINE Pay earns diamond points too", XY, member=huang, lines=(("CF-AMERICANO", 3),),
          payment_method="linepay", expect="240: 4 紅利點數 + 2 鑽石點數",
          check={"total": 240, "earned": {"bonus": 4, "diamond": 2}}),
        S("K19", "checkout", "Per-member limit: 1 daily tea coupon per day", XY, member=chen, lines=(("TEA-BLACK", 1),),
          coupons=((num["CP-DEMO-TEA-2"], 1),), settle_first=(num["CP-DEMO-TEA-1"],),
          expect="settle CP-DEMO-TEA-1 first (-10); then CP-DEMO-TEA-2 the same day is refused: limit_reached",
          check={"reason": "limit_reached", "total": 70}),
        S("K20", "checkout", "Member-bound voucher without the member card", XY, lines=(("CF-AMERICANO", 1),),
          coupons=((num["CP-DEMO-AMERICANO"], 1),), expect="refused: member_required; total 80",
          check={"reason": "member_required", "total": 80}),
    ]


# ---- codes.md ----------------------------------------------------------------------

def render_codes_md(catalog: dict, scenarios: list[Scenario], signer: Signer) -> str:
    prices = {p["sku"]: p for p in catalog["products"]}
    stores = {s["id"]: s["name"] for s in catalog["stores"]}
    featured = {c["code"]: c for c in catalog["coupons"] if c["code"] in {f["code"] for f in FEATURED_COUPONS}}
    tpl_names = {x["id"]: x["name"] for x in TEMPLATES}
    numbers = {c["number"]: code for code, c in featured.items() if "number" in c}
    names = {m["card_number"]: m["name"] for m in FEATURED_MEMBERS}
    L: list[str] = []
    w = L.append
    w("# Demo codes (testers' cheat sheet)")
    w("")
    w("Generated by `.venv/bin/python -m terminal.provisioning.demo` together with `catalog.json`; do not edit by hand.")
    w("All codes are DEMO data signed with the public demo key (key id 200), never valid in production.")
    w("")
    w(f"Expected results hold at **{DEMO_NOW.strftime('%Y-%m-%d %H:%M')} Asia/Taipei** (a Sunday), the time tests/demo uses.")
    w("Unless a row says otherwise the terminal is set up for store `CAFE-XINYI` (日光咖啡 信義店).")
    w("Staff: every store has a cashier `<STORE>-C1` (PIN 1234) and a manager `<STORE>-M1` (PIN 9999);")
    w("`HQ-MANAGER` (PIN 9999) is a manager at every store.")
    w("")
    w("## Members")
    w("")
    w("| Member | Tier | Birthday | Card number | Signed QR payload |")
    w("|---|---|---|---|---|")
    for m in FEATURED_MEMBERS:
        tier = {t_["id"]: t_["name"] for t_ in TIERS}[m["tier"]]
        note = " (blocked)" if m.get("status") == "blocked" else ""
        w(f"| {m['id']} {m['name']}{note} | {tier} | {m['birthday']} | `{m['card_number']}` | `{signed_member(signer, m['id'])}` |")
    w("")
    w("The other members (M000005 ... M000300) have card numbers `29` + 10-digit member number + check digit,")
    w(f"e.g. M000005 = `{card_number(5)}`.")
    w("")
    w("## Coupons")
    w("")
    w("| Coupon | Template | Member | Number | Signed QR payload |")
    w("|---|---|---|---|---|")
    for code, c in featured.items():
        qr = signed_coupon(signer, c) if "parent" not in c else "(bundle child, redeemed through its bundle)"
        qr = f"`{qr}`" if qr.startswith("LT1") else qr
        w(f"| {code}{' (voided)' if c.get('status') == 'voided' else ''} | {tpl_names[c['template']]} | {c.get('member', 'bearer')} | "
          f"{'`' + c['number'] + '`' if 'number' in c else '-'} | {qr} |")
    for code, tpl, _m, iss, until in UNREPLICATED:
        qr = codes.encode_signed("C", KEY_ID, codes.coupon_fields(code, tpl, None, iss, until, 1), signer.sign)
        w(f"| {code} (not in the catalog: issued online {iss}) | {tpl_names[tpl]} | bearer | - | `{qr}` |")
    w("")
    _render_products(w, catalog)

    def code_label(code: str) -> str:
        if code in numbers:
            return f"`{code}` ({numbers[code]})"
        if code in names:
            return f"`{code}` (card of {names[code]})"
        return f"`{code}`"

    def store_label(sid: str) -> str:
        return f"{sid} {stores[sid]}" if sid != "CAFE-XINYI" else "CAFE-XINYI"

    w("## Scan a code")
    w("")
    w("| # | Demonstrates | Store | Scan | Expected |")
    w("|---|---|---|---|---|")
    for s in scenarios:
        if s.section == "checkout":
            continue
        scan = code_label(s.scan or "")
        if s.member:
            scan = f"member {code_label(s.member)}, then {scan}"
        w(f"| {s.id} | {s.title} | {store_label(s.store)} | {scan} | {s.expect} |")
    w("")
    w("## Checkouts")
    w("")
    w("| # | Demonstrates | Store | Member | Basket | Coupons / points | Expected |")
    w("|---|---|---|---|---|---|---|")
    for s in scenarios:
        if s.section != "checkout":
            continue
        basket = ", ".join(
            f"{prices[sku]['name']} x{q} ({prices[sku]['price']})" + (" paid with points" if sku in s.pay_with_points else "")
            for sku, q in s.lines
        )
        extras = [f"{code_label(c)}" + (f" x{u} uses" if u > 1 else "") for c, u in s.coupons]
        extras += [f"{pts} {pt}" for pt, pts in s.points.items()]
        if s.payment_method != "cash":
            extras.append(f"pay by {s.payment_method}")
        if s.settle_first:
            extras.insert(0, "after settling " + ", ".join(code_label(c) for c in s.settle_first))
        member = code_label(s.member) if s.member else "-"
        w(f"| {s.id} | {s.title} | {store_label(s.store)} | {member} | {basket} | {'; '.join(extras) or '-'} | {s.expect} |")
    w("")
    w("## Paying: payment method, stored value, gift cards")
    w("")
    w("Pick the payment method for the rest (現金 / 信用卡 / LINE Pay / 街口支付: LINE Pay earns its own points), then")
    w("pay part with the member's stored value or a gift card: scan or type the gift card's number.")
    w("")
    w("| Account | Program | Balance | Number to scan or type |")
    w("|---|---|---|---|")
    w("| SV-M000001 (stored value of M000001) | 日光儲值金 | 500 | the member's card, then \"Stored value\" |")
    for n, bal in GIFT_CARDS:
        w(f"| GC-{n:04d} | 日光禮物卡 | {bal} | `{gift_card_number(n)}` |")
    w("")
    w("## Calendar rules to try on other days")
    w("")
    w("- 5th of every month: base points x3 at both brands (會員日).")
    w("- Tuesdays: 麥香烘焙 base points x6 (every 30 -> 1 becomes every 30 -> 6).")
    w("- Birthday month: base points x2. Only the largest multiplier of the day applies.")
    w("- 板橋新站店 campaign (every 50 -> 3) runs 2026-11-16 until 2026-12-15 inclusive.")
    w("")
    return "\n".join(L)


def _render_products(w, catalog: dict) -> None:
    """The product table: every product of the catalog with its code (SKU) and EAN-13 barcode."""
    categories = {c["id"]: c["name"] for c in catalog["categories"]}
    point_names = {p["id"]: p["name"] for p in catalog["point_types"]}
    w("## Products")
    w("")
    w("A checkout line takes the product code or the barcode, `xN` for a quantity (`--line CF-LATTEx2`) and a")
    w("trailing `@` to pay an item that has a points price with points (`--line GD-MUG@`). Scanning a barcode or a")
    w("product code shows the product. Products without a barcode (made-to-order drinks, fresh bakes) are sold")
    w("with the counter's quick keys (F1) or its name search; coffee and tea have keys too.")
    w("")
    w("| Product code | Name | Category | Price | Barcode | Or with points |")
    w("|---|---|---|---|---|---|")
    for p in catalog["products"]:
        pp = p.get("points_price")
        with_points = f"{pp['points']} {point_names[pp['point_type']]} + {pp['cash']}" if pp else "-"
        barcode = f"`{p['barcode']}`" if p.get("barcode") else "-"
        w(f"| `{p['sku']}` | {p['name']} | {categories[p['category']]} | {p['price']} | {barcode} | {with_points} |")
    w("")


# ---- entry point ----------------------------------------------------------------------

def render(signer: Signer) -> tuple[str, str]:
    catalog = build_catalog(signer)
    text = json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"
    return text, render_codes_md(catalog, build_scenarios(signer), signer)


def write_demo(out_dir: Path | None = None, key_file: Path | None = None) -> tuple[Path, Path]:
    from terminal.catalog import parse_catalog

    out = out_dir or demo_dir()
    signer = load_demo_signer(key_file)
    catalog_text, codes_text = render(signer)
    parse_catalog(catalog_text)  # refuse to write a catalog the terminal would not load
    out.mkdir(parents=True, exist_ok=True)
    cat_path, codes_path = out / "catalog.json", out / "codes.md"
    cat_path.write_text(catalog_text, encoding="utf-8", newline="\n")
    codes_path.write_text(codes_text, encoding="utf-8", newline="\n")
    return cat_path, codes_path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m terminal.provisioning.demo", description="Write the demo catalog and its cheat sheet.")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: resources/demo)")
    ap.add_argument("--key", type=Path, default=None, help=f"demo issuer key file (default: resources/demo/{KEY_FILE})")
    args = ap.parse_args(argv)
    cat_path, codes_path = write_demo(args.out, args.key)
    print(f"wrote {cat_path}\nwrote {codes_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
