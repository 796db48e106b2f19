"""``groupwcc plan``: the whole chain, roster to printed material, in one transaction.

The state is read once, after the roster import, and every later step (cohorts, schedule,
tables, calendars, agendas, sheets, guides, ledger) works on that same in-memory ``State``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from groupwcc.api.calendars import CalendarExport, export_calendar_files, record_export
from groupwcc.api.cohorts import update_cohorts
from groupwcc.api.context import Program, Stage, no_stage
from groupwcc.api.outputs import OutputSet, Staging
from groupwcc.api.render import (
    agendas_for,
    guide_files,
    render_tables,
    sessions_window,
    sheet_files,
    upcoming,
    withdraw_cancelled,
)
from groupwcc.api.roster import import_roster, read_program_roster_parts
from groupwcc.api.screenings import open_items_by_infant
from groupwcc.api.sessions import update_schedule
from groupwcc.api.state import State, load_state
from groupwcc.models import CohortPlan, SchedulePlan, Session
from groupwcc.models.roster import ExpectantFamily

if TYPE_CHECKING:
    import sqlalchemy as sa

    from groupwcc.models.screening import FollowUpItem
    from groupwcc.store.repo import ImportCounts


@dataclass
class PlanResult:
    """What ``plan`` did, for the summary."""

    counts: ImportCounts
    cohorts: CohortPlan
    schedule: SchedulePlan
    written: list[Path]
    expectant: list[ExpectantFamily] = field(default_factory=list)  # read with the roster
    removed: list[Path] = field(default_factory=list)  # cancelled sessions' earlier files

    def sessions_between(self, first: date, last: date) -> list[Session]:
        """Scheduled sessions whose day lies in ``first``..``last``."""
        return [s for s in self.schedule.sessions if first <= s.day <= last]


def plan_program(program: Program, roster: Path, *, out_dir: Path, today: date, now: datetime,
                 weeks: int = 4, pdf: bool = True, stage: Stage = no_stage) -> PlanResult:
    """Import ``roster``, place infants, schedule sessions and write every output.

    Outputs are rendered and staged inside ``out_dir`` before anything is committed, and moved
    into place only after the commit: if any step fails, the database is unchanged and no
    output file is replaced.
    """
    with _collector_paused():
        return _plan(program, roster, out_dir=out_dir, today=today, now=now, weeks=weeks,
                     pdf=pdf, stage=stage)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the run (reference counting still frees memory).

    A plan builds hundreds of thousands of long-lived objects (infants, sessions, agendas); each
    full collection walks all of them, and the growing heap set off several, some 0.5 s of a
    5,000-infant plan. The garbage cycles left meanwhile are few and are collected afterwards.
    """
    import gc

    if not gc.isenabled():  # the caller chose: leave it so
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _plan(program: Program, roster: Path, *, out_dir: Path, today: date, now: datetime,
          weeks: int, pdf: bool, stage: Stage) -> PlanResult:
    stage("reading roster")
    parts = read_program_roster_parts(program, roster, today=today)
    infants = parts.infants
    program.reference, program.curricula  # noqa: B018  (validate data before touching the db)
    store = program.store  # opened (or refused) before --out is created
    with Staging(out_dir) as staging:
        with store.transaction(lock=True) as conn:
            stage("importing roster")
            counts = import_roster(conn, infants, now=now)
            state = load_state(conn, program.config.timezone)
            stage("forming cohorts")
            cohorts = update_cohorts(program, conn, state, today=today)
            stage("scheduling sessions")
            schedule = update_schedule(program, conn, state, today=today)
            stage("building calendars")
            calendars = export_calendar_files(program, conn, state, now=now)
            open_items = open_items_by_infant(conn, today=today)
            outputs = _render_all(program, state, calendars, open_items, today=today,
                                  weeks=weeks, pdf=pdf, stage=stage)
            stage("writing files")
            written = staging.stage(outputs)
            record_export(conn, calendars)
            _record(conn, written, counts=counts, cohorts=len(cohorts.cohorts),
                    sessions=len(schedule.sessions))
            stage("saving")
        stage("moving files into place")
        staging.publish()
    return PlanResult(counts, cohorts, schedule, written, parts.expectant, staging.removed)


def _render_all(program: Program, state: State, calendars: CalendarExport,
                open_items: dict[str, list[FollowUpItem]], *, today: date,
                weeks: int, pdf: bool, stage: Stage) -> OutputSet:
    outputs = OutputSet()
    stage("writing tables")
    render_tables(state, outputs)
    outputs.merge(calendars.outputs)
    soon = sessions_window(state, *upcoming(today, weeks))
    withdraw_cancelled(outputs, state, kinds=("sheets", "guides"),
                       timezone=program.config.timezone)
    stage(f"building agendas for {len(soon)} sessions")
    agendas = agendas_for(program, state, soon, open_items)
    stage("building sheets")
    outputs.merge(sheet_files(program, state, soon, agendas, pdf=pdf, stage=stage))
    stage("building guides")
    outputs.merge(guide_files(program, state, soon, agendas, pdf=pdf, stage=stage))
    return outputs


def _record(conn: sa.Connection, written: list[Path], *,
            counts: ImportCounts, cohorts: int, sessions: int) -> None:
    from groupwcc.store.audit import record_audit

    record_audit(conn, "plan", outputs=[str(p) for p in written], counts={
        "infants_added": counts.added, "infants_updated": counts.updated,
        "infants_deactivated": counts.deactivated, "cohorts": cohorts, "sessions": sessions,
        "files": len(written)})
