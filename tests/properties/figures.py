"""Shared checks for "the figures on the receipt are the figures in the ledger" (issue 4).

`ledger_of` reads what the ledgers hold for one checkout by raw SQL; the `check_*`
functions compare one view of that checkout with it: the receipt (service return value,
stored row, CLI `--json`, the counter's view), the printed slip (plain text and the
bytes a Dummy ESC/POS printer receives), the daily report and the reference server's
own ledgers after it applied the outbox events. Used by test_receipt_figures.py.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from escpos.printer import Dummy

from terminal.infra.printing import LABELS, encode_big5, print_receipt, receipt_lines
from terminal.usecases.reports import daily_report
from tests.properties.test_settlement_properties import raw_balances


@dataclass(frozen=True)
class Ledger:
    """One settlement as the terminal's ledgers hold it."""

    checkout_id: str
    event_id: str
    member_id: str | None
    gross: int
    coupon_discount: int
    points_discount: int
    total: int
    earned: dict[str, int]  # point type -> sum of 'earn' deltas
    spent: dict[str, int]  # point type -> -sum of 'burn' deltas
    per_rule: dict[str, int]  # earning rule -> points credited
    coupons: tuple[tuple[str, str | None, int, int], ...]  # (code, parent code, uses, discount)
    receipt: dict[str, Any]  # as stored with the settlement
    payload: dict[str, Any]  # the outbox event's payload


def _by_type(conn: sqlite3.Connection, where: str, args: tuple) -> dict[str, int]:
    rows = conn.execute(f"SELECT point_type, SUM(delta) FROM point_ledger WHERE {where} GROUP BY point_type", args)
    return {pt: n for pt, n in rows if n}


def ledger_of(conn: sqlite3.Connection, checkout_id: str) -> Ledger:
    s = conn.execute(
        """SELECT event_id, member_id, gross, coupon_discount, points_discount, total, receipt FROM settlements
           WHERE checkout_id = ?""", (checkout_id,)).fetchone()
    assert s is not None, f"no settlement {checkout_id}"
    event_id = s[0]
    rules = conn.execute("SELECT rule_id, delta FROM point_ledger WHERE event_id = ? AND kind = 'earn'", (event_id,)).fetchall()
    assert len({r for r, _ in rules}) == len(rules), f"one earn row per rule: {rules}"
    payload = json.loads(conn.execute("SELECT payload FROM outbox WHERE event_id = ?", (event_id,)).fetchone()[0])
    return Ledger(
        checkout_id, event_id, s[1], s[2], s[3], s[4], s[5],
        _by_type(conn, "event_id = ? AND kind = 'earn'", (event_id,)),
        {pt: -n for pt, n in _by_type(conn, "event_id = ? AND kind = 'burn'", (event_id,)).items()},
        dict(rules),
        tuple(tuple(r) for r in conn.execute(
            "SELECT code, parent_code, uses, discount FROM coupon_ledger WHERE event_id = ? ORDER BY id", (event_id,))),
        json.loads(s[6]), payload,
    )


def check_receipt(receipt: dict[str, Any], led: Ledger) -> None:
    """Every figure of a receipt dict equals the ledgers (and the outbox payload says the same)."""
    assert receipt["checkout_id"] == led.checkout_id and receipt["event_id"] == led.event_id
    assert (receipt["gross"], receipt["coupon_discount"], receipt["points_discount"], receipt["total"]) == \
        (led.gross, led.coupon_discount, led.points_discount, led.total)
    assert led.total == led.gross - led.coupon_discount - led.points_discount >= 0
    assert receipt["points_earned"] == led.earned, (receipt["points_earned"], led.earned, led.per_rule)
    assert receipt["points_spent"] == led.spent, (receipt["points_spent"], led.spent)
    assert sum(d for *_, d in led.coupons) == led.coupon_discount
    exp = receipt["explanation"]
    # each earning rule's line on the receipt is the points its ledger row credited
    earns = [e for e in exp if e["kind"] == "earn" and e["points"]]
    assert {e["ref"]: e["points"] for e in earns} == led.per_rule and len(earns) == len(led.per_rule)
    # each coupon's discount line is what the coupon ledger holds for it (a bundle: its vouchers)
    coupon_lines = [e for e in exp if e["kind"] == "coupon"]
    refs = {e["ref"] for e in coupon_lines}
    assert len(refs) == len(coupon_lines)
    for e in coupon_lines:
        assert -e["amount"] == sum(d for code, parent, _, d in led.coupons if code == e["ref"] or parent == e["ref"]), e
    assert all(code in refs or parent in refs for code, parent, *_ in led.coupons)
    assert -sum(e["amount"] for e in coupon_lines) == led.coupon_discount
    assert -sum(e["amount"] for e in exp if e["kind"] == "points") == led.points_discount
    spent_lines: dict[str, int] = {}
    for e in exp:
        if e["kind"] in ("points", "item_points"):
            spent_lines[e["ref"]] = spent_lines.get(e["ref"], 0) - e["points"]
    assert {k: v for k, v in spent_lines.items() if v} == led.spent
    assert not any(e["kind"].endswith("refused") for e in exp)
    # per line: what each line pays adds up to the total, the discounts to the ledgers' discounts
    lines = receipt["lines"]
    assert sum(ln["gross"] for ln in lines) == led.gross and sum(ln["net"] for ln in lines) == led.total
    assert all(0 <= ln["net"] <= ln["gross"] for ln in lines)
    assert sum(ln["gross"] - ln["net"] for ln in lines) == led.coupon_discount + led.points_discount
    # the outbox event (what the server will book) says the same
    p = led.payload
    assert [ln["net"] for ln in p["lines"]] == [ln["net"] for ln in lines]
    assert (p["gross"], p["coupon_discount"], p["points_discount"], p["total"]) == \
        (led.gross, led.coupon_discount, led.points_discount, led.total)
    assert _sum_points(p["earns"]) == led.earned and _sum_points(p["burns"]) == led.spent
    assert sum(c["discount"] for c in p["coupons"]) == led.coupon_discount


def _sum_points(rows: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r["point_type"]] = out.get(r["point_type"], 0) + r["points"]
    return {k: v for k, v in out.items() if v}


def check_balances(svc, receipt: dict[str, Any], led: Ledger, at: datetime, point_types: tuple[str, ...]) -> dict[str, int]:
    """Balances after = the member's ledger balance (raw SQL) = the service's member view. Returns them."""
    if led.member_id is None:
        assert receipt["member"] is None
        return {}
    raw = raw_balances(svc.replica.conn, led.member_id, at, point_types)
    assert receipt["balances_after"] == raw, (receipt["balances_after"], raw)
    assert svc.member_view(svc.replica.member(led.member_id), at).balances == raw
    return raw


_ROW = re.compile(r"^(.*\S)\s+(\S+)$")


def slip_figures(lines: list[str], names: dict[str, str], lang: str = "en") -> dict[str, Any]:
    """The figures a printed slip shows, read back from its text."""
    lb = LABELS[lang]
    by_name = {v: k for k, v in names.items()}
    out: dict[str, Any] = {"earned": {}, "spent": {}, "balance": {}, "adjustments": [], "items": [], "totals": {},
                           "voided": f"*** {lb['voided']} ***" in lines}
    rules = [i for i, ln in enumerate(lines) if ln and set(ln) == {"-"}]
    for i, line in enumerate(lines):
        m = _ROW.match(line)
        if not m or line.startswith(lb["left_out"]):
            continue
        label, value = m.groups()
        for key in ("earned", "spent", "balance"):
            prefix = lb[key] + " "
            if label.startswith(prefix):
                out[key][by_name[label[len(prefix):]]] = int(value)
                break
        else:
            if rules[1] < i < rules[2]:
                out["items"].append(int(value))
            elif label.startswith(" "):
                out["adjustments"].append(int(value))
            elif label in (lb["gross"], lb["coupons"], lb["points"], lb["total"]):
                out["totals"][label] = int(value)
    return out


def check_slip(receipt: dict[str, Any], led: Ledger, names: dict[str, str], balances: dict[str, int]) -> None:
    """The slip (English, 80 mm) shows the ledgers' figures; the Chinese 58 mm slip shows the same
    figures in the same rows, and those rows reach the printer as Big5 bytes."""
    en = receipt_lines(receipt, "en", 48, names)
    f = slip_figures(en, names)
    lb = LABELS["en"]
    assert f["earned"] == led.earned, (f["earned"], led.earned, en)
    assert {k: -v for k, v in f["spent"].items()} == led.spent, (f["spent"], led.spent)
    assert f["balance"] == balances, (f["balance"], balances)
    assert f["totals"][lb["gross"]] == led.gross and f["totals"][lb["total"]] == led.total
    assert f["totals"].get(lb["coupons"], 0) == -led.coupon_discount
    assert f["totals"].get(lb["points"], 0) == -led.points_discount
    assert sum(f["adjustments"]) == -(led.coupon_discount + led.points_discount)
    assert sum(f["items"]) == led.gross
    assert f["voided"] == bool(receipt.get("voided_at"))
    zh_names = {pt: f"{n}點" for pt, n in names.items()}
    zh = receipt_lines(receipt, "zh_TW", 32, zh_names)
    assert len(zh) == len(en)
    skip = (LABELS["en"]["left_out"], LABELS["zh_TW"]["left_out"])
    for a, b in zip(en[1:-1], zh[1:-1]):
        if not a.startswith(skip) and not a.startswith("***") and _ROW.match(a):
            assert _ROW.match(a).group(2) == _ROW.match(b).group(2), (a, b)
    printer = Dummy()
    print_receipt(printer, receipt, lang="zh_TW", width=32, point_names=zh_names)
    for line in zh:
        assert encode_big5(line) in printer.output, line


def check_report(replica, store_id: str, day: date, led: Ledger, *, voided: bool = False) -> None:
    """The daily report of a replica holding this one settlement (and its void)."""
    rep = daily_report(replica, store_id=store_id, day=day)
    assert (rep.settlements, rep.gross, rep.coupon_discount, rep.points_discount, rep.total) == \
        (1, led.gross, led.coupon_discount, led.points_discount, led.total)
    assert {p.point_type: p.earned for p in rep.points if p.earned} == led.earned
    assert {p.point_type: p.spent for p in rep.points if p.spent} == led.spent
    assert sum(t.discount for t in rep.templates) == led.coupon_discount
    reversed_earned = {p.point_type: p.earned_reversed for p in rep.points if p.earned_reversed}
    reversed_spent = {p.point_type: p.spent_reversed for p in rep.points if p.spent_reversed}
    assert (reversed_earned, reversed_spent) == ((led.earned, led.spent) if voided else ({}, {}))
    assert sum(t.voided_discount for t in rep.templates) == (led.coupon_discount if voided else 0)
    assert rep.net_total == (0 if voided else led.total)


class CentralCopy:
    """The reference server's store, in process: receives this terminal's outbox events."""

    def __init__(self, path, parsed_catalog, store_id: str, terminal_id: str, at: datetime) -> None:
        from sync.server.store import CentralStore

        self.store = CentralStore(path, clock=lambda: at)
        self.store.import_catalog(parsed_catalog)
        # the device a push is authenticated as (enrolment itself is tested in tests/sync)
        self.device = {"device_id": f"dev-{terminal_id}", "store_id": store_id, "terminal_id": terminal_id}
        self.at = at

    def push_all(self, replica) -> list[dict]:
        sent = {r[0] for r in self.store.conn.execute("SELECT event_id FROM events")}
        envs = []
        for ev in replica.outbox_events():
            if ev["event_id"] in sent:
                continue
            p = ev["payload"]
            envs.append({"event_id": ev["event_id"], "terminal_id": p["terminal_id"], "store_id": p["store_id"],
                         "terminal_seq": ev["terminal_seq"], "type": ev["type"], "schema_version": 1, "payload": p,
                         "payload_sha256": ev["payload_sha256"], "occurred_at": p["occurred_at"], "based_on_cursor": None,
                         "app_version": "test"})
        assert all(uuid.UUID(e["event_id"]) for e in envs)
        return self.store.push(self.device, envs)["results"]

    def figures(self, checkout_id: str, member_id: str | None) -> dict[str, Any]:
        c = self.store.conn

        def by_type(kind: str) -> dict[str, int]:
            rows = c.execute("SELECT point_type, SUM(delta) FROM point_ledger WHERE checkout_id = ? AND kind = ? GROUP BY point_type",
                             (checkout_id, kind))
            return {pt: n for pt, n in rows if n}

        balances: dict[str, int] = {}
        if member_id is not None:
            for lot in self.store.lots(member_id):
                exp = lot["expires_at"]
                if lot["points"] < 0 or (lot["points"] > 0 and (exp is None or self.at < datetime.fromisoformat(exp))):
                    balances[lot["point_type"]] = balances.get(lot["point_type"], 0) + lot["points"]
        return {
            "earned": by_type("earn"), "spent": {k: -v for k, v in by_type("burn").items()},
            "earn_voided": {k: -v for k, v in by_type("void_earn").items()}, "burn_voided": by_type("void_burn"),
            "coupon_discount": c.execute("SELECT COALESCE(SUM(discount), 0) FROM coupon_ledger WHERE checkout_id = ? AND kind = 'redeem'",
                                         (checkout_id,)).fetchone()[0],
            "coupon_net": tuple(c.execute("SELECT COALESCE(SUM(uses), 0), COALESCE(SUM(discount), 0) FROM coupon_ledger "
                                          "WHERE checkout_id = ?", (checkout_id,)).fetchone()),
            "balances": {k: v for k, v in balances.items() if v},
        }

    def close(self) -> None:
        self.store.close()
