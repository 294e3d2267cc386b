"""The central schema's named migrations (after the base `SCHEMA` of sync/server/store.py).

Each step runs once, in one `BEGIN IMMEDIATE` transaction together with its row in
`schema_migrations` (name, applied_at), so two processes opening the same file (the server
and the admin CLI) cannot both apply it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from terminal.storage.db import transaction

MIGRATIONS: list[tuple[str, list[str]]] = [
    # per-member limits are counted chain-wide: who used which template (rows before this step have NULLs)
    ("0002_coupon_ledger_member_template", [
        "ALTER TABLE coupon_ledger ADD COLUMN member_id TEXT",
        "ALTER TABLE coupon_ledger ADD COLUMN template_id TEXT",
        "CREATE INDEX IF NOT EXISTS coupon_ledger_member_template ON coupon_ledger(member_id, template_id)",
        # "was this sale voided?" without a scan of every event
        "CREATE INDEX IF NOT EXISTS events_voids ON events(json_extract(payload, '$.voids_event_id')) WHERE type = 'void'",
    ]),
    # voids derive their reversal from the original's own rows
    ("0003_ledgers_by_event", [
        "CREATE INDEX IF NOT EXISTS coupon_ledger_event ON coupon_ledger(event_id)",
        "CREATE INDEX IF NOT EXISTS point_ledger_event ON point_ledger(event_id)",
    ]),
    # one sale is applied once: a checkout id seen again under a new event id is found at once
    ("0004_events_by_checkout", [
        "CREATE INDEX IF NOT EXISTS events_checkout ON events(store_id, terminal_id, json_extract(payload, '$.checkout_id')) "
        "WHERE type = 'settlement'",
    ]),
]


def migrate(db) -> list[str]:
    """Apply the missing steps in order; the names applied now."""
    conn = db.conn
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = []
    for name, statements in MIGRATIONS:
        if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
            continue
        with transaction(db):
            if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                continue  # another process applied it meanwhile
            for stmt in statements:
                conn.execute(stmt)
            conn.execute("INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)",
                         (name, datetime.now(timezone.utc).isoformat()))
        done.append(name)
    return done
