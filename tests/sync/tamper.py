"""Tampering with honest events as an attacker with the code and a store PC's device credential
would, and the bounds the server's ledgers must keep whatever is pushed (issue 13).

The attacker is counter A of `tests.sync.streams.StreamWorld`: its own counter code builds an
honest settlement (no offline allowance hook: the attacker runs what it likes), the payload is
taken out of the outbox (marked acknowledged, so the attacker's replica shows the server's
state after each pull) and pushed raw over HTTP under A's real credential, unchanged or after
`SALE_MUTATIONS` / `VOID_MUTATIONS`. A mutation is drawn as (name, a, b): `a` and `b` pick
indexes and values at run time, so examples shrink well.

`Checker.after_push` asserts, after every push, the bounds listed in its docstring.
"""

from __future__ import annotations

import base64
import copy
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import httpx
from hypothesis import strategies as st

from sync.server.judge import env_dt, parse_at
from terminal.infra.crypto import Signer
from terminal.domain.events import payload_sha256
from terminal.usecases.context import system_clock
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, signed_coupon

from .streams import Counter, Namespace, SaleSpec, settle, usable

OTHER_SIGNER = Signer.from_b64(base64.b64encode(bytes(range(32))).decode())  # not an issuer key of the catalog
HUGE = (10**12, 10**12 + 1, 2**53, 2**63 - 1, 2**63, 10**30, -1, -(10**12), 0, 999_999)
WRONG = ("1", 1.5, True, None, [], {}, "", "x" * 300, -0.0, [1, 2])
CATALOG_TYPES = frozenset(p["id"] for p in BASE_CATALOG["point_types"])
USE_BOUNDS = frozenset({"uses_beyond_total", "used_up", "uses_beyond_allowance"})  # quarantines cutting a coupon's uses
TEMPLATES = {t["id"]: t for t in BASE_CATALOG["coupon_templates"]}


# Tampering the server does not withstand yet, each pinned by an xfail(strict=True) regression test in
# test_tampered_streams.py (fix proposed in the issue 13 report): the generator leaves these variants
# out so the property keeps checking everything else; delete an entry once its fix has landed.
OPEN_FINDINGS: frozenset[str] = frozenset()  # all fixed: negative coupon discounts, earn lot squatting


def _discount(d: int) -> int:
    return abs(d) if "negative_coupon_discount" in OPEN_FINDINGS else d


def pick(seq, i: int):
    return seq[i % len(seq)]


# ---- the attacker ----------------------------------------------------------------------------------
@dataclass
class Sent:
    env: dict
    status_code: int
    answer: dict | None  # the event's result, when the server answered 200


@dataclass
class Attacker:
    """Counter A's replica and credential, used to push whatever it likes."""

    counter: Counter
    http: httpx.Client
    seq: int = 0
    sent: list[Sent] = field(default_factory=list)  # this example's pushes
    forged: set[str] = field(default_factory=set)  # codes the server never issued, used this example

    def __post_init__(self) -> None:
        c = self.counter
        self.svc = RedemptionService(c.svc.replica, store_id=c.store_id, terminal_id=c.name, clock=system_clock, allowances=None)

    def honest_sale(self, ns: Namespace, spec: SaleSpec, checkout_id: str) -> dict | None:
        """The payload A's own counter code makes for the sale (`streams.settle`, without the
        allowance hook; None when its rules refuse even the plain sale); the outbox row is marked
        acknowledged and reflected, so SyncClient never pushes it."""
        receipt = settle(self.counter, ns, spec, checkout_id, svc=self.svc, allowance_override=False)
        if receipt is None:
            return None
        conn = self.counter.client.conn
        payload = json.loads(conn.execute("SELECT payload FROM outbox WHERE event_id = ?", (receipt["event_id"],)).fetchone()[0])
        with conn:
            conn.execute("UPDATE outbox SET state = 'acked', reflected = 1 WHERE event_id = ?", (receipt["event_id"],))
        return payload

    def void_payload(self, target: Sent) -> dict:
        """A void of an earlier push, shaped as `RedemptionService.void` makes it."""
        p = target.env["payload"]
        return {"checkout_id": p.get("checkout_id") if isinstance(p, dict) else None, "voids_event_id": target.env["event_id"],
                "store_id": self.counter.store_id, "terminal_id": self.counter.name, "manager_id": "MGR1",
                "reason": "customer returned it", "occurred_at": datetime.now(timezone.utc).isoformat(),
                "based_on_cursor": self.counter.svc.replica.applied_cursor(), "app_version": "tamper"}

    def envelope(self, payload: Any, type_: str) -> dict:
        """The envelope `SyncClient` would send for `payload` (sha filled in by `push`), numbered
        after this attacker's own sequence."""
        self.seq += 1
        based = payload.get("based_on_cursor") if isinstance(payload, dict) else None
        at = payload.get("occurred_at") if isinstance(payload, dict) else None
        return {"event_id": str(uuid.uuid4()), "terminal_id": self.counter.name, "store_id": self.counter.store_id,
                "terminal_seq": self.seq, "type": type_, "schema_version": 1, "payload": payload,
                "payload_sha256": None, "occurred_at": at or datetime.now(timezone.utc).isoformat(),
                "based_on_cursor": based, "app_version": "tamper"}

    def push(self, env: dict) -> Sent:
        env = dict(env)
        if env.get("payload_sha256") is None:
            try:
                env["payload_sha256"] = payload_sha256(env["payload"])
            except (ValueError, TypeError):
                env["payload_sha256"] = "0" * 64
        r = self.http.post("/v1/push", json={"events": [env]}, headers={"Authorization": f"Bearer {self.counter.credential}"})
        assert r.status_code < 500, f"the server answered {r.status_code} to a tampered event: {r.text[:500]}"
        answer = None
        if r.status_code == 200:
            body = r.json()
            assert body["error"] is None, f"the server failed on a tampered event: {body['error']}"
            answer = body["results"][0]
        sent = Sent(env, r.status_code, answer)
        self.sent.append(sent)
        return sent


# ---- mutations ------------------------------------------------------------------------------------
@dataclass
class Ctx:
    """What a mutation may use: the namespace, the attacker, the honest counter's events, the server."""

    ns: Namespace
    attacker: Attacker
    other_events: list[str]  # event ids of the honest counter (another store)
    epoch: str
    head: int
    now: datetime


def _p(env: dict) -> dict:
    return env["payload"] if isinstance(env["payload"], dict) else {}


def _rows(env: dict, key: str) -> list[dict]:
    """The payload's `key` entries that are objects (an earlier mutation may have put anything there)."""
    v = _p(env).get(key)
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _coupon_entry(ctx: Ctx, code: str, template: str, discount: int, **kw) -> dict:
    return {"code": code, "template_id": template, "kind": TEMPLATES.get(template, {}).get("kind", "amount_off"), "uses": 1,
            "discount": discount, "partner": None, "in_replica": True, "parent_code": None, **kw}


def m_earn_inflate(env, ctx, a, b):
    earns = _rows(env, "earns")
    p = _p(env)
    pts = pick((13, 100, 10**6, 10**12, 10**12 + 1, 500), b)
    if earns:
        pick(earns, a)["points"] = pts
    elif isinstance(p.get("member_id"), str):
        p["earns"] = earns + [{"lot_id": f"{p.get('store_id')}/{ctx.attacker.counter.name}/{p.get('checkout_id')}:bonus:A-base",
                               "point_type": "bonus", "points": pts, "rule_id": "A-base", "expires_at": None}]


def m_earn_lot(env, ctx, a, b):
    """An earn booked on a lot id of the attacker's choosing: another member's lot, the lot the
    honest counter (store B-001, terminal PB) will earn on for its k-th sale of the example, or a
    server-named debt lot of another member."""
    p = _p(env)
    if not isinstance(p.get("member_id"), str):
        p["member_id"] = ctx.ns.members[0]
    mid = p["member_id"]
    other = pick([m for m in ctx.ns.members if m != mid] or ctx.ns.members, b)
    squat = (f"B-001/PB/{ctx.ns.prefix}B-{b % 4 + 1}:bonus:B-base", f"B-001/PB/{ctx.ns.prefix}B-{b % 4 + 1}:bonus:B-gold",
             f"debt/{other}/bonus")
    lot = pick(((() if "earn_lot_squatting" in OPEN_FINDINGS else squat) + (f"{other}-L1", f"{mid}-OLD", f"{mid}-L1")), a)
    earns = _rows(env, "earns")
    if earns:
        pick(earns, a)["lot_id"] = lot
    else:
        p["earns"] = [{"lot_id": lot, "point_type": "bonus", "points": 1, "rule_id": "A-base", "expires_at": None}]


def m_unknown_type(env, ctx, a, b):
    p = _p(env)
    pt = pick(("gold", "vip", "BONUS", "bonus ", "diamond2"), a)
    if b % 2:
        p["earns"] = _rows(env, "earns") + [{"lot_id": f"{ctx.ns.prefix}X-{a}", "point_type": pt, "points": 50, "rule_id": "x",
                                             "expires_at": None}]
    else:
        p["burns"] = _rows(env, "burns") + [{"lot_id": f"{ctx.ns.members[0]}-L1", "point_type": pt, "points": 40}]


def m_coupon_discount(env, ctx, a, b):
    coupons = _rows(env, "coupons")
    d = _discount(pick((101, 1000, 10**12, 10**12 + 1, -5, 0), b))
    if coupons:
        pick(coupons, a)["discount"] = d
    else:
        _p(env)["coupons"] = [_coupon_entry(ctx, ctx.ns.codes[pick(("off1", "off2", "pct", "cap"), a)], "T-100OFF", d)]


def m_points_discount(env, ctx, a, b):
    _p(env)["points_discount"] = pick((10, 10**6, 10**12, -1), b)


def m_coupon_uses(env, ctx, a, b):
    coupons = _rows(env, "coupons")
    uses = pick((2, 3, 5, 10, 1000, 10**12), b)
    if coupons:
        pick(coupons, a)["uses"] = uses
    else:
        i = a % 2
        code = ctx.ns.codes[f"sv{i}"]
        _p(env)["coupons"] = [_coupon_entry(ctx, code, "T-10COFFEE", 0, uses=uses)]
        _p(env)["member_id"] = ctx.ns.members[i]


def m_forged_code(env, ctx, a, b):
    code = f"{ctx.ns.prefix}FORGED-{a % 7}"
    ctx.attacker.forged.add(code)
    kind = b % 4
    extra: dict = {"in_replica": kind == 0}
    if kind == 2:
        extra["signed"] = signed_coupon(code, "T-100OFF", signer=OTHER_SIGNER)  # a signature by a key no one trusts
    elif kind == 3:
        extra["signed"] = signed_coupon(f"{ctx.ns.prefix}OTHER", "T-100OFF", signer=OTHER_SIGNER)
    _p(env)["coupons"] = _rows(env, "coupons") + [_coupon_entry(ctx, code, pick(("T-100OFF", "T-10COFFEE", "NO-SUCH"), a),
                                                                100, **extra)]


def m_refused_coupon(env, ctx, a, b):
    """A coupon the counter refuses here: expired, not yet valid, other brand, another member's."""
    role = pick(("old", "later", "bank", "sv1", "latte0", "sv0"), a)
    code = ctx.ns.codes[role]
    _p(env)["coupons"] = _rows(env, "coupons") + [_coupon_entry(ctx, code, ctx.ns.templates[code], pick((100, 50, 120), b))]


def m_member(env, ctx, a, b):
    _p(env)["member_id"] = pick((*ctx.ns.members, "M2", f"{ctx.ns.prefix}NOBODY", None, "M1"), a + b)


def m_burn(env, ctx, a, b):
    p = _p(env)
    burns = _rows(env, "burns")
    pts = pick((20, 500, 501, 1000, 10**6, 10**12, 0), b)
    if burns and a % 3 == 0:
        pick(burns, a)["points"] = pts
        return
    mid = p.get("member_id") if isinstance(p.get("member_id"), str) else ctx.ns.members[0]
    p["member_id"] = mid
    lot = pick((f"{mid}-L1", f"{mid}-OLD", f"{ctx.ns.prefix}INVENTED-{a % 3}", f"{ctx.ns.members[(a + 1) % 3]}-L1",
                f"debt/{mid}/bonus"), a)
    p["burns"] = burns + [{"lot_id": lot, "point_type": "bonus", "points": pts}]


def m_override_bogus(env, ctx, a, b):
    _p(env)["allowance_override"] = {"manager_id": pick(("NOBODY", "C01", "", "mgr1", 5, None), a), "reason": "trust me",
                                     "exceeded": []}


def m_backdate(env, ctx, a, b):
    at = (ctx.now - timedelta(days=pick((1, 3, 10, 40, 400), a), minutes=b % 60)).isoformat()
    _p(env)["occurred_at"] = at
    env["occurred_at"] = at


def m_forward(env, ctx, a, b):
    at = (ctx.now + timedelta(days=pick((1, 3, 40, 400), a))).isoformat()
    _p(env)["occurred_at"] = at
    env["occurred_at"] = at


def m_cursor(env, ctx, a, b):
    c = pick((None, f"{ctx.epoch}.0", f"{ctx.epoch}.1", "deadbeef.5", f"{ctx.epoch}.{ctx.head + 10**6}"), a)
    env["based_on_cursor"] = c
    if isinstance(env["payload"], dict):
        env["payload"]["based_on_cursor"] = c


def m_same_checkout(env, ctx, a, b):
    earlier = [s for s in ctx.attacker.sent if s.env["type"] == "settlement" and isinstance(s.env["payload"], dict)]
    if earlier:
        _p(env)["checkout_id"] = pick(earlier, a).env["payload"].get("checkout_id")


def m_reuse_seq(env, ctx, a, b):
    if ctx.attacker.sent:
        env["terminal_seq"] = pick(ctx.attacker.sent, a).env["terminal_seq"]


def m_payload_store(env, ctx, a, b):
    _p(env)["store_id"] = pick(("B-001", "A-NEW", "X"), a)


def m_lines(env, ctx, a, b):
    lines = _rows(env, "lines")
    if lines:
        ln = pick(lines, a)
        if isinstance(ln, dict):
            ln[pick(("unit_price", "quantity", "net", "sku", "points_price"), b)] = pick(
                (10_000_000, 999, 10**12, -5, "MUG", {"point_type": "bonus", "points": 0, "cash": 0}), a + b)


def m_wrong_type(env, ctx, a, b):
    """A field of the wrong type or size: payload fields, entries, or the payload itself."""
    v = pick(WRONG, b)
    p = _p(env)
    where = a % 9
    if where == 0:
        env["payload"] = pick(([], "x", 5, None), b) if a % 2 else env["payload"]
        return
    key = pick(("checkout_id", "member_id", "coupons", "burns", "earns", "lines", "occurred_at", "points_discount"), a // 9)
    if where < 5:
        p[key] = v
        return
    rows = _rows(env, pick(("coupons", "burns", "earns", "lines"), where))
    if rows and isinstance(rows[0], dict):
        rows[0][pick(("uses", "points", "discount", "code", "lot_id", "point_type", "unit_price", "quantity"), a // 9)] = v


def m_huge(env, ctx, a, b):
    v = pick(HUGE, b)
    for key in ("coupons", "burns", "earns", "lines"):
        rows = _rows(env, key)
        if rows and isinstance(rows[0], dict) and a % 4 == ("coupons", "burns", "earns", "lines").index(key):
            field_ = pick(("uses", "points", "discount", "unit_price", "quantity", "net", "line_id"), a // 4)
            rows[0][field_] = _discount(v) if field_ == "discount" else v
            return
    _p(env)[pick(("gross", "total", "points_discount", "coupon_discount"), a)] = v


def m_hash(env, ctx, a, b):
    env["payload_sha256"] = pick(("0" * 64, "f" * 64), a)


SALE_MUTATIONS: dict[str, Callable] = {
    "earn_inflate": m_earn_inflate, "earn_lot": m_earn_lot, "unknown_type": m_unknown_type, "coupon_discount": m_coupon_discount,
    "points_discount": m_points_discount, "coupon_uses": m_coupon_uses, "forged_code": m_forged_code,
    "refused_coupon": m_refused_coupon, "member": m_member, "burn": m_burn, "override_bogus": m_override_bogus,
    "backdate": m_backdate, "forward": m_forward, "cursor": m_cursor, "same_checkout": m_same_checkout,
    "reuse_seq": m_reuse_seq, "payload_store": m_payload_store, "lines": m_lines, "wrong_type": m_wrong_type,
    "huge": m_huge, "hash": m_hash,
}


def v_manager(env, ctx, a, b):
    _p(env)["manager_id"] = pick(("NOBODY", "C01", "mgr1", "", "MGR1 ", 7, None), a)


def v_target(env, ctx, a, b):
    """The void names something else: another store's event, an unknown id, a void, itself."""
    choices = [*ctx.other_events, str(uuid.uuid4()), env["event_id"], *(s.env["event_id"] for s in ctx.attacker.sent)]
    _p(env)["voids_event_id"] = pick(choices, a + b)


def v_checkout(env, ctx, a, b):
    earlier = [s.env["payload"].get("checkout_id") for s in ctx.attacker.sent if isinstance(s.env["payload"], dict)]
    _p(env)["checkout_id"] = pick(earlier or ["nothing"], a) if b % 2 else f"{ctx.ns.prefix}other-{a}"


def v_claims(env, ctx, a, b):
    _p(env)["coupons"] = [{"code": ctx.ns.codes[pick(("sv0", "off1", "sv1"), a)], "uses": -pick((1, 100000), b), "discount": 0}]
    _p(env)["points"] = [{"lot_id": pick((f"{ctx.ns.members[0]}-L1", "INVENTED"), a), "point_type": "bonus",
                          "delta": pick((10**9, 500, -500), b)}]


def v_reason(env, ctx, a, b):
    _p(env)["reason"] = pick(("", "   ", None, 5), a)


VOID_MUTATIONS: dict[str, Callable] = {
    "manager": v_manager, "target": v_target, "checkout": v_checkout, "claims": v_claims, "reason": v_reason,
    "backdate": m_backdate, "cursor": m_cursor, "reuse_seq": m_reuse_seq, "wrong_type": m_wrong_type, "hash": m_hash,
}

_ab = st.integers(0, 2**16)
sale_mutations = st.lists(st.tuples(st.sampled_from(sorted(SALE_MUTATIONS)), _ab, _ab), max_size=3)
void_mutations = st.lists(st.tuples(st.sampled_from(sorted(VOID_MUTATIONS)), _ab, _ab), max_size=2)


def mutate(env: dict, ctx: Ctx, mutations, table: dict[str, Callable]) -> dict:
    env = copy.deepcopy(env)
    for name, a, b in mutations:
        table[name](env, ctx, a, b)
    return env


# ---- the bounds ------------------------------------------------------------------------------------
def earn_bound(store_id: str, lines: Any) -> dict[str, int]:
    """The most points of each type the catalog's earn rules can give at `store_id` for a basket of
    these lines, computed from the catalog JSON alone: every rule whose store / brand scope admits
    the store, at its largest multiplier, on the basket's gross (what is paid is never more).
    Lines the server could not read count for nothing more than their gross."""
    store = next(s for s in BASE_CATALOG["stores"] if s["id"] == store_id)
    gross = 0
    for ln in lines if isinstance(lines, list) else ():
        if not isinstance(ln, dict):
            continue
        price, qty = ln.get("unit_price"), ln.get("quantity")
        ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (price, qty))
        if ints and 0 <= price <= 10_000_000 and 1 <= qty <= 999:
            gross += price * qty
    out: dict[str, int] = {}
    for r in BASE_CATALOG["earn_rules"]:
        scope = r.get("scope", {})
        if scope.get("brands") and store["brand"] not in scope["brands"]:
            continue
        if scope.get("stores") and store_id not in scope["stores"]:
            continue
        factor = max([1] + [m["factor"] for m in r.get("multipliers", [])])
        out[r["point_type"]] = out.get(r["point_type"], 0) + gross // r["every"] * r["points"] * factor
    return out


def discount_bound(template_id: str | None, lines: Any, uses: int) -> int:
    """The most one coupon entry of `template_id` can take off a basket, from the catalog JSON:
    an amount-off its amount, a percent-off its percent of the gross, a voucher `uses` times the
    dearest unit (under its price cap)."""
    t = TEMPLATES.get(template_id or "")
    ok = [ln for ln in (lines if isinstance(lines, list) else ()) if isinstance(ln, dict)
          and isinstance(ln.get("unit_price"), int) and isinstance(ln.get("quantity"), int)]
    gross = sum(max(ln["unit_price"], 0) * max(ln["quantity"], 0) for ln in ok)
    if t is None:
        return 0
    if t["kind"] == "amount_off":
        return min(t["amount"], gross)
    if t["kind"] == "percent_off":
        return gross * t["percent"] // 100
    dearest = max([max(ln["unit_price"], 0) for ln in ok] + [0])
    if t.get("price_cap") is not None:
        dearest = min(dearest, t["price_cap"])
    return dearest * max(uses, 0)


@dataclass
class Snapshot:
    """The server before one push: the lots of every member the event may touch; the time."""

    lots: dict[str, list[dict]]
    at: datetime


# The section 4 bounds (server re-check of the offline allowance, claimed times and cursors); all are kept
# but `redeemed_after_served_void`, a documented gap pinned by an xfail(strict=True) regression test in
# test_tampered_streams.py: the server cannot tell a cursor lowered on purpose from a sale made before a pull.
SECTION_4_GAPS = frozenset({"voucher_uses_beyond_allowance", "coupon_outside_window", "expired_lot_spent",
                            "redeemed_after_served_void", "single_use_reused_by_one_counter"})
KNOWN_GAPS = frozenset({"redeemed_after_served_void"})  # documented in docs/sync.md: a terminal claiming to know nothing
DEVICES = 2  # counters in a stream: each may honestly over-use a coupon within its own offline allowance


@dataclass
class Checker:
    """The bounds on the server's ledgers, asserted after every push (of a tampered or honest event).

    Always:
      B1  the server never answers 5xx, never fails on an event (`Attacker.push`);
      B2  a rejected event, a duplicate and an event refused before intake book nothing;
      B3  nothing quarantined is booked: a coupon the rules refuse has no use booked by the event;
          a figure replaced by the server's (earn, discount, points beyond the allowance) is booked
          at the server's figure; a blocked member's sale moves no points;
      B4  no earn beyond the catalog's rules for the claimed basket (`earn_bound`), none of a
          point type the catalog lacks; a coupon's discount within its template (`discount_bound`);
      B5  a points debt opened by one event is at most the offline allowance (`points_per_member`)
          over the member's usable balance at the time the server judges it (no manager override
          is ever claimed by a genuine manager in these streams);
      B6  a void reverses exactly what the server booked for its original, once;
      B7  coupon uses and lot points equal the namespace's start plus the central ledgers; no
          coupon row for a code the server never issued.
    Unless named in `gaps` (`KNOWN_GAPS`: the server does not keep them yet):
      voucher_uses_beyond_allowance  a stored voucher's used uses at most its total + the
          allowance (`stored_voucher_uses`) per counter that trades in the stream (`DEVICES`);
      coupon_outside_window  no use of a coupon whose window excludes the whole example (ended
          before it began, starts after it ends), whatever occurred_at claims;
      expired_lot_spent  a debt measured on the balance usable now (a lot that expired before the
          example cannot pay, whatever occurred_at claims);
      redeemed_after_served_void  no use of a coupon voided centrally in a state served to the
          counter (a pull that caught up) before the sale's occurred_at, whatever based_on_cursor
          claims (a sale settled offline before that pull is honest: it did not know);
      single_use_reused_by_one_counter  a single-use coupon's net uses by one counter at most 1
          (its own replica shows it used: no honest counter redeems it twice)."""

    store: Any
    ns: Namespace
    allowances: dict
    gaps: frozenset[str] = KNOWN_GAPS
    forged: set[str] = field(default_factory=set)  # codes the server never issued that the stream used
    admin_voids: dict[str, int] = field(default_factory=dict)  # code -> change seq of the central void

    def snapshot(self, env: dict) -> Snapshot:
        members = set(self.ns.members)
        p = env["payload"] if isinstance(env.get("payload"), dict) else {}
        if isinstance(p.get("member_id"), str) and len(p["member_id"]) <= 200:
            members.add(p["member_id"])
        return Snapshot({m: self.store.lots(m) for m in members}, datetime.now(timezone.utc))

    def _rows(self, eid: str):
        s = self.store.conn
        coupons = s.execute("SELECT code, uses, discount, kind, member_id FROM coupon_ledger WHERE event_id = ? ORDER BY id",
                            (eid,)).fetchall()
        points = s.execute("SELECT member_id, lot_id, point_type, delta, kind FROM point_ledger WHERE event_id = ? ORDER BY id",
                           (eid,)).fetchall()
        return coupons, points

    def after_push(self, sent: Sent, before: Snapshot, *, counter: Counter, earlier_ids: set[str]) -> None:
        env, ans = sent.env, sent.answer
        eid = env["event_id"]
        coupons, points = self._rows(eid)
        stored = self.store.conn.execute("SELECT status FROM events WHERE event_id = ?", (eid,)).fetchone()
        if ans is None:  # refused before intake (403, 422): nothing stored
            assert stored is None and not coupons and not points, f"refused {sent.status_code} but stored: {stored}"
        elif ans["status"] == "rejected" or (ans["status"] == "duplicate" and eid not in earlier_ids):
            assert not coupons and not points, f"{ans['status']} event {eid} booked {coupons} {points}"
        elif ans["status"] in ("accepted", "accepted_with_conflict"):
            if env["type"] == "settlement":
                self._settlement(env, coupons, points, before, counter)
            else:
                self._void(env, coupons, points)
        self._consistent()

    # B3, B4, B5; coupon_outside_window, redeemed_after_served_void, expired_lot_spent
    def _settlement(self, env: dict, coupons, points, before: Snapshot, counter: Counter) -> None:
        p = env["payload"]
        eid = env["event_id"]
        claimed_at = parse_at(p.get("occurred_at")) or env_dt(env)  # what the server takes as the sale's time
        conflicts = self.store.conn.execute("SELECT kind, decision, subject, details FROM conflicts WHERE event_id = ?",
                                            (eid,)).fetchall()
        quarantined = [(subj, decision, json.loads(d)) for kind, decision, subj, d in conflicts if kind == "quarantined"]
        entries: dict[str, list[dict]] = {}
        for c in p["coupons"]:
            if isinstance(c, dict):
                entries.setdefault(c.get("code"), []).append(c)
        booked: dict[str, list[tuple[int, int]]] = {}
        for code, uses, discount, kind, _m in coupons:
            assert kind == "redeem", (eid, kind)
            booked.setdefault(code, []).append((uses, discount))
        for subj, decision, d in quarantined:
            r, rows = d["reason"], booked.get(subj, [])
            if subj in entries and decision == "not_booked":  # a coupon the rules refuse: one entry fewer booked
                n_q = sum(1 for s2, dec2, _d in quarantined if s2 == subj and dec2 == "not_booked")
                assert len(rows) <= len(entries[subj]) - n_q, f"B3 coupon {subj} quarantined ({r}) but booked by {eid}: {rows}"
            elif r == "discount_exceeds_template":
                assert all(disc <= d["server"] for _u, disc in rows), f"B3 {subj}: {rows} booked, the server's figure {d}"
            elif r in USE_BOUNDS and len(entries.get(subj, ())) == 1:
                assert sum(u for u, _d in rows) <= d["server"], f"B3 {subj}: {rows} booked, the server's figure {d}"
            elif r == "points_beyond_allowance":
                burnt = -sum(delta for _m, _l, pt, delta, k in points if k == "burn" and pt == d["point_type"])
                assert burnt <= d["server"], f"B3 points beyond the allowance: {burnt} booked, server figure {d['server']}"
            elif r == "earn_exceeds_rules":
                claimed_by_type: dict[str, int] = {}
                for e in p["earns"]:
                    claimed_by_type[e["point_type"]] = claimed_by_type.get(e["point_type"], 0) + e["points"]
                for pt in (pt for pt, n in claimed_by_type.items() if n == d["claimed"]):
                    earned = sum(delta for _m, _l, pt2, delta, k in points if k == "earn" and pt2 == pt)
                    assert earned <= d["server"], f"B3 {earned} {pt} points earned, the server's figure {d}"
            elif r == "member_blocked":
                assert not points, f"B3 a blocked member's sale moved points: {points}"
        # B4: coupons, each within its template; every booked code is issued
        for code, rows in booked.items():
            body = self.store.get("coupon", code)
            assert body is not None and code not in self.forged, f"B7 a use of {code}, never issued, was booked"
            for uses, disc in rows:
                bound = discount_bound(body["template_id"], p.get("lines"), uses)
                assert 0 <= disc <= bound, f"B4 coupon {code}: discount {disc} booked, its template gives at most {bound}"
            if "coupon_outside_window" not in self.gaps:
                win = self.ns.windows.get(code)
                assert win is None, f"coupon_outside_window: coupon {code} ({win} for the whole example) was booked by " \
                                    f"event {eid} (occurred_at {p.get('occurred_at')})"
            if "redeemed_after_served_void" not in self.gaps:
                vseq = self.admin_voids.get(code)
                knew = counter.knew_at(claimed_at)
                assert vseq is None or vseq > knew, f"redeemed_after_served_void: coupon {code} voided at seq {vseq}, " \
                    f"served to the counter up to {knew} before the sale's occurred_at {claimed_at}, was booked " \
                    f"(based_on_cursor {env.get('based_on_cursor')})"
        # B4: earns
        earned: dict[str, int] = {}
        for _m, _l, pt, delta, k in points:
            if k == "earn":
                earned[pt] = earned.get(pt, 0) + delta
        bound = earn_bound(env["store_id"], p.get("lines"))
        for pt, pts in earned.items():
            assert pt in CATALOG_TYPES and 0 <= pts <= bound.get(pt, 0), \
                f"B4 {pts} {pt} points earned by event {eid}; the catalog's rules give at most {bound.get(pt, 0)}"
        # B5: debts
        burnt: dict[tuple[str, str], int] = {}
        for mid, _l, pt, delta, k in points:
            if k == "burn":
                burnt[(mid, pt)] = burnt.get((mid, pt), 0) - delta
        judged = min(claimed_at, datetime.now(timezone.utc))
        limit = self.allowances["points_per_member"]
        for (mid, pt), pts in burnt.items():
            lots = before.lots.get(mid, [])
            have = usable(lots, pt, judged)
            assert pts - have <= limit, f"B5 event {eid} spent {pts} {pt} of {mid} with {have} usable: a debt beyond the " \
                                        f"allowance {limit}"
            if "expired_lot_spent" not in self.gaps:
                now_have = usable(lots, pt, before.at)
                assert pts - now_have <= limit, f"expired_lot_spent: event {eid} spent {pts} {pt} of {mid} with {now_have} " \
                    f"usable now (occurred_at {p.get('occurred_at')}): a debt beyond the allowance {limit}"

    # B6
    def _void(self, env: dict, coupons, points) -> None:
        orig = env["payload"]["voids_event_id"]
        oc, op = self._rows(orig)
        want_c = sorted((code, -uses, -disc) for code, uses, disc, kind, _m in oc if kind == "redeem")
        got_c = sorted((code, uses, disc) for code, uses, disc, kind, _m in coupons)
        assert got_c == want_c, f"B6 void {env['event_id']} booked coupon rows {got_c}, the original {orig} had {want_c}"
        want_p = sorted((mid, lot, pt, -delta) for mid, lot, pt, delta, kind in op if kind in ("earn", "burn"))
        got_p = sorted((mid, lot, pt, delta) for mid, lot, pt, delta, kind in points if kind in ("void_earn", "void_burn"))
        assert got_p == want_p, f"B6 void {env['event_id']} booked points {got_p}, the original had {want_p}"
        n = self.store.conn.execute("SELECT COUNT(*) FROM events WHERE type = 'void' AND status != 'rejected' "
                                    "AND json_extract(payload, '$.voids_event_id') = ?", (orig,)).fetchone()[0]
        assert n == 1, f"B6 event {orig} voided {n} times"

    # B7; voucher_uses_beyond_allowance, single_use_reused_by_one_counter
    def _consistent(self) -> None:
        s = self.store.conn
        for code, total in self.ns.totals.items():
            body = self.store.get("coupon", code)
            led = s.execute("SELECT COALESCE(SUM(uses), 0) FROM coupon_ledger WHERE code = ?", (code,)).fetchone()[0]
            assert body["used_uses"] == led >= 0, f"B7 coupon {code}: used {body['used_uses']}, ledger {led}"
            if "voucher_uses_beyond_allowance" not in self.gaps and self.ns.templates[code] == "T-10COFFEE":
                most = total + DEVICES * self.allowances["stored_voucher_uses"]
                assert body["used_uses"] <= most, f"voucher_uses_beyond_allowance: stored voucher {code}: {body['used_uses']} " \
                                                  f"uses booked, at most {total} + {DEVICES} x allowance " \
                                                  f"{self.allowances['stored_voucher_uses']}"
            if "single_use_reused_by_one_counter" not in self.gaps and total == 1:
                per = s.execute("SELECT store_id, terminal_id, SUM(uses) FROM coupon_ledger WHERE code = ? "
                                "AND store_id IS NOT NULL GROUP BY store_id, terminal_id HAVING SUM(uses) > 1", (code,)).fetchall()
                assert not per, f"single_use_reused_by_one_counter: single-use coupon {code} used by one counter: {per}"
        for code in self.forged:
            assert self.store.get("coupon", code) is None, f"B7 a coupon row was created for {code}, never issued"
        for (mid, pt), start in self.ns.start_points.items():
            total = sum(lot["points"] for lot in self.store.lots(mid) if lot["point_type"] == pt)
            led = s.execute("SELECT COALESCE(SUM(delta), 0) FROM point_ledger WHERE member_id = ? AND point_type = ?",
                            (mid, pt)).fetchone()[0]
            assert total == start + led, f"B7 {mid} {pt}: lots sum to {total}, start {start} + ledger {led}"
        bad = s.execute(f"SELECT DISTINCT point_type FROM point_ledger WHERE point_type NOT IN "
                        f"({','.join('?' * len(CATALOG_TYPES))})", sorted(CATALOG_TYPES)).fetchall()
        assert not bad, f"B4 points of types the catalog lacks were booked: {bad}"


__all__ = ["Attacker", "Checker", "Ctx", "SALE_MUTATIONS", "VOID_MUTATIONS", "mutate", "sale_mutations", "void_mutations",
           "earn_bound", "discount_bound", "KNOWN_GAPS", "SECTION_4_GAPS"]
