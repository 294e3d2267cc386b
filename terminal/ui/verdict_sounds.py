"""Which sound a verdict makes, and making it once (terminal/infra/sounds.py plays it).

    accepted (level ok: member, coupon, product, amount, points, settled, override)   chime
    refused  (level error)                                                            buzz
    info (double read, voided, already settled...), sign-in/out, slip printed         none

A view is rendered again (the status refresh every 15 s, a language switch) with the same
notice object: `VerdictSounds.cue` sounds a notice once, the first time it is shown.
"""

from __future__ import annotations

from terminal.infra.sounds import ACCEPT, REFUSE, SoundPlayer
from terminal.usecases.counter import Notice

SILENT_EVENTS = frozenset({"login", "logout", "printed"})


def sound_for(notice: Notice | None) -> str | None:
    """ACCEPT, REFUSE or None for `notice`."""
    if notice is None or notice.event in SILENT_EVENTS:
        return None
    if notice.level == "error":
        return REFUSE
    if notice.level == "ok":
        return ACCEPT
    return None


class VerdictSounds:
    def __init__(self, player: SoundPlayer | None) -> None:
        self.player = player
        self._last: Notice | None = None

    def cue(self, notice: Notice | None) -> str | None:
        """Play the notice's sound unless this very notice was cued last; returns the kind played."""
        if notice is None or notice is self._last:
            return None
        self._last = notice
        kind = sound_for(notice)
        if kind is None or self.player is None:
            return None
        return kind if self.player.play(kind) else None
