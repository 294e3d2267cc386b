"""Fetch, before judging: everything a pushed event names, read on the writer connection inside
the event's transaction, into a `sync.server.judge.Facts`.

Each function reads only rows named by the event (its member, codes, templates, lot ids,
original event, conflict) plus the member's lots: a settlement costs a handful of indexed reads.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from terminal.catalog import earn_rule_from_json, exchange_offer_from_json, template_from_json, visit_gift_from_json
from terminal.catalog_promotions import promotion_from_json
from terminal.domain import device_codes
from terminal.infra.crypto import DeviceKeyRing, KeyRing
from terminal.domain import models as m
from terminal.domain.member_data import birth_month
from terminal.domain.ownership import resolve_ownership
from terminal.domain.reasons import DomainError
from terminal.domain.referral import parse_referral, referee_coupon_code
from terminal.domain.visit_gift import gift_code

from sync.server.archive import events_all
from sync.server.bounds import known_seq
from sync.server.judge import MAX_COUPON_USES, Facts
from sync.server.next_order import next_order_codes
from sync.server.promo_campaigns import campaign_facts
from sync.server.purchases import KIND as PURCHASES
from sync.server.purchases import history_of
from sync.server.referrals import KIND as REFERRAL
from sync.server.referrals import referral_lot
from sync.server.rules import RuleFacts

if TYPE_CHECKING:
    from sync.server.store import CentralStore

log = logging.getLogger("sync.server")

_FIRST_COLS = ("event_id", "store_id", "terminal_id", "checkout_id", "discount", "at")


def _dicts(v) -> list[dict]:
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _strs(rows: list[dict], key: str) -> list[str]:
    return [x[key] for x in rows if isinstance(x.get(key), str)]


def coupon_facts(store: CentralStore, facts: Facts, codes: list[str], template_ids: list[str]) -> None:
    """Coupon rows (and their change sequences), central voids and first redemptions of `codes`;
    template bodies of `template_ids`."""
    conn = store.conn
    for code in codes:
        if code in facts.coupons:
            continue
        row = _row(store, "coupon", code)
        facts.coupons[code] = row[0] if row else None
        if row is not None:
            facts.coupon_seqs[code] = row[1]
        v = conn.execute("SELECT seq, reason, at FROM coupon_voids WHERE code = ?", (code,)).fetchone()
        if v is not None:
            facts.voids[code] = {"seq": v[0], "reason": v[1], "at": v[2]}
        first = conn.execute(f"SELECT {', '.join(_FIRST_COLS)} FROM coupon_ledger WHERE code = ? AND kind = 'redeem' "
                             "ORDER BY id LIMIT 1", (code,)).fetchone()
        if first is not None:
            facts.first_redemptions[code] = dict(zip(_FIRST_COLS, first))
    for tid in template_ids:
        if tid not in facts.templates and (tpl := store.get("coupon_template", tid)) is not None:
            facts.templates[tid] = json.loads(tpl["body"])


def lot_facts(store: CentralStore, facts: Facts, member_id: str | None, lot_ids: list[str]) -> None:
    """Every lot of the member, and each named lot (which may belong to someone else)."""
    if isinstance(member_id, str):
        for lot in store.lots(member_id):
            facts.lots[lot["lot_id"]] = lot
    for lot_id in lot_ids:
        if lot_id not in facts.lots and (lot := store.get("point_lot", lot_id)) is not None:
            facts.lots[lot_id] = lot


def own_use_facts(store: CentralStore, facts: Facts, env: dict, codes: list[str]) -> None:
    """This terminal's own coupon_ledger uses of each code, one (visible_seq, net uses) per event
    (its redeem rows and its voids): bounds a coupon's uses per terminal and the offline
    allowance's unsynced uses (`sync.server.judge._bounded_uses`)."""
    for code in codes[:MAX_COUPON_USES + 1]:  # more entries are rejected by the judge anyway
        if code not in facts.own_uses:
            facts.own_uses[code] = [(v, u) for v, u in store.conn.execute(
                """SELECT e.visible_seq, CAST(SUM(cl.uses) AS BIGINT) FROM coupon_ledger cl JOIN events e ON e.event_id = cl.event_id
                   WHERE cl.code = ? AND cl.store_id = ? AND cl.terminal_id = ? GROUP BY cl.event_id, e.visible_seq""",
                (code, env["store_id"], env["terminal_id"]))]


def later_use_facts(store: CentralStore, facts: Facts, env: dict, codes: list[str]) -> None:
    """Per code, the uses booked by events made visible after the state the settlement is judged to
    know (any terminal): with the coupon row, the coupon as that state showed it."""
    known = known_seq(env, facts.previous, epoch=facts.epoch, head=facts.head)
    for code in codes[:MAX_COUPON_USES + 1]:
        if code not in facts.uses_after:
            facts.uses_after[code] = store.conn.execute(
                """SELECT CAST(COALESCE(SUM(cl.uses), 0) AS BIGINT) FROM coupon_ledger cl JOIN events e ON e.event_id = cl.event_id
                   WHERE cl.code = ? AND e.visible_seq > ?""", (code, known)).fetchone()[0]


def claim_facts(store: CentralStore, facts: Facts, env: dict) -> None:
    """The feed's head and this terminal's earlier claims (`terminal_claims`, sync.server.bounds)."""
    facts.head = store.head()
    r = store.conn.execute("SELECT epoch, known_seq, window_seq, occurred_at FROM terminal_claims WHERE store_id = ? "
                           "AND terminal_id = ?", (env["store_id"], env["terminal_id"])).fetchone()
    facts.previous = dict(zip(("epoch", "known_seq", "window_seq", "occurred_at"), r)) if r else None
    if facts.previous is not None and facts.previous["epoch"] == facts.epoch:  # the window starts at or above it
        facts.stale_seqs = [v for (v,) in store.conn.execute(
            """SELECT e.visible_seq FROM conflicts c JOIN events e ON e.event_id = c.event_id
               WHERE c.store_id = ? AND c.terminal_id = ? AND c.decision = 'honoured_terminal_could_not_know'
                 AND e.visible_seq > ?""", (env["store_id"], env["terminal_id"], facts.previous["window_seq"]))]


def signed_here(store: CentralStore, body: dict | None, env: dict) -> bool:
    """Is `body` a coupon created from a voucher that the device of `env`'s store/terminal signed
    (`signed_by_device`, sync/server/rules.py) and that no event issued yet? Its issuing event (the
    exchange or sale that event derives the code from) then adopts it, keeping the uses booked."""
    if not isinstance(body, dict) or not isinstance(body.get("signed_by_device"), str) or body.get("issued_by_event"):
        return False
    d = store.conn.execute("SELECT store_id, terminal_id FROM devices WHERE device_id = ?", (body["signed_by_device"],)).fetchone()
    return d is not None and (d[0], d[1]) == (env.get("store_id"), env.get("terminal_id"))


def settlement_facts(store: CentralStore, env: dict) -> Facts:
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    facts = Facts(epoch=store.epoch, now=store.clock())
    claim_facts(store, facts, env)
    member_id = p.get("member_id")
    if isinstance(member_id, str) and (row := _row(store, "member", member_id)) is not None and isinstance(row[0], dict):
        facts.member, facts.member_seq = row
    coupons = _dicts(p.get("coupons"))
    coupon_facts(store, facts, _strs(coupons, "code"), [str(c.get("template_id")) for c in coupons])
    own_use_facts(store, facts, env, _strs(coupons, "code"))
    later_use_facts(store, facts, env, _strs(coupons, "code"))
    moves = _dicts(p.get("burns")) + _dicts(p.get("earns"))
    lot_facts(store, facts, member_id, _strs(moves, "lot_id"))
    if facts.member is not None:
        purchase_facts(store, facts, member_id)
    facts.rules = rule_facts(store, env, facts)
    campaign_facts(store, facts, [i.template_id for i in facts.rules.coupons.values()])  # promo campaigns (issue 16)
    if facts.member is not None:  # the visit gifts a member's sale may count for (來店禮, sync.server.purchases)
        facts.value["visit_gifts"] = visit_gifts(store)
    if facts.rules.member is not None:
        facts.rules.purchases = history_of(facts.purchases)
        facts.rules.first_purchase = first_purchase(store, facts.purchases)
    if "referral_code" in p:
        referral_facts(store, facts, member_id, p.get("referral_code"))
    if facts.rules.member is not None:  # next-order coupons already met by their signed code elsewhere (adopted)
        issued = next_order_codes(env["event_id"], [t.id for t in facts.rules.templates.values() if t.issue_after is not None])
        for code in issued:
            row = _row(store, "coupon", code)
            if row is not None and signed_here(store, row[0], env):
                facts.value.setdefault("signed_here", {})[code] = row[0]
    facts.point_types = frozenset(pt for pt in set(_strs(moves, "point_type")) if pt in facts.rules.point_types)
    override = p.get("allowance_override")
    if isinstance(override, dict):
        staff_facts(store, facts, override.get("manager_id"))
    return facts


def staff_facts(store: CentralStore, facts: Facts, staff_id) -> None:
    """The staff row a manager action names (None: no such staff, or not a string)."""
    if isinstance(staff_id, str) and len(staff_id) <= 200:
        body = store.get("staff", staff_id)
        if body is not None:
            facts.manager = {**body, "stores": json.loads(body["stores"]) if isinstance(body.get("stores"), str) else body.get("stores")}


def void_facts(store: CentralStore, env: dict) -> Facts:
    """The voided event, what the server recorded for it (its redeem, earn and burn rows), the
    coupons and lots those rows name and the manager: the reversal is derived from these alone."""
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    facts = Facts(epoch=store.epoch, now=store.clock())
    staff_facts(store, facts, p.get("manager_id"))
    orig_id = p.get("voids_event_id")
    if not isinstance(orig_id, str):
        return facts
    r = store.conn.execute(f"SELECT store_id, status, payload, type FROM {events_all()} WHERE event_id = ?", (orig_id,)).fetchone()
    if r is None:
        return facts
    facts.original = {"store_id": r[0], "status": r[1], "payload": r[2], "type": r[3]}
    facts.already_voided = store.conn.execute(
        f"SELECT 1 FROM {events_all()} WHERE type = 'void' AND status != 'rejected' AND json_extract(payload, '$.voids_event_id') = ?",
        (orig_id,)).fetchone() is not None
    facts.has_returns = store.conn.execute(
        f"SELECT 1 FROM {events_all()} WHERE type = 'return' AND status != 'rejected' AND json_extract(payload, '$.sale_event_id') = ?",
        (orig_id,)).fetchone() is not None
    facts.original_coupons = [dict(zip(("code", "uses", "discount", "template_id"), row)) for row in store.conn.execute(
        "SELECT code, uses, discount, template_id FROM coupon_ledger WHERE event_id = ? AND kind = 'redeem' ORDER BY id", (orig_id,))]
    facts.original_points = [dict(zip(("lot_id", "point_type", "delta", "kind", "member_id"), row)) for row in store.conn.execute(
        "SELECT lot_id, point_type, delta, kind, member_id FROM point_ledger WHERE event_id = ? AND kind IN ('earn', 'burn') "
        "ORDER BY id",
        (orig_id,))]
    facts.original_promotions = [dict(zip(("promotion_id", "discount", "units"), row)) for row in store.conn.execute(
        "SELECT promotion_id, discount, units FROM promotion_ledger WHERE event_id = ? AND kind = 'apply' ORDER BY id", (orig_id,))]
    templates = _cached(store, "coupon_template", lambda b: template_from_json(b["body"]), _probe(store))
    issued = (next_order_codes(orig_id, [t.id for t in templates.values() if t.issue_after is not None])
              + [referee_coupon_code(orig_id), gift_code(orig_id)])
    coupon_facts(store, facts, [c["code"] for c in facts.original_coupons] + issued, [])
    campaign_facts(store, facts, [c["template_id"] for c in facts.original_coupons])  # a campaign's codes give back
    facts.value["code_campaigns"] = {c["code"]: templates[c["template_id"]].shared_campaign for c in facts.original_coupons
                                     if c["template_id"] in templates and templates[c["template_id"]].shared}
    lot_facts(store, facts, json.loads(r[2]).get("member_id"), [pt["lot_id"] for pt in facts.original_points])
    purchase_facts(store, facts, json.loads(r[2]).get("member_id"))
    if facts.purchases is not None:  # a claimed visit gift whose spend the void takes below its threshold
        facts.value["visit_gifts"] = visit_gifts(store)
    referral_facts(store, facts, json.loads(r[2]).get("member_id"), None)
    return facts


def referral_facts(store: CentralStore, facts: Facts, member_id, code) -> None:
    """The member's `referral` row; whether the referrer `code` names is a member centrally; the
    referrer's reward lot (a member referred again after a void earns on the same lot)."""
    if isinstance(member_id, str) and (row := _row(store, REFERRAL, member_id)) is not None and isinstance(row[0], dict):
        facts.referral = row[0]
        lot_facts(store, facts, None, [str(row[0].get("lot_id"))])
    if isinstance(code, str) and len(code) <= 64:
        try:
            referrer = parse_referral(code)
        except DomainError:
            return
        facts.referrer_known = _row(store, "member", referrer) is not None
        if isinstance(member_id, str):
            lot_facts(store, facts, None, [referral_lot(referrer, member_id)])


def purchase_facts(store: CentralStore, facts: Facts, member_id) -> None:
    """The member's `member_purchases` row (sync.server.purchases) into `facts.purchases`."""
    if isinstance(member_id, str) and (row := _row(store, PURCHASES, member_id)) is not None and isinstance(row[0], dict):
        facts.purchases = row[0]


def first_purchase(store: CentralStore, body: dict | None) -> dict | None:
    """{"seq", "store_id", "terminal_id"} of the member's first booked purchase: the change sequence at
    which it became visible (a terminal whose cursor is at or past it knew of it); None: none."""
    if not isinstance(body, dict) or not isinstance(body.get("first_event_id"), str):
        return None
    r = store.conn.execute("SELECT visible_seq FROM events WHERE event_id = ?", (body["first_event_id"],)).fetchone()
    return {"seq": r[0] if r else 0, "store_id": body.get("first_store_id"), "terminal_id": body.get("first_terminal_id")}


def resolution_facts(store: CentralStore, env: dict) -> Facts:
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    facts = Facts(epoch=store.epoch, now=store.clock())
    staff_facts(store, facts, p.get("manager_id"))
    if not (isinstance(p.get("conflict_event_id"), str) and isinstance(p.get("kind"), str)):
        return facts
    row = store.conn.execute(
        "SELECT id, store_id, amount, resolved_at FROM conflicts WHERE event_id = ? AND kind = ? ORDER BY id LIMIT 1",
        (p["conflict_event_id"], p["kind"])).fetchone()
    if row is None:
        return facts
    ev = store.conn.execute(f"SELECT payload FROM {events_all()} WHERE event_id = ?", (p["conflict_event_id"],)).fetchone()
    facts.conflict = {"id": row[0], "store_id": row[1], "amount": row[2], "resolved_at": row[3],
                      "member_id": json.loads(ev[0]).get("member_id") if ev else None}
    return facts


# ---- what the rules need (terminal/domain models), for the re-judgement of a settlement ----------
def _row(store: CentralStore, kind: str, key: str) -> tuple[dict, int] | None:
    r = store.conn.execute("SELECT body, seq FROM entities WHERE kind = ? AND key = ? AND deleted = 0", (kind, key)).fetchone()
    return (json.loads(r[0]), r[1]) if r else None


_CATALOG = ("store", "earn_rule", "point_type", "product", "coupon_template", "issuer_key", "promotion", "visit_gift",
            "exchange_offer")


def _probe(store: CentralStore) -> dict:
    """(highest change sequence, row count) of each catalog kind the rules read, in one query per event."""
    def probe() -> dict:
        rows = store.conn.execute(f"SELECT kind, MAX(seq), COUNT(*) FROM entities WHERE kind IN ({','.join('?' * len(_CATALOG))}) "
                                  "AND deleted = 0 GROUP BY kind", _CATALOG).fetchall()
        return {k: (mx, n) for k, mx, n in rows}

    return store.memo("entities:catalog_probe", probe)  # once per write transaction (CentralStore.memo)


def _cached(store: CentralStore, kind: str, convert, probe: dict) -> dict:
    """Every live entity of a catalog kind as models, converted again only when the kind changed
    (its highest change sequence or row count moved: a few hundred rows at most)."""
    cache = store.__dict__.setdefault("_model_cache", {})
    hit = cache.get(kind)
    if hit is not None and hit[0] == probe.get(kind):
        return hit[1]
    models = {}
    for key, body in store.conn.execute("SELECT key, body FROM entities WHERE kind = ? AND deleted = 0", (kind,)):
        try:
            models[key] = convert(json.loads(body))
        except Exception:  # noqa: BLE001 - a row the rules cannot read is left out (and judged as unknown)
            log.warning("central %s %s cannot be read by the rules", kind, key)
    cache[kind] = (probe.get(kind), models)
    return models


def next_order_templates(store: CentralStore) -> list[str]:
    """The ids of the central templates with `issue_after` (next-order coupons), from the model cache."""
    templates = _cached(store, "coupon_template", lambda b: template_from_json(b["body"]), _probe(store))
    return sorted(k for k, t in templates.items() if t.issue_after is not None)


def visit_gifts(store: CentralStore) -> tuple:
    """Every visit gift of the central catalog (terminal.domain.visit_gift.VisitGift), by id."""
    gifts = _cached(store, "visit_gift", lambda b: visit_gift_from_json(b["body"]), _probe(store))
    return tuple(gifts[k] for k in sorted(gifts))


def _store_model(b: dict) -> m.Store:
    return m.Store(b["id"], b["brand_id"], b["name"], b["timezone"])


def _point_type(b: dict) -> m.PointType:
    return m.PointType(b["id"], b["name"], b["burn_points"], b["burn_value"], b["validity_days"], b["max_burn_percent"],
                       bool(b["burnable"]))


def _product(b: dict) -> m.Product:
    pp = m.PointsPrice(b["pp_point_type"], b["pp_points"], b["pp_cash"]) if b.get("pp_point_type") else None
    return m.Product(b["sku"], b["name"], b["category_id"], b["price"], b["barcode"], pp)


def _instance(b: dict) -> m.CouponInstance:
    dt = lambda v: datetime.fromisoformat(v) if v else None  # noqa: E731
    return m.CouponInstance(code=b["code"], template_id=b["template_id"], member_id=b["member_id"], total_uses=b["total_uses"],
                            used_uses=b["used_uses"], status=b["status"], valid_from=dt(b.get("valid_from")),
                            valid_until=dt(b.get("valid_until")), issued_at=dt(b.get("issued_at")),
                            plain_code=b.get("plain_code"), parent_code=b.get("parent_code"),
                            gifted_from=_owners(b.get("gifted_from")))


def _owners(v) -> tuple[str, ...]:
    """A coupon body's `gifted_from` (JSON text of earlier owners, issue 15) as a tuple."""
    try:
        owners = json.loads(v) if isinstance(v, str) else []
    except ValueError:
        return ()
    return tuple(x for x in owners if isinstance(x, str)) if isinstance(owners, list) else ()


def _block(store: CentralStore, member_id: str, member: tuple[dict, int]) -> dict | None:
    rev = _row(store, "revocation", f"member:{member_id}")
    if rev is not None:
        return {"seq": rev[1], "reason": rev[0].get("reason") or "revoked"}
    if member[0].get("status") != "active":
        return {"seq": member[1], "reason": f"status {member[0].get('status')}"}
    return None


def issuer_keyring(store: CentralStore, probe: dict | None = None) -> KeyRing:
    """The active, unrevoked issuer keys as a `codes.SignatureCheck` (a revoked key is unknown: its codes
    are refused `unknown_key`), rebuilt only when the keys or key revocations changed."""
    keys = _cached(store, "issuer_key", lambda b: b, probe if probe is not None else _probe(store))
    revoked = frozenset(r[0] for r in store.conn.execute(
        "SELECT substr(key, 5) FROM entities WHERE kind = 'revocation' AND key LIKE 'key:%' AND deleted = 0"))
    ring = store.__dict__.get("_keyring")
    if ring is None or ring[0] is not keys or ring[2] != revoked:
        ring = (keys, KeyRing({int(k): b["public_key"] for k, b in keys.items()
                               if b.get("status", "active") == "active" and k not in revoked}), revoked)
        store.__dict__["_keyring"] = ring
    return ring[1]


def rule_facts(store: CentralStore, env: dict, facts: Facts) -> RuleFacts:
    """The domain models the re-judgement of a settlement needs (`sync.server.rules`)."""
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    probe = _probe(store)
    stores = _cached(store, "store", _store_model, probe)
    rf = RuleFacts(store=stores.get(env["store_id"]),
                   earn_rules=tuple(_cached(store, "earn_rule", lambda b: earn_rule_from_json(b["body"]), probe).values()),
                   point_types=_cached(store, "point_type", _point_type, probe), products=_cached(store, "product", _product, probe))
    templates = _cached(store, "coupon_template", lambda b: template_from_json(b["body"]), probe)
    # the automatic promotions the terminal applied are re-applied with the same domain (sync.server.rules)
    rf.promotions = tuple(sorted(_cached(store, "promotion", lambda b: promotion_from_json(b["body"]), probe).values(),
                                 key=lambda pr: pr.id))
    rf.signatures = issuer_keyring(store, probe)
    named = [device_codes.peek_device(c.get("signed")) for c in _dicts(p.get("coupons"))]
    if any(named) and rf.store is not None:  # terminal-signed vouchers: the keys of the devices they name
        rows = store.device_key_facts([d for d in named if d])
        rf.devices = DeviceKeyRing(rows.get, rf.store.brand_id)
        # what a counter may issue (terminal/domain/device_issuance.py) and how many it used unbacked
        rf.offers = tuple(_cached(store, "exchange_offer", lambda b: exchange_offer_from_json(b["body"]), probe).values())
        rf.device_stores = {d: stores[r["store_id"]] for d, r in rows.items() if r.get("store_id") in stores}
        rf.device_unbacked = store.unbacked_device_vouchers(list(rows))
    if _dicts(p.get("burns")) or _dicts(p.get("coupons")):
        # bounds a points debt, a stored voucher's unsynced uses and the age of a signed code not yet replicated
        rf.allowances = store.allowances({})
    member_id = p.get("member_id")
    if isinstance(member_id, str) and facts.member is not None:
        row = (facts.member, facts.member_seq)
        b = row[0]
        # the full record (name, birthday, card number) stays on the server: judged with the birth month
        # the domain's birthday rules use, the same as a terminal's minimised row
        rf.member = m.Member(b["id"], b["name"], b["tier_id"], birth_month(b.get("birthday")) if isinstance(b.get("birthday"), str)
                             else None, None, b.get("plain_code"), b.get("status", "active"))
        rf.member_block = _block(store, member_id, row)
    for code, body in facts.coupons.items():
        if body is not None:
            rf.coupons[code] = _instance(body)
        if (rev := _row(store, "revocation", f"coupon:{code}")) is not None:
            rf.revoked[code] = {"seq": rev[1], "reason": rev[0].get("reason") or "revoked"}
        if body is not None and body.get("gifted_from"):
            r = store.conn.execute("SELECT MAX(seq) FROM coupon_transfers WHERE code = ?", (code,)).fetchone()
            rf.transfers[code] = int(r[0] or 0)
    rf.templates = templates

    def bundle(code: str):  # the bundles above a named coupon, as the server holds them
        row = _row(store, "coupon", code)
        if row is None or not isinstance(row[0], dict) or row[0].get("template_id") not in templates:
            return None
        return _instance(row[0]), templates[row[0]["template_id"]]

    for code, inst in rf.coupons.items():  # whose each coupon is: a pack's voucher is the pack owner's
        if inst.template_id in templates:
            rf.owners[code] = resolve_ownership(inst, templates[inst.template_id], bundle)
    if rf.member is not None:
        for tid in {i.template_id for i in rf.coupons.values()} | {str(c.get("template_id")) for c in _dicts(p.get("coupons"))}:
            tpl = templates.get(tid)
            if tpl is not None and tpl.per_member_limit is not None:
                rf.history[tid] = member_history(store, rf.member.id, tid)
    return rf


def member_history(store: CentralStore, member_id: str, template_id: str) -> tuple[tuple[datetime, str, str], ...]:
    """The member's uses of a template chain-wide, one entry per use: (time, store, terminal); voided sales left out."""
    rows = store.conn.execute(
        f"""SELECT cl.at, cl.store_id, cl.terminal_id, cl.uses FROM coupon_ledger cl
           WHERE cl.member_id = ? AND cl.template_id = ? AND cl.kind = 'redeem' AND NOT EXISTS (
               SELECT 1 FROM {events_all("v")} WHERE v.type = 'void' AND v.status != 'rejected'
               AND json_extract(v.payload, '$.voids_event_id') = cl.event_id)""", (member_id, template_id)).fetchall()
    return tuple((datetime.fromisoformat(at), s, t) for at, s, t, uses in rows for _ in range(max(uses, 0)))
