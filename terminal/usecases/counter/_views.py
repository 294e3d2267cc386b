"""What the counter hands the UI: frozen snapshots, safe to read on any thread.

    Notice          the answer to the last action (level ok | error | info, event, reason code)
    LineView        one basket line: unit price, quantity, gross and net (after discounts), in cents
    CouponLineView  one scanned coupon with the preview's verdict (ok None: not evaluated yet)
    TenderView      one stored value / gift card payment: account (masked), amount, balance after
    CounterView     the whole counter: state, cashier, member, lines, coupons, points, preview,
                    notice, receipt, last receipt, `seq` (increases with every view)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from terminal.domain.checkout import CheckoutPreview
from terminal.domain.reasons import DomainError
from terminal.usecases.lookup import MemberView

if TYPE_CHECKING:
    from terminal.usecases.counter._state import State


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
    remaining_uses: int | None = None  # uses left on the coupon before this sale
    total_uses: int | None = None
    details: dict[str, Any] = field(default_factory=dict)  # the refusal's figures (usecases/refusal_details.py)

    @property
    def uses_left(self) -> int | None:
        """Uses left once this sale takes its `uses` (multi-use coupons only: None for a single use)."""
        if self.remaining_uses is None or not self.total_uses or self.total_uses <= 1:
            return None
        return max(0, self.remaining_uses - self.uses)


@dataclass(frozen=True)
class TenderView:
    """One payment with stored value or a gift card (counter/_tenders.py); amounts in minor units."""

    index: int
    kind: str  # "wallet" | "gift_card"
    program: str  # the program's name (catalog language)
    account: str  # masked: its last 4 characters
    requested: int  # what the cashier asked it to pay
    amount: int  # what it pays in this sale (less than asked when the total dropped; 0: left out)
    balance_after: int


@dataclass(frozen=True)
class CounterView:
    state: State  # a StrEnum: compares equal to "locked" | "ready" | "building" | "settled"
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
    last_receipt: dict[str, Any] | None = None  # this counter's last settlement (what "void last" voids)
    # paying (counter/_tenders.py): the method for the rest, those offered, stored value / gift card
    # payments, what is left for the method, and why the payments cannot be planned (None: they can)
    payment_method: str = "cash"
    payment_methods: tuple[str, ...] = ()
    tenders: tuple[TenderView, ...] = ()
    remaining_due: int = 0
    tender_error: Notice | None = None


def refusal(event: str, err: DomainError, subject: str | None = None, ctx: Any = None) -> Notice:
    """The notice for a domain refusal: its reason code, English message and details (with `ctx`, a
    ServiceContext: plus what the replica adds to word it, `terminal.usecases.refusal_details.explain`)."""
    details = dict(err.details)
    if ctx is not None:
        from terminal.usecases.refusal_details import explain

        details = explain(ctx, err.reason.value, details)
    return Notice("error", event, err.message, err.reason.value, subject, details)
