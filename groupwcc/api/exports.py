"""Rendering the plan's outputs (tables, calendars, sheets, guides) into an ``OutputSet``.

Nothing here writes files: callers write the set atomically once everything rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from groupwcc.api.files import OutputSet
from groupwcc.api.program import Program, State
from groupwcc.models import Agenda, Flag, Infant, Session

Stage = Callable[[str], None]


def _noop(_: str) -> None:
    return None


def render_tables(state: State, program: Program, outputs: OutputSet) -> None:
    """``cohorts.csv`` (one row per infant), ``sessions.csv``, ``flags.csv``."""
    from groupwcc.exporters.plan_tables import (
        render_cohorts_csv,
        render_flags_csv,
        render_sessions_csv,
    )

    outputs.add("cohorts.csv", render_cohorts_csv(state.cohorts, state.unplaced, state.infants))
    outputs.add("sessions.csv", render_sessions_csv(state.sessions))
    outputs.add("flags.csv", render_flags_csv(state.flags))


def calendar_files(program: Program, state: State, *, families: bool = False,
                   previous: dict[str, dict[str, object]] | None = None,
                   exported_at: datetime | None = None) -> OutputSet:
    """One .ics per cohort, one for the whole program, optional per family; CHANGES.md."""
    from groupwcc.exporters.changes import render_changes
    from groupwcc.exporters.ics import render_calendar

    config, labels, cache = program.config, program.visit_labels(), {}
    cohorts = {c.cohort_id: c for c in state.cohorts}
    outputs = OutputSet()
    name = config.calendar.calendar_name_template.format(program=config.program)
    outputs.add("calendar/program.ics", render_calendar(
        state.sessions, calendar_name=name, cohorts=cohorts, config=config, visit_labels=labels,
        event_cache=cache), shareable=True)
    by_cohort: dict[str, list[Session]] = {}
    for session in state.sessions:
        by_cohort.setdefault(session.cohort_id, []).append(session)
    for cohort in state.cohorts:
        sessions = by_cohort.get(cohort.cohort_id, [])
        outputs.add(f"calendar/{cohort.cohort_id}.ics", render_calendar(
            sessions, calendar_name=f"{name} · {cohort.cohort_id}", cohorts=cohorts,
            config=config, visit_labels=program.visit_labels(cohort.language),
            language=cohort.language, event_cache=cache),
            shareable=True)
    if families:
        _family_calendars(program, state, outputs, name, cache)
    outputs.add("calendar/CHANGES.md", render_changes(
        previous or {}, state.sessions, visit_labels=labels, timezone=config.timezone,
        exported_at=exported_at, locations=location_by_session(program, state.sessions)),
        shareable=True)
    return outputs


def _family_calendars(program: Program, state: State, outputs: OutputSet, name: str,
                      cache: dict) -> None:  # type: ignore[type-arg]
    from groupwcc.core.cohort_rules import active_members
    from groupwcc.exporters.ics import render_family_calendar

    cohorts = {c.cohort_id: c for c in state.cohorts}
    by_family: dict[str, set[str]] = {}
    for cohort in state.cohorts:
        for infant in active_members(cohort, state.infants):
            by_family.setdefault(infant.family_id, set()).add(cohort.cohort_id)
    for family_id, cohort_ids in sorted(by_family.items()):
        language = cohorts[sorted(cohort_ids)[0]].language
        outputs.add(f"calendar/families/{family_id}.ics", render_family_calendar(
            state.sessions, cohort_ids=sorted(cohort_ids), calendar_name=name, cohorts=cohorts,
            config=program.config, visit_labels=program.visit_labels(language), language=language,
            event_cache=cache), shareable=True)


def agendas_for(program: Program, state: State, sessions: Sequence[Session]) -> list[Agenda]:
    """Build the agenda of each session, in its cohort's language."""
    from groupwcc.core.agenda import build_agenda

    flags_by_session: dict[str, list[Flag]] = {}
    for flag in state.flags:
        flags_by_session.setdefault(flag.session_id, []).append(flag)
    agendas = []
    for session in sessions:
        cohort = state.cohort(session.cohort_id)
        curriculum = program.curricula.get(cohort.language) or program.curricula["en"]
        agendas.append(build_agenda(session, _active_members(state, session.cohort_id),
                                    curriculum, program.reference,
                                    flags=flags_by_session.get(session.session_id, ())))
    return agendas


def _active_members(state: State, cohort_id: str) -> list[Infant]:
    from groupwcc.core.cohort_rules import active_members

    return active_members(state.cohort(cohort_id), state.infants)


def sessions_window(state: State, first: date, last: date) -> list[Session]:
    return [s for s in state.sessions_between(first, last) if s.status != "cancelled"]


def sheet_files(program: Program, state: State, sessions: Sequence[Session],
                agendas: Sequence[Agenda], *, pdf: bool, stage: Stage = _noop) -> OutputSet:
    """Per session a sign-in sheet (HTML, PDF), plus one staff workbook and CSV."""
    from groupwcc.exporters.sheets import render_sheet_html
    from groupwcc.exporters.workbook import render_attendance_csv, render_workbook

    outputs, labels, html_jobs = OutputSet(), program.visit_labels(), []
    for session, agenda in zip(sessions, agendas, strict=True):
        html = render_sheet_html(session, agenda, _active_members(state, session.cohort_id),
                                 config=program.config, cohort=state.cohort(session.cohort_id),
                                 visit_label=agenda.visit_label,
                                 templates_dir=program.templates_dir)
        outputs.add(f"sheets/{session.session_id}.html", html)
        html_jobs.append((f"sheets/{session.session_id}.pdf", html))
    rows = [(s, _active_members(state, s.cohort_id), labels.get(s.visit, s.visit))
            for s in sessions]
    if rows:
        outputs.add("sheets/attendance.xlsx", render_workbook(rows))
        outputs.add("sheets/attendance.csv", render_attendance_csv(rows))
    if pdf:
        _add_pdfs(outputs, html_jobs, program, stage)
    return outputs


def guide_files(program: Program, state: State, sessions: Sequence[Session],
                agendas: Sequence[Agenda], *, pdf: bool, stage: Stage = _noop) -> OutputSet:
    """Per session a facilitator guide (HTML, PDF) with a confidential staff page."""
    from groupwcc.exporters.guides import render_guide_html

    outputs, html_jobs = OutputSet(), []
    for session, agenda in zip(sessions, agendas, strict=True):
        html = render_guide_html(agenda, session, config=program.config,
                                 cohort=state.cohort(session.cohort_id),
                                 templates_dir=program.templates_dir)
        outputs.add(f"guides/{session.session_id}.html", html)
        html_jobs.append((f"guides/{session.session_id}.pdf", html))
    if pdf:
        _add_pdfs(outputs, html_jobs, program, stage)
    return outputs


def _add_pdfs(outputs: OutputSet, jobs: list[tuple[str, str]], program: Program,
              stage: Stage) -> None:
    from groupwcc.exporters.pdf import render_pdfs_parallel

    if not jobs:
        return
    stage(f"rendering {len(jobs)} PDFs")
    base = program.templates_dir
    pdfs = render_pdfs_parallel([(html, base) for _, html in jobs], processes=None)
    for (name, _), data in zip(jobs, pdfs, strict=True):
        outputs.add(name, data)


def upcoming(today: date, weeks: int) -> tuple[date, date]:
    return today, today + timedelta(days=7 * weeks - 1)


def location_by_session(program: Program, sessions: Sequence[Session]) -> dict[str, str]:
    """What each session's calendar LOCATION says (recorded in the export ledger)."""
    from groupwcc.exporters.ics import session_location

    return {s.session_id: session_location(s, program.config) for s in sessions}
