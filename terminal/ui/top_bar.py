"""The counter window's top bar: store title, cashier, sync status and the online pill.

`render(view)` paints it from a `CounterView`; labels elide, so a long store name or sync
line never widens the window (tests/ui/test_window_fits.py).
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from terminal import __version__
from terminal.domain.clock import store_clock
from terminal.ui.reason_details import detail_text
from terminal.ui.style import GREEN, ORANGE
from terminal.ui.sync_now import SyncNowButton
from terminal.ui.widgets import ElidedLabel
from terminal.usecases.counter import CounterView


class TopBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(8)
        self.store_title = ""
        self.title = ElidedLabel()
        self.title.setObjectName("title")
        self.cashier_label = ElidedLabel()
        self.cashier_label.setObjectName("cashier")
        self.status_pill = QLabel()
        self.status_pill.setObjectName("statusPill")
        self.sync_label = ElidedLabel()
        self.sync_label.setObjectName("syncLabel")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # gives way first
        top.addWidget(self.title, 1)
        top.addWidget(self.cashier_label)
        top.addWidget(self.sync_label)
        self.sync_now = SyncNowButton()  # "Sync now": its runner is the service's hook (MainWindow sets it)
        top.addWidget(self.sync_now)
        top.addWidget(self.status_pill)

    def retranslate(self) -> None:
        self.sync_now.retranslate()
        self.title.setText(self.tr("Loyalty redemption") + (f" · {self.store_title}" if self.store_title else ""))

    def window_title(self) -> str:
        return self.tr("Loyalty Terminal") + f" {__version__}"

    def render(self, view: CounterView) -> None:
        if view.cashier:
            self.cashier_label.setText(self.tr("Cashier: %1").replace("%1", view.cashier["name"]))
        else:
            self.cashier_label.setText(self.tr("Not signed in"))
        st = view.status
        online = bool(st.get("online"))
        self.status_pill.setText(self.tr("Online") if online else self.tr("Offline"))
        self.status_pill.setStyleSheet(f"background: {GREEN if online else ORANGE};")
        self.sync_label.setText(self.sync_text(st))
        vault = st.get("credential") if self._vault_text(st) else ""
        self.sync_label.setProperty("vault", vault)
        # the vault's own error (English) is in the log for IT; the person reads what to do
        self.sync_label.setToolTip(detail_text("vault_unavailable", {"vault": vault}) if vault else "")

    def sync_text(self, st: dict) -> str:
        """"Pending sync: 3 · oldest 12 min · last sync 14:05 · 1 conflict(s) for the manager" (store time, as
        the receipts and the report: a PC whose clock zone is UTC showed 06:05 beside slips saying 14:05)."""
        pending = int(st.get("pending") or 0)
        age = self.age(st.get("oldest_pending_at"))
        text = self.tr("Pending sync: %1").replace("%1", str(pending))
        if pending and age:
            text += " · " + self.tr("oldest %1").replace("%1", age)
        last = st.get("last_success_at")
        if last:
            try:
                when = store_clock(datetime.fromisoformat(str(last)), st.get("timezone")).strftime("%H:%M")
            except ValueError:
                when = str(last)
            text += " · " + self.tr("last sync %1").replace("%1", when)
        conflicts = int(st.get("conflicts") or 0)
        if conflicts:
            text += " · " + self.tr("%1 conflict(s) for the manager").replace("%1", str(conflicts))
        vault = self._vault_text(st)
        return vault + " · " + text if vault else text

    def _vault_text(self, st: dict) -> str:
        # enrolled, but the OS credential vault cannot give the credential (a keyring locked after a
        # reboot, its prompt cancelled): sales go on offline, the sync runner tries the vault again
        return {"locked": self.tr("Credential vault locked · sync retrying"),
                "unavailable": self.tr("Credential vault unavailable · sync retrying"),
                "missing": self.tr("Credential missing from the vault · call IT")}.get(st.get("credential") or "", "")

    def age(self, iso: str | None) -> str:
        """How long ago `iso` was, in the cashier's language ("12 min", "3 h", "2 d"); "" if unknown."""
        secs = age_seconds(iso)
        if secs is None:
            return ""
        if secs < 3600:
            return self.tr("%1 min").replace("%1", str(secs // 60))
        if secs < 86400:
            return self.tr("%1 h").replace("%1", str(secs // 3600))
        return self.tr("%1 d").replace("%1", str(secs // 86400))


def age_seconds(iso: str | None) -> int | None:
    """Whole seconds from the ISO time `iso` (with its offset) to now; None if absent or unreadable."""
    if not iso:
        return None
    try:
        then = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if then.tzinfo is None:
        then = then.replace(tzinfo=timezone.utc)
    return max(0, int((datetime.now(timezone.utc) - then).total_seconds()))
