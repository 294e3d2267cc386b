"""The offline bounds of the judgement as pure table tests (no database, no server; the catalog
of tests/conftest.py as domain models, via tests/sync/test_rules.py): what a
settlement's `based_on_cursor` and `occurred_at` are taken to mean (`sync.server.bounds`), and
how many claimed coupon uses are booked (`sync.server.judge._bounded_uses`). docs/sync.md,
"What a terminal can claim about being offline"."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sync.server.bounds import CLOCK_SKEW, bound_settlement

from .test_rules import COUPONS, EPOCH, NOW, inst, judge, rules, sale, use

H = timedelta(hours=1)


def prev(known=30, window=30, at=NOW - timedelta(hours=1), epoch=EPOCH):
    return {"epoch": epoch, "known_seq": known, "window_seq": window, "occurred_at": at.isoformat()}


def env(cursor):
    return {"event_id": "e1", "store_id": "A-001", "terminal_id": "T1", "terminal_seq": 7, "based_on_cursor": cursor}


# name, cursor, previous claims, claimed time, head -> known, window, occurred, earn_at, quarantine reasons
CLAIMS = [
    ("current cursor", f"{EPOCH}.40", None, NOW - H, 50, 40, None, NOW - H, NOW - H, []),
    ("missing, first settlement: knows nothing", None, None, NOW - H, 50, 0, None, NOW - H, NOW - H, []),
    ("another epoch: knows nothing", "0123abcd.40", None, NOW - H, 50, 0, None, NOW - H, NOW - H, []),
    ("beyond the head: judged as the head", f"{EPOCH}.90", None, NOW - H, 50, 50, None, NOW - H, NOW - H, ["cursor_ahead"]),
    ("lowered below an earlier claim", f"{EPOCH}.20", prev(), NOW - H, 50, 30, 30, NOW - H, NOW - H, []),
    ("missing after a claim", None, prev(), NOW - H, 50, 30, 30, NOW - H, NOW - H, []),
    ("another epoch after a claim", "0123abcd.40", prev(), NOW - H, 50, 30, 30, NOW - H, NOW - H, []),
    ("the window never shrinks", f"{EPOCH}.40", prev(window=45), NOW - H, 50, 40, 45, NOW - H, NOW - H, []),
    ("earlier claims of an older epoch: a new window", f"{EPOCH}.20", prev(45, 45, epoch="0123abcd"), NOW - H, 50,
     20, None, NOW - H, NOW - H, []),
    ("clock set back within the skew", f"{EPOCH}.40", prev(), NOW - H - CLOCK_SKEW, 50, 40, 40,
     NOW - H - CLOCK_SKEW, NOW - H - CLOCK_SKEW, []),
    ("backdated beyond the skew: coupons and points at the floor", f"{EPOCH}.40", prev(), NOW - 400 * 24 * H, 50,
     40, 40, NOW - H - CLOCK_SKEW, NOW - 400 * 24 * H, []),
    ("from the future: coupons and points at now, earn at now + skew", f"{EPOCH}.40", None, NOW + 7 * 24 * H, 50, 40, None,
     NOW, NOW + CLOCK_SKEW, []),
]


@pytest.mark.parametrize("name,cursor,previous,claimed,head,known,window,occurred,earn_at,conflicts", CLAIMS,
                         ids=[c[0] for c in CLAIMS])
def test_claims_table(name, cursor, previous, claimed, head, known, window, occurred, earn_at, conflicts):
    b = bound_settlement(env(cursor), claimed, previous, epoch=EPOCH, head=head, now=NOW)
    assert (b.known_seq, b.window_seq, b.occurred, b.earn_at) == (known, window, occurred, earn_at)
    assert [c["details"]["reason"] for c in b.conflicts] == conflicts
    # what the next settlement of this terminal is bounded by
    assert (b.claims.epoch, b.claims.known_seq, b.claims.terminal_seq) == (EPOCH, known, 7)
    assert b.claims.window_seq == (window if window is not None else head)
    latest = max(earn_at, datetime.fromisoformat(previous["occurred_at"])) if previous else earn_at
    assert datetime.fromisoformat(b.claims.occurred_at) == latest


def lattes(n):
    return [{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": n, "net": 0, "points_price": None}]


def sv(n, **kw):
    """M1 pays n lattes with n uses of SV-1 (10 coffees)."""
    return sale(amount=120 * n, net=0, lines=lattes(n), coupons=[use("SV-1", discount=120 * n, uses=n)], earns=[], **kw)


def single(n=1):
    return sale(coupons=[use("C-100", uses=n)], earns=[])


SV_9 = {**COUPONS, "SV-1": inst("SV-1", "T-10COFFEE", member="M1", total=10, used=9)}  # 1 use left
C_USED = {**COUPONS, "C-100": inst("C-100", "T-100OFF", used=1)}
MULTI = {**COUPONS, "C-100": inst("C-100", "T-100OFF", total=5, used=5)}  # a multi-use amount-off: not metered offline
ALLOW2 = {"points_per_member": 500, "stored_voucher_uses": 2}
UNSEEN = {"SV-1": 60, "C-100": 60}  # the coupon rows changed after the terminal's cursor (50): it could not know
# uses_after: how many of a coupon's uses were booked by events after that cursor (the state showed fewer)
SEEN = {"SV-1": 40, "C-100": 40}  # ... before it: its replica showed them
MANAGER = {"manager": {"id": "MGR1", "role": "manager", "stores": []}}
OVERRIDE = {"manager_id": "MGR1", "reason": "server down", "exceeded": []}

# name, payload, coupons, facts -> quarantine/conflict reasons, booked uses
USES = [
    ("voucher over-use beyond the allowance", sv(5), SV_9, dict(coupon_seqs=UNSEEN, uses_after={"SV-1": 9}),
     ["uses_beyond_allowance", "voucher_overuse"], {"SV-1": 3}),
    ("voucher over-use within the allowance", sv(3), SV_9, dict(coupon_seqs=UNSEEN, uses_after={"SV-1": 9}), ["voucher_overuse"], {"SV-1": 3}),
    ("unsynced uses of the terminal take the allowance", sv(2), SV_9,
     dict(coupon_seqs=UNSEEN, uses_after={"SV-1": 9}, previous=prev(50, 50), own_uses={"SV-1": [(55, 2)]}), ["uses_beyond_allowance"], {"SV-1": 1}),
    ("synced uses do not", sv(3), SV_9, dict(coupon_seqs=UNSEEN, uses_after={"SV-1": 7}, previous=prev(50, 50), own_uses={"SV-1": [(45, 2)]}),
     ["voucher_overuse"], {"SV-1": 3}),
    ("a manager's override (within its ceiling)", sv(5, allowance_override=OVERRIDE), SV_9, dict(coupon_seqs=UNSEEN, uses_after={"SV-1": 9}, **MANAGER),
     ["allowance_overridden", "voucher_overuse"], {"SV-1": 5}),
    ("voucher used up in the terminal's own state", sv(3), SV_9, dict(coupon_seqs=SEEN), ["used_up"], {"SV-1": 1}),
    ("a multi-use coupon that is no voucher is not metered", single(3), MULTI, dict(coupon_seqs=UNSEEN, uses_after={"C-100": 5}),
     ["voucher_overuse"], {"C-100": 3}),
    ("single use, used elsewhere meanwhile", single(), C_USED, dict(coupon_seqs=UNSEEN, uses_after={"C-100": 1}), ["duplicate_redemption"],
     {"C-100": 1}),
    ("single use, used up in the terminal's state", single(), C_USED, dict(coupon_seqs=SEEN), ["used_up"], {}),
    ("single use, the terminal's own second use", single(), C_USED,
     dict(coupon_seqs=UNSEEN, own_uses={"C-100": [(45, 1)]}), ["uses_beyond_total"], {}),
    ("single use, its own use voided", single(), COUPONS, dict(own_uses={"C-100": [(45, 1), (47, -1)]}), [], {"C-100": 1}),
    ("more uses than the coupon has", single(3), COUPONS, {}, ["uses_beyond_total"], {"C-100": 1}),
]


@pytest.mark.parametrize("name,payload,coupons,facts_kw,reasons,booked", USES, ids=[u[0] for u in USES])
def test_uses_table(name, payload, coupons, facts_kw, reasons, booked):
    got_reasons, uses, discounts, _earned, _burnt = judge(payload, rules(coupons=coupons, allowances=ALLOW2), facts_kw=facts_kw)
    assert got_reasons == reasons
    assert uses == booked
    for code, n in booked.items():  # a discount is recorded for the uses booked, pro rata
        claimed = next(c for c in payload["coupons"] if c["code"] == code)
        assert discounts[code] == claimed["discount"] * n // claimed["uses"]


# ---- an override is bounded; honest-looking "could not know" postings are bounded ----------------

CEILING3 = {**ALLOW2, "override_stored_voucher_uses": 3, "stale_state_uses": 2}
VOIDED = {"C-100": {"seq": 99, "reason": "fraud"}}  # voided centrally after the terminal's cursor (50)


def test_a_managers_override_is_bounded_by_its_ceiling_and_listed():
    """The override lifts the allowance to `override_stored_voucher_uses` (3 unsynced over-uses),
    not without limit (before: 5 of 5 claimed over-uses were booked), and is listed for review."""
    got, uses, _d, _e, _b = judge(sv(5, allowance_override=OVERRIDE), rules(coupons=SV_9, allowances=CEILING3),
                                  facts_kw=dict(coupon_seqs=UNSEEN, uses_after={"SV-1": 9}, **MANAGER))
    assert got == ["allowance_overridden", "uses_beyond_allowance", "voucher_overuse"]
    assert uses == {"SV-1": 4}  # the 1 use left + 3 approved over-uses


def test_an_override_bounds_points_debt_by_its_ceiling():
    burn = [{"lot_id": "M1-L1", "point_type": "bonus", "points": 2000}]
    allow = {"points_per_member": 500, "override_points_per_member": 1000}
    got, _u, _d, _e, burnt = judge(sale(burns=burn, earns=[], allowance_override=OVERRIDE), rules(allowances=allow),
                                   facts_kw=dict(MANAGER))
    assert got[:2] == ["allowance_overridden", "points_beyond_allowance"]
    assert burnt == 100 + 1000  # the balance + the override's ceiling of debt


@pytest.mark.parametrize("earlier,booked", [([], {"C-100": 1}), ([55], {"C-100": 1}), ([55, 56], {}), ([45, 46], {"C-100": 1})],
                         ids=["first", "one earlier", "allowance used", "earlier ones synced"])
def test_uses_of_a_coupon_voided_after_the_pull_are_bounded_per_unsynced_window(earlier, booked):
    """`redeemed_after_void` honoured for a terminal that could not know is posted at most
    `stale_state_uses` (2) times per unsynced window; beyond: quarantined, not booked. Before, a
    terminal claiming to know nothing had every voided coupon it held posted."""
    got, uses, *_ = judge(single(), rules(allowances=CEILING3),
                          facts_kw=dict(voids=VOIDED, coupon_seqs=UNSEEN, previous=prev(50, 50), stale_seqs=earlier))
    assert got == (["redeemed_after_void"] if booked else ["stale_beyond_allowance"])
    assert uses == booked


def test_a_revocation_and_a_block_after_the_pull_share_the_same_bound():
    from .test_rules import BLOCK_NEW
    revoked = {"C-100": {"seq": 99, "reason": "fraud"}}
    rf = rules(revoked=revoked, member_block=BLOCK_NEW, allowances=CEILING3)
    got, uses, _d, earned, _b = judge(sale(coupons=[use("C-100")]), rf, facts_kw=dict(previous=prev(50, 50), stale_seqs=[55]))
    # one earlier posting + the block (judged first) = 2: the revoked coupon's use is the third, not booked
    assert got == ["blocked_member", "stale_beyond_allowance"]
    assert uses == {} and earned == 10
    # with no earlier posting both are posted; with two, the block's points are not booked either
    got, uses, _d, earned, _b = judge(sale(coupons=[use("C-100")]), rf, facts_kw=dict(previous=prev(50, 50), stale_seqs=[]))
    assert got == ["blocked_member", "redeemed_after_void"] and uses == {"C-100": 1} and earned == 10
    got, uses, _d, earned, _b = judge(sale(coupons=[use("C-100")]), rf, facts_kw=dict(previous=prev(50, 50), stale_seqs=[55, 56]))
    assert got == ["stale_beyond_allowance", "stale_beyond_allowance"] and uses == {} and earned == 0
