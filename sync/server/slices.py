"""Store slices: which rows of the change feed a device receives (issue 14, section 3).

Two filters, both applied in SQL when a device pulls (sync/server/feed.py), so a store PC never
receives — not even as a tombstone key — rows that are not for it:

**Brand and store scope (`entities.scope`, written at put time).** NULL = every device. Otherwise
space-framed tokens, e.g. `" b:A s:A-001 "`: a device of store S of brand B receives the row when
the scope holds `b:B` or `s:S`. Per kind, from the catalog format (terminal/catalog.py):

    brand            b:<its id>                 (a device holds its own brand only)
    store            b:<its brand>              (the stores of its brand)
    earn_rule        scope.stores -> s:<store>, each store also in scope.brands when both are given;
                     else scope.brands -> b:<brand>; else NULL (chain-wide)
    coupon_template  stores / brands the same way
    coupon           its template's scope (a coupon of a brand-B template never reaches brand A)
    staff            stores -> s:<store>; [] -> NULL (chain-wide staff, docs/sync.md)
    slice            s:<store>                  (the slice entries of one store)
    device_key       b:<the device's brand>     (voucher signing keys, sync/server/device_keys.py)
    tier, point_type, category, product, issuer_key, revocation, meta: NULL — chain-wide in the
                     catalog format (products, point types and issuer keys carry no brand)

A catalog import that narrows a row's scope adds exit tokens (`-b:A`, `-s:S`, `-*` when the row
was chain-wide): a device that matches an exit token but no longer the scope receives the row as a
tombstone. Exit tokens accumulate (they are few: a catalog's brands and stores).

**Member slice (`store_members`).** A row with a `member_id` (member, point lots, member-bound
coupons) reaches a device only while that member is in its store's slice: the store is the
member's `home_store` (catalog), the member bought there within SLICE_RETENTION_DAYS (the server
adds the entry when it books the settlement, in the settlement's own transaction), or a counter of
the store looked the member up online (POST /v1/member-lookup). Entering a slice is a feed event:
the entry is an entity row of kind `slice` (key "<store>:<member>", scope s:<store>, no member_id)
and every row of the member is touched (new positions, same bodies) in the same transaction, so
they reach that store's terminals even though their old positions are behind their cursors.
Leaving (`prune_slices`, or a home store moved away) tombstones the `slice` row: the terminal
deletes the member's replica rows (sync/client.py). A chain whose catalog leaves
`policies.member_slices` false (the default: small chains, the demo) keeps every member in every
slice, as before.
"""

from __future__ import annotations

import json as _json
from datetime import datetime, timedelta
from typing import Any, Iterable

SLICE_RETENTION_DAYS = 90  # a member who bought at a store stays in its slice this long after the last purchase
LOOKUP_RETENTION_DAYS = 30  # a member looked up online at a store, without buying there
SCOPED_KINDS = frozenset({"brand", "store", "staff", "earn_rule", "coupon_template", "slice", "device_key"})  # + coupon (by its template)


# ---- scope tokens ------------------------------------------------------------------------------

def frame(tokens: Iterable[str] | None) -> str | None:
    """The stored scope text of a token set (None = chain-wide)."""
    if tokens is None:
        return None
    return " " + " ".join(sorted(set(tokens))) + " " if tokens else " none "


def tokens_of(scope: str | None) -> set[str] | None:
    return None if scope is None else set(scope.split())


def _scoped(stores: list, brands: list, store_brand: dict[str, str]) -> set[str] | None:
    if stores:
        return {f"s:{s}" for s in stores if not brands or store_brand.get(s) in brands}
    if brands:
        return {f"b:{b}" for b in brands}
    return None


def scope_tokens(kind: str, body: Any, store_brand: dict[str, str], template_scope: dict[str, str | None] | None = None) -> set[str] | None:
    """The scope tokens of a row (`body` as stored: dict); None = chain-wide. `store_brand` maps store
    ids to brand ids; `template_scope` template id -> stored scope (for coupons)."""
    if not isinstance(body, dict):
        return None
    try:
        if kind == "brand":
            return {f"b:{body['id']}"}
        if kind == "store":
            return {f"b:{body['brand_id']}"}
        if kind == "slice":
            return {f"s:{body['store_id']}"}
        if kind == "device_key":  # a terminal's voucher signing key: the terminals of its brand
            return {f"b:{body['brand_id']}"}
        if kind == "staff":
            stores = body.get("stores")
            stores = _json.loads(stores) if isinstance(stores, str) else stores
            return {f"s:{s}" for s in stores} if stores else None
        if kind in ("earn_rule", "coupon_template"):
            inner = _json.loads(body["body"]) if isinstance(body.get("body"), str) else body
            if kind == "earn_rule":
                sc = inner.get("scope") or {}
                return _scoped(sc.get("stores") or [], sc.get("brands") or [], store_brand)
            return _scoped(inner.get("stores") or [], inner.get("brands") or [], store_brand)
        if kind in ("value_program", "value_account"):  # stored value / gift cards: the program's brands
            return _scoped([], body.get("brands") or [], store_brand)
        if kind == "coupon" and template_scope is not None:
            t = tokens_of(template_scope.get(body.get("template_id")))
            return None if t is None else {x for x in t if not x.startswith("-")}
    except (KeyError, TypeError, ValueError):
        return {"none"}  # unreadable: sent to nobody (fail closed)
    return None


def with_exits(old_scope: str | None, new: set[str] | None, existed: bool) -> str | None:
    """The scope to store when a row that had `old_scope` (`existed`) now has tokens `new`: devices
    that matched before but not now get exit tokens (they receive a tombstone)."""
    if new is None:
        return None
    if not existed:
        return frame(new)
    old = tokens_of(old_scope)
    if old is None:
        return frame(new | {"-*"})
    exits = {t for t in old if t.startswith("-")} | {f"-{t}" for t in old if not t.startswith("-") and t != "none"}
    return frame(new | {t for t in exits if t[1:] not in new})


def device_match(scope: str | None, brand: str | None, store: str) -> str:
    """'upsert' when a device of `store` (brand `brand`) receives the row, 'delete' when it gets a
    tombstone (an exit token), '' when it gets nothing."""
    if scope is None:
        return "upsert"
    t = scope.split()
    if f"s:{store}" in t or (brand is not None and f"b:{brand}" in t):
        return "upsert"
    if "-*" in t or f"-s:{store}" in t or (brand is not None and f"-b:{brand}" in t):
        return "delete"
    return ""


def like(token: str) -> str:
    """A LIKE pattern (ESCAPE '\\') that finds ` token ` in a scope."""
    return "% " + token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"


# ---- the migration's backfill ------------------------------------------------------------------

def backfill(conn) -> None:
    """Fill `entities.scope` of existing rows, `store_members` from the accepted settlements and
    `member_cards` (when the chain has its card salt), on an Alembic connection (revision 0005)."""
    from sqlalchemy import text

    from terminal.domain.member_data import card_hash

    json = _json
    rows = conn.execute(text("SELECT kind, key, body FROM entities WHERE deleted = 0 AND kind IN "
                             "('brand','store','staff','earn_rule','coupon_template')")).fetchall()
    store_brand = {}
    for kind, key, body in rows:
        if kind == "store":
            store_brand[key] = json.loads(body).get("brand_id")
    tpl: dict[str, str | None] = {}
    for kind, key, body in rows:
        scope = frame(scope_tokens(kind, json.loads(body), store_brand))
        if kind == "coupon_template":
            tpl[key] = scope
        if scope is not None:
            conn.execute(text("UPDATE entities SET scope = :s WHERE kind = :k AND key = :key"), {"s": scope, "k": kind, "key": key})
    for key, body in conn.execute(text("SELECT key, body FROM entities WHERE kind = 'coupon' AND deleted = 0")).fetchall():
        scope = frame(scope_tokens("coupon", json.loads(body), store_brand, tpl))
        if scope is not None:
            conn.execute(text("UPDATE entities SET scope = :s WHERE kind = 'coupon' AND key = :key"), {"s": scope, "key": key})
    bought: dict[tuple[str, str], str] = {}
    for store_id, payload, at in conn.execute(text(
            "SELECT store_id, payload, received_at FROM events WHERE type = 'settlement' AND status IN ('accepted', 'accepted_with_conflict')")):
        member = json.loads(payload).get("member_id")
        if isinstance(member, str):
            bought[(store_id, member)] = max(at, bought.get((store_id, member), ""))
    for (store_id, member), at in bought.items():
        conn.execute(text("INSERT INTO store_members(store_id, member_id, home, bought_at) VALUES (:s, :m, 0, :at)"),
                     {"s": store_id, "m": member, "at": at})
    salt = conn.execute(text("SELECT value FROM meta WHERE key = 'card_hash_salt'")).scalar()
    if salt:
        for key, body in conn.execute(text("SELECT key, body FROM entities WHERE kind = 'member' AND deleted = 0")).fetchall():
            number = json.loads(body).get("plain_code")
            if isinstance(number, str) and number:
                conn.execute(text("INSERT INTO member_cards(card_hash, member_id) VALUES (:h, :m) ON CONFLICT DO NOTHING"),
                             {"h": card_hash(salt, number), "m": key})


# ---- the store's slice operations ----------------------------------------------------------------

class SliceMixin:
    """Slice entries of CentralStore (needs `write`, `conn`, `feed`, `lock_keys`, `meta`, `clock`, `card_salt`)."""

    def member_slices(self) -> bool:
        """Whether member slices apply (catalog `policies.member_slices`, kept in meta at import)."""
        return self.meta("member_slices") == "1"

    def store_brand(self, store_id: str) -> str | None:
        r = self.conn.execute("SELECT body FROM entities WHERE kind = 'store' AND key = ? AND deleted = 0", (store_id,)).fetchone()
        return _json.loads(r[0]).get("brand_id") if r else None

    def slice_enter(self, store_id: str, member_id: str, reason: str, at: datetime | None = None) -> bool:
        """Inside a write holding `member:<id>`: `member_id` is in `store_id`'s slice from now on
        (`reason` 'bought' | 'lookup' | 'home'). When it was not, the entry is a feed event: a `slice`
        row and every row of the member touched (new positions). True when it entered now."""
        if not self.member_slices():
            return False
        at_text = (at or self.clock()).isoformat()
        col = {"bought": "bought_at", "lookup": "looked_up_at"}.get(reason)
        was = self.conn.execute("SELECT 1 FROM store_members WHERE store_id = ? AND member_id = ?", (store_id, member_id)).fetchone()
        if was is not None:
            if col:
                self.conn.execute(f"UPDATE store_members SET {col} = ? WHERE store_id = ? AND member_id = ?", (at_text, store_id, member_id))
            else:
                self.conn.execute("UPDATE store_members SET home = 1 WHERE store_id = ? AND member_id = ?", (store_id, member_id))
            return False
        self.conn.execute("INSERT INTO store_members(store_id, member_id, home, bought_at, looked_up_at) VALUES (?,?,?,?,?)",
                          (store_id, member_id, int(reason == "home"), at_text if reason == "bought" else None,
                           at_text if reason == "lookup" else None))
        feed = self.feed()
        feed.put("slice", f"{store_id}:{member_id}", {"store_id": store_id, "member_id": member_id}, None, frame({f"s:{store_id}"}))
        for kind, key in self.conn.execute("SELECT kind, key FROM entities WHERE member_id = ? AND deleted = 0 ORDER BY kind, key",
                                           (member_id,)).fetchall():
            feed.touch(kind, key)
        return True

    def slice_leave(self, store_id: str, member_id: str) -> None:
        """Inside a write: `member_id` leaves `store_id`'s slice; its terminals receive the `slice`
        tombstone and delete the member's rows."""
        self.conn.execute("DELETE FROM store_members WHERE store_id = ? AND member_id = ?", (store_id, member_id))
        feed, key = self.feed(), f"{store_id}:{member_id}"
        if not feed.tombstone("slice", key):
            feed.put("slice", key, {"store_id": store_id, "member_id": member_id}, None, frame({f"s:{store_id}"}))
            feed.tombstone("slice", key)

    def prune_slices(self, *, bought_days: int = SLICE_RETENTION_DAYS, lookup_days: int = LOOKUP_RETENTION_DAYS,
                     now: datetime | None = None, limit: int = 10_000) -> int:
        """Members leave the slices of stores that are not their home store and where they neither
        bought within `bought_days` nor were looked up within `lookup_days` (at most `limit` entries
        per call, each member under its lock). Returns how many entries left."""
        now = now or self.clock()
        b_cut, l_cut = (now - timedelta(days=bought_days)).isoformat(), (now - timedelta(days=lookup_days)).isoformat()
        with self.read():
            due = self.conn.execute(
                """SELECT store_id, member_id FROM store_members WHERE home = 0
                   AND (bought_at IS NULL OR bought_at < ?) AND (looked_up_at IS NULL OR looked_up_at < ?)
                   ORDER BY member_id, store_id LIMIT ?""", (b_cut, l_cut, limit)).fetchall()
        left = 0
        for store_id, member_id in due:
            with self.write():
                self.lock_keys(f"member:{member_id}")
                still = self.conn.execute(
                    """SELECT 1 FROM store_members WHERE store_id = ? AND member_id = ? AND home = 0
                       AND (bought_at IS NULL OR bought_at < ?) AND (looked_up_at IS NULL OR looked_up_at < ?)""",
                    (store_id, member_id, b_cut, l_cut)).fetchone()
                if still:
                    self.slice_leave(store_id, member_id)
                    left += 1
        return left

    def member_lookup(self, device: dict, *, member_id: str | None = None, card_hash: str | None = None) -> dict[str, Any]:
        """A counter asks for a member outside its slice (POST /v1/member-lookup): the member enters
        the device's store slice (a feed event) and the answer says from which position the rows are
        in the feed. Bounded per device and audited (sync/server/member_lookup_bound.py). Raises
        LookupError when no such member exists (only the audit row written), RateLimited (nothing written)."""
        from sync.server.member_lookup_bound import member_lookup

        return member_lookup(self, device, member_id=member_id, card_hash=card_hash)

    def set_home_slices(self, homes: dict[str, str | None]) -> None:
        """Inside the catalog import's write: each member in `homes` (id -> home store or None) has
        that home entry; a home entry elsewhere is dropped (the member leaves that slice unless it
        bought or was looked up there within the retention)."""
        if not self.member_slices():
            return
        current: dict[str, list[str]] = {}
        for store_id, member_id in self.conn.execute("SELECT store_id, member_id FROM store_members WHERE home = 1").fetchall():
            current.setdefault(member_id, []).append(store_id)
        now = self.clock()
        b_cut = (now - timedelta(days=SLICE_RETENTION_DAYS)).isoformat()
        l_cut = (now - timedelta(days=LOOKUP_RETENTION_DAYS)).isoformat()
        for member_id, home in homes.items():
            for old in current.get(member_id, []):
                if old == home:
                    continue
                r = self.conn.execute("SELECT bought_at, looked_up_at FROM store_members WHERE store_id = ? AND member_id = ?",
                                      (old, member_id)).fetchone()
                if (r[0] or "") >= b_cut or (r[1] or "") >= l_cut:
                    self.conn.execute("UPDATE store_members SET home = 0 WHERE store_id = ? AND member_id = ?", (old, member_id))
                else:
                    self.slice_leave(old, member_id)
            if home is not None and home not in current.get(member_id, []):
                self._home_enter(home, member_id)

    def _home_enter(self, store_id: str, member_id: str) -> None:
        """A home entry at import: the member's rows are being put in this same transaction, so only
        the `slice` row is written (or the entry marked home when it was there for a purchase)."""
        done = self.conn.execute("UPDATE store_members SET home = 1 WHERE store_id = ? AND member_id = ?", (store_id, member_id))
        if done.rowcount:
            return
        self.conn.execute("INSERT INTO store_members(store_id, member_id, home) VALUES (?, ?, 1)", (store_id, member_id))
        self.feed().put("slice", f"{store_id}:{member_id}", {"store_id": store_id, "member_id": member_id}, None,
                        frame({f"s:{store_id}"}))
