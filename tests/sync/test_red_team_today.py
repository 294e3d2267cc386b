"""A red-team pass on the features merged with issues 15-16 gaps (top-up points bonus and its void,
signed gift-card codes and gift-card validity/brand scope, visit gifts 來店禮, campaign budgets over
several shared promo codes) by a hostile store PC with a real device credential and hand-made
payloads, against the real server on 127.0.0.1 (SQLite). Findings first, then what held.
"""

from __future__ import annotations

import copy
import json
import threading
import uuid
from datetime import date

import pytest

from terminal.domain import codes
from terminal.domain.events import payload_sha256
from terminal.domain.visit_gift import gift_code, gift_lot_id
from terminal.infra.crypto import Signer
from tests.conftest import BASE_CATALOG, SIGNER
from tests.stored_value.value_catalog import gaps_catalog

from .conftest import ServerProcess
from .handmade import AT, HandDevice, post_push, reasons

GIFTS = [{"id": "CHAIN3000", "name": "Spend 3,000 in November", "starts_at": "2026-11-01T00:00:00+08:00",
          "ends_at": "2026-12-01T00:00:00+08:00", "threshold": 3000, "template": "T-FREELATTE"},
         {"id": "PTS-B", "name": "Bakery 1,000", "starts_at": "2026-11-01T00:00:00+08:00",
          "ends_at": "2026-12-01T00:00:00+08:00", "threshold": 1000, "point_type": "bonus", "points": 200, "brands": ["B"]},
         {"id": "OCT", "name": "October", "starts_at": "2026-10-01T00:00:00+08:00",
          "ends_at": "2026-11-01T00:00:00+08:00", "threshold": 1, "point_type": "bonus", "points": 10},
         {"id": "SEPT", "name": "September", "starts_at": "2026-09-01T00:00:00+08:00",
          "ends_at": "2026-10-01T00:00:00+08:00", "threshold": 1, "point_type": "bonus", "points": 10}]

JUNK = [None, True, -0.0, 1e308, -1, "1000", "x" * 100_000, "\x00\x1b[31m", {"a": {"b": [1]}}, [1, 2], "\u202e"]


def _server(tmp_path_factory, name, catalog, **allowances):
    d = tmp_path_factory.mktemp(name)
    (d / "catalog.json").write_text(json.dumps(catalog))
    srv = ServerProcess(d / "central.db", d / "catalog.json")
    if allowances:
        srv.store.set_allowances(**allowances)
    return srv


@pytest.fixture(scope="module")
def sv(tmp_path_factory):
    srv = _server(tmp_path_factory, "rt16-sv", gaps_catalog())
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def vg(tmp_path_factory):
    cat = copy.deepcopy(BASE_CATALOG)
    cat["visit_gifts"] = GIFTS
    cat["promo_campaigns"] = [{"id": "SUMMER", "name": "Summer", "budget": 250}, {"id": "WINTER", "name": "Winter", "cap": 3}]
    shared = lambda cid, amount, code, **kw: {"id": cid, "name": code, "kind": "amount_off", "amount": amount,  # noqa: E731
                                              "member_bound": False, "shared": {"campaign": code.split("-")[0]}, **kw}
    cat["coupon_templates"] += [shared("T-SA", 100, "SUMMER-A"), shared("T-SB", 60, "SUMMER-B"),
                                shared("T-WA", 10, "WINTER-A"), shared("T-WB", 10, "WINTER-B", brands=["B"])]
    cat["coupons"] += [{"code": c, "template": t} for c, t in (("SUMMER-A", "T-SA"), ("SUMMER-B", "T-SB"),
                                                                ("WINTER-A", "T-WA"), ("WINTER-B", "T-WB"))]
    srv = _server(tmp_path_factory, "rt16-vg", cat, shared_code_uses=10)
    yield srv
    srv.stop()


def push_many(dev: HandDevice, events) -> list[dict]:
    """Push (type, payload, event_id|None) events in ONE request; their answers."""
    envs = []
    for type_, payload, event_id in events:
        dev.seq += 1
        envs.append({"event_id": event_id or str(uuid.uuid4()), "terminal_id": dev.terminal_id, "store_id": dev.store_id,
                     "terminal_seq": dev.seq, "type": type_, "schema_version": 1, "payload": payload,
                     "payload_sha256": payload_sha256(payload), "occurred_at": AT, "based_on_cursor": dev.server.store.cursor(),
                     "app_version": "hand"})
    r = post_push(dev.server.url, {"events": envs}, dev.headers)
    assert r.status_code < 500, r.text[:300]
    r.raise_for_status()
    assert r.json()["error"] is None, r.json()
    return r.json()["results"]


def push(dev, type_, payload, event_id=None) -> dict:
    return push_many(dev, [(type_, payload, event_id)])[0]


def counts(srv) -> tuple:
    c = srv.store.conn
    return tuple(c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                 for t in ("value_ledger", "point_ledger", "coupon_ledger")) + (
        c.execute("SELECT COUNT(*) FROM entities WHERE kind IN ('coupon', 'point_lot', 'value_account', 'member_purchases', "
                  "'promo_campaign_tally')").fetchone()[0],)


def balance(srv, aid) -> int:
    return srv.store.get("value_account", aid)["balance"]


def points(srv, member) -> int:
    return sum(lot["points"] for lot in srv.store.lots(member))


# ---- stored value: top-ups ------------------------------------------------------------------------------
def topup(dev, account_id, amount, **extra) -> dict:
    dev.n += 1
    return {"topup_id": f"rt16-{dev.terminal_id}-{dev.n}", "store_id": dev.store_id, "terminal_id": dev.terminal_id,
            "cashier_id": "C01", "member_id": None, "account_id": account_id, "program_id": "WALLET", "currency": "TWD",
            "amount": amount, "tender": "cash", "bonus_value": 0, "bonus_rule_id": None, "occurred_at": AT, **extra}


def topup_void(dev, t: dict, ans: dict, **extra) -> dict:
    return {"topup_id": t["topup_id"], "voids_event_id": ans["event_id"], "store_id": dev.store_id, "terminal_id": dev.terminal_id,
            "manager_id": "MGR1", "reason": "declined", "occurred_at": AT, **extra}


@pytest.fixture(scope="module")
def a(sv):
    return HandDevice(sv, "A-001", "RT16-A")


@pytest.fixture(scope="module")
def b(sv):
    return HandDevice(sv, "B-001", "RT16-B")


def test_a_topup_voided_twice_in_one_request_is_given_back_once(sv, a):
    t = topup(a, "SV-M2", 1000, bonus_points=50)
    ans = push(a, "value_topup", t)
    assert ans["status"] == "accepted"
    bal, pts = balance(sv, "SV-M2"), points(sv, "M2")
    v1, v2 = push_many(a, [("value_topup_void", topup_void(a, t, ans), None), ("value_topup_void", topup_void(a, t, ans), None)])
    assert v1["status"] == "accepted" and v2["status"] == "rejected" and v2["error"]["code"] == "already_voided"
    assert (balance(sv, "SV-M2"), points(sv, "M2")) == (bal - 1000, pts - 50)
    again = push(a, "value_topup_void", topup_void(a, t, ans))
    assert again["error"]["code"] == "already_voided"


def test_another_stores_topup_cannot_be_voided(sv, a, b):
    t = topup(a, "SV-M2", 1000)
    ans = push(a, "value_topup", t)
    before = counts(sv)
    v = push(b, "value_topup_void", topup_void(b, t, ans))
    assert v["error"]["code"] == "wrong_store" and counts(sv) == before


def test_no_topup_or_points_bonus_on_a_gift_card_nor_on_a_brand_b_card_at_brand_a(sv, a):
    before = counts(sv)
    for aid, prog in (("GC-1", "GIFT"), ("GC-B", "GIFT-B"), ("GC-OLD", "GIFT")):
        ans = push(a, "value_topup", topup(a, aid, 1000, program_id=prog, bonus_points=50))
        assert ans["status"] == "rejected", (aid, ans)
    assert counts(sv) == before


def test_points_of_a_topup_go_to_the_wallets_member_whatever_the_payload_names(sv, a):
    m1, m2 = points(sv, "M1"), points(sv, "M2")
    ans = push(a, "value_topup", topup(a, "SV-M2", 1000, member_id="M1", bonus_points=50))
    assert ans["status"] == "accepted"
    assert (points(sv, "M1"), points(sv, "M2")) == (m1, m2 + 50)


@pytest.mark.parametrize("field", ["amount", "bonus_value", "bonus_points", "tender", "currency", "account_id", "topup_id"])
def test_junk_in_a_topup_field_is_refused_and_writes_nothing(sv, a, field):
    before = counts(sv)
    for junk in JUNK:
        if field == "bonus_points" and junk is None:
            continue  # None means no points (documented)
        if field in ("topup_id", "account_id") and junk == "1000":
            continue  # a valid id
        t = topup(a, "SV-M2", 1000)
        t[field] = junk
        ans = push(a, "value_topup", t)
        assert ans["status"] == "rejected", (field, repr(junk)[:40], ans)
        assert counts(sv) == before


@pytest.mark.parametrize("field", ["topup_id", "voids_event_id", "manager_id"])
def test_junk_in_a_topup_void_field_is_refused_and_writes_nothing(sv, a, field):
    t = topup(a, "SV-M2", 1000)
    ans = push(a, "value_topup", t)
    before = counts(sv)
    for junk in JUNK:
        v = push(a, "value_topup_void", topup_void(a, t, ans, **{field: junk}))
        assert v["status"] == "rejected", (field, repr(junk)[:40], v)
        assert counts(sv) == before


# ---- gift-card codes and validity -------------------------------------------------------------------------
def _signed(account_id: str, program: str = "GIFT", signer: Signer = SIGNER) -> str:
    return codes.encode_signed("G", 1, codes.gift_card_fields(account_id, program, date(2026, 11, 1)), signer.sign)


def _pay(aid, amount, code=None, program="GIFT") -> dict:
    return {"account_id": aid, "program_id": program, "kind": "gift_card", "currency": "TWD", "amount": amount,
            **({"code": code} if code is not None else {})}


@pytest.mark.parametrize("pay,why", [
    (_pay("GC-OLD", 100, _signed("GC-OLD")), "expired"),  # a genuine code of an expired card
    (_pay("GC-B", 100, _signed("GC-B", "GIFT-B"), "GIFT-B"), "wrong_brand"),  # a brand-B card at a brand-A store
    (_pay("GC-1", 100, _signed("GC-1")[:-1]), None),  # a truncated code
    (_pay("GC-1", 100, "LT1G" + "A" * 500), None),
    (_pay("GC-1", 100, "LT1G\x00\x1b[2J" + _signed("GC-1")[4:]), None),
])
def test_a_payment_the_card_or_its_code_does_not_allow_is_not_booked(sv, a, pay, why):
    before = balance(sv, pay["account_id"])
    ans = push(a, "settlement", a.settlement(member=None, amount=100, value_payments=[pay]))
    assert ans["status"] != "rejected" or ans["error"]["code"] == "invalid_payload", ans
    if ans["status"] != "rejected":
        assert len(reasons(ans)) == 1 and (why is None or reasons(ans) == [why]), reasons(ans)
    assert balance(sv, pay["account_id"]) == before


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_a_payment_code_is_refused_and_writes_nothing(sv, a, junk):
    before = counts(sv)
    ans = push(a, "settlement", a.settlement(member=None, amount=100, value_payments=[_pay("GC-1", 100, junk)]))
    if junk is None:
        return
    assert ans["status"] == "rejected" or reasons(ans), ans
    if ans["status"] == "rejected":
        assert counts(sv) == before


# ---- visit gifts ----------------------------------------------------------------------------------------
def claim(dev, member, gift_id, eid, *, points_gift=False, **extra) -> dict:
    dev.n += 1
    g = ({"lot_id": gift_lot_id(eid), "point_type": "bonus", "points": 200} if points_gift
         else {"code": gift_code(eid), "template_id": "T-FREELATTE", "valid_until": "2026-12-20T04:00:00+00:00"})
    return {"checkout_id": f"vg-{dev.terminal_id}-{dev.n}", "store_id": dev.store_id, "terminal_id": dev.terminal_id,
            "member_id": member, "gift_id": gift_id, "spent": 3000, "occurred_at": AT, "cashier_id": "C01", "gift": g, **extra}


def claims_of(srv, member):
    from sync.server.purchases import gifts_of

    return gifts_of(srv.store.get("member_purchases", member))


def vvoid(dev, checkout_id, eid, **kw) -> dict:
    return {"checkout_id": checkout_id, "voids_event_id": eid, "store_id": dev.store_id, "terminal_id": dev.terminal_id,
            "manager_id": "MGR1", "reason": "x", "occurred_at": AT, **kw}


@pytest.fixture(scope="module")
def va(vg):
    return HandDevice(vg, "A-001", "RT16-VA")


@pytest.fixture(scope="module")
def vx(vg):
    return HandDevice(vg, "X", "RT16-VX")


@pytest.fixture(scope="module")
def vb(vg):
    return HandDevice(vg, "B-001", "RT16-VB")


def test_a_visit_gift_is_booked_once_when_two_devices_claim_at_the_same_moment(vg, va, vx):
    assert va.push(va.settlement(member="M2", amount=3000))["status"] == "accepted"
    answers = {}

    def go(dev, key):
        eid = str(uuid.uuid4())
        answers[key] = push(dev, "visit_gift_claim", claim(dev, "M2", "CHAIN3000", eid), eid)

    threads = [threading.Thread(target=go, args=(d, k)) for d, k in ((va, "a1"), (vx, "x1"), (va, "a2"), (vx, "x2"))]
    [t.start() for t in threads]
    [t.join() for t in threads]
    booked = [k for k, ans in answers.items() if ans["status"] == "accepted" and not ans["conflicts"]]
    assert len(booked) == 1, answers
    n = vg.store.conn.execute("SELECT COUNT(*) FROM entities WHERE kind = 'coupon' AND json_extract(body, '$.template_id') = "
                              "'T-FREELATTE' AND json_extract(body, '$.member_id') = 'M2'").fetchone()[0]
    assert n == 1


def test_a_claim_voided_twice_and_another_stores_void(vg, va, vb, vx):
    assert va.push(va.settlement(member="M3", amount=3000))["status"] == "accepted"
    eid = str(uuid.uuid4())
    c = claim(va, "M3", "CHAIN3000", eid)
    assert push(va, "visit_gift_claim", c, eid)["conflicts"] == []
    before = counts(vg)
    for dev in (vb, vx):  # another store, another brand or not
        v = push(dev, "void", vvoid(dev, c["checkout_id"], eid))
        assert v["error"]["code"] == "wrong_store"
    assert counts(vg) == before
    v1, v2 = push_many(va, [("void", vvoid(va, c["checkout_id"], eid), None), ("void", vvoid(va, c["checkout_id"], eid), None)])
    assert v1["status"] == "accepted" and v2["error"]["code"] == "already_voided"
    assert vg.store.get("coupon", gift_code(eid))["status"] == "voided"


def test_a_points_gift_of_brand_b_is_not_given_at_brand_a_nor_outside_its_period(vg, va, vb):
    assert va.push(va.settlement(member="M1", amount=1500))["status"] == "accepted"  # brand A spend: not brand B's gift
    before = points(vg, "M1")
    eid = str(uuid.uuid4())
    ans = push(va, "visit_gift_claim", claim(va, "M1", "PTS-B", eid, points_gift=True), eid)
    assert reasons(ans) == ["wrong_brand"]
    eid = str(uuid.uuid4())
    ans = push(vb, "visit_gift_claim", claim(vb, "M1", "PTS-B", eid, points_gift=True), eid)
    assert reasons(ans) == ["visit_gift_threshold_not_met"]
    eid = str(uuid.uuid4())
    ans = push(vb, "visit_gift_claim", claim(vb, "M1", "OCT", eid, points_gift=True), eid)
    assert reasons(ans) == ["visit_gift_not_active"]
    assert points(vg, "M1") == before


def test_inflated_or_voided_spend_does_not_reach_a_gift(vg, va):
    dev = HandDevice(vg, "A-001", "RT16-VI")
    s = dev.settlement(member="M1", amount=10, total=5000)  # a total above what its lines cost
    assert dev.push(s)["status"] != "rejected" or True
    assert claims_of(vg, "M1")["spend"].get("CHAIN3000", 0) < 3000
    s2 = dev.settlement(member="M1", amount=3000)
    ans = dev.push(s2)
    spent = claims_of(vg, "M1")["spend"]["CHAIN3000"]
    dev.push(dev.void(s2, ans), type_="void")
    assert claims_of(vg, "M1")["spend"]["CHAIN3000"] == spent - 3000
    eid = str(uuid.uuid4())
    ans = push(dev, "visit_gift_claim", claim(dev, "M1", "CHAIN3000", eid), eid)
    assert reasons(ans) == ["visit_gift_threshold_not_met"]
    assert vg.store.get("coupon", gift_code(eid)) is None


@pytest.mark.parametrize("field", ["gift_id", "member_id", "checkout_id", "gift", "occurred_at", "spent"])
def test_junk_in_a_visit_gift_claim_field_writes_nothing(vg, va, field):
    before = counts(vg)
    for junk in JUNK:
        eid = str(uuid.uuid4())
        c = claim(va, "M2", "CHAIN3000", eid)
        if (field == "checkout_id" and junk == "1000") or (field == "occurred_at" and junk is None):
            continue  # a valid id; no payload time: the envelope's (documented)
        c[field] = junk
        ans = push(va, "visit_gift_claim", c, eid)
        if field == "spent":  # the counter's figure is only quoted
            continue
        assert ans["status"] == "rejected", (field, repr(junk)[:40], ans)
    if field != "spent":
        assert counts(vg) == before


def test_a_void_or_return_that_withdraws_a_claimed_gifts_spend_is_shown(vg, vb):
    """Finding: spend 1,000 at a brand-B store, claim the 200-point gift, then void the sale (or return
    it): the gift stayed with the member and nobody was told. Now the void / return is booked (the
    cash went back at the counter) and a `visit_gift_spend_withdrawn` conflict names the gift, the
    spend left and the threshold, for the store's manager (the kind: any reversal of spend a claim
    stood on)."""
    for member, how in (("M3", "void"), ("M2", "return")):
        s = vb.settlement(member=member, amount=1200)
        sale = vb.push(s)
        eid = str(uuid.uuid4())
        assert push(vb, "visit_gift_claim", claim(vb, member, "PTS-B", eid, points_gift=True), eid)["conflicts"] == []
        if how == "void":
            ans = vb.push(vb.void(s, sale), type_="void")
        else:
            r = {"return_id": str(uuid.uuid4()), "checkout_id": s["checkout_id"], "sale_event_id": sale["event_id"],
                 "store_id": vb.store_id, "terminal_id": vb.terminal_id, "manager_id": "MGR1", "reason": "x", "occurred_at": AT,
                 "lines": [{"line_id": 1, "quantity": 1}], "refund": 1200, "points_clawed": {}, "points_returned": {}}
            ans = push(vb, "return", r)
        assert ans["status"] == "accepted_with_conflict", (how, ans)
        [c] = [c for c in ans["conflicts"] if c["kind"] == "visit_gift_spend_withdrawn"]
        assert c["decision"] == "gift_kept", c
        d = c["details"]
        assert (d["gift_id"], d["spent"], d["threshold"], d["short"], d["claim_event_id"]) == ("PTS-B", 0, 1000, 1000, eid)
        assert claims_of(vg, member)["claims"]["PTS-B"]["event_id"] == eid  # the claim stands (booked, not undone)
        rows = vg.store.conn.execute("SELECT decision, amount, store_id FROM conflicts WHERE kind = 'visit_gift_spend_withdrawn' "
                                     "AND subject = ?", (member,)).fetchall()
        assert [tuple(r) for r in rows] == [("gift_kept", 1000, "B-001")]


def test_a_void_that_leaves_the_spend_above_the_threshold_is_silent(vg, vx):
    s1 = vx.settlement(member="M3", amount=4000)
    vx.push(s1)
    s2 = vx.settlement(member="M3", amount=500)
    a2 = vx.push(s2)
    eid = str(uuid.uuid4())
    assert push(vx, "visit_gift_claim", claim(vx, "M3", "CHAIN3000", eid), eid)["conflicts"] == []
    ans = vx.push(vx.void(s2, a2), type_="void")  # 4,000 still counted: the claim stands on it
    assert [c for c in ans["conflicts"] if c["kind"] == "visit_gift_spend_withdrawn"] == []


def test_the_member_row_drops_the_per_sale_detail_of_gifts_long_over(vg):
    """Finding (robustness): the `member_purchases` row every terminal of the member's stores pulls kept
    one `sales` entry per sale for ever, for every gift, ended or not (re-sent whole on each sale). Now
    the detail of gifts whose claim window closed more than 31 days ago is dropped on the next sale;
    the totals and claims stay."""
    dev = HandDevice(vg, "A-001", "RT16-OLD")
    s = dev.settlement(member="M1", amount=700, occurred_at="2026-09-15T04:00:00+00:00")  # its first sale: not floored
    assert dev.push(s)["status"].startswith("accepted")
    assert dev.push(dev.settlement(member="M1", amount=100))["status"].startswith("accepted")
    row = claims_of(vg, "M1")
    assert row["spend"]["SEPT"] == 700
    assert not [e for e, counted in row["sales"].items() if "SEPT" in counted], row["sales"]
    assert any("CHAIN3000" in counted for counted in row["sales"].values())  # a current gift's detail stays


# ---- campaigns over several codes --------------------------------------------------------------------------
def use(code, discount) -> dict:
    return {"code": code, "template_id": None, "discount": discount, "uses": 1}


def test_a_campaign_budget_is_not_exceeded_through_several_codes_in_one_sale(vg):
    dev = HandDevice(vg, "A-001", "RT16-VC")
    before = vg.store.get("promo_campaign_tally", "SUMMER") or {}
    s = dev.settlement(member=None, amount=1000, net=1000, coupons=[use("SUMMER-A", 100), use("SUMMER-B", 60), use("SUMMER-A", 100)])
    dev.push(s)
    s = dev.settlement(member=None, amount=1000, coupons=[use("SUMMER-A", 900)])  # beyond the code's rule
    dev.push(s)
    for _ in range(3):
        dev.push(dev.settlement(member=None, amount=1000, coupons=[use("SUMMER-B", 60)]))
    after = vg.store.get("promo_campaign_tally", "SUMMER")
    assert after["discount_given"] <= 250 and (before.get("discount_given", 0)) <= after["discount_given"]
    given = vg.store.conn.execute("SELECT COALESCE(SUM(discount), 0) FROM coupon_ledger WHERE code LIKE 'SUMMER-%'").fetchone()[0]
    assert given == after["discount_given"] <= 250


def test_a_brand_b_code_of_a_campaign_is_not_booked_at_brand_a(vg):
    dev = HandDevice(vg, "A-001", "RT16-VW")
    ans = dev.push(dev.settlement(member=None, amount=1000, coupons=[use("WINTER-B", 10)]))
    assert ans["conflicts"], ans
    tally = vg.store.get("promo_campaign_tally", "WINTER") or {}
    assert tally.get("uses", 0) == 0


def test_one_topup_id_twice_in_one_request_is_booked_once(sv, a):
    bal = balance(sv, "SV-M2")
    t = topup(a, "SV-M2", 1000)
    r1, r2 = push_many(a, [("value_topup", t, None), ("value_topup", dict(t), None)])
    assert r1["status"].startswith("accepted") and r2["error"]["code"] == "topup_replayed", (r1, r2)
    assert balance(sv, "SV-M2") == bal + 1000


def test_a_yearly_gift_card_past_its_year_is_refused(sv, a):
    before = balance(sv, "GC-Y-OLD")
    ans = push(a, "settlement", a.settlement(member=None, amount=100, value_payments=[_pay("GC-Y-OLD", 100, program="GIFT-Y")]))
    assert reasons(ans) == ["expired"] and balance(sv, "GC-Y-OLD") == before


def test_a_return_or_a_topup_void_naming_a_visit_gift_claim_is_refused(vg, va):
    assert va.push(va.settlement(member="M1", amount=3000))["status"] == "accepted"
    eid = str(uuid.uuid4())
    c = claim(va, "M1", "CHAIN3000", eid)
    push(va, "visit_gift_claim", c, eid)
    before = counts(vg)
    r = {"return_id": str(uuid.uuid4()), "checkout_id": c["checkout_id"], "sale_event_id": eid, "store_id": va.store_id,
         "terminal_id": va.terminal_id, "manager_id": "MGR1", "reason": "x", "occurred_at": AT,
         "lines": [{"line_id": 1, "quantity": 1}], "refund": 3000, "points_clawed": {}, "points_returned": {}}
    assert push(va, "return", r)["status"] == "rejected"
    tv = {"topup_id": c["checkout_id"], "voids_event_id": eid, "store_id": va.store_id, "terminal_id": va.terminal_id,
          "manager_id": "MGR1", "reason": "x", "occurred_at": AT}
    assert push(va, "value_topup_void", tv)["status"] == "rejected"
    assert counts(vg) == before


def test_a_campaign_budget_holds_when_two_stores_push_at_the_same_moment(vg):
    devs = [HandDevice(vg, s, f"RT16-CC{i}") for i, s in enumerate(("A-001", "X", "A-NEW", "B-001"))]
    before = vg.store.get("promo_campaign_tally", "WINTER") or {}

    def go(dev):
        for _ in range(3):
            dev.push(dev.settlement(member=None, amount=500, coupons=[use("WINTER-A", 10)]))

    threads = [threading.Thread(target=go, args=(d,)) for d in devs]
    [t.start() for t in threads]
    [t.join() for t in threads]
    after = vg.store.get("promo_campaign_tally", "WINTER")
    used = vg.store.conn.execute("SELECT COALESCE(SUM(uses), 0) FROM coupon_ledger WHERE code LIKE 'WINTER-%'").fetchone()[0]
    assert used == after["uses"] <= 3, (before, after, used)


def test_a_wallet_is_extended_by_the_servers_rule_only(sv, a):
    from datetime import datetime, timedelta

    ans = push(a, "value_topup", topup(a, "SV-M1", 100, valid_until="2099-01-01T00:00:00+00:00", bonus_points=0))
    assert ans["status"].startswith("accepted")
    assert sv.store.get("value_account", "SV-M1")["valid_until"] == (datetime.fromisoformat(AT) + timedelta(days=365)).isoformat()
    before = sv.store.get("value_account", "SV-M3") or sv.store.get("value_account", "SV-SOON")
    bad = push(a, "value_topup", topup(a, "SV-SOON", 10**9))  # refused (beyond max_topup): no extension either
    assert bad["status"] == "rejected"
    assert sv.store.get("value_account", "SV-SOON") == before
