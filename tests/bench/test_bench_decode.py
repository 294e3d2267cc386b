"""The checks that close `python -m benchmarks.bench_decode`: rate against the best single
decoder, and the 1280x720 time goals, on made-up runs (no photos, no timing here)."""

from __future__ import annotations

from collections import Counter

import numpy as np

from benchmarks.bench_decode import BEFORE, PRODUCT, SINGLE, Run, evaluate, rate_check, time_check
from terminal.scanning.decoded import Decoded
from terminal.scanning.decoders import Decoder
from terminal.scanning.samples import Sample


def run(hits: dict[str, int], totals: int = 10, times=(1.0,), idle=(1.0,)) -> Run:
    return Run(hits=Counter(hits), totals=Counter({s: totals for s in hits}),
               times_ms=list(times), idle_times_ms=list(idle),
               cpu_ms=[t / 2 for t in times], idle_cpu_ms=[t / 2 for t in idle])


def test_rate_check_flags_a_symbology_below_the_best_single_decoder():
    runs = {PRODUCT: {"720p": run({"qrcode": 9, "ean13": 6})}}
    runs |= {name: {"720p": run({"qrcode": 8, "ean13": 5})} for name in SINGLE}
    runs["pyzbar"] = {"720p": run({"qrcode": 5, "ean13": 7})}
    lines = rate_check(runs, ["720p"])
    qr = next(line for line in lines if "| QR |" in line)
    ean = next(line for line in lines if "| EAN13 |" in line)
    assert qr.endswith("| ok |") and "90%" in qr
    assert ean.endswith("| **below** |") and "70% (pyzbar)" in ean


def test_time_check_marks_goals_missed_and_the_ratio_to_before():
    runs = {PRODUCT: {"720p": run({}, times=[2.0, 3.0, 40.0], idle=[9.0])},
            BEFORE: {"720p": run({}, times=[4.0, 6.0, 80.0], idle=[18.0])}}
    median, p95, idle = time_check(runs)[2:]
    assert median == "| median | < 5 | 3.0 | 6.0 | 0.50 | 1.5 / 3.0 |"
    assert p95 == "| p95 | < 33 | 40.0 **over** | 80.0 | 0.50 | 20.0 / 40.0 |"
    assert idle == "| no-barcode median | < 8 | 9.0 **over** | 18.0 | 0.50 | 4.5 / 9.0 |"


class Counting(Decoder):
    def __init__(self) -> None:
        self.calls = 0

    def decode(self, image: np.ndarray) -> list[Decoded]:
        self.calls += 1
        return [Decoded("qrcode", "X")] if self.calls == 3 else []


def test_repeats_time_every_frame_but_count_the_first_read_only(tmp_path):
    decoder = Counting()
    frame = np.zeros((4, 4), np.uint8)
    result = evaluate(decoder, [(Sample("qrcode", tmp_path / "a.png", "X"), frame)], repeat=3)
    assert decoder.calls == 1 + 3  # warm-up, then three timed decodes
    assert result.hits["qrcode"] == 0  # only a repeat (call 3) read "X": not counted
    assert len(result.times_ms) == len(result.cpu_ms) == 1
