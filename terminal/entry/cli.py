"""Command line for scripting, IT and support: init, scan, preview, settle, void, balance,
report, enroll, sync, status, config, about, support-bundle; topup and gift-card (cli_value.py).

Every command takes `--json` for machine-readable output and `--at` to reproduce the
behaviour of a given moment. Defaults (replica file, store, terminal, server URL) come from
the layered configuration (terminal/infra/config.py). Exit codes: 0 ok, 2 usage, 3 refused (with
reason code), 4 setup problem (bad catalog or config, missing or damaged replica, not enrolled),
5 central server unreachable, 6 unexpected internal error (crash report written), 130
interrupted; every failure is one line (see terminal/entry/cli_errors.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any, Sequence

from terminal import __version__
from terminal.provisioning.bootstrap import init_replica, open_replica, verify_replica
from terminal.infra.errors import SetupError
from terminal.entry import cli_value
from terminal.entry import cli_member_value
from terminal.entry.cli_errors import (EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, EXIT_SETUP,  # noqa: F401
                                 EXIT_UNREACHABLE, EXIT_USAGE, ArgumentParser, UsageError, check_output_file,
                                 classify, crash_line, harden)
from terminal.infra.config import Config, load_config
from terminal.domain.reasons import CheckoutError, CodeError, Reason
from terminal.usecases.checkout import AllowanceOverride, CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases import stored_value
from terminal.usecases.service import RedemptionService


def _to_jsonable(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return {k: _to_jsonable(v) for k, v in asdict(obj).items()}
    if isinstance(obj, dict):
        return {str(k): _to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_to_jsonable(v) for v in obj]
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    return obj


#: --at and --day outside these bounds are refused as usage errors: converting them to UTC or to
#: the store's zone, or adding validity periods to them, would overflow Python's datetime.
AT_MIN = datetime(1970, 1, 1, tzinfo=timezone.utc)
AT_MAX = datetime(3000, 1, 1, tzinfo=timezone.utc)
MAX_DIGITS = 15  # amounts, quantities, uses and points: the rules refuse what is too big; this keeps it an int


def _return_lines(specs: list[str]) -> tuple[tuple[int, int], ...]:
    """`LINE_ID=QUANTITY` pairs; CheckoutError(INVALID_REQUEST) naming the bad one."""
    from terminal.domain.reasons import CheckoutError, Reason

    out = []
    for spec in specs:
        lid, sep, q = spec.partition("=")
        if not (sep and lid.strip().isdigit() and q.strip().isdigit()):
            raise CheckoutError(Reason.INVALID_REQUEST, f"--line {spec!r}: give LINE_ID=QUANTITY, e.g. --line 2=1.", line=spec)
        out.append((int(lid), int(q)))
    return tuple(out)


def parse_at(text: str | None) -> datetime | None:
    """`--at` as an aware datetime in [AT_MIN, AT_MAX). Raises UsageError naming --at."""
    if text is None:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"--at: not an ISO date-time: {text!r} (e.g. 2026-12-05T12:00+08:00)") from exc
    if at.tzinfo is None:
        raise UsageError("--at needs a UTC offset, e.g. 2026-12-05T12:00+08:00")
    try:
        utc = at.astimezone(timezone.utc)
    except OverflowError:
        utc = None
    if utc is None or not AT_MIN <= utc < AT_MAX:
        raise UsageError(f"--at {text!r} is out of range: give a moment from {AT_MIN:%Y-%m-%d} to "
                         f"{AT_MAX.year - 1}-12-31, e.g. 2026-12-05T12:00+08:00")
    return at


def parse_day(text: str, option: str = "--day") -> date:
    """A local calendar day YYYY-MM-DD in the --at range. Raises UsageError naming the option."""
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"{option} {text!r}: use YYYY-MM-DD, e.g. 2026-11-05") from exc
    if not AT_MIN.date() <= day < AT_MAX.date():
        raise UsageError(f"{option} {text!r} is out of range: give a day from {AT_MIN.date()} to {AT_MAX.year - 1}-12-31")
    return day


def _count(text: str, what: str) -> int:
    """ASCII digits only ('²'.isdigit() is true, int('²') fails), at most MAX_DIGITS of them."""
    if not (text.isascii() and text.isdigit()):
        raise UsageError(what)
    if len(text.lstrip("0")) > MAX_DIGITS:
        raise UsageError(f"{what} (at most {MAX_DIGITS} digits)")
    return int(text)


def parse_line(text: str) -> LineRequest:
    """SKU or barcode, optionally xQTY; '@' pays a points-plus-cash item with points."""
    pay_points = text.endswith("@")
    body = text[:-1] if pay_points else text
    sku, qty = body, 1
    head, sep, tail = body.rpartition("x")
    if sep and head and tail.isascii() and tail.isdigit():
        sku, qty = head, _count(tail, f"--line {text!r}: the quantity after 'x' must be a whole number, e.g. LATTEx2")
    if not sku:
        raise UsageError(f"--line {text!r}: give a SKU or barcode, e.g. LATTE x2 as LATTEx2")
    return LineRequest(sku=sku, quantity=qty, pay_with_points=pay_points)


def parse_amount(text: str) -> LineRequest:
    return LineRequest(amount=_count(text, f"--amount {text!r}: a whole amount in TWD, e.g. 250"), name="Amount")


def parse_coupon(text: str) -> CouponRequest:
    code, _, uses = text.partition("*")
    if not code:
        raise UsageError(f"--coupon {text!r}: give the coupon code, e.g. CODE or CODE*2")
    n = _count(uses, f"--coupon {text!r}: uses after '*' must be a number, e.g. CODE*2") if uses else 1
    return CouponRequest(code, n)


def parse_points(items: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for it in items:
        pt, _, n = it.partition("=")
        what = f"--points {it!r}: use TYPE=N, e.g. bonus=120"
        if not pt:
            raise UsageError(what)
        out[pt] = out.get(pt, 0) + _count(n, what)
    return out


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="loyalty-terminal", description="Loyalty Terminal: offline-first redemption at the store counter.")
    p.add_argument("--version", action="version", version=f"loyalty-terminal {__version__}")
    p.add_argument("--db", type=Path, help="replica database file (default: the per-user data directory)")
    p.add_argument("--json", action="store_true", help="print JSON")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("init", help="initialise a replica from a catalog file")
    s.add_argument("--catalog", type=Path, required=True)
    s.add_argument("--store", help="store id (default: [terminal] store_id in the config)")
    s.add_argument("--terminal", help="terminal id (default: [terminal] terminal_id in the config)")
    s.add_argument("--demo", action="store_true", help="a demo replica: trust the public DEMO issuer key (never in production)")

    s = sub.add_parser("check-catalog", help="validate a catalog file without loading it")
    s.add_argument("catalog", type=Path)

    s = sub.add_parser("scan", help="look up and validate a scanned code")
    s.add_argument("code")
    s.add_argument("--member", help="member id, to validate member-bound coupons")
    s.add_argument("--at")

    for name in ("preview", "settle"):
        s = sub.add_parser(name, help=f"{name} a checkout")
        s.add_argument("--member", help="member card code")
        s.add_argument("--line", action="append", default=[], help="product SKU/barcode, xQTY for quantity, trailing @ = pay with points")
        s.add_argument("--amount", action="append", default=[], help="open amount line")
        s.add_argument("--coupon", action="append", default=[], help="coupon code, *N for N uses of a stored voucher")
        s.add_argument("--points", action="append", default=[], help="points to spend, TYPE=N")
        s.add_argument("--payment", default="cash")
        cli_value.add_tender_arguments(s)
        s.add_argument("--referral", help="a new member's referral code (REF-...), at their first purchase")
        s.add_argument("--at")
        if name == "settle":
            s.add_argument("--cashier", required=True, help="staff id of the cashier (with --pin)")
            s.add_argument("--pin", required=True, help="the cashier's PIN (the window uses its signed-in session instead)")
            s.add_argument("--checkout-id", default=None, help="idempotency key (default: a new UUID)")
            s.add_argument("--expected-total", type=int, default=None)
            s.add_argument("--override-manager", help="manager approving a settlement beyond the offline allowance")
            s.add_argument("--override-pin", help="that manager's PIN")
            s.add_argument("--override-reason", help="why the manager approves it (required with --override-manager)")

    cli_value.add_parsers(sub)  # topup, gift-card
    cli_member_value.add_parsers(sub)  # exchange, claim, transfer (issue 15)

    s = sub.add_parser("void", help="void a settlement (manager)")
    s.add_argument("checkout_id")
    s.add_argument("--manager", required=True)
    s.add_argument("--pin", required=True)
    s.add_argument("--reason", required=True)
    s.add_argument("--at")

    s = sub.add_parser("return-items", help="return some items of an earlier sale (manager): --line LINE_ID=QUANTITY ...")
    s.add_argument("checkout_id")
    s.add_argument("--line", action="append", required=True, metavar="LINE_ID=QUANTITY",
                   help="a receipt line (numbered from 1) and how many of its units come back; repeat for more lines")
    s.add_argument("--manager", required=True)
    s.add_argument("--pin", required=True)
    s.add_argument("--reason", required=True)
    s.add_argument("--return-id", help="idempotency key: the same id and lines again replay the first return (default: new)")
    s.add_argument("--at")

    s = sub.add_parser("unlock-staff", help="clear a staff id locked after wrong PINs (manager)")
    s.add_argument("staff_id")
    s.add_argument("--manager", required=True)
    s.add_argument("--pin", required=True, help="the manager's PIN")

    s = sub.add_parser("balance", help="member balances, expiring points and coupons")
    s.add_argument("member")
    s.add_argument("--at")

    s = sub.add_parser("report", help="daily redemption report (manager)")
    s.add_argument("--day", required=True, help="local calendar day, YYYY-MM-DD")
    s.add_argument("--csv", type=Path, help="write CSV (UTF-8 with BOM) here")
    s.add_argument("--pdf", type=Path, help="write PDF here")

    s = sub.add_parser("campaign-report", help="what each coupon template and automatic promotion earned at this store over "
                                               "local days (manager)")
    s.add_argument("--from", dest="first_day", required=True, help="first local calendar day, YYYY-MM-DD")
    s.add_argument("--to", dest="last_day", help="last local calendar day, YYYY-MM-DD (default: the store's day of --at or now)")
    s.add_argument("--at", help="the moment whose local day --to defaults to (ISO 8601 with offset)")
    s.add_argument("--csv", type=Path, help="write CSV (UTF-8 with BOM) here")
    s.add_argument("--pdf", type=Path, help="write PDF here (headings in [terminal] language: zh_TW or en)")

    s = sub.add_parser("enroll", help="enrol this terminal with the central server (IT, once per PC)")
    s.add_argument("--server", help="central server URL, e.g. https://loyalty.example.com (default: the server this "
                                    "replica is or was enrolled with, else [sync] server_url)")
    s.add_argument("--token", required=True, help="one-time enrolment token from the server admin")
    s.add_argument("--terminal", help="terminal id (required for a new replica)")

    sub.add_parser("unenroll", help="revoke this terminal's device credential on the server and forget it here")
    sub.add_parser("sync", help="push the outbox and pull replica changes now")

    sub.add_parser("status", help="outbox / sync status")

    s = sub.add_parser("prune", help="delete finished replica rows older than the retention (docs/sync.md, Replica retention)")
    s.add_argument("--dry-run", action="store_true", help="print what would be pruned, change nothing")
    s.add_argument("--retention-days", type=int, help="override [replica] retention_days (30..3650)")
    s.add_argument("--vacuum", action="store_true", help="then rewrite the file (VACUUM; close the counter first)")
    s.add_argument("--at", help="prune as of this moment instead of now (ISO 8601 with offset)")

    s = sub.add_parser("config", help="show the effective configuration and where each value comes from")
    s.add_argument("action", nargs="?", choices=("show", "paths", "toml"), default="show")
    sub.add_parser("about", help="versions, barcode decoders, keyring backend and paths")
    s = sub.add_parser("support-bundle", help="zip logs, config (no secrets), versions and a database check for support")
    s.add_argument("--out", type=Path, help="zip file to write (default: loyalty-terminal-support-<time>.zip here)")
    return p


def _db(args) -> Path:
    return args.config.db_path()  # --db is the command-line layer of the config


def _service(args) -> RedemptionService:
    db = _db(args)
    if not Path(db).exists():
        raise SetupError(f"no replica at {db}: run 'init --catalog FILE --store ID --terminal ID' first")
    replica = open_replica(db)
    store_id, terminal_id = replica.get_meta("store_id"), replica.get_meta("terminal_id")
    if not store_id or not terminal_id:
        raise SetupError(f"{db} is not initialised")
    from sync.allowances import offline_allowances_for

    return RedemptionService(replica, store_id=store_id, terminal_id=terminal_id, allowances=offline_allowances_for())


def _allowance_override(args) -> AllowanceOverride | None:
    """`--override-manager/--override-pin/--override-reason` -> an override; all three or none (CheckoutError)."""
    given = (args.override_manager, args.override_pin, args.override_reason)
    if not any(given):
        return None
    if not all(x and x.strip() for x in given):
        raise CheckoutError(Reason.INVALID_REQUEST,
                            "An allowance override needs --override-manager, --override-pin and --override-reason together.")
    return AllowanceOverride(args.override_manager, args.override_pin, args.override_reason)


def _request(args, checkout_id: str) -> CheckoutRequest:
    lines = tuple(parse_line(x) for x in args.line) + tuple(parse_amount(x) for x in args.amount)
    if not lines:
        raise UsageError("give at least one --line or --amount")
    return CheckoutRequest(
        checkout_id=checkout_id, lines=lines, member_code=args.member, coupons=tuple(parse_coupon(c) for c in args.coupon),
        points=parse_points(args.points), payment_method=args.payment, expected_total=getattr(args, "expected_total", None),
        value_tenders=cli_value.tenders(args),
        referral_code=args.referral,
    )


def run(argv: Sequence[str] | None = None, out=None) -> int:
    """Run one command; returns its exit code (terminal/entry/cli_errors.py). Raises only SystemExit(0)
    after --help/--version, KeyboardInterrupt and BrokenPipeError (main() handles those)."""
    out = out or sys.stdout
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = harden(build_parser())
    ctx: dict[str, Any] = {"json": "--json" in argv, "command": "", "db": None}  # until parsing succeeds

    def emit(data: Any, text: str) -> None:
        print(json.dumps(_to_jsonable(data), ensure_ascii=False, indent=2) if ctx["json"] else text, file=out)

    try:
        args = parser.parse_args(argv)  # --help, --version: printed, then SystemExit(0) as argparse does
        ctx.update(json=args.json, command=args.command or "")
        if args.command is None:
            commands = ", ".join(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
            raise UsageError(f"give a command: {commands} (see 'loyalty-terminal --help')")
        args.config = load_config(cli={"terminal.db": str(args.db) if args.db else None,
                                       "terminal.store_id": getattr(args, "store", None),
                                       "terminal.terminal_id": getattr(args, "terminal", None),
                                       "sync.server_url": getattr(args, "server", None)})
        ctx["db"] = _db(args)
        if args.command not in ("config", "about"):
            _start_logging(args.config)
        if args.command in WRITING_COMMANDS:
            verify_replica(ctx["db"])  # PRAGMA quick_check before anything writes (reads: header check only)
        if args.command == "init":
            db = _db(args)
            if Path(db).exists():
                raise SetupError(f"{db} already exists; choose another --db or remove it")
            store_id, terminal_id = args.config.terminal.store_id, args.config.terminal.terminal_id
            if not store_id or not terminal_id:
                raise UsageError("give --store and --terminal (or set them in the config file)")
            replica = init_replica(db, args.catalog, store_id=store_id, terminal_id=terminal_id, demo=args.demo)
            counts = replica.last_import  # type: ignore[attr-defined]
            for w in replica.init_warnings:  # type: ignore[attr-defined]
                print(f"warning: {w}", file=sys.stderr)
            emit({"db": str(db), **counts}, f"initialised {db}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        elif args.command == "check-catalog":
            from terminal.catalog import load_catalog_file

            from terminal.catalog import demo_key_ids

            cat = load_catalog_file(args.catalog)
            demo_ids = demo_key_ids(cat)
            warnings = [f"issuer key {', '.join(map(str, demo_ids))} is the public DEMO key: anyone can sign with it; "
                        "only the demo trusts it (a server, import-catalog or init leaves it out unless --demo)"] if demo_ids else []
            for w in warnings:
                print(f"warning: {w}", file=sys.stderr)
            emit({"ok": True, "members": len(cat.members), "coupons": len(cat.coupons), "warnings": warnings},
                 f"catalog OK: {len(cat.members)} members, {len(cat.coupons)} coupons")
        elif args.command == "scan":
            svc = _service(args)
            try:
                res = svc.scan(args.code, at=parse_at(args.at), member_id=args.member)
            except CodeError as err:
                gift = cli_value.gift_card_scan(svc, args.code, err, parse_at(args.at))  # a gift card's number or id?
                emit(gift, "\n".join(cli_value.format_accounts([gift])))
                return EXIT_OK if gift["usable"] else EXIT_REFUSED
            if res.kind == "member":  # with the member's stored value and visit gifts (來店禮)
                accounts = stored_value.value_view(svc, res.member.id, parse_at(args.at))
                gifts = svc.visit_gifts(res.member.id, parse_at(args.at))
                emit({**_to_jsonable(res), "stored_value": accounts, "visit_gifts": gifts},
                     "\n".join([_format_scan(res), *cli_value.format_accounts(accounts), *cli_member_value.visit_gift_lines(gifts)]))
                return EXIT_OK
            emit(res, _format_scan(res))
            if res.kind == "coupon" and res.coupon is not None and not res.coupon.usable:
                return EXIT_REFUSED  # a refused coupon is a refusal, like a refused card
        elif args.command in ("preview", "settle"):
            svc = _service(args)
            at = parse_at(args.at)
            if args.command == "preview":
                req = _request(args, "preview")
                p = svc.preview(req, at=at)
                pays = cli_value.preview_payments(svc, req, p, at)
                if pays is None:
                    emit(p, _format_preview(p))
                else:
                    emit({**_to_jsonable(p), **pays}, "\n".join([_format_preview(p), *cli_value.format_payments(pays)]))
                return EXIT_OK if p.ok else EXIT_REFUSED
            req = _request(args, args.checkout_id or str(uuid.uuid4()))  # bad lines are reported before the PIN check
            svc.verify_staff(args.cashier, args.pin)  # AuthorizationError (bad_pin / not_authorized): nothing written
            receipt = svc.settle(req, cashier_id=args.cashier, at=at, override=_allowance_override(args))
            emit(receipt, _format_receipt(receipt))
            from terminal.usecases.day_close import closed_today

            if (closed := closed_today(svc, svc.now(at))) is not None:  # booked after the close (usecases/day_close.py)
                print(f"warning: day {closed['day']} was closed by {closed['by']}; this sale is booked after the close "
                      "and listed apart in the day's report", file=sys.stderr)
        elif args.command == "topup":
            r = cli_value.topup(args, _service(args), parse_at(args.at))
            emit(r, cli_value.format_topup(r))
        elif args.command == "void-topup":
            r = stored_value.void_topup(_service(args), args.topup_id, manager_id=args.manager, pin=args.pin, reason=args.reason,
                                        at=parse_at(args.at))
            emit(r, f"voided top-up {r['topup_id']} at {r['voided_at']} (event {r['terminal_seq']}); balance {r['balance_after']}")
        elif args.command == "gift-card":
            svc = _service(args)
            v = stored_value.account_view(svc, args.code, parse_at(args.at))
            emit(v, "\n".join(cli_value.format_accounts([v])))
            if not v["usable"]:
                return EXIT_REFUSED
        elif args.command == "void":
            svc = _service(args)
            res = svc.void(args.checkout_id, manager_id=args.manager, pin=args.pin, reason=args.reason, at=parse_at(args.at))
            emit(res, f"voided {res['checkout_id']} at {res['voided_at']} (event {res['terminal_seq']})")
        elif args.command == "return-items":
            from terminal.usecases.returns import ReturnRequest

            res = _service(args).return_items(ReturnRequest(args.return_id or str(uuid.uuid4()), args.checkout_id,
                                                            _return_lines(args.line), args.reason),
                                              manager_id=args.manager, pin=args.pin, at=parse_at(args.at))
            emit(res, f"returned {', '.join(f'line {lid} x{q}' for lid, q in res['units'])} of {res['checkout_id']}: refund "
                 f"{res['refund']}" + (f" ({res['coupon_takeback']} coupon discount taken back)" if res["coupon_takeback"] > 0 else "")
                 + "".join(f", {pt} -{n} points" for pt, n in res["points_clawed"].items())
                 + "".join(f", {pt} +{n} points back" for pt, n in res["points_returned"].items())
                 + ("; back by " + ", ".join(f"{t['tender'].replace('_', ' ')} {t['account_id']} {t['amount']} (balance {t['balance_after']})"
                                             if t.get("account_id") else f"{t['tender']} {t['amount']}" for t in res["tenders"])
                    if any(t.get("account_id") for t in res.get("tenders", [])) else "")
                 + f" (event {res['terminal_seq']})")
        elif args.command == "unlock-staff":
            res = _service(args).clear_pin_lockout(args.staff_id, manager_id=args.manager, pin=args.pin)
            emit(res, f"staff {res['staff_id']} unlocked ({res['failures']} wrong PINs cleared)" if res["cleared"]
                 else f"staff {res['staff_id']} was not locked")
        elif args.command == "balance":
            svc = _service(args)
            at = parse_at(args.at)
            member = svc.resolve_member(args.member)
            view = svc.member_view(member, at)
            accounts = stored_value.value_view(svc, member.id, at)
            gifts = svc.visit_gifts(member.id, at)
            emit({**_to_jsonable(view), "stored_value": accounts, "visit_gifts": gifts},
                 "\n".join([_format_member(view), *cli_value.format_accounts(accounts), *cli_member_value.visit_gift_lines(gifts)]))
        elif args.command in cli_member_value.COMMANDS:
            cli_member_value.run(args, emit, lambda: _service(args), parse_at, lambda: _open_sync(args))
        elif args.command == "report":
            from terminal.usecases.reports import daily_report, report_csv

            day = parse_day(args.day)
            for option, target in (("--csv", args.csv), ("--pdf", args.pdf)):
                if target:
                    check_output_file(target, option)
            svc = _service(args)
            rep = daily_report(svc.replica, store_id=svc.store_id, day=day)
            if args.csv:
                args.csv.write_bytes(report_csv(rep))
            if args.pdf:
                from terminal.ui.report_pdf import write_report_pdf

                write_report_pdf(rep, args.pdf)
            emit(
                {**_to_jsonable(rep), "voided_total": rep.voided_total, "net_total": rep.net_total},
                f"{rep.store_name} {rep.day}: {rep.settlements} settlements, gross {rep.gross}, discounts {rep.discount_total}, "
                f"total {rep.total}, voided {rep.voided_total}, net {rep.net_total}"
                + ("; top-ups {topups} (+{topup_bonus} bonus, +{topup_bonus_points} bonus points), stored value spent {stored_value_spent}, gift cards spent "
                   "{gift_card_spent}, refunded by returns {stored_value_refunded} stored value + {gift_card_refunded} gift "
                   "cards".format(**rep.extras["stored_value"]) if rep.extras.get("stored_value") else ""),
            )
        elif args.command == "campaign-report":
            from terminal.domain.clock import local as local_time
            from terminal.domain.campaign_roi import name_of
            from terminal.usecases.campaign_report import campaign_csv, campaign_report

            first_day = parse_day(args.first_day, "--from")
            last_day = parse_day(args.last_day, "--to") if args.last_day else None
            at = parse_at(args.at)
            for option, target in (("--csv", args.csv), ("--pdf", args.pdf)):
                if target:
                    check_output_file(target, option)
            svc = _service(args)
            if last_day is None:
                last_day = local_time(svc.now(at), svc.store.timezone).date()
            rep = campaign_report(svc.replica, store_id=svc.store_id, first_day=first_day, last_day=last_day)
            if args.csv:
                args.csv.write_bytes(campaign_csv(rep))
            if args.pdf:
                from terminal.ui.campaign_pdf import write_campaign_pdf

                write_campaign_pdf(rep, args.pdf, args.config.terminal.language)
            emit(rep.to_dict(), "\n".join(
                [f"{rep.store_name} {rep.first_day}..{rep.last_day}: {len(rep.lines)} campaign(s)"]
                + [f"  {ln.kind} {ln.campaign_id} {name_of(ln, rep.names)}: issued {ln.issued}, redeemed {ln.redeemed}"
                   f" ({'-' if ln.redemption_rate_percent is None else ln.redemption_rate_percent}%), discount {ln.discount},"
                   f" baskets {ln.baskets}, revenue {ln.revenue}, first-time members {ln.first_time_members}" for ln in rep.lines]))
        elif args.command in ("enroll", "unenroll"):
            from terminal.provisioning import enrolment

            db = _db(args)
            if args.command == "enroll":
                # re-enrolment (`enroll --token NEW`): the server this replica is or was enrolled with
                server = args.server or enrolment.known_server_url(db) or args.config.sync.server_url
                if not server:
                    raise UsageError("give --server URL: this replica has no server yet and [sync] server_url is not set")
                res = enrolment.enroll(db, server_url=server, token=args.token,
                                       terminal_id=args.config.terminal.terminal_id or None,
                                       credentials=credential_factory(),
                                       allow_insecure_http=args.config.sync.allow_insecure_http)
                replaced = res.get("replaced") or []
                emit(res, f"enrolled terminal {res['terminal_id']} of store {res['store_id']} with {res['server_url']}"
                          f" as device {res['device_id']} ({res['pulled_items']} replica items pulled)"
                          + (f"; it replaced device {', '.join(replaced)} (revoked on the server)" if replaced else ""))
            else:
                res = enrolment.unenroll(db, credentials=credential_factory(),
                                         allow_insecure_http=args.config.sync.allow_insecure_http)
                if res["revoked_on_server"] is False:
                    text = (f"terminal {res['terminal_id']} is no longer enrolled on this PC (credential removed), but the "
                            f"server {res['server_url']} could not be told ({res['server_error']}): device "
                            f"{res['device_id']} is still accepted there. Have the server admin run: {res['admin_command']}")
                    emit({**res, "ok": False, "error": text}, f"error: {text}")
                    return EXIT_UNREACHABLE if res["server_unreachable"] else EXIT_SETUP
                emit(res, f"terminal {res['terminal_id']} is no longer enrolled"
                          + (f"; device {res['device_id']} revoked on {res['server_url']}" if res["revoked_on_server"] else ""))
        elif args.command == "sync":
            from terminal.provisioning import enrolment

            handle = enrolment.open_sync(_db(args), credentials=credential_factory(), start=False,
                                         allow_insecure_http=args.config.sync.allow_insecure_http)
            if handle is None:
                raise SetupError("this terminal is not enrolled: run 'enroll --server URL --token TOKEN' first")
            try:
                res = handle.client.sync_once()  # a locked/missing vault: CredentialVaultUnavailable, exit 4
                emit({"push": res["push"], "pull": res["pull"], "status": handle.status()},
                     f"pushed {res['push'].acked} event(s), pulled {res['pull'].items} change(s)")
            finally:
                handle.stop()
        elif args.command == "status":
            from terminal.provisioning import enrolment

            svc = _service(args)
            vault_error = None
            try:
                handle = enrolment.open_sync(_db(args), credentials=credential_factory(), start=False,
                                             allow_insecure_http=args.config.sync.allow_insecure_http)
            except enrolment.InsecureServerUrl as exc:  # the local state still shows, with why sync is off
                handle, vault_error = None, exc
            if handle is not None:
                enrolment.attach(svc, handle)
                vault_error = handle.check_credential()  # enrolled, but the vault locked/missing: status shows it
            st = {"version": __version__, "store_id": svc.store_id, "terminal_id": svc.terminal_id, **svc.status()}
            if handle is not None:
                handle.stop()
            if vault_error is not None:  # the local state still shows, with `credential: locked` (or missing...)
                emit({**st, "ok": False, "error": str(vault_error), "exit_code": EXIT_SETUP},
                     "\n".join(f"{k}: {v}" for k, v in st.items()) + f"\nerror: {vault_error}")
                return EXIT_SETUP
            emit(st, "\n".join(f"{k}: {v}" for k, v in st.items()))
        elif args.command == "prune":
            _prune_command(args, emit)
        elif args.command == "config":
            _config_command(args, emit)
        elif args.command == "about":
            from terminal.infra.support import about

            info = about(args.config)
            emit(info, _format_about(info))
        elif args.command == "support-bundle":
            from terminal.infra.support import write_support_bundle

            target = args.out or Path(f"loyalty-terminal-support-{datetime.now():%Y%m%d-%H%M%S}.zip")
            check_output_file(target, "--out")
            res = write_support_bundle(target, args.config)
            emit(res, f"wrote {res['path']} ({len(res['files'])} files, {res['size_bytes']} bytes); "
                      f"database integrity: {', '.join(res['integrity_check'] or ['no replica'])}")
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as err:  # every failure: one line and a documented exit code
        return _failed(err, ctx, emit)
    return EXIT_OK


#: Commands that write to the replica: it passes PRAGMA quick_check first (once per process).
WRITING_COMMANDS = frozenset({"settle", "void", "return-items", "sync", "enroll", "unenroll", "prune", "topup",
                              "void-topup"}) | cli_member_value.WRITING


def _open_sync(args):
    """The sync handle of an enrolled terminal (not started), or None when not enrolled."""
    from terminal.provisioning import enrolment

    return enrolment.open_sync(_db(args), credentials=credential_factory(), start=False,
                               allow_insecure_http=args.config.sync.allow_insecure_http)


def _prune_command(args, emit) -> None:
    """`prune [--dry-run] [--retention-days N] [--vacuum]`: counts per table (before, pruned, after)."""
    from terminal.storage.prune import RetentionPolicy, prune_replica, vacuum

    db = _db(args)
    if not Path(db).exists():
        raise SetupError(f"no replica at {db}: run 'init --catalog FILE --store ID --terminal ID' first")
    days = args.retention_days if args.retention_days is not None else args.config.replica.retention_days
    try:
        policy = RetentionPolicy(days=days)
    except ValueError as exc:
        raise UsageError(f"--retention-days: {exc}") from None
    if args.dry_run and args.vacuum:
        raise UsageError("--dry-run changes nothing: leave out --vacuum")
    replica = open_replica(db)
    try:
        rep = prune_replica(replica.db, policy, now=parse_at(args.at), dry_run=args.dry_run)
        out = rep.to_dict()
        if args.vacuum:
            out["vacuum"] = vacuum(replica.db)
    finally:
        replica.db.conn.close()
    lines = [f"{'would prune' if rep.dry_run else 'pruned'} rows older than {rep.cutoff} ({policy.days} days):",
             f"  {'table':<18}{'before':>10}{'pruned':>10}{'after':>10}"]
    lines += [f"  {t:<18}{rep.before[t]:>10}{rep.pruned.get(t, 0):>10}{rep.after[t]:>10}" for t in rep.before]
    if not rep.dry_run:
        lines.append(f"  {rep.transactions} transaction(s), {rep.seconds} s; {rep.free_pages} free page(s) left in the file")
    if "vacuum" in out:
        lines.append(f"  VACUUM: {out['vacuum']['bytes_before']} -> {out['vacuum']['bytes_after']} bytes")
    emit(out, "\n".join(lines))


def _failed(err: Exception, ctx: dict[str, Any], emit) -> int:
    from terminal.domain.reasons import DomainError

    command = ctx["command"]
    known = classify(err, command=command, db=ctx["db"]) or _damaged_replica(err, ctx)
    if known is None:
        text = crash_line(err, command=command)
        emit({"ok": False, "error": text, "exit_code": EXIT_INTERNAL}, text)
        return EXIT_INTERNAL
    code, message = known
    if isinstance(err, DomainError):
        emit({"ok": False, **err.to_dict()}, message)
    else:
        emit({"ok": False, "error": message.split(": ", 1)[1] if message.startswith(("error: ", "usage: ")) else message,
              "exit_code": code}, message)
    return code


def _damaged_replica(err: Exception, ctx: dict[str, Any]) -> tuple[int, str] | None:
    """Before calling an unexpected error a bug: a damaged replica (read commands only get the
    header check) can make the code see rows that cannot be. quick_check says which it is."""
    import logging

    db = ctx["db"]
    if ctx["command"] in ("config", "about", "check-catalog", "init") or db is None or not Path(db).is_file():
        return None
    try:
        verify_replica(db)
    except SetupError as damaged:
        logging.getLogger("terminal.cli").error("%s failed on a damaged replica", ctx["command"], exc_info=err)
        return EXIT_SETUP, f"error: {damaged}"
    except Exception:  # the check itself failing must not hide the original error
        return None
    return None


def _start_logging(config: Config) -> None:
    from terminal.infra.logs import install_crash_handler, setup_logging

    lg = config.logging
    setup_logging(lg.level, max_bytes=lg.max_bytes, backup_count=lg.backup_count)
    install_crash_handler()


def _config_command(args, emit) -> None:
    cfg: Config = args.config
    if args.action == "toml":
        emit({"toml": cfg.to_toml()}, cfg.to_toml())
    elif args.action == "paths":
        from terminal.infra.config import site_config_file, user_config_file
        from terminal.infra.logs import log_dir
        from terminal.infra.paths import data_dir

        paths = {"site_config": str(site_config_file()), "user_config": str(user_config_file()),
                 "data_dir": str(data_dir()), "log_dir": str(log_dir()), "db": str(cfg.db_path())}
        emit(paths, "\n".join(f"{k}: {v}" for k, v in paths.items()))
    else:
        rows = cfg.rows()
        width = max(len(k) for k, _, _ in rows)
        emit({k: {"value": v, "source": src} for k, v, src in rows},
             "\n".join(f"{k:<{width}}  {v!r:<28} {src}" for k, v, src in rows)
             + "\nfiles read: " + (", ".join(map(str, cfg.files)) or "none"))


def _format_about(info: dict) -> str:
    lines = [f"Loyalty Terminal {info['version']} (Python {info['python']}, {info['platform']}"
             + (", packaged" if info["frozen"] else "") + ")"]
    lines.append("Qt: " + ", ".join(f"{k} {v}" for k, v in info["qt"].items()))
    lines.append("decoders: " + ", ".join(f"{k} {v}" for k, v in info["decoders"].items()))
    kr = info["keyring"]
    lines.append(f"keyring: {kr.get('active', kr.get('error'))}")
    lines += [f"{k}: {v}" for k, v in info["paths"].items()]
    return "\n".join(lines)


def _format_member(v) -> str:
    lines = [f"member {v.id}  {v.masked_name}  tier {v.tier_name}"]
    lines += [f"  {pt}: {n}" for pt, n in v.balances.items()]
    lines += [f"  expiring: {e['points']} {e['point_type']} on {e['expires_at'][:10]}" for e in v.expiring_soon]
    lines += [f"  coupon {c.code}: {c.name} ({c.remaining_uses}/{c.total_uses} left) {'OK' if c.usable else c.message}" for c in v.coupons]
    return "\n".join(lines)


def _format_scan(res) -> str:
    if res.kind == "member":
        return _format_member(res.member)
    if res.kind == "product":
        return f"product {res.product['sku']}: {res.product['name']} {res.product['price']}"
    c = res.coupon
    state = "VALID" if c.usable else f"REFUSED [{c.reason}]"
    return f"coupon {c.code}: {c.name} ({c.kind}), {c.remaining_uses}/{c.total_uses} uses left -> {state} {c.message}"


def _format_preview(p) -> str:
    lines = [f"gross {p.gross}"]
    for e in p.explanation:
        mark = "x" if e.kind.endswith("refused") else "-"
        lines.append(f"  {mark} {e.text}")
    promo = f"promotions -{p.promotion_discount}, " if p.promotion_discount else ""
    lines.append(f"TOTAL {p.total}  ({promo}coupons -{p.coupon_discount}, points -{p.points_discount})")
    if p.max_points:
        lines.append("  points usable as discount: " + ", ".join(f"{k} up to {v}" for k, v in p.max_points.items()))
    return "\n".join(lines)


def _format_receipt(r) -> str:
    lines = [f"SETTLED {r['checkout_id']} at {r['local_time']}{' (already settled earlier)' if r.get('replayed') else ''}"]
    lines += [f"  {e['text']}" for e in r["explanation"]]
    lines.append(f"TOTAL {r['total']}  earned {r['points_earned']}  spent {r['points_spent']}")
    lines += cli_value.format_payments(r)
    for c in r.get("next_order_coupons") or []:
        lines.append(f"NEXT VISIT {c['code']} {c['name']} valid {c['valid_from']}..{c['valid_until']}")
        if c.get("signed_code"):  # signed by this terminal: any store of the brand accepts it before sync
            lines.append(f"  signed code {c['signed_code']}")
    if r.get("referral"):
        lines.append(f"REFERRAL by {r['referral']['referrer_id']}: welcome coupon {r['referral']['coupon_code']} (after sync)")
    return "\n".join(lines)


def credential_factory():
    """Where device credentials live: the OS vault (tests replace this)."""
    from terminal.provisioning.enrolment import keyring_store

    return keyring_store


def main(argv: Sequence[str] | None = None) -> int:
    """The console entry point: output that cannot fail to print, Ctrl-C and a closed pipe handled."""
    for stream in (sys.stdout, sys.stderr):
        try:  # a name or message the console's code page cannot show is escaped, never a crash
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        return run(argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `... | head`: the reader left; the command itself finished
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
