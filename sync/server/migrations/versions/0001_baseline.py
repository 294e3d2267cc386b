"""Baseline: the central schema as the SQLite server had it before issue 14, on both engines.

Exactly the tables, columns (in their order), keys, indexes and append-only triggers that the
base SCHEMA of sync/server/store.py, DEVICE_SCHEMA of sync/server/devices.py and the named
migrations 0002-0005 of sync/server/schema.py built (tests/server_db/test_schema.py compares
them). One tightening: primary-key columns are NOT NULL (SQLite let a TEXT primary key hold
NULL). A SQLite file made by that code, with all of 0002-0005 applied, is adopted by stamping
this revision (sync/server/migrate.py) instead of running it.

Frozen: this file never changes; later changes are later revisions.

Revision ID: 0001_baseline
Revises: (none)
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None

Int = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
T = sa.Text

APPEND_ONLY = [
    ("c_coupon_ledger_ro", "coupon_ledger", "UPDATE", "coupon_ledger is append-only"),
    ("c_coupon_ledger_nd", "coupon_ledger", "DELETE", "coupon_ledger is append-only"),
    ("c_point_ledger_ro", "point_ledger", "UPDATE", "point_ledger is append-only"),
    ("c_point_ledger_nd", "point_ledger", "DELETE", "point_ledger is append-only"),
    ("c_events_ro", "events", "UPDATE", "events are stored forever, unchanged"),
]


def _json(column: str, field: str, dialect: str) -> sa.TextClause:
    if dialect == "sqlite":
        return sa.text(f"json_extract({column}, '$.{field}')")
    return sa.text(f"(({column})::jsonb ->> '{field}')")


def _where(condition: str) -> dict:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table("meta", sa.Column("key", T, primary_key=True), sa.Column("value", T, nullable=False))
    op.create_table(
        "entities",
        sa.Column("kind", T, nullable=False), sa.Column("key", T, nullable=False), sa.Column("member_id", T), sa.Column("body", T),
        sa.Column("seq", Int, nullable=False), sa.Column("deleted", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.PrimaryKeyConstraint("kind", "key"),
    )
    op.create_index("entities_seq", "entities", ["seq"], unique=True)
    op.create_index("entities_member", "entities", ["kind", "member_id"], **_where("member_id IS NOT NULL"))
    op.create_table(
        "devices",
        sa.Column("device_id", T, primary_key=True), sa.Column("store_id", T, nullable=False), sa.Column("terminal_id", T, nullable=False),
        sa.Column("credential_sha256", T, nullable=False, unique=True), sa.Column("name", T, nullable=False, server_default=""),
        sa.Column("enrolled_at", T, nullable=False), sa.Column("revoked_at", T), sa.Column("revoked_reason", T),
        sa.Column("replaced_by", T),
    )
    op.create_table(
        "enrol_tokens",
        sa.Column("token_sha256", T, primary_key=True), sa.Column("store_id", T, nullable=False),
        sa.Column("created_at", T, nullable=False), sa.Column("expires_at", T, nullable=False), sa.Column("used_at", T),
        sa.Column("device_id", T), sa.Column("replace_terminal", T), sa.Column("revoked_at", T), sa.Column("superseded_sha256", T),
    )
    op.create_table(
        "pending_enrolments",
        sa.Column("credential_sha256", T, primary_key=True), sa.Column("device_id", T, nullable=False, unique=True),
        sa.Column("token_sha256", T, nullable=False), sa.Column("store_id", T, nullable=False),
        sa.Column("terminal_id", T, nullable=False), sa.Column("name", T, nullable=False, server_default=""),
        sa.Column("created_at", T, nullable=False), sa.Column("expires_at", T, nullable=False),
        sa.Column("state", T, sa.CheckConstraint("state IN ('pending', 'superseded', 'cancelled')"), nullable=False),
        sa.Column("replace_device", T),
    )
    op.create_table(
        "events",
        sa.Column("event_id", T, primary_key=True), sa.Column("device_id", T, nullable=False), sa.Column("store_id", T, nullable=False),
        sa.Column("terminal_id", T, nullable=False), sa.Column("terminal_seq", Int, nullable=False), sa.Column("type", T, nullable=False),
        sa.Column("schema_version", Int, nullable=False), sa.Column("payload", T, nullable=False),
        sa.Column("payload_sha256", T, nullable=False), sa.Column("occurred_at", T, nullable=False), sa.Column("based_on_cursor", T),
        sa.Column("app_version", T, nullable=False), sa.Column("status", T, nullable=False), sa.Column("result", T, nullable=False),
        sa.Column("visible_seq", Int, nullable=False), sa.Column("received_at", T, nullable=False),
    )
    op.create_index("events_terminal", "events", ["store_id", "terminal_id", "terminal_seq"])
    op.create_table(
        "coupon_ledger",
        sa.Column("id", Int, primary_key=True, autoincrement=True), sa.Column("event_id", T), sa.Column("code", T, nullable=False),
        sa.Column("uses", Int, nullable=False), sa.Column("discount", Int, nullable=False),
        sa.Column("kind", T, sa.CheckConstraint("kind IN ('redeem','void','admin_void')"), nullable=False),
        sa.Column("store_id", T), sa.Column("terminal_id", T), sa.Column("checkout_id", T), sa.Column("at", T, nullable=False),
        sa.Column("member_id", T), sa.Column("template_id", T),
    )
    op.create_index("coupon_ledger_code", "coupon_ledger", ["code"])
    op.create_table(
        "point_ledger",
        sa.Column("id", Int, primary_key=True, autoincrement=True), sa.Column("event_id", T), sa.Column("member_id", T, nullable=False),
        sa.Column("lot_id", T, nullable=False), sa.Column("point_type", T, nullable=False), sa.Column("delta", Int, nullable=False),
        sa.Column("kind", T, sa.CheckConstraint("kind IN ('earn','burn','void_earn','void_burn','adjust','debt_settle')"),
                  nullable=False),
        sa.Column("store_id", T), sa.Column("terminal_id", T), sa.Column("checkout_id", T), sa.Column("at", T, nullable=False),
        sa.Column("note", T),
    )
    op.create_index("point_ledger_member", "point_ledger", ["member_id"])
    op.create_table(
        "coupon_voids",
        sa.Column("code", T, primary_key=True), sa.Column("seq", Int, nullable=False), sa.Column("reason", T, nullable=False),
        sa.Column("at", T, nullable=False),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", Int, primary_key=True, autoincrement=True), sa.Column("kind", T, nullable=False),
        sa.Column("decision", T, nullable=False), sa.Column("message", T, nullable=False), sa.Column("event_id", T, nullable=False),
        sa.Column("store_id", T, nullable=False), sa.Column("terminal_id", T, nullable=False), sa.Column("checkout_id", T),
        sa.Column("subject", T), sa.Column("amount", Int), sa.Column("other_event_id", T), sa.Column("other_store_id", T),
        sa.Column("other_terminal_id", T), sa.Column("other_checkout_id", T),
        sa.Column("details", T, nullable=False, server_default="{}"), sa.Column("created_at", T, nullable=False),
        sa.Column("resolved_at", T),
    )
    op.create_index("conflicts_store", "conflicts", ["store_id"])
    op.create_table(
        "conflict_resolutions",
        sa.Column("conflict_id", Int, sa.ForeignKey("conflicts.id"), primary_key=True, autoincrement=False),
        sa.Column("event_id", T, nullable=False),
        sa.Column("resolution", T, sa.CheckConstraint("resolution IN ('absorb','charge_member','block_card')"), nullable=False),
        sa.Column("reason", T, nullable=False), sa.Column("manager_id", T, nullable=False), sa.Column("store_id", T, nullable=False),
        sa.Column("member_id", T), sa.Column("amount", Int), sa.Column("at", T, nullable=False),
    )
    # what the named migrations 0002-0005 added
    op.create_index("coupon_ledger_member_template", "coupon_ledger", ["member_id", "template_id"])
    op.create_index("events_voids", "events", [_json("payload", "voids_event_id", dialect)], **_where("type = 'void'"))
    op.create_index("coupon_ledger_event", "coupon_ledger", ["event_id"])
    op.create_index("point_ledger_event", "point_ledger", ["event_id"])
    op.create_index("events_checkout", "events", ["store_id", "terminal_id", _json("payload", "checkout_id", dialect)],
                    **_where("type = 'settlement'"))
    op.create_index("enrol_tokens_superseded", "enrol_tokens", ["superseded_sha256"], **_where("superseded_sha256 IS NOT NULL"))
    op.create_index("enrol_tokens_store", "enrol_tokens", ["store_id", "created_at"])
    op.create_index("devices_replaced_by", "devices", ["replaced_by"], **_where("replaced_by IS NOT NULL"))
    op.create_index("devices_active_terminal", "devices", ["store_id", "terminal_id"], **_where("revoked_at IS NULL"))
    op.create_index("pending_enrolments_one_per_token", "pending_enrolments", ["token_sha256"], unique=True)
    op.create_index("pending_enrolments_expiry", "pending_enrolments", ["expires_at"])
    # the central ledgers are append-only, events are kept unchanged
    if dialect == "postgresql":
        op.execute("""CREATE FUNCTION lt_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $$""")
    for name, table, what, message in APPEND_ONLY:
        if dialect == "sqlite":
            op.execute(f"CREATE TRIGGER {name} BEFORE {what} ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END")
        else:
            op.execute(f"CREATE TRIGGER {name} BEFORE {what} ON {table} FOR EACH ROW EXECUTE FUNCTION lt_refuse_change('{message}')")


def downgrade() -> None:
    raise NotImplementedError("the baseline is not undone: restore a backup instead (docs/central.md)")
