"""Store slices: each terminal pulls its brand's catalog and its store's members (issue 14, section 3).

* `entities.scope`: who may receive a row, written at put time (sync/server/slices.py): NULL =
  every device (chain-wide kinds), else space-framed tokens " b:<brand> s:<store> " (a device of
  store S of brand B receives the row when its scope holds `b:B` or `s:S`) plus exit tokens
  `-b:B`, `-s:S`, `-*` (a device that no longer matches but did before receives a tombstone).
  Existing rows get their scope filled in here from their bodies (stores, staff, earn rules,
  coupon templates, coupons by their template), so an upgraded chain is scoped at once.
* `store_members(store_id, member_id, home, bought_at, looked_up_at)`: the member slice of each
  store: home members (catalog `home_store`), members who bought there (the server books their
  settlement), members looked up online at one of its counters. Filled here from the accepted
  settlements already stored (one row per store and member, `bought_at` the last one).
* `member_cards(card_hash, member_id)`: the salted card hash a terminal sends to look a member
  up online (POST /v1/member-lookup), kept when member rows are written; filled here when the
  chain's salt exists already (else at the next catalog import).

Revision ID: 0005_slices
Revises: 0004_quarantine_reports
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_slices"
down_revision = "0004_quarantine_reports"
branch_labels = None
depends_on = None

T = sa.Text


def upgrade() -> None:
    op.add_column("entities", sa.Column("scope", T))
    op.create_table(
        "store_members",
        sa.Column("store_id", T, nullable=False), sa.Column("member_id", T, nullable=False),
        sa.Column("home", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("bought_at", T), sa.Column("looked_up_at", T),
        sa.PrimaryKeyConstraint("store_id", "member_id"),
    )
    op.create_index("store_members_member", "store_members", ["member_id"])
    op.create_table(
        "member_cards",
        sa.Column("card_hash", T, primary_key=True), sa.Column("member_id", T, nullable=False),
    )
    op.create_index("member_cards_member", "member_cards", ["member_id"])
    from sync.server.slices import backfill

    backfill(op.get_bind())


def downgrade() -> None:
    op.drop_index("member_cards_member", "member_cards")
    op.drop_table("member_cards")
    op.drop_index("store_members_member", "store_members")
    op.drop_table("store_members")
    op.drop_column("entities", "scope")
