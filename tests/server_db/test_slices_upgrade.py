"""Revision 0005_slices fills the store-slice tables from a store's existing rows (issue 14, section 3)."""

from __future__ import annotations

import json

from sqlalchemy import text

from sync.server import db, migrate


def test_0005_fills_scopes_and_the_slices_of_stores_where_members_bought(central_url):
    engine = db.connect(central_url)
    try:
        migrate.upgrade(engine, "0004_quarantine_reports")
        rows = [("store", "A-001", None, {"id": "A-001", "brand_id": "A", "name": "a", "timezone": "Asia/Taipei"}),
                ("store", "B-001", None, {"id": "B-001", "brand_id": "B", "name": "b", "timezone": "Asia/Taipei"}),
                ("coupon_template", "T-B", None, {"id": "T-B", "body": json.dumps({"brands": ["B"], "stores": []})}),
                ("earn_rule", "R-A1", None, {"id": "R-A1", "body": json.dumps({"scope": {"brands": [], "stores": ["A-001"]}})}),
                ("staff", "S1", None, {"id": "S1", "stores": json.dumps(["B-001"])}),
                ("staff", "HQ", None, {"id": "HQ", "stores": "[]"}),
                ("coupon", "C1", None, {"code": "C1", "template_id": "T-B"}),
                ("member", "M1", "M1", {"id": "M1", "plain_code": "2900000000018"}),
                ("product", "P1", None, {"sku": "P1"})]
        with db.write(engine) as tx:
            for i, (kind, key, member, body) in enumerate(rows, 1):
                tx.conn.execute(text("INSERT INTO entities(kind, key, member_id, body, seq, deleted) VALUES (:k, :key, :m, :b, :s, 0)"),
                                {"k": kind, "key": key, "m": member, "b": json.dumps(body), "s": i})
            tx.conn.execute(text("INSERT INTO meta(key, value) VALUES ('card_hash_salt', :s)"), {"s": "ab" * 16})
            for n, (store, status) in enumerate([("A-001", "accepted"), ("A-001", "accepted"), ("B-001", "rejected")]):
                tx.conn.execute(text(
                    """INSERT INTO events(event_id, device_id, store_id, terminal_id, terminal_seq, type, schema_version, payload,
                       payload_sha256, occurred_at, app_version, status, result, visible_seq, received_at)
                       VALUES (:e, 'd', :s, 'T1', :n, 'settlement', 1, :p, 'x', 'now', '1', :st, '{}', 0, :at)"""),
                    {"e": f"E{n}", "s": store, "n": n, "p": json.dumps({"member_id": "M1"}), "st": status, "at": f"2026-11-2{n}"})
        migrate.upgrade(engine)
        with db.read(engine) as conn:
            scopes = dict(((k, key), s) for k, key, s in conn.execute(text("SELECT kind, key, scope FROM entities")))
            slices = conn.execute(text("SELECT store_id, member_id, home, bought_at FROM store_members")).fetchall()
            cards = conn.execute(text("SELECT member_id FROM member_cards")).fetchall()
    finally:
        engine.dispose()
    assert scopes[("store", "B-001")] == " b:B " and scopes[("coupon_template", "T-B")] == " b:B "
    assert scopes[("coupon", "C1")] == " b:B " and scopes[("earn_rule", "R-A1")] == " s:A-001 "
    assert scopes[("staff", "S1")] == " s:B-001 " and scopes[("staff", "HQ")] is None and scopes[("product", "P1")] is None
    assert [tuple(r) for r in slices] == [("A-001", "M1", 0, "2026-11-21")]  # the rejected sale at B-001 made no entry
    assert [tuple(r) for r in cards] == [("M1",)]
