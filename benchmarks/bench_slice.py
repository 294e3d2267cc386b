"""What a new terminal downloads and keeps, with and without store slices (issue 14, section 3).

    .venv/bin/python -m benchmarks.bench_slice [--stores 50] [--members 20000] [--coupons-per-member 3] [--db sqlite|postgresql]

A generated chain: `--stores` stores over two brands (A, B; half each), `--members` members each
with a home store (round robin) and one point lot, `--coupons-per-member` member-bound coupons each
(20,000 x 3 = 60,000), plus 2,000 bearer coupons of a brand-B template. The real server (a
subprocess, the chain's catalog imported at start) runs twice: the catalog's
`policies.member_slices` false (every member on every terminal: brand scope only) and true (home
members only). Each time a NEW terminal of store A-001 enrols and bootstraps (every page
pulled); printed: bytes on the wire (response bodies as received, gzip), pages, rows, the replica
file's size and its member / lot / coupon counts, the bootstrap's seconds.
"""

from __future__ import annotations

import argparse
import copy
import json
import tempfile
import time
from pathlib import Path



from benchmarks.bench_central import CountingTransport  # bytes as they come off the socket (gzip)


def build_chain(stores: int, members: int, per_member: int, slices: bool) -> dict:
    from terminal.domain.codes import with_check_digit
    from tests.conftest import BASE_CATALOG

    cat = copy.deepcopy(BASE_CATALOG)
    cat["policies"] = {"member_slices": slices}
    extra = [{"id": f"S{b}-{i:03d}", "brand": b, "name": f"Store {b} {i}"} for b in ("A", "B") for i in range(stores // 2)]
    cat["stores"] += extra
    homes = ["A-001", "B-001"] + [s["id"] for s in extra]
    homes = homes[:stores]
    cat["members"] = [
        {"id": f"GM{i}", "name": f"Member {i}", "tier": "normal", "card_number": with_check_digit(f"{300000000000 + i}"),
         "home_store": homes[i % len(homes)],
         "lots": [{"id": f"GM{i}-L1", "point_type": "bonus", "points": 500, "earned_at": "2026-01-10T10:00:00+08:00",
                   "expires_at": "2027-12-31T00:00:00+08:00"}]}
        for i in range(members)]
    cat["coupons"] = [{"code": f"GC{i}-{j}", "template": "T-FREELATTE", "member": f"GM{i}"}
                      for i in range(members) for j in range(per_member)]
    cat["coupons"] += [{"code": f"GB{i}", "template": "T-BANK"} for i in range(2000)]
    return cat


def run(cat: dict, workdir: Path, db: str) -> dict:
    from sync.client import MemoryCredentialStore, SyncClient
    from terminal.provisioning.bootstrap import open_replica
    from tests.sync.conftest import ServerProcess

    workdir.mkdir(parents=True, exist_ok=True)
    catalog = workdir / "catalog.json"
    catalog.write_text(json.dumps(cat))
    from sync.server.store import CentralStore
    from terminal.catalog import load_catalog_file

    target = db if "://" in db else workdir / "central.db"
    t0 = time.monotonic()
    central = CentralStore(target)  # imported first (the server's start would time out on a big chain)
    try:
        central.import_catalog(load_catalog_file(catalog))
    finally:
        central.close()
    started = time.monotonic() - t0
    server = ServerProcess(target, None)
    try:
        transport = CountingTransport()
        path = workdir / "terminal.db"
        client = SyncClient(open_replica(path), server.url, MemoryCredentialStore(), transport=transport)
        client.enrol(server.store.create_enrol_token("A-001"), "T1")
        transport.bytes = 0
        t0 = time.monotonic()
        report = client.bootstrap()
        took = time.monotonic() - t0
        count = lambda sql: client.conn.execute(sql).fetchone()[0]  # noqa: E731
        out = {"bytes": transport.bytes, "pages": report.pages, "rows": report.items, "seconds": took, "import_s": started,
               "members": count("SELECT COUNT(*) FROM members"), "lots": count("SELECT COUNT(*) FROM point_lots"),
               "coupons": count("SELECT COUNT(*) FROM coupon_instances"), "stores": count("SELECT COUNT(*) FROM stores")}
        client.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        client.close()
        client.conn.close()
        out["replica_bytes"] = sum(p.stat().st_size for p in workdir.glob("terminal.db*"))
        return out
    finally:
        server.stop()


def render(rows: list[tuple[str, dict]], args) -> str:
    lines = [f"New terminal of store A-001; chain: {args.stores} stores (2 brands), {args.members:,} members "
             f"(home stores round robin), {args.members * args.coupons_per_member:,} member-bound + 2,000 brand-B bearer coupons; "
             f"server on {args.db}",
             "",
             "| mode | downloaded (gzip) | pages | rows | replica on disk | members | lots | coupons | stores | bootstrap |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in rows:
        lines.append(f"| {name} | {r['bytes'] / 1e6:.2f} MB | {r['pages']} | {r['rows']:,} | {r['replica_bytes'] / 1e6:.2f} MB | "
                     f"{r['members']:,} | {r['lots']:,} | {r['coupons']:,} | {r['stores']} | {r['seconds']:.1f} s |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stores", type=int, default=50)
    ap.add_argument("--members", type=int, default=20_000)
    ap.add_argument("--coupons-per-member", type=int, default=3)
    ap.add_argument("--db", default="sqlite", help="sqlite (a file in a temporary folder) or a PostgreSQL URL of an EMPTY database")
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-slice-") as tmp:
        for name, slices in (("brand scope only (member_slices false)", False), ("store slices (member_slices true)", True)):
            cat = build_chain(args.stores, args.members, args.coupons_per_member, slices)
            rows.append((name, run(cat, Path(tmp) / name.split()[0], args.db)))
            print(f"{name}: {json.dumps(rows[-1][1])}", flush=True)
    print()
    print(render(rows, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
