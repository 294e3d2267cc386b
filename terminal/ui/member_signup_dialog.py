"""The sign-up form at the counter (issue 17): name, phone, birth month (optional), the member's
consent; online only. Each field is checked here first (terminal/usecases/member_search.py
`check_sign_up`, the rules the server applies again), so a wrong field is named before anything is
sent; the server's refusals come back the same way (a phone already a member's offers that member).
Signed up: the new member is on the sale and the form shows the card number to write on the card."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from terminal.domain.phones import MAX_NAME, MAX_PHONE_TEXT
from terminal.domain.reasons import DomainError
from terminal.ui.i18n import reason_text
from terminal.usecases.member_search import SignUpRequest, check_sign_up


class MemberSignupDialog(QDialog):
    """`window`: the MainWindow (its `counter` and `run`). Accepted once the member is signed up and on the sale."""

    def __init__(self, window: Any, *, phone: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.request_id = str(uuid.uuid4())  # one sign-up: a retry after a lost answer makes no second member
        self.signed_up: str | None = None
        self.existing: str | None = None
        self.setObjectName("memberSignupDialog")
        self.setWindowTitle(self.tr("New member"))
        self.setModal(True)
        self.setMinimumWidth(440)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("signupName")
        self.name.setMaxLength(MAX_NAME)
        self.phone = QLineEdit(phone)
        self.phone.setObjectName("signupPhone")
        self.phone.setMaxLength(MAX_PHONE_TEXT)
        self.phone.setPlaceholderText("0912-345-678")
        self.month = QComboBox()
        self.month.setObjectName("signupMonth")
        self.month.addItem(self.tr("(not given)"), None)
        locale = QLocale()
        for m in range(1, 13):
            self.month.addItem(locale.monthName(m, QLocale.FormatType.LongFormat), m)
        self.consent = QCheckBox(self.tr("The member agrees to the membership terms and the privacy notice"))
        self.consent.setObjectName("signupConsent")
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Mobile phone"), self.phone)
        form.addRow(self.tr("Birth month"), self.month)
        form.addRow("", self.consent)
        lay.addLayout(form)
        self.message = QLabel(self.tr("Sign-up needs the network: the central server makes the member and the card."))
        self.message.setObjectName("signupMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        buttons = QHBoxLayout()
        self.attach_existing = QPushButton(self.tr("Attach that member"))
        self.attach_existing.setObjectName("signupAttachExisting")
        self.attach_existing.clicked.connect(self._attach_existing)
        self.attach_existing.hide()
        self.submit_button = QPushButton(self.tr("Sign up"))
        self.submit_button.setObjectName("signupSubmit")
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.attach_existing)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.cancel_button)
        lay.addLayout(buttons)
        self.closed = False  # answers arriving after the dialog closed are dropped
        (self.phone if not phone else self.name).setFocus()

    def done(self, result: int) -> None:  # noqa: D102
        self.closed = True
        super().done(result)

    def request(self) -> SignUpRequest:
        return SignUpRequest(self.name.text(), self.phone.text(), self.month.currentData(), self.consent.isChecked(),
                             self.request_id)

    def _show_refusal(self, reason: str | None, detail: str, field: str | None) -> None:
        self.message.setText(f"{reason_text(reason)}\n{detail}")
        widget = {"name": self.name, "phone": self.phone, "birth_month": self.month, "consent": self.consent}.get(field or "")
        if widget is not None:
            widget.setFocus()

    def submit(self) -> None:
        if self.signed_up is not None:
            self.accept()
            return
        req = self.request()
        try:
            check_sign_up(req)
        except DomainError as err:  # named before anything is sent
            self._show_refusal(err.reason.value, err.message, err.details.get("field"))
            return
        counter = self.window.counter
        self.submit_button.setEnabled(False)
        self.attach_existing.hide()
        self.message.setText(self.tr("Signing up…"))
        self.window.run(lambda: counter.sign_up_member(req.name, req.phone, req.birth_month, req.consent, req.request_id),
                        self._answered)

    def _answered(self, view) -> None:
        if self.closed:
            return
        self.submit_button.setEnabled(True)
        n = view.notice
        if n is not None and n.level == "ok" and n.details.get("signed_up"):
            self.signed_up = n.details.get("member_id")
            self.message.setText(self.tr("Signed up: %1. Card number %2: write it on the member's card.")
                                 .replace("%1", n.subject or "").replace("%2", str(n.details.get("card_number") or "")))
            self.submit_button.setText(self.tr("Done"))
            for w in (self.name, self.phone, self.month, self.consent):
                w.setEnabled(False)
            self.cancel_button.hide()
            return
        if n is None:
            return
        existing = n.details.get("existing") if n.reason == "phone_taken" else None
        if isinstance(existing, dict) and existing.get("member_id"):
            self.existing = str(existing["member_id"])
            self._show_refusal(n.reason, self.tr("Already a member: %1 %2").replace("%1", str(existing.get("name") or ""))
                               .replace("%2", str(existing.get("phone") or "")), "phone")
            self.attach_existing.show()
            return
        self._show_refusal(n.reason, n.message, n.details.get("field"))

    def _attach_existing(self) -> None:
        member_id, counter = self.existing, self.window.counter
        if member_id is None:
            return

        def after(view) -> None:
            if self.closed:
                return
            if view.member is not None and view.member.id == member_id:
                self.accept()
            elif view.notice is not None:
                self._show_refusal(view.notice.reason, view.notice.message, None)

        self.window.run(lambda: counter.attach_member(member_id), after)
