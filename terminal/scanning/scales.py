"""The resolutions a camera frame is decoded at, and the aiming box.

A 1280x720 webcam frame is first decoded at half size: a card held up to the camera has
modules of 4 px or more, which zxing-cpp reads at half size in under half the time.
`ScaleLevels` holds that working image, one coarser level (for codes held so close that
their modules are too large for zxing's binariser) and the frame itself.

The full-resolution attempt (codes whose modules are under ~4 px, i.e. small or far away)
is only made inside `AIM_BOX` plus a margin (`full_res_window`): no cheap test can tell
such a code is present at a coarser level, and 40% of the frame costs 40% of the time.
The camera preview draws `AIM_BOX`, so this is where the cashier holds a code.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

#: The aiming box as fractions of the frame (left, top, right, bottom); drawn by the preview.
AIM_BOX = (0.20, 0.25, 0.80, 0.75)
#: Margin around the aiming box for the full-resolution attempt, as a fraction of the frame:
#: a code held across the box edge is still whole inside the window.
AIM_MARGIN = 0.05

#: Frames are halved until their long side is at most this (1280x720 -> 640x360; 640x480 stays).
WORK_MAX_LONG_SIDE = 1000
#: A coarser level is made only while its short side stays at least this (in pixels).
COARSE_MIN_SHORT_SIDE = 100

Window = tuple[int, int, int, int]  # x0, y0, x1, y1 in frame pixels


@dataclass(frozen=True, slots=True)
class Level:
    """`image` is the frame reduced `factor` times (factor 1 = the frame itself)."""

    image: np.ndarray
    factor: int


@dataclass(frozen=True, slots=True)
class ScaleLevels:
    full: np.ndarray
    work: Level
    coarse: Level | None  # None when the working image is too small to halve

    @classmethod
    def of(cls, gray: np.ndarray) -> ScaleLevels:
        """Levels of a 2-D uint8 frame; reductions use INTER_AREA (averaging, no aliasing)."""
        work = Level(gray, 1)
        while max(work.image.shape[:2]) > WORK_MAX_LONG_SIDE:
            work = Level(_half(work.image), work.factor * 2)
        coarse = None
        if min(work.image.shape[:2]) // 2 >= COARSE_MIN_SHORT_SIDE:
            coarse = Level(_half(work.image), work.factor * 2)
        return cls(gray, work, coarse)

    @property
    def reduced(self) -> bool:
        """True when the working image is smaller than the frame (a full-resolution pass can add)."""
        return self.work.factor > 1


def full_res_window(shape: tuple[int, ...]) -> Window:
    """The part of a frame of `shape` (height, width, ...) given a full-resolution attempt."""
    h, w = shape[:2]
    left, top, right, bottom = AIM_BOX
    x0, x1 = max(0.0, left - AIM_MARGIN), min(1.0, right + AIM_MARGIN)
    y0, y1 = max(0.0, top - AIM_MARGIN), min(1.0, bottom + AIM_MARGIN)
    return int(x0 * w), int(y0 * h), int(round(x1 * w)), int(round(y1 * h))


def _half(gray: np.ndarray) -> np.ndarray:
    h, w = gray.shape[:2]
    return cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
