"""Errors of the reference central server (re-exported by sync.server.store).

    Exception
     ├── AuthError     a request refused for who sent it: missing, unknown, pending or revoked
     │                 credential, bad enrolment token (HTTP 401/403/409, a stable `code`)
     └── Reject        a pushed event refused as a whole: stored as `rejected` + a conflict record
    ValueError
     └── AdminError    an admin request that cannot be done (unknown store, template...): exit 2

`Reject` is raised by the pure judgement (`sync.server.judge`) before anything is written.
"""

from __future__ import annotations

from typing import Any

__all__ = ["AdminError", "AuthError", "Reject"]


class AdminError(ValueError):
    """An admin request cannot be done (unknown store, template...)."""


class AuthError(Exception):
    """A request is refused for who sent it: `status` (401, 403, 409), a stable `code` and a human `message`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class Reject(Exception):
    """The event as a whole is refused (stored as `rejected`, plus a conflict record)."""

    def __init__(self, code: str, message: str, /, **details: Any) -> None:
        super().__init__(message)
        self.code, self.message, self.details = code, message, details
