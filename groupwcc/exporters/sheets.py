"""Printable sign-in sheets: one landscape page per session.

Group-visible columns carry only the caregiver's preferred name and the baby's first name,
each with a last initial, and tick boxes (HHS FAQ 199: sign-in sheets must not show why people
come). By default that is all a sheet shows; a program that keeps the sheet at a staffed desk
may add the due screenings and vaccines in separate, shaded "staff only" columns
(``printing.sign_in_staff_columns``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from groupwcc import i18n
from groupwcc.exporters import labels
from groupwcc.exporters.pdf import PdfJob, render_pdf
from groupwcc.models import Agenda, Cohort, Infant, InfantDue, ProgramConfig, Session

PAPER = "a4"  # the widths fit US Letter too (tests check both)


def sheet_job(session: Session, agenda: Agenda, members: Sequence[Infant], *,
              config: ProgramConfig, cohort: Cohort, visit_label: str,
              staff_columns: bool = False) -> PdfJob:
    """What ``sheet.typ`` needs to typeset the sign-in sheet of ``session``."""
    data = {**header_context(session, config, cohort, visit_label, agenda.language),
            "families": family_rows(members, agenda.due), "staff_columns": staff_columns}
    data["title"] = f"{data['ui']['sign_in']} · {session.session_id}"
    # Families at the desk read the sheet's footer: the Part 2 notice says the records concern
    # substance use, so the sheet carries a neutral confidentiality line instead (the notice
    # is in NOTICE.txt beside it and on the guides' staff pages).
    data["notice"] = data["ui"]["sheet_notice"]
    return PdfJob("sheet", data, session.start, title=data["title"],
                  family=f"{agenda.language}/{agenda.visit}/{session.site}")


def render_sheet_pdf(session: Session, agenda: Agenda, members: Sequence[Infant], *,
                     config: ProgramConfig, cohort: Cohort, visit_label: str,
                     templates_dir: Path | None = None, staff_columns: bool = False) -> bytes:
    """The sign-in sheet of ``session`` as a one-page landscape PDF (``sheet.typ``)."""
    job = sheet_job(session, agenda, members, config=config, cohort=cohort,
                    visit_label=visit_label, staff_columns=staff_columns)
    return render_pdf(job, templates_dir)


def header_context(session: Session, config: ProgramConfig, cohort: Cohort, visit_label: str,
                   language: str) -> dict[str, Any]:
    """What the top of every printed page says about the session, in ``language``."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(config.timezone)
    words = i18n.ui(language)
    return {"ui": words, "lang": i18n.ui_language(language), "session_id": session.session_id,
            "cohort_id": cohort.cohort_id, "visit_label": visit_label,
            "day": labels.format_day(session.start.astimezone(tz), language),
            "times": labels.format_times(session.start, session.end, tz),
            "when": labels.format_span(session.start, session.end, tz, language),
            "room": session.room or (words["online"] if session.virtual_link else ""),
            "site": _site_name(config, session.site), "program": config.program,
            "cancelled": session.status == "cancelled",
            "facilitators": list(session.facilitators),
            "notice": labels.part2_notice(language), "notice_short": labels.PART2_SHORT,
            "paper": PAPER}


def family_rows(members: Sequence[Infant],
                due: Sequence[InfantDue]) -> list[list[dict[str, Any]]]:
    """Members grouped by family (twins together), families ordered by caregiver name."""
    due_by_infant = {d.infant_id: d for d in due}
    families: dict[str, list[Infant]] = {}
    for infant in members:
        families.setdefault(infant.family_id, []).append(infant)
    ordered = sorted(families.values(), key=_family_key)
    rows, number = [], 0
    for family in ordered:
        group = []
        for infant in sorted(family, key=lambda i: (i.display_name.casefold(), i.infant_id)):
            number += 1
            group.append(_row(number, infant, due_by_infant.get(infant.infant_id)))
        rows.append(group)
    return rows


def _family_key(family: list[Infant]) -> tuple[str, str]:
    first = min(family, key=lambda i: i.infant_id)
    return first.caregiver_display_name.casefold(), first.family_id


def _row(number: int, infant: Infant, due: InfantDue | None) -> dict[str, Any]:
    items = due.items if due else ()
    return {"number": number, "caregiver": infant.caregiver_display_name,
            "infant": infant.display_name,
            "screenings": [i.label for i in items if i.kind == "screening"],
            "vaccines": [i.label for i in items if i.kind == "vaccine"]}


def _site_name(config: ProgramConfig, site_id: str) -> str:
    try:
        return config.site(site_id).name
    except KeyError:
        return site_id
