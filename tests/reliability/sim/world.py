"""Seeded deterministic simulation of terminals, the central server and a faulty network.

One `Simulation(seed)` builds:

* the real central store (`sync.server.store.CentralStore`) and the real HTTP app
  (`sync.server.app.create_app`), called in-process (see `network.py`); on a SQLite file in the
  work folder (default), or on the database `central` names (a PostgreSQL URL) with `workers`
  apps, each on its own store (engine and pool), taking the requests in a seeded order, as the
  worker processes of `python -m sync.server --workers N` do;
* N terminals, each a real SQLite replica with a `RedemptionService` (the counter's
  connection, with the offline allowance check every real till wires) and a `SyncClient`
  (its own connection), as in production; the server grants the allowances a deployment has
  (`ALLOWANCES`), which each terminal pulls at bootstrap and every sync round;
* one simulated clock (server time) plus a per-terminal skew (terminal clocks are wrong);
* a network that drops, delays, duplicates and reorders requests and answers, and
  partitions terminals.

Each step the seeded RNG picks one action: settle a checkout (the same single-use coupon,
stored voucher or member points reused at several terminals), replay a checkout id, void,
push, pull, a whole sync round, deliver a held request late, partition or heal a terminal,
advance the clock, jump a terminal's clock, restart a terminal (reopen its database), or an
admin action on the server (void a coupon, adjust points, reset the epoch). After every
step `check()` verifies the invariants (see `INVARIANTS`); at the end everything is healed,
synced fully, and the convergence and conflict invariants are checked.

Everything that could differ between two runs is derived from the seed: event UUIDs,
server device ids, credentials and epochs (patched for the run), fault choices, the clock.
`trace_hash` is the sha256 of the trace; two runs of one seed must give the same hash.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sync.allowances import offline_allowances_for
from sync.client import MemoryCredentialStore, SyncClient, SyncError, TransientError
from sync.protocol import split_cursor
from sync.server.app import create_app
from sync.server.bounds import CLOCK_SKEW
from sync.server.store import CentralStore
from terminal.provisioning.bootstrap import open_replica
from terminal.catalog import parse_catalog
from terminal.domain.reasons import DomainError
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, card

from ..overlay_checks import counted_twice, receives, staged_rows
from .network import Faults, Network, ServerEndpoint

BASE_URL = "http://central.sim"
START = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)  # 10:00 in Taipei

INVARIANTS = """
every step:
  S1  each terminal's outbox terminal_seq is 1..n without gaps, event ids unique
  S2  every event a terminal holds as acknowledged exists on the server exactly once, same hash, seq, terminal, status
  S3  every server event was created by a terminal (same id, hash, seq in that terminal's outbox)
  S4  (terminal, terminal_seq) is unique on the server
  S5  server coupon uses and lot points = catalog start + sum of the central ledgers
  S6  a terminal's own net uses of a coupon are between 0 and its total uses (never over-spent locally)
  S7  a settlement the terminal accepted never used more uses than the terminal showed as remaining
  S8  pull cursor never ahead: cursor <= server head, and every replicated entity whose last change is
      <= the cursor is in the replica exactly as on the server
  S9  an event marked reflected is rejected or has visible_seq <= the pull cursor
  S10 every server conflict belongs to a stored event; no dead letters; no 5xx from the app; no 4xx to a real client
  S11 services raise only DomainError, sync raises only TransientError (never another SyncError)
  S12 the overlay never counts an effect twice: every event of the terminal that the server holds, not
      rejected, that changed rows (central ledger entries), with visible_seq <= the cursor of the state
      its replica shows, is marked reflected
at the end (healed, held requests delivered, full sync):
  F1  outboxes drained (nothing pending, nothing dead), every event reflected
  F2  server events = union of all outboxes, each exactly once
  F3  every redemption beyond a coupon's remaining uses (in server receive order) has its conflict
      (duplicate_redemption / voucher_overuse / redeemed_after_void), and no other such conflict exists
  F4  each terminal stores the conflicts of its own events
  F7  no honest event is quarantined: the server's re-judgement (terminal/domain) agrees with the counters;
      the one exception is a terminal whose clock ran more than CLOCK_SKEW ahead of the true time when it
      sold: its earn rules are judged at the server's time, so an earn claimed for a later day may be cut
      (earn_exceeds_rules) - the server does not take a time from the future
  F6  a row no replica can hold, planted in the feed at the start, is quarantined by every terminal
      (and only it), and every later change still arrives (F5, S8)
  F5  replicas converge to the server (coupons, lots, members); balances shown = server ledger sums
"""


class SimulationFailure(AssertionError):
    def __init__(self, seed: int, step: int, message: str, tail: list[str], replay: str) -> None:
        self.seed, self.step, self.replay = seed, step, replay
        super().__init__(f"simulation seed={seed} failed at step {step}: {message}\n"
                         f"replay: {replay}\nlast trace lines:\n  " + "\n  ".join(tail))


def sim_catalog() -> dict:
    cat = json.loads(json.dumps(BASE_CATALOG))
    for i in range(1, 7):
        cat["coupons"].append({"code": f"SIM-C{i}", "template": "T-100OFF"})
    cat["coupons"].append({"code": "SIM-SV1", "template": "T-10COFFEE", "member": "M1", "total_uses": 6})
    cat["coupons"].append({"code": "SIM-SV2", "template": "T-10COFFEE", "member": "M2", "total_uses": 4})
    for mm in cat["members"]:
        if mm["id"] == "M2":
            mm["lots"] = [{"id": "M2-L1", "point_type": "bonus", "points": 400, "earned_at": "2026-06-01T10:00:00+08:00",
                           "expires_at": "2027-06-01T00:00:00+08:00"}]
        if mm["id"] == "M3":
            mm["lots"] = [{"id": "M3-L1", "point_type": "bonus", "points": 60, "earned_at": "2026-06-01T10:00:00+08:00",
                           "expires_at": "2026-11-22T00:00:00+08:00"}]
    return cat


POISON = "SIM-POISON"  # the planted row (F6)
# the offline allowances of the simulated deployment (admin set-allowances): a till may use a stored
# voucher 3 times and spend 500 points per member before it syncs (the sales use 1..3 uses, 20..160 points)
ALLOWANCES = {"stored_voucher_uses": 3, "points_per_member": 500}
BEARER = ["SIM-C1", "SIM-C2", "SIM-C3", "SIM-C4", "SIM-C5", "SIM-C6", "C-100OFF-1", "C-100OFF-2"]
VOUCHERS = [("SIM-SV1", "M1"), ("SIM-SV2", "M2"), ("SV-0001", "M1")]
CARDS = {"M1": card("290000000001"), "M2": card("290000000002"), "M3": card("290000000003")}
STORES = ["A-001", "A-001", "B-001", "A-NEW", "Y"]


class _DetIds:
    """Stands in for the `uuid` and `secrets` modules inside the code under test."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def uuid4(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def token_hex(self, n: int = 16) -> str:
        return self.rng.getrandbits(8 * n).to_bytes(n, "big").hex()

    def token_urlsafe(self, n: int = 32) -> str:
        return base64.urlsafe_b64encode(self.rng.getrandbits(8 * n).to_bytes(n, "big")).rstrip(b"=").decode()


@dataclass
class SimTerminal:
    sim: "Simulation"
    name: str
    store_id: str
    path: Path
    page_size: int
    skew: timedelta = timedelta(0)
    creds: MemoryCredentialStore = field(default_factory=MemoryCredentialStore)
    client: SyncClient | None = None
    svc: RedemptionService | None = None
    n_checkouts: int = 0
    requests: dict[str, CheckoutRequest] = field(default_factory=dict)

    def clock(self) -> datetime:
        return self.sim.now + self.skew

    def open(self) -> None:
        self.client = SyncClient(open_replica(self.path), BASE_URL, self.creds, transport=self.sim.net.transport(self.name),
                                 page_size=self.page_size, clock=self.clock, rng=random.Random(self.name), sleep=lambda s: None)

    def open_service(self) -> None:
        self.svc = RedemptionService(open_replica(self.path), store_id=self.store_id, terminal_id=self.name, clock=self.clock,
                                     allowances=offline_allowances_for())

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client.conn.close()
            self.client = None
        if self.svc is not None:
            self.svc.replica.conn.close()
            self.svc = None

    @property
    def conn(self):
        return self.client.conn


class Simulation:
    def __init__(self, seed: int, *, steps: int = 200, terminals: int = 3, workdir: str | Path | None = None,
                 replay_cmd: str | None = None, central: str | None = None, workers: int = 1) -> None:
        """`central`: the central database's URL (None: a SQLite file in the work folder); `workers`: server
        apps over it (more than one only on PostgreSQL: ValueError otherwise, as the real server refuses)."""
        if workers < 1 or (workers > 1 and not (central or "").startswith("postgresql")):
            raise ValueError(f"{workers} server workers need a PostgreSQL central database (got {central or 'a SQLite file'})")
        self.seed, self.steps, self.n_terminals = seed, steps, terminals
        self.central, self.n_workers = central, workers
        self.rng = random.Random(seed)
        self.ids = _DetIds(random.Random(seed * 7919 + 1))
        self.now = START
        self.trace: list[str] = []
        self.step_no = 0
        self.replay_cmd = replay_cmd or (f"LT_SIM_SEED={seed} LT_SIM_STEPS={steps} LT_SIM_TERMINALS={terminals} "
                                         ".venv/bin/python -m pytest tests/reliability/test_simulation.py -k replay")
        self._own_dir = workdir is None
        self.dir = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix=f"ltsim-{seed}-"))
        self.faults = Faults.random(self.rng)
        self.stats: dict[str, int] = {}
        self.bearer, self.vouchers, self.n_issued = list(BEARER), list(VOUCHERS), 0
        self.clock_ahead: set[str] = set()  # settlements made on a clock more than CLOCK_SKEW ahead of the true time (F7)

    # ---- set-up and tear-down ----------------------------------------------------------------
    def __enter__(self) -> "Simulation":
        import sync.server.backoffice as backoffice_mod
        import sync.server.devices as devices_mod
        import sync.server.store as store_mod
        import terminal.usecases.context as services_mod  # settlement and void event ids (append_event)

        self._patched = [(services_mod, "uuid", services_mod.uuid)]
        services_mod.uuid = SimpleNamespace(uuid4=self.ids.uuid4)
        # ids made by the server: enrolment and credentials, coupons, adjustments, epochs
        for mod in (store_mod, backoffice_mod, devices_mod):
            for name, fake in (("uuid", SimpleNamespace(uuid4=self.ids.uuid4)),
                               ("secrets", SimpleNamespace(token_hex=self.ids.token_hex, token_urlsafe=self.ids.token_urlsafe))):
                if hasattr(mod, name):
                    self._patched.append((mod, name, getattr(mod, name)))
                    setattr(mod, name, fake)
        try:
            self._setup()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _setup(self) -> None:
        self.catalog = sim_catalog()
        where = self.central or self.dir / "central.db"
        self.store = CentralStore(where, clock=lambda: self.now)
        self.store.import_catalog(parse_catalog(json.dumps(self.catalog)))
        self.store.set_allowances(**ALLOWANCES)
        # worker 1 serves on the store the admin actions use (as one process did); the others open their own
        self.worker_stores = [self.store] + [CentralStore(where, clock=lambda: self.now) for _ in range(self.n_workers - 1)]
        # no judging time budget (push_budget_s=0): a batch cut by it would make the trace depend on the machine's
        # speed (intake.PUSH_BUDGET_S; tests/sync/test_push_budget.py tests the budget)
        self.server = ServerEndpoint(*(create_app(s, push_budget_s=0) for s in self.worker_stores),
                                     pick=random.Random(self.seed * 104729 + 3))
        self.net = Network(self.server, self.rng, Faults())  # calm while enrolling
        self.start_coupons = {c["code"]: c for c in (json.loads(r[0]) for r in self.store.conn.execute(
            "SELECT body FROM entities WHERE kind = 'coupon'"))}
        self.start_lots = {lot["lot_id"]: lot["points"] for lot in (json.loads(r[0]) for r in self.store.conn.execute(
            "SELECT body FROM entities WHERE kind = 'point_lot'"))}
        # F6: a row no replica can hold (a lot of an unknown point type, as an older server let in) is in
        # the feed from the start; every terminal must quarantine it and still receive everything after it
        with self.store.write():
            self.store.put("point_lot", POISON, {"lot_id": POISON, "member_id": "M3", "point_type": "no-such-type", "points": 1,
                                                 "earned_at": START.isoformat(), "expires_at": None}, "M3")
        self.start_lots[POISON] = 1
        self.terms: dict[str, SimTerminal] = {}
        for i in range(self.n_terminals):
            name = f"T{i + 1}"
            t = SimTerminal(self, name, STORES[i % len(STORES)], self.dir / f"{name}.db", page_size=self.rng.choice([5, 40, 1000]))
            t.skew = timedelta(minutes=self.rng.choice([0, 0, 0, 3, -7, 24 * 60, -2 * 24 * 60]))
            t.open()
            t.client.enrol(self.store.create_enrol_token(t.store_id), name)
            t.client.bootstrap()
            t.open_service()
            self.terms[name] = t
        self.net.faults = self.faults
        self.log(f"seed={self.seed} faults={self.faults.as_tuple()} terminals="
                 + ",".join(f"{t.name}@{t.store_id}/skew={t.skew}/page={t.page_size}" for t in self.terms.values()))

    def __exit__(self, *exc) -> None:
        for t in getattr(self, "terms", {}).values():
            try:
                t.close()
            except Exception:
                pass
        if hasattr(self, "server"):
            self.server.close()
        for store in getattr(self, "worker_stores", [self.store] if hasattr(self, "store") else []):
            store.close()
        for mod, name, orig in getattr(self, "_patched", []):
            setattr(mod, name, orig)
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    # ---- trace ------------------------------------------------------------------------------------
    def log(self, line: str) -> None:
        self.trace.append(f"{self.step_no} {line}")

    @property
    def trace_hash(self) -> str:
        return hashlib.sha256("\n".join(self.trace).encode()).hexdigest()

    def fail(self, message: str) -> None:
        raise SimulationFailure(self.seed, self.step_no, message, self.trace[-25:], self.replay_cmd)

    def expect(self, cond: bool, message: str) -> None:
        if not cond:
            self.fail(message)

    # ---- the run ---------------------------------------------------------------------------------
    ACTIONS = [("settle", 30), ("void", 4), ("push", 13), ("pull", 11), ("sync", 6), ("deliver_held", 8), ("partition", 2),
               ("heal", 3), ("tick", 9), ("skew", 1), ("restart", 2), ("admin_void", 0.4), ("admin_points", 0.6), ("admin_issue", 1),
               ("reset_epoch", 0.15)]

    def run(self) -> str:
        names = [a for a, _ in self.ACTIONS]
        weights = [w for _, w in self.ACTIONS]
        for self.step_no in range(1, self.steps + 1):
            action = self.rng.choices(names, weights)[0]
            self.stats[action] = self.stats.get(action, 0) + 1
            t = self.terms[self.rng.choice(sorted(self.terms))]
            try:
                getattr(self, "do_" + action)(t)
                self.check()
            except SimulationFailure:
                raise
            except Exception as exc:  # anything unexpected from the code under test
                self.fail(f"{action} at {t.name} raised {type(exc).__name__}: {exc}")
        self.step_no = self.steps + 1
        try:
            self.finish()
        except SimulationFailure:
            raise
        except Exception as exc:
            self.fail(f"final sync raised {type(exc).__name__}: {exc}")
        return self.trace_hash

    # ---- actions -------------------------------------------------------------------------------
    def do_settle(self, t: SimTerminal) -> None:
        r = self.rng
        kind = r.choices(["coupon", "voucher", "points", "earn", "plain", "replay", "mixed"], [25, 20, 15, 12, 5, 8, 15])[0]
        if kind == "replay":
            if not t.requests:
                kind = "plain"
            else:
                cid = r.choice(sorted(t.requests))
                req = t.requests[cid]
                before = t.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
                rec = t.svc.settle(req, cashier_id="C01")
                after = t.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
                self.expect(rec.get("replayed") is True and after == before, f"replaying checkout {cid} wrote again")
                self.log(f"settle {t.name} replay {cid} -> replayed seq={rec['terminal_seq']}")
                return
        t.n_checkouts += 1
        cid = f"{t.name}-{t.n_checkouts}"
        member = None
        coupons: tuple[CouponRequest, ...] = ()
        points: dict[str, int] = {}
        lines: tuple[LineRequest, ...] = (LineRequest(amount=r.choice([300, 600, 900]), name="Amount"),)
        if kind in ("coupon", "mixed"):
            lines = (LineRequest(amount=r.choice([500, 600, 900]), name="Amount"),)
            coupons = (CouponRequest(r.choice(self.bearer[-10:])),)
            if kind == "mixed":
                member = r.choice(["M1", "M2"])
                points = {"bonus": 20 * r.randint(1, 6)}
        elif kind == "voucher":
            code, member = r.choice(self.vouchers[-4:])
            uses = r.choice([1, 1, 2, 3])
            coupons = (CouponRequest(code, uses),)
            lines = (LineRequest("LATTE", uses),)
        elif kind == "points":
            member = r.choice(["M1", "M2", "M3"])
            points = {"bonus": 20 * r.randint(1, 8)}
        elif kind == "earn":
            member = r.choice(["M1", "M2", "M3"])
        req = CheckoutRequest(cid, lines, member_code=CARDS[member] if member else None, coupons=coupons, points=points)
        shown = {c.code: self._shown_remaining(t, c.code) for c in coupons}
        try:
            rec = t.svc.settle(req, cashier_id="C01")
        except DomainError as err:
            self.log(f"settle {t.name} {cid} {kind} {[c.code for c in coupons]} {points} -> refused {err.reason.value} {err.details.get('refusals', '')}")
            return
        for c in coupons:  # S7
            self.expect(c.uses <= shown[c.code], f"{t.name} settled {c.uses} use(s) of {c.code} while showing {shown[c.code]} left")
        t.requests[cid] = req
        if t.skew > CLOCK_SKEW:
            self.clock_ahead.add(rec["event_id"])
        self.log(f"settle {t.name} {cid} {kind} {[(c.code, c.uses) for c in coupons]} {points} -> seq={rec['terminal_seq']} "
                 f"total={rec['total']} earned={rec['points_earned']} spent={rec['points_spent']}")

    def _shown_remaining(self, t: SimTerminal, code: str) -> int:
        inst = t.svc.replica.coupon(code)
        return inst.remaining_uses if inst else 0

    def do_void(self, t: SimTerminal) -> None:
        rows = t.conn.execute("SELECT s.checkout_id FROM settlements s LEFT JOIN voids v ON v.checkout_id = s.checkout_id "
                              "WHERE v.checkout_id IS NULL ORDER BY s.settled_at, s.checkout_id").fetchall()
        if not rows:
            self.log(f"void {t.name} nothing")
            return
        cid = self.rng.choice(rows)[0]
        try:
            res = t.svc.void(cid, manager_id="MGR1", pin="9999", reason="simulated void")
        except DomainError as err:
            self.log(f"void {t.name} {cid} -> refused {err.reason.value}")
            return
        self.log(f"void {t.name} {cid} -> seq={res['terminal_seq']}")

    def _sync_call(self, t: SimTerminal, what: str, fn) -> Any:
        try:
            return fn()
        except TransientError as exc:
            self.log(f"{what} {t.name} -> transient {str(exc)[:80]}")
            return None
        except SyncError as exc:  # S11: auth failures and refusals never happen to a well-formed client
            self.fail(f"{what} at {t.name}: {type(exc).__name__}: {exc}")

    def do_push(self, t: SimTerminal) -> None:
        rep = self._sync_call(t, "push", t.client.push)
        if rep is not None:
            self.expect(not rep.dead and not rep.stopped, f"push at {t.name} stopped: {rep.stopped} (dead {rep.dead})")
            self.log(f"push {t.name} -> sent={rep.sent} acked={rep.acked} {sorted(rep.statuses.items())}")

    def do_pull(self, t: SimTerminal) -> None:
        rep = self._sync_call(t, "pull", t.client.pull)
        if rep is not None:
            self.log(f"pull {t.name} -> pages={rep.pages} items={rep.items} reset={rep.reset} cursor={rep.cursor} "
                     f"reflected={rep.reflected}")

    def do_sync(self, t: SimTerminal) -> None:
        res = self._sync_call(t, "sync", t.client.sync_once)
        if res is not None:
            p = res["push"]
            self.expect(not p.dead and not p.stopped, f"sync at {t.name} stopped: {p.stopped}")
            self.log(f"sync {t.name} -> acked={p.acked} cursor={res['pull'].cursor}")

    def do_deliver_held(self, t: SimTerminal) -> None:
        self.log(f"deliver_held -> {self.net.deliver_one_held()}")

    def do_partition(self, t: SimTerminal) -> None:
        self.net.partitioned.add(t.name)
        self.log(f"partition {t.name}")

    def do_heal(self, t: SimTerminal) -> None:
        self.net.partitioned.discard(t.name)
        self.log(f"heal {t.name}")

    def do_tick(self, t: SimTerminal) -> None:
        d = timedelta(seconds=self.rng.choice([1, 20, 90, 600, 3600, 4 * 3600]))
        self.now += d
        self.log(f"tick +{d} now={self.now.isoformat()}")

    def do_skew(self, t: SimTerminal) -> None:
        jump = timedelta(minutes=self.rng.choice([-3 * 24 * 60, -24 * 60, -90, -1, 1, 45, 24 * 60, 3 * 24 * 60]))
        t.skew = max(min(t.skew + jump, timedelta(days=10)), timedelta(days=-10))
        self.log(f"skew {t.name} {jump} -> {t.skew}")

    def do_restart(self, t: SimTerminal) -> None:
        t.close()
        t.open()
        t.open_service()
        self.log(f"restart {t.name}")

    def do_admin_void(self, t: SimTerminal) -> None:
        live = [c for c in self.bearer if (self.store.get("coupon", c) or {}).get("status") == "active"]
        if not live:
            return
        code = self.rng.choice(live)
        seq = self.store.void_coupon(code, "simulated admin void")
        self.log(f"admin void {code} -> seq={seq}")

    def do_admin_points(self, t: SimTerminal) -> None:
        member = self.rng.choice(["M1", "M2", "M3"])
        delta = self.rng.choice([-50, 40, 100])
        lot = self.store.adjust_points(member, "bonus", delta, "simulated goodwill",
                                       expires_at=(self.now + timedelta(days=90)).isoformat())
        self.start_lots[lot] = 0
        self.log(f"admin points {member} {delta} -> {lot}")

    def do_admin_issue(self, t: SimTerminal) -> None:
        """New coupons keep the pools from running dry in long runs (terminals see them after a pull)."""
        self.n_issued += 1
        if self.rng.random() < 0.7:
            body = self.store.issue_coupon("T-100OFF", code=f"SIM-N{self.n_issued}")
            self.bearer.append(body["code"])
        else:
            member = self.rng.choice(["M1", "M2"])
            body = self.store.issue_coupon("T-10COFFEE", member_id=member, code=f"SIM-NSV{self.n_issued}", uses=self.rng.choice([2, 5]))
            self.vouchers.append((body["code"], member))
        self.start_coupons[body["code"]] = body
        self.log(f"admin issue {body['code']} uses={body['total_uses']} member={body['member_id']}")

    def do_reset_epoch(self, t: SimTerminal) -> None:
        self.log(f"admin reset_epoch -> {self.store.reset_epoch()}")

    # ---- invariants --------------------------------------------------------------------------------
    def _server_events(self) -> dict[str, tuple]:
        return {r[0]: r[1:] for r in self.store.conn.execute(
            "SELECT event_id, terminal_id, terminal_seq, payload_sha256, status, visible_seq, type FROM events "
            "ORDER BY visible_seq, terminal_id, terminal_seq")}  # receive order (see `_check_conflicts`)

    def check(self) -> None:
        s = self.store.conn
        server_events = self._server_events()
        # S4
        dup = s.execute("SELECT terminal_id, terminal_seq, COUNT(*) FROM events GROUP BY terminal_id, terminal_seq HAVING COUNT(*) > 1").fetchall()
        self.expect(not dup, f"S4 duplicate (terminal, seq) on the server: {dup}")
        epoch, head = self.store.epoch, self.store.head()
        outboxes: dict[str, dict[str, tuple]] = {}
        for t in self.terms.values():
            c = t.conn
            rows = c.execute("SELECT event_id, terminal_seq, payload_sha256, state, result, reflected FROM outbox ORDER BY terminal_seq").fetchall()
            outboxes[t.name] = {r[0]: r[1:] for r in rows}
            # S1
            self.expect([r[1] for r in rows] == list(range(1, len(rows) + 1)), f"S1 {t.name} terminal_seq has gaps")
            self.expect(len(outboxes[t.name]) == len(rows), f"S1 {t.name} repeated event ids")
            # S2
            for eid, seq, sha, state, result, _ in rows:
                self.expect(state in ("pending", "acked"), f"S10 {t.name} event {seq} is {state}")
                if state == "acked":
                    sv = server_events.get(eid)
                    self.expect(sv is not None, f"S2 {t.name} event seq {seq} acknowledged but not on the server")
                    self.expect(sv[:3] == (t.name, seq, sha), f"S2 {t.name} event seq {seq} differs on the server: {sv[:3]}")
                    self.expect(sv[3] == result, f"S2 {t.name} seq {seq}: terminal says {result}, server {sv[3]}")
            # S6
            for code, used, total in c.execute(
                    """SELECT cl.code, SUM(cl.uses), ci.total_uses FROM coupon_ledger cl JOIN coupon_instances ci ON ci.code = cl.code
                       GROUP BY cl.code"""):
                self.expect(0 <= used <= total, f"S6 {t.name} used {used} of {total} of {code} by itself")
            # S8, S9
            cursor = t.client.replica.get_meta("pull_cursor")
            c_epoch, c_seq = split_cursor(cursor)
            if cursor and c_epoch == epoch and t.client.replica.get_meta("sync_resync") != "1":
                self.expect(c_seq <= head, f"S8 {t.name} cursor {c_seq} ahead of the server head {head}")
                self._check_prefix(t, c_seq)
                late = c.execute("""SELECT o.terminal_seq, s.status, s.visible_seq FROM outbox o JOIN sync_results s ON s.event_id = o.event_id
                                    WHERE o.reflected = 1 AND s.status != 'rejected' AND s.visible_seq > ?""", (c_seq,)).fetchall()
                self.expect(not late, f"S9 {t.name} events reflected before the replica has them: {late}")
            self._check_overlay(t)
            dead = c.execute("SELECT COUNT(*) FROM sync_dead_letter").fetchone()[0]
            self.expect(dead == 0, f"S10 {t.name} has {dead} dead letters")
        # S3
        for eid, (term, seq, sha, _status, _vis, _type) in server_events.items():
            ob = outboxes.get(term, {}).get(eid)
            self.expect(ob is not None and ob[0] == seq and ob[1] == sha, f"S3 server event {term}#{seq} no terminal created it so")
        # S5
        for code, body in self._entities("coupon").items():
            start = self.start_coupons.get(code, {}).get("used_uses", 0)
            led = s.execute("SELECT COALESCE(SUM(uses), 0) FROM coupon_ledger WHERE code = ?", (code,)).fetchone()[0]
            self.expect(body["used_uses"] == start + led, f"S5 coupon {code}: used {body['used_uses']} != {start} + ledger {led}")
        for lot_id, body in self._entities("point_lot").items():
            led = s.execute("SELECT COALESCE(SUM(delta), 0) FROM point_ledger WHERE lot_id = ?", (lot_id,)).fetchone()[0]
            start = self.start_lots.get(lot_id, 0)
            self.expect(body["points"] == start + led, f"S5 lot {lot_id}: {body['points']} != {start} + ledger {led}")
        # S10
        orphan = s.execute("SELECT id, kind, event_id FROM conflicts WHERE event_id NOT IN (SELECT event_id FROM events)").fetchall()
        self.expect(not orphan, f"S10 conflicts without an event: {orphan}")
        self.expect(not self.server.unexpected, f"S10 server errors: {self.server.unexpected}")
        self.expect(not self.net.client_errors, f"S10 4xx to a real client: {self.net.client_errors}")

    def _check_overlay(self, t: SimTerminal) -> None:
        """S12: no event is both in the replica's state and in the overlay."""
        s_seq, twice = counted_twice(t.conn, self.store)
        self.expect(not twice, f"S12 {t.name} replica shown at seq {s_seq} already holds events {twice} its overlay still counts")

    def _entities(self, kind: str, max_seq: int | None = None, store_id: str | None = None) -> dict[str, dict]:
        """The server's live rows of `kind` (up to `max_seq`); with `store_id`, only those a terminal of
        that store receives (its brand's catalog: docs/central.md, "Store slices")."""
        q = "SELECT key, body, scope FROM entities WHERE kind = ? AND deleted = 0"
        args: tuple = (kind,)
        if max_seq is not None:
            q += " AND seq <= ?"
            args = (kind, max_seq)
        keep = receives(self.store, store_id) if store_id is not None else (lambda _scope: True)
        return {k: json.loads(b) for k, b, scope in self.store.conn.execute(q, args) if keep(scope)}

    def _check_prefix(self, t: SimTerminal, c_seq: int) -> None:
        """S8: what the terminal holds (its replica, or pages staged for it by an unfinished pull) matches the
        server's rows up to its cursor."""
        c = t.conn
        staged = staged_rows(c)
        for code, body in self._entities("coupon", c_seq, t.store_id).items():
            if ("coupon", code) in staged:
                s = staged[("coupon", code)]
                row = (s["used_uses"], s["total_uses"], s["status"]) if s else None
            else:
                row = c.execute("SELECT used_uses, total_uses, status FROM coupon_instances WHERE code = ?", (code,)).fetchone()
            self.expect(row == (body["used_uses"], body["total_uses"], body["status"]),
                        f"S8 {t.name} coupon {code} is {row}, server {body['used_uses'], body['total_uses'], body['status']} at seq <= cursor {c_seq}")
        for lot_id, body in self._entities("point_lot", c_seq, t.store_id).items():
            if ("point_lot", lot_id) in staged:
                s = staged[("point_lot", lot_id)]
                row = (s["points"], s["member_id"]) if s else None
            else:
                row = c.execute("SELECT points, member_id FROM point_lots WHERE lot_id = ?", (lot_id,)).fetchone()
                if row is None and c.execute("SELECT 1 FROM pull_quarantine WHERE kind = 'point_lot' AND key = ?",
                                             (lot_id,)).fetchone():
                    continue  # kept aside by the terminal (F6)
            self.expect(row == (body["points"], body["member_id"]),
                        f"S8 {t.name} lot {lot_id} is {row}, server {body['points']} at seq <= cursor {c_seq}")
        for key, body in self._entities("revocation", c_seq, t.store_id).items():
            if ("revocation", key) in staged:
                row = 1 if staged[("revocation", key)] else None
            else:
                row = c.execute("SELECT 1 FROM revocations WHERE kind = ? AND value = ?", (body["kind"], body["value"])).fetchone()
            self.expect(row is not None, f"S8 {t.name} misses revocation {key}")

    # ---- the end: heal, deliver, sync, converge -----------------------------------------------------
    def finish(self) -> None:
        self.net.faults = Faults()
        self.net.partitioned.clear()
        self.log(f"final: heal all, deliver {len(self.net.in_flight)} held request(s)")
        while self.net.in_flight:
            self.log(f"deliver_held -> {self.net.deliver_one_held()}")
        self.check()
        for rnd in range(2):
            for t in self.terms.values():
                try:
                    res = t.client.sync_once()
                except SyncError as exc:
                    self.fail(f"final sync of {t.name} failed on a healed network: {type(exc).__name__}: {exc}")
                p = res["push"]
                self.expect(not p.dead and not p.stopped, f"final push at {t.name} stopped: {p.stopped}")
                self.log(f"final sync {rnd} {t.name} -> acked={p.acked} {sorted(p.statuses.items())} cursor={res['pull'].cursor}")
        self.check()
        server_events = self._server_events()
        all_local: dict[str, str] = {}
        for t in self.terms.values():
            c = t.conn
            # F1
            bad = c.execute("SELECT terminal_seq, state, reflected FROM outbox WHERE state != 'acked' OR reflected = 0").fetchall()
            self.expect(not bad, f"F1 {t.name} not drained/reflected after a full sync: {bad[:5]}")
            for (eid,) in c.execute("SELECT event_id FROM outbox"):
                all_local[eid] = t.name
        # F2
        self.expect(set(server_events) == set(all_local), "F2 server events differ from the union of outboxes: "
                    f"{len(set(server_events) - set(all_local))} extra, {len(set(all_local) - set(server_events))} missing")
        self._check_conflicts(server_events)
        self._check_converged()
        conflicts = self.store.conn.execute("SELECT kind, COUNT(*) FROM conflicts GROUP BY kind ORDER BY kind").fetchall()
        statuses = self.store.conn.execute("SELECT status, COUNT(*) FROM events GROUP BY status ORDER BY status").fetchall()
        self.summary = {"events": len(server_events), "statuses": dict(statuses), "conflicts": dict(conflicts),
                        "requests": self.server.requests, "actions": dict(sorted(self.stats.items()))}
        self.log(f"end {json.dumps(self.summary, sort_keys=True)}")

    def _check_conflicts(self, server_events: dict[str, tuple]) -> None:
        """F3: replay the server's events in receive order on a model of coupon uses.

        Receive order, on either engine: by `visible_seq` (the last feed position an event's rows got at
        its commit, else the head then: never lower than an earlier event's), ties broken by terminal
        and terminal_seq. Only events that changed no row tie with an earlier one, and those change
        nothing in the model either (the simulator sends one request at a time).

        A coupon claim the server did not book as claimed (quarantined: F7 reports it) is left out
        of the expectations; the model follows what the server booked for it."""
        s = self.store.conn
        kinds = ("duplicate_redemption", "voucher_overuse", "redeemed_after_void")
        model = {code: [b["total_uses"], b["used_uses"], b["status"]] for code, b in self.start_coupons.items()}
        voids = {code: seq for code, seq in s.execute("SELECT code, seq FROM coupon_voids")}
        payloads = {r[0]: json.loads(r[1]) for r in s.execute("SELECT event_id, payload FROM events")}
        booked: dict[str, dict[str, int]] = {}  # event -> code -> uses the server booked
        for eid, code, uses in s.execute("SELECT event_id, code, SUM(uses) FROM coupon_ledger WHERE kind = 'redeem' "
                                         "GROUP BY event_id, code"):
            booked.setdefault(eid, {})[code] = uses
        not_as_claimed: dict[str, set[str]] = {}
        for eid, subject in s.execute("SELECT event_id, subject FROM conflicts WHERE kind = 'quarantined'"):
            not_as_claimed.setdefault(eid, set()).add(subject)
        actual: dict[str, set[str]] = {}
        for eid, kind, subject in s.execute("SELECT event_id, kind, subject FROM conflicts"):
            if kind in kinds and subject not in not_as_claimed.get(eid, ()):
                actual.setdefault(eid, set()).add(kind)
        reported = 0
        for eid, (_term, _seq, _sha, status, visible, type_) in server_events.items():
            if status == "rejected":
                self.expect(type_ != "settlement" or not payloads[eid]["coupons"],
                            f"F3 a settlement with coupons was rejected: {eid} {s.execute('SELECT result FROM events WHERE event_id = ?', (eid,)).fetchone()}")
                continue
            p = payloads[eid]
            expected: set[str] = set()
            if type_ == "settlement":
                for c in p["coupons"]:
                    m = model[c["code"]]
                    if c["code"] in not_as_claimed.get(eid, ()):
                        m[1] += booked.get(eid, {}).pop(c["code"], 0)  # once, however often the code is named
                        continue
                    if (c["code"] in voids and voids[c["code"]] < visible) or m[2] == "voided":
                        expected.add("redeemed_after_void")
                    elif c["uses"] > m[0] - m[1]:
                        expected.add("duplicate_redemption" if m[0] <= 1 else "voucher_overuse")
                    m[1] += c["uses"]
            elif type_ == "void":  # the server reverses what the original did (a void names only the original)
                orig = server_events.get(p["voids_event_id"])
                if orig is not None and orig[3] != "rejected":
                    for code, uses in s.execute("SELECT code, SUM(uses) FROM coupon_ledger WHERE event_id = ? AND kind = 'redeem' "
                                                "GROUP BY code", (p["voids_event_id"],)):
                        model[code][1] -= uses
            got = actual.get(eid, set())
            self.expect(got == expected, f"F3 event {_term}#{_seq}: conflicts {sorted(got)}, expected {sorted(expected)}")
            reported += len(got)
        self.log(f"F3 {reported} coupon conflicts, all as expected")
        # F7: honest terminals never make a claim the rules cannot produce (the server re-judges every settlement);
        # a clock running ahead beyond CLOCK_SKEW has its earn rules judged at the server's time instead
        quarantined = [(eid, d) for eid, d in s.execute("SELECT event_id, details FROM conflicts WHERE kind = 'quarantined'")
                       if not (eid in self.clock_ahead and json.loads(d)["reason"] == "earn_exceeds_rules")]
        self.expect(not quarantined, f"F7 honest events were quarantined: {quarantined[:3]}")
        self.log(f"F7 no honest event quarantined ({len(self.clock_ahead)} sold on a clock ahead)")
        # F4
        for t in self.terms.values():
            mine = set(s.execute("SELECT event_id, kind FROM conflicts WHERE terminal_id = ?", (t.name,)).fetchall())
            local = set(t.conn.execute("SELECT event_id, kind FROM sync_conflicts").fetchall())
            self.expect(mine <= local, f"F4 {t.name} is missing conflicts of its events: {sorted(mine - local)[:5]}")
            self.expect(local <= mine, f"F4 {t.name} has conflicts the server does not: {sorted(local - mine)[:5]}")

    def _check_converged(self) -> None:
        for t in self.terms.values():
            coupons = self._entities("coupon", store_id=t.store_id)
            lots = self._entities("point_lot", store_id=t.store_id)
            members = self._entities("member", store_id=t.store_id)
            c = t.conn
            got_c = {r[0]: (r[1], r[2], r[3]) for r in c.execute(
                "SELECT code, used_uses, total_uses, status FROM coupon_instances WHERE origin = 'replica'")}
            want_c = {k: (b["used_uses"], b["total_uses"], b["status"]) for k, b in coupons.items()}
            self.expect(got_c == want_c, f"F5 {t.name} coupons differ: {sorted(set(got_c.items()) ^ set(want_c.items()))[:6]}")
            got_l = {r[0]: r[1] for r in c.execute("SELECT lot_id, points FROM point_lots")}
            quarantined = set(c.execute("SELECT kind, key FROM pull_quarantine").fetchall())
            self.expect(quarantined == {("point_lot", POISON)}, f"F6 {t.name} quarantined {sorted(quarantined)[:6]}, "
                        f"expected exactly the planted row {POISON}")
            want_l = {k: b["points"] for k, b in lots.items() if k != POISON}
            self.expect(got_l == want_l, f"F5 {t.name} lots differ: {sorted(set(got_l.items()) ^ set(want_l.items()))[:6]}")
            got_m = {r[0]: r[1] for r in c.execute("SELECT id, status FROM members")}
            self.expect(got_m == {k: b["status"] for k, b in members.items()}, f"F5 {t.name} members differ")
            at = t.clock()
            for mid in members:
                shown = t.svc.member_view(t.svc.replica.member(mid), at).balances.get("bonus")
                mine = [b for b in lots.values() if b["member_id"] == mid and b["point_type"] == "bonus"]
                truth = sum(b["points"] for b in mine if b["points"] < 0) + sum(
                    b["points"] for b in mine if b["points"] > 0 and (b["expires_at"] is None or at < datetime.fromisoformat(b["expires_at"])))
                self.expect(shown == truth, f"F5 {t.name} shows {shown} bonus points for {mid}, the server's ledgers say {truth}")
            for code in self.bearer + [v[0] for v in self.vouchers]:
                inst = t.svc.replica.coupon(code)
                b = coupons[code]
                left = max(0, b["total_uses"] - b["used_uses"])
                self.expect(inst.remaining_uses == left, f"F5 {t.name} shows {code} with {inst.remaining_uses} left, server {left}")
        self.log("F5 converged")


def run_seed(seed: int, steps: int, terminals: int = 3, workdir: str | Path | None = None) -> Simulation:
    with Simulation(seed, steps=steps, terminals=terminals, workdir=workdir) as sim:
        sim.run()
        return sim
