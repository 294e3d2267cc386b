"""Smoke test of benchmarks/bench_slice.py: a tiny chain, both modes; the slice holds fewer rows."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench_slice import build_chain, run


def test_a_store_slice_holds_only_its_home_members(tmp_path: Path):
    whole = run(build_chain(6, 120, 1, False), tmp_path / "brand", "sqlite")
    sliced = run(build_chain(6, 120, 1, True), tmp_path / "slices", "sqlite")
    assert whole["members"] == 120  # brand scope only: every member on every terminal
    assert 0 < sliced["members"] < whole["members"] and sliced["rows"] < whole["rows"]
    assert sliced["coupons"] == sliced["members"]  # one member-bound coupon each: only the slice's
