"""``groupwcc plan``: the whole chain, roster to printed material, in one transaction."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from groupwcc.api.exports import (
    Stage,
    _noop,
    agendas_for,
    calendar_files,
    guide_files,
    render_tables,
    sessions_window,
    sheet_files,
    upcoming,
)
from groupwcc.api.files import OutputSet, write_outputs
from groupwcc.api.planning import (
    PlanResult,
    import_roster,
    read_program_roster,
    update_cohorts,
    update_schedule,
)
from groupwcc.api.program import Program, load_state


def plan_program(program: Program, roster: Path, *, out_dir: Path, today: date, now: datetime,
                 weeks: int = 4, pdf: bool = True, stage: Stage = _noop) -> PlanResult:
    """Import ``roster``, place infants, schedule sessions and write every output.

    Outputs are rendered before anything is committed: if any step fails, the database is
    unchanged and no output file is replaced.
    """
    stage("reading roster")
    infants = read_program_roster(program, roster, today=today)
    program.reference, program.curricula  # noqa: B018  (validate data before touching the db)
    with program.store.transaction() as conn:
        stage("importing roster")
        counts = import_roster(conn, infants, now=now)
        stage("forming cohorts")
        cohorts = update_cohorts(program, conn, today=today)
        stage("scheduling sessions")
        schedule = update_schedule(program, conn, today=today)
        outputs = _render_all(program, conn, today=today, now=now, weeks=weeks, pdf=pdf,
                              stage=stage)
        stage("writing files")
        written = write_outputs(out_dir, outputs)
        _record(conn, program, outputs, written, now=now, counts=counts,
                cohorts=len(cohorts.cohorts), sessions=len(schedule.sessions))
    return PlanResult(counts, cohorts, schedule, written)


def _render_all(program: Program, conn, *, today: date, now: datetime, weeks: int,  # type: ignore[no-untyped-def]
                pdf: bool, stage: Stage) -> OutputSet:
    from groupwcc.store.ledger import load_last_exported

    state = load_state(conn)
    outputs = OutputSet()
    stage("writing tables")
    render_tables(state, program, outputs)
    stage("building calendars")
    calendars = calendar_files(program, state, previous=load_last_exported(conn),
                               exported_at=now)
    _merge(outputs, calendars)
    soon = sessions_window(state, *upcoming(today, weeks))
    stage(f"building agendas for {len(soon)} sessions")
    agendas = agendas_for(program, state, soon)
    stage("building sheets")
    _merge(outputs, sheet_files(program, state, soon, agendas, pdf=pdf, stage=stage))
    stage("building guides")
    _merge(outputs, guide_files(program, state, soon, agendas, pdf=pdf, stage=stage))
    return outputs


def _merge(into: OutputSet, other: OutputSet) -> None:
    into.files.update(other.files)
    into.shareable.update(other.shareable)


def _record(conn, program: Program, outputs: OutputSet, written: list[Path], *,  # type: ignore[no-untyped-def]
            now: datetime, counts, cohorts: int, sessions: int) -> None:  # type: ignore[no-untyped-def]
    from groupwcc.api.exports import location_by_session
    from groupwcc.store.audit import record_audit
    from groupwcc.store.ledger import append_export

    state = load_state(conn)
    append_export(conn, state.sessions, export_id=now.isoformat(timespec="seconds"),
                  exported_at=now, locations=location_by_session(program, state.sessions))
    record_audit(conn, "plan", at=now, outputs=[str(p) for p in written], counts={
        "infants_added": counts.added, "infants_updated": counts.updated,
        "infants_deactivated": counts.deactivated, "cohorts": cohorts, "sessions": sessions,
        "files": len(outputs)})
