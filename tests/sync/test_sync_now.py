""""Sync now" (issue 17 §4.5) against a real server: one round at once on the runner's thread, its counts,
the error in words when the server is gone, and the button that waits for it off the GUI thread."""

from __future__ import annotations

import json
import os
import threading

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sync.client import SyncRunner, TransientError  # noqa: E402
from terminal.provisioning.enrolment import SyncHandle, attach  # noqa: E402
from terminal.usecases.checkout import CheckoutRequest, LineRequest  # noqa: E402
from tests.conftest import BASE_CATALOG  # noqa: E402

from .conftest import AT, ENGINE_PARAMS, engine_server, enrolled_counter  # noqa: E402


@pytest.fixture(scope="module", params=ENGINE_PARAMS)
def server(request, tmp_path_factory):
    d = tmp_path_factory.mktemp("sync-now")
    (d / "catalog.json").write_text(json.dumps(BASE_CATALOG))
    yield from engine_server(request, d)


@pytest.fixture
def terminal(server, tmp_path):
    yield from enrolled_counter(server, tmp_path)


def _attach(svc, handle: SyncHandle) -> None:
    """As the window does, but a sale does not wake the runner: the test's own "Sync now" pushes it."""
    attach(svc, handle)
    svc.after_write = None


def _handle(client, interval_s: float = 3600.0) -> SyncHandle:
    """A started runner whose timer never fires during the test: every round is one the test asked for."""
    runner = SyncRunner(client, interval_s=interval_s, vault_retry_s=3600.0)
    runner.start()
    runner.sync_now(timeout=30)  # the first round (start-up) is out of the way
    return SyncHandle(client, runner)


def _sell(svc, n: int) -> None:
    for i in range(n):
        svc.settle(CheckoutRequest(f"now-{svc.terminal_id}-{i}", (LineRequest(amount=100 + i),)), cashier_id="C01", at=AT)


def test_sync_now_pushes_what_waits_and_says_how_many(server, terminal):
    client, svc = terminal
    handle = _handle(client)
    try:
        _attach(svc, handle)
        _sell(svc, 3)
        assert svc.status()["pending"] == 3
        res = svc.sync_now()
        assert res["pushed"] == 3 and res["acked"] == 3 and res["pending"] == 0
        assert svc.status()["pending"] == 0
        assert server.store.conn.execute("SELECT COUNT(*) FROM events WHERE terminal_id = ?",
                                         (svc.terminal_id,)).fetchone()[0] >= 3
        again = svc.sync_now()  # nothing left: a quiet round, still an answer
        assert again["pushed"] == 0 and again["pending"] == 0
    finally:
        handle.stop()


def test_a_round_under_way_does_not_answer_a_later_request(server, terminal):
    """The answer comes from a round that started after the request: a sale made just before pressing is in it."""
    client, svc = terminal
    handle = _handle(client)
    try:
        _attach(svc, handle)
        answers: list[dict] = []
        gate = threading.Event()
        original = client.sync_once

        def slow_round():
            gate.wait(5)
            return original()

        client.sync_once = slow_round
        handle.runner.wake()  # a background round starts and waits at the gate
        t = threading.Thread(target=lambda: answers.append(handle.sync_now(30)))
        _sell(svc, 1)  # made while that round is waiting
        t.start()
        gate.set()
        t.join(30)
        assert answers and answers[0]["pending"] == 0 and svc.status()["pending"] == 0
    finally:
        handle.stop()


def test_sync_now_offline_raises_what_the_round_raised_and_the_sale_stays(server, terminal):
    client, svc = terminal
    handle = _handle(client)
    try:
        _attach(svc, handle)
        _sell(svc, 1)
        client.http.base_url = "http://127.0.0.1:9"  # nothing listens there: offline
        with pytest.raises(TransientError):
            svc.sync_now()
        assert svc.status()["pending"] == 1
    finally:
        handle.stop()


def test_sync_now_without_a_running_runner_is_refused_plainly(server, terminal):
    client, _svc = terminal
    runner = SyncRunner(client, interval_s=3600.0)
    with pytest.raises(RuntimeError, match="not running"):
        runner.sync_now(timeout=1)


def test_the_button_waits_off_the_gui_thread_and_says_what_happened(server, terminal, qtbot):
    from terminal.ui.sync_now import SyncNowButton

    client, svc = terminal
    handle = _handle(client)
    try:
        _attach(svc, handle)
        _sell(svc, 2)
        gui = threading.get_ident()
        seen: list[int] = []

        def runner():
            seen.append(threading.get_ident())
            return svc.sync_now()

        button = SyncNowButton(runner)
        qtbot.addWidget(button)
        with qtbot.waitSignal(button.finished, timeout=30_000) as got:
            button.click()
            assert not button.isEnabled() and button.text() == "Syncing…"  # progress while the round runs
        ok, text = got.args
        assert ok and text.startswith("Synced: pushed 2, pulled ") and seen and seen[0] != gui
        assert button.isEnabled() and button.text() == "Sync now" and button.toolTip() == text
        client.http.base_url = "http://127.0.0.1:9"
        _sell(svc, 1)
        with qtbot.waitSignal(button.finished, timeout=30_000) as got:
            button.click()
        ok, text = got.args
        assert not ok and text.startswith("Not synced: the server cannot be reached") and "TransientError" not in text
    finally:
        handle.stop()


def test_the_button_of_a_terminal_that_is_not_enrolled_says_so(qtbot):
    from terminal.ui.sync_now import SyncNowButton

    button = SyncNowButton(None)
    qtbot.addWidget(button)
    with qtbot.waitSignal(button.finished, timeout=2000) as got:
        button.click()
    assert got.args == [False, "Not synced: this terminal is not connected to a server (not enrolled)."]
