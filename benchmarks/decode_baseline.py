"""The product decoder as it was before issue 17's speed work, kept for the benchmark only.

`bench_decode` prints it beside today's product decoder so that the before/after figures
come from one run on one (shared, noisy) machine. Not used by the terminal.

Path: zxing-cpp on the full frame; on a miss zxing on the half-size frame (frames >= 360 px);
on a miss OpenCV locates 1D codes on the full frame, each box is rotated upright, padded and
enlarged to >= 400 px (never reduced), then decoded by zxing (1D formats) and zbar.
"""

from __future__ import annotations

import cv2
import numpy as np

from terminal.scanning.decoded import Decoded
from terminal.scanning.decoders import (
    LINEAR_FORMATS,
    Decoder,
    DecoderUnavailable,
    PyzbarDecoder,
    ZxingDecoder,
    scaled,
)
from terminal.scanning.frames import to_gray

_HALVE_FROM_PX = 360
_PAD_ALONG, _PAD_ACROSS, _MIN_SIDE = 0.30, 0.50, 8
_MIN_LENGTH_PX, _MAX_UPSCALE = 400.0, 3.0


class BaselineCombinedDecoder(Decoder):
    name = "combined before issue 17"

    def __init__(self) -> None:
        self._primary = ZxingDecoder()
        self._crop_zxing = ZxingDecoder(LINEAR_FORMATS, try_invert=False)
        self._detector = cv2.barcode.BarcodeDetector()
        self._detector.setDownsamplingThreshold(256.0)
        self._detector.setDetectorScales([0.03, 0.06, 0.08])
        try:
            self._crop_zbar: Decoder | None = PyzbarDecoder(("ean13", "ean8", "upca", "code128"))
        except DecoderUnavailable:
            self._crop_zbar = None

    def decode(self, image: np.ndarray) -> list[Decoded]:
        gray = to_gray(image)
        found = self._primary.decode(gray)
        if not found and min(gray.shape[:2]) >= _HALVE_FROM_PX:
            h, w = gray.shape[:2]
            half = cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
            found = [scaled(r, 2) for r in self._primary.decode(half)]
        if found:
            return found
        results: list[Decoded] = []
        ok, points = self._detector.detect(gray)
        if not ok or points is None:
            return []
        for quad in np.asarray(points, dtype=np.float32).reshape(-1, 4, 2):
            crop = _straighten(gray, quad)
            if crop is None:
                continue
            for decoder in (self._crop_zxing, self._crop_zbar):
                if decoder is None:
                    continue
                hits = decoder.decode(crop)
                if hits:
                    results.extend(hits)
                    break
        return list(dict.fromkeys(results))


def _straighten(gray: np.ndarray, quad: np.ndarray) -> np.ndarray | None:
    (cx, cy), (w, h), angle = cv2.minAreaRect(quad)
    if w < h:
        w, h = h, w
        angle += 90.0
    if h < _MIN_SIDE:
        return None
    scale = min(_MAX_UPSCALE, max(1.0, _MIN_LENGTH_PX / w))
    out_w = int(w * scale * (1 + 2 * _PAD_ALONG))
    out_h = int(h * scale * (1 + 2 * _PAD_ACROSS))
    m = cv2.getRotationMatrix2D((cx, cy), angle, scale)
    m[0, 2] += out_w / 2 - cx
    m[1, 2] += out_h / 2 - cy
    return cv2.warpAffine(gray, m, (out_w, out_h), flags=cv2.INTER_CUBIC,
                          borderMode=cv2.BORDER_REPLICATE)
