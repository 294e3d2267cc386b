"""The server's re-judgement with terminal/domain as a table: claims in, booked figures and conflicts out.

Pure: the catalog of tests/conftest.py as domain models, hand-made payloads, no database."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from sync.server.judge import CouponEntry, Facts, PointEntry, judge_settlement
from sync.server.rules import RuleFacts, max_discount
from terminal import catalog as c
from terminal.infra.crypto import KeyRing
from terminal.domain import models as m
from tests.conftest import BASE_CATALOG, signed_coupon

CAT = c.parse_catalog(json.dumps(BASE_CATALOG))
TEMPLATES = {t.id: c.to_template(t) for t in CAT.coupon_templates}
POINT_TYPES = {p.id: c.to_point_type(p) for p in CAT.point_types}
EARN_RULES = tuple(c.to_earn_rule(r) for r in CAT.earn_rules)
PRODUCTS = {p.sku: m.Product(p.sku, p.name, p.category, p.price, p.barcode) for p in CAT.products}
STORES = {"A-001": m.Store("A-001", "A", "A Xinyi", "Asia/Taipei"), "B-001": m.Store("B-001", "B", "B Daan", "Asia/Taipei")}
NOW = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)  # 12:00 in Taipei
AT = NOW.isoformat()
M1 = m.Member("M1", "Wang", "normal")
EPOCH = "ep01"


def inst(code, template, *, member=None, total=1, used=0, **kw):
    return m.CouponInstance(code=code, template_id=template, member_id=member, total_uses=total, used_uses=used, **kw)


COUPONS = {"C-100": inst("C-100", "T-100OFF"), "SV-1": inst("SV-1", "T-10COFFEE", member="M1", total=10),
           "C-BANK": inst("C-BANK", "T-BANK"), "C-DAILY": inst("C-DAILY", "T-ONCE-A-DAY"),
           "C-OLD": inst("C-OLD", "T-100OFF", valid_until=datetime(2026, 1, 1, tzinfo=timezone.utc)),
           "C-LATER": inst("C-LATER", "T-100OFF", valid_from=datetime(2027, 1, 1, tzinfo=timezone.utc))}


def row(i: m.CouponInstance) -> dict:
    return {"code": i.code, "template_id": i.template_id, "member_id": i.member_id, "plain_code": None, "total_uses": i.total_uses,
            "used_uses": i.used_uses, "status": i.status, "valid_from": None, "valid_until": None, "issued_at": None,
            "parent_code": None}


def rules(**kw) -> RuleFacts:
    base = dict(store=STORES["A-001"], member=M1, templates=TEMPLATES, coupons=dict(COUPONS), earn_rules=EARN_RULES,
                point_types=POINT_TYPES, products=PRODUCTS, signatures=KeyRing({k.key_id: k.public_key for k in CAT.issuer_keys}),
                allowances={"points_per_member": 500})
    base.update(kw)
    return RuleFacts(**base)


def use(code, discount=100, uses=1, in_replica=True, **kw):
    return {"code": code, "template_id": "T-100OFF", "uses": uses, "discount": discount, "in_replica": in_replica, **kw}


def sale(amount=600, net=None, coupons=(), burns=(), earns=None, member="M1", lines=None, **kw):
    net = amount - sum(x["discount"] for x in coupons) if net is None else net
    earn = [{"lot_id": "A-001/T1/k1:bonus:A-base", "point_type": "bonus", "points": net // 50, "rule_id": "A-base",
             "expires_at": None}] if earns is None else list(earns)
    p = {"checkout_id": "k1", "store_id": "A-001", "terminal_id": "T1", "member_id": member, "occurred_at": AT,
         "lines": lines if lines is not None else [{"line_id": 1, "sku": None, "name": "Amount", "unit_price": amount,
                                                   "quantity": 1, "net": net, "points_price": None}],
         "coupons": list(coupons), "burns": list(burns), "earns": earn if member else [], "points_discount": 0}
    p.update(kw)
    return p


def judge(payload, rf=None, lots=None, cursor=f"{EPOCH}.50", facts_kw=None):
    rf = rf or rules()
    env = {"event_id": "e1", "store_id": "A-001", "terminal_id": "T1", "terminal_seq": 1, "type": "settlement",
           "payload": payload, "occurred_at": AT, "based_on_cursor": cursor}
    f = Facts(epoch=EPOCH, now=NOW, member={"id": "M1"} if payload.get("member_id") else None,
              coupons={x["code"]: (row(rf.coupons[x["code"]]) if x["code"] in rf.coupons else None) for x in payload["coupons"]},
              lots=lots or {"M1-L1": {"lot_id": "M1-L1", "member_id": "M1", "point_type": "bonus", "points": 100,
                                      "earned_at": AT, "expires_at": None}},
              point_types=frozenset(POINT_TYPES), rules=rf, **(facts_kw or {}))
    v = judge_settlement(env, f)
    booked_uses = {op.code: op.uses for op in v.ops if isinstance(op, CouponEntry)}
    discounts = {op.code: op.discount for op in v.ops if isinstance(op, CouponEntry)}
    earned = sum(op.delta for op in v.ops if isinstance(op, PointEntry) and op.kind == "earn")
    burnt = -sum(op.delta for op in v.ops if isinstance(op, PointEntry) and op.kind == "burn")
    reasons = [x["details"].get("reason", x["kind"]) if x["kind"] == "quarantined" else x["kind"] for x in v.conflicts]
    return reasons, booked_uses, discounts, earned, burnt


BLOCK_OLD = {"seq": 10, "reason": "fraud"}
BLOCK_NEW = {"seq": 99, "reason": "fraud"}
OTHER_TERMINAL_TODAY = {"T-ONCE-A-DAY": ((NOW.replace(hour=1), "B-001", "T9"),)}
OWN_TODAY = {"T-ONCE-A-DAY": ((NOW.replace(hour=1), "A-001", "T1"),)}
GENUINE = signed_coupon("SIG-1", "T-SIGNED")
FORGED = GENUINE[:-3] + ("AAA" if not GENUINE.endswith("AAA") else "BBB")

# name, payload, rule facts, expected reasons, booked uses, booked discounts, points earned
TABLE = [
    ("honest sale with coupon and earn", sale(coupons=[use("C-100")]), rules(), [], {"C-100": 1}, {"C-100": 100}, 10),
    ("no purchase earns a billion", sale(amount=0, lines=[], earns=[{"lot_id": "x", "point_type": "bonus", "points": 10**9}]),
     rules(), ["earn_exceeds_rules"], {}, {}, 0),
    ("one point too many", sale(earns=[{"lot_id": "x", "point_type": "bonus", "points": 13}]), rules(),
     ["earn_exceeds_rules"], {}, {}, 12),
    ("discount of 10^12", sale(coupons=[use("C-100", discount=10**12)], net=500), rules(),
     ["discount_exceeds_template"], {"C-100": 1}, {"C-100": 100}, 10),
    ("min spend not met", sale(amount=300, coupons=[use("C-100")]), rules(), ["discount_exceeds_template"],
     {"C-100": 1}, {"C-100": 0}, 4),
    ("expired coupon", sale(coupons=[use("C-OLD")]), rules(), ["expired"], {}, {}, 10),
    ("coupon before its start", sale(coupons=[use("C-LATER")]), rules(), ["not_yet_valid"], {}, {}, 10),
    ("another member's voucher", sale(coupons=[use("SV-1", discount=90)], member="M2", net=0, lines=[
        {"line_id": 1, "sku": "AMERICANO", "name": "A", "unit_price": 90, "quantity": 1, "net": 0}]),
     rules(member=m.Member("M2", "Alice", "gold")), ["wrong_member"], {}, {}, 0),
    ("coupon of another brand", sale(coupons=[use("C-BANK", discount=50)]), rules(), ["wrong_brand"], {}, {}, 11),
    ("revoked, terminal had it", sale(coupons=[use("C-100")]), rules(revoked={"C-100": {"seq": 10, "reason": "fraud"}}),
     ["revoked"], {}, {}, 10),
    ("revoked after the terminal's pull", sale(coupons=[use("C-100")]),
     rules(revoked={"C-100": {"seq": 99, "reason": "fraud"}}), ["redeemed_after_void"], {"C-100": 1}, {"C-100": 100}, 10),
    ("blocked member, terminal knew", sale(), rules(member_block=BLOCK_OLD), ["member_blocked"], {}, {}, 0),
    ("blocked after the terminal's pull", sale(), rules(member_block=BLOCK_NEW), ["blocked_member"], {}, {}, 12),
    ("never issued, in replica", sale(coupons=[use("NOPE")]), rules(), ["unknown_code"], {}, {}, 10),
    ("never issued, never signed", sale(coupons=[use("NOPE", in_replica=False)]), rules(), ["unsigned_code"], {}, {}, 10),
    ("forged signature", sale(coupons=[use("SIG-1", discount=30, in_replica=False, signed=FORGED)]), rules(),
     ["unsigned_code"], {}, {}, 11),
    ("genuine signed code", sale(coupons=[use("SIG-1", discount=30, in_replica=False, signed=GENUINE)]), rules(),
     [], {"SIG-1": 1}, {"SIG-1": 30}, 11),
    ("daily limit used at another store today", sale(coupons=[use("C-DAILY", discount=5)]),
     rules(history=OTHER_TERMINAL_TODAY), ["limit_exceeded"], {"C-DAILY": 1}, {"C-DAILY": 5}, 11),
    ("daily limit used on this terminal today", sale(coupons=[use("C-DAILY", discount=5)]), rules(history=OWN_TODAY),
     ["limit_reached"], {}, {}, 11),
    ("unknown point type burnt", sale(burns=[{"lot_id": "M1-L1", "point_type": "gold", "points": 1}]), rules(),
     ["unknown_point_type"], {}, {}, 12),
    ("points discount beyond the burn rate", sale(burns=[{"lot_id": "M1-L1", "point_type": "bonus", "points": 20}],
                                                  points_discount=500, net=100), rules(),
     ["points_discount_exceeds_rules"], {}, {}, 2),
]


@pytest.mark.parametrize("name,payload,rf,reasons,uses,discounts,earned", TABLE, ids=[t[0] for t in TABLE])
def test_rejudgement_table(name, payload, rf, reasons, uses, discounts, earned):
    got = judge(payload, rf)
    assert got[0] == reasons
    assert got[1] == uses and got[2] == discounts
    assert got[3] == earned


def test_overdraft_is_bounded_by_the_allowance():
    burn = [{"lot_id": "M1-L1", "point_type": "bonus", "points": 900}]
    reasons, _, _, _, burnt = judge(sale(burns=burn, earns=[]), rules())
    assert reasons == ["points_beyond_allowance", "points_overdraft"] and burnt == 100 + 500
    override = {"manager_id": "MGR1", "reason": "regular customer"}
    reasons, _, _, _, burnt = judge(sale(burns=burn, earns=[], allowance_override=override), rules(),
                                    facts_kw={"manager": {"id": "MGR1", "role": "manager", "stores": []}})
    assert reasons == ["allowance_overridden", "points_overdraft"] and burnt == 900  # within the default ceiling (5,000)
    # an override naming a cashier (or nobody) counts as none
    reasons, _, _, _, burnt = judge(sale(burns=burn, earns=[], allowance_override={**override, "manager_id": "C01"}), rules(),
                                    facts_kw={"manager": {"id": "C01", "role": "cashier", "stores": []}})
    assert reasons == ["override_not_by_manager", "points_beyond_allowance", "points_overdraft"] and burnt == 600


def test_a_signed_code_older_than_the_allowance_needs_a_manager():
    old = signed_coupon("SIG-OLD", "T-SIGNED", issued=(2026, 11, 15))  # 5 days before the sale; the template accepts 7
    claim = use("SIG-OLD", discount=30, in_replica=False, signed=old)
    allow = {"points_per_member": 500, "unreplicated_coupon_max_age_hours": 72}
    reasons, uses, *_ = judge(sale(coupons=[claim]), rules(allowances=allow))
    assert reasons == ["unreplicated_beyond_allowance"] and uses == {}
    override = {"manager_id": "MGR1", "reason": "customer showed the e-mail"}
    reasons, uses, *_ = judge(sale(coupons=[claim], allowance_override=override), rules(allowances=allow),
                              facts_kw={"manager": {"id": "MGR1", "role": "manager", "stores": []}})
    assert reasons == ["allowance_overridden"] and uses == {"SIG-OLD": 1}


def test_max_discount_by_kind():
    basket = m.Basket((m.BasketLine(1, "Latte", 120, 2, "LATTE", "coffee"), m.BasketLine(2, "Croissant", 60, 1, "CROISSANT", "bakery")))
    assert max_discount(TEMPLATES["T-100OFF"], basket, 1) == (0, "minimum spend 500, eligible amount 300")
    assert max_discount(TEMPLATES["T-10PCT"], basket, 1) == (6, None)
    assert max_discount(TEMPLATES["T-CAP100"], basket, 1) == (100, None)
    assert max_discount(TEMPLATES["T-10COFFEE"], basket, 3)[0] == 240
    assert max_discount(replace(TEMPLATES["T-FREELATTE"]), basket, 1) == (120, None)
