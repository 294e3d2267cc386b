"""Smoke test of the central server benchmark (issue 14): a tiny SQLite run (2 terminals, 3 s, 200
members) produces its table, with settlements accepted and every honest sale accepted without a
conflict; without PostgreSQL support the engine is refused with one line.

Throughput, latency and duplicate figures are reported by the benchmark itself
(`python -m benchmarks.bench_central`), never asserted here: the machine is shared.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import bench_central
from benchmarks.bench_central import COUNTS_ENV, main, options, read_counts, render, run_benchmark, tree_cpu_s


def test_tiny_sqlite_run_prints_the_table():
    argv = ["--terminals", "2", "--seconds", "3", "--members", "200", "--coupons", "200"]
    rows, meta, scale = run_benchmark(options(argv), argv)
    assert scale is None and len(rows) == 1
    row = rows[0]
    assert row["terminals"] == 2 and row["accepted"] > 0 and row["accepted_per_s"] > 0
    assert row["refused"] == 0, row["refused_sample"]  # every push was well-formed and authorised
    assert row["conflicts"] == 0  # honest sales: the server agrees with the terminal's own figures
    assert row["answers"] >= row["accepted"]  # counted inside the server
    assert row["pushes"] > 0 and row["p50"] <= row["p99"]
    assert row["server_cpu_s"] > 0 and row["gen_cpu_s"] > 0 and 0 < row["gen_share"] < 1
    text = render(rows, meta)
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| terminals | judged on | accepted settlements/s"))
    assert lines[header + 1].startswith("|---:") and lines[header + 2].startswith("| 2 | ")
    assert "Engine: SQLite" in text and "client timeout 10 s" in text


def test_postgresql_without_support_is_one_line(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "tests.pg", None)  # as in a checkout without tests/pg.py
    assert main(["--db", "postgresql", "--terminals", "1", "--seconds", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(bench_central.PG_UNAVAILABLE) and "\n" not in err


def test_bad_options_are_refused():
    for argv in (["--terminals", "0"], ["--terminals", "a,b"], ["--seconds", "-1"], ["--scale"], ["--think", "-2"]):
        with pytest.raises(SystemExit):
            options(argv)


def _gone_pid() -> int:
    """The pid of a process that has ended (read_counts signals the pid a counts file is named by)."""
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_answer_counts_are_summed_over_worker_files(tmp_path):
    a, b, c = _gone_pid(), _gone_pid(), _gone_pid()
    (tmp_path / f"{a}.json").write_text('{"answers": 3, "accepted": 2, "duplicate": 1, "gen": 4}')
    (tmp_path / f"{b}.json").write_text('{"answers": 4, "accepted": 4}')
    (tmp_path / f"{c}.json").write_text('{"answers": ')  # being replaced this instant
    assert read_counts(tmp_path) == {"answers": 7, "accepted": 6, "duplicate": 1}


def test_a_server_process_writes_its_counts_when_asked(tmp_path):
    """The counter in a live process writes what it counted when asked (SIGUSR1), and lives on."""
    code = ("import time\n"
            "from sync.server.store import CentralStore\n"
            "CentralStore.push = lambda self, device, events: {'results': [{'status': 'accepted'} for _ in events]}\n"
            "import benchmarks.bench_central\n"
            "CentralStore.push(None, None, [1, 2])\n"
            "print('ready', flush=True)\n"
            "time.sleep(60)\n")
    env = {**os.environ, COUNTS_ENV: str(tmp_path), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        assert read_counts(tmp_path, wait_all=True) == {"requests": 1, "answers": 2, "accepted": 2}  # the first ask
        assert read_counts(tmp_path) == {"requests": 1, "answers": 2, "accepted": 2}  # it answered pushes: waited for
        assert child.poll() is None  # the signal did not end it
    finally:
        child.kill()
        child.wait()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux /proc")
def test_process_tree_cpu_includes_this_process():
    assert tree_cpu_s(os.getpid()) > 0
    assert tree_cpu_s(None) != tree_cpu_s(None)  # NaN: no process
