"""Enrol this PC with the central server and run sync in the background.

The one-time enrolment token is exchanged for a device credential that is stored ONLY in
the OS credential vault (keyring: Windows Credential Manager, macOS Keychain, Secret
Service on Linux) — never in a file. The replica keeps the server URL and device id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from sync.client import CredentialStore, KeyringCredentialStore, SyncClient, SyncRunner
from terminal.bootstrap import open_replica
from terminal.storage.db import transaction

META_SERVER_URL = "sync_server_url"


class EnrolmentError(RuntimeError):
    """Enrolment cannot proceed; the message says what to do."""


def keyring_store(terminal_id: str) -> KeyringCredentialStore:
    """The OS vault, or a clear error naming what to install when there is none."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise EnrolmentError(
            "No OS credential vault is available (keyring backend: "
            f"{type(backend).__module__}.{type(backend).__name__}). On Linux install and unlock a Secret Service "
            "provider (e.g. apt-get install gnome-keyring) and run from a desktop session; Windows and macOS have one built in."
        )
    return KeyringCredentialStore(account=terminal_id)


CredentialFactory = Callable[[str], CredentialStore]


def enroll(db_path: str | Path, *, server_url: str, token: str, terminal_id: str | None = None,
           credentials: CredentialFactory = keyring_store) -> dict[str, Any]:
    """Exchange the token, keep the credential in the vault, bootstrap a fresh replica."""
    if not server_url.startswith(("http://", "https://")):
        raise EnrolmentError(f"server URL must start with http:// or https://, not {server_url!r}")
    replica = open_replica(db_path)
    try:
        known = replica.get_meta("terminal_id")
        terminal_id = terminal_id or known
        if not terminal_id:
            raise EnrolmentError("give --terminal ID for a new terminal (e.g. the PC's asset tag)")
        if known and terminal_id != known and replica.conn.execute("SELECT 1 FROM outbox LIMIT 1").fetchone():
            raise EnrolmentError(f"this replica holds sales of terminal {known}; re-enrol it as {known} "
                                 f"(or give this PC a fresh replica to enrol it as {terminal_id})")
        store = credentials(terminal_id)
        client = SyncClient(replica, server_url, store)
        try:
            info = client.enrol(token, terminal_id)
            with transaction(replica.db):
                replica.set_meta(META_SERVER_URL, server_url)
            fresh = replica.conn.execute("SELECT COUNT(*) FROM stores").fetchone()[0] == 0
            report = client.bootstrap() if fresh else client.pull()
        finally:
            client.close()
        return {**info, "terminal_id": terminal_id, "server_url": server_url, "bootstrapped": fresh,
                "pulled_items": report.items}
    finally:
        replica.db.conn.close()


def unenroll(db_path: str | Path, *, credentials: CredentialFactory = keyring_store) -> dict[str, Any]:
    """Forget the device credential (vault) and the server URL; local data stays."""
    replica = open_replica(db_path)
    try:
        terminal_id = replica.get_meta("terminal_id") or ""
        credentials(terminal_id).delete()
        with transaction(replica.db):
            replica.conn.execute("DELETE FROM meta WHERE key = ?", (META_SERVER_URL,))
        return {"terminal_id": terminal_id, "enrolled": False}
    finally:
        replica.db.conn.close()


@dataclass
class SyncHandle:
    client: SyncClient
    runner: SyncRunner | None

    def status(self) -> dict[str, Any]:
        st = self.client.status().to_dict()
        oldest = st.get("oldest_pending_age_s")
        return {**st, "sync_configured": True, "oldest_pending_age_s": oldest}

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.stop()
        self.client.close()
        self.client.conn.close()


def open_sync(db_path: str | Path, *, credentials: CredentialFactory = keyring_store, start: bool = True,
              interval_s: float = 30.0) -> SyncHandle | None:
    """A sync client on its OWN connection (never the counter's worker connection), or None
    when this terminal is not enrolled."""
    replica = open_replica(db_path)
    url = replica.get_meta(META_SERVER_URL)
    terminal_id = replica.get_meta("terminal_id") or ""
    try:
        store = credentials(terminal_id) if url else None
    except EnrolmentError:
        store = None
    if not url or store is None or not store.get():
        replica.db.conn.close()
        return None
    client = SyncClient(replica, url, store)
    runner = SyncRunner(client, interval_s=interval_s) if start else None
    if runner is not None:
        runner.start()
    return SyncHandle(client, runner)


def attach(service, handle: SyncHandle) -> None:
    """Show live sync status at the counter and wake the pusher after every local write."""
    service.sync_status = handle.status
    if handle.runner is not None:
        service.after_write = handle.runner.wake
