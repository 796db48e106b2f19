"""Rendering the plan's outputs (tables, calendars, sheets, guides) into an ``OutputSet``.

Nothing here writes files: callers write the set atomically once everything rendered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from groupwcc.api.context import Program, Stage, no_stage
from groupwcc.api.outputs import OutputSet, safe_name
from groupwcc.api.state import State
from groupwcc.models import Agenda, Flag, Session

if TYPE_CHECKING:
    from groupwcc.core.record_due import VaccineRecords
    from groupwcc.exporters.pdf import PdfJob
    from groupwcc.models.screening import FollowUpItem

def render_tables(state: State, outputs: OutputSet) -> None:
    """``cohorts.csv`` (one row per infant), ``sessions.csv``, ``flags.csv``."""
    from groupwcc.exporters.plan_tables import (
        render_cohorts_csv,
        render_flags_csv,
        render_sessions_csv,
    )

    outputs.add("cohorts.csv", render_cohorts_csv(state.cohorts, state.unplaced, state.infants))
    outputs.add("sessions.csv", render_sessions_csv(state.sessions))
    outputs.add("flags.csv", render_flags_csv(state.flags))


def agendas_for(program: Program, state: State, sessions: Sequence[Session],
                open_items: Mapping[str, Sequence[FollowUpItem]] | None = None) -> list[Agenda]:
    """Build the agenda of each session, in its cohort's language, with the slot's clinicians,
    the cohort's next session and the program's crisis numbers. ``open_items`` (by infant id:
    open positive screens and overdue referrals) join each infant's flags on the staff page,
    so the clinician at the visit sees them."""
    from groupwcc.core.agenda import build_agenda, next_session_day
    from groupwcc.core.record_due import pull_list

    records = vaccine_records(state)

    flags_by_session: dict[str, list[Flag]] = {}
    for flag in state.flags:
        flags_by_session.setdefault(flag.session_id, []).append(flag)
    by_cohort: dict[str, list[Session]] = {}  # next_session_day looks only at the cohort's own
    for other in state.sessions:
        by_cohort.setdefault(other.cohort_id, []).append(other)
    agendas = []
    for session in sessions:
        cohort = state.cohort(session.cohort_id)
        curriculum = program.curricula.get(cohort.language) or program.curricula["en"]
        agenda = build_agenda(session, state.active_members(session.cohort_id),
                              curriculum, program.reference,
                              flags=flags_by_session.get(session.session_id, ()),
                              clinicians=_clinicians(program, session),
                              next_session=next_session_day(
                                  session, by_cohort.get(session.cohort_id, ())),
                              crisis=program.config.crisis, vaccine_records=records)
        if records is not None:
            agenda = agenda.model_copy(update={"pull_list": pull_list(agenda.due)})
        agendas.append(_with_open_items(agenda, open_items or {}))
    return agendas


def _with_open_items(agenda: Agenda, open_items: Mapping[str, Sequence[FollowUpItem]]) -> Agenda:
    from groupwcc.i18n import ui

    if not any(d.infant_id in open_items for d in agenda.due):
        return agenda
    word = ui(agenda.language)["open_item"]
    due = tuple(d.model_copy(update={"flags": d.flags + tuple(
        f"{word.format(role=i.role, due=i.due.isoformat())}: {i.what}"
        for i in open_items.get(d.infant_id, ()))}) for d in agenda.due)
    return agenda.model_copy(update={"due": due})


def _clinicians(program: Program, session: Session) -> tuple[str, ...]:
    """The clinicians of the slot the session was scheduled in (none if it was moved off it)."""
    from zoneinfo import ZoneInfo

    local = session.start.astimezone(ZoneInfo(program.config.timezone))
    slot = program.config.slot_of(session.site, local.time().replace(tzinfo=None),
                                  local.weekday(), session.room)
    return slot.clinicians if slot else ()


def vaccine_records(state: State) -> VaccineRecords | None:
    """The program's immunisation records for the due lists, or None while it keeps none
    (the due lists then stay the visit-age ones, with no pull list)."""
    if not state.doses:
        return None
    from groupwcc.core.record_due import VaccineRecords
    from groupwcc.readers.vaccine_series import load_vaccine_series

    return VaccineRecords(load_vaccine_series(), state.doses)


def record_columns_for(program: Program, sessions: Sequence[Session]
                       ) -> dict[str, tuple[str, ...]]:
    """Session id → the attendance workbook's vaccine and screening columns (issue 19)."""
    from groupwcc.core.record_due import record_columns
    from groupwcc.readers.screening_cutoffs import load_screening_cutoffs

    recorded_as = load_screening_cutoffs().recorded_as
    return {s.session_id: record_columns(s.visit, s.day, program.reference, recorded_as)
            for s in sessions}


def sessions_window(state: State, first: date, last: date) -> list[Session]:
    """Sessions between ``first`` and ``last`` that still take place (not cancelled)."""
    return [s for s in state.sessions_between(first, last) if s.status != "cancelled"]


def withdraw_cancelled(outputs: OutputSet, state: State, *, kinds: Sequence[str],
                       timezone: str) -> None:
    """Mark for removal the printed files an earlier run wrote for sessions that are now
    cancelled (``kinds``: "sheets", "guides"), so no one prints a guide or a sign-in sheet for
    a session that will not take place; and the weekly pack of a site and week whose every
    session is cancelled. A pack that still holds a session that takes place is kept (the
    next export of its week writes it again without the cancelled one)."""
    from zoneinfo import ZoneInfo

    from groupwcc.exporters.pack import pack_name

    tz = ZoneInfo(timezone)
    live_packs = {pack_name(s, tz) for s in state.sessions if s.status != "cancelled"}
    for session in state.sessions:
        if session.status != "cancelled":
            continue
        name = safe_name(session.session_id)
        if "sheets" in kinds:
            outputs.withdraw(f"sheets/{name}.pdf")
        if "guides" in kinds:
            outputs.withdraw(f"guides/{name}.pdf")
            outputs.withdraw(f"guides/{name}.html")
        if pack_name(session, tz) not in live_packs:
            outputs.withdraw(pack_name(session, tz))


def sheet_files(program: Program, state: State, sessions: Sequence[Session],
                agendas: Sequence[Agenda], *, pdf: bool, stage: Stage = no_stage) -> OutputSet:
    """Per session a sign-in sheet (PDF), plus one staff workbook and CSV."""
    from groupwcc.exporters.sheets import sheet_job
    from groupwcc.exporters.workbook import render_attendance_csv, render_workbook

    outputs, labels, pdf_jobs = OutputSet(), program.visit_labels(), []
    for session, agenda in zip(sessions, agendas, strict=True) if pdf else ():
        job = sheet_job(session, agenda, state.active_members(session.cohort_id),
                        config=program.config, cohort=state.cohort(session.cohort_id),
                        visit_label=agenda.visit_label,
                        staff_columns=program.config.printing.sign_in_staff_columns)
        pdf_jobs.append((f"sheets/{safe_name(session.session_id)}.pdf", job))
    rows = [(s, state.active_members(s.cohort_id), labels.get(s.visit, s.visit))
            for s in sessions]
    if rows:
        extra = record_columns_for(program, sessions)
        outputs.add("sheets/attendance.xlsx", render_workbook(rows, extra))
        outputs.add("sheets/attendance.csv", render_attendance_csv(rows, extra))
    if pdf:
        _add_pdfs(outputs, pdf_jobs, program, stage)
    return outputs


def guide_files(program: Program, state: State, sessions: Sequence[Session],
                agendas: Sequence[Agenda], *, pdf: bool, stage: Stage = no_stage) -> OutputSet:
    """Per session a facilitator guide (HTML for tablets, PDF) with a confidential staff page."""
    from groupwcc.exporters.guides import guide_job, render_guide_html

    outputs, pdf_jobs = OutputSet(), []
    for session, agenda in zip(sessions, agendas, strict=True):
        cohort = state.cohort(session.cohort_id)
        html = render_guide_html(agenda, session, config=program.config, cohort=cohort,
                                 templates_dir=program.templates_dir)
        outputs.add(f"guides/{safe_name(session.session_id)}.html", html)
        if pdf:  # the job repeats the guide's data: build it only when it is printed
            job = guide_job(agenda, session, config=program.config, cohort=cohort)
            pdf_jobs.append((f"guides/{safe_name(session.session_id)}.pdf", job))
    if pdf:
        _add_pdfs(outputs, pdf_jobs, program, stage)
    return outputs


def pack_files(program: Program, state: State, sessions: Sequence[Session],
               agendas: Sequence[Agenda]) -> OutputSet:
    """The weekly print packs: per site and week, every sheet and guide in one PDF."""
    from groupwcc.exporters.guides import guide_job
    from groupwcc.exporters.pack import render_packs
    from groupwcc.exporters.sheets import sheet_job

    entries = []
    for session, agenda in zip(sessions, agendas, strict=True):
        cohort = state.cohort(session.cohort_id)
        sheet = sheet_job(session, agenda, state.active_members(session.cohort_id),
                          config=program.config, cohort=cohort, visit_label=agenda.visit_label,
                          staff_columns=program.config.printing.sign_in_staff_columns)
        entries.append((session, [sheet, guide_job(agenda, session, config=program.config,
                                                   cohort=cohort)]))
    outputs = OutputSet()
    for name, data in render_packs(entries, timezone=program.config.timezone,
                                   templates_dir=program.templates_dir).items():
        outputs.add(name, data)
    return outputs


def _add_pdfs(outputs: OutputSet, jobs: list[tuple[str, PdfJob]], program: Program,
              stage: Stage) -> None:
    from groupwcc.exporters.pdf import render_pdfs

    if not jobs:
        return
    stage(f"rendering {len(jobs)} PDFs")
    pdfs = render_pdfs([job for _, job in jobs], program.templates_dir)
    for (name, _), data in zip(jobs, pdfs, strict=True):
        outputs.add(name, data)


def upcoming(today: date, weeks: int) -> tuple[date, date]:
    """First and last day of the ``weeks`` weeks starting ``today``."""
    return today, today + timedelta(days=7 * weeks - 1)
