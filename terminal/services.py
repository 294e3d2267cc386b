"""The imperative shell: load from the replica -> pure domain -> write in ONE transaction.

Everything the counter, the CLI and (later) the sync client do goes through
`RedemptionService`. Writes happen only in `settle` and `void`, each inside one
`BEGIN IMMEDIATE` transaction that also appends the outbox event.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Callable

from terminal import __version__
from terminal.crypto import KeyRing
from terminal.domain import codes
from terminal.domain.burn import balance
from terminal.domain.checkout import CheckoutPreview, RefusedClaim, preview_checkout
from terminal.domain.clock import local, zone
from terminal.domain.events import EVENT_SCHEMA_VERSION, canonical_json, payload_sha256
from terminal.domain.models import Basket, BasketLine, CheckoutContext, CouponClaim, CouponInstance, Member
from terminal.domain.reasons import AuthorizationError, CheckoutError, CodeError, DomainError, Reason
from terminal.domain.figures import balances_after as sum_balances
from terminal.domain.settlement import SettlementPlan, check_void_allowed, plan_settlement
from terminal.domain.validity import check_coupon, mask_name
from terminal import lockout
from terminal.pins import PinKeyUnavailable, is_keyed, is_plain, verify_pin
from terminal.replica_secret import ReplicaSecret, ReplicaSecrets
from terminal.storage.db import StorageError, transaction
from terminal.storage.replica import Replica

log = logging.getLogger("terminal.services")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class LineRequest:
    """A product by SKU/barcode, or an open amount (`amount` + `name`)."""

    sku: str | None = None
    quantity: int = 1
    amount: int | None = None
    name: str | None = None
    pay_with_points: bool = False


@dataclass(frozen=True)
class CouponRequest:
    code: str
    uses: int = 1


@dataclass(frozen=True)
class CheckoutRequest:
    checkout_id: str
    lines: tuple[LineRequest, ...]
    member_code: str | None = None
    coupons: tuple[CouponRequest, ...] = ()
    points: dict[str, int] = field(default_factory=dict)
    payment_method: str = "cash"
    expected_total: int | None = None

    def fingerprint(self) -> str:
        """Hash of what was asked (not of the expected total): same id + same ask = same settlement."""
        body = asdict(self)
        body.pop("expected_total")
        # surrogatepass: a scanned code with an unpaired surrogate must reach the parser and get its
        # reason (malformed), not fail here with UnicodeEncodeError
        return hashlib.sha256(canonical_json(body).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class AllowanceOverride:
    """A manager's approval to settle beyond the terminal's offline allowance (recorded in the audit log)."""

    manager_id: str
    pin: str
    reason: str


@dataclass(frozen=True)
class CouponView:
    code: str
    template_id: str
    name: str
    kind: str
    remaining_uses: int
    total_uses: int
    status: str
    valid_until: str | None
    usable: bool
    reason: str | None
    message: str
    partner: str | None = None


@dataclass(frozen=True)
class MemberView:
    id: str
    masked_name: str
    tier_id: str
    tier_name: str
    status: str
    balances: dict[str, int]
    expiring_soon: list[dict[str, Any]]
    coupons: list[CouponView]


@dataclass(frozen=True)
class ScanResult:
    kind: str  # member | coupon | product
    member: MemberView | None = None
    coupon: CouponView | None = None
    product: dict[str, Any] | None = None


class RedemptionService:
    EXPIRING_SOON = timedelta(days=30)

    def __init__(
        self,
        replica: Replica,
        *,
        store_id: str,
        terminal_id: str,
        clock: Clock = system_clock,
        void_window: timedelta | None = None,
        allowances: Any = None,
        secrets: ReplicaSecrets | None = None,
    ) -> None:
        """`allowances`: optional hook with `check(replica, *, member, preview, claims, at) -> list[dict]`
        (e.g. `sync.allowances.OfflineAllowances`); what it returns needs a manager override to settle.
        `secrets`: where the replica secret that keys staff PIN hashes, member card and coupon numbers is found
        (default: the replica's own key if it never synced, else the OS vault; `terminal/replica_secret.py`)."""
        self.replica = replica
        self.secrets = secrets or ReplicaSecrets(replica)
        self.allowances = allowances
        self.store_id = store_id
        self.terminal_id = terminal_id
        self.clock = clock
        if void_window is None:
            void_window = timedelta(minutes=int(replica.get_meta("void_window_minutes", "1440") or 1440))
        self.void_window = void_window
        self._keyring: tuple[int, KeyRing] | None = None
        # set by the app when the terminal is enrolled: live sync status, and a wake-up after writes
        self.sync_status: Callable[[], dict[str, Any]] | None = None
        self.after_write: Callable[[], None] | None = None
        # members outside this store's slice (terminal/unknown_member.py): online lookup, offline allowance
        self.unknown_members: Any = None
        if store_id not in replica.catalog()["stores"]:
            raise ValueError(f"store {store_id!r} is not in this replica's catalog")

    # ---- helpers ---------------------------------------------------------------------
    @property
    def store(self):
        return self.replica.catalog()["stores"][self.store_id]

    def now(self, at: datetime | None = None) -> datetime:
        t = at or self.clock()
        if t.tzinfo is None:
            raise ValueError("times must be timezone-aware")
        return t.astimezone(timezone.utc)

    def keyring(self) -> KeyRing:
        keys = self.replica.catalog()["keys"]
        ident = id(keys)
        if self._keyring is None or self._keyring[0] != ident:
            self._keyring = (ident, KeyRing(keys))
        return self._keyring[1]

    def replica_secret(self, doing: str) -> ReplicaSecret | None:
        """The replica secret, or None when nothing is keyed yet. AuthorizationError(VAULT_UNAVAILABLE)
        when it is in a vault that cannot be read now (locked, unavailable, not holding it): `doing` says
        what needed it. Never a silent fallback, never "wrong PIN"."""
        try:
            return self.secrets.get()
        except Exception as exc:
            from sync.client import CredentialVaultUnavailable

            if not isinstance(exc, CredentialVaultUnavailable):
                raise
            log.warning("replica secret unavailable (%s) to %s", exc.state, doing)
            raise AuthorizationError(Reason.VAULT_UNAVAILABLE, f"Cannot {doing}: {exc}.", vault=exc.state) from None

    def _number_secret(self, doing: str) -> tuple[ReplicaSecret | None, AuthorizationError | None]:
        """The replica secret that keys card and coupon numbers, read once per scanned number (a
        locked vault may prompt at every read): (secret, None), or (None, the VAULT_UNAVAILABLE
        refusal) for the caller to raise when no product answers the number instead."""
        try:
            return self.replica_secret(doing), None
        except AuthorizationError as err:
            return None, err

    def _cards_not_here_yet(self) -> bool:
        """This replica has members but no card hashes yet (upgraded by migration 0008 and not synced since)."""
        return (self.replica.card_hash_salt() is None
                and self.replica.conn.execute("SELECT 1 FROM members LIMIT 1").fetchone() is not None)

    def _numbers_not_here_yet(self, digits: str, *, cards: bool = True, coupons: bool = True) -> None:
        """CodeError(UNKNOWN) saying so when the numbers a scanned `digits` could be have not arrived
        yet: member card numbers (`cards`; migration 0008) or coupon numbers (`coupons`; migration 0009,
        until the next full pull). Nothing when they are all here."""
        cards = cards and self._cards_not_here_yet()
        coupons = coupons and self.replica.coupon_numbers_pending()
        if cards or coupons:
            what = "member card and coupon numbers" if cards and coupons else "member card numbers" if cards else "coupon numbers"
            meanwhile = ("a signed member card works" if not coupons else "signed QR codes work" if cards
                         else "the coupon's QR code works")
            raise CodeError(Reason.UNKNOWN, f"No {'member card or ' if cards else ''}coupon with number {digits} on this terminal "
                            f"yet: {what} arrive with the next sync ({meanwhile} meanwhile).")

    def _day_bounds(self, d: date) -> datetime:
        return datetime.combine(d, time.min, tzinfo=zone(self.store.timezone))

    # ---- resolving scanned codes ----------------------------------------------------
    def parse(self, code: str) -> codes.ParsedCode:
        """Parse and verify offline. A code signed with a revoked issuer key (a `key` revocation
        pulled from the server, or a key the server retired) raises CodeError(Reason.REVOKED)
        naming the key and the reason, whether or not the key is still in the replica."""
        try:
            parsed = codes.parse(code, self.keyring())
        except CodeError as exc:
            if exc.reason is Reason.UNKNOWN_KEY:
                self._check_key_usable(exc.details.get("key_id"))
            raise
        if isinstance(parsed, (codes.SignedCoupon, codes.SignedMember)):
            self._check_key_usable(parsed.key_id)
        return parsed

    def _check_key_usable(self, key_id: int | None) -> None:
        if key_id is None:
            return
        why = self.replica.is_revoked("key", str(key_id))
        if why is not None:
            raise CodeError(Reason.REVOKED, f"Code is signed with issuer key {key_id}, which was revoked: {why}.", key_id=key_id)

    def resolve_member(self, code: str, parsed: codes.ParsedCode | None = None) -> Member:
        parsed = parsed or self.parse(code)
        if isinstance(parsed, codes.SignedMember):
            member = self.replica.member(parsed.member_id)
            if member is None and self.unknown_members is not None:
                member = self.unknown_members.signed_card(parsed)  # looked up online, else the offline allowance
            if member is None:
                raise CodeError(Reason.UNKNOWN, "Genuine member card, but the member is not on this terminal yet (sync needed).")
        elif isinstance(parsed, codes.PlainCode):
            secret = self.replica_secret("look up a member card number")  # card and coupon numbers are keyed
            if self.replica.coupon_by_number(parsed.digits, secret) is not None:
                raise CodeError(Reason.WRONG_KIND, "This is a coupon, not a member card.")
            member = self.replica.member_by_number(parsed.digits, secret)
            if member is None and self.unknown_members is not None:
                member = self.unknown_members.card_number(parsed.digits)  # online only
            if member is None:
                self._numbers_not_here_yet(parsed.digits, coupons=False)
                raise CodeError(Reason.UNKNOWN, f"No member with card number {parsed.digits}.")
        elif isinstance(parsed, codes.RefCode):
            raise CodeError(Reason.UNKNOWN, "Not a member card: scan the card or type its number.")
        else:
            raise CodeError(Reason.WRONG_KIND, "This is a coupon, not a member card.")
        self._check_member_usable(member)
        return member

    def _check_member_usable(self, member: Member) -> None:
        why = self.replica.is_revoked("member", member.id)
        if why is not None or member.status != "active":
            raise CodeError(Reason.REVOKED, f"This member card is blocked{': ' + why if why else ''}.")

    def resolve_coupon(self, code: str, uses: int = 1, parsed: codes.ParsedCode | None = None) -> CouponClaim:
        parsed = parsed or self.parse(code)
        tpls = self.replica.catalog()["templates"]
        if isinstance(parsed, codes.SignedCoupon):
            inst = self.replica.coupon(parsed.code)
            if inst is None:
                if parsed.template_id not in tpls:
                    raise CodeError(Reason.UNKNOWN, "Genuine coupon of a type this terminal does not know yet (sync needed).")
                inst = CouponInstance(
                    code=parsed.code, template_id=parsed.template_id, member_id=parsed.member_id, total_uses=parsed.uses,
                    valid_until=self._day_bounds(parsed.valid_until + timedelta(days=1)) if parsed.valid_until else None,
                    issued_at=self._day_bounds(parsed.issued_on), in_replica=False,
                )
        elif isinstance(parsed, codes.PlainCode):
            secret = self.replica_secret("look up a coupon number")
            inst = self.replica.coupon_by_number(parsed.digits, secret)
            if inst is None:
                if self.replica.member_by_number(parsed.digits, secret) is not None:
                    raise CodeError(Reason.WRONG_KIND, "This is a member card, not a coupon.")
                self._numbers_not_here_yet(parsed.digits, cards=False)
                raise CodeError(Reason.UNKNOWN, f"No coupon with number {parsed.digits}.")
        elif isinstance(parsed, codes.RefCode):
            inst = self.replica.coupon(parsed.text)
            if inst is None:
                raise CodeError(Reason.UNKNOWN, f"No coupon with code {parsed.text}.")
        else:
            raise CodeError(Reason.WRONG_KIND, "This is a member card, not a coupon.")
        why = self.replica.is_revoked("coupon", inst.code)
        if why is not None:
            raise CodeError(Reason.VOIDED, f"Coupon {inst.code} was revoked: {why}.")
        tpl = tpls[inst.template_id]
        children = tuple((c, tpls[c.template_id]) for c in self.replica.coupon_children(inst.code)) if tpl.kind.value == "bundle" else ()
        return CouponClaim(code, inst, tpl, uses, children)

    # ---- scan -----------------------------------------------------------------------
    def scan(self, code: str, *, at: datetime | None = None, member_id: str | None = None) -> ScanResult:
        """What did the cashier scan? Raises CodeError with the precise reason."""
        at = self.now(at)
        parsed = self.parse(code)
        if isinstance(parsed, codes.SignedMember):
            return ScanResult("member", member=self.member_view(self.resolve_member(code, parsed), at))
        if isinstance(parsed, codes.PlainCode):
            # a product number is found without the replica secret; member card and coupon numbers
            # need it (keyed: a locked vault refuses them, not products)
            secret, refusal = self._number_secret("look up a member card or coupon number")
            coupon = self.replica.coupon_by_number(parsed.digits, secret)
            member = self.replica.member_by_number(parsed.digits, secret)
            if member is not None:
                self._check_member_usable(member)
                return ScanResult("member", member=self.member_view(member, at))
            product = self.replica.product(parsed.digits)
            if product is not None and coupon is None:
                return ScanResult("product", product={"sku": product.sku, "name": product.name, "price": product.price})
            if coupon is None:
                if refusal is not None:  # the locked vault is why nothing was found
                    raise refusal
                if self.unknown_members is not None and (member := self.unknown_members.card_number(parsed.digits)):
                    self._check_member_usable(member)  # a member outside this store's slice, looked up online
                    return ScanResult("member", member=self.member_view(member, at))
                self._numbers_not_here_yet(parsed.digits)
        if isinstance(parsed, codes.RefCode) and self.replica.coupon(parsed.text) is None:
            product = self.replica.product(parsed.text)
            if product is not None:
                return ScanResult("product", product={"sku": product.sku, "name": product.name, "price": product.price})
        claim = self.resolve_coupon(code, parsed=parsed)
        member = self.replica.member(member_id) if member_id else None
        return ScanResult("coupon", coupon=self._coupon_view(claim.instance, claim.template, member, at))

    def _coupon_view(self, inst: CouponInstance, tpl, member: Member | None, at: datetime) -> CouponView:
        history = self.replica.template_history(member.id, tpl.id) if member else ()
        try:
            check_coupon(inst, tpl, store=self.store, member=member if (member or not tpl.member_bound) else None, at=at, history=history)
            usable, reason, message = True, None, f"{tpl.name}: valid"
        except CodeError as err:
            usable, reason, message = False, err.reason.value, err.message
            if err.reason == Reason.MEMBER_REQUIRED and member is None:
                usable, reason, message = True, None, f"{tpl.name}: valid for its member"
        return CouponView(
            inst.code, tpl.id, tpl.name, tpl.kind.value, inst.remaining_uses, inst.total_uses, inst.status,
            inst.valid_until.isoformat() if inst.valid_until else None, usable, reason, message, tpl.partner,
        )

    def member_view(self, member: Member, at: datetime | None = None) -> MemberView:
        at = self.now(at)
        cat = self.replica.catalog()
        lots = self.replica.lots(member.id)
        balances = {pt: balance(lots, pt, at) for pt in cat["point_types"]}
        soon = [
            {"point_type": lot.point_type, "points": lot.points, "expires_at": lot.expires_at.isoformat()}
            for lot in sorted(lots, key=lambda lot: lot.expires_at or datetime.max.replace(tzinfo=timezone.utc))
            if lot.usable_at(at) and lot.expires_at is not None and lot.expires_at - at <= self.EXPIRING_SOON
        ]
        coupons = [
            self._coupon_view(c, cat["templates"][c.template_id], member, at)
            for c in self.replica.member_coupons(member.id)
            if c.status == "active" and (c.remaining_uses > 0 or cat["templates"][c.template_id].kind.value == "bundle")
        ]
        tier = cat["tiers"].get(member.tier_id)
        return MemberView(member.id, mask_name(member.name), member.tier_id, tier.name if tier else member.tier_id, member.status,
                          balances, soon, coupons)

    # ---- checkout -------------------------------------------------------------------
    def build_basket(self, req: CheckoutRequest) -> Basket:
        lines = []
        for i, lr in enumerate(req.lines, start=1):
            if lr.sku is not None:
                p = self.replica.product(lr.sku)
                if p is None:
                    raise CheckoutError(Reason.UNKNOWN_PRODUCT, f"Line {i}: no product {lr.sku!r}.", line=i)
                pp = None
                if lr.pay_with_points:
                    if p.points_price is None:
                        raise CheckoutError(Reason.INVALID_BASKET, f"Line {i}: {p.name} has no points price.", line=i)
                    pp = p.points_price
                lines.append(BasketLine(i, p.name, p.price, lr.quantity, p.sku, p.category_id, pp))
            elif lr.amount is not None:
                lines.append(BasketLine(i, lr.name or "Amount", lr.amount, lr.quantity))
            else:
                raise CheckoutError(Reason.INVALID_BASKET, f"Line {i}: give a product or an amount.", line=i)
        return Basket(tuple(lines), req.payment_method)

    def _context(self, req: CheckoutRequest, at: datetime) -> tuple[CheckoutContext, Basket, list]:
        cat = self.replica.catalog()
        basket = self.build_basket(req)
        member = self.resolve_member(req.member_code) if req.member_code else None
        claims: list[CouponClaim | RefusedClaim] = []
        history: dict[str, tuple[datetime, ...]] = {}
        for cr in req.coupons:
            try:
                if not (1 <= cr.uses <= 1000):
                    raise CodeError(Reason.TOO_MANY_USES, f"Uses must be 1..1000, not {cr.uses}.")
                claim = self.resolve_coupon(cr.code, cr.uses)
            except DomainError as err:
                claims.append(RefusedClaim(cr.code, err))
                continue
            if member is not None and claim.template.id not in history:
                history[claim.template.id] = self.replica.template_history(member.id, claim.template.id)
            claims.append(claim)
        if self.unknown_members is not None:
            claims = self.unknown_members.claims(member, claims)
        ctx = CheckoutContext(
            store=self.store, at=at, member=member, lots=self.replica.lots(member.id) if member else (),
            point_types=cat["point_types"], earn_rules=cat["earn_rules"], history_by_template=history,
        )
        return ctx, basket, claims

    def preview(self, req: CheckoutRequest, *, at: datetime | None = None) -> CheckoutPreview:
        at = self.now(at)
        ctx, basket, claims = self._context(req, at)
        return preview_checkout(ctx, basket, claims, req.points)

    def settle(self, req: CheckoutRequest, *, cashier_id: str, at: datetime | None = None,
               override: AllowanceOverride | None = None) -> dict[str, Any]:
        """Settle atomically; the same checkout id asked again returns the first receipt.
        Each outcome is one log line IT can read (no member names, no codes' secrets)."""
        try:
            receipt = self._settle(req, cashier_id=cashier_id, at=at, override=override)
        except DomainError as err:
            log.info("refused checkout %s by %s: [%s] %s", req.checkout_id, cashier_id, err.reason.value, err.message)
            raise
        except StorageError as err:
            log.error("checkout %s not saved: %s", req.checkout_id, err)
            raise
        log.info("%s checkout %s seq %s: gross %s, coupons -%s, points -%s, total %s, member %s, cashier %s%s",
                 "replayed" if receipt.get("replayed") else "settled", req.checkout_id, receipt["terminal_seq"],
                 receipt["gross"], receipt["coupon_discount"], receipt["points_discount"], receipt["total"],
                 (receipt.get("member") or {}).get("id", "-"), cashier_id,
                 f", allowance override by {override.manager_id}: {override.reason!r}" if override else "")
        return receipt

    def _settle(self, req: CheckoutRequest, *, cashier_id: str, at: datetime | None,
                override: AllowanceOverride | None) -> dict[str, Any]:
        at = self.now(at)
        staff = self.replica.staff(cashier_id)
        if staff is None or (staff["stores"] and self.store_id not in staff["stores"]):
            raise AuthorizationError(Reason.NOT_AUTHORIZED, f"Staff {cashier_id!r} may not settle at store {self.store_id}.")
        if override is not None:
            if not (override.reason or "").strip():
                raise CheckoutError(Reason.INVALID_BASKET, "An allowance override needs a reason.")
            self.verify_staff(override.manager_id, override.pin, role="manager")
        fingerprint = req.fingerprint()
        with transaction(self.replica.db):
            existing = self.replica.settlement(req.checkout_id)
            if existing is not None:
                if existing["request_sha256"] != fingerprint:
                    raise CheckoutError(Reason.CHECKOUT_ID_REUSED, f"Checkout {req.checkout_id} was already settled with different content.")
                return {**existing["receipt"], "replayed": True}
            ctx, basket, claims = self._context(req, at)
            preview = preview_checkout(ctx, basket, claims, req.points)
            if req.expected_total is not None and req.expected_total != preview.total:
                raise CheckoutError(
                    Reason.PREVIEW_CHANGED,
                    f"The total changed from {req.expected_total} to {preview.total} since the preview; check and settle again.",
                    expected=req.expected_total, actual=preview.total,
                )
            exceeded = self.allowances.check(self.replica, member=ctx.member, preview=preview, claims=claims, at=at) if self.allowances else []
            beyond = self.allowances.beyond_override(self.replica, member=ctx.member, preview=preview, claims=claims,
                                                     at=at) if exceeded and override is not None else []
            if beyond:
                raise AuthorizationError(
                    Reason.OFFLINE_ALLOWANCE_EXCEEDED,
                    "Beyond what a manager may approve offline: " + " ".join(x["message"] for x in beyond)
                    + " Sync with the server first.",
                    allowance_exceeded=exceeded, beyond_override=beyond,
                )
            if exceeded and override is None:
                raise AuthorizationError(
                    Reason.OFFLINE_ALLOWANCE_EXCEEDED,
                    "Beyond this terminal's offline allowance: " + " ".join(x["message"] for x in exceeded)
                    + " A manager must approve (override).",
                    allowance_exceeded=exceeded,
                )
            plan = plan_settlement(checkout_id=req.checkout_id, ctx=ctx, basket=basket, preview=preview, cashier_id=cashier_id,
                                   terminal_id=self.terminal_id)
            if self.unknown_members is not None:
                self.unknown_members.ensure_row(ctx.member)
            for claim in claims:
                if isinstance(claim, CouponClaim) and not claim.instance.in_replica:
                    self.replica.ensure_signed_coupon(claim.instance)
            event_id = str(uuid.uuid4())
            payload = {**plan.payload, "based_on_cursor": self.replica.applied_cursor(), "app_version": __version__}
            signed = {c.instance.code: c.scanned for c in claims if isinstance(c, CouponClaim) and not c.instance.in_replica}
            if signed:  # the server verifies the signature of a code it has never seen
                payload["coupons"] = [{**u, "signed": signed[u["code"]]} if u["code"] in signed else u for u in payload["coupons"]]
            if exceeded:
                payload["allowance_override"] = {"manager_id": override.manager_id, "reason": override.reason.strip(),
                                                 "exceeded": [{k: v for k, v in x.items() if k != "message"} for x in exceeded]}
                self.replica.audit(at=at, actor_id=override.manager_id, action="allowance_override", reason=override.reason.strip(),
                                   details={"checkout_id": req.checkout_id, "exceeded": exceeded})
            seq = self.replica.append_event(event_id=event_id, type_="settlement", schema_version=EVENT_SCHEMA_VERSION,
                                            payload_json=canonical_json(payload), sha256=_event_sha256(payload), created_at=at.isoformat())
            receipt = self._receipt(req.checkout_id, at, cashier_id, ctx.member, basket, preview, plan, event_id, seq)
            self.replica.write_settlement(plan, event_id=event_id, request_sha256=fingerprint, store_id=self.store_id,
                                          terminal_id=self.terminal_id, cashier_id=cashier_id, at=at, receipt=receipt)
        self._written()
        return receipt

    def _receipt(self, checkout_id, at, cashier_id, member, basket, preview: CheckoutPreview, plan: SettlementPlan,
                 event_id, seq) -> dict[str, Any]:
        """What the member is told. Money and points figures come from `plan`, the rows written to the
        ledgers in the same transaction: points per type are sums over every earned / spent lot."""
        return {
            "checkout_id": checkout_id,
            "settled_at": at.isoformat(),
            "local_time": local(at, self.store.timezone).strftime("%Y-%m-%d %H:%M"),
            "store_id": self.store_id,
            "terminal_id": self.terminal_id,
            "cashier_id": cashier_id,
            "member": None if member is None else {"id": member.id, "masked_name": mask_name(member.name)},
            "lines": [{"name": ln.name, "quantity": ln.quantity, "gross": ln.gross, "net": preview.line_net[ln.line_id]} for ln in basket.lines],
            "gross": plan.gross,
            "coupon_discount": plan.coupon_discount,
            "points_discount": plan.points_discount,
            "total": plan.total,
            "explanation": [{"kind": e.kind, "text": e.text, "amount": e.amount, "points": e.points, "ref": e.ref}
                            for e in preview.explanation],
            "points_earned": plan.points_earned,
            "points_spent": plan.points_spent,
            "balances_after": sum_balances(preview.balances_before, plan.points_earned, plan.points_spent),
            "event_id": event_id,
            "terminal_seq": seq,
            "replayed": False,
        }

    # ---- staff and voids ------------------------------------------------------------
    def verify_staff(self, staff_id: str, pin: str, *, role: str | None = None) -> dict[str, Any]:
        """The staff row when `pin` is `staff_id`'s PIN (and the role fits); AuthorizationError otherwise.

        staff_locked: too many wrong PINs in a row (terminal/lockout.py), refused even with the
        right PIN until the lock passes or a manager clears it; bad_pin: unknown id or wrong PIN
        (a wrong PIN for a known id is counted in the replica); not_authorized: other store / role;
        vault_unavailable: the PIN hash is keyed (terminal/pins.py) and the replica secret cannot be
        read (a locked OS vault), or it was keyed with an earlier secret: nothing is counted.
        """
        staff = self.replica.staff(staff_id)
        now = self.now()
        if staff is not None:
            locked = lockout.locked_until(self.replica.conn, staff_id, now)
            if locked:
                raise AuthorizationError(Reason.STAFF_LOCKED, f"Staff {staff_id} is locked after {locked[0]} wrong PINs until "
                                         f"{locked[1]:%Y-%m-%d %H:%M:%S} UTC; wait, or a manager "
                                         f"unlocks it (unlock-staff).")
        if staff is not None and is_plain(staff["pin_hash"]):
            self._rewrap_pending()
            staff = self.replica.staff(staff_id) or staff
        secret = self.replica_secret("check a staff PIN") if staff is not None and is_keyed(staff["pin_hash"]) else None
        try:
            ok = staff is not None and verify_pin(pin, staff["pin_hash"], secret)
        except PinKeyUnavailable:  # keyed under a secret this replica replaced: not "wrong PIN", nothing counted
            raise AuthorizationError(Reason.VAULT_UNAVAILABLE, f"Cannot check the PIN of staff {staff_id}: its PIN hash "
                                     "was keyed with an earlier replica secret; sync to pull it again.",
                                     vault="rekeyed") from None
        if not ok:
            if staff is not None:
                with transaction(self.replica.db):
                    failures, until = lockout.record_failure(self.replica.conn, staff_id, now)
                log.warning("wrong PIN for staff %s (%d in a row%s)", staff_id, failures, f", locked until {until}" if until else "")
            raise AuthorizationError(Reason.BAD_PIN, "Unknown staff id or wrong PIN.")
        if lockout.failures(self.replica.conn, staff_id):
            with transaction(self.replica.db):
                lockout.clear(self.replica.conn, staff_id)  # the right PIN ends the run of wrong ones
        if staff["stores"] and self.store_id not in staff["stores"]:
            raise AuthorizationError(Reason.NOT_AUTHORIZED, f"{staff['name']} is not staff of store {self.store_id}.")
        if role == "manager" and staff["role"] != "manager":
            raise AuthorizationError(Reason.NOT_AUTHORIZED, f"{staff['name']} is not a manager; a manager must approve this.")
        return staff

    def _rewrap_pending(self) -> None:
        """An upgraded replica still holding plain scrypt hashes (migration 0008, meta replica_rewrap): key
        them now if the vault can give (or take) this replica's secret. Best effort: the plain hash is
        checked as before when it cannot; the next sync keys them."""
        if self.replica.get_meta("replica_rewrap") != "1" or self.replica.conn.in_transaction:
            return
        try:
            self.secrets.vault_secret()
        except Exception as exc:  # a locked vault, a busy replica: the sync client does it later
            log.info("plain PIN hashes not keyed yet: %s", exc)

    def clear_pin_lockout(self, staff_id: str, *, manager_id: str, pin: str) -> dict[str, Any]:
        """A manager of this store clears `staff_id`'s wrong-PIN count and lock (audited).

        AuthorizationError when the manager's PIN or role fails; NOT_FOUND when `staff_id` is not
        staff here. Returns {staff_id, cleared (False: nothing was counted), failures}.
        """
        self.verify_staff(manager_id, pin, role="manager")
        if self.replica.staff(staff_id) is None:
            raise CheckoutError(Reason.NOT_FOUND, f"No staff {staff_id!r} on this terminal.")
        with transaction(self.replica.db):
            n = lockout.failures(self.replica.conn, staff_id)
            cleared = lockout.clear(self.replica.conn, staff_id)
            self.replica.audit(at=self.now(), actor_id=manager_id, action="unlock_staff", reason="PIN lockout cleared",
                               details={"staff_id": staff_id, "failures": n})
        log.warning("manager %s cleared the PIN lockout of staff %s (%d wrong PINs)", manager_id, staff_id, n)
        return {"staff_id": staff_id, "cleared": cleared, "failures": n}

    def void(self, checkout_id: str, *, manager_id: str, pin: str, reason: str, at: datetime | None = None) -> dict[str, Any]:
        """Void within the window with a manager's PIN; logged either way."""
        try:
            res = self._void(checkout_id, manager_id=manager_id, pin=pin, reason=reason, at=at)
        except DomainError as err:
            log.warning("void of %s by %s refused: [%s] %s", checkout_id, manager_id, err.reason.value, err.message)
            raise
        log.warning("voided checkout %s (seq %s) by manager %s: %r", checkout_id, res["terminal_seq"], manager_id, reason)
        return res

    def _void(self, checkout_id: str, *, manager_id: str, pin: str, reason: str, at: datetime | None = None) -> dict[str, Any]:
        at = self.now(at)
        reason = (reason or "").strip()
        if not reason:
            raise CheckoutError(Reason.INVALID_BASKET, "A void needs a reason.")
        self.verify_staff(manager_id, pin, role="manager")
        with transaction(self.replica.db):
            s = self.replica.settlement(checkout_id)
            if s is None:
                raise CheckoutError(Reason.NOT_FOUND, f"No settlement {checkout_id} on this terminal.")
            check_void_allowed(s["settled_at"], at, self.void_window, s["voided_at"] is not None, checkout_id)
            event_id = str(uuid.uuid4())
            rows_preview = self._void_rows(s["event_id"])  # what this void reverses locally (shown on the receipt)
            # the event names only the original, the manager and the reason: the server derives
            # the reversal from what it recorded for the original
            payload = {"checkout_id": checkout_id, "voids_event_id": s["event_id"], "store_id": self.store_id,
                       "terminal_id": self.terminal_id, "manager_id": manager_id, "reason": reason, "occurred_at": at.isoformat(),
                       "based_on_cursor": self.replica.applied_cursor(), "app_version": __version__}
            seq = self.replica.append_event(event_id=event_id, type_="void", schema_version=EVENT_SCHEMA_VERSION,
                                            payload_json=canonical_json(payload), sha256=_event_sha256(payload), created_at=at.isoformat())
            self.replica.write_void(checkout_id=checkout_id, original_event_id=s["event_id"], event_id=event_id,
                                    manager_id=manager_id, reason=reason, at=at)
            self.replica.audit(at=at, actor_id=manager_id, action="void", reason=reason, details={"checkout_id": checkout_id})
        self._written()
        return {"checkout_id": checkout_id, "voided_at": at.isoformat(), "event_id": event_id, "terminal_seq": seq, **rows_preview}

    def _void_rows(self, original_event_id: str) -> dict[str, Any]:
        c = self.replica.conn
        coupons = [{"code": r[0], "template_id": r[1], "uses": -r[2], "discount": -r[3]}
                   for r in c.execute("SELECT code, template_id, uses, discount FROM coupon_ledger WHERE event_id = ? ORDER BY id", (original_event_id,))]
        points = [{"lot_id": r[0], "point_type": r[1], "delta": -r[2]}
                  for r in c.execute("SELECT lot_id, point_type, delta FROM point_ledger WHERE event_id = ? ORDER BY id", (original_event_id,))]
        return {"coupons": coupons, "points": points}

    def close_day(self, day: date, *, manager_id: str, pin: str, override_reason: str | None = None,
                  at: datetime | None = None) -> dict[str, Any]:
        """End-of-day close. Refused while events are unsynced unless a manager overrides with a reason."""
        from terminal.reports import daily_report

        at = self.now(at)
        self.verify_staff(manager_id, pin, role="manager")
        with transaction(self.replica.db):
            closed = self.replica.conn.execute(
                "SELECT 1 FROM audit_log WHERE action = 'close_day' AND json_extract(details, '$.day') = ? AND json_extract(details, '$.store_id') = ?",
                (day.isoformat(), self.store_id),
            ).fetchone()
            if closed:
                raise CheckoutError(Reason.ALREADY_CLOSED, f"{day.isoformat()} is already closed.")
            pending = self.replica.outbox_stats()["pending"]
            reason = (override_reason or "").strip()
            if pending and not reason:
                raise CheckoutError(
                    Reason.UNSYNCED_EVENTS,
                    f"{pending} settlement(s) are not yet confirmed by the server; sync first, or a manager overrides with a reason.",
                    pending=pending,
                )
            rep = daily_report(self.replica, store_id=self.store_id, day=day)
            details = {"day": day.isoformat(), "store_id": self.store_id, "pending": pending, "settlements": rep.settlements,
                       "net_total": rep.net_total}
            self.replica.audit(at=at, actor_id=manager_id, action="close_day",
                               reason=reason or "all events synced", details=details)
            if pending:
                self.replica.audit(at=at, actor_id=manager_id, action="override", reason=reason,
                                   details={"what": "close_day with unsynced events", **details})
        return {"closed": True, "overridden": bool(pending), "report": rep, **details}

    def status(self) -> dict[str, Any]:
        """Outbox figures, merged with the live sync status when a sync runner is attached."""
        status: dict[str, Any] = {"online": False, "enrolled": False, **self.replica.outbox_stats()}
        if self.sync_status is not None:
            try:
                status.update(self.sync_status())
            except Exception as exc:  # the counter must keep working whatever sync does
                status["last_error"] = str(exc)
        return status

    def _written(self) -> None:
        if self.after_write is not None:
            try:
                self.after_write()
            except Exception:  # a sync wake-up must never undo or fail a committed settlement
                pass


def _event_sha256(payload: dict) -> str:
    """The outbox hash; text that is not valid Unicode (an unpaired surrogate) is refused, nothing is written."""
    try:
        return payload_sha256(payload)
    except ValueError:
        raise CheckoutError(Reason.INVALID_REQUEST, "The checkout contains text that is not valid Unicode; nothing was saved.") from None
