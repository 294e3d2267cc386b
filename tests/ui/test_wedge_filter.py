"""App-wide wedge recognition through the real Qt event filter, with synthesized key events."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox, QVBoxLayout, QWidget  # noqa: E402

from terminal.scanning.wedge import WedgeDetector  # noqa: E402
from terminal.ui.wedge_filter import WedgeFilter  # noqa: E402
from tests.ui.helpers import HUMAN_GAP, SCANNER_GAP, FakeMonotonic, idle, type_keys  # noqa: E402


@pytest.fixture
def form(qtbot):
    clock = FakeMonotonic()
    app = QApplication.instance()
    w = QWidget()
    lay = QVBoxLayout(w)
    name, other, spin = QLineEdit(), QLineEdit(), QSpinBox()
    spin.setRange(0, 1000)
    for x in (name, other, spin):
        lay.addWidget(x)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    name.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name)
    filt = WedgeFilter(WedgeDetector(), clock=clock)
    scans: list[str] = []
    filt.scanned.connect(scans.append)
    app.installEventFilter(filt)
    yield {"name": name, "other": other, "spin": spin, "clock": clock, "scans": scans, "filter": filt}
    app.removeEventFilter(filt)


def test_scanner_burst_is_a_scan_and_leaves_nothing_in_the_field(form):
    form["name"].setText("Ann")
    type_keys("2900000000018", form["clock"], SCANNER_GAP)
    assert form["scans"] == ["2900000000018"]
    assert form["name"].text() == "Ann"


def test_human_typing_is_not_a_scan(form):
    type_keys("2900000000018", form["clock"], HUMAN_GAP, enter=False)
    assert form["scans"] == []
    assert form["name"].text() == "2900000000018"


def test_burst_into_a_spinbox_with_validator(form):
    form["spin"].setFocus()
    QApplication.processEvents()
    form["spin"].lineEdit().selectAll()
    type_keys("LT1CABCDEFGH234567", form["clock"], SCANNER_GAP)
    assert form["scans"] == ["LT1CABCDEFGH234567"]
    assert form["spin"].value() == 0


def test_burst_ended_by_silence(form, qtbot):
    type_keys("4710000000011", form["clock"], SCANNER_GAP, enter=False)
    assert form["scans"] == []
    idle(form["filter"], form["clock"], 0.2)
    assert form["scans"] == ["4710000000011"]
    assert form["name"].text() == ""


def test_short_fast_run_is_given_back_in_order(form):
    # a fast 4-key run (e.g. two hands rolling) is shorter than a scan: every key arrives
    type_keys("abcd", form["clock"], SCANNER_GAP, enter=False)
    idle(form["filter"], form["clock"], 0.2)
    assert form["scans"] == []
    assert form["name"].text() == "abcd"


def test_each_keypress_is_counted_once(form):
    """Real delivery path: the key goes to the QWindow, which forwards it to the focus
    widget; an application filter sees both copies and must feed the detector once."""
    from PySide6.QtCore import QObject

    class Spy(QObject):
        seen = 0

        def eventFilter(self, obj, ev):  # noqa: N802
            if ev.type() == QEvent.Type.KeyPress:
                Spy.seen += 1
            return False

    spy = Spy()
    QApplication.instance().installEventFilter(spy)
    name = form["name"]
    handle = name.window().windowHandle()
    assert handle is not None
    clock = form["clock"]
    try:
        for ch in "2900000000018":
            clock.advance(SCANNER_GAP)
            QApplication.sendEvent(handle, QKeyEvent(QEvent.Type.KeyPress, Qt.Key(ord(ch)), Qt.KeyboardModifier.NoModifier, ch))
        clock.advance(SCANNER_GAP)
        QApplication.sendEvent(handle, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert Spy.seen >= 2 * 14  # every press was shown to application filters at least twice
    assert form["scans"] == ["2900000000018"]
    assert name.text() == ""


def test_prefix_mode_swallows_everything(qtbot):
    clock = FakeMonotonic()
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    filt = WedgeFilter(WedgeDetector(prefix="\x02"), clock=clock)
    scans: list[str] = []
    filt.scanned.connect(scans.append)
    QApplication.instance().installEventFilter(filt)
    try:
        clock.advance(0.01)
        QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier, "\x02"))
        type_keys("ABC", clock, HUMAN_GAP)  # slow, but inside prefix..suffix: still a scan
        assert scans == ["ABC"] and edit.text() == ""
    finally:
        QApplication.instance().removeEventFilter(filt)
