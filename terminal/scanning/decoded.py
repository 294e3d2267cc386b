"""The one result type every decoder returns, so callers never see library objects.

Symbology names are normalised lower-case strings ("qrcode", "code128", "ean13", ...)
so that confirmation rules and the rest of the app do not depend on zxing-cpp or zbar
naming.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Point = tuple[int, int]
Quad = tuple[Point, Point, Point, Point]

#: Matrix (2D) symbologies: their own error correction makes one frame trustworthy.
TWO_D_SYMBOLOGIES = frozenset({"qrcode", "microqr", "pdf417", "datamatrix", "aztec"})

#: Retail symbologies whose last digit is a GTIN mod-10 check digit.
GTIN_SYMBOLOGIES = frozenset({"ean13", "ean8", "upca"})


@dataclass(frozen=True, slots=True)
class Decoded:
    """One barcode read from one frame.

    `text` is the plain payload (GS1 separators as ASCII GS, no symbol rendering);
    `raw` holds the payload bytes where the library provides them (binary QR codes).
    `position` is the corner quad in frame pixels, when known; it is excluded from
    equality so that the same code seen at two places compares equal.
    """

    symbology: str
    text: str
    raw: bytes | None = None
    position: Quad | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        """Identity used for confirmation and duplicate suppression."""
        return (self.symbology, self.text)

    @property
    def is_2d(self) -> bool:
        return self.symbology in TWO_D_SYMBOLOGIES


def gtin_check_digit_ok(digits: str) -> bool:
    """True if `digits` is an 8/12/13/14-digit GTIN whose mod-10 check digit matches."""
    if len(digits) not in (8, 12, 13, 14) or not digits.isascii() or not digits.isdigit():
        return False
    body, check = digits[:-1], int(digits[-1])
    # Weights 3,1,3,1... from the rightmost body digit.
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def is_plausible(result: Decoded) -> bool:
    """Reject retail codes with a wrong length or check digit before anyone beeps."""
    if result.symbology == "ean13":
        return len(result.text) == 13 and gtin_check_digit_ok(result.text)
    if result.symbology == "ean8":
        return len(result.text) == 8 and gtin_check_digit_ok(result.text)
    if result.symbology == "upca":
        return len(result.text) == 12 and gtin_check_digit_ok(result.text)
    return bool(result.text) or bool(result.raw)
