"""The payment controls of the counter window (terminal/ui/tender_panel.py), driven like a cashier:
payment method buttons (the earn rule of LINE Pay shows in the breakdown), stored value with a typed
amount, a gift card typed and one scanned, removing a payment, the remaining due, the settled
receipt and slip with the balances left; the zh_TW window has no English on these controls."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from terminal.infra.printing import receipt_lines  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.usecases.counter import Counter  # noqa: E402
from tests.conftest import card, tpe  # noqa: E402
from tests.stored_value.test_counter_tenders import tender_catalog  # noqa: E402
from tests.stored_value.value_catalog import GIFT, GIFT_LOW, GIFT_OLD  # noqa: E402

M1 = card("290000000001")
LATTE = card("471000000001")


@pytest.fixture
def open_window(qtbot, make_service):
    workers = []

    def _open(language: str):
        svc = make_service(catalog=tender_catalog(), at=tpe(2026, 11, 20, 12), name=f"{language}.db")
        win, _wedge, worker = build_window(Counter(svc), WindowOptions(language=language, ask_login=False, wedge=False))
        workers.append(worker)
        qtbot.addWidget(win)
        win.resize(1280, 760)
        win.show()
        qtbot.waitExposed(win)
        return win

    yield _open
    for w in workers:
        w.shutdown()


def step(win, qtbot, fn, done):
    before = win.view.seq if win.view else 0
    fn()
    qtbot.waitUntil(lambda: win.view is not None and win.view.seq > before and bool(done(win.view)), timeout=10_000)
    return win.view


def test_a_split_tender_sale_through_the_panel(open_window, qtbot):
    win = open_window("en")
    panel = win.tender_panel
    step(win, qtbot, lambda: win.login("C01", "1234"), lambda v: v.cashier is not None)
    step(win, qtbot, lambda: win.scan(M1), lambda v: v.member is not None)
    for n in (1, 2):
        step(win, qtbot, lambda: win.scan(LATTE), lambda v, n=n: v.lines and v.lines[0].quantity == n)  # 240
    assert [b.text() for b in panel.method_buttons.values()] == ["Cash", "Card", "LINE Pay"]
    assert panel.method_buttons["cash"].isChecked() and panel.remaining.text() == "Due $240" and panel.remaining.toolTip() == "Cash to pay: $240"
    assert panel.method_buttons["cash"].height() >= 40  # touch-friendly
    assert "LINE Pay: 1 per 20" not in win.breakdown.text()

    v = step(win, qtbot, lambda: panel.method_buttons["linepay"].click(), lambda v: v.payment_method == "linepay")
    assert panel.method_buttons["linepay"].isChecked() and not panel.method_buttons["cash"].isChecked()
    assert "LINE Pay: 1 per 20" in win.breakdown.text() and any(e.rule_id == "LP" and e.points == 12 for e in v.preview.earns)
    assert win.notice_headline.text() == "✓ The rest is paid by LINE Pay"

    QTest.keyClicks(panel.amount_field, "100")
    v = step(win, qtbot, lambda: panel.stored_value_button.click(), lambda v: len(v.tenders) == 1)
    assert (v.tenders[0].amount, v.tenders[0].balance_after) == (100, 400) and panel.amount_field.text() == ""
    assert "Stored value ****V-M1 · left $400" in win.breakdown.text() and panel.remaining.text() == "Due $140"
    assert win.notice_headline.text() == "✓ Payment added: Stored value ****V-M1  $100"
    assert win.notice_detail.text() == "Balance after: $400"

    QTest.keyClicks(panel.gift_card_field, GIFT)
    v = step(win, qtbot, lambda: QTest.keyClick(panel.gift_card_field, Qt.Key.Key_Return), lambda v: len(v.tenders) == 2)
    assert panel.gift_card_field.text() == ""  # a bearer card's number does not stay on screen
    assert win.scan_field.hasFocus()  # the next scan goes to the scan field
    assert (v.tenders[1].amount, v.tenders[1].balance_after, v.remaining_due) == (140, 4860, 0)
    assert GIFT not in win.breakdown.text() and "Gift card ****GC-1 · left $4,860" in win.breakdown.text()

    actions = panel.remove_menu.actions()
    assert [a.text() for a in actions] == ["Stored value ****V-M1  $100", "Gift card ****GC-1  $140"]
    v = step(win, qtbot, lambda: actions[0].trigger(), lambda v: len(v.tenders) == 1)
    assert v.tenders[0].account == "****GC-1" and v.tenders[0].amount == 140 and panel.remaining.text() == "Due $100"

    v = step(win, qtbot, lambda: win.scan(GIFT_OLD), lambda v: v.notice is not None and v.notice.level == "error")
    assert v.notice.reason == "expired" and len(v.tenders) == 1 and win.notice_headline.text().startswith("✗ ")
    v = step(win, qtbot, lambda: win.scan(GIFT_LOW), lambda v: len(v.tenders) == 2)  # scanned in the scan field
    assert (v.tenders[1].amount, v.remaining_due) == (100, 0)

    v = step(win, qtbot, win.settle, lambda v: v.receipt is not None)
    assert [p["amount"] for p in v.receipt["payments"]] == [140, 100]
    text = win.breakdown.text()
    assert "Gift card ****GC-1 · left $4,860" in text and "Gift card ****-LOW · left $0" in text
    assert panel.remaining.text() == "Paid ✓" and not panel.method_buttons["cash"].isEnabled()
    assert not panel.gift_card_button.isEnabled() and not panel.remove_button.isEnabled()
    slip = receipt_lines(v.receipt, "en", 32)
    assert any(line.startswith("Paid by Gift card *GC-1") and line.endswith("140") for line in slip)
    assert any(line.strip().startswith("left") and line.endswith("4860") for line in slip)


def test_a_method_the_catalog_adds_and_refusals_on_screen(open_window, qtbot):
    win = open_window("en")
    panel = win.tender_panel
    step(win, qtbot, lambda: win.login("C01", "1234"), lambda v: v.cashier is not None)
    step(win, qtbot, lambda: win.scan(LATTE), lambda v: bool(v.lines))
    assert not panel.stored_value_button.isEnabled()  # no member: no wallet to pay with
    QTest.keyClicks(panel.amount_field, "121")
    QTest.keyClicks(panel.gift_card_field, GIFT)
    v = step(win, qtbot, lambda: panel.gift_card_button.click(), lambda v: v.notice is not None and v.notice.level == "error")
    assert v.notice.reason == "tender_exceeds_total" and v.tenders == () and panel.remaining.text() == "Due $120"
    v = step(win, qtbot, lambda: panel.method_buttons["card"].click(), lambda v: v.payment_method == "card")
    v = step(win, qtbot, win.settle, lambda v: v.receipt is not None)
    assert v.receipt["payments"] == [{"method": "card", "amount": 120}]
    assert "Card" in win.breakdown.text()


def test_the_zh_tw_controls_are_translated(open_window, qtbot):
    win = open_window("zh_TW")
    panel = win.tender_panel
    step(win, qtbot, lambda: win.login("C01", "1234"), lambda v: v.cashier is not None)
    step(win, qtbot, lambda: win.scan(M1), lambda v: v.member is not None)
    step(win, qtbot, lambda: win.scan(LATTE), lambda v: bool(v.lines))
    texts = [b.text() for b in panel.method_buttons.values()] + [
        panel.stored_value_button.text(), panel.gift_card_button.text(), panel.remove_button.text(),
        panel.gift_card_field.placeholderText(), panel.amount_field.placeholderText(), panel.remaining.text()]
    assert texts[:2] == ["現金", "信用卡"]
    v = step(win, qtbot, lambda: panel.stored_value_button.click(), lambda v: len(v.tenders) == 1)
    texts += [win.notice_headline.text(), win.notice_detail.text()]
    assert "儲值金 ****V-M1 · 餘額 $380" in win.breakdown.text() and "現金 應付" in win.breakdown.text()  # the payment lines
    assert win.notice_headline.text() == "✓ 已加入付款:儲值金 ****V-M1  $120" and win.notice_detail.text() == "付款後餘額:$380"
    for t in texts:  # no English word (the masked account and the brand name LINE Pay aside)
        words = [w for w in t.replace("LINE Pay", "").replace("V-M1", "").split() if any("a" <= c.lower() <= "z" for c in w)]
        assert not words, (t, words)
