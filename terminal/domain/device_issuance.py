"""What a terminal may sign (`LT1V…`, terminal/domain/device_codes.py): only vouchers a counter can
issue. The counter (terminal/usecases/lookup.py, when it scans a voucher not in its replica) and the
server (sync/server/rules.py, before it creates a coupon from a signed code) judge with this one rule,
because anyone with a store PC holds a device key and could sign any voucher with it.

    check_issuable(v, templates=, offers=, at=, issuer_store=None, skew=SKEW) -> None, or CodeError(device_not_issuer)

A device voucher is issuable when it is one of:

* an exchange voucher (code `EX-…`): some exchange offer of the catalog rewards its template, is in
  its window at `issued_at` and in scope for the signing device's brand (and store, when known);
  `valid_from` empty and `valid_until` exactly `exchange.voucher_valid_until(offer, template, issued_at)`
  (whole seconds).
* a next-order coupon (code `NX-…`): its template has `issue_after` (a next-order campaign), is in its
  window at `issued_at` and in scope for the brand (and store); `valid_from` the start of the next
  store-local day after `issued_at` and `valid_until` `valid_days` days later (terminal/domain/next_order.py).
  With `issuer_store` (the server knows the signing device's store) the days are exact in its zone;
  without (a counter does not hold other stores' zones) they must be consistent with some zone:
  `valid_from` after `issued_at` by at most 24 h, and `valid_days` days (± 1 h of daylight saving) long.

and in both cases: a member's (not bearer), `uses` exactly the template's, `issued_at` not after
`at` (the time of the use) by more than `skew` (clock skew between tills, 5 minutes).
Anything else raises CodeError(Reason.DEVICE_NOT_ISSUER) naming what is wrong (details: code,
device_id, template_id, field).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Iterable, Mapping

from .clock import in_window, local, zone
from .device_codes import DeviceVoucher
from .exchange import CODE_PREFIX as EXCHANGE_PREFIX, ExchangeOffer, voucher_valid_until
from .models import CouponTemplate, Store
from .next_order import CODE_PREFIX as NEXT_ORDER_PREFIX
from .reasons import CodeError, Reason

SKEW = timedelta(minutes=5)


def _sec(t: datetime | None) -> int | None:
    return None if t is None else int(t.timestamp())


def _refuse(v: DeviceVoucher, why: str, field: str) -> CodeError:
    return CodeError(Reason.DEVICE_NOT_ISSUER, f"Voucher {v.code} signed by terminal {v.device_id} is not one a counter can "
                     f"issue: {why}.", code=v.code, device_id=v.device_id, template_id=v.template_id, field=field)


def _in_scope(brands: frozenset[str], stores: frozenset[str], brand_id: str, store: Store | None) -> bool:
    return (not brands or brand_id in brands) and (not stores or store is None or store.id in stores)


def check_issuable(v: DeviceVoucher, *, templates: Mapping[str, CouponTemplate], offers: Iterable[ExchangeOffer], at: datetime,
                   issuer_store: Store | None = None, skew: timedelta = SKEW) -> None:
    """None when a counter of `v.brand_id` (of `issuer_store`, when known) could have issued `v` (module
    docstring); else CodeError(Reason.DEVICE_NOT_ISSUER). `at`: aware time of the use."""
    if v.issued_at > at + skew:
        raise _refuse(v, f"issued at {v.issued_at.isoformat()}, after its use at {at.isoformat(timespec='seconds')}", "issued_at")
    if v.member_id is None:
        raise _refuse(v, "a counter issues vouchers to members only", "member")
    tpl = templates.get(v.template_id)
    if tpl is None:
        raise _refuse(v, f"template {v.template_id} is not in the catalog", "template")
    if v.uses != tpl.uses:
        raise _refuse(v, f"{v.uses} uses signed, template {tpl.id} gives {tpl.uses}", "uses")
    if v.code.startswith(EXCHANGE_PREFIX):
        return _exchange(v, tpl, offers, issuer_store)
    if v.code.startswith(NEXT_ORDER_PREFIX):
        return _next_order(v, tpl, issuer_store)
    raise _refuse(v, "its code is neither an exchange voucher (EX-) nor a next-order coupon (NX-)", "code")


def _exchange(v: DeviceVoucher, tpl: CouponTemplate, offers: Iterable[ExchangeOffer], store: Store | None) -> None:
    cands = [o for o in offers if o.template_id == tpl.id]
    if not cands:
        raise _refuse(v, f"no exchange offer rewards template {tpl.id}", "template")
    live = [o for o in cands if in_window(v.issued_at, o.valid_from, o.valid_until)
            and _in_scope(o.brands, o.stores, v.brand_id, store)]
    if not live:
        raise _refuse(v, f"no exchange offer of template {tpl.id} was open to brand {v.brand_id} at "
                      f"{v.issued_at.isoformat()}", "issued_at")
    if v.valid_from is not None:
        raise _refuse(v, "an exchange voucher has no start of validity", "valid_from")
    if not any(_sec(voucher_valid_until(o, tpl, v.issued_at)) == _sec(v.valid_until) for o in live):
        raise _refuse(v, f"valid until {v.valid_until.isoformat() if v.valid_until else 'open'}, which no exchange offer of "
                      f"template {tpl.id} gives from {v.issued_at.isoformat()}", "valid_until")


def _next_order(v: DeviceVoucher, tpl: CouponTemplate, store: Store | None) -> None:
    rule = tpl.issue_after
    if rule is None:
        raise _refuse(v, f"template {tpl.id} is not a next-order coupon", "template")
    if not in_window(v.issued_at, tpl.valid_from, tpl.valid_until) or not _in_scope(tpl.brands, tpl.stores, v.brand_id, store):
        raise _refuse(v, f"template {tpl.id} was not issued at brand {v.brand_id} at {v.issued_at.isoformat()}", "issued_at")
    if v.valid_from is None or v.valid_until is None:
        raise _refuse(v, "a next-order coupon has a start and an end of validity", "valid_from")
    if store is not None:
        start = datetime.combine(local(v.issued_at, store.timezone).date() + timedelta(days=1), time.min,
                                 tzinfo=zone(store.timezone))
        end = datetime.combine(start.date() + timedelta(days=rule.valid_days), time.min, tzinfo=zone(store.timezone))
        ok = _sec(start) == _sec(v.valid_from) and _sec(end) == _sec(v.valid_until)
    else:
        lead, span = v.valid_from - v.issued_at, v.valid_until - v.valid_from
        ok = timedelta(0) < lead <= timedelta(hours=24) and abs(span - timedelta(days=rule.valid_days)) <= timedelta(hours=1)
    if not ok:
        raise _refuse(v, f"valid {v.valid_from.isoformat()} to {v.valid_until.isoformat()}, not the next store day for "
                      f"{rule.valid_days} days as template {tpl.id} gives", "valid_until")
