"""The device keys of this brand's terminals, as pulled (`device_key` feed rows), for checking the
vouchers terminals sign (`LT1V…`, terminal/domain/device_codes.py). Replica migration 0017.

    key_row(conn, device_id) -> dict | None    {public_key, brand_id, status, revoked_reason}; None: unknown

This terminal's own registered key (meta `device_key_device` / `device_key_public`, written by
sync/device_key.py when the server registered it) answers for its own device id too, so a voucher it
issued is checked before its own key comes back in the feed.
"""

from __future__ import annotations

import sqlite3

SCHEMA = [
    # one row per device of the brand that registered a signing key; `status` 'revoked' when the server
    # revoked the device or its key (its vouchers are refused then, with `revoked_reason`)
    """CREATE TABLE device_keys (device_id TEXT PRIMARY KEY, store_id TEXT NOT NULL, brand_id TEXT NOT NULL,
        terminal_id TEXT NOT NULL, public_key TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'revoked')), registered_at TEXT NOT NULL, revoked_at TEXT, revoked_reason TEXT)""",
]

META_DEVICE, META_PUBLIC = "device_key_device", "device_key_public"


def key_row(conn: sqlite3.Connection, device_id: str, own_brand: str | None = None) -> dict | None:
    """The pulled key of `device_id`, else this terminal's own registered key when it is that device
    (`own_brand`: its store's brand), else None."""
    r = conn.execute("SELECT public_key, brand_id, status, revoked_reason FROM device_keys WHERE device_id = ?",
                     (device_id,)).fetchone()
    if r is not None:
        return {"public_key": r[0], "brand_id": r[1], "status": r[2], "revoked_reason": r[3]}
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", (META_DEVICE, META_PUBLIC)).fetchall())
    if own_brand is not None and meta.get(META_DEVICE) == device_id and meta.get(META_PUBLIC):
        return {"public_key": meta[META_PUBLIC], "brand_id": own_brand, "status": "active", "revoked_reason": None}
    return None
