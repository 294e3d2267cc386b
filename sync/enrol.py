"""The terminal's side of two-phase enrolment (server side: sync/server/devices.py).

    1. POST /v1/enrol {token, terminal_id[, store_id]}   -> a PENDING credential; the token is reserved
    2. store it in the vault and read it back             -> the vault fails: POST /v1/enrol/cancel,
                                                             CredentialVaultUnavailable; the token stays usable
    3. POST /v1/enrol/confirm {token}, Bearer credential  -> the device is active, the token used
    4. store_id, terminal_id, sync_device_id into the replica

A crash between 3 and 4 leaves the token used and the credential in the vault: run the same
enrolment again and step 1's "token already used" is answered by repeating step 3 with the
vault's credential, which the server confirms again for the same device (idempotent), so the
retry is never stuck. An unreachable server at step 3 may or may not have confirmed: the same
retry covers both.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from terminal.storage.db import transaction

from sync.credentials import vault_error

if TYPE_CHECKING:
    from sync.client import SyncClient

log = logging.getLogger("sync.enrol")


def enrol(client: SyncClient, token: str, terminal_id: str, device_name: str = "") -> dict[str, Any]:
    """Enrol the terminal of `client` (its replica and credential store) with `token`.

    Returns the server's confirmation without the credential: {device_id, store_id, terminal_id,
    server_epoch, status: "active", already_confirmed, replaced}. Raises AuthFailed (unknown,
    used or expired token, enrolment refused), RequestRefused (another store's token: 409),
    TransientError (server unreachable or 5xx: run it again with the same token),
    CredentialVaultUnavailable (the vault refused the credential: nothing enrolled, the token still usable)."""
    from sync.client import AuthFailed, SyncError

    store_id = client.replica.get_meta("store_id")
    body = {"token": token, "terminal_id": terminal_id, "device_name": device_name}
    if store_id:
        body["store_id"] = store_id  # the server refuses another store's token without reserving it
    try:
        ans = client._request("POST", "/v1/enrol", auth=False, json=body)
    except AuthFailed as exc:
        if exc.code != "enrolment_token_used":
            raise
        done = _confirmed_earlier(client, token)
        if done is None:
            raise
        ans = done
    else:
        credential = ans.pop("credential")
        if store_id and store_id != ans["store_id"]:
            _cancel(client, credential)
            raise SyncError(f"this replica belongs to store {store_id}, the token to store {ans['store_id']}")
        ans = _keep_and_confirm(client, credential, ans, token)
    with transaction(client.db):
        client.replica.set_meta("store_id", ans["store_id"])
        client.replica.set_meta("terminal_id", terminal_id)
        client.replica.set_meta("sync_device_id", ans["device_id"])
    return ans


def _keep_and_confirm(client: SyncClient, credential: str, ans: dict[str, Any], token: str) -> dict[str, Any]:
    from sync.client import CredentialVaultUnavailable, SyncError, TransientError

    store = client.credentials
    try:
        previous = store.get()
        store.set(credential)
        if store.get() != credential:
            raise CredentialVaultUnavailable(
                "the OS credential vault did not give back the device credential it was just given",
                state="unavailable", cause="read-back mismatch")
    except Exception as exc:
        err = exc if isinstance(exc, CredentialVaultUnavailable) else vault_error(exc, "storing", type(store).__name__)
        client.credential_state = err.state
        if ans.get("status") == "pending":
            _cancel(client, credential)
        if err is exc:
            raise
        raise err from exc
    client.credential_state = "ok"
    if ans.get("status") != "pending":  # a server of before two-phase enrolment: already active
        return {**ans, "status": "active", "already_confirmed": False, "replaced": []}
    try:
        return client._request("POST", "/v1/enrol/confirm", credential=credential, json={"token": token})
    except TransientError as exc:  # maybe confirmed, maybe not: the same command again settles it
        raise TransientError(f"the enrolment could not be confirmed ({exc}); run it again with the same token",
                             url=getattr(exc, "url", None), reason=getattr(exc, "reason", None)) from exc
    except SyncError:
        # refused for good (superseded by another attempt, cancelled, lapsed): give the vault back what it held
        try:
            store.set(previous) if previous else store.delete()
        except Exception:
            log.warning("could not restore the previous vault entry after a refused enrolment", exc_info=True)
        raise


def _confirmed_earlier(client: SyncClient, token: str) -> dict[str, Any] | None:
    """The token is used: if by THIS terminal (its credential is in the vault), confirm again. None if not ours."""
    from sync.client import AuthFailed, CredentialVaultUnavailable, RequestRefused

    try:
        credential = client.credentials.get()
    except CredentialVaultUnavailable as exc:  # cannot tell whether this PC used it: say both
        err = CredentialVaultUnavailable(
            f"this enrolment token was already used; if by this PC (an enrolment interrupted after the server "
            f"confirmed it), its credential is in the vault, which cannot be read now: {exc}. Unlock the vault and "
            "run the same enrolment again; if the token was used elsewhere, ask for a new one",
            state=exc.state, cause=exc.cause, backend=exc.backend)
        err.token_used = True  # type: ignore[attr-defined]  (terminal.enrolment words the other vault errors)
        raise err from exc
    if not credential:
        return None
    try:
        ans = client._request("POST", "/v1/enrol/confirm", credential=credential, json={"token": token})
    except (AuthFailed, RequestRefused):
        return None
    client.credential_state = "ok"
    log.info("enrolment of device %s had been confirmed before; finishing it", ans.get("device_id"))
    return ans


def _cancel(client: SyncClient, credential: str) -> None:
    """Best effort: a pending enrolment that is not cancelled lapses by itself and the token stays usable anyway."""
    from sync.client import SyncError

    try:
        client._request("POST", "/v1/enrol/cancel", credential=credential)
    except SyncError as exc:
        log.warning("could not cancel the pending enrolment (%s); it lapses unconfirmed", exc)
