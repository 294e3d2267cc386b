"""The counter's action buttons under the total: new checkout, print slip, void last, settle."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from terminal.usecases.counter import CounterView


class ActionBar(QWidget):
    new_clicked = Signal()
    print_clicked = Signal()
    void_clicked = Signal()
    settle_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_clicked)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_clicked)
        self.void_button = QPushButton()
        self.void_button.clicked.connect(self.void_clicked)
        for b in (self.new_button, self.print_button, self.void_button):
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            row.addWidget(b)
        col.addLayout(row)
        self.settle_button = QPushButton()
        self.settle_button.setObjectName("settle")
        self.settle_button.clicked.connect(self.settle_clicked)
        col.addWidget(self.settle_button)

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New (F9)"))
        self.print_button.setText(self.tr("Print (F6)"))
        self.void_button.setText(self.tr("Void last (F8)"))
        self.settle_button.setText(self.tr("Settle (F12)"))

    def render(self, view: CounterView, *, can_print: bool) -> None:
        self.settle_button.setEnabled(view.can_settle)
        self.print_button.setEnabled(view.receipt is not None and can_print)
        self.void_button.setEnabled(view.last_receipt is not None)
