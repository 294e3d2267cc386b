"""Pure judgement of pushed events: facts fetched beforehand in, rows to write and conflicts out.

No database, no clock: `sync.server.facts` fetches what an event names (its member, coupons,
templates, central voids, lots...) into a `Facts`, the functions here decide, and
`sync.server.ledgers` writes the resulting `Verdict.ops` in the event's transaction. A refusal
of the whole event is a `Reject`, raised before anything is written.

    verdict = judge_settlement(env, facts)     # or judge_void, judge_resolution
    write_ops(store, verdict.ops); record(verdict.conflicts)

What a settlement's `based_on_cursor` and `occurred_at` are taken to mean is bounded first
(`sync.server.bounds`); coupon uses beyond what a coupon had left are then bounded by the
terminal's own uses, by what its cursor shows it knew, and by the offline allowance (`_redeem`).

Amounts are integers: coupon uses, points, money in minor units. Times are aware datetimes;
stored times are ISO 8601 strings with a zone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sync.allowances import DEFAULT_CEILINGS
from sync.protocol import is_control
from sync.server.bounds import TerminalClaims, bound_settlement
from sync.server.errors import Reject
from sync.server.next_order import issued_next_order, voided_next_order
from sync.server.purchases import KIND as PURCHASES
from sync.server.purchases import (add_sale_spend, booked_total, count_purchase, prune_sales, remove_claim,
                                   take_sale_spend, uncount_purchase, withdrawn_claims)
from sync.server.referrals import KIND as REFERRAL
from sync.server.referrals import judge_referral
from sync.server.rules import RuleFacts, quarantine, recheck_settlement
from terminal.domain.promo_campaign import campaign_bound
from terminal.domain.visit_gift import gift_code, spend_delta

MAX_AMOUNT = 10**12  # uses, points, discounts: far beyond any real value, well inside SQLite's 64-bit integers
MAX_ID = 200  # characters of a code, lot id, point type, checkout or member id
MAX_COUPON_USES = 100  # coupon entries of one settlement (20 coupons at the counter, bundles expand to their vouchers)
MAX_BURNS = 200  # lots one settlement may burn from
MAX_EARNS = 50  # lots one settlement may earn (one per winning earn rule)
VOIDABLE = ("settlement", "exchange", "points_claim", "visit_gift_claim")  # what a `void` event reverses (a top-up: `value_topup_void`)


@dataclass(frozen=True, slots=True)
class Put:
    """Upsert entity (kind, key) with a new change sequence."""

    kind: str
    key: str
    body: dict
    member_id: str | None = None


@dataclass(frozen=True, slots=True)
class CouponEntry:
    """One central coupon_ledger row (uses > 0 redeems, < 0 reverses)."""

    event_id: str | None
    code: str
    uses: int
    discount: int
    kind: str  # redeem | void
    store_id: str | None
    terminal_id: str | None
    checkout_id: str | None
    at: str
    member_id: str | None = None  # the sale's member: per-member limits are counted chain-wide on these
    template_id: str | None = None


@dataclass(frozen=True, slots=True)
class PromotionEntry:
    """One central promotion_ledger row: what an automatic promotion took off a sale (kind apply,
    discount in minor units), or its exact negation (kind void)."""

    event_id: str | None
    promotion_id: str
    discount: int
    units: int
    kind: str  # apply | void
    store_id: str | None
    terminal_id: str | None
    checkout_id: str | None
    at: str
    member_id: str | None = None


@dataclass(frozen=True, slots=True)
class PointEntry:
    """One central point_ledger row (delta in points of `point_type`)."""

    event_id: str | None
    member_id: str
    lot_id: str
    point_type: str
    delta: int
    kind: str  # earn | burn | void_earn | void_burn | adjust | debt_settle
    store_id: str | None
    terminal_id: str | None
    checkout_id: str | None
    at: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Resolution:
    """A manager's decision on conflict `conflict_id` (row of conflict_resolutions; marks it resolved)."""

    conflict_id: int
    event_id: str
    resolution: str
    reason: str
    manager_id: str
    store_id: str
    member_id: str | None
    amount: int | None
    at: str


@dataclass(frozen=True, slots=True)
class ClaimEntry:
    """One central giveaway_claims row: a booked claim (`count` 1) or its void (-1); the writer
    (`sync.server.ledgers`) then puts the campaign's and the member's tallies into the feed."""

    event_id: str
    campaign_id: str
    member_id: str
    store_id: str
    terminal_id: str
    points: int
    count: int
    claim_event_id: str  # the claim's event (for a void: the voided claim's)
    at: str


Op = Put | CouponEntry | PointEntry | Resolution | TerminalClaims | ClaimEntry


@dataclass
class Facts:
    """What the judge may know about one event, fetched before it decides.

    `coupons`, `templates`, `voids`, `first_redemptions` and `lots` hold an entry for every
    code, template id and lot id the event names (None / missing: unknown centrally); `lots`
    also holds every lot of the event's member (debts are netted over them)."""

    epoch: str
    now: datetime
    member: dict | None = None
    member_seq: int = 0  # change sequence of the member row
    coupons: dict[str, dict | None] = field(default_factory=dict)
    templates: dict[str, dict] = field(default_factory=dict)  # id -> template body (parsed JSON)
    voids: dict[str, dict] = field(default_factory=dict)  # code -> {"seq", "reason", "at"}
    first_redemptions: dict[str, dict] = field(default_factory=dict)  # code -> first 'redeem' ledger row
    lots: dict[str, dict] = field(default_factory=dict)
    point_types: frozenset[str] = frozenset()
    original: dict | None = None  # void: {"store_id", "status", "payload"} of the voided event
    already_voided: bool = False
    has_returns: bool = False  # void: returns of the sale were booked (sync/server/judge_returns.py)
    conflict: dict | None = None  # resolution: {"id", "store_id", "amount", "resolved_at", "member_id"}
    rules: RuleFacts | None = None  # settlement: what the re-judgement with terminal/domain needs (None: not re-judged)
    manager: dict | None = None  # the staff row a manager action names (void, resolution, allowance override)
    original_coupons: list[dict] = field(default_factory=list)  # void: the original's redeem rows {code, uses, discount, template_id}
    original_points: list[dict] = field(default_factory=list)
    original_promotions: list[dict] = field(default_factory=list)  # void: its promotion_ledger rows {promotion_id, discount, units}  # void: its earn/burn rows {lot_id, point_type, delta, kind}
    # settlement, the offline bounds (sync.server.bounds): the feed's newest change sequence (None: not checked);
    # this terminal's terminal_claims row {"epoch", "known_seq", "window_seq", "occurred_at"} (None: none yet);
    # the change sequence of each named coupon row (the version a replica at that cursor holds);
    # this terminal's own coupon_ledger uses of each named code, one (visible_seq of the event, net uses) per event
    head: int | None = None
    previous: dict | None = None
    coupon_seqs: dict[str, int] = field(default_factory=dict)
    own_uses: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # the visible_seq of this terminal's settlements posted with an honest-looking "could not know" conflict
    # (a void, revocation or block after its pull) above its previous window: they count against `stale_state_uses`
    stale_seqs: list[int] = field(default_factory=list)
    # per named code: uses booked by events made visible after the state the event is judged to know
    # (`bounds.known_seq`), by any terminal: the coupon as the terminal's replica showed it (`_shown_remaining`)
    uses_after: dict[str, int] = field(default_factory=dict)
    # issue 15 (sync/server/member_value.py): an exchange's offer, template, store; a claim's campaign and tallies;
    # a void of either: "issued" (the exchange's voucher body) / "claims" (the claim's giveaway_claims rows)
    value: dict = field(default_factory=dict)
    # settlement and void: the member's `member_purchases` row (sync.server.purchases), None: no purchase yet
    purchases: dict | None = None
    # settlement with a referral code, and void: the member's `referral` row (sync.server.referrals); the referrer known centrally
    referral: dict | None = None
    referrer_known: bool = False


@dataclass
class Verdict:
    ops: list[Op] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)


# ---- small checks -----------------------------------------------------------------------------
def is_amount(v: Any, lo: int = -MAX_AMOUNT, hi: int = MAX_AMOUNT) -> bool:
    """An integer the ledgers can hold (bools are not amounts)."""
    return isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


# Times a terminal may claim: anything outside is no clock's reading, and near year 1 or 9999 the
# bounds' arithmetic (a claim minus CLOCK_SKEW) overflowed: a year-1 sale made every later push of
# its terminal answer internal_error.
EARLIEST_AT = datetime(2000, 1, 1, tzinfo=timezone.utc)
LATEST_AT = datetime(2100, 1, 1, tzinfo=timezone.utc)


def parse_at(v: Any) -> datetime | None:
    """An aware datetime from an ISO string within EARLIEST_AT..LATEST_AT, else None."""
    if not isinstance(v, str):
        return None
    try:
        d = datetime.fromisoformat(v)
    except (ValueError, OverflowError):
        return None
    if d.tzinfo is None:
        return None
    try:
        return d if EARLIEST_AT <= d < LATEST_AT else None
    except OverflowError:  # an offset that takes it past year 1 or 9999 in UTC
        return None


def env_dt(env: dict) -> datetime:
    v = env["occurred_at"]
    return v if isinstance(v, datetime) else datetime.fromisoformat(str(v))


def claimed_time(p: dict, env: dict) -> datetime:
    """The event's time: the payload's `occurred_at`, else the envelope's; Reject invalid_payload
    when neither is a sane aware time (EARLIEST_AT..LATEST_AT)."""
    at = parse_at(p.get("occurred_at"))
    if at is None and p.get("occurred_at") is not None:  # a time, but no clock's reading: not replaced silently
        raise Reject("invalid_payload", f"payload.occurred_at must be an ISO 8601 time with an offset between "
                     f"{EARLIEST_AT.year} and {LATEST_AT.year - 1}", field="occurred_at")
    if at is None:
        v = env.get("occurred_at")
        at = parse_at(v.isoformat() if isinstance(v, datetime) else v)
    if at is None:
        raise Reject("invalid_payload", f"occurred_at must be an ISO 8601 time with an offset between "
                     f"{EARLIEST_AT.year} and {LATEST_AT.year - 1}", field="occurred_at")
    return at


def _dt(s: str | None) -> datetime | None:
    return None if s is None else datetime.fromisoformat(s)


def require(p: dict, key: str, types) -> Any:
    """payload[key] of `types`, else Reject invalid_payload."""
    v = p.get(key)
    if not isinstance(v, types):
        raise Reject("invalid_payload", f"payload.{key} is missing or of the wrong type", field=key)
    return v


def usable(lot: dict, at: datetime) -> bool:
    return lot["expires_at"] is None or at < _dt(lot["expires_at"])


def manager_problem(staff: dict | None, staff_id: object, store_id: str) -> str | None:
    """Why `staff_id` may not approve at `store_id` (None: an active manager of that store)."""
    if staff is None:
        return f"Staff {staff_id!r} is not known (or no longer active) centrally."
    if staff.get("role") != "manager":
        return f"Staff {staff_id} is not a manager."
    stores = staff.get("stores") or []
    if stores and store_id not in stores:
        return f"Staff {staff_id} is not a manager of store {store_id}."
    return None


def require_manager(p: dict, facts: Facts, store_id: str) -> str:
    """payload.manager_id, an active manager of the store, else Reject not_a_manager."""
    manager_id = require(p, "manager_id", str)
    why = manager_problem(facts.manager, manager_id, store_id)
    if why is not None:
        raise Reject("not_a_manager", why, manager_id=manager_id[:64])
    return manager_id


# ---- the working state of one judgement ---------------------------------------------------------
class Book:
    """Working copies of the fetched rows plus the ops that change them, in write order."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.coupons = dict(facts.coupons)
        self.lots = {k: dict(v) for k, v in facts.lots.items()}
        self.first = dict(facts.first_redemptions)
        self.new_coupons: dict[str, dict] = {}  # genuine signed codes met for the first time
        self.verdict = Verdict()
        self.window: int | None = None  # settlement: this terminal's unsynced window (sync.server.bounds)
        self.used_here: dict[str, int] = {}  # settlement: uses booked so far by this event, per code
        self.stale_here = 0  # settlement: "could not know" postings booked so far by this event (`_stale_room`)

    @property
    def ops(self) -> list[Op]:
        return self.verdict.ops

    def conflict(self, c: dict) -> None:
        self.verdict.conflicts.append(c)

    def balance(self, member_id: str, point_type: str, at: datetime) -> int:
        """Usable (unexpired, positive) points of a type at `at`."""
        return sum(lot["points"] for lot in self.lots.values()
                   if lot["member_id"] == member_id and lot["point_type"] == point_type and lot["points"] > 0 and usable(lot, at))

    def debt(self, member_id: str, point_type: str) -> int:
        """Points owed (the negative lots of a type, whatever their expiry), >= 0."""
        return -sum(lot["points"] for lot in self.lots.values()
                    if lot["member_id"] == member_id and lot["point_type"] == point_type and lot["points"] < 0)

    def move_points(self, member_id: str, lot_id: str, point_type: str, delta: int, kind: str, ctx: dict, *,
                    expires_at: str | None = None, earned_at: str | None = None, note: str | None = None) -> None:
        """Add `delta` points to a lot (created at 0 if unknown; a debit of an unknown lot other than
        a server-named debt lot creates an `unknown_lot` conflict)."""
        lot = self.lots.get(lot_id)
        if lot is None:
            if kind in ("burn", "void_earn") and not lot_id.startswith("debt/"):
                self.conflict({"kind": "unknown_lot", "decision": "lot_created_negative", "subject": lot_id, "amount": -delta,
                               "message": f"Points were moved on lot {lot_id}, unknown centrally; the lot was created.",
                               "details": {"lot_id": lot_id, **ctx}})
            lot = {"lot_id": lot_id, "member_id": member_id, "point_type": point_type, "points": 0,
                   "earned_at": earned_at or ctx["at"], "expires_at": expires_at}
        elif lot["member_id"] != member_id:
            raise Reject("lot_member_mismatch", f"Lot {lot_id} belongs to another member.", lot_id=lot_id)
        lot = {**lot, "points": lot["points"] + delta}
        self.lots[lot_id] = lot
        self.ops.append(Put("point_lot", lot_id, lot, member_id))
        self.ops.append(PointEntry(ctx.get("event_id"), member_id, lot_id, point_type, delta, kind, ctx.get("store_id"),
                                   ctx.get("terminal_id"), ctx.get("checkout_id"), ctx["at"], note))

    def settle_debts(self, member_id: str, point_type: str, at: datetime, ctx: dict) -> None:
        """Pay negative lots (debts) from positive usable lots, soonest-expiring first; new ledger entries."""
        lots = [lot for lot in self.lots.values() if lot["member_id"] == member_id and lot["point_type"] == point_type]
        debts = sorted((dict(lot) for lot in lots if lot["points"] < 0), key=lambda lot: lot["lot_id"])
        if not debts:
            return
        pos = sorted((dict(lot) for lot in lots if lot["points"] > 0 and usable(lot, at)),
                     key=lambda lot: (_dt(lot["expires_at"]).timestamp() if lot["expires_at"] else float("inf"),
                                      lot["earned_at"], lot["lot_id"]))
        for d in debts:
            for p in pos:
                if d["points"] >= 0:
                    break
                t = min(-d["points"], p["points"])
                if t <= 0:
                    continue
                self.move_points(member_id, p["lot_id"], point_type, -t, "debt_settle", ctx, note=f"pays debt on {d['lot_id']}")
                p["points"] -= t
                self.move_points(member_id, d["lot_id"], point_type, t, "debt_settle", ctx, note=f"paid from {p['lot_id']}")
                d["points"] += t

    def put_coupon(self, code: str, body: dict) -> None:
        self.coupons[code] = body
        self.ops.append(Put("coupon", code, body, body.get("member_id")))


# ---- settlement ----------------------------------------------------------------------------------
def judge_settlement(env: dict, facts: Facts) -> Verdict:
    """Coupons redeemed, points burnt and earned by one settlement; conflicts as in docs/sync.md.

    With `facts.rules`, every claimed figure is first re-judged with terminal/domain
    (`sync.server.rules`): what the rules cannot produce is quarantined, not booked as claimed."""
    p = env["payload"]
    store_id, terminal_id = env["store_id"], env["terminal_id"]
    if p.get("store_id") != store_id or p.get("terminal_id") != terminal_id:
        raise Reject("envelope_mismatch", "The payload's store/terminal differ from the envelope's.")
    checkout_id = require(p, "checkout_id", str)
    member_id = p.get("member_id")
    if not (member_id is None or isinstance(member_id, str)):
        raise Reject("invalid_payload", "payload.member_id is of the wrong type", field="member_id")
    coupons, burns, earns = _well_formed(p)
    # Points are judged at the moment the terminal reports (an honest offline terminal spent
    # lots that were valid then), but never later than now: a clock running ahead must not
    # expire lots early and open false overdraft conflicts; and never earlier than this
    # terminal's own earlier settlements allow (sync.server.bounds).
    claimed_at = claimed_time(p, env)
    if member_id is not None and facts.member is None:
        raise Reject("unknown_member", f"Member {member_id} is not known centrally.", member_id=member_id)
    if (burns or earns) and member_id is None:
        raise Reject("invalid_payload", "points moved without a member", field="member_id")
    bounded = bound_settlement(env, claimed_at, facts.previous, epoch=facts.epoch, head=facts.head, now=facts.now)
    occurred, b_seq = bounded.occurred, bounded.known_seq
    ctx = {"event_id": env["event_id"], "store_id": store_id, "terminal_id": terminal_id, "checkout_id": checkout_id,
           "at": occurred.isoformat()}
    book = Book(facts)
    book.window = bounded.window_seq
    book.verdict.conflicts.extend(bounded.conflicts)
    override = _override(book, p, store_id)
    if override:  # honoured: listed for the store manager and HQ to review (what was approved, by whom, why)
        o = p["allowance_override"]
        exceeded = o.get("exceeded") if isinstance(o.get("exceeded"), list) else []
        book.conflict({"kind": "allowance_overridden", "decision": "honoured_manager_override", "subject": member_id,
                       "amount": None, "message": f"Manager {o['manager_id']} approved a sale beyond the offline allowance "
                       f"at {store_id}/{terminal_id}: {str(o.get('reason') or '')[:200]!r}.",
                       "details": {"manager_id": o["manager_id"], "reason": str(o.get("reason") or "")[:200],
                                   "exceeded_kinds": sorted({str(x.get("kind"))[:40] for x in exceeded[:20] if isinstance(x, dict)}),
                                   **ctx}})
    if facts.rules is not None:
        rc = recheck_settlement(p, facts.rules, at=occurred, earn_at=bounded.earn_at, based_seq=b_seq, ctx=ctx,
                                override=override)
        coupons, burns, earns = rc.coupons, rc.burns, rc.earns
        book.new_coupons = rc.new_coupons
        for conflict in rc.conflicts:
            if conflict.get("decision") == "honoured_terminal_could_not_know" and not _stale_room(book):
                # a revocation or a block after the terminal's last pull, beyond stale_state_uses: not booked
                if conflict["kind"] == "blocked_member":
                    burns, earns = [], []
                else:
                    coupons = [c for c in coupons if c["code"] != conflict["subject"]]
                conflict = _stale_beyond(book, conflict, ctx)
            book.verdict.conflicts.append(conflict)
    elif any(e["point_type"] not in facts.point_types for e in earns):
        raise Reject("unknown_point_type", "Unknown point type.")
    if facts.rules is not None:
        for r in rc.promotions:
            book.ops.append(PromotionEntry(ctx["event_id"], r["promotion_id"], r["discount"], r["units"], "apply", store_id,
                                           terminal_id, checkout_id, ctx["at"], member_id))
    for c in coupons:
        _redeem(book, c, member_id, b_seq, ctx, override=override)
    _burn_and_earn(book, member_id, burns, earns, occurred, ctx, override=override)
    if bounded.time_bounded:  # say why a figure judged at another time than claimed was not booked as claimed
        for c in book.verdict.conflicts:
            if c["kind"] == "quarantined":
                c["details"].setdefault("claimed_at", claimed_at.isoformat())
                c["details"].setdefault("judged_at", occurred.isoformat())
                c["details"].setdefault("earn_judged_at", bounded.earn_at.isoformat())
    if member_id is not None:  # one more purchase of the member (first-purchase coupons, docs/sync.md)
        row = count_purchase(facts.purchases, member_id, occurred, ctx)
        if facts.rules is not None and facts.rules.store is not None:  # its spend towards visit gifts (來店禮)
            deltas = spend_delta(facts.value.get("visit_gifts", ()), facts.rules.store, occurred, booked_total(p, MAX_AMOUNT))
            row = add_sale_spend(row, member_id, env["event_id"], deltas) or row
            row = prune_sales(row, member_id, facts.value.get("visit_gifts", ()), facts.now) or row
        book.ops.append(Put(PURCHASES, member_id, row, member_id))
    if facts.rules is not None and "referral_code" in p:  # a new member's referral (sync.server.referrals)
        _referral(book, p, facts, b_seq, ctx, occurred)
    if facts.rules is not None:  # the next-order coupons it earns (the receipt printed their codes)
        for body in issued_next_order(p, facts.rules, event_id=env["event_id"], at=occurred):
            met = facts.value.get("signed_here", {}).get(body["code"])
            if met is not None:  # already used elsewhere by this terminal's signed code: adopted with its uses
                book.put_coupon(body["code"], adopted(body, met))
            elif book.coupons.get(body["code"]) is None:
                book.put_coupon(body["code"], body)
    book.ops.append(bounded.claims)
    return book.verdict


def adopted(body: dict, met: dict) -> dict:
    """The coupon an event issues (`body`, the server's figures) over the one created earlier from its
    terminal-signed code (`met`): the uses and discount booked meanwhile and a void are kept."""
    return {**body, "used_uses": met.get("used_uses", 0), "discount_given": met.get("discount_given", 0),
            "status": met.get("status", body.get("status")), "signed_by_device": met.get("signed_by_device")}


def _referral(book: Book, p: dict, facts: Facts, based_seq: int, ctx: dict, at: datetime) -> None:
    """Book what a referral earns (the referrer's points, the new member's coupon, the `referral` row),
    or record why it earns nothing."""
    out = judge_referral(p, facts.rules, existing=facts.referral, referrer_known=facts.referrer_known, based_seq=based_seq,
                         ctx=ctx, at=at)
    book.verdict.conflicts.extend(out.conflicts)
    if out.row is None:
        return
    pts = out.points
    book.move_points(pts["member_id"], pts["lot_id"], pts["point_type"], pts["points"], "earn", ctx, expires_at=pts["expires_at"],
                     earned_at=ctx["at"], note=f"referral of {out.row['member_id']}")
    book.put_coupon(out.coupon["code"], out.coupon)
    book.ops.append(Put(REFERRAL, out.row["member_id"], out.row, out.row["member_id"]))


def _override(book: Book, p: dict, store_id: str) -> bool:
    """Does the payload carry an allowance override by an active manager of the store?
    One that names anyone else is quarantined and counts as absent."""
    o = p.get("allowance_override")
    if not isinstance(o, dict):
        return False
    why = manager_problem(book.facts.manager, o.get("manager_id"), store_id) if book.facts.rules is not None else None
    if why is not None:
        book.conflict(quarantine("override_not_by_manager", f"Allowance override not honoured: {why}", subject=p.get("member_id"),
                                 manager_id=str(o.get("manager_id"))[:64]))
        return False
    return True


def _id(v) -> bool:
    """An id the replicas can hold: a string of 1..MAX_ID printable characters (a 2 MiB lot id was
    replicated to every PC; ids go into lot keys every terminal holds and into admins' listings, so no
    control characters, escape sequences or bidirectional overrides either)."""
    return (isinstance(v, str) and 0 < len(v) <= MAX_ID
            and not any(is_control(ch) or "\ud800" <= ch <= "\udfff" for ch in v))


def _well_formed(p: dict) -> tuple[list, list, list]:
    """The payload's coupons, burns and earns, each entry checked for shape and bounds, each list
    for its length (what one event may create is bounded), else Reject invalid_payload."""
    coupons = require(p, "coupons", list)
    burns = require(p, "burns", list)
    earns = require(p, "earns", list)
    if not _id(p["checkout_id"]) or not (p.get("member_id") is None or _id(p["member_id"])):
        raise Reject("invalid_payload", f"payload ids are 1..{MAX_ID} characters", field="checkout_id")
    for name, rows, most in (("coupons", coupons, MAX_COUPON_USES), ("burns", burns, MAX_BURNS), ("earns", earns, MAX_EARNS)):
        if len(rows) > most:
            raise Reject("invalid_payload", f"payload.{name} has {len(rows)} entries, at most {most}", field=name)
    for c in coupons:
        if not (isinstance(c, dict) and _id(c.get("code")) and is_amount(c.get("uses"), 1)
                and is_amount(c.get("discount", 0), 0)):  # a negative discount was booked (partner bills, reports)
            raise Reject("invalid_payload", "payload.coupons has a malformed entry", field="coupons")
    for b in burns:
        if not (isinstance(b, dict) and _id(b.get("lot_id")) and _id(b.get("point_type")) and is_amount(b.get("points"), 0)):
            raise Reject("invalid_payload", "payload.burns has a malformed entry", field="burns")
    for e in earns:
        if not (isinstance(e, dict) and _id(e.get("lot_id")) and _id(e.get("point_type"))
                and is_amount(e.get("points"), 0) and (e.get("expires_at") is None or parse_at(e.get("expires_at")))):
            raise Reject("invalid_payload", "payload.earns has a malformed entry", field="earns")
    return coupons, burns, earns


def _bounded_burns(book: Book, member_id: str, burns: list, occurred: datetime, ctx: dict, override: bool) -> list:
    """Overdrafts are posted as debts, but a debt beyond the offline allowance (points_per_member,
    per point type: the member's total outstanding debt, so a stream of events cannot add one allowance
    each) is not booked without a manager's allowance override: the burns
    are cut to balance + allowance and the rest quarantined."""
    by_type: dict[str, int] = {}
    for b in burns:
        by_type[b["point_type"]] = by_type.get(b["point_type"], 0) + b["points"]
    limit = _limit(book, "points_per_member", override)
    keep: dict[str, int] = {}
    for pt, want in by_type.items():
        have = book.balance(member_id, pt, occurred)
        owed = book.debt(member_id, pt)  # debts already posted: the allowance bounds the member's total, not each event's
        keep[pt] = want
        if want > have and isinstance(limit, int) and want - have + owed > limit:
            keep[pt] = have + max(0, limit - owed)
            book.conflict(quarantine("points_beyond_allowance", f"Member {member_id} spent {want} {pt} points with {have} "
                                     f"available and a debt of {owed} outstanding; the offline allowance covers a debt of "
                                     f"{limit}{' (the most a manager may approve)' if override else ''}: {keep[pt]} booked.",
                                     subject=member_id, claimed=want, server=keep[pt], booked="server_figure",
                                     point_type=pt, **ctx))
        if keep[pt] > have:
            book.conflict({"kind": "points_overdraft", "decision": "debit_posted_debt_recorded", "subject": member_id,
                           "amount": keep[pt] - have,
                           "message": f"Member {member_id} spent {keep[pt]} {pt} points with {have} available; "
                                      f"the debit was posted and a debt of {keep[pt] - have} recorded.",
                           "details": {"member_id": member_id, "point_type": pt, "requested": keep[pt], "available": have,
                                       "debt": keep[pt] - have, **ctx}})
    out = []
    for b in burns:
        take = min(b["points"], keep[b["point_type"]])
        keep[b["point_type"]] -= take
        if take > 0 or b["points"] == 0:
            out.append({**b, "points": take})
    return out


def _burn_lots(book: Book, member_id: str, b: dict, occurred: datetime, ctx: dict) -> list[tuple[str, int]]:
    """Where a burn is booked: its lot when the server knows it; otherwise (with the re-judgement)
    the member's own usable lots, soonest expiry first, and the rest on one debt lot per member and
    point type (`debt/<member>/<type>`), never on a lot id the terminal invented.

    A known lot takes the burn only if it is the member's, of the burn's point type and usable at
    the judged time; otherwise the claim is one no counter makes (another member's lot, a bonus lot
    labelled diamond: each event then opened a fresh debt allowance; a lot that had expired: its
    points were spent while the member's usable ones stayed) and is quarantined (`lot_not_usable`),
    booked from the member's usable lots as for an unknown lot."""
    named = book.lots.get(b["lot_id"])
    if book.facts.rules is None or b["points"] == 0 or (named is not None and _takes_burn(named, member_id, b, occurred)):
        return [(b["lot_id"], b["points"])]
    if named is not None:
        why = ("another member's lot" if named["member_id"] != member_id else f"a {named['point_type']} lot"
               if named["point_type"] != b["point_type"] else "a lot that had expired")
        book.conflict(quarantine("lot_not_usable", f"{b['points']} {b['point_type']} points were claimed from lot {b['lot_id']}, "
                                 f"{why}: booked from the member's usable lots instead.", subject=b["lot_id"],
                                 claimed=b["points"], booked="server_figure", **ctx))
    pt, need, out = b["point_type"], b["points"], []
    lots = sorted((lot for lot in book.lots.values() if lot["member_id"] == member_id and lot["point_type"] == pt
                   and lot["points"] > 0 and usable(lot, occurred)),
                  key=lambda lot: (_dt(lot["expires_at"]).timestamp() if lot["expires_at"] else float("inf"), lot["earned_at"],
                                   lot["lot_id"]))
    for lot in lots:
        take = min(lot["points"], need)
        if take > 0:
            out.append((lot["lot_id"], take))
            need -= take
        if need == 0:
            break
    if need:
        out.append((f"debt/{member_id}/{pt}", need))
    if named is not None:
        return out
    book.conflict({"kind": "unknown_lot", "decision": "burnt_from_member_lots", "subject": b["lot_id"], "amount": b["points"],
                   "message": f"{b['points']} points were burnt from lot {b['lot_id']}, unknown centrally; they were taken "
                              "from the member's own lots" + (f" ({need} as a debt)" if need else "") + ".",
                   "details": {"lot_id": b["lot_id"], "booked_on": [lot for lot, _ in out], **ctx}})
    return out


def _takes_burn(lot: dict, member_id: str, b: dict, occurred: datetime) -> bool:
    """Can this known lot honestly take the burn `b` (the member's, of its point type, usable then)?
    Its points may be short: spent elsewhere meanwhile, an honest overdraft (posted, a debt)."""
    return lot["member_id"] == member_id and lot["point_type"] == b["point_type"] and usable(lot, occurred)


def _burn_and_earn(book: Book, member_id: str | None, burns: list, earns: list, occurred: datetime, ctx: dict, *,
                   override: bool) -> None:
    touched: set[tuple[str, str]] = set()
    for b in _bounded_burns(book, member_id, burns, occurred, ctx, override):
        for lot_id, pts in _burn_lots(book, member_id, b, occurred, ctx):
            book.move_points(member_id, lot_id, b["point_type"], -pts, "burn", ctx)
        touched.add((member_id, b["point_type"]))
    for e in earns:
        book.move_points(member_id, e["lot_id"], e["point_type"], e["points"], "earn", ctx,
                         expires_at=e.get("expires_at"), earned_at=occurred.isoformat())
        touched.add((member_id, e["point_type"]))
    for mid, pt in sorted(touched):
        book.settle_debts(mid, pt, occurred, ctx)


def _redeem(book: Book, c: dict, member_id: str | None, based_seq: int, ctx: dict, *, override: bool = False) -> None:
    """Book one coupon use (or post it with its conflict). Uses beyond what the coupon had left are
    first bounded (`_bounded_uses`): what is cut is quarantined, the rest posted as over-use."""
    code = c["code"]
    body = book.coupons.get(code) or book.new_coupons.get(code)
    if body is None:
        t = book.facts.templates.get(str(c.get("template_id")))
        if t is None:
            raise Reject("unknown_template", f"Coupon {code} is of unknown template {c.get('template_id')!r}.", coupon=code)
        body = {"code": code, "template_id": t["id"], "member_id": member_id if t.get("member_bound", True) else None,
                "plain_code": None, "total_uses": t.get("uses", 1), "used_uses": 0, "status": "active", "valid_from": None,
                "valid_until": None, "issued_at": None, "parent_code": c.get("parent_code")}
        if c.get("in_replica", False):
            book.conflict({"kind": "unknown_coupon", "decision": "created_from_template", "subject": code, "amount": c.get("discount"),
                           "message": f"Coupon {code} was not known centrally; it was created from template {t['id']}.",
                           "details": {"code": code, **ctx}})
    total, used = body["total_uses"], body["used_uses"]
    remaining = total - used
    void = book.facts.voids.get(code)
    if void is None and body["status"] == "voided":
        # voided with no central void row (imported voided, or voided before coupon_voids existed): the
        # coupon row's own change is when it became void, so a terminal whose cursor holds it knew
        void = {"seq": book.facts.coupon_seqs.get(code, 0), "reason": "voided", "at": None}
    if void is not None or body["status"] == "voided":
        conflict = _after_void(code, c, void, based_seq, ctx)
        if conflict["details"]["terminal_knew"]:  # a claim no honest counter makes: not booked
            book.conflict(quarantine("voided", conflict["message"] + " Not booked.", subject=code, claimed=c.get("discount"),
                                     void_seq=conflict["details"]["void_seq"], based_on_seq=based_seq))
            return
        if not _stale_room(book):
            book.conflict(_stale_beyond(book, conflict, ctx))
            return
        book.conflict(conflict)
        uses = _own_bound(book, c, body, ctx)
    elif (shared := _shared_template(book, body["template_id"])) is not None:
        uses, disc = _shared_bound(book, c, body, shared, ctx)
        if uses == 0:
            return
        c = {**c, "uses": uses, "discount": disc}
        book.put_coupon(code, {**body, "used_uses": used + uses, "discount_given": body.get("discount_given", 0) + disc})
        book.ops.append(CouponEntry(ctx["event_id"], code, uses, disc, "redeem", ctx["store_id"], ctx["terminal_id"],
                                    ctx["checkout_id"], ctx["at"], member_id, body["template_id"]))
        return
    else:
        uses = _bounded_uses(book, c, body, based_seq, ctx, override)
    if uses == 0:
        return
    if uses < c["uses"]:  # the discount recorded for the uses booked, pro rata
        c = {**c, "uses": uses, "discount": c.get("discount", 0) * uses // c["uses"]}
    if void is None and body["status"] != "voided" and uses > remaining:
        book.conflict(_overuse(code, c, book.first.get(code), total, remaining, ctx))
    book.used_here[code] = book.used_here.get(code, 0) + uses
    book.put_coupon(code, {**body, "used_uses": used + uses})
    book.ops.append(CouponEntry(ctx["event_id"], code, uses, c.get("discount", 0), "redeem", ctx["store_id"], ctx["terminal_id"],
                                ctx["checkout_id"], ctx["at"], member_id, body["template_id"]))
    book.first.setdefault(code, {"event_id": ctx["event_id"], "store_id": ctx["store_id"], "terminal_id": ctx["terminal_id"],
                                 "checkout_id": ctx["checkout_id"], "discount": c.get("discount", 0), "at": ctx["at"]})


def _shared_template(book: Book, template_id: str):
    """The domain template of a shared promo code (`CouponTemplate.shared`), else None."""
    rules = book.facts.rules
    tpl = rules.templates.get(template_id) if rules is not None else None
    return tpl if tpl is not None and tpl.shared else None


def _shared_bound(book: Book, c: dict, body: dict, tpl, ctx: dict) -> tuple[int, int]:
    """(uses, discount) of a shared promo code's claim the server books: never beyond the campaign's
    cap of uses (`total_uses`) or its budget (`discount_given` of `shared_budget`), both counted
    chain-wide in the order events arrive. What is cut is a `shared_code_over_cap` /
    `shared_code_over_budget` conflict for the store's manager (docs/sync.md): an offline till
    that used the code beyond what was left (bounded at the counter by `shared_code_uses`)."""
    code, uses, disc = c["code"], c["uses"], c.get("discount", 0)
    if uses > 1:  # an amount / percent off is one use per sale at the counter (checkout.py): no counter claims more
        book.conflict(quarantine("uses_exceed_items", f"Promo code {code}: {uses} uses claimed in one sale; a discount "
                                 "code is used once per sale: 1 booked.", subject=code, claimed=uses, server=1,
                                 booked="server_figure"))
        uses = 1
    left_uses = max(body["total_uses"] - body["used_uses"], 0)
    if uses > left_uses:
        book.conflict({"kind": "shared_code_over_cap", "decision": "not_booked_beyond_cap", "subject": code,
                       "amount": disc - disc * left_uses // uses,
                       "message": f"Promo code {code}: {uses} use(s) at {ctx['store_id']}/{ctx['terminal_id']} but only "
                                  f"{left_uses} of its cap of {body['total_uses']} were left chain-wide; {left_uses} booked.",
                       "details": {"code": code, "cap": body["total_uses"], "left": left_uses, "claimed_uses": uses,
                                   "claimed_discount": disc, **ctx}})
        disc, uses = disc * left_uses // uses, left_uses
    if tpl.shared_budget is not None and uses > 0:
        given = body.get("discount_given", 0)
        left = max(tpl.shared_budget - given, 0)
        if disc > left:
            book.conflict({"kind": "shared_code_over_budget", "decision": "not_booked_beyond_budget", "subject": code,
                           "amount": disc - left,
                           "message": f"Promo code {code}: a discount of {disc} at {ctx['store_id']}/{ctx['terminal_id']} but "
                                      f"only {left} of the campaign budget of {tpl.shared_budget} was left chain-wide; "
                                      f"{left} booked.",
                           "details": {"code": code, "budget": tpl.shared_budget, "given": given, "left": left,
                                       "claimed_discount": disc, **ctx}})
            disc = left
            if left == 0:
                uses = 0
    if tpl.shared_campaign is not None and uses > 0:
        uses, disc = _campaign_bound(book, code, tpl.shared_campaign, uses, disc, ctx)
    return uses, disc


def _campaign_bound(book: Book, code: str, campaign_id: str, uses: int, disc: int, ctx: dict) -> tuple[int, int]:
    """A shared code of a campaign (terminal/domain/promo_campaign.py): what the campaign's cap and budget,
    counted over all its codes chain-wide, still allow of the use; the rest is a `campaign_over_cap` /
    `campaign_over_budget` conflict (reason `campaign_cap_reached` / `campaign_budget_spent`). Books the
    new tally (a feed row terminals pull). A campaign unknown centrally bounds nothing."""
    states = book.facts.value.setdefault("promo_campaigns", {})
    state = states.get(campaign_id)
    if state is None:
        return uses, disc
    cut = campaign_bound(state, uses, disc)
    if cut.reason is not None:
        c = state.campaign
        kind, reason = (("campaign_over_cap", "campaign_cap_reached") if cut.reason == "cap"
                        else ("campaign_over_budget", "campaign_budget_spent"))
        what = (f"{state.uses_left} of its cap of {c.cap} uses" if cut.reason == "cap"
                else f"{state.budget_left} of its budget of {c.budget}")
        book.conflict({"kind": kind, "decision": "not_booked_beyond_budget" if cut.reason == "budget" else "not_booked_beyond_cap",
                       "subject": code, "amount": disc - cut.discount,
                       "message": f"Promo code {code} (campaign {c.id}): {uses} use(s), discount {disc} at {ctx['store_id']}/"
                                  f"{ctx['terminal_id']} but only {what} were left over all the campaign's codes chain-wide; "
                                  f"{cut.uses} use(s), discount {cut.discount} booked.",
                       "details": {"reason": reason, "code": code, "campaign_id": c.id, "cap": c.cap, "budget": c.budget,
                                   "uses_before": state.uses, "given_before": state.given, "claimed_uses": uses,
                                   "claimed_discount": disc, "booked_uses": cut.uses, "booked_discount": cut.discount, **ctx}})
    if cut.uses > 0:
        states[campaign_id] = state = state.plus(cut.uses, cut.discount)
        book.ops.append(_tally_put(state))
    return cut.uses, cut.discount


def _tally_put(state) -> Put:
    """The campaign's `promo_campaign_tally` feed row (chain-wide; sync/server/promo_campaigns.py)."""
    c = state.campaign
    return Put("promo_campaign_tally", c.id, {"campaign_id": c.id, "uses": state.uses, "discount_given": state.given}, None)


def _limit(book: Book, name: str, override: bool) -> int | None:
    """The offline allowance `name` (stored_voucher_uses | points_per_member); with a manager's
    override its ceiling `override_<name>`: an override is no blank cheque (the counter refuses
    beyond the same ceiling, sync.allowances.beyond_override). None: not re-judged."""
    if book.facts.rules is None:
        return None
    a = book.facts.rules.allowances
    return a.get(f"override_{name}", DEFAULT_CEILINGS[f"override_{name}"]) if override else a.get(name)


def _stale_room(book: Book) -> bool:
    """May one more honest-looking "could not know" posting (a use of a coupon voided or revoked,
    or a sale of a member blocked, after the state the terminal claims) be booked? At most
    `stale_state_uses` per unsynced window of the terminal (its settlements above `Book.window`,
    this event's included). The counter cannot meter them, so only the server bounds them: a
    terminal that claims to know nothing gets that many over all its settlements, not one per
    coupon."""
    limit = book.facts.rules.allowances.get("stale_state_uses") if book.facts.rules is not None else None
    if not isinstance(limit, int):
        return True
    earlier = sum(1 for v in book.facts.stale_seqs if book.window is not None and v > book.window)
    if earlier + book.stale_here >= limit:
        return False
    book.stale_here += 1
    return True


def _stale_beyond(book: Book, honoured: dict, ctx: dict) -> dict:
    """The quarantine that replaces an honest-looking "could not know" posting beyond `stale_state_uses`."""
    limit = book.facts.rules.allowances.get("stale_state_uses")
    return quarantine("stale_beyond_allowance", f"{honoured['message']} Not booked: terminal {ctx['terminal_id']} already "
                      f"has {limit} such posting(s) since its last sync (offline allowance stale_state_uses).",
                      subject=honoured.get("subject"), claimed=honoured.get("amount"), allowance=limit,
                      stale_kind=honoured["kind"])


def _shown_remaining(book: Book, code: str, body: dict, based_seq: int) -> int:
    """The uses of a coupon the terminal's counter showed left: in the state it claims to have seen
    (`based_seq`: the coupon's uses now less those of events made visible after it, by any terminal)
    less its own uses since (its events after that state and this event's earlier entries). The
    coupon row's latest change alone was the test before: another till's later use made a
    used-up voucher look unseen again, so alternating cursors renewed the allowance every round."""
    here = book.used_here.get(code, 0)
    used_then = body["used_uses"] - here - book.facts.uses_after.get(code, 0)
    own_since = sum(u for v, u in book.facts.own_uses.get(code, ()) if v > based_seq) + here
    return body["total_uses"] - used_then - own_since


def _metered(book: Book, template_id: str) -> bool:
    """Does the counter meter this coupon against the offline allowance (a stored voucher)?
    (sync.allowances counts `stored_voucher_uses` for stored vouchers only.)"""
    rules = book.facts.rules
    tpl = rules.templates.get(template_id) if rules is not None else None
    return tpl is not None and tpl.kind == "stored_voucher"


def _own_bound(book: Book, c: dict, body: dict, ctx: dict) -> int:
    """The claimed uses, cut to what this terminal's own net uses of the coupon (its redeem rows
    less its voids, this event's earlier entries included) leave of its total uses; the cut is
    quarantined (`uses_beyond_total`): no counter shows more uses than a coupon has."""
    code, claimed, total = c["code"], c["uses"], body["total_uses"]
    own = sum(u for _v, u in book.facts.own_uses.get(code, ())) + book.used_here.get(code, 0)
    if own + claimed <= total:
        return claimed
    uses = max(total - own, 0)
    book.conflict(quarantine("uses_beyond_total", f"Terminal {ctx['terminal_id']} had already used coupon {code} {own} "
                             f"time(s) of its {total}; {claimed} more were claimed: no counter shows more uses than a coupon "
                             f"has. {uses} booked.", subject=code, claimed=claimed, server=uses, booked="server_figure",
                             own_uses=own, total_uses=total))
    return uses


def _bounded_uses(book: Book, c: dict, body: dict, based_seq: int, ctx: dict, override: bool) -> int:
    """How many of the claimed uses of a coupon the server books (docs/sync.md, "Judgement").

    Each cut is a `quarantined` conflict with the claim and the server's figure:

    * `uses_beyond_total` (`_own_bound`, also for a coupon voided centrally): this terminal's own
      net uses of the coupon beyond its total uses.
    * `used_up`: uses beyond what the coupon had left although the coupon row's last change is
      within the state the terminal says it saw (`based_on_cursor`): its replica showed them spent.
    * `uses_beyond_allowance`: a stored voucher used beyond what it had left (an honest offline
      difference, otherwise posted as over-use) by more than the offline allowance leaves: the
      counter lets at most `stored_voucher_uses` uses of a voucher be unsynced (the event's plus
      this terminal's settlements its replica did not reflect, `Book.window`), unless the payload
      carries a manager's override. The rest of the over-use is posted (`voucher_overuse`).

    A single-use coupon used elsewhere meanwhile is not metered by the counter's allowance: its
    second use is posted as `duplicate_redemption` (first received wins), bounded by the first
    two rules (one use per terminal; none once its replica showed the coupon used)."""
    code = c["code"]
    total, remaining = body["total_uses"], body["total_uses"] - body["used_uses"]
    rows = book.facts.own_uses.get(code, ())
    here = book.used_here.get(code, 0)
    uses = _own_bound(book, c, body, ctx)
    if uses <= max(remaining, 0):
        return uses
    shown = _shown_remaining(book, code, body, based_seq)
    if uses > max(shown, 0):
        keep = max(shown, 0)
        book.conflict(quarantine("used_up", f"Coupon {code} had {keep} of {total} uses left in the state this terminal had "
                                 f"pulled (its based_on_cursor {based_seq}) less its own uses since; {uses} were used: no "
                                 f"counter does that. {keep} booked.", subject=code, claimed=uses, server=keep,
                                 booked="server_figure", based_on_seq=based_seq))
        if keep <= max(remaining, 0):
            return keep
        uses = keep  # what its replica showed, of which some were used elsewhere meanwhile: bounded below
    limit = _limit(book, "stored_voucher_uses", override)
    if not isinstance(limit, int) or not _metered(book, body["template_id"]):
        return uses
    unsynced = here + (sum(u for v, u in rows if v > book.window) if book.window is not None else 0)
    room = max(limit - unsynced, 0)
    if uses - max(remaining, 0) <= room:
        return uses
    keep = max(remaining, 0) + room
    book.conflict(quarantine("uses_beyond_allowance", f"Stored voucher {code} had {max(remaining, 0)} of {total} uses left; "
                             f"{uses} were used at {ctx['store_id']}/{ctx['terminal_id']} with {unsynced} other use(s) of it not "
                             f"yet synced there, beyond the offline allowance of {limit} unsynced use(s)"
                             f"{' (the most a manager may approve)' if override else ' and without a manager override'}: "
                             f"{keep} booked.", subject=code, claimed=uses, server=keep, booked="server_figure",
                             allowance=limit, unsynced=unsynced, remaining=max(remaining, 0)))
    return keep


def _after_void(code: str, c: dict, void: dict | None, based_seq: int, ctx: dict) -> dict:
    """redeemed_after_void: did the terminal's replica (based_on_cursor) already hold the void?"""
    void_seq = void["seq"] if void else 0
    knew = based_seq >= void_seq and void is not None
    decision = "flagged_terminal_had_void" if knew else "honoured_terminal_could_not_know"
    msg = (f"Coupon {code} was redeemed at {ctx['store_id']}/{ctx['terminal_id']} after it was voided centrally"
           + (" although the terminal had already pulled the void." if knew else "; the terminal could not have known (honoured)."))
    return {"kind": "redeemed_after_void", "decision": decision, "subject": code, "amount": c.get("discount"),
            "message": msg, "details": {"code": code, "void_seq": void_seq, "based_on_seq": based_seq,
                                        "void_reason": void["reason"] if void else None, "terminal_knew": knew, **ctx}}


def _overuse(code: str, c: dict, first: dict | None, total: int, remaining: int, ctx: dict) -> dict:
    """duplicate_redemption (single use: first received wins) or voucher_overuse (posted as over-use)."""
    uses = c["uses"]
    other = dict(first) if first else {}
    if total <= 1:
        return {"kind": "duplicate_redemption", "decision": "first_received_wins", "subject": code, "amount": c.get("discount"),
                "other": other,
                "message": f"Single-use coupon {code} was already redeemed"
                           + (f" at {other['store_id']}/{other['terminal_id']} (checkout {other['checkout_id']})" if other else "")
                           + f"; this redemption at {ctx['store_id']}/{ctx['terminal_id']} (checkout {ctx['checkout_id']}) "
                           "was posted as a conflict.",
                "details": {"code": code, "winner": other, "loser": {**ctx, "discount": c.get("discount")}}}
    over = uses - max(remaining, 0)
    return {"kind": "voucher_overuse", "decision": "posted_as_overuse", "subject": code, "amount": over, "other": other,
            "message": f"Stored voucher {code} had {max(remaining, 0)} of {total} uses left; {uses} were used at "
                       f"{ctx['store_id']}/{ctx['terminal_id']} ({over} too many).",
            "details": {"code": code, "total_uses": total, "remaining": max(remaining, 0), "requested": uses, "over": over,
                        "discount": c.get("discount"), **ctx}}


# ---- void ------------------------------------------------------------------------------------------
def judge_void(env: dict, facts: Facts) -> Verdict:
    """The exact reversal of what the server recorded for a settlement of the same store.

    The payload names only the original (`voids_event_id`), the manager and the reason; any
    `coupons` / `points` it carries (older terminals send them) are ignored: the reversal is
    derived from the original's own redeem, earn and burn rows (`facts.original_*`)."""
    p = env["payload"]
    orig_id = require(p, "voids_event_id", str)
    checkout_id = require(p, "checkout_id", str)
    if not require(p, "reason", str).strip():
        raise Reject("invalid_payload", "a void needs a reason", field="reason")
    orig = facts.original
    if orig is None:
        raise Reject("unknown_original_event", f"Void of event {orig_id}, which the server never received.", voids_event_id=orig_id)
    if orig.get("type", "settlement") not in VOIDABLE:  # a top-up has its own void; a return, a void... are not sales
        raise Reject("invalid_payload", f"a void names a {', '.join(VOIDABLE)} event, not a {str(orig.get('type'))[:40]}",
                     field="voids_event_id")
    if orig["store_id"] != env["store_id"]:
        raise Reject("wrong_store", "A store can only void its own settlements.")
    if json.loads(orig["payload"]).get("checkout_id") != checkout_id:  # the void's rows would name another sale
        raise Reject("invalid_payload", "the void's checkout_id is not the voided settlement's", field="checkout_id")
    require_manager(p, facts, env["store_id"])
    if facts.already_voided:
        raise Reject("already_voided", f"Checkout {checkout_id} was already voided.")
    if facts.has_returns:  # a void reverses the whole sale: its returned items would be given back twice
        raise Reject("sale_has_returns", f"Checkout {checkout_id} has returns booked: return the rest instead of voiding it.")
    issued = facts.value.get("issued")
    if issued is not None and issued.get("status") != "voided" and issued.get("used_uses", 0) > 0:
        # the counter refuses it too: the points would come back while what the voucher bought stays given
        raise Reject("used_up", f"The exchange's voucher {issued.get('code')} was already used: the exchange cannot be voided "
                     "(void the sale that used it first).", code=str(issued.get("code")))
    book = Book(facts)
    if orig["status"] == "rejected":
        return book.verdict  # the original had no central effect; nothing to reverse
    member_id = json.loads(orig["payload"]).get("member_id")
    at = claimed_time(p, env)
    ctx = {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"], "checkout_id": checkout_id,
           "at": at.isoformat()}
    for c in facts.original_coupons:
        body = book.coupons.get(c["code"])
        if body is None:  # pragma: no cover - the server recorded the use, so it has the coupon
            continue
        book.put_coupon(c["code"], {**body, "used_uses": body["used_uses"] - c["uses"],
                                    **({"discount_given": body["discount_given"] - c["discount"]} if "discount_given" in body else {})})
        campaign_id = facts.value.get("code_campaigns", {}).get(c["code"])
        state = facts.value.get("promo_campaigns", {}).get(campaign_id)
        if state is not None:  # a campaign's code: the use and its discount no longer count against the campaign
            facts.value["promo_campaigns"][campaign_id] = state = state.plus(-c["uses"], -c["discount"])
            book.ops.append(_tally_put(state))
        book.ops.append(CouponEntry(ctx["event_id"], c["code"], -c["uses"], -c["discount"], "void", ctx["store_id"],
                                    ctx["terminal_id"], checkout_id, ctx["at"], member_id, c["template_id"] or body["template_id"]))
    for r in facts.original_promotions:
        book.ops.append(PromotionEntry(ctx["event_id"], r["promotion_id"], -r["discount"], -r["units"], "void", ctx["store_id"],
                                       ctx["terminal_id"], checkout_id, ctx["at"], member_id))
    touched: list[str] = []
    for pt in facts.original_points:
        # a referral's reward was earned by the referrer (sync.server.referrals): reversed on the referrer's lot
        owner = pt.get("member_id") or member_id
        book.move_points(owner, pt["lot_id"], pt["point_type"], -pt["delta"], "void_" + pt["kind"], ctx)
        if owner != member_id:
            continue
        if pt["point_type"] not in touched:
            touched.append(pt["point_type"])
    for t in touched:
        book.settle_debts(member_id, t, at, ctx)
    if issued is not None and issued.get("status") != "voided":  # an exchange: its voucher goes with it
        book.put_coupon(issued["code"], {**issued, "status": "voided"})
    for cl in facts.value.get("claims", ()):  # a giveaway claim: it no longer counts against the caps
        book.ops.append(ClaimEntry(env["event_id"], cl["campaign_id"], cl["member_id"], env["store_id"], env["terminal_id"],
                                   cl["points"], -1, orig_id, ctx["at"]))
    for body in voided_next_order(book.coupons, orig_id):  # what the voided sale issued is void too
        book.put_coupon(body["code"], body)
    ref = facts.referral
    if isinstance(ref, dict) and ref.get("event_id") == orig_id and ref.get("status") == "active":  # its referral (points above)
        book.ops.append(Put(REFERRAL, ref["member_id"], {**ref, "status": "voided"}, ref["member_id"]))
    if isinstance(member_id, str) and orig.get("type", "settlement") == "settlement":  # the voided sale is no purchase any more
        row = uncount_purchase(facts.purchases, member_id)
        row = take_sale_spend(row, member_id, orig_id, None) or row  # nor spend towards visit gifts
        book.ops.append(Put(PURCHASES, member_id, row, member_id))
        book.verdict.conflicts.extend(withdrawn_claims(facts.purchases, row, facts.value.get("visit_gifts", ()), member_id, ctx))
    if isinstance(member_id, str) and orig.get("type") == "visit_gift_claim":  # the claim no longer counts; its gift goes
        gift = book.coupons.get(gift_code(orig_id))
        if gift is not None and gift.get("status") != "voided" and gift.get("used_uses", 0) > 0:
            raise Reject("used_up", f"The visit gift's voucher {gift['code']} was already used: the claim cannot be voided "
                         "(void the sale that used it first).", code=str(gift["code"]))
        if gift is not None and gift.get("status") != "voided":
            book.put_coupon(gift["code"], {**gift, "status": "voided"})
        row = remove_claim(facts.purchases, member_id, str(json.loads(orig["payload"]).get("gift_id")), orig_id)
        if row is not None:
            book.ops.append(Put(PURCHASES, member_id, row, member_id))
    return book.verdict


# ---- conflict resolution -----------------------------------------------------------------------------
def judge_resolution(env: dict, facts: Facts) -> Verdict:
    """A manager's decision on a conflict of their store: absorb (the chain carries the loss),
    charge_member (recorded as a receivable with the conflict's amount; no ledger change),
    block_card (a member revocation every terminal pulls). Deciding twice keeps the first."""
    p = env["payload"]
    conflict_event = require(p, "conflict_event_id", str)
    kind = require(p, "kind", str)
    resolution = require(p, "resolution", str)
    reason = require(p, "reason", str).strip()
    manager_id = require_manager(p, facts, env["store_id"])
    if resolution not in ("absorb", "charge_member", "block_card"):
        raise Reject("invalid_payload", f"unknown resolution {resolution!r}", field="resolution")
    if not reason:
        raise Reject("invalid_payload", "a resolution needs a reason", field="reason")
    row = facts.conflict
    if row is None:
        raise Reject("unknown_conflict", f"No {kind} conflict for event {conflict_event}.", conflict_event_id=conflict_event)
    if row["store_id"] != env["store_id"]:
        raise Reject("wrong_store", "A store can only resolve its own conflicts.")
    verdict = Verdict()
    if row["resolved_at"] is not None:
        return verdict  # already decided: the first decision stands, the repeat changes nothing
    member_id = row["member_id"]
    now = facts.now.isoformat()
    if resolution == "block_card":
        if not member_id:
            raise Reject("invalid_payload", "block_card needs a conflict with a member", field="resolution")
        verdict.ops.append(Put("revocation", f"member:{member_id}", {
            "kind": "member", "value": member_id, "reason": f"conflict {row['id']}: {reason}", "revoked_at": now}))
    verdict.ops.append(Resolution(row["id"], env["event_id"], resolution, reason, manager_id, row["store_id"], member_id,
                                  row["amount"], now))
    return verdict
