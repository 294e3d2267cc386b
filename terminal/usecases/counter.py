"""The checkout in progress, as a UI-neutral state machine (no Qt; pure Python + the service).

Like Electrum's wizard: the Qt layer drives a `Counter` and renders its `CounterView`
snapshots; tests drive the same object without any UI. Every method that touches the
service (and therefore SQLite) must be called from ONE thread - the UI's database worker.
The UI thread only ever sees the frozen `CounterView` returned by each call.

States::

    LOCKED --login--> READY (empty checkout) --scan/amount--> BUILDING --settle--> SETTLED
       ^                  ^                                                          |
       +-----logout-------+-------------------new checkout / next scan---------------+

Refusals never raise out of the counter: each action returns a view whose `notice`
carries the reason code (for a translated message) and the domain's English message
(kept as detail). Only programming errors raise.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from terminal.storage import lockout
from terminal.domain import codes
from terminal.domain.checkout import CheckoutPreview, CouponVerdict
from terminal.domain.clock import local
from terminal.domain.reasons import DomainError, Reason
from terminal.usecases.checkout import AllowanceOverride, CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.lookup import CouponView, MemberView
from terminal.usecases.service import RedemptionService
from terminal.storage.db import transaction

MAX_AMOUNT = 10_000_000
MAX_QUANTITY = 999


@dataclass(frozen=True)
class Notice:
    """The answer to the last action, shown big: green ok / red refusal / neutral info."""

    level: str  # "ok" | "error" | "info"
    event: str  # what happened: member | coupon | product | amount | settled | voided | override | login | error ...
    message: str  # English detail (domain message)
    reason: str | None = None  # Reason value for the translated headline
    subject: str | None = None  # name of the member/coupon/product concerned
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LineView:
    index: int
    sku: str | None
    name: str
    unit_price: int
    quantity: int
    gross: int
    net: int | None
    overridden: bool = False


@dataclass(frozen=True)
class CouponLineView:
    index: int
    scanned: str
    name: str
    uses: int
    ok: bool | None  # None = not evaluated yet (empty basket)
    discount: int
    reason: str | None
    message: str
    kind: str | None = None
    remaining_uses: int | None = None


@dataclass(frozen=True)
class CounterView:
    state: str  # locked | ready | building | settled
    cashier: dict[str, Any] | None
    checkout_id: str
    member: MemberView | None
    lines: tuple[LineView, ...]
    coupons: tuple[CouponLineView, ...]
    points: dict[str, int]
    point_type_names: dict[str, str]
    preview: CheckoutPreview | None
    preview_error: Notice | None
    notice: Notice | None
    receipt: dict[str, Any] | None
    can_settle: bool
    status: dict[str, Any]
    seq: int = 0  # increases with every view; lets the UI drop stale ones


@dataclass
class _Line:
    sku: str | None
    name: str
    unit_price: int
    quantity: int = 1
    overridden: bool = False

    def request(self) -> LineRequest:
        if self.sku is not None and not self.overridden:
            return LineRequest(sku=self.sku, quantity=self.quantity)
        return LineRequest(amount=self.unit_price, quantity=self.quantity, name=self.name)


@dataclass
class _Coupon:
    scanned: str
    uses: int
    view: CouponView | None


class Counter:
    """One counter's checkout. Not thread-safe by design: one worker thread owns it."""

    def __init__(self, service: RedemptionService, *, new_id: Callable[[], str] | None = None) -> None:
        self.service = service
        self._new_id = new_id or (lambda: str(uuid.uuid4()))
        self.cashier: dict[str, Any] | None = None
        self._seq = 0
        self._last_receipt: dict[str, Any] | None = None
        self._clear()
        self.notice: Notice | None = None

    # ---- state ----------------------------------------------------------------------
    def _clear(self) -> None:
        self.checkout_id = self._new_id()
        self.member_code: str | None = None
        self.member: MemberView | None = None
        self.lines: list[_Line] = []
        self.coupons: list[_Coupon] = []
        self.points: dict[str, int] = {}
        self.preview: CheckoutPreview | None = None
        self.preview_error: Notice | None = None
        self.receipt: dict[str, Any] | None = None

    @property
    def state(self) -> str:
        if self.cashier is None:
            return "locked"
        if self.receipt is not None:
            return "settled"
        if self.member or self.lines or self.coupons:
            return "building"
        return "ready"

    def request(self, *, expected_total: int | None = None, only_accepted: bool = False) -> CheckoutRequest:
        coupons = [CouponRequest(c.scanned, c.uses) for c in self.coupons]
        points = {pt: n for pt, n in self.points.items() if n > 0}
        if only_accepted and self.preview is not None:
            coupons = [cr for cr, v in zip(coupons, self.preview.coupon_verdicts) if v.ok]
            refused = {pv.point_type for pv in self.preview.points_verdicts if not pv.ok and pv.purpose == "discount"}
            points = {pt: n for pt, n in points.items() if pt not in refused}
        return CheckoutRequest(
            checkout_id=self.checkout_id, lines=tuple(ln.request() for ln in self.lines), member_code=self.member_code,
            coupons=tuple(coupons), points=points, expected_total=expected_total,
        )

    def view(self) -> CounterView:
        self._seq += 1
        verdicts: tuple[CouponVerdict, ...] = self.preview.coupon_verdicts if self.preview else ()
        coupon_views = []
        for i, c in enumerate(self.coupons):
            v = verdicts[i] if i < len(verdicts) else None
            if v is not None:
                coupon_views.append(CouponLineView(
                    i, c.scanned, v.template_name or (c.view.name if c.view else c.scanned), c.uses, v.ok, v.discount,
                    v.reason.value if v.reason else None, v.message, v.kind, c.view.remaining_uses if c.view else None))
            elif c.view is not None:
                coupon_views.append(CouponLineView(
                    i, c.scanned, c.view.name, c.uses, None if c.view.usable else False, 0, c.view.reason, c.view.message,
                    c.view.kind, c.view.remaining_uses))
            else:
                coupon_views.append(CouponLineView(i, c.scanned, c.scanned, c.uses, None, 0, None, ""))
        nets = self.preview.line_net if self.preview else {}
        lines = tuple(
            LineView(i, ln.sku, ln.name, ln.unit_price, ln.quantity, ln.unit_price * ln.quantity, nets.get(i + 1), ln.overridden)
            for i, ln in enumerate(self.lines)
        )
        try:
            status = self.service.status()
        except Exception as exc:  # status must never break the counter
            status = {"online": False, "error": str(exc)}
        can_settle = (self.cashier is not None and self.receipt is None and bool(self.lines) and self.preview is not None)
        return CounterView(
            self.state, self.cashier, self.checkout_id, self.member, lines, tuple(coupon_views), dict(self.points),
            self.point_type_names(), self.preview, self.preview_error, self.notice,
            self.receipt or None, can_settle, status, self._seq,
        )

    def point_type_names(self) -> dict[str, str]:
        return {pt_id: pt.name for pt_id, pt in self.service.replica.catalog()["point_types"].items()}

    def refresh(self) -> CounterView:
        return self.view()

    # ---- staff ----------------------------------------------------------------------
    def login(self, staff_id: str, pin: str) -> CounterView:
        try:
            staff = self.service.verify_staff(staff_id.strip(), pin)
        except DomainError as err:
            self.notice = _refusal("login", err)
            if err.reason is Reason.STAFF_LOCKED:  # until when, store time: the sign-in dialog says it
                lock = lockout.current_lock(self.service.replica.conn, staff_id.strip(), self.service.now())
                if lock is not None:
                    self.notice.details.update(failures=lock.failures,
                                               locked_until=local(lock.until, self.service.store.timezone).isoformat())
            return self.view()
        self.cashier = {"id": staff["id"], "name": staff["name"], "role": staff["role"]}
        self.notice = Notice("ok", "login", f"{staff['name']} signed in.", subject=staff["name"])
        return self.view()

    def logout(self) -> CounterView:
        self.cashier = None
        self._clear()
        self.notice = Notice("info", "logout", "Signed out.")
        return self.view()

    def _approve(self, manager_id: str, pin: str) -> dict[str, Any]:
        return self.service.verify_staff(manager_id.strip(), pin, role="manager")

    # ---- building the checkout ------------------------------------------------------
    def _start_if_settled(self) -> None:
        if self.receipt is not None:
            self._clear()

    def _require_cashier(self) -> Notice | None:
        if self.cashier is None:
            return Notice("error", "error", "Sign in first.", Reason.NOT_AUTHORIZED.value)
        return None

    def scan(self, code: str, at: datetime | None = None) -> CounterView:
        """Anything scanned or typed into the scan field: member card, coupon or product."""
        if (n := self._require_cashier()) is not None:
            self.notice = n
            return self.view()
        self._start_if_settled()
        code = (code or "").strip()
        try:
            result = self.service.scan(code, at=at, member_id=self.member.id if self.member else None)
        except DomainError as err:
            self.notice = _refusal("error", err, subject=code)
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
            self.notice = Notice("ok", "product", f"{p['name']} {p['price']}", subject=p["name"])
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
        cl = self.view().coupons[index]
        if cl.ok is False:
            return Notice("error", "coupon", cl.message, cl.reason, subject=cl.name)
        if cl.ok is None:
            return Notice("info", "coupon", cl.message, subject=cl.name)
        return Notice("ok", "coupon", cl.message, subject=cl.name, details={"discount": cl.discount})

    def add_held_coupon(self, instance_code: str, at: datetime | None = None) -> CounterView:
        """A coupon/voucher the member holds, clicked in the member panel."""
        inst = self.service.replica.coupon(instance_code)
        if inst is None or self.member is None or inst.member_id != self.member.id:
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

    def _add_product(self, sku: str, name: str, price: int) -> None:
        for ln in self.lines:
            if ln.sku == sku and not ln.overridden and ln.quantity < MAX_QUANTITY:
                ln.quantity += 1
                return
        self.lines.append(_Line(sku, name, price))

    def add_amount(self, amount: int, name: str = "Amount", at: datetime | None = None) -> CounterView:
        if (n := self._require_cashier()) is not None:
            self.notice = n
            return self.view()
        self._start_if_settled()
        if not (0 < amount <= MAX_AMOUNT):
            self.notice = Notice("error", "amount", f"Amount must be 1..{MAX_AMOUNT}.", Reason.INVALID_BASKET.value)
            return self.view()
        self.lines.append(_Line(None, name or "Amount", int(amount)))
        self.notice = Notice("ok", "amount", f"{name} {amount}", subject=name)
        self._recompute(at)
        return self.view()

    def set_quantity(self, index: int, quantity: int, at: datetime | None = None) -> CounterView:
        if 0 <= index < len(self.lines) and self.receipt is None:
            if quantity <= 0:
                del self.lines[index]
            else:
                self.lines[index].quantity = min(int(quantity), MAX_QUANTITY)
            self.notice = None
            self._recompute(at)
        return self.view()

    def remove_line(self, index: int, at: datetime | None = None) -> CounterView:
        return self.set_quantity(index, 0, at)

    def remove_coupon(self, index: int, at: datetime | None = None) -> CounterView:
        if 0 <= index < len(self.coupons) and self.receipt is None:
            del self.coupons[index]
            self.notice = None
            self._recompute(at)
        return self.view()

    def set_coupon_uses(self, index: int, uses: int, at: datetime | None = None) -> CounterView:
        if 0 <= index < len(self.coupons) and self.receipt is None:
            self.coupons[index].uses = max(1, int(uses))
            self._recompute(at)
            self.notice = self._coupon_notice(index)
        return self.view()

    def remove_member(self, at: datetime | None = None) -> CounterView:
        if self.receipt is None:
            self.member, self.member_code, self.points = None, None, {}
            self._recompute(at)
        return self.view()

    def set_points(self, point_type: str, points: int, at: datetime | None = None) -> CounterView:
        if self.receipt is not None:
            return self.view()
        points = max(0, int(points))
        if points:
            self.points[point_type] = points
        else:
            self.points.pop(point_type, None)
        self._recompute(at)
        bad = [pv for pv in (self.preview.points_verdicts if self.preview else ()) if pv.point_type == point_type and not pv.ok]
        if bad:
            self.notice = Notice("error", "points", bad[0].message, bad[0].reason.value if bad[0].reason else None)
        elif points:
            name = self.point_type_names().get(point_type, point_type)
            self.notice = Notice("ok", "points", f"{points} {name}", subject=name)
        return self.view()

    def use_max_points(self, point_type: str, at: datetime | None = None) -> CounterView:
        """Use as many points as the bill allows ('max' button)."""
        if self.preview is None or self.receipt is not None:
            return self.view()
        self.points.pop(point_type, None)
        self._recompute(at)
        most = self.preview.max_points.get(point_type, 0) if self.preview else 0
        return self.set_points(point_type, most, at)

    def override_price(self, index: int, price: int, *, manager_id: str, pin: str, reason: str,
                       at: datetime | None = None) -> CounterView:
        """Manager-approved price change of one line, logged in the audit log with its reason."""
        if not (0 <= index < len(self.lines)) or self.receipt is not None:
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
            self.notice = _refusal("override", err)
            return self.view()
        line = self.lines[index]
        self.log_override(manager["id"], "price_override", reason,
                          {"checkout_id": self.checkout_id, "line": index + 1, "sku": line.sku, "name": line.name,
                           "from": line.unit_price, "to": price, "cashier_id": (self.cashier or {}).get("id")}, at)
        line.unit_price, line.overridden = int(price), True
        self.notice = Notice("ok", "override", f"Price of {line.name} set to {price} by {manager['name']}: {reason}",
                             subject=line.name)
        self._recompute(at)
        return self.view()

    def log_override(self, actor_id: str, action: str, reason: str, details: dict[str, Any], at: datetime | None = None) -> None:
        svc = self.service
        with transaction(svc.replica.db):
            svc.replica.audit(at=svc.now(at), actor_id=actor_id, action=action, reason=reason, details=details)

    # ---- preview / settle / void ----------------------------------------------------
    def _recompute(self, at: datetime | None = None) -> None:
        self.preview, self.preview_error = None, None
        if not self.lines:
            return
        try:
            self.preview = self.service.preview(self.request(), at=at)
        except DomainError as err:
            self.preview_error = _refusal("preview", err)

    def settle(self, at: datetime | None = None, *, override: dict[str, str] | None = None) -> CounterView:
        """Settle what the preview accepted; refused coupons/points are left out (they give nothing).

        Beyond the terminal's offline allowance the notice's reason is `offline_allowance_exceeded`
        (details `allowance_exceeded`); settle again with `override={"manager_id", "pin", "reason"}`
        (a manager's approval, audited and carried in the event).
        """
        if (n := self._require_cashier()) is not None:
            self.notice = n
            return self.view()
        if self.receipt is not None:
            self.notice = Notice("info", "settled", "Already settled.")
            return self.view()
        if not self.lines:
            self.notice = Notice("error", "settle", "The basket is empty.", Reason.INVALID_BASKET.value)
            return self.view()
        self._recompute(at)
        if self.preview is None:
            self.notice = self.preview_error or Notice("error", "settle", "Nothing to settle.", Reason.INVALID_BASKET.value)
            return self.view()
        req = self.request(expected_total=self.preview.total, only_accepted=True)
        try:
            approval = AllowanceOverride(override["manager_id"], override["pin"], override["reason"]) if override else None
            receipt = self.service.settle(req, cashier_id=self.cashier["id"], at=at, override=approval)
        except DomainError as err:
            self.notice = _refusal("settle", err)
            self._recompute(at)
            return self.view()
        left_out = [c.message for c in self.view().coupons if c.ok is False]
        self.receipt = {**receipt, "left_out": left_out}
        self._last_receipt = self.receipt
        self._reload_member(at)
        self.notice = Notice("ok", "settled", f"Settled {receipt['checkout_id']}: total {receipt['total']}.",
                             details={"total": receipt["total"]})
        return self.view()

    def _reload_member(self, at: datetime | None = None) -> None:
        """Re-read the member on screen (balances, held coupons) from the replica and ledger.

        Called after every write (settle, void): the `MemberView` taken when the card was
        scanned no longer holds after points were spent or earned or coupons used.
        """
        if self.member is None:
            return
        member = self.service.replica.member(self.member.id)
        if member is not None:
            self.member = self.service.member_view(member, at)

    def new_checkout(self) -> CounterView:
        self._clear()
        self.notice = None
        return self.view()

    @property
    def last_receipt(self) -> dict[str, Any] | None:
        return self._last_receipt

    def void(self, checkout_id: str | None, *, manager_id: str, pin: str, reason: str, at: datetime | None = None) -> CounterView:
        """Void a settlement (default: the last one of this counter) with manager approval."""
        target = checkout_id or (self._last_receipt or {}).get("checkout_id")
        if not target:
            self.notice = Notice("error", "void", "Nothing to void.", Reason.NOT_FOUND.value)
            return self.view()
        try:
            result = self.service.void(target, manager_id=manager_id.strip(), pin=pin, reason=reason, at=at)
        except DomainError as err:
            self.notice = _refusal("void", err)
            return self.view()
        if self.receipt is not None and self.receipt.get("checkout_id") == target:
            self.receipt = {**self.receipt, "voided_at": result["voided_at"], "void_reason": reason}
        self._reload_member(at)
        self.notice = Notice("ok", "voided", f"Checkout {target} voided: {reason}", details={"checkout_id": target, "reason": reason})
        return self.view()


def _refusal(event: str, err: DomainError, subject: str | None = None) -> Notice:
    return Notice("error", event, err.message, err.reason.value, subject, dict(err.details))

