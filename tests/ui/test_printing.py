"""Receipt slips on the python-escpos Dummy printer: Big5 bytes in Chinese mode, layout width."""

from __future__ import annotations

from escpos.printer import Dummy

from terminal.infra.printing import FS_CHINESE_ON, print_receipt, receipt_lines, text_width

RECEIPT = {
    "checkout_id": "abcdef12-3456", "local_time": "2026-11-22 12:00", "store_id": "CAFE-XINYI", "terminal_id": "T1",
    "cashier_id": "C1", "member": {"id": "M1", "masked_name": "陳*君"},
    "lines": [{"name": "拿鐵", "quantity": 2, "gross": 240, "net": 140}],
    "gross": 240, "coupon_discount": 100, "points_discount": 0, "total": 140,
    "explanation": [{"kind": "coupon", "text": "10 杯咖啡: -100", "amount": -100, "points": 0}],
    "points_earned": {"bonus": 5}, "points_spent": {}, "balances_after": {"bonus": 1505}, "left_out": [],
}


def test_slip_is_big5_in_chinese_mode():
    printer = Dummy()
    print_receipt(printer, RECEIPT, lang="zh_TW", point_names={"bonus": "紅利點數"})
    out = printer.output
    assert FS_CHINESE_ON in out
    assert "應付金額".encode("big5") in out and "紅利點數".encode("big5") in out
    assert "陳*君".encode("big5") in out
    assert out.endswith(b"\x1dV\x00") or b"\x1dV" in out  # cut


def test_lines_fit_the_paper():
    for lang in ("zh_TW", "en"):
        for line in receipt_lines(RECEIPT, lang, width=32):
            assert text_width(line) <= 32, line
