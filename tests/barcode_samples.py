"""pytest plugin: the barcode sample photos for every test that needs them (one lookup).

Fixtures `barcode_samples_dir` (Path) and `barcode_samples` (list[Sample]) come from
`terminal.scanning.samples.locate_samples`: `$LT_BARCODE_SAMPLES`, else
`../shared/barcode-samples` beside the checkout. When the photos are missing the tests
that need them are skipped on a developer's machine, with a summary line saying how
many and where the photos come from; they FAIL instead when CI is set (CI=true) or when
`$LT_BARCODE_SAMPLES` names a folder that does not hold them (a mistake, not an absence).
Registered by tests/conftest.py (`pytest_plugins`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from terminal.scanning.samples import Sample, SamplesNotFound, load_samples, locate_samples

MISSING_PREFIX = "barcode sample photos not found"


def running_in_ci(env: Mapping[str, str] | None = None) -> bool:
    """True when the CI variable is set to anything but empty/0/false/no (CI=true on CI services)."""
    value = (os.environ if env is None else env).get("CI", "").strip().lower()
    return value not in ("", "0", "false", "no")


def samples_or_outcome(env: Mapping[str, str] | None = None) -> tuple[Path | None, str, str]:
    """(folder, "", "") when found, else (None, "skip" | "fail", message). Pure decision, no pytest calls."""
    env = os.environ if env is None else env
    try:
        return locate_samples(env), "", ""
    except SamplesNotFound as err:
        if err.explicit or running_in_ci(env):
            why = "CI is set" if running_in_ci(env) else "LT_BARCODE_SAMPLES was given"
            return None, "fail", f"{err} (failing, not skipping: {why})"
        return None, "skip", str(err)


@pytest.fixture(scope="session")
def barcode_samples_dir() -> Path:
    root, outcome, message = samples_or_outcome()
    if outcome == "fail":
        pytest.fail(message, pytrace=False)
    if outcome == "skip":
        pytest.skip(message)
    assert root is not None
    return root


@pytest.fixture(scope="session")
def barcode_samples(barcode_samples_dir: Path) -> list[Sample]:
    return load_samples(barcode_samples_dir)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """One plain line when tests were skipped for want of the photos (not only in the -ra list)."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if MISSING_PREFIX in _skip_message(r)]
    if skipped:
        terminalreporter.write_sep("=", f"{len(skipped)} tests skipped: no barcode sample photos", yellow=True)
        terminalreporter.write_line(_skip_message(skipped[0]).removeprefix("Skipped: "))


def _skip_message(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr or "")
