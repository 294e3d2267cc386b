"""Tell USB keyboard-wedge scanner input apart from a person typing.

A wedge scanner is a keyboard: its characters land in whatever field has focus. This
detector is fed every key press as `(t_monotonic, key)` and answers, per key, what the
application event filter should do with the event. It imports no Qt.

Keys: a one-character string for a key that produces text (including control
characters such as STX "\\x02"); "Enter"/"Tab" (or "\\r", "\\n", "\\t") for the
terminators; any other name (e.g. "Backspace", "Left") for other keys. Do not feed
modifier-only presses (Shift), which scanners send before capitals.

Two modes, usable together:

* Prefix mode (recommended; configure the scanner to send a prefix such as STX and a
  suffix such as Enter): everything from the prefix to the suffix is a scan whatever
  the speed, and all of it is swallowed, so nothing leaks into the field. If the
  suffix never comes, `tick` gives the keys back after `prefix_timeout` seconds.
* Heuristic mode (no scanner configuration): a burst is a run of text keys with every
  gap <= `max_gap` (35 ms; scanners type at ~8 ms, people at 80-300 ms). A burst of at
  least `min_length` characters ended by Enter/Tab, by a slower key, another key, or by
  `end_silence` of silence (seen by `tick`) is a scan.

Strategy for the heuristic: the first `pass_first` keys of a burst are let through
(PASS) - holding every key would delay all typing and a person's first keys cannot be
told from a scanner's. From the next fast key on, keys are held (HOLD: consume the
event, keep a copy). When the burst turns out to be a scan, the held keys are dropped
and `WedgeScan.leaked` says how many characters already reached the focused field,
for the caller to delete. When it turns out to be typing, the held keys come back in
`replay`, in order, for the caller to re-deliver. A person typing at 80-300 ms never
reaches the hold state, so nothing of theirs is ever delayed.

Timestamps: feed the key events' own timestamps (when the key was typed), not the time the
event is processed: a busy GUI thread delivers a burst late and in a clump, and only the
typing times tell a scanner from a person then. A timestamp earlier than the previous one
(a clock jump) ends the run. `tick(t)` takes a time on the same clock.

Control characters (STX, ETX, GS, ...) are removed from the scanned text unless
`strip_controls=False`: a scanner framing its codes with STX/ETX needs no configuration.

Contract for the Qt event filter, per decision, in this order:
  1. `scan`: delete `scan.leaked` characters before the cursor, then handle the scan;
  2. `replay`: re-deliver these keys in order (mark them so the filter passes them
     without feeding them again); the current key is then already among them;
  3. `action`: PASS -> let the event through; HOLD or SWALLOW -> consume it.
The filter must call `tick(time.monotonic())` every ~20 ms while `busy` is true.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

ENTER = "Enter"
TAB = "Tab"
_TIME_EPSILON = 1e-6  # timestamps are floats: a gap of exactly max_gap still counts
_ALIASES = {"\r": ENTER, "\n": ENTER, "Return": ENTER, "Enter": ENTER, "\t": TAB, "Tab": TAB}


class Action(Enum):
    PASS = "pass"  # deliver the event normally
    HOLD = "hold"  # consume it; it may come back later in a `replay`
    SWALLOW = "swallow"  # consume it for good (part of a scan, or sent in `replay`)
    NONE = "none"  # tick() result: there is no current event


@dataclass(frozen=True, slots=True)
class HeldKey:
    """A key the detector consumed; `token` is whatever the caller passed with it."""

    t: float
    key: str
    token: object = None


@dataclass(frozen=True, slots=True)
class WedgeScan:
    text: str
    started_at: float
    ended_at: float
    leaked: int = 0  # characters that reached the focused field before holding began
    terminator: str | None = None  # ENTER, TAB, the suffix, or None (silence)


@dataclass(frozen=True, slots=True)
class WedgeDecision:
    action: Action
    replay: tuple[HeldKey, ...] = ()
    scan: WedgeScan | None = None


def strip_controls(text: str, keep: str = "") -> str:
    """`text` without ASCII control characters (C0 and DEL) other than those in `keep`: a
    scanner's STX/ETX framing, a GS separator or a stray CR never become part of a code."""
    return "".join(c for c in text if 32 <= ord(c) != 127 or c in keep)


def normalise_key(key: str) -> str:
    return _ALIASES.get(key, key)


class WedgeDetector:
    def __init__(
        self,
        *,
        max_gap: float = 0.035,
        min_length: int = 6,
        end_silence: float = 0.100,
        pass_first: int = 2,
        prefix: str | None = None,
        suffix: str | None = None,
        prefix_timeout: float | None = 2.0,
        heuristic: bool | None = None,
        strip_controls: bool = True,
    ) -> None:
        if not 0 <= pass_first < min_length:
            raise ValueError("pass_first must be smaller than min_length")
        self.max_gap = max_gap
        self.min_length = min_length
        self.end_silence = end_silence
        self.pass_first = pass_first
        self.prefix = normalise_key(prefix) if prefix else None
        self.suffix = normalise_key(suffix) if suffix else None
        self.prefix_timeout = prefix_timeout
        self.strip_controls = strip_controls
        self.heuristic = self.prefix is None if heuristic is None else heuristic
        self._burst: list[HeldKey] = []  # text keys of the current fast run
        self._capture: list[HeldKey] | None = None  # prefix mode: prefix + keys so far
        self._last_t = 0.0

    @property
    def busy(self) -> bool:
        """True while keys are pending: the caller should keep calling `tick`."""
        return bool(self._burst) or self._capture is not None

    def feed(self, t: float, key: str, token: object = None, *, min_length: int | None = None) -> WedgeDecision:
        """Decide what to do with one key press typed at time `t` (s). `min_length` overrides the
        shortest scan for a burst this Enter/Tab ends (a staff badge of 3 characters into a field
        made for badges)."""
        key = normalise_key(key)
        current = HeldKey(t, key, token)
        if self._capture is not None:
            return self._feed_capture(current)

        scan, replay = None, ()
        gap = t - self._last_t
        if self._burst and (gap > self.max_gap + _TIME_EPSILON or gap < -_TIME_EPSILON):  # slower, or a clock jump back
            scan, replay = self._finish(self._last_t, None)

        if self.prefix is not None and key == self.prefix:
            self._capture = [current]
            self._last_t = t
            return WedgeDecision(Action.SWALLOW, replay, scan)

        if len(key) == 1 and self.heuristic:
            self._burst.append(current)
            self._last_t = t
            action = Action.PASS if len(self._burst) <= self.pass_first else Action.HOLD
            return _deliver(action, current, replay, scan)

        if key in (ENTER, TAB) and self._burst:
            scan, replay = self._finish(t, key, min_length)
            if scan is not None:
                return WedgeDecision(Action.SWALLOW, (), scan)
        elif self._burst:  # any other key ends the run like silence would
            scan, replay = self._finish(self._last_t, None)
        return _deliver(Action.PASS, current, replay, scan)

    def tick(self, t: float) -> WedgeDecision:
        """Call periodically: ends bursts on silence and gives up on a lost suffix."""
        if self._capture is not None:
            timeout = self.prefix_timeout
            if timeout is not None and t - self._last_t > timeout:
                held, self._capture = tuple(self._capture), None
                return WedgeDecision(Action.NONE, held)
        elif self._burst and t - self._last_t > self.end_silence:
            scan, replay = self._finish(self._last_t, None)
            return WedgeDecision(Action.NONE, replay, scan)
        return WedgeDecision(Action.NONE)

    def reset(self) -> tuple[HeldKey, ...]:
        """Drop all state (e.g. focus changed); returns held keys the caller may replay."""
        held = tuple(self._capture or ()) + tuple(self._burst[self.pass_first :])
        self._burst, self._capture = [], None
        return held

    def _finish(
        self, ended_at: float, terminator: str | None, min_length: int | None = None
    ) -> tuple[WedgeScan | None, tuple[HeldKey, ...]]:
        burst, self._burst = self._burst, []
        text = "".join(k.key for k in burst)
        if self.strip_controls:
            text = strip_controls(text)
        if len(text) >= (min_length or self.min_length):
            leaked = min(self.pass_first, len(burst))
            return WedgeScan(text, burst[0].t, ended_at, leaked, terminator), ()
        return None, tuple(burst[self.pass_first :])

    def _feed_capture(self, current: HeldKey) -> WedgeDecision:
        assert self._capture is not None
        key = current.key
        self._last_t = current.t
        ends = key == self.suffix if self.suffix else key in (ENTER, TAB)
        if not ends:
            self._capture.append(current)
            return WedgeDecision(Action.SWALLOW)
        captured, self._capture = self._capture, None
        text = "".join(_as_text(k.key) for k in captured[1:])
        if self.strip_controls:
            text = strip_controls(text, keep="\t")  # a Tab between fields of a prefix..suffix capture stays
        if not text:  # a lone prefix key followed by Enter: typing, not a scan
            return WedgeDecision(Action.SWALLOW, (*captured, current))
        return WedgeDecision(
            Action.SWALLOW, (), WedgeScan(text, captured[0].t, current.t, 0, key)
        )


def _as_text(key: str) -> str:
    if len(key) == 1:
        return key
    return {ENTER: "\r", TAB: "\t"}.get(key, "")


def _deliver(
    action: Action, current: HeldKey, replay: tuple[HeldKey, ...], scan: WedgeScan | None
) -> WedgeDecision:
    """Keep event order: if older keys are replayed, a passed key must follow them."""
    if replay and action is Action.PASS:
        return WedgeDecision(Action.SWALLOW, (*replay, current), scan)
    return WedgeDecision(action, replay, scan)
