"""The pre-Alembic SQLite server's schema: its base `SCHEMA` and named migrations (history).

The server builds and upgrades its schema with Alembic now (sync/server/tables.py, migrations/,
migrate.py); revision 0001 is exactly `SCHEMA` plus the named migrations 0002-0005 below, and
each later named migration has the revision that mirrors it (`migrate.LEGACY_LATER`). This
module stays to build a store as that server did (`build_legacy_store`: the tests of adoption)
and to keep that mirror checked.

Each step runs once, in one `BEGIN IMMEDIATE` transaction together with its row in
`schema_migrations` (name, applied_at), so two processes opening the same file (the server
and the admin CLI) cannot both apply it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from terminal.storage.db import open_database, transaction

from sync.server.devices import DEVICE_SCHEMA


# the base tables of the pre-Alembic server (its sync/server/store.py)
SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS entities (kind TEXT NOT NULL, key TEXT NOT NULL, member_id TEXT, body TEXT,
        seq INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kind, key))""",
    "CREATE UNIQUE INDEX IF NOT EXISTS entities_seq ON entities(seq)",
    "CREATE INDEX IF NOT EXISTS entities_member ON entities(kind, member_id) WHERE member_id IS NOT NULL",
    *DEVICE_SCHEMA,  # devices, enrolment tokens, pending enrolments
    """CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, store_id TEXT NOT NULL,
        terminal_id TEXT NOT NULL, terminal_seq INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
        payload TEXT NOT NULL, payload_sha256 TEXT NOT NULL, occurred_at TEXT NOT NULL, based_on_cursor TEXT,
        app_version TEXT NOT NULL, status TEXT NOT NULL, result TEXT NOT NULL, visible_seq INTEGER NOT NULL,
        received_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS events_terminal ON events(store_id, terminal_id, terminal_seq)",
    """CREATE TABLE IF NOT EXISTS coupon_ledger (id INTEGER PRIMARY KEY, event_id TEXT, code TEXT NOT NULL, uses INTEGER NOT NULL,
        discount INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('redeem','void','admin_void')), store_id TEXT,
        terminal_id TEXT, checkout_id TEXT, at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS coupon_ledger_code ON coupon_ledger(code)",
    """CREATE TABLE IF NOT EXISTS point_ledger (id INTEGER PRIMARY KEY, event_id TEXT, member_id TEXT NOT NULL, lot_id TEXT NOT NULL,
        point_type TEXT NOT NULL, delta INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN
        ('earn','burn','void_earn','void_burn','adjust','debt_settle')), store_id TEXT, terminal_id TEXT, checkout_id TEXT,
        at TEXT NOT NULL, note TEXT)""",
    "CREATE INDEX IF NOT EXISTS point_ledger_member ON point_ledger(member_id)",
    """CREATE TABLE IF NOT EXISTS coupon_voids (code TEXT PRIMARY KEY, seq INTEGER NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS conflicts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, decision TEXT NOT NULL, message TEXT NOT NULL,
        event_id TEXT NOT NULL, store_id TEXT NOT NULL, terminal_id TEXT NOT NULL, checkout_id TEXT, subject TEXT,
        amount INTEGER, other_event_id TEXT, other_store_id TEXT, other_terminal_id TEXT, other_checkout_id TEXT,
        details TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL, resolved_at TEXT)""",
    "CREATE INDEX IF NOT EXISTS conflicts_store ON conflicts(store_id)",
    # a manager's decision on a conflict, sent by the terminal as a `conflict_resolution` event
    """CREATE TABLE IF NOT EXISTS conflict_resolutions (conflict_id INTEGER PRIMARY KEY REFERENCES conflicts(id),
        event_id TEXT NOT NULL, resolution TEXT NOT NULL CHECK (resolution IN ('absorb','charge_member','block_card')),
        reason TEXT NOT NULL, manager_id TEXT NOT NULL, store_id TEXT NOT NULL, member_id TEXT, amount INTEGER,
        at TEXT NOT NULL)""",
    # the central ledgers are append-only as well
    """CREATE TRIGGER IF NOT EXISTS c_coupon_ledger_ro BEFORE UPDATE ON coupon_ledger BEGIN
        SELECT RAISE(ABORT, 'coupon_ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS c_coupon_ledger_nd BEFORE DELETE ON coupon_ledger BEGIN
        SELECT RAISE(ABORT, 'coupon_ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS c_point_ledger_ro BEFORE UPDATE ON point_ledger BEGIN
        SELECT RAISE(ABORT, 'point_ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS c_point_ledger_nd BEFORE DELETE ON point_ledger BEGIN
        SELECT RAISE(ABORT, 'point_ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS c_events_ro BEFORE UPDATE ON events BEGIN
        SELECT RAISE(ABORT, 'events are stored forever, unchanged'); END""",
]


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
    # enrolment never takes a terminal over silently, tokens can be listed and revoked, and one token
    # holds at most one pending row (sync/server/devices.py, tokens.py)
    ("0005_enrolment_policy", [
        "ALTER TABLE enrol_tokens ADD COLUMN replace_terminal TEXT",  # enrol-token --replace T1
        "ALTER TABLE enrol_tokens ADD COLUMN revoked_at TEXT",  # revoke-token
        "ALTER TABLE enrol_tokens ADD COLUMN superseded_sha256 TEXT",  # the last pending credential a newer attempt replaced
        "CREATE INDEX IF NOT EXISTS enrol_tokens_superseded ON enrol_tokens(superseded_sha256) WHERE superseded_sha256 IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS enrol_tokens_store ON enrol_tokens(store_id, created_at)",
        "ALTER TABLE devices ADD COLUMN replaced_by TEXT",  # the device whose enrolment revoked this one
        "CREATE INDEX IF NOT EXISTS devices_replaced_by ON devices(replaced_by) WHERE replaced_by IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS devices_active_terminal ON devices(store_id, terminal_id) WHERE revoked_at IS NULL",
        "ALTER TABLE pending_enrolments ADD COLUMN replace_device TEXT",  # proven by the PC's current credential
        # keep each token's latest attempt only (earlier ones were superseded), then hold that as a rule
        "DELETE FROM pending_enrolments WHERE rowid NOT IN (SELECT MAX(rowid) FROM pending_enrolments GROUP BY token_sha256)",
        "DROP INDEX IF EXISTS pending_enrolments_token",
        "CREATE UNIQUE INDEX IF NOT EXISTS pending_enrolments_one_per_token ON pending_enrolments(token_sha256)",
        "CREATE INDEX IF NOT EXISTS pending_enrolments_expiry ON pending_enrolments(expires_at)",  # the purge
    ]),
    # what each terminal claimed in its settlements so far: its next based_on_cursor and occurred_at are
    # bounded by it (sync/server/bounds.py); terminals without a row start afresh
    ("0006_terminal_claims", [
        """CREATE TABLE IF NOT EXISTS terminal_claims (store_id TEXT NOT NULL, terminal_id TEXT NOT NULL, epoch TEXT NOT NULL,
            known_seq INTEGER NOT NULL, window_seq INTEGER NOT NULL, occurred_at TEXT NOT NULL, terminal_seq INTEGER NOT NULL,
            PRIMARY KEY (store_id, terminal_id))""",
    ]),
    # pulled rows each terminal could not hold, as it reported them (POST /v1/quarantine,
    # sync/server/quarantine.py): kind, key, reason, the sha256 of its copy; never the row itself
    ("0006_quarantine_reports", [
        """CREATE TABLE IF NOT EXISTS quarantine_reports (store_id TEXT NOT NULL, terminal_id TEXT NOT NULL,
            kind TEXT NOT NULL, key TEXT NOT NULL, reason TEXT NOT NULL, row_sha256 TEXT, cursor TEXT, seen_at TEXT NOT NULL,
            device_id TEXT NOT NULL, first_reported_at TEXT NOT NULL, last_reported_at TEXT NOT NULL, cleared_at TEXT,
            PRIMARY KEY (store_id, terminal_id, kind, key))""",
        "CREATE INDEX IF NOT EXISTS quarantine_reports_open ON quarantine_reports(store_id, terminal_id) WHERE cleared_at IS NULL",
        "CREATE INDEX IF NOT EXISTS quarantine_reports_cleared ON quarantine_reports(store_id, terminal_id, cleared_at) "
        "WHERE cleared_at IS NOT NULL",
        # the last report of each terminal: how many rows it holds (it lists at most 200)
        """CREATE TABLE IF NOT EXISTS quarantine_terminals (store_id TEXT NOT NULL, terminal_id TEXT NOT NULL,
            device_id TEXT NOT NULL, total INTEGER NOT NULL, listed INTEGER NOT NULL, reported_at TEXT NOT NULL,
            PRIMARY KEY (store_id, terminal_id))""",
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


def build_legacy_store(path) -> list[str]:
    """Create or complete a SQLite central store at `path` exactly as the pre-Alembic server did
    (SCHEMA, then the named migrations of MIGRATIONS); the names applied now."""
    database = open_database(path)
    try:
        for stmt in SCHEMA:
            database.conn.execute(stmt)
        return migrate(database)
    finally:
        database.conn.close()
