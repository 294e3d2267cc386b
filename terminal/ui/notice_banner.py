"""The verdict banner: the big green / red / grey answer to the last scan or action.

Its height is fixed (one headline line, two detail lines) whatever the message, so a
long refusal never pushes the basket, the total or the settle button off the screen:
the headline shrinks its font to fit and then elides, the detail wraps and elides; the
whole text is in the tool tip and in `text()`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from terminal.ui.widgets import ClampedLabel, FitLabel


class NoticeBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 6, 14, 6)
        lay.setSpacing(2)
        self.headline = FitLabel(min_px=17)
        self.headline.setObjectName("noticeHeadline")
        self.detail = ClampedLabel(max_lines=2)
        self.detail.setObjectName("noticeDetail")
        lay.addWidget(self.headline)
        lay.addWidget(self.detail)

    def show_message(self, color: str, level: str, headline: str, detail: str) -> None:
        """Paint the banner `color` with the headline and the (possibly empty) detail line."""
        self.setStyleSheet(f"QFrame#notice {{ background: {color}; }}")
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.setProperty("level", level)
