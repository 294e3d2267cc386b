"""Stand-ins for an OS credential vault that fails the way real ones do.

`FlakyKeyring` is a keyring backend (what `keyring.set_keyring` takes) whose reads, writes and
deletes can be made to raise what real backends raise: `KeyringLocked` (a locked GNOME keyring,
also what keyring raises when its unlock prompt is cancelled), `OSError` (a Windows Credential
Manager error), `InitError` (no Secret Service on the session bus), or to drop writes silently.
`LockedKeyring` is locked from the start; a process started with
`PYTHON_KEYRING_BACKEND=tests.sync.vault_fakes.LockedKeyring` gets it as its vault.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, TypeVar

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class FlakyKeyring(KeyringBackend):
    priority = 0.5  # viable (a real vault that is merely locked still is), below tests' MemoryKeyring

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}
        self.fail_get: BaseException | None = None
        self.fail_set: BaseException | None = None
        self.fail_delete: BaseException | None = None
        self.drop_writes = False
        self.reads = 0

    def lock(self) -> None:
        self.fail_get = self.fail_set = self.fail_delete = KeyringLocked("Failed to unlock the collection!")

    def unlock(self) -> None:
        self.fail_get = self.fail_set = self.fail_delete = None

    def get_password(self, service, username):
        self.reads += 1
        if self.fail_get is not None:
            raise self.fail_get
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        if self.fail_set is not None:
            raise self.fail_set
        if not self.drop_writes:
            self.items[(service, username)] = password

    def delete_password(self, service, username):
        if self.fail_delete is not None:
            raise self.fail_delete
        if (service, username) not in self.items:
            raise PasswordDeleteError(username)
        del self.items[(service, username)]


class LockedKeyring(FlakyKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.lock()


K = TypeVar("K", bound=KeyringBackend)


@contextmanager
def installed_keyring(kr: K) -> Iterator[K]:
    """`kr` as the process's keyring backend for the block (what the CLI's vault then uses)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(kr)
    try:
        yield kr
    finally:
        keyring.set_keyring(previous)
