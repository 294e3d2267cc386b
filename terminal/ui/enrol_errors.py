"""Why an enrolment failed and what to do, in the installer's language (the enrolment dialog).

The enrolment code raises exceptions whose English message says it all for the CLI and the log
(terminal/provisioning/enrolment.py, sync/enrol.py); the dialog shows a translated text chosen by
the exception's type and its stable code (the server's error code, a vault state, an
`EnrolmentError.code`), with the figures a person needs (terminal ids, store ids, the address).
The English message goes to the log only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

__all__ = ["enrol_error_text"]


def _t(text: str, *values: object) -> str:
    for i in range(len(values), 0, -1):
        text = text.replace(f"%{i}", str(values[i - 1]))
    return text


def enrol_error_text(exc: BaseException) -> str:
    """The translated reason an enrolment failed (never the exception's English message)."""
    from sync.client import AuthFailed, CredentialVaultUnavailable, RequestRefused, TransientError
    from terminal.provisioning.enrolment import EnrolmentError, InsecureServerUrl

    log.warning("enrolment failed: %s: %s", type(exc).__name__, exc)
    if isinstance(exc, InsecureServerUrl):
        return QCoreApplication.translate(
            "EnrolErrors", "This address sends the token unencrypted (http://) to another computer. Use the https:// "
            "address; IT can allow http:// for a test network only.")
    if isinstance(exc, EnrolmentError):
        code = getattr(exc, "code", "")
        if code == "bad_url":
            return QCoreApplication.translate("EnrolErrors", "The server address must start with https:// and name the server.")
        if code == "terminal_id_missing":
            return QCoreApplication.translate("EnrolErrors", "Enter a terminal ID, e.g. the PC's asset tag.")
        if code == "replica_of_other_terminal":
            return _t(QCoreApplication.translate(
                "EnrolErrors", "This PC holds the sales of terminal %1: enrol it as %1 again, or ask IT for a fresh data "
                "file to enrol it as %2."), getattr(exc, "known", ""), getattr(exc, "requested", ""))
        return QCoreApplication.translate("EnrolErrors", "The enrolment could not start. Check the three fields and try again.")
    if isinstance(exc, CredentialVaultUnavailable):
        return {
            "locked": QCoreApplication.translate(
                "EnrolErrors", "The system's credential vault is locked. Unlock it (sign in to Windows again) and enrol "
                "again: the token is still valid."),
            "missing": QCoreApplication.translate(
                "EnrolErrors", "The credential vault lost this PC's credential. Ask IT for a replacement token."),
        }.get(exc.state, QCoreApplication.translate(
            "EnrolErrors", "The system's credential vault cannot be used. Call IT; the token is still valid."))
    if isinstance(exc, TransientError):
        return QCoreApplication.translate(
            "EnrolErrors", "The server cannot be reached. Check the network cable or Wi-Fi and the server address, then "
            "try again: the token is still valid.")
    if isinstance(exc, (AuthFailed, RequestRefused)):
        code = exc.code or ""
        texts = {
            "bad_enrolment_token": QCoreApplication.translate(
                "EnrolErrors", "The token is not known to the server. Check it for typing errors, or ask for a new one."),
            "enrolment_token_used": QCoreApplication.translate(
                "EnrolErrors", "This token was already used. Ask the server administrator for a new one."),
            "enrolment_token_expired": QCoreApplication.translate(
                "EnrolErrors", "This token has expired. Ask the server administrator for a new one."),
            "enrolment_token_revoked": QCoreApplication.translate(
                "EnrolErrors", "This token was withdrawn. Ask the server administrator for a new one."),
            "terminal_in_use": QCoreApplication.translate(
                "EnrolErrors", "Another PC is enrolled with this terminal ID. Use another ID, or ask for a replacement "
                "token for this one."),
            "wrong_store": QCoreApplication.translate(
                "EnrolErrors", "This token is for another store than this PC's data. Ask for a token of this store."),
            "token_for_other_terminal": QCoreApplication.translate(
                "EnrolErrors", "This token replaces another terminal. Enter that terminal's ID, or ask for a new token."),
            "device_revoked": QCoreApplication.translate(
                "EnrolErrors", "This PC was blocked on the server. Ask for a new token."),
        }
        return texts.get(code) or QCoreApplication.translate(
            "EnrolErrors", "The server refused the enrolment. Ask the server administrator; the log has the details.")
    return QCoreApplication.translate(
        "EnrolErrors", "The enrolment failed. Try again; if it fails again, call IT (the log has the details).")
