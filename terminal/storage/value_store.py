"""Stored value and gift cards in the replica: programs, accounts, the local value ledger.

Tables (migration 0011_stored_value):
    value_programs(id, body)            catalog JSON of each program (terminal/catalog.py ValueProgramIn)
    topup_bonuses(id, body)             catalog JSON of each top-up bonus rule
    value_accounts(account_id, ...)     wallets (member_id) and gift cards (number_key: the printed number
                                        hashed with the chain's salt and keyed with the replica secret, like
                                        a coupon's: a store PC never holds a gift card's number)
    value_ledger(...)                   this terminal's effects, append-only (triggers refuse UPDATE/DELETE):
                                        topup, bonus (> 0), spend (< 0), void_* (exact negations), refund (> 0: a partial
                                        return's share given back, under the return's event)
    topups(topup_id, ...)               each top-up with its receipt (idempotent per topup id)

A top-up's points bonus is an earned lot `topup/<event id>` of the wallet's member with its point_ledger
row; point rows name a settlements row, so the top-up gets one of kind 'topup' (checkout id
`topup:<topup id>`, `topup_checkout_id`), which sales reports leave out (kind 'sale') and void/return refuse.

An account's balance as the counter shows it = the replica's balance + its value_ledger rows whose
outbox event the replica does not reflect yet (the same overlay as points). Amounts: integer minor
units of the program's currency. The caller holds the transaction for every write.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from terminal.domain.stored_value import ValueAccount, ValueProgram, TopupBonus

SCHEMA = [
    """CREATE TABLE value_programs (id TEXT PRIMARY KEY, body TEXT NOT NULL)""",
    """CREATE TABLE topup_bonuses (id TEXT PRIMARY KEY, body TEXT NOT NULL)""",
    """CREATE TABLE value_accounts (account_id TEXT PRIMARY KEY, program_id TEXT NOT NULL, member_id TEXT,
        number_key TEXT UNIQUE, balance INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active','blocked')), valid_from TEXT, valid_until TEXT,
        origin TEXT NOT NULL DEFAULT 'replica' CHECK (origin IN ('replica','local')))""",
    """CREATE INDEX value_accounts_member ON value_accounts(member_id)""",
    """CREATE TABLE value_ledger (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES outbox(event_id),
        checkout_id TEXT, topup_id TEXT, account_id TEXT NOT NULL, program_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('topup','bonus','spend','void_topup','void_bonus','void_spend','refund')),
        amount INTEGER NOT NULL, tender TEXT, at TEXT NOT NULL)""",
    """CREATE INDEX value_ledger_account ON value_ledger(account_id)""",
    """CREATE INDEX value_ledger_event ON value_ledger(event_id)""",
    """CREATE TRIGGER value_ledger_no_update BEFORE UPDATE ON value_ledger BEGIN
        SELECT RAISE(ABORT, 'value_ledger is append-only'); END""",
    """CREATE TRIGGER value_ledger_no_delete BEFORE DELETE ON value_ledger BEGIN
        SELECT RAISE(ABORT, 'value_ledger is append-only'); END""",
    """CREATE TABLE topups (topup_id TEXT PRIMARY KEY, request_sha256 TEXT NOT NULL, account_id TEXT NOT NULL,
        amount INTEGER NOT NULL, bonus_value INTEGER NOT NULL, tender TEXT NOT NULL, cashier_id TEXT NOT NULL,
        topped_up_at TEXT NOT NULL, event_id TEXT NOT NULL REFERENCES outbox(event_id), receipt TEXT NOT NULL)""",
    """CREATE INDEX topups_at ON topups(topped_up_at)""",
]


def _dt(s: str | None) -> datetime | None:
    return datetime.fromisoformat(s) if s else None


def _iso(v) -> str | None:
    return v.isoformat() if v is not None else None


# ---- catalog ---------------------------------------------------------------------------------
def import_catalog(conn: sqlite3.Connection, cat, secret, salt: str) -> None:
    """Replace programs, bonuses and accounts with the catalog's (a fresh replica; keyed numbers)."""
    from terminal.catalog import account_valid_until
    from terminal.storage import keyed

    progs = {p.id: p for p in cat.value_programs}
    for table in ("value_accounts", "topup_bonuses", "value_programs"):
        conn.execute(f"DELETE FROM {table}")
    conn.executemany("INSERT INTO value_programs(id, body) VALUES (?, ?)", [(p.id, p.model_dump_json()) for p in cat.value_programs])
    conn.executemany("INSERT INTO topup_bonuses(id, body) VALUES (?, ?)", [(b.id, b.model_dump_json()) for b in cat.topup_bonuses])
    conn.executemany(
        """INSERT INTO value_accounts(account_id, program_id, member_id, number_key, balance, status, valid_from, valid_until)
           VALUES (?,?,?,?,?,?,?,?)""",
        [(a.id, a.program, a.member, keyed.number_key_of(secret, salt, a.number) if a.number else None, a.balance, a.status,
          _iso(a.valid_from), _iso(account_valid_until(a, progs.get(a.program)))) for a in cat.value_accounts])


_PARSED: dict[str, ValueProgram] = {}  # catalog body -> program: each body is validated once per process, not per sale


def programs(conn: sqlite3.Connection) -> dict[str, ValueProgram]:
    """{program id: ValueProgram} of the replica's catalog (bodies parsed once each, then reused)."""
    from terminal.catalog import ValueProgramIn, to_value_program

    out: dict[str, ValueProgram] = {}
    for pid, body in conn.execute("SELECT id, body FROM value_programs"):
        p = _PARSED.get(body)
        if p is None:
            if len(_PARSED) > 1000:
                _PARSED.clear()
            p = _PARSED[body] = to_value_program(ValueProgramIn.model_validate_json(body))
        out[pid] = p
    return out


def bonuses(conn: sqlite3.Connection) -> tuple[TopupBonus, ...]:
    from terminal.catalog import TopupBonusIn, to_topup_bonus

    return tuple(to_topup_bonus(TopupBonusIn.model_validate_json(r[0])) for r in conn.execute("SELECT body FROM topup_bonuses ORDER BY id"))


# ---- accounts (replica + overlay) ------------------------------------------------------------
_ACCOUNT_SQL = """SELECT a.account_id, a.program_id, a.balance + COALESCE((
        SELECT SUM(v.amount) FROM value_ledger v JOIN outbox o ON o.event_id = v.event_id
        WHERE v.account_id = a.account_id AND o.reflected = 0), 0),
    a.member_id, a.status, a.valid_from, a.valid_until, (
        SELECT MAX(v.at) FROM value_ledger v JOIN outbox o ON o.event_id = v.event_id
        WHERE v.account_id = a.account_id AND v.kind = 'topup' AND o.reflected = 0) FROM value_accounts a"""


def _account(r) -> ValueAccount | None:
    if r is None:
        return None
    # r[7]: the latest top-up not reflected yet (a wallet's validity runs from it; voided or not, as on the server)
    return ValueAccount(r[0], r[1], r[2], r[3], r[4], _dt(r[5]), _dt(r[6]), _dt(r[7]))


def account(conn: sqlite3.Connection, account_id: str) -> ValueAccount | None:
    return _account(conn.execute(_ACCOUNT_SQL + " WHERE a.account_id = ?", (account_id,)).fetchone())


def account_by_number_key(conn: sqlite3.Connection, key: str) -> ValueAccount | None:
    return _account(conn.execute(_ACCOUNT_SQL + " WHERE a.number_key = ?", (key,)).fetchone())


def member_accounts(conn: sqlite3.Connection, member_id: str) -> list[ValueAccount]:
    return [_account(r) for r in conn.execute(_ACCOUNT_SQL + " WHERE a.member_id = ? ORDER BY a.account_id", (member_id,))]


def unsynced_spent(conn: sqlite3.Connection, account_id: str) -> int:
    """Value spent from the account by events the replica does not reflect yet (>= 0; voids net out)."""
    return conn.execute(
        """SELECT COALESCE(-SUM(v.amount), 0) FROM value_ledger v JOIN outbox o ON o.event_id = v.event_id
           WHERE v.account_id = ? AND v.kind IN ('spend', 'void_spend') AND o.reflected = 0""", (account_id,)).fetchone()[0]


# ---- writes (caller holds the transaction) ---------------------------------------------------
def write_spends(conn: sqlite3.Connection, *, event_id: str, checkout_id: str, spends, at: datetime) -> None:
    conn.executemany(
        """INSERT INTO value_ledger(event_id, checkout_id, account_id, program_id, kind, amount, at)
           VALUES (?,?,?,?,'spend',?,?)""",
        [(event_id, checkout_id, s.account_id, s.program_id, -s.amount, at.isoformat()) for s in spends])


def write_topup(conn: sqlite3.Connection, plan, *, topup_id: str, event_id: str, request_sha256: str, tender: str,
                cashier_id: str, at: datetime, receipt: dict) -> None:
    rows = [(event_id, topup_id, plan.account_id, plan.program_id, "topup", plan.amount, tender, at.isoformat())]
    if plan.bonus_value:
        rows.append((event_id, topup_id, plan.account_id, plan.program_id, "bonus", plan.bonus_value, None, at.isoformat()))
    conn.executemany(
        "INSERT INTO value_ledger(event_id, topup_id, account_id, program_id, kind, amount, tender, at) VALUES (?,?,?,?,?,?,?,?)", rows)
    conn.execute(
        """INSERT INTO topups(topup_id, request_sha256, account_id, amount, bonus_value, tender, cashier_id, topped_up_at, event_id,
               receipt) VALUES (?,?,?,?,?,?,?,?,?,?)""",
        (topup_id, request_sha256, plan.account_id, plan.amount, plan.bonus_value, tender, cashier_id, at.isoformat(), event_id,
         json.dumps(receipt, ensure_ascii=False)))


def topup_checkout_id(topup_id: str) -> str:
    """The settlements row a top-up's points rows name (a top-up id is no sale's checkout id)."""
    return f"topup:{topup_id}"


def write_bonus_points(conn: sqlite3.Connection, plan, *, topup_id: str, member_id: str, lot_id: str, expires_at: datetime | None,
                       event_id: str, store_id: str, terminal_id: str, cashier_id: str, at: datetime, receipt: dict) -> None:
    """A points bonus: the top-up's settlements row (kind 'topup', no money), the earned lot and its `earn` row."""
    at_s, checkout_id = at.isoformat(), topup_checkout_id(topup_id)
    conn.execute(
        """INSERT INTO settlements(checkout_id, request_sha256, store_id, terminal_id, cashier_id, member_id, gross,
               coupon_discount, points_discount, total, settled_at, event_id, receipt, kind) VALUES (?,?,?,?,?,?,0,0,0,0,?,?,?,'topup')""",
        (checkout_id, "-", store_id, terminal_id, cashier_id, member_id, at_s, event_id, json.dumps(receipt, ensure_ascii=False)))
    conn.execute("INSERT INTO point_lots(lot_id, member_id, point_type, points, earned_at, expires_at, origin) VALUES (?,?,?,0,?,?,'local')",
                 (lot_id, member_id, plan.point_type, at_s, _iso(expires_at)))
    conn.execute(
        "INSERT INTO point_ledger(event_id, checkout_id, member_id, point_type, lot_id, delta, kind, rule_id, at) VALUES (?,?,?,?,?,?,'earn',?,?)",
        (event_id, checkout_id, member_id, plan.point_type, lot_id, plan.bonus_points, f"topup_bonus:{plan.bonus_rule_id}", at_s))


def void_bonus_points(conn: sqlite3.Connection, *, topup_id: str, original_event_id: str, event_id: str, at: datetime) -> list[dict]:
    """The exact negation of a top-up's points bonus (`void_earn` on its lot), as a sale's void takes back
    what it earned: a lot whose points were spent meanwhile goes negative (a debt, netted with the
    member's other lots as for a sale's void). Returns the rows written (for the receipt)."""
    rows = conn.execute("SELECT member_id, point_type, lot_id, delta, rule_id FROM point_ledger WHERE event_id = ? AND kind = 'earn'",
                        (original_event_id,)).fetchall()
    conn.executemany(
        "INSERT INTO point_ledger(event_id, checkout_id, member_id, point_type, lot_id, delta, kind, rule_id, at) VALUES (?,?,?,?,?,?,'void_earn',?,?)",
        [(event_id, topup_checkout_id(topup_id), r[0], r[1], r[2], -r[3], r[4], at.isoformat()) for r in rows])
    return [{"lot_id": r[2], "point_type": r[1], "delta": -r[3], "kind": "void_earn"} for r in rows]


def topup(conn: sqlite3.Connection, topup_id: str) -> dict[str, Any] | None:
    r = conn.execute("SELECT request_sha256, receipt FROM topups WHERE topup_id = ?", (topup_id,)).fetchone()
    return None if r is None else {"request_sha256": r[0], "receipt": json.loads(r[1])}


def topup_voided(conn: sqlite3.Connection, original_event_id: str) -> bool:
    """Has the top-up of `original_event_id` been voided here (its rows negated)?"""
    r = conn.execute("SELECT topup_id FROM value_ledger WHERE event_id = ? AND kind = 'topup' LIMIT 1", (original_event_id,)).fetchone()
    return r is not None and conn.execute("SELECT 1 FROM value_ledger WHERE topup_id = ? AND kind = 'void_topup' LIMIT 1",
                                          (r[0],)).fetchone() is not None


def write_void(conn: sqlite3.Connection, *, original_event_id: str, event_id: str, checkout_id: str | None, at: datetime) -> list[dict]:
    """The exact negation of the original event's value rows; returns them (for the receipt)."""
    rows = conn.execute(
        "SELECT account_id, program_id, kind, amount, topup_id FROM value_ledger WHERE event_id = ? AND kind IN ('topup','bonus','spend') "
        "ORDER BY id", (original_event_id,)).fetchall()
    conn.executemany(
        "INSERT INTO value_ledger(event_id, checkout_id, topup_id, account_id, program_id, kind, amount, at) VALUES (?,?,?,?,?,?,?,?)",
        [(event_id, checkout_id, r[4], r[0], r[1], "void_" + r[2], -r[3], at.isoformat()) for r in rows])
    return [{"account_id": r[0], "kind": "void_" + r[2], "amount": -r[3]} for r in rows]


def write_refunds(conn: sqlite3.Connection, *, event_id: str, checkout_id: str, sale_event_id: str, refunds, at: datetime) -> None:
    """A partial return's value given back: one `refund` row (> 0) per (account_id, amount) of
    `refunds`, under the return's event; the program is the one the sale's spend row names."""
    if not refunds:
        return
    prog = {r["account_id"]: r["program_id"] for r in spends_of(conn, sale_event_id)}
    conn.executemany(
        "INSERT INTO value_ledger(event_id, checkout_id, account_id, program_id, kind, amount, at) VALUES (?,?,?,?,'refund',?,?)",
        [(event_id, checkout_id, aid, prog[aid], amount, at.isoformat()) for aid, amount in refunds if amount > 0])


def spends_of(conn: sqlite3.Connection, event_id: str) -> list[dict]:
    """The value spent by one settlement event {account_id, program_id, amount > 0} (returns: refund in proportion)."""
    return [{"account_id": r[0], "program_id": r[1], "amount": -r[2]} for r in conn.execute(
        "SELECT account_id, program_id, amount FROM value_ledger WHERE event_id = ? AND kind = 'spend' ORDER BY id", (event_id,))]


def day_figures(conn: sqlite3.Connection, start: str, end: str) -> dict[str, int]:
    """Net value ledger figures of a store day [start, end) (ISO UTC): top-ups, bonuses (value; and
    `topup_bonus_points`, the points bonuses of the point ledger), stored value
    and gift card spent (positive numbers; voids of the day net them) and given back by partial returns
    (`*_refunded`, positive; the spent figures are not netted by them)."""
    out = {"topups": 0, "topup_bonus": 0, "stored_value_spent": 0, "gift_card_spent": 0, "topup_count": 0,
           "stored_value_refunded": 0, "gift_card_refunded": 0,
           # points bonuses of top-ups (all point types; voids of the day net them)
           "topup_bonus_points": conn.execute(
               "SELECT COALESCE(SUM(delta), 0) FROM point_ledger WHERE rule_id LIKE 'topup_bonus:%' AND at >= ? AND at < ?",
               (start, end)).fetchone()[0]}
    progs = programs(conn)
    for kind, program_id, amount, n in conn.execute(
            """SELECT kind, program_id, SUM(amount), COUNT(*) FROM value_ledger WHERE at >= ? AND at < ?
               GROUP BY kind, program_id""", (start, end)):
        base = kind.removeprefix("void_")
        if base == "topup":
            out["topups"] += amount
            out["topup_count"] += n if kind == "topup" else -n
        elif base == "bonus":
            out["topup_bonus"] += amount
        elif base == "spend":
            p = progs.get(program_id)
            out["gift_card_spent" if p is not None and p.kind == "gift_card" else "stored_value_spent"] -= amount
        elif kind == "refund":  # given back by partial returns
            p = progs.get(program_id)
            out["gift_card_refunded" if p is not None and p.kind == "gift_card" else "stored_value_refunded"] += amount
    return out
