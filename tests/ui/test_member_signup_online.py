"""The F7 dialogs online (issue 17), a real server on 127.0.0.1 and an enrolled till: a name search
answers a few masked members; the sign-up form makes the member, shows the card number once and
puts the member on the sale; signing the same phone up again offers that member, attached in one click."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from sync.client import SyncClient  # noqa: E402
from sync.credentials import MemoryCredentialStore  # noqa: E402
from terminal.provisioning.bootstrap import open_replica  # noqa: E402
from terminal.usecases.counter import Counter  # noqa: E402
from terminal.usecases.service import RedemptionService  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.ui.member_search_dialog import MemberSearchDialog  # noqa: E402
from terminal.ui.member_signup_dialog import MemberSignupDialog  # noqa: E402
from tests.conftest import FixedClock  # noqa: E402
from tests.sync.conftest import AT, ServerProcess  # noqa: E402
from tests.sync.test_member_search import search_catalog  # noqa: E402
from tests.ui.helpers import FakeMonotonic  # noqa: E402
from tests.ui.test_window import settle_views  # noqa: E402


@pytest.fixture
def online(qtbot, tmp_path):
    (tmp_path / "catalog.json").write_text(json.dumps(search_catalog()))
    srv = ServerProcess(tmp_path / "central.db", tmp_path / "catalog.json")
    path = tmp_path / "till.db"
    client = SyncClient(open_replica(path), srv.url, MemoryCredentialStore(), backoff_base=0.02, backoff_cap=0.2)
    client.enrol(srv.store.create_enrol_token("A-001"), "TU1")
    client.bootstrap()
    svc = RedemptionService(open_replica(path), store_id="A-001", terminal_id="TU1", clock=FixedClock(AT))
    svc.member_directory = client
    window, wedge, worker = build_window(Counter(svc), WindowOptions(ask_login=False, title="A", language="en"),
                                         wedge_clock=FakeMonotonic())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle_views(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    yield window, svc, srv
    QApplication.instance().removeEventFilter(wedge)
    worker.shutdown()
    client.close()
    client.conn.close()
    svc.replica.conn.close()
    srv.stop()


def visible(window, qtbot, cls):
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(cls)))
    return next(d for d in window.findChildren(cls) if d.isVisible())


def gone(window, qtbot, cls):
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in window.findChildren(cls)))


def sign_up_form(window, qtbot, name: str, phone: str):
    window.find_member()
    search = visible(window, qtbot, MemberSearchDialog)
    search.sign_up()
    form = visible(window, qtbot, MemberSignupDialog)
    form.name.setText(name)
    form.phone.setText(phone)
    form.month.setCurrentIndex(3)
    form.consent.setChecked(True)
    form.submit()
    return form


def test_name_search_sign_up_and_the_same_phone_again(online, qtbot):
    window, svc, srv = online
    window.find_member()
    search = visible(window, qtbot, MemberSearchDialog)
    search.query.setText("王小")
    search.search()
    qtbot.waitUntil(lambda: search.results.count() == 5)
    assert "type more of the name" in search.message.text()
    assert all("王*" in search.results.item(i).text() for i in range(5))
    search.reject()
    gone(window, qtbot, MemberSearchDialog)

    form = sign_up_form(window, qtbot, "林小美", "0966-123-456")
    qtbot.waitUntil(lambda: form.signed_up is not None, timeout=10_000)
    body = srv.store.get("member", form.signed_up)
    assert body["plain_code"] in form.message.text() and "林*美" in form.message.text()
    assert (body["name"], body["phone"], body["birth_month"]) == ("林小美", "+886966123456", 3)
    assert window.view.member is not None and window.view.member.id == form.signed_up
    assert form.submit_button.text() == "Done" and not form.name.isEnabled()
    new_id = form.signed_up
    form.submit()  # Done
    gone(window, qtbot, MemberSignupDialog)
    gone(window, qtbot, MemberSearchDialog)

    settle_views(window, qtbot, window.new_checkout, lambda v: v.member is None)
    again = sign_up_form(window, qtbot, "Lin Mei", "+886 966 123 456")
    qtbot.waitUntil(lambda: again.attach_existing.isVisible(), timeout=10_000)
    assert "林*美" in again.message.text() and "****-***-456" in again.message.text()
    assert srv.store.conn.execute("SELECT COUNT(*) FROM entities WHERE kind = 'member' AND key LIKE 'M-%'").fetchone()[0] == 1
    again.attach_existing.click()
    v = settle_views(window, qtbot, lambda: None, lambda v: v.member is not None)
    assert v.member.id == new_id
    gone(window, qtbot, MemberSignupDialog)
