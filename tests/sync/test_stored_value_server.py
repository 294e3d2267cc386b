"""Stored value and gift cards against the real server (127.0.0.1): an honest terminal's top-up and
payments reach the central ledger and come back in the feed; hand-made payloads of a hostile store PC
(negative or absurd top-ups, another currency or brand, an inflated bonus, over-spending) are rejected,
quarantined or bounded by the allowance, each with its reason; a void puts the value back exactly."""

from __future__ import annotations

import json

import pytest

from sync.client import SyncClient
from sync.credentials import MemoryCredentialStore
from terminal.provisioning.bootstrap import open_replica
from terminal.storage import value_store
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.service import RedemptionService
from terminal.usecases.stored_value import TopupRequest, ValueTender, topup
from tests.conftest import FixedClock, card
from tests.stored_value.value_catalog import GIFT, value_catalog

from .conftest import AT, ENGINE_PARAMS, engine_server, enrolled_counter
from .handmade import HandDevice, reasons

M1 = card("290000000001")


@pytest.fixture(scope="module", params=ENGINE_PARAMS)
def server(request, tmp_path_factory):
    """One server per module and engine (the PostgreSQL half runs with -m slow)."""
    d = tmp_path_factory.mktemp("value-server")
    (d / "catalog.json").write_text(json.dumps(value_catalog()))
    yield from engine_server(request, d)


def central(server, account_id: str) -> tuple[int, int]:
    """(the account row's balance, the sum of its ledger rows) on the server."""
    body = server.store.get("value_account", account_id)
    ledger = server.store.conn.execute("SELECT COALESCE(SUM(amount), 0) FROM value_ledger WHERE account_id = ?",
                                       (account_id,)).fetchone()[0]
    return body["balance"], ledger


def topup_payload(dev: HandDevice, account_id: str, amount, *, bonus=0, currency="TWD", tender="cash", **extra) -> dict:
    dev.n += 1
    return {"topup_id": f"tu-{dev.terminal_id}-{dev.n}", "store_id": dev.store_id, "terminal_id": dev.terminal_id,
            "cashier_id": "C01", "member_id": None, "account_id": account_id, "program_id": "WALLET", "currency": currency,
            "amount": amount, "tender": tender, "bonus_value": bonus, "bonus_rule_id": None, "occurred_at": "2026-11-20T04:00:00+00:00",
            **extra}


def pay(account_id: str, amount, *, program="GIFT", kind="gift_card", currency="TWD") -> dict:
    return {"account_id": account_id, "program_id": program, "kind": kind, "currency": currency, "amount": amount}


@pytest.fixture(scope="module")
def a(server):
    return HandDevice(server, "A-001", "TV-A")


@pytest.fixture
def terminal(server, tmp_path):
    yield from enrolled_counter(server, tmp_path)


def test_an_honest_terminal_pays_with_a_gift_card_and_tops_up_a_wallet(server, terminal):
    client, svc = terminal
    assert value_store.account(svc.replica.conn, "GC-1").balance == central(server, "GC-1")[0]
    before = central(server, "GC-1")[0]
    assert svc.replica.conn.execute("SELECT number_key IS NOT NULL FROM value_accounts WHERE account_id = 'GC-1'").fetchone()[0] == 1
    r = svc.settle(CheckoutRequest("V1", (LineRequest(amount=320, name="Cake"),), value_tenders=(ValueTender(320, GIFT),)),
                   cashier_id="C01")
    assert r["payments"][0]["balance_after"] == before - 320
    t = topup(svc, TopupRequest("TU1", 1000, "cash", None, M1), cashier_id="C01")
    assert t["bonus_value"] == 100
    wallet = central(server, "SV-M1")[0]
    client.sync_once()
    assert central(server, "GC-1") == (before - 320, before - 320)
    assert central(server, "SV-M1") == (wallet + 1100, wallet + 1100)
    # the feed brings the server's balances back; the overlay no longer counts the local rows
    assert value_store.account(svc.replica.conn, "GC-1").balance == before - 320
    assert value_store.account(svc.replica.conn, "SV-M1").balance == wallet + 1100
    assert svc.replica.conn.execute("SELECT COUNT(*) FROM outbox WHERE reflected = 0").fetchone()[0] == 0
    svc.void("V1", manager_id="MGR1", pin="9999", reason="wrong card")
    client.sync_once()
    assert central(server, "GC-1") == (before, before)
    assert value_store.account(svc.replica.conn, "GC-1").balance == before


def test_a_store_pc_holds_no_gift_card_number(server, terminal):
    client, svc = terminal
    dump = "\n".join(svc.replica.conn.iterdump())
    assert GIFT not in dump and GIFT[:-1] not in dump


@pytest.mark.parametrize("amount,extra,code", [
    (-500, {}, "invalid_amount"),
    (0, {}, "invalid_amount"),
    (10**9, {}, "invalid_amount"),
    (20_001, {}, "invalid_amount"),  # beyond the program's max_topup
    (True, {}, "invalid_amount"),
    ("1000", {}, "invalid_amount"),
    (1000, {"currency": "USD"}, "currency_mismatch"),
    (1000, {"tender": "voucher"}, "invalid_payload"),
])
def test_a_hostile_topup_is_rejected_with_its_reason(server, a, amount, extra, code):
    before = central(server, "SV-M2")
    ans = a.push(topup_payload(a, "SV-M2", amount, **extra), type_="value_topup")
    assert ans["status"] == "rejected" and ans["error"]["code"] == code
    assert central(server, "SV-M2") == before


@pytest.mark.parametrize("account,code", [("GC-B", "wrong_brand"), ("GC-OLD", "expired"), ("NOPE", "unknown_value_account"),
                                          ("GC-1", "invalid_amount")])  # GC-1's program takes no top-ups
def test_a_topup_of_a_card_no_counter_here_could_top_up_is_rejected(server, a, account, code):
    ans = a.push(topup_payload(a, account, 1000), type_="value_topup")
    assert ans["status"] == "rejected" and ans["error"]["code"] == code


def test_an_inflated_bonus_books_the_servers_bonus(server, a):
    before = central(server, "SV-M2")[0]
    ans = a.push(topup_payload(a, "SV-M2", 1000, bonus=5000), type_="value_topup")
    assert reasons(ans) == ["topup_bonus_differs"]
    assert central(server, "SV-M2") == (before + 1100, before + 1100)


def test_payments_no_counter_could_make_are_quarantined(server, a):
    before = central(server, "GC-1")
    cases = [(pay("GC-B", 100, program="GIFT-B"), "wrong_brand"), (pay("GC-USD", 100, program="GIFT-USD", currency="USD"), "currency_mismatch"),
             (pay("GC-1", 100, currency="USD"), "currency_mismatch"), (pay("GC-OLD", 100), "expired"),
             (pay("SV-M1", 100, program="WALLET", kind="wallet"), "wrong_member"), (pay("NOPE", 100), "unknown_value_account")]
    for p, why in cases:
        ans = a.push(a.settlement(member="M2", amount=600, value_payments=[p]))
        assert why in reasons(ans), (p, reasons(ans))
    ans = a.push(a.settlement(member=None, amount=100, value_payments=[pay("GC-1", 60), pay("GC-LOW", 60)]))
    assert reasons(ans) == ["value_beyond_total"]  # 120 of value for a 100 sale: the second is not booked
    assert central(server, "GC-1") == (before[0] - 60, before[1] - 60)


@pytest.mark.parametrize("bad", [[{"account_id": "GC-1", "amount": -100, "program_id": "GIFT", "currency": "TWD"}],
                                 [{"account_id": "GC-1", "amount": 1.5, "program_id": "GIFT", "currency": "TWD"}],
                                 "GC-1", [pay("GC-1", 1)] * 11])
def test_malformed_payments_reject_the_sale(server, a, bad):
    before = central(server, "GC-1")
    ans = a.push(a.settlement(member=None, amount=100, value_payments=bad))
    assert ans["status"] == "rejected" and ans["error"]["code"] == "invalid_payload"
    assert central(server, "GC-1") == before


def test_overspending_is_posted_within_the_allowance_and_no_further(server, a):
    limit = server.store.allowances({})["stored_value_per_account"]
    bal = central(server, "GC-LOW")[0]
    ans = a.push(a.settlement(member=None, amount=bal + 300, value_payments=[pay("GC-LOW", bal + 300)]))
    assert reasons(ans) == ["stored_value_overdraft"] and ans["conflicts"][0]["details"]["over"] == 300
    assert central(server, "GC-LOW") == (-300, -300)
    for _ in range(3):  # a hostile or broken terminal repeating it cannot dig deeper than one allowance
        ans = a.push(a.settlement(member=None, amount=900, value_payments=[pay("GC-LOW", 900)]))
    assert "stored_value_beyond_allowance" in reasons(ans)
    assert central(server, "GC-LOW") == (-limit, -limit)


def test_a_void_reverses_what_the_server_booked_not_what_the_void_claims(server, a):
    before = central(server, "GC-1")
    sale = a.settlement(member=None, amount=500, value_payments=[pay("GC-1", 500)])
    ans = a.push(sale)
    assert ans["status"] == "accepted" and central(server, "GC-1")[0] == before[0] - 500
    a.push(a.void(sale, ans, value=[{"account_id": "GC-1", "amount": 99999}]), type_="void")
    assert central(server, "GC-1") == (before[0], before[1])


def test_a_topup_pushed_again_under_a_new_sequence_is_booked_once(server, a):
    before = central(server, "SV-M2")[0]
    p = topup_payload(a, "SV-M2", 500)
    assert a.push(p, type_="value_topup")["status"] == "accepted"
    again = a.push(p, type_="value_topup")  # same topup id, a new event id and terminal_seq
    assert again["status"] == "rejected" and again["error"]["code"] == "topup_replayed"
    assert central(server, "SV-M2") == (before + 500, before + 500)


def test_a_topup_void_reverses_the_booked_topup_and_bonus_once(server, a):
    before = central(server, "SV-M2")[0]
    p = topup_payload(a, "SV-M2", 1000, bonus=100)
    ans = a.push(p, type_="value_topup")
    assert ans["status"] == "accepted" and central(server, "SV-M2")[0] == before + 1100
    void = {"topup_id": p["topup_id"], "voids_event_id": ans["event_id"], "store_id": "A-001", "terminal_id": a.terminal_id,
            "manager_id": "MGR1", "reason": "wrong amount", "occurred_at": p["occurred_at"], "amount": 99999}
    bad = a.push({**void, "manager_id": "C01"}, type_="value_topup_void")
    assert bad["status"] == "rejected" and bad["error"]["code"] == "not_a_manager"
    assert a.push(void, type_="value_topup_void")["status"] == "accepted"
    assert central(server, "SV-M2") == (before, before)
    again = a.push({**void, "reason": "again"}, type_="value_topup_void")
    assert again["status"] == "rejected" and again["error"]["code"] == "already_voided"
    b = HandDevice(server, "B-001", "TV-B")  # another store cannot void it
    other = b.push({**void, "store_id": "B-001", "terminal_id": "TV-B"}, type_="value_topup_void")
    assert other["status"] == "rejected" and other["error"]["code"] == "wrong_store"
    assert central(server, "SV-M2") == (before, before)


def test_an_honest_terminal_voids_a_topup_through_sync(server, terminal):
    client, svc = terminal
    wallet = central(server, "SV-M1")[0]
    topup(svc, TopupRequest("TU-V", 3000, "card", None, M1), cashier_id="C01")
    client.sync_once()
    assert central(server, "SV-M1")[0] == wallet + 3400
    from terminal.usecases.stored_value import void_topup

    void_topup(svc, "TU-V", manager_id="MGR1", pin="9999", reason="card declined")
    client.sync_once()
    assert central(server, "SV-M1") == (wallet, wallet)
    assert value_store.account(svc.replica.conn, "SV-M1").balance == wallet


def _till(server, tmp_path, store_id: str, name: str):
    path = tmp_path / f"{name}.db"
    client = SyncClient(open_replica(path), server.url, MemoryCredentialStore(), backoff_base=0.02, backoff_cap=0.2)
    client.enrol(server.store.create_enrol_token(store_id), name)
    client.bootstrap()  # pulls the replica and the allowance grant, as a real till does before it sells
    from sync.allowances import OfflineAllowances

    return client, RedemptionService(open_replica(path), store_id=store_id, terminal_id=name, clock=FixedClock(AT),
                                     allowances=OfflineAllowances())


def test_two_offline_tills_overspend_a_gift_card_within_the_allowance(server, tmp_path):
    from sync.server.value_admin import issue_gift_card

    number = card("770000000777")
    issue_gift_card(server.store, "GIFT", 500, number=number, account_id="GC-TWO")
    tills = [_till(server, tmp_path, "A-001", "TW1"), _till(server, tmp_path, "A-NEW", "TW2")]
    try:
        for i, (client, svc) in enumerate(tills):  # both offline: each sees 500 and spends 400 (allowance 1,000)
            assert value_store.account(svc.replica.conn, "GC-TWO").balance == 500
            r = svc.settle(CheckoutRequest(f"OV{i}", (LineRequest(amount=400, name="x"),), value_tenders=(ValueTender(400, number),)),
                           cashier_id="C01")
            assert r["payments"][0]["balance_after"] == 100
        tills[0][0].sync_once()
        tills[1][0].sync_once()
        assert central(server, "GC-TWO") == (-300, -300)  # the second spend posted 300 beyond the balance
        conflicts = tills[1][0].conn.execute("SELECT kind FROM sync_conflicts").fetchall()
        assert ("stored_value_overdraft",) in conflicts
        rows = server.store.conn.execute("SELECT kind, decision, amount FROM conflicts WHERE subject = 'GC-TWO'").fetchall()
        assert rows == [("stored_value_overdraft", "posted_within_allowance", 300)]
        for client, svc in tills:
            client.sync_once()
            assert value_store.account(svc.replica.conn, "GC-TWO").balance == -300
        with pytest.raises(Exception) as err:  # nothing left: the counter refuses now
            tills[0][1].settle(CheckoutRequest("OV9", (LineRequest(amount=10, name="x"),), value_tenders=(ValueTender(10, number),)),
                               cashier_id="C01")
        assert getattr(err.value, "reason", None).value == "insufficient_balance"
    finally:
        for client, svc in tills:
            client.close()
            client.conn.close()
            svc.replica.conn.close()
