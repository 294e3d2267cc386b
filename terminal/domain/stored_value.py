"""Stored value (儲值金: a member's money balance) and bearer gift cards: pure rules.

Both are *value accounts* of a *value program* (catalog `value_programs`): a program has a
kind (`wallet`: one per member, bound to them; `gift_card`: bearer, found by its number), a
currency (ISO 4217; amounts are integer minor units of it), a brand scope (empty: every
brand of the chain) and limits (largest balance, largest single top-up). An account has its
own validity window and a balance, which is always the sum of its ledger rows (top-ups,
bonuses, spends, voids): the replica's balance plus this terminal's unreflected rows.

Paying with an account is a *tender* (payment), never a discount: it does not change line
nets, so points are earned on the full amount (terminal/domain/earn.py), and a sale may be
split (part stored value or gift cards, the rest in cash or by card).

    check_usable(account, program, store=, member=, currency=, at=)   -> None or CodeError
    plan_tenders(total, [(account, program, amount)], ...)            -> TenderPlan
    plan_topup(account, program, amount=, bonuses=, ...)              -> TopupPlan
    topup_bonus(bonuses, program_id=, amount=, at=)                   -> TopupBonus | None
    valid_until_of(account, program)                                  -> datetime | None (the window's end)
    issued_until(program, valid_until=, issued_at=)                   -> datetime | None (a new account's end)
    extended_until(program, valid_until, topped_up_at)                -> datetime | None (a wallet after a top-up)
    bonus_lot_id(event_id), bonus_points_expiry(at, tz, days)         the lot a points bonus is earned on

Top-up bonus (`topup_bonuses`): "top up 1,000, get 100 bonus value" (`bonus_value`, minor units, added
to the account) or "... get 50 points" (`bonus_points` of `point_type`, earned on a lot of the wallet's
member, `bonus_lot_id`, expiring as points earned at the counter do: the point type's `validity_days`). Of the program's rules in
force whose `min_topup` the amount reaches, the one with the HIGHEST `min_topup` applies, whatever
its kind (ties: the smaller rule id); rules never add up. A gift card (bearer, no member) earns no
points: the catalog refuses a points rule on a gift card program, and an account without a member
gets 0 points here.

Validity (`ValueProgram.validity_days`, docs/catalog.md): a gift card is valid `validity_days` after
its issue (unless issued with its own `valid_until`); a wallet's balance `validity_days` after its
last top-up (a top-up never shortens a later end; a wallet never topped up keeps its catalog end).
Source: common gift-card practice, e.g. the US CARD Act rule (12 CFR 1005.20(e)): funds may expire
no sooner than five years after the card's issue or the last time funds were loaded. Where the law
forbids an expiry (Taiwan's standard contract for merchandise gift certificates), leave
`validity_days` unset. A top-up's extension stays when the top-up is voided (the void takes back the
money and bonus, not the time), on the counter and the server alike.

Times are aware UTC datetimes (validity windows: start inclusive, end exclusive). Errors are
`CodeError` (an account or amount refused) or `CheckoutError` (the tenders as a whole), each
with a `Reason`: insufficient_balance, expired, not_yet_valid, wrong_brand, currency_mismatch,
wrong_member, voided, invalid_amount, tender_exceeds_total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .clock import in_window
from .models import Member, Store
from .reasons import CheckoutError, CodeError, Reason

MAX_VALUE = 100_000_000  # minor units: the largest balance or top-up any program may allow
MAX_TENDERS = 10  # value tenders of one sale
KINDS = ("wallet", "gift_card")


@dataclass(frozen=True, slots=True)
class ValueProgram:
    """A stored-value program or gift card definition. Amounts in minor units of `currency`."""

    id: str
    name: str
    kind: str  # "wallet" | "gift_card"
    currency: str
    brands: frozenset[str] = frozenset()  # empty: every brand
    max_balance: int = MAX_VALUE
    max_topup: int = MAX_VALUE
    topup: bool = True  # may the counter top it up?
    validity_days: int | None = None  # gift card: days after issue; wallet: days after the last top-up


@dataclass(frozen=True, slots=True)
class TopupBonus:
    """"Top up `min_topup` or more, get `bonus_value` extra value (minor units)" or "... get
    `bonus_points` points of `point_type`" (exactly one of the two is > 0; the catalog checks it)."""

    id: str
    program_id: str
    min_topup: int
    bonus_value: int = 0
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    bonus_points: int = 0
    point_type: str | None = None


@dataclass(frozen=True, slots=True)
class ValueAccount:
    """A member's wallet or a gift card, with its balance (minor units) as this terminal knows it."""

    id: str
    program_id: str
    balance: int
    member_id: str | None = None  # a wallet's owner; None: a bearer gift card
    status: str = "active"  # "active" | "blocked"
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    # a wallet's latest top-up this terminal booked and the replica does not reflect yet (its extension
    # of `valid_until` is not in the replica row yet); None on the server, which stores the extension
    topped_up_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ValueSpend:
    """One tender: `amount` taken from `account_id`; balances before/after in minor units."""

    account_id: str
    program_id: str
    kind: str
    currency: str
    amount: int
    balance_before: int
    balance_after: int
    code: str | None = None  # the signed gift-card code it was scanned by (the server verifies it again)


@dataclass(frozen=True, slots=True)
class TenderPlan:
    total: int
    spends: tuple[ValueSpend, ...]
    rest: int  # what is left to pay by the checkout's own payment method (cash, card)

    @property
    def value_paid(self) -> int:
        return sum(s.amount for s in self.spends)


@dataclass(frozen=True, slots=True)
class TopupPlan:
    account_id: str
    program_id: str
    currency: str
    amount: int  # paid at the counter
    bonus_value: int  # added on top by a bonus rule
    bonus_rule_id: str | None
    balance_before: int
    balance_after: int
    bonus_points: int = 0  # earned by the wallet's member (a points rule)
    point_type: str | None = None
    valid_until: datetime | None = None  # the account's end after the top-up (a wallet's is extended)


def _label(program: ValueProgram) -> str:
    return "Gift card" if program.kind == "gift_card" else "Stored value"


def check_usable(account: ValueAccount, program: ValueProgram, *, store: Store, member: Member | None, currency: str,
                 at: datetime) -> None:
    """May this account be paid with or topped up here and now? Raises CodeError with the reason."""
    what = f"{_label(program)} {account.id}"
    if account.status != "active":
        raise CodeError(Reason.VOIDED, f"{what} is blocked.", account_id=account.id)
    if account.valid_from is not None and at < account.valid_from:
        raise CodeError(Reason.NOT_YET_VALID, f"{what} is valid from {account.valid_from.date().isoformat()}.",
                        account_id=account.id, valid_from=account.valid_from.isoformat())
    until = valid_until_of(account, program)
    if until is not None and at >= until:
        raise CodeError(Reason.EXPIRED, f"{what} expired on {until.date().isoformat()} (valid until {until.isoformat()}).",
                        account_id=account.id, valid_until=until.isoformat())
    if program.brands and store.brand_id not in program.brands:
        raise CodeError(Reason.WRONG_BRAND, f"{what} is valid at brand(s) {', '.join(sorted(program.brands))} only, "
                        f"not at this store's brand {store.brand_id}.",
                        account_id=account.id, brands=sorted(program.brands))
    if program.currency != currency:
        raise CodeError(Reason.CURRENCY_MISMATCH, f"{what} holds {program.currency}; this counter takes {currency}.",
                        account_id=account.id, account_currency=program.currency, currency=currency)
    if account.member_id is not None and (member is None or member.id != account.member_id):
        raise CodeError(Reason.WRONG_MEMBER if member is not None else Reason.MEMBER_REQUIRED,
                        f"{what} belongs to another member." if member is not None else f"Scan the member card to use {what}.",
                        account_id=account.id)


def plan_tenders(total: int, tenders: list[tuple[ValueAccount, ValueProgram, int]], *, store: Store, member: Member | None,
                 currency: str, at: datetime) -> TenderPlan:
    """Pay `total` (minor units) partly with value accounts; the rest stays for cash/card.

    Each amount must be 1..balance; together at most `total`; an account at most once."""
    if len(tenders) > MAX_TENDERS:
        raise CheckoutError(Reason.INVALID_BASKET, f"At most {MAX_TENDERS} stored value / gift card payments per sale.")
    seen: set[str] = set()
    spends: list[ValueSpend] = []
    for account, program, amount in tenders:
        what = f"{_label(program)} {account.id}"
        if isinstance(amount, bool) or not isinstance(amount, int) or not (1 <= amount <= MAX_VALUE):
            raise CodeError(Reason.INVALID_AMOUNT, f"{what}: the amount to pay must be 1..{MAX_VALUE}, not {amount!r}.",
                            field="amount", account_id=account.id)
        if account.id in seen:
            raise CodeError(Reason.ALREADY_IN_CHECKOUT, f"{what} is already a payment of this sale.", account_id=account.id)
        seen.add(account.id)
        check_usable(account, program, store=store, member=member, currency=currency, at=at)
        if amount > account.balance:
            raise CodeError(Reason.INSUFFICIENT_BALANCE, f"{what}: balance {account.balance}, {amount} asked "
                            f"({amount - account.balance} short).", account_id=account.id, balance=account.balance,
                            requested=amount, shortfall=amount - account.balance)
        spends.append(ValueSpend(account.id, program.id, program.kind, program.currency, amount, account.balance,
                                 account.balance - amount))
    paid = sum(s.amount for s in spends)
    if paid > total:
        raise CheckoutError(Reason.TENDER_EXCEEDS_TOTAL, f"Stored value and gift cards pay {paid}, more than the total {total}.",
                            paid=paid, total=total)
    return TenderPlan(total, tuple(spends), total - paid)


def valid_until_of(account: ValueAccount, program: ValueProgram) -> datetime | None:
    """The end of the account's window (exclusive) as this side knows it: its row's `valid_until`,
    extended by a wallet's unreflected local top-up (`topped_up_at`). None: no end."""
    if account.topped_up_at is None:
        return account.valid_until
    return extended_until(program, account.valid_until, account.topped_up_at)


def issued_until(program: ValueProgram, *, valid_until: datetime | None, issued_at: datetime | None) -> datetime | None:
    """A new account's end: its own `valid_until` when given; else, for a gift card of a program with
    `validity_days` issued at `issued_at`, `validity_days` after it; else None (no end)."""
    if valid_until is not None or program.validity_days is None or issued_at is None or program.kind != "gift_card":
        return valid_until
    return issued_at + timedelta(days=program.validity_days)


def extended_until(program: ValueProgram, valid_until: datetime | None, topped_up_at: datetime) -> datetime | None:
    """A wallet's end after a top-up at `topped_up_at`: `validity_days` after it, or the end it had if
    that is later. Gift cards and programs without `validity_days`: unchanged."""
    if program.kind != "wallet" or program.validity_days is None:
        return valid_until
    end = topped_up_at + timedelta(days=program.validity_days)
    return end if valid_until is None or valid_until < end else valid_until


def bonus_lot_id(event_id: str) -> str:
    """The lot a top-up's points bonus is earned on: derived from the event id, counter and server alike."""
    return f"topup/{event_id}"


def bonus_points_expiry(at: datetime, tz_name: str, validity_days: int | None) -> datetime | None:
    """When a points bonus earned at `at` expires: as points earned at the counter, at the end of the
    store's local day `validity_days` later (`settlement.earned_expiry`; None: never)."""
    from .settlement import earned_expiry

    return earned_expiry(at, tz_name, validity_days)


def topup_bonus(bonuses: tuple[TopupBonus, ...] | list[TopupBonus], *, program_id: str, amount: int, at: datetime) -> TopupBonus | None:
    """The bonus rule a top-up of `amount` earns: of the program's rules in force at `at` whose
    `min_topup` it reaches, the one with the highest `min_topup` (ties: rule id), value and points
    rules alike ("highest" = the highest threshold met). Bonuses never add up."""
    hits = [b for b in bonuses if b.program_id == program_id and amount >= b.min_topup and in_window(at, b.valid_from, b.valid_until)]
    return min(hits, key=lambda b: (-b.min_topup, b.id)) if hits else None


def plan_topup(account: ValueAccount, program: ValueProgram, *, amount: int, bonuses, store: Store, member: Member | None,
               currency: str, at: datetime) -> TopupPlan:
    """A top-up of `amount` minor units paid at the counter, with its bonus. Raises CodeError."""
    what = f"{_label(program)} {account.id}"
    if isinstance(amount, bool) or not isinstance(amount, int) or not (1 <= amount <= program.max_topup):
        raise CodeError(Reason.INVALID_AMOUNT, f"{what}: a top-up must be 1..{program.max_topup}, not {amount!r}.",
                        field="amount", account_id=account.id, max_topup=program.max_topup)
    check_usable(account, program, store=store, member=member, currency=currency, at=at)
    if not program.topup:
        raise CodeError(Reason.INVALID_AMOUNT, f"{what}: {program.name} cannot be topped up at the counter.",
                        field="account", account_id=account.id)
    rule = topup_bonus(bonuses, program_id=program.id, amount=amount, at=at)
    bonus_value = rule.bonus_value if rule else 0
    # points need a member to earn them: a bearer gift card gets none (the catalog refuses such a rule)
    points = rule.bonus_points if rule and rule.point_type and account.member_id is not None else 0
    after = account.balance + amount + bonus_value
    if after > program.max_balance:
        raise CodeError(Reason.INVALID_AMOUNT, f"{what}: the balance would be {after}, more than the program's "
                        f"{program.max_balance}.", field="amount", account_id=account.id, max_balance=program.max_balance)
    return TopupPlan(account.id, program.id, program.currency, amount, bonus_value, rule.id if rule else None, account.balance, after,
                     points, rule.point_type if points else None, extended_until(program, valid_until_of(account, program), at))

