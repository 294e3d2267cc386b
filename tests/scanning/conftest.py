"""Fixtures for the scanning tests: the labelled barcode sample photos.

The samples are zxing-cpp test data (Apache-2.0, https://github.com/zxing/zxing-cpp),
kept outside the repo in ../shared/barcode-samples or at $LT_BARCODE_SAMPLES.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from terminal.scanning.decoders import CombinedDecoder
from terminal.scanning.samples import Sample, load_samples


def samples_dir() -> Path:
    env = os.environ.get("LT_BARCODE_SAMPLES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "barcode-samples"


@pytest.fixture(scope="session")
def barcode_samples() -> list[Sample]:
    root = samples_dir()
    if not root.is_dir():
        pytest.skip(f"barcode samples not found at {root} (set LT_BARCODE_SAMPLES)")
    return load_samples(root)


@pytest.fixture(scope="session")
def product_decoder() -> CombinedDecoder:
    return CombinedDecoder()
