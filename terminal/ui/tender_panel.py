"""Paying (issue 17 §4.4), as a POS tender screen: big payment method buttons for what is left
(cash, card, LINE Pay ...: the methods `CounterView.payment_methods` offers) with what is left to
pay, "stored value" (the member's wallet) and a gift card field (type the number, or scan the card
anywhere: the scan field takes a gift card as a payment too), an optional amount for either (empty:
as much as it can pay) and "Remove" (a menu of this sale's payments). The payments themselves
(account masked, amount, balance after) are lines of the checkout breakdown (`payment_rows`) and of
the receipt (`receipt_payment_rows`). The panel only emits what the cashier asked; the window runs
it on the db worker (counter/_tenders.py) and renders the view that comes back.

Two rows whose size does not depend on content (the method buttons share a row, their text in the
tool tip too; the remaining line is an `ElidedLabel`): the method bar over the settle button, the
value row in the coupon panel's button row, so the window still fits 1024x768 with a member and the
camera on, every control a 44 px touch target. While the quick keys take the coupons' place (F1), the value row
goes with them; a gift card scanned into the scan field is still taken as a payment.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QMenu, QPushButton, QSizePolicy, QToolButton, QWidget

from terminal.usecases.counter import CounterView
from terminal.ui.i18n import reason_text
from terminal.ui.style import money
from terminal.ui.widgets import ElidedLabel, FittedPlaceholder

METHOD_BUTTON_HEIGHT = 44  # px: a touch target (terminal/ui/touch.py TOUCH_PX)
PANEL_STYLE = """
QPushButton#payMethod { font-size: 16px; font-weight: bold; padding: 2px 2px; min-height: 36px; border: 2px solid #90a4ae; border-radius: 8px;
                        background: #eceff1; }
QPushButton#payMethod:checked { background: #1565c0; color: white; border-color: #0d47a1; }
QToolButton#removeTender { font-size: 15px; padding: 5px 6px; min-height: 32px; }
QLabel#remainingDue { font-size: 17px; font-weight: bold; color: #0d47a1; }
"""


def method_name(method: str) -> str:
    """A payment method as the cashier reads it (catalog ids the terminal does not know: as written)."""
    names = {
        "cash": QCoreApplication.translate("Tenders", "Cash"),
        "card": QCoreApplication.translate("Tenders", "Card"),
        "linepay": QCoreApplication.translate("Tenders", "LINE Pay"),
        "jkopay": QCoreApplication.translate("Tenders", "JKO Pay"),
        "applepay": QCoreApplication.translate("Tenders", "Apple Pay"),
        "easycard": QCoreApplication.translate("Tenders", "EasyCard"),
        "mobile": QCoreApplication.translate("Tenders", "Mobile pay"),
        "wallet": QCoreApplication.translate("Tenders", "Stored value"),
        "gift_card": QCoreApplication.translate("Tenders", "Gift card"),
    }
    return names.get(method, method)


class TenderPanel(QObject):
    """Two rows: `method_bar` (the method buttons and what is left to pay, over the settle button) and
    `value_row` (amount, stored value, gift card, remove; in the coupon panel's button row)."""

    method_chosen = Signal(str)
    stored_value_clicked = Signal(object)  # the amount typed (int) or None: all it can pay
    gift_card_entered = Signal(str, object)  # the card's number or code, the amount (int) or None
    remove_clicked = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.method_bar = QWidget()
        self.method_bar.setObjectName("tenderMethods")
        self.method_bar.setStyleSheet(PANEL_STYLE)
        top = QHBoxLayout(self.method_bar)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(6)
        self.methods_row = QHBoxLayout()
        self.methods_row.setSpacing(4)
        top.addLayout(self.methods_row, 4)
        self.remaining = ElidedLabel()
        self.remaining.setObjectName("remainingDue")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.remaining, 1)
        self.method_group = QButtonGroup(self)
        self.method_group.setExclusive(True)
        self.method_buttons: dict[str, QPushButton] = {}
        self._methods: tuple[str, ...] = ()

        self.value_row = QWidget()
        self.value_row.setObjectName("tenderValues")
        self.value_row.setStyleSheet(PANEL_STYLE)
        row = QHBoxLayout(self.value_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.amount_field = QLineEdit()
        self.amount_field.setObjectName("tenderAmount")
        self.amount_field.setValidator(QIntValidator(1, 100_000_000, self))
        self.amount_field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.amount_field.setMinimumWidth(76)  # its placeholder in full
        self.stored_value_button = QPushButton()
        self.stored_value_button.setObjectName("payStoredValue")
        self.gift_card_field = QLineEdit()
        self.gift_card_field.setObjectName("giftCardField")
        self.gift_card_field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.gift_card_field.setMinimumWidth(80)
        self.gift_card_placeholder = FittedPlaceholder(self.gift_card_field)
        self.gift_card_button = QPushButton()
        self.gift_card_button.setObjectName("payGiftCard")
        self.remove_button = QToolButton()  # a menu of this sale's payments: the one chosen is removed
        self.remove_button.setObjectName("removeTender")
        self.remove_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.remove_menu = QMenu(self.remove_button)
        self.remove_button.setMenu(self.remove_menu)
        for w, stretch in ((self.amount_field, 0), (self.stored_value_button, 0), (self.gift_card_field, 1),
                           (self.gift_card_button, 0), (self.remove_button, 0)):
            if isinstance(w, (QPushButton, QToolButton)):  # never narrower than their words; the card field gives way
                w.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            row.addWidget(w, stretch)

        self.method_group.idClicked.connect(self._method_clicked)
        self.stored_value_button.clicked.connect(lambda: self.stored_value_clicked.emit(self._take_amount()))
        self.gift_card_button.clicked.connect(self._gift_card)
        self.gift_card_field.returnPressed.connect(self._gift_card)
        self.remove_menu.triggered.connect(lambda act: self.remove_clicked.emit(int(act.data())))

    # ---- what the cashier did ---------------------------------------------------------------
    def _take_amount(self) -> int | None:
        text = self.amount_field.text().strip()
        self.amount_field.clear()
        return int(text) if text.isdigit() and int(text) > 0 else None

    def _gift_card(self) -> None:
        code = self.gift_card_field.text().strip()
        if not code:
            self.gift_card_field.setFocus()
            return
        self.gift_card_field.clear()  # a bearer card's number does not stay on screen
        self.gift_card_entered.emit(code, self._take_amount())

    def _method_clicked(self, index: int) -> None:
        if 0 <= index < len(self._methods):
            self.method_chosen.emit(self._methods[index])

    # ---- rendering ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.amount_field.setPlaceholderText(self.tr("Amount"))
        self.amount_field.setToolTip(self.tr("Amount to pay with stored value or the gift card (empty: as much as it can)"))
        self.stored_value_button.setText(self.tr("Stored value"))
        self.stored_value_button.setToolTip(self.tr("Pay with the member's stored value"))
        self.gift_card_placeholder.set_texts(self.tr("Gift card no."), self.tr("Card no."))
        self.gift_card_field.setToolTip(self.tr("Type the gift card's number, or scan the card"))
        self.gift_card_button.setText(self.tr("Gift card"))
        self.gift_card_button.setToolTip(self.tr("Pay with the gift card whose number is typed"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove one of this sale's payments"))
        for method, b in self.method_buttons.items():
            b.setText(method_name(method))
            b.setToolTip(method_name(method))

    def _set_methods(self, methods: tuple[str, ...]) -> None:
        if methods == self._methods:
            return
        for b in self.method_buttons.values():
            self.method_group.removeButton(b)
            self.methods_row.removeWidget(b)
            b.deleteLater()
        self.method_buttons = {}
        self._methods = methods
        for i, method in enumerate(methods):
            b = QPushButton(method_name(method))
            b.setObjectName("payMethod")
            b.setCheckable(True)
            b.setToolTip(method_name(method))
            b.setMinimumHeight(METHOD_BUTTON_HEIGHT)
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self.method_group.addButton(b, i)
            self.methods_row.addWidget(b, 1)
            self.method_buttons[method] = b

    def render(self, view: CounterView) -> None:
        settled = view.receipt is not None
        editable = view.cashier is not None and not settled
        self._set_methods(view.payment_methods)
        for method, b in self.method_buttons.items():
            b.setChecked(method == view.payment_method)
            b.setEnabled(editable)
        has_due = view.preview is not None and view.remaining_due > 0
        self.stored_value_button.setEnabled(editable and view.member is not None and has_due)
        for w in (self.gift_card_field, self.gift_card_button, self.amount_field):
            w.setEnabled(editable)
        tenders = view.tenders if not settled else ()
        self.remove_menu.clear()
        for tv in tenders:
            act = self.remove_menu.addAction(f"{method_name(tv.kind)} {tv.account}  {money(tv.amount)}")
            act.setData(tv.index)
        self.remove_button.setEnabled(editable and bool(tenders))
        if settled:
            self.remaining.setText(self.tr("Paid ✓"))
        elif view.tender_error is not None:
            self.remaining.setText("✗ " + reason_text(view.tender_error.reason))
        else:
            # the method is the checked button; the tool tip says it in words
            self.remaining.setText(self.tr("Due %1").replace("%1", money(view.remaining_due if view.preview is not None else 0)))
        self.remaining.setToolTip(view.tender_error.message if view.tender_error is not None and not settled else
                                  "" if settled else self.tr("%1 to pay: %2").replace("%1", method_name(view.payment_method))
                                  .replace("%2", money(view.remaining_due if view.preview is not None else 0)))


def attach(window, *, right) -> TenderPanel:
    """Put the value row (amount, stored value, gift card, remove) in a row of its own under the coupon
    table, each button as wide as its words, and the method bar in the window's `right` column (over the
    settle button); run what they ask on the window's db worker."""
    panel = TenderPanel(window)
    c = window.counter

    def run(fn) -> None:
        window.run(fn)
        window.focus_scan()  # the next scan goes to the scan field, as after a typed amount

    panel.method_chosen.connect(lambda m: run(lambda: c.set_payment_method(m)))
    panel.stored_value_clicked.connect(lambda a: run(lambda: c.add_stored_value(a)))
    panel.gift_card_entered.connect(lambda code, a: run(lambda: c.add_gift_card(code, a)))
    panel.remove_clicked.connect(lambda i: run(lambda: c.remove_tender(i)))
    rows = window.coupon_panel.layout()  # its own row under the coupon table, over the coupon buttons
    rows.insertWidget(rows.indexOf(window.coupon_panel.table) + 1, panel.value_row)
    right.addWidget(panel.method_bar)
    return panel


def payment_rows(view: CounterView) -> list[tuple[str, str]]:
    """The checkout breakdown's payment lines before settling: each payment (account masked, amount,
    balance after), then what is left by the payment method. (label, value) pairs."""
    rows = [(f"{method_name(t.kind)} {t.account} · " + QCoreApplication.translate("Tenders", "left %1").replace(
        "%1", money(t.balance_after)), money(-t.amount)) for t in view.tenders]
    if view.tenders:
        rows.append((QCoreApplication.translate("Tenders", "%1 to pay").replace("%1", method_name(view.payment_method)),
                     money(view.remaining_due)))
    return rows


def receipt_payment_rows(receipt: dict) -> list[tuple[str, str]]:
    """The receipt's payments (counter receipts always list them): method, account masked, balance after."""
    out = []
    for p in receipt.get("payments", ()):
        label = method_name(p["method"]) + (f" ****{p['account_id'][-4:]}" if p.get("account_id") else "")
        if "balance_after" in p:
            label += " · " + QCoreApplication.translate("Tenders", "left %1").replace("%1", money(p["balance_after"]))
        out.append((label, money(p["amount"])))
    return out
