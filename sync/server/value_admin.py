"""HQ operations on stored value and gift cards (admin CLI `issue-gift-card`, `list-value`; catalog import).

Every balance change is a value_ledger row and the account row's new balance in one write
transaction: an account's `balance` is always the sum of its ledger rows. Amounts: minor units.
"""

from __future__ import annotations

import uuid
import json
from typing import TYPE_CHECKING, Any

from terminal.domain.codes import gs1_check_digit
from terminal.domain.stored_value import MAX_VALUE

from sync.server.errors import AdminError

if TYPE_CHECKING:
    from sync.server.store import CentralStore


def _entry(store: CentralStore, account_id: str, program_id: str, amount: int, kind: str, note: str | None) -> None:
    store.conn.execute(
        "INSERT INTO value_ledger(event_id, account_id, program_id, amount, kind, at, note) VALUES (NULL,?,?,?,?,?,?)",
        (account_id, program_id, amount, kind, store.clock().isoformat(), note))


def imported_account(store: CentralStore, body: dict) -> dict:
    """A catalog's account row as stored (inside the import's transaction): an account the server has
    keeps its balance (its ledger decides, not the file); a new one books its opening balance as `issue`."""
    old = store.get("value_account", body["account_id"])
    if old is not None:
        return {**body, "balance": old["balance"]}
    if body["balance"]:
        _entry(store, body["account_id"], body["program_id"], body["balance"], "issue", "catalog")
    return body


def issue_gift_card(store: CentralStore, program_id: str, amount: int, *, number: str | None = None,
                    account_id: str | None = None, valid_until: str | None = None) -> dict[str, Any]:
    """A new gift card of `program_id` worth `amount` (1..MAX_VALUE minor units); its printed number is
    made (GS1 check digit) unless given. Returns the account row (with its number: HQ prints it)."""
    if isinstance(amount, bool) or not isinstance(amount, int) or not (1 <= amount <= MAX_VALUE):
        raise AdminError(f"--amount must be 1..{MAX_VALUE} (minor units), not {amount}")
    if number is not None and not (number.isdigit() and 8 <= len(number) <= 20 and gs1_check_digit(number[:-1]) == int(number[-1])):
        raise AdminError(f"--number {number[:24]!r} is not 8-20 digits with a valid check digit")
    with store.write():
        prog = store.get("value_program", program_id)
        if prog is None:
            raise AdminError(f"unknown value program {program_id!r}")
        p = json.loads(prog["body"])
        if p["kind"] != "gift_card":
            raise AdminError(f"value program {program_id!r} is a {p['kind']}, not a gift card")
        if amount > p.get("max_balance", MAX_VALUE):
            raise AdminError(f"--amount {amount} is more than the program's max_balance {p.get('max_balance')}")
        if number is None:
            body12 = str(uuid.uuid4().int)[:12]
            number = "77" + body12[:11]
            number += str(gs1_check_digit(number))
        account_id = account_id or f"GC-{uuid.uuid4().hex[:10].upper()}"
        store.lock_keys(f"value:{account_id}")
        if store.get("value_account", account_id) is not None:
            raise AdminError(f"value account {account_id!r} exists already")
        if any(json.loads(b).get("plain_code") == number for (b,) in store.conn.execute(
                "SELECT body FROM entities WHERE kind = 'value_account' AND deleted = 0")):
            raise AdminError(f"gift card number {number} is in use")
        body = {"account_id": account_id, "program_id": program_id, "member_id": None, "plain_code": number, "balance": amount,
                "status": "active", "valid_from": None, "valid_until": valid_until, "brands": p.get("brands") or []}
        _entry(store, account_id, program_id, amount, "issue", "admin issue-gift-card")
        store.put("value_account", account_id, body)
    return body


def list_value(store: CentralStore, *, member_id: str | None = None, program_id: str | None = None, limit: int = 200) -> list[dict]:
    """Accounts with their balance and the sum of their ledger rows (they are equal; `ledger` shows it)."""
    with store.read():
        rows = [json.loads(b) for (b,) in store.conn.execute(
            "SELECT body FROM entities WHERE kind = 'value_account' AND deleted = 0 ORDER BY key LIMIT ?", (limit,))]
        out = []
        for b in rows:
            if (member_id and b.get("member_id") != member_id) or (program_id and b.get("program_id") != program_id):
                continue
            ledger = store.conn.execute("SELECT COALESCE(SUM(amount), 0) FROM value_ledger WHERE account_id = ?",
                                        (b["account_id"],)).fetchone()[0]
            out.append({"account_id": b["account_id"], "program_id": b["program_id"], "member_id": b.get("member_id"),
                        "number": b.get("plain_code"), "balance": b["balance"], "ledger": int(ledger), "status": b.get("status")})
    return out
