"""The verdict banner: the big answer to the last scan or action, in colour AND in shape.

Left, a large shape (terminal/ui/verdict_icon.py: a disc with a check for accepted, an
octagon with a cross for refused, a triangle for info); the border's pattern differs too
(solid / dashed / dotted), so a cashier who cannot tell red from green still tells the
verdicts apart. Its height is fixed (one headline line, two detail lines) whatever the
message, so a long refusal never pushes the basket, the total or the settle button off the
screen: the headline shrinks its font to fit and then elides, the detail wraps and elides;
the whole text is in the tool tip and in `text()`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from terminal.ui.verdict_icon import BORDERS, VerdictIcon
from terminal.ui.widgets import ClampedLabel, FitLabel


class NoticeBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self._look: tuple[str, str] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 6, 12, 6)
        outer.setSpacing(8)
        self.icon = VerdictIcon()
        outer.addWidget(self.icon)
        lay = QVBoxLayout()
        lay.setSpacing(2)
        self.headline = FitLabel(min_px=17)
        self.headline.setObjectName("noticeHeadline")
        self.detail = ClampedLabel(max_lines=2)
        self.detail.setObjectName("noticeDetail")
        lay.addWidget(self.headline)
        lay.addWidget(self.detail)
        outer.addLayout(lay, 1)

    def show_message(self, color: str, level: str, headline: str, detail: str) -> None:
        """Paint the banner `color` with the level's shape and border, the headline and the (possibly
        empty) detail line. `level`: ok | error | info | idle."""
        if self._look != (color, level):  # a style sheet change re-polishes the banner: only when it changes
            self._look = (color, level)
            style, width, border = BORDERS.get(level, BORDERS["info"])
            self.setStyleSheet(f"QFrame#notice {{ background: {color}; border: {width}px {style} {border}; }}")
            self.icon.set_level(level, color)
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.setProperty("level", level)
