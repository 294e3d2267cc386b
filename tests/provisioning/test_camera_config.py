"""[camera] source and fps (issue 17 §4.9): layered like every setting, the command line's --camera-source last."""

from __future__ import annotations

import pytest

from terminal.entry.window import build_parser, config_from_args
from terminal.infra.config import ConfigError, load_config


def test_default_is_the_scanner_camera_index():
    cfg = load_config(environ={}, files=[])
    assert cfg.camera.source == "" and cfg.camera.fps == 5.0


def test_environment_file_and_command_line(tmp_path, monkeypatch):
    site = tmp_path / "site.toml"
    site.write_text('[camera]\nsource = "2"\nfps = 12\n')
    cfg = load_config(environ={}, files=[site])
    assert (cfg.camera.source, cfg.camera.fps) == ("2", 12.0)
    cfg = load_config(environ={"LT_CAMERA_SOURCE": str(tmp_path)}, files=[site])
    assert cfg.camera.source == str(tmp_path)
    monkeypatch.setenv("LT_SITE_CONFIG", str(site))
    monkeypatch.setenv("LT_USER_CONFIG", str(tmp_path / "none.toml"))
    args = build_parser().parse_args(["--camera-source", str(tmp_path / "demo.mp4")])
    assert config_from_args(args).camera.source == str(tmp_path / "demo.mp4")


@pytest.mark.parametrize("body, message", [
    ('[camera]\nsource = "16"\n', "out of range 0-15"),
    ("[camera]\nfps = 0\n", "fps"),
    ("[camera]\nfps = 120\n", "fps"),
], ids=["index-16", "fps-zero", "fps-too-high"])
def test_bad_values_are_refused_naming_the_key(tmp_path, body, message):
    site = tmp_path / "site.toml"
    site.write_text(body)
    with pytest.raises(ConfigError, match=message):
        load_config(environ={}, files=[site])
