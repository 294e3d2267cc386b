"""Members outside this store's slice, at the counter (issue 14, section 3; docs/sync.md "Store slices").

A store's terminals hold only the members of its slice (home members, members who bought there,
members looked up there). When a card is resolved and its member is not in the replica:

* **Online** (`lookup` given: `SyncClient.lookup_member`), and not inside a replica transaction: the
  server is asked (POST /v1/member-lookup by member id for a signed card, by the salted card hash
  for a card number), the member enters the store's slice and the pull that follows brings its
  rows: from then on it is an ordinary, cached member of this replica.
* **Offline**, a **signed** member card (QR, `terminal.domain.codes.SignedMember`: the signature by a
  trusted issuer key proves the member exists) is still recognised, with the **allowance for
  unknown members**: the sale is settled with a provisional member (lowest tier, no birth month, no
  points, no coupons of its own), so points are **earned** (at the base tier's rules; the server
  judges the event with the real member and its answer and pulled lots win), **no points are
  burnt** (no balance is known), and **member-bound coupons are refused** (a bearer coupon still
  works). The placeholder row (`name` "?") is replaced when the server, booking that sale, puts
  the member in this store's slice and the pull brings the real row. A typed card number of a member
  the replica does not hold cannot be trusted offline: it stays "unknown".

The server bounds each till's lookups (sync/server/member_lookup_bound.py: a miss counts too), so a
card or barcode the server said is nobody's is not asked about again for MISS_MEMORY_S, and after a
429 no lookup is made until its Retry-After (the offline rules apply meanwhile).
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any, Callable

from terminal.domain import codes
from terminal.domain.reasons import CodeError, Reason
from terminal.domain.models import CouponClaim, Member

log = logging.getLogger("terminal.unknown_member")

PLACEHOLDER_NAME = "?"
MISS_MEMORY_S = 600.0  # a card the server said is nobody's is not asked about again this long
MAX_MISSES = 1_000  # remembered misses (the oldest forgotten first)
ALLOWANCE = "earn only: no points burnt, no member-bound coupons (member not on this terminal yet)"


class UnknownMembers:
    """Resolve a card whose member is not in the replica (module docstring).

    `lookup(member_id=..., card_hash=...)` asks the server and pulls (raises on failure: offline,
    refused); None = never online (the offline allowance only)."""

    def __init__(self, replica, lookup: Callable[..., dict[str, Any]] | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.replica = replica
        self.lookup = lookup
        self.provisional: set[str] = set()
        self.monotonic = monotonic
        self._missed: dict[tuple, float] = {}  # (field, value) -> when the server said nobody has it (not asked again)
        self._held_until = 0.0  # the server's Retry-After of a refused lookup (this till's bound): no lookup before

    def _online(self, **what: str) -> Member | None:
        if self.lookup is None or self.replica.conn.in_transaction:
            return None  # inside a settlement's transaction the pull could not write: offline rules
        key, now = tuple(sorted(what.items())), self.monotonic()
        if now < self._held_until or now < self._missed.get(key, float("-inf")) + MISS_MEMORY_S:
            return None  # asked a moment ago (nobody), or this till is over its lookup bound: not asked again
        try:
            answer = self.lookup(**what)
        except Exception as exc:  # offline, refused, vault locked: the offline rules apply
            self._remember(key, exc, now)
            log.info("member lookup failed (%s): offline rules", type(exc).__name__)
            return None
        return self.replica.member(answer.get("member_id", "")) if isinstance(answer, dict) else None

    def _remember(self, key: tuple, exc: Exception, now: float) -> None:
        """A miss is remembered MISS_MEMORY_S, a 429 until its Retry-After (each costs the till's lookup bound)."""
        code, status = getattr(exc, "code", None), getattr(exc, "status", None)
        if status == 404 and code == "unknown_member":
            if len(self._missed) >= MAX_MISSES:
                self._missed.pop(next(iter(self._missed)))
            self._missed[key] = now
        elif status == 429:
            try:
                wait = float(json.loads(getattr(exc, "body", "") or "{}")["error"]["details"]["retry_after"])
            except (ValueError, KeyError, TypeError):
                wait = 60.0
            self._held_until = now + min(max(wait, 1.0), 86_400.0)

    def signed_card(self, parsed: codes.SignedMember) -> Member:
        """The member of a genuine signed card: looked up online, else provisional (the allowance)."""
        member = self._online(member_id=parsed.member_id)
        if member is not None and member.name != PLACEHOLDER_NAME:
            self.provisional.discard(member.id)
            return member
        tier = self.replica.conn.execute("SELECT id FROM tiers ORDER BY rank, id LIMIT 1").fetchone()
        if tier is None:
            raise CodeError(Reason.UNKNOWN, "Genuine member card, but this terminal has no catalog yet (sync needed).")
        self.provisional.add(parsed.member_id)
        return Member(parsed.member_id, PLACEHOLDER_NAME, tier[0], None, None, None, "active")

    def card_number(self, digits: str) -> Member | None:
        """A card number not in the replica: looked up online by its salted hash; None offline."""
        from terminal.domain.member_data import card_hash

        salt = self.replica.card_hash_salt()
        if salt is None:
            return None
        return self._online(card_hash=card_hash(salt, digits))

    def is_provisional(self, member: Member | None) -> bool:
        return member is not None and (member.id in self.provisional or member.name == PLACEHOLDER_NAME)

    def claims(self, member: Member | None, claims: list) -> list:
        """The claims allowed for `member`: for a provisional one, member-bound coupons are refused."""
        if not self.is_provisional(member):
            return claims
        from terminal.domain.checkout import RefusedClaim

        return [RefusedClaim(c.scanned, CodeError(Reason.MEMBER_REQUIRED, f"{c.template.name}: member-bound coupons of a "
                                                  "member not on this terminal yet cannot be used offline."))
                if isinstance(c, CouponClaim) and (c.template.member_bound or (c.owner is not None and c.owner.bound))
                else c for c in claims]

    def ensure_row(self, member: Member | None) -> None:
        """Before a settlement of a provisional member is written: its placeholder replica row (the
        ledgers reference it), replaced by the real row when the server's slice entry is pulled."""
        if self.is_provisional(member):
            self.replica.conn.execute(
                "INSERT INTO members(id, name, tier_id, status) VALUES (?, ?, ?, 'active') ON CONFLICT(id) DO NOTHING",
                (member.id, PLACEHOLDER_NAME, member.tier_id))
