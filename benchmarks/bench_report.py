"""Daily report benchmark: a day of 20,000 settlements over a 1,000,000-member replica.

    .venv/bin/python -m benchmarks.bench_report [--members 1000000 --settlements 20000 --reuse]

Builds (or reuses) `bench-data/report.db`: the engine benchmark's generator for members
and lots (fewer coupons: the report reads the ledgers, not the coupon table), then 20,000
real settlements through `RedemptionService.settle` spread over one store day (09:00-21:00,
two cashiers, members, coupons, points, 1 % voided by a manager). Generation runs with
synchronous=OFF for speed; the measurement reopens the file with the terminal's own
connection settings. Timed (median and max of 5 runs): the report query, the CSV, the
manager desk filled offscreen, and the PDF — goal: computed and rendered in under 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.replica_gen import CASHIER_ID, MANAGER_ID, STORE_ID, Layout, build_replica
from terminal.provisioning.bootstrap import open_replica
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService

DAY = date(2026, 11, 18)
TZ = ZoneInfo("Asia/Taipei")


def generate(path: Path, members: int, settlements: int) -> float:
    layout = Layout(members=members, coupons=200_000)
    build_replica(path, layout, log=lambda _m: None)
    replica = open_replica(path)
    replica.conn.execute("PRAGMA synchronous=OFF")  # generation only
    svc = RedemptionService(replica, store_id=STORE_ID, terminal_id="BENCH-T1")
    rng = random.Random(20261118)
    t0 = time.perf_counter()
    start = datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=TZ)
    step = timedelta(hours=12) / settlements
    bearer_100 = iter(layout.bearer_indexes("T-100OFF"))
    for i in range(settlements):
        at = start + step * i
        lines = [LineRequest(rng.choice(["LATTE", "AMERICANO", "CROISSANT", "TISSUE"]), rng.randint(1, 3))
                 for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.5:
            lines.append(LineRequest(amount=rng.randint(50, 900), name="Misc"))
        member = layout.member_card(rng.randrange(members)) if rng.random() < 0.6 else None
        coupons = ()
        if rng.random() < 0.15:
            coupons = (CouponRequest(layout.coupon_number(next(bearer_100))),)
        req = CheckoutRequest(f"R{i}", tuple(lines), member_code=member, coupons=coupons)
        if not svc.preview(req, at=at).ok:
            req = CheckoutRequest(f"R{i}", tuple(lines), member_code=member)
        svc.settle(req, cashier_id=CASHIER_ID, at=at)
        if i % 100 == 99:
            svc.void(f"R{i}", manager_id=MANAGER_ID, pin="9999", reason="bench void", at=at + timedelta(minutes=1))
    replica.conn.execute("PRAGMA synchronous=FULL")
    replica.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    replica.conn.close()
    return time.perf_counter() - t0


def measure(path: Path, runs: int = 5) -> list[tuple[str, list[float]]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from terminal.usecases.manager_desk import ManagerDesk
    from terminal.usecases.reports import daily_report, report_csv
    from terminal.ui.manager_desk import ManagerDeskWindow
    from terminal.ui.report_pdf import write_report_pdf
    from terminal.ui.worker import DbWorker

    app = QApplication.instance() or QApplication([])
    replica = open_replica(path)
    svc = RedemptionService(replica, store_id=STORE_ID, terminal_id="BENCH-T1")
    desk = ManagerDesk(svc)
    worker = DbWorker()
    window = ManagerDeskWindow(desk, worker, {"id": MANAGER_ID, "pin": "9999", "name": "Manager Wu"})
    window.resize(1100, 760)
    window.show()
    out = Path(path).with_suffix(".pdf")
    times: dict[str, list[float]] = {k: [] for k in ("report query", "day's settlements list", "CSV", "desk filled + painted",
                                                     "PDF written", "total")}
    for _ in range(runs):
        t0 = time.perf_counter()
        rep = daily_report(replica, store_id=STORE_ID, day=DAY)
        t1 = time.perf_counter()
        sales = desk.settlements(DAY)
        t2 = time.perf_counter()
        report_csv(rep)
        t3 = time.perf_counter()
        window._show((rep, sales, []))
        window.repaint()
        app.processEvents()
        t4 = time.perf_counter()
        write_report_pdf(rep, out)
        t5 = time.perf_counter()
        for v, v_ in zip(times.values(), (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0)):
            v.append(v_ms(v_))
    assert rep.settlements >= 1, "no settlements on the benchmark day"
    worker.shutdown()
    replica.conn.close()
    return list(times.items()), rep


def v_ms(seconds: float) -> float:
    return seconds * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--members", type=int, default=1_000_000)
    ap.add_argument("--settlements", type=int, default=20_000)
    ap.add_argument("--out", type=Path, default=Path("bench-data/report.db"))
    ap.add_argument("--reuse", action="store_true", help="measure an already generated replica")
    args = ap.parse_args()
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.out) + suffix).unlink(missing_ok=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        gen = generate(args.out, args.members, args.settlements)
        print(f"generated {args.settlements:,} settlements over {args.members:,} members in {gen:.1f} s")
    rows, rep = measure(args.out)
    print(f"\nday {DAY}: {rep.settlements:,} settlements, {len(rep.voids)} voids, {len(rep.templates)} coupon templates, "
          f"{len(rep.hours)} hours\n")
    print("| step | median ms | max ms |")
    print("|---|---:|---:|")
    for name, vals in rows:
        print(f"| {name} | {statistics.median(vals):.1f} | {max(vals):.1f} |")
    total = statistics.median(dict(rows)["total"])
    print(f"\ngoal: report computed and rendered < 1000 ms -> {'pass' if total < 1000 else 'FAIL'} ({total:.0f} ms)")
    os._exit(0)  # PySide6 teardown of offscreen widgets can crash at interpreter exit


if __name__ == "__main__":
    main()
