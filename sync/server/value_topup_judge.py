"""Pure judgement of stored-value top-ups and their voids (split from `sync.server.value_judge`, whose
ValueFacts and account book it uses; the policy is in that module's docstring and docs/sync.md):

    judge_topup(env, vf)         a `value_topup` event: the amount, the server's bonus (value on the account,
                                 or points on lot `topup/<event id>` of the wallet's member), a wallet's validity
                                 extension; a different claimed bonus is quarantined `topup_bonus_differs`
    judge_topup_void(env, vf)    a `value_topup_void`: the exact negation of what the server booked for it

No database, no clock. Amounts: integer minor units; points: integers.
"""

from __future__ import annotations

import json
from datetime import datetime

from terminal.domain.models import Member
from terminal.domain.reasons import DomainError
from terminal.domain.stored_value import MAX_VALUE, bonus_lot_id, bonus_points_expiry, plan_topup

from sync.server.errors import Reject
from sync.server.judge import Book, Facts, Verdict, _burn_and_earn, _id, claimed_time, is_amount, require
from sync.server.rules import quarantine
from sync.server.value_judge import TENDERS, ValueFacts, _at, _Book, account_of


# ---- top-up ----------------------------------------------------------------------------------------
def judge_topup(env: dict, vf: ValueFacts) -> Verdict:
    p = env["payload"]
    if p.get("store_id") != env["store_id"] or p.get("terminal_id") != env["terminal_id"]:
        raise Reject("envelope_mismatch", "The payload's store/terminal differ from the envelope's.")
    topup_id = require(p, "topup_id", str)
    account_id = require(p, "account_id", str)
    if not (_id(topup_id) and _id(account_id) and len(topup_id) <= 64 and len(account_id) <= 64):
        raise Reject("invalid_payload", "topup_id and account_id are 1..64 printable characters", field="topup_id")
    if vf.topup_booked_as is not None:  # one top-up is booked once, whatever its event id or sequence number
        raise Reject("topup_replayed", f"Top-up {topup_id} of this terminal was already booked (event {vf.topup_booked_as}).",
                     first_event_id=vf.topup_booked_as)
    amount, bonus = p.get("amount"), p.get("bonus_value", 0)
    if not is_amount(amount, 1, MAX_VALUE):
        raise Reject("invalid_amount", f"A top-up is 1..{MAX_VALUE} minor units, not {str(amount)[:40]}.", field="amount")
    if not is_amount(bonus, 0, MAX_VALUE):
        raise Reject("invalid_payload", "payload.bonus_value is not an amount", field="bonus_value")
    if p.get("tender") not in TENDERS:
        raise Reject("invalid_payload", f"payload.tender must be one of {', '.join(TENDERS)}", field="tender")
    points = p.get("bonus_points", 0)
    if points is None:
        points = 0
    if not is_amount(points, 0, 1_000_000):
        raise Reject("invalid_payload", "payload.bonus_points is not a number of points 0..1,000,000", field="bonus_points")
    body = vf.accounts.get(account_id)
    if body is None:
        raise Reject("unknown_value_account", f"Value account {account_id[:64]} is not known centrally.", account_id=account_id[:64])
    prog = vf.programs.get(body["program_id"])
    if prog is None or vf.store is None:
        raise Reject("unknown_value_account", f"Value account {account_id[:64]} has no program.", account_id=account_id[:64])
    if p.get("currency") != prog.currency or prog.currency != vf.currency:
        raise Reject("currency_mismatch", f"Top-up in {str(p.get('currency'))[:8]} of an account held in {prog.currency}.",
                     field="currency", account_currency=prog.currency)
    at = _at(p, env, vf)
    acct = account_of(body)
    try:  # the counter's own rule (terminal/domain/stored_value.py): validity, brand, currency, limits, bonus
        plan = plan_topup(acct, prog, amount=amount, bonuses=vf.bonuses, store=vf.store,
                          member=Member(acct.member_id, "", "") if acct.member_id else None, currency=vf.currency, at=at)
    except DomainError as err:
        raise Reject(err.reason.value, err.message, **{k: v for k, v in err.details.items() if k != "account_id"},
                     account_id=account_id) from None
    server_bonus, rule_id = plan.bonus_value, plan.bonus_rule_id
    ctx = {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"], "topup_id": topup_id,
           "checkout_id": None, "at": at.isoformat()}
    verdict = Verdict()
    book = _Book(vf, verdict)
    if plan.valid_until != acct.valid_until and plan.valid_until is not None:  # a wallet: validity from its last top-up
        book.accounts[account_id] = {**book.accounts[account_id], "valid_until": plan.valid_until.isoformat()}
    book.move(account_id, amount, "topup", ctx, note=p["tender"])
    if server_bonus:
        book.move(account_id, server_bonus, "bonus", ctx, note=rule_id)
    if plan.bonus_points:
        ptype = vf.point_types.get(plan.point_type)
        expires = bonus_points_expiry(at, vf.store.timezone, ptype.validity_days if ptype else None)
        pbook = _points_book(vf, verdict)
        _burn_and_earn(pbook, acct.member_id, [], [{"lot_id": bonus_lot_id(env["event_id"]), "point_type": plan.point_type,
                                                    "points": plan.bonus_points, "expires_at": expires.isoformat() if expires else None}],
                       at, _points_ctx(env, topup_id, at), override=False)
    if bonus != server_bonus or points != plan.bonus_points:
        verdict.conflicts.append(quarantine(
            "topup_bonus_differs", f"Top-up {topup_id[:64]}: the terminal gave a bonus of {bonus} and {points} point(s), the rules "
            f"give {server_bonus} and {plan.bonus_points} ({rule_id or 'no rule'}); the rules' bonus was booked.", subject=account_id,
            claimed=bonus, server=server_bonus, claimed_points=points, server_points=plan.bonus_points, booked="server_bonus_booked",
            account_id=account_id, **ctx))
    return verdict


def _points_book(vf: ValueFacts, verdict: Verdict):
    """The points judgement's working state (sync.server.judge.Book) over the member's lots, writing into `verdict`."""
    book = Book(Facts(epoch="", now=vf.now, lots=dict(vf.lots)))
    book.verdict = verdict
    return book


def _points_ctx(env: dict, topup_id: str, at: datetime) -> dict:
    # point rows of a top-up name `topup:<topup id>` as their checkout, as the counter's do (value_store.topup_checkout_id)
    return {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"],
            "checkout_id": f"topup:{topup_id}"[:200], "at": at.isoformat()}


def judge_topup_void(env: dict, vf: ValueFacts) -> Verdict:
    """A `value_topup_void`: the exact negation of the top-up and bonus rows the server booked for the
    original (`vf.original_value`), by an active manager of the same store, once. An account that no
    longer holds them (spent elsewhere meanwhile) is posted below zero with a `stored_value_overdraft`
    conflict for the manager (the counter refuses that case when it knows)."""
    from sync.server.judge import manager_problem

    p = env["payload"]
    orig_id = require(p, "voids_event_id", str)
    topup_id = require(p, "topup_id", str)
    if not require(p, "reason", str).strip():
        raise Reject("invalid_payload", "a void needs a reason", field="reason")
    orig = vf.original
    if orig is None or orig["type"] != "value_topup":
        raise Reject("unknown_original_event", f"Void of top-up event {orig_id[:64]}, which the server never received.",
                     voids_event_id=orig_id[:64])
    if orig["store_id"] != env["store_id"]:
        raise Reject("wrong_store", "A store can only void its own top-ups.")
    if json.loads(orig["payload"]).get("topup_id") != topup_id:
        raise Reject("invalid_payload", "the void's topup_id is not the voided top-up's", field="topup_id")
    why = manager_problem(vf.manager, p.get("manager_id"), env["store_id"])
    if why is not None:
        raise Reject("not_a_manager", why, manager_id=str(p.get("manager_id"))[:64])
    if vf.already_voided:
        raise Reject("already_voided", f"Top-up {topup_id[:64]} was already voided.")
    verdict = Verdict()
    ctx = {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"], "checkout_id": None,
           "topup_id": topup_id, "at": claimed_time(p, env).isoformat()}
    book = _Book(vf, verdict)
    back = sum(r["amount"] for r in vf.original_value if r["account_id"] in book.accounts)
    for row in vf.original_value:
        aid = row["account_id"]
        if aid not in book.accounts:
            continue
        before = book.accounts[aid]["balance"]
        book.move(aid, -row["amount"], "void_" + row["kind"], ctx)
        if before >= 0 > book.accounts[aid]["balance"]:
            verdict.conflicts.append({
                "kind": "stored_value_overdraft", "decision": "void_posted", "subject": aid, "amount": -book.accounts[aid]["balance"],
                "message": f"Top-up {topup_id[:64]} of {aid} was voided after its value was spent: the account is at "
                           f"{book.accounts[aid]['balance']}.", "details": {"account_id": aid, "taken_back": back, **ctx}})
    if vf.original_points:  # its points bonus: the exact negation, then debts netted (as a sale's void)
        at = claimed_time(p, env)
        pbook, pctx = _points_book(vf, verdict), _points_ctx(env, topup_id, at)
        for pt in vf.original_points:
            pbook.move_points(pt["member_id"], pt["lot_id"], pt["point_type"], -pt["delta"], "void_earn", pctx)
        for member_id, point_type in sorted({(pt["member_id"], pt["point_type"]) for pt in vf.original_points}):
            pbook.settle_debts(member_id, point_type, at, pctx)
    return verdict
