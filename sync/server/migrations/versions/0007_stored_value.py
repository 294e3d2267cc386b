"""Stored value and gift cards (issue 15, section 1).

* `value_ledger`: every top-up, bonus, spend and void of a value account (a member's wallet or a
  gift card), amounts in integer minor units, append-only like the other ledgers. The account
  itself is an entity row (kind `value_account`) whose `balance` is the sum of its rows; programs
  and top-up bonus rules are entity rows too (kinds `value_program`, `topup_bonus`).

Revision ID: 0007_stored_value
Revises: 0006_returns
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_stored_value"
down_revision = "0006_returns"
branch_labels = None
depends_on = None

T = sa.Text


def upgrade() -> None:
    op.create_table(
        "value_ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True), sa.Column("event_id", T),
        sa.Column("account_id", T, nullable=False), sa.Column("program_id", T, nullable=False),
        sa.Column("amount", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
        sa.Column("kind", T, sa.CheckConstraint("kind IN ('issue','topup','bonus','spend','void_topup','void_bonus','void_spend',"
                                                "'refund','adjust')"), nullable=False),
        sa.Column("store_id", T), sa.Column("terminal_id", T), sa.Column("checkout_id", T), sa.Column("topup_id", T),
        sa.Column("at", T, nullable=False), sa.Column("note", T),
    )
    op.create_index("value_ledger_account", "value_ledger", ["account_id"])
    op.create_index("value_ledger_event", "value_ledger", ["event_id"])
    from sync.server.tables import append_only_ddl

    for stmt in append_only_ddl(op.get_bind().dialect.name, "value_ledger"):
        op.execute(stmt)


def downgrade() -> None:
    op.drop_index("value_ledger_event", "value_ledger")
    op.drop_index("value_ledger_account", "value_ledger")
    op.drop_table("value_ledger")
