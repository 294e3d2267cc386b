"""First-run enrolment: IT types the server URL and the one-time token once per PC.

The exchange (token -> device credential in the OS keyring, then the replica download) runs
off the GUI thread: a first bootstrap can take several seconds and the window must stay
responsive and say what it is doing. The actual work is a plain function handed in by
terminal/entry/window.py, so this dialog knows nothing of HTTP, SQLite or keyring.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QProgressBar,
                               QVBoxLayout, QWidget)

from terminal.ui.enrol_errors import enrol_error_text

Enrol = Callable[[str, str, str], dict[str, Any]]  # (server_url, token, terminal_id) -> result


class EnrolDialog(QDialog):
    finished_ok = Signal(dict)

    def __init__(self, enrol: Enrol, *, server_url: str = "", terminal_id: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enrol = enrol
        self.result_info: dict[str, Any] | None = None
        self.setObjectName("enrolDialog")
        self.setMinimumWidth(520)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.server = QLineEdit(server_url)
        self.server.setObjectName("server")
        self.token = QLineEdit()
        self.token.setObjectName("token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.terminal = QLineEdit(terminal_id)
        self.terminal.setObjectName("terminal")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: the server does not report progress
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(3)]
        for label, field in zip(self.labels, (self.server, self.token, self.terminal)):
            label.setBuddy(field)
            self.form.addRow(label, field)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(self.form)
        lay.addWidget(self.progress)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self._answer: Future | None = None
        self._poll = QTimer(self)  # collects the enrolment thread's answer on the GUI thread (`_collect`)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._collect)
        self.retranslate()
        (self.token if server_url else self.server).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enrol this terminal"))
        self.intro.setText(self.tr(
            "This PC is not enrolled yet. Enter the central server address and the one-time enrolment token "
            "from the server administrator. The device credential is kept in the system's credential vault."))
        labels = (self.tr("Server URL"), self.tr("Enrolment token"), self.tr("Terminal ID"))
        for label, text in zip(self.labels, labels):
            label.setText(text)
        self.terminal.setPlaceholderText(self.tr("e.g. XINYI-01 (the PC's asset tag)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Enrol"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))

    def submit(self) -> None:
        server, token, terminal = self.server.text().strip(), self.token.text().strip(), self.terminal.text().strip()
        missing = [name for name, value in ((self.tr("Server URL"), server), (self.tr("Enrolment token"), token),
                                            (self.tr("Terminal ID"), terminal)) if not value]
        if missing:
            self.error.setText(self.tr("Please fill in: %1").replace("%1", ", ".join(missing)))
            return
        if not server.startswith(("http://", "https://")):
            self.error.setText(self.tr("The server URL must start with https:// (or http:// on a test network)."))
            return
        self._busy(True)
        self.error.setText(self.tr("Enrolling and downloading this store's data…"))

        # The thread holds no reference to this dialog (nor to any Qt object): a thread that dropped
        # the last reference to a widget would delete it off the GUI thread, which crashes Qt. Its
        # answer waits in a Future that a timer of this dialog collects on the GUI thread.
        enrol, answer = self.enrol, Future()

        def work() -> None:
            try:
                answer.set_result(enrol(server, token, terminal))
            except Exception as exc:  # worded in the dialog's language by enrol_errors (the English one is logged)
                answer.set_exception(exc)

        self._answer = answer
        self._poll.start()
        threading.Thread(target=work, name="enrol", daemon=True).start()

    def _collect(self) -> None:
        """Timer slot (GUI thread): hand the enrolment's answer to `_finished` once it is there."""
        answer = self._answer
        if answer is None or not answer.done():
            return
        self._poll.stop()
        self._answer = None
        exc = answer.exception()
        if exc is None:
            self._finished(answer.result(), None)
        else:
            self._finished(None, enrol_error_text(exc))

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for w in (self.server, self.token, self.terminal, self.buttons):
            w.setEnabled(not busy)

    def _finished(self, result: dict | None, error: str | None) -> None:
        self._busy(False)
        if error is not None:
            self.error.setText(error)
            self.token.selectAll()
            self.token.setFocus()
            return
        self.result_info = result
        self.finished_ok.emit(result)
        self.accept()
