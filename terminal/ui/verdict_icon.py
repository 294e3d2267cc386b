"""The verdict banner's shape: a mark a cashier tells apart without telling red from green.

    ok      a white disc with a check mark          (round: accepted)
    error   a white octagon with a cross            (a stop sign: refused)
    info    a white triangle with an exclamation    (a warning: look, nothing was refused)
    idle    an outlined ring                        (waiting for a scan)

The shapes differ in outline and in how much of the square they fill, so they stay apart in
grey scale and for a deuteranope (tests/ui/test_verdict_cues.py simulates one). `BORDERS`
gives each level its border pattern: refused dashes, accepted solid, info dotted.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

ICON_PX = 44
# (style, width px, colour): the banner border per level, a pattern that survives colour blindness
BORDERS = {"ok": ("solid", 3, "#0b3d1c"), "error": ("dashed", 6, "#ffffff"), "info": ("dotted", 4, "#ffffff"),
           "idle": ("solid", 1, "#37474f")}
SHAPES = ("ok", "error", "info", "idle")


class VerdictIcon(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = "idle"
        self.colour = QColor("#546e7a")  # the banner's background: the mark is cut out of the white shape
        self.setFixedSize(ICON_PX, ICON_PX)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(ICON_PX, ICON_PX)

    def set_level(self, level: str, colour: str) -> None:
        self.level = level if level in SHAPES else "info"
        self.colour = QColor(colour)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        white = QColor("#ffffff")
        mark = QPen(self.colour, r.width() * 0.13, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin)
        if self.level == "ok":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(white)
            p.drawEllipse(r)
            p.setPen(mark)
            path = QPainterPath(_at(r, 0.27, 0.53))
            path.lineTo(_at(r, 0.44, 0.70))
            path.lineTo(_at(r, 0.75, 0.32))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        elif self.level == "error":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(white)
            p.drawPolygon(_octagon(r))
            p.setPen(mark)
            p.drawLine(_at(r, 0.32, 0.32), _at(r, 0.68, 0.68))
            p.drawLine(_at(r, 0.68, 0.32), _at(r, 0.32, 0.68))
        elif self.level == "info":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(white)
            p.drawPolygon(QPolygonF([_at(r, 0.5, 0.04), _at(r, 0.98, 0.92), _at(r, 0.02, 0.92)]))
            p.setPen(mark)
            p.drawLine(_at(r, 0.5, 0.36), _at(r, 0.5, 0.62))
            p.drawPoint(_at(r, 0.5, 0.79))
        else:
            p.setPen(QPen(white, 3, Qt.PenStyle.SolidLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(r.adjusted(6, 6, -6, -6))
        p.end()


def _at(r: QRectF, fx: float, fy: float) -> QPointF:
    return QPointF(r.left() + fx * r.width(), r.top() + fy * r.height())


def _octagon(r: QRectF) -> QPolygonF:
    c, rad = r.center(), r.width() / 2 / math.cos(math.pi / 8)
    pts = [QPointF(c.x() + rad * math.cos(math.pi / 8 + k * math.pi / 4), c.y() + rad * math.sin(math.pi / 8 + k * math.pi / 4))
           for k in range(8)]
    return QPolygonF(pts)
