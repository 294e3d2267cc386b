"""The cashier window (PySide6). The only package that imports Qt; it never touches SQLite,
httpx or OpenCV directly: the `terminal.usecases.counter.Counter` state machine runs on one
database worker thread and camera decoding lives in `terminal.scanning`."""
