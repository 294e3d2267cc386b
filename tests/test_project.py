"""Project hygiene that CI depends on: the README's test command is what CI runs; layering."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


SETUP_PREFIX = "bash build_scripts/install-system-deps.sh && python3 -m venv .venv && "


def readme_setup_commands() -> list[str]:
    """The README's set-up commands: the fenced sh blocks that start by installing the system packages."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n((?:sudo |bash )?\S*install-system-deps\.sh.*?)\n```", readme)


def test_readme_has_two_setup_commands_that_need_no_sudo_and_no_exec_bit():
    commands = readme_setup_commands()
    assert len(commands) == 2, "README must have exactly the run command and the test command"
    for command in commands:
        assert command.startswith(SETUP_PREFIX), command  # the script itself decides on sudo; bash: no exec bit needed
        assert "sudo" not in command and "\n" not in command
    assert commands[0].endswith(".venv/bin/loyalty-terminal demo")
    assert commands[1].endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    test_cmd = readme_setup_commands()[1]
    assert test_cmd in ci, ".ci/run must call the README's test command verbatim, on a line of its own"
    # ...inside a function that is then called: `set -e` ignores a failure early in an `a && b` list
    at = ci.index(test_cmd)
    name = ci[at - 1].split("(")[0]
    assert re.fullmatch(r"[a-z_]+", name) and ci[at + 1] == "}" and name in ci[at + 2:], ci[at - 1:at + 2]
    assert "set -euo pipefail" in ci


def test_layering_contracts_hold():
    """import-linter contracts in pyproject.toml: domain is pure, only terminal.ui imports Qt."""
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_imports_only_the_standard_library():
    allowed_prefixes = ("terminal.domain", "__future__")
    for path in (ROOT / "terminal" / "domain").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*(?:from|import)\s+([\w.]+)", line)
            if not m or m.group(1).startswith(".") or m.group(1).startswith(allowed_prefixes):
                continue
            top = m.group(1).split(".")[0]
            assert top in sys.stdlib_module_names, f"{path.name} imports non-stdlib {m.group(1)}"
