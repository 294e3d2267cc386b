"""HQ operations on stored value and gift cards (admin CLI `issue-gift-card`, `list-value`; catalog import).

Every balance change is a value_ledger row and the account row's new balance in one write
transaction: an account's `balance` is always the sum of its ledger rows. Amounts: minor units.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
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
    keeps its balance (its ledger decides, not the file) and a wallet's top-up extension (the later of
    the two ends; None: no end); a new one books its opening balance as `issue`."""
    old = store.get("value_account", body["account_id"])
    if old is not None:
        until = body.get("valid_until")
        if until is not None and old.get("valid_until") and datetime.fromisoformat(old["valid_until"]) > datetime.fromisoformat(until):
            until = old["valid_until"]
        return {**body, "balance": old["balance"], "valid_until": until}
    if body["balance"]:
        _entry(store, body["account_id"], body["program_id"], body["balance"], "issue", "catalog")
    return body


def issue_gift_card(store: CentralStore, program_id: str, amount: int, *, number: str | None = None,
                    account_id: str | None = None, valid_until: str | None = None, signer=None, key_id: int | None = None) -> dict[str, Any]:
    """A new gift card of `program_id` worth `amount` (1..MAX_VALUE minor units); its printed number is
    made (GS1 check digit) unless given. Without `valid_until` it ends the program's `validity_days`
    after now (`stored_value.issued_until`; no end without them). Returns the account row (with its
    number: HQ prints it) and, given an issuer `signer` (terminal.infra.crypto.Signer) whose public key
    is the feed's active issuer key `key_id`, `signed_code`: the card's `LT1G…` code (terminal/domain/codes.py)."""
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
        if signer is not None:
            _check_issuer_key(store, signer, key_id)
        if valid_until is None and p.get("validity_days"):
            valid_until = (store.clock() + timedelta(days=p["validity_days"])).isoformat()
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
    if signer is not None:
        from terminal.domain import codes

        body = {**body, "signed_code": codes.encode_signed(
            "G", key_id, codes.gift_card_fields(account_id, program_id, store.clock().date()), signer.sign)}
    return body


def _check_issuer_key(store: CentralStore, signer, key_id) -> None:
    """The signer must be the feed's active issuer key `key_id` (else every terminal refuses its codes)."""
    if isinstance(key_id, bool) or not isinstance(key_id, int) or not 0 <= key_id <= 255:
        raise AdminError(f"--key-id must be an issuer key id 0..255, not {str(key_id)[:20]!r}")
    key = store.get("issuer_key", str(key_id))
    if key is None or key.get("status", "active") != "active":
        raise AdminError(f"--key-id {key_id}: no active issuer key {key_id} in the feed (terminals would refuse the code)")
    if store.get("revocation", f"key:{key_id}") is not None:
        raise AdminError(f"--key-id {key_id}: issuer key {key_id} is revoked (terminals would refuse the code)")
    if key.get("public_key") != signer.public_b64():
        raise AdminError(f"--sign-key is not the private key of issuer key {key_id} (its public key differs): terminals "
                         "would refuse the code as forged")


def load_signer(path: str):
    """An issuer signing key from a file: the raw Ed25519 private key in base64 on its one line that is
    not blank or a `#` comment (the format of resources/demo/DEMO-ONLY-issuer-key.txt). AdminError otherwise."""
    from terminal.infra.crypto import Signer

    try:
        with open(path, encoding="utf-8") as f:
            lines = [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    except OSError as exc:
        raise AdminError(f"--sign-key {path[:200]}: cannot read it ({exc.strerror})") from None
    if len(lines) != 1:
        raise AdminError(f"--sign-key {path[:200]}: one line with the base64 private key expected, found {len(lines)}")
    try:
        return Signer.from_b64(lines[0])
    except Exception:  # binascii.Error, ValueError: not a 32-byte base64 key
        raise AdminError(f"--sign-key {path[:200]}: not a base64 Ed25519 private key (32 bytes)") from None


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
