"""Decode rate and per-frame time of the candidate barcode decoders.

Run: .venv/bin/python -m benchmarks.bench_decode [--samples DIR] [--repeat N]

Uses the labelled sample photos (zxing-cpp test data, Apache-2.0) from
../shared/barcode-samples or $LT_BARCODE_SAMPLES. Rates are counted on the original
photos and on the photos letterboxed to camera frame sizes; times are per frame at
640x480 and 1280x720, over all photos, and separately over the photos with no barcode
(what an idle camera costs every frame). Prints Markdown.

The product decoder is timed beside the product decoder as it was before issue 17
(`benchmarks/decode_baseline.py`) in the same run, so the before/after ratio holds on a
shared, noisy machine; the load average before and after the run is printed. Two checks
close the output: per frame set and symbology, the product's rate against the best single
decoder (zxing-cpp settings, pyzbar, OpenCV) of this run; and the 1280x720 time goals.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from benchmarks.decode_baseline import BaselineCombinedDecoder
from terminal.scanning.decoded import Decoded
from terminal.scanning.decoders import (
    CombinedDecoder,
    Decoder,
    DecoderUnavailable,
    PyzbarDecoder,
    ZxingDecoder,
)
from terminal.scanning.frames import SIZE_480P, SIZE_720P, letterbox, read_image
from terminal.scanning.samples import Sample, SamplesNotFound, load_samples, locate_samples

SYMBOLOGIES = ("qrcode", "code128", "ean13", "pdf417", "datamatrix")
LABELS = {"qrcode": "QR", "code128": "C128", "ean13": "EAN13", "pdf417": "PDF417",
          "datamatrix": "DM"}


class OpenCvDecoder(Decoder):
    """cv2.barcode.BarcodeDetector detect+decode, 1D only; for comparison."""

    name = "cv2 BarcodeDetector"
    _names = {"EAN_13": "ean13", "EAN_8": "ean8", "UPC_A": "upca", "CODE128": "code128"}

    def __init__(self) -> None:
        self._detector = cv2.barcode.BarcodeDetector()

    def decode(self, image: np.ndarray) -> list[Decoded]:
        _, texts, types, _ = self._detector.detectAndDecodeWithType(image)
        return [Decoded(self._names.get(k, k.lower()), t) for t, k in zip(texts, types) if t]


@dataclass
class Run:
    hits: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)
    false_positives: int = 0
    times_ms: list[float] = field(default_factory=list)
    idle_times_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)  # process CPU time: what preemption does not add
    idle_cpu_ms: list[float] = field(default_factory=list)

    def rate(self, symbology: str) -> str:
        total = self.totals[symbology]
        return f"{100 * self.hits[symbology] / total:.0f}%" if total else "-"


def evaluate(decoder: Decoder, frames: list[tuple[Sample, np.ndarray]], repeat: int = 1) -> Run:
    """Decode every frame `repeat` times; a frame's time is the fastest of its repeats (on a
    shared machine the slower ones measure the neighbours), its results those of the first."""
    run = Run()
    decoder.decode(frames[0][1])  # warm-up
    for sample, frame in frames:
        start, cpu_start = time.perf_counter(), time.process_time()
        results = decoder.decode(frame)
        elapsed = (time.perf_counter() - start) * 1000
        cpu = (time.process_time() - cpu_start) * 1000
        for _ in range(repeat - 1):
            start, cpu_start = time.perf_counter(), time.process_time()
            decoder.decode(frame)
            elapsed = min(elapsed, (time.perf_counter() - start) * 1000)
            cpu = min(cpu, (time.process_time() - cpu_start) * 1000)
        run.times_ms.append(elapsed)
        run.cpu_ms.append(cpu)
        if sample.is_false_positive_image:
            run.idle_times_ms.append(elapsed)
            run.idle_cpu_ms.append(cpu)
            run.false_positives += len(results)
            continue
        run.totals[sample.symbology] += 1
        run.hits[sample.symbology] += any(sample.matches(r) for r in results)
    return run


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


PRODUCT = "combined (product)"
BEFORE = "combined before issue 17"
#: Decoders that are one library call each: the product must read at least as well as the best.
SINGLE = ("zxing tuned", "zxing tuned + downscale", "zxing defaults (rotate+downscale+invert)",
          "pyzbar", "cv2 BarcodeDetector")
#: Issue 17 goals at 1280x720, ms: median, p95, no-barcode median.
GOALS_720P = (5.0, 33.0, 8.0)


def candidates() -> dict[str, Callable[[], Decoder]]:
    return {
        PRODUCT: CombinedDecoder,
        BEFORE: BaselineCombinedDecoder,
        "combined without zbar": lambda: CombinedDecoder(use_zbar=False),
        "zxing tuned": ZxingDecoder,
        "zxing tuned + downscale": lambda: ZxingDecoder(try_downscale=True),
        "zxing defaults (rotate+downscale+invert)": lambda: ZxingDecoder(
            try_rotate=True, try_downscale=True, try_invert=True
        ),
        "pyzbar": PyzbarDecoder,
        "cv2 BarcodeDetector": OpenCvDecoder,
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return (f"{cpu}, nproc={nproc or os.cpu_count()}, Python {platform.python_version()}, "
            f"OpenCV {cv2.__version__}, {platform.system()} {platform.machine()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path,
                        help="sample folder (default: $LT_BARCODE_SAMPLES, else ../shared/barcode-samples)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="decode each frame N times and keep its fastest time (default 1)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:  # the same lookup as the tests
        args.samples = locate_samples(root=args.samples)
    except SamplesNotFound as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

    samples = load_samples(args.samples)
    loaded = [(s, img) for s in samples if (img := read_image(s.path, gray=True)) is not None]
    sizes = {"orig": None, "480p": SIZE_480P, "720p": SIZE_720P}
    frames = {
        label: [(s, letterbox(img, size) if size else img) for s, img in loaded]
        for label, size in sizes.items()
    }

    counts = Counter(s.symbology for s, _ in loaded)
    print(f"Machine: {machine()}\n")
    print(f"Command: python -m benchmarks.bench_decode --repeat {args.repeat}"
          + (" (each frame's fastest of its repeats)" if args.repeat > 1 else "") + "\n")
    print("Samples: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
          + f" ({len(samples) - len(loaded)} unreadable images skipped)\n")

    load_before = os.getloadavg()
    rate_rows, time_rows = [], []
    all_runs: dict[str, dict[str, Run]] = {}
    for name, factory in candidates().items():
        try:
            decoder = factory()
        except DecoderUnavailable as exc:
            print(f"- {name}: skipped ({exc})\n")
            continue
        runs = {label: evaluate(decoder, f, args.repeat) for label, f in frames.items()}
        all_runs[name] = runs
        for label in sizes:
            run = runs[label]
            rates = " | ".join(run.rate(s) for s in SYMBOLOGIES)
            rate_rows.append(f"| {name} | {label} | {rates} | {run.false_positives} |")
        cells = []
        for label in ("480p", "720p"):
            run = runs[label]
            cells.append(f"{statistics.median(run.times_ms):.1f} / {p95(run.times_ms):.1f}")
        idle = statistics.median(runs["720p"].idle_times_ms)
        time_rows.append(f"| {name} | {cells[0]} | {cells[1]} | {idle:.1f} |")

    header = " | ".join(LABELS[s] for s in SYMBOLOGIES)
    print(f"| decoder | frames | {header} | false positives |")
    print("|---|---|" + "---|" * len(SYMBOLOGIES) + "---|")
    print("\n".join(rate_rows))
    print()
    print("| decoder | 640x480 median / p95 ms | 1280x720 median / p95 ms "
          "| 1280x720 no-barcode median ms |")
    print("|---|---|---|---|")
    print("\n".join(time_rows))
    print()
    load_after = os.getloadavg()
    print(f"Load average (1/5/15 min) before: {_load(load_before)}; after: {_load(load_after)} "
          f"({os.cpu_count()} CPUs)\n")
    if PRODUCT in all_runs:
        print("\n".join(rate_check(all_runs, list(sizes))))
        print()
        print("\n".join(time_check(all_runs)))
    return 0


def _load(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def rate_check(runs: dict[str, dict[str, Run]], labels: list[str]) -> list[str]:
    """Per frame set: the product's rate against the best single decoder, per symbology."""
    singles = [name for name in SINGLE if name in runs]
    lines = ["| frames | symbology | product | best single decoder | check |", "|---|---|---|---|---|"]
    for label in labels:
        product = runs[PRODUCT][label]
        for symbology in SYMBOLOGIES:
            if not product.totals[symbology]:
                continue
            best_name = max(singles, key=lambda n: runs[n][label].hits[symbology])
            best = runs[best_name][label].hits[symbology]
            ok = product.hits[symbology] >= best
            lines.append(f"| {label} | {LABELS[symbology]} | {product.rate(symbology)} "
                         f"| {runs[best_name][label].rate(symbology)} ({best_name}) "
                         f"| {'ok' if ok else '**below**'} |")
    return lines


def time_check(runs: dict[str, dict[str, Run]]) -> list[str]:
    """The 1280x720 goals for the product (wall time), with the same figures for the path before
    issue 17, and both as process CPU time (the part of the wall time a loaded machine does not add)."""
    lines = ["| 1280x720 | goal ms | product ms | before issue 17 ms | product / before "
             "| CPU ms product / before |", "|---|---|---|---|---|---|"]
    for what, goal, figure, cpu_figure in (
        ("median", GOALS_720P[0], lambda r: statistics.median(r.times_ms),
         lambda r: statistics.median(r.cpu_ms)),
        ("p95", GOALS_720P[1], lambda r: p95(r.times_ms), lambda r: p95(r.cpu_ms)),
        ("no-barcode median", GOALS_720P[2], lambda r: statistics.median(r.idle_times_ms),
         lambda r: statistics.median(r.idle_cpu_ms)),
    ):
        product = runs[PRODUCT]["720p"]
        before = runs[BEFORE]["720p"] if BEFORE in runs else None
        now = figure(product)
        then = figure(before) if before else float("nan")
        cpu_then = f"{cpu_figure(before):.1f}" if before else "-"
        verdict = "" if now < goal else " **over**"
        lines.append(f"| {what} | < {goal:g} | {now:.1f}{verdict} | {then:.1f} | {now / then:.2f} "
                     f"| {cpu_figure(product):.1f} / {cpu_then} |")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
