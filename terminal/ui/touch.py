"""Touch targets (issue 17 §4.7): every control a finger taps on the counter is at least
TOUCH_PX (44 px, Apple's and Material's minimum) high and wide.

The counter window's style sheet (style.py) gives buttons, line edits, spin boxes and list rows
their minimum heights; tables get theirs here (row heights are the header's, not the style's).
tests/ui/test_touch_targets.py walks the window and measures.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

TOUCH_PX = 44


def touch_rows(table: QTableView) -> None:
    """Rows of `table` at least TOUCH_PX high, also after `resizeRowsToContents`."""
    header = table.verticalHeader()
    header.setMinimumSectionSize(TOUCH_PX)
    header.setDefaultSectionSize(TOUCH_PX)


class WholeRows(QObject):
    """Rows of `table` as tall as its viewport divided by the number of TOUCH_PX rows it holds (at
    least one), so the view shows whole rows: a per-item scrolled table at its bottom aligns the last
    row with the bottom edge, and a viewport of 2.6 rows showed 0.6 of a line at the top (the basket
    at 768 px high). `rows_fit` is that number; `on_change(rows_fit)`, if set, is called when it changes
    (a panel may put less in a row when only one fits)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.rows_fit = 1
        self.on_change = None
        self._fit_minimum(table.horizontalHeader().sizeHint().height())
        table.viewport().installEventFilter(self)
        table.horizontalHeader().installEventFilter(self)

    def _fit_minimum(self, header_px: int) -> None:
        """The table at least the header and one whole row high (it scrolls)."""
        self.table.setMinimumHeight(header_px + TOUCH_PX + 2 * self.table.frameWidth())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and obj is self.table.horizontalHeader():
            # again with the header as tall as the style made it (its size hint before the style sheet was
            # 6 px short: a view of 38 px for rows of 44)
            self._fit_minimum(event.size().height())
        elif event.type() == QEvent.Type.Resize:
            h = event.size().height()
            fit = max(1, h // TOUCH_PX)
            changed, self.rows_fit = fit != self.rows_fit, fit
            size = max(TOUCH_PX, h // self.rows_fit)
            header = self.table.verticalHeader()
            if header.defaultSectionSize() != size:
                header.setMinimumSectionSize(size)
                header.setDefaultSectionSize(size)
            if changed and self.on_change:
                self.on_change(fit)
        return False
