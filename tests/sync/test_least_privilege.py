"""Least privilege (issue 13, section 5): a store PC holds only what its store needs.

Staff: its own store's and chain-wide rows; PIN hashes keyed with the replica secret (OS vault), so
a stolen replica file gives no hash a PIN search can use. Members: masked name, birth month and a
keyed card hash on the wire and in the replica; the server keeps and judges with the full record.
Coupons: a number hash on the wire, a keyed one in the replica, never the printed number.

Real server on 127.0.0.1, terminals enrolled with a real device credential.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import sqlite3

import httpx
import pytest

from sync.feedsig import row_message, verify
from sync.protocol import split_cursor
from terminal.storage import replica_secret
from terminal.provisioning.bootstrap import init_replica, open_replica
from terminal.catalog import parse_catalog
from terminal.domain.reasons import AuthorizationError, CodeError
from terminal.infra.pins import PinKeyUnavailable, hash_pin, verify_pin
from terminal.storage.replica_secret import ReplicaSecret, ReplicaSecrets
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, CASHIER_PIN_HASH, MANAGER_PIN_HASH, FixedClock, card, catalog_dict
from tests.sync.conftest import AT
from tests.sync.handmade import HandDevice, reasons
from tests.sync.vault_fakes import LockedKeyring, installed_keyring


@pytest.fixture
def catalog_file(tmp_path):
    cat = catalog_dict()
    cat["staff"] += [
        {"id": "A-CASH", "name": "A cashier", "role": "cashier", "pin_hash": CASHIER_PIN_HASH, "stores": ["A-001"]},
        {"id": "B-CASH", "name": "B cashier", "role": "cashier", "pin_hash": CASHIER_PIN_HASH, "stores": ["B-001"]},
        {"id": "B-MGR", "name": "B manager", "role": "manager", "pin_hash": CASHIER_PIN_HASH, "stores": ["B-001", "Y"]},
    ]
    cat["earn_rules"][0]["multipliers"].append({"kind": "birthday_month", "factor": 2})  # A-base x2 in the birthday month
    cat["coupon_templates"].append({"id": "T-BDAY", "name": "Birthday 50 off", "kind": "amount_off", "amount": 50,
                                    "member_bound": False, "birthday_month_only": True})
    cat["coupons"].append({"code": "C-BDAY-1", "template": "T-BDAY", "number": card("980000000021")})
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(cat))
    return p


def staff_ids(t) -> list[str]:
    return [r[0] for r in t.client.conn.execute("SELECT id FROM staff ORDER BY id")]


def test_a_store_pc_receives_only_its_own_and_chain_wide_staff(make_terminal):
    a = make_terminal("A-001", "TA")
    b = make_terminal("B-001", "TB")
    # before: every PC held every store's staff with their PIN hashes
    assert staff_ids(a) == ["A-CASH", "C01", "MGR1"]  # C01 / MGR1: chain-wide (stores empty)
    assert staff_ids(b) == ["B-CASH", "B-MGR", "C01", "MGR1"]
    raw = a.client.conn.execute("SELECT group_concat(name || pin_hash) FROM staff").fetchone()[0]
    assert "B cashier" not in raw and "B manager" not in raw


def test_moving_a_staff_member_tombstones_them_on_the_old_stores_pcs(make_terminal, server):
    a = make_terminal("A-001", "TA")
    b = make_terminal("B-001", "TB")
    body = server.store.get("staff", "A-CASH")
    with server.store.write():
        server.store.put("staff", "A-CASH", {**body, "stores": json.dumps(["B-001"])})
    a.client.pull()
    b.client.pull()
    assert "A-CASH" not in staff_ids(a)
    assert "A-CASH" in staff_ids(b)
    # and back again
    with server.store.write():
        server.store.put("staff", "A-CASH", body)
    a.client.pull()
    b.client.pull()
    assert "A-CASH" in staff_ids(a) and "A-CASH" not in staff_ids(b)


def test_a_staff_row_with_unreadable_stores_is_not_sent(make_terminal, server):
    with server.store.write():
        server.store.put("staff", "ODD", {"id": "ODD", "name": "Odd", "role": "cashier", "pin_hash": CASHIER_PIN_HASH,
                                          "stores": "not json"})
    a = make_terminal("A-001", "TA")
    assert "ODD" not in staff_ids(a)


# ---- keyed PIN hashes and minimised members (the replica file alone) ----------------------------------------




M1_CARD, M3_CARD = card("290000000001"), card("290000000003")
C100_NUMBER = card("980000000002")  # C-100OFF-1, bearer
COUPON_NUMBERS = [c["number"].encode() for c in BASE_CATALOG["coupons"] if c.get("number")]
FULL = ["王小明".encode(), "Alice Chen".encode(), "林美".encode(), b"1990-11-02", M1_CARD.encode(), card("290000000002").encode()]


def raw_bytes(path) -> bytes:
    """Everything a thief copying the replica gets: the file and, if any, its WAL."""
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def stolen_copy(t, tmp_path):
    """Close the terminal's connections (the WAL is checkpointed into the file), copy the .db only."""
    t.close()
    target = tmp_path / "stolen.db"
    shutil.copyfile(t.path, target)
    return target


def scrypt_material(pin_hash: str) -> list[bytes]:
    """The salt-free part a PIN search needs: the hash, as text and as raw bytes."""
    h = pin_hash.split("$")[-1]
    return [h.encode(), base64.b64decode(h)]


def test_a_stolen_replica_file_gives_no_pin_hash_to_search_and_no_member_data(make_terminal, tmp_path):
    t = make_terminal("A-001", "TA")
    t.settle("lp-1", member=M1_CARD, amount=600)
    t.client.sync_once()
    path = stolen_copy(t, tmp_path)
    data = raw_bytes(path)
    # before: staff rows held "scrypt$14$8$1$<salt>$<hash>" (a 4-digit PIN fell to an offline search),
    # members their full name, birthday and card number
    assert b"scrypt$" not in data.replace(b"kscrypt$", b"")
    for h in (CASHIER_PIN_HASH, MANAGER_PIN_HASH):
        assert not any(m in data for m in scrypt_material(h))
    for secret in FULL + COUPON_NUMBERS:
        assert secret not in data, secret
    conn = sqlite3.connect(path)
    coupons = dict(conn.execute("SELECT code, number_key FROM coupon_instances WHERE plain_code IS NULL").fetchall())
    assert len(coupons) == conn.execute("SELECT COUNT(*) FROM coupon_instances").fetchone()[0]  # no number, anywhere
    assert all(len(coupons[c["code"]]) == 64 for c in BASE_CATALOG["coupons"] if c.get("number"))
    staff = dict(conn.execute("SELECT id, pin_hash FROM staff").fetchall())
    assert staff and all(h.startswith("kscrypt$") for h in staff.values())
    # a PIN search over the file alone: without the vault's secret no guess can be tested at all
    with pytest.raises(PinKeyUnavailable):
        verify_pin("1234", staff["C01"])
    guess = ReplicaSecret.generate(protected=True)[0]  # any other key
    forged = staff["C01"].replace(staff["C01"].split("$")[1], guess.key_id, 1)
    assert not any(verify_pin(f"{p:04d}", forged, guess) for p in range(1230, 1240))  # the right PIN among them
    members = conn.execute("SELECT id, name, birth_month, birthday, plain_code, card_key FROM members ORDER BY id").fetchall()
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in members] == [
        ("M1", "王*明", 11, None, None), ("M2", "A*** C.", None, None, None), ("M3", "林*", None, None, None)]
    assert all(len(r[5]) == 64 for r in members)
    assert conn.execute("SELECT COUNT(*) FROM pull_staging").fetchone()[0] == 0
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    assert meta["replica_secret"] == "vault" and "replica_secret_key" not in meta  # the key is not in the file
    conn.close()


def test_the_right_pin_signs_in_and_lockout_still_works(make_terminal):
    t = make_terminal("A-001", "TA")
    assert t.svc.verify_staff("C01", "1234")["id"] == "C01"
    assert t.svc.verify_staff("MGR1", "9999", role="manager")["id"] == "MGR1"
    for _ in range(5):
        with pytest.raises(AuthorizationError) as exc:
            t.svc.verify_staff("C01", "0000")
        assert exc.value.reason.value == "bad_pin"
    with pytest.raises(AuthorizationError) as exc:
        t.svc.verify_staff("C01", "1234")
    assert exc.value.reason.value == "staff_locked"


def test_a_locked_vault_refuses_pins_and_card_numbers_with_its_own_reason(make_terminal):
    t = make_terminal("A-001", "TA")
    replica_secret.forget_unlocked()  # a new process: the secret must come from the vault
    try:
        with installed_keyring(LockedKeyring()):
            for _ in range(6):  # never "wrong PIN", never counted towards a lockout
                with pytest.raises(AuthorizationError) as exc:
                    t.svc.verify_staff("C01", "1234")
                assert exc.value.reason.value == "vault_unavailable" and exc.value.details["vault"] == "locked"
                assert "replica secret" in exc.value.message and "unlock" in exc.value.message
            assert t.svc.replica.conn.execute("SELECT COUNT(*) FROM pin_lockout").fetchone()[0] == 0
            with pytest.raises(AuthorizationError) as exc:
                t.svc.scan(M1_CARD)
            assert exc.value.reason.value == "vault_unavailable"
            assert t.svc.scan(card("471000000001")).kind == "product"  # a product barcode needs no secret
            for number in (C100_NUMBER, card("980000000099")):  # a coupon number is keyed too: found or not, refused so
                with pytest.raises(AuthorizationError) as exc:
                    t.svc.scan(number)
                assert exc.value.reason.value == "vault_unavailable"
            preview = t.svc.preview(CheckoutRequest("lv", (LineRequest(amount=600, name="Amount"),),
                                                    coupons=(CouponRequest(C100_NUMBER),)))
            assert [v.reason.value for v in preview.coupon_verdicts] == ["vault_unavailable"]  # the basket goes on
        # the vault that holds it (the one the sync client made it in), unlocked
        t.svc.secrets = ReplicaSecrets(t.svc.replica, vault=t.credentials.replica_secret)
        assert t.svc.verify_staff("C01", "1234")["id"] == "C01"
        assert t.svc.scan(M1_CARD).member.id == "M1"
        assert t.svc.scan(C100_NUMBER).coupon.code == "C-100OFF-1"
    finally:
        replica_secret.forget_unlocked()


def test_the_cli_refuses_a_pin_when_the_vault_is_locked(server, tmp_path):
    from terminal.entry import cli
    from tests.sync.test_enrolment import MemoryKeyring

    db = tmp_path / "cli.db"

    def run(*args):
        out = io.StringIO()
        return cli.run(["--json", "--db", str(db), *args], out=out), out.getvalue()

    with installed_keyring(MemoryKeyring()):
        code, _ = run("enroll", "--server", server.url, "--token", server.store.create_enrol_token("A-001"), "--terminal", "PC-9")
        assert code == 0
        code, out = run("settle", "--member", M1_CARD, "--amount", "100", "--cashier", "C01", "--pin", "1234")
        assert code == 0, out
    replica_secret.forget_unlocked()
    with installed_keyring(LockedKeyring()):
        code, out = run("settle", "--member", card("290000000002"), "--amount", "100", "--cashier", "C01", "--pin", "1234")
    replica_secret.forget_unlocked()
    assert code == 3 and json.loads(out)["reason"] == "vault_unavailable", out


def test_member_lookup_by_card_number_works_online_and_offline(make_terminal, server):
    t = make_terminal("A-001", "TA")
    view = t.svc.scan(M1_CARD).member
    assert view.id == "M1" and view.masked_name == "王*明"
    receipt = t.settle("lp-on", member=M1_CARD, amount=100)
    assert receipt["member"] == {"id": "M1", "masked_name": "王*明"}
    t.client.sync_once()  # online: pushed, pulled again
    assert t.svc.scan(M3_CARD).member.id == "M3"
    server.stop()  # offline
    assert t.svc.scan(M1_CARD).member.masked_name == "王*明"
    assert t.settle("lp-off", member=M3_CARD, amount=100)["member"]["id"] == "M3"


def test_a_printed_coupon_number_is_found_online_and_offline_and_the_server_books_it(make_terminal, server):
    t = make_terminal("A-001", "TA")
    assert t.svc.scan(C100_NUMBER).coupon.code == "C-100OFF-1"
    assert t.svc.scan(card("980000000001"), member_id="M1").coupon.code == "SV-0001"  # a member's voucher
    with pytest.raises(CodeError) as exc:
        t.svc.resolve_member(C100_NUMBER)
    assert exc.value.reason.value == "wrong_kind"  # told apart from a card number, both keyed
    receipt = t.settle("cn-1", amount=600, coupons=[C100_NUMBER])
    assert receipt["coupon_discount"] == 100
    assert t.client.sync_once()["push"].statuses == {"accepted": 1}
    assert server.store.get("coupon", "C-100OFF-1")["used_uses"] == 1
    server.store.issue_coupon("T-100OFF", code="C-NEW-1", number=card("980000000031"))  # reaches the PC as a hash
    t.client.sync_once()
    assert t.client.conn.execute("SELECT plain_code, length(number_key) FROM coupon_instances WHERE code = 'C-NEW-1'"
                                 ).fetchone() == (None, 64)
    server.stop()  # offline
    assert t.svc.scan(card("980000000031")).coupon.code == "C-NEW-1"
    assert t.settle("cn-2", amount=600, coupons=[card("980000000031")])["coupon_discount"] == 100


def test_the_feed_sends_coupons_with_a_number_hash_never_the_number(server):
    from terminal.domain.member_data import card_hash, coupon_number_hash

    hand = HandDevice(server, "A-001", "HC")
    page = httpx.get(server.url + "/v1/pull", params={"limit": 1000}, headers=hand.headers).json()
    text = json.dumps(page).encode()
    for number in COUPON_NUMBERS:
        assert number not in text, number
    assert b"plain_code" not in text
    coupons = {it["key"]: it["body"] for it in page["items"] if it["kind"] == "coupon"}
    salt = page["card_salt"]
    brand_of = {t["id"]: t.get("brands") or [] for t in BASE_CATALOG["coupon_templates"]}
    for c in BASE_CATALOG["coupons"]:
        if brand_of[c["template"]] and "A" not in brand_of[c["template"]]:
            assert c["code"] not in coupons  # a coupon of another brand's template never reaches brand A (store slices)
            continue
        body = coupons[c["code"]]
        assert "plain_code" not in body and body["code"] == c["code"] and body["template_id"] == c["template"]
        assert body["number_hash"] == (coupon_number_hash(salt, c["number"]) if c.get("number") else None)
        if c.get("number"):
            assert body["number_hash"] != card_hash(salt, c["number"])
    # the server keeps the number for its own checks; an admin reader (no device) reads the rows as stored
    assert server.store.get("coupon", "C-100OFF-1")["plain_code"] == C100_NUMBER
    admin = json.loads(server.store.pull_page_json(None, 1000))
    assert next(it["body"] for it in admin["items"] if it["key"] == "C-100OFF-1")["plain_code"] == C100_NUMBER


def test_a_synced_replica_made_before_0009_drops_its_numbers_and_gets_them_keyed_by_the_next_sync(make_terminal, server, tmp_path):
    from sync.client import SyncClient

    t = make_terminal("A-001", "TU")
    numbers = {c["code"]: c["number"] for c in BASE_CATALOG["coupons"] if c.get("number")}
    t.close()
    # the replica as the release before 0009 kept it: plain numbers, no number_key column
    conn = sqlite3.connect(t.path)
    conn.executescript("""DROP TRIGGER coupon_instances_no_plain_insert; DROP TRIGGER coupon_instances_no_plain_update;
        DROP INDEX coupon_instances_number_key; ALTER TABLE coupon_instances DROP COLUMN number_key;
        DELETE FROM schema_migrations WHERE name = '0009_keyed_coupon_numbers';""")
    conn.executemany("UPDATE coupon_instances SET plain_code = ? WHERE code = ?", [(n, c) for c, n in numbers.items()])
    conn.commit()
    conn.close()
    assert all(n.encode() in raw_bytes(t.path) for n in numbers.values())
    replica = open_replica(t.path)  # migration 0009
    svc = RedemptionService(replica, store_id="A-001", terminal_id="TU", clock=FixedClock(AT),
                            secrets=ReplicaSecrets(replica, vault=t.credentials.replica_secret))
    try:
        assert svc.replica.get_meta("coupon_numbers_pending") == "1" and svc.replica.get_meta("pull_cursor") is None
        with pytest.raises(CodeError, match="coupon numbers arrive with the next sync"):
            svc.scan(C100_NUMBER)
        client = SyncClient(open_replica(t.path), server.url, t.credentials)
        try:
            report = client.pull()
            assert report.items > 20  # everything again
        finally:
            client.close()
            client.conn.close()
        assert svc.replica.get_meta("coupon_numbers_pending") is None
        for code, number in numbers.items():
            assert svc.scan(number, member_id="M1").coupon.code == code
    finally:
        svc.replica.conn.close()
    data = raw_bytes(t.path)
    for n in numbers.values():
        assert n.encode() not in data, n


def test_birthday_rules_apply_with_the_birth_month_and_the_server_judges_with_its_full_record(server, make_terminal):
    from sync.server.errors import AdminError

    t = make_terminal("A-001", "TA")
    assert t.client.conn.execute("SELECT birth_month FROM members WHERE id = 'M1'").fetchone() == (11,)
    # M1 is born in November (the 20th of November today): x2 and the birthday coupon; M3 has no birthday
    assert t.svc.scan(card("980000000021"), member_id="M1").coupon.usable
    bday = t.svc.scan(card("980000000021"), member_id="M3").coupon
    assert not bday.usable and bday.reason == "not_birthday_month"
    assert t.settle("bd-1", member=M1_CARD, amount=600)["points_earned"] == {"bonus": 24}
    assert t.settle("bd-3", member=M3_CARD, amount=600)["points_earned"] == {"bonus": 12}
    assert t.client.sync_once()["push"].statuses == {"accepted": 2}  # the server's rules agree
    # the server keeps the full record and judges with it: M3 claiming the birthday x2 is quarantined
    full = server.store.get("member", "M1")
    assert full["name"] == "王小明" and full["birthday"] == "1990-11-02" and full["plain_code"] == M1_CARD
    hand = HandDevice(server, "A-001", "HX")
    claim = hand.settlement(member="M3", amount=600, earns=[{"lot_id": "hx-l1", "point_type": "bonus", "points": 24,
                                                              "rule_id": "A-base", "expires_at": None}])
    assert "earn_exceeds_rules" in reasons(hand.push(claim))
    ok = hand.settlement(member="M1", amount=600, earns=[{"lot_id": "hx-l2", "point_type": "bonus", "points": 24,
                                                           "rule_id": "A-base", "expires_at": None}])
    assert reasons(hand.push(ok)) == []
    # an admin number check still sees the member's card number
    with pytest.raises(AdminError, match="already"):
        server.store.issue_coupon("T-100OFF", number=M1_CARD)


def test_the_feed_sends_members_minimised_with_a_signed_salt(server, make_terminal):
    hand = HandDevice(server, "A-001", "HF")
    page = httpx.get(server.url + "/v1/pull", params={"limit": 1000}, headers=hand.headers).json()
    text = json.dumps(page, ensure_ascii=False).encode()
    for secret in FULL:
        assert secret not in text, secret
    m1 = next(it["body"] for it in page["items"] if it["kind"] == "member" and it["key"] == "M1")
    assert set(m1) == {"id", "name", "tier_id", "birth_month", "card_hash", "status"}
    assert m1["name"] == "王*明" and m1["birth_month"] == 11 and len(m1["card_hash"]) == 64
    epoch, _ = split_cursor(page["next_cursor"])
    pin = server.store.feed_signer().public_b64()
    assert verify(pin, row_message("card_salt", "card_salt", {"salt": page["card_salt"]}, 0, epoch), page["card_salt_sig"])
    # the staff rows still carry the scrypt hash on the (TLS) wire, signed; the terminal keys it before storing
    staff = next(it for it in page["items"] if it["kind"] == "staff" and it["key"] == "C01")
    assert staff["body"]["pin_hash"] == CASHIER_PIN_HASH and staff["sig"]


def test_a_replica_made_from_a_catalog_moves_its_secret_into_the_vault_when_it_enrols(server, tmp_path):
    from sync.client import MemoryCredentialStore, SyncClient

    path = tmp_path / "from-file.db"
    made = init_replica(path, parse_catalog(json.dumps(BASE_CATALOG)), store_id="A-001", terminal_id="TF")
    assert made.get_meta("replica_secret") == "unprotected" and made.get_meta("replica_secret_key")
    unprotected_id = made.get_meta("replica_secret_check")[:8]
    made.conn.close()
    creds = MemoryCredentialStore()
    client = SyncClient(open_replica(path), server.url, creds)
    try:
        client.enrol(server.store.create_enrol_token("A-001"), "TF")
        client.pull()
        meta = dict(client.conn.execute("SELECT key, value FROM meta").fetchall())
        assert meta["replica_secret"] == "vault" and "replica_secret_key" not in meta
        key_id = meta["replica_secret_check"][:8]
        assert key_id != unprotected_id and creds.replica_secret(meta["replica_id"]).get()
        hashes = [r[0] for r in client.conn.execute("SELECT pin_hash FROM staff")]
        assert hashes and all(h.split("$")[1] == key_id for h in hashes)  # every row keyed again, under the vault's key
        svc = RedemptionService(open_replica(path), store_id="A-001", terminal_id="TF", clock=FixedClock(AT))
        assert svc.verify_staff("C01", "1234")["id"] == "C01" and svc.scan(M1_CARD).member.id == "M1"
        assert svc.scan(C100_NUMBER).coupon.code == "C-100OFF-1"  # keyed again under the vault's key and the server's salt
        svc.replica.conn.close()
    finally:
        client.close()
        client.conn.close()


def test_a_vault_that_lost_the_secret_gets_a_new_one_and_everything_is_pulled_again(server, make_terminal):
    t = make_terminal("A-001", "TA")
    old = t.client.replica.get_meta("replica_secret_check")
    rid = t.client.replica.get_meta("replica_id")
    t.credentials.replica_secret(rid).delete()  # e.g. a new Windows profile
    replica_secret.forget_unlocked()
    with server.store.write():  # a member row changes: the pull must key it
        server.store.put("member", "M2", {**server.store.get("member", "M2"), "tier_id": "silver"}, "M2")
    rep = t.client.pull()
    assert rep.reset is False and rep.items > 50  # everything again
    new = t.client.replica.get_meta("replica_secret_check")
    assert new != old and t.credentials.replica_secret(rid).get()
    assert t.svc.verify_staff("C01", "1234")["id"] == "C01"
    assert t.svc.scan(M1_CARD).member.id == "M1" and t.svc.scan(card("290000000002")).member.tier_id == "silver"


def test_a_staff_row_refused_for_its_signature_is_quarantined_without_a_usable_hash(server, make_terminal):
    from tests.sync.test_signed_feed import ATTACKER, Fake, _page, _sign

    fake = Fake(server)
    try:
        t = make_terminal("A-001", "TQ", transport=httpx.MockTransport(fake))
        evil_hash = hash_pin("0000")
        page, epoch = _page(t, [{"kind": "staff", "key": "EVIL", "op": "upsert", "body": {
            "id": "EVIL", "name": "Evil", "role": "manager", "pin_hash": evil_hash, "stores": json.dumps(["A-001"])}}])
        page["items"][0]["sig"] = _sign(ATTACKER, page["items"][0], epoch)
        fake.forge = page
        assert t.client.pull().quarantined == 1
        (row,) = t.client.quarantined()
        assert row["key"] == "EVIL" and "kscrypt$" in row["body"] and "scrypt$14" not in row["body"].replace("kscrypt$", "")
        assert not any(m.decode(errors="ignore") in row["body"] for m in scrypt_material(evil_hash)[:1])
    finally:
        fake.real.close()

def test_a_coupon_row_with_a_plain_number_from_an_earlier_server_is_stored_keyed(server, make_terminal, tmp_path):
    from tests.sync.test_signed_feed import Fake, _page

    fake = Fake(server)
    try:
        t = make_terminal("A-001", "TO", transport=httpx.MockTransport(fake))
        old, bad = card("980000000041"), card("980000000058")
        row = {"template_id": "T-100OFF", "member_id": None, "total_uses": 1, "used_uses": 0, "status": "active",
               "valid_from": None, "valid_until": None, "issued_at": None, "parent_code": None}
        page, _ = _page(t, [
            {"kind": "coupon", "key": "C-OLD", "op": "upsert", "body": {**row, "code": "C-OLD", "plain_code": old}},
            {"kind": "coupon", "key": "C-BAD", "op": "upsert", "body": {**row, "code": "C-BAD", "number_hash": "zz",
                                                                        "plain_code": bad}}])
        fake.forge = page
        assert t.client.pull().quarantined == 1
        (q,) = t.client.quarantined()
        assert q["key"] == "C-BAD" and q["body"] == "null" and "coupon row not storable" in q["reason"]  # without its body
        assert t.svc.scan(old).coupon.code == "C-OLD"  # hashed here with the replica's salt, then keyed
        path = stolen_copy(t, tmp_path)
        data = raw_bytes(path)
        assert old.encode() not in data and bad.encode() not in data
    finally:
        fake.real.close()
