"""What a hostile store PC with a real device credential got booked (a red-team pass on the server
with hand-made payloads), each now a regression test against the real server on 127.0.0.1.

Each finding was an example of a kind; the test names the kind:
  - a burn is booked on a named lot only if the lot can take it (the member's, its point type, usable);
  - coupon entries are bounded together: one entry per code, a voucher use per eligible item, the
    discounts within the basket;
  - a claimed time is a clock's reading (no year 1: its arithmetic stopped the terminal for good);
  - a member the terminal knew was blocked gets nothing booked, coupons included;
  - what a terminal's counter showed of a coupon is the state it claims less its own uses since,
    however the coupon changed later (alternating cursors renewed the allowance);
  - a coupon imported voided is as voided as one voided later;
  - a void names its original's checkout; ids are printable.
"""

from __future__ import annotations

import pytest

from .handmade import HandDevice, reasons
from .test_authority import coupon, uses


def latte(n: int) -> list[dict]:
    return [{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": n, "net": 0, "points_price": None}]


def lots(server, member: str) -> dict[str, int]:
    return {lot["lot_id"]: lot["points"] for lot in server.store.lots(member)}


def ledger(server, code: str) -> tuple[int, int]:
    return server.store.conn.execute("SELECT COALESCE(SUM(uses), 0), COALESCE(SUM(discount), 0) FROM coupon_ledger "
                                     "WHERE code = ?", (code,)).fetchone()


@pytest.fixture
def a(server):
    return HandDevice(server, "A-001", "TA")


def test_a_burn_labelled_with_another_point_type_opens_no_fresh_debt_each_time(server, a):
    for _ in range(6):  # before: each event debited M1-L1 (bonus) 500 "diamond" points: -2,900
        ans = a.push(a.settlement(burns=[{"lot_id": "M1-L1", "point_type": "diamond", "points": 500}]))
    assert "lot_not_usable" in reasons(ans) or "points_beyond_allowance" in reasons(ans)
    assert lots(server, "M1")["M1-L1"] >= 0
    debt = -sum(p for lot, p in lots(server, "M1").items() if p < 0)
    assert debt <= server.store.allowances({})["points_per_member"]


def test_an_expired_lot_pays_nothing(server, a):
    before = lots(server, "M1")
    usable = sum(p for lot, p in before.items() if lot != "M1-L0" and p > 0)
    for _ in range(4):  # before: all four accepted, 520 points spent from the expired M1-L0, the usable ones untouched
        ans = a.push(a.settlement(burns=[{"lot_id": "M1-L0", "point_type": "bonus", "points": 130}]))
        assert "lot_not_usable" in reasons(ans)
    after = lots(server, "M1")
    assert after["M1-L0"] == before["M1-L0"]
    assert sum(p for p in after.values() if p > 0) <= usable + before["M1-L0"] - min(520, usable)


def test_one_code_listed_ten_times_is_booked_once(server, a):
    ans = a.push(a.settlement(amount=120, lines=latte(1),
                              coupons=[coupon("SV-0001", "T-10COFFEE", discount=120)] * 10))
    assert reasons(ans).count("repeated_code") == 9
    assert ledger(server, "SV-0001") == (1, 120)  # before: 10 uses and 1,200 off a 120 sale


def test_voucher_uses_beyond_the_eligible_items_are_not_booked(server, a):
    ans = a.push(a.settlement(amount=120, lines=latte(1), coupons=[coupon("SV-0001", "T-10COFFEE", discount=120, uses=10)]))
    assert "uses_exceed_items" in reasons(ans)
    assert ledger(server, "SV-0001")[0] == 1


def test_coupon_discounts_together_stay_within_the_basket(server, a):
    # each within its own template on one latte; together twice the latte
    ans = a.push(a.settlement(amount=120, lines=latte(1), coupons=[
        coupon("SV-0001", "T-10COFFEE", discount=120), coupon("C-LATTE-1", "T-FREELATTE", discount=120)]))
    assert reasons(ans) == ["discounts_exceed_basket"]
    assert ledger(server, "SV-0001")[1] + ledger(server, "C-LATTE-1")[1] == 120


@pytest.mark.parametrize("at", ["0001-01-01T00:14:00+00:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_time_no_clock_reads_is_refused_and_the_terminal_goes_on(server, a, at):
    ans = a.push(a.settlement(occurred_at=at))
    assert ans["status"] == "rejected" and ans["error"]["code"] == "invalid_payload"  # before: internal_error, then for ever
    assert a.push(a.settlement())["status"] == "accepted"


def test_a_member_known_to_be_blocked_gets_no_coupon_booked(server, a):
    server.store.revoke_code("member", "M1", "card reported stolen")
    ans = a.push(a.settlement(amount=240, lines=latte(2), coupons=[
        coupon("SV-0001", "T-10COFFEE", discount=120), coupon("C-LATTE-1", "T-FREELATTE", discount=120)]))
    assert reasons(ans).count("member_blocked") >= 2
    assert ledger(server, "SV-0001") == (0, 0) and ledger(server, "C-LATTE-1") == (0, 0)  # before: both booked


def test_alternating_cursors_do_not_renew_a_used_up_vouchers_allowance(server):
    server.store.issue_coupon("T-10COFFEE", member_id="M1", code="BIG", uses=100)
    t0, t1, t2 = (HandDevice(server, "A-001", t) for t in ("T0", "T1", "T2"))
    start = server.store.cursor()
    t0.push(t0.settlement(amount=12000, lines=latte(100), coupons=[coupon("BIG", "T-10COFFEE", discount=12000, uses=100)]))
    seen = {"T1": start, "T2": start}
    boss = {"manager_id": "MGR1", "reason": "r", "exceeded": [{"kind": "stored_voucher_uses"}]}
    for _ in range(4):
        for t in (t1, t2):
            t.push(t.settlement(amount=1200, lines=latte(10), allowance_override=boss,
                                coupons=[coupon("BIG", "T-10COFFEE", discount=1200, uses=10)]), cursor=seen[t.terminal_id])
            seen[t.terminal_id] = server.store.cursor()  # claims the state right after its own push
    per = dict(server.store.conn.execute("SELECT terminal_id, SUM(uses) FROM coupon_ledger WHERE code = 'BIG' "
                                         "GROUP BY terminal_id").fetchall())
    ceiling = server.store.allowances({})["override_stored_voucher_uses"]
    assert per["T1"] <= ceiling and per["T2"] <= ceiling  # before: 40 each


def test_a_coupon_imported_voided_is_known_voided(server, a):
    ans = a.push(a.settlement(member=None, coupons=[coupon("C-VOID-1")]))  # its cursor holds the voided row
    assert reasons(ans) == ["voided"] and ledger(server, "C-VOID-1") == (0, 0)  # before: honoured as "could not know"


def test_a_void_names_its_originals_checkout(server, a):
    sale = a.settlement()
    ans = a.push(sale)
    v = a.void(sale, ans)
    v["checkout_id"] = "someone-elses"
    got = a.push(v, type_="void")
    assert got["status"] == "rejected" and got["error"]["code"] == "invalid_payload"


@pytest.mark.parametrize("checkout_id", ["\x1b[2Jx", "a\u202eb", "nul\x00"])
def test_ids_with_control_characters_are_refused(server, a, checkout_id):
    got = a.push(a.settlement(checkout_id=checkout_id))
    assert got["status"] == "rejected" and got["error"]["code"] == "invalid_payload"
