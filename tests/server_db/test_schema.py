"""The central schema under Alembic on SQLite and PostgreSQL (sync/server/tables.py, migrate.py, migrations/).

Same tables, columns, keys, indexes and triggers on both engines; revision 0001 is exactly the
pre-Alembic SQLite schema of its time (named migrations through 0005), a store of every later
SQLite server adopted is exactly the head; the Core tables equal the migrations' result;
refusals change nothing.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import exc, insert, inspect, make_url, select, text, update

from sync.server import db, migrate
from sync.server.tables import coupon_ledger, feed_head, metadata, pending_enrolments
from tests.pg import PG_LOGIN_PASSWORD
from tests.server_db.shape import shape

ROOT = Path(__file__).resolve().parents[2]


def _shape(url: str, **kw) -> dict:
    engine = db.connect(url)
    try:
        with engine.connect() as conn:
            return shape(conn, **kw)
    finally:
        engine.dispose()


def _second_db(central_url: str, request, tmp_path) -> str:
    """Another empty database on the same engine as `central_url`."""
    if central_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'other.db'}"
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database()
    request.addfinalizer(lambda: cluster.drop_database(name))
    return cluster.url(name)


def _version(url: str) -> str | None:
    engine = db.connect(url)
    try:
        with engine.connect() as conn:
            if "alembic_version" not in inspect(conn).get_table_names():
                return None
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one_or_none()
    finally:
        engine.dispose()


def _legacy_store(path: Path, upto: str | None = None) -> str:
    """A central.db as the pre-Alembic SQLite server builds it (raw SQL: the base SCHEMA and its
    named migrations of sync/server/schema.py), with those migrations through `upto` only (the
    server of that time) or all of them (today's server); its URL."""
    from sync.server import schema

    names = [name for name, _ in schema.MIGRATIONS]
    with pytest.MonkeyPatch.context() as mp:
        if upto is not None:
            mp.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[: names.index(upto) + 1])
        schema.build_legacy_store(path)
    return f"sqlite:///{path}"


def test_baseline_is_exactly_the_pre_alembic_sqlite_schema(tmp_path):
    legacy_url = _legacy_store(tmp_path / "legacy.db", upto=migrate.LEGACY_STEPS[-1])
    engine = db.connect(f"sqlite:///{tmp_path / 'new.db'}")
    migrate.upgrade(engine, migrate.BASELINE)
    engine.dispose()
    legacy = _shape(legacy_url, check_text=True)
    baseline = _shape(f"sqlite:///{tmp_path / 'new.db'}", check_text=True)
    assert baseline == legacy
    assert len(legacy["tables"]) == 11 and len(legacy["indexes"]) == 17 and len(legacy["triggers"]) == 5


def test_every_named_migration_of_the_sqlite_server_has_its_revision():
    from sync.server import schema

    known = [*migrate.LEGACY_STEPS, *(name for name, _ in migrate.LEGACY_LATER)]
    assert [name for name, _ in schema.MIGRATIONS] == known, (
        "sync/server/schema.py has named migrations the Alembic revisions do not mirror: add a revision "
        "(sync/server/migrations/versions/), its tables in sync/server/tables.py, and list it in migrate.LEGACY_LATER")
    chain = [s.revision for s in migrate.script().walk_revisions()]
    assert all(rev in chain for _, rev in migrate.LEGACY_LATER)


LEGACY_VERSIONS = [migrate.LEGACY_STEPS[-1], *(name for name, _ in migrate.LEGACY_LATER), None]


@pytest.mark.parametrize("upto", LEGACY_VERSIONS, ids=[u or "today" for u in LEGACY_VERSIONS])
def test_a_store_of_each_sqlite_server_version_is_adopted_as_exactly_the_head_schema(tmp_path, upto):
    """Adoption stamps the revisions that mirror the store's named migrations instead of running
    them: this holds only if each builds exactly what its named migration built (and today's
    server, every named migration, ends at the head with nothing missing or extra)."""
    legacy_url = _legacy_store(tmp_path / "legacy.db", upto=upto)
    fresh_url = f"sqlite:///{tmp_path / 'fresh.db'}"
    engine = db.connect(fresh_url)
    migrate.upgrade(engine)
    engine.dispose()
    engine = db.connect(legacy_url)
    before, after = migrate.upgrade(engine)
    engine.dispose()
    expected = dict(migrate.LEGACY_LATER).get(upto or migrate.LEGACY_LATER[-1][0], migrate.BASELINE)
    assert (before.status, before.adopt_as, after.status) == ("legacy", expected, "current")
    assert _shape(legacy_url, check_text=True) == _shape(fresh_url, check_text=True)


def test_a_pre_alembic_store_with_a_gap_or_unknown_named_migrations_is_refused_unchanged(tmp_path):
    from sync.server import schema

    gap = [m for m in schema.MIGRATIONS if m[0] != migrate.LEGACY_LATER[0][0]]  # a later step without the one before it
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(schema, "MIGRATIONS", gap)
        gap_url = _legacy_store(tmp_path / "gap.db")
    newer_url = _legacy_store(tmp_path / "newer.db")
    engine = db.connect(newer_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO schema_migrations(name, applied_at) VALUES ('0099_from_a_newer_server', 'now')")
    engine.dispose()
    for url, error, message in ((gap_url, migrate.SchemaUnknown, f"lacks its named migrations {migrate.LEGACY_LATER[0][0]}:"),
                                (newer_url, migrate.SchemaTooNew, r"named migrations this server does not know \(0099_from_a_newer_server\)")):
        before = _shape(url)
        engine = db.connect(url)
        with pytest.raises(error, match=message):
            migrate.upgrade(engine)
        engine.dispose()
        assert _shape(url) == before and _version(url) is None
    engine = db.connect(_legacy_store(tmp_path / "today.db"))
    with pytest.raises(ValueError, match="cannot be upgraded to the older 0001_baseline"):
        migrate.upgrade(engine, migrate.BASELINE)
    engine.dispose()
    assert _version(f"sqlite:///{tmp_path / 'today.db'}") is None


def test_head_has_the_same_tables_columns_indexes_and_triggers_on_both_engines(tmp_path, pg_url):
    lite = f"sqlite:///{tmp_path / 'central.db'}"
    for url in (lite, pg_url):
        engine = db.connect(url)
        before, after = migrate.upgrade(engine)
        engine.dispose()
        assert (before.status, after.status, after.revision) == ("empty", "current", migrate.head_revision())
    on_sqlite, on_pg = _shape(lite), _shape(pg_url)
    assert on_pg == on_sqlite
    assert "feed_head" in on_pg["tables"] and on_pg["indexes"]["events_voids"] == ("events", False, ("json:voids_event_id",), "type='void'")


def test_the_core_tables_are_what_the_migrations_build(central_url, request, tmp_path):
    other = _second_db(central_url, request, tmp_path)
    engine = db.connect(central_url)
    migrate.upgrade(engine)
    engine.dispose()
    engine = db.connect(other)
    metadata.create_all(engine)
    with engine.connect() as conn:
        assert conn.execute(select(feed_head.c.seq)).scalar_one() == 0  # create_all seeds the head row like 0002 does
    engine.dispose()
    assert _shape(other) == _shape(central_url)


def test_a_pre_alembic_store_is_adopted_with_its_rows_and_its_feed_continues(tmp_path):
    import sqlite3

    from sync.server import schema

    schema.build_legacy_store(tmp_path / "central.db")  # as the pre-Alembic server made it, with two rows and an epoch
    raw = sqlite3.connect(tmp_path / "central.db")
    with raw:
        raw.execute("INSERT INTO entities(kind, key, member_id, body, seq) VALUES ('member', 'M1', 'M1', '{}', 1), "
                    "('member', 'M2', 'M2', '{}', 2)")
        raw.execute("INSERT INTO meta(key, value) VALUES ('epoch', 'e0e0e0e0')")
    raw.close()
    epoch = "e0e0e0e0"
    url = f"sqlite:///{tmp_path / 'central.db'}"
    engine = db.connect(url)
    before, after = migrate.upgrade(engine)
    assert (before.status, before.adopt_as, after.status) == ("legacy", migrate.LEGACY_LATER[-1][1], "current")
    with engine.connect() as conn:
        assert conn.execute(select(feed_head.c.seq)).scalar_one() == 2
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'epoch'")).scalar_one() == epoch
    assert migrate.upgrade(engine)[0].status == "current"  # a second upgrade has nothing to do
    engine.dispose()


def test_a_pre_alembic_store_missing_named_migrations_is_refused_unchanged(tmp_path):
    from sync.server import schema

    schema.build_legacy_store(tmp_path / "central.db")
    url = f"sqlite:///{tmp_path / 'central.db'}"
    engine = db.connect(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE name = '0005_enrolment_policy'")
    before = _shape(url)
    with pytest.raises(migrate.SchemaUnknown, match="lacks its named migrations 0005_enrolment_policy"):
        migrate.upgrade(engine)
    with engine.connect() as conn:
        assert "alembic_version" not in inspect(conn).get_table_names()
    engine.dispose()
    assert _shape(url) == before


def test_append_only_triggers_and_checks_hold_on_both_engines(central_url):
    engine = db.connect(central_url)
    migrate.upgrade(engine)
    row = {"event_id": "E1", "code": "C1", "uses": 1, "discount": 10, "kind": "redeem", "at": "2026-11-20T12:00:00+08:00"}
    with db.write(engine) as tx:
        tx.conn.execute(insert(coupon_ledger).values(**row))
    with pytest.raises(exc.DBAPIError, match="coupon_ledger is append-only"):
        with db.write(engine) as tx:
            tx.conn.execute(update(coupon_ledger).values(uses=2))
    with pytest.raises(exc.IntegrityError):
        with db.write(engine) as tx:
            tx.conn.execute(insert(coupon_ledger).values(**{**row, "kind": "gift"}))
    with pytest.raises(exc.IntegrityError):
        with db.write(engine) as tx:
            tx.conn.execute(insert(pending_enrolments).values(
                credential_sha256="x", device_id="d", token_sha256="t", store_id="S", terminal_id="T1",
                created_at="now", expires_at="later", state="lost"))
    with engine.connect() as conn:
        assert conn.execute(select(coupon_ledger.c.uses)).scalars().all() == [1]
    engine.dispose()


def _snapshot(url: str) -> tuple:
    engine = db.connect(url)
    try:
        with engine.connect() as conn:
            counts = {t: conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar_one()
                      for t in sorted(shape(conn)["tables"])}
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one_or_none()
            return shape(conn), counts, version
    finally:
        engine.dispose()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sync.server.migrate", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_a_schema_newer_than_the_code_is_refused_with_one_line_and_nothing_changes(central_url):
    engine = db.connect(central_url)
    migrate.upgrade(engine, migrate.BASELINE)  # behind, so an upgrade WOULD change something
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099_from_a_newer_server'")
    engine.dispose()
    before = _snapshot(central_url)
    for action in ("upgrade", "check"):
        res = _cli("--db", central_url, action)
        assert res.returncode == 3, res
        lines = res.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: the database's schema revision 0099_from_a_newer_server is newer "
                                                       "than this server knows"), res.stderr
        assert "nothing was changed" in lines[0]
    engine = db.connect(central_url)
    with pytest.raises(migrate.SchemaTooNew):
        migrate.ensure_current(engine, upgrade_allowed=True)
    engine.dispose()
    assert _snapshot(central_url) == before


def test_a_database_of_something_else_is_refused_unchanged(central_url):
    engine = db.connect(central_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(migrate.SchemaUnknown, match=r"holds tables \(invoices\) but no central schema version"):
        migrate.upgrade(engine)
    with engine.connect() as conn:
        assert shape(conn)["tables"].keys() == {"invoices"}
    engine.dispose()


def test_a_behind_schema_is_refused_at_start_unless_upgrading(central_url):
    engine = db.connect(central_url)
    migrate.upgrade(engine, migrate.BASELINE)
    with pytest.raises(migrate.SchemaUnknown, match="behind: schema revision 0001_baseline.*sync.server.migrate"):
        migrate.ensure_current(engine, upgrade_allowed=False)
    assert migrate.ensure_current(engine, upgrade_allowed=True).status == "current"
    assert migrate.ensure_current(engine, upgrade_allowed=False).revision == migrate.head_revision()
    engine.dispose()


def test_workers_starting_at_once_upgrade_one_after_another(central_url):
    engines = [db.connect(central_url) for _ in range(6)]
    results, errors = [], []
    start = threading.Barrier(len(engines))

    def run(engine):
        try:
            start.wait()
            results.append(migrate.upgrade(engine)[0].status)
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    [e.dispose() for e in engines]
    assert errors == []
    assert sorted(results) == ["current"] * 5 + ["empty"]  # one created it, the others found it current
    assert _version(central_url) == migrate.head_revision()


def _one_error_line(res) -> str:
    assert res.returncode == 3, (res.returncode, res.stdout, res.stderr)
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    return lines[0]


def test_wrong_urls_missing_files_and_refused_logins_are_one_clear_line(tmp_path, pg_cluster, pg_url, capsys):
    def cli(*args):  # in this process (the subprocess path is covered above): exit code and output
        code = migrate.main(list(args))
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    sock = pg_cluster.socket_dir
    dbname = make_url(pg_url).database
    assert "not a database URL" in _one_error_line(cli("--db", "central.db", "upgrade"))
    assert "unsupported database engine 'mysql'" in _one_error_line(cli("--db", "mysql://u@localhost/x", "upgrade"))
    assert "postgresql+psycopg://" in _one_error_line(cli("--db", f"postgresql+asyncpg://u@/x?host={sock}", "upgrade"))
    assert "needs a SQLite FILE" in _one_error_line(cli("--db", "sqlite://", "upgrade"))
    assert "does not exist" in _one_error_line(cli("--db", f"sqlite:///{tmp_path}/no/such/dir/c.db", "upgrade"))
    line = _one_error_line(cli("--db", f"sqlite:///{tmp_path}/typo.db", "check"))
    assert "no central database file" in line and not (tmp_path / "typo.db").exists()
    wrong = _one_error_line(_cli("--db", f"postgresql+psycopg://lt_login:not-the-password@/{dbname}?host={sock}", "upgrade"))
    assert 'password authentication failed for user "lt_login"' in wrong and "not-the-password" not in wrong and "***" in wrong
    assert 'database "no_such_db" does not exist' in _one_error_line(cli("--db", f"postgresql://lt@/no_such_db?host={sock}", "upgrade"))
    assert "cannot open the central database" in _one_error_line(cli("--db", f"postgresql://lt@/x?host={tmp_path}", "upgrade"))
    assert _version(pg_url) is None  # none of that touched the database
    # and the right password works (the refusal above was the password, not the set-up)
    ok = cli("--db", f"postgresql+psycopg://lt_login:{PG_LOGIN_PASSWORD}@/{dbname}?host={sock}", "upgrade")
    assert ok.returncode == 0 and "empty -> current" in ok.stdout, ok.stderr
    assert _version(pg_url) == migrate.head_revision()
