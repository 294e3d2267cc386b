"""Issue 15, section 5 at the counter: partial returns with exact figures, refusal reasons, one
transaction (the return event, its row, its compensating ledger rows)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from terminal.domain.reasons import AuthorizationError, CheckoutError, Reason
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.returns import ReturnRequest

from tests.conftest import card, catalog_dict

M1 = card("290000000001")


def returns_catalog() -> dict:
    cat = catalog_dict()
    cat["coupon_templates"].append({"id": "T-10ALL", "name": "10% off over 200", "kind": "percent_off", "percent": 10,
                                    "min_spend": 200, "member_bound": False})
    cat["coupons"] += [{"code": f"C-10ALL-{i}", "template": "T-10ALL"} for i in (1, 2, 3)]
    cat["policies"] = {"return_window_days": 14}
    return cat


@pytest.fixture
def svc(make_service):
    return make_service(catalog=returns_catalog())


def sale(svc, checkout_id="S1", points=None, code="C-10ALL-1"):
    """Latte 120, 2 croissants at 60, a tissue pack 30 (gross 270) with 10% off over 200 (27 off:
    12 / 12 / 3 by line): nets 108, 108, 27 = 243; member M1 earns 4 points (brand A: 1 per 50)."""
    req = CheckoutRequest(checkout_id, (LineRequest(sku="LATTE"), LineRequest(sku="CROISSANT", quantity=2), LineRequest(sku="TISSUE")),
                          member_code=M1, coupons=(CouponRequest(code),), points=points or {})
    return svc.settle(req, cashier_id="C01")


def ret(svc, rid, lines, checkout_id="S1", **kw):
    return svc.return_items(ReturnRequest(rid, checkout_id, tuple(lines), "customer changed mind"), manager_id="MGR1", pin="9999", **kw)


def balance(svc) -> int:
    return sum(lot.points for lot in svc.replica.lots("M1") if lot.point_type == "bonus")


def test_the_issue_example_exact_figures_over_three_returns(svc):
    r = sale(svc)
    assert [ln["net"] for ln in r["lines"]] == [108, 108, 27] and r["total"] == 243 and r["points_earned"] == {"bonus": 4}
    before = balance(svc)
    one = ret(svc, "R1", [(2, 1)])  # 1 of 2 croissants: half of line 2's net
    assert (one["refund"], one["returned_net"], one["coupon_takeback"], one["points_clawed"]) == (54, 54, 0, {"bonus": 1})
    two = ret(svc, "R2", [(1, 1)])  # the latte: the kept 90 no longer meet the coupon's 200: its 9 on them taken back
    assert (two["refund"], two["returned_net"], two["coupon_takeback"]) == (99, 108, 9)
    assert two["takebacks"][0]["code"] == "C-10ALL-1" and two["takebacks"][0]["amount"] == 9
    three = ret(svc, "R3", [(2, 1), (3, 1)])  # the rest: the 9 taken back is given back
    assert (three["refund"], three["returned_net"], three["coupon_takeback"]) == (90, 81, -9)
    assert one["refund"] + two["refund"] + three["refund"] == 243
    assert balance(svc) == before - 4  # everything the sale earned taken back, no more
    c = svc.replica.conn
    assert c.execute("SELECT SUM(discount), SUM(uses) FROM coupon_ledger WHERE code = 'C-10ALL-1'").fetchone() == (0, 1)
    assert c.execute("SELECT SUM(delta) FROM point_ledger WHERE checkout_id = 'S1'").fetchone() == (0,)
    kinds = [k for (k,) in c.execute("SELECT type FROM outbox ORDER BY terminal_seq")]
    assert kinds == ["settlement", "return", "return", "return"]


def test_never_more_than_sold(svc):
    sale(svc)
    ret(svc, "R1", [(2, 1)])
    with pytest.raises(CheckoutError) as exc:
        ret(svc, "R2", [(2, 2)])
    assert exc.value.reason is Reason.RETURN_EXCEEDS_SOLD and exc.value.details == {"line": 2, "sold": 2, "returned": 1, "asked": 2}
    for lines, why in (([(9, 1)], Reason.INVALID_REQUEST), ([(1, 0)], Reason.INVALID_REQUEST), ([], Reason.INVALID_REQUEST)):
        with pytest.raises(CheckoutError) as exc:
            ret(svc, "R3", lines)
        assert exc.value.reason is why
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM returns").fetchone() == (1,)
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM outbox").fetchone() == (2,)


def test_window_manager_unknown_sale_voided_and_replay(svc):
    r = sale(svc)
    from datetime import datetime

    late = datetime.fromisoformat(r["settled_at"]) + timedelta(days=14, seconds=1)
    with pytest.raises(CheckoutError) as exc:
        ret(svc, "R1", [(1, 1)], at=late)
    assert exc.value.reason is Reason.RETURN_WINDOW_PASSED
    with pytest.raises(AuthorizationError):
        svc.return_items(ReturnRequest("R1", "S1", ((1, 1),), "x"), manager_id="C01", pin="1234")
    with pytest.raises(CheckoutError) as exc:
        ret(svc, "R1", [(1, 1)], checkout_id="nope")
    assert exc.value.reason is Reason.NOT_FOUND
    first = ret(svc, "R1", [(1, 1)])
    again = ret(svc, "R1", [(1, 1)])
    assert again["replayed"] and again["event_id"] == first["event_id"]
    with pytest.raises(CheckoutError) as exc:
        ret(svc, "R1", [(2, 1)])
    assert exc.value.reason is Reason.CHECKOUT_ID_REUSED
    sale(svc, "S3", code="C-10ALL-2")
    svc.void("S3", manager_id="MGR1", pin="9999", reason="wrong sale")
    with pytest.raises(CheckoutError) as exc:
        ret(svc, "R9", [(2, 1)], checkout_id="S3")
    assert exc.value.reason is Reason.ALREADY_VOIDED


def test_points_spent_are_given_back_in_proportion(svc):
    r = sale(svc, "S2", points={"bonus": 100}, code="C-10ALL-2")  # 100 points = 5 off
    assert r["points_discount"] == 5 and r["total"] == 238
    one = ret(svc, "R1", [(1, 1)], checkout_id="S2")
    # latte net after 10% and its share of the points: the points given back floor(100 * net / 238)
    net1 = r["lines"][0]["net"]
    assert one["refund"] == net1 - one["coupon_takeback"]
    assert one["points_returned"] == {"bonus": 100 * net1 // 238}
    rest = ret(svc, "R2", [(2, 2), (3, 1)], checkout_id="S2")
    assert one["refund"] + rest["refund"] == 238
    assert one["points_returned"]["bonus"] + rest["points_returned"]["bonus"] == 100


def test_a_sale_with_returns_cannot_be_voided_as_well(svc):
    sale(svc)
    ret(svc, "R1", [(2, 1)])
    with pytest.raises(CheckoutError) as exc:
        svc.void("S1", manager_id="MGR1", pin="9999", reason="x")
    assert exc.value.reason is Reason.INVALID_REQUEST and "has returns already" in exc.value.message


def test_the_daily_report_counts_returns(svc):
    from datetime import date

    from terminal.usecases.reports import daily_report, report_csv

    sale(svc)
    ret(svc, "R1", [(2, 1)])
    ret(svc, "R2", [(1, 1)])
    rep = daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 20))
    assert rep.returns == {"count": 2, "refunded": 54 + 99, "points_clawed": {"bonus": 3}, "points_returned": {}}
    assert rep.net_total == 243 - 153
    text = report_csv(rep).decode("utf-8-sig")
    assert "summary,returns,2" in text and "summary,refunded,153" in text and "summary,points clawed back,3" in text


def test_the_manager_desk_lists_and_makes_returns(svc):
    from datetime import date

    from terminal.usecases.manager_desk import ManagerDesk

    sale(svc)
    desk = ManagerDesk(svc)
    r = desk.return_items(ReturnRequest("R1", "S1", ((3, 1),), "damaged"), manager_id="MGR1", pin="9999")
    assert r["refund"] == 27
    assert [(x["return_id"], x["units"], x["refund"], x["reason"]) for x in desk.returns(date(2026, 11, 20))] == [
        ("R1", {"3": 1}, 27, "damaged")]


def test_the_rebuilt_ledgers_stay_append_only(svc):
    import sqlite3

    sale(svc)
    ret(svc, "R1", [(2, 1)])
    for sql in ("UPDATE coupon_ledger SET discount = 0", "DELETE FROM point_ledger", "UPDATE point_ledger SET delta = 0"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            svc.replica.conn.execute(sql)
    names = {r[0] for r in svc.replica.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"coupon_ledger_code", "coupon_ledger_member_tpl", "coupon_ledger_event", "point_ledger_lot", "point_ledger_member",
            "point_ledger_event"} <= names
