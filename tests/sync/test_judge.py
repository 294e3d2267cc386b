"""The server's judgement as pure code: table tests on hand-made facts, no database, no server."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from sync.server.errors import Reject
from sync.server.judge import CouponEntry, Facts, PointEntry, Put, Resolution, judge_resolution, judge_settlement, judge_void

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
AT = "2026-11-20T03:00:00+00:00"
EPOCH = "ep01"


def coupon(code="C1", total=1, used=0, status="active", member=None, template="T-100OFF"):
    return {"code": code, "template_id": template, "member_id": member, "plain_code": None, "total_uses": total,
            "used_uses": used, "status": status, "valid_from": None, "valid_until": None, "issued_at": None, "parent_code": None}


def lot(lot_id="L1", points=100, member="M1", pt="bonus", expires="2027-01-01T00:00:00+00:00"):
    return {"lot_id": lot_id, "member_id": member, "point_type": pt, "points": points, "earned_at": "2026-01-01T00:00:00+00:00",
            "expires_at": expires}


def env(payload=None, type_="settlement", cursor=None, **kw):
    p = {"checkout_id": "k1", "store_id": "A-001", "terminal_id": "T1", "member_id": "M1", "occurred_at": AT,
         "coupons": [], "burns": [], "earns": []}
    p.update(payload or {})
    return {"event_id": "e1", "store_id": "A-001", "terminal_id": "T1", "terminal_seq": 1, "type": type_, "payload": p,
            "occurred_at": AT, "based_on_cursor": cursor, **kw}


def use(code="C1", uses=1, discount=100, template="T-100OFF", in_replica=True):
    return {"code": code, "template_id": template, "uses": uses, "discount": discount, "in_replica": in_replica}


def facts(**kw):
    base = dict(epoch=EPOCH, now=NOW, member={"id": "M1", "status": "active"}, point_types=frozenset({"bonus"}),
                templates={"T-100OFF": {"id": "T-100OFF", "uses": 1, "member_bound": False}})
    base.update(kw)
    return Facts(**base)


FIRST = {"event_id": "e0", "store_id": "B-001", "terminal_id": "T9", "checkout_id": "k0", "discount": 100, "at": AT}

# (name, payload, cursor, facts, conflict kinds, decision of the first conflict)
SETTLEMENTS = [
    ("clean coupon", {"coupons": [use()]}, None, facts(coupons={"C1": coupon()}), [], None),
    ("second use of single-use", {"coupons": [use()]}, None,
     facts(coupons={"C1": coupon(used=1)}, first_redemptions={"C1": FIRST}, uses_after={"C1": 1}), ["duplicate_redemption"],
     "first_received_wins"),
    ("voucher over-use", {"coupons": [use(uses=3)]}, None, facts(coupons={"C1": coupon(total=10, used=9)}, uses_after={"C1": 9}),
     ["voucher_overuse"], "posted_as_overuse"),
    ("void not yet pulled", {"coupons": [use()]}, f"{EPOCH}.5",
     facts(coupons={"C1": coupon(status="voided")}, voids={"C1": {"seq": 9, "reason": "x", "at": AT}}),
     ["redeemed_after_void"], "honoured_terminal_could_not_know"),
    ("void already pulled", {"coupons": [use()]}, f"{EPOCH}.9",
     facts(coupons={"C1": coupon(status="voided")}, voids={"C1": {"seq": 9, "reason": "x", "at": AT}}),
     ["quarantined"], "not_booked"),
    ("cursor of another epoch", {"coupons": [use()]}, "old.99",
     facts(coupons={"C1": coupon(status="voided")}, voids={"C1": {"seq": 9, "reason": "x", "at": AT}}),
     ["redeemed_after_void"], "honoured_terminal_could_not_know"),
    ("unknown replica coupon", {"coupons": [use()]}, None, facts(coupons={"C1": None}), ["unknown_coupon"], "created_from_template"),
    ("signed coupon not replicated yet", {"coupons": [use(in_replica=False)]}, None, facts(coupons={"C1": None}), [], None),
    ("overdraft", {"burns": [{"lot_id": "L1", "point_type": "bonus", "points": 150}]}, None, facts(lots={"L1": lot()}),
     ["points_overdraft"], "debit_posted_debt_recorded"),
    ("expired lot at event time", {"burns": [{"lot_id": "L1", "point_type": "bonus", "points": 10}]}, None,
     facts(lots={"L1": lot(expires="2026-11-20T00:00:00+00:00")}), ["points_overdraft"], "debit_posted_debt_recorded"),
    ("unknown lot", {"burns": [{"lot_id": "LX", "point_type": "bonus", "points": 10}]}, None, facts(lots={"L1": lot()}),
     ["unknown_lot"], "lot_created_negative"),
]


@pytest.mark.parametrize("name,payload,cursor,f,kinds,decision", SETTLEMENTS, ids=[s[0] for s in SETTLEMENTS])
def test_settlement_table(name, payload, cursor, f, kinds, decision):
    v = judge_settlement(env(payload, cursor=cursor), f)
    assert [c["kind"] for c in v.conflicts] == kinds
    if decision:
        assert v.conflicts[0]["decision"] == decision
    # honest differences are posted (every use written); a claim the terminal knew to be wrong is not
    uses = sum(op.uses for op in v.ops if isinstance(op, CouponEntry))
    assert uses == (0 if kinds == ["quarantined"] else sum(c["uses"] for c in payload.get("coupons", [])))


REJECTS = [
    ("envelope mismatch", env({"store_id": "B-001"}), facts(), "envelope_mismatch"),
    ("unknown member", env(), facts(member=None), "unknown_member"),
    ("malformed coupon", env({"coupons": [{"code": "C1", "uses": 0}]}), facts(), "invalid_payload"),
    ("bool as uses", env({"coupons": [{"code": "C1", "uses": True}]}), facts(), "invalid_payload"),
    ("unknown template", env({"coupons": [use(template="T-NONE")]}), facts(coupons={"C1": None}), "unknown_template"),
    ("points without member", env({"member_id": None, "burns": [{"lot_id": "L1", "point_type": "bonus", "points": 1}]}),
     facts(member=None), "invalid_payload"),
    ("unknown point type earned", env({"earns": [{"lot_id": "E1", "point_type": "gold", "points": 5}]}), facts(),
     "unknown_point_type"),
    ("lot of another member", env({"burns": [{"lot_id": "L2", "point_type": "bonus", "points": 1}]}),
     facts(lots={"L2": lot("L2", member="M2")}), "lot_member_mismatch"),
]


@pytest.mark.parametrize("name,e,f,code", REJECTS, ids=[r[0] for r in REJECTS])
def test_settlement_rejects(name, e, f, code):
    with pytest.raises(Reject) as exc:
        judge_settlement(e, f)
    assert exc.value.code == code


def test_earn_pays_debt_from_new_lot():
    f = facts(lots={"L1": lot(points=-30)})
    v = judge_settlement(env({"earns": [{"lot_id": "E1", "point_type": "bonus", "points": 50, "expires_at": None}]}), f)
    moves = [(op.lot_id, op.delta, op.kind) for op in v.ops if isinstance(op, PointEntry)]
    assert moves == [("E1", 50, "earn"), ("E1", -30, "debt_settle"), ("L1", 30, "debt_settle")]
    final = {op.key: op.body["points"] for op in v.ops if isinstance(op, Put) and op.kind == "point_lot"}
    assert final == {"E1": 20, "L1": 0}


def test_judging_does_not_change_the_facts():
    f = facts(coupons={"C1": coupon()}, lots={"L1": lot()})
    judge_settlement(env({"coupons": [use()], "burns": [{"lot_id": "L1", "point_type": "bonus", "points": 10}]}), f)
    assert f.coupons["C1"]["used_uses"] == 0 and f.lots["L1"]["points"] == 100


ORIGINAL = {"store_id": "A-001", "status": "accepted", "payload": '{"member_id": "M1", "checkout_id": "k1"}'}


MANAGER = {"id": "MGR1", "role": "manager", "stores": ["A-001"]}


@pytest.mark.parametrize("name,original,voided,code", [
    ("unknown original", None, False, "unknown_original_event"),
    ("other store's sale", {**ORIGINAL, "store_id": "B-001"}, False, "wrong_store"),
    ("voided twice", ORIGINAL, True, "already_voided"),
])
def test_void_rejects(name, original, voided, code):
    e = env({"voids_event_id": "e0", "manager_id": "MGR1", "reason": "wrong item"}, type_="void")
    with pytest.raises(Reject) as exc:
        judge_void(e, facts(original=original, already_voided=voided, manager=MANAGER))
    assert exc.value.code == code


def test_void_of_rejected_original_changes_nothing():
    e = env({"voids_event_id": "e0", "manager_id": "MGR1", "reason": "x", "coupons": [use(uses=-1)]}, type_="void")
    assert judge_void(e, facts(original={**ORIGINAL, "status": "rejected"}, manager=MANAGER)).ops == []


def test_void_reverses_what_was_recorded_not_what_it_claims():
    claims = {"coupons": [{"code": "SV-OTHER", "uses": -100000, "discount": 0}],
              "points": [{"lot_id": "INVENTED", "point_type": "bonus", "delta": 10**9}]}
    e = env({"voids_event_id": "e0", "manager_id": "MGR1", "reason": "x", **claims}, type_="void")
    f = facts(original=ORIGINAL, manager=MANAGER, coupons={"C1": coupon(used=1)}, lots={"L1": lot(points=90), "E1": lot("E1", 6)},
              original_coupons=[{"code": "C1", "uses": 1, "discount": 100, "template_id": "T-100OFF"}],
              original_points=[{"lot_id": "L1", "point_type": "bonus", "delta": -10, "kind": "burn"},
                               {"lot_id": "E1", "point_type": "bonus", "delta": 6, "kind": "earn"}])
    v = judge_void(e, f)
    assert [(op.code, op.uses, op.discount) for op in v.ops if isinstance(op, CouponEntry)] == [("C1", -1, -100)]
    assert [(op.lot_id, op.delta, op.kind) for op in v.ops if isinstance(op, PointEntry)] == [
        ("L1", 10, "void_burn"), ("E1", -6, "void_earn")]


@pytest.mark.parametrize("manager,code", [(None, "not_a_manager"), ({"id": "C01", "role": "cashier", "stores": []}, "not_a_manager"),
                                          ({"id": "MGR9", "role": "manager", "stores": ["B-001"]}, "not_a_manager")])
def test_manager_actions_need_a_manager_of_the_store(manager, code):
    void = env({"voids_event_id": "e0", "manager_id": "NOBODY", "reason": "x"}, type_="void")
    with pytest.raises(Reject) as exc:
        judge_void(void, facts(original=ORIGINAL, manager=manager))
    assert exc.value.code == code
    res = env({"conflict_event_id": "e0", "kind": "points_overdraft", "resolution": "block_card", "reason": "fraud",
               "manager_id": "NOBODY"}, type_="conflict_resolution")
    row = {"id": 7, "store_id": "A-001", "amount": 40, "resolved_at": None, "member_id": "M1"}
    with pytest.raises(Reject) as exc:
        judge_resolution(res, facts(conflict=row, manager=manager))
    assert exc.value.code == code


def test_resolution_block_card_and_repeat():
    e = env({"conflict_event_id": "e0", "kind": "points_overdraft", "resolution": "block_card", "reason": "fraud",
             "manager_id": "MGR1"}, type_="conflict_resolution")
    row = {"id": 7, "store_id": "A-001", "amount": 40, "resolved_at": None, "member_id": "M1"}
    ops = judge_resolution(e, facts(conflict=row, manager=MANAGER)).ops
    assert isinstance(ops[0], Put) and ops[0].key == "member:M1"
    assert isinstance(ops[1], Resolution) and (ops[1].conflict_id, ops[1].amount) == (7, 40)
    assert judge_resolution(e, facts(conflict={**row, "resolved_at": AT}, manager=MANAGER)).ops == []
    with pytest.raises(Reject):
        judge_resolution(e, facts(conflict={**row, "store_id": "B-001"}, manager=MANAGER))
