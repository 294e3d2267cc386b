"""The total to pay and how it comes about (preview), or the receipt once settled.

The total is one `FitLabel` line that shrinks its font rather than widen the window; the
breakdown (subtotal, each coupon, points, points earned, receipt lines) is rich text in
a vertical scroll area, so a long basket or receipt scrolls instead of growing the window.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from terminal.usecases.counter import CounterView
from terminal.ui.i18n import reason_text
from terminal.ui.tender_panel import payment_rows, receipt_payment_rows
from terminal.ui.reason_details import detail_text
from terminal.ui.style import BLUE, GREEN, GREY, RED, money
from terminal.ui.widgets import ElidedLabel, FitLabel

BREAKDOWN_MIN_HEIGHT = 52  # px: about two lines before it scrolls (the payment method bar under the panel takes the rest, issue 17 §4.4)


class CheckoutPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 6)
        lay.setSpacing(2)
        self.caption = ElidedLabel()
        self.caption.setObjectName("totalCaption")
        self.total = FitLabel("$0", min_px=24)
        self.total.setObjectName("total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout()
        row.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.total, 1)
        lay.addLayout(row)
        self.breakdown = QLabel()
        self.breakdown.setObjectName("breakdown")
        self.breakdown.setWordWrap(True)
        self.breakdown.setTextFormat(Qt.TextFormat.RichText)
        self.breakdown.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.breakdown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        body = QWidget()
        body.setObjectName("breakdownBody")
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 4, 0)
        bl.addWidget(self.breakdown)
        bl.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("breakdownScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        self.scroll.setMinimumHeight(BREAKDOWN_MIN_HEIGHT)
        lay.addWidget(self.scroll, 1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Checkout"))

    def render(self, view: CounterView) -> None:
        """Every line in the cashier's language: figures and names from the structured preview or
        receipt, refusals as their translated reason (never the domain's English sentence)."""
        if view.receipt is not None:
            self._render_receipt(view)
        else:
            self._render_preview(view)
        self.scroll.verticalScrollBar().setValue(0)

    def earn_label(self, e) -> str:
        """An earning rule's line: its name (catalog language) and, when a multiplier applied, the
        factor and why ("×2 (birthday month)"), in the current language. `e`: an EarnResult."""
        if e.multiplier <= 1:
            return e.rule_name
        why = _multiplier_reason(e.multiplier_kind)
        factor = self.tr("×%1 (%2)").replace("%2", why) if why else "×%1"
        return f"{e.rule_name} {factor.replace('%1', str(e.multiplier))}"

    def _render_receipt(self, view: CounterView) -> None:
        names = view.point_type_names
        r = view.receipt
        voided_sale = bool(r.get("voided_at"))
        self.setTitle(self.tr("Receipt (VOIDED)") if voided_sale else self.tr("Receipt"))
        self.caption.setText(self.tr("VOIDED · was") if voided_sale else self.tr("Settled ✓  paid"))
        self.total.setText(money(r["total"]))
        _mark_voided(self.total, voided_sale)
        caption, not_used, voided = self.tr("Checkout no."), self.tr("Not used"), self.tr("VOIDED")
        # what the cashier checks first (void, discounts, points, balance) above the item lines: on a
        # small screen the lines are the part that scrolls
        rows = [f"<b>{html.escape(caption)}</b> {html.escape(r['checkout_id'][:8])} · {html.escape(r['local_time'])}"]
        if r.get("voided_at"):
            rows.append(f"<b style='color:{RED}'>{html.escape(voided)}: {html.escape(r.get('void_reason', ''))}</b>")
        rows.append(_row(self.tr("Subtotal"), money(r["gross"])))
        for p in r.get("promotions", ()):  # automatic promotions: the promotion's name (catalog language)
            rows.append(_row(p["name"], money(-p["discount"]), GREEN))
        if r["coupon_discount"]:
            rows.append(_row(self.tr("Coupons"), money(-r["coupon_discount"])))
        if r["points_discount"]:
            rows.append(_row(self.tr("Points"), money(-r["points_discount"])))
        rows += [_row(label, value, BLUE) for label, value in receipt_payment_rows(r)]  # payments, balances after
        for pt, n in r["points_earned"].items():
            rows.append(_row(self.tr("Points earned: %1").replace("%1", names.get(pt, pt)), f"+{n:,}", GREEN))
        for pt, n in r["points_spent"].items():
            rows.append(_row(self.tr("Points spent: %1").replace("%1", names.get(pt, pt)), f"-{n:,}"))
        if r.get("member"):
            for pt, n in r["balances_after"].items():
                rows.append(_row(self.tr("Balance now: %1").replace("%1", names.get(pt, pt)), f"{n:,}"))
        for msg in left_out_texts(r):
            rows.append(f"<span style='color:{RED}'>{html.escape(not_used)}: {html.escape(msg)}</span>")
        for ln in r["lines"]:
            rows.append(_row(f"{ln['name']} ×{ln['quantity']}", money(ln["gross"]), GREY))
        next_hint = self.tr("Next scan starts a new checkout (F9).")
        rows.append(f"<i>{html.escape(next_hint)}</i>")
        self.breakdown.setText("".join(f"<div>{x}</div>" for x in rows))

    def _render_preview(self, view: CounterView) -> None:
        names = view.point_type_names
        _mark_voided(self.total, False)
        self.setTitle(self.tr("Checkout"))
        self.caption.setText(self.tr("To pay"))
        p = view.preview
        if p is None:
            self.total.setText(money(0))
            err = view.preview_error
            text = (" ".join(x for x in (reason_text(err.reason), detail_text(err.reason, err.details)) if x) if err
                    else self.tr("Scan products or enter an amount."))
            self.breakdown.setText(html.escape(text))
            return
        self.total.setText(money(p.total))
        rows = [_row(self.tr("Subtotal"), money(p.gross))]
        for u in p.promotion_uses:  # automatic promotions (issue 16): the promotion's name (catalog language)
            rows.append(_row(u.name, money(-u.discount), GREEN))
        for v in p.coupon_verdicts:
            if v.ok:
                rows.append(_row(v.template_name or v.code or v.scanned, money(-v.discount), GREEN))
        for v in p.points_verdicts:
            pt = names.get(v.point_type, v.point_type)
            if v.ok and v.purpose == "item":
                rows.append(_row(self.tr("Points for points-plus-cash items: %1").replace("%1", pt), f"-{v.requested:,}", GREEN))
            elif v.ok:
                rows.append(_row(self.tr("%1 %2 used").replace("%1", f"{v.requested:,}").replace("%2", pt), money(-v.value), GREEN))
            else:
                text = f"{pt}: {reason_text(v.reason.value if v.reason else None)}"
                rows.append(f"<span style='color:{RED}'>✗ {html.escape(text)}</span>")
        discounts = p.promotion_discount + p.coupon_discount + p.points_discount
        if discounts:
            rows.append(_row(self.tr("Discounts"), money(-discounts)))
        rows += [_row(label, value, BLUE) for label, value in payment_rows(view)]  # stored value, gift cards, the rest
        for e in p.earns:  # the rule's own name (catalog language), why a multiplier applies, the points
            if e.points:
                rows.append(_row(self.earn_label(e), f"+{e.points:,} {names.get(e.point_type, e.point_type)}", BLUE))
        spent: dict[str, int] = {}
        for b in p.burns:
            spent[b.point_type] = spent.get(b.point_type, 0) + b.points
        earned: dict[str, int] = {}
        for e in p.earns:
            earned[e.point_type] = earned.get(e.point_type, 0) + e.points
        for pt, n in earned.items():
            if n:
                rows.append(_row(self.tr("Points earned: %1").replace("%1", names.get(pt, pt)), f"+{n:,}", GREEN))
        for pt, n in spent.items():
            rows.append(_row(self.tr("Points spent: %1").replace("%1", names.get(pt, pt)), f"-{n:,}"))
        self.breakdown.setText("".join(f"<div>{x}</div>" for x in rows))


def _mark_voided(label: QLabel, voided: bool) -> None:
    """A voided sale's total is grey and struck through (QLabel#total[voided="true"] in style.py)."""
    if bool(label.property("voided")) != voided:
        label.setProperty("voided", voided)
        label.style().unpolish(label)
        label.style().polish(label)
        label.update()


def _multiplier_reason(kind: str | None) -> str:
    return {
        "birthday_month": QCoreApplication.translate("CheckoutPanel", "birthday month"),
        "weekday": QCoreApplication.translate("CheckoutPanel", "day of the week"),
        "day_of_month": QCoreApplication.translate("CheckoutPanel", "day of the month"),
    }.get(kind or "", "")


def _row(label: str, value: str, color: str | None = None) -> str:
    style = f" style='color:{color}'" if color else ""
    return (f"<table width='100%' cellspacing='0' cellpadding='1'><tr><td{style}>{html.escape(label)}</td>"
            f"<td align='right'{style}><b>{html.escape(value)}</b></td></tr></table>")


def left_out_texts(receipt: dict) -> list[str]:
    """The coupons a settled sale did not use, as "name: reason" in the current language (the
    counter's `left_out_coupons`; a receipt from elsewhere has only English `left_out`: its count)."""
    coupons = receipt.get("left_out_coupons")
    if coupons is None:
        return [reason_text(None)] * len(receipt.get("left_out") or [])
    return [f"{c['name']}: {reason_text(c.get('reason'))}" for c in coupons]
