"""One presenter for failures (terminal/ui/verdicts.py) and the second worker lane (IoWorker):
no Python class name ever reaches the cashier, and a slow slip printer never delays a scan's verdict."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("pytestqt")

from terminal.domain.reasons import CodeError, Reason  # noqa: E402
from terminal.storage.db import STORAGE_FULL_MESSAGE, StorageFullError  # noqa: E402
from terminal.ui import i18n  # noqa: E402
from terminal.ui.verdicts import failure_notice, notice_text  # noqa: E402
from terminal.usecases.counter import Counter  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from tests.conftest import card  # noqa: E402

LATTE = card("471000000001")


@pytest.mark.parametrize("language", ["en", "zh_TW"])
def test_an_unexpected_fault_is_worded_for_people(qapp, language):
    i18n.install(qapp, language)
    try:
        n = failure_notice(KeyError("member_id"))
        head, detail = notice_text(n)
        assert n.reason == "internal_error" and n.details["exception"] == "KeyError"
        assert "KeyError" not in head + detail and "member_id" not in head + detail
        assert head.startswith("✗") and detail
        if language == "zh_TW":
            assert not any("a" <= c.lower() <= "z" for c in head + detail.replace("IT", ""))
    finally:
        i18n.install(qapp, "en")


def test_domain_refusals_and_a_full_disk_keep_their_reason(qapp):
    n = failure_notice(CodeError(Reason.EXPIRED, "expired on 2026-01-01", code="X"))
    assert (n.reason, n.message, n.details) == ("expired", "expired on 2026-01-01", {"code": "X"})
    n = failure_notice(StorageFullError(STORAGE_FULL_MESSAGE))
    assert n.reason == "storage_full" and "disk" in n.message


class SlowPrinter:
    """A slip printer that hangs until released (paper jam, a USB printer waking up)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.printed = 0

    def __getattr__(self, name):  # every python-escpos call blocks the first time
        def call(*a, **k):
            self.started.set()
            self.release.wait(20)
        return call


def test_a_hung_printer_does_not_delay_the_next_scan(qtbot, make_service):
    svc = make_service("A-001")
    printer = SlowPrinter()
    window, wedge, worker = build_window(Counter(svc), WindowOptions(ask_login=False, printer=printer))
    qtbot.addWidget(window)
    try:
        window.login("C01", "1234")
        qtbot.waitUntil(lambda: window.view is not None and window.view.cashier is not None)
        window.scan(LATTE)
        qtbot.waitUntil(lambda: bool(window.view.lines))
        window.settle()
        qtbot.waitUntil(lambda: window.view.receipt is not None)
        window.print_receipt()
        assert printer.started.wait(5), "the slip never started printing"
        window.scan(LATTE)  # the next customer, while the printer hangs
        qtbot.waitUntil(lambda: window.view.receipt is None and bool(window.view.lines), timeout=3000)
        assert window.io_worker.pending == 1  # still printing
    finally:
        printer.release.set()
        window.io_worker.shutdown()
        if wedge is not None:
            from PySide6.QtWidgets import QApplication
            QApplication.instance().removeEventFilter(wedge)
        worker.shutdown()
