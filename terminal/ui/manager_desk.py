"""The manager's desk window: day report with an hourly chart, exports, voids from the
day's list, end-of-day close, the conflict inbox, and the staff ids locked after wrong PINs
(unlocked with a manager's id and PIN, audited like the CLI's `unlock-staff`).

Opened from the counter with F10 and a manager PIN. All database work goes through the
counter's ONE worker thread; PDF rendering happens here on the GUI thread from the
already computed report (Qt painting belongs to the GUI thread).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QDate, QSize, QStandardPaths, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QGridLayout, QHBoxLayout, QHeaderView,
    QInputDialog, QLabel, QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from terminal.usecases.manager_desk import ManagerDesk
from terminal.usecases.reports import DailyReport, report_csv
from terminal.ui import desk_texts
from terminal.ui.desk_widgets import HourChart, ManagerPinDialog, fill, rows_height, table
from terminal.ui.file_dialogs import ask_save_path
from terminal.ui.sync_now import SyncNowButton
from terminal.ui.verdicts import failure_notice, notice_text
from terminal.ui.worker import DbWorker

PREFERRED_SIZE = QSize(1100, 760)
WINDOW_FRAME = QSize(16, 40)  # what a window manager's frame and title bar take around the desk
MIN_TABLE_ROWS = 6  # rows every desk table shows at least, at 1024x768 too
LOCKS_REFRESH_MS = 15_000  # how often the open desk re-reads the locked staff ids (a 30 s lock passes on its own)


class ManagerDeskWindow(QDialog):
    def __init__(self, desk: ManagerDesk, worker: DbWorker, manager: dict[str, str], parent: QWidget | None = None,
                 *, ask_text: Callable[[str, str], str | None] | None = None,
                 ask_file: Callable[[str, str], str | None] | None = None, reports_dir: Path | None = None) -> None:
        super().__init__(parent)
        if reports_dir is None:
            from terminal.infra.paths import data_dir

            reports_dir = data_dir() / "reports"
        self.reports_dir = reports_dir
        self.desk, self.worker, self.manager = desk, worker, manager
        self.report: DailyReport | None = None
        self._ask_text = ask_text or self._dialog_text
        self._ask_file = ask_file or self._dialog_file
        self.setWindowTitle(self.tr("Manager desk"))
        self.resize(_fitted(PREFERRED_SIZE, parent))
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda _d: self.refresh())
        top.addWidget(QLabel(self.tr("Day")))
        top.addWidget(self.day)
        top.addStretch(1)
        self.notice = QLabel("")
        self.notice.setObjectName("deskNotice")
        self.notice.setWordWrap(True)
        top.addWidget(self.notice, 3)
        lay.addLayout(top)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        self._build_report_tab()
        self._build_settlements_tab()
        self._build_conflicts_tab()
        self._build_locks_tab()
        self.tabs.currentChanged.connect(lambda i: i == self.locks_tab_index and self.refresh_locks())
        self.unlock_dialog: ManagerPinDialog | None = None
        self.locks_timer = QTimer(self)  # a lock passes on its own: keep the list true while the desk is shown
        self.locks_timer.setInterval(LOCKS_REFRESH_MS)
        self.locks_timer.timeout.connect(self.refresh_locks)
        d = desk.today()
        self.day.blockSignals(True)
        self.day.setDate(QDate(d.year, d.month, d.day))
        self.day.blockSignals(False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.locks_timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.locks_timer.stop()
        super().hideEvent(event)

    # ---- layout ------------------------------------------------------------------------
    def _build_report_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        grid = QGridLayout()
        self.summary: dict[str, QLabel] = {}
        items = [("settlements", self.tr("Settlements")), ("gross", self.tr("Basket revenue")),
                 ("coupon_discount", self.tr("Coupon discounts")), ("points_discount", self.tr("Points discounts")),
                 ("share", self.tr("Discount share")), ("total", self.tr("Collected")), ("voided", self.tr("Voided")),
                 ("net", self.tr("Net")), ("vouchers", self.tr("Stored-voucher uses")), ("pending", self.tr("Not yet synced"))]
        for i, (key, label) in enumerate(items):
            cap = QLabel(label)
            val = QLabel("–")
            val.setObjectName(f"summary_{key}")
            f = val.font()
            f.setPointSizeF(f.pointSizeF() * 1.5)
            f.setBold(True)
            val.setFont(f)
            grid.addWidget(cap, (i // 5) * 2, i % 5)
            grid.addWidget(val, (i // 5) * 2 + 1, i % 5)
            self.summary[key] = val
        # summary and chart side by side, the tables below in tabs of their own: each gets the whole
        # remaining height (at 1024x768 well over six rows), none is squeezed to a row and a half
        lay.addLayout(grid)
        lay.addWidget(QLabel(self.tr("Collected per hour")))
        self.chart = HourChart()
        self.chart.setMinimumHeight(60)
        self.chart.setMaximumHeight(150)
        lay.addWidget(self.chart)
        self.coupons = table([self.tr("Coupon"), self.tr("Kind"), self.tr("Redemptions"), self.tr("Uses"),
                               self.tr("Discount"), self.tr("Voided uses")])
        self.points = table([self.tr("Point type"), self.tr("Earned"), self.tr("Spent"), self.tr("Earned reversed"),
                              self.tr("Spent reversed")])
        self.cashiers = table([self.tr("Cashier"), self.tr("Settlements"), self.tr("Discounts"), self.tr("Collected")])
        self.audit = table([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Reason")])
        self.details = QTabWidget()
        self.details.setObjectName("reportDetails")
        for t, name in ((self.coupons, self.tr("Coupons")), (self.points, self.tr("Points")),
                        (self.cashiers, self.tr("Cashiers")), (self.audit, self.tr("Voids and overrides"))):
            t.setMinimumHeight(rows_height(t, MIN_TABLE_ROWS))
            self.details.addTab(t, name)
        lay.addWidget(self.details, 1)
        buttons = QHBoxLayout()
        self.csv_button = QPushButton(self.tr("Export CSV"))
        self.pdf_button = QPushButton(self.tr("Export PDF"))
        self.close_button = QPushButton(self.tr("Close the day"))
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.close_button.clicked.connect(lambda: self.close_day())
        for b in (self.csv_button, self.pdf_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        # close of day asks for everything synced first: the button that does it, right here
        self.sync_now = SyncNowButton(getattr(self.desk.service, "sync_now", None), self)
        self.sync_now.finished.connect(self._synced)
        buttons.addWidget(self.sync_now)
        buttons.addWidget(self.close_button)
        lay.addLayout(buttons)
        self.tabs.addTab(tab, self.tr("Report"))

    def _build_settlements_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self.sales = table([self.tr("Time"), self.tr("Checkout"), self.tr("Cashier"), self.tr("Member"), self.tr("Discounts"),
                             self.tr("Collected"), self.tr("Voided")])
        lay.addWidget(self.sales, 1)
        self.void_button = QPushButton(self.tr("Void selected"))
        self.void_button.clicked.connect(lambda: self.void_selected())
        self.sales_button = QPushButton(self.tr("Find a sale: reprint, return..."))  # terminal/ui/sales_dialog.py
        self.sales_button.setObjectName("openSales")
        self.sales_button.clicked.connect(lambda: self.open_sales())
        row = QHBoxLayout()
        row.addWidget(self.sales_button)
        row.addStretch(1)
        row.addWidget(self.void_button)
        lay.addLayout(row)
        self.tabs.addTab(tab, self.tr("Sales of the day"))

    def open_sales(self) -> None:
        """The sales dialog on the desk's day; the counter's printer (and its io lane) when the desk has a counter."""
        from terminal.ui.sales_dialog import open_sales_dialog

        counter = self.parent()
        self.sales_dialog = open_sales_dialog(self, self.desk.service, self.worker, io_worker=getattr(counter, "io_worker", None),
                                              printer=getattr(counter, "printer", None),
                                              language=getattr(counter, "language", "zh_TW"), day=self.selected_day(),
                                              on_changed=self.refresh, actor_id=self.manager["id"])

    def _build_conflicts_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self.inbox = table([self.tr("Received"), self.tr("Kind"), self.tr("What the server decided"),
                             self.tr("First (kept)"), self.tr("This store")])
        self.inbox.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.inbox.setWordWrap(True)
        lay.addWidget(self.inbox, 1)
        row = QHBoxLayout()
        self.resolution = QComboBox()
        self.resolution.addItem(self.tr("Absorb the loss"), "absorb")
        self.resolution.addItem(self.tr("Charge the member"), "charge_member")
        self.resolution.addItem(self.tr("Block the card"), "block_card")
        self.resolution_reason = QLineEdit()
        self.resolution_reason.setPlaceholderText(self.tr("Reason (required)"))
        self.resolve_button = QPushButton(self.tr("Record decision"))
        self.resolve_button.clicked.connect(lambda: self.resolve_selected())
        row.addWidget(self.resolution)
        row.addWidget(self.resolution_reason, 1)
        row.addWidget(self.resolve_button)
        lay.addLayout(row)
        self.conflicts_tab_index = self.tabs.addTab(tab, self.tr("Conflicts"))

    def _build_locks_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        note = QLabel(self.tr("A staff ID is locked after 5 wrong PINs in a row: for 30 seconds, doubling with every "
                              "further wrong PIN up to 1 hour. A manager can unlock it here at once; the unlock is "
                              "written to the audit log."))
        note.setWordWrap(True)
        lay.addWidget(note)
        self.locks = table([self.tr("Staff ID"), self.tr("Name"), self.tr("Wrong PINs"), self.tr("Locked since"),
                             self.tr("Locked until")])
        self.locks.horizontalHeader().setStretchLastSection(False)
        self.locks.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.locks.selectionModel().selectionChanged.connect(lambda *_: self._locks_selection_changed())
        lay.addWidget(self.locks, 1)
        row = QHBoxLayout()
        self.locks_refresh_button = QPushButton(self.tr("Refresh"))
        self.locks_refresh_button.clicked.connect(lambda: self.refresh_locks())
        self.unlock_button = QPushButton(self.tr("Unlock selected..."))
        self.unlock_button.setObjectName("unlockStaff")
        self.unlock_button.setEnabled(False)
        self.unlock_button.clicked.connect(lambda: self.unlock_selected())
        row.addWidget(self.locks_refresh_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        lay.addLayout(row)
        self._locks: list[dict[str, Any]] = []
        self.locks_tab_index = self.tabs.addTab(tab, self.tr("Locked staff"))

    # ---- data --------------------------------------------------------------------------
    def selected_day(self) -> date:
        q = self.day.date()
        return date(q.year(), q.month(), q.day())

    def refresh(self) -> None:
        day = self.selected_day()

        def load():
            return self.desk.report(day), self.desk.settlements(day), self.desk.conflicts(), self.desk.locked_staff()

        self.worker.submit(load, self._show, self._failed)

    def _show(self, data) -> None:
        rep, sales, conflicts, locks = data
        self.report = rep
        s = self.summary
        s["settlements"].setText(str(rep.net_settlements))  # a void is not a settlement
        s["settlements"].setToolTip(self.tr("%1 settled, %2 voided").replace("%1", str(rep.settlements))
                                    .replace("%2", str(rep.voided_sales)))
        s["gross"].setText(f"${rep.gross:,}")
        s["coupon_discount"].setText(_minus(rep.coupon_discount))
        s["points_discount"].setText(_minus(rep.points_discount))
        s["share"].setText(f"{rep.discount_share_percent}%")
        s["total"].setText(f"${rep.total:,}")
        s["voided"].setText(_minus(rep.voided_total))
        s["net"].setText(f"${rep.net_total:,}")
        s["vouchers"].setText(str(rep.stored_voucher_uses))
        s["pending"].setText(str(rep.pending_events))
        self.chart.set_hours([(h.hour, h.settlements, h.total) for h in rep.hours])
        fill(self.coupons, [[t.name + (f" ({t.partner})" if t.partner else ""), self.kind_label(t.kind), t.redemptions, t.uses, t.discount,
                              t.voided_uses] for t in rep.templates])
        fill(self.points, [[p.name, p.earned, p.spent, p.earned_reversed, p.spent_reversed] for p in rep.points])
        fill(self.cashiers, [[c.name, c.settlements, c.discounts, c.total] for c in rep.cashiers])
        fill(self.audit, [[v.voided_at, v.manager_id, self.tr("void %1 (%2)").replace("%1", v.checkout_id).replace("%2", str(v.total)),
                            v.reason] for v in rep.voids]
              + [[o.at, o.actor_id, *self.audit_label(o.action, o.reason, o.details)] for o in rep.overrides if o.action != "void"])
        fill(self.sales, [[x["time"], x["checkout_id"], x["cashier_id"], x["member_id"] or "", x["discounts"], x["total"],
                            self.tr("voided: %1").replace("%1", x["void_reason"]) if x["voided"] else ""] for x in sales])
        self._sales = sales
        self._conflicts = conflicts
        fill(self.inbox, [[c["recorded_at_local"], self.conflict_label(c["kind"]), desk_texts.decision_text(c),
                            _side(c.get("winner")), _side(c.get("loser"))] for c in conflicts])
        # after the columns got their width; the context object drops the call if the desk is closed first
        QTimer.singleShot(0, self.inbox, self.inbox.resizeRowsToContents)
        self.tabs.setTabText(self.conflicts_tab_index, self.tr("Conflicts (%1)").replace("%1", str(len(conflicts))))
        self._show_locks(locks)

    def refresh_locks(self) -> None:
        """Reload only the locked staff ids (tab opened, Refresh, every LOCKS_REFRESH_MS, after an unlock)."""
        self.worker.submit(self.desk.locked_staff, self._show_locks, self._failed)

    def _show_locks(self, locks: list[dict[str, Any]]) -> None:
        selected = self._selected_lock()
        self._locks = locks
        fill(self.locks, [[x["staff_id"], x["name"], x["failures"], _clock(x["since"]), _clock(x["until"])] for x in locks])
        ids = [x["staff_id"] for x in locks]
        if selected is not None and selected["staff_id"] in ids:  # a refresh keeps the manager's choice
            self.locks.selectRow(ids.index(selected["staff_id"]))
        self._locks_selection_changed()
        self.tabs.setTabText(self.locks_tab_index, self.tr("Locked staff (%1)").replace("%1", str(len(locks)))
                             if locks else self.tr("Locked staff"))

    def _selected_lock(self) -> dict[str, Any] | None:
        rows = self.locks.selectionModel().selectedRows()
        return self._locks[rows[0].row()] if rows and rows[0].row() < len(self._locks) else None

    def _locks_selection_changed(self) -> None:
        self.unlock_button.setEnabled(self._selected_lock() is not None)

    def audit_label(self, action: str, reason: str, details: dict) -> list[str]:
        """(What, Reason) of an audit row for the report table, in the current language (desk_texts); a
        reason a manager typed stays as typed."""
        if action == "unlock_staff":
            return [self.tr("unlock %1 (%2 wrong PINs)").replace("%1", str(details.get("staff_id", "")))
                    .replace("%2", str(details.get("failures", ""))),
                    desk_texts.audit_reason(reason)]
        return [desk_texts.action_label(action), desk_texts.audit_reason(reason)]

    def conflict_label(self, kind: str) -> str:
        return desk_texts.conflict_label(kind)

    def kind_label(self, kind: str) -> str:
        return desk_texts.kind_label(kind)

    def _failed(self, exc: BaseException) -> None:
        head, detail = notice_text(failure_notice(exc))  # the counter's presenter: never a class name
        self.notice.setStyleSheet("color: #c62828; font-weight: bold;")
        self.notice.setText(f"{head}: {detail}" if detail else head)

    def _synced(self, ok: bool, text: str) -> None:
        """After "Sync now": its result in words, and the figures (not yet synced) read again."""
        if ok:
            self._ok(text)
        else:
            self.notice.setStyleSheet("color: #c62828; font-weight: bold;")
            self.notice.setText(text)
        self.refresh()

    def _ok(self, text: str) -> None:
        self.notice.setStyleSheet("color: #2e7d32; font-weight: bold;")
        self.notice.setText(text)

    # ---- actions -----------------------------------------------------------------------
    def export_csv(self, path: str | None = None) -> None:
        if self.report is None:
            return
        path = path or self._ask_file(self.tr("Export CSV"), export_name(self.report, "csv"))
        if path:
            Path(path).write_bytes(report_csv(self.report, desk_texts.csv_labels()))
            self._ok(self.tr("Saved %1").replace("%1", str(path)))

    def export_pdf(self, path: str | None = None) -> None:
        if self.report is None:
            return
        from terminal.ui.report_pdf import write_report_pdf

        path = path or self._ask_file(self.tr("Export PDF"), export_name(self.report, "pdf"))
        if path:
            write_report_pdf(self.report, path)
            self._ok(self.tr("Saved %1").replace("%1", str(path)))

    def void_selected(self) -> None:
        rows = self.sales.selectionModel().selectedRows() if self.sales.selectionModel() else []
        if not rows:
            return
        sale = self._sales[rows[0].row()]
        reason = self._ask_text(self.tr("Void %1").replace("%1", sale["checkout_id"]), self.tr("Reason for the void"))
        if not reason:
            return
        m = self.manager
        self.worker.submit(lambda: self.desk.void(sale["checkout_id"], manager_id=m["id"], pin=m["pin"], reason=reason),
                           lambda res: (self._ok(self.tr("Voided %1").replace("%1", res["checkout_id"])), self.refresh()),
                           self._failed)

    def close_day(self) -> None:
        day = self.selected_day()
        m = self.manager

        def attempt(override: str | None):
            return self.desk.close_day(day, manager_id=m["id"], pin=m["pin"], override_reason=override)

        def failed(exc: BaseException) -> None:
            reason = getattr(exc, "reason", None)
            if reason is not None and reason.value == "unsynced_events":
                self._failed(exc)
                why = self._ask_text(self.tr("Close with unsynced sales?"),
                                     self.tr("%1 sale(s) are not confirmed by the server. Press Cancel and then "
                                             "\"Sync now\" to send them first, or give a reason to close anyway:")
                                     .replace("%1", str(exc.details.get("pending", "?"))))
                if why:
                    self.worker.submit(lambda: attempt(why), done, self._failed)
                return
            self._failed(exc)

        def done(res) -> None:
            # the day's summary is kept with the close: PDF for the binder, CSV for the office
            from terminal.ui.report_pdf import write_report_pdf

            rep = res["report"]
            self.reports_dir.mkdir(parents=True, exist_ok=True)
            stem = self.reports_dir / f"close-{rep.store_id}-{rep.day.isoformat()}"
            write_report_pdf(rep, stem.with_suffix(".pdf"))
            stem.with_suffix(".csv").write_bytes(report_csv(rep, desk_texts.csv_labels()))
            self.closed_summary = stem.with_suffix(".pdf")
            self._ok(self.tr("Day %1 closed.").replace("%1", res["day"]) +
                     (" " + self.tr("(closed by manager override)") if res["overridden"] else "") + " " +
                     self.tr("Summary saved to %1").replace("%1", str(self.closed_summary)))
            self.refresh()

        self.worker.submit(lambda: attempt(None), done, failed)

    def resolve_selected(self) -> None:
        rows = self.inbox.selectionModel().selectedRows() if self.inbox.selectionModel() else []
        if not rows:
            return
        conflict = self._conflicts[rows[0].row()]
        resolution = self.resolution.currentData()
        reason = self.resolution_reason.text().strip()
        if not reason:
            self.notice.setStyleSheet("color: #c62828; font-weight: bold;")
            self.notice.setText(self.tr("A reason is required."))
            return
        m = self.manager
        self.worker.submit(
            lambda: self.desk.resolve(conflict["id"], resolution=resolution, reason=reason, manager_id=m["id"], pin=m["pin"]),
            lambda res: (self.resolution_reason.clear(), self._ok(self.tr("Decision recorded; it is sent to the server.")),
                         self.refresh()),
            self._failed,
        )

    def unlock_selected(self) -> None:
        """Ask a manager's id and PIN for the selected lock (the desk's manager dialog), then unlock on the worker.

        The PIN is asked again even though the desk is open: a desk left open must not let the
        locked cashier unlock themselves. The dialog is `self.unlock_dialog` (window-modal, open()).
        """
        lock = self._selected_lock()
        if lock is None:
            return
        dlg = ManagerPinDialog(
            self, title=self.tr("Unlock %1").replace("%1", lock["staff_id"]), manager_id=self.manager["id"],
            ok_text=self.tr("Unlock"),
            explanation=self.tr("%1 (%2): %3 wrong PINs, locked until %4. A manager's ID and PIN unlock it now; "
                                "the unlock is written to the audit log.")
            .replace("%1", lock["staff_id"]).replace("%2", lock["name"]).replace("%3", str(lock["failures"]))
            .replace("%4", _clock(lock["until"])))
        dlg.setObjectName("unlockApproval")
        self.unlock_dialog = dlg
        dlg.accepted.connect(lambda: self.unlock(lock["staff_id"], *dlg.values()))
        dlg.open()

    def unlock(self, staff_id: str, manager_id: str, pin: str) -> None:
        """Clear `staff_id`'s lock with the manager's id and PIN (ManagerDesk.unlock); the notice says how it went."""
        def done(res: dict[str, Any]) -> None:
            self.unlock_dialog = None
            if res["cleared"]:
                self._ok(self.tr("%1 unlocked (%2 wrong PINs cleared). They can sign in again now (Ctrl+L at the counter).")
                         .replace("%1", res["staff_id"]).replace("%2", str(res["failures"])))
            else:
                self._ok(self.tr("%1 was no longer locked.").replace("%1", res["staff_id"]))
            self.refresh()

        self.worker.submit(lambda: self.desk.unlock(staff_id, manager_id=manager_id, pin=pin), done, self._failed)

    # ---- default prompts (tests inject their own) ---------------------------------------
    def _dialog_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text.strip() if ok and text.strip() else None

    def _dialog_file(self, title: str, name: str) -> str | None:
        """The save dialog (Qt's own, in the current language: file_dialogs.py), opened in the user's
        Documents folder with `name` proposed."""
        kind = Path(name).suffix.lstrip(".").upper()
        return ask_save_path(self, title, export_path(name), f"{kind} (*.{kind.lower()})" if kind else "")


def export_path(name: str) -> str:
    """Where an export is proposed: `name` in the user's Documents folder (QStandardPaths), else the home folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return str(Path(folder) / name)


def export_name(rep: DailyReport, suffix: str) -> str:
    """"report-A-001-2026-11-05.pdf": the store and the day; characters a file name may not hold become "_"."""
    store = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in rep.store_id)
    return f"report-{store}-{rep.day.isoformat()}.{suffix}"


def _fitted(size: QSize, parent: QWidget | None) -> QSize:
    """`size`, made smaller where the screen's free area (less a window frame) is smaller: at 1024x768
    the desk must not run off the screen with its buttons."""
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        return size
    return size.boundedTo(screen.availableGeometry().size() - WINDOW_FRAME)


def _clock(at) -> str:
    """Store-local wall clock of an aware datetime, to the second (a lock may last 30 s)."""
    return at.strftime("%H:%M:%S")


def _minus(amount: int) -> str:
    return f"-${amount:,}" if amount else "$0"


def _side(side: dict | None) -> str:
    if not side:
        return ""
    parts = [side.get("store_id"), side.get("terminal_id"), side.get("checkout_id")]
    text = " / ".join(str(p) for p in parts if p)
    if side.get("discount") is not None:
        text += f"  (-{side['discount']})"
    return text
