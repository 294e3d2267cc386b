"""Members found and signed up at the counter (issue 17 section 4.1) against the real server: exact
phone and name search answer a few MASKED members; a till is bounded (429) and every search audited;
hostile payloads are refused with their reason and write nothing; a sign-up makes one member per
phone (a retry answers the first), and the catalog import takes phones too."""

from __future__ import annotations

import copy
import itertools
import json
import re

import httpx
import pytest

from sync.server.errors import AdminError
from terminal.catalog import CatalogError, parse_catalog
from terminal.domain.codes import gs1_check_digit
from terminal.domain.phones import normalise_phone
from tests.conftest import BASE_CATALOG

from .conftest import ENGINE_PARAMS, engine_server, enrol_device

WANG = ["王小華", "王小美", "王小強", "王小龍", "王小虎", "王小雨"]  # with M1 王小明: 7 names starting 王小
_n = itertools.count(1)


def search_catalog() -> dict:
    cat = copy.deepcopy(BASE_CATALOG)
    cat["policies"] = {**cat.get("policies", {}), "member_slices": True}
    for m in cat["members"]:
        m.update({"M1": {"home_store": "B-001", "phone": "0912-345-678"}, "M2": {"phone": "+886 922 000 111"}}.get(m["id"], {}))
    cat["members"] += [{"id": f"MW{i}", "name": n, "tier": "normal"} for i, n in enumerate(WANG)]
    return cat


@pytest.fixture(scope="module", params=ENGINE_PARAMS)
def server(request, tmp_path_factory):
    d = tmp_path_factory.mktemp("member-search")
    (d / "catalog.json").write_text(json.dumps(search_catalog()))
    yield from engine_server(request, d)


class Till:
    """A device of store A-001 calling the member endpoints with its own credential."""

    def __init__(self, server) -> None:
        self.url = server.url
        self.creds = enrol_device(server.url, server.store.create_enrol_token("A-001"), f"TS-{next(_n)}")
        self.headers = {"Authorization": f"Bearer {self.creds['credential']}"}

    def search(self, **body) -> httpx.Response:
        return httpx.post(self.url + "/v1/members/search", json=body, headers=self.headers)

    def sign_up(self, **body) -> httpx.Response:
        return httpx.post(self.url + "/v1/members", json=body, headers=self.headers)


@pytest.fixture
def till(server):
    return Till(server)


def members(server) -> int:
    return server.store.conn.execute("SELECT COUNT(*) FROM entities WHERE kind = 'member'").fetchone()[0]


def audit_rows(server, till) -> list[tuple]:
    return server.store.conn.execute("SELECT kind, query, results, member_ids FROM member_searches WHERE device_id = ? ORDER BY id",
                                     (till.creds["device_id"],)).fetchall()


def test_exact_phone_answers_the_member_masked(server, till):
    ans = till.search(phone="0912 345 678")
    assert ans.status_code == 200, ans.text
    assert ans.json() == {"kind": "phone", "truncated": False, "results": [
        {"member_id": "M1", "name": "王*明", "phone": "****-***-678", "tier_id": "normal", "status": "active"}]}
    assert "王小明" not in ans.text and "345" not in ans.text and "1990" not in ans.text  # no full name, number, birthday
    assert till.search(phone="+886922000111").json()["results"][0]["member_id"] == "M2"
    assert till.search(phone="0912345679").json()["results"] == []  # exact: a neighbour's number is nobody
    assert audit_rows(server, till) == [("phone", "****-***-678", 1, '["M1"]'), ("phone", "****-***-111", 1, '["M2"]'),
                                        ("phone", "****-***-679", 0, "[]")]


def test_name_search_needs_two_characters_and_answers_few(server, till):
    ans = till.search(name="王小").json()
    assert ans["truncated"] is True and len(ans["results"]) == 5
    assert all(re.fullmatch(r"王\*.", r["name"]) for r in ans["results"])
    exact = till.search(name="王小明").json()
    assert [r["member_id"] for r in exact["results"]] == ["M1"] and exact["truncated"] is False
    alice = till.search(name="  ALICE ").json()["results"]
    assert [(r["member_id"], r["name"], r["phone"]) for r in alice] == [("M2", "A*** C.", "****-***-111")]
    short = till.search(name="王")
    assert short.status_code == 422 and short.json()["error"]["code"] == "invalid_name"
    assert "at least 2" in short.json()["error"]["message"]
    assert [r[0] for r in audit_rows(server, till)] == ["name", "name", "name"]  # the refused one is not a search


HOSTILE_SEARCHES = {
    "phone-int": ({"phone": 912345678}, "invalid_request"),
    "phone-list": ({"phone": ["0912345678"]}, "invalid_request"),
    "phone-huge": ({"phone": "0" * 100_000}, "invalid_request"),
    "phone-letters": ({"phone": "0912abc678"}, "invalid_phone"),
    "phone-bidi": ({"phone": "0912345678\u202e"}, "invalid_phone"),
    "phone-landline": ({"phone": "02-2345-6789"}, "invalid_phone"),
    "phone-sql": ({"phone": "0912345678' OR '1'='1"}, "invalid_phone"),
    "name-control": ({"name": "王\x00小"}, "invalid_name"),
    "name-sql": ({"name": "'; DROP TABLE member_search_keys; --"}, "invalid_name"),
    "name-like-wildcard": ({"name": "%%"}, "invalid_name"),
    "name-underscore": ({"name": "王_"}, "invalid_name"),
    "name-huge": ({"name": "王" * 10_000}, "invalid_request"),
    "name-null-type": ({"name": 12}, "invalid_request"),
    "both": ({"phone": "0912345678", "name": "王小"}, "invalid_request"),
    "neither": ({}, "invalid_request"),
    "unknown-field": ({"phone": "0912345678", "all": True}, "invalid_request"),
}


@pytest.mark.parametrize("case", list(HOSTILE_SEARCHES), ids=list(HOSTILE_SEARCHES))
def test_hostile_search_payloads_are_refused(server, till, case):
    body, code = HOSTILE_SEARCHES[case]
    ans = till.search(**body)
    assert ans.status_code == 422, ans.text
    assert ans.json()["error"]["code"] == code
    assert audit_rows(server, till) == []
    assert till.search(phone="0912345678").json()["results"][0]["member_id"] == "M1"  # the index is intact


def test_a_till_cannot_go_through_the_member_base(server, till):
    for i in range(10):
        assert till.search(phone=f"09{i:08d}").status_code == 200
    ans = till.search(phone="0912345678")
    assert ans.status_code == 429, ans.text
    err = ans.json()["error"]
    assert err["code"] == "rate_limited" and "10 member searches within 1 minute" in err["message"]
    assert 1 <= int(ans.headers["Retry-After"]) <= 61
    assert len(audit_rows(server, till)) == 10
    assert Till(server).search(phone="0912345678").status_code == 200  # another till is not held up
    assert httpx.post(server.url + "/v1/members/search", json={"phone": "0912345678"}).status_code == 401


def _signup(till, **over) -> httpx.Response:
    body = {"name": "陳大文", "phone": f"09{next(_n) + 70_000_000:08d}", "birth_month": 5, "consent": True,
            "request_id": f"rq-{next(_n)}"}
    return till.sign_up(**{**body, **over})


def test_sign_up_makes_one_member_per_phone(server, till):
    ans = _signup(till, name="  陳  大文 ", phone="0933-111-222", request_id="rq-first")
    assert ans.status_code == 200, ans.text
    new = ans.json()
    assert new["name"] == "陳*文" and new["phone"] == "****-***-222" and new["tier_id"] == "normal" and new["repeated"] is False
    card = new["card_number"]
    assert re.fullmatch(r"29[0-9]{11}", card) and gs1_check_digit(card[:-1]) == int(card[-1])
    body = server.store.get("member", new["member_id"])
    assert (body["name"], body["phone"], body["birth_month"], body["plain_code"], body["home_store"]) == (
        "陳大文", "+886933111222", 5, card, "A-001")
    assert body["consent_at"] and body["signed_up_by"] == till.creds["device_id"]
    assert server.store.conn.execute("SELECT 1 FROM store_members WHERE store_id = 'A-001' AND member_id = ?",
                                     (new["member_id"],)).fetchone()
    assert till.search(phone="+886933111222").json()["results"][0]["member_id"] == new["member_id"]
    before = members(server)
    again = _signup(till, phone="0933111222", request_id="rq-first")  # the answer was lost: the same member
    assert again.status_code == 200 and again.json()["member_id"] == new["member_id"] and again.json()["repeated"] is True
    assert again.json()["card_number"] == card  # the card number again: the same till made the member
    other = Till(server)
    dup = _signup(other, name="Someone Else", phone="+886 933 111 222")
    assert dup.status_code == 409
    # who has the phone was said: counted and audited as a phone search of that till
    assert audit_rows(server, other) == [("phone", "****-***-222", 1, json.dumps([new["member_id"]]))]
    err = dup.json()["error"]
    assert err["code"] == "phone_taken" and err["details"]["existing"]["member_id"] == new["member_id"]
    assert err["details"]["existing"]["name"] == "陳*文" and "陳大文" not in dup.text
    assert _signup(till, phone="0912345678").json()["error"]["code"] == "phone_taken"  # a catalog member's phone
    assert members(server) == before


def test_sign_up_cannot_probe_phones_beyond_the_search_bound(server, till):
    for i in range(10):
        assert till.search(phone=f"09{i + 10:08d}").status_code == 200
    probe = _signup(till, phone="0912345678")  # M1's: the answer would say who has it
    assert probe.status_code == 429 and probe.json()["error"]["code"] == "rate_limited"
    assert "member searches" in probe.json()["error"]["message"] and "M1" not in probe.text


HOSTILE_SIGNUPS = {
    "consent-missing": ({"consent": None}, "invalid_request"),
    "consent-false": ({"consent": False}, "consent_required"),
    "consent-text": ({"consent": "true"}, "invalid_request"),
    "consent-one": ({"consent": 1}, "invalid_request"),
    "month-13": ({"birth_month": 13}, "invalid_request"),
    "month-0": ({"birth_month": 0}, "invalid_request"),
    "month-text": ({"birth_month": "5"}, "invalid_request"),
    "month-bool": ({"birth_month": True}, "invalid_request"),
    "month-float": ({"birth_month": 5.0}, "invalid_request"),
    "name-empty": ({"name": "   "}, "invalid_name"),
    "name-61": ({"name": "陳" * 61}, "invalid_name"),
    "name-huge": ({"name": "a" * 1_000_000}, None),
    "name-control": ({"name": "陳\x07大文"}, "invalid_name"),
    "name-newline": ({"name": "陳\n大文"}, None),
    "name-bidi": ({"name": "Eve\u202eliam"}, "invalid_name"),
    "name-digits": ({"name": "陳大文2"}, "invalid_name"),
    "name-html": ({"name": "<script>alert(1)</script>"}, "invalid_name"),
    "name-sql": ({"name": "Robert'); DROP TABLE entities;--"}, "invalid_name"),
    "name-surrogate": ({"name": "陳\ud800"}, None),
    "name-list": ({"name": ["陳大文"]}, "invalid_request"),
    "phone-invalid": ({"phone": "12345"}, "invalid_phone"),
    "phone-int": ({"phone": 912345678}, "invalid_request"),
    "request-id-bad": ({"request_id": "../../etc"}, "invalid_request"),
    "extra-field": ({"tier_id": "gold"}, "invalid_request"),
}


@pytest.mark.parametrize("case", list(HOSTILE_SIGNUPS), ids=list(HOSTILE_SIGNUPS))
def test_hostile_sign_ups_are_refused_and_write_nothing(server, till, case):
    over, code = HOSTILE_SIGNUPS[case]
    before = members(server)
    body = {"name": "陳大文", "phone": f"09{next(_n) + 80_000_000:08d}", "birth_month": 5, "consent": True, "request_id": f"h-{case}"}
    body.update(over)
    body = {k: v for k, v in body.items() if v is not None}
    if case == "name-surrogate":  # not encodable as UTF-8 JSON by httpx: sent as raw bytes with an escaped lone surrogate
        ans = httpx.post(server.url + "/v1/members", headers={**till.headers, "Content-Type": "application/json"},
                         content=json.dumps(body).encode())
    else:
        ans = till.sign_up(**body)
    assert ans.status_code in (413, 422), ans.text
    if code is not None:
        assert ans.json()["error"]["code"] == code
    elif ans.status_code == 422:
        assert ans.json()["error"]["code"] in ("invalid_name", "invalid_request")
    assert members(server) == before and audit_rows(server, till) == []


def test_sign_ups_are_bounded_per_till(server, till):
    for _ in range(20):
        assert _signup(till).status_code == 200
    ans = _signup(till)
    assert ans.status_code == 429 and ans.json()["error"]["code"] == "rate_limited"
    assert "20 member sign-ups within 1 hour" in ans.json()["error"]["message"]


def test_the_catalog_takes_phones_and_refuses_one_already_taken(server, till):
    taken = _signup(till, phone="0955-000-001").json()
    cat = search_catalog()
    cat["members"][2]["phone"] = "+886955000001"  # M3 given the signed-up member's phone
    with pytest.raises(AdminError, match="already the phone of member " + taken["member_id"]):
        server.store.import_catalog(parse_catalog(json.dumps(cat)))
    assert server.store.get("member", "M3").get("phone") is None  # nothing imported
    swapped = search_catalog()  # M1 and M2 swap their phones in one import
    swapped["members"][0]["phone"], swapped["members"][1]["phone"] = "0922000111", "0912345678"
    server.store.import_catalog(parse_catalog(json.dumps(swapped)))
    assert [r["member_id"] for r in till.search(phone="0912345678").json()["results"]] == ["M2"]
    server.store.import_catalog(parse_catalog(json.dumps(search_catalog())))
    assert till.search(phone="0912345678").json()["results"][0]["member_id"] == "M1"


def test_the_catalog_refuses_a_bad_or_repeated_phone():
    cat = search_catalog()
    cat["members"][2]["phone"] = "0912345678"
    with pytest.raises(CatalogError, match=r"members\[2\].phone: already the phone of member M1"):
        parse_catalog(json.dumps(cat))
    cat["members"][2]["phone"] = "02-1234-5678"
    with pytest.raises(CatalogError, match="Taiwan mobile"):
        parse_catalog(json.dumps(cat))
    assert normalise_phone("0912-345-678") == "+886912345678"


def test_the_admin_sets_a_phone_and_reads_the_audit(server, till, capsys):
    import io

    from sync.server.admin import main as admin

    db = str(server.db)
    out = io.StringIO()
    assert admin(["--db", db, "set-member-phone", "--member", "M3", "--phone", "0988 777 666"], out=out) == 0
    assert "+886988777666" in out.getvalue()
    assert till.search(phone="0988777666").json()["results"][0]["member_id"] == "M3"
    assert admin(["--db", db, "set-member-phone", "--member", "MW0", "--phone", "0988777666"], out=io.StringIO()) == 2
    assert "already the phone of member M3" in capsys.readouterr().err
    assert admin(["--db", db, "set-member-phone", "--member", "M3", "--phone", "02-2345-6789"], out=io.StringIO()) == 2
    assert admin(["--db", db, "set-member-phone", "--member", "NOPE", "--phone", "0988777665"], out=io.StringIO()) == 2
    assert admin(["--db", db, "set-member-phone", "--member", "M3", "--clear"], out=io.StringIO()) == 0
    assert till.search(phone="0988777666").json()["results"] == []
    out = io.StringIO()
    assert admin(["--db", db, "list-member-searches", "--device", till.creds["device_id"], "--json"], out=out) == 0
    rows = json.loads(out.getvalue())
    assert [(r["kind"], r["query"], r["results"]) for r in rows] == [("phone", "****-***-666", 0), ("phone", "****-***-666", 1)]
    assert "988777666" not in out.getvalue()


def test_the_daily_upkeep_drops_the_old_audit_only(server, till):
    from datetime import timedelta

    from sync.server.maintenance import central_maintenance
    from sync.server.member_search import prune_searches

    assert "prune_member_searches" in central_maintenance(server.store).jobs
    till.search(phone="0912345678")
    mine = len(audit_rows(server, till))
    assert prune_searches(server.store) == 0 and len(audit_rows(server, till)) == mine  # nothing of today goes
    later = server.store.clock() + timedelta(days=401)
    assert prune_searches(server.store, now=later) >= mine
    assert audit_rows(server, till) == []
