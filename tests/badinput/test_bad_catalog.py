"""A catalog file with errors: a clear message naming each bad field, and nothing half-loaded.

Every case starts from the good test chain (tests/conftest.py), breaks one thing, and
checks that `CatalogError.problems` names the exact field path (e.g. ``members[0].tier``).
Then `init_replica` with bad catalogs, failures in the middle of an import, an unknown
store id: the replica is left empty (or as it was), and a good init afterwards works.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from terminal.provisioning.bootstrap import init_replica, open_replica

from terminal.infra.errors import SetupError
from terminal.catalog import CatalogError, load_catalog_file, parse_catalog
from terminal.storage.replica import Replica
from tests.conftest import BASE_CATALOG, card, catalog_dict

GOOD_JSON = json.dumps(BASE_CATALOG)
M1_CARD = card("290000000001")
REPLICA_TABLES = ("brands", "stores", "tiers", "point_types", "categories", "products", "earn_rules", "coupon_templates",
                  "members", "point_lots", "coupon_instances", "issuer_keys", "staff")


def problems_of(data) -> list[str]:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data)
    with pytest.raises(CatalogError) as exc:
        parse_catalog(text)
    err = exc.value
    assert err.problems and all(isinstance(p, str) for p in err.problems)
    # the exception text lists the problems too (what the CLI prints)
    assert str(len(err.problems)) in str(err) and err.problems[0] in str(err)
    return err.problems


def assert_names(problems: list[str], path: str, *words: str) -> str:
    """Exactly one problem is about `path` (the text before ': ' is the path)."""
    hits = [p for p in problems if p.split(": ", 1)[0] == path]
    assert len(hits) == 1, f"no problem names {path!r}: {problems}"
    for w in words:
        assert w.lower() in hits[0].lower(), (w, hits[0])
    return hits[0]


def broken(change) -> dict:
    cat = catalog_dict()
    change(cat)
    return cat


def template_index(tid: str) -> int:
    return next(i for i, t in enumerate(BASE_CATALOG["coupon_templates"]) if t["id"] == tid)


def test_the_good_catalog_parses():
    assert len(parse_catalog(GOOD_JSON).members) == 3


# ---- not a catalog at all ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["{not json", "", "\x00\x01", b"\xff\xfe{", '{"format": "loyalty-catalog/1",'])
def test_not_json(text):
    problems = problems_of(text)
    assert problems[0].startswith("(file): not valid JSON")


@pytest.mark.parametrize("text", ["[]", "[1, 2]", '"catalog"', "42", "null"])
def test_not_an_object(text):
    assert problems_of(text) == ["(top level): a catalog is a JSON object"]


def test_wrong_format_id():
    assert_names(problems_of(broken(lambda c: c.update(format="loyalty-catalog/2"))), "format")


@pytest.mark.parametrize("section", ["brands", "stores", "tiers", "point_types", "format"])
def test_missing_required_section(section):
    assert_names(problems_of(broken(lambda c: c.pop(section))), section, "required")


# ---- unknown fields (typos never silently drop a rule) -------------------------------------


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda c: c["coupon_templates"][template_index("T-100OFF")].update(min_spend_=500),
         f"coupon_templates[{template_index('T-100OFF')}].min_spend_"),
        (lambda c: c.update(member=[]), "member"),
        (lambda c: c["members"][0].update(teir="gold"), "members[0].teir"),
        (lambda c: c["earn_rules"][0]["multipliers"][0].update(factr=3), "earn_rules[0].multipliers[0].factr"),
        (lambda c: c["point_types"][0]["burn"].update(max_pct=10), "point_types[0].burn.max_pct"),
        (lambda c: c["members"][0]["lots"][1].update(expiry="2027-01-01T00:00:00+08:00"), "members[0].lots[1].expiry"),
    ],
)
def test_unknown_field(change, path):
    assert_names(problems_of(broken(change)), path, "extra")


# ---- wrong types and values ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "path", "word"),
    [
        (lambda c: c["products"][0].update(price="lots"), "products[0].price", "integer"),
        (lambda c: c["products"][0].update(price=12.5), "products[0].price", "integer"),
        (lambda c: c["products"][0].update(price="120"), "products[0].price", "integer"),  # strict: no string numbers
        (lambda c: c["products"][0].update(price=True), "products[0].price", "integer"),
        (lambda c: c["products"][0].update(price=120.0), "products[0].price", "integer"),
        (lambda c: c["products"][1].update(price=-1), "products[1].price", "greater than or equal to 0"),
        (lambda c: c["products"][4]["points_price"].update(points=0), "products[4].points_price.points", "greater than 0"),
        (lambda c: c["tiers"][0].update(rank=[1]), "tiers[0].rank", "integer"),
        (lambda c: c["members"][1].update(lots="none"), "members[1].lots", "array"),
        (lambda c: c.update(brands={"id": "A"}), "brands", "array"),
        (lambda c: c["stores"].__setitem__(1, "A-NEW"), "stores[1]", "object"),
        (lambda c: c["coupon_templates"][1].update(member_bound="maybe"), "coupon_templates[1].member_bound", "bool"),
        (lambda c: c["coupon_templates"][2].update(percent=150), "coupon_templates[2].percent", "100"),
        (lambda c: c["members"][0]["lots"][0].update(points=1.5), "members[0].lots[0].points", "integer"),
        (lambda c: c["members"][0].update(birthday="1990-13-02"), "members[0].birthday", "date"),
        (lambda c: c["members"][0].update(id="M 1"), "members[0].id", "pattern"),
        (lambda c: c["members"][0].update(id=""), "members[0].id", "at least 1"),
        (lambda c: c["members"][0].update(card_number="29000000000A"), "members[0].card_number", "pattern"),
        (lambda c: c["staff"][0].update(role="owner"), "staff[0].role", "cashier"),
        (lambda c: c["staff"][0].update(pin_hash="1234"), "staff[0].pin_hash", "pattern"),
        (lambda c: c["issuer_keys"][0].update(public_key="not-a-key"), "issuer_keys[0].public_key", "pattern"),
        (lambda c: c["earn_rules"][0].update(every=0), "earn_rules[0].every", "greater than 0"),
        (lambda c: c["earn_rules"][0].update(kind="per_visit"), "earn_rules[0].kind", "per_spend"),
    ],
)
def test_wrong_types_and_values(change, path, word):
    assert_names(problems_of(broken(change)), path, word)


def test_every_problem_is_reported_at_once():
    def many(c):
        c["products"][0]["price"] = -5
        c["members"][0]["tier"] = 7
        c["coupon_templates"][1]["min_spend_"] = 1
    problems = problems_of(broken(many))
    assert len(problems) == 3
    assert_names(problems, "products[0].price")
    assert_names(problems, "members[0].tier")
    assert_names(problems, "coupon_templates[1].min_spend_")


# ---- references, duplicates, check digits ---------------------------------------------------


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda c: c["stores"][0].update(brand="Z"), "stores[0].brand", ("unknown brand", "'Z'")),
        (lambda c: c["members"][0].update(tier="platinum"), "members[0].tier", ("unknown tier", "platinum")),
        (lambda c: c["coupons"][0].update(template="T-NOPE"), "coupons[0].template", ("unknown template", "T-NOPE")),
        (lambda c: c["coupons"][0].update(member="M9"), "coupons[0].member", ("unknown member", "M9")),
        (lambda c: c["coupons"][12].update(parent="BND-9"), "coupons[12].parent", ("unknown coupon",)),
        (lambda c: c["earn_rules"].append({"id": "R-X", "name": "x", "point_type": "bonus", "kind": "per_product_amount",
                                           "every": 100, "points": 5, "products": ["LATTE", "NOPE"]}),
         "earn_rules[4].products[1]", ("unknown product", "NOPE")),
        (lambda c: c["earn_rules"][0]["scope"].update(tiers=["vip"]), "earn_rules[0].scope.tiers[0]", ("unknown tier",)),
        (lambda c: c["earn_rules"][1].update(point_type="stars"), "earn_rules[1].point_type", ("unknown point type",)),
        (lambda c: c["coupon_templates"][0].update(categories=["tea"]), "coupon_templates[0].categories[0]", ("unknown category",)),
        (lambda c: c["products"][0].update(category="tea"), "products[0].category", ("unknown category",)),
        (lambda c: c["members"][0]["lots"][0].update(point_type="stars"), "members[0].lots[0].point_type", ("unknown point type",)),
        (lambda c: c["staff"][0].update(stores=["A-999"]), "staff[0].stores[0]", ("unknown store",)),
        (lambda c: c["coupon_templates"][template_index("T-BUNDLE")]["items"][1].update(template="T-GONE"),
         f"coupon_templates[{template_index('T-BUNDLE')}].items[1].template", ("unknown template",)),
    ],
)
def test_unknown_references(change, path, words):
    assert_names(problems_of(broken(change)), path, *words)


def test_duplicate_ids():
    def dup(c):
        c["members"].append({"id": "M1", "name": "Copy", "tier": "normal"})
        c["stores"].append({"id": "B-001", "brand": "B", "name": "Again"})
        c["coupons"].append({"code": "C-CAP-1", "template": "T-CAP100"})
        c["products"].append({"sku": "LATTE", "name": "Latte 2", "price": 1})
    problems = problems_of(broken(dup))
    assert_names(problems, "members[3]", "duplicate", "'M1'", "[0]")
    assert_names(problems, "stores[5]", "duplicate", "'B-001'", "[2]")
    assert_names(problems, f"coupons[{len(BASE_CATALOG['coupons'])}]", "duplicate", "'C-CAP-1'")
    assert_names(problems, "products[5]", "duplicate", "'LATTE'")


def test_duplicate_card_numbers():
    problems = problems_of(broken(lambda c: c["members"][2].update(card_number=M1_CARD)))
    assert_names(problems, "members[2].card_number", M1_CARD, "member M1")
    problems = problems_of(broken(lambda c: c["coupons"][1].update(number=M1_CARD)))
    assert_names(problems, "coupons[1].number", M1_CARD, "member M1")
    problems = problems_of(broken(lambda c: c["products"][1].update(barcode=c["products"][0]["barcode"])))
    assert_names(problems, "products(barcode)[1]", "duplicate")


def test_duplicate_lot_ids_are_named_not_left_to_the_database():
    """Two lots with one id passed validation and then broke the import with a bare
    sqlite3.IntegrityError; now the catalog names the field."""
    lot = {"id": "M1-L1", "point_type": "bonus", "points": 5, "earned_at": "2026-01-10T10:00:00+08:00"}
    problems = problems_of(broken(lambda c: c["members"][1].update(lots=[lot])))
    assert_names(problems, "members[1].lots[0].id", "duplicate", "M1-L1", "members[0].lots[0]")
    # within one member too; unnamed lots get "<member>:<n>" ids, which an explicit id (no ':') never hits
    problems = problems_of(broken(lambda c: c["members"][0]["lots"].append({**lot, "id": "M1-L2"})))
    assert_names(problems, "members[0].lots[3].id", "M1-L2", "members[0].lots[1]")
    unnamed = {"point_type": "bonus", "points": 5, "earned_at": "2026-01-10T10:00:00+08:00"}
    two_unnamed = broken(lambda c: c["members"][1].update(lots=[unnamed, unnamed]))
    assert len(parse_catalog(json.dumps(two_unnamed)).members[1].lots) == 2


@pytest.mark.parametrize(("where", "path"), [("members", "members[0].card_number"), ("coupons", "coupons[0].number")])
def test_bad_check_digit_in_a_card_number(where, path):
    def bad(c):
        item = c[where][0]
        key = "card_number" if where == "members" else "number"
        item[key] = item[key][:-1] + str((int(item[key][-1]) + 1) % 10)
    assert_names(problems_of(broken(bad)), path, "check digit")


def test_bundle_containing_a_bundle():
    def nest(c):
        c["coupon_templates"].append({"id": "T-MEGA", "name": "Mega bundle", "kind": "bundle", "member_bound": True,
                                      "items": [{"template": "T-FREELATTE"}, {"template": "T-BUNDLE"}]})
    i = len(BASE_CATALOG["coupon_templates"])
    assert_names(problems_of(broken(nest)), f"coupon_templates[{i}].items[1].template", "bundle cannot contain a bundle")


def test_bundle_containing_itself():
    i = template_index("T-BUNDLE")
    problems = problems_of(broken(lambda c: c["coupon_templates"][i]["items"].append({"template": "T-BUNDLE"})))
    assert_names(problems, f"coupon_templates[{i}].items[2].template", "bundle")


@pytest.mark.parametrize("tz", ["Mars/Olympus_Mons", "Asia/Taipei ", "../../etc/passwd", "", "UTC+8"])
def test_invalid_time_zone(tz):
    assert_names(problems_of(broken(lambda c: c["stores"][0].update(timezone=tz))), "stores[0].timezone", "time zone")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda c: c["members"][0]["lots"][0].update(earned_at="2026-01-10T10:00:00"), "members[0].lots[0].earned_at"),
        (lambda c: c["members"][0]["lots"][2].update(expires_at="2026-01-01 00:00"), "members[0].lots[2].expires_at"),
        (lambda c: c["coupons"][8].update(valid_until="2026-01-01T00:00:00"), "coupons[8].valid_until"),
        (lambda c: c["earn_rules"][1].update(valid_from="2026-11-16T00:00:00"), "earn_rules[1].valid_from"),
    ],
)
def test_naive_datetime(change, path):
    assert_names(problems_of(broken(change)), path, "timezone")


# ---- nothing half-loaded ---------------------------------------------------------------------


def replica_content(path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] if t in have else 0 for t in REPLICA_TABLES}
    finally:
        conn.close()


def good_init(path):
    replica = init_replica(path, parse_catalog(GOOD_JSON), store_id="A-001", terminal_id="T1")
    content = replica_content(path)
    replica.conn.close()
    assert content["members"] == 3 and content["coupon_instances"] == len(BASE_CATALOG["coupons"])
    return content


@pytest.mark.parametrize(
    "bad_text",
    [
        "{not json",
        "[]",
        json.dumps(broken(lambda c: c["members"][2].update(tier="platinum"))),
        json.dumps(broken(lambda c: c["members"][1].update(
            lots=[{"id": "M1-L1", "point_type": "bonus", "points": 5, "earned_at": "2026-01-10T10:00:00+08:00"}]))),
    ],
)
def test_init_with_a_bad_catalog_file_loads_nothing_and_a_good_init_works_after(tmp_path, bad_text):
    bad = tmp_path / "catalog.json"
    bad.write_text(bad_text, encoding="utf-8")
    db = tmp_path / "replica.db"
    with pytest.raises(CatalogError) as exc:
        init_replica(db, bad, store_id="A-001", terminal_id="T1")
    assert exc.value.problems
    if db.exists():
        assert set(replica_content(db).values()) == {0}
    good_init(db)
    # a bad catalog over a working replica leaves it as it was
    before = replica_content(db)
    with pytest.raises(CatalogError):
        init_replica(db, bad, store_id="A-001", terminal_id="T1")
    assert replica_content(db) == before


def test_missing_catalog_file_is_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError) as exc:
        load_catalog_file(tmp_path / "nope.json")
    assert exc.value.problems[0].startswith("(file): cannot read")
    assert not (tmp_path / "replica.db").exists()


@pytest.mark.parametrize("fail_at", ["point_lots", "coupon_instances", "store_id"])
def test_init_failing_midway_through_the_import_leaves_no_members(tmp_path, monkeypatch, fail_at):
    """A failure after part of the import (members already inserted) rolls all of it back."""
    db = tmp_path / "replica.db"

    class Boom(RuntimeError):
        pass

    if fail_at == "store_id":
        original = Replica.set_meta

        def set_meta(self, key, value):
            if key == "terminal_id":
                raise Boom("after the whole import")
            original(self, key, value)

        monkeypatch.setattr(Replica, "set_meta", set_meta)
    else:
        import sqlite_utils.db

        original_insert_all = sqlite_utils.db.Table.insert_all

        def insert_all(self, records, *args, **kwargs):
            if self.name == fail_at:
                records = list(records)
                original_insert_all(self, records[:1], *args, **kwargs)  # part of the rows, then the failure
                raise Boom(f"in the middle of {fail_at}")
            return original_insert_all(self, records, *args, **kwargs)

        monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", insert_all)
    with pytest.raises(Boom):
        init_replica(db, parse_catalog(GOOD_JSON), store_id="A-001", terminal_id="T1")
    assert set(replica_content(db).values()) == {0}
    reopened = open_replica(db)
    assert reopened.get_meta("store_id") is None and reopened.get_meta("terminal_id") is None
    reopened.conn.close()
    monkeypatch.undo()
    content = good_init(db)
    # and the same failure over a working replica leaves the old content, not a mix
    monkeypatch.setattr(Replica, "set_meta", lambda self, k, v: (_ for _ in ()).throw(Boom("again")))
    with pytest.raises(Boom):
        init_replica(db, parse_catalog(GOOD_JSON), store_id="A-001", terminal_id="T1")
    assert replica_content(db) == content


@pytest.mark.parametrize("store_id", ["A-999", "", "a-001"])
def test_init_with_an_unknown_store_raises_setup_error(tmp_path, store_id):
    db = tmp_path / "replica.db"
    with pytest.raises(SetupError) as exc:
        init_replica(db, parse_catalog(GOOD_JSON), store_id=store_id, terminal_id="T1")
    assert repr(store_id) in str(exc.value) and "A-001" in str(exc.value)
    if db.exists():
        assert set(replica_content(db).values()) == {0}


@pytest.mark.parametrize("terminal_id", ["", "T" * 65])
def test_init_with_a_bad_terminal_id_raises_setup_error(tmp_path, terminal_id):
    with pytest.raises(SetupError):
        init_replica(tmp_path / "replica.db", parse_catalog(GOOD_JSON), store_id="A-001", terminal_id=terminal_id)
