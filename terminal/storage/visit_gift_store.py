"""Replica reads and writes of visit gifts (來店禮, issue 16 section 3; migration 0016).

The member's qualifying spend and claims come from the same source as first purchases: the
server's `member_purchases` row (its `visit_gifts` JSON text: spend per gift and claims, chain-wide,
sync/server/purchases.py), overlaid with this terminal's own effects the feed does not reflect yet
(outbox `reflected = 0`), each counted with the domain's `spend_delta` exactly as the server will:

    + a sale here not voided (its total), - a void here of a sale the server already counted,
    - a return here (its refund, at the sale's time), and this terminal's claims (visit_gift_ledger,
    +1 a claim, -1 its void).

    SCHEMA                                     the migration's statements
    import_visit_gifts(conn, cat)              a catalog file's `visit_gifts` (fresh replica)
    gifts(conn) -> {id: VisitGift}
    progress(conn, gift, member_id, store) -> GiftProgress
    unsynced_claims(conn, gift_id) -> int      this terminal's claims of the gift not reflected (allowance)
    write_claim(conn, ...)                     the claim's settlements row (kind 'visit_gift'), its voucher or lot, the ledger row
    write_claim_void(conn, ...)                what a void adds (voucher voided, refused once used; the -1 row)

SQL lives here; the caller holds the transaction for every write.
"""

from __future__ import annotations

import json
from datetime import datetime

from terminal.catalog import CatalogIn, iso, visit_gift_from_json
from terminal.domain.models import Store
from terminal.domain.reasons import CheckoutError, Reason
from terminal.domain.visit_gift import GiftProgress, VisitGift, gift_code, spend_delta

SCHEMA = [
    """CREATE TABLE visit_gifts (id TEXT PRIMARY KEY, body TEXT NOT NULL)""",
    # the server's spend per gift and claims of the member (JSON text, sync/server/purchases.py); NULL: none
    """ALTER TABLE member_purchases ADD COLUMN visit_gifts TEXT""",
    """CREATE TABLE visit_gift_ledger (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES outbox(event_id),
        checkout_id TEXT NOT NULL REFERENCES settlements(checkout_id), gift_id TEXT NOT NULL, member_id TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count IN (1, -1)), at TEXT NOT NULL)""",
    """CREATE INDEX visit_gift_ledger_gift ON visit_gift_ledger(gift_id, member_id)""",
    """CREATE TRIGGER visit_gift_ledger_no_update BEFORE UPDATE ON visit_gift_ledger BEGIN
        SELECT RAISE(ABORT, 'visit_gift_ledger is append-only'); END""",
    """CREATE TRIGGER visit_gift_ledger_no_delete BEFORE DELETE ON visit_gift_ledger BEGIN
        SELECT RAISE(ABORT, 'visit_gift_ledger is append-only'); END""",
]


def import_visit_gifts(conn, cat: CatalogIn) -> None:
    conn.execute("DELETE FROM visit_gifts")
    conn.executemany("INSERT INTO visit_gifts(id, body) VALUES (?, ?)", [(g.id, g.model_dump_json()) for g in cat.visit_gifts])


def gifts(conn) -> dict[str, VisitGift]:
    return {r[0]: visit_gift_from_json(r[1]) for r in conn.execute("SELECT id, body FROM visit_gifts ORDER BY id")}


def _server_row(conn, member_id: str) -> dict:
    r = conn.execute("SELECT visit_gifts FROM member_purchases WHERE member_id = ?", (member_id,)).fetchone()
    try:
        v = json.loads(r[0]) if r and r[0] else {}
    except ValueError:
        v = {}
    return v if isinstance(v, dict) else {}


def progress(conn, gift: VisitGift, member_id: str, store: Store) -> GiftProgress:
    """The member's spend towards `gift` and its claim, as the server counted them plus this terminal's
    unreflected sales, voids, returns and claims (module docstring). `store`: this terminal's store."""
    row = _server_row(conn, member_id)
    spend = row.get("spend") if isinstance(row.get("spend"), dict) else {}
    spent = spend.get(gift.id, 0) if isinstance(spend.get(gift.id, 0), int) else 0
    # sales here the server has not counted yet (not voided)
    for total, at in conn.execute(
            """SELECT s.total, s.settled_at FROM settlements s JOIN outbox o ON o.event_id = s.event_id
               WHERE s.member_id = ? AND s.kind = 'sale' AND o.reflected = 0
               AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.checkout_id = s.checkout_id)""", (member_id,)):
        spent += spend_delta((gift,), store, datetime.fromisoformat(at), total).get(gift.id, 0)
    # voids here of sales the server counted, the void not reflected yet
    for total, at in conn.execute(
            """SELECT s.total, s.settled_at FROM voids v JOIN settlements s ON s.checkout_id = v.checkout_id
               JOIN outbox so ON so.event_id = s.event_id JOIN outbox vo ON vo.event_id = v.event_id
               WHERE s.member_id = ? AND s.kind = 'sale' AND so.reflected = 1 AND vo.reflected = 0""", (member_id,)):
        spent -= spend_delta((gift,), store, datetime.fromisoformat(at), total).get(gift.id, 0)
    # returns here not reflected yet: their refund, counted at the sale's time
    for refund, at in conn.execute(
            """SELECT r.refund, s.settled_at FROM returns r JOIN settlements s ON s.checkout_id = r.checkout_id
               JOIN outbox ro ON ro.event_id = r.event_id WHERE s.member_id = ? AND ro.reflected = 0""", (member_id,)):
        spent -= spend_delta((gift,), store, datetime.fromisoformat(at), refund).get(gift.id, 0)
    claims = row.get("claims") if isinstance(row.get("claims"), dict) else {}
    c = claims.get(gift.id)
    claimed: dict[str, datetime] = {}
    if isinstance(c, dict) and isinstance(c.get("at"), str) and isinstance(c.get("event_id"), str):
        claimed[c["event_id"]] = datetime.fromisoformat(c["at"])
    for event_id, count, at, original in conn.execute(
            """SELECT gl.event_id, gl.count, gl.at, s.event_id FROM visit_gift_ledger gl JOIN outbox o ON o.event_id = gl.event_id
               JOIN settlements s ON s.checkout_id = gl.checkout_id
               WHERE gl.gift_id = ? AND gl.member_id = ? AND o.reflected = 0 ORDER BY gl.id""", (gift.id, member_id)):
        if count > 0:
            claimed[event_id] = datetime.fromisoformat(at)
        else:
            claimed.pop(original, None)
    return GiftProgress(gift, spent, min(claimed.values()) if claimed else None)


def unsynced_claims(conn, gift_id: str) -> int:
    """This terminal's net claims of the gift whose events the replica does not reflect yet."""
    return conn.execute("""SELECT COALESCE(SUM(gl.count), 0) FROM visit_gift_ledger gl JOIN outbox o ON o.event_id = gl.event_id
                           WHERE gl.gift_id = ? AND o.reflected = 0""", (gift_id,)).fetchone()[0]


def write_claim(conn, *, gift: VisitGift, member_id: str, checkout_id: str, request_sha256: str, event_id: str, store_id: str,
                terminal_id: str, cashier_id: str, at: datetime, receipt: dict, voucher: dict | None, lot: dict | None) -> None:
    """The claim's settlements row (kind 'visit_gift'), its voucher (usable here at once) or earned lot, and the ledger row."""
    from terminal.storage.member_value import _settlement_row

    at_s = at.isoformat()
    _settlement_row(conn, kind="visit_gift", checkout_id=checkout_id, request_sha256=request_sha256, store_id=store_id,
                    terminal_id=terminal_id, cashier_id=cashier_id, member_id=member_id, at=at_s, event_id=event_id, receipt=receipt)
    if voucher is not None:
        conn.execute(
            """INSERT INTO coupon_instances(code, template_id, member_id, total_uses, used_uses, status, valid_until, issued_at, origin)
               VALUES (?,?,?,?,0,'active',?,?,'replica')""",
            (voucher["code"], voucher["template_id"], member_id, voucher["uses"], voucher["valid_until"], at_s))
    if lot is not None:
        conn.execute("INSERT INTO point_lots(lot_id, member_id, point_type, points, earned_at, expires_at, origin) VALUES (?,?,?,0,?,?,'local')",
                     (lot["lot_id"], member_id, lot["point_type"], at_s, lot["expires_at"]))
        conn.execute(
            """INSERT INTO point_ledger(event_id, checkout_id, member_id, point_type, lot_id, delta, kind, rule_id, at)
               VALUES (?,?,?,?,?,?,'earn',?,?)""",
            (event_id, checkout_id, member_id, lot["point_type"], lot["lot_id"], lot["points"], f"visit_gift:{gift.id}", at_s))
    conn.execute("INSERT INTO visit_gift_ledger(event_id, checkout_id, gift_id, member_id, count, at) VALUES (?,?,?,?,1,?)",
                 (event_id, checkout_id, gift.id, member_id, at_s))


def write_claim_void(conn, *, checkout_id: str, original_event_id: str, event_id: str, at: datetime) -> dict:
    """After `Replica.write_void` (a points gift reversed): the voucher is voided (CheckoutError USED_UP once used)
    and the claim stops counting (a -1 row)."""
    code = gift_code(original_event_id)
    r = conn.execute("SELECT used_uses FROM coupon_instances WHERE code = ?", (code,)).fetchone()
    used = conn.execute("SELECT COALESCE(SUM(uses), 0) FROM coupon_ledger WHERE code = ?", (code,)).fetchone()[0]
    out: dict = {}
    if r is not None:
        if used > 0 or r[0] > 0:
            raise CheckoutError(Reason.USED_UP, f"The visit gift's voucher {code} was already used: the claim cannot be voided "
                                "(void the sale that used it first).", code=code)
        conn.execute("UPDATE coupon_instances SET status = 'voided' WHERE code = ?", (code,))
        out["voided_voucher"] = code
    rows = conn.execute("SELECT gift_id, member_id FROM visit_gift_ledger WHERE event_id = ? AND count = 1",
                        (original_event_id,)).fetchall()
    conn.executemany("INSERT INTO visit_gift_ledger(event_id, checkout_id, gift_id, member_id, count, at) VALUES (?,?,?,?,-1,?)",
                     [(event_id, checkout_id, g, mid, at.isoformat()) for g, mid in rows])
    out["visit_gifts_voided"] = [g for g, _ in rows]
    return out


__all__ = ["SCHEMA", "gifts", "import_visit_gifts", "iso", "progress", "unsynced_claims", "write_claim", "write_claim_void"]
