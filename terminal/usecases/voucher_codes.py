"""The signed code printed for a voucher this terminal issues (an exchange's voucher, a sale's
next-order coupons): `LT1V…` signed with this terminal's device key (terminal/domain/device_codes.py),
so any store of the brand can accept it before the issuing store has synced.

    signed_code(ctx, code=, template_id=, member_id=, issued_at=, valid_from=, valid_until=, uses=) -> str | None

None when this terminal cannot sign (not enrolled, key not registered with the server yet, vault
locked: logged): the receipt then shows the reference code only, as before, which every store
accepts once the issuing store has synced. Never raises: a receipt is never refused for its QR code.
"""

from __future__ import annotations

import logging
from datetime import datetime

from terminal.domain.device_codes import DeviceVoucher, encode_voucher
from terminal.usecases.context import ServiceContext

log = logging.getLogger("terminal.services")


def signed_code(ctx: ServiceContext, *, code: str, template_id: str, member_id: str | None, issued_at: datetime,
                valid_from: datetime | None, valid_until: datetime | None, uses: int) -> str | None:
    """The `LT1V…` code of the voucher (aware times; whole seconds are signed), or None (module docstring)."""
    try:
        found = ctx.device_signer()
        if found is None:
            return None
        device_id, signer = found
        return encode_voucher(DeviceVoucher(code, template_id, member_id, issued_at.replace(microsecond=0), valid_from,
                                            valid_until, uses, device_id, ctx.store.brand_id), signer.sign)
    except Exception as exc:  # a field codes cannot carry, a vault error: the reference code still works
        log.warning("voucher %s printed without a signed code: %s", code, exc)
        return None
