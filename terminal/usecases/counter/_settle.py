"""Settling the checkout: what the preview accepted, written by the service in one transaction."""

from __future__ import annotations

from datetime import datetime

from terminal.domain.reasons import DomainError, Reason
from terminal.usecases.checkout import AllowanceOverride
from terminal.usecases.counter._core import CounterCore
from terminal.usecases.counter._state import action
from terminal.usecases.counter._views import CounterView, Notice, refusal


class SettleMixin(CounterCore):
    @action("settle")
    def settle(self, at: datetime | None = None, *, override: dict[str, str] | None = None) -> CounterView:
        """Settle what the preview accepted; refused coupons/points are left out (they give nothing).

        Beyond the terminal's offline allowance the notice's reason is `offline_allowance_exceeded`
        (details `allowance_exceeded`); settle again with `override={"manager_id", "pin", "reason"}`
        (a manager's approval, audited and carried in the event).
        """
        if not self.lines:
            self.notice = Notice("error", "settle", "The basket is empty.", Reason.INVALID_BASKET.value)
            return self.view()
        self._recompute(at)
        if self.preview is None:
            self.notice = self.preview_error or Notice("error", "settle", "Nothing to settle.", Reason.INVALID_BASKET.value)
            return self.view()
        req = self.request(expected_total=self.preview.total, only_accepted=True)
        assert self.cashier is not None  # the table accepts settle only when signed in
        try:
            approval = AllowanceOverride(override["manager_id"], override["pin"], override["reason"]) if override else None
            receipt = self.service.settle(req, cashier_id=self.cashier["id"], at=at, override=approval)
        except DomainError as err:
            self.notice = refusal("settle", err, ctx=self.service)
            self._recompute(at)
            return self.view()
        refused = [c for c in self.view().coupons if c.ok is False]
        # English lines for the CLI and logs; the coupons' name, reason and figures for a slip or screen in any language
        self.receipt = {**receipt, "left_out": [c.message for c in refused],
                        "left_out_coupons": [{"name": c.name, "reason": c.reason, "details": dict(c.details)} for c in refused]}
        self._last_receipt = self.receipt
        self._reload_member(at)
        self.notice = Notice("ok", "settled", f"Settled {receipt['checkout_id']}: total {receipt['total']}.",
                             details={"total": receipt["total"]})
        return self.view()
