"""Random multi-event streams against the real server (issue 13, "Tests that must exist").

One `StreamWorld` per test module: the real reference server in a subprocess on 127.0.0.1
(`tests/sync/conftest.ServerProcess`, the test catalog) and two enrolled counters with real
device credentials, in stores of different brands:

    A  store A-001 (brand A), terminal "PA"
    B  store B-001 (brand B), terminal "PB"

Each counter is a real replica with a `SyncClient` and a `RedemptionService` on the system
clock (the server's clock too, so the occurred_at of honest events is plausible to it) with
the offline allowances every settling front end wires (`sync.allowances.OfflineAllowances`).

Every hypothesis example gets its own `Namespace`: fresh members, point lots and coupons under
ids prefixed ``P<n>-``, loaded with the admin catalog import (`CentralStore.import_catalog`,
i.e. `admin import-catalog`), so examples never share state while sharing the server.

Settlement specs (`SaleSpec`) are abstract (indexes into the namespace), drawn by the
strategies in this module, and turned into `CheckoutRequest`s at run time. Money is integer
TWD, points integers, times aware datetimes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import strategies as st

from sync.allowances import OfflineAllowances
from sync.client import MemoryCredentialStore, SyncClient
from terminal.provisioning.bootstrap import open_replica
from terminal.catalog import parse_catalog
from terminal.domain.reasons import DomainError, Reason
from terminal.usecases.checkout import AllowanceOverride, CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.context import system_clock
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, signed_member

from .conftest import ServerProcess

MANAGER, MANAGER_PIN = "MGR1", "9999"  # the test catalog's chain-wide manager
PRODUCTS = ("LATTE", "AMERICANO", "CROISSANT", "TISSUE", "MUG")
POINT_TYPES = ("bonus", "diamond")

# coupon roles of a namespace: (role, template, member index or None, total uses or None, window)
# window: None, "expired" (ended before the example started) or "later" (starts after it ends)
COUPON_ROLES = (
    ("off1", "T-100OFF", None, None, None),
    ("off2", "T-100OFF", None, None, None),
    ("pct", "T-10PCT", None, None, None),
    ("cap", "T-CAP100", None, None, None),
    ("daily1", "T-ONCE-A-DAY", None, None, None),
    ("daily2", "T-ONCE-A-DAY", None, None, None),
    ("bank", "T-BANK", None, None, None),  # brand B only
    ("sv0", "T-10COFFEE", 0, 3, None),
    ("sv1", "T-10COFFEE", 1, 2, None),
    ("latte0", "T-FREELATTE", 0, None, None),
    ("old", "T-100OFF", None, None, "expired"),
    ("later", "T-100OFF", None, None, "later"),
)
ROLES = tuple(r[0] for r in COUPON_ROLES)
TEMPLATE_OF = {r[0]: r[1] for r in COUPON_ROLES}
MEMBER_BOUND = frozenset(t["id"] for t in BASE_CATALOG["coupon_templates"] if t.get("member_bound", True))
HONEST_ROLES = tuple(r for r in ROLES if r not in ("old", "later"))  # what a cashier might scan (the counter refuses the rest)


@dataclass
class Counter:
    """An enrolled store PC: replica, sync client (real device credential) and counter service."""

    name: str
    store_id: str
    client: SyncClient
    svc: RedemptionService
    credential: str
    served: list[tuple[datetime, int]] = field(default_factory=list)  # (when, change seq) of each pull that caught up

    def sync(self) -> None:
        """A full round as `SyncRunner` does it: push, pull, allowances."""
        self.client.sync_once()
        self._served()

    def pull(self) -> None:
        self.client.pull()
        self._served()

    def _served(self) -> None:
        cursor = self.client.replica.get_meta("pull_cursor") or ""
        self.served.append((datetime.now(timezone.utc), int(cursor.rpartition(".")[2] or 0)))

    def knew_at(self, at: datetime) -> int:
        """The newest change sequence served to this counter by `at` (a sale settled then knew it)."""
        return max((seq for t, seq in self.served if t <= at), default=0)

    def close(self) -> None:
        self.client.close()
        self.client.conn.close()
        self.svc.replica.conn.close()


@dataclass
class Namespace:
    """One example's fresh members and coupons (ids prefixed `prefix`), with their starting figures.

    `start_points[(member, point type)]`: the sum of the member's lots of that type (expired
    lots included: the ledger sum, not the usable balance); `codes[role]`: coupon code;
    `totals[code]`: its total uses; `windows[code]`: "expired" / "later" / None."""

    prefix: str
    started_at: datetime
    members: list[str]
    tiers: list[str]
    codes: dict[str, str]
    totals: dict[str, int]
    windows: dict[str, str | None]
    templates: dict[str, str]
    start_points: dict[tuple[str, str], int]
    expired_lots: dict[str, str] = field(default_factory=dict)  # member -> id of a lot that expired before the example

    def card(self, i: int) -> str:
        return signed_member(self.members[i])


@dataclass(frozen=True)
class MemberSpec:
    tier: str
    bonus: int
    diamond: int
    expired_bonus: int


@dataclass(frozen=True)
class SaleSpec:
    """A checkout as a cashier would ring it up: lines (SKU or open amount, quantity, pay with
    points), the member (index or None), coupons (role, uses) and points to spend per type."""

    lines: tuple[tuple[str, int, bool], ...]  # (sku, quantity, pay_with_points) or ("AMOUNT:<n>", 1, False)
    member: int | None
    coupons: tuple[tuple[str, int], ...]
    points: tuple[tuple[str, int], ...]


# ---- strategies -----------------------------------------------------------------------------------
member_specs = st.lists(st.builds(MemberSpec, st.sampled_from(["normal", "silver", "gold"]), st.integers(0, 1500),
                                  st.integers(0, 400), st.integers(0, 1200)), min_size=3, max_size=3)

_line = st.one_of(
    st.tuples(st.sampled_from(PRODUCTS), st.integers(1, 3), st.booleans()),
    st.builds(lambda n: (f"AMOUNT:{n}", 1, False), st.integers(1, 2000)),
    st.builds(lambda n: (f"AMOUNT:{n}", 1, False), st.integers(500, 1500)),
)


@st.composite
def _sale_spec(draw) -> SaleSpec:
    member = draw(st.sampled_from([None, 0, 0, 1, 1, 2]))
    lines = tuple(draw(st.lists(_line, min_size=1, max_size=3)))
    # mostly coupons that may fit (bearer ones, the member's own), sometimes any (the counter refuses it)
    mine = [r for r, (_role, _t, owner, _u, _w) in zip(ROLES, COUPON_ROLES) if owner is None or owner == member]
    n = draw(st.sampled_from([0, 1, 1, 1, 2]))
    roles = draw(st.lists(st.sampled_from([r for r in HONEST_ROLES if r in mine]) | st.sampled_from(HONEST_ROLES), min_size=n,
                          max_size=n, unique=True))
    # two coupons of one per-member-limited template may meet in one checkout: the counter counts the
    # checkout's own uses (test_regression_two_daily_coupons_in_one_checkout)
    coupons = tuple((r, draw(st.sampled_from([1, 1, 2, 3])) if TEMPLATE_OF[r] == "T-10COFFEE" else 1) for r in roles)
    points = () if member is None or draw(st.booleans()) else (
        (draw(st.sampled_from(POINT_TYPES)), draw(st.integers(1, 40)) * 20),)
    return SaleSpec(lines, member, coupons, points)


sale_specs = _sale_spec()

# ---- the world ------------------------------------------------------------------------------------
class StreamWorld:
    """The real server and the two counters; `namespace()` makes each example's fresh state."""

    def __init__(self, workdir: Path) -> None:
        self.dir = workdir
        cat = workdir / "catalog.json"
        cat.write_text(json.dumps(BASE_CATALOG))
        self.server = ServerProcess(workdir / "central.db", cat)
        self.n = 0
        self.counters: list[Counter] = []
        try:
            self.a = self._counter("A-001", "PA")
            self.b = self._counter("B-001", "PB")
        except BaseException:
            self.close()
            raise

    def _counter(self, store_id: str, terminal_id: str, *, allowances=True) -> Counter:
        path = self.dir / f"{store_id}-{terminal_id}.db"
        creds = MemoryCredentialStore()
        client = SyncClient(open_replica(path), self.server.url, creds, backoff_base=0.02, backoff_cap=0.2, timeout=30)
        client.enrol(self.server.store.create_enrol_token(store_id), terminal_id)
        client.bootstrap()
        svc = RedemptionService(open_replica(path), store_id=store_id, terminal_id=terminal_id, clock=system_clock,
                                allowances=OfflineAllowances() if allowances else None)
        c = Counter(terminal_id, store_id, client, svc, client.read_credential())
        c._served()
        self.counters.append(c)
        return c

    @property
    def store(self):
        return self.server.store

    def allowances(self) -> dict:
        return self.store.allowances({})

    def namespace(self, members: list[MemberSpec]) -> Namespace:
        """Fresh members (with lots: a live bonus and diamond lot, and a bonus lot that expired
        yesterday) and coupons, imported as one catalog; the counters pull them."""
        self.n += 1
        pre = f"P{self.n}-"
        now = datetime.now(timezone.utc)
        iso = lambda d: d.isoformat()  # noqa: E731
        cat = {k: v for k, v in json.loads(json.dumps(BASE_CATALOG)).items() if k not in ("members", "coupons")}
        cat["members"], cat["coupons"] = [], []
        start: dict[tuple[str, str], int] = {}
        ids, expired = [], {}
        for i, m in enumerate(members):
            mid = f"{pre}M{i}"
            ids.append(mid)
            lots = [{"id": f"{mid}-L1", "point_type": "bonus", "points": m.bonus, "earned_at": iso(now - timedelta(days=30)),
                     "expires_at": iso(now + timedelta(days=200))},
                    {"id": f"{mid}-L2", "point_type": "diamond", "points": m.diamond, "earned_at": iso(now - timedelta(days=30)),
                     "expires_at": iso(now + timedelta(days=400))},
                    {"id": f"{mid}-OLD", "point_type": "bonus", "points": m.expired_bonus,
                     "earned_at": iso(now - timedelta(days=400)), "expires_at": iso(now - timedelta(days=1))}]
            expired[mid] = f"{mid}-OLD"
            cat["members"].append({"id": mid, "name": f"Member {i}", "tier": m.tier, "lots": lots})
            start[(mid, "bonus")] = m.bonus + m.expired_bonus
            start[(mid, "diamond")] = m.diamond
        codes, totals, windows, templates = {}, {}, {}, {}
        tpl_uses = {t["id"]: t.get("uses", 1) for t in BASE_CATALOG["coupon_templates"]}
        for role, tpl, member, uses, window in COUPON_ROLES:
            code = f"{pre}{role}"
            c = {"code": code, "template": tpl}
            if member is not None:
                c["member"] = ids[member]
            if uses is not None:
                c["total_uses"] = uses
            if window == "expired":
                c["valid_until"] = iso(now - timedelta(days=2))
            elif window == "later":
                c["valid_from"] = iso(now + timedelta(days=30))
            cat["coupons"].append(c)
            codes[role], totals[code], windows[code], templates[code] = code, uses or tpl_uses[tpl], window, tpl
        self.store.import_catalog(parse_catalog(json.dumps(cat)))
        ns = Namespace(pre, now, ids, [m.tier for m in members], codes, totals, windows, templates, start, expired)
        for c in self.counters:
            c.sync()
            held_tpl = {r[0] for r in c.client.conn.execute("SELECT id FROM coupon_templates")}  # its brand's (store slices)
            missing = [m for m in ids if c.svc.replica.member(m) is None] + [
                k for k in codes.values() if c.svc.replica.coupon(k) is None and templates[k] in held_tpl]
            assert not missing and not c.client.quarantined(), (
                f"counter {c.name} did not take the example's rows: missing {missing[:4]}, quarantined {c.client.quarantined()[:2]}")
        return ns

    def close(self) -> None:
        for c in self.counters:
            try:
                c.close()
            except Exception:  # noqa: BLE001 - tear-down goes on
                pass
        self.server.stop()


# ---- honest counter actions -----------------------------------------------------------------------
def request(ns: Namespace, spec: SaleSpec, checkout_id: str) -> CheckoutRequest:
    lines = []
    for sku, qty, with_points in spec.lines:
        if sku.startswith("AMOUNT:"):
            lines.append(LineRequest(amount=int(sku.split(":")[1]), name="Amount"))
        else:
            lines.append(LineRequest(sku, qty, pay_with_points=with_points and sku == "MUG"))
    return CheckoutRequest(checkout_id, tuple(lines), member_code=ns.card(spec.member) if spec.member is not None else None,
                           coupons=tuple(CouponRequest(ns.codes[role], uses) for role, uses in spec.coupons),
                           points=dict(spec.points))


def fit(svc: RedemptionService, ns: Namespace, spec: SaleSpec) -> SaleSpec:
    """What a cashier settles after the preview: the coupons it refuses taken off, the points cut to
    what the member may spend (`max_points`); twice, since taking one off changes the others."""
    for _ in range(2):
        try:
            prev = svc.preview(request(ns, spec, "preview"))
        except DomainError:  # e.g. the member card is blocked: the sale goes on without it
            return SaleSpec(spec.lines, None, tuple(c for c in spec.coupons if TEMPLATE_OF[c[0]] not in MEMBER_BOUND), ())
        coupons = tuple(c for c, v in zip(spec.coupons, prev.coupon_verdicts) if v.ok)
        cut = ((pt, min(n, prev.max_points.get(pt, 0))) for pt, n in spec.points)
        points = tuple((pt, n) for pt, n in cut if n > 0)
        spec = SaleSpec(spec.lines, spec.member, coupons, points)
    return spec


def settle(counter: Counter, ns: Namespace, spec: SaleSpec, checkout_id: str, *, svc: RedemptionService | None = None,
           allowance_override: bool = True) -> dict | None:
    """Ring the sale up as a cashier does: preview, take off what the counter's rules refuse (`fit`),
    settle; beyond the offline allowance the manager approves with their PIN (an honest override;
    not with `allowance_override=False`: then points and coupons are taken off instead). `svc`: the
    counter service to use (default the counter's). None when even the plain sale is refused."""
    svc = svc or counter.svc
    spec = fit(svc, ns, spec)
    for attempt in (spec, SaleSpec(spec.lines, spec.member, spec.coupons, ()), SaleSpec(spec.lines, spec.member, (), ()),
                    SaleSpec(spec.lines, None, (), ())):
        req = request(ns, attempt, checkout_id)
        try:
            return svc.settle(req, cashier_id="C01")
        except DomainError as err:
            if err.reason != Reason.OFFLINE_ALLOWANCE_EXCEEDED or not allowance_override:
                continue
        try:
            return svc.settle(req, cashier_id="C01", override=AllowanceOverride(MANAGER, MANAGER_PIN, "approved at the counter"))
        except DomainError:
            continue
    return None


def void(counter: Counter, checkout_id: str) -> dict | None:
    """A manager voids the sale at the counter (None: refused, e.g. already voided)."""
    try:
        return counter.svc.void(checkout_id, manager_id=MANAGER, pin=MANAGER_PIN, reason="customer returned it")
    except DomainError:
        return None


def outbox_payloads(counter: Counter, event_ids: list[str]) -> list[tuple[str, str, dict]]:
    """(event_id, type, payload) of the counter's outbox rows, in terminal_seq order."""
    if not event_ids:
        return []
    marks = ",".join("?" * len(event_ids))
    return [(r[0], r[1], json.loads(r[2])) for r in counter.client.conn.execute(
        f"SELECT event_id, type, payload FROM outbox WHERE event_id IN ({marks}) ORDER BY terminal_seq", event_ids)]


# ---- reading the server's ledgers -----------------------------------------------------------------
def lot_sums(store, members: list[str]) -> dict[tuple[str, str], int]:
    """(member, point type) -> the sum of every lot (debts and expired lots included)."""
    out: dict[tuple[str, str], int] = {}
    for mid in members:
        for lot in store.lots(mid):
            out[(mid, lot["point_type"])] = out.get((mid, lot["point_type"]), 0) + lot["points"]
    return out


def usable(lots: list[dict], point_type: str, at: datetime) -> int:
    """Positive, unexpired points of a type at `at` (the server's usable balance)."""
    return sum(lot["points"] for lot in lots if lot["point_type"] == point_type and lot["points"] > 0
               and (lot["expires_at"] is None or at < datetime.fromisoformat(lot["expires_at"])))


def shown_balance(lots: list[dict], point_type: str, at: datetime) -> int:
    """What a caught-up counter shows: debts plus usable points."""
    debts = sum(lot["points"] for lot in lots if lot["point_type"] == point_type and lot["points"] < 0)
    return debts + usable(lots, point_type, at)


def used_uses(store, code: str) -> int | None:
    body = store.get("coupon", code)
    return None if body is None else body["used_uses"]
