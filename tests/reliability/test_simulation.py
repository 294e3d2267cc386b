"""Deterministic simulation: terminals + the real server + a faulty network, seeded.

The simulator (tests/reliability/sim/) checks its invariants after every step and the
convergence/conflict invariants at the end (`sim.INVARIANTS`). A failing seed prints a
one-line replay command; the same seed always produces the same trace (hash).

    .venv/bin/python -m pytest tests/reliability/test_simulation.py            # short: 6 seeds x 300 steps (+ PostgreSQL)
    .venv/bin/python -m pytest -m slow tests/reliability/test_simulation.py    # long: 100 seeds x 2,000 steps (+ PostgreSQL)
    LT_SIM_SEED=1234 LT_SIM_STEPS=2000 LT_SIM_TERMINALS=3 .venv/bin/python -m pytest tests/reliability/test_simulation.py -k replay
    LT_SIM_PG=1 LT_SIM_SEED=1234 ... -k replay                                 # the same on PostgreSQL with 2 workers

PostgreSQL (issue 14, marker `postgresql`, the throwaway cluster of tests/pg.py): the same
simulator on a fresh PostgreSQL database with 2 server workers (two apps, each on its own
CentralStore, taking the requests in a seeded order). By default 3 seeds x 300 steps and one
seed's trace compared with the SQLite run's: one worker on SQLite and
two on PostgreSQL must produce the very same trace (every answer, position and cursor). With
`-m slow`, the regression seed and PG_LONG_SEEDS x 2,000 steps (`LT_SIM_PG_LONG_SEEDS=N` for the first N of LONG_SEEDS).
`-m postgresql` alone replaces the default `-m 'not slow'`: use `-m 'postgresql and not slow'` for the short half.
"""

from __future__ import annotations

import os

import pytest

from sync.client import SyncClient
from sync.server.store import CentralStore
from tests.reliability.sim import INVARIANTS, Simulation, SimulationFailure

SHORT_SEEDS = [1, 2, 3, 4, 5, 6]
SHORT_STEPS = 300
LONG_SEEDS = list(range(1000, 1100))
LONG_STEPS = 2000
# seeds the long run once failed, kept in the normal suite: (seed, steps, terminals)
REGRESSION_SEEDS = [
    (1093, 1400, 4),  # S6: a void counted twice after a pull cut between pages (tests/sync/test_overlay.py)
]
PG_SHORT_SEEDS = [1, 2, 3]
PG_WORKERS = 2
PG_LONG_SEEDS = LONG_SEEDS[:int(os.environ.get("LT_SIM_PG_LONG_SEEDS", 20))]


def _replay_cmd(seed: int, steps: int, terminals: int, pg: bool) -> str:
    return (f"{'LT_SIM_PG=1 ' if pg else ''}LT_SIM_SEED={seed} LT_SIM_STEPS={steps} LT_SIM_TERMINALS={terminals} "
            ".venv/bin/python -m pytest tests/reliability/test_simulation.py -k replay")


def _run(seed: int, steps: int, terminals: int, tmp_path, central: str | None = None) -> Simulation:
    """One seeded run; `central` a PostgreSQL URL runs it there with PG_WORKERS server workers."""
    pg = {"central": central, "workers": PG_WORKERS} if central else {}
    with Simulation(seed, steps=steps, terminals=terminals, workdir=tmp_path, replay_cmd=_replay_cmd(seed, steps, terminals, bool(central)),
                    **pg) as sim:
        try:
            sim.run()
        except SimulationFailure as exc:
            pytest.fail(str(exc), pytrace=False)
        return sim


@pytest.mark.parametrize("seed", SHORT_SEEDS)
def test_simulation_short(seed, tmp_path):
    sim = _run(seed, SHORT_STEPS, 3, tmp_path)
    assert sim.summary["events"] > 0


@pytest.mark.slow  # 1,400 steps, ~40 s: the over-use test below runs the same length in the default suite
@pytest.mark.parametrize("seed,steps,terminals", REGRESSION_SEEDS)
def test_simulation_regression(seed, steps, terminals, tmp_path):
    _run(seed, steps, terminals, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("seed", LONG_SEEDS)
def test_simulation_long(seed, tmp_path):
    sim = _run(seed, LONG_STEPS, 3 + seed % 3, tmp_path)
    print(f"seed {seed}: {sim.summary}")


def test_same_seed_same_trace(tmp_path):
    hashes = []
    for i in range(2):
        sim = _run(77, 150, 3, tmp_path / str(i))
        hashes.append((sim.trace_hash, len(sim.trace)))
    assert hashes[0] == hashes[1]
    other = _run(78, 150, 3, tmp_path / "other")
    assert other.trace_hash != hashes[0][0]


# ---- PostgreSQL with 2 server workers (issue 14) ------------------------------------------------------

def _pg_used_both_workers(sim: Simulation) -> None:
    assert len(sim.server.served) == PG_WORKERS and min(sim.server.served) > 0, sim.server.served


@pytest.mark.postgresql
@pytest.mark.slow  # the default suite runs PostgreSQL with 2 workers in test_two_postgresql_workers_give_the_sqlite_trace
@pytest.mark.parametrize("seed", PG_SHORT_SEEDS)
def test_simulation_short_postgresql(seed, pg_url, tmp_path):
    sim = _run(seed, SHORT_STEPS, 3, tmp_path, pg_url)
    assert sim.summary["events"] > 0
    _pg_used_both_workers(sim)


@pytest.mark.slow  # ~50 s on PostgreSQL
@pytest.mark.postgresql
@pytest.mark.parametrize("seed,steps,terminals", REGRESSION_SEEDS)
def test_simulation_regression_postgresql(seed, steps, terminals, pg_url, tmp_path):
    _pg_used_both_workers(_run(seed, steps, terminals, tmp_path, pg_url))


@pytest.mark.postgresql
def test_two_postgresql_workers_give_the_sqlite_trace(pg_url, tmp_path):
    """The engine and the number of workers change nothing a terminal sees: every answer, status,
    position and cursor in the trace is the same as on SQLite with one process."""
    on_sqlite = _run(77, 250, 3, tmp_path / "sqlite")
    on_pg = _run(77, 250, 3, tmp_path / "pg", pg_url)
    _pg_used_both_workers(on_pg)
    assert on_pg.summary == on_sqlite.summary
    first = next((i for i, (a, b) in enumerate(zip(on_sqlite.trace, on_pg.trace)) if a != b), None)
    assert first is None and len(on_pg.trace) == len(on_sqlite.trace), (
        f"traces differ at line {first}:\n  sqlite: {on_sqlite.trace[first] if first is not None else '-'}\n"
        f"  pg:     {on_pg.trace[first] if first is not None else '-'}")


@pytest.mark.slow
@pytest.mark.postgresql
@pytest.mark.parametrize("seed", PG_LONG_SEEDS)
def test_simulation_long_postgresql(seed, pg_url, tmp_path):
    sim = _run(seed, LONG_STEPS, 3 + seed % 3, tmp_path, pg_url)
    print(f"seed {seed} on PostgreSQL, {PG_WORKERS} workers {sim.server.served}: {sim.summary}")


@pytest.fixture
def replay_central(request):
    """LT_SIM_PG=1: the replay runs on a fresh PostgreSQL database (2 workers); else None (SQLite)."""
    return request.getfixturevalue("pg_url") if os.environ.get("LT_SIM_PG") else None


@pytest.mark.skipif("LT_SIM_SEED" not in os.environ, reason="set LT_SIM_SEED (and LT_SIM_STEPS, LT_SIM_TERMINALS) to replay a seed")
def test_replay(tmp_path, replay_central):
    seed = int(os.environ["LT_SIM_SEED"])
    steps = int(os.environ.get("LT_SIM_STEPS", LONG_STEPS))
    terminals = int(os.environ.get("LT_SIM_TERMINALS", 3))
    pg = {"central": replay_central, "workers": PG_WORKERS} if replay_central else {}
    with Simulation(seed, steps=steps, terminals=terminals, workdir=tmp_path,
                    replay_cmd=_replay_cmd(seed, steps, terminals, bool(replay_central)), **pg) as sim:
        try:
            sim.run()
        finally:
            if os.environ.get("LT_SIM_TRACE"):
                print("\n".join(sim.trace))
            print(f"seed={seed} steps={steps} terminals={terminals} trace sha256={sim.trace_hash}")


# ---- the simulator can fail: planted bugs are caught ------------------------------------------------

def _expect_caught(tmp_path, seeds=(1, 2, 3), steps=300, terminals=3) -> SimulationFailure:
    for seed in seeds:
        try:
            with Simulation(seed, steps=steps, terminals=terminals, workdir=tmp_path / str(seed)) as sim:
                sim.run()
        except SimulationFailure as exc:
            assert "replay: LT_SIM_SEED=" in str(exc)
            return exc
    pytest.fail("the planted bug went unnoticed")


def test_catches_a_server_that_forgets_event_ids(tmp_path, monkeypatch):
    real = CentralStore.apply_event

    def forgetful(self, device, env):
        env = {**env, "event_id": env["event_id"][:-4] + f"{self.head() % 10000:04d}"} if self.head() % 3 == 0 else env
        return real(self, device, env)

    monkeypatch.setattr(CentralStore, "apply_event", forgetful)
    _expect_caught(tmp_path)


def test_catches_a_client_that_acks_before_the_server_answers(tmp_path, monkeypatch):
    real = SyncClient.push

    def eager(self, **kw):
        # marks events acknowledged before sending them: lost if the request is then lost
        self.conn.execute("UPDATE outbox SET state = 'acked', result = 'accepted' WHERE state = 'pending' AND terminal_seq % 5 = 0")
        return real(self, **kw)

    monkeypatch.setattr(SyncClient, "push", eager)
    exc = _expect_caught(tmp_path)
    assert "S2 " in str(exc) or "F" in str(exc), str(exc)


def test_catches_a_pull_that_moves_the_cursor_without_the_data(tmp_path, monkeypatch):
    real = SyncClient._apply_page

    def lossy(self, page):
        return real(self, {**page, "items": [it for it in page["items"] if it["kind"] != "coupon" or it["seq"] % 4]})

    monkeypatch.setattr(SyncClient, "_apply_page", lossy)
    exc = _expect_caught(tmp_path)
    assert "S8 " in str(exc) or "F5 " in str(exc), str(exc)


def test_catches_a_client_that_applies_pages_before_catching_up(tmp_path, monkeypatch):
    """Without staging, a middle page can hold an effect the overlay still counts (S12 sees it at once)."""
    monkeypatch.setattr(SyncClient, "_overlay_open", lambda self: False)
    # a pull cut after a middle page while the overlay is open: about one seed in three has one
    # within 300 steps (seeds 5, 11, 21, 24, 27 of 1-30 on 2026-11-29); several are listed so a
    # change to the simulator's action mix does not quietly turn this test off
    exc = _expect_caught(tmp_path, seeds=(5, 11, 21, 24, 27))
    assert "S12 " in str(exc), str(exc)


def test_the_over_use_itself_is_caught_too(tmp_path, monkeypatch):
    """Without staging, the double-counted void ends in a coupon or a lot used more than it has, not
    only in S12: at the counter (S6/S7), or as a claim the server refuses to book (F7: `used_up`, the
    terminal's cursor held the coupon's last use; `lot_not_usable`, points spent from a lot the
    double count showed as holding them). The seeds that reach it move whenever the judgement or the
    client changes the run (1093 until 2026-11-29, then 1088; on 2026-11-30 seed 20 shows S6 at step 174, and
    after the server's red-team fixes and store scopes the same day, seed 1085 shows F7 used_up at step 1401; after issues 15-16 were merged, seed 1088 shows F7
    lot_not_usable at step 1401; on 2026-11-30 evening seed 24 shows F7 used_up at step 401 — a scan of seeds
    1-29 at 400 steps, 9 s instead of the 64 s of 1,400 steps):
    when this test fails with "went unnoticed", scan seeds for a new one rather than weakening it."""
    import tests.reliability.sim.world as world

    monkeypatch.setattr(SyncClient, "_overlay_open", lambda self: False)
    monkeypatch.setattr(world.Simulation, "_check_overlay", lambda self, t: None)
    # the seeds were found with fixed push batches of 100; a simulated timeout now halves the next batch
    # (SyncClient.push_size), which changes the run (seeds 1000-1119 do not reach this bug with adaptive batches)
    monkeypatch.setattr(SyncClient, "_batch_answered", lambda self, sent, took_s: None)
    exc = _expect_caught(tmp_path, seeds=(24,), steps=400, terminals=4)
    msg = str(exc)
    assert "S6 " in msg or "S7 " in msg or ("F7 " in msg and any(r in msg for r in ("used_up", "uses_beyond_total", "lot_not_usable"))), msg


def test_catches_a_client_that_ignores_answers_carried_by_a_pull(tmp_path, monkeypatch):
    """A push answer lost, then a pull: without the carried answers the pending event is counted twice."""
    monkeypatch.setattr(SyncClient, "_store_pulled_answers", lambda self, answers, seq: None)
    exc = _expect_caught(tmp_path, seeds=(12, 13, 9, 16, 22, 23))  # caught within 300 steps on 2026-11-29
    assert "S12 " in str(exc), str(exc)


def test_invariants_are_documented():
    for key in ("S1", "S2", "S8", "S12", "F3", "F5"):
        assert key in INVARIANTS
