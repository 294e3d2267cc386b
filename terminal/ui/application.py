"""Qt start-up: QApplication, fonts, translations, the wedge filter, workers and the window.

`start_window(counter, options)` is what `terminal.entry.window.run` calls after it has opened the
replica and built the service; tests build the same pieces with `build_window`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from terminal import PROCESS_T0
from terminal.usecases.counter import Counter
from terminal.ui import fonts, i18n
from terminal.ui.camera import CameraController
from terminal.ui.main_window import MainWindow
from terminal.ui.wedge_filter import WedgeFilter
from terminal.ui.worker import DbWorker


@dataclass
class WindowOptions:
    language: str = i18n.DEFAULT_LANGUAGE
    fullscreen: bool = False
    kiosk: bool = False
    title: str = ""
    camera_index: int | None = None  # None = no camera button action
    decoder: str = "combined"
    wedge_prefix: str | None = None
    wedge_suffix: str | None = None
    wedge: bool = True
    repeat_window_s: float = 1.0  # double reads of the same code within this are taken once
    printer: Any = None
    auto_print: bool = False
    ask_login: bool = True
    login: tuple[str, str] | None = None  # pre-filled sign-in (demo / tests)
    camera_source: Callable[[], Any] | None = None  # overrides camera_index (tests: image files)
    camera_spec: str = ""  # [camera] source: "" (camera_index) | index | video file | image folder (camera_source_for)
    camera_fps: float = 5.0  # frames a second from a video file or an image folder
    quit_after_paint: bool = False  # start-up probe: quit once the window has painted (benchmarks, IT smoke test)
    sounds: bool = False  # verdict sounds ([counter] sounds; the entry point turns them on by default)
    volume: int = 80  # percent ([counter] volume)
    sound_player: Any = None  # a terminal.infra.sounds.SoundPlayer to use instead (tests, benchmarks)
    extra: dict = field(default_factory=dict)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts, True)
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Loyalty Terminal")
    app.setOrganizationName("LoyaltyTerminal")
    _set_font(app)
    return app


def _set_font(app: QApplication) -> None:
    """The UI font: the bundled Traditional-Chinese font first, the PC's CJK fonts, then the platform's
    default font (terminal.ui.fonts.ui_families); at least 12 pt. Safe to call again."""
    font = QFont(app.font())
    font.setFamilies(fonts.ui_families(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()))
    font.setPointSize(max(font.pointSize(), 12))
    app.setFont(font)


def pipeline_factory(decoder: str = "combined"):
    from terminal.scanning.decoders import make_decoder
    from terminal.scanning.pipeline import ScanPipeline

    return lambda: ScanPipeline(make_decoder(decoder))


def camera_source_for(index: int, spec: str = "", fps: float = 5.0):
    """The frame source F5 starts: `spec` ([camera] source: "" = camera `index`, a camera index, a video file or
    an image folder; terminal/scanning/sources.py). A spec that names nothing usable is told when the camera
    starts (CameraSourceError "file": the banner and the camera button say it), never at start-up."""
    def source():
        from terminal.scanning.sources import CameraSourceError, parse_source, source_frames

        try:
            src = parse_source(spec, default_index=index)
        except ValueError as exc:
            raise CameraSourceError("file", str(exc)) from None
        return source_frames(src, fps=fps)

    return source


def build_window(counter: Counter, options: WindowOptions | None = None, *, app: QApplication | None = None,
                 wedge_clock: Callable[[], float] | None = None) -> tuple[MainWindow, WedgeFilter | None, DbWorker]:
    """Everything but showing: translator, db worker, camera controller, wedge filter, window."""
    o = options or WindowOptions()
    app = app or ensure_app()
    language = i18n.install(app, o.language)
    worker = DbWorker(app)
    camera_source = o.camera_source or (camera_source_for(o.camera_index, o.camera_spec, o.camera_fps)
                                        if o.camera_index is not None else None)
    camera = CameraController(pipeline_factory(o.decoder), app) if camera_source is not None else None
    player = o.sound_player
    if player is None and o.sounds:
        from terminal.infra.sounds import SoundPlayer

        player = SoundPlayer(enabled=True, volume=o.volume)
    window = MainWindow(counter, worker, language=language, printer=o.printer, camera_source=camera_source, camera=camera,
                        title=o.title, ask_login=o.ask_login, repeat_window_s=o.repeat_window_s, sounds=player,
                        **({"clock": wedge_clock} if wedge_clock else {}))
    window.auto_print = o.auto_print
    wedge = None
    if o.wedge:
        from terminal.scanning.wedge import WedgeDetector

        detector = WedgeDetector(prefix=o.wedge_prefix, suffix=o.wedge_suffix)
        wedge = WedgeFilter(detector, parent=window, **({"clock": wedge_clock} if wedge_clock else {}))
        wedge.scanned.connect(window.wedge_scanned)
        app.installEventFilter(wedge)
        window.destroyed.connect(lambda *_: app.removeEventFilter(wedge))
    window.wedge = wedge
    return window, wedge, worker


class _FirstPaint(QObject):
    """Quits the event loop after the window's first paint and says when (start-up probe)."""

    def __init__(self, app: QApplication, window) -> None:
        super().__init__(window)
        self.app, self.window, self.done = app, window, False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt naming)
        if not self.done and obj is self.window and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        import json
        import time

        elapsed = round(time.perf_counter() - PROCESS_T0, 3)
        # which fonts draw the window's texts and whether any shows boxes (the bundle smoke test reads it)
        print(json.dumps({"first_paint_s": elapsed, "fonts": fonts.widget_texts_report(self.window)}), flush=True)
        self.app.quit()


def reject_when_idle(dialog) -> None:
    """Reject `dialog` as soon as its event loop runs (start-up probes measure, they do not wait)."""
    QTimer.singleShot(0, dialog.reject)


def _quit_after_first_paint(app: QApplication, window) -> None:
    window.installEventFilter(_FirstPaint(app, window))


def start_window(counter: Counter, options: WindowOptions | None = None, argv: list[str] | None = None) -> int:
    """Show the counter window and run the Qt event loop; returns the exit code."""
    o = options or WindowOptions()
    app = ensure_app(argv)
    window, wedge, worker = build_window(counter, o, app=app)
    if o.kiosk:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
    elif o.fullscreen:
        window.showFullScreen()
    else:
        window.show_fitted()  # 1280x800 where the screen has room, else maximized: never bigger than the screen
    if o.quit_after_paint:
        _quit_after_first_paint(app, window)
    elif o.login:
        window.login(*o.login)
    elif o.ask_login:
        window.show_login()
    try:
        return app.exec()
    finally:
        if wedge is not None:
            app.removeEventFilter(wedge)
        if window.camera is not None:
            window.camera.stop()
        if window.sounds.player is not None:
            window.sounds.player.shutdown()
        worker.shutdown()


def show_crash_notice(path, exc: BaseException) -> None:
    """Tell the cashier something went wrong and where IT finds the report; the window keeps running."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    QMessageBox.critical(None, QApplication.translate("Crash", "Unexpected error"),
                         QApplication.translate("Crash", "Something went wrong: %1\n\nA report for IT was saved to:\n%2")
                         .replace("%1", str(exc)[:300]).replace("%2", str(path)))


def startup_error_box(message: str, language: str = "zh_TW"):
    """The message box of `show_startup_error`: headline and text in the cashier's language, the
    English detail (for IT) behind the Details button."""
    from PySide6.QtWidgets import QMessageBox

    from terminal.ui import i18n

    app = ensure_app()
    i18n.install(app, language)
    box = QMessageBox(QMessageBox.Icon.Critical, QApplication.translate("Startup", "The counter cannot start"),
                      QApplication.translate("Startup", "This PC's replica file is damaged or cannot be read. Nothing was "
                                             "written to it. No sales can be made on this PC until IT has restored it: "
                                             "please call IT and show them the details."))
    box.setDetailedText(message)
    return box


def show_startup_error(message: str, language: str = "zh_TW") -> None:
    """Tell the person at the counter that the window cannot start (a damaged or unreadable
    replica). Blocks until closed; on the offscreen/minimal platforms (tests, headless checks)
    it shows nothing."""
    import os

    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal")):
        return
    startup_error_box(message, language).exec()
