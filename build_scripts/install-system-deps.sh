#!/usr/bin/env bash
# System packages the terminal and its tests need on Debian/Ubuntu (run as root or via sudo).
#   libzbar0        pyzbar's native decoder
#   fonts-noto-cjk  Traditional Chinese glyphs for the window, receipts and PDF reports
#   libegl1 ... libxcb-*  Qt 6 runtime (xcb platform plugin; offscreen needs the same libs)
#   python3-venv    `python3 -m venv` on Debian/Ubuntu system Python
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  python3-venv
  libzbar0
  fonts-noto-cjk
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
)
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
