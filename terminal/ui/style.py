"""Colours, the counter window's style sheet and money formatting shared by its panels.

Sizes are in pixels and chosen so the window's minimum size stays below 1024x700 (a
1024x768 screen less a task bar and a title bar) in both languages; see
tests/ui/test_window_fits.py. Buttons, fields and list rows are touch targets of at least
44 px (terminal/ui/touch.py, tests/ui/test_touch_targets.py).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

GREEN, RED, GREY, ORANGE, BLUE = "#1b7f3b", "#c62828", "#546e7a", "#ef6c00", "#0d47a1"

STYLE = """
QMainWindow, QWidget#central { background: #f4f6f8; }
QLabel#title { font-size: 18px; font-weight: bold; color: #263238; }
QLabel#statusPill { border-radius: 11px; padding: 3px 12px; color: white; font-weight: bold; }
QLineEdit#scanField { font-size: 24px; padding: 4px 8px; border: 3px solid #1565c0; border-radius: 6px;
                      background: white; }
QFrame#notice { border-radius: 8px; }
QLabel#noticeHeadline { font-size: 28px; font-weight: bold; color: white; }
QLabel#noticeDetail { font-size: 15px; color: white; }
QGroupBox { font-size: 16px; font-weight: bold; border: 1px solid #cfd8dc; border-radius: 8px; margin-top: 12px;
            background: white; padding: 4px 6px 6px 6px; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }
QLabel#memberName { font-size: 22px; font-weight: bold; }
QLabel#memberBalances { font-size: 16px; font-weight: bold; color: #263238; }
QLabel#memberExpiring { color: #ef6c00; }
QLabel#total { font-size: 48px; font-weight: bold; color: #0d47a1; }
QLabel#total[voided="true"] { color: #90a4ae; text-decoration: line-through; }
QLabel#totalCaption { font-size: 17px; color: #455a64; }
QPushButton { font-size: 15px; padding: 5px 10px; min-height: 32px; }
QPushButton#smallButton { padding: 5px 4px; min-width: 36px; }
QLineEdit, QAbstractSpinBox { min-height: 38px; }
QLineEdit#quickSearch { min-height: 42px; }
QListWidget::item { min-height: 44px; }
QCheckBox { min-height: 44px; }
QCheckBox::indicator { width: 28px; height: 28px; }
QPushButton#settle { font-size: 26px; font-weight: bold; color: white; background: #1b7f3b; border-radius: 8px;
                     padding: 6px; }
QPushButton#settle:disabled { background: #a5d6a7; }
QTableWidget, QListWidget { font-size: 16px; }
QHeaderView::section { font-size: 14px; padding: 1px 3px; }
QScrollArea#breakdownScroll, QWidget#breakdownBody { background: white; border: none; }
"""


def money(n: int | None) -> str:
    """Integer minor units (TWD: dollars) as the counter shows them: $1,234 / -$30; None -> ""."""
    return "" if n is None else (f"-${-n:,}" if n < 0 else f"${n:,}")


def qcolor(name: str) -> QColor:
    return QColor(name)
