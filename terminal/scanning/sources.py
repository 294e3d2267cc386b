"""Where the camera's frames come from: a camera device, a video file or a folder of images (issue 17 §4.9).

    parse_source(text, default_index=0) -> CameraSource    "" (the configured camera index), "2" (camera 2),
        a path to a video file, or a path to a folder of images; ValueError naming what is wrong
    source_frames(src, fps=5.0, sleep=time.sleep) -> Iterator[numpy frame]
        device: the camera's frames; CameraSourceError("missing") when it cannot be opened,
                CameraSourceError("stopped") when it stops sending pictures (unplugged, taken by another program);
        video:  the file's frames, looped, at most `fps` a second (its own rate when lower);
        folder: its images (sorted by name), looped, `fps` a second;
        a file or folder that is gone or has no readable picture: CameraSourceError("file").

Files and folders stand in for a camera in tests, demos and training: the counter scans them exactly as it
scans a camera's frames. Everything touching OpenCV stays in terminal/scanning (frames.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from terminal.scanning import frames as fr

MAX_DEVICE_INDEX = 15


class CameraSourceError(OSError):
    """The camera source cannot give frames. `kind`: "missing" (no such camera, or it cannot be opened),
    "stopped" (it stopped sending pictures), "file" (a video file or image folder gone or unreadable)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class CameraSource:
    kind: str  # "device" | "video" | "folder"
    index: int = 0
    path: Path | None = None

    def describe(self) -> str:
        return f"camera {self.index}" if self.kind == "device" else str(self.path)


def parse_source(text: str, *, default_index: int = 0) -> CameraSource:
    """The camera source a setting names (module docstring). ValueError for an index out of 0-15, a path that is
    neither a folder nor a file, or a file that is an image (a single picture: use its folder)."""
    text = (text or "").strip()
    if not text:
        return CameraSource("device", default_index)
    if text.isdigit():
        index = int(text)
        if index > MAX_DEVICE_INDEX:
            raise ValueError(f"camera index {index} is out of range 0-{MAX_DEVICE_INDEX}")
        return CameraSource("device", index)
    path = Path(os.path.expanduser(text))
    if path.is_dir():
        return CameraSource("folder", path=path)
    if path.is_file():
        if path.suffix.lower() in fr.IMAGE_SUFFIXES:
            raise ValueError(f"{text}: a single image; put it in a folder and name the folder")
        return CameraSource("video", path=path)
    raise ValueError(f"{text}: no such video file or image folder")


def source_frames(src: CameraSource, *, fps: float = 5.0, sleep: Callable[[float], None] = time.sleep) -> Iterator[np.ndarray]:
    """The frames of `src` (module docstring). `fps` > 0 paces files and folders; `sleep` is injectable for tests."""
    if fps <= 0:
        raise ValueError("fps must be positive")
    if src.kind == "device":
        return _device(src.index)
    if src.kind == "video":
        return _video(src.path, fps, sleep)
    return _folder(src.path, fps, sleep)


def _device(index: int) -> Iterator[np.ndarray]:
    try:
        capture = fr.open_camera(index)
    except OSError as exc:
        raise CameraSourceError("missing", f"camera {index} cannot be opened (not connected, or in use by another "
                                           f"program): {exc}") from None
    try:
        while True:
            ok, frame = capture.read()
            if not ok:
                raise CameraSourceError("stopped", f"camera {index} stopped sending pictures")
            yield frame
    finally:
        capture.release()


def _video(path: Path, fps: float, sleep: Callable[[float], None]) -> Iterator[np.ndarray]:
    while True:  # looped: a demo runs as long as the window does
        if not path.is_file():
            raise CameraSourceError("file", f"{path}: the video file is gone")
        frames = 0
        rate = min(fps, fr.video_fps(path) or fps)
        for frame in fr.video_frames(path):
            frames += 1
            yield frame
            sleep(1.0 / rate)
        if frames == 0:
            raise CameraSourceError("file", f"{path}: no picture could be read from this video file")


def _folder(path: Path, fps: float, sleep: Callable[[float], None]) -> Iterator[np.ndarray]:
    while True:
        if not path.is_dir():
            raise CameraSourceError("file", f"{path}: the image folder is gone")
        shown = 0
        for frame in fr.image_frames(fr.image_files(path)):
            shown += 1
            yield frame
            sleep(1.0 / fps)
        if shown == 0:
            raise CameraSourceError("file", f"{path}: no readable image in this folder")
