"""Run the reference central server on 127.0.0.1.

    .venv/bin/python -m sync.server --db central.db --port 8765 [--catalog catalog.json] [--demo]

`--catalog` imports a catalog (format loyalty-catalog/1) when the database has none yet. The
public DEMO issuer key (resources/demo) is left out of it, with a warning, unless `--demo`.
"""

from __future__ import annotations

import argparse
import logging
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sync.server", description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="SQLite file of the central store (created if missing)")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--catalog", help="catalog JSON to import into an empty database")
    ap.add_argument("--log-level", default="warning")
    ap.add_argument("--demo", action="store_true",
                    help="run as the demo: trust the public DEMO issuer key of resources/demo/catalog.json (never in production)")
    ap.add_argument("--rate-limit", type=float, default=0.0,
                    help="requests per second per device credential (0: no limit); beyond it 429 with Retry-After")
    ap.add_argument("--burst", type=float, default=0.0, help="requests a device may send at once (default 4 x --rate-limit)")
    ap.add_argument("--body-timeout", type=float, default=30.0, help="seconds to wait for each part of a request body (408)")
    args = ap.parse_args(argv)

    import uvicorn

    from terminal.catalog import CatalogError, load_catalog_file
    from sync.server.app import create_app
    from sync.server.store import CentralStore

    logging.basicConfig(level=args.log_level.upper())
    store = CentralStore(args.db)
    if args.catalog:
        if store.has_catalog():
            print(f"{args.db} already has a catalog; not importing {args.catalog} "
                  "(use `python -m sync.server.admin import-catalog` to update it)", file=sys.stderr)
        else:
            try:
                counts = store.import_catalog(load_catalog_file(args.catalog), demo=args.demo)
            except CatalogError as exc:
                print(exc, file=sys.stderr)
                return 2
            for w in store.import_warnings:
                print(f"warning: {w}", file=sys.stderr)
            print(f"imported {args.catalog}: " + ", ".join(f"{v} {k}" for k, v in counts.items()), file=sys.stderr)
    # loopback only: the reference server is not meant to face a network
    uvicorn.run(create_app(store, rate_limit=args.rate_limit, burst=args.burst, body_timeout=args.body_timeout), host="127.0.0.1", port=args.port, log_level=args.log_level, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
