#!/usr/bin/env bash
# Build the one-folder Linux bundle: dist/loyalty-terminal/loyalty-terminal (+ _internal/).
#
#   build_scripts/build_linux.sh              # uses .venv (created if missing), installs '.[build]'
#   PYTHON=/path/to/python build_scripts/build_linux.sh   # use this interpreter's environment as is
#   build_scripts/build_linux.sh --no-install # skip `pip install -e .[build]` (offline rebuilds)
#
# Needs the system libraries of build_scripts/install-system-deps.sh (libzbar0 is bundled
# from the build machine). The build log goes to build/pyinstaller.log and the wall time to
# build/build-time.txt (read by benchmarks/bench_packaging.py). The bundle runs only on the
# build machine's glibc or newer: a Debian 12 build (glibc 2.36) needs Debian 12+ / Ubuntu
# 23.04+; for Ubuntu 22.04 store PCs (glibc 2.35) build on Ubuntu 22.04.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

install=1
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "build_linux.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if [[ -n "${PYTHON:-}" ]]; then
  py="$PYTHON"
else
  if [[ ! -x .venv/bin/python ]]; then
    echo "== creating .venv"
    python3 -m venv .venv
  fi
  py="$ROOT/.venv/bin/python"
fi

if [[ $install -eq 1 ]]; then
  echo "== installing the project with the build extra into $("$py" -c 'import sys; print(sys.prefix)')"
  "$py" -m pip install -q -e '.[build]'
fi
"$py" -m PyInstaller --version >/dev/null 2>&1 || {
  echo "build_linux.sh: PyInstaller is not installed in $py (pip install -e '.[build]')" >&2; exit 4; }

ldconfig -p 2>/dev/null | grep 'libzbar\.so\.0' >/dev/null || [[ -n "${LT_ZBAR_LIBRARY:-}" ]] || {
  echo "build_linux.sh: libzbar.so.0 not found: run bash build_scripts/install-system-deps.sh --build" >&2; exit 4; }

mkdir -p build
rm -rf dist/loyalty-terminal
echo "== pyinstaller ($("$py" -m PyInstaller --version)), log: build/pyinstaller.log"
start=$(date +%s.%N)
if ! "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
      --distpath dist --workpath build/pyinstaller \
      build_scripts/loyalty_terminal.spec >build/pyinstaller.log 2>&1; then
  tail -n 40 build/pyinstaller.log >&2
  echo "build_linux.sh: pyinstaller failed (full log: build/pyinstaller.log)" >&2
  exit 1
fi
end=$(date +%s.%N)
elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
echo "$elapsed" > build/build-time.txt

exe=dist/loyalty-terminal/loyalty-terminal
[[ -x "$exe" ]] || { echo "build_linux.sh: $exe was not produced" >&2; exit 1; }
grep -E '^[0-9]+ (WARNING|ERROR)' build/pyinstaller.log | grep -v -E "Library not found|required via ctypes not found|Hidden import .* not found" | sed 's/^/   /' | head -n 20 || true
echo "== built $exe in ${elapsed}s, $(du -sh dist/loyalty-terminal | cut -f1)"
# The glibc floor: the highest GLIBC_x.y symbol version any of the bundle's ELF files needs (glibc
# itself is never bundled). Written to build/glibc-floor.txt; docs/it-guide.md quotes it.
if command -v objdump >/dev/null; then
  floor="$(find dist/loyalty-terminal -type f \( -name '*.so*' -o -name loyalty-terminal \) -print0 \
           | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -n1 || true)"
  echo "${floor#GLIBC_}" > build/glibc-floor.txt
  echo "   runs on glibc ${floor#GLIBC_} or newer (this build machine: $(ldd --version 2>/dev/null | head -n1 | grep -o '[0-9.]*$'))"
else
  echo "   (install binutils for objdump to print the bundle's glibc floor)"
fi
echo "   smoke test: build_scripts/smoke_bundle.sh"
