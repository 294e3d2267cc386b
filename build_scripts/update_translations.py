"""Regenerate the Qt translation files of the counter window.

    .venv/bin/python build_scripts/update_translations.py

1. `pyside6-lupdate` scans terminal/ui/*.py for self.tr()/QCoreApplication.translate()
   strings and updates resources/translations/terminal_<lang>.ts, keeping every existing
   translation (edit the zh_TW .ts in Qt Linguist: `pyside6-linguist`).
2. `pyside6-lrelease` compiles each .ts into the .qm the application loads.

English is the source language: terminal_en.ts carries no translations and exists so a
British/US wording can be tuned without touching the code.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# report_pdf.py calls tr(context, text) through a helper lupdate cannot follow; it is left
# out until it uses literal QCoreApplication.translate("Report", "...") calls.
SKIP = {"report_pdf.py"}
SOURCES = sorted(p for p in (ROOT / "terminal" / "ui").glob("*.py") if p.name not in SKIP)
OUT = ROOT / "resources" / "translations"
LANGUAGES = ("zh_TW", "en")


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (install PySide6 in this environment)")
    return found


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = OUT / f"terminal_{lang}.ts"
        subprocess.run([tool("pyside6-lupdate"), *map(str, SOURCES), "-source-language", "en", "-target-language", lang,
                        "-no-obsolete", "-ts", str(ts)], check=True)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(OUT / f"terminal_{lang}.qm")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
