"""The central store: the authoritative ledgers, coupon states and the change feed.

One SQLite file (WAL, synchronous=FULL). Everything terminals replicate lives in one table,
`entities(kind, key, body, seq, deleted)`: `body` is the terminal's replica row as JSON and
`seq` is a single, monotonically increasing change sequence, so a pull is one indexed range
scan (`seq > cursor ORDER BY seq LIMIT n`) and an incremental pull of N changes costs N rows.

Pushed events are applied one per transaction. The event id is stored with its payload hash
and the answer forever (table `events`): the same id and hash gets the same answer back
(`duplicate`), the same id with another hash is rejected. The server decides conflicts
(see docs/sync.md); facts are never edited: redemptions over the limit are posted and a
conflict record opened, corrections are new ledger entries.

Writes are serialised by one lock around one writer connection; pulls read on their own
connections (WAL readers do not block the writer).
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from terminal.catalog import CatalogIn, iso
from terminal.domain.events import payload_sha256
from terminal.storage.db import open_database, transaction

from sync.protocol import CATALOG_KINDS, MAX_ANSWERS, make_cursor, split_cursor
from sync.server.devices import DEVICE_SCHEMA, DeviceRegistry
from sync.server.errors import AdminError, AuthError

__all__ = ["AdminError", "AuthError", "CentralStore", "Reject"]

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
                      "valid_hours": 72}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Reject(Exception):
    """The event as a whole is refused (stored as `rejected`, plus a conflict record)."""

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code, self.message, self.details = code, message, details


def catalog_rows(cat: CatalogIn) -> Iterator[tuple[str, str, str | None, dict]]:
    """(kind, key, member_id, replica row) for every entity of a catalog, in dependency order."""
    yield "meta", "catalog_name", None, {"key": "catalog_name", "value": cat.name}
    yield "meta", "currency", None, {"key": "currency", "value": cat.currency}
    yield "meta", "void_window_minutes", None, {"key": "void_window_minutes", "value": str(cat.policies.void_window_minutes)}
    for k in cat.issuer_keys:
        yield "issuer_key", str(k.key_id), None, {"key_id": k.key_id, "public_key": k.public_key, "status": "active"}
    for b in cat.brands:
        yield "brand", b.id, None, {"id": b.id, "name": b.name}
    for s in cat.stores:
        yield "store", s.id, None, {"id": s.id, "brand_id": s.brand, "name": s.name, "timezone": s.timezone}
    for t in cat.tiers:
        yield "tier", t.id, None, {"id": t.id, "name": t.name, "rank": t.rank}
    for p in cat.point_types:
        yield "point_type", p.id, None, {
            "id": p.id, "name": p.name, "burn_points": p.burn.points if p.burn else 1, "burn_value": p.burn.value if p.burn else 0,
            "validity_days": p.validity_days, "max_burn_percent": p.burn.max_percent if p.burn else 0, "burnable": int(p.burn is not None)}
    for c in cat.categories:
        yield "category", c.id, None, {"id": c.id, "name": c.name}
    for p in cat.products:
        yield "product", p.sku, None, {
            "sku": p.sku, "name": p.name, "category_id": p.category, "price": p.price, "barcode": p.barcode,
            "pp_point_type": p.points_price.point_type if p.points_price else None,
            "pp_points": p.points_price.points if p.points_price else None, "pp_cash": p.points_price.cash if p.points_price else None}
    for r in cat.earn_rules:
        yield "earn_rule", r.id, None, {"id": r.id, "body": r.model_dump_json()}
    for t in cat.coupon_templates:
        yield "coupon_template", t.id, None, {"id": t.id, "body": t.model_dump_json()}
    for s in cat.staff:
        yield "staff", s.id, None, {"id": s.id, "name": s.name, "role": s.role, "pin_hash": s.pin_hash, "stores": json.dumps(s.stores)}
    for mm in cat.members:
        yield "member", mm.id, mm.id, {"id": mm.id, "name": mm.name, "tier_id": mm.tier, "birthday": iso(mm.birthday),
                                        "plain_code": mm.card_number, "status": mm.status}
    for mm in cat.members:
        for j, lot in enumerate(mm.lots):
            lot_id = lot.id or f"{mm.id}:{j}"
            yield "point_lot", lot_id, mm.id, {"lot_id": lot_id, "member_id": mm.id, "point_type": lot.point_type, "points": lot.points,
                                                "earned_at": iso(lot.earned_at), "expires_at": iso(lot.expires_at)}
    tpls = {t.id: t for t in cat.coupon_templates}
    for c in sorted(cat.coupons, key=lambda c: c.parent is not None):
        yield "coupon", c.code, c.member, {
            "code": c.code, "template_id": c.template, "member_id": c.member, "plain_code": c.number,
            "total_uses": c.total_uses if c.total_uses is not None else tpls[c.template].uses, "used_uses": c.used_uses,
            "status": c.status, "valid_from": iso(c.valid_from), "valid_until": iso(c.valid_until), "issued_at": iso(c.issued_at),
            "parent_code": c.parent}


def _dt(s: str | None) -> datetime | None:
    return None if s is None else datetime.fromisoformat(s)


MAX_AMOUNT = 10**12  # uses, points, discounts: far beyond any real value, well inside SQLite's 64-bit integers


def _int(v: Any, lo: int = -MAX_AMOUNT, hi: int = MAX_AMOUNT) -> bool:
    """An integer the ledgers can hold (bools are not amounts)."""
    return isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


def _expiry_ok(v: Any) -> bool:
    """None, or an ISO time with a zone: it is stored in the lot and compared with later event times."""
    return v is None or _parse_at(v) is not None


class CentralStore(DeviceRegistry):
    def __init__(self, path: str | Path, *, clock=utcnow) -> None:
        self.path = str(path)
        self.clock = clock
        self.db = open_database(path)
        self.conn = self.db.conn
        for stmt in SCHEMA:
            self.conn.execute(stmt)
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

    # ---- catalog -------------------------------------------------------------------------------
    def has_catalog(self) -> bool:
        return self.conn.execute("SELECT 1 FROM entities WHERE kind = 'store' LIMIT 1").fetchone() is not None

    def import_catalog(self, cat: CatalogIn) -> dict[str, int]:
        """Upsert every entity of the catalog (each gets a new change sequence)."""
        counts: dict[str, int] = {}
        with self.write():
            rows = []
            for kind, key, member_id, body in catalog_rows(cat):
                counts[kind] = counts.get(kind, 0) + 1
                rows.append((kind, key, member_id, json.dumps(body, ensure_ascii=False, separators=(",", ":")), self._next_seq()))
                if len(rows) >= 5000:
                    self._insert_rows(rows)
                    rows = []
            self._insert_rows(rows)
        return counts

    def _insert_rows(self, rows: list) -> None:
        self.conn.executemany(
            """INSERT INTO entities(kind, key, member_id, body, seq, deleted) VALUES (?,?,?,?,?,0)
               ON CONFLICT(kind, key) DO UPDATE SET body = excluded.body, member_id = excluded.member_id, seq = excluded.seq, deleted = 0""",
            rows,
        )

    # ---- devices and enrolment -----------------------------------------------------------------
    def create_store(self, store_id: str, brand_id: str, name: str, timezone_name: str = "Asia/Taipei") -> None:
        from terminal.catalog import StoreIn

        s = StoreIn(id=store_id, brand=brand_id, name=name, timezone=timezone_name)
        with self.write():
            if self.get("brand", brand_id) is None:
                raise AdminError(f"unknown brand {brand_id!r}")
            self.put("store", s.id, {"id": s.id, "brand_id": s.brand, "name": s.name, "timezone": s.timezone})

    # create_enrol_token, enrol, confirm_enrolment, cancel_enrolment, authenticate, revoke_device,
    # revoke_self, devices: DeviceRegistry (sync/server/devices.py)

    def allowances(self, device: dict) -> dict[str, Any]:
        a = {**DEFAULT_ALLOWANCES, **json.loads(self.meta("allowances") or "{}")}
        now = self.clock()
        return {"stored_voucher_uses": a["stored_voucher_uses"], "points_per_member": a["points_per_member"],
                "unreplicated_coupon_max_age_hours": a["unreplicated_coupon_max_age_hours"],
                "granted_at": now.isoformat(), "valid_until": (now + timedelta(hours=a["valid_hours"])).isoformat()}

    def set_allowances(self, **values: int) -> None:
        with self.write():
            a = {**DEFAULT_ALLOWANCES, **json.loads(self.meta("allowances") or "{}"), **{k: v for k, v in values.items() if v is not None}}
            self.set_meta("allowances", json.dumps(a))

    # ---- pull ----------------------------------------------------------------------------------
    def _reader(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_database(self.path).conn
            self._local.conn = conn
        return conn

    def pull_page_json(self, cursor: str | None, limit: int, *, device: dict | None = None,
                       answers_from: int | None = None) -> str:
        """One page as JSON text (bodies are spliced in raw: no decode/encode of stored rows).

        The last page (has_more false) also carries the stored answers of `device`'s events
        from terminal_seq `answers_from` on (at most MAX_ANSWERS), read in the same snapshot:
        a terminal whose push answer was lost learns that the server has the event before it
        applies rows that include its effects (otherwise its overlay would count them twice).
        """
        conn = self._reader()
        conn.execute("BEGIN")
        try:
            epoch = conn.execute("SELECT value FROM meta WHERE key = 'epoch'").fetchone()[0]
            head = self.head(conn)
            c_epoch, seq = split_cursor(cursor)
            if cursor and (c_epoch != epoch or seq > head):
                return json.dumps({"cursor": cursor, "next_cursor": make_cursor(epoch, 0), "has_more": head > 0, "reset": True,
                                   "head": head, "items": []})
            rows = conn.execute("SELECT kind, key, seq, deleted, body FROM entities WHERE seq > ? ORDER BY seq LIMIT ?",
                                (seq, limit)).fetchall()
            last = rows[-1][2] if rows else seq
            answers = []
            if device is not None and answers_from is not None and last >= head:
                answers = [r[0] for r in conn.execute(
                    """SELECT result FROM events WHERE store_id = ? AND terminal_id = ? AND terminal_seq >= ? AND visible_seq <= ?
                       ORDER BY terminal_seq LIMIT ?""",
                    (device["store_id"], device["terminal_id"], answers_from, last, MAX_ANSWERS))]
        finally:
            conn.execute("COMMIT")
        parts = []
        for kind, key, s, deleted, body in rows:
            if deleted:
                parts.append(f'{{"kind":"{kind}","key":{json.dumps(key)},"seq":{s},"op":"delete","body":null}}')
            else:
                parts.append(f'{{"kind":"{kind}","key":{json.dumps(key)},"seq":{s},"op":"upsert","body":{body}}}')
        return (f'{{"cursor":{json.dumps(make_cursor(epoch, seq))},"next_cursor":{json.dumps(make_cursor(epoch, last))},'
                f'"has_more":{"true" if last < head else "false"},"reset":false,"head":{head},"items":[{",".join(parts)}],'
                f'"answers":[{",".join(answers)}]}}')

    # ---- push ----------------------------------------------------------------------------------
    def push(self, device: dict, events: list[dict]) -> dict[str, Any]:
        results: list[dict] = []
        acked: int | None = None
        error = None
        for env in events:
            try:
                res = self.apply_event(device, env)
            except Exception as exc:  # a server bug: stop here; the terminal retries the rest
                log.exception("applying event %s failed", env.get("event_id"))
                error = {"code": "internal_error", "message": f"The server could not apply event {env.get('event_id')}: "
                         f"{type(exc).__name__}", "details": {"event_id": env.get("event_id")}}
                break
            results.append(res)
            acked = env["terminal_seq"]
        return {"results": results, "acked_through_seq": acked, "server_cursor": self.cursor(), "error": error}

    def apply_event(self, device: dict, env: dict) -> dict[str, Any]:
        """Apply one event in its own transaction; return its answer (EventResult as a dict)."""
        eid = env["event_id"]
        with self.write():
            r = self.conn.execute("SELECT payload_sha256, result FROM events WHERE event_id = ?", (eid,)).fetchone()
            if r is not None:
                first = json.loads(r[1])
                try:
                    same = r[0] == env["payload_sha256"] and payload_sha256(env["payload"]) == r[0]
                except ValueError:
                    same = False
                if same:
                    return {**first, "status": "duplicate", "original_status": first["status"]}
                return self._answer(env, "rejected", error={
                    "code": "event_id_reused", "message": f"Event {eid} was already received with a different payload; "
                    "the first version stands.", "details": {"stored_sha256": r[0], "sent_sha256": env["payload_sha256"]}})
            try:
                computed = payload_sha256(env["payload"])
            except ValueError:  # NaN/Infinity are not JSON
                return self._answer(env, "rejected", error={"code": "invalid_payload", "message": "The payload is not canonical JSON.",
                                                            "details": {}})
            if computed != env["payload_sha256"]:
                # not stored: a corrupted copy must not claim the id forever
                return self._answer(env, "rejected", error={
                    "code": "payload_hash_mismatch", "message": "The payload does not match its sha256; not applied.",
                    "details": {"computed": computed}})
            self.conn.execute("SAVEPOINT effects")
            conflicts: list[dict] = []
            try:
                if env["type"] == "settlement":
                    self._apply_settlement(env, conflicts)
                elif env["type"] == "conflict_resolution":
                    self._apply_resolution(env)
                else:
                    self._apply_void(env, conflicts)
            except Reject as rej:
                self.conn.execute("ROLLBACK TO effects")
                self.conn.execute("RELEASE effects")
                err = {"code": rej.code, "message": rej.message, "details": rej.details}
                conflicts = [{"kind": "rejected_event", "decision": "not_applied", "message": rej.message,
                              "details": {"code": rej.code, **rej.details}}]
                self._record_conflicts(env, conflicts)
                answer = self._answer(env, "rejected", error=err, conflicts=conflicts)
            else:
                self.conn.execute("RELEASE effects")
                self._record_conflicts(env, conflicts)
                answer = self._answer(env, "accepted_with_conflict" if conflicts else "accepted", conflicts=conflicts)
            self.conn.execute(
                """INSERT INTO events(event_id, device_id, store_id, terminal_id, terminal_seq, type, schema_version, payload,
                       payload_sha256, occurred_at, based_on_cursor, app_version, status, result, visible_seq, received_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (eid, device["device_id"], env["store_id"], env["terminal_id"], env["terminal_seq"], env["type"], env["schema_version"],
                 json.dumps(env["payload"], ensure_ascii=False), env["payload_sha256"], str(env["occurred_at"]), env.get("based_on_cursor"),
                 env["app_version"], answer["status"], json.dumps(answer, ensure_ascii=False), answer["visible_seq"],
                 self.clock().isoformat()))
            return answer

    def _answer(self, env: dict, status: str, *, error: dict | None = None, conflicts: list[dict] | None = None) -> dict:
        return {"event_id": env["event_id"], "terminal_seq": env["terminal_seq"], "status": status,
                "conflicts": [{k: c[k] for k in ("kind", "decision", "message", "details")} for c in (conflicts or [])],
                "error": error, "visible_seq": getattr(self, "_seq", 0) if self.conn.in_transaction else self.head(),
                "original_status": None}

    def _record_conflicts(self, env: dict, conflicts: list[dict]) -> None:
        p = env["payload"]
        now = self.clock().isoformat()
        for c in conflicts:
            other = c.get("other") or {}
            self.conn.execute(
                """INSERT INTO conflicts(kind, decision, message, event_id, store_id, terminal_id, checkout_id, subject, amount,
                       other_event_id, other_store_id, other_terminal_id, other_checkout_id, details, created_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (c["kind"], c["decision"], c["message"], env["event_id"], env["store_id"], env["terminal_id"],
                 p.get("checkout_id") if isinstance(p.get("checkout_id"), str) else None,
                 c.get("subject"), c.get("amount"), other.get("event_id"), other.get("store_id"), other.get("terminal_id"),
                 other.get("checkout_id"), json.dumps(c.get("details", {}), ensure_ascii=False), now))

    # ---- event semantics -------------------------------------------------------------------------
    def _require(self, p: dict, key: str, types) -> Any:
        v = p.get(key)
        if not isinstance(v, types):
            raise Reject("invalid_payload", f"payload.{key} is missing or of the wrong type", field=key)
        return v

    def _apply_settlement(self, env: dict, conflicts: list[dict]) -> None:
        p = env["payload"]
        store_id, terminal_id = env["store_id"], env["terminal_id"]
        if p.get("store_id") != store_id or p.get("terminal_id") != terminal_id:
            raise Reject("envelope_mismatch", "The payload's store/terminal differ from the envelope's.")
        checkout_id = self._require(p, "checkout_id", str)
        member_id = p.get("member_id")
        if not (member_id is None or isinstance(member_id, str)):
            raise Reject("invalid_payload", "payload.member_id is of the wrong type", field="member_id")
        coupons = self._require(p, "coupons", list)
        burns = self._require(p, "burns", list)
        earns = self._require(p, "earns", list)
        # Points are judged at the moment the terminal reports (an honest offline terminal spent
        # lots that were valid then), but never later than now: a clock running ahead must not
        # expire lots early and open false overdraft conflicts.
        occurred = min(_parse_at(p.get("occurred_at")) or env_dt(env), self.clock())
        if member_id is not None and self.get("member", member_id) is None:
            raise Reject("unknown_member", f"Member {member_id} is not known centrally.", member_id=member_id)
        b_epoch, b_seq = split_cursor(env.get("based_on_cursor"))
        if b_epoch != self.epoch:
            b_seq = 0
        ctx = {"event_id": env["event_id"], "store_id": store_id, "terminal_id": terminal_id, "checkout_id": checkout_id,
               "at": occurred.isoformat()}
        for c in coupons:
            if not (isinstance(c, dict) and isinstance(c.get("code"), str) and _int(c.get("uses"), 1)
                    and _int(c.get("discount", 0))):
                raise Reject("invalid_payload", "payload.coupons has a malformed entry", field="coupons")
            self._redeem(c, member_id, b_seq, ctx, conflicts)
        touched: set[tuple[str, str]] = set()
        if burns or earns:
            if member_id is None:
                raise Reject("invalid_payload", "points moved without a member", field="member_id")
        by_type: dict[str, int] = {}
        for b in burns:
            if not (isinstance(b, dict) and isinstance(b.get("lot_id"), str) and isinstance(b.get("point_type"), str)
                    and _int(b.get("points"), 0)):
                raise Reject("invalid_payload", "payload.burns has a malformed entry", field="burns")
            by_type[b["point_type"]] = by_type.get(b["point_type"], 0) + b["points"]
        for pt, want in by_type.items():
            have = self.balance(member_id, pt, occurred)
            if want > have:
                conflicts.append({"kind": "points_overdraft", "decision": "debit_posted_debt_recorded", "subject": member_id,
                                  "amount": want - have,
                                  "message": f"Member {member_id} spent {want} {pt} points with {have} available; "
                                             f"the debit was posted and a debt of {want - have} recorded.",
                                  "details": {"member_id": member_id, "point_type": pt, "requested": want, "available": have,
                                              "debt": want - have, **ctx}})
        for b in burns:
            self._move_points(member_id, b["lot_id"], b["point_type"], -b["points"], "burn", ctx, conflicts)
            touched.add((member_id, b["point_type"]))
        for e in earns:
            if not (isinstance(e, dict) and isinstance(e.get("lot_id"), str) and isinstance(e.get("point_type"), str)
                    and _int(e.get("points"), 0) and _expiry_ok(e.get("expires_at"))):
                raise Reject("invalid_payload", "payload.earns has a malformed entry", field="earns")
            if self.get("point_type", e["point_type"]) is None:
                raise Reject("unknown_point_type", f"Unknown point type {e['point_type']!r}.")
            self._move_points(member_id, e["lot_id"], e["point_type"], e["points"], "earn", ctx, conflicts,
                              expires_at=e.get("expires_at"), earned_at=occurred.isoformat())
            touched.add((member_id, e["point_type"]))
        for mid, pt in touched:
            self._settle_debts(mid, pt, occurred, ctx)

    def _redeem(self, c: dict, member_id: str | None, based_seq: int, ctx: dict, conflicts: list[dict]) -> None:
        code, uses = c["code"], c["uses"]
        body = self.get("coupon", code)
        if body is None:
            tpl = self.get("coupon_template", str(c.get("template_id")))
            if tpl is None:
                raise Reject("unknown_template", f"Coupon {code} is of unknown template {c.get('template_id')!r}.", code=code)
            t = json.loads(tpl["body"])
            body = {"code": code, "template_id": t["id"], "member_id": member_id if t.get("member_bound", True) else None,
                    "plain_code": None, "total_uses": t.get("uses", 1), "used_uses": 0, "status": "active", "valid_from": None,
                    "valid_until": None, "issued_at": None, "parent_code": c.get("parent_code")}
            if c.get("in_replica", False):
                conflicts.append({"kind": "unknown_coupon", "decision": "created_from_template", "subject": code, "amount": c.get("discount"),
                                  "message": f"Coupon {code} was not known centrally; it was created from template {t['id']}.",
                                  "details": {"code": code, **ctx}})
        total, used = body["total_uses"], body["used_uses"]
        remaining = total - used
        void = self.conn.execute("SELECT seq, reason, at FROM coupon_voids WHERE code = ?", (code,)).fetchone()
        if void is not None or body["status"] == "voided":
            void_seq = void[0] if void else 0
            knew = based_seq >= void_seq and void is not None
            decision = "flagged_terminal_had_void" if knew else "honoured_terminal_could_not_know"
            msg = (f"Coupon {code} was redeemed at {ctx['store_id']}/{ctx['terminal_id']} after it was voided centrally"
                   + (" although the terminal had already pulled the void." if knew else "; the terminal could not have known (honoured)."))
            conflicts.append({"kind": "redeemed_after_void", "decision": decision, "subject": code, "amount": c.get("discount"),
                              "message": msg, "details": {"code": code, "void_seq": void_seq, "based_on_seq": based_seq,
                                                          "void_reason": void[1] if void else None, "terminal_knew": knew, **ctx}})
        elif uses > remaining:
            first = self.conn.execute(
                """SELECT event_id, store_id, terminal_id, checkout_id, discount, at FROM coupon_ledger
                   WHERE code = ? AND kind = 'redeem' ORDER BY id LIMIT 1""", (code,)).fetchone()
            other = dict(zip(("event_id", "store_id", "terminal_id", "checkout_id", "discount", "at"), first)) if first else {}
            if total <= 1:
                conflicts.append({
                    "kind": "duplicate_redemption", "decision": "first_received_wins", "subject": code, "amount": c.get("discount"),
                    "other": other,
                    "message": f"Single-use coupon {code} was already redeemed"
                               + (f" at {other['store_id']}/{other['terminal_id']} (checkout {other['checkout_id']})" if other else "")
                               + f"; this redemption at {ctx['store_id']}/{ctx['terminal_id']} (checkout {ctx['checkout_id']}) "
                               "was posted as a conflict.",
                    "details": {"code": code, "winner": other, "loser": {**ctx, "discount": c.get("discount")}}})
            else:
                over = uses - max(remaining, 0)
                conflicts.append({
                    "kind": "voucher_overuse", "decision": "posted_as_overuse", "subject": code, "amount": over, "other": other,
                    "message": f"Stored voucher {code} had {max(remaining, 0)} of {total} uses left; {uses} were used at "
                               f"{ctx['store_id']}/{ctx['terminal_id']} ({over} too many).",
                    "details": {"code": code, "total_uses": total, "remaining": max(remaining, 0), "requested": uses, "over": over,
                                "discount": c.get("discount"), **ctx}})
        body["used_uses"] = used + uses
        self.put("coupon", code, body, body.get("member_id"))
        self.conn.execute(
            "INSERT INTO coupon_ledger(event_id, code, uses, discount, kind, store_id, terminal_id, checkout_id, at) VALUES (?,?,?,?,?,?,?,?,?)",
            (ctx["event_id"], code, uses, c.get("discount", 0), "redeem", ctx["store_id"], ctx["terminal_id"], ctx["checkout_id"], ctx["at"]))

    def balance(self, member_id: str, point_type: str, at: datetime) -> int:
        total = 0
        for lot in self.lots(member_id):
            if lot["point_type"] == point_type and lot["points"] > 0 and (lot["expires_at"] is None or at < _dt(lot["expires_at"])):
                total += lot["points"]
        return total

    def lots(self, member_id: str) -> list[dict]:
        return [json.loads(r[0]) for r in self.conn.execute(
            "SELECT body FROM entities WHERE kind = 'point_lot' AND member_id = ? AND deleted = 0", (member_id,))]

    def _move_points(self, member_id: str, lot_id: str, point_type: str, delta: int, kind: str, ctx: dict, conflicts: list,
                     *, expires_at: str | None = None, earned_at: str | None = None, note: str | None = None) -> None:
        lot = self.get("point_lot", lot_id)
        if lot is None:
            if kind in ("burn", "void_earn"):
                conflicts.append({"kind": "unknown_lot", "decision": "lot_created_negative", "subject": lot_id, "amount": -delta,
                                  "message": f"Points were moved on lot {lot_id}, unknown centrally; the lot was created.",
                                  "details": {"lot_id": lot_id, **ctx}})
            lot = {"lot_id": lot_id, "member_id": member_id, "point_type": point_type, "points": 0,
                   "earned_at": earned_at or ctx["at"], "expires_at": expires_at}
        elif lot["member_id"] != member_id:
            raise Reject("lot_member_mismatch", f"Lot {lot_id} belongs to another member.", lot_id=lot_id)
        lot["points"] += delta
        self.put("point_lot", lot_id, lot, member_id)
        self.conn.execute(
            """INSERT INTO point_ledger(event_id, member_id, lot_id, point_type, delta, kind, store_id, terminal_id, checkout_id, at, note)
               VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
            (ctx.get("event_id"), member_id, lot_id, point_type, delta, kind, ctx.get("store_id"), ctx.get("terminal_id"),
             ctx.get("checkout_id"), ctx["at"], note))

    def _settle_debts(self, member_id: str, point_type: str, at: datetime, ctx: dict) -> None:
        """Pay negative lots (debts) from positive usable lots, soonest-expiring first; new ledger entries."""
        lots = [lot for lot in self.lots(member_id) if lot["point_type"] == point_type]
        debts = sorted((lot for lot in lots if lot["points"] < 0), key=lambda lot: lot["lot_id"])
        if not debts:
            return
        pos = sorted((lot for lot in lots if lot["points"] > 0 and (lot["expires_at"] is None or at < _dt(lot["expires_at"]))),
                     key=lambda lot: (_dt(lot["expires_at"]).timestamp() if lot["expires_at"] else float("inf"), lot["earned_at"], lot["lot_id"]))
        for d in debts:
            for p in pos:
                if d["points"] >= 0:
                    break
                t = min(-d["points"], p["points"])
                if t <= 0:
                    continue
                self._move_points(member_id, p["lot_id"], point_type, -t, "debt_settle", ctx, [], note=f"pays debt on {d['lot_id']}")
                p["points"] -= t
                self._move_points(member_id, d["lot_id"], point_type, t, "debt_settle", ctx, [], note=f"paid from {p['lot_id']}")
                d["points"] += t

    def _apply_resolution(self, env: dict) -> None:
        """A manager's decision on a conflict of their store: absorb (the chain carries the loss),
        charge_member (recorded as a receivable with the conflict's amount; no ledger change),
        block_card (a member revocation every terminal pulls). Deciding twice keeps the first."""
        p = env["payload"]
        conflict_event = self._require(p, "conflict_event_id", str)
        kind = self._require(p, "kind", str)
        resolution = self._require(p, "resolution", str)
        reason = self._require(p, "reason", str).strip()
        manager_id = self._require(p, "manager_id", str)
        if resolution not in ("absorb", "charge_member", "block_card"):
            raise Reject("invalid_payload", f"unknown resolution {resolution!r}", field="resolution")
        if not reason:
            raise Reject("invalid_payload", "a resolution needs a reason", field="reason")
        row = self.conn.execute(
            "SELECT id, store_id, amount, resolved_at FROM conflicts WHERE event_id = ? AND kind = ? ORDER BY id LIMIT 1",
            (conflict_event, kind),
        ).fetchone()
        if row is None:
            raise Reject("unknown_conflict", f"No {kind} conflict for event {conflict_event}.", conflict_event_id=conflict_event)
        conflict_id, store_id, amount, resolved_at = row
        if store_id != env["store_id"]:
            raise Reject("wrong_store", "A store can only resolve its own conflicts.")
        if resolved_at is not None:
            return  # already decided: the first decision stands, the repeat changes nothing
        ev = self.conn.execute("SELECT payload FROM events WHERE event_id = ?", (conflict_event,)).fetchone()
        member_id = json.loads(ev[0]).get("member_id") if ev else None
        now = self.clock().isoformat()
        if resolution == "block_card":
            if not member_id:
                raise Reject("invalid_payload", "block_card needs a conflict with a member", field="resolution")
            self.put("revocation", f"member:{member_id}", {"kind": "member", "value": member_id,
                                                           "reason": f"conflict {conflict_id}: {reason}", "revoked_at": now})
        self.conn.execute(
            """INSERT INTO conflict_resolutions(conflict_id, event_id, resolution, reason, manager_id, store_id, member_id, amount, at)
               VALUES (?,?,?,?,?,?,?,?,?)""",
            (conflict_id, env["event_id"], resolution, reason, manager_id, store_id, member_id, amount, now),
        )
        self.conn.execute("UPDATE conflicts SET resolved_at = ? WHERE id = ?", (now, conflict_id))

    def _apply_void(self, env: dict, conflicts: list[dict]) -> None:
        p = env["payload"]
        orig_id = self._require(p, "voids_event_id", str)
        checkout_id = self._require(p, "checkout_id", str)
        coupons = self._require(p, "coupons", list)
        points = self._require(p, "points", list)
        orig = self.conn.execute("SELECT store_id, status, payload FROM events WHERE event_id = ?", (orig_id,)).fetchone()
        if orig is None:
            raise Reject("unknown_original_event", f"Void of event {orig_id}, which the server never received.", voids_event_id=orig_id)
        if orig[0] != env["store_id"]:
            raise Reject("wrong_store", "A store can only void its own settlements.")
        if self.conn.execute("SELECT 1 FROM events WHERE type = 'void' AND status != 'rejected' AND json_extract(payload, '$.voids_event_id') = ?",
                             (orig_id,)).fetchone():
            raise Reject("already_voided", f"Checkout {checkout_id} was already voided.")
        if orig[1] == "rejected":
            return  # the original had no central effect; nothing to reverse
        member_id = json.loads(orig[2]).get("member_id")
        at = _parse_at(p.get("occurred_at")) or env_dt(env)
        ctx = {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"], "checkout_id": checkout_id,
               "at": at.isoformat()}
        for c in coupons:
            if not (isinstance(c, dict) and isinstance(c.get("code"), str) and _int(c.get("uses")) and _int(c.get("discount", 0))):
                raise Reject("invalid_payload", "payload.coupons has a malformed entry", field="coupons")
            body = self.get("coupon", c["code"])
            if body is None:
                raise Reject("unknown_coupon", f"Void refers to unknown coupon {c['code']}.")
            body["used_uses"] += c["uses"]
            self.put("coupon", c["code"], body, body.get("member_id"))
            self.conn.execute(
                "INSERT INTO coupon_ledger(event_id, code, uses, discount, kind, store_id, terminal_id, checkout_id, at) VALUES (?,?,?,?,?,?,?,?,?)",
                (ctx["event_id"], c["code"], c["uses"], c.get("discount", 0), "void", ctx["store_id"], ctx["terminal_id"], checkout_id, ctx["at"]))
        touched = set()
        for pt in points:
            if not (isinstance(pt, dict) and isinstance(pt.get("lot_id"), str) and _int(pt.get("delta"))
                    and isinstance(pt.get("point_type", ""), str)):
                raise Reject("invalid_payload", "payload.points has a malformed entry", field="points")
            if member_id is None:
                raise Reject("invalid_payload", "points reversed without a member")
            kind = "void_burn" if pt["delta"] > 0 else "void_earn"
            self._move_points(member_id, pt["lot_id"], pt.get("point_type", ""), pt["delta"], kind, ctx, conflicts)
            touched.add(pt.get("point_type", ""))
        for t in touched:
            self._settle_debts(member_id, t, at, ctx)

    # ---- admin operations -------------------------------------------------------------------------
    def issue_coupon(self, template_id: str, *, member_id: str | None = None, code: str | None = None, number: str | None = None,
                     uses: int | None = None, valid_until: str | None = None) -> dict:
        with self.write():
            tpl = self.get("coupon_template", template_id)
            if tpl is None:
                raise AdminError(f"unknown template {template_id!r}")
            t = json.loads(tpl["body"])
            if member_id is not None and self.get("member", member_id) is None:
                raise AdminError(f"unknown member {member_id!r}")
            if t.get("member_bound", True) and member_id is None:
                raise AdminError(f"template {template_id} is member-bound: give --member")
            code = code or f"C-{uuid.uuid4().hex[:10].upper()}"
            if self.get("coupon", code) is not None:
                raise AdminError(f"coupon {code} already exists")
            body = {"code": code, "template_id": template_id, "member_id": member_id, "plain_code": number,
                    "total_uses": uses or t.get("uses", 1), "used_uses": 0, "status": "active", "valid_from": None,
                    "valid_until": valid_until, "issued_at": self.clock().isoformat(), "parent_code": None}
            self.put("coupon", code, body, member_id)
        return body

    def void_coupon(self, code: str, reason: str) -> int:
        with self.write():
            body = self.get("coupon", code)
            if body is None:
                raise AdminError(f"unknown coupon {code!r}")
            if body["status"] == "voided":
                raise AdminError(f"coupon {code} is already voided")
            body["status"] = "voided"
            seq = self.put("coupon", code, body, body.get("member_id"))
            self.conn.execute("INSERT INTO coupon_voids(code, seq, reason, at) VALUES (?,?,?,?)", (code, seq, reason, self.clock().isoformat()))
            self.conn.execute("INSERT INTO coupon_ledger(event_id, code, uses, discount, kind, at) VALUES (NULL,?,0,0,'admin_void',?)",
                              (code, self.clock().isoformat()))
        return seq

    def adjust_points(self, member_id: str, point_type: str, delta: int, reason: str, *, expires_at: str | None = None) -> str:
        now = self.clock()
        with self.write():
            if self.get("member", member_id) is None:
                raise AdminError(f"unknown member {member_id!r}")
            if self.get("point_type", point_type) is None:
                raise AdminError(f"unknown point type {point_type!r}")
            lot_id = f"adj-{uuid.uuid4().hex[:12]}"
            ctx = {"event_id": None, "store_id": None, "terminal_id": None, "checkout_id": None, "at": now.isoformat()}
            self._move_points(member_id, lot_id, point_type, delta, "adjust", ctx, [], expires_at=expires_at, note=reason)
            self._settle_debts(member_id, point_type, now, ctx)
        return lot_id

    def revoke_code(self, kind: str, value: str, reason: str) -> None:
        with self.write():
            self.put("revocation", f"{kind}:{value}", {"kind": kind, "value": value, "reason": reason,
                                                         "revoked_at": self.clock().isoformat()})

    def unrevoke_code(self, kind: str, value: str) -> None:
        with self.write():
            if self.get("revocation", f"{kind}:{value}") is None:
                raise AdminError(f"{kind} {value} is not revoked")
            self.tombstone("revocation", f"{kind}:{value}")

    def reset_epoch(self) -> str:
        """Force every terminal into a full resync (e.g. after restoring a backup)."""
        with self.write():
            epoch = secrets.token_hex(4)
            self.set_meta("epoch", epoch)
        return epoch

    def conflicts(self, store_id: str | None = None) -> list[dict]:
        cols = ("id", "kind", "decision", "message", "event_id", "store_id", "terminal_id", "checkout_id", "subject", "amount",
                "other_event_id", "other_store_id", "other_terminal_id", "other_checkout_id", "details", "created_at")
        q = f"SELECT {', '.join(cols)} FROM conflicts"
        args: Iterable = ()
        if store_id:
            q += " WHERE store_id = ? OR other_store_id = ?"
            args = (store_id, store_id)
        out = []
        for r in self.conn.execute(q + " ORDER BY id", tuple(args)):
            d = dict(zip(cols, r))
            d["details"] = json.loads(d["details"])
            out.append(d)
        return out

    # ---- totals (tests, reports) ---------------------------------------------------------------
    def totals(self) -> dict[str, Any]:
        c = self.conn
        return {
            "events": c.execute("SELECT COUNT(*) FROM events").fetchone()[0],
            "coupon_uses": c.execute("SELECT COALESCE(SUM(uses), 0) FROM coupon_ledger").fetchone()[0],
            "points": c.execute("SELECT COALESCE(SUM(delta), 0) FROM point_ledger").fetchone()[0],
            "point_rows": c.execute("SELECT COUNT(*) FROM point_ledger").fetchone()[0],
            "conflicts": c.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0],
        }


def _parse_at(v: Any) -> datetime | None:
    if not isinstance(v, str):
        return None
    try:
        d = datetime.fromisoformat(v)
    except ValueError:
        return None
    return d if d.tzinfo else None


def env_dt(env: dict) -> datetime:
    v = env["occurred_at"]
    return v if isinstance(v, datetime) else datetime.fromisoformat(str(v))
