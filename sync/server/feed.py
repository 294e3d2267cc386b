"""The change feed: pull pages and stored answers, read on per-thread reader connections.

WAL readers do not block the single writer. A page is one indexed range scan of the change
sequence (`seq > cursor ORDER BY seq LIMIT n`); stored row JSON is spliced in without re-encoding.
"""

from __future__ import annotations

import json
import threading

from terminal.storage.db import open_database

from sync.protocol import MAX_ANSWERS, make_cursor, split_cursor


class FeedMixin:
    """`pull_page_json` and the reader connections of CentralStore (needs `path`, `head`)."""

    _local: threading.local

    def _reader(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_database(self.path).conn
            self._local.conn = conn
        return conn

    def pull_page_json(self, cursor: str | None, limit: int, *, device: dict | None = None,
                       answers_from: int | None = None) -> str:
        """One page as JSON text (bodies are spliced in raw: no decode/encode of stored rows).

        The last page (has_more false) also carries the stored answers of `device`'s events
        from terminal_seq `answers_from` on (at most MAX_ANSWERS), read in the same snapshot:
        a terminal whose push answer was lost learns that the server has the event before it
        applies rows that include its effects (otherwise its overlay would count them twice).
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
        for kind, key, s, deleted, body in rows:
            if deleted:
                parts.append(f'{{"kind":"{kind}","key":{json.dumps(key)},"seq":{s},"op":"delete","body":null}}')
            else:
                parts.append(f'{{"kind":"{kind}","key":{json.dumps(key)},"seq":{s},"op":"upsert","body":{body}}}')
        return (f'{{"cursor":{json.dumps(make_cursor(epoch, seq))},"next_cursor":{json.dumps(make_cursor(epoch, last))},'
                f'"has_more":{"true" if last < head else "false"},"reset":false,"head":{head},"items":[{",".join(parts)}],'
                f'"answers":[{",".join(answers)}]}}')
