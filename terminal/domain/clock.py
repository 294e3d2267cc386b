"""Calendar helpers. Time is always passed in; the store's zone decides the calendar day."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def store_clock(at: datetime, tz_name: str | None) -> datetime:
    """`at` on the store's wall clock (`tz_name`), or on this computer's when the store's zone is unknown
    (None); a naive `at` is taken as this computer's time. For the window's "last sync 14:05"."""
    if not tz_name:
        return at.astimezone()
    return (at if at.tzinfo is not None else at.astimezone()).astimezone(zone(tz_name))


def local(at: datetime, tz_name: str) -> datetime:
    """`at` seen on the store's wall clock. Naive datetimes are refused: they hide bugs."""
    if at.tzinfo is None:
        raise ValueError("naive datetime: pass a timezone-aware time")
    return at.astimezone(zone(tz_name))


def in_window(at: datetime, start: datetime | None, end: datetime | None) -> bool:
    """start inclusive, end exclusive; None = open."""
    return (start is None or at >= start) and (end is None or at < end)


def fmt_day(d: datetime | date) -> str:
    return d.strftime("%Y-%m-%d")
