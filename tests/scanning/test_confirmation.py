"""Frame confirmation: 2D after one frame, 1D after two agreeing, one beep per card."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from terminal.scanning.confirmation import ScanConfirmation
from terminal.scanning.decoded import Decoded

QR = Decoded("qrcode", "LT-CARD-1")
EAN = Decoded("ean13", "4006381333931")
FRAME = 1 / 30


def test_2d_code_is_accepted_on_its_first_frame():
    assert ScanConfirmation().update(0.0, [QR]) == [QR]


def test_1d_code_needs_two_agreeing_frames():
    c = ScanConfirmation()
    assert c.update(0.0, [EAN]) == []
    assert c.update(FRAME, [EAN]) == [EAN]


def test_1d_frames_too_far_apart_do_not_agree():
    c = ScanConfirmation(agree_within=0.3)
    assert c.update(0.0, [EAN]) == []
    assert c.update(0.5, [EAN]) == []  # counts as a first sighting again
    assert c.update(0.5 + FRAME, [EAN]) == [EAN]


def test_disagreeing_1d_reads_are_not_confirmed():
    c = ScanConfirmation()
    assert c.update(0.0, [EAN]) == []
    assert c.update(FRAME, [Decoded("ean13", "4006381333948")]) == []


def test_code_held_in_view_is_reported_once():
    c = ScanConfirmation(holdoff=0.75)
    reported = [r for i in range(300) for r in c.update(i * FRAME, [QR])]
    assert reported == [QR]


def test_reported_again_only_after_out_of_view_for_holdoff():
    c = ScanConfirmation(holdoff=0.75)
    assert c.update(0.0, [QR]) == [QR]
    assert c.update(0.5, [QR]) == []
    assert c.update(1.0, [QR]) == []  # still in view: holdoff counts from here
    assert c.update(1.5, []) == []
    assert c.update(1.7, [QR]) == []  # out of view only 0.7 s
    assert c.update(2.3, []) == []
    assert c.update(1.7 + 0.76, [QR]) == [QR]


def test_gap_without_frames_longer_than_holdoff_allows_a_new_report():
    c = ScanConfirmation(holdoff=0.75)
    assert c.update(0.0, [QR]) == [QR]
    assert c.update(0.8, [QR]) == [QR]


def test_several_codes_in_one_frame_and_duplicates_within_a_frame():
    c = ScanConfirmation()
    assert c.update(0.0, [QR, QR, EAN]) == [QR]
    assert c.update(FRAME, [EAN, QR, EAN]) == [EAN]


def test_same_text_in_another_symbology_is_another_scan():
    c = ScanConfirmation()
    c.update(0.0, [QR])
    assert c.update(FRAME, [Decoded("datamatrix", QR.text)]) == [Decoded("datamatrix", QR.text)]


def test_reset_forgets_reported_codes():
    c = ScanConfirmation()
    c.update(0.0, [QR])
    c.reset()
    assert c.update(FRAME, [QR]) == [QR]


@given(
    st.lists(st.tuples(st.floats(0.001, 2.0), st.booleans()), min_size=1, max_size=60),
)
def test_never_two_reports_without_a_holdoff_gap(steps):
    """Between two reports of one code it was out of view for at least `holdoff`."""
    c = ScanConfirmation(holdoff=0.75)
    t, last_seen, last_report = 0.0, None, None
    for dt, visible in steps:
        t += dt
        reported = c.update(t, [QR] if visible else [])
        if reported:
            if last_report is not None:
                assert t - last_seen >= 0.75
            last_report = t
        if visible:
            last_seen = t
