"""What a refusal's reader needs to act on it, added to a `DomainError`'s details from the replica.

The domain refuses with a reason code and the figures it knows (`valid_stores`, `valid_until` as
UTC ISO text, `total_uses`...). The person at the counter needs more: the *names* of the stores
a wrong-store coupon is valid at, the store-local date a coupon expired, when and where a
used-up coupon was used. `explain(ctx, reason, details, code=)` returns a copy of `details`
with these added (never removes or changes a key the domain put there):

    <key>_local          for every ISO time key in TIME_KEYS: store-local "YYYY-MM-DD HH:MM"
    valid_store_names    wrong_store: the store names (catalog), in the order of valid_stores
    valid_brand_names    wrong_brand: the brand names (catalog)
    used_at_local        used_up: store-local time of this terminal's last non-voided use of `code`
    used_store_name      used_up: the store of that use (this terminal's store)
    used_checkout_id     used_up: the checkout that used it
    used_elsewhere       used_up: True when no use is in this terminal's ledger (another till or
                         store used it; the replica knows the count from the last sync, not where)

Read-only; never raises for missing data (a refusal must always reach the screen).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from terminal.domain.clock import local

log = logging.getLogger(__name__)

TIME_KEYS = ("valid_from", "valid_until", "starts_at", "ends_at", "claim_until", "claimed_at", "locked_until")


def explain(ctx: Any, reason: str | None, details: dict[str, Any] | None, *, code: str | None = None) -> dict[str, Any]:
    """`details` plus what the replica knows to word the refusal (see the module doc). `ctx`: a
    ServiceContext (replica, store); `reason`: a Reason value; `code`: the coupon concerned, if any."""
    out = dict(details or {})
    try:
        _add(ctx, reason, out, code or out.get("code"))
    except Exception:  # noqa: BLE001 - wording a refusal must not turn it into a fault
        log.exception("could not add the replica's details to refusal %s", reason)
    return out


def _add(ctx: Any, reason: str | None, out: dict[str, Any], code: str | None) -> None:
    tz = ctx.store.timezone
    for key in TIME_KEYS:
        value = out.get(key)
        if isinstance(value, str) and f"{key}_local" not in out:
            try:
                at = datetime.fromisoformat(value)
            except ValueError:
                continue
            if at.tzinfo is not None:
                out[f"{key}_local"] = local(at, tz).strftime("%Y-%m-%d %H:%M")
    catalog = ctx.replica.catalog()
    if reason == "wrong_store" and out.get("valid_stores"):
        stores = catalog["stores"]
        out["valid_store_names"] = [stores[s].name if s in stores else s for s in out["valid_stores"]]
    if reason == "wrong_brand" and (out.get("valid_brands") or out.get("brands")):
        brands = catalog["brands"]
        out["valid_brand_names"] = [brands[b].name if b in brands else b for b in (out.get("valid_brands") or out["brands"])]
    if reason == "used_up" and code:
        out.update(_last_use(ctx, code))


def _last_use(ctx: Any, code: str) -> dict[str, Any]:
    """This terminal's last use of coupon `code` that was not voided, or `used_elsewhere`."""
    row = ctx.replica.conn.execute(
        """SELECT cl.at, s.store_id, s.checkout_id FROM coupon_ledger cl JOIN settlements s ON s.checkout_id = cl.checkout_id
           WHERE cl.code = ? AND cl.kind = 'redeem'
             AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.checkout_id = cl.checkout_id)
           ORDER BY cl.at DESC, cl.id DESC LIMIT 1""",
        (code,),
    ).fetchone()
    if row is None:
        return {"used_elsewhere": True}
    at, store_id, checkout_id = row
    store = ctx.replica.catalog()["stores"].get(store_id)
    when = local(datetime.fromisoformat(at), store.timezone if store else ctx.store.timezone)
    return {"used_at_local": when.strftime("%Y-%m-%d %H:%M"), "used_store_name": store.name if store else store_id,
            "used_checkout_id": checkout_id}
