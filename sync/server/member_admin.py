"""Admin CLI commands for members' phones and the counter's member searches (issue 17):

    set-member-phone --member M1 --phone 0912-345-678 | --clear   a member's phone (E.164; one member per phone)
    list-member-searches [--device D] [--limit 100] [--json]      the audit of the tills' searches and sign-ups

A catalog member's phone is the catalog's (`members[].phone`): the next import sets it again.
"""

from __future__ import annotations

import json

from terminal.domain.phones import PhoneError, normalise_phone

from sync.server.errors import AdminError
from sync.server.member_search import PhoneTaken, list_searches, member_by_phone

COMMANDS = ("set-member-phone", "list-member-searches")


def add_parsers(sub) -> None:
    s = sub.add_parser("set-member-phone", help="give a member a phone number (searched exactly at the counter), or --clear it")
    s.add_argument("--member", required=True)
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--phone", help="09xxxxxxxx, +886 9xx xxx xxx or +<country code><number>")
    g.add_argument("--clear", action="store_true")
    s = sub.add_parser("list-member-searches", help="the tills' member searches and sign-ups (query masked), newest first")
    s.add_argument("--device")
    s.add_argument("--limit", type=int, default=100)
    s.add_argument("--json", action="store_true")


def set_member_phone(store, member_id: str, phone: str | None) -> str | None:
    """The member's phone set (E.164) or cleared (None); the member row gets a new feed position. AdminError for an
    unknown member, a malformed phone or one that is another member's."""
    try:
        e164 = normalise_phone(phone) if phone is not None else None
    except PhoneError as err:
        raise AdminError(f"--phone: {err}") from None
    with store.write():
        store.lock_keys(f"member:{member_id}", *([f"phone:{e164}"] if e164 else []))
        body = store.get("member", member_id)
        if body is None:
            raise AdminError(f"unknown member {member_id[:64]!r}")
        other = member_by_phone(store, e164) if e164 else None
        if other is not None and other != member_id:
            raise AdminError(f"phone {e164} is already the phone of member {other}")
        body = {k: v for k, v in body.items() if k != "phone"}
        try:
            store.put("member", member_id, {**body, "phone": e164} if e164 else body, member_id)
        except PhoneTaken as err:  # taken meanwhile (a sign-up at a counter)
            raise AdminError(f"phone {e164} is already the phone of member {err.member_id}") from None
    return e164


def run(store, a, out) -> bool:
    """Run `a.cmd` if it is one of COMMANDS (True), else False. AdminError for a refusal."""
    if a.cmd not in COMMANDS:
        return False
    if a.cmd == "set-member-phone":
        e164 = set_member_phone(store, a.member, None if a.clear else a.phone)
        print(f"member {a.member}: phone {e164}" if e164 else f"member {a.member}: phone cleared", file=out)
    else:
        if not 1 <= a.limit <= 10_000:
            raise AdminError("--limit must be 1..10000")
        rows = list_searches(store, a.device, a.limit)
        if a.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1), file=out)
        else:
            from sync.server.admin import shown

            for r in rows:
                print(shown(f"{r['at']} {r['device_id']} {r['store_id']}/{r['terminal_id']} {r['kind']} {r['query']!r} "
                            f"-> {r['results']} {r['member_ids']}"), file=out)
            print(f"{len(rows)} search(es)", file=out)
    return True
