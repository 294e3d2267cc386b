"""The shipped demo catalog: it loads, it is reproducible, and codes.md tells the truth."""

from __future__ import annotations

import pytest

from terminal.provisioning import demo
from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import load_catalog_file
from terminal.domain import codes
from terminal.domain.reasons import CodeError
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from tests.conftest import FixedClock

AT = demo.DEMO_NOW
SCENARIOS = demo.build_scenarios(demo.load_demo_signer())


@pytest.fixture(scope="module")
def catalog():
    return load_catalog_file(demo.demo_catalog_path())


@pytest.fixture(scope="module")
def replicas(tmp_path_factory, catalog):
    """One read-only replica per store, shared by the scan/preview scenarios."""
    made: dict[str, object] = {}

    def get(store_id: str):
        if store_id not in made:
            path = tmp_path_factory.mktemp("demo") / f"{store_id}.db"
            made[store_id] = init_replica(path, catalog, store_id=store_id, terminal_id="T1", demo=True)
        return made[store_id]

    yield get
    for r in made.values():
        r.db.conn.close()


def service(replica, store_id: str) -> RedemptionService:
    return RedemptionService(replica, store_id=store_id, terminal_id="T1", clock=FixedClock(AT))


# ---- the files ------------------------------------------------------------------------

def test_shipped_catalog_loads_with_the_expected_shape(catalog):
    assert catalog.format == "loyalty-catalog/1"
    assert len(catalog.brands) == 2 and len(catalog.stores) == 6
    assert all(s.timezone == "Asia/Taipei" for s in catalog.stores)
    assert [t.name for t in catalog.tiers] == ["一般", "銀卡", "金卡"]
    assert len(catalog.members) >= 300 and len(catalog.coupons) >= 600 and len(catalog.products) >= 30
    kinds = {t.kind for t in catalog.coupon_templates}
    assert kinds == {"product_voucher", "amount_off", "percent_off", "stored_voucher", "bundle"}
    assert {r.kind for r in catalog.earn_rules} == {"per_spend", "per_product_amount", "per_quantity"}
    for p in catalog.products:
        assert p.name_en, p.sku
        if p.barcode is None:  # made to order: sold by quick key or name search (issue 17)
            assert p.quick_key is not None and p.category is not None, p.sku
            continue
        assert len(p.barcode) == 13 and codes.gs1_check_digit(p.barcode[:-1]) == int(p.barcode[-1])
    keyless = [p for p in catalog.products if p.barcode is None]
    assert {p.category for p in keyless} >= {"coffee", "tea", "bread"} and len(keyless) >= 9
    # staff: a cashier and a manager per store, plus one chain-wide manager
    for s in catalog.stores:
        roles = sorted(st.role for st in catalog.staff if st.stores == [s.id])
        assert roles == ["cashier", "manager"]
    assert any(st.role == "manager" and not st.stores for st in catalog.staff)


def test_some_points_expire_soon_and_some_already_expired(catalog):
    from datetime import timedelta

    lots = [lot for m in catalog.members for lot in m.lots if lot.expires_at]
    assert any(AT <= lot.expires_at < AT + timedelta(days=30) for lot in lots)
    assert any(lot.expires_at <= AT for lot in lots)
    coupons = catalog.coupons
    assert any(c.status == "voided" for c in coupons)
    assert any(c.parent for c in coupons) and any(c.member is None for c in coupons)
    assert any(c.valid_until and c.valid_until <= AT for c in coupons)


def test_regenerating_is_byte_identical(tmp_path):
    cat_path, codes_path = demo.write_demo(tmp_path)
    assert cat_path.read_bytes() == demo.demo_catalog_path().read_bytes()
    assert codes_path.read_bytes() == demo.demo_codes_path().read_bytes()


def test_codes_md_lists_every_scenario():
    text = demo.demo_codes_path().read_text(encoding="utf-8")
    for s in SCENARIOS:
        assert f"| {s.id} | {s.title} |" in text


def test_demo_catalog_path_follows_pyinstaller_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert demo.demo_catalog_path() == tmp_path / "resources" / "demo" / "catalog.json"


def test_staff_pins(replicas):
    svc = service(replicas("CAFE-XINYI"), "CAFE-XINYI")
    svc.verify_staff("CAFE-XINYI-C1", "1234", role="cashier")
    svc.verify_staff("CAFE-XINYI-M1", "9999", role="manager")
    svc.verify_staff("HQ-MANAGER", "9999", role="manager")


# ---- every scenario in codes.md --------------------------------------------------------

def _reason(fn):
    try:
        return fn(), None
    except CodeError as err:
        return None, err.reason.value


@pytest.mark.parametrize("s", [s for s in SCENARIOS if s.section == "member"], ids=lambda s: s.id)
def test_member_scenario(replicas, s):
    svc = service(replicas(s.store), s.store)
    res, reason = _reason(lambda: svc.scan(s.scan, at=AT))
    assert reason == s.check["reason"]
    if reason is None:
        mv = res.member
        assert res.kind == "member"
        assert mv.masked_name == s.check["masked_name"] and mv.tier_id == s.check["tier"]
        for pt, n in s.check.get("balances", {}).items():
            assert mv.balances[pt] == n
        if "expiring" in s.check:
            assert sum(x["points"] for x in mv.expiring_soon) == s.check["expiring"]


@pytest.mark.parametrize("s", [s for s in SCENARIOS if s.section == "coupon"], ids=lambda s: s.id)
def test_coupon_scenario(replicas, s):
    svc = service(replicas(s.store), s.store)
    member_id = svc.resolve_member(s.member).id if s.member else None
    res, reason = _reason(lambda: svc.scan(s.scan, at=AT, member_id=member_id))
    if reason is None:
        assert res.kind == "coupon"
        reason = None if res.coupon.usable else res.coupon.reason
        if "remaining" in s.check:
            assert res.coupon.remaining_uses == s.check["remaining"]
    assert reason == s.check["reason"], res


def _request(s, checkout_id="K"):
    lines = tuple(LineRequest(sku=sku, quantity=q, pay_with_points=sku in s.pay_with_points) for sku, q in s.lines)
    return CheckoutRequest(checkout_id, lines, member_code=s.member, coupons=tuple(CouponRequest(c, u) for c, u in s.coupons),
                           points=dict(s.points), payment_method=s.payment_method)


@pytest.mark.parametrize("s", [s for s in SCENARIOS if s.section == "checkout"], ids=lambda s: s.id)
def test_checkout_scenario(tmp_path, catalog, replicas, s):
    if s.settle_first:
        replica = init_replica(tmp_path / "own.db", catalog, store_id=s.store, terminal_id="T1", demo=True)
        svc = service(replica, s.store)
        first = CheckoutRequest("first", tuple(LineRequest(sku=sku, quantity=q) for sku, q in s.lines), member_code=s.member,
                                coupons=tuple(CouponRequest(c) for c in s.settle_first))
        cashier = f"{s.store}-C1"
        svc.settle(first, cashier_id=cashier, at=AT.replace(hour=9))
    else:
        svc = service(replicas(s.store), s.store)
    p = svc.preview(_request(s), at=AT)
    c = s.check
    if s.coupons:
        v = p.coupon_verdicts[-1]
        assert (v.reason.value if v.reason else None) == c["reason"], v.message
        assert all(x.ok for x in p.coupon_verdicts[:-1]), p.refusals
        if "discount" in c:
            assert v.discount == c["discount"]
    if "points_reason" in c:
        got = [pv.reason.value if pv.reason else None for pv in p.points_verdicts]
        assert got == [c["points_reason"]], p.refusals
    if "total" in c:
        assert p.total == c["total"]
    if "earned" in c:
        earned: dict[str, int] = {}
        for e in p.earns:
            if e.points:
                earned[e.point_type] = earned.get(e.point_type, 0) + e.points
        assert earned == c["earned"], [e.explanation for e in p.earns]
    if "burns" in c:
        assert [(b.lot_id, b.points) for b in p.burns] == [tuple(x) for x in c["burns"]]
    if "max_points" in c:
        for pt, n in c["max_points"].items():
            assert p.max_points[pt] == n


def test_stored_voucher_has_5_left_after_redeeming_2(tmp_path, catalog):
    s = next(x for x in SCENARIOS if x.id == "K4")
    replica = init_replica(tmp_path / "k4.db", catalog, store_id=s.store, terminal_id="T1", demo=True)
    svc = service(replica, s.store)
    svc.settle(_request(s, "k4"), cashier_id="CAFE-XINYI-C1", at=AT)
    code = s.coupons[0][0]
    assert svc.scan(code, at=AT, member_id=demo.M_CHEN).coupon.remaining_uses == 5


def test_signed_codes_in_codes_md_verify_with_the_catalog_key(catalog):
    from terminal.infra.crypto import KeyRing

    ring = KeyRing({k.key_id: k.public_key for k in catalog.issuer_keys})
    text = demo.demo_codes_path().read_text(encoding="utf-8")
    qrs = [w.strip("`") for w in text.split() if w.startswith("`LT1")]
    forged = {s.scan for s in SCENARIOS if s.check.get("reason") == "forged"}
    assert forged and forged <= set(qrs)
    assert len(qrs) >= 20
    for qr in qrs:
        if qr in forged:
            with pytest.raises(CodeError):
                codes.parse(qr, ring)
            continue
        parsed = codes.parse(qr, ring)
        assert isinstance(parsed, (codes.SignedMember, codes.SignedCoupon))


def test_docs_example_catalog_parses_and_imports(tmp_path):
    import re
    from pathlib import Path

    from terminal.catalog import parse_catalog

    doc = (Path(__file__).resolve().parents[2] / "docs" / "catalog.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", doc, flags=re.S)
    full = [b for b in blocks if '"format": "loyalty-catalog/1"' in b]  # the others are fragments with "..."
    assert len(full) == 1, "one whole example catalog"
    cat = parse_catalog(full[0])
    replica = init_replica(tmp_path / "doc.db", cat, store_id="ALLEY-DAAN", terminal_id="T1", demo=True)
    try:
        svc = service(replica, "ALLEY-DAAN")
        svc.verify_staff("C01", "1234", role="cashier")
        p = svc.preview(CheckoutRequest("d1", (LineRequest(sku="LATTE", quantity=2),), member_code="2900000000018"), at=AT)
        # birthday month x2 on the base rule (4 x 1 x 2 = 8) + latte bonus (2 x 5 = 10)
        assert sum(e.points for e in p.earns) == 18
    finally:
        replica.db.conn.close()
