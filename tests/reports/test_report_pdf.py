"""PDF export: produced offscreen, read back with pypdf, Chinese text intact."""

from __future__ import annotations

import os
import unicodedata

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

from pypdf import PdfReader

from terminal.usecases.reports import daily_report
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from tests.conftest import card, catalog_dict, tpe


def test_pdf_report_text_is_extractable_with_chinese(make_service, tmp_path):
    from terminal.ui.report_pdf import write_report_pdf

    cat = catalog_dict()
    cat["stores"][0]["name"] = "日光咖啡 信義店"
    svc = make_service("A-001", catalog=cat)
    at = tpe(2026, 11, 5, 12)
    svc.settle(CheckoutRequest("A", (LineRequest("LATTE", 2),), member_code=card("290000000001"),
                               coupons=(CouponRequest(card("980000000001"), 2),)), cashier_id="C01", at=at)
    svc.settle(CheckoutRequest("B", (LineRequest(amount=300),)), cashier_id="C01", at=at)
    svc.void("B", manager_id="MGR1", pin="9999", reason="客人退貨", at=at)
    rep = daily_report(svc.replica, store_id="A-001", day=date(2026, 11, 5))
    out = write_report_pdf(rep, tmp_path / "report.pdf")
    assert out.stat().st_size > 1000
    text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
    # CJK fonts map some ideographs to Kangxi radical code points (U+2F00..): NFKC folds them back
    squashed = unicodedata.normalize("NFKC", "".join(text.split()))
    assert "日光咖啡信義店" in squashed
    assert "客人退貨" in squashed
    assert "10coffees" in squashed
    assert "(A-001)" in squashed and "2026-11-05" in squashed  # digits stay text, not glyph ids
