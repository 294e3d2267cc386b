"""A counter finds a member by phone or name (issue 17 section 4.1; POST /v1/members/search).

Least privilege (issue 13): a store PC never lists the member base. A search answers at most
MAX_RESULTS members, each MASKED (`mask_name`: 王*明, `mask_phone`: ****-***-678) with its id and
tier, which is all the counter needs to attach one (it then looks the chosen one up by id, POST
/v1/member-lookup, so only that member enters the store's slice):

* by **phone**: the exact E.164 number (`terminal.domain.phones.normalise_phone`), 0 or 1 member;
* by **name**: at least MIN_NAME_QUERY characters; the members whose name key (NFKC, case-folded)
  is the query or starts with it, exact matches first; `truncated` says there were more (the
  cashier adds to the name or asks for the phone).

Bounded per device (a till must not enumerate members): SEARCHES_PER_MINUTE and SEARCHES_PER_DAY,
counted from the audit table `member_searches`, which holds every search (device, store, terminal,
time, kind, the query MASKED, the ids answered); beyond them RateLimited (HTTP 429 with Retry-After).
`index_member` keeps `member_search_keys` (phone, name key) for every member row put; a phone of
another member is refused (PhoneTaken).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from terminal.domain.member_data import mask_name
from terminal.domain.phones import PhoneError, mask_phone, name_key, name_query, normalise_phone

MAX_RESULTS = 5
SEARCHES_PER_MINUTE = 10  # per device
SEARCHES_PER_DAY = 300  # per device
SIGNUPS_PER_HOUR = 20  # per device (sync/server/member_signup.py)
AUDIT_RETENTION_DAYS = 400  # member_searches rows are kept this long (a year of audit; the bounds need a day)
SEARCH_LIMITS = [(SEARCHES_PER_MINUTE, timedelta(minutes=1), "member searches"), (SEARCHES_PER_DAY, timedelta(days=1), "member searches")]


class RateLimited(Exception):
    """Too many searches or sign-ups by this device; `retry_after` seconds until one is allowed again."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message, self.retry_after = message, retry_after


class InvalidQuery(ValueError):
    """A search or sign-up field that cannot be accepted: `code` (invalid_phone, invalid_name, ...) and why."""

    def __init__(self, code: str, message: str, field: str) -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


class PhoneTaken(Exception):
    """The phone belongs to member `member_id` already."""

    def __init__(self, phone: str, member_id: str) -> None:
        super().__init__(f"phone {mask_phone(phone)} belongs to member {member_id}")
        self.phone, self.member_id = phone, member_id


# ---- the index ---------------------------------------------------------------------------------

def phone_of(body: Any) -> str | None:
    """The stored E.164 phone of a member row (None when it has none)."""
    p = body.get("phone") if isinstance(body, dict) else None
    return p if isinstance(p, str) and p else None


def index_member(conn, member_id: str, body: Any) -> None:
    """Inside a write: `member_search_keys` for a member row as put now. PhoneTaken when another member has its phone."""
    phone = phone_of(body)
    if phone is not None:
        r = conn.execute("SELECT member_id FROM member_search_keys WHERE phone = ? AND member_id <> ?", (phone, member_id)).fetchone()
        if r is not None:
            raise PhoneTaken(phone, r[0])
    name = body.get("name") if isinstance(body, dict) and isinstance(body.get("name"), str) else ""
    done = conn.execute("UPDATE member_search_keys SET phone = ?, name_key = ? WHERE member_id = ?", (phone, name_key(name), member_id))
    if not done.rowcount:
        conn.execute("INSERT INTO member_search_keys(member_id, phone, name_key) VALUES (?, ?, ?)", (member_id, phone, name_key(name)))


def member_by_phone(store, phone: str) -> str | None:
    r = store.conn.execute("SELECT member_id FROM member_search_keys WHERE phone = ?", (phone,)).fetchone()
    return r[0] if r else None


# ---- rate limit and audit ------------------------------------------------------------------------

def check_rate(store, device: dict, kinds: tuple[str, ...], limits: list[tuple[int, timedelta, str]], now: datetime) -> None:
    """RateLimited when `device` made `limit` or more requests of `kinds` within any (limit, window, what) given."""
    marks = ",".join("?" * len(kinds))
    for limit, window, what in limits:
        since = (now - window).isoformat()
        rows = store.conn.execute(
            f"SELECT at FROM member_searches WHERE device_id = ? AND kind IN ({marks}) AND at > ? ORDER BY at LIMIT ?",
            (device["device_id"], *kinds, since, limit)).fetchall()
        if len(rows) >= limit:
            oldest = datetime.fromisoformat(rows[0][0])
            wait = max(1, int((oldest + window - now).total_seconds()) + 1)
            raise RateLimited(f"This till made {limit} {what} within {_span(window)}: wait {wait} s "
                              "(a till may not go through the member base).", wait)


def _span(window: timedelta) -> str:
    s = int(window.total_seconds())
    return f"{s // 86400} day" if s >= 86400 else f"{s // 3600} hour" if s >= 3600 else f"{s // 60} minute"


def audit(store, device: dict, kind: str, query: str, member_ids: list[str], now: datetime, request_id: str | None = None) -> None:
    store.conn.execute(
        "INSERT INTO member_searches(device_id, store_id, terminal_id, at, kind, query, results, member_ids, request_id) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        (device["device_id"], device.get("store_id"), device.get("terminal_id"), now.isoformat(), kind, query, len(member_ids),
         json.dumps(member_ids), request_id))


def prune_searches(store, *, days: int = AUDIT_RETENTION_DAYS, now: datetime | None = None, limit: int = 100_000) -> int:
    """Audit rows older than `days` leave `member_searches` (the daily upkeep, sync/server/maintenance.py); at most
    `limit` per call. Returns how many left. A sign-up's request id is answered as repeated no longer than that."""
    cut = ((now or store.clock()) - timedelta(days=days)).isoformat()
    with store.write():
        ids = [r[0] for r in store.conn.execute("SELECT id FROM member_searches WHERE at < ? ORDER BY id LIMIT ?", (cut, limit))]
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            store.conn.execute(f"DELETE FROM member_searches WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk))
    return len(ids)


def list_searches(store, device_id: str | None = None, limit: int = 100) -> list[dict]:
    """The audit, newest first (admin `list-member-searches`)."""
    cols = ("at", "device_id", "store_id", "terminal_id", "kind", "query", "results", "member_ids", "request_id")
    q = f"SELECT {', '.join(cols)} FROM member_searches" + (" WHERE device_id = ?" if device_id else "") + " ORDER BY id DESC LIMIT ?"
    with store.read():
        rows = store.conn.execute(q, ((device_id,) if device_id else ()) + (limit,)).fetchall()
    return [dict(zip(cols, r)) for r in rows]


# ---- the search ----------------------------------------------------------------------------------

def masked(store, member_id: str) -> dict | None:
    """A member as a search answers it: {member_id, name (masked), phone (masked), tier_id, status}; None when deleted."""
    b = store.get("member", member_id)
    if b is None:
        return None
    status = b.get("status", "active")
    if store.get("revocation", f"member:{member_id}") is not None:
        status = "blocked"
    name = b.get("name")
    return {"member_id": member_id, "name": mask_name(name) if isinstance(name, str) else "", "phone": mask_phone(phone_of(b)),
            "tier_id": b.get("tier_id"), "status": status}


def parse_query(phone: Any = None, name: Any = None) -> tuple[str, str, str]:
    """(kind, key, masked query for the audit) of a search; InvalidQuery naming the field."""
    if (phone is None) == (name is None):
        raise InvalidQuery("invalid_request", "Search by exactly one of phone or name.", "phone" if phone is not None else "name")
    if phone is not None:
        try:
            e164 = normalise_phone(phone)
        except PhoneError as err:
            raise InvalidQuery("invalid_phone", str(err), "phone") from None
        return "phone", e164, mask_phone(e164) or ""
    try:
        key = name_query(name)
    except ValueError as err:
        raise InvalidQuery("invalid_name", str(err), "name") from None
    return "name", key, mask_name(key)


def _name_query(store, key: str) -> tuple[str, tuple]:
    """The statement of a name search by its index: on PostgreSQL `LIKE 'key%'` (the index has text_pattern_ops);
    on SQLite, whose LIKE is case-insensitive and so cannot use a plain index, the byte range of the keys starting
    with `key` (keys are case-folded; UTF-8 order = code point order, U+10FFFF sorts last), LIKE checking it."""
    pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    order = " ORDER BY CASE WHEN name_key = ? THEN 0 ELSE 1 END, name_key, member_id LIMIT ?"
    if store.engine.dialect.name == "postgresql":
        return "SELECT member_id FROM member_search_keys WHERE name_key LIKE ? ESCAPE '\\'" + order, (pattern, key, MAX_RESULTS + 1)
    return ("SELECT member_id FROM member_search_keys WHERE name_key >= ? AND name_key < ? AND name_key LIKE ? ESCAPE '\\'"
            + order, (key, key + "\U0010ffff", pattern, key, MAX_RESULTS + 1))


def search(store, device: dict, *, phone: Any = None, name: Any = None) -> dict[str, Any]:
    """POST /v1/members/search: {results: [...], truncated, kind}. InvalidQuery, RateLimited (nothing answered)."""
    kind, key, shown = parse_query(phone, name)
    with store.write():
        store.lock_keys(f"member-search:{device['device_id']}")  # the count and the audit row of one device, in order
        now = store.clock()
        check_rate(store, device, ("phone", "name"), SEARCH_LIMITS, now)
        if kind == "phone":
            found = [m for m in [member_by_phone(store, key)] if m is not None]
            more = False
        else:
            rows = store.conn.execute(*_name_query(store, key)).fetchall()
            found, more = [r[0] for r in rows[:MAX_RESULTS]], len(rows) > MAX_RESULTS
        results = [r for r in (masked(store, m) for m in found) if r is not None]
        audit(store, device, kind, shown, [r["member_id"] for r in results], now)
    return {"kind": kind, "results": results, "truncated": more}
