"""Regenerate the Qt translation files of the counter window.

    .venv/bin/python build_scripts/update_translations.py

1. `pyside6-lupdate` scans terminal/ui/*.py for self.tr()/QCoreApplication.translate()
   strings and updates resources/translations/terminal_<lang>.ts, keeping every existing
   translation (edit the zh_TW .ts in Qt Linguist: `pyside6-linguist`).
   A string moved to another context (code split into a new module) keeps its translation:
   an unfinished message whose English text has a translation elsewhere in the file gets it.
2. `pyside6-lrelease` compiles each .ts into the .qm the application loads.

English is the source language: terminal_en.ts carries no translations and exists so a
British/US wording can be tuned without touching the code.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# every module of terminal/ui uses literal self.tr() / QCoreApplication.translate() calls
SKIP: set[str] = set()
SOURCES = sorted(p for p in (ROOT / "terminal" / "ui").glob("*.py") if p.name not in SKIP)
OUT = ROOT / "resources" / "translations"
LANGUAGES = ("zh_TW", "en")


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (install PySide6 in this environment)")
    return found


def known_translations(ts: Path) -> dict[str, str]:
    """English source text -> its finished translation, over every context of `ts`."""
    if not ts.exists():
        return {}
    known: dict[str, str] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if (source is not None and translation is not None and translation.text
                and translation.get("type") not in ("unfinished", "obsolete", "vanished")):
            known.setdefault(source.text or "", translation.text)
    return known


def carry_over(ts: Path, known: dict[str, str]) -> int:
    """Fill unfinished messages of `ts` whose English text was translated in another context; how many."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if (source is not None and translation is not None and translation.get("type") == "unfinished"
                and (source.text or "") in known):
            translation.text = known[source.text or ""]
            del translation.attrib["type"]
            filled += 1
    if filled:
        body = ET.tostring(tree.getroot(), encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return filled


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = OUT / f"terminal_{lang}.ts"
        known = known_translations(ts) if lang != "en" else {}
        lupdate = [tool("pyside6-lupdate"), *map(str, SOURCES), "-source-language", "en", "-target-language", lang,
                   "-no-obsolete", "-ts", str(ts)]
        subprocess.run(lupdate, check=True)
        if known and (filled := carry_over(ts, known)):
            print(f"{ts.name}: {filled} moved string(s) kept their translation")
            subprocess.run(lupdate, check=True, stdout=subprocess.DEVNULL)  # back to lupdate's own layout
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(OUT / f"terminal_{lang}.qm")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
