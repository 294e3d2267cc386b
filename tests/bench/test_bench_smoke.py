"""Smoke test of the engine benchmark: the quick run (`--quick`) produces every row.

Timing goals are checked by the benchmark itself (`python -m benchmarks.bench_engine`),
never here: the machine is shared and the numbers would be flaky.
"""

from __future__ import annotations

from benchmarks.bench_engine import options, render, run_benchmark
from benchmarks.replica_gen import QUICK_COUPONS, QUICK_MEMBERS, Layout, numbered
from terminal.domain import codes


def test_numbers_carry_a_valid_gs1_check_digit():
    for prefix, n in [(29, 0), (29, 999_999), (98, 4_999_999), (98, 123_456_789)]:
        num = numbered(prefix, n)
        assert len(num) == 13 and num == codes.with_check_digit(num[:-1])


def test_layout_deals_each_member_a_free_latte():
    lay = Layout(100, 500)
    assert lay.preview_members() == 100
    assert all(lay.coupon_template(i) == "T-FREELATTE" and lay.coupon_member(i) == lay.member_id(i) for i in range(100))


def test_quick_benchmark_produces_all_rows(tmp_path):
    opts = options(["--quick", "--out", str(tmp_path / "replica.db")])
    report = run_benchmark(**opts, log=lambda s: None)
    metrics = [r.metric for r in report.rows]
    for prefix in ("scan: member card number", "scan: coupon number", "scan: signed coupon code", "scan: signed member card",
                   "preview: 4 lines, 3 coupons, 5 earn rules", "settle: same basket, one transaction (FULL sync)"):
        assert sum(m.startswith(prefix) for m in metrics) == 1, (prefix, metrics)
    assert len(report.rows) == 6
    assert [r.n for r in report.rows] == [500] * 4 + [100, 100]
    assert all(r.pct(99) > 0 for r in report.rows)
    assert report.synchronous == "FULL" and report.journal_mode == "wal"
    assert report.counts == {"members": QUICK_MEMBERS, "point_lots": 2 * QUICK_MEMBERS, "coupon_instances": QUICK_COUPONS,
                             "outbox": 0}
    assert report.build is not None and report.size_after_build[0] > 0 and report.size_after_run[0] > 0
    assert not report.full_scans, report.full_scans
    text = render(report)
    assert text.count("\n| scan: ") == 4 and "| settle: same basket" in text and "file size after build" in text


def test_quick_benchmark_with_the_issue_15_mix(tmp_path):
    opts = options(["--quick", "--mix", "--iterations", "30", "--out", str(tmp_path / "replica.db")])
    report = run_benchmark(**opts, log=lambda s: None)
    mix = [r for r in report.rows if r.metric.endswith("(mix)")]
    assert [r.metric.split(":")[0] for r in mix] == ["preview", "settle", "exchange", "return"]
    assert all(r.n == 30 and r.pct(99) > 0 for r in mix)  # 40 rounds, the first 10 a warm-up
    assert not report.full_scans, report.full_scans
    text = render(report)
    assert "Ratios to the plain cash settle" in text and text.count("(mix) |") == 8
