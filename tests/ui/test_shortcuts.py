"""The counter's keys act on the counter only: with the sales dialog in front, F12, Delete, F9 and
Esc typed there do nothing to the sale behind it (they belong to the dialog)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.usecases.counter import Counter  # noqa: E402
from tests.conftest import card  # noqa: E402

LATTE = card("471000000001")


def test_counter_keys_do_not_reach_through_a_dialog(qtbot, make_service):
    svc = make_service("A-001")
    window, wedge, worker = build_window(Counter(svc), WindowOptions(ask_login=False, wedge=False))
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        window.login("C01", "1234")
        qtbot.waitUntil(lambda: window.view is not None and window.view.cashier is not None)
        window.scan(LATTE)
        qtbot.waitUntil(lambda: bool(window.view.lines))
        window.basket.selectRow(0)
        window.open_sales()
        dialog = window.sales_dialog
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        seq = window.view.seq
        for key in (Qt.Key.Key_F12, Qt.Key.Key_Delete, Qt.Key.Key_F9):
            QTest.keyClick(QApplication.focusWidget() or dialog, key)
        qtbot.wait(300)
        assert window.view.seq == seq and len(window.view.lines) == 1 and window.view.receipt is None
        dialog.close()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        QTest.keyClick(window.scan_field, Qt.Key.Key_F12)  # in the counter the key settles
        qtbot.waitUntil(lambda: window.view.receipt is not None)
    finally:
        worker.shutdown()
