"""Who needs a call after a missed session, and what to offer: another cohort's session of the
same visit, or an individual visit inside the infant's range (core.windows).

Pure; ``today`` is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from groupwcc.core.attendance import MISSED
from groupwcc.core.record_due import VaccineRecords
from groupwcc.core.record_flags import not_before
from groupwcc.core.records import Records
from groupwcc.core.windows import CLOSED_NOTE, individual_visit_range
from groupwcc.models import Cohort, Infant, ReferenceData, Session

MAX_MAKE_UP_OPTIONS = 3


@dataclass(frozen=True)
class MakeUpOption:
    """Another cohort's session of the same visit the family could join instead."""

    session_id: str
    cohort_id: str
    start: datetime
    virtual: bool


@dataclass(frozen=True)
class FollowUp:
    """A family to call: what the infant missed (oldest first; the last is the most recent),
    the cohort's next session, and a make-up option or an individual-visit date range."""

    infant_id: str
    cohort_id: str | None
    missed: tuple[Session, ...]
    next_session: Session | None
    options: tuple[MakeUpOption, ...]
    suggest_from: date | None
    suggest_to: date | None
    note: str = ""

    @property
    def in_a_row(self) -> int:
        return len(self.missed)

    @property
    def visit(self) -> str:
        return self.missed[-1].visit


def missed_streak(infant_id: str, records: Records, today: date) -> list[Session]:
    """The infant's missed sessions at the end of its record (oldest first), or [] when the
    most recent recorded session was not missed. Sessions without a mark are skipped."""
    marked = [(records.by_id[s], status) for s, status in records.by_infant.get(infant_id, {})
              .items() if s in records.by_id and records.by_id[s].day <= today]
    marked.sort(key=lambda pair: pair[0].start)
    streak: list[Session] = []
    for session, status in reversed(marked):
        if status not in MISSED:
            break
        streak.insert(0, session)
    return streak


def select_follow_ups(infants: Iterable[Infant], cohorts: Iterable[Cohort], records: Records,
                      reference: ReferenceData, *, today: date,
                      vaccine_records: VaccineRecords | None = None) -> list[FollowUp]:
    """Active infants whose most recent recorded session was missed (absent or excused) and
    not made up since by an individual visit. Two or more in a row come first. With
    ``vaccine_records`` a make-up day also waits for the child's forecast (record_flags)."""
    cohorts = list(cohorts)
    cohort_of = {i: c for c in cohorts for i in c.infant_ids}
    languages = {c.cohort_id: c.language for c in cohorts}
    found = []
    for infant in infants:
        if infant.status != "active":  # an inactive family is not called
            continue
        streak = missed_streak(infant.infant_id, records, today)
        if not streak or _made_up(infant.infant_id, streak[-1], records, today):
            continue
        cohort = cohort_of.get(infant.infant_id)
        found.append(_follow_up(infant, cohort, streak, records, reference, today, languages,
                                vaccine_records))
    return sorted(found, key=lambda f: (-min(f.in_a_row, 2), f.cohort_id or "", f.infant_id))


def _made_up(infant_id: str, missed: Session, records: Records, today: date) -> bool:
    return any(v.infant_id == infant_id and missed.day <= v.day <= today for v in records.visits)


def _follow_up(infant: Infant, cohort: Cohort | None, streak: list[Session], records: Records,
               reference: ReferenceData, today: date, languages: Mapping[str, str],
               vaccine_records: VaccineRecords | None = None) -> FollowUp:
    missed = streak[-1]
    own = cohort.cohort_id if cohort else missed.cohort_id
    upcoming = [s for s in records.sessions if s.cohort_id == own and s.status != "cancelled"
                and s.day >= today and s.day > missed.day and not records.held(s)]
    wait = not_before(infant, missed.visit, today, reference, vaccine_records) \
        if vaccine_records else None
    options = [o for o in make_up_options(infant, missed, records, reference, today=today,
                                          own_cohort=own, languages=languages)
               if wait is None or o.start.date() >= wait[0]]
    first = last = None
    note = f"from record: {wait[1]} not before {wait[0].isoformat()}" if wait else ""
    if not options:
        window = _individual_range(infant, missed.visit, reference, today)
        if window is None or (wait and wait[0] > window[1]):
            note = CLOSED_NOTE
        else:
            first, last = max(window[0], wait[0]) if wait else window[0], window[1]
    return FollowUp(infant.infant_id, cohort.cohort_id if cohort else None, tuple(streak),
                    min(upcoming, key=lambda s: s.start, default=None), tuple(options),
                    first, last, note)


def make_up_options(infant: Infant, missed: Session, records: Records,
                    reference: ReferenceData, *, today: date, own_cohort: str,
                    languages: Mapping[str, str] | None = None) -> list[MakeUpOption]:
    """Other cohorts' sessions of the missed visit, at the same site or virtual, not yet held,
    today or later, inside this infant's window and at or after its vaccine minimum ages (and
    before any maximum age). Cohorts speaking the family's cohort's language come first."""
    window = _individual_range(infant, missed.visit, reference, today)
    if window is None:
        return []
    first, last = window
    fits = [s for s in records.sessions
            if s.visit == missed.visit and s.cohort_id != own_cohort
            and s.status == "scheduled" and not records.held(s)
            and (s.site == missed.site or s.virtual_link)
            and first <= s.day <= last]
    language = (languages or {}).get(own_cohort)
    fits.sort(key=lambda s: ((languages or {}).get(s.cohort_id) != language, s.start,
                             s.session_id))
    return [MakeUpOption(s.session_id, s.cohort_id, s.start, bool(s.virtual_link))
            for s in fits[:MAX_MAKE_UP_OPTIONS]]


def _individual_range(infant: Infant, visit: str, reference: ReferenceData,
                      today: date) -> tuple[date, date] | None:
    return individual_visit_range(infant, reference.visit(visit),
                                  reference.scheduling_doses_at(visit), today=today)
