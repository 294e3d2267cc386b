"""CLI commands of issue 15 (member value), kept apart from cli.py:

    loyalty-terminal exchange OFFER --member M --cashier ID --pin PIN [--exchange-id X] [--at T] [--json]
    loyalty-terminal claim CAMPAIGN --member M --cashier ID --pin PIN [--claim-id X] [--at T] [--json]
    loyalty-terminal transfer CODE --from M1 --to M2 --cashier ID --pin PIN [--request-id X] [--json]   (online only)
    loyalty-terminal claim-visit-gift MEMBER GIFT_ID --cashier ID --pin PIN [--claim-id X] [--at T] [--json]   (來店禮, issue 16)

`--at`: an ISO 8601 time with an offset (what the counter's clock says); exit codes as the other
commands (3 refused with the reason, 5 server unreachable for `transfer`). A void is the usual
`void EXCHANGE_ID|CLAIM_ID --manager M --pin P --reason R`. `scan CARD` and `balance MEMBER` list the visit
gifts running here with the member's spend ("spent 2,400 of 3,000", `visit_gift_lines`).
"""

from __future__ import annotations

import argparse
from typing import Any, Callable

COMMANDS = frozenset({"exchange", "claim", "transfer", "claim-visit-gift"})
WRITING = frozenset({"exchange", "claim", "transfer", "claim-visit-gift"})


def visit_gift_lines(gifts: list[dict]) -> list[str]:
    """One line per visit gift of a member view: progress, and why it cannot be claimed."""
    out = []
    for g in gifts:
        tail = "" if g["eligible"] or g["claimed_at"] else f" [{g['reason']}]"
        out.append(f"  visit gift {g['gift_id']} {g['progress']}{tail}")
    return out


def add_parsers(sub) -> None:
    s = sub.add_parser("exchange", help="spend a member's points for an exchange offer's voucher (點數商城)")
    s.add_argument("offer")
    s.add_argument("--member", required=True, help="member id or card code")
    s.add_argument("--cashier", required=True)
    s.add_argument("--pin", required=True)
    s.add_argument("--exchange-id", default=None, help="idempotency key (default: a new UUID)")
    s.add_argument("--at")
    s = sub.add_parser("claim", help="claim a giveaway campaign's points for a member (點數大放送)")
    s.add_argument("campaign")
    s.add_argument("--member", required=True, help="member id or card code")
    s.add_argument("--cashier", required=True)
    s.add_argument("--pin", required=True)
    s.add_argument("--claim-id", default=None, help="idempotency key (default: a new UUID)")
    s.add_argument("--at")
    s = sub.add_parser("claim-visit-gift", help="record a member's visit gift claim (來店禮), once per member")
    s.add_argument("member", help="member id or card code")
    s.add_argument("gift")
    s.add_argument("--cashier", required=True)
    s.add_argument("--pin", required=True)
    s.add_argument("--claim-id", default=None, help="idempotency key (default: a new UUID)")
    s.add_argument("--at")
    s = sub.add_parser("transfer", help="give a member's voucher to another member (轉贈; online only, both cards)")
    s.add_argument("code")
    s.add_argument("--from", dest="from_member", required=True, help="the giving member's id or card code")
    s.add_argument("--to", dest="to_member", required=True, help="the receiving member's id or card code")
    s.add_argument("--cashier", required=True)
    s.add_argument("--pin", required=True)
    s.add_argument("--request-id", default=None)


def run(args: argparse.Namespace, emit: Callable[[Any, str], None], service: Callable[[], Any], parse_at,
        open_sync: Callable[[], Any]) -> None:
    svc = service()
    if args.command == "exchange":
        member = svc.resolve_member(args.member)
        svc.verify_staff(args.cashier, args.pin)
        r = svc.exchange(args.offer, member_id=member.id, cashier_id=args.cashier, exchange_id=args.exchange_id,
                         at=parse_at(args.at))
        v = r["voucher"]
        emit(r, f"exchange {r['exchange_id']}: {r['points_spent']} {r['point_type']} points for {r['offer']}\n"
                f"voucher {v['code']} ({v['name']}, {v['uses']} use(s)"
                + (f", valid until {v['valid_until'][:10]}" if v["valid_until"] else "") + ") issued to member " + r["member_id"]
                + (f"\nsigned code {v['signed_code']}" if v.get("signed_code") else ""))
    elif args.command == "claim":
        member = svc.resolve_member(args.member)
        svc.verify_staff(args.cashier, args.pin)
        r = svc.claim(args.campaign, member_id=member.id, cashier_id=args.cashier, claim_id=args.claim_id, at=parse_at(args.at))
        emit(r, f"claim {r['claim_id']}: {r['points_earned']} {r['point_type']} points for member {r['member_id']} "
                f"({r['campaign']}: claim {r['claims_by_member']} of {r['per_member_total']})")
    elif args.command == "claim-visit-gift":
        member = svc.resolve_member(args.member)
        svc.verify_staff(args.cashier, args.pin)
        r = svc.claim_visit_gift(args.gift, member_id=member.id, cashier_id=args.cashier, claim_id=args.claim_id,
                                 at=parse_at(args.at))
        given = (f"voucher {r['voucher']['code']} valid until {r['voucher']['valid_until'][:10]}" if r["voucher"]
                 else f"{r['points']['points']} {r['points']['point_type']} points")
        emit(r, f"visit gift {r['gift_id']} ({r['gift']}) claimed {r['claim_id']} for member {r['member_id']}: spent "
                f"{r['spent']:,} of {r['threshold']:,}; {given}")
    else:
        giver, friend = svc.resolve_member(args.from_member), svc.resolve_member(args.to_member)
        svc.verify_staff(args.cashier, args.pin)
        handle = open_sync()
        try:
            r = svc.transfer(handle.client if handle is not None else None, args.code, from_member=giver.id, to_member=friend.id,
                             cashier_id=args.cashier, request_id=args.request_id)
        finally:
            if handle is not None:
                handle.stop()
        emit(r, f"coupon {r['code']} given by member {r['from_member']} to member {r['to_member']} "
                f"({r['remaining_uses']} use(s) left)")
