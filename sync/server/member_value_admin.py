"""Admin commands of issue 15 (member value), kept apart from admin.py:

    python -m sync.server.admin --db central.db transfer-coupon --code SV-0001 --from M1 --to M2 [--request-id R] [--json]
        gift a voucher for the member app (HQ / the app's backend): as POST /v1/transfer, by "admin"
    python -m sync.server.admin --db central.db list-transfers [--code SV-0001] [--json]
    python -m sync.server.admin --db central.db list-campaigns [--campaign G-1] [--json]
        each giveaway campaign's cap, points and claims booked chain-wide, per store, and what is left

A refusal (the domain's reason) exits 2 with one line on stderr, nothing changed.
"""

from __future__ import annotations

import json

from terminal.domain.reasons import DomainError

from sync.server.errors import AdminError
from sync.server.member_value_facts import campaign_report, list_transfers, transfer_coupon

COMMANDS = frozenset({"transfer-coupon", "list-transfers", "list-campaigns"})


def add_parsers(sub) -> None:
    s = sub.add_parser("transfer-coupon", help="give a member's voucher to another member (the app's gifting)")
    s.add_argument("--code", required=True)
    s.add_argument("--from", dest="from_member", required=True)
    s.add_argument("--to", dest="to_member", required=True)
    s.add_argument("--request-id", default=None, help="idempotency key (default: a new UUID)")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("list-transfers", help="vouchers given to other members")
    s.add_argument("--code")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("list-campaigns", help="giveaway campaigns: cap, claims booked chain-wide and per store")
    s.add_argument("--campaign")
    s.add_argument("--json", action="store_true")


def run(store, a, out) -> bool:
    """Run `a.cmd` if it is one of COMMANDS (True), else False. AdminError for a refusal."""
    if a.cmd not in COMMANDS:
        return False
    if a.cmd == "transfer-coupon":
        try:
            r = transfer_coupon(store, code=a.code, from_member=a.from_member, to_member=a.to_member, request_id=a.request_id,
                                admin="admin-cli")
        except LookupError:
            raise AdminError(f"no coupon {a.code!r}") from None
        except DomainError as err:
            raise AdminError(f"refused [{err.reason.value}]: {err.message}") from None
        print(json.dumps(r, ensure_ascii=False) if a.json else
              f"coupon {r['code']} given by {r['from_member']} to {r['to_member']} ({r['remaining_uses']} use(s) left)"
              + (" (repeated request: nothing changed)" if r["repeated"] else ""), file=out)
    elif a.cmd == "list-transfers":
        rows = list_transfers(store, a.code)
        if a.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1), file=out)
        else:
            for r in rows:
                by = f"{r['store_id']}/{r['terminal_id']}" if r["store_id"] else r["by_admin"]
                print(f"{r['at']} {r['code']}: {r['from_member']} -> {r['to_member']} ({r['remaining_uses']} use(s)) by {by}", file=out)
            print(f"{len(rows)} transfer(s)", file=out)
    else:
        rows = campaign_report(store, a.campaign)
        if a.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1), file=out)
        else:
            for r in rows:
                stores = ", ".join(f"{s} {n}" for s, n in r["per_store"].items()) or "none"
                print(f"{r['campaign_id']} {r['name']}: {r['claimed_points']:,} of {r['total_points']:,} points claimed "
                      f"({r['claims']} claim(s) of {r['points_per_claim']}; {r['left_points']:,} left); per store: {stores}", file=out)
    return True
