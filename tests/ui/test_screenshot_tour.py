"""Every screen of the counter in both languages at 1366x768, as a cashier and a manager meet it.

Drives the demo replica through a sale (member, products, coupons with a refusal, points),
the settled receipt, a void, the sign-in dialog, each tab of the manager desk and the sales dialog, and grabs
each screen. LT_UPDATE_SCREENSHOTS=1 writes them to docs/screenshots/tour-<screen>-<lang>.png
(to look at them and refresh the documentation); otherwise they go to the test's temp folder.
Each grab must be the screen's full size and not blank (one colour), and every screen must be
reached: a screen that cannot be opened fails the tour.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, QRect, QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from terminal.ui import i18n  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from tests.ui.helpers import demo_counter, screenshot_dir  # noqa: E402

SCREEN = QSize(1366, 768) - QSize(16, 80)  # a maximized window on a 1366x768 screen
CASHIER, MANAGER = ("CAFE-XINYI-C1", "1234"), ("HQ-MANAGER", "9999")
MEMBER = "2900000000018"  # 陳怡君
PRODUCTS = ("4712468000022", "4712468000015", "4712468000138")
COUPONS = ("9900000000011", "9900000000073")  # the second is refused in this basket (CP-DEMO-BANK)


def _save(widget, shots, name: str, language: str) -> None:
    QApplication.processEvents()
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() >= 150 and image.height() >= 100, name
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    assert len(colours) > 3, f"{name}: blank screen"
    assert image.save(str(shots / f"tour-{name}-{language}.png")), name


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_every_screen(language, qtbot, make_service, tmp_path):
    shots = screenshot_dir(tmp_path)
    counter = demo_counter(make_service)
    window, _wedge, worker = build_window(counter, WindowOptions(language=language, ask_login=False, wedge=False,
                                                                 title="日光咖啡 信義店 (CAFE-XINYI / T1) · DEMO"))
    qtbot.addWidget(window)
    try:
        window.setGeometry(QRect(QPoint(0, 0), SCREEN))
        window.show()
        qtbot.waitExposed(window)

        def act(fn, done, timeout=10_000):
            before = window.view.seq if window.view else 0
            fn()
            qtbot.waitUntil(lambda: window.view is not None and window.view.seq > before and bool(done(window.view)),
                            timeout=timeout)

        qtbot.waitUntil(lambda: window.view is not None)
        _save(window, shots, "counter-signed-out", language)
        act(lambda: window.login(*CASHIER), lambda v: v.cashier is not None)
        _save(window, shots, "counter-ready", language)
        act(lambda: window.scan(MEMBER), lambda v: v.member is not None)
        for code in PRODUCTS:
            act(lambda c=code: window.scan(c), lambda v: bool(v.lines))
        act(lambda: window.scan(COUPONS[0]), lambda v: len(v.coupons) == 1)
        _save(window, shots, "counter-sale", language)
        act(lambda: window.scan(COUPONS[1]), lambda v: len(v.coupons) == 2)
        _save(window, shots, "counter-refusal", language)
        act(lambda: window.use_max_points("bonus"), lambda v: v.points.get("bonus", 0) > 0)
        # split tender: part on the member's stored value, the rest by LINE Pay (issue 17 §4.4)
        act(lambda: window.run(lambda: counter.add_stored_value(20)), lambda v: bool(v.tenders))
        act(lambda: window.run(lambda: counter.set_payment_method("linepay")), lambda v: v.payment_method == "linepay")
        _save(window, shots, "counter-payments", language)
        act(window.settle, lambda v: v.receipt is not None)
        _save(window, shots, "counter-settled", language)
        act(lambda: window.void(None, manager_id=MANAGER[0], pin=MANAGER[1], reason="customer changed mind"),
            lambda v: v.notice is not None and v.notice.event == "voided")
        _save(window, shots, "counter-voided", language)
        window.show_quick_keys(True)  # F1: products without barcodes (issue 17 §4.2)
        qtbot.waitUntil(lambda: len(window.quick_keys.keys) > 3, timeout=10_000)
        act(lambda: window.add_product(window.quick_keys.keys[0].product.sku), lambda v: bool(v.lines))
        _save(window, shots, "counter-quick-keys", language)
        window.show_quick_keys(False)
        window.amount_field.setFocus()
        window.amount_pad.popup()
        _save(window, shots, "counter-amount-numpad", language)
        window.amount_pad.hide()

        from terminal.ui.member_search_dialog import open_member_search
        from terminal.ui.member_signup_dialog import MemberSignupDialog

        search = open_member_search(window)  # F7: offline here (the demo has no server), said in words
        qtbot.waitExposed(search)
        search.query.setText("0912-345-678")
        search.search()
        qtbot.waitUntil(search.search_button.isEnabled, timeout=10_000)  # answered (here: offline, in words)
        _save(search, shots, "member-search", language)
        search.reject()
        signup = MemberSignupDialog(window, phone="0912-345-678")
        qtbot.addWidget(signup)
        signup.show()
        qtbot.waitExposed(signup)
        _save(signup, shots, "member-signup", language)
        signup.reject()

        window.show_login()
        dlg = window._login_dialog
        qtbot.waitExposed(dlg)
        _save(dlg, shots, "sign-in", language)
        dlg.reject()

        from terminal.ui.manager_desk import ManagerDeskWindow
        from terminal.usecases.manager_desk import ManagerDesk

        desk = ManagerDeskWindow(ManagerDesk(counter.service), worker,
                                 {"id": MANAGER[0], "pin": MANAGER[1], "name": "HQ"}, window)
        qtbot.addWidget(desk)
        desk.resize(QSize(1100, 700))
        desk.show()
        qtbot.waitExposed(desk)
        desk.refresh()
        qtbot.waitUntil(lambda: desk.report is not None, timeout=10_000)
        for i in range(desk.tabs.count()):
            desk.tabs.setCurrentIndex(i)
            qtbot.wait(50)
            _save(desk, shots, f"desk-{i + 1}", language)
        desk.close()

        window.open_sales()  # Ctrl+R: the day's sales with the voided sale's detail
        sales = window.sales_dialog
        qtbot.waitExposed(sales)
        qtbot.waitUntil(lambda: sales.page is not None and sales.list.rowCount() > 0, timeout=10_000)
        sales.list.selectRow(0)
        qtbot.waitUntil(lambda: sales.detail is not None, timeout=10_000)
        _save(sales, shots, "sales", language)
        sales.close()
    finally:
        worker.shutdown()
        i18n.install(QApplication.instance(), "en")
