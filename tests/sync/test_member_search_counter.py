"""The counter finds a member by phone or name and attaches them, or signs a new one up (issue 17),
with a real terminal on the real server: online (a member outside the store's slice enters it when
chosen), offline (exact phone only of members signed up at this till; the server sends no phone, not even
hashed; name search and sign-up refused, nothing written), a phone typed into the scan field, and no plain phone in the replica file."""

from __future__ import annotations

import json

import httpx
import pytest

from sync.client import SyncClient
from sync.credentials import MemoryCredentialStore
from terminal.provisioning.bootstrap import open_replica
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from terminal.usecases.counter import Counter
from terminal.usecases.service import RedemptionService
from tests.conftest import FixedClock

from .conftest import AT, ENGINE_PARAMS, engine_server, free_port
from .test_member_search import search_catalog


@pytest.fixture(scope="module", params=ENGINE_PARAMS)
def server(request, tmp_path_factory):
    d = tmp_path_factory.mktemp("member-counter")
    (d / "catalog.json").write_text(json.dumps(search_catalog()))
    yield from engine_server(request, d)


class Till:
    def __init__(self, server, path, terminal_id: str) -> None:
        self.creds = MemoryCredentialStore()
        self.client = SyncClient(open_replica(path), server.url, self.creds, backoff_base=0.02, backoff_cap=0.2)
        self.client.enrol(server.store.create_enrol_token("A-001"), terminal_id)
        self.client.bootstrap()
        self.svc = RedemptionService(open_replica(path), store_id="A-001", terminal_id=terminal_id, clock=FixedClock(AT))
        self.svc.member_directory = self.client
        self.counter = Counter(self.svc)
        assert self.counter.login("C01", "1234").state == "ready"
        self.path = path

    def offline(self) -> SyncClient:
        """The same terminal's client pointed at a port nobody listens on (the network is down)."""
        dead = SyncClient(open_replica(self.path), f"http://127.0.0.1:{free_port()}", self.creds, backoff_base=0.01,
                          backoff_cap=0.02, timeout=1.0)
        self.svc.member_directory = dead
        return dead

    def close(self) -> None:
        self.client.close()
        self.client.conn.close()
        self.svc.replica.conn.close()


@pytest.fixture
def till(server, tmp_path):
    t = Till(server, tmp_path / "till.db", f"TC-{tmp_path.name[-10:]}")
    yield t
    t.close()


def members_here(t) -> int:
    return t.svc.replica.conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]


def test_a_member_found_by_phone_outside_the_slice_is_attached_and_sells(till):
    assert till.svc.replica.member("M1") is None  # home store B-001: not on this till
    found = till.counter.find_member("0912-345-678")
    assert found.online and found.kind == "phone" and found.query == "****-***-678"
    (m,) = found.members
    assert (m.member_id, m.name, m.phone, m.tier_name, m.here) == ("M1", "王*明", "****-***-678", "Normal", False)
    v = till.counter.attach_member("M1")
    assert v.member.id == "M1" and v.member.masked_name == "王*明" and v.notice.event == "member"
    assert till.counter.member_code == "member-id:M1"
    assert till.svc.replica.conn.execute("SELECT phone_key FROM members WHERE id = 'M1'").fetchone() == (None,)  # never its phone
    receipt = till.svc.settle(CheckoutRequest("ms-1", (LineRequest(amount=600, name="Amount"),), member_code="member-id:M1"),
                              cashier_id="C01")
    assert receipt["member"] == {"id": "M1", "masked_name": "王*明"}
    again = till.counter.find_member("+886912345678")  # on this till now, but its phone is not: the server answers
    assert again.online and again.members[0].here


def test_a_name_search_answers_few_masked_members(till):
    found = till.counter.find_member("王小")
    assert found.kind == "name" and found.truncated and len(found.members) == 5
    assert all(m.name.startswith("王*") for m in found.members)
    with pytest.raises(Exception) as err:
        till.counter.find_member("王")
    assert err.value.reason.value == "invalid_name"


def test_offline_exact_phone_finds_only_members_signed_up_here_and_the_rest_is_refused(till, server):
    till.counter.find_member("0912345678")
    till.counter.attach_member("M1")  # M1 now in this store's slice and replica, but never its phone
    assert till.svc.replica.conn.execute("SELECT phone_key FROM members WHERE id = 'M1'").fetchone() == (None,)
    new = till.counter.sign_up_member("吳 小 芬", "0966-000-777", 3, True).member
    till.client.pull()  # the new member's row comes again from the server: the phone typed here stays keyed
    dead = till.offline()
    try:
        found = till.counter.find_member("0966 000 777")
        assert not found.online and [m.member_id for m in found.members] == [new.id]
        assert till.counter.find_member("0912 345 678").members == ()  # M1's phone never came: nobody offline
        assert till.counter.find_member("0922000111").members == ()  # M2 not here, server unreachable: nobody
        with pytest.raises(Exception) as err:
            till.counter.find_member("Alice")
        assert err.value.reason.value == "needs_network"
        before = (members_here(till), server.store.conn.execute("SELECT COUNT(*) FROM entities WHERE kind = 'member'").fetchone())
        v = till.counter.sign_up_member("陳大文", "0977-000-001", 5, True)
        assert v.notice.level == "error" and v.notice.reason == "needs_network" and "Sign-up needs the network" in v.notice.message
        assert (members_here(till), server.store.conn.execute("SELECT COUNT(*) FROM entities WHERE kind = 'member'").fetchone()) == before
    finally:
        dead.close()
        dead.conn.close()


def test_sign_up_at_the_counter_attaches_the_new_member_at_once(till):
    v = till.counter.sign_up_member("林 小 美", "0966-123-456", 3, True)
    assert v.notice.level == "ok" and v.notice.event == "member" and v.notice.details["signed_up"], v.notice
    assert v.member is not None and v.member.masked_name == "林*美" and v.member.tier_id == "normal"
    card = v.notice.details["card_number"]
    assert len(card) == 13 and card.startswith("29")
    new = till.svc.replica.member(v.member.id)
    assert new is not None and new.birth_month == 3
    assert till.svc.replica.member_by_number(card, till.svc.replica_secret("test")).id == new.id  # the card works here
    assert till.svc.replica.member_by_phone("+886966123456", till.svc.replica_secret("test")).id == new.id
    raw = till.path.read_bytes() + (till.path.with_name(till.path.name + "-wal").read_bytes()
                                    if till.path.with_name(till.path.name + "-wal").exists() else b"")
    for secret in (b"966123456", b"0966", "林小美".encode(), card.encode()):
        assert secret not in raw  # the replica file keeps no phone, full name or card number
    dup = till.counter.sign_up_member("Someone", "+886966123456", None, True)
    assert dup.notice.reason == "phone_taken" and dup.notice.details["existing"]["member_id"] == new.id


@pytest.mark.parametrize("case", ["no-consent", "empty-name", "bad-phone", "month-13"], ids=str)
def test_sign_up_field_errors_name_the_field(till, case):
    args = {"name": "陳大文", "phone": "0977000002", "birth_month": 5, "consent": True}
    args.update({"no-consent": {"consent": False}, "empty-name": {"name": "  "}, "bad-phone": {"phone": "12345"},
                 "month-13": {"birth_month": 13}}[case])
    before = members_here(till)
    v = till.counter.sign_up_member(**args)
    want = {"no-consent": ("consent_required", "consent"), "empty-name": ("invalid_name", "name"),
            "bad-phone": ("invalid_phone", "phone"), "month-13": ("invalid_birth_month", "birth_month")}[case]
    assert (v.notice.reason, v.notice.details.get("field")) == want
    assert members_here(till) == before and v.member is None


def test_a_phone_typed_into_the_scan_field_offers_the_phone_search(till):
    v = till.counter.scan("0912345678")
    assert v.notice.reason == "looks_like_phone" and v.notice.details["phone"] == "+886912345678"
    assert till.counter.scan("0912-345-678").notice.reason == "looks_like_phone"
    assert till.counter.scan("4710000000012").notice.reason != "looks_like_phone"  # a barcode is not a phone


def test_nobody_signed_in_cannot_search(till):
    till.counter.logout()
    v = till.counter.find_member("0912345678")
    assert v.state == "locked" and v.notice.reason == "not_authorized"
    assert till.counter.attach_member("M1").member is None
    assert till.counter.sign_up_member("陳大文", "0977000003", None, True).notice.reason == "not_authorized"


def test_beyond_the_bound_the_counter_says_so_and_stays_online(till):
    from terminal.domain.reasons import DomainError

    for i in range(10):
        assert till.counter.find_member(f"09{i + 40:08d}").online  # nobody here: the server is asked
    with pytest.raises(DomainError) as err:
        till.counter.find_member("0911111111")
    assert err.value.reason.value == "rate_limited" and "10 member searches within 1 minute" in err.value.message
    assert till.client.online  # a bound, not a network failure: sync goes on


class PullCut(httpx.BaseTransport):
    """An httpx transport to the real server that cuts every pull while `cut` (the network drops right after a
    sign-up was answered)."""

    def __init__(self) -> None:
        self.inner, self.cut = httpx.HTTPTransport(), False

    def handle_request(self, request):
        if self.cut and request.url.path == "/v1/pull":
            raise httpx.ConnectError("cut", request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_a_sign_up_whose_pull_is_cut_says_so_and_the_same_form_again_attaches_it(server, tmp_path):
    t = Till(server, tmp_path / "cut.db", "TC-cut")
    try:
        transport = PullCut()
        old, t.client.http = t.client.http, httpx.Client(base_url=server.url, transport=transport, timeout=2.0)
        old.close()
        transport.cut = True
        v = t.counter.sign_up_member("周杰", "0955-444-333", None, True, "rq-cut-1")
        assert v.notice.reason == "needs_network" and v.member is None
        card = v.notice.details["card_number"]
        assert card and "Signed up as 周*" in v.notice.message and "press Sign up again" in v.notice.message
        transport.cut = False
        v = t.counter.sign_up_member("周杰", "0955-444-333", None, True, "rq-cut-1")  # the dialog keeps its request id
        assert v.notice.level == "ok" and v.notice.details["card_number"] == card
        assert v.member.id == v.notice.details["member_id"]
        assert server.store.conn.execute("SELECT COUNT(*) FROM member_search_keys WHERE phone = '+886955444333'").fetchone()[0] == 1
    finally:
        t.close()
