"""The offline strip under the top bar: what still works offline and the limits in force (issue 17 §4.5),
and the warning that today's business day is already closed (§4.6).

Shown only when there is something to say:
- the terminal is enrolled and offline, or its credential vault cannot be read (sales wait on this PC):
  since when, what still works (bearer coupons, stored vouchers, points up to the allowance, unknown
  members earn only), the limits with what is left for the member at the counter, and when a manager
  will be needed (the grant's end, its `valid_hours`); the figures come from the counter's status
  (`status["allowance"]`, terminal/usecases/offline_status.py), the same ones the counter enforces;
- the store's current day is closed: a sale now is booked after the close (the counter asks first).

Fixed height (two lines, elided; the whole text in the tool tip), hidden otherwise, so the window's
minimum size does not change (tests/ui/test_window_fits.py).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from terminal.domain.clock import store_clock
from terminal.ui.style import money
from terminal.ui.widgets import ClampedLabel, ElidedLabel
from terminal.usecases.counter import CounterView


def _clock(iso: str | None, tz: str | None, *, today: bool = False) -> str:
    """The store's wall clock (zone `tz`; the PC's when unknown) of an ISO time: "14:05", or "11-28 14:05"
    when not today there."""
    if not iso:
        return ""
    try:
        at = store_clock(datetime.fromisoformat(iso), tz)
    except ValueError:
        return iso
    now = store_clock(datetime.now().astimezone(), tz)
    return at.strftime("%H:%M") if today or at.date() == now.date() else at.strftime("%m-%d %H:%M")


def is_offline(status: dict) -> bool:
    """Enrolled and not reaching the server, or its credential vault cannot be read."""
    vault = status.get("credential") in ("locked", "unavailable", "missing")
    return vault or (bool(status.get("sync_configured")) and not status.get("online"))


def offline_texts(status: dict, member_id: str | None = None, point_names: dict[str, str] | None = None) -> tuple[str, str]:
    """(headline, detail) of the offline strip for a counter status; ("", "") when online. `point_names`: point type
    id -> name, for what the member at the counter may still spend offline."""
    if not is_offline(status):
        return "", ""
    last, tz = status.get("last_success_at"), status.get("timezone")
    if status.get("credential") in ("locked", "unavailable", "missing"):
        head = QCoreApplication.translate("OfflineStrip", "Credential vault locked: sales are kept on this PC")
    elif last:
        head = QCoreApplication.translate("OfflineStrip", "Offline since %1 (last sync)").replace("%1", _clock(last, tz))
    else:
        head = QCoreApplication.translate("OfflineStrip", "Offline: this terminal has not synced yet")
    pending = int(status.get("pending") or 0)
    if pending:
        head += " · " + QCoreApplication.translate("OfflineStrip", "%1 sale(s) waiting").replace("%1", str(pending))
    a = status.get("allowance") or {}
    state = a.get("state", "none")
    if state == "none":
        return head, QCoreApplication.translate(
            "OfflineStrip", "No offline allowance from the server yet: plain sales and bearer coupons work; stored "
            "vouchers, points and stored value need a manager.")
    if state == "lapsed":
        return head, QCoreApplication.translate(
            "OfflineStrip", "The offline allowance ended at %1: every coupon use and points spend needs a manager "
            "until this terminal syncs.").replace("%1", _clock(a.get("valid_until"), tz))
    lim = a.get("limits") or {}
    points = QCoreApplication.translate("OfflineStrip", "points up to %1 per member").replace(
        "%1", str(lim.get("points_per_member", 0)))
    left = (a.get("member_left") or {}) if member_id else {}
    if left:
        names = point_names or {}
        points += " " + QCoreApplication.translate("OfflineStrip", "(this member: %1 more offline)").replace(
            "%1", ", ".join(f"{names.get(pt, pt)} {n}" if len(left) > 1 else str(n) for pt, n in left.items()))
    works = QCoreApplication.translate(
        "OfflineStrip", "Still works: coupons, stored vouchers up to %1 use(s) each, %2, stored value up to %3 per "
        "card, promo codes up to %4 use(s); unknown members earn only.").replace(
        "%1", str(lim.get("stored_voucher_uses", 0))).replace("%2", points).replace(
        "%3", money(int(lim.get("stored_value_per_account", 0)))).replace("%4", str(lim.get("shared_code_uses", 0)))
    until = QCoreApplication.translate("OfflineStrip", "A manager is needed beyond these, and for everything from %1 (%2 h left).") \
        .replace("%1", _clock(a.get("valid_until"), tz)).replace("%2", str(a.get("hours_left", 0)))
    return head, works + " " + until


def closed_texts(status: dict) -> tuple[str, str]:
    """(headline, detail) when the store's current day is closed; ("", "") otherwise."""
    closed = status.get("day_closed")
    if not closed:
        return "", ""
    head = QCoreApplication.translate("OfflineStrip", "Day %1 is closed (%2 by %3)").replace(
        "%1", str(closed.get("day", ""))).replace("%2", _clock(closed.get("closed_at"), status.get("timezone"), today=True)).replace(
        "%3", str(closed.get("by", "")))
    return head, QCoreApplication.translate(
        "OfflineStrip", "A sale now is booked after the close: you will be asked to confirm it, and the day's report "
        "lists it apart.")


class OfflineStrip(QFrame):
    """Two lines under the top bar (module docstring); `render(view)` shows or hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineStrip")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 3, 10, 3)
        lay.setSpacing(0)
        self.headline = ElidedLabel()
        self.headline.setObjectName("offlineHeadline")
        self.detail = ClampedLabel(max_lines=2)
        self.detail.setObjectName("offlineDetail")
        lay.addWidget(self.headline)
        lay.addWidget(self.detail)
        self.kind = ""  # "offline" | "closed" | ""
        self.hide()

    def render(self, view: CounterView) -> None:
        status = view.status or {}
        head, detail = offline_texts(status, view.member.id if view.member else None, view.point_type_names)
        kind = "offline" if head else ""
        chead, cdetail = closed_texts(status)
        if chead:  # the closed day matters for the very next sale: it goes first
            head, detail = (chead, cdetail + (" · " + head + ": " + detail if head else ""))
            kind = "closed"
        self.kind = kind
        self.headline.setText(head)
        self.detail.setText(detail)
        self.setToolTip(f"{head}\n{detail}" if head else "")
        colour = "#fff3e0" if kind == "offline" else "#ffebee"
        self.setStyleSheet(f"QFrame#offlineStrip {{ background: {colour}; border: 1px solid #ef6c00; }}")
        self.setVisible(bool(head))
