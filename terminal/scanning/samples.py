"""Read a folder of labelled barcode images (the zxing-cpp test-sample layout).

Shared by the decode-rate tests and the benchmark so both count the same way.
Layout: `<symbology>-<n>/<name>.<image>` with the expected payload in `<name>.txt`
(UTF-8) or `<name>.bin` (bytes); `*.result.txt` / `*.metadata.txt` are zxing metadata.
Images without their own ground truth (structured-append pieces such as `01-02.png`
sharing `01.txt`) are left out; `falsepositives-*` images expect no read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .decoded import Decoded
from .frames import IMAGE_SUFFIXES

FALSE_POSITIVES = "falsepositives"

#: Symbologies whose payload is digits only: whitespace in their ground truth is noise.
_DIGITS_ONLY = frozenset({"ean13", "ean8", "upca"})


@dataclass(frozen=True, slots=True)
class Sample:
    symbology: str  # folder prefix, e.g. "qrcode", or FALSE_POSITIVES
    path: Path
    expected: str | bytes | None  # None only for false-positive images

    @property
    def is_false_positive_image(self) -> bool:
        return self.symbology == FALSE_POSITIVES

    def matches(self, result: Decoded) -> bool:
        if isinstance(self.expected, bytes):
            return result.raw == self.expected
        if self.symbology in _DIGITS_ONLY and self.expected is not None:
            return result.text == self.expected.strip()
        return result.text == self.expected


def load_samples(root: Path) -> list[Sample]:
    samples: list[Sample] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        symbology = folder.name.rsplit("-", 1)[0]
        for image in sorted(folder.iterdir()):
            if image.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            expected = _expected(image)
            if expected is None and symbology != FALSE_POSITIVES:
                continue
            samples.append(Sample(symbology, image, expected))
    return samples


def _expected(image: Path) -> str | bytes | None:
    text, binary = image.with_suffix(".txt"), image.with_suffix(".bin")
    if text.exists():
        return text.read_bytes().decode("utf-8")
    if binary.exists():
        return binary.read_bytes()
    return None
