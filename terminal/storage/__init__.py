"""SQLite replica, local ledgers and outbox (sqlite-utils >= 4, one writer)."""

from .db import open_database, transaction
from .migrations import MIGRATIONS, migrate

__all__ = ["open_database", "transaction", "migrate", "MIGRATIONS"]
