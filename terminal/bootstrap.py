"""Create or open a terminal replica: migrate, import a catalog, record store and terminal."""

from __future__ import annotations

from pathlib import Path

from terminal.catalog import CatalogIn, load_catalog_file
from terminal.storage.db import open_database, transaction
from terminal.storage.migrations import migrate
from terminal.storage.replica import Replica


class SetupError(ValueError):
    """The replica cannot be set up as asked (wrong store id, already initialised...)."""


def open_replica(path: str | Path) -> Replica:
    db = open_database(path)
    migrate(db)
    return Replica(db)


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
