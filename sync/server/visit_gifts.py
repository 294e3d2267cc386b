"""Pure judgement of a visit gift claim (來店禮, issue 16 section 3): no database, no clock.

    verdict = judge_visit_gift(env, facts)   # facts: sync.server.visit_gift_facts.visit_gift_facts

visit_gift_claim  payload {checkout_id, store_id, terminal_id, member_id, gift_id, spent, occurred_at,
          based_on_cursor, gift: {"code", "template_id", "valid_until"} | {"lot_id", "point_type", "points"}}

Judged with the counter's rule (`terminal.domain.visit_gift.check_visit_gift`) on the server's own
count of the member's qualifying spend and claims (the `member_purchases` row, chain-wide:
sync/server/purchases.py), at the event's time bounded as a settlement's (sync.server.bounds):

  * unknown gift or member: Reject (`unknown_visit_gift`, `unknown_member`); a voucher code other than
    `gift_code(event_id)`, a lot other than `gift_lot_id(event_id)`, or a voucher code already taken:
    Reject `invalid_payload` (a terminal cannot mint codes).
  * outside the claim window, the gift's scope or tiers, a blocked member: quarantined with the
    domain's reason, nothing booked.
  * already claimed chain-wide (another store's claim, offline, pushed first): conflict
    `visit_gift_claimed_twice`, decision `not_booked` (the gift is not given twice; the store's
    manager sees it, the voucher the counter printed is voided at sync).
  * the spend the server counts below the threshold: quarantined `visit_gift_threshold_not_met`
    (details: spent, threshold, short; the counter's `spent` claim), nothing booked.
  * more of this terminal's unsynced visit-gift claims of the gift than the allowance
    `giveaway_claims`: quarantined `claims_beyond_allowance`, not booked.
  * booked: the voucher (the member's, of `template_id`, valid `voucher_valid_days`) or the points lot,
    and the claim in the member's row ({event_id, at, store_id}).
"""

from __future__ import annotations

from datetime import timedelta

from terminal.domain.reasons import CheckoutError, Reason
from terminal.domain.visit_gift import VisitGift, check_visit_gift, gift_code, gift_lot_id

from sync.server.errors import Reject
from sync.server.judge import Facts, Put, Verdict, _burn_and_earn, is_amount
from sync.server.member_value import _blocked, _common
from sync.server.purchases import KIND as PURCHASES
from sync.server.purchases import add_claim, gift_progress
from sync.server.rules import quarantine


def judge_visit_gift(env: dict, facts: Facts) -> Verdict:
    """A visit gift claim: the gift booked once per member when the member's spend meets the threshold."""
    p, member_id, ctx, book, bounded = _common(env, facts)
    gift: VisitGift | None = facts.value.get("visit_gift")
    store = facts.value.get("store")
    if gift is None or store is None:
        raise Reject("unknown_visit_gift", f"Visit gift {str(p.get('gift_id'))[:64]!r} is not known centrally.")
    g = p.get("gift") if isinstance(p.get("gift"), dict) else {}
    if gift.template_id is not None:
        if g.get("code") != gift_code(env["event_id"]) or g.get("template_id") != gift.template_id:
            raise Reject("invalid_payload", "the gift voucher is not the one this event issues (gift_code of the event id, the "
                         "gift's template)", field="gift.code")
        if facts.value.get("code_taken"):
            raise Reject("invalid_payload", f"coupon {g.get('code')} already exists", field="gift.code")
    elif g.get("lot_id") != gift_lot_id(env["event_id"]):
        raise Reject("invalid_payload", "the gift's lot is not the one this event earns on (visit/<event id>)", field="gift.lot_id")
    at = bounded.occurred
    claimed = p.get("spent") if is_amount(p.get("spent")) else None
    why = _blocked(facts)
    if why is not None:
        book.conflict(quarantine("member_blocked", f"Member {member_id} is blocked ({why}): visit gift not booked.",
                                 subject=member_id, claimed=claimed))
        return book.verdict
    progress = gift_progress(facts.purchases, gift)
    try:
        check_visit_gift(gift, store=store, member=facts.value.get("member_model"), at=at, progress=progress)
    except CheckoutError as err:
        if err.reason == Reason.VISIT_GIFT_ALREADY_CLAIMED:  # honest offline: another store's claim reached the server first
            book.conflict({"kind": "visit_gift_claimed_twice", "decision": "not_booked", "subject": member_id,
                           "amount": gift.points if gift.template_id is None else None,
                           "message": f"Visit gift {gift.id} claimed at {ctx['store_id']}/{ctx['terminal_id']} for member "
                                      f"{member_id}, who had claimed it already: not booked. {err.message}",
                           "details": {"reason": err.reason.value, "gift_id": gift.id, **err.details, **ctx}})
        else:  # outside its window, scope or tiers, or the spend the server counts is short
            book.conflict(quarantine(err.reason.value, f"Visit gift claim {ctx['checkout_id']}: {err.message} Not booked.",
                                     subject=member_id, claimed=claimed, gift_id=gift.id,
                                     **{k: v for k, v in err.details.items() if k in ("spent", "threshold", "short")}))
        return book.verdict
    limit = facts.rules.allowances.get("giveaway_claims") if facts.rules is not None else None
    unsynced = sum(1 for v in facts.value.get("own_claims", ()) if book.window is not None and v > book.window)
    if isinstance(limit, int) and unsynced + 1 > limit:
        book.conflict(quarantine("claims_beyond_allowance", f"Terminal {ctx['terminal_id']} had {unsynced} visit gift claim(s) "
                                 f"of {gift.id} not yet synced; the offline allowance is {limit}: this claim is not booked.",
                                 subject=member_id, claimed=claimed, allowance=limit, unsynced=unsynced))
        return book.verdict
    if gift.template_id is not None:
        template = facts.value.get("template")
        if template is None:
            raise Reject("unknown_template", f"Visit gift {gift.id} gives template {gift.template_id}, unknown centrally.")
        until = at + timedelta(days=gift.voucher_valid_days)
        code = gift_code(env["event_id"])
        book.put_coupon(code, {"code": code, "template_id": template.id, "member_id": member_id, "plain_code": None,
                               "total_uses": template.uses, "used_uses": 0, "status": "active", "valid_from": None,
                               "valid_until": until.isoformat(), "issued_at": at.isoformat(), "parent_code": None,
                               "gifted_from": None})
    else:
        expires = at + timedelta(days=gift.lot_validity_days) if gift.lot_validity_days else None
        _burn_and_earn(book, member_id, [], [{"lot_id": gift_lot_id(env["event_id"]), "point_type": gift.point_type,
                                              "points": gift.points, "expires_at": expires.isoformat() if expires else None}],
                       at, ctx, override=False)
    row = add_claim(facts.purchases, member_id, gift.id, {"event_id": env["event_id"], "at": ctx["at"], "store_id": ctx["store_id"]})
    book.ops.append(Put(PURCHASES, member_id, row, member_id))
    return book.verdict
