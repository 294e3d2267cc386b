"""No display: the window says so plainly (exit 4) instead of Qt aborting (exit 134) with a libxcb-cursor0 hint."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from terminal.entry.display import display_problem, how_to_run, program_name, wayland_socket_ok, x_display_error

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")


def _env_without_display(tmp_path, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(LT_DATA_DIR=str(tmp_path / "data"), XDG_RUNTIME_DIR=str(tmp_path / "run"), **extra)
    return env


def _unused_x_display() -> str:
    for n in range(4000, 4100):
        if not Path(f"/tmp/.X11-unix/X{n}").exists():
            return f":{n}"
    raise AssertionError("no free X display number")


@linux_only
@pytest.mark.parametrize("command", [["demo"], ["window"]])
def test_window_without_any_display_says_so_and_exits_4(tmp_path, command):
    res = subprocess.run([sys.executable, "-m", "terminal", *command], env=_env_without_display(tmp_path),
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 4, res.stderr
    assert "No display found: neither DISPLAY nor WAYLAND_DISPLAY is set" in res.stderr
    assert "QT_QPA_PLATFORM=offscreen" in res.stderr and "xvfb-run" in res.stderr
    assert "xcb-cursor" not in res.stderr and "Aborted" not in res.stderr


@linux_only
def test_display_that_cannot_be_opened_is_named(tmp_path):
    display = _unused_x_display()
    res = subprocess.run([sys.executable, "-m", "terminal", "demo"], env=_env_without_display(tmp_path, DISPLAY=display),
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 4, res.stderr
    assert f"the X display '{display}' (DISPLAY) cannot be opened" in res.stderr
    assert "xcb-cursor" not in res.stderr


@linux_only
def test_offscreen_platform_still_starts_the_window(tmp_path):
    res = subprocess.run([sys.executable, "-m", "terminal", "demo", "--quit-after-paint"],
                         env=_env_without_display(tmp_path, QT_QPA_PLATFORM="offscreen"),
                         capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "first_paint_s" in res.stdout


@linux_only
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_a_real_x_server_is_opened(tmp_path):
    read_fd, write_fd = os.pipe()
    # -noreset: a server that resets when its last client leaves refuses connections for a moment
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-noreset", "-nolisten", "tcp", "-screen", "0", "640x480x24"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            display = ":" + pipe.readline().strip()
        assert display != ":", "Xvfb did not report its display"
        assert x_display_error(display) is None
        assert display_problem({"DISPLAY": display}, "linux") is None
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)
    assert x_display_error(display) is not None  # the same display once the server is gone


def test_wayland_socket_that_answers_counts(tmp_path):
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(tmp_path / "wayland-1"))
    server.listen(1)
    try:
        assert wayland_socket_ok({"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)})
        assert wayland_socket_ok({"WAYLAND_DISPLAY": str(tmp_path / "wayland-1")})
    finally:
        server.close()
    assert not wayland_socket_ok({"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)})  # closed
    assert not wayland_socket_ok({"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": str(tmp_path)})
    assert not wayland_socket_ok({"WAYLAND_DISPLAY": "wayland-1"})  # relative name without XDG_RUNTIME_DIR
    assert not wayland_socket_ok({})


def _probe(display_error=None, wayland=False):
    calls = []

    def open_x(name):
        calls.append(name)
        return display_error

    return calls, dict(open_x=open_x, wayland_ok=lambda env: wayland)


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "vnc", "eglfs", "linuxfb:fb=/dev/fb0", "offscreen;minimal"])
def test_platforms_without_a_display_server_need_none(platform):
    calls, probes = _probe("cannot", wayland=False)
    assert display_problem({"QT_QPA_PLATFORM": platform}, "linux", **probes) is None
    assert calls == []


def test_other_systems_are_not_checked():
    for system in ("win32", "darwin"):
        assert display_problem({}, system, **_probe("cannot")[1]) is None


def test_decisions_on_linux():
    _, bad_x = _probe("the X display ':5' (DISPLAY) cannot be opened")
    _, good_x = _probe(None)
    _, wayland = _probe("cannot", wayland=True)
    assert display_problem({}, "linux", **good_x).startswith("No display found: neither DISPLAY nor WAYLAND_DISPLAY")
    assert display_problem({"DISPLAY": ":0"}, "linux", **good_x) is None
    assert "':5' (DISPLAY) cannot be opened" in display_problem({"DISPLAY": ":5"}, "linux", **bad_x)
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", **wayland) is None
    assert display_problem({"WAYLAND_DISPLAY": "w", "DISPLAY": ":5"}, "linux", **wayland) is None
    msg = display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", **good_x)
    assert "WAYLAND_DISPLAY='wayland-0' does not answer and DISPLAY is not set" in msg
    assert "needs an X display" in display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", **wayland)
    assert "asks for Wayland" in display_problem({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux", **good_x)
    assert display_problem({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, "linux", **good_x) is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, "linux", **good_x) is None
    for message in (display_problem({}, "linux", **good_x), display_problem({"DISPLAY": ":5"}, "linux", **bad_x)):
        assert message.endswith(how_to_run())


def test_the_hint_names_the_program_as_the_user_can_type_it(tmp_path):
    """Right after the README's set-up the venv is not activated: `loyalty-terminal` alone is not on PATH."""
    exe = tmp_path / ".venv" / "bin" / "loyalty-terminal"
    exe.parent.mkdir(parents=True)
    exe.write_text("")
    assert program_name(str(exe), which=lambda name: None) == str(exe)
    assert program_name(".venv/bin/loyalty-terminal", which=lambda name: None) == ".venv/bin/loyalty-terminal"
    assert program_name(str(exe), which=lambda name: str(exe)) == "loyalty-terminal"  # activated venv / installed bundle
    assert program_name(str(exe), which=lambda name: "/usr/bin/loyalty-terminal") == str(exe)  # another copy on PATH
    assert program_name("/x/terminal/__main__.py", which=lambda name: None) == "python3 -m terminal"
    assert "xvfb-run -a .venv/bin/loyalty-terminal demo" in how_to_run(".venv/bin/loyalty-terminal")
