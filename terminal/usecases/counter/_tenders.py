"""Paying (issue 17 §4.4): the payment method for the rest of the sale, and payments with stored
value (the member's wallet) or gift cards - split tender, as a POS tender screen does.

    set_payment_method(method)        one of `payment_methods.available` (cash, card, LINE Pay ...); the
                                      preview runs again, so earn rules scoped by payment method show in
                                      the points to earn
    add_stored_value(amount=None)     the member's wallet; default min(balance, remaining due)
    add_gift_card(code, amount=None)  a gift card by its printed number or signed `LT1G…` code; scanning
                                      one in the scan field does the same (`_scan_refused`)
    set_tender_amount(index, amount)  change what one payment asks (1..its balance)
    remove_tender(index)

Stored value and gift cards pay first, in the order added; what is left (`remaining_due`) is paid by
the payment method. Each tender keeps what the cashier asked; when the total drops below what the
tenders ask, the later ones pay less (down to 0, then they are left out of the sale) and get their
asked amount back when the total rises again. A tender is a payment, not a discount: the total, the
line nets and the points earned do not change (terminal/usecases/stored_value.py).

Refusals (the notice's reason; nothing is added or changed): insufficient_balance, expired,
not_yet_valid, wrong_brand, currency_mismatch, voided, wrong_member, member_required, malformed (a
gift card typed by its account id), unknown, unreplicated_not_allowed (a genuine signed card this
terminal does not hold yet), already_in_checkout, tender_exceeds_total (nothing left to pay),
invalid_amount, invalid_request (a payment method not offered). Offline, what the tenders take from
each account is bounded at settle by the `stored_value_per_account` allowance (a manager may
approve more, up to its ceiling), as for the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from terminal.domain.reasons import CheckoutError, CodeError, DomainError, Reason
from terminal.domain.stored_value import MAX_TENDERS, TenderPlan
from terminal.usecases import payment_methods, stored_value
from terminal.usecases.checkout import CheckoutRequest
from terminal.usecases.counter._core import CounterCore
from terminal.usecases.counter._state import action
from terminal.usecases.counter._views import CounterView, Notice, TenderView, refusal
from terminal.usecases.stored_value import ValueTender


@dataclass
class _Tender:
    account: str | None  # a gift card's number or signed code as scanned; None: the member's wallet
    requested: int  # what the cashier asked it to pay (minor units)
    kind: str  # "wallet" | "gift_card"
    account_id: str
    program: str
    balance: int  # as last resolved
    member_id: str | None = None  # a wallet's member: it leaves the sale with them


def mask(account_id: str) -> str:
    """An account as the screen names it: its last 4 characters (a gift card's number is never shown)."""
    return "****" + account_id[-4:]


class TendersMixin(CounterCore):
    def _clear(self) -> None:
        super()._clear()
        self.payment_method = self._default_method()
        self.tenders: list[_Tender] = []
        self.tender_plan: TenderPlan | None = None
        self.tender_error: Notice | None = None
        self._paying: list[int] = []  # each tender's amount in the current plan (0: left out)

    def _default_method(self) -> str:
        try:
            return payment_methods.available(self.service)[0]
        except Exception:  # a replica without a catalog yet: the checkout still starts
            return "cash"

    # ---- what the other mixins ask ------------------------------------------------------------
    def request(self, *, expected_total: int | None = None, only_accepted: bool = False) -> CheckoutRequest:
        req = super().request(expected_total=expected_total, only_accepted=only_accepted)
        paying = [ValueTender(amount, t.account) for t, amount in zip(self.tenders, self._paying) if amount > 0]
        return replace(req, payment_method=self.payment_method, value_tenders=tuple(paying))

    def _recompute(self, at: datetime | None = None) -> None:
        super()._recompute(at)
        self._plan(at)

    def _scan_refused(self, code: str, err: DomainError, at: datetime | None) -> CounterView | None:
        """A scan no member, coupon or product answered: a gift card (signed `LT1G…`, or a number the
        replica holds as a gift card) becomes a payment; anything else keeps the scan's refusal."""
        signed_card = err.reason is Reason.WRONG_KIND and err.details.get("gift_card")
        if not signed_card and not (err.reason is Reason.UNKNOWN and code.isdigit()):
            return None
        try:
            acct, prog = stored_value.resolve_account(self.service, code, member=None)
        except DomainError as gc_err:
            if not signed_card and gc_err.reason in (Reason.UNKNOWN, Reason.MALFORMED):
                return None  # no gift card either: the scan's own refusal
            self.notice = refusal("tender", gc_err, subject=self._gc_subject(None))
            return self.view()
        if prog.kind != "gift_card":
            return None
        return self._add(code, None, at)

    # ---- actions ---------------------------------------------------------------------------------
    @action("set_payment_method")
    def set_payment_method(self, method: str, at: datetime | None = None) -> CounterView:
        """Pay the rest by `method`; refused (invalid_request) when this counter does not offer it."""
        try:
            self.payment_method = payment_methods.check(self.service, method)
        except DomainError as err:
            self.notice = refusal("payment_method", err, subject=str(method)[:40])
            return self.view()
        self.notice = Notice("ok", "payment_method", f"The rest is paid by {method}.", subject=method)
        self._recompute(at)
        return self.view()

    @action("add_stored_value")
    def add_stored_value(self, amount: int | None = None, at: datetime | None = None) -> CounterView:
        """Pay `amount` (default: all the wallet can pay of what is due) from the member's wallet."""
        return self._add(None, amount, at)

    @action("add_gift_card")
    def add_gift_card(self, code: str, amount: int | None = None, at: datetime | None = None) -> CounterView:
        """Pay `amount` (default: all the card can pay of what is due) with the gift card `code`."""
        code = (code or "").strip()
        if not code:
            self.notice = Notice("error", "tender", "Scan or type the gift card's number.", Reason.MALFORMED.value)
            return self.view()
        return self._add(code, amount, at)

    @action("set_tender_amount")
    def set_tender_amount(self, index: int, amount: int, at: datetime | None = None) -> CounterView:
        """Tender `index` (0-based) asks `amount` instead; refused with the plan's reason."""
        if not (0 <= index < len(self.tenders)):
            return self.view()
        t = self.tenders[index]
        before = t.requested
        t.requested = amount
        err = self._try_plan(at, strict=index)
        if err is not None:
            t.requested = before
            self._plan(at)
            self.notice = refusal("tender", err, subject=self._gc_subject(t))
            return self.view()
        self.notice = Notice("ok", "tender", f"{t.program} {mask(t.account_id)}: {amount}.", subject=self._gc_subject(t),
                             details={"amount": amount, "balance_after": t.balance - amount, "kind": t.kind})
        return self.view()

    @action("remove_tender")
    def remove_tender(self, index: int, at: datetime | None = None) -> CounterView:
        if 0 <= index < len(self.tenders):
            t = self.tenders.pop(index)
            self.notice = Notice("info", "tender_removed", f"{t.program} {mask(t.account_id)} removed.",
                                 subject=self._gc_subject(t))
            self._plan(at)
        return self.view()

    # ---- the plan --------------------------------------------------------------------------------
    def _gc_subject(self, t: _Tender | None) -> str:
        return mask(t.account_id) if t is not None else ""

    def _add(self, code: str | None, amount: int | None, at: datetime | None) -> CounterView:
        if self.preview is None:
            self._recompute(at)
        try:
            if self.preview is None or self.preview.total - sum(self._paying) <= 0:
                due = self.preview.total - sum(self._paying) if self.preview else 0
                raise CheckoutError(Reason.TENDER_EXCEEDS_TOTAL, "Nothing is left to pay: scan the items first."
                                    if self.preview is None else f"Nothing is left to pay (due {due}).", due=max(due, 0))
            if len(self.tenders) >= MAX_TENDERS:
                raise CheckoutError(Reason.INVALID_BASKET, f"At most {MAX_TENDERS} stored value / gift card payments per sale.")
            if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0):
                raise CodeError(Reason.INVALID_AMOUNT, f"The amount to pay must be 1 or more, not {amount!r}.", field="amount")
            member = self._member()
            acct, prog = stored_value.resolve_account(self.service, code, member=member)
            if any(t.account_id == acct.id for t in self.tenders):
                raise CodeError(Reason.ALREADY_IN_CHECKOUT, f"{mask(acct.id)} is already a payment of this sale.", account_id=acct.id)
            due = self.preview.total - sum(self._paying)
            ask = amount if amount is not None else min(acct.balance, due)
            if ask <= 0:  # an empty card: the plan's own refusal names the balance
                ask = 1
            t = _Tender(code, ask, prog.kind, acct.id, prog.name, acct.balance, member.id if code is None and member else None)
            self.tenders.append(t)
            err = self._try_plan(at, strict=len(self.tenders) - 1)
            if err is not None:
                self.tenders.pop()
                raise err
        except DomainError as err:
            self._plan(at)
            self.notice = refusal("tender", err, subject=mask(str(err.details.get("account_id", ""))) if err.details.get(
                "account_id") else None)
            return self.view()
        paid = self._paying[-1]
        self.notice = Notice("ok", "tender", f"{t.program} {mask(t.account_id)}: {paid}, balance after {t.balance - paid}.",
                             subject=mask(t.account_id), details={"amount": paid, "balance_after": t.balance - paid,
                                                                  "kind": t.kind})
        return self.view()

    def _member(self):
        return self.service.resolve_member(self.member_code) if self.member_code else None

    def _try_plan(self, at: datetime | None, *, strict: int | None) -> DomainError | None:
        """Plan the tenders against the preview's total: each pays what it asks, as far as the total
        goes (the later ones pay less when it dropped), but tender `strict` (the one the cashier just
        added or changed) must pay exactly what it asks. The refusal, if any, is returned."""
        self.tender_plan, self.tender_error, self._paying = None, None, []
        member_id = self.member.id if self.member else None
        self.tenders = [t for t in self.tenders if t.kind != "wallet" or t.member_id == member_id]
        if not self.tenders:
            return None
        total = self.preview.total if self.preview else 0
        left = total
        for i, t in enumerate(self.tenders):
            pay = t.requested if i == strict else max(0, min(t.requested, left))
            self._paying.append(pay)
            left -= pay
        paying = [ValueTender(a, t.account) for i, (t, a) in enumerate(zip(self.tenders, self._paying)) if a > 0 or i == strict]
        if self.preview is None:
            return None
        try:
            self.tender_plan = stored_value.tender_plan(self.service, member=self._member(), tenders=paying, total=total,
                                                        at=self.service.now(at))
        except DomainError as err:
            self.tender_error = refusal("tender", err)
            return err
        spent = {s.account_id: s for s in self.tender_plan.spends}
        for t in self.tenders:
            if t.account_id in spent:
                t.balance = spent[t.account_id].balance_before
        return None

    def _plan(self, at: datetime | None) -> None:
        """Plan after any change of the sale (lenient: a dropped total leaves later tenders paying less)."""
        self._try_plan(at, strict=None)

    # ---- the view -------------------------------------------------------------------------------
    def view(self) -> CounterView:
        v = super().view()
        paying = self._paying if len(self._paying) == len(self.tenders) else [0] * len(self.tenders)
        tenders = tuple(TenderView(i, t.kind, t.program, mask(t.account_id), t.requested, a, t.balance - a)
                        for i, (t, a) in enumerate(zip(self.tenders, paying)))
        due = max(0, v.preview.total - sum(paying)) if v.preview is not None else 0
        try:
            methods = payment_methods.available(self.service)
        except Exception:  # a view never fails
            methods = (self.payment_method,)
        return replace(v, payment_method=self.payment_method, payment_methods=methods, tenders=tenders, remaining_due=due,
                       tender_error=self.tender_error)
