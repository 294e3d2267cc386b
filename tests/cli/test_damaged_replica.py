"""A truncated, foreign or internally damaged replica is refused with a setup error (exit 4)
naming the file and what to do, before anything is written to it."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

from terminal.provisioning.bootstrap import open_replica, verify_replica

from terminal.infra.errors import SetupError
from terminal.entry.cli import EXIT_OK, EXIT_SETUP, run
from tests.conftest import BASE_CATALOG

AT = "2026-11-05T12:00:00+08:00"
SETTLE = ["settle", "--amount", "100", "--cashier", "C01", "--pin", "1234", "--at", AT]


def cli(*args) -> tuple[int, str]:
    out = io.StringIO()
    code = run([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def replica(tmp_path) -> Path:
    """An initialised replica with one sale, checkpointed: everything in the main file."""
    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(BASE_CATALOG, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.db"
    assert cli("--db", db, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    assert cli("--db", db, *SETTLE, "--checkout-id", "CK-0")[0] == EXIT_OK
    _checkpoint(db)
    return db


def _checkpoint(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _state(db: Path) -> tuple[str, int]:
    """What a write would change: the main file's bytes and the size of its WAL."""
    wal = Path(f"{db}-wal")
    return hashlib.sha256(db.read_bytes()).hexdigest(), wal.stat().st_size if wal.exists() else 0


def _damage_page_of(db: Path, table: str) -> None:
    """Overwrite the cell pointers of `table`'s root page: a b-tree quick_check finds broken,
    while a settlement (which never reads that table) would not notice."""
    conn = sqlite3.connect(db)
    root, = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    page_size, = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xa5" * 64)


def _assert_refused(code: int, out: str, db: Path, what: str | tuple[str, ...]) -> None:
    assert code == EXIT_SETUP, out
    whats = (what,) if isinstance(what, str) else what
    assert out.count("\n") == 1 and out.startswith(tuple(f"error: replica {db} is damaged ({w}" for w in whats)), out
    assert "nothing was written" in out and "enrol this PC again" in out


def test_settle_into_an_internally_damaged_replica_is_refused_and_writes_nothing(replica):
    _damage_page_of(replica, "products")
    before = _state(replica)
    code, out = cli("--db", replica, *SETTLE, "--checkout-id", "CK-1")
    _assert_refused(code, out, replica, "quick_check: ")
    assert _state(replica) == before
    code, out = cli("--db", replica, "void", "CK-0", "--manager", "MGR1", "--pin", "9999", "--reason", "r", "--at", AT)
    _assert_refused(code, out, replica, "quick_check: ")
    assert _state(replica) == before


def test_a_truncated_replica_is_refused_by_every_command(replica):
    data = replica.read_bytes()
    for size in (len(data) // 2, len(data) // 2 + 100, 50):
        replica.write_bytes(data[:size])
        before = _state(replica)
        for args in (SETTLE, ["status"], ["scan", "C-OLD-1"], ["report", "--day", "2026-11-05"]):
            code, out = cli("--db", replica, *args)
            # 50 bytes no longer hold a whole SQLite header: SQLite cannot tell it from a foreign file
            _assert_refused(code, out, replica, "truncated" if size >= 100 else ("truncated", "not an SQLite database file, or one truncated to 50 bytes"))
            assert _state(replica) == before


@pytest.mark.parametrize("content", [b"hello, not a database\n", b"PK\x03\x04" + b"\0" * 5000, b"\0" * 8192])
def test_a_file_that_is_not_sqlite_is_refused(tmp_path, content):
    db = tmp_path / "t.db"
    db.write_bytes(content)
    for args in (SETTLE, ["status"], ["--json", "balance", "M1"]):
        code, out = cli("--db", db, *args)
        if args[0] == "--json":
            assert code == EXIT_SETUP and "not an SQLite database file" in json.loads(out)["error"]
        else:
            _assert_refused(code, out, db, "not an SQLite database file")
    assert db.read_bytes() == content


def test_the_message_names_the_upgrade_backup_to_restore(replica):
    backup = replica.with_name(replica.name + ".before-0007_x.bak")
    backup.write_bytes(replica.read_bytes())
    _damage_page_of(replica, "products")
    code, out = cli("--db", replica, *SETTLE)
    assert code == EXIT_SETUP and f"copy the backup {backup} (made before the last upgrade) over it" in out


def test_open_replica_full_check_and_the_once_per_process_cache(replica):
    verify_replica(replica)  # sound: passes, and is remembered for this file as it is
    open_replica(replica, check="full").db.conn.close()
    _damage_page_of(replica, "products")  # the file changed: checked again
    with pytest.raises(SetupError, match="damaged .quick_check"):
        open_replica(replica, check="full")
    open_replica(replica).db.conn.close()  # the per-open header check cannot see inside pages: reads go on
    replica.write_bytes(replica.read_bytes()[:5000])
    with pytest.raises(SetupError, match="truncated"):
        open_replica(replica)


def test_a_new_or_empty_file_is_still_a_new_replica(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    for path in (empty, tmp_path / "new.db"):
        r = open_replica(path, check="full")
        assert r.get_meta("store_id") is None
        r.db.conn.close()


def test_a_replica_in_use_with_a_live_wal_passes(replica):
    """A WAL with frames (another process writing right now) is not mistaken for truncation."""
    keep = open_replica(replica)
    keep.conn.execute("PRAGMA wal_autocheckpoint=0")
    for i in range(3):
        assert cli("--db", replica, *SETTLE, "--checkout-id", f"CK-W{i}")[0] == EXIT_OK
    assert Path(f"{replica}-wal").stat().st_size > 32
    assert cli("--db", replica, "--json", "status")[0] == EXIT_OK
    keep.db.conn.close()


def test_the_window_refuses_a_damaged_replica_at_start(replica, tmp_path):
    """The window writes all day: quick_check once at its start; exit 4 and one line, nothing written."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    _damage_page_of(replica, "products")
    before = _state(replica)
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    p = subprocess.run([sys.executable, "-m", "terminal", "window", "--db", str(replica), "--quit-after-paint"],
                       capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert p.returncode == EXIT_SETUP, p
    assert p.stderr.count("\n") == 1 and p.stderr.startswith(f"error: replica {replica} is damaged (quick_check: "), p.stderr
    assert _state(replica) == before


@pytest.mark.parametrize("table, args", [
    ("meta", ["status"]),  # SQLite itself notices: "database disk image is malformed"
    ("stores", ["scan", "C-OLD-1", "--at", AT]),  # it does not: the store seems missing from the catalog
    ("products", ["--json", "preview", "--line", "LATTE", "--at", AT]),
])
def test_a_read_command_on_a_damaged_replica_says_so_instead_of_crashing(replica, table, args, _isolated_machine):
    """Reads get only the header check; when damage inside a page makes them fail, the failure is
    still reported as a damaged replica (exit 4), not as a bug (exit 6) or a wrong answer."""
    _damage_page_of(replica, table)
    before = _state(replica)
    code, out = cli("--db", replica, *args)
    assert code == EXIT_SETUP, out
    text = json.loads(out)["error"] if args[0] == "--json" else out
    assert f"replica {replica} is damaged" in text and (args[0] == "--json" or out.count("\n") == 1), out
    assert _state(replica) == before
    assert not list((_isolated_machine / "logs").glob("crash-*.txt"))
