"""Terminal claims: what each terminal claimed in its settlements so far (= 0006_terminal_claims).

Mirrors the named migration 0006_terminal_claims of sync/server/schema.py.

One row per (store, terminal): the feed epoch and positions (`known_seq`, `window_seq`), the
`occurred_at` and `terminal_seq` of its latest settlement. The terminal's next based_on_cursor
and occurred_at are bounded by them (sync/server/bounds.py); a terminal without a row starts
afresh. A pre-Alembic store that already ran 0006_terminal_claims is adopted by stamping this
revision instead of running it (sync/server/migrate.py).

Revision ID: 0003_terminal_claims
Revises: 0002_feed_head
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_terminal_claims"
down_revision = "0002_feed_head"
branch_labels = None
depends_on = None

Int = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
T = sa.Text


def upgrade() -> None:
    op.create_table(
        "terminal_claims",
        sa.Column("store_id", T, nullable=False), sa.Column("terminal_id", T, nullable=False), sa.Column("epoch", T, nullable=False),
        sa.Column("known_seq", Int, nullable=False), sa.Column("window_seq", Int, nullable=False),
        sa.Column("occurred_at", T, nullable=False), sa.Column("terminal_seq", Int, nullable=False),
        sa.PrimaryKeyConstraint("store_id", "terminal_id"),
    )


def downgrade() -> None:
    op.drop_table("terminal_claims")
