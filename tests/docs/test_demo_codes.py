"""resources/demo/codes.md, read as a tester reads it: every code it lists is in the catalog as
listed, and scans at the counter as the file says (at the demo's moment, 2026-11-22 12:00 Taipei).

tests/demo checks the scenarios the file is generated from; this test checks the file itself.
"""

from __future__ import annotations

import re

import pytest

from terminal.provisioning import demo
from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import load_catalog_file
from terminal.infra.crypto import KeyRing
from terminal.domain import codes
from terminal.domain.reasons import CodeError
from terminal.usecases.service import RedemptionService
from tests.conftest import FixedClock

AT = demo.DEMO_NOW
TEXT = demo.demo_codes_path().read_text(encoding="utf-8")


def table(title: str) -> list[list[str]]:
    """The rows (cells, stripped) of the table under `## title`."""
    section = TEXT.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in section.splitlines() if ln.startswith("|")]
    assert rows and set(rows[1].replace("|", "")) == {"-"}, f"no table under '## {title}'"
    return [[c.strip() for c in ln.strip().strip("|").split(" | ")] for ln in rows[2:]]


def ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog_file(demo.demo_catalog_path())


@pytest.fixture(scope="module")
def counter(tmp_path_factory, catalog):
    """counter(store_id) -> a RedemptionService on a fresh replica of the demo catalog at AT."""
    made: dict[str, RedemptionService] = {}

    def get(store_id: str) -> RedemptionService:
        if store_id not in made:
            replica = init_replica(tmp_path_factory.mktemp("codes") / f"{store_id}.db", catalog, store_id=store_id, terminal_id="T1",
                                   demo=True)
            made[store_id] = RedemptionService(replica, store_id=store_id, terminal_id="T1", clock=FixedClock(AT))
        return made[store_id]

    yield get
    for svc in made.values():
        svc.replica.db.conn.close()


def scan(svc: RedemptionService, code: str, member_id: str | None = None):
    """(result, refusal reason or None) — a refused code raises or comes back as an unusable coupon."""
    try:
        res = svc.scan(code, at=AT, member_id=member_id)
    except CodeError as err:
        return None, err.reason.value
    return res, (res.coupon.reason if res.kind == "coupon" and not res.coupon.usable else None)


def test_products_table_lists_every_product_and_each_code_and_barcode_scans_to_it(catalog, counter):
    rows = table("Products")
    categories = {c.id: c.name for c in catalog.categories}
    by_sku = {p.sku: p for p in catalog.products}
    listed = [ticked(r[0])[0] for r in rows]
    assert sorted(listed) == sorted(by_sku), "codes.md must list every product of the catalog once"
    svc = counter("CAFE-XINYI")
    for sku_cell, name, category, price, barcode_cell, with_points in rows:
        p = by_sku[ticked(sku_cell)[0]]
        barcode = ticked(barcode_cell)[0] if barcode_cell != "-" else None  # "-": sold by quick key / name search
        assert (name, category, int(price), barcode) == (p.name, categories[p.category], p.price, p.barcode)
        assert barcode is None or (len(barcode) == 13 and codes.gs1_check_digit(barcode[:-1]) == int(barcode[-1]))
        for code in (p.sku, barcode) if barcode else (p.sku,):
            res, reason = scan(svc, code)
            assert reason is None and res.kind == "product" and res.product == {"sku": p.sku, "name": p.name, "price": p.price}
        if p.points_price is None:
            assert with_points == "-"
        else:
            pp = p.points_price
            assert with_points.startswith(f"{pp.points} ") and with_points.endswith(f" + {pp.cash}")


def test_members_table_matches_the_catalog_and_card_and_qr_scan_to_the_member(catalog, counter):
    members = {m.id: m for m in catalog.members}
    tiers = {t.id: t.name for t in catalog.tiers}
    svc = counter("CAFE-XINYI")
    rows = table("Members")
    assert len(rows) >= 4
    for who, tier, birthday, card_cell, qr_cell in rows:
        member_id = who.split()[0]
        m = members[member_id]
        card, qr = ticked(card_cell)[0], ticked(qr_cell)[0]
        assert m.card_number == card and who.split()[1] == m.name and tiers[m.tier] == tier
        assert m.birthday.isoformat() == birthday
        blocked = "(blocked)" in who
        assert (m.status == "blocked") == blocked
        for code in (card, qr):
            res, reason = scan(svc, code)
            if blocked:
                assert reason == "revoked"
            else:
                assert reason is None and res.kind == "member" and res.member.id == member_id


def test_coupons_table_matches_the_catalog_and_number_and_qr_name_the_coupon(catalog, counter):
    coupons = {c.code: c for c in catalog.coupons}
    templates = {t.id: t for t in catalog.coupon_templates}
    ring = KeyRing({k.key_id: k.public_key for k in catalog.issuer_keys})
    svc = counter("CAFE-XINYI")
    rows = table("Coupons")
    assert len(rows) >= 19
    for label, tpl_name, member, number_cell, qr_cell in rows:
        code = label.split()[0]
        qr = ticked(qr_cell)[0] if qr_cell.startswith("`") else None
        if "not in the catalog" in label:
            assert code not in coupons and qr and number_cell == "-"
            claim = codes.parse(qr, ring)  # genuine, and names the listed coupon
            assert isinstance(claim, codes.SignedCoupon) and claim.code == code and templates[claim.template_id].name == tpl_name
            continue
        c = coupons[code]
        assert templates[c.template].name == tpl_name and (c.member or "bearer") == member
        assert (c.status == "voided") == ("(voided)" in label)
        if c.parent:
            assert number_cell == "-" and qr is None and "bundle child" in qr_cell
            continue
        number = ticked(number_cell)[0]
        assert c.number == number and codes.gs1_check_digit(number[:-1]) == int(number[-1])
        for scanned in (number, qr):
            res, _reason = scan(svc, scanned)
            assert res is not None and res.kind == "coupon" and res.coupon.code == code, (code, scanned)


def test_each_row_of_scan_a_code_scans_as_documented(catalog, counter):
    names = {m.card_number: m for m in catalog.members}
    coupons_by_number = {c.number: c.code for c in catalog.coupons if c.number}
    rows = table("Scan a code")
    assert len(rows) >= 19
    for row_id, _title, store, what, expected in rows:
        svc = counter(store.split()[0])
        scanned = ticked(what)
        member_id = None
        if what.startswith("member "):
            member_id = names[scanned[0]].id
            scanned = scanned[1:]
        assert len(scanned) == 1, row_id
        res, reason = scan(svc, scanned[0], member_id)
        m = re.search(r"refused(?: at once)?: (\w+)", expected)
        assert reason == (m.group(1) if m else None), f"{row_id}: scanned {reason=}, codes.md says {expected!r}"
        label = re.search(r"\(([A-Z][A-Z0-9-]+)\)", what.split("`")[-1])
        if label and res is not None:  # "(CP-DEMO-...)" after a number names the coupon it scans to
            assert res.kind == "coupon" and res.coupon.code == label.group(1) == coupons_by_number[scanned[0]]
        left = re.search(r"(\d+) of (\d+) uses left", expected)
        if left:
            assert (res.coupon.remaining_uses, res.coupon.total_uses) == (int(left.group(1)), int(left.group(2))), row_id
        masked = re.match(r"(\S\*\S), ", expected)
        if masked:
            assert res.kind == "member" and res.member.masked_name == masked.group(1), row_id


def test_the_rule_for_the_other_members_card_numbers_holds_and_its_example_scans(catalog, counter):
    m = re.search(r"have card numbers `29` \+ 10-digit member number \+ check digit,\ne\.g\. (M\d+) = `(\d+)`", TEXT)
    assert m, "the sentence about the other members' card numbers changed: update this test"
    for member in catalog.members:
        assert member.card_number == codes.with_check_digit("29" + member.id[1:].rjust(10, "0")), member.id
    res, reason = scan(counter("CAFE-XINYI"), m.group(2))
    assert reason is None and res.member.id == m.group(1)


PAYING = "Paying: payment method, stored value, gift cards"


def test_every_gift_card_and_wallet_listed_pays_with_its_balance(counter):
    """Each account of the paying table: its balance as listed, usable at CAFE-XINYI; a gift card by its number."""
    from terminal.usecases import stored_value

    svc = counter("CAFE-XINYI")
    rows = table(PAYING)
    assert len(rows) >= 2
    for account, _program, balance, number in rows:
        account_id = account.split()[0]
        if ticked(number):
            view = stored_value.account_view(svc, ticked(number)[0])
        else:
            view = next(v for v in stored_value.value_view(svc, "M000001") if v["account_id"] == account_id)
        assert (view["account_id"], view["balance"], view["usable"]) == (account_id, int(balance), True), view
    from terminal.usecases import payment_methods

    assert payment_methods.available(svc) == ("cash", "card", "linepay", "jkopay")  # as the text says


def test_every_code_in_the_file_is_in_a_table_this_test_checks():
    checked = set(re.findall(r"e\.g\. M\d+ = `(\d+)`", TEXT))  # the card number rule's example, checked above
    for title in ("Products", "Members", "Coupons", "Scan a code", PAYING):
        for row in table(title):
            checked.update(t for cell in row for t in ticked(cell))
    everywhere = {t for t in ticked(TEXT) if re.fullmatch(r"\d{8,14}|LT1\w+", t)}
    assert everywhere and everywhere <= checked, sorted(everywhere - checked)
