"""The coupons of this checkout: verdict mark, name, discount and the reason, in a scrolling table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QPushButton, QTableWidgetItem, QWidget

from terminal.usecases.counter import CounterView
from terminal.ui.basket_panel import add_table
from terminal.ui.i18n import reason_text
from terminal.ui.reason_details import detail_text
from terminal.ui.style import GREEN, GREY, RED, money, qcolor
from terminal.ui.verdicts import uses_text

MIN_COUPON_COLUMN = 80  # px


class CouponPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay, self.table = add_table(self, "coupons", 4, stretch_col=3)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(True)
        row = QHBoxLayout()
        row.addStretch(1)
        self.step_back_button = QPushButton()  # one use less (a double read of a stored voucher)
        row.addWidget(self.step_back_button)
        self.remove_button = QPushButton()
        row.addWidget(self.remove_button)
        lay.addLayout(row)
        self._view: CounterView | None = None
        self.table.whole_rows.on_change = lambda _fit: self._view is not None and self.render(self._view)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_name_column()

    def _fit_name_column(self) -> None:
        """The coupon name gets what it needs up to half of the room left by the verdict and discount
        columns; the reason keeps the rest (at least as much)."""
        t = self.table
        wanted = max(t.sizeHintForColumn(1), t.horizontalHeader().sectionSizeHint(1))
        room = t.viewport().width() - t.columnWidth(0) - t.columnWidth(2)
        t.setColumnWidth(1, max(MIN_COUPON_COLUMN, min(wanted, room // 2)))
        t.resizeRowsToContents()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Coupons"))
        self.table.setHorizontalHeaderLabels([self.tr("Verdict"), self.tr("Coupon"), self.tr("Discount"), self.tr("Reason")])
        self.remove_button.setText(self.tr("Remove coupon"))
        self.step_back_button.setText(self.tr("−1 use"))
        self.step_back_button.setToolTip(self.tr("One use less of the selected (else the last) coupon (Ctrl+-)"))

    def render(self, view: CounterView) -> None:
        """A refused coupon: the translated reason and, under it, what to do with its figures
        (reason_details.detail_text), also the cell's tool tip. When the table has room for one row
        only (768 px high screens), the detail is in the tool tip alone: a row of three wrapped lines
        would be taller than the view, which then showed its red middle without the mark or the name."""
        self._view = view
        t = self.table
        room = t.whole_rows.rows_fit >= 2
        t.setWordWrap(room)  # one row of room: one line, elided, the whole text in the tool tip
        t.setRowCount(len(view.coupons))
        big = QFont(self.font())
        big.setPixelSize(22)
        big.setBold(True)
        for r, c in enumerate(view.coupons):
            if c.ok is True:
                mark, color, why = "✓", GREEN, self.tr("Accepted")
            elif c.ok is False:
                mark, color, why = "✗", RED, reason_text(c.reason)
            else:
                mark, color, why = "…", GREY, self.tr("Add items to check this coupon")
            name = c.name + uses_text(c.uses, c.uses_left)
            verdict = QTableWidgetItem(mark)
            verdict.setFont(big)
            verdict.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            verdict.setForeground(Qt.GlobalColor.white)
            verdict.setBackground(qcolor(color))
            detail = detail_text(c.reason, c.details) if c.ok is False else ""
            reason_item = QTableWidgetItem(why + ("\n" + detail if detail and room else ""))
            reason_item.setForeground(qcolor(color))
            reason_item.setToolTip(detail or why)
            name_item = QTableWidgetItem(name)
            name_item.setToolTip(name)
            disc = QTableWidgetItem(money(-c.discount) if c.discount else "")
            disc.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for col, item in enumerate((verdict, name_item, disc, reason_item)):
                t.setItem(r, col, item)
        self._fit_name_column()
        if t.rowCount():
            t.scrollToBottom()
