"""Reads and writes of the replica and the local ledgers, in domain terms.

Replica rows (members, lots, coupon instances...) mirror the server. This terminal's own
effects live in the append-only ledgers; what the counter shows is the replica plus the
ledger rows of events the replica does not reflect yet (`outbox.reflected = 0`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Iterable

from sqlite_utils import Database

from terminal.catalog import CatalogIn, default_total_uses, earn_rule_from_json, iso, template_from_json
from terminal.catalog_promotions import promotion_from_json
from terminal.domain import models as m
from terminal.domain.settlement import SettlementPlan
from terminal.storage.db import transaction
from terminal.storage.member_value import gifted_owners


def _dt(s: str | None) -> datetime | None:
    return None if s is None else datetime.fromisoformat(s)


class Replica:
    """Typed access to one terminal database. All writes happen inside `transaction()`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn = db.conn
        self._catalog_cache: tuple[str, dict[str, Any]] | None = None
        self._catalog_probe: tuple[int, int] | None = None

    # ---- meta ------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def applied_cursor(self) -> str | None:
        """The pull cursor of the state the replica shows (events carry it as `based_on_cursor`).

        Ahead of it, `pull_cursor` may already count pages staged but not applied yet: what
        the cashier could see is what the replica shows, not what waits in staging."""
        return self.get_meta("replica_cursor") or self.get_meta("pull_cursor")

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def record_app_version(self, version: str | None = None) -> None:
        """Note the first time this app version opened the replica (a write only when it is new)."""
        from datetime import timezone

        from terminal import __version__

        version = version or __version__
        if self.conn.execute("SELECT 1 FROM app_versions WHERE version = ?", (version,)).fetchone():
            return
        with transaction(self.db):
            self.conn.execute("INSERT OR IGNORE INTO app_versions(version, first_seen_at) VALUES (?, ?)",
                              (version, datetime.now(timezone.utc).isoformat()))

    def app_versions(self) -> list[tuple[str, str]]:
        return [tuple(r) for r in self.conn.execute("SELECT version, first_seen_at FROM app_versions ORDER BY first_seen_at")]

    # ---- catalog import (caller holds the transaction) ------------------------------
    def import_catalog(self, cat: CatalogIn) -> dict[str, int]:
        """Replace the replica content with the catalog. Local ledgers must be empty."""
        if self.conn.execute("SELECT 1 FROM outbox LIMIT 1").fetchone():
            raise RuntimeError("this terminal already has settlements; a catalog can only initialise a fresh replica")
        for table in ("exchange_offers", "giveaway_campaigns", "coupon_instances", "point_lots", "members", "coupon_templates", "earn_rules", "promotions", "products", "categories",
                      "point_types", "tiers", "stores", "brands", "issuer_keys", "staff", "revocations"):
            self.conn.execute(f"DELETE FROM {table}")
        db = self.db
        db["brands"].insert_all(({"id": b.id, "name": b.name} for b in cat.brands))
        db["stores"].insert_all(({"id": s.id, "brand_id": s.brand, "name": s.name, "timezone": s.timezone} for s in cat.stores))
        db["tiers"].insert_all(({"id": t.id, "name": t.name, "rank": t.rank} for t in cat.tiers))
        db["point_types"].insert_all(
            {"id": p.id, "name": p.name, "burn_points": p.burn.points if p.burn else 1, "burn_value": p.burn.value if p.burn else 0,
             "validity_days": p.validity_days, "max_burn_percent": p.burn.max_percent if p.burn else 0, "burnable": int(p.burn is not None)}
            for p in cat.point_types
        )
        db["categories"].insert_all(({"id": c.id, "name": c.name, "name_en": c.name_en, "key_order": c.key_order}
                                     for c in cat.categories))
        db["products"].insert_all(
            {"sku": p.sku, "name": p.name, "category_id": p.category, "price": p.price, "barcode": p.barcode,
             "pp_point_type": p.points_price.point_type if p.points_price else None,
             "pp_points": p.points_price.points if p.points_price else None,
             "pp_cash": p.points_price.cash if p.points_price else None, "name_en": p.name_en,
             "key_order": p.quick_key.order if p.quick_key else None, "key_colour": p.quick_key.colour if p.quick_key else None}
            for p in cat.products
        )
        db["earn_rules"].insert_all(({"id": r.id, "body": r.model_dump_json()} for r in cat.earn_rules))
        db["coupon_templates"].insert_all(({"id": t.id, "body": t.model_dump_json()} for t in cat.coupon_templates))
        db["promotions"].insert_all(({"id": p.id, "body": p.model_dump_json()} for p in cat.promotions))
        # least privilege (terminal/storage/keyed.py): masked names, birth months, card and coupon numbers and PIN
        # hashes keyed with this replica's secret (unprotected: a replica made from a file, see
        # terminal/storage/replica_secret.py), the same form as a synced replica's
        from terminal.domain.member_data import birth_month, mask_name
        from terminal.storage.replica_secret import ReplicaSecrets
        from terminal.storage import keyed

        secret = ReplicaSecrets(self).unprotected()
        salt = keyed.salt(self.conn, create=True)
        db["members"].insert_all(
            ({"id": mm.id, "name": mask_name(mm.name), "tier_id": mm.tier, "birth_month": birth_month(mm.birthday),
              "card_key": keyed.card_key_of_number(secret, salt, mm.card_number) if mm.card_number else None, "status": mm.status,
              "phone_key": keyed.phone_key_of(secret, salt, mm.phone) if mm.phone else None}
             for mm in cat.members), batch_size=2000,
        )
        db["point_lots"].insert_all(
            ({"lot_id": lot.id or f"{mm.id}:{j}", "member_id": mm.id, "point_type": lot.point_type, "points": lot.points,
              "earned_at": iso(lot.earned_at), "expires_at": iso(lot.expires_at), "origin": "replica"}
             for mm in cat.members for j, lot in enumerate(mm.lots)), batch_size=2000,
        )
        tpls = {t.id: t for t in cat.coupon_templates}
        # parents before children so the parent_code reference is meaningful when read
        ordered = sorted(cat.coupons, key=lambda c: c.parent is not None)
        db["coupon_instances"].insert_all(
            ({"code": c.code, "template_id": c.template, "member_id": c.member,
              "number_key": keyed.number_key_of(secret, salt, c.number) if c.number else None,
              "total_uses": c.total_uses if c.total_uses is not None else default_total_uses(tpls[c.template]), "used_uses": c.used_uses,
              "status": c.status, "valid_from": iso(c.valid_from), "valid_until": iso(c.valid_until), "issued_at": iso(c.issued_at),
              "parent_code": c.parent, "origin": "replica"} for c in ordered), batch_size=2000,
        )
        db["issuer_keys"].insert_all(({"key_id": k.key_id, "public_key": k.public_key, "status": "active"} for k in cat.issuer_keys))
        db["staff"].insert_all(
            ({"id": s.id, "name": s.name, "role": s.role, "pin_hash": keyed.keyed_pin_hash(s.pin_hash, secret),
              "stores": json.dumps(s.stores)} for s in cat.staff)
        )
        from terminal.storage import value_store
        from terminal.storage.member_value import import_value_catalog
        from terminal.storage.promo_store import import_promo_campaigns
        from terminal.storage.visit_gift_store import import_visit_gifts

        value_store.import_catalog(self.conn, cat, secret, salt)
        import_value_catalog(self.conn, cat)
        import_promo_campaigns(self.conn, cat)
        import_visit_gifts(self.conn, cat)
        self.set_meta("catalog_name", cat.name)
        self.set_meta("currency", cat.currency)
        self.set_meta("payment_methods", json.dumps(cat.payment_methods))
        self.set_meta("void_window_minutes", str(cat.policies.void_window_minutes))
        self.set_meta("return_window_days", str(cat.policies.return_window_days))
        self.bump_catalog_version()
        return {"members": len(cat.members), "coupons": len(cat.coupons), "stores": len(cat.stores), "products": len(cat.products)}

    def bump_catalog_version(self) -> None:
        v = int(self.get_meta("catalog_version", "0") or 0) + 1
        self.set_meta("catalog_version", str(v))

    # ---- catalog reads (cached until the catalog version changes) --------------------
    def catalog(self) -> dict[str, Any]:
        # data_version moves when another connection commits; total_changes when this one
        # writes. Unchanged both: the catalog cannot have changed, skip even the meta read.
        probe = (self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes)
        if self._catalog_cache and self._catalog_probe == probe:
            return self._catalog_cache[1]
        version = self.get_meta("catalog_version", "0") or "0"
        self._catalog_probe = probe
        if self._catalog_cache and self._catalog_cache[0] == version:
            return self._catalog_cache[1]
        c = self.conn
        data = {
            "stores": {r[0]: m.Store(r[0], r[1], r[2], r[3]) for r in c.execute("SELECT id, brand_id, name, timezone FROM stores")},
            "brands": {r[0]: m.Brand(r[0], r[1]) for r in c.execute("SELECT id, name FROM brands")},
            "tiers": {r[0]: m.Tier(r[0], r[1], r[2]) for r in c.execute("SELECT id, name, rank FROM tiers")},
            "point_types": {
                r[0]: m.PointType(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]))
                for r in c.execute("SELECT id, name, burn_points, burn_value, validity_days, max_burn_percent, burnable FROM point_types")
            },
            "earn_rules": tuple(earn_rule_from_json(r[0]) for r in c.execute("SELECT body FROM earn_rules ORDER BY id")),
            "templates": {r[0]: template_from_json(r[1]) for r in c.execute("SELECT id, body FROM coupon_templates")},
            "promotions": tuple(promotion_from_json(r[0]) for r in c.execute("SELECT body FROM promotions ORDER BY id")),
            "keys": {r[0]: r[1] for r in c.execute("SELECT key_id, public_key FROM issuer_keys WHERE status = 'active'")},
        }
        self._catalog_cache = (version, data)
        return data

    def product(self, sku_or_barcode: str) -> m.Product | None:
        r = self.conn.execute(
            "SELECT sku, name, category_id, price, barcode, pp_point_type, pp_points, pp_cash FROM products WHERE sku = ? OR barcode = ?",
            (sku_or_barcode, sku_or_barcode),
        ).fetchone()
        if r is None:
            return None
        pp = m.PointsPrice(r[5], r[6], r[7]) if r[5] else None
        return m.Product(r[0], r[1], r[2], r[3], r[4], pp)

    def products(self) -> list[m.Product]:
        rows = self.conn.execute("SELECT sku FROM products ORDER BY category_id, sku").fetchall()
        return [p for (sku,) in rows if (p := self.product(sku)) is not None]

    # ---- members and points ---------------------------------------------------------
    def member(self, member_id: str) -> m.Member | None:
        """The member as this terminal knows it: masked name, birth month, no card number."""
        r = self.conn.execute("SELECT id, name, tier_id, birth_month, status FROM members WHERE id = ?", (member_id,)).fetchone()
        return self._member(r)

    def card_hash_salt(self) -> str | None:
        """The salt card numbers are hashed with (from the server, or made with a catalog import); None before any."""
        from terminal.storage.keyed import salt

        return salt(self.conn)

    def member_by_number(self, number: str, secret) -> m.Member | None:
        """The member whose card number is `number`, found by its card_key under `secret` (a
        `terminal.storage.replica_secret.ReplicaSecret`; None: nothing is keyed, so no member)."""
        salt = self.card_hash_salt()
        if secret is None or salt is None:
            return None
        from terminal.storage.keyed import card_key_of_number

        return self.member_by_card_key(card_key_of_number(secret, salt, number))

    def member_by_phone(self, e164: str, secret) -> m.Member | None:
        """The member whose phone is `e164` (E.164), found by its phone_key under `secret` (None: nothing
        is keyed, so no member); a member of this store's slice only (terminal/storage/keyed.py)."""
        salt = self.card_hash_salt()
        if secret is None or salt is None:
            return None
        from terminal.storage.keyed import phone_key_of

        r = self.conn.execute("SELECT id, name, tier_id, birth_month, status FROM members WHERE phone_key = ? ORDER BY id LIMIT 1",
                              (phone_key_of(secret, salt, e164),)).fetchone()
        return self._member(r)

    def set_member_phone(self, member_id: str, e164: str, secret) -> bool:
        """Key `e164` (E.164) as the phone of `member_id`, a member signed up at this till, so an exact phone
        search finds them offline (the server never sends phones); False when nothing can be keyed (no secret
        or salt) or the member is not here. Call inside a transaction."""
        salt = self.card_hash_salt()
        if secret is None or salt is None:
            return False
        from terminal.storage.keyed import phone_key_of

        cur = self.conn.execute("UPDATE members SET phone_key = ? WHERE id = ?", (phone_key_of(secret, salt, e164), member_id))
        return cur.rowcount == 1

    def member_by_card_key(self, key: str) -> m.Member | None:
        r = self.conn.execute("SELECT id, name, tier_id, birth_month, status FROM members WHERE card_key = ?", (key,)).fetchone()
        return self._member(r)

    @staticmethod
    def _member(r) -> m.Member | None:
        if r is None:
            return None
        return m.Member(r[0], r[1], r[2], r[3], None, None, r[4])

    def lots(self, member_id: str) -> tuple[m.PointLot, ...]:
        """Replica lots plus this terminal's unreflected ledger effects on them."""
        rows = self.conn.execute(
            """SELECT l.lot_id, l.point_type, l.points + COALESCE((
                   SELECT SUM(pl.delta) FROM point_ledger pl JOIN outbox o ON o.event_id = pl.event_id
                   WHERE pl.lot_id = l.lot_id AND o.reflected = 0), 0),
                   l.earned_at, l.expires_at
               FROM point_lots l WHERE l.member_id = ?""",
            (member_id,),
        ).fetchall()
        return tuple(m.PointLot(r[0], member_id, r[1], r[2], datetime.fromisoformat(r[3]), _dt(r[4])) for r in rows)

    # ---- coupons --------------------------------------------------------------------
    _COUPON_SQL = """SELECT c.code, c.template_id, c.member_id, c.total_uses, c.used_uses + COALESCE((
            SELECT SUM(cl.uses) FROM coupon_ledger cl JOIN outbox o ON o.event_id = cl.event_id
            WHERE cl.code = c.code AND o.reflected = 0), 0),
            c.status, c.valid_from, c.valid_until, c.issued_at, c.parent_code, c.origin, c.discount_given + COALESCE((
            SELECT SUM(cl.discount) FROM coupon_ledger cl JOIN outbox o ON o.event_id = cl.event_id
            WHERE cl.code = c.code AND o.reflected = 0), 0), c.gifted_from
        FROM coupon_instances c"""

    def coupon(self, code: str) -> m.CouponInstance | None:
        return self._campaign(self._coupon(self.conn.execute(self._COUPON_SQL + " WHERE c.code = ?", (code,)).fetchone()))

    def _campaign(self, inst: m.CouponInstance | None) -> m.CouponInstance | None:
        """A shared promo code of a campaign carries the campaign's state (terminal/storage/promo_store.py)."""
        from terminal.storage.promo_store import with_campaign

        return with_campaign(self.conn, self.catalog()["templates"], inst) if inst is not None else None

    def coupon_by_number(self, number: str, secret) -> m.CouponInstance | None:
        """The coupon whose printed number is `number`, found by its number_key under `secret` (a
        `terminal.storage.replica_secret.ReplicaSecret`; None: nothing is keyed, so no coupon). The replica
        holds no coupon number (terminal/storage/keyed.py): `plain_code` of the result is None."""
        salt = self.card_hash_salt()
        if secret is None or salt is None:
            return None
        from terminal.storage.keyed import number_key_of

        return self.coupon_by_number_key(number_key_of(secret, salt, number))

    def coupon_by_number_key(self, key: str) -> m.CouponInstance | None:
        return self._campaign(self._coupon(self.conn.execute(self._COUPON_SQL + " WHERE c.number_key = ?", (key,)).fetchone()))

    def coupon_numbers_pending(self) -> bool:
        """True while an upgraded replica waits for its coupons' number keys (migration 0009; the next full pull)."""
        from terminal.storage.keyed import META_COUPONS_PENDING

        return self.get_meta(META_COUPONS_PENDING) == "1"

    def coupon_children(self, code: str) -> list[m.CouponInstance]:
        return [self._coupon(r) for r in self.conn.execute(self._COUPON_SQL + " WHERE c.parent_code = ? ORDER BY c.code", (code,))]

    def member_coupons(self, member_id: str) -> list[m.CouponInstance]:
        return [self._coupon(r) for r in self.conn.execute(self._COUPON_SQL + " WHERE c.member_id = ? ORDER BY c.code", (member_id,))]

    @staticmethod
    def _coupon(r) -> m.CouponInstance | None:
        if r is None:
            return None
        return m.CouponInstance(
            code=r[0], template_id=r[1], member_id=r[2], total_uses=r[3], used_uses=r[4], status=r[5], valid_from=_dt(r[6]),
            valid_until=_dt(r[7]), issued_at=_dt(r[8]), parent_code=r[9], in_replica=r[10] == "replica", discount_given=r[11],
            gifted_from=gifted_owners(r[12]),
        )

    def template_history(self, member_id: str, template_id: str) -> tuple[datetime, ...]:
        """One timestamp per use of the template by the member, in this terminal's ledger (the
        replica has no history), sales voided since left out: a void frees the use of the sale it
        voids, not the latest one."""
        rows = self.conn.execute(
            """SELECT cl.at, cl.uses FROM coupon_ledger cl
               WHERE cl.member_id = ? AND cl.template_id = ? AND cl.kind = 'redeem'
               AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.checkout_id = cl.checkout_id)""",
            (member_id, template_id),
        ).fetchall()
        return tuple(datetime.fromisoformat(at) for at, uses in rows for _ in range(max(uses, 0)))

    def is_revoked(self, kind: str, value: str) -> str | None:
        r = self.conn.execute("SELECT reason FROM revocations WHERE kind = ? AND value = ?", (kind, value)).fetchone()
        return r[0] if r else None

    def staff(self, staff_id: str) -> dict[str, Any] | None:
        r = self.conn.execute("SELECT id, name, role, pin_hash, stores FROM staff WHERE id = ?", (staff_id,)).fetchone()
        if r is None:
            return None
        return {"id": r[0], "name": r[1], "role": r[2], "pin_hash": r[3], "stores": json.loads(r[4])}

    # ---- local writes (caller holds the transaction) --------------------------------
    def next_terminal_seq(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(terminal_seq), 0) + 1 FROM outbox").fetchone()[0]

    def append_event(self, *, event_id: str, type_: str, schema_version: int, payload_json: str, sha256: str, created_at: str) -> int:
        seq = self.next_terminal_seq()
        self.conn.execute(
            "INSERT INTO outbox(event_id, terminal_seq, type, schema_version, payload, payload_sha256, created_at) VALUES (?,?,?,?,?,?,?)",
            (event_id, seq, type_, schema_version, payload_json, sha256, created_at),
        )
        return seq

    def ensure_signed_coupon(self, inst: m.CouponInstance) -> None:
        """Record a genuine signed coupon not yet replicated, so its uses can be ledgered."""
        self.conn.execute(
            """INSERT INTO coupon_instances(code, template_id, member_id, total_uses, used_uses, status, valid_from, valid_until,
                   issued_at, origin) VALUES (?,?,?,?,0,'active',?,?,?,'signed') ON CONFLICT(code) DO NOTHING""",
            (inst.code, inst.template_id, inst.member_id, inst.total_uses, iso(inst.valid_from), iso(inst.valid_until), iso(inst.issued_at)),
        )

    def write_settlement(self, plan: SettlementPlan, *, event_id: str, request_sha256: str, store_id: str, terminal_id: str,
                         cashier_id: str, at: datetime, receipt: dict) -> None:
        at_s = at.isoformat()
        self.conn.execute(
            """INSERT INTO settlements(checkout_id, request_sha256, store_id, terminal_id, cashier_id, member_id, gross,
                   coupon_discount, points_discount, total, settled_at, event_id, receipt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (plan.checkout_id, request_sha256, store_id, terminal_id, cashier_id, plan.member_id, plan.gross, plan.coupon_discount,
             plan.points_discount, plan.total, at_s, event_id, json.dumps(receipt, ensure_ascii=False)),
        )
        if plan.promotion_uses:
            self.conn.executemany(
                """INSERT INTO promotion_ledger(event_id, checkout_id, promotion_id, member_id, discount, units, kind, at)
                   VALUES (?,?,?,?,?,?,'apply',?)""",
                [(event_id, plan.checkout_id, u.promotion_id, plan.member_id, u.discount, u.units, at_s) for u in plan.promotion_uses],
            )
        self.conn.executemany(
            """INSERT INTO coupon_ledger(event_id, checkout_id, code, template_id, member_id, uses, discount, kind, at, parent_code, partner)
               VALUES (?,?,?,?,?,?,?,'redeem',?,?,?)""",
            [(event_id, plan.checkout_id, u.code, u.template_id, plan.member_id, u.uses, u.discount, at_s, u.parent_code, u.partner)
             for u in plan.coupon_uses],
        )
        for lot in plan.earned:
            self.conn.execute(
                "INSERT INTO point_lots(lot_id, member_id, point_type, points, earned_at, expires_at, origin) VALUES (?,?,?,0,?,?,'local')",
                (lot.lot_id, plan.member_id, lot.point_type, at_s, iso(lot.expires_at)),
            )
        rows = [(event_id, plan.checkout_id, plan.member_id, pt, lot_id, -pts, "burn", None, at_s) for lot_id, pt, pts in plan.burns]
        rows += [(event_id, plan.checkout_id, plan.member_id, e.point_type, e.lot_id, e.points, "earn", e.rule_id, at_s) for e in plan.earned]
        self.conn.executemany(
            "INSERT INTO point_ledger(event_id, checkout_id, member_id, point_type, lot_id, delta, kind, rule_id, at) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )

    def settlement(self, checkout_id: str) -> dict[str, Any] | None:
        r = self.conn.execute(
            """SELECT s.checkout_id, s.request_sha256, s.settled_at, s.member_id, s.receipt, s.event_id, v.voided_at, s.store_id
               FROM settlements s LEFT JOIN voids v ON v.checkout_id = s.checkout_id WHERE s.checkout_id = ?""",
            (checkout_id,),
        ).fetchone()
        if r is None:
            return None
        return {"checkout_id": r[0], "request_sha256": r[1], "settled_at": datetime.fromisoformat(r[2]), "member_id": r[3],
                "receipt": json.loads(r[4]), "event_id": r[5], "voided_at": r[6], "store_id": r[7]}

    def write_void(self, *, checkout_id: str, original_event_id: str, event_id: str, manager_id: str, reason: str, at: datetime) -> dict:
        """Compensating entries: the exact negation of the original ledger rows."""
        at_s = at.isoformat()
        coupon_rows = self.conn.execute(
            "SELECT code, template_id, member_id, uses, discount, parent_code, partner FROM coupon_ledger WHERE event_id = ? AND kind = 'redeem'",
            (original_event_id,),
        ).fetchall()
        self.conn.executemany(
            """INSERT INTO coupon_ledger(event_id, checkout_id, code, template_id, member_id, uses, discount, kind, at, parent_code, partner)
               VALUES (?,?,?,?,?,?,?,'void',?,?,?)""",
            [(event_id, checkout_id, r[0], r[1], r[2], -r[3], -r[4], at_s, r[5], r[6]) for r in coupon_rows],
        )
        point_rows = self.conn.execute(
            "SELECT member_id, point_type, lot_id, delta, kind, rule_id FROM point_ledger WHERE event_id = ? AND kind IN ('earn','burn')",
            (original_event_id,),
        ).fetchall()
        self.conn.executemany(
            "INSERT INTO point_ledger(event_id, checkout_id, member_id, point_type, lot_id, delta, kind, rule_id, at) VALUES (?,?,?,?,?,?,?,?,?)",
            [(event_id, checkout_id, r[0], r[1], r[2], -r[3], "void_" + r[4], r[5], at_s) for r in point_rows],
        )
        promo_rows = self.conn.execute(
            "SELECT promotion_id, member_id, discount, units FROM promotion_ledger WHERE event_id = ? AND kind = 'apply'",
            (original_event_id,),
        ).fetchall()
        self.conn.executemany(  # exact negation of what the promotions took off (issue 16)
            """INSERT INTO promotion_ledger(event_id, checkout_id, promotion_id, member_id, discount, units, kind, at)
               VALUES (?,?,?,?,?,?,'void',?)""",
            [(event_id, checkout_id, r[0], r[1], -r[2], -r[3], at_s) for r in promo_rows],
        )
        self.conn.execute(
            "INSERT INTO voids(checkout_id, manager_id, reason, voided_at, event_id) VALUES (?,?,?,?,?)",
            (checkout_id, manager_id, reason, at_s, event_id),
        )
        return {
            "coupons": [{"code": r[0], "template_id": r[1], "uses": -r[3], "discount": -r[4]} for r in coupon_rows],
            "points": [{"lot_id": r[2], "point_type": r[1], "delta": -r[3], "kind": "void_" + r[4]} for r in point_rows],
        }

    def audit(self, *, at: datetime, actor_id: str, action: str, reason: str, details: dict) -> None:
        self.conn.execute(
            "INSERT INTO audit_log(at, actor_id, action, reason, details) VALUES (?,?,?,?,?)",
            (at.isoformat(), actor_id, action, reason, json.dumps(details, ensure_ascii=False)),
        )

    def outbox_stats(self) -> dict[str, Any]:
        r = self.conn.execute("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE state = 'pending'").fetchone()
        return {"pending": r[0], "oldest_pending_at": r[1]}

    def outbox_events(self, state: str | None = None) -> list[dict[str, Any]]:
        q = "SELECT event_id, terminal_seq, type, payload, payload_sha256, state, created_at FROM outbox"
        args: Iterable = ()
        if state:
            q += " WHERE state = ?"
            args = (state,)
        return [
            {"event_id": r[0], "terminal_seq": r[1], "type": r[2], "payload": json.loads(r[3]), "payload_sha256": r[4], "state": r[5], "created_at": r[6]}
            for r in self.conn.execute(q + " ORDER BY terminal_seq", tuple(args))
        ]
