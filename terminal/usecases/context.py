"""The service context every use case works on: one replica, this store and terminal, a clock.

    ServiceContext      replica, store_id, terminal_id, clock, void_window, allowances, secrets,
                        and the two hooks an enrolled terminal attaches (sync_status, after_write)
      .now(at)          aware UTC time (the clock's, or `at`); naive times are refused
      .store            this store's catalog row
      .keyring()        the issuer keys of the catalog, cached per catalog load
      .replica_secret() the secret that keys PIN hashes and card/coupon numbers (None: nothing keyed)
      .device_check()   verifies vouchers other terminals of the brand signed (`LT1V…`, device keys pulled)
      .device_signer()  this terminal's voucher signing key, or None (sync/device_key.py)
      .append_event()   one outbox event (settlement, void, resolution), hashed with the Unicode guard
      .written()        wake the sync runner after a committed write (never fails the write)
      .status()         outbox figures merged with the live sync status, the offline allowance in force
                        (`allowance`, usecases/offline_status.py) and today's close (`day_closed`)
      .sync_now         hook: one sync round at once (blocking; None when not enrolled)

The use-case modules (lookup, checkout, staff, voids, day_close) are functions over a context;
`terminal/usecases/service.py` binds them into the `RedemptionService` its callers hold.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from terminal.domain.events import EVENT_SCHEMA_VERSION, canonical_json, payload_sha256
from terminal.domain.reasons import AuthorizationError, CheckoutError, Reason
from terminal.infra.crypto import KeyRing
from terminal.storage.replica import Replica
from terminal.storage.replica_secret import ReplicaSecret, ReplicaSecrets

log = logging.getLogger("terminal.services")  # the log name IT filters on, kept through the split

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


class ServiceContext:
    def __init__(
        self,
        replica: Replica,
        *,
        store_id: str,
        terminal_id: str,
        clock: Clock = system_clock,
        void_window: timedelta | None = None,
        allowances: Any = None,
        secrets: ReplicaSecrets | None = None,
        device_keys: Any = None,
    ) -> None:
        """`allowances`: optional hook with `check(replica, *, member, preview, claims, at) -> list[dict]`
        (e.g. `sync.allowances.OfflineAllowances`); what it returns needs a manager override to settle.
        `secrets`: where the replica secret that keys staff PIN hashes, member card and coupon numbers is found
        (default: the replica's own key if it never synced, else the OS vault; `terminal/storage/replica_secret.py`).
        `device_keys`: this terminal's voucher signing key (`sync.device_key.DeviceKeys`; default: the OS vault).
        ValueError when `store_id` is not in the replica's catalog."""
        self.replica = replica
        self.secrets = secrets or ReplicaSecrets(replica)
        if device_keys is None:
            from sync.device_key import DeviceKeys

            device_keys = DeviceKeys(replica)
        self.device_keys = device_keys
        self.allowances = allowances
        self.store_id = store_id
        self.terminal_id = terminal_id
        self.clock = clock
        if void_window is None:
            void_window = timedelta(minutes=int(replica.get_meta("void_window_minutes", "1440") or 1440))
        self.void_window = void_window
        self._keyring: tuple[int, KeyRing] | None = None
        # set by the app when the terminal is enrolled: live sync status, and a wake-up after writes
        self.sync_status: Callable[[], dict[str, Any]] | None = None
        self.after_write: Callable[[], None] | None = None
        # "Sync now": one round at once, blocking, its counts or its error (SyncHandle.sync_now); None: not enrolled
        self.sync_now: Callable[[], dict[str, Any]] | None = None
        # members outside this store's slice (terminal/usecases/unknown_member.py): online lookup, offline allowance
        self.unknown_members: Any = None
        # the sync client's member search and sign-up (terminal/usecases/member_search.py); None: not enrolled
        self.member_directory: Any = None
        if store_id not in replica.catalog()["stores"]:
            raise ValueError(f"store {store_id!r} is not in this replica's catalog")

    @property
    def store(self):
        return self.replica.catalog()["stores"][self.store_id]

    def now(self, at: datetime | None = None) -> datetime:
        t = at or self.clock()
        if t.tzinfo is None:
            raise ValueError("times must be timezone-aware")
        return t.astimezone(timezone.utc)

    def keyring(self) -> KeyRing:
        keys = self.replica.catalog()["keys"]
        ident = id(keys)
        if self._keyring is None or self._keyring[0] != ident:
            self._keyring = (ident, KeyRing(keys))
        return self._keyring[1]

    def device_check(self):
        """The `DeviceCheck` (terminal/domain/device_codes.py) of this store's brand."""
        return self.device_keys.check(self.store.brand_id)

    def device_signer(self):
        """(device id, Signer) to sign the vouchers this terminal issues, or None (not enrolled, key not
        registered yet, vault locked): the receipt then shows the reference code only."""
        return self.device_keys.signer()

    def replica_secret(self, doing: str) -> ReplicaSecret | None:
        """The replica secret, or None when nothing is keyed yet. AuthorizationError(VAULT_UNAVAILABLE)
        when it is in a vault that cannot be read now (locked, unavailable, not holding it): `doing` says
        what needed it. Never a silent fallback, never "wrong PIN"."""
        try:
            return self.secrets.get()
        except Exception as exc:
            from sync.client import CredentialVaultUnavailable

            if not isinstance(exc, CredentialVaultUnavailable):
                raise
            log.warning("replica secret unavailable (%s) to %s", exc.state, doing)
            raise AuthorizationError(Reason.VAULT_UNAVAILABLE, f"Cannot {doing}: {exc}.", vault=exc.state) from None

    def append_event(self, type_: str, payload: dict, at: datetime, *, event_id: str | None = None) -> tuple[str, int]:
        """Append one outbox event of `type_` ("settlement", "void", "conflict_resolution", "exchange", "points_claim")
        inside the caller's transaction: (event id, terminal sequence). `event_id`: one made beforehand (an exchange's
        voucher code and a claim's lot derive from it), else a new UUID. CheckoutError(INVALID_REQUEST) when the payload
        holds text that is not valid Unicode; nothing is written then."""
        event_id = event_id or str(uuid.uuid4())
        seq = self.replica.append_event(event_id=event_id, type_=type_, schema_version=EVENT_SCHEMA_VERSION,
                                        payload_json=canonical_json(payload), sha256=event_sha256(payload),
                                        created_at=at.isoformat())
        return event_id, seq

    def status(self, member_id: str | None = None) -> dict[str, Any]:
        """Outbox figures, merged with the live sync status when a sync runner is attached; `allowance`: the
        offline allowance in force (usecases/offline_status.py; with `member_id`, what that member may still
        spend offline); `day_closed`: {day, closed_at, by, overridden} when the store's current day is closed;
        `timezone`: the store's IANA zone, in which the window shows these times (not the PC's zone)."""
        status: dict[str, Any] = {"online": False, "enrolled": False, **self.replica.outbox_stats()}
        status["timezone"] = self.store.timezone
        if self.sync_status is not None:
            try:
                status.update(self.sync_status())
            except Exception as exc:  # the counter must keep working whatever sync does
                status["last_error"] = str(exc)
        from terminal.usecases.day_close import closed_today
        from terminal.usecases.offline_status import allowance_status

        try:
            at = self.now()
            status["allowance"] = allowance_status(self.replica.conn, at, member_id=member_id)
            status["day_closed"] = closed_today(self, at)
        except Exception as exc:  # figures for the strip: never a reason to fail a counter view
            log.warning("offline status unavailable: %s", exc)
        return status

    def written(self) -> None:
        """Tell the sync runner (if attached) that a write was committed."""
        if self.after_write is not None:
            try:
                self.after_write()
            except Exception:  # a sync wake-up must never undo or fail a committed settlement
                pass


def event_sha256(payload: dict) -> str:
    """The outbox hash; text that is not valid Unicode (an unpaired surrogate) is refused, nothing is written."""
    try:
        return payload_sha256(payload)
    except ValueError:
        raise CheckoutError(Reason.INVALID_REQUEST, "The checkout contains text that is not valid Unicode; nothing was saved.") from None
