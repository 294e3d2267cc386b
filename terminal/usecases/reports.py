"""Daily redemption report for one store and day, computed from this terminal's ledgers.

Figures are by the local calendar day of the store (its time zone). A void counts on
the day it happened (ledgers are append-only: a void is a negative entry that day), so a
day's report never changes once the day is over. CSV export is UTF-8 with a BOM so
spreadsheet programs show Chinese text; the PDF export lives in terminal/ui (Qt).
"""

from __future__ import annotations

from collections.abc import Mapping

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from terminal.domain.clock import local, zone
from terminal.storage import value_store
from terminal.storage.member_value import day_rows
from terminal.storage.replica import Replica
from terminal.usecases.day_close import closed_day
from terminal.usecases.report_returns import returns_summary


@dataclass(frozen=True)
class TemplateLine:
    template_id: str
    name: str
    kind: str
    partner: str | None
    redemptions: int  # checkouts that used it
    uses: int
    discount: int
    voided_uses: int
    voided_discount: int

    @property
    def net_uses(self) -> int:
        return self.uses - self.voided_uses

    @property
    def net_discount(self) -> int:
        return self.discount - self.voided_discount


@dataclass(frozen=True)
class PointsLine:
    point_type: str
    name: str
    earned: int
    spent: int
    earned_reversed: int
    spent_reversed: int


@dataclass(frozen=True)
class CashierLine:
    cashier_id: str
    name: str
    settlements: int
    gross: int
    discounts: int
    total: int


@dataclass(frozen=True)
class HourLine:
    hour: int
    settlements: int
    total: int
    discounts: int


@dataclass(frozen=True)
class VoidLine:
    checkout_id: str
    voided_at: str  # local time
    settled_at: str
    manager_id: str
    reason: str
    total: int
    kind: str = "sale"  # what was voided: sale | exchange | claim | topup ... (only sales count against settlements)


@dataclass(frozen=True)
class OverrideLine:
    at: str
    actor_id: str
    action: str
    reason: str
    details: dict


@dataclass(frozen=True)
class DailyReport:
    store_id: str
    store_name: str
    terminal_id: str
    day: date
    timezone: str
    settlements: int
    member_settlements: int
    gross: int
    coupon_discount: int
    points_discount: int
    total: int
    voids: tuple[VoidLine, ...]
    templates: tuple[TemplateLine, ...]
    points: tuple[PointsLine, ...]
    cashiers: tuple[CashierLine, ...]
    hours: tuple[HourLine, ...]
    overrides: tuple[OverrideLine, ...]
    pending_events: int
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def promotion_discount(self) -> int:
        """Automatic promotions (issue 16) of the day's settlements, from the promotion ledger."""
        return self.extras.get("promotion_discount", 0)

    @property
    def discount_total(self) -> int:
        return self.coupon_discount + self.points_discount + self.promotion_discount

    @property
    def voided_total(self) -> int:
        return sum(v.total for v in self.voids)

    @property
    def voided_sales(self) -> int:
        """Sales voided that day (a void counts on the day it happened, like its money)."""
        return sum(1 for v in self.voids if v.kind == "sale")

    @property
    def net_settlements(self) -> int:
        """Settlements that count: sales settled that day less the sales voided that day. A void is never a
        settlement: settlements - voided_sales = net_settlements, as total - voided_total - refunded = net_total."""
        return self.settlements - self.voided_sales

    @property
    def close(self) -> dict[str, Any] | None:
        """The day's close, if it was closed: {closed_at (store time), by, by_name, reason, overridden, pending}."""
        return self.extras.get("close")

    @property
    def after_close(self) -> dict[str, int]:
        """Sales settled that day after its close: {count, total} (zero when not closed)."""
        return self.extras.get("after_close") or {"count": 0, "total": 0}

    @property
    def returns(self) -> dict[str, Any]:
        """Partial returns that day: count, refunded, points_clawed, points_returned (terminal/usecases/report_returns.py)."""
        return self.extras.get("returns") or {"count": 0, "refunded": 0, "points_clawed": {}, "points_returned": {}}

    @property
    def net_total(self) -> int:
        """Collected that day: settled totals minus the totals of settlements voided that day and the
        refunds of returns made that day."""
        return self.total - self.voided_total - self.returns["refunded"]

    @property
    def stored_voucher_uses(self) -> int:
        return sum(t.net_uses for t in self.templates if t.kind == "stored_voucher")

    @property
    def discount_share_percent(self) -> float:
        return 0.0 if self.gross == 0 else round(100 * self.discount_total / self.gross, 1)


def day_range_utc(day: date, tz_name: str) -> tuple[str, str]:
    tz = zone(tz_name)
    start = datetime.combine(day, time.min, tzinfo=tz).astimezone(timezone.utc)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz).astimezone(timezone.utc)
    return start.isoformat(), end.isoformat()


def daily_report(replica: Replica, *, store_id: str, day: date) -> DailyReport:
    cat = replica.catalog()
    store = cat["stores"][store_id]
    tz = store.timezone
    lo, hi = day_range_utc(day, tz)
    c = replica.conn
    rng = (store_id, lo, hi)

    def lt(s: str) -> str:
        return local(datetime.fromisoformat(s), tz).strftime("%Y-%m-%d %H:%M")

    srow = c.execute(
        """SELECT COUNT(*), COUNT(member_id), COALESCE(SUM(gross),0), COALESCE(SUM(coupon_discount),0),
                  COALESCE(SUM(points_discount),0), COALESCE(SUM(total),0)
           FROM settlements WHERE kind = 'sale' AND store_id = ? AND settled_at >= ? AND settled_at < ?""",
        rng,
    ).fetchone()
    voids = tuple(
        VoidLine(r[0], lt(r[1]), lt(r[2]), r[3], r[4], r[5], r[6] or "sale")
        for r in c.execute(
            """SELECT v.checkout_id, v.voided_at, s.settled_at, v.manager_id, v.reason, s.total, s.kind
               FROM voids v JOIN settlements s ON s.checkout_id = v.checkout_id
               WHERE s.store_id = ? AND v.voided_at >= ? AND v.voided_at < ? ORDER BY v.voided_at""",
            rng,
        )
    )
    templates = []
    for r in c.execute(
        """SELECT cl.template_id,
                  COUNT(DISTINCT CASE WHEN cl.kind = 'redeem' THEN cl.checkout_id END),
                  COALESCE(SUM(CASE WHEN cl.kind = 'redeem' THEN cl.uses END), 0),
                  COALESCE(SUM(CASE WHEN cl.kind = 'redeem' THEN cl.discount END), 0),
                  COALESCE(-SUM(CASE WHEN cl.kind = 'void' THEN cl.uses END), 0),
                  COALESCE(-SUM(CASE WHEN cl.kind = 'void' THEN cl.discount END), 0),
                  MAX(cl.partner)
           FROM coupon_ledger cl JOIN settlements s ON s.checkout_id = cl.checkout_id
           WHERE s.store_id = ? AND cl.at >= ? AND cl.at < ? GROUP BY cl.template_id ORDER BY cl.template_id""",
        rng,
    ):
        tpl = cat["templates"].get(r[0])
        templates.append(TemplateLine(r[0], tpl.name if tpl else r[0], tpl.kind.value if tpl else "?", r[6], r[1], r[2], r[3], r[4], r[5]))
    points = []
    for r in c.execute(
        """SELECT pl.point_type,
                  COALESCE(SUM(CASE WHEN pl.kind = 'earn' THEN pl.delta END), 0),
                  COALESCE(-SUM(CASE WHEN pl.kind = 'burn' THEN pl.delta END), 0),
                  COALESCE(-SUM(CASE WHEN pl.kind = 'void_earn' THEN pl.delta END), 0),
                  COALESCE(SUM(CASE WHEN pl.kind = 'void_burn' THEN pl.delta END), 0)
           FROM point_ledger pl JOIN settlements s ON s.checkout_id = pl.checkout_id
           WHERE s.store_id = ? AND pl.at >= ? AND pl.at < ? GROUP BY pl.point_type ORDER BY pl.point_type""",
        rng,
    ):
        pt = cat["point_types"].get(r[0])
        points.append(PointsLine(r[0], pt.name if pt else r[0], r[1], r[2], r[3], r[4]))
    names = {r[0]: r[1] for r in c.execute("SELECT id, name FROM staff")}
    cashiers = tuple(
        CashierLine(r[0], names.get(r[0], r[0]), r[1], r[2], r[3], r[4])
        for r in c.execute(
            """SELECT cashier_id, COUNT(*), SUM(gross), SUM(coupon_discount + points_discount), SUM(total)
               FROM settlements WHERE kind = 'sale' AND store_id = ? AND settled_at >= ? AND settled_at < ?
               GROUP BY cashier_id ORDER BY cashier_id""",
            rng,
        )
    )
    per_hour: dict[int, list[int]] = {}
    for settled_at, total, disc in c.execute(
        "SELECT settled_at, total, coupon_discount + points_discount FROM settlements WHERE kind = 'sale' AND store_id = ? "
        "AND settled_at >= ? AND settled_at < ?",
        rng,
    ):
        h = local(datetime.fromisoformat(settled_at), tz).hour
        acc = per_hour.setdefault(h, [0, 0, 0])
        acc[0] += 1
        acc[1] += total
        acc[2] += disc
    hours = tuple(HourLine(h, *per_hour[h]) for h in sorted(per_hour))
    overrides = tuple(
        OverrideLine(lt(r[0]), r[1], r[2], r[3], json.loads(r[4]))
        for r in c.execute("SELECT at, actor_id, action, reason, details FROM audit_log WHERE at >= ? AND at < ? ORDER BY id", (lo, hi))
    )
    pending = c.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
    close = closed_day(c, store_id=store_id, day=day)
    after_close = {"count": 0, "total": 0}
    if close is not None:
        n, t = c.execute("SELECT COUNT(*), COALESCE(SUM(total), 0) FROM settlements WHERE kind = 'sale' AND store_id = ? "
                         "AND settled_at > ? AND settled_at < ?", (store_id, close["closed_at"], hi)).fetchone()
        after_close = {"count": n, "total": t}
        close = {**close, "closed_at": lt(close["closed_at"]), "by_name": names.get(close["by"], close["by"])}
    return DailyReport(
        store_id, store.name, replica.get_meta("terminal_id") or "", day, tz, srow[0], srow[1], srow[2], srow[3], srow[4], srow[5],
        voids, tuple(templates), tuple(points), cashiers, hours, overrides, pending,
        # promotions; returns; top-ups, bonuses, stored value and gift cards spent (net of the day's voids;
        # terminal/storage/value_store.py); exchanges, claims, transfers (terminal/storage/member_value.py)
        extras={"promotion_discount": c.execute(
            """SELECT COALESCE(SUM(pl.discount), 0) FROM promotion_ledger pl JOIN settlements s ON s.checkout_id = pl.checkout_id
               WHERE pl.kind = 'apply' AND s.store_id = ? AND s.settled_at >= ? AND s.settled_at < ?""", rng).fetchone()[0],
                "returns": returns_summary(c, store_id=store_id, lo=lo, hi=hi), "stored_value": value_store.day_figures(c, lo, hi),
                "member_value": day_rows(c, store_id=store_id, lo=lo, hi=hi),
                "close": close, "after_close": after_close},
    )


def report_csv(rep: DailyReport, labels: Mapping[str, str] | None = None) -> bytes:
    """One CSV with sections; UTF-8 with BOM so Excel opens Traditional Chinese correctly.

    Section names, column headers, metric names, coupon kinds and audit actions are English ids
    (what scripts and the CLI read); `labels` maps each such id to the words a person reads
    (the manager desk passes the current language's, terminal/ui/desk_texts.csv_labels)."""
    lb = dict(labels or {})

    def L(word: str) -> str:  # noqa: N802 - one letter: it wraps every label of the file
        return lb.get(word, word)

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([L("report"), L("daily redemptions")])
    w.writerow([L("store"), rep.store_id, rep.store_name])
    w.writerow([L("terminal"), rep.terminal_id])
    w.writerow([L("day"), rep.day.isoformat(), rep.timezone])
    w.writerow([])
    w.writerow([L("section"), L("metric"), L("value")])
    for k, v in [("sales settled", rep.settlements), ("sales voided", rep.voided_sales), ("settlements", rep.net_settlements),
                 ("member settlements", rep.member_settlements), ("gross", rep.gross),
                 ("coupon discount", rep.coupon_discount), ("points discount", rep.points_discount), ("total", rep.total),
                 ("voided total", rep.voided_total), ("returns", rep.returns["count"]), ("refunded", rep.returns["refunded"]),
                 ("points clawed back", sum(rep.returns["points_clawed"].values())), ("net total", rep.net_total), ("stored voucher uses", rep.stored_voucher_uses),
                 ("pending sync events", rep.pending_events),
                 ("sales after the close", rep.after_close["count"]), ("total after the close", rep.after_close["total"])]:
        w.writerow([L("summary"), L(k), v])
    if rep.close is not None:
        c = rep.close
        w.writerow([])
        w.writerow([L("close"), L("closed at"), L("closed by"), L("overridden"), L("reason"), L("unsynced at close")])
        w.writerow([L("close"), c["closed_at"], f"{c['by']} {c['by_name']}".strip(), L("yes" if c["overridden"] else "no"),
                    c["reason"], c["pending"]])
    w.writerow([])
    w.writerow([L("coupons"), L("template"), L("name"), L("kind"), L("partner"), L("redemptions"), L("uses"), L("discount"), L("voided uses"), L("voided discount")])
    for t in rep.templates:
        w.writerow([L("coupons"), t.template_id, t.name, L(t.kind), t.partner or "", t.redemptions, t.uses, t.discount, t.voided_uses, t.voided_discount])
    w.writerow([])
    w.writerow([L("points"), L("point type"), L("name"), L("earned"), L("spent"), L("earned reversed"), L("spent reversed")])
    for p in rep.points:
        w.writerow([L("points"), p.point_type, p.name, p.earned, p.spent, p.earned_reversed, p.spent_reversed])
    w.writerow([])
    w.writerow([L("cashiers"), L("id"), L("name"), L("settlements"), L("gross"), L("discounts"), L("total")])
    for ca in rep.cashiers:
        w.writerow([L("cashiers"), ca.cashier_id, ca.name, ca.settlements, ca.gross, ca.discounts, ca.total])
    w.writerow([])
    w.writerow([L("hours"), L("hour"), L("settlements"), L("total"), L("discounts")])
    for h in rep.hours:
        w.writerow([L("hours"), f"{h.hour:02d}:00", h.settlements, h.total, h.discounts])
    w.writerow([])
    w.writerow([L("voids"), L("checkout"), L("voided at"), L("settled at"), L("manager"), L("reason"), L("total"), L("kind")])
    for v in rep.voids:
        w.writerow([L("voids"), v.checkout_id, v.voided_at, v.settled_at, v.manager_id, v.reason, v.total, L(v.kind)])
    w.writerow([])
    value = rep.extras.get("member_value")
    if value:  # issue 15: points exchanges, giveaway claims, vouchers gifted at this counter
        w.writerow([L("member value"), L("what"), L("id"), L("count"), L("points")])
        for e in value["exchanges"]:
            w.writerow([L("member value"), L("exchange"), e["offer_id"], e["exchanges"], e["points"]])
        w.writerow([L("member value"), L("exchanges voided"), "", value["exchange_voids"], ""])
        for cl in value["claims"]:
            w.writerow([L("member value"), L("giveaway claims"), cl["campaign_id"], cl["claims"] - cl["voided"], cl["points"]])
        w.writerow([L("member value"), L("transfers"), "", value["transfers"], ""])
        w.writerow([])
    w.writerow([L("overrides"), L("at"), L("actor"), L("action"), L("reason")])
    for o in rep.overrides:
        w.writerow([L("overrides"), o.at, o.actor_id, L(o.action), o.reason])
    if rep.extras.get("stored_value"):
        w.writerow([])
        w.writerow([L("stored value"), L("metric"), L("value")])
        for k, v in rep.extras["stored_value"].items():
            w.writerow([L("stored value"), L(k.replace("_", " ")), v])  # keys: storage/value_store.day_figures
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
