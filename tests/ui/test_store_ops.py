"""Issue 17 §4.5, 4.6, 4.8, 4.9 at the window: the offline strip, a sale after the close, Ctrl+L with a basket,
the manager desk (Esc, rows at 1024x768, exports in Documents), and the camera saying what is wrong."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSize, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from terminal.ui.application import WindowOptions, build_window, camera_source_for  # noqa: E402
from terminal.usecases.counter import Counter  # noqa: E402
from tests.conftest import FixedClock, card, tpe  # noqa: E402

M1 = card("290000000001")
NOW = tpe(2026, 11, 5, 20)


def _grant(svc, *, hours: float = 48, **limits) -> None:
    body = {"stored_voucher_uses": 2, "points_per_member": 500, "shared_code_uses": 2, "stored_value_per_account": 1000,
            "giveaway_claims": 20, "unreplicated_coupon_max_age_hours": 72, "stale_state_uses": 3, **limits}
    at = svc.now()
    svc.replica.conn.execute("INSERT OR REPLACE INTO sync_allowances(id, body, granted_at, valid_until) VALUES (1, ?, ?, ?)",
                             (json.dumps(body), at.isoformat(), (at + timedelta(hours=hours)).isoformat()))


def _offline(svc, last_sync: str | None = "2026-11-05T03:05:00+00:00") -> None:
    svc.sync_status = lambda: {"online": False, "sync_configured": True, "last_success_at": last_sync, "credential": None}


@pytest.fixture
def counter(qtbot, make_service):
    made = []

    def _open(svc=None, **options):
        svc = svc or make_service("A-001")
        if svc.clock().year != 2026 or svc.clock().month != 11 or svc.clock().day != 5:
            svc.clock = FixedClock(NOW)
        options.setdefault("language", "en")
        window, _wedge, worker = build_window(Counter(svc), WindowOptions(ask_login=False, wedge=False, **options))
        made.append(worker)
        qtbot.addWidget(window)
        window.resize(1024, 728)
        window.show()
        qtbot.waitExposed(window)
        window.login("C01", "1234")
        qtbot.waitUntil(lambda: window.view is not None and window.view.cashier is not None)
        return window, svc

    yield _open
    for w in made:
        w.shutdown()


def _wait_view(window, qtbot, fn, check, timeout=5000):
    fn()
    qtbot.waitUntil(lambda: window.view is not None and bool(check(window.view)), timeout=timeout)
    return window.view


# ---- 5: the offline strip ------------------------------------------------------------------------------
def test_the_strip_is_hidden_online_and_for_a_terminal_without_sync(counter, make_service, qtbot):
    window, svc = counter()
    assert not window.offline_strip.isVisible() and not window.sync_now_button.isVisible()  # no server: no button
    svc.sync_status = lambda: {"online": True, "sync_configured": True}
    _wait_view(window, qtbot, lambda: window.run(window.counter.refresh), lambda v: v.status.get("sync_configured"))
    assert not window.offline_strip.isVisible() and window.sync_now_button.isVisible()


def test_offline_the_strip_says_since_when_what_works_the_limits_and_when_a_manager_is_needed(counter, make_service, qtbot):
    svc = make_service("A-001")
    svc.clock = FixedClock(NOW)
    _grant(svc, hours=52)
    _offline(svc)
    window, svc = counter(svc)
    qtbot.waitUntil(lambda: window.offline_strip.isVisible())
    head, detail = window.offline_strip.headline.text(), window.offline_strip.detail.text()
    assert head.startswith("Offline since ") and "(last sync)" in head
    # in the store's time (03:05 UTC is 11:05 in Taipei) whatever the PC's clock zone, as the slips and the report
    assert "11:05 (last sync)" in head, head
    assert "last sync 11:05" in window.top_bar.sync_label.text(), window.top_bar.sync_label.text()
    assert "stored vouchers up to 2 use(s) each" in detail and "points up to 500 per member" in detail
    assert "stored value up to $1,000 per card" in detail and "unknown members earn only" in detail
    assert "(52 h left)" in detail
    # the member at the counter: what is left of the allowance for them
    v = _wait_view(window, qtbot, lambda: window.scan(M1), lambda v: v.member is not None)
    assert v.status["allowance"]["member_left"] and "(this member: 500 more offline)" in window.offline_strip.detail.text()


def test_the_strip_says_when_the_allowance_has_ended_or_never_came(counter, make_service, qtbot):
    svc = make_service("A-001")
    svc.clock = FixedClock(NOW)
    _grant(svc, hours=-1)
    _offline(svc)
    window, svc = counter(svc)
    qtbot.waitUntil(lambda: window.offline_strip.isVisible())
    assert "The offline allowance ended at" in window.offline_strip.detail.text()
    svc.replica.conn.execute("DELETE FROM sync_allowances")
    _offline(svc, last_sync=None)
    _wait_view(window, qtbot, lambda: window.run(window.counter.refresh), lambda v: v.status["allowance"]["state"] == "none")
    assert window.offline_strip.headline.text() == "Offline: this terminal has not synced yet"
    assert window.offline_strip.detail.text().startswith("No offline allowance from the server yet")


def test_a_locked_vault_shows_the_strip_in_chinese_and_the_window_still_fits(counter, make_service, qtbot):
    svc = make_service("A-001")
    svc.clock = FixedClock(NOW)
    _grant(svc)
    svc.sync_status = lambda: {"online": False, "sync_configured": True, "credential": "locked"}
    window, svc = counter(svc, language="zh_TW")
    qtbot.waitUntil(lambda: window.offline_strip.isVisible())
    text = window.offline_strip.headline.text() + window.offline_strip.detail.text()
    assert "憑證" in text and not any("a" <= ch.lower() <= "z" for ch in text.replace("$", ""))
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 728, hint.toTuple()


# ---- 6: a sale after the close -------------------------------------------------------------------------
def _basket(window, qtbot):
    window.amount_field.setText("150")
    window._add_amount()
    qtbot.waitUntil(lambda: window.view.can_settle)


def test_a_sale_after_the_close_is_warned_and_needs_the_cashiers_confirmation(counter, make_service, qtbot):
    svc = make_service("A-001")
    svc.clock = FixedClock(NOW)
    svc.close_day(date(2026, 11, 5), manager_id="MGR1", pin="9999", override_reason="test", at=tpe(2026, 11, 5, 19))
    window, svc = counter(svc)
    qtbot.waitUntil(lambda: window.offline_strip.isVisible())
    assert window.offline_strip.kind == "closed" and window.offline_strip.headline.text().startswith("Day 2026-11-05 is closed")
    _basket(window, qtbot)
    window.settle()
    box = window.confirm_box
    assert box.objectName() == "confirmAfterClose" and box.isVisible() and "MGR1" in box.text()
    box.button(QMessageBox.StandardButton.No).click()  # go back: nothing settled
    qtbot.wait(100)
    assert window.view.receipt is None and svc.replica.conn.execute("SELECT COUNT(*) FROM settlements").fetchone()[0] == 0
    window.settle()
    window.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.view.receipt is not None)
    from terminal.usecases.reports import daily_report

    assert daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 5)).after_close == {"count": 1, "total": 150}


# ---- 8: Ctrl+L and the desk ------------------------------------------------------------------------------
def test_sign_out_with_a_basket_asks_first_and_never_silently_discards(counter, qtbot):
    window, svc = counter()
    _basket(window, qtbot)
    window.logout()
    box = window.confirm_box
    assert box.objectName() == "confirmDiscardBasket" and "1 line(s)" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.wait(100)
    assert window.view.cashier is not None and len(window.view.lines) == 1
    window.logout()
    window.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.view.cashier is None)


def test_sign_out_with_an_empty_basket_asks_nothing(counter, qtbot):
    window, svc = counter()
    window.confirm_box = None
    window.logout()
    qtbot.waitUntil(lambda: window.view.cashier is None)
    assert window.confirm_box is None


@pytest.fixture(params=["en", "zh_TW"])
def desk(counter, qtbot, request):
    from terminal.ui.manager_desk import ManagerDeskWindow
    from terminal.usecases.checkout import CheckoutRequest, LineRequest
    from terminal.usecases.manager_desk import ManagerDesk

    window, svc = counter(language=request.param)
    for i in range(12):
        svc.settle(CheckoutRequest(f"D{i}", (LineRequest(amount=100 + i),)), cashier_id="C01", at=tpe(2026, 11, 5, 9 + i % 10))
    for i in range(8):
        svc.void(f"D{i}", manager_id="MGR1", pin="9999", reason=f"test {i}", at=tpe(2026, 11, 5, 19))
    d = ManagerDeskWindow(ManagerDesk(svc), window.worker, {"id": "MGR1", "pin": "9999", "name": "Wu"}, window)
    qtbot.addWidget(d)
    d.resize(1008, 688)  # 1024x768 less a task bar and the window frame
    d.show()
    qtbot.waitExposed(d)
    d.refresh()
    qtbot.waitUntil(lambda: d.report is not None)
    return window, d


def test_esc_closes_the_desk(desk, qtbot):
    window, d = desk
    d.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d)
    window.focus_scan()  # what the counter's application-wide Esc shortcut calls
    qtbot.waitUntil(lambda: not d.isVisible())


def test_esc_leaves_the_sign_in_dialog_of_a_locked_counter_open(counter, qtbot):
    window, svc = counter()
    window.show_login()
    dlg = window._login_dialog
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    window.focus_scan()
    qtbot.wait(50)
    assert dlg.isVisible() and window._login_dialog is dlg


def test_desk_tables_show_at_least_six_rows_at_1024x768(desk, qtbot):
    window, d = desk
    assert d.height() <= 688
    for table in (d.coupons, d.points, d.cashiers, d.audit):
        d.details.setCurrentWidget(table)
        qtbot.wait(20)
        rows = table.viewport().height() / table.verticalHeader().defaultSectionSize()
        assert rows >= 6, (table.rows_model.headers, rows)
    for tab, table in ((1, d.sales), (d.conflicts_tab_index, d.inbox), (d.locks_tab_index, d.locks)):
        d.tabs.setCurrentIndex(tab)
        qtbot.wait(20)
        assert table.viewport().height() / table.verticalHeader().defaultSectionSize() >= 6, tab
    assert d.audit.rowCount() >= 8  # the voids are listed apart
    assert d.summary["settlements"].text() == "4"  # 12 settled, 8 voided: voids are not settlements


def test_exports_start_in_documents_with_the_store_and_day_in_the_name(desk, monkeypatch):
    window, d = desk
    asked = []
    # the desk's save dialog (Qt's own, in the current language: terminal/ui/file_dialogs.py), cancelled
    monkeypatch.setattr("terminal.ui.manager_desk.ask_save_path",
                        lambda parent, title, where, name_filter="": (asked.append(where), None)[1])
    d.export_csv()
    d.export_pdf()
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert docs and [Path(a) for a in asked] == [Path(docs) / "report-A-001-2026-11-05.csv", Path(docs) / "report-A-001-2026-11-05.pdf"]


def test_the_desk_offers_sync_now_next_to_close_and_says_when_not_enrolled(desk, qtbot):
    window, d = desk
    with qtbot.waitSignal(d.sync_now.finished, timeout=3000):
        d.sync_now.click()
    assert "not enrolled" in d.notice.text() or "尚未註冊" in d.notice.text()


# ---- 9: the camera says what is wrong -------------------------------------------------------------------
def test_a_camera_source_that_cannot_be_read_is_said_on_the_banner_and_the_button(counter, tmp_path, qtbot):
    window, svc = counter(camera_source=camera_source_for(0, str(tmp_path / "no-such-folder")))
    window.toggle_camera()
    qtbot.waitUntil(lambda: window.camera_button.property("problem") == "file", timeout=10_000)
    assert not window.camera_button.isChecked()
    assert "[camera] source" in window.notice_detail.text() and "Camera stopped" in window.notice_headline.text()
    assert "no-such-folder" in window.camera_button.toolTip()


def test_a_missing_camera_device_is_said_in_words(counter, qtbot):
    window, svc = counter(camera_source=camera_source_for(15))  # no camera 15 on a test machine
    window.toggle_camera()
    qtbot.waitUntil(lambda: window.camera_button.property("problem") == "missing", timeout=15_000)
    assert window.notice_detail.text().startswith("No camera found")


def test_an_image_folder_feeds_the_counter_like_a_camera(counter, barcode_samples_dir, tmp_path, qtbot):
    import shutil

    folder = tmp_path / "frames"
    folder.mkdir()
    shutil.copy(barcode_samples_dir / "qrcode-1" / "1.webp", folder / "a.webp")
    window, svc = counter(camera_source=camera_source_for(0, str(folder), fps=20))
    seen = []
    window.camera.code.connect(lambda s, t: seen.append(t))
    window.toggle_camera()
    qtbot.waitUntil(lambda: bool(seen), timeout=15_000)
    assert window.camera.running and window.camera_button.isChecked() and not window.camera_button.property("problem")
    window.camera.stop()


def test_the_close_saved_by_the_desk_carries_the_override_who_and_the_unsynced_count(counter, qtbot, tmp_path):
    import unicodedata

    from pypdf import PdfReader

    from terminal.ui.manager_desk import ManagerDeskWindow
    from terminal.usecases.checkout import CheckoutRequest, LineRequest
    from terminal.usecases.manager_desk import ManagerDesk

    window, svc = counter()
    for i in range(3):
        svc.settle(CheckoutRequest(f"K{i}", (LineRequest(amount=200),)), cashier_id="C01", at=tpe(2026, 11, 5, 12))
    svc.void("K0", manager_id="MGR1", pin="9999", reason="wrong", at=tpe(2026, 11, 5, 13))
    answers = ["line down all evening"]
    d = ManagerDeskWindow(ManagerDesk(svc), window.worker, {"id": "MGR1", "pin": "9999", "name": "Wu"}, window,
                          ask_text=lambda title, label: answers.pop(0) if answers else None, reports_dir=tmp_path)
    qtbot.addWidget(d)
    d.show()
    d.refresh()
    qtbot.waitUntil(lambda: d.report is not None)
    d.close_day()
    qtbot.waitUntil(lambda: getattr(d, "closed_summary", None) is not None, timeout=10_000)
    assert "closed" in d.notice.text() and "override" in d.notice.text()
    text = unicodedata.normalize("NFKC", "".join(
        "".join(p.extract_text() for p in PdfReader(str(d.closed_summary)).pages).split()))
    assert "linedownallevening" in text and "MGR1" in text and "2026-11-0520:00" in text
    csv = d.closed_summary.with_suffix(".csv").read_text(encoding="utf-8-sig")
    assert "summary,settlements,2" in csv and "summary,sales voided,1" in csv
    assert ",yes,line down all evening,4" in csv  # 3 sales + 1 void not yet synced at the close
