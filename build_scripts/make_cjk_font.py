"""Regenerate resources/fonts/LoyaltyTerminalSansTC-{Regular,Bold}.otf from Noto Sans CJK TC.

    python build_scripts/make_cjk_font.py [--source-dir /usr/share/fonts/opentype/noto] [--check]

The counter's labels are Traditional Chinese; a store PC without a CJK font would show every
label as empty boxes, so the program ships its own font (terminal/ui/fonts.py loads it).
The committed .otf files are what both the Linux and the Windows build copy into the bundle;
this script is only needed to make them again (a newer Noto release, another glyph set).

Source: "Noto Sans CJK TC" (the TC face of NotoSansCJK-{Regular,Bold}.ttc, Noto Sans CJK
2.004 as shipped by Debian 12's fonts-noto-cjk 1:20220127+repack1-1; the same faces are in
upstream's Sans/OTC/). Licence: SIL Open Font License 1.1 (resources/fonts/OFL.txt).

What is kept: every character of the TC face except Korean Hangul (syllables, jamo and
Hangul compatibility/halfwidth/enclosed forms): all Han ideographs the face has (URO,
Extension A, the ~2,400 Extension B+ characters, compatibility ideographs: member names use
characters outside Big5 such as 堃 喆 犇 峯 煊), Bopomofo, kana, CJK and full-width
punctuation, Latin, Greek, Cyrillic and symbols. OpenType layout features are kept except
`locl` (it maps to the Japanese/Korean/Simplified glyph forms, which this TC-only font does
not need). The result is renamed "Loyalty Terminal Sans TC": a modified version under the
OFL, distinct from a full Noto Sans CJK TC the PC may have, and carrying no reserved name.

Output is deterministic (head.modified is kept from the source): `--check` rebuilds into a
temporary directory and fails (exit 1) if the committed files differ. Needs fonttools
(pinned: FONTTOOLS_VERSION; `pip install fonttools==4.68.0` into any environment).
Exit codes: 0 ok, 1 --check found a difference, 4 source font or fonttools missing.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "resources" / "fonts"
FAMILY = "Loyalty Terminal Sans TC"
PS_FAMILY = "LoyaltyTerminalSansTC"
SOURCE_FACE = "Noto Sans CJK TC"
FONTTOOLS_VERSION = "4.68.0"
WEIGHTS = ("Regular", "Bold")
DEFAULT_SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
DESCRIPTION = ("Subset of Noto Sans CJK TC 2.004 (all characters but Korean Hangul) made for Loyalty Terminal "
               "by build_scripts/make_cjk_font.py. Licensed under the SIL Open Font License 1.1.")

#: Name IDs replaced (family, style, unique id, full name, PostScript name, typographic and WWS names).
RENAMED_IDS = (1, 2, 3, 4, 6, 16, 17, 18, 21, 22, 25)


def is_hangul(cp: int) -> bool:
    return (0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xA960 <= cp <= 0xA97F
            or 0xAC00 <= cp <= 0xD7FF or 0xFFA0 <= cp <= 0xFFDC or 0x3200 <= cp <= 0x321E or 0x3260 <= cp <= 0x327E)


def output_path(weight: str, out_dir: Path = OUT_DIR) -> Path:
    return out_dir / f"{PS_FAMILY}-{weight}.otf"


def _tc_face(ttc: Path):
    from fontTools.ttLib import TTCollection

    for font in TTCollection(str(ttc)).fonts:
        if font["name"].getDebugName(1) == SOURCE_FACE:
            return font
    raise SystemExit(f"make_cjk_font: no '{SOURCE_FACE}' face in {ttc}")


def _rename(font, weight: str) -> None:
    name = font["name"]
    version = name.getDebugName(5) or ""
    name.names = [r for r in name.names if r.nameID not in RENAMED_IDS and r.nameID != 10]
    ps_name = f"{PS_FAMILY}-{weight}"
    for name_id, text in ((1, FAMILY), (2, weight), (3, f"{version.split(';')[0]};{ps_name};subset"),
                          (4, FAMILY if weight == "Regular" else f"{FAMILY} {weight}"), (6, ps_name), (10, DESCRIPTION)):
        name.setName(text, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, en-US: what Qt and Windows read
    cff = font["CFF "].cff
    old_ps = cff.fontNames[0]
    cff.fontNames = [ps_name]
    top = cff.topDictIndex[0]
    for attr, value in (("FullName", name.getDebugName(4)), ("FamilyName", FAMILY)):
        if hasattr(top, attr):
            setattr(top, attr, value)
    for fd in getattr(top, "FDArray", []):  # CID-keyed: NotoSansCJKjp-Regular-Alphabetic -> LoyaltyTerminalSansTC-Regular-Alphabetic
        if getattr(fd, "FontName", "").startswith(old_ps):
            fd.FontName = ps_name + fd.FontName[len(old_ps):]


def make(weight: str, source_dir: Path, out_dir: Path) -> Path:
    """Subset and rename one weight; returns the written .otf path. Raises SystemExit if the source is missing."""
    from fontTools import subset

    ttc = source_dir / f"NotoSansCJK-{weight}.ttc"
    if not ttc.is_file():
        raise SystemExit(f"make_cjk_font: {ttc} not found (Debian: apt-get install fonts-noto-cjk)")
    font = _tc_face(ttc)
    unicodes = sorted(cp for cp in font.getBestCmap() if not is_hangul(cp))
    options = subset.Options()
    options.layout_features = [f for f in options.layout_features if f != "locl"]
    options.name_IDs = ["*"]
    options.name_languages = [0x409]  # drops the zh-TW copy of the old family name
    options.notdef_outline = True
    options.hinting = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    _rename(font, weight)
    font.recalcTimestamp = False  # keep head.modified: the same input gives the same bytes
    out = output_path(weight, out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source-dir", type=Path, default=DEFAULT_SOURCE_DIR, help="folder with NotoSansCJK-{Regular,Bold}.ttc")
    p.add_argument("--check", action="store_true", help="rebuild into a temp dir and compare with the committed files")
    args = p.parse_args(argv)
    try:
        import fontTools
    except ImportError:
        print(f"make_cjk_font: fonttools is not installed (pip install fonttools=={FONTTOOLS_VERSION})", file=sys.stderr)
        return 4
    if fontTools.version != FONTTOOLS_VERSION:
        print(f"make_cjk_font: fonttools {fontTools.version}, the committed fonts were made with {FONTTOOLS_VERSION}: "
              "the output may differ byte for byte", file=sys.stderr)
    for weight in WEIGHTS:
        src = args.source_dir / f"NotoSansCJK-{weight}.ttc"
        if src.is_file():
            print(f"source {src}: sha256 {sha256(src)}")
    if not args.check:
        for weight in WEIGHTS:
            out = make(weight, args.source_dir, OUT_DIR)
            print(f"wrote {out.relative_to(ROOT)}: {out.stat().st_size / 2**20:.1f} MiB, sha256 {sha256(out)}")
        return 0
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        for weight in WEIGHTS:
            fresh, committed = make(weight, args.source_dir, Path(tmp)), output_path(weight)
            same = committed.is_file() and sha256(fresh) == sha256(committed)
            differ += not same
            print(f"{committed.relative_to(ROOT)}: {'identical' if same else 'DIFFERS'}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
