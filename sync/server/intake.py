"""Idempotent intake of pushed events: one transaction per event, answers stored forever.

The event id is stored with its payload hash and the answer (table `events`): the same id and
hash gets the same answer back (`duplicate`), the same id with another hash is rejected
(`event_id_reused`). A new event id reusing this terminal's `terminal_seq`, or a settlement's
checkout id, is the same sale: a duplicate when identical, else rejected. Otherwise: fetch the facts the event names (`sync.server.facts`), judge
them (`sync.server.judge`, pure), write the verdict (`sync.server.ledgers`), record the
conflicts and the answer, all in the event's transaction. A `Reject` writes nothing but the
event (status `rejected`) and its `rejected_event` conflict.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from terminal.domain.events import canonical_json, payload_sha256

from sync.server import facts as fetch
from sync.server.errors import Reject
from sync.server.judge import judge_resolution, judge_settlement, judge_void
from sync.server.ledgers import write_ops
from sync.server.limits import is_busy

log = logging.getLogger("sync.server")

MAX_PAYLOAD_CHARS = 256 * 1024  # canonical JSON of one event's payload (a 200-line basket is ~40 KiB)
MAX_NESTING = 32  # levels of lists/objects in a payload


def nesting(v: Any) -> int:
    """Depth of nested lists/objects, counted without recursion (so any depth is safe to measure)."""
    depth, stack = 0, [(v, 1)]
    while stack:
        x, d = stack.pop()
        if isinstance(x, dict):
            x = list(x.values())
        if isinstance(x, list):
            depth = max(depth, d)
            if d <= MAX_NESTING:
                stack.extend((y, d + 1) for y in x)
    return depth

JUDGES = {"settlement": (fetch.settlement_facts, judge_settlement), "void": (fetch.void_facts, judge_void),
          "conflict_resolution": (fetch.resolution_facts, judge_resolution)}


class IntakeMixin:
    """`push` and `apply_event` of CentralStore (needs `write`, `conn`, `clock`, `head`, `cursor`)."""

    def push(self, device: dict, events: list[dict]) -> dict[str, Any]:
        """Apply events in order; stop at the first server failure (answered as `error`)."""
        results: list[dict] = []
        acked: int | None = None
        error = None
        for env in events:
            try:
                res = self.apply_event(device, env)
            except Exception as exc:  # a server bug: stop here; the terminal retries the rest
                if is_busy(exc):
                    # another process held the write lock beyond the busy timeout: the event is fine, nothing of it
                    # was applied; a transient answer the terminal retries without counting an attempt
                    error = {"code": "database_busy", "message": f"The central database was busy at event "
                             f"{env.get('event_id')}; nothing of it was applied, retry later.",
                             "details": {"event_id": env.get("event_id")}}
                    break
                log.exception("applying event %s failed", env.get("event_id"))
                error = {"code": "internal_error", "message": f"The server could not apply event {env.get('event_id')}: "
                         f"{type(exc).__name__}", "details": {"event_id": env.get("event_id")}}
                break
            results.append(res)
            acked = env["terminal_seq"]
        return {"results": results, "acked_through_seq": acked, "server_cursor": self.cursor(), "error": error}

    def apply_event(self, device: dict, env: dict) -> dict[str, Any]:
        """Apply one event in its own transaction; return its answer (EventResult as a dict)."""
        eid = env["event_id"]
        with self.write():
            r = self.conn.execute("SELECT payload_sha256, result FROM events WHERE event_id = ?", (eid,)).fetchone()
            if r is not None:
                return self._repeat(env, r[0], json.loads(r[1]))
            if nesting(env["payload"]) > MAX_NESTING:  # not stored: no honest payload is nested more than 4 deep
                return self._answer(env, "rejected", error={
                    "code": "invalid_payload", "message": f"The payload is nested more than {MAX_NESTING} levels deep.",
                    "details": {"limit": MAX_NESTING}})
            try:
                text = canonical_json(env["payload"])
            except (ValueError, RecursionError):  # NaN/Infinity are not JSON; nesting beyond Python's stack
                return self._answer(env, "rejected", error={"code": "invalid_payload", "message": "The payload is not canonical JSON.",
                                                            "details": {}})
            if len(text) > MAX_PAYLOAD_CHARS:  # not stored: a 60 MiB event was kept forever
                return self._answer(env, "rejected", error={
                    "code": "payload_too_large", "message": f"The payload has {len(text):,} characters, at most "
                    f"{MAX_PAYLOAD_CHARS:,}; not applied.", "details": {"limit": MAX_PAYLOAD_CHARS}})
            computed = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if computed != env["payload_sha256"]:
                # not stored: a corrupted copy must not claim the id forever
                return self._answer(env, "rejected", error={
                    "code": "payload_hash_mismatch", "message": "The payload does not match its sha256; not applied.",
                    "details": {"computed": computed}})
            same = self._same_sale(env, computed)
            if same is not None:
                return same  # the same sale under a new event id: answered as a duplicate, applied once
            answer = self._judge_and_write(env)
            self._store_event(device, env, answer)
            return answer

    def _same_sale(self, env: dict, sha: str) -> dict[str, Any] | None:
        """A new event id with a `terminal_seq` (or a settlement's checkout id) this terminal
        already used. Same payload: the first answer, as a duplicate (nothing stored, nothing
        applied). Other content: None here; `_replay` rejects it when judged."""
        r = self.conn.execute("SELECT payload_sha256, result FROM events WHERE store_id = ? AND terminal_id = ? AND terminal_seq = ? "
                              "ORDER BY rowid LIMIT 1", (env["store_id"], env["terminal_id"], env["terminal_seq"])).fetchone()
        if r is not None and r[0] == sha:
            first = json.loads(r[1])
            return {**first, "event_id": env["event_id"], "status": "duplicate", "original_status": first["status"]}
        return None

    def _replay(self, env: dict) -> None:
        """Reject a new event that reuses this terminal's `terminal_seq`, or a settlement's
        checkout id, with other content: one sale is applied once, whatever its event id."""
        r = self.conn.execute("SELECT event_id FROM events WHERE store_id = ? AND terminal_id = ? AND terminal_seq = ? LIMIT 1",
                              (env["store_id"], env["terminal_id"], env["terminal_seq"])).fetchone()
        if r is not None:
            raise Reject("terminal_seq_reused", f"Terminal {env['terminal_id']} already sent event {r[0]} as number "
                         f"{env['terminal_seq']}; this one differs and is not applied.", first_event_id=r[0])
        p = env["payload"]
        if env["type"] == "settlement" and isinstance(p, dict) and isinstance(p.get("checkout_id"), str):
            r = self.conn.execute(
                """SELECT event_id FROM events WHERE store_id = ? AND terminal_id = ? AND type = 'settlement'
                   AND json_extract(payload, '$.checkout_id') = ? LIMIT 1""",
                (env["store_id"], env["terminal_id"], p["checkout_id"])).fetchone()
            if r is not None:
                raise Reject("checkout_replayed", f"Checkout {p['checkout_id'][:64]} of terminal {env['terminal_id']} was already "
                             f"settled as event {r[0]}; a second settlement of it is not applied.", first_event_id=r[0])

    def _repeat(self, env: dict, stored_sha: str, first: dict) -> dict[str, Any]:
        try:
            same = stored_sha == env["payload_sha256"] and payload_sha256(env["payload"]) == stored_sha
        except (ValueError, RecursionError):
            same = False
        if same:
            return {**first, "status": "duplicate", "original_status": first["status"]}
        return self._answer(env, "rejected", error={
            "code": "event_id_reused", "message": f"Event {env['event_id']} was already received with a different payload; "
            "the first version stands.", "details": {"stored_sha256": stored_sha, "sent_sha256": env["payload_sha256"]}})

    def _judge_and_write(self, env: dict) -> dict[str, Any]:
        """Fetch, decide (pure), write; the answer to store."""
        fetcher, judge = JUDGES.get(env["type"], JUDGES["void"])
        try:
            self._replay(env)
            verdict = judge(env, fetcher(self, env))
        except Reject as rej:
            err = {"code": rej.code, "message": rej.message, "details": rej.details}
            conflicts = [{"kind": "rejected_event", "decision": "not_applied", "message": rej.message,
                          "details": {"code": rej.code, **rej.details}}]
            self._record_conflicts(env, conflicts)
            return self._answer(env, "rejected", error=err, conflicts=conflicts)
        write_ops(self, verdict.ops)
        self._record_conflicts(env, verdict.conflicts)
        return self._answer(env, "accepted_with_conflict" if verdict.conflicts else "accepted", conflicts=verdict.conflicts)

    def _store_event(self, device: dict, env: dict, answer: dict) -> None:
        self.conn.execute(
            """INSERT INTO events(event_id, device_id, store_id, terminal_id, terminal_seq, type, schema_version, payload,
                   payload_sha256, occurred_at, based_on_cursor, app_version, status, result, visible_seq, received_at)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (env["event_id"], device["device_id"], env["store_id"], env["terminal_id"], env["terminal_seq"], env["type"],
             env["schema_version"], json.dumps(env["payload"], ensure_ascii=False), env["payload_sha256"], str(env["occurred_at"]),
             env.get("based_on_cursor"), env["app_version"], answer["status"], json.dumps(answer, ensure_ascii=False),
             answer["visible_seq"], self.clock().isoformat()))

    def _answer(self, env: dict, status: str, *, error: dict | None = None, conflicts: list[dict] | None = None) -> dict:
        return {"event_id": env["event_id"], "terminal_seq": env["terminal_seq"], "status": status,
                "conflicts": [{k: c[k] for k in ("kind", "decision", "message", "details")} for c in (conflicts or [])],
                "error": error, "visible_seq": getattr(self, "_seq", 0) if self.conn.in_transaction else self.head(),
                "original_status": None}

    def _record_conflicts(self, env: dict, conflicts: list[dict]) -> None:
        p = env["payload"]
        now = self.clock().isoformat()
        for c in conflicts:
            other = c.get("other") or {}
            self.conn.execute(
                """INSERT INTO conflicts(kind, decision, message, event_id, store_id, terminal_id, checkout_id, subject, amount,
                       other_event_id, other_store_id, other_terminal_id, other_checkout_id, details, created_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (c["kind"], c["decision"], c["message"], env["event_id"], env["store_id"], env["terminal_id"],
                 p.get("checkout_id") if isinstance(p.get("checkout_id"), str) else None,
                 c.get("subject"), c.get("amount"), other.get("event_id"), other.get("store_id"), other.get("terminal_id"),
                 other.get("checkout_id"), json.dumps(c.get("details", {}), ensure_ascii=False), now))
