"""Frame sources as plain iterators, so files, videos and the camera feed one code path.

The UI may not import OpenCV (import-linter contract), so everything that touches
cv2 for images lives here: loading, letterboxing, grey conversion and the camera.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import cv2
import numpy as np

SIZE_480P = (640, 480)
SIZE_720P = (1280, 720)

#: Extensions cv2.imread reads in opencv-python-headless wheels.
IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff", ".pgm", ".ppm", ".pbm"}
)


def to_gray(frame: np.ndarray) -> np.ndarray:
    """Grey view of a BGR/BGRA/grey frame (decoders binarise luminance anyway)."""
    if frame.ndim == 2:
        return frame
    if frame.shape[2] == 1:
        return frame[:, :, 0]
    code = cv2.COLOR_BGRA2GRAY if frame.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(frame, code)


def read_image(path: str | os.PathLike[str], *, gray: bool = False) -> np.ndarray | None:
    """Load an image file (any format cv2 reads); None if it cannot be decoded."""
    flags = cv2.IMREAD_GRAYSCALE if gray else cv2.IMREAD_COLOR
    # imdecode instead of imread: imread fails on non-ASCII paths on Windows.
    data = np.fromfile(os.fspath(path), dtype=np.uint8)
    if data.size == 0:
        return None
    return cv2.imdecode(data, flags)


def letterbox(frame: np.ndarray, size: tuple[int, int], fill: int = 0) -> np.ndarray:
    """Scale `frame` to fit `size` (width, height) keeping its aspect ratio, pad the rest.

    Used to turn photos of any size into camera-sized frames for tests and benchmarks.
    """
    width, height = size
    h, w = frame.shape[:2]
    scale = min(width / w, height / h)
    new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    resized = cv2.resize(frame, (new_w, new_h), interpolation=interpolation)
    out = np.full((height, width, *frame.shape[2:]), fill, dtype=frame.dtype)
    top, left = (height - new_h) // 2, (width - new_w) // 2
    out[top : top + new_h, left : left + new_w] = resized
    return out


def image_frames(
    paths: Iterable[str | os.PathLike[str]],
    *,
    size: tuple[int, int] | None = None,
    gray: bool = False,
) -> Iterator[np.ndarray]:
    """Yield one frame per readable image file, optionally letterboxed to `size`."""
    for path in paths:
        frame = read_image(path, gray=gray)
        if frame is None:
            continue
        yield letterbox(frame, size) if size else frame


def image_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Image files in `folder`, sorted, by extension."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)


def video_frames(path: str | os.PathLike[str]) -> Iterator[np.ndarray]:
    """Yield every frame of a video file."""
    capture = cv2.VideoCapture(os.fspath(path))
    try:
        while True:
            ok, frame = capture.read()
            if not ok:
                return
            yield frame
    finally:
        capture.release()


def video_fps(path: str | os.PathLike[str]) -> float | None:
    """The frame rate a video file declares, or None (unknown, or not a video OpenCV can open)."""
    capture = cv2.VideoCapture(os.fspath(path))
    try:
        fps = capture.get(cv2.CAP_PROP_FPS) if capture.isOpened() else 0.0
    finally:
        capture.release()
    return fps if fps and fps > 0 else None


def open_camera(
    index: int = 0, size: tuple[int, int] = SIZE_720P, fps: int = 30
) -> cv2.VideoCapture:
    """Open a webcam as MJPG 1280x720@30 with a one-frame buffer (see SCANNING.md).

    On Windows DirectShow is used: MSMF can take seconds to open (opencv#17687).
    Raises OSError if the camera cannot be opened.
    """
    backend = cv2.CAP_DSHOW if sys.platform == "win32" else cv2.CAP_ANY
    capture = cv2.VideoCapture(index, backend)
    if not capture.isOpened():
        raise OSError(f"cannot open camera {index}")
    capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*"MJPG"))
    capture.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
    capture.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])
    capture.set(cv2.CAP_PROP_FPS, fps)
    capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # newest frame, not a stale queue
    return capture


def camera_frames(
    index: int = 0, size: tuple[int, int] = SIZE_720P, fps: int = 30
) -> Iterator[np.ndarray]:
    """Yield BGR frames from a camera until it fails; closing the iterator releases it."""
    capture = open_camera(index, size, fps)
    try:
        while True:
            ok, frame = capture.read()
            if not ok:
                return
            yield frame
    finally:
        capture.release()
