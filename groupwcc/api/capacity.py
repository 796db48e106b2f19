"""``groupwcc capacity``: sessions needed against what the slots host, and which slots to add.

Read-only: nothing is saved. Cohorts are formed as ``plan`` would form them (a dry run), and
a roster given on the command line is read but not imported, so its expectant families count.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from groupwcc.api.context import Program, visits_in_order
from groupwcc.api.state import State, load_state
from groupwcc.core.capacity import (
    HORIZON_MONTHS,
    NO_FREE_DAY,
    CapacityRow,
    Group,
    capacity_rows,
    cohort_groups,
    enrolment_rate,
    first_short_month,
    groups_from_births,
    projected_groups,
)
from groupwcc.core.capacity_slots import SlotTrial, Suggestion
from groupwcc.errors import UserError
from groupwcc.models import Cohort, CohortPlan, Flag, Infant, ProgramConfig, Slot
from groupwcc.models.program import WEEKDAYS
from groupwcc.models.roster import ExpectantFamily

SLOT_DAYS_PER_MONTH = 5  # the most days one weekly slot has in a month: a lower bound


@dataclass
class CapacityReport:
    """What ``capacity`` found, per site: rows per month, rates, suggestions, expecting."""

    today: date
    rows: list[CapacityRow]
    rates: dict[str, float]  # enrolments per month over the last six months
    first_short: dict[str, date | None]
    suggestions: list[Suggestion] = field(default_factory=list)
    expecting: list[str] = field(default_factory=list)  # forming-list lines
    added: tuple[Slot, ...] = ()  # what-if slots (--add-slot)


def capacity_forecast(program: Program, *, today: date, roster: Path | None = None,
                      add_slots: Sequence[str] = (), months: int = HORIZON_MONTHS,
                      suggest: bool = True) -> CapacityReport:
    """The forecast for every site; with ``add_slots`` as if those slots were configured."""
    from groupwcc.api.closures import closed_days_by_site
    from groupwcc.core.cohorts import expectant_forming

    config = program.config
    added = tuple(parse_slot(text, config) for text in add_slots)
    slots = [*config.slots, *added]
    infants, expectant = _infants(program, roster, today=today)
    with program.store.transaction() as conn:
        state = load_state(conn, program.config.timezone)
    plan = _dry_run_cohorts(program, state, infants, today=today)
    visits = [program.reference.visit(k)
              for k in visits_in_order(program.reference, config.visits)]
    closed = closed_days_by_site(config, today - timedelta(days=400),
                                 today + timedelta(days=1100))
    by_id = {i.infant_id: i for i in infants}
    groups, rates = _groups(program, plan, state, by_id, expectant, today=today, months=months)
    sites = [s.id for s in config.sites]
    rows = capacity_rows(groups, visits, slots, closed, sites=sites, today=today, months=months)
    report = CapacityReport(today, rows, rates, {s: first_short_month(rows, s) for s in sites},
                            expecting=expectant_forming(expectant,
                                                        first_visit_age=visits[0].nominal),
                            added=added)
    if suggest:
        trial = SlotTrial(_fresh(plan, state), by_id, program.reference, config.visits, closed,
                          config.timezone, today, config.session_minutes,
                          existing=state.sessions)
        report.suggestions = _suggestions(config, trial, slots, rows)
    return report


def _infants(program: Program, roster: Path | None, *,
             today: date) -> tuple[list[Infant], list[ExpectantFamily]]:
    """The roster's infants and expectant families, or the database's infants."""
    if roster is None:
        with program.store.transaction() as conn:
            return list(load_state(conn, program.config.timezone).infants.values()), []
    from groupwcc.api.roster import read_program_roster_parts

    parts = read_program_roster_parts(program, roster, today=today)
    return parts.infants, parts.expectant


def _dry_run_cohorts(program: Program, state: State, infants: list[Infant], *,
                     today: date) -> CohortPlan:
    from groupwcc.api.cohorts import first_window_end, open_cohort_ids
    from groupwcc.core.cohorts import form_cohorts

    policy = program.config.cohorts.model_copy(update={"assign_slots": False})
    return form_cohorts(infants, state.cohorts, policy, today=today,
                        open_cohorts=open_cohort_ids(program, state, today=today),
                        start_within=first_window_end(program))


def _fresh(plan: CohortPlan, state: State) -> list[Cohort]:
    """Existing cohorts keep their slot; new ones get one as ``plan`` would (least used)."""
    known = {c.cohort_id for c in state.cohorts}
    return [c if c.cohort_id in known else c.model_copy(update={"slot_id": None})
            for c in plan.cohorts]


def _groups(program: Program, plan: CohortPlan, state: State, infants: dict[str, Infant],
            expectant: list[ExpectantFamily], *, today: date,
            months: int) -> tuple[list[Group], dict[str, float]]:
    """Cohorts, forming groups, expectant groups and projected enrolments; rates per site."""
    policy = program.config.cohorts
    groups = cohort_groups(plan.cohorts, infants, state.sessions, today=today)
    births: dict[tuple[str, str], list[date]] = defaultdict(list)
    for left in plan.unplaced:
        if left.status == "forming" and left.infant_id in infants:
            infant = infants[left.infant_id]
            births[(infant.site, infant.language)].append(infant.date_of_birth)
    dues: dict[tuple[str, str], list[date]] = defaultdict(list)
    for family in expectant:
        if family.eligible_for_group:
            dues[(family.site, family.language)].append(family.due_date)
    for (where, _), days in sorted(births.items()):
        groups += groups_from_births(where, "forming", days, policy)
    for (where, _), days in sorted(dues.items()):
        groups += groups_from_births(where, "expectant", days, policy)
    rates = {}
    for site in program.config.sites:
        rates[site.id] = enrolment_rate(
            [i.enrolled_on for i in infants.values() if i.site == site.id], today=today)
        sizes = [len(c.infant_ids) for c in plan.cohorts if c.site == site.id]
        size = sum(sizes) / len(sizes) if sizes else float(policy.max_size)
        groups += projected_groups(site.id, rates[site.id], size, today=today, months=months)
    return groups, rates


def _suggestions(config: ProgramConfig, trial: SlotTrial, slots: list[Slot],
                 rows: list[CapacityRow]) -> list[Suggestion]:
    from groupwcc.core.capacity_slots import suggest_slots

    found = []
    for site in config.sites:
        short = max((r.short for r in rows if r.site == site.id), default=0.0)
        if short > 0:
            first = math.floor(short / SLOT_DAYS_PER_MONTH)
            found.append(suggest_slots(trial, site, slots, first=first))
    return found


def parse_slot(text: str, config: ProgramConfig) -> Slot:
    """``"main tuesday 13:00 Group Room B"``: site, weekday, start, room (optional). It lasts as
    long as the site's first slot (two hours when it has none)."""
    parts = text.split()
    example = 'write it as "SITE WEEKDAY HH:MM ROOM", e.g. "main tuesday 13:00 Group Room B"'
    if len(parts) < 3:
        raise UserError(f"--add-slot {text!r}: too short", hint=example)
    site_id, weekday, clock, room = parts[0], parts[1].lower(), parts[2], " ".join(parts[3:])
    try:
        site = config.site(site_id)
    except KeyError:
        known = ", ".join(s.id for s in config.sites)
        raise UserError(f"--add-slot: unknown site {site_id!r}",
                        hint=f"known sites: {known}") from None
    day = next((d for d in WEEKDAYS if d.startswith(weekday[:3])), None)
    if len(weekday) < 3 or day is None:
        raise UserError(f"--add-slot: {parts[1]!r} is not a weekday", hint=example)
    try:
        start = time.fromisoformat(clock if len(clock) > 4 else f"0{clock}")
    except ValueError:
        raise UserError(f"--add-slot: {clock!r} is not a time", hint=example) from None
    if room and site.rooms and room not in site.rooms:
        raise UserError(f"--add-slot: site {site.id} has no room {room!r}",
                        hint=f"its rooms: {', '.join(site.rooms)} (rooms: in groupwcc.yaml)")
    own = config.slots_for(site.id)
    minutes = own[0].minutes if own else 120
    end = (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)).time()
    return Slot(site=site.id, weekday=day, start=start, end=end, room=room or None)


def write_capacity(out_dir: Path, report: CapacityReport, *, png: bool = True) -> list[Path]:
    """``capacity.csv`` and ``capacity.png`` (counts only, no personal data: shareable)."""
    from groupwcc.api.outputs import OutputSet, write_outputs
    from groupwcc.exporters.capacity import render_capacity_chart, render_capacity_csv

    outputs = OutputSet()
    outputs.add("capacity.csv", render_capacity_csv(report.rows), shareable=True)
    if png:
        outputs.add("capacity.png", render_capacity_chart(report.rows), shareable=True)
    return write_outputs(out_dir, outputs)


def slot_shortage(program: Program, flags: Sequence[Flag], cohorts: Sequence[Cohort], *,
                  today: date) -> dict[str, int]:
    """Site → sessions ``plan`` left without a date for lack of free slot days (not because of
    the infants' windows), for the summary's "run groupwcc capacity"."""
    from groupwcc.api.closures import closed_days_by_site
    from groupwcc.core.capacity import short_of_slots

    if not any(NO_FREE_DAY in f.reason for f in flags):
        return {}
    closed = closed_days_by_site(program.config, today, today + timedelta(days=1100))
    found = short_of_slots(flags, cohorts, program.config.slots, closed)
    return {site: len(sessions) for site, sessions in sorted(found.items())}


def expecting_lines(program: Program, expectant: Sequence[ExpectantFamily]) -> list[str]:
    """The forming list's lines for the roster's expectant families (``plan``'s summary)."""
    from groupwcc.core.cohorts import expectant_forming

    first = visits_in_order(program.reference, program.config.visits)[0]
    return expectant_forming(expectant, first_visit_age=program.reference.visit(first).nominal)
