"""Find 1D barcodes with OpenCV and cut them out upright.

zxing-cpp and zbar scan along rows (and columns), so a linear code tilted by 20-70
degrees is invisible to them. OpenCV's `barcode.BarcodeDetector().detect()` finds such
codes at any angle; rotating the found box to horizontal and decoding the crop again
recovers them (SCANNING.md). Only the locator is used: OpenCV's own 1D decoder misreads
Code128 as EAN.

Detection runs on a reduced copy of the frame (`search`, the decoder's coarse level) and
the crops are cut from the frame itself, so they keep every pixel of detail.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .decoded import Quad

#: Extra margin around the detected box, as a fraction of its size: the detector hugs
#: the bars and the decoders need a quiet zone. Across the bars a quarter is enough.
_PAD_ALONG = 0.30
_PAD_ACROSS = 0.25
_MIN_SIDE = 8
#: Every crop is scaled so the code is this long (at most 3x up; large codes are reduced):
#: zbar misses bars thinner than ~3 px, and a code filling a 720p frame made a 1200x700 crop
#: that took zbar 20+ ms. 400 px gives an EAN-13 4 px per module.
_LENGTH_PX = 400.0
_MAX_UPSCALE = 3.0
#: At most this many boxes per frame are cropped and decoded (largest first): bounds the
#: time of a frame full of stripes. The sample photos never have more than 3.
MAX_BOXES = 4
#: Detector tuning (measured, see docs/benchmarks-scanning.md): detecting on a frame
#: downsampled to 256 px and skipping the smallest window scale cut the locate time at
#: 720p from ~7 ms to ~3-4 ms; on the coarse level (320x180 for 720p) it is ~0.8 ms.
_DOWNSAMPLING_THRESHOLD = 256.0
_DETECTOR_SCALES = [0.03, 0.06, 0.08]


@dataclass(frozen=True, slots=True)
class UprightCrop:
    """A barcode candidate rotated so its bars are vertical, with its place in the frame."""

    image: np.ndarray
    quad: Quad


class BarcodeLocator:
    """Wraps one `cv2.barcode.BarcodeDetector` (not shared between threads)."""

    def __init__(self) -> None:
        self._detector = cv2.barcode.BarcodeDetector()
        self._detector.setDownsamplingThreshold(_DOWNSAMPLING_THRESHOLD)
        self._detector.setDetectorScales(_DETECTOR_SCALES)

    def upright_crops(
        self, gray: np.ndarray, search: np.ndarray | None = None, factor: int = 1
    ) -> list[UprightCrop]:
        """Crops of `gray` (2-D uint8) around the 1D codes found in `search`, largest first.

        `search` is `gray` reduced `factor` times (default: `gray` itself, factor 1); its
        boxes are scaled back to `gray` pixels. At most MAX_BOXES crops are returned.
        """
        ok, points = self._detector.detect(gray if search is None else search)
        if not ok or points is None:
            return []
        quads = np.asarray(points, dtype=np.float32).reshape(-1, 4, 2) * float(factor)
        quads = sorted(quads, key=lambda q: -cv2.contourArea(q))[:MAX_BOXES]
        return [crop for quad in quads if (crop := _straighten(gray, quad)) is not None]


def _straighten(gray: np.ndarray, quad: np.ndarray) -> UprightCrop | None:
    (cx, cy), (w, h), angle = cv2.minAreaRect(quad)
    if w < h:  # make the long side (along the code) horizontal
        w, h = h, w
        angle += 90.0
    if h < _MIN_SIDE:
        return None
    scale = min(_MAX_UPSCALE, _LENGTH_PX / w)
    out_w = int(w * scale * (1 + 2 * _PAD_ALONG))
    out_h = int(h * scale * (1 + 2 * _PAD_ACROSS))
    m = cv2.getRotationMatrix2D((cx, cy), angle, scale)
    m[0, 2] += out_w / 2 - cx
    m[1, 2] += out_h / 2 - cy
    image = cv2.warpAffine(
        gray, m, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    corners = tuple((int(round(x)), int(round(y))) for x, y in quad)
    return UprightCrop(image=image, quad=corners)  # type: ignore[arg-type]
