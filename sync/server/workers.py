"""Several worker processes of the central server behind one listening socket (PostgreSQL only).

`python -m sync.server --db postgresql+psycopg://... --workers N` binds 127.0.0.1:PORT once, opens
the store once in the parent (schema check, catalog import: a refusal is one line before any
worker starts), then hands the socket to N worker processes (uvicorn's `Multiprocess`
supervisor: spawn, health pings, a worker that dies — even by SIGKILL — is replaced). Each
worker builds its own engine, pool and app from the settings the parent put in the environment
(`SETTINGS_ENV`, JSON) through the app factory `app_from_env`. The kernel spreads connections over
the workers; every worker writes through its own transactions (sync/server/store.py), the
database orders them (advisory locks per member / coupon / lot, the feed stamped at commit).

SQLite stays at one worker (one writer lock per file): `python -m sync.server` refuses
`--workers` > 1 with a SQLite database.
"""

from __future__ import annotations

import json
import os
import socket

import uvicorn

from sync.server.connections import protocol_class

__all__ = ["SETTINGS_ENV", "WorkerConfig", "app_from_env", "run_workers"]

SETTINGS_ENV = "LT_CENTRAL_SETTINGS"


def app_from_env():
    """The app factory each worker calls: CentralStore + create_app with the settings in SETTINGS_ENV
    ({db, rate_limit, burst, body_timeout, max_writes, write_wait, judge_threads, judge_nice, ...})."""
    from sync.server.app import create_app
    from sync.server.store import CentralStore

    s = json.loads(os.environ[SETTINGS_ENV])
    store = CentralStore(s["db"])
    return create_app(store, rate_limit=s["rate_limit"], burst=s["burst"], body_timeout=s["body_timeout"],
                      max_writes=s["max_writes"], write_wait=s["write_wait"],
                      maintenance_every_s=s.get("maintenance_every_s", 0.0),
                      **{k: s[k] for k in ("judge_threads", "judge_nice", "judge_processes", "push_budget_s") if k in s})


class WorkerConfig(uvicorn.Config):
    """uvicorn's Config that builds the bounded HTTP protocol (sync/server/connections.py) in each
    worker (a class made at run time cannot be pickled over to a spawned process)."""

    def __init__(self, *args, header_timeout: float, max_connections: int, **kw) -> None:
        super().__init__(*args, **kw)
        self.lt_header_timeout, self.lt_max_connections = header_timeout, max_connections

    def load(self) -> None:
        if isinstance(self.http, str):
            self.http = protocol_class(self.lt_header_timeout, self.lt_max_connections)
        super().load()


def run_workers(sock: socket.socket, settings: dict, workers: int, *, header_timeout: float, max_connections: int,
                log_level: str) -> None:
    """Serve on the bound `sock` with `workers` processes until SIGINT/SIGTERM (module docstring)."""
    from uvicorn.supervisors import Multiprocess

    os.environ[SETTINGS_ENV] = json.dumps(settings)
    config = WorkerConfig("sync.server.workers:app_from_env", factory=True, host=sock.getsockname()[0],
                          port=sock.getsockname()[1], workers=workers, log_level=log_level, access_log=False, ws="none",
                          http="h11", header_timeout=header_timeout, max_connections=max_connections)
    Multiprocess(config, sockets=[sock]).run()
