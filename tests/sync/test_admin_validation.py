"""No admin typo can stop the chain (issue 13, section 7): the server validates every admin
command before its rows enter the feed; each of these was accepted before and broke every
terminal's pull (or /v1/allowances)."""

from __future__ import annotations

import httpx
import pytest

from sync.server.admin import main as admin
from tests.conftest import card

from .handmade import HandDevice


@pytest.mark.parametrize("args", [
    ["issue-coupon", "--template", "T-100OFF", "--uses", "-5"],
    ["issue-coupon", "--template", "T-100OFF", "--uses", "0"],
    ["issue-coupon", "--template", "T-100OFF", "--valid-until", "tomorrow"],
    ["issue-coupon", "--template", "T-100OFF", "--valid-until", "2027-01-01T00:00:00"],
    ["issue-coupon", "--template", "T-100OFF", "--code", "X" * 2_000],
    ["issue-coupon", "--template", "T-100OFF", "--number", card("980000000002")],  # C-100OFF-1's number
    ["issue-coupon", "--template", "T-100OFF", "--number", "12345"],
    ["set-allowances", "--points-per-member", "-1"],
    ["set-allowances", "--valid-hours", "0"],
    ["adjust-points", "--member", "M1", "--point-type", "bonus", "--delta", "5", "--reason", "x", "--expires-at", "soon"],
    ["revoke-code", "--kind", "coupon", "--value", "C" * 100_000, "--reason", "fraud"],
    ["revoke-code", "--kind", "member", "--value", "M1", "--reason", "x" * 100_000],
    ["void-coupon", "--code", "C-100OFF-1", "--reason", " "],
])
def test_admin_typos_are_refused_and_every_terminal_keeps_pulling(server, args, capsys):
    a = HandDevice(server, "A-001", "TA")
    assert admin(["--db", str(server.db), *args]) == 2
    assert "error:" in capsys.readouterr().err
    assert a.pull_all() > 0
    assert httpx.get(server.url + "/v1/allowances", headers=a.headers).status_code == 200


def test_a_valid_issue_still_works(server, make_terminal):
    t = make_terminal()
    assert admin(["--db", str(server.db), "issue-coupon", "--template", "T-100OFF", "--code", "OK-1", "--uses", "2",
                  "--valid-until", "2027-01-01T00:00:00+08:00", "--number", card("980000000555")]) == 0
    t.client.pull()
    assert t.svc.scan(card("980000000555")).coupon.remaining_uses == 2
