"""Issue 13 section 4: the counter window enforces the offline allowance.

A replica that never received a grant is held to zero: spending points needs a manager. The
window shows the translated headline and opens the manager's approval; the approved sale
settles, the approval audited and carried in the event (`allowance_override`)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from sync.allowances import OfflineAllowances, offline_allowances_for  # noqa: E402
from terminal.usecases.counter import Counter  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.ui.dialogs import ManagerDialog  # noqa: E402
from tests.conftest import card  # noqa: E402
from tests.ui.helpers import FakeMonotonic  # noqa: E402
from tests.ui.test_window import settle_views  # noqa: E402

M1 = card("290000000001")
LATTE = card("471000000001")


def test_front_ends_get_the_check_and_only_the_demo_goes_without():
    assert isinstance(offline_allowances_for(), OfflineAllowances)
    assert offline_allowances_for(demo=True) is None


@pytest.fixture
def window(qtbot, make_service):
    svc = make_service("A-001")
    svc.allowances = offline_allowances_for()
    window, wedge, worker = build_window(Counter(svc), WindowOptions(ask_login=False, title="A"), wedge_clock=FakeMonotonic())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, svc
    QApplication.instance().removeEventFilter(wedge)
    worker.shutdown()


def test_window_asks_a_manager_beyond_the_allowance(window, qtbot):
    window, svc = window
    window.set_language("zh_TW")
    settle_views(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    window.scan(M1)
    settle_views(window, qtbot, lambda: None, lambda v: v.member is not None)
    window.scan(LATTE)
    settle_views(window, qtbot, lambda: None, lambda v: v.lines)
    settle_views(window, qtbot, lambda: window.use_max_points("bonus"), lambda v: v.points.get("bonus"))
    v = settle_views(window, qtbot, window.settle, lambda v: v.notice and v.notice.event == "settle")
    assert v.notice.reason == "offline_allowance_exceeded" and v.receipt is None
    assert v.notice.details["allowance_exceeded"][0]["kind"] == "points_per_member"
    head = window.notice.headline.text()
    assert "離線" in head and "allowance" not in head  # the translated headline, no English
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ManagerDialog)))
    dlg = next(d for d in window.findChildren(ManagerDialog) if d.isVisible())
    assert dlg.objectName() == "allowanceOverride"
    dlg.reject()
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 0  # refused: nothing written
    v = settle_views(window, qtbot, lambda: window.settle_with_override(manager_id="MGR1", pin="9999", reason="server down"),
                     lambda v: v.receipt is not None)
    payload = json.loads(svc.replica.conn.execute("SELECT payload FROM outbox").fetchone()[0])
    assert payload["allowance_override"]["manager_id"] == "MGR1"
    audit = svc.replica.conn.execute("SELECT action, reason FROM audit_log").fetchall()
    assert [tuple(r) for r in audit] == [("allowance_override", "server down")]
