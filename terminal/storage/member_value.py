"""Replica reads and writes of issue 15's member value: exchange offers, giveaway campaigns,
this terminal's exchanges and claims, and the owners a gifted coupon had.

SQL lives here (the storage layer); the caller holds the transaction for every write.

    import_value_catalog(conn, cat)        offers and campaigns of a catalog file (fresh replica)
    offers(conn) / campaigns(conn)         {id: ExchangeOffer} / {id: GiveawayCampaign}
    claim_tally(conn, campaign_id, member_id) -> ClaimTally   replica (server-booked, chain-wide)
                                           plus this terminal's claims the replica does not reflect yet
    unsynced_claims(conn, campaign_id)     this terminal's claims of a campaign not reflected yet (allowance)
    write_exchange(conn, ...) / write_claim(conn, ...)   the settlements row, ledger rows, issued voucher
    write_value_void(conn, ...)            what a void adds for an exchange (voucher voided) or a claim (-1)
    gifted_owners(text) -> tuple[str, ...] the JSON list of earlier owners of a coupon
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from terminal.catalog import CatalogIn, campaign_from_json, exchange_offer_from_json, iso
from terminal.domain.exchange import ExchangeOffer, ExchangePlan, issued_code
from terminal.domain.giveaway import ClaimTally, GiveawayCampaign
from terminal.domain.reasons import CheckoutError, Reason


def gifted_owners(text: str | None) -> tuple[str, ...]:
    """The earlier owners stored as a JSON list of member ids (None / malformed: none)."""
    if not text:
        return ()
    try:
        v = json.loads(text)
    except ValueError:
        return ()
    return tuple(x for x in v if isinstance(x, str)) if isinstance(v, list) else ()


def import_value_catalog(conn, cat: CatalogIn) -> None:
    conn.executemany("INSERT INTO exchange_offers(id, body) VALUES (?, ?)", [(o.id, o.model_dump_json()) for o in cat.exchange_offers])
    conn.executemany("INSERT INTO giveaway_campaigns(id, body) VALUES (?, ?)",
                     [(c.id, c.model_dump_json()) for c in cat.giveaway_campaigns])


def offers(conn) -> dict[str, ExchangeOffer]:
    return {r[0]: exchange_offer_from_json(r[1]) for r in conn.execute("SELECT id, body FROM exchange_offers ORDER BY id")}


def campaigns(conn) -> dict[str, GiveawayCampaign]:
    return {r[0]: campaign_from_json(r[1]) for r in conn.execute("SELECT id, body FROM giveaway_campaigns ORDER BY id")}


def _member_claims(conn, campaign_id: str, member_id: str) -> dict[str, datetime]:
    r = conn.execute("SELECT claimed_at FROM giveaway_member_claims WHERE campaign_id = ? AND member_id = ?",
                     (campaign_id, member_id)).fetchone()
    out: dict[str, datetime] = {}
    for pair in (json.loads(r[0]) if r else []):
        if isinstance(pair, list) and len(pair) == 2:
            out[str(pair[0])] = datetime.fromisoformat(pair[1])
    return out


def claim_tally(conn, campaign_id: str, member_id: str | None) -> ClaimTally:
    """The campaign's claimed points and the member's claim times, as the server booked them (pulled)
    plus this terminal's claims and voids of claims its replica does not reflect yet."""
    r = conn.execute("SELECT claimed_points FROM giveaway_tallies WHERE campaign_id = ?", (campaign_id,)).fetchone()
    points = r[0] if r else 0
    times = _member_claims(conn, campaign_id, member_id) if member_id else {}
    rows = conn.execute(
        """SELECT cl.event_id, cl.member_id, cl.points, cl.count, cl.at, s.event_id FROM claim_ledger cl
           JOIN outbox o ON o.event_id = cl.event_id JOIN settlements s ON s.checkout_id = cl.checkout_id
           WHERE cl.campaign_id = ? AND o.reflected = 0 ORDER BY cl.id""", (campaign_id,)).fetchall()
    for event_id, mid, pts, count, at, original in rows:
        points += pts * count
        if mid == member_id:
            if count > 0:
                times[event_id] = datetime.fromisoformat(at)
            else:
                times.pop(original, None)
    return ClaimTally(points, tuple(sorted(times.values())))


def unsynced_claims(conn, campaign_id: str) -> int:
    """This terminal's net claims of the campaign whose events the replica does not reflect yet."""
    return conn.execute("""SELECT COALESCE(SUM(cl.count), 0) FROM claim_ledger cl JOIN outbox o ON o.event_id = cl.event_id
                           WHERE cl.campaign_id = ? AND o.reflected = 0""", (campaign_id,)).fetchone()[0]


def _settlement_row(conn, *, kind: str, checkout_id: str, request_sha256: str, store_id: str, terminal_id: str, cashier_id: str,
                    member_id: str, at: str, event_id: str, receipt: dict) -> None:
    conn.execute(
        """INSERT INTO settlements(checkout_id, request_sha256, store_id, terminal_id, cashier_id, member_id, gross,
               coupon_discount, points_discount, total, settled_at, event_id, receipt, kind) VALUES (?,?,?,?,?,?,0,0,0,0,?,?,?,?)""",
        (checkout_id, request_sha256, store_id, terminal_id, cashier_id, member_id, at, event_id,
         json.dumps(receipt, ensure_ascii=False), kind))


def write_exchange(conn, plan: ExchangePlan, *, checkout_id: str, request_sha256: str, event_id: str, store_id: str,
                   terminal_id: str, cashier_id: str, at: datetime, total_uses: int, receipt: dict) -> None:
    """The exchange's settlements row (kind 'exchange'), its burns and the issued voucher (usable here at once)."""
    at_s = at.isoformat()
    _settlement_row(conn, kind="exchange", checkout_id=checkout_id, request_sha256=request_sha256, store_id=store_id,
                    terminal_id=terminal_id, cashier_id=cashier_id, member_id=plan.member_id, at=at_s, event_id=event_id,
                    receipt=receipt)
    conn.executemany(
        "INSERT INTO point_ledger(event_id, checkout_id, member_id, point_type, lot_id, delta, kind, rule_id, at) VALUES (?,?,?,?,?,?,?,?,?)",
        [(event_id, checkout_id, plan.member_id, b.point_type, b.lot_id, -b.points, "burn", None, at_s) for b in plan.burns])
    # the issuing terminal knows the voucher is genuine: a replica row at once (the server creates the same
    # coupon, same code, when it judges the event; its pulled row then replaces this one)
    conn.execute(
        """INSERT INTO coupon_instances(code, template_id, member_id, total_uses, used_uses, status, valid_until, issued_at, origin)
           VALUES (?,?,?,?,0,'active',?,?,'replica')""",
        (plan.code, plan.template_id, plan.member_id, total_uses, iso(plan.valid_until), at_s))


def write_claim(conn, *, campaign: GiveawayCampaign, member_id: str, lot_id: str, expires_at: datetime | None, checkout_id: str,
                request_sha256: str, event_id: str, store_id: str, terminal_id: str, cashier_id: str, at: datetime,
                receipt: dict) -> None:
    """The claim's settlements row (kind 'claim'), its earned lot and the claim_ledger row."""
    at_s = at.isoformat()
    _settlement_row(conn, kind="claim", checkout_id=checkout_id, request_sha256=request_sha256, store_id=store_id,
                    terminal_id=terminal_id, cashier_id=cashier_id, member_id=member_id, at=at_s, event_id=event_id, receipt=receipt)
    conn.execute("INSERT INTO point_lots(lot_id, member_id, point_type, points, earned_at, expires_at, origin) VALUES (?,?,?,0,?,?,'local')",
                 (lot_id, member_id, campaign.point_type, at_s, iso(expires_at)))
    conn.execute(
        "INSERT INTO point_ledger(event_id, checkout_id, member_id, point_type, lot_id, delta, kind, rule_id, at) VALUES (?,?,?,?,?,?,'earn',?,?)",
        (event_id, checkout_id, member_id, campaign.point_type, lot_id, campaign.points_per_claim, f"giveaway:{campaign.id}", at_s))
    conn.execute("INSERT INTO claim_ledger(event_id, checkout_id, campaign_id, member_id, points, count, at) VALUES (?,?,?,?,?,1,?)",
                 (event_id, checkout_id, campaign.id, member_id, campaign.points_per_claim, at_s))


def settlement_kind(conn, checkout_id: str) -> str | None:
    r = conn.execute("SELECT kind FROM settlements WHERE checkout_id = ?", (checkout_id,)).fetchone()
    return r[0] if r else None


def write_value_void(conn, *, checkout_id: str, original_event_id: str, event_id: str, at: datetime) -> dict[str, Any]:
    """After `Replica.write_void` (points reversed): an exchange's voucher is voided, a claim counts -1."""
    kind = settlement_kind(conn, checkout_id)
    out: dict[str, Any] = {}
    if kind == "exchange":
        code = issued_code(original_event_id)
        used = conn.execute(
            """SELECT COALESCE(SUM(cl.uses), 0) FROM coupon_ledger cl WHERE cl.code = ?""", (code,)).fetchone()[0]
        replica_used = conn.execute("SELECT used_uses FROM coupon_instances WHERE code = ?", (code,)).fetchone()
        if used > 0 or (replica_used and replica_used[0] > 0):
            raise CheckoutError(Reason.USED_UP, f"The exchange's voucher {code} was already used: the exchange cannot be voided "
                                "(void the sale that used it first).", code=code)
        conn.execute("UPDATE coupon_instances SET status = 'voided' WHERE code = ?", (code,))
        out["voided_voucher"] = code
    elif kind == "visit_gift":  # issue 16: the gift voucher voided (refused once used), the claim -1
        from terminal.storage.visit_gift_store import write_claim_void

        out.update(write_claim_void(conn, checkout_id=checkout_id, original_event_id=original_event_id, event_id=event_id, at=at))
    elif kind == "claim":
        rows = conn.execute("SELECT campaign_id, member_id, points FROM claim_ledger WHERE event_id = ? AND count = 1",
                            (original_event_id,)).fetchall()
        conn.executemany("INSERT INTO claim_ledger(event_id, checkout_id, campaign_id, member_id, points, count, at) VALUES (?,?,?,?,?,-1,?)",
                         [(event_id, checkout_id, r[0], r[1], r[2], at.isoformat()) for r in rows])
        out["claims_voided"] = [{"campaign_id": r[0], "points": r[2]} for r in rows]
    return out


def day_rows(conn, *, store_id: str, lo: str, hi: str) -> dict[str, Any]:
    """The daily report's member-value rows for [lo, hi) (UTC ISO): exchanges per offer, claims per
    campaign (each with the voids made that day), transfers started at this terminal's counter."""
    exchanges = [{"offer_id": r[0], "exchanges": r[1], "points": r[2] or 0} for r in conn.execute(
        """SELECT json_extract(receipt, '$.offer_id'), COUNT(*), SUM(json_extract(receipt, '$.points_spent')) FROM settlements
           WHERE kind = 'exchange' AND store_id = ? AND settled_at >= ? AND settled_at < ? GROUP BY 1 ORDER BY 1""",
        (store_id, lo, hi))]
    exchange_voids = conn.execute(
        """SELECT COUNT(*) FROM voids v JOIN settlements s ON s.checkout_id = v.checkout_id
           WHERE s.kind = 'exchange' AND s.store_id = ? AND v.voided_at >= ? AND v.voided_at < ?""", (store_id, lo, hi)).fetchone()[0]
    claims = [{"campaign_id": r[0], "claims": r[1] or 0, "voided": r[2] or 0, "points": r[3] or 0} for r in conn.execute(
        """SELECT cl.campaign_id, SUM(CASE WHEN cl.count = 1 THEN 1 END), SUM(CASE WHEN cl.count = -1 THEN 1 END),
                  SUM(cl.points * cl.count) FROM claim_ledger cl JOIN settlements s ON s.checkout_id = cl.checkout_id
           WHERE s.store_id = ? AND cl.at >= ? AND cl.at < ? GROUP BY cl.campaign_id ORDER BY cl.campaign_id""",
        (store_id, lo, hi))]
    transfers = conn.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'transfer_coupon' AND at >= ? AND at < ?",
                             (lo, hi)).fetchone()[0]
    return {"exchanges": exchanges, "exchange_voids": exchange_voids, "claims": claims, "transfers": transfers}


def void_unissued_vouchers(conn, answers: list[dict]) -> int:
    """After the server's answers to this terminal's events: the voucher of an exchange the server did
    not book (rejected, or quarantined with nothing booked: the offer was not available, the member's
    points were short beyond the allowance...) was never issued, so its local row is voided here (the
    server never sends a row for it). Returns how many."""
    n = 0
    for res in answers:
        if not isinstance(res, dict) or not isinstance(res.get("event_id"), str):
            continue
        r = conn.execute("SELECT type FROM outbox WHERE event_id = ?", (res["event_id"],)).fetchone()
        if r is None or r[0] != "exchange":
            continue
        unbooked = res.get("status") == "rejected" or any(
            c.get("kind") == "quarantined" and c.get("decision") == "not_booked" for c in res.get("conflicts") or [])
        if unbooked:
            n += conn.execute("UPDATE coupon_instances SET status = 'voided' WHERE code = ? AND used_uses = 0",
                              (issued_code(res["event_id"]),)).rowcount
    return n
