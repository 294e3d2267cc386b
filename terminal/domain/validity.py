"""Is this coupon usable here, now, by this member? (Independent of the basket.)"""

from __future__ import annotations

from datetime import datetime, timedelta

from .clock import fmt_day, in_window, local
from .history import check_first_purchase
from .member_data import mask_name  # noqa: F401 (the counter's masking rule; re-exported for old imports)
from .models import CouponInstance, CouponKind, CouponTemplate, Member, MemberLimit, Store
from .ownership import Ownership, check_owner, ownership
from .gifting import gifted_message
from .promo_campaign import check_campaign
from .reasons import CodeError, Reason


def check_coupon(
    instance: CouponInstance,
    template: CouponTemplate,
    *,
    store: Store,
    member: Member | None,
    at: datetime,
    uses: int = 1,
    history: tuple[datetime, ...] = (),
    owner: Ownership | None = None,
    prior_purchases: int = 0,
) -> None:
    """Raise CodeError with the precise reason, or return None when usable.

    `owner`: who may use it (`terminal.domain.ownership`: a bundle's child belongs to the bundle's
    owner); None = the instance's own, which refuses a child of a bundle (its owner was not resolved).
    `prior_purchases`: the member's purchases before this one (first-purchase coupons,
    `history.check_first_purchase`)."""
    if instance.status == "voided":
        raise CodeError(Reason.VOIDED, f"Coupon {instance.code} was voided by the issuer.")
    _check_window(instance, template, at)
    if template.brands and store.brand_id not in template.brands:
        raise CodeError(
            Reason.WRONG_BRAND,
            f"{template.name} is not valid at brand {store.brand_id} stores.",
            valid_brands=sorted(template.brands),
        )
    if template.stores and store.id not in template.stores:
        raise CodeError(
            Reason.WRONG_STORE,
            f"{template.name} is not valid at store {store.id}.",
            valid_stores=sorted(template.stores),
        )
    resolved = owner if owner is not None else ownership(instance, template)
    if member is not None and resolved.owner is not None and member.id != resolved.owner and member.id in instance.gifted_from:
        raise CodeError(Reason.GIFTED, gifted_message(instance, template), code=instance.code)  # a former owner (issue 15)
    check_owner(resolved, template, member)
    if template.birthday_month_only:
        if member is None:
            raise CodeError(Reason.MEMBER_REQUIRED, f"{template.name} needs the member card.")
        month = local(at, store.timezone).month
        if member.birth_month is None or member.birth_month != month:
            raise CodeError(Reason.NOT_BIRTHDAY_MONTH, f"{template.name} is valid only in the member's birthday month.")
    if template.first_purchase_only:
        check_first_purchase(template.name, member, prior_purchases)
    if template.kind != CouponKind.BUNDLE:
        if instance.remaining_uses <= 0 and template.shared:
            raise CodeError(
                Reason.CAP_REACHED,
                f"{template.name}: all {instance.total_uses} uses of this promo code are taken (campaign cap).",
                cap=instance.total_uses,
            )
        if template.shared and template.shared_budget is not None and instance.discount_given >= template.shared_budget:
            raise CodeError(
                Reason.BUDGET_SPENT,
                f"{template.name}: the campaign budget of {template.shared_budget} is spent.",
                budget=template.shared_budget, given=instance.discount_given,
            )
        if template.shared and instance.campaign is not None:
            check_campaign(instance.campaign, template.name)
        if instance.remaining_uses <= 0:
            raise CodeError(
                Reason.USED_UP,
                f"{template.name} is used up ({instance.total_uses} of {instance.total_uses} used).",
                total_uses=instance.total_uses,
            )
        if uses > instance.remaining_uses:
            raise CodeError(
                Reason.TOO_MANY_USES,
                f"Only {instance.remaining_uses} use(s) left on {template.name}, {uses} asked.",
                remaining=instance.remaining_uses,
            )
    if template.per_member_limit is not None and member is not None:
        _check_member_limit(template, template.per_member_limit, history, at, store, uses)
    if not instance.in_replica:
        policy = template.unreplicated
        issued = instance.issued_at
        if not policy.accept or issued is None or at - issued > timedelta(days=policy.max_days_since_issue):
            raise CodeError(
                Reason.UNREPLICATED_NOT_ALLOWED,
                f"{template.name} is genuine but not yet known to this terminal, and this coupon type "
                "may not be accepted before the terminal has synced.",
            )


def _check_window(instance: CouponInstance, template: CouponTemplate, at: datetime) -> None:
    starts = [t for t in (instance.valid_from, template.valid_from) if t is not None]
    ends = [t for t in (instance.valid_until, template.valid_until) if t is not None]
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    if in_window(at, start, end):
        return
    if start is not None and at < start:
        raise CodeError(Reason.NOT_YET_VALID, f"{template.name} is valid from {fmt_day(start)}.", valid_from=start.isoformat())
    assert end is not None
    raise CodeError(Reason.EXPIRED, f"{template.name} expired on {fmt_day(end)}.", valid_until=end.isoformat())


def _check_member_limit(
    template: CouponTemplate, limit: MemberLimit, history: tuple[datetime, ...], at: datetime, store: Store, uses: int
) -> None:
    here = local(at, store.timezone)
    if limit.period == "day":
        same = [h for h in history if local(h, store.timezone).date() == here.date()]
    elif limit.period == "month":
        same = [h for h in history if (lambda d: (d.year, d.month))(local(h, store.timezone)) == (here.year, here.month)]
    else:
        same = list(history)
    if len(same) + uses > limit.count:
        raise CodeError(
            Reason.LIMIT_REACHED,
            f"{template.name}: limit of {limit.count} per member per {limit.period} reached.",
            limit=limit.count,
            period=limit.period,
        )
