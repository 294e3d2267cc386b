"""Questions the counter asks before doing something that cannot be taken back (issue 17 §4.6, §4.8).

    ask(parent, name, title, text, yes_text, on_yes) -> QMessageBox   window-modal, `open()`ed (never a nested
        event loop), "No" the default button; `on_yes()` only when the cashier says yes.
    discard_basket(parent, view, on_yes)   Ctrl+L with lines or coupons in an unsettled basket
    sell_after_close(parent, closed, on_yes)   settling while the store's current day is closed
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from terminal.usecases.counter import CounterView


def ask(parent: QWidget, name: str, title: str, text: str, yes_text: str, on_yes: Callable[[], None]) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                      parent)
    box.setObjectName(name)
    box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
    box.button(QMessageBox.StandardButton.No).setText(QCoreApplication.translate("Confirm", "Go back"))
    box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter from a scanner never confirms by accident
    box.accepted.connect(on_yes)  # Yes is an AcceptRole button
    box.open()
    return box


def basket_in_progress(view: CounterView | None) -> bool:
    """An unsettled basket with something in it (lines or coupons)."""
    return view is not None and view.receipt is None and bool(view.lines or view.coupons)


def discard_basket(parent: QWidget, view: CounterView, on_yes: Callable[[], None]) -> QMessageBox:
    return ask(parent, "confirmDiscardBasket", QCoreApplication.translate("Confirm", "Sign out?"),
               QCoreApplication.translate("Confirm", "The basket has %1 line(s) and %2 coupon(s) that are not settled. "
                                                     "Signing out discards them.")
               .replace("%1", str(len(view.lines))).replace("%2", str(len(view.coupons))),
               QCoreApplication.translate("Confirm", "Discard and sign out"), on_yes)


def sell_after_close(parent: QWidget, closed: dict, on_yes: Callable[[], None]) -> QMessageBox:
    return ask(parent, "confirmAfterClose", QCoreApplication.translate("Confirm", "The day is closed"),
               QCoreApplication.translate("Confirm", "Day %1 was closed by %2. This sale is booked after the close and "
                                                     "listed apart in the day's report. Settle it?")
               .replace("%1", str(closed.get("day", ""))).replace("%2", str(closed.get("by", ""))),
               QCoreApplication.translate("Confirm", "Settle after the close"), on_yes)
