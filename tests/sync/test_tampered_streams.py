"""Property (issue 13, "Tests that must exist"): random multi-event streams against the REAL
server on 127.0.0.1, under the real device credentials of two counters in stores of different
brands (A-001 brand A, B-001 brand B; `tests/sync/streams.py`).

* Honest streams: sales rung up by the counters' own code (random baskets, members, coupons,
  points burns, voids; allowances enforced, a manager approving beyond them), pushed late and
  interleaved (offline periods: a counter pushes and pulls only when the stream says so), with
  central admin actions in between. Afterwards the server's ledgers - every member's points per
  type, every coupon's used uses - equal what the counters' events claim (recomputed here from
  their outbox payloads), no honest event is quarantined or rejected, and both counters show
  the server's figures.
* Tampered streams: counter A's honest sales and voids, mutated as an attacker with the code
  and A's credential would (`tests/sync/tamper.py`), interleaved with counter B's honest
  traffic. After every push the server's ledgers keep the bounds of `tamper.Checker`; B's
  events are still accepted, and B's pull still works and receives later changes.

One server and two counters serve the whole module; each example has its own namespace of
members and coupons (admin catalog import). Derandomised, as the suite's other hypothesis
tests. Default run: 40 honest and 60 tampered streams (about 15-25 s on an idle 2-core machine);
`-m slow` runs 400 of each (about 2 min), and the tampered property once more with the section 4
bounds checked.

Bounds the server does not keep yet (`tamper.KNOWN_GAPS`) are skipped by the default properties
and pinned by plain xfail(strict=True) regression tests at the end of this module: the offline
bounds issue 13 section 4 is adding (`tamper.SECTION_4_GAPS`: a stored voucher's uses beyond the
allowance or a single-use coupon's uses by one counter, backdated occurred_at, a missing or
lowered based_on_cursor), and what these properties found (`tamper.OPEN_FINDINGS`, the honest
generator's one coupon per template; fixes proposed in the issue 13 report). When a fix lands,
its regression XPASSes: drop the xfail and the entry in `tamper.py` / `streams.py`.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from terminal.domain.reasons import DomainError

from .streams import (
    MemberSpec, Namespace, SaleSpec, StreamWorld, lot_sums, member_specs, outbox_payloads, request, sale_specs, settle,
    shown_balance, used_uses, void,
)
from .tamper import (
    KNOWN_GAPS, SALE_MUTATIONS, SECTION_4_GAPS, VOID_MUTATIONS, Attacker, Checker, Ctx, Sent, mutate, pick, sale_mutations,
    void_mutations,
)

FAST = dict(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)
HONEST_EXAMPLES, TAMPERED_EXAMPLES, SLOW_EXAMPLES = 25, 40, 400
GAP_REASON = ("documented gap (docs/sync.md, what a terminal can claim about being offline): a sale claiming a lowered or "
              "missing based_on_cursor is judged as knowing nothing, so a coupon voided centrally before is posted as "
              "redeemed_after_void (visible to the manager), at most stale_state_uses per unsynced window of the terminal "
              "(tests/sync/test_red_team.py, test_offline_bounds.py), not refused")
# conflict kinds an honest offline difference opens (docs/sync.md, "Conflicts"): posted as claimed
HONEST_KINDS = frozenset({"duplicate_redemption", "voucher_overuse", "points_overdraft", "redeemed_after_void", "blocked_member",
                          "limit_exceeded", "allowance_overridden"})  # an override a manager approved at the counter is listed


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    w = StreamWorld(tmp_path_factory.mktemp("streams"))
    yield w
    w.close()


@pytest.fixture(scope="module")
def attacker(world):
    with httpx.Client(base_url=world.server.url, timeout=30) as http:
        # terminal_seq far above the counter's own outbox numbers (the honest property pushes those)
        yield Attacker(world.a, http, seq=10**9)


# ---- honest streams ------------------------------------------------------------------------------
_ab = st.sampled_from("AB")
honest_steps = st.lists(st.one_of(
    st.tuples(st.just("settle"), _ab, sale_specs), st.tuples(st.just("settle"), _ab, sale_specs),
    st.tuples(st.just("settle"), _ab, sale_specs),
    st.tuples(st.just("void"), _ab, st.integers(0, 50)),
    st.tuples(st.just("push"), _ab), st.tuples(st.just("pull"), _ab), st.tuples(st.just("sync"), _ab),
    st.tuples(st.just("admin_points"), st.integers(0, 2), st.sampled_from([-50, 40, 100])),
    st.tuples(st.just("admin_void"), st.sampled_from(["off1", "off2", "pct", "daily1", "sv0"])),
    st.tuples(st.just("admin_block"), st.integers(0, 2)),
), min_size=6, max_size=20)


def run_honest(world: StreamWorld, members, steps) -> None:
    # The counter cannot meter uses of coupons voided (or members blocked) centrally after its pull: only
    # the server bounds them (`stale_state_uses`, tested in test_judge_bounds / test_offline_bounds). These
    # streams void and block far more often than a chain does while a till is offline, so that bound is
    # lifted here: the property is that everything else an honest counter does is booked as it did it.
    before = world.allowances()["stale_state_uses"]
    world.store.set_allowances(stale_state_uses=1000)
    try:
        _run_honest(world, members, steps)
    finally:
        world.store.set_allowances(stale_state_uses=before)


def _run_honest(world: StreamWorld, members, steps) -> None:
    ns = world.namespace(members)
    counters = {"A": world.a, "B": world.b}
    events: dict[str, list[str]] = {"A": [], "B": []}
    sales: dict[str, list[str]] = {"A": [], "B": []}
    adjusted: dict[tuple[str, str], int] = {}
    blocked: set[str] = set()
    for n, step in enumerate(steps):
        kind = step[0]
        if kind == "settle":
            t, spec = step[1], step[2]
            cid = f"{ns.prefix}{t}-{n}"
            rec = settle(counters[t], ns, spec, cid)
            if rec is not None:
                events[t].append(rec["event_id"])
                sales[t].append(cid)
        elif kind == "void":
            t = step[1]
            if sales[t]:
                res = void(counters[t], pick(sales[t], step[2]))
                if res is not None:
                    events[t].append(res["event_id"])
        elif kind == "push":
            counters[step[1]].client.push()
        elif kind == "pull":
            counters[step[1]].pull()
        elif kind == "sync":
            counters[step[1]].sync()
        elif kind == "admin_points":
            mid = ns.members[step[1]]
            world.store.adjust_points(mid, "bonus", step[2], "goodwill",
                                      expires_at=(datetime.now(timezone.utc) + timedelta(days=90)).isoformat())
            adjusted[(mid, "bonus")] = adjusted.get((mid, "bonus"), 0) + step[2]
        elif kind == "admin_void":
            code = ns.codes[step[1]]
            if world.store.get("coupon", code)["status"] == "active":
                world.store.void_coupon(code, "withdrawn by HQ")
        elif kind == "admin_block" and ns.members[step[1]] not in blocked:
            blocked.add(ns.members[step[1]])
            world.store.revoke_code("member", ns.members[step[1]], "card reported stolen")
    for _ in range(2):  # back online: every counter pushes everything and catches up
        for c in counters.values():
            c.sync()
    check_honest(world, ns, counters, events, adjusted)


def check_honest(world: StreamWorld, ns: Namespace, counters, events, adjusted) -> None:
    store = world.store
    all_ids = events["A"] + events["B"]
    # every event is on the server, accepted; honest offline differences only
    for eid in all_ids:
        row = store.conn.execute("SELECT status FROM events WHERE event_id = ?", (eid,)).fetchone()
        assert row is not None and row[0] in ("accepted", "accepted_with_conflict"), f"honest event {eid}: {row}"
        kinds = {k for (k,) in store.conn.execute("SELECT kind FROM conflicts WHERE event_id = ?", (eid,))}
        assert kinds <= HONEST_KINDS, f"honest event {eid} opened {kinds - HONEST_KINDS}: " + json.dumps(
            store.conn.execute("SELECT kind, details FROM conflicts WHERE event_id = ?", (eid,)).fetchall())
    # what the counters' rules gave, recomputed from their own events
    points = {k: v + adjusted.get(k, 0) for k, v in ns.start_points.items()}
    uses = {code: 0 for code in ns.totals}
    rows = [r for t in ("A", "B") for r in outbox_payloads(counters[t], events[t])]
    voided = {p["voids_event_id"] for _eid, type_, p in rows if type_ == "void"}
    for eid, type_, p in rows:
        if type_ != "settlement" or eid in voided:
            continue
        for c in p["coupons"]:
            uses[c["code"]] += c["uses"]
        for e in p["earns"]:
            points[(p["member_id"], e["point_type"])] += e["points"]
        for b in p["burns"]:
            points[(p["member_id"], b["point_type"])] -= b["points"]
    server_points = lot_sums(store, ns.members)
    for key, want in points.items():
        assert server_points.get(key, 0) == want, f"{key}: the server's lots sum to {server_points.get(key, 0)}, the counters' " \
                                                  f"events give {want}"
    for code, want in uses.items():
        assert used_uses(store, code) == want, f"coupon {code}: {used_uses(store, code)} uses on the server, the counters' " \
                                               f"events give {want}"
    # both counters, caught up, show the server's figures
    now = datetime.now(timezone.utc)
    for t, c in counters.items():
        for mid in ns.members:
            lots = store.lots(mid)
            shown = c.svc.member_view(c.svc.replica.member(mid), now).balances
            for pt in ("bonus", "diamond"):
                assert shown.get(pt) == shown_balance(lots, pt, now), f"counter {t} shows {shown.get(pt)} {pt} for {mid}, " \
                                                                      f"the server {shown_balance(lots, pt, now)}"
        for code, total in ns.totals.items():
            if c.svc.replica.coupon(code) is None and ns.templates[code] not in c.svc.replica.catalog()["templates"]:
                continue  # another brand's coupon: never on this counter (store slices)
            left = max(0, store.get("coupon", code)["total_uses"] - used_uses(store, code))
            assert c.svc.replica.coupon(code).remaining_uses == left, f"counter {t} shows {code} with " \
                f"{c.svc.replica.coupon(code).remaining_uses} uses left, the server {left}"


@settings(max_examples=HONEST_EXAMPLES, **FAST)
@given(members=member_specs, steps=honest_steps)
def test_honest_streams_ledgers_equal_the_counters_rules(world, members, steps):
    run_honest(world, members, steps)


@pytest.mark.slow
@settings(max_examples=SLOW_EXAMPLES, **FAST)
@given(members=member_specs, steps=honest_steps)
def test_honest_streams_slow(world, members, steps):
    run_honest(world, members, steps)


# ---- tampered streams ----------------------------------------------------------------------------
tampered_steps = st.lists(st.one_of(
    st.tuples(st.just("a_sale"), sale_specs, sale_mutations), st.tuples(st.just("a_sale"), sale_specs, sale_mutations),
    st.tuples(st.just("a_sale"), sale_specs, sale_mutations),
    st.tuples(st.just("a_void"), st.integers(0, 50), void_mutations),
    st.tuples(st.just("a_replay"), st.integers(0, 50), st.sampled_from(["resend", "new_id", "new_id_new_seq"])),
    st.tuples(st.just("a_pull")),
    st.tuples(st.just("b_settle"), sale_specs), st.tuples(st.just("b_settle"), sale_specs),
    st.tuples(st.just("b_void"), st.integers(0, 50)), st.tuples(st.just("b_push")), st.tuples(st.just("b_pull")),
    st.tuples(st.just("admin_void"), st.sampled_from(["off1", "off2", "pct", "sv0", "sv1", "daily1"])),
    st.tuples(st.just("admin_points"), st.integers(0, 2), st.sampled_from([-50, 40, 100])),
), min_size=6, max_size=20)


class TamperedRun:
    """One tampered stream: A pushes (tampered) events raw, B trades honestly; bounds after every push."""

    def __init__(self, world: StreamWorld, attacker: Attacker, members, *, gaps: frozenset[str] = KNOWN_GAPS) -> None:
        self.world, self.attacker = world, attacker
        self.ns = world.namespace(members)
        attacker.sent, attacker.forged = [], set()
        self.checker = Checker(world.store, self.ns, world.allowances(), gaps, forged=attacker.forged)
        self.b_events: list[str] = []
        self.b_sales: list[str] = []
        self.n = 0

    def ctx(self) -> Ctx:
        return Ctx(self.ns, self.attacker, list(self.b_events), self.world.store.epoch, self.world.store.head(),
                   datetime.now(timezone.utc))

    def push(self, env: dict) -> None:
        before = self.checker.snapshot(env)
        earlier = {s.env["event_id"] for s in self.attacker.sent}
        sent = self.attacker.push(env)
        self.checker.after_push(sent, before, counter=self.attacker.counter, earlier_ids=earlier)

    def step(self, step) -> None:
        kind, a, ns = step[0], self.attacker, self.ns
        if kind == "a_sale":
            self.n += 1
            spec, muts = step[1], step[2]
            cid = f"{ns.prefix}X-{self.n}"
            payload = a.honest_sale(ns, spec, cid)
            if payload is not None:
                self.push(mutate(a.envelope(payload, "settlement"), self.ctx(), muts, SALE_MUTATIONS))
        elif kind == "a_void":
            targets = [s for s in a.sent if s.env["type"] == "settlement"]
            if targets:
                target = pick(targets, step[1])
                self.push(mutate(a.envelope(a.void_payload(target), "void"), self.ctx(), step[2], VOID_MUTATIONS))
        elif kind == "a_replay" and a.sent:
            env = dict(pick(a.sent, step[1]).env)
            if step[2] != "resend":
                env["event_id"] = str(uuid.uuid4())
            if step[2] == "new_id_new_seq":
                a.seq += 1
                env["terminal_seq"] = a.seq
            self.push(env)
        elif kind == "a_pull":
            a.counter.pull()
        elif kind == "b_settle":
            cid = f"{ns.prefix}B-{len(self.b_sales) + 1}"
            rec = settle(self.world.b, ns, step[1], cid)
            if rec is not None:
                self.b_events.append(rec["event_id"])
                self.b_sales.append(cid)
        elif kind == "b_void" and self.b_sales:
            res = void(self.world.b, pick(self.b_sales, step[1]))
            if res is not None:
                self.b_events.append(res["event_id"])
        elif kind == "b_push":
            self.world.b.client.push()
            self.check_b()
        elif kind == "b_pull":
            self.world.b.pull()
            assert self.world.b.client.quarantined() == [], "B quarantined rows the feed should never carry"
        elif kind == "admin_void":
            code = ns.codes[step[1]]
            if self.world.store.get("coupon", code)["status"] == "active":
                self.checker.admin_voids[code] = self.world.store.void_coupon(code, "withdrawn by HQ")
        elif kind == "admin_points":
            self.world.store.adjust_points(ns.members[step[1]], "bonus", step[2], "goodwill")

    def check_b(self) -> None:
        """Honest events after tampered ones are still accepted, with honest conflicts only."""
        s = self.world.store.conn
        for eid in self.b_events:
            row = s.execute("SELECT status FROM events WHERE event_id = ?", (eid,)).fetchone()
            if row is None:
                continue  # not pushed yet
            kinds = {k: d for k, d in s.execute("SELECT kind, details FROM conflicts WHERE event_id = ?", (eid,))}
            assert row[0] in ("accepted", "accepted_with_conflict") and set(kinds) <= HONEST_KINDS, \
                f"B's honest event {eid} was {row[0]} with {kinds}"

    def finish(self) -> None:
        b = self.world.b
        b.sync()
        self.check_b()
        pending = b.client.conn.execute("SELECT COUNT(*) FROM outbox WHERE state != 'acked'").fetchone()[0]
        assert pending == 0, f"B still has {pending} events not acknowledged"
        assert b.client.quarantined() == [] and self.attacker.counter.client.quarantined() == []
        # a later change still reaches both store PCs
        mid = self.ns.members[0]
        lot = self.world.store.adjust_points(mid, "bonus", 7, "later change")  # pays the member's debts first, if any
        want = {x["lot_id"]: x["points"] for x in self.world.store.lots(mid)}
        for c in (b, self.attacker.counter):
            c.pull()
            got = dict(c.client.conn.execute("SELECT lot_id, points FROM point_lots WHERE member_id = ?", (mid,)).fetchall())
            if c is not b:  # the attacker's replica also keeps lots its own unsent or refused sales made locally
                got = {k: v for k, v in got.items() if k in want}
            assert lot in got and got == want, f"counter {c.name} did not receive the later change: {got} != {want}"


def run_tampered(world, attacker, members, steps, *, gaps: frozenset[str] = KNOWN_GAPS) -> None:
    run = TamperedRun(world, attacker, members, gaps=gaps)
    for step in steps:
        run.step(step)
    run.finish()


@settings(max_examples=TAMPERED_EXAMPLES, **FAST)
@given(members=member_specs, steps=tampered_steps)
def test_tampered_streams_never_book_beyond_rules_and_allowances(world, attacker, members, steps):
    run_tampered(world, attacker, members, steps)


@pytest.mark.slow
@settings(max_examples=SLOW_EXAMPLES, **FAST)
@given(members=member_specs, steps=tampered_steps)
def test_tampered_streams_slow(world, attacker, members, steps):
    run_tampered(world, attacker, members, steps)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason=GAP_REASON)
@settings(max_examples=SLOW_EXAMPLES, phases=NO_SHRINK, **FAST)  # its failure is expected: not worth minutes of shrinking
@given(members=member_specs, steps=tampered_steps)
def test_tampered_streams_keep_the_offline_bounds_slow(world, attacker, members, steps):
    """The section 4 bounds too (`tamper.SECTION_4_GAPS` checked)."""
    run_tampered(world, attacker, members, steps, gaps=KNOWN_GAPS - SECTION_4_GAPS)


# ---- regressions: minimal examples the properties found ----------------------------------------------
def _run(world, attacker, *members: MemberSpec) -> TamperedRun:
    return TamperedRun(world, attacker, list(members) + [MemberSpec("normal", 300, 100, 0)] * (3 - len(members)))


def _push_sale(run: TamperedRun, spec: SaleSpec, change, *, accepted: bool = True) -> Sent:
    """Counter A's own sale, changed by `change(env)` and pushed under A's credential (`accepted`:
    asserting the server took the event, with or without conflicts)."""
    run.n += 1
    payload = run.attacker.honest_sale(run.ns, spec, f"{run.ns.prefix}R-{run.n}")
    assert payload is not None, "the counter refused the honest sale"
    env = run.attacker.envelope(payload, "settlement")
    change(env)
    sent = run.attacker.push(env)
    assert not accepted or sent.answer is not None and sent.answer["status"] in ("accepted", "accepted_with_conflict"), sent
    return sent


def _booked(world, sent: Sent, code: str) -> list[tuple[int, int]]:
    return world.store.conn.execute("SELECT uses, discount FROM coupon_ledger WHERE event_id = ? AND code = ?",
                                    (sent.env["event_id"], code)).fetchall()


SIX_HUNDRED = (("AMOUNT:600", 1, False),)


def test_regression_two_daily_coupons_in_one_checkout(world):
    """Honest streams: what a counter settles, the server books as claimed."""
    ns = world.namespace([MemberSpec("normal", 0, 0, 0)] * 3)
    req = request(ns, SaleSpec((("LATTE", 1, False),), 0, (("daily1", 1), ("daily2", 1)), ()), f"{ns.prefix}A-daily")
    try:
        rec = world.a.svc.settle(req, cashier_id="C01")
    except DomainError:
        return  # the counter refuses the second use itself
    world.a.sync()
    kinds = [k for (k,) in world.store.conn.execute("SELECT kind FROM conflicts WHERE event_id = ?", (rec["event_id"],))]
    assert "quarantined" not in kinds, f"the counter settled what the server quarantines: {kinds}"


def test_regression_negative_coupon_discount_is_not_booked(world, attacker):
    run = _run(world, attacker)
    code = run.ns.codes["off1"]
    sent = _push_sale(run, SaleSpec(SIX_HUNDRED, None, (("off1", 1),), ()),
                      lambda env: env["payload"]["coupons"][0].update(discount=-5), accepted=False)
    assert sent.status_code == 200
    assert all(disc >= 0 for _u, disc in _booked(world, sent, code)), _booked(world, sent, code)


def _squat(lot_id: str):
    def change(env):
        env["payload"]["earns"][0]["lot_id"] = lot_id
    return change


def test_regression_earn_on_another_counters_lot_id(world, attacker):
    run = _run(world, attacker)
    cid = f"{run.ns.prefix}B-1"
    _push_sale(run, SaleSpec(SIX_HUNDRED, 0, (), ()), _squat(f"B-001/PB/{cid}:bonus:B-base"))
    rec = settle(world.b, run.ns, SaleSpec(SIX_HUNDRED, 1, (), ()), cid)
    world.b.sync()
    status = world.store.conn.execute("SELECT status, result FROM events WHERE event_id = ?", (rec["event_id"],)).fetchone()
    assert status[0] == "accepted", f"B's honest sale was {status}"


def test_regression_earn_on_another_members_debt_lot(world, attacker):
    run = _run(world, attacker, MemberSpec("normal", 0, 0, 0), MemberSpec("normal", 0, 0, 0))
    m1 = run.ns.members[1]
    _push_sale(run, SaleSpec(SIX_HUNDRED, 0, (), ()), _squat(f"debt/{m1}/bonus"))  # 12 points of M0's, on M1's debt lot

    def burn_unknown_lot(env):  # M1 spends 40 points from a lot the server does not know: a debt of M1
        env["payload"]["burns"] = [{"lot_id": f"{run.ns.prefix}GONE", "point_type": "bonus", "points": 40}]
    _push_sale(run, SaleSpec(SIX_HUNDRED, 1, (), ()), burn_unknown_lot)
    run.checker._consistent()  # every member's lots = start + ledger
def test_regression_single_use_coupon_redeemed_twice_by_one_counter(world, attacker):
    """One counter redeems a single-use coupon in two sales (its replica's records deleted): each was
    posted as a duplicate_redemption, without bound; no honest counter does this."""
    run = _run(world, attacker)
    code = run.ns.codes["off1"]
    first = _push_sale(run, SaleSpec(SIX_HUNDRED, None, (("off1", 1),), ()), lambda env: None)
    again = _push_sale(run, SaleSpec(SIX_HUNDRED, None, (("off1", 1),), ()), lambda env: None)  # A forgot the first
    assert _booked(world, first, code) == [(1, 100)]
    assert _booked(world, again, code) == [], f"{code} redeemed twice by counter PA: {used_uses(world.store, code)} uses"


def test_regression_voucher_uses_beyond_the_allowance(world, attacker):
    run = _run(world, attacker, MemberSpec("normal", 0, 0, 0))
    code = run.ns.codes["sv0"]
    _push_sale(run, SaleSpec((("LATTE", 1, False),), 0, (("sv0", 1),), ()),
               lambda env: env["payload"]["coupons"][0].update(uses=50))
    most = run.ns.totals[code] + world.allowances()["stored_voucher_uses"]
    assert used_uses(world.store, code) <= most, f"{code}: {used_uses(world.store, code)} uses booked, at most {most}"


def _backdate(days: int):
    def change(env):
        at = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat()
        env["payload"]["occurred_at"] = env["occurred_at"] = at
    return change


def test_regression_backdated_sale_uses_a_coupon_expired_before_it_was_served(world, attacker):
    run = _run(world, attacker)
    code = run.ns.codes["old"]  # expired two days before this state was served to the counter

    def change(env):
        env["payload"]["coupons"] = [{"code": code, "template_id": "T-100OFF", "kind": "amount_off", "uses": 1, "discount": 100,
                                      "partner": None, "in_replica": True, "parent_code": None}]
        _backdate(3)(env)
    sent = _push_sale(run, SaleSpec(SIX_HUNDRED, None, (), ()), change)
    assert _booked(world, sent, code) == [], "a coupon that expired before the counter was served its state was booked"


def test_regression_backdated_sale_spends_a_lot_expired_before_it_was_served(world, attacker):
    run = _run(world, attacker, MemberSpec("normal", 0, 0, 900))
    m0 = run.ns.members[0]

    def change(env):
        env["payload"]["burns"] = [{"lot_id": f"{m0}-OLD", "point_type": "bonus", "points": 900}]
        _backdate(3)(env)
    sent = _push_sale(run, SaleSpec(SIX_HUNDRED, 0, (), ()), change)
    spent = -sum(d for (d,) in world.store.conn.execute("SELECT delta FROM point_ledger WHERE event_id = ? AND kind = 'burn'",
                                                       (sent.env["event_id"],)))
    limit = world.allowances()["points_per_member"]
    assert spent <= limit, f"{spent} points spent with none usable when the state was served (allowance {limit})"


@pytest.mark.xfail(strict=True, reason=GAP_REASON)
@pytest.mark.parametrize("cursor", [None, "epoch.0"])
def test_regression_lowered_cursor_redeems_a_coupon_voided_before_it_was_served(world, attacker, cursor):
    run = _run(world, attacker)
    code = run.ns.codes["off1"]
    world.store.void_coupon(code, "withdrawn by HQ")
    attacker.counter.pull()  # the void is served to the counter

    def change(env):
        env["payload"]["coupons"] = [{"code": code, "template_id": "T-100OFF", "kind": "amount_off", "uses": 1, "discount": 100,
                                      "partner": None, "in_replica": True, "parent_code": None}]
        env["based_on_cursor"] = env["payload"]["based_on_cursor"] = (
            None if cursor is None else f"{world.store.epoch}.0")
    sent = _push_sale(run, SaleSpec(SIX_HUNDRED, None, (), ()), change)
    assert _booked(world, sent, code) == [], f"coupon {code}, voided in the state served to the counter, was booked"
