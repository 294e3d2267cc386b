"""Locked staff ids at the manager desk, offscreen: the list, the unlock with a manager's PIN
(the desk's manager dialog), the audit row; the sign-in dialog says until when and where to
unlock. Screenshots at 1366x768 and 1024x768 in zh_TW (LT_UPDATE_SCREENSHOTS=1: docs/screenshots/).

Before: the window had no way to unlock a staff id (only the CLI's `unlock-staff`), and the
sign-in dialog said neither until when the id is locked nor where a manager unlocks it.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QRect, QSize, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from terminal.usecases.counter import Counter  # noqa: E402
from terminal.domain.reasons import AuthorizationError  # noqa: E402
from terminal.usecases.manager_desk import ManagerDesk  # noqa: E402
from terminal.ui import i18n  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.ui.manager_desk import ManagerDeskWindow  # noqa: E402
from terminal.ui.worker import DbWorker  # noqa: E402
from tests.ui.helpers import demo_counter, screenshot_dir  # noqa: E402

SCREENS = (QSize(1366, 768), QSize(1024, 768))
DESKTOP = QSize(16, 80)  # window frame + title bar + task bar (as in test_window_fits)
DEMO_CASHIER, DEMO_MANAGER = "CAFE-XINYI-C1", "HQ-MANAGER"  # resources/demo/codes.md


def lock(svc, staff="C01", n=5) -> None:
    for _ in range(n):
        with pytest.raises(AuthorizationError):
            svc.verify_staff(staff, "0000")


@pytest.fixture
def open_desk(qtbot, make_service):
    workers = []

    def _open(language: str = "en", size: QSize = QSize(1100, 760), *, demo: bool = False):
        """The desk with one locked cashier: on the test catalog (C01, MGR1), or the demo's (screenshots)."""
        i18n.install(QApplication.instance(), language)
        svc = demo_counter(make_service).service if demo else make_service("A-001")
        cashier, manager = (DEMO_CASHIER, DEMO_MANAGER) if demo else ("C01", "MGR1")
        lock(svc, cashier)
        worker = DbWorker()
        workers.append(worker)
        window = ManagerDeskWindow(ManagerDesk(svc), worker, {"id": manager, "pin": "9999", "name": "Manager"})
        qtbot.addWidget(window)
        window.resize(size)
        window.show()
        qtbot.waitExposed(window)
        window.refresh()
        qtbot.waitUntil(lambda: window.report is not None and window.locks.rowCount() == 1, timeout=5000)
        return window, svc

    yield _open
    i18n.install(QApplication.instance(), "en")
    for w in workers:
        w.shutdown()


def unlock_rows(window, svc):
    return window.worker.call(lambda: svc.replica.conn.execute(
        "SELECT actor_id, action, details FROM audit_log WHERE action = 'unlock_staff'").fetchall())


def test_the_desk_lists_the_lock_and_a_manager_pin_unlocks_it(open_desk, qtbot):
    window, svc = open_desk()
    window.tabs.setCurrentIndex(window.locks_tab_index)
    assert window.tabs.tabText(window.locks_tab_index) == "Locked staff (1)"
    assert [window.locks.text(0, c) for c in range(5)] == ["C01", "Cashier Lin", "5", "12:00:00", "12:00:30"]
    assert not window.unlock_button.isEnabled()  # nothing selected yet
    window.locks.selectRow(0)
    assert window.unlock_button.isEnabled()

    # a wrong manager PIN: refused, said on the desk, nothing cleared
    window.unlock_button.click()
    dlg = window.unlock_dialog
    assert dlg is not None and dlg.isVisible() and dlg.manager_id.text() == "MGR1"
    assert "5 wrong PINs, locked until 12:00:30" in dlg.explanation.text()
    dlg.pin.setText("0000")
    dlg.accept()
    qtbot.waitUntil(lambda: "Wrong staff id or PIN" in window.notice.text(), timeout=5000)
    assert unlock_rows(window, svc) == [] and window.locks.rowCount() == 1

    # the manager's PIN: unlocked, audited like the CLI, the list and the report's audit table follow
    window.locks.selectRow(0)
    window.unlock_button.click()
    window.unlock_dialog.pin.setText("9999")
    window.unlock_dialog.accept()
    qtbot.waitUntil(lambda: window.locks.rowCount() == 0 and "C01 unlocked (5 wrong PINs cleared)" in window.notice.text(),
                    timeout=5000)
    assert unlock_rows(window, svc) == [("MGR1", "unlock_staff", '{"staff_id": "C01", "failures": 5}')]
    assert window.tabs.tabText(window.locks_tab_index) == "Locked staff" and not window.unlock_button.isEnabled()
    qtbot.waitUntil(lambda: any(window.audit.text(r, 2) == "unlock C01 (5 wrong PINs)" for r in range(window.audit.rowCount())),
                    timeout=5000)
    assert window.worker.call(lambda: svc.verify_staff("C01", "1234"))["id"] == "C01"


def test_the_list_refreshes_when_a_lock_passes_or_appears(open_desk, qtbot):
    window, svc = open_desk()
    svc.clock.at += timedelta(seconds=30)  # C01's lock passes
    window.worker.call(lambda: lock(svc, "MGR1"))  # meanwhile a manager id gets locked
    window.tabs.setCurrentIndex(window.locks_tab_index)  # opening the tab reloads the list
    qtbot.waitUntil(lambda: window.locks.rowCount() == 1 and window.locks.text(0, 0) == "MGR1", timeout=5000)
    assert window.locks_timer.isActive()  # and so does the timer while the desk is shown
    window.hide()
    assert not window.locks_timer.isActive()


def test_the_sign_in_dialog_says_until_when_and_where_to_unlock(qtbot, make_service, tmp_path):
    svc = make_service("A-001")
    window, wedge, worker = build_window(Counter(svc), WindowOptions(language="en", ask_login=True, wedge=False))
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        for _ in range(5):
            window.login("C01", "0000")
        window.login("C01", "1234")
        qtbot.waitUntil(lambda: window._login_dialog is not None and "Locked until" in window._login_dialog.message.text(),
                        timeout=5000)
        text = window._login_dialog.message.text()
        assert "Locked until 12:00:30 (store time)" in text and "manager desk" in text and "F10" in text
        i18n.install(QApplication.instance(), "zh_TW")
        window.login("C01", "1234")
        qtbot.waitUntil(lambda: "門市時間" in window._login_dialog.message.text(), timeout=5000)
        text = window._login_dialog.message.text()
        assert "12:00:30" in text and not re.search(r"[A-Za-z]{2,}", text.replace("F10", "")), text
        dlg = window._login_dialog
        dlg.resize(dlg.sizeHint())
        assert dlg.grab().save(str(screenshot_dir(tmp_path) / "sign-in-locked-zh_TW.png"))
    finally:
        i18n.install(QApplication.instance(), "en")
        worker.shutdown()


def _inside(widget, window) -> bool:
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and window.rect().contains(rect)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
def test_locked_staff_tab_fits_and_reads_in_zh_tw(open_desk, qtbot, screen, tmp_path):
    area = screen - DESKTOP
    window, svc = open_desk("zh_TW", area, demo=True)
    assert window.size() == area, f"the desk is {window.size().toTuple()}, the screen area {area.toTuple()}"
    window.tabs.setCurrentIndex(window.locks_tab_index)
    window.locks.selectRow(0)
    qtbot.wait(50)
    tab_texts = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tab_texts[window.locks_tab_index] == "鎖定的員工（1）"
    for w in (window.locks, window.unlock_button, window.locks_refresh_button):
        assert _inside(w, window), f"{w.objectName() or type(w).__name__} is not inside the window"
    for b in (window.unlock_button, window.locks_refresh_button):
        assert b.fontMetrics().horizontalAdvance(b.text()) <= b.contentsRect().width(), f"{b.text()!r} is cut"
    headers = [window.locks.rows_model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert not any(re.search(r"[A-Za-z]", h) for h in headers), headers
    shots = screenshot_dir(tmp_path)
    name = f"{screen.width()}x{screen.height()}"
    assert window.grab().save(str(shots / f"locked-staff-{name}-zh_TW.png"))
    window.unlock_button.click()
    dlg = window.unlock_dialog
    qtbot.waitExposed(dlg)
    labels = [x.text() for x in dlg.findChildren(QLabel) if x.text()]
    assert not any(re.search(r"[A-Za-z]{2,}", re.sub(r"CAFE-XINYI-C1|HQ-MANAGER|\(Xinyi cashier\)", "", t)) for t in labels), labels
    assert dlg.explanation.height() >= dlg.explanation.heightForWidth(dlg.explanation.width())  # the whole text shows
    if screen.width() == 1024:  # the dialog is the same on both screens
        assert dlg.grab().save(str(shots / "unlock-approval-zh_TW.png"))
    dlg.reject()


def test_the_desk_opens_no_larger_than_the_screen(qtbot, make_service):
    """Before: always 1100x760, so at 1024x768 the unlock button ran off the screen (seen under Xvfb)."""
    worker = DbWorker()
    try:
        window = ManagerDeskWindow(ManagerDesk(make_service("A-001")), worker, {"id": "MGR1", "pin": "9999", "name": "m"})
        qtbot.addWidget(window)
        free = QApplication.primaryScreen().availableGeometry().size()  # offscreen: 800x800
        assert free.width() < 1100
        assert window.width() <= free.width() - 16 and window.height() <= 760, (window.size().toTuple(), free.toTuple())
    finally:
        worker.shutdown()
