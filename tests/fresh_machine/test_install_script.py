"""build_scripts/install-system-deps.sh decides root / sudo / stop and waits for apt's locks.

No real apt: each case runs the script with PATH holding only fake `id`, `apt-get`, `sudo`
and `python3` (shell scripts that log what they were asked) plus the few real tools it uses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "build_scripts" / "install-system-deps.sh"
REAL_TOOLS = ("bash", "env", "grep", "mktemp", "cat", "rm", "sort", "head", "sed")
LOCKED = "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)"

FAKES = {
    "id": """#!/bin/bash
case "$1" in -u) echo "$FAKE_UID" ;; -un) echo clerk ;; *) echo "uid=$FAKE_UID" ;; esac
""",
    "apt-get": """#!/bin/bash
echo "sudo=${FAKE_SUDO:-0} lang=${LC_ALL:-} frontend=${DEBIAN_FRONTEND:-} $*" >> "$FAKE_LOG/apt.log"
if [ -n "${FAKE_APT_ERROR:-}" ]; then echo "$FAKE_APT_ERROR" >&2; exit 100; fi
n=$(cat "$FAKE_LOG/locked" 2>/dev/null || echo 0)
if [ "$n" = forever ] || [ "$n" -gt 0 ]; then
  [ "$n" = forever ] || echo $((n - 1)) > "$FAKE_LOG/locked"
  echo "%s" >&2; exit 100
fi
""" % LOCKED,
    "sudo": """#!/bin/bash
echo "sudo $*" >> "$FAKE_LOG/sudo.log"
if [ "$1" = -v ]; then exit "${FAKE_SUDO_V:-0}"; fi
FAKE_SUDO=1 exec "$@"
""",
    "python3": """#!/bin/bash
echo "${FAKE_PY:-3.11}"
""",
    "sleep": """#!/bin/bash
echo "$1" >> "$FAKE_LOG/sleep.log"
""",
}


def make_bin(tmp_path: Path, *, sudo: bool, fake_sleep: bool = True) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in REAL_TOOLS + (() if fake_sleep else ("sleep",)):
        os.symlink(shutil.which(tool), bin_dir / tool)
    for name, text in FAKES.items():
        if (name == "sudo" and not sudo) or (name == "sleep" and not fake_sleep):
            continue
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return bin_dir


def run(tmp_path: Path, *args: str, uid: int = 0, sudo: bool = False, fake_sleep: bool = True, locked: str = "0",
        **env: str) -> subprocess.CompletedProcess:
    bin_dir = make_bin(tmp_path, sudo=sudo, fake_sleep=fake_sleep)
    log = tmp_path / "log"
    log.mkdir()
    (log / "locked").write_text(locked)
    full_env = {"PATH": str(bin_dir), "FAKE_UID": str(uid), "FAKE_LOG": str(log), "TMPDIR": str(tmp_path), **env}
    return subprocess.run([shutil.which("bash"), str(SCRIPT), *args], env=full_env, capture_output=True, text=True,
                          timeout=60)


def lines(tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / "log" / name
    return path.read_text().splitlines() if path.exists() else []


def test_root_runs_apt_get_directly_without_sudo(tmp_path):
    res = run(tmp_path, uid=0, sudo=False)
    assert res.returncode == 0, res.stderr
    apt = lines(tmp_path, "apt.log")
    assert [a.split()[3] for a in apt] == ["update", "install"]
    assert all(a.startswith("sudo=0 lang=C frontend=noninteractive") for a in apt)
    for package in ("python3", "python3-venv", "libzbar0", "fonts-noto-cjk", "libxcb-cursor0", "postgresql"):
        assert f" {package}" in apt[1]
    assert "binutils" not in apt[1]
    assert "done (python3 3.11)" in res.stderr


def test_root_with_sudo_installed_still_does_not_use_it(tmp_path):
    res = run(tmp_path, uid=0, sudo=True)
    assert res.returncode == 0, res.stderr
    assert lines(tmp_path, "sudo.log") == []


def test_user_with_sudo_runs_apt_get_through_sudo(tmp_path):
    res = run(tmp_path, uid=1000, sudo=True)
    assert res.returncode == 0, res.stderr
    apt = lines(tmp_path, "apt.log")
    assert len(apt) == 2 and all(a.startswith("sudo=1 lang=C frontend=noninteractive") for a in apt)
    assert lines(tmp_path, "sudo.log")[0] == "sudo -v"
    assert "using sudo" in res.stderr


def test_user_whom_sudo_refuses_gets_a_clear_stop(tmp_path):
    res = run(tmp_path, uid=1000, sudo=True, FAKE_SUDO_V="1")
    assert res.returncode != 0
    assert "sudo refused" in res.stderr and "as root" in res.stderr
    assert lines(tmp_path, "apt.log") == []


def test_user_without_sudo_gets_a_clear_error_and_nothing_runs(tmp_path):
    res = run(tmp_path, uid=1000, sudo=False)
    assert res.returncode != 0
    assert "sudo is not installed" in res.stderr and "Run it as root" in res.stderr and "clerk" in res.stderr
    assert lines(tmp_path, "apt.log") == []


def test_held_lock_is_waited_for_with_a_message_then_the_install_goes_on(tmp_path):
    res = run(tmp_path, uid=0, locked="2")
    assert res.returncode == 0, res.stderr
    assert [a.split()[3] for a in lines(tmp_path, "apt.log")] == ["update", "update", "update", "install"]
    waits = [line for line in res.stderr.splitlines() if "holds the package lock" in line]
    assert len(waits) == 1 and "held by process 4242 (apt-get)" in waits[0] and "waiting" in waits[0]  # once per 30 s
    assert lines(tmp_path, "sleep.log") == ["5", "5"]
    assert LOCKED not in res.stderr  # the retried failures are not shown as errors


def test_lock_held_for_good_gives_up_after_the_bounded_wait(tmp_path):
    t0 = time.monotonic()
    res = run(tmp_path, uid=0, locked="forever", fake_sleep=False, LT_APT_LOCK_WAIT="2")
    elapsed = time.monotonic() - t0
    assert res.returncode == 100
    assert "waiting for it to finish" in res.stderr
    assert "still holds the package lock after" in res.stderr and "LT_APT_LOCK_WAIT" in res.stderr
    assert 1.5 <= elapsed < 10
    assert [a.split()[3] for a in lines(tmp_path, "apt.log")] == ["update", "update"]


def test_other_apt_errors_fail_at_once_without_waiting(tmp_path):
    res = run(tmp_path, uid=0, FAKE_APT_ERROR="E: Unable to locate package libzbar0")
    assert res.returncode == 100
    assert "Unable to locate package" in res.stderr and "apt-get update failed" in res.stderr
    assert lines(tmp_path, "sleep.log") == [] and len(lines(tmp_path, "apt.log")) == 1


def test_python_older_than_3_11_is_named(tmp_path):
    res = run(tmp_path, uid=0, FAKE_PY="3.9")
    assert res.returncode != 0
    assert "python3 is 3.9" in res.stderr and "3.11 or newer" in res.stderr


@pytest.mark.parametrize("version", ["3.11", "3.12", "3.13"])
def test_supported_pythons_pass(tmp_path, version):
    res = run(tmp_path, uid=0, FAKE_PY=version)
    assert res.returncode == 0, res.stderr


def test_build_option_adds_binutils_for_pyinstaller(tmp_path):
    res = run(tmp_path, "--build", uid=0)
    assert res.returncode == 0, res.stderr
    assert " binutils" in lines(tmp_path, "apt.log")[1]


def test_unknown_option_is_a_usage_error(tmp_path):
    res = run(tmp_path, "--frobnicate", uid=0)
    assert res.returncode == 2 and "unknown option --frobnicate" in res.stderr
    assert lines(tmp_path, "apt.log") == []


def test_no_apt_get_means_not_debian(tmp_path):
    bin_dir = make_bin(tmp_path, sudo=False)
    (bin_dir / "apt-get").unlink()
    res = subprocess.run([shutil.which("bash"), str(SCRIPT)], env={"PATH": str(bin_dir), "FAKE_UID": "0"},
                         capture_output=True, text=True, timeout=60)
    assert res.returncode != 0 and "apt-get not found" in res.stderr and "libzbar0" in res.stderr


def test_ci_run_stops_at_the_first_failing_step_of_the_test_command(tmp_path):
    """`set -e` alone would go on past a failed `python3 -m venv` in the `a && b && c` line."""
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    (repo / "build_scripts").mkdir()
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    (repo / "build_scripts" / "install-system-deps.sh").write_text(f'echo "deps $*" >> {tmp_path}/calls\n')
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").write_text(f'#!/bin/bash\necho "python3 $*" >> {tmp_path}/calls\nexit 3\n')
    (bin_dir / "python3").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    res = subprocess.run([shutil.which("bash"), str(repo / ".ci" / "run")], env=env, capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 3, res.stdout + res.stderr
    assert (tmp_path / "calls").read_text().splitlines() == ["deps ", "python3 -m venv .venv"]
