"""What a counter may know of a member (terminal/domain/member_data.py) and keyed PIN hashes (terminal/infra/pins.py)."""

from __future__ import annotations

from datetime import date

import pytest

from terminal.domain.member_data import birth_month, card_hash, mask_name, valid_birth_month
from terminal.domain.models import Member, Store
from terminal.infra.pins import PinKeyUnavailable, hash_pin, is_keyed, verify_pin, wrap_hash
from terminal.storage.replica_secret import ReplicaSecret

SALT = "00112233445566778899aabbccddeeff"


@pytest.mark.parametrize("name, masked", [
    ("王小明", "王*明"), ("陳怡君", "陳*君"), ("歐陽小明", "歐**明"), ("王明", "王*"), ("王", "王"),
    ("John Doe", "J*** D."), ("Alice Chen", "A*** C."), ("Mary Ann Smith", "M*** A. S."), ("Madonna", "M***"),
    ("  John   Doe ", "J*** D."), ("", ""),
])
def test_masked_names_one_rule_per_script_and_masking_twice_changes_nothing(name, masked):
    assert mask_name(name) == masked
    assert mask_name(masked) == masked


def test_a_latin_mask_does_not_show_the_length():
    assert mask_name("Al Bo") == "A*** B." and mask_name("Alexandria Bojangles") == "A*** B."


def test_birth_month_only():
    assert birth_month(date(1990, 11, 2)) == 11 and birth_month("1990-03-17") == 3
    assert birth_month(None) is None and birth_month("not a date") is None
    assert [valid_birth_month(v) for v in (1, 12, 0, 13, True, "11", None)] == [1, 12, None, None, None, None, None]


def test_card_hash_is_salted_and_normalised():
    a = card_hash(SALT, "2900000000018")
    assert len(a) == 64 and a == card_hash(SALT, "２９００００００００018 ")  # full-width digits, a stray space
    assert a != card_hash("ff" * 16, "2900000000018") and a != card_hash(SALT, "2900000000025")
    with pytest.raises(ValueError):
        card_hash("not hex", "2900000000018")


def test_birthday_rules_decide_on_the_birth_month():
    from datetime import datetime, timezone

    from terminal.domain.earn import applicable_multiplier
    from terminal.domain.models import EarnKind, EarnRule, Multiplier, MultiplierKind

    rule = EarnRule("R", "R", "bonus", EarnKind.PER_SPEND, 50, 1,
                    multipliers=(Multiplier(MultiplierKind.BIRTHDAY_MONTH, 2),))
    store = Store("S", "B", "S", "Asia/Taipei")
    nov = datetime(2026, 11, 20, 4, tzinfo=timezone.utc)
    assert applicable_multiplier(rule, Member("M", "M", "normal", 11), store, nov)[0] == 2
    assert applicable_multiplier(rule, Member("M", "M", "normal", 3), store, nov)[0] == 1
    assert applicable_multiplier(rule, Member("M", "M", "normal", None), store, nov)[0] == 1


def test_a_keyed_pin_hash_needs_its_secret():
    plain = hash_pin("1234", salt=b"0123456789abcdef", log_n=10)
    secret = ReplicaSecret.generate(protected=True)[0]
    keyed = wrap_hash(plain, secret)
    assert is_keyed(keyed) and keyed.startswith(f"kscrypt${secret.key_id}$10$8$1$32$MDEyMzQ1Njc4OWFiY2RlZg==$")
    assert plain.split("$")[-1] not in keyed
    assert verify_pin("1234", keyed, secret) and not verify_pin("1235", keyed, secret)
    with pytest.raises(PinKeyUnavailable) as none:
        verify_pin("1234", keyed)
    assert none.value.given is None
    other = ReplicaSecret.generate(protected=True)[0]
    with pytest.raises(PinKeyUnavailable) as wrong:
        verify_pin("1234", keyed, other)
    assert wrong.value.given == other.key_id
    assert verify_pin("1234", plain) and not verify_pin("1234", "kscrypt$broken")
    with pytest.raises(ValueError):
        wrap_hash("scrypt$10$8$1$!!$??", secret)
