"""The report's measures one record at a time: tidy rows for the breakdown tables.

Pure. Each row is one unit of a measure (one recorded status, one first-session family at a
later visit, one infant whose visit window closed, one infant in a W30 denominator) with the
dimensions it is reported by (cohort, site, visit, language). The definitions stay where they
are (``core.attendance``, ``core.w30``): these builders call them or use their constants, so the
rows summed over any dimension give the same numbers as the report's own tables
(tests/core/test_report_rows.py checks that). Aggregating and shaping is the exporters' job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from groupwcc.core.attendance import INDIVIDUAL, PRESENT, OnTime, on_time_visits
from groupwcc.core.records import Period, RecordedVisit, Records
from groupwcc.core.w30 import W30Status
from groupwcc.models import Cohort, Infant, ReferenceData, Session
from groupwcc.models.attendance import Mark

UNKNOWN = "unknown"  # an infant no longer in the database: its language is not known


@dataclass(frozen=True)
class MarkRow:
    """One held session's recorded status for one infant (``status`` None: a held session with
    nothing recorded, which counts as a session but not as a status)."""

    session_id: str
    cohort: str
    site: str
    visit: str
    language: str
    infant_id: str | None
    status: str | None

    @property
    def present(self) -> bool:
        return self.status in PRESENT

    @property
    def visit_done(self) -> bool:
        return self.status in PRESENT or self.status == INDIVIDUAL


@dataclass(frozen=True)
class RetentionRow:
    """A family present at its cohort's first held session, at the session of ``visit``."""

    cohort: str
    site: str
    visit: str
    language: str
    infant_id: str
    present: bool


@dataclass(frozen=True)
class OnTimeRow:
    """An infant whose window for ``visit`` closed in the period, and whether it was met."""

    cohort: str
    site: str
    visit: str
    language: str
    infant_id: str
    on_time: bool


@dataclass(frozen=True)
class W30Row:
    """An infant in the denominator of W30 rate 1 or 2 (``rate``), and whether it met it."""

    cohort: str
    site: str
    language: str
    infant_id: str
    rate: str  # "rate1" or "rate2"
    met: bool


@dataclass(frozen=True)
class MeasureRow:
    """One unit of any other yes/no measure, named by ``measure``: where the child's-record
    measures plug in (screening done at a visit age, positive screen followed up, referral
    completed, up to date at 24 months per vaccine group). ``visit`` is "" when the measure is
    not about one visit age."""

    measure: str
    cohort: str
    site: str
    visit: str
    language: str
    infant_id: str
    met: bool


@dataclass(frozen=True)
class ReportRows:
    """Every row of the report's measures for one report period."""

    marks: tuple[MarkRow, ...]
    retention: tuple[RetentionRow, ...]
    on_time: tuple[OnTimeRow, ...]
    w30: tuple[W30Row, ...]
    measures: tuple[MeasureRow, ...] = ()


def _language(infants: Mapping[str, Infant], infant_id: str) -> str:
    infant = infants.get(infant_id)
    return infant.language if infant else UNKNOWN


def mark_rows(records: Records, infants: Mapping[str, Infant],
              period: Period | None = None) -> list[MarkRow]:
    """One row per recorded status at the held sessions in ``period`` (as
    ``core.attendance.attendance_rates`` counts them)."""
    rows = []
    for session in records.held_sessions(period):
        marks = records.by_session.get(session.session_id, {})
        if not marks:
            rows.append(MarkRow(session.session_id, session.cohort_id, session.site,
                                session.visit, UNKNOWN, None, None))
        for infant_id, status in sorted(marks.items()):
            rows.append(MarkRow(session.session_id, session.cohort_id, session.site,
                                session.visit, _language(infants, infant_id), infant_id, status))
    return rows


def retention_rows(records: Records, infants: Mapping[str, Infant], *,
                   last: date | None = None) -> list[RetentionRow]:
    """One row per first-session family and later held session of its cohort, up to ``last``
    (as ``core.attendance.retention`` pools them)."""
    by_cohort: dict[str, list[Session]] = {}
    for session in records.held_sessions():
        if last is None or session.day <= last:
            by_cohort.setdefault(session.cohort_id, []).append(session)
    rows = []
    for cohort_id in sorted(by_cohort):
        sessions = sorted(by_cohort[cohort_id], key=lambda s: s.start)
        starters = sorted(_present_at(records, sessions[0]))
        for session in sessions:
            here = _present_at(records, session)
            rows += [RetentionRow(cohort_id, session.site, session.visit,
                                  _language(infants, i), i, i in here) for i in starters]
    return rows


def _present_at(records: Records, session: Session) -> set[str]:
    marks = records.by_session.get(session.session_id, {})
    return {infant for infant, status in marks.items() if status in PRESENT}


def on_time_rows(infants: Sequence[Infant], cohorts: Iterable[Cohort], records: Records,
                 reference: ReferenceData, visit_order: Sequence[str],
                 period: Period) -> list[OnTimeRow]:
    """One row per infant and visit whose window closed in ``period``: the measure of
    ``core.attendance.on_time_visits`` applied to each infant on its own.

    Each infant is measured against its own records only (its cohort's sessions, the sessions
    it has a status at, its individual visits): the same answer as against every record, in
    linear rather than quadratic time.
    """
    cohort_of = {i: c for c in cohorts for i in c.infant_ids}
    sessions_of: dict[str, list[Session]] = {}
    for session in records.sessions:
        sessions_of.setdefault(session.cohort_id, []).append(session)
    visits_of: dict[str, list[RecordedVisit]] = {}
    for visit in records.visits:
        visits_of.setdefault(visit.infant_id, []).append(visit)
    rows = []
    for infant in infants:
        cohort = cohort_of.get(infant.infant_id)
        own = _own_records(infant.infant_id, sessions_of.get(cohort.cohort_id, [])
                           if cohort else [], records, visits_of.get(infant.infant_id, []))
        for result in on_time_visits([infant], [cohort] if cohort else [], own, reference,
                                     visit_order, period):
            if result.due:
                rows.append(OnTimeRow(cohort.cohort_id if cohort else "", infant.site,
                                      result.visit, infant.language, infant.infant_id,
                                      result.on_time > 0))
    return rows


def on_time_totals(rows: Iterable[OnTimeRow], visit_order: Sequence[str]) -> list[OnTime]:
    """``core.attendance.on_time_visits`` summed from the rows (the same numbers, from the
    linear builder above), one per visit in ``visit_order``."""
    due = dict.fromkeys(visit_order, 0)
    met = dict.fromkeys(visit_order, 0)
    for row in rows:
        due[row.visit] = due.get(row.visit, 0) + 1
        met[row.visit] = met.get(row.visit, 0) + row.on_time
    return [OnTime(v, due[v], met[v]) for v in visit_order]


def _own_records(infant_id: str, cohort_sessions: list[Session], records: Records,
                 visits: list[RecordedVisit]) -> Records:
    marks = records.by_infant.get(infant_id, {})
    ids = {s.session_id for s in cohort_sessions}
    elsewhere = [records.by_id[s] for s in marks if s in records.by_id and s not in ids]
    return Records(tuple(cohort_sessions + elsewhere),
                   tuple(Mark(s, infant_id, status) for s, status in marks.items()),
                   tuple(visits))


def w30_rows(statuses: Iterable[W30Status], infants: Mapping[str, Infant],
             cohort_of: Mapping[str, str]) -> list[W30Row]:
    """One row per infant in the denominator of rate 1 and of rate 2 (``core.w30``)."""
    rows = []
    for status in statuses:
        infant = infants.get(status.infant_id)
        site = infant.site if infant else UNKNOWN
        cohort, language = cohort_of.get(status.infant_id, ""), _language(infants,
                                                                          status.infant_id)
        if status.in_rate1:
            rows.append(W30Row(cohort, site, language, status.infant_id, "rate1", status.met1))
        if status.in_rate2:
            rows.append(W30Row(cohort, site, language, status.infant_id, "rate2", status.met2))
    return rows
