"""Enrolment from the CLI, the credential in the vault only, sync now, live status at the counter."""

from __future__ import annotations

import io
import json

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from sync.client import MemoryCredentialStore
from terminal.entry import cli
from terminal.provisioning import enrolment
from terminal.provisioning.bootstrap import open_replica
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, card
from tests.sync.vault_fakes import installed_keyring


class MemoryKeyring(KeyringBackend):
    """An OS vault stand-in: what would live in Credential Manager / Keychain / Secret Service."""

    priority = 1

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.items:
            raise PasswordDeleteError(username)
        del self.items[(service, username)]


@pytest.fixture
def vault():
    with installed_keyring(MemoryKeyring()) as kr:
        yield kr


def run(*args) -> tuple[int, dict]:
    out = io.StringIO()
    code = cli.run(["--json", *map(str, args)], out=out)
    return code, json.loads(out.getvalue())


def test_enroll_bootstraps_keeps_secret_in_vault_then_sync_and_status(tmp_path, server, vault):
    db = tmp_path / "t.db"
    token = server.store.create_enrol_token("A-001")
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", token, "--terminal", "PC-7")
    assert code == 0 and res["store_id"] == "A-001" and res["bootstrapped"] and res["pulled_items"] > 0
    secret = vault.items[("loyalty-terminal", "PC-7")]
    assert len(secret) >= 32
    assert secret.encode() not in db.read_bytes() and not any(secret.encode() in p.read_bytes() for p in tmp_path.glob("t.db*"))
    # the token is one-time
    code, res = run("--db", tmp_path / "u.db", "enroll", "--server", server.url, "--token", token, "--terminal", "PC-8")
    assert code == 4
    # a sale offline, then `sync` pushes it, and status shows the live sync state
    code, _ = run("--db", db, "settle", "--member", card("290000000003"), "--amount", "100", "--cashier", "C01", "--pin", "1234")
    assert code == 0
    code, st = run("--db", db, "status")
    assert st["pending"] == 1 and st["enrolled"] is True
    code, res = run("--db", db, "sync")
    assert code == 0 and res["push"]["acked"] == 1 and res["status"]["online"] is True
    code, st = run("--db", db, "status")
    assert st["pending"] == 0 and st["last_success_at"]
    # de-enrolment removes the credential; sync then refuses clearly
    code, res = run("--db", db, "unenroll")
    assert code == 0 and ("loyalty-terminal", "PC-7") not in vault.items
    code, res = run("--db", db, "sync")
    assert code == 4 and "not enrolled" in res["error"]


def test_runner_attached_to_the_service_wakes_after_a_settlement(tmp_path, server, vault):
    db = tmp_path / "t.db"
    run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"), "--terminal", "PC-1")
    handle = enrolment.open_sync(db, interval_s=3600)  # timer far away: only wake() can push quickly
    assert handle is not None
    svc = RedemptionService(open_replica(db), store_id="A-001", terminal_id="PC-1")
    enrolment.attach(svc, handle)
    try:
        from terminal.usecases.checkout import CheckoutRequest, LineRequest

        svc.settle(CheckoutRequest("W1", (LineRequest(amount=50),)), cashier_id="C01")
        import time

        deadline = time.monotonic() + 10
        while svc.status()["pending"] and time.monotonic() < deadline:
            time.sleep(0.05)
        st = svc.status()
        assert st["pending"] == 0 and st["online"] is True and st["conflicts"] == 0
    finally:
        handle.stop()
        svc.replica.conn.close()


def test_no_vault_is_a_clear_error_and_nothing_is_stored(tmp_path, server):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        code, res = run("--db", tmp_path / "t.db", "enroll", "--server", server.url,
                        "--token", server.store.create_enrol_token("A-001"), "--terminal", "PC-1")
    finally:
        keyring.set_keyring(previous)
    assert code == 4 and "credential vault" in res["error"] and "gnome-keyring" in res["error"]


def test_bad_server_url_and_token(tmp_path, server, vault):
    code, res = run("--db", tmp_path / "t.db", "enroll", "--server", "ftp://x", "--token", "x", "--terminal", "PC-1")
    assert code == 4 and "http://" in res["error"]
    code, res = run("--db", tmp_path / "t.db", "enroll", "--server", server.url, "--token", "not-a-token", "--terminal", "PC-1")
    assert code == 4
    assert ("loyalty-terminal", "PC-1") not in vault.items


def test_re_enrolment_keeps_pending_sales_and_replaces_the_credential(tmp_path, server, vault):
    db = tmp_path / "t.db"
    run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"), "--terminal", "PC-7")
    first = vault.items[("loyalty-terminal", "PC-7")]
    assert run("--db", db, "settle", "--member", card("290000000003"), "--amount", "100", "--cashier", "C01", "--pin", "1234")[0] == 0
    assert run("--db", db, "unenroll")[0] == 0
    assert run("--db", db, "settle", "--member", card("290000000003"), "--amount", "120", "--cashier", "C01", "--pin", "1234")[0] == 0
    # IT re-enrols the same PC (new token): the replica is kept, the offline sales go up exactly once
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"))
    assert code == 0 and res["terminal_id"] == "PC-7" and res["bootstrapped"] is False
    assert vault.items[("loyalty-terminal", "PC-7")] != first
    code, res = run("--db", db, "sync")
    assert code == 0 and res["push"]["acked"] == 2 and res["status"]["pending"] == 0
    assert server.store.conn.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events").fetchone() == (2, 2)


def test_re_enrolling_a_replica_with_sales_as_another_terminal_is_refused_untouched(tmp_path, server, vault):
    db = tmp_path / "t.db"
    run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"), "--terminal", "PC-7")
    run("--db", db, "settle", "--member", card("290000000003"), "--amount", "100", "--cashier", "C01", "--pin", "1234")
    token = server.store.create_enrol_token("A-001")
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", token, "--terminal", "PC-8")
    assert code == 4 and "holds sales of terminal PC-7" in res["error"]
    assert ("loyalty-terminal", "PC-8") not in vault.items
    replica = open_replica(db)
    assert replica.get_meta("terminal_id") == "PC-7"
    replica.conn.close()
    # the token was not spent: it still enrols a fresh PC
    code, res = run("--db", tmp_path / "fresh.db", "enroll", "--server", server.url, "--token", token, "--terminal", "PC-8")
    assert code == 0


def test_a_token_of_another_store_is_refused_and_stores_no_credential(tmp_path, server, vault):
    db = tmp_path / "t.db"
    run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"), "--terminal", "PC-7")
    before = dict(vault.items)
    other = next(s["id"] for s in BASE_CATALOG["stores"] if s["id"] != "A-001")
    token = server.store.create_enrol_token(other)
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", token)
    assert code == 4 and f"token is for store {other}" in res["error"] and "of store A-001" in res["error"]
    assert vault.items == before
    # refused before it was spent: the token still enrols a PC of its own store
    code, res = run("--db", tmp_path / "other.db", "enroll", "--server", server.url, "--token", token, "--terminal", "PC-9")
    assert code == 0 and res["store_id"] == other


def test_enrol_tokens_never_look_like_an_option(tmp_path):
    """A token passed as `enroll --token <T>` (CLI, Windows installer) must not start with "-"."""
    from sync.server.store import CentralStore

    store = CentralStore(tmp_path / "central.db")
    try:
        from terminal.catalog import parse_catalog

        store.import_catalog(parse_catalog(json.dumps(BASE_CATALOG)))
        tokens = {store.create_enrol_token("A-001") for _ in range(300)}
    finally:
        store.close()
    assert len(tokens) == 300
    assert all(t.startswith("lte_") and len(t) >= 36 for t in tokens)
    args = cli.build_parser().parse_args(["enroll", "--token", min(tokens), "--terminal", "PC-1"])
    assert args.token == min(tokens)
