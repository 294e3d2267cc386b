"""The sale just settled, kept in sight while the next one starts.

A scan right after F12 starts the next customer's sale (the counter's RESTARTS): the checkout
panel then shows the new sale, and this one line above it keeps the previous one: its total,
whether it was paid or voided, its number and time (what F8 "void last" would void). It goes
away with F9 (a new checkout on purpose) or signing out, and comes back with the next
settlement.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from terminal.ui.style import GREEN, RED, money
from terminal.ui.widgets import ElidedLabel
from terminal.usecases.counter import CounterView


class PreviousSale(ElidedLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("previousSale")
        self.dismissed_id: str | None = None  # the last receipt F9 dismissed
        self.hide()

    def dismiss(self, view: CounterView | None) -> None:
        """F9 / sign-out: stop showing the current last receipt."""
        if view is not None and view.last_receipt is not None:
            self.dismissed_id = view.last_receipt.get("checkout_id")
        self.hide()

    def render(self, view: CounterView) -> None:
        r = view.last_receipt
        show = (view.receipt is None and r is not None and view.cashier is not None
                and r.get("checkout_id") != self.dismissed_id)
        self.setVisible(show)
        if not show:
            return
        if r.get("voided_at"):
            text = self.tr("Previous sale VOIDED %1 · no. %2 · %3")
            colour = RED
        else:
            text = self.tr("Previous sale paid ✓ %1 · no. %2 · %3")
            colour = GREEN
        self.setText(text.replace("%1", money(r.get("total"))).replace("%2", str(r.get("checkout_id", ""))[:8])
                     .replace("%3", str(r.get("local_time", ""))[-5:]))
        self.setStyleSheet(f"QLabel#previousSale {{ color: {colour}; font-size: 15px; font-weight: bold;"
                           f" border: 2px {'dashed' if r.get('voided_at') else 'solid'} {colour};"
                           " border-radius: 6px; padding: 1px 6px; background: white; }")
