"""Decide which per-frame reads become scans: redundancy for 1D codes, no repeats.

A camera sees the same card in 30 frames a second. A 2D code (own error correction)
is accepted on its first frame; a 1D code only when two frames within `agree_within`
seconds agree, because a single blurred frame can produce a wrong EAN with a valid
check digit. Once reported, a (symbology, text) is ignored until it has been out of
view for `holdoff` seconds, so holding a card in front of the camera beeps once.
Time is always passed in (monotonic seconds): no clock is read here, tests are exact.
"""

from __future__ import annotations

from collections.abc import Iterable

from .decoded import Decoded

Key = tuple[str, str]


class ScanConfirmation:
    def __init__(
        self, holdoff: float = 0.75, frames_1d: int = 2, agree_within: float = 0.3
    ) -> None:
        self.holdoff = holdoff
        self.frames_1d = frames_1d
        self.agree_within = agree_within
        self._reported: dict[Key, float] = {}  # key -> last time seen
        self._pending: dict[Key, tuple[int, float]] = {}  # key -> (agreeing frames, last seen)

    def update(self, t: float, results: Iterable[Decoded]) -> list[Decoded]:
        """Feed one frame's reads at time `t`; return the newly confirmed scans."""
        self._forget_stale(t)
        confirmed: list[Decoded] = []
        seen: set[Key] = set()
        for result in results:
            key = result.key
            if key in seen:
                continue
            seen.add(key)
            if key in self._reported:
                self._reported[key] = t
                continue
            count, last = self._pending.get(key, (0, t))
            count = count + 1 if t - last <= self.agree_within else 1
            if count >= (1 if result.is_2d else self.frames_1d):
                self._pending.pop(key, None)
                self._reported[key] = t
                confirmed.append(result)
            else:
                self._pending[key] = (count, t)
        return confirmed

    def reset(self) -> None:
        """Forget everything, e.g. when the operator starts a new transaction."""
        self._reported.clear()
        self._pending.clear()

    def _forget_stale(self, t: float) -> None:
        self._reported = {k: s for k, s in self._reported.items() if t - s < self.holdoff}
        self._pending = {k: v for k, v in self._pending.items() if t - v[1] <= self.agree_within}
