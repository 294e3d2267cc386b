"""Keyboard-wedge detection: scanner bursts found with exact text, people never."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from terminal.scanning.wedge import ENTER, TAB, Action, WedgeDetector

SCAN_CHARS = st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-./+")
TYPED_KEYS = st.one_of(
    st.characters(min_codepoint=32, max_codepoint=126), st.sampled_from([ENTER, TAB, "Backspace"])
)
scanner_gap = st.floats(0.002, 0.035)
human_gap = st.floats(0.080, 0.300)


class Field:
    """What the focused widget would end up showing, driven like the Qt filter would."""

    def __init__(self, detector: WedgeDetector) -> None:
        self.detector = detector
        self.delivered: list[str] = []
        self.scans = []
        self.decisions = []

    def apply(self, decision, current=None):
        self.decisions.append(decision)
        if decision.scan:
            leaked = decision.scan.leaked
            if leaked:
                assert "".join(self.delivered[-leaked:]) == decision.scan.text[:leaked]
                del self.delivered[-leaked:]
            self.scans.append(decision.scan)
        self.delivered += [k.key for k in decision.replay]
        if decision.action is Action.PASS:
            self.delivered.append(current)

    def key(self, t, key):
        self.apply(self.detector.feed(t, key), key)

    def tick(self, t):
        self.apply(self.detector.tick(t))


def type_keys(field: Field, start: float, keys, gaps) -> float:
    t = start
    for key, gap in zip(keys, gaps):
        t += gap
        field.key(t, key)
        field.tick(t + 0.001)
    return t


@given(
    text=st.text(SCAN_CHARS, min_size=6, max_size=40),
    gaps=st.lists(scanner_gap, min_size=41, max_size=41),
    terminator=st.sampled_from([ENTER, TAB, None]),
)
def test_scanner_bursts_are_recognised_with_exact_text(text, gaps, terminator):
    field = Field(WedgeDetector())
    t = type_keys(field, 10.0, text, gaps)
    if terminator:
        field.key(t + 0.008, terminator)
    field.tick(t + 0.2)
    assert [s.text for s in field.scans] == [text]
    scan = field.scans[0]
    assert scan.terminator == terminator and scan.leaked == 2
    assert field.delivered == []  # leaked characters were removed, the rest held
    actions = [d.action for d in field.decisions if d.action is not Action.NONE]
    assert actions[:2] == [Action.PASS, Action.PASS]
    assert set(actions[2:]) <= {Action.HOLD, Action.SWALLOW}
    assert all(not d.replay for d in field.decisions)


@given(keys=st.lists(TYPED_KEYS, max_size=60), gaps=st.lists(human_gap, min_size=60, max_size=60))
def test_human_typing_is_never_a_scan_and_never_held(keys, gaps):
    field = Field(WedgeDetector())
    type_keys(field, 5.0, keys, gaps)
    field.tick(1000.0)
    assert field.scans == []
    assert all(d.action in (Action.PASS, Action.NONE) and not d.replay for d in field.decisions)
    assert field.delivered == keys


@settings(max_examples=300)
@given(
    events=st.lists(
        st.tuples(st.one_of(SCAN_CHARS, st.sampled_from([ENTER, TAB, "Left"])),
                  st.sampled_from([0.005, 0.02, 0.034, 0.05, 0.09, 0.15, 0.4])),
        max_size=80,
    ),
)
def test_every_key_is_delivered_once_or_part_of_a_scan(events):
    """Whatever the timing, nothing is lost or duplicated, and leaked counts add up."""
    field = Field(WedgeDetector())
    t = 0.0
    for key, gap in events:
        field.tick(t + gap / 2)
        t += gap
        field.key(t, key)
    field.tick(t + 1.0)
    rebuilt = list(field.delivered)
    consumed = sum(len(s.text) + (s.terminator is not None) for s in field.scans)
    assert len(rebuilt) + consumed == len(events)
    assert not field.detector.busy
    for scan in field.scans:
        assert len(scan.text) >= 6


def test_bursts_split_by_silence_are_two_scans():
    field = Field(WedgeDetector())
    t = type_keys(field, 0.0, "ABC123456", [0.008] * 9)
    type_keys(field, t + 0.15, "XYZ987654", [0.008] * 9)
    field.tick(t + 1.0)
    assert [s.text for s in field.scans] == ["ABC123456", "XYZ987654"]


def test_slow_key_after_a_burst_ends_it_and_is_passed_after_the_scan():
    d = WedgeDetector()
    for i, ch in enumerate("1234567"):
        d.feed(i * 0.008, ch)
    decision = d.feed(6 * 0.008 + 0.05, "x")
    assert decision.scan.text == "1234567" and decision.action is Action.PASS


def test_short_fast_run_is_replayed_in_order_before_the_enter():
    d = WedgeDetector()
    assert d.feed(0.000, "a").action is Action.PASS
    assert d.feed(0.010, "b").action is Action.PASS
    assert d.feed(0.020, "c").action is Action.HOLD
    decision = d.feed(0.030, ENTER)
    assert decision.action is Action.SWALLOW and decision.scan is None
    assert [k.key for k in decision.replay] == ["c", ENTER]


def test_held_keys_come_back_on_silence_with_their_tokens():
    d = WedgeDetector()
    for i, ch in enumerate("abc"):
        d.feed(i * 0.01, ch, token=f"event-{ch}")
    assert d.busy
    assert d.tick(0.05).replay == ()
    decision = d.tick(0.2)
    assert [k.token for k in decision.replay] == ["event-c"] and not d.busy


@given(
    text=st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=30),
    gaps=st.lists(st.floats(0.001, 0.5), min_size=32, max_size=32),
)
def test_prefix_mode_swallows_everything_between_prefix_and_suffix(text, gaps):
    d = WedgeDetector(prefix="\x02", suffix=ENTER)
    assert d.heuristic is False
    t = 1.0
    decisions = [d.feed(t, "\x02")]
    for ch, gap in zip(text, gaps):
        t += gap
        decisions.append(d.feed(t, ch))
    final = d.feed(t + gaps[-1], "\r")
    assert final.scan is not None and final.scan.text == text and final.scan.leaked == 0
    assert all(x.action is Action.SWALLOW and not x.replay for x in [*decisions, final])


def test_prefix_mode_passes_ordinary_typing_even_when_fast():
    d = WedgeDetector(prefix="\x02", suffix=ENTER)
    assert all(d.feed(i * 0.005, ch).action is Action.PASS for i, ch in enumerate("123456789"))
    assert d.feed(0.05, ENTER).action is Action.PASS


def test_prefix_without_suffix_is_given_back_after_timeout():
    d = WedgeDetector(prefix="\x02", suffix=ENTER, prefix_timeout=2.0)
    d.feed(0.0, "\x02")
    d.feed(0.1, "A")
    assert d.tick(1.0).replay == ()
    assert [k.key for k in d.tick(2.5).replay] == ["\x02", "A"]
    assert not d.busy


def test_prefix_with_custom_suffix_and_tab_inside():
    d = WedgeDetector(prefix="\x02", suffix="\x03")
    for i, key in enumerate(["\x02", "A", TAB, "B"]):
        assert d.feed(i * 0.01, key).action is Action.SWALLOW
    assert d.feed(0.1, "\x03").scan.text == "A\tB"


def test_configurable_thresholds():
    d = WedgeDetector(max_gap=0.05, min_length=4, pass_first=1)
    decisions = [d.feed(i * 0.045, ch) for i, ch in enumerate("ABCD")]
    assert [x.action for x in decisions] == [Action.PASS] + [Action.HOLD] * 3
    assert d.feed(0.2, TAB).scan.leaked == 1
