"""A hostile store terminal against the member endpoints (POST /v1/members/search, POST /v1/members,
POST /v1/member-lookup) of the real server, with a real device credential and hand-made payloads:
member lookups are bounded per device and audited (sync/server/member_lookup_bound.py), parallel
requests do not race past a bound, name variants do not dodge the count, request ids replayed with
another body make nothing, hostile lookups write nothing, and no answer or error carries a full
name, phone or card number. The honest counter's unknown-member flow stays within the lookup bound."""

from __future__ import annotations

import copy
import itertools
import json
import threading
import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from sync.server.member_lookup_bound import LOOKUPS_PER_DAY, LOOKUPS_PER_MINUTE
from terminal.domain.member_data import card_hash
from terminal.domain.reasons import DomainError, Reason
from tests.conftest import BASE_CATALOG

from .conftest import ENGINE_PARAMS, ServerProcess, engine_server, enrol_device, enrolled_counter

_n = itertools.count(1)
SECRETS = ("王小明", "小明", "Alice Chen", "Chen", "912345678", "0912345678", "922000111", "2900000000018", "2900000000025")


def hostile_catalog() -> dict:
    cat = copy.deepcopy(BASE_CATALOG)
    cat["policies"] = {**cat.get("policies", {}), "member_slices": True}
    for m in cat["members"]:
        m.update({"M1": {"home_store": "B-001", "phone": "0912-345-678"}, "M2": {"home_store": "B-001", "phone": "+886 922 000 111"},
                  "M3": {"home_store": "B-001"}}.get(m["id"], {}))
    cat["members"] += [{"id": f"M{i}", "name": f"測試{n}", "tier": "normal", "home_store": "B-001"}
                       for i, n in zip(range(4, 40), itertools.cycle("甲乙丙丁戊己庚辛壬癸"))]
    return cat


@pytest.fixture(scope="module", params=ENGINE_PARAMS)
def server(request, tmp_path_factory):
    d = tmp_path_factory.mktemp("red-team-members")
    (d / "catalog.json").write_text(json.dumps(hostile_catalog()))
    yield from engine_server(request, d)


class Till:
    """A device of `store` calling the member endpoints with its own credential, payloads as given."""

    def __init__(self, server, store: str = "A-001") -> None:
        self.url, self.server = server.url, server
        self.creds = enrol_device(server.url, server.store.create_enrol_token(store), f"RT-{next(_n)}")
        self.headers = {"Authorization": f"Bearer {self.creds['credential']}"}

    def post(self, path: str, body=None, *, raw: bytes | None = None) -> httpx.Response:
        if raw is not None:
            return httpx.post(self.url + path, content=raw, headers={**self.headers, "Content-Type": "application/json"})
        return httpx.post(self.url + path, json=body, headers=self.headers)

    def lookup(self, **body) -> httpx.Response:
        return self.post("/v1/member-lookup", body)

    def search(self, **body) -> httpx.Response:
        return self.post("/v1/members/search", body)

    def audit(self) -> list[tuple]:
        return self.server.store.conn.execute("SELECT kind, query, results, member_ids FROM member_searches WHERE device_id = ? "
                                              "ORDER BY id", (self.creds["device_id"],)).fetchall()

    def slice(self) -> set[str]:
        return {r[0] for r in self.server.store.conn.execute("SELECT member_id FROM store_members WHERE store_id = ? AND home = 0",
                                                             (self.creds["store_id"],))}

    def seed(self, kind: str, n: int, ago: timedelta) -> None:
        """`n` audit rows of `kind` made `ago` (as if this device had made them then: the bound counts the database)."""
        at = (datetime.now(timezone.utc) - ago).isoformat()
        with self.server.store.write():
            for _ in range(n):
                self.server.store.conn.execute(
                    "INSERT INTO member_searches(device_id, store_id, terminal_id, at, kind, query, results, member_ids) "
                    "VALUES (?, ?, ?, ?, ?, 'seeded', 0, '[]')", (self.creds["device_id"], self.creds["store_id"], "seed", at, kind))


@pytest.fixture
def till(server):
    return Till(server)


def no_secret(*answers: httpx.Response) -> None:
    for a in answers:
        for s in SECRETS:
            assert s not in a.text, (s, a.text)


def test_sequential_member_ids_are_bounded_per_till(server):
    """Before: a till looked up M1, M2, ... without end, each entering its store's slice (its rows then pulled)."""
    till = Till(server, "A-NEW")
    answers = [till.lookup(member_id=f"M{i}") for i in range(1, LOOKUPS_PER_MINUTE + 1)]
    assert [a.status_code for a in answers] == [200] * LOOKUPS_PER_MINUTE
    looked = till.slice()
    more = till.lookup(member_id=f"M{LOOKUPS_PER_MINUTE + 1}")
    assert more.status_code == 429, more.text
    err = more.json()["error"]
    assert err["code"] == "rate_limited" and f"{LOOKUPS_PER_MINUTE} member lookups within 1 minute" in err["message"]
    assert 1 <= int(more.headers["Retry-After"]) <= 61 and err["details"]["retry_after"] == int(more.headers["Retry-After"])
    assert till.slice() == looked and f"M{LOOKUPS_PER_MINUTE + 1}" not in looked  # the refused one entered nothing
    assert len(till.audit()) == LOOKUPS_PER_MINUTE and till.audit()[0] == ("lookup", "id M1", 1, '["M1"]')
    no_secret(*answers, more)
    assert Till(server, "A-NEW").lookup(member_id="M1").status_code == 200  # another till of the store is not held up


def test_guessed_card_hashes_and_ids_count_as_lookups(server):
    """Before: a miss wrote nothing and counted nothing, so guessing card hashes (the till holds the salt) was free."""
    till = Till(server, "X")
    salt = server.store.card_salt()
    for i in range(5):
        miss = till.lookup(card_hash=card_hash(salt, f"29{i:010d}9"))
        assert miss.status_code == 404 and miss.json()["error"]["code"] == "unknown_member"
    assert till.lookup(member_id="M-FFFFFFFFFFFF").status_code == 404
    hit = till.lookup(card_hash=card_hash(salt, "2900000000032"))  # M3's card
    assert hit.status_code == 200 and hit.json()["member_id"] == "M3"
    kinds = [r[0] for r in till.audit()]
    # no card number kept (a hash's 8 hex digits may contain "29": look for the numbers themselves)
    numbers = [f"29{i:010d}9" for i in range(5)] + ["2900000000032"]
    assert kinds == ["lookup_miss"] * 6 + ["lookup"] and not any(n in r[1] for r in till.audit() for n in numbers)
    assert "M3" in till.slice()
    before = till.slice()
    till.seed("lookup_miss", LOOKUPS_PER_MINUTE - 7, timedelta(seconds=5))
    over = till.lookup(card_hash=card_hash(salt, "2900000000049"))
    assert over.status_code == 429 and till.slice() == before


def test_the_daily_lookup_bound_holds_from_the_database(server):
    """The count is the audit table: what any worker or process wrote earlier today counts."""
    till = Till(server, "Y")
    till.seed("lookup", LOOKUPS_PER_DAY - 1, timedelta(hours=3))
    till.seed("lookup", 50, timedelta(days=1, minutes=5))  # yesterday's: out of the window
    assert till.lookup(member_id="M5").status_code == 200
    over = till.lookup(member_id="M6")
    assert over.status_code == 429 and f"{LOOKUPS_PER_DAY} member lookups within 1 day" in over.json()["error"]["message"]
    assert 3600 * 20 < int(over.headers["Retry-After"]) <= 3600 * 21 + 1
    assert "M5" in till.slice() and "M6" not in till.slice()


HOSTILE_LOOKUPS = {
    "both": {"member_id": "M1", "card_hash": "0" * 64},
    "neither": {},
    "id-int": {"member_id": 1},
    "id-huge-number": {"member_id": 10 ** 400},
    "id-list": {"member_id": ["M1"]},
    "id-nested": {"member_id": {"member_id": "M1"}},
    "id-null-byte": {"member_id": "M1\x00"},
    "id-bidi": {"member_id": "M1\u202e"},
    "id-zero-width": {"member_id": "M\u200b1"},
    "id-like": {"member_id": "M%"},
    "id-huge": {"member_id": "M" * 100_000},
    "hash-short": {"card_hash": "0" * 63},
    "hash-upper": {"card_hash": "A" * 64},
    "hash-not-hex": {"card_hash": "g" * 64},
    "hash-like": {"card_hash": "%" * 64},
    "extra-store": {"member_id": "M1", "store_id": "B-001"},
}


@pytest.mark.parametrize("case", list(HOSTILE_LOOKUPS), ids=list(HOSTILE_LOOKUPS))
def test_hostile_lookups_are_refused_and_write_nothing(server, till, case):
    before = till.slice()
    ans = till.lookup(**HOSTILE_LOOKUPS[case])
    assert ans.status_code == 422 and ans.json()["error"]["code"] == "invalid_request", ans.text
    assert till.audit() == [] and till.slice() == before


def test_deeply_nested_or_broken_json_is_refused(server, till):
    before = till.slice()
    deep = b'{"member_id": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    for raw in (deep, b'{"name": "\\u738b\\u5c0f", "name": "%%"}', b'{"phone": NaN}', b"\xff\xfe", b'{"name": "\\ud800\\ud800"}'):
        for path in ("/v1/member-lookup", "/v1/members/search", "/v1/members"):
            ans = till.post(path, raw=raw)
            assert ans.status_code in (400, 422), (path, raw[:40], ans.status_code, ans.text[:300])
    assert till.audit() == [] and till.slice() == before


def test_name_variants_do_not_dodge_the_count_or_widen_the_match(server, till):
    """Full-width, case and spacing variants are one key, and every search counts; wildcards and
    invisible characters are refused (before any count)."""
    for bad in ("%%", "王%", "_小", "王\\", "王\u200b小", "王\u202e小", "王\ufeff小", "王\x00小", "王\t小", "*小"):
        ans = till.search(name=bad)
        assert ans.status_code == 422 and ans.json()["error"]["code"] in ("invalid_name", "invalid_request"), (bad, ans.text)
    assert till.audit() == []
    variants = ["ALICE", "alice", "Ａｌｉｃｅ", " a l i c e ", "ＡＬ", "al", "Al", "aL", "ali", "alic"]
    for v in variants[:LOOKUPS_PER_MINUTE]:
        ans = till.search(name=v)
        if ans.status_code != 200:
            break
        assert {r["member_id"] for r in ans.json()["results"]} <= {"M2"}, (v, ans.text)
        no_secret(ans)
    assert len(till.audit()) == 10
    assert till.search(name="alice chen").status_code == 429


def test_parallel_searches_and_lookups_do_not_race_past_the_bound(server, till):
    codes: list[int] = []
    lock = threading.Lock()

    def hit(kind: str, i: int) -> None:
        a = till.search(phone=f"09{i:08d}") if kind == "search" else till.lookup(member_id=f"M{1 + i % 30}")
        with lock:
            codes.append((kind, a.status_code))

    threads = [threading.Thread(target=hit, args=(k, i)) for i in range(30) for k in ("search", "lookup")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(c for k, c in codes if k == "search") == [200] * 10 + [429] * 20
    assert sorted(c for k, c in codes if k == "lookup") == [200] * LOOKUPS_PER_MINUTE + [429] * (30 - LOOKUPS_PER_MINUTE)
    kinds = [r[0] for r in till.audit()]
    assert kinds.count("phone") == 10 and kinds.count("lookup") == LOOKUPS_PER_MINUTE


def test_sign_up_replays_and_probes_give_nothing_more(server, till):
    base = {"name": "陳大文", "phone": "0955-000-111", "consent": True, "request_id": f"rq-{next(_n)}"}
    first = till.post("/v1/members", base)
    assert first.status_code == 200, first.text
    mid, card = first.json()["member_id"], first.json()["card_number"]
    members = server.store.conn.execute("SELECT COUNT(*) FROM entities WHERE kind = 'member'").fetchone()[0]
    # the same request id with another body: the first sign-up again, never a second member nor another phone
    other = till.post("/v1/members", {**base, "name": "Mallory", "phone": "0912345678"})
    assert other.status_code == 200 and other.json()["member_id"] == mid and other.json()["repeated"] is True
    assert other.json()["card_number"] == card
    no_secret(other)
    # another till replaying the request id makes its own (new) request: a phone taken is a 409, masked, counted
    thief = Till(server)
    probe = thief.post("/v1/members", {**base, "phone": "0912345678"})
    assert probe.status_code == 409 and probe.json()["error"]["details"]["existing"]["member_id"] == "M1"
    no_secret(probe)
    assert thief.audit() == [("phone", "****-***-678", 1, '["M1"]')]
    # no field can pick the store, tier or card
    for extra in ({"home_store": "B-001"}, {"store_id": "B-001"}, {"tier_id": "gold"}, {"card_number": "2900000000018"}):
        bad = thief.post("/v1/members", {**base, "phone": "0955000222", "request_id": f"x-{next(_n)}", **extra})
        assert bad.status_code == 422, bad.text
    for form in ({"consent": "true"}, {"consent": 1}, {"birth_month": 0}, {"birth_month": 13}, {"birth_month": "1"},
                 {"birth_month": 10 ** 30}, {"name": "陳\u200b大文"}, {"name": "%%"}, {"name": "王_明"}):
        bad = thief.post("/v1/members", {**base, "phone": "0955000333", "request_id": f"y-{next(_n)}", **form})
        assert bad.status_code == 422, (form, bad.text)
    assert server.store.conn.execute("SELECT COUNT(*) FROM entities WHERE kind = 'member'").fetchone()[0] == members
    assert server.store.get("member", mid)["home_store"] == "A-001"
    assert len(thief.audit()) == 1


def test_no_answer_carries_a_full_name_phone_or_card_number(server, till):
    answers = [till.search(phone="0912345678"), till.search(name="王小"), till.search(name="alice"),
               till.lookup(member_id="M1"), till.lookup(card_hash=card_hash(server.store.card_salt(), "2900000000025")),
               till.post("/v1/members", {"name": "王小明", "phone": "0912345678", "consent": True, "request_id": "leak-1"}),
               till.post("/v1/members", {"name": "王小明", "phone": "0912345678", "consent": True, "request_id": "../x"})]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 200, 409, 422]
    no_secret(*answers[:5], answers[6])
    # the 409 says whose phone it is, masked; the request's own name and phone are not echoed back
    assert "王小明" not in answers[5].text and "912345678" not in answers[5].text


@pytest.fixture
def counter(server, tmp_path):
    yield from enrolled_counter(server, tmp_path)


def test_the_honest_counter_stays_within_the_lookup_bound(server, counter, tmp_path):
    """An unknown card scanned again is not asked about again; over the bound the counter is refused (not offline)
    and keeps to the offline rules until Retry-After."""
    from terminal.usecases.unknown_member import UnknownMembers

    client, svc = counter
    device = server.store.conn.execute("SELECT device_id FROM devices WHERE terminal_id = ?",
                                       (client.replica.get_meta("terminal_id"),)).fetchone()[0]
    rows = lambda: server.store.conn.execute("SELECT kind FROM member_searches WHERE device_id = ?", (device,)).fetchall()  # noqa: E731
    now = [0.0]
    unknown = UnknownMembers(svc.replica, lookup=client.lookup_member, monotonic=lambda: now[0])
    for _ in range(5):
        assert unknown.card_number("2900000000995") is None  # nobody's: asked once
    assert [r[0] for r in rows()] == ["lookup_miss"]
    now[0] += 601
    assert unknown.card_number("2900000000995") is None and len(rows()) == 2  # asked again after a while
    member = unknown.card_number("2900000000032")  # M3, outside A-001's slice: looked up and pulled
    assert member is not None and member.id == "M3" and len(rows()) == 3
    with server.store.write():
        for _ in range(LOOKUPS_PER_MINUTE):
            server.store.conn.execute(
                "INSERT INTO member_searches(device_id, store_id, terminal_id, at, kind, query, results, member_ids) "
                "VALUES (?, 'A-001', 'seed', ?, 'lookup', 'seeded', 0, '[]')", (device, datetime.now(timezone.utc).isoformat()))
    before = len(rows())
    assert unknown.card_number("2900000000025") is None  # refused by the bound: the offline rules (not found here)
    assert client.online is True  # a bounded refusal is not "the server is unreachable"
    for _ in range(5):
        assert unknown.card_number("2900000000025") is None
    assert len(rows()) == before  # not asked again before Retry-After
    svc.member_directory = client  # a member chosen from a search: the bound is said as such, not "offline"
    with pytest.raises(DomainError) as refused:
        svc.attach_found_member("M37")  # in no test's A-001 slice
    assert refused.value.reason is Reason.RATE_LIMITED and "member lookups within 1 minute" in refused.value.message
    assert svc.replica.member("M37") is None and len(rows()) == before
    with server.store.write():  # the seeded minute is over on the server
        server.store.conn.execute("DELETE FROM member_searches WHERE device_id = ? AND query = 'seeded'", (device,))
    now[0] += 62
    member = unknown.card_number("2900000000025")  # M2: asked again after Retry-After, found
    assert member is not None and member.id == "M2"


def test_sales_naming_member_after_member_count_as_lookups(server):
    """Before: a till pushed small sales naming M1, M2, ... and each member entered its store's slice, unbounded (the
    lookup bound dodged). Now a member new to the slice counts against the day's bound (not the minute's: a till back
    online pushes its offline sales in a burst); beyond it the sale is booked, nobody enters."""
    from .handmade import HandDevice

    hand = HandDevice(server, "Y", f"RT-{next(_n)}")
    device = server.store.conn.execute("SELECT device_id FROM devices WHERE terminal_id = ?", (hand.terminal_id,)).fetchone()[0]
    in_slice = lambda m: server.store.conn.execute(  # noqa: E731
        "SELECT 1 FROM store_members WHERE store_id = 'Y' AND member_id = ?", (m,)).fetchone() is not None
    assert not in_slice("M33") and not in_slice("M34")
    seeded = Till.__new__(Till)
    seeded.server, seeded.creds = server, {"device_id": device, "store_id": "Y"}
    seeded.seed("lookup", LOOKUPS_PER_MINUTE, timedelta(seconds=5))  # a minute's lookups: pushed sales still enter
    seeded.seed("lookup", LOOKUPS_PER_DAY - LOOKUPS_PER_MINUTE - 1, timedelta(hours=2))
    first = hand.push(hand.settlement(member="M33", amount=10))
    assert first["status"] == "accepted" and in_slice("M33")
    second = hand.push(hand.settlement(member="M34", amount=10))
    assert second["status"] == "accepted" and not in_slice("M34")  # booked, but M34's rows do not go to store Y
    again = hand.push(hand.settlement(member="M33", amount=10))  # a member already in the slice costs nothing
    assert again["status"] == "accepted"
    kinds = [r[0] for r in server.store.conn.execute("SELECT kind FROM member_searches WHERE device_id = ? AND kind <> 'lookup'",
                                                     (device,))]
    assert kinds == ["sale_entry"]


@pytest.mark.postgresql
@pytest.mark.slow
def test_two_workers_do_not_race_past_the_lookup_bound(pg_url, tmp_path):
    (tmp_path / "catalog.json").write_text(json.dumps(hostile_catalog()))
    srv = ServerProcess(pg_url, tmp_path / "catalog.json", extra=("--workers", "2"))
    try:
        till = Till(srv)
        codes: list[int] = []
        lock = threading.Lock()

        def hit(i: int) -> None:
            a = till.lookup(member_id=f"M{1 + i % 39}") if i % 2 else till.search(phone=f"09{i:08d}")
            with lock:
                codes.append((i % 2, a.status_code))

        threads = [threading.Thread(target=hit, args=(i,)) for i in range(80)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(c for k, c in codes if k == 1) == [200] * LOOKUPS_PER_MINUTE + [429] * (40 - LOOKUPS_PER_MINUTE)
        assert sorted(c for k, c in codes if k == 0) == [200] * 10 + [429] * 30
        assert len(till.audit()) == LOOKUPS_PER_MINUTE + 10
    finally:
        srv.stop()


def test_refused_transfers_count_as_lookups_and_are_bounded(server):
    """Before: POST /v1/transfer answered 404 for a coupon code that does not exist and 409 not_found for a
    member id that does not, without bound: a till could probe codes and member ids beside the bounded
    lookup. Now each refused transfer is an audit row `transfer_miss` counted in the device's lookup bound,
    and beyond it 429 with nothing written (sync/server/member_lookup_bound.py)."""
    till = Till(server, "A-NEW")

    def transfer(code: str, to: str) -> httpx.Response:
        return till.post("/v1/transfer", {"code": code, "from_member": "M1", "to_member": to, "request_id": str(uuid.uuid4())})

    probes = [transfer(f"GUESS-{i}", "M2") if i % 2 else transfer("SV-0001", f"NOBODY-{i}") for i in range(LOOKUPS_PER_MINUTE)]
    assert {p.status_code for p in probes} <= {404, 409}, [p.text for p in probes]
    kinds = [k for k, *_ in till.audit()]
    assert kinds == ["transfer_miss"] * LOOKUPS_PER_MINUTE
    coupon_before = server.store.get("coupon", "SV-0001")
    more = transfer("SV-0001", "M2")  # would be a real gift: beyond the bound it is refused, nothing written
    assert more.status_code == 429 and more.json()["error"]["code"] == "rate_limited", more.text
    assert int(more.headers["Retry-After"]) >= 1
    assert server.store.get("coupon", "SV-0001") == coupon_before and len(till.audit()) == LOOKUPS_PER_MINUTE
    assert till.lookup(member_id="M3").status_code == 429  # the same bound as lookups
    no_secret(*probes, more)
