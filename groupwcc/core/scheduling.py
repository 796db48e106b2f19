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
from zoneinfo import ZoneInfo

from groupwcc.core.ages import add_age
from groupwcc.core.cohort_rules import active_members
from groupwcc.core.windows import (
    CLOSED_NOTE,
    VisitRange,
    individual_visit_range,
    interval_gaps,
    visit_range,
)
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
    gaps = interval_gaps(reference)
    bookings = _Bookings.of(existing)
    closed = {site: frozenset(days) for site, days in closed_days.items()}
    sessions: list[Session] = []
    flags: list[Flag] = []
    memo: dict[tuple[date, str], VisitRange] = {}
    for cohort in sorted(cohorts, key=lambda c: c.cohort_id):
        members = active_members(cohort, infants)
        slot = slots.get(cohort.slot_id or "")
        previous: dict[str, date] = {}  # visit key → day of this cohort's session
        for visit in wanted:
            session_id = f"{cohort.cohort_id}-{visit.key}".upper()
            doses = reference.scheduling_doses_at(visit.key)
            ranges = _ranges(members, visit, doses, memo)
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
                session = new_session(session_id, cohort, visit.key, day, slot, zone,
                                   session_minutes)
                bookings.add(session)
            sessions.append(session)
            if session.status != "cancelled":
                previous[visit.key] = session.day
                if session.day >= today or session_id not in kept:
                    flags += _flags(session, ranges, members, visit, doses, today)
    return SchedulePlan(sessions=tuple(sessions), flags=tuple(flags))


def _ranges(members: Sequence[Infant], visit: VisitDef, doses: Sequence[DoseRule],
            memo: dict[tuple[date, str], VisitRange]) -> list[VisitRange]:
    """Each member's range for ``visit``. A range depends only on the birth date (and the
    visit's doses, fixed per visit), and a large roster has several babies born each day, so
    ranges are computed once per birth date and visit."""
    found = []
    for infant in members:
        key = (infant.date_of_birth, visit.key)
        rng = memo.get(key)
        if rng is None:
            rng = memo[key] = visit_range(infant, visit, doses)
        elif rng.infant_id != infant.infant_id:
            rng = VisitRange(infant.infant_id, rng.first, rng.last)
        found.append(rng)
    return found


def _floor(today: date, previous: Mapping[str, date], gaps: Sequence[tuple[str, str]]) -> date:
    """Earliest day: today, 28 days after the last session, dose intervals after earlier ones."""
    floor = today
    if previous:
        floor = max(floor, max(previous.values()) + timedelta(days=MIN_GAP_DAYS))
    for earlier, interval in gaps:
        if earlier in previous:
            floor = max(floor, add_age(previous[earlier], interval))
    return floor


def _choose_day(ranges: Sequence[VisitRange], members: Sequence[Infant], visit: VisitDef,
                slot: Slot, closed: Iterable[date], floor: date, bookings: _Bookings,
                session_minutes: int | None) -> date | None:
    """The slot day that fits most infants; among those, the one with the fewest infants too
    young (below a vaccine minimum age or before the window opens), then the one nearest the
    median infant's nominal age. A baby too young for the visit's doses needs a second visit,
    while a baby a little late is brought up to date at the group (clinical-facts: doses are
    never scheduled before the minimum age; late items are caught up at the earliest visit).

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
    spans = [(r.first.day, r.last.day) for r in ranges]  # plain pairs: this loop is hot
    best: tuple[int, int, int, date] | None = None
    while day <= last:
        if day not in closed and bookings.free(resources, day, slot.start, end):
            fits = sum(1 for lo, hi in spans if lo <= day <= hi)
            too_young = sum(1 for lo, _ in spans if day < lo)
            key = (-fits, too_young, abs((day - target).days), day)
            if best is None or key < best:
                best = key
        day += timedelta(days=7)
    return best[-1] if best else None


def _end_time(slot: Slot, session_minutes: int | None) -> time:
    if session_minutes is None:
        return slot.end
    end = datetime.combine(date(2000, 1, 1), slot.start) + timedelta(minutes=session_minutes)
    return end.time()


def new_session(session_id: str, cohort: Cohort, visit: str, day: date, slot: Slot,
             zone: ZoneInfo, session_minutes: int | None) -> Session:
    """The session of ``cohort`` for ``visit`` on ``day`` at the slot's time, in ``zone``."""
    start = datetime.combine(day, slot.start, zone)
    end = datetime.combine(day, _end_time(slot, session_minutes), zone)
    return Session(session_id=session_id, cohort_id=cohort.cohort_id, visit=visit, start=start,
                   end=end, site=cohort.site, room=slot.room, virtual_link=slot.virtual_link,
                   facilitators=slot.facilitators)


def _no_session_flags(session_id: str, members: Sequence[Infant], visit: VisitDef,
                      doses: Sequence[DoseRule], today: date) -> list[Flag]:
    """No slot day suits anyone (closures, the previous session): individual visits."""
    reason = (f"no {visit.label} group session: no free day of the cohort's slot falls inside "
              "this infant's window and vaccine ages")
    return [_flag(infant, session_id, reason, visit, doses, today,
                  advice="book an individual visit") for infant in members]


def _flags(session: Session, ranges: Sequence[VisitRange], members: Sequence[Infant],
           visit: VisitDef, doses: Sequence[DoseRule], today: date) -> list[Flag]:
    flags = []
    for rng, infant in zip(ranges, members, strict=True):
        reason = rng.reason(session.day)
        if reason:
            flags.append(_flag(infant, session.session_id, reason, visit, doses, today))
    return flags


def _flag(infant: Infant, session_id: str, reason: str, visit: VisitDef,
          doses: Sequence[DoseRule], today: date, *, advice: str = "") -> Flag:
    """A flag with the individual-visit range the follow-up list would offer too; none when
    the window is closed, and then the reason says so instead of ``advice``."""
    found = individual_visit_range(infant, visit, doses, today=today)
    if found is None:
        return Flag(infant_id=infant.infant_id, session_id=session_id,
                    reason=f"{reason}; {CLOSED_NOTE}")
    return Flag(infant_id=infant.infant_id, session_id=session_id,
                reason=f"{reason}; {advice}" if advice else reason,
                suggest_from=found[0], suggest_to=found[1])


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
    doses = reference.scheduling_doses_at(session.visit)
    for infant in members:
        reason = visit_range(infant, visit, doses).reason(day)
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
