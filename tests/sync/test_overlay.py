"""The overlay (replica + this terminal's unreflected effects) never counts an effect twice.

A coupon's remaining uses on the counter are the replica's `used_uses` plus the uses of
local events the replica does not reflect yet. Counting an event both in the pulled row
and in the overlay is harmless for a redemption (fewer uses shown) but not for a void: a
single-use coupon used and voided would show two uses left, and the terminal would honour
both (simulation seed 1093 found this). Two ways the replica can get ahead of the overlay:

- a pull cut between pages: a page carries the coupon row with the void in it, the pull
  dies before the last page, where reflection is decided;
- a push whose answer was lost: the server applied the void, the terminal still holds it
  as pending, then pulls the coupon row with the void in it.
"""

from __future__ import annotations

import pytest

from sync.client import SyncFaults, TransientError
from terminal.domain.reasons import DomainError
from tests.conftest import card

C100 = card("980000000002")  # C-100OFF-1, single use, bearer
CODE = "C-100OFF-1"


def remaining(t) -> int:
    return t.svc.replica.coupon(CODE).remaining_uses


def used_and_voided(t) -> None:
    """Redeem the single-use coupon, sync it fully, void the checkout: one use left."""
    t.settle("c1", coupons=[C100])
    t.client.push()
    t.client.pull()
    assert remaining(t) == 0
    t.svc.void("c1", manager_id="MGR1", pin="9999", reason="customer changed their mind")
    assert remaining(t) == 1


def test_a_pull_cut_after_the_page_with_the_void_does_not_count_it_twice(server, make_terminal):
    t = make_terminal()
    used_and_voided(t)
    before = server.store.head()
    t.client.push()
    void_seq = server.store.head()
    for i in range(6):  # later changes: the pull needs more than one page
        server.store.issue_coupon("T-100OFF", code=f"LATER-{i}")
    t.client.page_size = void_seq - before  # the first page ends with the void's changes
    t.client.pull(max_pages=1)
    assert t.client.conn.execute("SELECT used_uses FROM coupon_instances WHERE code = ?", (CODE,)).fetchone()[0] in (0, 1)
    assert remaining(t) == 1
    t.settle("c2", coupons=[C100])
    assert remaining(t) == 0
    with pytest.raises(DomainError):
        t.settle("c3", coupons=[C100])
    t.client.pull()  # caught up: the same answer from the replica alone
    t.client.push()
    t.client.pull()
    assert remaining(t) == 0
    assert t.client.conn.execute("SELECT COUNT(*) FROM outbox WHERE reflected = 0").fetchone()[0] == 0


def test_a_lost_push_answer_then_a_pull_does_not_count_the_void_twice(server, make_terminal):
    lose = {"on": False}

    def answer_lost(_answer):
        if lose["on"]:
            raise TransientError("simulated: the answer was lost on the way back")

    t = make_terminal(faults=SyncFaults(push_answered=answer_lost))
    used_and_voided(t)
    lose["on"] = True
    with pytest.raises(TransientError):
        t.client.push()  # the server applied the void; the terminal still holds it as pending
    lose["on"] = False
    assert t.client.pending_count() == 1
    t.client.pull()
    assert remaining(t) == 1
    t.settle("c2", coupons=[C100])
    assert remaining(t) == 0
    t.client.push()
    t.client.pull()
    assert remaining(t) == 0
    assert server.store.conflicts() == []
