"""Signing in and out at the counter, and starting a new checkout."""

from __future__ import annotations

from terminal.domain.clock import local
from terminal.domain.reasons import DomainError, Reason
from terminal.storage import lockout
from terminal.usecases.counter._core import CounterCore
from terminal.usecases.counter._state import action
from terminal.usecases.counter._views import CounterView, Notice, refusal


class SessionMixin(CounterCore):
    @action("login")
    def login(self, staff_id: str, pin: str) -> CounterView:
        """Sign a cashier in with their PIN; a refusal (bad_pin, staff_locked...) is the notice,
        with details {failures, locked_until (store-local ISO time)} while the id is locked."""
        try:
            staff = self.service.verify_staff(staff_id.strip(), pin)
        except DomainError as err:
            if err.reason is Reason.STAFF_LOCKED:  # until when, store time: the sign-in dialog says it
                lock = lockout.current_lock(self.service.replica.conn, staff_id.strip(), self.service.now())
                if lock is not None:
                    err.details.update(failures=lock.failures,
                                       locked_until=local(lock.until, self.service.store.timezone).isoformat())
            self.notice = refusal("login", err, ctx=self.service)
            return self.view()
        self.cashier = {"id": staff["id"], "name": staff["name"], "role": staff["role"]}
        self.notice = Notice("ok", "login", f"{staff['name']} signed in.", subject=staff["name"])
        return self.view()

    @action("logout")
    def logout(self) -> CounterView:
        self.cashier = None
        self._clear()
        self.notice = Notice("info", "logout", "Signed out.")
        return self.view()

    @action("new_checkout")
    def new_checkout(self) -> CounterView:
        self._clear()
        self.notice = None
        return self.view()
