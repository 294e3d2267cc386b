"""pytest plugin: a throwaway PostgreSQL cluster for the central server's tests (issue 14).

Fixtures:

    pg_cluster   (session)  a `PgCluster`: `initdb` into a fresh temporary folder, `pg_ctl start`
                            listening ONLY on a Unix socket in that folder (listen_addresses='',
                            no TCP port at all), fsync/synchronous_commit/full_page_writes off
                            (speed; the data is thrown away), stopped and removed at session end.
    pg_url       (function) a fresh empty database in that cluster, as a SQLAlchemy URL
                            (`postgresql+psycopg://lt@/<db>?host=<socket dir>`); dropped after the test.
    central_url  (function, parametrised "sqlite" / "postgresql") an empty central database on
                            each engine: the one fixture through which a test runs on both.

Where the server binaries come from: `$LT_PG_BIN` (a folder holding initdb and pg_ctl), else
`initdb`/`pg_ctl` on PATH, else the newest `/usr/lib/postgresql/<major>/bin` (Debian's
`postgresql` package puts them there, off PATH; build_scripts/install-system-deps.sh installs it).
When they are missing the tests that need them are SKIPPED on a developer's machine with one
line saying what to install, and FAIL when CI is set (CI=true), the same convention as the
barcode sample photos (tests/barcode_samples.py). `$LT_PG_BIN` naming a folder without them
fails too (a mistake, not an absence).

Root: `initdb` refuses to run as root, and CI runs as root. Then the cluster runs as the
unprivileged user `$LT_PG_OS_USER` (default `nobody`) through `setpriv`; its folder is made
with mkdtemp under the system temp folder (mode 0700) and handed to that user. The tests, as
root, reach the socket all the same. As any other user the cluster runs as that user.

Roles: `lt` (superuser, trust on the socket: the tests' admin) and `lt_login` with the password
`PG_LOGIN_PASSWORD` (scram-sha-256): a login the server can be refused with a wrong password.
Registered by tests/conftest.py (`pytest_plugins`).
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.barcode_samples import running_in_ci

ADMIN_ROLE = "lt"
LOGIN_ROLE = "lt_login"
PG_LOGIN_PASSWORD = "lt-login-test-password"  # test-only
MISSING_PREFIX = "PostgreSQL server binaries not found"
INSTALL_HINT = ("install Debian's `postgresql` package (bash build_scripts/install-system-deps.sh) "
                "or set LT_PG_BIN to a folder holding initdb and pg_ctl")


class PgNotFound(Exception):
    """No initdb/pg_ctl; `explicit` when $LT_PG_BIN named a folder that lacks them."""

    def __init__(self, message: str, explicit: bool = False) -> None:
        super().__init__(message)
        self.explicit = explicit


def _major(path: str) -> tuple[int, ...]:
    m = re.search(r"/postgresql/(\d+(?:\.\d+)*)/bin$", path)
    return tuple(int(p) for p in m.group(1).split(".")) if m else (0,)


def locate_pg_bin(env: Mapping[str, str] | None = None, debian_root: str = "/usr/lib/postgresql") -> Path:
    """The folder holding `initdb` and `pg_ctl` (see the module docstring for the order); PgNotFound."""
    env = os.environ if env is None else env
    given = env.get("LT_PG_BIN", "").strip()
    if given:
        folder = Path(given)
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
        raise PgNotFound(f"{MISSING_PREFIX} in LT_PG_BIN={given} (it must hold initdb and pg_ctl)", explicit=True)
    initdb, pg_ctl = shutil.which("initdb", path=env.get("PATH")), shutil.which("pg_ctl", path=env.get("PATH"))
    if initdb and pg_ctl:
        return Path(os.path.realpath(initdb)).parent
    found = sorted((d for d in glob.glob(f"{debian_root}/*/bin") if os.path.isfile(f"{d}/initdb") and os.path.isfile(f"{d}/pg_ctl")),
                   key=_major)
    if found:
        return Path(found[-1])
    raise PgNotFound(f"{MISSING_PREFIX} (no initdb/pg_ctl on PATH or in {debian_root}/*/bin): {INSTALL_HINT}")


def pg_bin_or_outcome(env: Mapping[str, str] | None = None, debian_root: str = "/usr/lib/postgresql") -> tuple[Path | None, str, str]:
    """(folder, "", "") when found, else (None, "skip" | "fail", message). Pure decision, no pytest calls."""
    env = os.environ if env is None else env
    try:
        return locate_pg_bin(env, debian_root), "", ""
    except PgNotFound as err:
        if err.explicit or running_in_ci(env):
            why = "CI is set" if running_in_ci(env) else "LT_PG_BIN was given"
            return None, "fail", f"{err} (failing, not skipping: {why})"
        return None, "skip", str(err)


@dataclass
class PgCluster:
    """A running throwaway cluster: `base` holds data/, the socket and the log."""

    bin: Path
    base: Path
    run_as: list[str] = field(default_factory=list)  # setpriv prefix when the tests run as root
    started_in: float = 0.0  # seconds from initdb to accepting connections
    _made: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base

    def url(self, database: str = "postgres", *, user: str = ADMIN_ROLE, password: str | None = None) -> str:
        """SQLAlchemy URL of `database` over the Unix socket (psycopg 3)."""
        auth = f"{user}:{password}" if password is not None else user
        return f"postgresql+psycopg://{auth}@/{database}?host={self.socket_dir}"

    def _pg(self, tool: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run([*self.run_as, str(self.bin / tool), *args], capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "LC_ALL": "C", "TZ": "UTC"}, cwd=self.base)

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the admin role through psycopg (autocommit); the rows as text lines."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), user=ADMIN_ROLE, dbname=database, autocommit=True) as conn:
            cur = conn.execute(sql)
            return "\n".join("|".join(str(v) for v in row) for row in cur.fetchall()) if cur.description else ""

    def create_database(self, prefix: str = "t") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        self.psql(f'CREATE DATABASE "{name}" OWNER {LOGIN_ROLE}')
        self._made.append(name)
        return name

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self._made:
            self._made.remove(name)

    def start(self) -> None:
        t0 = time.monotonic()
        res = self._pg("initdb", "-D", str(self.data), "-U", ADMIN_ROLE, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
        if res.returncode != 0:
            raise RuntimeError(f"initdb failed ({res.returncode}): {res.stderr.strip() or res.stdout.strip()}")
        with open(self.data / "pg_hba.conf", "w") as f:  # the socket only; no host lines: no TCP at all
            f.write(f"local all {ADMIN_ROLE} trust\nlocal all all scram-sha-256\n")
        self.start_server()
        self.psql(f"CREATE ROLE {LOGIN_ROLE} LOGIN PASSWORD '{PG_LOGIN_PASSWORD}'")
        self.started_in = time.monotonic() - t0

    def start_server(self) -> None:
        """Start the server on the existing data folder (after `start`, or again after `stop_server`)."""
        options = (f"-c listen_addresses='' -k {self.socket_dir} -c unix_socket_permissions=0777 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB")
        res = self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"), "-o", options, "-w", "-t", "60", "start")
        if res.returncode != 0:
            log = (self.base / "server.log").read_text(errors="replace")[-2000:] if (self.base / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed ({res.returncode}): {res.stderr.strip()} {log}")

    def stop_server(self) -> None:
        """Stop the server as a crash would (immediate: open connections are cut), keeping the data:
        `start_server` brings it back (fault tests: the database restarted under load)."""
        res = self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        if res.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed ({res.returncode}): {res.stderr.strip()}")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)


def _os_user_prefix() -> tuple[list[str], int | None, int | None]:
    """([setpriv ...], uid, gid) when running as root (initdb refuses root), else ([], None, None)."""
    if os.geteuid() != 0:
        return [], None, None
    name = os.environ.get("LT_PG_OS_USER", "nobody")
    pw = pwd.getpwnam(name)
    setpriv = shutil.which("setpriv")
    if not setpriv:
        raise RuntimeError("running as root needs setpriv (util-linux) to start PostgreSQL as an unprivileged user")
    return [setpriv, f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--clear-groups", "--"], pw.pw_uid, pw.pw_gid


@pytest.fixture(scope="session")
def pg_cluster():
    folder, outcome, message = pg_bin_or_outcome()
    if outcome == "fail":
        pytest.fail(message, pytrace=False)
    if outcome == "skip":
        pytest.skip(message)
    assert folder is not None
    prefix, uid, gid = _os_user_prefix()
    # under /tmp (or $LT_PG_TMP): a short path (a socket path has a ~107-byte limit) that the
    # unprivileged cluster user can reach even when $TMPDIR is a private folder of root's
    base = Path(tempfile.mkdtemp(prefix="lt-pg-", dir=os.environ.get("LT_PG_TMP") or ("/tmp" if os.path.isdir("/tmp") else None)))
    if uid is not None:
        os.chown(base, uid, gid)
    cluster = PgCluster(bin=folder, base=base, run_as=prefix)
    atexit.register(cluster.stop)  # also when the session ends abnormally (stop is idempotent)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh empty database owned by `lt_login`, as an admin URL (role `lt`); dropped afterwards."""
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def central_url(request, tmp_path):
    """An empty central database on each engine (SQLAlchemy URL): sqlite file, or a fresh PG database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.db'}"
    else:
        yield request.getfixturevalue("pg_url")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """One plain line when PostgreSQL tests were skipped for want of the binaries."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if MISSING_PREFIX in str(getattr(r, "longrepr", ""))]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} PostgreSQL tests skipped: {MISSING_PREFIX}; {INSTALL_HINT}")
