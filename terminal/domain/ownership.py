"""Whose is a coupon? One rule for every path that resolves one (counter, `scan`, held coupons,
the server's judgement):

* a coupon whose own template is member-bound and which names a member belongs to that member;
* otherwise a coupon inside a bundle (`parent_code`) belongs to its bundle's owner, resolved the
  same way (recursively): a child of a member-bound bundle is member-bound, whatever its own
  template says; a child of a bearer bundle is a bearer voucher;
* otherwise it is a bearer coupon (anyone may use it).

A child whose bundle cannot be found is refused (`Ownership.missing`): its owner is unknown, and
an unknown owner is never "anyone". Pure: the caller supplies the bundle lookup.

    ownership(inst, tpl, bundle=None) -> Ownership         one step, given the bundle's ownership
    resolve_ownership(inst, tpl, lookup) -> Ownership      the walk up the bundles, via `lookup(code)`
    check_owner(owner, tpl, member)                        CodeError MEMBER_REQUIRED | WRONG_MEMBER | UNKNOWN
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .member_data import mask_name
from .models import CouponInstance, CouponTemplate, Member
from .reasons import CodeError, Reason

MAX_DEPTH = 8  # bundles inside bundles: deeper (or a cycle) is treated as an unknown bundle


@dataclass(frozen=True, slots=True)
class Ownership:
    """`owner`: the member id that alone may use the coupon (None: anyone); `via`: the code of the
    bundle the owner comes from (None: the coupon's own member); `missing`: the code of a bundle
    that could not be found (the coupon is then refused)."""

    owner: str | None = None
    via: str | None = None
    missing: str | None = None

    @property
    def bound(self) -> bool:
        """Only one member (or, with a missing bundle, nobody) may use it."""
        return self.owner is not None or self.missing is not None


BEARER = Ownership()

Lookup = Callable[[str], "tuple[CouponInstance, CouponTemplate] | None"]


def ownership(inst: CouponInstance, tpl: CouponTemplate, bundle: tuple[str, Ownership] | None = None) -> Ownership:
    """The ownership of `inst` given its bundle's (`bundle` = (bundle code, its Ownership); None when
    the bundle is not known or `inst` has none)."""
    if tpl.member_bound and inst.member_id is not None:
        return Ownership(inst.member_id)
    if inst.parent_code is None:
        return BEARER
    if bundle is None or bundle[0] != inst.parent_code:
        return Ownership(missing=inst.parent_code)
    code, b = bundle
    if b.missing is not None:
        return b
    if b.owner is None:
        return BEARER
    return Ownership(b.owner, via=b.via or code)


def resolve_ownership(inst: CouponInstance, tpl: CouponTemplate, lookup: Lookup, _depth: int = MAX_DEPTH) -> Ownership:
    """`ownership` with the bundles above `inst` found by `lookup(code) -> (instance, template) | None`."""
    if (tpl.member_bound and inst.member_id is not None) or inst.parent_code is None:
        return ownership(inst, tpl)
    found = lookup(inst.parent_code) if _depth > 0 else None
    if found is None:
        return Ownership(missing=inst.parent_code)
    return ownership(inst, tpl, (inst.parent_code, resolve_ownership(found[0], found[1], lookup, _depth - 1)))


def check_owner(owner: Ownership, tpl: CouponTemplate, member: Member | None) -> None:
    """Raise CodeError when `member` (None: no card on the checkout) may not use a coupon of `owner`."""
    if owner.missing is not None:
        raise CodeError(Reason.UNKNOWN, f"{tpl.name} belongs to bundle {owner.missing}, which is not known here (sync needed).",
                        bundle=owner.missing)
    if owner.owner is None:
        return
    of = f" (from pack {owner.via})" if owner.via else ""
    if member is None:
        raise CodeError(Reason.MEMBER_REQUIRED, f"{tpl.name}{of} belongs to a member: scan the member card first.")
    if member.id != owner.owner:
        raise CodeError(Reason.WRONG_MEMBER, f"This coupon{of} belongs to another member, not {mask_name(member.name)}.")
