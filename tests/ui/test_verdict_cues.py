"""Verdicts a cashier cannot miss (issue 17 §2): shape and border besides colour (checked through a
deuteranopia simulation of the banner's screenshot), accept / refuse sounds that never block or
crash without an audio device, the settled sale that stays on screen (a second F12 ignored, the
next scan starting the next sale with the previous one still in sight), a void that says so, and
"×2, 5 left" with a step back for a stored voucher."""

from __future__ import annotations

import logging
import threading
import time
import wave

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from terminal.infra import sounds  # noqa: E402
from terminal.infra.sounds import ACCEPT, REFUSE, SoundPlayer  # noqa: E402
from terminal.ui import i18n  # noqa: E402
from terminal.ui.application import WindowOptions, build_window  # noqa: E402
from terminal.ui.verdict_sounds import sound_for  # noqa: E402
from terminal.usecases.counter import Counter, Notice  # noqa: E402
from tests.conftest import card  # noqa: E402
from tests.ui.helpers import FakeMonotonic, screenshot_dir, wedge_scan  # noqa: E402

M1 = card("290000000001")
SV = card("980000000001")  # M1's stored voucher, 10 coffees
LATTE = card("471000000001")

# Machado, Oliveira & Fernandes (2009), deuteranopia at severity 1.0 (applied to sRGB values)
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))


class Recorder:
    """A sound backend that records what it was asked to play (and can be made to fail)."""

    def __init__(self, fail: bool = False) -> None:
        self.played: list[str] = []
        self.fail = fail

    def __call__(self, path) -> None:
        if self.fail:
            raise OSError("no audio device")
        self.played.append(path.name.split("-")[0])


@pytest.fixture
def win(qtbot, make_service, tmp_path):
    backend = Recorder()
    player = SoundPlayer(backend=("recorder", backend), cache_dir=tmp_path)
    clock = FakeMonotonic()
    window, wedge, worker = build_window(Counter(make_service("A-001")),
                                         WindowOptions(ask_login=False, language="en", sound_player=player),
                                         wedge_clock=clock)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    step(window, qtbot, lambda: window.login("C01", "1234"), lambda v: v.cashier is not None)
    window.focus_scan()
    window.test_clock = clock
    yield window, backend
    QApplication.instance().removeEventFilter(wedge)
    worker.shutdown()
    player.shutdown()
    i18n.install(QApplication.instance(), "en")


def step(window, qtbot, fn, check):
    fn()
    qtbot.waitUntil(lambda: window.view is not None and bool(check(window.view)), timeout=5000)
    return window.view


def settle_now(window, qtbot):
    return step(window, qtbot, window.settle, lambda v: v.receipt is not None)


# ---- shape and border: a deuteranope tells the verdicts apart -----------------------------------------
def _deuteranope(img: QImage):
    import numpy as np

    img = img.convertToFormat(QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    raw = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h).reshape(h, img.bytesPerLine())
    rgb = raw[:, : 3 * w].reshape(h, w, 3).astype(float)
    return np.clip(rgb @ np.array(DEUTERANOPIA).T, 0, 255)


def _banner(window, qtbot, notice: Notice, name: str, tmp_path):
    window._set_notice(notice)
    qtbot.wait(20)
    img = window.notice.grab().toImage()
    img.save(str(screenshot_dir(tmp_path) / f"verdict-{name}.png"))
    icon = window.notice.icon.geometry()
    sim = _deuteranope(img)
    import numpy as np

    h, w = sim.shape[:2]
    seen = QImage(np.ascontiguousarray(sim.astype(np.uint8)).tobytes(), w, h, 3 * w, QImage.Format.Format_RGB888)
    seen.save(str(screenshot_dir(tmp_path) / f"verdict-{name}-deuteranopia.png"))
    return sim, sim[icon.top():icon.bottom() + 1, icon.left():icon.right() + 1]


def test_accept_and_refuse_banners_differ_in_shape_for_a_deuteranope(win, qtbot, tmp_path):
    import numpy as np

    window, _ = win
    ok, ok_icon = _banner(window, qtbot, Notice("ok", "product", "Latte 120", subject="Latte"), "accepted", tmp_path)
    no, no_icon = _banner(window, qtbot, Notice("error", "error", "No such code.", "unknown", subject="X"), "refused", tmp_path)
    # the precondition: to a deuteranope the two backgrounds are nearly the same colour (why shape matters)
    bg_ok, bg_no = ok[ok.shape[0] // 2, ok.shape[1] - 8], no[no.shape[0] // 2, no.shape[1] - 8]
    assert np.abs(bg_ok - bg_no).sum() < 60, (bg_ok, bg_no)
    # the shapes: the white mark (disc vs octagon, check vs cross) covers different pixels
    white_ok, white_no = ok_icon.mean(axis=2) > 200, no_icon.mean(axis=2) > 200
    union = (white_ok | white_no).sum()
    assert union > 0.4 * white_ok.size
    assert (white_ok ^ white_no).sum() / union > 0.15
    # the border: a refusal's is dashed (many light/dark changes along the top edge), an acceptance's solid
    def changes(sim):
        row = sim[1, 12:-12].mean(axis=1) > 160
        return int(np.count_nonzero(row[1:] != row[:-1]))
    assert changes(no) >= 8 and changes(ok) <= 2, (changes(no), changes(ok))


def test_info_and_idle_have_their_own_shapes(win, qtbot):
    window, _ = win
    window._set_notice(Notice("info", "repeat", "twice", subject="X"))
    assert window.notice.icon.level == "info" and window.notice.property("level") == "info"
    window._set_notice(None)
    assert window.notice.icon.level == "idle"


# ---- sounds -------------------------------------------------------------------------------------------
def test_accepted_scan_chimes_refused_buzzes_and_a_refresh_is_silent(win, qtbot):
    window, backend = win
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.lines)
    step(window, qtbot, lambda: window.scan("NO-SUCH-CODE"), lambda v: v.notice and v.notice.level == "error")
    step(window, qtbot, lambda: window.run(window.counter.refresh), lambda v: True)
    qtbot.waitUntil(lambda: len(backend.played) == 2, timeout=3000)
    time.sleep(0.05)
    assert backend.played == [ACCEPT, REFUSE]


def test_sound_kinds_per_notice():
    assert sound_for(Notice("ok", "coupon", "")) == ACCEPT
    assert sound_for(Notice("error", "coupon", "", "used_up")) == REFUSE
    assert sound_for(Notice("info", "repeat", "")) is None
    assert sound_for(Notice("ok", "printed", "")) is None and sound_for(None) is None


def test_no_audio_device_is_silent_logged_and_never_raises(tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="terminal.infra.sounds")
    monkeypatch.setattr(sounds.shutil, "which", lambda name: None)
    monkeypatch.setattr(sounds.sys, "platform", "linux")
    none = SoundPlayer(cache_dir=tmp_path)
    assert not none.active and not none.play(ACCEPT) and "no sound player" in caplog.text
    failing = SoundPlayer(backend=("broken", Recorder(fail=True)), cache_dir=tmp_path)
    t0 = time.perf_counter()
    assert failing.play(REFUSE)
    assert time.perf_counter() - t0 < 0.05  # handed to the sound thread: the caller never waits
    for _ in range(100):
        if not failing.active:
            break
        time.sleep(0.01)
    assert not failing.active and "turned off" in caplog.text and not failing.play(ACCEPT)
    off = SoundPlayer(enabled=False, backend=("r", Recorder()), cache_dir=tmp_path)
    assert not off.active and not off.play(ACCEPT)


def test_a_slow_player_never_blocks_the_caller_and_extra_sounds_are_dropped(tmp_path):
    gate = threading.Event()
    player = SoundPlayer(backend=("slow", lambda path: gate.wait(2)), cache_dir=tmp_path)
    t0 = time.perf_counter()
    queued = [player.play(ACCEPT) for _ in range(10)]
    assert time.perf_counter() - t0 < 0.05
    assert queued[:3] == [True, True, True] and not all(queued)
    gate.set()
    player.shutdown()


def test_volume_scales_the_samples(tmp_path):
    src = sounds.sounds_dir() / "accept.wav"
    full = sounds.scaled_wav(src, tmp_path / "a100.wav", 100)
    half = sounds.scaled_wav(src, tmp_path / "a50.wav", 50)

    def peak(path):
        import array

        with wave.open(str(path)) as w:
            a = array.array("h")
            a.frombytes(w.readframes(w.getnframes()))
        return max(abs(x) for x in a)
    assert peak(full) > 10_000 and abs(peak(half) - peak(full) // 2) <= 1
    with pytest.raises(ValueError):
        sounds.scaled_wav(src, tmp_path / "x.wav", 101)


def test_the_shipped_sounds_are_short_16_bit_wavs_and_differ():
    lengths = {}
    for kind in (ACCEPT, REFUSE):
        with wave.open(str(sounds.sounds_dir() / f"{kind}.wav")) as w:
            assert w.getsampwidth() == 2 and w.getnchannels() == 1
            lengths[kind] = w.getnframes() / w.getframerate()
    assert all(0.1 < s < 0.6 for s in lengths.values()) and lengths[ACCEPT] != lengths[REFUSE]


def test_counter_sounds_settings_are_read_from_the_config(tmp_path, monkeypatch):
    from terminal.infra.config import ConfigError, load_config

    f = tmp_path / "c.toml"
    f.write_text("[counter]\nsounds = false\nvolume = 40\n", encoding="utf-8")
    monkeypatch.setenv("LT_USER_CONFIG", str(f))
    monkeypatch.setenv("LT_SITE_CONFIG", str(tmp_path / "none.toml"))
    cfg = load_config()
    assert cfg.counter.sounds is False and cfg.counter.volume == 40
    f.write_text("[counter]\nvolume = 140\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="volume"):
        load_config()


# ---- after settling, after a void ---------------------------------------------------------------------
def test_settled_total_and_receipt_stay_and_a_second_f12_is_ignored(win, qtbot):
    window, _ = win
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.lines)
    v = settle_now(window, qtbot)
    head = window.notice_headline.text()
    assert head.startswith("✓ Settled") and "$120" in head and window.total.text() == "$120"
    calls = []
    original = window.counter.settle
    window.counter.settle = lambda *a, **k: calls.append(1) or original(*a, **k)
    QTest.keyClick(window.scan_field, Qt.Key.Key_F12)
    step(window, qtbot, lambda: window.run(window.counter.refresh), lambda x: x.seq > v.seq)
    assert calls == [] and window.notice_headline.text() == head and window.view.receipt == v.receipt


def test_a_scan_while_the_settlement_saves_starts_the_next_sale_and_the_receipt_stays_in_sight(win, qtbot):
    window, _ = win
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.lines)
    release = threading.Event()
    original = window.counter.settle
    window.counter.settle = lambda *a, **k: (release.wait(5), original(*a, **k))[1]
    window.settle()
    window.settle()  # pressed again while saving: ignored
    window.scan(LATTE)  # the next customer's first item, while the sale is saving
    assert window.scan_gate.waiting == [LATTE] and "Scans waiting: 1" in window.scan_gate.label.text()
    assert window.scan_gate.label.isVisible()
    release.set()
    qtbot.waitUntil(lambda: window.view.last_receipt is not None and window.view.receipt is None
                    and bool(window.view.lines), timeout=5000)
    v = window.view
    receipt = v.last_receipt
    assert v.checkout_id != receipt["checkout_id"] and receipt["total"] == 120 and len(v.lines) == 1
    assert window.previous_sale.isVisible() and "$120" in window.previous_sale.text()
    assert receipt["checkout_id"][:8] in window.previous_sale.text() and not window.scan_gate.label.isVisible()
    step(window, qtbot, window.new_checkout, lambda x: not x.lines)
    assert not window.previous_sale.isVisible()


def test_scans_while_a_refused_settlement_saves_are_not_added_to_that_sale(win, qtbot):
    window, _ = win
    release = threading.Event()
    original = window.counter.settle
    window.counter.settle = lambda *a, **k: (release.wait(5), original(*a, **k))[1]
    window.settle()  # an empty basket: refused
    window.scan(LATTE)
    release.set()
    qtbot.waitUntil(lambda: window.view.notice is not None and window.view.notice.reason == "invalid_basket", timeout=5000)
    qtbot.wait(100)
    assert window.view.lines == () and window.scan_gate.waiting == []
    assert "Not applied, scan again: 1" in window.scan_gate.label.text() and window.scan_gate.label.isVisible()


def test_a_scan_while_a_dialog_is_open_waits_visibly_and_is_applied_after_it_closes(win, qtbot):
    window, _ = win
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.lines)
    window.ask_void()  # "Nothing to void." - then a real modal dialog:
    from terminal.ui.dialogs import ManagerDialog

    dlg = ManagerDialog("Price override", window, explanation="x")
    dlg.open()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dlg)
    window.wedge_scanned(M1)
    assert window.scan_gate.waiting == [M1] and window.scan_gate.label.text() == "Scans waiting: 1"
    qtbot.wait(150)
    assert window.view.member is None  # not applied while the dialog is open
    dlg.reject()
    qtbot.waitUntil(lambda: window.view.member is not None, timeout=5000)
    assert window.scan_gate.waiting == [] and not window.scan_gate.label.isVisible()


def test_a_wedge_burst_into_an_open_dialog_waits_and_lands_after_it_closes(win, qtbot):
    """Real key events: the dialog's button has focus, the scanner types; the scan is not lost and not
    applied while the manager is approving something, then it is."""
    window, _ = win
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.lines)
    window.ask_price_override()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dlg = QApplication.activeModalWidget()
    from PySide6.QtWidgets import QPushButton

    button = next(b for b in dlg.findChildren(QPushButton) if b.isVisible())
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    wedge_scan(M1, window.test_clock)
    assert window.scan_gate.waiting == [M1] and window.scan_gate.label.isVisible()
    assert all(not w.text().endswith(M1[-4:]) for w in dlg.findChildren(type(window.scan_field)))  # nothing leaked
    qtbot.wait(100)
    assert window.view.member is None
    dlg.reject()
    qtbot.waitUntil(lambda: window.view.member is not None, timeout=5000)


def test_after_a_void_the_screen_says_voided(win, qtbot):
    window, backend = win
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.lines)
    settle_now(window, qtbot)
    v = step(window, qtbot, lambda: window.void(None, manager_id="MGR1", pin="9999", reason="wrong item"),
             lambda x: x.notice is not None and x.notice.event == "voided")
    assert v.receipt["voided_at"] and v.last_receipt["voided_at"]
    head = window.notice_headline.text()
    assert "Voided" in head and not head.startswith("✓") and window.notice.icon.level == "info"
    assert "VOIDED" in window.total_caption.text() and "Settled" not in window.total_caption.text()
    assert window.total.property("voided") is True
    step(window, qtbot, lambda: window.scan(LATTE), lambda x: x.lines and x.receipt is None)
    assert "VOIDED" in window.previous_sale.text() and window.total.property("voided") is False


def test_voiding_the_last_sale_from_the_next_one_marks_the_previous_sale_voided(win, qtbot):
    window, _ = win
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.lines)
    settle_now(window, qtbot)
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.receipt is None and v.lines)
    assert "paid" in window.previous_sale.text()
    step(window, qtbot, lambda: window.void(None, manager_id="MGR1", pin="9999", reason="customer left"),
         lambda x: x.notice is not None and x.notice.event == "voided")
    assert "VOIDED" in window.previous_sale.text() and window.view.lines  # the new sale is untouched


# ---- a stored voucher's uses: "×2, 5 left" and a step back ----------------------------------------------
def test_stored_voucher_shows_uses_and_uses_left_and_steps_back(win, qtbot):
    window, _ = win
    step(window, qtbot, lambda: window.scan(M1), lambda v: v.member is not None)
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.lines)
    step(window, qtbot, lambda: window.scan(LATTE), lambda v: v.lines[0].quantity == 2)
    step(window, qtbot, lambda: window.scan(SV), lambda v: v.coupons)
    v = step(window, qtbot, lambda: window.scan(SV), lambda v: v.coupons[0].uses == 2)  # typed twice: 2 uses
    left = v.coupons[0].remaining_uses - 2
    assert v.coupons[0].uses_left == left
    assert f"×2, {left} left" in window.coupons.item(0, 1).text()
    assert f"×2, {left} left" in window.notice_headline.text()
    window.coupons.setFocus()
    QTest.keyClick(window.coupons, Qt.Key.Key_Minus)  # "-" on the coupon list: one use less
    v = step(window, qtbot, lambda: None, lambda x: x.coupons and x.coupons[0].uses == 1)
    assert f"×1, {left + 1} left" in window.coupons.item(0, 1).text()
    window.focus_scan()
    step(window, qtbot, window.coupon_panel.step_back_button.click, lambda x: not x.coupons)  # at one use: removed


def test_counter_step_back_takes_one_use_then_removes_the_line(make_service):
    from datetime import datetime, timezone

    at = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
    c = Counter(make_service("A-001"))
    c.login("C01", "1234")
    for code in (M1, LATTE, LATTE, SV, SV):
        v = c.scan(code, at)
    assert v.coupons[0].uses == 2 and v.notice.details["uses"] == 2
    v = c.step_back_coupon(0, at)
    assert v.coupons[0].uses == 1 and v.notice.details["uses_left"] == v.coupons[0].remaining_uses - 1
    v = c.step_back_coupon(5, at)  # no such line: nothing changes
    assert len(v.coupons) == 1
    v = c.step_back_coupon(0, at)
    assert v.coupons == ()


def test_linux_player_without_a_sound_server_turns_itself_off(tmp_path, caplog, monkeypatch):
    """paplay installed but no PulseAudio / PipeWire server (a PC without audio, CI): the first sound
    fails, one log line says so, nothing raises and later sounds are not tried."""
    import subprocess

    caplog.set_level(logging.INFO, logger="terminal.infra.sounds")
    monkeypatch.setattr(sounds.sys, "platform", "linux")
    monkeypatch.setattr(sounds.shutil, "which", lambda name: f"/usr/bin/{name}" if name in ("paplay", "aplay") else None)
    calls = []

    def run(cmd, **kw):
        calls.append(cmd)
        assert kw["timeout"] == sounds.PLAYER_TIMEOUT_S and kw["stdin"] is subprocess.DEVNULL
        return subprocess.CompletedProcess(cmd, 1, b"", b"Connection failure: Connection refused")

    monkeypatch.setattr(sounds.subprocess, "run", run)
    player = SoundPlayer(cache_dir=tmp_path)
    assert player.backend_name == "paplay"  # PipeWire's pw-play first, then PulseAudio, then ALSA
    assert player.play(ACCEPT)
    for _ in range(200):
        if not player.active:
            break
        time.sleep(0.01)
    assert not player.active and "Connection refused" in caplog.text and "turned off" in caplog.text
    assert calls[0][0] == "/usr/bin/paplay" and calls[0][-1].endswith("accept-80.wav")
    assert not player.play(REFUSE) and len(calls) == 1
