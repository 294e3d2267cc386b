"""Fetching for issue 15's events (impure: reads the central store), the tallies terminals pull,
and gifting a voucher (the one online-only operation).

    exchange_facts(store, env) / claim_facts_for(store, env)   Facts for sync.server.member_value
    void_facts(store, env)         sync.server.facts.void_facts plus what an exchange issued / a claim booked
    put_tallies(store, campaign_id, member_id)   the feed rows `giveaway_tally` and `giveaway_claims`
    transfer_coupon(store, code=, from_member=, to_member=, request_id=, device=|admin=)   a gift

Tallies (replicated, so a counter refuses the 4th claim or the 201st with the server's counts):
`giveaway_tally` key = campaign id, body {campaign_id, claimed_points, claims} (chain-wide);
`giveaway_claims` key = "<campaign>|<member>", body {key, campaign_id, member_id, claimed_at: JSON text
of [[claim event id, ISO time], ...]} (the member's net claims), in the member's slice.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from terminal.catalog import campaign_from_json, exchange_offer_from_json, template_from_json
from terminal.domain import models as m
from terminal.domain.exchange import issued_code
from terminal.domain.gifting import check_transfer
from terminal.domain.giveaway import ClaimTally
from terminal.domain.reasons import CheckoutError, Reason

from sync.server import facts as base
from sync.server.judge import Facts
from sync.server.rules import RuleFacts

if TYPE_CHECKING:
    from sync.server.store import CentralStore


def _common(store: CentralStore, env: dict) -> tuple[Facts, dict]:
    p = env["payload"] if isinstance(env.get("payload"), dict) else {}
    facts = Facts(epoch=store.epoch, now=store.clock())
    base.claim_facts(store, facts, env)
    member_id = p.get("member_id")
    if isinstance(member_id, str) and len(member_id) <= 200 and (row := base._row(store, "member", member_id)) is not None:
        facts.member, facts.member_seq = row
        b = row[0]
        facts.value["member_model"] = m.Member(b["id"], b["name"], b["tier_id"], None, None, None, b.get("status", "active"))
        facts.value["member_block"] = base._block(store, member_id, row)
        base.lot_facts(store, facts, member_id, [])
    st = store.get("store", env["store_id"])
    facts.value["store"] = base._store_model(st) if st else None
    facts.rules = RuleFacts(store=facts.value["store"], allowances=store.allowances({}))
    return facts, p


def exchange_facts(store: CentralStore, env: dict) -> Facts:
    facts, p = _common(store, env)
    offer_id = p.get("offer_id")
    if isinstance(offer_id, str) and len(offer_id) <= 200 and (o := store.get("exchange_offer", offer_id)) is not None:
        offer = exchange_offer_from_json(o["body"])
        facts.value["offer"] = offer
        if (t := store.get("coupon_template", offer.template_id)) is not None:
            facts.value["template"] = template_from_json(t["body"])
    existing = store.get("coupon", issued_code(env["event_id"]))
    if base.signed_here(store, existing, env):  # met by its signed code at another store first: adopted
        facts.value["signed_here"] = existing
    facts.value["code_taken"] = existing is not None and "signed_here" not in facts.value
    base.lot_facts(store, facts, p.get("member_id") if facts.member else None,
                   [b["lot_id"] for b in base._dicts(p.get("burns")) if isinstance(b.get("lot_id"), str)][:200])
    return facts


def tally(store: CentralStore, campaign_id: str, member_id: str | None) -> tuple[ClaimTally, list[list[str]]]:
    """The campaign's booked points and the member's net claims ([claim event, time] pairs), chain-wide."""
    r = store.conn.execute("SELECT COALESCE(SUM(points * count), 0) FROM giveaway_claims WHERE campaign_id = ?",
                           (campaign_id,)).fetchone()
    pairs: dict[str, str] = {}
    if member_id is not None:
        for claim_event, count, at in store.conn.execute(
                "SELECT claim_event_id, count, at FROM giveaway_claims WHERE campaign_id = ? AND member_id = ? ORDER BY id",
                (campaign_id, member_id)):
            if count > 0:
                pairs[claim_event] = at
            else:
                pairs.pop(claim_event, None)
    t = ClaimTally(int(r[0]), tuple(sorted(datetime.fromisoformat(a) for a in pairs.values())))
    return t, [[k, v] for k, v in pairs.items()]


def claim_facts_for(store: CentralStore, env: dict) -> Facts:
    facts, p = _common(store, env)
    cid = p.get("campaign_id")
    if isinstance(cid, str) and len(cid) <= 200 and (c := store.get("giveaway_campaign", cid)) is not None:
        facts.value["campaign"] = campaign_from_json(c["body"])
        facts.value["tally"] = tally(store, cid, p.get("member_id") if facts.member else None)[0]
        facts.value["own_claims"] = [v for (v,) in store.conn.execute(
            """SELECT e.visible_seq FROM giveaway_claims g JOIN events e ON e.event_id = g.event_id
               WHERE g.campaign_id = ? AND g.store_id = ? AND g.terminal_id = ? AND g.count = 1
               AND NOT EXISTS (SELECT 1 FROM giveaway_claims v WHERE v.claim_event_id = g.event_id AND v.count = -1)""",
            (cid, env["store_id"], env["terminal_id"]))]
    return facts


def void_facts(store: CentralStore, env: dict) -> Facts:
    """The void's facts (sync.server.facts.void_facts) plus the voucher an exchange issued and a claim's rows."""
    facts = base.void_facts(store, env)
    orig_id = env["payload"].get("voids_event_id") if isinstance(env.get("payload"), dict) else None
    if facts.original is None or not isinstance(orig_id, str):
        return facts
    issued = store.get("coupon", issued_code(orig_id))
    if issued is not None:
        facts.value["issued"] = issued
    facts.value["claims"] = [dict(zip(("campaign_id", "member_id", "points"), r)) for r in store.conn.execute(
        "SELECT campaign_id, member_id, points FROM giveaway_claims WHERE event_id = ? AND count = 1", (orig_id,))]
    return facts


def put_tallies(store: CentralStore, campaign_id: str, member_id: str) -> None:
    """Put the campaign's and the member's tallies into the feed (in the writing transaction)."""
    t, pairs = tally(store, campaign_id, member_id)
    claims = store.conn.execute("SELECT COALESCE(SUM(count), 0) FROM giveaway_claims WHERE campaign_id = ?", (campaign_id,)).fetchone()
    store.put("giveaway_tally", campaign_id, {"campaign_id": campaign_id, "claimed_points": t.claimed_points, "claims": int(claims[0])})
    key = f"{campaign_id}|{member_id}"
    store.put("giveaway_claims", key, {"key": key, "campaign_id": campaign_id, "member_id": member_id,
                                       "claimed_at": json.dumps(pairs)}, member_id)


# ---- gifting ---------------------------------------------------------------------------------------------
def _coupon_model(b: dict) -> m.CouponInstance:
    inst = base._instance(b)
    return replace(inst, gifted_from=tuple(json.loads(b["gifted_from"])) if b.get("gifted_from") else ())


def transfer_coupon(store: CentralStore, *, code: str, from_member: str, to_member: str, request_id: str | None = None,
                    device: dict | None = None, admin: str | None = None) -> dict[str, Any]:
    """Give coupon `code` of `from_member` to `to_member` (an online operation, one transaction).

    The coupon row gets the new owner and `gifted_from` (JSON text of the earlier owners) at a new feed
    position; a `coupon_transfers` row records who, by which device (store, terminal) or admin, and that
    position. The same `request_id` again answers the first transfer (`repeated`: true). Raises
    CheckoutError with the domain's reason (`gifted`, `wrong_member`, `transfer_not_allowed`, `used_up`,
    `expired`, `voided`, `not_found`, `revoked`: the receiver or the giver blocked); LookupError for an unknown coupon.

    A till's transfer (`device`) is bounded and audited like a member lookup (sync/server/member_lookup_bound.py):
    its answers tell whether a coupon code or a member id exists, so a refused one is an audit row
    `transfer_miss` (written although the transfer is refused) counted in the device's lookup bound, and beyond
    the bound RateLimited (nothing written)."""
    request_id = request_id or str(uuid.uuid4())
    refused: Exception | None = None
    with store.write():
        if device is not None:
            from sync.server.member_lookup_bound import COUNTED, LOOKUP_LIMITS
            from sync.server.member_search import check_rate

            store.lock_keys(f"member-search:{device['device_id']}")  # the device's count and audit rows, in order
            check_rate(store, device, COUNTED, LOOKUP_LIMITS, store.clock())
        store.lock_keys(f"coupon:{code}", f"member:{from_member}", f"member:{to_member}", f"transfer:{request_id}")
        try:
            answer = _transfer_locked(store, code=code, from_member=from_member, to_member=to_member,
                                      request_id=request_id, device=device, admin=admin)
        except (LookupError, CheckoutError) as exc:  # raised before anything of the transfer is written
            if device is None:
                raise
            from sync.server.member_search import audit

            audit(store, device, "transfer_miss", f"coupon {code[:4]}… to id {to_member}", [], store.clock())
            refused = exc
    if refused is not None:
        raise refused
    return answer


def _transfer_locked(store: CentralStore, *, code: str, from_member: str, to_member: str, request_id: str,
                     device: dict | None, admin: str | None) -> dict[str, Any]:
    """transfer_coupon's work inside its transaction, its keys locked; every refusal is raised before a write."""
    r = store.conn.execute("SELECT code, from_member, to_member, remaining_uses, seq, at FROM coupon_transfers WHERE request_id = ?",
                           (request_id,)).fetchone()
    if r is not None:
        if (r[0], r[1], r[2]) != (code, from_member, to_member):
            raise CheckoutError(Reason.INVALID_REQUEST, f"Transfer request {request_id[:64]} was already used for another transfer.")
        return {"code": r[0], "from_member": r[1], "to_member": r[2], "remaining_uses": r[3], "visible_seq": r[4], "at": r[5],
                "request_id": request_id, "repeated": True}
    body = store.get("coupon", code)
    if body is None:
        raise LookupError(code)
    tpl = store.get("coupon_template", body["template_id"])
    to = store.get("member", to_member)
    to_model = None if to is None else m.Member(to["id"], to["name"], to["tier_id"], None, None, None, to.get("status", "active"))
    if to is not None and store.get("revocation", f"member:{to_member}") is not None:
        to_model = m.Member(to["id"], to["name"], to["tier_id"], status="blocked")
    now = store.clock()
    giver = store.get("member", from_member)
    if giver is not None and (giver.get("status", "active") != "active"
                              or store.get("revocation", f"member:{from_member}") is not None):
        # as the counter refuses a blocked giver: a card reported stolen gives nothing away
        raise CheckoutError(Reason.REVOKED, f"Member {from_member} is blocked: their vouchers cannot be given away.")
    inst = _coupon_model(body)
    check_transfer(inst, template_from_json(tpl["body"]), from_member_id=from_member, to_member=to_model, at=now)
    if store.get("revocation", f"coupon:{code}") is not None:
        raise CheckoutError(Reason.VOIDED, f"Coupon {code} was revoked.")
    owners = list(inst.gifted_from) + [from_member]
    store.put("coupon", code, {**body, "member_id": to_member, "gifted_from": json.dumps(owners)}, to_member)
    seq = store.head() + 1  # the position the put gets at commit is at least this: terminals at or above it see the gift
    store.conn.execute(
        """INSERT INTO coupon_transfers(request_id, code, from_member, to_member, remaining_uses, by_device, store_id, terminal_id,
               by_admin, seq, at) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
        (request_id, code, from_member, to_member, inst.remaining_uses, (device or {}).get("device_id"),
         (device or {}).get("store_id"), (device or {}).get("terminal_id"), admin, seq, now.isoformat()))
    if device is not None and device.get("store_id"):  # counted as a lookup of the device (member_lookup_bound.py)
        from sync.server.member_lookup_bound import enter_by_purchase

        enter_by_purchase(store, device, to_member, "lookup")
    return {"code": code, "from_member": from_member, "to_member": to_member, "remaining_uses": inst.remaining_uses,
            "visible_seq": seq, "at": now.isoformat(), "request_id": request_id, "repeated": False}


def list_transfers(store: CentralStore, code: str | None = None) -> list[dict]:
    q = "SELECT request_id, code, from_member, to_member, remaining_uses, by_device, store_id, terminal_id, by_admin, seq, at FROM coupon_transfers"
    rows = store.conn.execute(q + (" WHERE code = ?" if code else "") + " ORDER BY id", (code,) if code else ()).fetchall()
    cols = ("request_id", "code", "from_member", "to_member", "remaining_uses", "by_device", "store_id", "terminal_id", "by_admin",
            "seq", "at")
    return [dict(zip(cols, r)) for r in rows]


def campaign_report(store: CentralStore, campaign_id: str | None = None) -> list[dict]:
    """Per campaign: its cap, points and claims booked (chain-wide), and the claims per store."""
    out = []
    for key, body in store.conn.execute("SELECT key, body FROM entities WHERE kind = 'giveaway_campaign' AND deleted = 0 ORDER BY key"):
        if campaign_id and key != campaign_id:
            continue
        c = campaign_from_json(json.loads(body)["body"])
        t, _ = tally(store, key, None)
        per_store = {s: int(n) for s, n in store.conn.execute(
            "SELECT store_id, SUM(count) FROM giveaway_claims WHERE campaign_id = ? GROUP BY store_id ORDER BY store_id", (key,))}
        out.append({"campaign_id": key, "name": c.name, "total_points": c.total_points, "points_per_claim": c.points_per_claim,
                    "claimed_points": t.claimed_points, "claims": sum(per_store.values()), "left_points": c.total_points - t.claimed_points,
                    "per_store": per_store})
    return out
