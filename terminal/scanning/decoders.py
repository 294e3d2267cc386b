"""Barcode decoders behind one small interface, chosen by name with `make_decoder`.

* "zxing"    - zxing-cpp tuned for a live camera: only the symbologies we use, no
               rotation/downscale retries (they triple the time per frame and gained
               one EAN-13 and one PDF417 image on the samples), inverted codes tried
               (+3 QR codes on phones in dark mode for ~0.5 ms at 720p).
* "pyzbar"   - zbar; optional, needs the libzbar shared library, imported lazily.
* "combined" - the product decoder: zxing on a half-size frame first; only when it finds
               nothing, zxing on a quarter-size frame, then OpenCV locates 1D codes at
               any angle (upright crops decoded by zxing and then by zbar, which reads
               some worn or small EAN-13s zxing misses), then zxing at full resolution
               inside the aiming box. See docs/benchmarks-scanning.md for the measurements.

Every decoder returns `Decoded` values with validated EAN/UPC check digits; no
library types escape this module.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import zxingcpp

from .decoded import Decoded, Quad, is_plausible
from .frames import to_gray
from .locate import BarcodeLocator
from .scales import ScaleLevels, full_res_window

_F = zxingcpp.BarcodeFormat

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
    """The product decoder: the cheapest attempt that usually reads the code first, the
    costlier ones only on frames where nothing was found yet.

    1. zxing, all product formats, on the working image (`ScaleLevels`: half size for
       720p), with zxing's own `try_downscale` layer (a third of that). Most frames with a
       code end here (~1.5 ms at 720p instead of ~3.5 ms for the whole frame).
    2. zxing on the coarse level (a quarter for 720p): codes held so close that their
       modules are too large for zxing's binariser; then PDF417 turned 90 degrees there.
       (Frames too small for a coarse level get `try_rotate` on the working image.)
    3. OpenCV locates 1D codes on the coarse level; each box is cut upright from the full
       frame and decoded by zxing, then by zbar (tilted and worn EAN-13/Code128).
    4. Only when the working image is reduced: zxing at full resolution inside the aiming
       box (`full_res_window`): small or distant codes.

    A frame with no code pays all four: ~4.6 ms of CPU at 720p, against ~9 ms for the path
    before issue 17 (whole frame at full resolution, then half size, then the locator).
    `last_attempts` lists (step, decoded image height, width) of the last call: what the
    tests use to check which path a frame took. zbar on the crops is used when available
    (`use_zbar`) and silently skipped when libzbar is missing.
    """

    name = "combined"

    def __init__(self, *, use_zbar: bool = True) -> None:
        self._any = ZxingDecoder()
        self._work = ZxingDecoder(try_downscale=True)
        self._any_rotated = ZxingDecoder(try_rotate=True)
        self._pdf417_rotated = ZxingDecoder((_F.PDF417,), try_rotate=True, try_invert=False)
        self._full_res = ZxingDecoder(try_invert=False)
        self._crop_zxing = ZxingDecoder(LINEAR_FORMATS, try_invert=False)
        self._locator = BarcodeLocator()
        self._crop_zbar: Decoder | None = None
        if use_zbar:
            try:
                self._crop_zbar = PyzbarDecoder(("ean13", "ean8", "upca", "code128"))
            except DecoderUnavailable:
                self._crop_zbar = None
        self.last_attempts: list[tuple[str, int, int]] = []

    @property
    def uses_zbar(self) -> bool:
        return self._crop_zbar is not None

    def decode(self, image: np.ndarray) -> list[Decoded]:
        self.last_attempts = []
        levels = ScaleLevels.of(to_gray(image))
        work, coarse = levels.work, levels.coarse
        first = self._work if coarse is not None else self._any_rotated
        found = self._attempt("work", first, work.image)
        if found:
            return [scaled(r, work.factor) for r in found]
        if coarse is not None:
            found = self._attempt("coarse", self._any, coarse.image) or self._attempt(
                "coarse pdf417 rotated", self._pdf417_rotated, coarse.image
            )
            if found:
                return [scaled(r, coarse.factor) for r in found]
        search = coarse or work
        found = self._decode_located(levels.full, search.image, search.factor)
        if found or not levels.reduced:
            return found
        x0, y0, x1, y1 = full_res_window(levels.full.shape)
        window = levels.full[y0:y1, x0:x1]
        return [shifted(r, x0, y0) for r in self._attempt("full-res window", self._full_res, window)]

    def _attempt(self, step: str, decoder: Decoder, image: np.ndarray) -> list[Decoded]:
        self.last_attempts.append((step, *image.shape[:2]))
        return decoder.decode(image)

    def _decode_located(self, gray: np.ndarray, search: np.ndarray, factor: int) -> list[Decoded]:
        results: list[Decoded] = []
        for crop in self._locator.upright_crops(gray, search, factor):
            for decoder in (self._crop_zxing, self._crop_zbar):
                if decoder is None:
                    continue
                hits = self._attempt("located crop", decoder, crop.image)
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


def scaled(result: Decoded, factor: int) -> Decoded:
    """`result` found on an image reduced `factor` times, with its corners in frame pixels."""
    if result.position is None or factor == 1:
        return result
    quad = tuple((x * factor, y * factor) for x, y in result.position)
    return Decoded(result.symbology, result.text, result.raw, quad)  # type: ignore[arg-type]


def shifted(result: Decoded, dx: int, dy: int) -> Decoded:
    """`result` found in a window whose top-left corner is (dx, dy), in frame pixels."""
    if result.position is None:
        return result
    quad = tuple((x + dx, y + dy) for x, y in result.position)
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
