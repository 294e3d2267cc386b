"""The change feed: pull pages and stored answers, each page read in one snapshot.

A page is read in its own read transaction (`CentralStore.read`: SQLite BEGIN on a WAL reader,
which never blocks the writer; PostgreSQL REPEATABLE READ READ ONLY). Positions follow commit
order (sync/server/changefeed.py), so a reader never skips a row that commits later. A page is one indexed range scan of the change
sequence (`seq > cursor ORDER BY seq LIMIT n`); stored row JSON is spliced in without re-encoding.

Least privilege (`staff_visible`): a device receives only the staff rows of its own store and
the chain-wide rows (`stores` empty: staff of every store, e.g. an area manager who approves
voids at any counter; the server accepts their approval at every store, so the counter must be
able to sign them in). Every other staff row goes to that device as a tombstone (op "delete",
body null): a staff member moved away from a store disappears from that store's PCs, and other
stores' names and PIN hashes never leave the server (only the staff id, as the tombstone key).

Member data minimised (`member_for_device`): a store PC receives a member's masked name, birth
month and a salted hash of the card number (`terminal.domain.member_data`), never the full name,
the birthday or the number. The server keeps the full row in `entities` for its own judgement
(`facts.py`) and the admin. The salt (`card_salt`, chain-wide, made at first use and kept in the
central meta `card_hash_salt`; never rotated: every terminal's card keys depend on it) travels on
every page, signed by the feed key (`card_salt_sig` over
`row_message("card_salt", "card_salt", {"salt": salt}, 0, epoch)`), so a terminal hashes a scanned
number the same way. An admin reader (no device) gets the stored rows as they are.

Coupon numbers (`coupon_for_device`): a store PC receives a coupon row without its printed number
(`plain_code`), with `number_hash` instead: SHA-256 over a coupon tag, the same salt and the number
(`terminal.domain.member_data.coupon_number_hash`; its own tag, so it never equals a card hash),
null for a coupon without a number. The terminal keys it (terminal/storage/keyed.py) and finds a
typed or scanned number by hashing it the same way; the server keeps the number for its own checks.
"""

from __future__ import annotations

import base64
import json
import threading

from terminal.domain.member_data import birth_month, card_hash, coupon_number_hash, mask_name, valid_birth_month

from sync.feedsig import SIGNED_KINDS, row_message
from sync.protocol import MAX_ANSWERS, PAGE_BYTES, make_cursor, split_cursor
from sync.server.archive import events_all
from sync.server.feed_slice import device_filter, device_rows
from sync.server.slices import device_match


def staff_visible(body: str, store_id: str) -> bool:
    """Whether a stored staff row (JSON text; `stores` a JSON list text or list) is for `store_id`.

    True for the store's own staff and chain-wide staff (`stores` empty). A row whose `stores`
    cannot be read is not sent (fail closed).
    """
    try:
        stores = json.loads(body).get("stores")
        if isinstance(stores, str):
            stores = json.loads(stores)
    except (ValueError, AttributeError):
        return False
    if not isinstance(stores, list):
        return False
    return not stores or store_id in stores


def _object(body: str) -> dict | None:
    """A stored body (JSON text) as a dict, or None when it is not a JSON object."""
    try:
        b = json.loads(body)
    except ValueError:
        return None
    return b if isinstance(b, dict) else None


def member_for_device(body: str, salt_hex: str) -> str:
    """A stored member row (JSON text, the full record) as a store PC receives it (JSON text):
    {id, name (masked), tier_id, birth_month, card_hash, status}. Never the phone, not even hashed: a
    store PC holds the chain's salt, and 10^8 mobile numbers are tried in minutes, so any hash it could
    check offline gives every pulled member's phone back (red team, issue 17). Phones are searched
    online only (POST /v1/members/search: bounded, audited). A body that is not an object is
    sent as it is (the terminal quarantines it)."""
    b = _object(body)
    if b is None:
        return body
    month = valid_birth_month(b.get("birth_month"))
    if month is None:
        month = birth_month(b.get("birthday")) if isinstance(b.get("birthday"), str) else None
    number = b.get("plain_code")
    name = b.get("name")
    out = {"id": b.get("id"), "name": mask_name(name) if isinstance(name, str) else name, "tier_id": b.get("tier_id"),
           "birth_month": month, "card_hash": card_hash(salt_hex, number) if isinstance(number, str) and number else None,
           "status": b.get("status", "active")}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def coupon_for_device(body: str, salt_hex: str) -> str:
    """A stored coupon row (JSON text) as a store PC receives it (JSON text): the same fields but
    `plain_code`, and `number_hash` (hex, or null without a number). A body that is not an object
    is sent as it is (the terminal quarantines it)."""
    b = _object(body)
    if b is None:
        return body
    number = b.pop("plain_code", None)
    b.pop("number_hash", None)
    b["number_hash"] = coupon_number_hash(salt_hex, number) if isinstance(number, str) and number else None
    return json.dumps(b, ensure_ascii=False, separators=(",", ":"))


class FeedMixin:
    """`pull_page_json` of CentralStore (needs `read`, `write`, `conn`, `head`, `meta`)."""

    _local: threading.local
    slice_read = "auto"  # a device page's read path (feed_slice.device_rows): "auto", or "slice" / "window" only

    def _reader(self):
        """Statements outside a write: `self.conn` (each one its own snapshot; `read()` for several)."""
        return self.conn

    def _meta_once(self, key: str, make) -> str:
        """The meta value `key`, made by `make()` and stored on first use (checked again under the
        write lock, so two processes never store two different values)."""
        value = self.meta(key)
        if value is None:
            with self.write():
                self.lock_keys(f"meta:{key}")  # several workers starting at once: the first one's value stands
                value = self.meta(key)
                if value is None:
                    value = make()
                    self.set_meta(key, value)
        return value

    def feed_signer(self):
        """The feed-signing key (`sync.feedsig`), generated and stored in meta on first use."""
        from terminal.infra.crypto import Signer

        signer = self.__dict__.get("_feed_signer")
        if signer is None:
            raw = self._meta_once("feed_signing_key", lambda: Signer.generate().private_b64())
            signer = self.__dict__["_feed_signer"] = Signer.from_b64(raw)
        return signer

    def card_salt(self) -> str:
        """The chain's card hash salt (hex, 16 random bytes), made and stored in meta on first use."""
        import os

        salt = self.__dict__.get("_card_salt")
        if salt is None:
            salt = self.__dict__["_card_salt"] = self._meta_once("card_hash_salt", lambda: os.urandom(16).hex())
        return salt

    def _salt_fields(self, epoch: str) -> str:
        """`"card_salt":...,"card_salt_sig":...` of a page (the signature cached per epoch)."""
        cached = self.__dict__.get("_salt_fields_cache")
        if cached is None or cached[0] != epoch:
            salt = self.card_salt()
            sig = base64.b64encode(self.feed_signer().sign(row_message("card_salt", "card_salt", {"salt": salt}, 0, epoch))).decode()
            cached = self.__dict__["_salt_fields_cache"] = (epoch, f'"card_salt":{json.dumps(salt)},"card_salt_sig":{json.dumps(sig)}')
        return cached[1]

    def _row_sig(self, kind: str, key: str, body: str | None, seq: int, epoch: str) -> str:
        msg = row_message(kind, key, json.loads(body) if body is not None else None, seq, epoch)
        return ',"sig":' + json.dumps(base64.b64encode(self.feed_signer().sign(msg)).decode())

    def _change_json(self, kind: str, key: str, s: int, deleted: int, body: str | None, epoch: str, store_id: str | None,
                     salt: str | None) -> str:
        """One item of a page as JSON text, as this device receives it (staff tombstones, minimised members, signature)."""
        if not deleted and kind == "staff" and store_id is not None and not staff_visible(body, store_id):
            deleted = True  # another store's staff: a tombstone (a move away reaches the old store's PCs)
        if not deleted and kind == "member" and salt is not None:
            body = member_for_device(body, salt)  # masked name, birth month, card hash: never the full record
        elif not deleted and kind in ("coupon", "value_account") and salt is not None:
            body = coupon_for_device(body, salt)  # a number hash: never the printed number (coupons, gift cards)
        sig = self._row_sig(kind, key, None if deleted else body, s, epoch) if kind in SIGNED_KINDS else ""
        if deleted:
            return f'{{"kind":"{kind}","key":{json.dumps(key)},"seq":{s},"op":"delete","body":null{sig}}}'
        return f'{{"kind":"{kind}","key":{json.dumps(key)},"seq":{s},"op":"upsert","body":{body}{sig}}}'

    def pull_page_json(self, cursor: str | None, limit: int, *, device: dict | None = None,
                       answers_from: int | None = None, max_bytes: int = PAGE_BYTES) -> str:
        """One page as JSON text (bodies are spliced in raw: no decode/encode of stored rows).

        At most `limit` rows, and the page ends before the row that would take its items past
        `max_bytes` bytes of UTF-8 JSON (sync.protocol.PAGE_BYTES, 1 MiB: bounded memory on both
        sides and on the wire, whatever `limit` allows); a first row larger than that comes alone,
        as rows are bounded where they enter the feed. `next_cursor` is the seq of the last row on
        the page, so the next page starts right after it: no row is skipped or sent twice.
        The envelope and `answers` (at most MAX_ANSWERS) come on top of the budget.

        The last page (has_more false) also carries the stored answers of `device`'s events
        from terminal_seq `answers_from` on (at most MAX_ANSWERS), read in the same snapshot: a
        terminal whose push answer was lost learns that the server has the event before it
        applies rows that include its effects (otherwise its overlay would count them twice).
        `device` None (an admin reader) reads every row; with a device, other stores' staff rows
        become tombstones (`staff_visible`), member rows are minimised (`member_for_device`) and
        coupon rows carry a number hash instead of the number (`coupon_for_device`);
        every page carries the card hash salt, signed (module docstring).
        """
        store_id = device["store_id"] if device is not None else None
        salt = self.card_salt() if device is not None else None  # may write meta on first use: before the read
        with self.read():
            conn = self.conn
            epoch = conn.execute("SELECT value FROM meta WHERE key = 'epoch'").fetchone()[0]
            head = self.head(conn)
            c_epoch, seq = split_cursor(cursor)
            if cursor and (c_epoch != epoch or seq > head):
                return json.dumps({"cursor": cursor, "next_cursor": make_cursor(epoch, 0), "has_more": head > 0, "reset": True,
                                   "head": head, "items": []})
            upper, brand = head, None
            if store_id is None:
                rows = conn.execute("SELECT kind, key, seq, deleted, body, scope FROM entities WHERE seq > ? ORDER BY seq LIMIT ?",
                                    (seq, limit))
            else:  # the device's slice, filtered in SQL: a window scan near the head, else read from the slice (feed_slice.py)
                if self.postgresql:  # each page planned for its own cursor: a cached generic plan of the slice read
                    conn.execute("SET LOCAL plan_cache_mode = force_custom_plan")  # walked millions of positions
                f = device_filter(conn, store_id)
                brand = f.brand
                upper, rows = device_rows(conn, f, seq, head, limit, slice_read=self.slice_read)
            parts: list[str] = []
            size, last, taken, cut = 0, seq, 0, False
            for kind, key, s, deleted, body, scope in rows:
                taken += 1
                if store_id is not None:
                    how = device_match(scope, brand, store_id)
                    if not how:
                        continue
                    deleted = deleted or how == "delete"
                part = self._change_json(kind, key, s, deleted, body, epoch, store_id, salt)
                n = len(part.encode("utf-8")) + 1  # and its comma
                if parts and size + n > max_bytes:
                    cut = True
                    break  # this row starts the next page
                parts.append(part)
                size, last = size + n, s
            rows.close()  # read lazily: rows past the budget are never loaded
            if store_id is not None and not cut and taken < limit:
                last = upper  # nothing else of this device's slice up to `upper`: the cursor moves past what was filtered out
            answers = []
            if device is not None and answers_from is not None and last >= head:
                answers = [r[0] for r in conn.execute(
                    f"""SELECT result FROM {events_all()} WHERE store_id = ? AND terminal_id = ? AND terminal_seq >= ? AND visible_seq <= ?
                       ORDER BY terminal_seq LIMIT ?""",
                    (device["store_id"], device["terminal_id"], answers_from, last, MAX_ANSWERS))]
        return (f'{{"cursor":{json.dumps(make_cursor(epoch, seq))},"next_cursor":{json.dumps(make_cursor(epoch, last))},'
                f'"has_more":{"true" if last < head else "false"},"reset":false,"head":{head},"items":[{",".join(parts)}],'
                f'"answers":[{",".join(answers)}]{"," + self._salt_fields(epoch) if device is not None else ""}}}')
