"""Background lanes for the window's work (Anki's taskman pattern): one thread per lane.

`DbWorker`: ONE thread for all database work. The service's SQLite connection is opened with
check_same_thread=False but is only ever used from this single worker thread: jobs run one
at a time, in submission order, and their results come back to the GUI thread through a
queued signal, where the callback runs. The GUI thread never waits on the database, so it
never freezes.

`IoWorker`: a second lane, same contract, for work that never touches the database (the
slip printer, sounds, files): a slow printer never delays the next scan's verdict.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class Worker(QObject):
    """`submit(fn, on_done, on_error)`: run fn() on this lane's thread, call back on the GUI thread."""

    THREAD_NAME = "worker"

    _finished = Signal(object, object, object)  # job id, result, error
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.THREAD_NAME)
        self._pending = 0
        self._next_id = 0
        self._jobs: dict[int, tuple[Callable[[], Any], Any, Any]] = {}  # GUI thread only: see `submit`
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return self._pending

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Future:
        """Run `fn` on the db thread; `on_done(result)` / `on_error(exc)` then run on the GUI thread.

        The db thread never holds the last reference to `fn` or the callbacks (bound methods of
        widgets, closures over them): they stay in `_jobs` until `_deliver` drops them on the GUI
        thread. A widget whose last reference went away on another thread would be deleted there,
        which crashes Qt."""
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._next_id += 1
        job_id = self._next_id
        self._jobs[job_id] = (fn, on_done, on_error)
        jobs, finished, name = self._jobs, self._finished, self.THREAD_NAME

        def job() -> Any:
            call = jobs[job_id][0]
            try:
                result = call()
            except BaseException as exc:  # delivered to the GUI thread, never lost
                del call
                log.exception("%s job failed", name)
                finished.emit(job_id, None, exc)
                raise
            del call
            finished.emit(job_id, result, None)
            return result

        return self._pool.submit(job)

    @Slot(object, object, object)
    def _deliver(self, job_id, result, error) -> None:
        _fn, on_done, on_error = self._jobs.pop(job_id)
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


class DbWorker(Worker):
    """The one lane that touches the replica."""

    THREAD_NAME = "db-worker"


class IoWorker(Worker):
    """The lane for slow I/O that never touches the replica (printer, sound, files)."""

    THREAD_NAME = "io-worker"
