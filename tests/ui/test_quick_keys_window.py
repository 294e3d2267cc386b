"""Quick keys and the on-screen numpad in the counter window (issue 17 §4.2 and §4.7), on the demo
catalog with the wedge filter installed: a tap adds one of the product and leaves the scan field
focused, so a scanner read right after it still scans; search by a Chinese or English part of a
name; the numpad types an amount and a masked PIN (backspace, clear, OK) without taking the focus."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QRect, QSize, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from terminal.ui import i18n  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.ui.dialogs import LoginDialog, ManagerDialog  # noqa: E402
from terminal.ui.desk_widgets import ManagerPinDialog  # noqa: E402
from terminal.ui.numpad import NumPad  # noqa: E402
from tests.ui.helpers import FakeMonotonic, demo_counter, wedge_scan  # noqa: E402

CASHIER = ("CAFE-XINYI-C1", "1234")
LATTE_BARCODE = "4712468000022"
AREA = QSize(1024, 768) - QSize(16, 80)


@pytest.fixture
def win(qtbot, make_service):
    clock = FakeMonotonic()
    window, wedge, worker = build_window(demo_counter(make_service), WindowOptions(ask_login=False, language="zh_TW"),
                                         wedge_clock=clock)
    qtbot.addWidget(window)
    window.setGeometry(QRect(QPoint(0, 0), AREA))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    step(window, qtbot, lambda: window.login(*CASHIER), lambda v: v.cashier is not None)
    window.focus_scan()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.scan_field)
    yield window, clock
    QApplication.instance().removeEventFilter(wedge)
    worker.shutdown()
    i18n.install(QApplication.instance(), "en")


def step(window, qtbot, fn, check):
    before = window.view.seq if window.view else 0
    fn()
    qtbot.waitUntil(lambda: window.view is not None and window.view.seq > before and bool(check(window.view)), timeout=5000)
    return window.view


def open_keys(window, qtbot):
    QTest.keyClick(window.scan_field, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.quick_keys.isVisible() and len(window.quick_keys.keys) > 0, timeout=5000)
    assert not window.coupon_panel.isVisible() and window.quick_keys_button.isChecked()


def key(window, name: str):
    return next(k for k in window.quick_keys.keys if k.product.name == name)


def test_a_tap_adds_one_and_a_scan_right_after_still_scans(win, qtbot):
    window, clock = win
    open_keys(window, qtbot)
    assert [b.text() for b in window.quick_keys.tab_buttons][:3] == ["咖啡", "茶飲", "麵包"]
    pourover = key(window, "手沖單品咖啡")  # no barcode: only a key sells it
    assert pourover.product.price == 160 and "$160" in pourover.text()
    v = step(window, qtbot, lambda: qtbot.mouseClick(pourover, Qt.MouseButton.LeftButton), lambda v: v.lines)
    assert [(ln.name, ln.quantity) for ln in v.lines] == [("手沖單品咖啡", 1)]
    assert "手沖單品咖啡" in window.notice_headline.text()
    v = step(window, qtbot, lambda: qtbot.mouseClick(pourover, Qt.MouseButton.LeftButton), lambda v: v.lines[0].quantity == 2)
    assert v.preview.total == 320
    assert QApplication.focusWidget() is window.scan_field  # keys never take the focus
    clock.advance(2)
    v = step(window, qtbot, lambda: wedge_scan(LATTE_BARCODE, clock), lambda v: len(v.lines) == 2)
    assert v.lines[1].name == "拿鐵" and window.scan_field.text() == ""
    # another tab
    tea = window.quick_keys.tab_buttons[1]
    qtbot.mouseClick(tea, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(k.product.name == "珍珠奶茶" for k in window.quick_keys.keys))
    assert tea.isChecked() and all(k.product.category_id == "tea" for k in window.quick_keys.keys)
    step(window, qtbot, lambda: qtbot.mouseClick(key(window, "珍珠奶茶"), Qt.MouseButton.LeftButton), lambda v: len(v.lines) == 3)
    QTest.keyClick(window.scan_field, Qt.Key.Key_F1)  # back to the coupons
    assert window.coupon_panel.isVisible() and not window.quick_keys.isVisible()


def test_search_by_a_chinese_or_english_part_of_the_name(win, qtbot):
    window, clock = win
    QTest.keyClick(window.scan_field, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.quick_keys.isVisible())
    assert QApplication.focusWidget() is window.quick_keys.search
    panel = window.quick_keys
    with qtbot.waitSignal(panel.keys_shown, timeout=5000):
        panel.search.setText("奶茶")  # what an input method commits: not key presses
    qtbot.waitUntil(lambda: [k.product.name for k in panel.keys] == ["珍珠奶茶"], timeout=5000)
    assert not any(b.isChecked() for b in panel.tab_buttons)
    step(window, qtbot, lambda: qtbot.mouseClick(panel.keys[0], Qt.MouseButton.LeftButton), lambda v: v.lines)
    assert QApplication.focusWidget() is window.scan_field  # back to scanning after a search result
    panel.search.setText("LATTE")
    qtbot.waitUntil(lambda: panel.keys and panel.keys[0].product.name == "拿鐵", timeout=5000)
    assert {k.product.name for k in panel.keys} >= {"拿鐵", "香草拿鐵", "黑糖拿鐵", "抹茶拿鐵"}
    panel.search.setText("沒有這種東西")
    qtbot.waitUntil(lambda: not panel.keys and panel.empty.isVisible(), timeout=5000)
    panel.search.clear()  # blank: the tab again
    qtbot.waitUntil(lambda: len(panel.keys) > 5 and not panel.empty.isVisible(), timeout=5000)


def test_a_scan_while_the_search_field_has_the_focus_is_a_scan(win, qtbot):
    window, clock = win
    window.find_product()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.quick_keys.search)
    clock.advance(2)
    v = step(window, qtbot, lambda: wedge_scan(LATTE_BARCODE, clock), lambda v: v.lines)
    assert v.lines[0].name == "拿鐵" and window.quick_keys.search.text() == ""  # nothing leaked into the search
    qtbot.wait(300)  # the search the leaked keys started and ended: nothing to read
    assert not window.quick_keys._searching and window.worker.pending == 0


def test_english_labels_in_the_english_window(win, qtbot):
    window, _clock = win
    window.set_language("en")
    open_keys(window, qtbot)
    assert [b.text() for b in window.quick_keys.tab_buttons][:3] == ["Coffee", "Tea", "Bakery"]
    qtbot.waitUntil(lambda: any(k.name == "Pour-over single origin" for k in window.quick_keys.keys))


def test_a_stale_search_answer_is_dropped(win, qtbot):
    window, _clock = win
    open_keys(window, qtbot)
    panel = window.quick_keys
    panel.search.setText("奶茶")
    panel.run_search()
    panel.search.setText("烏龍")
    panel.run_search()  # the answer to "奶茶" comes first and is not shown
    qtbot.waitUntil(lambda: [k.product.name for k in panel.keys] == ["凍頂烏龍茶"], timeout=5000)
    qtbot.wait(50)
    assert [k.product.name for k in panel.keys] == ["凍頂烏龍茶"]


# ---- the numpad ------------------------------------------------------------------------------------

def test_amount_numpad_types_backspaces_and_adds(win, qtbot):
    window, clock = win
    pad = window.amount_pad
    assert not pad.isVisible()
    qtbot.mouseClick(window.amount_field, Qt.MouseButton.LeftButton)  # a tap on the field
    qtbot.waitUntil(pad.isVisible)
    assert QRect(QPoint(0, 0), window.size()).contains(QRect(pad.pos(), pad.size()))
    keys = pad.pad.keys
    for k in ("1", "2", "5", "9"):
        qtbot.mouseClick(keys[k], Qt.MouseButton.LeftButton)
    assert window.amount_field.text() == "1259"
    qtbot.mouseClick(keys["backspace"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keys["00"], Qt.MouseButton.LeftButton)
    assert window.amount_field.text() == "12500"
    assert QApplication.focusWidget() is window.amount_field  # the pad never took the focus
    QTest.keyClick(window.amount_field, Qt.Key.Key_3)  # the keyboard still types
    assert window.amount_field.text() == "125003"
    qtbot.mouseClick(keys["clear"], Qt.MouseButton.LeftButton)
    assert window.amount_field.text() == ""
    for k in ("4", "5"):
        qtbot.mouseClick(keys[k], Qt.MouseButton.LeftButton)
    v = step(window, qtbot, lambda: qtbot.mouseClick(keys["ok"], Qt.MouseButton.LeftButton), lambda v: v.lines)
    assert v.lines[0].unit_price == 45 and window.amount_field.text() == ""
    assert not pad.isVisible() and QApplication.focusWidget() is window.scan_field


def test_a_scan_while_the_amount_pad_is_open_is_a_scan(win, qtbot):
    window, clock = win
    qtbot.mouseClick(window.amount_field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.amount_pad.isVisible)
    qtbot.mouseClick(window.amount_pad.pad.keys["7"], Qt.MouseButton.LeftButton)
    clock.advance(2)
    v = step(window, qtbot, lambda: wedge_scan(LATTE_BARCODE, clock), lambda v: v.lines)
    assert v.lines[0].name == "拿鐵" and window.amount_field.text() == "7"


def test_pin_numpad_in_the_sign_in_dialog_is_masked_and_signs_in(qtbot):
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.staff_id.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.staff_id)
    dlg.staff_id.setText("CAFE-XINYI-C1")
    keys = dlg.numpad.keys
    for k in ("1", "2", "3", "9"):
        qtbot.mouseClick(keys[k], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keys["backspace"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keys["4"], Qt.MouseButton.LeftButton)
    assert dlg.pin.text() == "1234" and dlg.staff_id.text() == "CAFE-XINYI-C1"
    assert dlg.pin.echoMode() == QLineEdit.EchoMode.Password and "1234" not in dlg.pin.displayText()
    assert QApplication.focusWidget() is dlg.staff_id  # a badge scan would still go to the staff id
    assert all(k.focusPolicy() == Qt.FocusPolicy.NoFocus and k.height() >= 44 and k.width() >= 44 for k in keys.values())
    with qtbot.waitSignal(dlg.accepted, timeout=2000):
        qtbot.mouseClick(keys["ok"], Qt.MouseButton.LeftButton)
    assert dlg.values() == ("CAFE-XINYI-C1", "1234")


def test_pin_numpad_keeps_to_the_fields_rules(qtbot):
    dlg = LoginDialog()
    qtbot.addWidget(dlg)
    for _ in range(15):  # at most 12 digits
        dlg.numpad.press("7")
    assert dlg.pin.text() == "7" * 12
    dlg.numpad.clear()
    assert dlg.pin.text() == ""
    dlg.numpad.backspace()  # on an empty field: nothing
    assert dlg.pin.text() == ""


def test_manager_dialogs_have_a_pin_numpad(qtbot):
    dlg = ManagerDialog("Price override", with_value="New price", value=120)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.value)
    dlg.numpad.backspace()  # the focused target: the value
    assert dlg.value.text() == "12" and dlg.pin.text() == ""
    dlg.manager_id.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.manager_id)
    for d in "9999":
        dlg.numpad.press(d)  # not a target: the PIN
    assert dlg.pin.text() == "9999" and dlg.manager_id.text() == ""
    dlg.numpad.confirm()  # OK runs the dialog's own check: a reason is required
    assert dlg.result() == 0 and dlg.error.text()
    pin_dialog = ManagerPinDialog()
    qtbot.addWidget(pin_dialog)
    for d in "42":
        pin_dialog.numpad.press(d)
    assert pin_dialog.pin.text() == "42" and pin_dialog.pin.echoMode() == QLineEdit.EchoMode.Password
    with qtbot.waitSignal(pin_dialog.accepted, timeout=2000):
        pin_dialog.numpad.confirm()


def test_a_numpad_needs_a_target():
    with pytest.raises(ValueError):
        NumPad([])
