"""The sales of the day (issue 17 section 4.3; Square / Shopify POS "Transactions"): a searchable,
paged list, a sale's detail, and from it a reprint marked as a copy, a return of chosen quantities
and a void, both approved by a manager's id, PIN and reason.

Opened from the counter (Ctrl+R) and from the manager desk's "Sales of the day" tab. Every read
and write goes through the window's ONE db worker (terminal/usecases/sales_history.py, returns.py,
voids.py); the slip goes to the printer on the io worker. A refusal is worded by
terminal/ui/verdicts.py; quantities typed wrong are refused here, naming the line, before anything
is sent.
"""

from __future__ import annotations

import uuid
from datetime import date, time
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTableWidget,
    QTableWidgetItem, QTimeEdit, QVBoxLayout, QWidget,
)

from terminal.domain.clock import local
from terminal.ui.dialogs import ManagerDialog
from terminal.ui.desk_widgets import Table
from terminal.ui.style import money
from terminal.ui.verdicts import failure_notice, notice_text
from terminal.ui.worker import DbWorker, IoWorker
from terminal.usecases.returns import ReturnRequest
from terminal.usecases.sales_history import DEFAULT_PAGE, STATUSES, SaleDetail, SalesPage, SalesQuery

SEARCH_DELAY_MS = 250  # typing pauses this long before the list is read again
RETURN_COLUMN = 5
OK_COLOUR, ERROR_COLOUR = "#2e7d32", "#c62828"


class QuantityError(ValueError):
    """A typed return quantity refused before anything is sent (the message is translated)."""


class SalesDialog(QDialog):
    """`service`: the RedemptionService (used only inside worker jobs); `day`: the store-local day
    shown first (default: today at the store); `actor_id`: who opened it (the signed-in cashier, or the
    desk's manager), recorded with each reprint. `changed` is emitted after a return or void."""

    changed = Signal()

    def __init__(self, service: Any, worker: DbWorker, parent: QWidget | None = None, *, io_worker: IoWorker | None = None,
                 printer: Any = None, language: str = "zh_TW", day: date | None = None, actor_id: str = "") -> None:
        super().__init__(parent)
        self.service, self.worker, self.io_worker, self.printer, self.language = service, worker, io_worker, printer, language
        self.actor_id = actor_id
        self.page: SalesPage | None = None
        self.detail: SaleDetail | None = None
        self.offset = 0
        self._search_seq = 0
        self._detail_seq = 0
        self.manager_dialog: ManagerDialog | None = None
        self.setObjectName("salesDialog")
        self.setWindowTitle(self.tr("Sales of the day"))
        self.resize(1000, 700)
        self._build()
        if day is not None:
            self._set_day(day)
            self.search()
        else:  # the store's today: read on the worker like everything else
            self._run(self.worker, lambda: local(service.now(), service.store.timezone).date(),
                               lambda d: (self._set_day(d), self.search()))

    # ---- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.search_field = QLineEdit()
        self.search_field.setObjectName("salesSearch")
        self.search_field.setPlaceholderText(self.tr("Checkout no., product or member"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMaxLength(100)
        self.time_from, self.time_to = QTimeEdit(QTime(0, 0)), QTimeEdit(QTime(23, 59))
        for t in (self.time_from, self.time_to):
            t.setDisplayFormat("HH:mm")
        self.min_total, self.max_total = QLineEdit(), QLineEdit()
        for w, hint in ((self.min_total, self.tr("min $")), (self.max_total, self.tr("max $"))):
            w.setValidator(QIntValidator(0, 100_000_000, self))
            w.setPlaceholderText(hint)
            w.setMaximumWidth(80)
        self.status = QComboBox()
        self.status.addItem(self.tr("All"), None)
        for s in STATUSES:
            self.status.addItem(self.status_label(s), s)
        filters.addWidget(QLabel(self.tr("Day")))
        filters.addWidget(self.day)
        filters.addWidget(self.search_field, 1)
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.time_from)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.time_to)
        filters.addWidget(self.min_total)
        filters.addWidget(self.max_total)
        filters.addWidget(self.status)
        lay.addLayout(filters)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.search())
        for sig in (self.search_field.textChanged, self.min_total.textChanged, self.max_total.textChanged,
                    self.time_from.timeChanged, self.time_to.timeChanged, self.day.dateChanged):
            sig.connect(lambda *_: self._search_timer.start())
        self.status.currentIndexChanged.connect(lambda *_: self._search_timer.start())
        self.search_field.returnPressed.connect(lambda: self.search())

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.list = Table([self.tr("Time"), self.tr("Checkout"), self.tr("Member"), self.tr("Items"), self.tr("Collected"),
                           self.tr("Status")])
        self.list.setObjectName("salesList")
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        ll.addWidget(self.list, 1)
        paging = QHBoxLayout()
        self.newer_button, self.older_button = QPushButton(self.tr("◀ Newer")), QPushButton(self.tr("Older ▶"))
        self.newer_button.clicked.connect(lambda: self.search(max(0, self.offset - DEFAULT_PAGE)))
        self.older_button.clicked.connect(lambda: self.search(self.offset + DEFAULT_PAGE))
        self.count_label = QLabel("")
        self.count_label.setObjectName("salesCount")
        paging.addWidget(self.newer_button)
        paging.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignCenter)
        paging.addWidget(self.older_button)
        ll.addLayout(paging)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel(self.tr("Choose a sale in the list."))
        self.header.setObjectName("saleHeader")
        self.header.setWordWrap(True)
        rl.addWidget(self.header)
        self.lines = QTableWidget(0, 6)
        self.lines.setObjectName("saleLines")
        self.lines.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Sold"), self.tr("Returned"), self.tr("Left"),
                                              self.tr("Net"), self.tr("Return qty")])
        self.lines.verticalHeader().setVisible(False)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)  # a digit typed on the cell edits it
        self.lines.horizontalHeader().setStretchLastSection(True)
        rl.addWidget(self.lines, 1)
        self.facts = QLabel("")
        self.facts.setObjectName("saleFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        rl.addWidget(self.facts)
        self.message = QLabel("")
        self.message.setObjectName("salesMessage")
        self.message.setWordWrap(True)
        rl.addWidget(self.message)
        actions = QHBoxLayout()
        self.reprint_button = QPushButton(self.tr("Reprint slip"))
        self.return_button = QPushButton(self.tr("Return items..."))
        self.void_button = QPushButton(self.tr("Void..."))
        self.reprint_button.clicked.connect(lambda: self.reprint())
        self.return_button.clicked.connect(lambda: self.ask_return())
        self.void_button.clicked.connect(lambda: self.ask_void())
        for b in (self.reprint_button, self.return_button, self.void_button):
            b.setEnabled(False)
            actions.addWidget(b)
        rl.addLayout(actions)
        split.addWidget(right)
        split.setSizes([520, 480])
        lay.addWidget(split, 1)
        self.search_field.setFocus()

    def status_label(self, status: str) -> str:
        return {"settled": self.tr("Settled"), "voided": self.tr("Voided"), "partly_returned": self.tr("Partly returned"),
                "fully_returned": self.tr("Fully returned")}.get(status, status)

    def tender_label(self, method: str) -> str:
        return {"cash": self.tr("Cash"), "card": self.tr("Card"), "stored_value": self.tr("Stored value"),
                "gift_card": self.tr("Gift card")}.get(method, method)

    def _set_day(self, d: date) -> None:
        self.day.blockSignals(True)
        self.day.setDate(QDate(d.year, d.month, d.day))
        self.day.blockSignals(False)

    # ---- the list --------------------------------------------------------------------------
    def query(self, offset: int = 0) -> SalesQuery:
        q = self.day.date()
        t0, t1 = self.time_from.time(), self.time_to.time()
        amount = lambda w: int(w.text()) if w.text().strip() else None  # noqa: E731 - the validator allows digits only
        return SalesQuery(date(q.year(), q.month(), q.day()),
                          time_from=None if t0 == QTime(0, 0) else time(t0.hour(), t0.minute()),
                          time_to=None if t1 == QTime(23, 59) else time(t1.hour(), t1.minute()),
                          min_total=amount(self.min_total), max_total=amount(self.max_total),
                          text=self.search_field.text().strip(), status=self.status.currentData(), offset=offset)

    def search(self, offset: int = 0) -> None:
        """Read the page at `offset` on the worker; an answer to an older search is dropped."""
        self._search_timer.stop()
        self._search_seq += 1
        seq, q, service = self._search_seq, self.query(offset), self.service
        self._run(self.worker, lambda: service.sales(q), lambda page: self._show_page(seq, page))

    def _show_page(self, seq: int, page: SalesPage) -> None:
        if seq != self._search_seq:
            return
        self.page, self.offset = page, page.offset
        chosen = self.detail.checkout_id if self.detail else None
        # a checkout id is a UUID at the counter: its first 8 characters, as on the slip (the search takes a prefix)
        self.list.rows_model.set_rows([[r.time, r.checkout_id[:8], r.member, r.items, money(r.total), self.status_label(r.status)]
                                       for r in page.rows])
        if len(page.rows) <= 200:
            self.list.resizeColumnsToContents()
        first = page.offset + 1 if page.rows else 0
        self.count_label.setText(self.tr("%1–%2 of %3").replace("%1", str(first))
                                 .replace("%2", str(page.offset + len(page.rows))).replace("%3", f"{page.matches:,}"))
        self.newer_button.setEnabled(page.offset > 0)
        self.older_button.setEnabled(page.has_more)
        for i, r in enumerate(page.rows):
            if r.checkout_id == chosen:
                self.list.selectRow(i)

    def _selected(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        if not rows or self.page is None:
            return
        cid = self.page.rows[rows[0].row()].checkout_id
        if self.detail is None or self.detail.checkout_id != cid:
            self.say("", True)  # the last answer was about another sale
        self.load_detail(cid)

    def load_detail(self, checkout_id: str) -> None:
        self._detail_seq += 1
        seq, service = self._detail_seq, self.service
        self._run(self.worker, lambda: service.sale_detail(checkout_id), lambda d: self._show_detail(seq, d))

    # ---- the detail ------------------------------------------------------------------------
    def _show_detail(self, seq: int, d: SaleDetail) -> None:
        if seq != self._detail_seq:
            return
        self.detail = d
        self.header.setText(self.tr("Checkout %1 · %2 · cashier %3 · %4").replace("%1", d.checkout_id).replace("%2", d.local_time)
                            .replace("%3", d.cashier_id).replace("%4", self.status_label(d.status))
                            + (self.tr(" · member %1").replace("%1", d.member) if d.member else ""))
        self.lines.setRowCount(len(d.lines))
        for i, ln in enumerate(d.lines):
            for col, v in enumerate((ln.name, ln.quantity, ln.returned, 0 if d.void else ln.left, money(ln.net))):
                item = QTableWidgetItem(str(v))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.lines.setItem(i, col, item)
            qty = QTableWidgetItem("")
            if ln.left <= 0 or d.can_return is not None:
                qty.setFlags(qty.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.lines.setItem(i, RETURN_COLUMN, qty)
        self.lines.resizeColumnsToContents()
        self.facts.setText("\n".join(self._facts(d)))
        self.reprint_button.setEnabled(True)
        self.return_button.setEnabled(True)
        self.void_button.setEnabled(True)
        self.return_button.setToolTip(notice_text(failure_notice(d.can_return))[1] if d.can_return else "")
        self.void_button.setToolTip(notice_text(failure_notice(d.can_void))[1] if d.can_void else "")

    def _points(self, pts: dict[str, int], names: dict[str, str]) -> str:
        return ", ".join(f"{n} {names.get(pt, pt)}" for pt, n in pts.items())

    def _facts(self, d: SaleDetail) -> list[str]:
        out = [self.tr("Subtotal %1 · discounts %2 · collected %3").replace("%1", money(d.gross))
               .replace("%2", money(d.promotion_discount + d.coupon_discount + d.points_discount)).replace("%3", money(d.total))]
        if d.tenders:
            out.append(self.tr("Paid: %1").replace("%1", ", ".join(f"{self.tender_label(t['method'])} {money(t['amount'])}"
                                                                    for t in d.tenders)))
        if d.coupons:
            out.append(self.tr("Coupons: %1").replace("%1", ", ".join(f"{c['name']} (…{c['code_tail']}) -{money(c['discount'])}"
                                                                       for c in d.coupons)))
        if d.points_earned or d.points_spent:
            out.append(self.tr("Points earned: %1 · spent: %2").replace("%1", self._points(d.points_earned, d.point_names) or "0")
                       .replace("%2", self._points(d.points_spent, d.point_names) or "0"))
        for r in d.returns:
            out.append(self.tr("Returned %1 by %2 (%3): %4, refund %5").replace("%1", r["time"]).replace("%2", r["manager_id"])
                       .replace("%3", r["reason"]).replace("%4", ", ".join(f"{n} x{u}" for n, u in r["lines"]))
                       .replace("%5", money(r["refund"])))
        if d.void:
            out.append(self.tr("Voided %1 by %2: %3").replace("%1", d.void["time"]).replace("%2", d.void["manager_id"] or "")
                       .replace("%3", d.void["reason"] or ""))
        return out

    def _run(self, worker: Any, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """`worker.submit` whose answer is dropped once this dialog is gone (closed and deleted while a job ran)."""
        def alive(cb: Callable[[Any], None]) -> Callable[[Any], None]:
            return lambda x: cb(x) if shiboken6.isValid(self) and shiboken6.isValid(self.list) else None

        worker.submit(fn, alive(on_done), alive(self._failed))

    def say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet(f"color: {OK_COLOUR if ok else ERROR_COLOUR};")
        self.message.setText(text)

    def _failed(self, exc: BaseException) -> None:
        head, detail = notice_text(failure_notice(exc))
        self.say(f"{head}\n{detail}" if detail else head, False)

    # ---- reprint -----------------------------------------------------------------------------
    def reprint(self) -> None:
        """The slip again, marked as a copy with its returns and void: read on the db worker, printed on the io worker."""
        if self.detail is None:
            return
        if self.printer is None or self.io_worker is None:
            self.say(self.tr("No slip printer is set up on this counter."), False)
            return
        service, cid, printer, lang, actor = self.service, self.detail.checkout_id, self.printer, self.language, self.actor_id

        def read():  # the copy is in the audit log (the report's actions) before it is printed
            receipt, d = service.reprint(cid, actor)
            return receipt, d.point_names

        def send(data) -> None:
            from terminal.infra.printing import print_receipt

            receipt, names = data
            self._run(self.io_worker, lambda: print_receipt(printer, receipt, lang=lang, point_names=names),
                                  lambda _r: self.say(self.tr("Copy of %1 printed.").replace("%1", cid), True))

        self._run(self.worker, read, send)

    # ---- returns -----------------------------------------------------------------------------
    def quantities(self) -> tuple[tuple[int, int], ...]:
        """(line_id, units) typed in the Return column; QuantityError naming the line for anything else
        than whole numbers from 0 to what is left, or for nothing to return."""
        assert self.detail is not None
        out = []
        for i, ln in enumerate(self.detail.lines):
            item = self.lines.item(i, RETURN_COLUMN)
            text = (item.text() if item else "").strip()
            if not text:
                continue
            try:
                n = int(text)
            except ValueError:
                raise QuantityError(self.tr("Line %1 (%2): \"%3\" is not a whole number.").replace("%1", str(ln.line_id))
                                    .replace("%2", ln.name).replace("%3", text)) from None
            if n < 0:
                raise QuantityError(self.tr("Line %1 (%2): a quantity cannot be negative.").replace("%1", str(ln.line_id))
                                    .replace("%2", ln.name))
            if n > ln.left:
                raise QuantityError(self.tr("Line %1 (%2): %3 asked back, only %4 left to return (%5 sold, %6 returned).")
                                    .replace("%1", str(ln.line_id)).replace("%2", ln.name).replace("%3", str(n))
                                    .replace("%4", str(ln.left)).replace("%5", str(ln.quantity)).replace("%6", str(ln.returned)))
            if n:
                out.append((ln.line_id, n))
        if not out:
            raise QuantityError(self.tr("Enter a quantity of 1 or more in the \"Return qty\" column of at least one line."))
        return tuple(out)

    def ask_return(self) -> None:
        """Check the quantities, show what the return gives (refund per tender, points) and ask a manager."""
        d = self.detail
        if d is None:
            return
        if d.can_return is not None:
            self._failed(d.can_return)
            return
        try:
            lines = self.quantities()
        except QuantityError as err:
            self.say(str(err), False)
            return
        service, cid = self.service, d.checkout_id
        self._run(self.worker, lambda: service.preview_return(cid, lines), lambda p: self._confirm_return(cid, lines, p))

    def _effect(self, p: dict[str, Any], names: dict[str, str]) -> str:
        out = [self.tr("Refund %1").replace("%1", money(p["refund"]))
               + (" (" + ", ".join(f"{self.tender_label(t['tender'])} {money(t['amount'])}" for t in p["tenders"]) + ")"
                  if p["tenders"] else "")]
        if p["coupon_takeback"] > 0:
            out.append(self.tr("Coupon discount taken back: %1").replace("%1", money(p["coupon_takeback"])))
        if p["points_clawed"]:
            out.append(self.tr("Points taken back: %1").replace("%1", self._points(p["points_clawed"], names)))
        if p["points_returned"]:
            out.append(self.tr("Points given back: %1").replace("%1", self._points(p["points_returned"], names)))
        return "\n".join(out)

    def _confirm_return(self, cid: str, lines: tuple[tuple[int, int], ...], p: dict[str, Any]) -> None:
        names = self.detail.point_names if self.detail else {}
        self.say("", True)
        dlg = ManagerDialog(self.tr("Return items of %1").replace("%1", cid), self,
                            explanation=self._effect(p, names) + "\n" + self.tr("A manager must approve a return."))
        dlg.setObjectName("returnApproval")
        dlg.accepted.connect(lambda: self._return(cid, lines, names, **dlg.values()))
        self.manager_dialog = dlg
        dlg.open()

    def _return(self, cid: str, lines: tuple[tuple[int, int], ...], names: dict[str, str], *, manager_id: str, pin: str,
                reason: str) -> None:
        req = ReturnRequest(uuid.uuid4().hex, cid, lines, reason)
        service = self.service
        self._run(self.worker, lambda: service.return_items(req, manager_id=manager_id, pin=pin),
                           lambda r: self._done(cid, self.tr("Returned. ") + self._effect(r, names)))

    # ---- void --------------------------------------------------------------------------------
    def ask_void(self) -> None:
        d = self.detail
        if d is None:
            return
        if d.can_void is not None:
            self._failed(d.can_void)
            return
        dlg = ManagerDialog(self.tr("Void checkout %1").replace("%1", d.checkout_id), self,
                            explanation=self.tr("The whole sale is reversed: %1 back, its points and coupons restored. "
                                                "A manager must approve a void.").replace("%1", money(d.total)))
        dlg.setObjectName("voidApproval")
        cid, service = d.checkout_id, self.service
        dlg.accepted.connect(lambda: self._run(self.worker,
            lambda v=dlg.values(): service.void(cid, **v),
            lambda _r: self._done(cid, self.tr("Checkout %1 voided.").replace("%1", cid))))
        self.manager_dialog = dlg
        dlg.open()

    def _done(self, cid: str, text: str) -> None:
        self.say(text, True)
        self.changed.emit()
        self.load_detail(cid)
        self.search(self.offset)


def open_sales_dialog(parent: QWidget, service: Any, worker: DbWorker, *, io_worker: IoWorker | None, printer: Any,
                      language: str, day: date | None = None, on_changed: Callable[[], None] | None = None,
                      actor_id: str = "") -> SalesDialog:
    """Show the (non-modal) dialog, or raise `parent.sales_dialog` when it is still open; `on_changed` runs
    after each return or void it records. The caller keeps the result as `parent.sales_dialog`."""
    open_one = getattr(parent, "sales_dialog", None)
    if open_one is not None:
        open_one.raise_()
        open_one.activateWindow()
        return open_one
    dlg = SalesDialog(service, worker, parent, io_worker=io_worker, printer=printer, language=language, day=day,
                      actor_id=actor_id)
    if on_changed is not None:
        dlg.changed.connect(on_changed)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.destroyed.connect(lambda *_: setattr(parent, "sales_dialog", None))
    dlg.show()
    return dlg
