"""When may this infant have visit V: the one home of that rule.

Scheduling, flags, follow-up, agendas and the measures all ask here. The answer for one infant
and one visit is the visit's age window (visits.yaml, or the program's ``visit_windows``)
intersected with every dose of that visit: on or after each *scheduling* minimum age, and before
each maximum age (``max_age`` is exclusive: rotavirus dose 1 never at 15 weeks 0 days or older).
Vaccine ages always go by chronological age, also for preterm infants (clinical-facts.md §3.3,
§4); the visit windows in the reference data are chronological too.

Dose *intervals* depend on when the earlier dose was given, so they are not part of one
infant's range: :func:`interval_gaps` gives them per visit for the scheduler.

An individual visit (instead of a missed or unsuitable group session) may be booked on the days
of that range from today on. When none are left the visit's window is *closed*: no range is
suggested, and the family is offered a catch-up visit instead (:data:`CLOSED_NOTE`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from groupwcc.core.ages import add_age
from groupwcc.core.words import say_age
from groupwcc.models import DoseRule, Infant, ReferenceData, VisitDef

CLOSED_NOTE = "window closed: offer an individual catch-up visit soon"


@dataclass(frozen=True)
class Limit:
    """One end of an infant's range for a visit: ``day`` and why it is the end."""

    day: date
    why: str


@dataclass(frozen=True)
class VisitRange:
    """The days one infant can have one visit: ``first``..``last`` inclusive (may be empty)."""

    infant_id: str
    first: Limit
    last: Limit

    def fits(self, day: date) -> bool:
        return self.first.day <= day <= self.last.day

    def reason(self, day: date) -> str | None:
        """Why ``day`` does not suit this infant, in words; None when it does."""
        if day < self.first.day:
            return f"{self.first.why} on {day:%Y-%m-%d}"
        if day > self.last.day:
            return f"{self.last.why} on {day:%Y-%m-%d}"
        return None


def visit_window(born: date, visit: VisitDef) -> tuple[date, date]:
    """First and last day (inclusive) of a visit's age window for a baby born on ``born``."""
    return add_age(born, visit.window.start), add_age(born, visit.window.end)


def dose_first_day(born: date, dose: DoseRule) -> date:
    """The first day ``dose`` may be scheduled (its scheduling minimum age, never the grace)."""
    return add_age(born, dose.min_age)


def dose_last_day(born: date, dose: DoseRule) -> date | None:
    """The last day ``dose`` may be given (the day before its maximum age), or None."""
    return add_age(born, dose.max_age) - timedelta(days=1) if dose.max_age else None


def visit_range(infant: Infant, visit: VisitDef, doses: Sequence[DoseRule]) -> VisitRange:
    """Window ∩ vaccine minimum ages ∩ maximum ages, each end with its reason."""
    born = infant.date_of_birth
    start, end = visit_window(born, visit)
    first = Limit(start, f"below the {visit.label} window (opens at "
                         f"{say_age(visit.window.start)})")
    by_min: dict[str, list[DoseRule]] = defaultdict(list)
    for dose in doses:
        by_min[dose.min_age].append(dose)
    for min_age, rules in by_min.items():
        day = dose_first_day(born, rules[0])
        if day >= first.day:  # equal: the vaccine reason says more than the window
            names = ", ".join(f"{r.vaccine} {r.dose}" for r in rules)
            first = Limit(day, f"below {say_age(min_age)}: {visit.label} vaccines "
                               f"({names}) not yet due")
    last = Limit(end, f"past the {visit.label} window (closes at {say_age(visit.window.end)})")
    for dose in doses:
        day_or_none = dose_last_day(born, dose)
        if day_or_none is not None and day_or_none < last.day:
            last = Limit(day_or_none, f"{say_age(dose.max_age or '')} or older: {dose.vaccine} "
                                      f"dose {dose.dose} must be given before that age")
    return VisitRange(infant.infant_id, first, last)


def individual_visit_range(infant: Infant, visit: VisitDef, doses: Sequence[DoseRule], *,
                           today: date) -> tuple[date, date] | None:
    """Days for an individual visit instead of the group: the infant's range from ``today`` on,
    or None when the window is closed (the range is empty or already past)."""
    rng = visit_range(infant, visit, doses)
    first = max(rng.first.day, today)
    return (first, rng.last.day) if first <= rng.last.day else None


def interval_gaps(reference: ReferenceData) -> dict[str, list[tuple[str, str]]]:
    """Visit → (earlier visit, minimum interval) for every dose interval of the reference data:
    a session of that visit waits this long after the session that gave the earlier dose."""
    given_at = {(d.vaccine, d.dose): d.visit for d in reference.doses}
    gaps: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for dose in reference.doses:
        for interval in dose.intervals:
            earlier = given_at.get((dose.vaccine, interval.from_dose))
            if earlier is not None:
                gaps[dose.visit].append((earlier, interval.min))
    return gaps
