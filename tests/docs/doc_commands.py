"""Read the example commands out of a Markdown document and run them in order, as a reader would.

Shapes:
- `extract(path)` -> list[DocCommand]: every command of every fenced ``sh`` (``bash``, ``shell``)
  block, in document order. A line ending in a backslash continues on the next; ``a && b`` is
  two commands; ``# ...`` starts a comment. A comment saying ``exit N`` (e.g. ``# refused,
  exit 3``) is the exit code the document promises; otherwise it promises 0.
- `DocRun` runs them one by one in a work folder (`cwd`) with placeholders filled:
  ``<TOKEN>``/``<NEW>``: the last token an ``enrol-token`` command printed, each used once;
  the demo placeholders of `demo_placeholders` from resources/demo (catalog.json, codes.md);
  the document's example server addresses -> the live server the run started (an example
  address before any server was started is an error: nothing leaves 127.0.0.1).
  ``loyalty-terminal`` (any path) runs IN this process through `terminal.__main__.main`, so the
  test's credential vault (a keyring backend set with ``keyring.set_keyring``, as in
  tests/sync/test_enrolment.py) is the one the commands use. ``python -m sync.server`` is started
  as a real server process on 127.0.0.1 with a free port and stopped by `DocRun.close`; other
  ``python -m ...`` commands run as subprocesses with the interpreter running the tests.

Errors: `DocSyntaxError` for shell syntax this runner does not model (pipes, redirections, ``;``)
and for placeholders it cannot fill, naming the document line.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.sync.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
SHELL_LANGS = {"sh", "bash", "shell"}
PLACEHOLDER = re.compile(r"<[A-Za-z][^<>\s]*>")
TOKEN_PLACEHOLDERS = {"<TOKEN>", "<NEW>"}
EXIT_IN_COMMENT = re.compile(r"\bexit (\d+)\b")


class DocSyntaxError(ValueError):
    """The document shows something this runner cannot run faithfully."""


@dataclass(frozen=True)
class DocCommand:
    doc: str  # file name, e.g. "README.md"
    line: int  # 1-based line of the command in the document
    section: str  # the nearest heading above it, without the leading #'s
    argv: tuple[str, ...]  # as written (placeholders not filled)
    expect_exit: int  # what the document promises

    @property
    def where(self) -> str:
        return f"{self.doc}:{self.line}"

    @property
    def text(self) -> str:
        return shlex.join(self.argv)


def _split_comment(line: str) -> tuple[str, str]:
    """(command part, comment) — a '#' starts a comment at the start of a word, outside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i], line[i + 1:]
    return line, ""


def _unsupported(body: str) -> str | None:
    """The first shell operator outside quotes other than '&&' (placeholders like <TOKEN> are words)."""
    text, quote, i = PLACEHOLDER.sub("X", body), None, 0
    while i < len(text):
        ch = text[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif text.startswith("&&", i):
            i += 1
        elif ch in ";|<>&`$(":
            return ch
        i += 1
    return None


def _logical_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for no, text in lines:
        if pending is not None:
            pending = (pending[0], pending[1] + " " + text.strip())
        else:
            pending = (no, text)
        if pending[1].rstrip().endswith("\\"):
            pending = (pending[0], pending[1].rstrip()[:-1])
            continue
        out.append(pending)
        pending = None
    if pending is not None:
        out.append(pending)
    return out


def parse_line(doc: str, no: int, section: str, line: str) -> list[DocCommand]:
    """The commands of one logical shell line (several when joined by &&)."""
    body, comment = _split_comment(line)
    if not body.strip():
        return []
    try:
        words = shlex.split(body)
    except ValueError as exc:
        raise DocSyntaxError(f"{doc}:{no}: cannot split {line!r}: {exc}") from exc
    bad = _unsupported(body)
    if bad:
        raise DocSyntaxError(f"{doc}:{no}: {bad!r} is not modelled by tests/docs; show one command per line")
    m = EXIT_IN_COMMENT.search(comment)
    last_exit = int(m.group(1)) if m else 0
    parts: list[list[str]] = [[]]
    for w in words:
        if w == "&&":
            parts.append([])
        else:
            parts[-1].append(w)
    if any(not p for p in parts):
        raise DocSyntaxError(f"{doc}:{no}: empty command around '&&' in {line!r}")
    return [DocCommand(doc, no, section, tuple(p), last_exit if i == len(parts) - 1 else 0) for i, p in enumerate(parts)]


def extract_text(doc: str, text: str) -> list[DocCommand]:
    commands: list[DocCommand] = []
    section, fence, block = "", None, []
    for no, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if fence is None:
            if stripped.startswith("```"):
                fence, block = stripped[3:].strip().lower(), []
            elif stripped.startswith("#"):
                section = stripped.lstrip("#").strip()
            continue
        if stripped.startswith("```"):
            if fence in SHELL_LANGS:
                for lno, line in _logical_lines(block):
                    commands += parse_line(doc, lno, section, line)
            fence = None
            continue
        block.append((no, raw))
    if fence is not None:
        raise DocSyntaxError(f"{doc}: a ``` block is not closed")
    return commands


def extract(path: Path) -> list[DocCommand]:
    return extract_text(path.name, path.read_text(encoding="utf-8"))


# ---- demo values for placeholders -----------------------------------------------------

def demo_placeholders(root: Path = ROOT) -> dict[str, str]:
    """<STORE>, <CARD>, <CODE>, <CASHIER>, <MANAGER>, <PIN> from resources/demo.

    The store is the one codes.md says its examples are for; the card is the first member of
    its Members table that is not blocked; the code is a stored voucher of that member listed in
    its Coupons table (number column); staff ids follow the demo's `<STORE>-C1`/`<STORE>-M1`."""
    codes_md = (root / "resources" / "demo" / "codes.md").read_text(encoding="utf-8")
    catalog = json.loads((root / "resources" / "demo" / "catalog.json").read_text(encoding="utf-8"))
    store = re.search(r"set up for store `([^`]+)`", codes_md).group(1)
    members = {m["id"]: m for m in catalog["members"]}
    card_rows = re.findall(r"^\| (M\d+) [^|]*\| [^|]*\| [^|]*\| `(\d+)` \|", codes_md, flags=re.M)
    member_id, card = next((mid, c) for mid, c in card_rows if members[mid].get("status", "active") != "blocked")
    assert members[member_id]["card_number"] == card, f"codes.md lists {card} for {member_id}"
    templates = {t["id"]: t for t in catalog["coupon_templates"]}
    coupons = {c["code"]: c for c in catalog["coupons"]}
    rows = re.findall(r"^\| ([A-Z0-9-]+) \| [^|]*\| (M\d+) \| `(\d+)` \|", codes_md, flags=re.M)
    code = next(num for c, mid, num in rows if mid == member_id and c in coupons
                and templates[coupons[c]["template"]]["kind"] == "stored_voucher")
    return {"<STORE>": store, "<CARD>": card, "<CODE>": code, "<CASHIER>": f"{store}-C1",
            "<MANAGER>": f"{store}-M1", "<PIN>": "9999"}


# ---- running ----------------------------------------------------------------------------

@dataclass
class Result:
    command: DocCommand
    argv: list[str]
    code: int
    output: str

    def describe(self) -> str:
        tail = "\n".join(self.output.strip().splitlines()[-12:])
        return (f"{self.command.where} [{self.command.section}] {self.command.text}\n"
                f"  ran: {shlex.join(self.argv)}\n  exit {self.code}, the document promises {self.command.expect_exit}\n"
                + "\n".join("  | " + ln for ln in tail.splitlines()))


@dataclass
class DocRun:
    """One reader working through one document in `cwd`. `server_urls`: the document's example
    server addresses, all meaning the server this run talks to (`server_url`)."""

    cwd: Path
    env: dict[str, str]
    server_urls: tuple[str, ...] = ()
    server_url: str | None = None
    placeholders: dict[str, str] = field(default_factory=demo_placeholders)
    tokens: list[str] = field(default_factory=list)
    servers: list[subprocess.Popen] = field(default_factory=list)

    # -- filling

    def fill(self, cmd: DocCommand) -> list[str]:
        out = []
        for word in cmd.argv:
            for url in self.server_urls:
                if url in word:
                    if not self.server_url:
                        raise DocSyntaxError(f"{cmd.where}: {url} is used before the document starts its server")
                    word = word.replace(url, self.server_url)
            for ph in PLACEHOLDER.findall(word):
                if ph in TOKEN_PLACEHOLDERS:
                    if not self.tokens:
                        raise DocSyntaxError(f"{cmd.where}: {ph} is used before a command printed a token (enrol-token)")
                    word = word.replace(ph, self.tokens.pop())
                elif ph in self.placeholders:
                    word = word.replace(ph, self.placeholders[ph])
                else:
                    raise DocSyntaxError(f"{cmd.where}: unknown placeholder {ph}; use one of "
                                         f"{sorted(TOKEN_PLACEHOLDERS | set(self.placeholders))} or a real demo value")
            out.append(word)
        return out

    # -- running

    def run(self, cmd: DocCommand) -> Result:
        argv = self.fill(cmd)
        prog = Path(argv[0]).name
        if prog in ("loyalty-terminal", "loyalty-terminal-cli"):
            if "/" in argv[0]:
                assert (self.cwd / argv[0]).exists(), f"{cmd.where}: {argv[0]} does not exist (entry point not installed?)"
            return self._in_process(cmd, argv)
        if prog in ("python", "python3") and argv[1:3] == ["-m", "sync.server"]:
            return self._start_server(cmd, argv)
        if prog in ("python", "python3") and argv[1:2] == ["-m"]:
            res = subprocess.run([sys.executable, *argv[1:]], cwd=self.cwd, env=self.env, capture_output=True, text=True,
                                 timeout=180)
            if "enrol-token" in argv and res.returncode == 0:
                token = res.stdout.strip().splitlines()[-1].strip()
                assert token and " " not in token, f"{cmd.where}: enrol-token printed {res.stdout!r}"
                self.tokens.append(token)
            return Result(cmd, argv, res.returncode, res.stdout + res.stderr)
        raise DocSyntaxError(f"{cmd.where}: tests/docs does not know how to run {argv[0]!r}; "
                             "run it here or add it to the skip list with a reason")

    def _in_process(self, cmd: DocCommand, argv: list[str]) -> Result:
        from terminal.__main__ import main

        args = argv[1:]
        if args and args[0] in ("window", "demo", "gui"):
            # the window runs offscreen and quits after its first paint, in its own process as for a person:
            # a QApplication that has run exec() leaves this process's later Qt event loops returning at once
            if "--quit-after-paint" not in args:
                args.append("--quit-after-paint")
            env = {**self.env, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}  # no vault: shown as such
            res = subprocess.run([sys.executable, "-m", "terminal", *args], cwd=self.cwd, env=env, capture_output=True,
                                 text=True, timeout=180)
            return Result(cmd, [argv[0], *args], res.returncode, res.stdout + res.stderr)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse: usage errors exit 2
                code = exc.code if isinstance(exc.code, int) else 2
            except Exception:  # a real process would die with a traceback: report it as this command's failure
                import traceback

                buf.write(traceback.format_exc())
                code = 1
        return Result(cmd, [argv[0], *args], int(code or 0), buf.getvalue())

    def _start_server(self, cmd: DocCommand, argv: list[str]) -> Result:
        """The document's server, on a free port instead of its example port."""
        args = list(argv[1:])
        port = free_port()
        if "--port" in args:
            i = args.index("--port") + 1
            self.server_urls += (f"http://127.0.0.1:{args[i]}",)
            args[i] = str(port)
        else:
            self.server_urls += ("http://127.0.0.1:8765",)
            args += ["--port", str(port)]
        self.server_url = f"http://127.0.0.1:{port}"
        log = (self.cwd / f"server-{port}.log").open("wb")
        proc = subprocess.Popen([sys.executable, *args], cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.servers.append(proc)
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(self.server_url + "/v1/health", timeout=0.5).status_code == 200:
                    return Result(cmd, [argv[0], *args], 0, "server up")
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        out = (self.cwd / f"server-{port}.log").read_text(errors="replace")
        return Result(cmd, [argv[0], *args], proc.poll() if proc.poll() is not None else -1, "server did not come up\n" + out)

    def close(self) -> None:
        for proc in self.servers:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self.servers.clear()


def work_folder(tmp: Path) -> Path:
    """A folder that looks like the repository to the commands: resources/ and .venv/ are links to
    the real ones (.venv = the environment running the tests), everything written stays in `tmp`."""
    work = tmp / "work"
    work.mkdir()
    (work / "resources").symlink_to(ROOT / "resources", target_is_directory=True)
    (work / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return work


def environment(tmp: Path) -> dict[str, str]:
    """os.environ (the tests' isolated config and log folders) with the data folder in `tmp`."""
    return {**os.environ, "LT_DATA_DIR": str(tmp / "data"), "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
