"""Use cases that change the plan: import the roster, form cohorts, schedule sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from groupwcc.api.program import Program, State, load_state
from groupwcc.models import CohortPlan, Infant, SchedulePlan, Session
from groupwcc.store.repo import ImportCounts


def read_program_roster(program: Program, roster: Path, *, today: date) -> list[Infant]:
    """Read and validate a roster against the program (sites, languages, age limit)."""
    from groupwcc.readers.roster import read_roster

    config = program.config
    return read_roster(roster, sites=[s.id for s in config.sites], languages=config.languages,
                       today=today, max_age_months=config.max_enrol_age_months)


def import_roster(conn, infants: list[Infant], *, now: datetime) -> ImportCounts:  # type: ignore[no-untyped-def]
    from groupwcc.store.repo import save_roster

    return save_roster(conn, infants, now=now)


def open_cohort_ids(program: Program, state: State, *, today: date) -> set[str]:
    """Existing cohorts whose join cut-off session (default the 2-month one) has not passed."""
    cutoff = program.config.cohorts.join_cutoff_visit
    closed = {s.cohort_id for s in state.sessions if s.visit == cutoff and s.day < today}
    started = {s.cohort_id for s in state.sessions if s.day < today
               and _visit_index(program, s.visit) > _visit_index(program, cutoff)}
    return {c.cohort_id for c in state.cohorts} - closed - started


def first_window_end(program: Program) -> str:
    """Age by which a forming group should meet: the end of the first visit's window."""
    from groupwcc.api.program import visits_in_order

    first = visits_in_order(program.reference, program.config.visits)[0]
    return program.reference.visit(first).window.end


def _visit_index(program: Program, visit: str) -> int:
    keys = [v.key for v in program.reference.visits]
    return keys.index(visit) if visit in keys else len(keys)


def update_cohorts(program: Program, conn, *, today: date, dry_run: bool = False) -> CohortPlan:  # type: ignore[no-untyped-def]
    """Place unplaced infants (existing members never move) and save the result."""
    from groupwcc.core.cohorts import form_cohorts
    from groupwcc.store.repo import save_cohort_plan

    state = load_state(conn)
    plan = form_cohorts(list(state.infants.values()), state.cohorts, program.config.cohorts,
                        today=today, open_cohorts=open_cohort_ids(program, state, today=today),
                        slots=program.config.slots, start_within=first_window_end(program))
    if not dry_run:
        save_cohort_plan(conn, plan)
    return plan


def update_schedule(program: Program, conn, *, today: date) -> SchedulePlan:  # type: ignore[no-untyped-def]
    """Schedule every cohort's sessions; keep published, moved and cancelled ones."""
    from groupwcc.api.closures import closed_days_by_site
    from groupwcc.core.scheduling import schedule_sessions
    from groupwcc.store.repo import replace_flags, save_sessions

    state = load_state(conn)
    config = program.config
    closed = closed_days_by_site(config, today - timedelta(days=400), today + timedelta(days=1100))
    plan = schedule_sessions(
        state.cohorts, state.infants, program.reference, visits=config.visits,
        slots={s.slot_id: s for s in config.slots}, closed_days=closed,
        timezone=config.timezone, today=today, existing=state.sessions,
        session_minutes=config.session_minutes)
    save_sessions(conn, plan.sessions)
    replace_flags(conn, plan.flags)
    return plan


@dataclass
class PlanResult:
    """What ``plan`` did, for the summary."""

    counts: ImportCounts
    cohorts: CohortPlan
    schedule: SchedulePlan
    written: list[Path]

    def sessions_between(self, first: date, last: date) -> list[Session]:
        return [s for s in self.schedule.sessions if first <= s.day <= last]
