"""Pure judgement of stored value and gift cards: top-ups, value payments of a settlement, their voids.

No database, no clock (`sync.server.value_facts` fetches, `sync.server.ledgers` writes). The same
domain rules as the counter (terminal/domain/stored_value.py) decide, on the server's own
account rows (entity kind `value_account`, balance = the sum of its `value_ledger` rows):

    judge_topup(env, vf), judge_topup_void    top-ups and their voids: sync/server/value_topup_judge.py
    judge_value_payments(env, vf, verdict)    a settlement's `value_payments`, added to its verdict
    judge_value_void(env, vf, verdict)        a void: the exact reversal of the original's value rows
    judge_value_refunds(env, vf, verdict, refunds)  a partial return: its share of the sale's spends given back

Policy (docs/sync.md, "Judgement policy"): a top-up no honest counter can produce (unknown account,
amount outside 1..the program's max_topup, another currency, another brand, expired or blocked, a
balance beyond max_balance, an unknown tender) is rejected as a whole; a bonus (value or points)
other than the server's own rule is not booked (`quarantined` `topup_bonus_differs`), the server's
bonus is: value on the account, points on lot `topup/<event id>` of the wallet's member
(`stored_value.bonus_lot_id`); a wallet's window is extended (`stored_value.extended_until`). Its void
reverses both exactly (points spent meanwhile leave a debt, netted as for a sale's void). A payment
scanned by a signed gift-card code carries the code (`code`): it is verified again with the issuer keys
(`terminal.domain.codes.parse`) and must name the paying account, else the payment is quarantined
with the code's reason (`forged`, `unknown_key`, `malformed`, `code_names_other_account`). A payment naming an unknown account,
another currency or brand, a wallet of another member, or paying more than the sale's total is
quarantined (not booked); one beyond the balance the server knows is posted within the terminal's
offline allowance `stored_value_per_account` (a manager's override: `override_stored_value_per_account`)
with a `stored_value_overdraft` conflict: an account goes below zero by at most that allowance, chain-wide;
what is beyond it is quarantined.
Amounts: integer minor units. Times: aware datetimes; stored as ISO 8601 text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from terminal.domain import codes
from terminal.domain.models import Member, PointType, Store
from terminal.domain.reasons import CodeError, DomainError
from terminal.domain.stored_value import MAX_TENDERS, MAX_VALUE, TopupBonus, ValueAccount, ValueProgram, check_usable

from sync.server.errors import Reject
from sync.server.judge import Put, Verdict, _id, claimed_time, is_amount
from sync.server.rules import quarantine

TENDERS = ("cash", "card")


@dataclass(frozen=True, slots=True)
class ValueEntry:
    """One central value_ledger row (amount > 0 credits the account, < 0 debits it)."""

    event_id: str | None
    account_id: str
    program_id: str
    amount: int
    kind: str  # issue | topup | bonus | spend | void_* | adjust
    store_id: str | None
    terminal_id: str | None
    checkout_id: str | None
    topup_id: str | None
    at: str
    note: str | None = None


@dataclass
class ValueFacts:
    """What the value judgement may know: account rows (None: unknown centrally), programs, bonus
    rules, the store, the chain's currency, the allowances, for a void the original's value rows; for a
    points bonus the point types and the member's lots; for signed gift-card codes the issuer keys."""

    now: datetime
    currency: str
    store: Store | None = None
    accounts: dict[str, dict | None] = field(default_factory=dict)
    programs: dict[str, ValueProgram] = field(default_factory=dict)
    bonuses: tuple[TopupBonus, ...] = ()
    allowances: dict = field(default_factory=dict)
    original_value: list[dict] = field(default_factory=list)  # void: {account_id, program_id, amount, kind}
    topup_booked_as: str | None = None  # top-up: the event that already booked this terminal's topup_id
    original: dict | None = None  # top-up void: {"store_id", "type", "status", "payload"} of the voided event
    already_voided: bool = False
    manager: dict | None = None  # top-up void: the staff row the payload names
    point_types: dict[str, PointType] = field(default_factory=dict)  # top-up: a points bonus's expiry
    lots: dict[str, dict] = field(default_factory=dict)  # top-up and its void: every lot of the wallet's member
    original_points: list[dict] = field(default_factory=list)  # top-up void: {member_id, lot_id, point_type, delta} earned
    signatures: codes.SignatureCheck | None = None  # settlement: the issuer keys (a payment's signed gift-card code)


def account_of(body: dict, at_balance: int | None = None) -> ValueAccount:
    def dt(v):
        return datetime.fromisoformat(v) if isinstance(v, str) and v else None

    return ValueAccount(body["account_id"], body["program_id"], body["balance"] if at_balance is None else at_balance,
                        body.get("member_id"), body.get("status", "active"), dt(body.get("valid_from")), dt(body.get("valid_until")))


class _Book:
    def __init__(self, vf: ValueFacts, verdict: Verdict) -> None:
        self.vf, self.verdict = vf, verdict
        self.accounts = {k: dict(v) for k, v in vf.accounts.items() if v is not None}

    def move(self, account_id: str, amount: int, kind: str, ctx: dict, note: str | None = None) -> None:
        body = self.accounts[account_id]
        body = {**body, "balance": body["balance"] + amount}
        self.accounts[account_id] = body
        self.verdict.ops.append(Put("value_account", account_id, body, body.get("member_id")))
        self.verdict.ops.append(ValueEntry(ctx["event_id"], account_id, body["program_id"], amount, kind, ctx["store_id"],
                                           ctx["terminal_id"], ctx.get("checkout_id"), ctx.get("topup_id"), ctx["at"], note))


def _member(p: dict) -> Member | None:
    mid = p.get("member_id")
    return Member(mid, "", "") if isinstance(mid, str) else None


def _at(p: dict, env: dict, vf: ValueFacts) -> datetime:
    """Judged at the moment the terminal reports, never later than now (a clock running ahead must not expire cards early)."""
    return min(claimed_time(p, env), vf.now)


# ---- payments of a settlement ---------------------------------------------------------------------------
def _payments(p: dict) -> list[dict]:
    raw = p.get("value_payments", [])
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > MAX_TENDERS:
        raise Reject("invalid_payload", f"payload.value_payments must be a list of at most {MAX_TENDERS}", field="value_payments")
    out = []
    for i, v in enumerate(raw):
        if not (isinstance(v, dict) and _id(v.get("account_id")) and len(v["account_id"]) <= 64
                and _id(v.get("program_id")) and _id(v.get("currency")) and is_amount(v.get("amount"), 1, MAX_VALUE)
                and (v.get("code") is None or (isinstance(v["code"], str) and 1 <= len(v["code"]) <= codes.MAX_CODE_LENGTH))):
            raise Reject("invalid_payload", f"payload.value_payments[{i}] is malformed", field=f"value_payments[{i}]")
        out.append(v)
    return out


def judge_value_payments(env: dict, vf: ValueFacts, verdict: Verdict, *, override: bool = False) -> None:
    """Book a settlement's value payments on the verdict of its other effects (module docstring)."""
    p = env["payload"]
    pays = _payments(p)
    if not pays:
        return
    at = _at(p, env, vf)
    ctx = {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"],
           "checkout_id": str(p.get("checkout_id"))[:200], "topup_id": None, "at": at.isoformat()}
    total = p.get("total")
    room = total if is_amount(total, 0, MAX_VALUE * MAX_TENDERS) else 0
    book = _Book(vf, verdict)
    limit_name = "override_stored_value_per_account" if override else "stored_value_per_account"
    limit = vf.allowances.get(limit_name, 5000 if override else 0)
    seen: set[str] = set()
    member = _member(p)
    for v in pays:
        aid, amount = v["account_id"], v["amount"]
        body = book.accounts.get(aid)
        prog = vf.programs.get(body["program_id"]) if body else None
        why = None
        if vf.store is None:
            why = ("unknown_store", f"Payment of {amount} from {aid[:64]} at a store the server does not have: not booked.")
        elif body is None or prog is None:
            why = ("unknown_value_account", f"Payment of {amount} from value account {aid[:64]}, unknown centrally: not booked.")
        elif aid in seen:
            why = ("duplicate_value_payment", f"Value account {aid} paid twice in one sale: the second is not booked.")
        elif v["program_id"] != prog.id or v["currency"] != prog.currency:
            why = ("currency_mismatch", f"Payment from {aid} claimed {v['currency'][:8]}/{v['program_id'][:64]}; the account is "
                   f"{prog.currency}/{prog.id}: not booked.")
        elif amount > room:
            why = ("value_beyond_total", f"Value payments of {aid} go beyond the sale's total {total}: not booked.")
        elif v.get("code") is not None and (bad := _code_problem(v["code"], aid, vf)) is not None:
            why = (bad[0], f"Payment of {amount} from {aid}: {bad[1]} Not booked.")
        else:
            try:
                check_usable(account_of(body), prog, store=vf.store, member=member, currency=vf.currency, at=at)
            except DomainError as err:
                why = (err.reason.value, f"Payment of {amount} from {aid}: {err.message} Not booked.")
        if why is not None:
            verdict.conflicts.append(quarantine(why[0], why[1], subject=aid[:64], claimed=amount, server=0, account_id=aid[:64], **ctx))
            continue
        seen.add(aid)
        room -= amount
        balance = book.accounts[aid]["balance"]
        # an account may go below zero by at most the allowance, chain-wide: repeated offline
        # over-spends (or a hostile terminal) cannot dig a deeper hole than one allowance
        booked = min(amount, max(0, balance + limit))
        over = booked - min(booked, max(balance, 0))
        if over:
            verdict.conflicts.append({
                "kind": "stored_value_overdraft", "decision": "posted_within_allowance", "subject": aid, "amount": over,
                "message": f"{aid} had {max(balance, 0)} left; {amount} was paid at {ctx['store_id']}/{ctx['terminal_id']} "
                           f"({over} beyond the balance, within the offline allowance of {limit}).",
                "details": {"account_id": aid, "balance": balance, "requested": amount, "over": over, "limit": limit, **ctx}})
        if booked < amount:
            verdict.conflicts.append(quarantine(
                "stored_value_beyond_allowance", f"{aid}: {amount - booked} paid beyond the balance {max(balance, 0)} and the "
                f"offline allowance {limit}: not booked.", subject=aid, claimed=amount, server=booked,
                booked="booked_up_to_allowance", account_id=aid, **ctx))
        amount = booked
        if amount:
            book.move(aid, -amount, "spend", ctx)


def _code_problem(code: str, account_id: str, vf: ValueFacts) -> tuple[str, str] | None:
    """A payment's signed gift-card code, verified as the counter did (`codes.parse` with the issuer keys):
    None when genuine and naming `account_id`, else (reason code, message)."""
    try:
        parsed = codes.parse(code, vf.signatures or (lambda *_: None))
    except CodeError as err:
        return err.reason.value, f"its signed code is refused: {err.message}"
    if not isinstance(parsed, codes.SignedGiftCard) or parsed.account_id != account_id:
        return "code_names_other_account", "its code is not the signed code of this gift card."
    return None


# ---- void --------------------------------------------------------------------------------------------
def judge_value_void(env: dict, vf: ValueFacts, verdict: Verdict) -> None:
    """Add the exact reversal of the original's value rows (what the server booked, not what the void claims)."""
    if not vf.original_value:
        return
    p = env["payload"]
    ctx = {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"],
           "checkout_id": str(p.get("checkout_id"))[:200], "topup_id": None, "at": claimed_time(p, env).isoformat()}
    book = _Book(vf, verdict)
    for row in vf.original_value:
        if row["account_id"] in book.accounts:
            book.move(row["account_id"], -row["amount"], "void_" + row["kind"], ctx)


# ---- partial return ------------------------------------------------------------------------------------
def judge_value_refunds(env: dict, vf: ValueFacts, verdict: Verdict, refunds) -> None:
    """Book a partial return's value refunds: `refunds` ((account_id, amount > 0), minor units) as the
    server computed them (terminal.domain.returns on the sale's value spends the server booked), one
    `refund` row each; the payload's `value_refunds` claim is only compared: a differing or malformed
    claim is a `value_refund_differs` quarantined conflict, the server's figures are booked. An account
    the server no longer holds is skipped (its spend could not have been booked either)."""
    p = env["payload"]
    ctx = {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"],
           "checkout_id": str(p.get("checkout_id"))[:200], "topup_id": None, "at": claimed_time(p, env).isoformat()}
    mine = {aid: amount for aid, amount in refunds if amount > 0}
    raw = p.get("value_refunds") or []
    claimed: dict | None = {}
    if not isinstance(raw, list) or len(raw) > MAX_TENDERS:
        claimed = None
    else:
        for v in raw:
            if not (isinstance(v, dict) and isinstance(v.get("account_id"), str) and is_amount(v.get("amount"), 1, MAX_VALUE)
                    and v["account_id"] not in claimed):
                claimed = None
                break
            claimed[v["account_id"]] = v["amount"]
    if claimed != mine:
        verdict.conflicts.append(quarantine(
            "value_refund_differs", f"Return {str(p.get('return_id'))[:64]} of checkout {ctx['checkout_id']}: stored value given "
            f"back {str(raw)[:120]} claimed, {mine} by the sale's value spends the server booked; the server's booked.",
            subject=ctx["checkout_id"], server=sum(mine.values()), booked="server_figure", **ctx))
    book = _Book(vf, verdict)
    for aid, amount in mine.items():
        if aid in book.accounts:
            book.move(aid, amount, "refund", ctx)


def body_json(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False)
