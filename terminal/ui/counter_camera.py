"""The counter window's camera actions (mixed into MainWindow): F5 on/off, its running state on
the button and the preview, problems said in words, and a decoded code taken as a scanner read."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from terminal.ui.verdicts import banner_colour
from terminal.usecases.counter import Notice


class CameraActions:
    """Mixin of MainWindow (uses its camera, camera_source, camera_button, camera_view, notice)."""

    def toggle_camera(self) -> None:
        if self.camera is None or self.camera_source is None:
            self.camera_button.setChecked(False)
            self._set_notice(Notice("error", "camera", QCoreApplication.translate("MainWindow", "No camera configured.")))
            return
        if self.camera.running:
            self.camera.stop()
        else:
            self.camera.start(self.camera_source)

    def _camera_running(self, running: bool) -> None:
        self.camera_button.setChecked(running)
        if running:  # a new start: the last problem is history
            self.camera_button.setProperty("problem", "")
            self.camera_button.setToolTip("")
            self.camera_button.setStyleSheet("")
        self.camera_view.setVisible(running)
        if not running:
            self.camera_view.clear()

    def camera_problem(self, kind: str, detail: str) -> None:
        """The camera is missing, failed to open or stopped: said in words on the banner, and on its button."""
        from terminal.ui.camera import problem_text

        text = problem_text(kind)
        self.camera_button.setChecked(False)
        self.camera_button.setProperty("problem", kind)
        self.camera_button.setToolTip(text + "\n" + detail)
        self.camera_button.setStyleSheet("color: #c62828;")
        self.notice.show_message(banner_colour("error"), "error", "✗ " + QCoreApplication.translate("MainWindow", "Camera stopped"), text)

    def _camera_code(self, symbology: str, text: str) -> None:
        QApplication.beep()
        self.camera_view.flash()
        self.scanner_read(text)
