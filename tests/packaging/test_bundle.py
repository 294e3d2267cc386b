"""Packaging: the PyInstaller spec, the hooks, the Inno Setup script and the scripts agree.

Fast tests read the files (nothing is built). The slow test builds the Linux bundle and
runs build_scripts/smoke_bundle.sh on it (`pytest -m slow tests/packaging`, ~1-3 minutes).
"""

from __future__ import annotations

import ast
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build_scripts"
SPEC = BUILD / "loyalty_terminal.spec"
ISS = BUILD / "installer" / "loyalty-terminal.iss"


def spec_constants() -> dict[str, str]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                out[node.targets[0].id] = node.value.value
    return out


# --- Inno Setup script: a small reader for its INI-like format -----------------------------

#: Parameters Inno Setup 6 accepts per line-oriented section (the ones this script may use).
ISS_PARAMS = {
    "Tasks": {"Name", "Description", "GroupDescription", "Flags", "Components", "Check"},
    "InstallDelete": {"Type", "Name", "Tasks", "Check"},
    "Files": {"Source", "DestDir", "DestName", "Flags", "Excludes", "Tasks", "Check", "Permissions"},
    "Dirs": {"Name", "Flags", "Permissions", "Tasks", "Check"},
    "Icons": {"Name", "Filename", "Parameters", "WorkingDir", "IconFilename", "IconIndex", "Comment", "Flags",
              "Tasks", "Check", "AppUserModelID"},
    "Run": {"Filename", "Parameters", "WorkingDir", "Description", "StatusMsg", "Flags", "Tasks", "Check",
            "RunOnceId", "Verb", "BeforeInstall", "AfterInstall"},
    "UninstallRun": {"Filename", "Parameters", "WorkingDir", "Flags", "RunOnceId", "Tasks", "Check", "Verb"},
}
RUN_FLAGS = {"32bit", "64bit", "dontlogparameters", "hidewizard", "logoutput", "nowait", "postinstall",
             "runascurrentuser", "runasoriginaluser", "runhidden", "runmaximized", "runminimized", "shellexec",
             "skipifdoesntexist", "skipifnotsilent", "skipifsilent", "unchecked", "waituntilidle",
             "waituntilterminated"}
RUN_ONLY_FLAGS = {"postinstall", "runasoriginaluser", "skipifsilent", "skipifnotsilent", "unchecked"}


class Iss:
    def __init__(self, text: str) -> None:
        self.text = text
        self.defines: dict[str, str] = {}
        self.sections: dict[str, list[str]] = {}
        current = None
        for raw in text.splitlines():
            line = raw.strip()
            m = re.match(r'#define\s+(\w+)\s+"([^"]*)"', line)
            if m:
                self.defines[m.group(1)] = m.group(2)
                continue
            if current != "Code" and (not line or line.startswith(";") or line.startswith("#")):
                continue
            m = re.fullmatch(r"\[(\w+)\]", line)
            if m and (current != "Code" or m.group(1) in ISS_PARAMS):
                current = m.group(1)
                if current in self.sections:
                    raise AssertionError(f"section [{current}] appears twice")
                self.sections[current] = []
                continue
            if current is None:
                if line.startswith("#"):
                    continue
                raise AssertionError(f"text before the first section: {raw!r}")
            self.sections[current].append(raw if current == "Code" else line)

    def expand(self, value: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: self.defines[m.group(1)], value)

    def setup(self) -> dict[str, str]:
        out = {}
        for line in self.sections["Setup"]:
            key, sep, value = line.partition("=")
            assert sep, f"[Setup] line without '=': {line!r}"
            assert key.strip() not in out, f"[Setup] {key} twice"
            out[key.strip()] = self.expand(value.strip())
        return out

    def entries(self, section: str) -> list[dict[str, str]]:
        """`Name: "value"; Name: value; ...` lines as dicts (quoted values may contain ';')."""
        rows = []
        for line in self.sections.get(section, []):
            row = {}
            for m in re.finditer(r'\s*(\w+):\s*("(?:[^"]|"")*"|[^;]*)\s*(?:;|$)', line):
                name, value = m.group(1), m.group(2).strip()
                if value.startswith('"'):
                    value = value[1:-1].replace('""', '"')
                assert name not in row, f"[{section}] {name} twice in {line!r}"
                row[name] = self.expand(value)
            assert row, f"[{section}] unparsable line {line!r}"
            rows.append(row)
        return rows

    @property
    def code(self) -> str:
        return self.expand("\n".join(self.sections["Code"]))


@pytest.fixture(scope="module")
def iss() -> Iss:
    return Iss(ISS.read_text(encoding="utf-8"))


def test_iss_has_the_expected_sections(iss):
    assert {"Setup", "Tasks", "Files", "Icons", "Run", "UninstallRun", "Code"} <= set(iss.sections)


def test_iss_entries_use_known_parameters_and_flags(iss):
    for section, allowed in ISS_PARAMS.items():
        for row in iss.entries(section):
            assert set(row) <= allowed, f"[{section}] unknown parameter(s) {set(row) - allowed} in {row}"
            if section in ("Run", "UninstallRun"):
                flags = set(row.get("Flags", "").split())
                assert flags <= RUN_FLAGS, f"[{section}] unknown flags {flags - RUN_FLAGS}"
                assert not ({"nowait"} & flags and {"waituntilterminated", "waituntilidle"} & flags)
                if section == "UninstallRun":
                    assert not flags & RUN_ONLY_FLAGS, f"[UninstallRun] does not support {flags & RUN_ONLY_FLAGS}"
                    assert row.get("RunOnceId"), "[UninstallRun] entries need a RunOnceId"
    tasks = {row["Name"] for row in iss.entries("Tasks")}
    for section in ISS_PARAMS:
        for row in iss.entries(section):
            if "Tasks" in row:
                assert set(row["Tasks"].split()) <= tasks, f"[{section}] refers to an undefined task: {row}"


def test_iss_exe_names_and_dist_folder_match_the_spec(iss):
    spec = spec_constants()
    assert iss.defines["AppExeName"] == spec["APP_NAME"] + ".exe"
    assert iss.defines["CliExeName"] == spec["CLI_NAME"] + ".exe"
    dist = (ISS.parent / iss.defines["DistDir"].replace("\\", "/")).resolve()
    assert dist == ROOT / "dist" / spec["APP_NAME"], "DistDir must be the spec's COLLECT output folder"
    sources = [row["Source"] for row in iss.entries("Files")]
    assert any(s.replace("\\", "/").startswith(str(iss.defines["DistDir"]).replace("\\", "/")) for s in sources)
    for section in ("Icons", "Run", "UninstallRun"):
        for row in iss.entries(section):
            if row["Filename"].startswith("{app}\\"):
                assert row["Filename"] in (f"{{app}}\\{iss.defines['AppExeName']}", f"{{app}}\\{iss.defines['CliExeName']}")
    assert f"{{app}}\\{iss.defines['AppExeName']}" in [r["Filename"] for r in iss.entries("Icons")]


def test_iss_setup_directives(iss):
    setup = iss.setup()
    assert setup["AppId"].startswith("{{")  # a literal '{' must be doubled
    assert setup["PrivilegesRequired"] == "admin"  # Program Files and ProgramData
    assert setup["DefaultDirName"].startswith("{autopf}\\")
    assert setup["UninstallDisplayIcon"] == f"{{app}}\\{iss.defines['AppExeName']}"
    assert "x64" in setup["ArchitecturesInstallIn64BitMode"]


def test_iss_data_folder_is_the_apps_folder(iss):
    from terminal.infra.paths import APP

    assert iss.defines["DataFolder"] == APP
    assert "{commonappdata}\\" + APP in iss.code  # C:\ProgramData\LoyaltyTerminal\config.toml
    assert "config.toml" in iss.code


def test_iss_handles_the_provisioning_parameters(iss):
    code = iss.code
    for name in ("SERVER", "TOKEN", "STORE", "TERMINAL"):
        assert f"SetupParam('{name}')" in code, f"/{name}= is not read"
    assert "'{param:' + Name + '|}'" in code
    # enrolment: as the original user, waiting for the exit code, which a silent deployment sees
    assert re.search(r"ExecAsOriginalUser\(Exe, Params, .*?, SW_HIDE, ewWaitUntilTerminated, ResultCode\)", code)
    assert "function GetCustomSetupExitCode: Integer;" in code
    assert "'enroll --token ' + Token + ' --terminal ' + TerminalId" in code
    assert "' --server ' + Server" in code
    unrun = iss.entries("UninstallRun")
    assert [r["Parameters"] for r in unrun] == ["unenroll"]


def test_iss_never_writes_or_logs_the_token(iss):
    code = iss.code
    body = re.search(r"function WriteSiteConfig: Boolean;(.*?)\nend;", code, re.S).group(1)
    assert "TOKEN" not in body.upper().replace("TOKENS", "")
    for call in re.findall(r"Log\((.*?)\);", code, re.S):
        assert "Token" not in call and "Params" not in call, f"the token could be logged: Log({call})"
    for section in ("Run", "Files", "Icons", "Dirs"):
        for row in iss.entries(section):
            assert "TOKEN" not in str(row).upper()


def pascal_without_strings_and_comments(code: str) -> str:
    out, i = [], 0
    while i < len(code):
        c = code[i]
        if c == "'":  # 'string' with '' as an escaped quote
            j = i + 1
            while j < len(code) and not (code[j] == "'" and code[j + 1:j + 2] != "'"):
                j += 2 if code[j] == "'" else 1
            assert j < len(code), "unterminated string"
            out.append("''")
            i = j + 1
        elif c == "{":
            j = code.index("}", i)
            i = j + 1
        elif code.startswith("(*", i):
            i = code.index("*)", i) + 2
        elif code.startswith("//", i):
            j = code.find("\n", i)
            i = len(code) if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def test_iss_code_blocks_are_balanced(iss):
    code = pascal_without_strings_and_comments(iss.code)
    words = re.findall(r"\b(begin|end|case|try|record)\b", code, re.I)
    opened = sum(1 for w in words if w.lower() in ("begin", "case", "try", "record"))
    closed = sum(1 for w in words if w.lower() == "end")
    assert opened == closed, f"{opened} begin/case/try vs {closed} end"
    declared = set(re.findall(r"^\s*(?:procedure|function)\s+(\w+)", code, re.M | re.I))
    assert {"InitializeSetup", "CurStepChanged", "CurUninstallStepChanged", "GetCustomSetupExitCode"} <= declared


def test_the_cli_accepts_what_the_installer_runs():
    from terminal.entry.cli import build_parser

    p = build_parser()
    args = p.parse_args(["enroll", "--token", "tok_EN-123", "--terminal", "PC-1", "--server", "https://l.example.com"])
    assert (args.command, args.token, args.terminal, args.server) == ("enroll", "tok_EN-123", "PC-1", "https://l.example.com")
    assert p.parse_args(["unenroll"]).command == "unenroll"


def test_the_site_config_the_installer_writes_is_valid(iss, tmp_path):
    """Replay WriteSiteConfig's lines (same keys, sections, TOML quoting, UTF-8 BOM) through the real loader."""
    from terminal.infra.config import load_config

    code = iss.code
    body = re.search(r"function WriteSiteConfig: Boolean;(.*?)\nend;", code, re.S).group(1)
    sections = re.findall(r"Lines\[N\] := '\[(\w+)\]'", body)
    keys = re.findall(r"Lines\[N\] := '(\w+) = ' \+ TomlString\((\w+)\)", body)
    assert sections == ["terminal", "sync"] and keys == [("store_id", "Store"), ("terminal_id", "Terminal"), ("server_url", "Server")]
    values = {"Store": "CAFE-XINYI", "Terminal": "PC-1", "Server": "https://loyalty.example.com"}

    def toml_string(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["# written by the installer", "", "[terminal]",
             f"store_id = {toml_string(values['Store'])}", f"terminal_id = {toml_string(values['Terminal'])}",
             "", "[sync]", f"server_url = {toml_string(values['Server'])}"]
    path = tmp_path / "config.toml"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    cfg = load_config(files=[path], environ={})
    assert cfg.terminal.store_id == "CAFE-XINYI"
    assert cfg.terminal.terminal_id == "PC-1"
    assert cfg.sync.server_url == "https://loyalty.example.com"


# --- spec, hooks and scripts -----------------------------------------------------------------

def test_spec_refers_to_existing_files():
    text = SPEC.read_text(encoding="utf-8")
    ast.parse(text)
    assert spec_constants()["APP_NAME"] == "loyalty-terminal"
    for rel in re.findall(r'HERE / "([\w.-]+)"(?: / "([\w.-]+)")?(?: / "([\w.-]+)")?', text):
        path = BUILD.joinpath(*[p for p in rel if p])
        assert path.exists(), f"the spec refers to missing {path}"
    for rel in ("resources/demo/catalog.json", "resources/demo/codes.md"):
        assert (ROOT / rel).is_file()
    assert list((ROOT / "resources" / "translations").glob("*.qm"))
    assert "DEMO-ONLY-issuer-key" not in text  # the demo signing key is not shipped
    for hook in ("hook-pyzbar.py", "hook-keyring.py", "hook-escpos.py", "rthooks/pyi_rth_loyalty_pyzbar.py"):
        ast.parse((BUILD / "hooks" / hook).read_text(encoding="utf-8"))


def test_spec_excludes_the_server_but_not_the_client():
    text = SPEC.read_text(encoding="utf-8")
    excludes = re.search(r"EXCLUDES = \[(.*?)\n\]", text, re.S).group(1)
    names = set(re.findall(r'"([\w.]+)"', excludes))
    assert {"sync.server", "fastapi", "uvicorn"} <= names
    assert not names & {"sync", "sync.client", "httpx", "keyring", "escpos", "cv2", "zxingcpp", "pyzbar",
                        "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}
    # The terminal must not import what the bundle leaves out.
    for path in (ROOT / "terminal").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(sync\.server|fastapi|uvicorn)\b", src, re.M), path


def test_launcher_runs_the_package_entry_point():
    src = (BUILD / "launcher.py").read_text(encoding="utf-8")
    assert "from terminal.__main__ import main" in src
    from terminal.__main__ import main

    assert callable(main)


@pytest.mark.parametrize("script", ["build_linux.sh", "smoke_bundle.sh"])
def test_shell_scripts_parse(script):
    subprocess.run(["bash", "-n", str(BUILD / script)], check=True)
    assert os.access(BUILD / script, os.X_OK), f"{script} is not executable"


def test_smoke_uses_the_clis_real_argument_order():
    """--db and --json are global options: they go before the sub-command."""
    from terminal.entry.cli import build_parser

    text = (BUILD / "smoke_bundle.sh").read_text(encoding="utf-8")
    for m in re.finditer(r'^\s*run \w+ (.*)$', text, re.M):
        argv = [a.strip('"') for a in m.group(1).split()]
        if argv[0] in ("demo", "--version", "--quit-after-paint"):  # the window, not the CLI
            continue
        argv = [("X" if a.startswith("$") else a) for a in argv]
        args = build_parser().parse_args(argv)
        assert args.db is not None or args.command in (None, "about", "config")  # these need no replica


RTHOOK_CHECK = """
import ctypes.util, importlib, sys
fake, hook = sys.argv[1], sys.argv[2]
original = ctypes.util.find_library
sys._MEIPASS = str(__import__("pathlib").Path(fake).parent)
exec(compile(open(hook, encoding="utf-8").read(), "pyi_rth_loyalty_pyzbar.py", "exec"), {"__name__": "__main__"})
assert "pyzbar.zbar_library" not in sys.modules
assert ctypes.util.find_library("zbar") != fake, "patched before pyzbar loads"
zbar_library = importlib.import_module("pyzbar.zbar_library")
assert zbar_library.find_library("zbar") == fake, zbar_library.find_library("zbar")
assert zbar_library.find_library("c") == original("c"), "other libraries must be unchanged"
assert not any(getattr(f, "__name__", "") == "_PatchFindLibraryOnce" for f in sys.meta_path), "one-shot"
print("RTHOOK OK")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux runtime hook")
def test_runtime_hook_points_pyzbar_at_the_bundled_libzbar(tmp_path):
    """In a child process: the hook patches ctypes and leaves a stale pyzbar.zbar_library that
    would make every later pyzbar import in this process load the fake library."""
    fake = tmp_path / "libzbar.so.0"
    fake.write_bytes(b"")
    res = subprocess.run([sys.executable, "-c", RTHOOK_CHECK, str(fake),
                          str(BUILD / "hooks" / "rthooks" / "pyi_rth_loyalty_pyzbar.py")],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and "RTHOOK OK" in res.stdout, res.stdout + res.stderr


# --- the real build ----------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="build_linux.sh builds the Linux bundle")
def test_build_and_smoke_the_linux_bundle():
    missing = ("PyInstaller is not installed (pip install -e '.[build]')" if importlib.util.find_spec("PyInstaller") is None
               else "smoke_bundle.sh needs a system python3 to read JSON" if shutil.which("python3") is None else None)
    if missing:
        if os.environ.get("LT_REQUIRE_BUNDLE"):  # CI: a skipped bundle check must not pass as green
            pytest.fail(missing)
        pytest.skip(missing)
    env = {**os.environ, "PYTHON": sys.executable}
    build = subprocess.run([str(BUILD / "build_linux.sh"), "--no-install"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=1200)
    assert build.returncode == 0, build.stdout + build.stderr
    exe = ROOT / "dist" / spec_constants()["APP_NAME"] / spec_constants()["APP_NAME"]
    assert exe.is_file()
    smoke = subprocess.run([str(BUILD / "smoke_bundle.sh"), str(exe.parent)], cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "SMOKE OK" in smoke.stdout


def test_windows_build_script_uses_the_spec_and_the_installer(iss):
    ps1 = (BUILD / "build_windows.ps1").read_text(encoding="utf-8")
    spec = spec_constants()
    assert "build_scripts\\loyalty_terminal.spec" in ps1 and "build_scripts\\installer\\loyalty-terminal.iss" in ps1
    assert f"dist\\{spec['APP_NAME']}\\{spec['APP_NAME']}.exe" in ps1
    assert f"dist\\{spec['APP_NAME']}\\{spec['CLI_NAME']}.exe" in ps1
    assert "/DAppVersion=" in ps1 and "AppVersion" in iss.defines  # the version is passed to ISCC
    assert ps1.count("{") == ps1.count("}") and ps1.count("(") == ps1.count(")")


def test_the_ui_font_and_its_licence_are_shipped_and_checked():
    """The spec copies the bundled font and the OFL text; both build scripts' checks name the same files."""
    from terminal.ui import fonts

    text = SPEC.read_text(encoding="utf-8")
    names = re.findall(r'"([^"]+)"', re.search(r"FONT_FILES = \((.*?)\)", text).group(1))
    assert set(names) == {*fonts.FONT_FILES, "OFL.txt"}
    assert '"resources/fonts"' in text  # where terminal.ui.fonts.fonts_dir() looks when frozen
    for name in names:
        assert (ROOT / "resources" / "fonts" / name).is_file(), name
    for script in ("build_windows.ps1", "smoke_bundle.sh"):
        body = (BUILD / script).read_text(encoding="utf-8")
        assert all(name in body for name in names), f"{script} does not check every font file"
        assert fonts.BUNDLED_FAMILY in body, f"{script} does not check the family that draws the labels"


def test_the_verdict_sounds_are_shipped_where_the_player_looks():
    """The spec copies both WAVs to resources/sounds, where terminal.infra.sounds.sounds_dir() looks when frozen."""
    from terminal.infra import sounds

    text = SPEC.read_text(encoding="utf-8")
    assert '"resources/sounds"' in text
    for kind in sounds.KINDS:
        assert f'"{kind}.wav"' in text and (ROOT / "resources" / "sounds" / f"{kind}.wav").is_file()


def test_the_bundle_keeps_qts_own_chinese_words():
    """OK/Cancel and Qt's dialogs speak zh_TW through qtbase_zh_TW.qm (from the PySide6 wheel): the spec
    drops Qt's other languages but keeps that one, and the wheel installed here ships it."""
    from PySide6.QtCore import QLibraryInfo

    keep = re.search(r"KEEP_QT_LANG = \((.*?)\)", SPEC.read_text(encoding="utf-8")).group(1)
    assert '"_zh_TW.qm"' in keep
    assert (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_zh_TW.qm").is_file()
