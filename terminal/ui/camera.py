"""Camera scanning: a worker QObject on its own QThread loops the ScanPipeline over frames.

The frame source is any iterator of numpy frames (camera, video file, image files:
`terminal.scanning.frames`), so tests run the very same worker without a camera. The
worker decodes every frame it gets (the camera source already drops stale frames with a
one-frame buffer), emits each newly confirmed code once (`code`), and a preview QImage
at most ~15 times a second (`preview`). The preview widget draws the aiming box (`AIM_BOX`:
small or distant codes are only read inside it) and flashes on a confirmed scan. OpenCV stays inside terminal.scanning.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from terminal.scanning.pipeline import ScanPipeline
from terminal.scanning.scales import AIM_BOX

log = logging.getLogger(__name__)

FrameSource = Callable[[], Iterator[np.ndarray]]


def problem_text(kind: str) -> str:
    """What a camera problem (CameraWorker.problem's kind) means for the cashier, in their language."""
    return {
        "missing": QCoreApplication.translate("Camera", "No camera found: check that it is plugged in and not used by "
                                                        "another program, then press F5 again. Scanners and typing still work."),
        "stopped": QCoreApplication.translate("Camera", "The camera stopped sending pictures (unplugged?). Plug it in "
                                                        "again and press F5. Scanners and typing still work."),
        "file": QCoreApplication.translate("Camera", "The camera's video file or image folder cannot be read: check the "
                                                     "[camera] source setting."),
    }.get(kind, QCoreApplication.translate("Camera", "The camera stopped. Press F5 to try again; scanners and typing "
                                                     "still work."))


def to_qimage(frame: np.ndarray) -> QImage:
    """numpy frame (grey, BGR or BGRA) -> an independent QImage (the .copy() matters)."""
    frame = np.ascontiguousarray(frame)
    h, w = frame.shape[:2]
    if frame.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    elif frame.shape[2] == 3:
        fmt = QImage.Format.Format_BGR888
    else:
        fmt = QImage.Format.Format_ARGB32
    return QImage(frame.data, w, h, frame.strides[0], fmt).copy()


class CameraWorker(QObject):
    """Runs in a QThread: `start()` loops until the source ends or `stop()` is called."""

    code = Signal(str, str)  # symbology, text
    preview = Signal(QImage)
    failed = Signal(str)
    problem = Signal(str, str)  # kind (missing | stopped | file | error), detail: what the counter says in words
    finished = Signal()

    def __init__(self, source: FrameSource, pipeline: ScanPipeline, *, preview_fps: float = 15.0,
                 frame_interval: float = 0.0, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.source = source
        self.pipeline = pipeline
        self.preview_interval = 1.0 / preview_fps if preview_fps > 0 else float("inf")
        self.frame_interval = frame_interval  # pacing for file sources (0 = as fast as decoded)
        self.clock = clock
        self._stop = threading.Event()
        self.frames = 0
        self.decode_ms: list[float] = []

    def stop(self) -> None:
        self._stop.set()

    @Slot()
    def start(self) -> None:
        last_preview = -1e9
        frames: Iterator[np.ndarray] | None = None
        try:
            frames = self.source()
            for frame in frames:
                if self._stop.is_set():
                    break
                t = self.clock()
                t0 = time.perf_counter()
                confirmed = self.pipeline.process(frame, t)
                self.decode_ms.append((time.perf_counter() - t0) * 1000)
                self.frames += 1
                for d in confirmed:
                    self.code.emit(d.symbology, d.text)
                if t - last_preview >= self.preview_interval:
                    last_preview = t
                    self.preview.emit(to_qimage(frame))
                if self.frame_interval:
                    self._stop.wait(self.frame_interval)
        except Exception as exc:  # camera unplugged, cannot open...
            log.exception("camera worker stopped")
            self.failed.emit(str(exc))
            self.problem.emit(getattr(exc, "kind", "error"), str(exc))
        finally:
            close = getattr(frames, "close", None)
            if close is not None:
                close()
            self.finished.emit()


class CameraController(QObject):
    """Owns the QThread + worker pair; `start(source)` / `stop()` from the GUI thread."""

    code = Signal(str, str)
    preview = Signal(QImage)
    failed = Signal(str)
    problem = Signal(str, str)  # kind, detail (CameraWorker.problem)
    running_changed = Signal(bool)

    def __init__(self, pipeline_factory: Callable[[], ScanPipeline], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pipeline_factory = pipeline_factory
        self._thread: QThread | None = None
        self._worker: CameraWorker | None = None
        self._retiring: list[tuple[QThread, CameraWorker]] = []  # stopped, still running (see `stop`)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, source: FrameSource, **worker_kw: Any) -> CameraWorker:
        self.stop()
        thread = QThread()
        thread.setObjectName("camera")
        worker = CameraWorker(source, self.pipeline_factory(), **worker_kw)
        worker.moveToThread(thread)
        thread.started.connect(worker.start)
        worker.code.connect(self.code)
        worker.preview.connect(self.preview)
        worker.failed.connect(self.failed)
        worker.problem.connect(self.problem)
        worker.finished.connect(thread.quit)
        thread.finished.connect(self._thread_ended)
        self._thread, self._worker = thread, worker
        thread.start()
        self.running_changed.emit(True)
        return worker

    def stop(self, wait_ms: int = 3000) -> None:
        """Ask the worker to stop and wait up to `wait_ms` for its thread. A thread still decoding
        after that (a loaded PC) stays referenced until it ends (`_thread_ended`): a QThread or a
        worker freed while its thread runs crashes the process."""
        thread, worker = self._thread, self._worker
        if thread is None or worker is None:
            return
        worker.stop()
        thread.quit()
        self._thread = self._worker = None
        if thread.wait(wait_ms):
            del thread, worker  # freed here, on the GUI thread, with the thread ended
        else:
            log.warning("camera thread still busy after %d ms; released when it ends", wait_ms)
            self._retiring.append((thread, worker))
        self.running_changed.emit(False)

    @Slot()
    def _thread_ended(self) -> None:
        """A camera thread's `finished` (queued to the GUI thread): release that thread and its worker."""
        ended = self.sender()
        if ended is None:
            return
        ended.wait()  # `finished` comes from the thread just before it exits: let it exit first
        if ended is self._thread:
            self._thread = self._worker = None
            self.running_changed.emit(False)
        else:  # one that `stop` gave up waiting for
            self._retiring = [(t, w) for t, w in self._retiring if t is not ended]


class CameraView(QWidget):
    """Live preview with an aiming box; flashes green on a confirmed scan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._flash = False
        self.setMinimumSize(240, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._unflash)

    @Slot(QImage)
    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def clear(self) -> None:
        self._image = None
        self.update()

    def flash(self, ms: int = 250) -> None:
        self._flash = True
        self._flash_timer.start(ms)
        self.update()

    def _unflash(self) -> None:
        self._flash = False
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#202020"))
        target = QRectF(self.rect())
        if self._image is not None and not self._image.isNull():
            img = self._image.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)
            x, y = (self.width() - img.width()) / 2, (self.height() - img.height()) / 2
            p.drawImage(int(x), int(y), img)
            target = QRectF(x, y, img.width(), img.height())
        # The decoder's full-resolution pass covers this box (terminal/scanning/scales.py).
        left, top, right, bottom = AIM_BOX
        box = QRectF(target.x() + target.width() * left, target.y() + target.height() * top,
                     target.width() * (right - left), target.height() * (bottom - top))
        pen = QPen(QColor("#33dd55") if self._flash else QColor("#ffcc00"))
        pen.setWidth(6 if self._flash else 3)
        p.setPen(pen)
        p.drawRect(box)
        if self._flash:
            p.fillRect(self.rect(), QColor(50, 220, 90, 60))
        p.end()
