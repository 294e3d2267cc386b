"""Project hygiene that CI depends on: the README's test command is what CI runs; layering."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(sudo build_scripts/install-system-deps.sh && .*?)\n```", readme)
    assert len(commands) == 2, "README must have exactly the run command and the test command"
    test_cmd = commands[1].removeprefix("sudo build_scripts/install-system-deps.sh && ")
    assert test_cmd.rstrip().endswith("-m pytest")
    assert test_cmd in ci.splitlines(), ".ci/run must call the README's test command verbatim"


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
