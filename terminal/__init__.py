"""Loyalty Terminal: offline-first store-counter redemption terminal."""

import time as _time

__version__ = "0.2.0"

#: perf_counter() when the package was first imported: start-up probes measure from here.
PROCESS_T0 = _time.perf_counter()
