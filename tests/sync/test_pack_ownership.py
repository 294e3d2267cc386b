"""Issue 15, section 4 against the real server: a hostile terminal (a real device credential,
hand-made payloads) pushing a use of a voucher from another member's pack gets nothing booked:
the server resolves the owner through the pack as it holds it, never through the payload."""

from __future__ import annotations

import json

import pytest

from tests.ownership.test_bundle_children import pack_catalog

from .handmade import HandDevice, reasons
from .test_authority import coupon, uses


def latte() -> list[dict]:
    return [{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": 1, "net": 0, "points_price": None}]


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(pack_catalog()))
    return p


@pytest.fixture
def a(server):
    return HandDevice(server, "A-001", "TA")


def child(code: str, template: str = "T-FREELATTE", **kw) -> dict:
    return coupon(code, template, discount=120, **{"kind": "product_voucher", "parent_code": "BND-2", **kw})


@pytest.mark.parametrize("member,why", [("M2", "wrong_member"), (None, "member_required")])
@pytest.mark.parametrize("code,template", [("BND-2-a", "T-FREELATTE"), ("BND-2-b", "T-BEARER-LATTE")])
def test_a_voucher_of_another_members_pack_is_not_booked(server, a, member, why, code, template):
    ans = a.push(a.settlement(member=member, amount=120, net=0, lines=latte(), coupons=[child(code, template)]))
    assert ans["status"] != "rejected"
    assert why in reasons(ans)
    assert uses(server, code) == 0


def test_a_lie_about_the_pack_changes_nothing(server, a):
    """The payload says the voucher is in no pack (or in M2's own): the server's rows decide."""
    ans = a.push(a.settlement(member="M2", amount=120, net=0, lines=latte(), coupons=[child("BND-2-a", parent_code=None)]))
    assert "wrong_member" in reasons(ans) and uses(server, "BND-2-a") == 0


def test_the_owner_uses_it(server, a):
    ans = a.push(a.settlement(member="M1", amount=120, net=0, lines=latte(), coupons=[child("BND-2-a")]))
    assert reasons(ans) == [] and uses(server, "BND-2-a") == 1


def test_a_child_of_a_bearer_pack_is_anyones(server, a):
    ans = a.push(a.settlement(member=None, amount=120, net=0, lines=latte(),
                              coupons=[coupon("BND-3-a", "T-BEARER-LATTE", discount=120, parent_code="BND-3")]))
    assert reasons(ans) == [] and uses(server, "BND-3-a") == 1
