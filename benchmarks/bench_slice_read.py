"""A device's pull from cursor 0, server side only, by each read path (sync/server/feed_slice.py).

    nice -n 15 .venv/bin/python -m benchmarks.bench_slice_read [--members 200000] [--coupons-per-member 5]
        [--stores 500 10] [--limit 1000]

A SQLite central store (a temporary file) with member slices on: `--members` members BM0.. (one row
each) and `--coupons-per-member` coupons each (brand A), all generated in SQL, each member's home one
of S stores (member i at A-001 when i mod S = 0), for each S of `--stores`. A device of A-001 pages
from cursor 0 to the head with `slice_read` "window" (the window scan only), "slice" (the slice-driven
read only) and "auto" (the server's rule, `use_slice_read`); seconds of server CPU per path (no HTTP,
no client). Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def build(path: Path, members: int, coupons_per_member: int, stores: int):
    from sync.server.store import CentralStore

    s = CentralStore(path)
    with s.write():
        s.set_meta("member_slices", "1")
        s.put("brand", "A", {"id": "A"})
        s.put("store", "A-001", {"id": "A-001", "brand_id": "A"})
    h = s.head()
    raw = s.engine.raw_connection()
    cur = raw.cursor()
    gen = "WITH RECURSIVE g(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM g WHERE x < {n})"
    cur.execute(gen.format(n=members - 1) + f""" INSERT INTO entities(kind, key, member_id, body, seq, deleted, scope)
                SELECT 'member', 'BM' || x, 'BM' || x, '{{"id":"BM' || x || '","name":"Member"}}', {h} + 1 + x, 0, NULL FROM g""")
    n = members * coupons_per_member
    cur.execute(gen.format(n=n - 1) + f""" INSERT INTO entities(kind, key, member_id, body, seq, deleted, scope)
                SELECT 'coupon', 'BC' || x, 'BM' || (x % {members}), '{{"code":"BC' || x || '","template_id":"T"}}',
                {h + members} + 1 + x, 0, ' b:A ' FROM g""")
    cur.execute(gen.format(n=members - 1) + f""" INSERT INTO store_members(store_id, member_id, home)
                SELECT CASE WHEN x % {stores} = 0 THEN 'A-001' ELSE 'G-' || (x % {stores}) END, 'BM' || x, 1 FROM g""")
    cur.execute(f"UPDATE feed_head SET seq = {h + members + n}")
    raw.commit()
    raw.close()
    return s


def pull(store, mode: str, limit: int) -> tuple[int, int, float]:
    store.slice_read = mode
    dev = {"store_id": "A-001", "terminal_id": "T1"}
    cursor, pages, rows = None, 0, 0
    t0 = time.process_time()
    while True:
        page = json.loads(store.pull_page_json(cursor, limit, device=dev))
        pages, rows = pages + 1, rows + len(page["items"])
        if not page["has_more"]:
            return pages, rows, time.process_time() - t0
        cursor = page["next_cursor"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_slice_read", description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, default=200_000)
    ap.add_argument("--coupons-per-member", type=int, default=5)
    ap.add_argument("--stores", type=int, nargs="+", default=[500, 10])
    ap.add_argument("--limit", type=int, default=1000)
    args = ap.parse_args(sys.argv[1:] if argv is None else argv)
    if min(args.members, args.coupons_per_member, args.limit, *args.stores) < 1:
        ap.error("counts must be >= 1")
    print("| chain | slice of A-001 | slice rows | window scan | slice-driven | auto (the rule) |")
    print("|---|---:|---:|---:|---:|---:|")
    for stores in args.stores:
        with tempfile.TemporaryDirectory(prefix="bench-slice-read-") as tmp:
            store = build(Path(tmp) / "central.db", args.members, args.coupons_per_member, stores)
            try:
                got = {m: pull(store, m, args.limit) for m in ("window", "slice", "auto")}
            finally:
                store.close()
        assert len({r for _, r, _ in got.values()}) == 1, got
        cells = [f"{got[m][2]:.2f} s CPU, {got[m][0]} pages" for m in ("window", "slice", "auto")]
        positions = args.members * (1 + args.coupons_per_member)
        print(f"| {args.members:,} members, {positions:,} positions | {-(-args.members // stores):,} members | {got['auto'][1]:,} | "
              + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
