"""Bad scanned/typed codes: each gets its precise Reason and a human message, nothing is written.

Concrete cases (the fuzzed ones live in tests/properties): empty and whitespace input,
10 KB strings, NUL bytes, emoji, full-width digits (accepted after NFKC), wrong check
digits, too few / too many digits, codes signed by an unknown key or forged with the
right key id, altered payloads, lower-case signed codes (accepted), and a coupon used as
a member card and the other way round.
"""

from __future__ import annotations

import base64
import sqlite3
from datetime import date

import pytest

from terminal.infra.crypto import Signer
from terminal.domain import codes
from terminal.domain.reasons import CodeError, DomainError, Reason
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from tests.conftest import card, signed_coupon, signed_member, tpe

AT = tpe(2026, 11, 20, 12)
M1 = card("290000000001")
SV = card("980000000001")  # SV-0001, member M1's 10-coffee voucher
OFF100 = card("980000000002")  # C-100OFF-1, bearer
OTHER_SIGNER = Signer.from_b64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def assert_human(message: str) -> None:
    """A sentence for a cashier: not a traceback, not an exception repr, not the raw input."""
    assert isinstance(message, str)
    assert 10 <= len(message) <= 200, message
    assert message.isprintable(), message
    assert message[0].isupper(), message
    assert message.rstrip()[-1] in ".!?)", message
    for bad in ("Traceback", "Error(", "Exception", "None", "b'", "\\x"):
        assert bad not in message, message


@pytest.fixture
def svc(make_service):
    return make_service("A-001")


def refused(svc, code: str, expected: Reason, *, member_id: str | None = None) -> CodeError:
    conn = svc.replica.conn
    before, changes = counts(conn), conn.total_changes
    with pytest.raises(CodeError) as exc:
        svc.scan(code, at=AT, member_id=member_id)
    err = exc.value
    assert err.reason == expected, (err.reason, err.message)
    assert_human(err.message)
    assert err.to_dict()["reason"] == expected.value
    assert counts(conn) == before and conn.total_changes == changes, "scanning wrote something"
    return err


def accepted(svc, code: str, kind: str):
    conn = svc.replica.conn
    before, changes = counts(conn), conn.total_changes
    result = svc.scan(code, at=AT)
    assert result.kind == kind
    assert counts(conn) == before and conn.total_changes == changes
    return result


def _flip(signed: str, change) -> str:
    """Decode a signed code, change its blob, encode it again (keeping the old signature)."""
    body = signed[4:]
    blob = bytearray(base64.b32decode(body + "=" * (-len(body) % 8)))
    change(blob)
    return signed[:4] + base64.b32encode(bytes(blob)).decode().rstrip("=")


# ---- empty, overlong, garbage --------------------------------------------------------


@pytest.mark.parametrize("code", ["", " ", "   \t\n ", "\u3000", "\r\n"])
def test_empty_and_whitespace(svc, code):
    refused(svc, code, Reason.EMPTY)


@pytest.mark.parametrize("code", ["1" * 10_240, "A" * 10_240, "LT1C" + "A" * 10_236, "LT1C" + "A" * 600, "9" * 513,
                                  "\ufdfa" * 100])
def test_overlong(svc, code):
    err = refused(svc, code, Reason.OVERLONG)
    assert "512" in err.message


@pytest.mark.parametrize(
    "code",
    [
        "29000000\x000001",
        "\x00" * 20,
        M1 + "\x00",
        "🎟️",
        M1 + "🎉",
        "會員卡",
        "2900 0000 0001 7",
        "\x1b[2J" + M1,
        "\xff\xfe\x00\x01".encode("latin-1").decode("latin-1"),
        bytes(range(256)).decode("latin-1"),
        "LT1X" + "A" * 140,
        "LT1C" + "1" * 140,
        "LT1",
        "LT1C",
        "#$%",
        "--",
    ],
)
def test_garbage_is_malformed(svc, code):
    refused(svc, code, Reason.MALFORMED)


def test_full_width_digits_are_accepted_after_nfkc(svc):
    full_width = "".join(chr(ord(c) - ord("0") + ord("０")) for c in M1)
    assert full_width != M1
    r = accepted(svc, "\u3000" + full_width + " ", "member")
    assert r.member.id == "M1"
    r = accepted(svc, "".join(chr(ord(c) - ord("0") + ord("０")) for c in OFF100), "coupon")
    assert r.coupon.code == "C-100OFF-1"


@pytest.mark.parametrize("code", [M1[:-1] + str((int(M1[-1]) + 1) % 10), OFF100[:-1] + str((int(OFF100[-1]) + 5) % 10),
                                  "12345678", "00000000000000000001"])
def test_wrong_check_digit(svc, code):
    assert codes.gs1_check_digit(code[:-1]) != int(code[-1])
    err = refused(svc, code, Reason.BAD_CHECK_DIGIT)
    assert "check digit" in err.message.lower()


@pytest.mark.parametrize("code", [card("123456"), "1234567", card("12345678901234567890"), "1" * 21, "1", "42"])
def test_too_few_or_too_many_digits(svc, code):
    assert len(code) in (1, 2, 7, 21)
    err = refused(svc, code, Reason.MALFORMED)
    if len(code) in (7, 21):
        assert str(len(code)) in err.message


def test_unknown_but_well_formed_numbers_and_references(svc):
    refused(svc, card("290000009999"), Reason.UNKNOWN)
    refused(svc, "NO-SUCH-COUPON", Reason.UNKNOWN)
    refused(svc, signed_member("M404"), Reason.UNKNOWN)


# ---- signatures ------------------------------------------------------------------------


def test_signed_by_a_key_this_terminal_does_not_know(svc):
    err = refused(svc, signed_coupon("NEW-1", "T-SIGNED", key_id=2, signer=OTHER_SIGNER), Reason.UNKNOWN_KEY)
    assert err.details["key_id"] == 2
    refused(svc, signed_member("M1", key_id=9, signer=OTHER_SIGNER), Reason.UNKNOWN_KEY)


def test_right_key_id_but_wrong_private_key_is_forged(svc):
    refused(svc, signed_coupon("NEW-1", "T-SIGNED", key_id=1, signer=OTHER_SIGNER), Reason.FORGED)
    refused(svc, signed_member("M1", key_id=1, signer=OTHER_SIGNER), Reason.FORGED)


def test_altered_payload_is_forged(svc):
    genuine = signed_coupon("NEW-1", "T-SIGNED", uses=1)
    accepted(svc, genuine, "coupon")

    def more_uses(blob: bytearray) -> None:
        plen = blob[1]
        assert blob[2 + plen - 1] == ord("1")  # the last payload field is the number of uses
        blob[2 + plen - 1] = ord("9")

    refused(svc, _flip(genuine, more_uses), Reason.FORGED)
    # another member on a genuine member card
    refused(svc, _flip(signed_member("M1"), lambda b: b.__setitem__(3, ord("2"))), Reason.FORGED)
    # a coupon's signature on a member card (the kind letter is signed too)
    refused(svc, "LT1M" + genuine[4:], Reason.FORGED)
    # a flipped signature bit
    refused(svc, _flip(genuine, lambda b: b.__setitem__(len(b) - 1, b[-1] ^ 1)), Reason.FORGED)
    # a payload length that no longer matches, a truncated code
    refused(svc, _flip(genuine, lambda b: b.__setitem__(1, b[1] + 1)), Reason.MALFORMED)
    refused(svc, genuine[:-8], Reason.MALFORMED)


def test_lower_case_signed_codes_are_accepted(svc):
    r = accepted(svc, signed_member("M1").lower(), "member")
    assert r.member.id == "M1"
    r = accepted(svc, " " + signed_coupon("NEW-2", "T-SIGNED").lower() + "\n", "coupon")
    assert r.coupon.code == "NEW-2" and r.coupon.usable


# ---- wrong kind ------------------------------------------------------------------------


@pytest.mark.parametrize("coupon_code", [OFF100, SV, signed_coupon("NEW-3", "T-SIGNED")])
def test_coupon_used_as_member_card(svc, coupon_code):
    conn = svc.replica.conn
    before = counts(conn)
    req = CheckoutRequest("c1", (LineRequest("LATTE"),), member_code=coupon_code)
    for call in (lambda: svc.preview(req, at=AT), lambda: svc.settle(req, cashier_id="C01", at=AT)):
        with pytest.raises(CodeError) as exc:
            call()
        assert exc.value.reason == Reason.WRONG_KIND
        assert_human(exc.value.message)
    with pytest.raises(CodeError) as exc:
        svc.resolve_member(coupon_code)
    assert exc.value.reason == Reason.WRONG_KIND
    assert counts(conn) == before


@pytest.mark.parametrize("member_code", [M1, signed_member("M1"), signed_member("M1").lower()])
def test_member_card_used_as_coupon(svc, member_code):
    conn = svc.replica.conn
    before = counts(conn)
    req = CheckoutRequest("c1", (LineRequest("LATTE"),), coupons=(CouponRequest(member_code),))
    p = svc.preview(req, at=AT)
    v = p.coupon_verdicts[0]
    assert not v.ok and v.reason == Reason.WRONG_KIND and v.discount == 0
    assert_human(v.message)
    assert p.total == 120
    with pytest.raises(CodeError) as exc:
        svc.resolve_coupon(member_code)
    assert exc.value.reason == Reason.WRONG_KIND
    with pytest.raises(DomainError) as exc:  # a refused coupon blocks the settlement as a whole
        svc.settle(req, cashier_id="C01", at=AT)
    assert_human(exc.value.message.split(":")[0] + ".")
    assert counts(conn) == before


def test_bad_codes_inside_a_checkout_are_refused_one_by_one_and_nothing_is_written(svc):
    conn = svc.replica.conn
    before = counts(conn)
    bad = ["", "1" * 10_240, "\x00", M1[:-1] + "0" if M1[-1] != "0" else M1[:-1] + "1",
           signed_coupon("NEW-1", "T-SIGNED", key_id=1, signer=OTHER_SIGNER)]
    req = CheckoutRequest("c1", (LineRequest(amount=600, name="Amount"),),
                          coupons=tuple(CouponRequest(c) for c in bad) + (CouponRequest(OFF100),))
    p = svc.preview(req, at=AT)
    assert [v.reason for v in p.coupon_verdicts] == [Reason.EMPTY, Reason.OVERLONG, Reason.MALFORMED, Reason.BAD_CHECK_DIGIT,
                                                     Reason.FORGED, None]
    assert p.coupon_discount == 100 and p.total == 500 and not p.ok
    for v in p.coupon_verdicts[:-1]:
        assert_human(v.message)
        assert len(v.scanned) <= 10_240 and len(v.message) <= 200
    with pytest.raises(DomainError):
        svc.settle(req, cashier_id="C01", at=AT)
    assert counts(conn) == before


def test_signed_code_payload_round_trips_with_every_field():
    fields = codes.coupon_fields("C-1", "T-SIGNED", "M1", date(2026, 11, 20), date(2026, 12, 31), 3)
    raw = codes.encode_signed("C", 1, fields, OTHER_SIGNER.sign)
    from terminal.infra.crypto import KeyRing

    parsed = codes.parse(raw, KeyRing({1: OTHER_SIGNER.public_b64()}))
    assert parsed == codes.SignedCoupon("C-1", "T-SIGNED", "M1", date(2026, 11, 20), date(2026, 12, 31), 3, 1)
