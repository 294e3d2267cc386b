"""The counter's verdict sounds: a chime for an accepted scan, a buzz for a refusal.

Played by the operating system, with no audio library in the bundle:

* Windows: the standard library's `winsound.PlaySound(file, SND_FILENAME | SND_ASYNC)`;
* Linux: the sound server's own player, the first of `pw-play` (PipeWire), `paplay`
  (PulseAudio), `aplay` (ALSA) found on PATH; macOS: `afplay`.

(QtMultimedia's QSoundEffect would need PySide6-Addons: a 175 MB wheel and about 22 MiB more
bundle, QtMultimedia plus the FFmpeg libraries it loads; docs/benchmarks-scanning.md.)

`SoundPlayer.play(kind)` never blocks and never raises: the sound goes to the player's own
thread. No player, no audio device (CI, offscreen, a PC without speakers), a missing file or a
failing player: silent, one log line, and the player turns itself off. The volume (0-100) is
applied to the samples once, at start, into a cache folder (winsound has no volume control).
"""

from __future__ import annotations

import array
import logging
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)

ACCEPT, REFUSE = "accept", "refuse"
KINDS = (ACCEPT, REFUSE)
PLAYERS = (("pw-play", ()), ("paplay", ()), ("aplay", ("-q",)), ("afplay", ()))
PLAYER_TIMEOUT_S = 5.0  # a player that has not finished a sub-second sound by then is stuck: killed
MAX_WAITING = 2  # sounds queued behind the one playing; more are dropped (a late chime misleads)

Backend = Callable[[Path], None]  # plays one file, blocking until done; raises when it cannot


def sounds_dir() -> Path:
    """`resources/sounds/` of the checkout, or of the bundle when frozen (PyInstaller's sys._MEIPASS)."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "sounds"


def scaled_wav(src: Path, dst: Path, volume: int) -> Path:
    """Copy the 16-bit PCM WAV `src` to `dst` with its samples scaled to `volume` percent (0-100).
    Raises ValueError for another sample width, OSError / wave.Error for an unreadable file."""
    if not 0 <= volume <= 100:
        raise ValueError(f"volume must be 0..100, not {volume}")
    with wave.open(str(src), "rb") as r:
        params = r.getparams()
        frames = r.readframes(r.getnframes())
    if params.sampwidth != 2:
        raise ValueError(f"{src.name}: 16-bit samples expected, not {8 * params.sampwidth}-bit")
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    scaled = array.array("h", (s * volume // 100 for s in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    with wave.open(str(dst), "wb") as w:
        w.setparams(params)
        w.writeframes(scaled.tobytes())
    return dst


def system_backend() -> tuple[str, Backend] | None:
    """(name, play) for this PC's player, or None when there is none."""
    if sys.platform == "win32":
        import winsound

        def play_windows(path: Path) -> None:
            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_NODEFAULT)

        return "winsound", play_windows
    for name, args in PLAYERS:
        exe = shutil.which(name)
        if exe is None:
            continue

        def play_command(path: Path, exe: str = exe, args: tuple[str, ...] = args) -> None:
            done = subprocess.run([exe, *args, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=PLAYER_TIMEOUT_S, check=False)
            if done.returncode != 0:
                raise OSError(f"{name} exited with {done.returncode}: {done.stderr.decode(errors='replace')[:200].strip()}")

        return name, play_command
    return None


class SoundPlayer:
    """Plays ACCEPT / REFUSE without blocking the caller (the GUI thread).

    `enabled` False, volume 0, no backend or missing files: `play` does nothing (`active` False,
    `why_silent` says why, logged once). A backend that raises turns the player off with one log
    line. `backend`: (name, play) for tests; default `system_backend()`."""

    def __init__(self, *, enabled: bool = True, volume: int = 80, directory: Path | None = None,
                 backend: tuple[str, Backend] | None | bool = True, cache_dir: Path | None = None) -> None:
        self.volume = max(0, min(100, int(volume)))
        self.played: list[str] = []  # kinds handed to the backend (tests, benchmarks)
        self.why_silent: str | None = None
        self._files: dict[str, Path] = {}
        self._lock = threading.Lock()
        self._waiting = 0
        self._pool: ThreadPoolExecutor | None = None
        self.backend_name = ""
        if not enabled:
            self._silence("sounds are off ([counter] sounds = false)")
            return
        if self.volume == 0:
            self._silence("volume is 0")
            return
        found = system_backend() if backend is True else (backend or None)
        if found is None:
            self._silence("no sound player on this PC (Windows: winsound; Linux: pw-play, paplay or aplay)")
            return
        self.backend_name, self._play = found
        src = directory or sounds_dir()
        self._own_cache = cache_dir is None
        cache = self._cache = cache_dir or Path(tempfile.mkdtemp(prefix="lt-sounds-"))
        try:
            for kind in KINDS:
                self._files[kind] = scaled_wav(src / f"{kind}.wav", cache / f"{kind}-{self.volume}.wav", self.volume)
        except (OSError, ValueError, wave.Error) as exc:
            self._files = {}
            self._silence(f"sound files unusable: {exc}")
            return
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sound")
        log.info("verdict sounds on: %s, volume %d", self.backend_name, self.volume)

    @property
    def active(self) -> bool:
        return self._pool is not None

    def _silence(self, why: str) -> None:
        self.why_silent = why
        log.info("verdict sounds silent: %s", why)

    def play(self, kind: str) -> bool:
        """Queue `kind` (ACCEPT or REFUSE); False when nothing will be played. Never raises."""
        if kind not in KINDS:
            raise ValueError(f"unknown sound {kind!r}")
        pool = self._pool
        if pool is None:
            return False
        with self._lock:
            if self._waiting > MAX_WAITING:
                return False
            self._waiting += 1
        self.played.append(kind)
        try:
            pool.submit(self._run, self._files[kind])
        except RuntimeError:  # shut down meanwhile
            return False
        return True

    def _run(self, path: Path) -> None:
        try:
            if self._pool is not None:
                self._play(path)
        except Exception as exc:  # noqa: BLE001 - any player failure: silent from now on, said once
            if self._pool is not None:
                log.warning("verdict sounds turned off: %s failed: %s", self.backend_name, exc)
                self.why_silent = f"{self.backend_name} failed: {exc}"
                self._pool = None
        finally:
            with self._lock:
                self._waiting -= 1

    def shutdown(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if getattr(self, "_own_cache", False):
            shutil.rmtree(self._cache, ignore_errors=True)

