"""The central schema as SQLAlchemy Core tables, one definition for SQLite and PostgreSQL (issue 14).

This is the schema at the newest Alembic revision (sync/server/migrations/versions/): revision
0001 is exactly the SQLite schema the server built before issue 14 (the base SCHEMA of
sync/server/store.py, DEVICE_SCHEMA of devices.py and the named migrations 0002-0005 of
schema.py), revision 0002 adds the change-feed head (`feed_head`, sync/server/changefeed.py),
and each later revision mirrors one later named migration of schema.py: 0003 = 0006_terminal_claims
(`terminal_claims`), 0004 = 0006_quarantine_reports (`quarantine_reports`, `quarantine_terminals`).
tests/server_db/test_schema.py holds them in step: legacy = revision 0001 on SQLite, a store of
today's SQLite server (every named migration) adopted = `upgrade head`, and `metadata.create_all`
= `upgrade head` on both engines (tables, columns, keys, indexes, triggers).

Types, per engine:
    `Int`       INTEGER on SQLite (an `id` primary key stays the rowid alias), BIGINT on PostgreSQL
                (BIGSERIAL for the ledger and conflict ids): money is integer minor units, points
                are integers, positions and sequences are 64-bit.
    text        TEXT on both: ids, ISO-8601 timestamps (as the code writes them today), and JSON
                kept as the exact text that was stored (the feed splices `body` in unparsed).

`json_text(column, "field")` is the SQL for "the top-level string `field` of the JSON text in
`column`": `json_extract(col, '$.field')` on SQLite, `((col)::jsonb ->> 'field')` on PostgreSQL.
The expression indexes use it, and so must the queries that want those indexes.

The ledgers and events are append-only on both engines (triggers: SQLite RAISE(ABORT, ...);
PostgreSQL a trigger function `lt_refuse_change` that raises with the same message).
"""

from __future__ import annotations

import re

from sqlalchemy import (DDL, BigInteger, CheckConstraint, Column, ForeignKey, Index, Integer, MetaData, PrimaryKeyConstraint, text,
                        Sequence, Table, Text, event, literal_column)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import String

__all__ = ["APPEND_ONLY", "Int", "json_text", "metadata", "append_only_ddl"]

Int = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()


class json_text(FunctionElement):
    """`json_text(column, "field")`: the JSON text's top-level `field` as SQL text (see module docstring)."""

    type = String()
    inherit_cache = True
    name = "json_text"

    def __init__(self, column, field: str) -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", field):
            raise ValueError(f"json_text field must be a plain lower-case name, not {field!r}")
        self.field = field
        super().__init__(column)


@compiles(json_text, "sqlite")
def _json_text_sqlite(element, compiler, **kw):
    (column,) = element.clauses
    return f"json_extract({compiler.process(column, **kw)}, '$.{element.field}')"


@compiles(json_text, "postgresql")
def _json_text_pg(element, compiler, **kw):
    (column,) = element.clauses
    return f"(({compiler.process(column, **kw)})::jsonb ->> '{element.field}')"


def _partial(condition) -> dict:
    return {"sqlite_where": condition, "postgresql_where": condition}


meta = Table("meta", metadata, Column("key", Text, primary_key=True), Column("value", Text, nullable=False))

# everything terminals replicate; `seq` is the change-feed position (sync/server/changefeed.py)
entities = Table(
    "entities", metadata,
    Column("kind", Text, nullable=False), Column("key", Text, nullable=False), Column("member_id", Text), Column("body", Text),
    Column("seq", Int, nullable=False), Column("deleted", Integer, nullable=False, server_default=text("0")),
    Column("scope", Text),  # who may receive the row (sync/server/slices.py); revision 0005
    PrimaryKeyConstraint("kind", "key"),
)
Index("entities_seq", entities.c.seq, unique=True)
Index("entities_member", entities.c.kind, entities.c.member_id, **_partial(entities.c.member_id.isnot(None)))
# every row of a member whatever its kind, in position order (a slice entry touches them all, sync/server/slices.py;
# a device far behind the head reads its members' rows by it, feed_slice.py); revision 0009 (member_id), 0012 (+ seq)
Index("entities_member_seq", entities.c.member_id, entities.c.seq, **_partial(entities.c.member_id.isnot(None)))
# a device far behind the head reads its rows from its store's slice (sync/server/feed_slice.py); revision 0012
Index("entities_memberless", entities.c.seq, **_partial(text("member_id IS NULL AND kind <> 'slice'")))
Index("entities_slice_scope", entities.c.scope, entities.c.seq, **_partial(text("kind = 'slice'")))

# the member slice of each store (sync/server/slices.py); revision 0005
store_members = Table(
    "store_members", metadata,
    Column("store_id", Text, nullable=False), Column("member_id", Text, nullable=False),
    Column("home", Integer, nullable=False, server_default=text("0")), Column("bought_at", Text), Column("looked_up_at", Text),
    PrimaryKeyConstraint("store_id", "member_id"),
)
Index("store_members_member", store_members.c.member_id)

# salted card hash -> member, for the online member lookup (sync/server/slices.py); revision 0005
member_cards = Table(
    "member_cards", metadata,
    Column("card_hash", Text, primary_key=True), Column("member_id", Text, nullable=False),
)
Index("member_cards_member", member_cards.c.member_id)

# the feed's head: the last position handed out (one row, id 1); taken under its row lock just
# before commit, so commit order = position order (sync/server/changefeed.py)
feed_head = Table(
    "feed_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False), Column("seq", Int, nullable=False),
    CheckConstraint("id = 1", name="feed_head_one_row"),
)
event.listen(feed_head, "after_create", DDL("INSERT INTO feed_head (id, seq) VALUES (1, 0)"))  # as migration 0002 does
# provisional (negated) positions of rows not yet stamped: PostgreSQL only (SQLite counts per transaction)
feed_provisional = Sequence("feed_provisional", metadata=metadata)

devices = Table(
    "devices", metadata,
    Column("device_id", Text, primary_key=True), Column("store_id", Text, nullable=False),
    Column("terminal_id", Text, nullable=False), Column("credential_sha256", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False, server_default=""), Column("enrolled_at", Text, nullable=False),
    Column("revoked_at", Text), Column("revoked_reason", Text), Column("replaced_by", Text),
)
Index("devices_replaced_by", devices.c.replaced_by, **_partial(devices.c.replaced_by.isnot(None)))
Index("devices_active_terminal", devices.c.store_id, devices.c.terminal_id, **_partial(devices.c.revoked_at.is_(None)))

enrol_tokens = Table(
    "enrol_tokens", metadata,
    Column("token_sha256", Text, primary_key=True), Column("store_id", Text, nullable=False),
    Column("created_at", Text, nullable=False), Column("expires_at", Text, nullable=False), Column("used_at", Text),
    Column("device_id", Text), Column("replace_terminal", Text), Column("revoked_at", Text), Column("superseded_sha256", Text),
)
Index("enrol_tokens_superseded", enrol_tokens.c.superseded_sha256, **_partial(enrol_tokens.c.superseded_sha256.isnot(None)))
Index("enrol_tokens_store", enrol_tokens.c.store_id, enrol_tokens.c.created_at)

pending_enrolments = Table(
    "pending_enrolments", metadata,
    Column("credential_sha256", Text, primary_key=True), Column("device_id", Text, nullable=False, unique=True),
    Column("token_sha256", Text, nullable=False), Column("store_id", Text, nullable=False),
    Column("terminal_id", Text, nullable=False), Column("name", Text, nullable=False, server_default=""),
    Column("created_at", Text, nullable=False), Column("expires_at", Text, nullable=False),
    Column("state", Text, CheckConstraint("state IN ('pending', 'superseded', 'cancelled')"), nullable=False),
    Column("replace_device", Text),
)
Index("pending_enrolments_one_per_token", pending_enrolments.c.token_sha256, unique=True)
Index("pending_enrolments_expiry", pending_enrolments.c.expires_at)

events = Table(
    "events", metadata,
    Column("event_id", Text, primary_key=True), Column("device_id", Text, nullable=False), Column("store_id", Text, nullable=False),
    Column("terminal_id", Text, nullable=False), Column("terminal_seq", Int, nullable=False), Column("type", Text, nullable=False),
    Column("schema_version", Int, nullable=False), Column("payload", Text, nullable=False),
    Column("payload_sha256", Text, nullable=False), Column("occurred_at", Text, nullable=False), Column("based_on_cursor", Text),
    Column("app_version", Text, nullable=False), Column("status", Text, nullable=False), Column("result", Text, nullable=False),
    Column("visible_seq", Int, nullable=False), Column("received_at", Text, nullable=False),
)
Index("events_terminal", events.c.store_id, events.c.terminal_id, events.c.terminal_seq)
Index("events_voids", json_text(events.c.payload, "voids_event_id"), **_partial(events.c.type == literal_column("'void'")))
Index("events_checkout", events.c.store_id, events.c.terminal_id, json_text(events.c.payload, "checkout_id"),
      **_partial(events.c.type == literal_column("'settlement'")))

Index("events_received", events.c.received_at)
# a void checks "has this sale returns?" (facts.void_facts) and a return reads the sale's earlier returns
Index("events_returns", json_text(events.c.payload, "sale_event_id"), **_partial(events.c.type == literal_column("'return'")))

# events moved out of `events` after the retention (sync/server/archive.py, revision 0009): the same columns and lookups
events_archive = Table(
    "events_archive", metadata,
    *[Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable) for c in events.columns],
    Column("archived_at", Text, nullable=False),
)
Index("events_archive_terminal", events_archive.c.store_id, events_archive.c.terminal_id, events_archive.c.terminal_seq)
Index("events_archive_voids", json_text(events_archive.c.payload, "voids_event_id"),
      **_partial(events_archive.c.type == literal_column("'void'")))
Index("events_archive_checkout", events_archive.c.store_id, events_archive.c.terminal_id,
      json_text(events_archive.c.payload, "checkout_id"), **_partial(events_archive.c.type == literal_column("'settlement'")))
Index("events_archive_returns", json_text(events_archive.c.payload, "sale_event_id"),
      **_partial(events_archive.c.type == literal_column("'return'")))

coupon_ledger = Table(
    "coupon_ledger", metadata,
    Column("id", Int, primary_key=True, autoincrement=True), Column("event_id", Text), Column("code", Text, nullable=False),
    Column("uses", Int, nullable=False), Column("discount", Int, nullable=False),
    Column("kind", Text, CheckConstraint("kind IN ('redeem','void','admin_void','return')"), nullable=False),
    Column("store_id", Text), Column("terminal_id", Text), Column("checkout_id", Text), Column("at", Text, nullable=False),
    Column("member_id", Text), Column("template_id", Text),
)
Index("coupon_ledger_code", coupon_ledger.c.code)
Index("coupon_ledger_member_template", coupon_ledger.c.member_id, coupon_ledger.c.template_id)
Index("coupon_ledger_event", coupon_ledger.c.event_id)

point_ledger = Table(
    "point_ledger", metadata,
    Column("id", Int, primary_key=True, autoincrement=True), Column("event_id", Text), Column("member_id", Text, nullable=False),
    Column("lot_id", Text, nullable=False), Column("point_type", Text, nullable=False), Column("delta", Int, nullable=False),
    Column("kind", Text, CheckConstraint("kind IN ('earn','burn','void_earn','void_burn','adjust','debt_settle','return_earn','return_burn')"), nullable=False),
    Column("store_id", Text), Column("terminal_id", Text), Column("checkout_id", Text), Column("at", Text, nullable=False),
    Column("note", Text),
)
Index("point_ledger_member", point_ledger.c.member_id)
Index("point_ledger_event", point_ledger.c.event_id)

# automatic promotions booked per settlement (issue 16; revision 0010_promotions), append-only
promotion_ledger = Table(
    "promotion_ledger", metadata,
    Column("id", Int, primary_key=True, autoincrement=True), Column("event_id", Text),
    Column("promotion_id", Text, nullable=False), Column("discount", Int, nullable=False),
    Column("units", Int, nullable=False, server_default=text("0")),
    Column("kind", Text, CheckConstraint("kind IN ('apply','void')"), nullable=False),
    Column("store_id", Text), Column("terminal_id", Text), Column("checkout_id", Text), Column("at", Text, nullable=False),
    Column("member_id", Text),
)
Index("promotion_ledger_promotion", promotion_ledger.c.promotion_id, promotion_ledger.c.at)
Index("promotion_ledger_event", promotion_ledger.c.event_id)
# coupons created from a terminal-signed voucher (`LT1V…`) that no issuing event adopted yet, per signing device
# (revision 0011_device_vouchers): counted against the allowance `device_vouchers_unbacked` with one indexed
# query; a row leaves when the issuing event adopts the coupon (sync/server/device_vouchers.py)
device_vouchers = Table(
    "device_vouchers", metadata,
    Column("code", Text, primary_key=True), Column("device_id", Text, nullable=False), Column("store_id", Text),
    Column("terminal_id", Text), Column("created_at", Text, nullable=False),
)
Index("device_vouchers_device", device_vouchers.c.device_id)
# stored value and gift cards (issue 15): every top-up, bonus, spend and void of a value account, in minor units;
# the account's entity row (kind value_account) holds the balance, always the sum of these rows
value_ledger = Table(
    "value_ledger", metadata,
    Column("id", Int, primary_key=True, autoincrement=True), Column("event_id", Text), Column("account_id", Text, nullable=False),
    Column("program_id", Text, nullable=False), Column("amount", Int, nullable=False),
    Column("kind", Text, CheckConstraint("kind IN ('issue','topup','bonus','spend','void_topup','void_bonus','void_spend',"
                                         "'refund','adjust')"), nullable=False),
    Column("store_id", Text), Column("terminal_id", Text), Column("checkout_id", Text), Column("topup_id", Text),
    Column("at", Text, nullable=False), Column("note", Text),
)
Index("value_ledger_account", value_ledger.c.account_id)
Index("value_ledger_event", value_ledger.c.event_id)

coupon_voids = Table(
    "coupon_voids", metadata,
    Column("code", Text, primary_key=True), Column("seq", Int, nullable=False), Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", Int, primary_key=True, autoincrement=True), Column("kind", Text, nullable=False),
    Column("decision", Text, nullable=False), Column("message", Text, nullable=False), Column("event_id", Text, nullable=False),
    Column("store_id", Text, nullable=False), Column("terminal_id", Text, nullable=False), Column("checkout_id", Text),
    Column("subject", Text), Column("amount", Int), Column("other_event_id", Text), Column("other_store_id", Text),
    Column("other_terminal_id", Text), Column("other_checkout_id", Text),
    Column("details", Text, nullable=False, server_default="{}"), Column("created_at", Text, nullable=False),
    Column("resolved_at", Text),
)
Index("conflicts_store", conflicts.c.store_id)

# a manager's decision on a conflict, sent by the terminal as a `conflict_resolution` event
conflict_resolutions = Table(
    "conflict_resolutions", metadata,
    Column("conflict_id", Int, ForeignKey("conflicts.id"), primary_key=True, autoincrement=False),
    Column("event_id", Text, nullable=False),
    Column("resolution", Text, CheckConstraint("resolution IN ('absorb','charge_member','block_card')"), nullable=False),
    Column("reason", Text, nullable=False), Column("manager_id", Text, nullable=False), Column("store_id", Text, nullable=False),
    Column("member_id", Text), Column("amount", Int), Column("at", Text, nullable=False),
)

# what each terminal claimed in its settlements so far: its next based_on_cursor and occurred_at are
# bounded by it (sync/server/bounds.py); revision 0003
terminal_claims = Table(
    "terminal_claims", metadata,
    Column("store_id", Text, nullable=False), Column("terminal_id", Text, nullable=False), Column("epoch", Text, nullable=False),
    Column("known_seq", Int, nullable=False), Column("window_seq", Int, nullable=False), Column("occurred_at", Text, nullable=False),
    Column("terminal_seq", Int, nullable=False),
    PrimaryKeyConstraint("store_id", "terminal_id"),
)

# pulled rows each terminal could not hold, as it reported them (sync/server/quarantine.py): never
# the row itself, only the sha256 of the terminal's copy; revision 0004
quarantine_reports = Table(
    "quarantine_reports", metadata,
    Column("store_id", Text, nullable=False), Column("terminal_id", Text, nullable=False), Column("kind", Text, nullable=False),
    Column("key", Text, nullable=False), Column("reason", Text, nullable=False), Column("row_sha256", Text), Column("cursor", Text),
    Column("seen_at", Text, nullable=False), Column("device_id", Text, nullable=False),
    Column("first_reported_at", Text, nullable=False), Column("last_reported_at", Text, nullable=False),
    Column("cleared_at", Text),
    PrimaryKeyConstraint("store_id", "terminal_id", "kind", "key"),
)
Index("quarantine_reports_open", quarantine_reports.c.store_id, quarantine_reports.c.terminal_id,
      **_partial(quarantine_reports.c.cleared_at.is_(None)))
Index("quarantine_reports_cleared", quarantine_reports.c.store_id, quarantine_reports.c.terminal_id,
      quarantine_reports.c.cleared_at, **_partial(quarantine_reports.c.cleared_at.isnot(None)))

# each terminal's last quarantine report: how many rows it holds, how many it listed (at most 200)
quarantine_terminals = Table(
    "quarantine_terminals", metadata,
    Column("store_id", Text, nullable=False), Column("terminal_id", Text, nullable=False), Column("device_id", Text, nullable=False),
    Column("total", Integer, nullable=False), Column("listed", Integer, nullable=False), Column("reported_at", Text, nullable=False),
    PrimaryKeyConstraint("store_id", "terminal_id"),
)

# issue 15 (revision 0008): booked giveaway claims (+1) and their voids (-1), chain-wide; gifts of vouchers
giveaway_claims = Table(
    "giveaway_claims", metadata,
    Column("id", Int, primary_key=True, autoincrement=True), Column("event_id", Text, nullable=False),
    Column("campaign_id", Text, nullable=False), Column("member_id", Text, nullable=False), Column("store_id", Text, nullable=False),
    Column("terminal_id", Text, nullable=False), Column("points", Int, nullable=False),
    Column("count", Int, CheckConstraint("count IN (1, -1)"), nullable=False), Column("claim_event_id", Text, nullable=False),
    Column("at", Text, nullable=False),
)
Index("giveaway_claims_campaign", giveaway_claims.c.campaign_id, giveaway_claims.c.member_id)

coupon_transfers = Table(
    "coupon_transfers", metadata,
    Column("id", Int, primary_key=True, autoincrement=True), Column("request_id", Text, nullable=False, unique=True),
    Column("code", Text, nullable=False), Column("from_member", Text, nullable=False), Column("to_member", Text, nullable=False),
    Column("remaining_uses", Int, nullable=False), Column("by_device", Text), Column("store_id", Text), Column("terminal_id", Text),
    Column("by_admin", Text), Column("seq", Int, nullable=False), Column("at", Text, nullable=False),
)
Index("coupon_transfers_code", coupon_transfers.c.code)

# issue 17 (revision 0013): members found at the counter by exact phone (E.164, one member per phone) or name
# search key (sync/server/member_search.py), and the audit of every search / sign-up, which is also the
# per-device rate limit (sync/server/member_signup.py)
member_search_keys = Table(
    "member_search_keys", metadata,
    Column("member_id", Text, primary_key=True), Column("phone", Text, unique=True), Column("name_key", Text, nullable=False),
)
# text_pattern_ops on PostgreSQL: a name search is `name_key LIKE 'prefix%'`, which a plain index under a
# non-C collation cannot serve
Index("member_search_keys_name", member_search_keys.c.name_key, postgresql_ops={"name_key": "text_pattern_ops"})
member_searches = Table(
    "member_searches", metadata,
    Column("id", Int, primary_key=True, autoincrement=True), Column("device_id", Text, nullable=False),
    Column("store_id", Text), Column("terminal_id", Text), Column("at", Text, nullable=False),
    Column("kind", Text, nullable=False), Column("query", Text, nullable=False), Column("results", Integer, nullable=False),
    Column("member_ids", Text, nullable=False), Column("request_id", Text),
)
Index("member_searches_device", member_searches.c.device_id, member_searches.c.kind, member_searches.c.at)
Index("member_searches_at", member_searches.c.at)
Index("member_searches_request", member_searches.c.device_id, member_searches.c.request_id, unique=True,
      **_partial(text("request_id IS NOT NULL")))

# (trigger name, table, BEFORE what, message): the central ledgers are append-only, events kept unchanged
APPEND_ONLY = [
    ("c_coupon_ledger_ro", "coupon_ledger", "UPDATE", "coupon_ledger is append-only"),
    ("c_coupon_ledger_nd", "coupon_ledger", "DELETE", "coupon_ledger is append-only"),
    ("c_point_ledger_ro", "point_ledger", "UPDATE", "point_ledger is append-only"),
    ("c_point_ledger_nd", "point_ledger", "DELETE", "point_ledger is append-only"),
    ("c_events_ro", "events", "UPDATE", "events are stored forever, unchanged"),
    ("c_promotion_ledger_ro", "promotion_ledger", "UPDATE", "promotion_ledger is append-only"),
    ("c_promotion_ledger_nd", "promotion_ledger", "DELETE", "promotion_ledger is append-only"),
    ("c_value_ledger_ro", "value_ledger", "UPDATE", "value_ledger is append-only"),
    ("c_value_ledger_nd", "value_ledger", "DELETE", "value_ledger is append-only"),
    ("c_giveaway_claims_ro", "giveaway_claims", "UPDATE", "giveaway_claims is append-only"),
    ("c_giveaway_claims_nd", "giveaway_claims", "DELETE", "giveaway_claims is append-only"),
    ("c_coupon_transfers_ro", "coupon_transfers", "UPDATE", "coupon_transfers is append-only"),
    ("c_coupon_transfers_nd", "coupon_transfers", "DELETE", "coupon_transfers is append-only"),
    ("c_events_archive_ro", "events_archive", "UPDATE", "archived events are kept unchanged"),
    ("c_events_archive_nd", "events_archive", "DELETE", "archived events are kept"),
]

PG_REFUSE_FUNCTION = """CREATE OR REPLACE FUNCTION lt_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $$"""


def append_only_ddl(dialect: str, table: str | None = None) -> list[str]:
    """The statements that make the APPEND_ONLY triggers on `dialect` ("sqlite" | "postgresql"),
    for every table or only `table`; on PostgreSQL the trigger function comes first."""
    out = [PG_REFUSE_FUNCTION] if dialect == "postgresql" else []
    for name, tbl, what, message in APPEND_ONLY:
        if table is not None and tbl != table:
            continue
        if dialect == "sqlite":
            out.append(f"CREATE TRIGGER {name} BEFORE {what} ON {tbl} BEGIN SELECT RAISE(ABORT, '{message}'); END")
        elif dialect == "postgresql":
            out.append(f"CREATE TRIGGER {name} BEFORE {what} ON {tbl} FOR EACH ROW EXECUTE FUNCTION lt_refuse_change('{message}')")
        else:
            raise ValueError(f"no append-only triggers for the {dialect!r} engine")
    return out


def _attach_triggers() -> None:
    for tbl in {t for _, t, _, _ in APPEND_ONLY}:
        for dialect in ("sqlite", "postgresql"):
            for stmt in append_only_ddl(dialect, tbl):
                event.listen(metadata.tables[tbl], "after_create", DDL(stmt.replace("%", "%%")).execute_if(dialect=dialect))


_attach_triggers()
