"""Named, ordered schema migrations. Applied ones are recorded in `schema_migrations`.

Never edit a migration that has shipped: add a new one. Each runs in its own
transaction together with its bookkeeping row. A step is an SQL statement or a callable
taking the connection (a data step that SQL alone cannot do, e.g. 0008's keying).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable, Union

from sqlite_utils import Database

from . import promo_store as _promo_store
from . import device_keys as _device_keys
from . import quick_keys as _quick_keys
from . import value_store as _value_store
from . import visit_gift_store as _visit_gift_store
from .db import transaction

_0001_replica = [
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE brands (id TEXT PRIMARY KEY, name TEXT NOT NULL)""",
    """CREATE TABLE stores (id TEXT PRIMARY KEY, brand_id TEXT NOT NULL REFERENCES brands(id), name TEXT NOT NULL,
        timezone TEXT NOT NULL)""",
    """CREATE TABLE tiers (id TEXT PRIMARY KEY, name TEXT NOT NULL, rank INTEGER NOT NULL)""",
    """CREATE TABLE point_types (id TEXT PRIMARY KEY, name TEXT NOT NULL, burn_points INTEGER NOT NULL,
        burn_value INTEGER NOT NULL, validity_days INTEGER, max_burn_percent INTEGER NOT NULL,
        burnable INTEGER NOT NULL)""",
    """CREATE TABLE categories (id TEXT PRIMARY KEY, name TEXT NOT NULL)""",
    """CREATE TABLE products (sku TEXT PRIMARY KEY, name TEXT NOT NULL, category_id TEXT REFERENCES categories(id),
        price INTEGER NOT NULL CHECK (price >= 0), barcode TEXT UNIQUE, pp_point_type TEXT REFERENCES point_types(id),
        pp_points INTEGER, pp_cash INTEGER)""",
    """CREATE TABLE earn_rules (id TEXT PRIMARY KEY, body TEXT NOT NULL)""",
    """CREATE TABLE coupon_templates (id TEXT PRIMARY KEY, body TEXT NOT NULL)""",
    """CREATE TABLE members (id TEXT PRIMARY KEY, name TEXT NOT NULL, tier_id TEXT NOT NULL REFERENCES tiers(id),
        birthday TEXT, plain_code TEXT UNIQUE, status TEXT NOT NULL DEFAULT 'active')""",
    """CREATE TABLE point_lots (lot_id TEXT PRIMARY KEY, member_id TEXT NOT NULL REFERENCES members(id),
        point_type TEXT NOT NULL REFERENCES point_types(id), points INTEGER NOT NULL, earned_at TEXT NOT NULL,
        expires_at TEXT, origin TEXT NOT NULL DEFAULT 'replica' CHECK (origin IN ('replica','local')))""",
    """CREATE INDEX point_lots_member ON point_lots(member_id)""",
    """CREATE TABLE coupon_instances (code TEXT PRIMARY KEY, template_id TEXT NOT NULL REFERENCES coupon_templates(id),
        member_id TEXT REFERENCES members(id), plain_code TEXT UNIQUE, total_uses INTEGER NOT NULL CHECK (total_uses >= 0),
        used_uses INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','voided')),
        valid_from TEXT, valid_until TEXT, issued_at TEXT, parent_code TEXT,
        origin TEXT NOT NULL DEFAULT 'replica' CHECK (origin IN ('replica','signed')))""",
    """CREATE INDEX coupon_instances_member ON coupon_instances(member_id)""",
    """CREATE INDEX coupon_instances_parent ON coupon_instances(parent_code)""",
    """CREATE TABLE revocations (kind TEXT NOT NULL CHECK (kind IN ('member','coupon','key')), value TEXT NOT NULL,
        reason TEXT NOT NULL, revoked_at TEXT NOT NULL, PRIMARY KEY (kind, value))""",
    """CREATE TABLE issuer_keys (key_id INTEGER PRIMARY KEY, public_key TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active')""",
    """CREATE TABLE staff (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('cashier','manager')),
        pin_hash TEXT NOT NULL, stores TEXT NOT NULL)""",
]

_0002_local = [
    """CREATE TABLE outbox (event_id TEXT PRIMARY KEY, terminal_seq INTEGER NOT NULL UNIQUE CHECK (terminal_seq > 0),
        type TEXT NOT NULL, schema_version INTEGER NOT NULL, payload TEXT NOT NULL, payload_sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','acked','dead')),
        acked_at TEXT, result TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        reflected INTEGER NOT NULL DEFAULT 0)""",
    """CREATE INDEX outbox_state ON outbox(state, terminal_seq)""",
    """CREATE TABLE settlements (checkout_id TEXT PRIMARY KEY, request_sha256 TEXT NOT NULL, store_id TEXT NOT NULL,
        terminal_id TEXT NOT NULL, cashier_id TEXT NOT NULL, member_id TEXT, gross INTEGER NOT NULL,
        coupon_discount INTEGER NOT NULL, points_discount INTEGER NOT NULL, total INTEGER NOT NULL,
        settled_at TEXT NOT NULL, event_id TEXT NOT NULL UNIQUE REFERENCES outbox(event_id), receipt TEXT NOT NULL)""",
    """CREATE INDEX settlements_at ON settlements(settled_at)""",
    """CREATE TABLE voids (checkout_id TEXT PRIMARY KEY REFERENCES settlements(checkout_id), manager_id TEXT NOT NULL,
        reason TEXT NOT NULL, voided_at TEXT NOT NULL, event_id TEXT NOT NULL UNIQUE REFERENCES outbox(event_id))""",
    """CREATE TABLE coupon_ledger (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES outbox(event_id),
        checkout_id TEXT NOT NULL REFERENCES settlements(checkout_id), code TEXT NOT NULL REFERENCES coupon_instances(code),
        template_id TEXT NOT NULL, member_id TEXT, uses INTEGER NOT NULL, discount INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('redeem','void')), at TEXT NOT NULL, parent_code TEXT, partner TEXT)""",
    """CREATE INDEX coupon_ledger_code ON coupon_ledger(code)""",
    """CREATE INDEX coupon_ledger_member_tpl ON coupon_ledger(member_id, template_id)""",
    """CREATE TABLE point_ledger (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES outbox(event_id),
        checkout_id TEXT NOT NULL REFERENCES settlements(checkout_id), member_id TEXT NOT NULL,
        point_type TEXT NOT NULL, lot_id TEXT NOT NULL REFERENCES point_lots(lot_id), delta INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('earn','burn','void_earn','void_burn')), rule_id TEXT, at TEXT NOT NULL)""",
    """CREATE INDEX point_ledger_lot ON point_ledger(lot_id)""",
    """CREATE INDEX point_ledger_member ON point_ledger(member_id)""",
    """CREATE TABLE sync_cursor (stream TEXT PRIMARY KEY, cursor TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL,
        reason TEXT NOT NULL, details TEXT NOT NULL DEFAULT '{}')""",
    # Ledgers are append-only: refuse edits and deletes at the database level too.
    """CREATE TRIGGER coupon_ledger_no_update BEFORE UPDATE ON coupon_ledger BEGIN
        SELECT RAISE(ABORT, 'coupon_ledger is append-only'); END""",
    """CREATE TRIGGER coupon_ledger_no_delete BEFORE DELETE ON coupon_ledger BEGIN
        SELECT RAISE(ABORT, 'coupon_ledger is append-only'); END""",
    """CREATE TRIGGER point_ledger_no_update BEFORE UPDATE ON point_ledger BEGIN
        SELECT RAISE(ABORT, 'point_ledger is append-only'); END""",
    """CREATE TRIGGER point_ledger_no_delete BEFORE DELETE ON point_ledger BEGIN
        SELECT RAISE(ABORT, 'point_ledger is append-only'); END""",
]

_0003_sync = [
    # one row per server answer (accepted | duplicate | accepted_with_conflict | rejected), kept for audit
    """CREATE TABLE sync_results (event_id TEXT PRIMARY KEY REFERENCES outbox(event_id), terminal_seq INTEGER NOT NULL,
        status TEXT NOT NULL, visible_seq INTEGER, result TEXT NOT NULL, received_at TEXT NOT NULL)""",
    """CREATE INDEX sync_results_visible ON sync_results(visible_seq)""",
    # conflicts and rejections the server reported, for the manager's view
    """CREATE TABLE sync_conflicts (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, terminal_seq INTEGER, kind TEXT NOT NULL,
        decision TEXT, message TEXT NOT NULL, details TEXT NOT NULL DEFAULT '{}', recorded_at TEXT NOT NULL,
        resolved_at TEXT, UNIQUE (event_id, kind))""",
    # events that failed non-transiently too often; they stay in the outbox with state 'dead'
    """CREATE TABLE sync_dead_letter (event_id TEXT PRIMARY KEY REFERENCES outbox(event_id), terminal_seq INTEGER NOT NULL,
        error TEXT NOT NULL, attempts INTEGER NOT NULL, dead_at TEXT NOT NULL)""",
    # offline allowances granted by the server (one current grant)
    """CREATE TABLE sync_allowances (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL, granted_at TEXT NOT NULL,
        valid_until TEXT NOT NULL)""",
    # keys seen during a full resync (reset), to sweep rows the server no longer has
    """CREATE TABLE sync_seen (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID""",
    """CREATE INDEX point_ledger_event ON point_ledger(event_id)""",
    """CREATE INDEX coupon_ledger_event ON coupon_ledger(event_id)""",
]

_0004_app_versions = [
    # Which app versions have written this replica, first seen when: IT reads it in the support
    # bundle after an upgrade. Back-filled from the versions stamped on existing outbox events.
    """CREATE TABLE app_versions (version TEXT PRIMARY KEY, first_seen_at TEXT NOT NULL)""",
    """INSERT OR IGNORE INTO app_versions(version, first_seen_at)
        SELECT json_extract(payload, '$.app_version'), MIN(created_at) FROM outbox
        WHERE json_valid(payload) AND json_extract(payload, '$.app_version') IS NOT NULL
        GROUP BY json_extract(payload, '$.app_version')""",
]

_0005_pull_staging = [
    # Pages of a pull that is not caught up yet, while this terminal has effects the replica
    # does not reflect: applied together with the last page, so the replica never holds a
    # row that already includes an effect the overlay still counts (docs/sync.md, "Overlay").
    """CREATE TABLE pull_staging (pos INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert','delete')), body TEXT)""",
    """CREATE INDEX pull_staging_row ON pull_staging(kind, key, pos)""",
    # the cursor of the state the replica shows (`pull_cursor` may run ahead over staged pages)
    """INSERT OR IGNORE INTO meta(key, value) SELECT 'replica_cursor', value FROM meta WHERE key = 'pull_cursor'""",
]

_0006_pull_quarantine = [
    # Pulled rows this replica cannot hold (a foreign key, a CHECK, a malformed body): kept aside
    # with the reason instead of failing the page, so one bad row never stops the later ones
    # (a revocation, a block) from arriving. A later good copy of the row clears its entry.
    """CREATE TABLE pull_quarantine (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT, reason TEXT NOT NULL,
        cursor TEXT, at TEXT NOT NULL, PRIMARY KEY (kind, key))""",
]

_0007_pin_lockout = [
    # wrong staff PINs in a row per staff id and the lock they earned (terminal/storage/lockout.py);
    # local only, never synced, so a restart does not reset a lock
    """CREATE TABLE pin_lockout (staff_id TEXT PRIMARY KEY, failures INTEGER NOT NULL CHECK (failures >= 0),
        locked_until TEXT, last_failure TEXT NOT NULL)""",
]

def _0008_data(conn) -> None:
    from .keyed import migrate_0008

    migrate_0008(conn)


_0008_keyed_secrets = [
    # Least privilege (issue 13, section 5; terminal/storage/keyed.py): a store PC keeps a member's
    # masked name, birth month and a card number keyed with the replica secret (card_key), never
    # the birthday or the plain number; staff PIN hashes keyed with the replica secret (kscrypt).
    # SQLite cannot drop the UNIQUE column plain_code in place: birthday and plain_code stay, empty,
    # and triggers refuse anything else in them.
    """ALTER TABLE members ADD COLUMN birth_month INTEGER CHECK (birth_month IS NULL OR birth_month BETWEEN 1 AND 12)""",
    """ALTER TABLE members ADD COLUMN card_key TEXT""",
    """CREATE UNIQUE INDEX members_card_key ON members(card_key)""",
    _0008_data,
    """CREATE TRIGGER members_no_plain_insert BEFORE INSERT ON members
        WHEN NEW.birthday IS NOT NULL OR NEW.plain_code IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'members.birthday and members.plain_code stay empty since 0008_keyed_secrets: birth_month, card_key'); END""",
    """CREATE TRIGGER members_no_plain_update BEFORE UPDATE OF birthday, plain_code ON members
        WHEN NEW.birthday IS NOT NULL OR NEW.plain_code IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'members.birthday and members.plain_code stay empty since 0008_keyed_secrets: birth_month, card_key'); END""",
]

def _0009_data(conn) -> None:
    from .keyed import migrate_0009

    migrate_0009(conn)


_0009_keyed_coupon_numbers = [
    # Least privilege (issue 13, section 5; terminal/storage/keyed.py): a store PC finds a coupon by a
    # keyed hash of its printed number (number_key), never holding the number; plain_code stays
    # empty (triggers refuse anything else in it), as members.plain_code since 0008.
    """ALTER TABLE coupon_instances ADD COLUMN number_key TEXT""",
    """CREATE UNIQUE INDEX coupon_instances_number_key ON coupon_instances(number_key)""",
    _0009_data,
    """CREATE TRIGGER coupon_instances_no_plain_insert BEFORE INSERT ON coupon_instances WHEN NEW.plain_code IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'coupon_instances.plain_code stays empty since 0009_keyed_coupon_numbers: number_key'); END""",
    """CREATE TRIGGER coupon_instances_no_plain_update BEFORE UPDATE OF plain_code ON coupon_instances
        WHEN NEW.plain_code IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'coupon_instances.plain_code stays empty since 0009_keyed_coupon_numbers: number_key'); END""",
]

def _0010_returns_steps() -> list:
    from .returns_store import MIGRATION_0010

    return MIGRATION_0010


# Partial returns (issue 15, section 5; terminal/storage/returns_store.py): the returns table, and
# the ledgers rebuilt to hold return rows (a CHECK cannot change in place in SQLite)
_0010_returns = _0010_returns_steps()
# Stored value and gift cards (issue 15): programs, accounts, the local value ledger, top-ups
# (the statements live with their reads and writes in terminal/storage/value_store.py)
_0011_stored_value = list(_value_store.SCHEMA)
_0012_exchange_giveaway_transfer = [
    # issue 15, member value that moves. Catalog objects, pulled like coupon templates (kind -> table):
    """CREATE TABLE exchange_offers (id TEXT PRIMARY KEY, body TEXT NOT NULL)""",
    """CREATE TABLE giveaway_campaigns (id TEXT PRIMARY KEY, body TEXT NOT NULL)""",
    # what the server has booked of each campaign (chain-wide), and each member's claims of it: the counter's
    # refusals (cap, per day, per campaign) count these plus its own claims the replica does not reflect yet
    """CREATE TABLE giveaway_tallies (campaign_id TEXT PRIMARY KEY, claimed_points INTEGER NOT NULL, claims INTEGER NOT NULL)""",
    """CREATE TABLE giveaway_member_claims (key TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, member_id TEXT NOT NULL,
        claimed_at TEXT NOT NULL)""",
    """CREATE INDEX giveaway_member_claims_member ON giveaway_member_claims(member_id, campaign_id)""",
    # a transferred coupon: the earlier owners (JSON list), whose code is refused `gifted`
    """ALTER TABLE coupon_instances ADD COLUMN gifted_from TEXT""",
    # this terminal's exchanges and claims are rows of `settlements` (their points rows need one; a void reverses
    # them like a sale's) of their own kind; reports count sales as kind 'sale'
    """ALTER TABLE settlements ADD COLUMN kind TEXT NOT NULL DEFAULT 'sale'""",
    # this terminal's claims (append-only like the other ledgers; a void adds a row with count -1)
    """CREATE TABLE claim_ledger (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES outbox(event_id),
        checkout_id TEXT NOT NULL REFERENCES settlements(checkout_id), campaign_id TEXT NOT NULL, member_id TEXT NOT NULL,
        points INTEGER NOT NULL, count INTEGER NOT NULL CHECK (count IN (1, -1)), at TEXT NOT NULL)""",
    """CREATE INDEX claim_ledger_campaign ON claim_ledger(campaign_id, member_id)""",
    """CREATE TRIGGER claim_ledger_no_update BEFORE UPDATE ON claim_ledger BEGIN
        SELECT RAISE(ABORT, 'claim_ledger is append-only'); END""",
    """CREATE TRIGGER claim_ledger_no_delete BEFORE DELETE ON claim_ledger BEGIN
        SELECT RAISE(ABORT, 'claim_ledger is append-only'); END""",
]
_0013_promotions = [
    # automatic promotions (issue 16; terminal/domain/promotions.py): the catalog rows, and what each
    # settlement took off through them (one promotion_ledger row per promotion; a void adds its negation; a
    # settlement's promotion discount is the sum of its rows, also in its receipt)
    """CREATE TABLE promotions (id TEXT PRIMARY KEY, body TEXT NOT NULL)""",
    """CREATE TABLE promotion_ledger (event_id TEXT NOT NULL, checkout_id TEXT NOT NULL, promotion_id TEXT NOT NULL,
        member_id TEXT, discount INTEGER NOT NULL, units INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL, at TEXT NOT NULL)""",
    """CREATE INDEX promotion_ledger_promotion ON promotion_ledger(promotion_id, at)""",
    # shared promo codes: the discount the campaign has given chain-wide, as the server last said
    """ALTER TABLE coupon_instances ADD COLUMN discount_given INTEGER NOT NULL DEFAULT 0""",
]
# Issue 16, section 3: what the server knows of each member's purchases (a `member_purchases` feed row
# per member, kept in the member's store slice like the member row), for first-purchase coupons.
_0014_member_history: list = [
    """CREATE TABLE member_purchases (member_id TEXT PRIMARY KEY, purchases INTEGER NOT NULL CHECK (purchases >= 0),
        first_purchase_at TEXT)""",
]

# Issue 16, section 2: campaigns grouping several shared promo codes (terminal/storage/promo_store.py)
_0015_promo_campaigns = list(_promo_store.SCHEMA)

# Issue 16, section 3: visit gifts (來店禮): the catalog rows, the server's spend and claims per member on
# member_purchases, this terminal's claims (terminal/storage/visit_gift_store.py)
_0016_visit_gifts = list(_visit_gift_store.SCHEMA)

# Vouchers signed by the issuing terminal: the brand's device keys (terminal/storage/device_keys.py)
_0017_device_keys = list(_device_keys.SCHEMA)

# A member's purchase history at this counter (first purchase, visit-gift spend, referral: settlements of
# kind 'sale' not yet reflected by the server) read by member on every preview with a member: an index,
# not a scan of every settlement this till ever made (benchmarks: 5 ms of CPU per preview after a day)
_0018_settlements_by_member = ["""CREATE INDEX settlements_member ON settlements(member_id, kind)"""]

# Issue 17 section 4.1: a member's phone keyed with the replica secret (terminal/storage/keyed.py phone_key), so an
# exact phone search finds the store's members offline; never the number (the server sends a salted hash)
_0019_member_phone_keys = ["""ALTER TABLE members ADD COLUMN phone_key TEXT""",
                           """CREATE INDEX members_phone_key ON members(phone_key) WHERE phone_key IS NOT NULL"""]

# Issue 17: products without barcodes on the counter's quick keys, English names for search
# (terminal/storage/quick_keys.py)
_0023_quick_keys = list(_quick_keys.SCHEMA)

Step = Union[str, Callable[..., None]]

MIGRATIONS: list[tuple[str, list[Step]]] = [
    ("0001_replica", _0001_replica),
    ("0002_local_ledgers_outbox", _0002_local),
    ("0003_sync", _0003_sync),
    ("0004_app_versions", _0004_app_versions),
    ("0005_pull_staging", _0005_pull_staging),
    ("0006_pull_quarantine", _0006_pull_quarantine),
    ("0007_pin_lockout", _0007_pin_lockout),
    ("0008_keyed_secrets", _0008_keyed_secrets),
    ("0009_keyed_coupon_numbers", _0009_keyed_coupon_numbers),
    ("0010_returns", _0010_returns),
    ("0011_stored_value", _0011_stored_value),
    ("0012_exchange_giveaway_transfer", _0012_exchange_giveaway_transfer),
    ("0013_promotions", _0013_promotions),
    ("0014_member_history", _0014_member_history),
    ("0015_promo_campaigns", _0015_promo_campaigns),
    ("0016_visit_gifts", _0016_visit_gifts),
    ("0017_device_keys", _0017_device_keys),
    ("0018_settlements_by_member", _0018_settlements_by_member),
    ("0019_member_phone_keys", _0019_member_phone_keys),
    ("0023_quick_keys", _0023_quick_keys),
]
#: after these, the WAL is checkpointed and truncated: the data they replaced must not linger in it
_SCRUBBING = frozenset({"0008_keyed_secrets", "0009_keyed_coupon_numbers"})


class SchemaTooNew(RuntimeError):
    """The replica was written by a newer version of the app (an older one must not touch it)."""


def pending_migrations(db: Database, migrations: list[tuple[str, list[Step]]] | None = None) -> list[str]:
    """Names not yet applied; refuses a replica carrying migrations this version does not know."""
    migrations = MIGRATIONS if migrations is None else migrations
    known = [name for name, _ in migrations]
    if not db.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone():
        return known
    done = {r[0] for r in db.conn.execute("SELECT name FROM schema_migrations")}
    unknown = sorted(done - set(known))
    if unknown:
        raise SchemaTooNew(f"this replica was upgraded by a newer Loyalty Terminal (schema {', '.join(unknown)}); "
                           "install that version or newer — an older version must not write to it")
    return [name for name in known if name not in done]


def migrate(db: Database, migrations: list[tuple[str, list[Step]]] | None = None) -> list[str]:
    """Apply pending migrations in order; return the names applied."""
    migrations = MIGRATIONS if migrations is None else migrations
    pending_migrations(db, migrations)  # refuses a newer replica before touching it
    db.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {r[0] for r in db.conn.execute("SELECT name FROM schema_migrations")}
    applied = []
    for name, statements in migrations:
        if name in done:
            continue
        with transaction(db):
            for stmt in statements:
                if callable(stmt):
                    stmt(db.conn)
                else:
                    db.conn.execute(stmt)
            db.conn.execute(
                "INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)",
                (name, datetime.now(timezone.utc).isoformat()),
            )
        applied.append(name)
    if _SCRUBBING & set(applied):
        try:  # best effort: another connection reading the old pages keeps them until it ends
            db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:
            pass
    return applied


def applied_migrations(db: Database) -> list[str]:
    return [r[0] for r in db.conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
