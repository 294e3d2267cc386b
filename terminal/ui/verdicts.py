"""One presenter for what the cashier and the manager read after an action: the verdict.

`notice_text(notice)` turns the counter's `Notice` into (headline, detail) in the current
language; `failure_notice(exc)` turns any exception a worker job raised into a `Notice`
with a reason, so no window ever shows a Python class name (`KeyError: 'x'`) to a person.
Both windows (the counter, the manager desk) use these two and nothing else.

Headlines are chosen by the event (accepted, settled, voided...) or by the stable reason
code (`terminal.ui.i18n.reason_text`); the detail line is worded here where the window
knows better than the domain's English message.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from terminal.domain.reasons import DomainError
from terminal.storage.db import StorageError, StorageFullError
from terminal.ui.i18n import current_language, reason_text
from terminal.ui.reason_details import detail_text
from terminal.ui.style import GREEN, GREY, RED, money
from terminal.usecases.counter import Notice

log = logging.getLogger(__name__)

# reasons whose English sentence names the sale or line concerned (the generic wording does not)
GENERIC_ONLY_IN_EN = frozenset({"already_voided", "invalid_request", "invalid_basket"})

__all__ = ["notice_text", "banner_colour", "failure_notice", "idle_text", "uses_text"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Verdicts", text)


def banner_colour(level: str | None) -> str:
    """The banner's background for a notice level ("ok" green, "error" red, else grey)."""
    return {"ok": GREEN, "error": RED}.get(level or "", GREY)


def uses_text(uses: int, left: int | None) -> str:
    """' ×2, 5 left' for a multi-use coupon (uses this sale, uses left after it), ' ×2' without a
    count left, '' for one use of a single-use coupon."""
    if left is not None:
        return " " + QCoreApplication.translate("Verdicts", "×%1, %2 left").replace("%1", str(uses)).replace("%2", str(left))
    return f" ×{uses}" if uses > 1 else ""


def idle_text() -> str:
    return QCoreApplication.translate("Verdicts", "Ready: scan a member card, coupon or product")


def failure_notice(exc: BaseException) -> Notice:
    """The `Notice` for an exception raised by a worker job (domain refusal, full disk, any other fault).

    A `DomainError` keeps its reason and details; a full disk says so; anything else is an
    internal fault: logged with its traceback, shown as `internal_error` with the class name only
    in the details (for the log and support), never as the headline."""
    if isinstance(exc, DomainError):
        return Notice("error", "error", exc.message, exc.reason.value, details=dict(exc.details))
    if isinstance(exc, StorageFullError):
        return Notice("error", "error", str(exc), "storage_full")
    if isinstance(exc, StorageError):
        return Notice("error", "error", str(exc), "storage_error")
    log.error("unexpected failure in a worker job: %r", exc)
    return Notice("error", "error", str(exc), "internal_error", details={"exception": type(exc).__name__})


def notice_text(n: Notice) -> tuple[str, str]:
    """(headline, detail) of a notice in the current language."""
    if n.level == "error":
        head = reason_text(n.reason) if n.reason else _tr("Error")
        subject = f"{n.subject}: " if n.subject and n.event == "coupon" else ""
        # the reason's translated detail with the refusal's figures (reason_details.py); the domain's
        # English sentence only in English, where no template applies
        detail = detail_text(n.reason, n.details)
        if current_language() == "en" and (not detail or n.reason in GENERIC_ONLY_IN_EN):
            detail = n.message  # English: the domain's own sentence says more than the generic wording
        return "✗ " + subject + head, detail
    heads = {
        "member": QCoreApplication.translate("Verdicts", "Member: %1"),
        "coupon": QCoreApplication.translate("Verdicts", "Coupon accepted: %1"),
        "product": QCoreApplication.translate("Verdicts", "Added: %1"),
        "amount": QCoreApplication.translate("Verdicts", "Amount added"),
        "points": QCoreApplication.translate("Verdicts", "Points applied"),
        "settled": QCoreApplication.translate("Verdicts", "Settled"),
        "voided": QCoreApplication.translate("Verdicts", "Voided"),
        "override": QCoreApplication.translate("Verdicts", "Override approved"),
        "login": QCoreApplication.translate("Verdicts", "Signed in: %1"),
        "logout": QCoreApplication.translate("Verdicts", "Signed out"),
        "printed": QCoreApplication.translate("Verdicts", "Slip printed."),
        "repeat": QCoreApplication.translate("Verdicts", "Same code read twice: counted once"),
        "tender": QCoreApplication.translate("Verdicts", "Payment added: %1"),
        "tender_removed": QCoreApplication.translate("Verdicts", "Payment removed: %1"),
        "payment_method": QCoreApplication.translate("Verdicts", "The rest is paid by %1"),
    }
    if n.event == "coupon" and n.level != "ok":
        heads["coupon"] = QCoreApplication.translate("Verdicts", "Coupon added: %1")
    subject = n.subject or ""
    if n.event in ("tender", "payment_method"):  # counter/_tenders.py: a method id, a payment's amount
        from terminal.ui.tender_panel import method_name

        subject = method_name(subject) if n.event == "payment_method" else (
            f"{method_name(n.details.get('kind', ''))} {subject}  {money(n.details.get('amount'))}".strip())
    english = current_language() == "en"
    # an event this presenter does not word: its English sentence only in English, else a neutral word
    unknown_head = n.message if english else (QCoreApplication.translate("Verdicts", "Done") if n.level == "ok"
                                              else QCoreApplication.translate("Verdicts", "Note"))
    head = heads.get(n.event, unknown_head).replace("%1", subject)
    if n.event == "coupon" and "uses" in n.details:
        head += uses_text(int(n.details["uses"]), n.details.get("uses_left"))
    if n.event == "settled":
        head += "  " + money(n.details.get("total"))
    # events whose headline says it all, or whose detail the window words itself (no English in zh_TW)
    details = {
        "printed": "", "login": "", "logout": "", "member": "", "payment_method": "", "tender_removed": "",
        "tender": QCoreApplication.translate("Verdicts", "Balance after: %1").replace("%1", money(n.details.get("balance_after")))
        if "balance_after" in n.details else "",
        "repeat": QCoreApplication.translate(
            "Verdicts", "%1 was read again within %2 s and not added twice. Scan it again after a "
            "moment to add it once more.").replace("%1", n.subject or "")
        .replace("%2", f"{float(n.details.get('window_s', 0)):g}"),
        "settled": QCoreApplication.translate("Verdicts", "Next scan starts a new checkout (F9)."),
        "voided": QCoreApplication.translate("Verdicts", "Checkout %1: %2")
        .replace("%1", str(n.details.get("checkout_id", ""))[:8]).replace("%2", str(n.details.get("reason", ""))),
        "coupon": (QCoreApplication.translate("Verdicts", "Discount %1").replace("%1", money(-int(n.details["discount"])))
                   if n.level == "ok" and n.details.get("discount")
                   else QCoreApplication.translate("Verdicts", "Add items to check this coupon.") if n.level != "ok" else ""),
        "product": money(n.details["price"]) if "price" in n.details else "",
        "amount": money(n.details["amount"]) if "amount" in n.details else "",
        "points": "",
        "override": QCoreApplication.translate("Verdicts", "New price %1, approved by %2: %3")
        .replace("%1", money(n.details.get("price"))).replace("%2", str(n.details.get("manager", "")))
        .replace("%3", str(n.details.get("reason", ""))) if "price" in n.details else "",
    }
    return ("✓ " if n.level == "ok" else "") + head, details.get(n.event, "")
