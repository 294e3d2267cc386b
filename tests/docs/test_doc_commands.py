"""Every example command of README.md and docs/it-guide.md works as written, in the order written.

The commands are read from the documents' fenced ``sh`` blocks at test time
(tests/docs/doc_commands.py), so an edit of the documents is what gets tested, not a copy.
They run in a temporary folder that looks like the repository (resources/ and .venv/ linked),
with the data, config and log folders in tmp (LT_DATA_DIR, LT_SITE_CONFIG, LT_USER_CONFIG,
LT_LOG_DIR) and the device credential in an in-memory keyring backend, as tests/sync does.
A command must exit with 0, or with the code its comment names (``# ..., exit 3``).

Filled in, not run as written (each documented in doc_commands.py):
- ``<TOKEN>``/``<NEW>``: the token the preceding ``enrol-token`` command printed;
- demo placeholders (``<STORE>``, ``<CARD>``, ...): from resources/demo;
- the example port 8765 of ``python -m sync.server``: a free port (and the server URLs that name it);
  the IT guide's ``https://loyalty.example.com``: a real server this test starts on 127.0.0.1;
- the counter window: run offscreen with ``--quit-after-paint``.

Not run at all: `SKIPPED`, each with its reason. Windows-only blocks (``bat``) are not ``sh``.
"""

from __future__ import annotations

import pytest

from tests.docs.doc_commands import (ROOT, DocCommand, DocRun, DocSyntaxError, environment, extract, extract_text,
                                     work_folder)
from tests.sync.test_enrolment import MemoryKeyring
from tests.sync.vault_fakes import installed_keyring

README = ROOT / "README.md"
IT_GUIDE = ROOT / "docs" / "it-guide.md"

#: (document, section title prefix or program) -> why it is not run here.
SKIPPED = {
    ("README.md", "section", "Set up"): "the two set-up commands install system packages (apt-get) and make the venv these "
                                        "tests run in; .ci/run runs the test one verbatim (tests/test_project.py checks it)",
    ("README.md", "program", "build_scripts/build_linux.sh"): "a PyInstaller build (minutes): .ci/run builds it in "
                                                              "tests/packaging/test_bundle.py (pytest -m slow)",
    ("README.md", "program", "build_scripts/smoke_bundle.sh"): "needs the bundle build_linux.sh makes: "
                                                               "tests/packaging/test_bundle.py (pytest -m slow) runs it",
}


def skip_reason(cmd: DocCommand) -> str | None:
    for (doc, kind, key), reason in SKIPPED.items():
        if doc != cmd.doc:
            continue
        if kind == "section" and cmd.section.startswith(key) or kind == "program" and cmd.argv[0] == key:
            return reason
    return None


@pytest.fixture
def vault():
    with installed_keyring(MemoryKeyring()) as kr:
        yield kr


@pytest.fixture
def reader(tmp_path, monkeypatch, vault):
    """A DocRun in a fresh work folder; this process's environment matches the subprocesses'."""
    work = work_folder(tmp_path)
    env = environment(tmp_path)
    for key in ("LT_DATA_DIR", "QT_QPA_PLATFORM"):
        monkeypatch.setenv(key, env[key])
    monkeypatch.chdir(work)
    runs: list[DocRun] = []

    def make(**kw) -> DocRun:
        runs.append(DocRun(cwd=work, env=env, **kw))
        return runs[-1]

    yield make
    for run in runs:
        run.close()


def run_in_order(run: DocRun, commands: list[DocCommand]) -> list[str]:
    """Run every command that is not skipped; the failures, described (all of them, in order)."""
    failures = []
    for cmd in commands:
        if skip_reason(cmd):
            continue
        try:
            res = run.run(cmd)
        except DocSyntaxError as exc:
            failures.append(str(exc))
            continue
        if res.code != cmd.expect_exit:
            failures.append(res.describe())
    return failures


# ---- the documents --------------------------------------------------------------------------

def test_readme_commands_work_in_order(reader):
    failures = run_in_order(reader(), extract(README))
    assert not failures, "README.md commands that do not work as written:\n\n" + "\n\n".join(failures)


def test_it_guide_commands_work_in_order(reader):
    run = reader(server_urls=("https://loyalty.example.com",))
    # the guide's central server (https://loyalty.example.com, its admin's central.db) stands here on 127.0.0.1
    server = DocCommand("tests/docs", 0, "central server for the IT guide",
                        ("python", "-m", "sync.server", "--db", "central.db", "--port", "8765",
                         "--catalog", "resources/demo/catalog.json"), 0)
    started = run.run(server)
    assert started.code == 0, started.describe()
    failures = run_in_order(run, extract(IT_GUIDE))
    assert not failures, "docs/it-guide.md commands that do not work as written:\n\n" + "\n\n".join(failures)


def test_every_section_with_commands_is_run_and_the_skip_list_is_used():
    readme, guide = extract(README), extract(IT_GUIDE)
    ran = [c for c in readme + guide if not skip_reason(c)]
    for doc, title in [("README.md", "Everyday commands"), ("README.md", "Store manager"), ("README.md", "Central server"),
                       ("README.md", "IT:"), ("it-guide.md", "Enrol"), ("it-guide.md", "Configuration"),
                       ("it-guide.md", "Logs, crashes, support")]:
        assert any(c.doc == doc and c.section.startswith(title) for c in ran), \
            f"no command of {doc} '{title}...' is run: was its sh block renamed or removed?"
    for key in SKIPPED:
        assert any(skip_reason(c) == SKIPPED[key] for c in readme + guide), f"skip entry {key} matches no command any more"
    skipped_lines = {(c.doc, c.line) for c in readme + guide if skip_reason(c)}
    assert len(skipped_lines) <= 3, sorted(skipped_lines)


# ---- the reader itself ------------------------------------------------------------------------

DOC = """# T

## One
```sh
prog a "b # not a comment" \\
  c   # a comment
prog d && prog e   # refused, exit 3
```

```bat
not.exe /run
```

## Two
```toml
x = 1
```
```sh
# only a comment
prog f
```
"""


def test_extraction_reads_sh_blocks_only_with_continuations_comments_and_exit_codes():
    cmds = extract_text("T.md", DOC)
    assert [(c.line, c.section, c.argv, c.expect_exit) for c in cmds] == [
        (5, "One", ("prog", "a", "b # not a comment", "c"), 0),
        (7, "One", ("prog", "d"), 0),
        (7, "One", ("prog", "e"), 3),
        (20, "Two", ("prog", "f"), 0),
    ]


@pytest.mark.parametrize("line", ["prog a | grep b", "prog a > out.txt", "prog a; prog b", "prog $(x)", "prog a &", "prog &&"])
def test_shell_syntax_the_reader_does_not_model_is_an_error(line):
    with pytest.raises(DocSyntaxError, match="T.md:3"):
        extract_text("T.md", f"# T\n```sh\n{line}\n```\n")


def test_placeholders_are_filled_from_the_demo_and_tokens_come_from_enrol_token(reader):
    run = reader()
    cmd = lambda *argv: DocCommand("T.md", 1, "T", argv, 0)  # noqa: E731
    lt = ".venv/bin/loyalty-terminal"
    for argv in [(lt, "--db", "p.db", "init", "--catalog", "resources/demo/catalog.json", "--store", "<STORE>", "--terminal", "T1"),
                 (lt, "--db", "p.db", "scan", "<CARD>", "--at", "2026-11-22T12:00+08:00"),
                 (lt, "--db", "p.db", "settle", "--member", "<CARD>", "--line", "CF-LATTE", "--coupon", "<CODE>",
                  "--cashier", "<CASHIER>", "--pin", "1234", "--checkout-id", "P-1", "--at", "2026-11-22T12:00+08:00",
                  # a replica without an allowance grant: a stored-voucher use needs a manager (issue 13 section 4)
                  "--override-manager", "<MANAGER>", "--override-pin", "<PIN>", "--override-reason", "no grant yet"),
                 (lt, "--db", "p.db", "void", "P-1", "--manager", "<MANAGER>", "--pin", "<PIN>", "--reason", "test",
                  "--at", "2026-11-22T12:01+08:00")]:
        res = run.run(cmd(*argv))
        assert res.code == 0, res.describe()
    assert run.placeholders["<STORE>"] == "CAFE-XINYI"
    with pytest.raises(DocSyntaxError, match="unknown placeholder <ID>"):
        run.fill(cmd(lt, "void", "X", "--manager", "<ID>"))
    with pytest.raises(DocSyntaxError, match="before a command printed a token"):
        run.fill(cmd(lt, "enroll", "--token", "<TOKEN>"))
    run.tokens.append("tok-1")
    assert run.fill(cmd(lt, "enroll", "--token", "<NEW>")) == [lt, "enroll", "--token", "tok-1"] and not run.tokens



def test_the_it_guides_example_site_file_is_a_valid_configuration(tmp_path):
    """The file IT copies must load: an unknown key or a bad value would stop the terminal at the counter."""
    import re
    import tomllib

    from terminal.infra.config import load_config

    blocks = re.findall(r"^```toml\n(.*?)^```", IT_GUIDE.read_text(encoding="utf-8"), flags=re.S | re.M)
    assert len(blocks) == 1, "the IT guide shows one example site file"
    site = tmp_path / "config.toml"
    site.write_text(blocks[0], encoding="utf-8")
    rows = {key: (value, source) for key, value, source in load_config(environ={}, files=[site]).rows()}
    written = {f"{section}.{key}": value for section, keys in tomllib.loads(blocks[0]).items() for key, value in keys.items()}
    assert written and all(rows[key] == (value, str(site)) for key, value in written.items()), (written, rows)
