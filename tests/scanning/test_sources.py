"""Camera sources (issue 17 §4.9): a device, a video file or an image folder; looped, paced, and failures by kind."""

from __future__ import annotations

import itertools
import shutil

import cv2
import numpy as np
import pytest

from terminal.scanning.frames import read_image
from terminal.scanning.sources import CameraSource, CameraSourceError, parse_source, source_frames


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, s: float) -> None:
        self.calls.append(s)


def test_parse_source_names_device_video_and_folder(tmp_path):
    assert parse_source("") == CameraSource("device", 0)
    assert parse_source("", default_index=3) == CameraSource("device", 3)
    assert parse_source(" 2 ") == CameraSource("device", 2)
    (tmp_path / "v.avi").write_bytes(b"x")
    assert parse_source(str(tmp_path / "v.avi")) == CameraSource("video", path=tmp_path / "v.avi")
    assert parse_source(str(tmp_path)) == CameraSource("folder", path=tmp_path)


@pytest.mark.parametrize("text, message", [
    ("16", "out of range 0-15"),
    ("/no/such/place", "no such video file or image folder"),
    ("image.png", "a single image"),
], ids=["index-too-high", "missing-path", "single-image"])
def test_parse_source_refuses_with_what_is_wrong(text, message, tmp_path):
    if text == "image.png":
        (tmp_path / text).write_bytes(b"x")
        text = str(tmp_path / text)
    with pytest.raises(ValueError, match=message):
        parse_source(text)


def test_a_folder_loops_its_images_in_name_order_at_the_fps(barcode_samples_dir, tmp_path):
    shutil.copy(barcode_samples_dir / "qrcode-1" / "1.webp", tmp_path / "b.webp")
    shutil.copy(barcode_samples_dir / "code128-1" / "1.png", tmp_path / "a.png")
    (tmp_path / "notes.txt").write_text("not an image")
    sleeps = Sleeps()
    frames = list(itertools.islice(source_frames(parse_source(str(tmp_path)), fps=4, sleep=sleeps), 5))
    a, b = read_image(tmp_path / "a.png"), read_image(tmp_path / "b.webp")
    assert [f.shape for f in frames] == [a.shape, b.shape, a.shape, b.shape, a.shape]  # a, b, then again
    assert np.array_equal(frames[2], a) and sleeps.calls == [0.25] * 4


def test_an_empty_or_vanished_folder_is_a_file_problem(tmp_path):
    gen = source_frames(parse_source(str(tmp_path)), sleep=Sleeps())
    with pytest.raises(CameraSourceError) as e:
        next(gen)
    assert e.value.kind == "file" and "no readable image" in str(e.value)
    gone = tmp_path / "gone"
    gone.mkdir()
    src = parse_source(str(gone))
    gone.rmdir()
    with pytest.raises(CameraSourceError, match="gone") as e:
        next(source_frames(src, sleep=Sleeps()))
    assert e.value.kind == "file"


def _video(path, n: int, fps: float = 10.0):
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (64, 48))
    if not writer.isOpened():
        pytest.skip("this OpenCV build cannot write MJPG video")
    for i in range(n):
        writer.write(np.full((48, 64, 3), 20 * i, dtype=np.uint8))
    writer.release()


def test_a_video_file_loops_at_most_at_its_own_rate(tmp_path):
    path = tmp_path / "demo.avi"
    _video(path, 3, fps=2.0)
    sleeps = Sleeps()
    frames = list(itertools.islice(source_frames(parse_source(str(path)), fps=5, sleep=sleeps), 7))
    levels = [int(f.mean() // 10) for f in frames]
    assert len(frames) == 7 and levels[:3] == levels[3:6] and levels[0] == levels[6]  # looped
    assert sleeps.calls == [0.5] * 6  # its own 2 fps, below the 5 fps asked


def test_a_file_that_is_not_a_video_is_a_file_problem(tmp_path):
    path = tmp_path / "broken.avi"
    path.write_bytes(b"not a video at all")
    with pytest.raises(CameraSourceError) as e:
        next(source_frames(parse_source(str(path)), sleep=Sleeps()))
    assert e.value.kind == "file" and "no picture could be read" in str(e.value)


def test_a_camera_that_is_not_there_is_missing():
    with pytest.raises(CameraSourceError) as e:
        next(source_frames(parse_source("15")))
    assert e.value.kind == "missing" and "camera 15 cannot be opened" in str(e.value)


def test_a_camera_that_stops_sending_pictures_says_stopped(monkeypatch):
    from terminal.scanning import frames

    class Capture:
        def __init__(self) -> None:
            self.reads = 0
            self.released = False

        def read(self):
            self.reads += 1
            return (True, np.zeros((4, 4, 3), np.uint8)) if self.reads <= 2 else (False, None)

        def release(self):
            self.released = True

    cap = Capture()
    monkeypatch.setattr(frames, "open_camera", lambda index: cap)
    gen = source_frames(parse_source("1"))
    assert next(gen).shape == (4, 4, 3) and next(gen).shape == (4, 4, 3)
    with pytest.raises(CameraSourceError) as e:
        next(gen)
    assert e.value.kind == "stopped" and cap.released


def test_fps_must_be_positive(tmp_path):
    with pytest.raises(ValueError, match="positive"):
        source_frames(parse_source(str(tmp_path)), fps=0)
