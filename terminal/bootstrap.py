"""Create or open a terminal replica: migrate, import a catalog, record store and terminal."""

from __future__ import annotations

from pathlib import Path

from terminal.catalog import CatalogIn, load_catalog_file
from terminal.storage.db import open_database, transaction
from terminal.storage.migrations import SchemaTooNew, migrate, pending_migrations
from terminal.storage.replica import Replica


class SetupError(ValueError):
    """The replica cannot be set up as asked (wrong store id, already initialised...)."""


def open_replica(path: str | Path) -> Replica:
    """Open (creating or upgrading) a replica. Before an upgrade touches existing data, a
    consistent copy is kept beside it (`<name>.before-<migration>.bak`, SQLite backup API)."""
    db = open_database(path)
    try:
        pending = pending_migrations(db)
        if pending and str(path) != ":memory:" and _has_data(db):
            backup_database(db, Path(f"{path}.before-{pending[0]}.bak"))
        migrate(db)
        replica = Replica(db)
        replica.record_app_version()
    except SchemaTooNew as exc:
        db.conn.close()
        raise SetupError(f"{path}: {exc}") from None
    except BaseException:
        db.conn.close()
        raise
    return replica


def _has_data(db) -> bool:
    return db.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone() is not None


def backup_database(db, target: Path) -> Path:
    """Online, consistent copy (WAL included) through SQLite's backup API; never a file copy."""
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(tmp)
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    tmp.replace(target)
    return target


def init_replica(path: str | Path, catalog: CatalogIn | str | Path, *, store_id: str, terminal_id: str) -> Replica:
    """Initialise a fresh replica from a catalog in one transaction (all or nothing)."""
    cat = catalog if isinstance(catalog, CatalogIn) else load_catalog_file(catalog)
    if store_id not in {s.id for s in cat.stores}:
        raise SetupError(f"store {store_id!r} is not in the catalog (known: {', '.join(s.id for s in cat.stores)})")
    if not terminal_id or len(terminal_id) > 64:
        raise SetupError("terminal id must be 1..64 characters")
    replica = open_replica(path)
    with transaction(replica.db):
        counts = replica.import_catalog(cat)
        replica.set_meta("store_id", store_id)
        replica.set_meta("terminal_id", terminal_id)
    replica.last_import = counts  # type: ignore[attr-defined]
    return replica
