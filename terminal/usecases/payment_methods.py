"""Which payment methods the counter offers for the part of a sale not paid with stored value or
gift cards (cash, card, LINE Pay ...).

    available(ctx) -> tuple[str, ...]     the catalog's `payment_methods` (default cash, card), then every
                                          method an earn rule's `scope.payment_methods` names, each once
    check(ctx, method) -> str             the method, or CheckoutError(INVALID_REQUEST, field="payment_method")

The method is what the earn rules scoped by payment method look at (terminal/domain/earn.py), so the
counter previews again when it changes. The catalog's list reaches a replica made from the catalog
file at init and a synced one as the feed's `meta` row `payment_methods` (sync/server/backoffice.py);
without it (a replica from before), the default. `checkout.build_basket` checks every preview and
settlement's method with `check`: the CLI's `--payment` and the window alike.
"""

from __future__ import annotations

import json

from terminal.domain.reasons import CheckoutError, Reason
from terminal.usecases.context import ServiceContext

DEFAULT = ("cash", "card")
MAX_METHODS = 20  # the catalog's bound


def _declared(ctx: ServiceContext) -> tuple[str, ...]:
    raw = ctx.replica.get_meta("payment_methods", None)
    try:
        methods = json.loads(raw) if raw else None
    except ValueError:
        methods = None
    if not isinstance(methods, list) or not 1 <= len(methods) <= MAX_METHODS or not all(
            isinstance(m, str) and 1 <= len(m) <= 64 and m.isascii() and m.isprintable() for m in methods):
        return DEFAULT  # never a list the catalog could not have held
    return tuple(methods)


def available(ctx: ServiceContext) -> tuple[str, ...]:
    """The methods in the order the counter shows them (declared first, then the earn rules' own)."""
    out = list(dict.fromkeys(_declared(ctx)))
    for rule in ctx.replica.catalog()["earn_rules"]:
        for m in sorted(rule.scope.payment_methods):
            if m not in out:
                out.append(m)
    return tuple(out)


def check(ctx: ServiceContext, method: str) -> str:
    """`method` if this counter offers it; else INVALID_REQUEST naming the ones it does."""
    offered = available(ctx)
    if not isinstance(method, str) or method not in offered:
        raise CheckoutError(Reason.INVALID_REQUEST, f"Payment method {str(method)[:40]!r} is not offered here "
                            f"(offered: {', '.join(offered)}).", field="payment_method", offered=list(offered))
    return method
