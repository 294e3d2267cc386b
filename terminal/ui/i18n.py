"""Languages: Qt translation files (.qm) for zh_TW (default) and en; reason codes -> messages.

The domain speaks English with the specifics (amounts, dates, names). The counter shows a
short translated headline chosen by the stable reason code, and under it a translated detail
line filled from the refusal's details (terminal/ui/reason_details.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("zh_TW", "en")
DEFAULT_LANGUAGE = "zh_TW"


def translations_dir() -> Path:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "translations"


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own catalogues (qtbase_zh_TW.qm, shipped in the PySide6-Essentials wheel and kept in
    the bundle by build_scripts/loyalty_terminal.spec) may be: Qt's configured path, then the
    PySide6 package's own folder (a frozen app whose qt.conf points elsewhere)."""
    import PySide6

    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            Path(PySide6.__file__).resolve().parent / "Qt" / "translations"]


_installed: list[QTranslator] = []
_current = {"language": DEFAULT_LANGUAGE}


def current_language() -> str:
    """The language `install` last loaded (zh_TW or en)."""
    return _current["language"]


def install(app: QCoreApplication, language: str) -> str:
    """Load `language`'s .qm into the app (replacing a previous one); returns the language used."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    _current["language"] = language
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    tr = QTranslator(app)
    if tr.load(str(translations_dir() / f"terminal_{language}.qm")):
        app.installTranslator(tr)
        _installed.append(tr)
    if language != "en":  # Qt's own words (OK, Cancel, Show Details..., Copy/Paste menus) from Qt's catalogue
        qt = QTranslator(app)
        if any(qt.load(f"qtbase_{language}", str(d)) for d in qt_translation_dirs()):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale("zh_TW") if language == "zh_TW"
                       else QLocale("en_US"))
    return language


def reason_text(reason: str | None) -> str:
    """Short translated headline for a reason code (unknown codes fall back to a generic one)."""
    table = {
        "empty": QCoreApplication.translate("Reason", "Nothing was scanned"),
        "storage_full": QCoreApplication.translate("Reason", "Disk full: nothing was saved"),
        # window-only reasons (terminal/ui/verdicts.failure_notice): faults, not refusals
        "storage_error": QCoreApplication.translate("Reason", "Could not save: nothing was changed"),
        "internal_error": QCoreApplication.translate("Reason", "Something went wrong - the sale is kept"),
        "overlong": QCoreApplication.translate("Reason", "Code is too long"),
        "malformed": QCoreApplication.translate("Reason", "Not a code of this program"),
        "bad_check_digit": QCoreApplication.translate("Reason", "Check digit wrong - scan again"),
        "unknown": QCoreApplication.translate("Reason", "Unknown code"),
        "forged": QCoreApplication.translate("Reason", "Forged or altered code"),
        "unknown_key": QCoreApplication.translate("Reason", "Signed with an unknown key"),
        "revoked": QCoreApplication.translate("Reason", "Card or coupon blocked"),
        "wrong_kind": QCoreApplication.translate("Reason", "Wrong kind of code"),
        "keyboard_layout": QCoreApplication.translate(
            "Reason", "Scanner keyboard layout wrong - set the scanner (or this PC's input language) to US English"),
        "expired": QCoreApplication.translate("Reason", "Expired"),
        "not_yet_valid": QCoreApplication.translate("Reason", "Not valid yet"),
        "used_up": QCoreApplication.translate("Reason", "Already used up"),
        "voided": QCoreApplication.translate("Reason", "Voided"),
        "wrong_store": QCoreApplication.translate("Reason", "Not valid at this store"),
        "wrong_brand": QCoreApplication.translate("Reason", "Not valid for this brand"),
        "wrong_member": QCoreApplication.translate("Reason", "Belongs to another member"),
        "member_required": QCoreApplication.translate("Reason", "Scan the member card first"),
        "not_birthday_month": QCoreApplication.translate("Reason", "Only in the birthday month"),
        "limit_reached": QCoreApplication.translate("Reason", "Usage limit reached"),
        "unreplicated_not_allowed": QCoreApplication.translate("Reason", "Not on this terminal yet - sync needed"),
        "min_spend_not_met": QCoreApplication.translate("Reason", "Minimum spend not met"),
        "no_eligible_item": QCoreApplication.translate("Reason", "No eligible item in the basket"),
        "not_combinable": QCoreApplication.translate("Reason", "Cannot be combined"),
        "already_in_checkout": QCoreApplication.translate("Reason", "Already in this checkout"),
        "too_many_uses": QCoreApplication.translate("Reason", "Too many uses"),
        "nothing_left_to_discount": QCoreApplication.translate("Reason", "Nothing left to discount"),
        "insufficient_points": QCoreApplication.translate("Reason", "Not enough points"),
        "points_not_multiple": QCoreApplication.translate("Reason", "Points must be a multiple of the step"),
        "points_exceed_bill": QCoreApplication.translate("Reason", "Points exceed the bill"),
        "unknown_point_type": QCoreApplication.translate("Reason", "Unknown point type"),
        "invalid_basket": QCoreApplication.translate("Reason", "Check the basket"),
        "unknown_product": QCoreApplication.translate("Reason", "Unknown product"),
        "preview_changed": QCoreApplication.translate("Reason", "Total changed - check and settle again"),
        "checkout_id_reused": QCoreApplication.translate("Reason", "Checkout already settled differently"),
        "not_found": QCoreApplication.translate("Reason", "Not found"),
        "already_voided": QCoreApplication.translate("Reason", "Already voided"),
        "void_window_passed": QCoreApplication.translate("Reason", "Too late to void"),
        "not_authorized": QCoreApplication.translate("Reason", "Not authorized"),
        "offline_allowance_exceeded": QCoreApplication.translate("Reason", "Beyond the offline allowance - manager approval needed"),
        "bad_pin": QCoreApplication.translate("Reason", "Wrong staff id or PIN"),
        "staff_locked": QCoreApplication.translate("Reason", "Staff id locked after wrong PINs - wait, or ask a manager to unlock"),
        "vault_unavailable": QCoreApplication.translate("Reason", "Credential vault locked - PINs and card numbers cannot be checked"),
        "unsynced_events": QCoreApplication.translate("Reason", "Sales not yet synced"),
        "already_closed": QCoreApplication.translate("Reason", "Day already closed"),
        "invalid_request": QCoreApplication.translate("Reason", "Check the input"),
        "cap_reached": QCoreApplication.translate("Reason", "Promo code fully used - campaign cap reached"),
        "budget_spent": QCoreApplication.translate("Reason", "Promo code budget spent"),
        "campaign_budget_spent": QCoreApplication.translate("Reason", "Campaign budget spent - all its promo codes"),
        "wrong_tier": QCoreApplication.translate("Reason", "Not for this member tier"),
        "device_unknown": QCoreApplication.translate("Reason", "Voucher from an unknown till - sync and scan again"),
        "device_key_unregistered": QCoreApplication.translate("Reason", "Voucher from a till without a signing key"),
        "device_revoked": QCoreApplication.translate("Reason", "Voucher from a blocked till - do not accept"),
        "device_wrong_brand": QCoreApplication.translate("Reason", "Voucher from another brand's till"),
        "device_not_issuer": QCoreApplication.translate("Reason", "Voucher no till can issue - do not accept"),
        "device_vouchers_beyond_allowance": QCoreApplication.translate(
            "Reason", "Too many vouchers from that till not synced yet"),
        "visit_gift_not_active": QCoreApplication.translate("Reason", "Visit gift not running now"),
        "visit_gift_already_claimed": QCoreApplication.translate("Reason", "Visit gift already claimed"),
        "visit_gift_threshold_not_met": QCoreApplication.translate("Reason", "Spend not yet enough for the visit gift"),
        "not_first_purchase": QCoreApplication.translate("Reason", "First purchase only - member has bought before"),
        "self_referral": QCoreApplication.translate("Reason", "Members cannot refer themselves"),
        "not_new_member": QCoreApplication.translate("Reason", "Referral codes are for new members only"),
        "no_referral_campaign": QCoreApplication.translate("Reason", "No referral campaign at this store"),
        "insufficient_balance": QCoreApplication.translate("Reason", "Not enough stored value on the card"),
        "currency_mismatch": QCoreApplication.translate("Reason", "Card is in another currency"),
        "invalid_amount": QCoreApplication.translate("Reason", "Check the amount"),
        "tender_exceeds_total": QCoreApplication.translate("Reason", "Payments exceed the total"),
        "return_window_passed": QCoreApplication.translate("Reason", "Too late to return"),
        "return_exceeds_sold": QCoreApplication.translate("Reason", "More than was sold or already returned"),
        "offer_not_available": QCoreApplication.translate("Reason", "Exchange offer not available here or now"),
        "campaign_not_active": QCoreApplication.translate("Reason", "Campaign not running now"),
        "campaign_cap_reached": QCoreApplication.translate("Reason", "Campaign fully claimed"),
        "claim_daily_limit": QCoreApplication.translate("Reason", "Already claimed today"),
        "claim_campaign_limit": QCoreApplication.translate("Reason", "Claim limit for this campaign reached"),
        "gifted": QCoreApplication.translate("Reason", "Given to another member - code no longer valid for this member"),
        "transfer_not_allowed": QCoreApplication.translate("Reason", "This voucher cannot be given away"),
        "looks_like_phone": QCoreApplication.translate("Reason", "A phone number - press F7 to find the member"),
        "invalid_phone": QCoreApplication.translate("Reason", "Not a valid mobile number (09 and 8 digits)"),
        "invalid_name": QCoreApplication.translate("Reason", "Check the name (at least 2 characters to search)"),
        "invalid_birth_month": QCoreApplication.translate("Reason", "Birth month is 1 to 12"),
        "consent_required": QCoreApplication.translate("Reason", "The member's consent is needed"),
        "phone_taken": QCoreApplication.translate("Reason", "This phone number is already a member's"),
        "needs_network": QCoreApplication.translate("Reason", "Needs the network - not possible offline"),
        "rate_limited": QCoreApplication.translate("Reason", "Too many member searches from this till - wait a moment"),
    }
    if reason is None:
        return QCoreApplication.translate("Reason", "Refused")
    return table.get(reason, QCoreApplication.translate("Reason", "Refused"))
