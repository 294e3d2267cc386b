"""Member value that moves (issue 15): giveaway claims and coupon transfers.

* `giveaway_claims`: one row per claim the server booked (`count` 1) and per void of one (`count`
  -1), append-only: a campaign's claimed points and a member's claims are sums over it, counted
  chain-wide (sync/server/member_value.py judges claims against them).
* `coupon_transfers`: one row per gift of a voucher (POST /v1/transfer, `admin transfer-coupon`):
  who gave it to whom, by which device or admin, and the feed position from which terminals see
  the new owner (`seq`: a redemption by the old owner on a terminal whose cursor is below it is an
  honest offline difference, at or above it a claim no counter makes). `request_id` makes a repeated
  request answer the first transfer.

Revision ID: 0008_giveaway_claims_transfers
Revises: 0007_stored_value
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_giveaway_claims_transfers"
down_revision = "0007_stored_value"
branch_labels = None
depends_on = None

Int = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
T = sa.Text


def upgrade() -> None:
    op.create_table(
        "giveaway_claims",
        sa.Column("id", Int, primary_key=True, autoincrement=True), sa.Column("event_id", T, nullable=False),
        sa.Column("campaign_id", T, nullable=False), sa.Column("member_id", T, nullable=False),
        sa.Column("store_id", T, nullable=False), sa.Column("terminal_id", T, nullable=False),
        sa.Column("points", Int, nullable=False), sa.Column("count", Int, sa.CheckConstraint("count IN (1, -1)"), nullable=False),
        sa.Column("claim_event_id", T, nullable=False), sa.Column("at", T, nullable=False),
    )
    op.create_index("giveaway_claims_campaign", "giveaway_claims", ["campaign_id", "member_id"])
    op.create_table(
        "coupon_transfers",
        sa.Column("id", Int, primary_key=True, autoincrement=True), sa.Column("request_id", T, nullable=False, unique=True),
        sa.Column("code", T, nullable=False), sa.Column("from_member", T, nullable=False), sa.Column("to_member", T, nullable=False),
        sa.Column("remaining_uses", Int, nullable=False), sa.Column("by_device", T), sa.Column("store_id", T),
        sa.Column("terminal_id", T), sa.Column("by_admin", T), sa.Column("seq", Int, nullable=False), sa.Column("at", T, nullable=False),
    )
    op.create_index("coupon_transfers_code", "coupon_transfers", ["code"])
    bind = op.get_bind()
    from sync.server.tables import append_only_ddl

    for tbl in ("giveaway_claims", "coupon_transfers"):
        for stmt in append_only_ddl(bind.dialect.name, tbl):
            op.execute(stmt)


def downgrade() -> None:
    op.drop_index("coupon_transfers_code", "coupon_transfers")
    op.drop_table("coupon_transfers")
    op.drop_index("giveaway_claims_campaign", "giveaway_claims")
    op.drop_table("giveaway_claims")
