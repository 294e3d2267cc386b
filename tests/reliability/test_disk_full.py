"""Disk full during a settlement: a clear typed error, nothing half-written, the connection
still usable, and once space is back the same checkout settles exactly once.

Two ways to fill the disk, both SQLite's real SQLITE_FULL path ("database or disk is full"):

* `PRAGMA max_page_count` at the current size: the settlement fails when it needs a new page
  (inside a statement). Runs everywhere.
* A real size-limited file system: a tmpfs mounted for the test, then filled with a filler
  file; the settlement fails when COMMIT appends to the WAL (the OS answers ENOSPC). Needs root
  and permission to mount (CI runs as root); skipped with the reason otherwise.

`RedemptionService.settle` must raise `terminal.storage.db.StorageFullError` (a typed error
whose message says the disk is full and nothing was saved), not a raw sqlite3 error. After the
failure: no settlement/outbox/ledger/lot/coupon row for it, terminal_seq unchanged (checked on
the failing connection and on a fresh one), no transaction left open, reads and previews
work. After space returns the same checkout id settles once (`replayed` False, the next seq)
and asking again returns the stored receipt. `durability.Auditor` checks all invariants.

    .venv/bin/python -m pytest tests/reliability/test_disk_full.py
    .venv/bin/python -m pytest -m slow tests/reliability/test_disk_full.py -s     # long: 300 + 60 rounds
    LT_DISKFULL_ROUNDS=1000 LT_DISKFULL_TMPFS_ROUNDS=200 .venv/bin/python -m pytest -m slow tests/reliability/test_disk_full.py -s
"""

from __future__ import annotations

import errno
import json
import os
import random
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import parse_catalog
from terminal.domain.reasons import DomainError
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from terminal.storage.db import StorageError, StorageFullError
from tests.reliability.durability import (
    AT,
    CARDS,
    CASHIER,
    STORE,
    TERMINAL,
    Auditor,
    InvariantViolation,
    durability_catalog,
    open_conn,
    request_for,
)

TABLES = ("settlements", "outbox", "coupon_ledger", "point_ledger", "point_lots", "coupon_instances", "audit_log")


def make(path: Path) -> tuple[RedemptionService, Auditor]:
    replica = init_replica(path, parse_catalog(json.dumps(durability_catalog())), store_id=STORE, terminal_id=TERMINAL)
    return RedemptionService(replica, store_id=STORE, terminal_id=TERMINAL, clock=lambda: AT), Auditor(path)


def big_request(cid: str, lines: int = 40) -> CheckoutRequest:
    """Member, stored voucher, points, a signed coupon and many lines: its receipt and payload
    need several new pages (overflow pages), so it cannot fit into free space of existing ones."""
    from tests.reliability.durability import signed_code

    n = 100_000 + int.from_bytes(cid.encode(), "big") % 10**9  # a signed coupon of its own (not the writers' SG-0..)
    return CheckoutRequest(
        cid,
        (LineRequest("LATTE", 2),) + tuple(LineRequest(amount=20 + i, name=f"Open amount line {i:03d} " + "x" * 40) for i in range(lines)),
        member_code=CARDS["D1"], coupons=(CouponRequest("SV-D1-0"), CouponRequest(signed_code(n))), points={"bonus": 20},
    )


def snapshot(conn) -> dict:
    out = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    out["max_seq"] = conn.execute("SELECT COALESCE(MAX(terminal_seq), 0) FROM outbox").fetchone()[0]
    return out


def fresh_snapshot(path: Path) -> dict:
    conn = open_conn(path)
    try:
        return snapshot(conn)
    finally:
        conn.close()


def assert_failed_cleanly(svc: RedemptionService, path: Path, req: CheckoutRequest, before: dict, err: BaseException) -> None:
    """The settlement raised; prove it was the typed disk-full error and nothing of it is left."""
    assert isinstance(err, StorageFullError) and isinstance(err, StorageError), f"raw error leaked: {err!r}"
    msg = str(err)
    assert "disk is full" in msg and "nothing was saved" in msg, msg
    cause = err.__cause__
    assert isinstance(cause, sqlite3.OperationalError) and cause.sqlite_errorcode & 0xFF == sqlite3.SQLITE_FULL, repr(cause)
    conn = svc.replica.conn
    assert not conn.in_transaction, "a transaction was left open"
    assert snapshot(conn) == before, "half-written (failing connection)"
    assert fresh_snapshot(path) == before, "half-written (fresh connection)"
    assert svc.replica.settlement(req.checkout_id) is None
    # the connection is still usable: reads and a full preview of the same checkout
    assert svc.preview(req).total >= 0
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def settle_after_space_returns(svc: RedemptionService, req: CheckoutRequest, before: dict) -> dict:
    rec = svc.settle(req, cashier_id=CASHIER)
    assert rec["replayed"] is False and rec["terminal_seq"] == before["max_seq"] + 1, rec
    again = svc.settle(req, cashier_id=CASHIER)
    assert again["replayed"] is True and (again["terminal_seq"], again["event_id"]) == (rec["terminal_seq"], rec["event_id"])
    after = snapshot(svc.replica.conn)
    assert after["settlements"] == before["settlements"] + 1 and after["max_seq"] == before["max_seq"] + 1
    return rec


def audit(auditor: Auditor, acked: dict, refused: set, integrity: bool = True) -> None:
    try:
        auditor.check(acked=acked, refused=refused, integrity=integrity, full=True)
    except InvariantViolation as exc:
        pytest.fail(str(exc), pytrace=False)


# ---- the page limit: runs everywhere -------------------------------------------------------------

def limit_pages(conn, extra: int = 0) -> int:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    got = conn.execute(f"PRAGMA max_page_count = {pages + extra}").fetchone()[0]
    assert got == pages + extra
    return got


def test_page_limit_full_fails_cleanly_then_settles_once(tmp_path):
    path = tmp_path / "replica.db"
    svc, auditor = make(path)
    conn = svc.replica.conn
    unlimited = conn.execute("PRAGMA max_page_count").fetchone()[0]
    acked = {}
    for i in range(5):
        rec = svc.settle(request_for(f"pre-{i}"), cashier_id=CASHIER) if i != 2 else svc.settle(big_request("pre-big"), cashier_id=CASHIER)
        acked[rec["checkout_id"]] = (rec["terminal_seq"], rec["event_id"])
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # no free pages to reuse: the next one must be new
    limit_pages(conn)
    req = big_request("full-1")
    before = snapshot(conn)
    with pytest.raises(StorageFullError) as ei:
        svc.settle(req, cashier_id=CASHIER)
    assert_failed_cleanly(svc, path, req, before, ei.value)
    # still full: the next try fails the same way, still nothing written
    with pytest.raises(StorageFullError):
        svc.settle(req, cashier_id=CASHIER)
    assert snapshot(conn) == before
    conn.execute(f"PRAGMA max_page_count = {unlimited}")  # space is back
    rec = settle_after_space_returns(svc, req, before)
    acked[req.checkout_id] = (rec["terminal_seq"], rec["event_id"])
    audit(auditor, acked, set())
    conn.close()


def settle_until_full(svc, path, rng, name: str, tries: int, free_space, acked: dict, refused: set) -> tuple[int, bool]:
    """Random checkouts until one hits the full disk (checked: failed cleanly), then free_space()
    and retry that same checkout (exactly once). Returns (checkouts tried, whether one hit it)."""
    conn = svc.replica.conn
    for i in range(tries):
        cid = f"{name}-{i}"
        req = big_request(cid, rng.randint(1, 60)) if rng.random() < 0.3 else request_for(cid)
        before = snapshot(conn)
        try:
            rec = svc.settle(req, cashier_id=CASHIER)
        except DomainError:
            refused.add(req.checkout_id)
            assert snapshot(conn) == before
            continue
        except StorageFullError as err:
            assert_failed_cleanly(svc, path, req, before, err)
            free_space()
            try:
                rec = settle_after_space_returns(svc, req, before)
                acked[req.checkout_id] = (rec["terminal_seq"], rec["event_id"])
            except DomainError:  # e.g. the preview changed meanwhile: still nothing written
                refused.add(req.checkout_id)
            return i + 1, True
        acked[req.checkout_id] = (rec["terminal_seq"], rec["event_id"])
    return tries, False


@pytest.mark.slow
def test_page_limit_full_rounds(tmp_path):
    """Many rounds: the limit set 0-2 pages above the size, random checkouts until one hits it."""
    rounds = int(os.environ.get("LT_DISKFULL_ROUNDS", 300))
    rng = random.Random(int(os.environ.get("LT_DISKFULL_SEED", 7)))
    path = tmp_path / "replica.db"
    svc, auditor = make(path)
    conn = svc.replica.conn
    unlimited = conn.execute("PRAGMA max_page_count").fetchone()[0]
    acked, refused, fulls, n = {}, set(), 0, 0
    t0 = time.monotonic()
    for rnd in range(rounds):
        limit_pages(conn, rng.randint(0, 2))
        tried, full = settle_until_full(svc, path, rng, f"r{rnd}", 50, lambda: conn.execute(
            f"PRAGMA max_page_count = {unlimited}"), acked, refused)
        n, fulls = n + tried, fulls + full
        conn.execute(f"PRAGMA max_page_count = {unlimited}")
        audit(auditor, acked, refused, integrity=rnd % 10 == 9 or rnd == rounds - 1)
    print(f"\npage-limit disk full: {rounds} rounds, {n} checkouts, {len(acked)} settled, {fulls} hit SQLITE_FULL, "
          f"{len(refused)} refused, {time.monotonic() - t0:.1f} s")
    assert fulls >= rounds // 2
    conn.close()


# ---- a real full file system (tmpfs) --------------------------------------------------------------

@pytest.fixture
def small_fs(tmp_path):
    """A 24 MiB tmpfs just for this test (needs root and mount permission)."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a size-limited tmpfs needs root; the max_page_count variant covers SQLITE_FULL")
    mnt = tmp_path / "smallfs"
    mnt.mkdir()
    try:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs", str(mnt)], capture_output=True, text=True)
    except FileNotFoundError:
        pytest.skip("no mount command here; the max_page_count variant covers SQLITE_FULL")
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({(r.stderr or r.stdout).strip()}); the max_page_count variant covers SQLITE_FULL")
    try:
        yield mnt
    finally:
        if subprocess.run(["umount", str(mnt)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def fill(mnt: Path, leave: int = 0) -> Path:
    """Write a filler file until the file system is full, or until only about `leave` bytes are left."""
    filler = mnt / f"filler-{time.monotonic_ns()}"
    with open(filler, "wb", buffering=0) as f:
        if leave:
            st = os.statvfs(mnt)
            room = st.f_bavail * st.f_frsize - leave
            while room > 0:
                room -= f.write(b"\0" * min(room, 1 << 20))
            return filler
        for chunk in (1 << 20, 1 << 16, 4096, 512, 1):
            try:
                while f.write(b"\0" * chunk):
                    pass
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
    assert os.statvfs(mnt).f_bavail == 0
    return filler


def test_full_file_system_fails_cleanly_then_settles_once(small_fs):
    path = small_fs / "replica.db"
    svc, auditor = make(path)
    conn = svc.replica.conn
    acked = {}
    for i in range(5):
        rec = svc.settle(request_for(f"pre-{i}"), cashier_id=CASHIER) if i != 2 else svc.settle(big_request("pre-big"), cashier_id=CASHIER)
        acked[rec["checkout_id"]] = (rec["terminal_seq"], rec["event_id"])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # an empty WAL: the next COMMIT must grow it
    filler = fill(small_fs)
    req = big_request("full-1")
    before = snapshot(conn)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    with pytest.raises(StorageFullError) as ei:
        svc.settle(req, cashier_id=CASHIER)
    conn.set_trace_callback(None)
    assert "COMMIT" in statements[-2:], f"expected the failure at COMMIT (WAL append), got after {statements[-3:]}"
    assert_failed_cleanly(svc, path, req, before, ei.value)
    filler.unlink()  # space is back
    rec = settle_after_space_returns(svc, req, before)
    acked[req.checkout_id] = (rec["terminal_seq"], rec["event_id"])
    audit(auditor, acked, set())
    conn.close()


@pytest.mark.slow
def test_full_file_system_rounds(small_fs):
    """Many rounds on a real full file system: fill to a random few bytes/pages free, settle
    random checkouts until one fails (at COMMIT, or in a WAL checkpoint growing the database
    file), free the space, retry the same checkout: exactly once, invariants after each round."""
    rounds = int(os.environ.get("LT_DISKFULL_TMPFS_ROUNDS", 60))
    rng = random.Random(int(os.environ.get("LT_DISKFULL_SEED", 7)))
    path = small_fs / "replica.db"
    svc, auditor = make(path)
    conn = svc.replica.conn
    acked, refused, fulls, n = {}, set(), 0, 0
    t0 = time.monotonic()
    for rnd in range(rounds):
        if rng.random() < 0.5:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        filler = fill(small_fs, leave=rng.choice([0, 0, 4096, 3 * 4096, rng.randint(1, 400_000)]))
        try:
            tried, full = settle_until_full(svc, path, rng, f"t{rnd}", 200, filler.unlink, acked, refused)
            n, fulls = n + tried, fulls + full
        finally:
            filler.unlink(missing_ok=True)
        audit(auditor, acked, refused)
    print(f"\ntmpfs disk full: {rounds} rounds, {n} checkouts, {len(acked)} settled, {fulls} hit ENOSPC/SQLITE_FULL, "
          f"{len(refused)} refused, {time.monotonic() - t0:.1f} s")
    assert fulls >= rounds // 2
    conn.close()
