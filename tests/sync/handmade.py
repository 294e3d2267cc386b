"""A device that pushes hand-made payloads to the real server under its own credential (as an
attacker with a store PC's credential, or a buggy terminal, would)."""

from __future__ import annotations

import time
import uuid

import httpx

from terminal.domain.events import payload_sha256

from tests.sync.conftest import enrol_device

AT = "2026-11-20T04:00:00+00:00"  # 12:00 in Taipei, the day of tests/sync/conftest.AT


class HandDevice:
    def __init__(self, server, store_id: str, terminal_id: str) -> None:
        self.server, self.store_id, self.terminal_id = server, store_id, terminal_id
        enrolled = enrol_device(server.url, server.store.create_enrol_token(store_id), terminal_id)
        self.headers = {"Authorization": f"Bearer {enrolled['credential']}"}
        self.seq = 0
        self.n = 0

    def settlement(self, *, member: str | None = "M1", amount: int = 600, net: int | None = None, lines=None, coupons=(),
                   burns=(), earns=(), **extra) -> dict:
        """A settlement payload; one amount line unless `lines` is given."""
        self.n += 1
        p = {"checkout_id": f"hand-{self.terminal_id}-{self.n}", "store_id": self.store_id, "terminal_id": self.terminal_id,
             "cashier_id": "C01", "member_id": member, "occurred_at": AT, "payment_method": "cash",
             "lines": lines if lines is not None else [{"line_id": 1, "sku": None, "name": "Amount", "unit_price": amount,
                                                       "quantity": 1, "net": amount if net is None else net,
                                                       "points_price": None}],
             "gross": amount, "coupon_discount": sum(c.get("discount", 0) for c in coupons), "points_discount": 0,
             "total": amount if net is None else net, "coupons": list(coupons), "burns": list(burns), "earns": list(earns)}
        p.update(extra)
        return p

    def void(self, sale: dict, answer: dict, *, manager_id: str = "MGR1", reason: str = "x", **claims) -> dict:
        """A void payload of `sale` (pushed, its `answer` names the event), plus any extra `claims`."""
        return {"checkout_id": sale["checkout_id"], "voids_event_id": answer["event_id"], "store_id": self.store_id,
                "terminal_id": self.terminal_id, "manager_id": manager_id, "reason": reason,
                "occurred_at": sale["occurred_at"], **claims}

    def push(self, payload: dict, *, type_: str = "settlement", cursor: str | None = "now", seq: int | None = None) -> dict:
        """Push one event (a new event id; `seq` reuses a terminal_seq); `cursor="now"` claims the
        server's current state as seen. Returns its answer."""
        if seq is None:
            self.seq += 1
            seq = self.seq
        based = self.server.store.cursor() if cursor == "now" else cursor
        env = {"event_id": str(uuid.uuid4()), "terminal_id": self.terminal_id, "store_id": self.store_id,
               "terminal_seq": seq, "type": type_, "schema_version": 1, "payload": payload,
               "payload_sha256": payload_sha256(payload), "occurred_at": AT, "based_on_cursor": based, "app_version": "hand"}
        r = post_push(self.server.url, {"events": [env]}, self.headers, timeout=30)
        r.raise_for_status()
        body = r.json()
        assert body["error"] is None, body["error"]
        return body["results"][0]

    def pull_all(self) -> int:
        """Pull the whole feed; the number of rows (fails loudly on a server error)."""
        cursor, n = None, 0
        while True:
            r = httpx.get(self.server.url + "/v1/pull", params={"limit": 1000, **({"cursor": cursor} if cursor else {})},
                          headers=self.headers, timeout=30)
            r.raise_for_status()
            page = r.json()
            n += len(page["items"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return n


def reasons(answer: dict) -> list[str]:
    """Conflict kinds of an answer, a quarantined one as its reason."""
    return [c["details"].get("reason", c["kind"]) if c["kind"] == "quarantined" else c["kind"] for c in answer["conflicts"]]


def post_push(url: str, body: dict, headers: dict, *, timeout: float = 60, tries: int = 20) -> httpx.Response:
    """POST /v1/push as a terminal's client does it: a 429 `push_in_progress` (a push of this device is still
    being judged: one at a time, sync/server/app.py) is sent again after its Retry-After; any other answer is
    returned. Tests whose threads push for one device at once see their pushes judged one after the other."""
    for _ in range(tries):
        r = httpx.post(url + "/v1/push", json=body, headers=headers, timeout=timeout)
        if r.status_code != 429 or "push_in_progress" not in r.text:
            return r
        time.sleep(min(float(r.headers.get("Retry-After", "1")), 2.0) * 0.25)
    return r
