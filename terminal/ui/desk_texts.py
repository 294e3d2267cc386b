"""The manager desk's words for stored codes: audit actions, coupon kinds, conflict kinds and the
server's decisions, and the daily report CSV's labels, in the current language.

The replica keeps machine codes (`close_day`, `first_received_wins`, `product_voucher`...) and
the server's English sentence for a conflict (kept for support and the logs); a person reads the
wording here. An unknown code (a newer server) is shown through a translated generic text with
the code, never as a bare English word.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from terminal.ui.style import money

__all__ = ["action_label", "audit_reason", "kind_label", "conflict_label", "decision_text", "csv_labels"]



def action_label(action: str) -> str:
    """An audit row's action (`close_day`, `price_override`, `conflict_absorb`...)."""
    return {
        "close_day": QCoreApplication.translate("DeskTexts", "Day closed"),
        "override": QCoreApplication.translate("DeskTexts", "Manager override"),
        "void": QCoreApplication.translate("DeskTexts", "Sale voided"),
        "return": QCoreApplication.translate("DeskTexts", "Items returned"),
        "price_override": QCoreApplication.translate("DeskTexts", "Price changed"),
        "allowance_override": QCoreApplication.translate("DeskTexts", "Approved beyond the offline allowance"),
        "unlock_staff": QCoreApplication.translate("DeskTexts", "Staff ID unlocked"),
        "void_topup": QCoreApplication.translate("DeskTexts", "Top-up voided"),
        "transfer_coupon": QCoreApplication.translate("DeskTexts", "Voucher given to another member"),
        "reprint": QCoreApplication.translate("DeskTexts", "Receipt reprinted"),
        "conflict_absorb": QCoreApplication.translate("DeskTexts", "Conflict: loss absorbed"),
        "conflict_charge_member": QCoreApplication.translate("DeskTexts", "Conflict: charged to the member"),
        "conflict_block_card": QCoreApplication.translate("DeskTexts", "Conflict: card blocked"),
    }.get(action) or QCoreApplication.translate("DeskTexts", "Other action (%1)").replace("%1", action)


def audit_reason(reason: str) -> str:
    """An audit row's reason: the words the system itself stored are translated; a manager's own stays."""
    return {
        "all events synced": QCoreApplication.translate("DeskTexts", "All sales synced"),
        "PIN lockout cleared": QCoreApplication.translate("DeskTexts", "PIN lockout cleared"),
        "gift": QCoreApplication.translate("DeskTexts", "Gift"),
        "close_day with unsynced events": QCoreApplication.translate("DeskTexts", "Day closed with sales not yet synced"),
    }.get(reason, reason)


def kind_label(kind: str) -> str:
    """A coupon template's kind."""
    return {
        "product_voucher": QCoreApplication.translate("DeskTexts", "Product voucher"),
        "amount_off": QCoreApplication.translate("DeskTexts", "Amount off"),
        "percent_off": QCoreApplication.translate("DeskTexts", "Percent off"),
        "stored_voucher": QCoreApplication.translate("DeskTexts", "Stored voucher"),
        "bundle": QCoreApplication.translate("DeskTexts", "Bundle"),
    }.get(kind) or QCoreApplication.translate("DeskTexts", "Other kind (%1)").replace("%1", kind)


def conflict_label(kind: str) -> str:
    """A sync conflict's kind (sync/protocol.py ConflictKind)."""
    return {
        "duplicate_redemption": QCoreApplication.translate("DeskTexts", "Coupon used twice"),
        "voucher_overuse": QCoreApplication.translate("DeskTexts", "Stored voucher over-used"),
        "points_overdraft": QCoreApplication.translate("DeskTexts", "Points overdrawn"),
        "redeemed_after_void": QCoreApplication.translate("DeskTexts", "Redeemed after a void"),
        "unknown_coupon": QCoreApplication.translate("DeskTexts", "Coupon unknown to the server"),
        "unknown_lot": QCoreApplication.translate("DeskTexts", "Points lot unknown to the server"),
        "rejected_event": QCoreApplication.translate("DeskTexts", "Refused by the server"),
        "quarantined": QCoreApplication.translate("DeskTexts", "Not booked: the rules cannot produce it"),
        "blocked_member": QCoreApplication.translate("DeskTexts", "Member blocked meanwhile"),
        "limit_exceeded": QCoreApplication.translate("DeskTexts", "Per-member limit exceeded chain-wide"),
        "shared_code_over_cap": QCoreApplication.translate("DeskTexts", "Promo code used beyond its cap"),
        "shared_code_over_budget": QCoreApplication.translate("DeskTexts", "Promo code beyond its budget"),
        "allowance_overridden": QCoreApplication.translate("DeskTexts", "Manager approved beyond the offline allowance"),
        "stored_value_overdraft": QCoreApplication.translate("DeskTexts", "Stored value paid beyond the balance"),
        "giveaway_over_cap": QCoreApplication.translate("DeskTexts", "Giveaway claimed beyond the campaign total"),
        "giveaway_over_limit": QCoreApplication.translate("DeskTexts", "Giveaway claimed beyond the member's limit"),
        "redeemed_after_transfer": QCoreApplication.translate("DeskTexts", "Used after it was given away"),
        "first_purchase_repeated": QCoreApplication.translate("DeskTexts", "First-purchase coupon used twice"),
        "referral_not_rewarded": QCoreApplication.translate("DeskTexts", "Referral not rewarded"),
        "visit_gift_claimed_twice": QCoreApplication.translate("DeskTexts", "Visit gift claimed twice"),
        "visit_gift_spend_withdrawn": QCoreApplication.translate("DeskTexts", "Visit gift spend taken back"),
        "campaign_over_cap": QCoreApplication.translate("DeskTexts", "Campaign used beyond its cap"),
        "campaign_over_budget": QCoreApplication.translate("DeskTexts", "Campaign beyond its budget"),
        "device_voucher_not_backed": QCoreApplication.translate("DeskTexts", "Till voucher not issued by its sale"),
    }.get(kind) or QCoreApplication.translate("DeskTexts", "Other conflict (%1)").replace("%1", kind)


def decision_text(conflict: dict[str, Any]) -> str:
    """What the server decided about `conflict` (a ManagerDesk.conflicts() row), with its subject and
    amount when the server gave them (details `subject`, `amount`)."""
    d = conflict.get("details") or {}
    text = {
        "first_received_wins": QCoreApplication.translate("DeskTexts", "The use received first counts; this one was not booked."),
        "posted_as_overuse": QCoreApplication.translate("DeskTexts", "Booked as used beyond its uses."),
        "debit_posted_debt_recorded": QCoreApplication.translate("DeskTexts", "Points taken; the member now owes the difference."),
        "honoured_terminal_could_not_know": QCoreApplication.translate(
            "DeskTexts", "Honoured: this terminal could not know when it sold."),
        "flagged_terminal_had_void": QCoreApplication.translate("DeskTexts", "Flagged: this terminal knew of the void."),
        "created_from_template": QCoreApplication.translate("DeskTexts", "The server created the coupon from its template."),
        "lot_created_negative": QCoreApplication.translate("DeskTexts", "Points taken from a new lot below zero."),
        "burnt_from_member_lots": QCoreApplication.translate("DeskTexts", "Points taken from the member's other lots."),
        "not_applied": QCoreApplication.translate("DeskTexts", "Not booked: the server refused it."),
        "not_booked": QCoreApplication.translate("DeskTexts", "Not booked."),
        "not_booked_beyond_budget": QCoreApplication.translate("DeskTexts", "Booked up to the budget; the rest not booked."),
        "not_booked_beyond_cap": QCoreApplication.translate("DeskTexts", "Booked up to the cap; the rest not booked."),
        "not_booked_over_cap": QCoreApplication.translate("DeskTexts", "Not booked: beyond the cap."),
        "not_rewarded": QCoreApplication.translate("DeskTexts", "No reward given."),
        "gift_kept": QCoreApplication.translate("DeskTexts", "The member keeps the gift."),
        "honoured_manager_override": QCoreApplication.translate("DeskTexts", "Booked: a manager approved it."),
        "posted_counted_chain_wide": QCoreApplication.translate("DeskTexts", "Booked and counted for the whole chain."),
        "posted_within_allowance": QCoreApplication.translate("DeskTexts", "Booked within the offline allowance."),
        "void_posted": QCoreApplication.translate("DeskTexts", "The void is booked."),
    }.get(conflict.get("decision") or "") or QCoreApplication.translate(
        "DeskTexts", "Decided by the server; head office has the details.")
    subject, amount = d.get("subject"), d.get("amount")
    if subject:
        text = QCoreApplication.translate("DeskTexts", "%1: %2").replace("%1", str(subject)).replace("%2", text)
    if isinstance(amount, int) and not isinstance(amount, bool):
        text += " " + QCoreApplication.translate("DeskTexts", "(amount %1)").replace("%1", money(amount))
    return text


def csv_labels() -> dict[str, str]:
    """The daily report CSV's labels (terminal/usecases/reports.report_csv ids) in the current language."""
    words = {
        "report": QCoreApplication.translate("ReportCsv", "report"),
        "daily redemptions": QCoreApplication.translate("ReportCsv", "daily redemptions"),
        "store": QCoreApplication.translate("ReportCsv", "store"),
        "terminal": QCoreApplication.translate("ReportCsv", "terminal"),
        "day": QCoreApplication.translate("ReportCsv", "day"),
        "section": QCoreApplication.translate("ReportCsv", "section"),
        "metric": QCoreApplication.translate("ReportCsv", "metric"),
        "value": QCoreApplication.translate("ReportCsv", "value"),
        "summary": QCoreApplication.translate("ReportCsv", "summary"),
        "settlements": QCoreApplication.translate("ReportCsv", "settlements"),
        "member settlements": QCoreApplication.translate("ReportCsv", "member settlements"),
        "gross": QCoreApplication.translate("ReportCsv", "gross"),
        "coupon discount": QCoreApplication.translate("ReportCsv", "coupon discount"),
        "points discount": QCoreApplication.translate("ReportCsv", "points discount"),
        "total": QCoreApplication.translate("ReportCsv", "total"),
        "voided total": QCoreApplication.translate("ReportCsv", "voided total"),
        "returns": QCoreApplication.translate("ReportCsv", "returns"),
        "refunded": QCoreApplication.translate("ReportCsv", "refunded"),
        "points clawed back": QCoreApplication.translate("ReportCsv", "points clawed back"),
        "net total": QCoreApplication.translate("ReportCsv", "net total"),
        "stored voucher uses": QCoreApplication.translate("ReportCsv", "stored voucher uses"),
        "pending sync events": QCoreApplication.translate("ReportCsv", "pending sync events"),
        "coupons": QCoreApplication.translate("ReportCsv", "coupons"),
        "template": QCoreApplication.translate("ReportCsv", "template"),
        "name": QCoreApplication.translate("ReportCsv", "name"),
        "kind": QCoreApplication.translate("ReportCsv", "kind"),
        "partner": QCoreApplication.translate("ReportCsv", "partner"),
        "redemptions": QCoreApplication.translate("ReportCsv", "redemptions"),
        "uses": QCoreApplication.translate("ReportCsv", "uses"),
        "discount": QCoreApplication.translate("ReportCsv", "discount"),
        "voided uses": QCoreApplication.translate("ReportCsv", "voided uses"),
        "voided discount": QCoreApplication.translate("ReportCsv", "voided discount"),
        "points": QCoreApplication.translate("ReportCsv", "points"),
        "point type": QCoreApplication.translate("ReportCsv", "point type"),
        "earned": QCoreApplication.translate("ReportCsv", "earned"),
        "spent": QCoreApplication.translate("ReportCsv", "spent"),
        "earned reversed": QCoreApplication.translate("ReportCsv", "earned reversed"),
        "spent reversed": QCoreApplication.translate("ReportCsv", "spent reversed"),
        "cashiers": QCoreApplication.translate("ReportCsv", "cashiers"),
        "id": QCoreApplication.translate("ReportCsv", "id"),
        "discounts": QCoreApplication.translate("ReportCsv", "discounts"),
        "hours": QCoreApplication.translate("ReportCsv", "hours"),
        "hour": QCoreApplication.translate("ReportCsv", "hour"),
        "voids": QCoreApplication.translate("ReportCsv", "voids"),
        "checkout": QCoreApplication.translate("ReportCsv", "checkout"),
        "voided at": QCoreApplication.translate("ReportCsv", "voided at"),
        "settled at": QCoreApplication.translate("ReportCsv", "settled at"),
        "manager": QCoreApplication.translate("ReportCsv", "manager"),
        "reason": QCoreApplication.translate("ReportCsv", "reason"),
        "member value": QCoreApplication.translate("ReportCsv", "member value"),
        "what": QCoreApplication.translate("ReportCsv", "what"),
        "count": QCoreApplication.translate("ReportCsv", "count"),
        "exchange": QCoreApplication.translate("ReportCsv", "exchange"),
        "exchanges voided": QCoreApplication.translate("ReportCsv", "exchanges voided"),
        "giveaway claims": QCoreApplication.translate("ReportCsv", "giveaway claims"),
        "transfers": QCoreApplication.translate("ReportCsv", "transfers"),
        "overrides": QCoreApplication.translate("ReportCsv", "overrides"),
        "at": QCoreApplication.translate("ReportCsv", "at"),
        "actor": QCoreApplication.translate("ReportCsv", "actor"),
        "action": QCoreApplication.translate("ReportCsv", "action"),
        "stored value": QCoreApplication.translate("ReportCsv", "stored value"),
        "topups": QCoreApplication.translate("ReportCsv", "topups"),
        "topup bonus": QCoreApplication.translate("ReportCsv", "topup bonus"),
        "stored value spent": QCoreApplication.translate("ReportCsv", "stored value spent"),
        "gift card spent": QCoreApplication.translate("ReportCsv", "gift card spent"),
        "topup count": QCoreApplication.translate("ReportCsv", "topup count"),
        "stored value refunded": QCoreApplication.translate("ReportCsv", "stored value refunded"),
        "gift card refunded": QCoreApplication.translate("ReportCsv", "gift card refunded"),
        "topup bonus points": QCoreApplication.translate("ReportCsv", "topup bonus points"),
        "sales settled": QCoreApplication.translate("ReportCsv", "sales settled"),
        "sales voided": QCoreApplication.translate("ReportCsv", "sales voided"),
        "sales after the close": QCoreApplication.translate("ReportCsv", "sales after the close"),
        "total after the close": QCoreApplication.translate("ReportCsv", "total after the close"),
        "close": QCoreApplication.translate("ReportCsv", "close"),
        "closed at": QCoreApplication.translate("ReportCsv", "closed at"),
        "closed by": QCoreApplication.translate("ReportCsv", "closed by"),
        "overridden": QCoreApplication.translate("ReportCsv", "overridden"),
        "unsynced at close": QCoreApplication.translate("ReportCsv", "unsynced at close"),
        "yes": QCoreApplication.translate("ReportCsv", "yes"),
        "no": QCoreApplication.translate("ReportCsv", "no"),
        # what a void undid (settlements.kind)
        "sale": QCoreApplication.translate("ReportCsv", "sale"),
        "topup": QCoreApplication.translate("ReportCsv", "topup"),
        "claim": QCoreApplication.translate("ReportCsv", "claim"),
        "visit_gift": QCoreApplication.translate("ReportCsv", "visit gift"),
    }
    for code in ("product_voucher", "amount_off", "percent_off", "stored_voucher", "bundle"):
        words[code] = kind_label(code)
    for action in ("close_day", "override", "void", "return", "price_override", "allowance_override", "unlock_staff",
                   "void_topup", "transfer_coupon", "conflict_absorb", "conflict_charge_member", "conflict_block_card",
                   "reprint"):
        words[action] = action_label(action)
    return words
