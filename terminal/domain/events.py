"""Canonical event encoding: the payload hash both the terminal and the server compute."""

from __future__ import annotations

import hashlib
import json
from typing import Any

EVENT_SCHEMA_VERSION = 1


def canonical_json(payload: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 kept: identical payloads give identical bytes."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def payload_sha256(payload: Any) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()
