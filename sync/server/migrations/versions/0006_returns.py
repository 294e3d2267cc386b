"""Partial returns (issue 15, section 5): the central ledgers hold a return's compensating rows.

`coupon_ledger.kind` gains `return` (a coupon's discount given back or taken back with the items
returned; its uses are unchanged) and `point_ledger.kind` gains `return_earn` (earned points taken
back) and `return_burn` (spent points given back) (sync/server/judge_returns.py). Only the CHECK
constraints change: on PostgreSQL they are replaced in place; SQLite cannot change a CHECK, so each
ledger is rebuilt from its own stored definition with the same rows, indexes and append-only
triggers.

Revision ID: 0006_returns
Revises: 0005_slices
"""

import re

from alembic import op

revision = "0006_returns"
down_revision = "0005_slices"
branch_labels = None
depends_on = None

KINDS = {
    "coupon_ledger": ("'redeem','void','admin_void'", "'redeem','void','admin_void','return'"),
    "point_ledger": ("'earn','burn','void_earn','void_burn','adjust','debt_settle'",
                     "'earn','burn','void_earn','void_burn','adjust','debt_settle','return_earn','return_burn'"),
}


def _sqlite_rebuild(conn, table: str, old: str, new: str) -> None:
    create = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar_one()
    squeezed = re.sub(r"'\s*,\s*'", "','", create)
    if old not in squeezed:
        raise RuntimeError(f"{table}: kind CHECK not as expected; not changed")
    extras = [sql for (sql,) in conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL", (table,))]
    body = squeezed.replace(old, new, 1)
    body = re.sub(rf"^CREATE TABLE\s+\"?{table}\"?", f"CREATE TABLE {table}_0006", body)
    conn.exec_driver_sql(body)
    conn.exec_driver_sql(f"INSERT INTO {table}_0006 SELECT * FROM {table}")
    conn.exec_driver_sql(f"DROP TABLE {table}")  # no trigger fires on a DROP
    conn.exec_driver_sql(f"ALTER TABLE {table}_0006 RENAME TO {table}")
    for sql in extras:
        conn.exec_driver_sql(sql)


def _pg_replace(conn, table: str, old: str, new: str) -> None:
    rows = conn.exec_driver_sql(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %(t)s::regclass AND contype = 'c'",
        {"t": table}).fetchall()
    for name, definition in rows:
        if "kind" in definition:
            conn.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            conn.exec_driver_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" CHECK (kind IN ({new}))')
            return
    raise RuntimeError(f"{table}: no kind CHECK found; not changed")


def _swap(to_new: bool) -> None:
    conn = op.get_bind()
    for table, (old, new) in KINDS.items():
        a, b = (old, new) if to_new else (new, old)
        if conn.dialect.name == "sqlite":
            _sqlite_rebuild(conn, table, a, b)
        else:
            _pg_replace(conn, table, a, b)


def upgrade() -> None:
    _swap(True)


def downgrade() -> None:
    _swap(False)
