"""Automatic promotions booked per settlement (issue 16, section 1).

`promotion_ledger`: one row per promotion a settlement was granted after the server re-applied
the central catalog's promotions with terminal/domain/promotions.py (sync/server/promotion_rules.py):
kind `apply` (discount in minor units, units freed or reduced) and `void` (its exact negation).
Append-only like the other ledgers (triggers). The promotions themselves are catalog entities
(`entities` kind `promotion`), so they need no table of their own.

Revision ID: 0010_promotions
Revises: 0009_events_archive
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_promotions"
down_revision = "0009_events_archive"
branch_labels = None
depends_on = None

T = sa.Text
Int = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "promotion_ledger",
        sa.Column("id", Int, primary_key=True, autoincrement=True), sa.Column("event_id", T),
        sa.Column("promotion_id", T, nullable=False), sa.Column("discount", Int, nullable=False),
        sa.Column("units", Int, nullable=False, server_default=sa.text("0")),
        sa.Column("kind", T, sa.CheckConstraint("kind IN ('apply','void')"), nullable=False),
        sa.Column("store_id", T), sa.Column("terminal_id", T), sa.Column("checkout_id", T), sa.Column("at", T, nullable=False),
        sa.Column("member_id", T),
    )
    op.create_index("promotion_ledger_promotion", "promotion_ledger", ["promotion_id", "at"])
    op.create_index("promotion_ledger_event", "promotion_ledger", ["event_id"])
    from sync.server.tables import append_only_ddl

    for stmt in append_only_ddl(op.get_bind().dialect.name, table="promotion_ledger"):
        op.execute(stmt)


def downgrade() -> None:
    op.drop_index("promotion_ledger_event", "promotion_ledger")
    op.drop_index("promotion_ledger_promotion", "promotion_ledger")
    op.drop_table("promotion_ledger")
