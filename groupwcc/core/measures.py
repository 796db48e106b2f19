"""The numbers behind follow-up and reports: attendance, retention, on-time visits, HEDIS W30
with its projection, and who needs a call after a missed session.

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
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from groupwcc.core.ages import add_age, add_months
from groupwcc.models import Cohort, Infant, ReferenceData, Session, VisitDef

STATUSES: tuple[str, ...] = ("attended", "late", "absent", "excused", "individual visit")
PRESENT = frozenset({"attended", "late"})
MISSED = frozenset({"absent", "excused"})
INDIVIDUAL = "individual visit"

W30_RATE1_VISITS = 6  # well-child visits on distinct dates by the 15-month birthday
W30_RATE2_VISITS = 2  # ... after it, up to the 30-month birthday
PROJECTIONS: tuple[str, ...] = ("met", "on track", "at risk", "cannot meet")
MAX_MAKE_UP_OPTIONS = 3


@dataclass(frozen=True)
class Mark:
    """The recorded status of one infant at one session."""

    session_id: str
    infant_id: str
    status: str


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
        return [s for s in self.sessions if self.held(s) and (period is None or s.day in period)]


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
        return _share(self.present, self.recorded)

    @property
    def completed_rate(self) -> float | None:
        """Well-child visit done at this session, in the group or individually instead."""
        return _share(self.present + self.counts.get(INDIVIDUAL, 0), self.recorded)


def _share(part: int, whole: int) -> float | None:
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
    return list(attendance_rates(records, lambda s: s.cohort_id, period).values())


def attendance_overall(records: Records, period: Period | None = None) -> AttendanceRate | None:
    """All groups together, or None when nothing was held in ``period``."""
    return attendance_rates(records, lambda s: "all", period).get("all")


def attendance_by_visit(records: Records, visit_order: Sequence[str],
                        period: Period | None = None) -> list[AttendanceRate]:
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
        return _share(self.present, self.base)


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


def visit_window(born: date, visit: VisitDef) -> tuple[date, date]:
    """First and last day (inclusive) of a visit's age window for a baby born on ``born``."""
    return add_age(born, visit.window.start), add_age(born, visit.window.end)


def vaccine_limits(born: date, reference: ReferenceData, visit: str) -> tuple[date, date | None]:
    """The earliest day every dose of ``visit`` may be given (scheduling minimum ages), and the
    day by which one of them is too late (``max_age`` is exclusive), or None."""
    doses = reference.doses_at(visit)
    earliest = max((add_age(born, d.min_age) for d in doses), default=born)
    too_late = [add_age(born, d.max_age) for d in doses if d.max_age]
    return earliest, min(too_late, default=None)


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
        return _share(self.on_time, self.due)


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


# --- HEDIS W30 --------------------------------------------------------------------------------


def fifteen_month_birthday(born: date) -> date:
    """HEDIS W30: the first birthday plus 90 days.

    The first birthday is twelve calendar months after birth (``core.ages.add_months``): a baby
    born on 29 February has it on 1 March of the next year, because that year has no 29
    February.
    """
    return add_months(born, 12) + timedelta(days=90)


def thirty_month_birthday(born: date) -> date:
    """HEDIS W30: the second birthday plus 180 days (a 29 February baby: 1 March + 180)."""
    return add_months(born, 24) + timedelta(days=180)


@dataclass(frozen=True)
class W30Status:
    """One infant against HEDIS W30, as of ``today``.

    ``in_rate1``/``in_rate2``: the 15-/30-month birthday falls in the period, on or before
    today (in the denominator). ``pending1``/``pending2``: it falls in the period after today.
    ``projection1``/``projection2``: for an infant who has not reached that birthday yet.
    """

    infant_id: str
    birthday_15m: date
    birthday_30m: date
    visits_rate1: int
    visits_rate2: int
    in_rate1: bool
    in_rate2: bool
    pending1: bool
    pending2: bool
    projection1: str | None
    projection2: str | None

    @property
    def met1(self) -> bool:
        return self.visits_rate1 >= W30_RATE1_VISITS

    @property
    def met2(self) -> bool:
        return self.visits_rate2 >= W30_RATE2_VISITS


def project(done: int, remaining: int, needed: int) -> str:
    """met · on track (can miss one remaining session) · at risk (must attend every one) ·
    cannot meet (too few sessions left; individual visits needed)."""
    missing = needed - done
    if missing <= 0:
        return "met"
    if remaining > missing:
        return "on track"
    return "at risk" if remaining == missing else "cannot meet"


def w30_status(infant: Infant, done: Iterable[date], remaining: Iterable[date], *,
               period: Period, today: date) -> W30Status:
    """W30 counts and projections for one infant.

    ``done``: dates of its well-child visits; ``remaining``: dates of its cohort's sessions not
    yet recorded, today or later. Dates are counted once each (distinct dates of service).
    """
    born = infant.date_of_birth
    b15, b30 = fifteen_month_birthday(born), thirty_month_birthday(born)
    done_days = {d for d in done if d <= today}
    ahead = {d for d in remaining if d >= today} - done_days
    rate1 = len({d for d in done_days if d <= b15})
    rate2 = len({d for d in done_days if b15 < d <= b30})
    left1 = len({d for d in ahead if d <= b15})
    left2 = len({d for d in ahead if b15 < d <= b30})
    active = infant.status == "active"
    return W30Status(
        infant.infant_id, b15, b30, rate1, rate2,
        in_rate1=b15 in period and b15 <= today, in_rate2=b30 in period and b30 <= today,
        pending1=b15 in period and b15 > today, pending2=b30 in period and b30 > today,
        projection1=project(rate1, left1, W30_RATE1_VISITS) if active and b15 > today else None,
        projection2=project(rate2, left2, W30_RATE2_VISITS) if active and b30 > today else None)


@dataclass(frozen=True)
class W30Rates:
    rate1_denominator: int
    rate1_numerator: int
    rate2_denominator: int
    rate2_numerator: int
    rate1_pending: int = 0
    rate2_pending: int = 0
    projections: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    @property
    def rate1(self) -> float | None:
        return _share(self.rate1_numerator, self.rate1_denominator)

    @property
    def rate2(self) -> float | None:
        return _share(self.rate2_numerator, self.rate2_denominator)


def w30_rates(statuses: Iterable[W30Status]) -> W30Rates:
    """Rates 1 and 2 over the infants in their denominators; projections counted per rate."""
    items = list(statuses)
    projections = {
        "rate1": {p: sum(s.projection1 == p for s in items) for p in PROJECTIONS},
        "rate2": {p: sum(s.projection2 == p for s in items) for p in PROJECTIONS}}
    return W30Rates(
        rate1_denominator=sum(s.in_rate1 for s in items),
        rate1_numerator=sum(s.in_rate1 and s.met1 for s in items),
        rate2_denominator=sum(s.in_rate2 for s in items),
        rate2_numerator=sum(s.in_rate2 and s.met2 for s in items),
        rate1_pending=sum(s.pending1 for s in items), rate2_pending=sum(s.pending2 for s in items),
        projections=projections)


def remaining_days(infant_id: str, cohort: Cohort | None, records: Records,
                   today: date) -> list[date]:
    """Dates of the cohort's in-person sessions from today on that are neither cancelled nor
    recorded for this infant (what the W30 projection may still count on)."""
    if cohort is None:
        return []
    marked = records.by_infant.get(infant_id, {})
    return [s.day for s in records.sessions
            if s.cohort_id == cohort.cohort_id and s.status != "cancelled"
            and s.day >= today and s.session_id not in marked and not s.virtual_link]


def measure_w30(infants: Iterable[Infant], cohorts: Iterable[Cohort], records: Records, *,
                period: Period, today: date) -> tuple[list[W30Status], W30Rates]:
    """W30 for every infant given, and the rates.

    Virtual (telehealth) group sessions do not count: HEDIS MY 2025 excludes telehealth visits
    from the W30 numerator (clinical-facts.md §2.2).
    """
    cohort_of = {i: c for c in cohorts for i in c.infant_ids}
    statuses = [
        w30_status(infant, [v.day for v in well_child_visits(infant.infant_id, records)
                            if v.kind != "virtual"],
                   remaining_days(infant.infant_id, cohort_of.get(infant.infant_id), records,
                                  today), period=period, today=today)
        for infant in sorted(infants, key=lambda i: i.infant_id)]
    return statuses, w30_rates(statuses)


# --- follow-up --------------------------------------------------------------------------------


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
                      reference: ReferenceData, *, today: date) -> list[FollowUp]:
    """Active infants whose most recent recorded session was missed (absent or excused) and
    not made up since by an individual visit. Two or more in a row come first."""
    cohorts = list(cohorts)
    cohort_of = {i: c for c in cohorts for i in c.infant_ids}
    languages = {c.cohort_id: c.language for c in cohorts}
    found = []
    for infant in infants:
        if infant.status != "active":
            continue
        streak = missed_streak(infant.infant_id, records, today)
        if not streak or _made_up(infant.infant_id, streak[-1], records, today):
            continue
        cohort = cohort_of.get(infant.infant_id)
        found.append(_follow_up(infant, cohort, streak, records, reference, today, languages))
    return sorted(found, key=lambda f: (-min(f.in_a_row, 2), f.cohort_id or "", f.infant_id))


def _made_up(infant_id: str, missed: Session, records: Records, today: date) -> bool:
    return any(v.infant_id == infant_id and missed.day <= v.day <= today for v in records.visits)


def _follow_up(infant: Infant, cohort: Cohort | None, streak: list[Session], records: Records,
               reference: ReferenceData, today: date, languages: Mapping[str, str]) -> FollowUp:
    missed = streak[-1]
    own = cohort.cohort_id if cohort else missed.cohort_id
    upcoming = [s for s in records.sessions if s.cohort_id == own and s.status != "cancelled"
                and s.day >= today and s.day > missed.day and not records.held(s)]
    options = make_up_options(infant, missed, records, reference, today=today,
                              own_cohort=own, languages=languages)
    first = last = None
    note = ""
    if not options:
        window = individual_visit_range(infant, missed.visit, reference, today=today)
        if window is None:
            note = "window closed: offer an individual catch-up visit soon"
        else:
            first, last = window
    return FollowUp(infant.infant_id, cohort.cohort_id if cohort else None, tuple(streak),
                    min(upcoming, key=lambda s: s.start, default=None), tuple(options),
                    first, last, note)


def make_up_options(infant: Infant, missed: Session, records: Records,
                    reference: ReferenceData, *, today: date, own_cohort: str,
                    languages: Mapping[str, str] | None = None) -> list[MakeUpOption]:
    """Other cohorts' sessions of the missed visit, at the same site or virtual, not yet held,
    today or later, inside this infant's window and at or after its vaccine minimum ages (and
    before any maximum age). Cohorts speaking the family's cohort's language come first."""
    born = infant.date_of_birth
    start, end = visit_window(born, reference.visit(missed.visit))
    earliest, too_late = vaccine_limits(born, reference, missed.visit)
    fits = [s for s in records.sessions
            if s.visit == missed.visit and s.cohort_id != own_cohort
            and s.status == "scheduled" and not records.held(s)
            and (s.site == missed.site or s.virtual_link)
            and max(start, earliest, today) <= s.day <= end
            and (too_late is None or s.day < too_late)]
    language = (languages or {}).get(own_cohort)
    fits.sort(key=lambda s: ((languages or {}).get(s.cohort_id) != language, s.start,
                             s.session_id))
    return [MakeUpOption(s.session_id, s.cohort_id, s.start, bool(s.virtual_link))
            for s in fits[:MAX_MAKE_UP_OPTIONS]]


def individual_visit_range(infant: Infant, visit: str, reference: ReferenceData, *,
                           today: date) -> tuple[date, date] | None:
    """The visit window clipped to today and to the visit's vaccine ages, or None if empty."""
    born = infant.date_of_birth
    start, end = visit_window(born, reference.visit(visit))
    earliest, too_late = vaccine_limits(born, reference, visit)
    first = max(start, earliest, today)
    last = min(end, too_late - timedelta(days=1)) if too_late else end
    return (first, last) if first <= last else None
