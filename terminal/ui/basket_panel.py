"""The basket: a scrolling table of lines and the row of amount / quantity / override buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLineEdit, QPushButton,
                               QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from terminal.usecases.counter import CounterView
from terminal.ui.style import money
from terminal.ui.touch import WholeRows, touch_rows
from terminal.ui.widgets import FittedPlaceholder

def setup_table(table: QTableWidget, stretch_col: int) -> None:
    """Row selection, read-only, no row numbers, one stretching column; never wider than its box."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    touch_rows(table)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)  # never half a row at the top
    table.whole_rows = WholeRows(table)  # ... rows that fill the view, and at least the header and one row
    header = table.horizontalHeader()
    for c in range(table.columnCount()):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == stretch_col else QHeaderView.ResizeMode.ResizeToContents)


def add_table(box: QGroupBox, name: str, columns: int, stretch_col: int) -> tuple[QVBoxLayout, QTableWidget]:
    """The layout of a table panel (`box`) and its table (object name `name`, set up by `setup_table`)."""
    lay = QVBoxLayout(box)
    lay.setContentsMargins(6, 6, 6, 6)
    lay.setSpacing(4)
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    setup_table(table, stretch_col=stretch_col)
    lay.addWidget(table, 1)
    return lay, table


def selected_row(table: QTableWidget) -> int:
    """The selected row, else the last row (-1 when empty)."""
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if rows:
        return rows[0].row()
    return table.rowCount() - 1


class BasketPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay, self.table = add_table(self, "basket", 4, stretch_col=0)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.amount_field = QLineEdit()
        self.amount_field.setObjectName("amountField")
        self.amount_field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.amount_field.setValidator(QIntValidator(1, 10_000_000, self))
        self.amount_field.setMinimumWidth(80)
        self.amount_placeholder = FittedPlaceholder(self.amount_field)  # "Amount (F2)", else "Amount"
        self.amount_field.setMaximumWidth(150)
        self.amount_button = QPushButton()
        self.plus_button = QPushButton("+")
        self.minus_button = QPushButton("−")
        for b in (self.plus_button, self.minus_button):
            b.setObjectName("smallButton")
        self.remove_line_button = QPushButton()
        self.override_button = QPushButton()
        row.addWidget(self.amount_field)
        row.addWidget(self.amount_button)
        row.addStretch(1)
        for w in (self.plus_button, self.minus_button, self.remove_line_button, self.override_button):
            row.addWidget(w)
        lay.addLayout(row)

    @property
    def action_buttons(self) -> tuple[QPushButton, ...]:
        return (self.amount_button, self.plus_button, self.minus_button, self.remove_line_button, self.override_button)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Basket"))
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Qty"), self.tr("Price"), self.tr("Pay")])
        self.amount_placeholder.set_texts(self.tr("Amount (F2)"), self.tr("Amount"))
        self.amount_button.setText(self.tr("Add amount"))
        self.remove_line_button.setText(self.tr("Remove"))
        self.override_button.setText(self.tr("Price override (F4)"))

    def render(self, view: CounterView) -> None:
        t = self.table
        sel = selected_row(t) if t.selectionModel() and t.selectionModel().selectedRows() else None
        t.setRowCount(len(view.lines))
        for r, ln in enumerate(view.lines):
            name = ln.name + (" ★" if ln.overridden else "")
            cells = [name, str(ln.quantity), money(ln.unit_price), money(ln.net if ln.net is not None else ln.gross)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item.setToolTip(text)
                t.setItem(r, c, item)
        if sel is not None and sel < t.rowCount():
            t.selectRow(sel)
        elif t.rowCount():
            t.scrollToBottom()  # the line just scanned is the one the cashier looks for
