"""Wiring for the counter window: config -> replica -> service -> Counter -> Qt window.

`run(argv)` is what `python -m terminal` calls for the window. Without `--db` it runs on
the bundled demo: a replica under the user data dir is created from
`resources/demo/catalog.json` on first start (store CAFE-XINYI, cashier CAFE-XINYI-C1,
PIN 1234) and the clock starts at the demo's reference time so the cheat sheet
(`resources/demo/codes.md`) holds.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

DEMO_STORE = "CAFE-XINYI"
DEMO_TERMINAL = "DEMO-01"
DEMO_LOGIN = ("CAFE-XINYI-C1", "1234")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="loyalty-terminal", description="Loyalty Terminal counter window")
    ap.add_argument("--db", type=Path, help="terminal replica database (default: the bundled demo)")
    ap.add_argument("--store", help="store id (default: the replica's; demo: CAFE-XINYI)")
    ap.add_argument("--terminal", help="terminal id (default: the replica's)")
    ap.add_argument("--lang", choices=("zh_TW", "en"), default=os.environ.get("LT_LANG", "zh_TW"),
                    help="user interface language (default zh_TW, or $LT_LANG)")
    ap.add_argument("--fullscreen", action="store_true", help="start full screen (F11 toggles)")
    ap.add_argument("--kiosk", action="store_true", help="frameless full screen for a dedicated counter PC")
    ap.add_argument("--camera", type=int, default=0, metavar="INDEX", help="camera index for F5 scanning (default 0)")
    ap.add_argument("--no-camera", action="store_true", help="disable camera scanning")
    ap.add_argument("--decoder", choices=("combined", "zxing", "pyzbar"), default="combined")
    ap.add_argument("--wedge-prefix", help="scanner prefix key, e.g. $'\\x02' (STX); default: speed heuristic only")
    ap.add_argument("--wedge-suffix", help="scanner suffix key (default Enter/Tab)")
    ap.add_argument("--no-wedge", action="store_true", help="do not watch for keyboard-wedge scanners")
    ap.add_argument("--printer", help="ESC/POS slip printer: dummy | usb:VID:PID | network:HOST[:PORT] | file:PATH")
    ap.add_argument("--auto-print", action="store_true", help="print a slip after every settlement")
    ap.add_argument("--now", help="fixed start time (ISO 8601 with offset) for demos and training; the clock then runs on")
    ap.add_argument("--reset-demo", action="store_true", help="recreate the demo replica from the bundled catalog")
    ap.add_argument("--quit-after-paint", action="store_true",
                    help="start-up probe: quit once the window has painted and print the time (IT smoke test)")
    return ap


def running_clock(start: datetime) -> Callable[[], datetime]:
    """A clock that starts at `start` and advances in real time."""
    t0 = time.monotonic()
    from datetime import timedelta

    return lambda: start + timedelta(seconds=time.monotonic() - t0)


def open_demo(reset: bool = False):
    from terminal.bootstrap import init_replica, open_replica
    from terminal.demo import demo_catalog_path
    from terminal.paths import demo_db_path

    path = demo_db_path()
    if reset and path.exists():
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                p.unlink()
    if path.exists():
        return open_replica(path)
    return init_replica(path, demo_catalog_path(), store_id=DEMO_STORE, terminal_id=DEMO_TERMINAL)


def build_counter(args: argparse.Namespace):
    from terminal.bootstrap import open_replica
    from terminal.counter import Counter
    from terminal.services import RedemptionService, system_clock

    demo = args.db is None
    replica = open_demo(args.reset_demo) if demo else open_replica(args.db)
    store = args.store or replica.get_meta("store_id") or DEMO_STORE
    terminal_id = args.terminal or replica.get_meta("terminal_id") or DEMO_TERMINAL
    clock = system_clock
    if args.now:
        start = datetime.fromisoformat(args.now)
        if start.tzinfo is None:
            raise SystemExit("--now needs a UTC offset, e.g. 2026-11-22T12:00:00+08:00")
        clock = running_clock(start.astimezone(timezone.utc))
    elif demo:
        from terminal.demo import DEMO_NOW

        clock = running_clock(DEMO_NOW.astimezone(timezone.utc))
    service = RedemptionService(replica, store_id=store, terminal_id=terminal_id, clock=clock)
    return Counter(service), service, demo


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(argv or []))
    counter, service, demo = build_counter(args)
    from terminal.ui.application import WindowOptions, start_window

    printer = None
    if args.printer:
        from terminal.printing import open_printer

        printer = open_printer(args.printer)
    store = service.store
    options = WindowOptions(
        language=args.lang, fullscreen=args.fullscreen, kiosk=args.kiosk,
        title=f"{store.name} ({service.store_id} / {service.terminal_id})" + (" · DEMO" if demo else ""),
        camera_index=None if args.no_camera else args.camera, decoder=args.decoder,
        wedge_prefix=args.wedge_prefix, wedge_suffix=args.wedge_suffix, wedge=not args.no_wedge,
        printer=printer, auto_print=args.auto_print, quit_after_paint=args.quit_after_paint,
    )
    handle = None
    if not demo:
        from terminal.enrolment import attach, open_sync

        handle = open_sync(args.db)  # None when not enrolled: the counter works offline all the same
        if handle is not None:
            attach(service, handle)
    try:
        return start_window(counter, options)
    finally:
        if handle is not None:
            handle.stop()


if __name__ == "__main__":
    raise SystemExit(run(__import__("sys").argv[1:]))
