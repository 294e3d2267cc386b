"""Small modal dialogs: cashier sign-in, manager approval (void / overrides), amount entry.
PINs (and a value) can be typed on an on-screen numpad (terminal/ui/numpad.py)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QIntValidator, QRegularExpressionValidator
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget)

from terminal.ui.numpad import NumPad


def _no_ime(edit: QLineEdit) -> QLineEdit:
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return edit


class LoginDialog(QDialog):
    """Staff id + PIN. The PIN is checked by the service (scrypt) on the db worker.

    `message`: the refusal of the last attempt (translated headline). `locked_until`: set when
    that refusal was staff_locked, the lock's end as ISO 8601 in the store's time zone (the
    counter's notice details); the dialog then says until when and where a manager unlocks it.
    """

    def __init__(self, parent: QWidget | None = None, message: str = "", *, locked_until: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cashier sign-in"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        if locked_until:
            message = "\n".join(x for x in (message, self.locked_text(locked_until)) if x)
        self.message = QLabel(message)
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        form = QFormLayout()
        self.staff_id = _no_ime(QLineEdit())
        self.staff_id.setObjectName("staffId")
        self.staff_id.setProperty("wedge", "badge")  # a scanned staff badge fills it (terminal/ui/wedge_filter.py)
        self.pin = _no_ime(QLineEdit())
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self))
        self.pin.setMaxLength(12)
        form.addRow(self.tr("Staff ID"), self.staff_id)
        form.addRow(self.tr("PIN"), self.pin)
        lay.addLayout(form)
        self.numpad = NumPad([self.pin], self)  # a touch screen's PIN entry; the staff id is a badge scan
        self.numpad.confirmed.connect(self.accept)
        lay.addWidget(self.numpad)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.staff_id.setFocus()

    def values(self) -> tuple[str, str]:
        return self.staff_id.text().strip(), self.pin.text()

    def locked_text(self, locked_until: str) -> str:
        """Until when (the store's wall clock, to the second: a first lock lasts 30 s) and how to end it sooner."""
        until = datetime.fromisoformat(locked_until).strftime("%H:%M:%S")
        return self.tr("Locked until %1 (store time). A manager can unlock it now at the manager desk: "
                       "Cancel, press F10, tab \"Locked staff\".").replace("%1", until)


class ManagerDialog(QDialog):
    """Manager id + PIN + a mandatory reason, for voids and overrides (all audited)."""

    def __init__(self, title: str, parent: QWidget | None = None, *, explanation: str = "", with_value: str | None = None,
                 value: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        lay = QVBoxLayout(self)
        if explanation:
            label = QLabel(explanation)
            label.setWordWrap(True)
            lay.addWidget(label)
        form = QFormLayout()
        self.value: QLineEdit | None = None
        if with_value is not None:
            self.value = _no_ime(QLineEdit("" if value is None else str(value)))
            self.value.setObjectName("overrideValue")
            self.value.setValidator(QIntValidator(0, 10_000_000, self))
            form.addRow(with_value, self.value)
        self.manager_id = _no_ime(QLineEdit())
        self.manager_id.setObjectName("managerId")
        self.manager_id.setProperty("wedge", "badge")
        self.pin = _no_ime(QLineEdit())
        self.pin.setObjectName("managerPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        form.addRow(self.tr("Manager ID"), self.manager_id)
        form.addRow(self.tr("Manager PIN"), self.pin)
        form.addRow(self.tr("Reason"), self.reason)
        lay.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Approve"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        self.numpad = NumPad([self.pin] + ([self.value] if self.value is not None else []), self)
        self.numpad.confirmed.connect(self._check)
        lay.addWidget(self.numpad)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #c62828;")
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        (self.value or self.manager_id).setFocus()

    def _check(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(self.tr("A reason is required."))
            self.reason.setFocus()
            return
        if self.value is not None and not self.value.text().strip():
            self.error.setText(self.tr("Enter a value."))
            self.value.setFocus()
            return
        self.accept()

    def values(self) -> dict:
        out = {"manager_id": self.manager_id.text().strip(), "pin": self.pin.text(), "reason": self.reason.text().strip()}
        if self.value is not None:
            out["value"] = int(self.value.text() or 0)
        return out
