"""Change-feed write throughput: transactions per second that each put 2 entity rows and stamp
their positions at commit (sync/server/changefeed.py), with 1, 8 and 24 writer threads, on
PostgreSQL (a throwaway cluster from tests/pg.py, or `--pg-url`) and on SQLite. Prints a table.

    .venv/bin/python -m benchmarks.bench_feed [--txs 60] [--pg-url postgresql+psycopg://...]

What it shows: how much the one feed lock (held for the stamp and the commit) limits writers
that all change the feed. The throwaway cluster runs with fsync off; a real server's numbers
depend on its disk's flush time (one flush per feed-changing commit).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

from sync.server import db, migrate
from sync.server.changefeed import FeedWriter


def throughput(url: str, writers: int, txs: int) -> float:
    """Feed-changing transactions per second with `writers` threads doing `txs` each."""
    engine = db.connect(url, pool_size=writers + 2)
    migrate.upgrade(engine)

    def work(i: int) -> None:
        for t in range(txs):
            with db.write(engine) as tx:
                feed = FeedWriter.of(tx)
                feed.put("bench", f"{writers}-{i}-{t}-a", {"i": i, "t": t})
                feed.put("bench", f"{writers}-{i}-{t}-b", {"i": i, "t": t})

    threads = [threading.Thread(target=work, args=(i,)) for i in range(writers)]
    t0 = time.monotonic()
    [th.start() for th in threads]
    [th.join() for th in threads]
    elapsed = time.monotonic() - t0
    engine.dispose()
    return writers * txs / elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_feed", description=__doc__.splitlines()[0])
    ap.add_argument("--txs", type=int, default=60, help="transactions per writer")
    ap.add_argument("--pg-url", help="an EMPTY PostgreSQL database to use instead of a throwaway cluster")
    args = ap.parse_args(argv)
    cluster = None
    if args.pg_url is None:
        from tests.pg import PgCluster, _os_user_prefix, locate_pg_bin

        prefix, uid, gid = _os_user_prefix()
        base = Path(tempfile.mkdtemp(prefix="lt-pg-", dir="/tmp"))
        if uid is not None:
            os.chown(base, uid, gid)
        cluster = PgCluster(bin=locate_pg_bin(), base=base, run_as=prefix)
        cluster.start()
    try:
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
        print("| engine | writers | feed transactions/s |\n|---|---:|---:|")
        for n in (1, 8, 24):
            url = args.pg_url if args.pg_url else cluster.url(cluster.create_database())
            print(f"| PostgreSQL{' (fsync off)' if cluster else ''} | {n} | {throughput(url, n, args.txs):.0f} |", flush=True)
            if args.pg_url:
                break  # one empty database given: one run
        for n in (1, 8, 24):
            folder = tempfile.mkdtemp()
            print(f"| SQLite (synchronous=FULL) | {n} | {throughput(f'sqlite:///{folder}/central.db', n, args.txs):.0f} |", flush=True)
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
