"""Issue 17 section 4.3 offscreen: the sales dialog opens on the day, searches, reprints a copy to a
python-escpos Dummy printer, returns chosen quantities with a manager's PIN (the ledger rows written
once) and refuses bad quantities, a voided sale, a passed window and a wrong PIN writing nothing."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("pytestqt")

from escpos.printer import Dummy  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox  # noqa: E402

from terminal.infra.printing import encode_big5  # noqa: E402
from terminal.ui import i18n  # noqa: E402
from terminal.ui.sales_dialog import RETURN_COLUMN, SalesDialog  # noqa: E402
from terminal.ui.worker import DbWorker, IoWorker  # noqa: E402
from terminal.usecases.checkout import CheckoutRequest, LineRequest  # noqa: E402
from terminal.usecases.returns import ReturnRequest  # noqa: E402
from tests.conftest import FixedClock, card, tpe  # noqa: E402

DAY = date(2026, 11, 5)


@pytest.fixture
def sales(qtbot, make_service):
    svc = make_service("A-001")
    svc.clock = FixedClock(tpe(2026, 11, 5, 20))
    for cid, lines, hour, member in (
            ("S-0910", [LineRequest(sku="LATTE"), LineRequest(sku="CROISSANT", quantity=2)], 9, card("290000000001")),
            ("S-1200", [LineRequest(sku="MUG")], 12, None),
            ("S-1800", [LineRequest(sku="AMERICANO")], 18, None),
            ("S-1900", [LineRequest(sku="TISSUE", quantity=3)], 19, None)):
        svc.settle(CheckoutRequest(cid, tuple(lines), member_code=member), cashier_id="C01", at=tpe(2026, 11, 5, hour, 10))
    svc.return_items(ReturnRequest("R1", "S-0910", ((2, 1),), "broken"), manager_id="MGR1", pin="9999")
    svc.void("S-1800", manager_id="MGR1", pin="9999", reason="wrong item")
    worker, io = DbWorker(), IoWorker()
    printer = Dummy()
    dlg = SalesDialog(svc, worker, io_worker=io, printer=printer, language="zh_TW", day=DAY, actor_id="C01")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.page is not None, timeout=5000)
    yield dlg, svc, printer, qtbot
    worker.shutdown()
    io.shutdown()


def counts(svc) -> tuple:
    return svc.replica.conn.execute(
        "SELECT (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM returns), (SELECT COUNT(*) FROM point_ledger), "
        "(SELECT COUNT(*) FROM coupon_ledger), (SELECT COUNT(*) FROM audit_log), (SELECT COUNT(*) FROM voids)").fetchone()


def choose(dlg, qtbot, checkout_id: str) -> None:
    row = next(i for i, r in enumerate(dlg.page.rows) if r.checkout_id == checkout_id)
    dlg.list.selectRow(row)
    qtbot.waitUntil(lambda: dlg.detail is not None and dlg.detail.checkout_id == checkout_id, timeout=5000)


def type_quantity(dlg, line: int, text: str) -> None:
    for i in range(dlg.lines.rowCount()):
        dlg.lines.item(i, RETURN_COLUMN).setText(text if i == line - 1 else "")


def approve(dlg, qtbot, manager_id="MGR1", pin="9999", reason="customer changed mind") -> None:
    qtbot.waitUntil(lambda: dlg.manager_dialog is not None and dlg.manager_dialog.isVisible(), timeout=5000)
    m = dlg.manager_dialog
    m.manager_id.setText(manager_id)
    m.pin.setText(pin)
    m.reason.setText(reason)
    m.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_opens_on_the_day_and_searches(sales):
    dlg, _svc, _printer, qtbot = sales
    assert [dlg.list.text(i, 1) for i in range(dlg.list.rowCount())] == ["S-1900", "S-1800", "S-1200", "S-0910"]
    assert [dlg.list.text(i, 5) for i in range(dlg.list.rowCount())] == ["Settled", "Voided", "Settled", "Partly returned"]
    assert dlg.list.text(3, 2) == "王*明" and dlg.count_label.text() == "1–4 of 4"
    dlg.search_field.setText("croiss")  # debounced: one read after typing pauses
    qtbot.waitUntil(lambda: dlg.list.rowCount() == 1, timeout=5000)
    assert dlg.list.text(0, 1) == "S-0910"
    dlg.search_field.clear()
    dlg.status.setCurrentIndex(dlg.status.findData("voided"))
    qtbot.waitUntil(lambda: dlg.list.rowCount() == 1 and dlg.list.text(0, 1) == "S-1800", timeout=5000)


def test_detail_shows_returns_and_reprint_is_a_marked_copy(sales):
    dlg, svc, printer, qtbot = sales
    choose(dlg, qtbot, "S-0910")
    assert [dlg.lines.item(1, c).text() for c in range(4)] == ["Croissant", "2", "1", "1"]
    assert "broken" in dlg.facts.text() and "MGR1" in dlg.facts.text()
    dlg.reprint()
    qtbot.waitUntil(lambda: "S-0910" in dlg.message.text(), timeout=5000)
    out = printer.output
    assert encode_big5("重印") in out and encode_big5("已退貨") in out and b"-60" in out
    assert out.count(encode_big5("重印")) == 1
    audit = svc.replica.conn.execute("SELECT actor_id, reason FROM audit_log WHERE action = 'reprint'").fetchall()
    assert [tuple(r) for r in audit] == [("C01", "S-0910")]  # who reprinted which sale (the report's actions)


def test_reprint_in_english_and_without_a_printer(sales):
    dlg, svc, _printer, qtbot = sales
    en = Dummy()
    dlg.printer, dlg.language = en, "en"
    choose(dlg, qtbot, "S-1800")
    dlg.reprint()
    qtbot.waitUntil(lambda: bool(en.output), timeout=5000)
    qtbot.waitUntil(lambda: "S-1800" in dlg.message.text(), timeout=5000)
    assert b"COPY" in en.output and b"VOIDED" in en.output
    dlg.printer = None
    dlg.reprint()
    assert "printer" in dlg.message.text()


def test_partial_return_with_the_managers_pin_writes_once(sales):
    dlg, svc, _printer, qtbot = sales
    choose(dlg, qtbot, "S-0910")
    before = counts(svc)
    type_quantity(dlg, 1, "1")  # the latte
    dlg.ask_return()
    qtbot.waitUntil(lambda: dlg.manager_dialog is not None, timeout=5000)
    preview = svc.preview_return("S-0910", ((1, 1),))
    explanation = dlg.manager_dialog.findChildren(type(dlg.message))[0].text()
    assert f"Refund ${preview['refund']}" in explanation and "Points taken back" in explanation
    assert counts(svc) == before  # nothing written before the manager approves
    approve(dlg, qtbot)
    qtbot.waitUntil(lambda: dlg.message.text().startswith("Returned."), timeout=5000)
    qtbot.waitUntil(lambda: dlg.detail.lines[0].returned == 1, timeout=5000)
    after = counts(svc)
    assert after[0] == before[0] + 1 and after[1] == before[1] + 1 and after[4] == before[4] + 1
    ev, refund = svc.replica.conn.execute(
        "SELECT event_id, refund FROM returns WHERE checkout_id = 'S-0910' AND return_id != 'R1'").fetchone()
    assert refund == preview["refund"]
    clawed = svc.replica.conn.execute("SELECT COUNT(*), SUM(delta) FROM point_ledger WHERE event_id = ?", (ev,)).fetchone()
    assert clawed == (1, -preview["points_clawed"]["bonus"])  # one row, once
    assert dlg.detail.status == "partly_returned" and dlg.detail.lines[1].left == 1  # one croissant is still out
    type_quantity(dlg, 2, "1")
    dlg.manager_dialog = None
    dlg.ask_return()
    approve(dlg, qtbot)
    qtbot.waitUntil(lambda: dlg.detail.status == "fully_returned", timeout=5000)
    qtbot.waitUntil(lambda: dlg.list.text(3, 5) == "Fully returned", timeout=5000)
    assert counts(svc)[1] == before[1] + 2


@pytest.mark.parametrize("text, words", [
    ("0", "at least one line"), ("-1", "cannot be negative"), ("5", "only 1 left"), ("two", "not a whole number"),
], ids=["zero", "negative", "more-than-left", "not-a-number"])
def test_bad_quantities_are_refused_before_anything_is_sent(sales, text, words):
    dlg, svc, _printer, qtbot = sales
    choose(dlg, qtbot, "S-0910")
    before = counts(svc)
    type_quantity(dlg, 2, text)
    dlg.ask_return()
    assert words in dlg.message.text() and dlg.manager_dialog is None
    qtbot.wait(50)
    assert counts(svc) == before


def test_refusals_write_nothing(sales):
    dlg, svc, _printer, qtbot = sales
    before = counts(svc)
    choose(dlg, qtbot, "S-1800")  # voided
    dlg.ask_return()
    assert "S-1800" in dlg.message.text() and dlg.manager_dialog is None
    dlg.ask_void()
    assert dlg.manager_dialog is None
    choose(dlg, qtbot, "S-1200")
    type_quantity(dlg, 1, "1")
    dlg.ask_return()
    approve(dlg, qtbot, pin="0000")  # a wrong PIN
    qtbot.waitUntil(lambda: "✗" in dlg.message.text(), timeout=5000)
    after = counts(svc)
    assert after[:4] == before[:4] and after[5] == before[5]  # no event, return, ledger row or void (the lockout counts apart)
    # past the return window (30 days): refused from the detail, nothing asked
    svc.clock = FixedClock(tpe(2026, 12, 20, 12))
    dlg.load_detail("S-1200")
    qtbot.waitUntil(lambda: dlg.detail.can_return is not None, timeout=5000)
    dlg.manager_dialog = None
    dlg.ask_return()
    assert "30" in dlg.message.text() and dlg.manager_dialog is None
    assert counts(svc)[:4] == before[:4]


def test_void_from_the_dialog(sales):
    dlg, svc, _printer, qtbot = sales
    changed = []
    dlg.changed.connect(lambda: changed.append(1))
    choose(dlg, qtbot, "S-1900")
    dlg.ask_void()
    approve(dlg, qtbot, reason="double scan")
    qtbot.waitUntil(lambda: dlg.detail.status == "voided", timeout=5000)
    assert svc.replica.conn.execute("SELECT reason FROM voids WHERE checkout_id = 'S-1900'").fetchone() == ("double scan",)
    assert changed == [1]


def test_zh_tw_and_opened_from_the_counter(sales, make_service):
    dlg, svc, _printer, qtbot = sales
    i18n.install(QApplication.instance(), "zh_TW")
    try:
        d2 = SalesDialog(svc, dlg.worker, day=DAY)
        qtbot.addWidget(d2)
        d2.show()
        qtbot.waitUntil(lambda: d2.page is not None, timeout=5000)
        assert d2.windowTitle() == "當日交易"
        assert {d2.list.text(i, 5) for i in range(d2.list.rowCount())} == {"已結帳", "已作廢", "部分退貨"}
        assert d2.reprint_button.text() == "重印收據"
    finally:
        i18n.install(QApplication.instance(), "en")


def test_ctrl_r_opens_it_from_the_counter_once_signed_in(qtbot, make_service):
    from PySide6.QtTest import QTest

    from terminal.ui.main_window import MainWindow
    from terminal.usecases.counter import Counter

    svc = make_service("A-001")
    counter = Counter(svc)
    worker = DbWorker()
    window = MainWindow(counter, worker, ask_login=False, printer=Dummy())
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
        QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        assert getattr(window, "sales_dialog", None) is None and window.notice_headline.text().startswith("✗")
        worker.call(lambda: counter.login("C01", "1234"))
        window.run(counter.refresh)
        qtbot.waitUntil(lambda: window.view is not None and window.view.cashier is not None, timeout=5000)
        QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: getattr(window, "sales_dialog", None) is not None, timeout=5000)
        qtbot.waitUntil(lambda: window.sales_dialog.page is not None, timeout=5000)
        assert window.sales_dialog.printer is window.printer and window.sales_dialog.io_worker is window.io_worker
        first = window.sales_dialog
        window.open_sales()  # Ctrl+R again: the open dialog comes to the front, not a second one
        assert window.sales_dialog is first
        window.sales_dialog.close()
    finally:
        worker.shutdown()


def test_the_desks_sales_tab_opens_it_on_the_desks_day(sales, tmp_path):
    from terminal.ui.manager_desk import ManagerDeskWindow
    from terminal.usecases.manager_desk import ManagerDesk

    dlg, svc, _printer, qtbot = sales
    desk = ManagerDeskWindow(ManagerDesk(svc), dlg.worker, {"id": "MGR1", "pin": "9999", "name": "Manager Wu"},
                             reports_dir=tmp_path / "reports")
    qtbot.addWidget(desk)
    desk.show()
    desk.refresh()
    qtbot.waitUntil(lambda: desk.report is not None, timeout=5000)
    desk.sales_button.click()
    qtbot.waitUntil(lambda: getattr(desk, "sales_dialog", None) is not None and desk.sales_dialog.page is not None, timeout=5000)
    assert desk.sales_dialog.page.matches == 4 and desk.sales_dialog.query().day == desk.selected_day() == DAY
    assert desk.sales_dialog.printer is None  # a desk without a counter: no printer, reprint says so
    desk.sales_dialog.close()
