"""Barcode decoders behind one small interface, chosen by name with `make_decoder`.

* "zxing"    - zxing-cpp tuned for a live camera: only the symbologies we use, no
               rotation/downscale retries (they triple the time per frame and gained
               one EAN-13 and one PDF417 image on the samples), inverted codes tried
               (+3 QR codes on phones in dark mode for ~0.5 ms at 720p).
* "pyzbar"   - zbar; optional, needs the libzbar shared library, imported lazily.
* "combined" - the product decoder: zxing first; only when it finds nothing, OpenCV
               locates 1D codes at any angle, the upright crops are decoded by zxing and
               then by zbar (which reads some worn or small EAN-13s zxing misses).
               See docs/benchmarks-scanning.md for the measurements behind this.

Every decoder returns `Decoded` values with validated EAN/UPC check digits; no
library types escape this module.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any

import cv2
import numpy as np
import zxingcpp

from .decoded import Decoded, Quad, is_plausible
from .frames import to_gray
from .locate import BarcodeLocator

_F = zxingcpp.BarcodeFormat

#: Frames at least this tall get the half-size retry (not the small sample photos).
_HALVE_FROM_PX = 360

#: What the terminal reads: loyalty cards/coupons (QR, Code128, PDF417, DataMatrix)
#: and retail product codes (EAN/UPC).
PRODUCT_FORMATS: tuple[Any, ...] = (
    _F.QRCode,
    _F.Code128,
    _F.EAN13,
    _F.EAN8,
    _F.UPCA,
    _F.PDF417,
    _F.DataMatrix,
)
LINEAR_FORMATS: tuple[Any, ...] = (_F.Code128, _F.EAN13, _F.EAN8, _F.UPCA)

_ZXING_NAMES = {
    "QRCode": "qrcode",
    "QRCodeModel1": "qrcode",
    "QRCodeModel2": "qrcode",
    "MicroQRCode": "microqr",
    "RMQRCode": "rmqr",
    "Code128": "code128",
    "EAN13": "ean13",
    "EAN8": "ean8",
    "UPCA": "upca",
    "UPCE": "upce",
    "PDF417": "pdf417",
    "CompactPDF417": "pdf417",
    "DataMatrix": "datamatrix",
    "Aztec": "aztec",
    "AztecCode": "aztec",
}
_ZBAR_NAMES = {
    "QRCODE": "qrcode",
    "CODE128": "code128",
    "EAN13": "ean13",
    "EAN8": "ean8",
    "UPCA": "upca",
    "UPCE": "upce",
    "PDF417": "pdf417",
    "I25": "itf",
    "CODE39": "code39",
}


class DecoderUnavailable(RuntimeError):
    """The requested decoder's native library is not installed."""


class Decoder(ABC):
    """Decode every barcode visible in one grayscale or BGR frame."""

    name: str = "decoder"

    @abstractmethod
    def decode(self, image: np.ndarray) -> list[Decoded]:
        """Return plausible reads, best first; an empty list when nothing is found."""


class ZxingDecoder(Decoder):
    name = "zxing"

    def __init__(
        self,
        formats: Sequence[Any] = PRODUCT_FORMATS,
        *,
        try_rotate: bool = False,
        try_downscale: bool = False,
        try_invert: bool = True,
    ) -> None:
        self._options = dict(
            formats=tuple(formats),
            try_rotate=try_rotate,
            try_downscale=try_downscale,
            try_invert=try_invert,
            # Plain, not HRI: HRI renders GS1 data as "(01)..." and control chars as
            # symbols; we want the payload itself.
            text_mode=zxingcpp.TextMode.Plain,
        )

    def decode(self, image: np.ndarray) -> list[Decoded]:
        if image.ndim == 3 and image.shape[2] != 3:
            image = to_gray(image)
        found = zxingcpp.read_barcodes(np.ascontiguousarray(image), **self._options)
        return _plausible(_from_zxing(r) for r in found)


class PyzbarDecoder(Decoder):
    """zbar via pyzbar. Reads no DataMatrix and, in practice, no PDF417."""

    name = "pyzbar"

    def __init__(self, symbologies: Iterable[str] | None = None) -> None:
        try:
            from pyzbar import pyzbar
        except ImportError as exc:  # raised by pyzbar when libzbar is missing
            raise DecoderUnavailable(
                "pyzbar needs the zbar shared library (Debian/Ubuntu: "
                "apt-get install libzbar0; macOS: brew install zbar): " + str(exc)
            ) from exc
        self._pyzbar = pyzbar
        self._symbols = None
        if symbologies is not None:
            by_name = {v: k for k, v in _ZBAR_NAMES.items()}
            self._symbols = [pyzbar.ZBarSymbol[by_name[s]] for s in symbologies]

    def decode(self, image: np.ndarray) -> list[Decoded]:
        gray = np.ascontiguousarray(to_gray(image))
        found = self._pyzbar.decode(gray, symbols=self._symbols)
        return _plausible(_from_zbar(r) for r in found)


class CombinedDecoder(Decoder):
    """zxing on the whole frame; on a miss, zxing on the frame at half size (codes held
    close to the camera have modules too large for zxing's binariser), then decode
    upright crops of 1D codes located by OpenCV.

    The fallbacks cost ~5 ms at 720p and run only on frames where zxing found nothing.
    zbar on the crops is used when available (`use_zbar`) and silently skipped when
    libzbar is missing.
    """

    name = "combined"

    def __init__(self, *, use_zbar: bool = True, primary: Decoder | None = None) -> None:
        self._primary = primary or ZxingDecoder()
        self._crop_zxing = ZxingDecoder(LINEAR_FORMATS, try_invert=False)
        self._locator = BarcodeLocator()
        self._crop_zbar: Decoder | None = None
        if use_zbar:
            try:
                self._crop_zbar = PyzbarDecoder(("ean13", "ean8", "upca", "code128"))
            except DecoderUnavailable:
                self._crop_zbar = None

    @property
    def uses_zbar(self) -> bool:
        return self._crop_zbar is not None

    def decode(self, image: np.ndarray) -> list[Decoded]:
        gray = to_gray(image)
        found = self._primary.decode(gray)
        if not found and min(gray.shape[:2]) >= _HALVE_FROM_PX:
            found = [_scaled(r, 2) for r in self._primary.decode(_half(gray))]
        if found:
            return found
        return self._decode_located(gray)

    def _decode_located(self, gray: np.ndarray) -> list[Decoded]:
        results: list[Decoded] = []
        for crop in self._locator.upright_crops(gray):
            for decoder in (self._crop_zxing, self._crop_zbar):
                if decoder is None:
                    continue
                hits = decoder.decode(crop.image)
                if hits:
                    results.extend(_placed(h, crop.quad) for h in hits)
                    break
        return list(dict.fromkeys(results))


def make_decoder(name: str = "combined") -> Decoder:
    """Build a decoder by name: "zxing", "pyzbar" or "combined" (the product default)."""
    factories = {
        "zxing": ZxingDecoder,
        "pyzbar": PyzbarDecoder,
        "combined": CombinedDecoder,
    }
    try:
        factory = factories[name]
    except KeyError:
        raise ValueError(f"unknown decoder {name!r}; choose from {sorted(factories)}") from None
    return factory()


def _half(gray: np.ndarray) -> np.ndarray:
    h, w = gray.shape[:2]
    return cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)


def _scaled(result: Decoded, factor: int) -> Decoded:
    if result.position is None:
        return result
    quad = tuple((x * factor, y * factor) for x, y in result.position)
    return Decoded(result.symbology, result.text, result.raw, quad)  # type: ignore[arg-type]


def _plausible(results: Iterable[Decoded]) -> list[Decoded]:
    return [r for r in dict.fromkeys(results) if is_plausible(r)]


def _placed(result: Decoded, quad: Quad) -> Decoded:
    """Crops have their own coordinates; report the located box in the frame instead."""
    return Decoded(result.symbology, result.text, result.raw, quad)


def _from_zxing(r: Any) -> Decoded:
    p = r.position
    quad = tuple((pt.x, pt.y) for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
    fmt = r.format.name
    return Decoded(
        symbology=_ZXING_NAMES.get(fmt, fmt.lower()),
        text=r.text,
        raw=bytes(r.bytes),
        position=quad,  # type: ignore[arg-type]
    )


def _from_zbar(r: Any) -> Decoded:
    data: bytes = r.data
    quad = None
    if len(r.polygon) == 4:
        quad = tuple((int(pt.x), int(pt.y)) for pt in r.polygon)
    return Decoded(
        symbology=_ZBAR_NAMES.get(r.type, r.type.lower()),
        text=data.decode("utf-8", errors="replace"),
        raw=data,
        position=quad,  # type: ignore[arg-type]
    )
