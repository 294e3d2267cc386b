"""Back-office operations of the central server: catalog import, coupons issued and voided,
points adjusted, codes revoked, epoch reset, conflict lists. Used by the admin CLI
(`sync.server.admin`) and tests; each operation is one write transaction.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import uuid
from typing import Any, Iterable, Iterator

from terminal.catalog import CatalogIn, account_valid_until, default_total_uses, iso

from terminal.domain.codes import gs1_check_digit

from sync.server.errors import AdminError
from sync.server.judge import MAX_AMOUNT, Book, Facts, parse_at
from sync.server.ledgers import write_ops

log = logging.getLogger("sync.server")


def catalog_rows(cat: CatalogIn) -> Iterator[tuple[str, str, str | None, dict]]:
    """(kind, key, member_id, replica row) for every entity of a catalog, in dependency order."""
    yield "meta", "catalog_name", None, {"key": "catalog_name", "value": cat.name}
    yield "meta", "currency", None, {"key": "currency", "value": cat.currency}
    # what the counters offer for the rest of a sale (terminal/usecases/payment_methods.py)
    yield "meta", "payment_methods", None, {"key": "payment_methods", "value": json.dumps(cat.payment_methods)}
    yield "meta", "void_window_minutes", None, {"key": "void_window_minutes", "value": str(cat.policies.void_window_minutes)}
    yield "meta", "return_window_days", None, {"key": "return_window_days", "value": str(cat.policies.return_window_days)}
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
        yield "category", c.id, None, {"id": c.id, "name": c.name, "name_en": c.name_en, "key_order": c.key_order}
    for p in cat.products:
        yield "product", p.sku, None, {
            "sku": p.sku, "name": p.name, "category_id": p.category, "price": p.price, "barcode": p.barcode,
            "pp_point_type": p.points_price.point_type if p.points_price else None,
            "pp_points": p.points_price.points if p.points_price else None, "pp_cash": p.points_price.cash if p.points_price else None,
            "name_en": p.name_en, "key_order": p.quick_key.order if p.quick_key else None,
            "key_colour": p.quick_key.colour if p.quick_key else None}
    for r in cat.earn_rules:
        yield "earn_rule", r.id, None, {"id": r.id, "body": r.model_dump_json()}
    for t in cat.coupon_templates:
        yield "coupon_template", t.id, None, {"id": t.id, "body": t.model_dump_json()}
    for pr in cat.promotions:
        yield "promotion", pr.id, None, {"id": pr.id, "body": pr.model_dump_json()}
    for s in cat.staff:
        yield "staff", s.id, None, {"id": s.id, "name": s.name, "role": s.role, "pin_hash": s.pin_hash, "stores": json.dumps(s.stores)}
    for mm in cat.members:
        yield "member", mm.id, mm.id, {"id": mm.id, "name": mm.name, "tier_id": mm.tier, "birthday": iso(mm.birthday),
                                        "plain_code": mm.card_number, "status": mm.status, "home_store": mm.home_store,
                                        **({"phone": mm.phone} if mm.phone else {})}
    for mm in cat.members:
        for j, lot in enumerate(mm.lots):
            lot_id = lot.id or f"{mm.id}:{j}"
            yield "point_lot", lot_id, mm.id, {"lot_id": lot_id, "member_id": mm.id, "point_type": lot.point_type, "points": lot.points,
                                                "earned_at": iso(lot.earned_at), "expires_at": iso(lot.expires_at)}
    yield from value_rows(cat)
    tpls = {t.id: t for t in cat.coupon_templates}
    for c in sorted(cat.coupons, key=lambda c: c.parent is not None):
        yield "coupon", c.code, c.member, {
            "code": c.code, "template_id": c.template, "member_id": c.member, "plain_code": c.number,
            "total_uses": c.total_uses if c.total_uses is not None else default_total_uses(tpls[c.template]),
            "discount_given": 0, "used_uses": c.used_uses,
            "status": c.status, "valid_from": iso(c.valid_from), "valid_until": iso(c.valid_until), "issued_at": iso(c.issued_at),
            "parent_code": c.parent}
    for o in cat.exchange_offers:  # issue 15: chain-wide rows (the offer's brand/stores are checked by the rules)
        yield "exchange_offer", o.id, None, {"id": o.id, "body": o.model_dump_json()}
    for g in cat.giveaway_campaigns:
        yield "giveaway_campaign", g.id, None, {"id": g.id, "body": g.model_dump_json()}
    for vg in cat.visit_gifts:  # 來店禮 (issue 16; sync/server/visit_gifts.py)
        yield "visit_gift", vg.id, None, {"id": vg.id, "body": vg.model_dump_json()}
    for pc in cat.promo_campaigns:  # campaigns over several shared promo codes (issue 16; sync/server/promo_campaigns.py)
        yield "promo_campaign", pc.id, None, {"id": pc.id, "body": pc.model_dump_json()}


def value_rows(cat: CatalogIn) -> Iterator[tuple[str, str, str | None, dict]]:
    """Stored-value programs, top-up bonuses and accounts (wallets, gift cards) as entity rows. An
    account carries its program's brands (its feed scope) and, for a gift card, its number as
    `plain_code` (the server's only: a terminal receives a salted hash, sync/server/feed.py). Its
    opening balance is booked as an `issue` row of value_ledger by `import_catalog`."""
    progs = {p.id: p for p in cat.value_programs}
    for p in cat.value_programs:
        yield "value_program", p.id, None, {"id": p.id, "body": p.model_dump_json(), "brands": p.brands}
    for b in cat.topup_bonuses:
        yield "topup_bonus", b.id, None, {"id": b.id, "body": b.model_dump_json()}
    for a in cat.value_accounts:
        yield "value_account", a.id, a.member, {
            "account_id": a.id, "program_id": a.program, "member_id": a.member, "plain_code": a.number, "balance": a.balance,
            "status": a.status, "valid_from": iso(a.valid_from), "valid_until": iso(account_valid_until(a, progs.get(a.program))),
            "brands": progs[a.program].brands if a.program in progs else []}


def _index_members(conn, cat: CatalogIn) -> None:
    """The catalog's members in `member_search_keys` (phone, name key; sync/server/member_search.py), in bulk.
    AdminError when a catalog member's phone belongs to another member already (one signed up at a counter):
    nothing imported (the caller's write rolls back). Phones repeated within the catalog are refused by its check."""
    from terminal.domain.phones import name_key

    ids = [(mm.id,) for mm in cat.members]
    conn.executemany("DELETE FROM member_search_keys WHERE member_id = ?", ids)  # a catalog may swap two members' phones
    phones = [mm for mm in cat.members if mm.phone]
    for i in range(0, len(phones), 500):
        chunk = phones[i:i + 500]
        r = conn.execute(f"SELECT phone, member_id FROM member_search_keys WHERE phone IN ({','.join('?' * len(chunk))}) "
                         "ORDER BY phone LIMIT 1", tuple(mm.phone for mm in chunk)).fetchone()
        if r is not None:
            who = next(mm.id for mm in chunk if mm.phone == r[0])
            raise AdminError(f"member {who}: phone {r[0]} is already the phone of member {r[1]}")
    conn.executemany("INSERT INTO member_search_keys(member_id, phone, name_key) VALUES (?, ?, ?)",
                     [(mm.id, mm.phone, name_key(mm.name)) for mm in cat.members])


ID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")
MAX_USES = 10_000
MAX_REASON = 500  # characters of a reason that is replicated (revocations)
ALLOWANCE_BOUNDS = {"stored_voucher_uses": (0, MAX_USES), "points_per_member": (0, 10**7),
                    "unreplicated_coupon_max_age_hours": (0, 24 * 366), "valid_hours": (1, 24 * 31),
                    "override_stored_voucher_uses": (0, MAX_USES), "override_points_per_member": (0, 10**7),
                    "stale_state_uses": (0, 1000), "shared_code_uses": (0, MAX_USES), "override_shared_code_uses": (0, MAX_USES),
                    "stored_value_per_account": (0, 10**8), "override_stored_value_per_account": (0, 10**8),
                    "giveaway_claims": (0, 100_000), "device_vouchers_unbacked": (0, 100_000)}


def check_allowances(values: dict) -> None:
    """Each given allowance an integer within its bounds (else AdminError): a negative one made
    /v1/allowances answer 500 to every terminal."""
    for k, v in values.items():
        if v is None:
            continue
        lo, hi = ALLOWANCE_BOUNDS[k]
        if not (isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi):
            raise AdminError(f"--{k.replace('_', '-')} must be {lo}..{hi}, not {v}")


class BackofficeMixin:
    """Admin operations of CentralStore (needs `write`, `get`, `put`, `conn`, `clock`, `lots`)."""

    # ---- catalog -------------------------------------------------------------------------------
    def has_catalog(self) -> bool:
        return self.conn.execute("SELECT 1 FROM entities WHERE kind = 'store' LIMIT 1").fetchone() is not None

    def import_catalog(self, cat: CatalogIn, *, demo: bool = False) -> dict[str, int]:
        """Upsert every entity of the catalog (each gets a new change sequence). The public demo
        issuer key (`terminal.catalog.DEMO_PUBLIC_KEYS`) is left out unless `demo` (a server run as the demo);
        `self.import_warnings` then says so, and the log too."""
        from terminal.catalog import demo_key_warning, without_demo_keys

        self.import_warnings: list[str] = []
        if not demo:
            cat, dropped = without_demo_keys(cat)
            if dropped:
                self.import_warnings.append(demo_key_warning(dropped))
                log.warning("catalog import: %s", self.import_warnings[-1])
        from sync.server.slices import SCOPED_KINDS, frame, scope_tokens, with_exits

        counts: dict[str, int] = {}
        self.card_salt()  # made before the write (member_cards keeps salted card hashes)
        with self.write():
            self.set_meta("member_slices", "1" if cat.policies.member_slices else "0")
            old = {(k, key): scope for k, key, scope in self.conn.execute(
                "SELECT kind, key, scope FROM entities WHERE deleted = 0 AND kind IN ('brand','store','staff','earn_rule','coupon_template')")}
            store_brand = {st.id: st.brand for st in cat.stores}
            tpl_scope: dict[str, str | None] = {}
            feed, rows = self.feed(), []
            for kind, key, member_id, body in catalog_rows(cat):
                counts[kind] = counts.get(kind, 0) + 1
                if kind == "value_account":  # an existing account keeps its balance; a new one books its opening
                    from sync.server.value_admin import imported_account

                    body = imported_account(self, body)
                if kind in SCOPED_KINDS:  # who may receive it (sync/server/slices.py); narrowed: exit tokens
                    scope = with_exits(old.get((kind, key)), scope_tokens(kind, body, store_brand), (kind, key) in old)
                else:
                    scope = frame(scope_tokens(kind, body, store_brand, tpl_scope))
                if kind == "coupon_template":
                    tpl_scope[key] = scope
                rows.append((kind, key, member_id, body, scope))
                if len(rows) >= 5000:
                    feed.put_many(rows)
                    rows = []
            feed.put_many(rows)
            from terminal.domain.member_data import card_hash

            salt = self.meta("card_hash_salt")  # member_cards: salted card hash -> member, for the online lookup
            self.conn.executemany("DELETE FROM member_cards WHERE member_id = ?", [(mm.id,) for mm in cat.members])
            self.conn.executemany(
                "INSERT INTO member_cards(card_hash, member_id) VALUES (?, ?) ON CONFLICT(card_hash) DO UPDATE SET member_id = excluded.member_id",
                [(card_hash(salt, mm.card_number), mm.id) for mm in cat.members if mm.card_number])
            self.set_home_slices({mm.id: mm.home_store for mm in cat.members})
            _index_members(self.conn, cat)
        return counts
    def issue_coupon(self, template_id: str, *, member_id: str | None = None, code: str | None = None, number: str | None = None,
                     uses: int | None = None, valid_until: str | None = None) -> dict:
        code = code or f"C-{uuid.uuid4().hex[:10].upper()}"
        with self.write():
            self.lock_keys(f"coupon:{code}", *([f"member:{member_id}"] if member_id else []))
            tpl = self.get("coupon_template", template_id)
            if tpl is None:
                raise AdminError(f"unknown template {template_id!r}")
            t = json.loads(tpl["body"])
            if member_id is not None and self.get("member", member_id) is None:
                raise AdminError(f"unknown member {member_id!r}")
            if t.get("member_bound", True) and member_id is None:
                raise AdminError(f"template {template_id} is member-bound: give --member")
            if self.get("coupon", code) is not None:
                raise AdminError(f"coupon {code} already exists")
            self._check_new_coupon(code, number, uses, valid_until)
            body = {"code": code, "template_id": template_id, "member_id": member_id, "plain_code": number,
                    "total_uses": uses or t.get("uses", 1), "used_uses": 0, "status": "active", "valid_from": None,
                    "valid_until": valid_until, "issued_at": self.clock().isoformat(), "parent_code": None}
            self.put("coupon", code, body, member_id)
        return body

    def _check_new_coupon(self, code: str, number: str | None, uses: int | None, valid_until: str | None) -> None:
        """What every terminal's replica accepts (else one bad row stops every terminal's pull)."""
        if not ID_RE.fullmatch(code):
            raise AdminError(f"coupon code {code[:80]!r}: 1-64 characters of A-Z a-z 0-9 . _ -")
        if uses is not None and not (isinstance(uses, int) and 1 <= uses <= MAX_USES):
            raise AdminError(f"--uses must be 1..{MAX_USES}, not {uses}")
        if valid_until is not None and parse_at(valid_until) is None:
            raise AdminError(f"--valid-until must be an ISO 8601 time with a zone (e.g. 2027-01-01T00:00:00+08:00), "
                             f"not {valid_until[:80]!r}")
        if number is not None:
            if not (number.isascii() and number.isdigit() and 8 <= len(number) <= 20 and gs1_check_digit(number[:-1]) == int(number[-1])):
                raise AdminError(f"--number {number[:80]!r}: 8-20 digits ending in a GS1 check digit")
            taken = self.conn.execute(
                """SELECT kind, key FROM entities WHERE kind IN ('coupon', 'member', 'product') AND deleted = 0 AND (
                       json_extract(body, '$.plain_code') = ? OR json_extract(body, '$.barcode') = ?) LIMIT 1""", (number, number)).fetchone()
            if taken is not None:
                raise AdminError(f"--number {number} is already the number of {taken[0]} {taken[1]}")

    def void_coupon(self, code: str, reason: str) -> int:
        if not (0 < len(reason.strip()) <= MAX_REASON):
            raise AdminError(f"--reason must be 1..{MAX_REASON} characters")
        with self.write():
            self.lock_keys(f"coupon:{code}")
            body = self.get("coupon", code)
            if body is None:
                raise AdminError(f"unknown coupon {code!r}")
            if body["status"] == "voided":
                raise AdminError(f"coupon {code} is already voided")
            body["status"] = "voided"
            at = self.clock().isoformat()
            self.put("coupon", code, body, body.get("member_id"))
            feed = self.feed()
            feed.on_stamped(lambda conn, stamp: self.conn.execute(  # the void's position: the coupon row's, given at commit
                "INSERT INTO coupon_voids(code, seq, reason, at) VALUES (?,?,?,?)", (code, stamp.seq_of("coupon", code), reason, at)))
            self.conn.execute("INSERT INTO coupon_ledger(event_id, code, uses, discount, kind, at) VALUES (NULL,?,0,0,'admin_void',?)",
                              (code, at))
        return feed.stamp.seq_of("coupon", code)

    def adjust_points(self, member_id: str, point_type: str, delta: int, reason: str, *, expires_at: str | None = None) -> str:
        if not (isinstance(delta, int) and 0 < abs(delta) <= MAX_AMOUNT):
            raise AdminError(f"--delta must be a non-zero integer of at most {MAX_AMOUNT}")
        if expires_at is not None and parse_at(expires_at) is None:
            raise AdminError(f"--expires-at must be an ISO 8601 time with a zone, not {expires_at[:80]!r}")
        now = self.clock()
        with self.write():
            self.lock_keys(f"member:{member_id}")
            if self.get("member", member_id) is None:
                raise AdminError(f"unknown member {member_id!r}")
            if self.get("point_type", point_type) is None:
                raise AdminError(f"unknown point type {point_type!r}")
            lot_id = f"adj-{uuid.uuid4().hex[:12]}"
            ctx = {"event_id": None, "store_id": None, "terminal_id": None, "checkout_id": None, "at": now.isoformat()}
            book = Book(Facts(epoch=self.epoch, now=now, lots={lot["lot_id"]: lot for lot in self.lots(member_id)}))
            book.move_points(member_id, lot_id, point_type, delta, "adjust", ctx, expires_at=expires_at, note=reason)
            book.settle_debts(member_id, point_type, now, ctx)
            write_ops(self, book.ops)
        return lot_id

    def revoke_code(self, kind: str, value: str, reason: str) -> None:
        """Revoke a member, coupon or issuer key chain-wide (a revocation row every terminal pulls)."""
        if kind not in ("member", "coupon", "key"):
            raise AdminError(f"--kind must be member, coupon or key, not {kind[:40]!r}")
        if not (0 < len(value) <= 200) or not (0 < len(reason.strip()) <= MAX_REASON):
            raise AdminError(f"--value must be 1..200 characters and --reason 1..{MAX_REASON}")
        if kind == "key":
            value = str(_key_id(value))
        with self.write():
            self.put("revocation", f"{kind}:{value}", {"kind": kind, "value": value, "reason": reason,
                                                         "revoked_at": self.clock().isoformat()})

    def retire_key(self, key_id: str, reason: str) -> int:
        """Retire an issuer key for good: its feed row is tombstoned (every terminal deletes it) and
        a `key` revocation carries the reason, so a code it signed is refused offline as revoked,
        with that reason, and the server's re-judgement no longer trusts it. Returns the change
        sequence of the tombstone. AdminError for a key id outside 0..255 or not in the feed."""
        kid = str(_key_id(key_id))
        if not (0 < len(reason.strip()) <= MAX_REASON):
            raise AdminError(f"--reason must be 1..{MAX_REASON} characters")
        with self.write():
            if self.get("issuer_key", kid) is None:
                raise AdminError(f"no live issuer key {kid} in the feed")
            self.put("revocation", f"key:{kid}", {"kind": "key", "value": kid, "reason": reason,
                                                  "revoked_at": self.clock().isoformat()})
            self.tombstone("issuer_key", kid)
            feed = self.feed()
        seq = feed.stamp.seq_of("issuer_key", kid)
        log.warning("issuer key %s retired: %s", kid, reason)
        return seq

    def unrevoke_code(self, kind: str, value: str) -> None:
        with self.write():
            if self.get("revocation", f"{kind}:{value}") is None:
                raise AdminError(f"{kind} {value} is not revoked")
            self.tombstone("revocation", f"{kind}:{value}")

    def drop_row(self, kind: str, key: str, reason: str) -> int:
        """Repair the feed: tombstone a row terminals cannot hold (each deletes it and clears its
        quarantine entry). The reason goes to the log; the row's history stays in the ledgers."""
        if not reason.strip():
            raise AdminError("drop-row needs a reason")
        with self.write():
            if self.get(kind, key) is None and self.conn.execute(
                    "SELECT 1 FROM entities WHERE kind = ? AND key = ? AND deleted = 0", (kind, key)).fetchone() is None:
                raise AdminError(f"no live {kind} {key!r} in the feed")
            self.tombstone(kind, key)
            feed = self.feed()
        seq = feed.stamp.seq_of(kind, key)
        log.warning("feed row %s %s dropped: %s", kind, key, reason)
        return seq

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
            "coupon_uses": c.execute("SELECT CAST(COALESCE(SUM(uses), 0) AS BIGINT) FROM coupon_ledger").fetchone()[0],
            "points": c.execute("SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) FROM point_ledger").fetchone()[0],
            "point_rows": c.execute("SELECT COUNT(*) FROM point_ledger").fetchone()[0],
            "conflicts": c.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0],
        }


def _key_id(value: str) -> int:
    """An issuer key id as codes carry it: one byte, 0..255 (AdminError otherwise)."""
    try:
        kid = int(str(value).strip())
    except ValueError:
        kid = -1
    if not 0 <= kid <= 255:
        raise AdminError(f"an issuer key id is a whole number 0..255, not {str(value)[:40]!r}")
    return kid
