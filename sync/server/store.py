"""The central store: the authoritative ledgers, coupon states and the change feed.

One SQLite file (WAL, synchronous=FULL). Everything terminals replicate lives in one table,
`entities(kind, key, body, seq, deleted)`: `body` is the terminal's replica row as JSON and
`seq` is a single, monotonically increasing change sequence, so a pull is one indexed range
scan (`seq > cursor ORDER BY seq LIMIT n`) and an incremental pull of N changes costs N rows.

Writes are serialised by one lock around one writer connection; pulls read on their own
connections (WAL readers do not block the writer).

`CentralStore` owns the connection, the change sequence and the entity rows; its parts, by role:

    sync/server/intake.py      push: idempotent intake, one transaction per event, stored answers
    sync/server/facts.py       fetch what an event names          } fetch, decide, write
    sync/server/judge.py       pure judgement: ops and conflicts   } (no database access
    sync/server/ledgers.py     write the ops                       }  in the judge)
    sync/server/feed.py        pull pages and answers on reader connections
    sync/server/backoffice.py  catalog import, coupons, points adjustments, revocations, epoch
    sync/server/rules.py       re-judgement of a settlement with terminal/domain (pure)
    sync/server/schema.py      named migrations after the base SCHEMA below
    sync/server/errors.py      AdminError, AuthError, Reject
    sync/server/devices.py     devices, two-phase enrolment, credentials (DeviceRegistry)
    sync/server/tokens.py      enrolment tokens: create, check, list, revoke (TokenRegistry)
Allowances are still methods here.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

from terminal.storage.db import open_database, transaction

from sync.protocol import make_cursor
from sync.server.backoffice import BackofficeMixin, catalog_rows, check_allowances
from sync.server.devices import DEVICE_SCHEMA, DeviceRegistry
from sync.server.errors import AdminError, AuthError, Reject
from sync.server.feed import FeedMixin
from sync.server.intake import IntakeMixin
from sync.server.judge import usable
from sync.server.schema import migrate

log = logging.getLogger("sync.server")

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS entities (kind TEXT NOT NULL, key TEXT NOT NULL, member_id TEXT, body TEXT,
        seq INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kind, key))""",
    "CREATE UNIQUE INDEX IF NOT EXISTS entities_seq ON entities(seq)",
    "CREATE INDEX IF NOT EXISTS entities_member ON entities(kind, member_id) WHERE member_id IS NOT NULL",
    *DEVICE_SCHEMA,  # devices, enrolment tokens, pending enrolments: sync/server/devices.py
    """CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, store_id TEXT NOT NULL,
        terminal_id TEXT NOT NULL, terminal_seq INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL,
        payload TEXT NOT NULL, payload_sha256 TEXT NOT NULL, occurred_at TEXT NOT NULL, based_on_cursor TEXT,
        app_version TEXT NOT NULL, status TEXT NOT NULL, result TEXT NOT NULL, visible_seq INTEGER NOT NULL,
        received_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS events_terminal ON events(store_id, terminal_id, terminal_seq)",
    """CREATE TABLE IF NOT EXISTS coupon_ledger (id INTEGER PRIMARY KEY, event_id TEXT, code TEXT NOT NULL, uses INTEGER NOT NULL,
        discount INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('redeem','void','admin_void')), store_id TEXT,
        terminal_id TEXT, checkout_id TEXT, at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS coupon_ledger_code ON coupon_ledger(code)",
    """CREATE TABLE IF NOT EXISTS point_ledger (id INTEGER PRIMARY KEY, event_id TEXT, member_id TEXT NOT NULL, lot_id TEXT NOT NULL,
        point_type TEXT NOT NULL, delta INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN
        ('earn','burn','void_earn','void_burn','adjust','debt_settle')), store_id TEXT, terminal_id TEXT, checkout_id TEXT,
        at TEXT NOT NULL, note TEXT)""",
    "CREATE INDEX IF NOT EXISTS point_ledger_member ON point_ledger(member_id)",
    """CREATE TABLE IF NOT EXISTS coupon_voids (code TEXT PRIMARY KEY, seq INTEGER NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS conflicts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, decision TEXT NOT NULL, message TEXT NOT NULL,
        event_id TEXT NOT NULL, store_id TEXT NOT NULL, terminal_id TEXT NOT NULL, checkout_id TEXT, subject TEXT,
        amount INTEGER, other_event_id TEXT, other_store_id TEXT, other_terminal_id TEXT, other_checkout_id TEXT,
        details TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL, resolved_at TEXT)""",
    "CREATE INDEX IF NOT EXISTS conflicts_store ON conflicts(store_id)",
    # a manager's decision on a conflict, sent by the terminal as a `conflict_resolution` event
    """CREATE TABLE IF NOT EXISTS conflict_resolutions (conflict_id INTEGER PRIMARY KEY REFERENCES conflicts(id),
        event_id TEXT NOT NULL, resolution TEXT NOT NULL CHECK (resolution IN ('absorb','charge_member','block_card')),
        reason TEXT NOT NULL, manager_id TEXT NOT NULL, store_id TEXT NOT NULL, member_id TEXT, amount INTEGER,
        at TEXT NOT NULL)""",
    # the central ledgers are append-only as well
    """CREATE TRIGGER IF NOT EXISTS c_coupon_ledger_ro BEFORE UPDATE ON coupon_ledger BEGIN
        SELECT RAISE(ABORT, 'coupon_ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS c_coupon_ledger_nd BEFORE DELETE ON coupon_ledger BEGIN
        SELECT RAISE(ABORT, 'coupon_ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS c_point_ledger_ro BEFORE UPDATE ON point_ledger BEGIN
        SELECT RAISE(ABORT, 'point_ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS c_point_ledger_nd BEFORE DELETE ON point_ledger BEGIN
        SELECT RAISE(ABORT, 'point_ledger is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS c_events_ro BEFORE UPDATE ON events BEGIN
        SELECT RAISE(ABORT, 'events are stored forever, unchanged'); END""",
]

DEFAULT_ALLOWANCES = {"stored_voucher_uses": 2, "points_per_member": 500, "unreplicated_coupon_max_age_hours": 72,
                      "valid_hours": 72, "override_stored_voucher_uses": 10, "override_points_per_member": 5000,
                      "stale_state_uses": 3}
GRANTED = ("stored_voucher_uses", "points_per_member", "unreplicated_coupon_max_age_hours", "override_stored_voucher_uses",
           "override_points_per_member", "stale_state_uses")  # the fields a grant carries (and the server's judge reads)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


__all__ = ["AdminError", "AuthError", "CentralStore", "Reject", "catalog_rows"]


class CentralStore(IntakeMixin, FeedMixin, BackofficeMixin, DeviceRegistry):
    """The central store; see the module docstring for its parts."""

    def __init__(self, path: str | Path, *, clock=utcnow) -> None:
        self.path = str(path)
        self.clock = clock
        self.db = open_database(path)
        self.conn = self.db.conn
        for stmt in SCHEMA:
            self.conn.execute(stmt)
        migrate(self.db)
        self.lock = threading.RLock()
        self._local = threading.local()
        if self.meta("epoch") is None:
            with transaction(self.db):
                self.set_meta("epoch", secrets.token_hex(4))
                self.set_meta("allowances", json.dumps(DEFAULT_ALLOWANCES))

    def close(self) -> None:
        self.conn.close()

    # ---- meta and change sequence ---------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        r = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return r[0] if r else default

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                          (key, value))

    @property
    def epoch(self) -> str:
        return self.meta("epoch") or ""

    def head(self, conn=None) -> int:
        return (conn or self.conn).execute("SELECT COALESCE(MAX(seq), 0) FROM entities").fetchone()[0]

    def cursor(self) -> str:
        return make_cursor(self.epoch, self.head())

    @contextmanager
    def write(self) -> Iterator[None]:
        with self.lock, transaction(self.db):
            self._seq = self.head()
            yield

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def put(self, kind: str, key: str, body: dict, member_id: str | None = None) -> int:
        seq = self._next_seq()
        self.conn.execute(
            """INSERT INTO entities(kind, key, member_id, body, seq, deleted) VALUES (?,?,?,?,?,0)
               ON CONFLICT(kind, key) DO UPDATE SET body = excluded.body, member_id = excluded.member_id, seq = excluded.seq, deleted = 0""",
            (kind, key, member_id, json.dumps(body, ensure_ascii=False, separators=(",", ":")), seq),
        )
        return seq

    def tombstone(self, kind: str, key: str) -> int:
        seq = self._next_seq()
        self.conn.execute("UPDATE entities SET deleted = 1, body = NULL, seq = ? WHERE kind = ? AND key = ?", (seq, kind, key))
        return seq

    def get(self, kind: str, key: str) -> dict | None:
        r = self.conn.execute("SELECT body FROM entities WHERE kind = ? AND key = ? AND deleted = 0", (kind, key)).fetchone()
        return json.loads(r[0]) if r else None

    # ---- devices and enrolment -----------------------------------------------------------------
    def create_store(self, store_id: str, brand_id: str, name: str, timezone_name: str = "Asia/Taipei") -> None:
        from terminal.catalog import StoreIn

        s = StoreIn(id=store_id, brand=brand_id, name=name, timezone=timezone_name)
        with self.write():
            if self.get("brand", brand_id) is None:
                raise AdminError(f"unknown brand {brand_id!r}")
            self.put("store", s.id, {"id": s.id, "brand_id": s.brand, "name": s.name, "timezone": s.timezone})

    # create_enrol_token, enrol_tokens, revoke_enrol_token: TokenRegistry (sync/server/tokens.py);
    # enrol, confirm_enrolment, cancel_enrolment, authenticate, revoke_device, revoke_self, devices:
    # DeviceRegistry (sync/server/devices.py)

    def allowances(self, device: dict) -> dict[str, Any]:
        """The current grant; with `sig` (`sync.feedsig.allowances_message`) when asked by a device."""
        a = {**DEFAULT_ALLOWANCES, **json.loads(self.meta("allowances") or "{}")}
        now = self.clock()
        grant = {**{k: a[k] for k in GRANTED}, "granted_at": now.isoformat(), "valid_until": (now + timedelta(hours=a["valid_hours"])).isoformat()}
        if device:
            import base64

            from sync.feedsig import allowances_message
            from sync.protocol import Allowances

            grant = Allowances.model_validate(grant).model_dump(mode="json", exclude={"sig"})  # signed as sent
            grant["sig"] = base64.b64encode(self.feed_signer().sign(allowances_message(grant))).decode()
        return grant

    def set_allowances(self, **values: int) -> None:
        check_allowances(values)
        with self.write():
            a = {**DEFAULT_ALLOWANCES, **json.loads(self.meta("allowances") or "{}"), **{k: v for k, v in values.items() if v is not None}}
            self.set_meta("allowances", json.dumps(a))

    def balance(self, member_id: str, point_type: str, at: datetime) -> int:
        """Usable points of a member and type at `at` (positive, unexpired lots)."""
        return sum(lot["points"] for lot in self.lots(member_id)
                   if lot["point_type"] == point_type and lot["points"] > 0 and usable(lot, at))

    def lots(self, member_id: str) -> list[dict]:
        """Every point lot row of the member (including debts: negative lots)."""
        return [json.loads(r[0]) for r in self.conn.execute(
            "SELECT body FROM entities WHERE kind = 'point_lot' AND member_id = ? AND deleted = 0", (member_id,))]

