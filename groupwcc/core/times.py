"""The time model: a session is a wall-clock time in its site's zone.

Every conversion between a stored instant and a wall-clock time goes through here. Storage keeps
an ISO time with the offset it had when written; reading it back with a *fixed* offset would
move a session by an hour once it is moved across a daylight-saving change, so loaded times are
put back into the zone (``in_zone``), and calendars get UTC from ``to_utc``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The ``zoneinfo`` zone called ``name`` (cached)."""
    return ZoneInfo(name)


def in_zone(moment: datetime, name: str) -> datetime:
    """The same instant as wall-clock time in zone ``name`` (a naive time is taken as local)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone(name))
    return moment.astimezone(zone(name))


def wall_clock(day: date, at: time, name: str) -> datetime:
    """``at`` on ``day`` in zone ``name``: the offset is the one in force on that day."""
    return datetime.combine(day, at.replace(tzinfo=None), zone(name))


def wall_clock_problem(day: date, at: time, name: str) -> str | None:
    """Why ``at`` on ``day`` is not one instant in zone ``name``, or None when it is.

    A time in the spring-forward gap does not exist (it round-trips through UTC to another
    wall time); a time in the fall-back hour happens twice.
    """
    first = wall_clock(day, at, name)
    if in_zone(to_utc(first), name).replace(tzinfo=None) != first.replace(tzinfo=None):
        return "clocks go forward"
    if first.utcoffset() != first.replace(fold=1).utcoffset():
        return "clocks go back, so it happens twice"
    return None


def to_utc(moment: datetime) -> datetime:
    """The instant in UTC, as calendars carry it."""
    return moment.astimezone(UTC)
