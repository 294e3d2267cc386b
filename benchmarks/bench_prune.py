"""Replica retention benchmark: prune a generated replica of 200,000 point lots (terminal/storage/prune.py).

    .venv/bin/python -m benchmarks.bench_prune [--lots 200000] [--out bench-data/prune.db]

Builds `--out` afresh: the engine benchmark's catalog (benchmarks/replica_gen.py) through
`init_replica`, `lots / 4` members, `--lots` point lots of which 3/4 are finished long ago (half
spent to 0 and earned 2025, half expired in 2025) and 1/4 live, `lots / 2` coupons of which 60 % are
used up, voided or expired in 2025 and issued then, and `lots / 20` acknowledged, reflected
conflict-resolution events of 2025 with their answers. Then, on the terminal's own connection
settings (WAL, synchronous=FULL): a dry run, the prune (500 rows per transaction), and VACUUM.
Prints one table: rows per table before / after, file size (page_count x page_size plus the WAL)
before, after the prune and after VACUUM, the time of the dry run, of the prune, the longest single
transaction (how long a settlement could wait at most) and of VACUUM.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.replica_gen import STORE_ID, TERMINAL_ID, bench_catalog
from terminal.provisioning.bootstrap import init_replica, open_replica
from terminal.catalog import parse_catalog
from terminal.storage.db import transaction
from terminal.storage.prune import RetentionPolicy, prune_replica, vacuum

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
OLD, LIVE_UNTIL = "2025-03-01T10:00:00+08:00", "2027-06-01T00:00:00+08:00"


def build(path: Path, lots: int) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)
    replica = init_replica(path, parse_catalog(json.dumps(bench_catalog())), store_id=STORE_ID, terminal_id=TERMINAL_ID)
    conn = replica.conn
    conn.execute("PRAGMA synchronous=OFF")
    members = max(1, lots // 4)
    with transaction(replica.db):
        conn.executemany("INSERT INTO members(id, name, tier_id, status) VALUES (?, '王*明', 'normal', 'active')",
                         ((f"P{i:08d}",) for i in range(members)))
        conn.executemany(
            "INSERT INTO point_lots(lot_id, member_id, point_type, points, earned_at, expires_at) VALUES (?,?,?,?,?,?)",
            ((f"PL{i:09d}", f"P{i % members:08d}", "bonus", *(
                (0, OLD, None) if i % 8 < 3 else (40, OLD, "2025-12-31T00:00:00+08:00") if i % 8 < 6 else (120, OLD, LIVE_UNTIL)))
             for i in range(lots)))
        conn.executemany(
            """INSERT INTO coupon_instances(code, template_id, member_id, total_uses, used_uses, status, valid_until, issued_at)
               VALUES (?,?,?,?,?,?,?,?)""",
            ((f"PC{j:09d}", "T-100OFF", None, 1, *(
                (1, "active", None) if j % 10 < 3 else (0, "voided", None) if j % 10 < 5 else (0, "active", "2025-06-01T00:00:00+08:00")
                if j % 10 < 6 else (0, "active", LIVE_UNTIL)), OLD) for j in range(lots // 2)))
        events = lots // 20
        conn.executemany(
            """INSERT INTO outbox(event_id, terminal_seq, type, schema_version, payload, payload_sha256, created_at, state, reflected)
               VALUES (?,?,'conflict_resolution',1,'{}','x',?,'acked',1)""", ((f"E{k:08d}", k + 1, OLD) for k in range(events)))
        conn.execute("""INSERT INTO sync_results(event_id, terminal_seq, status, visible_seq, result, received_at)
                        SELECT event_id, terminal_seq, 'accepted', terminal_seq, '{"status":"accepted"}', created_at FROM outbox""")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def file_bytes(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def run(lots: int, out: Path) -> list[tuple[str, str, str]]:
    t0 = time.monotonic()
    build(out, lots)
    built_s = time.monotonic() - t0
    replica = open_replica(out)
    db = replica.db
    size_before = file_bytes(out)
    t0 = time.monotonic()
    dry = prune_replica(db, RetentionPolicy(), now=NOW, dry_run=True)
    dry_s = time.monotonic() - t0
    marks: list[float] = []
    t0 = time.monotonic()
    marks.append(t0)
    rep = prune_replica(db, RetentionPolicy(pause_s=0.001), now=NOW, sleep=lambda s: marks.append(time.monotonic()))  # no real pause
    prune_s = time.monotonic() - t0
    marks.append(time.monotonic())
    longest = max(b - a for a, b in zip(marks, marks[1:]))
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_pruned = file_bytes(out)
    t0 = time.monotonic()
    vac = vacuum(db)
    vacuum_s = time.monotonic() - t0
    size_vacuumed = file_bytes(out)
    db.conn.close()
    rows = [("generated replica (build)", f"{lots:,} lots", f"{built_s:.1f} s")]
    rows += [(f"rows: {t}", f"{rep.before[t]:,} -> {rep.after[t]:,}", f"-{rep.pruned.get(t, 0):,}") for t in rep.before]
    assert dry.pruned == rep.pruned, (dry.pruned, rep.pruned)
    rows += [
        ("file size before", f"{size_before / 1e6:.1f} MB", ""),
        ("file size after prune (pages free inside)", f"{size_pruned / 1e6:.1f} MB", f"{rep.free_pages:,} free pages"),
        ("file size after VACUUM", f"{size_vacuumed / 1e6:.1f} MB", f"page_count {vac['bytes_before'] / 1e6:.1f} -> "
                                                                   f"{vac['bytes_after'] / 1e6:.1f} MB"),
        ("dry run (counts only)", f"{dry.total:,} rows", f"{dry_s:.2f} s"),
        ("prune (500 rows / transaction)", f"{rep.transactions:,} transactions", f"{prune_s:.2f} s"),
        ("longest batch (a settlement's worst wait; 1st incl. the counts)", "", f"{longest * 1000:.0f} ms"),
        ("VACUUM (counter closed)", "", f"{vacuum_s:.2f} s"),
    ]
    return rows


def render(rows: list[tuple[str, str, str]]) -> str:
    w = [max(len(r[i]) for r in rows) for i in range(3)]
    head = ("measure", "value", "detail")
    w = [max(w[i], len(head[i])) for i in range(3)]
    line = lambda r: f"| {r[0]:<{w[0]}} | {r[1]:>{w[1]}} | {r[2]:>{w[2]}} |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (x + 2) for x in w) + "|", *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lots", type=int, default=200_000)
    ap.add_argument("--out", type=Path, default=Path("bench-data/prune.db"))
    args = ap.parse_args(argv)
    if args.lots < 8:
        ap.error("--lots must be at least 8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    print(f"replica retention benchmark: {args.lots:,} lots, {os.cpu_count()} CPUs, {args.out}")
    print(render(run(args.lots, args.out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
