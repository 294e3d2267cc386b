"""The detail line under a refusal's headline, in the cashier's language: what is wrong, with the
figures, and what to do now.

The domain refuses with a stable reason code, an English sentence (for the CLI and the logs) and
its figures in `details` (terminal/domain/reasons.py); terminal/usecases/refusal_details.py adds
what the replica knows (store names, store-local times, where a coupon was used). Here each reason
has a translated template filled from those details:

    SPECIFIC[reason](details) -> str    the wording with the figures; raises KeyError when a figure
                                        it needs is missing (that refusal came from another path)
    GENERIC[reason]() -> str            the wording without figures: what to do
    SAYS_IT_ALL                         reasons whose headline (i18n.reason_text) is the whole message

`detail_text(reason, details)` picks SPECIFIC, else GENERIC, else "". Every `Reason` is in GENERIC
or SAYS_IT_ALL (tests/ui/test_reason_details.py), so a new reason cannot reach the cashier in English.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication

from terminal.ui.style import money

__all__ = ["detail_text", "GENERIC", "SPECIFIC", "SAYS_IT_ALL"]


def _f(template: str, *values: Any) -> str:
    """`template` with %1, %2... replaced (highest first, so %1 does not eat %10)."""
    for i in range(len(values), 0, -1):
        template = template.replace(f"%{i}", str(values[i - 1]))
    return template


def _names(values: Any) -> str:
    return QCoreApplication.translate("ReasonDetail", ", ").join(str(v) for v in values)


def _day(d: dict, key: str) -> str:
    """The store-local day of an ISO time key (`<key>_local` from usecases/refusal_details.py)."""
    return str(d[f"{key}_local"])[:10]


SAYS_IT_ALL = frozenset({
    "already_closed", "checkout_id_reused", "unknown_point_type",
})

GENERIC: dict[str, Callable[[], str]] = {
    "empty": lambda: QCoreApplication.translate("ReasonDetail", "Scan again, or type the code and press Enter."),
    "overlong": lambda: QCoreApplication.translate("ReasonDetail", "Scan the code again; if it still fails, type the number printed under it."),
    "malformed": lambda: QCoreApplication.translate(
        "ReasonDetail", "This is not a member card, coupon or product of this store. Scan the right code or type its number."),
    "bad_check_digit": lambda: QCoreApplication.translate(
        "ReasonDetail", "A digit was misread or mistyped. Scan again or check the number."),
    "unknown": lambda: QCoreApplication.translate(
        "ReasonDetail", "This terminal does not know the code. Check the number; if it is new, sync and scan again."),
    "forged": lambda: QCoreApplication.translate(
        "ReasonDetail", "The code's signature does not match: it was altered or copied. Do not accept it."),
    "unknown_key": lambda: QCoreApplication.translate(
        "ReasonDetail", "Signed with a key this terminal does not know. Sync and scan again; if it persists, do not accept it."),
    "revoked": lambda: QCoreApplication.translate(
        "ReasonDetail", "The issuer blocked this card or coupon. Do not accept it; the member can call customer service."),
    "wrong_kind": lambda: QCoreApplication.translate(
        "ReasonDetail", "This code cannot be used here. A gift card pays for the sale; a member card is scanned as the member."),
    "keyboard_layout": lambda: QCoreApplication.translate(
        "ReasonDetail", "The scanner types with another keyboard layout. Set the scanner or this PC's input language to US English."),
    "expired": lambda: QCoreApplication.translate("ReasonDetail", "Its validity has ended. Ask the member for another coupon."),
    "not_yet_valid": lambda: QCoreApplication.translate("ReasonDetail", "Its validity has not started. Keep it for later."),
    "used_up": lambda: QCoreApplication.translate("ReasonDetail", "Every use of this coupon is taken. Ask the member for another coupon."),
    "voided": lambda: QCoreApplication.translate("ReasonDetail", "The issuer voided this coupon. Do not accept it."),
    "wrong_store": lambda: QCoreApplication.translate("ReasonDetail", "This coupon is for other stores only."),
    "wrong_brand": lambda: QCoreApplication.translate("ReasonDetail", "This coupon is for another brand's stores."),
    "wrong_member": lambda: QCoreApplication.translate(
        "ReasonDetail", "It belongs to another member. Scan the card of the member who holds it."),
    "member_required": lambda: QCoreApplication.translate("ReasonDetail", "Scan the member card, then scan this again."),
    "not_birthday_month": lambda: QCoreApplication.translate(
        "ReasonDetail", "Valid only in the member's birthday month: the member can keep it for then."),
    "limit_reached": lambda: QCoreApplication.translate("ReasonDetail", "The member has used this offer as often as allowed."),
    "unreplicated_not_allowed": lambda: QCoreApplication.translate(
        "ReasonDetail", "This coupon is genuine but this terminal has not received it yet. Sync, then scan again."),
    "cap_reached": lambda: QCoreApplication.translate("ReasonDetail", "Every use of this promo code is taken."),
    "budget_spent": lambda: QCoreApplication.translate("ReasonDetail", "The promo code's budget is used up."),
    "campaign_budget_spent": lambda: QCoreApplication.translate("ReasonDetail", "The campaign's budget is used up."),
    "wrong_tier": lambda: QCoreApplication.translate("ReasonDetail", "This offer is for another member tier."),
    "visit_gift_not_active": lambda: QCoreApplication.translate("ReasonDetail", "This visit gift cannot be claimed now."),
    "visit_gift_already_claimed": lambda: QCoreApplication.translate("ReasonDetail", "Each member claims this gift once."),
    "visit_gift_threshold_not_met": lambda: QCoreApplication.translate(
        "ReasonDetail", "The member's spend in the period is below the gift's threshold."),
    "not_first_purchase": lambda: QCoreApplication.translate(
        "ReasonDetail", "This coupon is for a member's first purchase; this member has bought before."),
    "self_referral": lambda: QCoreApplication.translate("ReasonDetail", "Ask for the code of the member who referred them."),
    "not_new_member": lambda: QCoreApplication.translate("ReasonDetail", "This member has bought before: no referral reward."),
    "no_referral_campaign": lambda: QCoreApplication.translate("ReasonDetail", "No referral campaign runs at this store now."),
    "min_spend_not_met": lambda: QCoreApplication.translate("ReasonDetail", "Add more eligible items to reach the minimum spend."),
    "no_eligible_item": lambda: QCoreApplication.translate("ReasonDetail", "Add an item this coupon covers, or remove the coupon."),
    "not_combinable": lambda: QCoreApplication.translate(
        "ReasonDetail", "It cannot be used together with a coupon already in this checkout. Remove one of them."),
    "already_in_checkout": lambda: QCoreApplication.translate("ReasonDetail", "It was scanned once already: counted once."),
    "too_many_uses": lambda: QCoreApplication.translate("ReasonDetail", "Fewer uses are left than asked. Lower the uses."),
    "nothing_left_to_discount": lambda: QCoreApplication.translate(
        "ReasonDetail", "Other discounts already cover these items. Remove the coupon."),
    "insufficient_points": lambda: QCoreApplication.translate("ReasonDetail", "Use fewer points."),
    "points_not_multiple": lambda: QCoreApplication.translate("ReasonDetail", "Points are used in steps. Change the amount."),
    "points_exceed_bill": lambda: QCoreApplication.translate("ReasonDetail", "Use fewer points than the bill allows."),
    "insufficient_balance": lambda: QCoreApplication.translate("ReasonDetail", "Pay the rest another way."),
    "currency_mismatch": lambda: QCoreApplication.translate("ReasonDetail", "This card cannot pay at this store."),
    "invalid_amount": lambda: QCoreApplication.translate("ReasonDetail", "Enter an amount within the card's limits."),
    "tender_exceeds_total": lambda: QCoreApplication.translate("ReasonDetail", "Lower the card payment to the total."),
    "invalid_basket": lambda: QCoreApplication.translate("ReasonDetail", "Check the items and amounts, then try again."),
    "unknown_product": lambda: QCoreApplication.translate(
        "ReasonDetail", "This product is not in this terminal's catalog. Enter its price as an amount (F2), or sync."),
    "preview_changed": lambda: QCoreApplication.translate(
        "ReasonDetail", "Something changed since the total was shown. Check the new total with the member and settle again."),
    "not_found": lambda: QCoreApplication.translate("ReasonDetail", "Nothing matching was found on this terminal."),
    "void_window_passed": lambda: QCoreApplication.translate(
        "ReasonDetail", "The time to void this sale has passed. Make a return instead."),
    "return_window_passed": lambda: QCoreApplication.translate("ReasonDetail", "The time to return items of this sale has passed."),
    "return_exceeds_sold": lambda: QCoreApplication.translate("ReasonDetail", "Return fewer items: no more than were sold."),
    "not_authorized": lambda: QCoreApplication.translate(
        "ReasonDetail", "Sign in first (Ctrl+L); some actions need a manager's ID and PIN."),
    "offline_allowance_exceeded": lambda: QCoreApplication.translate(
        "ReasonDetail", "Beyond what this terminal may do offline. A manager may approve it; or sync first."),
    "bad_pin": lambda: QCoreApplication.translate("ReasonDetail", "Check the staff ID and the PIN, then try again."),
    "staff_locked": lambda: QCoreApplication.translate("ReasonDetail", "Wait, or ask a manager to unlock it at the manager desk (F10)."),
    "vault_unavailable": lambda: QCoreApplication.translate(
        "ReasonDetail", "Sign in to this PC's Windows account again, or call IT. Products can still be sold."),
    "offer_not_available": lambda: QCoreApplication.translate("ReasonDetail", "This exchange offer is not available here now."),
    "campaign_not_active": lambda: QCoreApplication.translate("ReasonDetail", "This campaign is not running now."),
    "campaign_cap_reached": lambda: QCoreApplication.translate("ReasonDetail", "Everything this campaign gives out has been claimed."),
    "claim_daily_limit": lambda: QCoreApplication.translate("ReasonDetail", "The member can claim again tomorrow."),
    "claim_campaign_limit": lambda: QCoreApplication.translate("ReasonDetail", "The member has claimed as often as this campaign allows."),
    "gifted": lambda: QCoreApplication.translate(
        "ReasonDetail", "This voucher was given to another member; only they can use it now."),
    "transfer_not_allowed": lambda: QCoreApplication.translate(
        "ReasonDetail", "Used, voided, bundled or bearer vouchers cannot be given to another member."),
    "device_unknown": lambda: QCoreApplication.translate(
        "ReasonDetail", "The till that issued it is not known here yet. Sync, then scan again."),
    "device_key_unregistered": lambda: QCoreApplication.translate(
        "ReasonDetail", "The till that issued it has no signing key. Do not accept it; call IT."),
    "device_revoked": lambda: QCoreApplication.translate("ReasonDetail", "The till that issued it was blocked. Do not accept it."),
    "device_wrong_brand": lambda: QCoreApplication.translate("ReasonDetail", "It was issued for another brand. Do not accept it."),
    "device_not_issuer": lambda: QCoreApplication.translate("ReasonDetail", "No till issues this kind of voucher. Do not accept it."),
    "device_vouchers_beyond_allowance": lambda: QCoreApplication.translate(
        "ReasonDetail", "That till must sync before more of its vouchers can be used."),
    "unsynced_events": lambda: QCoreApplication.translate(
        "ReasonDetail", "Let the terminal sync first; a manager may close anyway with a reason."),
    "invalid_request": lambda: QCoreApplication.translate("ReasonDetail", "Check what was entered and try again."),
    "already_voided": lambda: QCoreApplication.translate("ReasonDetail", "This sale was voided: nothing is left to return or void."),
    # members found and signed up at the counter (terminal/usecases/member_search.py)
    "looks_like_phone": lambda: QCoreApplication.translate(
        "ReasonDetail", "This looks like a phone number: search the member by phone instead."),
    "invalid_phone": lambda: QCoreApplication.translate("ReasonDetail", "Check the phone number and type it again."),
    "invalid_name": lambda: QCoreApplication.translate("ReasonDetail", "Check the name and type it again."),
    "invalid_birth_month": lambda: QCoreApplication.translate("ReasonDetail", "Choose a birth month from 1 to 12."),
    "consent_required": lambda: QCoreApplication.translate(
        "ReasonDetail", "The member must agree to the membership terms before signing up."),
    "phone_taken": lambda: QCoreApplication.translate(
        "ReasonDetail", "This phone number already belongs to a member: search by phone instead."),
    "needs_network": lambda: QCoreApplication.translate("ReasonDetail", "This needs the network: connect, then try again."),
    "rate_limited": lambda: QCoreApplication.translate("ReasonDetail", "Too many searches from this till: wait a minute and try again."),
    # window-only reasons (terminal/ui/verdicts.failure_notice)
    "storage_full": lambda: QCoreApplication.translate("ReasonDetail", "Free disk space on this PC or call IT; the sale is kept."),
    "storage_error": lambda: QCoreApplication.translate("ReasonDetail", "Try again. If it happens again, call IT."),
    "internal_error": lambda: QCoreApplication.translate(
        "ReasonDetail", "Nothing was lost: try again. If it happens again, call IT (the log has the details)."),
}

SPECIFIC: dict[str, Callable[[dict], str]] = {
    "expired": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "It expired on %1. Ask the member for another coupon."), _day(d, "valid_until")),
    "not_yet_valid": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "It can be used from %1. Keep it until then."), _day(d, "valid_from")),
    "used_up": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Used on %1 at %2 (checkout %3). Ask the member for another coupon."),
        d["used_at_local"], d["used_store_name"], str(d["used_checkout_id"])[:8]) if "used_at_local" in d else _f(
        QCoreApplication.translate("ReasonDetail", "All %1 use(s) were taken at another till or store. "
                                   "Ask the member for another coupon."), d["total_uses"]),
    "wrong_store": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Valid only at: %1. The member can use it there."), _names(d["valid_store_names"])),
    "wrong_brand": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Valid only at stores of: %1."), _names(d["valid_brand_names"])),
    "limit_reached": lambda d: _f({
        "day": QCoreApplication.translate("ReasonDetail", "At most %1 per member per day: the member can use it again tomorrow."),
        "month": QCoreApplication.translate("ReasonDetail", "At most %1 per member per month: the member can use it again next month."),
    }.get(d["period"], QCoreApplication.translate("ReasonDetail", "At most %1 per member.")), d["limit"]),
    "cap_reached": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "All %1 uses of this promo code are taken."), d["cap"]),
    "budget_spent": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Its budget of %1 is used up."), money(d["budget"])),
    "campaign_budget_spent": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "The campaign's budget of %1 is used up."), money(d["budget"])),
    "visit_gift_not_active": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "It can be claimed from %1 until %2."), d["starts_at_local"], d["claim_until_local"]),
    "visit_gift_already_claimed": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Claimed on %1. Each member claims it once."), d["claimed_at_local"]),
    "visit_gift_threshold_not_met": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Spent %1 of %2: %3 more to go."), money(d["spent"]), money(d["threshold"]), money(d["short"])),
    "not_first_purchase": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "For a first purchase only; this member has %1 purchase(s) before."), d["prior_purchases"]),
    "min_spend_not_met": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Minimum spend %1, eligible items come to %2: add %3 more, or remove the coupon."),
        money(d["min_spend"]), money(d["eligible"]), money(d["min_spend"] - d["eligible"])),
    "not_combinable": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "It cannot be used together with %1 (one of them must be used alone): remove one of them.")
        if d.get("exclusive") else QCoreApplication.translate(
        "ReasonDetail", "It cannot be used together with %1: remove one of them."), d["with_name"]),
    "no_eligible_item": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Needs %1 eligible item(s), the basket has %2: add the item or lower the uses."), d["needed"], d["found"]),
    "too_many_uses": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Only %1 use(s) left: lower the uses."), d["remaining"]),
    "insufficient_points": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "%1 points asked, %2 usable: use fewer points."), d["needed"], d["usable"]),
    "points_not_multiple": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Points are used in steps of %1. Change the amount."), d["step"]),
    "points_exceed_bill": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "At most %1 points on this bill."), d["max_points"]),
    "insufficient_balance": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Balance %1, asked %2: pay the other %3 another way."),
        money(d["balance"]), money(d["requested"]), money(d["shortfall"])),
    "tender_exceeds_total": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Payments %1, total %2: lower the card payment."), money(d["paid"]), money(d["total"])),
    "preview_changed": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "The total is now %1 (was %2). Tell the member and settle again."), money(d["actual"]), money(d["expected"])),
    "not_found": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "No sale %1 on this terminal. Check the checkout number."), str(d["checkout_id"])[:8]),
    "return_window_passed": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Items can be returned within %1 day(s) of the sale."), d["window_days"]),
    "return_exceeds_sold": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "Line %1: %2 sold, %3 returned already, %4 asked."), d["line"], d["sold"], d["returned"], d["asked"]),
    "staff_locked": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "%1 wrong PINs: locked until %2. Wait, or ask a manager to unlock it at the manager desk (F10)."),
        d["failures"], str(d["locked_until_local"])[11:16]),
    "unsynced_events": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "%1 sale(s) or change(s) are not synced yet. Let the terminal sync first; "
                        "a manager may close anyway with a reason."), d["pending"]),
    "claim_daily_limit": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "%1 of %2 claims today: the member can claim again tomorrow."), d["claims_today"], d["limit"]),
    "claim_campaign_limit": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "%1 of %2 claims of this campaign are used."), d["claims"], d["limit"]),
    "campaign_not_active": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "It runs from %1 until %2."), d["starts_at_local"], d["ends_at_local"]),
    "offer_not_available": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "It runs from %1 until %2."), d["valid_from_local"], d["valid_until_local"]),
    "vault_unavailable": lambda d: {
        "locked": QCoreApplication.translate(
            "ReasonDetail", "The vault is locked: unlock it by signing in to this PC's Windows account again. "
                            "Products can still be sold."),
        "missing": QCoreApplication.translate(
            "ReasonDetail", "The vault no longer holds this PC's key: call IT. Products can still be sold."),
        "unavailable": QCoreApplication.translate(
            "ReasonDetail", "The vault cannot be used: call IT. Products can still be sold."),
    }[d["vault"]],
    "offline_allowance_exceeded": lambda d: _f(QCoreApplication.translate(
        "ReasonDetail", "%1 not synced yet plus %2 now is more than the offline allowance of %3. Sync first."),
        d["unsynced"], d["requested"], d["limit"]),
}


def detail_text(reason: str | None, details: dict[str, Any] | None = None) -> str:
    """The translated detail line for a refusal with `reason` (a Reason value or a window-only
    code) and its `details`; "" when the headline says it all or the reason is unknown."""
    d = details or {}
    if reason in SPECIFIC:
        try:
            return SPECIFIC[reason](d)
        except (KeyError, TypeError, ValueError):  # a figure this path did not give: the generic wording
            pass
    generic = GENERIC.get(reason or "")
    return generic() if generic is not None else ""
