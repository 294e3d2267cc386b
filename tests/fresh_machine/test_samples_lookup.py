"""One lookup for the barcode sample photos: $LT_BARCODE_SAMPLES, else ../shared/barcode-samples;
missing photos skip the tests on a developer's machine (with a summary line) and fail them in CI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import terminal.scanning.samples as samples_mod
from terminal.scanning.samples import SAMPLES_ENV, SamplesNotFound, default_samples_dir, locate_samples, samples_dir
from tests.barcode_samples import running_in_ci, samples_or_outcome

ROOT = Path(__file__).resolve().parents[2]


def _fake_samples(root: Path) -> Path:
    (root / "qrcode-1").mkdir(parents=True)
    (root / "qrcode-1" / "1.txt").write_text("hello", encoding="utf-8")
    return root


def test_default_is_shared_beside_the_checkout():
    assert default_samples_dir() == ROOT.parent / "shared" / "barcode-samples"
    assert samples_dir({}) == default_samples_dir()
    assert samples_dir({SAMPLES_ENV: "  "}) == default_samples_dir()


def test_environment_variable_wins(tmp_path):
    assert samples_dir({SAMPLES_ENV: str(tmp_path)}) == tmp_path
    root = _fake_samples(tmp_path / "s")
    assert locate_samples({SAMPLES_ENV: str(root)}) == root


def test_missing_folder_names_the_path_and_where_the_photos_come_from(tmp_path, monkeypatch):
    monkeypatch.setattr(samples_mod, "default_samples_dir", lambda: tmp_path / "nowhere")
    with pytest.raises(SamplesNotFound) as err:
        locate_samples({})
    text = str(err.value)
    assert str(tmp_path / "nowhere") in text and "LT_BARCODE_SAMPLES is not set" in text
    assert "zxing-cpp" in text and "Apache-2.0" in text
    assert not err.value.explicit


def test_a_folder_given_on_the_command_line_is_checked_the_same_way(tmp_path):
    root = _fake_samples(tmp_path / "s")
    assert locate_samples({SAMPLES_ENV: "/elsewhere"}, root=root) == root
    with pytest.raises(SamplesNotFound, match=f"no folder at {tmp_path / 'missing'}\\. ") as err:
        locate_samples({}, root=tmp_path / "missing")
    assert err.value.explicit


def test_benchmark_uses_the_same_lookup(tmp_path, capsys, monkeypatch):
    from benchmarks import bench_decode

    monkeypatch.delenv(SAMPLES_ENV, raising=False)
    monkeypatch.setattr(samples_mod, "default_samples_dir", lambda: tmp_path / "nowhere")
    assert bench_decode.main([]) == 2
    assert f"no folder at {tmp_path / 'nowhere'} (the default" in capsys.readouterr().err
    assert bench_decode.main(["--samples", str(tmp_path)]) == 2
    assert "holds no <symbology>-<n> folders" in capsys.readouterr().err


def test_folder_without_sample_folders_does_not_count(tmp_path):
    (tmp_path / "README.md").write_text("x")
    (tmp_path / "notes").mkdir()
    with pytest.raises(SamplesNotFound, match="holds no <symbology>-<n> folders") as err:
        locate_samples({SAMPLES_ENV: str(tmp_path)})
    assert err.value.explicit


@pytest.mark.parametrize("value, expected", [("true", True), ("1", True), ("yes", True), ("", False), ("false", False),
                                             ("0", False), ("no", False)])
def test_ci_variable(value, expected):
    assert running_in_ci({"CI": value}) is expected


def test_missing_samples_skip_locally_and_fail_in_ci(tmp_path, monkeypatch):
    monkeypatch.setattr(samples_mod, "default_samples_dir", lambda: tmp_path / "nowhere")
    assert samples_or_outcome({})[1] == "skip"
    assert samples_or_outcome({"CI": "false"})[1] == "skip"
    root, outcome, message = samples_or_outcome({"CI": "true"})
    assert (root, outcome) == (None, "fail") and "failing, not skipping: CI is set" in message
    root, outcome, message = samples_or_outcome({SAMPLES_ENV: str(tmp_path / "typo")})
    assert outcome == "fail" and "LT_BARCODE_SAMPLES was given" in message
    good = _fake_samples(tmp_path / "good")
    assert samples_or_outcome({SAMPLES_ENV: str(good), "CI": "true"}) == (good, "", "")


def test_the_default_finds_the_shared_photos_when_they_are_there():
    if not default_samples_dir().is_dir() and not running_in_ci():
        pytest.skip("no ../shared/barcode-samples beside this checkout")  # in CI they must be there
    assert locate_samples({}) == default_samples_dir()


def test_no_test_or_benchmark_has_its_own_samples_path():
    """The one lookup is terminal.scanning.samples (+ tests/barcode_samples.py): no other file builds the path."""
    offenders = []
    for folder in ("tests", "benchmarks", "terminal"):
        for path in (ROOT / folder).rglob("*.py"):
            if path in (Path(samples_mod.__file__).resolve(), Path(__file__).resolve()):
                continue
            text = path.read_text(encoding="utf-8")
            if '"barcode-samples"' in text or "/barcode-samples" in text.replace("../shared/barcode-samples", "") \
                    or 'environ.get("LT_BARCODE_SAMPLES' in text or "environ['LT_BARCODE_SAMPLES" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# --- end to end: a pytest session with the plugin, photos missing -----------------------------

def _session(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    project = tmp_path / "project"
    project.mkdir()
    (project / "conftest.py").write_text(textwrap.dedent(f"""
        from pathlib import Path
        import terminal.scanning.samples as s
        s.default_samples_dir = lambda: Path({str(tmp_path / "nowhere")!r})
        pytest_plugins = ("tests.barcode_samples",)
    """))
    (project / "test_uses_samples.py").write_text(textwrap.dedent("""
        def test_one(barcode_samples):
            assert barcode_samples

        def test_two(barcode_samples_dir):
            assert barcode_samples_dir.is_dir()

        def test_unrelated():
            pass
    """))
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", SAMPLES_ENV, "PYTEST_ADDOPTS")}
    clean["PYTHONPATH"] = str(ROOT) + os.pathsep + clean.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-c", os.devnull,
                           "--rootdir", str(project), str(project)],
                          env={**clean, **env}, cwd=project, capture_output=True, text=True, timeout=120)


def test_session_without_photos_skips_with_a_summary_line(tmp_path):
    res = _session(tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 passed, 2 skipped" in res.stdout
    assert "2 tests skipped: no barcode sample photos" in res.stdout
    assert "zxing-cpp" in res.stdout and str(tmp_path / "nowhere") in res.stdout


def test_session_without_photos_fails_in_ci(tmp_path):
    res = _session(tmp_path, CI="true")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "1 passed, 2 errors" in res.stdout
    assert "failing, not skipping: CI is set" in res.stdout
    assert "skipped" not in res.stdout.splitlines()[-1]
