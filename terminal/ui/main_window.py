"""The cashier's window. Thin: every action runs `Counter` methods on the db worker and
renders the `CounterView` that comes back; nothing here touches the database.

The window is the top bar (store, cashier, sync status) over two columns: scan field,
verdict banner (`notice_banner`), basket (`basket_panel`) and coupons (`coupon_panel`)
on the left; member (`member_panel`), total and breakdown or receipt (`checkout_panel`)
and the settle button on the right. Every panel keeps a minimum size that does not depend
on its content (elided/clamped labels, scroll areas), so the window fits 1024x768,
1366x768 and 1920x1080 in both languages and never grows (tests/ui/test_window_fits.py).

Keyboard (also listed in the status bar):
  scan field always gets focus back (Esc)   F2 amount   F3 max points   F4 price override
  F5 camera on/off   F6 print slip   F8 void last (manager)   F9 new checkout
  F11 full screen   F12 or Ctrl+Enter settle   Ctrl+L sign out   Ctrl+Shift+L language
  Delete removes the selected basket line / coupon; +/- change its quantity
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QPushButton, QSizePolicy,
                               QTableWidget, QVBoxLayout, QWidget)

from terminal import __version__
from terminal.usecases.counter import Counter, CounterView, Notice
from terminal.storage.db import StorageFullError
from terminal.scanning.wedge import strip_controls
from terminal.ui import i18n
from terminal.ui.basket_panel import BasketPanel, selected_row
from terminal.ui.camera import CameraController, CameraView, FrameSource
from terminal.ui.checkout_panel import CheckoutPanel
from terminal.ui.coupon_panel import CouponPanel
from terminal.ui.dialogs import LoginDialog, ManagerDialog
from terminal.ui.member_panel import MemberPanel
from terminal.ui.notice_banner import NoticeBanner
from terminal.ui.style import GREEN, GREY, ORANGE, RED, STYLE, money
from terminal.ui.widgets import ElidedLabel
from terminal.ui.worker import DbWorker

log = logging.getLogger(__name__)

__all__ = ["MainWindow", "money"]

PREFERRED_SIZE = QSize(1280, 800)  # on screens at least this big (less task bar); smaller ones: maximized
CAMERA_VIEW_HEIGHT = (110, 220)  # px, min / max of the live preview
REPEAT_WINDOW_S = 1.0  # the same code again within this: a double read, taken once ([scanner] repeat_window_s)


class MainWindow(QMainWindow):
    view_rendered = Signal(object)  # CounterView, after it is on screen (tests, benchmark)

    def __init__(self, counter: Counter, worker: DbWorker, *, language: str = i18n.DEFAULT_LANGUAGE,
                 printer: Any = None, camera_source: FrameSource | None = None,
                 camera: CameraController | None = None, title: str = "", ask_login: bool = True,
                 status_interval_ms: int = 15_000, on_language: Callable[[str], None] | None = None,
                 repeat_window_s: float = REPEAT_WINDOW_S, clock: Callable[[], float] = time.monotonic) -> None:
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
        self._login_dialog: LoginDialog | None = None
        self.repeat_window_s = repeat_window_s
        self._clock = clock
        self._last_read: tuple[str, float] | None = None  # (code, clock time) of the last scan taken
        self.repeats_ignored = 0
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
        root.setContentsMargins(10, 4, 10, 4)
        root.setSpacing(6)
        self._build_top_bar(root)

        body = QHBoxLayout()
        body.setSpacing(8)
        root.addLayout(body, 1)
        left = QVBoxLayout()
        left.setSpacing(6)
        right = QVBoxLayout()
        right.setSpacing(6)
        body.addLayout(left, 11)
        body.addLayout(right, 9)

        # scan row
        scan_row = QHBoxLayout()
        scan_row.setSpacing(4)
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.scan_field.setProperty("wedge", "scan")
        self.scan_field.setMaxLength(600)
        self.scan_field.setMinimumWidth(160)
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

        # the verdict banner: the big green/red answer
        self.notice = NoticeBanner()
        self.notice_headline = self.notice.headline
        self.notice_detail = self.notice.detail
        left.addWidget(self.notice)

        self.camera_view = CameraView()
        self.camera_view.setMinimumSize(200, CAMERA_VIEW_HEIGHT[0])
        self.camera_view.setMaximumHeight(CAMERA_VIEW_HEIGHT[1])
        self.camera_view.hide()
        left.addWidget(self.camera_view, 2)

        self.basket_panel = BasketPanel()
        self.basket = self.basket_panel.table
        self.amount_field = self.basket_panel.amount_field
        self.amount_button = self.basket_panel.amount_button
        self.plus_button = self.basket_panel.plus_button
        self.minus_button = self.basket_panel.minus_button
        self.remove_line_button = self.basket_panel.remove_line_button
        self.override_button = self.basket_panel.override_button
        self.amount_field.returnPressed.connect(self._add_amount)
        self.amount_button.clicked.connect(self._add_amount)
        self.plus_button.clicked.connect(lambda: self._change_quantity(+1))
        self.minus_button.clicked.connect(lambda: self._change_quantity(-1))
        self.remove_line_button.clicked.connect(self._remove_line)
        self.override_button.clicked.connect(self.ask_price_override)
        left.addWidget(self.basket_panel, 1)

        self.coupon_panel = CouponPanel()
        self.coupons = self.coupon_panel.table
        self.remove_coupon_button = self.coupon_panel.remove_button
        self.remove_coupon_button.clicked.connect(self._remove_coupon)
        left.addWidget(self.coupon_panel, 1)

        self.member_panel = MemberPanel()
        self.member_name = self.member_panel.name
        self.member_coupons = self.member_panel.coupons
        self.member_panel.held_coupon_chosen.connect(lambda code: self.run(lambda: self.counter.add_held_coupon(code)))
        self.member_panel.points_entered.connect(self._points_entered)
        self.member_panel.max_points_clicked.connect(self.use_max_points)
        right.addWidget(self.member_panel)

        self.checkout_panel = CheckoutPanel()
        self.preview_box = self.checkout_panel
        self.total = self.checkout_panel.total
        self.total_caption = self.checkout_panel.caption
        self.breakdown = self.checkout_panel.breakdown
        right.addWidget(self.checkout_panel, 1)

        actions = QHBoxLayout()
        actions.setSpacing(4)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_checkout)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_receipt)
        self.void_button = QPushButton()
        self.void_button.clicked.connect(self.ask_void)
        for b in (self.new_button, self.print_button, self.void_button):
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            actions.addWidget(b)
        right.addLayout(actions)
        self.settle_button = QPushButton()
        self.settle_button.setObjectName("settle")
        self.settle_button.clicked.connect(self.settle)
        right.addWidget(self.settle_button)

        self.hint = ElidedLabel()
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

    def _build_top_bar(self, root: QVBoxLayout) -> None:
        """Store title, cashier, sync status and the online pill; labels elide, never widen the window."""
        top = QHBoxLayout()
        top.setSpacing(8)
        self.title = ElidedLabel()
        self.title.setObjectName("title")
        self.cashier_label = ElidedLabel()
        self.cashier_label.setObjectName("cashier")
        self.status_pill = QLabel()
        self.status_pill.setObjectName("statusPill")
        self.sync_label = ElidedLabel()
        self.sync_label.setObjectName("syncLabel")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # gives way first
        top.addWidget(self.title, 1)
        top.addWidget(self.cashier_label)
        top.addWidget(self.sync_label)
        top.addWidget(self.status_pill)
        root.addLayout(top)

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
        for panel in (self.basket_panel, self.coupon_panel, self.member_panel, self.checkout_panel):
            panel.retranslate()
        self.new_button.setText(self.tr("New (F9)"))
        self.print_button.setText(self.tr("Print (F6)"))
        self.void_button.setText(self.tr("Void last (F8)"))
        self.settle_button.setText(self.tr("Settle (F12)"))
        self.hint.setText(self.tr("Esc scan · F2 amount · F3 max points · F4 override · F5 camera · F8 void · "
                                  "F9 new · F10 manager · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English"))
        self.hint.setToolTip(self.hint.text().replace(" · ", "\n"))
        if self.view is not None:
            self._render(self.view, force=True)
        else:
            self._set_notice(None)

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

        from terminal.usecases.manager_desk import ManagerDesk
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
        """Whatever was scanned or typed (control characters stripped)."""
        code = strip_controls(code).strip()
        if code:
            self.run(lambda: self.counter.scan(code))

    def scanner_read(self, code: str) -> None:
        """A code read by a scanner (wedge or camera). The same code again within `repeat_window_s`
        is a double read: taken once, and the banner says so (a deliberate second scan comes later).
        Typed codes are not debounced: a person does not type the same code twice in a second."""
        code = strip_controls(code).strip()
        if not code:
            return
        now = self._clock()
        last = self._last_read
        self._last_read = (code, now)  # a code held under the scanner keeps extending the window
        if last is not None and last[0] == code and now - last[1] < self.repeat_window_s:
            self.repeats_ignored += 1
            self._set_notice(Notice("info", "repeat", "Same code read twice: counted once.", subject=code,
                                    details={"window_s": self.repeat_window_s}))
            return
        self.run(lambda: self.counter.scan(code))

    def _scan_field_entered(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        self.scan(text)

    def wedge_scanned(self, text: str) -> None:
        self.scanner_read(text)

    def _camera_code(self, symbology: str, text: str) -> None:
        QApplication.beep()
        self.camera_view.flash()
        self.scanner_read(text)

    def login(self, staff_id: str, pin: str) -> None:
        def after(view: CounterView) -> None:
            if view.cashier is None and self.ask_login:
                n = view.notice
                self.show_login(self._notice_text(n)[0] if n else "",
                                locked_until=n.details.get("locked_until") if n and n.reason == "staff_locked" else None)
        self.run(lambda: self.counter.login(staff_id, pin), after)

    def show_login(self, message: str = "", *, locked_until: str | None = None) -> None:
        if self._login_dialog is not None:
            self._login_dialog.close()
        dlg = LoginDialog(self, message, locked_until=locked_until)
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

    @staticmethod
    def _selected_row(table: QTableWidget) -> int:
        return selected_row(table)

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

    def _points_entered(self, point_type: str, points: int) -> None:
        if self.view is None or points == self.view.points.get(point_type, 0):
            return
        self.set_points(point_type, points)

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
        n = view.notice
        if (n is not None and n.reason == "offline_allowance_exceeded" and view.receipt is None
                and not n.details.get("beyond_override")):  # beyond what a manager may approve: the refusal stands
            self.ask_allowance_override()
            return
        if view.receipt is not None and self.printer is not None and getattr(self, "auto_print", False):
            self.print_receipt()

    def ask_allowance_override(self) -> None:
        """Beyond the offline allowance: a manager approves (id, PIN, reason) and the sale settles, audited."""
        dlg = ManagerDialog(self.tr("Beyond the offline allowance"), self,
                            explanation=self.tr("This sale spends more points or stored-voucher uses than the server allows "
                                                "while offline. A manager must approve it."))
        dlg.setObjectName("allowanceOverride")
        dlg.accepted.connect(lambda: self.settle_with_override(**dlg.values()))
        dlg.open()

    def settle_with_override(self, *, manager_id: str, pin: str, reason: str) -> None:
        approval = {"manager_id": manager_id, "pin": pin, "reason": reason}
        self.run(lambda: self.counter.settle(override=approval), self._after_settle)

    def new_checkout(self) -> None:
        self.run(self.counter.new_checkout)
        self.focus_scan()

    def print_receipt(self) -> None:
        receipt = self.view.receipt if self.view else None
        if receipt is None or self.printer is None:
            return
        from terminal.infra.printing import print_receipt

        names = self.view.point_type_names
        lang = self.language
        printer = self.printer
        # printing is I/O too: do it off the GUI thread (the db worker serialises it)
        self.worker.submit(lambda: print_receipt(printer, receipt, lang=lang, point_names=names),
                           lambda _r: self._set_notice(Notice("ok", "printed", self.tr("Slip printed."))), self._failed)

    def ask_void(self) -> None:
        if self.view is None or (self.view.last_receipt is None and self.view.receipt is None):
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


    # ---- fitting the screen ---------------------------------------------------------
    def _available(self) -> QRect | None:
        screen = self.screen() or QApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def sizeHint(self) -> QSize:  # noqa: N802
        """1280x800, or less on a smaller screen (its available area, less the window frame)."""
        area = self._available()
        if area is None:
            return QSize(PREFERRED_SIZE)
        frame = self.frameGeometry().size() - self.geometry().size() if self.isVisible() else QSize(0, 0)
        return PREFERRED_SIZE.boundedTo(area.size() - frame)

    def show_fitted(self) -> None:
        """Show at the preferred size, or maximized when the screen's free area is smaller than that."""
        area = self._available()
        if area is not None and (area.width() < PREFERRED_SIZE.width() or area.height() < PREFERRED_SIZE.height()):
            self.setGeometry(area)  # also right where no window manager maximizes (kiosk X sessions)
            self.showMaximized()
            return
        self.resize(self.sizeHint())
        if area is not None:
            geo = self.frameGeometry()
            geo.moveCenter(area.center())
            self.move(geo.topLeft())
        self.show()

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
            "repeat": self.tr("Same code read twice: counted once"),
        }
        if n.event == "coupon" and n.level != "ok":
            heads["coupon"] = self.tr("Coupon added: %1")
        head = heads.get(n.event, n.message).replace("%1", n.subject or "")
        if n.event == "settled":
            head += "  " + money(n.details.get("total"))
        # events whose headline says it all, or whose detail the window words itself (no English in zh_TW)
        details = {"printed": "", "login": "", "logout": "", "member": "",
                   "repeat": self.tr("%1 was read again within %2 s and not added twice. Scan it again after a "
                                     "moment to add it once more.").replace("%1", n.subject or "")
                   .replace("%2", f"{float(n.details.get('window_s', 0)):g}"),
                   "settled": self.tr("Next scan starts a new checkout (F9)."),
                   "voided": self.tr("Checkout %1: %2").replace("%1", str(n.details.get("checkout_id", ""))[:8])
                   .replace("%2", str(n.details.get("reason", "")))}
        return ("✓ " if n.level == "ok" else "") + head, details.get(n.event, n.message)

    def _set_notice(self, n: Notice | None) -> None:
        if n is None:
            color = GREY
            head, detail = self.tr("Ready: scan a member card, coupon or product"), ""
        else:
            color = {"ok": GREEN, "error": RED}.get(n.level, GREY)
            head, detail = self._notice_text(n)
        self.notice.show_message(color, n.level if n else "idle", head, detail)

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
        self.status_pill.setStyleSheet(f"background: {GREEN if online else ORANGE};")
        pending = int(st.get("pending") or 0)
        age = self._age(st.get("oldest_pending_at"))
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
        # enrolled, but the OS credential vault cannot give the credential (a keyring locked after a
        # reboot, its prompt cancelled): sales go on offline, the sync runner tries the vault again
        vault = {"locked": self.tr("Credential vault locked · sync retrying"),
                 "unavailable": self.tr("Credential vault unavailable · sync retrying"),
                 "missing": self.tr("Credential missing from the vault · call IT")}.get(st.get("credential") or "")
        if vault:
            text = vault + " · " + text
        self.sync_label.setProperty("vault", st.get("credential") if vault else "")
        self.sync_label.setToolTip(str(st.get("last_error") or "") if vault else "")
        self.sync_label.setText(text)
        self.basket_panel.render(view)
        self.coupon_panel.render(view, domain_detail=self.language != "zh_TW")
        self.member_panel.render(view)
        self.checkout_panel.render(view, domain_detail=self.language != "zh_TW")
        settled = view.receipt is not None
        self.settle_button.setEnabled(view.can_settle)
        self.print_button.setEnabled(settled and self.printer is not None)
        self.void_button.setEnabled(view.last_receipt is not None)
        for w in (*self.basket_panel.action_buttons, self.remove_coupon_button):
            w.setEnabled(view.cashier is not None and not settled)
        self.view_rendered.emit(view)

    def _age(self, iso: str | None) -> str:
        """How long ago `iso` was, in the cashier's language ("12 min", "3 h", "2 d"); "" if unknown."""
        secs = _age_seconds(iso)
        if secs is None:
            return ""
        if secs < 3600:
            return self.tr("%1 min").replace("%1", str(secs // 60))
        if secs < 86400:
            return self.tr("%1 h").replace("%1", str(secs // 3600))
        return self.tr("%1 d").replace("%1", str(secs // 86400))


def _age_seconds(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        then = datetime.fromisoformat(iso)
    except ValueError:
        return None
    from datetime import timezone

    return max(0, int((datetime.now(timezone.utc) - then).total_seconds()))
