"""PyInstaller hook for python-escpos: its printer capability database is a data file.

escpos.capabilities opens `capabilities.json` next to the package (importlib_resources) at
import time; without it `from escpos import printer` fails in the bundle.
"""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

datas = collect_data_files("escpos") + copy_metadata("python-escpos")
hiddenimports = collect_submodules("escpos.printer")
