"""Coupons the server created from a terminal-signed voucher (`LT1V…`) before their issuing event:
the bound on them and what happens when that event never backs them.

    track(store, code, body)                   on every coupon row written (CentralStore.put): a body with
                                               `signed_by_device` and no `issued_by_event` is listed in
                                               `device_vouchers`; an issuing event's body takes it out
    unbacked(store, device_ids) -> {device: n} the listed (unadopted) coupons per signing device, one
                                               indexed COUNT per device (allowance `device_vouchers_unbacked`,
                                               sync/server/rules.py `_within_unbacked`)
    not_backed(store, env, ops) -> [conflict]  after an exchange or settlement is judged (or rejected):
                                               each coupon it could have issued that was already created
                                               from this terminal's signature and that it does not issue
                                               now (refused, quarantined, total too low) is a visible
                                               conflict `device_voucher_not_backed` naming the voucher,
                                               the device, the store and the discount given

The coupon keeps its uses booked (the discount was given at a counter that could not know); the row
stays in `device_vouchers`, so it keeps counting against the device's allowance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from terminal.domain.exchange import issued_code

if TYPE_CHECKING:
    from sync.server.store import CentralStore


def track(store: CentralStore, code: str, body: Any) -> None:
    if not isinstance(body, dict):
        return
    if body.get("issued_by_event"):
        store.conn.execute("DELETE FROM device_vouchers WHERE code = ?", (code,))
        return
    device = body.get("signed_by_device")
    if not isinstance(device, str):
        return
    d = store.conn.execute("SELECT store_id, terminal_id FROM devices WHERE device_id = ?", (device,)).fetchone()
    store.conn.execute("INSERT INTO device_vouchers (code, device_id, store_id, terminal_id, created_at) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT(code) DO NOTHING", (code, device, d[0] if d else None, d[1] if d else None,
                                                        store.clock().isoformat()))


def unbacked(store: CentralStore, device_ids: list[str]) -> dict[str, int]:
    """Device id -> coupons created from its signatures that no issuing event adopted (absent: none)."""
    out: dict[str, int] = {}
    for device_id in device_ids[:20]:
        n = int(store.conn.execute("SELECT COUNT(*) FROM device_vouchers WHERE device_id = ?", (device_id,)).fetchone()[0])
        if n:
            out[device_id] = n
    return out


def issuable_codes(store: CentralStore, env: dict) -> list[str]:
    """Every coupon code the event could issue: an exchange its voucher, a settlement its next-order coupons."""
    if env.get("type") == "exchange":
        return [issued_code(env["event_id"])]
    if env.get("type") == "settlement":
        from sync.server.facts import next_order_templates
        from sync.server.next_order import next_order_codes

        return next_order_codes(env["event_id"], next_order_templates(store))
    return []


def not_backed(store: CentralStore, env: dict, ops: list) -> list[dict]:
    """The `device_voucher_not_backed` conflicts of an event judged (`ops` its writes; [] when rejected)."""
    from sync.server.facts import signed_here

    codes = issuable_codes(store, env)
    if not codes:
        return []
    # primary-key look-ups: almost always none listed, and nothing more is read
    codes = [r[0] for r in store.conn.execute(f"SELECT code FROM device_vouchers WHERE code IN ({','.join('?' * len(codes))})",
                                              codes).fetchall()]
    issued = {op.key for op in ops if getattr(op, "kind", None) == "coupon" and isinstance(getattr(op, "body", None), dict)
              and op.body.get("issued_by_event") == env["event_id"]}
    out = []
    for code in codes:
        if code in issued:
            continue
        body = store.get("coupon", code)
        if not signed_here(store, body, env):
            continue
        device = body["signed_by_device"]
        # what its uses gave, net of voids (indexed by code; PostgreSQL SUM(bigint) is numeric: int())
        uses, given, used_at = store.conn.execute(
            "SELECT COALESCE(SUM(uses), 0), COALESCE(SUM(discount), 0), MIN(store_id) FROM coupon_ledger WHERE code = ?",
            (code,)).fetchone()
        uses, given = int(uses), int(given)
        out.append({"kind": "device_voucher_not_backed", "decision": "honoured_terminal_could_not_know", "subject": code,
                    "amount": given, "message": f"Voucher {code} signed by terminal {device} ({env['store_id']}/"
                    f"{env['terminal_id']}) was used at store {used_at} ({uses} use(s), discount {given}) "
                    f"before its issuing {env['type']} {env['event_id']} arrived, and that {env['type']} did not issue it: "
                    "the discount was given without backing.",
                    "details": {"code": code, "device_id": device, "store_id": env["store_id"], "terminal_id": env["terminal_id"],
                                "issuing_event": env["event_id"], "discount_given": given,
                                "used_uses": uses, "used_at_store": used_at, "template_id": body.get("template_id")}})
    return out
