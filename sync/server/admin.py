"""Admin CLI of the reference central server (works on the database directly: --db takes a SQLite
file or a URL, sqlite:///path or postgresql+psycopg://user@host/db).

    python -m sync.server.admin --db central.db create-store --id A-002 --brand A --name "A Songshan"
    python -m sync.server.admin --db central.db enrol-token --store A-001 [--ttl-hours 72] [--replace T1]
    python -m sync.server.admin --db central.db list-tokens [--store A-001]       (no secrets: id = hash prefix)
    python -m sync.server.admin --db central.db revoke-token --id 3f2a9c1b | --token lte_...
    python -m sync.server.admin --db central.db issue-coupon --template T-FREELATTE --member M1 [--code C-1] [--number N]
    python -m sync.server.admin --db central.db void-coupon --code C-1 --reason "sent by mistake"
    python -m sync.server.admin --db central.db adjust-points --member M1 --point-type bonus --delta 50 --reason "goodwill"
    python -m sync.server.admin --db central.db list-conflicts [--store A-001] [--kind quarantined] [--json]
    python -m sync.server.admin --db central.db drop-row --kind point_lot --key L-1 --reason "bad type"
    python -m sync.server.admin --db central.db list-quarantine [--store A-001] [--cleared] [--json]
    python -m sync.server.admin --db central.db list-devices          (devices, and enrolments not confirmed yet)
    python -m sync.server.admin --db central.db revoke-device --device dev-1234 [--reason stolen]
    python -m sync.server.admin --db central.db revoke-device-key --device dev-1234 [--reason leaked] / list-device-keys
    python -m sync.server.admin --db central.db import-catalog FILE [--demo]   (--demo: trust the public demo key)
    python -m sync.server.admin --db central.db set-allowances [--stored-voucher-uses N] [--points-per-member N] ...
    python -m sync.server.admin --db central.db revoke-code --kind coupon --value C-1 --reason fraud / unrevoke-code
    python -m sync.server.admin --db central.db retire-key --key-id 2 --reason "leaked"   (tombstone + key revocation)
    python -m sync.server.admin --db central.db reset-epoch      (forces every terminal to resync fully)
    python -m sync.server.admin --db central.db transfer-coupon --code C --from M1 --to M2 / list-transfers / list-campaigns
    python -m sync.server.admin --db central.db set-member-phone --member M1 --phone 0912-345-678 | --clear
    python -m sync.server.admin --db central.db list-member-searches [--device D] [--limit N] [--json]
    python -m sync.server.admin --db central.db campaign-report --from 2026-11-01 --to 2026-11-30 [--tz Asia/Taipei] [--csv F] [--json]

Exit status 0 on success, 2 on a refused request or a bad argument, 3 when the database cannot be
used (wrong URL, refused login, a schema newer than this code; one line on stderr, nothing changed).
"""

from __future__ import annotations

import argparse
import json
import sys

from sync.protocol import is_control
from sync.server import member_admin, member_value_admin
from sync.server.db import DatabaseError
from sync.server.store import AdminError, CentralStore
from sync.server.tokens import TTL_HOURS_MAX, check_ttl_hours



def shown(text: str) -> str:
    """Text from terminals (ids, codes, reasons inside conflict messages) as an admin's terminal may
    print it: control characters (ANSI escape sequences), DEL, C1 and bidirectional overrides
    written as \\uXXXX instead of acted on."""
    return "".join(f"\\u{ord(ch):04x}" if is_control(ch) else ch for ch in text)

def _ttl_hours(text: str) -> int:
    """--ttl-hours: a whole number of hours, 1..TTL_HOURS_MAX (argparse makes a bad one a usage error, exit 2)."""
    try:
        return check_ttl_hours(int(text))
    except (ValueError, AdminError):
        raise argparse.ArgumentTypeError(f"a whole number of hours from 1 to {TTL_HOURS_MAX} (90 days), not {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m sync.server.admin", description="Admin CLI of the reference central server")
    ap.add_argument("--db", required=True, help="SQLite file, or sqlite:///path, or postgresql+psycopg://user@host/db")
    sub = ap.add_subparsers(dest="cmd", required=True)
    member_value_admin.add_parsers(sub)
    member_admin.add_parsers(sub)  # set-member-phone, list-member-searches (issue 17)
    s = sub.add_parser("create-store")
    s.add_argument("--id", required=True)
    s.add_argument("--brand", required=True)
    s.add_argument("--name", required=True)
    s.add_argument("--timezone", default="Asia/Taipei")
    s = sub.add_parser("enrol-token", help="print a one-time enrolment token for one PC of a store")
    s.add_argument("--store", required=True)
    s.add_argument("--ttl-hours", type=_ttl_hours, default=72, help=f"validity, 1..{TTL_HOURS_MAX} hours (default 72)")
    s.add_argument("--replace", metavar="TERMINAL", help="the token replaces this terminal's active device (a new PC for "
                   "an existing terminal id); without it a terminal id in use is refused")
    s = sub.add_parser("list-tokens", help="enrolment tokens (no secrets) and whether each is unused, pending, used, "
                                           "expired or revoked")
    s.add_argument("--store")
    s = sub.add_parser("revoke-token", help="withdraw an unused enrolment token")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--token", help="the token itself")
    g.add_argument("--id", dest="token_id", help="its id from list-tokens (at least 6 hex digits)")
    s = sub.add_parser("issue-coupon")
    s.add_argument("--template", required=True)
    s.add_argument("--member")
    s.add_argument("--code")
    s.add_argument("--number")
    s.add_argument("--uses", type=int)
    s.add_argument("--valid-until")
    s = sub.add_parser("issue-gift-card", help="a new gift card of a value program, worth --amount (minor units)")
    s.add_argument("--program", required=True)
    s.add_argument("--amount", type=int, required=True)
    s.add_argument("--number", help="its printed number (8-20 digits, check digit); default: a new one")
    s.add_argument("--account-id")
    s.add_argument("--valid-until", help="ISO 8601 time with an offset (default: the program's validity_days from now)")
    s.add_argument("--sign-key", help="issuer private key file (base64, as resources/demo/DEMO-ONLY-issuer-key.txt): "
                   "also print the card's signed code (signed_code)")
    s.add_argument("--key-id", type=int, help="the issuer key id of --sign-key (its public key must be that issuer key)")
    s.add_argument("--json", action="store_true", help="the answer is JSON either way")
    s = sub.add_parser("list-value", help="stored value and gift card balances (with the sum of each one's ledger)")
    s.add_argument("--member")
    s.add_argument("--program")
    s.add_argument("--limit", type=int, default=200)
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("void-coupon")
    s.add_argument("--code", required=True)
    s.add_argument("--reason", required=True)
    s = sub.add_parser("adjust-points")
    s.add_argument("--member", required=True)
    s.add_argument("--point-type", required=True)
    s.add_argument("--delta", type=int, required=True)
    s.add_argument("--reason", required=True)
    s.add_argument("--expires-at")
    s = sub.add_parser("list-conflicts")
    s.add_argument("--store")
    s.add_argument("--kind", help="e.g. quarantined: claims the rules cannot produce, not booked as claimed")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("campaign-report", help="what each coupon template and automatic promotion earned chain-wide over local "
                                                        "days (CSV with --csv)")
    s.add_argument("--from", dest="first_day", required=True, help="first local day, YYYY-MM-DD")
    s.add_argument("--to", dest="last_day", required=True, help="last local day, YYYY-MM-DD")
    s.add_argument("--tz", default="Asia/Taipei", help="the time zone of those days (IANA name, default Asia/Taipei)")
    s.add_argument("--csv", help="write CSV (UTF-8 with BOM) to this file")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("drop-row", help="repair the feed: tombstone a row no terminal can hold (every terminal deletes it)")
    s.add_argument("--kind", required=True)
    s.add_argument("--key", required=True)
    s.add_argument("--reason", required=True)
    s = sub.add_parser("list-quarantine", help="pulled rows terminals could not hold and reported (kind, key, reason, "
                                               "since when), with what to do")
    s.add_argument("--store")
    s.add_argument("--cleared", action="store_true", help="also rows a terminal has since applied (cleared)")
    s.add_argument("--json", action="store_true")
    sub.add_parser("list-devices")
    s = sub.add_parser("revoke-device")
    s.add_argument("--device", required=True)
    s.add_argument("--reason", default="")
    s = sub.add_parser("revoke-device-key", help="revoke a terminal's voucher signing key (its LT1V vouchers are refused)")
    s.add_argument("--device", required=True)
    s.add_argument("--reason", default="")
    sub.add_parser("list-device-keys", help="the terminals' voucher signing keys")
    s = sub.add_parser("import-catalog")
    s.add_argument("file")
    s.add_argument("--demo", action="store_true", help="a demo server: trust the public DEMO issuer key if the catalog has it")
    s = sub.add_parser("set-allowances")
    s.add_argument("--stored-voucher-uses", type=int)
    s.add_argument("--points-per-member", type=int)
    s.add_argument("--unreplicated-coupon-max-age-hours", type=int)
    s.add_argument("--valid-hours", type=int)
    s.add_argument("--override-stored-voucher-uses", type=int, help="the most unsynced uses of a voucher a manager may approve")
    s.add_argument("--override-points-per-member", type=int, help="the most unsynced points a manager may approve per member")
    s.add_argument("--shared-code-uses", type=int, help="unsynced uses per shared promo code a terminal may make offline")
    s.add_argument("--override-shared-code-uses", type=int, help="the most unsynced uses per shared promo code a "
                   "manager's override may approve")
    s.add_argument("--stale-state-uses", type=int, help="redemptions a terminal may have posted of coupons voided/revoked or "
                   "members blocked after its last pull, per unsynced window")
    s.add_argument("--stored-value-per-account", type=int, help="unsynced stored value / gift card spending per account "
                   "(minor units); also how far below zero the server lets an account go")
    s.add_argument("--override-stored-value-per-account", type=int, help="the most of it a manager may approve offline")
    s.add_argument("--device-vouchers-unbacked", type=int, help="coupons created from one terminal's signed vouchers "
                   "before their issuing event arrived (unadopted) beyond which a use is quarantined (default 20)")
    s.add_argument("--giveaway-claims", type=int, help="giveaway claims of one campaign a terminal may grant while its earlier "
                   "claims of it are unsynced")
    for name in ("revoke-code", "unrevoke-code"):
        s = sub.add_parser(name)
        s.add_argument("--kind", choices=["member", "coupon", "key"], required=True)
        s.add_argument("--value", required=True)
        if name == "revoke-code":
            s.add_argument("--reason", required=True)
    s = sub.add_parser("retire-key", help="retire an issuer key: tombstoned in the feed, its codes refused as revoked")
    s.add_argument("--key-id", required=True)
    s.add_argument("--reason", required=True)
    sub.add_parser("reset-epoch")
    s = sub.add_parser("prune-slices", help="store slices: members leave the slices of stores that are not their home store "
                       "where they neither bought nor were looked up within the retention (run daily)")
    s.add_argument("--bought-days", type=int, default=90, help="days after the last purchase at a store (default 90)")
    s.add_argument("--lookup-days", type=int, default=30, help="days after the last online lookup at a store (default 30)")
    s.add_argument("--limit", type=int, default=10_000, help="entries at most per run (default 10000)")
    s = sub.add_parser("archive-events", help="move the events received more than --days ago to events_archive (run daily; "
                       "duplicates and voids of archived events are still answered)")
    s.add_argument("--days", type=int, default=90, help="days an event stays in the events table (default 90)")
    s.add_argument("--batch", type=int, default=5_000, help="events moved per transaction (default 5000)")
    return ap


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        store = CentralStore(args.db)
    except DatabaseError as exc:  # a wrong URL or path, a refused login, a schema newer than this code
        print(f"error: {exc}", file=sys.stderr)
        return 3
    try:
        return _run(store, args, out)
    except AdminError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()


def _campaign_report(store: CentralStore, a, out) -> None:
    """`campaign-report`: sync.server.campaigns over the central ledgers; AdminError (exit 2) naming
    the option for a bad day, time zone or range."""
    import csv
    import io
    from datetime import date

    from sync.server.campaigns import chain_campaigns
    from terminal.domain.clock import zone
    from terminal.domain.campaign_roi import HEADER, campaign_rows

    days = []
    for option, text in (("--from", a.first_day), ("--to", a.last_day)):
        try:
            days.append(date.fromisoformat(text))
        except ValueError:
            raise AdminError(f"{option} {text!r}: use YYYY-MM-DD") from None
    try:
        zone(a.tz)
    except Exception:
        raise AdminError(f"--tz {a.tz!r} is not a time zone name (e.g. Asia/Taipei)") from None
    try:
        lines = chain_campaigns(store, days[0], days[1], a.tz)
    except ValueError as exc:
        raise AdminError(str(exc)) from None
    names: dict = {}
    for kind, key, body in store.conn.execute(
            "SELECT kind, key, body FROM entities WHERE kind IN ('coupon_template', 'promotion') AND deleted = 0").fetchall():
        name_key = key if kind == "coupon_template" else ("promotion", key)
        try:
            names[name_key] = json.loads(json.loads(body)["body"])["name"]
        except (ValueError, KeyError, TypeError):
            names[name_key] = key
    rows = campaign_rows(lines, names)
    if a.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(["report", "campaigns", "chain"])
        w.writerow(["days", days[0].isoformat(), days[1].isoformat(), a.tz])
        w.writerow([])
        w.writerow(HEADER)
        w.writerows(rows)
        with open(a.csv, "wb") as f:
            f.write(("\ufeff" + buf.getvalue()).encode("utf-8"))
    if a.json:
        print(json.dumps([dict(zip(HEADER, r)) for r in rows], ensure_ascii=False, indent=1), file=out)
    else:
        for r in rows:
            print(shown(" ".join(f"{h}={v}" for h, v in zip(HEADER, r))), file=out)
        print(f"{len(rows)} campaign(s)", file=out)


def _run(store: CentralStore, a, out) -> int:
    if member_value_admin.run(store, a, out):  # transfer-coupon, list-transfers, list-campaigns (issue 15)
        return 0
    if member_admin.run(store, a, out):  # set-member-phone, list-member-searches (issue 17)
        return 0
    if a.cmd == "create-store":
        store.create_store(a.id, a.brand, a.name, a.timezone)
        print(f"store {a.id} created", file=out)
    elif a.cmd == "enrol-token":
        print(store.create_enrol_token(a.store, ttl_hours=a.ttl_hours, replace_terminal=a.replace), file=out)
    elif a.cmd == "list-tokens":
        rows = store.enrol_tokens(a.store)
        for t in rows:
            what = {"pending": f"PENDING enrolment {t['device_id']} of terminal {t['terminal_id']}",
                    "used": f"used {t['at']} by {t['device_id']} (terminal {t['terminal_id']})",
                    "revoked": f"REVOKED {t['at']}", "expired": "EXPIRED", "unused": "unused"}[t["state"]]
            replaces = f" replaces terminal {t['replace_terminal']}" if t["replace_terminal"] else ""
            print(f"{t['id']} store {t['store_id']}{replaces}"
                  + f" created {t['created_at']} expires {t['expires_at']} {what}", file=out)
        print(f"{len(rows)} token(s)", file=out)
    elif a.cmd == "revoke-token":
        t = store.revoke_enrol_token(token=a.token, token_id=a.token_id)
        print(f"token {t['id']} of store {t['store_id']} revoked", file=out)
    elif a.cmd == "issue-coupon":
        body = store.issue_coupon(a.template, member_id=a.member, code=a.code, number=a.number, uses=a.uses, valid_until=a.valid_until)
        print(json.dumps(body, ensure_ascii=False), file=out)
    elif a.cmd == "issue-gift-card":
        from sync.server.value_admin import issue_gift_card

        if a.valid_until is not None:
            from sync.server.judge import parse_at

            if parse_at(a.valid_until) is None:
                raise AdminError(f"--valid-until {a.valid_until[:40]!r}: an ISO 8601 time with an offset")
        signer = None
        if a.sign_key is not None or a.key_id is not None:
            from sync.server.value_admin import load_signer

            if a.sign_key is None or a.key_id is None:
                raise AdminError("issue-gift-card: --sign-key and --key-id go together")
            signer = load_signer(a.sign_key)
        body = issue_gift_card(store, a.program, a.amount, number=a.number, account_id=a.account_id, valid_until=a.valid_until,
                               signer=signer, key_id=a.key_id)
        print(json.dumps(body, ensure_ascii=False), file=out)
    elif a.cmd == "list-value":
        from sync.server.value_admin import list_value

        rows = list_value(store, member_id=a.member, program_id=a.program, limit=a.limit)
        if a.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1), file=out)
        else:
            for r in rows:
                print(f"{r['account_id']}  {r['program_id']}  {r['member_id'] or r['number'] or '-'}  balance {r['balance']}"
                      f"  ledger {r['ledger']}  {r['status']}", file=out)
    elif a.cmd == "void-coupon":
        seq = store.void_coupon(a.code, a.reason)
        print(f"coupon {a.code} voided at change {seq}", file=out)
    elif a.cmd == "adjust-points":
        lot = store.adjust_points(a.member, a.point_type, a.delta, a.reason, expires_at=a.expires_at)
        print(f"{a.delta:+d} {a.point_type} for {a.member} (lot {lot})", file=out)
    elif a.cmd == "drop-row":
        seq = store.drop_row(a.kind, a.key, a.reason)
        print(f"{a.kind} {a.key} tombstoned at change {seq}", file=out)
    elif a.cmd == "list-conflicts":
        rows = [r for r in store.conflicts(a.store) if a.kind is None or r["kind"] == a.kind]
        if a.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1), file=out)
        else:
            for r in rows:
                other = f" vs {r['other_store_id']}/{r['other_terminal_id']} {r['other_checkout_id']}" if r["other_event_id"] else ""
                print(shown(f"#{r['id']} {r['kind']} [{r['decision']}] {r['store_id']}/{r['terminal_id']} checkout "
                            f"{r['checkout_id']} amount {r['amount']}{other}: {r['message']}"), file=out)
            print(f"{len(rows)} conflict(s)", file=out)
    elif a.cmd == "campaign-report":
        _campaign_report(store, a, out)
    elif a.cmd == "prune-slices":
        if not (1 <= a.bought_days <= 3650 and 1 <= a.lookup_days <= 3650 and 1 <= a.limit <= 1_000_000):
            raise AdminError("--bought-days and --lookup-days must be 1..3650, --limit 1..1000000")
        n = store.prune_slices(bought_days=a.bought_days, lookup_days=a.lookup_days, limit=a.limit)
        print(f"{n} slice entr{'y' if n == 1 else 'ies'} left (their stores' terminals delete those members' rows at the next pull)",
              file=out)
    elif a.cmd == "archive-events":
        if not (0 <= a.days <= 36500 and 1 <= a.batch <= 100_000):
            raise AdminError("--days must be 0..36500 and --batch 1..100000")
        n = store.archive_events(days=a.days, batch=a.batch)
        print(f"{n} event{'' if n == 1 else 's'} moved to events_archive", file=out)
    elif a.cmd == "list-quarantine":
        _list_quarantine(store, a, out)
    elif a.cmd == "list-devices":
        for d in store.devices():
            print(f"{d['device_id']} store {d['store_id']} terminal {d['terminal_id']} enrolled {d['enrolled_at']}"
                  + (f" REVOKED {d['revoked_at']}" + (f" ({d['revoked_reason']})" if d["revoked_reason"] else "")
                     if d["revoked_at"] else ""), file=out)
        for d in store.pending_enrolments():  # not devices yet: their credentials do not sync
            print(f"{d['device_id']} store {d['store_id']} terminal {d['terminal_id']} PENDING since {d['created_at']}"
                  f" (lapses {d['expires_at']} unless the terminal confirms it)"
                  + (f"; replaces {', '.join(d['replaces'])} when confirmed" if d["replaces"] else ""), file=out)
    elif a.cmd == "revoke-device":
        store.revoke_device(a.device, a.reason)
        print(f"device {a.device} revoked", file=out)
    elif a.cmd == "revoke-device-key":
        store.revoke_device_key(a.device, a.reason)
        print(f"signing key of device {a.device} revoked", file=out)
    elif a.cmd == "list-device-keys":
        print(json.dumps(store.device_keys(), indent=2), file=out)
    elif a.cmd == "import-catalog":
        from terminal.catalog import CatalogError, load_catalog_file

        try:
            counts = store.import_catalog(load_catalog_file(a.file), demo=a.demo)
        except CatalogError as exc:
            raise AdminError(str(exc)) from None
        for w in store.import_warnings:
            print(f"warning: {w}", file=sys.stderr)
        print("imported: " + ", ".join(f"{v} {k}" for k, v in counts.items()), file=out)
    elif a.cmd == "set-allowances":
        store.set_allowances(stored_voucher_uses=a.stored_voucher_uses, points_per_member=a.points_per_member,
                             unreplicated_coupon_max_age_hours=a.unreplicated_coupon_max_age_hours, valid_hours=a.valid_hours,
                             override_stored_voucher_uses=a.override_stored_voucher_uses,
                             override_points_per_member=a.override_points_per_member, stale_state_uses=a.stale_state_uses,
                             shared_code_uses=a.shared_code_uses, override_shared_code_uses=a.override_shared_code_uses,
                             stored_value_per_account=a.stored_value_per_account,
                             override_stored_value_per_account=a.override_stored_value_per_account,
                             giveaway_claims=a.giveaway_claims, device_vouchers_unbacked=a.device_vouchers_unbacked)
        print(json.dumps(store.allowances({})), file=out)
    elif a.cmd == "revoke-code":
        store.revoke_code(a.kind, a.value, a.reason)
        print(f"{a.kind} {a.value} revoked", file=out)
    elif a.cmd == "unrevoke-code":
        store.unrevoke_code(a.kind, a.value)
        print(f"{a.kind} {a.value} no longer revoked", file=out)
    elif a.cmd == "retire-key":
        seq = store.retire_key(a.key_id, a.reason)
        print(f"issuer key {a.key_id} retired at change {seq}: codes it signed are refused", file=out)
    elif a.cmd == "reset-epoch":
        print(f"new epoch {store.reset_epoch()}: terminals will resync fully", file=out)
    return 0


def _list_quarantine(store: CentralStore, a, out) -> None:
    """admin list-quarantine: the rows terminals reported they could not hold (sync/server/quarantine.py)."""
    import shlex

    from sync.server.quarantine import reported_rows, reporting_terminals

    rows = reported_rows(store, a.store, cleared=a.cleared)
    if a.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1), file=out)
        return
    from sync.protocol import split_cursor

    for r in rows:
        pulled = split_cursor(r["cursor"])[1] if r["cursor"] else None
        if r["cleared_at"]:
            server = "a later pull applied or deleted it"
        elif r["server_seq"] is None:
            server = "the server has no such row"
        elif r["server_deleted"]:
            server = f"dropped on the server at change {r['server_seq']}: the terminal clears it at its next pull"
        elif pulled is not None and r["server_seq"] > pulled:
            server = f"the server has a newer copy (change {r['server_seq']}): the terminal's next pull tries it"
        else:
            server = f"the terminal holds the server's current copy (change {r['server_seq']}): fix or drop it"
        state = f"CLEARED {r['cleared_at']}" if r["cleared_at"] else f"since {r['first_reported_at']}"
        sha = f", its copy sha256 {r['row_sha256'][:12]}" if r["row_sha256"] else ""
        print(f"{r['store_id']}/{r['terminal_id']} {r['kind']} {r['key']!r} {state} (last reported {r['last_reported_at']}"
              f" by {r['device_id']}, cursor {r['cursor'] or '-'}{sha}): {r['reason']}; {server}", file=out)
    for t in reporting_terminals(store, a.store):
        if t["total"] > t["listed"]:
            print(f"{t['store_id']}/{t['terminal_id']} holds {t['total']} quarantined rows; its report lists {t['listed']}",
                  file=out)
    n_open = sum(1 for r in rows if not r["cleared_at"])
    print(f"{n_open} quarantined row(s) at {len({(r['store_id'], r['terminal_id']) for r in rows if not r['cleared_at']})}"
          f" terminal(s)" + (f", {len(rows) - n_open} cleared" if a.cleared else ""), file=out)
    if n_open:
        first = next(r for r in rows if not r["cleared_at"])
        print("What to do: a row that is wrong on the server: fix it and issue it again (import-catalog, issue-coupon, "
              "adjust-points ...); the next pull replaces the terminal's copy. A row that should not exist: drop it, e.g. "
              f"python -m sync.server.admin --db {shlex.quote(a.db)} drop-row --kind {first['kind']} "
              f"--key {shlex.quote(first['key'])} --reason \"...\". Each terminal reports the row cleared once a pull "
              "applies the repair.", file=out)


if __name__ == "__main__":
    sys.exit(main())
