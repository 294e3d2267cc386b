"""Labels whose size never depends on their text, so the counter window cannot grow.

A plain `QLabel` asks the layout for room for all of its text: one long coupon name,
explanation line or receipt then raises the window's minimum size, and a top-level
window grows to its minimum and never shrinks back. These labels instead ask for a size
fixed by their font (and line count) and fit the text into whatever width they get:

- `ElidedLabel`  one line, "…" at the end when the text is wider than the label.
- `FitLabel`     one line, the font shrinks (down to a floor) before it elides: the verdict
                 banner and the total stay as big as the width allows.
- `ClampedLabel` word-wrapped plain text of at most `max_lines` lines (the last one
                 elided); it always reserves those lines, so what is below never jumps.

`FittedPlaceholder` does the same for a line edit's hint: the longest variant that fits.

`text()` is always the whole text; when part of it does not fit, the tool tip shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QStyle, QStyleOption, QWidget

MIN_TEXT_WIDTH = 40  # px a text label asks for at least, whatever its text


class _TextLabel(QLabel):
    """Plain text painted by the subclass; QLabel keeps text(), font, colour and style sheet."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._auto_tip = True
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        super().setText(text or "")
        self.updateGeometry()
        self.update()

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - an explicit tool tip wins over the automatic one
        self._auto_tip = not tip
        super().setToolTip(tip)

    def shows_whole_text(self) -> bool:
        """Whether the whole text fits the label's current size (no paint needed)."""
        raise NotImplementedError

    def _set_fits(self, fits: bool) -> None:
        """After a paint: the whole text becomes the tool tip when part of it was cut."""
        if self._auto_tip:
            QLabel.setToolTip(self, "" if fits else self.text())

    def _content(self):
        return self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(), -self.margin())

    def _pen(self, p: QPainter) -> None:
        p.setPen(self.palette().color(self.foregroundRole()))


class ElidedLabel(_TextLabel):
    """One line of text, elided at the end (or in the middle) when it does not fit."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        self._mode = mode
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _line_height(self) -> int:
        return int(QFontMetricsF(self.font()).height() + 0.999)

    def sizeHint(self) -> QSize:  # noqa: N802
        m = self.contentsMargins()
        w = int(QFontMetricsF(self.font()).horizontalAdvance(self.text()) + 0.999) + 2 * self.margin() + 2
        return QSize(w + m.left() + m.right(), self._line_height() + 2 * self.margin() + m.top() + m.bottom())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(min(MIN_TEXT_WIDTH, self.sizeHint().width()), self.sizeHint().height())

    def shows_whole_text(self) -> bool:
        return QFontMetricsF(self.font()).horizontalAdvance(self.text()) <= self._content().width()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, _style_option(self), p, self)
        rect = self._content()
        fm = QFontMetricsF(self.font())
        shown = fm.elidedText(self.text(), self._mode, rect.width())
        self._set_fits(shown == self.text())
        self._pen(p)
        p.setFont(self.font())
        p.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter) & ~int(Qt.AlignmentFlag.AlignTop), shown)


class FitLabel(_TextLabel):
    """One line; shrinks the font (not below `min_px`) to fit the width, then elides."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, min_px: int = 16) -> None:
        self.min_px = min_px
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.shown_px = 0.0  # the pixel size used by the last paint

    def _px(self) -> float:
        f = self.font()
        return f.pixelSize() if f.pixelSize() > 0 else QFontMetricsF(f).height() * 0.8

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = QFontMetricsF(self.font())
        m = self.contentsMargins()
        return QSize(int(fm.horizontalAdvance(self.text()) + 0.999) + 2 + m.left() + m.right() + 2 * self.margin(),
                     int(fm.height() + 0.999) + m.top() + m.bottom() + 2 * self.margin())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(min(MIN_TEXT_WIDTH, self.sizeHint().width()), self.sizeHint().height())

    def fitted_font(self, width: float) -> QFont:
        """The biggest font (self.font() down to min_px) in which the text fits `width` px."""
        font = QFont(self.font())
        px = self._px()
        while px > self.min_px and QFontMetricsF(font).horizontalAdvance(self.text()) > width:
            px = max(self.min_px, px - 1)
            font.setPixelSize(int(px))
        return font

    def shows_whole_text(self) -> bool:
        width = self._content().width()
        return QFontMetricsF(self.fitted_font(width)).horizontalAdvance(self.text()) <= width

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, _style_option(self), p, self)
        rect = self._content()
        font = self.fitted_font(rect.width())
        fm = QFontMetricsF(font)
        shown = fm.elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.shown_px = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF()
        self._set_fits(shown == self.text())
        self._pen(p)
        p.setFont(font)
        p.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter) & ~int(Qt.AlignmentFlag.AlignTop), shown)


class ClampedLabel(_TextLabel):
    """Word-wrapped plain text, at most `max_lines` lines; the last shown line is elided.

    Its height is always `max_lines` lines (also when empty or hidden text is shorter),
    so a longer message never pushes the widgets below it down or off the screen.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, max_lines: int = 2) -> None:
        self.max_lines = max_lines
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _height(self) -> int:
        m = self.contentsMargins()
        return int(QFontMetricsF(self.font()).lineSpacing() * self.max_lines + 0.999) + m.top() + m.bottom() + 2 * self.margin()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(MIN_TEXT_WIDTH, self._height())

    def layout_lines(self, width: float) -> tuple[list[str], bool]:
        """(the lines shown at `width` px, whether the whole text fits)."""
        fm = QFontMetricsF(self.font())
        shown: list[str] = []
        paragraphs = self.text().split("\n")
        for pi, para in enumerate(paragraphs):
            layout = QTextLayout(para, self.font())
            opt = QTextOption()
            opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(opt)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                rest = para[line.textStart():]
                if len(shown) == self.max_lines - 1:
                    more = pi < len(paragraphs) - 1
                    last = fm.elidedText(rest + (" …" if more else ""), Qt.TextElideMode.ElideRight, width)
                    shown.append(last)
                    layout.endLayout()
                    return shown, last == rest
                shown.append(para[line.textStart():line.textStart() + line.textLength()].rstrip())
            layout.endLayout()
        return shown, True

    def shows_whole_text(self) -> bool:
        return self.layout_lines(self._content().width())[1]

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, _style_option(self), p, self)
        rect = self._content()
        lines, fits = self.layout_lines(rect.width())
        self._set_fits(fits)
        self._pen(p)
        p.setFont(self.font())
        step = QFontMetricsF(self.font()).lineSpacing()
        flags = int(self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask) | int(Qt.AlignmentFlag.AlignTop)
        for i, text in enumerate(lines):
            p.drawText(QRectF(rect.x(), rect.y() + i * step, rect.width(), step), flags, text)


def _style_option(widget: QWidget) -> QStyleOption:
    opt = QStyleOption()
    opt.initFrom(widget)
    return opt


class FittedPlaceholder(QObject):
    """The longest of `texts` (longest first) that fits in `field` as its placeholder, chosen again on
    every resize or font change: "Scan or type a code + Enter" where it fits, "Scan or type a code" on a
    1024 px screen, instead of a hint cut to "Scan or type a code +…". Call `set_texts` on retranslate."""

    SLACK = 20  # px of the field that are frame and text margins

    def __init__(self, field: QLineEdit) -> None:
        super().__init__(field)
        self.field = field
        self.texts: tuple[str, ...] = ()
        field.installEventFilter(self)

    def set_texts(self, *texts: str) -> None:
        self.texts = texts
        self._fit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
        return False

    def _fit(self) -> None:
        if not self.texts:
            return
        room = self.field.width() - self.SLACK
        metrics = self.field.fontMetrics()
        chosen = next((t for t in self.texts if metrics.horizontalAdvance(t) <= room), self.texts[-1])
        if self.field.placeholderText() != chosen:
            self.field.setPlaceholderText(chosen)
