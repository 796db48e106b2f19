"""Forming cohorts: which infants meet together for two years.

The rules (docs/explanation/cohorts.md): a cohort has one site and one language; only active
infants with group consent; ``min_size``..``max_size`` infants; birth dates within
``max_spread_days``; families that must be kept apart never share a cohort; twins (infants of one
family born within two days) are one *unit* and always land together. Existing members never
move; new infants may join *open* cohorts (before their join cut-off session).

The objective, in this order: (1) place as many eligible infants as possible, (2) open as few
new cohorts as possible, (3) keep the total birth-date spread as small as possible (for an
existing cohort, the growth of its spread). Ties break on a fixed order of units, so the result
does not depend on roster row order.

How it is solved is in ``core.cohort_solver``; the rules in words in ``core.cohort_rules``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date

from groupwcc.core.cohort_rules import ineligible_reason, left_out_reason
from groupwcc.core.cohort_solver import (
    Unit,
    make_units,
    seed_unit,
    solve_component,
    split_components,
    unit_order,
)
from groupwcc.models import Cohort, CohortPlan, CohortPolicy, Infant, Slot, UnplacedInfant
from groupwcc.models.roster import ExpectantFamily


def form_cohorts(infants: Sequence[Infant], existing: Sequence[Cohort], policy: CohortPolicy,
                 *, today: date, open_cohorts: Collection[str] = (),
                 slots: Sequence[Slot] = (), start_within: str = "6w") -> CohortPlan:
    """Place every unplaced eligible infant, keeping existing members where they are.

    ``open_cohorts`` are the existing cohort ids that still accept new infants.
    ``start_within`` is the age by which a forming group should hold its first session (the end
    of the program's first visit window, from the reference data). The result holds
    every cohort (existing ones with their new members) and every infant left out, with a reason.
    """
    placed = {i for c in existing for i in c.infant_ids}
    unplaced: list[UnplacedInfant] = []
    candidates: list[Infant] = []
    for infant in sorted(infants, key=lambda i: i.infant_id):
        if infant.infant_id in placed:
            continue
        reason = ineligible_reason(infant)
        if reason:
            unplaced.append(UnplacedInfant(infant_id=infant.infant_id, status="ineligible",
                                           reason=reason))
        else:
            candidates.append(infant)

    by_part: dict[tuple[str, str], list[Infant]] = defaultdict(list)
    for infant in candidates:
        by_part[(infant.site, infant.language)].append(infant)
    open_ids = set(open_cohorts)
    members_of = {i.infant_id: i for i in infants}
    eligible: dict[tuple[str, str], list[Infant]] = defaultdict(list)  # placed or not
    for infant in infants:
        if ineligible_reason(infant) is None:
            eligible[(infant.site, infant.language)].append(infant)
    new_groups: list[tuple[str, str, list[Unit]]] = []
    joined: dict[str, list[str]] = defaultdict(list)
    for (site, language), part in sorted(by_part.items()):
        seeds = [seed_unit(c, members_of) for c in existing
                 if c.cohort_id in open_ids and c.site == site and c.language == language]
        units = sorted([*make_units(part), *(s for s in seeds if s is not None)], key=unit_order)
        placed_now: set[str] = set()
        for component in split_components(units, policy.max_spread_days):
            for group in solve_component(component, policy):
                ids = [i for u in group if not u.is_seed for i in u.infant_ids]
                placed_now.update(ids)
                seed = next((u for u in group if u.is_seed), None)
                if seed is not None:
                    joined[seed.seed or ""].extend(ids)
                else:
                    new_groups.append((site, language, group))
        peers = eligible[(site, language)]  # placed earlier or now: reasons do not change
        for infant in part:
            if infant.infant_id not in placed_now:
                unplaced.append(left_out_reason(infant, peers, policy, today, start_within))

    cohorts = [c.model_copy(update={"infant_ids": tuple(sorted(
        (*c.infant_ids, *joined.get(c.cohort_id, ()))))}) if joined.get(c.cohort_id) else c
        for c in existing]
    cohorts += _name_new(new_groups, existing, today)
    if policy.assign_slots:
        cohorts = assign_slots(cohorts, slots)
    unplaced.sort(key=lambda u: u.infant_id)
    return CohortPlan(cohorts=tuple(sorted(cohorts, key=lambda c: c.cohort_id)),
                      unplaced=tuple(unplaced))


def _name_new(groups: list[tuple[str, str, list[Unit]]], existing: Sequence[Cohort],
              today: date) -> list[Cohort]:
    """``MAIN-2026-03-A``: site, birth month of the oldest member, next free letter."""
    taken = {c.cohort_id for c in existing}
    made = []
    for site, language, group in sorted(groups, key=lambda g: (g[0], min(u.lo for u in g[2]),
                                                               g[1], unit_order(g[2][0]))):
        oldest = date.fromordinal(min(u.lo for u in group))
        prefix = f"{site.upper()}-{oldest:%Y-%m}-"
        cohort_id = next(prefix + letters(n) for n in range(10_000)
                         if prefix + letters(n) not in taken)
        taken.add(cohort_id)
        made.append(Cohort(cohort_id=cohort_id, site=site, language=language,
                           infant_ids=tuple(sorted(i for u in group for i in u.infant_ids)),
                           created_on=today))
    return made


def letters(n: int) -> str:
    """Cohort letters: A, B, …, Z, AA, AB, … for n = 0, 1, …"""
    text = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(65 + rest) + text
    return text


def assign_slots(cohorts: Sequence[Cohort], slots: Sequence[Slot]) -> list[Cohort]:
    """Give each cohort without a slot the least-used slot of its site (ties: config order)."""
    load: dict[str, int] = defaultdict(int)
    ids = [s.slot_id for s in slots]  # a computed property: read once
    by_site: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for n, (slot, slot_id) in enumerate(zip(slots, ids, strict=True)):
        by_site[slot.site].append((n, slot_id))
    known = set(ids)
    for cohort in cohorts:
        if cohort.slot_id in known:
            load[cohort.slot_id or ""] += 1
    result = []
    for cohort in sorted(cohorts, key=lambda c: c.cohort_id):
        if cohort.slot_id not in known:
            options = by_site.get(cohort.site, [])
            if options:
                _, chosen = min(options, key=lambda o: (load[o[1]], o[0]))
                load[chosen] += 1
                cohort = cohort.model_copy(update={"slot_id": chosen})
        result.append(cohort)
    return result


def expectant_forming(expectant: Sequence[ExpectantFamily], *,
                      first_visit_age: str = "1m") -> list[str]:
    """The forming list's lines for families still expecting, one per site, language and due
    month: "3 babies due in February 2027 at main (Spanish): a group can start about March
    2027" (the first visit's nominal age after the month's middle due date)."""
    from groupwcc.core.ages import add_age
    from groupwcc.i18n import LANGUAGES

    by_month: dict[tuple[str, str, date], list[date]] = defaultdict(list)
    for family in expectant:
        if family.eligible_for_group:
            key = (family.site, family.language, family.due_date.replace(day=1))
            by_month[key].append(family.due_date)
    lines = []
    for (site, language, month), days in sorted(by_month.items(), key=lambda i: (i[0][2], i[0])):
        start = add_age(sorted(days)[(len(days) - 1) // 2], first_visit_age)
        name = LANGUAGES[language].name if language in LANGUAGES else language
        babies = "1 baby" if len(days) == 1 else f"{len(days)} babies"
        lines.append(f"{babies} due in {month:%B %Y} at {site} ({name}): a group can start "
                     f"about {start:%B %Y}")
    return lines
