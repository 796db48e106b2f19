"""Choosing the date of every group session.

A session stands in for each infant's individual well-child visit, so its date must suit every
infant of the cohort (docs/explanation/scheduling.md):

* on the cohort's weekly slot, not on a closure or public holiday of its site;
* inside each infant's visit window, at or after every scheduling minimum age of that visit's
  vaccine doses, and before any maximum age (rotavirus);
* at least 28 days after the cohort's previous session, and at least each dose's minimum
  interval after the session that gave the earlier dose;
* no room and no facilitator in two places at once;
* as close as possible to the nominal age of the cohort's median infant; never before today.

When no date suits everyone, the date that suits the most infants is chosen and every infant
left outside gets a *flag* with the reason and a suggested individual-visit date range.
Existing sessions keep their dates (they may be published); infants they no longer suit are
flagged, never silently moved.

Everything here is pure: dates in, sessions out. ``closed_days`` comes from the caller.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from groupwcc.core.ages import add_age, parse_age
from groupwcc.models import (
    Cohort,
    DoseRule,
    Flag,
    Infant,
    ReferenceData,
    SchedulePlan,
    Session,
    Slot,
    VisitDef,
)

MIN_GAP_DAYS = 28  # between two sessions of one cohort (4 weeks, clinical-facts §3.3)
SEARCH_WEEKS = 30  # how far past the last window end a fallback date may be looked for


@dataclass(frozen=True)
class Limit:
    """One constraint on an infant's date for a visit: ``day`` and why."""

    day: date
    why: str


@dataclass(frozen=True)
class InfantRange:
    """The days one infant can have one visit: ``first``..``last`` inclusive."""

    infant_id: str
    first: Limit
    last: Limit

    def fits(self, day: date) -> bool:
        return self.first.day <= day <= self.last.day


@lru_cache(maxsize=256)
def age_words(text: str) -> str:
    """``6w`` → ``6 weeks``, ``12m-4d`` → ``12 months -4 days``."""
    units = {"y": "year", "m": "month", "w": "week", "d": "day"}
    parts = []
    for amount, unit in parse_age(text).terms:
        word = units[unit] + ("" if abs(amount) == 1 else "s")
        parts.append(f"{amount} {word}")
    return " ".join(parts)


def infant_range(infant: Infant, visit: VisitDef, doses: Sequence[DoseRule]) -> InfantRange:
    """Window ∩ vaccine minimum ages ∩ maximum ages, each end with its reason."""
    born = infant.date_of_birth
    first = Limit(add_age(born, visit.window.start),
                  f"below the {visit.label} window (opens at {age_words(visit.window.start)})")
    by_min: dict[str, list[DoseRule]] = defaultdict(list)
    for dose in doses:
        by_min[dose.min_age].append(dose)
    for min_age, rules in by_min.items():
        day = add_age(born, min_age)
        if day >= first.day:  # equal: the vaccine reason says more than the window
            names = ", ".join(f"{r.vaccine} {r.dose}" for r in rules)
            first = Limit(day, f"below {age_words(min_age)}: {visit.label} vaccines "
                               f"({names}) not yet due")
    last = Limit(add_age(born, visit.window.end),
                 f"past the {visit.label} window (closes at {age_words(visit.window.end)})")
    for dose in doses:
        if dose.max_age:
            day = add_age(born, dose.max_age) - timedelta(days=1)
            if day < last.day:
                last = Limit(day, f"{age_words(dose.max_age)} or older: {dose.vaccine} dose "
                                  f"{dose.dose} must be given before that age")
    return InfantRange(infant.infant_id, first, last)


def individual_window(infant: Infant, visit: VisitDef, doses: Sequence[DoseRule], *,
                      today: date) -> tuple[date, date]:
    """A suggested date range for an individual visit instead of the group session."""
    rng = infant_range(infant, visit, doses)
    first = max(rng.first.day, today)
    last = rng.last.day if rng.last.day >= first else max(add_age(infant.date_of_birth,
                                                                  visit.window.end), first)
    return first, last


def _reason(rng: InfantRange, day: date) -> str | None:
    if day < rng.first.day:
        return f"{rng.first.why} on {day:%Y-%m-%d}"
    if day > rng.last.day:
        return f"{rng.last.why} on {day:%Y-%m-%d}"
    return None


# --- the scheduler --------------------------------------------------------------------------

@dataclass
class _Bookings:
    """Rooms and facilitators already taken: (resource, day) → [(start, end)]."""

    taken: dict[tuple[str, date], list[tuple[time, time]]]

    @classmethod
    def of(cls, sessions: Iterable[Session]) -> _Bookings:
        bookings = cls(defaultdict(list))
        for session in sessions:
            if session.status != "cancelled":
                bookings.add(session)
        return bookings

    @staticmethod
    def resources(site: str, room: str | None, facilitators: Iterable[str]) -> list[str]:
        where = [f"room:{site}:{room}"] if room else []
        return where + [f"person:{f}" for f in facilitators]

    def add(self, session: Session) -> None:
        for resource in self.resources(session.site, session.room, session.facilitators):
            self.taken[(resource, session.day)].append(
                (session.start.timetz().replace(tzinfo=None),
                 session.end.timetz().replace(tzinfo=None)))

    def free(self, resources: Sequence[str], day: date, start: time, end: time) -> bool:
        return not any(s < end and start < e for r in resources
                       for s, e in self.taken.get((r, day), ()))


def schedule_sessions(cohorts: Sequence[Cohort], infants: Mapping[str, Infant],
                      reference: ReferenceData, *, visits: Sequence[str],
                      slots: Mapping[str, Slot], closed_days: Mapping[str, Iterable[date]],
                      timezone: str, today: date, existing: Sequence[Session] = (),
                      session_minutes: int | None = None) -> SchedulePlan:
    """Sessions for every cohort and visit, keeping existing ones; flags for misfits."""
    zone = ZoneInfo(timezone)
    wanted = [v for v in reference.visits if v.key in set(visits)]
    kept = {s.session_id: s for s in existing}
    gaps = _interval_gaps(reference)
    bookings = _Bookings.of(existing)
    closed = {site: frozenset(days) for site, days in closed_days.items()}
    sessions: list[Session] = []
    flags: list[Flag] = []
    for cohort in sorted(cohorts, key=lambda c: c.cohort_id):
        members = [infants[i] for i in cohort.infant_ids
                   if i in infants and infants[i].status == "active"]
        slot = slots.get(cohort.slot_id or "")
        previous: dict[str, date] = {}  # visit key → day of this cohort's session
        for visit in wanted:
            session_id = f"{cohort.cohort_id}-{visit.key}".upper()
            doses = reference.doses_at(visit.key)
            ranges = [infant_range(m, visit, doses) for m in members]
            if session_id in kept:
                session = kept[session_id]
            elif slot is None or not members:
                continue
            else:
                floor = _floor(today, previous, gaps.get(visit.key, ()))
                day = _choose_day(ranges, members, visit, slot, closed.get(cohort.site, ()),
                                  floor, bookings, session_minutes)
                if day is None:
                    continue
                if not any(r.fits(day) for r in ranges):  # a session nobody can use: none
                    flags += _no_session_flags(session_id, members, visit, doses, today)
                    continue
                session = _session(session_id, cohort, visit.key, day, slot, zone,
                                   session_minutes)
                bookings.add(session)
            sessions.append(session)
            if session.status != "cancelled":
                previous[visit.key] = session.day
                if session.day >= today or session_id not in kept:
                    flags += _flags(session, ranges, members, visit, doses, today)
    return SchedulePlan(sessions=tuple(sessions), flags=tuple(flags))


def _interval_gaps(reference: ReferenceData) -> dict[str, list[tuple[str, str]]]:
    """Visit → (earlier visit, minimum interval) for every dose interval, computed once."""
    given_at = {(d.vaccine, d.dose): d.visit for d in reference.doses}
    gaps: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for dose in reference.doses:
        for interval in dose.intervals:
            earlier = given_at.get((dose.vaccine, interval.from_dose))
            if earlier is not None:
                gaps[dose.visit].append((earlier, interval.min))
    return gaps


def _floor(today: date, previous: Mapping[str, date], gaps: Sequence[tuple[str, str]]) -> date:
    """Earliest day: today, 28 days after the last session, dose intervals after earlier ones."""
    floor = today
    if previous:
        floor = max(floor, max(previous.values()) + timedelta(days=MIN_GAP_DAYS))
    for earlier, interval in gaps:
        if earlier in previous:
            floor = max(floor, add_age(previous[earlier], interval))
    return floor


def _choose_day(ranges: Sequence[InfantRange], members: Sequence[Infant], visit: VisitDef,
                slot: Slot, closed: Iterable[date], floor: date, bookings: _Bookings,
                session_minutes: int | None) -> date | None:
    """The slot day that fits most infants, then is nearest the median infant's nominal age.

    Returns None when the visit is already past for the whole cohort.
    """
    if all(r.last.day < floor for r in ranges):
        return None  # every infant is past this visit (or it cannot follow the previous one)
    closed = frozenset(closed)
    births = sorted(m.date_of_birth for m in members)
    target = add_age(births[(len(births) - 1) // 2], visit.nominal)
    first = max(floor, min(r.first.day for r in ranges))
    last = max(max(r.last.day for r in ranges), first + timedelta(weeks=SEARCH_WEEKS))
    day = first + timedelta(days=(slot.weekday_index - first.weekday()) % 7)
    end = _end_time(slot, session_minutes)
    resources = _Bookings.resources(slot.site, slot.room, slot.facilitators)
    best: tuple[int, int, date] | None = None
    while day <= last:
        if day not in closed and bookings.free(resources, day, slot.start, end):
            fits = sum(1 for r in ranges if r.fits(day))
            key = (-fits, abs((day - target).days), day)
            if best is None or key < best:
                best = key
        day += timedelta(days=7)
    return best[2] if best else None


def _end_time(slot: Slot, session_minutes: int | None) -> time:
    if session_minutes is None:
        return slot.end
    end = datetime.combine(date(2000, 1, 1), slot.start) + timedelta(minutes=session_minutes)
    return end.time()


def _session(session_id: str, cohort: Cohort, visit: str, day: date, slot: Slot,
             zone: ZoneInfo, session_minutes: int | None) -> Session:
    start = datetime.combine(day, slot.start, zone)
    end = datetime.combine(day, _end_time(slot, session_minutes), zone)
    return Session(session_id=session_id, cohort_id=cohort.cohort_id, visit=visit, start=start,
                   end=end, site=cohort.site, room=slot.room, virtual_link=slot.virtual_link,
                   facilitators=slot.facilitators)


def _no_session_flags(session_id: str, members: Sequence[Infant], visit: VisitDef,
                      doses: Sequence[DoseRule], today: date) -> list[Flag]:
    """No slot day suits anyone (closures, the previous session): individual visits."""
    flags = []
    for infant in members:
        first, last = individual_window(infant, visit, doses, today=today)
        flags.append(Flag(infant_id=infant.infant_id, session_id=session_id,
                          reason=f"no {visit.label} group session: no free day of the "
                                 "cohort's slot falls inside this infant's window and vaccine "
                                 "ages; book an individual visit",
                          suggest_from=first, suggest_to=last))
    return flags


def _flags(session: Session, ranges: Sequence[InfantRange], members: Sequence[Infant],
           visit: VisitDef, doses: Sequence[DoseRule], today: date) -> list[Flag]:
    flags = []
    for rng, infant in zip(ranges, members, strict=True):
        reason = _reason(rng, session.day)
        if reason:
            first, last = individual_window(infant, visit, doses, today=today)
            flags.append(Flag(infant_id=infant.infant_id, session_id=session.session_id,
                              reason=reason, suggest_from=first, suggest_to=last))
    return flags


# --- checking one date (``sessions move``) --------------------------------------------------

def check_session_date(session: Session, day: date, members: Sequence[Infant],
                       reference: ReferenceData, *, slot: Slot | None, closed: Iterable[date],
                       today: date, other_sessions: Sequence[Session] = ()) -> list[str]:
    """Every hard rule ``day`` would break for ``session``, in words; empty when it is fine."""
    problems = []
    if day < today:
        problems.append(f"{day:%Y-%m-%d} is in the past")
    if day in frozenset(closed):
        problems.append(f"{day:%Y-%m-%d} is a closure or public holiday at {session.site}")
    if slot is not None and day.weekday() != slot.weekday_index:
        problems.append(f"{day:%A} is not the cohort's slot day ({slot.weekday})")
    visit = reference.visit(session.visit)
    doses = reference.doses_at(session.visit)
    for infant in members:
        reason = _reason(infant_range(infant, visit, doses), day)
        if reason:
            problems.append(f"{infant.infant_id}: {reason}")
    order = [v.key for v in reference.visits]
    mine = [s for s in other_sessions
            if s.cohort_id == session.cohort_id and s.status != "cancelled"]
    for other in mine:
        gap = abs((other.day - day).days)
        if gap < MIN_GAP_DAYS:
            problems.append(f"only {gap} days from {other.session_id} (at least "
                            f"{MIN_GAP_DAYS} between sessions of a cohort)")
        before = order.index(other.visit) < order.index(session.visit)
        if before != (other.day < day):
            problems.append(f"visits out of order with {other.session_id} ({other.day:%Y-%m-%d})")
    start = session.start.timetz().replace(tzinfo=None)
    end = session.end.timetz().replace(tzinfo=None)
    moved_bookings = _Bookings.of(s for s in other_sessions if s.session_id != session.session_id)
    for resource in _Bookings.resources(session.site, session.room, session.facilitators):
        if not moved_bookings.free([resource], day, start, end):
            what = resource.split(":", 1)[1]
            problems.append(f"{what.replace(':', ' ')} is already booked then")
    return problems


# --- quality measures and the baseline the benchmark compares with --------------------------

def count_on_time(schedule: SchedulePlan, cohorts: Sequence[Cohort],
                  infants: Mapping[str, Infant], reference: ReferenceData) -> dict[str, float]:
    """How many infant-visits the sessions serve well.

    ``infant_visits``: each member of each non-cancelled session, plus each infant flagged for a
    visit that got no session at all; ``on_time_no_flag``: the session date suits the infant
    (window and vaccine ages); ``below_min_age``: the infant is below a vaccine minimum age on
    the session date (the dose would have to wait: a second visit)."""
    members = {c.cohort_id: [infants[i] for i in c.infant_ids if i in infants]
               for c in cohorts}
    total = on_time = below = 0
    scheduled = set()
    for session in schedule.sessions:
        if session.status == "cancelled" or session.cohort_id not in members:
            continue
        scheduled.add(session.session_id)
        visit = reference.visit(session.visit)
        doses = reference.doses_at(session.visit)
        for infant in members[session.cohort_id]:
            total += 1
            on_time += infant_range(infant, visit, doses).fits(session.day)
            below += any(add_age(infant.date_of_birth, d.min_age) > session.day for d in doses)
    total += sum(1 for f in schedule.flags if f.session_id not in scheduled)
    return {"infant_visits": total, "on_time_no_flag": on_time, "below_min_age": below,
            "share": round(on_time / total, 4) if total else 0.0}


def schedule_birth_month_baseline(cohorts: Sequence[Cohort], infants: Mapping[str, Infant],
                                  reference: ReferenceData, *, visits: Sequence[str],
                                  slots: Mapping[str, Slot], timezone: str,
                                  today: date) -> SchedulePlan:
    """Common practice: each group meets on its site's first slot nearest the median infant's
    nominal age for each visit, ignoring vaccine ages, holidays and other groups."""
    zone = ZoneInfo(timezone)
    by_site: dict[str, Slot] = {}
    for each in slots.values():
        by_site.setdefault(each.site, each)
    sessions = []
    for cohort in cohorts:
        found = by_site.get(cohort.site)
        members = sorted(infants[i].date_of_birth for i in cohort.infant_ids if i in infants)
        if found is None or not members:
            continue
        median = members[(len(members) - 1) // 2]
        for visit in reference.visits:
            if visit.key not in visits:
                continue
            target = add_age(median, visit.nominal)
            shift = (found.weekday_index - target.weekday()) % 7
            day = target + timedelta(days=shift if shift <= 3 else shift - 7)
            if day < today:
                continue
            sessions.append(_session(f"{cohort.cohort_id}-{visit.key}".upper(), cohort,
                                     visit.key, day, found, zone, None))
    return SchedulePlan(sessions=tuple(sessions))
