"""Quick keys reach a terminal through the feed (issue 17 §4.2): the central catalog's English names,
key order and colour land in the replica; a product row from a server before issue 17 (no such
columns) lands with none; a row with a key colour the replica cannot hold is quarantined, not applied,
and the rest of the pull goes on."""

from __future__ import annotations

import json

import pytest

from terminal.usecases import quick_keys as qk
from tests.quick_keys.test_quick_keys import keyed_catalog

from .conftest import ENGINE_PARAMS, engine_server, enrolled_counter


@pytest.fixture(scope="module", params=ENGINE_PARAMS)
def server(request, tmp_path_factory):
    d = tmp_path_factory.mktemp("keys-server")
    (d / "catalog.json").write_text(json.dumps(keyed_catalog()))
    yield from engine_server(request, d)


@pytest.fixture
def terminal(server, tmp_path):
    yield from enrolled_counter(server, tmp_path)


def row(conn, sku: str) -> tuple:
    return conn.execute("SELECT name, name_en, key_order, key_colour FROM products WHERE sku = ?", (sku,)).fetchone()


def test_the_feed_carries_quick_keys_and_old_rows_get_none(server, terminal):
    client, svc = terminal
    conn = svc.replica.conn
    assert row(conn, "BUBBLE") == ("珍珠奶茶", "Bubble milk tea", 20, "#2e7d32")
    assert [t.category_id for t in qk.key_tabs(svc)][:2] == ["tea", "coffee"]
    assert conn.execute("SELECT name_en, key_order FROM categories WHERE id = 'tea'").fetchone() == ("Tea", 1)
    # a server before issue 17 sends a product row without the new columns
    server.store.put("product", "OLD", {"sku": "OLD", "name": "老豆漿", "category_id": "tea", "price": 40, "barcode": None,
                                        "pp_point_type": None, "pp_points": None, "pp_cash": None})
    # a row no replica can hold: its colour fails the replica's check
    server.store.put("product", "BAD", {"sku": "BAD", "name": "壞", "category_id": "tea", "price": 1, "barcode": None,
                                        "pp_point_type": None, "pp_points": None, "pp_cash": None,
                                        "key_colour": "red;background:url(http://x)", "key_order": 1})
    client.sync_once()
    assert row(conn, "OLD") == ("老豆漿", None, None, None)
    assert "OLD" in [k.sku for k in qk.keys(svc, "tea")]  # no barcode: a key anyway
    assert row(conn, "BAD") is None
    assert any(q["kind"] == "product" and q["key"] == "BAD" for q in client.quarantined())
