"""Writer processes for the durability tests: settle checkouts on a replica file and report each
one on stdout only AFTER `settle()` returned, i.e. when the cashier would have seen it.

    python -m tests.reliability.writer life   --db PATH [--prefix c] [--profile mixed]
    python -m tests.reliability.writer zygote --db PATH [--prefix c] [--profile mixed]
    python -m tests.reliability.writer batch  --db PATH --prefix w1 --count 1000 [--profile contend] [--open-after-go]

`life`: one writer lifetime in this process. `zygote`: imports once, then forks one writer
lifetime per command (a fork costs milliseconds where a fresh interpreter with these imports
costs ~0.7 s); the forked writer opens the replica itself, after the fork, exactly like a
restarted program, and is SIGKILLed by the test like any other process. `batch`: settle
`count` checkouts as fast as possible, then exit 0 (concurrent writers).

Commands (one JSON line on stdin): life/zygote ``{"cmd": "life", "start": N, "replay": [ids],
"stop_after": K|null}``; zygote also ``{"cmd": "reap", "pid": P}``; batch waits for ``go``.

Output lines, each written with ONE os.write (< PIPE_BUF, so a kill never leaves half a line):

    READY                                   imports done, waiting for a command
    CHILD <pid>                             a lifetime started
    O <seconds>                             (life) the replica is open, after that many seconds
    A <checkout_id> <seq> <event_id> <replayed 0|1> <monotonic>   settled and acknowledged
    R <checkout_id> <reason>                refused (acknowledged: nothing may be written)
    P <checkout_id> <seq> <event_id>        an acknowledged checkout asked again gave its stored receipt
    DEAD <pid> <exit code, -signal if killed>   (zygote) a lifetime ended
    GO <monotonic> / OPENED <monotonic>     (batch) "go" read / the replica is open, settling starts
    (batch adds to A and R lines: <monotonic at the answer> <seconds settle() took>)
    DONE                                    (batch) all done

Checkout ids are ``<prefix>-<n>``; the lifetime starting at n first retries ``<prefix>-<n>``, the
one that was in flight when the previous lifetime was killed. Any exception other than a
refusal (`DomainError`) is a failure: traceback on stderr, non-zero exit (e.g. "database is locked").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import traceback

from terminal.provisioning.bootstrap import open_replica
from terminal.domain.reasons import DomainError
from terminal.usecases.service import RedemptionService
from tests.reliability.durability import AT, CASHIER, STORE, TERMINAL, request_for


def out(line: str) -> None:
    data = (line + "\n").encode()
    assert len(data) < 512
    os.write(1, data)


def service(db: str) -> RedemptionService:
    return RedemptionService(open_replica(db), store_id=STORE, terminal_id=TERMINAL, clock=lambda: AT)


def life(db: str, prefix: str, profile: str, cmd: dict) -> None:
    """Settle <prefix>-<start>, <prefix>-<start+1>, ... until killed (or `stop_after` new ids);
    now and then ask an acknowledged checkout again: it must come back as the stored receipt."""
    t0 = time.monotonic()
    svc = service(db)
    svc.replica.catalog()
    out(f"O {time.monotonic() - t0:.6f}")
    start = int(cmd["start"])
    stop_after = cmd.get("stop_after")
    rng = random.Random(f"{prefix}:{start}:{len(cmd.get('replay', []))}")
    done = list(cmd.get("replay", []))
    i = start
    while stop_after is None or i < start + stop_after:
        if done and rng.random() < 0.12:
            cid = rng.choice(done)
            rec = svc.settle(request_for(cid, profile), cashier_id=CASHIER)
            if rec["replayed"] is not True:
                raise AssertionError(f"acknowledged checkout {cid} asked again was settled again: {rec}")
            out(f"P {cid} {rec['terminal_seq']} {rec['event_id']}")
            continue
        cid = f"{prefix}-{i}"
        try:
            rec = svc.settle(request_for(cid, profile), cashier_id=CASHIER)
        except DomainError as err:
            out(f"R {cid} {err.reason.value}")
        else:
            out(f"A {cid} {rec['terminal_seq']} {rec['event_id']} {int(rec['replayed'])} {time.monotonic():.6f}")
            done.append(cid)
        i += 1


def zygote(args) -> None:
    out("READY")
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        cmd = json.loads(line)
        if cmd["cmd"] == "life":
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    life(args.db, args.prefix, args.profile, cmd)
                except BaseException:
                    traceback.print_exc()
                    sys.stderr.flush()
                    code = 3
                os._exit(code)
            out(f"CHILD {pid}")
        elif cmd["cmd"] == "reap":
            pid, status = os.waitpid(int(cmd["pid"]), 0)
            out(f"DEAD {pid} {os.waitstatus_to_exitcode(status)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.reliability.writer")
    p.add_argument("mode", choices=["life", "zygote", "batch"])
    p.add_argument("--db", required=True)
    p.add_argument("--prefix", default="c")
    p.add_argument("--profile", default="mixed")
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--open-after-go", action="store_true", help="batch: open the replica only after 'go' (while others write)")
    args = p.parse_args(argv)
    if args.mode == "zygote":
        zygote(args)
        return 0
    if args.mode == "life":
        out("READY")
        cmd = json.loads(sys.stdin.readline())
        out(f"CHILD {os.getpid()}")
        life(args.db, args.prefix, args.profile, cmd)
        return 0
    svc = None if args.open_after_go else service(args.db)
    out("READY")
    if sys.stdin.readline().strip() != "go":
        return 2
    out(f"GO {time.monotonic():.6f}")
    svc = svc or service(args.db)
    out(f"OPENED {time.monotonic():.6f}")
    for n in range(args.count):
        cid = f"{args.prefix}-{n}"
        t0 = time.monotonic()
        try:
            rec = svc.settle(request_for(cid, args.profile), cashier_id=CASHIER)
        except DomainError as err:
            t1 = time.monotonic()
            out(f"R {cid} {err.reason.value} {t1:.6f} {t1 - t0:.6f}")
        else:
            t1 = time.monotonic()
            out(f"A {cid} {rec['terminal_seq']} {rec['event_id']} {int(rec['replayed'])} {t1:.6f} {t1 - t0:.6f}")
    out("DONE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
