"""Errors shared across layers that must not depend on where they are raised.

    SetupError (ValueError)   the replica or this PC cannot be set up as asked: raised by
                              terminal/provisioning/ (wrong store id, damaged or newer replica...)
                              and, as `sync.client.CredentialVaultUnavailable`, by the OS vault.
                              The CLI exits 4 for it (terminal/entry/cli_errors.py).

It sits at the bottom layer so that sync/ (below provisioning) can subclass it.
"""

from __future__ import annotations


class SetupError(ValueError):
    """The replica cannot be set up as asked (wrong store id, already initialised...)."""
