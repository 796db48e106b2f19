"""Capacity: group sessions a program will need, month by month, against what its slots host.

A *group* is anything that will meet for every remaining visit: an existing cohort, a group
still forming from infants on the roster, a group of expectant families (by due date), or a
group of projected new enrolments. Each group needs one session per remaining visit, counted in
the month of the visit's nominal age for the group's median birth date, moved into the visit's
window (``core.windows``) and never before today. A visit whose window closed before today is
not needed any more; a visit already held (a session before today) is done.

A site can host one session per slot day: every day of the slot's weekday from today on that is
not a closure or public holiday of the site (``closed_days`` comes from the caller). Rooms and
facilitators shared between slots are not modelled here; the suggested slots
(``core.capacity_slots``) are checked by re-running the scheduler, which does model them.

Projected enrolments come in as fractions of a group (``enrolments per month / group size``),
each assumed born in the middle of the month it enrols. Everything here is pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from groupwcc.core.ages import add_age, add_months
from groupwcc.core.cohort_rules import active_members
from groupwcc.core.windows import visit_window
from groupwcc.models import Cohort, CohortPolicy, Flag, Infant, Session, Slot, VisitDef

Kind = Literal["cohort", "forming", "expectant", "projected"]
KINDS: tuple[Kind, ...] = ("cohort", "forming", "expectant", "projected")
HORIZON_MONTHS = 12
RATE_MONTHS = 6  # enrolment rate: the last six months


@dataclass(frozen=True)
class Group:
    """A group that will need sessions: ``born`` is its median birth (or due) date; ``weight``
    is 1 for a real group and a fraction for projected enrolments; ``done`` are visits held."""

    site: str
    kind: Kind
    born: date
    weight: float = 1.0
    done: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CapacityRow:
    """One site and month: sessions needed by kind, sessions the slots can host."""

    site: str
    month: date  # the first of the month
    needed: Mapping[Kind, float]
    available: int

    @property
    def total(self) -> float:
        return sum(self.needed.values())

    @property
    def utilisation(self) -> float | None:
        """Needed / available; None when the site has no slot day that month."""
        return self.total / self.available if self.available else None

    @property
    def short(self) -> float:
        """Sessions needed beyond what the slots host (0 when there is room)."""
        return max(self.total - self.available, 0.0)


def month_start(day: date) -> date:
    return day.replace(day=1)


def horizon(today: date, months: int = HORIZON_MONTHS) -> list[date]:
    """The first day of this month and of each of the next ``months - 1``."""
    first = month_start(today)
    return [add_months(first, n) for n in range(months)]


def visit_month(born: date, visit: VisitDef, today: date) -> date | None:
    """The month a group born on ``born`` needs ``visit``: its nominal age, moved into the
    visit window and not before today; None when the window closed before today."""
    opens, closes = visit_window(born, visit)
    if closes < today:
        return None
    day = min(max(add_age(born, visit.nominal), opens, today), closes)
    return month_start(day)


def sessions_needed(groups: Iterable[Group], visits: Sequence[VisitDef], *, today: date,
                    months: int = HORIZON_MONTHS) -> dict[tuple[str, date, Kind], float]:
    """(site, month, kind) → sessions needed within the horizon."""
    wanted = set(horizon(today, months))
    needed: dict[tuple[str, date, Kind], float] = defaultdict(float)
    for group in groups:
        for visit in visits:
            if visit.key in group.done:
                continue
            month = visit_month(group.born, visit, today)
            if month in wanted:
                needed[(group.site, month, group.kind)] += group.weight
    return dict(needed)


def sessions_available(slots: Iterable[Slot], closed_days: Mapping[str, Iterable[date]], *,
                       today: date, months: int = HORIZON_MONTHS) -> dict[tuple[str, date], int]:
    """(site, month) → slot days from today on that are not closed (one session each)."""
    months_ = horizon(today, months)
    end = add_months(months_[-1], 1)
    closed = {site: frozenset(days) for site, days in closed_days.items()}
    available: dict[tuple[str, date], int] = defaultdict(int)
    for slot in slots:
        shut = closed.get(slot.site, frozenset())
        day = today + timedelta(days=(slot.weekday_index - today.weekday()) % 7)
        while day < end:
            if day not in shut:
                available[(slot.site, month_start(day))] += 1
            day += timedelta(days=7)
    return dict(available)


def capacity_rows(groups: Sequence[Group], visits: Sequence[VisitDef], slots: Sequence[Slot],
                  closed_days: Mapping[str, Iterable[date]], *, sites: Sequence[str],
                  today: date, months: int = HORIZON_MONTHS) -> list[CapacityRow]:
    """One row per site and month of the horizon, sites in the given order."""
    needed = sessions_needed(groups, visits, today=today, months=months)
    available = sessions_available(slots, closed_days, today=today, months=months)
    return [CapacityRow(site, month, {k: needed.get((site, month, k), 0.0) for k in KINDS},
                        available.get((site, month), 0))
            for site in sites for month in horizon(today, months)]


def first_short_month(rows: Iterable[CapacityRow], site: str) -> date | None:
    """The first month ``site`` needs more sessions than its slots host, or None."""
    return next((r.month for r in rows if r.site == site and r.short > 0), None)


# --- groups from cohorts, births, due dates and the enrolment rate --------------------------

def cohort_groups(cohorts: Iterable[Cohort], infants: Mapping[str, Infant],
                  sessions: Iterable[Session], *, today: date) -> list[Group]:
    """One group per cohort with active members; visits with a session before today are done
    (a cancelled one is not: the cohort may still need that visit)."""
    done: dict[str, set[str]] = defaultdict(set)
    for session in sessions:
        if session.status != "cancelled" and session.day < today:
            done[session.cohort_id].add(session.visit)
    groups = []
    for cohort in cohorts:
        members = active_members(cohort, infants)
        if members:
            born = median_day([m.date_of_birth for m in members])
            groups.append(Group(cohort.site, "cohort", born,
                                done=frozenset(done.get(cohort.cohort_id, ()))))
    return groups


def group_births(days: Sequence[date], policy: CohortPolicy) -> list[list[date]]:
    """Cut sorted birth (or due) dates into groups of at most ``max_size`` within
    ``max_spread_days``, oldest first: how the forming list and the forecast count groups."""
    groups: list[list[date]] = []
    for day in sorted(days):
        current = groups[-1] if groups else None
        if (current is not None and len(current) < policy.max_size
                and (day - current[0]).days <= policy.max_spread_days):
            current.append(day)
        else:
            groups.append([day])
    return groups


def median_day(days: Sequence[date]) -> date:
    """The median of ``days`` (the older of the two middle ones), as the scheduler uses."""
    ordered = sorted(days)
    return ordered[(len(ordered) - 1) // 2]


def groups_from_births(site: str, kind: Kind, days: Sequence[date],
                       policy: CohortPolicy) -> list[Group]:
    """Forming or expectant groups of one site and language."""
    return [Group(site, kind, median_day(g)) for g in group_births(days, policy)]


def enrolment_rate(enrolled: Iterable[date | None], *, today: date) -> float:
    """Infants enrolled per month over the last :data:`RATE_MONTHS` months (to today)."""
    since = add_months(today, -RATE_MONTHS)
    return sum(1 for day in enrolled if day is not None and since < day <= today) / RATE_MONTHS


def projected_groups(site: str, rate: float, group_size: float, *, today: date,
                     months: int = HORIZON_MONTHS) -> list[Group]:
    """Fractional groups of future enrolments, one per coming month (born mid-month)."""
    if rate <= 0 or group_size <= 0:
        return []
    return [Group(site, "projected", month.replace(day=15), weight=rate / group_size)
            for month in horizon(today, months)[1:]]


# --- sessions ``plan`` could not schedule for lack of slots -----------------------------------

NO_FREE_DAY = "no free day of the cohort's slot"  # core.scheduling's reason for such flags


def short_of_slots(flags: Iterable[Flag], cohorts: Iterable[Cohort], slots: Iterable[Slot],
                   closed_days: Mapping[str, Iterable[date]] | None = None
                   ) -> dict[str, set[str]]:
    """Site → sessions left without a date although a day of the cohort's slot weekday lies in
    a flagged infant's own range: the slot days were taken by other cohorts (lack of slots),
    not closed by the infant's window (those flags are the window's doing)."""
    slot_of = {c.cohort_id: c for c in cohorts}
    by_id = {s.slot_id: s for s in slots}
    closed = {site: frozenset(days) for site, days in (closed_days or {}).items()}
    short: dict[str, set[str]] = defaultdict(set)
    for flag in flags:
        if NO_FREE_DAY not in flag.reason or flag.suggest_from is None or flag.suggest_to is None:
            continue
        cohort = slot_of.get(flag.session_id.rsplit("-", 1)[0])
        slot = by_id.get(cohort.slot_id or "") if cohort else None
        if cohort is None or slot is None:
            continue
        shut = closed.get(cohort.site, frozenset())
        day = flag.suggest_from + timedelta(
            days=(slot.weekday_index - flag.suggest_from.weekday()) % 7)
        while day <= flag.suggest_to:
            if day not in shut:
                short[cohort.site].add(flag.session_id)
                break
            day += timedelta(days=7)
    return dict(short)
