"""UI tests run offscreen: set the platform before anything imports Qt."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


def _pin_none() -> None:
    """PySide6 6.12.0 on CPython 3.11 drops a reference to None on every call of a void method
    (QKeyEvent.setTimestamp, QLineEdit.setText, ...), and to True/False on some bool returns:
    after a few thousand such calls the interpreter aborts ("Fatal Python error: none_dealloc",
    "bool_dealloc"). A UI test run makes far more (the 1,000-burst
    wedge test alone ~10^5), so the references PySide6 takes away are given back here, once and
    for good. Only on 3.11: from 3.12 None is immortal. The window has the same bug in production
    on 3.11 (see the report of the wedge-input branch); this only keeps the tests running."""
    import ctypes
    import sys

    if sys.version_info < (3, 12):
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 30


_pin_none()
