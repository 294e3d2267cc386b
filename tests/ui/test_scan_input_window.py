"""The counter window and scanner input (issue 17 §1): double reads taken once and shown, control
characters stripped, keyboard-layout refusals in the cashier's words."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from terminal.usecases.counter import Counter  # noqa: E402
from terminal.ui import i18n  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from tests.conftest import card  # noqa: E402
from tests.ui.helpers import FakeMonotonic, timed_keys, wedge_scan  # noqa: E402

M1 = card("290000000001")
SV = card("980000000001")  # M1's stored voucher, 10 coffees
LATTE = card("471000000001")


@pytest.fixture
def win(qtbot, make_service):
    clock = FakeMonotonic()
    window, wedge, worker = build_window(Counter(make_service("A-001")), WindowOptions(ask_login=False, language="en"),
                                         wedge_clock=clock)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.focus_scan()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.scan_field)
    step(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    window.focus_scan()
    yield window, clock
    QApplication.instance().removeEventFilter(wedge)
    worker.shutdown()
    i18n.install(QApplication.instance(), "en")


def step(window, qtbot, fn, check):
    fn()
    qtbot.waitUntil(lambda: window.view is not None and bool(check(window.view)), timeout=5000)
    return window.view


def test_voucher_read_twice_within_a_second_is_used_once_and_the_cashier_sees_it(win, qtbot):
    window, clock = win
    step(window, qtbot, lambda: wedge_scan(M1, clock), lambda v: v.member is not None)
    step(window, qtbot, lambda: wedge_scan(LATTE, clock), lambda v: v.lines)
    clock.advance(1.2)
    v = step(window, qtbot, lambda: wedge_scan(SV, clock), lambda v: v.coupons)
    assert v.coupons[0].uses == 1
    wedge_scan(SV, clock)  # the scanner reads it again 0.1 s later
    assert window.repeats.ignored == 1
    assert "read twice" in window.notice_headline.text() and "counted once" in window.notice_headline.text()
    assert SV in window.notice_detail.text()
    qtbot.wait(50)
    assert window.view.coupons[0].uses == 1
    clock.advance(1.2)  # a deliberate second scan, after the window: a second use
    v = step(window, qtbot, lambda: wedge_scan(SV, clock), lambda v: v.coupons[0].uses == 2)
    assert v.coupons[0].uses == 2


def test_repeat_window_is_configurable(win, qtbot):
    window, clock = win
    window.repeats.window_s = 0  # off
    step(window, qtbot, lambda: wedge_scan(LATTE, clock), lambda v: v.lines)
    v = step(window, qtbot, lambda: wedge_scan(LATTE, clock), lambda v: v.lines[0].quantity == 2)
    assert window.repeats.ignored == 0 and v.lines[0].quantity == 2


def test_repeat_setting_is_read_from_the_config(monkeypatch):
    from terminal.infra.config import load_config

    monkeypatch.setenv("LT_SCAN_REPEAT_WINDOW", "0.5")
    assert load_config().scanner.repeat_window_s == 0.5


def test_stx_framed_scan_into_the_counter(win, qtbot):
    window, clock = win
    v = step(window, qtbot, lambda: timed_keys("\x02" + M1 + "\x03", clock, 8, start_ms=5_000),
             lambda v: v.member is not None)
    assert v.member.id == "M1" and window.scan_field.text() == ""


def test_scan_field_strips_control_characters(win, qtbot):
    window, _clock = win
    v = step(window, qtbot, lambda: window.scan("\x02" + M1 + "\x03\r"), lambda v: v.member is not None)
    assert v.member.id == "M1"


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_keyboard_layout_refusal_tells_how_to_fix_it(win, qtbot, lang):
    window, clock = win
    window.set_language(lang)
    wrong = M1[:-1] + str((int(M1[-1]) + 1) % 10)
    azerty = wrong.translate(str.maketrans("1234567890", "&é\"'(-è_çà"))
    v = step(window, qtbot, lambda: window.scan(azerty), lambda v: v.notice is not None and v.notice.reason == "keyboard_layout")
    head = window.notice_headline.text()
    assert ("US English" in head) if lang == "en" else ("美式英文" in head)
    assert v.member is None
