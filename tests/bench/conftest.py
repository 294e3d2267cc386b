"""The benchmarks quiet the "sync" logger for their run (benchmarks/bench_central.py,
bench_backpressure.py); run in-process here, that level would outlive the test and hide the
warnings later tests assert on (tests/sync/test_signed_feed.py). Restore it after each test."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture(autouse=True)
def _restore_sync_log_level():
    logger = logging.getLogger("sync")
    level = logger.level
    yield
    logger.setLevel(level)
