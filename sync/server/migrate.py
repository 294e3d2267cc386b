"""The central schema's version: check it, upgrade it with Alembic, refuse what this code cannot run.

    python -m sync.server.migrate --db URL check      exit 0 and "current ...", or exit 3 and why not
    python -m sync.server.migrate --db URL upgrade    create or upgrade to the newest revision
    python -m sync.server.migrate --db URL history    the revisions this code knows, oldest first

Alembic is configured in code (`alembic_config`): the revisions are
sync/server/migrations/versions/, no alembic.ini is read. Every check and upgrade runs in ONE
transaction on one connection: on PostgreSQL behind a transaction-scoped advisory lock (N
worker processes starting at once upgrade one after another; the later ones find the schema
current), on SQLite behind BEGIN IMMEDIATE. DDL is transactional on both engines, so an upgrade
that fails half-way leaves the database as it was.

What a database can be (`SchemaState.status`):

    empty     no tables at all                         upgrade creates the schema
    legacy    a SQLite store of the pre-Alembic server  upgrade adopts it (`_adopt`): stamps
              with all of its named migrations 0002-0005   0001_baseline (that schema exactly);
              and a leading run of the later ones          oldest first, runs the revisions it
              (LEGACY_LATER)                               lacks and stamps those that mirror its
                                                           later named migrations; runs the rest
    behind    an older Alembic revision                  upgrade runs the missing revisions
    current   the newest revision this code knows        nothing to do

and what is refused, each with one line and NOTHING changed:

    SchemaTooNew      the database's revision is unknown here: a newer server upgraded it.
                      Run that newer server (or restore a backup that matches this one).
    SchemaUnknown     tables but no schema version (not a central store, or a half-made one),
                      several version rows, or a pre-Alembic store missing some of its named
                      migrations (open it once with the server of that time, then upgrade).
                      A pre-Alembic store with named migrations this code does not know is
                      SchemaTooNew.
    DatabaseUnavailable (sync/server/db.py)  the URL, the file, the server or the login.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from sync.server.db import DatabaseError, connect, describe_url, is_postgresql, read

__all__ = ["BASELINE", "LEGACY_LATER", "LEGACY_STEPS", "SchemaState", "SchemaTooNew", "SchemaUnknown", "alembic_config", "check", "head_revision", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001_baseline"
# the named migrations of the pre-Alembic SQLite server (sync/server/schema.py); all applied = 0001_baseline
LEGACY_STEPS = ("0002_coupon_ledger_member_template", "0003_ledgers_by_event", "0004_events_by_checkout", "0005_enrolment_policy")
# its later named migrations, in the order that server applies them, each with the revision that
# builds exactly its tables and indexes: a store that ran it is stamped that revision, not migrated
LEGACY_LATER = (("0006_terminal_claims", "0003_terminal_claims"), ("0006_quarantine_reports", "0004_quarantine_reports"))
UPGRADE_LOCK = 0x4C54_5343  # "LTSC": pg_advisory_xact_lock key serialising schema upgrades


class SchemaTooNew(DatabaseError):
    """The database's schema revision is newer than this code (see module docstring)."""


class SchemaUnknown(DatabaseError):
    """The database holds something this code cannot place (see module docstring)."""


def alembic_config(conn: Connection | None = None) -> Config:
    """An Alembic Config pointing at sync/server/migrations, with `conn` for env.py (no .ini file)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    return script().get_current_head()


@dataclass(frozen=True)
class SchemaState:
    """What `check` found: status (empty | legacy | behind | current), the revision (None when
    empty or legacy), the head this code would upgrade to and, for a legacy store, the revision
    it is adopted as (`adopt_as`: 0001_baseline or the revision mirroring its last named migration)."""

    status: str
    revision: str | None
    head: str
    adopt_as: str | None = None

    def line(self) -> str:
        if self.status == "current":
            return f"current: schema revision {self.revision}"
        if self.status == "behind":
            return f"behind: schema revision {self.revision}, this server upgrades it to {self.head}"
        if self.status == "legacy":
            return f"legacy: a SQLite store of the pre-Alembic server; upgrade adopts it as {self.adopt_as} then goes to {self.head}"
        return f"empty: no tables; upgrade creates schema revision {self.head}"


def check(conn: Connection) -> SchemaState:
    """The schema's state on `conn` (read only); SchemaTooNew / SchemaUnknown when refused."""
    scripts = script()
    head = scripts.get_current_head()
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" in tables:
        heads = MigrationContext.configure(conn).get_current_heads()
        if len(heads) != 1:
            raise SchemaUnknown(f"the database has {len(heads)} schema version rows ({', '.join(heads) or 'none'}); "
                                "expected exactly one: not changed, restore a backup or fix alembic_version by hand")
        (rev,) = heads
        known = {s.revision for s in scripts.walk_revisions()}
        if rev not in known:
            raise SchemaTooNew(f"the database's schema revision {rev} is newer than this server knows (newest here: {head}): "
                               "run the newer server, or restore a backup made for this version; nothing was changed")
        return SchemaState("current" if rev == head else "behind", rev, head)
    if "schema_migrations" in tables and "entities" in tables:
        done = {r[0] for r in conn.exec_driver_sql("SELECT name FROM schema_migrations")}
        return SchemaState("legacy", None, head, adopt_as=_legacy_revision(done))
    if tables:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise SchemaUnknown(f"the database holds tables ({shown}) but no central schema version: "
                            "not a central store (wrong database?); nothing was changed")
    return SchemaState("empty", None, head)


def _legacy_revision(done: set[str]) -> str:
    """The revision a pre-Alembic store whose applied named migrations are `done` is adopted as.

    All of LEGACY_STEPS must be there, and of LEGACY_LATER a leading run (that server applies them
    in order): SchemaUnknown names what is missing; names this code does not know are SchemaTooNew.
    """
    later = [name for name, _ in LEGACY_LATER]
    unknown = sorted(done - set(LEGACY_STEPS) - set(later))
    if unknown:
        raise SchemaTooNew(f"the store has named migrations this server does not know ({', '.join(unknown)}): "
                           "run the server that made it; nothing was changed")
    applied = [i for i, name in enumerate(later) if name in done]
    missing = [s for s in LEGACY_STEPS if s not in done] + [later[i] for i in range(max(applied, default=-1)) if later[i] not in done]
    if missing:
        raise SchemaUnknown(f"the store lacks its named migrations {', '.join(missing)}: open it once with the server "
                            "version that made it, then upgrade; nothing was changed")
    return LEGACY_LATER[applied[-1]][1] if applied else BASELINE


def _adopt(cfg: Config, scripts: ScriptDirectory, adopt_as: str) -> None:
    """Version a pre-Alembic store as `adopt_as`: stamp the baseline, then oldest first run each
    revision up to `adopt_as` that the store lacks (e.g. the feed head) and stamp each that mirrors
    one of its named migrations (those tables are there already, exactly as the revision builds them)."""
    command.stamp(cfg, BASELINE)
    mirrors = {rev for _, rev in LEGACY_LATER}
    chain = [s.revision for s in scripts.iterate_revisions(adopt_as, BASELINE)]  # newest first, the baseline left out
    for rev in reversed(chain):
        if rev in mirrors:
            command.stamp(cfg, rev)
        else:
            command.upgrade(cfg, rev)


def _locked_transaction(conn: Connection):
    tx = conn.begin()
    if is_postgresql(conn):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
    return tx


def upgrade(engine: Engine, target: str = "head") -> tuple[SchemaState, SchemaState]:
    """Bring the schema to `target` in one transaction; (state before, state after).

    Refused (raised before anything is written): SchemaTooNew, SchemaUnknown; ValueError when
    `target` is older than the revision a legacy store is adopted as.
    """
    with engine.connect() as conn:
        with _locked_transaction(conn):
            before = check(conn)
            cfg = alembic_config(conn)
            if before.status == "legacy":
                scripts = script()
                reachable = {BASELINE} | {s.revision for s in scripts.iterate_revisions(target, BASELINE)}
                if before.adopt_as not in reachable:
                    raise ValueError(f"a store adopted as {before.adopt_as} cannot be upgraded to the older {target}")
                _adopt(cfg, scripts, before.adopt_as)
            if before.status != "current" or target != "head":
                command.upgrade(cfg, target)
            after = check(conn)
    return before, after


def ensure_current(engine: Engine, *, upgrade_allowed: bool) -> SchemaState:
    """What a server calls at start: the schema must be current. With `upgrade_allowed` an empty,
    legacy or behind database is upgraded first; without, those are refused (SchemaUnknown) with
    the command to run. SchemaTooNew is always refused."""
    if upgrade_allowed:
        return upgrade(engine)[1]
    with read(engine) as conn:
        state = check(conn)
    if state.status != "current":
        raise SchemaUnknown(f"the central schema is not current ({state.line()}): run "
                            f"`python -m sync.server.migrate --db URL upgrade` first")
    return state


def main(argv: list[str] | None = None) -> int:
    """The CLI (module docstring). Exit 0 done; 3 refused (one line on stderr, nothing changed); 2 usage."""
    ap = argparse.ArgumentParser(prog="python -m sync.server.migrate", description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="sqlite:///path/central.db or postgresql+psycopg://user@host/dbname")
    ap.add_argument("action", choices=["check", "upgrade", "history"])
    args = ap.parse_args(argv)
    if args.action == "history":
        for s in reversed(list(script().walk_revisions())):
            print(f"{s.revision}  {(s.doc or '').splitlines()[0] if s.doc else ''}")
        return 0
    try:
        engine = connect(args.db, must_exist=args.action == "check")
        try:
            if args.action == "check":
                with read(engine) as conn:
                    state = check(conn)
                print(state.line())
                return 0 if state.status == "current" else 3
            before, after = upgrade(engine)
            print(f"{describe_url(args.db)}: {before.status} -> {after.line()}")
            return 0
        finally:
            engine.dispose()
    except DatabaseError as err:
        print(f"error: {err}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
