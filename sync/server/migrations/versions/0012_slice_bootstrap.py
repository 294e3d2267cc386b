"""A device far behind the head reads its rows from its store's slice, not from the positions (issue 14).

sync/server/feed_slice.py `slice_driven_rows` (a bootstrap or a long-offline terminal of a chain
with member slices on) reads three disjoint parts in seq order, each by its own index:

* `entities_memberless` (seq) WHERE member_id IS NULL AND kind <> 'slice': the rows without a
  member (catalog, bearer coupons, staff) in position order, without walking the members' rows;
* `entities_slice_scope` (scope, seq) WHERE kind = 'slice': one store's slice entries (scope
  ' s:<store> ', entered or left) in position order, without walking every store's entries;
* `entities_member_seq` (member_id, seq) WHERE member_id IS NOT NULL replaces `entities_member_id`
  (member_id; revision 0009): the same lookups (every row of a member, a slice entry's touch),
  and a page of the store's members' rows finds its end from the index alone and seeks each
  member's range of positions instead of loading every row of every member.

Revision ID: 0012_slice_bootstrap
Revises: 0010_promotions
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_slice_bootstrap"
down_revision = "0011_device_vouchers"
branch_labels = None
depends_on = None


def _where(condition: str) -> dict:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    op.create_index("entities_member_seq", "entities", ["member_id", "seq"], **_where("member_id IS NOT NULL"))
    op.drop_index("entities_member_id", "entities")
    op.create_index("entities_memberless", "entities", ["seq"], **_where("member_id IS NULL AND kind <> 'slice'"))
    op.create_index("entities_slice_scope", "entities", ["scope", "seq"], **_where("kind = 'slice'"))


def downgrade() -> None:
    op.drop_index("entities_slice_scope", "entities")
    op.drop_index("entities_memberless", "entities")
    op.create_index("entities_member_id", "entities", ["member_id"], **_where("member_id IS NOT NULL"))
    op.drop_index("entities_member_seq", "entities")
