"""Enrol this PC with the central server, give the enrolment up, and run sync in the background.

The one-time enrolment token is exchanged for a device credential that is stored ONLY in
the OS credential vault (keyring: Windows Credential Manager, macOS Keychain, Secret
Service on Linux) — never in a file. The replica keeps the server URL and device id.

Enrolment is two-phase (sync/enrol.py, docs/sync.md): a vault that refuses the credential
leaves the token usable and no device on the server. Three states of a terminal:

    not enrolled       the replica has no server URL                  -> `open_sync` returns None
    enrolled           server URL in the replica, credential readable  -> sync runs
    vault unavailable  server URL in the replica, but the vault is locked, missing, raises, or
                       holds no credential                             -> CredentialVaultUnavailable
                       (a SetupError: the CLI exits 4); the counter sells offline and retries

The server URL must be https://, or http:// to this PC itself (127.0.0.0/8, ::1, localhost):
the token and the credential are never sent in clear text over a network unless IT allows it
for a lab ([sync] allow_insecure_http = true, or LT_ALLOW_INSECURE_HTTP=1); `enroll`,
`unenroll` and `open_sync` (sync of an already stored URL) raise InsecureServerUrl otherwise.

Errors: EnrolmentError (cannot proceed; the message says what to do), InsecureServerUrl (an
EnrolmentError), CredentialVaultUnavailable (sync.credentials), and the sync client's errors
(sync/client.py).
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from sync.client import (AuthFailed, CredentialStore, CredentialVaultUnavailable, KeyringCredentialStore,
                         MemoryCredentialStore, SyncClient, SyncError, SyncRunner, TransientError)
from sync.credentials import backend_name, vault_error
from terminal.provisioning.bootstrap import open_replica
from terminal.storage.db import transaction

log = logging.getLogger("terminal.enrolment")

META_SERVER_URL = "sync_server_url"  # present = enrolled
META_DEVICE_ID = "sync_device_id"
META_PREVIOUS_SERVER_URL = "sync_previous_server_url"  # kept by `unenroll`: `enroll --token NEW` needs no --server
META_PREVIOUS_DEVICE_ID = "sync_previous_device_id"
ADMIN_REVOKE = "python -m sync.server.admin --db central.db revoke-device --device {device} --reason unenrolled"

#: what to do about each vault state; said by the CLI, the enrolment dialog and the log
VAULT_ADVICE = {
    "locked": ("unlock it (on a Linux counter PC log in to the desktop session so that its login keyring opens, "
               "see the IT guide, 'Credential vault', or answer the keyring's unlock prompt; on Windows and macOS "
               "sign in as the user who enrolled this PC)"),
    "unavailable": ("on Linux the desktop session's Secret Service (GNOME Keyring or KWallet) must be running and "
                    "reachable on the session D-Bus; on Windows, Credential Manager; 'loyalty-terminal about' shows "
                    "the keyring backend in use"),
    "missing": ("run the terminal as the user who enrolled this PC (each user has their own vault), or re-enrol it "
                "with a new token ('enroll --token NEW'); the sales on this PC are kept either way"),
}


class EnrolmentError(RuntimeError):
    """Enrolment cannot proceed; the message says what to do (in English, for the CLI and the log).

    `code`: a stable id for a window to word it in its language ("bad_url", "terminal_id_missing",
    "replica_of_other_terminal", "insecure_url", or "" ); other keyword arguments are its figures,
    kept as attributes (`known`, `requested` terminal ids)."""

    def __init__(self, message: str, *, code: str = "", **figures: str) -> None:
        super().__init__(message)
        self.code = code
        for key, value in figures.items():
            setattr(self, key, value)


class InsecureServerUrl(EnrolmentError):
    """A plain http:// server URL to another host than this PC, without [sync] allow_insecure_http."""


INSECURE_SETTING = "[sync] allow_insecure_http = true in the config file, or the environment LT_ALLOW_INSECURE_HTTP=1"


def _loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback  # 127.0.0.0/8, ::1
    except ValueError:
        return False


def check_server_url(url: str, *, allow_insecure_http: bool = False, doing: str = "send the enrolment token and "
                     "the device credential") -> str:
    """`url` when this terminal may talk to it: https://, or http:// to a loopback host, or any http://
    when `allow_insecure_http` (a lab). Raises EnrolmentError (not http(s):// or no host) or
    InsecureServerUrl (plain http:// to another host), naming the setting that allows it."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise EnrolmentError(f"server URL must start with http:// or https:// and name a host, not {url!r}", code="bad_url")
    if scheme == "https" or allow_insecure_http or _loopback(parts.hostname):
        return url
    raise InsecureServerUrl(
        f"refusing to {doing} in clear text to {url}: use https://{parts.netloc}{parts.path}; plain http:// is "
        f"accepted only to this PC itself (127.0.0.1, ::1, localhost) unless IT allows it for a lab network with "
        f"{INSECURE_SETTING}")


def _sentence(text: object) -> str:
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _usable(backend) -> bool:
    from keyring.backends import fail

    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def keyring_store(terminal_id: str) -> KeyringCredentialStore:
    """The OS vault, or CredentialVaultUnavailable (state "unavailable") naming what to install when there is none."""
    import keyring

    if not _usable(keyring.get_keyring()):
        name = backend_name()
        raise CredentialVaultUnavailable(
            f"No OS credential vault is available (keyring backend: {name}). On Linux install and unlock a Secret "
            "Service provider (e.g. apt-get install gnome-keyring) and run from a desktop session; Windows and "
            "macOS have one built in.", state="unavailable", cause="no keyring backend", backend=name)
    return KeyringCredentialStore(account=terminal_id)


CredentialFactory = Callable[[str], CredentialStore]


class EnrolledCredential:
    """The credential of an ENROLLED terminal: a vault that cannot give it is never "not enrolled".

    get() returns the credential or raises CredentialVaultUnavailable (state locked / unavailable /
    missing) whose message says the terminal is enrolled, which device, and what to do. The vault
    is asked again at every get() (it may have been unlocked since)."""

    def __init__(self, factory: CredentialFactory, terminal_id: str, device_id: str | None, server_url: str) -> None:
        self.factory, self.terminal_id, self.device_id, self.server_url = factory, terminal_id, device_id, server_url

    def _error(self, state: str, cause: str) -> CredentialVaultUnavailable:
        what = {"locked": "its credential vault is locked", "missing": "its device credential is missing from the "
                "credential vault"}.get(state, "its credential vault is unavailable")
        return CredentialVaultUnavailable(
            f"this terminal is enrolled (device {self.device_id or '?'} with {self.server_url}), but {what} ({cause}). "
            f"Sales stay on this PC and are sent once the credential can be read: {VAULT_ADVICE[state]}.",
            state=state, cause=cause)

    def get(self) -> str:
        try:
            cred = self.factory(self.terminal_id).get()
        except CredentialVaultUnavailable as exc:
            raise self._error(exc.state, exc.cause or str(exc)) from exc
        except Exception as exc:  # a vault that is not a KeyringCredentialStore, or a factory's own error
            err = vault_error(exc, "reading", type(exc).__module__)
            raise self._error(err.state, err.cause) from exc
        if not cred:
            raise self._error("missing", f"no entry 'loyalty-terminal' / {self.terminal_id!r}")
        return cred

    def set(self, credential: str) -> None:
        self.factory(self.terminal_id).set(credential)

    def delete(self) -> None:
        self.factory(self.terminal_id).delete()

    def pending(self) -> CredentialStore:
        return self.factory(self.terminal_id).pending()

    def replica_secret(self, replica_id: str) -> CredentialStore:
        """The vault entry of the replica secret (terminal/storage/replica_secret.py), beside the credential."""
        return self.factory(self.terminal_id).replica_secret(replica_id)

    def device_key(self, device_id: str) -> CredentialStore:
        """The vault entry of the device's private signing key (sync/device_key.py), beside the credential."""
        return self.factory(self.terminal_id).device_key(device_id)


def known_server_url(db_path: str | Path) -> str | None:
    """The server URL this replica is (or was last) enrolled with, or None (also for no replica yet)."""
    if not Path(db_path).exists():
        return None
    replica = open_replica(db_path)
    try:
        return replica.get_meta(META_SERVER_URL) or replica.get_meta(META_PREVIOUS_SERVER_URL)
    finally:
        replica.db.conn.close()


def enroll(db_path: str | Path, *, server_url: str, token: str, terminal_id: str | None = None,
           credentials: CredentialFactory = keyring_store, allow_insecure_http: bool = False) -> dict[str, Any]:
    """Exchange the token (two-phase), keep the credential in the vault, bootstrap a fresh replica.

    Returns {device_id, store_id, terminal_id, server_url, server_epoch, status, already_confirmed,
    replaced (device ids of this terminal the server revoked for this one), bootstrapped,
    pulled_items}. Raises EnrolmentError (bad URL, missing terminal id, a replica of another
    terminal), InsecureServerUrl (plain http:// to another host, see the module docstring),
    CredentialVaultUnavailable (the vault refused: nothing enrolled, the token still usable), and
    the sync client's errors (bad/used token, server unreachable, RequestRefused 409 for a terminal
    id in use by another device)."""
    check_server_url(server_url, allow_insecure_http=allow_insecure_http)
    replica = open_replica(db_path)
    try:
        known = replica.get_meta("terminal_id")
        terminal_id = terminal_id or known
        if not terminal_id:
            raise EnrolmentError("give --terminal ID for a new terminal (e.g. the PC's asset tag)", code="terminal_id_missing")
        if known and terminal_id != known and replica.conn.execute("SELECT 1 FROM outbox LIMIT 1").fetchone():
            raise EnrolmentError(f"this replica holds sales of terminal {known}; re-enrol it as {known} "
                                 f"(or give this PC a fresh replica to enrol it as {terminal_id})",
                                 code="replica_of_other_terminal", known=known, requested=terminal_id)
        client = SyncClient(replica, server_url, credentials(terminal_id))
        try:
            try:
                info = client.enrol(token, terminal_id)
            except CredentialVaultUnavailable as exc:
                if getattr(exc, "worded", False):  # sync.enrol said all there is to say
                    raise
                raise CredentialVaultUnavailable(
                    f"could not keep the device credential in the credential vault: {_sentence(exc)} Nothing was enrolled and "
                    f"the token is still valid: {VAULT_ADVICE.get(exc.state, VAULT_ADVICE['unavailable'])}; then run "
                    "the same enrolment again.", state=exc.state, cause=exc.cause, backend=exc.backend) from exc
            with transaction(replica.db):
                replica.set_meta(META_SERVER_URL, server_url)
                replica.conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (META_PREVIOUS_SERVER_URL, META_PREVIOUS_DEVICE_ID))
            if info.get("replaced"):
                log.info("enrolment replaced earlier device(s) of terminal %s: %s", terminal_id, ", ".join(info["replaced"]))
            fresh = replica.conn.execute("SELECT COUNT(*) FROM stores").fetchone()[0] == 0
            report = client.bootstrap() if fresh else client.pull()
        finally:
            client.close()
        return {**info, "terminal_id": terminal_id, "server_url": server_url, "bootstrapped": fresh,
                "pulled_items": report.items}
    finally:
        replica.db.conn.close()


def unenroll(db_path: str | Path, *, credentials: CredentialFactory = keyring_store,
             allow_insecure_http: bool = False) -> dict[str, Any]:
    """Revoke the device credential on the server, then forget it (vault) and the server URL; local data stays.

    Returns {terminal_id, enrolled: False, device_id, server_url, revoked_on_server: True (revoked now,
    or the server already refused it) | False (it could not be told) | None (nothing to revoke),
    server_error, server_unreachable (network/5xx rather than a refusal), admin_command (for the
    server admin when it could not be told)}. Raises CredentialVaultUnavailable when the vault
    cannot be read, InsecureServerUrl when the stored URL is plain http:// to another host and
    that is not allowed (nothing is changed then)."""
    replica = open_replica(db_path)
    try:
        terminal_id = replica.get_meta("terminal_id") or ""
        url = replica.get_meta(META_SERVER_URL)
        device_id = replica.get_meta(META_DEVICE_ID)
        admin = ADMIN_REVOKE.format(device=device_id or "<device id from list-devices>")
        if url:
            try:
                check_server_url(url, allow_insecure_http=allow_insecure_http, doing="send the device credential")
            except InsecureServerUrl as exc:
                raise InsecureServerUrl(f"cannot unenroll terminal {terminal_id}: {exc}. Nothing was changed; or have the "
                                        f"server admin revoke this device: {admin}") from None
        try:
            store = credentials(terminal_id)
            credential = store.get()
        except Exception as exc:
            err = exc if isinstance(exc, CredentialVaultUnavailable) else vault_error(exc, "reading", "vault")
            raise CredentialVaultUnavailable(
                f"cannot unenroll terminal {terminal_id}: {_sentence(err)} Nothing was changed: "
                f"{VAULT_ADVICE.get(err.state, VAULT_ADVICE['unavailable'])}, then run unenroll again"
                + (f"; or have the server admin revoke this device: {admin}" if url else ""),
                state=err.state, cause=getattr(err, "cause", ""), backend=getattr(err, "backend", "")) from exc
        revoked, server_error, unreachable = None, None, False
        if credential and url:
            revoked, server_error, unreachable = _revoke_on_server(replica, url, credential)
            if revoked is False:  # the log is where IT looks after an uninstall
                log.warning("unenroll: device %s is still accepted by %s; the server admin revokes it with: %s",
                            device_id, url, admin)
        _give_up_pending(replica, store, url)
        store.delete()
        with transaction(replica.db):
            if url:
                replica.set_meta(META_PREVIOUS_SERVER_URL, url)
            if device_id:
                replica.set_meta(META_PREVIOUS_DEVICE_ID, device_id)
            replica.conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (META_SERVER_URL, META_DEVICE_ID))
        return {"terminal_id": terminal_id, "enrolled": False, "device_id": device_id, "server_url": url,
                "revoked_on_server": revoked, "server_error": server_error, "server_unreachable": unreachable,
                "admin_command": admin if revoked is False else None}
    finally:
        replica.db.conn.close()


def _give_up_pending(replica, store: CredentialStore, url: str | None) -> None:
    """Best effort: the credential of an interrupted re-enrolment (the vault's pending entry; the
    server may have confirmed it) is revoked or cancelled on the server too, then forgotten."""
    try:
        staging = store.pending()
        credential = staging.get()
        if credential and url:
            revoked, error, _ = _revoke_on_server(replica, url, credential)
            if revoked is False:
                log.warning("unenroll: the credential of an interrupted re-enrolment could not be revoked on %s (%s); "
                            "list-devices on the server shows the device", url, error)
        if credential:
            staging.delete()
    except Exception:  # the working credential's revocation is what unenroll is about: never stop it here
        log.warning("unenroll: could not check the vault's pending enrolment entry", exc_info=True)


def _revoke_on_server(replica, url: str, credential: str) -> tuple[bool, str | None, bool]:
    """(True, None, False): revoked, or the server already refused it; (False, why, unreachable) when it could not be told."""
    client = SyncClient(replica, url, MemoryCredentialStore(credential), timeout=10.0)
    try:
        client.revoke_device()
        return True, None, False
    except AuthFailed as exc:
        if exc.code == "enrolment_not_confirmed":  # a pending enrolment: give its token back instead
            try:
                client._request("POST", "/v1/enrol/cancel", credential=credential)
            except SyncError:
                pass
        log.info("unenroll: the server already refuses this credential (%s)", exc)
        return True, None, False
    except SyncError as exc:
        log.warning("unenroll: the server could not be told (%s)", exc)
        return False, str(exc), isinstance(exc, TransientError)
    finally:
        client.close()


@dataclass
class SyncHandle:
    client: SyncClient
    runner: SyncRunner | None

    def status(self) -> dict[str, Any]:
        """Live sync status; never reads the vault (`credential` is its state at the last read)."""
        st = self.client.status().to_dict()
        oldest = st.get("oldest_pending_age_s")
        return {**st, "sync_configured": True, "oldest_pending_age_s": oldest}

    def check_credential(self) -> CredentialVaultUnavailable | None:
        """Read the vault now: None when the credential is there, else the error (also kept in status())."""
        try:
            self.client.read_credential()
        except CredentialVaultUnavailable as exc:
            return exc
        return None

    def sync_now(self, timeout: float = 60.0) -> dict[str, Any]:
        """One sync round at once ("Sync now"), on the runner's thread: its counts (SyncRunner.sync_now), or
        what it raised. Without a runner, the round runs here (the caller's thread). Blocks."""
        if self.runner is None:
            res = self.client.sync_once()
            return {"pushed": res["push"].sent, "acked": res["push"].acked, "pulled": res["pull"].items,
                    "pending": self.client.pending_count(),
                    "conflicts": (res["push"].statuses or {}).get("accepted_with_conflict", 0)}
        return self.runner.sync_now(timeout)

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.stop()
        self.client.close()
        self.client.conn.close()


def open_sync(db_path: str | Path, *, credentials: CredentialFactory = keyring_store, start: bool = True,
              interval_s: float = 30.0, vault_retry_s: float = 120.0, allow_insecure_http: bool = False,
              retention_days: int | None = None) -> SyncHandle | None:
    """A sync client on its OWN connection (never the counter's worker connection), or None
    when this terminal is not enrolled. Raises InsecureServerUrl when the stored server URL is
    plain http:// to another host and `allow_insecure_http` is off (nothing is sent then).

    The vault is not read here: an enrolled terminal whose vault is locked still gets a handle
    (the first sync call, on the runner's thread when `start`, raises or records
    CredentialVaultUnavailable and the runner tries again every `vault_retry_s` seconds), so
    a locked keyring or a cancelled unlock prompt never stops the counter window. `retention_days`
    (None: off): the runner prunes the replica after a successful round, at most once a day
    (terminal/storage/prune.py)."""
    replica = open_replica(db_path)
    url = replica.get_meta(META_SERVER_URL)
    if not url:
        replica.db.conn.close()
        return None
    try:
        check_server_url(url, allow_insecure_http=allow_insecure_http, doing="send the device credential and the sales")
    except InsecureServerUrl as exc:
        replica.db.conn.close()
        raise InsecureServerUrl(f"this terminal is enrolled with {url}, but sync is off: {exc}") from None
    vault = EnrolledCredential(credentials, replica.get_meta("terminal_id") or "", replica.get_meta(META_DEVICE_ID), url)
    client = SyncClient(replica, url, vault)
    maintenance = None
    if retention_days is not None:
        from terminal.storage.prune import RetentionPolicy, prune_if_due

        policy = RetentionPolicy(days=retention_days)
        maintenance = lambda: prune_if_due(client.db, policy)  # noqa: E731 - on the sync thread, its own connection
    runner = SyncRunner(client, interval_s=interval_s, vault_retry_s=vault_retry_s, maintenance=maintenance) if start else None
    if runner is not None:
        runner.start()
    return SyncHandle(client, runner)


def attach(service, handle: SyncHandle) -> None:
    """Show live sync status at the counter and wake the pusher after every local write."""
    service.sync_status = handle.status
    service.sync_now = handle.sync_now
    if handle.runner is not None:
        service.after_write = handle.runner.wake

