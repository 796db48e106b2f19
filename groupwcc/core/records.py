"""What was recorded about sessions, indexed once: attendance marks and individual visits.

Pure: the store loads these; the measures (core.attendance, core.w30) and the follow-up list
(core.followup) read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from groupwcc.models import Session
from groupwcc.models.attendance import Mark


@dataclass(frozen=True)
class RecordedVisit:
    """A well-child visit outside the group (``attendance visit``); ``visit`` may be unknown."""

    infant_id: str
    day: date
    visit: str | None = None


@dataclass(frozen=True)
class Period:
    """A measurement period, both ends inclusive."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


@dataclass(frozen=True)
class Records:
    """Sessions with what was recorded about them, indexed once."""

    sessions: tuple[Session, ...]
    marks: tuple[Mark, ...] = ()
    visits: tuple[RecordedVisit, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, Session]:
        return {s.session_id: s for s in self.sessions}

    @cached_property
    def by_session(self) -> dict[str, dict[str, str]]:
        """session id → infant id → status."""
        table: dict[str, dict[str, str]] = {}
        for mark in self.marks:
            table.setdefault(mark.session_id, {})[mark.infant_id] = mark.status
        return table

    @cached_property
    def by_infant(self) -> dict[str, dict[str, str]]:
        """infant id → session id → status."""
        table: dict[str, dict[str, str]] = {}
        for mark in self.marks:
            table.setdefault(mark.infant_id, {})[mark.session_id] = mark.status
        return table

    def held(self, session: Session) -> bool:
        """A session took place: marked held, or attendance was recorded for it."""
        return session.status == "held" or session.session_id in self.by_session

    def held_sessions(self, period: Period | None = None) -> list[Session]:
        """The sessions that took place, in ``period`` when given."""
        return [s for s in self.sessions if self.held(s) and (period is None or s.day in period)]
