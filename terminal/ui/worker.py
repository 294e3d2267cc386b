"""ONE background thread for all database work (Anki's taskman pattern).

The service's SQLite connection is opened with check_same_thread=False but is only ever
used from this single worker thread: jobs run one at a time, in submission order, and
their results come back to the GUI thread through a queued signal, where the callback
runs. The GUI thread never waits on the database, so it never freezes.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class DbWorker(QObject):
    """`submit(fn, on_done, on_error)`: run fn() on the db thread, call back on the GUI thread."""

    _finished = Signal(object, object, object)  # callback, result, error
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-worker")
        self._pending = 0
        self._thread_id: int | None = None
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return self._pending

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Future:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def job() -> Any:
            self._thread_id = threading.get_ident()
            try:
                result = fn()
            except BaseException as exc:  # delivered to the GUI thread, never lost
                log.exception("database job failed")
                self._finished.emit((on_done, on_error), None, exc)
                raise
            self._finished.emit((on_done, on_error), result, None)
            return result

        return self._pool.submit(job)

    @Slot(object, object, object)
    def _deliver(self, callbacks, result, error) -> None:
        on_done, on_error = callbacks
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if error is not None:
            if on_error is not None:
                on_error(error)
        elif on_done is not None:
            on_done(result)

    def call(self, fn: Callable[[], Any], timeout: float = 30.0) -> Any:
        """Run fn on the worker and wait (for start-up and tests only, never from a handler)."""
        return self._pool.submit(fn).result(timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)
