"""The program's own Traditional-Chinese font: where it is, registering it with Qt, the UI's font order.

The counter's labels are zh_TW. A PC without a CJK font (no fonts-noto-cjk on Linux) would
draw every label as empty boxes, so the program ships "Loyalty Terminal Sans TC":
resources/fonts/LoyaltyTerminalSansTC-{Regular,Bold}.otf, a subset of Noto Sans CJK TC
(every character but Korean Hangul, SIL OFL 1.1, made by build_scripts/make_cjk_font.py).
It is in the source tree and, frozen, under sys._MEIPASS/resources/fonts/.

`load_bundled_fonts()` registers both weights with Qt's font database (once per process;
needs a QGuiApplication). `ui_families(default)` is the family list the UI font and the PDF
report use: the bundled font first (the same look and metrics on every PC; its Latin is
Source Sans-style), then the CJK fonts the PC may have for the rare characters outside the
subset, then the platform's default font. A character that none of these has falls to Qt's
own per-script fallback (fontconfig / Windows font linking).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, Qt, QTextDocument, QTextLayout
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QLineEdit, QWidget

log = logging.getLogger(__name__)

BUNDLED_FAMILY = "Loyalty Terminal Sans TC"
FONT_FILES = ("LoyaltyTerminalSansTC-Regular.otf", "LoyaltyTerminalSansTC-Bold.otf")
#: Fonts a store PC may have, used after the bundled one (characters it lacks: ExtB+ names).
SYSTEM_CJK_FAMILIES = ("Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei UI", "Microsoft JhengHei",
                       "PingFang TC", "Source Han Sans TC", "Noto Sans CJK HK", "Noto Sans CJK SC")

_loaded: dict[str, int] = {}  # font file path -> Qt's application font id
_failed: set[str] = set()  # font files already reported missing or unreadable (warn once)


def fonts_dir() -> Path:
    """`resources/fonts/` of the checkout, or of the bundle when frozen (PyInstaller's sys._MEIPASS)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "fonts"


def font_files() -> list[Path]:
    """The bundled .otf paths (they may be missing in a broken install; see load_bundled_fonts)."""
    return [fonts_dir() / name for name in FONT_FILES]


def load_bundled_fonts() -> list[str]:
    """Register the bundled font files with Qt; returns the families now available from them.

    Idempotent (registers again if the QGuiApplication, which owns application fonts, was
    replaced). A missing or unreadable file is logged as a warning and skipped (the UI then
    uses the PC's fonts): the program still starts. Raises RuntimeError without a QGuiApplication.
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("load_bundled_fonts needs a QGuiApplication (fonts live in the GUI font database)")
    families: list[str] = []
    for path in font_files():
        key = str(path)
        if key in _failed:
            continue
        registered = QFontDatabase.applicationFontFamilies(_loaded[key]) if key in _loaded else []
        if not registered:
            font_id = QFontDatabase.addApplicationFont(key) if path.is_file() else -1
            if font_id < 0:
                _failed.add(key)
                log.warning("bundled font %s is %s: zh_TW text needs a CJK font installed on this PC", path,
                            "unreadable" if path.is_file() else "missing")
                continue
            _loaded[key] = font_id
            registered = QFontDatabase.applicationFontFamilies(font_id)
        families += [f for f in registered if f not in families]
    return families


def ui_families(default_family: str) -> list[str]:
    """Font families in the order the UI and the PDF report use them (registers the bundled font first).

    `default_family` is the platform's default (e.g. "DejaVu Sans", "Segoe UI"); it comes last.
    """
    bundled = load_bundled_fonts()
    available = set(QFontDatabase.families())
    order = bundled + [f for f in SYSTEM_CJK_FAMILIES if f in available] + [default_family]
    return list(dict.fromkeys(f for f in order if f))


def pc_cjk_families() -> list[str]:
    """Families installed on the PC (not the bundled ones) that Qt says can write Traditional Chinese."""
    bundled = {f for font_id in _loaded.values() for f in QFontDatabase.applicationFontFamilies(font_id)}
    return [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.TraditionalChinese) if f not in bundled]


def glyph_report(text: str, font: QFont) -> tuple[list[str], int]:
    """How Qt draws `text` in `font`, per-character fallback included.

    Returns (families of the fonts that draw it, in order of first use; number of glyphs drawn
    as boxes: glyph index 0 of a font that lacks the character, or Qt's box engine when the PC
    has no usable font at all).
    """
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    layout.endLayout()
    families: list[str] = []
    missing = 0
    for run in layout.glyphRuns():
        family = run.rawFont().familyName()
        glyphs = run.glyphIndexes()
        if not family:  # Qt's box engine: every glyph is a box
            missing += len(glyphs)
            continue
        if family not in families:
            families.append(family)
        missing += sum(1 for g in glyphs if g == 0)
    return families, missing


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return 0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF or cp >= 0x20000


def _visible_texts(root: QWidget) -> list[tuple[str, QFont]]:
    """(plain text, font) of the labels, buttons, group box titles and placeholders shown in `root`."""
    found: list[tuple[str, QFont]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            text = w.text()
        elif isinstance(w, QGroupBox):
            text = w.title()
        elif isinstance(w, QLineEdit):
            text = w.placeholderText()
        else:
            continue
        if Qt.mightBeRichText(text):
            doc = QTextDocument()
            doc.setHtml(text)
            text = doc.toPlainText()
        elif not isinstance(w, QLabel) or w.buddy() is not None:  # "&Settle": & marks the shortcut key
            text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        if text.strip():
            found.append((text, w.font()))
    return found


def widget_texts_report(root: QWidget) -> dict:
    """Whether the texts shown in `root` (a QWidget and its children) are drawn with real glyphs.

    Returns {"texts": n, "cjk_texts": n with CJK characters, "cjk_families": the families that
    draw the CJK texts, "missing_glyphs": boxes over all texts, "missing_in": up to 5 such texts,
    "pc_cjk_families": the PC's own Traditional-Chinese fonts (none: only the bundled font can help)}.
    The start-up probe (`--quit-after-paint`) prints it; the bundle smoke test checks that zh_TW
    labels are drawn by the bundled font and that nothing shows boxes.
    """
    texts = _visible_texts(root)
    cjk_families: list[str] = []
    missing, missing_in, cjk = 0, [], 0
    for text, font in texts:
        families, boxes = glyph_report(text, font)
        if any(_is_cjk(ch) for ch in text):
            cjk += 1
            cjk_families += [f for f in families if f not in cjk_families]
        if boxes:
            missing += boxes
            if len(missing_in) < 5:
                missing_in.append(text[:40])
    return {"texts": len(texts), "cjk_texts": cjk, "cjk_families": cjk_families,
            "missing_glyphs": missing, "missing_in": missing_in, "pc_cjk_families": pc_cjk_families()}
