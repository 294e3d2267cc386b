"""A counter whose replica secret is in a locked OS vault (issue 13, section 5): signing in is refused
with its own translated reason, never "wrong PIN", and nothing counts towards a lockout."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from sync.client import CredentialVaultUnavailable, MemoryCredentialStore  # noqa: E402
from terminal.usecases.counter import Counter  # noqa: E402
from terminal.storage.replica_secret import ReplicaSecrets, forget_unlocked  # noqa: E402
from terminal.storage.db import transaction  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from tests.conftest import CASHIER_PIN_HASH  # noqa: E402
from tests.ui.helpers import FakeMonotonic  # noqa: E402


class LockedEntry(MemoryCredentialStore):
    def get(self):
        raise CredentialVaultUnavailable("KeyringLocked: Failed to unlock the collection!", state="locked",
                                         cause="KeyringLocked")


@pytest.fixture
def locked_window(qtbot, make_service):
    svc = make_service("A-001")
    replica = svc.replica
    with transaction(replica.db):  # as a replica that syncs: C01's hash keyed with a secret in the vault
        replica.conn.execute("UPDATE staff SET pin_hash = ? WHERE id = 'C01'", (CASHIER_PIN_HASH,))
    ReplicaSecrets(replica, vault=MemoryCredentialStore().replica_secret).vault_secret()
    forget_unlocked()
    svc.secrets = ReplicaSecrets(replica, vault=lambda rid: LockedEntry())  # after a reboot: locked
    window, wedge, worker = build_window(Counter(svc), WindowOptions(ask_login=False), wedge_clock=FakeMonotonic())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, svc
    QApplication.instance().removeEventFilter(wedge)
    worker.shutdown()
    forget_unlocked()


def test_signing_in_with_a_locked_vault_says_so_and_counts_nothing(locked_window, qtbot):
    window, svc = locked_window
    for _ in range(6):
        window.view = None
        window.login("C01", "1234")
        qtbot.waitUntil(lambda: window.view is not None and window.view.notice is not None
                        and window.view.notice.reason == "vault_unavailable", timeout=5000)
    assert window.view.cashier is None
    qtbot.waitUntil(lambda: "憑證保管庫已鎖定" in window.notice_headline.text())  # the translated reason (zh_TW)
    assert "解鎖" in window.notice_detail.text() and "Windows" in window.notice_detail.text()  # what to do, in Chinese
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM pin_lockout").fetchone()[0] == 0
