"""UI tests run offscreen: set the platform before anything imports Qt.

No reference-count workaround for the Qt binding here: a binding that corrupts the counts of
None/True/False (PySide6 6.12.0 on CPython 3.11) is pinned out in pyproject.toml and caught by
tests/ui/test_qt_binding.py; a workaround in the tests would hide it from the product."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")



import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that switches the window to zh_TW must not leave the next test of this process
    in zh_TW (the language is application-wide): English again after every UI test."""
    yield
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        from terminal.ui import i18n

        i18n.install(app, "en")
