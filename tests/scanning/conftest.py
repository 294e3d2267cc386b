"""Fixtures for the scanning tests.

The labelled barcode sample photos (`barcode_samples`, `barcode_samples_dir`) come from the
one lookup in tests/barcode_samples.py (zxing-cpp test data, Apache-2.0, kept outside the repo).
"""

from __future__ import annotations

import pytest

from terminal.scanning.decoders import CombinedDecoder


@pytest.fixture(scope="session")
def product_decoder() -> CombinedDecoder:
    return CombinedDecoder()
