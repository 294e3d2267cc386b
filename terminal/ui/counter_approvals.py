"""The counter window's actions that open a dialog or another window (mixed into MainWindow):
find a member (F7), the manager desk (F10), the day's sales (Ctrl+R), and the manager's
approvals (beyond the offline allowance, void, price override). Each gathers what a person
enters on the GUI thread and runs the work on the db worker, like every other action.

Strings keep the "MainWindow" translation context (they are the counter window's words).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from terminal.ui.dialogs import ManagerDialog
from terminal.usecases.counter import Notice


class ApprovalActions:
    """Mixin of MainWindow (uses its counter, worker, view, run, _set_notice, _failed)."""

    def find_member(self) -> None:
        """F7: find a member by phone or name, or sign one up (terminal/ui/member_search_dialog.py)."""
        from terminal.ui.member_search_dialog import open_member_search

        open_member_search(self)

    def open_manager_desk(self) -> None:
        """F10: the manager's desk (report, voids, close of day, conflicts) behind a manager PIN."""
        from PySide6.QtWidgets import QDialog

        from terminal.usecases.manager_desk import ManagerDesk
        from terminal.ui.desk_widgets import ManagerPinDialog
        from terminal.ui.manager_desk import ManagerDeskWindow

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

    def open_sales(self) -> None:
        """Ctrl+R: the day's sales (terminal/ui/sales_dialog.py): reprint, return, void; signed-in staff only."""
        if self.view is None or self.view.cashier is None:
            self._set_notice(Notice("error", "sales", QCoreApplication.translate("MainWindow", "Sign in first: the sales list needs a signed-in cashier."),
                                    "not_authorized"))
            return
        from terminal.ui.sales_dialog import open_sales_dialog

        self.sales_dialog = open_sales_dialog(self, self.counter.service, self.worker, io_worker=self.io_worker,
                                              printer=self.printer, language=self.language,
                                              on_changed=lambda: self.run(self.counter.refresh),
                                              actor_id=self.view.cashier["id"])

    def ask_allowance_override(self) -> None:
        """Beyond the offline allowance: a manager approves (id, PIN, reason) and the sale settles, audited."""
        dlg = ManagerDialog(QCoreApplication.translate("MainWindow", "Beyond the offline allowance"), self,
                            explanation=QCoreApplication.translate("MainWindow", "This sale spends more points or stored-voucher uses than the server allows "
                                                "while offline. A manager must approve it."))
        dlg.setObjectName("allowanceOverride")
        dlg.accepted.connect(lambda: self.settle_with_override(**dlg.values()))
        dlg.open()

    def settle_with_override(self, *, manager_id: str, pin: str, reason: str) -> None:
        approval = {"manager_id": manager_id, "pin": pin, "reason": reason}
        self.scan_gate.begin_saving()
        self.run(lambda: self.counter.settle(override=approval), self._after_settle,
                 lambda _exc: self.scan_gate.end_saving(False))

    def ask_void(self) -> None:
        if self.view is None or (self.view.last_receipt is None and self.view.receipt is None):
            self._set_notice(Notice("error", "void", "Nothing to void.", "not_found"))
            return
        dlg = ManagerDialog(QCoreApplication.translate("MainWindow", "Void last checkout"), self, explanation=QCoreApplication.translate("MainWindow", "A manager must approve a void."))
        dlg.accepted.connect(lambda: self.void(None, **dlg.values()))
        dlg.open()

    def void(self, checkout_id: str | None, *, manager_id: str, pin: str, reason: str) -> None:
        self.run(lambda: self.counter.void(checkout_id, manager_id=manager_id, pin=pin, reason=reason))

    def ask_price_override(self) -> None:
        if self.view is None or not self.view.lines or self.view.receipt is not None:
            return
        i = self._selected_row(self.basket)
        line = self.view.lines[i]
        dlg = ManagerDialog(QCoreApplication.translate("MainWindow", "Price override"), self,
                            explanation=QCoreApplication.translate("MainWindow", "New unit price for: %1").replace("%1", line.name),
                            with_value=QCoreApplication.translate("MainWindow", "New price"), value=line.unit_price)
        dlg.accepted.connect(lambda: self.override_price(i, **dlg.values()))
        dlg.open()

    def override_price(self, index: int, *, value: int, manager_id: str, pin: str, reason: str) -> None:
        self.run(lambda: self.counter.override_price(index, value, manager_id=manager_id, pin=pin, reason=reason))
