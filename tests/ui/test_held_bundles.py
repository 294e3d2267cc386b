"""Held coupons that are bundles (issue 17 §2): shown as usable only while one of their vouchers is,
with the vouchers' uses left; the member panel and the checkout agree."""

from __future__ import annotations

import pytest

from tests.ui.helpers import demo_counter

M000001 = "2900000000018"
BUNDLE = "BD-DEMO-BREAKFAST"  # 美式 + 可頌, both children held by M000001


def _held(view, code):
    return next(c for c in view.member.coupons if c.code == code)


def _redeem_bundle(c, sku):
    c.scan(M000001)
    c.scan(sku)
    v = c.add_held_coupon(BUNDLE)
    assert v.coupons[-1].ok is True, v.coupons[-1]
    v = c.settle()
    assert v.receipt is not None
    c.new_checkout()


def test_a_bundle_is_usable_only_while_one_of_its_vouchers_is(make_service):
    c = demo_counter(make_service)
    c.login("CAFE-XINYI-C1", "1234")
    b = _held(c.scan(M000001), BUNDLE)
    assert b.usable and (b.remaining_uses, b.total_uses) == (2, 2)
    c.new_checkout()
    _redeem_bundle(c, "CF-AMERICANO")
    b = _held(c.scan(M000001), BUNDLE)
    assert b.usable and (b.remaining_uses, b.total_uses) == (1, 2)  # the croissant is still there
    c.new_checkout()
    _redeem_bundle(c, "BR-CROISSANT")
    v = c.scan(M000001)
    b = _held(v, BUNDLE)
    assert not b.usable and b.reason == "used_up" and (b.remaining_uses, b.total_uses) == (0, 2)
    assert "used" in b.message
    # the checkout agrees: the bundle frees nothing any more
    c.scan("CF-AMERICANO")
    v = c.add_held_coupon(BUNDLE)
    assert v.coupons[-1].ok is False


def test_member_panel_marks_a_spent_bundle_refused(qtbot, make_service):
    pytest.importorskip("pytestqt")
    from terminal.ui.member_panel import MemberPanel

    c = demo_counter(make_service)
    c.login("CAFE-XINYI-C1", "1234")
    c.new_checkout()
    _redeem_bundle(c, "CF-AMERICANO")
    _redeem_bundle(c, "BR-CROISSANT")
    v = c.scan(M000001)
    panel = MemberPanel()
    qtbot.addWidget(panel)
    panel.retranslate()
    panel.render(v)
    texts = [panel.coupons.item(i).text() for i in range(panel.coupons.count())]
    line = next(t for t in texts if t.startswith(("✓", "✗")) and "早餐組合券" in t)
    assert line.startswith("✗") and "(0/2)" in line
