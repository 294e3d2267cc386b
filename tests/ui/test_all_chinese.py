"""Entirely in the cashier's language (issue 17 §3): in zh_TW, a full sale on the demo chain, every
refusal the counter can reach, the slip, the manager desk with data in every tab, its report and CSV,
Qt's own dialogs: no visible string may hold a run of two Latin letters unless it is a code, id,
amount or key name listed in ALLOWED below (or the merchant's own catalog data).

The walk reads every widget's text, placeholder, tool tip, window title, group box title, tab
text, combo item, list item and table header/cell (and their tool tips); rich text is read as the
person sees it (tags stripped)."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox, QGroupBox, QLabel,  # noqa: E402
                               QLineEdit, QListWidget, QTabWidget, QWidget)

from terminal.domain.reasons import Reason  # noqa: E402
from terminal.provisioning.demo import DEMO_NOW, demo_catalog_path  # noqa: E402
from terminal.ui import i18n  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.ui.reason_details import SPECIFIC, detail_text  # noqa: E402
from terminal.ui.verdicts import notice_text  # noqa: E402
from terminal.usecases.counter import Counter, Notice  # noqa: E402
from tests.ui.helpers import FakeMonotonic  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
STORE = "CAFE-XINYI"
CASHIER, MANAGER = "CAFE-XINYI-C1", "CAFE-XINYI-M1"

# What may be Latin on a zh_TW screen, each pattern as narrow as it can be.
ALLOWED = [  # (in this order: a path or address first, it may hold ids)
    r"(?:^|\s)/[^\s]+", r"\b[A-Z]:\\[^\s]+",  # a file's path where a report was saved (the file system's names)
    r"\bhttps?://\S*",  # server addresses
    r"\bLT1[A-Z2-7]+\b",  # signed codes (member QR, coupon QR, vouchers), shown as scanned
    r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b",  # ids: products (CF-LATTE), stores (CAFE-XINYI), staff, coupons (CP-DEMO-500)
    r"\b[0-9a-f]{8}\b",  # a checkout id's first 8 hex digits
    r"\bM\d{6}\b", r"\bT\d+\b",  # member ids, terminal ids
    r"\bAsia/Taipei\b",  # the store's time zone (IANA id) on the report
    r"\bF(?:[1-9]|1[0-2])\b", r"\bCtrl\b", r"\bShift\b", r"\bEsc\b", r"\bEnter\b",  # keys as printed on the keyboard
    r"\bIT\b", r"\bPIN\b", r"\bQR\b", r"\bID\b", r"\bCSV\b", r"\bPDF\b", r"\bWindows\b", r"\bWi-Fi\b",
    r"\bEnglish\b",  # the language switch names English in English (中文/English)
    r"\bLINE Pay\b", r"\bApple Pay\b", r"\bJKO Pay\b",  # payment brands, written so in Taiwan too
]
LATIN = re.compile(r"[A-Za-z]{2,}")


def catalog_names() -> list[str]:
    """The merchant's own names (products, rules, coupons, brands...) with Latin in them ("LINE Pay",
    "App 下載禮", "Sunlight Coffee"): data in the merchant's language, not ours to translate."""
    cat = json.loads(demo_catalog_path().read_text(encoding="utf-8"))
    names: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "name" and isinstance(v, str) and LATIN.search(v):
                    names.add(v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(cat)
    return sorted(names, key=len, reverse=True)


def catalog_ids() -> list[str]:
    """The catalog's lowercase ids (point types `bonus`, `diamond`, tiers...): the id columns of the CSV."""
    cat = json.loads(demo_catalog_path().read_text(encoding="utf-8"))
    return sorted({x["id"] for key in ("point_types", "tiers") for x in cat.get(key, [])}, key=len, reverse=True)


CATALOG_NAMES = catalog_names()
CATALOG_IDS = tuple(rf"\b{re.escape(i)}\b" for i in catalog_ids())


def latin_left(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    """The Latin words of `text` that are neither allowed codes nor catalog names (nor `extra` patterns)."""
    for name in CATALOG_NAMES:
        text = text.replace(name, " ")
    for pattern in (*ALLOWED, *extra):
        text = re.sub(pattern, " ", text)
    return LATIN.findall(text)


def plain(text: str) -> str:
    """What a person reads of a (maybe rich) text."""
    if "<" in text and ">" in text:
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything `root` and its descendants show a person."""
    out: list[tuple[str, str]] = []

    def add(where: str, text: object) -> None:
        if text is not None and not isinstance(text, (int, float)) and str(text):
            out.append((where, plain(str(text))))

    for w in [root, *root.findChildren(QWidget)]:
        name = f"{type(w).__name__}({w.objectName()})"
        add(name + ".windowTitle", w.windowTitle() if w.isWindow() else "")
        add(name + ".toolTip", w.toolTip())
        add(name + ".statusTip", w.statusTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            add(name + ".text", w.text())
        if isinstance(w, QLineEdit):
            add(name + ".placeholder", w.placeholderText())
            if w.isReadOnly():
                add(name + ".text", w.text())
        if isinstance(w, QGroupBox):
            add(name + ".title", w.title())
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(f"{name}.tab{i}", w.tabText(i))
                add(f"{name}.tabToolTip{i}", w.tabToolTip(i))
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                add(f"{name}.item{i}", w.itemText(i))
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                add(f"{name}.item{i}", w.item(i).text())
                add(f"{name}.itemToolTip{i}", w.item(i).toolTip())
        if isinstance(w, QAbstractItemView) and w.model() is not None and not isinstance(w, QListWidget):
            m = w.model()
            for c in range(m.columnCount()):
                add(f"{name}.header{c}", m.headerData(c, Qt.Orientation.Horizontal))
            for r in range(min(m.rowCount(), 200)):
                for c in range(m.columnCount()):
                    idx = m.index(r, c)
                    add(f"{name}[{r},{c}]", m.data(idx))
                    add(f"{name}[{r},{c}].toolTip", m.data(idx, Qt.ItemDataRole.ToolTipRole))
    return [(where, str(t)) for where, t in out]


def assert_all_chinese(root: QWidget, when: str, extra: tuple[str, ...] = ()) -> None:
    bad = [(where, text) for where, text in visible_texts(root) if latin_left(text, extra)]
    assert bad == [], f"English left on screen ({when}): {bad[:12]}"


def assert_text_chinese(text: str, when: str) -> None:
    bad = [line for line in text.splitlines() if latin_left(line)]
    assert bad == [], f"English left ({when}): {bad[:12]}"


# ---- the counter: a full sale and every refusal it can reach ------------------------------------

@pytest.fixture
def zh_window(qtbot, make_service):
    from escpos.printer import Dummy

    catalog = json.loads(demo_catalog_path().read_text(encoding="utf-8"))
    svc = make_service(STORE, catalog=catalog, at=DEMO_NOW)
    printer = Dummy()
    window, wedge, worker = build_window(Counter(svc), WindowOptions(language="zh_TW", ask_login=False, printer=printer),
                                         wedge_clock=FakeMonotonic())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window, svc, printer, qtbot
    QApplication.instance().removeEventFilter(wedge) if wedge else None
    worker.shutdown()
    i18n.install(QApplication.instance(), "en")


def _after(window, qtbot, fn, check, timeout=8000):
    window.view = None
    fn()
    qtbot.waitUntil(lambda: window.view is not None and bool(check(window.view)), timeout=timeout)
    return window.view


def _refusal(window, qtbot, code, reason, reached):
    """Scan `code`; the banner (and a refused coupon's table row) say `reason` in Chinese."""
    v = _after(window, qtbot, lambda: window.scan(code),
               lambda v: v.notice is not None and v.notice.reason == reason)
    reached.add(reason)
    head, detail = window.notice_headline.text(), window.notice_detail.text()
    assert head and detail, f"{reason}: a refusal says what is wrong and what to do"
    assert_all_chinese(window, f"refusal {reason}")
    return v, detail


def _codes_md() -> dict[str, str]:
    """Demo row id -> the LT1 payload scanned in that row (tests/demo's codes.md)."""
    rows = {}
    for line in (ROOT / "resources" / "demo" / "codes.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| (M\d+|C\d+) \|.*?`(LT1[A-Z2-7]+)`", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def test_a_full_sale_every_refusal_and_the_slip_are_in_chinese(zh_window):
    window, svc, printer, qtbot = zh_window
    reached: set[str] = set()
    assert_all_chinese(window, "signed out")
    # sign-in refusals
    _after(window, qtbot, lambda: window.login(CASHIER, "0000"), lambda v: v.notice and v.notice.reason == "bad_pin")
    reached.add("bad_pin")
    assert_all_chinese(window, "bad PIN")
    _after(window, qtbot, lambda: window.login(CASHIER, "1234"), lambda v: v.cashier is not None)
    assert_all_chinese(window, "signed in")

    # a coupon before any item: not checked yet, and the banner says what to do
    _after(window, qtbot, lambda: window.scan("9900000000097"), lambda v: v.coupons and v.notice.event == "coupon")
    assert window.notice_detail.text() and window.coupon_panel.table.rowCount() == 1
    assert_all_chinese(window, "coupon before items")
    _after(window, qtbot, lambda: window.coupon_panel.table.selectRow(0) or window._remove_coupon(), lambda v: not v.coupons)
    # a typed amount, and a manager's new price
    window.amount_field.setText("35")
    _after(window, qtbot, window._add_amount, lambda v: v.lines)
    assert "$35" in window.notice_detail.text()
    _after(window, qtbot, lambda: window.override_price(0, value=30, manager_id=MANAGER, pin="9999", reason="瑕疵品"),
           lambda v: v.notice and v.notice.event == "override")
    assert "$30" in window.notice_detail.text() and "瑕疵品" in window.notice_detail.text()
    assert_all_chinese(window, "price override")
    _after(window, qtbot, lambda: window.basket_panel.table.selectRow(0) or window._remove_line(), lambda v: not v.lines)

    # codes refused at once
    _refusal(window, qtbot, "2900000000019", "bad_check_digit", reached)
    _refusal(window, qtbot, "2900000000032", "revoked", reached)
    qr = _codes_md()["M2"]  # the member QR of 陳怡君
    _refusal(window, qtbot, qr[:-12] + ("A" if qr[-12] != "A" else "B") + qr[-11:], "forged", reached)
    _refusal(window, qtbot, "9900000000042", "voided", reached)
    _, detail = _refusal(window, qtbot, "9900000000059", "expired", reached)
    assert "2026-10-31" in detail or "2026-11-01" in detail  # the day it ended, store time
    _, detail = _refusal(window, qtbot, "9900000000066", "not_yet_valid", reached)
    assert "2026-12-20" in detail
    _, detail = _refusal(window, qtbot, "9900000000110", "wrong_store", reached)
    assert "板橋新站店" in detail, "a wrong-store coupon says where it is valid"
    _, detail = _refusal(window, qtbot, "9900000000103", "wrong_brand", reached)
    assert "麥香烘焙" in detail
    _refusal(window, qtbot, _codes_md()["C13"], "unreplicated_not_allowed", reached)

    # a member, the sale, coupons that do not fit, points
    _after(window, qtbot, lambda: window.scan("2900000000025"), lambda v: v.member is not None)  # 林志明, gold
    _refusal(window, qtbot, "9900000000035", "wrong_member", reached)
    _refusal(window, qtbot, "9900000000141", "not_birthday_month", reached)
    _, detail = _refusal(window, qtbot, "9900000000028", "used_up", reached)
    assert "10" in detail  # all 10 uses, taken elsewhere (the replica knows the count, not where)
    for _ in range(2):
        _after(window, qtbot, lambda: window.scan("4712468000022"), lambda v: v.lines)  # 拿鐵 120
    _, detail = _refusal(window, qtbot, "9900000000073", "min_spend_not_met", reached)
    assert "$500" in detail and "$260" in detail  # minimum, and what is missing
    v = _after(window, qtbot, lambda: window.set_points("diamond", 3000),
               lambda v: v.notice and v.notice.reason == "points_exceed_bill")
    reached.add("points_exceed_bill")
    assert_all_chinese(window, "points over the bill")
    _after(window, qtbot, lambda: window.set_points("diamond", 0), lambda v: v.notice is not None)
    _after(window, qtbot, lambda: window.set_points("bonus", 10 ** 7),
           lambda v: v.notice and v.notice.reason == "insufficient_points")
    reached.add("insufficient_points")
    assert_all_chinese(window, "not enough points")
    _after(window, qtbot, lambda: window.set_points("bonus", 0), lambda v: v.notice is not None)
    _after(window, qtbot, lambda: window.scan("9900000000097"), lambda v: any(c.ok for c in v.coupons))  # drink voucher
    assert_all_chinese(window, "basket with coupons")
    _, detail = _refusal(window, qtbot, "9900000000172", "not_combinable", reached)  # 金卡 8 折: used alone only
    assert "任選飲品一杯" in detail, "says which coupon it clashes with"
    v = _after(window, qtbot, window.settle, lambda v: v.receipt is not None)
    assert_all_chinese(window, "receipt")
    assert v.receipt["left_out_coupons"], "the refused coupons are named on the receipt"

    # the slip (Big5 on the printer), in Chinese but for codes
    window.print_receipt()
    qtbot.waitUntil(lambda: b"\x1d\x56" in printer.output or len(printer.output) > 200, timeout=8000)
    slip = printer.output.replace(b"\x1c\x26", b"").replace(b"\x1c\x2e", b"")
    text = re.sub(r"[\x00-\x09\x0b-\x1f]", " ", slip.decode("big5", errors="replace"))
    assert "謝謝光臨" in text and "未使用" in text
    assert_text_chinese(re.sub(r"\x1b.|\x1d.", " ", text), "the slip")

    # a coupon used in that sale, scanned again: when and where it was used
    _after(window, qtbot, window.new_checkout, lambda v: v.receipt is None)
    _, detail = _refusal(window, qtbot, "9900000000097", "used_up", reached)
    assert "日光咖啡 信義店" in detail and "2026-11-22 12:00" in detail, detail
    _after(window, qtbot, lambda: window.scan("4712468000015"), lambda v: v.lines)  # 美式
    _refusal(window, qtbot, "9900000000035", "member_required", reached)
    # 陳怡君 has her birthday this month: her points are doubled, and the line says why
    _after(window, qtbot, lambda: window.scan("2900000000018"), lambda v: v.member is not None)
    _after(window, qtbot, lambda: window.scan("4712468000022"), lambda v: v.preview is not None and v.preview.earns)
    breakdown = plain(window.checkout_panel.breakdown.text())
    assert "×2（生日月）" in breakdown, breakdown
    assert_all_chinese(window, "birthday-month points")
    assert {"bad_pin", "bad_check_digit", "revoked", "forged", "voided", "expired", "not_yet_valid", "wrong_store",
            "wrong_brand", "unreplicated_not_allowed", "wrong_member", "not_birthday_month", "used_up",
            "min_spend_not_met", "points_exceed_bill", "insufficient_points", "member_required", "not_combinable"} <= reached

    # the top bar with a week of unsynced sales, conflicts and a locked vault (what a status can say)
    import dataclasses
    from datetime import timedelta

    week_ago = (datetime.now(timezone.utc) - timedelta(days=7, minutes=5)).isoformat()
    status = {"online": False, "pending": 12, "oldest_pending_at": week_ago, "last_success_at": week_ago, "conflicts": 2,
              "credential": "locked", "last_error": "KeyringLocked: Failed to unlock the collection!"}
    real = window.view
    window._render(dataclasses.replace(real, status=status), force=True)  # same seq: the next real view still shows
    assert "7 天" in window.top_bar.sync_label.text()
    assert_all_chinese(window, "top bar: unsynced for a week, vault locked")
    window._render(real, force=True)

    # signing out with a basket asks first (Qt's message box, our words); then a locked staff id
    window.logout()
    box = window.confirm_box
    qtbot.waitUntil(box.isVisible, timeout=5000)
    assert_all_chinese(box, "sign out with a basket?")
    box.button(box.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.view is not None and window.view.cashier is None, timeout=8000)
    for _ in range(5):
        _after(window, qtbot, lambda: window.login(CASHIER, "0000"),
               lambda v: v.notice and v.notice.reason in ("bad_pin", "staff_locked"))
    _after(window, qtbot, lambda: window.login(CASHIER, "1234"), lambda v: v.notice and v.notice.reason == "staff_locked")
    assert "F10" in window.notice_detail.text()
    assert_all_chinese(window, "staff locked")


# ---- every reason through the presenter, with representative details ----------------------------

REPRESENTATIVE = {
    "expired": {"valid_until_local": "2026-10-31 23:59"}, "not_yet_valid": {"valid_from_local": "2026-12-20 00:00"},
    "used_up": {"used_at_local": "2026-11-22 12:00", "used_store_name": "日光咖啡 信義店", "used_checkout_id": "3fa2b9c1aa"},
    "wrong_store": {"valid_store_names": ["日光咖啡 板橋新站店"]}, "wrong_brand": {"valid_brand_names": ["麥香烘焙"]},
    "limit_reached": {"limit": 1, "period": "day"}, "cap_reached": {"cap": 500}, "budget_spent": {"budget": 10000},
    "campaign_budget_spent": {"budget": 50000},
    "visit_gift_not_active": {"starts_at_local": "2026-12-01 00:00", "claim_until_local": "2026-12-31 23:59"},
    "visit_gift_already_claimed": {"claimed_at_local": "2026-11-20 15:30"},
    "visit_gift_threshold_not_met": {"spent": 1200, "threshold": 2000, "short": 800},
    "not_first_purchase": {"prior_purchases": 3}, "min_spend_not_met": {"min_spend": 500, "eligible": 240},
    "no_eligible_item": {"needed": 2, "found": 1}, "too_many_uses": {"remaining": 1},
    "insufficient_points": {"needed": 3000, "usable": 1500}, "points_not_multiple": {"step": 100},
    "points_exceed_bill": {"max_points": 1200}, "insufficient_balance": {"balance": 300, "requested": 500, "shortfall": 200},
    "tender_exceeds_total": {"paid": 600, "total": 500}, "preview_changed": {"actual": 190, "expected": 240},
    "not_found": {"checkout_id": "3fa2b9c1-0000"}, "return_window_passed": {"window_days": 30},
    "return_exceeds_sold": {"line": 1, "sold": 2, "returned": 1, "asked": 2},
    "staff_locked": {"failures": 5, "locked_until_local": "2026-11-22 12:00"}, "unsynced_events": {"pending": 4},
    "claim_daily_limit": {"claims_today": 1, "limit": 1}, "claim_campaign_limit": {"claims": 3, "limit": 3},
    "campaign_not_active": {"starts_at_local": "2026-12-01 00:00", "ends_at_local": "2026-12-31 23:59"},
    "offer_not_available": {"valid_from_local": "2026-12-01 00:00", "valid_until_local": "2026-12-31 23:59"},
    "offline_allowance_exceeded": {"unsynced": 200, "requested": 300, "limit": 400},
    "vault_unavailable": {"vault": "locked"},
    "not_combinable": {"with_name": "金卡禮遇 全單 8 折", "exclusive": True},
}


@pytest.fixture
def zh(qapp):
    i18n.install(qapp, "zh_TW")
    yield
    i18n.install(qapp, "en")


def test_every_reason_reads_in_chinese_with_and_without_its_figures(zh):
    for reason in [*(r.value for r in Reason), "storage_full", "storage_error", "internal_error"]:
        for details in (REPRESENTATIVE.get(reason, {}), {}):
            n = Notice("error", "coupon", "An English sentence the domain wrote.", reason, subject="滿 500 折 100",
                       details=details)
            head, detail = notice_text(n)
            assert_text_chinese(head + "\n" + detail, f"reason {reason} {details}")
            assert "English sentence" not in detail


def test_every_specific_template_uses_its_figures(zh):
    """A template with figures is used when the figures are there (not silently the generic one)."""
    assert set(SPECIFIC) <= set(REPRESENTATIVE), "give every specific template representative details here"
    for reason in SPECIFIC:
        text = detail_text(reason, REPRESENTATIVE[reason])
        assert text != detail_text(reason, {}), reason
        values = [x for v in REPRESENTATIVE[reason].values() for x in (v if isinstance(v, list) else [v])]
        if reason == "vault_unavailable":  # worded by the vault's state, no figure
            continue
        shown = [str(v)[:8] for v in values if isinstance(v, str)] + [f"{v}" for v in values if isinstance(v, int)] \
            + [f"${v:,}" for v in values if isinstance(v, int)]
        assert any(f in text for f in shown), (reason, text)


# ---- the manager desk, its report and CSV ---------------------------------------------------------

def _fake_conflict(svc) -> None:
    event_id, seq = svc.replica.conn.execute("SELECT event_id, terminal_seq FROM outbox ORDER BY terminal_seq LIMIT 1").fetchone()
    details = {"subject": "CP-DEMO-500", "amount": 100,
               "winner": {"store_id": "CAFE-DAAN", "terminal_id": "T2", "checkout_id": "3fa2b9c1"},
               "loser": {"store_id": STORE, "terminal_id": "T1", "checkout_id": "S2", "discount": 100}}
    svc.replica.conn.execute(
        "INSERT INTO sync_conflicts(event_id, terminal_seq, kind, decision, message, details, recorded_at) VALUES (?,?,?,?,?,?,?)",
        (event_id, seq, "duplicate_redemption", "first_received_wins", "Single-use coupon CP-DEMO-500 was already redeemed.",
         json.dumps(details), datetime(2026, 11, 22, 5, 7, tzinfo=timezone.utc).isoformat()))


def test_the_manager_desk_report_and_csv_are_in_chinese(qtbot, make_service, tmp_path, qapp):
    from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
    from terminal.usecases.manager_desk import ManagerDesk
    from terminal.ui.desk_texts import csv_labels
    from terminal.ui.manager_desk import ManagerDeskWindow
    from terminal.ui.report_pdf import report_html
    from terminal.ui.worker import DbWorker
    from terminal.usecases.reports import report_csv

    i18n.install(qapp, "zh_TW")
    catalog = json.loads(demo_catalog_path().read_text(encoding="utf-8"))
    svc = make_service(STORE, catalog=catalog, at=DEMO_NOW)
    for i, (sku, coupon) in enumerate([("CF-LATTE", None), ("GF-PINEAPPLE-CAKE", "9900000000073"), ("CF-MOCHA", None)]):
        svc.settle(CheckoutRequest(f"S{i}", (LineRequest(sku=sku, quantity=2),), member_code="2900000000018",
                                   coupons=(CouponRequest(coupon),) if coupon else ()), cashier_id=CASHIER, at=DEMO_NOW)
    svc.void("S2", manager_id=MANAGER, pin="9999", reason="客人取消", at=DEMO_NOW)
    _fake_conflict(svc)
    worker = DbWorker()
    answers = ["網路中斷"]
    window = ManagerDeskWindow(ManagerDesk(svc), worker, {"id": MANAGER, "pin": "9999", "name": "店長"},
                               ask_text=lambda title, label: answers.pop(0) if answers else None, reports_dir=tmp_path)
    qtbot.addWidget(window)
    try:
        window.resize(1100, 760)
        window.show()
        window.refresh()
        qtbot.waitUntil(lambda: window.report is not None and window.inbox.rowCount() == 1, timeout=8000)
        window.close_day()  # refused: unsynced; the manager's override closes it (audit rows close_day, override)
        qtbot.waitUntil(lambda: window.audit.rowCount() >= 3, timeout=8000)
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            qapp.processEvents()
            assert_all_chinese(window, f"desk tab {window.tabs.tabText(i)}")
        received = window.inbox.item(0, 0).text() if hasattr(window.inbox, "item") else window.inbox.model().index(0, 0).data()
        assert received == "2026-11-22 13:07", "conflict times are the store's wall clock"
        assert_text_chinese(plain(report_html(window.report)), "report PDF")
        from terminal.ui.campaign_pdf import campaign_html

        day = DEMO_NOW.date()
        campaigns = window.worker.call(lambda: window.desk.campaigns(day, day))
        assert campaigns.lines, "the sale's coupon is a campaign of the day"
        assert_text_chinese(plain(campaign_html(campaigns)), "campaign PDF")
        csv_text = report_csv(window.report, csv_labels()).decode("utf-8-sig")
        # the CSV keeps its id columns (template, point type, cashier) next to the names, for scripts
        bad = [line for line in csv_text.splitlines() if latin_left(line.replace(",", " "), CATALOG_IDS)]
        assert bad == [], f"English left (report CSV): {bad}"
        english = report_csv(window.report).decode("utf-8-sig")
        assert english.splitlines()[0] == "report,daily redemptions", "without labels the CSV keeps its English ids"
    finally:
        worker.shutdown()
        i18n.install(qapp, "en")


# ---- Qt's own words: standard buttons and the file dialog -----------------------------------------

def test_qt_standard_buttons_and_the_file_dialog_are_in_chinese(qtbot, qapp, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from terminal.ui.file_dialogs import qt_catalogue_gaps, save_file_dialog
    from terminal.ui.dialogs import LoginDialog, ManagerDialog
    from terminal.ui.desk_widgets import ManagerPinDialog

    i18n.install(qapp, "zh_TW")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        assert sorted(b.text() for b in box.buttons()) == sorted(["確定", "取消"]), "qtbase_zh_TW.qm is loaded"
        msg = QMessageBox(QMessageBox.Icon.Critical, "標題", "內文", QMessageBox.StandardButton.Ok)
        assert [b.text() for b in msg.buttons()] == ["確定"]
        gaps = qt_catalogue_gaps()
        assert [key for key, text in gaps.items() if latin_left(text)] == [], "our .ts fills what qtbase_zh_TW lacks"
        (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
        (tmp_path / "folder").mkdir()
        dlg = save_file_dialog(None, "匯出 CSV", str(tmp_path / "report.csv"), "CSV (*.csv)")
        qtbot.addWidget(dlg)
        dlg.show()
        dlg.setNameFilter("")  # every file shown: a file's type too
        qtbot.wait(300)  # the file system model reads the folder on its own thread
        assert dlg.testOption(dlg.Option.DontUseNativeDialog)
        # the file system's own names are data: folder paths, the user's home folder, the file pattern
        home = Path.home().name
        assert_all_chinese(dlg, "file dialog", extra=(rf"\b{re.escape(home)}\b", r"\(\*\.csv\)", r"\bnotes\.txt\b", r"\btxt\b", r"\bfolder\b"))
        pin = ManagerPinDialog(None)
        qtbot.addWidget(pin)
        assert_all_chinese(pin, "manager PIN dialog")
        login = LoginDialog(None, "", locked_until="2026-11-22T12:00:30+08:00")
        qtbot.addWidget(login)
        assert_all_chinese(login, "sign-in dialog")
        approve = ManagerDialog("作廢上一筆", None, explanation="需店長核准", with_value="原因")
        qtbot.addWidget(approve)
        assert_all_chinese(approve, "manager approval dialog")
    finally:
        i18n.install(qapp, "en")


def test_the_enrolment_dialog_and_its_errors_are_in_chinese(qtbot, qapp):
    """First start: the dialog, and every failure the enrolment can meet, worded in Chinese."""
    from sync.client import AuthFailed, CredentialVaultUnavailable, RequestRefused, TransientError
    from terminal.provisioning.enrolment import EnrolmentError, InsecureServerUrl
    from terminal.ui.enrol_dialog import EnrolDialog
    from terminal.ui.enrol_errors import enrol_error_text

    i18n.install(qapp, "zh_TW")
    try:
        failures = [
            InsecureServerUrl("refusing to send the token in clear text", code="insecure_url"),
            EnrolmentError("server URL must start with http", code="bad_url"),
            EnrolmentError("give --terminal ID", code="terminal_id_missing"),
            EnrolmentError("this replica holds sales of terminal T1", code="replica_of_other_terminal", known="T1", requested="T2"),
            CredentialVaultUnavailable("vault locked", state="locked"),
            CredentialVaultUnavailable("no credential", state="missing"),
            CredentialVaultUnavailable("no vault", state="unavailable"),
            TransientError("connection refused", url="https://loyalty.example.com"),
            *(AuthFailed(401, code, "English message") for code in ("bad_enrolment_token", "enrolment_token_used",
                                                                   "enrolment_token_expired", "enrolment_token_revoked",
                                                                   "device_revoked", "something_new")),
            *(RequestRefused(409, json.dumps({"error": {"code": code, "message": "English message"}}))
              for code in ("terminal_in_use", "wrong_store", "token_for_other_terminal")),
            RuntimeError("a fault"),
        ]
        texts = [enrol_error_text(exc) for exc in failures]
        assert len(set(texts)) >= len(failures) - 3, "each failure says its own thing"
        for exc, text in zip(failures, texts):
            assert_text_chinese(text, f"enrolment error {exc!r}")

        def refuse(server, token, terminal):
            raise AuthFailed(401, "enrolment_token_used", "This enrolment token was already used.")

        d = EnrolDialog(refuse, server_url="https://loyalty.example.com", terminal_id="XINYI-01")
        qtbot.addWidget(d)
        d.show()
        d.token.setText("abc-123")
        d.submit()
        qtbot.waitUntil(lambda: "權杖" in d.error.text() and d.buttons.isEnabled(), timeout=5000)
        # the fields hold what the installer typed (data); everything the dialog says is Chinese
        assert_all_chinese(d, "enrolment dialog", extra=(r"\babc-123\b", r"\bXINYI-01\b"))
    finally:
        i18n.install(qapp, "en")
