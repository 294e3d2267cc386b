"""Enrolment under attack: no silent takeover of a till, bounded rows per token, a lost confirmation
that leaves a till working, no token or credential in clear text over a network, tokens that can
be listed and revoked, and honest answers at confirmation and cancellation.

Real reference server on 127.0.0.1 (tests/sync/conftest.py); the OS vault is `FlakyKeyring`.
"""

from __future__ import annotations

import io
import json
import socket
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import httpx
import pytest
import sqlalchemy.exc

from sync.server import admin
from sync.server.store import CentralStore
from terminal.provisioning import enrolment
from tests.conftest import BASE_CATALOG, card

from .conftest import ROOT, enrol_device
from .test_vault import ENTRY, active_devices, pull, run, token_used, vault  # noqa: F401 (fixture)

PENDING_ENTRY = ("loyalty-terminal.pending", "PC-5")


def bearer(credential: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {credential}"}


def post_enrol(server, token: str, terminal_id: str, credential: str | None = None) -> httpx.Response:
    return httpx.post(server.url + "/v1/enrol", json={"token": token, "terminal_id": terminal_id},
                      headers=bearer(credential) if credential else {})


def confirm(server, credential: str, token: str) -> httpx.Response:
    return httpx.post(server.url + "/v1/enrol/confirm", json={"token": token}, headers=bearer(credential))


def cancel(server, credential: str) -> httpx.Response:
    return httpx.post(server.url + "/v1/enrol/cancel", headers=bearer(credential))


def code_of(r: httpx.Response) -> tuple[int, str]:
    return r.status_code, r.json()["error"]["code"]


def admin_run(server, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    return admin.main(["--db", str(server.db), *args], out=out), out.getvalue()


def pending_rows(server, where: str = "1", args: tuple = ()) -> int:
    return server.store.conn.execute(f"SELECT COUNT(*) FROM pending_enrolments WHERE {where}", args).fetchone()[0]


# ---- 1. a token never takes over a till silently ---------------------------------------------------

def test_a_plain_token_never_takes_over_a_terminal_in_use(server):
    till = enrol_device(server.url, server.store.create_enrol_token("A-001"), "T1")
    stranger = server.store.create_enrol_token("A-001")  # a new-till token, or one sniffed on its way to IT
    for proof in (None, "not-a-credential-of-T1"):
        r = post_enrol(server, stranger, "T1", proof)
        assert code_of(r) == (409, "terminal_in_use"), r.text
        message = r.json()["error"]["message"]
        assert till["device_id"] in message and "enrol-token --store A-001 --replace T1" in message
    # refused before anything was reserved: the till still works, the token still enrols a NEW till
    assert pull(server, till["credential"]).status_code == 200
    assert not token_used(server, stranger) and server.store.pending_enrolments() == []
    assert active_devices(server, "T1") == [till["device_id"]]
    other_till = enrol_device(server.url, server.store.create_enrol_token("A-001"), "T2")
    r = post_enrol(server, stranger, "T1", other_till["credential"])  # another till's credential proves nothing for T1
    assert code_of(r) == (409, "terminal_in_use")
    # two new PCs racing for a free terminal id: the second confirmation is refused, not a takeover
    a, b = server.store.create_enrol_token("A-001"), server.store.create_enrol_token("A-001")
    pa, pb = post_enrol(server, a, "T9").json(), post_enrol(server, b, "T9").json()
    assert confirm(server, pa["credential"], a).status_code == 200
    r = confirm(server, pb["credential"], b)
    assert code_of(r) == (409, "terminal_in_use")
    assert active_devices(server, "T9") == [pa["device_id"]] and not token_used(server, b)
    assert pull(server, pa["credential"]).status_code == 200


def test_a_replacement_token_replaces_exactly_its_terminal_and_says_so(server):
    old = enrol_device(server.url, server.store.create_enrol_token("A-001"), "T1")
    code, _ = admin_run(server, "enrol-token", "--store", "A-001", "--replace", "T7")  # a typo: T7 has no device
    assert code == 2
    code, text = admin_run(server, "enrol-token", "--store", "A-001", "--replace", "T1")
    assert code == 0
    token = text.strip()
    r = post_enrol(server, token, "T2")
    assert code_of(r) == (409, "token_for_other_terminal") and "replace terminal T1" in r.json()["error"]["message"]
    pending = post_enrol(server, token, "T1").json()
    assert pending["replaces"] == [old["device_id"]]
    code, listing = admin_run(server, "list-devices")
    assert f"{pending['device_id']} store A-001 terminal T1 PENDING" in listing and f"replaces {old['device_id']}" in listing
    done = confirm(server, pending["credential"], token).json()
    assert done["replaced"] == [old["device_id"]] and active_devices(server, "T1") == [pending["device_id"]]
    r = pull(server, old["credential"])
    assert code_of(r) == (403, "device_revoked") and f"replaced by {pending['device_id']}" in r.json()["error"]["message"]
    code, listing = admin_run(server, "list-devices")
    assert "REVOKED" in listing and f"(replaced by {pending['device_id']} (replacement token))" in listing
    # confirming again answers the same device, and still says what it replaced
    again = confirm(server, pending["credential"], token).json()
    assert again["already_confirmed"] is True and again["replaced"] == [old["device_id"]]


def test_the_same_pc_re_enrols_itself_with_its_current_credential(tmp_path, server, vault):
    db = tmp_path / "t.db"
    code, first = run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"),
                      "--terminal", "PC-5")
    assert code == 0
    old_credential = vault.items[ENTRY]
    assert run("--db", db, "settle", "--member", card("290000000003"), "--amount", "100", "--cashier", "C01", "--pin", "1234")[0] == 0
    # IT guide: `enroll --token NEW` on the enrolled PC; its vault still holds the working credential
    code, text = run("--db", db, "enroll", "--token", server.store.create_enrol_token("A-001"), json_out=False)
    assert code == 0, text
    assert f"it replaced device {first['device_id']} (revoked on the server)" in text
    new = active_devices(server, "PC-5")
    assert len(new) == 1 and new[0] != first["device_id"] and vault.items[ENTRY] != old_credential
    assert PENDING_ENTRY not in vault.items
    r = pull(server, old_credential)
    assert code_of(r) == (403, "device_revoked") and "re-enrolment of the same PC" in r.json()["error"]["message"]
    code, res = run("--db", db, "sync")
    assert code == 0 and res["push"]["acked"] == 1


def test_the_current_credential_is_offered_only_to_the_server_it_belongs_to(tmp_path, server, vault):
    db = tmp_path / "t.db"
    code, first = run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"),
                      "--terminal", "PC-5")
    assert code == 0
    other_url = server.url.replace("127.0.0.1", "localhost")  # another server as far as this PC can tell
    token = server.store.create_enrol_token("A-001")
    code, res = run("--db", db, "enroll", "--server", other_url, "--token", token)
    assert code == 4 and "terminal_in_use" in res["error"], res
    assert f"not offered as proof: it belongs to {server.url}" in res["error"]
    assert active_devices(server, "PC-5") == [first["device_id"]] and not token_used(server, token)
    assert pull(server, vault.items[ENTRY]).status_code == 200


# ---- 2. bounded rows per token, a cheap purge ------------------------------------------------------

def test_one_token_holds_one_pending_row_and_the_purge_uses_an_index(server):
    token = server.store.create_enrol_token("A-001")
    attempts = [post_enrol(server, token, "T1").json() for _ in range(30)]
    for p in attempts[:10]:  # superseded long ago: forgotten (bounded storage), never cancellable
        assert cancel(server, p["credential"]).status_code in (401, 409)
    for _ in range(10):  # enrol, cancel, enrol, cancel...: no trail of cancelled rows either
        assert cancel(server, post_enrol(server, token, "T1").json()["credential"]).status_code == 200
    assert pending_rows(server) == 1
    latest, superseded = post_enrol(server, token, "T1").json(), attempts[-1]
    assert pending_rows(server) == 1
    # the late confirmation of a superseded attempt is still told what happened
    assert code_of(confirm(server, superseded["credential"], token)) == (409, "enrolment_superseded")
    assert confirm(server, latest["credential"], token).status_code == 200 and pending_rows(server) == 0
    plan = " ".join(r[-1] for r in server.store.conn.execute(
        "EXPLAIN QUERY PLAN DELETE FROM pending_enrolments WHERE rowid IN "
        "(SELECT rowid FROM pending_enrolments WHERE expires_at < ? ORDER BY expires_at LIMIT 64)", ("x",)))
    assert "pending_enrolments_expiry" in plan, plan


def test_each_enrol_purges_a_bounded_batch_of_lapsed_rows(server):
    long_ago = (datetime.now(timezone.utc) - timedelta(days=3)).isoformat()
    with server.store.write():
        server.store.conn.executemany(
            """INSERT INTO pending_enrolments(credential_sha256, device_id, token_sha256, store_id, terminal_id, created_at,
                   expires_at, state) VALUES (?,?,?,'A-001','T1',?,?,'pending')""",
            [(f"c{i:063d}", f"dev-old{i}", f"t{i:063d}", long_ago, long_ago) for i in range(5000)])
    post_enrol(server, server.store.create_enrol_token("A-001"), "T1").raise_for_status()
    lapsed = pending_rows(server, "expires_at < ?", ((datetime.now(timezone.utc) - timedelta(days=1)).isoformat(),))
    assert 0 < 5000 - lapsed <= 64  # purged, but never more than one batch under the write lock


def test_an_old_database_keeps_one_row_per_token_after_the_migration(tmp_path):
    """A central.db of before this change: several rows per token are cut to the latest, then held to one."""
    from sync.server import schema

    db = tmp_path / "central.db"
    with pytest.MonkeyPatch.context() as mp:  # as the server before 0005_enrolment_policy made it
        mp.setattr(schema, "MIGRATIONS", [m for m in schema.MIGRATIONS if m[0] < "0005"])
        schema.build_legacy_store(db)
    conn = sqlite3.connect(db)
    conn.executemany("""INSERT INTO pending_enrolments(credential_sha256, device_id, token_sha256, store_id, terminal_id,
                            created_at, expires_at, state) VALUES (?,?,?,'A-001','T1','2026-01-01','2026-01-01',?)""",
                     [(f"c{i}", f"d{i}", "tok-a" if i < 5 else "tok-b", "superseded" if i not in (4, 6) else "pending")
                      for i in range(7)])
    conn.commit()
    conn.close()
    schema.build_legacy_store(db)  # the server of 0005 opened it (migration 0005), then this one adopts it
    store = CentralStore(db)
    try:
        rows = store.conn.execute("SELECT token_sha256, device_id FROM pending_enrolments ORDER BY token_sha256").fetchall()
        assert rows == [("tok-a", "d4"), ("tok-b", "d6")]
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            store.conn.execute("""INSERT INTO pending_enrolments(credential_sha256, device_id, token_sha256, store_id,
                                  terminal_id, created_at, expires_at, state)
                                  VALUES ('x','y','tok-a','A-001','T1','','','pending')""")
    finally:
        store.close()


# ---- 3. a lost confirmation during re-enrolment leaves the till working ----------------------------

def _lose_confirmations(monkeypatch, *, after_sending: bool, times: int = 100) -> list[int]:
    """The network drops the next `times` confirmations: before they reach the server, or their answers."""
    lost: list[int] = []
    real = httpx.HTTPTransport.handle_request

    def handle_request(self, request):
        if request.url.path == "/v1/enrol/confirm" and len(lost) < times:
            lost.append(1)
            if after_sending:
                real(self, request).close()
                raise httpx.ReadError("connection reset by peer", request=request)
            raise httpx.ConnectError("connection reset by peer", request=request)
        return real(self, request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", handle_request)
    return lost


def _enrolled_till_with_a_sale(tmp_path, server, vault) -> tuple:
    db = tmp_path / "t.db"
    code, first = run("--db", db, "enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"),
                      "--terminal", "PC-5")
    assert code == 0
    assert run("--db", db, "settle", "--member", card("290000000003"), "--amount", "100", "--cashier", "C01", "--pin", "1234")[0] == 0
    return db, first, vault.items[ENTRY]


def test_a_confirmation_lost_on_the_way_leaves_a_re_enrolling_till_working(tmp_path, server, vault, monkeypatch):
    db, first, working = _enrolled_till_with_a_sale(tmp_path, server, vault)
    token = server.store.create_enrol_token("A-001")
    lost = _lose_confirmations(monkeypatch, after_sending=False)
    code, text = run("--db", db, "enroll", "--token", token, json_out=False)
    assert code == 5 and lost, text
    assert "not enrolled" not in text and f"stays enrolled and keeps its current credential (device {first['device_id']})" in text
    assert "same enroll command is run again (same token)" in text
    assert vault.items[ENTRY] == working and active_devices(server, "PC-5") == [first["device_id"]]
    monkeypatch.undo()
    code, res = run("--db", db, "sync")  # the till keeps working meanwhile
    assert code == 0 and res["push"]["acked"] == 1
    code, res = run("--db", db, "enroll", "--token", token)  # the same command finishes the re-enrolment
    assert code == 0 and res["replaced"] == [first["device_id"]], res
    assert vault.items[ENTRY] != working and PENDING_ENTRY not in vault.items
    assert run("--db", db, "sync")[0] == 0


def test_a_lost_answer_is_sent_again_and_a_longer_outage_is_finished_by_the_same_command(tmp_path, server, vault,
                                                                                        monkeypatch):
    db, first, working = _enrolled_till_with_a_sale(tmp_path, server, vault)
    lost = _lose_confirmations(monkeypatch, after_sending=True, times=1)  # one answer lost: the command sends it again
    code, res = run("--db", db, "enroll", "--token", server.store.create_enrol_token("A-001"))
    assert code == 0 and len(lost) == 1, res
    assert res["replaced"] == [first["device_id"]] and res["already_confirmed"] is True
    monkeypatch.undo()
    second = res["device_id"]
    token = server.store.create_enrol_token("A-001")
    _lose_confirmations(monkeypatch, after_sending=True)  # every answer lost: the server confirmed, the PC cannot tell
    code, text = run("--db", db, "enroll", "--token", token, json_out=False)
    assert code == 5 and "not enrolled" not in text, text
    monkeypatch.undo()
    code, res = run("--db", db, "sync")
    assert code == 4 and f"Device {second} was replaced by" in res["error"] and "same enroll command again" in res["error"]
    code, res = run("--db", db, "enroll", "--token", token)
    assert code == 0 and res["already_confirmed"] is True and res["replaced"] == [second], res
    assert PENDING_ENTRY not in vault.items
    code, res = run("--db", db, "sync")
    assert code == 0 and res["push"]["acked"] == 1


def test_unenroll_after_an_interrupted_re_enrolment_revokes_both_credentials(tmp_path, server, vault, monkeypatch):
    db, first, working = _enrolled_till_with_a_sale(tmp_path, server, vault)
    _lose_confirmations(monkeypatch, after_sending=True)  # the server confirms the new device; the PC never hears it
    code, _ = run("--db", db, "enroll", "--token", server.store.create_enrol_token("A-001"))
    assert code == 5 and len(active_devices(server, "PC-5")) == 1 and PENDING_ENTRY in vault.items
    monkeypatch.undo()
    code, res = run("--db", db, "unenroll")
    assert code == 0, res
    assert active_devices(server, "PC-5") == [] and ENTRY not in vault.items and PENDING_ENTRY not in vault.items


# ---- 4. no token or credential in clear text over a network -----------------------------------------

def test_plain_http_is_refused_to_any_host_but_this_pc_unless_allowed(tmp_path, server, vault, monkeypatch):
    port = server.url.rsplit(":", 1)[1]
    lab = f"http://central.lab.test:{port}"  # a name on the network (a fake DNS entry for it, to the real server)
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo",
                        lambda host, *a, **kw: real("127.0.0.1" if host == "central.lab.test" else host, *a, **kw))
    db, token = tmp_path / "t.db", server.store.create_enrol_token("A-001")
    code, res = run("--db", db, "enroll", "--server", lab, "--token", token, "--terminal", "PC-5")
    assert code == 4, res
    assert "clear text" in res["error"] and "allow_insecure_http = true" in res["error"]
    assert "LT_ALLOW_INSECURE_HTTP=1" in res["error"]
    assert server.store.pending_enrolments() == [] and not token_used(server, token) and vault.items == {}
    monkeypatch.setenv("LT_ALLOW_INSECURE_HTTP", "1")  # a lab network, allowed by IT
    code, res = run("--db", db, "enroll", "--server", lab, "--token", token, "--terminal", "PC-5")
    assert code == 0, res
    monkeypatch.delenv("LT_ALLOW_INSECURE_HTTP")
    assert run("--db", db, "settle", "--member", card("290000000003"), "--amount", "100", "--cashier", "C01", "--pin", "1234")[0] == 0
    code, res = run("--db", db, "sync")  # the stored URL is refused as well once the setting is gone
    assert code == 4 and "clear text" in res["error"] and "enrolled with" in res["error"]
    code, st = run("--db", db, "status")
    assert code == 4 and st["pending"] == 1 and "allow_insecure_http" in st["error"]
    assert server.store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
    code, res = run("--db", db, "unenroll")
    assert code == 4 and "Nothing was changed" in res["error"] and ENTRY in vault.items
    monkeypatch.setenv("LT_ALLOW_INSECURE_HTTP", "true")
    code, res = run("--db", db, "sync")
    assert code == 0 and res["push"]["acked"] == 1
    for ok in ("https://loyalty.example.com", "http://127.0.0.1:8765", "http://127.8.9.10", "http://[::1]:8765",
               "http://localhost:8765", "HTTP://LOCALHOST"):
        assert enrolment.check_server_url(ok) == ok
    for bad in ("http://10.0.0.5:8765", "http://loyalty.example.com", "http://[::ffff:10.0.0.1]", "http://localhost.evil.com"):
        with pytest.raises(enrolment.InsecureServerUrl):
            enrolment.check_server_url(bad)
        assert enrolment.check_server_url(bad, allow_insecure_http=True) == bad


# ---- 5. tokens listed without secrets, and revoked -------------------------------------------------

def test_tokens_are_listed_without_secrets_and_can_be_revoked(server, capsys):
    plain = server.store.create_enrol_token("A-001")
    till = enrol_device(server.url, server.store.create_enrol_token("A-001"), "T1")
    replace = server.store.create_enrol_token("A-001", replace_terminal="T1")
    other = next(s["id"] for s in BASE_CATALOG["stores"] if s["id"] != "A-001")
    other_store = server.store.create_enrol_token(other, ttl_hours=1)
    pending = post_enrol(server, plain, "T2").json()
    code, text = admin_run(server, "list-tokens", "--store", "A-001")
    assert code == 0 and "3 token(s)" in text and other not in text
    for secret in (plain, replace, other_store, pending["credential"]):
        assert secret not in text
    lines = text.splitlines()
    assert any("PENDING enrolment" in ln and pending["device_id"] in ln for ln in lines)
    assert any("used" in ln and till["device_id"] in ln for ln in lines)
    assert any("replaces terminal T1" in ln and ln.endswith("unused") for ln in lines)
    pending_id = next(ln.split()[0] for ln in lines if "PENDING" in ln)
    assert len(pending_id) == 12
    # revoke by id: the pending enrolment cannot be confirmed, the token cannot enrol
    assert admin_run(server, "revoke-token", "--id", pending_id[:4])[0] == 2  # too short to be sure which one
    code, text = admin_run(server, "revoke-token", "--id", pending_id)
    assert code == 0 and f"token {pending_id} of store A-001 revoked" in text
    assert code_of(confirm(server, pending["credential"], plain)) == (401, "enrolment_token_revoked")
    assert code_of(post_enrol(server, plain, "T2")) == (401, "enrolment_token_revoked")
    assert active_devices(server, "T2") == [] and server.store.pending_enrolments() == []
    # revoke by the token itself; a used token is the device's business
    assert admin_run(server, "revoke-token", "--token", replace)[0] == 0
    assert code_of(post_enrol(server, replace, "T1")) == (401, "enrolment_token_revoked")
    assert admin_run(server, "revoke-token", "--token", replace)[0] == 2  # already revoked
    used_id = server.store.enrol_tokens("A-001")[1]["id"]
    capsys.readouterr()
    assert admin_run(server, "revoke-token", "--id", used_id)[0] == 2
    assert f"revoke-device --device {till['device_id']}" in capsys.readouterr().err
    code, text = admin_run(server, "list-tokens")
    assert code == 0 and "4 token(s)" in text and text.count("REVOKED") == 2


# ---- 6, 7: token validity at confirmation, and when it is made -------------------------------------

def test_confirmation_refuses_a_token_that_expired_after_the_first_phase(server):
    token = server.store.create_enrol_token("A-001", ttl_hours=1)
    pending = post_enrol(server, token, "T1").json()
    with server.store.write():
        server.store.conn.execute("UPDATE enrol_tokens SET expires_at = ?",
                                  ((datetime.now(timezone.utc) - timedelta(seconds=1)).isoformat(),))
    assert code_of(confirm(server, pending["credential"], token)) == (401, "enrolment_token_expired")
    assert active_devices(server) == [] and not token_used(server, token)


@pytest.mark.parametrize("ttl", ["0", "-5", "100000000", "2161", "1.5", "soon"])
def test_enrol_token_validity_out_of_range_is_a_usage_error(server, ttl):
    r = subprocess.run([sys.executable, "-m", "sync.server.admin", "--db", str(server.db), "enrol-token", "--store", "A-001",
                        "--ttl-hours", ttl], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stdout == "", r
    assert "--ttl-hours" in r.stderr and "1 to 2160" in r.stderr and "Traceback" not in r.stderr
    assert server.store.conn.execute("SELECT COUNT(*) FROM enrol_tokens").fetchone()[0] == 0


def test_enrol_token_validity_at_the_bounds(server):
    for ttl in ("1", "2160"):
        code, text = admin_run(server, "enrol-token", "--store", "A-001", "--ttl-hours", ttl)
        assert code == 0 and text.strip().startswith("lte_")
    created, expires = server.store.conn.execute(
        "SELECT created_at, expires_at FROM enrol_tokens ORDER BY expires_at DESC").fetchone()
    assert datetime.fromisoformat(expires) - datetime.fromisoformat(created) == timedelta(days=90)


# ---- 8. cancel answers what is true ------------------------------------------------------------------

def test_cancel_answers_what_is_true_and_leaves_a_lapsed_enrolment_alone(server):
    token = server.store.create_enrol_token("A-001")
    first = post_enrol(server, token, "T1").json()
    second = post_enrol(server, token, "T1").json()
    assert code_of(cancel(server, first["credential"])) == (409, "enrolment_superseded")
    r = cancel(server, second["credential"])
    assert r.status_code == 200 and r.json() == {"device_id": second["device_id"], "status": "cancelled"}
    assert code_of(cancel(server, second["credential"])) == (409, "enrolment_cancelled")
    third = post_enrol(server, token, "T1").json()
    with server.store.write():
        server.store.conn.execute("UPDATE pending_enrolments SET expires_at = ? WHERE device_id = ?",
                                  ((datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat(), third["device_id"]))
    assert code_of(cancel(server, third["credential"])) == (409, "enrolment_expired")
    assert server.store.conn.execute("SELECT state FROM pending_enrolments WHERE device_id = ?",
                                     (third["device_id"],)).fetchone() == ("pending",)
    done = enrol_device(server.url, token, "T1")
    assert code_of(cancel(server, done["credential"])) == (409, "enrolment_confirmed")
    assert code_of(cancel(server, "never-issued-credential")) == (401, "bad_credential")
    assert json.loads(httpx.get(server.url + "/openapi.json").text)["paths"]["/v1/enrol/cancel"]["post"]["responses"]["409"]
