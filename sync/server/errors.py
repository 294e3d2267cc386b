"""Errors of the reference central server's store (re-exported by sync.server.store)."""

from __future__ import annotations


class AdminError(ValueError):
    """An admin request cannot be done (unknown store, template...)."""


class AuthError(Exception):
    """A request is refused for who sent it: `status` (401, 403, 409), a stable `code` and a human `message`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
