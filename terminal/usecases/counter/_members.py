"""Members found by phone or name, attached to the checkout, or signed up at the counter (issue 17;
the use case is terminal/usecases/member_search.py). A member attached this way is on the checkout
as `member-id:<id>` (terminal/usecases/lookup.py MEMBER_REF): no card was scanned."""

from __future__ import annotations

from datetime import datetime

from terminal.domain.reasons import DomainError
from terminal.usecases import member_search
from terminal.usecases.counter._basket import BasketMixin
from terminal.usecases.counter._state import action
from terminal.usecases.counter._views import CounterView, Notice, refusal
from terminal.usecases.lookup import MEMBER_REF, member_view


class MembersMixin(BasketMixin):
    @action("find_member")
    def find_member(self, query: str) -> member_search.SearchResult | CounterView:
        """The members matching `query` (a phone or a name); read only: the checkout and its notice do not change.
        Refused by the state table (nobody signed in): the CounterView with its notice, as every action. Raises
        DomainError with the search's refusal (INVALID_PHONE, INVALID_NAME, NEEDS_NETWORK, RATE_LIMITED...)."""
        return self.service.find_members(query)

    @action("attach_member")
    def attach_member(self, member_id: str, at: datetime | None = None) -> CounterView:
        """The member chosen from a search, on the checkout (as a scanned card would be)."""
        try:
            member = self.service.attach_found_member(member_id)
        except DomainError as err:
            self.notice = refusal("member", err)
            return self.view()
        self._put_member(member, at)
        return self.view()

    @action("sign_up_member")
    def sign_up_member(self, name: str, phone: str, birth_month: int | None, consent: bool, request_id: str = "",
                       at: datetime | None = None) -> CounterView:
        """Sign a new member up (online only) and put them on the checkout. The notice: ok `member` with details
        {signed_up: True, card_number, member_id}; or the refusal (event `member_signup`) (details.field names the wrong field, details.existing a member who
        has that phone already)."""
        cashier = (self.cashier or {}).get("id") or "?"
        req = member_search.SignUpRequest(name, phone, birth_month, consent, request_id)
        try:
            done = self.service.sign_up_member(req, cashier_id=cashier)
        except DomainError as err:
            self.notice = refusal("member_signup", err)
            return self.view()
        view = self._put_member(done.member, at)
        self.notice = Notice("ok", "member", f"Member {view.masked_name} signed up, card {done.card_number}.",
                             subject=view.masked_name, details={"signed_up": True, "card_number": done.card_number,
                                                                "member_id": done.member.id})
        return self.view()

    def _put_member(self, member, at: datetime | None):
        view = member_view(self.service, member, at)
        self.member_code, self.member = MEMBER_REF + member.id, view
        self.notice = Notice("ok", "member", f"Member {view.masked_name} ({view.tier_name}).", subject=view.masked_name)
        self._recompute(at)
        return view
