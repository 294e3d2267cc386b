"""Every command, hostile argument values: a documented exit code and one readable line, never a
traceback or a silent exit 1. Bad input is a usage error naming the argument (exit 2); a genuine
bug is exit 6 with a crash report whose path is printed."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terminal.entry.cli import EXIT_INTERNAL, EXIT_OK, EXIT_REFUSED, EXIT_SETUP, EXIT_UNREACHABLE, EXIT_USAGE, run
from tests.conftest import BASE_CATALOG, card

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-05T12:00:00+08:00"
M1 = card("290000000001")
COUPON = card("980000000002")
PREFIXES = {EXIT_USAGE: "usage: ", EXIT_SETUP: "error: ", EXIT_UNREACHABLE: "error: central server ",
            EXIT_INTERNAL: "internal error: "}

HOSTILE = [
    "", " ", "\x00", "a\x00b", "\udcff\udcfe", "caf\udce9", "é", "٣", "²", "-1", "0", "-0", "00", "1e9", "0x10",
    "99999999999999999999999999", str(2 ** 63), "9" * 5000, "x" * 5000, "\n", "\t\r", "--", "*", "@", "=", "x", "LATTEx",
    "=5", "bonus=", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59+00:00",
    "0001-01-01", "9999-12-31", "1969-12-31", "3000-01-01", "2026-02-30", "2026-11-05T25:00+08:00", "2026-11-05T12:00+99:00",
    "../../etc/passwd", "/", ".", "\u202e\u200b", "🙂", "李" * 100,
]

# {} is replaced by each hostile value; every sub-command and every argument it takes
TEMPLATES = [
    ["scan", "{}"], ["scan", M1, "--at", "{}"], ["scan", COUPON, "--member", "{}"],
    ["preview", "--amount", "{}"], ["preview", "--line", "{}"], ["preview", "--line", "LATTEx{}"],
    ["preview", "--amount", "10", "--coupon", "{}"], ["preview", "--amount", "600", "--coupon", COUPON + "*{}"],
    ["preview", "--amount", "10", "--points", "{}"], ["preview", "--amount", "10", "--points", "bonus={}"],
    ["preview", "--amount", "10", "--member", "{}"], ["preview", "--amount", "10", "--payment", "{}"],
    ["preview", "--amount", "10", "--at", "{}"],
    ["settle", "--amount", "{}", "--cashier", "C01", "--pin", "1234", "--at", AT], ["settle", "--amount", "10", "--cashier", "{}"],
    ["settle", "--amount", "10", "--cashier", "C01", "--pin", "1234", "--checkout-id", "{}", "--at", AT],
    ["settle", "--amount", "10", "--cashier", "C01", "--pin", "1234", "--expected-total", "{}"],
    ["settle", "--amount", "10", "--cashier", "C01", "--pin", "1234", "--at", "{}"],
    ["void", "{}", "--manager", "MGR1", "--pin", "9999", "--reason", "r"],
    ["void", "CK", "--manager", "{}", "--pin", "9999", "--reason", "r"],
    ["void", "CK", "--manager", "MGR1", "--pin", "{}", "--reason", "r"],
    ["void", "CK", "--manager", "MGR1", "--pin", "9999", "--reason", "{}"],
    ["void", "CK", "--manager", "MGR1", "--pin", "9999", "--reason", "r", "--at", "{}"],
    ["balance", "{}"], ["balance", M1, "--at", "{}"],
    ["report", "--day", "{}"], ["report", "--day", "2026-11-05", "--csv", "{}"],
    ["config", "{}"], ["check-catalog", "{}"], ["status", "--{}"], ["{}"],
    ["init", "--catalog", "{}", "--store", "A-001", "--terminal", "T9"],
    ["init", "--catalog", "CATALOG", "--store", "{}", "--terminal", "T9"],
    ["init", "--catalog", "CATALOG", "--store", "A-001", "--terminal", "{}"],
    ["enroll", "--server", "{}", "--token", "t", "--terminal", "P"],
    ["enroll", "--server", "http://127.0.0.1:9", "--token", "{}", "--terminal", "P"],
    ["--db", "{}", "status"], ["--db", "{}", "settle", "--amount", "1", "--cashier", "C01", "--pin", "1234"],
    ["support-bundle", "--out", "{}"], ["config", "paths", "--{}"], ["about", "{}"], ["sync", "{}"], ["unenroll", "--{}"],
]
#: for random values: not the ones that make files or call the network (the table above covers them)
RANDOM_TEMPLATES = [t for t in TEMPLATES if t[0] not in ("enroll", "--db", "support-bundle")]


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A replica, a catalog file, and a scratch working directory (relative output paths land there)."""
    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(BASE_CATALOG, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.db"
    assert run(["--db", str(db), "init", "--catalog", str(cat), "--store", "A-001", "--terminal", "T1"], out=io.StringIO()) == 0
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return {"db": db, "catalog": cat, "tmp": tmp_path}


def run_checked(argv: list[str]) -> tuple[int, str]:
    """run() must return (never raise), print text any console can take, and keep to the format."""
    out = io.StringIO()
    try:
        code = run(argv, out=out)
    except SystemExit as exc:  # a value that is -h/--help or --version: argparse printed help, exit 0
        assert exc.code in (0, None) and any(a.startswith("-h") or (len(a) > 2 and ("--help".startswith(a) or "--version".startswith(a)))
                                             for a in argv), argv
        return EXIT_OK, ""
    text = out.getvalue()
    text.encode("utf-8")  # strict: a lone surrogate echoed back would crash a real console
    assert "Traceback" not in text, text
    assert code in (EXIT_OK, EXIT_USAGE, EXIT_REFUSED, EXIT_SETUP, EXIT_UNREACHABLE), (argv, code, text)  # never 6: no bug
    if code in PREFIXES and "--json" in argv:
        assert json.loads(text)["exit_code"] == code
    elif code in PREFIXES:
        first, *rest = text.rstrip("\n").split("\n")
        assert first.startswith(PREFIXES[code]), (argv, text)
        # one line; only a catalog with several problems lists them, indented, under its summary line
        assert not rest or (first.startswith("error: catalog has") and all(ln.startswith("  ") for ln in rest)), (argv, text)
    return code, text


def _argv(world, template: list[str], value: str) -> list[str]:
    argv = [a.replace("{}", value) if "{}" in a else a for a in template]
    argv = [str(world["catalog"]) if a == "CATALOG" else a for a in argv]
    if argv[0] == "--db":
        return argv
    db = world["tmp"] / "new.db" if argv[0] == "init" else world["db"]
    return ["--db", str(db), *argv]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: " ".join(t)[:40])
def test_hostile_values_give_a_documented_exit_and_one_line(world, template):
    for value in HOSTILE:
        run_checked(_argv(world, template, value))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{world['tmp'] / 'new.db'}{suffix}").unlink(missing_ok=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from(RANDOM_TEMPLATES), value=st.text(st.characters(exclude_categories=()), max_size=40)  # surrogates too
       | st.from_regex(r"-?[0-9]{1,30}", fullmatch=True) | st.datetimes().map(lambda d: d.isoformat() + "+14:00"))
def test_random_values_give_a_documented_exit(world, template, value):
    run_checked(_argv(world, template, value))


@pytest.mark.parametrize("argv, names", [
    (["scan", M1, "--at", "9999-12-31T23:59:59-14:00"], "--at"),
    (["scan", M1, "--at", "0001-01-01T00:00:00+14:00"], "--at"),
    (["balance", M1, "--at", "9999-12-31T23:59:59+00:00"], "--at"),
    (["settle", "--amount", "10", "--cashier", "C01", "--pin", "1234", "--at", "0001-01-01T00:00:00+00:00"], "--at"),
    (["report", "--day", "0001-01-01"], "--day"),
    (["report", "--day", "9999-12-31"], "--day"),
    (["settle", "--amount", "10", "--cashier", "C01", "--pin", "1234", "--checkout-id", "CK-\udcff"], "--checkout-id"),
    (["void", "\udcff", "--manager", "MGR1", "--pin", "9999", "--reason", "r"], "checkout_id"),
    (["scan", COUPON, "--member", "\udcfe"], "--member"),
    (["preview", "--amount", "²"], "--amount"),
    (["preview", "--line", "LATTEx" + "9" * 5000], "--line"),
    (["preview", "--amount", "10", "--points", "bonus=³"], "--points"),
    (["settle", "--amount", "10", "--cashier", "C01", "--pin", "1234", "--checkout-id", ""], "--checkout-id"),
])
def test_bad_values_are_usage_errors_naming_the_argument(world, argv, names):
    code, text = run_checked(["--db", str(world["db"]), *argv])
    assert code == EXIT_USAGE and names in text, text
    assert json.loads(run_checked(["--db", str(world["db"]), "--json", "status"])[1])["pending"] == 0  # nothing settled


def test_the_issue_examples_from_a_real_command_line(world):
    """Real argv bytes (invalid UTF-8 included) through `python -m terminal`: exit 2, one line on
    stdout, nothing on stderr. Before: exit 1 and nothing printed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    base = [sys.executable, "-m", "terminal", "--db", str(world["db"])]
    cases = [
        ([b"scan", M1.encode(), b"--at", b"9999-12-31T23:59:59-14:00"], b"--at"),
        ([b"report", b"--day", b"0001-01-01"], b"--day"),
        ([b"settle", b"--amount", b"10", b"--cashier", b"C01", b"--pin", b"1234", b"--checkout-id", b"CK-\xff\xfe"], b"--checkout-id"),
    ]
    for args, name in cases:
        p = subprocess.run([os.fsencode(a) for a in base] + args, capture_output=True, env=env, cwd=world["tmp"], timeout=60)
        assert p.returncode == EXIT_USAGE and p.stderr == b"", (args, p)
        assert p.stdout.count(b"\n") == 1 and p.stdout.startswith(b"usage: ") and name in p.stdout, p.stdout


def test_an_unexpected_error_is_exit_6_with_a_crash_report(world, monkeypatch, _isolated_machine):
    from terminal.usecases.service import RedemptionService

    def broken(self, *a, **kw):
        return {}["no such key"]  # a genuine bug deep inside a command

    monkeypatch.setattr(RedemptionService, "member_view", broken)
    out = io.StringIO()
    code = run(["--db", str(world["db"]), "balance", M1, "--at", AT], out=out)
    line = out.getvalue()
    assert code == EXIT_INTERNAL and line.count("\n") == 1, line
    assert line.startswith("internal error: balance failed: KeyError") and "crash report" in line
    reports = sorted((_isolated_machine / "logs").glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in line
    report = reports[0].read_text(encoding="utf-8")
    assert "where: cli balance" in report and "KeyError: 'no such key'" in report and "broken" in report
    out = io.StringIO()
    assert run(["--db", str(world["db"]), "--json", "balance", M1, "--at", AT], out=out) == EXIT_INTERNAL
    data = json.loads(out.getvalue())
    assert data["ok"] is False and data["exit_code"] == EXIT_INTERNAL and "crash report" in data["error"]


def test_scan_of_a_refused_coupon_exits_3_like_a_refused_card(world):
    db = str(world["db"])
    for code_, reason in (("C-OLD-1", "expired"), ("C-LATER-1", "not_yet_valid"), ("C-VOID-1", "voided")):
        code, text = run_checked(["--db", db, "scan", code_, "--at", AT])
        assert code == EXIT_REFUSED and f"REFUSED [{reason}]" in text, text
        code, text = run_checked(["--db", db, "--json", "scan", code_, "--at", AT])
        assert code == EXIT_REFUSED and json.loads(text)["coupon"]["reason"] == reason
    code, text = run_checked(["--db", db, "scan", "C-LATTE-1", "--member", "M2", "--at", AT])
    assert code == EXIT_REFUSED and "wrong_member" in text
    assert run_checked(["--db", db, "scan", "C-LATTE-1", "--member", "M1", "--at", AT])[0] == EXIT_OK
    assert run_checked(["--db", db, "scan", COUPON, "--at", AT])[0] == EXIT_OK
    assert run_checked(["--db", db, "scan", "2900000000019"])[0] == EXIT_REFUSED  # a refused card, as before


def test_exit_codes_line_of_the_readme_lists_every_code():
    from terminal.entry import cli

    line = next(ln for ln in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if ln.startswith("Exit codes:"))
    for name in ("EXIT_OK", "EXIT_USAGE", "EXIT_REFUSED", "EXIT_SETUP", "EXIT_UNREACHABLE", "EXIT_INTERNAL"):
        assert f" {getattr(cli, name)} " in line, (name, line)


def test_a_message_with_bytes_that_were_not_utf8_is_logged_not_a_logging_traceback(tmp_path, capsys, monkeypatch):
    import logging

    from terminal.infra.logs import setup_logging, teardown_logging

    # pytest's own log capture would keep a copy of the record, and a lone surrogate cannot cross
    # from an xdist worker to the controller: only the terminal's handlers see it
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [h for h in root.handlers if type(h).__module__ != "_pytest.logging"])
    setup_logging("INFO", directory=tmp_path / "logs")
    try:
        logging.getLogger("terminal.test").info("refused checkout %s", "CK-\udcff\udcfe")
    finally:
        teardown_logging()
    assert "Logging error" not in capsys.readouterr().err
    assert "CK-\\udcff\\udcfe" in (tmp_path / "logs" / "terminal.log").read_text(encoding="utf-8")


def test_ctrl_c_is_exit_130_and_one_word(world, monkeypatch, capsys):
    from terminal.entry import cli
    from terminal.usecases.service import RedemptionService

    def interrupted(self, *a, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(RedemptionService, "member_view", interrupted)
    assert cli.main(["--db", str(world["db"]), "balance", M1]) == cli.EXIT_INTERRUPTED == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_usage_errors_before_parsing_honour_json(world):
    code, text = run_checked(["--json", "--db", str(world["db"]), "settle", "--amount", "1"])
    data = json.loads(text)
    assert code == EXIT_USAGE and data["ok"] is False and "--cashier" in data["error"] and data["exit_code"] == EXIT_USAGE
    code, text = run_checked(["--db", str(world["db"])])
    assert code == EXIT_USAGE and text.startswith("usage: give a command: init, check-catalog, scan") and text.count("\n") == 1
