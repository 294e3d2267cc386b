"""What a scanner types, read as it was meant (issue 17 §1): UPC-E codes, keyboard-layout mix-ups."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from terminal.domain import codes, layouts
from terminal.domain.reasons import CodeError, Reason
from tests.conftest import card, catalog_dict, signed_member

UPCE = "04252614"  # GS1's example: UPC-A 042100005264
UPCA = "042100005264"


# ---- UPC-E ----------------------------------------------------------------------------
def test_upce_expands_to_upca_and_back():
    assert codes.upce_to_upca(UPCE) == UPCA
    assert codes.upca_to_upce(UPCA) == UPCE
    assert codes.upca_to_upce("0" + UPCA) == UPCE
    assert codes.barcode_forms(UPCE) == (UPCE, UPCA, "0" + UPCA)
    assert codes.barcode_forms(UPCA) == (UPCA, "0" + UPCA, UPCE)


def test_upce_check_digit_is_the_upca_one():
    assert codes.gs1_check_digit(UPCE[:-1]) != int(UPCE[-1])  # not an EAN-8: refused before
    assert codes.parse(UPCE, lambda *a: None) == codes.PlainCode(UPCE)
    with pytest.raises(CodeError) as err:
        codes.parse("04252615", lambda *a: None)
    assert err.value.reason is Reason.BAD_CHECK_DIGIT
    assert codes.upce_to_upca("24252614") is None  # number system 2: no UPC-E


@given(st.text("0123456789", min_size=6, max_size=6), st.sampled_from("01"))
def test_upce_round_trip(digits, ns):
    body = codes.upce_to_upca(ns + digits + "0")
    check = next(c for c in "0123456789" if codes.upce_to_upca(ns + digits + c) is not None)
    upca = codes.upce_to_upca(ns + digits + check)
    assert upca is not None and len(upca) == 12 and codes.gs1_check_digit(upca[:-1]) == int(upca[-1])
    assert body is None or body == upca
    back = codes.upca_to_upce(upca)
    assert back is not None and codes.upce_to_upca(back) == upca


@pytest.mark.parametrize(("in_catalog", "scanned"), [(UPCE, UPCE), (UPCA, UPCE), (UPCE, UPCA), (UPCE, "0" + UPCA)])
def test_upce_product_matches_the_catalog_in_either_form(make_service, in_catalog, scanned):
    cat = catalog_dict()
    cat["products"].append({"sku": "GUM", "name": "Chewing gum", "category": "goods", "price": 25, "barcode": in_catalog})
    svc = make_service(catalog=cat)
    result = svc.scan(scanned)
    assert result.kind == "product" and result.product["sku"] == "GUM"


# ---- keyboard layouts --------------------------------------------------------------------
GERMAN_SWAP = str.maketrans("YZyz", "ZYzy")
AZERTY = str.maketrans({"1": "&", "2": "é", "3": '"', "4": "'", "5": "(", "6": "-", "7": "è", "8": "_", "9": "ç",
                        "0": "à", "A": "Q", "Q": "A", "Z": "W", "W": "Z", "M": "?"})


def test_member_qr_typed_on_a_german_layout_is_read_as_meant(make_service):
    qr = signed_member("M1")
    typed = qr.translate(GERMAN_SWAP)
    assert typed != qr, "the test QR must contain Y or Z"
    svc = make_service()
    with pytest.raises(CodeError):
        codes.parse(typed, svc.keyring())  # refused as typed (unknown key, forged or malformed)
    result = svc.scan(typed)
    assert result.kind == "member" and result.member.id == "M1"


def test_card_number_typed_on_a_french_layout_is_read_as_meant(make_service):
    number = card("290000000001")
    typed = number.translate(AZERTY)
    assert typed == "éçààààààààà&_"  # 2900000000018
    result = make_service().scan(typed)
    assert result.kind == "member" and result.member.id == "M1"


def test_member_qr_typed_on_a_french_layout_is_read_as_meant(make_service):
    qr = signed_member("M2")
    typed = qr.translate(AZERTY)
    assert typed.startswith("LT&?")
    result = make_service().scan(typed)
    assert result.kind == "member" and result.member.id == "M2"


def test_french_layout_garble_that_does_not_verify_says_what_to_fix(make_service):
    wrong = card("290000000001")[:-1] + str((int(card("290000000001")[-1]) + 1) % 10)  # misread check digit
    with pytest.raises(CodeError) as err:
        make_service().scan(wrong.translate(AZERTY))
    assert err.value.reason is Reason.KEYBOARD_LAYOUT
    assert err.value.details["layout"] == "fr"
    assert "US keyboard layout" in err.value.message and "French (AZERTY)" in err.value.message


def test_two_verifying_mappings_are_refused_not_guessed():
    def parse_both(text):
        if text != "LT1MYW":
            return codes.PlainCode("00000000")
        raise CodeError(Reason.MALFORMED, "no")

    with pytest.raises(CodeError) as err:
        layouts.parse_scanned("LT1MYW", parse_both)
    assert err.value.reason is Reason.KEYBOARD_LAYOUT


def test_codes_that_parse_as_scanned_are_never_remapped():
    seen = []

    def parse(text):
        seen.append(text)
        return codes.RefCode(text)

    assert layouts.parse_scanned("C-100OFF-1", parse) == codes.RefCode("C-100OFF-1")
    assert seen == ["C-100OFF-1"]


def test_a_reference_code_is_no_proof_of_a_layout():
    """A mapping that only parses as a free reference code does not count: the first refusal stands."""
    def parse(text):
        if text == "AB-Y":
            raise CodeError(Reason.MALFORMED, "no")
        return codes.RefCode(text)

    with pytest.raises(CodeError) as err:
        layouts.parse_scanned("AB-Y", parse)
    assert err.value.reason is Reason.MALFORMED


def test_the_counter_keeps_the_code_the_scanner_meant(make_service):
    """The basket (and so the settlement the server re-verifies) carries the real code, not the garble."""
    from tests.conftest import signed_coupon
    from terminal.usecases.counter import Counter

    qr = signed_coupon("ON-7", "T-SIGNED")
    typed = qr.translate(AZERTY)
    counter = Counter(make_service())
    counter.login("C01", "1234")
    counter.scan(card("471000000001"))
    view = counter.scan(typed)
    assert [c.scanned for c in view.coupons] == [qr]


def test_garbage_is_not_blamed_on_the_layout():
    assert layouts.telltale_layout("éçààààààààà&_") == "fr"
    assert layouts.telltale_layout("LT1MABCß") == "de"
    assert layouts.telltale_layout(bytes(range(256)).decode("latin-1")) is None
    assert layouts.telltale_layout("會員卡é") is None
