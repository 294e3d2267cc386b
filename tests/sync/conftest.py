"""Fixtures: the real reference server in a subprocess on 127.0.0.1, and enrolled terminals."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from sync.allowances import OfflineAllowances
from sync.client import MemoryCredentialStore, SyncClient
from sync.server.store import CentralStore
from terminal.provisioning.bootstrap import open_replica
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, FixedClock, tpe
from tests.sync.forked_server import ForkedServer

ROOT = Path(__file__).resolve().parents[2]
AT = tpe(2026, 11, 20, 12)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`python -m sync.server` on a free port; `db` a SQLite file or a database URL (PostgreSQL too)."""

    def __init__(self, db: Path | str, catalog: Path | None, extra: tuple[str, ...] = ()) -> None:
        self.db, self.port = db, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "sync.server", "--db", str(db), "--port", str(self.port), *extra]
        if catalog:
            args += ["--catalog", str(catalog)]
        # the server's log goes to a file next to its database (a pipe nobody reads would block a
        # chatty server once its buffer is full); a test that fails shows its tail (`stop`)
        where = Path(db).parent if isinstance(db, Path) else catalog.parent if catalog else Path(tempfile.mkdtemp())
        self.log = where / f"server-{self.port}.log"
        self._log_file = self.log.open("wb")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if {"--workers", "--judge-processes"} & set(extra):  # their tests inspect the process tree
            self.proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self._log_file, env=env)
        else:  # the same entry point, forked from a pre-imported process (tests/sync/forked_server.py)
            self.proc = ForkedServer(args[3:], str(self.log), str(ROOT), env)
        deadline = time.monotonic() + 120  # a loaded 2-core machine (two test processes, PostgreSQL, spawned workers) can take a while
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')[-4000:]}")
            try:
                if httpx.get(self.url + "/v1/health", timeout=0.5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        self.store = CentralStore(db)  # admin access to the same file, as the admin CLI does

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log_file.close()
        errors = [ln for ln in self.log.read_text(errors="replace").splitlines() if "Traceback" in ln or "ERROR" in ln]
        if errors:  # shown with a failing test's captured output
            print(f"server log {self.log} has {len(errors)} error line(s); its tail:\n"
                  + self.log.read_text(errors="replace")[-3000:])
        if hasattr(self, "store"):
            self.store.close()


def enrol_device(url: str, token: str, terminal_id: str, **extra) -> dict:
    """Both phases of enrolment over HTTP, as a terminal does: {device_id, credential, store_id, ...}."""
    ans = httpx.post(url + "/v1/enrol", json={"token": token, "terminal_id": terminal_id, **extra})
    assert ans.status_code == 200, ans.text
    body = ans.json()
    ok = httpx.post(url + "/v1/enrol/confirm", json={"token": token}, headers={"Authorization": f"Bearer {body['credential']}"})
    assert ok.status_code == 200, ok.text
    return {**body, **ok.json()}


@dataclass
class Terminal:
    path: Path
    client: SyncClient
    svc: RedemptionService
    credentials: MemoryCredentialStore

    def settle(self, checkout_id: str, *, amount: int = 600, member: str | None = None, coupons=(), points=None,
               lines=None, **kw):
        req = CheckoutRequest(checkout_id, tuple(lines) if lines else (LineRequest(amount=amount, name="Amount"),),
                              member_code=member, coupons=tuple(c if isinstance(c, CouponRequest) else CouponRequest(c) for c in coupons),
                              points=points or {})
        return self.svc.settle(req, cashier_id="C01", **kw)

    def coupon_rows(self):
        return self.client.conn.execute(
            "SELECT code, template_id, member_id, total_uses, used_uses, status FROM coupon_instances ORDER BY code").fetchall()

    def lot_rows(self):
        return self.client.conn.execute(
            "SELECT lot_id, member_id, point_type, points, expires_at FROM point_lots ORDER BY lot_id").fetchall()

    def close(self):
        self.client.close()
        self.client.conn.close()
        self.svc.replica.conn.close()


@pytest.fixture
def catalog_file(tmp_path):
    p = tmp_path / "catalog.json"
    p.write_text(json.dumps(BASE_CATALOG))
    return p


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
# `both_engines(postgresql="slow")`: the module's PostgreSQL half runs with -m slow only (the default suite keeps
# a representative PostgreSQL set within its 10-minute budget on 2 cores)
ENGINES_PG_SLOW = ["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgresql, pytest.mark.slow])]


def pytest_generate_tests(metafunc):
    """A module marked `pytest.mark.both_engines` runs each test using `server` once per engine."""
    marker = metafunc.definition.get_closest_marker("both_engines")
    if "central_db" in metafunc.fixturenames and marker:
        metafunc.parametrize("central_db", ENGINES_PG_SLOW if marker.kwargs.get("postgresql") == "slow" else ENGINES,
                             indirect=True)


@pytest.fixture
def central_db(request, tmp_path):
    """The central database the `server` fixture runs on: a SQLite file (default), or with the
    `both_engines` marker also a fresh PostgreSQL database of the throwaway cluster (tests/pg.py)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return tmp_path / "central.db"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def server(central_db, catalog_file):
    srv = ServerProcess(central_db, catalog_file)
    yield srv
    srv.stop()


@pytest.fixture
def deployed(server):
    """The offline allowances of a deployment: `deployed(stored_voucher_uses=8, ...)` sets them on
    the server (admin `set-allowances`) and returns the counter's check for
    `make_terminal(..., allowances=...)`; each terminal pulls its grant at bootstrap and every sync
    round (GET /v1/allowances), as a real till does before it sells. The server re-checks the
    same figures for what the terminals push (a terminal without the check is not a real till)."""

    def _grant(**values: int) -> OfflineAllowances:
        if values:
            server.store.set_allowances(**values)
        return OfflineAllowances()

    return _grant


@pytest.fixture
def make_terminal(tmp_path, server):
    made: list[Terminal] = []

    def _make(store_id: str = "A-001", terminal_id: str = "T1", *, url: str | None = None, allowances=None, transport=None,
              **client_kw) -> Terminal:
        path = tmp_path / f"{store_id}-{terminal_id}.db"
        creds = MemoryCredentialStore()
        client = SyncClient(open_replica(path), url or server.url, creds, transport=transport, backoff_base=0.02,
                            backoff_cap=0.2, **client_kw)
        client.enrol(server.store.create_enrol_token(store_id), terminal_id)
        client.bootstrap()
        svc = RedemptionService(open_replica(path), store_id=store_id, terminal_id=terminal_id, clock=FixedClock(AT),
                                allowances=allowances)
        t = Terminal(path, client, svc, creds)
        made.append(t)
        return t

    yield _make
    for t in made:
        t.close()


# one server per module and engine: `@pytest.fixture(scope="module", params=ENGINE_PARAMS)` around `engine_server`
ENGINE_PARAMS = ["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgresql, pytest.mark.slow])]


def engine_server(request, d: Path):
    """Yield the server on `request.param`'s engine (a SQLite file in `d`, or a fresh database of the
    throwaway PostgreSQL cluster, dropped after) with `d / "catalog.json"` imported; then stop it."""
    cluster = db = None
    if request.param == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        db = cluster.create_database()
    srv = ServerProcess(d / "central.db" if cluster is None else cluster.url(db), d / "catalog.json")
    yield srv
    srv.stop()
    if cluster is not None:
        cluster.drop_database(db)


def enrolled_counter(server: ServerProcess, tmp_path: Path):
    """Yield (SyncClient, RedemptionService) of a new terminal of store A-001 enrolled on `server` and
    bootstrapped, with the default offline allowances; then close both."""
    path = tmp_path / "t.db"
    client = SyncClient(open_replica(path), server.url, MemoryCredentialStore(), backoff_base=0.02, backoff_cap=0.2)
    client.enrol(server.store.create_enrol_token("A-001"), f"T-{tmp_path.name[-12:]}")
    client.bootstrap()
    svc = RedemptionService(open_replica(path), store_id="A-001", terminal_id=client.replica.get_meta("terminal_id") or "T",
                            clock=FixedClock(AT), allowances=OfflineAllowances())
    yield client, svc
    client.close()
    client.conn.close()
    svc.replica.conn.close()
