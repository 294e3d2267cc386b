"""Shared helpers for the UI tests: a fake monotonic clock and synthesized wedge bursts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

SCANNER_GAP = 0.008  # s between characters, like a real wedge scanner
HUMAN_GAP = 0.15


class FakeMonotonic:
    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, dt: float) -> None:
        self.t += dt


_KEYS = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}


def type_keys(text: str, clock: FakeMonotonic, gap: float, *, enter: bool = True, widget=None) -> None:
    """Deliver `text` (+ Enter) key by key to the focused widget, `gap` seconds apart on `clock`."""
    for ch in text + ("\r" if enter else ""):
        clock.advance(gap)
        target = widget or QApplication.focusWidget()
        assert target is not None, "no widget has focus"
        if ch in _KEYS:
            QTest.keyClick(target, _KEYS[ch])
        else:
            QTest.keyClick(target, ch)


def wedge_scan(text: str, clock: FakeMonotonic, **kw) -> None:
    type_keys(text, clock, SCANNER_GAP, **kw)


DEMO_STORE = "CAFE-XINYI"


def demo_counter(make_service):
    """A `Counter` on a fresh replica of the bundled demo catalog, store CAFE-XINYI, clock at DEMO_NOW."""
    import json

    from terminal.usecases.counter import Counter
    from terminal.provisioning.demo import DEMO_NOW, demo_catalog_path

    catalog = json.loads(demo_catalog_path().read_text(encoding="utf-8"))
    return Counter(make_service(DEMO_STORE, catalog=catalog, at=DEMO_NOW))


def screenshot_dir(tmp_path: Path) -> Path:
    """Where a test saves its screenshots: docs/screenshots/ when LT_UPDATE_SCREENSHOTS=1 (to
    refresh the documentation's pictures on purpose), else the test's own temp folder, so an
    ordinary run leaves the checkout unchanged."""
    import os

    target = Path(__file__).resolve().parents[2] / "docs" / "screenshots" if os.environ.get("LT_UPDATE_SCREENSHOTS") == "1" \
        else tmp_path / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    return target


def key_event(ch: str, ts_ms: int, type_=None):
    """A key event for `ch` ("\r" Enter, "\t" Tab, control characters as Ctrl+letter) stamped `ts_ms`,
    like the ones a real keyboard or wedge scanner produces (QTest's carry no timestamp)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    mods = Qt.KeyboardModifier.NoModifier
    if ch in _KEYS:
        key = _KEYS[ch]
    elif ord(ch) < 32:
        key, mods = Qt.Key(ord(ch) + 64), Qt.KeyboardModifier.ControlModifier
    else:
        try:
            key = Qt.Key(ord(ch.upper()))
        except ValueError:
            key = Qt.Key.Key_unknown
        if ch.isupper():
            mods = Qt.KeyboardModifier.ShiftModifier
    ev = QKeyEvent(type_ or QEvent.Type.KeyPress, key, mods, ch)
    ev.setTimestamp(int(ts_ms))
    return ev


def send_timed(ch: str, ts_ms: int, widget=None) -> None:
    """Press and release `ch` stamped `ts_ms` on the focused widget (or `widget`)."""
    from PySide6.QtCore import QEvent

    target = widget or QApplication.focusWidget()
    assert target is not None, "no widget has focus"
    QApplication.sendEvent(target, key_event(ch, ts_ms))
    QApplication.sendEvent(target, key_event(ch, ts_ms + 2, QEvent.Type.KeyRelease))


def timed_keys(text: str, clock: FakeMonotonic, gap_ms: float, *, start_ms: float, enter: bool = True,
               process_gap: float | None = None, widget=None) -> float:
    """Type `text` (+ Enter) with timestamps `gap_ms` apart from `start_ms`; the clock (processing
    time) advances `process_gap` s per key (default: the same as the typing gap). Returns the
    timestamp after the last key."""
    ts = start_ms
    for ch in text + ("\r" if enter else ""):
        ts += gap_ms
        clock.advance(gap_ms / 1000 if process_gap is None else process_gap)
        send_timed(ch, int(ts), widget)
    return ts


def idle(filt, clock: FakeMonotonic, seconds: float, step: float = 0.02) -> None:
    """`seconds` of a responsive event loop: the wedge filter's poll timer ticks every `step`."""
    end = clock.t + seconds
    while clock.t < end:
        clock.advance(step)
        filt.poll()
