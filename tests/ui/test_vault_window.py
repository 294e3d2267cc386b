"""An enrolled counter PC whose credential vault is locked (normal after a reboot on Linux, or
its unlock prompt cancelled): the window opens, sells offline, shows the state in its sync
indicator (zh_TW and en) and tries the vault again by itself."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

pytest.importorskip("pytestqt")

from terminal.entry import cli  # noqa: E402
from terminal.provisioning import enrolment  # noqa: E402
from terminal.provisioning.bootstrap import open_replica  # noqa: E402
from terminal.usecases.counter import Counter  # noqa: E402
from terminal.usecases.checkout import CheckoutRequest, LineRequest  # noqa: E402
from terminal.usecases.service import RedemptionService  # noqa: E402
from terminal.ui import i18n  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from tests.sync.conftest import ServerProcess, catalog_file  # noqa: E402,F401 (fixture)
from tests.sync.vault_fakes import FlakyKeyring  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(tmp_path, catalog_file):  # noqa: F811
    srv = ServerProcess(tmp_path / "central.db", catalog_file)
    yield srv
    srv.stop()


@pytest.fixture
def enrolled(tmp_path, server):
    """A replica enrolled as PC-5 of A-001, its credential in a FlakyKeyring vault."""
    previous = keyring.get_keyring()
    vault = FlakyKeyring()
    keyring.set_keyring(vault)
    db = tmp_path / "t.db"
    code = cli.run(["--db", str(db), "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"),
                    "--terminal", "PC-5"], out=io.StringIO())
    assert code == 0
    yield db, vault
    keyring.set_keyring(previous)


def test_the_window_starts_when_the_vault_is_locked(enrolled):
    """The real entry point with a keyring that raises KeyringLocked, as a cancelled unlock prompt does."""
    db, _ = enrolled
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.vault_fakes.LockedKeyring", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-m", "terminal", "window", "--db", str(db), "--quit-after-paint"], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "first_paint_s" in res.stdout


def test_the_window_sells_offline_shows_the_locked_vault_and_retries(enrolled, qtbot, qapp):
    db, vault = enrolled
    vault.lock()
    handle = enrolment.open_sync(db, interval_s=3600, vault_retry_s=0.2)  # enrolled: a handle, whatever the vault says
    assert handle is not None
    svc = RedemptionService(open_replica(db), store_id="A-001", terminal_id="PC-5")
    till = RedemptionService(open_replica(db), store_id="A-001", terminal_id="PC-5")  # another connection, as a sale would
    enrolment.attach(svc, handle)
    window, _, worker = build_window(Counter(svc), WindowOptions(ask_login=False, language="en", wedge=False))
    qtbot.addWidget(window)
    window.show()

    def label() -> str:
        window.run(window.counter.refresh)
        return window.sync_label.text()

    try:
        qtbot.waitUntil(lambda: "Credential vault locked · sync retrying" in label(), timeout=15000)
        assert window.status_pill.text() == "Offline" and window.sync_label.property("vault") == "locked"
        assert "unlock" in window.sync_label.toolTip() and "Windows" in window.sync_label.toolTip()  # what to do
        # the counter keeps selling
        till.settle(CheckoutRequest("VAULT-1", (LineRequest(amount=80, name="Amount"),)), cashier_id="C01")
        qtbot.waitUntil(lambda: "Pending sync: 1" in label(), timeout=10000)
        reads = vault.reads
        qtbot.waitUntil(lambda: vault.reads >= reads + 2, timeout=10000)  # it asks the vault again by itself
        i18n.install(qapp, "zh_TW")
        qtbot.waitUntil(lambda: "憑證保管庫已鎖定 · 同步將自動重試" in label(), timeout=10000)
        i18n.install(qapp, "en")
        # unlocked (the cashier answered the prompt, or IT unlocked the keyring): the sale goes up
        vault.unlock()
        qtbot.waitUntil(lambda: "Pending sync: 0" in label() and "Credential" not in window.sync_label.text(), timeout=20000)
        assert window.status_pill.text() == "Online" and window.sync_label.toolTip() == ""
    finally:
        i18n.install(qapp, "en")
        window.close()
        worker.shutdown()
        handle.stop()
        svc.replica.conn.close()
        till.replica.conn.close()
