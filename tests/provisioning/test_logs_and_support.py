"""Logs IT can read, crash reports, `about` and the support bundle (never a secret inside)."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from terminal import __version__
from terminal.entry.cli import EXIT_OK, run
from terminal.infra.config import load_config
from terminal.infra.logs import LOG_NAME, crash_reports, install_crash_handler, setup_logging, write_crash_report
from terminal.infra.support import database_health, redact, write_support_bundle
from tests.conftest import BASE_CATALOG

ROOT = Path(__file__).resolve().parents[2]


def cli(*args) -> tuple[int, dict]:
    out = io.StringIO()
    code = run(["--json", *map(str, args)], out=out)
    return code, json.loads(out.getvalue())


@pytest.fixture
def replica(tmp_path):
    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(BASE_CATALOG, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.db"
    assert cli("--db", db, "init", "--catalog", cat, "--store", "A-001", "--terminal", "T1")[0] == EXIT_OK
    return db


def test_log_lines_have_local_time_level_logger_and_thread(tmp_path):
    d = setup_logging("INFO", directory=tmp_path / "logs")
    logging.getLogger("terminal.test").info("scan accepted %s", "LT1C…")
    logging.getLogger("terminal.test").debug("not at INFO")
    for h in logging.getLogger().handlers:
        h.flush()
    lines = (d / LOG_NAME).read_text(encoding="utf-8").splitlines()
    assert f"Loyalty Terminal {__version__} starting" in lines[0]
    last = lines[-1]
    assert "INFO" in last and "terminal.test" in last and "[MainThread]" in last and "scan accepted LT1C…" in last
    assert last[:4].isdigit() and ("+" in last[:35] or "-" in last[19:35])  # ISO time with the UTC offset
    assert not any("not at INFO" in x for x in lines)


def test_logs_rotate_at_the_configured_size(tmp_path):
    d = setup_logging("INFO", max_bytes=100_000, backup_count=2, directory=tmp_path / "logs")
    log = logging.getLogger("terminal.rotate")
    for i in range(3000):
        log.info("line %05d %s", i, "x" * 80)
    names = sorted(p.name for p in d.iterdir() if p.name.startswith(LOG_NAME))
    assert names == [LOG_NAME, f"{LOG_NAME}.1", f"{LOG_NAME}.2"]
    assert all((d / n).stat().st_size <= 100_000 + 200 for n in names)


def test_uncaught_exceptions_in_any_thread_write_a_report(tmp_path, monkeypatch):
    monkeypatch.setenv("LT_LOG_DIR", str(tmp_path / "logs"))
    seen = []
    install_crash_handler(on_crash=lambda path, exc: seen.append((path, exc)))
    try:
        raise ValueError("boom in a slot")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    t = threading.Thread(target=lambda: 1 / 0, name="sync-runner")
    t.start()
    t.join()
    reports = crash_reports(tmp_path / "logs")
    assert len(reports) == 2
    texts = [p.read_text(encoding="utf-8") for p in reports]
    assert any("ValueError: boom in a slot" in t and f"Loyalty Terminal {__version__}" in t for t in texts)
    assert any("ZeroDivisionError" in t and "where: thread sync-runner" in t for t in texts)
    assert seen and isinstance(seen[0][1], ValueError)


def test_a_crash_in_a_real_process_leaves_a_report(tmp_path):
    """The installed hook, not a test double: a child process dies of an uncaught exception."""
    code = ("from terminal.infra.logs import install_crash_handler, setup_logging; setup_logging(); "
            "install_crash_handler(); raise RuntimeError('counter exploded')")
    env = {**os.environ, "LT_LOG_DIR": str(tmp_path / "logs"), "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode != 0
    (report,) = crash_reports(tmp_path / "logs")
    assert "RuntimeError: counter exploded" in report.read_text(encoding="utf-8")
    assert "counter exploded" in (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")


def test_redact_hides_secret_values_and_url_passwords():
    text = ("token = abc\nPIN: 1234\napi_key=xyz\nserver_url = \"https://user:pw@h.example.com/x\"\n"
            "store_id = \"A-001\"\n")
    out = redact(text)
    for secret in ("abc", "1234", "xyz", "pw@"):
        assert secret not in out
    assert "store_id = \"A-001\"" in out and "https://<redacted>@h.example.com/x" in out


def test_support_bundle_has_logs_config_versions_and_health_and_no_secrets(tmp_path, monkeypatch, replica):
    site = Path(os.environ["LT_SITE_CONFIG"])
    site.parent.mkdir(parents=True, exist_ok=True)
    site.write_text('[terminal]\nstore_id = "A-001"\n[sync]\nserver_url = "https://it:hunter2@loyalty.example.com"\n',
                    encoding="utf-8")
    logs = Path(os.environ["LT_LOG_DIR"])
    setup_logging(directory=logs)
    logging.getLogger("terminal.enrolment").info("enrolled with token = SECRET-TOKEN-123")
    write_crash_report(RuntimeError, RuntimeError("x"), None, directory=logs)
    out = tmp_path / "bundle.zip"
    code, res = cli("--db", replica, "support-bundle", "--out", out)
    assert code == EXIT_OK and res["integrity_check"] == ["ok"]
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert {"versions.json", "config-effective.toml", "database.json", "README.txt", f"logs/{LOG_NAME}"} <= names
        assert any(n.startswith("logs/crash-") for n in names) and any(n.startswith("config-files/") for n in names)
        everything = b"".join(z.read(n) for n in names)
        health = json.loads(z.read("database.json"))
        versions = json.loads(z.read("versions.json"))
    assert b"SECRET-TOKEN-123" not in everything and b"hunter2" not in everything
    assert "王小明".encode() not in everything  # no member data
    assert health["integrity_check"] == ["ok"] and "0004_app_versions" in " ".join(health["migrations"])
    assert versions["version"] == __version__ and "zxing-cpp" in versions["decoders"]


def test_database_health_of_a_corrupt_file_is_reported_not_raised(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    health = database_health(bad)
    assert health["exists"] is True and ("error" in health or health.get("integrity_check") != ["ok"])
    assert database_health(tmp_path / "none.db") == {"path": str(tmp_path / "none.db"), "exists": False}


def test_about_and_version_on_the_command_line(capsys):
    code, info = cli("about")
    assert code == EXIT_OK and info["version"] == __version__ and "keyring" in info and "qt" in info
    with pytest.raises(SystemExit):
        run(["--version"])
    assert __version__ in capsys.readouterr().out


def test_config_in_the_bundle_is_the_effective_one(tmp_path, replica):
    cfg = load_config(cli={"terminal.db": str(replica)})
    res = write_support_bundle(tmp_path / "b.zip", cfg)
    with zipfile.ZipFile(res["path"]) as z:
        assert f'db = "{replica}"  # command line' in z.read("config-effective.toml").decode()


def test_settlements_refusals_and_voids_are_logged_without_member_names(replica):
    from tests.conftest import card

    logs = Path(os.environ["LT_LOG_DIR"])
    assert cli("--db", replica, "settle", "--member", card("290000000001"), "--amount", "300", "--cashier", "C01", "--pin", "1234",
               "--checkout-id", "LOG-1", "--at", "2026-11-05T12:00:00+08:00")[0] == EXIT_OK
    assert cli("--db", replica, "settle", "--coupon", "NOPE-123", "--amount", "300", "--cashier", "C01", "--pin", "1234",
               "--checkout-id", "LOG-2", "--at", "2026-11-05T12:00:00+08:00")[0] == 3
    cli("--db", replica, "void", "LOG-1", "--manager", "MGR1", "--pin", "0000", "--reason", "test",
        "--at", "2026-11-05T12:05:00+08:00")
    assert cli("--db", replica, "void", "LOG-1", "--manager", "MGR1", "--pin", "9999", "--reason", "customer returned",
               "--at", "2026-11-05T12:05:00+08:00")[0] == EXIT_OK
    for h in logging.getLogger().handlers:
        h.flush()
    text = (logs / LOG_NAME).read_text(encoding="utf-8")
    assert "settled checkout LOG-1 seq 1" in text and "member M1, cashier C01" in text
    assert "refused checkout LOG-2 by C01: [" in text
    assert "void of LOG-1 by MGR1 refused: [bad_pin]" in text
    assert "voided checkout LOG-1 (seq 2) by manager MGR1: 'customer returned'" in text
    assert "王小明" not in text and "0000" not in text and "9999" not in text
