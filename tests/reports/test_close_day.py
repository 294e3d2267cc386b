"""End-of-day close: blocked with pending events; allowed after sync or with a manager override."""

from __future__ import annotations

from datetime import date

import pytest

from terminal.domain.reasons import AuthorizationError, CheckoutError, Reason
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from tests.conftest import tpe

AT = tpe(2026, 11, 5, 21)


def _sale(svc, cid):
    svc.settle(CheckoutRequest(cid, (LineRequest(amount=100),)), cashier_id="C01", at=tpe(2026, 11, 5, 12))


def test_close_refused_with_pending_events_then_override_is_logged(make_service):
    svc = make_service()
    _sale(svc, "a")
    with pytest.raises(CheckoutError) as e:
        svc.close_day(date(2026, 11, 5), manager_id="MGR1", pin="9999", at=AT)
    assert e.value.reason == Reason.UNSYNCED_EVENTS and e.value.details["pending"] == 1
    with pytest.raises(AuthorizationError):
        svc.close_day(date(2026, 11, 5), manager_id="C01", pin="1234", override_reason="server down", at=AT)
    res = svc.close_day(date(2026, 11, 5), manager_id="MGR1", pin="9999", override_reason="server down all evening", at=AT)
    assert res["overridden"] and res["report"].net_total == 100
    actions = svc.replica.conn.execute("SELECT action, reason FROM audit_log ORDER BY id").fetchall()
    assert actions == [("close_day", "server down all evening"), ("override", "server down all evening")]
    with pytest.raises(CheckoutError) as e:
        svc.close_day(date(2026, 11, 5), manager_id="MGR1", pin="9999", override_reason="again", at=AT)
    assert e.value.reason == Reason.ALREADY_CLOSED


def test_close_allowed_once_everything_is_synced(make_service):
    svc = make_service()
    _sale(svc, "a")
    # what the sync client does when the server acknowledges the events
    svc.replica.conn.execute("UPDATE outbox SET state = 'acked'")
    res = svc.close_day(date(2026, 11, 5), manager_id="MGR1", pin="9999", at=AT)
    assert res["closed"] and not res["overridden"] and res["settlements"] == 1
