"""Where a terminal keeps its device credential: the OS credential vault.

    CredentialStore              protocol: get() -> str | None, set(credential), delete(),
                                 pending() -> CredentialStore (the entry for an enrolment not confirmed yet)
                                 replica_secret(replica_id) -> CredentialStore (the entry holding a
                                 replica's secret, terminal/storage/replica_secret.py)
                                 device_key(device_id) -> CredentialStore (the entry holding the device's
                                 private signing key, sync/device_key.py)
      MemoryCredentialStore      tests and tools
      KeyringCredentialStore     Windows Credential Manager, macOS Keychain, Secret Service (keyring)

Two entries per terminal: the WORKING credential (service "loyalty-terminal", account = terminal
id) and, only during an enrolment, the PENDING one (service "loyalty-terminal.pending"). A
re-enrolment keeps the working credential untouched until the server has confirmed the new one,
then swaps it in (sync/enrol.py): a confirmation lost on the network leaves the till working.

Errors: whatever goes wrong INSIDE the vault (a locked GNOME keyring after a reboot, an unlock
prompt cancelled, no Secret Service on a headless box, a Credential Manager error, any other
exception of a keyring backend) is raised as `CredentialVaultUnavailable`, never passed on raw
and never mistaken for "no credential": `get()` returns None only when the vault answered
that it holds none. `CredentialVaultUnavailable` (sync/client.py, with the other sync
errors; imported lazily here, as sync.client imports this module) is a `SyncError` and a
`SetupError` (the CLI exits 4) and says which vault, what it was doing and why; the
credential itself is never part of a message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Protocol, TypeVar

if TYPE_CHECKING:
    from sync.client import CredentialVaultUnavailable

T = TypeVar("T")

SERVICE = "loyalty-terminal"  # the vault entry: service "loyalty-terminal", account = terminal id
PENDING_SUFFIX = ".pending"  # service of the entry holding a credential until its enrolment is confirmed
REPLICA_SECRET_SERVICE = SERVICE + ".replica-secret"  # entry of a replica's secret; account = replica id
DEVICE_KEY_SERVICE = SERVICE + ".device-key"  # entry of a device's Ed25519 signing key; account = device id


class CredentialStore(Protocol):
    def get(self) -> str | None: ...
    def set(self, credential: str) -> None: ...
    def delete(self) -> None: ...
    def pending(self) -> CredentialStore: ...
    def replica_secret(self, replica_id: str) -> CredentialStore: ...
    def device_key(self, device_id: str) -> CredentialStore: ...


class MemoryCredentialStore:
    def __init__(self, credential: str | None = None) -> None:
        self._c = credential
        self._pending: MemoryCredentialStore | None = None
        self._secrets: dict[str, MemoryCredentialStore] = {}

    def pending(self) -> MemoryCredentialStore:
        """The separate entry for a credential whose enrolment is not confirmed yet."""
        if self._pending is None:
            self._pending = MemoryCredentialStore()
        return self._pending

    def replica_secret(self, replica_id: str) -> MemoryCredentialStore:
        """The separate entry holding the secret of replica `replica_id`."""
        return self._secrets.setdefault(replica_id, MemoryCredentialStore())

    def device_key(self, device_id: str) -> MemoryCredentialStore:
        """The separate entry holding device `device_id`'s private signing key."""
        return self._secrets.setdefault("device-key:" + device_id, MemoryCredentialStore())

    def get(self) -> str | None:
        return self._c

    def set(self, credential: str) -> None:
        self._c = credential

    def delete(self) -> None:
        self._c = None


def backend_name() -> str:
    import keyring

    kr = keyring.get_keyring()
    return f"{type(kr).__module__}.{type(kr).__name__}"


def vault_error(exc: BaseException, doing: str, backend: str) -> CredentialVaultUnavailable:
    """`exc` raised by a vault while `doing` ("reading", "storing", "deleting") as a CredentialVaultUnavailable."""
    from keyring.errors import KeyringLocked

    from sync.client import CredentialVaultUnavailable

    cause = (f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__).splitlines()[0][:300]
    text = f"{type(exc).__name__} {exc}".lower()
    locked = isinstance(exc, KeyringLocked) or "locked" in text or "dismissed" in text
    state = "locked" if locked else "unavailable"
    what = "is locked" if locked else "failed"
    return CredentialVaultUnavailable(f"the OS credential vault ({backend}) {what} while {doing} the device credential: {cause}",
                                      state=state, cause=cause, backend=backend)


class KeyringCredentialStore:
    """The OS credential vault (Windows Credential Manager, macOS Keychain, Secret Service).

    Every method raises CredentialVaultUnavailable when the vault fails (see the module docstring)."""

    def __init__(self, account: str, service: str = SERVICE) -> None:
        self.service, self.account = service, account

    def pending(self) -> KeyringCredentialStore:
        """The vault entry (service + ".pending", same account) for a credential whose enrolment is not confirmed yet."""
        return KeyringCredentialStore(self.account, service=self.service + PENDING_SUFFIX)

    def replica_secret(self, replica_id: str) -> KeyringCredentialStore:
        """The vault entry (service "loyalty-terminal.replica-secret", account = replica id) of a replica's secret."""
        return KeyringCredentialStore(replica_id, service=REPLICA_SECRET_SERVICE)

    def device_key(self, device_id: str) -> KeyringCredentialStore:
        """The vault entry (service "loyalty-terminal.device-key", account = device id) of the device's signing key."""
        return KeyringCredentialStore(device_id, service=DEVICE_KEY_SERVICE)

    def _call(self, doing: str, fn: Callable[[], T]) -> T:
        from sync.client import CredentialVaultUnavailable

        try:
            return fn()
        except CredentialVaultUnavailable:
            raise
        except Exception as exc:  # a backend raises what it likes: dbus, pywin32, keyring errors
            try:
                backend = backend_name()
            except Exception:
                backend = "keyring"
            raise vault_error(exc, doing, backend) from exc

    def get(self) -> str | None:
        import keyring

        return self._call("reading", lambda: keyring.get_password(self.service, self.account))

    def set(self, credential: str) -> None:
        import keyring

        self._call("storing", lambda: keyring.set_password(self.service, self.account, credential))

    def delete(self) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        def delete() -> None:
            try:
                keyring.delete_password(self.service, self.account)
            except PasswordDeleteError:  # nothing stored: nothing to delete
                pass

        self._call("deleting", delete)
