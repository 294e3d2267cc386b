"""F7 "Find member" and the sign-up form (issue 17) in the counter window: a phone finds the member of
this store's replica (keyed, offline), choosing attaches them to the sale; a phone typed into the scan
field opens the search with it; the sign-up form names the wrong field (translated headline) and,
offline, says sign-up needs the network, writing nothing."""

from __future__ import annotations

import copy

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from terminal.usecases.counter import Counter  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.ui.member_search_dialog import MemberSearchDialog  # noqa: E402
from terminal.ui.member_signup_dialog import MemberSignupDialog  # noqa: E402
from tests.conftest import BASE_CATALOG  # noqa: E402
from tests.ui.helpers import FakeMonotonic  # noqa: E402
from tests.ui.test_window import settle_views  # noqa: E402


def phone_catalog() -> dict:
    cat = copy.deepcopy(BASE_CATALOG)
    for m in cat["members"]:
        m.update({"M1": {"phone": "0912-345-678"}, "M2": {"phone": "0922000111"}}.get(m["id"], {}))
    return cat


@pytest.fixture
def window(qtbot, make_service):
    svc = make_service("A-001", catalog=phone_catalog())
    window, wedge, worker = build_window(Counter(svc), WindowOptions(ask_login=False, title="A", language="en"),
                                         wedge_clock=FakeMonotonic())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle_views(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    yield window, svc
    QApplication.instance().removeEventFilter(wedge)
    worker.shutdown()


def dialog(window, qtbot, cls):
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(cls)))
    return next(d for d in window.findChildren(cls) if d.isVisible())


def test_f7_finds_by_phone_and_choosing_attaches_the_member(window, qtbot):
    window, svc = window
    window.find_member()
    dlg = dialog(window, qtbot, MemberSearchDialog)
    dlg.query.setText("0912 345 678")
    qtbot.keyClick(dlg.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.results.count() == 1)
    text = dlg.results.item(0).text()
    assert "王*明" in text and "****-***-678" in text and "王小明" not in text
    assert "this till only" in dlg.message.text()  # not enrolled: the replica answered
    assert dlg.attach_button.isEnabled()
    dlg.attach()
    v = settle_views(window, qtbot, lambda: None, lambda v: v.member is not None)
    assert v.member.id == "M1" and window.counter.member_code == "member-id:M1"
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in window.findChildren(MemberSearchDialog)))


def test_a_name_offline_and_nobody_found_say_why(window, qtbot):
    window, svc = window
    window.set_language("zh_TW")
    window.find_member()
    dlg = dialog(window, qtbot, MemberSearchDialog)
    dlg.query.setText("王小")
    dlg.search()
    qtbot.waitUntil(lambda: "網路" in dlg.message.text())  # needs_network, translated headline
    dlg.query.setText("0933000000")
    dlg.search()
    qtbot.waitUntil(lambda: dlg.message.text() and "網路" not in dlg.message.text())
    assert dlg.results.count() == 0 and not dlg.attach_button.isEnabled()
    assert not any(ch.isascii() and ch.isalpha() for ch in dlg.message.text().split("\n")[0])  # no English headline
    dlg.reject()


def test_a_phone_in_the_scan_field_opens_the_search_with_it(window, qtbot):
    window, svc = window
    v = settle_views(window, qtbot, lambda: window.scan("0922000111"), lambda v: v.notice and v.notice.reason)
    assert v.notice.reason == "looks_like_phone"
    assert "F7" in window.notice.headline.text()
    window.find_member()
    dlg = dialog(window, qtbot, MemberSearchDialog)
    assert dlg.query.text() == "+886922000111"
    qtbot.waitUntil(lambda: dlg.results.count() == 1)
    assert "A*** C." in dlg.results.item(0).text()
    dlg.reject()


FORM_CASES = {
    "no-consent": ({"name": "陳大文", "phone": "0977000001", "consent": False}, "consent", "同意"),
    "no-name": ({"name": "   ", "phone": "0977000001", "consent": True}, "name", "姓名"),
    "bad-phone": ({"name": "陳大文", "phone": "02-1234-5678", "consent": True}, "phone", "手機"),
    "offline": ({"name": "陳大文", "phone": "0977000001", "consent": True}, None, "網路"),
}


@pytest.mark.parametrize("case", list(FORM_CASES), ids=list(FORM_CASES))
def test_the_sign_up_form_names_what_is_wrong(window, qtbot, case):
    window, svc = window
    window.set_language("zh_TW")
    fields, focus, words = FORM_CASES[case]
    members = svc.replica.conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]
    window.find_member()
    search = dialog(window, qtbot, MemberSearchDialog)
    search.sign_up()
    form = dialog(window, qtbot, MemberSignupDialog)
    form.name.setText(fields["name"])
    form.phone.setText(fields["phone"])
    form.consent.setChecked(fields["consent"])
    form.month.setCurrentIndex(5)
    assert form.request().birth_month == 5
    form.submit()
    qtbot.waitUntil(lambda: words in form.message.text())
    if focus is not None:
        assert form.focusWidget() is {"name": form.name, "phone": form.phone, "consent": form.consent}[focus]
    assert form.isVisible() and form.signed_up is None
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM members").fetchone()[0] == members
    assert window.view.member is None
    form.reject()
    search.reject()
