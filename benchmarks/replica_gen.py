"""Generate a large terminal replica for the engine benchmark.

A small real catalog (brands, stores, products, 8 earn rules, coupon templates, staff,
an issuer key) goes through `terminal.provisioning.bootstrap.init_replica`; then members, point lots
and coupon instances are bulk-inserted with `executemany` in large batches, each batch
inside `terminal.storage.db.transaction`. Only during this bulk build the connection runs
with `PRAGMA synchronous=OFF` (and a bigger page cache); the benchmark measures on a
connection opened afresh with `open_replica`, i.e. WAL + synchronous=FULL.

Every generated row is a pure function of its index, so the benchmark can name valid
members/coupons (and sign coupon codes) without reading them back:

* member ``i``: id ``M%08d``, card number ``29`` + 10 digits + GS1 check digit.
* lots: two per member by default: a usable bonus lot (>= 100 points), then either a
  diamond lot, an expired bonus lot or a bonus lot expiring soon.
* coupon ``j`` (code ``C%010d``): the first 60% are member-bound, dealt round-robin
  over the members (``member = j % members``): round 0 a numbered free-latte voucher
  (never used, never expired: the preview/settle benchmark relies on that), round 1 a
  numbered 10-coffee stored voucher (0..9 uses spent), round 2+ signed-only croissant
  vouchers (some voided or expired). The other 40% are bearer coupons cycling over
  numbered 10%-off-bakery, numbered 100-off, signed-only online 30-off, numbered
  capped coffee voucher and signed-only partner coupons. Coupon numbers are ``98`` +
  10 digits + check digit.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import parse_catalog
from terminal.infra.crypto import Signer
from terminal.domain import codes
from terminal.infra.pins import hash_pin
from terminal.storage.db import transaction

# Benchmark-only issuer key (the public half is the catalog's key 7). Not a secret.
BENCH_SIGNER = Signer.from_b64("Sg0CrR5OzKUDx4ytEkLfrgFCS5/Oshn/tUp5uItVOow=")
BENCH_KEY_ID = 7
STORE_ID = "S-001"
MANAGER_ID = "BENCH-M1"
TERMINAL_ID = "BENCH-T1"
CASHIER_ID = "C01"
# Friday 2026-11-20 12:00 in Taipei: inside the campaign rule's window.
AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
ISSUED_ON = date(2026, 11, 1)

FULL_MEMBERS = 1_000_000
FULL_COUPONS = 5_000_000
QUICK_MEMBERS = 20_000
QUICK_COUPONS = 100_000
BATCH = 100_000

BOUND_TEMPLATES = ("T-FREELATTE", "T-10COFFEE", "T-CROISSANT")
BEARER_TEMPLATES = ("T-10PCT", "T-100OFF", "T-ONLINE30", "T-CAP100", "T-PARTNER")
NUMBERED = {"T-FREELATTE", "T-10COFFEE", "T-10PCT", "T-100OFF", "T-CAP100"}
USES = {"T-10COFFEE": 10}
TIERS = ("normal",) * 7 + ("silver",) * 2 + ("gold",)
SURNAMES = "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何林高羅"
GIVEN = ("小明", "美", "志強", "淑芬", "家豪", "怡君", "建宏", "雅婷", "俊傑", "欣怡")
LATIN = ("Alice Chen", "Bob Lin", "Carol Wu", "David Huang", "Eve Tsai")


def bench_catalog() -> dict:
    """The small catalog every generated row refers to. 5 earn rules apply at S-001."""
    brand_a = ["A"]
    return {
        "format": "loyalty-catalog/1",
        "name": "Benchmark chain",
        "issuer_keys": [{"key_id": BENCH_KEY_ID, "public_key": BENCH_SIGNER.public_b64()}],
        "brands": [{"id": "A", "name": "Brand A Cafe"}, {"id": "B", "name": "Brand B Bakery"}],
        "stores": [{"id": "S-001", "brand": "A", "name": "A Xinyi"}, {"id": "S-002", "brand": "A", "name": "A Daan"},
                   {"id": "S-NEW", "brand": "A", "name": "A New"}, {"id": "B-001", "brand": "B", "name": "B Zhongshan"}],
        "tiers": [{"id": "normal", "name": "Normal", "rank": 0}, {"id": "silver", "name": "Silver", "rank": 1},
                  {"id": "gold", "name": "Gold", "rank": 2}],
        "point_types": [
            {"id": "bonus", "name": "Bonus points", "burn": {"points": 20, "value": 1}, "validity_days": 365},
            {"id": "diamond", "name": "Diamond points", "burn": {"points": 10, "value": 1, "max_percent": 50}, "validity_days": 730},
        ],
        "categories": [{"id": "coffee", "name": "Coffee"}, {"id": "bakery", "name": "Bakery"}, {"id": "goods", "name": "Goods"}],
        "products": [
            {"sku": "LATTE", "name": "Latte", "category": "coffee", "price": 120, "barcode": codes.with_check_digit("471000000001")},
            {"sku": "AMERICANO", "name": "Americano", "category": "coffee", "price": 90, "barcode": codes.with_check_digit("471000000002")},
            {"sku": "MOCHA", "name": "Mocha", "category": "coffee", "price": 130},
            {"sku": "CROISSANT", "name": "Croissant", "category": "bakery", "price": 60, "barcode": codes.with_check_digit("471000000003")},
            {"sku": "BAGEL", "name": "Bagel", "category": "bakery", "price": 55},
            {"sku": "TISSUE", "name": "Tissue pack", "category": "goods", "price": 30},
            {"sku": "MUG", "name": "Mug", "category": "goods", "price": 500,
             "points_price": {"point_type": "bonus", "points": 200, "cash": 100}},
        ],
        "earn_rules": [
            # the five that apply at S-001 to every member paying cash or card
            {"id": "A-base", "name": "Brand A: 1 per 50", "point_type": "bonus", "kind": "per_spend", "every": 50, "points": 1,
             "scope": {"brands": brand_a}, "multipliers": [{"kind": "day_of_month", "days": [5], "factor": 3},
                                                           {"kind": "weekday", "weekdays": [2], "factor": 6},
                                                           {"kind": "birthday_month", "factor": 2}]},
            {"id": "A-coffee", "name": "Coffee: 2 per 50", "point_type": "bonus", "kind": "per_product_amount", "every": 50,
             "points": 2, "categories": ["coffee"], "scope": {"brands": brand_a}, "group": "product"},
            {"id": "A-bakery-qty", "name": "Bakery: 3 per 2 items", "point_type": "bonus", "kind": "per_quantity", "every": 2,
             "points": 3, "categories": ["bakery"], "scope": {"brands": brand_a}, "group": "quantity"},
            {"id": "A-diamond", "name": "Diamond: 1 per 100", "point_type": "diamond", "kind": "per_spend", "every": 100,
             "points": 1, "scope": {"brands": brand_a}},
            {"id": "S1-campaign", "name": "Xinyi November: 5 per 100", "point_type": "bonus", "kind": "per_spend", "every": 100,
             "points": 5, "scope": {"stores": ["S-001"], "payment_methods": ["cash", "card"]}, "group": "campaign",
             "valid_from": "2026-11-01T00:00:00+08:00", "valid_until": "2026-12-01T00:00:00+08:00"},
            # scoped elsewhere: evaluated and skipped
            {"id": "A-new-store", "name": "New store: 2 per 50", "point_type": "bonus", "kind": "per_spend", "every": 50,
             "points": 2, "scope": {"stores": ["S-NEW"]}},
            {"id": "B-base", "name": "Brand B: 1 per 10", "point_type": "bonus", "kind": "per_spend", "every": 10, "points": 1,
             "scope": {"brands": ["B"]}},
            {"id": "B-gold", "name": "Brand B gold: 2 per 10", "point_type": "bonus", "kind": "per_spend", "every": 10,
             "points": 2, "scope": {"brands": ["B"], "tiers": ["gold"]}},
        ],
        "coupon_templates": [
            {"id": "T-FREELATTE", "name": "Free latte", "kind": "product_voucher", "products": ["LATTE"], "member_bound": True},
            {"id": "T-10COFFEE", "name": "10 coffees", "kind": "stored_voucher", "uses": 10, "categories": ["coffee"],
             "member_bound": True},
            {"id": "T-CROISSANT", "name": "Free croissant", "kind": "product_voucher", "products": ["CROISSANT"],
             "member_bound": True, "per_member_limit": {"count": 1, "period": "day"}},
            {"id": "T-10PCT", "name": "10% off bakery", "kind": "percent_off", "percent": 10, "categories": ["bakery"],
             "member_bound": False, "stacking": {"group": "discount"}},
            {"id": "T-100OFF", "name": "100 off over 500", "kind": "amount_off", "amount": 100, "min_spend": 500,
             "member_bound": False, "stacking": {"group": "discount"}},
            {"id": "T-ONLINE30", "name": "Online 30 off over 200", "kind": "amount_off", "amount": 30, "min_spend": 200,
             "member_bound": False, "unreplicated": {"accept": True, "max_days_since_issue": 30}},
            {"id": "T-CAP100", "name": "Any coffee up to 100", "kind": "product_voucher", "categories": ["coffee"],
             "price_cap": 100, "member_bound": False, "stacking": {"exclusive": True}},
            {"id": "T-PARTNER", "name": "Bank partner 50 off", "kind": "amount_off", "amount": 50, "partner": "First Bank",
             "member_bound": False, "brands": ["B"]},
        ],
        "staff": [
            {"id": CASHIER_ID, "name": "Cashier Lin", "role": "cashier",
             "pin_hash": hash_pin("1234", salt=b"0123456789abcdef", log_n=10)},
            {"id": MANAGER_ID, "name": "Manager Wu", "role": "manager",
             "pin_hash": hash_pin("9999", salt=b"fedcba9876543210", log_n=10)},
        ],
    }


def _make_check_table() -> list[int]:
    """GS1 weighted digit sum of every 6-digit block (weights 3,1,3,1,3,1 from the right)."""
    table = [0] * 1_000_000
    for x in range(1_000_000):
        d = x
        s = 0
        for w in (3, 1, 3, 1, 3, 1):
            s += (d % 10) * w
            d //= 10
        table[x] = s
    return table


_CHECK: list[int] | None = None


def numbered(prefix: int, n: int) -> str:
    """`prefix` (2 digits) + n as 10 digits + GS1 check digit: 13 digits, like EAN-13."""
    global _CHECK
    if _CHECK is None:
        _CHECK = _make_check_table()
    body = prefix * 10_000_000_000 + n  # 12 digits
    s = _CHECK[body % 1_000_000] + _CHECK[body // 1_000_000]
    return f"{body:012d}{(10 - s % 10) % 10}"


def _h(n: int) -> int:
    """A cheap deterministic scramble of an index (Knuth multiplicative hash)."""
    return (n * 2654435761) & 0xFFFFFFFF


@dataclass(frozen=True)
class Layout:
    members: int
    coupons: int
    lots_per_member: int = 2

    @property
    def bound(self) -> int:
        return self.coupons * 3 // 5

    # ---- members ------------------------------------------------------------------
    @staticmethod
    def member_id(i: int) -> str:
        return f"M{i:08d}"

    @staticmethod
    def member_card(i: int) -> str:
        return numbered(29, i)

    def member_row(self, i: int) -> tuple:
        h = _h(i)
        name = LATIN[h % 5] if h % 10 == 0 else SURNAMES[h % 20] + GIVEN[(h >> 8) % 10]
        birthday = f"{1950 + (h >> 4) % 56}-{1 + (h >> 10) % 12:02d}-{1 + (h >> 14) % 28:02d}"
        return (self.member_id(i), name, TIERS[(h >> 18) % 10], birthday, self.member_card(i), "active")

    def lot_rows(self, i: int) -> Iterator[tuple]:
        h = _h(i + 7)
        mid = self.member_id(i)
        base = i * self.lots_per_member
        yield (f"L{base:010d}", mid, "bonus", 100 + h % 2000, "2026-06-01T10:00:00+08:00", "2027-06-30T00:00:00+08:00", "replica")
        for k in range(1, self.lots_per_member):
            v = (h >> (4 * k)) % 3
            lot = f"L{base + k:010d}"
            if v == 0:
                yield (lot, mid, "diamond", 50 + h % 450, "2026-03-01T10:00:00+08:00", "2027-12-31T00:00:00+08:00", "replica")
            elif v == 1:
                yield (lot, mid, "bonus", 300, "2025-01-01T10:00:00+08:00", "2026-01-01T00:00:00+08:00", "replica")
            else:
                yield (lot, mid, "bonus", 10 + h % 90, "2025-12-05T10:00:00+08:00", "2026-12-05T00:00:00+08:00", "replica")

    # ---- coupons ------------------------------------------------------------------
    @staticmethod
    def coupon_code(j: int) -> str:
        return f"C{j:010d}"

    @staticmethod
    def coupon_number(j: int) -> str:
        return numbered(98, j)

    def coupon_template(self, j: int) -> str:
        if j < self.bound:
            return BOUND_TEMPLATES[min(j // self.members, len(BOUND_TEMPLATES) - 1)]
        return BEARER_TEMPLATES[(j - self.bound) % len(BEARER_TEMPLATES)]

    def coupon_member(self, j: int) -> str | None:
        return self.member_id(j % self.members) if j < self.bound else None

    def coupon_row(self, j: int) -> tuple:
        tpl = self.coupon_template(j)
        h = _h(j + 13)
        used, status, until = 0, "active", None
        if tpl == "T-10COFFEE":
            used = h % 10
        elif tpl in ("T-CROISSANT", "T-100OFF", "T-CAP100"):
            if h % 50 == 0:
                status = "voided"
            elif h % 20 == 1:
                until = "2026-10-01T00:00:00+08:00"
        if until is None and h % 4 == 0:
            until = "2027-03-31T00:00:00+08:00"
        number = self.coupon_number(j) if tpl in NUMBERED else None
        return (self.coupon_code(j), tpl, self.coupon_member(j), number, USES.get(tpl, 1), used, status,
                None, until, "2026-11-01T00:00:00+08:00", None, "replica")

    def signed_coupon(self, j: int) -> str:
        """The signed (QR) code of coupon j, as the issuer would print it."""
        tpl = self.coupon_template(j)
        member = self.coupon_member(j)
        fields = codes.coupon_fields(self.coupon_code(j), tpl, member, ISSUED_ON, None, USES.get(tpl, 1))
        return codes.encode_signed("C", BENCH_KEY_ID, fields, BENCH_SIGNER.sign)

    def signed_member(self, i: int) -> str:
        return codes.encode_signed("M", BENCH_KEY_ID, codes.member_fields(self.member_id(i), ISSUED_ON), BENCH_SIGNER.sign)

    def preview_members(self) -> int:
        """Members 0..n-1 each hold an unused numbered free-latte voucher: coupon j = i."""
        return min(self.members, self.bound)

    def bearer_indexes(self, template: str) -> range:
        k = BEARER_TEMPLATES.index(template)
        return range(self.bound + k, self.coupons, len(BEARER_TEMPLATES))


@dataclass
class BuildStats:
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def _member_sql() -> str:
    """The members INSERT over the replica's own column list (terminal/storage/keyed.py MEMBER_COLUMNS)."""
    from terminal.storage.keyed import MEMBER_COLUMNS

    return f"INSERT INTO members({', '.join(MEMBER_COLUMNS)}) VALUES ({', '.join('?' * len(MEMBER_COLUMNS))})"

_LOT_SQL = "INSERT INTO point_lots(lot_id, member_id, point_type, points, earned_at, expires_at, origin) VALUES (?,?,?,?,?,?,?)"
_COUPON_SQL = """INSERT INTO coupon_instances(code, template_id, member_id, number_key, total_uses, used_uses, status,
    valid_from, valid_until, issued_at, parent_code, origin) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"""


def build_replica(path: Path, layout: Layout, log: Callable[[str], None] = print) -> BuildStats:
    """Create the replica at `path` (which must not exist). Returns timings per step."""
    stats = BuildStats()
    t0 = time.perf_counter()
    cat = parse_catalog(json.dumps(bench_catalog()))
    replica = init_replica(path, cat, store_id=STORE_ID, terminal_id=TERMINAL_ID)
    stats.steps["catalog (init_replica)"] = time.perf_counter() - t0
    conn = replica.db.conn
    # Bulk build only: no fsync per commit, bigger page cache. Restored below and the
    # benchmark reopens the file with open_replica (synchronous=FULL) anyway.
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    numbered(0, 0)  # build the check-digit table outside the timed steps' noise

    def bulk(name: str, sql: str, rows: Iterator[tuple], total: int) -> None:
        t = time.perf_counter()
        done = 0
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                with transaction(replica.db):
                    conn.executemany(sql, batch)
                done += len(batch)
                batch = []
                if done % (BATCH * 10) == 0:
                    log(f"  {name}: {done:,}/{total:,} ({time.perf_counter() - t:.0f} s)")
        if batch:
            with transaction(replica.db):
                conn.executemany(sql, batch)
            done += len(batch)
        stats.rows[name] = done
        stats.steps[name] = time.perf_counter() - t

    # a store PC keeps members minimised and card and coupon numbers keyed (terminal/storage/keyed.py)
    from terminal.storage.replica_secret import ReplicaSecrets
    from terminal.storage.keyed import MEMBER_COLUMNS, member_body, number_key_of

    secret, salt = ReplicaSecrets(replica).get(), replica.card_hash_salt()
    cols = ("id", "name", "tier_id", "birthday", "plain_code", "status")

    def minimised(row: tuple) -> tuple:
        body = member_body(dict(zip(cols, row)), secret, salt)
        return tuple(body[c] for c in MEMBER_COLUMNS)

    bulk("members", _member_sql(), (minimised(layout.member_row(i)) for i in range(layout.members)), layout.members)
    bulk("point_lots", _LOT_SQL, (r for i in range(layout.members) for r in layout.lot_rows(i)),
         layout.members * layout.lots_per_member)
    def keyed_coupon(row: tuple) -> tuple:
        return row[:3] + (number_key_of(secret, salt, row[3]) if row[3] else None,) + row[4:]

    bulk("coupon_instances", _COUPON_SQL, (keyed_coupon(layout.coupon_row(j)) for j in range(layout.coupons)), layout.coupons)
    t = time.perf_counter()
    with transaction(replica.db):
        for key, value in (("bench_members", layout.members), ("bench_coupons", layout.coupons),
                           ("bench_lots_per_member", layout.lots_per_member)):
            replica.set_meta(key, str(value))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA synchronous=FULL")
    stats.steps["checkpoint"] = time.perf_counter() - t
    conn.close()
    stats.seconds = time.perf_counter() - t0
    return stats


def stored_layout(conn) -> Layout | None:
    """The layout a previous build recorded in `meta`, or None."""
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'bench_%'").fetchall())
    except Exception:
        return None
    if "bench_members" not in meta:
        return None
    return Layout(int(meta["bench_members"]), int(meta["bench_coupons"]), int(meta.get("bench_lots_per_member", 2)))
