"""The figures on the receipt are the figures in the ledger (issue 4).

A worked example first: two earn rules of different groups credit the same point type
(10 + 8 = 18 bonus points); every view must say 18, not the last rule's 10.

Then a property test: a random catalog fragment (several earn rules on the same point type
and on different ones, in competing and adding groups, multipliers that hit or miss, three
point types with random burn rates and validity, coupons of every kind with random amounts,
a stored voucher partly used, a points-plus-cash item, members holding random lots - expired,
expiring, lasting, and debts) and a random basket, settled on a real temporary SQLite
replica through `RedemptionService` by one of its front-ends (the service, the CLI with
`--json`, the UI-neutral counter the window renders). Every figure shown - receipt,
`--json`, printed slip (text and printer bytes), counter view, daily report - equals what
point_ledger, coupon_ledger and the settlement row hold; the reference server, fed the
outbox events, books the same per-type figures; a void reverses all of it exactly.

Default: a few seconds. `-m slow` runs many more examples.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import parse_catalog
from terminal.entry.cli import run as cli_run
from terminal.usecases.counter import Counter
from terminal.domain.reasons import DomainError
from terminal.infra.printing import receipt_lines
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.service import RedemptionService
from tests.conftest import FixedClock, card, catalog_dict
from tests.properties.figures import (
    CentralCopy,
    check_balances,
    check_receipt,
    check_report,
    check_slip,
    ledger_of,
)
from tests.properties.test_settlement_properties import (
    MEMBERS,
    coupon_requests,
    line_requests,
    member_codes,
    raw_balances,
    raw_coupon_uses,
    table_counts,
)

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)  # Friday 20 Nov, 12:00 in Taipei; M1's birthday month
DAY = date(2026, 11, 20)
POINT_TYPES = ("bonus", "diamond", "stamp")
NAMES = {"bonus": "Bonus points", "diamond": "Diamond points", "stamp": "Stamps"}
SKUS = ("LATTE", "AMERICANO", "CROISSANT", "TISSUE", "MUG")
# each example makes two databases (synchronous=FULL): in memory-backed storage when the machine has it
FAST_TMP = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


# ---------------------------------------------------------------------------- the settlement, every way


class Till:
    """A fresh replica of `catalog` at `store_id`, and the ways to settle on it."""

    def __init__(self, catalog: dict, store_id: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="lt-figures-", dir=FAST_TMP))
        self.parsed = parse_catalog(json.dumps(catalog))
        self.db = self.dir / "replica.db"
        self.replica = init_replica(self.db, self.parsed, store_id=store_id, terminal_id="T1", demo=True)
        self.point_types = tuple(pt.id for pt in self.parsed.point_types)
        self.store_id = store_id
        self.svc = RedemptionService(self.replica, store_id=store_id, terminal_id="T1", clock=FixedClock(AT))
        self.counter: Counter | None = None
        self.central: CentralCopy | None = None

    def close(self) -> None:
        if self.central is not None:
            self.central.close()
        self.replica.conn.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def snapshot(self) -> dict:
        conn = self.replica.conn
        return {"balances": {m: raw_balances(conn, m, AT, self.point_types) for m in MEMBERS},
                "coupons": {code: used for code, (used, _) in raw_coupon_uses(conn).items()}}

    def fit(self, req: CheckoutRequest, use_max: tuple[str, ...] = ()) -> CheckoutRequest | None:
        """Drop what the preview refuses (as a cashier would), until the preview accepts everything.
        `use_max`: point types to spend as much of as the bill allows (the window's 'max' button)."""
        if use_max:
            try:
                p = self.svc.preview(replace(req, points={}), at=AT)
            except DomainError:
                return None
            most = {pt: p.max_points.get(pt, 0) for pt in use_max}
            req = replace(req, points={**req.points, **{pt: n for pt, n in most.items() if n}})
        for _ in range(4):
            try:
                p = self.svc.preview(req, at=AT)
            except DomainError:
                return None
            if p.ok:
                return replace(req, expected_total=p.total)
            ok_codes = {v.scanned for v in p.coupon_verdicts if v.ok}
            item_ok = all(v.ok for v in p.points_verdicts if v.purpose == "item")
            req = replace(
                req,
                lines=req.lines if item_ok else tuple(replace(ln, pay_with_points=False) for ln in req.lines),
                coupons=tuple(c for c in req.coupons if c.code in ok_codes),
                points={v.point_type: v.requested for v in p.points_verdicts if v.ok and v.purpose == "discount"},
            )
        return None

    def settle_service(self, req: CheckoutRequest) -> dict:
        return self.svc.settle(req, cashier_id="C01", at=AT)

    def cli(self, *args: str) -> tuple[int, str]:
        out = io.StringIO()
        code = cli_run(["--db", str(self.db), *args], out=out)
        return code, out.getvalue()

    def settle_cli(self, req: CheckoutRequest) -> dict:
        args = ["--json", "settle", "--cashier", "C01", "--pin", "1234", "--checkout-id", req.checkout_id, "--at", AT.isoformat(),
                "--payment", req.payment_method,
                # a replica without an allowance grant: points and stored-voucher uses need a manager (issue 13 section 4)
                "--override-manager", "MGR1", "--override-pin", "9999", "--override-reason", "test: no grant"]
        if req.member_code:
            args += ["--member", req.member_code]
        for ln in req.lines:
            if ln.sku is not None:
                args += ["--line", f"{ln.sku}x{ln.quantity}{'@' if ln.pay_with_points else ''}"]
            else:
                args += ["--amount", str(ln.amount)]
        for c in req.coupons:
            args += ["--coupon", f"{c.code}*{c.uses}"]
        for pt, n in req.points.items():
            args += ["--points", f"{pt}={n}"]
        if req.expected_total is not None:
            args += ["--expected-total", str(req.expected_total)]
        code, out = self.cli(*args)
        assert code == 0, out
        return json.loads(out)

    def settle_counter(self, req: CheckoutRequest, use_max: tuple[str, ...] = ()) -> dict | None:
        """The cashier's way: scan member, products, coupons, enter amounts and points, settle what is accepted."""
        c = self.counter = Counter(self.svc, new_id=lambda: req.checkout_id)
        assert c.login("C01", "1234").cashier is not None
        if req.member_code:
            assert c.scan(req.member_code, AT).member is not None
        for ln in req.lines:
            if ln.sku is not None:
                for _ in range(ln.quantity):
                    c.scan(ln.sku, AT)
            else:
                c.add_amount(ln.amount, ln.name or "Amount", AT)
        for cr in req.coupons:
            n = len(c.coupons)
            c.scan(cr.code, AT)
            if cr.uses > 1 and len(c.coupons) == n + 1:
                c.set_coupon_uses(n, cr.uses, AT)
        for pt, n in req.points.items():
            c.set_points(pt, n, AT)
        for pt in use_max:
            c.use_max_points(pt, AT)
        view = c.settle(AT)
        if view.receipt is None:
            return None
        assert view.state == "settled" and not view.can_settle
        return view.receipt


def check_settlement(till: Till, receipt: dict, how: str) -> None:
    conn = till.replica.conn
    led = ledger_of(conn, receipt["checkout_id"])
    shown = {k: v for k, v in receipt.items() if k not in ("left_out", "left_out_coupons")}  # the counter's, not stored
    assert shown == led.receipt, f"{how}: the receipt shown is not the one stored"
    if how == "counter":  # what the window renders: the receipt, and the member panel's balances
        view = till.counter.view()
        assert view.receipt == receipt
    check_receipt(receipt, led)
    balances = check_balances(till.svc, receipt, led, AT, till.point_types)
    if how == "counter" and led.member_id is not None:
        assert till.counter.view().member.balances == balances
    check_slip(receipt, led, NAMES, balances)
    check_report(till.replica, till.store_id, DAY, led)
    if how == "cli":  # the CLI's balance command shows the same balances
        if led.member_id is not None:
            code, out = till.cli("--json", "balance", receipt_member_code(till, led.member_id), "--at", AT.isoformat())
            assert code == 0 and json.loads(out)["balances"] == balances
    # the server, fed the outbox event, books the same figures and ends with the same balances
    till.central = CentralCopy(till.dir / "central.db", till.parsed, till.store_id, "T1", AT)
    (answer,) = till.central.push_all(till.replica)
    assert not [c for c in answer["conflicts"] if c["kind"] != "allowance_overridden"], answer  # an approval is listed, no more
    server = till.central.figures(led.checkout_id, led.member_id)
    assert server["earned"] == led.earned and server["spent"] == led.spent
    assert server["coupon_discount"] == led.coupon_discount
    assert server["balances"] == {k: v for k, v in balances.items() if v}


def receipt_member_code(till: Till, member_id: str) -> str:
    return next(mm.card_number for mm in till.parsed.members if mm.id == member_id)  # the replica keeps only a keyed hash


def check_void(till: Till, receipt: dict, before: dict, how: str) -> None:
    """A void writes the exact negation: ledgers net to zero, balances and coupon uses as before the settlement."""
    conn = till.replica.conn
    led = ledger_of(conn, receipt["checkout_id"])
    counts = table_counts(conn)
    if how == "counter":
        view = till.counter.void(None, manager_id="MGR1", pin="9999", reason="customer changed mind", at=AT)
        assert view.notice.event == "voided", view.notice
        shown = view.receipt
        assert shown["voided_at"]
    elif how == "cli":
        code, out = till.cli("--json", "void", led.checkout_id, "--manager", "MGR1", "--pin", "9999",
                             "--reason", "customer changed mind", "--at", AT.isoformat())
        assert code == 0, out
        result = json.loads(out)
        assert _void_points(result["points"]) == _void_want(led) and -sum(c["discount"] for c in result["coupons"]) == led.coupon_discount
        shown = {**receipt, "voided_at": result["voided_at"]}
    else:
        result = till.svc.void(led.checkout_id, manager_id="MGR1", pin="9999", reason="customer changed mind", at=AT)
        assert _void_points(result["points"]) == _void_want(led) and -sum(c["discount"] for c in result["coupons"]) == led.coupon_discount
        shown = {**receipt, "voided_at": result["voided_at"]}
    assert table_counts(conn)["voids"] == counts["voids"] + 1
    cid = (led.checkout_id,)
    assert {pt: n for pt, n in conn.execute(
        "SELECT point_type, SUM(delta) FROM point_ledger WHERE checkout_id = ? GROUP BY point_type", cid) if n} == {}
    assert tuple(conn.execute("SELECT COALESCE(SUM(uses), 0), COALESCE(SUM(discount), 0) FROM coupon_ledger WHERE checkout_id = ?",
                              cid).fetchone()) == (0, 0)
    void_payload = json.loads(conn.execute("SELECT payload FROM outbox WHERE type = 'void'").fetchone()[0])
    # the event names only the original (the server derives the reversal from its own rows for it)
    assert void_payload["checkout_id"] == led.checkout_id and "points" not in void_payload and "coupons" not in void_payload
    after = till.snapshot()
    assert after["balances"] == before["balances"]
    # a signed coupon first seen by the settlement keeps its replica row, with 0 uses
    assert {k: after["coupons"][k] for k in before["coupons"]} == before["coupons"]
    assert all(after["coupons"][k] == 0 for k in set(after["coupons"]) - set(before["coupons"]))
    for m in MEMBERS:
        assert till.svc.member_view(till.replica.member(m), AT).balances == before["balances"][m]
    if how == "counter" and led.member_id is not None:
        assert till.counter.view().member.balances == before["balances"][led.member_id]
    check_report(till.replica, till.store_id, DAY, led, voided=True)
    balances_now = before["balances"][led.member_id] if led.member_id else {}
    check_slip_voided(shown)
    (answer,) = till.central.push_all(till.replica)
    assert not [c for c in answer["conflicts"] if c["kind"] != "allowance_overridden"], answer  # an approval is listed, no more
    server = till.central.figures(led.checkout_id, led.member_id)
    assert server["earn_voided"] == led.earned and server["burn_voided"] == led.spent and server["coupon_net"] == (0, 0)
    assert server["balances"] == {k: v for k, v in balances_now.items() if v}


def _void_points(rows: list[dict]) -> dict[str, int]:
    moved: dict[str, int] = {}
    for p in rows:
        moved[p["point_type"]] = moved.get(p["point_type"], 0) + p["delta"]
    return {k: v for k, v in moved.items() if v}


def _void_want(led) -> dict[str, int]:
    want = {pt: led.spent.get(pt, 0) - led.earned.get(pt, 0) for pt in set(led.earned) | set(led.spent)}
    return {k: v for k, v in want.items() if v}


def check_slip_voided(receipt: dict) -> None:
    assert "*** VOIDED ***" in receipt_lines(receipt, "en", 48, NAMES)
    assert "*** 已作廢 ***" in receipt_lines(receipt, "zh_TW", 32, NAMES)


# ---------------------------------------------------------------------------- worked example: 10 + 8 = 18


def two_rule_catalog() -> dict:
    """Brand B: 'Standard: 1 per 10' and 'Latte week: 8 per latte', both bonus points, different groups."""
    cat = catalog_dict()
    for p in cat["products"]:
        if p["sku"] == "LATTE":
            p["price"] = 100
    cat["earn_rules"] = [
        {"id": "B-standard", "name": "Standard: 1 per 10", "point_type": "bonus", "kind": "per_spend", "every": 10, "points": 1,
         "scope": {"brands": ["B"]}, "group": "standard"},
        {"id": "B-latte-week", "name": "Latte week: 8 per latte", "point_type": "bonus", "kind": "per_quantity", "every": 1,
         "points": 8, "products": ["LATTE"], "scope": {"brands": ["B"]}, "group": "product"},
    ]
    return cat


M2 = card("290000000002")  # gold, no points yet
LATTE_FOR_M2 = CheckoutRequest("CK-18", (LineRequest("LATTE"),), member_code=M2)


@pytest.fixture
def two_rules():
    till = Till(two_rule_catalog(), "B-001")
    yield till
    till.close()


@pytest.mark.parametrize("how", ["service", "cli", "counter"])
def test_two_rules_on_one_point_type_show_18_everywhere(two_rules, how):
    till = two_rules
    p = till.svc.preview(LATTE_FOR_M2, at=AT)
    assert sorted((e.rule_id, e.points) for e in p.earns) == [("B-latte-week", 8), ("B-standard", 10)]
    assert p.points_earned == {"bonus": 18} and p.balances_after["bonus"] == 18
    before = till.snapshot()
    receipt = {"service": till.settle_service, "cli": till.settle_cli, "counter": till.settle_counter}[how](LATTE_FOR_M2)
    assert receipt["points_earned"] == {"bonus": 18}  # was {"bonus": 10}: the last rule's points only
    assert receipt["balances_after"]["bonus"] == 18
    assert ledger_of(till.replica.conn, "CK-18").earned == {"bonus": 18}
    assert "Points earned Bonus points" in "\n".join(l for l in _en_slip(receipt) if l.endswith("+18"))
    check_settlement(till, receipt, how)
    assert till.central.figures("CK-18", "M2")["balances"] == {"bonus": 18}
    check_void(till, receipt, before, how)


def test_preview_json_sums_the_rules_too(two_rules):
    code, out = two_rules.cli("--json", "preview", "--member", M2, "--line", "LATTE", "--at", AT.isoformat())
    p = json.loads(out)
    assert code == 0 and p["points_earned"] == {"bonus": 18} and p["balances_after"]["bonus"] == 18
    code, out = two_rules.cli("settle", "--member", M2, "--line", "LATTE", "--at", AT.isoformat(), "--cashier", "C01", "--pin", "1234")
    total_line = next(ln for ln in out.splitlines() if ln.startswith("TOTAL"))  # the text receipt
    assert code == 0 and re.search(r"\b18\b", total_line) and not re.search(r"\b10\b", total_line), out


def test_demo_scenario_k14_credits_8_plus_10():
    """resources/demo/codes.md K14: 陳怡君 (born in November) buys two lattes on 2026-11-22: base 4 x 1 x2 = 8
    plus the latte series 2 x 5 = 10 -> 18 紅利點數 on the receipt, not 10."""
    from terminal.provisioning.demo import DEMO_NOW, demo_catalog_path

    till = Till(json.loads(demo_catalog_path().read_text(encoding="utf-8")), "CAFE-XINYI")
    try:
        req = CheckoutRequest("K14", (LineRequest("4712468000022", 2),), member_code="2900000000018")
        receipt = till.svc.settle(req, cashier_id="CAFE-XINYI-C1", at=DEMO_NOW)
        led = ledger_of(till.replica.conn, "K14")
        assert led.per_rule == {"CAFE-BASE": 8, "LATTE-SERIES": 10}
        assert receipt["points_earned"] == led.earned == {"bonus": 18}
        check_receipt(receipt, led)
        names = {pt.id: pt.name for pt in till.parsed.point_types}
        assert any(ln.endswith("+18") for ln in receipt_lines(receipt, "zh_TW", 32, names))
    finally:
        till.close()


def _en_slip(receipt: dict) -> list[str]:
    return receipt_lines(receipt, "en", 48, NAMES)


# ---------------------------------------------------------------------------- strategies

multipliers = st.lists(
    st.one_of(
        st.builds(lambda d, f: {"kind": "day_of_month", "days": [d], "factor": f}, st.sampled_from([20, 5]), st.integers(2, 6)),
        st.builds(lambda w, f: {"kind": "weekday", "weekdays": [w], "factor": f}, st.sampled_from([5, 2]), st.integers(2, 6)),
        st.builds(lambda f: {"kind": "birthday_month", "factor": f}, st.integers(2, 6)),
    ),
    max_size=2,
)


@st.composite
def earn_rules(draw) -> list[dict]:
    rules = []
    for i in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["per_spend", "per_product_amount", "per_quantity"]))
        rule = {
            "id": f"R{i}", "name": f"Rule {i}", "point_type": draw(st.sampled_from(("bonus", "bonus", "bonus") + POINT_TYPES)), "kind": kind,
            "every": draw(st.sampled_from([1, 2, 3] if kind == "per_quantity" else [10, 25, 50, 100])),
            "points": draw(st.integers(1, 10)), "group": draw(st.sampled_from(["base", "product", "campaign"])),
            "priority": draw(st.integers(0, 2)), "multipliers": draw(multipliers),
            "scope": draw(st.sampled_from([{}, {}, {}, {}, {"brands": ["B"]}, {"brands": ["A"]}, {"tiers": ["gold"]},
                                           {"payment_methods": ["card"]}])),
        }
        if kind != "per_spend":
            rule["products"] = draw(st.lists(st.sampled_from(SKUS), max_size=2, unique=True))
            rule["categories"] = draw(st.lists(st.sampled_from(["coffee", "bakery", "goods"]), max_size=1))
            if not (rule["products"] or rule["categories"]):
                rule["categories"] = ["coffee"]
        rules.append(rule)
    return rules


lots = st.lists(
    st.fixed_dictionaries({
        "point_type": st.sampled_from(POINT_TYPES),
        "points": st.one_of(st.integers(20, 600), st.integers(20, 600), st.integers(1, 100), st.integers(-60, -1)),
        "expires_at": st.sampled_from([None, "2027-06-01T00:00:00+08:00", "2026-11-25T00:00:00+08:00", "2026-11-01T00:00:00+08:00"]),
    }),
    min_size=1, max_size=4,
)


@st.composite
def catalogs(draw) -> dict:
    cat = catalog_dict()
    cat["point_types"] = [
        {"id": pt, "name": NAMES[pt], "validity_days": draw(st.sampled_from([None, 1, 30, 365])),
         "burn": {"points": draw(st.sampled_from([1, 5, 10, 20])), "value": draw(st.sampled_from([1, 2, 5])),
                  "max_percent": draw(st.sampled_from([30, 50, 100]))}}
        for pt in ("bonus", "diamond")
    ] + [{"id": "stamp", "name": NAMES["stamp"], "burn": None, "validity_days": None}]
    cat["earn_rules"] = draw(earn_rules())
    for m in cat["members"]:
        m["lots"] = [{"id": f"{m['id']}-L{i}", "earned_at": "2026-06-01T10:00:00+08:00", **lot}
                     for i, lot in enumerate(draw(lots))]
    tpl = {t["id"]: t for t in cat["coupon_templates"]}
    tpl["T-100OFF"].update(amount=draw(st.integers(10, 200)), min_spend=draw(st.sampled_from([0, 100, 300, 500])))
    tpl["T-10PCT"].update(percent=draw(st.integers(5, 50)), max_discount=draw(st.sampled_from([None, 20, 50])))
    tpl["T-CAP100"]["price_cap"] = draw(st.sampled_from([50, 100, 150]))
    for c in cat["coupons"]:
        if c["code"] == "SV-0001":
            c["used_uses"] = draw(st.integers(0, 9))
    for p in cat["products"]:
        if p["sku"] == "MUG":
            p["points_price"] = {"point_type": draw(st.sampled_from(POINT_TYPES)), "points": draw(st.sampled_from([20, 200])),
                                 "cash": draw(st.sampled_from([0, 100]))}
    return cat


@st.composite
def scenarios(draw) -> tuple[dict, str, CheckoutRequest, tuple[str, ...], str, bool]:
    cat = draw(catalogs())
    burn = {p["id"]: (p["burn"] or {"points": 1})["points"] for p in cat["point_types"]}
    lines = draw(st.lists(line_requests, min_size=1, max_size=5))
    lines = [ln for ln in lines if ln.sku is not None] + [ln for ln in lines if ln.sku is None]  # the CLI's order
    points = {pt: n * burn[pt] for pt, n in draw(st.dictionaries(st.sampled_from(POINT_TYPES), st.integers(1, 30), max_size=2)).items()}
    req = CheckoutRequest("CK-1", tuple(lines), draw(member_codes), tuple(draw(coupon_requests)), points,
                          draw(st.sampled_from(["cash", "card"])))
    use_max = tuple(draw(st.lists(st.sampled_from(("bonus", "diamond")), max_size=2, unique=True)))
    return (cat, draw(st.sampled_from(["B-001", "A-001"])), req, use_max, draw(st.sampled_from(["service", "cli", "counter"])),
            draw(st.booleans()))


def run_scenario(scenario) -> None:
    cat, store_id, req, use_max, how, void = scenario
    note(f"settled by {how} at {store_id}, void={void}, max points of {use_max}\n{req}\nearn rules: {cat['earn_rules']}\n"
         f"point types: {cat['point_types']}\nlots: {[(m['id'], m['lots']) for m in cat['members']]}")
    till = Till(cat, store_id)
    try:
        before = till.snapshot()
        counts = table_counts(till.replica.conn)
        if how == "counter":
            receipt = till.settle_counter(req, use_max)
            why = till.counter.notice.reason if receipt is None else None
        else:
            fitted = till.fit(req, use_max)
            receipt = None if fitted is None else (till.settle_service if how == "service" else till.settle_cli)(fitted)
            why = "preview refused"
        if receipt is None:
            event(f"nothing settled ({why})")
            assert table_counts(till.replica.conn) == counts, "a refused settlement wrote something"
            return
        event(f"settled by {how}")
        if len(receipt["points_earned"]) < sum(1 for e in receipt["explanation"] if e["kind"] == "earn" and e["points"]):
            event("several rules credited one point type")
        for what, hit in (("points spent", receipt["points_spent"]), ("several point types spent", len(receipt["points_spent"]) > 1),
                          ("coupon discount", receipt["coupon_discount"]), ("voided", void)):
            if hit:
                event(what)
        check_settlement(till, receipt, how)
        if void:
            check_void(till, receipt, before, how)
    finally:
        till.close()


COMMON = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@settings(max_examples=25, **COMMON)
@given(scenarios())
def test_every_figure_shown_is_what_the_ledgers_hold(scenario):
    run_scenario(scenario)


@pytest.mark.slow
@settings(max_examples=400, **COMMON)
@given(scenarios())
def test_every_figure_shown_is_what_the_ledgers_hold_many(scenario):
    run_scenario(scenario)

