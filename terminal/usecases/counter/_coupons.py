"""Coupons and the member on the checkout: a held coupon clicked in the member panel, uses of a
stored voucher, removing a coupon or the member. (Scanning either is `_basket.scan`.)"""

from __future__ import annotations

from datetime import datetime

from terminal.domain import codes
from terminal.domain.reasons import DomainError, Reason
from terminal.usecases.counter._basket import BasketMixin
from terminal.usecases.counter._state import action
from terminal.usecases.counter._views import CounterView, Notice
from terminal.usecases.lookup import coupon_ownership


class CouponsMixin(BasketMixin):
    @action("add_held_coupon")
    def add_held_coupon(self, instance_code: str, at: datetime | None = None) -> CounterView:
        """A coupon/voucher the member holds, clicked in the member panel."""
        inst = self.service.replica.coupon(instance_code)
        tpl = self.service.replica.catalog()["templates"].get(inst.template_id) if inst is not None else None
        # held = owned by this member, by the one ownership rule (a pack's voucher is its owner's)
        if tpl is None or self.member is None or coupon_ownership(self.service, inst, tpl).owner != self.member.id:
            self.notice = Notice("error", "error", f"{instance_code} is not held by this member.", Reason.WRONG_MEMBER.value)
            return self.view()
        # redeemed by its code id (a reference): this terminal holds no coupon's printed number
        # (terminal/storage/keyed.py), and the member's card is on the counter
        try:
            by_reference = isinstance(self.service.parse(inst.code), codes.RefCode)
        except DomainError:
            by_reference = False
        if not by_reference:
            self.notice = Notice("error", "error", f"{instance_code} cannot be redeemed by its reference; scan the coupon itself.",
                                 Reason.MALFORMED.value, subject=instance_code)
            return self.view()
        return self.scan(inst.code, at)

    @action("remove_coupon")
    def remove_coupon(self, index: int, at: datetime | None = None) -> CounterView:
        if 0 <= index < len(self.coupons):
            del self.coupons[index]
            self.notice = None
            self._recompute(at)
        return self.view()

    @action("set_coupon_uses")
    def set_coupon_uses(self, index: int, uses: int, at: datetime | None = None) -> CounterView:
        """Uses of coupon `index` (a stored voucher's coffees...), at least 1; the notice is its verdict."""
        if 0 <= index < len(self.coupons):
            self.coupons[index].uses = max(1, int(uses))
            self._recompute(at)
            self.notice = self._coupon_notice(index)
        return self.view()

    @action("step_back_coupon")
    def step_back_coupon(self, index: int, at: datetime | None = None) -> CounterView:
        """One use less of coupon `index` (a stored voucher read twice: x2 back to x1); a line at one use
        is removed. The notice is the line's verdict (with its uses and the uses left), or None."""
        if not 0 <= index < len(self.coupons):
            return self.view()
        if self.coupons[index].uses > 1:
            return self.set_coupon_uses(index, self.coupons[index].uses - 1, at)
        return self.remove_coupon(index, at)

    @action("remove_member")
    def remove_member(self, at: datetime | None = None) -> CounterView:
        """Take the member off the checkout, with the points they were using."""
        self.member, self.member_code, self.points = None, None, {}
        self._recompute(at)
        return self.view()
