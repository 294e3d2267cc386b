"""Referral codes (MGM, issue 16 section 3): the pure rule, the counter's refusals (nothing
written), and bad catalogs."""

from __future__ import annotations

import json

import pytest

from terminal.catalog import CatalogError, parse_catalog
from terminal.domain.models import Member
from terminal.domain.reasons import CodeError, DomainError, Reason
from terminal.domain.referral import check_referral, parse_referral, referee_coupon_code, referral_code
from terminal.usecases.checkout import CheckoutRequest, LineRequest
from tests.conftest import card, catalog_dict, tpe

AT = tpe(2026, 11, 20, 12)
M1, M2, M3 = card("290000000001"), card("290000000002"), card("290000000003")


def referral_catalog() -> dict:
    cat = catalog_dict()
    cat["coupon_templates"].append({"id": "T-WELCOME", "name": "Welcome 80 off", "kind": "amount_off", "amount": 80,
                                    "referral": {"point_type": "bonus", "referrer_points": 200, "valid_days": 30}})
    return cat


def req(cid, member, code, amount=300):
    return CheckoutRequest(cid, (LineRequest(amount=amount, name="Amount"),), member_code=member, referral_code=code)


def test_codes_round_trip_and_typos_are_caught():
    code = referral_code("M1")
    assert code.startswith("REF-M1-") and parse_referral(code) == "M1" and parse_referral(" " + code[:-4] + code[-4:].lower() + " ") == "M1"
    for bad, reason in (("REF-M1-0000", Reason.BAD_CHECK_DIGIT), ("C-100OFF-1", Reason.MALFORMED), ("REF-", Reason.MALFORMED),
                        ("REF-" + "x" * 80 + "-AAAA", Reason.MALFORMED)):
        if bad == "REF-M1-0000" and code.endswith("-0000"):
            continue
        with pytest.raises(CodeError) as e:
            parse_referral(bad)
        assert e.value.reason == reason and e.value.details["field"] == "referral_code"


@pytest.mark.parametrize("member,prior,reason", [(None, 0, Reason.MEMBER_REQUIRED), ("M1", 0, Reason.SELF_REFERRAL),
                                                 ("M2", 1, Reason.NOT_NEW_MEMBER), ("M2", 0, None)])
def test_the_rule(member, prior, reason):
    m = Member(member, "x", "normal") if member else None
    if reason is None:
        assert check_referral(referral_code("M1"), m, prior) == "M1"
        return
    with pytest.raises(CodeError) as e:
        check_referral(referral_code("M1"), m, prior)
    assert e.value.reason == reason


@pytest.fixture
def svc(make_service):
    return make_service(catalog=referral_catalog())


def outbox(svc):
    return svc.replica.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]


def test_a_new_members_first_purchase_carries_the_code(svc):
    r = svc.settle(req("c1", M2, referral_code("M1")), cashier_id="C01", at=AT)
    assert r["referral"] == {"referrer_id": "M1", "coupon_code": referee_coupon_code(r["event_id"])}
    payload = json.loads(svc.replica.conn.execute("SELECT payload FROM outbox").fetchone()[0])
    assert payload["referral_code"] == referral_code("M1") and payload["member_id"] == "M2"
    assert r["total"] == 300  # the rewards are the server's: nothing given at the counter


@pytest.mark.parametrize("member,code,reason", [
    (M1, referral_code("M1"), Reason.SELF_REFERRAL),
    (None, referral_code("M1"), Reason.MEMBER_REQUIRED),
    (M2, "REF-M1-XXXX", Reason.BAD_CHECK_DIGIT),
])
def test_refusals_write_nothing(svc, member, code, reason):
    with pytest.raises(DomainError) as e:
        svc.settle(req("c1", member, code), cashier_id="C01", at=AT)
    assert e.value.reason == reason and e.value.details.get("field") == "referral_code"
    assert outbox(svc) == 0 and svc.replica.settlement("c1") is None
    with pytest.raises(DomainError):
        svc.preview(req("c1", member, code), at=AT)


def test_an_existing_member_cannot_use_a_code(svc):
    svc.settle(req("c1", M2, None), cashier_id="C01", at=AT)
    with pytest.raises(DomainError) as e:
        svc.settle(req("c2", M2, referral_code("M1")), cashier_id="C01", at=AT)
    assert e.value.reason == Reason.NOT_NEW_MEMBER and outbox(svc) == 1


def test_without_a_campaign_a_code_is_refused(make_service):
    svc = make_service()
    with pytest.raises(DomainError) as e:
        svc.settle(req("c1", M2, referral_code("M1")), cashier_id="C01", at=AT)
    assert e.value.reason == Reason.NO_REFERRAL_CAMPAIGN


def test_fingerprint_without_a_code_is_unchanged():
    import hashlib
    from dataclasses import asdict

    from terminal.domain.events import canonical_json

    a = CheckoutRequest("c1", (LineRequest(amount=1, name="A"),))
    before = {k: v for k, v in asdict(a).items() if k not in ("expected_total", "referral_code", "value_tenders")}  # the hash before referrals and tenders
    assert a.fingerprint() == hashlib.sha256(canonical_json(before).encode()).hexdigest()
    assert a.fingerprint() != CheckoutRequest("c1", (LineRequest(amount=1, name="A"),), referral_code="REF-M1-AAAA").fingerprint()


@pytest.mark.parametrize("change,named", [
    (lambda c: c["coupon_templates"].append({**c["coupon_templates"][-1], "id": "T-WELCOME-2"}), "a second referral campaign"),
    (lambda c: c["coupon_templates"][-1]["referral"].update(point_type="gold"), "referral.point_type"),
    (lambda c: c["coupon_templates"][-1].update(member_bound=False), "referral"),
    (lambda c: c["coupon_templates"][-1]["referral"].update(referrer_points=0), "referrer_points"),
])
def test_bad_catalogs_are_refused_naming_the_field(change, named):
    cat = referral_catalog()
    change(cat)
    with pytest.raises(CatalogError) as e:
        parse_catalog(json.dumps(cat))
    assert named in str(e.value)
