"""The change feed: pull pages and stored answers, read on per-thread reader connections.

WAL readers do not block the single writer. A page is one indexed range scan of the change
sequence (`seq > cursor ORDER BY seq LIMIT n`); stored row JSON is spliced in without re-encoding.

Least privilege (`staff_visible`): a device receives only the staff rows of its own store and
the chain-wide rows (`stores` empty: staff of every store, e.g. an area manager who approves
voids at any counter; the server accepts their approval at every store, so the counter must be
able to sign them in). Every other staff row goes to that device as a tombstone (op "delete",
body null): a staff member moved away from a store disappears from that store's PCs, and other
stores' names and PIN hashes never leave the server (only the staff id, as the tombstone key).
"""

from __future__ import annotations

import base64
import json
import threading

from terminal.storage.db import open_database

from sync.feedsig import SIGNED_KINDS, row_message
from sync.protocol import MAX_ANSWERS, make_cursor, split_cursor


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


class FeedMixin:
    """`pull_page_json` and the reader connections of CentralStore (needs `path`, `head`)."""

    _local: threading.local

    def _reader(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_database(self.path).conn
            self._local.conn = conn
        return conn

    def feed_signer(self):
        """The feed-signing key (`sync.feedsig`), generated and stored in meta on first use."""
        from terminal.crypto import Signer

        signer = self.__dict__.get("_feed_signer")
        if signer is None:
            raw = self.meta("feed_signing_key")
            if raw is None:
                with self.write():
                    raw = self.meta("feed_signing_key")
                    if raw is None:
                        raw = Signer.generate().private_b64()
                        self.set_meta("feed_signing_key", raw)
            signer = self.__dict__["_feed_signer"] = Signer.from_b64(raw)
        return signer

    def _row_sig(self, kind: str, key: str, body: str | None, seq: int, epoch: str) -> str:
        msg = row_message(kind, key, json.loads(body) if body is not None else None, seq, epoch)
        return ',"sig":' + json.dumps(base64.b64encode(self.feed_signer().sign(msg)).decode())

    def pull_page_json(self, cursor: str | None, limit: int, *, device: dict | None = None,
                       answers_from: int | None = None) -> str:
        """One page as JSON text (bodies are spliced in raw: no decode/encode of stored rows).

        The last page (has_more false) also carries the stored answers of `device`'s events
        from terminal_seq `answers_from` on (at most MAX_ANSWERS), read in the same snapshot: a
        terminal whose push answer was lost learns that the server has the event before it
        applies rows that include its effects (otherwise its overlay would count them twice).
        `device` None (an admin reader) reads every row; with a device, other stores' staff rows
        become tombstones (`staff_visible`).
        """
        conn = self._reader()
        conn.execute("BEGIN")
        try:
            epoch = conn.execute("SELECT value FROM meta WHERE key = 'epoch'").fetchone()[0]
            head = self.head(conn)
            c_epoch, seq = split_cursor(cursor)
            if cursor and (c_epoch != epoch or seq > head):
                return json.dumps({"cursor": cursor, "next_cursor": make_cursor(epoch, 0), "has_more": head > 0, "reset": True,
                                   "head": head, "items": []})
            rows = conn.execute("SELECT kind, key, seq, deleted, body FROM entities WHERE seq > ? ORDER BY seq LIMIT ?",
                                (seq, limit)).fetchall()
            last = rows[-1][2] if rows else seq
            answers = []
            if device is not None and answers_from is not None and last >= head:
                answers = [r[0] for r in conn.execute(
                    """SELECT result FROM events WHERE store_id = ? AND terminal_id = ? AND terminal_seq >= ? AND visible_seq <= ?
                       ORDER BY terminal_seq LIMIT ?""",
                    (device["store_id"], device["terminal_id"], answers_from, last, MAX_ANSWERS))]
        finally:
            conn.execute("COMMIT")
        parts = []
        store_id = device["store_id"] if device is not None else None
        for kind, key, s, deleted, body in rows:
            if not deleted and kind == "staff" and store_id is not None and not staff_visible(body, store_id):
                deleted = True  # another store's staff: a tombstone (a move away reaches the old store's PCs)
            sig = self._row_sig(kind, key, None if deleted else body, s, epoch) if kind in SIGNED_KINDS else ""
            if deleted:
                parts.append(f'{{"kind":"{kind}","key":{json.dumps(key)},"seq":{s},"op":"delete","body":null{sig}}}')
            else:
                parts.append(f'{{"kind":"{kind}","key":{json.dumps(key)},"seq":{s},"op":"upsert","body":{body}{sig}}}')
        return (f'{{"cursor":{json.dumps(make_cursor(epoch, seq))},"next_cursor":{json.dumps(make_cursor(epoch, last))},'
                f'"has_more":{"true" if last < head else "false"},"reset":false,"head":{head},"items":[{",".join(parts)}],'
                f'"answers":[{",".join(answers)}]}}')
