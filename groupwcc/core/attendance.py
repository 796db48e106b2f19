"""Attendance, retention and on-time well-child visits: the numbers behind the report.

Pure: no files, no database, no clock (``today`` is always a parameter). Every function here has
hand-checked tests (tests/core/test_measures.py); docs/explanation/reports.md says what each
number means for coordinators and funders.

Attendance statuses are the ones the attendance workbook offers. *Present* (attended, late)
means the family came to the group; *missed* (absent, excused) means it did not; an
*individual visit* means the family was seen individually instead: not group attendance, but a
well-child visit all the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from groupwcc.core.records import Period, Records
from groupwcc.core.windows import visit_window
from groupwcc.models import Cohort, Infant, ReferenceData, Session
from groupwcc.models.attendance import STATUSES

PRESENT = frozenset({"attended", "late"})
MISSED = frozenset({"absent", "excused"})
INDIVIDUAL = "individual visit"


# --- attendance -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRate:
    """Recorded statuses of one cohort or one visit age over its held sessions."""

    key: str
    sessions: int
    counts: Mapping[str, int]

    @property
    def recorded(self) -> int:
        return sum(self.counts.values())

    @property
    def present(self) -> int:
        return sum(self.counts.get(s, 0) for s in PRESENT)

    @property
    def rate(self) -> float | None:
        """Attended or late, over every recorded status (blank rows are not counted)."""
        return share(self.present, self.recorded)

    @property
    def completed_rate(self) -> float | None:
        """Well-child visit done at this session, in the group or individually instead."""
        return share(self.present + self.counts.get(INDIVIDUAL, 0), self.recorded)


def share(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide by."""
    return part / whole if whole else None


def attendance_rates(records: Records, key: Callable[[Session], str],
                     period: Period | None = None) -> dict[str, AttendanceRate]:
    """Attendance per ``key(session)`` over the held sessions in ``period``."""
    sessions: dict[str, int] = {}
    counts: dict[str, dict[str, int]] = {}
    for session in records.held_sessions(period):
        group = key(session)
        sessions[group] = sessions.get(group, 0) + 1
        tally = counts.setdefault(group, dict.fromkeys(STATUSES, 0))
        for status in records.by_session.get(session.session_id, {}).values():
            tally[status] = tally.get(status, 0) + 1
    return {g: AttendanceRate(g, sessions[g], counts[g]) for g in sorted(sessions)}


def attendance_by_cohort(records: Records, period: Period | None = None) -> list[AttendanceRate]:
    """Attendance per cohort, by cohort id."""
    return list(attendance_rates(records, lambda s: s.cohort_id, period).values())


def attendance_overall(records: Records, period: Period | None = None) -> AttendanceRate | None:
    """All groups together, or None when nothing was held in ``period``."""
    return attendance_rates(records, lambda s: "all", period).get("all")


def attendance_by_visit(records: Records, visit_order: Sequence[str],
                        period: Period | None = None) -> list[AttendanceRate]:
    """Attendance per visit age, in the program's visit order."""
    rates = attendance_rates(records, lambda s: s.visit, period)
    return [rates[v] for v in _in_order(rates, visit_order)]


def _in_order(keys: Iterable[str], visit_order: Sequence[str]) -> list[str]:
    rank = {v: n for n, v in enumerate(visit_order)}
    return sorted(keys, key=lambda v: (rank.get(v, len(rank)), v))


# --- retention --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionPoint:
    """Of the infants present at their cohort's first held session (``base``, counted in the
    cohorts that held this visit), how many were present at this visit's session."""

    visit: str
    base: int
    present: int

    @property
    def rate(self) -> float | None:
        return share(self.present, self.base)


def retention(records: Records, visit_order: Sequence[str], *,
              last: date | None = None) -> list[RetentionPoint]:
    """Retention across the visit sequence, pooled over cohorts, up to ``last``."""
    by_cohort: dict[str, list[Session]] = {}
    for session in records.held_sessions():
        if last is None or session.day <= last:
            by_cohort.setdefault(session.cohort_id, []).append(session)
    base: dict[str, int] = {}
    present: dict[str, int] = {}
    for sessions in by_cohort.values():
        sessions.sort(key=lambda s: s.start)
        starters = _present_at(records, sessions[0])
        for session in sessions:
            base[session.visit] = base.get(session.visit, 0) + len(starters)
            kept = starters & _present_at(records, session)
            present[session.visit] = present.get(session.visit, 0) + len(kept)
    return [RetentionPoint(v, base[v], present[v]) for v in _in_order(base, visit_order)]


def _present_at(records: Records, session: Session) -> set[str]:
    marks = records.by_session.get(session.session_id, {})
    return {infant for infant, status in marks.items() if status in PRESENT}


# --- well-child visits and windows ------------------------------------------------------------


@dataclass(frozen=True)
class WellChildVisit:
    """A well-child visit that counts: present at a group session, or seen individually."""

    day: date
    visit: str | None
    kind: str  # "group", "virtual" (a telehealth group session) or "individual"


def well_child_visits(infant_id: str, records: Records) -> list[WellChildVisit]:
    """Every well-child visit of an infant, by date.

    A session marked *individual visit* counts on the session's date, unless an individual
    visit for the same visit age was recorded with its own date (then that date stands, so
    the same visit is never counted twice).
    """
    recorded = [v for v in records.visits if v.infant_id == infant_id]
    dated_visits = {v.visit for v in recorded if v.visit}
    found = [WellChildVisit(v.day, v.visit, "individual") for v in recorded]
    for session_id, status in records.by_infant.get(infant_id, {}).items():
        session = records.by_id.get(session_id)
        if session is None:
            continue
        if status in PRESENT:
            kind = "virtual" if session.virtual_link else "group"
            found.append(WellChildVisit(session.day, session.visit, kind))
        elif status == INDIVIDUAL and session.visit not in dated_visits:
            found.append(WellChildVisit(session.day, session.visit, "individual"))
    return sorted(found, key=lambda v: (v.day, v.visit or ""))


def visit_for_day(born: date, day: date, reference: ReferenceData,
                  visits: Sequence[str]) -> str | None:
    """The first of ``visits`` whose window holds ``day`` (to label an individual visit)."""
    for key in visits:
        start, end = visit_window(born, reference.visit(key))
        if start <= day <= end:
            return key
    return None


@dataclass(frozen=True)
class OnTime:
    """Infants whose window for ``visit`` closed in the period (``due``), and how many had
    that visit within the window (``on_time``)."""

    visit: str
    due: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return share(self.on_time, self.due)


def tracked_from(infant: Infant, cohort: Cohort | None, records: Records) -> date | None:
    """The first day groupwcc followed this infant: its cohort's first session (any status),
    its first recorded session or visit, and not before ``enrolled_on``. None if never."""
    days = [s.day for s in records.sessions if cohort and s.cohort_id == cohort.cohort_id]
    days += [records.by_id[s].day for s in records.by_infant.get(infant.infant_id, {})
             if s in records.by_id]
    days += [v.day for v in records.visits if v.infant_id == infant.infant_id]
    if not days:
        return None
    return max(min(days), infant.enrolled_on or date.min)


def on_time_visits(infants: Sequence[Infant], cohorts: Iterable[Cohort], records: Records,
                   reference: ReferenceData, visit_order: Sequence[str],
                   period: Period) -> list[OnTime]:
    """On-time well-child visits per visit age.

    An infant is due for a visit when its window's last day falls in ``period`` (callers clip
    the period to today) and on or after the day groupwcc started following it
    (:func:`tracked_from`): windows that closed before the program knew the family are not its
    to meet. The visit is on time when a well-child visit for that age (or an individual visit
    of unknown age) is dated inside the window.
    """
    cohort_of = {i: c for c in cohorts for i in c.infant_ids}
    starts = {i.infant_id: tracked_from(i, cohort_of.get(i.infant_id), records) for i in infants}
    visits = {i.infant_id: well_child_visits(i.infant_id, records) for i in infants}
    results = []
    for key in visit_order:
        due = on_time = 0
        for infant in infants:
            start, end = visit_window(infant.date_of_birth, reference.visit(key))
            tracked = starts[infant.infant_id]
            if end not in period or tracked is None or end < tracked:
                continue
            due += 1
            on_time += any(start <= v.day <= end and v.visit in (key, None)
                           for v in visits[infant.infant_id])
        results.append(OnTime(key, due, on_time))
    return results
