"""The central events table bounded by time (issue 14, item 4): `events_archive`.

* `events_archive`: the columns of `events` plus `archived_at` (ISO-8601 UTC), the same primary
  key and lookup indexes (by terminal_seq, by voided event, by checkout), append-only (UPDATE and
  DELETE refused by trigger). sync/server/archive.py moves the events received before the
  retention into it, batch by batch; idempotency and judgement read both tables (`events_all`).
* `events_received`: an index on `events.received_at`, so the daily move finds the old events
  without reading the table.
* `entities_member_id`: every row of a member whatever its kind. A store-slice entry touches all
  of a member's live rows (`WHERE member_id = ?`), which the (kind, member_id) index cannot serve:
  at 6M rows that was a scan of the whole table per settlement (110 ms of database CPU each,
  benchmarks/bench_chain_scale.py).

Revision ID: 0009_events_archive
Revises: 0008_giveaway_claims_transfers
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_events_archive"
down_revision = "0008_giveaway_claims_transfers"  # the lead re-chains the reserved revisions at merge
branch_labels = None
depends_on = None

Int = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
T = sa.Text
TRIGGERS = [("c_events_archive_ro", "UPDATE", "archived events are kept unchanged"),
            ("c_events_archive_nd", "DELETE", "archived events are kept")]


def _json(column: str, field: str, dialect: str) -> sa.TextClause:
    if dialect == "sqlite":
        return sa.text(f"json_extract({column}, '$.{field}')")
    return sa.text(f"(({column})::jsonb ->> '{field}')")


def _where(condition: str) -> dict:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_index("events_received", "events", ["received_at"])
    op.create_index("events_returns", "events", [_json("payload", "sale_event_id", dialect)], **_where("type = 'return'"))
    op.create_index("entities_member_id", "entities", ["member_id"], **_where("member_id IS NOT NULL"))
    op.create_table(
        "events_archive",
        sa.Column("event_id", T, primary_key=True), sa.Column("device_id", T, nullable=False), sa.Column("store_id", T, nullable=False),
        sa.Column("terminal_id", T, nullable=False), sa.Column("terminal_seq", Int, nullable=False), sa.Column("type", T, nullable=False),
        sa.Column("schema_version", Int, nullable=False), sa.Column("payload", T, nullable=False),
        sa.Column("payload_sha256", T, nullable=False), sa.Column("occurred_at", T, nullable=False), sa.Column("based_on_cursor", T),
        sa.Column("app_version", T, nullable=False), sa.Column("status", T, nullable=False), sa.Column("result", T, nullable=False),
        sa.Column("visible_seq", Int, nullable=False), sa.Column("received_at", T, nullable=False),
        sa.Column("archived_at", T, nullable=False),
    )
    op.create_index("events_archive_terminal", "events_archive", ["store_id", "terminal_id", "terminal_seq"])
    op.create_index("events_archive_voids", "events_archive", [_json("payload", "voids_event_id", dialect)], **_where("type = 'void'"))
    op.create_index("events_archive_checkout", "events_archive",
                    ["store_id", "terminal_id", _json("payload", "checkout_id", dialect)], **_where("type = 'settlement'"))
    op.create_index("events_archive_returns", "events_archive", [_json("payload", "sale_event_id", dialect)],
                    **_where("type = 'return'"))
    for name, what, message in TRIGGERS:
        if dialect == "sqlite":
            op.execute(f"CREATE TRIGGER {name} BEFORE {what} ON events_archive BEGIN SELECT RAISE(ABORT, '{message}'); END")
        else:  # lt_refuse_change() is made by the baseline
            op.execute(f"CREATE TRIGGER {name} BEFORE {what} ON events_archive FOR EACH ROW EXECUTE FUNCTION "
                       f"lt_refuse_change('{message}')")


def downgrade() -> None:
    """Refused while events are archived: dropping the table would lose them (move them back first)."""
    n = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM events_archive")).scalar()
    if n:
        raise RuntimeError(f"events_archive holds {n} events; not dropped")
    op.drop_table("events_archive")
    op.drop_index("events_returns", "events")
    op.drop_index("events_received", "events")
    op.drop_index("entities_member_id", "entities")
