"""The common practice groupwcc is compared with in ``make bench`` (never used by the product).

Birth-month cohorts: one group per site, language and calendar month of birth. Birth-month
scheduling: each group meets on its site's first slot nearest the median infant's nominal age,
ignoring vaccine ages, holidays and other groups. ``count_on_time`` scores either plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from groupwcc.core.ages import add_age
from groupwcc.core.cohort_rules import ineligible_reason
from groupwcc.core.cohorts import letters
from groupwcc.core.scheduling import new_session
from groupwcc.core.windows import dose_first_day, visit_range
from groupwcc.models import (
    Cohort,
    CohortPlan,
    CohortPolicy,
    Infant,
    ReferenceData,
    SchedulePlan,
    Slot,
    UnplacedInfant,
)


def form_birth_month_cohorts(infants: Sequence[Infant], policy: CohortPolicy) -> CohortPlan:
    """The common practice: one group per site, language and calendar month of birth, split
    into groups of at most ``max_size``; a month with fewer than ``min_size`` forms no group."""
    groups: dict[tuple[str, str, int, int], list[Infant]] = defaultdict(list)
    unplaced = []
    for infant in sorted(infants, key=lambda i: (i.date_of_birth, i.infant_id)):
        reason = ineligible_reason(infant)
        if reason:
            unplaced.append(UnplacedInfant(infant_id=infant.infant_id, status="ineligible",
                                           reason=reason))
            continue
        born = infant.date_of_birth
        groups[(infant.site, infant.language, born.year, born.month)].append(infant)
    cohorts = []
    for (site, language, year, month), members in sorted(groups.items()):
        if len(members) < policy.min_size:
            unplaced += [UnplacedInfant(infant_id=m.infant_id, status="unplaceable",
                                        reason="birth month too small") for m in members]
            continue
        chunks = -(-len(members) // policy.max_size)
        for n in range(chunks):
            part = members[n::chunks]
            cohorts.append(Cohort(cohort_id=f"{site.upper()}-{year}-{month:02d}-{letters(n)}",
                                  site=site, language=language,
                                  infant_ids=tuple(m.infant_id for m in part)))
    return CohortPlan(cohorts=tuple(cohorts), unplaced=tuple(unplaced))


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
            on_time += visit_range(infant, visit, doses).fits(session.day)
            below += any(dose_first_day(infant.date_of_birth, d) > session.day for d in doses)
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
            sessions.append(new_session(f"{cohort.cohort_id}-{visit.key}".upper(), cohort,
                                     visit.key, day, found, zone, None))
    return SchedulePlan(sessions=tuple(sessions))
