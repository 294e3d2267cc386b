"""The terminal's sync client (httpx): outbox push, replica pull, allowances, status.

Errors::

    SyncError                  base
      TransientError           network error, timeout, cut response, 5xx/408/429: retry with backoff
      AuthFailed               401/403/409 on auth: missing/unknown credential, revoked device, wrong store,
                               enrolment not confirmed / superseded
      NotEnrolled              no device credential stored yet
      CredentialVaultUnavailable  the OS vault is locked, has no credential or raised (also a
                               SetupError): nothing was sent; retry once it is usable

Enrolment is two-phase (`enrol`, docs/sync.md): the pending credential is stored in the vault
and read back before the server is asked to confirm it; a vault that refuses it cancels the
enrolment and the token stays usable.

Push: pending outbox rows in `terminal_seq` order, batches of at most `batch_size` events and
PUSH_BODY_BYTES (4 MiB) of JSON; every answer (accepted, duplicate, accepted_with_conflict,
rejected) is stored in `sync_results` and the rows up to `acked_through_seq` are marked
acknowledged in ONE local transaction. A batch refused as a whole with a 4xx is retried one
event at a time to find the bad event, which after `max_attempts` non-transient failures goes
to the dead letter (state 'dead'). Backpressure (issue 14): a batch that timed out or was shed
(503/429/504) makes the next one half as big (`push_size`, down to 1), a batch answered quickly
the next one twice as big (up to `batch_size`); retries wait at least the server's Retry-After
(plus up to half again, at random), and `SyncRunner`'s timer has jitter.

Pull: pages applied together with their cursor in one transaction each. Staff, member and coupon
rows are stored only keyed and minimised (terminal/storage/keyed.py): a staff row's scrypt hash is
keyed with the replica secret (after its feed signature is checked, before it is staged,
applied or quarantined), a member row keeps the masked name, birth month and its card hash keyed
with the replica secret, a coupon row its number hash keyed (never a printed number). The secret
lives in the OS vault beside the credential (`CredentialStore.replica_secret`,
terminal/storage/replica_secret.py): made at the first pull (a replica made from a catalog file switches
to it and is pulled again in full), made anew and pulled again in full when the vault no longer
holds it. Local effects
stay in the overlay until the pulled replica includes them (`visible_seq` <= cursor once
caught up), then `outbox.reflected = 1`. A `reset` page starts a full resync: keys seen
are recorded and, when caught up, replica rows the server no longer has are swept.

Fault injection (tests only): `SyncClient(..., faults=SyncFaults(...))` runs a callable at
named points of a push or a pull (see `SyncFaults`); a test kills the process there to
prove that a crash at that step loses nothing and doubles nothing. Production passes none.

The client owns its own connection to the terminal database (open it with
`terminal.provisioning.bootstrap.open_replica(path)`); the counter keeps its own. SQLite's
`BEGIN IMMEDIATE` serialises the two writers.
"""

from __future__ import annotations

import json
import logging
import random
import re
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import httpx

from terminal import __version__
from terminal.infra.errors import SetupError
from terminal.catalog import DEMO_PUBLIC_KEYS
from terminal.storage.replica_secret import ReplicaSecrets
from terminal.storage import keyed
from terminal.storage.db import open_database, transaction
from terminal.storage.replica import Replica

from sync.credentials import (  # noqa: F401 (re-exported: the credential stores were defined here)
    CredentialStore, KeyringCredentialStore, MemoryCredentialStore,
)
from sync.feedsig import PIN_META, SIGNED_KINDS, allowances_message, row_message, verify
from sync.protocol import CATALOG_KINDS, PUSH_BODY_BYTES, split_cursor
from terminal.storage.member_value import void_unissued_vouchers

log = logging.getLogger("sync.client")

_CURSOR_RE = re.compile(r"^[0-9a-f]{1,32}\.[0-9]{1,18}$")


class SyncError(Exception):
    """Base of sync failures."""


class TransientError(SyncError):
    """Retry later: the network or the server is (temporarily) unavailable.

    `url`: the central server; `reason`: what happened, for a person ("connection refused",
    "host name not found (DNS)", "no answer within 10 s (timeout)", "server answered 503 ...");
    `retry_after`: the seconds the server asked to wait (429/503 `Retry-After`, capped at
    MAX_RETRY_AFTER), or None; `after`: what this means for the terminal and what to do, when the
    operation knows better than "try again later" (an interrupted enrolment), or None;
    `overloaded`: the server is too busy rather than unreachable (no answer within the timeout,
    or 408/429/503/504): the push sends smaller batches (`SyncClient.push_size`)."""

    def __init__(self, message: str, *, url: str | None = None, reason: str | None = None,
                 retry_after: float | None = None, after: str | None = None, overloaded: bool = False) -> None:
        super().__init__(message)
        self.url, self.reason, self.retry_after, self.after = url, reason or message, retry_after, after
        self.overloaded = overloaded


OVERLOAD_STATUSES = frozenset({408, 429, 503, 504})  # the server (or its proxy) is too busy: push less at once
#: push answers whose `error` is the server's condition, not the event's: never counted towards the dead letter
TRANSIENT_PUSH_ERRORS = frozenset({"database_busy"})


MAX_RETRY_AFTER = 600.0  # seconds: a longer Retry-After is not believed


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header given in seconds (an HTTP date is not used by our server)."""
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER) if value is not None else None
    except ValueError:
        return None


class AuthFailed(SyncError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


class NotEnrolled(SyncError):
    """This terminal has no device credential; enrol it with a one-time token."""


class CredentialVaultUnavailable(SyncError, SetupError):
    """The OS credential vault cannot be used right now (see sync/credentials.py).

    `state`: "locked" (locked, or its unlock prompt was cancelled), "unavailable" (no vault,
    or the vault raised), "missing" (an ENROLLED terminal finds no credential in it);
    `cause`: the vault's own error, one line; `backend`: the keyring backend's name.
    A SetupError too: the CLI exits 4 for it."""

    def __init__(self, message: str, *, state: str, cause: str = "", backend: str = "") -> None:
        super().__init__(message)
        self.state, self.cause, self.backend = state, cause, backend


class _SecretLost(Exception):
    """Inside a pull: the vault holds no secret for this replica any more (renewed by `pull`)."""


class RequestRefused(SyncError):
    """A non-transient 4xx other than auth (malformed request, 409 refusals); `code` is the server's
    error code (e.g. "terminal_in_use", "wrong_store") or None when the body was not the documented shape."""

    def __init__(self, status: int, body: str) -> None:
        code = None
        try:  # the server's documented error object: say its message, not the raw JSON
            err = json.loads(body)["error"]
            text, code = f"{err['message']} ({status} {err['code']})", str(err["code"])
        except (ValueError, KeyError, TypeError):
            text = f"{status}: {body[:300]}"
        super().__init__(text)
        self.status, self.body, self.code = status, body, code


# ---- replica row mapping -------------------------------------------------------------------

# kind -> (table, primary key columns, columns); applied in this order inside a page
KINDS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "meta": ("meta", ("key",), ("key", "value")),
    "issuer_key": ("issuer_keys", ("key_id",), ("key_id", "public_key", "status")),
    "brand": ("brands", ("id",), ("id", "name")),
    "store": ("stores", ("id",), ("id", "brand_id", "name", "timezone")),
    "tier": ("tiers", ("id",), ("id", "name", "rank")),
    "point_type": ("point_types", ("id",), ("id", "name", "burn_points", "burn_value", "validity_days", "max_burn_percent", "burnable")),
    "category": ("categories", ("id",), ("id", "name", "name_en", "key_order")),
    "product": ("products", ("sku",), ("sku", "name", "category_id", "price", "barcode", "pp_point_type", "pp_points", "pp_cash",
                                       "name_en", "key_order", "key_colour")),  # quick keys (issue 17)
    "earn_rule": ("earn_rules", ("id",), ("id", "body")),
    "coupon_template": ("coupon_templates", ("id",), ("id", "body")),
    "promotion": ("promotions", ("id",), ("id", "body")),  # automatic promotions, chain-wide (issue 16)
    "staff": ("staff", ("id",), ("id", "name", "role", "pin_hash", "stores")),
    "member": ("members", ("id",), keyed.MEMBER_COLUMNS),  # minimised and keyed (terminal/storage/keyed.py)
    "member_purchases": ("member_purchases", ("member_id",), ("member_id", "purchases", "first_purchase_at", "visit_gifts")),  # issue 16
    "point_lot": ("point_lots", ("lot_id",), ("lot_id", "member_id", "point_type", "points", "earned_at", "expires_at", "origin")),
    "coupon": ("coupon_instances", ("code",), keyed.COUPON_COLUMNS),  # number keyed (terminal/storage/keyed.py)
    "revocation": ("revocations", ("kind", "value"), ("kind", "value", "reason", "revoked_at")),
    # stored value and gift cards (terminal/storage/value_store.py): a gift card's number keyed like a coupon's
    "value_program": ("value_programs", ("id",), ("id", "body")),
    "topup_bonus": ("topup_bonuses", ("id",), ("id", "body")),
    "value_account": ("value_accounts", ("account_id",), ("account_id", "program_id", "member_id", "number_key", "balance",
                                                          "status", "valid_from", "valid_until", "origin")),
    # issue 15: exchange offers and giveaway campaigns (catalog), the server's claim tallies
    "exchange_offer": ("exchange_offers", ("id",), ("id", "body")),
    "giveaway_campaign": ("giveaway_campaigns", ("id",), ("id", "body")),
    "giveaway_tally": ("giveaway_tallies", ("campaign_id",), ("campaign_id", "claimed_points", "claims")),
    "giveaway_claims": ("giveaway_member_claims", ("key",), ("key", "campaign_id", "member_id", "claimed_at")),
    # issue 16: campaigns grouping shared promo codes (catalog), and what the server booked of each chain-wide
    "promo_campaign": ("promo_campaigns", ("id",), ("id", "body")),
    "visit_gift": ("visit_gifts", ("id",), ("id", "body")),  # 來店禮 (terminal/storage/visit_gift_store.py)
    "promo_campaign_tally": ("promo_campaign_tallies", ("campaign_id",), ("campaign_id", "uses", "discount_given")),
    # the brand's terminals' voucher signing keys (sync/device_key.py; signed by the feed key)
    "device_key": ("device_keys", ("device_id",), ("device_id", "store_id", "brand_id", "terminal_id", "public_key", "status",
                                                   "registered_at", "revoked_at", "revoked_reason")),
}
# discount_given: from a server before issue 16; visit_gifts: a member_purchases row with no visit gift spend;
# name_en, key_order, key_colour: products and categories from a server before issue 17 (no quick keys);
# phone_key: a member row of a server before issue 17 §4.1 (no phone)
_DEFAULTS = {"origin": "replica", "discount_given": 0, "visit_gifts": None, "name_en": None, "key_order": None, "key_colour": None,
             "phone_key": None}
_APPLY_CHUNK = 2000  # rows per executemany when applying staged pages (bounded memory on a full resync)


# columns this till sets itself that a pulled row never carries: kept when the row comes again
# (phone_key: the phone typed at this till's sign-up; the server sends no phone, sync/server/feed.py)
_KEEP_LOCAL = frozenset({"phone_key"})


def _upsert_sql(table: str, pk: tuple[str, ...], cols: tuple[str, ...]) -> str:
    sets = ", ".join(f"{c} = COALESCE(excluded.{c}, {table}.{c})" if c in _KEEP_LOCAL else f"{c} = excluded.{c}"
                     for c in cols if c not in pk)
    return (f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT({', '.join(pk)}) DO UPDATE SET {sets}")


_UPSERT = {k: _upsert_sql(*v) for k, v in KINDS.items()}
# replica tables a full resync sweeps (rows the server no longer has)
_SWEEP_KINDS = ("revocation", "coupon", "point_lot", "member_purchases", "member", "staff", "coupon_template", "earn_rule", "product",
                "issuer_key", "promotion", "value_account", "topup_bonus", "value_program",
                "exchange_offer", "giveaway_campaign", "giveaway_tally", "giveaway_claims", "promo_campaign", "promo_campaign_tally", "visit_gift", "device_key")


def _pk_values(kind: str, key: str) -> tuple:
    if kind == "revocation":
        return tuple(key.split(":", 1))
    if kind == "issuer_key":
        return (int(key),)
    return (key,)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


_DNS_FAILURES = ("name or service not known", "nodename nor servname", "getaddrinfo failed", "temporary failure in name resolution",
                 "no address associated", "name resolution")


def network_reason(exc: httpx.TransportError, timeout_s: float | None = None) -> str:
    """What a transport error means, for a person; the exception type stays in brackets for support."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        what = f"no answer within {timeout_s:g} s (timeout)" if timeout_s else "no answer in time (timeout)"
    elif any(s in text.lower() for s in _DNS_FAILURES):
        host = exc.request.url.host if getattr(exc, "_request", None) is not None else "the server"
        what = f"host name {host} not found (DNS)"
    elif "refused" in text.lower():
        what = "connection refused (is the server running, and the port right?)"
    elif isinstance(exc, httpx.ConnectError):
        what = f"cannot connect: {text}"
    else:
        what = f"connection broken: {text}"
    return f"{what} [{type(exc).__name__}]"


@dataclass
class SyncFaults:
    """Test-only injection points of one `SyncClient` (each None, or a callable run there).

    A test makes the callable kill the process (SIGKILL / `os._exit`) or raise, to prove that
    a crash at that step of a sync loses nothing and doubles nothing
    (tests/reliability/test_sync_kills.py). The points, in the order a round reaches them:

    push, per batch:
      push_before_send(rows)          a batch was read from the outbox; nothing sent yet
      push_answered(answer)           the server answered (its transactions are committed);
                                      nothing recorded locally yet
      push_ack_before_commit(answer)  inside the local ack transaction: answers, conflicts and
                                      outbox states written, COMMIT not yet done
      push_acked(answer)              the ack transaction committed; before the next batch
    pull, per page:
      pull_page_received(page)        a page arrived; nothing of it applied
      pull_page_mid_apply(page)       inside the page transaction: upserts written; tombstones,
                                      cursor and overlay marks not yet
      pull_page_before_commit(page)   inside the page transaction: everything written, including
                                      the cursor; COMMIT not yet done

    Nothing here changes what the client does when the callables return normally.
    """

    push_before_send: Callable[[list[tuple]], None] | None = None
    push_answered: Callable[[dict[str, Any]], None] | None = None
    push_ack_before_commit: Callable[[dict[str, Any]], None] | None = None
    push_acked: Callable[[dict[str, Any]], None] | None = None
    pull_page_received: Callable[[dict[str, Any]], None] | None = None
    pull_page_mid_apply: Callable[[dict[str, Any]], None] | None = None
    pull_page_before_commit: Callable[[dict[str, Any]], None] | None = None


@dataclass(frozen=True)
class SyncStatus:
    """What the counter shows about sync."""

    online: bool
    pending: int
    oldest_pending_age_s: float | None
    last_success_at: str | None
    conflicts: int
    dead: int
    last_error: str | None
    enrolled: bool
    credential: str = "unknown"  # the vault as last read: ok | locked | unavailable | missing | none | unknown (not read yet)
    last_error_at: str | None = None  # when `last_error` happened (UTC ISO); both cleared by a successful round

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PushReport:
    sent: int = 0
    acked: int = 0
    statuses: dict[str, int] | None = None
    dead: int = 0
    stopped: str | None = None


@dataclass
class PullReport:
    pages: int = 0
    items: int = 0
    reset: bool = False
    cursor: str | None = None
    reflected: int = 0
    quarantined: int = 0  # pulled rows this replica could not hold (see SyncClient.quarantined)


class SyncClient:
    def __init__(
        self,
        replica: Replica,
        base_url: str,
        credentials: CredentialStore,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 10.0,
        batch_size: int = 100,
        page_size: int = 1000,
        max_attempts: int = 5,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
        faults: SyncFaults | None = None,
        adaptive_batch: bool = True,
    ) -> None:
        """`timeout`: seconds per request; `batch_size`: the most events per push (the server takes MAX_BATCH);
        `adaptive_batch` False always sends `batch_size` (the behaviour before issue 14, for benchmarks);
        `faults`: test-only injection points (`SyncFaults`); None in production."""
        self.replica = replica
        self.db = replica.db
        self.conn = replica.conn
        self.credentials = credentials
        self.http = httpx.Client(base_url=base_url.rstrip("/"), transport=transport, timeout=timeout,
                                 headers={"User-Agent": f"loyalty-terminal/{__version__}"})
        self.batch_size, self.page_size, self.max_attempts = batch_size, page_size, max_attempts
        self.adaptive_batch = adaptive_batch
        self.push_size = batch_size  # events in the next push batch: halved when shed or timed out, doubled when quick
        self.backoff_base, self.backoff_cap = backoff_base, backoff_cap
        self.clock, self.rng, self.sleep = clock, rng or random.Random(), sleep
        self.faults = faults
        self.online = False
        self.last_error: str | None = None
        self.credential_state = "unknown"  # see SyncStatus.credential; set by every read of the vault
        self._lock = threading.RLock()  # one sync operation at a time on this connection
        self._quarantined, self._failed, self._page_cursor = 0, set(), None  # rows kept aside by the current pull
        self._path = self.conn.execute("PRAGMA database_list").fetchone()[2]
        self._status_local = threading.local()
        self.secrets = ReplicaSecrets(replica, vault=getattr(credentials, "replica_secret", None))
        from sync.device_key import DeviceKeys

        self.device_keys = DeviceKeys(replica, vault=getattr(credentials, "device_key", None))

    def close(self) -> None:
        self.http.close()

    def _fault(self, point: str, arg: Any) -> None:
        """Run the test-only injection point `point` (see `SyncFaults`), if one is set."""
        hook = getattr(self.faults, point, None) if self.faults is not None else None
        if hook is not None:
            hook(arg)

    # ---- HTTP --------------------------------------------------------------------------------
    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.read_credential()}"}

    def read_credential(self) -> str:
        """The device credential from the vault. Raises CredentialVaultUnavailable (the vault is
        locked, unavailable, or an enrolled terminal's credential is missing) or NotEnrolled."""
        try:
            cred = self.credentials.get()
        except CredentialVaultUnavailable as exc:
            self.credential_state, self.last_error = exc.state, str(exc)
            self.online = False  # nothing can be sent without it
            raise
        if not cred:
            self.credential_state = "none"
            raise NotEnrolled("This terminal is not enrolled: enrol it with a one-time token from the central server admin.")
        if self.credential_state in ("locked", "unavailable", "missing"):
            self.last_error = None  # that error was the vault's, and it is usable again
        self.credential_state = "ok"
        return cred

    def _request(self, method: str, url: str, *, auth: bool = True, credential: str | None = None,
                 headers: dict[str, str] | None = None, bounded: bool = False, **kw) -> Any:
        """`credential`: send this bearer instead of the vault's (enrolment confirm/cancel); `headers`: more headers.
        `bounded`: a 429 is this request's own bound (member search, sign-up): RequestRefused, not "offline".
        An answer may come gzip-compressed (the server compresses 1 KiB and more; httpx decodes it)."""
        sent = {"Authorization": f"Bearer {credential}"} if credential else self._auth() if auth else {}
        try:
            r = self.http.request(method, url, headers={**(headers or {}), **sent}, **kw)
            body = r.content  # read fully: a response cut mid-stream raises here
        except httpx.TransportError as exc:  # connect/read/write errors, timeouts, cut responses
            raise self._unreachable(network_reason(exc, self.http.timeout.connect),
                                    overloaded=isinstance(exc, httpx.TimeoutException)) from exc
        except httpx.DecodingError as exc:  # a compressed answer that does not decompress (cut or mangled on the way)
            raise self._unreachable(f"its answer could not be decoded ({exc})") from exc
        if r.status_code >= 500 or r.status_code == 408 or (r.status_code == 429 and not bounded):
            raise self._unreachable(f"server answered {r.status_code} {r.reason_phrase}".rstrip(),
                                    retry_after(r.headers.get("retry-after")), overloaded=r.status_code in OVERLOAD_STATUSES)
        self.online = True
        if r.status_code in (401, 403):
            try:
                err = json.loads(body)["error"]
                code, msg = err["code"], err["message"]
            except (ValueError, KeyError, TypeError):
                code, msg = "unauthorised", body[:200].decode(errors="replace")
            self.last_error = f"{r.status_code} {code}: {msg}"
            raise AuthFailed(r.status_code, code, msg)
        if r.status_code >= 400:
            raise RequestRefused(r.status_code, body.decode(errors="replace"))
        try:
            return json.loads(body)
        except ValueError as exc:
            raise self._unreachable("its answer was not readable (not JSON)") from exc

    def _went_offline(self, why: str) -> None:
        self.online = False
        self.last_error = why

    def _unreachable(self, reason: str, retry_after: float | None = None, *, overloaded: bool = False) -> TransientError:
        url = str(self.http.base_url).rstrip("/")
        err = TransientError(f"central server {url} unreachable: {reason}", url=url, reason=reason, retry_after=retry_after,
                             overloaded=overloaded)
        self._went_offline(str(err))
        return err

    def _record_failure(self, exc: Exception) -> None:
        """Keep the last sync error in `meta` (sync_last_error, sync_last_error_at) so `status`
        in any process shows it; cleared by the next successful round. Never raises."""
        text = str(exc) if isinstance(exc, SyncError) else f"{type(exc).__name__}: {exc}"
        self.last_error = text
        try:
            with transaction(self.db):
                self.replica.set_meta("sync_last_error", text[:1000])
                self.replica.set_meta("sync_last_error_at", self.clock().isoformat())
        except Exception:  # a full disk or a locked file must not hide the sync error itself
            log.warning("could not record the sync error %r", text, exc_info=True)

    # ---- enrolment / bootstrap ---------------------------------------------------------------
    def enrol(self, token: str, terminal_id: str, device_name: str = "") -> dict[str, Any]:
        """Two-phase enrolment; the credential ends up in `credentials` only. See `sync.enrol.enrol`."""
        from sync.enrol import enrol

        return enrol(self, token, terminal_id, device_name)

    def revoke_device(self) -> dict[str, Any]:
        """POST /v1/device/revoke with the vault's credential (`unenroll`): {device_id, revoked_at}.

        Raises CredentialVaultUnavailable, NotEnrolled, AuthFailed (already revoked or unknown), TransientError."""
        return self._request("POST", "/v1/device/revoke")

    def bootstrap(self) -> PullReport:
        """Fill a fresh replica from the server (resumable: each page commits with its cursor)."""
        report = self.pull()
        self.fetch_allowances()
        return report

    # ---- push ----------------------------------------------------------------------------------
    def _envelope(self, row: tuple, store_id: str, terminal_id: str) -> dict[str, Any]:
        event_id, seq, type_, schema_version, payload_json, sha, created_at = row
        payload = json.loads(payload_json)
        based = payload.get("based_on_cursor")
        return {"event_id": event_id, "terminal_id": terminal_id, "store_id": store_id, "terminal_seq": seq, "type": type_,
                "schema_version": schema_version, "payload": payload, "payload_sha256": sha,
                "occurred_at": payload.get("occurred_at") or created_at,
                "based_on_cursor": based if isinstance(based, str) and _CURSOR_RE.match(based) else None,
                "app_version": str(payload.get("app_version") or __version__)[:64]}

    def pending_rows(self, limit: int) -> list[tuple]:
        return self.conn.execute(
            """SELECT event_id, terminal_seq, type, schema_version, payload, payload_sha256, created_at FROM outbox
               WHERE state = 'pending' ORDER BY terminal_seq LIMIT ?""", (limit,)).fetchall()

    def push(self, *, die_before_ack: Callable[[], None] | None = None) -> PushReport:
        """Drain the outbox once. Raises TransientError / AuthFailed; the caller retries.

        `die_before_ack` (tests): called after the server answered, before the local ack
        (the same point as `SyncFaults.push_answered`).
        """
        with self._lock:
            store_id = self.replica.get_meta("store_id") or ""
            terminal_id = self.replica.get_meta("terminal_id") or ""
            report = PushReport(statuses={})
            size = self.batch_size  # 1 after a refused batch: find the event the server refuses
            while True:
                rows = self.pending_rows(min(size, self.push_size))
                if not rows:
                    break
                rows, body = self._push_body(rows, store_id, terminal_id)
                self._fault("push_before_send", rows)
                started = time.monotonic()
                try:
                    ans = self._request("POST", "/v1/push", content=body, headers={"Content-Type": "application/json"})
                except TransientError as exc:
                    if exc.overloaded:
                        self._batch_answered(len(rows), None)  # the next attempt sends half of it
                    raise
                except RequestRefused as exc:
                    if len(rows) > 1:
                        size = 1  # find the event the server refuses
                        continue
                    report.stopped = str(exc)
                    if self._failed_attempt(rows[0], str(exc)):
                        report.dead += 1
                        continue
                    break
                report.sent += len(rows)
                self._batch_answered(len(rows), time.monotonic() - started)
                if die_before_ack is not None:
                    die_before_ack()
                self._fault("push_answered", ans)
                acked = self._record_answers(ans)
                self._fault("push_acked", ans)
                report.acked += acked
                for res in ans.get("results", []):
                    report.statuses[res["status"]] = report.statuses.get(res["status"], 0) + 1
                if ans.get("error"):
                    report.stopped = ans["error"].get("message")
                    if ans["error"].get("code") in TRANSIENT_PUSH_ERRORS:
                        break  # nothing wrong with the event: the next round sends it again, no attempt counted
                    unanswered = [r for r in rows if ans.get("acked_through_seq") is None or r[1] > ans["acked_through_seq"]]
                    if unanswered and self._failed_attempt(unanswered[0], report.stopped or "server error"):
                        report.dead += 1
                        continue
                    break
                if acked == 0:
                    break  # nothing moved: do not spin
            return report

    def _push_body(self, rows: list[tuple], store_id: str, terminal_id: str) -> tuple[list[tuple], bytes]:
        """The leading `rows` whose envelopes fit in PUSH_BODY_BYTES of JSON (at least one), and that body
        (UTF-8 JSON `{"events": [...]}`, as httpx would encode it). A batch of 100 events of 200 KiB each
        would pass the server's 8 MiB body limit (413) and then go one event at a time."""
        parts: list[bytes] = []
        size = len(b'{"events":[]}')
        for r in rows:
            part = json.dumps(self._envelope(r, store_id, terminal_id), ensure_ascii=False, separators=(",", ":"),
                              allow_nan=False).encode("utf-8")
            if parts and size + len(part) + 1 > PUSH_BODY_BYTES:
                break
            parts.append(part)
            size += len(part) + 1
        return rows[:len(parts)], b'{"events":[' + b",".join(parts) + b"]}"

    def _batch_answered(self, sent: int, took_s: float | None) -> None:
        """Adapt `push_size` to how a batch of `sent` events fared: `took_s` None (timed out or shed: 503/429/408/504)
        halves it, down to 1, so a batch the server could not judge in time is not sent again in full; answered
        within a quarter of the timeout, it doubles, up to `batch_size` (twice the events then still come back
        within half the timeout). Otherwise it stays. Nothing changes when `adaptive_batch` is off."""
        if not self.adaptive_batch:
            return
        if took_s is None:
            self.push_size = max(1, min(self.push_size, sent) // 2)
        elif took_s < (self.http.timeout.read or 10.0) / 4 and sent >= self.push_size:
            self.push_size = min(self.batch_size, self.push_size * 2)

    def _record_answers(self, ans: dict[str, Any]) -> int:
        results = ans.get("results") or []
        through = ans.get("acked_through_seq")
        if through is None or not results:
            return 0
        with transaction(self.db):
            acked = self._store_answers(results, through)
            self.replica.set_meta("sync_last_push_at", self.clock().isoformat())
            self._fault("push_ack_before_commit", ans)
        return acked

    def _store_answers(self, results: list[dict[str, Any]], through: int) -> int:
        """Store the server's answers and acknowledge their outbox rows (inside the caller's transaction)."""
        now = self.clock().isoformat()
        results = [res for res in results if res["terminal_seq"] <= through]
        for res in results:
            status = (res.get("original_status") or "accepted") if res["status"] == "duplicate" else res["status"]
            self.conn.execute(
                """INSERT INTO sync_results(event_id, terminal_seq, status, visible_seq, result, received_at) VALUES (?,?,?,?,?,?)
                   ON CONFLICT(event_id) DO UPDATE SET status = excluded.status, visible_seq = excluded.visible_seq,
                   result = excluded.result, received_at = excluded.received_at""",
                (res["event_id"], res["terminal_seq"], status, res.get("visible_seq"), json.dumps(res, ensure_ascii=False), now))
            for c in res.get("conflicts") or []:
                self.conn.execute(
                    """INSERT INTO sync_conflicts(event_id, terminal_seq, kind, decision, message, details, recorded_at)
                       VALUES (?,?,?,?,?,?,?) ON CONFLICT(event_id, kind) DO NOTHING""",
                    (res["event_id"], res["terminal_seq"], c["kind"], c.get("decision"), c["message"],
                     json.dumps(c.get("details", {}), ensure_ascii=False), now))
            if status == "rejected" and not res.get("conflicts"):
                err = res.get("error") or {}
                self.conn.execute(
                    """INSERT INTO sync_conflicts(event_id, terminal_seq, kind, decision, message, details, recorded_at)
                       VALUES (?,?,'rejected_event','not_applied',?,?,?) ON CONFLICT(event_id, kind) DO NOTHING""",
                    (res["event_id"], res["terminal_seq"], err.get("message", "rejected"), json.dumps(err, ensure_ascii=False), now))
        void_unissued_vouchers(self.conn, results)  # an exchange the server did not book issued no voucher (issue 15)
        ids = [res["event_id"] for res in results]
        marks = ",".join("?" * len(ids))
        cur = self.conn.execute(
            f"""UPDATE outbox SET state = 'acked', acked_at = ?, result = (SELECT status FROM sync_results s WHERE s.event_id = outbox.event_id)
                WHERE state = 'pending' AND terminal_seq <= ? AND event_id IN ({marks})""", (now, through, *ids))
        # a rejected event will never be in the server's state: drop it from the overlay (its conflict stays visible)
        self.conn.execute(
            f"""UPDATE outbox SET reflected = 1 WHERE reflected = 0 AND event_id IN ({marks})
                AND event_id IN (SELECT event_id FROM sync_results WHERE status = 'rejected')""", ids)
        return cur.rowcount

    def _failed_attempt(self, row: tuple, error: str) -> bool:
        """Count a non-transient failure of one event; dead-letter it after max_attempts. True if dead."""
        event_id, seq = row[0], row[1]
        now = self.clock().isoformat()
        with transaction(self.db):
            self.conn.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE event_id = ?", (error[:1000], event_id))
            attempts = self.conn.execute("SELECT attempts FROM outbox WHERE event_id = ?", (event_id,)).fetchone()[0]
            if attempts < self.max_attempts:
                return False
            self.conn.execute("UPDATE outbox SET state = 'dead' WHERE event_id = ?", (event_id,))
            self.conn.execute("INSERT OR REPLACE INTO sync_dead_letter(event_id, terminal_seq, error, attempts, dead_at) VALUES (?,?,?,?,?)",
                              (event_id, seq, error[:1000], attempts, now))
        log.error("event %s (seq %s) moved to the dead letter after %s attempts: %s", event_id, seq, attempts, error)
        return True

    # ---- pull ----------------------------------------------------------------------------------
    def pull(self, *, max_pages: int | None = None) -> PullReport:
        with self._lock:
            report = PullReport()
            self._quarantined, self._failed, self._page_cursor = 0, set(), None
            if self._secret_switched(renew=False):  # rows keyed under the file's own key: pull them all again
                self._begin_resync(None)
            cursor = self.replica.get_meta("pull_cursor")
            if cursor is None and self.conn.execute("SELECT 1 FROM stores LIMIT 1").fetchone():
                self._begin_resync(None)  # replica made from a file: reconcile it fully with the server
            renewed = salted = False
            while max_pages is None or report.pages < max_pages:
                params: dict[str, Any] = {"limit": self.page_size, **({"cursor": cursor} if cursor else {})}
                lowest_pending = self.conn.execute("SELECT MIN(terminal_seq) FROM outbox WHERE state = 'pending'").fetchone()[0]
                if lowest_pending is not None:
                    params["answers_from"] = lowest_pending
                page = self._request("GET", "/v1/pull", params=params)
                report.pages += 1
                if page.get("reset"):
                    report.reset = True
                    cursor = page["next_cursor"]
                    self._begin_resync(cursor)
                    continue
                self._fault("pull_page_received", page)
                if not salted and self._card_salt_changed(page):  # rows hashed with another salt: pull them all again
                    salted = True
                    cursor = None
                    self._begin_resync(None)
                    continue
                try:
                    reflected = self._apply_page(page)
                except _SecretLost:
                    if renewed:
                        raise
                    renewed = True  # the vault lost this replica's secret: a new one, and everything pulled again
                    self._secret_switched(renew=True)
                    cursor = None
                    self._begin_resync(None)
                    continue
                report.items += len(page["items"])
                report.reflected += reflected
                cursor = page["next_cursor"]
                if not page["has_more"]:
                    break
            report.cursor = cursor
            report.quarantined = self._quarantined
            return report

    def _begin_resync(self, cursor: str | None) -> None:
        with transaction(self.db):
            self.conn.execute("DELETE FROM sync_seen")
            self.conn.execute("DELETE FROM pull_staging")
            self.replica.set_meta("sync_resync", "1")
            if cursor is None:
                self.conn.execute("DELETE FROM meta WHERE key = 'pull_cursor'")
            else:
                self.replica.set_meta("pull_cursor", cursor)

    def _apply_page(self, page: dict[str, Any]) -> int:
        """Apply one page with its cursor in one transaction; returns how many events it reflected.

        While the pull is not caught up and this terminal has effects the replica does not
        reflect yet, pages are staged instead (table `pull_staging`) and applied with the last
        page: a row pulled mid-way may already include such an effect (a void, say), while the
        overlay goes on counting it until the last page decides reflection. Staged, the
        replica only ever moves from one caught-up state to the next.
        """
        with transaction(self.db):
            page = {**page, "items": self._private(self._verified(page))}
            staged = self.conn.execute("SELECT 1 FROM pull_staging LIMIT 1").fetchone() is not None
            if page["has_more"] and (staged or self._overlay_open()):
                self._stage(page["items"])
                self._fault("pull_page_mid_apply", page)
                self._set_cursor(page["next_cursor"], applied=False)
                self._fault("pull_page_before_commit", page)
                return 0
            if not staged:
                items = page["items"]
                return self._apply(page, lambda kind: ((it["key"], it["op"], it["body"]) for it in items if it["kind"] == kind))
            self._stage(page["items"])
            reflected = self._apply(page, self._staged_rows)
            self.conn.execute("DELETE FROM pull_staging")
            return reflected

    def _verified(self, page: dict[str, Any]) -> list[dict[str, Any]]:
        """The page's items minus the security rows (`sync.feedsig.SIGNED_KINDS`) whose signature by
        the pinned feed key is missing or wrong: those are quarantined (upserts and tombstones).
        No pinned key (enrolled before pinning): everything passes, with a warning."""
        items = page["items"]
        pin = self.replica.get_meta(PIN_META)
        if not any(it.get("kind") in SIGNED_KINDS for it in items):
            return items
        if not pin:
            log.warning("feed signatures not checked: this replica has no pinned feed key (enrolled before pinning); "
                        "enrol it again to pin the server's key")
            return items
        epoch, _ = split_cursor(page["next_cursor"])
        self._page_cursor = page["next_cursor"]
        kept = []
        for it in items:
            kind = it.get("kind")
            if kind in SIGNED_KINDS:
                body = it.get("body") if it.get("op") == "upsert" else None
                try:
                    msg = row_message(kind, it["key"], body, it["seq"], epoch)
                except (TypeError, ValueError, KeyError):
                    msg = b""
                if not msg or not verify(pin, msg, it.get("sig")):
                    body = it.get("body")
                    if kind == "staff" and isinstance(body, dict):
                        body = keyed.staff_body(body, self._secret())  # no usable hash is kept, even of a refused row
                    self._quarantine(kind, it.get("key", ""), body,
                                     "signature missing or wrong: not signed by the feed key pinned at enrolment "
                                     f"({'tombstone' if it.get('op') == 'delete' else 'row'} refused)")
                    continue
            kept.append(it)
        return kept

    # ---- keyed and minimised rows (least privilege) ------------------------------------------------
    def _secret(self):
        """The replica secret for keying pulled rows (inside a page transaction). _SecretLost when the
        vault answers that it holds none (or another) for this replica; CredentialVaultUnavailable
        when it is locked or unavailable."""
        try:
            secret = self.secrets.get()
        except CredentialVaultUnavailable as exc:
            if exc.state == "missing":
                raise _SecretLost(str(exc)) from exc
            raise
        if secret is None:  # pull() makes it before any page; a replica changed under us
            raise _SecretLost("this replica has no secret yet")
        return secret

    def _secret_switched(self, *, renew: bool) -> bool:
        """Make sure this syncing replica's secret is in the vault (made now if it has none, or `renew`).
        True when rows keyed under an earlier key may remain (they are pulled again)."""
        mode, check = self.secrets.mode, self.replica.get_meta("replica_secret_check")
        if not renew and mode == "vault" and check:
            return False
        _, rekeyed = self.secrets.vault_secret(renew=renew)
        if rekeyed:
            log.warning("replica secret %s: staff and members are pulled again in full",
                        "renewed (the vault no longer held it)" if renew else "moved into the OS credential vault")
        return rekeyed

    def _card_salt_changed(self, page: dict[str, Any]) -> bool:
        """Keep the page's card hash salt (`card_salt`, signed by the feed key when one is pinned) as the
        replica's. True when it replaced another salt while members were keyed with that one: the
        caller pulls everything again. A salt that is malformed or not signed by the pinned key is ignored."""
        salt = page.get("card_salt")
        if not isinstance(salt, str) or not re.fullmatch(r"[0-9a-f]{16,128}", salt):
            return False
        current = self.replica.card_hash_salt()
        if salt == current:
            return False
        pin = self.replica.get_meta(PIN_META)
        if pin:
            epoch, _ = split_cursor(page["next_cursor"])
            if not verify(pin, row_message("card_salt", "card_salt", {"salt": salt}, 0, epoch), page.get("card_salt_sig")):
                log.warning("card hash salt refused: not signed by the feed key pinned at enrolment")
                return False
        with transaction(self.db):
            self.replica.set_meta(keyed.META_SALT, salt)
            stale = self.conn.execute("SELECT 1 FROM members WHERE card_key IS NOT NULL UNION ALL "
                                      "SELECT 1 FROM coupon_instances WHERE number_key IS NOT NULL LIMIT 1").fetchone() is not None
        if stale:
            log.warning("the server's card hash salt differs from this replica's: members and coupons are pulled again in full")
        return stale and current is not None

    def _private(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Staff, member and coupon upserts in the form this terminal stores (terminal/storage/keyed.py):
        a PIN hash keyed, a member minimised with its card hash keyed, a coupon's number hash keyed (and
        a plain number never kept); a member or coupon row that cannot be (a malformed hash) is
        quarantined without its body. Other rows unchanged."""
        if not any(it.get("op") == "upsert" and it.get("kind") in ("staff", "member", "coupon", "value_account") for it in items):
            return items
        secret = None
        out = []
        for it in items:
            body, kind = it.get("body"), it.get("kind")
            if it.get("op") == "upsert" and isinstance(body, dict) and kind == "value_account":
                kind = "coupon"  # a gift card's number is keyed as a coupon's (terminal/storage/keyed.py coupon_body)
            if it.get("op") == "upsert" and isinstance(body, dict) and kind in ("staff", "member", "coupon"):
                if secret is None and (kind != "coupon" or body.get("number_hash") is not None or body.get("plain_code")):
                    secret = self._secret()  # a coupon without a number needs none (a locked vault still takes it)
                if kind == "staff":
                    it = {**it, "body": keyed.staff_body(body, secret)}
                else:
                    try:
                        # a server before minimising sends the plain number: hashed here with this replica's salt
                        hashed = "card_hash" if kind == "member" else "number_hash"
                        salt = keyed.salt(self.conn, create=True) if body.get(hashed) is None and body.get("plain_code") else None
                        it = {**it, "body": (keyed.member_body if kind == "member" else keyed.coupon_body)(body, secret, salt)}
                    except ValueError as exc:
                        self._quarantine(it["kind"], it.get("key", ""), None, f"{it['kind']} row not storable: {exc}")
                        continue
            out.append(it)
        return out

    def _overlay_open(self) -> bool:
        return self.conn.execute("SELECT 1 FROM outbox WHERE reflected = 0 LIMIT 1").fetchone() is not None

    def _stage(self, items: list[dict[str, Any]]) -> None:
        self.conn.executemany(
            "INSERT INTO pull_staging(kind, key, op, body) VALUES (?, ?, ?, ?)",
            [(it["kind"], it["key"], it["op"], json.dumps(it["body"], ensure_ascii=False) if it["op"] == "upsert" else None)
             for it in items if it["kind"] in KINDS or it["kind"] == "slice"])

    def _staged_rows(self, kind: str):
        """The last staged copy of each row of `kind` (a row that moved on was pulled again), read in chunks."""
        cur = self.conn.execute(
            """SELECT s.key, s.op, s.body FROM pull_staging s WHERE s.kind = ?
               AND s.pos = (SELECT MAX(t.pos) FROM pull_staging t WHERE t.kind = s.kind AND t.key = s.key) ORDER BY s.pos""", (kind,))
        while chunk := cur.fetchmany(_APPLY_CHUNK):
            for key, op, body in chunk:
                yield key, op, (json.loads(body) if body is not None else None)

    def _set_cursor(self, cursor: str, *, applied: bool) -> None:
        """`pull_cursor`: where the next page starts; `replica_cursor`: the state the replica shows."""
        self.replica.set_meta("pull_cursor", cursor)
        if applied:
            self.replica.set_meta("replica_cursor", cursor)
        self.conn.execute(
            "INSERT INTO sync_cursor(stream, cursor, updated_at) VALUES ('replica', ?, ?) "
            "ON CONFLICT(stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
            (cursor, self.clock().isoformat()))

    def _apply(self, page: dict[str, Any], rows_of: Callable[[str], Any]) -> int:
        """Upserts kind by kind (KINDS order: foreign keys), then tombstones, cursor, and on the last page reflection."""
        resync = self.replica.get_meta("sync_resync") == "1"
        deletes: list[tuple[str, str]] = []
        catalog_changed = False
        self._page_cursor = page["next_cursor"]
        for kind, (_table, _pk, cols) in KINDS.items():
            rows: list[tuple] = []
            keys: list[str] = []
            for key, op, body in rows_of(kind):
                catalog_changed |= kind in CATALOG_KINDS
                if op == "delete":
                    deletes.append((kind, key))
                    continue
                if not isinstance(body, dict):
                    self._quarantine(kind, key, body, "the pulled body is not an object")
                    continue
                if kind == "issuer_key" and body.get("public_key") in DEMO_PUBLIC_KEYS:
                    self._quarantine(kind, key, body, "the public DEMO issuer key: anyone can sign with it, "
                                                      "and a terminal that syncs never trusts it")
                    self.conn.execute("DELETE FROM issuer_keys WHERE key_id = ?", (body.get("key_id"),))
                    continue
                rows.append(tuple(body.get(c, _DEFAULTS.get(c)) if c != "origin" else "replica" for c in cols))
                keys.append(key)
                if len(rows) >= _APPLY_CHUNK:
                    self._upsert(kind, rows, keys, resync)
                    rows, keys = [], []
            self._upsert(kind, rows, keys, resync)
        self._fault("pull_page_mid_apply", page)
        for kind, key in deletes:
            self._delete(kind, key)
        for key, op, _body in list(rows_of("slice")):
            if op == "delete":  # the member left this store's slice: its rows go (sync/server/slices.py)
                self._leave_slice(key)
        self._set_cursor(page["next_cursor"], applied=True)
        reflected = 0
        if not page["has_more"]:
            if resync:
                self._sweep()
                catalog_changed = True
            _, seq = split_cursor(page["next_cursor"])
            self._store_pulled_answers(page.get("answers") or [], seq)
            reflected = self.conn.execute(
                """UPDATE outbox SET reflected = 1 WHERE reflected = 0 AND state = 'acked'
                   AND event_id IN (SELECT event_id FROM sync_results WHERE visible_seq <= ?)""", (seq,)).rowcount
            self.replica.set_meta("sync_last_pull_at", self.clock().isoformat())
        if catalog_changed:
            self.replica.bump_catalog_version()
        self._fault("pull_page_before_commit", page)
        return reflected

    def _upsert(self, kind: str, rows: list[tuple], keys: list[str], resync: bool) -> None:
        """Upsert a chunk; if any row fails, apply the chunk row by row and quarantine what fails."""
        if rows:
            self.conn.execute("SAVEPOINT chunk")
            try:
                self.conn.executemany(_UPSERT[kind], rows)
            except (sqlite3.Error, OverflowError):
                self.conn.execute("ROLLBACK TO chunk")
                self._upsert_one_by_one(kind, rows, keys)
            self.conn.execute("RELEASE chunk")
            if self.conn.execute("SELECT 1 FROM pull_quarantine WHERE kind = ? LIMIT 1", (kind,)).fetchone():
                self.conn.executemany("DELETE FROM pull_quarantine WHERE kind = ? AND key = ?",
                                      [(kind, k) for k in keys if (kind, k) not in self._failed])
        if resync and keys:
            self.conn.executemany("INSERT OR IGNORE INTO sync_seen(kind, key) VALUES (?, ?)", [(kind, k) for k in keys])

    def _upsert_one_by_one(self, kind: str, rows: list[tuple], keys: list[str]) -> None:
        cols = KINDS[kind][2]
        for row, key in zip(rows, keys):
            self.conn.execute("SAVEPOINT one")
            try:
                self.conn.execute(_UPSERT[kind], row)
            except (sqlite3.Error, OverflowError) as exc:
                self.conn.execute("ROLLBACK TO one")
                self._quarantine(kind, key, dict(zip(cols, row)), f"{type(exc).__name__}: {exc}")
            self.conn.execute("RELEASE one")

    def _quarantine(self, kind: str, key: str, body: Any, reason: str) -> None:
        """Keep a pulled row this replica cannot hold aside, with the reason; the pull goes on."""
        self._failed.add((kind, key))
        self._quarantined += 1
        log.warning("pulled %s %s quarantined: %s", kind, str(key)[:80], reason)
        try:
            text = json.dumps(body, ensure_ascii=False, default=str)[:10_000]
        except (TypeError, ValueError, RecursionError):
            text = None
        self.conn.execute(
            "INSERT INTO pull_quarantine(kind, key, body, reason, cursor, at) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(kind, key) DO UPDATE SET body = excluded.body, reason = excluded.reason, cursor = excluded.cursor, "
            "at = excluded.at", (kind, str(key)[:1000], text, reason[:1000], self._page_cursor, self.clock().isoformat()))

    def quarantined(self) -> list[dict[str, Any]]:
        """Pulled rows kept aside because this replica could not hold them (kind, key, reason, body, cursor, at)."""
        cols = ("kind", "key", "reason", "body", "cursor", "at")
        return [dict(zip(cols, r)) for r in self.conn.execute(f"SELECT {', '.join(cols)} FROM pull_quarantine ORDER BY at, kind, key")]

    def quarantine_report(self) -> dict[str, Any]:
        """This replica's quarantine as the server is told it (`sync.protocol.QuarantineReport`):
        {rows: [{kind, key, reason, row_sha256, cursor, seen_at}], more}. Never a row's body (a
        member's data, a PIN hash): only the SHA-256 of the copy kept in `pull_quarantine.body`.
        At most MAX_QUARANTINE_REPORT rows, oldest first; a row the protocol cannot carry (a key
        with control characters, overlong) is left out but counted in `more`, so the server never
        clears rows on a partial list. A reason is cut to 500 characters, control characters as "?"."""
        import hashlib
        from typing import get_args

        from sync.protocol import MAX_QUARANTINE_REPORT, EntityKind, printable_text

        kinds = set(get_args(EntityKind))
        rows, total = [], 0
        for kind, key, reason, body, cursor, at in self.conn.execute(
                "SELECT kind, key, reason, body, cursor, at FROM pull_quarantine ORDER BY at, kind, key"):
            total += 1
            if len(rows) >= MAX_QUARANTINE_REPORT or kind not in kinds or not isinstance(key, str) or not 1 <= len(key) <= 1000:
                continue
            try:
                printable_text(key)
                seen = datetime.fromisoformat(at)
            except (ValueError, TypeError):
                continue
            if seen.tzinfo is None:
                continue
            text = "".join(c if c >= " " and not "\x7f" <= c <= "\x9f" else "?" for c in (reason or "?"))[:500]
            try:
                printable_text(text)
            except ValueError:
                text = text.encode("ascii", "replace").decode()
            rows.append({"kind": kind, "key": key, "reason": text,
                         "row_sha256": hashlib.sha256(body.encode("utf-8", "replace")).hexdigest() if body is not None else None,
                         "cursor": cursor if isinstance(cursor, str) and _CURSOR_RE.match(cursor) else None,
                         "seen_at": seen.isoformat()})
        return {"rows": rows, "more": total - len(rows)}

    def report_quarantine(self) -> dict[str, Any] | None:
        """Tell the server what this replica holds in quarantine (POST /v1/quarantine; issue 13, 7),
        when it differs from what the server last acknowledged (meta `sync_quarantine_reported`:
        the SHA-256 of that report). A row that a later pull applied drops out of the table, so the
        next report tells the server it cleared. Returns the server's answer, or None when there
        was nothing new to say or the server refused the report (an older server without the
        route: logged, the round goes on). Raises TransientError, AuthFailed, CredentialVaultUnavailable."""
        import hashlib

        with self._lock:
            report = self.quarantine_report()
            digest = hashlib.sha256(json.dumps(report, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
            last = self.replica.get_meta("sync_quarantine_reported")
            if digest == last or (last is None and not report["rows"] and not report["more"]):
                return None
            try:
                answer = self._request("POST", "/v1/quarantine", json=report)
            except RequestRefused as exc:
                log.warning("the server did not take this terminal's quarantine report: %s", exc)
                return None
            with transaction(self.db):
                self.replica.set_meta("sync_quarantine_reported", digest)
            if answer.get("cleared"):
                log.info("reported %d quarantined row(s) to the server; %d cleared", len(report["rows"]) + report["more"],
                         answer["cleared"])
            return answer

    def _store_pulled_answers(self, answers: list[dict[str, Any]], seq: int) -> None:
        """Answers the last page carried: acknowledge pending events the server has (their push answer was lost)."""
        pending = dict(self.conn.execute("SELECT event_id, terminal_seq FROM outbox WHERE state = 'pending'").fetchall()) if answers else {}
        mine = [a for a in answers if isinstance(a, dict) and pending.get(a.get("event_id")) == a.get("terminal_seq")
                and isinstance(a.get("visible_seq"), int) and a["visible_seq"] <= seq]
        if mine:
            n = self._store_answers(mine, max(a["terminal_seq"] for a in mine))
            log.info("pull acknowledged %s event(s) whose push answer was lost", n)

    def _delete(self, kind: str, key: str) -> None:
        self.conn.execute("DELETE FROM pull_quarantine WHERE kind = ? AND key = ?", (kind, key))
        table, pk, _ = KINDS[kind]
        where = " AND ".join(f"{c} = ?" for c in pk)
        try:
            self.conn.execute("SAVEPOINT del")
            self.conn.execute(f"DELETE FROM {table} WHERE {where}", _pk_values(kind, key))
            self.conn.execute("RELEASE del")
        except sqlite3.IntegrityError:
            # still referenced by this terminal's ledgers: keep the row, unusable
            self.conn.execute("ROLLBACK TO del")
            self.conn.execute("RELEASE del")
            if kind == "member":
                self.conn.execute("UPDATE members SET status = 'blocked' WHERE id = ?", (key,))
            elif kind == "coupon":
                self.conn.execute("UPDATE coupon_instances SET status = 'voided' WHERE code = ?", (key,))
            elif kind == "point_lot":
                self.conn.execute("UPDATE point_lots SET points = 0 WHERE lot_id = ?", (key,))

    def _leave_slice(self, key: str) -> None:
        """A `slice` tombstone "<store>:<member>": delete the member's replica rows (coupons, lots, wallets,
        the member). A member this terminal still has local, unsynced rows of (or history that references
        it) is kept as it is: those rows must reach the server first; the server no longer sends it."""
        _, _, member_id = key.partition(":")
        if not member_id:
            return
        if self.conn.execute("SELECT 1 FROM point_lots WHERE member_id = ? AND origin <> 'replica' LIMIT 1", (member_id,)).fetchone() \
                or self.conn.execute("SELECT 1 FROM outbox WHERE reflected = 0 AND json_extract(payload, '$.member_id') = ? LIMIT 1",
                                     (member_id,)).fetchone():
            return
        self.conn.execute("SAVEPOINT slice_leave")
        try:
            self.conn.execute("DELETE FROM coupon_instances WHERE member_id = ? AND origin = 'replica'", (member_id,))
            self.conn.execute("DELETE FROM point_lots WHERE member_id = ?", (member_id,))
            self.conn.execute("DELETE FROM value_accounts WHERE member_id = ?", (member_id,))  # the member's wallets
            self.conn.execute("DELETE FROM member_purchases WHERE member_id = ?", (member_id,))
            self.conn.execute("DELETE FROM members WHERE id = ?", (member_id,))
        except sqlite3.IntegrityError:
            self.conn.execute("ROLLBACK TO slice_leave")  # still referenced (a signed coupon, history): kept
        self.conn.execute("RELEASE slice_leave")

    def lookup_member(self, *, member_id: str | None = None, card_hash: str | None = None) -> dict[str, Any]:
        """Ask the server for a member outside this store's slice (POST /v1/member-lookup), then pull:
        the member enters the store's slice and its rows arrive with the pull (cached in the replica).
        `card_hash`: the card number hashed with the chain's salt (`terminal.domain.member_data.card_hash`
        with the replica's `keyed` salt). Returns the server's answer; raises RequestRefused (404
        `unknown_member`, 422, 429 `rate_limited`: this till's lookups are bounded, it is not offline),
        TransientError (offline), AuthFailed."""
        body = {"member_id": member_id} if member_id is not None else {"card_hash": card_hash}
        with self._lock:
            answer = self._request("POST", "/v1/member-lookup", json=body, bounded=True)
        self.pull()
        return answer

    def search_members(self, *, phone: str | None = None, name: str | None = None) -> dict[str, Any]:
        """Find members by exact phone or by name (POST /v1/members/search, issue 17): {kind, results (masked:
        member_id, name, phone, tier_id, status), truncated}. Raises RequestRefused (422 `invalid_phone`,
        `invalid_name`; 429 `rate_limited`), TransientError (offline), AuthFailed."""
        body = {"phone": phone} if phone is not None else {"name": name}
        with self._lock:
            return self._request("POST", "/v1/members/search", json=body, bounded=True)

    def sign_up_member(self, *, name: str, phone: str, birth_month: int | None, consent: bool, request_id: str) -> dict[str, Any]:
        """Sign a new member up (POST /v1/members, issue 17), then pull: the member is in this store's slice and
        its row arrives with the pull. Returns the server's answer (masked name and phone, card_number, ...), with
        `pulled: False` when the member was signed up but the pull that follows failed.
        Raises RequestRefused (409 `phone_taken` with details.existing; 422 `invalid_*`, `consent_required`;
        429 `rate_limited`), TransientError (offline: nothing was signed up, or the answer was lost: retry with
        the same `request_id`), AuthFailed."""
        with self._lock:
            answer = self._request("POST", "/v1/members", json={"name": name, "phone": phone, "birth_month": birth_month,
                                                                "consent": consent, "request_id": request_id}, bounded=True)
        try:
            self.pull()
        except SyncError as exc:  # signed up all the same: the caller must not say "nothing was signed up"
            log.warning("pull after a member sign-up failed: %s", exc)
            answer = {**answer, "pulled": False}
        return answer

    def transfer_coupon(self, *, code: str, from_member: str, to_member: str, request_id: str) -> dict[str, Any]:
        """Give a voucher to another member (POST /v1/transfer; online only, issue 15), then pull so the
        replica shows the new owner. Raises RequestRefused (its `code`: the domain's reason, e.g. `gifted`,
        `wrong_member`, `transfer_not_allowed`; 404 `unknown_coupon`), TransientError (offline), AuthFailed."""
        with self._lock:
            answer = self._request("POST", "/v1/transfer", json={"code": code, "from_member": from_member, "to_member": to_member,
                                                                 "request_id": request_id})
        self.pull()
        return answer

    def _sweep(self) -> None:
        for kind in _SWEEP_KINDS:
            table, pk, _ = KINDS[kind]
            if kind == "revocation":
                keys = [f"{r[0]}:{r[1]}" for r in self.conn.execute("SELECT kind, value FROM revocations")]
            else:
                keys = [str(r[0]) for r in self.conn.execute(f"SELECT {pk[0]} FROM {table}" + (
                    " WHERE origin = 'replica'" if kind in ("coupon", "point_lot") else ""))]
            seen = {r[0] for r in self.conn.execute("SELECT key FROM sync_seen WHERE kind = ?", (kind,))}
            for key in keys:
                if key not in seen:
                    self._delete(kind, key)
        self.conn.execute("DELETE FROM sync_seen")
        self.conn.execute("DELETE FROM meta WHERE key = 'sync_resync'")
        self.conn.execute("DELETE FROM meta WHERE key = ?", (keyed.META_COUPONS_PENDING,))  # every coupon pulled again, keyed

    # ---- allowances ------------------------------------------------------------------------------
    def fetch_allowances(self) -> dict[str, Any]:
        """Fetch and store the offline allowance grant.

        The grant is a duration (`valid_until - granted_at`, the server's `valid_hours`). The
        counter checks it against the terminal's clock (`sync.allowances.current_grant`), so
        the stored `granted_at`/`valid_until` are on that clock: now + the duration. Stored as
        the server's timestamps, a terminal clock days ahead found every fresh grant expired
        (each offline voucher use needed a manager although the terminal synced normally),
        and one days behind kept a grant for days longer than granted. The server's own
        answer is kept unchanged in `body`."""
        a = self._request("GET", "/v1/allowances")
        pin = self.replica.get_meta(PIN_META)
        if pin and not verify(pin, allowances_message(a), a.get("sig")):
            log.warning("allowances refused: not signed by the feed key pinned at enrolment")
            raise SyncError("the server's offline allowances are not signed by the key pinned at enrolment: refused "
                            "(the current grant is kept until it expires)")
        now = self.clock()
        lasts = max(datetime.fromisoformat(a["valid_until"]) - datetime.fromisoformat(a["granted_at"]), timedelta(0))
        with transaction(self.db):
            self.conn.execute(
                """INSERT INTO sync_allowances(id, body, granted_at, valid_until) VALUES (1, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET body = excluded.body, granted_at = excluded.granted_at, valid_until = excluded.valid_until""",
                (json.dumps(a), now.isoformat(), (now + lasts).isoformat()))
        return a

    # ---- one full round and retries ----------------------------------------------------------------
    def sync_once(self) -> dict[str, Any]:
        """Push, then pull, then refresh allowances, then report the quarantine if it changed. Raises on
        failure (see module docstring)."""
        with self._lock:
            try:
                self.device_keys.ensure_registered(self)  # a terminal enrolled before device keys: made once, here
                pushed = self.push()
                pulled = self.pull()
                self.fetch_allowances()
                self.report_quarantine()  # what the pull kept aside, or cleared, goes to HQ
            except Exception as exc:
                self._record_failure(exc)
                raise
            now = self.clock().isoformat()
            with transaction(self.db):
                self.replica.set_meta("sync_last_success_at", now)
                self.conn.execute("DELETE FROM meta WHERE key IN ('sync_last_error', 'sync_last_error_at')")
            self.last_error = None
            return {"push": pushed, "pull": pulled}

    def backoff(self, attempt: int) -> float:
        """Capped exponential backoff with jitter: uniform in [d/2, d], d = min(cap, base * 2^attempt)."""
        d = min(self.backoff_cap, self.backoff_base * (2 ** attempt))
        return d / 2 + self.rng.random() * d / 2

    def retry_delay(self, exc: TransientError, attempt: int) -> float:
        """The backoff, but never shorter than the server's Retry-After: then Retry-After x uniform(1, 1.5), so
        terminals shed in the same second (a 503 `overloaded` tells them all 1 s) do not come back in the same
        instant. Seconds."""
        if not exc.retry_after:
            return self.backoff(attempt)
        return max(self.backoff(attempt), exc.retry_after * (1 + self.rng.random() / 2))

    def sync_with_retry(self, *, deadline_s: float = 60.0) -> dict[str, Any]:
        """sync_once until it succeeds and the outbox is drained, backing off on transient errors."""
        start = time.monotonic()
        attempt = 0
        while True:
            try:
                res = self.sync_once()
                if self.pending_count() == 0:
                    return res
            except TransientError as exc:
                if time.monotonic() - start > deadline_s:
                    raise
                self.sleep(self.retry_delay(exc, attempt))
                attempt += 1
                continue
            if time.monotonic() - start > deadline_s:
                return res

    # ---- status ------------------------------------------------------------------------------------
    def pending_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0]

    def _status_conn(self):
        conn = getattr(self._status_local, "conn", None)
        if conn is None:
            conn = open_database(self._path).conn if self._path else self.conn
            self._status_local.conn = conn
        return conn

    def status(self) -> SyncStatus:
        c = self._status_conn()
        pending, oldest = c.execute("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE state = 'pending'").fetchone()
        age = None
        if oldest:
            age = max(0.0, (self.clock() - datetime.fromisoformat(oldest)).total_seconds())
        last = c.execute("SELECT value FROM meta WHERE key = 'sync_last_success_at'").fetchone()
        error = dict(c.execute("SELECT key, value FROM meta WHERE key IN ('sync_last_error', 'sync_last_error_at')"))
        return SyncStatus(
            online=self.online, pending=pending, oldest_pending_age_s=age, last_success_at=last[0] if last else None,
            conflicts=c.execute("SELECT COUNT(*) FROM sync_conflicts WHERE resolved_at IS NULL").fetchone()[0],
            dead=c.execute("SELECT COUNT(*) FROM outbox WHERE state = 'dead'").fetchone()[0],
            last_error=error.get("sync_last_error", self.last_error), last_error_at=error.get("sync_last_error_at"),
            credential=self.credential_state,  # never reads the vault: no prompt, no wait
            enrolled=c.execute("SELECT 1 FROM meta WHERE key = 'sync_device_id'").fetchone() is not None,
        )

    def conflicts(self) -> list[dict[str, Any]]:
        cols = ("id", "event_id", "terminal_seq", "kind", "decision", "message", "details", "recorded_at", "resolved_at")
        out = []
        for r in self.conn.execute(f"SELECT {', '.join(cols)} FROM sync_conflicts ORDER BY id"):
            d = dict(zip(cols, r))
            d["details"] = json.loads(d["details"])
            out.append(d)
        return out


class SyncRunner:
    """Runs `sync_once` on a timer and at once on `wake()` (reconnect, new local write).

    Backs off (capped exponential + jitter) after transient failures; stops retrying after
    an auth failure until `wake()` (e.g. after re-enrolment). A credential vault that cannot
    be read (locked after a reboot, its prompt cancelled) is tried again every
    `vault_retry_s` seconds, not at every wake-up: each read of a locked vault may put an
    unlock prompt in front of the cashier.

    The timer has jitter: the next round after a quiet one comes `interval_s` x uniform(1 - jitter,
    1 + jitter) later (`next_interval`, drawn from `rng`, the client's by default), so terminals that
    came back online together (a central outage over) drift apart instead of pushing in lockstep.
    """

    def __init__(self, client: SyncClient, *, interval_s: float = 30.0, vault_retry_s: float = 120.0, jitter: float = 0.2,
                 rng: random.Random | None = None, maintenance: Callable[[], Any] | None = None) -> None:
        """`maintenance`: called on this thread after each successful round (replica retention,
        `terminal.storage.prune.prune_if_due`: at most once a day); its errors are logged, never raised."""
        if not 0 <= jitter < 1:
            raise ValueError(f"jitter must be in [0, 1), not {jitter!r}")
        self.client = client
        self.interval_s = interval_s
        self.jitter = jitter
        self.rng = rng or client.rng
        self.vault_retry_s = vault_retry_s
        self._vault_problem: str | None = None  # the vault state last logged as a problem
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0
        self.maintenance = maintenance
        # "sync now" (sync_now): requests numbered, the round that serves them records its outcome
        self._asked = threading.Condition()
        self._requests = 0
        self._served = 0
        self._outcome: dict[str, Any] | BaseException | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def sync_now(self, timeout: float = 60.0) -> dict[str, Any]:
        """A round at once, on the runner's thread, and its outcome: {"pushed", "acked", "pulled", "pending",
        "conflicts"} (counts). Raises what the round raised (TransientError offline, CredentialVaultUnavailable,
        AuthFailed, ...), or TimeoutError after `timeout` seconds without an answer (the round goes on). A round
        already under way when asked does not count: the answer is from one that started after the request.
        A vault held back after a failure is tried again at once (the manager asked). Blocks: call it from a
        background lane, never the GUI thread. RuntimeError when the runner is not running."""
        if self._thread is None or not self._thread.is_alive():
            raise RuntimeError("the sync runner is not running")
        with self._asked:
            self._requests += 1
            mine = self._requests
            self._wake.set()
            if not self._asked.wait_for(lambda: self._served >= mine or self._stop.is_set(), timeout):
                raise TimeoutError(f"no answer from the sync round within {timeout:g} s")
            outcome = self._outcome
        if self._served < mine or outcome is None:
            raise RuntimeError("the sync runner stopped")
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _serve(self, asked: int, outcome: dict[str, Any] | BaseException) -> None:
        if asked > self._served:
            with self._asked:
                self._served, self._outcome = asked, outcome
                self._asked.notify_all()

    def next_interval(self) -> float:
        """Seconds until the round after a successful one with nothing left to push: interval_s x uniform(1 - jitter, 1 + jitter)."""
        return self.interval_s * self.rng.uniform(1 - self.jitter, 1 + self.jitter)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        with self._asked:  # a "sync now" waiting gets its answer: stopped
            self._asked.notify_all()
        if self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        delay = 0.0
        hold_until = 0.0  # after a vault failure: wake-ups do not read the vault again before this
        while not self._stop.is_set():
            self._wake.wait(delay)
            self._wake.clear()
            if self._stop.is_set():
                break
            with self._asked:
                asked = self._requests  # "sync now" requests this round answers
            held = hold_until - time.monotonic()
            if held > 0 and asked <= self._served:
                delay = held
                continue
            try:
                res = self.client.sync_once()
                if self.failures:
                    log.info("sync: online again after %d failed attempt(s)", self.failures)
                if self._vault_problem:
                    log.info("sync: the credential vault can be read again")
                    self._vault_problem = None
                self.failures = 0
                push, pull = res["push"], res["pull"]
                if push.sent or pull.items or push.dead:  # quiet rounds stay out of the log
                    log.info("sync: pushed %d (acked %d, %s), dead %d; pulled %d change(s) in %d page(s)%s",
                             push.sent, push.acked, push.statuses or {}, push.dead, pull.items, pull.pages,
                             " after a server reset" if pull.reset else "")
                if self.maintenance is not None:
                    try:
                        self.maintenance()
                    except Exception:  # retention must never stop the sync thread
                        log.exception("replica maintenance after a sync round failed")
                pending = self.client.pending_count()
                delay = self.next_interval() if pending == 0 else 0.0
                self._serve(asked, {"pushed": push.sent, "acked": push.acked, "pulled": pull.items, "pending": pending,
                                    "conflicts": (push.statuses or {}).get("accepted_with_conflict", 0)})
            except TransientError as exc:
                self._serve(asked, exc)
                if self.failures == 0:  # once per outage, not every retry
                    log.warning("sync: %s (%s); %d sale(s) waiting, retrying with backoff",
                                "server busy" if exc.overloaded else "offline", exc, self.client.pending_count())
                delay = self.client.retry_delay(exc, self.failures)
                self.failures += 1
            except CredentialVaultUnavailable as exc:
                self._serve(asked, exc)
                if self._vault_problem != exc.state:  # once per state, not every retry
                    log.warning("sync paused: %s; %d sale(s) kept on this PC, trying the vault again every %ds "
                                "(this terminal is still enrolled: do not re-enrol)",
                                exc, self.client.pending_count(), self.vault_retry_s)
                    self._vault_problem = exc.state
                delay = self.vault_retry_s
                hold_until = time.monotonic() + delay
            except (AuthFailed, NotEnrolled) as exc:
                self._serve(asked, exc)
                log.error("sync stopped: %s (re-enrol this terminal: loyalty-terminal enroll --token ...)", exc)
                delay = 3600.0
            except Exception as exc:  # never let the sync thread die silently
                self._serve(asked, exc)
                log.exception("sync round failed")
                delay = self.client.backoff(self.failures)
                self.failures += 1
