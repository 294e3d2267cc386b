"""The manager desk's building blocks: the manager PIN dialog, the hourly chart and the read-only
tables (a model of plain rows, so a 20,000-row day stays fast). Used by manager_desk.py and the
sales dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QTableView, QWidget

from terminal.ui.numpad import NumPad

BLUE = QColor("#1565c0")


class ManagerPinDialog(QDialog):
    """Manager id + PIN: to open the desk, and again to approve an unlock (`title`, an
    `explanation` above the fields, `manager_id` pre-filled, `ok_text` on the OK button)."""

    def __init__(self, parent: QWidget | None = None, *, title: str | None = None, explanation: str = "",
                 manager_id: str = "", ok_text: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Manager sign-in"))
        form = QFormLayout(self)
        if explanation:
            self.explanation = QLabel(explanation)
            self.explanation.setObjectName("managerPinExplanation")
            self.explanation.setWordWrap(True)
            self.explanation.setMinimumWidth(420)
            form.addRow(self.explanation)
        self.manager_id = QLineEdit(manager_id)
        self.manager_id.setObjectName("deskManagerId")
        self.manager_id.setProperty("wedge", "badge")  # a scanned manager badge fills it
        self.pin = QLineEdit()
        self.pin.setObjectName("deskManagerPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        for w in (self.manager_id, self.pin):
            w.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        form.addRow(self.tr("Manager ID"), self.manager_id)
        form.addRow(self.tr("Manager PIN"), self.pin)
        self.numpad = NumPad([self.pin], self)  # PIN on a touch screen (terminal/ui/numpad.py)
        form.addRow(self.numpad)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #c62828;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if ok_text:
            buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.numpad.confirmed.connect(self.accept)
        form.addRow(buttons)
        (self.pin if manager_id else self.manager_id).setFocus()

    def values(self) -> tuple[str, str]:
        """(manager id stripped, PIN as typed)."""
        return self.manager_id.text().strip(), self.pin.text()


class HourChart(QWidget):
    """Bars of settlement totals per local hour; a picture reads faster than the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(160)
        self.hours: list[tuple[int, int, int]] = []  # (hour, settlements, total)

    def set_hours(self, hours: list[tuple[int, int, int]]) -> None:
        self.hours = hours
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        left, bottom, top = 8, 22, 18
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(QPen(QColor("#9e9e9e")))
        p.drawLine(left, h - bottom, w - 8, h - bottom)
        first, last = (min(x[0] for x in self.hours), max(x[0] for x in self.hours)) if self.hours else (8, 20)
        first, last = min(first, 8), max(last, 20)
        slots = last - first + 1
        slot_w = (w - left - 8) / slots
        peak = max((x[2] for x in self.hours), default=0) or 1
        by_hour = {x[0]: x for x in self.hours}
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.8))
        p.setFont(small)
        for i, hour in enumerate(range(first, last + 1)):
            x = left + i * slot_w
            p.setPen(QPen(QColor("#616161")))
            p.drawText(QRectF(x, h - bottom + 2, slot_w, bottom - 2), Qt.AlignmentFlag.AlignHCenter, f"{hour:02d}")
            if hour in by_hour:
                total = by_hour[hour][2]
                bar_h = (h - bottom - top) * total / peak
                rect = QRectF(x + slot_w * 0.15, h - bottom - bar_h, slot_w * 0.7, bar_h)
                p.fillRect(rect, BLUE)
                p.drawText(QRectF(x, rect.top() - 16, slot_w, 16), Qt.AlignmentFlag.AlignHCenter, str(total))
        p.end()


class RowsModel(QAbstractTableModel):
    """Plain rows for a read-only table. A model (not QTableWidget items) keeps a 20,000-row
    day fast, and avoids creating 100,000s of item objects on every refresh."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[Any]] = []

    def set_rows(self, rows: list[list[Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        v = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(v, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class Table(QTableView):
    def __init__(self, headers: list[str]) -> None:
        super().__init__()
        self.rows_model = RowsModel(headers, self)
        self.setModel(self.rows_model)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.horizontalHeader().setStretchLastSection(True)

    def rowCount(self) -> int:  # noqa: N802 - mirrors QTableWidget for callers and tests
        return self.rows_model.rowCount()

    def text(self, row: int, column: int) -> str:
        return self.rows_model.data(self.rows_model.index(row, column))


def table(headers: list[str]) -> Table:
    return Table(headers)


def rows_height(t: QTableView, rows: int) -> int:
    """Pixels a table needs to show its header and `rows` rows (no scroll bar counted)."""
    return t.horizontalHeader().sizeHint().height() + rows * t.verticalHeader().defaultSectionSize() + 2 * t.frameWidth()


def fill(t: Table, rows: list[list[Any]]) -> None:
    t.rows_model.set_rows(rows)
    if len(rows) <= 200:  # sizing to contents reads every row: only for small tables
        t.resizeColumnsToContents()
