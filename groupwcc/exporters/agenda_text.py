"""An agenda as plain text for the terminal (``groupwcc agenda``): timeline, materials and,
for staff, the due lists. The agenda itself is built in ``core.agenda``."""

from __future__ import annotations

import textwrap
from datetime import timedelta

from groupwcc.core.words import format_day
from groupwcc.exporters.pull_list import pull_list_lines
from groupwcc.i18n import agenda_text
from groupwcc.models import Activity, Agenda, AgendaItem, InfantDue

WIDTH = 96

_PART2 = "42 CFR part 2 prohibits unauthorized disclosure of these records."


def format_agenda(agenda: Agenda, *, staff: bool) -> str:
    """The agenda as plain text for the terminal; due lists and names only when ``staff``."""
    text = agenda_text(agenda.language)
    lines = _header(agenda, text)
    lines += _exam_lines(agenda, text)
    for item in agenda.items:
        lines += _item_lines(item, text)
        if item.block.kind == "recovery-check-in" and agenda.carer_prompts:
            lines += [f"    {text['carer_prompts']}:", *(_wrap(p, "      - ", "        ")
                                                 for p in agenda.carer_prompts)]
    lines += ["", text["checklist"], *(f"  [ ] {m}" for m in agenda.materials)]
    if staff:
        lines += _staff_lines(agenda, text)
        lines += _rotation_lines(agenda, text) + _protocol_lines(agenda)
    return "\n".join(lines) + "\n"


def _exam_lines(agenda: Agenda, text: dict[str, str]) -> list[str]:
    """The second track for everyone: window, check length, clinicians (no babies' names)."""
    exam = agenda.exam
    if exam is None:
        return []
    start = agenda.start + timedelta(minutes=exam.start_minute)
    end = agenda.start + timedelta(minutes=exam.end_minute)
    lines = ["", _wrap(f"{start:%H:%M}–{end:%H:%M}  {text['exam']}: {exam.title} "
                       f"({text['per_baby'].format(minutes=exam.minutes_per_baby)}, "
                       f"{exam.lead})", "", "    "),
             _wrap(f"{text['clinicians']}: {', '.join(agenda.clinicians)}", "    ", "      ")]
    if exam.prompts:
        lines += [f"    {text['prompts']}:", *(_wrap(p, "      - ", "        ")
                                                 for p in exam.prompts)]
    if exam.notes:
        lines.append(_wrap(f"{text['notes']}: {exam.notes}", "    ", "      "))
    return lines


def _rotation_lines(agenda: Agenda, text: dict[str, str]) -> list[str]:
    if not agenda.rotation:
        return []
    lines = ["", text["rotation"]]
    for turn in agenda.rotation:
        extra = [f"{text['forms']}: {', '.join(turn.forms)}"] if turn.forms else []
        extra += [f"{text['poc']}: {', '.join(turn.point_of_care)}"] if turn.point_of_care else []
        lines.append(_wrap(f"{turn.start:%H:%M}–{turn.end:%H:%M}  {turn.display_name} · "
                           f"{turn.clinician}" + (f" — {'; '.join(extra)}" if extra else ""),
                           "  ", "      "))
    return lines


def _protocol_lines(agenda: Agenda) -> list[str]:
    protocol = agenda.protocol
    if protocol is None:
        return []
    lines = ["", "=" * 12 + f" {protocol.title} " + "=" * 12]
    if protocol.intro:
        lines.append(_wrap(protocol.intro, "", ""))
    for section in protocol.sections:
        lines += ["", section.title, *(_wrap(s, "  - ", "    ") for s in section.steps)]
    return lines


def _header(agenda: Agenda, text: dict[str, str]) -> list[str]:
    label = text["visit"].format(label=agenda.visit_label)
    when = (f"{format_day(agenda.start, agenda.language)}, {agenda.start:%H:%M}–"
            f"{agenda.end:%H:%M}")
    lines = [f"{label} · {agenda.title}",
             text["session"].format(session=agenda.session_id, cohort=agenda.cohort_id), when]
    if agenda.next_session:
        lines.append(text["next"].format(day=format_day(agenda.next_session, agenda.language)))
    if agenda.virtual:
        lines.append(text["virtual"])
    lines += [_wrap(f"{text['warning']}: {w}", "! ", "  ") for w in agenda.warnings]
    return [*lines, "", text["topics"], *(_wrap(t, "  - ", "    ") for t in agenda.topics),
            "", text["timeline"]]


def _item_lines(item: AgendaItem, text: dict[str, str]) -> list[str]:
    block = item.block
    lines = ["", f"{item.start:%H:%M}–{item.end:%H:%M}  {block.title} "
                 f"({block.minutes} {text['minutes']}, {block.lead})"]
    if block.prompts:
        lines += [f"    {text['prompts']}:", *(_wrap(p, "      - ", "        ")
                                                 for p in block.prompts)]
    if block.materials:
        lines.append(_wrap(f"{text['materials']}: {', '.join(block.materials)}", "    ", "      "))
    if block.notes:
        lines.append(_wrap(f"{text['notes']}: {block.notes}", "    ", "      "))
    if item.activity is not None:
        lines += _activity_lines(item.activity, text)
    return lines


def _activity_lines(activity: Activity, text: dict[str, str]) -> list[str]:
    lines = [f"    {text[activity.kind]}: {activity.title} ({activity.minutes} {text['minutes']})"]
    lines += [_wrap(step, f"      {n}. ", "         ") for n, step in
              enumerate(activity.steps, start=1)]
    if activity.materials:
        lines.append(_wrap(f"{text['materials']}: {', '.join(activity.materials)}",
                           "      ", "        "))
    if activity.trauma_informed_note:
        lines.append(_wrap(f"{text['trauma_note']}: {activity.trauma_informed_note}",
                           "      ", "        "))
    return lines


def _staff_lines(agenda: Agenda, text: dict[str, str]) -> list[str]:
    lines = ["", "=" * 12 + f" {text['staff']} · {agenda.session_id} " + "=" * 12, _PART2,
             "", text["due_list"]]
    if not agenda.due:
        lines.append(f"  {text['no_members']}")
    for due in agenda.due:
        lines += _due_lines(due, text)
    lines += pull_list_lines(agenda)
    if agenda.celebrations:
        lines += ["", text["celebrations"]]
        lines += [f"  {c.display_name}: {c.what} ({format_day(c.on, agenda.language)})"
                  for c in agenda.celebrations]
    return lines


def _due_lines(due: InfantDue, text: dict[str, str]) -> list[str]:
    ages = text["age"].format(age=due.chronological_age)
    if due.corrected_age:
        ages += ", " + text["corrected_age"].format(age=due.corrected_age)
    lines = ["", f"  {due.display_name} — {ages}"]
    for kind, title in (("screening", text["screenings"]), ("vaccine", text["vaccines"])):
        # exposure tests (staff-only) are listed with the screenings
        chosen = [i for i in due.items if i.kind == kind or (kind, i.kind) == ("screening",
                                                                             "exposure")]
        if chosen:
            lines.append(f"    {title}:")
            lines += [_wrap(f"{i.label} — {i.note}" if i.note else i.label, "      - ",
                            "        ") for i in chosen]
    if due.flags:
        lines += [f"    {text['flags']}:", *(_wrap(f, "      ! ", "        ") for f in due.flags)]
    if not due.items and not due.flags:
        lines.append(f"    {text['nothing_due']}")
    return lines


def _wrap(words: str, first: str, rest: str) -> str:
    return textwrap.fill(words, width=WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)
