"""The counter's states and the one table of which actions each state accepts.

    LOCKED --login--> READY (empty checkout) --scan/amount--> BUILDING --settle--> SETTLED
       ^                  ^                                                          |
       +-----logout-------+-------------------new checkout / next scan---------------+

`Counter.state` derives the state from the data (no cashier: LOCKED; a receipt: SETTLED; a
member, line or coupon: BUILDING; else READY), so it can never disagree with it. Every public
action is wrapped in `@action(name)`, which looks the state up in `ACCEPTS` before the body
runs: an action a state does not accept leaves everything as it is and answers with
`REFUSED[state]` (LOCKED: "Sign in first"; SETTLED: nothing, the receipt and "Settled $X" stand,
a second settle too) unless `REFUSED_ACTION` names a notice for that one action. In SETTLED, the actions in `RESTARTS`
first start a new checkout (the next customer's first scan), then run.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import Any, Callable, TypeVar

from terminal.domain.reasons import Reason
from terminal.usecases.counter._views import Notice


class State(StrEnum):
    LOCKED = "locked"
    READY = "ready"
    BUILDING = "building"
    SETTLED = "settled"


ANY_TIME = frozenset({"login", "logout", "new_checkout", "void"})  # void: a manager's PIN, the last receipt
EDITS = frozenset({"scan", "add_amount", "add_product", "add_held_coupon", "set_quantity", "remove_line", "override_price",
                   "remove_coupon", "set_coupon_uses", "step_back_coupon", "remove_member", "set_points",
                   "use_max_points"})

# members found by phone or name, attached, signed up (_members.py; issue 17): any time a cashier is signed in;
# after a receipt, attaching one starts the next customer's checkout
MEMBERS = frozenset({"find_member", "attach_member", "sign_up_member"})
# paying: the method for the rest, stored value and gift card payments (_tenders.py)
TENDERS = frozenset({"set_payment_method", "add_stored_value", "add_gift_card", "set_tender_amount", "remove_tender"})

ACCEPTS: dict[State, frozenset[str]] = {
    State.LOCKED: ANY_TIME,
    State.READY: ANY_TIME | EDITS | MEMBERS | TENDERS | {"settle"},  # settle refuses an empty basket itself (with its reason)
    State.BUILDING: ANY_TIME | EDITS | MEMBERS | TENDERS | {"settle"},
    State.SETTLED: ANY_TIME | MEMBERS | {"scan", "add_amount", "add_product", "add_held_coupon"},
}
RESTARTS: dict[State, frozenset[str]] = {State.SETTLED: frozenset({"scan", "add_amount", "add_product", "attach_member",
                                                                  "sign_up_member"})}


SIGN_IN_FIRST = Notice("error", "error", "Sign in first.", Reason.NOT_AUTHORIZED.value)

# the notice an action not accepted answers with (None: the notice on screen stays)
REFUSED: dict[State, Notice | None] = {State.LOCKED: SIGN_IN_FIRST, State.SETTLED: None}
REFUSED_ACTION: dict[tuple[State, str], Notice] = {}

F = TypeVar("F", bound=Callable[..., Any])


def action(name: str) -> Callable[[F], F]:
    """Guard a public Counter method with the table: run it, restart then run it, or refuse."""
    if not any(name in names for names in ACCEPTS.values()):
        raise ValueError(f"{name!r} is an action no state accepts; add it to ACCEPTS")

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def guarded(self, *args: Any, **kwargs: Any):
            state = self.state
            if name not in ACCEPTS[state]:
                notice = REFUSED_ACTION.get((state, name)) or REFUSED.get(state)
                if notice is not None:
                    self.notice = notice
                return self.view()
            if name in RESTARTS.get(state, ()):
                self._clear()
            return method(self, *args, **kwargs)

        guarded.action = name  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return wrap
