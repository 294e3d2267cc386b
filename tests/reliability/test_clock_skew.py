"""Clock skew: terminal clocks days ahead or behind, or jumping backwards between settlements.

What is decided by what (the rules these tests hold the code to):

* Order and acknowledgement are by `terminal_seq` (gap-free, given at settlement in the order
  the settlements are made), never by the terminal's clock; push batches are ordered by it
  and acks name it. `occurred_at` is stored centrally as information only.
* The server decides by what it has received, in the order it received it: the first
  redemption received wins a double redemption whatever the two clocks say; a redemption
  after a central void is judged by the event's `based_on_cursor`, not by any time.
* Date rules at the counter (coupon and lot expiry, member day, weekday and birthday-month
  multipliers, birthday-month coupons, per-day limits, the expiry of earned points) are
  evaluated at the time of the service's injected clock (`RedemptionService(clock=...)`),
  seen in the time zone of the store row in the replica (`stores.timezone`, from the
  catalog, replicated from the server) — never the machine's time zone, never UTC, never a
  wall clock read behind the service's back.
* An offline allowance is granted for a duration: a terminal whose clock is days off still
  gets the grant's `valid_hours`, counted on its own clock (sync.client.fetch_allowances).

The seeded simulation (tests/reliability/test_simulation.py) already runs terminals with
skews of minutes to days and random clock jumps, and checks gap-free sequences, exact acks,
conflicts against a receive-order model and convergence; the tests here pin each rule above
down explicitly, with the clocks chosen to make a clock-based implementation fail.
"""

from __future__ import annotations

import copy
import json
import time
from datetime import datetime, timedelta, timezone
from itertools import count

import pytest

from sync.allowances import OfflineAllowances
from sync.client import MemoryCredentialStore, SyncClient
from terminal.provisioning.bootstrap import open_replica
from terminal.domain.reasons import AuthorizationError, CheckoutError, DomainError
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, FixedClock, card, tpe
from tests.sync.conftest import AT, ServerProcess, Terminal

UTC = timezone.utc
DAY = timedelta(days=1)
CARDS = {"M1": card("290000000001"), "M2": card("290000000002"), "M3": card("290000000003")}


def skew_catalog() -> dict:
    """The test catalog plus a brand C with two stores whose only earn rule has every calendar multiplier."""
    cat = copy.deepcopy(BASE_CATALOG)
    cat["brands"].append({"id": "C", "name": "Calendar brand"})
    cat["stores"] += [{"id": "CAL", "brand": "C", "name": "Calendar store", "timezone": "Asia/Taipei"},
                      {"id": "CAL-TZ", "brand": "C", "name": "Store that moves", "timezone": "Asia/Taipei"}]
    cat["earn_rules"].append({
        "id": "CAL-base", "name": "Calendar: 1 per 50", "point_type": "bonus", "kind": "per_spend", "every": 50, "points": 1,
        "scope": {"stores": ["CAL", "CAL-TZ"]},
        "multipliers": [{"kind": "day_of_month", "days": [5], "factor": 3}, {"kind": "weekday", "weekdays": [2], "factor": 6},
                        {"kind": "birthday_month", "factor": 2}]})
    cat["coupon_templates"].append({"id": "T-BDAY", "name": "Birthday 10 off", "kind": "amount_off", "amount": 10,
                                    "member_bound": False, "birthday_month_only": True})
    cat["coupons"] += [{"code": "C-EXP-1", "template": "T-100OFF", "valid_until": "2026-12-01T00:00:00+08:00"},
                       {"code": "C-BDAY-1", "template": "T-BDAY"},
                       {"code": "C-DAILY-3", "template": "T-ONCE-A-DAY"}]
    for m in cat["members"]:
        if m["id"] == "M3":  # only the expiry test uses M3
            m["lots"] = [{"id": "M3-X", "point_type": "bonus", "points": 50, "earned_at": "2026-06-01T10:00:00+08:00",
                          "expires_at": "2026-12-01T00:00:00+08:00"}]
    return cat


class Skewed:
    """The real clock, off by `skew` (a terminal whose clock is wrong). `skew` may change: a jump."""

    def __init__(self, skew: timedelta) -> None:
        self.skew = skew

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.skew


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    d = tmp_path_factory.mktemp("skew-central")
    cat = d / "catalog.json"
    cat.write_text(json.dumps(skew_catalog()))
    srv = ServerProcess(d / "central.db", cat)  # the server's clock is the real one
    yield srv
    srv.stop()


_IDS = count(1)


@pytest.fixture
def make_terminal(server, tmp_path):
    """An enrolled, bootstrapped terminal whose counter AND sync client run on `clock`."""
    made: list[Terminal] = []

    def _make(store_id: str, clock, *, allowances=None) -> Terminal:
        tid = f"S{next(_IDS)}"
        path = tmp_path / f"{tid}.db"
        creds = MemoryCredentialStore()
        client = SyncClient(open_replica(path), server.url, creds, clock=clock)
        client.enrol(server.store.create_enrol_token(store_id), tid)
        client.bootstrap()
        svc = RedemptionService(open_replica(path), store_id=store_id, terminal_id=tid, clock=clock, allowances=allowances)
        t = Terminal(path, client, svc, creds)
        t.id = tid  # type: ignore[attr-defined]
        made.append(t)
        return t

    yield _make
    for t in made:
        t.close()


def uniq(prefix: str) -> str:
    return f"{prefix}-{next(_IDS)}"


def _events(server, terminal_id: str) -> list[tuple]:
    """The server's events of one terminal in the order it received them."""
    return server.store.conn.execute(
        "SELECT terminal_seq, event_id, status, occurred_at, received_at, visible_seq FROM events WHERE terminal_id = ? ORDER BY rowid",
        (terminal_id,)).fetchall()


# ---- order and acknowledgement ----------------------------------------------------------------------------

def test_terminal_seq_and_acks_ignore_a_clock_that_jumps(server, make_terminal):
    clock = FixedClock(AT)
    t = make_terminal("A-001", clock)
    jumps = [timedelta(0), 3 * DAY, -5 * DAY, -5 * DAY + timedelta(minutes=1), 10 * DAY, -30 * DAY]
    made = []
    for i, j in enumerate(jumps):
        clock.at = AT + j
        r = t.settle(f"{t.id}-j{i}", member=CARDS["M1"], amount=100 + 50 * i)
        made.append((r["terminal_seq"], r["settled_at"]))
        if i == 2:
            rep = t.client.push()  # a push in the middle, with the clock 5 days behind
            assert rep.acked == 3 and rep.statuses == {"accepted": 3}
    # the clock jumped 40 days back: the void is "before" the sale it voids, and still within the window
    clock.at = AT - 30 * DAY
    v = t.svc.void(f"{t.id}-j4", manager_id="MGR1", pin="9999", reason="clock test")
    assert datetime.fromisoformat(v["voided_at"]) < datetime.fromisoformat(made[4][1])
    assert [seq for seq, _ in made] == [1, 2, 3, 4, 5, 6] and v["terminal_seq"] == 7  # in the order they were made
    created = [datetime.fromisoformat(r[0]) for r in t.client.conn.execute("SELECT created_at FROM outbox ORDER BY terminal_seq")]
    assert created != sorted(created)  # the clock really went backwards between settlements

    clock.at = AT - 40 * DAY  # the sync client's clock is behind everything it has written
    assert t.client.status().oldest_pending_age_s == 0.0  # never a negative age
    rep = t.client.push()
    assert rep.acked == 4 and rep.statuses == {"accepted": 4}  # the void of seq 5 is applied, not unknown_original_event
    t.client.pull()
    rows = t.client.conn.execute("SELECT terminal_seq, state, result, reflected FROM outbox ORDER BY terminal_seq").fetchall()
    assert rows == [(s, "acked", "accepted", 1) for s in range(1, 8)]
    ev = _events(server, t.id)
    assert [e[0] for e in ev] == list(range(1, 8))  # received in terminal_seq order
    assert all(e[2] == "accepted" for e in ev)
    assert [datetime.fromisoformat(e[3]) for e in ev] == created  # the terminal's times are kept, as information
    received = [datetime.fromisoformat(e[4]) for e in ev]
    assert received == sorted(received)  # the server stamps its own time
    assert [e[5] for e in ev] == sorted(e[5] for e in ev)  # and its change sequence follows the receive order
    # the void netted the sale out on both sides
    c = server.store.conn
    assert c.execute("SELECT COALESCE(SUM(delta), 0) FROM point_ledger WHERE checkout_id = ?", (f"{t.id}-j4",)).fetchone()[0] == 0
    local = t.client.conn.execute("SELECT lot_id, SUM(delta) FROM point_ledger GROUP BY lot_id ORDER BY lot_id").fetchall()
    central = c.execute("SELECT lot_id, SUM(delta) FROM point_ledger WHERE terminal_id = ? GROUP BY lot_id ORDER BY lot_id",
                        (t.id,)).fetchall()
    assert local == central


# ---- the server decides by receipt, not by terminal time -----------------------------------------------------

@pytest.mark.parametrize("first", ["clock_ahead", "clock_behind"])
@pytest.mark.parametrize("kind", ["single_use", "stored_voucher"])
def test_first_received_wins_whatever_the_clocks_say(kind, first, server, make_terminal):
    if kind == "single_use":
        code = server.store.issue_coupon("T-100OFF", code=uniq("DUP"))["code"]
        ask = dict(amount=600, coupons=[code])
    else:  # two uses left; each terminal uses both
        code = server.store.issue_coupon("T-10COFFEE", member_id="M1", code=uniq("DSV"), uses=2)["code"]
        ask = dict(member=CARDS["M1"], lines=[LineRequest("LATTE", 2)], coupons=[CouponRequest(code, 2)])
    ahead = make_terminal("A-001", FixedClock(AT + 2 * DAY))
    behind = make_terminal("B-001", FixedClock(AT - 2 * DAY))
    # both offline: each sees the coupon unused and redeems it
    ra = ahead.settle(f"{ahead.id}-x", **ask)
    rb = behind.settle(f"{behind.id}-x", **ask)
    assert ra["coupon_discount"] > 0 and rb["coupon_discount"] > 0
    winner, loser = (ahead, behind) if first == "clock_ahead" else (behind, ahead)
    w_rec, l_rec = (ra, rb) if winner is ahead else (rb, ra)
    assert winner.client.push().statuses == {"accepted": 1}
    assert loser.client.push().statuses == {"accepted_with_conflict": 1}
    if first == "clock_ahead":  # the loser's clock says it redeemed four days before the winner
        assert datetime.fromisoformat(l_rec["settled_at"]) < datetime.fromisoformat(w_rec["settled_at"])
    conflicts = server.store.conn.execute(
        "SELECT kind, decision, event_id, terminal_id, other_event_id, other_terminal_id FROM conflicts WHERE subject = ?",
        (code,)).fetchall()
    if kind == "single_use":
        assert conflicts == [("duplicate_redemption", "first_received_wins", l_rec["event_id"], loser.id,
                              w_rec["event_id"], winner.id)]
    else:
        assert [c[:4] for c in conflicts] == [("voucher_overuse", "posted_as_overuse", l_rec["event_id"], loser.id)]
    ledger = server.store.conn.execute("SELECT event_id, at FROM coupon_ledger WHERE code = ? ORDER BY id", (code,)).fetchall()
    assert [e for e, _ in ledger] == [w_rec["event_id"], l_rec["event_id"]]  # posted in receive order
    # each terminal keeps the conflicts of its own events; both converge on "used up"
    assert [c["kind"] for c in loser.client.conflicts()] == [conflicts[0][0]] and winner.client.conflicts() == []
    for t in (winner, loser):
        t.client.sync_once()
        assert t.svc.replica.coupon(code).remaining_uses == 0
    assert server.store.get("coupon", code)["used_uses"] == (4 if kind == "stored_voucher" else 2)


def test_redeemed_after_void_is_judged_by_the_cursor_not_the_clock(server, make_terminal):
    code = server.store.issue_coupon("T-100OFF", code=uniq("VOID"))["code"]
    unaware = make_terminal("A-001", FixedClock(AT))  # pulled before the void
    server.store.void_coupon(code, "recalled")
    # its clock now says a month after the void (a time-based rule would call it "knew of the void")
    unaware.svc.clock.at = datetime.now(UTC) + 30 * DAY
    rec = unaware.settle(f"{unaware.id}-v", amount=600, coupons=[code])
    assert unaware.client.push().statuses == {"accepted_with_conflict": 1}
    row = server.store.conn.execute("SELECT kind, decision, event_id FROM conflicts WHERE subject = ?", (code,)).fetchone()
    assert row == ("redeemed_after_void", "honoured_terminal_could_not_know", rec["event_id"])
    # a terminal that has the void refuses the coupon even when its clock says it is a month before the void
    aware = make_terminal("A-001", FixedClock(datetime.now(UTC) - 30 * DAY))
    view = aware.svc.scan(code).coupon
    assert not view.usable and view.reason == "voided"


# ---- date rules: the injected clock, in the store's time zone from the replica ----------------------------------

@pytest.fixture
def odd_machine_zone(monkeypatch):
    """The PC's own time zone is 14 hours east of UTC: nothing may depend on it."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# (instant in UTC, multiplier of the CAL rule for M1, born in November). Taipei is UTC+8: each
# instant is on another calendar day (or month) in Taipei than in UTC or on the machine.
MULTIPLIER_CASES = [
    (datetime(2026, 11, 30, 15, 30, tzinfo=UTC), 2),  # Taipei Mon 30 Nov 23:30: birthday month
    (datetime(2026, 11, 30, 16, 30, tzinfo=UTC), 6),  # Taipei Tue 1 Dec 00:30: Tuesday x6 (UTC: Monday, November)
    (datetime(2026, 12, 4, 15, 30, tzinfo=UTC), 1),   # Taipei Fri 4 Dec 23:30: nothing
    (datetime(2026, 12, 4, 16, 30, tzinfo=UTC), 3),   # Taipei Sat 5 Dec 00:30: member day x3 (UTC: the 4th)
    (datetime(2026, 12, 5, 16, 30, tzinfo=UTC), 1),   # Taipei Sun 6 Dec 00:30: nothing (UTC: the 5th)
]


@pytest.mark.parametrize("at,factor", MULTIPLIER_CASES, ids=[f"{a:%m%dT%H%M}Z-x{f}" for a, f in MULTIPLIER_CASES])
def test_calendar_multipliers_use_the_injected_clock_in_the_store_zone(at, factor, server, make_terminal, odd_machine_zone):
    t = make_terminal("CAL", FixedClock(at))  # the real clock (and the machine's zone) say something else
    p = t.svc.preview(CheckoutRequest(uniq("m"), (LineRequest(amount=500, name="Amount"),), member_code=CARDS["M1"]))
    assert [(e.rule_id, e.multiplier, e.points) for e in p.earns] == [("CAL-base", factor, 10 * factor)]


def test_expiry_birthday_coupons_limits_and_earned_lots_use_the_injected_clock_in_the_store_zone(server, make_terminal,
                                                                                               odd_machine_zone):
    before, after = datetime(2026, 11, 30, 15, 59, 59, tzinfo=UTC), datetime(2026, 11, 30, 16, 0, tzinfo=UTC)  # Taipei midnight
    clock = FixedClock(before)
    t = make_terminal("CAL", clock)
    m3 = t.svc.replica.member("M3")
    # coupon expiry: valid_until 2026-12-01T00:00+08:00 (exclusive)
    assert t.svc.scan("C-EXP-1").coupon.usable
    # a lot expiring 2026-12-01T00:00+08:00
    assert t.svc.member_view(m3).balances["bonus"] == 50
    # birthday-month coupon: M1 was born in November
    assert t.svc.scan("C-BDAY-1", member_id="M1").coupon.usable
    clock.at = after  # one second later: 1 December in Taipei, still 30 November in UTC
    view = t.svc.scan("C-EXP-1").coupon
    assert not view.usable and view.reason == "expired"
    assert t.svc.member_view(m3).balances["bonus"] == 0
    view = t.svc.scan("C-BDAY-1", member_id="M1").coupon
    assert not view.usable and view.reason == "not_birthday_month"

    # earned points expire at the end of the store-local day, validity_days (365) after earning
    clock.at = before
    r1 = t.settle(uniq("e"), member=CARDS["M2"], amount=100)
    clock.at = after
    r2 = t.settle(uniq("e"), member=CARDS["M2"], amount=100)
    exp = dict(t.client.conn.execute(
        "SELECT l.checkout_id, p.expires_at FROM point_ledger l JOIN point_lots p ON p.lot_id = l.lot_id WHERE l.kind = 'earn'"))
    assert exp[r1["checkout_id"]] == "2027-12-01T00:00:00+08:00"
    assert exp[r2["checkout_id"]] == "2027-12-02T00:00:00+08:00"

    # one use per member per day: the day is the store's (23:50 and 00:10 in Taipei are two days, one UTC day)
    clock.at = tpe(2026, 12, 2, 23, 50)
    t.settle(uniq("d"), member=CARDS["M2"], amount=100, coupons=["C-DAILY-1"])
    clock.at = tpe(2026, 12, 3, 0, 10)
    assert clock.at.astimezone(UTC).date() == tpe(2026, 12, 2, 23, 50).astimezone(UTC).date()
    t.settle(uniq("d"), member=CARDS["M2"], amount=100, coupons=["C-DAILY-2"])
    clock.at = tpe(2026, 12, 3, 0, 20)
    third = CheckoutRequest(uniq("d"), (LineRequest(amount=100, name="Amount"),), member_code=CARDS["M2"],
                            coupons=(CouponRequest("C-DAILY-3"),))
    assert [(v.ok, v.reason.value if v.reason else None) for v in t.svc.preview(third).coupon_verdicts] == [(False, "limit_reached")]
    with pytest.raises(CheckoutError):
        t.svc.settle(third, cashier_id="C01")


def test_the_store_zone_is_the_replicated_one(server, make_terminal, odd_machine_zone):
    """The zone comes from the store row the server sends: move the store, and after a pull the calendar moves."""
    at = datetime(2026, 12, 5, 18, 0, tzinfo=UTC)  # Taipei: Sun 6 Dec 02:00; Los Angeles: Sat 5 Dec 10:00 (member day)
    t = make_terminal("CAL-TZ", FixedClock(at))
    req = CheckoutRequest(uniq("z"), (LineRequest(amount=500, name="Amount"),), member_code=CARDS["M1"])
    assert [e.multiplier for e in t.svc.preview(req).earns] == [1]
    server.store.create_store("CAL-TZ", "C", "Store that moves", "America/Los_Angeles")
    t.client.pull()
    assert t.svc.store.timezone == "America/Los_Angeles"
    assert [e.multiplier for e in t.svc.preview(req).earns] == [3]
    rec = t.settle(req.checkout_id, member=CARDS["M1"], amount=500)
    assert rec["local_time"] == "2026-12-05 10:00" and rec["points_earned"] == {"bonus": 30}


# ---- offline allowances: a duration on the terminal's own clock ---------------------------------------------------

def _voucher_use(t, code: str, **kw):
    return t.settle(uniq("a"), member=CARDS["M1"], lines=[LineRequest("LATTE")], coupons=[CouponRequest(code, 1)], **kw)


@pytest.mark.parametrize("skew_days", [5, -30])
def test_an_allowance_lasts_its_valid_hours_on_a_skewed_terminal_clock(skew_days, server, make_terminal):
    """Granted while online for `valid_hours` (72): a terminal clock 5 days ahead must not find the fresh grant
    already expired (every offline voucher use would need a manager while the terminal syncs normally), and one
    30 days behind must not keep it for 30 days more."""
    code = server.store.issue_coupon("T-10COFFEE", member_id="M1", code=uniq("ASV"), uses=10)["code"]
    clock = Skewed(timedelta(days=skew_days))
    t = make_terminal("A-001", clock, allowances=OfflineAllowances())  # bootstrap fetched the grant (2 uses)
    _voucher_use(t, code)  # offline use 1 of 2: inside the grant, no manager needed
    clock.skew += timedelta(hours=71)
    _voucher_use(t, code)  # still inside the grant's 72 hours, on the terminal's clock
    t.client.sync_once()  # synced: the new grant starts again
    clock.skew += timedelta(hours=71)
    _voucher_use(t, code)
    clock.skew += timedelta(hours=2)  # 73 h after the grant: expired, whatever the server's calendar says
    with pytest.raises(AuthorizationError) as err:
        _voucher_use(t, code)
    exceeded = err.value.details["allowance_exceeded"]
    assert exceeded[0]["kind"] == "stored_voucher_uses" and "no current allowance" in exceeded[0]["message"]


def test_settlements_never_fail_on_skew_alone(server, make_terminal):
    """Clocks 10 days either way: every kind of settlement is accepted offline and acknowledged.
    (At B-001, whose earn rules have no calendar multiplier: a clock 10 days ahead on brand A's
    member day would claim x3, which the server judges at its own now; docs/sync.md.)"""
    for skew in (10 * DAY, -10 * DAY):
        t = make_terminal("B-001", Skewed(skew))
        code = server.store.issue_coupon("T-100OFF", code=uniq("SK"))["code"]
        t.client.pull()
        try:
            t.settle(uniq("k"), member=CARDS["M2"], amount=300)
            t.settle(uniq("k"), amount=600, coupons=[code])
        except DomainError as err:  # pragma: no cover - the message says which rule read a clock
            pytest.fail(f"refused with skew {skew}: {err.reason.value} {err}")
        assert t.client.push().statuses == {"accepted": 2}


def test_the_server_judges_points_no_later_than_its_own_now(tmp_path):
    """A terminal clock running ahead must not expire lots early on the server: M1-L2 (30 points,
    valid until 2026-12-01) and 90 of M1-L1 spent by a terminal whose clock says 2026-12-05, received 2026-11-20:
    judged at 12-05 only 100 points would be left (a false overdraft), judged at the server's now 130."""
    import uuid as _uuid

    from sync.server.store import CentralStore
    from terminal.catalog import parse_catalog
    from terminal.domain.events import payload_sha256 as _sha
    from tests.conftest import BASE_CATALOG as _CAT

    now = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
    store = CentralStore(tmp_path / "central.db", clock=lambda: now)
    try:
        store.import_catalog(parse_catalog(json.dumps(_CAT)))
        token = store.create_enrol_token("A-001")
        credential = store.enrol(token, "T1")["credential"]
        store.confirm_enrolment(credential, token)
        device = store.authenticate(credential)
        ahead = "2026-12-05T04:00:00+00:00"
        payload = {"checkout_id": "AHEAD-1", "store_id": "A-001", "terminal_id": "T1", "member_id": "M1", "coupons": [],
                   "burns": [{"lot_id": "M1-L2", "point_type": "bonus", "points": 30},
                             {"lot_id": "M1-L1", "point_type": "bonus", "points": 90}], "earns": [], "occurred_at": ahead}
        event = {"event_id": str(_uuid.uuid4()), "terminal_id": "T1", "store_id": "A-001", "terminal_seq": 1,
                 "type": "settlement", "schema_version": 1, "payload": payload, "payload_sha256": _sha(payload),
                 "occurred_at": ahead, "based_on_cursor": None, "app_version": "test"}
        answer = store.push(device, [event])["results"][0]
        assert answer["status"] == "accepted", answer
        assert store.conn.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0] == 0
    finally:
        store.close()
