"""Pure judgement of issue 15's events: a points exchange and a giveaway claim (no database, no clock).

    verdict = judge_exchange(env, facts)   # facts: sync.server.member_value_facts.exchange_facts
    verdict = judge_claim(env, facts)      # facts: sync.server.member_value_facts.claim_facts_for

Both are claims of a terminal, re-judged with the same domain rules the counter used
(`terminal.domain.exchange`, `terminal.domain.giveaway`) on the server's own ledgers, as of the
event's time and cursor bounded as for a settlement (`sync.server.bounds`). Policy (docs/sync.md):

exchange  payload {checkout_id, store_id, terminal_id, member_id, offer_id, point_type, points,
          burns: [{lot_id, point_type, points}], coupon: {code, template_id, valid_until}, occurred_at}
  * the voucher's code must be `issued_code(event_id)` (else `invalid_payload`: a terminal cannot
    mint codes), unknown centrally; the offer, its template and the member must exist (`unknown_offer`,
    `unknown_member`): all Reject (nothing booked, a `rejected_event` conflict).
  * offer outside its window, brand or stores, a blocked member: quarantined with the domain's reason,
    nothing booked (no points taken, no voucher).
  * points/type other than the offer's, or burns that do not add up to it: quarantined
    `exchange_price_mismatch`; the offer's price is booked from the member's lots (soonest expiry first).
  * the member's usable points short (spent elsewhere meanwhile): the debit is posted as a debt within
    the offline allowance `points_per_member` (`points_overdraft`); beyond it `points_beyond_allowance`
    and nothing is booked: no voucher for points the member does not have.
  * booked: the burns, and the voucher (`coupon` row, the member's, `total_uses` of the template,
    valid until the server's figure `voucher_valid_until`). A coupon of that code already created from
    the voucher's terminal-signed code (`LT1V…` used at another store before this sync, signed by THIS
    terminal's device) is adopted: the server's figures, the uses booked meanwhile kept (no conflict).

points_claim  payload {checkout_id, store_id, terminal_id, member_id, campaign_id, points, lot_id,
          occurred_at}
  * unknown campaign / member, a lot id other than `claim_lot_id(event_id)`: Reject.
  * outside the campaign's window or scope, a blocked member: quarantined with the reason, nothing booked.
  * points other than `points_per_claim`: quarantined `claim_points_mismatch`, the campaign's figure booked.
  * the cap or a per-member count already reached chain-wide (claims at other stores meanwhile): conflict
    `giveaway_over_cap` / `giveaway_over_limit`, decision `not_booked_over_cap`: the claim is not booked.
  * more of this terminal's unsynced claims of the campaign than the allowance `giveaway_claims`:
    quarantined `claims_beyond_allowance`, not booked.
  * booked: one earn lot `claim/<event_id>` of `points_per_claim` (expiring after the campaign's
    `lot_validity_days`) and a `giveaway_claims` row.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from terminal.domain.exchange import check_offer, issued_code, voucher_valid_until
from terminal.domain.giveaway import ClaimTally, check_claim
from terminal.domain.reasons import CheckoutError, Reason

from sync.server.bounds import bound_settlement
from sync.server.errors import Reject
from sync.server.judge import (
    MAX_BURNS, Book, ClaimEntry, Facts, Verdict, _burn_and_earn, _dt, _id, adopted, claimed_time, is_amount, require, usable,
)
from sync.server.rules import quarantine

# refusals of the domain a claim can meet because of what happened elsewhere meanwhile (honest offline)
OVER_CAP = {Reason.CAMPAIGN_CAP_REACHED: "giveaway_over_cap", Reason.CLAIM_DAILY_LIMIT: "giveaway_over_limit",
            Reason.CLAIM_CAMPAIGN_LIMIT: "giveaway_over_limit"}


def claim_lot_id(event_id: str) -> str:
    """The lot a giveaway claim earns on: derived from the event id, terminal and server alike."""
    return f"claim/{event_id}"


def _common(env: dict, facts: Facts) -> tuple[dict, str, dict, Book, object]:
    """Checks shared by both kinds; (payload, member id, ctx, book, bounded)."""
    p = env["payload"]
    if not isinstance(p, dict) or p.get("store_id") != env["store_id"] or p.get("terminal_id") != env["terminal_id"]:
        raise Reject("envelope_mismatch", "The payload's store/terminal differ from the envelope's.")
    checkout_id = require(p, "checkout_id", str)
    member_id = require(p, "member_id", str)
    if not _id(checkout_id) or not _id(member_id):
        raise Reject("invalid_payload", "payload ids are 1..200 printable characters", field="checkout_id")
    claimed_at = claimed_time(p, env)
    if facts.member is None:
        raise Reject("unknown_member", f"Member {member_id} is not known centrally.", member_id=member_id)
    bounded = bound_settlement(env, claimed_at, facts.previous, epoch=facts.epoch, head=facts.head, now=facts.now)
    ctx = {"event_id": env["event_id"], "store_id": env["store_id"], "terminal_id": env["terminal_id"], "checkout_id": checkout_id,
           "at": bounded.occurred.isoformat()}
    book = Book(facts)
    book.window = bounded.window_seq
    book.verdict.conflicts.extend(bounded.conflicts)
    book.ops.append(bounded.claims)
    return p, member_id, ctx, book, bounded


def _blocked(facts: Facts) -> str | None:
    block = facts.value.get("member_block")
    return block["reason"] if block else None


# ---- exchange ----------------------------------------------------------------------------------------
def judge_exchange(env: dict, facts: Facts) -> Verdict:
    """An exchange: points spent, a voucher issued (module docstring)."""
    p, member_id, ctx, book, bounded = _common(env, facts)
    offer, template, store = facts.value.get("offer"), facts.value.get("template"), facts.value.get("store")
    coupon = p.get("coupon") if isinstance(p.get("coupon"), dict) else {}
    code = coupon.get("code")
    if code != issued_code(env["event_id"]):
        raise Reject("invalid_payload", "the issued voucher's code is not the one this event issues (issued_code of the event id)",
                     field="coupon.code")
    if facts.value.get("code_taken"):
        raise Reject("invalid_payload", f"coupon {code} already exists", field="coupon.code")
    if offer is None or template is None or store is None:
        raise Reject("unknown_offer", f"Exchange offer {str(p.get('offer_id'))[:64]!r} is not known centrally.")
    burns = p.get("burns")
    if not isinstance(burns, list) or len(burns) > MAX_BURNS or not all(
            isinstance(b, dict) and _id(b.get("lot_id")) and _id(b.get("point_type")) and is_amount(b.get("points"), 1)
            for b in burns):
        raise Reject("invalid_payload", "payload.burns has a malformed entry", field="burns")
    at = bounded.occurred
    why = _blocked(facts)
    if why is not None:
        book.conflict(quarantine("member_blocked", f"Member {member_id} is blocked ({why}): exchange not booked.",
                                 subject=member_id, claimed=offer.points))
        return book.verdict
    try:
        check_offer(offer, store=store, member=facts.value.get("member_model"), at=at)
    except CheckoutError as err:
        book.conflict(quarantine(err.reason.value, f"Exchange {ctx['checkout_id']}: {err.message} Not booked.", subject=member_id,
                                 claimed=offer.points, offer_id=offer.id))
        return book.verdict
    if (p.get("points") != offer.points or p.get("point_type") != offer.point_type or coupon.get("template_id") != template.id
            or sum(b["points"] for b in burns) != offer.points or any(b["point_type"] != offer.point_type for b in burns)):
        book.conflict(quarantine("exchange_price_mismatch", f"Exchange {ctx['checkout_id']} claimed {str(p.get('points'))[:20]} "
                                 f"{str(p.get('point_type'))[:40]} points for offer {offer.id}, which costs {offer.points} "
                                 f"{offer.point_type}: the offer's price is booked.", subject=member_id,
                                 claimed=p.get("points") if is_amount(p.get("points")) else None, server=offer.points,
                                 booked="server_figure"))
        burns = _allocate(book, member_id, offer.point_type, offer.points, at)
    have = book.balance(member_id, offer.point_type, at)
    owed = book.debt(member_id, offer.point_type)
    limit = facts.rules.allowances.get("points_per_member") if facts.rules is not None else None
    if offer.points > have and isinstance(limit, int) and offer.points - have + owed > limit:
        book.conflict(quarantine("points_beyond_allowance", f"Member {member_id} had {have} {offer.point_type} points usable "
                                 f"and a debt of {owed} for an exchange of {offer.points}; the offline allowance covers a debt "
                                 f"of {limit}: the exchange is not booked (no points taken, no voucher).", subject=member_id,
                                 claimed=offer.points, server=0, booked="not_booked", point_type=offer.point_type, **ctx))
        return book.verdict
    _burn_and_earn(book, member_id, burns, [], at, ctx, override=False)
    until = voucher_valid_until(offer, template, at)
    body = {"code": code, "template_id": template.id, "member_id": member_id, "plain_code": None,
            "total_uses": template.uses, "used_uses": 0, "status": "active", "valid_from": None,
            "valid_until": until.isoformat() if until else None, "issued_at": at.isoformat(), "parent_code": None,
            "gifted_from": None, "issued_by_event": env["event_id"]}
    met = facts.value.get("signed_here")  # its signed code was used at another store before this sync: kept
    book.put_coupon(code, adopted(body, met) if met is not None else body)
    return book.verdict


def _allocate(book: Book, member_id: str, point_type: str, points: int, at: datetime) -> list[dict]:
    """The server's own burns of `points`: the member's usable lots soonest expiry first, the rest on the debt lot."""
    lots = sorted((lot for lot in book.lots.values() if lot["member_id"] == member_id and lot["point_type"] == point_type
                   and lot["points"] > 0 and usable(lot, at)),
                  key=lambda lot: (_dt(lot["expires_at"]).timestamp() if lot["expires_at"] else float("inf"), lot["earned_at"],
                                   lot["lot_id"]))
    out, need = [], points
    for lot in lots:
        take = min(lot["points"], need)
        if take > 0:
            out.append({"lot_id": lot["lot_id"], "point_type": point_type, "points": take})
            need -= take
    if need:
        out.append({"lot_id": f"debt/{member_id}/{point_type}", "point_type": point_type, "points": need})
    return out


# ---- giveaway claim ----------------------------------------------------------------------------------
def judge_claim(env: dict, facts: Facts) -> Verdict:
    """A giveaway claim: points earned within the campaign's cap and per-member counts, chain-wide."""
    p, member_id, ctx, book, bounded = _common(env, facts)
    campaign, store = facts.value.get("campaign"), facts.value.get("store")
    if campaign is None or store is None:
        raise Reject("unknown_campaign", f"Giveaway campaign {str(p.get('campaign_id'))[:64]!r} is not known centrally.")
    if p.get("lot_id") != claim_lot_id(env["event_id"]):
        raise Reject("invalid_payload", "the claim's lot is not the one this event earns on (claim/<event id>)", field="lot_id")
    at = bounded.occurred
    claimed = p.get("points")
    why = _blocked(facts)
    if why is not None:
        book.conflict(quarantine("member_blocked", f"Member {member_id} is blocked ({why}): claim not booked.", subject=member_id,
                                 claimed=claimed if is_amount(claimed) else None))
        return book.verdict
    tally: ClaimTally = facts.value["tally"]
    try:
        check_claim(campaign, store=store, member=facts.value.get("member_model"), at=at, tally=tally)
    except CheckoutError as err:
        kind = OVER_CAP.get(err.reason)
        if kind is None:  # a claim no counter makes: outside the window or scope
            book.conflict(quarantine(err.reason.value, f"Claim {ctx['checkout_id']}: {err.message} Not booked.", subject=member_id,
                                     claimed=claimed if is_amount(claimed) else None, campaign_id=campaign.id))
        else:  # honest offline: claims at other stores meanwhile reached the bound; never booked beyond it
            book.conflict({"kind": kind, "decision": "not_booked_over_cap", "subject": member_id,
                           "amount": campaign.points_per_claim,
                           "message": f"Giveaway claim at {ctx['store_id']}/{ctx['terminal_id']} not booked: {err.message}",
                           "details": {"reason": err.reason.value, "campaign_id": campaign.id, **err.details, **ctx}})
        return book.verdict
    limit = facts.rules.allowances.get("giveaway_claims") if facts.rules is not None else None
    unsynced = sum(1 for v in facts.value.get("own_claims", ()) if book.window is not None and v > book.window)
    if isinstance(limit, int) and unsynced + 1 > limit:
        book.conflict(quarantine("claims_beyond_allowance", f"Terminal {ctx['terminal_id']} had {unsynced} claim(s) of "
                                 f"{campaign.id} not yet synced; the offline allowance is {limit}: this claim is not booked.",
                                 subject=member_id, claimed=claimed if is_amount(claimed) else None, allowance=limit,
                                 unsynced=unsynced))
        return book.verdict
    points = campaign.points_per_claim
    if claimed != points:
        book.conflict(quarantine("claim_points_mismatch", f"Claim {ctx['checkout_id']} claimed {str(claimed)[:20]} points; "
                                 f"{campaign.id} gives {points} per claim: {points} booked.", subject=member_id,
                                 claimed=claimed if is_amount(claimed) else None, server=points, booked="server_figure"))
    expires = at + timedelta(days=campaign.lot_validity_days) if campaign.lot_validity_days else None
    _burn_and_earn(book, member_id, [], [{"lot_id": claim_lot_id(env["event_id"]), "point_type": campaign.point_type,
                                          "points": points, "expires_at": expires.isoformat() if expires else None}],
                   at, ctx, override=False)
    book.ops.append(ClaimEntry(env["event_id"], campaign.id, member_id, env["store_id"], env["terminal_id"], points, 1,
                               env["event_id"], ctx["at"]))
    return book.verdict
