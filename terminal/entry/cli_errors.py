"""What the command line does with bad arguments and with failures: exit codes, one line each.

Exit codes (README "Exit codes:")::

    0  ok
    2  usage: a bad or missing argument; the message names it
    3  refused: the rules said no (the reason code is printed)
    4  setup problem: not enrolled, bad/missing/damaged replica, bad catalog or config, credential
       vault unavailable, a file the OS will not let us read or write
    5  central server unreachable (network error, DNS, timeout, 5xx): sales continue offline
    6  unexpected internal error (a bug): one line naming what failed and the crash report written
    130 interrupted (Ctrl-C)

Every failure prints exactly one line (or one JSON object with `--json`), never a traceback;
only a catalog with several problems adds one indented line per problem.

`harden(parser)` gives every text/path argument of a parser (and its sub-commands) a checking
type: empty values, NUL characters and bytes that are not UTF-8 (they reach Python as lone
surrogates through surrogateescape) become a usage error naming the argument. `classify(err)`
maps an exception to `(exit code, message)`; `crash_line` writes the crash report of a bug.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_USAGE, EXIT_REFUSED, EXIT_SETUP, EXIT_UNREACHABLE, EXIT_INTERNAL = 0, 2, 3, 4, 5, 6
EXIT_INTERRUPTED = 130


class UsageError(ValueError):
    """A bad command line; the message names the argument and shows a good value."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse that raises `UsageError` (one line) instead of printing usage and exiting."""

    def error(self, message: str):  # noqa: D401 (argparse API)
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


# ---- argument types -------------------------------------------------------------------------

def check_text(value: str) -> str:
    """A command-line value as text: non-empty, no NUL, valid UTF-8. Raises ArgumentTypeError."""
    if value == "":
        raise argparse.ArgumentTypeError("empty value")
    if "\x00" in value:
        raise argparse.ArgumentTypeError("contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        ch = ord(value[exc.start])
        what = f"byte 0x{ch - 0xDC00:02x}" if 0xDC80 <= ch <= 0xDCFF else f"character U+{ch:04X}"
        raise argparse.ArgumentTypeError(
            f"not valid UTF-8 text ({what} at position {exc.start + 1}); retype it, or set the "
            "terminal/script to UTF-8") from None
    return value


def check_path(value: str) -> Path:
    """`check_text`, as a Path."""
    return Path(check_text(value))


def harden(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Give every string/Path argument of `parser` and of its sub-commands a checking type."""
    for action in parser._actions:  # argparse keeps no public list of actions
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                harden(sub)
        elif action.nargs != 0 and action.type in (None, str):
            action.type = check_text
        elif action.nargs != 0 and action.type is Path:
            action.type = check_path
    return parser


def check_output_file(path: Path, option: str) -> Path:
    """A file we are about to write: its folder must exist and it must not be a folder."""
    if path.is_dir():
        raise UsageError(f"{option} {str(path)!r} is a folder; give a file name, e.g. {path / 'out'}")
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"{option} {str(path)!r}: the folder {str(parent)!r} does not exist")
    return path


# ---- failures -------------------------------------------------------------------------------

#: SQLite primary result codes that mean "this file or this machine", not "this program".
_SQLITE_SETUP_CODES = {
    3: "permission denied",  # SQLITE_PERM
    5: "busy: another program holds the replica's write lock",  # SQLITE_BUSY
    6: "locked",  # SQLITE_LOCKED
    8: "read-only",  # SQLITE_READONLY
    10: "disk I/O error",  # SQLITE_IOERR
    11: "damaged (database disk image is malformed)",  # SQLITE_CORRUPT
    14: "cannot be opened",  # SQLITE_CANTOPEN
    26: "not a database",  # SQLITE_NOTADB
}


def one_line(text: str) -> str:
    """Control and format characters (newlines, tabs, bidi overrides) and lone surrogates (bytes that
    were not UTF-8) escaped: one printable line."""
    import unicodedata

    return "".join(ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Cf", "Cs") else ch
                   for ch in text)


def classify(err: BaseException, *, command: str, db: Any = None) -> tuple[int, str] | None:
    """(exit code, message) for a failure that is not a bug, else None (a bug: exit 6). The
    message is one line, except a catalog's several problems: a summary, then one indented line each.

    `command` is the sub-command; `db` the replica path (named in storage messages)."""
    from terminal.catalog import CatalogError

    if isinstance(err, CatalogError) and len(err.problems) > 1:
        shown = [f"  {one_line(p)}" for p in err.problems[:50]]
        more = [f"  ... and {len(err.problems) - 50} more"] if len(err.problems) > 50 else []
        return EXIT_SETUP, "\n".join([f"error: catalog has {len(err.problems)} errors:", *shown, *more])
    known = _classify(err, command=command, db=db)
    return None if known is None else (known[0], one_line(known[1]))


def _classify(err: BaseException, *, command: str, db: Any = None) -> tuple[int, str] | None:
    from terminal.infra.errors import SetupError
    from terminal.catalog import CatalogError
    from terminal.infra.config import ConfigError
    from terminal.domain.reasons import DomainError
    from terminal.storage.db import StorageError

    if isinstance(err, DomainError):
        return EXIT_REFUSED, f"REFUSED [{err.reason.value}] {err.message}"
    if isinstance(err, UsageError):
        return EXIT_USAGE, f"usage: {err}"
    if isinstance(err, CatalogError) and len(err.problems) == 1:  # several: classify() lists them
        return EXIT_SETUP, f"error: catalog: {err.problems[0]}"
    if isinstance(err, (SetupError, CatalogError, ConfigError, StorageError)):
        return EXIT_SETUP, f"error: {err}"
    sync = _sync_failure(err, command)
    if sync is not None:
        return sync
    if isinstance(err, sqlite3.Error):
        code = (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF
        if code in (11, 26) and db:
            from terminal.provisioning.bootstrap import damaged_message

            return EXIT_SETUP, f"error: {damaged_message(db, str(err))}"
        if code in _SQLITE_SETUP_CODES:
            where = f"replica {db}" if db else "the replica"
            hint = ("close the other program or try again" if code in (5, 6) else
                    "restore it from a backup or enrol this PC again" if code in (11, 26) else
                    "check the file, its folder and the disk")
            return EXIT_SETUP, f"error: {where}: {_SQLITE_SETUP_CODES[code]} ({err}); nothing was saved; {hint}"
        return None
    if isinstance(err, OSError) and getattr(err, "filename", None) is not None:
        return EXIT_SETUP, f"error: cannot use {err.filename}: {err.strerror or err}"
    return None


def _sync_failure(err: BaseException, command: str) -> tuple[int, str] | None:
    import sys

    client = sys.modules.get("sync.client")  # not imported = no sync error can have happened
    enrolment = sys.modules.get("terminal.provisioning.enrolment")
    if enrolment is not None and isinstance(err, enrolment.EnrolmentError):
        return EXIT_SETUP, f"error: {err}"
    if client is None or not isinstance(err, client.SyncError):
        return None
    if isinstance(err, client.TransientError):
        url, reason = getattr(err, "url", None), getattr(err, "reason", None) or str(err)
        what = f"central server {url} unreachable: {reason}" if url else f"central server unreachable: {reason}"
        if getattr(err, "after", None):  # the operation knows what it means (an interrupted re-enrolment)
            after = err.after
        elif command == "enroll":
            after = "this PC is not enrolled yet; check the URL and the network, then try again later"
        else:
            after = "sales continue offline and are sent when it answers again; try again later"
        return EXIT_UNREACHABLE, f"error: {what}; {after}"
    return EXIT_SETUP, f"error: {err}"


def crash_line(err: BaseException, *, command: str) -> str:
    """Write the crash report of an unexpected error; the one line that says what failed and where."""
    summary = one_line(" ".join(str(err).split())[:200])
    what = f"{command or 'command'} failed: {type(err).__name__}" + (f": {summary}" if summary else "")
    try:
        from terminal.infra.logs import write_crash_report

        path = write_crash_report(type(err), err, err.__traceback__, where=f"cli {command}".strip())
    except Exception as report_err:  # a read-only or full disk must not hide the original error
        return f"internal error: {what} (and the crash report could not be written: {report_err})"
    return f"internal error: {what}; this is a bug, the crash report is {path} (send it to support)"
