"""Cohort use cases: place infants, explain a placement, move an infant by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from groupwcc.api.planning import update_cohorts, update_schedule
from groupwcc.api.program import Program, load_state
from groupwcc.errors import NotFoundError, RuleViolation
from groupwcc.models import CohortPlan, Infant


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
        if self.first_birth is None or self.last_birth is None:
            return 0
        return (self.last_birth - self.first_birth).days


def run_cohorts(program: Program, *, today: date, now: datetime,
                dry_run: bool) -> tuple[CohortPlan, list[CohortRow]]:
    """Place unplaced infants (or only show what would happen with ``dry_run``)."""
    from groupwcc.store.audit import record_audit

    with program.store.transaction() as conn:
        plan = update_cohorts(program, conn, today=today, dry_run=dry_run)
        infants = load_state(conn).infants
        if not dry_run:
            record_audit(conn, "cohorts", at=now, counts={
                "cohorts": len(plan.cohorts), "unplaced": len(plan.unplaced)})
    return plan, [cohort_row(c.cohort_id, c.slot_id, c.infant_ids, infants) for c in plan.cohorts]


def cohort_row(cohort_id: str, slot_id: str | None, members: tuple[str, ...],
               infants: dict[str, Infant]) -> CohortRow:
    births = [infants[i].date_of_birth for i in members if i in infants]
    return CohortRow(cohort_id, slot_id or "–", len(members), min(births, default=None),
                     max(births, default=None))


def explain_infant(program: Program, infant_id: str) -> list[str]:
    """Why an infant is in its cohort, or why it is not placed."""
    from groupwcc.core.cohort_rules import explain_placement

    with program.store.transaction() as conn:
        state = load_state(conn)
    if infant_id not in state.infants:
        raise NotFoundError(f"no infant {infant_id} in the database",
                            hint="check the id in your roster; run 'groupwcc plan' to import it")
    plan = CohortPlan(cohorts=tuple(state.cohorts), unplaced=tuple(state.unplaced))
    return explain_placement(infant_id, list(state.infants.values()), plan,
                             program.config.cohorts)


def move_infant(program: Program, infant_id: str, cohort_id: str, *, force: bool,
                today: date, now: datetime) -> list[str]:
    """Move one infant (with its family) into another cohort. Returns broken rules if forced."""
    from groupwcc.core.cohort_rules import check_membership
    from groupwcc.store.audit import record_audit
    from groupwcc.store.repo import save_cohort_plan

    with program.store.transaction() as conn:
        state = load_state(conn)
        infant = state.infants.get(infant_id)
        if infant is None:
            raise NotFoundError(f"no infant {infant_id}", hint="check the id in your roster")
        target = state.cohort(cohort_id)
        placed = {i for c in state.cohorts for i in c.infant_ids}
        family = sorted({infant_id} | {i.infant_id for i in state.infants.values()
                                       if i.family_id == infant.family_id
                                       and i.infant_id in placed})
        members = [m for m in state.members(cohort_id) if m.infant_id not in family]
        problems = check_membership(infant, target, members, program.config.cohorts)
        if problems and not force:
            raise RuleViolation(f"moving {infant_id} to {cohort_id} breaks a rule",
                                problems=[_as_problem(p) for p in problems],
                                hint="pass --force to move anyway")
        cohorts = [_with_members(c, family, joining=c.cohort_id == cohort_id)
                   for c in state.cohorts]
        unplaced = tuple(u for u in state.unplaced if u.infant_id not in family)
        save_cohort_plan(conn, CohortPlan(cohorts=tuple(cohorts), unplaced=unplaced))
        update_schedule(program, conn, today=today)
        record_audit(conn, "cohorts move", at=now, counts={"infants_moved": len(family),
                                                            "forced": int(bool(problems))})
    return problems


def _with_members(cohort, family: list[str], *, joining: bool):  # type: ignore[no-untyped-def]
    kept = tuple(i for i in cohort.infant_ids if i not in family)
    return cohort.model_copy(update={"infant_ids": kept + (tuple(family) if joining else ())})


def _as_problem(text: str):  # type: ignore[no-untyped-def]
    from groupwcc.errors import Problem

    return Problem("", text)
