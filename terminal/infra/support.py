"""What IT needs when something goes wrong: `about` (versions, backends, paths) and a support bundle.

The bundle is a zip IT can mail to the vendor: logs and crash reports, the effective
configuration with its sources, the raw config files, versions, and the replica's health
(integrity check, schema, outbox and sync state). It never contains the device credential,
member data or the database itself; lines that look like secrets are redacted.
"""

from __future__ import annotations

import json
import platform
import re
import sqlite3
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from terminal import __version__

SECRET_LINE = re.compile(r"(?i)\b(token|secret|password|passwd|credential|api[_-]?key|pin)\b\s*[=:]")
URL_USERINFO = re.compile(r"(https?://)[^/@\s]+@")


def redact(text: str) -> str:
    """Drop values of secret-looking keys and user:password@ parts of URLs."""
    out = []
    for line in text.splitlines():
        if SECRET_LINE.search(line):
            key = SECRET_LINE.search(line)
            line = line[: key.end()] + " <redacted>"  # type: ignore[union-attr]
        out.append(URL_USERINFO.sub(r"\1<redacted>@", line))
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _version_of(dist: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def keyring_info() -> dict[str, Any]:
    try:
        import keyring
        from keyring.backend import get_all_keyring

        active = keyring.get_keyring()
        return {
            "active": f"{type(active).__module__}.{type(active).__name__}",
            "priority": getattr(active, "priority", None),
            "available": sorted(f"{type(k).__module__}.{type(k).__name__}" for k in get_all_keyring()),
        }
    except Exception as exc:  # a broken vault must not break the report about it
        return {"error": f"{type(exc).__name__}: {exc}"}


def decoder_info() -> dict[str, Any]:
    info: dict[str, Any] = {}
    try:
        import zxingcpp

        info["zxing-cpp"] = getattr(zxingcpp, "__version__", None) or _version_of("zxing-cpp") or "present"
    except Exception as exc:
        info["zxing-cpp"] = f"unavailable: {exc}"
    try:
        import cv2

        info["opencv"] = cv2.__version__
    except Exception as exc:
        info["opencv"] = f"unavailable: {exc}"
    try:
        from pyzbar import zbar_library

        zbar_library.load()
        info["zbar"] = "loaded"
    except Exception as exc:
        info["zbar"] = f"unavailable: {type(exc).__name__}: {exc}"
    return info


def about(config=None) -> dict[str, Any]:
    from terminal.infra.config import site_config_file, user_config_file
    from terminal.infra.logs import log_dir
    from terminal.infra.paths import data_dir

    qt: dict[str, Any] = {}
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = {"pyside6": PySide6.__version__, "qt": qVersion()}
    except Exception as exc:
        qt = {"error": str(exc)}
    return {
        "version": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
        "qt": qt,
        "decoders": decoder_info(),
        "keyring": keyring_info(),
        "libraries": {d: _version_of(d) for d in ("sqlite-utils", "httpx", "pydantic", "platformdirs", "python-escpos")},
        "sqlite": sqlite3.sqlite_version,
        "paths": {
            "data_dir": str(data_dir()),
            "log_dir": str(log_dir()),
            "site_config": str(site_config_file()),
            "user_config": str(user_config_file()),
            "db": str(config.db_path()) if config is not None else None,
        },
    }


def database_health(db_path: Path) -> dict[str, Any]:
    """Integrity and sync state of the replica, read-only, without member data."""
    if not db_path.exists():
        return {"path": str(db_path), "exists": False}
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:
        q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        out: dict[str, Any] = {"path": str(db_path), "exists": True, "size_bytes": db_path.stat().st_size}
        out["integrity_check"] = [r[0] for r in q("PRAGMA integrity_check")]
        out["foreign_key_violations"] = len(q("PRAGMA foreign_key_check"))
        out["journal_mode"] = q("PRAGMA journal_mode")[0][0]
        tables = {r[0] for r in q("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_migrations" in tables:
            out["migrations"] = [f"{n} ({t})" for n, t in q("SELECT name, applied_at FROM schema_migrations ORDER BY name")]
        if "meta" in tables:
            keep = ("store_id", "terminal_id", "catalog_version", "sync_server_url")
            out["meta"] = {k: v for k, v in q("SELECT key, value FROM meta") if k in keep or k.startswith("sync_")}
        if "outbox" in tables:
            out["outbox"] = dict(q("SELECT state, COUNT(*) FROM outbox GROUP BY state"))
            oldest = q("SELECT MIN(created_at) FROM outbox WHERE state = 'pending'")[0][0] if "created_at" in \
                {r[1] for r in q("PRAGMA table_info(outbox)")} else None
            out["oldest_pending"] = oldest
        for t in ("settlements", "voids", "sync_conflicts", "sync_dead_letter", "members", "coupon_instances"):
            if t in tables:
                out.setdefault("rows", {})[t] = q(f"SELECT COUNT(*) FROM {t}")[0][0]
        if "sync_cursor" in tables:
            out["sync_cursor"] = [list(r) for r in q("SELECT * FROM sync_cursor")]
        return out
    except sqlite3.DatabaseError as exc:
        return {"path": str(db_path), "exists": True, "error": f"{type(exc).__name__}: {exc}"}
    finally:
        conn.close()


def write_support_bundle(out: Path, config) -> dict[str, Any]:
    """Zip logs, redacted config, versions and database health into `out`; return a summary."""
    from terminal.infra.logs import log_dir

    out.parent.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        def add_text(name: str, text: str) -> None:
            z.writestr(name, text)
            names.append(name)

        info = about(config)
        add_text("versions.json", json.dumps(info, ensure_ascii=False, indent=2))
        add_text("config-effective.toml", redact(config.to_toml()))
        for path in config.files:
            add_text(f"config-files/{path.parent.name}-{path.name}",
                     f"# {path}\n" + redact(path.read_text(encoding="utf-8-sig", errors="replace")))
        health = database_health(config.db_path())
        add_text("database.json", json.dumps(health, ensure_ascii=False, indent=2))
        logs = log_dir()
        if logs.is_dir():
            for p in sorted(logs.iterdir()):
                if p.is_file() and (p.name.startswith(("terminal.log", "crash-", "faulthandler"))):
                    add_text(f"logs/{p.name}", redact(p.read_text(encoding="utf-8", errors="replace")))
        add_text("README.txt", (
            f"Loyalty Terminal {__version__} support bundle, made {datetime.now().astimezone().isoformat(timespec='seconds')}\n"
            "Contains: versions.json (software, decoders, keyring backend, paths), config-effective.toml (each\n"
            "value with the layer that set it), config-files/ (as written, secrets redacted), database.json\n"
            "(integrity check, migrations, outbox and sync state; no member data), logs/.\n"
            "Never contains: the device credential (it stays in the OS keyring) or the database itself.\n"))
    return {"path": str(out), "files": names, "integrity_check": health.get("integrity_check"),
            "size_bytes": out.stat().st_size}
