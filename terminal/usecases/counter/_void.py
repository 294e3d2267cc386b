"""Voiding a settlement at the counter with a manager's approval (returns will land next to it)."""

from __future__ import annotations

from datetime import datetime

from terminal.domain.reasons import DomainError, Reason
from terminal.usecases.counter._core import CounterCore
from terminal.usecases.counter._state import action
from terminal.usecases.counter._views import CounterView, Notice, refusal


class VoidMixin(CounterCore):
    @action("void")
    def void(self, checkout_id: str | None, *, manager_id: str, pin: str, reason: str, at: datetime | None = None) -> CounterView:
        """Void a settlement (default: the last one of this counter) with manager approval."""
        target = checkout_id or (self._last_receipt or {}).get("checkout_id")
        if not target:
            self.notice = Notice("error", "void", "Nothing to void.", Reason.NOT_FOUND.value)
            return self.view()
        try:
            result = self.service.void(target, manager_id=manager_id.strip(), pin=pin, reason=reason, at=at)
        except DomainError as err:
            self.notice = refusal("void", err, ctx=self.service)
            return self.view()
        voided = {"voided_at": result["voided_at"], "void_reason": reason}
        if self.receipt is not None and self.receipt.get("checkout_id") == target:
            self.receipt = {**self.receipt, **voided}
        if self._last_receipt is not None and self._last_receipt.get("checkout_id") == target:
            self._last_receipt = {**self._last_receipt, **voided}
        self._reload_member(at)
        # info, not ok: a void is not a sale accepted (no chime, no check mark); the receipt says VOIDED
        self.notice = Notice("info", "voided", f"Checkout {target} voided: {reason}",
                             details={"checkout_id": target, "reason": reason})
        return self.view()
