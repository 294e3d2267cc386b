"""Issue 13 sections 1 and 4, server side: what a terminal claims about being offline is bounded.

Hand-made payloads under real device credentials against the real server on 127.0.0.1
(`tests/sync/handmade.py`). Each test failed on the code before (docs/sync.md, "What a terminal
can claim about being offline"):

* a stored voucher used beyond what it had left is posted as over-use only within the offline
  allowance (`stored_voucher_uses`, counted over the terminal's unsynced uses) or with a
  manager's override; beyond it `uses_beyond_allowance`, and the terminal learns the server's
  figure; a till whose cursor shows the coupon used up books nothing (`used_up`); a single-use
  coupon is posted as a double use at most once per till (`uses_beyond_total`);
* a missing, lowered or foreign `based_on_cursor` is judged as the highest state the terminal
  claimed before; one beyond the server's head is quarantined (`cursor_ahead`);
* a backdated `occurred_at` is judged no earlier than the terminal's previous settlement minus
  CLOCK_SKEW; one in the future gets the earn rules of the server's now (+ CLOCK_SKEW).
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone

import pytest

from sync.server.bounds import CLOCK_SKEW
from terminal.catalog import parse_catalog
from tests.conftest import BASE_CATALOG

from .handmade import AT, HandDevice, reasons
from .test_authority import balance, coupon, uses

pytestmark = pytest.mark.both_engines(postgresql="slow")  # SQLite by default; on PostgreSQL too with -m slow


@pytest.fixture
def a(server):
    return HandDevice(server, "A-001", "TA")


@pytest.fixture
def b(server):
    return HandDevice(server, "A-001", "TB")


def lattes(n: int) -> list[dict]:
    return [{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": n, "net": 0, "points_price": None}]


def voucher(dev: HandDevice, n: int, **extra) -> dict:
    """A sale of `n` lattes paid with `n` uses of SV-0001 (10 coffees of M1)."""
    return dev.settlement(lines=lattes(n), amount=120 * n, net=0,
                          coupons=[coupon("SV-0001", "T-10COFFEE", discount=120 * n, uses=n)], **extra)


def quarantined(answer: dict, reason: str) -> dict:
    (q,) = [c["details"] for c in answer["conflicts"] if c["kind"] == "quarantined" and c["details"]["reason"] == reason]
    return q


# ---- section 1: honest offline differences, bounded by the allowance ----------------------------------

def test_a_voucher_used_5_times_offline_with_an_allowance_of_2_books_2_extra_uses(server, a, b):
    server.store.set_allowances(stored_voucher_uses=2)
    offline = server.store.cursor()  # the state A's replica shows while it is offline
    assert reasons(b.push(voucher(b, 10))) == []  # meanwhile B uses all 10
    ans = a.push(voucher(a, 5), cursor=offline)
    assert reasons(ans) == ["uses_beyond_allowance", "voucher_overuse"]
    q = quarantined(ans, "uses_beyond_allowance")
    assert (q["claimed"], q["server"], q["allowance"], q["unsynced"]) == (5, 2, 2, 0)  # the server's figure, in the answer
    assert uses(server, "SV-0001") == 12
    over = next(c for c in ans["conflicts"] if c["kind"] == "voucher_overuse")["details"]
    assert (over["requested"], over["over"], over["discount"]) == (2, 2, 240)  # the discount of the uses booked
    # still offline: its 2 unsynced uses are the whole allowance, a 6th use is not booked
    ans = a.push(voucher(a, 1), cursor=offline)
    assert reasons(ans) == ["uses_beyond_allowance"] and quarantined(ans, "uses_beyond_allowance")["unsynced"] == 2
    assert uses(server, "SV-0001") == 12
    # an override naming a cashier counts as absent; a manager of the store lets the over-use through
    ans = a.push(voucher(a, 1, allowance_override={"manager_id": "C01", "reason": "x", "exceeded": []}), cursor=offline)
    assert reasons(ans) == ["override_not_by_manager", "uses_beyond_allowance"] and uses(server, "SV-0001") == 12
    ans = a.push(voucher(a, 3, allowance_override={"manager_id": "MGR1", "reason": "server down", "exceeded": []}),
                 cursor=offline)
    assert reasons(ans) == ["allowance_overridden", "voucher_overuse"] and uses(server, "SV-0001") == 15
    # an override is no blank cheque: with a ceiling of 6 unsynced uses (5 already), 1 of 3 more is booked
    server.store.set_allowances(override_stored_voucher_uses=6)
    ans = a.push(voucher(a, 3, allowance_override={"manager_id": "MGR1", "reason": "server down", "exceeded": []}),
                 cursor=offline)
    assert reasons(ans) == ["allowance_overridden", "uses_beyond_allowance", "voucher_overuse"]
    assert (quarantined(ans, "uses_beyond_allowance")["server"], uses(server, "SV-0001")) == (1, 16)
    listed = next(c for c in ans["conflicts"] if c["kind"] == "allowance_overridden")["details"]
    assert (listed["manager_id"], listed["reason"]) == ("MGR1", "server down")  # listed for the manager and HQ


def test_within_the_allowance_an_offline_over_use_is_posted_as_before(server, a, b):
    server.store.set_allowances(stored_voucher_uses=3)
    offline = server.store.cursor()
    b.push(voucher(b, 9))
    ans = a.push(voucher(a, 3), cursor=offline)  # 1 left, 3 used: 2 too many, within the allowance of 3
    assert reasons(ans) == ["voucher_overuse"] and uses(server, "SV-0001") == 12


def test_a_till_whose_cursor_shows_the_voucher_used_up_books_nothing_more(server, a, b):
    b.push(voucher(b, 9))
    ans = a.push(voucher(a, 3))  # based on the state after B's uses: its replica showed 1 left
    assert reasons(ans) == ["used_up"]
    q = quarantined(ans, "used_up")
    assert (q["claimed"], q["server"]) == (3, 1) and uses(server, "SV-0001") == 10


def test_a_single_use_coupon_is_a_double_use_once_per_till_at_most(server, a, b):
    offline = server.store.cursor()
    assert reasons(b.push(b.settlement(coupons=[coupon("C-100OFF-1")], net=500))) == []
    # A had not seen B's use: an honest double use, posted (first received wins)
    assert reasons(a.push(a.settlement(coupons=[coupon("C-100OFF-1")], net=500), cursor=offline)) == ["duplicate_redemption"]
    assert uses(server, "C-100OFF-1") == 2
    # the same till again: its own counter would show the coupon used by itself
    ans = a.push(a.settlement(coupons=[coupon("C-100OFF-1")], net=500), cursor=offline)
    assert reasons(ans) == ["uses_beyond_total"] and uses(server, "C-100OFF-1") == 2
    # a till that had pulled the use
    c = HandDevice(server, "A-001", "TC")
    assert reasons(c.push(c.settlement(coupons=[coupon("C-100OFF-1")], net=500))) == ["used_up"]
    assert uses(server, "C-100OFF-1") == 2


# ---- section 4: the cursor ---------------------------------------------------------------------------

@pytest.mark.parametrize("claim", ["missing", "lowered", "other epoch", "zero"])
def test_a_cursor_never_goes_below_what_the_till_claimed_before(server, a, claim):
    before = server.store.cursor()
    server.store.revoke_code("coupon", "C-100OFF-2", "fraud")
    assert reasons(a.push(a.settlement())) == []  # a sale based on a state that holds the revocation
    epoch = before.partition(".")[0]
    cursor = {"missing": None, "lowered": before, "other epoch": "0123abcd.999999", "zero": f"{epoch}.0"}[claim]
    ans = a.push(a.settlement(coupons=[coupon("C-100OFF-2")], net=500), cursor=cursor)
    assert reasons(ans) == ["revoked"] and uses(server, "C-100OFF-2") == 0  # before: honoured as "could not know"


def test_a_missing_cursor_of_a_till_that_never_claimed_one_knows_nothing(server, a):
    """A replica that sold before its first pull sends no cursor: honest, judged as knowing nothing
    (bounded by the allowances, and by the rules above once it claims a state)."""
    server.store.revoke_code("coupon", "C-100OFF-2", "fraud")
    ans = a.push(a.settlement(coupons=[coupon("C-100OFF-2")], net=500), cursor=None)
    assert reasons(ans) == ["redeemed_after_void"] and uses(server, "C-100OFF-2") == 1


def test_a_cursor_beyond_the_head_is_quarantined_and_judged_as_the_head(server, a):
    server.store.revoke_code("coupon", "C-100OFF-2", "fraud")
    epoch, _, head = server.store.cursor().partition(".")
    ans = a.push(a.settlement(coupons=[coupon("C-100OFF-2")], net=500), cursor=f"{epoch}.{int(head) + 10**6}")
    assert reasons(ans) == ["cursor_ahead", "revoked"]
    q = quarantined(ans, "cursor_ahead")
    assert q["claimed"] == f"{epoch}.{int(head) + 10**6}" and q["server"] == f"{epoch}.{head}"
    # and the next settlement cannot claim less than that head
    server.store.revoke_code("coupon", "C-100OFF-1", "fraud")
    ans = a.push(a.settlement(coupons=[coupon("C-100OFF-1")], net=500), cursor=None)
    assert reasons(ans) == ["redeemed_after_void"]  # revoked after that head: could not know


# ---- section 4: the time -------------------------------------------------------------------------------

BACKDATED = "2025-12-31T12:00:00+08:00"  # C-OLD-1 expired, and M1-L0's 500 points, on 2026-01-01 (Taipei)


def test_a_backdated_settlement_is_judged_no_earlier_than_the_tills_previous_one(server, a):
    assert reasons(a.push(a.settlement())) == []  # at AT, 2026-11-20
    ans = a.push(a.settlement(coupons=[coupon("C-OLD-1", discount=50)], net=550, occurred_at=BACKDATED))
    assert reasons(ans) == ["expired"] and uses(server, "C-OLD-1") == 0  # before: booked, "valid on 31 December"
    q = quarantined(ans, "expired")
    assert q["claimed_at"] == datetime.fromisoformat(BACKDATED).isoformat()
    assert datetime.fromisoformat(q["judged_at"]) == datetime.fromisoformat(AT) - CLOCK_SKEW
    # lots that expired meanwhile cannot pay either: a debt (within the allowance) instead of 400 expired points
    ans = a.push(a.settlement(amount=100, net=80, burns=[{"lot_id": "M1-L0", "point_type": "bonus", "points": 400}],
                              points_discount=20, occurred_at=BACKDATED))
    assert reasons(ans) == ["points_overdraft", "lot_not_usable"]  # before: none, "M1-L0 still had 500 on 31 December"
    od = next(c for c in ans["conflicts"] if c["kind"] == "points_overdraft")["details"]
    assert (od["requested"], od["available"], od["debt"]) == (400, 130, 270)


def test_a_clock_set_back_within_the_skew_is_taken_as_claimed(server, a):
    assert reasons(a.push(a.settlement())) == []
    slightly = (datetime.fromisoformat(AT) - CLOCK_SKEW + timedelta(seconds=1)).isoformat()
    ans = a.push(a.settlement(coupons=[coupon("C-100OFF-1")], net=500, occurred_at=slightly))
    assert ans["status"] == "accepted"
    at = server.store.conn.execute("SELECT at FROM coupon_ledger WHERE event_id = ?", (ans["event_id"],)).fetchone()[0]
    assert datetime.fromisoformat(at) == datetime.fromisoformat(slightly)


def test_a_settlement_from_the_future_gets_the_earn_rules_of_the_servers_now(server, a):
    """A campaign that starts in two days: a clock claiming next week cannot earn it today."""
    now = datetime.now(timezone.utc)
    cat = copy.deepcopy(BASE_CATALOG)
    cat["earn_rules"].append({"id": "A-SOON", "name": "Next week: 5 per 50", "point_type": "bonus", "kind": "per_spend",
                              "every": 50, "points": 5, "scope": {"stores": ["A-001"]},
                              "valid_from": (now + timedelta(days=2)).isoformat(),
                              "valid_until": (now + timedelta(days=60)).isoformat()})
    server.store.import_catalog(parse_catalog(json.dumps(cat)))
    future = (now + timedelta(days=7)).isoformat()
    earn = {"lot_id": "A-001/TA/soon:bonus:A-SOON", "point_type": "bonus", "points": 60, "rule_id": "A-SOON", "expires_at": None}
    before = balance(server)
    ans = a.push(a.settlement(earns=[earn], occurred_at=future))
    assert reasons(ans) == ["earn_exceeds_rules"]  # before: booked, "the campaign runs on that day"
    q = quarantined(ans, "earn_exceeds_rules")
    assert q["server"] in (12, 36)  # A-base today (x3 if today is the 5th in Taipei), not the campaign
    assert datetime.fromisoformat(q["earn_judged_at"]) <= datetime.now(timezone.utc) + CLOCK_SKEW
    assert balance(server) == before + q["server"]


def test_uses_of_coupons_voided_after_the_pull_are_bounded_per_terminal(server, a, b):
    """A terminal that claims to know nothing (no cursor) has a coupon voided centrally posted as an
    honest `redeemed_after_void` at most `stale_state_uses` times; beyond, not booked (before: every
    voided coupon it held was posted). Another till has its own bound."""
    server.store.set_allowances(stale_state_uses=1)
    for code in ("C-100OFF-1", "C-100OFF-2"):
        server.store.void_coupon(code, "withdrawn by HQ")
    first = a.push(a.settlement(coupons=[coupon("C-100OFF-1", "T-100OFF")]), cursor=None)
    assert reasons(first) == ["redeemed_after_void"] and uses(server, "C-100OFF-1") == 1
    second = a.push(a.settlement(coupons=[coupon("C-100OFF-2", "T-100OFF")]), cursor=None)
    assert reasons(second) == ["stale_beyond_allowance"] and uses(server, "C-100OFF-2") == 0
    assert quarantined(second, "stale_beyond_allowance")["allowance"] == 1
    other = b.push(b.settlement(coupons=[coupon("C-100OFF-2", "T-100OFF")]), cursor=None)
    assert reasons(other) == ["redeemed_after_void"] and uses(server, "C-100OFF-2") == 1
