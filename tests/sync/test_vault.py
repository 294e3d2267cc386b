"""The credential vault and two-phase enrolment: never a burnt token, never a silent failure.

Real reference server on 127.0.0.1; the OS vault is `FlakyKeyring`, a keyring backend that
fails the way Secret Service / Credential Manager do (tests/sync/vault_fakes.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import shlex
from datetime import datetime, timedelta, timezone

import httpx
import keyring
import pytest
from keyring.errors import InitError, KeyringLocked

from sync.server.store import AuthError, CentralStore
from terminal.entry import cli
from terminal.provisioning import enrolment
from terminal.storage.replica import Replica
from tests.conftest import BASE_CATALOG, card

from .conftest import enrol_device
from .vault_fakes import FlakyKeyring, installed_keyring

ENTRY = ("loyalty-terminal", "PC-5")


@pytest.fixture
def vault():
    with installed_keyring(FlakyKeyring()) as kr:
        yield kr


def run(*args, json_out: bool = True) -> tuple[int, dict | str]:
    out = io.StringIO()
    code = cli.run((["--json"] if json_out else []) + [str(a) for a in args], out=out)
    return code, json.loads(out.getvalue()) if json_out else out.getvalue()


def active_devices(server, terminal_id: str | None = None) -> list[str]:
    return [d["device_id"] for d in server.store.devices()
            if d["revoked_at"] is None and (terminal_id is None or d["terminal_id"] == terminal_id)]


def token_used(server, token: str) -> bool:
    row = server.store.conn.execute("SELECT used_at FROM enrol_tokens WHERE token_sha256 = ?",
                                    (hashlib.sha256(token.encode()).hexdigest(),)).fetchone()
    return row[0] is not None


def pull(server, credential: str) -> httpx.Response:
    return httpx.get(server.url + "/v1/pull", headers={"Authorization": f"Bearer {credential}"})


# ---- enrolment with a vault that refuses the credential --------------------------------------------

VAULT_FAILURES = {
    "locked keyring": lambda kr: setattr(kr, "fail_set", KeyringLocked("Failed to unlock the collection!")),
    "credential manager error": lambda kr: setattr(kr, "fail_set", OSError(1312, "CredWrite", "A specified logon session does not exist")),
    "no secret service": lambda kr: setattr(kr, "fail_set", InitError("Failed to create the collection: no D-Bus session.")),
    "write dropped": lambda kr: setattr(kr, "drop_writes", True),
}


@pytest.mark.parametrize("failure", VAULT_FAILURES)
def test_a_vault_that_refuses_the_credential_spends_no_token_and_leaves_no_device(tmp_path, server, vault, failure):
    db = tmp_path / "t.db"
    token = server.store.create_enrol_token("A-001")
    VAULT_FAILURES[failure](vault)
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", token, "--terminal", "PC-5")
    assert code == 4, res
    assert "credential vault" in res["error"] and "token is still valid" in res["error"] and "run the same enrolment again" in res["error"]
    assert active_devices(server) == [] and not token_used(server, token)
    assert server.store.pending_enrolments() == []  # the attempt was cancelled, not left pending
    assert ENTRY not in vault.items
    # the vault works again: the SAME token enrols, and this PC is the only device
    vault.fail_set, vault.drop_writes = None, False
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", token, "--terminal", "PC-5")
    assert code == 0, res
    assert active_devices(server) == [res["device_id"]] and token_used(server, token)
    assert pull(server, vault.items[ENTRY]).status_code == 200
    code, st = run("--db", db, "status")
    assert code == 0 and st["enrolled"] is True and st["credential"] == "ok"


def test_the_message_of_a_refused_vault_is_one_clear_line(tmp_path, server, vault):
    vault.fail_set = KeyringLocked("Failed to unlock the collection!")
    code, text = run("--db", tmp_path / "t.db", "enroll", "--server", server.url, "--token",
                     server.store.create_enrol_token("A-001"), "--terminal", "PC-5", json_out=False)
    assert code == 4 and text.count("\n") == 1 and text.startswith("error: could not keep the device credential")
    assert "is locked" in text and "unlock" in text and "Traceback" not in text


def test_a_crash_after_the_server_confirmed_is_finished_by_the_same_command(tmp_path, server, vault, monkeypatch):
    db = tmp_path / "t.db"
    token = server.store.create_enrol_token("A-001")
    real = Replica.set_meta

    def power_cut(self, key, value):
        if key == "sync_device_id":  # the server has answered; this PC has not written its own state yet
            raise RuntimeError("power cut")
        return real(self, key, value)

    monkeypatch.setattr(Replica, "set_meta", power_cut)
    with pytest.raises(RuntimeError, match="power cut"):
        enrolment.enroll(db, server_url=server.url, token=token, terminal_id="PC-5")
    monkeypatch.setattr(Replica, "set_meta", real)
    confirmed = active_devices(server)
    assert len(confirmed) == 1 and token_used(server, token)
    vault.lock()  # and after the reboot the vault is locked: it cannot be told whose the used token was
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", token, "--terminal", "PC-5")
    assert code == 4 and "already used; if by this PC" in res["error"] and "token is still valid" not in res["error"]
    vault.unlock()
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", token, "--terminal", "PC-5")
    assert code == 0, res
    assert res["device_id"] == confirmed[0] and res["already_confirmed"] is True and res["bootstrapped"] is True
    assert active_devices(server) == confirmed
    code, res = run("--db", db, "sync")
    assert code == 0, res


# ---- the server's side: pending, confirm with the token, supersede, lapse ---------------------------

def test_a_stolen_pending_credential_cannot_sync_nor_confirm_and_the_token_still_enrols(server):
    url, token = server.url, server.store.create_enrol_token("A-001")
    pending = httpx.post(url + "/v1/enrol", json={"token": token, "terminal_id": "PC-1"}).json()
    assert pending["status"] == "pending" and pending["confirm_before"]
    from sync.server import admin

    listing = io.StringIO()
    assert admin.main(["--db", str(server.db), "list-devices"], out=listing) == 0
    assert f"{pending['device_id']} store A-001 terminal PC-1 PENDING" in listing.getvalue()
    stolen = {"Authorization": f"Bearer {pending['credential']}"}
    for method, path in (("GET", "/v1/pull"), ("GET", "/v1/allowances"), ("POST", "/v1/device/revoke")):
        r = httpx.request(method, url + path, headers=stolen)
        assert r.status_code == 403 and r.json()["error"]["code"] == "enrolment_not_confirmed", (path, r.text)
    # without the token the credential cannot be confirmed (another valid token does not do)
    other = server.store.create_enrol_token("A-001")
    r = httpx.post(url + "/v1/enrol/confirm", json={"token": other}, headers=stolen)
    assert r.status_code == 403 and r.json()["error"]["code"] == "enrolment_token_mismatch"
    assert active_devices(server) == [] and not token_used(server, token) and not token_used(server, other)
    # at worst the thief cancels this attempt...
    assert httpx.post(url + "/v1/enrol/cancel", headers=stolen).json()["status"] == "cancelled"
    r = httpx.post(url + "/v1/enrol/confirm", json={"token": token}, headers=stolen)
    assert r.status_code == 409 and r.json()["error"]["code"] == "enrolment_cancelled"
    # ...and the token still enrols the real terminal, once
    dev = enrol_device(url, token, "PC-1")
    assert dev["already_confirmed"] is False and active_devices(server) == [dev["device_id"]]
    again = httpx.post(url + "/v1/enrol/confirm", json={"token": token}, headers={"Authorization": f"Bearer {dev['credential']}"})
    assert again.status_code == 200 and again.json()["already_confirmed"] is True and again.json()["device_id"] == dev["device_id"]
    r = httpx.post(url + "/v1/enrol", json={"token": token, "terminal_id": "PC-9"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "enrolment_token_used"
    r = httpx.post(url + "/v1/enrol/cancel", headers={"Authorization": f"Bearer {dev['credential']}"})
    assert r.status_code == 409 and active_devices(server) == [dev["device_id"]]


def test_a_newer_attempt_supersedes_and_an_unconfirmed_one_lapses(tmp_path):
    from sync.server.devices import PENDING_TTL
    from terminal.catalog import parse_catalog

    now = [datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)]
    store = CentralStore(tmp_path / "central.db", clock=lambda: now[0])
    try:
        store.import_catalog(parse_catalog(json.dumps(BASE_CATALOG)))
        token = store.create_enrol_token("A-001")
        first, second = store.enrol(token, "PC-1"), store.enrol(token, "PC-1")
        with pytest.raises(AuthError) as err:
            store.confirm_enrolment(first["credential"], token)
        assert err.value.code == "enrolment_superseded"
        assert [p["device_id"] for p in store.pending_enrolments()] == [second["device_id"]]
        now[0] += PENDING_TTL + timedelta(minutes=1)
        assert store.pending_enrolments() == []
        with pytest.raises(AuthError) as err:
            store.confirm_enrolment(second["credential"], token)
        assert err.value.code == "enrolment_expired" and err.value.status == 409
        third = store.enrol(token, "PC-1")  # lapsed attempts leave the token usable
        assert store.confirm_enrolment(third["credential"], token)["device_id"] == third["device_id"]
        assert [d["device_id"] for d in store.devices()] == [third["device_id"]]
    finally:
        store.close()


def test_re_enrolling_a_terminal_reuses_the_server_and_revokes_the_device_it_replaces(tmp_path, server, vault):
    db = tmp_path / "t.db"
    code, first = run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"),
                      "--terminal", "PC-5")
    assert code == 0
    old = vault.items[ENTRY]
    vault.items.clear()  # the vault was lost (re-imaged PC, another Windows user...)
    # a plain token cannot prove this PC is PC-5's device any more: refused, naming IT's way
    plain = server.store.create_enrol_token("A-001")
    code, res = run("--db", db, "enroll", "--token", plain)
    assert code == 4 and "terminal_in_use" in res["error"] and "enrol-token --store A-001 --replace PC-5" in res["error"]
    assert not token_used(server, plain) and pull(server, old).status_code == 200
    code, res = run("--db", db, "enroll", "--token", server.store.create_enrol_token("A-001", replace_terminal="PC-5"))
    assert code == 0, res  # no --server, no config
    assert res["server_url"] == server.url and res["replaced"] == [first["device_id"]]
    r = pull(server, old)
    assert r.status_code == 403 and r.json()["error"]["code"] == "device_revoked"
    assert active_devices(server, "PC-5") == [res["device_id"]]


# ---- unenroll ---------------------------------------------------------------------------------------

def test_unenroll_revokes_the_credential_on_the_server(tmp_path, server, vault):
    db = tmp_path / "t.db"
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"),
                    "--terminal", "PC-5")
    credential = vault.items[ENTRY]
    assert pull(server, credential).status_code == 200
    code, out = run("--db", db, "unenroll")
    assert code == 0 and out["revoked_on_server"] is True and ENTRY not in vault.items
    r = pull(server, credential)
    assert r.status_code == 403 and r.json()["error"]["code"] == "device_revoked"
    assert active_devices(server) == []
    # and `enroll --token NEW` finds the server this replica was enrolled with
    code, again = run("--db", db, "enroll", "--token", server.store.create_enrol_token("A-001"))
    assert code == 0 and again["server_url"] == server.url and again["terminal_id"] == "PC-5"


def test_unenroll_offline_says_the_server_was_not_told_and_prints_the_admin_command(tmp_path, server, vault):
    from sync.server import admin

    db = tmp_path / "t.db"
    code, res = run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"),
                    "--terminal", "PC-5")
    device = res["device_id"]
    server.proc.terminate()
    server.proc.wait(10)
    code, out = run("--db", db, "unenroll")
    assert code == 5, out
    assert "could not be told" in out["error"] and f"device {device} is still accepted" in out["error"]
    assert f"revoke-device --device {device}" in out["admin_command"] and out["admin_command"] in out["error"]
    assert ENTRY not in vault.items  # forgotten here all the same
    code, st = run("--db", db, "sync")
    assert code == 4 and "not enrolled" in st["error"]
    # the admin runs the printed command against the server's database
    argv = shlex.split(out["admin_command"])
    argv = argv[argv.index("sync.server.admin") + 1:]
    argv[argv.index("--db") + 1] = str(server.db)
    assert admin.main(argv, out=io.StringIO()) == 0
    assert active_devices(server) == []


# ---- an enrolled terminal whose vault is locked or missing ------------------------------------------

def test_a_locked_vault_is_not_not_enrolled_sync_and_status_say_so_and_exit_4(tmp_path, server, vault):
    db = tmp_path / "t.db"
    run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"), "--terminal", "PC-5")
    assert run("--db", db, "settle", "--member", card("290000000003"), "--amount", "100", "--cashier", "C01", "--pin", "1234")[0] == 0
    vault.lock()  # after a reboot: the login keyring is locked, or its unlock prompt was cancelled
    code, res = run("--db", db, "sync")
    assert code == 4, res
    assert "is enrolled" in res["error"] and "vault is locked" in res["error"] and "not enrolled" not in res["error"]
    assert "Sales stay on this PC" in res["error"] and "unlock" in res["error"]
    code, st = run("--db", db, "status")
    assert code == 4 and st["enrolled"] is True and st["credential"] == "locked" and st["pending"] == 1
    assert "vault is locked" in st["error"] and st["store_id"] == "A-001"
    code, text = run("--db", db, "status", json_out=False)
    assert code == 4 and "credential: locked" in text and "pending: 1" in text and "\nerror: this terminal is enrolled" in text
    # unenroll cannot revoke without the credential: nothing changes, and the admin's way is named
    code, res = run("--db", db, "unenroll")
    assert code == 4 and "Nothing was changed" in res["error"] and "revoke-device --device" in res["error"]
    assert len(active_devices(server)) == 1
    # unlocked: the same terminal syncs, no re-enrolment
    vault.unlock()
    code, res = run("--db", db, "sync")
    assert code == 0 and res["push"]["acked"] == 1 and res["status"]["credential"] == "ok"
    # the credential gone from the vault (another user, a wiped keyring): "missing", still not "not enrolled"
    vault.items.clear()
    code, res = run("--db", db, "sync")
    assert code == 4 and "missing from the credential vault" in res["error"] and "enroll --token NEW" in res["error"]
    code, st = run("--db", db, "status")
    assert code == 4 and st["credential"] == "missing" and st["enrolled"] is True
