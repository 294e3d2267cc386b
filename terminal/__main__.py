"""Entry point: `python -m terminal` / `loyalty-terminal`.

With a sub-command it is the CLI (see terminal/entry/cli.py). `demo` starts the counter window on
the bundled demo data; no arguments (or `window`) start it on this PC's replica, with the
first-run enrolment dialog when there is none yet.
"""

from __future__ import annotations

import sys


CLI_GLOBALS = ("--db", "--json", "--version", "--help", "-h")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("demo", "window", "gui") or argv[0].startswith("--") and argv[0] not in CLI_GLOBALS:
        from terminal.entry.window import run as run_window

        if argv and argv[0] == "demo":
            return run_window(["--demo", *argv[1:]])
        return run_window(argv[1:] if argv and argv[0] in ("window", "gui") else argv)
    from terminal.entry.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
