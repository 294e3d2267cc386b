"""The "Sync now" button (top bar, and the manager desk's close of day): one sync round at once.

The round runs on the sync runner's own thread (`SyncRunner.sync_now`, through the service's
`sync_now` hook); waiting for it happens on this button's own lane (`SyncLane`), never on the GUI
thread nor on the printer's lane. While it runs the button says "Syncing…" and is disabled; then
`finished(ok, text)` carries the result in the cashier's language: "Synced: pushed 3, pulled 12"
or what went wrong in words (offline, vault locked, credential refused, no answer in time).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from terminal.ui.worker import Worker

SYNC_NOW_TIMEOUT_S = 60.0  # seconds a "Sync now" waits for the round's answer (the round itself goes on)


class SyncLane(Worker):
    """The lane that waits for a "Sync now" round: a slow server never holds up the printer or the replica."""

    THREAD_NAME = "sync-now"


def result_text(res: dict[str, Any]) -> str:
    """"Synced: pushed 3, pulled 12 · 2 still waiting · 1 conflict(s) for the manager" from SyncRunner.sync_now's counts."""
    text = QCoreApplication.translate("SyncNow", "Synced: pushed %1, pulled %2").replace("%1", str(res.get("pushed", 0))).replace("%2", str(res.get("pulled", 0)))
    if res.get("pending"):
        text += " · " + QCoreApplication.translate("SyncNow", "%1 still waiting").replace("%1", str(res["pending"]))
    if res.get("conflicts"):
        text += " · " + QCoreApplication.translate("SyncNow", "%1 conflict(s) for the manager").replace("%1", str(res["conflicts"]))
    return text


def error_text(exc: BaseException) -> str:
    """What a failed "Sync now" means, in words (never a class name)."""
    from sync.client import AuthFailed, CredentialVaultUnavailable, NotEnrolled, TransientError

    if isinstance(exc, CredentialVaultUnavailable):
        return QCoreApplication.translate("SyncNow", "Not synced: the credential vault is locked. Sign in to Windows again (or unlock the keyring); "
                  "sales stay on this PC.")
    if isinstance(exc, TransientError):
        why = getattr(exc, "reason", "") or str(exc)
        return QCoreApplication.translate("SyncNow", "Not synced: the server cannot be reached (%1). Sales stay on this PC and go when it answers.").replace("%1", why)
    if isinstance(exc, (AuthFailed, NotEnrolled)):
        return QCoreApplication.translate("SyncNow", "Not synced: the server refused this terminal's credential. Call IT to enrol it again.")
    if isinstance(exc, TimeoutError):
        return QCoreApplication.translate("SyncNow", "No answer from the server within %1 s; syncing goes on in the background.").replace(
            "%1", f"{SYNC_NOW_TIMEOUT_S:g}")
    return QCoreApplication.translate("SyncNow", "Not synced: %1").replace("%1", str(exc) or QCoreApplication.translate("SyncNow", "unknown error"))


class SyncNowButton(QPushButton):
    """Press: `runner()` (blocking, returns SyncRunner.sync_now's counts) on the `SyncLane`; then `finished`.
    `runner` None: the terminal is not enrolled, pressing says so."""

    finished = Signal(bool, str)  # ok, result or error in the current language
    started = Signal()

    def __init__(self, runner: Callable[[], dict[str, Any]] | None = None, parent: QWidget | None = None,
                 lane: Worker | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncNow")
        self.runner = runner
        self.lane = lane or SyncLane(self)
        self.running = False
        self.last_text = ""
        self.clicked.connect(self.trigger)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(QCoreApplication.translate("SyncNow", "Syncing…") if self.running else QCoreApplication.translate("SyncNow", "Sync now"))
        self.setToolTip(self.last_text or QCoreApplication.translate("SyncNow", "Send the sales waiting on this PC and fetch the server's changes now"))

    def trigger(self) -> None:
        if self.running:
            return
        if self.runner is None:
            self._done(False, QCoreApplication.translate("SyncNow", "Not synced: this terminal is not connected to a server (not enrolled)."))
            return
        self.running = True
        self.setEnabled(False)
        self.retranslate()
        self.started.emit()
        runner = self.runner
        self.lane.submit(runner, lambda res: self._done(True, result_text(res)),
                         lambda exc: self._done(False, error_text(exc)))

    def _done(self, ok: bool, text: str) -> None:
        self.running = False
        self.setEnabled(True)
        self.last_text = text
        self.retranslate()
        self.finished.emit(ok, text)
