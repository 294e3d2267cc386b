"""Coupons created from terminal-signed vouchers before their issuing event (device-voucher bounds).

`device_vouchers`: one row per coupon the server created from a voucher a terminal signed (`LT1V…`,
`signed_by_device`) that no issuing event has adopted yet. The allowance `device_vouchers_unbacked`
bounds them per signing device (sync/server/rules.py `_within_unbacked`) with one indexed COUNT
instead of a scan of the coupon entities' JSON. Rows leave when the exchange or sale that issues the
coupon adopts it (sync/server/device_vouchers.py). Existing unadopted coupons are indexed here.

Revision ID: 0011_device_vouchers
Revises: 0010_promotions
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0011_device_vouchers"
down_revision = "0010_promotions"
branch_labels = None
depends_on = None

T = sa.Text


def upgrade() -> None:
    op.create_table(
        "device_vouchers",
        sa.Column("code", T, primary_key=True), sa.Column("device_id", T, nullable=False), sa.Column("store_id", T),
        sa.Column("terminal_id", T), sa.Column("created_at", T, nullable=False),
    )
    op.create_index("device_vouchers_device", "device_vouchers", ["device_id"])
    bind = op.get_bind()
    # coupons made from a device's signature before this revision (few: the feature is days old)
    rows = bind.execute(sa.text("SELECT key, body FROM entities WHERE kind = 'coupon' AND deleted = 0 "
                                "AND body LIKE '%signed_by_device%'")).fetchall()
    for key, body in rows:
        try:
            b = json.loads(body)
        except ValueError:
            continue
        if isinstance(b, dict) and isinstance(b.get("signed_by_device"), str) and not b.get("issued_by_event"):
            bind.execute(sa.text("INSERT INTO device_vouchers (code, device_id, created_at) VALUES (:c, :d, :t)"),
                         {"c": key, "d": b["signed_by_device"], "t": str(b.get("issued_at") or "")})


def downgrade() -> None:
    op.drop_index("device_vouchers_device", "device_vouchers")
    op.drop_table("device_vouchers")
