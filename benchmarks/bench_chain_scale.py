"""Chain-scale figures on PostgreSQL (issue 14, "Figures", second table): a generated chain of
`--members` members and `--coupons` member-bound coupons with store slices on; what a NEW terminal
downloads and keeps, and the central CPU per settlement at that size.

    nice -n 15 .venv/bin/python -m benchmarks.bench_chain_scale [--members 10000000] [--coupons 50000000]
        [--members-per-store 2000] [--terminals 10] [--seconds 15]

Steps (a throwaway cluster from tests/pg.py under /tmp, dropped at the end):
1. schema + the test catalog (tests/conftest.BASE_CATALOG, `policies.member_slices` on) imported by
   the real CentralStore, with template rows BM0 (member), BM0-L1 (its point lot), BC0 (a
   member-bound T-10COFFEE coupon of BM0);
2. generated IN the database from those rows' stored bodies (INSERT ... SELECT generate_series,
   secondary indexes dropped first and built after): members BM0..BM{M-1} each with one lot,
   coupons BC0..BC{C-1} (coupon k belongs to member k mod M), `store_members` home entries (member i's
   home store is A-001 when i mod S = 0, else one of S-1 generated stores; S = M / members-per-store),
   feed positions contiguous after the catalog's, the feed head moved past them, ANALYZE;
3. `python -m sync.server --workers 2` on it; a new terminal of store A-001 enrols and bootstraps with
   the real SyncClient: bytes off the socket (gzip), pages, rows, seconds, replica size on disk;
4. N terminals (benchmarks/bench_central: honest settlements of random members BM0..BM{M-1}, back to
   back, pulls every 5 s) for `--seconds`: server + database CPU per accepted settlement, and the cores
   500 settlements/s would need at that figure.
Prints one Markdown table; generation and load times included.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

MB = 1024 * 1024


def template_catalog() -> dict:
    from benchmarks.bench_sync import build_catalog

    cat = build_catalog(2, 0)
    cat["policies"] = {**cat.get("policies", {}), "member_slices": True}
    from terminal.domain.codes import with_check_digit

    cat["coupons"].append({"code": "BC0", "template": "T-10COFFEE", "member": "BM0", "number": with_check_digit("990000000000")})
    return cat


def _sql_text(template: str, swaps: dict[str, str]) -> str:
    """A SQL expression building `template` (text) with each key of `swaps` replaced by the SQL in its value
    (literal parts quoted, `%` doubled: the statement is run with parameters)."""
    parts: list[str] = [template]
    for token, expr in swaps.items():
        out = []
        for p in parts:
            if p.startswith("\x00"):
                out.append(p)
                continue
            pieces = p.split(token)
            for j, piece in enumerate(pieces):
                if j:
                    out.append("\x00" + expr)
                out.append(piece)
        parts = out
    return " || ".join(p[1:] if p.startswith("\x00") else "'" + p.replace("'", "''").replace("%", "%%") + "'" for p in parts if p != "")


def generate(cluster, name: str, members: int, coupons: int, per_store: int, progress) -> dict:
    """Fill database `name` (schema + template catalog already there) to `members` / `coupons`; timings."""
    import psycopg

    from terminal.domain.codes import with_check_digit
    from tests.pg import ADMIN_ROLE

    card0, number0 = with_check_digit("300000000000"), with_check_digit("990000000000")
    stores = max(1, members // per_store)
    times = {}
    with psycopg.connect(host=str(cluster.socket_dir), user=ADMIN_ROLE, dbname=name, autocommit=True) as c:
        c.execute("SET maintenance_work_mem = '256MB'")
        c.execute("SET synchronous_commit = off")
        rows = {k: c.execute("SELECT body, scope, seq FROM entities WHERE kind = %s AND key = %s", (k, key)).fetchone()
                for k, key in (("member", "BM0"), ("point_lot", "BM0-L1"), ("coupon", "BC0"))}
        head = c.execute("SELECT seq FROM feed_head").fetchone()[0]
        c.execute("DELETE FROM entities WHERE key IN ('BM0', 'BM1', 'BM0-L1', 'BM1-L1', 'BC0') AND kind IN ('member', 'point_lot', 'coupon')")
        c.execute("DELETE FROM store_members")
        c.execute("DELETE FROM member_cards")
        pkey = c.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'entities'::regclass AND contype = 'p'").fetchone()[0]
        c.execute(f'ALTER TABLE entities DROP CONSTRAINT "{pkey}"')
        indexes = [r[0] for r in c.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'entities' AND indexname <> %s",
                                           (pkey,))]
        remake = [c.execute("SELECT pg_get_indexdef(%s::regclass)", (i,)).fetchone()[0] for i in indexes]
        for i in indexes:
            c.execute(f'DROP INDEX "{i}"')
        t0 = time.perf_counter()
        member = _sql_text(rows["member"][0], {"BM0": "'BM' || g", "Member 0": "'Member ' || g",
                                                     card0: f"({int(card0)} + 10 * g)::text"})
        c.execute(f"""INSERT INTO entities(kind, key, member_id, body, seq, deleted, scope)
                      SELECT 'member', 'BM' || g, 'BM' || g, {member}, {head} + 1 + g, 0, %s
                      FROM generate_series(0, {members - 1}) g""", (rows["member"][1],))
        progress(f"  members: {time.perf_counter() - t0:.0f} s")
        lot = _sql_text(rows["point_lot"][0], {"BM0": "'BM' || g"})
        c.execute(f"""INSERT INTO entities(kind, key, member_id, body, seq, deleted, scope)
                      SELECT 'point_lot', 'BM' || g || '-L1', 'BM' || g, {lot}, {head + members} + 1 + g, 0, %s
                      FROM generate_series(0, {members - 1}) g""", (rows["point_lot"][1],))
        progress(f"  lots: {time.perf_counter() - t0:.0f} s")
        coupon = _sql_text(rows["coupon"][0], {"BC0": "'BC' || g", "BM0": "'BM' || (g %% {m})".format(m=members),
                                                number0: f"({int(number0)} + 10 * g)::text"})
        step = 5_000_000
        for lo in range(0, coupons, step):
            hi = min(coupons, lo + step) - 1
            c.execute(f"""INSERT INTO entities(kind, key, member_id, body, seq, deleted, scope)
                          SELECT 'coupon', 'BC' || g, 'BM' || (g %% {members}), {coupon}, {head + 2 * members} + 1 + g, 0, %s
                          FROM generate_series({lo}, {hi}) g""", (rows["coupon"][1],))
            progress(f"  coupons {hi + 1:,}: {time.perf_counter() - t0:.0f} s")
        c.execute(f"UPDATE feed_head SET seq = {head + 2 * members + coupons}")
        c.execute(f"""INSERT INTO store_members(store_id, member_id, home)
                      SELECT CASE WHEN g % {stores} = 0 THEN 'A-001' ELSE 'G-' || (g % {stores}) END, 'BM' || g, 1
                      FROM generate_series(0, {members - 1}) g""")
        times["insert_s"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        c.execute(f'ALTER TABLE entities ADD CONSTRAINT "{pkey}" PRIMARY KEY (kind, key)')
        for definition in remake:
            c.execute(definition)
        c.execute("ANALYZE")
        times["index_s"] = time.perf_counter() - t1
        progress(f"  indexes + analyze: {times['index_s']:.0f} s")
        times["db_bytes"] = c.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        times["stores"] = stores
        times["slice_members"] = c.execute("SELECT COUNT(*) FROM store_members WHERE store_id = 'A-001'").fetchone()[0]
    return times


def bootstrap(url: str, server_url: str, token: str, workdir: Path) -> dict:
    from benchmarks.bench_central import CountingTransport
    from sync.client import MemoryCredentialStore, SyncClient
    from terminal.provisioning.bootstrap import open_replica

    path = workdir / "new-terminal.db"
    transport = CountingTransport()
    client = SyncClient(open_replica(path), server_url, MemoryCredentialStore(), transport=transport, timeout=120.0)
    client.enrol(token, "TS1")
    enrol_bytes = transport.bytes
    t0 = time.perf_counter()
    rep = client.bootstrap()
    seconds = time.perf_counter() - t0
    held = {k: client.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for k, t in (("members", "members"), ("coupons", "coupon_instances"), ("lots", "point_lots"))}
    client.close()
    client.conn.close()
    size = sum(p.stat().st_size for p in workdir.glob("new-terminal.db*"))
    return {"rows": rep.items, "pages": rep.pages, "bytes": transport.bytes - enrol_bytes, "seconds": seconds,
            "replica_bytes": size, **held}


def run(args, progress) -> tuple[dict, dict, dict]:
    from benchmarks.bench_central import SaleMaker, Server, client_defaults, run_one, start_pg_cluster
    from sync.server.store import CentralStore
    from terminal.catalog import parse_catalog

    with tempfile.TemporaryDirectory(prefix="bench-chain-", dir="/tmp") as tmp:
        work = Path(tmp)
        cluster = start_pg_cluster()
        try:
            name = cluster.create_database("chain")
            url = cluster.url(name)
            store = CentralStore(url)
            store.import_catalog(parse_catalog(json.dumps(template_catalog())))
            store.close()
            progress(f"generating {args.members:,} members / {args.coupons:,} coupons ...")
            gen = generate(cluster, name, args.members, args.coupons, args.members_per_store, progress)
            admin = CentralStore(url)
            token = admin.create_enrol_token("A-001")
            admin.close()
            server = Server(["--db", url, "--workers", "2"], work / "counts-boot")
            try:
                progress("bootstrapping a new terminal of A-001 ...")
                boot = bootstrap(url, server.url, token, work)
            finally:
                server.stop()

            class Big:  # bench_central's engine interface over the generated database (no copy)
                name = "PostgreSQL (2 workers)"

                def new_database(self, label):
                    return url

                def server_args(self, db):
                    return ["--db", db, "--workers", "2"]

                def db_pid(self):
                    return int((cluster.data / "postmaster.pid").read_text().split()[0])

                def drop(self, db):
                    pass

            progress(f"push load: {args.terminals} terminals for {args.seconds:g} s ...")
            sales = SaleMaker(work, args.members, 0)  # member sales, no coupons (the generated ones are member-bound)
            load = run_one(Big(), sales, args.terminals, args.seconds, 5.0, 0.0, work)
        finally:
            cluster.stop()
    return gen, boot, load


def render(args, gen, boot, load, command: str, machine: str) -> str:
    cores = 500 * load["cpu_ms_per_event"] / 1000
    return "\n".join([
        f"Machine: {machine}",
        f"Command: {command}",
        "",
        "| chain | stores | generated in | database on disk | new terminal: rows | pages | downloaded (gzip) | bootstrap | "
        "replica on disk | members / lots / coupons held | settlements/s ({} terminals) | server + db CPU per settlement | "
        "cores for 500/s |".format(load["terminals"]),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
        f"| {args.members:,} members / {args.coupons:,} coupons | {gen['stores']:,} | {gen['insert_s']:.0f} s + {gen['index_s']:.0f} s "
        f"indexes | {gen['db_bytes'] / MB:,.0f} MB | {boot['rows']:,} | {boot['pages']:,} | {boot['bytes'] / MB:,.2f} MB | "
        f"{boot['seconds']:.1f} s | {boot['replica_bytes'] / MB:,.1f} MB | {boot['members']:,} / {boot['lots']:,} / {boot['coupons']:,} | "
        f"{load['accepted_per_s']:,.0f} | {load['server_cpu_s'] * 1000 / max(load['accepted'], 1):.1f} + "
        f"{load['db_cpu_s'] * 1000 / max(load['accepted'], 1):.1f} ms | {cores:.1f} |",
        "",
        f"Slice of store A-001: {gen['slice_members']:,} home members (members per store {args.members_per_store:,}).",
    ])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_chain_scale", description=__doc__.splitlines()[0])
    ap.add_argument("--members", type=int, default=10_000_000)
    ap.add_argument("--coupons", type=int, default=50_000_000)
    ap.add_argument("--members-per-store", type=int, default=2_000, help="home members per store (default 2000: 10M / 5,000 stores)")
    ap.add_argument("--terminals", type=int, default=10, help="terminals pushing for the CPU figure (default 10)")
    ap.add_argument("--seconds", type=float, default=15.0, help="push window (default 15)")
    args = ap.parse_args(argv)
    if min(args.members, args.coupons, args.members_per_store, args.terminals) < 1:
        ap.error("counts must be >= 1")
    import logging

    from benchmarks.bench_central import machine

    logging.getLogger("sync").setLevel(logging.ERROR)
    started = time.monotonic()
    gen, boot, load = run(args, lambda line: print(line, file=sys.stderr, flush=True))
    print(render(args, gen, boot, load, " ".join(["nice -n 15 .venv/bin/python -m benchmarks.bench_chain_scale", *argv]),
                 machine()))
    print(f"\n(total run time {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
