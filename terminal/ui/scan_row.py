"""The scan row (scan field, Enter, camera toggle) and the double-read filter of scanner reads.

The scan field takes what a person types or a wedge scanner sends when the field has focus;
`entered` carries its text (control characters not yet stripped). `RepeatFilter` decides
whether a scanner read is the same code read twice in a moment (a double read).
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from terminal.ui.widgets import FittedPlaceholder

REPEAT_WINDOW_S = 1.0  # the same code again within this: a double read, taken once ([scanner] repeat_window_s)


class ScanRow(QWidget):
    entered = Signal(str)  # the field's text on Enter / the Enter button; the field is cleared
    camera_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.field = QLineEdit()
        self.field.setObjectName("scanField")
        self.field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.field.setProperty("wedge", "scan")
        self.field.setMaxLength(600)
        self.field.setMinimumWidth(160)
        self.field.returnPressed.connect(self._entered)
        self.placeholder = FittedPlaceholder(self.field)
        self.enter_button = QPushButton()
        self.enter_button.clicked.connect(self._entered)
        self.camera_button = QPushButton()
        self.camera_button.setCheckable(True)
        self.camera_button.clicked.connect(self.camera_clicked)
        row.addWidget(self.field, 1)
        row.addWidget(self.enter_button)
        row.addWidget(self.camera_button)

    def retranslate(self) -> None:
        self.placeholder.set_texts(self.tr("Scan or type a code + Enter"), self.tr("Scan or type a code"), self.tr("Scan"))
        self.enter_button.setText(self.tr("Enter"))
        self.camera_button.setText(self.tr("Camera (F5)"))

    def _entered(self) -> None:
        text = self.field.text()
        self.field.clear()
        self.entered.emit(text)


class RepeatFilter:
    """The same code read again within `window_s` seconds is a double read.

    `is_repeat(code)` records the read and answers whether it repeats the previous one; a code
    held under the scanner keeps extending the window. `window_s` <= 0 turns the filter off.
    Times come from `clock` (monotonic seconds)."""

    def __init__(self, window_s: float = REPEAT_WINDOW_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self.clock = clock
        self._last: tuple[str, float] | None = None
        self.ignored = 0

    def is_repeat(self, code: str) -> bool:
        now = self.clock()
        last, self._last = self._last, (code, now)
        if last is not None and last[0] == code and now - last[1] < self.window_s:
            self.ignored += 1
            return True
        return False
