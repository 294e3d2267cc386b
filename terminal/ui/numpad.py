"""The on-screen numpad (issue 17 §4.7): digits, backspace, clear and OK for a touch screen.

`NumPad(targets)` types into one of its target fields: the one that has the focus, else the first.
Its keys never take the focus (Qt.NoFocus) and it never moves the focus: the field the cashier was
in keeps it, so a scanner read goes where the wedge filter routes it (terminal/ui/wedge_filter.py:
the scan field's and the amount field's keys are "scan", a dialog's PIN field "type", a staff id
"badge") whether or not the pad is on screen. A PIN field stays masked (its echo mode); what the pad
types passes the field's validator and maximum length like a key press. The keyboard keeps working.

`AmountPad` is the pad as a panel floating over the counter window beside the amount field: shown
when the field is tapped (mouse or touch focus, or a tap on the focused field), hidden when the field
loses the focus, on OK (which adds the amount) and on Escape. It is not in any layout, so it never
changes the window's size.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from terminal.ui.touch import TOUCH_PX

KEY_SIZE = (64, 52)  # px, width x height of a numpad key (above the TOUCH_PX minimum)


class NumPad(QWidget):
    confirmed = Signal()  # OK tapped

    def __init__(self, targets: list[QLineEdit], parent: QWidget | None = None, *, double_zero: bool = False) -> None:
        super().__init__(parent)
        if not targets:
            raise ValueError("a numpad needs at least one target field")
        self.targets = list(targets)
        self.setObjectName("numpad")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        self.keys: dict[str, QPushButton] = {}
        for i, d in enumerate("789456123"):
            grid.addWidget(self._key(d, d, lambda _=False, d=d: self.press(d)), i // 3, i % 3)
        grid.addWidget(self._key("0", "0", lambda: self.press("0")), 3, 0, 1, 2 if double_zero else 3)
        if double_zero:
            grid.addWidget(self._key("00", "00", lambda: self.press("00")), 3, 2)
        grid.addWidget(self._key("backspace", "⌫", self.backspace), 0, 3)
        grid.addWidget(self._key("clear", "C", self.clear), 1, 3)
        grid.addWidget(self._key("ok", "", self.confirm), 2, 3, 2, 1)
        self.keys["ok"].setObjectName("numpadOk")
        self.keys["ok"].setSizePolicy(self.keys["ok"].sizePolicy().horizontalPolicy(),
                                      self.keys["ok"].sizePolicy().Policy.Expanding)
        self.retranslate()

    def _key(self, name: str, text: str, slot: Callable[..., None]) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName("numpadKey")
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never the focus: the field (and a scanner's keys) keep it
        b.setAutoDefault(False)
        b.setDefault(False)
        b.setMinimumSize(max(KEY_SIZE[0], TOUCH_PX), max(KEY_SIZE[1], TOUCH_PX))
        b.setStyleSheet("font-size: 20px;")
        b.clicked.connect(slot)
        self.keys[name] = b
        return b

    def retranslate(self) -> None:
        self.keys["ok"].setText(self.tr("OK"))
        self.keys["backspace"].setToolTip(self.tr("Backspace"))
        self.keys["clear"].setToolTip(self.tr("Clear"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def target(self) -> QLineEdit:
        """The target field that has the focus, else the first."""
        focus = QApplication.focusWidget()
        return next((t for t in self.targets if t is focus), self.targets[0])

    def press(self, digits: str) -> None:
        t = self.target()
        t.end(False)
        t.insert(digits)  # through the field's validator and maximum length, like typed keys

    def backspace(self) -> None:
        t = self.target()
        t.end(False)
        t.backspace()

    def clear(self) -> None:
        self.target().clear()

    def confirm(self) -> None:
        self.confirmed.emit()


class AmountPad(QFrame):
    """A NumPad floating over `window` next to `field`; OK calls `on_ok` (which reads the field)."""

    def __init__(self, field: QLineEdit, window: QWidget, on_ok: Callable[[], None]) -> None:
        super().__init__(window)
        self.field, self._window, self._on_ok = field, window, on_ok
        self.setObjectName("amountPad")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#amountPad { background: #eceff1; border: 2px solid #1565c0; border-radius: 8px; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.pad = NumPad([field], self, double_zero=True)
        self.pad.confirmed.connect(self._ok)
        lay.addWidget(self.pad)
        self.hide()
        field.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.field:
            kind = event.type()
            if kind == QEvent.Type.FocusIn and isinstance(event, QFocusEvent) and \
                    event.reason() == Qt.FocusReason.MouseFocusReason:
                self.popup()
            elif kind == QEvent.Type.MouseButtonPress and self.field.hasFocus():
                self.popup()
            elif kind == QEvent.Type.FocusOut:
                self.hide()
            elif kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self.hide()
        return False

    def popup(self) -> None:
        """Show the pad below the field (above it when there is no room), inside the window."""
        self.adjustSize()
        win = self._window.rect()
        at = self.field.mapTo(self._window, QPoint(0, self.field.height() + 2))
        if at.y() + self.height() > win.bottom():
            at.setY(self.field.mapTo(self._window, QPoint(0, 0)).y() - self.height() - 2)
        at.setX(max(0, min(at.x(), win.right() - self.width())))
        at.setY(max(0, at.y()))
        self.move(at)
        self.raise_()
        self.show()

    def _ok(self) -> None:
        self.hide()
        self._on_ok()
