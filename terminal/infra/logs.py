"""Logs IT can read: rotating files in the platform log directory, and crash reports.

- `terminal.log` (rotating, size from config) gets every record at the configured level, one
  line each: local time with offset, level, logger, message.
- An uncaught exception (main thread, other threads, Qt slots) writes `crash-<time>.txt` with
  the traceback, the version and the platform, and is logged; `on_crash` lets the window show
  the cashier a plain message instead of vanishing.
- `faulthandler.log` catches hard crashes (segfaults in native code: Qt, OpenCV, zbar).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import platform
import sys
import threading
import traceback
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Callable

from terminal import __version__

LOG_NAME = "terminal.log"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"

#: Libraries whose INFO lines are per-request chatter; they log at WARNING and above.
QUIET_LOGGERS = ("httpx", "httpcore", "PIL", "escpos")

_state: dict[str, object] = {}


class _LocalTimeFormatter(logging.Formatter):
    def formatTime(self, record, datefmt=None):  # noqa: N802 (logging API)
        return datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds")


def log_dir() -> Path:
    override = os.environ.get("LT_LOG_DIR")
    if override:
        return Path(override)
    from terminal.infra.paths import log_dir as platform_log_dir

    return platform_log_dir()


def setup_logging(level: str = "INFO", *, max_bytes: int = 5_000_000, backup_count: int = 5,
                  directory: Path | None = None, console: bool = False) -> Path:
    """Idempotent: a second call only changes the level. Returns the log directory."""
    directory = directory or log_dir()
    root = logging.getLogger()
    root.setLevel(level)
    for noisy in QUIET_LOGGERS:  # one line per HTTP request every sync round would bury what matters
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    if _state.get("dir") == directory:
        return directory
    teardown_logging()
    directory.mkdir(parents=True, exist_ok=True)
    # errors=backslashreplace: a lone surrogate (bytes from a command line that were not UTF-8) in a
    # message is escaped, not a "--- Logging error ---" traceback on the console
    handler = RotatingFileHandler(directory / LOG_NAME, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8",
                                  errors="backslashreplace")
    handler.setFormatter(_LocalTimeFormatter(FORMAT))
    root.addHandler(handler)
    _state.update(dir=directory, handler=handler)
    if console:
        err = logging.StreamHandler()
        err.setLevel(logging.WARNING)
        err.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        root.addHandler(err)
        _state["console"] = err
    fh = open(directory / "faulthandler.log", "a", encoding="utf-8")  # noqa: SIM115 (kept open for the process)
    faulthandler.enable(fh)
    _state["faulthandler"] = fh
    logging.getLogger("terminal").info("Loyalty Terminal %s starting (pid %s, %s, Python %s)", __version__, os.getpid(),
                                       platform.platform(), platform.python_version())
    return directory


def teardown_logging() -> None:
    root = logging.getLogger()
    for key in ("handler", "console"):
        h = _state.pop(key, None)
        if h is not None:
            root.removeHandler(h)  # type: ignore[arg-type]
            h.close()  # type: ignore[union-attr]
    fh = _state.pop("faulthandler", None)
    if fh is not None:
        faulthandler.disable()
        fh.close()  # type: ignore[union-attr]
    _state.pop("dir", None)


def write_crash_report(exc_type, exc, tb, *, where: str = "main", directory: Path | None = None) -> Path:
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().astimezone()
    path = directory / f"crash-{stamp:%Y%m%d-%H%M%S-%f}-{os.getpid()}.txt"  # two crashes in a second: two reports
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    path.write_text(
        f"Loyalty Terminal {__version__} crash report\n"
        f"time: {stamp.isoformat(timespec='seconds')}\nwhere: {where}\n"
        f"platform: {platform.platform()}\npython: {sys.version.split()[0]}\nexecutable: {sys.executable}\n"
        f"frozen: {bool(getattr(sys, 'frozen', False))}\n\n{text}",
        encoding="utf-8",
    )
    logging.getLogger("terminal.crash").error("uncaught exception in %s (report %s)\n%s", where, path, text.rstrip())
    return path


def install_crash_handler(on_crash: Callable[[Path, BaseException], None] | None = None) -> None:
    """Route uncaught exceptions (any thread, Qt slots included) to a crash report."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = write_crash_report(exc_type, exc, tb)
        if on_crash is not None:
            try:
                on_crash(path, exc)
            except Exception:  # the crash UI must never crash the crash handler
                logging.getLogger("terminal.crash").exception("crash notice failed")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        write_crash_report(args.exc_type, args.exc_value, args.exc_traceback,
                           where=f"thread {args.thread.name if args.thread else '?'}")

    sys.excepthook = hook
    threading.excepthook = thread_hook


def crash_reports(directory: Path | None = None) -> list[Path]:
    directory = directory or log_dir()
    return sorted(directory.glob("crash-*.txt")) if directory.is_dir() else []
