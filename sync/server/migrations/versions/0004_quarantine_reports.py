"""Quarantine reports: pulled rows terminals could not hold, as reported (= 0006_quarantine_reports).

Mirrors the named migration 0006_quarantine_reports of sync/server/schema.py (POST
/v1/quarantine, sync/server/quarantine.py).

`quarantine_reports`: one row per (store, terminal, kind, key) with the reason, the sha256 of the
terminal's copy (never the row itself), when it was first and last reported and when it cleared;
indexed for the open rows and the cleared ones per terminal. `quarantine_terminals`: each
terminal's last report (how many rows it holds, how many it listed: at most 200). A pre-Alembic
store that already ran 0006_quarantine_reports is adopted by stamping this revision
(sync/server/migrate.py).

Revision ID: 0004_quarantine_reports
Revises: 0003_terminal_claims
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_quarantine_reports"
down_revision = "0003_terminal_claims"
branch_labels = None
depends_on = None

T = sa.Text


def _where(condition: str) -> dict:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    op.create_table(
        "quarantine_reports",
        sa.Column("store_id", T, nullable=False), sa.Column("terminal_id", T, nullable=False), sa.Column("kind", T, nullable=False),
        sa.Column("key", T, nullable=False), sa.Column("reason", T, nullable=False), sa.Column("row_sha256", T),
        sa.Column("cursor", T), sa.Column("seen_at", T, nullable=False), sa.Column("device_id", T, nullable=False),
        sa.Column("first_reported_at", T, nullable=False), sa.Column("last_reported_at", T, nullable=False),
        sa.Column("cleared_at", T),
        sa.PrimaryKeyConstraint("store_id", "terminal_id", "kind", "key"),
    )
    op.create_index("quarantine_reports_open", "quarantine_reports", ["store_id", "terminal_id"], **_where("cleared_at IS NULL"))
    op.create_index("quarantine_reports_cleared", "quarantine_reports", ["store_id", "terminal_id", "cleared_at"],
                    **_where("cleared_at IS NOT NULL"))
    op.create_table(
        "quarantine_terminals",
        sa.Column("store_id", T, nullable=False), sa.Column("terminal_id", T, nullable=False), sa.Column("device_id", T, nullable=False),
        sa.Column("total", sa.Integer, nullable=False), sa.Column("listed", sa.Integer, nullable=False),
        sa.Column("reported_at", T, nullable=False),
        sa.PrimaryKeyConstraint("store_id", "terminal_id"),
    )


def downgrade() -> None:
    op.drop_table("quarantine_terminals")
    op.drop_index("quarantine_reports_cleared", "quarantine_reports")
    op.drop_index("quarantine_reports_open", "quarantine_reports")
    op.drop_table("quarantine_reports")
