"""Fitting a main window to the screen: 1280x800 where it fits, maximized on smaller screens."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QMainWindow

PREFERRED_SIZE = QSize(1280, 800)  # on screens at least this big (less task bar); smaller ones: maximized


class FittedWindow(QMainWindow):
    """A QMainWindow whose size hint is the preferred size bounded by the screen's free area."""

    def _available(self) -> QRect | None:
        screen = self.screen() or QApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def sizeHint(self) -> QSize:  # noqa: N802
        """1280x800, or less on a smaller screen (its available area, less the window frame)."""
        area = self._available()
        if area is None:
            return QSize(PREFERRED_SIZE)
        frame = self.frameGeometry().size() - self.geometry().size() if self.isVisible() else QSize(0, 0)
        return PREFERRED_SIZE.boundedTo(area.size() - frame)

    def show_fitted(self) -> None:
        """Show at the preferred size, or maximized when the screen's free area is smaller than that."""
        area = self._available()
        if area is not None and (area.width() < PREFERRED_SIZE.width() or area.height() < PREFERRED_SIZE.height()):
            self.setGeometry(area)  # also right where no window manager maximizes (kiosk X sessions)
            self.showMaximized()
            return
        self.resize(self.sizeHint())
        if area is not None:
            geo = self.frameGeometry()
            geo.moveCenter(area.center())
            self.move(geo.topLeft())
        self.show()
