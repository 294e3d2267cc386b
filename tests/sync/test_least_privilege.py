"""Least privilege of the pull feed (issue 13, section 5): a store PC holds only what its store needs.

Real server on 127.0.0.1, terminals enrolled with a real device credential.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import CASHIER_PIN_HASH, catalog_dict


@pytest.fixture
def catalog_file(tmp_path):
    cat = catalog_dict()
    cat["staff"] += [
        {"id": "A-CASH", "name": "A cashier", "role": "cashier", "pin_hash": CASHIER_PIN_HASH, "stores": ["A-001"]},
        {"id": "B-CASH", "name": "B cashier", "role": "cashier", "pin_hash": CASHIER_PIN_HASH, "stores": ["B-001"]},
        {"id": "B-MGR", "name": "B manager", "role": "manager", "pin_hash": CASHIER_PIN_HASH, "stores": ["B-001", "Y"]},
    ]
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
