"""The pipeline fed from image and video files: the same code path as the camera.

Sample images: zxing-cpp test data (Apache-2.0, https://github.com/zxing/zxing-cpp).
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from terminal.scanning import (
    SIZE_480P,
    SIZE_720P,
    ScanConfirmation,
    ScanPipeline,
    image_frames,
    letterbox,
    make_decoder,
    video_frames,
)

FRAME = 1 / 30


def pick(samples, symbology, decoder, size=SIZE_720P):
    for s in samples:
        if s.symbology != symbology:
            continue
        frame = next(image_frames([s.path], size=size), None)
        if frame is not None and any(s.matches(r) for r in decoder.decode(frame)):
            return s
    pytest.fail(f"no decodable {symbology} sample")


@pytest.fixture(scope="module")
def decoder():
    return make_decoder("combined")


def test_card_held_in_view_beeps_once(barcode_samples, decoder):
    qr = pick(barcode_samples, "qrcode", decoder)
    pipeline = ScanPipeline(decoder, ScanConfirmation())
    frames = list(image_frames([qr.path] * 10, size=SIZE_720P))
    scans = [r for i, f in enumerate(frames) for r in pipeline.process(f, i * FRAME)]
    assert len(scans) == 1 and qr.matches(scans[0])


def test_1d_code_is_reported_on_the_second_frame(barcode_samples, decoder):
    ean = pick(barcode_samples, "ean13", decoder)
    pipeline = ScanPipeline(decoder)
    frame = next(image_frames([ean.path], size=SIZE_720P))
    assert pipeline.process(frame, 0.0) == []
    (scan,) = pipeline.process(frame, FRAME)
    assert ean.matches(scan)


def test_sequence_of_cards_with_empty_frames(barcode_samples, decoder):
    qr = pick(barcode_samples, "qrcode", decoder, SIZE_480P)
    dm = pick(barcode_samples, "datamatrix", decoder, SIZE_480P)
    blank = np.zeros((480, 640, 3), np.uint8)
    sequence = [qr.path] * 3 + [None] * 30 + [dm.path] * 3 + [None] * 30 + [qr.path] * 3
    pipeline = ScanPipeline(decoder, ScanConfirmation(holdoff=0.75))
    scans = []
    for i, path in enumerate(sequence):
        frame = blank if path is None else next(image_frames([path], size=SIZE_480P))
        scans += pipeline.process(frame, i * FRAME)
    assert [s.symbology for s in scans] == ["qrcode", "datamatrix", "qrcode"]


def test_video_file_frames(tmp_path, barcode_samples, decoder):
    qr = pick(barcode_samples, "qrcode", decoder, SIZE_480P)
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, SIZE_480P)
    if not writer.isOpened():
        pytest.skip("no MJPG video writer in this OpenCV build")
    frame = next(image_frames([qr.path], size=SIZE_480P))
    frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR) if frame.ndim == 2 else frame
    for _ in range(5):
        writer.write(frame)
    writer.release()
    pipeline = ScanPipeline(decoder)
    scans = [r for i, f in enumerate(video_frames(path)) for r in pipeline.process(f, i * FRAME)]
    assert len(scans) == 1 and qr.matches(scans[0])


def test_letterbox_keeps_aspect_and_size():
    image = np.full((100, 400, 3), 200, np.uint8)
    out = letterbox(image, SIZE_720P)
    assert out.shape == (720, 1280, 3)
    assert out[0, 640].tolist() == [0, 0, 0] and out[360, 640].tolist() == [200, 200, 200]
