"""First-run enrolment dialog: IT types the server URL and the one-time token once per PC.

The dialog is driven with real key clicks; the success case enrols against the real
reference server (127.0.0.1) and keeps the credential in a stand-in OS vault.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from terminal.provisioning import enrolment
from terminal.ui.enrol_dialog import EnrolDialog
from tests.sync.conftest import ServerProcess, catalog_file  # noqa: F401 (fixture)
from tests.sync.test_enrolment import MemoryKeyring

SHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(autouse=True)
def english(qapp):
    """Assertions read English texts; an earlier test may have left zh_TW installed."""
    from terminal.ui import i18n

    i18n.install(qapp, "en")
    yield


@pytest.fixture
def server(tmp_path, catalog_file):  # noqa: F811
    srv = ServerProcess(tmp_path / "central.db", catalog_file)
    yield srv
    srv.stop()


def fill(qtbot, dialog, server="", token="", terminal=None):
    for field, text in ((dialog.server, server), (dialog.token, token)):
        field.clear()
        qtbot.keyClicks(field, text)
    if terminal is not None:
        dialog.terminal.clear()
        qtbot.keyClicks(dialog.terminal, terminal)


def test_missing_fields_and_a_bad_url_are_said_before_anything_is_sent(qtbot):
    calls = []
    d = EnrolDialog(lambda *a: calls.append(a) or {}, terminal_id="")
    qtbot.addWidget(d)
    d.submit()
    assert "Server URL" in d.error.text() and "Enrolment token" in d.error.text() and "Terminal ID" in d.error.text()
    fill(qtbot, d, "loyalty.example.com", "tok", "PC-1")
    d.submit()
    assert "https://" in d.error.text()
    assert calls == []


def test_a_failed_enrolment_shows_the_reason_and_lets_it_retry(qtbot):
    from sync.client import AuthFailed

    def refuse(server, token, terminal):
        raise AuthFailed(401, "enrolment_token_used", "This enrolment token was already used.")

    d = EnrolDialog(refuse, server_url="https://loyalty.example.com", terminal_id="PC-1")
    qtbot.addWidget(d)
    fill(qtbot, d, "https://loyalty.example.com", "bad-token")
    d.submit()
    qtbot.waitUntil(lambda: "already used" in d.error.text(), timeout=5000)
    assert d.result() == 0 and d.token.isEnabled() and d.buttons.isEnabled()


def test_enrols_against_the_real_server_off_the_gui_thread(qtbot, tmp_path, server, monkeypatch):
    import keyring

    vault = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(vault)
    db = tmp_path / "replica.db"
    threads = []

    def enrol(url, token, terminal_id):
        threads.append(threading.current_thread().name)
        return enrolment.enroll(db, server_url=url, token=token, terminal_id=terminal_id)

    try:
        d = EnrolDialog(enrol, terminal_id="PC-1")
        qtbot.addWidget(d)
        d.show()
        fill(qtbot, d, server.url, server.store.create_enrol_token("A-001"))
        SHOTS.mkdir(exist_ok=True)
        d.grab().save(str(SHOTS / "enrol-dialog-en.png"))
        with qtbot.waitSignal(d.finished_ok, timeout=20000) as sig:
            qtbot.keyClick(d.token, Qt.Key.Key_Return)
        assert sig.args[0]["store_id"] == "A-001" and d.result() == d.DialogCode.Accepted
        assert threads == ["enrol"]  # not the GUI thread: the window stays responsive
        assert ("loyalty-terminal", "PC-1") in vault.items
        assert db.exists()
    finally:
        keyring.set_keyring(previous)


def test_a_vault_that_refuses_the_credential_is_said_and_the_same_token_works_again(qtbot, tmp_path, server):
    """A locked keyring at first start: the dialog says so, the token is not spent, Enrol again works."""
    import keyring
    from keyring.errors import KeyringLocked

    from tests.sync.vault_fakes import FlakyKeyring

    vault = FlakyKeyring()
    vault.fail_set = KeyringLocked("Failed to unlock the collection!")
    previous = keyring.get_keyring()
    keyring.set_keyring(vault)
    db = tmp_path / "replica.db"
    try:
        d = EnrolDialog(lambda url, token, tid: enrolment.enroll(db, server_url=url, token=token, terminal_id=tid),
                        terminal_id="PC-1")
        qtbot.addWidget(d)
        fill(qtbot, d, server.url, server.store.create_enrol_token("A-001"))
        d.submit()
        qtbot.waitUntil(lambda: "token is still valid" in d.error.text(), timeout=20000)
        assert "is locked" in d.error.text() and d.token.isEnabled() and d.result() == 0
        assert server.store.devices() == []
        vault.fail_set = None  # unlocked
        with qtbot.waitSignal(d.finished_ok, timeout=20000):
            d.submit()  # the same token, still in the field
        assert ("loyalty-terminal", "PC-1") in vault.items and len(server.store.devices()) == 1
    finally:
        keyring.set_keyring(previous)
