"""Start the counter: `loyalty-terminal demo [--store ID] [--lang en] [--fullscreen] ...`.

Creates the demo replica from the bundled catalog on first start, then opens the
window. Without a usable Qt (no display libraries), it says so and shows how to use
the CLI on the same replica instead of failing with a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from terminal.bootstrap import init_replica
from terminal.paths import demo_db_path


def ensure_demo_replica(db: Path, store_id: str | None) -> tuple[Path, str]:
    from terminal.demo import demo_catalog_path

    if db.exists():
        from terminal.bootstrap import open_replica

        replica = open_replica(db)
        store = replica.get_meta("store_id") or ""
        replica.db.conn.close()
        return db, store
    catalog = demo_catalog_path()
    stores = [s["id"] for s in json.loads(catalog.read_text(encoding="utf-8"))["stores"]]
    store = store_id or stores[0]
    replica = init_replica(db, catalog, store_id=store, terminal_id=f"DEMO-{store}")
    replica.db.conn.close()
    return db, store


def launch(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="loyalty-terminal demo", description="Open the counter window on the demo data.")
    ap.add_argument("--db", type=Path, help="replica file (default: the demo replica in the user data directory)")
    ap.add_argument("--store", help="demo store for a new demo replica (default: the first store)")
    ap.add_argument("--lang", choices=["zh_TW", "en"], default=None)
    ap.add_argument("--fullscreen", action="store_true", help="kiosk mode")
    ap.add_argument("--camera", type=int, default=None, help="camera index for camera scanning")
    args, rest = ap.parse_known_args(argv)
    db = args.db or demo_db_path()
    if args.db is None:
        db, store = ensure_demo_replica(db, args.store)
    try:
        from terminal.app import run as run_app
    except ImportError as exc:  # Qt libraries missing on this machine
        print(f"The counter window cannot start here ({exc}).", file=sys.stderr)
        print(f"The demo replica is ready at {db}; try: loyalty-terminal --db {db} balance <card number>", file=sys.stderr)
        return 1
    forwarded = ["--db", str(db)]
    if args.lang:
        forwarded += ["--lang", args.lang]
    if args.fullscreen:
        forwarded.append("--fullscreen")
    if args.camera is not None:
        forwarded += ["--camera", str(args.camera)]
    return run_app(forwarded + rest)
