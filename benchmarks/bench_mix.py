"""Issue 15 figures for the engine benchmark (`bench_engine --mix`): preview and settle with stored
value, a points exchange and a partial return in the mix, on the same large replica.

Before timing (not timed): a wallet program and a gift-card program, a wallet per sampled member
and one gift card per sale (bearer, by account id), and an exchange offer ("100 bonus points for a
free latte") are loaded into the replica with the terminal's own catalog import
(`value_store.import_catalog`, `member_value.import_value_catalog`). Then, round by round (so each
kind of call runs among the others, as at a counter):

* preview of the engine basket (4 lines, 3 coupons, 5 earn rules, 40 points) with the value
  tenders resolved as the counter shows them (`stored_value.tender_plan`: wallet + gift card);
* settle of the same basket paid 100 by the member's wallet, 50 by a gift card, the rest cash;
* a points exchange by another member (100 bonus points for a voucher, issued at once);
* a partial return of one croissant of the sale just settled, with the manager's PIN (scrypt
  log_n=10 as in the bench catalog): the refund and the value given back in proportion.

The caller puts the rows beside the plain rows and prints each p50/p99 as a ratio to the plain
cash settle of the same run (`ratios`).
"""

from __future__ import annotations

import json
import random
import uuid
from typing import Any, Callable

from benchmarks.replica_gen import numbered
from terminal.catalog import parse_catalog
from terminal.domain.models import Member
from terminal.storage import member_value as mv
from terminal.storage import value_store
from terminal.storage.db import transaction
from terminal.usecases.checkout import CheckoutRequest
from terminal.usecases.returns import ReturnRequest
from terminal.usecases.stored_value import ValueTender, tender_plan

WALLET_PAID, GIFT_PAID = 100, 50
OFFER = {"id": "X-BENCH", "name": "Free latte for 100 points", "point_type": "bonus", "points": 100, "template": "T-FREELATTE",
         "voucher_valid_days": 30}


def load_value_objects(replica, bench_catalog: dict, layout, members: list[int], gift_cards: int) -> None:
    """Programs, accounts and the exchange offer, through the terminal's own catalog import (one transaction)."""
    cat = dict(bench_catalog)
    cat["value_programs"] = [
        {"id": "WALLET", "name": "Stored value", "kind": "wallet", "currency": cat.get("currency", "TWD")},
        {"id": "GIFT", "name": "Gift card", "kind": "gift_card", "currency": cat.get("currency", "TWD"), "topup": False}]
    cat["value_accounts"] = ([{"id": f"W{i}", "program": "WALLET", "member": layout.member_id(i), "balance": 100_000} for i in members]
                             + [{"id": f"G{k}", "program": "GIFT", "number": numbered(77, k), "balance": 5_000} for k in range(gift_cards)])
    # the wallets' owners, for the catalog's reference check only (value_store.import_catalog writes no member row)
    cat["members"] = list(cat.get("members", [])) + [{"id": layout.member_id(i), "name": "-", "tier": "normal"} for i in members]
    cat["exchange_offers"] = [OFFER]
    parsed = parse_catalog(json.dumps(cat))
    from terminal.storage.replica_secret import ReplicaSecrets

    conn = replica.conn
    with transaction(replica.db):
        value_store.import_catalog(conn, parsed, ReplicaSecrets(replica).get(), replica.card_hash_salt())
        conn.execute("DELETE FROM exchange_offers")
        conn.execute("DELETE FROM giveaway_campaigns")
        mv.import_value_catalog(conn, parsed)


def run_mix(svc, layout, *, sellers: list[int], exchangers: list[int], request: Callable[..., CheckoutRequest], coupons: list[tuple[int, int]],
            warm: int, timer, manager: tuple[str, str], cashier: str, at) -> dict[str, tuple[list[int], list[int], list[bool]]]:
    """The rounds (module docstring); {kind: (wall ns, CPU ns, preempted)} of the rounds after `warm`."""
    run_id = uuid.uuid4().hex[:8]
    kinds = ("preview", "settle", "exchange", "return")
    out: dict[str, tuple[list[int], list[int], list[bool]]] = {k: ([], [], []) for k in kinds}
    for k, (i, (p, o)) in enumerate(zip(sellers, coupons)):
        cid = f"mix-{run_id}-{k}"
        tenders = (ValueTender(WALLET_PAID, f"W{i}"), ValueTender(GIFT_PAID, numbered(77, k)))
        q = request(cid, i, p, o)
        q = CheckoutRequest(**{**q.__dict__, "value_tenders": tenders})

        def preview(q=q, i=i) -> Any:
            pv = svc.preview(q, at=at)
            plan = tender_plan(svc, member=Member(layout.member_id(i), "", ""), tenders=q.value_tenders, total=pv.total, at=at)
            if pv.refusals or plan.value_paid != WALLET_PAID + GIFT_PAID:
                raise AssertionError(f"preview: {pv.refusals} {plan}")
            return pv

        def settle(q=q) -> Any:
            rc = svc.settle(q, cashier_id=cashier, at=at)
            if rc["replayed"] or rc["value_paid"] != WALLET_PAID + GIFT_PAID:
                raise AssertionError(f"settle: {rc}")
            return rc

        def exchange(k=k) -> Any:
            return svc.exchange(OFFER["id"], member_id=layout.member_id(exchangers[k]), cashier_id=cashier,
                                exchange_id=f"mix-x-{run_id}-{k}", at=at)

        def give_back(cid=cid) -> Any:
            r = svc.return_items(ReturnRequest(f"{cid}-r", cid, ((2, 1),), "bench"), manager_id=manager[0], pin=manager[1], at=at)
            if not any(t.get("account_id") for t in r["tenders"]):
                raise AssertionError(f"return: no value given back: {r}")
            return r

        for kind, call in zip(kinds, (preview, settle, exchange, give_back)):
            wall, cpu, pre = timer(kind, call)
            if k >= warm:
                out[kind][0].append(wall)
                out[kind][1].append(cpu)
                out[kind][2].append(pre)
    return out


def pick_members(rng: random.Random, n: int, pool: int, used: set[int]) -> list[int]:
    out: list[int] = []
    while len(out) < n:
        x = rng.randrange(pool)
        if x not in used:
            used.add(x)
            out.append(x)
    return out
