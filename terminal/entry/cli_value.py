"""The CLI's stored value and gift card parts (terminal/entry/cli.py wires them in):

    settle/preview --pay-stored-value AMOUNT      pay AMOUNT (minor units) from the member's stored value
    settle/preview --gift-card CODE:AMOUNT        pay AMOUNT with the gift card CODE (its number, id or signed LT1G… code); repeatable
    topup --amount N (--member CARD | --gift-card CODE) [--tender cash|card] --cashier ID --pin PIN [--topup-id ID]
    void-topup TOPUP_ID --manager ID --pin PIN --reason TEXT
    gift-card CODE                                a gift card's balance and whether it is usable here
    balance / scan                                a member's stored value balances (`stored_value`)

Every command takes `--json` and `--at` like the others; a refusal exits 3 with its reason code.
"""

from __future__ import annotations

import uuid
from typing import Any

from terminal.entry.cli_errors import UsageError
from terminal.usecases import stored_value
from terminal.usecases.stored_value import TopupRequest, ValueTender


def add_tender_arguments(s) -> None:
    s.add_argument("--pay-stored-value", default=None, metavar="AMOUNT",
                   help="pay AMOUNT (minor units) from the member's stored value (the rest by --payment)")
    s.add_argument("--gift-card", action="append", default=[], metavar="CODE:AMOUNT",
                   help="pay AMOUNT with the gift card CODE (its number, id or signed LT1G... code); repeatable")


def add_parsers(sub) -> None:
    s = sub.add_parser("topup", help="top up a member's stored value or a gift card (cash or card)")
    s.add_argument("--amount", required=True, help="amount paid, in minor units")
    s.add_argument("--member", help="member card code (tops up their stored value)")
    s.add_argument("--gift-card", dest="topup_gift_card", help="gift card number or id")
    s.add_argument("--tender", default="cash", choices=stored_value.TENDERS)
    s.add_argument("--cashier", required=True)
    s.add_argument("--pin", required=True)
    s.add_argument("--topup-id", default=None, help="idempotency key (default: a new UUID)")
    s.add_argument("--at")
    s = sub.add_parser("void-topup", help="void a top-up (manager): takes back the top-up and its bonus exactly")
    s.add_argument("topup_id")
    s.add_argument("--manager", required=True)
    s.add_argument("--pin", required=True)
    s.add_argument("--reason", required=True)
    s.add_argument("--at")
    s = sub.add_parser("gift-card", help="a gift card's balance and whether it is usable here")
    s.add_argument("code")
    s.add_argument("--at")


def _amount(text: str, option: str) -> int:
    if not (isinstance(text, str) and text.isascii() and text.isdigit() and len(text.lstrip("0")) <= 15):
        raise UsageError(f"{option} {text!r}: a whole amount in minor units, e.g. 320")
    return int(text)


def tenders(args) -> tuple[ValueTender, ...]:
    """`--pay-stored-value` and `--gift-card CODE:AMOUNT` as tenders (UsageError naming the option)."""
    out: list[ValueTender] = []
    if getattr(args, "pay_stored_value", None) is not None:
        out.append(ValueTender(_amount(args.pay_stored_value, "--pay-stored-value")))
    for g in getattr(args, "gift_card", None) or []:
        code, sep, amount = g.rpartition(":")
        if not sep or not code:
            raise UsageError(f"--gift-card {g!r}: use CODE:AMOUNT, e.g. 7700000000019:320")
        out.append(ValueTender(_amount(amount, "--gift-card"), code))
    return tuple(out)


def preview_payments(svc, req, preview, at) -> dict[str, Any] | None:
    """The payments a preview's tenders would make (refusals raise with their reason), or None."""
    if not req.value_tenders or not preview.ok:
        return None
    member = svc.resolve_member(req.member_code) if req.member_code else None
    plan = stored_value.tender_plan(svc, member=member, tenders=req.value_tenders, total=preview.total, at=svc.now(at))
    return stored_value.receipt_of(plan, preview.total, req.payment_method)


def gift_card_scan(svc, code: str, err: Exception, at) -> dict[str, Any]:
    """`scan` of a code that is no member, coupon or product: the gift card it numbers (kind
    `gift_card`), else the scan's own refusal `err` is raised again."""
    from terminal.domain.reasons import DomainError, Reason

    if getattr(err, "reason", None) == Reason.WRONG_KIND and getattr(err, "details", {}).get("gift_card"):
        return {"kind": "gift_card", **stored_value.account_view(svc, code, at)}  # a signed gift card: its own refusals
    if getattr(err, "reason", None) != Reason.UNKNOWN:
        raise err
    try:
        return {"kind": "gift_card", **stored_value.account_view(svc, code, at)}
    except DomainError:
        raise err from None


def topup(args, svc, at) -> dict[str, Any]:
    if bool(args.member) == bool(args.topup_gift_card):
        raise UsageError("topup: give --member CARD or --gift-card CODE (one of them)")
    req = TopupRequest(args.topup_id or str(uuid.uuid4()), _amount(args.amount, "--amount"), args.tender, args.topup_gift_card,
                       args.member)
    svc.verify_staff(args.cashier, args.pin)
    return stored_value.topup(svc, req, cashier_id=args.cashier, at=at)


def format_topup(r: dict) -> str:
    bonus = f" + bonus {r['bonus_value']} ({r['bonus_rule_id']})" if r["bonus_value"] else ""
    if r.get("bonus_points"):
        until = f", expiring {r['points_expire_at'][:10]}" if r.get("points_expire_at") else ""
        bonus = f" + {r['bonus_points']} {r['point_type']} points ({r['bonus_rule_id']}, lot {r['points_lot_id']}{until})"
    return (f"TOPPED UP {r['account_id']} ({r['program']}) at {r['local_time']}{' (already booked earlier)' if r.get('replayed') else ''}: "
            f"{r['amount']} {r['currency']} by {r['tender']}{bonus}; balance {r['balance_before']} -> {r['balance_after']}")


def format_payments(r: dict) -> list[str]:
    out = []
    for p in r.get("payments", []):
        left = f" (balance left {p['balance_after']})" if "balance_after" in p else ""
        out.append(f"  paid {p['amount']} by {p['method']}{' ' + p['account_id'] if 'account_id' in p else ''}{left}")
    return out


def format_accounts(accounts: list[dict]) -> list[str]:
    return [f"  {a['program']} {a['account_id']}: {a['balance']} {a['currency']}{'' if a['usable'] else ' [' + str(a['reason']) + ']'}"
            for a in accounts]
