"""Layered terminal configuration: defaults < site file < user file < environment < command line.

IT sets a store-wide or PC-wide file once (the installer writes the site file), a user may
override in their own file, a service wrapper may use environment variables and a shortcut
may add command-line options. Every value remembers which layer set it, so
`loyalty-terminal config show` tells IT where a surprising value came from.

Files are TOML (documented in docs/it-guide.md). Unknown sections or keys and wrong types
are errors naming the file and the key: a typo must not be silently ignored at a counter.
Secrets never live here: the device credential is in the OS keyring (terminal/provisioning/enrolment.py).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from platformdirs import site_config_path, user_config_path
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from terminal.infra.paths import APP

CONFIG_NAME = "config.toml"


class ConfigError(ValueError):
    """A configuration file or value is wrong; the message names the source and the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)


class TerminalSection(_Section):
    store_id: str = ""
    terminal_id: str = ""
    db: str = ""  # replica file; "" = <data dir>/replica.db
    time_zone: str = ""  # "" = the store's zone from the catalog
    language: Literal["zh_TW", "en"] = "zh_TW"

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, v: str) -> str:
        if v:
            try:
                ZoneInfo(v)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"unknown time zone {v!r} (use an IANA name such as Asia/Taipei)") from exc
        return v


class SyncSection(_Section):
    server_url: str = ""
    interval_s: float = Field(30.0, gt=0, le=3600)
    # plain http:// to a host other than this PC sends the token and the credential in clear text:
    # refused unless set (a lab network); https:// and loopback http:// need no setting (terminal/provisioning/enrolment.py)
    allow_insecure_http: bool = False

    @field_validator("server_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if v and not v.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https://, not {v!r}")
        return v.rstrip("/")


class ReplicaSection(_Section):
    # replica retention (terminal/storage/prune.py, docs/sync.md "Replica retention"): finished copies of
    # central rows older than this are pruned after a sync round, at most once a day
    retention_days: int = Field(90, ge=30, le=3650)
    auto_prune: bool = True


class ScannerSection(_Section):
    wedge: bool = True
    prefix: str = ""  # e.g. "\u0002" (STX); "" = detect bursts by speed alone
    suffix: str = ""  # "" = Enter or Tab
    # the same code scanned again within this many seconds is a double read, taken once (0 = off)
    repeat_window_s: float = Field(1.0, ge=0, le=10)
    camera: bool = True
    camera_index: int = Field(0, ge=0, le=15)
    decoder: Literal["combined", "zxing", "pyzbar"] = "combined"


class PrinterSection(_Section):
    target: str = ""  # "" = none | dummy | usb:VID:PID | network:HOST[:PORT] | file:PATH
    auto_print: bool = False

    @field_validator("target")
    @classmethod
    def _target(cls, v: str) -> str:
        if v and v != "dummy" and v.split(":", 1)[0] not in ("usb", "network", "file"):
            raise ValueError(f"{v!r}: use dummy, usb:VID:PID, network:HOST[:PORT] or file:PATH")
        return v


class CameraSection(_Section):
    # what F5 scans from: "" = the camera [scanner] camera_index; "2" = camera 2; a path to a video file or to a
    # folder of images (looped; tests, demos, training: terminal/scanning/sources.py). A path that is not there is
    # said on screen when the camera starts, not here (a USB stick may come later).
    source: str = ""
    fps: float = Field(5.0, gt=0, le=60)  # frames a second from a video file (at most) or an image folder

    @field_validator("source")
    @classmethod
    def _source(cls, v: str) -> str:
        v = v.strip()
        if v.isdigit() and int(v) > 15:
            raise ValueError(f"camera index {v} is out of range 0-15")
        return v


class CounterSection(_Section):
    # the verdict sounds (terminal/infra/sounds.py): a chime when a scan is accepted, a buzz when refused
    sounds: bool = True
    volume: int = Field(80, ge=0, le=100)  # percent


class WindowSection(_Section):
    fullscreen: bool = False
    kiosk: bool = False


class LoggingSection(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_bytes: int = Field(5_000_000, ge=100_000)
    backup_count: int = Field(5, ge=1, le=100)


class Settings(_Section):
    terminal: TerminalSection = TerminalSection()
    sync: SyncSection = SyncSection()
    replica: ReplicaSection = ReplicaSection()
    scanner: ScannerSection = ScannerSection()
    camera: CameraSection = CameraSection()
    printer: PrinterSection = PrinterSection()
    window: WindowSection = WindowSection()
    counter: CounterSection = CounterSection()
    logging: LoggingSection = LoggingSection()


#: Environment variables IT may set (service wrappers, shortcuts); name -> (section, key).
ENVIRONMENT: dict[str, tuple[str, str]] = {
    "LT_STORE_ID": ("terminal", "store_id"),
    "LT_TERMINAL_ID": ("terminal", "terminal_id"),
    "LT_DB": ("terminal", "db"),
    "LT_TIME_ZONE": ("terminal", "time_zone"),
    "LT_LANG": ("terminal", "language"),
    "LT_SERVER_URL": ("sync", "server_url"),
    "LT_SYNC_INTERVAL": ("sync", "interval_s"),
    "LT_ALLOW_INSECURE_HTTP": ("sync", "allow_insecure_http"),
    "LT_RETENTION_DAYS": ("replica", "retention_days"),
    "LT_WEDGE_PREFIX": ("scanner", "prefix"),
    "LT_WEDGE_SUFFIX": ("scanner", "suffix"),
    "LT_SCAN_REPEAT_WINDOW": ("scanner", "repeat_window_s"),
    "LT_CAMERA": ("scanner", "camera_index"),
    "LT_CAMERA_SOURCE": ("camera", "source"),
    "LT_DECODER": ("scanner", "decoder"),
    "LT_PRINTER": ("printer", "target"),
    "LT_SOUNDS": ("counter", "sounds"),
    "LT_LOG_LEVEL": ("logging", "level"),
}

DEFAULT = "default"


def site_config_file() -> Path:
    """Machine-wide file (Windows: C:\\ProgramData\\LoyaltyTerminal\\config.toml; Linux: /etc/xdg/...)."""
    override = os.environ.get("LT_SITE_CONFIG")
    return Path(override) if override else site_config_path(APP, appauthor=False) / CONFIG_NAME


def user_config_file() -> Path:
    override = os.environ.get("LT_USER_CONFIG")
    return Path(override) if override else user_config_path(APP, appauthor=False) / CONFIG_NAME


@dataclass
class Config:
    """The effective settings and, for every key, the layer that set it."""

    settings: Settings
    sources: dict[str, str] = field(default_factory=dict)  # "section.key" -> layer
    files: list[Path] = field(default_factory=list)  # files that existed and were read

    def __getattr__(self, name: str) -> Any:  # config.terminal.store_id
        return getattr(self.settings, name)

    def db_path(self) -> Path:
        from terminal.infra.paths import default_db_path

        return Path(self.settings.terminal.db) if self.settings.terminal.db else default_db_path()

    def rows(self) -> list[tuple[str, Any, str]]:
        out = []
        for section, model in self.settings:
            for key, value in model:
                out.append((f"{section}.{key}", value, self.sources.get(f"{section}.{key}", DEFAULT)))
        return out

    def to_toml(self) -> str:
        """The effective settings as a TOML file IT can copy (each value commented with its source)."""
        lines: list[str] = []
        for section, model in self.settings:
            lines.append(f"[{section}]")
            for key, value in model:
                lines.append(f"{key} = {_toml_value(value)}  # {self.sources.get(f'{section}.{key}', DEFAULT)}")
            lines.append("")
        return "\n".join(lines)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v).replace("\\", "\\\\").replace('"', '\\"')
    s = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in s)
    return f'"{s}"'


def _read_file(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def _env_value(section: str, key: str, text: str) -> Any:
    annotation = type(getattr(getattr(Settings(), section), key))
    if annotation is bool:
        low = text.strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{text!r} is not true/false")
    if annotation is int:
        return int(text)
    if annotation is float:
        return float(text)
    return text


def _describe(exc: ValidationError) -> str:
    parts = []
    for e in exc.errors():
        loc = ".".join(str(p) for p in e["loc"])
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "unknown setting (see docs/it-guide.md for the keys)"
        parts.append(f"{loc}: {msg}")
    return "; ".join(parts)


def load_config(*, cli: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None,
                files: list[Path] | None = None) -> Config:
    """Merge the layers; `cli` maps "section.key" to values given on the command line (None = not given)."""
    environ = os.environ if environ is None else environ
    files = [site_config_file(), user_config_file()] if files is None else files
    merged: dict[str, dict[str, Any]] = {}
    sources: dict[str, str] = {}
    read: list[Path] = []

    def apply(layer: str, data: Mapping[str, Any]) -> None:
        for section, values in data.items():
            if not isinstance(values, dict):
                raise ConfigError(f"{layer}: '{section}' must be a [section] table")
            trial = {**merged, section: {**merged.get(section, {}), **values}}
            try:
                Settings.model_validate(trial)
            except ValidationError as exc:
                raise ConfigError(f"{layer}: {_describe(exc)}") from None
            merged[section] = trial[section]
            for key in values:
                sources[f"{section}.{key}"] = layer

    for path in files:
        if path.is_file():
            apply(str(path), _read_file(path))
            read.append(path)
    for name, (section, key) in ENVIRONMENT.items():
        if name in environ and environ[name] != "":
            try:
                value = _env_value(section, key, environ[name])
            except ValueError as exc:
                raise ConfigError(f"environment {name}: {exc}") from None
            apply(f"environment {name}", {section: {key: value}})
    for dotted, value in (cli or {}).items():
        if value is None:
            continue
        section, key = dotted.split(".", 1)
        apply("command line", {section: {key: value}})
    return Config(Settings.model_validate(merged), sources, read)
