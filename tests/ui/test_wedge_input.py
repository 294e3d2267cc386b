"""Scanner input on a busy PC (issue 17 §1): bursts judged by the key events' own timestamps,
dialog text fields never taken as scans, badges into the sign-in dialog, control characters.

Key events carry explicit timestamps (ms, when typed); the FakeMonotonic clock is the processing
time. A GUI stall is simulated by processing keys late and in a clump while their timestamps stay
8 ms apart, and by the poll timer firing late (before the queued keys)."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import (QApplication, QDialog, QLineEdit, QPlainTextEdit, QVBoxLayout,  # noqa: E402
                               QWidget)

from terminal.scanning.wedge import WedgeDetector  # noqa: E402
from terminal.ui.dialogs import LoginDialog, ManagerDialog  # noqa: E402
from terminal.ui.wedge_filter import WedgeFilter  # noqa: E402
from tests.ui.helpers import FakeMonotonic, idle, send_timed, timed_keys  # noqa: E402

B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
MEMBER_QR = "LT1M" + "AEQGCTCNJQYDCMBQGAYDCOJQGAYDC" * 4  # a long member QR's worth of base32


def _focus(qtbot, widget):
    widget.window().show()
    qtbot.waitExposed(widget.window())
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


@pytest.fixture
def scan_form(qtbot):
    """A counter-like window: the scan field and a filter on a fake clock."""
    clock = FakeMonotonic()
    w = QWidget()
    lay = QVBoxLayout(w)
    field = QLineEdit()
    field.setProperty("wedge", "scan")
    field.setMaxLength(600)
    lay.addWidget(field)
    qtbot.addWidget(w)
    _focus(qtbot, field)
    filt = WedgeFilter(WedgeDetector(), clock=clock)
    scans: list[str] = []
    filt.scanned.connect(scans.append)
    QApplication.instance().installEventFilter(filt)
    yield {"field": field, "clock": clock, "scans": scans, "filter": filt}
    QApplication.instance().removeEventFilter(filt)


def _stalled_burst(f, code: str, *, start_ms: float, stall_at: int, stall_s: float, poll_first: bool = True,
                   gap_ms: float = 8.0) -> float:
    """`code` + Enter typed `gap_ms` apart; the GUI thread stalls `stall_s` after the key at
    `stall_at`: the keys typed meanwhile are processed in a clump after it, the poll timer
    (every 20 ms while busy) fires late, before them when `poll_first`."""
    clock, filt = f["clock"], f["filter"]
    keys = code + "\r"
    t0 = clock.t
    stall_start = t0 + (stall_at + 1) * gap_ms / 1000
    stall_end = stall_start + stall_s
    next_poll = t0 + 0.020
    polled_after_stall = False
    for i, ch in enumerate(keys):
        typed = t0 + (i + 1) * gap_ms / 1000
        processed = typed if typed < stall_start else max(typed, stall_end)
        while next_poll <= processed:  # timer ticks while the GUI thread is free
            if stall_start <= next_poll < stall_end:
                next_poll = stall_end
                if not poll_first:
                    break
            clock.t = next_poll
            filt.poll()
            polled_after_stall = polled_after_stall or next_poll >= stall_end
            next_poll += 0.020
        clock.t = max(clock.t + 0.0003, processed)  # a clump: each key takes a fraction of a ms
        send_timed(ch, int(start_ms + (typed - t0) * 1000))
    if not polled_after_stall and stall_s:
        clock.t = max(clock.t, stall_end)
        filt.poll()
    idle(filt, clock, 0.3)
    return start_ms + len(keys) * gap_ms + 300


def test_stall_mid_burst_gives_one_whole_scan(scan_form):
    f = scan_form
    _stalled_burst(f, MEMBER_QR, start_ms=1_000, stall_at=20, stall_s=0.100)
    assert f["scans"] == [MEMBER_QR]
    assert f["field"].text() == ""
    # and the next code is not prefixed by anything left behind
    _stalled_burst(f, "2900000000018", start_ms=5_000, stall_at=6, stall_s=0.0)
    assert f["scans"] == [MEMBER_QR, "2900000000018"]
    assert f["field"].text() == ""


def test_whole_burst_processed_late_in_a_clump(scan_form):
    """The GUI thread was busy for 200 ms while the scanner typed everything: all keys arrive at once."""
    f = scan_form
    f["clock"].advance(0.2)
    timed_keys("4710000000011", f["clock"], 8, start_ms=10_000, process_gap=0.0002)
    assert f["scans"] == ["4710000000011"] and f["field"].text() == ""


def test_late_poll_before_the_queued_keys_does_not_end_the_burst(scan_form):
    """Without Enter the burst ends on silence - but a poll arriving after a stall must wait for the queue."""
    f = scan_form
    timed_keys("47100", f["clock"], 8, start_ms=1_000, enter=False)
    f["clock"].advance(0.150)  # stalled: no poll for 150 ms
    f["filter"].poll()  # the late poll comes first
    assert f["scans"] == []
    timed_keys("00000011", f["clock"], 8, start_ms=1_040, enter=False, process_gap=0.0002)
    idle(f["filter"], f["clock"], 0.15)
    assert f["scans"] == ["4710000000011"] and f["field"].text() == ""


def test_one_thousand_bursts_with_random_stalls_never_split(scan_form):
    rng = random.Random(17)
    f = scan_form
    expected = []
    ts = 1_000.0
    for _ in range(1000):
        if rng.random() < 0.5:
            body = "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 19)))
            code = body
        else:
            code = "LT1M" + "".join(rng.choice(B32) for _ in range(rng.randint(8, 60)))
        ts = _stalled_burst(f, code, start_ms=ts, stall_at=rng.randrange(len(code)),
                            stall_s=rng.uniform(0, 0.200), poll_first=rng.random() < 0.5,
                            gap_ms=rng.uniform(4, 12))
        expected.append(code)
        f["clock"].advance(0.2)
        ts += 200
    assert f["field"].text() == ""
    splits = sum(1 for a, b in zip(f["scans"], expected) if a != b) + abs(len(f["scans"]) - len(expected))
    assert splits == 0
    assert f["scans"] == expected


def test_events_through_the_window_keep_their_timestamps(scan_form):
    """The real path: the platform gives the key to the QWindow, which forwards it to the focus widget."""
    from tests.ui.helpers import key_event

    f = scan_form
    handle = f["field"].window().windowHandle()
    f["clock"].advance(0.2)  # processed late, all at once
    for i, ch in enumerate("2900000000018\r"):
        f["clock"].advance(0.0002)
        QApplication.sendEvent(handle, key_event(ch, 20_000 + 8 * i))
    assert f["scans"] == ["2900000000018"] and f["field"].text() == ""


def test_human_typing_with_timestamps_is_not_a_scan(scan_form):
    f = scan_form
    timed_keys("2900000000018", f["clock"], 150, start_ms=1_000, enter=False)
    idle(f["filter"], f["clock"], 0.3)
    assert f["scans"] == [] and f["field"].text() == "2900000000018"


# ---- control characters -----------------------------------------------------------
def test_stx_code_enter_without_a_prefix_configured(scan_form):
    f = scan_form
    timed_keys("\x022900000000018\x03", f["clock"], 8, start_ms=1_000)
    assert f["scans"] == ["2900000000018"] and f["field"].text() == ""


def test_strip_controls():
    from terminal.scanning.wedge import strip_controls

    assert strip_controls("\x02LT1MABC\x03\x1d\x7f") == "LT1MABC"
    assert strip_controls("A\tB", keep="\t") == "A\tB"


# ---- dialogs: typing stays in the field ----------------------------------------------
@pytest.fixture
def wedge_on(qtbot):
    clock = FakeMonotonic()
    filt = WedgeFilter(WedgeDetector(), clock=clock)
    scans: list[str] = []
    filt.scanned.connect(scans.append)
    QApplication.instance().installEventFilter(filt)
    yield {"clock": clock, "scans": scans, "filter": filt}
    QApplication.instance().removeEventFilter(filt)


REASON = "Customer changed her mind 2026"


@pytest.mark.parametrize("process_gap", [None, 0.0002], ids=["fast-typist", "after-a-stall"])
def test_void_reason_typed_fast_stays_in_the_dialog(qtbot, wedge_on, process_gap):
    dlg = ManagerDialog("Void last checkout")
    qtbot.addWidget(dlg)
    _focus(qtbot, dlg.reason)
    if process_gap:
        wedge_on["clock"].advance(2.0)  # a 2 s stall: everything typed meanwhile arrives at once
    timed_keys(REASON, wedge_on["clock"], 8, start_ms=1_000, enter=False, process_gap=process_gap)
    idle(wedge_on["filter"], wedge_on["clock"], 0.3)
    assert dlg.reason.text() == REASON
    assert wedge_on["scans"] == []


def test_every_text_field_of_a_dialog_keeps_what_is_typed(qtbot, wedge_on):
    """Close-day reason, conflict note, file name: any QLineEdit / QPlainTextEdit in a dialog."""
    dlg = QDialog()
    lay = QVBoxLayout(dlg)
    name, note = QLineEdit(), QPlainTextEdit()
    lay.addWidget(name)
    lay.addWidget(note)
    qtbot.addWidget(dlg)
    _focus(qtbot, name)
    timed_keys("close-2026-11-30.pdf", wedge_on["clock"], 5, start_ms=1_000, process_gap=0.0001)
    _focus(qtbot, note)
    timed_keys("Checked with the customer", wedge_on["clock"], 5, start_ms=3_000, enter=False, process_gap=0.0001)
    idle(wedge_on["filter"], wedge_on["clock"], 0.3)
    assert name.text() == "close-2026-11-30.pdf"
    assert note.toPlainText() == "Checked with the customer"
    assert wedge_on["scans"] == []


# ---- badge login ----------------------------------------------------------------------
def test_staff_badge_scanned_into_sign_in_fills_the_staff_id(qtbot, wedge_on):
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    badges: list[str] = []
    wedge_on["filter"].badge_scanned.connect(badges.append)
    _focus(qtbot, dlg.staff_id)
    timed_keys("C01", wedge_on["clock"], 8, start_ms=1_000)
    assert dlg.staff_id.text() == "C01"
    assert wedge_on["scans"] == [] and badges == ["C01"]
    assert QApplication.focusWidget() is dlg.pin  # on to the PIN
    assert dlg.isVisible() and dlg.result() == 0  # the badge's Enter did not submit an empty PIN
    timed_keys("1234", wedge_on["clock"], 180, start_ms=2_000, enter=False)
    assert dlg.values() == ("C01", "1234")


def test_long_badge_after_a_stall_fills_the_staff_id(qtbot, wedge_on):
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    _focus(qtbot, dlg.staff_id)
    wedge_on["clock"].advance(0.15)
    timed_keys("MGR1-BADGE-0042", wedge_on["clock"], 8, start_ms=1_000, process_gap=0.0002)
    assert dlg.staff_id.text() == "MGR1-BADGE-0042" and wedge_on["scans"] == []


def test_staff_id_typed_by_hand_is_typing(qtbot, wedge_on):
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    _focus(qtbot, dlg.staff_id)
    timed_keys("C01", wedge_on["clock"], 200, start_ms=1_000, enter=False)
    assert dlg.staff_id.text() == "C01" and QApplication.focusWidget() is dlg.staff_id
    send_timed("\t", 2_000)
    timed_keys("1234", wedge_on["clock"], 40, start_ms=3_000, enter=False)  # a fast PIN is typing too
    assert dlg.values() == ("C01", "1234") and wedge_on["scans"] == []
