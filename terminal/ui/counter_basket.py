"""The counter window's basket, coupon and points actions (mixed into MainWindow): products from quick
keys and search, typed amounts, quantities, removing lines and coupons, a use less of a coupon read
twice, points to spend. Each runs a Counter action on the db worker (MainWindow.run)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidget

from terminal.ui.basket_panel import selected_row


class BasketActions:
    """Mixin of MainWindow (uses its counter, view, run, focus_scan, basket, coupons, amount_field,
    coupon_panel, quick_keys, quick_keys_button)."""

    def add_product(self, sku: str) -> None:
        """A quick key or search result tapped: one of it; the scan field gets the focus back."""
        self.run(lambda: self.counter.add_product(sku))
        self.focus_scan()

    def show_quick_keys(self, shown: bool = True) -> None:
        """F1: the quick-key panel in place of the coupon table (and back)."""
        hide, show = (self.coupon_panel, self.quick_keys) if shown else (self.quick_keys, self.coupon_panel)
        hide.hide()  # first: both shown for a moment would raise the window's minimum height for good
        show.show()
        self.quick_keys_button.setChecked(shown)
        self.focus_scan()

    def find_product(self) -> None:
        """Ctrl+K: the quick-key panel with its search field focused."""
        self.show_quick_keys(True)
        self.quick_keys.search.setFocus()
        self.quick_keys.search.selectAll()

    def _add_amount(self) -> None:
        text = self.amount_field.text().strip()
        if not text:
            return
        amount = int(text)
        self.amount_field.clear()
        name = QCoreApplication.translate("MainWindow", "Amount")
        self.run(lambda: self.counter.add_amount(amount, name))
        self.focus_scan()

    @staticmethod
    def _selected_row(table: QTableWidget) -> int:
        return selected_row(table)

    def _change_quantity(self, delta: int) -> None:
        if self.view is None or not self.view.lines:
            return
        i = self._selected_row(self.basket)
        if 0 <= i < len(self.view.lines):
            q = self.view.lines[i].quantity + delta
            self.run(lambda: self.counter.set_quantity(i, q))

    def _remove_line(self) -> None:
        i = self._selected_row(self.basket)
        if i >= 0:
            self.run(lambda: self.counter.remove_line(i))

    def _remove_coupon(self) -> None:
        i = self._selected_row(self.coupons)
        if i >= 0:
            self.run(lambda: self.counter.remove_coupon(i))

    def step_back_coupon(self) -> None:
        """One use less of the selected coupon line (else the last one): a stored voucher read twice
        goes back from x2 to x1; at one use the line is removed."""
        if self.view is None or not self.view.coupons:
            return
        i = self._selected_row(self.coupons)
        i = i if 0 <= i < len(self.view.coupons) else len(self.view.coupons) - 1
        self.run(lambda: self.counter.step_back_coupon(i))

    def _delete_selected(self) -> None:
        if self.coupons.hasFocus():
            self._remove_coupon()
        elif self.basket.hasFocus():
            self._remove_line()

    def _points_entered(self, point_type: str, points: int) -> None:
        if self.view is None or points == self.view.points.get(point_type, 0):
            return
        self.set_points(point_type, points)

    def set_points(self, point_type: str, points: int) -> None:
        self.run(lambda: self.counter.set_points(point_type, points))

    def use_max_points(self, point_type: str | None = None) -> None:
        if point_type is None:
            if self.view is None or self.view.member is None:
                return
            point_type = next((pt for pt, n in self.view.member.balances.items() if n > 0), None)
            if point_type is None:
                return
        self.run(lambda: self.counter.use_max_points(point_type))
