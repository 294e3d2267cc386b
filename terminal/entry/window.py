"""Wiring for the counter window: config -> replica -> service -> Counter -> Qt window.

`run(argv)` is what `python -m terminal` calls for the window. Settings come from the layered
configuration (terminal/infra/config.py); command-line options override it. On a PC with no
replica yet it first shows the enrolment dialog (IT: server URL + one-time token).
With `--demo` (`loyalty-terminal demo`) it runs on the bundled demo: a replica under the
user data dir is created from
`resources/demo/catalog.json` on first start (store CAFE-XINYI, cashier CAFE-XINYI-C1,
PIN 1234) and the clock starts at the demo's reference time so the cheat sheet
(`resources/demo/codes.md`) holds.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from terminal import __version__

log = logging.getLogger("terminal.app")

DEMO_STORE = "CAFE-XINYI"
DEMO_TERMINAL = "DEMO-01"
DEMO_LOGIN = ("CAFE-XINYI-C1", "1234")


def build_parser() -> argparse.ArgumentParser:
    """Options left out (None) fall back to the layered configuration (terminal/infra/config.py)."""
    ap = argparse.ArgumentParser(prog="loyalty-terminal", description="Loyalty Terminal counter window")
    ap.add_argument("--version", action="version", version=f"loyalty-terminal {__version__}")
    ap.add_argument("--demo", action="store_true", help="run on the bundled demo data (what `loyalty-terminal demo` does)")
    ap.add_argument("--db", type=Path, help="terminal replica database (default: [terminal] db, or the data directory)")
    ap.add_argument("--store", help="store id (default: the replica's)")
    ap.add_argument("--terminal", help="terminal id (default: the replica's)")
    ap.add_argument("--lang", choices=("zh_TW", "en"), help="user interface language (default zh_TW)")
    ap.add_argument("--fullscreen", action="store_true", default=None, help="start full screen (F11 toggles)")
    ap.add_argument("--kiosk", action="store_true", default=None, help="frameless full screen for a dedicated counter PC")
    ap.add_argument("--camera", type=int, metavar="INDEX", help="camera index for F5 scanning (default 0)")
    ap.add_argument("--camera-source", metavar="INDEX|VIDEO|FOLDER",
                    help="what F5 scans from: a camera index, a video file or a folder of images (looped; demos, tests)")
    ap.add_argument("--no-camera", action="store_true", help="disable camera scanning")
    ap.add_argument("--decoder", choices=("combined", "zxing", "pyzbar"))
    ap.add_argument("--wedge-prefix", help="scanner prefix key, e.g. $'\\x02' (STX); default: speed heuristic only")
    ap.add_argument("--wedge-suffix", help="scanner suffix key (default Enter/Tab)")
    ap.add_argument("--no-wedge", action="store_true", help="do not watch for keyboard-wedge scanners")
    ap.add_argument("--printer", help="ESC/POS slip printer: dummy | usb:VID:PID | network:HOST[:PORT] | file:PATH")
    ap.add_argument("--auto-print", action="store_true", default=None, help="print a slip after every settlement")
    ap.add_argument("--now", help="fixed start time (ISO 8601 with offset) for demos and training; the clock then runs on")
    ap.add_argument("--reset-demo", action="store_true", help="recreate the demo replica from the bundled catalog")
    ap.add_argument("--quit-after-paint", action="store_true",
                    help="start-up probe: quit once the window has painted and print the time (IT smoke test)")
    return ap


def config_from_args(args: argparse.Namespace):
    from terminal.infra.config import load_config

    return load_config(cli={
        "terminal.db": str(args.db) if args.db else None,
        "terminal.store_id": args.store, "terminal.terminal_id": args.terminal, "terminal.language": args.lang,
        "scanner.camera_index": args.camera, "scanner.camera": False if args.no_camera else None,
        "camera.source": getattr(args, "camera_source", None),
        "scanner.decoder": args.decoder, "scanner.prefix": args.wedge_prefix, "scanner.suffix": args.wedge_suffix,
        "scanner.wedge": False if args.no_wedge else None, "printer.target": args.printer,
        "printer.auto_print": args.auto_print, "window.fullscreen": args.fullscreen, "window.kiosk": args.kiosk,
    })


def running_clock(start: datetime) -> Callable[[], datetime]:
    """A clock that starts at `start` and advances in real time."""
    t0 = time.monotonic()
    from datetime import timedelta

    return lambda: start + timedelta(seconds=time.monotonic() - t0)


def open_demo(reset: bool = False):
    from terminal.provisioning.bootstrap import init_replica, open_replica
    from terminal.provisioning.demo import demo_catalog_path
    from terminal.infra.paths import demo_db_path

    path = demo_db_path()
    if reset and path.exists():
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                p.unlink()
    if path.exists():
        return open_replica(path)
    return init_replica(path, demo_catalog_path(), store_id=DEMO_STORE, terminal_id=DEMO_TERMINAL, demo=True)


def build_counter(args: argparse.Namespace, config=None):
    from terminal.provisioning.bootstrap import open_replica
    from terminal.usecases.counter import Counter
    from terminal.usecases.context import system_clock
    from terminal.usecases.service import RedemptionService

    demo = bool(getattr(args, "demo", False)) or (args.db is None and config is None)  # library callers: no db = demo
    config = config or config_from_args(args)
    # the window writes all day: PRAGMA quick_check once at start (terminal/provisioning/bootstrap.py; SetupError if damaged)
    replica = open_demo(args.reset_demo) if demo else open_replica(config.db_path(), check="full")
    store = (None if demo else config.terminal.store_id) or replica.get_meta("store_id") or DEMO_STORE
    terminal_id = (None if demo else config.terminal.terminal_id) or replica.get_meta("terminal_id") or DEMO_TERMINAL
    clock = system_clock
    if args.now:
        start = datetime.fromisoformat(args.now)
        if start.tzinfo is None:
            raise SystemExit("--now needs a UTC offset, e.g. 2026-11-22T12:00:00+08:00")
        clock = running_clock(start.astimezone(timezone.utc))
    elif demo:
        from terminal.provisioning.demo import DEMO_NOW

        clock = running_clock(DEMO_NOW.astimezone(timezone.utc))
    from sync.allowances import offline_allowances_for

    service = RedemptionService(replica, store_id=store, terminal_id=terminal_id, clock=clock,
                                allowances=offline_allowances_for(demo=demo))
    _check_time_zone(config, service)
    return Counter(service), service, demo


def _check_time_zone(config, service) -> None:
    """The store's business day comes from the catalog; a PC configured for another zone is a provisioning slip."""
    want = config.terminal.time_zone if config is not None else ""
    have = service.store.timezone
    if want and want != have:
        log.warning("config time_zone %s differs from store %s's catalog time zone %s; the catalog's zone is used "
                    "for business days and date rules", want, service.store_id, have)


def _first_run(config, args) -> bool:
    """No replica yet: show the enrolment dialog. True when the PC is now enrolled."""
    from terminal.provisioning import enrolment
    from terminal.ui.application import ensure_app
    from terminal.ui.enrol_dialog import EnrolDialog
    from terminal.ui import i18n

    app = ensure_app()
    i18n.install(app, config.terminal.language)
    db = config.db_path()

    def enrol(server: str, token: str, terminal_id: str) -> dict:
        log.info("first-run enrolment with %s as terminal %s", server, terminal_id)
        return enrolment.enroll(db, server_url=server, token=token, terminal_id=terminal_id,  # OS keyring
                                allow_insecure_http=config.sync.allow_insecure_http)

    import socket

    dialog = EnrolDialog(enrol, server_url=config.sync.server_url,
                         terminal_id=config.terminal.terminal_id or socket.gethostname().upper())
    if args.quit_after_paint:  # the probe measures start-up, it does not wait for IT
        from terminal.ui.application import reject_when_idle

        reject_when_idle(dialog)
    ok = dialog.exec() == dialog.DialogCode.Accepted
    if ok:
        log.info("enrolled: %s", dialog.result_info)
    elif db.exists() and not _initialised(db):
        for suffix in ("", "-wal", "-shm"):  # a failed first enrolment leaves no half-made replica behind
            Path(str(db) + suffix).unlink(missing_ok=True)
    return ok


def _initialised(db: Path) -> bool:
    from terminal.provisioning.bootstrap import open_replica

    replica = open_replica(db)
    try:
        return replica.conn.execute("SELECT COUNT(*) FROM stores").fetchone()[0] > 0
    finally:
        replica.db.conn.close()


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(argv or []))
    from terminal.infra.config import ConfigError
    from terminal.infra.logs import install_crash_handler, setup_logging

    try:
        config = config_from_args(args)
    except ConfigError as err:
        print(f"error: {err}", file=sys.stderr)
        return 4
    setup_logging(config.logging.level, max_bytes=config.logging.max_bytes, backup_count=config.logging.backup_count)
    from terminal.entry.display import display_problem

    if (problem := display_problem()) is not None:  # before Qt, which would abort (134) with a misleading hint
        log.error("window not started: %s", problem.splitlines()[0])
        print(f"error: {problem}", file=sys.stderr)
        return 4
    from terminal.ui.application import show_crash_notice

    install_crash_handler(on_crash=show_crash_notice)
    from terminal.infra.errors import SetupError

    try:
        if not args.demo and (not config.db_path().exists() or not _initialised(config.db_path())):
            if not _first_run(config, args):
                log.info("not enrolled; quitting")
                return 0 if args.quit_after_paint else 4
        counter, service, demo = build_counter(args, config)
    except SetupError as err:  # a damaged or unreadable replica: said plainly, nothing written to it
        log.error("window not started: %s", err)
        print(f"error: {err}", file=sys.stderr)
        if not args.quit_after_paint:  # a packaged window has no console: say it on screen too
            from terminal.ui.application import show_startup_error

            show_startup_error(str(err), config.terminal.language)
        return 4
    from terminal.ui.application import WindowOptions, start_window

    printer = None
    if config.printer.target:
        from terminal.infra.printing import open_printer

        printer = open_printer(config.printer.target)
    store = service.store
    sc = config.scanner
    options = WindowOptions(
        language=config.terminal.language, fullscreen=config.window.fullscreen, kiosk=config.window.kiosk,
        title=f"{store.name} ({service.store_id} / {service.terminal_id})" + (" · DEMO" if demo else ""),
        camera_index=sc.camera_index if sc.camera else None, decoder=sc.decoder,
        camera_spec=config.camera.source, camera_fps=config.camera.fps,
        wedge_prefix=sc.prefix or None, wedge_suffix=sc.suffix or None, wedge=sc.wedge, repeat_window_s=sc.repeat_window_s,
        printer=printer, auto_print=config.printer.auto_print, quit_after_paint=args.quit_after_paint,
        sounds=config.counter.sounds and not args.quit_after_paint, volume=config.counter.volume,
    )
    handle = None
    if not demo:
        from terminal.provisioning.enrolment import InsecureServerUrl, attach, open_sync

        try:  # None when not enrolled: works offline
            handle = open_sync(config.db_path(), interval_s=config.sync.interval_s,
                               allow_insecure_http=config.sync.allow_insecure_http,
                               retention_days=config.replica.retention_days if config.replica.auto_prune else None)
        except InsecureServerUrl as exc:  # the counter still sells; sales wait on this PC
            log.error("%s", exc)
        if handle is not None:
            attach(service, handle)
        from terminal.usecases.unknown_member import UnknownMembers

        # a card whose member is outside this store's slice: looked up online (and cached), offline the
        # allowance for unknown members (docs/sync.md, "Store slices")
        service.unknown_members = UnknownMembers(service.replica, lookup=handle.client.lookup_member if handle else None)
        service.member_directory = handle.client if handle else None  # find by phone or name, sign-up (issue 17)
    log.info("counter window for %s/%s on %s%s", service.store_id, service.terminal_id,
             "the demo replica" if demo else config.db_path(), "" if handle else " (sync off: not enrolled)")
    try:
        return start_window(counter, options)
    finally:
        if handle is not None:
            handle.stop()


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
