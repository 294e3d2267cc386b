"""The basket: whatever is scanned (member card, coupon, product), typed amounts, quantities,
and a manager-approved price override. Prices and amounts are integer cents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from terminal.domain.reasons import DomainError, Reason
from terminal.storage.db import transaction
from terminal.usecases.lookup import canonical_code
from terminal.usecases.member_search import phone_instead
from terminal.usecases.counter._core import CounterCore, _Coupon, _Line
from terminal.usecases.counter._state import action
from terminal.usecases.counter._views import CounterView, Notice, refusal

MAX_AMOUNT = 10_000_000
MAX_QUANTITY = 999


class BasketMixin(CounterCore):
    @action("scan")
    def scan(self, code: str, at: datetime | None = None) -> CounterView:
        """Anything scanned or typed into the scan field: member card, coupon or product."""
        code = (code or "").strip()
        try:
            code = canonical_code(self.service, code)  # a scanner on a German/French layout: the code it meant
            result = self.service.scan(code, at=at, member_id=self.member.id if self.member else None)
        except DomainError as err:  # a phone number typed here: the window offers the phone search (issue 17)
            taken = self._scan_refused(code, err, at)  # a gift card: a payment (counter/_tenders.py)
            if taken is not None:
                return taken
            self.notice = refusal("error", phone_instead(code, err), subject=code, ctx=self.service)
            return self.view()
        if result.kind == "member":
            self.member_code = code
            self.member = result.member
            # coupons scanned before the member: their member checks change
            self.notice = Notice("ok", "member", f"Member {result.member.masked_name} ({result.member.tier_name}).",
                                 subject=result.member.masked_name)
        elif result.kind == "product":
            p = result.product
            self._add_product(p["sku"], p["name"], p["price"])
            self.notice = Notice("ok", "product", f"{p['name']} {p['price']}", subject=p["name"], details={"price": p["price"]})
        else:
            cv = result.coupon
            existing = next((c for c in self.coupons if c.view is not None and c.view.code == cv.code), None)
            if existing is not None and cv.kind == "stored_voucher":
                existing.uses += 1
            else:
                self.coupons.append(_Coupon(code, 1, cv))
        self._recompute(at)
        if result.kind == "coupon":
            self.notice = self._coupon_notice(len(self.coupons) - 1 if existing is None or cv.kind != "stored_voucher"
                                              else self.coupons.index(existing))
        return self.view()

    def _coupon_notice(self, index: int) -> Notice:
        """The verdict of coupon line `index`; details `uses` (this sale) and `uses_left` (after it, multi-use)."""
        cl = self.view().coupons[index]
        uses = {"uses": cl.uses, "uses_left": cl.uses_left}
        if cl.ok is False:
            return Notice("error", "coupon", cl.message, cl.reason, subject=cl.name, details={**uses, **cl.details})
        if cl.ok is None:
            return Notice("info", "coupon", cl.message, subject=cl.name, details=uses)
        return Notice("ok", "coupon", cl.message, subject=cl.name, details={"discount": cl.discount, **uses})

    def _add_product(self, sku: str, name: str, price: int) -> None:
        for ln in self.lines:
            if ln.sku == sku and not ln.overridden and ln.quantity < MAX_QUANTITY:
                ln.quantity += 1
                return
        self.lines.append(_Line(sku, name, price))

    @action("add_amount")
    def add_amount(self, amount: int, name: str = "Amount", at: datetime | None = None) -> CounterView:
        """A typed amount (1..MAX_AMOUNT cents) as its own line; outside that, an invalid_basket notice."""
        if not (0 < amount <= MAX_AMOUNT):
            self.notice = Notice("error", "amount", f"Amount must be 1..{MAX_AMOUNT}.", Reason.INVALID_BASKET.value)
            return self.view()
        self.lines.append(_Line(None, name or "Amount", int(amount)))
        self.notice = Notice("ok", "amount", f"{name} {amount}", subject=name, details={"amount": amount})
        self._recompute(at)
        return self.view()

    @action("set_quantity")
    def set_quantity(self, index: int, quantity: int, at: datetime | None = None) -> CounterView:
        """Line `index` (0-based) to `quantity` (capped at MAX_QUANTITY; 0 or less removes it)."""
        if 0 <= index < len(self.lines):
            if quantity <= 0:
                del self.lines[index]
            else:
                self.lines[index].quantity = min(int(quantity), MAX_QUANTITY)
            self.notice = None
            self._recompute(at)
        return self.view()

    @action("remove_line")
    def remove_line(self, index: int, at: datetime | None = None) -> CounterView:
        return self.set_quantity(index, 0, at)

    @action("override_price")
    def override_price(self, index: int, price: int, *, manager_id: str, pin: str, reason: str,
                       at: datetime | None = None) -> CounterView:
        """Manager-approved price change of one line, logged in the audit log with its reason."""
        if not (0 <= index < len(self.lines)):
            return self.view()
        reason = (reason or "").strip()
        if not reason:
            self.notice = Notice("error", "override", "An override needs a reason.", Reason.INVALID_BASKET.value)
            return self.view()
        if not (0 <= price <= MAX_AMOUNT):
            self.notice = Notice("error", "override", f"Price must be 0..{MAX_AMOUNT}.", Reason.INVALID_BASKET.value)
            return self.view()
        try:
            manager = self._approve(manager_id, pin)
        except DomainError as err:
            self.notice = refusal("override", err, ctx=self.service)
            return self.view()
        line = self.lines[index]
        self.log_override(manager["id"], "price_override", reason,
                          {"checkout_id": self.checkout_id, "line": index + 1, "sku": line.sku, "name": line.name,
                           "from": line.unit_price, "to": price, "cashier_id": (self.cashier or {}).get("id")}, at)
        line.unit_price, line.overridden = int(price), True
        self.notice = Notice("ok", "override", f"Price of {line.name} set to {price} by {manager['name']}: {reason}",
                             subject=line.name, details={"price": int(price), "manager": manager["name"], "reason": reason})
        self._recompute(at)
        return self.view()

    def log_override(self, actor_id: str, action: str, reason: str, details: dict[str, Any], at: datetime | None = None) -> None:
        svc = self.service
        with transaction(svc.replica.db):
            svc.replica.audit(at=svc.now(at), actor_id=actor_id, action=action, reason=reason, details=details)
