"""A member's phone on a store PC (issue 17): only an HMAC under the replica secret of the server's
salted phone hash (keyed.phone_key, migration 0019_member_phone_keys); a plain phone is never kept,
a malformed hash is refused (the row is quarantined by the caller), and the exact search finds it."""

from __future__ import annotations

import copy

import pytest

from terminal.domain.phones import phone_hash
from terminal.storage.keyed import member_body, phone_key, phone_key_of
from terminal.storage.replica_secret import ReplicaSecret
from tests.conftest import BASE_CATALOG

SALT = "ab" * 16


def test_the_phone_hash_is_keyed_and_a_plain_phone_is_dropped():
    secret = ReplicaSecret.generate(protected=True)[0]
    row = member_body({"id": "M9", "name": "王小明", "tier_id": "normal", "phone_hash": phone_hash(SALT, "+886912345678")},
                      secret, None)
    assert row["phone_key"] == phone_key(secret, phone_hash(SALT, "+886912345678")) == phone_key_of(secret, SALT, "+886912345678")
    assert "912345678" not in str(row) and row["name"] == "王*明"
    other = ReplicaSecret.generate(protected=True)[0]
    assert phone_key_of(other, SALT, "+886912345678") != row["phone_key"]  # another replica, another key
    plain = member_body({"id": "M9", "name": "X", "tier_id": "normal", "phone": "+886912345678"}, secret, None)
    assert plain["phone_key"] is None and "phone" not in plain
    for bad in ("zz", 12, "ab" * 31):
        with pytest.raises(ValueError, match="phone"):
            member_body({"id": "M9", "name": "X", "tier_id": "normal", "phone_hash": bad}, secret, None)
    with pytest.raises(ValueError, match="replica secret"):
        member_body({"id": "M9", "name": "X", "tier_id": "normal", "phone_hash": phone_hash(SALT, "+886912345678")}, None, None)


def test_a_catalog_replica_finds_its_members_by_phone(make_service):
    cat = copy.deepcopy(BASE_CATALOG)
    cat["members"][0]["phone"] = "0912-345-678"
    svc = make_service("A-001", catalog=cat)
    names = {r[0] for r in svc.replica.conn.execute("SELECT name FROM schema_migrations")}
    assert "0019_member_phone_keys" in names
    secret = svc.replica_secret("test")
    assert svc.replica.member_by_phone("+886912345678", secret).id == "M1"
    assert svc.replica.member_by_phone("+886912345679", secret) is None
    assert svc.replica.member_by_phone("+886912345678", None) is None  # nothing keyed without the secret
    dump = "\n".join(svc.replica.conn.iterdump())
    assert "912345678" not in dump and "0912" not in dump
