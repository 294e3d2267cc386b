"""Replica rows of partial returns (issue 15, section 5): the `returns` table and the compensating
ledger rows a return writes, inside the caller's transaction. Migration 0010_returns (the steps
below) adds the table and lets the append-only ledgers hold return rows (`return`,
`return_earn`, `return_burn`); SQLite cannot change a CHECK in place, so both ledgers are rebuilt
with the same rows, indexes and append-only triggers."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from terminal.domain.returns import ReturnPlan


def _rebuild(table: str, create: str, indexes: list[str]) -> list[str]:
    return [
        create.replace(f"CREATE TABLE {table} (", f"CREATE TABLE {table}_0010 ("),
        f"INSERT INTO {table}_0010 SELECT * FROM {table}",
        f"DROP TABLE {table}",  # its indexes and triggers go with it (no trigger fires on a DROP)
        f"ALTER TABLE {table}_0010 RENAME TO {table}",
        *indexes,
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN
            SELECT RAISE(ABORT, '{table} is append-only'); END""",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN
            SELECT RAISE(ABORT, '{table} is append-only'); END""",
    ]


MIGRATION_0010: list[str] = [
    *_rebuild("coupon_ledger", """CREATE TABLE coupon_ledger (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES outbox(event_id),
        checkout_id TEXT NOT NULL REFERENCES settlements(checkout_id), code TEXT NOT NULL REFERENCES coupon_instances(code),
        template_id TEXT NOT NULL, member_id TEXT, uses INTEGER NOT NULL, discount INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('redeem','void','return')), at TEXT NOT NULL, parent_code TEXT, partner TEXT)""",
              ["CREATE INDEX coupon_ledger_code ON coupon_ledger(code)",
               "CREATE INDEX coupon_ledger_member_tpl ON coupon_ledger(member_id, template_id)",
               "CREATE INDEX coupon_ledger_event ON coupon_ledger(event_id)"]),
    *_rebuild("point_ledger", """CREATE TABLE point_ledger (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES outbox(event_id),
        checkout_id TEXT NOT NULL REFERENCES settlements(checkout_id), member_id TEXT NOT NULL,
        point_type TEXT NOT NULL, lot_id TEXT NOT NULL REFERENCES point_lots(lot_id), delta INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('earn','burn','void_earn','void_burn','return_earn','return_burn')), rule_id TEXT,
        at TEXT NOT NULL)""",
              ["CREATE INDEX point_ledger_lot ON point_ledger(lot_id)",
               "CREATE INDEX point_ledger_member ON point_ledger(member_id)",
               "CREATE INDEX point_ledger_event ON point_ledger(event_id)"]),
    # one row per partial return: the units per line (JSON {line_id: units}) and the refund (minor units)
    """CREATE TABLE returns (event_id TEXT PRIMARY KEY REFERENCES outbox(event_id), return_id TEXT NOT NULL UNIQUE,
        checkout_id TEXT NOT NULL REFERENCES settlements(checkout_id), manager_id TEXT NOT NULL, reason TEXT NOT NULL,
        units TEXT NOT NULL, refund INTEGER NOT NULL CHECK (refund >= 0), points_clawed INTEGER NOT NULL,
        points_returned INTEGER NOT NULL, returned_at TEXT NOT NULL, receipt TEXT NOT NULL)""",
    """CREATE INDEX returns_checkout ON returns(checkout_id, returned_at)""",
    """CREATE INDEX returns_at ON returns(returned_at)""",
]


def earlier_units(conn, checkout_id: str) -> list[dict[int, int]]:
    """The units of each earlier return of the sale, oldest first."""
    return [{int(k): v for k, v in json.loads(u).items()} for (u,) in conn.execute(
        "SELECT units FROM returns WHERE checkout_id = ? ORDER BY returned_at, rowid", (checkout_id,))]


def by_return_id(conn, return_id: str) -> dict[str, Any] | None:
    r = conn.execute("SELECT checkout_id, receipt FROM returns WHERE return_id = ?", (return_id,)).fetchone()
    return None if r is None else {"checkout_id": r[0], "receipt": json.loads(r[1])}


def write_return(conn, plan: ReturnPlan, *, return_id: str, event_id: str, member_id: str | None, manager_id: str,
                 reason: str, at: datetime, receipt: dict) -> None:
    """The return row and its compensating ledger rows (coupon discount deltas with 0 uses; earned
    points taken back and spent points given back, on their lots)."""
    at_s = at.isoformat()
    cid = plan.checkout_id
    conn.executemany(
        """INSERT INTO coupon_ledger(event_id, checkout_id, code, template_id, member_id, uses, discount, kind, at, parent_code, partner)
           SELECT ?, ?, ?, ?, ?, 0, ?, 'return', ?, parent_code, partner FROM coupon_ledger
           WHERE checkout_id = ? AND code = ? AND kind = 'redeem' LIMIT 1""",
        [(event_id, cid, code, tid, member_id, delta, at_s, cid, code) for code, tid, delta in plan.coupons])
    rows = [(event_id, cid, member_id, m.point_type, m.lot_id, -m.points, "return_earn", None, at_s) for m in plan.points_clawed]
    rows += [(event_id, cid, member_id, m.point_type, m.lot_id, m.points, "return_burn", None, at_s) for m in plan.points_returned]
    conn.executemany(
        "INSERT INTO point_ledger(event_id, checkout_id, member_id, point_type, lot_id, delta, kind, rule_id, at) VALUES (?,?,?,?,?,?,?,?,?)",
        rows)
    conn.execute(
        """INSERT INTO returns(event_id, return_id, checkout_id, manager_id, reason, units, refund, points_clawed, points_returned,
               returned_at, receipt) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
        (event_id, return_id, cid, manager_id, reason, json.dumps({str(k): v for k, v in plan.units}), plan.refund,
         sum(m.points for m in plan.points_clawed), sum(m.points for m in plan.points_returned), at_s,
         json.dumps(receipt, ensure_ascii=False)))
