"""The offline allowance in figures (terminal/usecases/offline_status.py): what the offline strip says is what the
counter enforces (sync/allowances.py), per state of the grant, with what the member at the counter has left."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from sync.allowances import DEFAULT_CEILINGS, OfflineAllowances
from terminal.domain.reasons import DomainError
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.offline_status import allowance_status
from tests.conftest import card, tpe

AT = tpe(2026, 11, 20, 12)
M1 = card("290000000001")


def _grant(svc, hours: float, **body) -> None:
    svc.replica.conn.execute("INSERT OR REPLACE INTO sync_allowances(id, body, granted_at, valid_until) VALUES (1, ?, ?, ?)",
                             (json.dumps(body), AT.isoformat(), (AT + timedelta(hours=hours)).isoformat()))


def test_never_granted_is_zero_everywhere(make_service):
    svc = make_service()
    a = allowance_status(svc.replica.conn, AT)
    assert a["state"] == "none" and a["valid_until"] is None and a["hours_left"] is None
    assert set(a["limits"].values()) == {0} and a["ceilings"] == DEFAULT_CEILINGS


def test_a_current_grant_gives_its_figures_and_hours_left(make_service):
    svc = make_service()
    _grant(svc, 52.5, stored_voucher_uses=2, points_per_member=500, stored_value_per_account=1000,
           override_points_per_member=800)
    a = allowance_status(svc.replica.conn, AT)
    assert a["state"] == "granted" and a["hours_left"] == 52
    assert a["limits"]["stored_voucher_uses"] == 2 and a["limits"]["points_per_member"] == 500
    assert a["limits"]["stored_value_per_account"] == 1000 and a["limits"]["shared_code_uses"] == 0
    assert a["ceilings"]["override_points_per_member"] == 800


def test_a_lapsed_grant_allows_nothing(make_service):
    svc = make_service()
    _grant(svc, 1, points_per_member=500)
    a = allowance_status(svc.replica.conn, AT + timedelta(hours=2))
    assert a["state"] == "lapsed" and a["hours_left"] == 0 and a["limits"]["points_per_member"] == 0


def test_what_the_member_has_left_is_what_the_counter_enforces(make_service):
    svc = make_service(at=AT)
    _grant(svc, 48, points_per_member=60)
    svc.allowances = OfflineAllowances()
    pt = next(iter(allowance_status(svc.replica.conn, AT, member_id="M1")["member_left"]))
    assert allowance_status(svc.replica.conn, AT, member_id="M1")["member_left"][pt] == 60
    svc.settle(CheckoutRequest("p1", (LineRequest(amount=500),), member_code=M1, points={pt: 40}), cashier_id="C01", at=AT)
    left = allowance_status(svc.replica.conn, AT, member_id="M1")["member_left"][pt]
    assert left == 20
    # the counter agrees: 20 more passes the check, 20 after that need a manager (the member still has 70)
    svc.settle(CheckoutRequest("p2", (LineRequest(amount=500),), member_code=M1, points={pt: left}), cashier_id="C01", at=AT)
    assert allowance_status(svc.replica.conn, AT, member_id="M1")["member_left"][pt] == 0
    with pytest.raises(DomainError) as e:
        svc.settle(CheckoutRequest("p3", (LineRequest(amount=500),), member_code=M1, points={pt: 20}), cashier_id="C01", at=AT)
    assert e.value.reason.value == "offline_allowance_exceeded"
