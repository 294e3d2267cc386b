"""The slice-driven read gives a device exactly the rows the window scan gives it (issue 14).

sync/server/feed_slice.py reads a device's rows two ways: the window scan (near the head) and the
slice-driven read (a cursor far behind the head, member slices on). For seeded random chains —
members entering and leaving store slices (touches, slice tombstones), point lots and coupons
tombstoned, staff and coupon templates whose scope narrows (exit tokens `-s:`, `-b:`, `-*`),
bearer coupons and chain-wide rows without a member, stores of two brands and a store without a
store row — a device of each store pages from cursor 0 (and from a cursor taken midway) with the
window scan only, the slice-driven read only, and the mix the server runs (a small window, so
pages alternate). Every page size and byte budget gives the same items (bodies, tombstones,
signatures) in the same order as a reference computed in Python from the final rows, with no
item twice, and the last page says has_more false with next_cursor at the head.
"""

from __future__ import annotations

import json
import random

import pytest

from sync.protocol import make_cursor, split_cursor
from sync.server import feed_slice
from sync.server.slices import device_match
from sync.server.store import CentralStore

pytestmark = pytest.mark.both_engines

STORES = {"A-001": "A", "A-002": "A", "B-001": "B"}
DEVICES = ["A-001", "A-002", "B-001", "X-009"]  # no store row (no brand)


def _write(store, fn):
    with store.write():
        fn()


def build_chain(store: CentralStore, rnd: random.Random, members: int, steps: int, first: bool) -> None:
    """Random writes through the store's own paths (puts with their scopes, slice entries, tombstones)."""
    if first:
        def catalog():
            store.set_meta("member_slices", "1")
            for b in ("A", "B"):
                store.put("brand", b, {"id": b, "name": b})
            for s, b in STORES.items():
                store.put("store", s, {"id": s, "brand_id": b, "name": s})
            store.put("point_type", "bonus", {"id": "bonus"})
        _write(store, catalog)
    stores = list(STORES) + ["X-009"]
    scopes = [{}, {"brands": ["A"]}, {"brands": ["B"]}, {"stores": ["A-001"]}, {"stores": ["A-002", "B-001"]}]

    def step():
        op = rnd.random()
        m = f"M{rnd.randrange(members)}"
        if op < 0.25:
            store.lock_keys(f"member:{m}")
            store.put("member", m, {"id": m, "name": f"Member {m}", "tier_id": "base", "plain_code": f"29{rnd.randrange(10**8):08d}"},
                      member_id=m)
            store.put("point_lot", f"{m}-L{rnd.randrange(2)}", {"id": f"{m}-L", "member_id": m, "points": rnd.randrange(100)},
                      member_id=m)
            store.put("coupon", f"C-{m}-{rnd.randrange(3)}", {"code": f"C-{m}", "template_id": f"T{rnd.randrange(3)}", "member_id": m},
                      member_id=m)
        elif op < 0.45:
            store.lock_keys(f"member:{m}")
            store.slice_enter(rnd.choice(stores), m, rnd.choice(["bought", "lookup", "home"]))
        elif op < 0.55:
            store.lock_keys(f"member:{m}")
            r = store.conn.execute("SELECT store_id FROM store_members WHERE member_id = ?", (m,)).fetchall()
            if r:
                store.slice_leave(rnd.choice(r)[0], m)
        elif op < 0.62:
            r = store.conn.execute("SELECT kind, key FROM entities WHERE member_id = ? AND deleted = 0 AND kind <> 'member'",
                                   (m,)).fetchall()
            if r:
                store.tombstone(*rnd.choice(r))
        elif op < 0.72:
            s = rnd.choice([[], ["A-001"], ["B-001"], ["A-001", "A-002"], ["X-009"]])
            store.put("staff", f"S{rnd.randrange(4)}", {"id": "S", "name": "Staff", "stores": s})
        elif op < 0.80:
            t = f"T{rnd.randrange(3)}"
            store.put("coupon_template", t, {"id": t, **rnd.choice(scopes)})
        elif op < 0.92:
            store.put("coupon", f"BEARER-{rnd.randrange(30)}", {"code": "B", "template_id": f"T{rnd.randrange(3)}"})
        else:
            store.put("earn_rule", f"R{rnd.randrange(3)}", {"id": "R", "scope": rnd.choice(scopes)})

    for _ in range(steps):
        n = rnd.randrange(1, 4)  # a few writes per transaction
        _write(store, lambda: [step() for _ in range(n)])


def reference(store: CentralStore, device: str, after: int) -> list[tuple]:
    """What the device must receive after `after`, from the final rows: (kind, key, seq, op)."""
    with store.read():
        c = store.conn
        r = c.execute("SELECT body FROM entities WHERE kind = 'store' AND key = ?", (device,)).fetchone()
        brand = json.loads(r[0])["brand_id"] if r and r[0] else None
        slice_ = {m for (m,) in c.execute("SELECT member_id FROM store_members WHERE store_id = ?", (device,))}
        out = []
        for kind, key, seq, deleted, member_id, scope, body in c.execute(
                "SELECT kind, key, seq, deleted, member_id, scope, body FROM entities WHERE seq > ? ORDER BY seq", (after,)):
            how = device_match(scope, brand, device)
            if not how or (member_id is not None and member_id not in slice_):
                continue
            if kind == "staff" and not deleted and how == "upsert":
                stores = json.loads(body)["stores"]
                if stores and device not in stores:
                    how = "delete"  # another store's staff: a tombstone (feed.staff_visible)
            out.append((kind, key, seq, "delete" if deleted or how == "delete" else "upsert"))
        return out


def pull_all(store: CentralStore, device: str, after: int, limit: int, max_bytes: int) -> list[dict]:
    """Page from `after` to the head; every item, in order (checks the pager's invariants on the way)."""
    dev = {"store_id": device, "terminal_id": "T1"}
    epoch = store.epoch
    cursor = make_cursor(epoch, after) if after else None
    items: list[dict] = []
    for _ in range(10_000):
        page = json.loads(store.pull_page_json(cursor, limit, device=dev, max_bytes=max_bytes))
        assert not page["reset"]
        assert len(page["items"]) <= limit
        seqs = [it["seq"] for it in page["items"]]
        assert seqs == sorted(seqs) and (not seqs or seqs[0] > (split_cursor(cursor)[1] if cursor else 0))
        nxt = split_cursor(page["next_cursor"])[1]
        assert not seqs or nxt >= seqs[-1]
        if len(page["items"]) > 1:
            assert len(json.dumps(page["items"], separators=(",", ":")).encode()) <= max_bytes + 2
        items.extend(page["items"])
        if not page["has_more"]:
            assert nxt == page["head"]
            return items
        cursor = page["next_cursor"]
    raise AssertionError("the pager did not reach the head")


MODES = {
    "window": "window",  # the window scan only (today's path)
    "slice": "slice",  # the slice-driven read only
    "mixed": "auto",  # the server's rule, with a small window and every slice "small": pages alternate
}


@pytest.mark.parametrize("seed", [1, pytest.param(2, marks=pytest.mark.slow), pytest.param(3, marks=pytest.mark.slow)])  # 2, 3: -m slow
def test_the_slice_driven_read_sends_exactly_what_the_window_scan_sends(central_db, monkeypatch, seed):
    monkeypatch.setattr(feed_slice, "SCAN_WINDOW", 9)
    monkeypatch.setattr(feed_slice, "SLICE_ROWS_PER_MEMBER", 0)
    store = CentralStore(central_db)
    try:
        rnd = random.Random(seed)
        build_chain(store, rnd, members=30, steps=120, first=True)
        midway = store.head()
        build_chain(store, rnd, members=30, steps=80, first=False)
        for device in DEVICES:
            for after in (0, midway):
                want = reference(store, device, after)
                assert (after or device == "X-009") or any(k == "member" for k, *_ in want)  # a real slice to read
                for limit, max_bytes in ((1, 1 << 20), (3, 1 << 20), (7, 500), (50, 1 << 20), (1000, 900)):
                    got = {}
                    for mode, path in MODES.items():
                        store.slice_read = path
                        got[mode] = pull_all(store, device, after, limit, max_bytes)
                    assert [(i["kind"], i["key"], i["seq"], i["op"]) for i in got["window"]] == want, (device, after, limit)
                    assert got["slice"] == got["window"], (device, after, limit, max_bytes)
                    assert got["mixed"] == got["window"], (device, after, limit, max_bytes)
                    keys = [(i["kind"], i["key"]) for i in got["slice"]]
                    assert len(keys) == len(set(keys))  # a row once (its latest position)
    finally:
        store.close()


def test_the_slice_driven_read_needs_member_slices(central_db):
    store = CentralStore(central_db)
    try:
        with store.read():
            f = feed_slice.device_filter(store.conn, "A-001")
            assert f.all_members
            with pytest.raises(ValueError, match="member slices"):
                feed_slice.slice_driven_rows(store.conn, f, 0, 10, 5)
            with pytest.raises(ValueError, match="slice_read"):
                feed_slice.device_rows(store.conn, f, 0, 10, 5, slice_read="fast")
    finally:
        store.close()


def test_the_rule_keeps_the_window_scan_near_the_head_and_for_a_large_slice(central_db):
    """`use_slice_read`: far behind and a small slice -> the slice; near the head, slices off, or a slice
    whose rows squared reach limit x distance (its pages would sort more than the window scan passes) -> the window."""
    store = CentralStore(central_db)
    rule, w = feed_slice.use_slice_read, feed_slice.SCAN_WINDOW
    try:
        with store.write():
            store.set_meta("member_slices", "1")
            store.conn.execute("INSERT INTO store_members(store_id, member_id, home) VALUES ('A-001', 'M1', 1), ('A-001', 'M2', 1)")
        with store.read():
            f = feed_slice.device_filter(store.conn, "A-001")
            assert rule(store.conn, f, 0, 10 * w, 1000)  # 2 members, ~16 rows, far behind -> the slice
            assert rule(store.conn, f, 0, w + 1, 1)  # 16^2 = 256 < 1 x 50,001
            assert not rule(store.conn, f, 9 * w, 10 * w, 1000)  # within a window of the head
            assert not rule(store.conn, feed_slice.DeviceFilter("A-001", None, True, ()), 0, 10 * w, 1000)  # slices off
        with store.write():  # 1,002 members: ~8,016 rows, 8,016^2 = 64.3M
            store.conn.execute("""INSERT INTO store_members(store_id, member_id, home)
                                  WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 1000)
                                  SELECT 'A-001', 'N' || x, 1 FROM g""")
        with store.read():
            rows = 1002 * feed_slice.SLICE_ROWS_PER_MEMBER
            assert rule(store.conn, f, 0, 10 * w, 1000)  # 64.3M < 1000 x 500,000
            assert not rule(store.conn, f, 0, 10 * w, 100)  # 64.3M >= 100 x 500,000: the window scan
            assert not rule(store.conn, f, 0, rows * rows // 1000, 1000) and rule(store.conn, f, 0, rows * rows // 1000 + 1, 1000)
    finally:
        store.close()
