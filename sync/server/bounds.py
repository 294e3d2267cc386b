"""What a terminal claims about what it knew and when: bounded by what the server can check (pure).

A settlement carries two claims the server cannot verify directly:

* `based_on_cursor`, the replica state the cashier saw. It decides whether a central void,
  revocation, member block or a coupon's used-up state was known at the counter (then a use
  is a claim no honest counter makes) or not (an honest offline difference, posted);
* `occurred_at`, the terminal's clock. Coupon windows, per-member limits, lot expiry and earn
  rules are judged at a time derived from it.

Each is bounded by what the server does know: its feed head, its clock, and what this terminal
claimed in its earlier settlements (table `terminal_claims`, one row per store and terminal,
written by every judged settlement as the op `TerminalClaims`). Rules (docs/sync.md, "What a
terminal can claim about being offline"):

* **Cursor.** Of the server's epoch and at most its head (one beyond it is quarantined,
  `cursor_ahead`, and judged as the head). Missing, malformed or of another epoch: the lowest
  possible, knowing nothing. Never below what this terminal claimed earlier in this epoch (a
  replica's cursor only moves forward; a lower one is judged at that floor, without a conflict:
  a replica pulling everything again after a new card salt or vault secret shows a lower
  cursor while it still holds every row it had).
* **Unsynced window.** This terminal's settlements booked after the state the event knew
  (`visible_seq` above `window_seq`) are the ones its replica did not reflect: their uses
  count against the offline allowance together with the event's own (`sync.server.judge`).
  The window starts at the first settlement the server judges for the terminal in an epoch
  (before it: none counted, `window_seq` None).
* **Time.** Coupon windows, limits and points at `occurred_at`, but not earlier than this
  terminal's latest earlier claim minus `CLOCK_SKEW` and not later than the server's now;
  earn rules at `occurred_at`, not later than the server's now plus `CLOCK_SKEW`. Silent: a
  figure that changes because of it is quarantined with the server's figure as usual, and
  such conflicts carry `claimed_at` and `judged_at`.

No database, no clock: the previous claims, the head and `now` are arguments. Times are aware
datetimes; change sequences are integers of the server's feed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sync.protocol import make_cursor, split_cursor
from sync.server.rules import quarantine

# How far a terminal's clock may run ahead of the server's, and back between two of its own
# settlements, before the server stops taking its time as claimed (a PC synchronised by NTP
# or Windows time keeps well within it).
CLOCK_SKEW = timedelta(minutes=15)
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)  # = sync.server.judge.EARLIEST_AT: no claimed time is earlier


@dataclass(frozen=True, slots=True)
class TerminalClaims:
    """The row of `terminal_claims` after a settlement (written by `sync.server.ledgers`).

    `epoch`: the server's epoch when written; `known_seq`: the highest change sequence the
    terminal was judged to know in it; `window_seq`: its settlements with a `visible_seq` above
    it are its unsynced ones; `occurred_at`: the latest time its settlements claimed (ISO 8601,
    at most the server's now + CLOCK_SKEW); `terminal_seq`: of the settlement that wrote it."""

    store_id: str
    terminal_id: str
    epoch: str
    known_seq: int
    window_seq: int
    occurred_at: str
    terminal_seq: int


@dataclass
class Bounded:
    """How one settlement is judged. `window_seq` None: no earlier settlement of the terminal in
    this epoch, so only the event's own uses are unsynced. `occurred`: coupons, limits, points;
    `earn_at`: earn rules; `claimed_at`: what the terminal said."""

    known_seq: int
    window_seq: int | None
    occurred: datetime
    earn_at: datetime
    claimed_at: datetime
    claims: TerminalClaims
    conflicts: list[dict] = field(default_factory=list)
    floored: bool = False  # the claimed time was earlier than this terminal's latest earlier claim minus CLOCK_SKEW

    @property
    def time_bounded(self) -> bool:
        """Was the terminal's time not taken as claimed (floored, or earn rules capped at now + CLOCK_SKEW)?"""
        return self.floored or self.earn_at != self.claimed_at


def known_seq(env: dict, previous: dict | None, *, epoch: str, head: int | None) -> int:
    """The change sequence a settlement is judged to know (the cursor rules above, without their
    conflict): what `bound_settlement` gives as `known_seq`, for the fetch step to read by."""
    cursor = env.get("based_on_cursor")
    c_epoch, c_seq = split_cursor(cursor if isinstance(cursor, str) else None)
    known = c_seq if c_epoch == epoch and c_seq > 0 else 0
    if head is not None:
        known = min(known, head)
    if previous is not None and previous.get("epoch") == epoch:
        known = max(known, previous["known_seq"])
    return known


def bound_settlement(env: dict, claimed_at: datetime, previous: dict | None, *, epoch: str, head: int | None,
                     now: datetime) -> Bounded:
    """The knowledge, unsynced window and times a settlement envelope is judged with.

    `previous`: this terminal's `terminal_claims` row ({"epoch", "known_seq", "window_seq",
    "occurred_at"}) or None; `head`: the feed's newest change sequence (None: not checked).
    Raises nothing: a cursor beyond the head is a `quarantined` conflict in `conflicts`."""
    conflicts: list[dict] = []
    cursor = env.get("based_on_cursor")
    c_epoch, c_seq = split_cursor(cursor if isinstance(cursor, str) else None)
    known = c_seq if c_epoch == epoch and c_seq > 0 else 0
    if head is not None and known > head:
        conflicts.append(quarantine("cursor_ahead", f"based_on_cursor {str(cursor)[:64]} is beyond the newest state the server "
                                    f"has ({make_cursor(epoch, head)}): no replica can have seen it; judged as knowing that "
                                    "state.", subject=env.get("terminal_id"), claimed=str(cursor)[:64],
                                    server=make_cursor(epoch, head), booked="server_figure"))
        known = head
    same_epoch = previous is not None and previous.get("epoch") == epoch
    if same_epoch and known < previous["known_seq"]:
        known = previous["known_seq"]  # never less than it already claimed to know
    window = max(known, previous["window_seq"]) if same_epoch else None

    before = datetime.fromisoformat(previous["occurred_at"]) if previous is not None else None
    if before is not None and before < EARLIEST:  # a row written before claimed times were bounded (year 1 overflowed)
        before = EARLIEST
    at = claimed_at
    if before is not None and at < before - CLOCK_SKEW:
        at = before - CLOCK_SKEW
    occurred = min(at, now)
    earn_at = min(claimed_at, now + CLOCK_SKEW)
    latest = max(before, earn_at) if before is not None else earn_at
    claims = TerminalClaims(env["store_id"], env["terminal_id"], epoch, known, window if window is not None else (head or 0),
                            latest.isoformat(), env["terminal_seq"])
    return Bounded(known, window, occurred, earn_at, claimed_at, claims, conflicts, floored=at != claimed_at)
