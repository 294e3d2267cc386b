"""F7 "Find member": a phone or a name, the matching members MASKED, choose one -> on the sale
(issue 17; terminal/usecases/member_search.py through the Counter on the db worker). "New member…"
opens the sign-up form (terminal/ui/member_signup_dialog.py). A phone typed into the scan field
(notice `looks_like_phone`) opens it with that number, searched at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)

from terminal.domain.reasons import DomainError, Reason
from terminal.usecases.counter import CounterView
from terminal.ui.verdicts import failure_notice, notice_text


def refusal_text(exc: BaseException) -> str:
    """A refusal or fault as the dialogs show it (terminal/ui/verdicts.py: never a class name): the translated
    headline, the detail under it."""
    return "\n".join(x for x in notice_text(failure_notice(exc)) if x)


def notice_lines(n) -> str:
    """A counter notice as the dialogs show it: headline and detail (terminal/ui/verdicts.py)."""
    return "\n".join(x for x in notice_text(n) if x) if n is not None else ""


class MemberSearchDialog(QDialog):
    """`window`: the MainWindow (its `counter`, `worker` and `run`)."""

    def __init__(self, window: Any, query: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.setObjectName("memberSearch")
        self.setWindowTitle(self.tr("Find member"))
        self.setModal(True)
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.query = QLineEdit(query)
        self.query.setObjectName("memberQuery")
        self.query.setMaxLength(60)
        self.query.setPlaceholderText(self.tr("Phone (0912-345-678) or name (at least 2 characters)"))
        self.query.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.clicked.connect(self.search)
        row.addWidget(self.query, 1)
        row.addWidget(self.search_button)
        lay.addLayout(row)
        self.results = QListWidget()
        self.results.setObjectName("memberResults")
        self.results.itemActivated.connect(lambda _item: self.attach())
        self.results.currentRowChanged.connect(lambda _row: self._enable())
        lay.addWidget(self.results, 1)
        self.message = QLabel()
        self.message.setObjectName("memberMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        buttons = QHBoxLayout()
        self.signup_button = QPushButton(self.tr("New member…"))
        self.signup_button.setObjectName("memberSignup")
        self.signup_button.clicked.connect(self.sign_up)
        self.attach_button = QPushButton(self.tr("Attach to sale"))
        self.attach_button.setObjectName("memberAttach")
        self.attach_button.clicked.connect(self.attach)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.signup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        self.closed = False  # answers arriving after the dialog closed are dropped (it may be deleted)
        self._enable()
        self.query.setFocus()

    def done(self, result: int) -> None:  # noqa: D102 (accept/reject end here)
        self.closed = True
        super().done(result)

    def _enable(self) -> None:
        item = self.results.currentItem()
        self.attach_button.setEnabled(item is not None and item.data(Qt.ItemDataRole.UserRole) is not None)

    def search(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.message.setText(self.tr("Type a phone number or at least 2 characters of the name."))
            return
        counter = self.window.counter
        self.message.setText(self.tr("Searching…"))
        self.search_button.setEnabled(False)
        def find():  # a refusal is an answer, not a failed job (the worker logs those)
            try:
                found = counter.find_member(text)
            except DomainError as err:
                return err
            if isinstance(found, CounterView):  # refused by the counter's state (nobody signed in)
                n = found.notice
                return DomainError(Reason(n.reason) if n and n.reason else Reason.NOT_AUTHORIZED, n.message if n else "")
            return found

        self.window.worker.submit(find, self._found, self._refused)  # a fault (not a refusal) is logged by the worker

    def _found(self, result) -> None:
        if self.closed:
            return
        if isinstance(result, DomainError):
            self._refused(result)
            return
        self.search_button.setEnabled(True)
        self.results.clear()
        for m in result.members:
            parts = [m.name, m.phone or "", m.tier_name]
            if m.status != "active":
                parts.append(self.tr("(blocked)"))
            item = QListWidgetItem("   ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, m.member_id if m.status == "active" else None)
            self.results.addItem(item)
        notes = []
        if not result.members:
            notes.append(self.tr("Nobody found: check the number or the name, or sign the customer up (New member…)."))
        elif result.truncated:
            notes.append(self.tr("More members match: type more of the name, or ask for the phone number."))
        if not result.online:
            notes.append(self.tr("Searched on this till only (the central server was not asked)."))
        self.message.setText("\n".join(notes))
        if result.members:
            self.results.setCurrentRow(0)
            self.results.setFocus()
        self._enable()

    def _refused(self, exc: BaseException) -> None:
        if self.closed:
            return
        self.search_button.setEnabled(True)
        self.results.clear()
        self.message.setText(refusal_text(exc))
        self._enable()

    def attach(self) -> None:
        item = self.results.currentItem()
        member_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if member_id is None:
            return
        counter = self.window.counter
        self.attach_button.setEnabled(False)
        self.message.setText(self.tr("Attaching…"))

        def after(view) -> None:
            if self.closed:
                return
            if view.member is not None and view.member.id == member_id:
                self.accept()
                return
            self.message.setText(notice_lines(view.notice))
            self._enable()

        self.window.run(lambda: counter.attach_member(member_id), after)

    def sign_up(self) -> None:
        from terminal.domain.phones import looks_like_phone
        from terminal.ui.member_signup_dialog import MemberSignupDialog

        typed = self.query.text().strip()
        dlg = MemberSignupDialog(self.window, phone=typed if looks_like_phone(typed) else "", parent=self)
        dlg.accepted.connect(self.accept)
        dlg.open()


def open_member_search(window: Any) -> MemberSearchDialog:
    """Open the dialog over `window`; a phone the cashier just typed into the scan field is searched at once."""
    notice = window.view.notice if window.view is not None else None
    phone = notice.details.get("phone") if notice is not None and notice.reason == "looks_like_phone" else None
    dlg = MemberSearchDialog(window, str(phone or ""))
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    if phone:
        dlg.search()
    return dlg
