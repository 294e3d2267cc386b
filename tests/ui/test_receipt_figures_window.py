"""The counter window shows the points the ledger credits (issue 4, worked example).

Two earn rules of different groups give bonus points on one latte: 10 (standard, 1 per 10)
+ 8 (latte week). The preview and the receipt in the window say 18 points earned and a
balance of 18, like the ledger; before the fix the receipt said 10 (the last rule's).
"""

from __future__ import annotations

import re

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QLabel  # noqa: E402

from terminal.usecases.counter import Counter  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from tests.properties.test_receipt_figures import M2, two_rule_catalog  # noqa: E402


def _numbers(label: QLabel) -> list[str]:
    """The signed figures in the breakdown's rich text, e.g. ['+10', '+8', '+18']."""
    return re.findall(r"(?<![\w$])[+-]?\d[\d,]*", re.sub(r"<[^>]+>", " ", label.text()))


@pytest.mark.parametrize("language", ["en", "zh_TW"])
def test_window_shows_18_points_from_two_rules(qtbot, make_service, language):
    svc = make_service("B-001", catalog=two_rule_catalog())
    window, _wedge, worker = build_window(Counter(svc), WindowOptions(language=language, ask_login=False, wedge=False))
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        breakdown = window.findChild(QLabel, "breakdown")
        assert breakdown is not None

        def step(fn, done):
            fn()
            qtbot.waitUntil(lambda: window.view is not None and bool(done(window.view)), timeout=5000)
            return window.view

        step(lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
        step(lambda: window.scan(M2), lambda v: v.member is not None)
        v = step(lambda: window.scan("LATTE"), lambda v: v.preview is not None)
        assert v.preview.points_earned == {"bonus": 18}
        qtbot.waitUntil(lambda: "+18" in _numbers(breakdown), timeout=5000)
        assert {"+10", "+8", "+18"} <= set(_numbers(breakdown))  # each rule, then their sum

        v = step(window.settle, lambda v: v.receipt is not None)
        assert v.receipt["points_earned"] == {"bonus": 18}
        qtbot.waitUntil(lambda: "+18" in _numbers(breakdown), timeout=5000)
        shown = _numbers(breakdown)
        assert "+10" not in shown and "+8" not in shown  # the receipt shows the sum only
        assert "18" in shown  # balance now: 0 + 18
        row = svc.replica.conn.execute("SELECT SUM(delta) FROM point_ledger WHERE kind = 'earn'").fetchone()
        assert row[0] == 18
    finally:
        worker.shutdown()
