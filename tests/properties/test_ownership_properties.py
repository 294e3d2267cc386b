"""Issue 15, section 4, as a property: over random packs (bundles inside bundles, member-bound or
bearer vouchers, members or none on the children) and random presenters, a voucher inside a
member-bound pack is usable only by the pack's owner, and the counter's checkout and the server's
re-judgement (`sync.server.rules`) agree on every one, with the same ownership function."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.server.rules import RuleFacts, recheck_settlement
from terminal.domain.checkout import preview_checkout
from terminal.domain.models import (
    Basket, BasketLine, CheckoutContext, CouponClaim, CouponInstance, CouponKind, CouponTemplate, Member, Store,
)
from terminal.domain.ownership import resolve_ownership

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
STORE = Store("A-001", "A", "A Xinyi")
MEMBERS = {m: Member(m, f"Member {m}", "normal") for m in ("M1", "M2", "M3")}
TEMPLATES = {
    "T-PACK": CouponTemplate("T-PACK", "Birthday pack", CouponKind.BUNDLE, member_bound=True),
    "T-PACK-BEARER": CouponTemplate("T-PACK-BEARER", "Bearer pack", CouponKind.BUNDLE, member_bound=False),
    "T-LATTE": CouponTemplate("T-LATTE", "Free latte", CouponKind.PRODUCT_VOUCHER, products=frozenset({"LATTE"})),
    "T-LATTE-BEARER": CouponTemplate("T-LATTE-BEARER", "Latte (bearer)", CouponKind.PRODUCT_VOUCHER,
                                     products=frozenset({"LATTE"}), member_bound=False),
}
BASKET = Basket((BasketLine(1, "Latte", 120, 1, "LATTE", "coffee"),))


@st.composite
def packs(draw) -> dict[str, CouponInstance]:
    """A root pack (its owner, or a bearer pack) and up to 3 levels of children; a child names a
    member of its own only as the catalog allows (the pack's owner, or anyone under a bearer pack)."""
    owner = draw(st.sampled_from([None, "M1", "M2", "M3"]))
    coupons = {"P": CouponInstance("P", "T-PACK" if owner else "T-PACK-BEARER", owner, 1)}
    frontier = ["P"]
    for depth in range(3):
        nxt = []
        for parent in frontier:
            for k in range(draw(st.integers(0 if depth else 1, 2))):
                code = f"{parent}.{k}"
                bundle = depth < 2 and draw(st.booleans())
                if bundle:
                    tpl = draw(st.sampled_from(["T-PACK", "T-PACK-BEARER"]))
                else:
                    tpl = draw(st.sampled_from(["T-LATTE", "T-LATTE-BEARER"]))
                member = draw(st.sampled_from([None, owner] if owner else [None, "M1", "M2", "M3"]))
                coupons[code] = CouponInstance(code, tpl, member, 1, parent_code=parent)
                if bundle:
                    nxt.append(code)
        frontier = nxt
    return coupons


def expected_owner(coupons: dict[str, CouponInstance], code: str) -> str | None:
    """The oracle: the root pack's owner for everything inside an owned pack; under a bearer pack the
    nearest voucher or pack (itself first) that is member-bound and names a member."""
    root = coupons["P"]
    if root.member_id is not None:
        return root.member_id
    node = coupons[code]
    while True:
        if TEMPLATES[node.template_id].member_bound and node.member_id is not None:
            return node.member_id
        if node.parent_code is None:
            return None
        node = coupons[node.parent_code]


def counter_accepts(coupons, code, presenter) -> bool:
    inst = coupons[code]
    tpl = TEMPLATES[inst.template_id]
    lookup = lambda c: (coupons[c], TEMPLATES[coupons[c].template_id]) if c in coupons else None  # noqa: E731
    children = tuple((c, TEMPLATES[c.template_id]) for c in coupons.values() if c.parent_code == code)
    claim = CouponClaim(code, inst, tpl, 1, children, owner=resolve_ownership(inst, tpl, lookup))
    ctx = CheckoutContext(STORE, AT, member=MEMBERS.get(presenter))
    return preview_checkout(ctx, BASKET, [claim]).coupon_discount > 0


def server_books(coupons, code, presenter) -> bool:
    lookup = lambda c: (coupons[c], TEMPLATES[coupons[c].template_id]) if c in coupons else None  # noqa: E731
    rf = RuleFacts(store=STORE, member=MEMBERS.get(presenter), templates=TEMPLATES, coupons=dict(coupons),
                   owners={c: resolve_ownership(i, TEMPLATES[i.template_id], lookup) for c, i in coupons.items()})
    p = {"checkout_id": "x", "member_id": presenter, "payment_method": "cash", "burns": [], "earns": [],
         "lines": [{"line_id": 1, "sku": "LATTE", "name": "Latte", "unit_price": 120, "quantity": 1, "net": 0}],
         "coupons": [{"code": code, "template_id": "forged", "uses": 1, "discount": 120, "in_replica": True,
                      "parent_code": None}]}  # the claim's own template and parent are never believed
    out = recheck_settlement(p, rf, at=AT, earn_at=AT, based_seq=0, ctx={"store_id": "A-001", "terminal_id": "T",
                                                                         "checkout_id": "x", "event_id": "e", "at": AT.isoformat()})
    return bool(out.coupons)


@settings(max_examples=80, deadline=None)
@given(packs(), st.sampled_from([None, "M1", "M2", "M3"]), st.data())
def test_a_pack_voucher_is_its_owners_at_the_counter_and_on_the_server(coupons, presenter, data):
    vouchers = [c for c, i in coupons.items() if TEMPLATES[i.template_id].kind is not CouponKind.BUNDLE]
    if not vouchers:
        return
    code = data.draw(st.sampled_from(vouchers))
    owner = expected_owner(coupons, code)
    allowed = owner is None or owner == presenter
    assert counter_accepts(coupons, code, presenter) is allowed
    assert server_books(coupons, code, presenter) is allowed
    if coupons["P"].member_id is not None:  # the rule, said plainly: inside an owned pack only its owner
        assert allowed is (presenter == coupons["P"].member_id)


@settings(max_examples=40, deadline=None)
@given(packs(), st.sampled_from([None, "M1", "M2", "M3"]))
def test_a_pack_is_opened_only_by_its_owner(coupons, presenter):
    """The pack frees an item when one of its vouchers is the presenter's to use: all or none of an owned pack."""
    # (a pack inside a pack is applied by the counter as one more voucher: terminal/domain/checkout._apply_bundle)
    kids = [c for c, i in coupons.items() if i.parent_code == "P"]
    usable = [c for c in kids if expected_owner(coupons, c) in (None, presenter)]
    assert counter_accepts(coupons, "P", presenter) is bool(usable)
    if coupons["P"].member_id is not None and kids:
        assert bool(usable) is (presenter == coupons["P"].member_id)


def test_an_orphan_voucher_is_nobodys():
    """A child whose pack is not known: refused on both sides (an unknown owner is never "anyone")."""
    coupons = {"P.0": CouponInstance("P.0", "T-LATTE-BEARER", None, 1, parent_code="P")}
    for presenter in (None, "M1"):
        assert not counter_accepts(coupons, "P.0", presenter)
        assert not server_books(coupons, "P.0", presenter)
