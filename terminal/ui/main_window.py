"""The cashier's window. Thin: every action runs `Counter` methods on the db worker and
renders the `CounterView` that comes back; nothing here touches the database. Panels render
themselves from the view (top_bar, scan_row, notice_banner, basket/coupon/member/checkout
panels, action_bar); verdict wording is terminal/ui/verdicts.py; the printer has its own lane.

The window is the top bar (store, cashier, sync status) over two columns: scan field,
verdict banner (`notice_banner`), basket (`basket_panel`), coupons (`coupon_panel`, with the
stored value / gift card controls in its button row) on the left; member (`member_panel`), total and breakdown or receipt
(`checkout_panel`), the payment method buttons (`tender_panel`) and the settle button on the right. Every panel keeps a minimum size that does not depend
on its content (elided/clamped labels, scroll areas), so the window fits 1024x768,
1366x768 and 1920x1080 in both languages and never grows (tests/ui/test_window_fits.py).

Keyboard (also listed in the status bar):
  Esc closes the dialog in front (the manager desk too), else the scan field gets focus back
  F1 quick keys (in place of the coupons)   Ctrl+K find a product
  F2 amount   F3 max points   F4 price override
  F5 camera on/off   F6 print slip   F8 void last (manager)   F9 new checkout
  F11 full screen   F12 or Ctrl+Enter settle (again while saving or settled: ignored)
  Ctrl+L sign out (asks first when a basket would be discarded)   Ctrl+Shift+L language
  Delete removes the selected basket line / coupon; Ctrl+Up/Down change its quantity;
  Ctrl+- (or - on the coupon list) takes one use off the selected (else last) coupon

Verdicts are cued by shape and sound too (notice_banner, verdict_sounds); scans that come while
a dialog is open or a settlement is saving wait in `scan_gate` (never on the wrong sale).
"""

from __future__ import annotations

import logging
import time
from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from terminal import __version__
from terminal.scanning.wedge import strip_controls
from terminal.ui import i18n, tender_panel
from terminal.ui.action_bar import ActionBar
from terminal.ui.basket_panel import BasketPanel
from terminal.ui.camera import CameraController, CameraView, FrameSource
from terminal.ui.checkout_panel import CheckoutPanel, left_out_texts
from terminal.ui.counter_basket import BasketActions
from terminal.ui.counter_approvals import ApprovalActions
from terminal.ui.counter_camera import CameraActions
from terminal.ui.coupon_panel import CouponPanel
from terminal.ui.dialogs import LoginDialog
from terminal.ui.member_panel import MemberPanel
from terminal.ui.notice_banner import NoticeBanner
from terminal.ui.numpad import AmountPad
from terminal.ui.quick_keys import QuickKeyPanel
from terminal.ui.offline_strip import OfflineStrip
from terminal.ui import confirm
from terminal.ui.previous_sale import PreviousSale
from terminal.ui.scan_gate import ScanGate
from terminal.ui.verdict_sounds import VerdictSounds
from terminal.ui.scan_row import REPEAT_WINDOW_S, RepeatFilter, ScanRow
from terminal.ui.style import STYLE, money
from terminal.ui.top_bar import TopBar
from terminal.ui.verdicts import banner_colour, failure_notice, idle_text, notice_text
from terminal.ui.widgets import ElidedLabel
from terminal.ui.window_fit import PREFERRED_SIZE, FittedWindow
from terminal.ui.worker import DbWorker, IoWorker
from terminal.usecases.counter import Counter, CounterView, Notice

log = logging.getLogger(__name__)

__all__ = ["MainWindow", "money", "PREFERRED_SIZE"]

CAMERA_VIEW_HEIGHT = (56, 220)  # px, min / max of the live preview (at 768 px high the payment row and a whole row of each table need the rest)


class MainWindow(ApprovalActions, BasketActions, CameraActions, FittedWindow):
    view_rendered = Signal(object)  # CounterView, after it is on screen (tests, benchmark)

    def __init__(self, counter: Counter, worker: DbWorker, *, language: str = i18n.DEFAULT_LANGUAGE,
                 printer: Any = None, camera_source: FrameSource | None = None,
                 camera: CameraController | None = None, title: str = "", ask_login: bool = True,
                 status_interval_ms: int = 15_000, on_language: Callable[[str], None] | None = None,
                 repeat_window_s: float = REPEAT_WINDOW_S, clock: Callable[[], float] = time.monotonic,
                 io_worker: IoWorker | None = None, sounds: Any = None) -> None:
        super().__init__()
        self.counter = counter
        self.worker = worker
        self.io_worker = io_worker or IoWorker(self)  # printer and other slow I/O: never ahead of a scan
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
        self.repeats = RepeatFilter(repeat_window_s, clock)
        self.sounds = VerdictSounds(sounds)  # sounds: a terminal.infra.sounds.SoundPlayer, or None (silent)
        self.scan_gate = ScanGate(self._apply_scan, self)
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLE)
        self._build()
        self._shortcuts()
        self.retranslate()
        if camera is not None:
            camera.code.connect(self._camera_code)
            camera.preview.connect(self.camera_view.set_image)
            camera.problem.connect(self.camera_problem)
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
        self.top_bar = TopBar()
        self.top_bar.store_title = self.store_title
        self.title, self.cashier_label = self.top_bar.title, self.top_bar.cashier_label
        self.status_pill, self.sync_label = self.top_bar.status_pill, self.top_bar.sync_label
        root.addWidget(self.top_bar)
        self.sync_now_button = self.top_bar.sync_now
        self.sync_now_button.finished.connect(self._sync_finished)
        self.offline_strip = OfflineStrip()  # offline: what still works and the limits; a closed day
        root.addWidget(self.offline_strip)

        body = QHBoxLayout()
        body.setSpacing(8)
        root.addLayout(body, 1)
        left = QVBoxLayout()
        left.setSpacing(6)
        right = QVBoxLayout()
        right.setSpacing(6)
        body.addLayout(left, 11)
        body.addLayout(right, 9)
        self._build_left(left)
        self._build_right(right)

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

    def _build_left(self, left: QVBoxLayout) -> None:
        """Scan row, verdict banner, camera preview, basket, coupons (or the quick keys in their place)."""
        self.scan_row = ScanRow()
        self.scan_field = self.scan_row.field
        self.scan_button = self.scan_row.enter_button
        self.camera_button = self.scan_row.camera_button
        self.scan_row.entered.connect(self.scan)
        self.scan_row.camera_clicked.connect(self.toggle_camera)
        self.quick_keys_button = QPushButton()  # the quick-key panel in place of the coupons (F1)
        self.quick_keys_button.setCheckable(True)
        self.quick_keys_button.clicked.connect(self.show_quick_keys)
        self.scan_row.layout().addWidget(self.quick_keys_button)
        self.scan_row.layout().addWidget(self.scan_gate.label)
        left.addWidget(self.scan_row)

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
        self.amount_pad = AmountPad(self.amount_field, self, self._add_amount)  # tap the field: a numpad
        self.amount_button.clicked.connect(self._add_amount)
        self.plus_button.clicked.connect(lambda: self._change_quantity(+1))
        self.minus_button.clicked.connect(lambda: self._change_quantity(-1))
        self.remove_line_button.clicked.connect(self._remove_line)
        self.override_button.clicked.connect(self.ask_price_override)
        left.addWidget(self.basket_panel, 3)  # the basket gets the most rows

        self.coupon_panel = CouponPanel()
        self.coupons = self.coupon_panel.table
        self.remove_coupon_button = self.coupon_panel.remove_button
        self.remove_coupon_button.clicked.connect(self._remove_coupon)
        self.coupon_panel.step_back_button.clicked.connect(self.step_back_coupon)
        left.addWidget(self.coupon_panel, 2)

        self.quick_keys = QuickKeyPanel(lambda fn, done: self.worker.submit(fn, done, self._failed), self.counter.service,
                                        lambda: self.language == "en")
        self.quick_keys.chosen.connect(self.add_product)
        self.quick_keys.hide()
        left.addWidget(self.quick_keys, 2)

    def _build_right(self, right: QVBoxLayout) -> None:
        """Member, previous sale, total and breakdown or receipt, payments, actions and the settle button."""
        self.member_panel = MemberPanel()
        self.member_name = self.member_panel.name
        self.member_coupons = self.member_panel.coupons
        self.member_panel.held_coupon_chosen.connect(lambda code: self.run(lambda: self.counter.add_held_coupon(code)))
        self.member_panel.points_entered.connect(self._points_entered)
        self.member_panel.max_points_clicked.connect(self.use_max_points)
        right.addWidget(self.member_panel)

        self.previous_sale = PreviousSale()
        right.addWidget(self.previous_sale)
        self.checkout_panel = CheckoutPanel()
        self.preview_box = self.checkout_panel
        self.total = self.checkout_panel.total
        self.total_caption = self.checkout_panel.caption
        self.breakdown = self.checkout_panel.breakdown
        right.addWidget(self.checkout_panel, 1)
        self.tender_panel = tender_panel.attach(self, right=right)  # payment method, stored value, gift cards

        self.action_bar = ActionBar()
        self.new_button = self.action_bar.new_button
        self.print_button = self.action_bar.print_button
        self.void_button = self.action_bar.void_button
        self.settle_button = self.action_bar.settle_button
        self.action_bar.new_clicked.connect(self.new_checkout)
        self.action_bar.print_clicked.connect(self.print_receipt)
        self.action_bar.void_clicked.connect(self.ask_void)
        self.action_bar.settle_clicked.connect(self.settle)
        right.addWidget(self.action_bar)

    def _shortcuts(self) -> None:
        def sc(keys, fn):
            for k in keys if isinstance(keys, (list, tuple)) else [keys]:
                s = QShortcut(QKeySequence(k), self)
                s.setContext(Qt.ShortcutContext.WindowShortcut)  # not while a dialog (sales, desk) has the keys
                s.activated.connect(fn)

        sc(["F12", "Ctrl+Return", "Ctrl+Enter"], self.settle)
        sc("F2", lambda: self.amount_field.setFocus())
        sc("F3", self.use_max_points)
        sc("F4", self.ask_price_override)
        sc("F5", self.toggle_camera)
        sc("F6", self.print_receipt)
        sc("F7", self.find_member)
        sc("F8", self.ask_void)
        sc("F9", self.new_checkout)
        sc("F10", self.open_manager_desk)
        sc("Ctrl+R", self.open_sales)
        sc("F11", self.toggle_fullscreen)
        sc("Escape", self.focus_scan)
        sc("Ctrl+L", self.logout)
        sc("Ctrl+Shift+L", self.toggle_language)
        sc("Delete", self._delete_selected)
        sc("F1", lambda: self.show_quick_keys(not self.quick_keys.isVisible()))
        sc("Ctrl+K", self.find_product)
        sc("Ctrl+Up", lambda: self._change_quantity(+1))
        sc("Ctrl+Down", lambda: self._change_quantity(-1))
        sc("Ctrl+-", self.step_back_coupon)
        minus = QShortcut(QKeySequence("-"), self.coupons)
        minus.setContext(Qt.ShortcutContext.WidgetShortcut)
        minus.activated.connect(self.step_back_coupon)

    def retranslate(self) -> None:
        self.setWindowTitle(self.top_bar.window_title())
        for panel in (self.top_bar, self.scan_row, self.basket_panel, self.coupon_panel, self.member_panel,
                      self.checkout_panel, self.tender_panel, self.action_bar, self.quick_keys):
            panel.retranslate()
        self.quick_keys_button.setText(self.tr("Keys (F1)"))
        self.hint.setText(self.tr("Esc scan · F1 quick keys · Ctrl+K find · F2 amount · F3 max points · F4 override · F5 camera · F8 void · "
                                  "F9 new · F10 manager · Ctrl+R sales · F11 full screen · F12 settle · Ctrl+L sign out · Ctrl+Shift+L 中文/English"))
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
    def run(self, fn: Callable[[], CounterView], after: Callable[[CounterView], None] | None = None,
            failed: Callable[[BaseException], None] | None = None) -> None:
        def done(view: CounterView) -> None:
            self._render(view)
            if after is not None:
                after(view)

        def error(exc: BaseException) -> None:
            self._failed(exc)
            if failed is not None:
                failed(exc)

        self.worker.submit(fn, done, error)

    def _failed(self, exc: BaseException) -> None:
        self._set_notice(failure_notice(exc))  # the basket is kept; never a class name on the counter

    # ---- actions (GUI thread; the work itself runs on the worker) -------------------
    def scan(self, code: str) -> None:
        """Whatever was scanned or typed (control characters stripped); it waits in `scan_gate` while
        a dialog is open or a settlement is saving."""
        code = strip_controls(code).strip()
        if code and not self.scan_gate.offer(code):
            self._apply_scan(code)

    def _apply_scan(self, code: str) -> None:
        self.run(lambda: self.counter.scan(code))

    def scanner_read(self, code: str) -> None:
        """A code read by a scanner (wedge or camera). The same code again within `repeat_window_s`
        is a double read: taken once, and the banner says so (a deliberate second scan comes later).
        Typed codes are not debounced: a person does not type the same code twice in a second."""
        code = strip_controls(code).strip()
        if not code:
            return
        if self.repeats.is_repeat(code):
            self._set_notice(Notice("info", "repeat", "Same code read twice: counted once.", subject=code,
                                    details={"window_s": self.repeats.window_s}))
            return
        if not self.scan_gate.offer(code):
            self._apply_scan(code)

    def wedge_scanned(self, text: str) -> None:
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
        """Ctrl+L: sign out; an unsettled basket with lines or coupons is discarded only once confirmed."""
        if confirm.basket_in_progress(self.view):
            self.confirm_box = confirm.discard_basket(self, self.view, self._logout)
            return
        self._logout()

    def _logout(self) -> None:
        self.previous_sale.dismiss(self.view)
        self.run(self.counter.logout, lambda v: self.ask_login and self.show_login())

    def settle(self) -> None:
        """F12: settle once. Pressed again while it is saving, or once it is settled: ignored (the
        receipt and "Settled $X" stay)."""
        if self.scan_gate.saving or (self.view is not None and self.view.state == "settled"):
            return
        closed = (self.view.status or {}).get("day_closed") if self.view is not None else None
        if closed and self.view.can_settle and getattr(self, "_after_close_ok", None) != self.view.checkout_id:
            checkout_id = self.view.checkout_id  # the day is closed: the cashier confirms this sale first

            def yes() -> None:
                self._after_close_ok = checkout_id
                self.settle()

            self.confirm_box = confirm.sell_after_close(self, closed, yes)
            return
        self.scan_gate.begin_saving()
        self.run(self.counter.settle, self._after_settle, lambda _exc: self.scan_gate.end_saving(False))

    def _after_settle(self, view: CounterView) -> None:
        self.scan_gate.end_saving(view.receipt is not None)
        n = view.notice
        if (n is not None and n.reason == "offline_allowance_exceeded" and view.receipt is None
                and not n.details.get("beyond_override")):  # beyond what a manager may approve: the refusal stands
            self.ask_allowance_override()
            return
        if view.receipt is not None and self.printer is not None and getattr(self, "auto_print", False):
            self.print_receipt()

    def new_checkout(self) -> None:
        self.previous_sale.dismiss(self.view)
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
        left_out = left_out_texts(receipt)  # worded here, in the cashier's language (printing.py has no Qt)
        # printing is slow I/O: on its own lane, so the next scan's verdict never waits for the printer
        self.io_worker.submit(lambda: print_receipt(printer, receipt, lang=lang, point_names=names, left_out=left_out),
                           lambda _r: self._set_notice(Notice("ok", "printed", self.tr("Slip printed."))), self._failed)

    def focus_scan(self) -> None:
        """Esc: the dialog in front (the manager desk, a question) closes; otherwise the scan field gets focus."""
        front = QApplication.activeModalWidget() or QApplication.activeWindow()
        if isinstance(front, QDialog) and front is not self and front.isVisible():
            if front is not self._login_dialog:  # the sign-in stays: a locked counter needs it
                front.reject()
            return
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

    def sync_now(self) -> None:
        """The top bar's "Sync now" (also what the desk's close of day offers)."""
        self.sync_now_button.runner = self.counter.service.sync_now
        self.sync_now_button.trigger()

    def _sync_finished(self, ok: bool, text: str) -> None:
        """Show how "Sync now" went (pushed N, pulled M, or the error in words), with the status re-read."""
        self.run(self.counter.refresh, lambda _v: self.notice.show_message(
            banner_colour("ok" if ok else "error"), "ok" if ok else "error",
            "✓ " + self.tr("Synced") if ok else "✗ " + self.tr("Not synced"), text))

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.camera is not None:
            self.camera.stop()
        self._status_timer.stop()
        super().closeEvent(event)


    # ---- rendering ------------------------------------------------------------------
    def _notice_text(self, n: Notice) -> tuple[str, str]:
        return notice_text(n)

    def _set_notice(self, n: Notice | None) -> None:
        if n is None:
            self.notice.show_message(banner_colour(None), "idle", idle_text(), "")
            return
        head, detail = notice_text(n)
        self.notice.show_message(banner_colour(n.level), n.level, head, detail)
        self.sounds.cue(n)

    def _render(self, view: CounterView, force: bool = False) -> None:
        if not force and view.seq <= self._last_seq:
            return
        self._last_seq = max(self._last_seq, view.seq)
        fresh = self.view is None or view.notice is not self.view.notice
        self.view = view
        self._set_notice(view.notice)
        if fresh and self.isVisible():
            self.notice.repaint()  # the verdict first, painted now; the other panels follow in this pass
        self.top_bar.render(view)
        self.offline_strip.render(view)
        self.sync_now_button.runner = self.counter.service.sync_now  # None: not enrolled (pressing says so)
        self.sync_now_button.setVisible(bool((view.status or {}).get("sync_configured")))  # the demo has no server
        self.basket_panel.render(view)
        self.coupon_panel.render(view)
        self.member_panel.render(view)
        self.checkout_panel.render(view)
        self.previous_sale.render(view)
        self.tender_panel.render(view)
        settled = view.receipt is not None
        self.action_bar.render(view, can_print=self.printer is not None)
        for w in (*self.basket_panel.action_buttons, self.remove_coupon_button, self.coupon_panel.step_back_button):
            w.setEnabled(view.cashier is not None and not settled)
        self.view_rendered.emit(view)
