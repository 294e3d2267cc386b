"""Read a folder of labelled barcode images (the zxing-cpp test-sample layout).

Shared by the decode-rate tests and the benchmark so both count the same way.
Layout: `<symbology>-<n>/<name>.<image>` with the expected payload in `<name>.txt`
(UTF-8) or `<name>.bin` (bytes); `*.result.txt` / `*.metadata.txt` are zxing metadata.
Images without their own ground truth (structured-append pieces such as `01-02.png`
sharing `01.txt`) are left out; `falsepositives-*` images expect no read at all.

Where the photos are (one lookup for the tests and the benchmark): `$LT_BARCODE_SAMPLES`
when set, else `../shared/barcode-samples` beside the source checkout. They are never
copied into the repository; `SAMPLES_HELP` says where they come from.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .decoded import Decoded
from .frames import IMAGE_SUFFIXES

FALSE_POSITIVES = "falsepositives"

#: Environment variable naming the samples folder (overrides the default beside the checkout).
SAMPLES_ENV = "LT_BARCODE_SAMPLES"

#: Where the photos come from and how to put them in place (for messages and the README).
SAMPLES_HELP = (
    "The sample photos are the zxing-cpp project's test data (test/samples, Apache-2.0, "
    "https://github.com/zxing-cpp/zxing-cpp), folders qrcode-*, code128-*, ean13-*, pdf417-*, "
    "datamatrix-* and falsepositives-* (the exact list is in the README). Put them in "
    f"../shared/barcode-samples beside the checkout or point {SAMPLES_ENV} at a folder holding them."
)

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


class SamplesNotFound(LookupError):
    """The barcode sample photos are not where the lookup points; str() says where and what to do."""

    def __init__(self, message: str, path: Path, *, explicit: bool) -> None:
        super().__init__(message)
        self.path = path
        self.explicit = explicit  # True: $LT_BARCODE_SAMPLES named this path (a mistake, not an absence)


def default_samples_dir() -> Path:
    """`../shared/barcode-samples` beside the source checkout holding this package (absolute)."""
    checkout = Path(__file__).resolve().parents[2]
    return checkout.parent / "shared" / "barcode-samples"


def samples_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the samples should be: `$LT_BARCODE_SAMPLES` (if non-empty) else `default_samples_dir()`.

    `env` defaults to `os.environ`. The folder is not checked; see `locate_samples`.
    """
    env = os.environ if env is None else env
    named = env.get(SAMPLES_ENV, "").strip()
    return Path(named).expanduser() if named else default_samples_dir()


def locate_samples(env: Mapping[str, str] | None = None, *, root: Path | None = None) -> Path:
    """The samples folder, checked to hold `<symbology>-<n>` folders: `root` when given (a
    command-line option), else `samples_dir(env)`.

    Raises SamplesNotFound (message: the path looked at, why it does not count, and SAMPLES_HELP).
    """
    env = os.environ if env is None else env
    if root is not None:
        explicit, source = True, str(root)
    else:
        explicit = bool(env.get(SAMPLES_ENV, "").strip())
        root = samples_dir(env)
        source = f"{SAMPLES_ENV}={root}" if explicit else f"{root} (the default; {SAMPLES_ENV} is not set)"
    if not root.is_dir():
        raise SamplesNotFound(f"barcode sample photos not found: no folder at {source}. {SAMPLES_HELP}",
                              root, explicit=explicit)
    if not any(_is_sample_folder(p) for p in root.iterdir()):
        raise SamplesNotFound(f"barcode sample photos not found: {source} holds no <symbology>-<n> folders "
                              f"such as qrcode-1. {SAMPLES_HELP}", root, explicit=explicit)
    return root


def _is_sample_folder(path: Path) -> bool:
    name, _, number = path.name.rpartition("-")
    return bool(name) and number.isdigit() and path.is_dir()
