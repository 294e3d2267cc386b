"""Members' phones and names as the counter searches them (terminal/domain/phones.py, issue 17)."""

from __future__ import annotations

import re

import pytest

from terminal.domain.phones import (PhoneError, clean_name, looks_like_phone, mask_phone, name_key, name_query, normalise_phone,
                                    phone_hash)

GOOD = {
    "0912345678": "+886912345678", "0912-345-678": "+886912345678", "0912 345 678": "+886912345678",
    "０９１２３４５６７８": "+886912345678", "+886912345678": "+886912345678", "+886 912 345 678": "+886912345678",
    "+886-912-345-678": "+886912345678", "886912345678": "+886912345678", "+886 0912 345 678": "+886912345678",
    "(0912) 345-678": "+886912345678", "+81 90 1234 5678": "+819012345678", "+1 (415) 555-0100": "+14155550100",
}
BAD = {
    "": "No phone", "   ": "No phone", "0212345678": "Taiwan mobile", "02-2345-6789": "Taiwan mobile",
    "+886 2 2345 6789": "must be a mobile", "091234567": "Taiwan mobile", "09123456789": "Taiwan mobile",
    "0912abc678": "only digits", "0912345678\x00": "only digits", "0912345678\u202e": "only digits",
    "+0123456789": "does not start with 0", "+1234567": "8 to 15", "+1234567890123456": "8 to 15",
    "++886912345678": "only digits", "((0912)) 345678": "parentheses", "0912345678' OR '1'='1": "only digits",
    "0" * 41: "at most 40",
}


@pytest.mark.parametrize("text", list(GOOD), ids=[f"good-{i}" for i in range(len(GOOD))])
def test_typed_phones_become_e164(text):
    assert normalise_phone(text) == GOOD[text]
    assert normalise_phone(GOOD[text]) == GOOD[text]  # idempotent


@pytest.mark.parametrize("text", list(BAD), ids=[f"bad-{i}" for i in range(len(BAD))])
def test_anything_else_is_refused_saying_why(text):
    with pytest.raises(PhoneError, match=BAD[text]):
        normalise_phone(text)


def test_non_text_is_refused():
    for v in (912345678, None, b"0912345678", ["0912345678"]):
        with pytest.raises(PhoneError):
            normalise_phone(v)


def test_masks_show_the_last_three_digits_only():
    assert mask_phone("+886912345678") == "****-***-678"
    assert mask_phone("+819012345678") == "+*********678"
    assert mask_phone(None) is None


def test_a_phone_in_the_scan_field_is_recognised_not_a_barcode():
    assert looks_like_phone("0912345678") == looks_like_phone("0912-345-678") == "+886912345678"
    assert looks_like_phone("+886912345678") == "+886912345678"
    for code in ("4710000000012", "2900000000018", "0212345678", "12345678", "LT1M...", "", "0" * 100):
        assert looks_like_phone(code) is None


def test_the_phone_hash_depends_on_the_salt_and_has_its_own_tag():
    from terminal.domain.member_data import card_hash

    a, b = "ab" * 16, "cd" * 16
    assert phone_hash(a, "+886912345678") != phone_hash(b, "+886912345678")
    assert phone_hash(a, "+886912345678") != card_hash(a, "+886912345678")
    assert len(phone_hash(a, "+886912345678")) == 64


NAMES_OK = {"王小明": "王小明", " 陳  大文 ": "陳大文", "John  Doe": "John Doe", "O'Brien": "O'Brien", "Anne-Marie": "Anne-Marie",
            "歐陽·娜娜": "歐陽·娜娜", "José": "José", "ＡＬＩＣＥ": "ALICE"}
NAMES_BAD = {"": "No name", "王\x00明": "U+0000", "王\n明": "U+000A", "王\t明": "U+0009", "Eve\u202e": "U+202E",
             "王小明2": "no digits", "<b>": "U+003C", "a%b": "U+0025", "王_": "U+005F", "'; DROP": "U+003B", "---": "letter",
             "陳" * 61: "at most 60", "a" * 1000: "at most 60"}


@pytest.mark.parametrize("text", list(NAMES_OK), ids=[f"ok-{i}" for i in range(len(NAMES_OK))])
def test_names_are_cleaned(text):
    assert clean_name(text) == NAMES_OK[text]


@pytest.mark.parametrize("text", list(NAMES_BAD), ids=[f"bad-{i}" for i in range(len(NAMES_BAD))])
def test_hostile_names_are_refused(text):
    with pytest.raises(ValueError, match=re.escape(NAMES_BAD[text])):
        clean_name(text)


def test_a_name_query_needs_two_characters_and_ignores_case():
    assert name_query("  ALICE ") == name_key("alice") == "alice"
    assert name_query("王小") == "王小"
    for short in ("王", " a ", "  "):
        with pytest.raises(ValueError):
            name_query(short)
    assert name_query("A B") == "a b"  # two letters: enough
