"""Scans that arrive when they cannot be applied at once: never lost, never on the wrong sale.

Two moments hold a scan back:

* a modal dialog is open (a manager's approval, a price override, sign-in...): the scan waits,
  the scan row says "1 scan waiting", and it is applied, in order, once the dialog is closed;
  (a dialog's text fields take what is typed there: terminal/ui/wedge_filter.py never makes
  those keys a scan; a badge field takes a scanned badge);
* a settlement is saving (F12 sent, its answer not back yet): the scan belongs to the NEXT
  sale. Once the sale is settled the waiting scans are applied and start the next sale; when
  the settlement is refused (the sale is still open) they are NOT applied to it: the scan row
  says how many were not applied, in red, and the cashier scans them again.

`offer(code)` answers whether the gate took the scan; the window applies it otherwise. The
gate applies waiting scans through `apply(code)` (the window's scan into the counter).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

POLL_MS = 50  # how often a waiting scan checks whether the dialog has closed
NOTE_MS = 8_000  # how long "n scans not applied" stays in the scan row
MAX_WAITING = 20  # more is not a queue but a stuck scanner: refused, said in the scan row


class ScanGate(QObject):
    changed = Signal(int)  # scans waiting

    def __init__(self, apply: Callable[[str], None], parent: QObject | None = None,
                 *, modal: Callable[[], QWidget | None] | None = None) -> None:
        super().__init__(parent)
        self.apply = apply
        self.modal = modal or QApplication.activeModalWidget
        self.waiting: list[str] = []
        self.saving = False
        self.not_applied = 0  # scans refused since the last note was cleared (tests, the label)
        self.label = QLabel()
        self.label.setObjectName("scanWaiting")
        self.label.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_MS)
        self._note_timer.timeout.connect(self._clear_note)

    def closed(self) -> bool:
        """Whether a scan must wait now (a modal dialog open, or a settlement saving)."""
        return self.saving or self.modal() is not None

    def offer(self, code: str) -> bool:
        """Take `code` when it cannot be applied now (True), or leave it to the caller (False).
        Scans waiting are applied first, so order is kept."""
        if not self.closed() and not self.waiting:
            return False
        if len(self.waiting) >= MAX_WAITING:
            self._note(1, self.tr("Too many scans are waiting: check that the scanner is not stuck."))
            return True
        self.waiting.append(code)
        self._show()
        if not self.saving:
            self._timer.start()
        return True

    # ---- settlement ---------------------------------------------------------------------
    def begin_saving(self) -> None:
        self.saving = True

    def end_saving(self, settled: bool) -> None:
        """The settlement's answer is back: `settled` applies the waiting scans (the next sale),
        otherwise they are refused (the sale they would land on is the one not settled)."""
        self.saving = False
        if settled:
            self._poll()
            if self.waiting:
                self._timer.start()
        elif self.waiting:
            n, self.waiting = len(self.waiting), []
            self._note(n, self.tr("The sale was not settled, so scans made while it was saving were not added to it."))

    # ---- internals --------------------------------------------------------------------------
    def _poll(self) -> None:
        if self.closed():
            return
        self._timer.stop()
        codes, self.waiting = self.waiting, []
        self._show()
        for code in codes:
            self.apply(code)

    def _show(self) -> None:
        n = len(self.waiting)
        self.changed.emit(n)
        if n:
            self._note_timer.stop()
            self.label.setStyleSheet("QLabel#scanWaiting { color: white; background: #ef6c00; border-radius: 6px;"
                                     " padding: 2px 8px; font-weight: bold; }")
            self.label.setText(self.tr("Scans waiting: %1").replace("%1", str(n)))
            self.label.setToolTip(self.tr("Applied when the dialog is closed or the sale is saved."))
            self.label.show()
        elif not self._note_timer.isActive():
            self.label.hide()

    def _note(self, n: int, why: str) -> None:
        self.not_applied += n
        self.label.setStyleSheet("QLabel#scanWaiting { color: white; background: #c62828; border-radius: 6px;"
                                 " padding: 2px 8px; font-weight: bold; }")
        self.label.setText(self.tr("Not applied, scan again: %1").replace("%1", str(self.not_applied)))
        self.label.setToolTip(why)
        self.label.show()
        self._note_timer.start()

    def _clear_note(self) -> None:
        self.not_applied = 0
        if not self.waiting:
            self.label.hide()
