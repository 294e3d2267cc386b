"""Write the counter's verdict sounds, resources/sounds/accept.wav and refuse.wav (synthesized here:
no third-party audio, nothing to license).

    accept.wav  a rising two-tone chime (E6 then A6, 2 x 90 ms, soft attack and decay)
    refuse.wav  a low buzz (two detuned square-ish tones near 150 Hz, 2 x 160 ms with a gap)

16-bit mono PCM at 22,050 Hz: every player (Windows' PlaySound, PipeWire, PulseAudio, ALSA) takes it.
Deterministic: running it again writes the same bytes. Run: `python build_scripts/make_sounds.py`.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050
OUT = Path(__file__).resolve().parents[1] / "resources" / "sounds"


def _envelope(i: int, n: int, attack: int, release: int) -> float:
    return min(1.0, i / attack if attack else 1.0, (n - i) / release if release else 1.0)


def tone(freq: float, ms: int, *, amp: float = 0.6, harmonics: tuple[float, ...] = (1.0,), attack_ms: float = 5,
         release_ms: float = 40) -> list[float]:
    n = int(RATE * ms / 1000)
    a, r = int(RATE * attack_ms / 1000), int(RATE * release_ms / 1000)
    out = []
    for i in range(n):
        t = i / RATE
        s = sum(h * math.sin(2 * math.pi * freq * (k + 1) * t) for k, h in enumerate(harmonics)) / sum(harmonics)
        out.append(amp * s * _envelope(i, n, a, r))
    return out


def silence(ms: int) -> list[float]:
    return [0.0] * int(RATE * ms / 1000)


def accept() -> list[float]:
    return tone(1318.5, 90, harmonics=(1.0, 0.25)) + tone(1760.0, 140, harmonics=(1.0, 0.25), release_ms=90)


def refuse() -> list[float]:
    def buzz(ms: int) -> list[float]:
        a = tone(150.0, ms, amp=0.5, harmonics=(1.0, 0.0, 0.33, 0.0, 0.2), attack_ms=8, release_ms=30)
        b = tone(157.0, ms, amp=0.3, harmonics=(1.0, 0.0, 0.33), attack_ms=8, release_ms=30)
        return [x + y for x, y in zip(a, b)]

    return buzz(160) + silence(50) + buzz(160)


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", max(-32767, min(32767, int(s * 32767)))) for s in samples))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    write(OUT / "accept.wav", accept())
    write(OUT / "refuse.wav", refuse())
    print(f"wrote {OUT / 'accept.wav'} and {OUT / 'refuse.wav'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
