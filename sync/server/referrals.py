"""Referral rewards judged by the server when it books a new member's first purchase (issue 16
section 3, MGM): pure code.

The rule is the terminal's (`terminal.domain.referral.check_referral`) on the server's full
history (`RuleFacts.purchases`): the referrer is another member known centrally, the new member
had no purchase booked before, and each new member is rewarded once (a `referral` row keyed by
the new member; a void of that purchase reverses it and frees the member to be referred again).
Nothing is given at the counter, so nothing needs an offline allowance: what the rule refuses is
simply not rewarded, with a conflict (docs/sync.md):

* `quarantined` (reason self_referral, member_required, malformed, bad_check_digit,
  no_referral_campaign, unknown_referrer, or not_new_member when the terminal knew of the earlier
  purchase): a claim no honest counter sends;
* `referral_not_rewarded`: an honest terminal that could not know (a purchase made elsewhere after
  its last pull, or the member already referred): not rewarded.

The rewards: `referrer_points` of the campaign's point type on lot `referral/<referrer>/<member>`
(expiring as the point type says), and the campaign's coupon for the new member, code
`referee_coupon_code(event id)` (what the receipt printed), valid from the next store-local day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sync.server.rules import RuleFacts, quarantine
from terminal.domain.clock import local, zone
from terminal.domain.reasons import CodeError, Reason
from terminal.domain.referral import check_referral, referee_coupon_code, referral_campaign
from terminal.domain.settlement import earned_expiry

KIND = "referral"


@dataclass
class ReferralOutcome:
    conflicts: list[dict] = field(default_factory=list)
    row: dict | None = None  # the `referral` row to put (keyed by the new member)
    points: dict | None = None  # {"member_id", "lot_id", "point_type", "points", "expires_at"} for the referrer
    coupon: dict | None = None  # the new member's coupon body


def referral_lot(referrer: str, member_id: str) -> str:
    return f"referral/{referrer}/{member_id}"


def judge_referral(p: dict, rf: RuleFacts, *, existing: dict | None, referrer_known: bool, based_seq: int, ctx: dict,
                   at: datetime) -> ReferralOutcome:
    """What the settlement payload `p`'s `referral_code` earns. `existing`: the new member's
    `referral` row (None: never referred); `referrer_known`: the referrer is a member centrally;
    `at`: the judged time (aware). Raises nothing."""
    out = ReferralOutcome()
    code = p.get("referral_code")
    subject = p.get("member_id") if isinstance(p.get("member_id"), str) else None
    if not isinstance(code, str) or len(code) > 64:
        out.conflicts.append(quarantine("malformed", "The referral code is not a string of at most 64 characters: not rewarded.",
                                        subject=subject))
        return out
    campaign = referral_campaign(rf.templates)
    if campaign is None or rf.store is None:
        out.conflicts.append(quarantine("no_referral_campaign", "A referral code was sent while no referral campaign runs: "
                                        "not rewarded.", subject=subject))
        return out
    try:
        referrer = check_referral(code, rf.member, rf.purchases.purchases)
    except CodeError as err:
        first = rf.first_purchase or {}
        knew = (first.get("store_id"), first.get("terminal_id")) == (ctx["store_id"], ctx["terminal_id"]) \
            or first.get("seq", 0) <= based_seq
        if err.reason == Reason.NOT_NEW_MEMBER and not knew:
            out.conflicts.append(_not_rewarded(subject, f"{err.message} The earlier purchase was made elsewhere after this "
                                               "terminal's last pull: the referral is not rewarded.", ctx))
        else:
            out.conflicts.append(quarantine(err.reason.value, f"Referral code {code[:64]!r}: {err.message} Not rewarded.",
                                            subject=subject))
        return out
    if not referrer_known:
        out.conflicts.append(quarantine("unknown_referrer", f"Referral code {code!r} names member {referrer}, not known "
                                        "centrally: not rewarded.", subject=subject))
        return out
    member_id = rf.member.id
    if existing is not None and existing.get("status") == "active":
        out.conflicts.append(_not_rewarded(member_id, f"Member {member_id} was already referred (by "
                                           f"{existing.get('referrer_id')}): rewarded once.", ctx))
        return out
    rule = campaign.referral
    pt = rf.point_types.get(rule.point_type)
    expires = earned_expiry(at, rf.store.timezone, pt.validity_days) if pt is not None else None
    lot = referral_lot(referrer, member_id)
    out.points = {"member_id": referrer, "lot_id": lot, "point_type": rule.point_type, "points": rule.referrer_points,
                  "expires_at": expires.isoformat() if expires else None}
    start = datetime.combine(local(at, rf.store.timezone).date() + timedelta(days=1), time.min, tzinfo=zone(rf.store.timezone))
    until = datetime.combine(start.date() + timedelta(days=rule.valid_days), time.min, tzinfo=zone(rf.store.timezone))
    coupon_code = referee_coupon_code(ctx["event_id"])
    out.coupon = {"code": coupon_code, "template_id": campaign.id, "member_id": member_id, "plain_code": None,
                  "total_uses": campaign.uses, "used_uses": 0, "status": "active", "valid_from": start.isoformat(),
                  "valid_until": until.isoformat(), "issued_at": at.isoformat(), "parent_code": None,
                  "issued_by_event": ctx["event_id"]}
    out.row = {"member_id": member_id, "referrer_id": referrer, "event_id": ctx["event_id"], "at": at.isoformat(),
               "status": "active", "lot_id": lot, "point_type": rule.point_type, "points": rule.referrer_points,
               "coupon_code": coupon_code}
    return out


def _not_rewarded(subject, message: str, ctx: dict) -> dict:
    return {"kind": "referral_not_rewarded", "decision": "not_rewarded", "subject": subject, "amount": None,
            "message": message, "details": dict(ctx)}
