"""Property-based tests of the pure domain (terminal/domain), with Hypothesis.

What they prove, for any generated input:
* `split_proportionally` splits exactly: parts sum to the total, no part exceeds its
  weight, each part is within 1 of the exact share, and the result is deterministic.
* `preview_checkout` on random baskets / coupons / lots / point requests keeps the money
  and points invariants: total = gross - coupon discount - points discount, every line net
  is an int >= 0, a coupon never applies more uses than it has left, burns come from
  usable lots soonest-expiry first and never exceed a lot, a points discount is worth
  exactly points / burn_points * burn_value, balances_after = before - burned + earned.
* Earned points of per_spend rules never go down when the spend goes up.
* Signed codes round-trip, and any single-character change or truncation is refused
  (FORGED / MALFORMED / UNKNOWN_KEY), never accepted.
* `parse` on arbitrary text, binary garbage and very long strings only ever returns a
  parsed code or raises `CodeError` with a `Reason` and a message.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from terminal.infra.crypto import KeyRing, Signer
from terminal.domain import codes
from terminal.domain.allocation import split_proportionally
from terminal.domain.checkout import preview_checkout
from terminal.domain.models import (
    Basket,
    BasketLine,
    CheckoutContext,
    CouponClaim,
    CouponInstance,
    CouponKind,
    CouponTemplate,
    EarnKind,
    EarnRule,
    Member,
    Multiplier,
    MultiplierKind,
    PointLot,
    PointsPrice,
    PointType,
    Stacking,
    Store,
)
from terminal.domain.reasons import CodeError, Reason

from tests.conftest import SIGNER

PROFILE = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
STORE = Store("A-001", "A", "A Xinyi", "Asia/Taipei")
MEMBER = Member("M1", "Test Member", "normal", 11)  # born in November
KEYRING = KeyRing({1: SIGNER.public_b64()})
SKUS = [("S1", "coffee"), ("S2", "coffee"), ("S3", "bakery"), ("S4", None)]

# ---------------------------------------------------------------------------- allocation


@PROFILE
@given(
    weights=st.dictionaries(st.integers(0, 300), st.integers(0, 100_000), max_size=20),
    frac=st.fractions(0, 1),
)
def test_split_proportionally_is_exact_bounded_and_deterministic(weights, frac):
    weight_sum = sum(weights.values())
    total = int(weight_sum * frac)
    parts = split_proportionally(total, weights)
    assert set(parts) == set(weights)
    assert sum(parts.values()) == total
    for k, w in weights.items():
        assert isinstance(parts[k], int)
        assert 0 <= parts[k] <= w
        if weight_sum:
            assert abs(parts[k] - Fraction(total * w, weight_sum)) < 1
    assert split_proportionally(total, weights) == parts
    # insertion order does not matter (ties are broken by key, not by dict order)
    assert split_proportionally(total, dict(reversed(list(weights.items())))) == parts


@PROFILE
@given(weights=st.dictionaries(st.integers(0, 50), st.integers(0, 1000), max_size=8), extra=st.integers(1, 1000))
def test_split_proportionally_refuses_more_than_weights_or_negative(weights, extra):
    with pytest.raises(ValueError):
        split_proportionally(sum(weights.values()) + extra, weights)
    with pytest.raises(ValueError):
        split_proportionally(-extra, weights)


# ---------------------------------------------------------------------------- checkout


@st.composite
def baskets(draw):
    n = draw(st.integers(1, 6))
    lines = []
    for i in range(1, n + 1):
        sku, cat = draw(st.sampled_from(SKUS + [(None, None)]))
        price = draw(st.integers(0, 3000))
        pp = None
        if sku is not None and draw(st.integers(0, 5)) == 0:
            pp = PointsPrice("bonus", draw(st.integers(1, 300)), draw(st.integers(0, price)))
        lines.append(BasketLine(i, f"line {i}", price, draw(st.integers(1, 5)), sku, cat, pp))
    return Basket(tuple(lines), draw(st.sampled_from(["cash", "card"])))


def _scope(draw):
    products = draw(st.frozensets(st.sampled_from(["S1", "S2", "S3", "S4"]), max_size=2))
    categories = draw(st.frozensets(st.sampled_from(["coffee", "bakery"]), max_size=1))
    return products, categories


@st.composite
def templates(draw, idx: int):
    kind = draw(st.sampled_from(list(CouponKind)[:4]))  # every kind but bundle
    products, categories = _scope(draw)
    stacking = draw(
        st.sampled_from([Stacking(), Stacking(group="discount"), Stacking(exclusive=True), Stacking(not_with=frozenset({"discount"}))])
    )
    common = dict(id=f"T{idx}", name=f"Template {idx}", kind=kind, member_bound=False, stacking=stacking)
    if kind == CouponKind.AMOUNT_OFF:
        return CouponTemplate(**common, amount=draw(st.integers(1, 800)), min_spend=draw(st.integers(0, 1500)),
                              products=products, categories=categories)
    if kind == CouponKind.PERCENT_OFF:
        return CouponTemplate(**common, percent=draw(st.integers(1, 100)), max_discount=draw(st.none() | st.integers(0, 400)),
                              min_spend=draw(st.integers(0, 800)), products=products, categories=categories)
    if not (products or categories):
        categories = frozenset({"coffee"})
    cap = draw(st.none() | st.integers(0, 2000))
    if kind == CouponKind.STORED_VOUCHER:
        return CouponTemplate(**common, uses=draw(st.integers(1, 10)), price_cap=cap, products=products, categories=categories)
    return CouponTemplate(**common, price_cap=cap, products=products, categories=categories)


@st.composite
def claim_lists(draw):
    """Up to 5 distinct coupons, scanned up to 6 times (a repeat scan must be refused)."""
    coupons = []
    for i in range(draw(st.integers(0, 5))):
        tpl = draw(templates(i))
        inst = CouponInstance(code=f"C{i}", template_id=tpl.id, member_id=None, total_uses=tpl.uses,
                              used_uses=draw(st.integers(0, tpl.uses + 1)))
        coupons.append((inst, tpl))
    if not coupons:
        return []
    picks = draw(st.lists(st.sampled_from(coupons), max_size=6))
    return [CouponClaim(inst.code, inst, tpl, draw(st.integers(1, 4))) for inst, tpl in picks]


@st.composite
def lot_lists(draw):
    lots = []
    for i in range(draw(st.integers(0, 6))):
        earned = AT - timedelta(days=draw(st.integers(0, 500)), minutes=draw(st.integers(0, 3)))
        exp = draw(st.none() | st.integers(-30, 400).map(lambda d: AT + timedelta(days=d)))
        lots.append(PointLot(f"L{i}", "M1", draw(st.sampled_from(["bonus", "diamond"])), draw(st.integers(-20, 500)), earned, exp))
    return tuple(lots)


@st.composite
def point_type_maps(draw):
    return {
        "bonus": PointType("bonus", "Bonus", draw(st.integers(1, 50)), draw(st.integers(1, 5)), 365, draw(st.integers(0, 100))),
        "diamond": PointType("diamond", "Diamond", draw(st.integers(1, 20)), draw(st.integers(1, 3)), 730, draw(st.integers(0, 100)),
                             draw(st.booleans())),
    }


@st.composite
def points_requests(draw, pts):
    out = {}
    for pt_id, pt in pts.items():
        mode = draw(st.sampled_from(["none", "multiple", "any"]))
        if mode == "multiple":
            out[pt_id] = pt.burn_points * draw(st.integers(1, 40))
        elif mode == "any":
            out[pt_id] = draw(st.integers(-5, 700))
    return out


EARN_RULES = (
    EarnRule("base", "1 per 50", "bonus", EarnKind.PER_SPEND, 50, 1,
             multipliers=(Multiplier(MultiplierKind.DAY_OF_MONTH, 3, days=frozenset({20})),)),
    EarnRule("coffee", "coffee 5 per 100", "bonus", EarnKind.PER_PRODUCT_AMOUNT, 100, 5, categories=frozenset({"coffee"}),
             group="product"),
    EarnRule("qty", "3 units -> 2 diamond", "diamond", EarnKind.PER_QUANTITY, 3, 2, products=frozenset({"S3", "S4"})),
)


def _independent_usable(lots, pt_id, at):
    usable = [lot for lot in lots if lot.point_type == pt_id and lot.points > 0 and (lot.expires_at is None or at < lot.expires_at)]
    far = datetime.max.replace(tzinfo=timezone.utc)
    return sorted(usable, key=lambda lot: (lot.expires_at or far, lot.earned_at, lot.lot_id))


def _is_int(v) -> bool:
    return type(v) is int


@settings(PROFILE, max_examples=200)
@given(data=st.data(), basket=baskets(), claims=claim_lists(), lots=lot_lists(), pts=point_type_maps(),
       with_member=st.integers(0, 5))
def test_preview_checkout_invariants(data, basket, claims, lots, pts, with_member):
    member = MEMBER if with_member else None
    want = data.draw(points_requests(pts))
    ctx = CheckoutContext(store=STORE, at=AT, member=member, lots=lots if member else (), point_types=pts, earn_rules=EARN_RULES)
    p = preview_checkout(ctx, basket, list(claims), want)

    # money: exact integer arithmetic, nothing negative, everything adds up
    for v in (p.gross, p.coupon_discount, p.points_discount, p.total):
        assert _is_int(v)
    assert p.gross == basket.gross
    assert p.total == p.gross - p.coupon_discount - p.points_discount
    assert set(p.line_net) == {ln.line_id for ln in basket.lines}
    for ln in basket.lines:
        net = p.line_net[ln.line_id]
        assert _is_int(net) and 0 <= net <= ln.gross
        if ln.points_price is not None:
            assert net == ln.gross  # points-plus-cash lines are paid apart, never discounted
    assert sum(p.line_net.values()) == p.total
    assert p.coupon_discount == sum(v.discount for v in p.coupon_verdicts if v.ok)
    assert p.coupon_discount == sum(u.discount for u in p.coupon_uses)
    for v in p.coupon_verdicts:
        assert isinstance(v.message, str) and v.message
        if not v.ok:
            assert isinstance(v.reason, Reason) and v.discount == 0 and not v.applications
        for u in v.applications:
            assert _is_int(u.discount) and u.discount >= 0
            assert sum(d for _, d in u.lines) == u.discount

    # a coupon never applies more uses than it has left
    by_code: dict[str, int] = {}
    remaining = {c.instance.code: c.instance.remaining_uses for c in claims}
    for u in p.coupon_uses:
        by_code[u.code] = by_code.get(u.code, 0) + u.uses
    for code, used in by_code.items():
        assert 1 <= used <= remaining[code]
    assert len(p.coupon_verdicts) == len(claims)
    assert [v.ok for v in p.coupon_verdicts].count(True) == len({v.code for v in p.coupon_verdicts if v.ok})

    # points: discount value matches the rate, burns are soonest-expiry first and bounded
    disc_verdicts = [v for v in p.points_verdicts if v.ok and v.purpose == "discount"]
    assert p.points_discount == sum(v.value for v in disc_verdicts)
    for v in disc_verdicts:
        pt = pts[v.point_type]
        assert member is not None and pt.burnable
        assert v.requested > 0 and v.requested % pt.burn_points == 0
        assert v.value == v.requested // pt.burn_points * pt.burn_value
    for v in p.points_verdicts:
        if not v.ok:
            assert isinstance(v.reason, Reason) and v.value == 0
    lot_by_id = {lot.lot_id: lot for lot in ctx.lots}
    for pt_id in pts:
        burns = [b for b in p.burns if b.point_type == pt_id]
        asked = sum(v.requested for v in p.points_verdicts if v.ok and v.point_type == pt_id)
        assert sum(b.points for b in burns) == asked
        order = _independent_usable(ctx.lots, pt_id, AT)
        assert [b.lot_id for b in burns] == [lot.lot_id for lot in order[: len(burns)]]
        for i, b in enumerate(burns):
            lot = lot_by_id[b.lot_id]
            assert lot.usable_at(AT) and 0 < b.points <= lot.points
            if i < len(burns) - 1:
                assert b.points == lot.points  # a lot is used up before the next one is touched
        debts = sum(lot.points for lot in ctx.lots if lot.point_type == pt_id and lot.points < 0)
        before = sum(lot.points for lot in order) + debts  # a negative lot is a debt, netted
        assert p.balances_before[pt_id] == before
        earned = sum(e.points for e in p.earns if e.point_type == pt_id)
        assert p.balances_after[pt_id] == before - sum(b.points for b in burns) + earned
        assert p.balances_after[pt_id] >= min(before, 0)  # spending never makes a balance negative
        assert _is_int(p.max_points.get(pt_id, 0))
        assert p.max_points.get(pt_id, 0) % pts[pt_id].burn_points == 0
    for e in p.earns:
        assert _is_int(e.points) and e.points >= 0
    if member is None:
        assert not p.burns and not p.earns
    for ex in p.explanation:
        assert _is_int(ex.amount) and _is_int(ex.points) and isinstance(ex.text, str)

    # deterministic
    assert preview_checkout(ctx, basket, list(claims), want) == p


@st.composite
def per_spend_rules(draw):
    rules = []
    for i in range(draw(st.integers(1, 3))):
        mults = ()
        if draw(st.booleans()):
            mults = (Multiplier(MultiplierKind.WEEKDAY, draw(st.integers(1, 6)), weekdays=frozenset(draw(st.lists(st.integers(1, 7), min_size=1)))),)
        rules.append(EarnRule(f"R{i}", f"rule {i}", "bonus", EarnKind.PER_SPEND, draw(st.integers(1, 200)), draw(st.integers(1, 10)),
                              group=draw(st.sampled_from(["base", "extra"])), priority=draw(st.integers(0, 2)), multipliers=mults))
    return tuple(rules)


@PROFILE
@given(rules=per_spend_rules(), a=st.integers(0, 20_000), b=st.integers(0, 20_000), day=st.integers(0, 13))
def test_per_spend_earn_is_monotone_in_spend(rules, a, b, day):
    lo, hi = sorted((a, b))
    at = AT + timedelta(days=day)
    ctx = CheckoutContext(store=STORE, at=at, member=MEMBER, point_types={"bonus": PointType("bonus", "Bonus")}, earn_rules=rules)

    def earned(spend: int) -> int:
        p = preview_checkout(ctx, Basket((BasketLine(1, "Amount", spend, 1),)), [], {})
        return sum(e.points for e in p.earns)

    assert earned(lo) <= earned(hi)
    assert earned(0) == 0


# ---------------------------------------------------------------------------- codes

FIELD = st.text(alphabet=sorted(codes._FIELD_OK), min_size=1, max_size=16)
DAYS = st.dates(date(2000, 1, 1), date(2099, 12, 31))


@st.composite
def signed_coupons(draw):
    code, tpl = draw(FIELD), draw(FIELD)
    member = draw(st.none() | FIELD)
    issued, until = draw(DAYS), draw(st.none() | DAYS)
    uses = draw(st.integers(1, 1000))
    key_id = draw(st.sampled_from([1, 1, 1, 7]))
    raw = codes.encode_signed("C", key_id, codes.coupon_fields(code, tpl, member, issued, until, uses), SIGNER.sign)
    return raw, codes.SignedCoupon(code, tpl, member, issued, until, uses, key_id)


@st.composite
def signed_members(draw):
    member, issued = draw(FIELD), draw(DAYS)
    raw = codes.encode_signed("M", 1, codes.member_fields(member, issued), SIGNER.sign)
    return raw, codes.SignedMember(member, issued, 1)


ANY_SIGNED = signed_coupons() | signed_members()
KEYRING_1_AND_7 = KeyRing({1: SIGNER.public_b64(), 7: SIGNER.public_b64()})
REFUSED_SIGNED = {Reason.FORGED, Reason.MALFORMED, Reason.UNKNOWN_KEY}


@PROFILE
@given(item=ANY_SIGNED, lower=st.booleans(), pad=st.sampled_from(["", " ", "\t", "\n"]))
def test_signed_codes_round_trip(item, lower, pad):
    raw, expected = item
    assert raw.startswith("LT1") and set(raw[3:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    text = pad + (raw.lower() if lower else raw) + pad
    assert codes.parse(text, KEYRING_1_AND_7) == expected


def _expect_refused(text: str, keyring=KEYRING) -> CodeError:
    try:
        got = codes.parse(text, keyring)
    except CodeError as err:
        assert isinstance(err.reason, Reason)
        assert isinstance(err.message, str) and err.message
        return err
    raise AssertionError(f"altered code {text!r} was accepted as {got!r}")


@settings(PROFILE, max_examples=200)
@given(item=ANY_SIGNED, data=st.data())
def test_any_single_character_change_of_a_signed_code_is_refused(item, data):
    raw, _ = item
    i = data.draw(st.integers(0, len(raw) - 1), label="position")
    ch = data.draw(st.characters(min_codepoint=0, max_codepoint=0x2FFFF) | st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
                   label="replacement")
    altered = raw[:i] + ch + raw[i + 1 :]
    # a change that normalises back to the same code (case, full-width form) is not a change
    assume(unicodedata.normalize("NFKC", altered).strip().upper() != raw)
    err = _expect_refused(altered, KEYRING_1_AND_7)
    assert err.reason in REFUSED_SIGNED | {Reason.EMPTY}


def test_every_truncation_of_signed_codes_is_refused():
    samples = [
        codes.encode_signed("C", 1, codes.coupon_fields("SV-1", "T-10COFFEE", "M1", date(2026, 1, 1), None, 10), SIGNER.sign),
        codes.encode_signed("C", 1, codes.coupon_fields("X", "T", None, date(2026, 1, 1), date(2026, 2, 1), 1), SIGNER.sign),
        codes.encode_signed("M", 1, codes.member_fields("M1", date(2026, 1, 1)), SIGNER.sign),
        codes.encode_signed("M", 1, codes.member_fields("MEMBER-0000001", date(2026, 1, 1)), SIGNER.sign),
    ]
    for raw in samples:
        for k in range(1, len(raw)):
            assert _expect_refused(raw[:k]).reason in REFUSED_SIGNED, raw[:k]


def test_every_change_of_the_last_character_is_refused():
    """Base32 leaves spare low bits in the last character: they must be zero, or one code
    would have several accepted spellings."""
    b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    for uses in range(1, 6):  # different payload lengths put different spare bits at the end
        raw = codes.encode_signed("C", 1, codes.coupon_fields("X" * uses, "T", None, date(2026, 1, 1), None, uses), SIGNER.sign)
        for ch in b32.replace(raw[-1], ""):
            assert _expect_refused(raw[:-1] + ch).reason in REFUSED_SIGNED, (raw, ch)


@PROFILE
@given(item=ANY_SIGNED)
def test_signed_code_from_an_unknown_key_or_wrong_private_key_is_refused(item):
    raw, _ = item
    assert _expect_refused(raw, KeyRing({})).reason == Reason.UNKNOWN_KEY
    other = Signer.from_b64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
    assert _expect_refused(raw, KeyRing({1: other.public_b64(), 7: other.public_b64()})).reason == Reason.FORGED


def _parse_total(text: str) -> None:
    """parse() returns a parsed code or raises CodeError(Reason); nothing else, ever."""
    try:
        got = codes.parse(text, KEYRING)
    except CodeError as err:
        assert isinstance(err.reason, Reason)
        assert isinstance(err.message, str) and err.message.strip()
        assert err.to_dict()["reason"] == err.reason.value
        return
    assert isinstance(got, (codes.SignedCoupon, codes.SignedMember, codes.PlainCode, codes.RefCode))
    if isinstance(got, codes.PlainCode):
        assert got.digits.isascii() and got.digits.isdigit() and 8 <= len(got.digits) <= 20
    if isinstance(got, codes.RefCode):
        assert got.text.isascii() and 3 <= len(got.text) <= 64 and not got.text.upper().startswith("LT1")


B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcdefghijklmnopqrstuvwxyz="


@settings(PROFILE, max_examples=200)
@given(
    text=st.text()
    | st.binary().map(lambda b: b.decode("latin-1"))
    | st.text(alphabet="0123456789０１２３４５６７８９ \t\x00", max_size=30)
    | st.builds(lambda k, body: "LT1" + k + body, st.sampled_from(["C", "M", "c", "m", "X", ""]), st.text(alphabet=B32, max_size=200))
    | st.builds(lambda c, n: c * n, st.characters(), st.integers(400, 5000))
)
def test_parse_only_ever_returns_a_code_or_raises_code_error(text):
    _parse_total(text)


def test_parse_on_huge_inputs_is_refused_quickly():
    for text in ("1" * 10_000, "LT1C" + "A" * 100_000, "\ufdfa" * 600, "ＬＴ１Ｃ" + "Ａ" * 700, "\x00" * 3000):
        err = _expect_refused(text)
        assert err.reason in (Reason.OVERLONG, Reason.MALFORMED)
