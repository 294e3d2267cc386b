"""A damaged replica at window start: the window is not opened, nothing is written, and the
person at the counter is told on screen in their language (a packaged window has no console)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("pytestqt")

from terminal.entry import window as app_module  # noqa: E402
from terminal.ui import application  # noqa: E402


def test_a_damaged_replica_is_shown_on_screen_and_the_window_not_started(tmp_path, monkeypatch):
    db = tmp_path / "t.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)  # a header, then garbage
    before = db.read_bytes()
    shown = []
    monkeypatch.setattr(application, "show_startup_error", lambda message, language="zh_TW": shown.append((message, language)))
    monkeypatch.setenv("LT_DATA_DIR", str(tmp_path / "data"))
    code = app_module.run(["--db", str(db)])
    assert code == 4
    assert len(shown) == 1 and "damaged" in shown[0][0] and str(db) in shown[0][0]
    assert db.read_bytes() == before


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_the_startup_error_box_speaks_the_cashiers_language(qapp, language):
    box = application.startup_error_box("replica t.db is damaged (truncated)", language)
    try:
        assert box.detailedText() == "replica t.db is damaged (truncated)"
        shown = box.windowTitle() + box.text() + "".join(b.text() for b in box.buttons())
        if language == "zh_TW":
            assert not re.search(r"[A-Za-z]{2,}", shown.replace("IT", "")), shown
        else:
            assert "IT" in shown and "damaged" in shown
    finally:
        box.deleteLater()
        from terminal.ui import i18n

        i18n.install(qapp, "zh_TW")
