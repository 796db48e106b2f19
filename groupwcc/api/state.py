"""What the database holds about the plan, loaded once per command and kept current in memory.

A command loads ``State`` once, and each step that saves something (cohorts, sessions, flags)
updates the same object, so later steps never read the tables again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from groupwcc.models import Cohort, CohortPlan, Flag, Infant, Session, UnplacedInfant
from groupwcc.models.forecast import DoseGiven
from groupwcc.readers.echo import echo_code

if TYPE_CHECKING:
    import sqlalchemy as sa

    from groupwcc.errors import NotFoundError


@dataclass
class State:
    """Infants by id, cohorts (by id order), unplaced infants, sessions (by start) and flags."""

    infants: dict[str, Infant]
    cohorts: list[Cohort]
    unplaced: list[UnplacedInfant]
    sessions: list[Session]
    flags: list[Flag] = field(default_factory=list)
    # Recorded vaccine doses by infant id (store/child_record.py); staff due lists only.
    doses: dict[str, tuple[DoseGiven, ...]] = field(default_factory=dict)

    _by_id: dict[str, Cohort] = field(default_factory=dict, repr=False)

    def cohort(self, cohort_id: str) -> Cohort:
        """The cohort with this id; NotFoundError naming the command that lists them."""
        if len(self._by_id) != len(self.cohorts):
            self._by_id = {c.cohort_id: c for c in self.cohorts}
        if cohort_id in self._by_id:
            return self._by_id[cohort_id]
        from groupwcc.errors import NotFoundError

        raise NotFoundError(f"no cohort{echo_code(cohort_id)}",
                            hint="see 'groupwcc cohorts --dry-run'")

    def members(self, cohort_id: str) -> list[Infant]:
        """The cohort's infants, in membership order (ids missing from the roster skipped)."""
        return [self.infants[i] for i in self.cohort(cohort_id).infant_ids if i in self.infants]

    def active_members(self, cohort_id: str) -> list[Infant]:
        """The members still taking part (``core.cohort_rules.active_members``)."""
        from groupwcc.core.cohort_rules import active_members

        return active_members(self.cohort(cohort_id), self.infants)

    def session(self, session_id: str) -> Session:
        """The session with this id; NotFoundError naming the command that lists them."""
        for session in self.sessions:
            if session.session_id == session_id:
                return session
        raise no_such_session(session_id)

    def sessions_between(self, first: date, last: date) -> list[Session]:
        """Sessions whose day lies in ``first``..``last`` (both included)."""
        return [s for s in self.sessions if first <= s.day <= last]

    def set_cohort_plan(self, plan: CohortPlan) -> None:
        """Mirror ``store.repo.save_cohort_plan``: same order as ``load_cohorts``/``unplaced``."""
        self.cohorts = sorted(plan.cohorts, key=lambda c: c.cohort_id)
        self.unplaced = sorted(plan.unplaced, key=lambda u: u.infant_id)
        self._by_id = {}

    def upsert_sessions(self, sessions: Iterable[Session]) -> None:
        """Mirror ``store.repo.save_sessions`` (upsert by id) in ``load_sessions`` order."""
        by_id = {s.session_id: s for s in self.sessions}
        by_id.update((s.session_id, s) for s in sessions)
        self.sessions = sorted(by_id.values(), key=lambda s: (s.start, s.session_id))


def no_such_session(session_id: str) -> NotFoundError:
    """The error for an unknown session id, pointing at the command that lists them."""
    from groupwcc.errors import NotFoundError

    return NotFoundError(f"no session{echo_code(session_id)}",
                         hint="'groupwcc sessions list' shows the ids")


def load_state(conn: sa.Connection, timezone: str | None = None) -> State:
    """Read infants, cohorts, unplaced infants, sessions and flags (each table once).

    ``timezone`` is the program's zone: sessions come back as wall-clock times in it.
    """
    from groupwcc.store import repo
    from groupwcc.store.child_record import load_doses

    infants = {i.infant_id: i for i in repo.load_infants(conn)}
    return State(infants, repo.load_cohorts(conn), repo.load_unplaced(conn),
                 repo.load_sessions(conn, timezone=timezone), repo.load_flags(conn),
                 load_doses(conn))
