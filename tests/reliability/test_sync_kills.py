"""A sync process killed at each step of a push and of a pull loses nothing and doubles nothing.

A child process (``python -c CHILD``, PYTHONPATH = repo root) runs one sync round (push, then
pull) against the real server on 127.0.0.1 and is killed (SIGKILL, or ``os._exit``) at one
step, through the test-only injection points of `sync.client.SyncFaults` or, for "in
flight", through an httpx transport that dies once the server's answer has arrived (the
server has committed) and before the client has read a byte of its body:

    push_before_send        a batch read from the outbox, nothing sent
    push_in_flight          the server committed the batch, its answer not read
    push_answered           the answer parsed, nothing recorded locally
    push_ack_before_commit  inside the local ack transaction, before COMMIT
    push_acked              after the ack COMMIT, before the next batch
    pull_in_flight          a page answered by the server, not read
    pull_page_received      a page read, nothing applied
    pull_page_mid_apply     inside the page transaction: upserts written, cursor not yet
    pull_page_before_commit inside the page transaction: page and cursor written, before COMMIT

Right after each kill (the terminal database as the dead process left it): no event is on
the server twice, every server event is the terminal's own (same id, seq, hash), every event
the terminal holds as acknowledged is on the server, and the pull cursor is never ahead of
the data (every entity the server changed up to the stored cursor is in the replica exactly
as on the server; after a kill inside a page, the cursor is the previous page's and none of
the page's rows are there). Then a normal client syncs to completion and: each event exists
exactly once on the server (COUNT = COUNT DISTINCT event_id, the terminal_seq sets equal),
central ledger sums = local ledger sums, the replica equals the server, and the balances and
remaining uses the counter shows equal the server's.

    .venv/bin/python -m pytest tests/reliability/test_sync_kills.py               # each step + 5 seeds x 2 kills
    .venv/bin/python -m pytest -m slow tests/reliability/test_sync_kills.py       # 200 kills (20 seeds x 10)
    LT_KILLS_LONG=1000 LT_KILLS_PER_SEED=20 .venv/bin/python -m pytest -m slow tests/reliability/test_sync_kills.py
    LT_KILLS_SHORT_SEEDS=20 .venv/bin/python -m pytest tests/reliability/test_sync_kills.py -k short
    LT_KILL_SEED=1007 LT_KILLS_PER_SEED=10 .venv/bin/python -m pytest tests/reliability/test_sync_kills.py -k replay -s

In the seeded runs the terminal makes many small batches and pages, and the seed decides
everything the test chooses (checkouts, server changes, batch and page sizes, the step,
which occurrence of it, SIGKILL or ``os._exit``). The kill is synchronous at that step, and
a run uses only the coupons and points it makes itself, so a seed replays the same kills
(the trace is printed on failure). A plan whose step is never reached (e.g. a third page
that does not exist) completes; the run goes on until it has killed `kills` processes.
One server serves the whole module (it takes ~1.5 s to start); every test has its own
terminal and compares ledgers per terminal.

Both engines (issue 14): the module's tests run once against a server on a SQLite file and once
against `python -m sync.server --workers 2` on a fresh PostgreSQL database of the throwaway
cluster (tests/pg.py; marker `postgresql`; deselect with -m 'not postgresql'). On PostgreSQL a
WORKER is also killed (SIGKILL) in the middle of a request (`test_worker_killed_mid_request`,
tests/reliability/pg_workers.py): a session of the test holds the request inside the database
(at one event of a push batch whose earlier events have committed; at the feed stamp just
before COMMIT; or in a pull's read), the worker holding the sync child's connection is found
from /proc and killed, the hold released; the same checks follow, and the supervisor starts a
new worker.

    .venv/bin/python -m pytest tests/reliability/test_sync_kills.py -m postgresql       # the PostgreSQL half
"""

from __future__ import annotations

import json
import math
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from sync.client import KINDS, MemoryCredentialStore, SyncClient, SyncFaults
from sync.protocol import split_cursor
from terminal.provisioning.bootstrap import open_replica
from terminal.domain.reasons import DomainError
from terminal.usecases.checkout import CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, FixedClock, card
from tests.reliability.overlay_checks import counted_twice, receives, staged_rows
from tests.reliability.pg_workers import MODES, Hold, worker_serving, workers_of
from tests.sync.conftest import AT, ROOT, ServerProcess, Terminal

CARDS = {"M1": card("290000000001"), "M2": card("290000000002"), "M3": card("290000000003")}
PUSH_POINTS = ["push_before_send", "push_in_flight", "push_answered", "push_ack_before_commit", "push_acked"]
PULL_POINTS = ["pull_in_flight", "pull_page_received", "pull_page_mid_apply", "pull_page_before_commit"]
HOOK_POINTS = set(SyncFaults.__dataclass_fields__)
assert HOOK_POINTS == (set(PUSH_POINTS) | set(PULL_POINTS)) - {"push_in_flight", "pull_in_flight"}

SHORT_SEEDS = int(os.environ.get("LT_KILLS_SHORT_SEEDS", 5))
SHORT_KILLS_PER_SEED = 2
LONG_KILLS = int(os.environ.get("LT_KILLS_LONG", 200))
KILLS_PER_SEED = int(os.environ.get("LT_KILLS_PER_SEED", 10))
LONG_SEEDS = list(range(1000, 1000 + math.ceil(LONG_KILLS / KILLS_PER_SEED)))
WORKER_KILL_SEEDS = int(os.environ.get("LT_WORKER_KILL_SEEDS", 5))  # -m slow, PostgreSQL: seeds x KILLS_PER_SEED worker kills

# ---- one server for the module (it takes ~1.5 s to start), one terminal per test ---------------------------

PG_WORKERS = 2


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def server(request, tmp_path_factory):
    """The module's server: one process on a SQLite file, or PG_WORKERS workers on a fresh PostgreSQL
    database (`srv.pg` = (cluster, database name) then, else None)."""
    d = tmp_path_factory.mktemp("kills-central")
    cat = d / "catalog.json"
    cat.write_text(json.dumps(BASE_CATALOG))
    if request.param == "sqlite":
        srv = ServerProcess(d / "central.db", cat)
        srv.pg = None
        yield srv
        srv.stop()
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database("kills")
    try:
        srv = ServerProcess(cluster.url(name), cat, extra=("--workers", str(PG_WORKERS)))
        srv.pg = (cluster, name)
        yield srv
        srv.stop()
    finally:
        cluster.drop_database(name)


_TIDS = iter(range(1, 10**6))


@pytest.fixture
def make_terminal(server, tmp_path):
    """An enrolled, bootstrapped terminal with a fresh id on the shared server (ledgers are compared per terminal)."""
    made: list[Terminal] = []

    def _make(*, bootstrap: bool = True) -> Terminal:
        tid = f"K{next(_TIDS)}"
        path = tmp_path / f"{tid}.db"
        creds = MemoryCredentialStore()
        client = SyncClient(open_replica(path), server.url, creds)
        client.enrol(server.store.create_enrol_token("A-001"), tid)
        t = Terminal(path, client, None, creds)  # type: ignore[arg-type]
        t.id = tid  # type: ignore[attr-defined]
        made.append(t)
        if bootstrap:
            open_counter(t)
        return t

    yield _make
    for t in made:
        t.client.close()
        t.client.conn.close()
        if t.svc is not None:
            t.svc.replica.conn.close()


def open_counter(t: Terminal) -> None:
    """Bootstrap the replica and open the counter's service on it (its own connection, as in production)."""
    t.client.bootstrap()
    t.svc = RedemptionService(open_replica(t.path), store_id="A-001", terminal_id=t.id, clock=FixedClock(AT))


# ---- the child: one sync round, killed at one step ---------------------------------------------------

CHILD = r"""
import json, os, signal, sys
import httpx
from sync.client import MemoryCredentialStore, SyncClient, SyncFaults, TransientError
from terminal.provisioning.bootstrap import open_replica

plan = json.loads(sys.stdin.readline())  # started in advance: the imports are done before the plan comes
seen = {}

def die():
    if plan["how"] == "sigkill" and hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(9)

def record(point, arg):
    if point.startswith("pull_"):
        if isinstance(arg, httpx.Request):
            info = {"url": str(arg.url)}
        else:
            info = {"cursor": arg["cursor"], "next_cursor": arg["next_cursor"], "has_more": arg["has_more"],
                    "items": [[it["kind"], it["key"], it["seq"], it["op"]] for it in arg["items"]]}
    elif isinstance(arg, list):
        info = {"seqs": [r[1] for r in arg]}
    elif isinstance(arg, dict):
        info = {"seqs": [r["terminal_seq"] for r in arg["results"]], "acked_through_seq": arg["acked_through_seq"]}
    else:
        info = {}
    with open(plan["record"], "w") as f:
        json.dump({"point": point, **info}, f)

def reached(point, arg):
    seen[point] = seen.get(point, 0) + 1
    if seen[point] == plan["nth"] and point == plan["point"]:
        record(point, arg)
        die()

class InFlight(httpx.HTTPTransport):
    # dies once the server has answered (and so committed), before the client reads the body
    def handle_request(self, request):
        response = super().handle_request(request)
        path = request.url.path
        if path in ("/v1/push", "/v1/pull"):
            reached(("push" if path == "/v1/push" else "pull") + "_in_flight", request)
        return response

faults = SyncFaults(**{p: (lambda arg, p=p: reached(p, arg)) for p in SyncFaults.__dataclass_fields__})
client = SyncClient(open_replica(plan["db"]), plan["url"], MemoryCredentialStore(plan["credential"]),
                    transport=InFlight(), batch_size=plan["batch_size"], page_size=plan["page_size"], faults=faults)
print("go", flush=True)
try:
    client.push()
    client.pull()
except TransientError as exc:  # the server went away under the request (a worker killed): exit 3
    print("transient", exc, flush=True)
    sys.exit(3)
print("done", flush=True)
"""


class Child:
    """A sync process. It is started in advance (its imports take most of its second), then given a plan."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})

    def run(self, t: Terminal, url: str, plan: dict) -> int:
        self.start(t, url, plan)
        return self.finish()

    def start(self, t: Terminal, url: str, plan: dict) -> None:
        """Give the child its plan; it syncs (push, then pull) at once."""
        self.plan = {**plan, "db": str(t.path), "url": url, "credential": t.credentials.get()}
        self.proc.stdin.write(json.dumps(self.plan) + "\n")
        self.proc.stdin.flush()

    def finish(self, ok: tuple[int, ...] = ()) -> int:
        """Wait for the child: its return code (0 done, 9 / -SIGKILL killed by its plan, or one of `ok`)."""
        try:
            _out, err = self.proc.communicate(timeout=120)
        finally:
            self.abandon()
        if self.proc.returncode not in (0, 9, -getattr(signal, "SIGKILL", 9), *ok):
            raise AssertionError(f"sync child failed ({self.proc.returncode}) for {self.plan}:\n{err[-3000:]}")
        return self.proc.returncode

    def abandon(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


class Children:
    """Keeps one child warm: taking one starts the next."""

    def __init__(self) -> None:
        self._next: Child | None = None

    def take(self) -> Child:
        child = self._next or Child()
        self._next = Child()
        return child

    def close(self) -> None:
        if self._next is not None:
            self._next.abandon()


@pytest.fixture(scope="module")
def children():
    pool = Children()
    yield pool
    pool.close()


def killed(rc: int) -> bool:
    return rc != 0


# ---- invariants -----------------------------------------------------------------------------------------

def server_events(srv, terminal_id: str) -> list[tuple]:
    return srv.store.conn.execute(
        "SELECT terminal_seq, event_id, payload_sha256, status FROM events WHERE terminal_id = ? ORDER BY terminal_seq",
        (terminal_id,)).fetchall()


def local_outbox(conn) -> list[tuple]:
    return conn.execute("SELECT terminal_seq, event_id, payload_sha256, state, result, reflected FROM outbox ORDER BY terminal_seq").fetchall()


def _replica_row(conn, kind: str, key: str):
    table, pk, cols = KINDS[kind]
    vals = tuple(key.split(":", 1)) if kind == "revocation" else ((int(key),) if kind == "issuer_key" else (key,))
    return conn.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE " + " AND ".join(f"{c} = ?" for c in pk), vals).fetchone()


def _expected_row(kind: str, body: dict) -> tuple:
    from sync.client import _DEFAULTS  # what a row the server sent without a newer column holds (discount_given: 0)

    return tuple("replica" if c == "origin" else body.get(c, _DEFAULTS.get(c)) for c in KINDS[kind][2])


def _as_stored(conn, srv, kind: str, body: dict) -> dict:
    """A server row as the terminal stores it: staff PIN hashes keyed, members minimised and keyed with
    the replica secret, coupon numbers keyed (terminal/storage/keyed.py; the secret this process read
    when it bootstrapped)."""
    if kind not in ("staff", "member", "coupon"):
        return body
    from sqlite_utils import Database

    from sync.server.feed import coupon_for_device, member_for_device
    from terminal.storage.replica_secret import ReplicaSecrets
    from terminal.storage import keyed
    from terminal.storage.replica import Replica

    secret = ReplicaSecrets(Replica(Database(conn))).get()
    if kind == "staff":
        return keyed.staff_body(body, secret)
    if kind == "coupon":
        return keyed.coupon_body(json.loads(coupon_for_device(json.dumps(body), srv.store.card_salt())), secret, None)
    return keyed.member_body(json.loads(member_for_device(json.dumps(body), srv.store.card_salt())), secret, None)


def check_exactly_once_so_far(conn, srv, terminal_id: str) -> None:
    """After any kill: nothing twice on the server, nothing there the terminal did not make, no ack without the event."""
    c = srv.store.conn
    n, distinct = c.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events WHERE terminal_id = ?", (terminal_id,)).fetchone()
    assert n == distinct, f"{n - distinct} event(s) stored twice on the server"
    dup = c.execute("SELECT terminal_seq FROM events WHERE terminal_id = ? GROUP BY terminal_seq HAVING COUNT(*) > 1",
                    (terminal_id,)).fetchall()
    assert not dup, f"terminal_seq stored twice on the server: {dup}"
    local = {r[1]: r for r in local_outbox(conn)}
    assert [r[0] for r in local.values()] == list(range(1, len(local) + 1)), "local terminal_seq has gaps"
    on_server = {r[1]: r for r in server_events(srv, terminal_id)}
    for eid, (seq, _, sha, status) in on_server.items():
        assert eid in local and local[eid][:3] == (seq, eid, sha), f"server event seq {seq} is not the terminal's"
    for eid, (seq, _, sha, state, result, _refl) in local.items():
        if state == "acked":
            assert eid in on_server, f"seq {seq} acknowledged locally but not on the server"
            assert on_server[eid][3] == result, f"seq {seq}: local result {result}, server {on_server[eid][3]}"
    # the local ack is one transaction: answers stored exactly for the acknowledged rows
    answered = {r[0] for r in conn.execute("SELECT event_id FROM sync_results")}
    acked = {eid for eid, r in local.items() if r[3] == "acked"}
    assert answered == acked, f"answers stored for {len(answered)} events, {len(acked)} acknowledged"


def _held_row(conn, staged, kind: str, key: str):
    if (kind, key) in staged:
        body = staged[(kind, key)]
        return None if body is None else _expected_row(kind, body)
    return _replica_row(conn, kind, key)


def check_cursor_not_ahead(conn, srv) -> tuple[str, int]:
    """The stored cursor never runs ahead of the data held locally (the replica, or pages staged for it); returns (epoch, seq)."""
    cursor = conn.execute("SELECT value FROM meta WHERE key = 'pull_cursor'").fetchone()
    assert cursor is not None, "no pull cursor"
    epoch, seq = split_cursor(cursor[0])
    sc = conn.execute("SELECT cursor FROM sync_cursor WHERE stream = 'replica'").fetchone()
    assert sc is not None and sc[0] == cursor[0], f"meta cursor {cursor[0]} and sync_cursor {sc} disagree"
    assert epoch == srv.store.epoch
    assert seq <= srv.store.head(), f"cursor {seq} ahead of the server head {srv.store.head()}"
    wrong = []
    staged = staged_rows(conn)
    store_id = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()[0]
    mine = receives(srv.store, store_id)  # its brand's catalog and the chain-wide rows, not another brand's
    for kind, key, body, scope in srv.store.conn.execute(
            "SELECT kind, key, body, scope FROM entities WHERE seq <= ? AND deleted = 0 ORDER BY seq", (seq,)):
        if kind not in KINDS or not mine(scope):
            continue
        got, want = _held_row(conn, staged, kind, key), _expected_row(kind, _as_stored(conn, srv, kind, json.loads(body)))
        if got != want:
            wrong.append((kind, key, got, want))
    for kind, key in srv.store.conn.execute("SELECT kind, key FROM entities WHERE seq <= ? AND deleted = 1", (seq,)):
        if kind == "revocation" and _held_row(conn, staged, kind, key) is not None:
            wrong.append((kind, key, "present", "deleted"))
    assert not wrong, f"replica differs from the server for changes up to the cursor {seq}: {wrong[:4]} ({len(wrong)} rows)"
    late = conn.execute("""SELECT o.terminal_seq FROM outbox o JOIN sync_results s ON s.event_id = o.event_id
                           WHERE o.reflected = 1 AND s.status != 'rejected' AND s.visible_seq > ?""", (seq,)).fetchall()
    assert not late, f"events dropped from the overlay before the replica has them: {late}"
    check_overlay_counts_once(conn, srv)
    return epoch, seq


def check_overlay_counts_once(conn, srv) -> None:
    """No event is both in the state the replica shows and in the overlay (the simulation's S12)."""
    s_seq, twice = counted_twice(conn, srv.store)
    assert not twice, f"the replica shown at seq {s_seq} already holds events {twice} that the overlay still counts"


def check_killed_page(conn, record: dict, keys_before: set[tuple[str, str]]) -> None:
    """Killed inside a page: the cursor is the previous page's, and none of the page's new rows are there."""
    cursor = conn.execute("SELECT value FROM meta WHERE key = 'pull_cursor'").fetchone()[0]
    assert cursor == record["cursor"], f"killed in page {record['cursor']}..{record['next_cursor']}, cursor is {cursor}"
    new = [(k, key) for k, key, _seq, op in record["items"] if op == "upsert" and k in KINDS and (k, key) not in keys_before]
    staged = staged_rows(conn)
    present = [x for x in new if _held_row(conn, staged, *x) is not None]
    assert not present, f"{len(present)} of the killed page's {len(new)} new rows were applied: {present[:4]}"


def replica_keys(conn) -> set[tuple[str, str]]:
    out = set()
    for kind, (table, pk, _cols) in KINDS.items():
        for r in conn.execute(f"SELECT {', '.join(pk)} FROM {table}"):
            out.add((kind, ":".join(str(x) for x in r)))
    return out


def check_converged(t, srv, terminal_id: str) -> None:
    """After a normal sync to completion."""
    conn = t.client.conn
    check_exactly_once_so_far(conn, srv, terminal_id)
    local = local_outbox(conn)
    assert [r for r in local if r[3] != "acked" or r[5] != 1] == [], "outbox not drained and reflected"
    n, distinct = srv.store.conn.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events WHERE terminal_id = ?",
                                         (terminal_id,)).fetchone()
    assert n == distinct == len(local)
    assert [r[0] for r in server_events(srv, terminal_id)] == [r[0] for r in local]  # the same terminal_seq set
    assert {r[1]: r[2] for r in server_events(srv, terminal_id)} == {r[1]: r[2] for r in local}
    assert not [r for r in server_events(srv, terminal_id) if r[3] == "rejected"]
    # central ledger sums = local ledger sums (the terminal's own effects)
    c = srv.store.conn
    central_pts = c.execute("""SELECT member_id, lot_id, SUM(delta) FROM point_ledger WHERE terminal_id = ?
                               AND kind IN ('earn','burn','void_earn','void_burn') GROUP BY member_id, lot_id ORDER BY 1, 2""",
                            (terminal_id,)).fetchall()
    local_pts = conn.execute("SELECT member_id, lot_id, SUM(delta) FROM point_ledger GROUP BY member_id, lot_id ORDER BY 1, 2").fetchall()
    assert central_pts == local_pts
    central_cp = c.execute("""SELECT code, SUM(uses), SUM(discount) FROM coupon_ledger WHERE terminal_id = ? AND kind IN ('redeem','void')
                              GROUP BY code ORDER BY code""", (terminal_id,)).fetchall()
    local_cp = conn.execute("SELECT code, SUM(uses), SUM(discount) FROM coupon_ledger GROUP BY code ORDER BY code").fetchall()
    assert central_cp == local_cp
    # the replica is the server's, to the head
    _, seq = check_cursor_not_ahead(conn, srv)
    assert seq == srv.store.head()
    # what the counter shows = what the server holds
    at = t.svc.clock()
    mine = receives(srv.store, t.svc.store_id)
    for (mid,) in c.execute("SELECT key FROM entities WHERE kind = 'member' AND deleted = 0"):
        lots = [lot for lot in srv.store.lots(mid) if lot["point_type"] == "bonus"]
        truth = sum(lot["points"] for lot in lots if lot["points"] < 0) + sum(
            lot["points"] for lot in lots
            if lot["points"] > 0 and (lot["expires_at"] is None or at < datetime.fromisoformat(lot["expires_at"])))
        shown = t.svc.member_view(t.svc.replica.member(mid), at).balances["bonus"]
        assert shown == truth, f"the counter shows {shown} bonus points for {mid}, the server {truth}"
    for code, body, scope in c.execute("SELECT key, body, scope FROM entities WHERE kind = 'coupon' AND deleted = 0"):
        if not mine(scope):
            continue
        b = json.loads(body)
        inst = t.svc.replica.coupon(code)
        assert inst is not None and inst.remaining_uses == max(0, b["total_uses"] - b["used_uses"]), code


# ---- each step, one at a time ---------------------------------------------------------------------------

STEPS = {
    # step: (expected events on the server after the kill, acknowledged locally, duplicates on restart)
    "push_before_send": (4, 4, 0),
    "push_in_flight": (8, 4, 4),
    "push_answered": (8, 4, 4),
    "push_ack_before_commit": (8, 4, 4),
    "push_acked": (8, 8, 0),
    "pull_in_flight": (13, 13, 0),
    "pull_page_received": (13, 13, 0),
    "pull_page_mid_apply": (13, 13, 0),
    "pull_page_before_commit": (13, 13, 0),
}


def _thirteen_events(t, srv) -> None:
    cpn = srv.store.issue_coupon("T-100OFF", code=f"CPN-{t.id}")["code"]
    sv = srv.store.issue_coupon("T-10COFFEE", member_id="M1", code=f"SV-{t.id}", uses=10)["code"]
    srv.store.adjust_points("M1", "bonus", 100, "funds this test's burn")
    open_counter(t)
    for i in range(9):
        t.settle(f"{t.id}-e{i}", member=CARDS["M1"], amount=100 + 10 * i)  # earns
    t.settle(f"{t.id}-burn", member=CARDS["M1"], amount=300, points={"bonus": 40})
    t.settle(f"{t.id}-cpn", amount=600, coupons=[cpn])  # a single-use coupon
    t.settle(f"{t.id}-sv", member=CARDS["M1"], lines=[LineRequest("LATTE", 2)], coupons=[CouponRequest(sv, 2)])
    t.svc.void(f"{t.id}-e3", manager_id="MGR1", pin="9999", reason="customer changed their mind")


@pytest.mark.parametrize("step", list(STEPS))
def test_kill_at_each_step(step, server, make_terminal, children, tmp_path):
    t = make_terminal(bootstrap=False)
    _thirteen_events(t, server)
    for i in range(12):  # new rows for the pull: pages of new coupons only (page_size 5)
        server.store.issue_coupon("T-100OFF", code=f"NEW-{t.id}-{i:02d}")
    server.store.adjust_points("M2", "bonus", 40, "goodwill")
    keys_before = replica_keys(t.client.conn)
    rec = tmp_path / "record.json"
    rc = children.take().run(t, server.url, {"point": step, "nth": 2, "how": "sigkill", "record": str(rec), "batch_size": 4,
                                             "page_size": 5})
    assert killed(rc) and rec.exists(), f"the child was not killed at {step}"
    on_server, acked, dups = STEPS[step]
    conn = t.client.conn
    check_exactly_once_so_far(conn, server, t.id)
    assert len(server_events(server, t.id)) == on_server
    assert conn.execute("SELECT COUNT(*) FROM outbox WHERE state = 'acked'").fetchone()[0] == acked
    check_cursor_not_ahead(conn, server)
    record = json.loads(rec.read_text())
    if step.startswith("pull_") and step != "pull_in_flight":
        # the second page: NEW-05..NEW-09, all new rows
        assert [(k, key) for k, key, *_ in record["items"]] == [("coupon", f"NEW-{t.id}-{i:02d}") for i in range(5, 10)]
        check_killed_page(conn, record, keys_before)
        staged = staged_rows(conn)  # this terminal has unreflected events: the first page waits in pull_staging
        assert all((("coupon", f"NEW-{t.id}-{i:02d}") in staged) for i in range(5)), "the first page was lost"
    # restart: a normal client syncs to completion
    rep = t.client.push()
    assert (rep.statuses or {}).get("duplicate", 0) == dups
    assert rep.acked == 13 - acked
    t.client.pull()
    check_converged(t, server, t.id)


def test_kill_during_bootstrap_resumes(server, make_terminal, children, tmp_path):
    """A fresh terminal killed in the middle of its first pull resumes from the last whole page."""
    t = make_terminal(bootstrap=False)
    rec = tmp_path / "record.json"
    rc = children.take().run(t, server.url, {"point": "pull_page_mid_apply", "nth": 4, "how": "exit", "record": str(rec),
                                             "batch_size": 100, "page_size": 7})
    assert killed(rc)
    record = json.loads(rec.read_text())
    check_killed_page(t.client.conn, record, set())
    check_cursor_not_ahead(t.client.conn, server)
    mine = receives(server.store, "A-001")
    sent = [seq for seq, scope in server.store.conn.execute("SELECT seq, scope FROM entities ORDER BY seq") if mine(scope)]
    assert split_cursor(record["cursor"])[1] == sent[20]  # three whole pages (of 7 rows this store receives) kept
    open_counter(t)  # bootstrap again: resumes
    check_converged(t, server, t.id)


# ---- many batches, a kill at a random step, seeded ------------------------------------------------------

class KillRun:
    """One terminal, `kills` sync processes killed at seeded steps, then a normal sync to completion.

    The run uses only what it makes (its own coupons and voucher, points it funds), so what it
    does depends on its seed alone, not on the tests that ran before it on the shared server."""

    def __init__(self, seed: int, kills: int, srv, make, children: Children, workdir: Path) -> None:
        self.seed, self.kills, self.srv, self.children, self.workdir = seed, kills, srv, children, workdir
        self.rng = random.Random(seed)
        self.t = make(bootstrap=False)
        self.voucher = srv.store.issue_coupon("T-10COFFEE", member_id="M1", code=f"SV-{self.t.id}", uses=500)["code"]
        for m in CARDS:  # burns are never refused for want of points
            srv.store.adjust_points(m, "bonus", 10_000, f"funds kill run {self.t.id}")
        open_counter(self.t)
        self.n_checkouts = self.n_issued = 0
        self.trace: list[str] = []
        self.stats = {"killed": 0, "completed": 0, "duplicates": 0}

    def log(self, line: str) -> None:
        self.trace.append(line)

    def settle_some(self) -> None:
        r, t = self.rng, self.t
        for _ in range(r.randint(1, 9)):
            kind = r.choices(["earn", "burn", "coupon", "voucher", "void"], [40, 20, 15, 15, 10])[0]
            self.n_checkouts += 1
            cid = f"{t.id}-{self.n_checkouts}"  # checkout ids are UUIDs at the counter: unique across terminals
            member = r.choice(["M1", "M2", "M3"])
            try:
                if kind == "earn":
                    t.settle(cid, member=CARDS[member], amount=r.choice([60, 120, 450, 900]))
                elif kind == "burn":
                    t.settle(cid, member=CARDS[member], amount=400, points={"bonus": 20 * r.randint(1, 3)})
                elif kind == "coupon":
                    free = [c for (c,) in t.client.conn.execute(
                        "SELECT code FROM coupon_instances WHERE code LIKE ? ORDER BY code", (f"R-{t.id}-%",))
                        if t.svc.replica.coupon(c).remaining_uses > 0]
                    if not free:
                        continue
                    t.settle(cid, amount=600, coupons=[r.choice(free)])
                elif kind == "voucher":
                    t.settle(cid, member=CARDS["M1"], lines=[LineRequest("LATTE")], coupons=[CouponRequest(self.voucher, 1)])
                else:
                    open_ = [c for (c,) in t.client.conn.execute(
                        "SELECT s.checkout_id FROM settlements s LEFT JOIN voids v USING (checkout_id) "
                        "WHERE v.checkout_id IS NULL ORDER BY s.checkout_id")]
                    if not open_:
                        continue
                    cid = r.choice(open_)
                    t.svc.void(cid, manager_id="MGR1", pin="9999", reason="seeded void")
                self.log(f"{kind} {cid}")
            except DomainError as err:  # the run only asks for what the counter shows as possible
                raise AssertionError(f"{kind} {cid} refused: {err.reason.value} {err}") from err

    def server_changes(self) -> None:
        r, s = self.rng, self.srv.store
        for _ in range(r.choice([0, 1, 3, 8])):
            self.n_issued += 1
            s.issue_coupon("T-100OFF", code=f"R-{self.t.id}-{self.n_issued}")
        if r.random() < 0.4:
            s.adjust_points(r.choice(["M1", "M2", "M3"]), "bonus", r.choice([20, 60]), "seeded goodwill")
        if r.random() < 0.3:
            s.revoke_code("coupon", f"GONE-{self.t.id}-{self.n_issued}", "seeded revocation")
        if r.random() < 0.2:
            revoked = [k for (k,) in s.conn.execute("SELECT key FROM entities WHERE kind = 'revocation' AND deleted = 0 ORDER BY key")]
            if revoked:
                s.unrevoke_code(*r.choice(revoked).split(":", 1))

    def one_kill(self, k: int) -> None:
        r, t = self.rng, self.t
        self.settle_some()
        self.server_changes()
        if r.random() < 0.15:  # now and then the terminal's own sync gets a round in between
            t.client.sync_once()
            self.log("normal sync")
        pending = t.client.pending_count()
        batch = r.choice([1, 2, 3, 5])
        point = r.choice(PUSH_POINTS if pending and r.random() < 0.6 else PULL_POINTS)
        batches = max(1, math.ceil(pending / batch))
        nth = r.randint(1, batches if point.startswith("push") else 3)
        plan = {"point": point, "nth": nth, "how": r.choice(["sigkill", "exit"]), "record": str(self.workdir / f"rec{k}.json"),
                "batch_size": batch, "page_size": r.choice([1, 2, 4, 9, 50])}
        keys_before = replica_keys(t.client.conn)
        rc = self.children.take().run(t, self.srv.url, plan)
        self.stats["killed" if killed(rc) else "completed"] += 1
        self.log(f"kill {k}: pending={pending} " + " ".join(f"{key}={v}" for key, v in plan.items() if key != "record") + f" -> rc={rc}")
        conn = t.client.conn
        check_exactly_once_so_far(conn, self.srv, self.t.id)
        check_cursor_not_ahead(conn, self.srv)
        rec = Path(plan["record"])
        if killed(rc) and point in HOOK_POINTS and point.startswith("pull_"):
            check_killed_page(conn, json.loads(rec.read_text()), keys_before)

    def run(self) -> dict:
        try:
            k = 0
            while self.stats["killed"] < self.kills:  # a plan whose step is never reached completes: go on
                k += 1
                assert k <= 3 * self.kills, f"only {self.stats['killed']} kills in {k - 1} rounds"
                self.one_kill(k)
            rep = self.t.client.push()
            self.stats["duplicates"] = (rep.statuses or {}).get("duplicate", 0)
            self.t.client.pull()
            self.log(f"final sync: {rep.statuses}")
            check_converged(self.t, self.srv, self.t.id)
        except AssertionError as exc:
            raise AssertionError(f"seed {self.seed}: {exc}\nreplay: LT_KILL_SEED={self.seed} LT_KILLS_PER_SEED={self.kills} "
                                 ".venv/bin/python -m pytest tests/reliability/test_sync_kills.py -k replay\n"
                                 "trace:\n  " + "\n  ".join(self.trace[-30:])) from None
        return self.stats


@pytest.mark.parametrize("seed", range(1, SHORT_SEEDS + 1))
def test_random_kills_short(seed, server, make_terminal, children, tmp_path):
    stats = KillRun(seed, SHORT_KILLS_PER_SEED, server, make_terminal, children, tmp_path).run()
    assert stats["killed"] == SHORT_KILLS_PER_SEED


@pytest.mark.slow
@pytest.mark.parametrize("seed", LONG_SEEDS)
def test_random_kills_long(seed, server, make_terminal, children, tmp_path):
    stats = KillRun(seed, KILLS_PER_SEED, server, make_terminal, children, tmp_path).run()
    print(f"seed {seed}: {stats}")


# ---- PostgreSQL: a server WORKER killed in the middle of a request (issue 14) -----------------------------

class WorkerKillRun(KillRun):
    """A KillRun whose rounds kill the server's worker instead of the sync child: the child syncs
    (push, then pull); a session of the test holds its request inside the database (`Hold`, mode
    chosen by the seed: at one pending event, at the feed stamp before COMMIT, or in a pull's
    read); the worker serving the child's connection is SIGKILLed, the hold released, and the
    child ends with a transient error (or, when the held step never came, completes)."""

    def __init__(self, *args, modes: tuple[str, ...] = MODES, **kw) -> None:
        super().__init__(*args, **kw)
        self.modes = modes
        self.stats["workers_killed"] = 0

    def one_kill(self, k: int) -> None:
        r, t, srv = self.rng, self.t, self.srv
        self.settle_some()
        self.server_changes()
        pending = [eid for (eid,) in t.client.conn.execute("SELECT event_id FROM outbox WHERE state = 'pending' ORDER BY terminal_seq")]
        mode = r.choice(self.modes if pending else ("pull",))
        target = r.choice(pending) if mode == "event_lock" else None
        plan = {"point": "none", "nth": 1, "how": "exit", "record": str(self.workdir / f"rec{k}.json"),
                "batch_size": r.choice([2, 3, 5]), "page_size": r.choice([2, 4, 9])}
        cluster, name = srv.pg
        hold = Hold(cluster, name, mode, target)
        child = self.children.take()
        victim = None
        try:
            child.start(t, srv.url, plan)
            if hold.wait_blocked(60, gave_up=lambda: child.proc.poll() is not None):
                victim = worker_serving(srv.proc, srv.port, child.proc.pid)
                assert victim is not None, f"no worker holds the child's connection ({workers_of(srv.proc)})"
                os.kill(victim, signal.SIGKILL)  # a worker of the server this test started, by its pid
        finally:
            hold.release()
        rc = child.finish(ok=(3,))
        self.stats["workers_killed" if victim else "completed"] += 1
        self.stats["killed"] += bool(victim)
        self.log(f"worker kill {k}: mode={mode} target={target} pending={len(pending)} batch={plan['batch_size']} "
                 f"page={plan['page_size']} victim={victim} -> rc={rc}")
        assert victim is None or rc == 3, f"the child did not see its server go away (rc {rc})"
        conn = t.client.conn
        check_exactly_once_so_far(conn, srv, t.id)
        check_cursor_not_ahead(conn, srv)
        deadline = time.monotonic() + 30
        while len(workers_of(srv.proc)) < PG_WORKERS and time.monotonic() < deadline:  # the supervisor replaces it
            time.sleep(0.1)
        assert len(workers_of(srv.proc)) == PG_WORKERS, f"workers now: {workers_of(srv.proc)}"


ON_POSTGRESQL = pytest.mark.parametrize("server", [pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True)


@ON_POSTGRESQL
@pytest.mark.parametrize("mode", MODES)
def test_worker_killed_mid_request(mode, server, make_terminal, children, tmp_path):
    run = WorkerKillRun(MODES.index(mode) + 1, 2, server, make_terminal, children, tmp_path, modes=(mode,))
    stats = run.run()
    assert stats["workers_killed"] == 2, stats


@pytest.mark.slow
@ON_POSTGRESQL
@pytest.mark.parametrize("seed", range(2000, 2000 + WORKER_KILL_SEEDS))
def test_worker_kills_long(seed, server, make_terminal, children, tmp_path):
    run = WorkerKillRun(seed, KILLS_PER_SEED, server, make_terminal, children, tmp_path)
    print(f"seed {seed}: {run.run()}")


@pytest.mark.skipif("LT_KILL_SEED" not in os.environ, reason="set LT_KILL_SEED (and LT_KILLS_PER_SEED) to replay a seed")
def test_replay(server, make_terminal, children, tmp_path):
    run = KillRun(int(os.environ["LT_KILL_SEED"]), KILLS_PER_SEED, server, make_terminal, children, tmp_path)
    stats = run.run()
    print("\n".join(run.trace))
    print(stats)
