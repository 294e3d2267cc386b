"""Daily upkeep of the central store, run by every server process in the background.

Three jobs: `CentralStore.prune_slices` (sync/server/slices.py): members leave the slices of
stores where they are no longer home, bought or looked up within the retention (docs/central.md,
"Store slices"); without it a store's slice, and so its terminals' replicas, only ever grows.
`CentralStore.archive_events` (sync/server/archive.py): events received more than
EVENTS_HOT_DAYS ago move to `events_archive`, so the table every push reads stays bounded.
`member_search.prune_searches`: the counters' member-search audit older than AUDIT_RETENTION_DAYS (400) goes.

Each server process (every uvicorn worker on PostgreSQL) runs its own timer: the job takes each
member's lock and is idempotent, so two workers pruning at once only share the work. The first
run comes `first_s` after start (default: within the first hour, at random, so workers and
servers restarted together do not prune at the same moment), then every `every_s` seconds.
A failing run is logged and retried at the next interval; it never stops the server.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

log = logging.getLogger("sync.server")

DAY_S = 24 * 3600.0


class Maintenance:
    """A daemon thread running `jobs` (name -> callable) every `every_s` seconds until `stop()`."""

    def __init__(self, jobs: dict[str, Callable[[], object]], *, every_s: float = DAY_S, first_s: float | None = None) -> None:
        self.jobs, self.every_s = jobs, every_s
        self.first_s = random.uniform(60.0, 3600.0) if first_s is None else first_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="central-maintenance", daemon=True)
        self.runs = 0  # completed rounds (for tests and the log)

    def start(self) -> Maintenance:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        wait = self.first_s
        while not self._stop.wait(wait):
            for name, job in self.jobs.items():
                try:
                    result = job()
                    log.info("maintenance %s: %s", name, result)
                except Exception:  # logged, retried next round: upkeep never stops the server
                    log.exception("maintenance %s failed; retried in %.0f s", name, self.every_s)
            self.runs += 1
            wait = self.every_s


def central_maintenance(store, *, every_s: float = DAY_S, first_s: float | None = None) -> Maintenance:
    """The daily jobs of a central store (not started)."""
    from sync.server.member_search import prune_searches

    return Maintenance({"prune_slices": store.prune_slices, "archive_events": store.archive_events,
                        "prune_member_searches": lambda: prune_searches(store)}, every_s=every_s, first_s=first_s)
