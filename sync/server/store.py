"""The central store: the authoritative ledgers, coupon states and the change feed.

One database, SQLite (embedded: one file, WAL, synchronous=FULL) or PostgreSQL (several worker
processes), through sync/server/db.py. Everything terminals replicate lives in one table,
`entities(kind, key, body, seq, deleted)`: `body` is the terminal's replica row as JSON and
`seq` is a single, monotonically increasing change sequence, so a pull is one indexed range
scan (`seq > cursor ORDER BY seq LIMIT n`) and an incremental pull of N changes costs N rows.

Each write is one transaction (`write()`): on SQLite behind the one writer lock, on PostgreSQL
in parallel, with advisory locks on what it judges (`lock_keys`: event, terminal, member, coupon,
lot). Positions are stamped at commit (sync/server/changefeed.py), so the feed stays
commit-ordered with several writers. Pulls read one snapshot each (`read()`). `conn` is the
DB-API-shaped handle on the thread's open transaction (sync/server/sqlconn.py).

`CentralStore` owns the engine, the change feed and the entity rows; its parts, by role:

    sync/server/intake.py      push: idempotent intake, one transaction per event, stored answers
    sync/server/facts.py       fetch what an event names          } fetch, decide, write
    sync/server/judge.py       pure judgement: ops and conflicts   } (no database access
    sync/server/ledgers.py     write the ops                       }  in the judge)
    sync/server/feed.py        pull pages and answers on reader connections
    sync/server/backoffice.py  catalog import, coupons, points adjustments, revocations, epoch
    sync/server/rules.py       re-judgement of a settlement with terminal/domain (pure)
    sync/server/db.py, tables.py, migrate.py, migrations/   engines, Core tables, Alembic schema
    sync/server/sqlconn.py     `store.conn`: qmark statements on either engine
    sync/server/errors.py      AdminError, AuthError, Reject
    sync/server/devices.py     devices, two-phase enrolment, credentials (DeviceRegistry)
    sync/server/device_keys.py the devices' voucher signing keys (DeviceKeyRegistry)
    sync/server/tokens.py      enrolment tokens: create, check, list, revoke (TokenRegistry)
Allowances are still methods here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
from contextlib import contextmanager, nullcontext
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from sync.protocol import make_cursor
from sync.server import db
from sync.server.archive import ArchiveMixin
from sync.server.backoffice import BackofficeMixin, catalog_rows, check_allowances
from sync.server.changefeed import FeedWriter
from sync.server.device_keys import DeviceKeyRegistry
from sync.server.devices import DeviceRegistry
from sync.server.errors import AdminError, AuthError, Reject
from sync.server.feed import FeedMixin
from sync.server.intake import IntakeMixin
from sync.server.judge import usable
from sync.server.member_search import index_member
from sync.server.slices import SCOPED_KINDS, SliceMixin, frame, scope_tokens, with_exits
from sync.server.sqlconn import StoreConn
from sync.server import device_vouchers

log = logging.getLogger("sync.server")

DEFAULT_ALLOWANCES = {"stored_voucher_uses": 2, "points_per_member": 500, "unreplicated_coupon_max_age_hours": 72,
                      "valid_hours": 72, "device_vouchers_unbacked": 20, "override_stored_voucher_uses": 10, "override_points_per_member": 5000,
                      "stale_state_uses": 3, "shared_code_uses": 2, "override_shared_code_uses": 10,
                      "stored_value_per_account": 1000, "override_stored_value_per_account": 5000, "giveaway_claims": 20}
GRANTED = ("stored_voucher_uses", "points_per_member", "unreplicated_coupon_max_age_hours", "override_stored_voucher_uses",
           "override_points_per_member", "stale_state_uses", "shared_code_uses", "override_shared_code_uses",
           "stored_value_per_account", "override_stored_value_per_account",
           "giveaway_claims", "device_vouchers_unbacked")  # the fields a grant carries (and the server's judge reads)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


__all__ = ["AdminError", "AuthError", "CentralStore", "Reject", "catalog_rows", "central_url", "key_hash", "open_schema"]


def central_url(url_or_path: str | Path) -> str:
    """A database URL: URLs (`scheme://...`) as given, a plain path as `sqlite:///<absolute path>`."""
    text = str(url_or_path)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).absolute()}"


def key_hash(key: str) -> int:
    """A stable signed 64-bit number for a lock key (pg_advisory_xact_lock takes a bigint)."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big", signed=True)


def open_schema(engine) -> None:
    """The schema must be current before the server uses it (sync/server/migrate.py).

    SQLite (the embedded default) creates, adopts or upgrades its own file. PostgreSQL: an EMPTY
    database gets the schema created (the first start); one that is behind is refused with the
    upgrade command (an operator upgrades once, before rolling out new workers); one that is newer
    than this code is refused (SchemaTooNew), on both engines."""
    from sync.server import migrate

    if not db.is_postgresql(engine):
        migrate.ensure_current(engine, upgrade_allowed=True)
        return
    with db.read(engine) as conn:
        state = migrate.check(conn)
    if state.status == "empty":
        migrate.upgrade(engine)
    elif state.status != "current":
        migrate.ensure_current(engine, upgrade_allowed=False)


class CentralStore(IntakeMixin, FeedMixin, BackofficeMixin, SliceMixin, ArchiveMixin, DeviceRegistry, DeviceKeyRegistry):
    """The central store; see the module docstring for its parts.

    `url_or_path`: a SQLite file path (created if missing, with its folder, as before), or a URL `sqlite:///path`
    / `postgresql+psycopg://user@host/db` (sync/server/db.py). Opening checks the schema
    (`open_schema`); raises db.DatabaseError subclasses (DatabaseUnavailable, SchemaTooNew,
    SchemaUnknown) with one line for the operator, and nothing is changed then.
    """

    def __init__(self, url_or_path: str | Path, *, clock=utcnow, pool_size: int = 5, max_overflow: int = 10) -> None:
        self.url = central_url(url_or_path)
        self.path = str(url_or_path)
        if "://" not in self.path:  # a plain path, as before: its folder is made (a URL must name an existing one)
            Path(self.path).absolute().parent.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self.engine = db.connect(self.url, pool_size=pool_size, max_overflow=max_overflow)
        try:
            open_schema(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self.postgresql = db.is_postgresql(self.engine)
        self.conn = StoreConn(self)
        # SQLite: one writer at a time anyway; this process's threads queue here instead of spinning on BEGIN IMMEDIATE
        self.lock = threading.RLock()
        self._tx_local = threading.local()
        self._local = threading.local()
        if self.meta("epoch") is None:
            with self.write():
                self.lock_keys("meta:epoch")
                self.conn.execute("INSERT INTO meta(key, value) VALUES ('epoch', ?) ON CONFLICT(key) DO NOTHING",
                                  (secrets.token_hex(4),))
                self.conn.execute("INSERT INTO meta(key, value) VALUES ('allowances', ?) ON CONFLICT(key) DO NOTHING",
                                  (json.dumps(DEFAULT_ALLOWANCES),))

    def close(self) -> None:
        self.engine.dispose()

    # ---- transactions -------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[db.Tx]:
        """One all-or-nothing write transaction (db.write); `self.conn` runs on it in this thread.

        SQLite: BEGIN IMMEDIATE behind this process's lock. PostgreSQL: READ COMMITTED; what a
        write judges is locked with `lock_keys` (or db.lock_rows). Not re-entrant."""
        if self.conn.current is not None:
            raise RuntimeError("nested write transaction on the central store")
        cm = db.write(self.engine)
        with (nullcontext() if self.postgresql else self.lock):
            try:
                with cm as tx:
                    self.conn.bind(tx.conn)
                    self._tx_local.tx = tx
                    yield tx
            finally:  # after the before-commit steps (the feed's stamp) and the COMMIT or ROLLBACK
                self.conn.bind(None)
                self._tx_local.tx = None

    @contextmanager
    def read(self) -> Iterator[Any]:
        """One read snapshot (db.read); inside a write, that write's own transaction."""
        if self.conn.current is not None:
            yield self.conn.current
            return
        try:
            with db.read(self.engine) as conn:
                self.conn.bind(conn)
                yield conn
        finally:
            self.conn.bind(None)

    def tx(self) -> db.Tx:
        tx = getattr(self._tx_local, "tx", None)
        if tx is None:
            raise RuntimeError("no write transaction open on this thread (use `with store.write():`)")
        return tx

    def feed(self) -> FeedWriter:
        """The change feed of the open write transaction (positions given at its commit)."""
        return FeedWriter.of(self.tx())

    def lock_keys(self, *keys: str) -> None:
        """PostgreSQL: transaction-scoped advisory locks on `keys` ("kind:key" strings, e.g.
        "member:M1"), taken in one fixed order (by their 64-bit hash) so two writers wanting some of
        the same keys queue instead of deadlocking; they work for rows that do not exist yet.
        SQLite: nothing (the write transaction holds the database's one write lock)."""
        self.forget()  # what this transaction read before the locks is read again after them
        if not self.postgresql:
            return
        hashes = sorted({key_hash(k) for k in keys})
        if len(hashes) == 1:
            self.conn.execute("SELECT pg_advisory_xact_lock(?)", (hashes[0],))
        elif hashes:  # one round trip for all: taken one after the other in the array's (sorted) order
            self.conn.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(? AS BIGINT[])) WITH ORDINALITY AS t(k, i) "
                              "ORDER BY i", (hashes,))

    def memo(self, name: str, make: Callable[[], Any]) -> Any:
        """`make()` once per write transaction (outside one: every time), until the transaction
        takes a lock (`lock_keys`) or writes a meta value (`forget`), and, for a `name` starting with
        "entities:" (read from entity rows), until it writes an entity row (the change feed): what a
        judgement reads several times (a meta value, the catalog's probe) is one statement per
        transaction. On SQLite the write lock keeps it unchanged anyway; on
        PostgreSQL (READ COMMITTED) the transaction sees one value instead of a newer one later."""
        tx = getattr(self._tx_local, "tx", None)
        if tx is None:
            return make()
        memo = tx.state.setdefault("memo", {})
        if name not in memo:
            memo[name] = make()
        return memo[name]

    def forget(self) -> None:
        """Drop the open write transaction's memo (`memo`)."""
        tx = getattr(self._tx_local, "tx", None)
        if tx is not None:
            tx.state.pop("memo", None)

    # ---- meta and change sequence ---------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        r = self.memo(f"meta:{key}", lambda: self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone())
        return r[0] if r else default

    def set_meta(self, key: str, value: str) -> None:
        self.forget()
        self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                          (key, value))

    @property
    def epoch(self) -> str:
        return self.meta("epoch") or ""

    def head(self, conn=None) -> int:
        """The feed's head: the last position handed out (sync/server/changefeed.py)."""
        return (conn or self.conn).execute("SELECT seq FROM feed_head WHERE id = 1").fetchone()[0]

    def cursor(self) -> str:
        with self.read():
            return make_cursor(self.epoch, self.head())

    def put(self, kind: str, key: str, body: dict, member_id: str | None = None) -> None:
        """Insert or replace an entity row in the open write transaction (none open: in one of its own);
        its position is given at commit."""
        if self.conn.current is None:
            with self.write():
                return self.put(kind, key, body, member_id)
        self.feed().put(kind, key, json.dumps(body, ensure_ascii=False, separators=(",", ":")), member_id,  # any JSON value
                        self._scope_for(kind, key, body))
        if kind == "member" and isinstance(body, dict):
            self.index_member_card(key, body)
            index_member(self.conn, key, body)  # phone and name search keys (sync/server/member_search.py)
        if kind == "coupon":  # coupons made from a terminal's signature, unadopted (sync/server/device_vouchers.py)
            device_vouchers.track(self, key, body)

    def unbacked_device_vouchers(self, device_ids: list[str]) -> dict[str, int]:
        """Device id -> coupons created from its signed vouchers that no issuing event adopted yet."""
        return device_vouchers.unbacked(self, device_ids)

    def _scope_for(self, kind: str, key: str, body: Any) -> str | None:
        """The `scope` to store with a row put now (sync/server/slices.py), with exit tokens when a
        catalog row's scope narrows."""
        if kind == "coupon" and isinstance(body, dict):
            r = self.conn.execute("SELECT scope FROM entities WHERE kind = 'coupon_template' AND key = ?",
                                  (body.get("template_id"),)).fetchone()
            return frame(scope_tokens("coupon", body, {}, {body.get("template_id"): r[0] if r else None}))
        if kind in ("value_program", "value_account"):  # the program's brands (its accounts carry them)
            return frame(scope_tokens(kind, body, {}))
        if kind not in SCOPED_KINDS:
            return None
        store_brand = {}
        if kind in ("earn_rule", "coupon_template"):
            store_brand = {k: json.loads(b).get("brand_id") for k, b in self.conn.execute(
                "SELECT key, body FROM entities WHERE kind = 'store' AND deleted = 0").fetchall()}
        old = self.conn.execute("SELECT scope FROM entities WHERE kind = ? AND key = ? AND deleted = 0", (kind, key)).fetchone()
        return with_exits(old[0] if old else None, scope_tokens(kind, body, store_brand), old is not None)

    def index_member_card(self, member_id: str, body: dict) -> None:
        """Keep `member_cards` (salted card hash -> member) for the online lookup; needs the chain's salt."""
        from terminal.domain.member_data import card_hash

        number, salt = body.get("plain_code"), self.meta("card_hash_salt")
        self.conn.execute("DELETE FROM member_cards WHERE member_id = ?", (member_id,))
        if isinstance(number, str) and number and salt:
            h = card_hash(salt, number)
            self.conn.execute("DELETE FROM member_cards WHERE card_hash = ?", (h,))
            self.conn.execute("INSERT INTO member_cards(card_hash, member_id) VALUES (?, ?)", (h, member_id))

    def tombstone(self, kind: str, key: str) -> bool:
        """Mark an entity row deleted at a new position (given at commit); False when there is no such row."""
        if self.conn.current is None:
            with self.write():
                return self.tombstone(kind, key)
        return self.feed().tombstone(kind, key)

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

