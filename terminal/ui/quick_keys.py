"""The quick-key panel (issue 17 §4.2): products without barcodes, sold by a tap.

Category buttons (tabs) over a grid of product keys (name and price, the catalog's colour), and a
search field: typing a name (zh_TW or English, any part of it) shows the matching products as keys
instead of the tab's. Tapping a key emits `chosen(sku)`; the window adds one of it
(`Counter.add_product`) and gives the scan field its focus back. Keys and tabs never take the
focus (Qt.NoFocus), so a scanner read right after a tap still lands in the scan field.

Reads (tabs, keys, search) run on the db worker through `submit(fn, on_done)`; an answer that
arrives after a newer request (a later keystroke, another tab) is dropped. Every key and tab is at
least TOUCH_PX square; the grid and the tab row scroll instead of growing the window.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import (QButtonGroup, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from terminal.ui.style import money
from terminal.ui.touch import TOUCH_PX
from terminal.usecases import quick_keys as qk

KEY_HEIGHT = 60  # px: two lines (name, price) on a key
KEY_MIN_WIDTH = 110  # px: the grid has as many columns as keys of this width fit (at least 2)
SEARCH_DELAY_MS = 150  # typing pauses this long before the search runs
DEFAULT_KEY = "#eceff1"

Submit = Callable[[Callable[[], Any], Callable[[Any], None]], None]


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on `background` (#RRGGBB)."""
    c = QColor(background)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return "#000000" if luminance > 150 else "#ffffff"


class KeyButton(QPushButton):
    """One product key: its name (elided to the key's width) over its price."""

    def __init__(self, product: qk.KeyProduct, english: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product = product
        self.name = product.label(english)
        self.setObjectName("quickKey")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(TOUCH_PX, KEY_HEIGHT)
        self.setFixedHeight(KEY_HEIGHT)
        self.setToolTip(f"{self.name}\n{money(product.price)}")
        bg = product.colour or DEFAULT_KEY
        self.setStyleSheet(f"QPushButton#quickKey {{ background: {bg}; color: {text_colour(bg)}; border: 1px solid #90a4ae;"
                           f" border-radius: 6px; padding: 2px 4px; font-size: 15px; min-height: {KEY_HEIGHT - 6}px;"
                           f" max-height: {KEY_HEIGHT - 6}px; }}"
                           f" QPushButton#quickKey:pressed {{ border: 3px solid #1565c0; }}")
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(self.width() - 12, 20)
        name = QFontMetrics(self.font()).elidedText(self.name, Qt.TextElideMode.ElideRight, room)
        self.setText(f"{name}\n{money(self.product.price)}")


class QuickKeyPanel(QGroupBox):
    chosen = Signal(str)  # the SKU of the key tapped
    keys_shown = Signal()  # the grid shows a new set of keys (tests)

    def __init__(self, submit: Submit, service: Any, english: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickKeys")
        self._submit, self._service, self._english = submit, service, english
        self._tabs: list[qk.KeyTab] = []
        self._shown: list[qk.KeyProduct] = []
        self._current: str | None = None  # category id of the tab shown
        self._searching = False  # the grid shows search results
        self._seq = 0  # the newest request; older answers are dropped
        self._columns = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 6)
        lay.setSpacing(4)

        self.search = QLineEdit()
        self.search.setObjectName("quickSearch")
        self.search.setMaxLength(qk.MAX_QUERY)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        lay.addWidget(self.search)

        self.tab_row = QWidget()
        self.tab_layout = QHBoxLayout(self.tab_row)
        self.tab_layout.setContentsMargins(0, 0, 0, 0)
        self.tab_layout.setSpacing(4)
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        self.tab_scroll = self._scroller(self.tab_row, horizontal=True)
        # room for the scroll bar too: many categories scroll sideways instead of widening the window
        self.tab_scroll.setFixedHeight(TOUCH_PX + self.tab_scroll.horizontalScrollBar().sizeHint().height() + 2)
        lay.addWidget(self.tab_scroll)

        self.grid_body = QWidget()
        self.grid_body.setObjectName("quickGrid")
        self.grid = QGridLayout(self.grid_body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(4)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.grid_scroll = self._scroller(self.grid_body, horizontal=False)
        self.grid_scroll.setMinimumHeight(KEY_HEIGHT + 4)
        lay.addWidget(self.grid_scroll, 1)

        self.empty = QLabel()
        self.empty.setObjectName("quickEmpty")
        self.empty.setWordWrap(True)
        self.empty.hide()
        lay.addWidget(self.empty)
        self.keys: list[KeyButton] = []
        self.tab_buttons: list[QPushButton] = []

    @staticmethod
    def _scroller(body: QWidget, *, horizontal: bool) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        # no QScroller drag-scrolling: it holds a press back to tell a drag from a tap, and loses quick taps
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if horizontal
                                          else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if horizontal
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        area.setWidget(body)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
            bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return area

    def retranslate(self) -> None:
        self.setTitle(self.tr("Quick keys (F1)"))
        self.search.setPlaceholderText(self.tr("Find a product by name (Ctrl+K)"))
        self.empty.setText(self.tr("No product matches."))
        self._tab_buttons(self._tabs)  # labels in the new language, from what was read: no db work here
        if self._shown:
            self._show_keys(self._shown)

    # ---- loading (on the db worker) ------------------------------------------------------
    def refresh(self) -> None:
        """Read the tabs again (after a sync the catalog may have changed) and show the current tab."""
        seq = self._next()
        service = self._service
        self._submit(lambda: qk.key_tabs(service), lambda tabs: seq == self._seq and self._show_tabs(tabs, keep=True))

    def show_tab(self, category_id: str | None) -> None:
        self._current, self._searching = category_id, False
        for b in self.tab_buttons:
            b.setChecked(b.property("category") == category_id)
        seq = self._next()
        service = self._service
        self._submit(lambda: qk.keys(service, category_id), lambda keys: seq == self._seq and self._show_keys(keys))

    def run_search(self) -> None:
        """Search for the field's text now (typing starts it after SEARCH_DELAY_MS); blank: the tab again."""
        self._search_timer.stop()
        text = self.search.text()
        if not text.strip():
            if self._searching:  # (a scanner's first keys leak in and out again: no search was shown)
                self.show_tab(self._current)
            return
        self._searching = True
        for b in self.tab_buttons:
            b.setChecked(False)
        seq = self._next()
        service = self._service
        self._submit(lambda: qk.search(service, text), lambda keys: seq == self._seq and self._show_keys(keys))

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    # ---- showing --------------------------------------------------------------------------
    def _show_tabs(self, tabs: list[qk.KeyTab], *, keep: bool) -> None:
        ids = [t.category_id for t in tabs]
        if not (keep and self._current in ids):
            self._current = ids[0] if ids else None
        self._tab_buttons(tabs)
        if self.search.text().strip():
            self.run_search()
        elif ids:
            self.show_tab(self._current)
        else:
            self._show_keys([])

    def _tab_buttons(self, tabs: list[qk.KeyTab]) -> None:
        self._tabs = list(tabs)
        for b in self.tab_buttons:
            self.tab_group.removeButton(b)
            b.deleteLater()
        self.tab_buttons = []
        english = self._english()
        for tab in tabs:
            b = QPushButton(tab.label(english) or self.tr("Other"))
            b.setObjectName("quickTab")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumSize(TOUCH_PX, TOUCH_PX)
            b.setProperty("category", tab.category_id)
            b.clicked.connect(lambda _=False, c=tab.category_id: self._tab_clicked(c))
            self.tab_group.addButton(b)
            self.tab_layout.addWidget(b)
            b.setChecked(tab.category_id == self._current and not self.search.text().strip())
            self.tab_buttons.append(b)

    def _tab_clicked(self, category_id: str | None) -> None:
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self.show_tab(category_id)

    def _show_keys(self, products: list[qk.KeyProduct]) -> None:
        self._shown = list(products)
        for k in self.keys:
            k.deleteLater()
        self.keys = []
        english = self._english()
        for p in products:
            k = KeyButton(p, english)
            k.clicked.connect(lambda _=False, sku=p.sku: self.chosen.emit(sku))
            self.keys.append(k)
        self._columns = 0
        self._lay_out()
        self.empty.setVisible(not products and bool(self.search.text().strip()))
        self.keys_shown.emit()

    def _lay_out(self) -> None:
        width = self.grid_scroll.viewport().width()
        columns = max(2, (width + self.grid.spacing()) // (KEY_MIN_WIDTH + self.grid.spacing()))
        if columns == self._columns:
            return
        self._columns = columns
        for k in self.keys:
            self.grid.removeWidget(k)
        for i, k in enumerate(self.keys):
            self.grid.addWidget(k, i // columns, i % columns)
        for c in range(max(columns, self.grid.columnCount())):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._lay_out()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event) -> None:  # noqa: N802
        self._search_timer.stop()  # hidden (F1, the window closing): no search runs any more
        super().hideEvent(event)
