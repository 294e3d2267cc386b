"""The counter's data and what every action shares: the checkout in progress, its state,
the request it makes, the preview, and the frozen `CounterView` snapshot.

`CounterCore` holds no action; each use case adds its own in a mixin module next to this
one (`_session`, `_basket`, `_coupons`, `_points`, `_settle`, `_void`), and `Counter`
(`__init__.py`) puts them together. Amounts are integer cents (the store's minor unit).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from terminal.domain.checkout import CheckoutPreview, CouponVerdict
from terminal.domain.reasons import DomainError
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.counter._state import State
from terminal.usecases.counter._views import CounterView, CouponLineView, LineView, Notice, refusal
from terminal.usecases.lookup import CouponView, MemberView
from terminal.usecases.refusal_details import explain
from terminal.usecases.service import RedemptionService


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


class CounterCore:
    """One counter's checkout. Not thread-safe by design: one worker thread owns it."""

    def __init__(self, service: RedemptionService, *, new_id: Callable[[], str] | None = None) -> None:
        self.service = service
        self._new_id = new_id or (lambda: str(uuid.uuid4()))
        self.cashier: dict[str, Any] | None = None
        self._seq = 0
        self._last_receipt: dict[str, Any] | None = None
        self._clear()
        self.notice: Notice | None = None

    def _clear(self) -> None:
        """Start a new, empty checkout under a fresh id (the cashier and last receipt stay)."""
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
    def state(self) -> State:
        if self.cashier is None:
            return State.LOCKED
        if self.receipt is not None:
            return State.SETTLED
        if self.member or self.lines or self.coupons:
            return State.BUILDING
        return State.READY

    @property
    def last_receipt(self) -> dict[str, Any] | None:
        return self._last_receipt

    def request(self, *, expected_total: int | None = None, only_accepted: bool = False) -> CheckoutRequest:
        """The checkout as the service takes it; `only_accepted`: without what the preview refused."""
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
                    v.reason.value if v.reason else None, v.message, v.kind, c.view.remaining_uses if c.view else None,
                    c.view.total_uses if c.view else None,
                    details={} if v.ok else explain(self.service, v.reason.value if v.reason else None, v.details, code=v.code)))
            elif c.view is not None:
                coupon_views.append(CouponLineView(
                    i, c.scanned, c.view.name, c.uses, None if c.view.usable else False, 0, c.view.reason, c.view.message,
                    c.view.kind, c.view.remaining_uses, c.view.total_uses,
                    details={} if c.view.usable else explain(self.service, c.view.reason, c.view.details, code=c.view.code)))
            else:
                coupon_views.append(CouponLineView(i, c.scanned, c.scanned, c.uses, None, 0, None, ""))
        nets = self.preview.line_net if self.preview else {}
        lines = tuple(
            LineView(i, ln.sku, ln.name, ln.unit_price, ln.quantity, ln.unit_price * ln.quantity, nets.get(i + 1), ln.overridden)
            for i, ln in enumerate(self.lines)
        )
        try:
            status = self.service.status(member_id=self.member.id if self.member else None)
        except Exception as exc:  # status must never break the counter
            status = {"online": False, "error": str(exc)}
        can_settle = (self.cashier is not None and self.receipt is None and bool(self.lines) and self.preview is not None)
        return CounterView(
            self.state, self.cashier, self.checkout_id, self.member, lines, tuple(coupon_views), dict(self.points),
            self.point_type_names(), self.preview, self.preview_error, self.notice,
            self.receipt or None, can_settle, status, self._seq, self._last_receipt,
        )

    def point_type_names(self) -> dict[str, str]:
        return {pt_id: pt.name for pt_id, pt in self.service.replica.catalog()["point_types"].items()}

    def refresh(self) -> CounterView:
        return self.view()

    def _recompute(self, at: datetime | None = None) -> None:
        """Preview the checkout again (nothing to preview without lines); a refusal goes to `preview_error`."""
        self.preview, self.preview_error = None, None
        if not self.lines:
            return
        try:
            self.preview = self.service.preview(self.request(), at=at)
        except DomainError as err:
            self.preview_error = refusal("preview", err, ctx=self.service)

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

    def _scan_refused(self, code: str, err: DomainError, at: datetime | None) -> CounterView | None:
        """A scan the service refused: another capability may take the code (a gift card pays:
        _tenders.py); None keeps the refusal."""
        return None

    def _approve(self, manager_id: str, pin: str) -> dict[str, Any]:
        return self.service.verify_staff(manager_id.strip(), pin, role="manager")
