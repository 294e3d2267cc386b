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


def _server_coupons(server, store_id: str = "A-001", brand: str = "A") -> dict[str, tuple]:
    """The coupons a terminal of `store_id` holds per the server: its brand's and the chain-wide ones (store slices)."""
    import json

    from sync.server.slices import device_match

    return {k: (b["used_uses"], b["total_uses"], b["status"]) for k, b in (
        (r[0], json.loads(r[1])) for r in server.store.conn.execute("SELECT key, body, scope FROM entities WHERE kind = 'coupon' AND deleted = 0")
        if device_match(r[2], brand, store_id))}


def _local_coupons(t) -> dict[str, tuple]:
    return {r[0]: tuple(r[1:]) for r in t.client.conn.execute(
        "SELECT code, used_uses, total_uses, status FROM coupon_instances WHERE origin = 'replica'")}


def test_staged_pages_are_applied_in_chunks_and_the_last_copy_of_a_row_wins(server, make_terminal, monkeypatch):
    import sync.client as client_mod

    monkeypatch.setattr(client_mod, "_APPLY_CHUNK", 3)
    t = make_terminal()
    t.settle("pending-1", coupons=[C100])  # the overlay is open: pages will be staged
    for i in range(20):
        server.store.issue_coupon("T-100OFF", code=f"BULK-{i:02d}")
    t.client.page_size = 4
    rep = t.client.pull(max_pages=3)
    assert rep.pages == 3 and t.client.conn.execute("SELECT COUNT(*) FROM pull_staging").fetchone()[0] == 12
    assert t.svc.replica.coupon("BULK-00") is None  # staged, not applied yet
    server.store.void_coupon("BULK-01", "printed by mistake")  # BULK-01 moves on: pulled again, later
    t.client.pull()
    assert t.client.conn.execute("SELECT COUNT(*) FROM pull_staging").fetchone()[0] == 0
    assert _local_coupons(t) == _server_coupons(server)
    assert t.svc.replica.coupon("BULK-01").status == "voided"
    assert remaining(t) == 0  # the pending redemption still counted once


def test_a_full_resync_with_an_open_overlay_stages_then_sweeps(server, make_terminal):
    t = make_terminal()
    used_and_voided(t)  # the void is pending: the overlay is open
    c = t.client.conn
    c.execute("BEGIN IMMEDIATE")
    c.execute("INSERT INTO revocations(kind, value, reason, revoked_at) VALUES ('member', 'M3', 'stale', '2026-01-01')")
    c.execute("COMMIT")
    server.store.reset_epoch()
    t.client.page_size = 5
    rep = t.client.pull()
    assert rep.reset and rep.pages > 3
    assert c.execute("SELECT COUNT(*) FROM pull_staging").fetchone()[0] == 0
    assert c.execute("SELECT COUNT(*) FROM revocations WHERE value = 'M3'").fetchone()[0] == 0  # swept
    assert _local_coupons(t) == _server_coupons(server)
    assert remaining(t) == 1
    t.client.push()
    t.client.pull()
    assert remaining(t) == 1
    assert c.execute("SELECT COUNT(*) FROM outbox WHERE reflected = 0").fetchone()[0] == 0


def test_pull_answers_are_the_terminals_own_on_the_last_page_only(server, make_terminal):
    import httpx

    a, b = make_terminal("A-001", "TA"), make_terminal("A-001", "TB")
    a.settle("a1", amount=100)
    a.settle("a2", amount=200)
    a.client.push()

    def pull(t, **params):
        return httpx.get(server.url + "/v1/pull", params=params, headers={"Authorization": f"Bearer {t.credentials.get()}"})

    own = pull(a, answers_from=2).json()
    assert not own["has_more"] and [(x["terminal_seq"], x["status"]) for x in own["answers"]] == [(2, "accepted")]
    assert [x["terminal_seq"] for x in pull(a, answers_from=1).json()["answers"]] == [1, 2]
    assert pull(b, answers_from=1).json()["answers"] == []  # another terminal's events are not shown
    first = pull(a, answers_from=1, limit=1).json()
    assert first["has_more"] and first["answers"] == []  # only the last page carries answers
    assert pull(a).json()["answers"] == []  # not asked for
    for bad in ("0", "-1", "x", "1.5", str(10**13), ""):
        r = pull(a, answers_from=bad)
        assert r.status_code == 422, (bad, r.status_code, r.text[:200])


def test_a_void_waiting_in_staging_was_not_seen_by_the_cashier(server, make_terminal):
    """Events carry the cursor of the state the replica shows, not the pull cursor ahead over staged pages."""
    t = make_terminal()
    t.settle("open-overlay", amount=100)  # pending: the overlay is open, pages will be staged
    server.store.void_coupon("C-100OFF-2", "reported stolen")
    for i in range(8):
        server.store.issue_coupon("T-100OFF", code=f"AFTER-{i}")
    t.client.page_size = 3
    t.client.pull(max_pages=2)  # the void's row is staged, not applied
    staged_cursor, shown_cursor = t.svc.replica.get_meta("pull_cursor"), t.svc.replica.applied_cursor()
    assert staged_cursor != shown_cursor
    assert t.svc.replica.coupon("C-100OFF-2").status == "active"  # what the cashier sees
    t.settle("redeem", coupons=[card("980000000007")])  # C-100OFF-2
    t.client.push()
    (conflict,) = [c for c in server.store.conflicts() if c["subject"] == "C-100OFF-2"]
    assert conflict["kind"] == "redeemed_after_void" and conflict["decision"] == "honoured_terminal_could_not_know"
