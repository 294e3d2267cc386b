"""The member panel: who is at the counter, balances, points expiring, coupons held, points to use.

It shows the `MemberView` of the last `CounterView`; the counter re-reads that view from
the replica and ledger after every settlement and void, so the balances here are those of
the ledger, not those of the moment the card was scanned. `shown` is the view on screen.
Every text has a size independent of its content (elided / clamped labels, a scrolling
list), so a member with long names or many coupons cannot make the window grow.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QListWidget, QListWidgetItem, QPushButton, QSizePolicy, QSpinBox,
                               QVBoxLayout, QWidget)

from terminal.usecases.counter import CounterView
from terminal.usecases.lookup import MemberView
from terminal.ui.i18n import reason_text
from terminal.ui.style import GREEN, RED, qcolor
from terminal.ui.touch import TOUCH_PX
from terminal.ui.widgets import ClampedLabel, ElidedLabel, FitLabel

HELD_LIST_ROWS = (1, 2)  # rows of held coupons (touch targets: TOUCH_PX) shown at least / at most before it scrolls


class MemberPanel(QGroupBox):
    held_coupon_chosen = Signal(str)  # instance code
    points_entered = Signal(str, int)  # point type, points
    max_points_clicked = Signal(str)  # point type

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: MemberView | None = None
        self._point_rows: dict[str, tuple[ElidedLabel, QSpinBox, QPushButton]] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 6)
        lay.setSpacing(2)
        self.name = FitLabel(min_px=16)
        self.name.setObjectName("memberName")
        self.balances = ElidedLabel()
        self.balances.setObjectName("memberBalances")
        self.expiring = ClampedLabel(max_lines=1)
        self.expiring.setObjectName("memberExpiring")
        self.coupons_label = ElidedLabel()
        self.coupons = QListWidget()
        self.coupons.setObjectName("memberCoupons")
        self.coupons.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.coupons.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.coupons.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.coupons.itemActivated.connect(self._held_activated)
        self.coupons.itemClicked.connect(self._held_activated)
        for w in (self.name, self.balances, self.expiring, self.coupons_label, self.coupons):
            lay.addWidget(w)
        self.points_grid = QGridLayout()
        self.points_grid.setColumnStretch(0, 1)
        self.points_grid.setHorizontalSpacing(4)
        self.points_grid.setVerticalSpacing(2)
        lay.addLayout(self.points_grid)
        self._size_held_list()

    def _size_held_list(self) -> None:
        row = max(self.coupons.fontMetrics().height() + 6, TOUCH_PX)
        frame = 2 * self.coupons.frameWidth() + 2
        self.coupons.setMinimumHeight(HELD_LIST_ROWS[0] * row + frame)
        self.coupons.setMaximumHeight(HELD_LIST_ROWS[1] * row + frame)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Member"))
        self.coupons_label.setText(self.tr("Coupons and vouchers held (click to add):"))
        for _label, _spin, button in self._point_rows.values():
            button.setText(self.tr("Max"))

    # ---- rendering ------------------------------------------------------------------
    def render(self, view: CounterView) -> None:
        m = view.member
        self.shown = m
        names = view.point_type_names
        if m is None:
            self.name.setText(self.tr("No member card scanned"))
            self.balances.setText("")
            self.expiring.setText("")
            self.expiring.hide()
            self.coupons.clear()
            self.coupons_label.hide()
            self.coupons.hide()
        else:
            self.name.setText(f"{m.masked_name}  ·  {m.tier_name}")
            self.balances.setText("   ".join(f"{names.get(pt, pt)} {n:,}" for pt, n in m.balances.items()))
            if m.expiring_soon:
                parts = [self.tr("%1 %2 expire %3").replace("%1", f"{e['points']:,}")
                         .replace("%2", names.get(e["point_type"], e["point_type"])).replace("%3", e["expires_at"][:10])
                         for e in m.expiring_soon[:3]]
                self.expiring.setText("⚠ " + "; ".join(parts))
            else:
                self.expiring.setText("")
            self.expiring.setVisible(bool(m.expiring_soon))
            self.coupons.clear()
            for cv in m.coupons:
                uses = f" ({cv.remaining_uses}/{cv.total_uses})" if cv.total_uses > 1 else ""
                item = QListWidgetItem(("✓ " if cv.usable else "✗ ") + cv.name + uses)
                item.setData(Qt.ItemDataRole.UserRole, cv.code)
                why = self.tr("Usable") if cv.usable else reason_text(cv.reason)
                item.setToolTip(cv.name + uses + "\n" + why)
                item.setForeground(qcolor(GREEN if cv.usable else RED))
                self.coupons.addItem(item)
            has = bool(m.coupons)
            self.coupons_label.setVisible(has)
            self.coupons.setVisible(has)
        self._render_points(view)

    def balance_shown(self, point_type: str) -> int | None:
        """The balance of `point_type` on screen (None without a member)."""
        return None if self.shown is None else self.shown.balances.get(point_type)

    def _point_row(self, pt: str) -> tuple[ElidedLabel, QSpinBox, QPushButton]:
        if pt not in self._point_rows:
            label, spin, button = ElidedLabel(), QSpinBox(), QPushButton(self.tr("Max"))
            spin.setObjectName(f"points_{pt}")
            spin.setRange(0, 10_000_000)
            spin.setSingleStep(1)
            spin.setMinimumWidth(90)
            spin.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
            spin.editingFinished.connect(lambda pt=pt, spin=spin: self._points_edited(pt, spin))
            button.clicked.connect(lambda _=False, pt=pt: self.max_points_clicked.emit(pt))
            r = len(self._point_rows)
            self.points_grid.addWidget(label, r, 0)
            self.points_grid.addWidget(spin, r, 1)
            self.points_grid.addWidget(button, r, 2)
            self._point_rows[pt] = (label, spin, button)
        return self._point_rows[pt]

    def _render_points(self, view: CounterView) -> None:
        names = view.point_type_names
        m = view.member
        maxp = view.preview.max_points if view.preview else {}
        for pt in names:
            label, spin, button = self._point_row(pt)
            usable = m is not None and m.balances.get(pt, 0) > 0 and view.receipt is None
            most = self.tr("max %1").replace("%1", f"{maxp.get(pt, 0):,}")
            label.setText(self.tr("Use %1").replace("%1", names.get(pt, pt)) + (f"  ({most})" if usable and view.preview else ""))
            spin.blockSignals(True)
            spin.setValue(view.points.get(pt, 0))
            spin.blockSignals(False)
            for w in (label, spin, button):
                w.setVisible(usable)

    def point_spin(self, point_type: str) -> QSpinBox | None:
        row = self._point_rows.get(point_type)
        return row[1] if row else None

    # ---- input ----------------------------------------------------------------------
    def _held_activated(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if code:
            self.held_coupon_chosen.emit(code)

    def _points_edited(self, pt: str, spin: QSpinBox) -> None:
        self.points_entered.emit(pt, spin.value())
