"""Decode rates of the product decoder on real barcode photos.

Sample images: zxing-cpp test data (test/samples), Apache-2.0,
https://github.com/zxing/zxing-cpp - used in place from ../shared/barcode-samples,
not copied into this repo.

Thresholds are per symbology on the photos as they are. Images without their own
ground truth (structured-append pieces) are skipped by the loader; two 1-pixel-wide
false-positive images that OpenCV cannot read are skipped too.
"""

from __future__ import annotations

from collections import Counter

import pytest

from terminal.scanning.frames import read_image
from terminal.scanning.samples import FALSE_POSITIVES

MIN_RATES = {
    "qrcode": 0.90,
    "code128": 0.95,
    "ean13": 0.80,
    "pdf417": 0.90,
    "datamatrix": 0.95,
}


@pytest.fixture(scope="module")
def outcome(barcode_samples, product_decoder):
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    false_reads: list[tuple[str, str]] = []
    misses: dict[str, list[str]] = {}
    for sample in barcode_samples:
        image = read_image(sample.path, gray=True)
        if image is None:
            continue
        results = product_decoder.decode(image)
        if sample.symbology == FALSE_POSITIVES:
            false_reads += [(sample.path.name, r.text) for r in results]
            continue
        totals[sample.symbology] += 1
        if any(sample.matches(r) for r in results):
            hits[sample.symbology] += 1
        else:
            misses.setdefault(sample.symbology, []).append(sample.path.name)
    return hits, totals, false_reads, misses


@pytest.mark.parametrize("symbology", sorted(MIN_RATES))
def test_decode_rate(outcome, symbology):
    hits, totals, _, misses = outcome
    assert totals[symbology] > 0, f"no {symbology} samples found"
    rate = hits[symbology] / totals[symbology]
    assert rate >= MIN_RATES[symbology], (
        f"{symbology}: {hits[symbology]}/{totals[symbology]} = {rate:.0%}, "
        f"missed {misses.get(symbology)}"
    )


def test_no_reads_on_images_without_barcodes(outcome):
    _, _, false_reads, _ = outcome
    assert false_reads == []


def test_results_carry_validated_check_digits(barcode_samples, product_decoder):
    from terminal.scanning.decoded import gtin_check_digit_ok

    for sample in barcode_samples:
        if sample.symbology != "ean13":
            continue
        image = read_image(sample.path, gray=True)
        for result in product_decoder.decode(image):
            if result.symbology in ("ean13", "ean8", "upca"):
                assert gtin_check_digit_ok(result.text)
