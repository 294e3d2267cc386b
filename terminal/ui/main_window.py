"""The cashier's window. Thin: every action runs `Counter` methods on the db worker and
renders the `CounterView` that comes back; nothing here touches the database.

Keyboard (also listed in the status bar):
  scan field always gets focus back (Esc)   F2 amount   F3 max points   F4 price override
  F5 camera on/off   F6 print slip   F8 void last (manager)   F9 new checkout
  F11 full screen   F12 or Ctrl+Enter settle   Ctrl+L sign out   Ctrl+Shift+L language
  Delete removes the selected basket line / coupon; +/- change its quantity
"""

from __future__ import annotations

import html
import logging
from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QGridLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMainWindow,
                               QPushButton, QSizePolicy, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from terminal import __version__
from terminal.counter import Counter, CounterView, Notice
from terminal.storage.db import StorageFullError
from terminal.ui import i18n
from terminal.ui.camera import CameraController, CameraView, FrameSource
from terminal.ui.dialogs import LoginDialog, ManagerDialog
from terminal.ui.worker import DbWorker

log = logging.getLogger(__name__)

GREEN, RED, GREY = "#1b7f3b", "#c62828", "#546e7a"

STYLE = """
QMainWindow, QWidget#central { background: #f4f6f8; }
QLabel#title { font-size: 20px; font-weight: bold; color: #263238; }
QLabel#statusPill { border-radius: 12px; padding: 4px 12px; color: white; font-weight: bold; }
QLineEdit#scanField { font-size: 28px; padding: 8px; border: 3px solid #1565c0; border-radius: 6px; background: white; }
QFrame#notice { border-radius: 8px; }
QLabel#noticeHeadline { font-size: 30px; font-weight: bold; color: white; }
QLabel#noticeDetail { font-size: 16px; color: white; }
QGroupBox { font-size: 17px; font-weight: bold; border: 1px solid #cfd8dc; border-radius: 8px; margin-top: 14px;
            background: white; padding: 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }
QLabel#memberName { font-size: 26px; font-weight: bold; }
QLabel#total { font-size: 52px; font-weight: bold; color: #0d47a1; }
QLabel#totalCaption { font-size: 18px; color: #455a64; }
QPushButton { font-size: 16px; padding: 6px 12px; }
QPushButton#settle { font-size: 28px; font-weight: bold; color: white; background: #1b7f3b; border-radius: 8px;
                     padding: 8px; }
QPushButton#settle:disabled { background: #a5d6a7; }
QTableWidget, QListWidget { font-size: 17px; }
QHeaderView::section { font-size: 15px; padding: 4px; }
"""


def money(n: int | None) -> str:
    return "" if n is None else (f"-${-n:,}" if n < 0 else f"${n:,}")


class MainWindow(QMainWindow):
    view_rendered = Signal(object)  # CounterView, after it is on screen (tests, benchmark)

    def __init__(self, counter: Counter, worker: DbWorker, *, language: str = i18n.DEFAULT_LANGUAGE,
                 printer: Any = None, camera_source: FrameSource | None = None,
                 camera: CameraController | None = None, title: str = "", ask_login: bool = True,
                 status_interval_ms: int = 15_000, on_language: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.counter = counter
        self.worker = worker
        self.language = language
        self.printer = printer
        self.camera_source = camera_source
        self.camera = camera
        self.store_title = title
        self.ask_login = ask_login
        self.on_language = on_language
        self.view: CounterView | None = None
        self._last_seq = 0
        self._point_rows: dict[str, tuple[QLabel, QSpinBox, QPushButton]] = {}
        self._login_dialog: LoginDialog | None = None
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLE)
        self._build()
        self._shortcuts()
        self.retranslate()
        if camera is not None:
            camera.code.connect(self._camera_code)
            camera.preview.connect(self.camera_view.set_image)
            camera.failed.connect(self._camera_failed)
            camera.running_changed.connect(self._camera_running)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(status_interval_ms)
        self._status_timer.timeout.connect(lambda: self.run(self.counter.refresh))
        self._status_timer.start()
        self.run(self.counter.refresh)

    # ---- construction ---------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        central.setObjectName("central")
        self.setCentralWidget(central)
        root = QVBoxLayout(central)
        root.setContentsMargins(12, 8, 12, 8)

        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("title")
        self.cashier_label = QLabel()
        self.cashier_label.setObjectName("cashier")
        self.status_pill = QLabel()
        self.status_pill.setObjectName("statusPill")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.cashier_label)
        top.addSpacing(16)
        top.addWidget(self.sync_label)
        top.addWidget(self.status_pill)
        root.addLayout(top)

        body = QHBoxLayout()
        root.addLayout(body, 1)
        left = QVBoxLayout()
        right = QVBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)

        # scan row
        scan_row = QHBoxLayout()
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.scan_field.setMaxLength(600)
        self.scan_field.returnPressed.connect(self._scan_field_entered)
        self.scan_button = QPushButton()
        self.scan_button.clicked.connect(self._scan_field_entered)
        self.camera_button = QPushButton()
        self.camera_button.setCheckable(True)
        self.camera_button.clicked.connect(self.toggle_camera)
        scan_row.addWidget(self.scan_field, 1)
        scan_row.addWidget(self.scan_button)
        scan_row.addWidget(self.camera_button)
        left.addLayout(scan_row)

        # notice banner: the big green/red answer
        self.notice = QFrame()
        self.notice.setObjectName("notice")
        nl = QVBoxLayout(self.notice)
        nl.setContentsMargins(14, 8, 14, 8)
        self.notice_headline = QLabel()
        self.notice_headline.setObjectName("noticeHeadline")
        self.notice_headline.setWordWrap(True)
        self.notice_detail = QLabel()
        self.notice_detail.setObjectName("noticeDetail")
        self.notice_detail.setWordWrap(True)
        nl.addWidget(self.notice_headline)
        nl.addWidget(self.notice_detail)
        left.addWidget(self.notice)

        self.camera_view = CameraView()
        self.camera_view.setMaximumHeight(260)
        self.camera_view.hide()
        left.addWidget(self.camera_view)

        # basket
        self.basket_box = QGroupBox()
        bl = QVBoxLayout(self.basket_box)
        self.basket = QTableWidget(0, 4)
        self.basket.setObjectName("basket")
        self._table_setup(self.basket, stretch_col=0)
        bl.addWidget(self.basket)
        row = QHBoxLayout()
        self.amount_field = QLineEdit()
        self.amount_field.setObjectName("amountField")
        self.amount_field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.amount_field.setValidator(QIntValidator(1, 10_000_000, self))
        self.amount_field.returnPressed.connect(self._add_amount)
        self.amount_button = QPushButton()
        self.amount_button.clicked.connect(self._add_amount)
        self.plus_button = QPushButton("+")
        self.plus_button.clicked.connect(lambda: self._change_quantity(+1))
        self.minus_button = QPushButton("−")
        self.minus_button.clicked.connect(lambda: self._change_quantity(-1))
        self.remove_line_button = QPushButton()
        self.remove_line_button.clicked.connect(self._remove_line)
        self.override_button = QPushButton()
        self.override_button.clicked.connect(self.ask_price_override)
        for w in (self.amount_field, self.amount_button, self.plus_button, self.minus_button, self.remove_line_button,
                  self.override_button):
            row.addWidget(w)
        self.amount_field.setMaximumWidth(160)
        row.insertStretch(2, 1)
        bl.addLayout(row)
        left.addWidget(self.basket_box, 3)

        # coupons
        self.coupon_box = QGroupBox()
        cl = QVBoxLayout(self.coupon_box)
        self.coupons = QTableWidget(0, 4)
        self.coupons.setObjectName("coupons")
        self._table_setup(self.coupons, stretch_col=3)
        self.coupons.setWordWrap(True)
        cl.addWidget(self.coupons)
        crow = QHBoxLayout()
        crow.addStretch(1)
        self.remove_coupon_button = QPushButton()
        self.remove_coupon_button.clicked.connect(self._remove_coupon)
        crow.addWidget(self.remove_coupon_button)
        cl.addLayout(crow)
        left.addWidget(self.coupon_box, 3)

        # member
        self.member_box = QGroupBox()
        ml = QVBoxLayout(self.member_box)
        self.member_name = QLabel()
        self.member_name.setObjectName("memberName")
        self.member_balances = QLabel()
        self.member_balances.setObjectName("memberBalances")
        self.member_balances.setWordWrap(True)
        self.member_expiring = QLabel()
        self.member_expiring.setObjectName("memberExpiring")
        self.member_expiring.setWordWrap(True)
        self.member_coupons_label = QLabel()
        self.member_coupons = QListWidget()
        self.member_coupons.setObjectName("memberCoupons")
        self.member_coupons.setMaximumHeight(92)
        self.member_coupons.itemActivated.connect(self._held_coupon_activated)
        self.member_coupons.itemClicked.connect(self._held_coupon_activated)
        for w in (self.member_name, self.member_balances, self.member_expiring, self.member_coupons_label, self.member_coupons):
            ml.addWidget(w)
        self.points_grid = QGridLayout()
        ml.addLayout(self.points_grid)
        right.addWidget(self.member_box)

        # preview / receipt
        self.preview_box = QGroupBox()
        pl = QVBoxLayout(self.preview_box)
        self.total_caption = QLabel()
        self.total_caption.setObjectName("totalCaption")
        self.total = QLabel("$0")
        self.total.setObjectName("total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.breakdown = QLabel()
        self.breakdown.setObjectName("breakdown")
        self.breakdown.setWordWrap(True)
        self.breakdown.setTextFormat(Qt.TextFormat.RichText)
        self.breakdown.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.breakdown.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        total_row = QHBoxLayout()
        total_row.addWidget(self.total_caption, 0, Qt.AlignmentFlag.AlignBottom)
        total_row.addWidget(self.total, 1)
        pl.addLayout(total_row)
        pl.addWidget(self.breakdown, 1)
        right.addWidget(self.preview_box, 1)

        actions = QHBoxLayout()
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_checkout)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_receipt)
        self.void_button = QPushButton()
        self.void_button.clicked.connect(self.ask_void)
        for b in (self.new_button, self.print_button, self.void_button):
            actions.addWidget(b)
        right.addLayout(actions)
        self.settle_button = QPushButton()
        self.settle_button.setObjectName("settle")
        self.settle_button.clicked.connect(self.settle)
        right.addWidget(self.settle_button)

        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.statusBar().addWidget(self.hint, 1)
        self.version_label = QLabel(f"v{__version__}")
        self.version_label.setObjectName("versionLabel")
        self.statusBar().addPermanentWidget(self.version_label)

        # keyboard order: scan -> amount -> basket -> coupons -> member coupons -> settle
        QWidget.setTabOrder(self.scan_field, self.amount_field)
        QWidget.setTabOrder(self.amount_field, self.basket)
        QWidget.setTabOrder(self.basket, self.coupons)
        QWidget.setTabOrder(self.coupons, self.member_coupons)
        QWidget.setTabOrder(self.member_coupons, self.settle_button)
        self.scan_field.setFocus()
        self._set_notice(None)

    @staticmethod
    def _table_setup(table: QTableWidget, stretch_col: int) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        for c in range(table.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == stretch_col else QHeaderView.ResizeMode.ResizeToContents)

    def _shortcuts(self) -> None:
        def sc(keys, fn):
            for k in keys if isinstance(keys, (list, tuple)) else [keys]:
                s = QShortcut(QKeySequence(k), self)
                s.setContext(Qt.ShortcutContext.ApplicationShortcut)
                s.activated.connect(fn)

        sc(["F12", "Ctrl+Return", "Ctrl+Enter"], self.settle)
        sc("F2", lambda: self.amount_field.setFocus())
        sc("F3", self.use_max_points)
        sc("F4", self.ask_price_override)
        sc("F5", self.toggle_camera)
        sc("F6", self.print_receipt)
        sc("F8", self.ask_void)
        sc("F9", self.new_checkout)
        sc("F10", self.open_manager_desk)
        sc("F11", self.toggle_fullscreen)
        sc("Escape", self.focus_scan)
        sc("Ctrl+L", self.logout)
        sc("Ctrl+Shift+L", self.toggle_language)
        sc("Delete", self._delete_selected)
        sc("Ctrl+Up", lambda: self._change_quantity(+1))
        sc("Ctrl+Down", lambda: self._change_quantity(-1))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Loyalty Terminal") + f" {__version__}")
        self.title.setText(self.tr("Loyalty redemption") + (f" · {self.store_title}" if self.store_title else ""))
        self.scan_field.setPlaceholderText(self.tr("Scan or type a code + Enter"))
        self.scan_button.setText(self.tr("Enter"))
        self.camera_button.setText(self.tr("Camera (F5)"))
        self.basket_box.setTitle(self.tr("Basket"))
        self.basket.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Qty"), self.tr("Price"), self.tr("Pay")])
        self.amount_field.setPlaceholderText(self.tr("Amount (F2)"))
        self.amount_button.setText(self.tr("Add amount"))
        self.remove_line_button.setText(self.tr("Remove"))
        self.override_button.setText(self.tr("Price override (F4)"))
        self.coupon_box.setTitle(self.tr("Coupons"))
        self.coupons.setHorizontalHeaderLabels([self.tr("Verdict"), self.tr("Coupon"), self.tr("Discount"), self.tr("Reason")])
        self.remove_coupon_button.setText(self.tr("Remove coupon"))
        self.member_box.setTitle(self.tr("Member"))
        self.member_coupons_label.setText(self.tr("Coupons and vouchers held (click to add):"))
        self.preview_box.setTitle(self.tr("Checkout"))
        self.new_button.setText(self.tr("New (F9)"))
        self.print_button.setText(self.tr("Print (F6)"))
        self.void_button.setText(self.tr("Void last (F8)"))
        self.settle_button.setText(self.tr("Settle (F12)"))
        self.hint.setText(self.tr("Esc scan · F2 amount · F3 max points · F4 override · F5 camera · F8 void · "
                                  "F9 new · F10 manager · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English"))
        for pt, (label, _spin, button) in self._point_rows.items():
            button.setText(self.tr("Max"))
        if self.view is not None:
            self._render(self.view, force=True)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- running work on the db worker ----------------------------------------------
    def run(self, fn: Callable[[], CounterView], after: Callable[[CounterView], None] | None = None) -> None:
        def done(view: CounterView) -> None:
            self._render(view)
            if after is not None:
                after(view)

        self.worker.submit(fn, done, self._failed)

    def open_manager_desk(self) -> None:
        """F10: the manager's desk (report, voids, close of day, conflicts) behind a manager PIN."""
        from PySide6.QtWidgets import QDialog

        from terminal.manager_desk import ManagerDesk
        from terminal.ui.manager_desk import ManagerDeskWindow, ManagerPinDialog

        dlg = ManagerPinDialog(self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        manager_id, pin = dlg.manager_id.text().strip(), dlg.pin.text()
        service = self.counter.service

        def opened(staff: dict) -> None:
            self.manager_desk = ManagerDeskWindow(ManagerDesk(service), self.worker,
                                                  {"id": manager_id, "pin": pin, "name": staff["name"]}, self)
            self.manager_desk.show()
            self.manager_desk.refresh()

        self.worker.submit(lambda: service.verify_staff(manager_id, pin, role="manager"), opened, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StorageFullError):  # the cashier's words, not a class name; the basket is kept
            self._set_notice(Notice("error", "error", str(exc), "storage_full"))
            return
        self._set_notice(Notice("error", "error", f"{type(exc).__name__}: {exc}", None))

    # ---- actions (GUI thread; the work itself runs on the worker) -------------------
    def scan(self, code: str) -> None:
        code = code.strip()
        if code:
            self.run(lambda: self.counter.scan(code))

    def _scan_field_entered(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        self.scan(text)

    def wedge_scanned(self, text: str) -> None:
        self.scan(text)

    def _camera_code(self, symbology: str, text: str) -> None:
        QApplication.beep()
        self.camera_view.flash()
        self.scan(text)

    def login(self, staff_id: str, pin: str) -> None:
        def after(view: CounterView) -> None:
            if view.cashier is None and self.ask_login:
                self.show_login(self._notice_text(view.notice)[0] if view.notice else "")
        self.run(lambda: self.counter.login(staff_id, pin), after)

    def show_login(self, message: str = "") -> None:
        if self._login_dialog is not None:
            self._login_dialog.close()
        dlg = LoginDialog(self, message)
        self._login_dialog = dlg

        def accepted() -> None:
            self._login_dialog = None
            self.login(*dlg.values())

        dlg.accepted.connect(accepted)
        dlg.rejected.connect(lambda: setattr(self, "_login_dialog", None))
        dlg.open()

    def logout(self) -> None:
        self.run(self.counter.logout, lambda v: self.ask_login and self.show_login())

    def _add_amount(self) -> None:
        text = self.amount_field.text().strip()
        if not text:
            return
        amount = int(text)
        self.amount_field.clear()
        name = self.tr("Amount")
        self.run(lambda: self.counter.add_amount(amount, name))
        self.focus_scan()

    def _selected_row(self, table: QTableWidget) -> int:
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        if rows:
            return rows[0].row()
        return table.rowCount() - 1

    def _change_quantity(self, delta: int) -> None:
        if self.view is None or not self.view.lines:
            return
        i = self._selected_row(self.basket)
        if 0 <= i < len(self.view.lines):
            q = self.view.lines[i].quantity + delta
            self.run(lambda: self.counter.set_quantity(i, q))

    def _remove_line(self) -> None:
        i = self._selected_row(self.basket)
        if i >= 0:
            self.run(lambda: self.counter.remove_line(i))

    def _remove_coupon(self) -> None:
        i = self._selected_row(self.coupons)
        if i >= 0:
            self.run(lambda: self.counter.remove_coupon(i))

    def _delete_selected(self) -> None:
        if self.coupons.hasFocus():
            self._remove_coupon()
        elif self.basket.hasFocus():
            self._remove_line()

    def _held_coupon_activated(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if code:
            self.run(lambda: self.counter.add_held_coupon(code))

    def set_points(self, point_type: str, points: int) -> None:
        self.run(lambda: self.counter.set_points(point_type, points))

    def use_max_points(self, point_type: str | None = None) -> None:
        if point_type is None:
            if self.view is None or self.view.member is None:
                return
            point_type = next((pt for pt, n in self.view.member.balances.items() if n > 0), None)
            if point_type is None:
                return
        self.run(lambda: self.counter.use_max_points(point_type))

    def settle(self) -> None:
        if self.view is not None and self.view.state == "settled":
            return
        self.run(self.counter.settle, self._after_settle)

    def _after_settle(self, view: CounterView) -> None:
        if view.receipt is not None and self.printer is not None and getattr(self, "auto_print", False):
            self.print_receipt()

    def new_checkout(self) -> None:
        self.run(self.counter.new_checkout)
        self.focus_scan()

    def print_receipt(self) -> None:
        receipt = self.view.receipt if self.view else None
        if receipt is None or self.printer is None:
            return
        from terminal.printing import print_receipt

        names = self.view.point_type_names
        lang = self.language
        printer = self.printer
        # printing is I/O too: do it off the GUI thread (the db worker serialises it)
        self.worker.submit(lambda: print_receipt(printer, receipt, lang=lang, point_names=names),
                           lambda _r: self._set_notice(Notice("ok", "printed", self.tr("Slip printed."))), self._failed)

    def ask_void(self) -> None:
        if self.counter.last_receipt is None and (self.view is None or self.view.receipt is None):
            self._set_notice(Notice("error", "void", "Nothing to void.", "not_found"))
            return
        dlg = ManagerDialog(self.tr("Void last checkout"), self, explanation=self.tr("A manager must approve a void."))
        dlg.accepted.connect(lambda: self.void(None, **dlg.values()))
        dlg.open()

    def void(self, checkout_id: str | None, *, manager_id: str, pin: str, reason: str) -> None:
        self.run(lambda: self.counter.void(checkout_id, manager_id=manager_id, pin=pin, reason=reason))

    def ask_price_override(self) -> None:
        if self.view is None or not self.view.lines or self.view.receipt is not None:
            return
        i = self._selected_row(self.basket)
        line = self.view.lines[i]
        dlg = ManagerDialog(self.tr("Price override"), self,
                            explanation=self.tr("New unit price for: %1").replace("%1", line.name),
                            with_value=self.tr("New price"), value=line.unit_price)
        dlg.accepted.connect(lambda: self.override_price(i, **dlg.values()))
        dlg.open()

    def override_price(self, index: int, *, value: int, manager_id: str, pin: str, reason: str) -> None:
        self.run(lambda: self.counter.override_price(index, value, manager_id=manager_id, pin=pin, reason=reason))

    def focus_scan(self) -> None:
        self.activateWindow()
        self.scan_field.setFocus()

    def toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def toggle_language(self) -> None:
        self.set_language("en" if self.language == "zh_TW" else "zh_TW")

    def set_language(self, language: str) -> None:
        self.language = i18n.install(QApplication.instance(), language)
        if self.on_language is not None:
            self.on_language(self.language)
        self.retranslate()

    def toggle_camera(self) -> None:
        if self.camera is None or self.camera_source is None:
            self.camera_button.setChecked(False)
            self._set_notice(Notice("error", "camera", self.tr("No camera configured.")))
            return
        if self.camera.running:
            self.camera.stop()
        else:
            self.camera.start(self.camera_source)

    def _camera_running(self, running: bool) -> None:
        self.camera_button.setChecked(running)
        self.camera_view.setVisible(running)
        if not running:
            self.camera_view.clear()

    def _camera_failed(self, message: str) -> None:
        self._set_notice(Notice("error", "camera", self.tr("Camera stopped: %1").replace("%1", message)))

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.camera is not None:
            self.camera.stop()
        self._status_timer.stop()
        super().closeEvent(event)

    # ---- rendering ------------------------------------------------------------------
    def _notice_text(self, n: Notice) -> tuple[str, str]:
        """(headline, detail): translated headline from the event/reason, English detail."""
        if n.level == "error":
            from terminal.ui.i18n import reason_text

            head = reason_text(n.reason) if n.reason else self.tr("Error")
            subject = f"{n.subject}: " if n.subject and n.event == "coupon" else ""
            return "✗ " + subject + head, n.message
        heads = {
            "member": self.tr("Member: %1"),
            "coupon": self.tr("Coupon accepted: %1"),
            "product": self.tr("Added: %1"),
            "amount": self.tr("Amount added"),
            "points": self.tr("Points applied"),
            "settled": self.tr("Settled"),
            "voided": self.tr("Voided"),
            "override": self.tr("Override approved"),
            "login": self.tr("Signed in: %1"),
            "logout": self.tr("Signed out"),
            "printed": self.tr("Slip printed."),
        }
        if n.event == "coupon" and n.level != "ok":
            heads["coupon"] = self.tr("Coupon added: %1")
        head = heads.get(n.event, n.message).replace("%1", n.subject or "")
        if n.event == "settled":
            head += "  " + money(n.details.get("total"))
        return ("✓ " if n.level == "ok" else "") + head, ("" if n.event in ("printed",) else n.message)

    def _set_notice(self, n: Notice | None) -> None:
        if n is None:
            color = GREY
            head, detail = self.tr("Ready: scan a member card, coupon or product"), ""
        else:
            color = {"ok": GREEN, "error": RED}.get(n.level, GREY)
            head, detail = self._notice_text(n)
        self.notice.setStyleSheet(f"QFrame#notice {{ background: {color}; }}")
        self.notice_headline.setText(head)
        self.notice_detail.setText(detail)
        self.notice_detail.setVisible(bool(detail))
        self.notice.setProperty("level", n.level if n else "idle")

    def _render(self, view: CounterView, force: bool = False) -> None:
        if not force and view.seq <= self._last_seq:
            return
        self._last_seq = max(self._last_seq, view.seq)
        self.view = view
        self._set_notice(view.notice)
        # top bar
        if view.cashier:
            self.cashier_label.setText(self.tr("Cashier: %1").replace("%1", view.cashier["name"]))
        else:
            self.cashier_label.setText(self.tr("Not signed in"))
        st = view.status
        online = bool(st.get("online"))
        self.status_pill.setText(self.tr("Online") if online else self.tr("Offline"))
        self.status_pill.setStyleSheet(f"background: {GREEN if online else '#ef6c00'};")
        pending = int(st.get("pending") or 0)
        age = _age(st.get("oldest_pending_at"))
        text = self.tr("Pending sync: %1").replace("%1", str(pending))
        if pending and age:
            text += " · " + self.tr("oldest %1").replace("%1", age)
        last = st.get("last_success_at")
        if last:
            try:
                when = datetime.fromisoformat(str(last)).astimezone().strftime("%H:%M")  # the PC's local time
            except ValueError:
                when = str(last)
            text += " · " + self.tr("last sync %1").replace("%1", when)
        conflicts = int(st.get("conflicts") or 0)
        if conflicts:
            text += " · " + self.tr("%1 conflict(s) for the manager").replace("%1", str(conflicts))
        self.sync_label.setText(text)
        self._render_basket(view)
        self._render_coupons(view)
        self._render_member(view)
        self._render_preview(view)
        settled = view.receipt is not None
        self.settle_button.setEnabled(view.can_settle)
        self.print_button.setEnabled(settled and self.printer is not None)
        self.void_button.setEnabled(self.counter.last_receipt is not None)
        for w in (self.amount_button, self.plus_button, self.minus_button, self.remove_line_button, self.override_button,
                  self.remove_coupon_button):
            w.setEnabled(view.cashier is not None and not settled)
        self.view_rendered.emit(view)

    def _render_basket(self, view: CounterView) -> None:
        t = self.basket
        sel = self._selected_row(t) if t.selectionModel() and t.selectionModel().selectedRows() else None
        t.setRowCount(len(view.lines))
        for r, ln in enumerate(view.lines):
            name = ln.name + (" ★" if ln.overridden else "")
            cells = [name, str(ln.quantity), money(ln.unit_price), money(ln.net if ln.net is not None else ln.gross)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(r, c, item)
        if sel is not None and sel < t.rowCount():
            t.selectRow(sel)

    def _render_coupons(self, view: CounterView) -> None:
        from terminal.ui.i18n import reason_text

        t = self.coupons
        t.setRowCount(len(view.coupons))
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6 if big.pointSizeF() > 0 else 18)
        big.setBold(True)
        for r, c in enumerate(view.coupons):
            if c.ok is True:
                mark, color, why = "✓", GREEN, self.tr("Accepted")
            elif c.ok is False:
                mark, color, why = "✗", RED, reason_text(c.reason)
            else:
                mark, color, why = "…", GREY, self.tr("Add items to check this coupon")
            name = c.name + (f" ×{c.uses}" if c.uses > 1 else "")
            verdict = QTableWidgetItem(mark)
            verdict.setFont(big)
            verdict.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            verdict.setForeground(Qt.GlobalColor.white)
            verdict.setBackground(_qcolor(color))
            reason_item = QTableWidgetItem(why + ("\n" + c.message if c.ok is False and c.message else ""))
            reason_item.setForeground(_qcolor(color))
            reason_item.setToolTip(c.message)
            disc = QTableWidgetItem(money(-c.discount) if c.discount else "")
            disc.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for col, item in enumerate((verdict, QTableWidgetItem(name), disc, reason_item)):
                t.setItem(r, col, item)
        t.resizeRowsToContents()

    def _render_member(self, view: CounterView) -> None:
        m = view.member
        names = view.point_type_names
        if m is None:
            self.member_name.setText(self.tr("No member card scanned"))
            self.member_balances.setText("")
            self.member_expiring.setText("")
            self.member_coupons.clear()
            self.member_coupons_label.hide()
            self.member_coupons.hide()
        else:
            self.member_name.setText(f"{m.masked_name}  ·  {m.tier_name}")
            bal = "   ".join(f"{names.get(pt, pt)}: <b>{n:,}</b>" for pt, n in m.balances.items())
            self.member_balances.setText(bal)
            if m.expiring_soon:
                parts = [self.tr("%1 %2 expire %3").replace("%1", str(e["points"])).replace("%2", names.get(e["point_type"], e["point_type"]))
                         .replace("%3", e["expires_at"][:10]) for e in m.expiring_soon[:3]]
                self.member_expiring.setText("<span style='color:#ef6c00'>⚠ " + html.escape("; ".join(parts)) + "</span>")
            else:
                self.member_expiring.setText("")
            self.member_coupons.clear()
            for cv in m.coupons:
                uses = f" ({cv.remaining_uses}/{cv.total_uses})" if cv.total_uses > 1 else ""
                item = QListWidgetItem(("✓ " if cv.usable else "✗ ") + cv.name + uses)
                item.setData(Qt.ItemDataRole.UserRole, cv.code)
                item.setToolTip(cv.message)
                item.setForeground(_qcolor(GREEN if cv.usable else RED))
                self.member_coupons.addItem(item)
            has = bool(m.coupons)
            self.member_coupons_label.setVisible(has)
            self.member_coupons.setVisible(has)
        self._render_points(view)

    def _render_points(self, view: CounterView) -> None:
        names = view.point_type_names
        for pt in names:
            if pt not in self._point_rows:
                label, spin, button = QLabel(), QSpinBox(), QPushButton(self.tr("Max"))
                spin.setObjectName(f"points_{pt}")
                spin.setRange(0, 10_000_000)
                spin.setSingleStep(1)
                spin.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
                spin.editingFinished.connect(lambda pt=pt, spin=spin: self._points_edited(pt, spin))
                button.clicked.connect(lambda _=False, pt=pt: self.use_max_points(pt))
                r = len(self._point_rows)
                self.points_grid.addWidget(label, r, 0)
                self.points_grid.addWidget(spin, r, 1)
                self.points_grid.addWidget(button, r, 2)
                self._point_rows[pt] = (label, spin, button)
        m = view.member
        maxp = view.preview.max_points if view.preview else {}
        for pt, (label, spin, button) in self._point_rows.items():
            usable = m is not None and m.balances.get(pt, 0) > 0 and view.receipt is None
            most = self.tr("max %1").replace("%1", f"{maxp.get(pt, 0):,}")
            label.setText(self.tr("Use %1").replace("%1", names.get(pt, pt)) + (f"  ({most})" if usable and view.preview else ""))
            spin.blockSignals(True)
            spin.setValue(view.points.get(pt, 0))
            spin.blockSignals(False)
            for w in (label, spin, button):
                w.setVisible(usable)

    def _points_edited(self, pt: str, spin: QSpinBox) -> None:
        if self.view is None or spin.value() == self.view.points.get(pt, 0):
            return
        self.set_points(pt, spin.value())

    def _render_preview(self, view: CounterView) -> None:
        names = view.point_type_names
        r = view.receipt
        if r is not None:
            self.preview_box.setTitle(self.tr("Receipt"))
            self.total_caption.setText(self.tr("Settled ✓  paid"))
            self.total.setText(money(r["total"]))
            caption = self.tr("Checkout")
            rows = [f"<b>{html.escape(caption)}</b> {html.escape(r['checkout_id'][:8])} · {html.escape(r['local_time'])}"]
            for ln in r["lines"]:
                rows.append(f"{html.escape(ln['name'])} ×{ln['quantity']} &nbsp; {money(ln['gross'])}")
            rows.append(self._row(self.tr("Subtotal"), money(r["gross"])))
            if r["coupon_discount"]:
                rows.append(self._row(self.tr("Coupons"), money(-r["coupon_discount"])))
            if r["points_discount"]:
                rows.append(self._row(self.tr("Points"), money(-r["points_discount"])))
            for pt, n in r["points_earned"].items():
                rows.append(self._row(self.tr("Points earned: %1").replace("%1", names.get(pt, pt)), f"+{n}", GREEN))
            for pt, n in r["points_spent"].items():
                rows.append(self._row(self.tr("Points spent: %1").replace("%1", names.get(pt, pt)), f"-{n}"))
            if r.get("member"):
                for pt, n in r["balances_after"].items():
                    rows.append(self._row(self.tr("Balance now: %1").replace("%1", names.get(pt, pt)), f"{n:,}"))
            not_used, voided = self.tr("Not used"), self.tr("VOIDED")
            for msg in r.get("left_out", []):
                rows.append(f"<span style='color:{RED}'>{html.escape(not_used)}: {html.escape(msg)}</span>")
            if r.get("voided_at"):
                rows.append(f"<b style='color:{RED}'>{html.escape(voided)}: {html.escape(r.get('void_reason', ''))}</b>")
            next_hint = self.tr("Next scan starts a new checkout (F9).")
            rows.append(f"<i>{html.escape(next_hint)}</i>")
            self.breakdown.setText("<br>".join(rows))
            return
        self.preview_box.setTitle(self.tr("Checkout"))
        self.total_caption.setText(self.tr("To pay"))
        p = view.preview
        if p is None:
            self.total.setText(money(0))
            err = view.preview_error
            self.breakdown.setText(html.escape(err.message) if err else html.escape(self.tr("Scan products or enter an amount.")))
            return
        self.total.setText(money(p.total))
        rows = [self._row(self.tr("Subtotal"), money(p.gross))]
        for e in p.explanation:
            if e.kind == "coupon":
                rows.append(self._row(e.text.split(":")[0], money(e.amount), GREEN))
            elif e.kind in ("points", "item_points"):
                rows.append(self._row(e.text, money(e.amount) if e.amount else f"{e.points:+}", GREEN))
            elif e.kind == "points_refused":
                rows.append(f"<span style='color:{RED}'>✗ {html.escape(e.text)}</span>")
            elif e.kind == "earn" and e.points:
                rows.append(self._row(e.text, f"+{e.points}", "#0d47a1"))
        if p.coupon_discount or p.points_discount:
            rows.append(self._row(self.tr("Discounts"), money(-(p.coupon_discount + p.points_discount))))
        earned = {}
        for e in p.earns:
            earned[e.point_type] = earned.get(e.point_type, 0) + e.points
        spent = {}
        for b in p.burns:
            spent[b.point_type] = spent.get(b.point_type, 0) + b.points
        for pt, n in earned.items():
            if n:
                rows.append(self._row(self.tr("Points earned: %1").replace("%1", names.get(pt, pt)), f"+{n}", GREEN))
        for pt, n in spent.items():
            rows.append(self._row(self.tr("Points spent: %1").replace("%1", names.get(pt, pt)), f"-{n}"))
        self.breakdown.setText("".join(f"<div>{r}</div>" for r in rows))

    @staticmethod
    def _row(label: str, value: str, color: str | None = None) -> str:
        style = f" style='color:{color}'" if color else ""
        return (f"<table width='100%' cellspacing='0' cellpadding='1'><tr><td{style}>{html.escape(label)}</td>"
                f"<td align='right'{style}><b>{html.escape(value)}</b></td></tr></table>")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(1280, 800)


def _qcolor(name: str):
    from PySide6.QtGui import QColor

    return QColor(name)


def _age(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        then = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    from datetime import timezone

    secs = max(0, int((datetime.now(timezone.utc) - then).total_seconds()))
    if secs < 3600:
        return f"{secs // 60} min"
    if secs < 86400:
        return f"{secs // 3600} h"
    return f"{secs // 86400} d"

