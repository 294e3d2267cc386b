"""Optional receipt slips on an ESC/POS printer (python-escpos). No Qt here.

Traditional Chinese: python-escpos' code-page tables have no Big5, and most Taiwanese
receipt printers expect Big5 in their "Chinese character mode" (FS &, cancelled by
FS .). So the text is laid out here (CJK characters are two columns wide), encoded to
Big5 by us and sent as raw bytes; only the layout commands (bold, size, cut) go through
the library. Characters Big5 lacks print as "?".

`open_printer("dummy" | "usb:VID:PID" | "network:HOST[:PORT]" | "file:/dev/usb/lp0")`.
Tests use `escpos.printer.Dummy` and inspect `.output`.
"""

from __future__ import annotations

import unicodedata
from typing import Any

FS_CHINESE_ON = b"\x1c\x26"  # FS & : Chinese character mode (Big5 on TW firmware)
FS_CHINESE_OFF = b"\x1c\x2e"  # FS .
ESC_INIT = b"\x1b\x40"
SIGNED_VOUCHER_PREFIX = "LT1V"  # terminal/domain/device_codes.py: ~260 characters, a QR code on the slip

LABELS = {
    "zh_TW": {
        "title": "會員點數核銷", "checkout": "交易", "time": "時間", "store": "門市", "cashier": "收銀員",
        "member": "會員", "gross": "小計", "coupons": "優惠券折抵", "points": "點數折抵", "total": "應付金額",
        "earned": "本次獲得點數", "spent": "本次使用點數", "balance": "點數餘額", "voided": "已作廢",
        "left_out": "未使用", "thanks": "謝謝光臨", "next_order": "下次消費券", "valid": "有效期間",
        "referral": "推薦入會禮(同步後可用)", "copy": "重印", "returned": "已退貨", "paid_by": "付款", "value_left": "餘額",
    },
    "en": {
        "title": "Loyalty redemption", "checkout": "Checkout", "time": "Time", "store": "Store", "cashier": "Cashier",
        "member": "Member", "gross": "Subtotal", "coupons": "Coupons", "points": "Points", "total": "TOTAL",
        "earned": "Points earned", "spent": "Points spent", "balance": "Balance", "voided": "VOIDED",
        "left_out": "Not used", "thanks": "Thank you", "next_order": "Next-visit coupon", "valid": "Valid",
        "referral": "Referral welcome coupon (after sync)", "copy": "COPY", "returned": "Returned", "paid_by": "Paid by", "value_left": "left",
    },
}
# payment methods on the slip (catalog ids the terminal does not know print as written)
METHODS = {
    "zh_TW": {"cash": "現金", "card": "信用卡", "linepay": "LINE Pay", "jkopay": "街口支付", "applepay": "Apple Pay",
              "easycard": "悠遊卡", "mobile": "行動支付", "wallet": "儲值金", "gift_card": "禮物卡"},
    "en": {"cash": "Cash", "card": "Card", "linepay": "LINE Pay", "jkopay": "JKO Pay", "applepay": "Apple Pay",
           "easycard": "EasyCard", "mobile": "Mobile pay", "wallet": "Stored value", "gift_card": "Gift card"},
}


def text_width(text: str) -> int:
    """Printer columns: East Asian wide/full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def clip(text: str, width: int) -> str:
    out, used = [], 0
    for ch in text:
        w = text_width(ch)
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out)


def two_cols(left: str, right: str, width: int) -> str:
    right = clip(right, width)
    left = clip(left, max(0, width - text_width(right) - 1))
    return left + " " * (width - text_width(left) - text_width(right)) + right


def receipt_lines(receipt: dict[str, Any], lang: str = "zh_TW", width: int = 32,
                  point_names: dict[str, str] | None = None, left_out: list[str] | None = None) -> list[str]:
    """The slip as plain text lines, `width` columns (32 for 58 mm paper, 48 for 80 mm).

    `left_out`: the coupons the sale did not use, worded in `lang` by the caller (the window
    translates their reasons); without it the coupons' names (`left_out_coupons`), or in English
    the domain's sentences (`left_out`, a receipt from the CLI)."""
    lb = LABELS.get(lang, LABELS["en"])
    names = point_names or {}
    rule = "-" * width
    out = [lb["title"]]
    if receipt.get("reprint"):  # a reprint (terminal/usecases/sales_history.copy_receipt): never passes for the original
        out.append(clip(f"*** {lb['copy']} {receipt['reprint'].get('printed_at', '')} ***", width))
    out += [rule,
           two_cols(lb["checkout"], str(receipt.get("checkout_id", ""))[:8], width),
           two_cols(lb["time"], str(receipt.get("local_time", "")), width),
           two_cols(lb["store"], f"{receipt.get('store_id', '')}/{receipt.get('terminal_id', '')}", width),
           two_cols(lb["cashier"], str(receipt.get("cashier_id", "")), width)]
    member = receipt.get("member")
    if member:
        out.append(two_cols(lb["member"], member.get("masked_name", ""), width))
    out.append(rule)
    for ln in receipt.get("lines", []):
        out.append(two_cols(f"{ln['name']} x{ln['quantity']}", str(ln["gross"]), width))
    out.append(rule)
    out.append(two_cols(lb["gross"], str(receipt.get("gross", 0)), width))
    for e in receipt.get("explanation", []):
        if e.get("kind") in ("promotion", "coupon") and e.get("amount"):  # "name: -amount" (catalog names); promotions: issue 16
            out.append(two_cols(" " + e["text"].split(":")[0], str(e["amount"]), width))
        elif e.get("kind") == "points" and e.get("amount"):  # points used as a discount: count and point type
            pt = str(e.get("ref") or "")
            out.append(two_cols(f" {-int(e.get('points') or 0)} {names.get(pt, pt)}", str(e["amount"]), width))
    if receipt.get("coupon_discount"):
        out.append(two_cols(lb["coupons"], f"-{receipt['coupon_discount']}", width))
    if receipt.get("points_discount"):
        out.append(two_cols(lb["points"], f"-{receipt['points_discount']}", width))
    out.append(two_cols(lb["total"], str(receipt.get("total", 0)), width))
    out += payment_lines(receipt, lang, width)
    earned = receipt.get("points_earned") or {}
    spent = receipt.get("points_spent") or {}
    after = receipt.get("balances_after") or {}
    if earned or spent or (member and after):
        out.append(rule)
        for pt, n in earned.items():
            out.append(two_cols(f"{lb['earned']} {names.get(pt, pt)}", f"+{n}", width))
        for pt, n in spent.items():
            out.append(two_cols(f"{lb['spent']} {names.get(pt, pt)}", f"-{n}", width))
        if member:
            for pt, n in after.items():
                out.append(two_cols(f"{lb['balance']} {names.get(pt, pt)}", str(n), width))
    if left_out is None:
        coupons = receipt.get("left_out_coupons")
        left_out = ([c["name"] for c in coupons] if coupons is not None
                    else list(receipt.get("left_out") or []) if lang == "en" else [])
    for msg in left_out:
        out.append(clip(f"{lb['left_out']}: {msg}", width))
    for c in receipt.get("next_order_coupons", []) or []:  # issue 16: the server issues it with this code
        out += [rule, clip(f"{lb['next_order']}: {c['name']}", width), clip(c["code"], width),
                clip(f"{lb['valid']} {c['valid_from']} ~ {c['valid_until']}", width)]
        if c.get("signed_code"):  # printed as a QR code by print_receipt (the line is the code itself)
            out.append(c["signed_code"])
    if receipt.get("referral"):
        out += [rule, clip(lb["referral"], width), clip(receipt["referral"]["coupon_code"], width)]
    for r in receipt.get("returns", []) or []:  # on a reprint: the partial returns made since
        out.append(two_cols(f"{lb['returned']} {r.get('time', '')}", f"-{r.get('refund', 0)}", width))
    if receipt.get("voided_at"):
        out.append(f"*** {lb['voided']} ***")
    out += [rule, lb["thanks"]]
    return out


def payment_lines(receipt: dict[str, Any], lang: str = "zh_TW", width: int = 32) -> list[str]:
    """How the total was paid: each payment (stored value and gift cards with the account's last 4
    characters and the balance left on it), then the rest by its method."""
    lb, names = LABELS.get(lang, LABELS["en"]), METHODS.get(lang, METHODS["en"])
    out = []
    for p in receipt.get("payments", []) or []:
        account = f" *{str(p['account_id'])[-4:]}" if p.get("account_id") else ""
        out.append(two_cols(f"{lb['paid_by']} {names.get(p['method'], str(p['method']))}{account}", str(p["amount"]), width))
        if "balance_after" in p:
            out.append(two_cols(f"  {lb['value_left']}", str(p["balance_after"]), width))
    return out


def encode_big5(text: str) -> bytes:
    return text.encode("big5", errors="replace")


def print_receipt(printer: Any, receipt: dict[str, Any], *, lang: str = "zh_TW", width: int = 32,
                  point_names: dict[str, str] | None = None, cut: bool = True, left_out: list[str] | None = None) -> None:
    """Send the slip to an escpos printer object (Dummy, Usb, Network, File...); `left_out` as in `receipt_lines`."""
    lines = receipt_lines(receipt, lang, width, point_names, left_out)
    printer._raw(ESC_INIT)
    printer._raw(FS_CHINESE_ON)
    printer.set(align="center", bold=True, double_height=True)
    printer._raw(encode_big5(lines[0]) + b"\n")
    printer.set(align="left", bold=False, normal_textsize=True)
    total_label = LABELS.get(lang, LABELS["en"])["total"]
    for line in lines[1:]:
        if line.startswith(SIGNED_VOUCHER_PREFIX):  # a voucher signed by this terminal: a QR code, not text
            printer.qr(line, size=4, native=True, center=True)
        elif line.startswith(total_label):
            printer.set(bold=True, double_height=True)
            printer._raw(encode_big5(line) + b"\n")
            printer.set(bold=False, normal_textsize=True)
        else:
            printer._raw(encode_big5(line) + b"\n")
    printer._raw(FS_CHINESE_OFF)
    if cut:
        printer.cut()


def open_printer(spec: str) -> Any:
    """Printer from a short spec string; raises ValueError for a bad spec."""
    from escpos import printer as p

    kind, _, rest = spec.partition(":")
    if kind == "dummy":
        return p.Dummy()
    if kind == "usb":
        vid, _, pid = rest.partition(":")
        return p.Usb(int(vid, 16), int(pid, 16))
    if kind == "network":
        host, _, port = rest.partition(":")
        return p.Network(host, int(port or 9100))
    if kind == "file":
        return p.File(rest)
    raise ValueError(f"unknown printer spec {spec!r} (dummy, usb:VID:PID, network:HOST[:PORT], file:PATH)")
