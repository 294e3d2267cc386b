"""Where the terminal keeps its files (platformdirs: per-user data and log directories)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP = "LoyaltyTerminal"


def data_dir() -> Path:
    override = os.environ.get("LT_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP, appauthor=False))


def log_dir() -> Path:
    return Path(user_log_dir(APP, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "replica.db"


def demo_db_path() -> Path:
    return data_dir() / "demo" / "replica.db"
