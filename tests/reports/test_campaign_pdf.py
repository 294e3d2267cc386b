"""The campaign report as PDF (issue 16 section 4): the same figures as the CSV, headings in
Traditional Chinese or English (the .qm of the configured language), text extractable with pypdf."""

from __future__ import annotations

import io
import json
import os
import unicodedata

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

import pytest
from pypdf import PdfReader

from terminal.usecases.campaign_report import campaign_report
from tests.history.test_campaign_roi import promo_catalog, promo_sales


def pdf_text(path) -> str:
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return unicodedata.normalize("NFKC", "".join(text.split()))  # CJK radicals folded back, spaces dropped


@pytest.fixture
def report(make_service):
    svc = make_service(catalog=promo_catalog())
    promo_sales(svc)
    return campaign_report(svc.replica, store_id="A-001", first_day=date(2026, 11, 20), last_day=date(2026, 11, 20))


def test_pdf_holds_the_figures_with_chinese_headings(report, tmp_path):
    from terminal.ui.campaign_pdf import write_campaign_pdf

    text = pdf_text(write_campaign_pdf(report, tmp_path / "c.pdf", "zh_TW"))
    for heading in ("活動成效報表", "核銷數", "折扣金額", "平均客單(有用)", "首次使用會員", "自動促銷"):
        assert unicodedata.normalize("NFKC", heading) in text, heading
    assert "cro-b2g1" in text and "Croissantbuy2get1" in text and "2026-11-20" in text
    # the croissant row's discount 120, revenue 468, averages 234 / 240; the gold row's 348 and 180
    for figure in ("120", "468", "234", "240", "348", "180"):
        assert figure in text, figure


def test_pdf_in_english(report, tmp_path):
    from terminal.ui.campaign_pdf import write_campaign_pdf

    text = pdf_text(write_campaign_pdf(report, tmp_path / "c.pdf", "en"))
    assert "Campaignreport" in text and "First-timemembers" in text and "Promotion" in text and "468" in text
    from terminal.ui import i18n
    from PySide6.QtCore import QCoreApplication

    i18n.install(QCoreApplication.instance(), "zh_TW")  # leave the process's default language for other tests


def test_cli_campaign_report_pdf(tmp_path):
    from terminal.entry.cli import EXIT_OK, EXIT_USAGE, run

    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(promo_catalog(), ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.db"

    def cli(*args):
        out = io.StringIO()
        return run([str(a) for a in args], out=out), out.getvalue()

    assert cli("--db", db, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    code, out = cli("--db", db, "--json", "settle", "--line", "CROISSANTx3", "--cashier", "C01", "--pin", "1234",
                    "--at", "2026-11-20T12:00+08:00", "--checkout-id", "k1")
    assert code == EXIT_OK, out
    code, out = cli("--db", db, "campaign-report", "--from", "2026-11-20", "--to", "2026-11-20", "--pdf", tmp_path / "c.pdf")
    assert code == EXIT_OK, out
    assert "promotion cro-b2g1 Croissant buy 2 get 1: issued 0, redeemed 1" in out
    text = pdf_text(tmp_path / "c.pdf")
    assert "cro-b2g1" in text and "活動成效報表" in text
    assert cli("--db", db, "campaign-report", "--from", "2026-11-20", "--pdf", tmp_path / "missing" / "c.pdf")[0] == EXIT_USAGE
