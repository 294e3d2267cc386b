"""Members found at the counter by phone or name, and signed up there (issue 17 section 4.1).

* `member_search_keys`: one row per member: its phone in E.164 (UNIQUE: one member per phone;
  NULL when it has none) and its name's search key (`terminal.domain.phones.name_key`: NFKC,
  case-folded), so POST /v1/members/search finds a phone by the unique index and a name by
  `member_search_keys_name` instead of reading every member's JSON. Kept by CentralStore.put
  and the catalog import (sync/server/member_search.py `index_member`).
* `member_searches`: the audit of every search and sign-up a device made (who, when, what kind,
  the query masked, the members answered); counted per device over the last minute / day it is
  also the rate limit (the same on every worker). A sign-up's `request_id` makes a retry answer the
  first sign-up (unique per device). Rows older than 400 days leave with the daily upkeep.

Existing members are indexed here (no phone: the catalog gains it with this revision).

Revision ID: 0013_member_search
Revises: 0012_slice_bootstrap
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0013_member_search"
down_revision = "0012_slice_bootstrap"
branch_labels = None
depends_on = None

T = sa.Text
Int = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    from terminal.domain.phones import name_key

    op.create_table(
        "member_search_keys",
        sa.Column("member_id", T, primary_key=True), sa.Column("phone", T, unique=True), sa.Column("name_key", T, nullable=False),
    )
    # text_pattern_ops: `name_key LIKE 'prefix%'` uses it on PostgreSQL under any collation
    op.create_index("member_search_keys_name", "member_search_keys", ["name_key"], postgresql_ops={"name_key": "text_pattern_ops"})
    op.create_table(
        "member_searches",
        sa.Column("id", Int, primary_key=True, autoincrement=True), sa.Column("device_id", T, nullable=False),
        sa.Column("store_id", T), sa.Column("terminal_id", T), sa.Column("at", T, nullable=False),
        sa.Column("kind", T, nullable=False), sa.Column("query", T, nullable=False), sa.Column("results", sa.Integer, nullable=False),
        sa.Column("member_ids", T, nullable=False), sa.Column("request_id", T),
    )
    op.create_index("member_searches_device", "member_searches", ["device_id", "kind", "at"])
    op.create_index("member_searches_at", "member_searches", ["at"])  # the daily upkeep drops the old audit
    op.create_index("member_searches_request", "member_searches", ["device_id", "request_id"], unique=True,
                    sqlite_where=sa.text("request_id IS NOT NULL"), postgresql_where=sa.text("request_id IS NOT NULL"))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT key, body FROM entities WHERE kind = 'member' AND deleted = 0")).fetchall()
    for key, body in rows:
        try:
            b = json.loads(body)
        except ValueError:
            continue
        if isinstance(b, dict):
            phone = b.get("phone") if isinstance(b.get("phone"), str) and b.get("phone") else None
            bind.execute(sa.text("INSERT INTO member_search_keys (member_id, phone, name_key) VALUES (:m, :p, :n)"),
                         {"m": key, "p": phone, "n": name_key(b.get("name") if isinstance(b.get("name"), str) else "")})


def downgrade() -> None:
    op.drop_index("member_searches_request", "member_searches")
    op.drop_index("member_searches_at", "member_searches")
    op.drop_index("member_searches_device", "member_searches")
    op.drop_table("member_searches")
    op.drop_index("member_search_keys_name", "member_search_keys")
    op.drop_table("member_search_keys")
