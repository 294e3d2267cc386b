"""The terminal's side of two-phase enrolment (server side: sync/server/devices.py).

    1. POST /v1/enrol {token, terminal_id[, store_id]}   -> a PENDING credential; the token is reserved.
       Bearer: the PC's current credential, if its vault   A terminal id with an active device is
       holds one and the replica is enrolled with THIS     refused (409 terminal_in_use) unless the
       server (a PC re-enrolling itself proves it is       token replaces it or this proof is given
       that terminal's device)
    2. store it in the vault's PENDING entry, read it back -> the vault fails: POST /v1/enrol/cancel,
                                                             CredentialVaultUnavailable; the token stays usable
    3. POST /v1/enrol/confirm {token}, Bearer credential  -> the device is active, the token used
    4. swap it into the WORKING entry, drop the pending one
    5. store_id, terminal_id, sync_device_id into the replica
    6. a voucher signing key for the new device id: made here, kept in the vault, its public half
       registered (POST /v1/device/key, sync/device_key.py); best effort: the first sync does it otherwise

The working credential is not touched before step 4: a re-enrolling till whose confirmation
is lost on the network keeps syncing with its current credential (the server revokes that one
only when it confirms the new one). A crash or a lost answer after the server confirmed is
finished by running the same enrolment again: step 1's "token already used" is answered by
repeating step 3 with the credential the vault holds (pending entry first, then the working
one), which the server confirms again for the same device (idempotent); then steps 4 and 5.

Errors: AuthFailed, RequestRefused (409: wrong_store, terminal_in_use, ...), TransientError
(with `after` saying what the interruption means for this PC), CredentialVaultUnavailable.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from terminal.storage.db import transaction

from sync.credentials import vault_error
from sync.feedsig import PIN_META

if TYPE_CHECKING:
    from sync.client import CredentialStore, CredentialVaultUnavailable, SyncClient

log = logging.getLogger("sync.enrol")

META_SERVER_URL = "sync_server_url"  # written by terminal.provisioning.enrolment once enrolled: the server the credential belongs to

CONFIRM_ATTEMPTS = 3  # the confirmation is idempotent: a lost one is sent again at once, with backoff


def enrol(client: SyncClient, token: str, terminal_id: str, device_name: str = "") -> dict[str, Any]:
    """Enrol the terminal of `client` (its replica and credential store) with `token`.

    Returns the server's confirmation without the credential: {device_id, store_id, terminal_id,
    server_epoch, status: "active", already_confirmed, replaced: [device ids this one replaced]}.
    Raises AuthFailed (unknown, used, revoked or expired token), RequestRefused (409: another
    store's token, a terminal id in use by another device, a replacement token of another
    terminal), TransientError (server unreachable or 5xx: run it again with the same token; its
    `after` says whether this PC stays enrolled), CredentialVaultUnavailable (the vault refused
    the credential: nothing enrolled, the token still usable; or, with `worded` set, a message
    that needs no more words)."""
    from sync.client import AuthFailed, RequestRefused, SyncError

    store_id = client.replica.get_meta("store_id")
    body = {"token": token, "terminal_id": terminal_id, "device_name": device_name}
    if store_id:
        body["store_id"] = store_id  # the server refuses another store's token without reserving it
    current, unreadable = _current_credential(client)
    enrolled_with = (client.replica.get_meta(META_SERVER_URL) or "").rstrip("/")
    here = str(client.http.base_url).rstrip("/")
    withheld = current is not None and enrolled_with != here
    if withheld:  # a credential is only ever sent to the server it belongs to
        current = None
    pin = None
    try:
        ans = client._request("POST", "/v1/enrol", auth=False, credential=current, json=body)
    except AuthFailed as exc:
        if exc.code != "enrolment_token_used":
            raise
        done = _confirmed_earlier(client, token)
        if done is None:
            raise
        ans = done
    except RequestRefused as exc:
        if exc.code == "terminal_in_use" and unreadable is not None:  # its own credential would have proven it
            raise _worded(unreadable, f"terminal {terminal_id} is enrolled on the server and re-enrolling it needs its "
                          f"current credential, which the vault cannot give now: {unreadable}. Unlock the vault and run "
                          "the same enrolment again (the token is still valid), or ask for a replacement token "
                          f"(enrol-token --replace {terminal_id})") from exc
        if exc.code == "terminal_in_use" and withheld:
            raise SyncError(f"{exc} This PC's current credential was not offered as proof: it belongs to "
                            f"{enrolled_with or 'no server'}, not {here}; re-enrol with --server {enrolled_with}, or ask "
                            "for a replacement token") from exc
        raise
    else:
        credential = ans.pop("credential")
        pin = ans.get("feed_public_key")
        if store_id and store_id != ans["store_id"]:
            _cancel(client, credential)
            raise SyncError(f"this replica belongs to store {store_id}, the token to store {ans['store_id']}")
        ans = _keep_and_confirm(client, credential, ans, token, had_credential=current is not None)
    with transaction(client.db):
        client.replica.set_meta("store_id", ans["store_id"])
        client.replica.set_meta("terminal_id", terminal_id)
        client.replica.set_meta("sync_device_id", ans["device_id"])
        if isinstance(pin, str) and pin:  # pinned at every enrolment (sync.feedsig); a server without it: none
            client.replica.set_meta(PIN_META, pin)
    try:
        client.device_keys.ensure_registered(client)
    except SyncError as exc:  # the first sync registers it
        log.warning("voucher signing key not registered at enrolment (%s); the first sync does it", exc)
    return ans


def _current_credential(client: SyncClient) -> tuple[str | None, CredentialVaultUnavailable | None]:
    """(the working credential or None, None), or (None, the vault's error) when it cannot be read."""
    from sync.client import CredentialVaultUnavailable

    try:
        return client.credentials.get() or None, None
    except CredentialVaultUnavailable as exc:
        return None, exc
    except Exception as exc:
        return None, vault_error(exc, "reading", type(client.credentials).__name__)


def _keep_and_confirm(client: SyncClient, credential: str, ans: dict[str, Any], token: str, *,
                      had_credential: bool) -> dict[str, Any]:
    """Steps 2-4. The working entry keeps its credential until the server has confirmed the new one."""
    from sync.client import CredentialVaultUnavailable, SyncError, TransientError

    staging = client.credentials.pending()
    try:
        staging.set(credential)
        if staging.get() != credential:
            raise CredentialVaultUnavailable(
                "the OS credential vault did not give back the device credential it was just given",
                state="unavailable", cause="read-back mismatch")
    except Exception as exc:
        err = exc if isinstance(exc, CredentialVaultUnavailable) else vault_error(exc, "storing", type(staging).__name__)
        client.credential_state = err.state
        if ans.get("status") == "pending":
            _cancel(client, credential)
        _forget(staging)
        if err is exc:
            raise
        raise err from exc
    if ans.get("status") != "pending":  # a server of before two-phase enrolment: already active
        confirmed = {**ans, "status": "active", "already_confirmed": False, "replaced": []}
    else:
        try:
            confirmed = _confirm(client, credential, token)
        except TransientError as exc:  # maybe confirmed, maybe not: the same command again settles it
            device = client.replica.get_meta("sync_device_id")
            after = (f"this PC stays enrolled and keeps its current credential (device {device}) until the same enroll "
                     "command is run again (same token), which finishes the re-enrolment whether or not the server "
                     "confirmed it" if had_credential and device else
                     "the enrolment may or may not have been confirmed: run the same command again (same token) to finish it")
            raise TransientError(f"the enrolment could not be confirmed ({exc}); {after}", url=getattr(exc, "url", None),
                                 reason=getattr(exc, "reason", None), after=after) from exc
        except SyncError as exc:  # refused for good: the working entry was never touched
            if getattr(exc, "code", None) == "terminal_in_use":  # still pending on the server: give the token back
                _cancel(client, credential)
            _forget(staging)
            raise
    _swap_in(client, staging, credential, confirmed["device_id"])
    return confirmed


def _confirm(client: SyncClient, credential: str, token: str) -> dict[str, Any]:
    """POST /v1/enrol/confirm, sent again (idempotent) after a transient failure, CONFIRM_ATTEMPTS times in all."""
    from sync.client import TransientError

    for attempt in range(CONFIRM_ATTEMPTS):
        try:
            return client._request("POST", "/v1/enrol/confirm", credential=credential, json={"token": token})
        except TransientError as exc:
            if attempt == CONFIRM_ATTEMPTS - 1:
                raise
            client.sleep(client.retry_delay(exc, attempt))
    raise AssertionError("unreachable")


def _swap_in(client: SyncClient, staging: CredentialStore, credential: str, device_id: str) -> None:
    """Step 4: the confirmed credential becomes the working one; the pending entry is emptied.

    Raises CredentialVaultUnavailable (`worded`) when the working entry refuses it: the device is
    confirmed and the credential stays in the pending entry, so the same enrolment finishes later."""
    from sync.client import CredentialVaultUnavailable

    store = client.credentials
    try:
        store.set(credential)
        if store.get() != credential:
            raise CredentialVaultUnavailable("the OS credential vault did not give back the device credential it was "
                                             "just given", state="unavailable", cause="read-back mismatch")
    except Exception as exc:
        err = exc if isinstance(exc, CredentialVaultUnavailable) else vault_error(exc, "storing", type(store).__name__)
        client.credential_state = err.state
        raise _worded(err, f"the server confirmed this PC as device {device_id}, but the credential vault did not take "
                      f"its credential: {err}. It is kept in the vault's pending entry: once the vault works, run the same "
                      "enrolment again (same token) to finish") from exc
    _forget(staging)
    client.credential_state = "ok"


def _confirmed_earlier(client: SyncClient, token: str) -> dict[str, Any] | None:
    """The token is used: if by THIS terminal (its credential is in the vault), confirm again. None if not ours.

    The pending entry is tried first (a confirmation whose answer was lost), then the working one
    (a crash after the swap); a pending credential confirmed this way is swapped in."""
    from sync.client import AuthFailed, CredentialVaultUnavailable, RequestRefused

    staging = client.credentials.pending()
    for entry in (staging, client.credentials):
        try:
            credential = entry.get()
        except CredentialVaultUnavailable as exc:  # cannot tell whether this PC used it: say both
            raise _worded(exc, "this enrolment token was already used; if by this PC (an enrolment interrupted after the "
                          f"server confirmed it), its credential is in the vault, which cannot be read now: {exc}. Unlock "
                          "the vault and run the same enrolment again; if the token was used elsewhere, ask for a new one"
                          ) from exc
        if not credential:
            continue
        try:
            ans = client._request("POST", "/v1/enrol/confirm", credential=credential, json={"token": token})
        except (AuthFailed, RequestRefused):
            continue
        if entry is staging:
            _swap_in(client, staging, credential, ans["device_id"])
        client.credential_state = "ok"
        log.info("enrolment of device %s had been confirmed before; finishing it", ans.get("device_id"))
        return ans
    return None


def _worded(exc: CredentialVaultUnavailable, message: str) -> CredentialVaultUnavailable:
    """A CredentialVaultUnavailable with a complete message (terminal.provisioning.enrolment passes it on as is)."""
    from sync.client import CredentialVaultUnavailable

    err = CredentialVaultUnavailable(message, state=exc.state, cause=exc.cause, backend=exc.backend)
    err.worded = True  # type: ignore[attr-defined]
    return err


def _forget(staging: CredentialStore) -> None:
    """Best effort: empty the pending entry (a leftover one is never used to sync, only by a later enrolment)."""
    try:
        staging.delete()
    except Exception:
        log.warning("could not empty the vault's pending enrolment entry", exc_info=True)


def _cancel(client: SyncClient, credential: str) -> None:
    """Best effort: a pending enrolment that is not cancelled lapses by itself and the token stays usable anyway."""
    from sync.client import SyncError

    try:
        client._request("POST", "/v1/enrol/cancel", credential=credential)
    except SyncError as exc:
        log.warning("could not cancel the pending enrolment (%s); it lapses unconfirmed", exc)
