"""App-wide keyboard-wedge scanner recognition: a Qt event filter around the pure detector.

Installed on the QApplication, it sees every KeyPress whichever widget has focus and asks
`terminal.scanning.wedge.WedgeDetector` what to do with it (pass / hold / swallow).

* Each key press is handled ONCE. PySide6 6.12 shows an application filter the same
  KeyPress for the QWindow and then for the focused widget (and again for each parent
  while it propagates unaccepted): only the copy addressed to the focus widget (or to the
  window when nothing has focus) is fed to the detector; the others pass untouched.
* Leaks: the first keys of a burst reach the focused field before a burst can be told
  from typing; when the burst is a scan, they are deleted from the field again.
* Held keys of what turned out to be typing are re-delivered in order.
* IME-safe: composing input methods send QInputMethodEvent, not KeyPress; the scan field
  disables input methods so a scanner's keys are never composed. Full-width digits an
  IME might commit are NFKC-normalised by the code parser.
* Time: bursts are judged by the key events' own timestamps (QKeyEvent.timestamp(), ms,
  when the key was typed), not by when they are processed: a GUI stall of 35-200 ms
  mid-burst delivers the rest late and in a clump, and that must neither split the scan nor
  leave characters in the field. Events without a timestamp (0: synthesized by QTest) use
  the injectable monotonic `clock`. Silence (a burst ended without Enter) is measured on the
  `clock` from the last key *processed*, and a poll that comes late (the GUI thread was
  stalled: more keys may still wait in the queue) starts the silence again.
* Where keys go (`wedge` property of the focus widget or an ancestor: "scan", "type",
  "badge"): unmarked text fields of dialogs (void reason, close-day reason, conflict note,
  file name, ids) are "type": their keys are never taken as a scan, however fast. "badge"
  fields (staff id of the sign-in dialog) take a scanned badge as their text and move on
  to the next field. Everything else is "scan".
* Control characters are stripped from scanned text (the detector's `strip_controls`).
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QDialog, QLineEdit, QPlainTextEdit,
                               QTextEdit, QWidget)

from terminal.scanning.wedge import Action, HeldKey, WedgeDecision, WedgeDetector

_MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr,
                  Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock}
_NAMED = {Qt.Key.Key_Return: "Enter", Qt.Key.Key_Enter: "Enter", Qt.Key.Key_Tab: "Tab", Qt.Key.Key_Backtab: "Backtab",
          Qt.Key.Key_Backspace: "Backspace", Qt.Key.Key_Escape: "Escape", Qt.Key.Key_Delete: "Delete"}


_TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)
SCAN, TYPE, BADGE = "scan", "type", "badge"
_WEDGE_PROPERTY = b"wedge"
POLL_MS = 20
BADGE_MIN_LENGTH = 2  # a fast run of 2+ characters ended by Enter in a badge field is a badge ("C01")
STALL_S = 0.060  # a poll later than this after the previous one: the GUI thread was stalled


def input_role(widget: QWidget | None) -> str:
    """SCAN, TYPE or BADGE for keys typed into `widget` (see the module docstring)."""
    # PySide6 6.12 on CPython 3.11 drops a reference to None whenever a binding returns None
    # (property() of an unset name, parentWidget() of a window, ...): called per key, that ends
    # in "Fatal Python error: none_dealloc". Ask only questions whose answer is never None.
    w = widget
    while w is not None:
        if _WEDGE_PROPERTY in w.dynamicPropertyNames():
            role = w.property("wedge")
            if role in (SCAN, TYPE, BADGE):
                return role
        if w.isWindow():
            break
        w = w.parentWidget()
    if widget is not None and isinstance(widget.window(), QDialog):
        if isinstance(widget, _TEXT_INPUTS) or (isinstance(widget, QComboBox) and widget.isEditable()):
            return TYPE
    return SCAN


class _KeyCopy:
    """What is needed to re-deliver a held key press later."""

    __slots__ = ("key", "modifiers", "text")

    def __init__(self, ev: QKeyEvent) -> None:
        self.key, self.modifiers, self.text = ev.key(), ev.modifiers(), ev.text()

    def event(self, type_: QEvent.Type = QEvent.Type.KeyPress) -> QKeyEvent:
        return QKeyEvent(type_, self.key, self.modifiers, self.text)


class WedgeFilter(QObject):
    """Emits `scanned(text)` for every wedge scan; everything else reaches the widgets."""

    scanned = Signal(str)
    badge_scanned = Signal(str)  # a badge scanned into a "badge" field (it is in the field already)

    def __init__(self, detector: WedgeDetector | None = None, *, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None, enabled: bool = True) -> None:
        super().__init__(parent)
        self.detector = detector or WedgeDetector()
        self.clock = clock
        self.enabled = enabled
        self._replaying = False
        self._swallow_release: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._history: list[tuple[QLineEdit, str, int]] = []  # field state before each passed key
        self.last_scan_at: float | None = None  # clock time the last scan was recognised (benchmarks)
        self._last_key_t = 0.0  # detector time (event timestamp, s) of the last key fed
        self._quiet_since = 0.0  # clock time of the last key processed, or of the end of a stall
        self._last_poll: float | None = None
        self._stamped: bool | None = None  # whether the last key fed carried its own timestamp

    # ---- the filter -----------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        et = event.type()
        if et == QEvent.Type.KeyRelease:
            if not self._replaying and isinstance(obj, QWidget) and event.key() in self._swallow_release and self._is_target(obj):
                self._swallow_release.discard(event.key())
                return True
            return False
        if et != QEvent.Type.KeyPress or self._replaying or not self.enabled:
            return False
        if not isinstance(obj, QWidget) or not self._is_target(obj):
            return False  # the QWindow copy, or a propagation step: handled elsewhere/already
        ev: QKeyEvent = event  # type: ignore[assignment]
        if ev.key() in _MODIFIER_KEYS:
            return False
        if ev.isAutoRepeat():
            return False
        key = self._key_name(ev)
        if key is None:
            return False
        role = input_role(obj)
        if role == TYPE:  # a dialog's text field: what is typed there stays there
            if self.detector.busy:
                self._replay(self.detector.reset())
            return False
        before = self._snapshot(obj)
        t = self._event_time(ev)
        decision = self.detector.feed(t, key, _KeyCopy(ev), min_length=BADGE_MIN_LENGTH if role == BADGE else None)
        consumed = self._apply(decision, obj)
        if not consumed and before is not None:
            self._history = (self._history + [before])[-8:]
        if consumed:
            self._swallow_release.add(ev.key())
        if self.detector.busy and not self._timer.isActive():
            self._timer.start()
            self._last_poll = self.clock()  # a stall before the first tick is a stall too
        return consumed

    def _event_time(self, ev: QKeyEvent) -> float:
        """The key's typing time in seconds: its own timestamp, else the clock; remembers it and
        restarts the silence measurement."""
        now = self.clock()
        stamp = ev.timestamp()
        stamped = stamp > 0
        t = stamp / 1000.0 if stamped else now
        if self._stamped is not None and stamped != self._stamped and self.detector.busy:
            t = self._last_key_t + 10.0  # the time base changed: a new run, whatever the numbers say
        self._stamped = stamped
        self._last_key_t, self._quiet_since = t, now
        return t

    @staticmethod
    def _is_target(obj: QWidget) -> bool:
        focus = QApplication.focusWidget()
        if focus is not None:
            return obj is focus
        return obj.isWindow()

    @staticmethod
    def _key_name(ev: QKeyEvent) -> str | None:
        k = ev.key()
        if k in _NAMED:
            return _NAMED[k]
        text = ev.text()
        if len(text) == 1 and (text.isprintable() or text == "\x02" or text == "\x03"):
            if ev.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
                return text if not text.isprintable() else f"Ctrl+{text}"
            return text
        return f"key:{int(k)}"

    def poll(self) -> None:
        """Timer tick: end bursts on silence, give back keys of a lost suffix."""
        now = self.clock()
        if self._last_poll is not None and now - self._last_poll > STALL_S:
            self._quiet_since = max(self._quiet_since, now)  # stalled: keys typed meanwhile may still be queued
        self._last_poll = now
        silence = max(0.0, now - self._quiet_since)
        decision = self.detector.tick(self._last_key_t + silence)
        self._apply(decision, QApplication.focusWidget())
        if not self.detector.busy:
            self._timer.stop()
            self._last_poll = None

    # ---- applying decisions ---------------------------------------------------------
    def _apply(self, decision: WedgeDecision, target: QObject | None) -> bool:
        if decision.scan is not None:
            focus = QApplication.focusWidget()
            self._delete_leaked(focus, decision.scan.leaked)
            self.last_scan_at = self.clock()
            if input_role(focus) == BADGE and self._fill_badge(focus, decision.scan.text):
                pass
            else:
                self.scanned.emit(decision.scan.text)
        if decision.replay:
            self._replay(decision.replay)
        return decision.action in (Action.HOLD, Action.SWALLOW)

    def _fill_badge(self, widget: QWidget | None, text: str) -> bool:
        """A badge scanned into a "badge" field: it becomes the field's text, focus moves on."""
        edit = self._line_edit(widget)
        if edit is None or edit.isReadOnly():
            return False
        edit.setText(text.strip())
        edit.setCursorPosition(len(edit.text()))
        nxt = edit.nextInFocusChain()
        while nxt is not None and nxt is not edit:
            if nxt.isEnabled() and nxt.isVisible() and nxt.focusPolicy() & Qt.FocusPolicy.TabFocus:
                nxt.setFocus(Qt.FocusReason.TabFocusReason)
                break
            nxt = nxt.nextInFocusChain()
        self.badge_scanned.emit(text.strip())
        return True

    def _replay(self, keys: tuple[HeldKey, ...]) -> None:
        target = QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for held in keys:
                copy = held.token
                if isinstance(copy, _KeyCopy):
                    QCoreApplication.sendEvent(target, copy.event(QEvent.Type.KeyPress))
                    QCoreApplication.sendEvent(target, copy.event(QEvent.Type.KeyRelease))
        finally:
            self._replaying = False

    @staticmethod
    def _line_edit(widget: QObject | None) -> QLineEdit | None:
        if isinstance(widget, QAbstractSpinBox):
            widget = widget.findChild(QLineEdit)
        return widget if isinstance(widget, QLineEdit) else None

    def _snapshot(self, widget: QObject) -> tuple[QLineEdit, str, int] | None:
        edit = self._line_edit(widget)
        return None if edit is None else (edit, edit.text(), edit.cursorPosition())

    def _delete_leaked(self, widget: QWidget | None, count: int) -> None:
        """Undo the `count` key presses a burst delivered before it was recognised.

        Line edits are restored to their text before the first leaked key (exact even when
        a validator rejected some of them); other text widgets lose `count` characters.
        """
        history, self._history = self._history, []
        if widget is None or count <= 0:
            return
        edit = self._line_edit(widget)
        if edit is not None:
            if edit.isReadOnly():
                return
            if len(history) >= count and history[-count][0] is edit:
                _, text, pos = history[-count]
                edit.setText(text)
                edit.setCursorPosition(pos)
            else:
                for _ in range(count):
                    edit.backspace()
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            if widget.isReadOnly():
                return
            cursor = widget.textCursor()
            for _ in range(count):
                cursor.deletePreviousChar()
            widget.setTextCursor(cursor)
