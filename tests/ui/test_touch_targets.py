"""Touch targets (issue 17 §4.7): every control a finger taps in the counter window is at least 44 px
high and wide, at 1024x768 and 1366x768, in both languages, with the coupons and with the quick keys
shown, mid-sale (member, products, coupons, points rows on screen). The window still fits the screen.

Walked: buttons (also the quick keys, tabs and the dialogs' numpad keys), line edits, spin boxes, check
boxes, combo boxes, and the rows of tables and lists. Scroll bars are not targets (the content scrolls
with them or the wheel); a control hidden or inside a hidden panel is not on screen and not measured.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QRect, QSize  # noqa: E402
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,  # noqa: E402
                               QListWidget, QScrollBar, QTableWidget, QWidget)

from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.ui.dialogs import LoginDialog, ManagerDialog  # noqa: E402
from terminal.ui.desk_widgets import ManagerPinDialog  # noqa: E402
from terminal.ui.touch import TOUCH_PX  # noqa: E402
from tests.ui.helpers import demo_counter  # noqa: E402

DESKTOP = QSize(16, 80)
CASHIER = ("CAFE-XINYI-C1", "1234")
MEMBER, PRODUCTS, COUPON = "2900000000018", ("4712468000022", "4712468000138"), "9900000000011"


def too_small(root: QWidget) -> list[str]:
    """'name (w x h)' of every visible control under `root` smaller than TOUCH_PX, and of table/list rows."""
    bad = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) or isinstance(w, QScrollBar) or isinstance(w.parentWidget(), QAbstractSpinBox):
            continue  # a spin box's own line edit: the spin box is measured
        name = f"{type(w).__name__} {w.objectName() or getattr(w, 'text', lambda: '')()!r}"
        if isinstance(w, (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox)):
            if w.height() < TOUCH_PX or w.width() < TOUCH_PX:
                bad.append(f"{name} ({w.width()} x {w.height()})")
        if isinstance(w, QTableWidget):
            rows = [w.rowHeight(r) for r in range(w.rowCount())]
            if any(h < TOUCH_PX for h in rows):
                bad.append(f"{name} rows {rows}")
            if w.verticalHeader().defaultSectionSize() < TOUCH_PX:
                bad.append(f"{name} default row {w.verticalHeader().defaultSectionSize()}")
        if isinstance(w, QListWidget):
            rows = [w.visualItemRect(w.item(r)).height() for r in range(w.count())]
            if any(h < TOUCH_PX for h in rows):
                bad.append(f"{name} rows {rows}")
    return bad


def cut_texts(root: QWidget, *, placeholders: bool = True) -> list[str]:
    """Every visible button whose words do not fit its width, and (`placeholders`) every empty line edit
    whose placeholder does not (a cashier read "tored valu" and "Amo..." before issue 17's last fix)."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton

    bad = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QPushButton) and w.text():
            opt = QStyleOptionButton()
            w.initStyleOption(opt)
            need = w.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, opt,
                                              QFontMetrics(w.font()).size(0, w.text()), w).width()
            if need > w.width() + 1:
                bad.append(f"button {w.text()!r} needs {need} px, has {w.width()}")
        elif placeholders and isinstance(w, QLineEdit) and w.placeholderText() and not w.text():
            need = QFontMetrics(w.font()).horizontalAdvance(w.placeholderText()) + 8
            if need > w.width():
                bad.append(f"field {w.placeholderText()!r} needs {need} px, has {w.width()}")
    return bad


def counted(root: QWidget) -> int:
    return sum(1 for w in root.findChildren(QWidget)
               if w.isVisibleTo(root) and isinstance(w, (QAbstractButton, QLineEdit, QAbstractSpinBox, QAbstractItemView)))


@pytest.mark.parametrize("language", ["zh_TW", "en"])
@pytest.mark.parametrize("screen", [QSize(1024, 768), QSize(1366, 768)], ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_control_of_the_counter_is_a_touch_target(qtbot, make_service, screen, language):
    window, _wedge, worker = build_window(demo_counter(make_service),
                                          WindowOptions(language=language, ask_login=False, wedge=False))
    qtbot.addWidget(window)
    try:
        area = screen - DESKTOP
        window.setGeometry(QRect(QPoint(0, 0), area))
        window.show()
        qtbot.waitExposed(window)

        def act(fn, done):
            before = window.view.seq if window.view else 0
            fn()
            qtbot.waitUntil(lambda: window.view is not None and window.view.seq > before and bool(done(window.view)),
                            timeout=10_000)

        act(lambda: window.login(*CASHIER), lambda v: v.cashier is not None)
        act(lambda: window.scan(MEMBER), lambda v: v.member is not None)
        for i, code in enumerate(PRODUCTS):
            act(lambda code=code: window.scan(code), lambda v, n=i + 1: len(v.lines) == n)
        act(lambda: window.scan(COUPON), lambda v: v.coupons)
        qtbot.wait(20)
        where = f"{screen.width()}x{screen.height()} {language}"
        assert window.member_panel.point_spin("bonus").isVisible()  # the points row is on screen
        assert counted(window) >= 15
        assert too_small(window) == [], f"{where}, coupons shown"
        # buttons and the hints in empty fields whole on every screen (a hint too long for a 1024 px screen
        # gives way to its shorter form: widgets.FittedPlaceholder)
        assert cut_texts(window) == [], f"{where}, coupons shown"
        window.show_quick_keys(True)
        qtbot.waitUntil(lambda: len(window.quick_keys.keys) > 3 and bool(window.quick_keys.tab_buttons))
        qtbot.wait(20)
        assert too_small(window) == [], f"{where}, quick keys shown"
        window.amount_field.setFocus()
        window.amount_pad.popup()
        assert too_small(window.amount_pad) == [] and len(window.amount_pad.pad.keys) == 14
        for hint in (window.minimumSizeHint(), window.minimumSize()):
            assert hint.width() <= area.width() and hint.height() <= area.height(), (where, hint.toTuple())
        assert window.size() == area, (where, window.size().toTuple())
    finally:
        worker.shutdown()


@pytest.mark.parametrize("make", [LoginDialog, lambda: ManagerDialog("Void"), ManagerPinDialog],
                         ids=["sign-in", "manager", "manager-desk-pin"])
def test_the_pin_dialogs_numpad_keys_are_touch_targets(qtbot, make):
    dlg = make()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert too_small(dlg.numpad) == [] and len(dlg.numpad.keys) == 13
