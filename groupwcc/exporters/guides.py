"""Printed facilitator guides: the session's timeline and scripts for everyone who leads it,
then a separate, confidential staff page with each infant's ages and what is due.

The group part carries curriculum content only; the names, ages and due lists are on their
own page, after a page break, under the 42 CFR Part 2 notice (clinical-facts.md §7.2).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from groupwcc.exporters import labels
from groupwcc.exporters.pdf import PdfJob, render_pdf
from groupwcc.exporters.pull_list import pull_list_context
from groupwcc.exporters.sheets import header_context
from groupwcc.exporters.templating import render_template
from groupwcc.models import Agenda, AgendaItem, Cohort, InfantDue, ProgramConfig, Session
from groupwcc.models.agenda import ExamTurn


def guide_context(agenda: Agenda, session: Session, *, config: ProgramConfig,
                  cohort: Cohort) -> dict[str, Any]:
    """Everything a guide shows, as plain JSON-able data (for the PDF and the HTML view)."""
    tz = ZoneInfo(config.timezone)
    context = header_context(session, config, cohort, agenda.visit_label, agenda.language)
    context.update(title=agenda.title, topics=list(agenda.topics),
                   items=[_item(item, tz) for item in agenda.items],
                   checklist=materials_checklist(agenda),
                   due=[_due(d) for d in agenda.due],
                   celebrations=[_celebration(c, agenda.language) for c in agenda.celebrations],
                   next_date=_day(agenda.next_session, agenda.language),
                   exam=_exam(agenda, tz), rotation=[_turn(t, tz) for t in agenda.rotation],
                   warnings=list(agenda.warnings), virtual=agenda.virtual,
                   carer_prompts=list(agenda.carer_prompts),
                   protocol=None if agenda.protocol is None else agenda.protocol.model_dump())
    context["doc_title"] = f"{context['ui']['facilitator_guide']} · {session.session_id}"
    if agenda.pull_list:  # staff page only; absent unless the program keeps vaccine records
        context["pull"] = pull_list_context(agenda)
    return context


def render_guide_html(agenda: Agenda, session: Session, *, config: ProgramConfig,
                      cohort: Cohort, templates_dir: Path | None = None) -> str:
    """The facilitator guide as HTML for a tablet or browser (``guide.html.j2``)."""
    context = guide_context(agenda, session, config=config, cohort=cohort)
    return render_template("guide.html.j2", context, templates_dir)


def guide_job(agenda: Agenda, session: Session, *, config: ProgramConfig,
              cohort: Cohort) -> PdfJob:
    """What ``guide.typ`` needs to typeset the facilitator guide of ``session``."""
    data = guide_context(agenda, session, config=config, cohort=cohort)
    return PdfJob("guide", data, session.start, title=data["doc_title"],
                  family=f"{agenda.language}/{agenda.visit}/{session.site}")


def render_guide_pdf(agenda: Agenda, session: Session, *, config: ProgramConfig,
                     cohort: Cohort, templates_dir: Path | None = None) -> bytes:
    """The facilitator guide of ``session`` as a portrait PDF (``guide.typ``)."""
    return render_pdf(guide_job(agenda, session, config=config, cohort=cohort), templates_dir)


def materials_checklist(agenda: Agenda) -> list[str]:
    """Everything to bring: the agenda's list, then each block's and activity's, once each."""
    found: list[str] = []
    seen: set[str] = set()  # casefolded; a source's own repeats are kept, as before
    for source in (agenda.materials, *(_item_materials(i) for i in agenda.items)):
        new = [m for m in source if m.casefold() not in seen]
        found += new
        seen.update(m.casefold() for m in new)
    return found


def _item_materials(item: AgendaItem) -> Iterable[str]:
    yield from item.block.materials
    if item.activity is not None:
        yield from item.activity.materials


def _item(item: AgendaItem, tz: ZoneInfo) -> dict[str, Any]:
    block, activity = item.block, item.activity
    return {"times": labels.format_times(item.start, item.end, tz), "title": block.title,
            "kind": block.kind, "minutes": block.minutes, "lead": block.lead,
            "prompts": list(block.prompts), "materials": list(block.materials),
            "notes": block.notes,
            "activity": None if activity is None else {
                "kind": activity.kind, "title": activity.title, "minutes": activity.minutes,
                "steps": list(activity.steps), "note": activity.trauma_informed_note,
                "materials": list(activity.materials)}}


def _exam(agenda: Agenda, tz: ZoneInfo) -> dict[str, Any] | None:
    """The exam track for everyone: its window, check length and clinicians (no names of
    babies; those are on the staff page's rotation)."""
    exam = agenda.exam
    if exam is None:
        return None
    from datetime import timedelta

    start = agenda.start + timedelta(minutes=exam.start_minute)
    end = agenda.start + timedelta(minutes=exam.end_minute)
    return {"title": exam.title, "times": labels.format_times(start, end, tz),
            "minutes": exam.minutes_per_baby, "lead": exam.lead,
            "clinicians": list(agenda.clinicians), "prompts": list(exam.prompts),
            "materials": list(exam.materials), "notes": exam.notes}


def _turn(turn: ExamTurn, tz: ZoneInfo) -> dict[str, Any]:
    return {"times": labels.format_times(turn.start, turn.end, tz), "name": turn.display_name,
            "clinician": turn.clinician, "forms": list(turn.forms),
            "point_of_care": list(turn.point_of_care)}


def _day(day: Any, language: str) -> str:
    if day is None:
        return ""
    from datetime import datetime

    return labels.format_day(datetime.combine(day, datetime.min.time()), language)


def _due(due: InfantDue) -> dict[str, Any]:
    return {"name": due.display_name, "age": due.chronological_age,
            "corrected_age": due.corrected_age or "",
            "screenings": _due_labels(due, "screening") + _due_labels(due, "exposure"),
            "vaccines": _due_labels(due, "vaccine"),
            "flags": list(due.flags)}


def _due_labels(due: InfantDue, kind: str) -> list[str]:
    return [f"{i.label} ({i.note})" if i.note else i.label for i in due.items if i.kind == kind]


def _celebration(celebration: Any, language: str) -> dict[str, str]:
    from datetime import datetime

    on = datetime.combine(celebration.on, datetime.min.time())
    return {"name": celebration.display_name, "what": celebration.what,
            "on": labels.format_day(on, language)}

