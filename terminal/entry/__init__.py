"""Composition roots: the only place that wires config, logs, the replica, sync and a UI together.

    window.py       the counter window (`python -m terminal`, `demo`, `window`)
    cli.py          the command line (`python -m terminal <command>`), cli_errors.py its exit codes
    display.py      can a window open here? (X display, platform plugin), asked before Qt loads

Top layer: may import every other package; nothing imports it except terminal/__main__.py.
"""
