"""Test servers forked from a pre-imported process instead of a fresh interpreter.

Starting `python -m sync.server` costs about 2 s of CPU in imports (FastAPI, pydantic,
SQLAlchemy, uvicorn), and the suite starts a few hundred servers. A `multiprocessing`
forkserver (one per test process) imports those modules once; each server is then a fork of
it that runs the very same `sync.server.__main__.main(argv)` a real start runs, with its
stdout on /dev/null and its stderr in the server's log file. `ForkedServer` answers the part
of `subprocess.Popen` the tests use (pid, poll, wait, terminate, kill, returncode).

Multi-process servers (`--workers`, `--judge-processes`) are still started as real
subprocesses: their tests inspect the process tree under the server's pid."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys

PRELOAD = ["tests.sync.forked_server", "sync.server.__main__", "sync.server.app", "sync.server.store",
           "terminal.catalog"]
_context = None


def context():
    """The forkserver context, its server started lazily by the first `start` (preloading PRELOAD)."""
    global _context
    if _context is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        _context = ctx
    return _context


def _serve(argv: list[str], log_path: str, cwd: str, env: dict[str, str]) -> None:
    """In the forked child: the test's environment and working directory, stdout to /dev/null,
    stderr to the log file, then the server's own entry point."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    log_fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    null_fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null_fd, 1)
    os.dup2(log_fd, 2)
    from sync.server.__main__ import main

    sys.exit(main(argv))


class ForkedServer:
    """A server process forked by `context()`: the `subprocess.Popen` surface the tests use."""

    def __init__(self, argv: list[str], log_path: str, cwd: str, env: dict[str, str]) -> None:
        self._p = context().Process(target=_serve, args=(argv, log_path, cwd, env), daemon=False)
        self._p.start()
        self.pid = self._p.pid
        self.args = argv

    @property
    def returncode(self) -> int | None:
        return self._p.exitcode

    def poll(self) -> int | None:
        return self._p.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self._p.join(timeout)
        if self._p.exitcode is None:
            raise subprocess.TimeoutExpired(self.args, timeout)
        return self._p.exitcode

    def terminate(self) -> None:
        if self._p.exitcode is None:
            self._p.terminate()

    def kill(self) -> None:
        if self._p.exitcode is None:
            self._p.kill()
