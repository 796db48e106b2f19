"""Cohort use cases: place infants, explain a placement, move an infant by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from groupwcc.api.context import Program, visits_in_order
from groupwcc.api.state import State, load_state
from groupwcc.errors import NotFoundError, Problem, RuleViolation
from groupwcc.models import Cohort, CohortPlan, Infant
from groupwcc.readers.echo import echo_code

if TYPE_CHECKING:
    import sqlalchemy as sa


@dataclass(frozen=True)
class CohortRow:
    """One line of the cohorts table."""

    cohort_id: str
    slot_id: str
    size: int
    first_birth: date | None
    last_birth: date | None

    @property
    def spread_days(self) -> int:
        """Days between the oldest and the youngest member's birth."""
        if self.first_birth is None or self.last_birth is None:
            return 0
        return (self.last_birth - self.first_birth).days


def open_cohort_ids(program: Program, state: State, *, today: date) -> set[str]:
    """Existing cohorts whose join cut-off session (default the 2-month one) has not passed."""
    cutoff = program.config.cohorts.join_cutoff_visit
    order = {v.key: n for n, v in enumerate(program.reference.visits)}
    last = len(order)
    closed = {s.cohort_id for s in state.sessions if s.visit == cutoff and s.day < today}
    started = {s.cohort_id for s in state.sessions if s.day < today
               and order.get(s.visit, last) > order.get(cutoff, last)}
    return {c.cohort_id for c in state.cohorts} - closed - started


def first_window_end(program: Program) -> str:
    """Age by which a forming group should meet: the end of the first visit's window."""
    first = visits_in_order(program.reference, program.config.visits)[0]
    return program.reference.visit(first).window.end


def update_cohorts(program: Program, conn: sa.Connection, state: State, *, today: date,
                   dry_run: bool = False) -> CohortPlan:
    """Place unplaced infants (existing members never move); save it and update ``state``."""
    from groupwcc.core.cohorts import form_cohorts
    from groupwcc.store.repo import save_cohort_plan

    plan = form_cohorts(list(state.infants.values()), state.cohorts, program.config.cohorts,
                        today=today, open_cohorts=open_cohort_ids(program, state, today=today),
                        slots=program.config.slots, start_within=first_window_end(program))
    if not dry_run:
        save_cohort_plan(conn, plan)
        state.set_cohort_plan(plan)
    return plan


def run_cohorts(program: Program, *, today: date, now: datetime,
                dry_run: bool) -> tuple[CohortPlan, list[CohortRow]]:
    """Place unplaced infants (or only show what would happen with ``dry_run``)."""
    from groupwcc.store.audit import record_audit

    with program.store.transaction(lock=True) as conn:
        state = load_state(conn, program.config.timezone)
        plan = update_cohorts(program, conn, state, today=today, dry_run=dry_run)
        if not dry_run:
            record_audit(conn, "cohorts", at=now, counts={
                "cohorts": len(plan.cohorts), "unplaced": len(plan.unplaced)})
    return plan, [cohort_row(c.cohort_id, c.slot_id, c.infant_ids, state.infants)
                  for c in plan.cohorts]


def cohort_row(cohort_id: str, slot_id: str | None, members: tuple[str, ...],
               infants: dict[str, Infant]) -> CohortRow:
    """The table line of one cohort: size and the range of its members' birth dates."""
    births = [infants[i].date_of_birth for i in members if i in infants]
    return CohortRow(cohort_id, slot_id or "–", len(members), min(births, default=None),
                     max(births, default=None))


def explain_infant(program: Program, infant_id: str) -> list[str]:
    """Why an infant is in its cohort, or why it is not placed."""
    from groupwcc.core.cohort_rules import explain_placement

    with program.store.transaction() as conn:
        state = load_state(conn, program.config.timezone)
    if infant_id not in state.infants:
        raise NotFoundError(f"no infant{echo_code(infant_id)} in the database",
                            hint="check the id in your roster; run 'groupwcc plan' to import it")
    plan = CohortPlan(cohorts=tuple(state.cohorts), unplaced=tuple(state.unplaced))
    return explain_placement(infant_id, list(state.infants.values()), plan,
                             program.config.cohorts)


def move_infant(program: Program, infant_id: str, cohort_id: str, *, force: bool,
                today: date, now: datetime) -> list[str]:
    """Move one infant (with its family) into another cohort. Returns broken rules if forced."""
    from groupwcc.api.sessions import update_schedule
    from groupwcc.core.cohort_rules import check_membership
    from groupwcc.store.audit import record_audit
    from groupwcc.store.repo import save_cohort_plan

    with program.store.transaction(lock=True) as conn:
        state = load_state(conn, program.config.timezone)
        infant = state.infants.get(infant_id)
        if infant is None:
            raise NotFoundError(f"no infant{echo_code(infant_id)}",
                                hint="check the id in your roster")
        target = state.cohort(cohort_id)
        family = _family_to_move(state, infant)
        members = [m for m in state.members(cohort_id) if m.infant_id not in family]
        problems = check_membership(infant, target, members, program.config.cohorts)
        if problems and not force:
            raise RuleViolation(f"moving {infant_id} to {cohort_id} breaks a rule",
                                problems=[Problem("", p) for p in problems],
                                hint="pass --force to move anyway")
        cohorts = [_with_members(c, family, joining=c.cohort_id == cohort_id)
                   for c in state.cohorts]
        unplaced = tuple(u for u in state.unplaced if u.infant_id not in family)
        plan = CohortPlan(cohorts=tuple(cohorts), unplaced=unplaced)
        save_cohort_plan(conn, plan)
        state.set_cohort_plan(plan)
        update_schedule(program, conn, state, today=today)
        record_audit(conn, "cohorts move", at=now, counts={"infants_moved": len(family),
                                                            "forced": int(bool(problems))})
    return problems


def _family_to_move(state: State, infant: Infant) -> list[str]:
    """The infant and its placed siblings: twins stay together."""
    placed = {i for c in state.cohorts for i in c.infant_ids}
    return sorted({infant.infant_id} | {i.infant_id for i in state.infants.values()
                                        if i.family_id == infant.family_id
                                        and i.infant_id in placed})


def _with_members(cohort: Cohort, family: list[str], *, joining: bool) -> Cohort:
    kept = tuple(i for i in cohort.infant_ids if i not in family)
    return cohort.model_copy(update={"infant_ids": kept + (tuple(family) if joining else ())})
