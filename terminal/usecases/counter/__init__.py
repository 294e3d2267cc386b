"""The checkout in progress, as a UI-neutral state machine (no Qt; pure Python + the service).

Like Electrum's wizard: the Qt layer drives a `Counter` and renders its `CounterView`
snapshots; tests drive the same object without any UI. Every method that touches the
service (and therefore SQLite) must be called from ONE thread - the UI's database worker.
The UI thread only ever sees the frozen `CounterView` returned by each call.

Refusals never raise out of the counter: each action returns a view whose `notice`
carries the reason code (for a translated message) and the domain's English message
(kept as detail). Only programming errors raise.

One module per use case, each a mixin over `CounterCore` (the data, state, request, preview
and view); a new capability (stored value, returns, promotions...) adds a module and a row
of the state table, not lines here:

    _state.py     State, ACCEPTS (the actions each state accepts), RESTARTS, REFUSED; @action
    _views.py     Notice, LineView, CouponLineView, CounterView (frozen, for the UI thread)
    _core.py      CounterCore: the checkout's data, state, request(), view(), recompute
    _session.py   login, logout, new_checkout
    _basket.py    scan, add_amount, set_quantity, remove_line, override_price
    _coupons.py   add_held_coupon, remove_coupon, set_coupon_uses, step_back_coupon, remove_member
    _points.py    set_points, use_max_points
    _settle.py    settle (with the offline-allowance override)
    _void.py      void (the last receipt by default)
    _quick.py     add_product (by SKU: a quick key or a search result, issue 17)
    _members.py   find_member, attach_member, sign_up_member (issue 17: by phone or name, online sign-up)
    _tenders.py   set_payment_method, add_stored_value, add_gift_card, set_tender_amount, remove_tender
                  (split tender: stored value / gift cards first, the rest by the payment method)
"""

from __future__ import annotations

from terminal.usecases.counter._basket import MAX_AMOUNT, MAX_QUANTITY
from terminal.usecases.counter._coupons import CouponsMixin
from terminal.usecases.counter._members import MembersMixin
from terminal.usecases.counter._points import PointsMixin
from terminal.usecases.counter._quick import QuickMixin
from terminal.usecases.counter._session import SessionMixin
from terminal.usecases.counter._settle import SettleMixin
from terminal.usecases.counter._state import ACCEPTS, State
from terminal.usecases.counter._tenders import TendersMixin
from terminal.usecases.counter._views import CounterView, CouponLineView, LineView, Notice, TenderView
from terminal.usecases.counter._void import VoidMixin

__all__ = ["ACCEPTS", "MAX_AMOUNT", "MAX_QUANTITY", "Counter", "CounterView", "CouponLineView", "LineView", "Notice",
           "State", "TenderView"]


class Counter(TendersMixin, SessionMixin, CouponsMixin, QuickMixin, MembersMixin, PointsMixin, SettleMixin, VoidMixin):
    """One counter's checkout. Not thread-safe by design: one worker thread owns it."""
