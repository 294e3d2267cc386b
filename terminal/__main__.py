"""Entry point: `python -m terminal` / `loyalty-terminal`.

With a sub-command it is the CLI (see terminal/cli.py); `demo` or no arguments start
the counter window on the bundled demo data.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("demo", "window", "gui"):
        from terminal.app import run as run_window

        return run_window(argv[1:] if argv else [])
    from terminal.cli import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
