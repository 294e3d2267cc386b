#!/usr/bin/env bash
# System packages the terminal and its tests need on Debian/Ubuntu.
# Run it as you are:   bash build_scripts/install-system-deps.sh [--build]
#   as root            apt-get runs directly (containers and minimal images often have no sudo)
#   as another user    apt-get runs through sudo; without sudo the script stops and says what to do
# Another apt/dpkg run holding the package locks (unattended-upgrades on a fresh VM, a second
# terminal) is waited for, with a message, for up to LT_APT_LOCK_WAIT seconds (default 600).
# Then python3 must be 3.11 or newer (what `python3 -m venv .venv` in the README uses).
#
#   python3 python3-venv  `python3 -m venv` (with pip) on the system Python; minimal images lack both
#   libzbar0        pyzbar's native decoder
#   fonts-noto-cjk  Traditional Chinese glyphs for the window, receipts and PDF reports
#   libegl1 ... libxcb-*  Qt 6 runtime (xcb platform plugin; offscreen needs the same libs)
#   postgresql      the central server's production engine; the tests start their own throwaway
#                   cluster with its initdb/pg_ctl (tests/pg.py), never the package's service
#   --build adds binutils: PyInstaller (build_scripts/build_linux.sh) needs objdump
set -euo pipefail

packages=(
  python3 python3-venv
  libzbar0
  fonts-noto-cjk
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  postgresql
)
for arg in "$@"; do
  case $arg in
    --build) packages+=(binutils) ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) printf 'install-system-deps: unknown option %s (usage: bash %s [--build])\n' "$arg" "$0" >&2; exit 2 ;;
  esac
done
min_python=3.11
lock_wait=${LT_APT_LOCK_WAIT:-600}   # seconds, in total, spent waiting for other apt/dpkg runs
poll=5                               # seconds between two tries while the locks are held

say() { printf 'install-system-deps: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

[[ $lock_wait =~ ^[0-9]+$ ]] || die "LT_APT_LOCK_WAIT must be a whole number of seconds, not '$lock_wait'"
command -v apt-get >/dev/null 2>&1 ||
  die "apt-get not found: this script is for Debian/Ubuntu. Elsewhere install the equivalents of: ${packages[*]}"

# Who runs apt-get: root directly; anyone else through sudo, or a clear stop.
as_root=()
if [[ $(id -u) != 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
    say "not running as root: using sudo for apt-get (it may ask for your password)"
    sudo -v || die "sudo refused: this user may not use sudo here. Run the script as root, or give this user sudo rights."
  else
    die "installing system packages needs root, and this user ($(id -un 2>/dev/null || id -u)) is not root and sudo is not installed.
  Run it as root:  su -c 'bash build_scripts/install-system-deps.sh'   (then run the rest of the command as this user)
  or install sudo and give this user sudo rights, then run the README command again."
  fi
fi

started=$SECONDS
told=-1  # seconds waited when the lock message was last shown
# apt_get ARGS...: apt-get as root, non-interactive, messages in English (they are matched below).
# While another apt/dpkg run holds a lock apt-get fails at once (exit 100); then say so, wait and
# try again, for at most lock_wait seconds in total.
apt_get() {
  local err status waited locked
  err=$(mktemp)
  while :; do
    status=0
    ${as_root[@]+"${as_root[@]}"} env LC_ALL=C DEBIAN_FRONTEND=noninteractive apt-get "$@" 2>"$err" || status=$?
    waited=$((SECONDS - started))
    locked=no
    if ((status != 0)) && grep -qE 'Could not get lock|Unable to lock|Unable to acquire the dpkg' "$err"; then
      locked=yes
    fi
    if [[ $locked == yes ]] && ((waited < lock_wait)); then
      if ((told < 0 || waited - told >= 30)); then  # say it at once, then every 30 s
        say "another apt/dpkg run holds the package lock ($(grep -m1 -oE 'held by process [0-9]+( \([^)]*\))?' "$err" ||
             echo 'apt is busy')); waiting for it to finish (${waited} of at most ${lock_wait} s)"
        told=$waited
      fi
      sleep $((lock_wait - waited < poll ? lock_wait - waited : poll))
      continue
    fi
    cat "$err" >&2
    rm -f "$err"
    ((status == 0)) && return 0
    if [[ $locked == yes ]]; then
      say "error: another apt/dpkg run still holds the package lock after ${waited} s. Let it finish (or stop it)," \
          "then run this again; LT_APT_LOCK_WAIT=<seconds> waits longer."
    else
      say "error: apt-get $1 failed (exit $status)"
    fi
    return "$status"
  done
}

say "updating the package lists"
apt_get update -qq
say "installing: ${packages[*]}"
apt_get install -y -qq --no-install-recommends "${packages[@]}"

version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])') ||
  die "python3 does not run after installing it"
if [[ $(printf '%s\n%s\n' "$min_python" "$version" | sort -V | head -n1) != "$min_python" ]]; then
  die "this system's python3 is $version; the terminal needs Python $min_python or newer.
  Use a newer release (Debian 12, Ubuntu 24.04 or later), or install Python $min_python+ and make it the python3 on PATH."
fi
say "done (python3 $version)"
