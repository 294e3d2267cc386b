"""Shared by the durability tests (crash loop, concurrent writers, disk full).

* `durability_catalog()`: the test chain (tests/conftest.py) plus members, stored vouchers and
  bearer coupons for thousands of settlements, and a few deliberately scarce ("hot") ones.
* `request_for(checkout_id, profile)`: the checkout for an id is a pure function of the id, so
  a writer restarted after a kill asks for exactly the same checkout again (same fingerprint:
  the service must return the stored receipt if the first attempt had committed).
* `Auditor`: opens a replica file and checks `INVARIANTS` against what the writers
  acknowledged. It remembers what it already verified (ledgers and events are immutable), so
  a check after every kill stays cheap while the replica grows to thousands of settlements.

The writer processes are in `writer.py`; this module is imported by them, so it stays light
(no pytest at import time).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Mapping

from terminal.domain import codes
from terminal.domain.burn import balance
from terminal.domain.events import payload_sha256
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)  # 12:00 in Taipei; fixed: balances chain exactly
STORE, TERMINAL, CASHIER = "A-001", "T1", "C01"
D_MEMBERS = 6
VOUCHERS_EACH = 3  # stored vouchers per D member, SV-D<k>-<j>
N_BEARER = 4000  # single-use 100-off coupons B-0.. (random picks collide sometimes: refused, nothing written)
N_PCT = 1000  # single-use 10%-off bakery coupons P-0..
N_SIGNED = 2000  # signed, not replicated 30-off coupons SG-0.. (the settlement inserts the instance)
N_DAILY = 20  # once-a-day-per-member coupons DAILY-0.. (contended)
HOT_BEARER = ("HOT-1", "HOT-2", "HOT-3", "HOT-4")  # single use, wanted by every writer
HOT_VOUCHER, HOT_VOUCHER_USES, HOT_VOUCHER_MEMBER = "SV-HOT", 12, "M2"

INVARIANTS = """
I1  PRAGMA integrity_check = ok, foreign_key_check empty
I2  outbox terminal_seq is exactly 1..N (gap-free, unique); earlier events never change or vanish
I3  every acknowledged checkout is in settlements with the acknowledged event id and terminal_seq;
    no refused checkout is; a settlement nobody acknowledged only for the checkout in flight at a kill
I4  every settlement event has its settlement row and vice versa; receipt, settlement row, outbox
    seq, payload (and its sha256) agree
I5  ledger rows exist only for settlement events, and per event they are exactly the payload's
    coupon uses, burns and earns (nothing missing, nothing extra, nothing doubled)
I6  coupon uses: 0 <= replica used + ledger uses <= total uses; ledger uses = sum of the payloads;
    per-member limits (once a day) never exceeded
I7  no point lot below zero; per member and point type, ledger sum = payload sum = receipts
    (earned - spent); each receipt's balances_after = previous balance + earned - spent, and the
    last one = the balance the counter shows now
"""


def card(body: str) -> str:
    return codes.with_check_digit(body)


CARDS = {"M1": card("290000000001"), "M2": card("290000000002"), "M3": card("290000000003")}
CARDS.update({f"D{k}": card(f"29000001{k:04d}") for k in range(1, D_MEMBERS + 1)})


def durability_catalog(*, voucher_uses: int = 1000) -> dict:
    """The conftest chain plus the members and coupons the durability writers use."""
    from tests.conftest import BASE_CATALOG

    cat = json.loads(json.dumps(BASE_CATALOG))
    lot = {"earned_at": "2026-06-01T10:00:00+08:00", "expires_at": "2027-06-01T00:00:00+08:00"}
    for mm in cat["members"]:
        if mm["id"] == "M2":
            mm["lots"] = [{"id": "M2-L1", "point_type": "bonus", "points": 400, **lot}]
        if mm["id"] == "M3":  # scarce points that every contended writer wants
            mm["lots"] = [{"id": "M3-L1", "point_type": "bonus", "points": 60, **lot}]
    tiers = ["normal", "silver", "gold"]
    cat["earn_rules"].append({"id": "A-diamond", "name": "Brand A gold: 1 diamond per 100", "point_type": "diamond",
                              "kind": "per_spend", "every": 100, "points": 1, "scope": {"brands": ["A"], "tiers": ["gold"]}})
    for k in range(1, D_MEMBERS + 1):
        cat["members"].append({
            "id": f"D{k}", "name": f"Durable {k}", "tier": tiers[k % 3], "card_number": CARDS[f"D{k}"],
            "lots": [{"id": f"D{k}-B", "point_type": "bonus", "points": 300, **lot},
                     {"id": f"D{k}-D", "point_type": "diamond", "points": 200, **lot}],
        })
        cat["coupons"] += [{"code": f"SV-D{k}-{j}", "template": "T-10COFFEE", "member": f"D{k}", "total_uses": voucher_uses}
                           for j in range(VOUCHERS_EACH)]
    cat["coupons"] += [{"code": f"B-{n}", "template": "T-100OFF"} for n in range(N_BEARER)]
    cat["coupons"] += [{"code": f"P-{n}", "template": "T-10PCT"} for n in range(N_PCT)]
    cat["coupons"] += [{"code": f"DAILY-{n}", "template": "T-ONCE-A-DAY"} for n in range(N_DAILY)]
    cat["coupons"] += [{"code": c, "template": "T-100OFF"} for c in HOT_BEARER]
    cat["coupons"].append({"code": HOT_VOUCHER, "template": "T-10COFFEE", "member": HOT_VOUCHER_MEMBER,
                           "total_uses": HOT_VOUCHER_USES})
    return cat


_signed_cache: dict[int, str] = {}


def signed_code(n: int) -> str:
    """A genuine signed 30-off bearer coupon the replica does not hold (T-SIGNED accepts those)."""
    if n not in _signed_cache:
        from terminal.infra.crypto import Signer

        signer = Signer.from_b64("nWGxne/9WmC6hedPSw/TnzIeU8JmzEuOVmUs6FyjHhU=")  # tests/conftest.py SIGNER (test-only key)
        fields = codes.coupon_fields(f"SG-{n}", "T-SIGNED", None, date(2026, 11, 20), None, 1)
        _signed_cache[n] = codes.encode_signed("C", 1, fields, signer.sign)
    return _signed_cache[n]


_MIXED_KINDS = ("plain", "products", "earn", "burn", "voucher", "bearer", "percent", "signed", "mug", "mixed", "diamond")
_MIXED_WEIGHTS = (6, 8, 16, 8, 14, 10, 6, 6, 1, 14, 3)
_CONTEND_KINDS = ("hot_bearer", "hot_voucher", "hot_points", "daily", "earn", "voucher", "bearer", "plain")
_CONTEND_WEIGHTS = (12, 12, 14, 8, 14, 14, 14, 12)


def request_for(checkout_id: str, profile: str = "mixed") -> CheckoutRequest:
    """The checkout for this id; the same id always gives the same request (fingerprint)."""
    r = random.Random(f"{profile}:{checkout_id}")
    if profile == "mixed":
        kind = r.choices(_MIXED_KINDS, _MIXED_WEIGHTS)[0]
    elif profile == "contend":
        kind = r.choices(_CONTEND_KINDS, _CONTEND_WEIGHTS)[0]
    else:
        raise ValueError(f"unknown profile {profile!r}")
    d = f"D{r.randint(1, D_MEMBERS)}"
    amount = LineRequest(amount=r.choice([500, 600, 750, 900, 1200]), name="Amount")
    member: str | None = None
    lines: tuple[LineRequest, ...] = (amount,)
    coupons: tuple[CouponRequest, ...] = ()
    points: dict[str, int] = {}
    if kind == "products":
        lines = tuple(LineRequest(sku, r.randint(1, 3)) for sku in r.sample(["LATTE", "AMERICANO", "CROISSANT", "TISSUE"], r.randint(1, 3)))
        member = d if r.random() < 0.5 else None
    elif kind == "earn":
        member = d
    elif kind == "burn":
        member, points = d, {"bonus": 20 * r.randint(1, 2)}
    elif kind == "diamond":
        member, points = d, {"diamond": 10 * r.randint(1, 3)}
    elif kind == "voucher":
        uses = r.choice([1, 1, 2])
        member, coupons, lines = d, (CouponRequest(f"SV-{d}-{r.randrange(VOUCHERS_EACH)}", uses),), (LineRequest("LATTE", uses), LineRequest("CROISSANT"))
    elif kind == "bearer":
        coupons = (CouponRequest(f"B-{r.randrange(N_BEARER)}"),)
    elif kind == "percent":
        lines, coupons = (LineRequest("CROISSANT", r.randint(1, 4)), LineRequest("LATTE")), (CouponRequest(f"P-{r.randrange(N_PCT)}"),)
    elif kind == "signed":
        coupons = (CouponRequest(signed_code(r.randrange(N_SIGNED))),)
    elif kind == "mug":
        member, lines = d, (LineRequest("MUG", pay_with_points=True), LineRequest("LATTE"))
    elif kind == "mixed":
        member = d
        coupons = (CouponRequest(f"SV-{d}-{r.randrange(VOUCHERS_EACH)}"),)
        lines = (LineRequest("LATTE", 2), amount)
        if r.random() < 0.5:
            points = {"bonus": 20 * r.randint(1, 2)}
        if r.random() < 0.5:
            coupons += (CouponRequest(f"B-{r.randrange(N_BEARER)}"),)
    elif kind == "hot_bearer":  # only the hot coupon: the only possible refusal is "used up"
        coupons = (CouponRequest(r.choice(HOT_BEARER)),)
    elif kind == "hot_voucher":
        member, coupons, lines = HOT_VOUCHER_MEMBER, (CouponRequest(HOT_VOUCHER),), (LineRequest("LATTE"),)
    elif kind == "hot_points":  # M3's few points: half the writers earn, half spend them
        member, points = "M3", ({"bonus": 20 * r.randint(1, 3)} if r.random() < 0.5 else {})
    elif kind == "daily":
        member, coupons = "M1", (CouponRequest(f"DAILY-{r.randrange(N_DAILY)}"),)
    return CheckoutRequest(checkout_id, lines, member_code=CARDS[member] if member else None, coupons=coupons, points=points)


def open_conn(path: str | Path):
    """A connection opened exactly as the terminal opens one (WAL, FULL, foreign keys, busy timeout)."""
    from terminal.storage.db import open_database

    return open_database(path).conn


class InvariantViolation(AssertionError):
    pass


class Auditor:
    """Checks `INVARIANTS` on a replica file. Create it before anything is settled."""

    def __init__(self, path: str | Path, *, at: datetime = AT) -> None:
        self.path, self.at = Path(path), at
        conn = open_conn(self.path)
        try:
            if conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]:
                raise ValueError("the auditor must start on a replica without local events")
            self.point_types = [r[0] for r in conn.execute("SELECT id FROM point_types ORDER BY id")]
            # the balance each member starts with, as the counter would show it at `at`
            self.last_balance: dict[str, dict[str, int]] = {
                m: self._shown_balances(conn, m) for (m,) in conn.execute("SELECT id FROM members")
            }
        finally:
            conn.close()
        self.events: list[str] = []  # verified event ids, index = terminal_seq - 1
        self.summary: dict[str, tuple] = {}  # event id -> ledger summary when verified
        self.coupon_uses: Counter[str] = Counter()  # from payloads
        self.point_delta: Counter[tuple[str, str]] = Counter()  # (member, point type) -> from payloads
        self.checks = 0

    def _shown_balances(self, conn, member_id: str) -> dict[str, int]:
        from sqlite_utils import Database

        from terminal.storage.replica import Replica

        lots = Replica(Database(conn)).lots(member_id)
        return {pt: balance(lots, pt, self.at) for pt in self.point_types}

    def check(self, *, acked: Mapping[str, tuple[int, str]], refused: Iterable[str] = (),
              unacked_ok: Iterable[str] = (), integrity: bool = True, full: bool = False) -> dict:
        """Raise InvariantViolation listing every broken invariant. The balance the counter shows
        is recomputed for the members of new events, and for every member when `full` (and on
        every 20th check); all other checks run every time. Returns figures, and in
        `unacked_settled` the checkouts settled although nobody acknowledged them, {id: (seq, event)}
        (allowed only for `unacked_ok`: the checkout in flight at a kill)."""
        problems: list[str] = []
        conn = open_conn(self.path)
        try:
            if integrity:
                ic = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
                if ic != ["ok"]:
                    problems.append(f"I1 integrity_check: {ic[:5]}")
            fk = conn.execute("PRAGMA foreign_key_check").fetchall()
            if fk:
                problems.append(f"I1 foreign_key_check: {fk[:5]}")
            conn.execute("BEGIN")  # one read snapshot for everything below
            figures = self._check_snapshot(conn, acked, set(refused), set(unacked_ok), problems,
                                           full or self.checks % 20 == 0)
            conn.execute("COMMIT")
        finally:
            conn.close()
        self.checks += 1
        if problems:
            raise InvariantViolation(f"{len(problems)} invariant violation(s) in {self.path.name}:\n  "
                                     + "\n  ".join(problems[:30]))
        return figures

    def _check_snapshot(self, conn, acked, refused, unacked_ok, problems: list[str], full: bool) -> dict:
        rows = conn.execute("SELECT terminal_seq, event_id, type FROM outbox ORDER BY terminal_seq").fetchall()
        seqs = [r[0] for r in rows]
        if seqs != list(range(1, len(rows) + 1)):
            missing = sorted(set(range(1, (max(seqs) if seqs else 0) + 1)) - set(seqs))
            problems.append(f"I2 terminal_seq not 1..{len(rows)}: missing {missing[:10]}, first {seqs[:5]}")
        for i, ev in enumerate(self.events):
            if i >= len(rows) or rows[i][1] != ev:
                problems.append(f"I2 verified event seq {i + 1} ({ev}) changed or vanished: now {rows[i][1] if i < len(rows) else None}")
                break
        ev_type = {r[1]: r[2] for r in rows}
        ev_seq = {r[1]: r[0] for r in rows}
        unexpected = {t for t in ev_type.values() if t != "settlement"}
        if unexpected:
            problems.append(f"I4 unexpected outbox event types {unexpected}")
        settled = dict(conn.execute("SELECT checkout_id, event_id FROM settlements").fetchall())
        by_event = {ev: cid for cid, ev in settled.items()}
        for ev, t in ev_type.items():
            if t == "settlement" and ev not in by_event:
                problems.append(f"I4 settlement event {ev} (seq {ev_seq[ev]}) has no settlement row")
        for cid, ev in settled.items():
            if ev_type.get(ev) != "settlement":
                problems.append(f"I4 settlement {cid} points to event {ev} of type {ev_type.get(ev)}")

        # ---- acknowledged vs stored -------------------------------------------------------
        for cid, (seq, ev) in acked.items():
            if cid not in settled:
                problems.append(f"I3 acknowledged checkout {cid} (seq {seq}) is LOST")
            elif settled[cid] != ev or ev_seq.get(ev) != seq:
                problems.append(f"I3 acknowledged checkout {cid} was seq {seq} event {ev}; stored: event {settled[cid]} seq {ev_seq.get(settled[cid])}")
        for cid in refused:
            if cid in settled:
                problems.append(f"I3 refused checkout {cid} is in settlements")
        unacked = set(settled) - set(acked)
        for cid in sorted(unacked - unacked_ok)[:10]:
            problems.append(f"I3 checkout {cid} is settled but was never acknowledged (and was not in flight)")

        # ---- ledgers: summaries per event, orphans ------------------------------------------
        c_sum = {r[0]: r[1:] for r in conn.execute(
            "SELECT event_id, COUNT(*), SUM(uses), SUM(discount) FROM coupon_ledger GROUP BY event_id")}
        p_sum = {r[0]: r[1:] for r in conn.execute(
            "SELECT event_id, COUNT(*), SUM(delta), SUM(ABS(delta)) FROM point_ledger GROUP BY event_id")}
        for ev in set(c_sum) | set(p_sum):
            if ev_type.get(ev) != "settlement":
                problems.append(f"I5 ledger rows for event {ev} which is not a settlement event ({ev_type.get(ev)})")
        for table in ("coupon_ledger", "point_ledger"):
            bad = conn.execute(f"""SELECT COUNT(*) FROM {table} l LEFT JOIN settlements s ON s.event_id = l.event_id
                                   WHERE s.checkout_id IS NULL OR s.checkout_id != l.checkout_id""").fetchone()[0]
            if bad:
                problems.append(f"I5 {bad} {table} row(s) whose checkout does not match the event's settlement")
        for ev in self.events:
            if (c_sum.get(ev), p_sum.get(ev)) != self.summary[ev]:
                problems.append(f"I5 ledger rows of verified event {ev} changed: {self.summary[ev]} -> {(c_sum.get(ev), p_sum.get(ev))}")

        # ---- new events: full verification, in seq order -------------------------------------
        new = [r for r in rows[len(self.events):] if r[2] == "settlement"] if not problems else []
        touched: set[str] = set()
        for seq, ev, _t in new:
            touched.add(self._verify_event(conn, seq, ev, by_event.get(ev), problems))
            if problems:
                break
            self.events.append(ev)
            self.summary[ev] = (c_sum.get(ev), p_sum.get(ev))

        # ---- coupons ----------------------------------------------------------------------
        for code, total, used, led in conn.execute(
                """SELECT c.code, c.total_uses, c.used_uses, COALESCE(SUM(cl.uses), 0) FROM coupon_instances c
                   LEFT JOIN coupon_ledger cl ON cl.code = c.code GROUP BY c.code"""):
            if not (0 <= used + led <= total):
                problems.append(f"I6 coupon {code}: {used} + {led} uses of {total} (over-used)")
            if led != self.coupon_uses.get(code, 0) and not problems:
                problems.append(f"I6 coupon {code}: ledger uses {led} != payload uses {self.coupon_uses.get(code, 0)}")
        for tpl_id, body in conn.execute("SELECT id, body FROM coupon_templates"):
            limit = json.loads(body).get("per_member_limit")
            if not limit:
                continue
            # the writers' clock is fixed, so every use falls on one local day: the daily limit is the total limit
            for member, n in conn.execute("""SELECT member_id, SUM(uses) FROM coupon_ledger WHERE template_id = ?
                                             AND member_id IS NOT NULL GROUP BY member_id""", (tpl_id,)):
                if n > limit["count"]:
                    problems.append(f"I6 member {member} used {tpl_id} {n} times (limit {limit['count']} per {limit['period']})")

        # ---- points -----------------------------------------------------------------------
        neg = conn.execute("""SELECT l.lot_id, l.points + COALESCE(SUM(pl.delta), 0) AS eff FROM point_lots l
                              LEFT JOIN point_ledger pl ON pl.lot_id = l.lot_id GROUP BY l.lot_id HAVING eff < 0""").fetchall()
        if neg:
            problems.append(f"I7 point lots below zero (overspent): {neg[:5]}")
        led = {(m, pt): s for m, pt, s in conn.execute(
            "SELECT member_id, point_type, SUM(delta) FROM point_ledger GROUP BY member_id, point_type")}
        for key in set(led) | set(self.point_delta):
            if led.get(key, 0) != self.point_delta.get(key, 0) and not problems:
                problems.append(f"I7 {key}: ledger sum {led.get(key, 0)} != payload/receipt sum {self.point_delta.get(key, 0)}")
        members = {m for m, _pt in led} if full else touched - {None}
        for m in sorted(members):
            shown = self._shown_balances(conn, m)
            if shown != self.last_balance[m] and not problems:
                problems.append(f"I7 member {m}: counter shows {shown}, last receipt says {self.last_balance[m]}")
        return {"events": len(rows), "settlements": len(settled),
                "unacked_settled": {cid: (ev_seq.get(settled[cid]), settled[cid]) for cid in unacked},
                "coupon_ledger_rows": sum(v[0] for v in c_sum.values()), "point_ledger_rows": sum(v[0] for v in p_sum.values())}

    def _verify_event(self, conn, seq: int, ev: str, cid: str | None, problems: list[str]) -> str | None:
        """Verify one new event in full; returns its member id."""
        payload_json, sha = conn.execute("SELECT payload, payload_sha256 FROM outbox WHERE event_id = ?", (ev,)).fetchone()
        payload = json.loads(payload_json)
        where = f"event seq {seq} ({cid})"
        if payload_sha256(payload) != sha:
            problems.append(f"I4 {where}: payload sha256 does not match the payload")
        row = conn.execute("SELECT checkout_id, total, member_id, receipt FROM settlements WHERE event_id = ?", (ev,)).fetchone()
        if row is None:
            problems.append(f"I4 {where}: no settlement row")
            return None
        receipt = json.loads(row[3])
        if not (payload["checkout_id"] == row[0] == receipt["checkout_id"] and receipt["event_id"] == ev
                and receipt["terminal_seq"] == seq and payload["total"] == row[1] == receipt["total"]
                and payload["member_id"] == row[2]):
            problems.append(f"I4 {where}: payload / settlement row / receipt disagree")
        coupons = sorted((c["code"], c["uses"], c["discount"]) for c in payload["coupons"])
        ledger_c = sorted(conn.execute("SELECT code, uses, discount FROM coupon_ledger WHERE event_id = ? AND kind = 'redeem'", (ev,)).fetchall())
        if coupons != ledger_c:
            problems.append(f"I5 {where}: coupon ledger {ledger_c} != payload coupons {coupons}")
        want_p = sorted([(b["lot_id"], b["point_type"], -b["points"], "burn") for b in payload["burns"]]
                        + [(e["lot_id"], e["point_type"], e["points"], "earn") for e in payload["earns"]])
        ledger_p = sorted(conn.execute("SELECT lot_id, point_type, delta, kind FROM point_ledger WHERE event_id = ?", (ev,)).fetchall())
        if want_p != ledger_p:
            problems.append(f"I5 {where}: point ledger {ledger_p} != payload burns/earns {want_p}")
        spent: Counter[str] = Counter()
        earned: Counter[str] = Counter()
        for b in payload["burns"]:
            spent[b["point_type"]] += b["points"]
        for e in payload["earns"]:
            earned[e["point_type"]] += e["points"]
        if {k: v for k, v in spent.items() if v} != {k: v for k, v in receipt["points_spent"].items() if v} \
                or {k: v for k, v in earned.items() if v} != {k: v for k, v in receipt["points_earned"].items() if v}:
            problems.append(f"I7 {where}: receipt points {receipt['points_spent']}/{receipt['points_earned']} != payload {dict(spent)}/{dict(earned)}")
        for code, uses, _disc in coupons:
            self.coupon_uses[code] += uses
        member = payload["member_id"]
        if member is not None:
            for pt in set(spent) | set(earned):
                self.point_delta[(member, pt)] += earned[pt] - spent[pt]
            before = self.last_balance[member]
            want = {pt: before.get(pt, 0) + earned[pt] - spent[pt] for pt in receipt["balances_after"]}
            if want != receipt["balances_after"]:
                problems.append(f"I7 {where}: balances_after {receipt['balances_after']} != previous {before} + earned - spent {want}")
            self.last_balance[member] = {**before, **receipt["balances_after"]}
        elif payload["burns"] or payload["earns"]:
            problems.append(f"I7 {where}: points without a member")
        return member


def parse_lines(lines: Iterable[str]) -> list[tuple]:
    """Writer output lines -> tuples (see writer.py for the format)."""
    out = []
    for line in lines:
        parts = line.split()
        if not parts:
            continue
        out.append(tuple(parts))
    return out
