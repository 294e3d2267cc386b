"""The change feed's head row and provisional positions: commit-ordered positions (issue 14).

`feed_head` (one row, id 1) holds the last position handed out; writers take it under its row
lock just before COMMIT (sync/server/changefeed.py). It starts at the highest position already
in `entities`, so an adopted store's feed continues where it was. `feed_provisional` (PostgreSQL
only) numbers the rows a transaction wrote but has not stamped yet (stored negated).

Revision ID: 0002_feed_head
Revises: 0001_baseline
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_feed_head"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.CheckConstraint("id = 1", name="feed_head_one_row"),
    )
    op.execute("INSERT INTO feed_head (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM entities")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE feed_provisional")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE feed_provisional")
    op.drop_table("feed_head")
