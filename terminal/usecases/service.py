"""`RedemptionService`: the one object the counter, the CLI, the manager desk and sync hold.

It is a `ServiceContext` (terminal/usecases/context.py: replica, store, terminal, clock, secrets,
allowances, sync hooks) with one method per use case, each a call into the module that owns it:

    scan, parse, resolve_member, resolve_coupon, member_view     lookup.py     (reads only)
    build_basket, preview, settle                                checkout.py   (writes: settle)
    verify_staff, clear_pin_lockout                              staff.py
    void                                                         voids.py      (writes)
    return_items                                                 returns.py    (writes: a partial return)
    preview_return, sales, sale_detail                           returns.py, sales_history.py (reads only; issue 17)
    exchange, claim, transfer (online)                           member_value.py (writes; issue 15)
    visit_gifts, claim_visit_gift                                visit_gifts.py (來店禮; issue 16)
    find_members, attach_found_member, sign_up_member (online)   member_search.py (issue 17)
    close_day                                                    day_close.py  (writes the audit row)
    status                                                       context.py

Writes happen only in `settle`, `void`, `close_day` and the PIN lockout, each inside one
`BEGIN IMMEDIATE` transaction; `settle` and `void` also append their outbox event there.
Request and view types live with their use case (checkout.CheckoutRequest, lookup.MemberView...).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from terminal.domain import codes
from terminal.domain.checkout import CheckoutPreview
from terminal.domain.models import Basket, CouponClaim, Member
from terminal.usecases import (checkout, day_close, lookup, member_search, member_value, returns, sales_history, staff,
                               visit_gifts, voids)
from terminal.usecases.checkout import AllowanceOverride, CheckoutRequest
from terminal.usecases.context import ServiceContext
from terminal.usecases.lookup import MemberView, ScanResult


class RedemptionService(ServiceContext):
    # ---- scan and look up (lookup.py) -------------------------------------------------
    def scan(self, code: str, *, at: datetime | None = None, member_id: str | None = None) -> ScanResult:
        """What did the cashier scan? Raises CodeError with the precise reason."""
        return lookup.scan(self, code, at=at, member_id=member_id)

    def parse(self, code: str) -> codes.ParsedCode:
        return lookup.parse(self, code)

    def resolve_member(self, code: str, parsed: codes.ParsedCode | None = None) -> Member:
        return lookup.resolve_member(self, code, parsed)

    def resolve_coupon(self, code: str, uses: int = 1, parsed: codes.ParsedCode | None = None) -> CouponClaim:
        return lookup.resolve_coupon(self, code, uses, parsed)

    def member_view(self, member: Member, at: datetime | None = None) -> MemberView:
        return lookup.member_view(self, member, at)

    # ---- checkout (checkout.py) -------------------------------------------------------
    def build_basket(self, req: CheckoutRequest) -> Basket:
        return checkout.build_basket(self, req)

    def preview(self, req: CheckoutRequest, *, at: datetime | None = None) -> CheckoutPreview:
        return checkout.preview(self, req, at=at)

    def settle(self, req: CheckoutRequest, *, cashier_id: str, at: datetime | None = None,
               override: AllowanceOverride | None = None) -> dict[str, Any]:
        """Settle atomically; the same checkout id asked again returns the first receipt."""
        return checkout.settle(self, req, cashier_id=cashier_id, at=at, override=override)

    # ---- staff (staff.py) -------------------------------------------------------------
    def verify_staff(self, staff_id: str, pin: str, *, role: str | None = None) -> dict[str, Any]:
        return staff.verify_staff(self, staff_id, pin, role=role)

    def clear_pin_lockout(self, staff_id: str, *, manager_id: str, pin: str) -> dict[str, Any]:
        return staff.clear_pin_lockout(self, staff_id, manager_id=manager_id, pin=pin)

    # ---- voids (voids.py) and close of day (day_close.py) -------------------------------
    def void(self, checkout_id: str, *, manager_id: str, pin: str, reason: str, at: datetime | None = None) -> dict[str, Any]:
        """Void within the window with a manager's PIN; logged either way."""
        return voids.void(self, checkout_id, manager_id=manager_id, pin=pin, reason=reason, at=at)

    def return_items(self, req: returns.ReturnRequest, *, manager_id: str, pin: str, at: datetime | None = None) -> dict[str, Any]:
        """A partial return of a sale with a manager's PIN (returns.py); the receipt."""
        return returns.return_items(self, req, manager_id=manager_id, pin=pin, at=at)

    def preview_return(self, checkout_id: str, lines: tuple[tuple[int, int], ...], *, at: datetime | None = None) -> dict[str, Any]:
        """What a return of `lines` would give, before the manager approves it (returns.py; reads only)."""
        return returns.preview_return(self, checkout_id, lines, at=at)

    def sales(self, query: sales_history.SalesQuery) -> sales_history.SalesPage:
        """One page of the day's sales of this store (sales_history.py; reads only)."""
        return sales_history.search_sales(self, query)

    def sale_detail(self, checkout_id: str, *, at: datetime | None = None) -> sales_history.SaleDetail:
        """A sale with its returns and void, and what may still be done with it (sales_history.py)."""
        return sales_history.sale_detail(self, checkout_id, at=at)

    def reprint(self, checkout_id: str, actor_id: str, *, at: datetime | None = None) -> tuple[dict, sales_history.SaleDetail]:
        """The copy slip of a sale, recorded in the audit log (sales_history.reprint)."""
        return sales_history.reprint(self, checkout_id, actor_id, at=at)
    # ---- member value (member_value.py, issue 15) ---------------------------------------
    def exchange(self, offer_id: str, *, member_id: str, cashier_id: str, exchange_id: str | None = None,
                 at: datetime | None = None) -> dict[str, Any]:
        """Spend points for an exchange offer's voucher, issued at once (the receipt shows its code)."""
        return member_value.exchange(self, offer_id, member_id=member_id, cashier_id=cashier_id, exchange_id=exchange_id, at=at)

    def claim(self, campaign_id: str, *, member_id: str, cashier_id: str, claim_id: str | None = None,
              at: datetime | None = None) -> dict[str, Any]:
        """Claim a giveaway campaign's points for the member."""
        return member_value.claim(self, campaign_id, member_id=member_id, cashier_id=cashier_id, claim_id=claim_id, at=at)

    def visit_gifts(self, member_id: str, at: datetime | None = None) -> list[dict[str, Any]]:
        """The visit gifts (來店禮) running here with the member's spend towards each (usecases/visit_gifts.py)."""
        return visit_gifts.member_gifts(self, member_id, at)

    def claim_visit_gift(self, gift_id: str, *, member_id: str, cashier_id: str, claim_id: str | None = None,
                         at: datetime | None = None) -> dict[str, Any]:
        """Record a member's claim of a visit gift, once per member (usecases/visit_gifts.py)."""
        return visit_gifts.claim_visit_gift(self, gift_id, member_id=member_id, cashier_id=cashier_id, claim_id=claim_id, at=at)

    def transfer(self, client: Any, code: str, *, from_member: str, to_member: str, cashier_id: str,
                 request_id: str | None = None) -> dict[str, Any]:
        """Gift a voucher to another member: online only, through the sync `client`."""
        return member_value.transfer(self, client, code, from_member=from_member, to_member=to_member, cashier_id=cashier_id,
                                     request_id=request_id)

    # ---- members by phone or name, sign-up (member_search.py; issue 17) ------------------------
    def find_members(self, query: str) -> member_search.SearchResult:
        """Members whose phone is `query` or whose name starts with it (masked; at most five)."""
        return member_search.search(self, query)

    def attach_found_member(self, member_id: str) -> Member:
        """A member chosen from a search, as this replica holds it (looked up online when needed)."""
        return member_search.attach(self, member_id)

    def sign_up_member(self, req: member_search.SignUpRequest, *, cashier_id: str) -> member_search.SignUpResult:
        """Sign a new member up at the counter: online only, through `member_directory`."""
        return member_search.sign_up(self, req, cashier_id=cashier_id)

    def close_day(self, day: date, *, manager_id: str, pin: str, override_reason: str | None = None,
                  at: datetime | None = None) -> dict[str, Any]:
        """End-of-day close. Refused while events are unsynced unless a manager overrides with a reason."""
        return day_close.close_day(self, day, manager_id=manager_id, pin=pin, override_reason=override_reason, at=at)
