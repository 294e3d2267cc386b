"""The bundled Traditional-Chinese font: present, licensed, covering the UI's text, and used.

The decisive checks run in a child process whose fontconfig sees no CJK font at all (as on
a store PC without fonts-noto-cjk): fontconfig reads its configuration once per process.
Each such check first shows that the child really cannot draw 核銷 without the bundled font,
so it cannot pass on a machine that merely has CJK fonts installed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from terminal.ui import fonts

ROOT = Path(__file__).resolve().parents[2]
#: Characters of Taiwanese given names outside Big5 (and one from Extension B): member names.
NAME_CHARS = "堃喆犇峯綉煊崈𪨶"


def test_font_files_and_licence_are_in_resources():
    files = fonts.font_files()
    assert [p.name for p in files] == list(fonts.FONT_FILES)
    for path in files:
        assert path.is_file() and path.stat().st_size > 1_000_000, path
    licence = (fonts.fonts_dir() / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Copyright 2014-2021 Adobe" in licence
    # OFL: a Modified Version may not carry a Reserved Font Name (Adobe reserves "Source")
    assert "Source" not in fonts.BUNDLED_FAMILY and "Noto" not in fonts.BUNDLED_FAMILY


def _translated_text() -> str:
    out = []
    for ts in (ROOT / "resources" / "translations").glob("terminal_*.ts"):
        for el in ET.parse(ts).getroot().iter():
            if el.tag in ("source", "translation") and el.text:
                out.append(el.text)
    return "".join(out)


def _big5_ideographs() -> set[str]:
    """The Han characters of Big5 (cp950). Its symbols are not all in Noto Sans CJK TC (e.g. U+2252)."""
    chars = set()
    for hi in range(0xA1, 0xFA):
        for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            try:
                ch = bytes([hi, lo]).decode("cp950")
            except UnicodeDecodeError:
                continue
            if unicodedata.name(ch, "").startswith("CJK"):
                chars.add(ch)
    return chars


def test_the_font_covers_every_ui_string_big5_and_member_names(qapp):
    from PySide6.QtGui import QFont, QRawFont

    for path in fonts.font_files():
        raw = QRawFont(str(path), 12, QFont.HintingPreference.PreferDefaultHinting)
        assert raw.isValid() and raw.familyName() == fonts.BUNDLED_FAMILY, path
        needed = {ch for ch in _translated_text() if ch.isprintable() and not ch.isspace()}
        assert len(needed) > 300  # the zh_TW translation is there
        missing = sorted(ch for ch in needed if not raw.supportsCharacter(ord(ch)))
        assert not missing, f"{path.name} lacks UI characters {''.join(missing[:50])}"
        big5 = _big5_ideographs()
        assert len(big5) > 13_000
        missing = sorted(ch for ch in big5 if not raw.supportsCharacter(ord(ch)))
        assert not missing, f"{path.name} lacks {len(missing)} Big5 characters: {''.join(missing[:50])}"
        assert all(raw.supportsCharacter(ord(ch)) for ch in NAME_CHARS)
        assert not raw.supportsCharacter(ord("한"))  # the subset's one exclusion: Korean Hangul


def test_glyph_report_counts_boxes(qapp):
    from PySide6.QtGui import QFont

    fonts.load_bundled_fonts()
    font = QFont()
    font.setFamilies([fonts.BUNDLED_FAMILY])
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # no fallback: what the bundled font alone draws
    assert fonts.glyph_report("核銷 Coupon", font) == ([fonts.BUNDLED_FAMILY], 0)
    families, boxes = fonts.glyph_report("核한", font)
    assert boxes == 1 and families == [fonts.BUNDLED_FAMILY]


def test_a_missing_font_file_is_logged_once_and_the_ui_still_gets_a_font_list(qapp, monkeypatch, caplog):
    monkeypatch.setattr(fonts, "FONT_FILES", ("NoSuchFont-Regular.otf",))
    with caplog.at_level("WARNING", logger="terminal.ui.fonts"):
        assert fonts.load_bundled_fonts() == []
        assert fonts.ui_families("Fallback Sans")[-1] == "Fallback Sans"
    warnings = [r.getMessage() for r in caplog.records if "NoSuchFont-Regular.otf" in r.getMessage()]
    assert len(warnings) == 1 and "missing" in warnings[0]


# --- in a child process that has no CJK font --------------------------------------------------

@pytest.fixture
def no_cjk_env(tmp_path):
    """Environment for a child process whose fontconfig lists only a folder without CJK fonts."""
    latin = Path("/usr/share/fonts/truetype/dejavu")
    font_dir = latin if latin.is_dir() else tmp_path / "no-fonts"
    font_dir.mkdir(exist_ok=True)
    conf = tmp_path / "fonts.conf"
    conf.write_text(textwrap.dedent(f"""\
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
        <fontconfig>
          <dir>{font_dir}</dir>
          <cachedir>{tmp_path / "fc-cache"}</cachedir>
        </fontconfig>
        """), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen",
           "QT_LOGGING_RULES": "qt.qpa.*=false", "PYTHONPATH": str(ROOT)}
    env.pop("FONTCONFIG_PATH", None)
    return env


def _child(script: str, env: dict, cwd: Path) -> dict:
    res = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], env=env, cwd=cwd,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


LABEL_CHILD = """
    import json
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QImage, QPainter
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    from terminal.ui import fonts
    out = {"system_cjk": fonts.pc_cjk_families() + [f for f in QFontDatabase.families() if "CJK" in f]}
    out["before"] = fonts.glyph_report("核銷", QFont())  # the precondition: boxes without the bundled font

    from terminal.ui.application import ensure_app
    ensure_app()  # the program's start path
    label = QLabel("核銷 " + NAME_CHARS + " CP-DEMO-500")
    label.show()
    bold = QFont(label.font())
    bold.setBold(True)
    out["family"] = QFontInfo(label.font()).family()
    out["label"] = fonts.glyph_report(label.text(), label.font())
    out["bold"] = fonts.glyph_report(label.text(), bold)
    out["probe"] = fonts.widget_texts_report(label)

    def pixels(ch):
        img = QImage(48, 48, QImage.Format.Format_Grayscale8)
        img.fill(QColor("white"))
        p = QPainter(img)
        f = QFont(label.font())
        f.setPixelSize(36)
        p.setFont(f)
        p.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, ch)
        p.end()
        return bytes(img.constBits())

    # distinct characters draw distinct pictures; a box (한: no font of this process has it) is one picture
    he, xiao, box1, box2 = pixels("核"), pixels("銷"), pixels("한"), pixels("흫")
    out["pictures"] = {"he_ne_xiao": he != xiao, "boxes_equal": box1 == box2, "he_not_box": he != box1,
                       "xiao_not_box": xiao != box1, "inked": he.count(255) < len(he)}
    print(json.dumps(out))
"""


def test_a_zh_tw_label_renders_with_the_bundled_font_on_a_pc_without_cjk_fonts(no_cjk_env, tmp_path):
    out = _child(f"NAME_CHARS = {NAME_CHARS!r}\n" + textwrap.dedent(LABEL_CHILD), no_cjk_env, tmp_path)
    assert out["system_cjk"] == [], "the child must not see any CJK font of this machine"
    assert out["before"][1] > 0, "without the bundled font 核銷 must be boxes here, or this test proves nothing"
    assert out["family"] == fonts.BUNDLED_FAMILY
    assert out["label"] == [[fonts.BUNDLED_FAMILY], 0]
    assert out["bold"] == [[fonts.BUNDLED_FAMILY], 0]
    assert out["probe"]["cjk_families"] == [fonts.BUNDLED_FAMILY] and out["probe"]["missing_glyphs"] == 0
    assert out["pictures"] == {"he_ne_xiao": True, "boxes_equal": True, "he_not_box": True, "xiao_not_box": True,
                               "inked": True}


def test_the_window_from_source_draws_every_label_with_the_bundled_font(no_cjk_env, tmp_path):
    """`python -m terminal demo --quit-after-paint` on a PC without CJK fonts: the probe line's font report."""
    env = {**no_cjk_env, "LT_DATA_DIR": str(tmp_path / "data"), "LT_LOG_DIR": str(tmp_path / "logs"),
           "XDG_DATA_HOME": str(tmp_path / "xdg"), "LT_LANG": "zh_TW"}
    res = subprocess.run([sys.executable, "-m", "terminal", "demo", "--quit-after-paint"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stdout + res.stderr
    line = next(x for x in res.stdout.splitlines() if "first_paint_s" in x)
    report = json.loads(line[line.index("{"):])["fonts"]
    assert report["pc_cjk_families"] == [], report  # the child sees no CJK font of this machine
    assert report["cjk_texts"] >= 10, report  # the window speaks zh_TW
    assert report["cjk_families"] == [fonts.BUNDLED_FAMILY], report
    assert report["missing_glyphs"] == 0, report


PDF_CHILD = """
    import sys
    from datetime import date
    from terminal.usecases.reports import DailyReport, VoidLine
    from terminal.ui.report_pdf import write_report_pdf

    rep = DailyReport(store_id="A-001", store_name="日光咖啡 信義店", terminal_id="T1", day=date(2026, 11, 5),
                      timezone="Asia/Taipei", settlements=1, member_settlements=0, gross=300, coupon_discount=0,
                      points_discount=0, total=300,
                      voids=(VoidLine("B", "2026-11-05 12:00", "2026-11-05 11:00", "MGR1", "客人退貨", 300),),
                      templates=(), points=(), cashiers=(), hours=(), overrides=(), pending_events=0)
    write_report_pdf(rep, sys.argv[1])
    print("{}")
"""


def test_the_pdf_report_embeds_the_bundled_font_on_a_pc_without_cjk_fonts(no_cjk_env, tmp_path):
    from pypdf import PdfReader

    pdf = tmp_path / "report.pdf"
    res = subprocess.run([sys.executable, "-c", textwrap.dedent(PDF_CHILD), str(pdf)], env=no_cjk_env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    reader = PdfReader(str(pdf))
    base_fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            base_fonts.add(str(font.get_object()["/BaseFont"]))
    assert any(re.search(r"LoyaltyTerminalSansTC", name) for name in base_fonts), base_fonts
    text = unicodedata.normalize("NFKC", "".join("".join(p.extract_text() for p in reader.pages).split()))
    assert "日光咖啡信義店" in text and "客人退貨" in text
