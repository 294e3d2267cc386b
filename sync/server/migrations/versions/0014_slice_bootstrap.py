"""A device far behind the head reads its rows from its store's slice, not from the positions (issue 14).

sync/server/feed_slice.py `slice_driven_rows` (a bootstrap or a long-offline terminal of a chain
with member slices on) reads three disjoint parts in seq order; two need an index of their own:

* `entities_memberless` (seq) WHERE member_id IS NULL AND kind <> 'slice': the rows without a
  member (catalog, bearer coupons, staff) in position order, without walking the members' rows;
* `entities_slice_scope` (scope, seq) WHERE kind = 'slice': one store's slice entries (scope
  ' s:<store> ', entered or left) in position order, without walking every store's entries.

The members' rows come through `entities_member_id` (revision 0009) from `store_members`.

Revision ID: 0014_slice_bootstrap
Revises: 0010_promotions
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_slice_bootstrap"
down_revision = "0010_promotions"
branch_labels = None
depends_on = None


def _where(condition: str) -> dict:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    op.create_index("entities_memberless", "entities", ["seq"], **_where("member_id IS NULL AND kind <> 'slice'"))
    op.create_index("entities_slice_scope", "entities", ["scope", "seq"], **_where("kind = 'slice'"))


def downgrade() -> None:
    op.drop_index("entities_slice_scope", "entities")
    op.drop_index("entities_memberless", "entities")
