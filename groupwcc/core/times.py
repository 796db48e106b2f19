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


def to_utc(moment: datetime) -> datetime:
    """The instant in UTC, as calendars carry it."""
    return moment.astimezone(UTC)
