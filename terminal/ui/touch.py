"""Touch targets (issue 17 §4.7): every control a finger taps on the counter is at least
TOUCH_PX (44 px, Apple's and Material's minimum) high and wide.

The counter window's style sheet (style.py) gives buttons, line edits, spin boxes and list rows
their minimum heights; tables get theirs here (row heights are the header's, not the style's).
tests/ui/test_touch_targets.py walks the window and measures.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

TOUCH_PX = 44


def touch_rows(table: QTableView) -> None:
    """Rows of `table` at least TOUCH_PX high, also after `resizeRowsToContents`."""
    header = table.verticalHeader()
    header.setMinimumSectionSize(TOUCH_PX)
    header.setDefaultSectionSize(TOUCH_PX)
