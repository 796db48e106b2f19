"""What planning produces: cohorts, sessions and the flags that need a person's attention."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from groupwcc.models.base import Model

SessionStatus = Literal["scheduled", "cancelled", "held"]


class Cohort(Model):
    """A group of infants of one site and language who meet at every visit age.

    ``cohort_id`` is stable and readable: ``MAIN-2026-03-A`` (site, birth month of the oldest
    member, letter). ``slot_id`` is the weekly slot it meets in (``Slot.slot_id``).
    """

    cohort_id: str
    site: str
    language: str
    slot_id: str | None = None
    infant_ids: tuple[str, ...]
    created_on: date | None = None


class UnplacedInfant(Model):
    """An eligible-looking infant that is in no cohort, and why.

    ``forming``: waiting for more births to make ``min_size``; must start by ``start_by``.
    ``ineligible``: inactive, no group consent, too old, unknown site.
    ``unplaceable``: no cohort can take it (spread, keep-apart, size); individual visits.
    """

    infant_id: str
    status: Literal["forming", "ineligible", "unplaceable"]
    reason: str
    start_by: date | None = None


class CohortPlan(Model):
    cohorts: tuple[Cohort, ...]
    unplaced: tuple[UnplacedInfant, ...] = ()


class Session(Model):
    """One group session: a cohort meeting for one visit age.

    ``session_id`` is ``{cohort_id}-{visit}`` upper-cased (``MAIN-2026-03-A-M4``) and never
    changes. ``start``/``end`` are timezone-aware. ``revision`` increases on every manual
    change (calendar SEQUENCE); ``locked`` sessions are never moved by re-planning.
    """

    session_id: str
    cohort_id: str
    visit: str
    start: datetime
    end: datetime
    site: str
    room: str | None = None
    virtual_link: str | None = None
    status: SessionStatus = "scheduled"
    revision: int = 0
    locked: bool = False
    note: str | None = None
    changed_at: datetime | None = None
    facilitators: tuple[str, ...] = ()

    @property
    def day(self) -> date:
        return self.start.date()


class Flag(Model):
    """An infant a session's date does not fit, and what to do instead."""

    infant_id: str
    session_id: str
    reason: str
    suggest_from: date | None = None
    suggest_to: date | None = None


class SchedulePlan(Model):
    sessions: tuple[Session, ...]
    flags: tuple[Flag, ...] = ()
