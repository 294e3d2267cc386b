"""Run the reference central server on 127.0.0.1.

    .venv/bin/python -m sync.server --db central.db --port 8765 [--catalog catalog.json] [--demo]
    .venv/bin/python -m sync.server --db postgresql+psycopg://loyalty@/central?host=/run/postgresql --workers 4

`--db`: a SQLite file (created if missing), `sqlite:///path`, or a PostgreSQL URL (psycopg 3).
`--workers N` (PostgreSQL only; SQLite refuses more than 1): N worker processes share the
listening socket (sync/server/workers.py). A database that cannot be used — a wrong URL or
path, a server that does not answer, a refused login, a schema newer than this code (or, on
PostgreSQL, older: run `python -m sync.server.migrate --db URL upgrade`) — is refused with one
line on stderr and exit status 5 (EXIT_DATABASE), nothing changed. While the database is down
later, requests are answered 503 with Retry-After.

`--catalog` imports a catalog (format loyalty-catalog/1) when the database has none yet. The
public DEMO issuer key (resources/demo) is left out of it, with a warning, unless `--demo`.

When it accepts connections it prints one line on stdout, `listening on http://127.0.0.1:PORT`
(`--port 0` picks a free port and prints it). Exit status: 0 after Ctrl+C (SIGTERM ends it as
that signal does); 2 for a bad argument or catalog; 4 (EXIT_CANNOT_LISTEN) when the port
cannot be had (in use, or not allowed), with one line on stderr naming the port and what to
do; uvicorn's own 3 only if the application itself fails to start.

Connection limits (sync/server/connections.py): `--header-timeout` seconds for a request head,
at most `--max-connections` held; request limits (sync/server/limits.py): `--body-timeout`,
`--rate-limit`, `--burst`; load shedding (503 with Retry-After): `--max-writes`, `--write-wait`.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import socket
import sys

import uvicorn

from sync.server.connections import HEADER_TIMEOUT, MAX_CONNECTIONS, protocol_class
from sync.server.intake import PUSH_BUDGET_S
from sync.server.limits import JUDGE_NICE, JUDGE_PROCESS_NICE, JUDGE_PROCESSES, JUDGE_THREADS, MAX_WRITES, WRITE_WAIT


EXIT_CANNOT_LISTEN = 4  # the port is in use or not allowed: one line on stderr says which and what to do
EXIT_DATABASE = 5  # the database cannot be used (URL, login, schema): one line on stderr, nothing changed
HOST = "127.0.0.1"  # loopback only: the reference server is not meant to face a network


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port number from 0 to 65535 (0: any free port), not {text!r}")
    return port


def _positive(kind):
    """An argparse type: a finite number > 0 of `kind` (int or float)."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not 0 < value < float("inf"):
            raise argparse.ArgumentTypeError(f"a positive number, not {text!r}")
        return value
    return parse


def _nonnegative_float(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not (v >= 0 and v < float("inf")):
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return v


def _nonnegative_int(text: str) -> int:
    """An argparse type: a whole number >= 0."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"a whole number >= 0, not {text!r}")
    return value


def listen_socket(port: int) -> socket.socket:
    """A socket bound to 127.0.0.1:`port` (0: a free one), not listening yet. Raises OSError."""
    # proto IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on accepted sockets whose proto says TCP; without it
    # Nagle held every response body ~40 ms behind its head (measured: 44 ms per request instead of 1.2 ms)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if os.name == "posix":  # a port left in TIME_WAIT by a stopped server can be bound again at once
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        elif hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: no other process may bind it meanwhile
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise
    return sock


def cannot_listen(port: int, exc: OSError) -> str:
    """The one line printed when the port cannot be had."""
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        return (f"port {port} on {HOST} is already in use (another program, or this server still running): stop it, "
                f"or start with another --port (0 picks a free one)")
    if exc.errno in (errno.EACCES, errno.EPERM, getattr(errno, "WSAEACCES", -1)):
        return f"port {port} on {HOST} is not allowed for this user ({exc.strerror}): use a port above 1023, e.g. --port 8765"
    return f"cannot listen on {HOST}:{port}: {exc.strerror or exc}; choose another --port"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sync.server", description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="SQLite file of the central store (created if missing), sqlite:///path, or "
                    "postgresql+psycopg://user@host/dbname")
    ap.add_argument("--workers", type=_positive(int), default=1,
                    help="worker processes sharing the port (PostgreSQL only; SQLite runs one)")
    ap.add_argument("--port", type=_port, default=8765, help="port on 127.0.0.1 (0: any free port, printed when ready)")
    ap.add_argument("--catalog", help="catalog JSON to import into an empty database")
    ap.add_argument("--log-level", default="warning")
    ap.add_argument("--demo", action="store_true",
                    help="run as the demo: trust the public DEMO issuer key of resources/demo/catalog.json (never in production)")
    ap.add_argument("--rate-limit", type=float, default=0.0,
                    help="requests per second per device credential (0: no limit); beyond it 429 with Retry-After")
    ap.add_argument("--burst", type=float, default=0.0, help="requests a device may send at once (default 4 x --rate-limit)")
    ap.add_argument("--body-timeout", type=_positive(float), default=30.0,
                    help="seconds to wait for each part of a request body (408)")
    ap.add_argument("--header-timeout", type=_positive(float), default=HEADER_TIMEOUT,
                    help=f"seconds a client has to send a complete request line and headers, else the connection is "
                         f"closed (default {HEADER_TIMEOUT:g})")
    ap.add_argument("--max-writes", type=_nonnegative_int, default=MAX_WRITES,
                    help=f"pushes judged at once; one more waits --write-wait s, then 503 with Retry-After "
                         f"(0: no load shedding; default {MAX_WRITES})")
    ap.add_argument("--write-wait", type=_positive(float), default=WRITE_WAIT,
                    help=f"seconds a push waits for a slot or the database's write lock before 503 (default {WRITE_WAIT:g})")
    ap.add_argument("--judge-threads", type=_nonnegative_int, default=JUDGE_THREADS,
                    help=f"pushes judged at once per process, on threads of their own so pulls never queue behind them "
                         f"(0: on the shared thread pool; default {JUDGE_THREADS})")
    ap.add_argument("--judge-processes", type=_nonnegative_int, default=None,
                    help="PostgreSQL: judge pushes in this many processes per worker, apart from the pulls (0: on judge "
                         f"threads in the worker; default {JUDGE_PROCESSES} with --workers 2 or more, else 0)")
    ap.add_argument("--judge-nice", type=_nonnegative_int, default=None,
                    help=f"steps of lower CPU priority for the judge processes or threads (Linux; default "
                         f"{JUDGE_PROCESS_NICE} for judge processes, {JUDGE_NICE} for judge threads)")
    ap.add_argument("--push-budget", type=_nonnegative_float, default=PUSH_BUDGET_S,
                    help=f"seconds of judging one push may take; its answer then covers the events judged so far and "
                         f"the terminal sends the rest (0: no budget; default {PUSH_BUDGET_S:g})")
    ap.add_argument("--max-connections", type=_positive(int), default=MAX_CONNECTIONS,
                    help=f"connections held at once; one more closes the longest-idle one (default {MAX_CONNECTIONS})")
    ap.add_argument("--maintenance-hours", type=_nonnegative_float, default=24.0,
                    help="hours between rounds of upkeep (store slices pruned; the first within an hour of start; "
                         "0: off, run `admin prune-slices` yourself; default 24)")
    args = ap.parse_args(argv)

    from terminal.catalog import CatalogError, load_catalog_file
    from sync.server.app import create_app
    from sync.server.db import DatabaseError, parse_url
    from sync.server.store import CentralStore, central_url

    logging.basicConfig(level=args.log_level.upper())
    if args.judge_processes is None:  # a multi-worker (so PostgreSQL) deployment judges in processes of its own
        args.judge_processes = JUDGE_PROCESSES if args.workers > 1 else 0
    if args.judge_nice is None:
        args.judge_nice = JUDGE_PROCESS_NICE if args.judge_processes else JUDGE_NICE
    if args.workers > 1 or args.judge_processes > 0:
        try:
            engine_name = parse_url(central_url(args.db)).get_backend_name()
        except DatabaseError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_DATABASE
        if engine_name != "postgresql" and args.judge_processes > 0:
            print(f"error: --judge-processes needs PostgreSQL: a SQLite database has one writer, judged in the server "
                  "process (--judge-processes 0, the default)", file=sys.stderr)
            return 2
        if engine_name != "postgresql":
            print(f"error: --workers {args.workers} needs PostgreSQL: a SQLite database has one writer, run it with "
                  "--workers 1 (the default)", file=sys.stderr)
            return 2
    try:  # the port first: a busy port must not cost a catalog import or a migration
        sock = listen_socket(args.port)
    except OSError as exc:
        print(cannot_listen(args.port, exc), file=sys.stderr)
        return EXIT_CANNOT_LISTEN
    with sock:
        try:
            store = CentralStore(args.db)
        except DatabaseError as exc:  # one line: what is wrong and where (password hidden); nothing was changed
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_DATABASE
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
        if args.workers > 1:  # each worker opens its own engine and app (sync/server/workers.py)
            from sync.server.workers import run_workers

            store.feed_signer()  # made once, here, before the workers race for it
            store.close()
            settings = {"db": args.db, "rate_limit": args.rate_limit, "burst": args.burst, "body_timeout": args.body_timeout,
                        "max_writes": args.max_writes, "write_wait": args.write_wait,
                        "judge_threads": args.judge_threads, "judge_nice": args.judge_nice,
                        "judge_processes": args.judge_processes, "push_budget_s": args.push_budget,
                        "maintenance_every_s": args.maintenance_hours * 3600}
            sock.listen(2048)  # connections queue in the backlog until a worker accepts them
            print(f"listening on http://{HOST}:{sock.getsockname()[1]} ({args.workers} workers)", flush=True)
            run_workers(sock, settings, args.workers, header_timeout=args.header_timeout,
                        max_connections=args.max_connections, log_level=args.log_level)
            return 0
        app = create_app(store, rate_limit=args.rate_limit, burst=args.burst, body_timeout=args.body_timeout,
                         max_writes=args.max_writes, write_wait=args.write_wait,
                         judge_threads=args.judge_threads, judge_nice=args.judge_nice,
                         judge_processes=args.judge_processes, push_budget_s=args.push_budget,
                         maintenance_every_s=args.maintenance_hours * 3600)
        config = uvicorn.Config(app, host=HOST, port=sock.getsockname()[1], log_level=args.log_level, access_log=False,
                                http=protocol_class(args.header_timeout, args.max_connections),
                                ws="none")  # the API has no WebSocket: an Upgrade header changes nothing
        server = ReadyServer(config)
        server.ready_line = f"listening on http://{HOST}:{sock.getsockname()[1]}"
        try:
            server.run(sockets=[sock])
        except KeyboardInterrupt:  # Ctrl+C: uvicorn has shut down and raises it again
            pass
    return 0


class ReadyServer(uvicorn.Server):
    """uvicorn's Server that prints `ready_line` on stdout once it accepts connections."""

    ready_line = ""

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            print(self.ready_line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
