"""Junk scanned codes and junk catalogs, through the real entry points: only the documented errors.

Codes (`RedemptionService.scan`, `preview`, `settle`, which call `terminal.domain.codes.parse`):
random text and bytes, control characters, full-width and look-alike characters, and
one-place changes of genuine codes (plain card/coupon numbers, signed member cards and
coupons, reference codes). Only `DomainError` may come out, with a precise reason and a
human message, and the replica is byte-for-byte unchanged (nothing is written on bad input).
tests/properties fuzzes `codes.parse` itself; this goes through the service and the replica.

Catalogs (`terminal.catalog.parse_catalog`, `init_replica`, `CentralStore.import_catalog`):
the test chain with one place replaced by junk or by a value from elsewhere in the file,
removed, or an extra key added; and the JSON text with bytes flipped, cut or inserted.
Either `CatalogError` naming each problem as "path: message", with nothing written to the
replica, or a catalog that really loads - into a terminal replica, into the central store,
and behind a `RedemptionService` that scans every card and coupon of it without crashing.

    .venv/bin/python -m pytest tests/reliability/test_fuzz_inputs.py            # a few hundred examples each
    .venv/bin/python -m pytest -m slow tests/reliability/test_fuzz_inputs.py    # thousands each
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.server.store import CentralStore
from terminal.provisioning.bootstrap import init_replica
from terminal.catalog import CatalogError, parse_catalog
from terminal.domain.reasons import DomainError
from terminal.usecases.checkout import CheckoutRequest, CouponRequest, LineRequest
from terminal.usecases.service import RedemptionService
from tests.conftest import BASE_CATALOG, FixedClock, card, signed_coupon, signed_member
from tests.reliability.sim.junk import mutated

NORMAL = dict(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
AT = datetime(2026, 11, 20, 4, 0, tzinfo=timezone.utc)
GOOD_CODES = [card("290000000001"), card("980000000001"), card("980000000002"), card("471000000001"), "C-CAP-1", "BND-1",
              signed_member("M1"), signed_coupon("NEW-1", "T-SIGNED"), signed_coupon("NEW-2", "T-SIGNED", member="M1", uses=3),
              signed_coupon("C-LATTE-1", "T-FREELATTE", member="M1")]


def assert_human(message: str) -> None:
    """A sentence for a cashier (as tests/badinput, but a template name may start with a digit: "10 coffees ...")."""
    assert isinstance(message, str) and 10 <= len(message) <= 300, message
    assert message.isprintable() and (message[0].isupper() or message[0].isdigit()), message
    assert message.rstrip()[-1] in ".!?)", message
    for bad in ("Traceback", "Error(", "Exception", "b'", "\\x"):
        assert bad not in message, message


def dump(conn: sqlite3.Connection) -> list[str]:
    return list(conn.iterdump())


# ---- codes ---------------------------------------------------------------------------------------

@st.composite
def changed_code(draw):
    code = draw(st.sampled_from(GOOD_CODES))
    op = draw(st.sampled_from(["replace", "insert", "delete", "swap", "case", "truncate", "repeat"]))
    if not code:
        return code
    i = draw(st.integers(0, len(code) - 1))
    ch = draw(st.characters() | st.sampled_from(list("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=-_. ０１Ｌ\x00\t")))
    if op == "replace":
        return code[:i] + ch + code[i + 1:]
    if op == "insert":
        return code[:i] + ch + code[i:]
    if op == "delete":
        return code[:i] + code[i + 1:]
    if op == "swap" and i + 1 < len(code):
        return code[:i] + code[i + 1] + code[i] + code[i + 2:]
    if op == "case":
        return code.swapcase()
    if op == "truncate":
        return code[:i]
    return code * draw(st.integers(2, 40))


junk_codes = (st.text(max_size=80) | st.binary(max_size=80).map(lambda b: b.decode("latin-1")) | changed_code()
              | st.text(alphabet="0123456789", min_size=1, max_size=25) | st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", max_size=200).map(lambda s: "LT1C" + s)
              | st.sampled_from(["\u200b" + card("290000000001"), card("290000000001") + "\u0301", "ＬＴ１Ｍ" + signed_member("M1")[4:],
                                 "\ud800", "LT1M" + "A" * 5000, "0" * 600]))


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz-codes") / "replica.db"
    replica = init_replica(path, parse_catalog(json.dumps(BASE_CATALOG)), store_id="A-001", terminal_id="T1")
    yield RedemptionService(replica, store_id="A-001", terminal_id="T1", clock=FixedClock(AT))
    replica.conn.close()


def check_code(svc, code: str, n: int) -> None:
    conn = svc.replica.conn
    before, changes = dump(conn), conn.total_changes
    try:
        r = svc.scan(code)
        assert r.kind in ("member", "coupon", "product")
    except DomainError as err:
        assert err.reason.value, err
        assert_human(err.message)
    req = CheckoutRequest(f"fz-{n}", (LineRequest(amount=600, name="Amount"),), coupons=(CouponRequest(code),))
    p = svc.preview(req)
    v = p.coupon_verdicts[0]
    assert v.ok or (v.reason is not None and v.message)
    if not v.ok:
        assert_human(v.message)
        with pytest.raises(DomainError):
            svc.settle(req, cashier_id="C01")
    try:
        svc.preview(CheckoutRequest(f"fz-m-{n}", (LineRequest("LATTE"),), member_code=code))
    except DomainError as err:
        assert_human(err.message)
    if not v.ok:
        assert conn.total_changes == changes and dump(conn) == before, f"bad code {code!r} wrote something"


COUNTER = iter(range(10**9))


@settings(max_examples=400, **NORMAL)
@given(code=junk_codes)
def test_junk_codes_give_a_reason_and_write_nothing(svc, code):
    check_code(svc, code, next(COUNTER))


@pytest.mark.slow
@settings(max_examples=8000, deadline=None, suppress_health_check=list(HealthCheck))
@given(code=junk_codes)
def test_junk_codes_give_a_reason_and_write_nothing_long(svc, code):
    check_code(svc, code, next(COUNTER))


# ---- catalogs ------------------------------------------------------------------------------------

@st.composite
def byte_damage(draw):
    text = json.dumps(BASE_CATALOG, ensure_ascii=draw(st.booleans())).encode()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["flip", "cut", "insert"]))
        if op == "flip" and i < len(text):
            text = text[:i] + bytes([text[i] ^ (1 << draw(st.integers(0, 7)))]) + text[i + 1:]
        elif op == "cut":
            text = text[:i] + text[i + draw(st.integers(1, 50)):]
        else:
            text = text[:i] + draw(st.binary(min_size=1, max_size=8)) + text[i:]
    return text


@st.composite
def mutated_catalogs(draw):
    cat = BASE_CATALOG
    for _ in range(draw(st.integers(1, 2))):
        cat = draw(mutated(cat))
    return json.dumps(cat, allow_nan=True).encode()


catalog_texts = mutated_catalogs() | mutated_catalogs() | byte_damage()


def check_catalog(text: bytes) -> None:
    try:
        cat = parse_catalog(text)
    except CatalogError as err:
        assert err.problems and all(isinstance(p, str) and ": " in p for p in err.problems), err.problems
        for p in err.problems:
            where, msg = p.split(": ", 1)
            assert where and msg.strip(), p
            assert "Traceback" not in p
        with tempfile.TemporaryDirectory() as d:
            f = Path(d) / "catalog.json"
            f.write_bytes(text)
            with pytest.raises(CatalogError):
                init_replica(Path(d) / "replica.db", f, store_id="A-001", terminal_id="T1")
            db = Path(d) / "replica.db"
            if db.exists():
                conn = sqlite3.connect(db)
                tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
                for t in ("members", "coupon_instances", "stores", "meta"):
                    if t in tables:
                        assert conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] == 0, t
                conn.close()
        return
    # accepted: it must really load, everywhere, and be usable at the counter
    with tempfile.TemporaryDirectory() as d:
        store = CentralStore(Path(d) / "central.db")
        try:
            store.import_catalog(cat)
        finally:
            store.close()
        stores = [s.id for s in cat.stores]
        replica = init_replica(Path(d) / "replica.db", cat, store_id=stores[0], terminal_id="T1")
        try:
            svc = RedemptionService(replica, store_id=stores[0], terminal_id="T1", clock=FixedClock(AT))
            codes = [m.card_number for m in cat.members if m.card_number] + [c.number or c.code for c in cat.coupons]
            for i, code in enumerate(codes):
                try:
                    svc.scan(code)
                except DomainError as err:
                    assert_human(err.message)
                try:
                    svc.preview(CheckoutRequest(f"c{i}", (LineRequest(amount=600, name="Amount"),), coupons=(CouponRequest(code),)))
                except DomainError as err:
                    assert_human(err.message)
        finally:
            replica.conn.close()


@settings(max_examples=250, **NORMAL)
@given(text=catalog_texts)
def test_junk_catalogs_are_refused_with_every_problem_named_or_load_for_real(text):
    check_catalog(text)


@pytest.mark.slow
@settings(max_examples=4000, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=catalog_texts)
def test_junk_catalogs_are_refused_with_every_problem_named_or_load_for_real_long(text):
    check_catalog(text)
