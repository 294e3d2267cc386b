"""Write a verdict: the ops of `sync.server.judge` in order, on the writer connection, inside the
event's (or admin command's) transaction. No decisions here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from sync.server.bounds import TerminalClaims
from sync.server.judge import ClaimEntry, CouponEntry, Op, PointEntry, PromotionEntry, Put, Resolution
from sync.server.value_judge import ValueEntry

if TYPE_CHECKING:
    from sync.server.store import CentralStore


def write_ops(store: CentralStore, ops: Iterable[Op]) -> None:
    """Apply each op: entity upserts get the next change sequence, ledger rows are appended."""
    conn = store.conn
    for op in ops:
        if isinstance(op, Put):
            store.put(op.kind, op.key, op.body, op.member_id)
        elif isinstance(op, CouponEntry):
            conn.execute(
                """INSERT INTO coupon_ledger(event_id, code, uses, discount, kind, store_id, terminal_id, checkout_id, at,
                       member_id, template_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
                (op.event_id, op.code, op.uses, op.discount, op.kind, op.store_id, op.terminal_id, op.checkout_id, op.at,
                 op.member_id, op.template_id))
        elif isinstance(op, PromotionEntry):
            conn.execute(
                """INSERT INTO promotion_ledger(event_id, promotion_id, discount, units, kind, store_id, terminal_id, checkout_id,
                       at, member_id) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                (op.event_id, op.promotion_id, op.discount, op.units, op.kind, op.store_id, op.terminal_id, op.checkout_id,
                 op.at, op.member_id))
        elif isinstance(op, PointEntry):
            conn.execute(
                """INSERT INTO point_ledger(event_id, member_id, lot_id, point_type, delta, kind, store_id, terminal_id,
                       checkout_id, at, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
                (op.event_id, op.member_id, op.lot_id, op.point_type, op.delta, op.kind, op.store_id, op.terminal_id,
                 op.checkout_id, op.at, op.note))
        elif isinstance(op, ValueEntry):
            conn.execute(
                """INSERT INTO value_ledger(event_id, account_id, program_id, amount, kind, store_id, terminal_id, checkout_id,
                       topup_id, at, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
                (op.event_id, op.account_id, op.program_id, op.amount, op.kind, op.store_id, op.terminal_id, op.checkout_id,
                 op.topup_id, op.at, op.note))
        elif isinstance(op, Resolution):
            conn.execute(
                """INSERT INTO conflict_resolutions(conflict_id, event_id, resolution, reason, manager_id, store_id, member_id,
                       amount, at) VALUES (?,?,?,?,?,?,?,?,?)""",
                (op.conflict_id, op.event_id, op.resolution, op.reason, op.manager_id, op.store_id, op.member_id, op.amount,
                 op.at))
            conn.execute("UPDATE conflicts SET resolved_at = ? WHERE id = ?", (op.at, op.conflict_id))
        elif isinstance(op, TerminalClaims):  # one row per store and terminal: what its next settlement is bounded by
            conn.execute(
                """INSERT INTO terminal_claims(store_id, terminal_id, epoch, known_seq, window_seq, occurred_at, terminal_seq)
                   VALUES (?,?,?,?,?,?,?) ON CONFLICT(store_id, terminal_id) DO UPDATE SET epoch = excluded.epoch,
                   known_seq = excluded.known_seq, window_seq = excluded.window_seq, occurred_at = excluded.occurred_at,
                   terminal_seq = excluded.terminal_seq""",
                (op.store_id, op.terminal_id, op.epoch, op.known_seq, op.window_seq, op.occurred_at, op.terminal_seq))
        elif isinstance(op, ClaimEntry):  # issue 15: a booked giveaway claim or its void, then the tallies terminals pull
            conn.execute(
                """INSERT INTO giveaway_claims(event_id, campaign_id, member_id, store_id, terminal_id, points, count,
                       claim_event_id, at) VALUES (?,?,?,?,?,?,?,?,?)""",
                (op.event_id, op.campaign_id, op.member_id, op.store_id, op.terminal_id, op.points, op.count, op.claim_event_id,
                 op.at))
            from sync.server.member_value_facts import put_tallies

            put_tallies(store, op.campaign_id, op.member_id)
        else:  # pragma: no cover - a new op type without a writer is a bug
            raise TypeError(f"no writer for {type(op).__name__}")
