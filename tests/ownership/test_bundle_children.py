"""Issue 15, section 4: a voucher inside a member-bound bundle belongs to the bundle's owner,
whatever path resolves it (checkout, scan, the member's held coupons). The bug: a child with no
member of its own, typed by its own code, was accepted with no member card or another's."""

from __future__ import annotations

import pytest

from terminal.domain.reasons import Reason
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest

from tests.conftest import card, catalog_dict


def pack_catalog() -> dict:
    """BASE_CATALOG plus M1's birthday pack BND-2 whose children carry no member of their own (the
    catalog allows it: a child gets its owner through its pack), one child of a bearer template."""
    cat = catalog_dict()
    cat["coupon_templates"].append({"id": "T-BEARER-LATTE", "name": "Latte (bearer)", "kind": "product_voucher",
                                    "products": ["LATTE"], "member_bound": False})
    cat["coupon_templates"].append({"id": "T-BUNDLE-BEARER", "name": "Bearer pack", "kind": "bundle",
                                    "items": [{"template": "T-BEARER-LATTE", "count": 1}], "member_bound": False})
    cat["coupons"] += [
        {"code": "BND-2", "template": "T-BUNDLE", "member": "M1"},
        {"code": "BND-2-a", "template": "T-FREELATTE", "parent": "BND-2", "number": card("980000000101")},
        {"code": "BND-2-b", "template": "T-BEARER-LATTE", "parent": "BND-2"},
        {"code": "BND-3", "template": "T-BUNDLE-BEARER"},  # a bearer pack: its children are bearer too
        {"code": "BND-3-a", "template": "T-BEARER-LATTE", "parent": "BND-3"},
    ]
    return cat


@pytest.fixture
def svc(make_service):
    return make_service(catalog=pack_catalog())


def _settle_child(svc, code: str, member: str | None, n: int):
    req = CheckoutRequest(f"own-{n}", (LineRequest(sku="LATTE"),), member_code=member, coupons=(CouponRequest(code),))
    return svc.preview(req)


@pytest.mark.parametrize("code", ["BND-2-a", "BND-2-b", card("980000000101")])
@pytest.mark.parametrize("member,reason", [(None, Reason.MEMBER_REQUIRED), (card("290000000002"), Reason.WRONG_MEMBER)])
def test_a_child_of_a_member_pack_is_refused_without_its_owner(svc, code, member, reason):
    pv = _settle_child(svc, code, member, 1)
    v = pv.coupon_verdicts[0]
    assert not v.ok and v.reason is reason, v
    assert pv.coupon_discount == 0


@pytest.mark.parametrize("code", ["BND-2-a", "BND-2-b"])
def test_the_owner_uses_a_child_by_its_own_code(svc, code):
    pv = _settle_child(svc, code, card("290000000001"), 2)
    assert pv.coupon_verdicts[0].ok and pv.coupon_discount == 120


def test_a_child_of_a_bearer_pack_stays_a_bearer_voucher(svc):
    assert _settle_child(svc, "BND-3-a", None, 3).coupon_discount == 120


def test_settle_refuses_it_and_writes_nothing(svc):
    from terminal.domain.reasons import CheckoutError

    req = CheckoutRequest("own-4", (LineRequest(sku="LATTE"),), member_code=card("290000000002"), coupons=(CouponRequest("BND-2-a"),))
    with pytest.raises(CheckoutError):
        svc.settle(req, cashier_id="C01")
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM coupon_ledger").fetchone()[0] == 0


def test_scan_says_whose_it_is(svc):
    m2 = svc.replica.member("M2")
    view = svc.scan("BND-2-a", member_id="M2").coupon
    assert not view.usable and view.reason == Reason.WRONG_MEMBER.value
    view = svc.scan("BND-2-a", member_id="M1").coupon
    assert view.usable
    view = svc.scan("BND-2-a").coupon  # no member yet: valid for its member (the card is asked at checkout)
    assert view.usable and "its member" in view.message
    assert m2 is not None


def test_the_bundle_itself_still_frees_its_vouchers_for_its_owner_only(svc):
    req = CheckoutRequest("own-5", (LineRequest(sku="LATTE"),), member_code=card("290000000001"), coupons=(CouponRequest("BND-2"),))
    assert svc.preview(req).coupon_discount == 120
    req = CheckoutRequest("own-6", (LineRequest(sku="LATTE"),), member_code=card("290000000002"), coupons=(CouponRequest("BND-2"),))
    assert svc.preview(req).coupon_verdicts[0].reason is Reason.WRONG_MEMBER


def test_the_catalog_refuses_a_pack_voucher_of_someone_else():
    from terminal.catalog import CatalogError, parse_catalog
    import json

    cat = pack_catalog()
    cat["coupons"].append({"code": "BND-2-c", "template": "T-FREELATTE", "member": "M2", "parent": "BND-2"})
    with pytest.raises(CatalogError) as exc:
        parse_catalog(json.dumps(cat))
    assert "coupons[20].member: M2 differs from its bundle BND-2's member M1" in str(exc.value)
