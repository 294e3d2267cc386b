"""benchmarks/bench_feed.py runs on both engines and its transactions really land in the feed."""

from __future__ import annotations

from benchmarks.bench_feed import throughput
from sync.server import db
from sync.server.changefeed import head


def test_feed_benchmark_runs_and_every_transaction_is_stamped(central_url):
    assert throughput(central_url, writers=3, txs=4) > 0
    engine = db.connect(central_url)
    with db.read(engine) as conn:
        assert head(conn) == 3 * 4 * 2  # two rows per transaction, gap-free
    engine.dispose()
