"""Vouchers signed by the issuing terminal (`LT1V…`, terminal/domain/device_codes.py): the format,
its length on an 80 mm slip, and every refusal reason, with the real Ed25519 check of terminal/infra."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.domain import codes
from terminal.domain.device_codes import DeviceVoucher, encode_voucher, peek_device
from terminal.domain.reasons import CodeError, Reason
from terminal.infra.crypto import DeviceKeyRing, KeyRing, Signer
from terminal.infra.printing import receipt_lines

AT = datetime(2026, 11, 20, 4, 0, 5, tzinfo=timezone.utc)
A_KEY, B_KEY, OTHER = Signer.generate(), Signer.generate(), Signer.generate()
ROWS = {"dev-aaaaaaaaaaaa": {"public_key": A_KEY.public_b64(), "brand_id": "A", "status": "active"},
        "dev-bbbbbbbbbbbb": {"public_key": B_KEY.public_b64(), "brand_id": "B", "status": "active"},
        "dev-revoked0000": {"public_key": OTHER.public_b64(), "brand_id": "A", "status": "revoked",
                            "revoked_reason": "device revoked: stolen"},
        "dev-nokey000000": {"registered": False, "brand_id": "A"}}
VOUCHER = DeviceVoucher("EX-0123456789ABCDEF", "T-FREELATTE", "M1", AT, None, AT + timedelta(days=30), 1,
                        "dev-aaaaaaaaaaaa", "A")


def ring(brand: str = "A") -> DeviceKeyRing:
    return DeviceKeyRing(ROWS.get, brand)


def parse(text: str, brand: str = "A"):
    return codes.parse(text, KeyRing({}), ring(brand))


def test_round_trip_and_length():
    code = encode_voucher(VOUCHER, A_KEY.sign)
    assert code.startswith("LT1V") and set(code[4:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert len(code) <= 280  # QR version 9-10 at 25 mm on an 80 mm slip; the reference code is printed beside it
    v = parse(code)
    assert v == VOUCHER and peek_device(code) == "dev-aaaaaaaaaaaa"
    inst = v.instance()
    assert (inst.code, inst.member_id, inst.total_uses, inst.in_replica, inst.valid_until) == \
        ("EX-0123456789ABCDEF", "M1", 1, False, AT + timedelta(days=30))
    assert parse(code.lower()) == VOUCHER  # a wedge with caps lock off types it lower case


def test_next_order_coupon_with_a_start():
    v = DeviceVoucher("NX-00000000000000AB", "T-NEXT", "M2", AT, AT + timedelta(hours=20), AT + timedelta(days=8), 1,
                      "dev-aaaaaaaaaaaa", "A")
    assert parse(encode_voucher(v, A_KEY.sign)).valid_from == AT + timedelta(hours=20)


@pytest.mark.parametrize("device, key, brand_here, reason", [
    ("dev-aaaaaaaaaaaa", OTHER, "A", Reason.FORGED),  # signed with another key than the device's
    ("dev-unknown00000", OTHER, "A", Reason.DEVICE_UNKNOWN),  # no key of this device here
    ("dev-bbbbbbbbbbbb", B_KEY, "A", Reason.DEVICE_WRONG_BRAND),  # a brand-B till's voucher at a brand-A store
    ("dev-revoked0000", OTHER, "A", Reason.DEVICE_REVOKED),
    ("dev-nokey000000", OTHER, "A", Reason.DEVICE_KEY_UNREGISTERED),  # the server knows the device, no key
])
def test_refusals(device, key, brand_here, reason):
    v = DeviceVoucher(VOUCHER.code, VOUCHER.template_id, VOUCHER.member_id, AT, None, None, 1, device,
                      "B" if device == "dev-bbbbbbbbbbbb" else "A")
    with pytest.raises(CodeError) as exc:
        parse(encode_voucher(v, key.sign), brand_here)
    assert exc.value.reason is reason, exc.value.message
    assert exc.value.details["device_id"] == device


def test_unknown_device_claiming_another_brand_and_no_keys_at_all():
    v = DeviceVoucher(VOUCHER.code, "T-FREELATTE", None, AT, None, None, 1, "dev-unknown00000", "B")
    with pytest.raises(CodeError) as exc:
        parse(encode_voucher(v, OTHER.sign))
    assert exc.value.reason is Reason.DEVICE_WRONG_BRAND and "brand B" in exc.value.message
    with pytest.raises(CodeError) as exc:
        codes.parse(encode_voucher(VOUCHER, A_KEY.sign), KeyRing({}))  # a terminal with no device keys
    assert exc.value.reason is Reason.DEVICE_UNKNOWN


def test_tampered_payload_refused():
    import base64

    code = encode_voucher(VOUCHER, A_KEY.sign)
    blob = bytearray(base64.b32decode(code[4:] + "=" * (-len(code[4:]) % 8)))
    text = bytes(blob[2:2 + blob[1]]).replace(b"|1|dev", b"|9|dev")  # 9 uses instead of 1
    blob[2:2 + blob[1]] = text
    forged = "LT1V" + base64.b32encode(bytes(blob)).decode().rstrip("=")
    with pytest.raises(CodeError) as exc:
        parse(forged)
    assert exc.value.reason is Reason.FORGED


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_changed_character_is_refused(data):
    """Invariant: no single-character change of a genuine code is accepted (forged or malformed)."""
    code = encode_voucher(VOUCHER, A_KEY.sign)
    i = data.draw(st.integers(4, len(code) - 1))
    c = data.draw(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").filter(lambda ch: ch != code[i]))
    with pytest.raises(CodeError) as exc:
        parse(code[:i] + c + code[i + 1:])
    assert exc.value.reason in (Reason.FORGED, Reason.MALFORMED, Reason.DEVICE_UNKNOWN, Reason.DEVICE_WRONG_BRAND,
                                Reason.DEVICE_REVOKED, Reason.DEVICE_KEY_UNREGISTERED)


@pytest.mark.parametrize("garbage", ["LT1V", "LT1VAAAA", "LT1V" + "A" * 200, "LT1V" + "7" * 120, "LT1V0000"])
def test_garbage_is_malformed(garbage):
    with pytest.raises(CodeError) as exc:
        parse(garbage)
    assert exc.value.reason is Reason.MALFORMED


def test_fields_codes_cannot_carry_are_refused_when_signing():
    with pytest.raises(ValueError):
        encode_voucher(DeviceVoucher("EX-1", "T|X", None, AT, None, None, 1, "dev-a", "A"), A_KEY.sign)


def test_slip_prints_the_signed_code_line_for_the_qr():
    code = encode_voucher(VOUCHER, A_KEY.sign)
    receipt = {"next_order_coupons": [{"code": "NX-1", "name": "Next visit", "valid_from": "2026-11-21",
                                       "valid_until": "2026-11-27", "signed_code": code}]}
    lines = receipt_lines(receipt, "en", 48)
    assert "NX-1" in lines and code in lines  # print_receipt sends that line as a QR code

    class Printer:
        def __init__(self):
            self.qrs, self.raw = [], b""

        def _raw(self, b):
            self.raw += b

        def set(self, **kw):
            pass

        def qr(self, content, **kw):
            self.qrs.append(content)

        def cut(self):
            pass

    from terminal.infra.printing import print_receipt

    p = Printer()
    print_receipt(p, receipt, lang="en", width=48)
    assert p.qrs == [code] and code.encode() not in p.raw


def test_cli_text_shows_the_signed_codes():
    from terminal.entry.cli import _format_receipt

    code = encode_voucher(VOUCHER, A_KEY.sign)
    r = {"checkout_id": "c1", "local_time": "2026-11-20 12:00", "explanation": [], "total": 1200, "points_earned": {},
         "points_spent": {}, "next_order_coupons": [{"code": "NX-1", "name": "Next visit", "valid_from": "2026-11-21",
                                                     "valid_until": "2026-12-20", "signed_code": code}]}
    assert f"  signed code {code}" in _format_receipt(r).splitlines()


def test_cli_exchange_text_shows_the_signed_code():
    from types import SimpleNamespace

    from terminal.entry import cli_member_value

    code = encode_voucher(VOUCHER, A_KEY.sign)
    receipt = {"exchange_id": "E1", "points_spent": 100, "point_type": "bonus", "offer": "Free latte", "member_id": "M1",
               "voucher": {"code": VOUCHER.code, "name": "Free latte", "uses": 1, "valid_until": "2026-12-20T04:00:05+00:00",
                           "signed_code": code}}
    svc = SimpleNamespace(resolve_member=lambda m: SimpleNamespace(id="M1"), verify_staff=lambda *a: None,
                          exchange=lambda *a, **k: receipt)
    out = []
    args = SimpleNamespace(command="exchange", offer="X-LATTE", member="M1", cashier="C01", pin="1", exchange_id=None, at=None)
    cli_member_value.run(args, lambda r, text: out.append((r, text)), lambda: svc, lambda at: None, lambda: None)
    [(r, text)] = out
    assert r["voucher"]["signed_code"] == code  # --json
    assert text.splitlines()[-1] == f"signed code {code}" and VOUCHER.code in text
