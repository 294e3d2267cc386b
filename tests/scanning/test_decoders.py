"""Decoder basics on generated codes: names, text modes, check digits, factory."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import zxingcpp

from terminal.scanning.decoded import Decoded, gtin_check_digit_ok, is_plausible
from terminal.scanning.decoders import (
    CombinedDecoder,
    DecoderUnavailable,
    ZxingDecoder,
    make_decoder,
)


def render(text: str, fmt, scale: int = 4, border: int = 40) -> np.ndarray:
    image = np.array(zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(text, fmt)))
    image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    return cv2.copyMakeBorder(image, border, border, border, border, cv2.BORDER_CONSTANT, value=255)


def rotated(image: np.ndarray, degrees: float) -> np.ndarray:
    h, w = image.shape
    size = int((h * h + w * w) ** 0.5) + 20
    canvas = np.full((size, size), 255, np.uint8)
    canvas[(size - h) // 2 : (size - h) // 2 + h, (size - w) // 2 : (size - w) // 2 + w] = image
    m = cv2.getRotationMatrix2D((size / 2, size / 2), degrees, 1.0)
    return cv2.warpAffine(canvas, m, (size, size), borderValue=255)


@pytest.mark.parametrize(
    ("text", "fmt", "symbology"),
    [
        ("LT-CARD-000123", zxingcpp.BarcodeFormat.QRCode, "qrcode"),
        ("CARD123456", zxingcpp.BarcodeFormat.Code128, "code128"),
        ("4006381333931", zxingcpp.BarcodeFormat.EAN13, "ean13"),
        ("96385074", zxingcpp.BarcodeFormat.EAN8, "ean8"),
        ("LT coupon 42", zxingcpp.BarcodeFormat.PDF417, "pdf417"),
        ("LT coupon 43", zxingcpp.BarcodeFormat.DataMatrix, "datamatrix"),
    ],
)
@pytest.mark.parametrize("name", ["zxing", "combined"])
def test_reads_generated_codes_with_normalised_names(name, text, fmt, symbology):
    results = make_decoder(name).decode(render(text, fmt))
    assert [(r.symbology, r.text) for r in results] == [(symbology, text)]
    assert results[0].position is not None


def test_bgr_frames_are_accepted():
    bgr = cv2.cvtColor(render("CARD123456", zxingcpp.BarcodeFormat.Code128), cv2.COLOR_GRAY2BGR)
    assert [r.text for r in make_decoder("combined").decode(bgr)] == ["CARD123456"]


def test_plain_text_mode_for_gs1_payloads(barcode_samples):
    """GS1 Code128 samples: the payload itself, not the "(01)..." HRI rendering."""
    from terminal.scanning.frames import read_image

    gs1 = [
        s for s in barcode_samples
        if s.symbology == "code128"
        and "contentType=GS1" in _metadata(s.path)
    ]
    assert gs1, "expected GS1 samples in code128-*"
    for sample in gs1:
        results = ZxingDecoder().decode(read_image(sample.path, gray=True))
        assert [r.text for r in results] == [sample.expected]


def _metadata(path) -> str:
    result = path.with_suffix(".result.txt")
    return result.read_text() if result.exists() else ""


def test_combined_reads_tilted_1d_codes_that_zxing_alone_misses():
    image = rotated(render("CARD123456", zxingcpp.BarcodeFormat.Code128, scale=3), 45)
    assert ZxingDecoder().decode(image) == []
    assert [r.text for r in CombinedDecoder().decode(image)] == ["CARD123456"]


def test_blank_frame_reads_nothing():
    assert make_decoder("combined").decode(np.full((720, 1280), 255, np.uint8)) == []


def test_unknown_decoder_name():
    with pytest.raises(ValueError, match="unknown decoder"):
        make_decoder("nope")


def test_pyzbar_decoder_or_clear_error():
    try:
        decoder = make_decoder("pyzbar")
    except DecoderUnavailable as exc:
        assert "libzbar" in str(exc) or "zbar" in str(exc)
        return
    results = decoder.decode(render("CARD123456", zxingcpp.BarcodeFormat.Code128))
    assert [(r.symbology, r.text) for r in results] == [("code128", "CARD123456")]


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("4006381333931", True),
        ("4006381333932", False),
        ("96385074", True),
        ("96385075", False),
        ("036000291452", True),
        ("036000291453", False),
        ("12345", False),
        ("40063813339a1", False),
    ],
)
def test_gtin_check_digit(digits, ok):
    assert gtin_check_digit_ok(digits) is ok


def test_implausible_retail_codes_are_rejected():
    assert not is_plausible(Decoded("ean13", "4006381333932"))
    assert not is_plausible(Decoded("upca", "4006381333931"))  # wrong length
    assert is_plausible(Decoded("code128", "anything"))


def test_position_does_not_affect_identity():
    a = Decoded("qrcode", "X", position=((0, 0), (1, 0), (1, 1), (0, 1)))
    assert a == Decoded("qrcode", "X") and a.key == ("qrcode", "X")
