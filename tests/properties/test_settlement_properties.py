"""Stateful property test of the real RedemptionService over a real SQLite file.

Hypothesis drives random sequences of: settle (random baskets, coupons of the test chain,
points), the same settle again (idempotent), a reused checkout id with other content,
voids (manager MGR1 / PIN 9999) and refused voids. After every step the database is
checked against invariants computed independently with raw SQL:

* a member's displayed balance per point type == sum over the member's unexpired lots of
  (replica points + point_ledger deltas);
* every coupon's used uses (replica used + coupon_ledger uses) stays within 0..total_uses;
* outbox terminal_seq is exactly 1..N, every event_id is a UUID, every payload hash is
  sha256(canonical_json(payload)), no payload holds a float;
* every ledger row's event lives in the outbox, every settlement and void has its event;
* the ledger rows of a settlement match its receipt;
* a void restores balances and coupon uses exactly (by the settlement's own effect);
* refusals and replays write nothing.

Then, without Hypothesis: all-or-nothing settlement and void under injected failures
(after `append_event`, after `write_settlement`, in the middle of the ledger writes), and
the append-only triggers on both ledgers.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import parse_catalog
from terminal.domain.events import canonical_json
from terminal.domain.reasons import DomainError, Reason
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from terminal.storage.replica import Replica
from tests.conftest import FixedClock, card, catalog_dict, signed_coupon, signed_member

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)  # 12:00 in Taipei
MEMBERS = {"M1": card("290000000001"), "M2": card("290000000002"), "M3": card("290000000003")}
POINT_TYPES = ("bonus", "diamond")


def _catalog() -> dict:
    cat = catalog_dict()
    extra = {
        "M2": [{"id": "M2-B1", "point_type": "bonus", "points": 400, "earned_at": "2026-06-01T10:00:00+08:00",
                "expires_at": "2027-06-01T00:00:00+08:00"},
               {"id": "M2-D1", "point_type": "diamond", "points": 90, "earned_at": "2026-06-01T10:00:00+08:00"}],
        "M3": [{"id": "M3-B1", "point_type": "bonus", "points": 45, "earned_at": "2026-10-01T10:00:00+08:00",
                "expires_at": "2026-11-25T00:00:00+08:00"}],
    }
    for mm in cat["members"]:
        mm.setdefault("lots", []).extend(extra.get(mm["id"], []))
    # a bonus earned on top of the base rate (another group, same point type): receipts must add, not replace
    cat["earn_rules"].append({"id": "B-latte-bonus", "name": "Latte bonus: 3 per latte", "point_type": "bonus",
                              "kind": "per_quantity", "every": 1, "points": 3, "products": ["LATTE"],
                              "scope": {"brands": ["B"]}, "group": "product"})
    return cat


CATALOG_JSON = json.dumps(_catalog())
PARSED = parse_catalog(CATALOG_JSON)

COUPON_CODES = [
    card("980000000001"),  # SV-0001: 10 coffees, M1
    card("980000000002"),  # C-100OFF-1
    card("980000000007"),  # C-100OFF-2
    card("980000000003"),  # C-10PCT-1
    card("980000000004"),  # C-LATTE-1, M1
    "C-CAP-1",
    "C-BANK-1",
    "BND-1",
    "C-DAILY-1",
    "C-DAILY-2",
    signed_coupon("SIG-1", "T-SIGNED"),  # genuine, not in the replica: accepted offline
    signed_coupon("SIG-2", "T-SIGNED", uses=1),
]

# ---------------------------------------------------------------------------- strategies

line_requests = st.one_of(
    st.builds(LineRequest, sku=st.sampled_from(["LATTE", "AMERICANO", "CROISSANT", "TISSUE"]), quantity=st.integers(1, 3)),
    st.builds(LineRequest, sku=st.just("MUG"), quantity=st.integers(1, 2), pay_with_points=st.booleans()),
    st.builds(LineRequest, amount=st.integers(1, 1500), name=st.just("Amount")),
)
coupon_requests = st.lists(
    st.builds(CouponRequest, code=st.sampled_from(COUPON_CODES), uses=st.integers(1, 3)), max_size=3, unique_by=lambda c: c.code
)
member_codes = st.sampled_from([None, MEMBERS["M1"], MEMBERS["M2"], MEMBERS["M3"], signed_member("M2")])
points_requests = st.one_of(
    st.just({}),
    st.builds(lambda n: {"bonus": 20 * n}, st.integers(1, 10)),
    st.builds(lambda n: {"diamond": 10 * n}, st.integers(1, 9)),
    st.builds(lambda a, b: {"bonus": 20 * a, "diamond": 10 * b}, st.integers(1, 5), st.integers(1, 5)),
)


# ---------------------------------------------------------------------------- independent views


def _clear_lockout(conn: sqlite3.Connection) -> None:
    with conn:
        conn.execute("DELETE FROM pin_lockout")


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def raw_balances(conn: sqlite3.Connection, member_id: str, at: datetime, point_types=POINT_TYPES) -> dict[str, int]:
    """Sum over the member's unexpired lots (and debts) of (replica points + all ledger deltas), by raw SQL."""
    out = {pt: 0 for pt in point_types}
    rows = conn.execute(
        """SELECT l.point_type, l.points, (SELECT COALESCE(SUM(pl.delta), 0) FROM point_ledger pl WHERE pl.lot_id = l.lot_id),
                  l.expires_at
           FROM point_lots l WHERE l.member_id = ?""",
        (member_id,),
    ).fetchall()
    for pt, points, delta, expires in rows:
        # a lot below zero is a debt (a voided earn already spent): it counts even when expired
        if expires is None or at < datetime.fromisoformat(expires) or points + delta < 0:
            out[pt] += points + delta
    return out


def raw_coupon_uses(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """code -> (used uses incl. ledger, total uses), by raw SQL."""
    return {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            """SELECT c.code, c.used_uses + (SELECT COALESCE(SUM(cl.uses), 0) FROM coupon_ledger cl WHERE cl.code = c.code),
                      c.total_uses FROM coupon_instances c"""
        )
    }


def state_of(conn: sqlite3.Connection, at: datetime) -> dict[str, int]:
    """A flat picture of everything a settlement may change and a void must restore."""
    out: dict[str, int] = {}
    for mid in MEMBERS:
        for pt, v in raw_balances(conn, mid, at).items():
            out[f"points:{mid}:{pt}"] = v
    for code, (used, _) in raw_coupon_uses(conn).items():
        out[f"coupon:{code}"] = used
    return out


def _no_floats(value) -> bool:
    if isinstance(value, float):
        return False
    if isinstance(value, dict):
        return all(_no_floats(v) for v in value.values())
    if isinstance(value, list):
        return all(_no_floats(v) for v in value)
    return True


def check_invariants(svc: RedemptionService, at: datetime) -> None:
    conn = svc.replica.conn
    assert not conn.in_transaction
    # displayed balance == replica lots + ledger, computed independently
    for mid in MEMBERS:
        member = svc.replica.member(mid)
        shown = svc.member_view(member, at).balances
        raw = raw_balances(conn, mid, at)
        assert shown == raw, (mid, shown, raw)
    # coupon uses within bounds
    for code, (used, total) in raw_coupon_uses(conn).items():
        assert 0 <= used <= total, (code, used, total)
    # outbox: gap-free sequence, UUIDs, payload hashes, integers only
    events = conn.execute("SELECT event_id, terminal_seq, type, payload, payload_sha256 FROM outbox ORDER BY terminal_seq").fetchall()
    assert [e[1] for e in events] == list(range(1, len(events) + 1))
    by_id = {}
    for event_id, _, type_, payload, sha in events:
        assert uuid.UUID(event_id).version == 4
        body = json.loads(payload)
        assert payload == canonical_json(body)
        assert sha == hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()
        assert _no_floats(body)
        by_id[event_id] = (type_, body)
    # every ledger row belongs to an outbox event; every settlement / void has its event
    for table in ("coupon_ledger", "point_ledger"):
        for event_id, checkout_id in conn.execute(f"SELECT event_id, checkout_id FROM {table}"):
            assert event_id in by_id and by_id[event_id][1]["checkout_id"] == checkout_id
    settlements = conn.execute("SELECT checkout_id, event_id, receipt, total, gross, coupon_discount, points_discount FROM settlements").fetchall()
    voids = conn.execute("SELECT checkout_id, event_id FROM voids").fetchall()
    for checkout_id, event_id, receipt, total, gross, cdisc, pdisc in settlements:
        assert by_id[event_id][0] == "settlement" and by_id[event_id][1]["checkout_id"] == checkout_id
        assert total == gross - cdisc - pdisc >= 0
        r = json.loads(receipt)
        assert r["event_id"] == event_id and r["total"] == total
        # the ledger rows of a settlement match what its receipt told the member
        earned = dict(conn.execute("SELECT point_type, SUM(delta) FROM point_ledger WHERE event_id = ? AND kind = 'earn' GROUP BY point_type", (event_id,)).fetchall())
        spent = dict(conn.execute("SELECT point_type, -SUM(delta) FROM point_ledger WHERE event_id = ? AND kind = 'burn' GROUP BY point_type", (event_id,)).fetchall())
        assert earned == r["points_earned"] and spent == r["points_spent"]
        assert conn.execute("SELECT COALESCE(SUM(discount), 0) FROM coupon_ledger WHERE event_id = ?", (event_id,)).fetchone()[0] == cdisc
    for checkout_id, event_id in voids:
        assert by_id[event_id][0] == "void" and by_id[event_id][1]["checkout_id"] == checkout_id
    assert sorted(t for t, _ in by_id.values()) == sorted(["settlement"] * len(settlements) + ["void"] * len(voids))


# ---------------------------------------------------------------------------- the machine


class SettlementMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="lt-settle-prop-"))
        self.replica = init_replica(self.dir / "replica.db", PARSED, store_id="B-001", terminal_id="T1")
        clock = FixedClock(AT)
        self.services = [
            RedemptionService(self.replica, store_id=s, terminal_id="T1", clock=clock) for s in ("B-001", "A-001")
        ]
        self.conn = self.replica.conn
        self.step = 0
        self.n_ids = 0
        self.settled: dict[str, dict] = {}  # checkout id -> {req, svc, receipt, before, after}
        self.voided: set[str] = set()
        self.successes = 0

    def teardown(self) -> None:
        self.conn.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def at(self) -> datetime:
        return AT + timedelta(minutes=self.step)

    def _tick(self) -> datetime:
        self.step += 1
        return self.at

    def _new_id(self) -> str:
        self.n_ids += 1
        return f"chk-{self.n_ids}"

    def _settle(self, svc: RedemptionService, req: CheckoutRequest) -> dict | None:
        at = self._tick()
        before_counts, before = table_counts(self.conn), state_of(self.conn, at)
        try:
            receipt = svc.settle(req, cashier_id="C01", at=at)
        except DomainError as err:
            assert isinstance(err.reason, Reason) and err.message
            assert table_counts(self.conn) == before_counts, "a refused settlement wrote something"
            return None
        after_counts = table_counts(self.conn)
        assert after_counts["settlements"] == before_counts["settlements"] + 1
        assert after_counts["outbox"] == before_counts["outbox"] + 1
        assert receipt["terminal_seq"] == after_counts["outbox"] and not receipt["replayed"]
        self.settled[req.checkout_id] = {"req": req, "svc": svc, "receipt": receipt, "before": before,
                                         "after": state_of(self.conn, at)}
        self.successes += 1
        return receipt

    @initialize()
    def start(self) -> None:
        check_invariants(self.services[0], self.at)

    @rule(store=st.integers(0, 1), lines=st.lists(line_requests, min_size=1, max_size=4), member=member_codes,
          coupons=coupon_requests, points=points_requests, payment=st.sampled_from(["cash", "card"]))
    def settle_fitted(self, store, lines, member, coupons, points, payment):
        """Preview, drop what is refused, settle: most of these succeed."""
        svc = self.services[store]
        req = CheckoutRequest(self._new_id(), tuple(lines), member, tuple(coupons), dict(points), payment)
        for _ in range(3):
            try:
                p = svc.preview(req, at=self.at)
            except DomainError:
                req = CheckoutRequest(req.checkout_id, req.lines, None, (), {}, payment)
                continue
            if p.ok:
                break
            ok_codes = {v.scanned for v in p.coupon_verdicts if v.ok}
            item_ok = all(v.ok for v in p.points_verdicts if v.purpose == "item")
            lines2 = tuple(ln if item_ok else LineRequest(ln.sku, ln.quantity, ln.amount, ln.name, False) for ln in req.lines)
            pts2 = {v.point_type: v.requested for v in p.points_verdicts if v.ok and v.purpose == "discount"}
            req = CheckoutRequest(req.checkout_id, lines2, req.member_code, tuple(c for c in req.coupons if c.code in ok_codes),
                                  pts2, payment, expected_total=p.total if p.ok else None)
        self._settle(svc, req)

    @rule(store=st.integers(0, 1), lines=st.lists(line_requests, min_size=0, max_size=3), member=member_codes,
          coupons=coupon_requests, points=points_requests)
    def settle_as_asked(self, store, lines, member, coupons, points):
        """Settle exactly what was asked: refused as a whole, or written as a whole."""
        self._settle(self.services[store], CheckoutRequest(self._new_id(), tuple(lines), member, tuple(coupons), dict(points)))

    @rule(store=st.integers(0, 1), coffees=st.lists(st.sampled_from(["LATTE", "AMERICANO"]), min_size=1, max_size=4),
          coupons=st.lists(st.sampled_from([(card("980000000001"), 1), (card("980000000001"), 2), (card("980000000001"), 3),
                                            (card("980000000004"), 1), ("BND-1", 1)]), min_size=1, max_size=2,
                           unique_by=lambda c: c[0]),
          croissant=st.booleans(), points=st.sampled_from([{}, {"bonus": 20}, {"bonus": 60}]))
    def settle_member_vouchers(self, store, coffees, coupons, croissant, points):
        """M1's vouchers (10 coffees, free latte, breakfast bundle) until they are used up."""
        lines = tuple(LineRequest(sku) for sku in coffees) + ((LineRequest("CROISSANT"),) if croissant else ())
        req = CheckoutRequest(self._new_id(), lines, MEMBERS["M1"], tuple(CouponRequest(c, u) for c, u in coupons), dict(points))
        self._settle(self.services[store], req)

    @precondition(lambda self: self.settled)
    @rule(data=st.data())
    def settle_again(self, data):
        """The same checkout id and content again: the first receipt, nothing written."""
        cid = data.draw(st.sampled_from(sorted(self.settled)))
        s = self.settled[cid]
        before = table_counts(self.conn)
        again = s["svc"].settle(s["req"], cashier_id="C01", at=self._tick())
        assert again == {**s["receipt"], "replayed": True}
        assert table_counts(self.conn) == before

    @precondition(lambda self: self.settled)
    @rule(data=st.data(), extra=st.integers(1, 500))
    def reuse_checkout_id(self, data, extra):
        cid = data.draw(st.sampled_from(sorted(self.settled)))
        s = self.settled[cid]
        other = CheckoutRequest(cid, s["req"].lines + (LineRequest(amount=extra, name="More"),), s["req"].member_code)
        before = table_counts(self.conn)
        with pytest.raises(DomainError) as exc:
            s["svc"].settle(other, cashier_id="C01", at=self._tick())
        assert exc.value.reason == Reason.CHECKOUT_ID_REUSED
        assert table_counts(self.conn) == before

    @precondition(lambda self: set(self.settled) - self.voided)
    @rule(data=st.data())
    def void(self, data):
        """A void undoes exactly the settlement's own effect on balances and coupon uses."""
        cid = data.draw(st.sampled_from(sorted(set(self.settled) - self.voided)))
        s = self.settled[cid]
        at = self._tick()
        before_counts, before = table_counts(self.conn), state_of(self.conn, at)
        result = s["svc"].void(cid, manager_id="MGR1", pin="9999", reason="customer changed mind", at=at)
        self.voided.add(cid)
        after = state_of(self.conn, at)
        effect = {k: s["after"][k] - s["before"].get(k, 0) for k in s["after"]}
        for k in after:
            assert after[k] == before.get(k, 0) - effect.get(k, 0), (k, before.get(k), after[k], effect.get(k))
        counts = table_counts(self.conn)
        assert counts["voids"] == before_counts["voids"] + 1 and counts["outbox"] == before_counts["outbox"] + 1
        assert result["terminal_seq"] == counts["outbox"]
        if s["after"] == before:  # nothing happened in between: back to exactly before the settle
            # (a signed coupon first seen by the settlement keeps its replica row, with 0 uses)
            assert {k: after[k] for k in s["before"]} == s["before"]
            assert all(after[k] == 0 for k in set(after) - set(s["before"]))

    @precondition(lambda self: self.settled)
    @rule(data=st.data(), how=st.sampled_from(["again", "bad_pin", "cashier", "unknown"]))
    def refused_void(self, data, how):
        cid = data.draw(st.sampled_from(sorted(self.settled)))
        svc = self.settled[cid]["svc"]
        manager, pin, expected = "MGR1", "9999", Reason.ALREADY_VOIDED
        if how == "again" and cid not in self.voided:
            return
        if how == "bad_pin":
            pin, expected = "0000", Reason.BAD_PIN
        elif how == "cashier":
            manager, pin, expected = "C01", "1234", Reason.NOT_AUTHORIZED
        elif how == "unknown":
            cid, expected = "no-such-checkout", Reason.NOT_FOUND
        before = table_counts(self.conn)
        with pytest.raises(DomainError) as exc:
            svc.void(cid, manager_id=manager, pin=pin, reason="test", at=self._tick())
        assert exc.value.reason == expected and exc.value.message
        after = table_counts(self.conn)
        if how == "bad_pin":
            # the one deliberate write of a refused PIN: the wrong-PIN count (terminal/storage/lockout.py);
            # cleared again, as a manager would, so later steps of the sequence are not locked out
            assert after.pop("pin_lockout") == 1 and before.pop("pin_lockout") == 0
            _clear_lockout(self.conn)
        assert after == before

    @invariant()
    def invariants_hold(self) -> None:
        check_invariants(self.services[0], self.at)


SettlementMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=12, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestSettlementSequences = SettlementMachine.TestCase


# ---------------------------------------------------------------------------- all-or-nothing


@pytest.fixture
def svc(tmp_path):
    replica = init_replica(tmp_path / "replica.db", PARSED, store_id="B-001", terminal_id="T1")
    service = RedemptionService(replica, store_id="B-001", terminal_id="T1", clock=FixedClock(AT))
    yield service
    replica.conn.close()


# M1 at brand B (1 point per 10): a stored voucher use, a product voucher, 20 bonus points
# spent from lot M1-L2, points earned on the rest -> rows in every ledger and a new lot.
RICH = CheckoutRequest(
    "rich-1",
    (LineRequest("LATTE", 2), LineRequest("CROISSANT", 2), LineRequest(amount=300, name="Cake")),
    member_code=MEMBERS["M1"],
    coupons=(CouponRequest(card("980000000001"), 1), CouponRequest(card("980000000004"))),
    points={"bonus": 20},
)
TABLES = ("settlements", "coupon_ledger", "point_ledger", "point_lots", "coupon_instances", "outbox", "voids", "audit_log")


class Injected(RuntimeError):
    pass


def _settle_then_check_rich(svc) -> dict:
    r = svc.settle(RICH, cashier_id="C01", at=AT)
    counts = table_counts(svc.replica.conn)
    assert counts["settlements"] == 1 and counts["outbox"] == 1 and r["terminal_seq"] == 1
    assert counts["coupon_ledger"] == 2 and counts["point_ledger"] >= 2
    check_invariants(svc, AT)
    return r


def _assert_nothing_written(svc, before: dict[str, int], state_before: dict[str, int]) -> None:
    after = table_counts(svc.replica.conn)
    assert {t: after[t] for t in TABLES} == {t: before[t] for t in TABLES}
    assert after == before
    assert state_of(svc.replica.conn, AT) == state_before
    assert not svc.replica.conn.in_transaction


@pytest.mark.parametrize("method", ["append_event", "write_settlement"])
def test_settlement_failing_after_a_write_step_leaves_nothing(svc, monkeypatch, method):
    conn = svc.replica.conn
    before, state_before = table_counts(conn), state_of(conn, AT)
    original = getattr(Replica, method)
    seen = {}

    def fail_after(self, *args, **kwargs):
        out = original(self, *args, **kwargs)
        seen["rows_in_txn"] = table_counts(self.conn)
        raise Injected(f"disk gone after {method}")

    monkeypatch.setattr(Replica, method, fail_after)
    with pytest.raises(Injected):
        svc.settle(RICH, cashier_id="C01", at=AT)
    assert seen["rows_in_txn"]["outbox"] == 1  # the failure really came after rows were written
    if method == "write_settlement":
        assert seen["rows_in_txn"]["point_ledger"] >= 2 and seen["rows_in_txn"]["settlements"] == 1
    _assert_nothing_written(svc, before, state_before)
    monkeypatch.undo()
    _settle_then_check_rich(svc)  # works again; the failed attempt used no terminal_seq


class _FailingConn:
    """Delegates to the real connection; raises on the point_ledger insert (mid-settlement)."""

    def __init__(self, conn: sqlite3.Connection, marker: str) -> None:
        self._conn, self._marker, self.writes = conn, marker, []

    def _check(self, sql: str) -> None:
        if self._marker in sql:
            raise Injected(f"failure injected at: {self._marker}")
        if sql.lstrip().upper().startswith("INSERT"):
            self.writes.append(sql.split("(")[0].strip())

    def execute(self, sql, *args):
        self._check(sql)
        return self._conn.execute(sql, *args)

    def executemany(self, sql, *args):
        self._check(sql)
        return self._conn.executemany(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.mark.parametrize("marker", ["INSERT INTO point_ledger", "INSERT INTO point_lots", "INSERT INTO coupon_ledger"])
def test_settlement_failing_in_the_middle_of_its_writes_leaves_nothing(svc, marker):
    real = svc.replica.conn
    before, state_before = table_counts(real), state_of(real, AT)
    proxy = _FailingConn(real, marker)
    svc.replica.conn = proxy
    try:
        with pytest.raises(Injected):
            svc.settle(RICH, cashier_id="C01", at=AT)
    finally:
        svc.replica.conn = real
    assert any("outbox" in w for w in proxy.writes) and any("settlements" in w for w in proxy.writes)
    _assert_nothing_written(svc, before, state_before)
    _settle_then_check_rich(svc)


def test_settlement_failing_at_the_database_level_leaves_nothing(svc):
    """A constraint failure raised by SQLite itself (temp trigger) mid-transaction."""
    conn = svc.replica.conn
    before, state_before = table_counts(conn), state_of(conn, AT)
    conn.execute("CREATE TEMP TRIGGER inject BEFORE INSERT ON point_ledger BEGIN SELECT RAISE(ABORT, 'injected'); END")
    with pytest.raises(sqlite3.DatabaseError, match="injected"):
        svc.settle(RICH, cashier_id="C01", at=AT)
    conn.execute("DROP TRIGGER inject")
    _assert_nothing_written(svc, before, state_before)
    _settle_then_check_rich(svc)


@pytest.mark.parametrize("method", ["append_event", "write_void", "audit"])
def test_void_failing_midway_leaves_nothing(svc, monkeypatch, method):
    _settle_then_check_rich(svc)
    conn = svc.replica.conn
    before, state_before = table_counts(conn), state_of(conn, AT)
    original = getattr(Replica, method)

    def fail_after(self, *args, **kwargs):
        original(self, *args, **kwargs)
        raise Injected(method)

    monkeypatch.setattr(Replica, method, fail_after)
    with pytest.raises(Injected):
        svc.void("rich-1", manager_id="MGR1", pin="9999", reason="test", at=AT + timedelta(minutes=5))
    _assert_nothing_written(svc, before, state_before)
    assert svc.replica.settlement("rich-1")["voided_at"] is None
    monkeypatch.undo()
    r = svc.void("rich-1", manager_id="MGR1", pin="9999", reason="test", at=AT + timedelta(minutes=5))
    assert r["terminal_seq"] == 2
    check_invariants(svc, AT + timedelta(minutes=5))


def test_void_restores_the_state_before_the_settlement_exactly(svc):
    conn = svc.replica.conn
    first = state_of(conn, AT)
    _settle_then_check_rich(svc)
    assert state_of(conn, AT) != first
    svc.void("rich-1", manager_id="MGR1", pin="9999", reason="test", at=AT + timedelta(minutes=1))
    assert state_of(conn, AT + timedelta(minutes=1)) == first
    m1 = svc.replica.member("M1")
    assert svc.member_view(m1, AT).balances == raw_balances(conn, "M1", AT)


def test_void_of_an_earn_already_spent_leaves_a_debt_not_free_points(svc):
    """Earn 150, spend 180 (45 old + 135 of the new lot), void the earn: 14 left, not 149."""
    m3 = MEMBERS["M3"]
    svc.settle(CheckoutRequest("earn", (LineRequest(amount=1500, name="A"),), m3), cashier_id="C01", at=AT)
    spend = svc.settle(CheckoutRequest("spend", (LineRequest(amount=1500, name="A"),), m3, points={"bonus": 180}),
                       cashier_id="C01", at=AT)
    assert spend["points_spent"] == {"bonus": 180} and spend["points_earned"] == {"bonus": 149}
    svc.void("earn", manager_id="MGR1", pin="9999", reason="test", at=AT)
    conn = svc.replica.conn
    assert raw_balances(conn, "M3", AT)["bonus"] == 45 + 150 - 180 - 150 + 149 == 14
    assert svc.member_view(svc.replica.member("M3"), AT).balances["bonus"] == 14
    p = svc.preview(CheckoutRequest("next", (LineRequest(amount=1500, name="A"),), m3, points={"bonus": 20}), at=AT)
    assert p.points_verdicts[0].reason == Reason.INSUFFICIENT_POINTS and p.max_points["bonus"] == 0
    check_invariants(svc, AT)


@pytest.mark.parametrize("table", ["coupon_ledger", "point_ledger"])
def test_ledgers_refuse_update_and_delete(svc, table):
    _settle_then_check_rich(svc)
    conn = svc.replica.conn
    rows = conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    assert rows
    column = "uses" if table == "coupon_ledger" else "delta"
    for sql in (f"UPDATE {table} SET {column} = {column} + 1", f"DELETE FROM {table}", f"DELETE FROM {table} WHERE id = 1",
                f"UPDATE {table} SET event_id = event_id"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(sql)
    assert conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() == rows
