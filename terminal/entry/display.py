"""Is there a screen for the counter window? Checked before Qt starts (stdlib only, no Qt).

On Linux, Qt aborts the process (SIGABRT, exit 134) when it finds no display, with a
misleading hint about libxcb-cursor0. `display_problem()` finds that case first so that
`terminal.entry.window.run` can print a plain message and exit 4 (setup problem).

Rules (Linux only; Windows and macOS always have a screen session):
* QT_QPA_PLATFORM names only platforms without a display server (offscreen, minimal, vnc,
  eglfs, linuxfb, ...): fine.
* A Wayland socket that accepts a connection ($WAYLAND_DISPLAY, relative to
  $XDG_RUNTIME_DIR unless absolute): fine, unless QT_QPA_PLATFORM asks for xcb only.
* An X display ($DISPLAY) that libxcb can open: fine. When libxcb itself cannot be loaded
  the system packages are missing: that is reported too.
Anything else is a problem, described in one message with what to do.
"""

from __future__ import annotations

import ctypes
import os
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

#: Qt platform plugins that talk to a display server; every other plugin works without one.
_DISPLAY_PLATFORMS = ("xcb", "wayland")

HOW_TO_RUN = (
    "Start it from a desktop session on this PC (or over `ssh -X`). To check that it starts on a machine "
    "without a screen, use an off-screen platform or a virtual X server:\n"
    "  QT_QPA_PLATFORM=offscreen {program} demo --quit-after-paint\n"
    "  xvfb-run -a {program} demo --quit-after-paint"
)


def program_name(argv0: str | None = None, which: Callable[[str], str | None] | None = None) -> str:
    """How the user can type this program again: `loyalty-terminal` when that name on PATH is this very
    program, else the path it was started by (`.venv/bin/loyalty-terminal` right after the README's set-up,
    where the venv is not activated), or `python -m terminal` when started as a module."""
    import shutil

    argv0 = sys.argv[0] if argv0 is None else argv0
    which = shutil.which if which is None else which
    if not argv0 or argv0.endswith(("__main__.py", "-c")):
        return "python3 -m terminal"
    found = which("loyalty-terminal")
    if Path(argv0).name == "loyalty-terminal" and found and Path(found).resolve() == Path(argv0).resolve():
        return "loyalty-terminal"
    return argv0 if "/" in argv0 or "\\" in argv0 else f"./{argv0}"


def how_to_run(program: str | None = None) -> str:
    """The two ways to start the window without a screen, naming the program as the user can type it."""
    return HOW_TO_RUN.format(program=program or program_name())


def x_display_error(name: str) -> str | None:
    """None when libxcb opens the X display `name`; else why not (one phrase).

    Uses libxcb (what Qt's xcb plugin uses), so authorisation and remote displays count too.
    """
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return ("the X client library libxcb.so.1 is not installed "
                "(install the system packages: bash build_scripts/install-system-deps.sh)")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(name.encode(), None)
    try:
        code = xcb.xcb_connection_has_error(conn) if conn else -1
    finally:
        if conn:
            xcb.xcb_disconnect(conn)
    return None if code == 0 else f"the X display {name!r} (DISPLAY) cannot be opened"


def wayland_socket_ok(env: Mapping[str, str]) -> bool:
    """True when $WAYLAND_DISPLAY names a Unix socket that accepts a connection."""
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name) if name.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "")) / name
    if not env.get("XDG_RUNTIME_DIR") and not name.startswith("/"):
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(2)
        try:
            sock.connect(str(path))
        except OSError:
            return False
    return True


def display_problem(env: Mapping[str, str] | None = None, platform: str | None = None, *,
                    open_x: Callable[[str], str | None] = x_display_error,
                    wayland_ok: Callable[[Mapping[str, str]], bool] = wayland_socket_ok) -> str | None:
    """None when the window can open; else a message (several lines) saying what is missing and what to do.

    `env` defaults to os.environ, `platform` to sys.platform; `open_x`/`wayland_ok` are the probes
    (replaced in tests).
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    wanted = [p.split(":", 1)[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    if wanted and not any(p.startswith(_DISPLAY_PLATFORMS) for p in wanted):
        return None  # offscreen, minimal, vnc, eglfs, linuxfb...: no display server needed
    allow_wayland = not wanted or any(p.startswith("wayland") for p in wanted)
    allow_x = not wanted or any(p.startswith("xcb") for p in wanted)
    display = env.get("DISPLAY", "")
    if allow_wayland and wayland_ok(env):
        return None
    if allow_x and display:
        why = open_x(display)
        if why is None:
            return None
        return f"No display for the counter window: {why}.\n{how_to_run()}"
    if not allow_x:
        return (f"No display for the counter window: QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']} asks for Wayland but "
                f"no Wayland compositor answers at WAYLAND_DISPLAY={env.get('WAYLAND_DISPLAY', '')!r}.\n{how_to_run()}")
    if not allow_wayland:
        return (f"No display for the counter window: QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']} needs an X display "
                f"but DISPLAY is not set.\n{how_to_run()}")
    if env.get("WAYLAND_DISPLAY"):
        return (f"No display for the counter window: WAYLAND_DISPLAY={env['WAYLAND_DISPLAY']!r} does not answer "
                f"and DISPLAY is not set.\n{how_to_run()}")
    return (f"No display found: neither DISPLAY nor WAYLAND_DISPLAY is set, so the counter window cannot open "
            f"(this looks like a server, a container or an SSH session without X forwarding).\n{how_to_run()}")
