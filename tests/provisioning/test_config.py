"""Layered configuration: defaults < site file < user file < environment < command line.

Each layer overrides the one before key by key, every value names the layer that set it,
and a wrong file, key, type or value is an error naming the file and the key.
"""

from __future__ import annotations

import io
import json

import pytest

from terminal.entry.cli import EXIT_OK, EXIT_SETUP, run
from terminal.infra.config import ConfigError, load_config

SITE = """\ufeff# written by the installer
[terminal]
store_id = "CAFE-XINYI"
terminal_id = "PC-1"
time_zone = "Asia/Taipei"

[sync]
server_url = "https://loyalty.example.com/"

[scanner]
prefix = "\\u0002"
camera_index = 1
"""

USER = """
[terminal]
language = "en"

[scanner]
camera_index = 2

[printer]
target = "network:192.0.2.10:9100"
"""


@pytest.fixture
def files(tmp_path):
    site, user = tmp_path / "site.toml", tmp_path / "user.toml"
    site.write_text(SITE, encoding="utf-8")
    user.write_text(USER, encoding="utf-8")
    return [site, user]


def test_defaults_without_any_file():
    cfg = load_config(files=[], environ={})
    assert cfg.terminal.language == "zh_TW" and cfg.scanner.decoder == "combined" and cfg.sync.interval_s == 30.0
    assert all(src == "default" for _, _, src in cfg.rows())


def test_each_layer_overrides_the_one_before_key_by_key(files):
    cfg = load_config(files=files, environ={"LT_CAMERA": "3", "LT_LOG_LEVEL": "DEBUG"},
                      cli={"terminal.terminal_id": "PC-9", "scanner.decoder": None})
    assert cfg.terminal.store_id == "CAFE-XINYI"  # site
    assert cfg.terminal.language == "en"  # user over default
    assert cfg.scanner.prefix == "\x02"  # site, TOML escape
    assert cfg.scanner.camera_index == 3  # env over user over site
    assert cfg.terminal.terminal_id == "PC-9"  # command line over site
    assert cfg.scanner.decoder == "combined"  # a CLI option left out does not override
    assert cfg.sync.server_url == "https://loyalty.example.com"  # trailing slash dropped
    src = {k: s for k, _, s in cfg.rows()}
    assert src["terminal.store_id"] == str(files[0])
    assert src["terminal.language"] == str(files[1])
    assert src["scanner.camera_index"] == "environment LT_CAMERA"
    assert src["logging.level"] == "environment LT_LOG_LEVEL"
    assert src["terminal.terminal_id"] == "command line"
    assert src["window.kiosk"] == "default"
    assert cfg.files == files


def test_a_missing_file_is_skipped(tmp_path, files):
    cfg = load_config(files=[tmp_path / "nope.toml", files[1]], environ={})
    assert cfg.files == [files[1]] and cfg.terminal.store_id == ""


def test_the_effective_toml_round_trips(files, tmp_path):
    cfg = load_config(files=files, environ={})
    again = tmp_path / "again.toml"
    again.write_text(cfg.to_toml(), encoding="utf-8")
    assert load_config(files=[again], environ={}).settings == cfg.settings


@pytest.mark.parametrize("text, expected", [
    ("[terminal]\nstore_idd = 'X'\n", "terminal.store_idd: unknown setting"),
    ("[terminl]\nstore_id = 'X'\n", "terminl: unknown setting"),
    ("[scanner]\ncamera_index = 'two'\n", "scanner.camera_index"),
    ("[scanner]\ncamera_index = 99\n", "scanner.camera_index"),
    ("[terminal]\ntime_zone = 'Asia/Taipeii'\n", "unknown time zone 'Asia/Taipeii'"),
    ("[terminal]\nlanguage = 'fr'\n", "terminal.language"),
    ("[sync]\nserver_url = 'loyalty.example.com'\n", "must start with http:// or https://"),
    ("[sync]\ninterval_s = 0\n", "sync.interval_s"),
    ("[printer]\ntarget = 'lpt1'\n", "use dummy, usb:VID:PID"),
    ("[window]\nkiosk = 'yes'\n", "window.kiosk"),
    ("terminal = 3\n", "'terminal' must be a [section] table"),
    ("[terminal\nstore_id = 'X'\n", "not valid TOML"),
])
def test_bad_files_name_the_file_and_the_key(tmp_path, text, expected):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(files=[path], environ={})
    assert str(path) in str(err.value) and expected in str(err.value)


def test_binary_garbage_is_not_utf8(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xff\xfe\x00garbage\x80")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(files=[path], environ={})


@pytest.mark.parametrize("name, value, expected", [
    ("LT_CAMERA", "front", "environment LT_CAMERA"),
    ("LT_SYNC_INTERVAL", "-5", "environment LT_SYNC_INTERVAL"),
    ("LT_LANG", "de", "environment LT_LANG"),
])
def test_bad_environment_values_name_the_variable(name, value, expected):
    with pytest.raises(ConfigError, match=expected):
        load_config(files=[], environ={name: value})


def test_cli_config_show_tells_where_values_come_from(files, monkeypatch):
    monkeypatch.setenv("LT_SITE_CONFIG", str(files[0]))
    monkeypatch.setenv("LT_USER_CONFIG", str(files[1]))
    monkeypatch.setenv("LT_TERMINAL_ID", "PC-ENV")
    out = io.StringIO()
    assert run(["--json", "config"], out=out) == EXIT_OK
    shown = json.loads(out.getvalue())
    assert shown["terminal.store_id"] == {"value": "CAFE-XINYI", "source": str(files[0])}
    assert shown["terminal.terminal_id"] == {"value": "PC-ENV", "source": "environment LT_TERMINAL_ID"}
    out = io.StringIO()
    assert run(["config", "paths"], out=out) == EXIT_OK
    assert f"site_config: {files[0]}" in out.getvalue()


def test_a_broken_config_stops_the_cli_with_a_setup_error(tmp_path, monkeypatch):
    site = tmp_path / "site.toml"
    site.write_text("[scanner]\ncamera_index = -1\n", encoding="utf-8")
    monkeypatch.setenv("LT_SITE_CONFIG", str(site))
    out = io.StringIO()
    assert run(["--json", "status"], out=out) == EXIT_SETUP
    assert "scanner.camera_index" in json.loads(out.getvalue())["error"]


def test_init_takes_store_and_terminal_from_the_config(tmp_path, monkeypatch):
    from tests.conftest import BASE_CATALOG

    cat = tmp_path / "catalog.json"
    cat.write_text(json.dumps(BASE_CATALOG, ensure_ascii=False), encoding="utf-8")
    site = tmp_path / "site.toml"
    site.write_text('[terminal]\nstore_id = "A-001"\nterminal_id = "PC-3"\n', encoding="utf-8")
    monkeypatch.setenv("LT_SITE_CONFIG", str(site))
    out = io.StringIO()
    assert run(["--json", "--db", str(tmp_path / "t.db"), "init", "--catalog", str(cat)], out=out) == EXIT_OK
    out = io.StringIO()
    run(["--json", "--db", str(tmp_path / "t.db"), "status"], out=out)
    st = json.loads(out.getvalue())
    assert st["store_id"] == "A-001" and st["terminal_id"] == "PC-3"


def test_the_it_guide_documents_every_key_and_variable():
    from pathlib import Path

    from terminal.infra.config import ENVIRONMENT, Settings

    guide = (Path(__file__).resolve().parents[2] / "docs" / "it-guide.md").read_text(encoding="utf-8")
    for section, model in Settings():
        for key, value in model:
            assert f"`[{section}] {key}`" in guide, f"[{section}] {key} is not in docs/it-guide.md"
    for name in ENVIRONMENT:
        assert f"`{name}`" in guide, f"{name} is not in docs/it-guide.md"
